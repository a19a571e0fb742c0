/* api_admin.c — the three separated administrators' own endpoints (三员分立): the system
 * administrator's accounts and settings, the security administrator's roles, scopes and API
 * tokens, the audit administrator's log. Each route's permission class (routes.c) lets exactly
 * one of them in; the rules that cross (no one changes their own role, business roles need a
 * unit) are checked here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include <sodium.h>

#include "audit/audit.h"

#define OBJECT(x, kind, id) snprintf((x)->object, sizeof (x)->object, kind ":%lld", (long long)(id))

static int unit_of(struct api_ctx *x, const char *field, int64_t *unit)
{
	const struct fval *v = api_val(x, field);
	struct cd_diag d = {{0}};
	enum cd_err rc;

	*unit = 0;
	if (!v || !v->set || v->null)
		return 0;
	rc = store_id_of(x->q->store, SK_UNIT, v->s, unit, &d);
	return rc == CD_OK ? 0 : api_err(x, rc, field, &d);
}

/* --- accounts (system administrator) ------------------------------------------------------------ */

int api_accounts_list(struct api_ctx *x)
{
	struct account *v;
	struct cd_diag d = {{0}};
	size_t n;
	enum cd_err rc = account_list(x->q->store, x->q->now, &v, &n, &d);
	json_t *items;

	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_account_json(&v[i]));
	free(v);
	return api_page(x, items, NULL);
}

static int load_account(struct api_ctx *x, struct account *a)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = account_get(x->q->store, x->id, x->q->now, a, &d);

	OBJECT(x, "account", x->id);
	return rc == CD_OK ? 0 : api_err(x, rc, NULL, &d);
}

int api_account_get(struct api_ctx *x)
{
	struct account a;
	int st;

	return (st = load_account(x, &a)) ? st : api_ok(x, 200, api_account_json(&a));
}

int api_account_create(struct api_ctx *x)
{
	struct account a;
	struct cd_diag d = {{0}};
	const struct fval *disp = api_val(x, "display");
	enum cd_err rc;
	int st;

	if ((st = api_begin(x)))
		return st;
	/* the system administrator opens accounts; the security administrator gives them a role */
	rc = account_create(x->q->store, api_val(x, "name")->s, disp->set ? disp->s : "", AR_NONE,
			    0, x->q->now, &a, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, rc == CD_ECONFLICT || rc == CD_EINVAL ? "name" : NULL, &d);
	}
	OBJECT(x, "account", a.id);
	x->after = api_account_json(&a);
	return api_commit(x, 201, json_incref(x->after));
}

int api_account_update(struct api_ctx *x)
{
	const struct fval *locked = api_val(x, "locked"), *disabled = api_val(x, "disabled");
	struct account a;
	struct cd_diag d = {{0}};
	enum cd_err rc = CD_OK;
	int st;

	if ((st = api_begin(x)))
		return st;
	if ((st = load_account(x, &a))) {
		store_rollback(x->q->store);
		return st;
	}
	if (a.id == x->who.account && ((disabled->set && disabled->b) || (locked->set && locked->b))) {
		store_rollback(x->q->store);
		return api_fail(x, 422, "invalid", disabled->set ? "disabled" : "locked",
				"you cannot lock or disable your own account");
	}
	x->before = api_account_json(&a);
	if (locked->set)
		rc = account_set_locked(x->q->store, a.id, locked->b, &d);
	if (!rc && disabled->set)
		rc = account_set_disabled(x->q->store, a.id, disabled->b, &d);
	if (!rc && ((locked->set && locked->b) || (disabled->set && disabled->b)))
		rc = account_sessions_end(x->q->store, a.id, &d);
	if (!rc)
		rc = account_get(x->q->store, a.id, x->q->now, &a, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	x->after = api_account_json(&a);
	return api_commit(x, 200, json_incref(x->after));
}

/* --- settings (system administrator) ------------------------------------------------------------ */

static json_t *settings_json(const struct account_settings *s)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i}", "password_min_length",
			 s->password_min_length, "password_max_age_days", s->password_max_age_days,
			 "lockout_failures", s->lockout_failures, "session_idle_minutes",
			 s->session_idle_minutes, "session_absolute_hours",
			 s->session_absolute_hours);
}

int api_settings_get(struct api_ctx *x)
{
	struct account_settings s;
	struct cd_diag d = {{0}};
	enum cd_err rc = account_settings_get(x->q->store, &s, &d);

	return rc == CD_OK ? api_ok(x, 200, settings_json(&s)) : api_err(x, rc, NULL, &d);
}

int api_settings_update(struct api_ctx *x)
{
	struct account_settings s;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = api_begin(x)))
		return st;
	snprintf(x->object, sizeof x->object, "settings");
	rc = account_settings_get(x->q->store, &s, &d);
	if (rc == CD_OK)
		x->before = settings_json(&s);
	for (size_t i = 0; rc == CD_OK && i < x->rt->nbody; i++) {
		char num[24];

		if (!x->v[i].set)
			continue;
		snprintf(num, sizeof num, "%lld", (long long)x->v[i].i);
		rc = account_setting_set(x->q->store, x->rt->body[i].name, num, &d);
		if (rc != CD_OK) {
			store_rollback(x->q->store);
			return api_err(x, rc, x->rt->body[i].name, &d);
		}
	}
	if (rc == CD_OK)
		rc = account_settings_get(x->q->store, &s, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	x->after = settings_json(&s);
	return api_commit(x, 200, json_incref(x->after));
}

/* --- roles and scopes (security administrator) ------------------------------------------------- */

int api_account_role(struct api_ctx *x)
{
	const struct fval *role = api_val(x, "role");
	struct account a;
	struct cd_diag d = {{0}};
	int64_t unit;
	enum cd_err rc;
	int st;

	if (x->id == x->who.account)
		return api_fail(x, 422, "invalid", "role",
				"you cannot change your own role: another security administrator "
				"must");
	if ((st = unit_of(x, "unit", &unit)))
		return st;
	if (account_role_scoped((enum account_role)role->i) && !unit)
		return api_fail(x, 422, "required", "unit",
				"unit: the role %s is scoped to a unit subtree; give its top unit",
				account_role_code((enum account_role)role->i));
	if (!account_role_scoped((enum account_role)role->i) && unit)
		return api_fail(x, 422, "invalid", "unit",
				"unit: the role %s has no unit scope; leave unit out",
				account_role_code((enum account_role)role->i));
	if ((st = api_begin(x)))
		return st;
	if ((st = load_account(x, &a))) {
		store_rollback(x->q->store);
		return st;
	}
	x->before = json_pack("{s:s, s:I}", "role", account_role_code(a.role), "unit",
			      (json_int_t)a.unit);
	rc = account_set_role(x->q->store, a.id, (enum account_role)role->i, unit, &d);
	if (rc == CD_OK) /* a new role starts with a new session */
		rc = account_sessions_end(x->q->store, a.id, &d);
	if (rc == CD_OK)
		rc = account_get(x->q->store, a.id, x->q->now, &a, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, rc == CD_EINVAL ? "role" : NULL, &d);
	}
	x->after = json_pack("{s:s, s:I}", "role", account_role_code(a.role), "unit",
			     (json_int_t)a.unit);
	return api_commit(x, 200, api_account_json(&a));
}

static json_t *token_json(const struct api_token *t)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o, s:s}", "id", (json_int_t)t->id,
			 "label", t->label, "role", account_role_code(t->role), "unit",
			 (json_int_t)t->unit, "created_at", api_json_time(t->created_at),
			 "expires_at", api_json_time(t->expires_at), "revoked_at",
			 api_json_time(t->revoked_at), "created_by", t->created_by);
}

int api_tokens_list(struct api_ctx *x)
{
	struct api_token *v;
	struct cd_diag d = {{0}};
	size_t n;
	enum cd_err rc = account_token_list(x->q->store, &v, &n, &d);
	json_t *items;

	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, token_json(&v[i]));
	free(v);
	return api_page(x, items, NULL);
}

int api_token_create(struct api_ctx *x)
{
	const struct fval *role = api_val(x, "role"), *exp = api_val(x, "expires_on");
	struct api_token t;
	char secret[TOKEN_LEN + 1];
	struct cd_diag d = {{0}};
	int64_t unit;
	enum cd_err rc;
	int st;

	if ((st = unit_of(x, "unit", &unit)))
		return st;
	if (!account_role_scoped((enum account_role)role->i))
		return api_fail(x, 422, "invalid", "role",
				"role: a token carries a business role (office, officer, "
				"unit_leader, leader, auditor)");
	if (!unit)
		return api_fail(x, 422, "required", "unit", "unit: give the top unit of its scope");
	if (exp->set && time_cst_end(exp->date) <= x->q->now)
		return api_fail(x, 422, "invalid", "expires_on", "expires_on: give a day in the future");
	if ((st = api_begin(x)))
		return st;
	rc = account_token_create(x->q->store, api_val(x, "label")->s, (enum account_role)role->i,
				  unit, exp->set ? time_cst_end(exp->date) : CD_TIME_NONE,
				  x->who.name, x->q->now, &t, secret, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	OBJECT(x, "token", t.id);
	x->after = token_json(&t); /* the secret is never in the audit log */
	st = api_commit(x, 201, json_pack("{s:o, s:s}", "token", token_json(&t), "secret", secret));
	sodium_memzero(secret, sizeof secret);
	return st;
}

int api_token_revoke(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = api_begin(x)))
		return st;
	OBJECT(x, "token", x->id);
	rc = account_token_revoke(x->q->store, x->id, x->q->now, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	return api_commit(x, 204, NULL);
}

/* --- the audit log (audit administrator) -------------------------------------------------------- */

int api_audit_list(struct api_ctx *x)
{
	struct store_audit_filter f = {.limit = x->limit + 1};
	struct store_audit_entry *v;
	const struct fval *from = api_qval(x, "from"), *to = api_qval(x, "to");
	char key[8], next[32], fb[26], tb[26];
	struct cd_diag d = {{0}};
	size_t n;
	enum cd_err rc;
	json_t *items;

	if (x->cursor && !api_cursor_read(x->cursor, key, sizeof key, &f.before_seq))
		return api_fail(x, 400, "invalid", "cursor",
				"cursor: give the \"next\" of the previous page as it was");
	f.actor = api_qval(x, "actor")->set ? api_qval(x, "actor")->s : NULL;
	f.action = api_qval(x, "action")->set ? api_qval(x, "action")->s : NULL;
	f.outcome = api_qval(x, "outcome")->set ? api_qval(x, "outcome")->s : NULL;
	if (f.outcome && !audit_outcome_known(f.outcome))
		return api_fail(x, 400, "invalid", "outcome",
				"outcome: give ok, denied, invalid, failed or locked");
	f.from = from->set ? time_format(from->t, fb) : NULL;
	f.to = to->set ? time_format(to->t, tb) : NULL;
	rc = store_audit_find(x->q->store, &f, x->a, &v, &n, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	/* newest first: the store gives them in seq order */
	for (size_t i = n; i-- > 0 && json_array_size(items) < x->limit;)
		json_array_append_new(items, audit_entry_json(&v[i]));
	next[0] = '\0';
	if (n > x->limit)
		api_cursor_make(next, sizeof next, NULL, v[n - x->limit].seq);
	return api_page(x, items, next[0] ? next : NULL);
}

int api_audit_verify(struct api_ctx *x)
{
	struct audit_verify_opts o = {0};
	struct audit_report rep;
	struct cd_diag d = {{0}};
	enum cd_err rc = audit_verify(x->q->store, &o, &rep, &d);

	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	snprintf(x->object, sizeof x->object, "audit");
	return api_ok(x, 200,
		      json_pack("{s:b, s:I, s:s, s:I, s:I, s:I, s:s?, s:s?}", "intact",
				rep.broken == AUDIT_INTACT, "broken_seq", (json_int_t)rep.seq, "why",
				rep.why, "first", (json_int_t)rep.first, "last",
				(json_int_t)rep.last, "archived", (json_int_t)rep.archived, "head",
				rep.broken == AUDIT_INTACT ? rep.head.hash : NULL, "note",
				rep.unchecked ? "archived entries were not checked: their files are "
						"checked on the server with cyberduty audit verify "
						"--archive FILE"
					      : NULL));
}
