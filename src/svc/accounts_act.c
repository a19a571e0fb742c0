/* accounts_act.c — the administrators' acts on accounts, API tokens and the security settings
 * (svc/accounts.h), written once for the API and the command line: check, then in one
 * transaction the write and its audit entry (act.h). The encoders of what they write are here
 * too, so an answer of the API and an entry of the log show an account the same way. */
#include "svc/accounts_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "svc/act.h"

/* ---- Encoders -------------------------------------------------------------------------- */

json_t *svc_account_json(const struct account *a)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:b, s:b, s:b, s:b, s:b, s:o, s:o, s:o}",
			 "id", (json_int_t)a->id, "name", a->name, "display", a->display, "role",
			 account_role_code(a->role), "role_label", account_role_label(a->role),
			 "unit", (json_int_t)a->unit, "password_set", a->password_set,
			 "password_expired", a->password_expired, "totp_enabled", a->totp_enabled,
			 "locked", a->locked, "disabled", a->disabled, "created_at",
			 jnull_time(a->created_at), "password_changed_at",
			 jnull_time(a->password_changed_at), "last_login_at",
			 jnull_time(a->last_login_at));
}

json_t *svc_token_json(const struct api_token *t)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:s, s:s?}", "id",
			 (json_int_t)t->id, "label", t->label, "role", account_role_code(t->role),
			 "unit", (json_int_t)t->unit, "created_at", jnull_time(t->created_at),
			 "expires_at", jnull_time(t->expires_at), "revoked_at",
			 jnull_time(t->revoked_at), "created_by", t->created_by, "account",
			 t->account[0] ? t->account : NULL);
}

json_t *svc_role_change_json(const struct store_role_change *r)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:s?, s:o, s:s?}",
			 "id", (json_int_t)r->id, "account_id", (json_int_t)r->account, "account",
			 r->account_name, "role", account_role_code(r->role), "role_label",
			 account_role_label(r->role), "unit",
			 r->unit ? json_integer(r->unit) : json_null(), "proposed_by",
			 r->proposed_by, "proposed_at", jnull_time(r->proposed_at), "state",
			 r->state, "decided_by", r->decided_by[0] ? r->decided_by : NULL,
			 "decided_at", jnull_time(r->decided_at), "reason",
			 r->reason[0] ? r->reason : NULL);
}

json_t *svc_settings_json(const struct account_settings *st)
{
	const struct account_setting_def *def;
	json_t *o = json_object();

	for (size_t i = 0; o && (def = account_setting_def(i)); i++)
		if (json_object_set_new(o, def->key, json_integer(account_setting_value(st, i)))) {
			json_decref(o);
			return NULL;
		}
	return o;
}

/* role_json: the role and scope of an account (account.role's before and after). */
static json_t *role_json(const struct account *a)
{
	return json_pack("{s:s, s:I}", "role", account_role_code(a->role), "unit",
			 (json_int_t)a->unit);
}

/* ---- Checks ---------------------------------------------------------------------------- */

static const char *object(char buf[32], const char *kind, int64_t id)
{
	snprintf(buf, 32, "%s:%lld", kind, (long long)id);
	return buf;
}

/* load reads account id; CD_ENOTFOUND (no field: the path's id) when there is none. */
static enum cd_err load(struct act *c, int64_t id, struct account *a)
{
	enum cd_err rc = account_get(c->s, id, c->now, a, c->d);

	return rc == CD_ENOTFOUND ? act_fail(c, rc, NULL, "no account %lld", (long long)id) : rc;
}

/* self: the actor is account a (an API caller acts under its account's name; the command line's
 * "cli:USER" and a token's "token:ID" are no account's name). */
static bool self(const struct act *c, const struct account *a)
{
	return c->actor && !strcmp(c->actor, a->name);
}

static bool can_sign_in(const struct account *a)
{
	return !a->locked && !a->disabled;
}

/* keep_admin refuses (naming field) a change after which account a — before it — would no
 * longer hold its administrator role able to sign in (`stays` false) when no other account
 * does: the last system, security or audit administrator is never demoted, locked or
 * disabled, so that each of the three powers keeps a holder (三员分立). */
static enum cd_err keep_admin(struct act *c, const struct account *a, bool stays,
			      const char *field)
{
	static const char *const what[] = {[AR_SYSADMIN] = "system administrator",
					   [AR_SECADMIN] = "security administrator",
					   [AR_AUDITADMIN] = "audit administrator"};
	static const char *const keeps[] = {[AR_SYSADMIN] = "the accounts / 系统管理员",
					    [AR_SECADMIN] = "the roles / 安全管理员",
					    [AR_AUDITADMIN] = "the audit log / 审计管理员"};
	struct account *v = NULL;
	size_t n = 0, others = 0;
	enum cd_err rc;

	if (stays || !account_role_admin(a->role) || !can_sign_in(a))
		return CD_OK;
	if ((rc = account_list(c->s, c->now, &v, &n, c->d)))
		return rc;
	for (size_t i = 0; i < n; i++)
		others += v[i].id != a->id && v[i].role == a->role && can_sign_in(&v[i]);
	free(v);
	if (others)
		return CD_OK;
	return act_fail(c, CD_EINVAL, field,
			"%s is the last %s able to sign in; make another one first (%s keeps %s) / "
			"须保留至少一名可登录的该类管理员",
			a->name, lang_tr(what[a->role]), lang_tr(what[a->role]), keeps[a->role]);
}

/* from_host: the act comes from the host's command line (its owner), not from an account. */
static bool from_host(const struct act *c)
{
	return c->actor && !strncmp(c->actor, "cli:", 4);
}

/* unit_for checks a role's unit (a code or NULL) and sets *unit to its id (0 for none). */
static enum cd_err unit_for(struct act *c, enum account_role role, const char *code,
			    int64_t *unit)
{
	enum cd_err rc;

	*unit = 0;
	if ((int)role < 0 || role >= AR__MAX)
		return act_fail(c, CD_EINVAL, "role", "role: no such role");
	if (code && (rc = act_ref(c, SK_UNIT, code, "unit", unit)))
		return rc;
	if (account_role_scoped(role) && !*unit) {
		c->why = "required";
		return act_fail(c, CD_EINVAL, "unit",
				"unit: the role %s is scoped to a unit subtree; give its top unit "
				"(the organisation's root for all of it)",
				account_role_code(role));
	}
	if (!account_role_scoped(role) && *unit)
		return act_fail(c, CD_EINVAL, "unit",
				"unit: the role %s has no unit scope; leave unit out",
				account_role_code(role));
	return CD_OK;
}

/* ---- Accounts -------------------------------------------------------------------------- */

enum cd_err svc_account_create(struct act *c, const struct account_new *in, struct account *out)
{
	char obj[32];
	int64_t unit = 0;
	enum cd_err rc = unit_for(c, in->role, in->unit, &unit);

	if (rc)
		return rc;
	if (in->display && !accounts_text_ok(in->display, sizeof out->display))
		return act_fail(c, CD_EINVAL, "display",
				"display: at most %zu bytes, no control characters",
				sizeof out->display - 1);
	if ((rc = act_begin(c)))
		return rc;
	rc = account_create(c->s, in->name, in->display ? in->display : "", in->role, unit, c->now,
			    out, c->d);
	if (rc == CD_EINVAL || rc == CD_ECONFLICT)
		c->field = "name";
	return act_end(c, rc, "account.create", rc ? NULL : object(obj, "account", out->id), NULL,
		       rc ? NULL : svc_account_json(out));
}

/* password_write stores hash (a checked new password of account id) with its entry. */
static enum cd_err password_write(struct act *c, int64_t id, const char *hash)
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = accounts_password_store(c->s, id, hash, c->now, c->d);
	return act_end(c, rc, "account.password", object(obj, "account", id), NULL, NULL);
}

enum cd_err svc_account_password(struct act *c, int64_t id, const char *password)
{
	char hash[PASSWORD_HASH_MAX] = "";
	struct account a;
	enum cd_err rc = load(c, id, &a);

	/* checked and hashed before the transaction: no write lock is held while argon2id runs */
	if (!rc && (rc = accounts_password_hash(c->s, id, password, hash, c->d)) == CD_EINVAL)
		c->field = "new";
	if (!rc)
		rc = password_write(c, id, hash);
	secret_wipe(hash, sizeof hash);
	return rc;
}

enum cd_err svc_account_reset(struct act *c, int64_t id, const char *password)
{
	char hash[PASSWORD_HASH_MAX] = "", obj[32];
	struct account a;
	enum cd_err rc = load(c, id, &a);

	if (!rc && (rc = accounts_password_hash(c->s, id, password, hash, c->d)) == CD_EINVAL)
		c->field = "password";
	if (!rc && !(rc = act_begin(c))) {
		rc = accounts_password_store(c->s, id, hash, c->now, c->d);
		if (!rc)
			rc = store_account_must_change(c->s, id, c->d);
		rc = act_end(c, rc, "account.password", object(obj, "account", id), NULL,
			     json_pack("{s:b}", "must_change", 1));
	}
	secret_wipe(hash, sizeof hash);
	return rc;
}

enum cd_err svc_account_password_change(struct act *c, int64_t id, const char *old,
					const char *password)
{
	enum login_outcome o = LOGIN_BAD;
	struct account a, signed_in;
	enum cd_err rc = load(c, id, &a);

	/* the current password is checked like a sign-in: a failure counts towards the lock-out */
	if (!rc)
		rc = account_login(c->s, a.name, old, NULL, c->ip, c->now, &o, NULL, &signed_in,
				   c->d);
	if (!rc && (o == LOGIN_BAD || o == LOGIN_LOCKED || o == LOGIN_DISABLED ||
		    o == LOGIN_THROTTLED))
		return act_fail(c, CD_EINVAL, "old", "old: the current password is wrong");
	return rc ? rc : svc_account_password(c, id, password);
}

/* admin_change: changing role `was` to `role` gives or takes an administrator's role. */
static bool admin_change(enum account_role was, enum account_role role)
{
	return role != was && (account_role_admin(role) || account_role_admin(was));
}

/* supersede withdraws the change of account's role waiting for agreement, if one does: the
 * role has been changed directly (at the host, or a business role through the API), so the
 * proposal no longer stands on what it was proposed over; its id in *id (0: none waited). */
static enum cd_err supersede(struct act *c, int64_t account, int64_t *id)
{
	struct store_role_change *page = NULL;
	size_t n = 0;
	int64_t before = 0;
	enum cd_err rc;

	*id = 0;
	do { /* at most one waits for an account (schema 0037); few wait at all */
		free(page);
		page = NULL;
		rc = store_role_change_list(c->s, "pending", before, 100, &page, &n, c->d);
		for (size_t i = 0; !rc && i < n && !*id; i++)
			if (page[i].account == account)
				*id = page[i].id;
		before = n ? page[n - 1].id : 0;
	} while (!rc && !*id && n == 100);
	free(page);
	if (!rc && *id)
		rc = store_role_change_decide(c->s, *id, "withdrawn", c->actor ? c->actor : "-",
					      "已被直接的角色变更取代 (superseded by a direct change "
					      "of the role)",
					      c->now, c->d);
	return rc;
}

/* role_set gives account `was` (loaded in c's transaction) role and unit u, with its entry
 * (after: the role and scope, and the change agreed to when there is one — or the change that
 * waited and is withdrawn by this direct one). */
static enum cd_err role_set(struct act *c, const struct account *was, enum account_role role,
			    int64_t u, const struct store_role_change *agreed, struct account *out)
{
	char obj[32];
	json_t *before, *after;
	int64_t superseded = 0;
	enum cd_err rc = keep_admin(c, was, role == was->role, "role");

	/* a session signed in under the old role ends: the account signs in again under the new */
	if (!rc)
		rc = account_set_role(c->s, was->id, role, u, c->d);
	if (!rc && !agreed)
		rc = supersede(c, was->id, &superseded);
	if (!rc)
		rc = account_get(c->s, was->id, c->now, out, c->d);
	before = rc ? NULL : role_json(was);
	after = rc ? NULL : role_json(out);
	if (after && agreed)
		json_object_update_new(after, json_pack("{s:I, s:s}", "change",
							(json_int_t)agreed->id, "proposed_by",
							agreed->proposed_by));
	if (after && superseded)
		json_object_set_new(after, "withdrew_change", json_integer(superseded));
	return act_end(c, rc, "account.role", object(obj, "account", was->id), before, after);
}

/* role_begin checks a role change of account id and opens its transaction with the account
 * loaded in *was; nonzero (the transaction ended) on a refusal. */
static enum cd_err role_begin(struct act *c, int64_t id, enum account_role role,
			      const char *unit, int64_t *u, struct account *was)
{
	enum cd_err rc = unit_for(c, role, unit, u);

	if (rc || (rc = act_begin(c)))
		return rc;
	rc = load(c, id, was);
	if (!rc && self(c, was))
		rc = act_fail(c, CD_EINVAL, "role",
			      "role: you cannot change your own role: another security "
			      "administrator must");
	return rc ? act_end(c, rc, "account.role", NULL, NULL, NULL) : CD_OK;
}

enum cd_err svc_account_role(struct act *c, int64_t id, enum account_role role, const char *unit,
			     struct account *out)
{
	struct account was;
	int64_t u = 0;
	enum cd_err rc = role_begin(c, id, role, unit, &u, &was);

	/* an administrator's role is given or taken by one administrator's act only at the host
	 * (the organisation's decision carried out by its owner); through the API it is proposed
	 * and agreed to (svc_account_role_ask) */
	if (!rc && !from_host(c) && admin_change(was.role, role))
		return act_end(c,
			       act_fail(c, CD_EINVAL, "role",
					"role: an administrator's role is given or taken only with "
					"a second administrator's agreement: propose it, the system "
					"administrator agrees"),
			       "account.role", NULL, NULL, NULL);
	return rc ? rc : role_set(c, &was, role, u, NULL, out);
}

enum cd_err svc_account_role_ask(struct act *c, int64_t id, enum account_role role,
				 const char *unit, struct account *out, int64_t *pending)
{
	char obj[32];
	struct store_role_change ch = {0};
	struct account was;
	int64_t u = 0;
	enum cd_err rc = role_begin(c, id, role, unit, &u, &was);

	*pending = 0;
	if (rc)
		return rc;
	if (from_host(c) || !admin_change(was.role, role))
		return role_set(c, &was, role, u, NULL, out);
	/* refused now what would be refused at the agreement: the last holder stays */
	rc = keep_admin(c, &was, false, "role");
	ch.account = was.id;
	ch.role = role;
	ch.unit = u;
	snprintf(ch.proposed_by, sizeof ch.proposed_by, "%s", c->actor ? c->actor : "-");
	ch.proposed_at = c->now;
	if (!rc && (rc = store_role_change_add(c->s, &ch, c->d)) == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "role",
			      "role: a change of %s's role waits for agreement already; have it "
			      "agreed to or refused first",
			      was.name);
	if (!rc)
		rc = store_role_change_get(c->s, ch.id, &ch, c->d);
	*out = was;
	rc = act_end(c, rc, "account.role_propose", object(obj, "account", was.id), role_json(&was),
		     rc ? NULL : svc_role_change_json(&ch));
	if (!rc)
		*pending = ch.id;
	return rc;
}

/* change_reason checks the reason of a refusal or a withdrawal (NULL when none was given). */
static enum cd_err change_reason(struct act *c, const char *reason, bool required)
{
	if (!reason && !required)
		return CD_OK;
	if (!reason || !reason[strspn(reason, " \t\r\n")]) {
		c->why = "required";
		return act_fail(c, CD_EINVAL, "reason",
				"reason: say why, for the other administrator (not blanks alone)");
	}
	if (strlen(reason) > 2000)
		return act_fail(c, CD_EINVAL, "reason", "reason: at most 2000 bytes");
	return CD_OK;
}

/* pending_change opens the act's transaction and reads change id into *out, which must still
 * wait (CD_ENOTFOUND otherwise, the transaction ended under `action`). */
static enum cd_err pending_change(struct act *c, int64_t id, const char *action,
				  struct store_role_change *out)
{
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = store_role_change_get(c->s, id, out, c->d);
	if (rc == CD_ENOTFOUND || (!rc && strcmp(out->state, "pending")))
		rc = act_fail(c, CD_ENOTFOUND, NULL, "no role change %lld waits for agreement",
			      (long long)id);
	return rc ? act_end(c, rc, action, NULL, NULL, NULL) : CD_OK;
}

enum cd_err svc_role_change_decide(struct act *c, int64_t id, bool agree, const char *reason,
				   struct store_role_change *out)
{
	const char *action = agree ? "account.role" : "account.role_refuse";
	char obj[32];
	struct account was, now;
	enum cd_err rc = change_reason(c, agree ? NULL : reason, !agree);

	if (!rc && agree && reason)
		rc = act_fail(c, CD_EINVAL, "reason", "reason: an agreement takes no reason");
	if (rc || (rc = pending_change(c, id, action, out)))
		return rc;
	if (!rc && c->actor && !strcmp(c->actor, out->proposed_by))
		rc = act_fail(c, CD_EINVAL, NULL,
			      "you proposed this change: another administrator decides on it");
	if (!rc && c->actor && !strcmp(c->actor, out->account_name))
		rc = act_fail(c, CD_EINVAL, NULL,
			      "this change is of your own role: another administrator decides on it");
	if (!rc)
		rc = store_role_change_decide(c->s, id, agree ? "agreed" : "refused",
					      c->actor ? c->actor : "-", reason, c->now, c->d);
	if (!rc)
		rc = load(c, out->account, &was);
	if (!rc && agree)
		rc = role_set(c, &was, out->role, out->unit, out, &now);
	else
		rc = act_end(c, rc, action, object(obj, "account", out->account), NULL,
			     rc ? NULL
				: json_pack("{s:I, s:s}", "change", (json_int_t)id, "reason",
					    reason));
	if (!rc)
		rc = store_role_change_get(c->s, id, out, c->d);
	return rc;
}

enum cd_err svc_role_change_withdraw(struct act *c, int64_t id, const char *reason,
				     struct store_role_change *out)
{
	const char *action = "account.role_withdraw";
	char obj[32];
	enum cd_err rc = change_reason(c, reason, false);

	if (rc || (rc = pending_change(c, id, action, out)))
		return rc;
	/* the proposer's own act: not another security administrator's, and never the account's
	 * whose role it would change */
	if (!c->actor || strcmp(c->actor, out->proposed_by))
		rc = act_fail(c, CD_EINVAL, NULL,
			      "only %s, who proposed this change, may withdraw it; the system "
			      "administrator may refuse it",
			      out->proposed_by);
	if (!rc)
		rc = store_role_change_decide(c->s, id, "withdrawn", c->actor, reason, c->now,
					      c->d);
	rc = act_end(c, rc, action, object(obj, "account", out->account), NULL,
		     rc ? NULL
			: json_pack("{s:I, s:s?}", "change", (json_int_t)id, "reason", reason));
	if (!rc)
		rc = store_role_change_get(c->s, id, out, c->d);
	return rc;
}

enum cd_err svc_account_update(struct act *c, int64_t id, const struct account_flags *in,
			       struct account *out)
{
	char obj[32];
	struct account was;
	bool off = in->locked > 0 || in->disabled > 0;
	const char *field = in->disabled >= 0 ? "disabled" : "locked";
	json_t *before;
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = load(c, id, &was);
	if (!rc && off && self(c, &was))
		rc = act_fail(c, CD_EINVAL, field,
			      "%s: you cannot lock or disable your own account", field);
	if (!rc)
		rc = keep_admin(c, &was, !off, field);
	/* locking or disabling ends the account's sessions; unlocking forgets its failures */
	if (!rc && in->locked >= 0)
		rc = account_set_locked(c->s, id, in->locked > 0, c->d);
	if (!rc && in->disabled >= 0)
		rc = account_set_disabled(c->s, id, in->disabled > 0, c->d);
	if (!rc)
		rc = account_get(c->s, id, c->now, out, c->d);
	before = rc ? NULL : svc_account_json(&was);
	return act_end(c, rc, "account.update", object(obj, "account", id), before,
		       rc ? NULL : svc_account_json(out));
}

/* ---- The second factor ----------------------------------------------------------------- */

enum cd_err svc_account_totp_begin(struct act *c, int64_t id, char secret_b32[64], char uri[256])
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = account_totp_begin(c->s, id, secret_b32, uri, c->d);
	rc = act_end(c, rc, "account.totp_begin", object(obj, "account", id), NULL, NULL);
	if (rc) {
		secret_wipe(secret_b32, 64);
		secret_wipe(uri, 256);
	}
	return rc;
}

enum cd_err svc_account_totp_replace(struct act *c, int64_t id, const char *password,
				     const char *code, char secret_b32[64], char uri[256])
{
	/* outside the act's transaction: a failure counts even though the act is refused */
	enum cd_err rc = account_reauth(c->s, id, password, code, c->ip, c->now, &c->field, c->d);

	return rc ? rc : svc_account_totp_begin(c, id, secret_b32, uri);
}

enum cd_err svc_account_totp_confirm(struct act *c, int64_t id, const char *code)
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = account_totp_confirm(c->s, id, code, c->now, c->d);
	if (rc == CD_EINVAL)
		c->field = "code";
	return act_end(c, rc, "account.totp_enable", object(obj, "account", id), NULL, NULL);
}

enum cd_err svc_account_totp_clear(struct act *c, int64_t id)
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = account_totp_disable(c->s, id, c->d);
	return act_end(c, rc, "account.totp_disable", object(obj, "account", id), NULL, NULL);
}

/* ---- API tokens ------------------------------------------------------------------------ */

/* token_end ends a token's act: its entry (never the secret), the secret wiped on failure. */
static enum cd_err token_end(struct act *c, enum cd_err rc, const struct api_token *out,
			     char secret[TOKEN_LEN + 1])
{
	char obj[32];

	if (rc == CD_EINVAL && !c->field)
		c->field = "label";
	rc = act_end(c, rc, "token.create", rc ? NULL : object(obj, "token", out->id), NULL,
		     rc ? NULL : svc_token_json(out));
	if (rc)
		secret_wipe(secret, TOKEN_LEN + 1);
	return rc;
}

/* token_for issues a token for account in->account: its role and scope, which the security
 * administrator gave it; not to oneself, not for an administrator or a disabled account. */
static enum cd_err token_for(struct act *c, const struct token_new *in, struct api_token *out,
			     char secret[TOKEN_LEN + 1])
{
	struct account a;
	enum cd_err rc;

	if ((rc = act_begin(c)))
		return rc;
	rc = account_by_name(c->s, in->account, c->now, &a, c->d);
	if (rc == CD_ENOTFOUND)
		rc = act_fail(c, CD_EINVAL, "account", "account: no account %s", in->account);
	else if (!rc && self(c, &a))
		rc = act_fail(c, CD_EINVAL, "account",
			      "account: a token is not issued to oneself");
	else if (!rc && (!account_role_scoped(a.role) || a.disabled))
		rc = act_fail(c, CD_EINVAL, "account",
			      "account: %s has no business role (the security administrator gives "
			      "one) or is disabled: a token takes the role and scope of an "
			      "account of a business role",
			      a.name);
	if (!rc)
		rc = account_token_create_for(c->s, in->label, a.id, a.role, a.unit, in->expires_at,
					      c->actor, c->now, out, secret, c->d);
	if (!rc)
		snprintf(out->account, sizeof out->account, "%s", a.name);
	return token_end(c, rc, out, secret);
}

enum cd_err svc_token_create(struct act *c, const struct token_new *in, struct api_token *out,
			     char secret[TOKEN_LEN + 1])
{
	int64_t unit = 0;
	enum cd_err rc;

	secret[0] = '\0';
	if (in->expires_at != CD_TIME_NONE && in->expires_at <= c->now)
		return act_fail(c, CD_EINVAL, "expires_on",
				"expires_on: the token would have expired already; give a day in "
				"the future");
	if (in->account)
		return token_for(c, in, out, secret);
	if (!account_role_scoped(in->role))
		return act_fail(c, CD_EINVAL, "role",
				"role: a token carries a business role (office, officer, "
				"unit_leader, leader, auditor), not %s",
				account_role_code(in->role));
	if ((rc = unit_for(c, in->role, in->unit, &unit)))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	rc = account_token_create(c->s, in->label, in->role, unit, in->expires_at, c->actor,
				  c->now, out, secret, c->d);
	return token_end(c, rc, out, secret);
}

enum cd_err svc_token_revoke(struct act *c, int64_t id)
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = account_token_revoke(c->s, id, c->now, c->d);
	return act_end(c, rc, "token.revoke", object(obj, "token", id), NULL, NULL);
}

/* ---- Settings -------------------------------------------------------------------------- */

enum cd_err svc_settings_update(struct act *c, const struct setting_change *v, size_t n,
				struct account_settings *out)
{
	json_t *before = NULL;
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = account_settings_get(c->s, out, c->d);
	if (!rc)
		before = svc_settings_json(out);
	for (size_t i = 0; !rc && i < n; i++)
		if ((rc = account_setting_set(c->s, v[i].key, v[i].value, c->d)))
			c->field = v[i].key;
	if (!rc)
		rc = account_settings_get(c->s, out, c->d);
	return act_end(c, rc, "settings.update", "settings", before,
		       rc ? NULL : svc_settings_json(out));
}
