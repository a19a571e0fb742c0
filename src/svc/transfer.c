/* transfer.c — import as one act: the file read, checked and written (io/csv_import.c) inside
 * the act's transaction, its audit entry appended before the commit; a dry run or a file with
 * errors rolls back. */
#include "svc/transfer.h"

#include "core/incident.h"
#include "core/notice.h"
#include "core/dynbuf.h"
#include "audit/audit.h"
#include "svc/accountability.h"
#include "svc/work.h"

#include <errno.h>
#include <string.h>

/* record_notice records a notice of the file by the act that records one (its due date, its
 * 举一反三 list, its audit entry "notice.create" and messages), inside the import's transaction:
 * on a copy of the import's act, whose transaction stays the import's to end, and with an arena
 * of the row's own. */
static enum cd_err record_notice(void *ctx, const struct csv_notice *n, struct cd_diag *d)
{
	struct act row = *(const struct act *)ctx;
	struct notice_new in = {.code = n->code, .authority = n->authority,
				.category = n->category, .text = n->text,
				.received_at = n->received_at, .assets = n->assets,
				.nassets = n->nassets, .unit = n->unit, .due = n->due};
	struct notice_view v;
	enum cd_err rc;

	row.d = d;
	if (!(row.a = arena_new(0)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = svc_notice_add(&row, &in, &v);
	arena_free(row.a);
	return rc;
}

enum cd_err svc_import(struct act *c, const struct import_in *in, struct csv_report *rep)
{
	struct csv_writer w = {.notice = record_notice, .ctx = c, .now = c->now};
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
		rc = csv_import_with(c->s, in->kind, f, file, in->dry_run, &w, rep, c->d);
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
	struct oblig_query oq = {.state = in->sel ? in->sel->state : -1,
				 .unit = in->sel ? in->sel->unit : 0, .limit = EXPORT_PAGE};
	int year = in->sel && !rec ? in->sel->year : 0;
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
	if (year)
		svc_deadline_year(&oq, year);
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
		if (!rc && year)
			n = svc_deadline_year_end(ob, n, year, &more);
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

static const struct csv_sheet_col notice_cols[] = {
	{"文号", "code"},		  {"通报单位", "authority"},
	{"接收时间", "received_at"},	  {"责任单位", "unit"},
	{"问题类别", "category"},	  {"阶段", "stage"},
	{"整改期限", "due"},		  {"期限依据", "due_basis"},
	{"状态", "state"},		  {"剩余工作日", "workdays_left"},
	{"举一反三已排查", "similar_checked"}, {"举一反三待排查", "similar_unchecked"},
	{"信息系统", "assets"},		  {"通报内容", "text"},
};

static const struct csv_sheet_col gap_cols[] = {
	{"缺口类型", "rule"}, {"依据", "article"}, {"单位", "unit"},   {"信息系统", "asset"},
	{"角色", "role"},     {"起始日期", "since"}, {"说明", "message"},
};

static const struct csv_sheet_col incident_cols[] = {
	{"事件编号", "code"},	     {"标题", "title"},
	{"发现时间", "detected_at"},   {"责任单位", "unit"},
	{"涉及信息系统", "assets"},    {"事件分类", "class"},
	{"事件级别", "grade"},	     {"级别已确认", "grade_confirmed"},
	{"报告状态", "report_state"},  {"总结报告状态", "summary_state"},
	{"已触发问责情形", "triggers_fired"}, {"待判断问责情形", "triggers_open"},
	{"问责阶段", "case_stage"},
};

static const struct csv_sheet_col audit_cols[] = {
	{"序号", "seq"},	{"时间", "at"},	   {"操作者", "actor"},   {"来源地址", "ip"},
	{"操作", "action"}, {"操作名称", "action_label"}, {"对象", "object"}, {"结果", "outcome"},
	{"变更前", "before"}, {"变更后", "after"},
};

/* minute writes a time as a clerk writes it: "2026-09-20 09:30", China Standard Time. */
static void minute(struct csv_out *o, cd_time t)
{
	char when[32];

	if (t != CD_TIME_NONE) {
		time_format(t, when);
		when[10] = ' ';
		when[16] = '\0';
	}
	csv_out_text(o, t != CD_TIME_NONE ? when : NULL);
}

/* incident_row writes one incident as incident_cols say, with the engine's verdicts now. */
static void incident_row(struct csv_out *o, const struct act *c, const struct incident_view *v)
{
	const struct incident *x = &v->x;
	const struct incident_class *cl =
		x->class_code ? incident_class_find(&c->pol->classes, x->class_code) : NULL;
	const struct incident_analysis *an = &v->an;
	enum case_stage stage = accountability_stage(x);
	const struct unit *u = x->unit ? reg_unit(v->env.reg, x->unit) : NULL;
	struct dynbuf assets;

	dynbuf_init(&assets, 4096);
	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(v->env.reg, x->assets[i]);

		dynbuf_addf(&assets, "%s%s", i ? "、" : "", a ? a->code : "?");
	}
	csv_out_text(o, x->code);
	csv_out_text(o, x->title);
	minute(o, x->detected_at);
	csv_out_text(o, u ? u->code : NULL);
	csv_out_text(o, assets.len ? assets.p : NULL);
	if (cl)
		csv_out_label(o, cl->name, cl->code);
	else
		csv_out_text(o, x->class_code);
	csv_out_label(o, grade_label(an->grade), grade_code(an->grade));
	csv_out_label(o, x->graded ? "是" : "否", x->graded ? "true" : "false");
	csv_out_label(o, due_state_label(an->report_state), due_state_code(an->report_state));
	csv_out_label(o, due_state_label(an->summary_state), due_state_code(an->summary_state));
	csv_out_num(o, (int64_t)an->nfired);
	csv_out_num(o, (int64_t)an->nopen);
	csv_out_label(o, accountability_stage_label(stage), accountability_stage_code(stage));
	csv_out_row_end(o);
	dynbuf_free(&assets);
}

/* notice_row writes one notice as notice_cols say, with its state now. */
static void notice_row(struct csv_out *o, const struct act *c, const struct notice_view *v)
{
	const struct notice *n = &v->row.n;
	enum due_state st = notice_state(n, &v->due, c->now);
	static const char *const basis[][2] = {{"延期", "extended"},
					       {"通报写明", "stated"},
					       {"本单位默认", "default"},
					       {"政策规定", "policy"}};
	int b = v->due.extended ? 0 : v->due.stated ? 1 : v->due.defaulted ? 2 : 3;
	struct dynbuf assets;

	csv_out_text(o, n->code);
	csv_out_text(o, n->authority);
	minute(o, n->received_at);
	csv_out_text(o, v->row.unit_code);
	csv_out_text(o, n->category);
	csv_out_label(o, notice_stage_label(n->stage), notice_stage_code(n->stage));
	csv_out_date(o, v->due.due);
	if (v->due.due == CD_DATE_NONE)
		csv_out_text(o, NULL);
	else
		csv_out_label(o, basis[b][0], basis[b][1]);
	csv_out_label(o, due_state_label(st), due_state_code(st));
	if (v->due.due != CD_DATE_NONE && n->feedback_at == CD_TIME_NONE)
		csv_out_num(o, calendar_workdays_until(v->cal, time_cst_date(c->now), v->due.due));
	else
		csv_out_text(o, NULL);
	csv_out_num(o, (int64_t)(v->row.similar_listed - v->row.similar_unchecked));
	csv_out_num(o, (int64_t)v->row.similar_unchecked);
	dynbuf_init(&assets, 1 << 16);
	for (size_t i = 0; i < n->nassets; i++)
		dynbuf_addf(&assets, "%s%s", i ? "、" : "", v->row.asset_code[i]);
	csv_out_text(o, assets.len ? assets.p : NULL);
	csv_out_text(o, n->text);
	csv_out_row_end(o);
	dynbuf_free(&assets);
}

/* The work lists as sheets: the sheet's name, its English name and its columns. */
static const struct work_sheet {
	const char *zh, *en;
	const struct csv_sheet_col *cols;
	size_t ncols;
} work_sheets[] = {
	[EXPORT_NOTICES] = {"通报", "notices", notice_cols, sizeof notice_cols / sizeof *notice_cols},
	[EXPORT_GAPS] = {"责任缺口", "gaps", gap_cols, sizeof gap_cols / sizeof *gap_cols},
	[EXPORT_INCIDENTS] = {"网络安全事件", "incidents", incident_cols,
			      sizeof incident_cols / sizeof *incident_cols},
	[EXPORT_AUDIT] = {"审计日志", "audit", audit_cols, sizeof audit_cols / sizeof *audit_cols},
};

/* gap_row writes one responsibility gap as gap_cols say. */
static void gap_row(struct csv_out *o, const struct gap_row *g)
{
	const struct finding *f = &g->f;
	bool roles = f->rule == CHECK_ROLE_MISSING || f->rule == CHECK_ROLE_OVERLAP;

	csv_out_label(o, check_rule_label(f->rule), check_rule_code(f->rule));
	csv_out_text(o, f->article);
	csv_out_text(o, f->asset ? NULL : g->unit_code);
	csv_out_text(o, g->asset_code);
	if (roles)
		csv_out_label(o, role_label(f->role), role_code(f->role));
	else
		csv_out_text(o, NULL);
	csv_out_date(o, f->since);
	csv_out_text(o, g->message);
	csv_out_row_end(o);
}

/* audit_row writes one entry of the audit log as audit_cols say (before and after as the JSON
 * the entry holds). */
static void audit_row(struct csv_out *o, const struct store_audit_entry *e)
{
	/* the action's and outcome's labels (audit/audit_action.c) in the file's language */
	const char *zh = audit_action_label_in(e->action, LANG_ZH);
	const char *en = audit_action_label_in(e->action, LANG_EN);
	const char *ok = audit_outcome_label_in(e->outcome, LANG_ZH);

	csv_out_num(o, e->seq);
	csv_out_text(o, e->at);
	csv_out_text(o, e->actor);
	csv_out_text(o, e->ip && *e->ip ? e->ip : NULL);
	csv_out_text(o, e->action);
	csv_out_label(o, zh ? zh : e->action, en ? en : e->action);
	csv_out_text(o, e->object);
	csv_out_label(o, ok ? ok : e->outcome, e->outcome);
	csv_out_text(o, e->before);
	csv_out_text(o, e->after);
	csv_out_row_end(o);
}

/* work_page writes one page of list `list` from cursor *next on, and sets *next to the next
 * page's cursor (0: that was the last). */
static enum cd_err work_page(struct act *c, const struct export_in *in, struct csv_out *o,
			     int64_t *next)
{
	static const struct export_sel all = {.state = -1, .rule = -1};
	const struct export_sel *sel = in->sel ? in->sel : &all;
	struct work_query wq = {.kind = -1, .limit = EXPORT_PAGE, .after = *next,
				.unit = sel->unit};
	struct notice_view *nv = NULL;
	struct incident_view *iv = NULL;
	struct incident_env env;
	struct gap_row *g = NULL;
	struct store_audit_entry *e = NULL;
	struct store_audit_filter af = {0};
	size_t n = 0;
	enum cd_err rc;

	switch (in->list) {
	case EXPORT_NOTICES:
		rc = svc_notice_page(c, wq, sel->state, c->now, &nv, &n, next);
		for (size_t i = 0; !rc && i < n; i++)
			notice_row(o, c, &nv[i]);
		return rc;
	case EXPORT_INCIDENTS:
		rc = svc_incident_page(c, wq, c->now, &iv, &n, next, &env);
		for (size_t i = 0; !rc && i < n; i++)
			incident_row(o, c, &iv[i]);
		return rc;
	case EXPORT_GAPS:
		rc = svc_gap_page(c, sel->rule, *next, EXPORT_PAGE, &g, &n, next);
		for (size_t i = 0; !rc && i < n; i++)
			gap_row(o, &g[i]);
		return rc;
	default: /* EXPORT_AUDIT: newest first, a page before the last seq written */
		if (in->audit)
			af = *in->audit;
		af.limit = EXPORT_PAGE;
		af.before_seq = *next;
		rc = store_audit_find(c->s, &af, c->a, &e, &n, c->d);
		for (size_t i = n; !rc && i-- > 0;)
			audit_row(o, &e[i]);
		*next = !rc && n == EXPORT_PAGE ? e[0].seq : 0;
		return rc;
	}
}

/* export_work writes a work list of the caller's scope (notices, incidents, gaps) or the audit
 * log, a page at a time (each page in an arena of its own). */
static enum cd_err export_work(struct act *c, const struct export_in *in)
{
	const struct work_sheet *ws = &work_sheets[in->list];
	struct arena *keep = c->a;
	struct csv_out o;
	int64_t next = 0;
	enum cd_err rc = csv_out_begin_sheet(&o, in->f, in->xlsx ? in->path : NULL, ws->zh, ws->en,
					     ws->cols, ws->ncols, in->lang, c->d);

	do {
		if (rc || o.bad)
			break;
		if (!(c->a = arena_new(0))) {
			c->a = keep;
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		rc = work_page(c, in, &o, &next);
		arena_free(c->a);
		c->a = keep;
	} while (!rc && next);
	if (rc) {
		csv_out_end(&o, NULL);
		return rc;
	}
	return csv_out_end(&o, c->d);
}

void svc_export_name(enum export_list list, enum csv_kind kind, const char **zh, const char **en)
{
	switch (list) {
	case EXPORT_REGISTER:
		*zh = csv_kind_zh(kind);
		*en = csv_kind_code(kind);
		return;
	case EXPORT_RECORDS:
		*zh = "记录";
		*en = "records";
		return;
	case EXPORT_DEADLINES:
		*zh = "应办事项";
		*en = "deadlines";
		return;
	default:
		*zh = work_sheets[list].zh;
		*en = work_sheets[list].en;
	}
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

	if (in->list == EXPORT_REGISTER && kind == CSV_NOTICES) {
		struct export_in w = *in;

		w.list = EXPORT_NOTICES;
		return export_work(c, &w);
	}
	if (in->list == EXPORT_NOTICES || in->list == EXPORT_GAPS || in->list == EXPORT_INCIDENTS ||
	    in->list == EXPORT_AUDIT)
		return export_work(c, in);
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
