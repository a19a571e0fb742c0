/* outbox.c — delivery of the outbox: each message due claimed under a lease (two servers, or a
 * server and `notify run`, never send one twice), sent through its channel's adapter, its outcome
 * written with its audit entry; a failure waits and is tried again with back-off, a dead letter
 * after the rules' tries; a robot over its rate limit waits without losing a try. The worker
 * thread of `cyberduty serve`; the bell's and the outbox's reads as JSON. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "audit/audit.h"
#include "io/jnull.h"
#include "notify/notify_int.h"
#include "svc/act.h"
#include "svc/policy.h"

#define LEASE_S   300 /* a claimed message is another's to send again after this */
#define BATCH     50  /* messages read at once */
#define ROUND_MAX 1000 /* messages one round sends at most (the next round takes the rest) */
#define BACKOFF_MAX 3600

static const char *const state_names[NS__MAX] = {"pending", "sent", "dead"};

/* outcome writes message m's outcome and its audit entry "notify.send" in one transaction. */
static enum cd_err outcome(struct store *s, const struct notify_row *m, const char *kind,
			   enum notify_state st, int tries, cd_time next, cd_time now,
			   const char *error, struct cd_diag *d)
{
	char obj[32], *after;
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:o}", "channel",
			      m->channel_name ? m->channel_name : "", "kind", kind, "rule",
			      m->rule, "account", m->account_name ? m->account_name : "", "state",
			      state_names[st], "tries", tries, "error", jnull_str(error));
	struct audit_entry e;
	enum cd_err rc;

	after = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(j);
	snprintf(obj, sizeof obj, "message:%lld", (long long)m->id);
	e = (struct audit_entry){.at = now, .actor = "notify", .ip = "", .action = "notify.send",
				 .object = obj, .after = after,
				 .outcome = st == NS_SENT ? AUDIT_OK : AUDIT_FAILED};
	rc = store_begin(s, d);
	if (!rc)
		rc = store_notify_outcome(s, m->id, st, tries, next,
					  st == NS_SENT ? now : CD_TIME_NONE, error, d);
	if (!rc)
		rc = audit_append(s, &e, d);
	if (!rc)
		rc = store_commit(s, d);
	else
		store_rollback(s);
	free(after);
	return rc;
}

/* deliver_one sends message m (claimed) through its channel. */
static enum cd_err deliver_one(struct store *s, const struct notify_rules *r,
			       const struct notify_row *m, cd_time now, struct notify_sent *out,
			       struct cd_diag *d)
{
	struct arena *a = arena_new(0);
	struct notify_chan ch;
	struct notify_msg msg = {.subject = m->subject, .body = m->body, .link = m->link};
	char err[256] = "";
	struct cd_diag od = {{0}};
	int tries = m->tries + 1;
	enum cd_err rc, sent;
	long wait;

	if (!a)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = notify_chan_open(s, m->channel, a, &ch, &od);
	if (rc) {
		snprintf(err, sizeof err, "%.200s", od.msg);
		sent = CD_EIO;
	} else if (!ch.enabled) {
		snprintf(err, sizeof err, "the channel is disabled");
		sent = CD_EIO;
	} else {
		sent = !strcmp(ch.kind, "mail") ? notify_mail_send(&ch, m->address, &msg, now, err,
								   sizeof err)
						: notify_robot_send(&ch, m->address, &msg, now, err,
								    sizeof err);
	}
	if (!sent) {
		out->sent++;
		rc = outcome(s, m, m->channel_kind, NS_SENT, tries, CD_TIME_NONE, now, NULL, d);
	} else if (tries >= r->tries) {
		out->dead++;
		rc = outcome(s, m, m->channel_kind ? m->channel_kind : "?", NS_DEAD, tries,
			     CD_TIME_NONE, now, err, d);
	} else {
		wait = (long)r->backoff_s << (tries - 1 < 12 ? tries - 1 : 12);
		out->retried++;
		rc = outcome(s, m, m->channel_kind ? m->channel_kind : "?", NS_PENDING, tries,
			     now + (wait < BACKOFF_MAX ? wait : BACKOFF_MAX), now, err, d);
	}
	arena_free(a);
	return rc;
}

/* claim leases message id in a transaction of its own. */
static enum cd_err claim(struct store *s, int64_t id, cd_time now, bool *got, struct cd_diag *d)
{
	enum cd_err rc = store_begin(s, d);

	if (!rc)
		rc = store_notify_claim(s, id, now, now + LEASE_S, got, d);
	if (!rc)
		rc = store_commit(s, d);
	else
		store_rollback(s);
	return rc;
}

/* over_limit: the channel sent its minute's share already (then the message waits a minute,
 * keeping its tries). */
static enum cd_err over_limit(struct store *s, const struct notify_row *m, cd_time now,
			      bool *over, struct cd_diag *d)
{
	int64_t n = 0;
	enum cd_err rc = store_notify_sent_since(s, m->channel, now - 60, &n, d);

	*over = !rc && n >= notify_rate_limit(m->channel_kind ? m->channel_kind : "");
	if (!rc && *over) {
		rc = store_begin(s, d);
		if (!rc)
			rc = store_notify_outcome(s, m->id, NS_PENDING, m->tries, now + 60,
						  CD_TIME_NONE, "rate limit: waits a minute", d);
		if (!rc)
			rc = store_commit(s, d);
		else
			store_rollback(s);
	}
	return rc;
}

enum cd_err notify_deliver(struct store *s, cd_time now, struct notify_sent *out,
			   struct cd_diag *d)
{
	struct notify_rules r;
	size_t done = 0;
	enum cd_err rc = notify_rules_get(s, &r, d);

	memset(out, 0, sizeof *out);
	while (!rc && done < ROUND_MAX) {
		struct arena *a = arena_new(0);
		struct notify_row *v = NULL;
		size_t n = 0, took = 0;

		if (!a)
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		rc = store_notify_due(s, now, BATCH, a, &v, &n, d);
		for (size_t i = 0; !rc && i < n; i++) {
			bool got = false, over = false;

			if ((rc = over_limit(s, &v[i], now, &over, d)) || over) {
				out->deferred += over;
				continue;
			}
			if ((rc = claim(s, v[i].id, now, &got, d)) || !got)
				continue;
			took++;
			rc = deliver_one(s, &r, &v[i], now, out, d);
		}
		arena_free(a);
		done += n;
		if (n < BATCH || !took)
			break;
	}
	return rc;
}

/* ---- the worker of `serve` ---- */

struct notify_worker {
	pthread_t t;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;
	int interval;
	char *db;
};

/* round plans and delivers once over s. */
static void round_once(struct store *s)
{
	const struct policy *pol = NULL;
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct notify_sent sent;
	size_t added = 0;
	enum cd_err rc = a ? policy_get(s, &pol, &d) : CD_ENOMEM;

	if (!rc) {
		struct act c = {.s = s, .pol = pol, .actor = "notify", .ip = "",
				.now = (cd_time)time(NULL), .a = a, .d = &d};

		rc = notify_plan(&c, false, &added);
	}
	policy_put(pol);
	arena_free(a);
	if (!rc)
		rc = notify_deliver(s, (cd_time)time(NULL), &sent, &d);
	if (rc)
		fprintf(stderr, "cyberduty: notify: %s\n", d.msg);
#if HAVE_MALLOC_TRIM
	/* what the round freed goes back to the system, not kept in the worker thread's malloc
	 * arena until the next round (a rebuild of the obligations reads the whole register) */
	malloc_trim(0);
#endif
}

static void *worker(void *arg)
{
	struct notify_worker *w = arg;
	struct store *s = NULL;
	struct cd_diag d = {{0}};

	if (store_open(w->db, 0, &s, &d)) {
		fprintf(stderr, "cyberduty: notify: %s\n", d.msg);
		return NULL;
	}
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		struct timespec until;

		pthread_mutex_unlock(&w->mu);
		round_once(s);
		pthread_mutex_lock(&w->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->interval;
		while (!w->stop && pthread_cond_timedwait(&w->cv, &w->mu, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&w->mu);
	store_close(s);
	return NULL;
}

enum cd_err notify_worker_start(const char *db, int interval_s, struct notify_worker **out,
				struct cd_diag *d)
{
	struct notify_worker *w = calloc(1, sizeof *w);

	*out = NULL;
	if (!w || !(w->db = strdup(db))) {
		free(w);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	w->interval = interval_s;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	if (pthread_create(&w->t, NULL, worker, w)) {
		free(w->db);
		free(w);
		return cd_diag_set(d, CD_ENOMEM, "cannot start the notification worker");
	}
	*out = w;
	return CD_OK;
}

void notify_worker_stop(struct notify_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->t, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w->db);
	free(w);
}

/* ---- reads ---- */

static json_t *message_json(const struct notify_row *m, bool outbox)
{
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:o, s:o}", "id", (json_int_t)m->id,
			      "rule", m->rule, "level", m->level, "subject", m->subject, "body",
			      m->body, "link", jnull_str(m->link), "created_at",
			      jnull_time(m->created_at));

	if (!o)
		return NULL;
	if (!outbox) {
		json_object_set_new(o, "read", json_boolean(m->read_at != CD_TIME_NONE));
		return o;
	}
	json_object_set_new(o, "channel", jnull_str(m->channel_name));
	json_object_set_new(o, "kind", jnull_str(m->channel_kind));
	json_object_set_new(o, "account", jnull_str(m->account_name));
	json_object_set_new(o, "state", json_string(state_names[m->state]));
	json_object_set_new(o, "tries", json_integer(m->tries));
	json_object_set_new(o, "next_at", jnull_time(m->state == NS_PENDING ? m->next_at
									  : CD_TIME_NONE));
	json_object_set_new(o, "sent_at", jnull_time(m->sent_at));
	json_object_set_new(o, "error", jnull_str(m->last_error));
	return o;
}

static enum cd_err page_json(struct act *c, const struct notify_row *v, size_t n, size_t limit,
			     bool outbox, json_t **out, int64_t *next)
{
	*out = json_array();
	for (size_t i = 0; i < n && i < limit; i++)
		json_array_append_new(*out, message_json(&v[i], outbox));
	*next = n > limit ? v[limit - 1].id : 0;
	return *out ? CD_OK : cd_diag_set(c->d, CD_ENOMEM, "out of memory");
}

enum cd_err notify_inbox(struct act *c, int64_t account, int64_t before, bool unread,
			 size_t limit, json_t **out, int64_t *next)
{
	struct notify_row *v = NULL;
	size_t n = 0;
	enum cd_err rc = store_notify_inbox(c->s, account, before, unread, limit + 1, c->a, &v, &n,
					    c->d);

	*out = NULL;
	*next = 0;
	return rc ? rc : page_json(c, v, n, limit, false, out, next);
}

enum cd_err notify_unread(struct act *c, int64_t account, int64_t *n)
{
	return store_notify_unread(c->s, account, n, c->d);
}

enum cd_err notify_mark(struct act *c, int64_t account, int64_t id, bool read)
{
	enum cd_err rc = store_begin(c->s, c->d);

	if (!rc)
		rc = store_notify_mark(c->s, account, id, read ? c->now : CD_TIME_NONE, c->d);
	if (rc == CD_ENOTFOUND)
		rc = act_fail(c, rc, NULL, "no notification %lld of yours", (long long)id);
	if (!rc)
		rc = store_commit(c->s, c->d);
	else
		store_rollback(c->s);
	return rc;
}

enum cd_err notify_outbox(struct act *c, const char *state, int64_t before, size_t limit,
			  json_t **out, int64_t *next)
{
	struct notify_row *v = NULL;
	size_t n = 0;
	int st = -1;
	enum cd_err rc;

	*out = NULL;
	*next = 0;
	for (int i = 0; state && i < NS__MAX; i++)
		if (!strcmp(state, state_names[i]))
			st = i;
	if (state && st < 0)
		return act_fail(c, CD_EINVAL, "state", "state: give pending, sent or dead");
	rc = store_notify_outbox(c->s, st, before, limit + 1, c->a, &v, &n, c->d);
	return rc ? rc : page_json(c, v, n, limit, true, out, next);
}
