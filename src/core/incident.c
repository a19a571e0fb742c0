/* incident.c — the incident record, its grade, deadlines, derived facts, trigger verdicts and
 * chain of responsibility (see incident.h). */
#include "incident.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dynbuf.h"
#include "lang.h"
#include "names.h"

/* --- names ---------------------------------------------------------------------------------- */

static const struct name grade_names[] = {
	{"general", "一般", NULL},
	{"larger", "较大", NULL},
	{"major", "重大", NULL},
	{"especially_major", "特别重大", NULL},
};
static const struct name reporter_names[] = {
	{"cii", "关键信息基础设施运营者", NULL},
	{"central_organ", "中央和国家机关及其直属单位", NULL},
	{"other", "其他网络运营者", NULL},
};
static const struct name report_kind_names[] = {
	{"initial", "初报", NULL},
	{"supplementary", "续报", NULL},
	{"summary", "总结报告", NULL},
	{"internal", "内部报告", "报告学校"},
};
static const struct name scope_names[] = {
	{"total", "整体中断", NULL},
	{"main_functions", "主要功能中断", NULL},
};
static const struct name measure_names[] = {
	{"outage_hours", "中断时长（小时）", NULL},
	{"personal_info_people", "个人信息泄露人数", NULL},
	{"direct_loss_yuan", "直接经济损失（元）", NULL},
	{"tamper_homepage_hours", "篡改内容首页展示时长（小时）", NULL},
	{"tamper_other_hours", "篡改内容其他页面展示时长（小时）", NULL},
	{"reposts", "转发量", NULL},
	{"views", "浏览量", NULL},
	{"core_data_leak", "核心或重要数据泄露且威胁特别严重（1 = 是）", NULL},
};
static const struct name resp_names[] = {
	{"party_involved", "当事人", NULL},
	{"direct", "直接责任", NULL},
	{"leadership", "领导责任", NULL},
	{"main_leadership", "主要领导责任", NULL},
	{"important_leadership", "重要领导责任", NULL},
	{"coordination", "协调监管责任", NULL},
};
static const struct name event_names[] = {
	{"set", "记录", NULL},
	{"fact", "事实", NULL},
	{"measure", "定级数据", NULL},
	{"person", "当事人", NULL},
	{"participant", "参与决策的领导班子成员", NULL},
	{"report", "报告", NULL},
	{"step", "处置", NULL},
	{"grade", "定级", NULL},
	{"close", "处置结束", NULL},
	{"propose", "问责提议", NULL},
	{"recommend", "问责建议", NULL},
	{"decide", "问责决定", NULL},
};
static const char *const reporter_basis_codes[REPORTER_BASIS__MAX] = {
	"asset_cii", "incident", "organisation", "default"};

const char *reporter_basis_code(enum reporter_basis b)
{
	return (int)b >= 0 && b < REPORTER_BASIS__MAX ? reporter_basis_codes[b] : "?";
}

static const struct name origin_names[] = {
	{"unknown", "未知", NULL},
	{"recorded", "人工记录", NULL},
	{"derived", "由数据得出", NULL},
};

NAMES(grade, enum grade, grade_names, GRADE__MAX)
NAMES(reporter, enum reporter, reporter_names, REPORTER__MAX)
NAMES(report_kind, enum report_kind, report_kind_names, REPORT__MAX)
NAMES(measure, enum measure, measure_names, MEASURE__MAX)
NAMES(responsibility, enum responsibility, resp_names, RESP__MAX)
NAMES(incident_event, enum incident_event_kind, event_names, IEV__MAX)

static const char *measure_word(int i)
{
	return measure_names[i].code;
}

const char *measure_suggest(const char *s)
{
	return s ? names_nearest(s, strlen(s), measure_word, MEASURE__MAX) : NULL;
}

const char *outage_scope_code(enum outage_scope s)
{
	return (int)s >= 0 && s < OUTAGE__MAX ? scope_names[s].code : "?";
}

const char *outage_scope_label(enum outage_scope s)
{
	return (int)s >= 0 && s < OUTAGE__MAX ? scope_names[s].label : "?";
}

int outage_scope_parse(const char *s)
{
	return names_parse(scope_names, OUTAGE__MAX, s);
}

const char *fact_origin_code(enum fact_origin o)
{
	return (int)o >= 0 && o < ORIGIN__MAX ? origin_names[o].code : "?";
}

const char *fact_origin_label(enum fact_origin o)
{
	return (int)o >= 0 && o < ORIGIN__MAX ? origin_names[o].label : "?";
}

const struct incident_class *incident_class_find(const struct incident_classes *c, const char *s)
{
	for (size_t i = 0; c && s && i < c->n; i++)
		if (!strcmp(c->v[i].code, s) || !strcmp(c->v[i].name, s))
			return &c->v[i];
	return NULL;
}

/* --- the record ------------------------------------------------------------------------------ */

void incident_init(struct incident *x)
{
	memset(x, 0, sizeof *x);
	x->detected_at = x->occurred_at = CD_TIME_NONE;
	x->outage_start = x->outage_end = x->handling_ended_at = CD_TIME_NONE;
	x->reporter = REPORTER_OTHER;
	facts_init(&x->facts);
}

/* Reset what the events fold into, keeping identity and the timeline. */
static void unfold(struct incident *x)
{
	struct incident keep = *x;

	incident_init(x);
	x->id = keep.id;
	x->code = keep.code;
	x->title = keep.title;
	x->unit = keep.unit;
	x->assets = keep.assets;
	x->nassets = keep.nassets;
	x->detected_at = keep.detected_at;
	x->events = keep.events;
	x->nevents = keep.nevents;
}

static const char field_names[] =
	"occurred_at, outage_start, outage_end, outage_scope, reporter, class, subclass, "
	"coordination_failed";

const char *incident_field_names(void)
{
	return field_names;
}

static enum cd_err set_time(cd_time *dst, const char *name, const char *v, struct cd_diag *d)
{
	cd_time t;

	if (!v || !*v) {
		*dst = CD_TIME_NONE;
		return CD_OK;
	}
	if (!time_parse(v, true, &t))
		return cd_diag_set(d, CD_EINVAL,
				   "%s: \"%s\" is not a date-time such as 2026-05-12T09:30:00+08:00",
				   name, v);
	*dst = t;
	return CD_OK;
}

enum cd_err incident_set_field(struct incident *x, const char *name, const char *v,
			       struct cd_diag *d)
{
	int k;

	if (!name)
		name = "";
	if (!strcmp(name, "occurred_at"))
		return set_time(&x->occurred_at, name, v, d);
	if (!strcmp(name, "outage_start"))
		return set_time(&x->outage_start, name, v, d);
	if (!strcmp(name, "outage_end"))
		return set_time(&x->outage_end, name, v, d);
	if (!strcmp(name, "outage_scope")) {
		if ((k = outage_scope_parse(v ? v : "")) < 0)
			return cd_diag_set(d, CD_EINVAL,
					   "outage_scope: \"%s\" is not total or main_functions",
					   v ? v : "");
		x->outage_scope = (enum outage_scope)k;
		return CD_OK;
	}
	if (!strcmp(name, "reporter")) {
		if ((k = reporter_parse(v ? v : "")) < 0)
			return cd_diag_set(d, CD_EINVAL,
					   "reporter: \"%s\" is not cii, central_organ or other",
					   v ? v : "");
		x->reporter = (enum reporter)k;
		x->reporter_set = true;
		return CD_OK;
	}
	if (!strcmp(name, "class")) {
		x->class_code = v && *v ? v : NULL;
		return CD_OK;
	}
	if (!strcmp(name, "subclass")) {
		x->subclass = v && *v ? v : NULL;
		return CD_OK;
	}
	if (!strcmp(name, "coordination_failed")) {
		if (!v || (strcmp(v, "true") && strcmp(v, "false")))
			return cd_diag_set(d, CD_EINVAL,
					   "coordination_failed: \"%s\" is not true or false",
					   v ? v : "");
		x->coordination_failed = !strcmp(v, "true");
		return CD_OK;
	}
	return cd_diag_set(d, CD_EINVAL, "no field \"%s\" (fields: %s)", name, field_names);
}

/* fact_from_text sets fact id of f from its text form; "" makes it unknown. */
static enum cd_err fact_from_text(struct facts *f, int id, const char *v, struct cd_diag *d)
{
	const char *name = fact_name((enum fact)id);
	char *end;
	double num;

	if (!v || !*v) {
		facts_unset(f, (enum fact)id);
		return CD_OK;
	}
	switch (fact_type((enum fact)id)) {
	case FACT_BOOL:
		if (strcmp(v, "true") && strcmp(v, "false"))
			return cd_diag_set(d, CD_EINVAL, "%s: \"%s\" is not true or false", name,
					   v);
		return facts_set_bool(f, (enum fact)id, !strcmp(v, "true"));
	case FACT_NUMBER:
		num = strtod(v, &end);
		if (*end || end == v || !isfinite(num) || num < 0)
			return cd_diag_set(d, CD_EINVAL, "%s: \"%s\" is not a number ≥ 0", name,
					   v);
		return facts_set_number(f, (enum fact)id, num);
	default:
		if (facts_set_string(f, (enum fact)id, v) != CD_OK)
			return cd_diag_set(d, CD_EINVAL, "%s: \"%s\" is not a value of it%s%s",
					   name, v, fact_values((enum fact)id) ? ": " : "",
					   fact_values((enum fact)id) ? fact_values((enum fact)id) : "");
		return CD_OK;
	}
}

/* has_id: p is one of v[0..n) (people, units, assets alike). */
static bool has_id(const int64_t *v, size_t n, int64_t p)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == p)
			return true;
	return false;
}

static enum cd_err add_person(int64_t *v, size_t *n, int64_t p, const char *what,
			      struct cd_diag *d)
{
	if (p <= 0)
		return cd_diag_set(d, CD_EINVAL, "%s: no person given", what);
	if (has_id(v, *n, p))
		return cd_diag_set(d, CD_EINVAL, "%s: the person is recorded already", what);
	if (*n >= INCIDENT_PEOPLE_MAX)
		return cd_diag_set(d, CD_EINVAL, "%s: more than %d people", what,
				   INCIDENT_PEOPLE_MAX);
	v[(*n)++] = p;
	return CD_OK;
}

static enum cd_err add_report(struct incident *x, const struct incident_event *e,
			      struct arena *a, struct cd_diag *d)
{
	int k = report_kind_parse(e->name ? e->name : "");

	if (k < 0)
		return cd_diag_set(d, CD_EINVAL,
				   "report: \"%s\" is not initial, supplementary or summary (or "
				   "internal: a report inside the organisation)",
				   e->name ? e->name : "");
	if (k == REPORT_SUMMARY && x->handling_ended_at == CD_TIME_NONE)
		return cd_diag_set(d, CD_EINVAL,
				   "report: a summary report comes after handling ends (close the "
				   "incident first)");
	if (k == REPORT_SUMMARY && e->at < x->handling_ended_at)
		return cd_diag_set(d, CD_EINVAL,
				   "report: the summary report is dated before handling ended");
	if (x->nreports == x->capreports) {
		size_t cap = x->capreports ? 2 * x->capreports : 4;
		struct incident_report *v = arena_alloc(a, cap * sizeof *v);

		if (!v)
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		if (x->nreports)
			memcpy(v, x->reports, x->nreports * sizeof *v);
		x->reports = v;
		x->capreports = cap;
	}
	x->reports[x->nreports++] = (struct incident_report){
		.kind = (enum report_kind)k, .at = e->at, .to = e->value};
	return CD_OK;
}

/* The checks of one event against the record; on CD_OK e is folded into x (a copy). */
static enum cd_err apply(struct incident *x, const struct incident_event *e, struct arena *a,
			 struct cd_diag *d)
{
	bool closed = x->handling_ended_at != CD_TIME_NONE;
	enum cd_err rc;
	char *end;
	int k;

	if (e->at == CD_TIME_NONE && e->kind != IEV_SET && e->kind != IEV_FACT &&
	    e->kind != IEV_MEASURE && e->kind != IEV_PERSON && e->kind != IEV_PARTICIPANT)
		return cd_diag_set(d, CD_EINVAL, "%s: no time given", incident_event_code(e->kind));
	if (e->at != CD_TIME_NONE && x->detected_at != CD_TIME_NONE && e->at < x->detected_at &&
	    e->kind != IEV_SET)
		return cd_diag_set(d, CD_EINVAL, "%s: dated before the incident was detected",
				   incident_event_code(e->kind));
	if (closed && (e->kind == IEV_STEP || e->kind == IEV_CLOSE))
		return cd_diag_set(d, CD_EINVAL, "%s: handling ended already",
				   incident_event_code(e->kind));
	switch (e->kind) {
	case IEV_SET:
		if ((rc = incident_set_field(x, e->name, e->value, d)) != CD_OK)
			return rc;
		if (x->occurred_at != CD_TIME_NONE && x->detected_at != CD_TIME_NONE &&
		    x->occurred_at > x->detected_at)
			return cd_diag_set(d, CD_EINVAL,
					   "occurred_at: after the incident was detected");
		if (x->outage_start != CD_TIME_NONE && x->outage_end != CD_TIME_NONE &&
		    x->outage_end <= x->outage_start)
			return cd_diag_set(d, CD_EINVAL, "outage_end: not after outage_start");
		if (x->outage_end != CD_TIME_NONE && x->outage_start == CD_TIME_NONE)
			return cd_diag_set(d, CD_EINVAL, "outage_end: no outage_start recorded");
		return CD_OK;
	case IEV_FACT:
		if ((k = fact_parse_label(e->name ? e->name : "")) < 0)
			return cd_diag_set(d, CD_EINVAL,
					   "no fact \"%s\" (the vocabulary: docs/conditions.md)",
					   e->name ? e->name : "");
		if ((rc = fact_from_text(&x->facts, k, fact_answer((enum fact)k, e->value), d)) !=
		    CD_OK)
			return rc;
		x->fact_note[k] = e->note;
		return CD_OK;
	case IEV_MEASURE: {
		double v;

		if ((k = measure_parse(e->name ? e->name : "")) < 0 || k == MEASURE_OUTAGE_HOURS)
			return cd_diag_set(d, CD_EINVAL,
					   "no measure \"%s\" (personal_info_people, "
					   "direct_loss_yuan, tamper_homepage_hours, "
					   "tamper_other_hours, reposts, views, core_data_leak; the "
					   "outage hours come from the outage times)",
					   e->name ? e->name : "");
		if (!e->value || !*e->value) {
			x->measure_known[k] = false;
			return CD_OK;
		}
		v = strtod(e->value, &end);
		if (*end || end == e->value || !isfinite(v) || v < 0)
			return cd_diag_set(d, CD_EINVAL, "%s: \"%s\" is not a number ≥ 0",
					   e->name, e->value);
		x->measure[k] = v;
		x->measure_known[k] = true;
		return CD_OK;
	}
	case IEV_PERSON:
		return add_person(x->involved, &x->ninvolved, e->person, "person", d);
	case IEV_PARTICIPANT:
		return add_person(x->participants, &x->nparticipants, e->person, "participant", d);
	case IEV_REPORT:
		return add_report(x, e, a, d);
	case IEV_STEP:
		return CD_OK;
	case IEV_GRADE:
		if ((k = grade_parse(e->value ? e->value : "")) < 0)
			return cd_diag_set(d, CD_EINVAL,
					   "grade: \"%s\" is not 特别重大, 重大, 较大 or 一般",
					   e->value ? e->value : "");
		if (!e->note || !*e->note)
			return cd_diag_set(d, CD_EINVAL,
					   "grade: a confirmation or an override needs a reason");
		x->graded = true;
		x->grade = (enum grade)k;
		x->grade_reason = e->note;
		x->grade_by = e->by;
		return CD_OK;
	case IEV_CLOSE:
		x->handling_ended_at = e->at;
		return CD_OK;
	case IEV_PROPOSE:
		if (!closed)
			return cd_diag_set(d, CD_EINVAL,
					   "propose: accountability is proposed after handling ends "
					   "(close the incident first)");
		x->nproposals++;
		return CD_OK;
	case IEV_RECOMMEND:
		if (!x->nproposals)
			return cd_diag_set(d, CD_EINVAL, "recommend: no proposal yet");
		x->nrecommendations++;
		return CD_OK;
	case IEV_DECIDE:
		if (!x->nrecommendations)
			return cd_diag_set(d, CD_EINVAL, "decide: no recommendation yet");
		if (e->person <= 0 || !e->value || !*e->value || !e->name || !*e->name)
			return cd_diag_set(d, CD_EINVAL,
					   "decide: a decision names the authority, the person and "
					   "the outcome");
		x->ndecisions++;
		return CD_OK;
	default:
		return cd_diag_set(d, CD_EINVAL, "unknown event");
	}
}

enum cd_err incident_apply(struct incident *x, const struct incident_event *e, struct arena *a,
			   struct cd_diag *d)
{
	struct incident tmp = *x;
	enum cd_err rc = apply(&tmp, e, a, d);

	if (rc == CD_OK)
		*x = tmp;
	return rc;
}

enum cd_err incident_fold(struct incident *x, struct arena *a, struct cd_diag *d)
{
	enum cd_err rc;

	unfold(x);
	for (size_t i = 0; i < x->nevents; i++)
		if ((rc = incident_apply(x, &x->events[i], a, d)) != CD_OK)
			return rc;
	return CD_OK;
}

/* --- grade ---------------------------------------------------------------------------------- */

static double outage_hours(const struct incident *x, cd_time at, bool *known)
{
	cd_time end;

	*known = false;
	if (x->outage_start == CD_TIME_NONE || x->outage_start > at)
		return 0; /* no outage yet as far as `at` knows */
	end = x->outage_end != CD_TIME_NONE && x->outage_end <= at ? x->outage_end : at;
	*known = true;
	return end > x->outage_start ? (double)(end - x->outage_start) / 3600.0 : 0;
}

static bool threshold_applies(const struct grade_threshold *t, const struct incident *x,
			      const struct asset *a)
{
	if (t->kinds && !(t->kinds & (1u << a->kind)))
		return false;
	if (t->cii && !a->cii)
		return false;
	if (t->nadmin_levels) {
		bool ok = false;

		for (size_t i = 0; i < t->nadmin_levels && !ok; i++)
			ok = a->admin_level && !strcmp(a->admin_level, t->admin_levels[i]);
		if (!ok)
			return false;
	}
	if (t->measure == MEASURE_OUTAGE_HOURS && t->scope >= 0 && (int)x->outage_scope != t->scope)
		return false;
	return true;
}

void grade_propose(const struct grade_rules *r, const struct incident *x, const struct asset *a,
		   cd_time at, struct grade_proposal *out)
{
	double v[MEASURE__MAX];
	bool known[MEASURE__MAX];

	memset(out, 0, sizeof *out);
	out->grade = GRADE_GENERAL;
	for (int m = 0; m < MEASURE__MAX; m++) {
		v[m] = x->measure[m];
		known[m] = x->measure_known[m];
	}
	v[MEASURE_OUTAGE_HOURS] = outage_hours(x, at, &known[MEASURE_OUTAGE_HOURS]);
	/* The highest grade a threshold holds for… */
	for (size_t i = 0; r && i < r->n; i++) {
		const struct grade_threshold *t = &r->t[i];

		if (threshold_applies(t, x, a) && known[t->measure] && v[t->measure] >= t->min &&
		    t->grade > out->grade)
			out->grade = t->grade;
	}
	/* …the thresholds that hold for it, and the unknown measures a higher one depends on. */
	for (size_t i = 0; r && i < r->n; i++) {
		const struct grade_threshold *t = &r->t[i];
		bool seen = false;

		if (!threshold_applies(t, x, a))
			continue;
		if (known[t->measure] && v[t->measure] >= t->min && t->grade == out->grade &&
		    out->nmet < GRADE_MET_MAX)
			out->met[out->nmet++] = t;
		if (known[t->measure] || t->grade <= out->grade)
			continue;
		for (size_t k = 0; k < out->nunknown; k++)
			seen |= out->unknown[k] == (int)t->measure;
		if (!seen)
			out->unknown[out->nunknown++] = (int)t->measure;
	}
	out->unconfirmed = out->nmet > 0;
	for (size_t i = 0; i < out->nmet; i++)
		if (out->met[i]->confirmed)
			out->unconfirmed = false;
}

/* --- deadlines -------------------------------------------------------------------------------- */

/* The state of something due at instant `due` and done at `done`, seen at `at`. */
static enum due_state instant_state(cd_time due, cd_time done, cd_time at)
{
	if (done != CD_TIME_NONE && done <= at)
		return done <= due ? DUE_DONE_ON_TIME : DUE_DONE_LATE;
	return at > due ? DUE_OVERDUE : DUE_OPEN;
}

enum due_state incident_instant_state(cd_time due, cd_time done, cd_time at)
{
	return instant_state(due, done, at);
}

static const char *const followup_codes[FOLLOWUP__MAX] = {
	"not_required", "no_initial", "not_needed", "open", "ask", "done"};

const char *followup_state_code(enum followup_state s)
{
	return (int)s >= 0 && s < FOLLOWUP__MAX ? followup_codes[s] : "?";
}

/* first_report: the first report of kind k made by `at` (-1: any report outside the
 * organisation — an internal one answers no outside deadline). */
static cd_time first_report(const struct incident *x, int k, cd_time at)
{
	cd_time t = CD_TIME_NONE;

	for (size_t i = 0; i < x->nreports; i++) {
		const struct incident_report *r = &x->reports[i];

		if (k >= 0 ? (int)r->kind != k : r->kind == REPORT_INTERNAL)
			continue;
		if (r->at > at)
			continue;
		if (t == CD_TIME_NONE || r->at < t)
			t = r->at;
	}
	return t;
}

static void warn(struct incident_analysis *an, const char *w);

/* Who reports (国家网络安全事件报告管理办法, 2025: a CII operator within 1 hour, central and state
 * organs within 2, others within 4): a system of the incident marked CII in the register makes
 * it a CII report; else the incident's own record; else the organisation's setting; else the
 * default other, said in a warning — never silently. */
static void reporter_of(const struct incident_env *env, const struct incident *x,
			struct incident_analysis *an)
{
	const struct asset *cii = NULL;

	for (size_t i = 0; i < x->nassets && !cii; i++) {
		const struct asset *a = reg_asset(env->reg, x->assets[i]);

		if (a && a->cii)
			cii = a;
	}
	if (cii) {
		an->reporter = REPORTER_CII;
		an->reporter_basis = REPORTER_BY_ASSET_CII;
		snprintf(an->reporter_why, sizeof an->reporter_why,
			 lang_tr("system %s is critical information infrastructure in the register"),
			 cii->code ? cii->code : "?");
		if (x->reporter_set && x->reporter != REPORTER_CII)
			warn(an, "reporter: the incident records another reporter type, but a "
				 "system of it is critical information infrastructure: the CII "
				 "operator's deadline is used");
	} else if (x->reporter_set) {
		an->reporter = x->reporter;
		an->reporter_basis = REPORTER_BY_INCIDENT;
		snprintf(an->reporter_why, sizeof an->reporter_why, lang_tr("recorded on the incident"));
	} else if (env->org_reporter_set) {
		an->reporter = env->org_reporter;
		an->reporter_basis = REPORTER_BY_ORGANISATION;
		snprintf(an->reporter_why, sizeof an->reporter_why,
			 lang_tr("the organisation's reporter type (setting reporter_type)"));
	} else {
		an->reporter = REPORTER_OTHER;
		an->reporter_basis = REPORTER_BY_DEFAULT;
		snprintf(an->reporter_why, sizeof an->reporter_why,
			 lang_tr("nothing known: the default, other"));
	}
}

static void deadlines(const struct incident_env *env, const struct incident *x, cd_time at,
		      struct incident_analysis *an)
{
	const struct grade_rules *r = env->rules;

	an->report_due = CD_TIME_NONE;
	an->summary_due = CD_DATE_NONE;
	an->reported_at = first_report(x, -1, at);
	an->summary_at = first_report(x, REPORT_SUMMARY, at);
	an->report_state = DUE_NO_DEADLINE;
	an->summary_state = DUE_NO_DEADLINE;
	/* inside first (IMNU 第十一条（四）第一时间…报告学校, 第十三条): every incident, every grade */
	an->internal_due = CD_TIME_NONE;
	an->internal_at = first_report(x, REPORT_INTERNAL, at);
	an->internal_state = DUE_NO_DEADLINE;
	if (env->p->readings.internal_report_minutes != PROFILE_NUMBER_NONE) {
		an->internal_due =
			x->detected_at + (cd_time)env->p->readings.internal_report_minutes * 60;
		an->internal_state = instant_state(an->internal_due, an->internal_at, at);
	}
	an->report_required = r && an->grade >= r->report_from;
	/* 续报 (2025 measures): owed when cause or impact was not known at the first report */
	an->followup_at = first_report(x, REPORT_SUPPLEMENTARY, at);
	an->followup_state = !an->report_required		  ? FOLLOWUP_NOT_REQUIRED
			     : an->followup_at != CD_TIME_NONE	  ? FOLLOWUP_DONE
			     : an->reported_at == CD_TIME_NONE	  ? FOLLOWUP_NO_INITIAL
			     : !x->facts.v[FACT_CAUSE_IMPACT_KNOWN].known ? FOLLOWUP_ASK
			     : x->facts.v[FACT_CAUSE_IMPACT_KNOWN].b	  ? FOLLOWUP_NOT_NEEDED
									  : FOLLOWUP_OPEN;
	if (!an->report_required)
		return;
	if (an->reporter_basis == REPORTER_BY_DEFAULT)
		warn(an, "reporter type unknown: the deadline of other operators (the longest) is "
			 "used; record the incident's reporter or set the organisation's "
			 "reporter_type");
	an->report_due = x->detected_at + (cd_time)r->report_minutes[an->reporter] * 60;
	an->report_state = instant_state(an->report_due, an->reported_at, at);
	if (x->handling_ended_at != CD_TIME_NONE && x->handling_ended_at <= at) {
		an->summary_due =
			time_cst_date(x->handling_ended_at) + r->summary_days;
		an->summary_state = due_state_at(an->summary_due, an->summary_at, at);
	}
}

/* --- facts -------------------------------------------------------------------------------------- */

char *incident_fact_text(const struct facts *f, enum fact id, char *buf, size_t n)
{
	const struct fact_value *v = &f->v[id];

	if (!v->known)
		snprintf(buf, n, "%s = unknown", fact_name(id));
	else if (fact_type(id) == FACT_BOOL)
		snprintf(buf, n, "%s = %s", fact_name(id), v->b ? "true" : "false");
	else if (fact_type(id) == FACT_NUMBER)
		snprintf(buf, n, "%s = %.10g", fact_name(id), v->num);
	else
		snprintf(buf, n, "%s = \"%s\"", fact_name(id), v->str);
	return buf;
}

char *incident_fact_label(const struct facts *f, enum fact id, enum lang lg, char *buf, size_t n)
{
	const struct fact_value *v = &f->v[id];
	int kind;

	if (lg == LANG_EN)
		return incident_fact_text(f, id, buf, n);
	if (!v->known)
		snprintf(buf, n, "%s：不确定", fact_label(id));
	else if (fact_type(id) == FACT_BOOL)
		snprintf(buf, n, "%s：%s", fact_label(id), v->b ? "是" : "否");
	else if (fact_type(id) == FACT_NUMBER)
		snprintf(buf, n, "%s：%.10g", fact_label(id), v->num);
	else if (id == FACT_ASSET_KIND && (kind = asset_kind_parse(v->str)) >= 0)
		snprintf(buf, n, "%s：%s", fact_label(id), asset_kind_label((enum asset_kind)kind));
	else if (!v->str[0])
		snprintf(buf, n, "%s：（未填写）", fact_label(id));
	else
		snprintf(buf, n, "%s：“%s”", fact_label(id), v->str);
	return buf;
}

static void warn(struct incident_analysis *an, const char *w)
{
	if (an->nwarnings < INCIDENT_WARN_MAX)
		an->warnings[an->nwarnings++] = w;
}

/* How a derived fact was found: in the engine's English (an->why: what the JSON and eval keep)
 * and in the reader's language (an->why_text). WHY(w, fmt, args…) formats both — the args may
 * depend on k_ (0: the English, 1: the reader's language: a label for a code, a time as people
 * write it, time_show); in English the text is the English. */
struct why {
	char en[INCIDENT_WHY_MAX];
	char text[2 * INCIDENT_WHY_MAX];
};

static void why_put(struct why *w, int k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void why_put(struct why *w, int k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (k)
		vsnprintf(w->text, sizeof w->text, lang_tr(fmt), ap);
	else
		vsnprintf(w->en, sizeof w->en, fmt, ap);
	va_end(ap);
}

#define WHY(w, ...)                                                                                \
	do {                                                                                       \
		bool tr_ = lang_get() != LANG_EN;                                                  \
		for (int k_ = 0; k_ <= tr_; k_++)                                                  \
			why_put((w), k_, __VA_ARGS__);                                             \
		if (!tr_)                                                                          \
			snprintf((w)->text, sizeof(w)->text, "%s", (w)->en);                       \
	} while (0)

/* when: instant t in the English of the JSON (RFC 3339) or, k, as people write it */
static const char *when(cd_time t, char buf[26], int k)
{
	return k ? time_show(t, buf) : time_format(t, buf);
}

/* keep_why keeps w as the reason of fact id (the reader's text in arena a when it differs) */
static void keep_why(struct incident_analysis *an, enum fact id, const struct why *w,
		     struct arena *a)
{
	snprintf(an->why[id], sizeof an->why[id], "%s", w->en);
	an->why_text[id] = strcmp(w->text, w->en) ? arena_strdup(a, w->text) : NULL;
}

/* derive records value v of boolean/number fact id as found from the data, with why; a value a
 * person recorded that differs is kept as a conflict (the data's value wins). */
static void derive_bool(struct incident_analysis *an, const struct incident *x, enum fact id,
			bool v, const struct why *why, struct arena *a)
{
	if (x->facts.v[id].known && x->facts.v[id].b != v) {
		an->conflict[id] = 1;
		an->nconflicts++;
	}
	facts_set_bool(&an->facts, id, v);
	an->origin[id] = ORIGIN_DERIVED;
	keep_why(an, id, why, a);
}

static void derive_number(struct incident_analysis *an, const struct incident *x, enum fact id,
			  double v, const struct why *why, struct arena *a)
{
	if (x->facts.v[id].known && fabs(x->facts.v[id].num - v) > 1e-9) {
		an->conflict[id] = 1;
		an->nconflicts++;
	}
	facts_set_number(&an->facts, id, v);
	an->origin[id] = ORIGIN_DERIVED;
	keep_why(an, id, why, a);
}

static void derive_string(struct incident_analysis *an, const struct incident *x, enum fact id,
			  const char *v, const struct why *why, struct arena *a)
{
	if (x->facts.v[id].known && strcmp(x->facts.v[id].str, v)) {
		an->conflict[id] = 1;
		an->nconflicts++;
	}
	if (facts_set_string(&an->facts, id, v) != CD_OK)
		return;
	an->origin[id] = ORIGIN_DERIVED;
	keep_why(an, id, why, a);
}

static const struct asset *main_asset(const struct incident_env *env, const struct incident *x)
{
	return x->nassets ? reg_asset(env->reg, x->assets[0]) : NULL;
}

static bool concerns_asset(const struct notice *n, int64_t asset)
{
	for (size_t i = 0; i < n->nassets; i++)
		if (n->assets[i] == asset)
			return true;
	return false;
}

/* Units that answer for the incident's assets under the profile's principles, each once. */
static size_t answering_units(const struct incident_env *env, const struct incident *x,
			      int64_t *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(env->reg, x->assets[i]);

		for (size_t k = 0; a && k < env->p->nprinciples; k++) {
			int64_t u = a->rel[env->p->principles[k].relation];

			if (u && !has_id(out, n, u) && n < max)
				out[n++] = u;
		}
	}
	return n;
}

/* funding_floor: IMNU 第十四条（八）"经费不落实" where the policy sets no budget ratio
 * (readings.funding_floor_percent): the first IT project of an answering unit or a unit above it,
 * of the year of `on` or before (a later year's budget is not yet spent), whose security budget
 * is at most the floor's share of its total (whole yuan: security × 100 ≤ total × floor; a floor
 * of 0 is a project with no security budget at all); NULL when none is. A budget above the floor
 * proves nothing either way: the fact is then left to a person. */
static const struct project *funding_floor(const struct incident_env *env, const int64_t *units,
					   size_t nu, cd_date on)
{
	int floor = env->p->readings.funding_floor_percent, y, m, d;

	date_to_ymd(on, &y, &m, &d);
	for (size_t k = 0; k < env->reg->nprojects; k++) {
		const struct project *pr = &env->reg->projects[k];

		if (!pr->unit || pr->year > y || pr->security * 100 > pr->total * floor)
			continue;
		for (size_t j = 0; j < nu; j++)
			if (reg_in_subtree(env->reg, units[j], pr->unit))
				return pr;
	}
	return NULL;
}

static enum cd_err derive_from_register(const struct incident_env *env, const struct incident *x,
					struct arena *ar, struct incident_analysis *an)
{
	cd_date on = time_cst_date(x->detected_at);
	struct check_result cr = {0};
	int64_t units[16];
	size_t nu = answering_units(env, x, units, 16);
	struct why why;
	char day[26];
	bool unclear = false, low = false, any_project = false;
	const char *unclear_subject = NULL, *low_subject = NULL;
	/* only the gaps that can be this incident's: of the units on the way up from its answering
	 * units, and of its own systems — not the whole organisation's, once per incident */
	int64_t path[16 * 8];
	size_t np = 0;
	struct check_only only = {.units = path, .assets = x->assets, .nassets = x->nassets};

	for (size_t k = 0; k < nu; k++)
		for (int64_t u = units[k], hops = 0; u && hops < REG_DEPTH_MAX; hops++) {
			const struct unit *un = reg_unit(env->reg, u);
			bool seen = false;

			for (size_t j = 0; j < np && !seen; j++)
				seen = path[j] == u;
			if (!seen && np == sizeof path / sizeof *path) {
				only.units = NULL; /* a tree too deep for the list: check every unit */
				break;
			}
			if (!seen)
				path[np++] = u;
			u = un ? un->parent : 0;
		}
	only.nunits = np;
	if (check_run_only(env->p, env->reg, on, &only, &cr) != CD_OK)
		return CD_ENOMEM;
	for (size_t i = 0; i < cr.n; i++) {
		const struct finding *f = &cr.v[i];
		bool mine = false;

		if (f->rule == CHECK_ROLE_MISSING || f->rule == CHECK_ROLE_OVERLAP) {
			for (size_t k = 0; k < nu && !mine; k++)
				mine = reg_in_subtree(env->reg, units[k], f->unit);
		} else if (f->rule == CHECK_ASSET_UNANSWERED) {
			mine = has_id(x->assets, x->nassets, f->asset);
		}
		if (mine && !unclear) {
			unclear = true;
			unclear_subject = f->subject;
		}
		if (f->rule == CHECK_BUDGET_LOW && !low) {
			const struct project *pr = NULL;

			for (size_t k = 0; k < env->reg->nprojects; k++)
				if (env->reg->projects[k].id == f->project)
					pr = &env->reg->projects[k];
			for (size_t k = 0; pr && k < nu && !low; k++)
				low = pr->unit && reg_in_subtree(env->reg, units[k], pr->unit);
			if (low)
				low_subject = f->subject;
		}
	}
	if (unclear)
		WHY(&why, "check on %s: %s", k_ ? date_show(on, day) : date_format(on, day),
		    unclear_subject);
	else
		WHY(&why, "check on %s: no responsibility gap for the answering units",
		    k_ ? date_show(on, day) : date_format(on, day));
	derive_bool(an, x, FACT_RESPONSIBILITY_UNCLEAR, unclear, &why, ar);
	if (env->p->numbers.budget_ratio_percent != PROFILE_NUMBER_NONE) {
		for (size_t k = 0; k < env->reg->nprojects && !any_project; k++)
			for (size_t j = 0; j < nu && !any_project; j++)
				any_project = env->reg->projects[k].unit &&
					      reg_in_subtree(env->reg, units[j],
							     env->reg->projects[k].unit);
		if (low) {
			WHY(&why, "budget.low: project %s under %d %%", low_subject,
			    env->p->numbers.budget_ratio_percent);
			derive_bool(an, x, FACT_FUNDING_MISSING, true, &why, ar);
		} else if (any_project) {
			WHY(&why, "every IT project of the answering units at %d %% or more",
			    env->p->numbers.budget_ratio_percent);
			derive_bool(an, x, FACT_FUNDING_MISSING, false, &why, ar);
		}
	} else if (env->p->readings.funding_floor_percent != PROFILE_NUMBER_NONE) {
		const struct project *pr = funding_floor(env, units, nu, on);

		if (pr) {
			WHY(&why,
			    "project %s: security budget %lld of %lld yuan, not above %d %% "
			    "(readings.funding_floor_percent)",
			    pr->code, (long long)pr->security, (long long)pr->total,
			    env->p->readings.funding_floor_percent);
			derive_bool(an, x, FACT_FUNDING_MISSING, true, &why, ar);
		}
	}
	check_result_free(&cr);
	return CD_OK;
}

_Static_assert(FACT_ASSET_IMPORTANT_INFRA - FACT_ASSET_PARTY_GOV_PORTAL ==
		       QUAL_IMPORTANT_INFRASTRUCTURE - QUAL_PARTY_GOV_PORTAL,
	       "the qualifier facts follow enum qualifier");

/* qualifier_of: qualifier q of asset a — recorded in the register, else derived by the rule of
 * docs/incidents.md ("Qualifiers"); 1 yes, 0 no, -1 when neither tells (a person answers). why
 * says which. */
static int qualifier_of(const struct profile *p, const struct asset *a, enum qualifier q,
			struct why *why)
{
	if (a->qual[q] != QUAL_UNSET) {
		WHY(why, "the register: recorded");
		return a->qual[q] == QUAL_YES;
	}
	switch (q) {
	case QUAL_PARTY_GOV_PORTAL:
		if (a->kind != ASSET_PORTAL) {
			WHY(why, "derived: not a portal");
			return 0;
		}
		if (p->readings.party_gov_organ)
			WHY(why, "derived: a portal, the organisation is a party or government organ "
				 "(readings.party_gov_organ)");
		else
			WHY(why, "derived: a portal, the organisation is not a party or government "
				 "organ (readings.party_gov_organ)");
		return p->readings.party_gov_organ;
	case QUAL_KEY_NEWS_SITE:
	case QUAL_LARGE_PLATFORM: {
		enum asset_kind k = q == QUAL_KEY_NEWS_SITE ? ASSET_NEWS_SITE : ASSET_PLATFORM;

		/* a designation (重点) or a scale (大型): only a person can say, for its kind */
		WHY(why, "derived: not a %s", k_ ? asset_kind_label(k) : asset_kind_code(k));
		return a->kind == k ? -1 : 0;
	}
	case QUAL_IMPORTANT_SYSTEM:
	case QUAL_IMPORTANT_INFRASTRUCTURE:
		if (a->cii) {
			WHY(why, "derived: critical information infrastructure");
			return 1;
		}
		if (q == QUAL_IMPORTANT_INFRASTRUCTURE && a->kind != ASSET_INFRASTRUCTURE) {
			WHY(why, "derived: neither infrastructure nor CII");
			return 0;
		}
		WHY(why, "derived: MLPS level %d (important from 3)", a->mlps_level);
		return a->mlps_level >= 3 ? 1 : a->mlps_level >= 1 ? 0 : -1;
	default:
		return -1;
	}
}

static void derive(const struct incident_env *env, const struct incident *x, cd_time at,
		   struct arena *ar, struct incident_analysis *an)
{
	const struct asset *a = main_asset(env, x);
	struct why why, reg;
	char t1[26], t2[26];

	an->facts = x->facts;
	for (int i = 0; i < FACT__MAX; i++)
		an->origin[i] = x->facts.v[i].known ? ORIGIN_RECORDED : ORIGIN_UNKNOWN;

	if (a) {
		WHY(&reg, "the register");
		derive_string(an, x, FACT_ASSET_KIND, asset_kind_code(a->kind), &reg, ar);
		derive_bool(an, x, FACT_ASSET_CII, a->cii, &reg, ar);
		derive_string(an, x, FACT_ASSET_ADMIN_LEVEL, a->admin_level ? a->admin_level : "",
			      &reg, ar);
		if (a->protection_installed)
			WHY(&why, "the register: protection software installed");
		else
			WHY(&why, "the register: no protection software recorded");
		derive_bool(an, x, FACT_PROTECTION_SOFTWARE_MISSING, !a->protection_installed, &why,
			    ar);
		for (int q = 0; q < QUAL__MAX; q++) {
			int v = qualifier_of(env->p, a, (enum qualifier)q, &why);

			if (v >= 0)
				derive_bool(an, x, (enum fact)(FACT_ASSET_PARTY_GOV_PORTAL + q), v,
					    &why, ar);
		}
	}

	/* 受到攻击 (central 第八条（二）（四）, Yantai 八（二）（四）（七）, IMNU 第十四条（四）): from the
	 * class where the class settles it (data/incident-classes.json, "attack"); a person's answer
	 * on the timeline (the fact attacked) overrides the class. Neither: unknown, and the triggers
	 * that need an attack ask. */
	{
		const struct incident_class *cl =
			x->class_code ? incident_class_find(env->classes, x->class_code) : NULL;

		if (cl && cl->attack >= 0 && !x->facts.v[FACT_ATTACKED].known) {
			if (cl->attack)
				WHY(&why, "class %s (%s) is an attack", cl->code, cl->name);
			else
				WHY(&why, "class %s (%s) is not an attack", cl->code, cl->name);
			derive_bool(an, x, FACT_ATTACKED, cl->attack, &why, ar);
		} else if (cl && cl->attack >= 0 && x->facts.v[FACT_ATTACKED].b != (cl->attack == 1)) {
			warn(an, "attacked: a person's answer differs from what the class gives; the "
				 "answer is used");
		}
	}

	an->paralysis_hours = outage_hours(x, at, &an->paralysis_known);
	if (an->paralysis_known) {
		if (x->outage_end != CD_TIME_NONE)
			WHY(&why, "outage %s – %s", when(x->outage_start, t1, k_),
			    when(x->outage_end, t2, k_));
		else
			WHY(&why, "outage %s – (not ended)", when(x->outage_start, t1, k_));
		derive_number(an, x, FACT_PARALYSIS_HOURS, an->paralysis_hours, &why, ar);
		derive_bool(an, x, FACT_PARALYSED, an->paralysis_hours > 0, &why, ar);
		if (x->outage_end == CD_TIME_NONE || x->outage_end > at)
			warn(an, "the outage has not ended: paralysis_hours counts up to as_of");
	}

	if (an->report_required) {
		if (an->report_state == DUE_DONE_ON_TIME || an->report_state == DUE_DONE_LATE ||
		    an->report_state == DUE_OVERDUE) {
			if (an->reported_at != CD_TIME_NONE)
				WHY(&why, "report due %s, reported %s", when(an->report_due, t1, k_),
				    when(an->reported_at, t2, k_));
			else
				WHY(&why, "report due %s, not reported by as_of",
				    when(an->report_due, t1, k_));
			derive_bool(an, x, FACT_REPORTED_TIMELY,
				    an->report_state == DUE_DONE_ON_TIME, &why, ar);
		}
	}

	/* An overdue notice tells whatever gave its due date (the profile's period, the notice's
	 * own, an extension); that none is overdue tells only when every notice has a period. */
	if (a) {
		const struct notice *late = NULL;

		for (size_t i = 0; i < env->nnotices && !late; i++) {
			const struct notice *n = &env->notices[i];
			struct notice_due due;
			enum due_state st;

			if (n->received_at >= x->detected_at)
				continue;
			for (size_t k = 0; k < x->nassets && !late; k++) {
				if (!concerns_asset(n, x->assets[k]))
					continue;
				due = notice_due(n, env->p, env->cal);
				st = notice_state(n, &due, x->detected_at);
				if (st == DUE_OVERDUE)
					late = n;
			}
		}
		if (late)
			WHY(&why, "notice %s overdue at detection", late->code);
		else
			WHY(&why, "no notice on the system overdue at detection");
		if (late || env->p->numbers.rectify_workdays != PROFILE_NUMBER_NONE)
			derive_bool(an, x, FACT_NOTICE_UNRECTIFIED, late != NULL, &why, ar);
	}

	if (x->graded) {
		WHY(&why, "confirmed grade %s", grade_label(x->grade));
		derive_bool(an, x, FACT_MAJOR_INCIDENT, x->grade >= GRADE_MAJOR, &why, ar);
	}
}

/* --- chain ---------------------------------------------------------------------------------- */

struct chain_buf {
	struct chain_link *v;
	size_t n, cap;
	struct arena *a;
	const char *why; /* given to the links added next (chain_why) */
};

/* chain_why: the reason the next links are in the chain, in the reader's language (the
 * catalogue's, as every message: core/lang.h). */
static void chain_why(struct chain_buf *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void chain_why(struct chain_buf *c, const char *fmt, ...)
{
	char buf[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, lang_tr(fmt), ap);
	va_end(ap);
	c->why = arena_strdup(c->a, buf);
}

static bool chain_has(const struct chain_buf *c, int64_t person, int64_t unit, int role)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].person == person && c->v[i].unit == unit && c->v[i].role == role)
			return true;
	return false;
}

static enum cd_err chain_add(struct chain_buf *c, struct chain_link l)
{
	if (chain_has(c, l.person, l.unit, l.role))
		return CD_OK;
	if (!l.why)
		l.why = c->why;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 16;
		struct chain_link *v = arena_alloc(c->a, cap * sizeof *v);

		if (!v)
			return CD_ENOMEM;
		if (c->n)
			memcpy(v, c->v, c->n * sizeof *v);
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = l;
	return CD_OK;
}

/* The profile requires `role` at unit u: the root by `root` alone, any other unit by its kind —
 * the rule of check's role.missing, so the chain's vacancies are check's gaps. */
static bool required_at(const struct profile *p, enum role role, const struct unit *u)
{
	const struct profile_role *r = profile_role(p, role);

	if (!r || u->kind == UNIT_EXTERNAL_AUTHORITY)
		return false;
	if (reg_is_root(u))
		return r->required_at & (1u << PROFILE_AT_ROOT);
	return r->required_at & (1u << u->kind);
}

static enum responsibility resp_of(const struct profile *p, enum role role, bool collective)
{
	if (collective && (p->collective.main & (1u << role)))
		return RESP_MAIN_LEADERSHIP;
	if (role == ROLE_FIRST_RESPONSIBLE || role == ROLE_DIRECT_RESPONSIBLE ||
	    role == ROLE_LEADERSHIP_MEMBER)
		return RESP_LEADERSHIP;
	return RESP_DIRECT;
}

/* Holders of role at unit on day `on` into the chain; a vacancy where the profile requires it. */
static enum cd_err chain_role(const struct incident_env *env, struct chain_buf *c, int64_t unit,
			      enum role role, cd_date on, bool collective, int64_t answering,
			      enum responsibility forced, bool force)
{
	const struct unit *u = reg_unit(env->reg, unit);
	const struct duty *h[8];
	size_t nh = reg_holders(env->reg, role, unit, 0, on, h, 8);
	enum responsibility resp = force ? forced : resp_of(env->p, role, collective);
	enum cd_err rc;

	if (nh > 8)
		nh = 8;
	for (size_t i = 0; i < nh; i++)
		if ((rc = chain_add(c, (struct chain_link){.person = h[i]->person, .unit = unit,
							  .role = (int)role, .resp = resp,
							  .answering = answering})) != CD_OK)
			return rc;
	if (!nh && u && (force || required_at(env->p, role, u)))
		return chain_add(c, (struct chain_link){.unit = unit, .role = (int)role,
							.resp = resp, .vacant = true,
							.answering = answering});
	return CD_OK;
}

/* The unit whose leadership body a decision participant sat in on day `on`: where the person
 * holds leadership_member or a role of collective.main, else the person's unit, else the root
 * above the first answering unit (the organisation's own 领导班子). */
static int64_t deciding_unit(const struct incident_env *env, int64_t person, cd_date on,
			     int64_t answering)
{
	const struct person *pe = reg_person(env->reg, person);
	const struct unit *u;

	for (size_t i = 0; i < env->reg->nduties; i++) {
		const struct duty *du = &env->reg->duties[i];

		if (du->person == person && du->unit && duty_valid_on(du, on) &&
		    (du->role == ROLE_LEADERSHIP_MEMBER ||
		     (env->p->collective.main & (1u << du->role))))
			return du->unit;
	}
	if (pe && pe->unit)
		return pe->unit;
	for (int guard = 0; (u = reg_unit(env->reg, answering)) && u->parent && guard < 256;
	     guard++)
		answering = u->parent;
	return answering;
}

/* The role person held at unit on day `on`: a role of collective.main first, then
 * leadership_member, then any other; -1 when the register says none. */
static int role_held(const struct incident_env *env, int64_t person, int64_t unit, cd_date on)
{
	int best = -1, rank = 3;

	for (size_t i = 0; i < env->reg->nduties; i++) {
		const struct duty *du = &env->reg->duties[i];
		int k;

		if (du->person != person || du->unit != unit || !duty_valid_on(du, on))
			continue;
		k = (env->p->collective.main & (1u << du->role)) ? 0
		    : du->role == ROLE_LEADERSHIP_MEMBER       ? 1
							       : 2;
		if (k < rank) {
			rank = k;
			best = (int)du->role;
		}
	}
	return best;
}

static const char *unit_code_of(const struct reg *reg, int64_t id)
{
	const struct unit *u = reg_unit(reg, id);

	return u && u->code ? u->code : "?";
}

/* body_of: where 逐级倒查 from unit u stops (chain.stop): the first unit of the stop kind at or
 * above u, else — and by default — the top of the tree. */
static int64_t body_of(const struct incident_env *env, int64_t u)
{
	const struct unit *un;
	int64_t top = u;

	for (int guard = 0; (un = reg_unit(env->reg, u)) && guard < 256; guard++) {
		if (env->p->chain.stop >= 0 && (int)un->kind == env->p->chain.stop)
			return u;
		top = u;
		if (!un->parent)
			break;
		u = un->parent;
	}
	return top;
}

/* office_body: the body a coordinating office o belongs to — the first unit above it of the stop
 * kind (a Party committee when the chain climbs to the top), else the top. */
static int64_t office_body(const struct incident_env *env, const struct unit *o)
{
	int kind = env->p->chain.stop >= 0 ? env->p->chain.stop : UNIT_PARTY_COMMITTEE;
	int64_t u = o->parent;
	const struct unit *un;

	for (int guard = 0; (un = reg_unit(env->reg, u)) && guard < 256; guard++) {
		if ((int)un->kind == kind || !un->parent)
			return u;
		u = un->parent;
	}
	return u;
}

static const char *principle_of(const struct incident_env *env, const struct incident *x,
				int64_t unit)
{
	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(env->reg, x->assets[i]);

		for (size_t k = 0; a && k < env->p->nprinciples; k++)
			if (a->rel[env->p->principles[k].relation] == unit)
				return env->p->principles[k].name;
	}
	return "?";
}

static enum cd_err chain_build(const struct incident_env *env, const struct incident *x,
			       struct incident_analysis *an, struct arena *a)
{
	struct chain_buf c = {.a = a};
	cd_date on = time_cst_date(x->detected_at);
	int64_t units[16], deciding[INCIDENT_PEOPLE_MAX], bodies[16];
	size_t nu = answering_units(env, x, units, 16), nb = 0;
	const char *art = env->p->chain.article;
	enum cd_err rc;

	for (size_t i = 0; i < x->nparticipants; i++)
		deciding[i] = deciding_unit(env, x->participants[i], on, nu ? units[0] : 0);

	chain_why(&c, "当事人: recorded on the incident (%s)", art);
	for (size_t i = 0; i < x->ninvolved; i++) {
		const struct person *pe = reg_person(env->reg, x->involved[i]);

		if ((rc = chain_add(&c, (struct chain_link){.person = x->involved[i],
							   .unit = pe ? pe->unit : 0,
							   .role = CHAIN_NO_ROLE,
							   .resp = RESP_PARTY_INVOLVED})) != CD_OK)
			return rc;
	}
	/* Those who answer for the system itself (e.g. the custodian of a 政务信息系统). */
	for (size_t i = 0; i < x->nassets; i++) {
		for (int r = 0; r < ROLE__MAX; r++) {
			const struct profile_role *pr = profile_role(env->p, (enum role)r);
			const struct duty *h[8];
			size_t nh;

			if (!pr || !pr->asset_scope)
				continue;
			nh = reg_holders(env->reg, (enum role)r, 0, x->assets[i], on, h, 8);
			chain_why(&c, "holds %s for system %s (%s)",
				  lang_pick(role_code((enum role)r), role_label((enum role)r)),
				  reg_asset(env->reg, x->assets[i])
					  ? reg_asset(env->reg, x->assets[i])->code
					  : "?",
				  pr->article);
			for (size_t k = 0; k < nh && k < 8; k++) {
				const struct person *pe = reg_person(env->reg, h[k]->person);

				if ((rc = chain_add(&c, (struct chain_link){
						.person = h[k]->person, .unit = pe ? pe->unit : 0,
						.role = r, .resp = RESP_DIRECT})) != CD_OK)
					return rc;
			}
		}
	}
	/* 逐级倒查: each answering unit, then level by level up the tree to the body where the
	 * chain stops (chain.stop: the top by default). */
	for (size_t k = 0; k < nu; k++) {
		int64_t u = units[k], body = body_of(env, units[k]);

		if (!has_id(bodies, nb, body) && nb < 16)
			bodies[nb++] = body;
		for (int level = 0; u && level < 256; level++) {
			const struct unit *un = reg_unit(env->reg, u);

			if (!un || un->kind == UNIT_EXTERNAL_AUTHORITY)
				break;
			/* collective responsibility: where that unit's leadership decided */
			bool collective = has_id(deciding, x->nparticipants, u);

			if (collective)
				chain_why(&c, "collective: its leadership decided, main leadership of "
					      "%s (%s)",
					  un->code, env->p->collective.article);
			else if (!level)
				chain_why(&c, "the unit answering for the system (%s), %s",
					  principle_of(env, x, u), art);
			else
				chain_why(&c, "逐级倒查: %d level%s above %s, up to %s (%s)", level,
					  level > 1 ? "s" : "", unit_code_of(env->reg, units[k]),
					  unit_code_of(env->reg, body), art);
			for (size_t r = 0; r < env->p->chain.nunit_roles; r++)
				if ((rc = chain_role(env, &c, u, env->p->chain.unit_roles[r], on,
						     collective, units[k], RESP_DIRECT, false)) !=
				    CD_OK)
					return rc;
			if (u == body)
				break;
			u = un->parent;
		}
	}
	/* Collective responsibility (central 第九条, IMNU 第十五条): in each leadership body that
	 * decided, the holders of collective.main (主要负责人, 主管网络安全的成员) bear main leadership
	 * responsibility, whether or not the walk passed that unit; the other members who took part
	 * bear important leadership responsibility, with the role the register says they held there
	 * that day; one who holds a main role there bears main only; members who did not take part
	 * bear none. */
	for (size_t i = 0; i < x->nparticipants; i++) {
		if (has_id(deciding, i, deciding[i]))
			continue;
		chain_why(&c, "collective: its leadership decided, main leadership of %s (%s)",
			  unit_code_of(env->reg, deciding[i]), env->p->collective.article);
		for (int r = 0; r < ROLE__MAX; r++)
			if ((env->p->collective.main & (1u << r)) &&
			    (rc = chain_role(env, &c, deciding[i], (enum role)r, on, true, 0,
					     RESP_DIRECT, false)) != CD_OK)
				return rc;
	}
	for (size_t i = 0; i < x->nparticipants; i++) {
		int held = role_held(env, x->participants[i], deciding[i], on);

		if (held >= 0 && (env->p->collective.main & (1u << held)))
			continue; /* main already: never both */
		if (held < 0)
			warn(an, "a decision participant held no role at the deciding unit that "
				 "day: listed without a role");
		chain_why(&c, "collective: took part in the decision of %s, important leadership (%s)",
			  unit_code_of(env->reg, deciding[i]), env->p->collective.article);
		if ((rc = chain_add(&c, (struct chain_link){
				.person = x->participants[i], .unit = deciding[i],
				.role = held >= 0 ? held : CHAIN_NO_ROLE,
				.resp = RESP_IMPORTANT_LEADERSHIP})) != CD_OK)
			return rc;
	}
	/* 协调监管不力: the head of the coordinating office of the body the chain stops in — not
	 * every office above it (a lower Party committee's own office is not added). */
	if (x->coordination_failed) {
		bool found = false;

		if (env->p->chain.coordinator < 0)
			warn(an, "coordination failed, but the profile names no coordinating "
				 "office: nobody is added for it");
		for (size_t i = 0; env->p->chain.coordinator >= 0 && i < env->reg->nunits; i++) {
			const struct unit *un = &env->reg->units[i];
			int64_t body;

			if ((int)un->kind != env->p->chain.coordinator)
				continue;
			body = office_body(env, un);
			if (!has_id(bodies, nb, body))
				continue;
			found = true;
			chain_why(&c, "coordination failed: the head of %s, the coordinating office of "
				      "%s (%s)",
				  un->code, unit_code_of(env->reg, body), art);
			if ((rc = chain_role(env, &c, un->id, ROLE_PRINCIPAL, on, false, 0,
					     RESP_COORDINATION, true)) != CD_OK)
				return rc;
		}
		if (env->p->chain.coordinator >= 0 && !found)
			warn(an, "coordination failed, but the register has no coordinating "
				 "office");
	}
	/* 监管不力: the supervising department of the sector (行业主管监管部门, central 第四条) lies
	 * outside the organisation and the register names none for a system: a step to fill in. */
	if (x->facts.v[FACT_SUPERVISION_FAILED].known && x->facts.v[FACT_SUPERVISION_FAILED].b) {
		chain_why(&c, "supervision failed: the head of the supervising department "
			      "(行业主管监管部门, central 第四条; %s) — outside the register: find who",
			  art);
		if ((rc = chain_add(&c, (struct chain_link){.role = ROLE_PRINCIPAL,
							   .resp = RESP_COORDINATION,
							   .vacant = true})) != CD_OK)
			return rc;
	}
	an->chain = c.v;
	an->nchain = c.n;
	for (size_t i = 0; i < c.n; i++)
		an->nvacant += c.v[i].vacant;
	return CD_OK;
}

/* --- repeats -------------------------------------------------------------------------------- */

const struct asset_event *asset_repeat(const int64_t *assets, size_t nassets, cd_time at,
				       int64_t self_notice, int64_t self_incident, int window_months,
				       const struct asset_event *ev, size_t nev)
{
	cd_time from;

	if (window_months < 0 || at == CD_TIME_NONE)
		return NULL;
	from = time_cst_start(date_add_months(time_cst_date(at), -window_months));
	for (size_t i = 0; i < nev; i++) {
		if ((self_notice && ev[i].notice == self_notice) ||
		    (self_incident && ev[i].incident == self_incident))
			continue;
		if (ev[i].at >= from && ev[i].at < at && has_id(assets, nassets, ev[i].asset))
			return &ev[i];
	}
	return NULL;
}

/* --- the whole analysis --------------------------------------------------------------------- */

/* analyse: incident_analyse, and with `line` only what a list line shows (no chain, no repeat) */
static enum cd_err analyse(const struct incident_env *env, const struct incident *x, cd_time at,
			   struct arena *a, bool line, struct incident_analysis *out)
{
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	out->proposal.grade = GRADE_GENERAL;
	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *as = reg_asset(env->reg, x->assets[i]);
		struct grade_proposal g;

		if (!as)
			continue;
		grade_propose(env->rules, x, as, at, &g);
		if (i == 0 || g.grade > out->proposal.grade ||
		    (g.grade == out->proposal.grade && !out->proposal.nmet && g.nmet))
			out->proposal = g;
	}
	out->grade = x->graded ? x->grade : out->proposal.grade;
	if (x->detected_at != CD_TIME_NONE && x->detected_at > at)
		warn(out, "detected after as_of: the incident did not exist yet");
	if (!x->graded && out->proposal.unconfirmed)
		warn(out, "the proposed grade rests on a draft threshold (confirmed: false): "
			  "a person confirms or overrides it");
	reporter_of(env, x, out);
	deadlines(env, x, at, out);
	derive(env, x, at, a, out);
	if ((rc = derive_from_register(env, x, a, out)) != CD_OK)
		return rc;
	if (out->nconflicts)
		warn(out, "a recorded fact differs from what the data gives: the data's value "
			  "is used (see the facts)");

	out->ntriggers = env->p->ntriggers;
	out->triggers = out->ntriggers ? arena_alloc(a, out->ntriggers * sizeof *out->triggers)
				       : NULL;
	if (out->ntriggers && !out->triggers)
		return CD_ENOMEM;
	for (size_t i = 0; i < out->ntriggers; i++) {
		out->triggers[i].t = &env->p->triggers[i];
		cond_eval(env->conds[i], &out->facts, &out->triggers[i].r);
		out->nfired += out->triggers[i].r.value == COND_TRUE;
		out->nopen += out->triggers[i].r.value == COND_NEEDS_JUDGEMENT;
	}
	if (line)
		return CD_OK;
	if ((rc = chain_build(env, x, out, a)) != CD_OK)
		return rc;
	out->repeat_of = asset_repeat(x->assets, x->nassets, x->detected_at, 0, x->id,
				      env->p->numbers.repeat_window_months, env->events,
				      env->nevents);
	out->criticism = out->repeat_of != NULL;
	return CD_OK;
}

enum cd_err incident_analyse(const struct incident_env *env, const struct incident *x, cd_time at,
			     struct arena *a, struct incident_analysis *out)
{
	return analyse(env, x, at, a, false, out);
}

enum cd_err incident_analyse_line(const struct incident_env *env, const struct incident *x,
				  cd_time at, struct arena *a, struct incident_analysis *out)
{
	return analyse(env, x, at, a, true, out);
}

/* --- the recommendation (问责建议) ---------------------------------------------------------- */

/* The recommendation is a few KiB: a line per trigger of the profile that holds and per link of
 * the chain (at most INCIDENT_PEOPLE_MAX people and the levels above them). RECOMMEND_MAX caps it
 * at 1 MiB, far past that, so that no profile's texts can make it grow without bound. */
#define RECOMMEND_MAX ((size_t)1 << 20)

struct sbuf {
	struct dynbuf b;
	bool failed; /* out of memory, or RECOMMEND_MAX reached: nothing more is written */
};

static void put(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	if (b->failed)
		return;
	va_start(ap, fmt);
	b->failed = dynbuf_vaddf(&b->b, fmt, ap) != DYNBUF_OK;
	va_end(ap);
}

static const char *person_name(const struct reg *reg, int64_t id)
{
	const struct person *p = reg_person(reg, id);

	return p ? p->name : "?";
}

static const char *unit_name(const struct reg *reg, int64_t id)
{
	const struct unit *u = reg_unit(reg, id);

	return u ? u->name : "—";
}

char *incident_recommend(const struct incident_env *env, const struct incident *x,
			 const struct incident_analysis *an, struct arena *a)
{
	const struct profile *p = env->p;
	struct sbuf b = {.failed = false};
	char buf[INCIDENT_WHY_MAX + 64];
	int sec = 0;
	static const char *const num[] = {"一", "二", "三", "四", "五", "六"};
	char *out;

	dynbuf_init(&b.b, RECOMMEND_MAX);
	put(&b, "关于网络安全事件 %s%s%s%s 的问责建议\n\n", x->code, x->title ? "「" : "",
	    x->title ? x->title : "", x->title ? "」" : "");
	put(&b, "依据《%s》%s，对该事件逐级倒查，建议如下。\n", p->name, p->chain.article);
	put(&b, "事件定级：%s（%s）。\n\n", grade_label(an->grade),
	    x->graded ? "已确认" : "系统依定级标准提出，尚待确认");

	put(&b, "%s、适用的责任追究情形\n", num[sec++]);
	if (!an->nfired)
		put(&b, "  无已成立的情形。\n");
	for (size_t i = 0; i < an->ntriggers; i++) {
		const struct trigger_verdict *t = &an->triggers[i];

		if (t->r.value != COND_TRUE)
			continue;
		put(&b, "  %s：%s\n    依据：", t->t->article, t->t->text);
		for (size_t k = 0; k < t->r.nused; k++)
			put(&b, "%s%s", k ? "；" : "",
			    incident_fact_label(&an->facts, (enum fact)t->r.used[k], LANG_ZH, buf,
						sizeof buf));
		put(&b, "\n");
	}

	put(&b, "\n%s、责任人员（%s%s%s）\n", num[sec++], p->chain.article,
	    x->nparticipants ? "；集体责任依" : "", x->nparticipants ? p->collective.article : "");
	for (size_t i = 0; i < an->nchain; i++) {
		const struct chain_link *l = &an->chain[i];
		const char *role = l->role == CHAIN_NO_ROLE ? "当事人" : role_label((enum role)l->role);

		if (l->vacant)
			put(&b, "  %s %s：空缺（事件发生时无人担任，须查明实际履职人员）\n",
			    unit_name(env->reg, l->unit), role);
		else
			put(&b, "  %s（%s，%s）：%s\n", person_name(env->reg, l->person),
			    unit_name(env->reg, l->unit), role, responsibility_label(l->resp));
	}

	if (an->criticism) {
		put(&b, "\n%s、通报批评\n", num[sec++]);
		put(&b, "  同一系统在 %d 个月内再次发生安全问题，依据%s，建议予以通报批评。\n",
		    p->numbers.repeat_window_months,
		    p->numbers.repeat_article && *p->numbers.repeat_article
			    ? p->numbers.repeat_article
			    : "本办法");
	}

	if (an->nopen) {
		put(&b, "\n%s、尚待认定的事项（认定前不作为问责依据）\n", num[sec++]);
		for (size_t i = 0; i < an->ntriggers; i++) {
			const struct trigger_verdict *t = &an->triggers[i];

			if (t->r.value != COND_NEEDS_JUDGEMENT)
				continue;
			put(&b, "  %s：%s（待认定：", t->t->article,
			    t->t->question ? t->t->question : t->t->text);
			for (size_t k = 0; k < t->r.nneed; k++)
				put(&b, "%s%s", k ? "、" : "", fact_label((enum fact)t->r.need[k]));
			put(&b, "）\n");
		}
	}
	put(&b, "\n本建议由 cyberduty 依据事件记录和责任登记生成，不构成处理决定；"
		"处理决定由有权机关依规作出。\n");
	out = b.failed ? NULL : arena_strndup(a, b.b.p, b.b.len);
	dynbuf_free(&b.b);
	return out;
}

/* ---- the accountability case ---- */

enum case_stage accountability_stage(const struct incident *x)
{
	if (x->ndecisions)
		return CASE_DECIDED;
	if (x->nrecommendations)
		return CASE_RECOMMENDED;
	return x->nproposals ? CASE_PROPOSED : CASE_NONE;
}

struct incident_line accountability_line(const struct incident *x)
{
	return (struct incident_line){.graded = x->graded,
	                              .ended = x->handling_ended_at != CD_TIME_NONE,
	                              .stage = accountability_stage(x)};
}

static const char *const stage_codes[CASE__MAX] = {"none", "proposed", "recommended", "decided"};
static const char *const stage_labels[CASE__MAX] = {"未提议", "已提议", "已提出问责建议",
                                                    "已作出决定"};

const char *accountability_stage_code(enum case_stage s)
{
	return (int)s >= 0 && s < CASE__MAX ? stage_codes[s] : "?";
}

const char *accountability_stage_label(enum case_stage s)
{
	return (int)s >= 0 && s < CASE__MAX ? stage_labels[s] : "?";
}
