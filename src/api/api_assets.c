/* api_assets.c — /api/v1/assets: the information systems of the register (信息系统台账), listed a
 * page at a time straight from the store (an organisation may hold a hundred thousand), read one
 * by one, created and updated. A caller scoped to a unit subtree sees and changes only the
 * assets that answer to a unit of it under any relation (谁主管/谁运维/谁使用/谁建设). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

/* The fields of the four answering units (谁建设/谁使用/谁主管/谁运维), by relation. */
static const char *const rel_field[REL__MAX] = {"builder_unit", "user_unit", "manager_unit",
						"operator_unit"};

/* One member of an object: its key, then the value. */
static void kv_str(struct jtext *t, const char *k, const char *v)
{
	jt_key(t, k);
	jt_str(t, v);
}

static void kv_int(struct jtext *t, const char *k, int64_t v)
{
	jt_key(t, k);
	jt_int(t, v);
}

static void kv_bool(struct jtext *t, const char *k, bool v)
{
	jt_key(t, k);
	jt_bool(t, v);
}

static void kv_date(struct jtext *t, const char *k, cd_date v)
{
	jt_key(t, k);
	jt_date(t, v);
}

/* asset_write writes one asset as JSON: the one encoding of an asset, for pages, reads and the
 * audit entries of writes. */
static void asset_write(struct jtext *t, const struct asset_row *r)
{
	const struct asset *a = &r->a;

	jt_raw(t, "{", 1);
	kv_int(t, "id", a->id);
	kv_str(t, "code", a->code);
	kv_str(t, "name", a->name);
	kv_str(t, "kind", asset_kind_code(a->kind));
	kv_str(t, "kind_label", asset_kind_label(a->kind));
	kv_str(t, "url", a->url);
	for (int k = 0; k < REL__MAX; k++)
		kv_str(t, rel_field[k], r->unit_code[k]);
	kv_str(t, "maintainer", a->maintainer);
	kv_str(t, "software", a->software);
	kv_int(t, "mlps_level", a->mlps_level);
	kv_date(t, "graded_on", a->graded_on);
	kv_str(t, "filing_no", a->filing_no);
	kv_date(t, "filed_on", a->filed_on);
	kv_date(t, "assessed_on", a->assessed_on);
	kv_str(t, "assess_result", assess_result_code(a->assess_result));
	kv_bool(t, "cii", a->cii);
	kv_bool(t, "internet_facing", a->internet_facing);
	kv_bool(t, "personal_info", a->personal_info);
	kv_bool(t, "protection_installed", a->protection_installed);
	kv_str(t, "status", asset_status_code(a->status));
	kv_str(t, "admin_level", a->admin_level);
	jt_raw(t, "}", 1);
}

/* asset_json: the same as a jansson value (for the audit entry of a write). */
static json_t *asset_json(const struct asset_row *r)
{
	struct jtext t = {0};
	size_t len;
	char *s;
	json_t *j;

	asset_write(&t, r);
	s = jt_take(&t, &len);
	j = s ? json_loadb(s, len, 0, NULL) : NULL;
	free(s);
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
	struct jtext t = {0};
	size_t len;
	char *s;
	int st;

	if ((st = load(x, &r)))
		return st;
	asset_write(&t, &r);
	s = jt_take(&t, &len);
	return api_ok_text(x, 200, s, len);
}

int api_assets_list(struct api_ctx *x)
{
	static const char *const sorts[ASORT__MAX] = {"id", "code", "name", "mlps_level"};
	struct asset_query f = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				.scope = x->who.unit, .limit = x->limit + 1};
	const struct fval *v;
	struct asset_row *rows;
	struct cd_diag d = {{0}};
	char key[256], next[600], num[24], *text;
	struct jtext t = {0};
	size_t n, len;
	enum cd_err rc;

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
	jt_raw(&t, "{\"items\":[", 10);
	for (size_t i = 0; i < n && i < x->limit; i++) {
		if (i)
			jt_raw(&t, ",", 1);
		asset_write(&t, &rows[i]);
	}
	jt_raw(&t, "],\"next\":", 9);
	if (n <= x->limit) {
		jt_raw(&t, "null}", 5);
	} else {
		const struct asset *last = &rows[x->limit - 1].a;
		const char *k = f.sort == ASORT_CODE ? last->code
				: f.sort == ASORT_NAME ? last->name
				: f.sort == ASORT_LEVEL ? (snprintf(num, sizeof num, "%d",
								      last->mlps_level),
							     num)
							  : NULL;

		api_cursor_make(next, sizeof next, k, last->id);
		jt_str(&t, next);
		jt_raw(&t, "}", 1);
	}
	text = jt_take(&t, &len);
	return api_ok_text(x, 200, text, len);
}

/* apply sets a's fields from the body (only those given). */
static int apply(struct api_ctx *x, struct asset *a)
{
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
