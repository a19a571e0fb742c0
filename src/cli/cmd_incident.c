/* cmd_incident.c — `cyberduty incident add|list|show|event|report|close|edit`: security incidents
 * (网络安全事件) and their append-only timeline, with the grade proposed from the thresholds and
 * confirmed by a person, the reporting deadlines, the facts derived from the record and the
 * register, the accountability triggers and the chain of responsibility at the time of the
 * incident (docs/incidents.md). The accountability case itself is cmd_accountability.c. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/work.h"
#include "io/incident_json.h"
#include "svc/accountability.h"
#include "svc/book.h"
#include "svc/book_json.h"
#include "svc/evidence.h"

static const char *asset_code(const struct reg *reg, int64_t id)
{
	const struct asset *a = reg_asset(reg, id);

	return a ? a->code : "?";
}

/* ---- what every subcommand says about an incident ---- */

static void say_grade(const struct incident *x, const struct incident_analysis *an)
{
	const struct grade_proposal *g = &an->proposal;

	if (x->graded)
		printf("  grade:    %s confirmed by %s: %s (proposed from the thresholds: %s)\n",
		       grade_label(x->grade), x->grade_by ? x->grade_by : "?", x->grade_reason,
		       grade_label(g->grade));
	else if (g->unconfirmed)
		printf("  grade:    %s proposed on a draft threshold — not confirmed (cyberduty "
		       "incident event %s --grade G --reason WHY)\n",
		       grade_label(g->grade), x->code);
	else
		printf("  grade:    %s proposed — not confirmed (cyberduty incident event %s --grade G "
		       "--reason WHY)\n",
		       grade_label(g->grade), x->code);
	for (size_t i = 0; i < g->nmet; i++)
		if (g->met[i]->confirmed)
			printf("            meets: %s\n", g->met[i]->text);
		else
			printf("            meets: %s [a draft threshold, not confirmed]\n",
			       g->met[i]->text);
	if (!g->nmet && !x->graded)
		printf("            no threshold met by what is recorded\n");
}

/* state_text: a clock's state as a person reads it (the label; the code in English). */
static const char *state_text(enum due_state s)
{
	return lang_pick(due_state_code(s), due_state_label(s));
}

/* followup_text: where the supplementary report (续报) stands, as a person reads it. */
static const char *followup_text(enum followup_state s)
{
	static const char *const zh[FOLLOWUP__MAX] = {
		[FOLLOWUP_NOT_REQUIRED] = "无须报告",   [FOLLOWUP_NO_INITIAL] = "尚无首报",
		[FOLLOWUP_NOT_NEEDED] = "无须续报",     [FOLLOWUP_OPEN] = "应续报，尚未续报",
		[FOLLOWUP_ASK] = "待认定（首报时原因和影响是否已查明）", [FOLLOWUP_DONE] = "已续报"};

	return (int)s >= 0 && s < FOLLOWUP__MAX ? lang_pick(followup_state_code(s), zh[s]) : "?";
}

static void say_report(const struct incident_env *env, const struct incident *x,
                       const struct incident_analysis *an)
{
	char t1[26], t2[26], day[26];

	if (an->internal_due != CD_TIME_NONE) {
		printf("  inside:   due %s (%d minutes after detection, every grade) — %s",
		       time_show(an->internal_due, t1), env->p->readings.internal_report_minutes,
		       state_text(an->internal_state));
		if (an->internal_at != CD_TIME_NONE)
			printf(", reported %s", time_show(an->internal_at, t2));
		printf("\n");
	}
	if (!an->report_required) {
		printf("  report:   not required for %s (required from %s up)\n",
		       grade_label(an->grade), grade_label(env->rules->report_from));
		return;
	}
	printf("  follow-up: %s", followup_text(an->followup_state));
	if (an->followup_at != CD_TIME_NONE)
		printf(" %s", time_show(an->followup_at, t2));
	printf("\n");
	printf("  report:   due %s (%d minutes after detection, reporter %s: %s) — %s",
	       time_show(an->report_due, t1), env->rules->report_minutes[an->reporter],
	       lang_pick(reporter_code(an->reporter), reporter_label(an->reporter)), an->reporter_why,
	       state_text(an->report_state));
	if (an->reported_at != CD_TIME_NONE)
		printf(", reported %s", time_show(an->reported_at, t2));
	printf("\n");
	if (x->handling_ended_at == CD_TIME_NONE || an->summary_due == CD_DATE_NONE)
		printf("  summary:  due %d days after handling ends (handling not ended)\n",
		       env->rules->summary_days);
	else
		printf("  summary:  due %s 24:00 (%d days after handling ended %s) — %s\n",
		       date_show(an->summary_due, day), env->rules->summary_days,
		       time_show(x->handling_ended_at, t1), state_text(an->summary_state));
}

/* say_status: grade, reports, paralysis, handling and the case — after every change and in
 * show. */
static void say_status(const struct incident_env *env, const struct incident *x,
                       const struct incident_analysis *an)
{
	say_grade(x, an);
	say_report(env, x, an);
	if (an->paralysis_known && x->outage_start != CD_TIME_NONE &&
	    x->outage_end != CD_TIME_NONE) {
		char t1[26], t2[26];

		printf("  paralysis: %.10g hours (outage %s – %s)\n", an->paralysis_hours,
		       time_show(x->outage_start, t1), time_show(x->outage_end, t2));
	} else if (an->paralysis_known) {
		printf("  paralysis: %.10g hours (%s)\n", an->paralysis_hours,
		       an->why_text[FACT_PARALYSIS_HOURS] ? an->why_text[FACT_PARALYSIS_HOURS]
							   : an->why[FACT_PARALYSIS_HOURS]);
	}
	enum case_stage stage = accountability_stage(x);
	const char *cs = lang_pick(accountability_stage_code(stage), accountability_stage_label(stage));

	if (x->handling_ended_at == CD_TIME_NONE)
		printf("  handling: open; accountability: %s; triggers %zu fired, %zu open\n", cs,
		       an->nfired, an->nopen);
	else
		printf("  handling: ended; accountability: %s; triggers %zu fired, %zu open\n", cs,
		       an->nfired, an->nopen);
}

/* after_change prints the incident's state now that it was added or an event appended. */
static enum cd_err after_change(struct cli_book *c, const char *code, const char *what,
                                bool added)
{
	struct incident *x = NULL;
	struct incident_env env;
	struct incident_analysis an;
	enum cd_err rc = cli_incident_view(c, code, cli_now(), &x, &env);

	if (!rc)
		rc = cli_book_analyse(c, &env, x, cli_now(), &an);
	if (rc)
		return rc;
	printf("incident %s: %s\n", x->code, what);
	say_status(&env, x, &an);
	if (added) /* just recorded: is it a repeat? */
		accountability_write_repeat(stdout, &env, &an, 2);
	return CD_OK;
}

/* ---- add ---- */

struct add_opts {
	const char *assets, *detected, *title, *unit, *occurred, *cls, *sub, *reporter, *by;
};

/* first_events: the fields given at add time, as IEV_SET events at detection (checked, in
 * order, by the act that records them). */
static enum cd_err first_events(struct cli_book *c, const struct add_opts *o, struct incident *x,
                                struct incident_event *ev, size_t *n)
{
	const char *names[] = {"occurred_at", "class", "subclass", "reporter"};
	const char *values[] = {o->occurred, o->cls, o->sub, o->reporter};
	enum cd_err rc = CD_OK;

	(void)c;
	*n = 0;
	for (size_t i = 0; !rc && i < sizeof names / sizeof names[0]; i++) {
		struct incident_event *e = &ev[*n];

		if (!values[i])
			continue;
		*e = (struct incident_event){.kind = IEV_SET,
		                             .at = x->detected_at,
		                             .recorded_at = CD_TIME_NONE,
		                             .by = o->by,
		                             .name = names[i],
		                             .value = values[i]};
		(*n)++;
	}
	return rc;
}

static int incident_add(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct add_opts a;
	const struct cli_field f[] = {{"--asset", &a.assets},
	                              {"--detected", &a.detected},
	                              {"--title", &a.title},
	                              {"--unit", &a.unit},
	                              {"--occurred", &a.occurred},
	                              {"--class", &a.cls},
	                              {"--subclass", &a.sub},
	                              {"--reporter", &a.reporter},
	                              {"--by", &a.by},
	                              {NULL, NULL}};
	struct incident x;
	struct incident_view v;
	struct incident_event ev[4];
	struct incident_new in = {0};
	struct act act;
	char actor[128];
	size_t n = 0;
	enum cd_err rc;
	char when[26];

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!a.assets || !a.detected) {
		fprintf(stderr,
		        "cyberduty: incident add needs --asset CODE[,CODE…] (the systems it "
		        "happened to) and --detected TIME (the report deadline counts from "
		        "it)\nusage: cyberduty %s\n",
		        usage);
		return EXIT_ERROR;
	}
	incident_init(&x);
	x.code = c.o.pos[0];
	x.title = a.title;
	if (!cli_past_time("--detected", a.detected, &x.detected_at))
		return EXIT_ERROR;
	rc = cli_book_open_incident(&c, NULL, NULL);
	if (!rc)
		rc = cli_act(&c, &act, actor, sizeof actor);
	if (!rc && !(in.assets = cli_split_codes(a.assets, c.b.a, &in.nassets)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "out of memory");
	if (!rc && in.nassets > INCIDENT_ASSETS_MAX)
		rc = cd_diag_set(&c.d, CD_EINVAL, "--asset: more than %d systems",
		                 INCIDENT_ASSETS_MAX);
	if (!rc)
		rc = first_events(&c, &a, &x, ev, &n);
	if (!rc) {
		in.code = x.code;
		in.title = x.title;
		in.detected_at = x.detected_at;
		in.unit = a.unit; /* by default the unit in charge of the first system records it */
		if (!(rc = svc_incident_add(&act, &in, ev, n, &v)))
			x = v.x;
		if (rc && act.field)
			cli_act_option(&c.d, act.field,
				       !strcmp(act.field, "assets")	   ? "--asset"
				       : !strcmp(act.field, "detected_at") ? "--detected"
									   : NULL);
	}
	if (!rc) {
		char what[160];

		snprintf(what, sizeof what, lang_tr("recorded (detected %s, %zu system%s)"),
		         time_show(x.detected_at, when), x.nassets, x.nassets == 1 ? "" : "s");
		rc = after_change(&c, x.code, what, true);
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- event, report, close ---- */

/* append_event finds the incident named first on the command line, resolves what the event
 * names (a person by code given with option `opt`, a class), appends e and prints the new
 * state. */
static int append_event(struct cli_book *c, struct incident_event *e, const char *opt,
                        const char *person, const char *what)
{
	struct incident *x = NULL;
	struct incident_env env;
	enum cd_err rc = cli_book_open_incident(c, &x, &env);

	if (!rc && person)
		rc = cli_person(env.reg, opt, person, &e->person, &c->d);
	if (!rc)
		rc = cli_incident_write(c, x, e, 1, svc_incident_action(e->kind));
	if (!rc)
		rc = after_change(c, x->code, what, false);
	return cli_book_close(c, rc, EXIT_CLEAN);
}

struct event_opts {
	const char *set, *fact, *measure, *person, *participant, *step, *grade, *reason, *at, *by,
	    *note;
};

/* event_kind: which one of the event options was given; -1 (said) when none or several. */
static int event_kind(const struct event_opts *o)
{
	const char *given[] = {o->set,         o->fact, o->measure, o->person,
	                       o->participant, o->step, o->grade};
	const int kinds[] = {IEV_SET,         IEV_FACT, IEV_MEASURE, IEV_PERSON,
	                     IEV_PARTICIPANT, IEV_STEP, IEV_GRADE};
	int k = -1, n = 0;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (given[i]) {
			k = kinds[i];
			n++;
		}
	if (n != 1)
		fprintf(stderr, "cyberduty: incident event takes one of --set FIELD=VALUE, --fact "
		                "NAME=VALUE, --measure NAME=VALUE, --person P, --participant P, "
		                "--step TEXT, --grade G --reason WHY\n");
	else if ((k == IEV_GRADE) != (o->reason != NULL))
		fprintf(stderr, "cyberduty: --grade and --reason go together: a confirmed or "
		                "overridden grade needs its reason\n");
	else if (k == IEV_STEP && o->note)
		fprintf(stderr, "cyberduty: --step TEXT is the step's note; leave out --note\n");
	else
		return k;
	return -1;
}

/* event_fill sets what the options say into e (the NAME=VALUE pairs split into arena a). */
static enum cd_err event_fill(const struct event_opts *o, struct incident_event *e, struct arena *a,
                              struct cd_diag *d)
{
	int g;

	e->note = o->note;
	switch (e->kind) {
	case IEV_SET:
		return cli_split("--set", o->set, a, &e->name, &e->value, d);
	case IEV_FACT:
		return cli_split("--fact", o->fact, a, &e->name, &e->value, d);
	case IEV_MEASURE:
		return cli_split("--measure", o->measure, a, &e->name, &e->value, d);
	case IEV_STEP:
		e->note = o->step;
		return CD_OK;
	case IEV_GRADE:
		g = grade_parse(o->grade);
		e->value = g < 0 ? o->grade : grade_code((enum grade)g);
		e->note = o->reason;
		return CD_OK;
	default:
		return CD_OK;
	}
}

static int incident_event(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct event_opts o;
	const struct cli_field f[] = {{"--set", &o.set},
	                              {"--fact", &o.fact},
	                              {"--measure", &o.measure},
	                              {"--person", &o.person},
	                              {"--participant", &o.participant},
	                              {"--step", &o.step},
	                              {"--grade", &o.grade},
	                              {"--reason", &o.reason},
	                              {"--at", &o.at},
	                              {"--by", &o.by},
	                              {"--note", &o.note},
	                              {NULL, NULL}};
	struct incident_event e = {.recorded_at = CD_TIME_NONE};
	struct arena *a = NULL;
	char what[64];
	enum cd_err rc;
	int k, code;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if ((k = event_kind(&o)) < 0 || !cli_past_time("--at", o.at, &e.at))
		return EXIT_ERROR;
	e.kind = (enum incident_event_kind)k;
	e.by = o.by;
	if (!(a = arena_new(0)))
		return cli_fail(CD_ENOMEM, NULL);
	if ((rc = event_fill(&o, &e, a, &c.d))) {
		arena_free(a);
		return cli_fail(rc, &c.d);
	}
	snprintf(what, sizeof what, lang_tr("%s recorded"),
	         lang_pick(incident_event_code(e.kind), incident_event_label(e.kind)));
	if (k == IEV_PERSON || k == IEV_PARTICIPANT)
		code = append_event(&c, &e, k == IEV_PERSON ? "--person" : "--participant",
		                    k == IEV_PERSON ? o.person : o.participant, what);
	else
		code = append_event(&c, &e, NULL, NULL, what);
	arena_free(a);
	return code;
}

static int incident_report(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *kind, *to, *at, *by, *note;
	const struct cli_field f[] = {{"--kind", &kind}, {"--to", &to},     {"--at", &at},
	                              {"--by", &by},     {"--note", &note}, {NULL, NULL}};
	struct incident_event e = {.kind = IEV_REPORT, .recorded_at = CD_TIME_NONE};

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!kind || !to) {
		fprintf(stderr,
		        "cyberduty: incident report needs --kind initial|supplementary|summary "
		        "and --to (to whom it was reported)\nusage: cyberduty %s\n",
		        usage);
		return EXIT_ERROR;
	}
	if (!cli_past_time("--at", at, &e.at))
		return EXIT_ERROR;
	e.name = report_kind_parse(kind) < 0
	             ? kind
	             : report_kind_code((enum report_kind)report_kind_parse(kind));
	e.value = to;
	e.by = by;
	e.note = note;
	return append_event(&c, &e, NULL, NULL, "report recorded");
}

static int incident_close(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *at, *by, *note;
	const struct cli_field f[] = {
	    {"--at", &at}, {"--by", &by}, {"--note", &note}, {NULL, NULL}};
	struct incident_event e = {.kind = IEV_CLOSE, .recorded_at = CD_TIME_NONE};

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!cli_past_time("--at", at, &e.at))
		return EXIT_ERROR;
	e.by = by;
	e.note = note;
	return append_event(&c, &e, NULL, NULL, "handling ended");
}

/* ---- list ---- */

static void list_row(const struct reg *reg, const struct incident *x,
                     const struct incident_analysis *an)
{
	enum case_stage cs = accountability_stage(x);
	char when[64], grade[64], code[160], c1[64], c2[64], c3[64], c4[64], c5[64];

	snprintf(grade, sizeof grade, "%s %s", grade_label(an->grade),
	         x->graded                  ? lang_pick("confirmed", "已确认")
	         : an->proposal.unconfirmed ? lang_pick("draft", "初拟")
	                                    : lang_pick("proposed", "建议"));
	printf("%s %s %s %s %s %s %2zu/%-2zu    %s", cli_cell(code, sizeof code, x->code, 20),
	       cli_when(when, sizeof when, x->detected_at, CLI_WHEN_WIDTH),
	       cli_cell(c1, sizeof c1, grade, 20),
	       cli_cell(c2, sizeof c2,
	                an->report_required ? lang_pick(due_state_code(an->report_state),
	                                                due_state_label(an->report_state))
	                                    : "—",
	                12),
	       cli_cell(c3, sizeof c3,
	                x->handling_ended_at == CD_TIME_NONE ? lang_pick("open", "处置中")
	                                                     : lang_pick("ended", "已结束"),
	                8),
	       cli_cell(c4, sizeof c4,
	                an->summary_due != CD_DATE_NONE
	                        ? lang_pick(due_state_code(an->summary_state),
	                                    due_state_label(an->summary_state))
	                        : "—",
	                12),
	       an->nfired, an->nopen,
	       cli_cell(c5, sizeof c5,
	                lang_pick(accountability_stage_code(cs), accountability_stage_label(cs)),
	                11));
	for (size_t k = 0; k < x->nassets; k++)
		printf("%s%s", k ? "," : " ", asset_code(reg, x->assets[k]));
	printf("\n");
}

/* list_one adds v (analysed as of the listing's instant) to list, or prints its row. */
static enum cd_err list_one(struct cli_book *c, const struct incident_env *env,
                            const struct incident_view *v, json_t *list)
{
	(void)c;
	if (list)
		json_array_append_new(list, book_incident_list_json(env->reg, &v->x, &v->an));
	else
		list_row(env->reg, &v->x, &v->an);
	return CD_OK;
}

static int incident_list(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct work_query q = {.kind = -1, .limit = 100};
	struct act act;
	char actor[128];
	json_t *list = NULL;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	rc = cli_book_open_incident(&c, NULL, NULL);
	if (!rc)
		rc = cli_act(&c, &act, actor, sizeof actor);
	if (!rc && c.o.json)
		list = json_array();
	else if (!rc)
		printf("%s\n", lang_tr("incident             detected             grade                report       handling summary      triggers case        assets"));
	while (!rc) {
		struct incident_view *v = NULL;
		struct incident_env env;
		size_t got = 0;
		int64_t next = 0;

		rc = svc_incident_page(&act, q, c.o.at, &v, &got, &next, &env);
		for (size_t i = 0; !rc && i < got; i++)
			if (v[i].x.detected_at <= c.o.at)
				rc = list_one(&c, &env, &v[i], list);
		if (!next)
			break;
		q.after = next;
	}
	if (list && !rc && cli_json_dump(json_pack("{s:o}", "incidents", list)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	else if (list && rc)
		json_decref(list);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- show ---- */

/* event_text: what an event says, in one line (a kept proposal or recommendation: its first
 * line). */
/* set_label: an incident's own field (incident_set_field) as a person reads it */
static const char *set_label(const char *name)
{
	static const struct {
		const char *name, *zh;
	} v[] = {{"occurred_at", "发生时间"},	  {"outage_start", "中断开始时间"},
		 {"outage_end", "中断结束时间"},   {"outage_scope", "中断范围"},
		 {"reporter", "报告主体"},	  {"class", "事件分类"},
		 {"subclass", "事件子类"},	  {"coordination_failed", "协调不力"}};

	for (size_t i = 0; name && i < sizeof v / sizeof *v; i++)
		if (!strcmp(v[i].name, name))
			return v[i].zh;
	return name ? name : "?";
}

const char *cli_fact_text(const char *name, const char *value, char *buf, size_t n)
{
	int k = fact_parse(name ? name : "");
	const char *v = value ? value : "";

	if (lang_get() == LANG_EN || k < 0)
		snprintf(buf, n, "%s = %s", name ? name : "?",
			 *v ? v : lang_pick("unknown", "不确定"));
	else
		snprintf(buf, n, "%s：%s", fact_label((enum fact)k),
			 !*v			? "不确定"
			 : !strcmp(v, "true")	? "是"
			 : !strcmp(v, "false") ? "否"
						: v);
	return buf;
}

/* event_value: the value of an IEV_SET, IEV_FACT or IEV_MEASURE event as a person reads it in
 * Chinese — 是/否/不确定, a time as people write it, a code by its label, a class by its name */
static const char *event_value(const struct incident_env *env, const struct incident_event *e,
			       char *buf, size_t n)
{
	const char *v = e->value ? e->value : "";
	const char *name = e->name ? e->name : "";
	const struct incident_class *cl;
	cd_time t;
	int k;

	if (!*v)
		return "不确定";
	if (!strcmp(v, "true") || !strcmp(v, "false"))
		return !strcmp(v, "true") ? "是" : "否";
	if (e->kind == IEV_SET && (!strcmp(name, "occurred_at") || !strcmp(name, "outage_start") ||
				   !strcmp(name, "outage_end")) &&
	    time_parse(v, true, &t)) {
		char when[26];

		snprintf(buf, n, "%s", time_show(t, when));
		return buf;
	}
	if (e->kind == IEV_SET && !strcmp(name, "outage_scope") && (k = outage_scope_parse(v)) >= 0)
		return outage_scope_label((enum outage_scope)k);
	if (e->kind == IEV_SET && !strcmp(name, "reporter") && (k = reporter_parse(v)) >= 0)
		return reporter_label((enum reporter)k);
	if (e->kind == IEV_SET && !strcmp(name, "class") && env->classes &&
	    (cl = incident_class_find(env->classes, v)))
		return cl->name;
	return v;
}

static const char *event_text(const struct incident_env *env, const struct incident_event *e,
                              char *buf, size_t n)
{
	const struct reg *reg = env->reg;
	const char *v = e->value && *e->value ? e->value : lang_pick("unknown", "不确定");
	char who[160], val[128];
	int k;

	switch (e->kind) {
	case IEV_SET:
	case IEV_FACT:
	case IEV_MEASURE:
		if (lang_get() == LANG_EN) { /* the engine's words */
			snprintf(buf, n, "%s = %s%s%s", e->name, v, e->note ? " — " : "",
			         e->note ? e->note : "");
			break;
		}
		/* in Chinese: the fact, measure or field by its label, the value by its */
		k = e->kind == IEV_FACT	     ? fact_parse(e->name ? e->name : "")
		    : e->kind == IEV_MEASURE ? measure_parse(e->name ? e->name : "")
					     : -1;
		snprintf(buf, n, "%s：%s%s%s",
		         e->kind == IEV_FACT && k >= 0	  ? fact_label((enum fact)k)
		         : e->kind == IEV_MEASURE && k >= 0 ? measure_label((enum measure)k)
							  : set_label(e->name),
		         event_value(env, e, val, sizeof val), e->note ? " — " : "",
		         e->note ? e->note : "");
		break;
	case IEV_PERSON:
	case IEV_PARTICIPANT:
		snprintf(buf, n, "%s", cli_person_text(reg, e->person, who, sizeof who));
		break;
	case IEV_REPORT:
		k = report_kind_parse(e->name ? e->name : "");
		snprintf(buf, n, lang_tr("%s to %s"),
		         k < 0 ? "?" : report_kind_label((enum report_kind)k), v);
		break;
	case IEV_GRADE:
		k = grade_parse(v);
		snprintf(buf, n, "%s: %s", k < 0 ? v : grade_label((enum grade)k),
		         e->note ? e->note : "");
		break;
	case IEV_DECIDE:
		snprintf(buf, n, "%s: %s (%s)", cli_person_text(reg, e->person, who, sizeof who), v,
		         e->name ? e->name : "?");
		break;
	default:
		snprintf(buf, n, "%.*s", e->note ? (int)strcspn(e->note, "\n") : 0,
		         e->note ? e->note : "");
	}
	return buf;
}

static void show_timeline(const struct incident_env *env, const struct incident *x)
{
	char at[26], cell[64], rec[26], text[640];

	printf("  timeline:\n    %s  detected\n",
	       cli_cell(cell, sizeof cell, time_show(x->detected_at, at), 22));
	for (size_t i = 0; i < x->nevents; i++) {
		const struct incident_event *e = &x->events[i];

		printf("    %s  %s %s\n",
		       cli_cell(cell, sizeof cell,
		                e->at == CD_TIME_NONE ? lang_tr("(no time)") : time_show(e->at, at),
		                22),
		       lang_pick(incident_event_code(e->kind), incident_event_label(e->kind)),
		       event_text(env, e, text, sizeof text));
		if (e->by)
			printf("      recorded %s by %s\n", time_show(e->recorded_at, rec), e->by);
		else
			printf("      recorded %s\n", time_show(e->recorded_at, rec));
	}
}

static void show_facts(const struct incident_analysis *an)
{
	char buf[INCIDENT_EVIDENCE_MAX];
	size_t nunknown = 0;

	printf("  facts:\n");
	for (int i = 0; i < FACT__MAX; i++) {
		if (an->origin[i] == ORIGIN_UNKNOWN)
			continue;
		char cell[64];
		const char *o = cli_cell(cell, sizeof cell,
		                         lang_pick(fact_origin_code(an->origin[i]),
		                                   fact_origin_label(an->origin[i])),
		                         12);

		if (an->conflict[i])
			printf("    %s %s — a person recorded another value; the data's is used\n", o,
			       incident_evidence_label(an, i, buf, sizeof buf));
		else
			printf("    %s %s\n", o, incident_evidence_label(an, i, buf, sizeof buf));
	}
	for (int i = 0; i < FACT__MAX; i++)
		if (an->origin[i] == ORIGIN_UNKNOWN)
			printf("%s%s", nunknown++ ? lang_pick(", ", "；") : lang_tr("    unknown: "),
			       lang_pick(fact_name((enum fact)i), fact_label((enum fact)i)));
	if (nunknown)
		printf("\n");
}

static void show_record(const struct incident_env *env, const struct incident *x)
{
	const struct reg *reg = env->reg;
	const struct incident_class *cl =
		x->class_code && env->classes ? incident_class_find(env->classes, x->class_code)
					      : NULL;
	const struct unit *u = x->unit ? reg_unit(reg, x->unit) : NULL;
	char t1[26], t2[26];

	if (x->title)
		printf("incident %s — %s\n", x->code, x->title);
	else
		printf("incident %s\n", x->code);
	printf("  detected: %s", time_show(x->detected_at, t1));
	if (x->occurred_at != CD_TIME_NONE)
		printf("; occurred %s", time_show(x->occurred_at, t2));
	printf("\n  unit:     %s\n  assets:  ", u ? u->name : "—");
	for (size_t k = 0; k < x->nassets; k++) {
		const struct asset *a = reg_asset(reg, x->assets[k]);

		printf(" %s %s", a ? a->code : "?", a ? a->name : "?");
	}
	printf("\n");
	if (!x->class_code)
		printf("  class:    not recorded\n");
	else if (x->subclass)
		printf("  class:    %s / %s\n", cl ? lang_pick(cl->code, cl->name) : x->class_code,
		       x->subclass);
	else
		printf("  class:    %s\n", cl ? lang_pick(cl->code, cl->name) : x->class_code);
	if (x->outage_start != CD_TIME_NONE)
		printf("  outage:   %s – %s (%s)\n", time_show(x->outage_start, t1),
		       x->outage_end == CD_TIME_NONE ? lang_pick("not ended", "未结束")
						     : time_show(x->outage_end, t2),
		       lang_pick(outage_scope_code(x->outage_scope),
		                 outage_scope_label(x->outage_scope)));
}

static void show_text(const struct incident_env *env, const struct incident *x,
                      const struct incident_analysis *an)
{
	show_record(env, x);
	say_status(env, x, an);
	if (an->proposal.nunknown)
		printf("  not recorded, could raise the grade:");
	for (size_t i = 0; i < an->proposal.nunknown; i++) {
		enum measure m = (enum measure)an->proposal.unknown[i];

		printf("%s%s", i ? lang_pick(", ", "、") : lang_pick(" ", ""),
		       lang_pick(measure_code(m), measure_label(m)));
	}
	if (an->proposal.nunknown)
		printf("\n");
	show_facts(an);
	accountability_write_triggers(stdout, an, 2);
	accountability_write_chain(stdout, env, x, an, 2);
	show_timeline(env, x);
	for (size_t i = 0; i < an->nwarnings; i++)
		printf("  warning: %s\n", lang_tr(an->warnings[i]));
}

static int show_json(const struct incident_env *env, const struct incident *x,
                     const struct incident_analysis *an)
{
	json_t *o = book_incident_json(env, x, an);

	return o ? cli_json_dump(o) : -1;
}

static int incident_show(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct incident *x = NULL;
	struct incident_env env;
	struct incident_analysis an;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	rc = cli_book_open_incident(&c, &x, &env);
	if (!rc)
		rc = cli_book_analyse(&c, &env, x, c.o.at, &an);
	if (!rc && c.o.json && show_json(&env, x, &an))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	else if (!rc && !c.o.json)
		show_text(&env, x, &an);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* incident_edit corrects a mistake in an incident's record, saying why (svc_incident_correct). */
static int incident_edit(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *code, *title, *unit, *detected, *reason;
	const struct cli_field f[] = {{"--code", &code},	 {"--title", &title},
				      {"--unit", &unit},	 {"--detected", &detected},
				      {"--reason", &reason},	 {NULL, NULL}};
	struct incident_fix in = {.detected_at = CD_TIME_NONE};
	struct incident_view v;
	struct act a;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (detected && !cli_time("--detected", detected, CD_TIME_NONE, &in.detected_at))
		return EXIT_ERROR;
	in.code = code;
	in.clear_title = title && !strcmp(title, "none");
	in.title = in.clear_title ? NULL : title;
	in.unit = unit;
	in.reason = reason;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_incident_correct(&a, 0, c.o.pos[0], &in, &v)))
		cli_act_option(&c.d, a.field,
			       a.field && !strcmp(a.field, "detected_at") ? "--detected" : NULL);
	else
		printf("incident %s corrected (已更正): %s\n", v.x.code, reason);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

int cmd_incident(int argc, char **argv, const char *usage)
{
	static const struct cli_sub subs[] = {
	    {"add", incident_add,
	     "incident add CODE --asset A[,B…] --detected TIME [--title T] [--unit U] "
	     "[--occurred TIME] [--class C] [--subclass S] [--reporter cii|central_organ|other] "
	     "[--by WHO]"},
	    {"list", incident_list, "incident list [--as-of DATE] [--json]"},
	    {"show", incident_show, "incident show CODE [--as-of DATE] [--json]"},
	    {"event", incident_event,
	     "incident event CODE (--set FIELD=VALUE | --fact NAME=VALUE | --measure NAME=VALUE "
	     "| --person P | --participant P | --step TEXT | --grade G --reason WHY) [--at TIME] "
	     "[--by WHO] [--note TEXT]"},
	    {"report", incident_report,
	     "incident report CODE --kind initial|supplementary|summary --to WHOM [--at TIME] "
	     "[--by WHO] [--note TEXT]"},
	    {"close", incident_close, "incident close CODE [--at TIME] [--by WHO] [--note TEXT]"},
	    {"edit", incident_edit,
	     "incident edit CODE --reason WHY [--code NO] [--title T|none] [--unit U] "
	     "[--detected TIME]"},
	};

	if (argc >= 2 && (!strcmp(argv[1], "attach") || !strcmp(argv[1], "files")))
		return cli_file_owner(argc, argv, EVO_INCIDENT);
	return cli_dispatch(argc, argv, "incident", usage, subs, sizeof subs / sizeof subs[0]);
}
