/* report_assess.c — the assessment results (检查考核结果) as a document and a workbook: one unit's
 * sheet of a year (its indicators with V, P, score, the value and the evidence, the total and
 * grade, each step of 自评 → 复评 → 审定 with its comment, the evidence files), or the year's
 * results of the scope — how many units in each grade, the ranking with the year before, and
 * each unit's sheet — for the cadre department (干部主管部门). Read through svc_assess_sheet and
 * svc_assess_ranking in the caller's scope; each unit's sheet in an arena of its own, so a year
 * of many units is never held at once. docs/documents.md. */
#include "svc/report_int.h"

#include <stdio.h>
#include <string.h>

#include "io/csv_export.h"
#include "svc/assess.h"

static const char *pts(int64_t v, char *buf, size_t n)
{
	return assess_fmt(v, buf, n);
}

/* the value an indicator was scored on, in the document's words */
static const char *value_text(const struct assess_line *l, char *buf, size_t n)
{
	char a[32];

	if (l->exempt_reason)
		snprintf(buf, n, "免责：%s", l->exempt_reason);
	else if (l->v.kind == AV_LEVEL)
		snprintf(buf, n, "评定%s", pts(l->v.n, a, sizeof a));
	else if (l->v.kind == AV_SHARE)
		snprintf(buf, n, "%lld/%lld", (long long)l->v.n, (long long)l->v.d);
	else if (l->v.kind == AV_COUNT)
		snprintf(buf, n, "%lld", (long long)l->v.n);
	else
		snprintf(buf, n, "未填报");
	return buf;
}

static const char *step_label(const char *kind)
{
	static const char *const k[][2] = {{"open", "开启"},	  {"submit", "自评提交"},
					   {"review", "复评"},	  {"approve", "审定"},
					   {"return", "退回单位"}, {"send_back", "退回复评"},
					   {"revise", "修订"}};

	for (size_t i = 0; kind && i < sizeof k / sizeof *k; i++)
		if (!strcmp(kind, k[i][0]))
			return k[i][1];
	return kind ? kind : "—";
}

static const char *when(cd_time t, char *buf, size_t n)
{
	return t == CD_TIME_NONE ? "—" : doc_date_cn(time_cst_date(t), buf, n);
}

/* the sentence of a sheet's result: its total, grade, bonus, veto and stage — and, when the
 * data have moved since the last step (a sheet not yet approved is scored afresh at every
 * read), the score that step recorded, which the ranking uses */
static void result_para(struct doc *x, const struct assess_sheet *s, const char *who)
{
	char t[32], b[160], base[32], was[96], last[32];
	const struct assess_total *r = &s->total;

	if (r->bonus)
		snprintf(b, sizeof b, "（基础得分%s分，加分%s分%s）", pts(r->base, base, sizeof base),
			 pts(r->bonus, t, sizeof t), r->bonus_counted ? "" : "，基础得分未达标不计入");
	else
		b[0] = 0;
	if (!s->frozen && s->rec.scored && s->rec.total != r->total)
		snprintf(was, sizeof was, "（最近一个环节记录的得分为%s分）",
			 pts(s->rec.total, last, sizeof last));
	else
		was[0] = 0;
	doc_printf(x, "%s%d年度考核得分%s分%s%s，考核等级为%s%s。目前处于%s阶段（第%d版）%s。", who,
		   s->rec.year, pts(r->total, t, sizeof t), b, was,
		   s->grade ? s->grade->label : "—", r->vetoed ? "（一票否决）" : "",
		   assess_stage_label(s->rec.stage), s->rec.version,
		   r->missing ? "，尚有指标未填报" : "");
}

/* P shows for the rules that have one (level, coverage); the others score by count */
static bool has_p(const struct assess_line *l)
{
	return !l->it.missing && (l->ind->rule == ASR_LEVEL || l->ind->rule == ASR_COVERAGE);
}

/* the unit's indicators, each step of its cycle with its comment, its files; *table counts the
 * tables of the document */
static void sheet_body(struct doc *x, const struct assess_sheet *s, const char *who, int *table)
{
	const struct assess_template *t = s->t;
	char cap[256], v[32], p[32], sc[32], val[512], at[64], tot[32];

	result_para(x, s, who);
	snprintf(cap, sizeof cap, "表%d　%s考核指标得分", ++*table, who);
	doc_table_begin(x, cap,
			/* widths: "一票否决项", "否决项" (V) and "未触发" (五号) on one line */
			(const struct doc_col[]){{"类别", 2.4},
						 {"指标", 3.5},
						 {"权重V", 1.7},
						 {"系数P", 1.3},
						 {"得分", 1.5},
						 {"取值", 1.9},
						 {"证明材料", 3.1}},
			7, true);
	for (size_t i = 0; i < t->nind; i++) {
		const struct assess_line *l = &s->lines[i];
		const struct assess_indicator *in = l->ind;
		bool scored = in->rule != ASR_VETO;

		doc_table_row(x, (const char *[]){
					 t->groups[in->group].name, in->name,
					 scored ? pts(in->weight, v, sizeof v) : "否决项",
					 has_p(l) ? pts(l->it.p, p, sizeof p) : "—",
					 in->rule == ASR_VETO ? (l->it.vetoed ? "否决" : "未触发")
							      : pts(l->it.score, sc, sizeof sc),
					 value_text(l, val, sizeof val), in->evidence});
	}
	snprintf(tot, sizeof tot, "%s", pts(s->total.total, sc, sizeof sc));
	doc_table_row(x, (const char *[]){"合计", NULL, pts(t->full, v, sizeof v), NULL, tot,
					  s->grade ? s->grade->label : "—", NULL});
	doc_table_end(x);
	snprintf(cap, sizeof cap, "表%d　%s考核过程", ++*table, who);
	doc_table_begin(x, cap,
			(const struct doc_col[]){{"环节", 1.6},
						 {"经办", 1.6},
						 {"日期", 2.4},
						 {"得分", 1},
						 {"意见", 4}},
			5, false);
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct assess_step_rec *e = &s->steps[i];

		doc_table_row(x, (const char *[]){step_label(e->kind), e->by ? e->by : "—",
						  when(e->at, at, sizeof at),
						  e->scored ? pts(e->total, sc, sizeof sc) : "—",
						  e->comment && *e->comment ? e->comment : "—"});
	}
	doc_table_end(x);
	if (s->nfiles) {
		size_t k = 0;

		val[0] = 0;
		for (size_t i = 0; i < s->nfiles && k < sizeof val; i++)
			k += (size_t)snprintf(val + k, sizeof val - k, "%s%s", i ? "、" : "",
					      s->files[i].name);
		doc_printf(x, "所附证明材料：%s。", val);
	}
	for (size_t i = 0; i < t->nind; i++)
		if (s->lines[i].note && *s->lines[i].note)
			doc_printf(x, "%s：%s", s->lines[i].ind->name, s->lines[i].note);
}

/* the unit's sheet (the latest version) of the year, or CD_ENOTFOUND naming "unit" */
static enum cd_err unit_sheet(struct act *c, const char *code, int year, struct assess_sheet *s)
{
	struct assess_rec r;
	int64_t uid = 0;
	enum cd_err rc;

	if ((rc = act_ref(c, SK_UNIT, code, "unit", &uid)))
		return rc;
	rc = store_assess_latest(c->s, uid, year, c->a, &r, c->d);
	if (rc == CD_ENOTFOUND)
		return act_fail(c, CD_ENOTFOUND, "unit", "unit: %s has no assessment of %d", code,
				year);
	return rc ? rc : svc_assess_sheet(c, r.id, s);
}

/* one unit's results */
static enum cd_err one(struct act *c, const struct report_in *in, const struct report_units *u,
		       const struct doc_head *base, struct doc **xp, int64_t *id)
{
	struct assess_sheet s;
	struct doc_head h = *base;
	char title[512];
	int table = 0;
	enum cd_err rc;

	if ((rc = unit_sheet(c, in->unit, in->year, &s)))
		return rc;
	*id = s.rec.id;
	snprintf(title, sizeof title, "%s%d年度网络安全工作责任制考核结果", s.rec.unit_name,
		 in->year);
	h.title = title;
	h.mark = NULL;
	h.addressee = in->to;
	h.subject = "考核结果";
	h.author = u->office;
	if ((rc = doc_open(xp, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &h,
			   c->d)))
		return rc;
	doc_printf(*xp, "根据《%s》，对%s%d年度网络安全工作责任制落实情况进行考核，结果如下。",
		   s.t->title, s.rec.unit_name, in->year);
	doc_heading(*xp, 1, "考核得分和等级");
	sheet_body(*xp, &s, s.rec.unit_name, &table);
	doc_sign(*xp, u->office, report_day(c));
	return CD_OK;
}

/* the year's results: the grades, the ranking with the year before, each unit's sheet */
static enum cd_err all(struct act *c, const struct report_in *in, const struct report_units *u,
		       const struct doc_head *base, struct doc **xp)
{
	struct assess_rank *r = NULL;
	struct assess_tpl *tpl = NULL;
	struct doc_head h = *base;
	struct doc *x;
	size_t n = 0, stages[AST__MAX] = {0}, vetoed = 0, unscored = 0;
	size_t grades[DOC_BARS_MAX] = {0};
	const char *labels[DOC_BARS_MAX];
	double values[DOC_BARS_MAX];
	size_t ng;
	char title[512], a[32], b[32], cc[32], no[16];
	int table = 0;
	enum cd_err rc;

	if ((rc = svc_assess_template(c, &tpl)) || (rc = svc_assess_ranking(c, in->year, &r, &n)))
		return rc;
	ng = tpl->t.ngrades < DOC_BARS_MAX ? tpl->t.ngrades : DOC_BARS_MAX;
	for (size_t i = 0; i < n; i++) {
		const struct assess_rec *s = &r[i].r.r;

		stages[s->stage]++;
		vetoed += s->vetoed;
		unscored += !s->scored;
		for (size_t g = 0; s->scored && s->grade && g < ng; g++)
			grades[g] += !strcmp(tpl->t.grades[g].code, s->grade);
	}
	snprintf(title, sizeof title, "关于%d年度网络安全工作责任制考核结果的报告", in->year);
	h.title = title;
	h.mark = u->office;
	h.addressee = in->to ? in->to : "干部主管部门";
	h.subject = "考核结果";
	h.author = u->office;
	if ((rc = doc_open(&x, in->format == REPORT_DOCX ? DOC_DOCX : DOC_PDF, in->path, &h,
			   c->d)))
		return rc;
	*xp = x;
	doc_printf(x,
		   "根据《%s》关于年度检查考核的要求，按照单位自评、办公室复评、领导小组审定的程序，"
		   "对%zu个单位%d年度网络安全工作责任制落实情况进行了考核。现将考核结果报告如下，"
		   "请作为对各单位领导班子和领导干部考核评价的参考。",
		   c->pol->p->name, n, in->year);
	doc_heading(x, 1, "考核总体情况");
	doc_printf(x, "参加考核的单位%zu个，其中已审定%zu个、待审定%zu个、待复评%zu个、自评中%zu个。",
		   n, stages[AST_APPROVED], stages[AST_REVIEWED], stages[AST_SUBMITTED],
		   stages[AST_DRAFT]);
	if (n) {
		char line[DOC_PARA_MAX];
		size_t k = 0;

		for (size_t g = 0; g < ng && k < sizeof line; g++)
			k += (size_t)snprintf(line + k, sizeof line - k, "%s%s%zu个", g ? "、" : "",
					      tpl->t.grades[g].label, grades[g]);
		doc_printf(x, "已评分的单位中，%s；其中一票否决%zu个。", line, vetoed);
		if (unscored)
			doc_printf(x, "尚未提交自评、暂无得分的单位%zu个。", unscored);
		for (size_t g = 0; g < ng; g++) {
			labels[g] = tpl->t.grades[g].label;
			values[g] = (double)grades[g];
		}
		doc_chart(x, "图1　各考核等级单位数量", "个", labels, values, ng);
	}
	doc_heading(x, 1, "考核排名");
	doc_para(x, "各单位按最近一个考核环节的得分排名，得分相同的名次并列；一票否决的单位列于其后"
		    "不排名次，尚无得分的单位列于最后。");
	snprintf(title, sizeof title, "表%d　%d年度考核排名", ++table, in->year);
	doc_table_begin(x, title,
			(const struct doc_col[]){{"名次", 1},
						 {"单位", 3.4},
						 {"得分", 1.2},
						 {"等级", 1.2},
						 {"上年得分", 1.4},
						 {"增减", 1.2},
						 {"阶段", 1.4}},
			7, false);
	for (size_t i = 0; i < n; i++) {
		const struct assess_rank_rec *k = &r[i].r;
		bool prev = k->has_prev && k->prev_scored;
		char grade[64];

		snprintf(no, sizeof no, "%d", r[i].rank);
		snprintf(grade, sizeof grade, "%s%s", r[i].grade_label ? r[i].grade_label : "—",
			 k->r.vetoed ? "（否决）" : "");
		if (k->r.scored && prev && k->r.total > k->prev_total)
			snprintf(cc, sizeof cc, "+%s", pts(k->r.total - k->prev_total, b, sizeof b));
		else if (k->r.scored && prev)
			pts(k->r.total - k->prev_total, cc, sizeof cc);
		else
			snprintf(cc, sizeof cc, "—");
		doc_table_row(x, (const char *[]){r[i].rank ? no : "—", k->r.unit_name,
						  k->r.scored ? pts(k->r.total, a, sizeof a) : "—",
						  k->r.scored ? grade : "—",
						  prev ? pts(k->prev_total, b, sizeof b) : "—", cc,
						  assess_stage_label(k->r.stage)});
	}
	doc_table_end(x);
	doc_heading(x, 1, "各单位考核结果");
	for (size_t i = 0; i < n && !rc; i++) {
		struct arena *keep = c->a, *pa = arena_new(0);
		struct assess_sheet s;

		if (!pa)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		c->a = pa; /* each unit's sheet in an arena of its own */
		rc = svc_assess_sheet(c, r[i].r.r.id, &s);
		if (!rc) {
			doc_heading(x, 2, s.rec.unit_name);
			sheet_body(x, &s, s.rec.unit_name, &table);
		}
		c->a = keep;
		arena_free(pa);
	}
	if (rc)
		return rc;
	doc_sign(x, u->office, report_day(c));
	return CD_OK;
}

/* the unit's indicators as a workbook sheet */
static enum cd_err unit_book(struct act *c, const struct report_in *in, int64_t *id)
{
	static const struct csv_sheet_col cols[] = {
		{"类别", "group"},	     {"指标代码", "indicator"}, {"指标", "name"},
		{"权重", "weight"},	     {"系数", "p"},		{"得分", "score"},
		{"取值", "value"},	     {"自动计算", "computed"},	{"证明材料", "evidence"},
		{"依据", "basis"},	     {"说明", "note"},
	};
	struct assess_sheet s;
	struct csv_out o = {0};
	char sheet[64], val[512];
	enum cd_err rc;

	if ((rc = unit_sheet(c, in->unit, in->year, &s)))
		return rc;
	*id = s.rec.id;
	snprintf(sheet, sizeof sheet, "%d年度考核结果", in->year);
	if ((rc = csv_out_begin_sheet(&o, NULL, in->path, sheet, "results", cols,
				      sizeof cols / sizeof *cols, CSV_LANG_ZH, c->d)))
		return rc;
	for (size_t i = 0; i < s.t->nind; i++) {
		const struct assess_line *l = &s.lines[i];
		const struct assess_indicator *k = l->ind;

		csv_out_text(&o, s.t->groups[k->group].name);
		csv_out_text(&o, k->code);
		csv_out_text(&o, k->name);
		csv_out_hundredths(&o, k->weight);
		if (has_p(l))
			csv_out_hundredths(&o, l->it.p);
		else
			csv_out_text(&o, NULL);
		if (k->rule == ASR_VETO)
			csv_out_text(&o, l->it.vetoed ? "否决" : "未触发");
		else
			csv_out_hundredths(&o, l->it.score);
		csv_out_text(&o, value_text(l, val, sizeof val));
		csv_out_text(&o, l->computed ? "是" : "否");
		csv_out_text(&o, k->evidence);
		csv_out_text(&o, k->basis);
		csv_out_text(&o, l->note);
		csv_out_row_end(&o);
	}
	snprintf(val, sizeof val, "考核等级：%s", s.grade ? s.grade->label : "—");
	csv_out_text(&o, "合计");
	csv_out_text(&o, NULL);
	csv_out_text(&o, val);
	csv_out_hundredths(&o, s.t->full);
	csv_out_text(&o, NULL);
	csv_out_hundredths(&o, s.total.total);
	csv_out_text(&o, s.total.vetoed ? "一票否决" : NULL);
	csv_out_row_end(&o);
	return csv_out_end(&o, c->d);
}

enum cd_err report_assess(struct act *c, const struct report_in *in,
			  const struct report_units *u, const struct doc_head *base,
			  struct doc **xp, int64_t *id)
{
	*id = 0;
	if (in->format == REPORT_XLSX)
		return in->unit ? unit_book(c, in, id)
				: svc_assess_results(c, in->year, NULL, in->path, 0);
	return in->unit ? one(c, in, u, base, xp, id) : all(c, in, u, base, xp);
}
