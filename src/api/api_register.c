/* api_register.c — the rest of the responsibility register: units (the tree), persons (personal
 * data: every read is audited), duties (who holds which role for which unit or system, from
 * when to when) and IT projects with their budgets. Listed a page at a time and read one by one
 * straight from the store (never the whole register: an organisation may hold a hundred
 * thousand systems), created and changed. A caller scoped to a unit subtree sees and changes
 * the units, persons, duties and projects of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

static const char *const what[SR__MAX] = {"unit", "person", "duty", "project"};

static json_t *unit_json(const struct rec_row *w)
{
	const struct unit *u = &w->r.unit;

	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)u->id, "code",
			 u->code, "name", u->name, "parent", api_json_str(w->unit_code), "kind",
			 unit_kind_code(u->kind), "kind_label", unit_kind_label(u->kind));
}

static json_t *person_json(const struct rec_row *w)
{
	const struct person *p = &w->r.person;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", api_json_str(w->unit_code), "title",
			 api_json_str(p->title), "phone", api_json_str(p->phone), "email",
			 api_json_str(p->email));
}

static json_t *duty_json(const struct rec_row *w)
{
	const struct duty *du = &w->r.duty;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)du->id,
			 "role", role_code(du->role), "role_label", role_label(du->role), "person",
			 api_json_str(w->person_code), "unit", api_json_str(w->unit_code), "asset",
			 api_json_str(w->asset_code), "from", api_json_date(du->from), "to",
			 api_json_date(du->to), "note", api_json_str(du->note));
}

static json_t *project_json(const struct rec_row *w)
{
	const struct project *p = &w->r.project;

	return json_pack("{s:I, s:s, s:s, s:o, s:i, s:I, s:I}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", api_json_str(w->unit_code), "year",
			 p->year, "total", (json_int_t)p->total, "security",
			 (json_int_t)p->security);
}

static json_t *rec_json(enum store_rec k, const struct rec_row *w)
{
	return k == SR_UNIT ? unit_json(w) : k == SR_PERSON ? person_json(w)
				       : k == SR_DUTY	 ? duty_json(w)
							 : project_json(w);
}

static int64_t rec_id(enum store_rec k, const struct rec_row *w)
{
	return k == SR_UNIT ? w->r.unit.id : k == SR_PERSON ? w->r.person.id
				       : k == SR_DUTY	 ? w->r.duty.id
							 : w->r.project.id;
}

/* --- reading ---------------------------------------------------------------------------------- */

/* list answers a page of one kind in id order, read by the store in scope (a keyset page). */
static int list(struct api_ctx *x, enum store_rec k)
{
	struct api_pager pg;
	struct rec_query f = {.scope = x->who.unit, .desc = x->desc, .limit = x->limit + 1};
	struct rec_row *rows;
	struct cd_diag d = {{0}};
	size_t n;
	enum cd_err rc;
	json_t *items;
	int st;

	if ((st = api_pager_start(x, &pg)))
		return st;
	f.after = pg.after;
	if ((rc = store_rec_page(x->q->store, k, &f, x->a, &rows, &n, &d)) != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n && api_pager_step(&pg, rec_id(k, &rows[i])) == PAGE_TAKE; i++)
		json_array_append_new(items, rec_json(k, &rows[i]));
	return api_pager_answer(x, &pg, items);
}

/* load reads record x->id of kind k; one out of the caller's scope answers 404 as if it did not
 * exist (a caller learns nothing of what lies outside their subtree). */
static int load(struct api_ctx *x, enum store_rec k, struct rec_row *w)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = store_rec_get(x->q->store, k, x->id, x->a, w, &d);

	if (rc != CD_OK && rc != CD_ENOTFOUND)
		return api_err(x, rc, NULL, &d);
	if (rc == CD_ENOTFOUND || !api_in_scope(x, w->scope))
		return api_fail(x, 404, "not_found", NULL, "no %s %lld", what[k], (long long)x->id);
	return 0;
}

static int get(struct api_ctx *x, enum store_rec k)
{
	struct rec_row w;
	int st;

	if ((st = load(x, k, &w)))
		return st;
	snprintf(x->object, sizeof x->object, "%s:%lld", what[k], (long long)x->id);
	return api_ok(x, 200, rec_json(k, &w));
}

/* --- applying a body ----------------------------------------------------------------------------
 * Each kind's apply sets the record from the fields the body gives (on create from a zeroed
 * record, on update from the record as stored), resolves the codes it names and checks it with
 * the register's own rules; it answers a refusal itself. Whether the result lies in the
 * caller's scope is judged after the write, from the row as stored (save). */

/* code_kept: a code is how letters, CSV files and other systems name a record, so it is given
 * once, on create; an update may repeat it but not change it. */
static int code_kept(struct api_ctx *x, enum store_rec k, const char **code, bool create)
{
	const struct fval *v = api_val(x, "code");

	if (create)
		*code = v->s;
	else if (v->set && strcmp(v->s, *code))
		return api_fail(x, 422, "invalid", "code",
				"code: a %s's code cannot change (%s names it in letters, CSV "
				"files and other systems)",
				what[k], *code);
	return 0;
}

/* checked answers what a rule of the register refused (422 naming the field), or 0. */
static int checked(struct api_ctx *x, enum cd_err rc, const char *field, const struct cd_diag *d)
{
	return rc == CD_OK ? 0 : api_err(x, rc, field, d);
}

/* unit_move refuses a move that would tear the tree: of the top of the caller's scope (their
 * own subtree; for the whole organisation, a root), or under the unit itself or a unit below it
 * (a cycle). */
static int unit_move(struct api_ctx *x, const struct unit *u, int64_t parent)
{
	struct cd_diag d = {{0}};
	bool below = false;
	enum cd_err rc;

	if (u->id == x->who.unit)
		return api_fail(x, 422, "invalid", "parent",
				"parent: %s is the top of your scope; an account whose scope lies "
				"above it can move it",
				u->code);
	if (!u->parent)
		return api_fail(x, 422, "invalid", "parent",
				"parent: %s is at the top of the tree; it does not move under "
				"another unit",
				u->code);
	if (parent == u->id)
		return api_fail(x, 422, "invalid", "parent",
				"parent: a unit cannot go under itself");
	if ((rc = store_unit_within(x->q->store, parent, u->id, &below, &d)) != CD_OK)
		return api_err(x, rc, NULL, &d);
	if (below)
		return api_fail(x, 422, "invalid", "parent",
				"parent: %s lies below %s; a unit cannot go under its own subtree",
				api_val(x, "parent")->s, u->code);
	return 0;
}

static int unit_apply(struct api_ctx *x, struct rec_row *w, bool create)
{
	struct unit *u = &w->r.unit;
	const struct fval *kind = api_val(x, "kind");
	int64_t parent = u->parent;
	int st;

	if ((st = code_kept(x, SR_UNIT, &u->code, create)) ||
	    (st = api_ref(x, "parent", SK_UNIT, &parent)) ||
	    (!create && parent != u->parent && (st = unit_move(x, u, parent))))
		return st;
	/* a root's kind says what the tree is: the organisation (its top: the scope of whole-
	 * organisation accounts) or an outside authority; that does not flip */
	if (!create && kind->set && !u->parent &&
	    ((enum unit_kind)kind->i == UNIT_EXTERNAL_AUTHORITY) !=
		    (u->kind == UNIT_EXTERNAL_AUTHORITY))
		return api_fail(x, 422, "invalid", "kind",
				"kind: %s is at the top of the tree; it cannot become or stop "
				"being an external authority",
				u->code);
	u->parent = parent;
	u->name = api_str_or(api_val(x, "name"), u->name);
	if (kind->set)
		u->kind = (enum unit_kind)kind->i;
	return 0;
}

static int person_apply(struct api_ctx *x, struct rec_row *w, bool create)
{
	struct person *p = &w->r.person;
	int st;

	if ((st = code_kept(x, SR_PERSON, &p->code, create)) ||
	    (st = api_ref(x, "unit", SK_UNIT, &p->unit)))
		return st;
	p->name = api_str_or(api_val(x, "name"), p->name);
	p->title = api_str_or(api_val(x, "title"), p->title);
	p->phone = api_str_or(api_val(x, "phone"), p->phone);
	p->email = api_str_or(api_val(x, "email"), p->email);
	return 0;
}

/* duty_apply: a new duty names its role and the unit or system it is held for; those never
 * change after (they are not in the update's descriptor). */
static int duty_apply(struct api_ctx *x, struct rec_row *w, bool create)
{
	struct duty *du = &w->r.duty;
	struct cd_diag d = {{0}};
	const char *field = NULL;
	enum cd_err rc;
	int st;

	if (create) {
		du->role = (enum role)api_val(x, "role")->i;
		du->to = CD_DATE_NONE;
		if (api_val(x, "unit")->set == api_val(x, "asset")->set)
			return api_fail(x, 422, "invalid", "unit",
					"give the unit or the asset the role is held for (one of "
					"them)");
		if ((st = api_ref(x, "unit", SK_UNIT, &du->unit)) ||
		    (st = api_ref(x, "asset", SK_ASSET, &du->asset)))
			return st;
	}
	if ((st = api_ref(x, "person", SK_PERSON, &du->person)))
		return st;
	du->from = api_date_or(api_val(x, "from"), du->from);
	du->to = api_date_or(api_val(x, "to"), du->to);
	du->note = api_str_or(api_val(x, "note"), du->note);
	rc = reg_duty_check(du, &field, &d);
	return checked(x, rc, field, &d);
}

static int project_apply(struct api_ctx *x, struct rec_row *w, bool create)
{
	struct project *p = &w->r.project;
	const struct fval *v;
	struct cd_diag d = {{0}};
	const char *field = NULL;
	enum cd_err rc;
	int st;

	if ((st = code_kept(x, SR_PROJECT, &p->code, create)) ||
	    (st = api_ref(x, "unit", SK_UNIT, &p->unit)))
		return st;
	p->name = api_str_or(api_val(x, "name"), p->name);
	if ((v = api_val(x, "year"))->set)
		p->year = (int)v->i;
	if ((v = api_val(x, "total"))->set)
		p->total = v->i;
	if ((v = api_val(x, "security"))->set)
		p->security = v->i;
	rc = reg_project_check(p, &field, &d);
	return checked(x, rc, field, &d);
}

static int (*const apply[SR__MAX])(struct api_ctx *x, struct rec_row *w, bool create) = {
	[SR_UNIT] = unit_apply,
	[SR_PERSON] = person_apply,
	[SR_DUTY] = duty_apply,
	[SR_PROJECT] = project_apply,
};

/* --- writing ---------------------------------------------------------------------------------- */

static enum cd_err rec_write(struct store *s, enum store_rec k, struct rec_row *w, bool create,
			     struct cd_diag *d)
{
	switch (k) {
	case SR_UNIT:
		return create ? store_unit_add(s, &w->r.unit, d)
			      : store_unit_update(s, &w->r.unit, d);
	case SR_PERSON:
		return create ? store_person_add(s, &w->r.person, d)
			      : store_person_update(s, &w->r.person, d);
	case SR_DUTY:
		return create ? store_duty_add(s, &w->r.duty, d)
			      : store_duty_update(s, &w->r.duty, d);
	default:
		return create ? store_project_add(s, &w->r.project, d)
			      : store_project_update(s, &w->r.project, d);
	}
}

/* save creates a record of kind k (a POST) or changes record x->id (a PATCH) from the body, in
 * one transaction with its audit entry (the record before and after, as stored), and answers
 * it. A record the write would put outside the caller's scope is refused, 422 out_of_scope
 * naming the field that put it there, and nothing is written. */
static int save(struct api_ctx *x, enum store_rec k)
{
	bool create = !(x->rt->flags & R_UPDATE);
	bool by_asset;
	const char *field;
	struct rec_row w;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	/* read, check, change and read back in one transaction: nothing changes in between */
	if ((st = api_begin(x)))
		return st;
	memset(&w, 0, sizeof w);
	if (!create && !(st = load(x, k, &w)))
		x->before = rec_json(k, &w);
	if (st || (st = apply[k](x, &w, create)))
		goto refused;
	rc = rec_write(x->q->store, k, &w, create, &d);
	if (rc == CD_OK) {
		x->id = rec_id(k, &w);
		rc = store_rec_get(x->q->store, k, x->id, x->a, &w, &d);
	}
	if (rc != CD_OK) {
		st = api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, &d);
		goto refused;
	}
	if (!api_in_scope(x, w.scope)) {
		by_asset = k == SR_DUTY && w.r.duty.asset;
		field = k == SR_UNIT ? "parent" : by_asset ? "asset" : "unit";
		st = api_fail(x, 422, "out_of_scope", field, "%s: give a %s of your scope", field,
			      by_asset ? "system" : "unit");
		goto refused;
	}
	snprintf(x->object, sizeof x->object, "%s:%lld", what[k], (long long)x->id);
	x->after = rec_json(k, &w);
	return api_commit(x, create ? 201 : 200, json_incref(x->after));
refused:
	store_rollback(x->q->store);
	return st;
}

int api_units_list(struct api_ctx *x) { return list(x, SR_UNIT); }
int api_unit_get(struct api_ctx *x) { return get(x, SR_UNIT); }
int api_unit_create(struct api_ctx *x) { return save(x, SR_UNIT); }
int api_unit_update(struct api_ctx *x) { return save(x, SR_UNIT); }
int api_persons_list(struct api_ctx *x) { return list(x, SR_PERSON); }
int api_person_get(struct api_ctx *x) { return get(x, SR_PERSON); }
int api_person_create(struct api_ctx *x) { return save(x, SR_PERSON); }
int api_person_update(struct api_ctx *x) { return save(x, SR_PERSON); }
int api_duties_list(struct api_ctx *x) { return list(x, SR_DUTY); }
int api_duty_get(struct api_ctx *x) { return get(x, SR_DUTY); }
int api_duty_create(struct api_ctx *x) { return save(x, SR_DUTY); }
int api_duty_update(struct api_ctx *x) { return save(x, SR_DUTY); }
int api_projects_list(struct api_ctx *x) { return list(x, SR_PROJECT); }
int api_project_get(struct api_ctx *x) { return get(x, SR_PROJECT); }
int api_project_create(struct api_ctx *x) { return save(x, SR_PROJECT); }
int api_project_update(struct api_ctx *x) { return save(x, SR_PROJECT); }
