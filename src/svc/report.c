/* report.c — the documents the office signs (report.h): which document, its head and its
 * audit entry; the notice's feedback form, the accountability recommendation, the responsibility
 * list and the ledger. The annual report is report_annual.c. */
#include "svc/report_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/incident.h"
#include "core/notice.h"
#include "svc/accountability.h"
#include "svc/transfer.h"
#include "svc/work.h"

#define PAGE 500

static const char *const kind_codes[REPORT_DOC__MAX] = {"annual", "feedback", "recommendation",
						    "duties", "ledger", "assessment"};
static const char *const format_codes[REPORT_FORMAT__MAX] = {"pdf", "docx", "xlsx"};

int report_doc_parse(const char *s)
{
	for (int k = 0; s && k < REPORT_DOC__MAX; k++)
		if (!strcmp(s, kind_codes[k]))
			return k;
	return -1;
}

const char *report_doc_code(enum report_doc k)
{
	return (unsigned)k < REPORT_DOC__MAX ? kind_codes[k] : "?";
}

int report_format_parse(const char *s)
{
	for (int k = 0; s && k < REPORT_FORMAT__MAX; k++)
		if (!strcmp(s, format_codes[k]))
			return k;
	return -1;
}

const char *report_format_ext(enum report_format f)
{
	return (unsigned)f < REPORT_FORMAT__MAX ? format_codes[f] : "?";
}

const char *report_format_mime(enum report_format f)
{
	if (f == REPORT_XLSX)
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	return doc_format_mime(f == REPORT_DOCX ? DOC_DOCX : DOC_PDF);
}

cd_date report_day(const struct act *c)
{
	return time_cst_date(c->now);
}

/* --- the units of the scope ------------------------------------------------------------------ */

static int by_code(const void *a, const void *b)
{
	return strcmp((*(struct unit_name *const *)a)->code, (*(struct unit_name *const *)b)->code);
}

enum cd_err report_units(struct act *c, struct report_units *out)
{
	struct rec_query q = {.scope = c->scope, .limit = PAGE};
	size_t cap = 0;
	const struct unit_name *top = NULL, *office = NULL;
	enum cd_err rc;

	*out = (struct report_units){0};
	for (;;) {
		struct rec_row *rows = NULL;
		size_t n = 0;

		if ((rc = store_rec_page(c->s, SR_UNIT, &q, c->a, &rows, &n, c->d)))
			return rc;
		if (out->n + n > cap) {
			struct unit_name *m;

			cap = (out->n + n) * 2;
			if (!(m = arena_alloc(c->a, cap * sizeof *m)))
				return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			if (out->n)
				memcpy(m, out->u, out->n * sizeof *m);
			out->u = m;
		}
		for (size_t i = 0; i < n; i++)
			out->u[out->n++] = (struct unit_name){rows[i].r.unit.id, rows[i].r.unit.code,
							      rows[i].r.unit.name,
							      rows[i].r.unit.parent,
							      (int)rows[i].r.unit.kind};
		if (n < PAGE)
			break;
		q.after = rows[n - 1].r.unit.id;
	}
	if (out->n && !(out->by_code = arena_alloc(c->a, out->n * sizeof *out->by_code)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < out->n; i++) {
		const struct unit_name *u = &out->u[i];

		out->by_code[i] = &out->u[i];
		out->managed += u->kind != UNIT_EXTERNAL_AUTHORITY;
		if (c->scope ? u->id == c->scope
			     : !top && !u->parent && u->kind != UNIT_EXTERNAL_AUTHORITY)
			top = u;
		if (!office && u->kind == UNIT_LEADING_GROUP_OFFICE)
			office = u;
	}
	qsort(out->by_code, out->n, sizeof *out->by_code, by_code);
	out->top = top ? top->name : "";
	out->top_id = top ? top->id : 0;
	if (office && top && strncmp(office->name, top->name, strlen(top->name))) {
		size_t k = strlen(top->name) + strlen(office->name) + 1;
		char *s = arena_alloc(c->a, k);

		if (!s)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		snprintf(s, k, "%s%s", top->name, office->name);
		out->office = s;
	} else {
		out->office = office ? office->name : out->top;
	}
	return CD_OK;
}

const char *report_unit_name(const struct report_units *u, const char *code)
{
	struct unit_name key = {.code = code}, *kp = &key, **hit;

	if (!code)
		return "—";
	hit = u->n ? bsearch(&kp, u->by_code, u->n, sizeof *u->by_code, by_code) : NULL;
	return hit ? (*hit)->name : code;
}

enum cd_err report_signer(struct act *c, const struct report_units *u, const char **out)
{
	struct duty_held *h = NULL;
	size_t n = 0;
	cd_date today = report_day(c);
	enum cd_err rc;

	*out = NULL;
	if (!u->top_id)
		return CD_OK;
	rc = store_duties_held(c->s, u->top_id, ROLE_FIRST_RESPONSIBLE, c->a, &h, &n, c->d);
	for (size_t i = 0; !rc && i < n; i++) {
		const struct duty *d = &h[i].w.r.duty;

		if (d->from <= today && (d->to == CD_DATE_NONE || d->to >= today))
			*out = h[i].person_name;
	}
	return rc;
}

/* --- small texts ----------------------------------------------------------------------------- */

static const char *day_cn(cd_date d, char *buf, size_t n)
{
	if (d == CD_DATE_NONE)
		return "—";
	return doc_date_cn(d, buf, n);
}

/* time_cn: "2026年9月20日11:00" — no space between the day and the hour, which a justified line
 * of Chinese text would stretch into a gap */
static const char *time_cn(cd_time t, char *buf, size_t n)
{
	char day[32];
	int64_t s;

	if (t == CD_TIME_NONE)
		return "—";
	s = ((t + 8 * 3600) % 86400 + 86400) % 86400;
	snprintf(buf, n, "%s%02d:%02d", doc_date_cn(time_cst_date(t), day, sizeof day),
		 (int)(s / 3600), (int)(s / 60 % 60));
	return buf;
}

/* --- 整改反馈单 ------------------------------------------------------------------------------- */

static enum cd_err feedback(struct act *c, const struct report_in *in,
			    const struct report_units *u, const struct doc_head *base,
			    struct doc **xp, int64_t *id)
{
	struct notice_view v;
	const struct notice *n;
	struct doc_head h = *base;
	struct doc *x;
	char a[64], b[64], due[64], title[256], systems[1024];
	size_t k = 0;
	enum due_state st;
	bool done;
	enum cd_err rc;

	if ((rc = svc_notice_get(c, in->id, in->code, &v)))
		return rc;
	n = &v.row.n;
	*id = n->id;
	st = notice_state(n, &v.due, c->now);
	done = n->stage >= STAGE_RECTIFIED;
	snprintf(title, sizeof title, "关于%s通报问题整改情况的反馈", n->code);
	h.title = title;
	h.mark = NULL;
	h.addressee = in->to ? in->to : n->authority;
	h.subject = "整改反馈单";
	h.author = v.row.unit_name ? v.row.unit_name : u->top;
	if ((rc = doc_open(&x, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &h,
			   c->d)))
		return rc;
	*xp = x;
	for (size_t i = 0; i < n->nassets && k < sizeof systems; i++)
		k += (size_t)snprintf(systems + k, sizeof systems - k, "%s%s（%s）", i ? "、" : "",
				      v.row.asset_name[i], v.row.asset_code[i]);
	doc_printf(x, "贵单位%s下发的《%s》通报收悉。%s，现将整改情况反馈如下。",
		   day_cn(time_cst_date(n->received_at), a, sizeof a), n->code,
		   done ? "我单位高度重视，已按要求完成整改" : "我单位高度重视，正在按要求整改");
	doc_table_begin(x, "表1　通报及整改情况",
			(const struct doc_col[]){{"项目", 1}, {"内容", 3}}, 2, false);
	doc_table_row(x, (const char *[]){"通报文号", n->code});
	doc_table_row(x, (const char *[]){"通报单位", n->authority});
	doc_table_row(x, (const char *[]){"通报类别", n->category ? n->category : "—"});
	doc_table_row(x, (const char *[]){"接收时间", time_cn(n->received_at, a, sizeof a)});
	doc_table_row(x, (const char *[]){"整改责任单位",
					  v.row.unit_name ? v.row.unit_name : "—"});
	doc_table_row(x, (const char *[]){"涉及系统", systems});
	snprintf(due, sizeof due, "%s%s", day_cn(v.due.due, b, sizeof b),
		 v.due.extended ? "（已延期）" : v.due.stated ? "（通报规定）" : "");
	doc_table_row(x, (const char *[]){"整改期限", due});
	doc_table_row(x, (const char *[]){"整改完成时间", time_cn(n->rectified_at, a, sizeof a)});
	doc_table_row(x, (const char *[]){"反馈时间", time_cn(n->feedback_at, b, sizeof b)});
	snprintf(due, sizeof due, "%s，%s", notice_stage_label(n->stage), due_state_label(st));
	doc_table_row(x, (const char *[]){"当前状态", due});
	doc_table_end(x);
	doc_heading(x, 1, "通报指出的问题");
	doc_para(x, n->text && *n->text ? n->text : "通报所列系统存在的网络安全问题（详见原通报）。");
	doc_heading(x, 1, "整改措施和结果");
	k = 0;
	for (size_t i = 0; i < n->nevents; i++) {
		const struct notice_event *e = &n->events[i];

		k++;
		doc_printf(x, "%s，%s%s%s%s", time_cn(e->at, a, sizeof a),
			   notice_event_label(e->kind), e->note ? "：" : "。",
			   e->note ? e->note : "", e->note ? "。" : "");
	}
	if (!k)
		doc_para(x, "尚未记录整改步骤。");
	doc_heading(x, 1, "举一反三排查情况");
	if (!n->nsimilar) {
		doc_para(x, "未发现同类系统。");
	} else {
		doc_printf(x, "对同类系统%zu个开展举一反三排查，已排查%zu个，未排查%zu个。",
			   v.row.similar_listed, v.row.similar_listed - v.row.similar_unchecked,
			   v.row.similar_unchecked);
		doc_table_begin(x, "表2　举一反三排查情况",
				(const struct doc_col[]){{"系统", 3}, {"排查时间", 2}, {"结论", 3}},
				3, false);
		for (size_t i = 0; i < n->nsimilar; i++) {
			char sys[256];
			const struct notice_check *s = &n->similar[i];

			snprintf(sys, sizeof sys, "%s（%s）", v.row.similar_name[i],
				 v.row.similar_code[i]);
			doc_table_row(x, (const char *[]){
						 sys, time_cn(s->checked_at, a, sizeof a),
						 s->checked_at == CD_TIME_NONE ? "未排查"
						 : s->note			  ? s->note
										  : "已排查"});
		}
		doc_table_end(x);
	}
	doc_sign(x, v.row.unit_name ? v.row.unit_name : u->top,
		 n->feedback_at != CD_TIME_NONE ? time_cst_date(n->feedback_at) : report_day(c));
	return CD_OK;
}

/* --- 问责建议书 ------------------------------------------------------------------------------ */

static const char *person_name(const struct reg *r, int64_t id)
{
	const struct person *p = id ? reg_person(r, id) : NULL;

	return p ? p->name : "—";
}

static const char *unit_of(const struct reg *r, int64_t id)
{
	const struct unit *x = id ? reg_unit(r, id) : NULL;

	return x ? x->name : "—";
}

/* evidence: a fact a trigger used, in the document's words — its label, its value, and whether
 * a person recorded it or the data gave it */
static const char *evidence(const struct incident_analysis *an, int f, char *buf, size_t n)
{
	const struct fact_value *v = &an->facts.v[f];
	char val[FACT_STRING_MAX + 32];

	if (!v->known)
		snprintf(val, sizeof val, "未知");
	else if (fact_type((enum fact)f) == FACT_BOOL)
		snprintf(val, sizeof val, "%s", v->b ? "是" : "否");
	else if (fact_type((enum fact)f) == FACT_NUMBER)
		snprintf(val, sizeof val, "%g", v->num);
	else
		snprintf(val, sizeof val, "%s", v->str);
	snprintf(buf, n, "%s为%s（%s）", fact_label((enum fact)f), val,
		 an->origin[f] == ORIGIN_DERIVED ? "由系统数据推定" : "经认定记录");
	return buf;
}

static enum cd_err recommendation(struct act *c, const struct report_in *in,
				  const struct report_units *u, const struct doc_head *base,
				  struct doc **xp, int64_t *id)
{
	struct incident_view v;
	const struct incident *n;
	const struct incident_analysis *an;
	const struct reg *r;
	struct doc_head h = *base;
	struct doc *x;
	char a[64], b[64], title[512], systems[1024], ev[FACT_STRING_MAX + 160];
	cd_time rec_at = CD_TIME_NONE;
	const char *rec_note = NULL;
	size_t k = 0;
	enum cd_err rc;

	if ((rc = svc_incident_get(c, in->id, in->code, c->now, &v)))
		return rc;
	n = &v.x;
	an = &v.an;
	r = v.env.reg;
	*id = n->id;
	for (size_t i = 0; i < n->nevents; i++)
		if (n->events[i].kind == IEV_RECOMMEND) {
			rec_at = n->events[i].at;
			rec_note = n->events[i].note;
		}
	(void)rec_note;
	snprintf(title, sizeof title, "关于%s的问责建议", n->title && *n->title ? n->title : n->code);
	h.title = title;
	h.mark = u->office;
	h.addressee = in->to ? in->to : u->top;
	h.subject = "问责建议书";
	h.author = u->office;
	if ((rc = doc_open(&x, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &h,
			   c->d)))
		return rc;
	*xp = x;
	for (size_t i = 0; i < n->nassets && k < sizeof systems; i++) {
		const struct asset *s = reg_asset(r, n->assets[i]);

		k += (size_t)snprintf(systems + k, sizeof systems - k, "%s%s", i ? "、" : "",
				      s ? s->name : "?");
	}
	doc_printf(x,
		   "%s，%s发生网络安全事件（编号%s）。根据《%s》，领导小组办公室对事件的经过和"
		   "责任进行了调查认定，现提出问责建议如下。",
		   day_cn(time_cst_date(n->detected_at), a, sizeof a), systems, n->code,
		   v.env.p->name);
	doc_heading(x, 1, "事件基本情况");
	doc_printf(x, "事件于%s发现，%s。事件等级为%s（%s）。%s", time_cn(n->detected_at, a, sizeof a),
		   n->handling_ended_at != CD_TIME_NONE ? "处置已结束" : "目前仍在处置",
		   grade_label(an->grade), n->graded ? "经认定" : "按标准初判",
		   !an->report_required ? "按规定无需上报。"
		   : an->reported_at != CD_TIME_NONE
			   ? "已报告。"
			   : "尚未按规定报告。");
	if (an->report_required && an->reported_at != CD_TIME_NONE)
		doc_printf(x, "首次报告时间为%s，报告时限为%s，%s。",
			   time_cn(an->reported_at, a, sizeof a), time_cn(an->report_due, b, sizeof b),
			   due_state_label(an->report_state));
	doc_heading(x, 1, "责任认定");
	if (!an->nfired)
		doc_para(x, "经对照责任追究情形逐项认定，尚无已成立的情形。");
	for (size_t i = 0; i < an->ntriggers; i++) {
		const struct trigger_verdict *t = &an->triggers[i];

		if (t->r.value != COND_TRUE)
			continue;
		doc_heading(x, 2, t->t->article ? t->t->article : t->t->id);
		doc_para(x, t->t->text);
		for (size_t e = 0; e < t->r.nused; e++)
			doc_printf(x, "依据：%s。", evidence(an, t->r.used[e], ev, sizeof ev));
	}
	if (an->nopen) {
		doc_heading(x, 2, "尚待认定的情形");
		for (size_t i = 0; i < an->ntriggers; i++) {
			const struct trigger_verdict *t = &an->triggers[i];

			if (t->r.value == COND_NEEDS_JUDGEMENT)
				doc_printf(x, "%s：%s", t->t->article ? t->t->article : t->t->id,
					   t->t->question ? t->t->question : t->t->text);
		}
	}
	doc_heading(x, 1, "责任链（逐级倒查）");
	doc_table_begin(x, "表1　逐级倒查的责任人",
			(const struct doc_col[]){{"姓名", 2}, {"单位", 4}, {"职责", 2}, {"责任", 2.2}},
			4,
			false);
	for (size_t i = 0; i < an->nchain; i++) {
		const struct chain_link *l = &an->chain[i];
		const char *role = l->role == CHAIN_NO_ROLE ? "当事人" : role_label((enum role)l->role);

		doc_table_row(x, (const char *[]){l->vacant ? "空缺" : person_name(r, l->person),
						  unit_of(r, l->unit), role,
						  responsibility_label(l->resp)});
	}
	doc_table_end(x);
	doc_heading(x, 1, "问责建议");
	if (an->nfired)
		doc_printf(x,
			   "建议按照《%s》的规定，对上述责任人依规依纪依法追究责任，由有关部门按照"
			   "干部管理权限研究处理。",
			   v.env.p->name);
	else
		doc_para(x, "鉴于尚无已成立的责任追究情形，建议待尚待认定的情形查明后再行研究。");
	/* the letter as it was sent: a decision taken after the recommendation's day is its
	 * outcome, not part of it (the document is signed with that day) */
	size_t ndecided = 0;
	cd_time until = rec_at == CD_TIME_NONE ? CD_TIME_NONE
					       : time_cst_start(time_cst_date(rec_at) + 1);

	for (size_t i = 0; i < n->nevents; i++)
		ndecided += n->events[i].kind == IEV_DECIDE &&
			    (until == CD_TIME_NONE || n->events[i].at < until);
	if (ndecided) {
		doc_para(x, "已作出的处理决定如下。");
		doc_table_begin(x, "表2　处理决定",
				(const struct doc_col[]){{"责任人", 1.6}, {"处理", 1.6},
							 {"决定机关", 4}, {"日期", 2.2}},
				4, false);
		for (size_t i = 0; i < n->nevents; i++) {
			const struct incident_event *e = &n->events[i];

			if (e->kind == IEV_DECIDE && (until == CD_TIME_NONE || e->at < until))
				doc_table_row(x, (const char *[]){person_name(r, e->person), e->value,
								  e->name,
								  day_cn(time_cst_date(e->at), a,
									 sizeof a)});
		}
		doc_table_end(x);
	}
	doc_sign(x, u->office, rec_at != CD_TIME_NONE ? time_cst_date(rec_at) : report_day(c));
	return CD_OK;
}

/* --- 责任清单 -------------------------------------------------------------------------------- */

struct held {
	int64_t unit, person;
	enum role role;
	cd_date from;
};

static int by_unit_role(const void *a, const void *b)
{
	const struct held *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	if (x->role != y->role)
		return (int)x->role - (int)y->role;
	return x->person < y->person ? -1 : x->person > y->person;
}

static const struct unit_name *unit_by_id(const struct report_units *u, int64_t id)
{
	size_t lo = 0, hi = u->n;

	while (lo < hi) {
		size_t m = (lo + hi) / 2;

		if (u->u[m].id == id)
			return &u->u[m];
		if (u->u[m].id < id)
			lo = m + 1;
		else
			hi = m;
	}
	return NULL;
}

static enum cd_err duties(struct act *c, const struct report_in *in, const struct report_units *u,
			  const struct doc_head *base, struct doc **xp)
{
	struct rec_query q = {.scope = c->scope, .limit = PAGE};
	struct held *h = NULL;
	size_t nh = 0, cap = 0, gaps[CHECK__MAX] = {0}, ngaps = 0, seq = 0;
	cd_date today = report_day(c);
	struct doc_head hd = *base;
	struct doc *x;
	struct gap_row *g = NULL;
	size_t ng = 0;
	int64_t next = 0;
	char title[512], a[64];
	enum cd_err rc;

	for (;;) {
		struct rec_row *rows = NULL;
		size_t n = 0;

		if ((rc = store_rec_page(c->s, SR_DUTY, &q, c->a, &rows, &n, c->d)))
			return rc;
		for (size_t i = 0; i < n; i++) {
			const struct duty *d = &rows[i].r.duty;

			if (!d->unit || d->from > today || (d->to != CD_DATE_NONE && d->to < today))
				continue;
			if (nh == cap) {
				struct held *m;

				cap = cap ? cap * 2 : 64;
				if (!(m = arena_alloc(c->a, cap * sizeof *m)))
					return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
				if (nh)
					memcpy(m, h, nh * sizeof *m);
				h = m;
			}
			h[nh++] = (struct held){d->unit, d->person, d->role, d->from};
		}
		if (n < PAGE)
			break;
		q.after = rows[n - 1].r.duty.id;
	}
	if (nh)
		qsort(h, nh, sizeof *h, by_unit_role);
	/* today's gaps, kept derived (rebuilt first when stale) */
	if ((rc = svc_gap_page(c, -1, 0, 1, &g, &ng, &next)) ||
	    (rc = store_gap_counts(c->s, c->scope, gaps, c->d)))
		return rc;
	for (int k = 0; k < CHECK__MAX; k++)
		ngaps += gaps[k];
	snprintf(title, sizeof title, "%s网络安全工作责任清单", u->top);
	hd.title = title;
	hd.mark = NULL;
	hd.addressee = in->to;
	hd.subject = "责任清单";
	hd.author = u->office;
	if ((rc = doc_open(&x, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &hd,
			   c->d)))
		return rc;
	*xp = x;
	doc_printf(x,
		   "根据《%s》，现将截至%s各单位网络安全工作责任的落实情况列示如下，共%zu个单位、"
		   "%zu项责任。",
		   c->pol->p->name, day_cn(today, a, sizeof a), u->managed, nh);
	doc_heading(x, 1, "各单位责任人");
	doc_table_begin(x, "表1　网络安全工作责任清单",
			(const struct doc_col[]){{"序号", 0.9},
						 {"单位", 2.8},
						 {"责任", 1.9},
						 {"责任人", 1.4},
						 {"职务", 2.2},
						 {"起始日期", 3}},
			6, false);
	for (size_t i = 0; i < nh; i++) {
		const struct unit_name *un = unit_by_id(u, h[i].unit);
		struct rec_row p;
		char no[24], from[32];
		const char *role = role_label(h[i].role);
		rc = store_rec_get(c->s, SR_PERSON, h[i].person, c->a, &p, c->d);
		if (rc)
			return rc;
		snprintf(no, sizeof no, "%zu", ++seq);
		doc_table_row(x, (const char *[]){no, un ? un->name : "—", role, p.r.person.name,
						  p.r.person.title ? p.r.person.title : "",
						  day_cn(h[i].from, from, sizeof from)});
	}
	doc_table_end(x);
	doc_heading(x, 1, "责任缺口");
	if (!ngaps) {
		doc_para(x, "经检查，各单位均已明确规定的责任人，所有系统均有负责单位，未发现责任缺口。");
	} else {
		doc_printf(x, "经检查，截至%s共有责任缺口%zu处，分类如下，请有关单位限期落实。",
			   day_cn(today, a, sizeof a), ngaps);
		doc_table_begin(x, "表2　责任缺口",
				(const struct doc_col[]){{"缺口类型", 3}, {"数量", 1}}, 2, false);
		for (int k = 0; k < CHECK__MAX; k++) {
			char num[24];

			if (!gaps[k])
				continue;
			snprintf(num, sizeof num, "%zu", gaps[k]);
			doc_table_row(x, (const char *[]){check_rule_label((enum check_rule)k), num});
		}
		doc_table_end(x);
	}
	doc_sign(x, u->office, today);
	return CD_OK;
}

/* --- 台账 ------------------------------------------------------------------------------------ */

static enum cd_err ledger(struct act *c, const struct report_in *in, const struct report_units *u,
			  const struct doc_head *base, struct doc **xp)
{
	struct asset_query aq = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				 .scope = c->scope, .sort = ASORT_ID, .after_key = "",
				 .limit = PAGE};
	struct doc_head hd = *base;
	struct doc *x;
	size_t seq = 0, n = PAGE;
	char title[512], a[64];
	enum cd_err rc;

	if (in->filter) {
		aq.kind = in->filter->kind;
		aq.status = in->filter->status;
		aq.mlps_level = in->filter->mlps_level;
		aq.cii = in->filter->cii;
		aq.filed = in->filter->filed;
		aq.assess = in->filter->assess;
		aq.unit = in->filter->unit;
		aq.text = in->filter->text;
	}
	snprintf(title, sizeof title, "%s网络安全资产台账", u->top);
	hd.title = title;
	hd.mark = NULL;
	hd.addressee = in->to;
	hd.subject = "台账";
	hd.author = u->office;
	if ((rc = doc_open(&x, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &hd,
			   c->d)))
		return rc;
	*xp = x;
	doc_printf(x, "截至%s，本台账登记的%s信息系统和网络资产如下。",
		   day_cn(report_day(c), a, sizeof a), in->filter ? "符合所选条件的" : "");
	doc_table_begin(x, NULL,
			/* widths in mm of the 156 mm block: 五号 type is 3.7 mm a character */
			(const struct doc_col[]){{"序号", 10},
						 {"编码", 21},
						 {"名称", 26},
						 {"类型", 24},
						 {"等级", 15},
						 {"主管单位", 24},
						 {"运维单位", 24},
						 {"状态", 12}},
			8, true);
	while (!rc && n == PAGE) {
		struct arena *pa = arena_new(0);
		struct asset_row *rows = NULL;

		if (!pa)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = store_asset_page(c->s, &aq, pa, &rows, &n, c->d);
		for (size_t i = 0; !rc && i < n; i++) {
			const struct asset *s = &rows[i].a;
			char no[24], lv[16];

			snprintf(no, sizeof no, "%zu", ++seq);
			if (s->mlps_level)
				snprintf(lv, sizeof lv, "第%d级", s->mlps_level);
			else
				snprintf(lv, sizeof lv, "未定级");
			doc_table_row(x, (const char *[]){
						 no, s->code, s->name, asset_kind_label(s->kind), lv,
						 report_unit_name(u, rows[i].unit_code[REL_MANAGER]),
						 report_unit_name(u, rows[i].unit_code[REL_OPERATOR]),
						 asset_status_label(s->status)});
		}
		if (!rc && n) {
			aq.after = true;
			aq.after_id = rows[n - 1].a.id;
		}
		arena_free(pa);
	}
	if (rc)
		return rc;
	doc_table_end(x);
	doc_printf(x, "共计%zu个。", seq);
	doc_sign(x, u->office, report_day(c));
	return CD_OK;
}

/* --- the act --------------------------------------------------------------------------------- */

char *svc_report_name(const struct report_in *in, char *buf, size_t n)
{
	static const char *const names[REPORT_DOC__MAX] = {"年度网络安全工作情况报告", "整改反馈单",
						       "问责建议书", "责任清单", "台账",
						       "考核结果"};
	const char *ext = report_format_ext(in->format);

	if (in->kind == REPORT_ASSESSMENT && in->unit)
		snprintf(buf, n, "%s-%d-%s.%s", names[in->kind], in->year, in->unit, ext);
	else if (in->kind == REPORT_ANNUAL || in->kind == REPORT_ASSESSMENT)
		snprintf(buf, n, "%s-%d.%s", names[in->kind], in->year, ext);
	else if (in->code)
		snprintf(buf, n, "%s-%s.%s", names[in->kind], in->code, ext);
	else if (in->id)
		snprintf(buf, n, "%s-%lld.%s", names[in->kind], (long long)in->id, ext);
	else
		snprintf(buf, n, "%s.%s", names[(unsigned)in->kind < REPORT_DOC__MAX ? in->kind : 0],
			 ext);
	return buf;
}

enum cd_err svc_report(struct act *c, const struct report_in *in)
{
	struct report_units u;
	struct report_in r = *in;
	struct doc_head h = {0};
	struct doc *x = NULL;
	const char *why;
	char obj[64], action[48];
	int64_t id = 0;
	struct stat st;
	json_t *after;
	int y, m, d;
	enum cd_err rc;

	if ((unsigned)r.kind >= REPORT_DOC__MAX)
		return act_fail(c, CD_EINVAL, "kind",
				"kind: give annual, feedback, recommendation, duties, ledger or assessment");
	if ((unsigned)r.format >= REPORT_FORMAT__MAX)
		return act_fail(c, CD_EINVAL, "format", "format: give pdf, docx or xlsx");
	if (r.format == REPORT_XLSX && r.kind != REPORT_LEDGER && r.kind != REPORT_ASSESSMENT)
		return act_fail(c, CD_EINVAL, "format",
				"format: only the ledger and the assessment results are spreadsheets; "
				"give pdf or docx");
	if (r.docno && !doc_docno_check(r.docno, &why))
		return act_fail(c, CD_EINVAL, "docno", "docno: %s", why);
	date_to_ymd(report_day(c), &y, &m, &d);
	if ((r.kind == REPORT_ANNUAL || r.kind == REPORT_ASSESSMENT) && !r.year)
		r.year = y;
	if ((r.kind == REPORT_ANNUAL || r.kind == REPORT_ASSESSMENT) && (r.year < 2000 || r.year > y))
		return act_fail(c, CD_EINVAL, "year", "year: give a year from 2000 to %d", y);
	if ((r.kind == REPORT_FEEDBACK || r.kind == REPORT_RECOMMENDATION) && !r.id && !r.code)
		return act_fail(c, CD_EINVAL, "id", "id: name the %s by its id or number",
				r.kind == REPORT_FEEDBACK ? "notice" : "incident");
	h.docno = r.docno;
	if (r.kind == REPORT_ASSESSMENT) {
		rc = report_units(c, &u);
		if (!rc)
			rc = report_assess(c, &r, &u, &h, &x, &id);
		if (rc)
			doc_abandon(x);
		else if (x)
			rc = doc_close(x, c->d);
	} else if (r.format == REPORT_XLSX) {
		struct export_in e = {.list = EXPORT_REGISTER, .kind = CSV_ASSETS,
				      .lang = CSV_LANG_ZH, .xlsx = true, .filter = r.filter,
				      .path = r.path};

		rc = svc_export(c, &e);
	} else {
		rc = report_units(c, &u);
		if (!rc && r.kind == REPORT_FEEDBACK)
			rc = feedback(c, &r, &u, &h, &x, &id);
		else if (!rc && r.kind == REPORT_RECOMMENDATION)
			rc = recommendation(c, &r, &u, &h, &x, &id);
		else if (!rc && r.kind == REPORT_DUTIES)
			rc = duties(c, &r, &u, &h, &x);
		else if (!rc && r.kind == REPORT_LEDGER)
			rc = ledger(c, &r, &u, &h, &x);
		else if (!rc)
			rc = report_annual(c, &r, &u, &h, &x);
		if (rc)
			doc_abandon(x);
		else
			rc = doc_close(x, c->d);
	}
	if (rc) {
		unlink(r.path);
		return rc;
	}
	if (stat(r.path, &st) != 0)
		return cd_diag_set(c->d, CD_EIO, "%s: %s", r.path, strerror(errno));
	if (r.kind == REPORT_ASSESSMENT && id)
		snprintf(obj, sizeof obj, "assessment:%lld", (long long)id);
	else if (r.kind == REPORT_FEEDBACK || r.kind == REPORT_RECOMMENDATION)
		snprintf(obj, sizeof obj, "%s:%lld", r.kind == REPORT_FEEDBACK ? "notice" : "incident",
			 (long long)id);
	else
		snprintf(obj, sizeof obj, "report:%s", report_doc_code(r.kind));
	after = json_pack("{s:s, s:s, s:I}", "kind", report_doc_code(r.kind), "format",
			  report_format_ext(r.format), "bytes", (json_int_t)st.st_size);
	if (after && (r.kind == REPORT_ANNUAL || r.kind == REPORT_ASSESSMENT))
		json_object_set_new(after, "year", json_integer(r.year));
	if (after && r.kind == REPORT_ASSESSMENT && r.unit)
		json_object_set_new(after, "unit", json_string(r.unit));
	if (after && r.docno)
		json_object_set_new(after, "docno", json_string(r.docno));
	snprintf(action, sizeof action, "report.%s", report_doc_code(r.kind));
	if ((rc = act_begin(c))) {
		json_decref(after);
	} else {
		rc = act_end(c, CD_OK, action, obj, NULL, after);
	}
	if (rc)
		unlink(r.path); /* no document leaves without its audit entry */
	return rc;
}
