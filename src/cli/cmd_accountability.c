/* cmd_accountability.c — `cyberduty accountability propose|answer|recommend|decide|show
 * INCIDENT`: the accountability case (责任追究) of an incident, kept in its timeline — the
 * engine's proposal (triggers fired with their evidence, open questions, the chain 逐级倒查), the
 * answers to the open questions, the office's recommendation (问责建议) and the decision of the
 * authority, one per person (docs/incidents.md). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/accountability.h"
#include "svc/book.h"
#include "svc/work.h"

#define DECISIONS_MAX 64

/* case_at: the instant a proposal or recommendation speaks of: --as-of, but never later than
 * now (what is kept has happened). */
static cd_time case_at(const struct cli_book *c)
{
	cd_time now = cli_now();

	return c->o.at < now ? c->o.at : now;
}

/* ---- propose, recommend: the text of the analysis, printed and kept ---- */

static int write_case(int argc, char **argv, const char *usage, enum incident_event_kind kind)
{
	struct cli_book c = {0};
	const char *by;
	const struct cli_field f[] = {{"--by", &by}, {NULL, NULL}};
	struct incident_view v;
	struct act a;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_AS_OF, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_incident_case(&a, 0, c.o.pos[0], kind, case_at(&c), by, &v);
	if (rc == CD_ENOTFOUND)
		cd_diag_set(&c.d, CD_ENOTFOUND, "no incident %s (see `cyberduty incident list`)",
			    c.o.pos[0]);
	if (!rc)
		printf("%s\nkept in the timeline of incident %s; the case is now %s (%s)\n",
		       v.x.events[v.x.nevents - 1].note, v.x.code,
		       accountability_stage_code(accountability_stage(&v.x)),
		       accountability_stage_label(accountability_stage(&v.x)));
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- answer ---- */

static int case_answer(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *note, *at, *by;
	const struct cli_field f[] = {
	    {"--note", &note}, {"--at", &at}, {"--by", &by}, {NULL, NULL}};
	struct incident_event e = {.kind = IEV_FACT, .recorded_at = CD_TIME_NONE};
	struct incident *x = NULL;
	struct incident_env env;
	struct incident_analysis an;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 2, 2, usage, &c.o))
		return EXIT_ERROR;
	if (!note) {
		fprintf(stderr,
		        "cyberduty: accountability answer needs --note WHY (how it is known: "
		        "the evidence for the answer)\nusage: cyberduty %s\n",
		        usage);
		return EXIT_ERROR;
	}
	if (!cli_past_time("--at", at, &e.at))
		return EXIT_ERROR;
	e.by = by;
	e.note = note;
	rc = cli_book_open_incident(&c, &x, &env);
	if (!rc)
		rc = cli_split("answer", c.o.pos[1], c.b.a, &e.name, &e.value, &c.d);
	if (!rc)
		rc = cli_incident_write(&c, x, &e, 1, "accountability.answer");
	if (!rc)
		rc = cli_book_analyse(&c, &env, x, cli_now(), &an);
	if (!rc) {
		char fact[160];

		printf("incident %s: answer recorded: %s (%s)\n", x->code,
		       cli_fact_text(e.name, e.value, fact, sizeof fact), note);
		accountability_write_triggers(stdout, &an, 0);
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- decide ---- */

/* decisions builds one IEV_DECIDE per "PERSON=OUTCOME" of v[0..n) into e. */
static enum cd_err decisions(struct cli_book *c, const struct reg *reg, const char *const *v,
                             size_t n, struct incident_event *e,
                             const struct incident_event *proto)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++) {
		const char *who = NULL;

		e[i] = *proto;
		rc = cli_split("--outcome", v[i], c->b.a, &who, &e[i].value, &c->d);
		if (!rc && !*e[i].value)
			rc = cd_diag_set(&c->d, CD_EINVAL,
			                 "--outcome %s: say the outcome after '='", v[i]);
		if (!rc)
			rc = cli_person(reg, "--outcome", who, &e[i].person, &c->d);
		for (size_t k = 0; !rc && k < i; k++)
			if (e[k].person == e[i].person)
				rc = cd_diag_set(
				    &c->d, CD_EINVAL,
				    "--outcome: %s is given twice (one outcome a person)", who);
	}
	return rc;
}

static bool decide_day(const char *date, cd_time *at)
{
	cd_date day;
	cd_time now = cli_now();

	if (!date || !date_parse(date, &day)) {
		fprintf(stderr, "cyberduty: --date wants the day of the decision, YYYY-MM-DD\n");
		return false;
	}
	if (day > cli_today()) {
		fprintf(stderr,
		        "cyberduty: --date %s lies in the future; record a decision taken\n", date);
		return false;
	}
	*at = time_cst_end(day) - 1 < now ? time_cst_end(day) - 1 : now;
	return true;
}

static void say_decided(const struct reg *reg, const struct incident *x,
                        const struct incident_event *e, size_t n)
{
	char who[160], day[26];

	printf("incident %s: decided by %s on %s\n", x->code, e[0].name,
	       date_show(time_cst_date(e[0].at), day));
	for (size_t i = 0; i < n; i++)
		printf("  %s: %s\n", cli_person_text(reg, e[i].person, who, sizeof who),
		       e[i].value);
}

static int case_decide(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *authority, *date, *by, *outcome[DECISIONS_MAX];
	size_t n = 0;
	const struct cli_field f[] = {
	    {"--authority", &authority}, {"--date", &date}, {"--by", &by}, {NULL, NULL}};
	const struct cli_list l = {"--outcome", outcome, DECISIONS_MAX, &n};
	struct incident_event proto = {.kind = IEV_DECIDE, .recorded_at = CD_TIME_NONE}, *e = NULL;
	struct incident *x = NULL;
	struct incident_env env;
	enum cd_err rc;

	if (!cli_parse_lists(argc, argv, OPT_DB, f, &l, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!authority || !n) {
		fprintf(stderr,
		        "cyberduty: accountability decide needs --authority (who decided), "
		        "--date and --outcome PERSON=OUTCOME for each person\nusage: "
		        "cyberduty %s\n",
		        usage);
		return EXIT_ERROR;
	}
	if (!decide_day(date, &proto.at))
		return EXIT_ERROR;
	proto.name = authority;
	proto.by = by;
	rc = cli_book_open_incident(&c, &x, &env);
	if (!rc && !(e = arena_alloc(c.b.a, n * sizeof(*e))))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = decisions(&c, env.reg, outcome, n, e, &proto);
	if (!rc)
		rc = cli_incident_write(&c, x, e, n, "incident.decide");
	if (!rc)
		say_decided(env.reg, x, e, n);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- show ---- */

static json_t *case_event_json(const struct reg *reg, const struct incident_event *e)
{
	const struct person *p = e->person ? reg_person(reg, e->person) : NULL;
	json_t *o = json_pack("{s:o, s:o, s:o}", "at", jnull_time(e->at), "recorded_at",
	                      jnull_time(e->recorded_at), "by", jnull_str(e->by));

	if (e->kind == IEV_FACT) {
		json_object_set_new(o, "fact", jnull_str(e->name));
		json_object_set_new(o, "value", jnull_str(e->value));
	} else if (e->kind == IEV_DECIDE) {
		json_object_set_new(o, "authority", jnull_str(e->name));
		json_object_set_new(o, "person", jnull_str(p ? p->code : NULL));
		json_object_set_new(o, "name", jnull_str(p ? p->name : NULL));
		json_object_set_new(o, "outcome", jnull_str(e->value));
	}
	if (e->kind != IEV_DECIDE)
		json_object_set_new(o, e->kind == IEV_FACT ? "note" : "text",
		                    jnull_str(e->note));
	return o;
}

static json_t *case_events_json(const struct reg *reg, const struct incident *x,
                                enum incident_event_kind kind)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < x->nevents; i++)
		if (x->events[i].kind == kind)
			json_array_append_new(arr, case_event_json(reg, &x->events[i]));
	return arr;
}

static int show_json(const struct reg *reg, const struct incident *x)
{
	enum case_stage st = accountability_stage(x);

	return cli_json_dump(json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "incident", x->code,
	                               "stage", accountability_stage_code(st), "stage_label",
	                               accountability_stage_label(st), "proposals",
	                               case_events_json(reg, x, IEV_PROPOSE), "answers",
	                               case_events_json(reg, x, IEV_FACT), "recommendations",
	                               case_events_json(reg, x, IEV_RECOMMEND), "decisions",
	                               case_events_json(reg, x, IEV_DECIDE)));
}

/* last: the latest event of kind in x's timeline, or NULL. */
static const struct incident_event *last(const struct incident *x, enum incident_event_kind kind)
{
	for (size_t i = x->nevents; i-- > 0;)
		if (x->events[i].kind == kind)
			return &x->events[i];
	return NULL;
}

/* show_kept: the latest kept proposal (or recommendation) and how many are kept */
static void show_kept(bool proposal, const struct incident_event *e, size_t n)
{
	const char *note;
	char when[26];

	if (!e)
		return;
	note = e->note ? e->note : "";
	time_show(e->at, when);
	if (proposal && e->by)
		printf("\nproposal (%zu kept; the latest, %s by %s):\n%s", n, when, e->by, note);
	else if (proposal)
		printf("\nproposal (%zu kept; the latest, %s):\n%s", n, when, note);
	else if (e->by)
		printf("\nrecommendation (%zu kept; the latest, %s by %s):\n%s", n, when, e->by, note);
	else
		printf("\nrecommendation (%zu kept; the latest, %s):\n%s", n, when, note);
}

static void show_text(const struct reg *reg, const struct incident *x)
{
	enum case_stage st = accountability_stage(x);
	char when[26], who[160];

	printf("accountability case of incident %s — %s (%s)\n", x->code,
	       accountability_stage_code(st), accountability_stage_label(st));
	if (st == CASE_NONE)
		printf(
		    "  nothing proposed yet: cyberduty accountability propose %s (after handling "
		    "ends)\n",
		    x->code);
	printf("answers and facts recorded:\n");
	for (size_t i = 0; i < x->nevents; i++) {
		const struct incident_event *e = &x->events[i];

		char fact[160];

		if (e->kind == IEV_FACT && e->by)
			printf("  %s  %s — %s — by %s\n", time_show(e->at, when),
			       cli_fact_text(e->name, e->value, fact, sizeof fact),
			       e->note ? e->note : "", e->by);
		else if (e->kind == IEV_FACT)
			printf("  %s  %s — %s\n", time_show(e->at, when),
			       cli_fact_text(e->name, e->value, fact, sizeof fact),
			       e->note ? e->note : "");
	}
	show_kept(true, last(x, IEV_PROPOSE), x->nproposals);
	show_kept(false, last(x, IEV_RECOMMEND), x->nrecommendations);
	if (x->ndecisions)
		printf("\ndecision:\n");
	for (size_t i = 0; i < x->nevents; i++) {
		const struct incident_event *e = &x->events[i];

		if (e->kind == IEV_DECIDE)
			printf("  %s %s: %s — %s\n", date_show(time_cst_date(e->at), when), e->name,
			       cli_person_text(reg, e->person, who, sizeof who), e->value);
	}
}

static int case_show(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct incident *x = NULL;
	struct incident_env env;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	rc = cli_book_open_incident(&c, &x, &env);
	if (!rc && c.o.json && show_json(env.reg, x))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	else if (!rc && !c.o.json)
		show_text(env.reg, x);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int case_propose(int argc, char **argv, const char *usage)
{
	return write_case(argc, argv, usage, IEV_PROPOSE);
}

static int case_recommend(int argc, char **argv, const char *usage)
{
	return write_case(argc, argv, usage, IEV_RECOMMEND);
}

int cmd_accountability(int argc, char **argv, const char *usage)
{
	static const struct cli_sub subs[] = {
	    {"propose", case_propose, "accountability propose INCIDENT [--as-of TIME] [--by WHO]"},
	    {"answer", case_answer,
	     "accountability answer INCIDENT FACT=VALUE --note WHY [--at TIME] [--by WHO]"},
	    {"recommend", case_recommend,
	     "accountability recommend INCIDENT [--as-of TIME] [--by WHO]"},
	    {"decide", case_decide,
	     "accountability decide INCIDENT --authority WHO --date DATE --outcome "
	     "PERSON=OUTCOME [--outcome …] [--by WHO]"},
	    {"show", case_show, "accountability show INCIDENT [--json]"},
	};

	return cli_dispatch(argc, argv, "accountability", usage, subs,
	                    sizeof subs / sizeof subs[0]);
}
