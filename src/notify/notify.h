/* notify.h — reminders and notifications (docs/notifications.md): what is sent to whom (the
 * rules: a new notice or incident at once to the office, reminders ahead of a deadline by lead
 * times in working days, escalation up the unit's chain of responsibility when overdue), the
 * outbox every message is written to in the transaction of the act or of the scheduler's
 * decision, its delivery with retries, back-off and dead letters (the worker of `serve` and
 * `cyberduty notify run`), the in-app notification centre (the bell) and the channels the
 * security administrator configures — mail over SMTP and the WeCom, DingTalk and Feishu robots
 * (mail.c, robot.c) — with each account's choice of them. */
#ifndef CD_NOTIFY_H
#define CD_NOTIFY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "store/store.h"

struct act;

/* ---- the rules (settings kept in the store's meta table; defaults below) ------------------- */

#define NOTIFY_LEADS_MAX 8
struct notify_rules {
	int leads[NOTIFY_LEADS_MAX]; /* working days before a due date a reminder goes, e.g. 2,1,0 */
	size_t nleads;
	int escalate[2];  /* working days overdue when it goes to the direct responsible (level 1),
			   * then to the first responsible (level 2) */
	int tries;        /* tries of a message before it is a dead letter */
	int backoff_s;    /* the wait after the first failed try; doubled after each (≤ 1 hour) */
	bool digest;      /* the weekly digest of each account's scope (on the week's first round) */
	bool obligations; /* the reminders and escalations of the yearly duties and MLPS deadlines
			   * (off: an office setting up, or a test counting other messages) */
	char base_url[200]; /* where the web application is reached, for the links ("" none) */
	/* not a setting: during a round (notify_plan), where its messages are kept until they
	 * are written together (NULL: each is written at once, in the caller's transaction) */
	struct notify_batch *batch;
};
#define NOTIFY_DEFAULT_LEADS    "2,1,0"
#define NOTIFY_DEFAULT_ESCALATE "1,3"
#define NOTIFY_DEFAULT_TRIES    5
#define NOTIFY_DEFAULT_BACKOFF  60

/* notify_rules_get reads the rules in force (defaults where none is set). */
enum cd_err notify_rules_get(struct store *s, struct notify_rules *r, struct cd_diag *d);

/* notify_rules_set sets one rule (key "leads", "escalate", "tries", "backoff", "digest" on|off,
 * "obligations" on|off, "base_url"),
 * checked (CD_EINVAL naming the key and what to give), audited "notify.rules". */
enum cd_err notify_rules_set(struct act *c, const char *key, const char *value);

/* notify_rules_change sets n rules (keys[k] to values[k], n ≤ the number of rules) in one act:
 * every value is checked first, so one refused value writes none; one "notify.rules" entry. */
enum cd_err notify_rules_change(struct act *c, const char *const *keys,
				const char *const *values, size_t n);

/* notify_rules_json: the rules as JSON. */
json_t *notify_rules_json(const struct notify_rules *r);

/* ---- what is written to the outbox --------------------------------------------------------- */

/* notify_act is called by act_end (svc/act.c) inside every act's transaction, after its audit
 * entry: for the acts that notify at once (notice.create, incident.create to the office;
 * incident.propose and incident.recommend to those who decide) it writes the messages of the
 * bell and the outbox, in that transaction. Other actions: nothing. */
enum cd_err notify_act(struct act *c, const char *action, const char *object);

/* notify_plan is the scheduler's decision at c->now: on a working day (by the calendar in
 * force; on any day with any_day: the demo) the reminders and escalations due for the open
 * notices and the units' yearly duties and MLPS deadlines (svc/deadlines.c) — and on any day the
 * report clocks of incidents — each written once under its
 * idempotency key (rule, notice, due date, lead time or level, recipient, channel), in one
 * transaction with the audit entry "notify.plan" (none when nothing new was due). *added: the
 * messages written. */
enum cd_err notify_plan(struct act *c, bool any_day, size_t *added);

/* ---- delivery ------------------------------------------------------------------------------ */

struct notify_sent {
	size_t sent, retried, dead, deferred;
};

/* notify_deliver sends the messages due at `now`: each claimed (a lease, so that two servers
 * never send one twice), sent through its channel, its outcome written with the audit entry
 * "notify.send" (channel, rule, outcome; never the secret). A failure waits backoff·2^(tries-1)
 * and is tried again, dead after rules.tries; a robot over its rate limit waits (deferred). */
enum cd_err notify_deliver(struct store *s, cd_time now, struct notify_sent *out,
			   struct cd_diag *d);

/* The worker of `cyberduty serve`: a thread with its own connection that plans and delivers at
 * once, then every interval_s seconds. */
struct notify_worker;
enum cd_err notify_worker_start(const char *db, int interval_s, struct notify_worker **out,
				struct cd_diag *d);
/* notify_worker_stop ends the round in progress, joins the thread and frees w (NULL: none). */
void notify_worker_stop(struct notify_worker *w);

/* ---- channels (the security administrator) ------------------------------------------------- */

/* A channel as the administrator gives it: on create name, kind and target are required; on
 * update what is NULL (enabled -1) stays. target: "smtp://host:port" (STARTTLS when tls is
 * "starttls"), "smtps://host:port" (TLS), or the robot's webhook URL (its key inside); secret:
 * the SMTP password or the robot's signing secret (DingTalk, Feishu). */
struct notify_channel_in {
	const char *name, *kind, *target, *secret;
	const char *from, *user, *tls, *ca_file; /* mail: sender, login, "starttls"|"tls"|"none",
						  * a CA bundle to trust (PEM) */
	int enabled;
};

/* notify_channel_set creates (id 0: *out_id set) or changes a channel, sealing target and
 * secret; audited "notify.channel" with what changed, never the target's key or the secret. */
enum cd_err notify_channel_set(struct act *c, int64_t id, const struct notify_channel_in *in,
			       int64_t *out_id);

/* notify_channel_test sends a test message through channel id to address (the mail address or
 * the mention; may be "") now, and answers the outcome in *ok and err[0..n); audited
 * "notify.test" with the outcome. */
enum cd_err notify_channel_test(struct act *c, int64_t id, const char *address, bool *ok,
				char *err, size_t n);

/* notify_channels: every channel as JSON (kind, name, the target's scheme and host, whether a
 * secret is set — never the secret or the webhook's key). */
enum cd_err notify_channels(struct act *c, json_t **out);

/* ---- each account's choice ----------------------------------------------------------------- */

/* notify_pref_set chooses (on) or drops a channel for an account with its address there; audited
 * "notify.pref". CD_ENOTFOUND for a channel that does not exist. */
enum cd_err notify_pref_set(struct act *c, int64_t account, int64_t channel, const char *address,
			    bool on);

/* notify_prefs: the enabled channels with the account's choice and address, as JSON. */
enum cd_err notify_prefs(struct act *c, int64_t account, json_t **out);

/* ---- the bell and the outbox --------------------------------------------------------------- */

/* notify_inbox: a page of the account's notifications (newest first; ids below `before`, 0 from
 * the newest; only the unread ones when asked) as a JSON array; *next the cursor of the next page
 * (0: none). notify_unread counts the unread. notify_mark marks one read or unread
 * (CD_ENOTFOUND when it is not the account's). */
enum cd_err notify_inbox(struct act *c, int64_t account, int64_t before, bool unread,
			 size_t limit, json_t **out, int64_t *next);
enum cd_err notify_unread(struct act *c, int64_t account, int64_t *n);
enum cd_err notify_mark(struct act *c, int64_t account, int64_t id, bool read);

/* notify_outbox: a page of the messages to channels (the office's view), in state "pending",
 * "sent" or "dead" (NULL: any; CD_EINVAL for another), newest first. */
enum cd_err notify_outbox(struct act *c, const char *state, int64_t before, size_t limit,
			  json_t **out, int64_t *next);

#endif
