/* api_register.c — the rest of the responsibility register: units (the tree), persons (personal
 * data: every read is audited), duties (who holds which role for which unit or system, from
 * when to when) and IT projects with their budgets. Read from one snapshot of the register per
 * request; a caller scoped to a unit subtree sees the units, persons, duties and projects of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "svc/book.h"

static int reg_open(struct api_ctx *x, struct reg **reg)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = store_reg_load(x->q->store, reg, &d);

	return rc == CD_OK ? 0 : api_err(x, rc, NULL, &d);
}

static bool unit_seen(struct api_ctx *x, const struct reg *reg, int64_t unit)
{
	return !x->who.unit || (unit && book_in_unit(reg, unit, x->who.unit));
}

static const char *unit_code(const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	return u ? u->code : NULL;
}

static json_t *unit_json(const struct reg *reg, const struct unit *u)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)u->id, "code",
			 u->code, "name", u->name, "parent", api_json_str(unit_code(reg, u->parent)),
			 "kind", unit_kind_code(u->kind), "kind_label", unit_kind_label(u->kind));
}

static json_t *person_json(const struct reg *reg, const struct person *p)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", api_json_str(unit_code(reg, p->unit)),
			 "title", api_json_str(p->title), "phone", api_json_str(p->phone), "email",
			 api_json_str(p->email));
}

static json_t *duty_json(const struct reg *reg, const struct duty *du)
{
	const struct person *p = reg_person(reg, du->person);
	const struct asset *a = du->asset ? reg_asset(reg, du->asset) : NULL;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)du->id,
			 "role", role_code(du->role), "role_label", role_label(du->role), "person",
			 api_json_str(p ? p->code : NULL), "unit",
			 api_json_str(unit_code(reg, du->unit)), "asset",
			 api_json_str(a ? a->code : NULL), "from", api_json_date(du->from), "to",
			 api_json_date(du->to), "note", api_json_str(du->note));
}

static json_t *project_json(const struct reg *reg, const struct project *p)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:i, s:I, s:I}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", api_json_str(unit_code(reg, p->unit)),
			 "year", p->year, "total", (json_int_t)p->total, "security",
			 (json_int_t)p->security);
}

/* A list of one kind of record: by id, a page after the cursor. */
enum kind { K_UNIT, K_PERSON, K_DUTY, K_PROJECT };

static int64_t duty_unit(const struct reg *reg, const struct duty *du)
{
	const struct asset *a;

	if (du->unit)
		return du->unit;
	a = reg_asset(reg, du->asset);
	return a ? (a->rel[REL_MANAGER] ? a->rel[REL_MANAGER] : a->rel[REL_OPERATOR]) : 0;
}

static bool record_at(struct api_ctx *x, const struct reg *reg, enum kind k, size_t i,
		      int64_t *id, json_t **out)
{
	switch (k) {
	case K_UNIT:
		*id = reg->units[i].id;
		*out = unit_seen(x, reg, reg->units[i].id) ? unit_json(reg, &reg->units[i]) : NULL;
		break;
	case K_PERSON:
		*id = reg->people[i].id;
		*out = unit_seen(x, reg, reg->people[i].unit) ? person_json(reg, &reg->people[i])
							       : NULL;
		break;
	case K_DUTY:
		*id = reg->duties[i].id;
		*out = unit_seen(x, reg, duty_unit(reg, &reg->duties[i]))
			       ? duty_json(reg, &reg->duties[i])
			       : NULL;
		break;
	default:
		*id = reg->projects[i].id;
		*out = unit_seen(x, reg, reg->projects[i].unit)
			       ? project_json(reg, &reg->projects[i])
			       : NULL;
	}
	return *out != NULL;
}

static size_t count_of(const struct reg *reg, enum kind k)
{
	return k == K_UNIT ? reg->nunits : k == K_PERSON ? reg->npeople
				       : k == K_DUTY	? reg->nduties
								: reg->nprojects;
}

static int list(struct api_ctx *x, enum kind k)
{
	struct reg *reg;
	struct api_pager pg;
	int64_t id;
	json_t *items, *o;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = reg_open(x, &reg)))
		return st;
	items = json_array();
	for (size_t j = 0; j < count_of(reg, k); j++) {
		enum page_step step;

		if (!record_at(x, reg, k, api_pager_index(&pg, j, count_of(reg, k)), &id, &o))
			continue;
		if ((step = api_pager_step(&pg, id)) != PAGE_TAKE) {
			json_decref(o);
			if (step == PAGE_STOP)
				break;
			continue;
		}
		json_array_append_new(items, o);
	}
	st = api_pager_answer(x, &pg, items);
	reg_free(reg);
	return st;
}

static int get(struct api_ctx *x, enum kind k, const char *what)
{
	struct reg *reg;
	int64_t id;
	json_t *o = NULL;
	int st;

	if ((st = reg_open(x, &reg)))
		return st;
	for (size_t i = 0; i < count_of(reg, k) && !o; i++) {
		json_t *c;

		if (record_at(x, reg, k, i, &id, &c)) {
			if (id == x->id)
				o = c;
			else
				json_decref(c);
		}
	}
	if (o)
		snprintf(x->object, sizeof x->object, "%s:%lld", what, (long long)x->id);
	st = o ? api_ok(x, 200, o)
	       : api_fail(x, 404, "not_found", NULL, "no %s %lld", what, (long long)x->id);
	reg_free(reg);
	return st;
}

int api_units_list(struct api_ctx *x) { return list(x, K_UNIT); }
int api_unit_get(struct api_ctx *x) { return get(x, K_UNIT, "unit"); }
int api_persons_list(struct api_ctx *x) { return list(x, K_PERSON); }
int api_person_get(struct api_ctx *x) { return get(x, K_PERSON, "person"); }
int api_duties_list(struct api_ctx *x) { return list(x, K_DUTY); }
int api_projects_list(struct api_ctx *x) { return list(x, K_PROJECT); }

/* --- creating --------------------------------------------------------------------------------- */

static const char *opt(struct api_ctx *x, const char *field)
{
	const struct fval *v = api_val(x, field);

	return v && v->set && !v->null ? v->s : NULL;
}

static int ref(struct api_ctx *x, const struct reg *reg, const char *field, int64_t *id,
	       bool must_see)
{
	const char *code = opt(x, field);
	const struct unit *u;

	*id = 0;
	if (!code)
		return 0;
	if (!(u = reg_unit_by_code(reg, code)))
		return api_fail(x, 422, "not_found", field, "%s: no unit \"%.64s\"", field, code);
	if (must_see && !unit_seen(x, reg, u->id))
		return api_fail(x, 422, "out_of_scope", field, "%s: give a unit of your scope",
				field);
	*id = u->id;
	return 0;
}

/* created commits the write with its audit entry, answering the new record. */
static int created(struct api_ctx *x, enum cd_err rc, const struct cd_diag *d, const char *what,
		   int64_t id, json_t *o)
{
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		json_decref(o);
		return api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, d);
	}
	snprintf(x->object, sizeof x->object, "%s:%lld", what, (long long)id);
	x->after = o;
	return api_commit(x, 201, json_incref(o));
}

int api_unit_create(struct api_ctx *x)
{
	struct reg *reg;
	struct unit u = {.code = api_val(x, "code")->s, .name = api_val(x, "name")->s,
			 .kind = (enum unit_kind)api_val(x, "kind")->i};
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = reg_open(x, &reg)))
		return st;
	if ((st = ref(x, reg, "parent", &u.parent, true)) ||
	    (!u.parent && x->who.unit &&
	     (st = api_fail(x, 422, "out_of_scope", "parent",
			    "parent: a new unit goes under a unit of your scope"))) ||
	    (st = api_begin(x))) {
		reg_free(reg);
		return st;
	}
	rc = store_unit_add(x->q->store, &u, &d);
	st = created(x, rc, &d, "unit", u.id, rc == CD_OK ? unit_json(reg, &u) : NULL);
	reg_free(reg);
	return st;
}

int api_person_create(struct api_ctx *x)
{
	struct reg *reg;
	struct person p = {.code = api_val(x, "code")->s, .name = api_val(x, "name")->s,
			   .title = opt(x, "title"), .phone = opt(x, "phone"),
			   .email = opt(x, "email")};
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = reg_open(x, &reg)))
		return st;
	if ((st = ref(x, reg, "unit", &p.unit, true)) || (st = api_begin(x))) {
		reg_free(reg);
		return st;
	}
	rc = store_person_add(x->q->store, &p, &d);
	st = created(x, rc, &d, "person", p.id, rc == CD_OK ? person_json(reg, &p) : NULL);
	reg_free(reg);
	return st;
}

int api_duty_create(struct api_ctx *x)
{
	struct reg *reg;
	struct duty du = {.role = (enum role)api_val(x, "role")->i,
			  .from = api_val(x, "from")->date, .to = CD_DATE_NONE,
			  .note = opt(x, "note")};
	const struct person *p;
	const struct asset *a = NULL;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if (api_val(x, "to")->set && !api_val(x, "to")->null)
		du.to = api_val(x, "to")->date;
	if (du.to != CD_DATE_NONE && du.to < du.from)
		return api_fail(x, 422, "invalid", "to", "to: the last day is before the first");
	if ((st = reg_open(x, &reg)))
		return st;
	if (!(p = reg_person_by_code(reg, api_val(x, "person")->s)))
		st = api_fail(x, 422, "not_found", "person", "person: no person \"%.64s\"",
			      api_val(x, "person")->s);
	else if (!opt(x, "unit") == !opt(x, "asset"))
		st = api_fail(x, 422, "invalid", "unit",
			      "give the unit or the asset the role is held for (one of them)");
	else if (opt(x, "asset") && !(a = reg_asset_by_code(reg, opt(x, "asset"))))
		st = api_fail(x, 422, "not_found", "asset", "asset: no asset \"%.64s\"",
			      opt(x, "asset"));
	else
		st = ref(x, reg, "unit", &du.unit, true);
	if (!st && a) {
		du.asset = a->id;
		if (!unit_seen(x, reg, duty_unit(reg, &du)))
			st = api_fail(x, 422, "out_of_scope", "asset",
				      "asset: give a system of your scope");
	}
	du.person = p ? p->id : 0;
	if (st || (st = api_begin(x))) {
		reg_free(reg);
		return st;
	}
	rc = store_duty_add(x->q->store, &du, &d);
	st = created(x, rc, &d, "duty", du.id, rc == CD_OK ? duty_json(reg, &du) : NULL);
	reg_free(reg);
	return st;
}

int api_project_create(struct api_ctx *x)
{
	struct reg *reg;
	struct project pr = {.code = api_val(x, "code")->s, .name = api_val(x, "name")->s,
			     .year = (int)api_val(x, "year")->i, .total = api_val(x, "total")->i,
			     .security = api_val(x, "security")->set ? api_val(x, "security")->i : 0};
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if (pr.security > pr.total)
		return api_fail(x, 422, "invalid", "security",
				"security: the security budget is part of the total");
	if ((st = reg_open(x, &reg)))
		return st;
	if ((st = ref(x, reg, "unit", &pr.unit, true)) || (st = api_begin(x))) {
		reg_free(reg);
		return st;
	}
	rc = store_project_add(x->q->store, &pr, &d);
	st = created(x, rc, &d, "project", pr.id, rc == CD_OK ? project_json(reg, &pr) : NULL);
	reg_free(reg);
	return st;
}
