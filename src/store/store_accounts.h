/* store_accounts.h — accounts, browser sessions and API tokens as stored (svc/accounts.c builds
 * the rules on them: passwords, lock-out, TOTP, timeouts). Included by store.h. */
#ifndef CD_STORE_ACCOUNTS_H
#define CD_STORE_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/date.h"
#include "core/err.h"

struct store;

/* ---- Accounts, sessions, API tokens (used by svc/accounts.c only: the rows carry secrets) ----
 * Each call below is one statement (atomic on its own); none opens a transaction. */

#define STORE_SECRET_HASH  32  /* BLAKE2b-256 of a session id, CSRF token or API token */
#define STORE_PWHASH_MAX   128 /* an argon2id string with its NUL (crypto_pwhash_STRBYTES) */
#define STORE_TOTP_KEY_MAX 64  /* a TOTP key (RFC 6238), raw bytes */

/* The settings a session lookup reads in the same statement (their meaning: svc/accounts.h). */
#define STORE_KEY_SESSION_IDLE     "session_idle_minutes"
#define STORE_KEY_SESSION_ABSOLUTE "session_absolute_hours"
#define STORE_KEY_PASSWORD_MAX_AGE "password_max_age_days"

/* An account as stored. Strings are "" and instants CD_TIME_NONE when not set. */
struct store_account {
	int64_t id;
	char name[65];
	char display[128];
	enum account_role role;
	int64_t unit;                  /* 0: no unit */
	char pwhash[STORE_PWHASH_MAX]; /* "" when no password was ever set */
	cd_time password_changed_at;
	unsigned char totp[STORE_TOTP_KEY_MAX]; /* the second factor in force, totp_len bytes */
	size_t totp_len;                        /* 0: none */
	unsigned char totp_pending[STORE_TOTP_KEY_MAX]; /* an enrolment not yet confirmed */
	size_t totp_pending_len;
	int64_t totp_last_step; /* the step of the last code accepted; -1 none */
	int failures;           /* consecutive failed sign-ins */
	bool locked;
	cd_time locked_at;
	char locked_ip[64];     /* "" when locked by hand */
	bool disabled;
	cd_time created_at, last_login_at;
	cd_time lock_until; /* a lock by failures lifts then; CD_TIME_NONE: by hand, or none */
	int lockouts;       /* locks by failures in a row (each longer); 0 after a sign-in */
	bool must_change;   /* a password set by the system administrator: changed at the next
			     * sign-in before anything else (schema 0026) */
};

/* Failed sign-ins from one client address (svc/accounts.c): how many since last_at's window
 * began, until when the address must wait (CD_TIME_NONE: it need not), and how many waits in a
 * row it has had. */
struct store_address {
	int failures;
	cd_time last_at, until;
	int lockouts;
};

/* store_account_add inserts name, display, role, unit and created_at of a and sets a->id.
 * CD_ECONFLICT for a taken name, CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_account_add(struct store *s, struct store_account *a, struct cd_diag *d);

/* store_account_get / store_account_by_name fill *out; CD_ENOTFOUND when there is none. */
enum cd_err store_account_get(struct store *s, int64_t id, struct store_account *out,
			      struct cd_diag *d);
enum cd_err store_account_by_name(struct store *s, const char *name, struct store_account *out,
				  struct cd_diag *d);

/* store_account_list: every account ordered by id in a malloc'd array (*n of them; free()). */
enum cd_err store_account_list(struct store *s, struct store_account **out, size_t *n,
			       struct cd_diag *d);

/* store_account_password stores an argon2id string, changed at `at`, and clears the failures.
 * store_account_role sets role and unit (0: none). store_account_disable sets disabled.
 * CD_ENOTFOUND when there is no account id. */
enum cd_err store_account_password(struct store *s, int64_t id, const char *hash, cd_time at,
				   struct cd_diag *d);
enum cd_err store_account_role(struct store *s, int64_t id, enum account_role role, int64_t unit,
			       struct cd_diag *d);
enum cd_err store_account_disable(struct store *s, int64_t id, bool disabled, struct cd_diag *d);

/* store_account_lock locks (at `at`, or the database's clock when CD_TIME_NONE; from ip, NULL
 * by hand) or unlocks (clearing failures, time and address). CD_ENOTFOUND. */
enum cd_err store_account_lock(struct store *s, int64_t id, bool locked, cd_time at,
			       const char *ip, struct cd_diag *d);

/* store_account_failure counts one failed sign-in and, when that makes `limit`, locks the
 * account at `at` from ip until `until` (lockouts + 1); *failures and *locked say what it is
 * now. */
enum cd_err store_account_failure(struct store *s, int64_t id, int limit, cd_time at,
				  const char *ip, cd_time until, int *failures, bool *locked,
				  struct cd_diag *d);

/* store_account_lift lifts a lock by failures whose lock_until is at or before now (*lifted
 * says whether there was one); a lock by hand stays. */
enum cd_err store_account_lift(struct store *s, int64_t id, cd_time now, bool *lifted,
			       struct cd_diag *d);

/* store_address_get reads the failures of address ip (zeros, times CD_TIME_NONE, when there
 * are none); store_address_set writes them. */
enum cd_err store_address_get(struct store *s, const char *ip, struct store_address *out,
			      struct cd_diag *d);
enum cd_err store_address_set(struct store *s, const char *ip, const struct store_address *a,
			      struct cd_diag *d);

/* store_account_login records a sign-in at `at`: failures and lockouts cleared, last_login_at
 * set. */
enum cd_err store_account_login(struct store *s, int64_t id, cd_time at, struct cd_diag *d);

/* TOTP keys: store_account_totp_pending keeps key[0..len) for an enrolment;
 * store_account_totp_enable puts the pending key in force with `step` accepted (CD_ENOTFOUND
 * when none is pending); store_account_totp_clear removes both; store_account_totp_step
 * accepts `step` only when it is later than the last accepted one (*accepted says), in one
 * statement, so a code is never accepted twice. */
enum cd_err store_account_totp_pending(struct store *s, int64_t id, const unsigned char *key,
				       size_t len, struct cd_diag *d);
enum cd_err store_account_totp_enable(struct store *s, int64_t id, int64_t step,
				      struct cd_diag *d);
enum cd_err store_account_totp_clear(struct store *s, int64_t id, struct cd_diag *d);
enum cd_err store_account_totp_step(struct store *s, int64_t id, int64_t step, bool *accepted,
				    struct cd_diag *d);

/* A session as stored, with the settings that decide whether it is live (their meta text, ""
 * when not set) read in the same statement. */
struct store_session {
	int64_t account;
	unsigned char csrf_hash[STORE_SECRET_HASH];
	cd_time created_at, last_seen_at;
	char idle[16], absolute[16], max_age[16]; /* STORE_KEY_SESSION_IDLE, … */
};

/* store_session_add records a session by the hashes of its id and CSRF token. */
enum cd_err store_session_add(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      int64_t account, const unsigned char csrf_hash[STORE_SECRET_HASH],
			      cd_time at, struct cd_diag *d);

/* store_session_get finds a session by the hash of its id, with its account (into *acct when
 * not NULL), in one indexed statement. CD_ENOTFOUND. */
enum cd_err store_session_get(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct store_session *out, struct store_account *acct,
			      struct cd_diag *d);

/* store_session_touch sets last_seen_at; store_session_end removes one session (none is not an
 * error); store_sessions_end every session of an account; store_sessions_prune those last seen
 * before idle_before or created before created_before. */
enum cd_err store_session_touch(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
				cd_time at, struct cd_diag *d);
enum cd_err store_session_end(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct cd_diag *d);
enum cd_err store_sessions_end(struct store *s, int64_t account, struct cd_diag *d);
enum cd_err store_sessions_prune(struct store *s, cd_time idle_before, cd_time created_before,
				 struct cd_diag *d);

/* An API token as stored: by the hash of its secret. */
struct store_token {
	int64_t id;
	unsigned char hash[STORE_SECRET_HASH];
	char label[128];
	enum account_role role;
	int64_t unit;
	char created_by[65];
	cd_time created_at, expires_at, revoked_at; /* CD_TIME_NONE when not set */
	int64_t account;       /* the account it was issued for (0036); 0: none (made before) */
	char account_name[65]; /* its name; "" for none */
};

/* store_token_add inserts t (hash, label, role, unit, created_by, created_at, expires_at,
 * account) and
 * sets t->id. CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_token_add(struct store *s, struct store_token *t, struct cd_diag *d);

/* store_token_get finds a token by the hash of its secret, revoked or not, in one indexed
 * statement. CD_ENOTFOUND. */
enum cd_err store_token_get(struct store *s, const unsigned char hash[STORE_SECRET_HASH],
			    struct store_token *out, struct cd_diag *d);

/* store_token_list: every token ordered by id, malloc'd (free()). */
enum cd_err store_token_list(struct store *s, struct store_token **out, size_t *n,
			     struct cd_diag *d);

/* store_token_revoke revokes token id at `at`: CD_ENOTFOUND when there is none, CD_ECONFLICT
 * when it was revoked already. */
enum cd_err store_token_revoke(struct store *s, int64_t id, cd_time at, struct cd_diag *d);

/* A change of an administrator's role waiting for a second administrator's agreement (0037). */
struct store_role_change {
	int64_t id, account, unit; /* unit 0: none */
	enum account_role role;
	char account_name[65], proposed_by[65], decided_by[65];
	char state[10]; /* pending, agreed, refused, withdrawn */
	cd_time proposed_at, decided_at;
	char reason[2001]; /* why it was refused or withdrawn (0042); "" for none */
};

/* store_role_change_add records c (account, role, unit, proposed_by, proposed_at) as pending
 * and sets c->id; CD_ECONFLICT when one waits for that account already. */
enum cd_err store_role_change_add(struct store *s, struct store_role_change *c,
				  struct cd_diag *d);
/* store_role_change_get: CD_ENOTFOUND. */
enum cd_err store_role_change_get(struct store *s, int64_t id, struct store_role_change *out,
				  struct cd_diag *d);
/* store_role_change_list: a page of changes, newest first — at most `limit` of those in
 * `state` (NULL: any) with an id below `before` (0: from the newest), malloc'd (free()). */
enum cd_err store_role_change_list(struct store *s, const char *state, int64_t before,
				   size_t limit, struct store_role_change **out, size_t *n,
				   struct cd_diag *d);
/* store_role_change_decide ends pending change id in `state` (agreed, refused, withdrawn) by
 * `by` at `at`, with reason (NULL: none); CD_ENOTFOUND when no pending change has that id. */
enum cd_err store_role_change_decide(struct store *s, int64_t id, const char *state,
				     const char *by, const char *reason, cd_time at,
				     struct cd_diag *d);

/* store_account_must_change marks the password of account id as one to change at the next
 * sign-in (a reset); any password stored after clears it. CD_ENOTFOUND. */
enum cd_err store_account_must_change(struct store *s, int64_t id, struct cd_diag *d);

#endif
