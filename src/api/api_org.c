/* api_org.c — the organisation as the web pages read it: the responsibility matrix (unit × role
 * → holder on a day, a page of units at a time), the history of one of its cells, the handover
 * of a role (the old term ends, a new one begins: svc/matrix.h), and the security
 * administrator's list of accounts with their roles and scopes (the system administrator's
 * GET /accounts is not theirs to read). */
#include <stdio.h>
#include <stdlib.h>

#include "api_int.h"
#include "svc/matrix.h"

int api_matrix(struct api_ctx *x)
{
	const struct fval *on = api_qval(x, "on");
	cd_date day = on->set ? on->date : time_cst_date(x->q->now);
	struct api_pager pg;
	struct cd_diag d = {{0}};
	struct act c;
	json_t *items, *roles;
	int64_t last;
	bool more;
	enum cd_err rc;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_matrix_page(&c, day, pg.after, x->limit, &items, &last, &more)))
		return api_acted(x, &c, rc, 200, NULL);
	if (more)
		api_cursor_make(pg.next, sizeof pg.next, NULL, last);
	roles = svc_matrix_roles(&c);
	return api_ok(x, 200,
		      json_pack("{s:o, s:o, s:o, s:o}", "on", jnull_date(day), "roles", roles,
				"items", items, "next", jnull_str(more ? pg.next : NULL)));
}

int api_matrix_cell(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	struct act c;
	json_t *items;
	enum cd_err rc;
	int st;

	if (!api_qval(x, "unit")->set)
		return api_fail(x, 400, "invalid", "unit", "unit: give the unit of the cell");
	if (!api_qval(x, "role")->set)
		return api_fail(x, 400, "invalid", "role", "role: give the role of the cell");
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_matrix_cell(&c, api_qval(x, "unit")->s, (int)api_qval(x, "role")->i, &items);
	return api_acted(x, &c, rc, 200, rc ? NULL : json_pack("{s:o}", "items", items));
}

int api_duty_handover(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	struct act c;
	struct rec_row w;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_duty_handover(&c, x->id, api_in_text(x, "person", NULL, 0),
			       api_in_date(x, "from", NULL, 0), api_in_text(x, "note", NULL, 0), &w);
	return api_acted(x, &c, rc, 201, rc ? NULL : svc_duty_json(&w));
}

/* api_unit_ref: the code and name of unit id (null for none or one that is gone). */
json_t *api_unit_ref(struct api_ctx *x, int64_t id)
{
	struct rec_row w;
	struct cd_diag d = {{0}};

	if (!id || store_rec_get(x->q->store, SR_UNIT, id, x->a, &w, &d) != CD_OK)
		return json_null();
	return json_pack("{s:s, s:s}", "code", w.r.unit.code, "name", w.r.unit.name);
}

int api_roles_list(struct api_ctx *x)
{
	struct account *v;
	struct rec_row *u;
	struct rec_query q = {.limit = 5000};
	struct cd_diag d = {{0}};
	size_t n, nu;
	enum cd_err rc = account_list(x->q->store, x->q->now, &v, &n, &d);
	json_t *items, *units;

	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items,
				      json_pack("{s:I, s:s, s:s, s:s, s:o, s:b}", "id",
						(json_int_t)v[i].id, "name", v[i].name, "display",
						v[i].display, "role", account_role_code(v[i].role),
						"unit", api_unit_ref(x, v[i].unit), "disabled",
						v[i].disabled));
	free(v);
	/* the units a scope may be given: the organisation's, id order */
	if ((rc = store_rec_page(x->q->store, SR_UNIT, &q, x->a, &u, &nu, &d)) != CD_OK) {
		json_decref(items);
		return api_err(x, rc, NULL, &d);
	}
	units = json_array();
	for (size_t i = 0; i < nu; i++)
		if (u[i].r.unit.kind != UNIT_EXTERNAL_AUTHORITY)
			json_array_append_new(units, json_pack("{s:s, s:s}", "code", u[i].r.unit.code,
							       "name", u[i].r.unit.name));
	return api_ok(x, 200, json_pack("{s:o, s:o, s:n}", "items", items, "units", units, "next"));
}
