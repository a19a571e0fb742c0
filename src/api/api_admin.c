/* api_admin.c — the three separated administrators' own endpoints (三员分立): the system
 * administrator's accounts, settings and API tokens (for accounts of a business role), the
 * security administrator's roles and scopes, the audit administrator's log. Each route's permission class (routes.c) lets exactly
 * one of them in. The handlers parse, call the administrators' acts of svc/accounts.h (which
 * check the rules that hold whoever acts, write and audit) and encode. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include <sodium.h>

#include "audit/audit.h"
#include "svc/act.h"

#define OBJECT(x, kind, id) snprintf((x)->object, sizeof (x)->object, kind ":%lld", (long long)(id))

/* unit_code: the unit code given in field, or NULL. */
static const char *unit_code(struct api_ctx *x, const char *field)
{
	const struct fval *v = api_val(x, field);

	return v && v->set && !v->null ? v->s : NULL;
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
		json_array_append_new(items, svc_account_json(&v[i]));
	free(v);
	return api_page(x, items, NULL);
}

int api_account_get(struct api_ctx *x)
{
	struct account a;
	struct cd_diag d = {{0}};
	enum cd_err rc = account_get(x->q->store, x->id, x->q->now, &a, &d);

	OBJECT(x, "account", x->id);
	return rc == CD_OK ? api_ok(x, 200, svc_account_json(&a)) : api_err(x, rc, NULL, &d);
}

int api_account_create(struct api_ctx *x)
{
	const struct fval *disp = api_val(x, "display");
	/* the system administrator opens accounts; the security administrator gives them a role */
	struct account_new in = {.name = api_val(x, "name")->s,
				 .display = disp->set ? disp->s : NULL, .role = AR_NONE};
	struct account a;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_create(&c, &in, &a);
	return api_acted(x, &c, rc, 201, rc ? NULL : svc_account_json(&a));
}

/* flag: -1 when the field is not given, else its value. */
static int flag(const struct fval *v)
{
	return v->set ? v->b : -1;
}

int api_account_update(struct api_ctx *x)
{
	struct account_flags in = {.locked = flag(api_val(x, "locked")),
				   .disabled = flag(api_val(x, "disabled"))};
	struct account a;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	OBJECT(x, "account", x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_update(&c, x->id, &in, &a);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_account_json(&a));
}

int api_account_reset(struct api_ctx *x)
{
	struct account a;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	OBJECT(x, "account", x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_reset(&c, x->id, api_val(x, "password")->s);
	if (!rc)
		rc = account_get(x->q->store, x->id, x->q->now, &a, &d);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_account_json(&a));
}

/* --- settings (system administrator) ------------------------------------------------------------ */

int api_settings_get(struct api_ctx *x)
{
	struct account_settings s;
	struct cd_diag d = {{0}};
	enum cd_err rc = account_settings_get(x->q->store, &s, &d);

	return rc == CD_OK ? api_ok(x, 200, svc_settings_json(&s)) : api_err(x, rc, NULL, &d);
}

int api_settings_update(struct api_ctx *x)
{
	struct setting_change v[FIELDS_MAX];
	char num[FIELDS_MAX][24];
	struct account_settings s;
	struct cd_diag d = {{0}};
	struct act c;
	size_t n = 0;
	enum cd_err rc;
	int st;

	snprintf(x->object, sizeof x->object, "settings");
	for (size_t i = 0; i < x->rt->nbody && n < FIELDS_MAX; i++) {
		if (!x->v[i].set)
			continue;
		snprintf(num[n], sizeof num[n], "%lld", (long long)x->v[i].i);
		v[n].key = x->rt->body[i].name;
		v[n].value = num[n];
		n++;
	}
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_settings_update(&c, v, n, &s);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_settings_json(&s));
}

/* --- roles and scopes (security administrator) ------------------------------------------------- */

/* change_json: a role change as svc_role_change_json answers it, its unit named ("unit": code
 * and name, or null) for the pages, which show names where the record keeps an id. */
static json_t *change_json(struct api_ctx *x, const struct store_role_change *ch)
{
	json_t *o = svc_role_change_json(ch);

	if (o && ch->unit)
		json_object_set_new(o, "unit", api_unit_ref(x, ch->unit));
	return o;
}

int api_account_role(struct api_ctx *x)
{
	struct store_role_change ch;
	struct account a;
	struct cd_diag d = {{0}};
	struct act c;
	int64_t pending = 0;
	enum cd_err rc;
	int st;

	OBJECT(x, "account", x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_role_ask(&c, x->id, (enum account_role)api_val(x, "role")->i,
				  unit_code(x, "unit"), &a, &pending);
	/* an administrator's role: proposed, waiting for the system administrator's agreement */
	if (!rc && pending && (rc = store_role_change_get(x->q->store, pending, &ch, &d)))
		return api_err(x, rc, NULL, &d);
	return api_acted(x, &c, rc, pending ? 202 : 200,
			 rc	  ? NULL
			 : pending ? json_pack("{s:o}", "change", change_json(x, &ch))
				   : svc_account_json(&a));
}

/* The changes of administrators' roles, newest first, a page at a time (by id, descending):
 * the system administrator's list to decide on (GET /role-changes) and the security
 * administrator's to follow its proposals (GET /roles/changes). */
int api_role_changes_list(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state");
	struct store_role_change *v;
	struct cd_diag d = {{0}};
	char key[8], next[32] = "";
	int64_t before = 0;
	size_t n;
	enum cd_err rc;
	json_t *items;

	if (x->cursor && !api_cursor_read(x->cursor, key, sizeof key, &before))
		return api_fail(x, 400, "invalid", "cursor",
				"cursor: give the \"next\" of the previous page as it was");
	rc = store_role_change_list(x->q->store, state->set ? state->s : NULL, before,
				    x->limit + 1, &v, &n, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n && i < x->limit; i++)
		json_array_append_new(items, change_json(x, &v[i]));
	if (n > x->limit)
		api_cursor_make(next, sizeof next, NULL, v[x->limit - 1].id);
	free(v);
	return api_page(x, items, next[0] ? next : NULL);
}

/* role_decide: the system administrator agrees to or refuses a proposed role change, or the
 * security administrator who proposed it withdraws it. */
static int role_decide(struct api_ctx *x, int how)
{
	const struct fval *why = x->rt->nbody ? api_val(x, "reason") : NULL;
	const char *reason = why && why->set && !why->null ? why->s : NULL;
	struct store_role_change ch;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	OBJECT(x, "role_change", x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = how < 0 ? svc_role_change_withdraw(&c, x->id, reason, &ch)
		     : svc_role_change_decide(&c, x->id, how > 0, reason, &ch);
	return api_acted(x, &c, rc, 200, rc ? NULL : change_json(x, &ch));
}

int api_role_change_agree(struct api_ctx *x)
{
	return role_decide(x, 1);
}

int api_role_change_refuse(struct api_ctx *x)
{
	return role_decide(x, 0);
}

int api_role_change_withdraw(struct api_ctx *x)
{
	return role_decide(x, -1);
}

/* token_json: a token as svc_token_json answers it, with its scope's unit named ("scope": code
 * and name) for the pages, which show names where the record keeps an id. */
static json_t *token_json(struct api_ctx *x, const struct api_token *t)
{
	json_t *j = svc_token_json(t);

	if (j)
		json_object_set_new(j, "scope", api_unit_ref(x, t->unit));
	return j;
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
		json_array_append_new(items, token_json(x, &v[i]));
	free(v);
	return api_page(x, items, NULL);
}

int api_token_create(struct api_ctx *x)
{
	const struct fval *exp = api_val(x, "expires_on");
	/* for an account: its role and scope, given by the security administrator */
	struct token_new in = {.label = api_val(x, "label")->s,
			       .account = api_val(x, "account")->s,
			       .expires_at = exp->set ? time_cst_end(exp->date) : CD_TIME_NONE};
	struct api_token t;
	char secret[TOKEN_LEN + 1];
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_token_create(&c, &in, &t, secret);
	st = api_acted(x, &c, rc, 201,
		       rc ? NULL
			  : json_pack("{s:o, s:s}", "token", token_json(x, &t), "secret", secret));
	sodium_memzero(secret, sizeof secret);
	return st;
}

int api_token_revoke(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	struct act c;
	int st;

	OBJECT(x, "token", x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	return api_acted(x, &c, svc_token_revoke(&c, x->id), 204, NULL);
}

/* --- the audit log (audit administrator) -------------------------------------------------------- */

int api_audit_filter(struct api_ctx *x, struct store_audit_filter *f, char from_buf[26],
		     char to_buf[26])
{
	const struct fval *from = api_qval(x, "from"), *to = api_qval(x, "to");

	f->actor = api_qval(x, "actor")->set ? api_qval(x, "actor")->s : NULL;
	f->action = api_qval(x, "action")->set ? api_qval(x, "action")->s : NULL;
	f->outcome = api_qval(x, "outcome")->set ? api_qval(x, "outcome")->s : NULL;
	if (f->outcome && !audit_outcome_known(f->outcome))
		return api_fail(x, 400, "invalid", "outcome",
				"outcome: give ok, denied, invalid, failed or locked");
	f->from = from->set ? time_format(from->t, from_buf) : NULL;
	f->to = to->set ? time_format(to->t, to_buf) : NULL;
	return 0;
}

int api_audit_list(struct api_ctx *x)
{
	struct store_audit_filter f = {.limit = x->limit + 1};
	struct store_audit_entry *v;
	char key[8], next[32], fb[26], tb[26];
	struct cd_diag d = {{0}};
	size_t n;
	enum cd_err rc;
	json_t *items;
	int st;

	if (x->cursor && !api_cursor_read(x->cursor, key, sizeof key, &f.before_seq))
		return api_fail(x, 400, "invalid", "cursor",
				"cursor: give the \"next\" of the previous page as it was");
	if ((st = api_audit_filter(x, &f, fb, tb)))
		return st;
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
		      json_pack("{s:b, s:I, s:s, s:I, s:I, s:I, s:s?, s:I, s:s?}", "intact",
				rep.broken == AUDIT_INTACT, "broken_seq", (json_int_t)rep.seq, "why",
				rep.why, "first", (json_int_t)rep.first, "last",
				(json_int_t)rep.last, "archived", (json_int_t)rep.archived, "head",
				rep.broken == AUDIT_INTACT ? rep.head.hash : NULL, "keyed_from",
				(json_int_t)rep.keyed_from, "key",
				rep.key_id[0] ? rep.key_id : NULL));
}
