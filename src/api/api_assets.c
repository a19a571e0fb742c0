/* api_assets.c — /api/v1/assets: the information systems of the register (信息系统台账), listed a
 * page at a time straight from the store (an organisation may hold a hundred thousand), read one
 * by one, created and updated. A caller scoped to a unit subtree sees and changes only the
 * assets that answer to a unit of it under any relation (谁主管/谁运维/谁使用/谁建设). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

static json_t *asset_json(const struct asset_row *r)
{
	const struct asset *a = &r->a;
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o,"
			      " s:o, s:o, s:o, s:s, s:b, s:b, s:b, s:b, s:s, s:o}",
			      "id", (json_int_t)a->id, "code", a->code, "name", a->name, "kind",
			      asset_kind_code(a->kind), "kind_label", asset_kind_label(a->kind),
			      "url", api_json_str(a->url), "builder_unit",
			      api_json_str(r->unit_code[REL_BUILDER]), "user_unit",
			      api_json_str(r->unit_code[REL_USER]), "manager_unit",
			      api_json_str(r->unit_code[REL_MANAGER]), "operator_unit",
			      api_json_str(r->unit_code[REL_OPERATOR]), "maintainer",
			      api_json_str(a->maintainer), "software", api_json_str(a->software),
			      "mlps_level", a->mlps_level, "graded_on", api_json_date(a->graded_on),
			      "filing_no", api_json_str(a->filing_no), "filed_on",
			      api_json_date(a->filed_on), "assessed_on", api_json_date(a->assessed_on),
			      "assess_result", assess_result_code(a->assess_result), "cii", a->cii,
			      "internet_facing", a->internet_facing, "personal_info",
			      a->personal_info, "protection_installed", a->protection_installed,
			      "status", asset_status_code(a->status), "admin_level",
			      api_json_str(a->admin_level));
	return j;
}

/* in_scope: the asset answers to a unit of the caller's scope. */
static bool in_scope(struct api_ctx *x, const struct asset *a)
{
	for (int r = 0; r < REL__MAX; r++)
		if (a->rel[r] && api_in_scope(x, a->rel[r]))
			return true;
	return !x->who.unit && account_role_scoped(x->who.role);
}

/* load reads asset x->id and refuses one out of scope as if it did not exist (404): a caller
 * learns nothing of what lies outside their subtree. */
static int load(struct api_ctx *x, struct asset_row *r)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = store_asset_get(x->q->store, x->id, x->a, r, &d);

	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	if (!in_scope(x, &r->a))
		return api_fail(x, 404, "not_found", NULL, "no asset %lld", (long long)x->id);
	return 0;
}

int api_asset_get(struct api_ctx *x)
{
	struct asset_row r;
	int st;

	if ((st = load(x, &r)))
		return st;
	return api_ok(x, 200, asset_json(&r));
}

int api_assets_list(struct api_ctx *x)
{
	static const char *const sorts[ASORT__MAX] = {"id", "code", "name", "mlps_level"};
	struct asset_query f = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				.scope = x->who.unit, .limit = x->limit + 1};
	const struct fval *v;
	struct asset_row *rows;
	struct cd_diag d = {{0}};
	char key[256], next[600], num[24];
	size_t n;
	enum cd_err rc;
	json_t *items;

	for (int i = 0; i < ASORT__MAX; i++)
		if (!strcmp(x->sort, sorts[i]))
			f.sort = (enum asset_sort)i;
	f.desc = x->desc;
	if ((v = api_qval(x, "kind"))->set)
		f.kind = (int)v->i;
	if ((v = api_qval(x, "status"))->set)
		f.status = (int)v->i;
	if ((v = api_qval(x, "mlps_level"))->set)
		f.mlps_level = (int)v->i;
	if ((v = api_qval(x, "cii"))->set)
		f.cii = v->b;
	if ((v = api_qval(x, "q"))->set)
		f.text = v->s;
	if ((v = api_qval(x, "unit"))->set &&
	    (rc = store_id_of(x->q->store, SK_UNIT, v->s, &f.unit, &d)) != CD_OK)
		return rc == CD_ENOTFOUND ? api_fail(x, 400, "invalid", "unit", "unit: %s", d.msg)
					  : api_err(x, rc, NULL, &d);
	if (x->cursor) {
		if (!api_cursor_read(x->cursor, key, sizeof key, &f.after_id))
			return api_fail(x, 400, "invalid", "cursor",
					"cursor: give the \"next\" of the previous page as it was");
		f.after = true;
		f.after_key = key;
	}
	rc = store_asset_page(x->q->store, &f, x->a, &rows, &n, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	items = json_array();
	for (size_t i = 0; i < n && i < x->limit; i++)
		json_array_append_new(items, asset_json(&rows[i]));
	if (n <= x->limit)
		return api_page(x, items, NULL);
	{
		const struct asset *last = &rows[x->limit - 1].a;
		const char *k = f.sort == ASORT_CODE ? last->code
				: f.sort == ASORT_NAME ? last->name
				: f.sort == ASORT_LEVEL ? (snprintf(num, sizeof num, "%d",
								      last->mlps_level),
							     num)
							  : NULL;

		api_cursor_make(next, sizeof next, k, last->id);
	}
	return api_page(x, items, next);
}

/* apply sets a's fields from the body (only those given). */
static int apply(struct api_ctx *x, struct asset *a)
{
	static const char *const rel_field[REL__MAX] = {"builder_unit", "user_unit", "manager_unit",
							"operator_unit"};
	const struct fval *v;
	int st;

	a->code = api_str_or(api_val(x, "code"), a->code);
	a->name = api_str_or(api_val(x, "name"), a->name);
	if ((v = api_val(x, "kind"))->set)
		a->kind = (enum asset_kind)v->i;
	a->url = api_str_or(api_val(x, "url"), a->url);
	for (int r = 0; r < REL__MAX; r++)
		if ((st = api_ref(x, rel_field[r], SK_UNIT, &a->rel[r])))
			return st;
	a->maintainer = api_str_or(api_val(x, "maintainer"), a->maintainer);
	a->software = api_str_or(api_val(x, "software"), a->software);
	if ((v = api_val(x, "mlps_level"))->set)
		a->mlps_level = (int)v->i;
	a->graded_on = api_date_or(api_val(x, "graded_on"), a->graded_on);
	a->filing_no = api_str_or(api_val(x, "filing_no"), a->filing_no);
	a->filed_on = api_date_or(api_val(x, "filed_on"), a->filed_on);
	a->assessed_on = api_date_or(api_val(x, "assessed_on"), a->assessed_on);
	if ((v = api_val(x, "assess_result"))->set)
		a->assess_result = (enum assess_result)v->i;
	if ((v = api_val(x, "cii"))->set)
		a->cii = v->b;
	if ((v = api_val(x, "internet_facing"))->set)
		a->internet_facing = v->b;
	if ((v = api_val(x, "personal_info"))->set)
		a->personal_info = v->b;
	if ((v = api_val(x, "protection_installed"))->set)
		a->protection_installed = v->b;
	if ((v = api_val(x, "status"))->set)
		a->status = (enum asset_status)v->i;
	a->admin_level = api_str_or(api_val(x, "admin_level"), a->admin_level);
	if (a->mlps_level == 0 && (a->graded_on != CD_DATE_NONE || a->filed_on != CD_DATE_NONE))
		return api_fail(x, 422, "invalid", "mlps_level",
				"mlps_level: an asset with a grading or filing date needs its level "
				"(1 to 5)");
	if (!in_scope(x, a))
		return api_fail(x, 422, "out_of_scope", "manager_unit",
				"the asset must answer to a unit of your scope (builder_unit, "
				"user_unit, manager_unit or operator_unit)");
	return 0;
}

/* written reads the asset back as stored, for the answer and the audit. */
static int written(struct api_ctx *x, unsigned status)
{
	struct asset_row r;
	struct cd_diag d = {{0}};
	enum cd_err rc = store_asset_get(x->q->store, x->id, x->a, &r, &d);

	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	x->after = asset_json(&r);
	return api_commit(x, status, json_incref(x->after));
}

int api_asset_create(struct api_ctx *x)
{
	struct asset a = {.status = STATUS_LIVE, .graded_on = CD_DATE_NONE,
			  .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE};
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = apply(x, &a)) || (st = api_begin(x)))
		return st;
	if ((rc = store_asset_add(x->q->store, &a, &d)) != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, &d);
	}
	x->id = a.id;
	snprintf(x->object, sizeof x->object, "asset:%lld", (long long)a.id);
	return written(x, 201);
}

int api_asset_update(struct api_ctx *x)
{
	struct asset_row r;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	/* read, change and write in one transaction: no update in between is lost */
	if ((st = api_begin(x)))
		return st;
	if ((st = load(x, &r)) || (x->before = asset_json(&r), st = apply(x, &r.a))) {
		store_rollback(x->q->store);
		return st;
	}
	if ((rc = store_asset_update(x->q->store, &r.a, &d)) != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, &d);
	}
	snprintf(x->object, sizeof x->object, "asset:%lld", (long long)x->id);
	return written(x, 200);
}
