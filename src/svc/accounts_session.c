/* accounts_session.c — browser sessions and API tokens (svc/accounts.h). Both are random
 * secrets given once and kept only as their BLAKE2b hash, so a copy of the database signs
 * nobody in; each request finds its session or token by that hash in one indexed statement.
 * (The index lookup compares hashes, not the secret: its timing tells an attacker nothing about
 * a secret they do not already hold.) */
#include "svc/accounts_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"

#define TOUCH_EVERY 60     /* seconds: last use is written at most once a minute */
#define TOKEN_PREFIX "cdt_" /* so a leaked token is recognisable (secret scanners) */

_Static_assert(SESSION_ID_LEN == SECRET_TEXT && CSRF_LEN == SECRET_TEXT, "secret text length");
_Static_assert(sizeof(TOKEN_PREFIX) - 1 + SECRET_TEXT <= TOKEN_LEN, "TOKEN_LEN");
_Static_assert(SECRET_HASH == STORE_SECRET_HASH, "the store keeps SECRET_HASH bytes");

/* ---- Sessions -------------------------------------------------------------------------- */

static enum cd_err no_session(struct cd_diag *d)
{
	return cd_diag_set(d, CD_ENOTFOUND,
			   "the session has ended (signed out, timed out, or the account was "
			   "locked or changed); sign in again / 会话已结束，请重新登录");
}

/* timed_out: a session created at `created`, last used at `seen`, is over at `now` — idle for
 * the idle timeout or older than the absolute one (both exact: at that second it is over). The
 * last use is written at most once a minute, so a session may end up to a minute early, never
 * late. */
static bool timed_out(cd_time created, cd_time seen, cd_time now, int idle_minutes,
		      int absolute_hours)
{
	return created == CD_TIME_NONE || seen == CD_TIME_NONE ||
	       now - seen >= (cd_time)idle_minutes * 60 ||
	       now - created >= (cd_time)absolute_hours * 3600;
}

enum cd_err account_sessions_prune(struct store *s, cd_time now, struct cd_diag *d)
{
	struct account_settings st;
	enum cd_err rc = account_settings_get(s, &st, d);

	if (!rc)
		rc = store_sessions_prune(s, now - (cd_time)st.session_idle_minutes * 60,
					  now - (cd_time)st.session_absolute_hours * 3600, d);
	return rc;
}

enum cd_err account_session_create(struct store *s, int64_t account, cd_time now,
				   char id[SESSION_ID_LEN + 1], char csrf[CSRF_LEN + 1],
				   struct cd_diag *d)
{
	unsigned char id_hash[SECRET_HASH], csrf_hash[SECRET_HASH];
	enum cd_err rc;

	id[0] = csrf[0] = '\0';
	if (!secret_init())
		return cd_diag_set(d, CD_EIO, "the cryptographic library cannot start");
	if ((rc = account_sessions_prune(s, now, d)))
		return rc;
	secret_text(id);
	secret_text(csrf);
	secret_hash(id, id_hash);
	secret_hash(csrf, csrf_hash);
	rc = store_session_add(s, id_hash, account, csrf_hash, now, d);
	if (rc == CD_ENOTFOUND)
		rc = cd_diag_set(d, CD_ENOTFOUND, "no account %lld", (long long)account);
	if (rc) {
		secret_wipe(id, SESSION_ID_LEN + 1);
		secret_wipe(csrf, CSRF_LEN + 1);
	}
	return rc;
}

enum cd_err account_session_account(struct store *s, const char *id, cd_time now,
				    struct session *out, struct account *acct, struct cd_diag *d)
{
	unsigned char id_hash[SECRET_HASH];
	struct store_session ss;
	struct store_account a;
	enum cd_err rc;

	memset(out, 0, sizeof(*out));
	if (!secret_is_text(id) || !secret_init())
		return no_session(d);
	secret_hash(id, id_hash);
	rc = store_session_get(s, id_hash, &ss, &a, d);
	if (rc == CD_ENOTFOUND)
		return no_session(d);
	if (rc)
		return rc;
	if (a.locked || a.disabled ||
	    timed_out(ss.created_at, ss.last_seen_at, now,
		      accounts_setting_parse(ACCOUNT_SETTING_IDLE, ss.idle),
		      accounts_setting_parse(ACCOUNT_SETTING_ABSOLUTE, ss.absolute))) {
		rc = store_session_end(s, id_hash, d);
		secret_wipe(&a, sizeof(a));
		return rc ? rc : no_session(d);
	}
	if (now - ss.last_seen_at >= TOUCH_EVERY) {
		rc = store_session_touch(s, id_hash, now, d);
		ss.last_seen_at = now;
	}
	out->account = ss.account;
	out->created_at = ss.created_at;
	out->last_seen_at = ss.last_seen_at;
	if (!rc && acct)
		accounts_public(&a, accounts_setting_parse(ACCOUNT_SETTING_MAX_AGE, ss.max_age), now,
				acct);
	secret_wipe(&a, sizeof(a));
	return rc;
}

enum cd_err account_session_get(struct store *s, const char *id, cd_time now,
				struct session *out, struct cd_diag *d)
{
	return account_session_account(s, id, now, out, NULL, d);
}

bool account_session_csrf(struct store *s, const char *id, const char *csrf)
{
	unsigned char id_hash[SECRET_HASH], csrf_hash[SECRET_HASH];
	struct store_session ss;

	if (!secret_is_text(id) || !secret_is_text(csrf) || !secret_init())
		return false;
	secret_hash(id, id_hash);
	if (store_session_get(s, id_hash, &ss, NULL, NULL))
		return false;
	secret_hash(csrf, csrf_hash);
	return secret_equal(ss.csrf_hash, csrf_hash, SECRET_HASH);
}

/* Ending a session that is not there (already ended, timed out, never was) is done: CD_OK. */
enum cd_err account_session_end(struct store *s, const char *id, struct cd_diag *d)
{
	unsigned char id_hash[SECRET_HASH];

	if (!secret_is_text(id) || !secret_init())
		return CD_OK;
	secret_hash(id, id_hash);
	return store_session_end(s, id_hash, d);
}

enum cd_err account_sessions_end(struct store *s, int64_t account, struct cd_diag *d)
{
	return store_sessions_end(s, account, d);
}

/* ---- API tokens ------------------------------------------------------------------------ */

static void token_public(const struct store_token *t, struct api_token *out)
{
	memset(out, 0, sizeof(*out));
	out->id = t->id;
	snprintf(out->label, sizeof(out->label), "%s", t->label);
	out->role = t->role;
	out->unit = t->unit;
	out->created_at = t->created_at;
	out->expires_at = t->expires_at;
	out->revoked_at = t->revoked_at;
	snprintf(out->created_by, sizeof(out->created_by), "%s", t->created_by);
	snprintf(out->account, sizeof(out->account), "%s", t->account_name);
}

/* token_text: s looks like a token (TOKEN_PREFIX and a secret text). */
static bool token_text(const char *s)
{
	size_t n = strlen(TOKEN_PREFIX);

	return s && !strncmp(s, TOKEN_PREFIX, n) && secret_is_text(s + n);
}

enum cd_err account_token_create(struct store *s, const char *label, enum account_role role,
				 int64_t unit, cd_time expires_at, const char *created_by,
				 cd_time now, struct api_token *out, char token[TOKEN_LEN + 1],
				 struct cd_diag *d)
{
	return account_token_create_for(s, label, 0, role, unit, expires_at, created_by, now, out,
					token, d);
}

enum cd_err account_token_create_for(struct store *s, const char *label, int64_t account,
				     enum account_role role, int64_t unit, cd_time expires_at,
				     const char *created_by, cd_time now, struct api_token *out,
				     char token[TOKEN_LEN + 1], struct cd_diag *d)
{
	struct store_token t = {0};
	char secret[SECRET_TEXT + 1];
	enum cd_err rc;

	token[0] = '\0';
	if (!account_role_scoped(role))
		return cd_diag_set(d, CD_EINVAL,
				   "an API token takes a business role (office, officer, unit_leader, "
				   "leader or auditor), not %s",
				   account_role_code(role));
	if (unit <= 0)
		return cd_diag_set(d, CD_EINVAL,
				   "an API token is scoped to a unit: give one (the organisation's "
				   "root unit for all of it)");
	if (!label || !*label || !accounts_text_ok(label, sizeof(t.label)))
		return cd_diag_set(d, CD_EINVAL,
				   "an API token needs a label saying what uses it: 1 to %zu bytes, "
				   "no control characters",
				   sizeof(t.label) - 1);
	if (expires_at != CD_TIME_NONE && expires_at <= now)
		return cd_diag_set(d, CD_EINVAL, "the token would have expired already");
	if (expires_at != CD_TIME_NONE && time_cst_date(expires_at) > date_from_ymd(2999, 12, 31))
		return cd_diag_set(d, CD_EINVAL,
				   "a token expires by 2999-12-31 at the latest (none: until revoked)");
	if (!secret_init())
		return cd_diag_set(d, CD_EIO, "the cryptographic library cannot start");
	secret_text(secret);
	snprintf(token, TOKEN_LEN + 1, TOKEN_PREFIX "%s", secret);
	secret_wipe(secret, sizeof(secret));
	secret_hash(token, t.hash);
	snprintf(t.label, sizeof(t.label), "%s", label);
	t.role = role;
	t.unit = unit;
	snprintf(t.created_by, sizeof(t.created_by), "%s",
		 created_by && *created_by ? created_by : "-");
	t.created_at = now;
	t.expires_at = expires_at;
	t.revoked_at = CD_TIME_NONE;
	t.account = account;
	rc = accounts_unit_error(store_token_add(s, &t, d), unit, d);
	if (rc) {
		secret_wipe(token, TOKEN_LEN + 1);
		return rc;
	}
	token_public(&t, out);
	return CD_OK;
}

enum cd_err account_token_get(struct store *s, const char *token, cd_time now,
			      struct api_token *out, struct cd_diag *d)
{
	unsigned char hash[SECRET_HASH];
	struct store_token t;
	enum cd_err rc;

	memset(out, 0, sizeof(*out));
	if (!token_text(token) || !secret_init())
		return cd_diag_set(d, CD_ENOTFOUND, "no such API token");
	secret_hash(token, hash);
	if ((rc = store_token_get(s, hash, &t, d)))
		return rc;
	if (t.revoked_at != CD_TIME_NONE)
		return cd_diag_set(d, CD_ENOTFOUND, "API token %lld was revoked", (long long)t.id);
	if (t.expires_at != CD_TIME_NONE && now >= t.expires_at)
		return cd_diag_set(d, CD_ENOTFOUND, "API token %lld has expired", (long long)t.id);
	token_public(&t, out);
	return CD_OK;
}

enum cd_err account_token_list(struct store *s, struct api_token **out, size_t *n,
			       struct cd_diag *d)
{
	struct store_token *v = NULL;
	enum cd_err rc = store_token_list(s, &v, n, d);

	*out = NULL;
	if (!rc && *n && !(*out = calloc(*n, sizeof(**out))))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < *n; i++)
		token_public(&v[i], &(*out)[i]);
	free(v);
	if (rc)
		*n = 0;
	return rc;
}

enum cd_err account_token_revoke(struct store *s, int64_t id, cd_time now, struct cd_diag *d)
{
	return store_token_revoke(s, id, now, d);
}
