/* report_annual.c — the annual work report (年度网络安全工作情况报告) the organisation sends its
 * superior leading group (central 第六条): the systems of the scope, the year's notices and their
 * rectification, incidents and accountability, meetings, drills and training, the budgets, and
 * today's responsibility gaps — each read a page at a time and counted as it streams past (the
 * systems: 100,000 rows in pages of 500, never held at once); tables and two charts. */
#include "svc/report_int.h"

#include <stdio.h>
#include <string.h>

#include "core/check.h"
#include "core/incident.h"
#include "core/notice.h"
#include "svc/assess.h"
#include "svc/work.h"

#define PAGE 500

struct year_counts {
	/* systems */
	size_t assets, live, cii, kind[ASSET__MAX], kind_live[ASSET__MAX];
	size_t level[6], filed[6], assessed[6];
	/* notices received in the year */
	size_t notices, state[DUE__MAX], repeats;
	size_t m_recv[12], m_on_time[12], m_late[12], m_open[12];
	/* incidents detected in the year */
	size_t incidents, grade[GRADE__MAX], report_required, report_on_time, report_late;
	size_t fired, decided;
	/* records of the year */
	size_t records[RECORD__MAX];
	/* the year's assessment (检查考核, svc/assess.c): units with a sheet, of them approved */
	size_t assess_units, assess_approved;
	/* projects of the year */
	size_t projects;
	long long total, security;
	/* today's gaps */
	size_t gaps[CHECK__MAX], ngaps;
};

static bool in_year(cd_date d, int year)
{
	int y, m, dd;

	if (d == CD_DATE_NONE)
		return false;
	date_to_ymd(d, &y, &m, &dd);
	return y == year;
}

static int month_of(cd_date d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return m;
}

/* with_page runs the reads of one page in an arena of its own, so a year of pages is never held */
static enum cd_err page_arena(struct act *c, struct arena **keep)
{
	*keep = c->a;
	if (!(c->a = arena_new(0))) {
		c->a = *keep;
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	return CD_OK;
}

static void page_done(struct act *c, struct arena *keep)
{
	arena_free(c->a);
	c->a = keep;
}

static enum cd_err count_assets(struct act *c, int year, struct year_counts *k)
{
	struct asset_query aq = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				 .scope = c->scope, .sort = ASORT_ID, .after_key = "",
				 .limit = PAGE};
	size_t n = PAGE;
	enum cd_err rc = CD_OK;

	while (!rc && n == PAGE) {
		struct arena *a = arena_new(0);
		struct asset_row *rows = NULL;

		if (!a)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = store_asset_page(c->s, &aq, a, &rows, &n, c->d);
		for (size_t i = 0; !rc && i < n; i++) {
			const struct asset *s = &rows[i].a;
			int lv = s->mlps_level >= 0 && s->mlps_level <= 5 ? s->mlps_level : 0;

			k->assets++;
			k->kind[s->kind]++;
			if (s->status == STATUS_LIVE) {
				k->live++;
				k->kind_live[s->kind]++;
			}
			k->cii += s->cii;
			k->level[lv]++;
			k->filed[lv] += s->filed_on != CD_DATE_NONE || (s->filing_no && *s->filing_no);
			k->assessed[lv] += in_year(s->assessed_on, year);
		}
		if (!rc && n) {
			aq.after = true;
			aq.after_id = rows[n - 1].a.id;
		}
		arena_free(a);
	}
	return rc;
}

static enum cd_err count_notices(struct act *c, int year, cd_time at, struct year_counts *k)
{
	struct work_query q = {.limit = PAGE};
	enum cd_err rc = CD_OK;

	for (;;) {
		struct notice_view *v = NULL;
		struct arena *keep;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = page_arena(c, &keep)))
			return rc;
		rc = svc_notice_page(c, q, -1, at, &v, &n, &next);
		for (size_t i = 0; !rc && i < n; i++) {
			cd_date got = time_cst_date(v[i].row.n.received_at);
			enum due_state st = notice_state(&v[i].row.n, &v[i].due, at);
			int m = month_of(got) - 1;

			if (!in_year(got, year))
				continue;
			k->notices++;
			k->state[st]++;
			k->repeats += v[i].repeat_code != NULL;
			k->m_recv[m]++;
			if (st == DUE_DONE_ON_TIME)
				k->m_on_time[m]++;
			else if (st == DUE_DONE_LATE)
				k->m_late[m]++;
			else
				k->m_open[m]++;
		}
		page_done(c, keep);
		if (rc || !next)
			return rc;
		q.after = next;
	}
}

static enum cd_err count_incidents(struct act *c, int year, cd_time at, struct year_counts *k)
{
	struct work_query q = {.limit = PAGE};
	enum cd_err rc = CD_OK;

	for (;;) {
		struct incident_view *v = NULL;
		struct incident_env env;
		struct arena *keep;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = page_arena(c, &keep)))
			return rc;
		rc = svc_incident_page(c, q, at, &v, &n, &next, &env);
		for (size_t i = 0; !rc && i < n; i++) {
			const struct incident_analysis *an = &v[i].an;

			if (!in_year(time_cst_date(v[i].x.detected_at), year))
				continue;
			k->incidents++;
			k->grade[an->grade]++;
			if (an->report_required) {
				k->report_required++;
				k->report_on_time += an->report_state == DUE_DONE_ON_TIME;
				k->report_late += an->report_state == DUE_DONE_LATE ||
						  an->report_state == DUE_OVERDUE;
			}
			k->fired += an->nfired > 0;
			k->decided += v[i].x.ndecisions > 0;
		}
		page_done(c, keep);
		if (rc || !next)
			return rc;
		q.after = next;
	}
}

static enum cd_err count_records(struct act *c, int year, struct year_counts *k)
{
	struct work_query q = {.kind = -1, .limit = PAGE};
	enum cd_err rc = CD_OK;

	for (;;) {
		struct record_row *r = NULL;
		struct arena *keep;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = page_arena(c, &keep)))
			return rc;
		rc = svc_record_page(c, q, &r, &n, &next);
		for (size_t i = 0; !rc && i < n; i++)
			if (!r[i].r.voided && in_year(r[i].r.on, year) && r[i].r.kind < RECORD__MAX)
				k->records[r[i].r.kind]++;
		page_done(c, keep);
		if (rc || !next)
			return rc;
		q.after = next;
	}
}

/* count_assessment counts the units of the scope the year's assessment holds a sheet of, and
 * those approved (审定): the assessment is the office's own 检查考核 of the year (central 第十条,
 * IMNU 第十六条), which records of kind assessment need not repeat */
static enum cd_err count_assessment(struct act *c, int year, struct year_counts *k)
{
	struct assess_rank *r = NULL;
	struct arena *keep;
	size_t n = 0;
	enum cd_err rc;

	if ((rc = page_arena(c, &keep)))
		return rc;
	rc = svc_assess_ranking(c, year, &r, &n);
	for (size_t i = 0; !rc && i < n; i++) {
		k->assess_units++;
		k->assess_approved += r[i].r.r.stage == AST_APPROVED;
	}
	page_done(c, keep);
	return rc;
}

static enum cd_err count_projects(struct act *c, int year, struct year_counts *k)
{
	struct rec_query q = {.scope = c->scope, .limit = PAGE};
	enum cd_err rc = CD_OK;

	for (;;) {
		struct rec_row *rows = NULL;
		struct arena *keep;
		size_t n = 0;

		if ((rc = page_arena(c, &keep)))
			return rc;
		rc = store_rec_page(c->s, SR_PROJECT, &q, c->a, &rows, &n, c->d);
		for (size_t i = 0; !rc && i < n; i++) {
			const struct project *p = &rows[i].r.project;

			if (p->year != year)
				continue;
			k->projects++;
			k->total += p->total;
			k->security += p->security;
		}
		if (!rc && n)
			q.after = rows[n - 1].r.project.id;
		page_done(c, keep);
		if (rc || n < PAGE)
			return rc;
	}
}

static double pct(size_t a, size_t b)
{
	return b ? 100.0 * (double)a / (double)b : 0;
}

static const char *num(size_t v, char *buf, size_t n)
{
	snprintf(buf, n, "%zu", v);
	return buf;
}

static void write_report(struct act *c, struct doc *x, const struct report_units *u, int year,
			 cd_date upto, const struct year_counts *k)
{
	char a[64], b[32], d1[24], d2[24], d3[24], d4[24];
	size_t done = k->state[DUE_DONE_ON_TIME] + k->state[DUE_DONE_LATE];
	size_t open = k->notices - done;
	int months = month_of(upto);

	doc_printf(x,
		   "根据《%s》关于每年向上级报告网络安全工作情况的要求，现将我单位%d年度网络安全"
		   "工作情况报告如下。",
		   c->pol->p->name, year);

	doc_heading(x, 1, "基本情况");
	doc_printf(x,
		   "截至%s，纳入网络安全责任制管理的单位%zu个，登记信息系统和网络资产%zu个，"
		   "其中运行中%zu个，关键信息基础设施%zu个。",
		   doc_date_cn(upto, a, sizeof a), u->managed, k->assets, k->live, k->cii);
	doc_table_begin(x, "表1　信息系统和网络资产分类情况",
			(const struct doc_col[]){{"资产类型", 3}, {"数量", 1.5}, {"其中运行中", 1.5}},
			3, false);
	for (int i = 0; i < ASSET__MAX; i++)
		doc_table_row(x, (const char *[]){asset_kind_label((enum asset_kind)i),
						  num(k->kind[i], d1, sizeof d1),
						  num(k->kind_live[i], d2, sizeof d2)});
	doc_table_row(x, (const char *[]){"合计", num(k->assets, d1, sizeof d1),
					  num(k->live, d2, sizeof d2)});
	doc_table_end(x);
	doc_table_begin(x, "表2　网络安全等级保护定级备案和测评情况",
			(const struct doc_col[]){{"等级", 2}, {"系统数", 1.5}, {"已备案", 1.5},
						 {"本年度已测评", 2}},
			4, false);
	for (int lv = 1; lv <= 5; lv++) {
		char name[24];

		snprintf(name, sizeof name, "第%d级", lv);
		doc_table_row(x, (const char *[]){name, num(k->level[lv], d1, sizeof d1),
						  num(k->filed[lv], d2, sizeof d2),
						  num(k->assessed[lv], d3, sizeof d3)});
	}
	doc_table_row(x, (const char *[]){"未定级", num(k->level[0], d1, sizeof d1), "—", "—"});
	doc_table_end(x);
	{
		static const char *const lv[] = {"未定级", "第1级", "第2级", "第3级", "第4级",
						 "第5级"};
		double v[6];

		for (int i = 0; i < 6; i++)
			v[i] = (double)k->level[i];
		doc_chart(x, "图1　各等级系统数量", "个", lv, v, 6);
	}

	doc_heading(x, 1, "责任制落实情况");
	if (!k->ngaps) {
		doc_para(x, "各单位均已明确第一责任人、直接责任人和网络安全员，所有系统均有负责单位，"
			    "未发现责任缺口。");
	} else {
		doc_printf(x, "经系统检查，截至%s尚有责任缺口%zu处，分类见表3，已督促有关单位落实。",
			   doc_date_cn(time_cst_date(c->now), a, sizeof a), k->ngaps);
		doc_table_begin(x, "表3　责任缺口",
				(const struct doc_col[]){{"缺口类型", 3}, {"数量", 1}}, 2, false);
		for (int i = 0; i < CHECK__MAX; i++)
			if (k->gaps[i])
				doc_table_row(x, (const char *[]){check_rule_label((enum check_rule)i),
								  num(k->gaps[i], d1, sizeof d1)});
		doc_table_end(x);
	}

	doc_heading(x, 1, "通报整改情况");
	doc_printf(x,
		   "全年接收网络安全通报%zu份，已完成整改并反馈%zu份，其中按时反馈%zu份、逾期反馈"
		   "%zu份；尚未反馈%zu份，其中已逾期%zu份。按时反馈率%.1f%%。同一系统重复被通报%zu份。",
		   k->notices, done, k->state[DUE_DONE_ON_TIME], k->state[DUE_DONE_LATE], open,
		   k->state[DUE_OVERDUE], pct(k->state[DUE_DONE_ON_TIME], k->notices), k->repeats);
	{
		static const char *const mn[12] = {"1月", "2月", "3月", "4月", "5月", "6月",
						   "7月", "8月", "9月", "10月", "11月", "12月"};
		double v[12];

		for (int i = 0; i < 12; i++)
			v[i] = (double)k->m_recv[i];
		doc_chart(x, "图2　各月接收通报数量", "份", mn, v, (size_t)months);
		doc_table_begin(x, "表4　各月通报整改情况",
				(const struct doc_col[]){{"月份", 1.5}, {"接收", 1}, {"按时反馈", 1},
							 {"逾期反馈", 1}, {"未完成", 1}},
				5, false);
		for (int i = 0; i < months; i++)
			doc_table_row(x, (const char *[]){mn[i], num(k->m_recv[i], d1, sizeof d1),
							  num(k->m_on_time[i], d2, sizeof d2),
							  num(k->m_late[i], d3, sizeof d3),
							  num(k->m_open[i], d4, sizeof d4)});
		doc_table_end(x);
	}

	doc_heading(x, 1, "网络安全事件处置情况");
	doc_printf(x,
		   "全年发生网络安全事件%zu起，其中特别重大%zu起、重大%zu起、较大%zu起、一般%zu起。"
		   "按规定需要报告的%zu起，按时报告%zu起，未按时报告%zu起。",
		   k->incidents, k->grade[GRADE_ESPECIALLY_MAJOR], k->grade[GRADE_MAJOR],
		   k->grade[GRADE_LARGER], k->grade[GRADE_GENERAL], k->report_required,
		   k->report_on_time, k->report_late);
	doc_printf(x, "经对照责任追究情形认定，有%zu起事件的责任追究情形成立，已作出处理决定%zu起。",
		   k->fired, k->decided);

	doc_heading(x, 1, "日常工作开展情况");
	doc_printf(x,
		   "全年召开网络安全专题会议%zu次，开展应急演练%zu次，组织网络安全培训%zu次，"
		   "形成工作报告%zu份、工作计划%zu份，开展检查考核%zu次。",
		   k->records[RECORD_MEETING], k->records[RECORD_DRILL], k->records[RECORD_TRAINING],
		   k->records[RECORD_REPORT], k->records[RECORD_PLAN], k->records[RECORD_ASSESSMENT]);
	if (k->assess_units)
		doc_printf(x, "对%zu个单位开展%d年度网络安全工作责任制考核，其中已审定%zu个。",
			   k->assess_units, year, k->assess_approved);

	doc_heading(x, 1, "经费保障情况");
	if (!k->projects)
		doc_printf(x, "%d年度未登记信息化项目。", year);
	else
		doc_printf(x,
			   "%d年度信息化项目%zu个，总预算%.2f万元，其中网络安全预算%.2f万元，占%.1f%%。",
			   year, k->projects, (double)k->total / 10000.0,
			   (double)k->security / 10000.0,
			   k->total ? 100.0 * (double)k->security / (double)k->total : 0.0);

	doc_heading(x, 1, "存在的问题和下一步工作");
	{
		int issues = 0;

		if (k->state[DUE_OVERDUE]) {
			issues++;
			doc_heading(x, 2, "通报整改仍有逾期");
			doc_printf(x, "尚有%zu份通报逾期未反馈，将督促责任单位限期完成整改。",
				   k->state[DUE_OVERDUE]);
		}
		if (k->ngaps) {
			issues++;
			doc_heading(x, 2, "责任落实仍有缺口");
			doc_printf(x, "尚有责任缺口%zu处，将逐一明确责任人和负责单位。", k->ngaps);
		}
		if (k->report_late) {
			issues++;
			doc_heading(x, 2, "事件报告不够及时");
			doc_printf(x, "有%zu起事件未按时报告，将加强值班值守和报告时限管理。",
				   k->report_late);
		}
		if (!issues)
			doc_para(x, "全年未发现突出问题。");
	}
	doc_para(x, "下一步，我单位将继续落实网络安全工作责任制，加强通报整改闭环管理和举一反三排查，"
		    "做好等级保护定级备案和测评，提升应急处置能力。");
	doc_printf(x, "特此报告。");
	doc_sign(x, u->top, time_cst_date(c->now));
	(void)b;
}

enum cd_err report_annual(struct act *c, const struct report_in *in,
			  const struct report_units *u, const struct doc_head *base,
			  struct doc **xp)
{
	struct year_counts k = {0};
	struct doc_head h = *base;
	struct gap_row *g = NULL;
	size_t ng = 0;
	int64_t next = 0;
	cd_date end = date_from_ymd(in->year, 12, 31), today = report_day(c);
	cd_date upto = end < today ? end : today;
	cd_time at = end < today ? time_cst_end(end) : c->now;
	char title[512], mark[512];
	enum cd_err rc;

	if ((rc = count_assets(c, in->year, &k)) || (rc = count_notices(c, in->year, at, &k)) ||
	    (rc = count_incidents(c, in->year, at, &k)) || (rc = count_records(c, in->year, &k)) ||
	    (rc = count_projects(c, in->year, &k)) || (rc = count_assessment(c, in->year, &k)))
		return rc;
	/* today's gaps, kept derived (rebuilt first when stale) */
	if ((rc = svc_gap_page(c, -1, 0, 1, &g, &ng, &next)) ||
	    (rc = store_gap_counts(c->s, c->scope, k.gaps, c->d)))
		return rc;
	for (int i = 0; i < CHECK__MAX; i++)
		k.ngaps += k.gaps[i];
	snprintf(title, sizeof title, "%s关于%d年度网络安全工作情况的报告", u->top, in->year);
	snprintf(mark, sizeof mark, "%s文件", u->top);
	h.title = title;
	h.mark = mark;
	h.addressee = in->to ? in->to : "上级网络安全和信息化委员会";
	/* a report to the superior leading group is a 上行文: 签发人 on the number's line */
	h.signer = in->signer;
	if (!h.signer && (rc = report_signer(c, u, &h.signer)))
		return rc;
	h.subject = "年度网络安全工作情况报告";
	h.author = u->top;
	if ((rc = doc_open(xp, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &h,
			   c->d)))
		return rc;
	write_report(c, *xp, u, in->year, upto, &k);
	return CD_OK;
}
