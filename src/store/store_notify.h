/* store_notify.h — reminders and notifications as stored (schema 0020): the channels the
 * security administrator configured (target and secret sealed by notify/channel.c: the store
 * only carries the bytes), each account's chosen channels, and the messages — the outbox of
 * the channels and the in-app notification centre in one table, each under its idempotency key.
 * Used by src/notify/ only. Included by store.h. */
#ifndef CD_STORE_NOTIFY_H
#define CD_STORE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/reg.h"

struct store;

/* A channel as kept. Bytes and strings are borrowed (caller's on put, the arena's on reads). */
struct notify_channel_row {
	int64_t id;                 /* 0 on put: a new channel (id set) */
	const char *name, *kind;    /* kind: "mail", "wecom", "dingtalk", "feishu" */
	const unsigned char *target; /* sealed */
	size_t target_len;
	const unsigned char *secret; /* sealed, or NULL */
	size_t secret_len;
	const char *config;         /* JSON object text: what is not secret */
	bool enabled;
	cd_time changed_at;
	const char *changed_by;
};

enum cd_err store_notify_channel_put(struct store *s, struct notify_channel_row *c,
				     struct cd_diag *d);
/* CD_ENOTFOUND when there is no such channel. */
enum cd_err store_notify_channel_get(struct store *s, int64_t id, struct arena *a,
				     struct notify_channel_row *out, struct cd_diag *d);
/* every channel, by id (a handful: the administrator configures them one by one) */
enum cd_err store_notify_channel_list(struct store *s, struct arena *a,
				      struct notify_channel_row **out, size_t *n,
				      struct cd_diag *d);

/* An account's choice of a channel, with its address there. */
struct notify_pref_row {
	int64_t account, channel;
	const char *address;
	const char *kind; /* the channel's (reads) */
	bool enabled;     /* the channel's (reads) */
};
/* on: chosen (address kept) or not (the row removed). */
enum cd_err store_notify_pref_set(struct store *s, int64_t account, int64_t channel,
				  const char *address, bool on, struct cd_diag *d);
enum cd_err store_notify_pref_list(struct store *s, int64_t account, struct arena *a,
				   struct notify_pref_row **out, size_t *n, struct cd_diag *d);

/* A message. On add every field but id, tries, next/lease/sent/read is the caller's. */
enum notify_state { NS_PENDING, NS_SENT, NS_DEAD, NS__MAX };
struct notify_row {
	int64_t id;
	const char *key;
	int64_t account;   /* 0: none (a test message to a channel) */
	int64_t channel;   /* 0: the bell (in-app) */
	const char *address;
	const char *rule;
	int level;
	int64_t unit;      /* the unit it concerns, 0: none */
	const char *subject, *body, *link;
	cd_time created_at;
	enum notify_state state;
	int tries;
	cd_time next_at, lease_until, sent_at, read_at;
	const char *last_error;
	const char *account_name, *channel_name, *channel_kind; /* reads */
};

/* store_notify_add inserts m unless a message with its key exists: *added says which (m->id
 * set when added). Not itself a transaction. */
enum cd_err store_notify_add(struct store *s, struct notify_row *m, bool *added,
			     struct cd_diag *d);

/* store_notify_known: *yes when a message with this key is written already (a read: the round
 * decides in a read transaction and writes only what is new). */
enum cd_err store_notify_known(struct store *s, const char *key, bool *yes, struct cd_diag *d);

/* The bell: the in-app messages of an account, newest first, ids below `before` (0: from the
 * newest), only unread ones when asked; the count of unread ones; read/unread (CD_ENOTFOUND
 * when the message is not that account's). */
enum cd_err store_notify_inbox(struct store *s, int64_t account, int64_t before, bool unread,
			       size_t limit, struct arena *a, struct notify_row **out, size_t *n,
			       struct cd_diag *d);
enum cd_err store_notify_unread(struct store *s, int64_t account, int64_t *n, struct cd_diag *d);
enum cd_err store_notify_mark(struct store *s, int64_t account, int64_t id, cd_time read_at,
			      struct cd_diag *d);

/* The outbox (the office's view): messages to channels, newest first, ids below `before`, in
 * one state (-1: any). */
enum cd_err store_notify_outbox(struct store *s, int state, int64_t before, size_t limit,
				struct arena *a, struct notify_row **out, size_t *n,
				struct cd_diag *d);

/* The worker: pending messages due at `now` and not leased, oldest first; claim one (leases it
 * until `until` when still pending and unleased at `now`: *got); record the outcome of a try. */
enum cd_err store_notify_due(struct store *s, cd_time now, size_t limit, struct arena *a,
			     struct notify_row **out, size_t *n, struct cd_diag *d);
enum cd_err store_notify_claim(struct store *s, int64_t id, cd_time now, cd_time until,
			       bool *got, struct cd_diag *d);
enum cd_err store_notify_outcome(struct store *s, int64_t id, enum notify_state state, int tries,
				 cd_time next_at, cd_time sent_at, const char *error,
				 struct cd_diag *d);
/* how many messages channel sent after `since` (its rate limit) */
enum cd_err store_notify_sent_since(struct store *s, int64_t channel, cd_time since,
				    int64_t *n, struct cd_diag *d);

/* Recipients: the accounts (enabled) of role whose scope holds unit (their unit is unit or one
 * above it), by id. */
struct notify_account {
	int64_t id;
	const char *name;
};
enum cd_err store_notify_accounts(struct store *s, const char *role, int64_t unit,
				  struct arena *a, struct notify_account **out, size_t *n,
				  struct cd_diag *d);

/* The holder of `role` for unit on day `on`, else of the nearest unit above it: *found; the
 * person's name and the unit's name (the article and role are the caller's). */
enum cd_err store_notify_holder(struct store *s, int64_t unit, const char *role, cd_date on,
				struct arena *a, const char **person, const char **unit_name,
				bool *found, struct cd_diag *d);

/* What the scheduler's round compares with its last (notify/rules.c): *gen, the number schema
 * 0040 changes with the accounts, their channels and the channels; *received, whether a notice
 * was received in (after, upto] (through the index of the receipt times). */
enum cd_err store_notify_round_state(struct store *s, cd_time after, cd_time upto, int64_t *gen,
				     bool *received, struct cd_diag *d);

#endif
