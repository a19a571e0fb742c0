/* accounts.h — the people who sign in to cyberduty and the integrations that call it: accounts
 * (one role each, business roles scoped to a unit subtree), passwords (argon2id, complexity,
 * maximum age), lock-out after repeated failures, TOTP second factor, browser sessions (idle
 * and absolute timeouts, a CSRF token each) and API tokens (stored hashed, scoped, revocable),
 * and the security settings. Used by the server (http/) and by `cyberduty user|token|settings`.
 * Secrets (passwords, session ids, tokens, TOTP codes) are never stored in the clear, never
 * logged, and wiped from memory after use. The administrators' acts on them (svc_account_*,
 * svc_token_*, svc_settings_update; accounts_act.c) are written once, for the API and the
 * command line alike (act.h): each checks, writes and appends its audit entry in one
 * transaction. */
#ifndef CD_ACCOUNTS_H
#define CD_ACCOUNTS_H

#include <jansson.h>
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
	int evidence_max_mb;      /* [20] 1 … 100 MiB an evidence file may hold (svc/evidence.h) */
	int password_hash_mib;    /* [64] 8 … 1024 MiB of memory one argon2id hash takes */
	int password_hash_passes; /* [2] 1 … 10 passes of argon2id over it */
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
	cd_time lock_until;              /* a lock by failures lifts then; CD_TIME_NONE: by hand */
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
	LOGIN_NO_PASSWORD,      /* no longer answered (an account without one answers LOGIN_BAD);
				 * kept so the codes keep their numbers */
	LOGIN_TOTP_REQUIRED,    /* password right, a TOTP code is needed (none given) */
	LOGIN_TOTP_BAD,         /* password right, the code is wrong or reused (counts a failure) */
	LOGIN_TOTP_ENROL,       /* an administrator without a second factor: enrol first */
	LOGIN_THROTTLED,        /* the client address failed too often: wait (*retry_at) */
	LOGIN__MAX
};
const char *login_outcome_code(enum login_outcome o);

/* account_login checks name, password and (when enabled or required) the TOTP code at `now`
 * from `ip`. Every failure before a right password — unknown name, wrong password, no password
 * set, a locked or disabled account — is LOGIN_BAD, and takes the same time (one argon2id
 * verification, against a dummy hash when there is none): the state of an account is told
 * (LOGIN_DISABLED, LOGIN_LOCKED with *retry_at when it lifts, LOGIN_TOTP_*) only after its
 * password. Failures count per client address (unknown names alike): ADDRESS_FAILURES within
 * a quarter of an hour make the address wait — LOGIN_THROTTLED with *retry_at, no password
 * tried — 1 minute, doubled for each wait in a row, at most 64. They count per account too
 * (wrong passwords; wrong or reused codes after the right password), except an
 * administrator's wrong passwords, which anyone could send: only their wrong codes count. At
 * the settings' count the account is locked (its sessions end, ip recorded) for the same
 * growing wait, and lifts by itself; a lock by hand stays until unlocked. On LOGIN_OK the
 * account's failures and locks in a row are reset and last_login_at set. *acct is filled when
 * the name exists (acct->locked and lock_until say whether this failure locked it). LOGIN_OK
 * with acct->password_expired means the caller must let the account do nothing but change it.
 * retry_at may be NULL. */
enum cd_err account_login(struct store *s, const char *name, const char *password,
			  const char *totp, const char *ip, cd_time now, enum login_outcome *out,
			  cd_time *retry_at, struct account *acct, struct cd_diag *d);

/* account_reauth asks the account id, signed in already, to prove itself again before a change
 * a stolen session must not make (replacing the second factor): its password, and the current
 * code of its second factor when it has one. A wrong password or code counts as a failed
 * sign-in (account_login's rules) and is CD_EINVAL naming *field ("password" or "code"). */
enum cd_err account_reauth(struct store *s, int64_t id, const char *password, const char *code,
			   const char *ip, cd_time now, const char **field, struct cd_diag *d);

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
	char account[ACCOUNT_NAME_MAX + 1]; /* the account it was issued for; "" for none */
};
/* account_token_create makes a token (given once in `token`, stored hashed). */
enum cd_err account_token_create(struct store *s, const char *label, enum account_role role,
				 int64_t unit, cd_time expires_at, const char *created_by,
				 cd_time now, struct api_token *out, char token[TOKEN_LEN + 1],
				 struct cd_diag *d);
/* account_token_create_for is account_token_create for account `account`, whose role and
 * unit (given) the token takes: it works while the account keeps them and is not disabled. */
enum cd_err account_token_create_for(struct store *s, const char *label, int64_t account,
				     enum account_role role, int64_t unit, cd_time expires_at,
				     const char *created_by, cd_time now, struct api_token *out,
				     char token[TOKEN_LEN + 1], struct cd_diag *d);
/* account_token_get: the live token for this secret at `now` (CD_ENOTFOUND when unknown,
 * revoked or expired). */
enum cd_err account_token_get(struct store *s, const char *token, cd_time now,
			      struct api_token *out, struct cd_diag *d);
enum cd_err account_token_list(struct store *s, struct api_token **out, size_t *n,
			       struct cd_diag *d);
enum cd_err account_token_revoke(struct store *s, int64_t id, cd_time now, struct cd_diag *d);

/* account_totp_seal_all seals every TOTP key still kept raw (a database from before the keys
 * were sealed, or before it had an audit key) under the audit key; nothing without one.
 * *sealed: the accounts changed. `init` and `serve` call it. */
enum cd_err account_totp_seal_all(struct store *s, size_t *sealed, struct cd_diag *d);

/* ---- Added to the first contract ------------------------------------------------------- */

/* The settings one by one, for listing and setting them (`cyberduty settings`). */
enum {
	ACCOUNT_SETTING_MIN_LENGTH,
	ACCOUNT_SETTING_MAX_AGE,
	ACCOUNT_SETTING_LOCKOUT,
	ACCOUNT_SETTING_IDLE,
	ACCOUNT_SETTING_ABSOLUTE,
	ACCOUNT_SETTING_EVIDENCE_MB,
	ACCOUNT_SETTING_HASH_MIB,
	ACCOUNT_SETTING_HASH_PASSES,
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

/* ---- The administrators' acts (accounts_act.c) ----------------------------------------- */

/* Each act takes the act's context (act.h: the store, who acts — the actor is an account's name,
 * "token:ID" or "cli:USER" —, the address, the clock, the diag), checks, then in one transaction
 * writes and appends its one audit entry (action, object "account:ID" / "token:ID" /
 * "settings", before and after as svc_account_json … give them, never a secret) and commits. A
 * refusal writes nothing and returns CD_EINVAL / CD_ENOTFOUND / CD_ECONFLICT with the message
 * in c->d and the input field at fault in c->field (c->why "required" for a missing one); any
 * other error is a failure, rolled back. Who may run an act (三员分立) is the caller's to
 * enforce: the API's permission classes, the host's owner for the command line. The rules that
 * hold whoever acts are the acts': nobody changes their own role or locks or disables their own
 * account (the actor is that account's name), and the last system administrator able to sign
 * in is neither locked, disabled nor given another role. */
struct act;

/* The encoders of what an act writes, shared by the answers of the API and the audit entries:
 * an account (no secret; unit as its id), an API token (never its secret), the settings. */
json_t *svc_account_json(const struct account *a);
json_t *svc_token_json(const struct api_token *t);
json_t *svc_settings_json(const struct account_settings *st);

/* A new account: role and unit (a unit code, NULL for none) as svc_account_role takes them. */
struct account_new {
	const char *name, *display; /* display may be NULL */
	enum account_role role;
	const char *unit;
};

/* svc_account_create opens an account with no password (account.create; after: the account).
 * Refuses a bad or taken name (field name), a bad display name, a unit that does not fit the
 * role. *out is the account created. */
enum cd_err svc_account_create(struct act *c, const struct account_new *in, struct account *out);

/* svc_account_password sets the password of account id — an administrator's act, or the host's
 * (account.password; no before or after: that it changed, never to what). Refuses one that
 * breaks the rules or is the current one (field "new"); CD_ENOTFOUND for no such account. The
 * account's sessions end. */
enum cd_err svc_account_password(struct act *c, int64_t id, const char *password);

/* svc_account_reset is the system administrator's reset of account id's password (account.password,
 * after {"must_change": true}): as svc_account_password (a refusal names the field "password"),
 * and the person must change it at the next sign-in before doing anything else (the account's
 * password_expired is true until then). */
enum cd_err svc_account_reset(struct act *c, int64_t id, const char *password);

/* svc_account_password_change is the account's own change: its current password `old` is
 * checked first as a sign-in is — a wrong one counts towards the lock-out, committed whatever
 * follows — and refused (field "old"); then as svc_account_password. */
enum cd_err svc_account_password_change(struct act *c, int64_t id, const char *old,
					const char *password);

/* svc_account_role gives account id a role and its scope (account.role; before and after: role
 * and unit). A business role needs a unit (a code; c->why "required"), any other takes none;
 * refuses the actor's own role and the last system administrator's (field "role"). The
 * account's sessions end; *out is the account as it is now. */
enum cd_err svc_account_role(struct act *c, int64_t id, enum account_role role, const char *unit,
			     struct account *out);

/* svc_account_role_ask is svc_account_role as an administrator asks it through the API: a
 * change that gives or takes an administrator's role (三员分立) is not made but proposed
 * (account.role_propose; after: the change), for the system administrator to agree to or
 * refuse (svc_role_change_decide); *pending is then the change's id, and *out the account as
 * it still is. Any other change is made at once (*pending 0). The same refusals as
 * svc_account_role, and CD_ECONFLICT when a change waits for that account already. */
enum cd_err svc_account_role_ask(struct act *c, int64_t id, enum account_role role,
				 const char *unit, struct account *out, int64_t *pending);

struct store_role_change;

/* svc_role_change_decide agrees to (makes it: account.role, before and after as
 * svc_account_role's, after with the change's id and proposer) or refuses
 * (account.role_refuse, after {change, reason}) the pending change id. A refusal says why:
 * reason, 1 … 2000 bytes (field "reason"); an agreement takes none (NULL). Refused (CD_EINVAL,
 * no field) to the administrator who proposed it and to the account it concerns: a second
 * person decides; the last holder of an administrator role is kept as svc_account_role keeps
 * it. CD_ENOTFOUND when no change of that id waits. *out is the change as decided. */
enum cd_err svc_role_change_decide(struct act *c, int64_t id, bool agree, const char *reason,
				   struct store_role_change *out);

/* svc_role_change_withdraw withdraws the pending change id (account.role_withdraw, after
 * {change, reason}): only the administrator who proposed it may (CD_EINVAL, no field, to anyone
 * else — the account it concerns above all); reason is optional (NULL, or 1 … 2000 bytes,
 * field "reason"). CD_ENOTFOUND when no change of that id waits. *out is the change as
 * withdrawn. */
enum cd_err svc_role_change_withdraw(struct act *c, int64_t id, const char *reason,
				     struct store_role_change *out);

/* svc_role_change_json: a role change as the API shows it. */
json_t *svc_role_change_json(const struct store_role_change *r);

/* A change of an account's flags: -1 leaves one as it is, 0 clears it, 1 sets it. */
struct account_flags {
	int locked, disabled;
};

/* svc_account_update locks, unlocks, disables or enables account id (account.update; before and
 * after: the account). Unlocking forgets the failures; locking or disabling ends its sessions.
 * Refuses to lock or disable the actor's own account or the last system administrator able to
 * sign in (field "locked" or "disabled"). *out is the account as it is now. */
enum cd_err svc_account_update(struct act *c, int64_t id, const struct account_flags *in,
			       struct account *out);

/* The TOTP second factor (account_totp_begin …) as acts: begin (account.totp_begin: the new key
 * in secret_b32 and uri, shown once, never in the entry), confirm with a code of it
 * (account.totp_enable; field "code"), clear (account.totp_disable; refused for
 * administrators). No before or after. */
enum cd_err svc_account_totp_begin(struct act *c, int64_t id, char secret_b32[64], char uri[256]);
/* svc_account_totp_replace is svc_account_totp_begin for a person in their own session: first
 * account_reauth (their password, and the current code when a second factor is in force;
 * refused naming the field in c->field), so that a session alone cannot replace it. */
enum cd_err svc_account_totp_replace(struct act *c, int64_t id, const char *password,
				     const char *code, char secret_b32[64], char uri[256]);
enum cd_err svc_account_totp_confirm(struct act *c, int64_t id, const char *code);
enum cd_err svc_account_totp_clear(struct act *c, int64_t id);

/* A new API token: for an account (its name: the token takes its role and scope, and works
 * while the account keeps them), or — the host's command line only — a business role and the
 * top unit of its scope (a code); until when. */
struct token_new {
	const char *label;
	const char *account; /* NULL: role and unit below */
	enum account_role role;
	const char *unit;
	cd_time expires_at; /* CD_TIME_NONE: until revoked */
};

/* svc_token_create makes an API token created by the actor (token.create; after: the token,
 * never its secret, which is given once in `secret`). Refuses a role that is not a business
 * role (field role), a missing or unknown unit (unit), a bad label (label), an instant already
 * past (expires_on). */
enum cd_err svc_token_create(struct act *c, const struct token_new *in, struct api_token *out,
			     char secret[TOKEN_LEN + 1]);
/* (For an account: refuses one that does not exist, is disabled or has no business role, or
 * is the actor itself — field account; an administrator never holds a business credential it
 * issued to itself.) */

/* svc_token_revoke revokes token id (token.revoke; no before or after). CD_ENOTFOUND, or
 * CD_ECONFLICT when it was revoked already. */
enum cd_err svc_token_revoke(struct act *c, int64_t id);

/* One setting to change: its key ("lockout_failures") and value (a whole number as text). */
struct setting_change {
	const char *key, *value;
};

/* svc_settings_update changes v[0..n) together (settings.update, object "settings"; before and
 * after: every setting). Refuses an unknown key or a value out of range, naming the key as the
 * field; then nothing is changed. *out is the settings as they are now. */
enum cd_err svc_settings_update(struct act *c, const struct setting_change *v, size_t n,
				struct account_settings *out);

#endif
