/* api_assets.c — /api/v1/assets: the information systems of the register (信息系统台账), listed a
 * page at a time straight from the store (an organisation may hold a hundred thousand) and read
 * one by one, written as JSON text straight from the row; created and updated by the register's
 * acts (svc/register.h). A caller scoped to a unit subtree sees and changes only the assets
 * that answer to a unit of it under any relation (谁主管/谁运维/谁使用/谁建设). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "svc/register.h"

void api_asset_text(struct jw *w, const struct asset_row *r)
{
	const struct asset *a = &r->a;

	jw_obj(w, NULL);
	jw_int(w, "id", a->id);
	jw_str(w, "code", a->code);
	jw_str(w, "name", a->name);
	jw_str(w, "kind", asset_kind_code(a->kind));
	jw_str(w, "kind_label", asset_kind_label(a->kind));
	jw_str(w, "url", a->url);
	for (int k = 0; k < REL__MAX; k++)
		jw_str(w, svc_asset_unit_field[k], r->unit_code[k]);
	jw_str(w, "maintainer", a->maintainer);
	jw_str(w, "software", a->software);
	jw_int(w, "mlps_level", a->mlps_level);
	jw_date(w, "graded_on", a->graded_on);
	jw_str(w, "filing_no", a->filing_no);
	jw_date(w, "filed_on", a->filed_on);
	jw_date(w, "assessed_on", a->assessed_on);
	jw_str(w, "assess_result", assess_result_code(a->assess_result));
	jw_bool(w, "cii", a->cii);
	jw_bool(w, "internet_facing", a->internet_facing);
	jw_bool(w, "personal_info", a->personal_info);
	jw_bool(w, "protection_installed", a->protection_installed);
	jw_str(w, "status", asset_status_code(a->status));
	/* its label in the caller's language, as api_labels adds to the other answers */
	jw_str(w, "status_label",
	       lang_pick(asset_status_code(a->status), asset_status_label(a->status)));
	jw_str(w, "admin_level", a->admin_level);
	for (int q = 0; q < QUAL__MAX; q++) {
		const char *k = qualifier_code((enum qualifier)q);

		if (a->qual[q] == QUAL_UNSET)
			jw_null(w, k);
		else
			jw_bool(w, k, a->qual[q] == QUAL_YES);
	}
	jw_end(w);
}

int api_asset_get(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct asset_row r;
	struct dynbuf b;
	struct jw w;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_asset_get(&c, x->id, &r)))
		return api_acted(x, &c, rc, 200, NULL);
	api_writer_plain(&w, &b);
	api_asset_text(&w, &r);
	return api_ok_writer(x, 200, &w, &b);
}

int api_asset_filter(struct api_ctx *x, struct asset_query *f)
{
	struct cd_diag d = {{0}};
	enum cd_err rc;

	/* the route's descriptors checked each value's type; the text is read by the one parser of
	 * the filters, which the command line shares (svc_asset_filter_set) */
	for (size_t i = 0; i < x->q->nquery; i++) {
		const struct api_param *p = &x->q->query[i];
		const struct svc_asset_filter *k = svc_asset_filters;

		while (k->name && strcmp(k->name, p->key))
			k++;
		if (!k->name)
			continue;
		rc = svc_asset_filter_set(x->q->store, f, p->key, p->value ? p->value : "", &d);
		if (rc == CD_EINVAL || rc == CD_ENOTFOUND)
			return api_fail(x, 400, "invalid", k->name, "%s", d.msg);
		if (rc)
			return api_err(x, rc, NULL, &d);
	}
	return 0;
}

int api_assets_list(struct api_ctx *x)
{
	static const char *const sorts[ASORT__MAX] = {"id", "code", "name", "mlps_level"};
	struct asset_query f = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				.scope = x->who.unit, .limit = x->limit + 1};
	struct asset_row *rows;
	struct cd_diag d = {{0}};
	char key[256], next[600], num[24];
	struct dynbuf b;
	struct jw w;
	size_t n;
	enum cd_err rc;
	int st;

	for (int i = 0; i < ASORT__MAX; i++)
		if (!strcmp(x->sort, sorts[i]))
			f.sort = (enum asset_sort)i;
	f.desc = x->desc;
	if ((st = api_asset_filter(x, &f)))
		return st;
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
	api_writer_plain(&w, &b);
	jw_obj(&w, NULL);
	jw_arr(&w, "items");
	for (size_t i = 0; i < n && i < x->limit; i++)
		api_asset_text(&w, &rows[i]);
	jw_end(&w);
	if (n <= x->limit) {
		jw_null(&w, "next");
	} else {
		const struct asset *last = &rows[x->limit - 1].a;
		const char *k = f.sort == ASORT_CODE ? last->code
				: f.sort == ASORT_NAME ? last->name
				: f.sort == ASORT_LEVEL ? (snprintf(num, sizeof num, "%d",
								      last->mlps_level),
							     num)
							  : NULL;

		api_cursor_make(next, sizeof next, k, last->id);
		jw_str(&w, "next", next);
	}
	jw_end(&w);
	return api_ok_writer(x, 200, &w, &b);
}

/* asset_in_of: the asset the body gives (what it sets, what it clears with null). */
static struct asset_in asset_in_of(struct api_ctx *x)
{
	struct asset_in in = {.kind = (int)api_in_int(x, "kind"),
			      .mlps_level = (int)api_in_int(x, "mlps_level"),
			      .assess_result = (int)api_in_int(x, "assess_result"),
			      .status = (int)api_in_int(x, "status"),
			      .cii = api_in_bool(x, "cii"),
			      .internet_facing = api_in_bool(x, "internet_facing"),
			      .personal_info = api_in_bool(x, "personal_info"),
			      .protection_installed = api_in_bool(x, "protection_installed")};
	unsigned *clr = &in.clear;

	in.code = api_in_text(x, "code", NULL, 0);
	in.name = api_in_text(x, "name", NULL, 0);
	in.url = api_in_text(x, "url", clr, ASSET_CLEAR_URL);
	for (int r = 0; r < REL__MAX; r++)
		in.rel[r] = api_in_text(x, svc_asset_unit_field[r], clr, ASSET_CLEAR_REL(r));
	in.maintainer = api_in_text(x, "maintainer", clr, ASSET_CLEAR_MAINTAINER);
	in.software = api_in_text(x, "software", clr, ASSET_CLEAR_SOFTWARE);
	for (int q = 0; q < QUAL__MAX; q++) {
		const struct fval *v = api_val(x, qualifier_code((enum qualifier)q));

		if (v && v->set)
			in.qual[q] = v->null ? ASSET_QUAL_DERIVE : v->b ? QUAL_YES : QUAL_NO;
	}
	in.graded_on = api_in_date(x, "graded_on", clr, ASSET_CLEAR_GRADED_ON);
	in.filing_no = api_in_text(x, "filing_no", clr, ASSET_CLEAR_FILING_NO);
	in.filed_on = api_in_date(x, "filed_on", clr, ASSET_CLEAR_FILED_ON);
	in.assessed_on = api_in_date(x, "assessed_on", clr, ASSET_CLEAR_ASSESSED_ON);
	in.admin_level = api_in_text(x, "admin_level", clr, ASSET_CLEAR_ADMIN_LEVEL);
	return in;
}

static int save(struct api_ctx *x, bool create)
{
	struct asset_in in = asset_in_of(x);
	struct act c;
	struct cd_diag d = {{0}};
	struct asset_row r;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = create ? svc_asset_add(&c, &in, &r) : svc_asset_update(&c, x->id, &in, &r);
	return api_acted(x, &c, rc, create ? 201 : 200, rc ? NULL : svc_asset_json(&r));
}

int api_asset_create(struct api_ctx *x)
{
	return save(x, true);
}

int api_asset_update(struct api_ctx *x)
{
	return save(x, false);
}
