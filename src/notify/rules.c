/* rules.c — what is sent to whom, and when: the messages an act causes at once (a new notice or
 * incident to the office, an accountability proposal or recommendation to those who decide) and
 * the scheduler's decision of the day (reminders ahead of the due date of a notice, a yearly duty
 * or an MLPS deadline by the lead times in working days, escalation up the unit's chain when it
 * is overdue, an incident's report clock half an hour ahead and at the deadline), each written
 * to the outbox under its idempotency key in the transaction of the act or of the decision.
 * Who: the accounts of the role that must act whose scope holds the unit (the office's when
 * there is none); the persons of the chain are named from the register with the article that
 * makes it their duty — in the bell only (the signed-in receiver may read them there); the
 * channels carry the role and the unit, not the person's name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify/notify_int.h"
#include "auth/secret.h"
#include "svc/work.h"

/* ---- the rules ---- */

#define KEY_LEADS    "notify_leads"
#define KEY_ESCALATE "notify_escalate"
#define KEY_TRIES    "notify_tries"
#define KEY_BACKOFF  "notify_backoff"
#define KEY_BASE_URL "notify_base_url"
#define KEY_DIGEST   "notify_digest"
#define KEY_OBLIGATIONS "notify_obligations"
#define KEY_DIGEST_WEEK "notify_digest_week" /* the Monday of the last week digested */

/* parse_list reads "a,b,…" of integers in [0, 60] into v[0..max), distinct: *n of them. */
static bool parse_list(const char *s, int *v, size_t max, size_t *n)
{
	*n = 0;
	while (*s) {
		char *end = NULL;
		long x = strtol(s, &end, 10);

		if (end == s || x < 0 || x > 60 || *n == max)
			return false;
		for (size_t i = 0; i < *n; i++)
			if (v[i] == (int)x)
				return false;
		v[(*n)++] = (int)x;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return false;
	}
	return *n > 0;
}

static bool parse_int(const char *s, long lo, long hi, int *out)
{
	char *end = NULL;
	long x = strtol(s, &end, 10);

	if (end == s || *end || x < lo || x > hi)
		return false;
	*out = (int)x;
	return true;
}

/* parse_switch reads "on" or "off" into *out. */
static bool parse_switch(const char *s, bool *out)
{
	if (strcmp(s, "on") && strcmp(s, "off"))
		return false;
	*out = !strcmp(s, "on");
	return true;
}

/* rule_apply sets key of r from value; false when it is not one. */
static bool rule_apply(struct notify_rules *r, const char *key, const char *value)
{
	size_t n = 0;
	int esc[2];

	if (!strcmp(key, "leads"))
		return parse_list(value, r->leads, NOTIFY_LEADS_MAX, &r->nleads);
	if (!strcmp(key, "escalate")) {
		if (!parse_list(value, esc, 2, &n) || n != 2 || esc[0] < 1 || esc[1] <= esc[0])
			return false;
		r->escalate[0] = esc[0];
		r->escalate[1] = esc[1];
		return true;
	}
	if (!strcmp(key, "tries"))
		return parse_int(value, 1, 20, &r->tries);
	if (!strcmp(key, "backoff"))
		return parse_int(value, 1, 3600, &r->backoff_s);
	if (!strcmp(key, "digest"))
		return parse_switch(value, &r->digest);
	if (!strcmp(key, "obligations"))
		return parse_switch(value, &r->obligations);
	if (!strcmp(key, "base_url")) {
		if (strlen(value) >= sizeof r->base_url ||
		    (*value && strncmp(value, "https://", 8) && strncmp(value, "http://", 7)))
			return false;
		snprintf(r->base_url, sizeof r->base_url, "%s", value);
		return true;
	}
	return false;
}

static const struct {
	const char *key, *meta, *dflt, *what;
} rule_defs[] = {
	{"leads", KEY_LEADS, NOTIFY_DEFAULT_LEADS,
	 "leads: give the working days before a due date a reminder goes, e.g. 2,1,0 (0 to 60)"},
	{"escalate", KEY_ESCALATE, NOTIFY_DEFAULT_ESCALATE,
	 "escalate: give two working-day counts overdue, e.g. 1,3 (to the direct responsible, then "
	 "to the first responsible; the second larger)"},
	{"tries", KEY_TRIES, "5", "tries: give 1 to 20 (tries before a message is a dead letter)"},
	{"backoff", KEY_BACKOFF, "60",
	 "backoff: give 1 to 3600 seconds (the first wait after a failed try; doubled after each)"},
	{"digest", KEY_DIGEST, "on", "digest: give on or off (the weekly digest of each account)"},
	{"obligations", KEY_OBLIGATIONS, "on",
	 "obligations: give on or off (the reminders and escalations of the yearly duties and MLPS "
	 "deadlines)"},
	{"base_url", KEY_BASE_URL, "",
	 "base_url: give the web application's address, http(s)://HOST[:PORT] (or empty)"},
};
#define NRULES (sizeof rule_defs / sizeof *rule_defs)
#define KEYS_ASKED                                                                                 \
	"key: give leads, escalate, tries, backoff, digest, obligations or base_url, not \"%.32s\""

enum cd_err notify_rules_get(struct store *s, struct notify_rules *r, struct cd_diag *d)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < NRULES; i++) {
		char *v = NULL;
		enum cd_err rc = store_meta_get(s, rule_defs[i].meta, &v, d);

		if (rc && rc != CD_ENOTFOUND)
			return rc;
		if (rc || !rule_apply(r, rule_defs[i].key, v))
			rule_apply(r, rule_defs[i].key, rule_defs[i].dflt);
		free(v);
	}
	return CD_OK;
}

enum cd_err notify_rules_change(struct act *c, const char *const *keys,
				const char *const *values, size_t n)
{
	struct notify_rules r;
	size_t def[NRULES];
	enum cd_err rc = notify_rules_get(c->s, &r, c->d);
	json_t *before;

	if (rc)
		return rc;
	if (n > NRULES) /* more than there are rules: one of them is no rule or said twice */
		return act_fail(c, CD_EINVAL, "key",
				KEYS_ASKED, keys[NRULES]);
	before = notify_rules_json(&r);
	/* every value checked before anything is written: one bad field writes none */
	for (size_t k = 0; k < n; k++) {
		size_t i;

		for (i = 0; i < NRULES && strcmp(rule_defs[i].key, keys[k]); i++)
			;
		if (i == NRULES) {
			json_decref(before);
			return act_fail(c, CD_EINVAL, "key",
					KEYS_ASKED, keys[k]);
		}
		if (!rule_apply(&r, keys[k], values[k])) {
			json_decref(before);
			return act_fail(c, CD_EINVAL, keys[k], "%s", lang_tr(rule_defs[i].what));
		}
		def[k] = i;
	}
	if ((rc = act_begin(c))) {
		json_decref(before);
		return rc;
	}
	c->derived_kept = true;
	for (size_t k = 0; !rc && k < n; k++)
		rc = store_meta_set(c->s, rule_defs[def[k]].meta, values[k], c->d);
	return act_end(c, rc, "notify.rules", "notify_rules", before,
		       rc ? NULL : notify_rules_json(&r));
}

enum cd_err notify_rules_set(struct act *c, const char *key, const char *value)
{
	return notify_rules_change(c, &key, &value, 1);
}

json_t *notify_rules_json(const struct notify_rules *r)
{
	json_t *leads = json_array();

	for (size_t i = 0; i < r->nleads; i++)
		json_array_append_new(leads, json_integer(r->leads[i]));
	return json_pack("{s:o, s:[i, i], s:i, s:i, s:b, s:b, s:s}", "leads", leads, "escalate",
			 r->escalate[0], r->escalate[1], "tries", r->tries, "backoff", r->backoff_s,
			 "digest", r->digest, "obligations", r->obligations, "base_url", r->base_url);
}

/* ---- writing a message to the bell and the outbox ---- */

/* One message of a rule about one object, before its recipients are known. */
struct item {
	const char *rule;
	int level;
	int64_t unit;
	const char *key;        /* rule:object:deadline:lead — the recipient is appended */
	const char *subject;
	const char *body;       /* what every channel carries */
	const char *bell_extra; /* what only the bell adds (the persons named), or NULL */
	const char *link;       /* "#/notices/ID" */
	int64_t acc;            /* the digest's one account (0: by role) */
	const char *acc_name;
};

static char *fmt(struct arena *a, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(struct arena *a, const char *f, ...)
{
	va_list ap;
	char *out;
	int n;

	va_start(ap, f);
	n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0 || !(out = arena_alloc(a, (size_t)n + 1)))
		return NULL;
	va_start(ap, f);
	vsnprintf(out, (size_t)n + 1, f, ap);
	va_end(ap);
	return out;
}

/* The messages a round decides are not written as they are decided: the round reads in a read
 * transaction, which never holds the database's one write lock (the server's writer, answering
 * the acts, would wait for the whole round: seconds at 100,000 systems, measured in
 * bench/RESULTS.md, "Writes: where the time went"). Each message decided is looked up by its
 * idempotency key; one not written yet is kept here, and the round writes those together in one
 * short write transaction with its audit entry. A message decided over the round's snapshot is
 * written a moment later: as if the round had run that moment earlier. */
struct notify_batch {
	struct arena *a; /* the round's */
	struct notify_row *rows;
	size_t n, cap;
};

/* put writes m — or, during a round, keeps a copy of it in the round's batch unless a message
 * with its key is written already. */
static enum cd_err put(struct act *c, const struct notify_rules *r, const struct notify_row *m,
		       size_t *added)
{
	struct notify_batch *b = r->batch;
	struct notify_row *k;
	bool yes = false;
	enum cd_err rc;

	if (!b) {
		struct notify_row w = *m;

		rc = store_notify_add(c->s, &w, &yes, c->d);
		*added += yes;
		return rc;
	}
	if ((rc = store_notify_known(c->s, m->key, &yes, c->d)) || yes)
		return rc;
	if (!(k = arena_grow(b->a, &b->rows, &b->n, &b->cap, sizeof *k)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	*k = *m;
	k->key = arena_strdup(b->a, m->key);
	k->address = arena_strdup(b->a, m->address);
	k->rule = arena_strdup(b->a, m->rule);
	k->subject = arena_strdup(b->a, m->subject);
	k->body = arena_strdup(b->a, m->body);
	k->link = arena_strdup(b->a, m->link);
	if (!k->key || (m->address && !k->address) || !k->rule || !k->subject || !k->body ||
	    (m->link && !k->link))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	return CD_OK;
}

/* add_one writes one message of it to account acc (the bell) and to each channel it chose. */
static enum cd_err add_one(struct act *c, const struct notify_rules *r, const struct item *it,
			   const struct notify_account *acc, size_t *added)
{
	struct notify_pref_row *p = NULL;
	size_t np = 0;
	const char *link = it->link && *r->base_url ? fmt(c->a, "%s/%s", r->base_url, it->link)
						     : it->link;
	struct notify_row m = {.account = acc->id, .rule = it->rule, .level = it->level,
			       .unit = it->unit, .subject = it->subject, .link = it->link,
			       .created_at = c->now, .state = NS_SENT, .sent_at = c->now,
			       .next_at = CD_TIME_NONE, .address = ""};
	enum cd_err rc;

	m.key = fmt(c->a, "%s:a%lld", it->key, (long long)acc->id);
	m.body = it->bell_extra ? fmt(c->a, "%s\n%s", it->body, it->bell_extra) : it->body;
	if (!m.key || !m.body || (it->link && !link))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if ((rc = put(c, r, &m, added)))
		return rc;
	if ((rc = store_notify_pref_list(c->s, acc->id, c->a, &p, &np, c->d)))
		return rc;
	for (size_t i = 0; i < np; i++) {
		struct notify_row o = m;

		if (!p[i].enabled)
			continue;
		o.key = fmt(c->a, "%s:a%lld:c%lld", it->key, (long long)acc->id,
			    (long long)p[i].channel);
		o.channel = p[i].channel;
		o.address = p[i].address;
		o.body = it->body;
		o.link = link;
		o.state = NS_PENDING;
		o.sent_at = CD_TIME_NONE;
		o.next_at = c->now;
		if (!o.key)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		if ((rc = put(c, r, &o, added)))
			return rc;
	}
	return CD_OK;
}

/* send_to writes it to every account of role whose scope holds its unit — to the office's when
 * there is none, so that a reminder always reaches someone. */
static enum cd_err send_to(struct act *c, const struct notify_rules *r, const struct item *it,
			   const char *role, size_t *added)
{
	struct notify_account *v = NULL;
	size_t n = 0;
	enum cd_err rc = store_notify_accounts(c->s, role, it->unit, c->a, &v, &n, c->d);

	if (!rc && !n && strcmp(role, "office"))
		rc = store_notify_accounts(c->s, "office", it->unit, c->a, &v, &n, c->d);
	for (size_t i = 0; !rc && i < n; i++)
		rc = add_one(c, r, it, &v[i], added);
	return rc;
}

/* role_article: the article of the profile that makes role a duty ("" when it says none). */
static const char *role_article(const struct profile *p, enum role role)
{
	for (size_t i = 0; i < p->nroles; i++)
		if (p->roles[i].role == role && p->roles[i].article)
			return p->roles[i].article;
	return "";
}

/* holder_line: "网络安全员：NAME（UNIT）" of the holder of role for unit on day, or a line saying
 * none is recorded. */
static const char *holder_line(struct act *c, int64_t unit, enum role role, cd_date day)
{
	const char *person = NULL, *uname = NULL;
	bool found = false;

	if (store_notify_holder(c->s, unit, role_code(role), day, c->a, &person, &uname, &found,
				NULL))
		return NULL;
	return found ? fmt(c->a, "%s：%s（%s）", role_label(role), person, uname)
		     : fmt(c->a, "%s：未登记", role_label(role));
}

/* ---- the acts that notify at once ---- */

static enum cd_err on_notice(struct act *c, const struct notify_rules *r, int64_t id,
			     size_t *added)
{
	struct notice_view v;
	struct item it = {.rule = "notice.new"};
	char due[11] = "—";
	enum cd_err rc = svc_notice_brief(c, id, &v); /* its 举一反三 list is not told */

	if (rc)
		return rc;
	if (v.due.due != CD_DATE_NONE)
		date_format(v.due.due, due);
	it.unit = v.row.n.unit;
	it.key = fmt(c->a, "notice.new:%lld", (long long)id);
	it.subject = fmt(c->a, "【新通报】%s", v.row.n.code);
	it.body = fmt(c->a, "收到通报 %s（%s）\n责任单位：%s\n整改期限：%s",
		      v.row.n.code, v.row.n.authority, v.row.unit_code ? v.row.unit_code : "—",
		      due);
	it.link = fmt(c->a, "#/notices/%lld", (long long)id);
	if (!it.key || !it.subject || !it.body || !it.link)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = send_to(c, r, &it, "office", added);
	if (!rc && it.unit) /* and to the unit's security officer, who must act */
		rc = send_to(c, r, &it, "officer", added);
	return rc;
}

static enum cd_err on_incident(struct act *c, const struct notify_rules *r, const char *action,
			       int64_t id, size_t *added)
{
	struct incident x;
	struct item it = {.rule = "incident.new"};
	bool propose = strcmp(action, "incident.create") != 0;
	enum cd_err rc = svc_incident_read(c, id, NULL, &x);

	if (rc)
		return rc;
	it.unit = x.unit;
	it.link = fmt(c->a, "#/incidents/%lld", (long long)id);
	if (propose) {
		it.rule = "incident.case";
		it.key = fmt(c->a, "%s:%lld:%lld", action, (long long)id, (long long)c->now);
		it.subject = fmt(c->a, "【问责】事件 %s：%s", x.code,
				 strcmp(action, "incident.propose") ? "问责建议已形成"
								    : "问责提议已形成");
		it.body = fmt(c->a, "事件 %s%s%s%s的责任追究待决定。", x.code,
			      x.title && *x.title ? "（" : "", x.title ? x.title : "",
			      x.title && *x.title ? "）" : "");
	} else {
		it.key = fmt(c->a, "incident.new:%lld", (long long)id);
		it.subject = fmt(c->a, "【新事件】%s", x.code);
		it.body = fmt(c->a, "登记网络安全事件 %s%s%s%s，请按时限报告。", x.code,
			      x.title && *x.title ? "（" : "", x.title ? x.title : "",
			      x.title && *x.title ? "）" : "");
	}
	if (!it.key || !it.subject || !it.body || !it.link)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = send_to(c, r, &it, "office", added);
	if (!rc && propose)
		rc = send_to(c, r, &it, "leader", added);
	else if (!rc && x.unit) /* at detection, the unit's officers too */
		rc = send_to(c, r, &it, "officer", added);
	return rc;
}

enum cd_err notify_act(struct act *c, const char *action, const char *object)
{
	struct notify_rules r;
	size_t added = 0;
	long long id = 0;
	enum cd_err rc;

	if (!action || !object || !c->pol)
		return CD_OK;
	if (!strcmp(action, "notice.create") && sscanf(object, "notice:%lld", &id) == 1) {
		if (!(rc = notify_rules_get(c->s, &r, c->d)))
			rc = on_notice(c, &r, id, &added);
		return rc;
	}
	if ((!strcmp(action, "incident.create") || !strcmp(action, "incident.propose") ||
	     !strcmp(action, "incident.recommend")) &&
	    sscanf(object, "incident:%lld", &id) == 1) {
		if (!(rc = notify_rules_get(c->s, &r, c->d)))
			rc = on_incident(c, &r, action, id, &added);
		return rc;
	}
	return CD_OK;
}

/* ---- the scheduler's decision ---- */

/* Something due that the scheduler reminds of: a notice to answer, a yearly duty or MLPS
 * deadline to meet. */
struct due_item {
	const char *kind;      /* "notice", "oblig": the rules' prefix */
	const char *ident;     /* what the key names (with the due date): the record */
	const char *what;      /* "通报 烟网信通〔2024〕31号" */
	const char *detail;    /* the body's first line */
	const char *due_label; /* "整改期限", "期限" */
	const char *ask;       /* what the officer is asked before the due date */
	const char *ask_now;   /* … and once it has passed */
	int64_t unit;
	const char *unit_code;
	cd_date due;
	const char *article;   /* what sets the deadline ("" none) */
	const char *link;
};

/* plan_due writes what is due today of d: the reminder of the nearest lead time reached; once
 * overdue the officer each time a level is reached, and up the chain — the direct responsible,
 * then the first responsible (逐级) — with the article that makes it their duty. */
static enum cd_err plan_due(struct act *c, const struct notify_rules *r,
			    const struct calendar *cal, const struct due_item *d, cd_date today,
			    size_t *added)
{
	static const struct {
		const char *role;
		enum role holder;
	} up[3] = {{"officer", ROLE_SECURITY_OFFICER},
		   {"unit_leader", ROLE_DIRECT_RESPONSIBLE},
		   {"leader", ROLE_FIRST_RESPONSIBLE}};
	const struct profile *p = act_profile(c);
	struct item it = {.unit = d->unit, .link = d->link};
	char due[11];
	int left = calendar_workdays_until(cal, today, d->due), lead = -1;
	enum cd_err rc = CD_OK;

	date_format(d->due, due);
	if (left >= 0) {
		for (size_t i = 0; i < r->nleads; i++) /* the nearest lead time reached */
			if (left <= r->leads[i] && (lead < 0 || r->leads[i] < lead))
				lead = r->leads[i];
		if (lead < 0)
			return CD_OK;
		it.rule = fmt(c->a, "%s.due", d->kind);
		it.key = fmt(c->a, "%s.due:%s:%s:L%d", d->kind, d->ident, due, lead);
		it.subject = left ? fmt(c->a, "【提醒】%s 将于 %s 到期（剩 %d 个工作日）", d->what,
					due, left)
				  : fmt(c->a, "【提醒】%s 今日（%s）到期", d->what, due);
		it.body = fmt(c->a, "%s\n责任单位：%s\n%s：%s，剩余 %d 个工作日\n%s%s%s", d->detail,
			      d->unit_code, d->due_label, due, left, d->ask,
			      *d->article ? "依据：" : "", d->article);
		it.bell_extra = holder_line(c, d->unit, ROLE_SECURITY_OFFICER, today);
		if (!it.rule || !it.key || !it.subject || !it.body)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		return send_to(c, r, &it, "officer", added);
	}
	for (int level = 0; !rc && level < 3; level++) {
		int over = -left;
		const char *art = role_article(p, up[level].holder);

		if (level && over < r->escalate[level - 1])
			break;
		it.rule = fmt(c->a, level ? "%s.escalate" : "%s.overdue", d->kind);
		it.level = level;
		it.key = fmt(c->a, "%s.overdue:%s:%s:E%d", d->kind, d->ident, due, level);
		it.subject = level ? fmt(c->a, "【逾期升级】%s 已逾期 %d 个工作日，请%s督办", d->what,
					 over, role_label(up[level].holder))
				   : fmt(c->a, "【逾期】%s 已逾期 %d 个工作日", d->what, over);
		it.body = fmt(c->a, "%s\n责任单位：%s\n%s：%s，已逾期 %d 个工作日\n%s：%s%s%s",
			      d->detail, d->unit_code, d->due_label, due, over,
			      level ? "按网络安全工作责任制逐级督办，责任人" : d->ask_now,
			      role_label(up[level].holder), *art ? "，依据：" : "", art);
		it.bell_extra = holder_line(c, d->unit, up[level].holder, today);
		if (!it.rule || !it.key || !it.subject || !it.body)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = send_to(c, r, &it, up[level].role, added);
		if (!rc && level == 2)
			rc = send_to(c, r, &it, "office", added);
	}
	return rc;
}

/* plan_notice: a notice not yet answered. */
static enum cd_err plan_notice(struct act *c, const struct notify_rules *r,
			       const struct notice_view *v, cd_date today, size_t *added)
{
	const struct profile *p = act_profile(c);
	const struct notice *n = &v->row.n;
	struct due_item d = {.kind = "notice", .due_label = "整改期限",
			     .ask = "请网络安全员按期整改并反馈。",
			     .ask_now = "请网络安全员立即整改并反馈", .unit = n->unit,
			     .unit_code = v->row.unit_code ? v->row.unit_code : "—",
			     .due = v->due.due,
			     .article = p->numbers.rectify_article ? p->numbers.rectify_article : ""};

	if (v->due.due == CD_DATE_NONE || n->feedback_at != CD_TIME_NONE)
		return CD_OK;
	d.ident = fmt(c->a, "%lld", (long long)n->id);
	d.what = fmt(c->a, "通报 %s", n->code);
	d.detail = fmt(c->a, "通报：%s（%s）", n->code, n->authority);
	d.link = fmt(c->a, "#/notices/%lld", (long long)n->id);
	if (!d.ident || !d.what || !d.detail || !d.link)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	return plan_due(c, r, v->cal, &d, today, added);
}

/* plan_oblig: a yearly duty or MLPS deadline of a unit not yet met. Its key names what it is —
 * duty or kind, unit, system, period — not the row, which a rebuild of the derived obligations
 * numbers anew. */
static enum cd_err plan_oblig(struct act *c, const struct notify_rules *r,
			      const struct calendar *cal, const struct oblig_row *o, cd_date today,
			      size_t *added)
{
	struct due_item d = {.kind = "oblig", .due_label = "期限",
			     .ask = "请网络安全员按期完成并登记记录。",
			     .ask_now = "请网络安全员尽快完成并登记记录", .unit = o->o.unit,
			     .unit_code = o->unit_code ? o->unit_code : "—", .due = o->o.due,
			     .article = o->o.article ? o->o.article : "", .link = "#/"};

	d.ident = fmt(c->a, "%s:u%lld:a%lld:%s", o->duty_id ? o->duty_id : oblig_kind_code(o->o.kind),
		      (long long)o->o.unit, (long long)o->o.asset, o->o.period);
	d.what = *o->o.period ? fmt(c->a, "%s（%s）", o->o.name, o->o.period)
			      : fmt(c->a, "%s（%s）", o->o.name, o->asset_code ? o->asset_code : "");
	d.detail = fmt(c->a, "工作任务：%s", d.what ? d.what : "");
	if (!d.ident || !d.what || !d.detail)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	return plan_due(c, r, cal, &d, today, added);
}

/* ---- the weekly digest ---- */

/* num: the integer at path k1.k2[.k3] of o (0 when absent). */
static long num(json_t *o, const char *k1, const char *k2, const char *k3)
{
	json_t *v = json_object_get(json_object_get(o, k1), k2);

	return (long)json_integer_value(k3 ? json_object_get(v, k3) : v);
}

/* digests reads, before the round's transaction (a dashboard read may rebuild the derived
 * obligations), the week's digest of every business account with a scope — from the dashboard
 * of that scope (svc/summary.c) — into *out, unless this week's were written already. */
static enum cd_err digests(struct act *c, cd_date today, char week[11], struct item **out,
			   size_t *n)
{
	struct store_account *acc = NULL;
	size_t nacc = 0, cap = 0;
	char *done = NULL;
	enum cd_err rc = store_meta_get(c->s, KEY_DIGEST_WEEK, &done, c->d);

	*out = NULL;
	*n = 0;
	date_format(today - (date_weekday(today) - 1), week); /* this week's Monday */
	if (rc == CD_ENOTFOUND)
		rc = CD_OK;
	if (rc || (done && !strcmp(done, week))) {
		free(done);
		return rc;
	}
	free(done);
	if ((rc = store_account_list(c->s, &acc, &nacc, c->d)))
		return rc;
	for (size_t i = 0; !rc && i < nacc; i++) {
		struct act a = *c;
		struct item *it;
		json_t *j = NULL;
		long over, today_n;

		if (acc[i].disabled || !acc[i].unit || acc[i].role == AR_NONE ||
		    acc[i].role >= AR_SYSADMIN)
			continue;
		a.scope = acc[i].unit;
		if ((rc = svc_summary(&a, &j)))
			break;
		over = num(j, "notices", "by_state", "overdue") +
		       num(j, "obligations", "duty", "overdue") +
		       num(j, "obligations", "mlps_filing", "overdue") +
		       num(j, "obligations", "mlps_assessment", "overdue");
		today_n = num(j, "notices", "by_state", "due_today") +
			  num(j, "obligations", "duty", "due_today") +
			  num(j, "obligations", "mlps_filing", "due_today") +
			  num(j, "obligations", "mlps_assessment", "due_today");
		if (!(it = arena_grow(c->a, out, n, &cap, sizeof *it))) {
			json_decref(j);
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		*it = (struct item){.rule = "digest.weekly", .unit = acc[i].unit, .link = "#/"};
		it->key = fmt(c->a, "digest.weekly:%s", week);
		it->subject = fmt(c->a, "【每周提醒】%s 起的一周：已逾期 %ld 项，今日到期 %ld 项", week,
				  over, today_n);
		it->body = fmt(c->a, "通报：已逾期 %ld，今日到期 %ld，未到期 %ld\n"
				     "年度工作与等级保护：已逾期 %ld，今日到期 %ld，未到期 %ld\n"
				     "安全事件报告：已超时 %ld，未到时限 %ld\n责任缺口见待办页。",
			       num(j, "notices", "by_state", "overdue"),
			       num(j, "notices", "by_state", "due_today"),
			       num(j, "notices", "by_state", "open"),
			       over - num(j, "notices", "by_state", "overdue"),
			       today_n - num(j, "notices", "by_state", "due_today"),
			       num(j, "obligations", "duty", "open") +
				       num(j, "obligations", "mlps_filing", "open") +
				       num(j, "obligations", "mlps_assessment", "open"),
			       (long)json_integer_value(json_object_get(
				       json_object_get(json_object_get(json_object_get(j, "incidents"),
								       "reports"),
						       "by_state"),
				       "overdue")),
			       (long)json_integer_value(json_object_get(
				       json_object_get(json_object_get(json_object_get(j, "incidents"),
								       "reports"),
						       "by_state"),
				       "open")));
		it->acc = acc[i].id;
		it->acc_name = arena_strdup(c->a, acc[i].name);
		json_decref(j);
		if (!it->key || !it->subject || !it->body)
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	secret_wipe(acc, nacc * sizeof *acc);
	free(acc);
	return rc;
}

/* OBLIG_BACK_DAYS: how far back an obligation overdue is still escalated — a first round over an
 * organisation with years of history escalates what is recent, not every duty ever missed (the
 * 待办 page and `due` list them all). OBLIG_AHEAD_DAYS: how far ahead the due dates read reach,
 * past any lead time in working days. */
#define OBLIG_BACK_DAYS  30
#define OBLIG_AHEAD_DAYS 120

#define ROUND_PAGE 200 /* the rows a round reads at once, each page in an arena of its own */

/* page_arena gives c an arena of its own for one page of a round (the previous page's, if any,
 * freed): what a round holds is a page, whatever the size of the organisation. */
static enum cd_err page_arena(struct act *c, struct arena *outer, struct arena **page)
{
	if (*page)
		arena_free(*page);
	c->a = outer;
	if (!(*page = arena_new(0)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	c->a = *page;
	return CD_OK;
}

/* plan_obligations writes the reminders of the obligations of units not met, due from
 * OBLIG_BACK_DAYS ago to OBLIG_AHEAD_DAYS ahead — read through the due-date index from the first
 * of those days on (never the years before it), a page at a time. The obligations are fresh:
 * svc_obligations_ensure ran before the round's transaction. */
static enum cd_err plan_obligations(struct act *c, const struct notify_rules *r,
				    const struct calendar *cal, cd_date today, size_t *added)
{
	/* (due, name, unit, asset, id) after (first day, "", min, min, min): from the first day */
	struct oblig_query q = {.scope = c->scope, .state = -1, .today = today, .after = true,
				.after_due = today - OBLIG_BACK_DAYS, .after_name = "",
				.after_unit = INT64_MIN, .after_asset = INT64_MIN,
				.after_id = INT64_MIN, .limit = ROUND_PAGE};
	struct arena *outer = c->a, *page = NULL, *prev = NULL;
	enum cd_err rc = CD_OK;
	bool more = true;

	while (!rc && more) {
		struct oblig_row *v = NULL;
		size_t got = 0;

		/* the page before stays until this one is read: the cursor points into it */
		prev = page;
		page = NULL;
		if ((rc = page_arena(c, outer, &page)))
			break;
		rc = store_obligation_page(c->s, &q, page, &v, &got, c->d);
		if (prev)
			arena_free(prev);
		prev = NULL;
		more = got == ROUND_PAGE;
		for (size_t i = 0; !rc && i < got; i++) {
			if (v[i].o.due > today + OBLIG_AHEAD_DAYS) {
				more = false;
				break;
			}
			if (v[i].o.unit && v[i].o.done_on == CD_DATE_NONE)
				rc = plan_oblig(c, r, cal, &v[i], today, added);
		}
		if (got) {
			const struct oblig_row *last = &v[got - 1];

			q.after_due = last->o.due;
			q.after_name = last->o.name;
			q.after_unit = last->o.unit;
			q.after_asset = last->o.asset;
			q.after_id = last->id;
		}
	}
	c->a = outer;
	if (page)
		arena_free(page);
	return rc;
}

/* REPORT_AHEAD_S: how long before an incident's report is due the reminder goes (the 2025
 * reporting measures give hours: 1 for 特别重大 and 重大, 2 … 4; half an hour ahead leaves time
 * to act). REPORT_LATE_S: how long after the deadline an unreported incident is still told of. */
#define REPORT_AHEAD_S (30 * 60)
#define REPORT_LATE_S  (7 * 86400)

/* plan_incident: an incident whose report is required and not made — half an hour before the
 * deadline and at it, to the office and the unit's security officers, on any day and hour. */
static enum cd_err plan_incident(struct act *c, const struct notify_rules *r,
				 const struct incident_view *v, size_t *added)
{
	const struct incident_analysis *an = &v->an;
	struct item it = {.unit = v->x.unit, .rule = "incident.report"};
	char due[26];
	bool late = c->now >= an->report_due;
	long mins;
	enum cd_err rc;

	if (!an->report_required || an->report_due == CD_TIME_NONE ||
	    an->reported_at != CD_TIME_NONE || c->now < an->report_due - REPORT_AHEAD_S ||
	    c->now > an->report_due + REPORT_LATE_S)
		return CD_OK;
	time_format(an->report_due, due);
	due[10] = ' ';
	due[16] = '\0'; /* "2026-05-12 13:00" */
	mins = (long)((late ? c->now - an->report_due : an->report_due - c->now) / 60);
	it.level = late;
	it.key = fmt(c->a, "incident.report:%lld:%lld:%s", (long long)v->x.id,
		     (long long)an->report_due, late ? "due" : "M30");
	if (late && mins >= 60)
		it.subject = fmt(c->a, "【超时】事件 %s 应于 %s 报告，已超时 %ld 小时 %ld 分钟",
				 v->x.code, due, mins / 60, mins % 60);
	else if (late)
		it.subject = fmt(c->a, "【超时】事件 %s 应于 %s 报告，已超时 %ld 分钟", v->x.code, due,
				 mins);
	else
		it.subject = fmt(c->a, "【报告提醒】事件 %s 应于 %s 前报告（还有 %ld 分钟）", v->x.code,
				 due, mins);
	it.body = fmt(c->a, "网络安全事件 %s%s%s%s\n报告时限：%s\n%s", v->x.code,
		      v->x.title && *v->x.title ? "（" : "", v->x.title ? v->x.title : "",
		      v->x.title && *v->x.title ? "）" : "", due,
		      late ? "已超过报告时限，请立即报告并说明原因。" : "请按时向上级报告。");
	it.link = fmt(c->a, "#/incidents/%lld", (long long)v->x.id);
	if (!it.key || !it.subject || !it.body || !it.link)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = send_to(c, r, &it, "office", added);
	if (!rc && it.unit)
		rc = send_to(c, r, &it, "officer", added);
	return rc;
}

/* KEY_PLANNED: what the last round that decided the notices and obligations decided over —
 * "DATA-GENERATION NOTIFY-GENERATION DAY INSTANT RULES". */
#define KEY_PLANNED "notify_planned"

/* planned_before: the notices and obligations of today were decided by a round over the same
 * data (the generation of schema 0007), the same accounts and channels (0040), the same rules
 * and no notice received between that round's instant and now — so that all this round could
 * write is written. *key is this round's (arena c->a). */
static enum cd_err planned_before(struct act *c, const struct notify_rules *r, cd_date today,
				  const char **key, bool *same)
{
	json_t *j = notify_rules_json(r);
	char *was = NULL, day[11], wday[11] = "", *rules = j ? json_dumps(j, JSON_COMPACT |
									 JSON_SORT_KEYS) : NULL;
	int64_t g = 0, ng = 0;
	long long wg = 0, wng = 0, prev = 0;
	int at = 0;
	bool received = true, parsed;
	enum cd_err rc;

	json_decref(j);
	*same = false;
	*key = NULL;
	if (!rules)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = store_generation(c->s, &g, c->d);
	if (!rc && (rc = store_meta_get(c->s, KEY_PLANNED, &was, c->d)) == CD_ENOTFOUND)
		rc = CD_OK;
	parsed = !rc && was &&
		 sscanf(was, "%lld %lld %10s %lld %n", &wg, &wng, wday, &prev, &at) == 4 && at &&
		 prev <= (long long)c->now;
	if (!rc) /* a notice received since that round's instant is not decided yet */
		rc = store_notify_round_state(c->s, parsed ? (cd_time)prev : c->now, c->now, &ng,
					      &received, c->d);
	date_format(today, day);
	if (!rc && !(*key = fmt(c->a, "%lld %lld %s %lld %s", (long long)g, (long long)ng, day,
				(long long)c->now, rules)))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	*same = !rc && parsed && !received && wg == (long long)g && wng == (long long)ng &&
		!strcmp(wday, day) && !strcmp(was + at, rules);
	free(was);
	free(rules);
	return rc;
}

enum cd_err notify_plan(struct act *c, bool any_day, size_t *added)
{
	struct notify_rules r;
	const struct calendar *cal = NULL;
	cd_date today = time_cst_date(c->now);
	struct work_query q = {.limit = ROUND_PAGE};
	struct item *dg = NULL;
	struct arena *outer = c->a, *page = NULL;
	const char *key = NULL;
	size_t ndg = 0;
	char week[11] = "";
	int64_t next = 0;
	bool est = false, workday, same = false, own = false;
	struct notify_batch batch = {0};
	char obj[16];
	enum cd_err rc;

	*added = 0;
	if ((rc = notify_rules_get(c->s, &r, c->d)) || (rc = act_calendar(c, &cal)))
		return rc;
	(void)act_profile(c); /* read once, in the round's arena (the pages' are freed) */
	/* deadlines in working days are reminded of on working days only: on a day off nothing is
	 * decided, and the next working day's round sends what became due; incident report
	 * clocks run in hours, every day */
	workday = any_day || calendar_is_workday(cal, today, &est);
	/* before the round's transaction: a stale read rebuilds the obligations in its own. Every
	 * day, a day off too: the first round of a day rebuilds them in the background, not the
	 * first person to read a page that day (at 1,000,000 systems some 18 s) */
	if ((rc = svc_obligations_ensure(c)))
		return rc;
	if (workday && r.digest && (rc = digests(c, today, week, &dg, &ndg)))
		return rc;
	/* decided in a read transaction, written in a short one (struct notify_batch) — unless
	 * the caller's transaction is open (the demo): then written in it as decided */
	if (!store_in_transaction(c->s)) {
		batch.a = outer;
		r.batch = &batch;
		rc = act_read_begin(c, &own);
	} else {
		rc = act_begin(c);
	}
	if (rc)
		return rc;
	c->derived_kept = true;
	if (workday)
		rc = planned_before(c, &r, today, &key, &same);
	/* the notices not answered, and the obligations of the days a reminder can be of — unless
	 * nothing they are decided from has moved since the last round decided them */
	do {
		struct notice_view *v = NULL;
		size_t n = 0;

		if (rc || !workday || same)
			break;
		if ((rc = page_arena(c, outer, &page)))
			break;
		rc = svc_notice_page(c, q, -1, c->now, &v, &n, &next);
		for (size_t i = 0; !rc && i < n; i++)
			rc = plan_notice(c, &r, &v[i], today, added);
		q.after = next;
	} while (!rc && next);
	c->a = outer;
	if (!rc && workday && !same && r.obligations)
		rc = plan_obligations(c, &r, cal, today, added);
	for (size_t i = 0; !rc && i < ndg; i++)
		rc = add_one(c, &r, &dg[i], &(struct notify_account){dg[i].acc, dg[i].acc_name},
			     added);
	q = (struct work_query){.limit = 50};
	do {
		struct incident_view *v = NULL;
		struct incident_env env;
		size_t n = 0;

		if (rc || (rc = page_arena(c, outer, &page)))
			break;
		rc = svc_incident_page(c, q, c->now, &v, &n, &next, &env);
		for (size_t i = 0; !rc && i < n; i++)
			rc = plan_incident(c, &r, &v[i], added);
		q.after = next;
	} while (!rc && next);
	c->a = outer;
	if (page)
		arena_free(page);
	if (r.batch) { /* the decision made: now what is new of it is written */
		rc = act_read_end(c, own, rc);
		if (rc || (!batch.n && !ndg && (!key || same)))
			return rc;
		if ((rc = act_begin(c)))
			return rc;
		c->derived_kept = true;
		for (size_t i = 0; !rc && i < batch.n; i++) {
			bool yes = false;

			rc = store_notify_add(c->s, &batch.rows[i], &yes, c->d);
			*added += yes;
		}
	}
	if (!rc && ndg)
		rc = store_meta_set(c->s, KEY_DIGEST_WEEK, week, c->d);
	if (!rc && key && !same) /* the next round compares with this one */
		rc = store_meta_set(c->s, KEY_PLANNED, key, c->d);
	if (!rc && !*added) {
		if (!key || same) {
			act_abandon(c);
			return CD_OK;
		}
		/* nothing to say, but what it was decided over is kept (no audit entry: no act) */
		if (c->outer)
			return CD_OK;
		rc = store_commit(c->s, c->d);
		if (rc)
			store_rollback(c->s);
		return rc;
	}
	date_format(today, obj);
	return act_end(c, rc, "notify.plan", obj, NULL,
		       rc ? NULL : json_pack("{s:I}", "messages", (json_int_t)*added));
}
