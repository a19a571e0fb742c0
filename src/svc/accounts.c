/* accounts.c — accounts, passwords, signing in and the TOTP second factor (svc/accounts.h).
 * Cryptography is src/auth/ (libsodium, liboath); rows and their secrets come from the store;
 * every struct that held a secret is wiped before it goes out of scope. */
#include "svc/accounts_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/password.h"
#include "auth/secret.h"
#include "auth/totp.h"

#define PASSWORD_MAX_BYTES 1024 /* longer is refused before hashing (argon2id takes any) */

/* ---- Shared by the service's files ----------------------------------------------------- */

void accounts_public(const struct store_account *a, int max_age_days, cd_time now,
		     struct account *out)
{
	memset(out, 0, sizeof(*out));
	out->id = a->id;
	snprintf(out->name, sizeof(out->name), "%s", a->name);
	snprintf(out->display, sizeof(out->display), "%s", a->display);
	out->role = a->role;
	out->unit = a->unit;
	out->password_set = a->pwhash[0] != '\0';
	/* a password set at t lasts until t + max age, exclusive: at that instant it has expired */
	out->password_expired = out->password_set && max_age_days > 0 && now != CD_TIME_NONE &&
				a->password_changed_at != CD_TIME_NONE &&
				now - a->password_changed_at >= (cd_time)max_age_days * 86400;
	/* a password the system administrator set (a reset) is changed before anything else */
	out->password_expired = out->password_expired || (out->password_set && a->must_change);
	out->totp_enabled = a->totp_len > 0;
	out->locked = a->locked && (a->lock_until == CD_TIME_NONE || now == CD_TIME_NONE ||
				    now < a->lock_until);
	out->lock_until = out->locked ? a->lock_until : CD_TIME_NONE;
	snprintf(out->locked_ip, sizeof(out->locked_ip), "%s", out->locked ? a->locked_ip : "");
	out->disabled = a->disabled;
	out->created_at = a->created_at;
	out->password_changed_at = a->password_changed_at;
	out->last_login_at = a->last_login_at;
}

enum cd_err accounts_tx_begin(struct store *s, bool *own, struct cd_diag *d)
{
	*own = !store_in_transaction(s);
	return *own ? store_begin(s, d) : CD_OK;
}

enum cd_err accounts_tx_end(struct store *s, bool own, enum cd_err rc, struct cd_diag *d)
{
	if (!own)
		return rc;
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	return rc;
}

enum cd_err accounts_unit_error(enum cd_err rc, int64_t unit, struct cd_diag *d)
{
	if (rc == CD_ENOTFOUND)
		return cd_diag_set(d, CD_ENOTFOUND, "no unit %lld in the register", (long long)unit);
	return rc;
}

bool accounts_text_ok(const char *s, size_t n)
{
	size_t len = strlen(s);

	if (len >= n)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* ---- Accounts -------------------------------------------------------------------------- */

static bool name_ok(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	return n >= 2 && n <= ACCOUNT_NAME_MAX &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* scope checks a role and its unit, setting *unit to what is stored (0 for administrators). */
static enum cd_err scope(enum account_role role, int64_t *unit, struct cd_diag *d)
{
	if ((int)role < 0 || role >= AR__MAX)
		return cd_diag_set(d, CD_EINVAL, "no such role");
	if (account_role_admin(role))
		*unit = 0;
	else if (account_role_scoped(role) && *unit <= 0)
		return cd_diag_set(d, CD_EINVAL,
				   "role %s is scoped to a unit: give one (the organisation's root "
				   "unit for all of it) / 该角色须指定单位",
				   account_role_code(role));
	return CD_OK;
}

/* load reads a stored account and the settings. The caller wipes *a. */
static enum cd_err load(struct store *s, int64_t id, struct store_account *a,
			struct account_settings *st, struct cd_diag *d)
{
	enum cd_err rc = store_account_get(s, id, a, d);

	if (rc == CD_ENOTFOUND)
		return cd_diag_set(d, CD_ENOTFOUND, "no account %lld", (long long)id);
	if (!rc) /* the second factor's keys are sealed at rest */
		rc = accounts_totp_open(s, a, d);
	if (!rc && st)
		rc = account_settings_get(s, st, d);
	return rc;
}

/* found fills *out from a stored account with the settings' maximum age, wipes the stored one
 * and returns rc. */
static enum cd_err found(struct store *s, enum cd_err rc, struct store_account *a, cd_time now,
			 struct account *out, struct cd_diag *d)
{
	struct account_settings st;

	if (!rc)
		rc = account_settings_get(s, &st, d);
	if (!rc)
		accounts_public(a, st.password_max_age_days, now, out);
	secret_wipe(a, sizeof(*a));
	return rc;
}

enum cd_err account_create(struct store *s, const char *name, const char *display,
			   enum account_role role, int64_t unit, cd_time now, struct account *out,
			   struct cd_diag *d)
{
	struct store_account a = {0};
	enum cd_err rc;

	if (!name_ok(name))
		return cd_diag_set(d, CD_EINVAL,
				   "account name \"%s\": use 2 to %d of a-z 0-9 . _ - / 账号名只能用小写"
				   "字母、数字和 . _ -",
				   name ? name : "", ACCOUNT_NAME_MAX);
	if (display && !accounts_text_ok(display, sizeof(a.display)))
		return cd_diag_set(d, CD_EINVAL,
				   "display name: at most %zu bytes, no control characters",
				   sizeof(a.display) - 1);
	if ((rc = scope(role, &unit, d)))
		return rc;
	snprintf(a.name, sizeof(a.name), "%s", name);
	snprintf(a.display, sizeof(a.display), "%s", display ? display : "");
	a.role = role;
	a.unit = unit;
	a.created_at = now;
	rc = store_account_add(s, &a, d);
	if (rc == CD_ECONFLICT)
		return cd_diag_set(d, CD_ECONFLICT, "account name \"%s\" is taken / 账号名已存在",
				   name);
	if (rc)
		return accounts_unit_error(rc, unit, d);
	return account_get(s, a.id, now, out, d);
}

enum cd_err account_get(struct store *s, int64_t id, cd_time now, struct account *out,
			struct cd_diag *d)
{
	struct store_account a;

	return found(s, load(s, id, &a, NULL, d), &a, now, out, d);
}

enum cd_err account_by_name(struct store *s, const char *name, cd_time now, struct account *out,
			    struct cd_diag *d)
{
	struct store_account a;
	enum cd_err rc = name_ok(name) ? store_account_by_name(s, name, &a, d) : CD_ENOTFOUND;

	if (rc == CD_ENOTFOUND)
		return cd_diag_set(d, CD_ENOTFOUND, "no account \"%s\"", name ? name : "");
	return found(s, rc, &a, now, out, d);
}

enum cd_err account_list(struct store *s, cd_time now, struct account **out, size_t *n,
			 struct cd_diag *d)
{
	struct store_account *v = NULL;
	struct account_settings st;
	enum cd_err rc = account_settings_get(s, &st, d);

	*out = NULL;
	*n = 0;
	if (!rc)
		rc = store_account_list(s, &v, n, d);
	if (!rc && *n && !(*out = calloc(*n, sizeof(**out))))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < *n; i++)
		accounts_public(&v[i], st.password_max_age_days, now, &(*out)[i]);
	if (v)
		secret_wipe(v, *n * sizeof(*v));
	free(v);
	if (rc)
		*n = 0;
	return rc;
}

enum cd_err account_bootstrap(struct store *s, cd_time now, bool *created, struct cd_diag *d)
{
	struct store_account *v = NULL;
	struct account a;
	size_t n = 0;
	enum cd_err rc = store_account_list(s, &v, &n, d);

	*created = false;
	if (v)
		secret_wipe(v, n * sizeof(*v));
	free(v);
	if (rc || n)
		return rc;
	rc = account_create(s, ACCOUNT_FIRST, "", AR_SYSADMIN, 0, now, &a, d);
	*created = rc == CD_OK;
	return rc;
}

/* ---- Passwords ------------------------------------------------------------------------- */

/* contains_name: the name occurs in pw, ignoring ASCII case. */
static bool contains_name(const char *pw, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = pw; n && *p; p++) {
		size_t i = 0;

		while (i < n && p[i] && tolower((unsigned char)p[i]) == (unsigned char)name[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

enum cd_err account_password_check(const struct account_settings *st, const char *name,
				   const char *password, struct cd_diag *d)
{
	static const char *const class_names[4] = {"lower-case letters", "upper-case letters",
						   "digits", "other characters"};
	bool has[4] = {false, false, false, false};
	size_t bytes = password ? strlen(password) : 0, chars = 0;
	int classes = 0;
	char missing[128] = "";

	if (bytes == 0)
		return cd_diag_set(d, CD_EINVAL, "a password is needed / 密码不能为空");
	if (bytes > PASSWORD_MAX_BYTES)
		return cd_diag_set(d, CD_EINVAL, "the password is longer than %d bytes / 密码过长",
				   PASSWORD_MAX_BYTES);
	for (const unsigned char *p = (const unsigned char *)password; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return cd_diag_set(d, CD_EINVAL,
					   "the password has a control character (tab, line break "
					   "…); use letters, digits, punctuation or spaces / "
					   "密码不能包含控制字符");
		if ((*p & 0xc0) != 0x80) /* count characters, not UTF-8 continuation bytes */
			chars++;
		has[islower(*p) ? 0 : isupper(*p) ? 1 : isdigit(*p) ? 2 : 3] = true;
	}
	if (chars < (size_t)st->password_min_length)
		return cd_diag_set(d, CD_EINVAL,
				   "the password has %zu characters; it needs at least %d (setting "
				   "password_min_length) / 密码至少需要 %d 个字符",
				   chars, st->password_min_length, st->password_min_length);
	for (int i = 0; i < 4; i++) {
		classes += has[i];
		if (!has[i])
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
				 missing[0] ? " or " : "", class_names[i]);
	}
	if (classes < 3)
		return cd_diag_set(d, CD_EINVAL,
				   "the password mixes only %d kinds of characters; it needs three of "
				   "lower-case letters, upper-case letters, digits and other characters "
				   "(add %s) / 密码须包含大写字母、小写字母、数字、其他字符中的至少三类",
				   classes, missing);
	if (name && *name && contains_name(password, name))
		return cd_diag_set(d, CD_EINVAL,
				   "the password contains the account name \"%s\"; choose one without "
				   "it / 密码不能包含账号名",
				   name);
	return CD_OK;
}

enum cd_err accounts_password_hash(struct store *s, int64_t id, const char *password,
				   char hash[PASSWORD_HASH_MAX], struct cd_diag *d)
{
	struct store_account a;
	struct account_settings st;
	enum cd_err rc = load(s, id, &a, &st, d);

	hash[0] = '\0';
	if (!rc)
		rc = account_password_check(&st, a.name, password, d);
	if (!rc && a.pwhash[0] && password_verify(a.pwhash, password))
		rc = cd_diag_set(d, CD_EINVAL,
				 "the new password is the current one; choose another / "
				 "新密码不能与当前密码相同");
	if (!rc)
		rc = password_hash(password, accounts_cost(&st), hash, d);
	if (rc)
		secret_wipe(hash, PASSWORD_HASH_MAX);
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err accounts_password_store(struct store *s, int64_t id, const char *hash, cd_time now,
				    struct cd_diag *d)
{
	bool own = false;
	enum cd_err rc = accounts_tx_begin(s, &own, d);

	if (rc)
		return rc;
	rc = store_account_password(s, id, hash, now, d);
	if (!rc) /* every session signed in with the old password ends */
		rc = store_sessions_end(s, id, d);
	return accounts_tx_end(s, own, rc, d);
}

enum cd_err account_password_set(struct store *s, int64_t id, const char *password, cd_time now,
				 struct cd_diag *d)
{
	char hash[PASSWORD_HASH_MAX] = "";
	enum cd_err rc = accounts_password_hash(s, id, password, hash, d);

	if (!rc)
		rc = accounts_password_store(s, id, hash, now, d);
	secret_wipe(hash, sizeof(hash));
	return rc;
}

/* ---- Role, lock, disable --------------------------------------------------------------- */

/* then_end_sessions runs a change of account id and, when `end`, ends its sessions — in one
 * transaction (the caller's when one is open). */
static enum cd_err then_end_sessions(struct store *s, int64_t id, enum cd_err rc, bool own,
				     bool end, struct cd_diag *d)
{
	if (!rc && end)
		rc = store_sessions_end(s, id, d);
	return accounts_tx_end(s, own, rc, d);
}

enum cd_err account_set_role(struct store *s, int64_t id, enum account_role role, int64_t unit,
			     struct cd_diag *d)
{
	struct store_account a;
	bool own = false;
	enum cd_err rc = scope(role, &unit, d);

	if (!rc)
		rc = load(s, id, &a, NULL, d);
	secret_wipe(&a, sizeof(a));
	if (!rc)
		rc = accounts_tx_begin(s, &own, d);
	if (rc)
		return rc;
	/* the account exists: a reference that does not is the unit */
	rc = accounts_unit_error(store_account_role(s, id, role, unit, d), unit, d);
	/* a session signed in under the old role (an administrator's without a second factor, say)
	 * ends: the account signs in again under the new one */
	return then_end_sessions(s, id, rc, own, true, d);
}

/* flag locks or unlocks (lock) — else disables or enables — account id, ending its sessions
 * when it turns the flag on. */
static enum cd_err flag(struct store *s, int64_t id, bool lock, bool on, struct cd_diag *d)
{
	bool own = false;
	enum cd_err rc = accounts_tx_begin(s, &own, d);

	if (rc)
		return rc;
	rc = lock ? store_account_lock(s, id, on, CD_TIME_NONE, NULL, d)
		  : store_account_disable(s, id, on, d);
	return then_end_sessions(s, id, rc, own, on, d);
}

enum cd_err account_set_locked(struct store *s, int64_t id, bool locked, struct cd_diag *d)
{
	return flag(s, id, true, locked, d);
}

enum cd_err account_set_disabled(struct store *s, int64_t id, bool disabled, struct cd_diag *d)
{
	return flag(s, id, false, disabled, d);
}

/* ---- Signing in ------------------------------------------------------------------------ */

static const char *const outcome_codes[LOGIN__MAX] = {
	[LOGIN_OK] = "ok",
	[LOGIN_BAD] = "bad",
	[LOGIN_LOCKED] = "locked",
	[LOGIN_DISABLED] = "disabled",
	[LOGIN_NO_PASSWORD] = "no_password",
	[LOGIN_TOTP_REQUIRED] = "totp_required",
	[LOGIN_TOTP_BAD] = "totp_bad",
	[LOGIN_TOTP_ENROL] = "totp_enrol",
	[LOGIN_THROTTLED] = "throttled",
};

const char *login_outcome_code(enum login_outcome o)
{
	return (int)o >= 0 && o < LOGIN__MAX ? outcome_codes[o] : "?";
}

/* The wait after a lock-out: LOCK_BASE seconds, doubled for each lock-out in a row before it,
 * at most LOCK_BASE << LOCK_DOUBLINGS (64 minutes). */
#define LOCK_BASE      60
#define LOCK_DOUBLINGS 6
/* A client address that fails ADDRESS_FAILURES sign-ins (any names, unknown ones alike) within
 * ADDRESS_WINDOW seconds of each other waits as above; its waits in a row are forgotten after
 * ADDRESS_FORGET seconds without a failure. */
#define ADDRESS_FAILURES 10
#define ADDRESS_WINDOW   900
#define ADDRESS_FORGET   86400

static cd_time lock_wait(int lockouts)
{
	return (cd_time)LOCK_BASE << (lockouts < LOCK_DOUBLINGS ? lockouts : LOCK_DOUBLINGS);
}

/* address_waits: address ip must wait at now (*until says till when). */
static enum cd_err address_waits(struct store *s, const char *ip, cd_time now, bool *wait,
				 cd_time *until, struct cd_diag *d)
{
	struct store_address a;
	enum cd_err rc = ip && *ip ? store_address_get(s, ip, &a, d) : CD_OK;

	*wait = !rc && ip && *ip && a.until != CD_TIME_NONE && now < a.until;
	*until = *wait ? a.until : CD_TIME_NONE;
	return rc;
}

/* address_failure counts a failed sign-in from ip at now; at ADDRESS_FAILURES the address
 * waits. */
static enum cd_err address_failure(struct store *s, const char *ip, cd_time now,
				   struct cd_diag *d)
{
	struct store_address a;
	char where[64];
	bool own = false;
	enum cd_err rc;

	if (!ip || !*ip)
		return CD_OK;
	snprintf(where, sizeof(where), "%s", ip); /* the column holds 63 bytes */
	rc = accounts_tx_begin(s, &own, d);
	if (!rc)
		rc = store_address_get(s, where, &a, d);
	if (!rc) {
		if (a.last_at == CD_TIME_NONE || now - a.last_at >= ADDRESS_FORGET)
			a.lockouts = 0;
		if (a.last_at == CD_TIME_NONE || now - a.last_at >= ADDRESS_WINDOW ||
		    (a.until != CD_TIME_NONE && now >= a.until))
			a.failures = 0;
		if (a.until != CD_TIME_NONE && now >= a.until)
			a.until = CD_TIME_NONE;
		a.failures++;
		a.last_at = now;
		if (a.failures >= ADDRESS_FAILURES) {
			a.until = now + lock_wait(a.lockouts);
			a.lockouts++;
			a.failures = 0;
		}
		rc = store_address_set(s, where, &a, d);
	}
	return accounts_tx_end(s, own, rc, d);
}

/* failure counts a failed sign-in of a; *locked says whether it locked the account (for the
 * lock's wait, its sessions end). */
static enum cd_err failure(struct store *s, const struct store_account *a,
			   const struct account_settings *st, const char *ip, cd_time now,
			   bool *locked, struct account *acct, struct cd_diag *d)
{
	char where[64];
	int failures = 0;
	bool own = false;
	enum cd_err rc;

	*locked = false;
	snprintf(where, sizeof(where), "%s", ip ? ip : ""); /* the column holds 63 bytes */
	rc = accounts_tx_begin(s, &own, d);
	if (rc)
		return rc;
	rc = store_account_failure(s, a->id, st->lockout_failures, now, where[0] ? where : NULL,
				   now + lock_wait(a->lockouts), &failures, locked, d);
	if (!rc && *locked)
		rc = store_sessions_end(s, a->id, d);
	rc = accounts_tx_end(s, own, rc, d);
	if (!rc && *locked && acct) {
		acct->locked = true;
		acct->lock_until = now + lock_wait(a->lockouts);
		snprintf(acct->locked_ip, sizeof(acct->locked_ip), "%s", where);
	}
	return rc;
}

/* success records a sign-in (*out = LOGIN_OK): failures cleared, last_login_at, and the
 * password hashed again when it was hashed with parameters older than today's. */
static enum cd_err success(struct store *s, const struct store_account *a, const char *password,
			   struct password_cost cost, cd_time now, enum login_outcome *out,
			   struct account *acct, struct cd_diag *d)
{
	char hash[PASSWORD_HASH_MAX];
	enum cd_err rc = CD_OK;

	if (password_needs_rehash(a->pwhash, cost)) {
		rc = password_hash(password, cost, hash, d);
		if (!rc)
			rc = store_account_password(s, a->id, hash, a->password_changed_at, d);
		secret_wipe(hash, sizeof(hash));
	}
	if (!rc)
		rc = store_account_login(s, a->id, now, d);
	if (!rc)
		*out = LOGIN_OK;
	if (!rc && acct)
		acct->last_login_at = now;
	return rc;
}

/* wrong: a failed sign-in of a known account with a password (a wrong password, or a wrong
 * code after the right one: `code`), counted for the address and — but for an administrator's
 * wrong password, which anyone could send — for the account. */
static enum cd_err wrong(struct store *s, const struct store_account *a,
			 const struct account_settings *st, const char *ip, cd_time now, bool code,
			 struct account *acct, struct cd_diag *d)
{
	bool locked = false;
	enum cd_err rc = address_failure(s, ip, now, d);

	if (!rc && !a->locked && !a->disabled && (code || !account_role_admin(a->role)))
		rc = failure(s, a, st, ip, now, &locked, acct, d);
	return rc;
}

enum cd_err account_login(struct store *s, const char *name, const char *password,
			  const char *totp, const char *ip, cd_time now, enum login_outcome *out,
			  cd_time *retry_at, struct account *acct, struct cd_diag *d)
{
	struct store_account a;
	struct account_settings st;
	int64_t step = 0;
	cd_time until = CD_TIME_NONE;
	bool known, right, accepted = false, wait = false, lifted = false;
	enum cd_err rc;

	*out = LOGIN_BAD;
	if (retry_at)
		*retry_at = CD_TIME_NONE;
	if (acct)
		memset(acct, 0, sizeof(*acct));
	if ((rc = account_settings_get(s, &st, d)) || (rc = address_waits(s, ip, now, &wait, &until, d)))
		return rc;
	if (wait) { /* over its budget: no password is even tried, whatever the name */
		*out = LOGIN_THROTTLED;
		if (retry_at)
			*retry_at = until;
		return CD_OK;
	}
	memset(&a, 0, sizeof(a));
	rc = name_ok(name) ? store_account_by_name(s, name, &a, d) : CD_ENOTFOUND;
	if (!rc)
		rc = accounts_totp_open(s, &a, d);
	if (rc && rc != CD_ENOTFOUND)
		return rc;
	known = rc == CD_OK;
	rc = CD_OK;
	if (d)
		d->msg[0] = '\0';
	/* One argon2id verification whatever the name: against the account's hash, or against a
	 * dummy for an unknown name or an account without a password, so the time taken does not
	 * tell whether a name exists. */
	if (known && a.pwhash[0])
		right = password_verify(a.pwhash, password ? password : "");
	else
		right = password_verify_dummy(password ? password : "", accounts_cost(&st));
	/* a lock by failures whose wait is over lifts */
	if (known && a.locked && a.lock_until != CD_TIME_NONE && now >= a.lock_until &&
	    !(rc = store_account_lift(s, a.id, now, &lifted, d)) && lifted) {
		a.locked = false;
		a.failures = 0;
		a.lock_until = a.locked_at = CD_TIME_NONE;
		a.locked_ip[0] = '\0';
	}
	if (!rc && known && acct)
		accounts_public(&a, st.password_max_age_days, now, acct);
	/* Every failure before a right password answers LOGIN_BAD — unknown name, wrong password,
	 * no password set, locked, disabled alike — and counts for the address; the account's
	 * state is told only to whoever gives its password. */
	if (rc)
		;
	else if (!known || !a.pwhash[0])
		rc = address_failure(s, ip, now, d);
	else if (!right)
		rc = wrong(s, &a, &st, ip, now, false, acct, d);
	else if (a.disabled)
		*out = LOGIN_DISABLED;
	else if (a.locked) {
		*out = LOGIN_LOCKED;
		if (retry_at)
			*retry_at = a.lock_until;
	} else if (a.totp_len && (!totp || !*totp))
		*out = LOGIN_TOTP_REQUIRED;
	else if (!a.totp_len && account_role_admin(a.role))
		*out = LOGIN_TOTP_ENROL; /* 三员 sign in with two factors, one cryptographic */
	else {
		/* the code's step is taken in one statement, so a code is good once only */
		if (a.totp_len && totp_check(a.totp, a.totp_len, totp, now, &step))
			rc = store_account_totp_step(s, a.id, step, &accepted, d);
		if (!rc && a.totp_len && !accepted) {
			*out = LOGIN_TOTP_BAD;
			rc = wrong(s, &a, &st, ip, now, true, acct, d);
		} else if (!rc)
			rc = success(s, &a, password, accounts_cost(&st), now, out, acct, d);
	}
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err account_reauth(struct store *s, int64_t id, const char *password, const char *code,
			   const char *ip, cd_time now, const char **field, struct cd_diag *d)
{
	struct store_account a;
	struct account_settings st;
	int64_t step = 0;
	bool accepted = false, right;
	enum cd_err rc = load(s, id, &a, &st, d);

	*field = NULL;
	if (rc)
		return rc;
	right = a.pwhash[0] ? password_verify(a.pwhash, password ? password : "")
			    : password_verify_dummy(password ? password : "", accounts_cost(&st));
	if (!right || !a.pwhash[0]) {
		rc = wrong(s, &a, &st, ip, now, false, NULL, d);
		*field = "password";
		if (!rc)
			rc = cd_diag_set(d, CD_EINVAL, "password: not your current password / "
						       "当前密码不正确");
	} else if (a.totp_len && (!code || !*code)) {
		*field = "code";
		rc = cd_diag_set(d, CD_EINVAL,
				 "code: give the code your authenticator app shows now for the "
				 "second factor in force / 请输入当前动态口令");
	} else if (a.totp_len) {
		if (totp_check(a.totp, a.totp_len, code, now, &step))
			rc = store_account_totp_step(s, a.id, step, &accepted, d);
		if (!rc && !accepted) {
			rc = wrong(s, &a, &st, ip, now, true, NULL, d);
			*field = "code";
			if (!rc)
				rc = cd_diag_set(d, CD_EINVAL,
						 "code: not the current code of the second factor "
						 "in force, or used already / 动态口令不正确");
		}
	}
	secret_wipe(&a, sizeof(a));
	return rc;
}

/* ---- TOTP ------------------------------------------------------------------------------ */

enum cd_err account_totp_begin(struct store *s, int64_t id, char secret_b32[64], char uri[256],
			       struct cd_diag *d)
{
	struct store_account a;
	unsigned char key[TOTP_KEY_LEN], box[STORE_TOTP_KEY_MAX];
	size_t bn = 0;
	enum cd_err rc = load(s, id, &a, NULL, d);

	secret_b32[0] = uri[0] = '\0';
	if (!rc && !secret_init())
		rc = cd_diag_set(d, CD_EIO, "the cryptographic library cannot start");
	if (!rc) {
		totp_key_new(key);
		if (!totp_b32_encode(key, sizeof(key), secret_b32) ||
		    !totp_uri(a.name, secret_b32, uri, 256))
			rc = cd_diag_set(d, CD_ENOMEM, "cannot encode the TOTP key");
	}
	if (!rc)
		rc = accounts_totp_seal(s, key, sizeof(key), box, &bn, d);
	if (!rc)
		rc = store_account_totp_pending(s, id, box, bn, d);
	secret_wipe(box, sizeof(box));
	if (rc) {
		secret_wipe(secret_b32, 64);
		secret_wipe(uri, 256);
	}
	secret_wipe(key, sizeof(key));
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err account_totp_confirm(struct store *s, int64_t id, const char *code, cd_time now,
				 struct cd_diag *d)
{
	struct store_account a;
	int64_t step = 0;
	enum cd_err rc = load(s, id, &a, NULL, d);

	if (!rc && !a.totp_pending_len)
		rc = cd_diag_set(d, CD_EINVAL,
				 "no second factor is being set up for %s: begin with a new key "
				 "first (`cyberduty user totp %s`)",
				 a.name, a.name);
	if (!rc && !totp_check(a.totp_pending, a.totp_pending_len, code, now, &step))
		rc = cd_diag_set(d, CD_EINVAL,
				 "the code is not the authenticator's code for the new key (six "
				 "digits; is the device's clock right?) / 动态口令不正确");
	if (!rc) /* the code that confirmed the key cannot also sign in */
		rc = store_account_totp_enable(s, id, step, d);
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err account_totp_disable(struct store *s, int64_t id, struct cd_diag *d)
{
	struct store_account a;
	enum cd_err rc = load(s, id, &a, NULL, d);

	if (!rc && account_role_admin(a.role))
		rc = cd_diag_set(d, CD_EINVAL,
				 "%s is an administrator (%s): administrators keep their second "
				 "factor; begin a new key instead / 管理员必须启用动态口令",
				 a.name, account_role_code(a.role));
	if (!rc)
		rc = store_account_totp_clear(s, id, d);
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err account_totp_set(struct store *s, int64_t id, const char *secret_b32,
			     struct cd_diag *d)
{
	unsigned char key[STORE_TOTP_KEY_MAX], box[STORE_TOTP_KEY_MAX];
	size_t len = 0, bn = 0;
	bool own = false;
	enum cd_err rc = CD_OK;

	if (!secret_b32 || !totp_b32_decode(secret_b32, key, sizeof(key), &len))
		return cd_diag_set(d, CD_EINVAL, "a TOTP key is base32 text of 16 to %d bytes",
				   STORE_TOTP_KEY_MAX);
	rc = accounts_totp_seal(s, key, len, box, &bn, d);
	if (!rc)
		rc = accounts_tx_begin(s, &own, d);
	if (!rc) {
		rc = store_account_totp_pending(s, id, box, bn, d);
		if (!rc)
			rc = store_account_totp_enable(s, id, 0, d);
		if (rc == CD_ENOTFOUND)
			rc = cd_diag_set(d, CD_ENOTFOUND, "no account %lld", (long long)id);
		rc = accounts_tx_end(s, own, rc, d);
	}
	secret_wipe(key, sizeof(key));
	secret_wipe(box, sizeof(box));
	return rc;
}

struct password_cost accounts_cost(const struct account_settings *st)
{
	return (struct password_cost){st->password_hash_passes, st->password_hash_mib};
}
