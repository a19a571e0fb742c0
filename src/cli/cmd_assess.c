/* cmd_assess.c — `cyberduty assess …`: the yearly assessment (检查考核) from the command line —
 * open a unit's sheet, enter values and exemptions, take it through 自评 → 复评 → 审定 (or return
 * it), revise an approved one, list, show, rank, write the results list, and check or install
 * an indicator template. Every write is an act of svc/assess.c. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/csv_export.h"
#include "svc/assess.h"
#include "svc/evidence.h"

/* sheet_id reads a sheet's number (a positional argument). */
static bool sheet_id(const char *arg, int64_t *id, const char *usage)
{
	char *end = NULL;
	long long v = strtoll(arg, &end, 10);

	if (v <= 0 || *end) {
		fprintf(stderr, "cyberduty: %s: give the assessment's number (`assess list` shows "
				"them)\nusage: cyberduty %s\n",
			arg, usage);
		return false;
	}
	*id = v;
	return true;
}

static bool year_of(const char *arg, int *year, const char *usage)
{
	char *end = NULL;
	long v = strtol(arg ? arg : "", &end, 10);

	if (!arg || *end || v < 2000 || v > 2100) {
		fprintf(stderr, "cyberduty: %s: give a year (2000 … 2100)\nusage: cyberduty %s\n",
			arg ? arg : "(none)", usage);
		return false;
	}
	*year = (int)v;
	return true;
}

/* step_text: a step of the cycle as a person reads it (its code in English) */
static const char *step_text(const char *kind)
{
	static const struct {
		const char *code, *zh;
	} steps[] = {{"open", "建立"},	     {"submit", "提交自评"},  {"review", "复评"},
		     {"approve", "审定"},    {"return", "退回单位"}, {"send_back", "退回复评"},
		     {"revise", "修订"}};

	for (size_t i = 0; kind && i < sizeof steps / sizeof steps[0]; i++)
		if (!strcmp(kind, steps[i].code))
			return lang_pick(steps[i].code, steps[i].zh);
	return kind ? kind : "?";
}

/* print_sheet writes a sheet for a person: its indicators by group, scores and grade. */
static void print_sheet(const struct assess_sheet *s)
{
	char a[32], b[32], when[26], kind[48];

	printf("assessment %lld: %s %s — %d, version %d — %s\n", (long long)s->rec.id,
	       s->rec.unit_code, s->rec.unit_name, s->rec.year, s->rec.version,
	       lang_pick(assess_stage_code(s->rec.stage), assess_stage_label(s->rec.stage)));
	printf("  template: %s — %s\n", s->t->id, s->t->title);
	for (size_t g = 0; g < s->t->ngroups; g++) {
		printf("  %s\n", s->t->groups[g].name);
		for (size_t i = 0; i < s->t->nind; i++) {
			const struct assess_line *l = &s->lines[i];

			if (l->ind->group != g)
				continue;
			if (l->ind->rule == ASR_VETO)
				printf("    %-18s %-24s %s", l->ind->code, l->ind->name,
				       l->it.vetoed ? lang_pick("VETO", "一票否决") : "—");
			else
				printf("    %-18s %-24s %6s / %-5s", l->ind->code, l->ind->name,
				       assess_fmt(l->it.score, a, sizeof a),
				       assess_fmt(l->ind->weight, b, sizeof b));
			if (l->v.kind == AV_SHARE)
				printf("  %lld/%lld", (long long)l->v.n, (long long)l->v.d);
			else if (l->v.kind == AV_COUNT)
				printf("  ×%lld", (long long)l->v.n);
			else if (l->v.kind == AV_LEVEL)
				printf("  P=%s", assess_fmt(l->v.n, a, sizeof a));
			printf("%s%s%s\n", l->computed ? lang_pick("  (computed)", "  （自动计算）") : "",
			       l->it.missing ? lang_pick("  missing", "  缺") : "",
			       l->exempt_reason ? lang_pick("  exempt", "  免责") : "");
			if (l->exempt_reason)
				printf("      exempt: %s\n", l->exempt_reason);
		}
	}
	printf("  base %s, bonus %s%s, total %s — %s%s\n", assess_fmt(s->total.base, a, sizeof a),
	       assess_fmt(s->total.bonus, b, sizeof b),
	       s->total.bonus_counted ? "" : lang_pick(" (not counted)", "（不计入）"),
	       assess_fmt(s->total.total, a, sizeof a),
	       s->grade ? lang_pick(s->grade->code, s->grade->label) : "?",
	       s->total.vetoed ? lang_pick(" (vetoed)", "（一票否决）") : "");
	for (size_t i = 0; i < s->nsteps; i++)
		printf("  %s  %s %s%s%s\n", time_show(s->steps[i].at, when),
		       cli_cell(kind, sizeof kind, step_text(s->steps[i].kind), 9),
		       s->steps[i].by, s->steps[i].comment ? " — " : "",
		       s->steps[i].comment ? s->steps[i].comment : "");
}

/* done_sheet prints a sheet after an act (or its JSON). */
static void done_sheet(const struct cli_opts *o, const struct assess_sheet *s)
{
	if (o->json)
		cli_json_dump(svc_assess_sheet_json(s));
	else
		print_sheet(s);
}

static int assess_open(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct assess_sheet s;
	struct act a;
	char actor[128];
	int year;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 2, 2, usage, &c.o) ||
	    !year_of(c.o.pos[1], &year, usage))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_assess_open(&a, c.o.pos[0], year, &s)))
		cli_act_option(&c.d, a.field, a.field ? "UNIT" : NULL);
	else
		done_sheet(&c.o, &s);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int assess_show(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct assess_sheet s;
	struct act a;
	char actor[128];
	int64_t id;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 1, 1, usage, &c.o) ||
	    !sheet_id(c.o.pos[0], &id, usage))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (!(rc = svc_assess_sheet(&a, id, &s)))
		done_sheet(&c.o, &s);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* assess_set: ID INDICATOR [VALUE] [--of N] [--exempt REASON] [--note TEXT]; `unexempt` takes
 * an exemption back. */
static int assess_set(int argc, char **argv, const char *usage, bool unexempt)
{
	struct cli_book c = {0};
	const char *of = NULL, *exempt = NULL, *note = NULL;
	const struct cli_field f[] = {
		{"--of", &of}, {"--exempt", &exempt}, {"--note", &note}, {NULL, NULL}};
	struct assess_entry in = {.of = -1, .exempt = -1};
	struct assess_sheet s;
	struct act a;
	char actor[128], *end = NULL;
	int64_t id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, unexempt ? f + 2 : f, 2,
			      unexempt ? 2 : 3, usage, &c.o) ||
	    !sheet_id(c.o.pos[0], &id, usage))
		return EXIT_ERROR;
	in.indicator = c.o.pos[1];
	in.value = c.o.npos > 2 ? c.o.pos[2] : NULL;
	in.note = note;
	if (of) {
		long long v = strtoll(of, &end, 10);

		if (v < 0 || *end) {
			fprintf(stderr, "cyberduty: --of %s: give a whole number\n", of);
			return EXIT_ERROR;
		}
		in.of = v;
	}
	if (exempt) {
		in.exempt = 1;
		in.reason = exempt;
	} else if (unexempt) {
		in.exempt = 0;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_assess_set(&a, id, &in, &s)))
		cli_act_option(&c.d, a.field,
			       !a.field			      ? NULL
			       : !strcmp(a.field, "value")     ? "VALUE"
			       : !strcmp(a.field, "indicator") ? "INDICATOR"
			       : !strcmp(a.field, "reason")    ? "--exempt"
							       : NULL);
	else
		done_sheet(&c.o, &s);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int set_value(int argc, char **argv, const char *usage)
{
	return assess_set(argc, argv, usage, false);
}

static int unexempt(int argc, char **argv, const char *usage)
{
	return assess_set(argc, argv, usage, true);
}

/* assess_step: submit, review, approve with --comment; return and send-back with --reason. */
static int assess_step(int argc, char **argv, const char *usage, enum assess_act step)
{
	struct cli_book c = {0};
	const char *comment = NULL;
	bool reason = step == ASA_RETURN || step == ASA_SEND_BACK;
	const struct cli_field f[] = {{reason ? "--reason" : "--comment", &comment}, {NULL, NULL}};
	struct assess_sheet s;
	struct act a;
	char actor[128];
	int64_t id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 1, 1, usage, &c.o) ||
	    !sheet_id(c.o.pos[0], &id, usage))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_assess_step(&a, id, step, comment, &s)))
		cli_act_option(&c.d, a.field && strcmp(a.field, "values") ? a.field : NULL,
			       a.field && !strcmp(a.field, "comment") && reason ? "--reason" : NULL);
	else
		done_sheet(&c.o, &s);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int submit(int argc, char **argv, const char *usage)
{
	return assess_step(argc, argv, usage, ASA_SUBMIT);
}

static int review(int argc, char **argv, const char *usage)
{
	return assess_step(argc, argv, usage, ASA_REVIEW);
}

static int approve(int argc, char **argv, const char *usage)
{
	return assess_step(argc, argv, usage, ASA_APPROVE);
}

static int give_back(int argc, char **argv, const char *usage)
{
	return assess_step(argc, argv, usage, ASA_RETURN);
}

static int send_back(int argc, char **argv, const char *usage)
{
	return assess_step(argc, argv, usage, ASA_SEND_BACK);
}

static int revise(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *reason = NULL;
	const struct cli_field f[] = {{"--reason", &reason}, {NULL, NULL}};
	struct assess_sheet s;
	struct act a;
	char actor[128];
	int64_t id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 1, 1, usage, &c.o) ||
	    !sheet_id(c.o.pos[0], &id, usage))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_assess_revise(&a, id, reason, &s)))
		cli_act_option(&c.d, a.field, NULL);
	else
		done_sheet(&c.o, &s);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int list(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *year = NULL, *unit = NULL, *stage = NULL;
	const struct cli_field f[] = {
		{"--year", &year}, {"--unit", &unit}, {"--stage", &stage}, {NULL, NULL}};
	struct assess_query q = {.stage = -1, .limit = 200};
	json_t *items = NULL;
	struct act a;
	char actor[128], t[32], uc[96], un[256], st[64];
	struct assess_tpl *tp = NULL;
	const struct assess_template *tpl = NULL;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 0, 0, usage, &c.o) ||
	    (year && !year_of(year, &q.year, usage)))
		return EXIT_ERROR;
	if (stage && (q.stage = assess_stage_parse(stage)) < 0) {
		fprintf(stderr, "cyberduty: --stage %s: use draft, submitted, reviewed or approved\n",
			stage);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (unit && (rc = act_ref(&a, SK_UNIT, unit, "unit", &q.unit)))
		cli_act_option(&c.d, a.field, NULL);
	if (!rc && !c.o.json && !(rc = svc_assess_template(&a, &tp)))
		tpl = &tp->t; /* the grades' labels */
	if (!rc && c.o.json)
		items = json_array();
	for (int64_t next = 1; !rc && next;) {
		struct assess_rec *r = NULL;
		size_t n = 0;

		if ((rc = svc_assess_page(&a, q, &r, &n, &next)))
			break;
		for (size_t i = 0; i < n; i++) {
			if (items) {
				json_array_append_new(items, svc_assess_json(&r[i]));
				continue;
			}
			printf("%5lld  %d  %s %s v%d  %s %6s  %s%s\n", (long long)r[i].id,
			       r[i].year, cli_cell(uc, sizeof uc, r[i].unit_code, 12),
			       cli_cell(un, sizeof un, r[i].unit_name, 22), r[i].version,
			       cli_cell(st, sizeof st,
					lang_pick(assess_stage_code(r[i].stage),
						  assess_stage_label(r[i].stage)),
					8),
			       r[i].scored ? assess_fmt(r[i].total, t, sizeof t) : "—",
			       r[i].grade ? lang_pick(r[i].grade, svc_assess_grade_label(tpl, r[i].grade))
					  : "",
			       r[i].vetoed ? lang_pick(" vetoed", " 一票否决") : "");
		}
		q.after = next;
	}
	if (!rc && items)
		cli_json_dump(json_pack("{s:o}", "assessments", items));
	else
		json_decref(items);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int ranking(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct assess_rank *r = NULL;
	struct act a;
	char actor[128], t[32], p[32], d[32], uc[96], un[256], gr[64];
	size_t n = 0;
	int year;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 1, 1, usage, &c.o) ||
	    !year_of(c.o.pos[0], &year, usage))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_assess_ranking(&a, year, &r, &n)))
		return cli_book_close(&c, rc, 0);
	if (c.o.json) {
		json_t *items = json_array();

		for (size_t i = 0; items && i < n; i++)
			json_array_append_new(items, svc_assess_rank_json(&r[i]));
		cli_json_dump(json_pack("{s:i, s:o}", "year", year, "ranking", items));
		return cli_book_close(&c, rc, EXIT_CLEAN);
	}
	printf("ranking of %d\n", year);
	for (size_t i = 0; i < n; i++) {
		const struct assess_rank_rec *x = &r[i].r;

		/* the rank and the score right-aligned in terminal columns ("—" is one column of
		 * three bytes, which printf's widths count) */
		if (r[i].rank)
			snprintf(d, sizeof d, "%d", r[i].rank);
		if (x->r.scored)
			assess_fmt(x->r.total, t, sizeof t);
		printf("%*s%s  %s %s %*s%s %s %s", 4 - lang_width(r[i].rank ? d : "—"), "",
		       r[i].rank ? d : "—", cli_cell(uc, sizeof uc, x->r.unit_code, 12),
		       cli_cell(un, sizeof un, x->r.unit_name, 22),
		       6 - lang_width(x->r.scored ? t : "—"), "", x->r.scored ? t : "—",
		       cli_cell(gr, sizeof gr,
				r[i].grade_label ? lang_pick(x->r.grade, r[i].grade_label) : "", 6),
		       lang_pick(assess_stage_code(x->r.stage), assess_stage_label(x->r.stage)));
		if (x->r.vetoed)
			printf("%s", lang_pick(" vetoed", " 一票否决"));
		if (x->has_prev && x->prev_scored)
			printf("  last year %s%s", assess_fmt(x->prev_total, p, sizeof p),
			       x->r.scored ? (snprintf(d, sizeof d, " (%s%s)",
						       x->r.total >= x->prev_total ? "+" : "",
						       assess_fmt(x->r.total - x->prev_total, t,
								  sizeof t)),
					      d)
					   : "");
		printf("\n");
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* results: the results list of a year as CSV (standard output or --output) or XLSX (--output). */
static int results(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *lang = NULL;
	const struct cli_field f[] = {{"--lang", &lang}, {NULL, NULL}};
	bool xlsx;
	struct act a;
	char actor[128];
	FILE *out = stdout;
	int year, lg = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_FORMAT | OPT_OUTPUT, f, 1, 1, usage, &c.o) ||
	    !year_of(c.o.pos[0], &year, usage))
		return EXIT_ERROR;
	xlsx = c.o.format && !strcmp(c.o.format, "xlsx");
	if ((c.o.format && !xlsx && strcmp(c.o.format, "csv")) || (xlsx && !c.o.output) ||
	    (lang && (lg = csv_lang_parse(lang)) < 0)) {
		fprintf(stderr, "cyberduty: --format csv|xlsx (xlsx needs --output FILE), --lang "
				"zh|en\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (!xlsx && c.o.output && !(out = fopen(c.o.output, "wb"))) {
		fprintf(stderr, "cyberduty: %s: cannot create it (%s)\n", c.o.output,
			strerror(errno));
		return EXIT_ERROR;
	}
	if (!(rc = cli_open(&c.o, &c.s, &c.p, &c.d)) && !(rc = cli_act(&c, &a, actor, sizeof actor)))
		rc = svc_assess_results(&a, year, out, xlsx ? c.o.output : NULL,
					lg == CSV_LANG_EN);
	if (out != stdout && fclose(out) && !rc)
		rc = cd_diag_set(&c.d, CD_EIO, "%s: cannot write it", c.o.output);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* template: show (the one new sheets open under), check FILE, use FILE. */
static int template(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct assess_tpl *t = NULL;
	struct act a;
	char actor[128], w[32];
	const char *verb;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 1, 2, usage, &c.o))
		return EXIT_ERROR;
	verb = c.o.pos[0];
	if (!strcmp(verb, "check") && c.o.npos == 2) {
		if ((rc = assess_load_file(c.o.pos[1], &t, &c.d)))
			return cli_fail(rc, &c.d);
		printf("%s: template %s for %s — %zu indicators in %zu groups, %zu grades: ok\n",
		       c.o.pos[1], t->t.id, t->t.profile, t->t.nind, t->t.ngroups, t->t.ngrades);
		assess_tpl_free(t);
		return EXIT_CLEAN;
	}
	if (!(!strcmp(verb, "show") && c.o.npos == 1) && !(!strcmp(verb, "use") && c.o.npos == 2)) {
		fprintf(stderr, "usage: cyberduty %s\n", usage);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (!strcmp(verb, "use")) {
		struct assess_tpl *f = NULL;

		if (!(rc = assess_load_file(c.o.pos[1], &f, &c.d))) {
			rc = svc_assess_template_use(&a, f->source, f->source_len, c.o.pos[1]);
			assess_tpl_free(f);
		}
		if (!rc)
			printf("%s: new assessments open under it; those open keep theirs\n",
			       c.o.pos[1]);
		return cli_book_close(&c, rc, EXIT_CLEAN);
	}
	if (!(rc = svc_assess_template(&a, &t))) {
		printf("%s — %s\n%s\n", t->t.id, t->t.title, t->t.source);
		for (size_t g = 0; g < t->t.ngroups; g++) {
			printf("  %s\n", t->t.groups[g].name);
			for (size_t i = 0; i < t->t.nind; i++)
				if (t->t.ind[i].group == g)
					printf("    %-18s %-8s %-20s V=%-4s %s — 证明材料: %s\n",
					       t->t.ind[i].code, assess_rule_code(t->t.ind[i].rule),
					       assess_measure_code(t->t.ind[i].measure),
					       assess_fmt(t->t.ind[i].weight, w, sizeof w),
					       t->t.ind[i].name, t->t.ind[i].evidence);
		}
		for (size_t g = 0; g < t->t.ngrades; g++)
			printf("  %s ≥ %s\n", t->t.grades[g].label,
			       assess_fmt(t->t.grades[g].min, w, sizeof w));
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int attach_files(int argc, char **argv, const char *usage)
{
	(void)usage;
	return cli_file_owner(argc + 1, argv - 1, EVO_ASSESSMENT);
}

int cmd_assess(int argc, char **argv, const char *usage)
{
	static const struct cli_sub subs[] = {
		{"open", assess_open, "assess open UNIT YEAR [--json]"},
		{"list", list, "assess list [--year Y] [--unit U] [--stage S] [--json]"},
		{"show", assess_show, "assess show ID [--json]"},
		{"set", set_value,
		 "assess set ID INDICATOR [VALUE] [--of N] [--exempt REASON] [--note TEXT] [--json]"},
		{"unexempt", unexempt, "assess unexempt ID INDICATOR [--note TEXT] [--json]"},
		{"submit", submit, "assess submit ID [--comment TEXT] [--json]"},
		{"review", review, "assess review ID [--comment TEXT] [--json]"},
		{"approve", approve, "assess approve ID [--comment TEXT] [--json]"},
		{"return", give_back, "assess return ID --reason WHY [--json]"},
		{"send-back", send_back, "assess send-back ID --reason WHY [--json]"},
		{"revise", revise, "assess revise ID --reason WHY [--json]"},
		{"ranking", ranking, "assess ranking YEAR [--json]"},
		{"results", results,
		 "assess results YEAR [--format csv|xlsx] [--output FILE] [--lang zh|en]"},
		{"template", template, "assess template show | check FILE | use FILE"},
		{"attach", attach_files, "assess attach ID FILE [--name NAME] [--json]"},
		{"files", attach_files, "assess files ID [--json]"},
	};

	return cli_dispatch(argc, argv, "assess", usage, subs, sizeof subs / sizeof *subs);
}
