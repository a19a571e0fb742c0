/* transfer.c — import as one act: the file read, checked and written (io/csv_import.c) inside
 * the act's transaction, its audit entry appended before the commit; a dry run or a file with
 * errors rolls back. */
#include "svc/transfer.h"

#include "core/notice.h"
#include "svc/work.h"

#include <errno.h>
#include <string.h>

enum cd_err svc_import(struct act *c, const struct import_in *in, struct csv_report *rep)
{
	const char *file = in->file ? in->file : in->path;
	const char *kind = csv_kind_code(in->kind);
	char action[32], obj[32];
	FILE *f = in->f;
	enum cd_err rc;

	bool top = !c->scope;

	*rep = (struct csv_report){0};
	if (!top && (rc = store_unit_top(c->s, c->scope, &top, c->d)))
		return rc;
	if (!top)
		return act_out_of_scope(c, NULL,
					"an import writes across the whole organisation: it needs "
					"an account whose scope is the whole organisation");
	if (!f && !(f = fopen(in->path, "rb")))
		return cd_diag_set(c->d, CD_EIO, "%s: cannot open: %s", in->path,
				   strerror(errno));
	rc = store_bulk(c->s, true, c->d);
	if (!rc)
		rc = act_begin(c);
	if (!rc)
		rc = csv_import(c->s, in->kind, f, file, in->dry_run, rep, c->d);
	if (f != in->f)
		fclose(f);
	if (rc == CD_OK && in->dry_run) {
		act_abandon(c);
	} else {
		snprintf(action, sizeof action, "import.%s", kind);
		snprintf(obj, sizeof obj, "register:%s", kind);
		rc = act_end(c, rc, action, obj, NULL,
			     rc ? NULL
				: json_pack("{s:s, s:I, s:I, s:I}", "file", file, "rows",
					    (json_int_t)rep->rows, "created",
					    (json_int_t)rep->created, "updated",
					    (json_int_t)rep->updated));
	}
	store_bulk(c->s, false, NULL);
	return rc;
}

#define EXPORT_PAGE 1000 /* records read from the store at a time */

static const struct csv_sheet_col record_cols[] = {
	{"类型", "kind"},     {"单位", "unit"},		 {"日期", "on"},
	{"责任事项", "duty"}, {"期间", "period"},	 {"标题", "title"},
	{"参加人员", "participants"}, {"纪要", "minutes"}, {"附件", "attachment"},
};

static const struct csv_sheet_col deadline_cols[] = {
	{"事项", "name"},       {"依据", "article"},     {"单位", "unit"},
	{"信息系统", "asset"},  {"期间", "period"},      {"开始日期", "start"},
	{"截止日期", "due"},    {"状态", "state"},       {"要求次数", "need"},
	{"已完成次数", "have"}, {"完成日期", "done_on"},
};

/* export_list writes the records or the obligations of the caller's scope, a page at a time
 * (each page in an arena of its own). */
static enum cd_err export_list(struct act *c, const struct export_in *in)
{
	bool rec = in->list == EXPORT_RECORDS;
	struct work_query wq = {.kind = -1, .limit = EXPORT_PAGE};
	struct oblig_query oq = {.state = -1, .limit = EXPORT_PAGE};
	struct arena *keep = c->a, *names = arena_new(0); /* the keyset's names, page to page */
	cd_date today = time_cst_date(c->now);
	struct csv_out o;
	bool more = true;
	enum cd_err rc = csv_out_begin_sheet(
		&o, in->f, in->xlsx ? in->path : NULL, rec ? "记录" : "应办事项",
		rec ? "records" : "obligations", rec ? record_cols : deadline_cols,
		rec ? sizeof record_cols / sizeof *record_cols
		    : sizeof deadline_cols / sizeof *deadline_cols,
		in->lang, c->d);

	if (!rc && !names)
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	while (!rc && more && !o.bad) {
		struct record_row *rows = NULL;
		struct oblig_row *ob = NULL;
		int64_t next = 0;
		size_t n = 0;

		if (!(c->a = arena_new(0))) {
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		rc = rec ? svc_record_page(c, wq, &rows, &n, &next)
			 : svc_deadline_page(c, oq, &ob, &n, &more);
		if (rec)
			more = next != 0;
		for (size_t i = 0; !rc && rec && i < n; i++) {
			const struct record *r = &rows[i].r;

			csv_out_label(&o, record_kind_label(r->kind), record_kind_code(r->kind));
			csv_out_text(&o, rows[i].unit_code);
			csv_out_date(&o, r->on);
			csv_out_text(&o, r->duty);
			csv_out_text(&o, r->period);
			csv_out_text(&o, r->title);
			csv_out_text(&o, r->participants);
			csv_out_text(&o, r->minutes);
			csv_out_text(&o, r->attachment);
			csv_out_row_end(&o);
		}
		for (size_t i = 0; !rc && !rec && i < n; i++) {
			const struct oblig *b = &ob[i].o;
			enum due_state st = oblig_state(b, today);

			csv_out_text(&o, b->name);
			csv_out_text(&o, b->article);
			csv_out_text(&o, ob[i].unit_code);
			csv_out_text(&o, ob[i].asset_code);
			csv_out_text(&o, b->period[0] ? b->period : NULL);
			csv_out_date(&o, b->start);
			csv_out_date(&o, b->due);
			csv_out_label(&o, due_state_label(st), due_state_code(st));
			csv_out_num(&o, b->need);
			csv_out_num(&o, b->have);
			csv_out_date(&o, b->done_on);
			csv_out_row_end(&o);
		}
		if (!rc && rec) {
			wq.after = next;
		} else if (!rc && n) {
			const struct oblig_row *last = &ob[n - 1];

			oq.after = true;
			oq.after_due = last->o.due;
			oq.after_name = arena_strdup(names, last->o.name);
			oq.after_unit = last->o.unit;
			oq.after_asset = last->o.asset;
			oq.after_id = last->id;
		}
		arena_free(c->a);
		c->a = keep;
	}
	arena_free(names);
	if (rc) {
		csv_out_end(&o, NULL);
		return rc;
	}
	return csv_out_end(&o, c->d);
}

enum cd_err svc_export(struct act *c, const struct export_in *in)
{
	enum csv_kind kind = in->kind;
	static const enum store_rec rec[CSV__MAX] = {[CSV_UNITS] = SR_UNIT, [CSV_PEOPLE] = SR_PERSON,
						     [CSV_DUTIES] = SR_DUTY,
						     [CSV_PROJECTS] = SR_PROJECT};
	struct asset_query aq = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	struct rec_query rq = {.scope = c->scope, .limit = EXPORT_PAGE};
	struct csv_out o;
	enum cd_err rc = CD_OK;
	size_t n = EXPORT_PAGE;

	if (in->list != EXPORT_REGISTER)
		return export_list(c, in);
	if (in->filter)
		aq = *in->filter;
	aq.scope = c->scope;
	aq.sort = ASORT_ID;
	aq.desc = false;
	aq.after = false;
	aq.after_key = "";
	aq.limit = EXPORT_PAGE;
	if (in->xlsx)
		rc = csv_out_begin_xlsx(&o, in->path, kind, in->lang, c->d);
	else
		csv_out_begin(&o, in->f, kind, in->lang);
	if (rc)
		return rc;
	while (!rc && n == EXPORT_PAGE && !o.bad) {
		struct arena *a = arena_new(0);
		struct rec_row *rows = NULL;
		struct asset_row *assets = NULL;

		if (!a) {
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		if (kind == CSV_ASSETS)
			rc = store_asset_page(c->s, &aq, a, &assets, &n, c->d);
		else
			rc = store_rec_page(c->s, rec[kind], &rq, a, &rows, &n, c->d);
		for (size_t i = 0; !rc && i < n; i++) {
			if (kind == CSV_ASSETS)
				csv_out_asset(&o, &assets[i]);
			else
				csv_out_rec(&o, &rows[i]);
		}
		if (!rc && n && kind == CSV_ASSETS) {
			aq.after = true;
			aq.after_id = assets[n - 1].a.id;
		} else if (!rc && n) {
			const struct rec_row *w = &rows[n - 1];

			rq.after = kind == CSV_UNITS	  ? w->r.unit.id
				   : kind == CSV_PEOPLE	  ? w->r.person.id
				   : kind == CSV_PROJECTS ? w->r.project.id
							  : w->r.duty.id;
		}
		arena_free(a);
	}
	if (rc) {
		csv_out_end(&o, NULL);
		return rc;
	}
	return csv_out_end(&o, c->d);
}

json_t *svc_import_json(const struct import_in *in, const struct csv_report *rep)
{
	json_t *errs = json_array(), *o;

	for (size_t i = 0; errs && i < rep->nerrors; i++) {
		const struct csv_error *e = &rep->errors[i];

		if (json_array_append_new(errs,
					  json_pack("{s:I, s:o, s:o, s:o, s:s, s:s}", "row",
						    (json_int_t)e->row, "column",
						    jnull_str(e->column), "header",
						    jnull_str(e->header), "value",
						    jnull_str(e->value), "message", e->zh,
						    "message_en", e->en))) {
			json_decref(errs);
			return NULL;
		}
	}
	if (!errs)
		return NULL;
	o = json_pack("{s:s, s:s, s:b, s:o, s:I, s:I, s:I, s:I, s:o}", "file",
		      in->file ? in->file : in->path ? in->path : "", "kind",
		      csv_kind_code(in->kind), "dry_run", in->dry_run, "encoding",
		      jnull_str(rep->encoding), "rows", (json_int_t)rep->rows, "created",
		      (json_int_t)rep->created, "updated", (json_int_t)rep->updated,
		      "error_count", (json_int_t)(rep->nerrors + rep->more), "errors", errs);
	return o;
}
