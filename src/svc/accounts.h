/* accounts.h — the people who sign in to cyberduty and the integrations that call it: accounts
 * (one role each, business roles scoped to a unit subtree), passwords (argon2id, complexity,
 * maximum age), lock-out after repeated failures, TOTP second factor, browser sessions (idle
 * and absolute timeouts, a CSRF token each) and API tokens (stored hashed, scoped, revocable),
 * and the security settings. Used by the server (http/) and by `cyberduty user|token|settings`.
 * Secrets (passwords, session ids, tokens, TOTP codes) are never stored in the clear, never
 * logged, and wiped from memory after use. */
#ifndef CD_ACCOUNTS_H
#define CD_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/date.h"
#include "core/err.h"
#include "store/store.h"

#define ACCOUNT_NAME_MAX 64
#define SESSION_ID_LEN   43 /* base64url of 32 random bytes, no padding */
#define CSRF_LEN         43
#define TOKEN_LEN        48 /* "cdt_" + base64url of 32 random bytes (43) + NUL, rounded */

/* The security settings (kept in the store's meta table; defaults in brackets; the level-3
 * standard sets no numbers, these are the common defaults of regulations.md §4). */
struct account_settings {
	int password_min_length;  /* [12] 8 … 128 */
	int password_max_age_days; /* [90] 0 = no maximum age; else 1 … 3650 */
	int lockout_failures;     /* [5] 3 … 20 consecutive failures lock the account */
	int session_idle_minutes; /* [30] 5 … 240 */
	int session_absolute_hours; /* [12] 1 … 72 */
};

/* account_settings_get reads the settings (defaults for what is not set). */
enum cd_err account_settings_get(struct store *s, struct account_settings *out, struct cd_diag *d);

/* account_setting_set sets one setting by its key ("password_min_length", …) after checking the
 * range; CD_EINVAL with a message naming the range, CD_ENOTFOUND for an unknown key. */
enum cd_err account_setting_set(struct store *s, const char *key, const char *value,
				struct cd_diag *d);

/* An account as the server sees it (no secrets). */
struct account {
	int64_t id;
	char name[ACCOUNT_NAME_MAX + 1]; /* login name: [a-z0-9._-], 2 … 64 */
	char display[128];               /* a person's name, may be empty */
	enum account_role role;
	int64_t unit;                    /* scope: the unit subtree; 0 = the whole organisation
					  * (administrators always 0) */
	bool password_set;               /* false: must set one before signing in */
	bool password_expired;           /* older than the maximum age (now given to the call) */
	bool totp_enabled;
	bool locked;                     /* by failures (locked_ip says from where) or by hand */
	char locked_ip[64];
	bool disabled;
	cd_time created_at, password_changed_at, last_login_at;
};

/* account_create creates an account with no password (it must be set: account_password_set).
 * Administrators get unit 0. CD_ECONFLICT when the name is taken; CD_EINVAL for a bad name, a
 * scoped role without a unit, a unit that does not exist (CD_ENOTFOUND). *out is set. */
enum cd_err account_create(struct store *s, const char *name, const char *display,
			   enum account_role role, int64_t unit, cd_time now, struct account *out,
			   struct cd_diag *d);

/* account_get / account_by_name: CD_ENOTFOUND when there is none. `now` decides
 * password_expired. */
enum cd_err account_get(struct store *s, int64_t id, cd_time now, struct account *out,
			struct cd_diag *d);
enum cd_err account_by_name(struct store *s, const char *name, cd_time now, struct account *out,
			    struct cd_diag *d);

/* account_list: every account ordered by id, malloc'd (free()). */
enum cd_err account_list(struct store *s, cd_time now, struct account **out, size_t *n,
			 struct cd_diag *d);

/* account_password_check: the password meets the settings' complexity rules for this account
 * name (length, at least three of lower/upper/digit/other, not containing the name). CD_EINVAL
 * with a message saying what to change. */
enum cd_err account_password_check(const struct account_settings *st, const char *name,
				   const char *password, struct cd_diag *d);

/* account_password_set hashes (argon2id) and stores a new password after the check; resets
 * failures. CD_EINVAL when it fails the check or equals the current one. */
enum cd_err account_password_set(struct store *s, int64_t id, const char *password, cd_time now,
				 struct cd_diag *d);

/* account_update: role and scope (the security administrator's act), locked/disabled (the
 * system administrator's). Unlocking clears the failures. */
enum cd_err account_set_role(struct store *s, int64_t id, enum account_role role, int64_t unit,
			     struct cd_diag *d);
enum cd_err account_set_locked(struct store *s, int64_t id, bool locked, struct cd_diag *d);
enum cd_err account_set_disabled(struct store *s, int64_t id, bool disabled, struct cd_diag *d);

/* Signing in. */
enum login_outcome {
	LOGIN_OK,
	LOGIN_BAD,              /* unknown name or wrong password (the caller cannot tell which) */
	LOGIN_LOCKED,           /* locked: by this failure (the N-th) or before */
	LOGIN_DISABLED,
	LOGIN_NO_PASSWORD,      /* a password was never set: `cyberduty user passwd NAME` */
	LOGIN_TOTP_REQUIRED,    /* password right, a TOTP code is needed (none given) */
	LOGIN_TOTP_BAD,         /* password right, the code is wrong or reused (counts a failure) */
	LOGIN_TOTP_ENROL,       /* an administrator without a second factor: enrol first */
	LOGIN__MAX
};
const char *login_outcome_code(enum login_outcome o);

/* account_login checks name, password and (when enabled or required) the TOTP code at `now`
 * from `ip`, counting a failure (and locking at the settings' count, recording ip) on LOGIN_BAD
 * and LOGIN_TOTP_BAD; on LOGIN_OK failures are reset and last_login_at set. Takes the same time
 * whether or not the name exists. *acct is filled when the name exists. LOGIN_OK with
 * acct->password_expired means the caller must let the account do nothing but change it. */
enum cd_err account_login(struct store *s, const char *name, const char *password,
			  const char *totp, const char *ip, cd_time now, enum login_outcome *out,
			  struct account *acct, struct cd_diag *d);

/* TOTP (RFC 6238, SHA-1, 6 digits, 30 s, ±1 step; a code is accepted once). account_totp_begin
 * stores a new pending secret and gives it base32 and as an otpauth:// URI; account_totp_confirm
 * enables it when `code` is right for the pending secret; account_totp_disable removes it
 * (refused for administrators, who must have one). */
enum cd_err account_totp_begin(struct store *s, int64_t id, char secret_b32[64], char uri[256],
			       struct cd_diag *d);
enum cd_err account_totp_confirm(struct store *s, int64_t id, const char *code, cd_time now,
				 struct cd_diag *d);
enum cd_err account_totp_disable(struct store *s, int64_t id, struct cd_diag *d);

/* Sessions. account_session_create makes a new session for account id (the id and the CSRF
 * token are returned once, stored hashed); account_session_get finds the live session of an
 * id at `now` (idle and absolute timeouts from the settings; an expired one is ended and
 * CD_ENOTFOUND), touching its last use at most once a minute; account_session_end ends it. */
struct session {
	int64_t account;
	char csrf[CSRF_LEN + 1];  /* not kept: the caller compares with account_session_csrf */
	cd_time created_at, last_seen_at;
};
enum cd_err account_session_create(struct store *s, int64_t account, cd_time now,
				   char id[SESSION_ID_LEN + 1], char csrf[CSRF_LEN + 1],
				   struct cd_diag *d);
enum cd_err account_session_get(struct store *s, const char *id, cd_time now,
				struct session *out, struct cd_diag *d);
/* account_session_csrf: csrf is the token issued with session id (constant-time compare). */
bool account_session_csrf(struct store *s, const char *id, const char *csrf);
enum cd_err account_session_end(struct store *s, const char *id, struct cd_diag *d);
/* account_sessions_end ends every session of an account (password change, lock, disable). */
enum cd_err account_sessions_end(struct store *s, int64_t account, struct cd_diag *d);

/* API tokens: scoped to a role (business roles only) and unit, for integrations. */
struct api_token {
	int64_t id;
	char label[128];
	enum account_role role;
	int64_t unit;
	cd_time created_at, expires_at, revoked_at; /* CD_TIME_NONE when not set */
	char created_by[ACCOUNT_NAME_MAX + 1];
};
/* account_token_create makes a token (given once in `token`, stored hashed). */
enum cd_err account_token_create(struct store *s, const char *label, enum account_role role,
				 int64_t unit, cd_time expires_at, const char *created_by,
				 cd_time now, struct api_token *out, char token[TOKEN_LEN + 1],
				 struct cd_diag *d);
/* account_token_get: the live token for this secret at `now` (CD_ENOTFOUND when unknown,
 * revoked or expired). */
enum cd_err account_token_get(struct store *s, const char *token, cd_time now,
			      struct api_token *out, struct cd_diag *d);
enum cd_err account_token_list(struct store *s, struct api_token **out, size_t *n,
			       struct cd_diag *d);
enum cd_err account_token_revoke(struct store *s, int64_t id, cd_time now, struct cd_diag *d);

/* ---- Added to the first contract ------------------------------------------------------- */

/* The settings one by one, for listing and setting them (`cyberduty settings`). */
enum {
	ACCOUNT_SETTING_MIN_LENGTH,
	ACCOUNT_SETTING_MAX_AGE,
	ACCOUNT_SETTING_LOCKOUT,
	ACCOUNT_SETTING_IDLE,
	ACCOUNT_SETTING_ABSOLUTE,
	ACCOUNT_SETTING__MAX
};
struct account_setting_def {
	const char *key;  /* "password_min_length", … */
	const char *what; /* what it means, with its unit */
	int dflt, min, max;
	bool zero_ok;     /* 0 is allowed too (password_max_age_days: no maximum age) */
};
/* account_setting_def: setting i (0 … ACCOUNT_SETTING__MAX - 1); NULL past the end.
 * account_setting_value: its value in st. */
const struct account_setting_def *account_setting_def(size_t i);
int account_setting_value(const struct account_settings *st, size_t i);
/* account_setting_index: the index of setting `key`; -1 with CD_ENOTFOUND in d naming the
 * settings when there is none. */
int account_setting_index(const char *key, struct cd_diag *d);

#define ACCOUNT_FIRST "sysadmin" /* the account a fresh install has */

/* account_bootstrap gives a fresh install its first account: ACCOUNT_FIRST, system
 * administrator, no password (set it with `cyberduty user passwd`), when there is no account at
 * all; *created says whether it made one. */
enum cd_err account_bootstrap(struct store *s, cd_time now, bool *created, struct cd_diag *d);

/* account_totp_set puts a known TOTP key (base32) in force at once, with no code to confirm it —
 * the demo's published keys. CD_EINVAL when it is not base32 of 16 … 64 bytes. */
enum cd_err account_totp_set(struct store *s, int64_t id, const char *secret_b32,
			     struct cd_diag *d);

/* account_session_account is account_session_get that also fills *acct with the session's
 * account, read in the same single indexed statement (the server's lookup on every request:
 * no account_get after it). A session of a locked or disabled account has ended. */
enum cd_err account_session_account(struct store *s, const char *id, cd_time now,
				    struct session *out, struct account *acct, struct cd_diag *d);

/* account_sessions_prune removes the sessions that have timed out by `now` (account_session_create
 * does it too). */
enum cd_err account_sessions_prune(struct store *s, cd_time now, struct cd_diag *d);

#endif
