/* api_register.c — the rest of the responsibility register: units (the tree), persons (personal
 * data: every read is audited), duties (who holds which role for which unit or system, from
 * when to when) and IT projects with their budgets. Listed a page at a time and read one by one
 * straight from the store (never the whole register: an organisation may hold a hundred
 * thousand systems); created and changed by the register's acts (svc/register.h), which the
 * handlers give the body to. A caller scoped to a unit subtree sees and changes the units,
 * persons, duties and projects of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "svc/register.h"

static const char *const what[SR__MAX] = {"unit", "person", "duty", "project"};

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
		json_array_append_new(items, svc_rec_json(k, &rows[i]));
	return api_pager_answer(x, &pg, items);
}

static int get(struct api_ctx *x, enum store_rec k)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct rec_row w;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_rec_get(&c, k, x->id, &w)))
		return api_acted(x, &c, rc, 200, NULL);
	snprintf(x->object, sizeof x->object, "%s:%lld", what[k], (long long)x->id);
	return api_ok(x, 200, svc_rec_json(k, &w));
}

/* --- writing: the body into the act's input, the act (svc/register.h), its answer ------------- */

/* act runs the act of kind k on the body's input `in` — a create (POST) or a change of record
 * x->id (PATCH) — and answers the record as stored, or the refusal. */
static int act(struct api_ctx *x, enum store_rec k, const void *in)
{
	bool update = x->rt->flags & R_UPDATE;
	struct act c;
	struct cd_diag d = {{0}};
	struct rec_row w;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	switch (k) {
	case SR_UNIT:
		rc = update ? svc_unit_update(&c, x->id, in, &w) : svc_unit_add(&c, in, &w);
		break;
	case SR_PERSON:
		rc = update ? svc_person_update(&c, x->id, in, &w) : svc_person_add(&c, in, &w);
		break;
	case SR_DUTY:
		rc = update ? svc_duty_update(&c, x->id, in, &w) : svc_duty_add(&c, in, &w);
		break;
	default:
		rc = update ? svc_project_update(&c, x->id, in, &w) : svc_project_add(&c, in, &w);
		break;
	}
	return api_acted(x, &c, rc, update ? 200 : 201, rc ? NULL : svc_rec_json(k, &w));
}

static int unit_save(struct api_ctx *x)
{
	struct unit_in in = {.code = api_in_text(x, "code", NULL, 0),
			     .name = api_in_text(x, "name", NULL, 0),
			     .parent = api_in_text(x, "parent", NULL, 0),
			     .kind = (int)api_in_int(x, "kind")};

	return act(x, SR_UNIT, &in);
}

static int person_save(struct api_ctx *x)
{
	struct person_in in = {.code = api_in_text(x, "code", NULL, 0),
			       .name = api_in_text(x, "name", NULL, 0),
			       .unit = api_in_text(x, "unit", NULL, 0)};

	in.title = api_in_text(x, "title", &in.clear, PERSON_CLEAR_TITLE);
	in.phone = api_in_text(x, "phone", &in.clear, PERSON_CLEAR_PHONE);
	in.email = api_in_text(x, "email", &in.clear, PERSON_CLEAR_EMAIL);
	return act(x, SR_PERSON, &in);
}

/* duty_save: role, unit and asset are fields of the create only (a duty is its role and what it
 * is held for); the update's descriptor does not take them. */
static int duty_save(struct api_ctx *x)
{
	struct duty_in in = {.role = (int)api_in_int(x, "role"),
			     .person = api_in_text(x, "person", NULL, 0),
			     .unit = api_in_text(x, "unit", NULL, 0),
			     .asset = api_in_text(x, "asset", NULL, 0),
			     .from = api_in_date(x, "from", NULL, 0)};

	in.to = api_in_date(x, "to", &in.clear, DUTY_CLEAR_TO);
	in.note = api_in_text(x, "note", &in.clear, DUTY_CLEAR_NOTE);
	return act(x, SR_DUTY, &in);
}

static int project_save(struct api_ctx *x)
{
	struct project_in in = {.code = api_in_text(x, "code", NULL, 0),
				.name = api_in_text(x, "name", NULL, 0),
				.unit = api_in_text(x, "unit", NULL, 0),
				.year = (int)api_in_int(x, "year"),
				.total = api_in_int(x, "total"),
				.security = api_in_int(x, "security")};

	return act(x, SR_PROJECT, &in);
}

int api_units_list(struct api_ctx *x) { return list(x, SR_UNIT); }
int api_unit_get(struct api_ctx *x) { return get(x, SR_UNIT); }
int api_unit_create(struct api_ctx *x) { return unit_save(x); }
int api_unit_update(struct api_ctx *x) { return unit_save(x); }
int api_persons_list(struct api_ctx *x) { return list(x, SR_PERSON); }
int api_person_get(struct api_ctx *x) { return get(x, SR_PERSON); }
int api_person_create(struct api_ctx *x) { return person_save(x); }
int api_person_update(struct api_ctx *x) { return person_save(x); }
int api_duties_list(struct api_ctx *x) { return list(x, SR_DUTY); }
int api_duty_get(struct api_ctx *x) { return get(x, SR_DUTY); }
int api_duty_create(struct api_ctx *x) { return duty_save(x); }
int api_duty_update(struct api_ctx *x) { return duty_save(x); }
int api_projects_list(struct api_ctx *x) { return list(x, SR_PROJECT); }
int api_project_get(struct api_ctx *x) { return get(x, SR_PROJECT); }
int api_project_create(struct api_ctx *x) { return project_save(x); }
int api_project_update(struct api_ctx *x) { return project_save(x); }
