/* test_incident.c — the incident engine in core as tables: the timeline's rules, the grade
 * proposed from the built-in thresholds (each boundary, confirmed and draft figures), report
 * deadlines per reporter at the instant's edge, summary due dates, derived facts (paralysis from
 * the outage, reported_timely, notice_unrectified, major_incident, register facts), the chain
 * across a change of holder the day before, vacancies, collective responsibility, coordination,
 * the repeat window and the recommendation text. */
#include "testutil.h"
#include "fixreg.h"

#include "core/incident.h"
#include "io/calendar_load.h"
#include "io/incident_data.h"
#include "profile/profile_load.h"

static struct profile *central, *yantai;
static struct calendar *cal;
static struct arena *data;
static struct grade_rules rules;
static struct incident_classes classes;

static int setup(void **state)
{
	struct cd_diag d = {{0}};

	(void)state;
	data = arena_new(0);
	if (profile_open("central-2017", &central, &d) ||
	    profile_open("yantai-fao-2021", &yantai, &d) || calendar_from_data(NULL, &cal, &d) ||
	    incident_data_builtin(data, &rules, &classes, &d)) {
		print_error("setup: %s\n", d.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	profile_free(central);
	profile_free(yantai);
	calendar_free(cal);
	arena_free(data);
	return 0;
}

/* The organisation: a party committee at the root, its leading group's office, a college that
 * manages a prefecture-level portal (asset 1) and a CII system (asset 2). The deputy in charge
 * of cybersecurity changes on 2024-05-10, the day the incident is detected. */
static struct reg *org(bool secretary)
{
	struct reg *r = reg_new();

	assert_non_null(r);
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "OFFICE", 1, UNIT_LEADING_GROUP_OFFICE);
	fx_unit(r, 3, "COLLEGE", 1, UNIT_DEPARTMENT);
	fx_person(r, 1, "secretary")->unit = 1;
	fx_person(r, 2, "olddeputy")->unit = 1;
	fx_person(r, 3, "newdeputy")->unit = 1;
	fx_person(r, 4, "officehead")->unit = 2;
	fx_person(r, 5, "operator")->unit = 3;
	fx_person(r, 6, "member")->unit = 1;
	if (secretary)
		fx_duty(r, 1, ROLE_FIRST_RESPONSIBLE, 1, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 2, ROLE_DIRECT_RESPONSIBLE, 2, 1, 0, "2020-01-01", "2024-05-09");
	fx_duty(r, 3, ROLE_DIRECT_RESPONSIBLE, 3, 1, 0, "2024-05-10", NULL);
	fx_duty(r, 4, ROLE_PRINCIPAL, 4, 2, 0, "2020-01-01", NULL);
	fx_duty(r, 5, ROLE_LEADERSHIP_MEMBER, 6, 1, 0, "2020-01-01", NULL);
	struct asset *a = fx_asset(r, 1, "PORTAL", 3);
	a->kind = ASSET_PORTAL;
	a->admin_level = "prefecture_or_above";
	a->protection_installed = true;
	a = fx_asset(r, 2, "CII", 3);
	a->cii = true;
	return r;
}

static int64_t one_asset[] = {1};
static int64_t cii_asset[] = {2};

static void incident_on(struct incident *x, int64_t *assets, const char *detected)
{
	incident_init(x);
	x->id = 1;
	x->code = "INC-1";
	x->assets = assets;
	x->nassets = 1;
	x->detected_at = T(detected);
}

struct world {
	struct reg *reg;
	struct arena *a;
	const struct cond **conds;
	struct incident_env env;
};

static void world_open(struct world *w, const struct profile *p, bool secretary)
{
	struct cd_diag d = {{0}};

	memset(w, 0, sizeof *w);
	w->reg = org(secretary);
	w->a = arena_new(0);
	assert_int_equal(cond_parse_profile(p, w->a, &w->conds, &d), CD_OK);
	w->env = (struct incident_env){.p = p, .rules = &rules, .reg = w->reg, .cal = cal,
				       .conds = w->conds};
}

static void world_close(struct world *w)
{
	reg_free(w->reg);
	arena_free(w->a);
}

static void analyse(struct world *w, const struct incident *x, const char *at,
		    struct incident_analysis *an)
{
	assert_int_equal(incident_analyse(&w->env, x, T(at), w->a, an), CD_OK);
}

static enum cond_value trigger(const struct incident_analysis *an, const char *id)
{
	for (size_t i = 0; i < an->ntriggers; i++)
		if (!strcmp(an->triggers[i].t->id, id))
			return an->triggers[i].r.value;
	fail_msg("no trigger %s", id);
	return COND__MAX;
}

/* --- the timeline ------------------------------------------------------------------------- */

static enum cd_err ev(struct incident *x, struct arena *a, enum incident_event_kind k,
		      const char *at, const char *name, const char *value, const char *note,
		      int64_t person, struct cd_diag *d)
{
	struct incident_event e = {.kind = k, .at = at ? T(at) : CD_TIME_NONE, .name = name,
				   .value = value, .note = note, .person = person, .by = "test"};

	return incident_apply(x, &e, a, d);
}

static void timeline(void **state)
{
	struct arena *a = arena_new(0);
	struct incident x;
	struct cd_diag d = {{0}};

	(void)state;
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	/* accepted */
	assert_int_equal(ev(&x, a, IEV_SET, NULL, "occurred_at", "2024-05-10T08:00:00+08:00",
			    NULL, 0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_SET, NULL, "outage_start", "2024-05-10T08:00:00+08:00",
			    NULL, 0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_SET, NULL, "reporter", "cii", NULL, 0, &d), CD_OK);
	assert_int_equal(x.reporter, REPORTER_CII);
	assert_int_equal(ev(&x, a, IEV_FACT, NULL, "tampered", "true", "seen", 0, &d), CD_OK);
	assert_true(x.facts.v[FACT_TAMPERED].known && x.facts.v[FACT_TAMPERED].b);
	assert_int_equal(ev(&x, a, IEV_FACT, NULL, "tampered", "", NULL, 0, &d), CD_OK);
	assert_false(x.facts.v[FACT_TAMPERED].known);
	assert_int_equal(ev(&x, a, IEV_MEASURE, NULL, "reposts", "120000", NULL, 0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_PERSON, NULL, NULL, NULL, NULL, 5, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_REPORT, "2024-05-10T10:30:00+08:00", "initial", "网信办",
			    NULL, 0, &d), CD_OK);

	/* refused, and the record is unchanged */
	static const struct {
		enum incident_event_kind k;
		const char *at, *name, *value, *note;
		int64_t person;
		const char *msg;
	} bad[] = {
		{IEV_SET, NULL, "occurred_at", "2024-05-10T10:00:01+08:00", NULL, 0,
		 "occurred_at: after the incident was detected"},
		{IEV_SET, NULL, "outage_end", "2024-05-10T07:59:59+08:00", NULL, 0,
		 "outage_end: not after outage_start"},
		{IEV_SET, NULL, "colour", "red", NULL, 0, "no field \"colour\""},
		{IEV_SET, NULL, "reporter", "police", NULL, 0, "reporter: \"police\""},
		{IEV_FACT, NULL, "tampred", "true", NULL, 0, "no fact \"tampred\""},
		{IEV_FACT, NULL, "paralysis_hours", "six", NULL, 0, "paralysis_hours: \"six\""},
		{IEV_FACT, NULL, "asset.kind", "website", NULL, 0, "asset.kind: \"website\""},
		{IEV_MEASURE, NULL, "outage_hours", "3", NULL, 0, "no measure \"outage_hours\""},
		{IEV_MEASURE, NULL, "views", "-1", NULL, 0, "views: \"-1\""},
		{IEV_PERSON, NULL, NULL, NULL, NULL, 5, "person: the person is recorded already"},
		{IEV_REPORT, "2024-05-10T09:59:59+08:00", "initial", "x", NULL, 0,
		 "report: dated before the incident was detected"},
		{IEV_REPORT, "2024-05-11T10:00:00+08:00", "summary", "x", NULL, 0,
		 "report: a summary report comes after handling ends"},
		{IEV_REPORT, "2024-05-11T10:00:00+08:00", "final", "x", NULL, 0,
		 "report: \"final\""},
		{IEV_GRADE, "2024-05-11T10:00:00+08:00", NULL, "重大", NULL, 0,
		 "grade: a confirmation or an override needs a reason"},
		{IEV_GRADE, "2024-05-11T10:00:00+08:00", NULL, "huge", "why", 0, "grade: \"huge\""},
		{IEV_PROPOSE, "2024-05-11T10:00:00+08:00", NULL, NULL, "p", 0,
		 "propose: accountability is proposed after handling ends"},
		{IEV_RECOMMEND, "2024-05-11T10:00:00+08:00", NULL, NULL, "r", 0,
		 "recommend: no proposal yet"},
		{IEV_STEP, NULL, NULL, NULL, "x", 0, "step: no time given"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct incident before = x;

		assert_int_equal(ev(&x, a, bad[i].k, bad[i].at, bad[i].name, bad[i].value,
				    bad[i].note, bad[i].person, &d), CD_EINVAL);
		if (!strstr(d.msg, bad[i].msg))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, d.msg, bad[i].msg);
		assert_memory_equal(&before, &x, sizeof x);
	}

	/* the accountability steps in order, after handling ends */
	assert_int_equal(ev(&x, a, IEV_GRADE, "2024-05-10T12:00:00+08:00", NULL, "较大", "核定",
			    0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_CLOSE, "2024-05-12T18:00:00+08:00", NULL, NULL, NULL, 0,
			    &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_CLOSE, "2024-05-12T19:00:00+08:00", NULL, NULL, NULL, 0,
			    &d), CD_EINVAL);
	assert_int_equal(ev(&x, a, IEV_STEP, "2024-05-12T19:00:00+08:00", NULL, NULL, "x", 0, &d),
			 CD_EINVAL);
	assert_int_equal(ev(&x, a, IEV_REPORT, "2024-05-12T17:00:00+08:00", "summary", "x", NULL,
			    0, &d), CD_EINVAL);
	assert_int_equal(ev(&x, a, IEV_REPORT, "2024-06-01T09:00:00+08:00", "summary", "x", NULL,
			    0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_DECIDE, "2024-06-02T09:00:00+08:00", "纪委", "诫勉", NULL,
			    3, &d), CD_EINVAL);
	assert_int_equal(ev(&x, a, IEV_PROPOSE, "2024-06-02T09:00:00+08:00", NULL, NULL, "p", 0,
			    &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_RECOMMEND, "2024-06-02T09:00:00+08:00", NULL, NULL, "r",
			    0, &d), CD_OK);
	assert_int_equal(ev(&x, a, IEV_DECIDE, "2024-06-03T09:00:00+08:00", "纪委", "", NULL, 3,
			    &d), CD_EINVAL);
	assert_int_equal(ev(&x, a, IEV_DECIDE, "2024-06-03T09:00:00+08:00", "纪委", "诫勉", NULL,
			    3, &d), CD_OK);
	assert_int_equal(x.nreports, 2);
	assert_true(x.graded);
	assert_int_equal(x.grade, GRADE_LARGER);
	assert_int_equal(x.ndecisions, 1);
	arena_free(a);
}

/* Folding the stored events again gives the same record. */
static void fold(void **state)
{
	struct arena *a = arena_new(0);
	struct incident_event e[] = {
		{.kind = IEV_SET, .at = CD_TIME_NONE, .name = "outage_start",
		 .value = "2024-05-10T08:00:00+08:00"},
		{.kind = IEV_SET, .at = CD_TIME_NONE, .name = "outage_end",
		 .value = "2024-05-10T13:54:00+08:00"},
		{.kind = IEV_FACT, .at = CD_TIME_NONE, .name = "handled_timely", .value = "false"},
		{.kind = IEV_CLOSE, .at = T("2024-05-11T09:00:00+08:00")},
	};
	struct incident x;
	struct cd_diag d = {{0}};

	(void)state;
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	x.events = e;
	x.nevents = 4;
	assert_int_equal(incident_fold(&x, a, &d), CD_OK);
	assert_int_equal(x.outage_end - x.outage_start, 5 * 3600 + 54 * 60);
	assert_int_equal(x.handling_ended_at, T("2024-05-11T09:00:00+08:00"));
	e[1].value = "2024-05-10T07:00:00+08:00"; /* a damaged timeline is refused */
	assert_int_equal(incident_fold(&x, a, &d), CD_EINVAL);
	arena_free(a);
}

/* --- the grade ----------------------------------------------------------------------------- */

static void grades(void **state)
{
	static const struct {
		int64_t *asset;
		const char *measure;
		double value;
		const char *outage_end; /* from 2024-05-10T00:00+08:00 */
		enum outage_scope scope;
		enum grade want;
		bool unconfirmed;
	} tab[] = {
		{one_asset, NULL, 0, NULL, OUTAGE_TOTAL, GRADE_GENERAL, false},
		{one_asset, "personal_info_people", 999999, NULL, OUTAGE_TOTAL, GRADE_GENERAL, false},
		{one_asset, "personal_info_people", 1000000, NULL, OUTAGE_TOTAL, GRADE_LARGER, false},
		{one_asset, "personal_info_people", 9999999, NULL, OUTAGE_TOTAL, GRADE_LARGER, false},
		{one_asset, "personal_info_people", 10000000, NULL, OUTAGE_TOTAL, GRADE_MAJOR, false},
		{one_asset, "personal_info_people", 1e8, NULL, OUTAGE_TOTAL, GRADE_ESPECIALLY_MAJOR,
		 false},
		{one_asset, "direct_loss_yuan", 4999999, NULL, OUTAGE_TOTAL, GRADE_GENERAL, false},
		{one_asset, "direct_loss_yuan", 5e6, NULL, OUTAGE_TOTAL, GRADE_LARGER, true},
		{one_asset, "reposts", 100000, NULL, OUTAGE_TOTAL, GRADE_ESPECIALLY_MAJOR, false},
		{one_asset, "core_data_leak", 1, NULL, OUTAGE_TOTAL, GRADE_ESPECIALLY_MAJOR, false},
		/* a prefecture-level portal: the 24 h figure is for provincial portals only */
		{one_asset, NULL, 0, "2024-05-10T01:59:59+08:00", OUTAGE_TOTAL, GRADE_GENERAL, false},
		{one_asset, NULL, 0, "2024-05-10T02:00:00+08:00", OUTAGE_TOTAL, GRADE_LARGER, true},
		{one_asset, NULL, 0, "2024-05-11T00:00:00+08:00", OUTAGE_TOTAL, GRADE_MAJOR, true},
		/* CII: wholly out 30 min / 2 h (drafts) / 6 h; main functions 24 h */
		{cii_asset, NULL, 0, "2024-05-10T00:29:59+08:00", OUTAGE_TOTAL, GRADE_GENERAL, false},
		{cii_asset, NULL, 0, "2024-05-10T00:30:00+08:00", OUTAGE_TOTAL, GRADE_LARGER, true},
		{cii_asset, NULL, 0, "2024-05-10T05:59:59+08:00", OUTAGE_TOTAL, GRADE_MAJOR, true},
		{cii_asset, NULL, 0, "2024-05-10T06:00:00+08:00", OUTAGE_TOTAL,
		 GRADE_ESPECIALLY_MAJOR, false},
		{cii_asset, NULL, 0, "2024-05-10T06:00:00+08:00", OUTAGE_MAIN_FUNCTIONS, GRADE_MAJOR,
		 true},
		{cii_asset, NULL, 0, "2024-05-11T00:00:00+08:00", OUTAGE_MAIN_FUNCTIONS,
		 GRADE_ESPECIALLY_MAJOR, false},
	};
	struct world w;

	(void)state;
	world_open(&w, central, true);
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
		struct incident x;
		struct grade_proposal g;

		incident_on(&x, tab[i].asset, "2024-05-10T00:00:00+08:00");
		if (tab[i].measure) {
			int m = measure_parse(tab[i].measure);

			x.measure[m] = tab[i].value;
			x.measure_known[m] = true;
		}
		if (tab[i].outage_end) {
			x.outage_start = x.detected_at;
			x.outage_end = T(tab[i].outage_end);
			x.outage_scope = tab[i].scope;
		}
		grade_propose(&rules, &x, reg_asset(w.reg, tab[i].asset[0]),
			      T("2024-06-01T00:00:00+08:00"), &g);
		if (g.grade != tab[i].want || g.unconfirmed != tab[i].unconfirmed)
			fail_msg("case %zu: %s%s, want %s%s", i, grade_label(g.grade),
				 g.unconfirmed ? " (draft)" : "", grade_label(tab[i].want),
				 tab[i].unconfirmed ? " (draft)" : "");
		assert_true(g.grade == GRADE_GENERAL || g.nmet > 0);
	}
	world_close(&w);
}

/* --- deadlines ----------------------------------------------------------------------------- */

static void deadlines(void **state)
{
	static const struct {
		enum reporter reporter;
		const char *reported, *at;
		enum due_state want;
		int timely; /* -1 unknown */
	} tab[] = {
		{REPORTER_CII, "2024-05-10T11:00:00+08:00", "2024-05-10T12:00:00+08:00",
		 DUE_DONE_ON_TIME, 1},
		{REPORTER_CII, "2024-05-10T11:00:01+08:00", "2024-05-10T12:00:00+08:00",
		 DUE_DONE_LATE, 0},
		{REPORTER_CII, NULL, "2024-05-10T11:00:00+08:00", DUE_OPEN, -1},
		{REPORTER_CII, NULL, "2024-05-10T11:00:01+08:00", DUE_OVERDUE, 0},
		{REPORTER_CENTRAL_ORGAN, "2024-05-10T12:00:00+08:00", "2024-05-11T00:00:00+08:00",
		 DUE_DONE_ON_TIME, 1},
		{REPORTER_CENTRAL_ORGAN, "2024-05-10T12:00:01+08:00", "2024-05-11T00:00:00+08:00",
		 DUE_DONE_LATE, 0},
		{REPORTER_OTHER, "2024-05-10T14:00:00+08:00", "2024-05-11T00:00:00+08:00",
		 DUE_DONE_ON_TIME, 1},
		{REPORTER_OTHER, NULL, "2024-05-10T14:00:01+08:00", DUE_OVERDUE, 0},
		/* a report made after as_of has not happened yet */
		{REPORTER_OTHER, "2024-05-10T13:00:00+08:00", "2024-05-10T12:00:00+08:00", DUE_OPEN,
		 -1},
	};
	struct world w;

	(void)state;
	world_open(&w, central, true);
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
		struct incident x;
		struct incident_report rep = {.kind = REPORT_INITIAL};
		struct incident_analysis an;

		incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
		x.measure[MEASURE_PERSONAL_INFO_PEOPLE] = 2e6; /* 较大: must be reported */
		x.measure_known[MEASURE_PERSONAL_INFO_PEOPLE] = true;
		x.reporter = tab[i].reporter;
		x.reporter_set = true; /* recorded on the incident (the portal is no CII) */
		if (tab[i].reported) {
			rep.at = T(tab[i].reported);
			x.reports = &rep;
			x.nreports = 1;
		}
		analyse(&w, &x, tab[i].at, &an);
		assert_true(an.report_required);
		if (an.report_state != tab[i].want)
			fail_msg("case %zu: %s, want %s", i, due_state_code(an.report_state),
				 due_state_code(tab[i].want));
		assert_int_equal(an.facts.v[FACT_REPORTED_TIMELY].known, tab[i].timely >= 0);
		if (tab[i].timely >= 0)
			assert_int_equal(an.facts.v[FACT_REPORTED_TIMELY].b, tab[i].timely);
	}

	/* 一般: nothing is due, reported_timely stays a question */
	struct incident x;
	struct incident_analysis an;

	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	analyse(&w, &x, "2024-06-10T10:00:00+08:00", &an);
	assert_false(an.report_required);
	assert_int_equal(an.report_state, DUE_NO_DEADLINE);
	assert_false(an.facts.v[FACT_REPORTED_TIMELY].known);

	/* summary: 30 days after handling ends, by 24:00 of that day (CST) */
	struct incident_report sum = {.kind = REPORT_SUMMARY, .at = T("2024-06-11T23:59:59+08:00")};

	x.graded = true;
	x.grade = GRADE_LARGER;
	x.grade_reason = "confirmed";
	x.handling_ended_at = T("2024-05-12T23:30:00+08:00");
	analyse(&w, &x, "2024-06-11T12:00:00+08:00", &an);
	assert_int_equal(an.summary_due, D("2024-06-11"));
	assert_int_equal(an.summary_state, DUE_TODAY);
	analyse(&w, &x, "2024-06-12T00:00:00+08:00", &an);
	assert_int_equal(an.summary_state, DUE_OVERDUE);
	x.reports = &sum;
	x.nreports = 1;
	analyse(&w, &x, "2024-06-12T00:00:00+08:00", &an);
	assert_int_equal(an.summary_state, DUE_DONE_ON_TIME);
	sum.at = T("2024-06-12T00:00:00+08:00");
	analyse(&w, &x, "2024-06-13T00:00:00+08:00", &an);
	assert_int_equal(an.summary_state, DUE_DONE_LATE);
	world_close(&w);
}

/* --- facts -------------------------------------------------------------------------------- */

static void facts(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;

	(void)state;
	world_open(&w, central, true);
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	analyse(&w, &x, "2024-05-10T11:00:00+08:00", &an);
	/* from the register */
	assert_string_equal(an.facts.v[FACT_ASSET_KIND].str, "portal");
	assert_string_equal(an.facts.v[FACT_ASSET_ADMIN_LEVEL].str, "prefecture_or_above");
	assert_false(an.facts.v[FACT_ASSET_CII].b);
	assert_false(an.facts.v[FACT_PROTECTION_SOFTWARE_MISSING].b);
	assert_int_equal(an.origin[FACT_ASSET_KIND], ORIGIN_DERIVED);
	/* no outage recorded: paralysis is a question */
	assert_false(an.paralysis_known);
	assert_false(an.facts.v[FACT_PARALYSIS_HOURS].known);
	/* the whole register is covered on that day */
	assert_true(an.facts.v[FACT_RESPONSIBILITY_UNCLEAR].known);
	assert_false(an.facts.v[FACT_RESPONSIBILITY_UNCLEAR].b);
	/* central sets no rectification period and no budget ratio: not derived */
	assert_false(an.facts.v[FACT_NOTICE_UNRECTIFIED].known);
	assert_false(an.facts.v[FACT_FUNDING_MISSING].known);
	assert_false(an.facts.v[FACT_MAJOR_INCIDENT].known);

	/* 5 h 54 min of outage; a person who wrote 7 hours is overruled, with a warning */
	x.outage_start = T("2024-05-10T08:00:00+08:00");
	x.outage_end = T("2024-05-10T13:54:00+08:00");
	facts_set_number(&x.facts, FACT_PARALYSIS_HOURS, 7);
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_true(an.paralysis_known);
	assert_float_equal(an.facts.v[FACT_PARALYSIS_HOURS].num, 5.9, 1e-9);
	assert_true(an.facts.v[FACT_PARALYSED].b);
	assert_int_equal(an.conflict[FACT_PARALYSIS_HOURS], 1);
	assert_true(an.nwarnings > 0);

	/* central 8.2 on a prefecture-level portal not handled in time: 5.9 h no, 6 h yes */
	facts_unset(&x.facts, FACT_PARALYSIS_HOURS);
	facts_set_bool(&x.facts, FACT_HANDLED_TIMELY, false);
	facts_set_bool(&x.facts, FACT_ATTACKED, true); /* 受到攻击后: an element of 8.2 */
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_int_equal(trigger(&an, "8.2"), COND_FALSE);
	x.outage_end = T("2024-05-10T14:00:00+08:00");
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_int_equal(trigger(&an, "8.2"), COND_TRUE);
	/* an outage still running counts up to as_of */
	x.outage_end = CD_TIME_NONE;
	analyse(&w, &x, "2024-05-10T13:59:59+08:00", &an);
	assert_int_equal(trigger(&an, "8.2"), COND_FALSE);
	analyse(&w, &x, "2024-05-10T14:00:00+08:00", &an);
	assert_int_equal(trigger(&an, "8.2"), COND_TRUE);
	/* handled in time unknown: the trigger asks exactly that */
	facts_unset(&x.facts, FACT_HANDLED_TIMELY);
	analyse(&w, &x, "2024-05-10T14:00:00+08:00", &an);
	assert_int_equal(trigger(&an, "8.2"), COND_NEEDS_JUDGEMENT);
	assert_int_equal(an.triggers[1].r.nneed, 1);
	assert_int_equal(an.triggers[1].r.need[0], FACT_HANDLED_TIMELY);

	/* major_incident follows the confirmed grade only */
	x.graded = true;
	x.grade = GRADE_MAJOR;
	analyse(&w, &x, "2024-05-10T14:00:00+08:00", &an);
	assert_true(an.facts.v[FACT_MAJOR_INCIDENT].b);
	x.grade = GRADE_LARGER;
	analyse(&w, &x, "2024-05-10T14:00:00+08:00", &an);
	assert_false(an.facts.v[FACT_MAJOR_INCIDENT].b);
	world_close(&w);
}

/* notice_unrectified: a notice on the system overdue at detection (Yantai: 3 working days). */
static void unrectified(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;
	struct notice n;
	int64_t na[] = {1};

	(void)state;
	world_open(&w, yantai, true);
	notice_init(&n);
	n.id = 1;
	n.code = "N-1";
	n.assets = na;
	n.nassets = 1;
	n.received_at = T("2024-05-06T09:00:00+08:00"); /* due Thursday 2024-05-09 */
	w.env.notices = &n;
	w.env.nnotices = 1;
	incident_on(&x, one_asset, "2024-05-09T23:59:59+08:00");
	analyse(&w, &x, "2024-05-10T12:00:00+08:00", &an);
	assert_false(an.facts.v[FACT_NOTICE_UNRECTIFIED].b);
	x.detected_at = T("2024-05-10T00:00:00+08:00");
	analyse(&w, &x, "2024-05-10T12:00:00+08:00", &an);
	assert_true(an.facts.v[FACT_NOTICE_UNRECTIFIED].b);
	assert_non_null(strstr(an.why[FACT_NOTICE_UNRECTIFIED], "N-1"));
	/* feedback sent in time: rectified */
	n.feedback_at = T("2024-05-09T17:00:00+08:00");
	n.stage = STAGE_FEEDBACK;
	analyse(&w, &x, "2024-05-10T12:00:00+08:00", &an);
	assert_false(an.facts.v[FACT_NOTICE_UNRECTIFIED].b);
	world_close(&w);
}

/* --- the chain ----------------------------------------------------------------------------- */

struct link {
	const char *person; /* NULL = vacant */
	const char *unit;
	int role;
	enum responsibility resp;
};

static void expect_chain(const struct world *w, const struct incident_analysis *an,
			 const struct link *want, size_t n)
{
	if (an->nchain != n)
		fail_msg("chain has %zu links, want %zu", an->nchain, n);
	for (size_t i = 0; i < n; i++) {
		const struct chain_link *l = &an->chain[i];
		const struct person *p = reg_person(w->reg, l->person);
		const struct unit *u = reg_unit(w->reg, l->unit);

		if ((want[i].person ? !p || strcmp(p->code, want[i].person) : !l->vacant) ||
		    !u || strcmp(u->code, want[i].unit) || l->role != want[i].role ||
		    l->resp != want[i].resp)
			fail_msg("link %zu: %s %s %d %s, want %s %s %d %s", i,
				 p ? p->code : "(vacant)", u ? u->code : "-", l->role,
				 responsibility_code(l->resp),
				 want[i].person ? want[i].person : "(vacant)", want[i].unit,
				 want[i].role, responsibility_code(want[i].resp));
	}
}

static void chain(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;
	int64_t operator = 5, member = 6;

	(void)state;
	world_open(&w, central, true);
	incident_on(&x, one_asset, "2024-05-10T00:30:00+08:00");
	x.involved[x.ninvolved++] = operator;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	/* the college (a department) has no required leaders under central; the new deputy took
	 * over on the day of the incident (CST date), the old one is not named */
	const struct link plain[] = {
		{"operator", "COLLEGE", CHAIN_NO_ROLE, RESP_PARTY_INVOLVED},
		{"newdeputy", "ROOT", ROLE_DIRECT_RESPONSIBLE, RESP_LEADERSHIP},
		{"secretary", "ROOT", ROLE_FIRST_RESPONSIBLE, RESP_LEADERSHIP},
	};
	expect_chain(&w, &an, plain, 3);

	/* the day before, the old deputy answers */
	x.detected_at = T("2024-05-09T23:59:59+08:00");
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_int_equal(an.chain[1].person, 2);

	/* collective responsibility, coordination failed */
	x.detected_at = T("2024-05-10T00:30:00+08:00");
	x.participants[x.nparticipants++] = member;
	x.coordination_failed = true;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	const struct link collective[] = {
		{"operator", "COLLEGE", CHAIN_NO_ROLE, RESP_PARTY_INVOLVED},
		{"newdeputy", "ROOT", ROLE_DIRECT_RESPONSIBLE, RESP_MAIN_LEADERSHIP},
		{"secretary", "ROOT", ROLE_FIRST_RESPONSIBLE, RESP_MAIN_LEADERSHIP},
		{"member", "ROOT", ROLE_LEADERSHIP_MEMBER, RESP_IMPORTANT_LEADERSHIP},
		{"officehead", "OFFICE", ROLE_PRINCIPAL, RESP_COORDINATION},
	};
	expect_chain(&w, &an, collective, 5);

	/* the college's own leadership decided: main leadership there, the root's stays plain */
	fx_person(w.reg, 7, "dean")->unit = 3;
	fx_person(w.reg, 8, "vicedean")->unit = 3;
	fx_duty(w.reg, 6, ROLE_DIRECT_RESPONSIBLE, 7, 3, 0, "2020-01-01", NULL);
	fx_duty(w.reg, 7, ROLE_LEADERSHIP_MEMBER, 8, 3, 0, "2020-01-01", NULL);
	x.participants[0] = 8;
	x.coordination_failed = false;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	const struct link college[] = {
		{"operator", "COLLEGE", CHAIN_NO_ROLE, RESP_PARTY_INVOLVED},
		{"dean", "COLLEGE", ROLE_DIRECT_RESPONSIBLE, RESP_MAIN_LEADERSHIP},
		{"newdeputy", "ROOT", ROLE_DIRECT_RESPONSIBLE, RESP_LEADERSHIP},
		{"secretary", "ROOT", ROLE_FIRST_RESPONSIBLE, RESP_LEADERSHIP},
		{"vicedean", "COLLEGE", ROLE_LEADERSHIP_MEMBER, RESP_IMPORTANT_LEADERSHIP},
	};
	expect_chain(&w, &an, college, 5);
	world_close(&w);

	/* no first responsible person recorded: shown vacant, never skipped */
	world_open(&w, central, false);
	x.nparticipants = 0;
	x.coordination_failed = false;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	const struct link vacant[] = {
		{"operator", "COLLEGE", CHAIN_NO_ROLE, RESP_PARTY_INVOLVED},
		{"newdeputy", "ROOT", ROLE_DIRECT_RESPONSIBLE, RESP_LEADERSHIP},
		{NULL, "ROOT", ROLE_FIRST_RESPONSIBLE, RESP_LEADERSHIP},
	};
	expect_chain(&w, &an, vacant, 3);
	assert_int_equal(an.nvacant, 1);
	/* and the register gap makes responsibility unclear */
	assert_true(an.facts.v[FACT_RESPONSIBILITY_UNCLEAR].b);
	world_close(&w);
}

/* Yantai: three principles (builder, user, manager), each answering unit walked; the section
 * head (principal) first; no coordinating office in the profile. */
static void chain_yantai(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;

	(void)state;
	world_open(&w, yantai, true);
	fx_unit(w.reg, 4, "CENTRE", 1, UNIT_TECH_SUPPORT_CENTRE);
	fx_person(w.reg, 7, "chief")->unit = 3;
	fx_person(w.reg, 8, "centrehead")->unit = 4;
	fx_duty(w.reg, 6, ROLE_PRINCIPAL, 7, 3, 0, "2020-01-01", NULL);
	fx_duty(w.reg, 7, ROLE_PRINCIPAL, 8, 4, 0, "2020-01-01", NULL);
	w.reg->assets[0].rel[REL_BUILDER] = 4;
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	x.coordination_failed = true;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	const struct link want[] = {
		{"centrehead", "CENTRE", ROLE_PRINCIPAL, RESP_DIRECT},
		{"newdeputy", "ROOT", ROLE_DIRECT_RESPONSIBLE, RESP_LEADERSHIP},
		{"secretary", "ROOT", ROLE_FIRST_RESPONSIBLE, RESP_LEADERSHIP},
		{"chief", "COLLEGE", ROLE_PRINCIPAL, RESP_DIRECT},
	};
	expect_chain(&w, &an, want, 4);
	assert_non_null(strstr(an.warnings[an.nwarnings - 1], "names no coordinating office"));
	world_close(&w);
}

/* --- repeats and the recommendation -------------------------------------------------------- */

static void repeats(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;
	struct asset_event ev[] = {
		{.asset = 1, .at = T("2024-02-10T00:00:00+08:00"), .incident = 9},
		{.asset = 1, .at = T("2024-05-10T10:00:00+08:00"), .incident = 1},
	};

	(void)state;
	world_open(&w, yantai, true);
	w.env.events = ev;
	w.env.nevents = 2;
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_true(an.criticism);
	assert_int_equal(an.repeat_of->incident, 9);
	ev[0].at = T("2024-02-09T23:59:59+08:00");
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_false(an.criticism);
	world_close(&w);

	/* central sets no window */
	world_open(&w, central, true);
	ev[0].at = T("2024-05-01T00:00:00+08:00");
	w.env.events = ev;
	w.env.nevents = 2;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_false(an.criticism);
	world_close(&w);
}

static void recommend(void **state)
{
	struct world w;
	struct incident x;
	struct incident_analysis an;
	char *text;

	(void)state;
	world_open(&w, central, false);
	incident_on(&x, one_asset, "2024-05-10T10:00:00+08:00");
	x.title = "门户网站被篡改";
	facts_set_bool(&x.facts, FACT_CONCEALED, true);
	x.involved[x.ninvolved++] = 5;
	analyse(&w, &x, "2024-05-11T00:00:00+08:00", &an);
	assert_int_equal(trigger(&an, "8.5"), COND_TRUE);
	text = incident_recommend(&w.env, &x, &an, w.a);
	assert_non_null(text);
	static const char *const want[] = {
		"INC-1「门户网站被篡改」", "第八条第（五）项", "封锁、瞒报事件：是",
		"operator（COLLEGE，当事人）：当事人", "ROOT 第一责任人：空缺",
		"尚待认定", "不构成处理决定",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(text, want[i]))
			fail_msg("the recommendation lacks \"%s\":\n%s", want[i], text);
	world_close(&w);
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(grade_parse("特别重大"), GRADE_ESPECIALLY_MAJOR);
	assert_int_equal(grade_parse("larger"), GRADE_LARGER);
	assert_int_equal(grade_parse("big"), -1);
	assert_int_equal(reporter_parse("central_organ"), REPORTER_CENTRAL_ORGAN);
	assert_string_equal(responsibility_code(RESP_IMPORTANT_LEADERSHIP),
			    "important_leadership");
	assert_int_equal(classes.n, 10);
	assert_non_null(incident_class_find(&classes, "恶意程序事件"));
	assert_true(incident_class_find(&classes, "data_security")->confirmed);
	assert_false(incident_class_find(&classes, "其他事件")->confirmed);
	assert_int_equal(rules.report_minutes[REPORTER_CII], 60);
	assert_int_equal(rules.report_minutes[REPORTER_CENTRAL_ORGAN], 120);
	assert_int_equal(rules.report_minutes[REPORTER_OTHER], 240);
	assert_int_equal(rules.summary_days, 30);
	assert_int_equal(rules.report_from, GRADE_LARGER);
}

/* The data files are refused when malformed, naming what is wrong. */
static void bad_data(void **state)
{
	static const struct {
		const char *json, *msg;
	} tab[] = {
		{"[]", "not a JSON object"},
		{"{\"report_from\":\"huge\"}", "report_from: not a grade"},
		{"{\"report_from\":\"较大\",\"report_minutes\":{\"cii\":60}}",
		 "report_minutes.central_organ"},
		{"{\"report_from\":\"较大\",\"report_minutes\":{\"cii\":60,\"central_organ\":120,"
		 "\"other\":240},\"summary_days\":30,\"thresholds\":[{\"grade\":\"较大\","
		 "\"measure\":\"outage\",\"min\":1}]}",
		 "thresholds[0].measure"},
		{"{\"report_from\":\"较大\",\"report_minutes\":{\"cii\":60,\"central_organ\":120,"
		 "\"other\":240},\"summary_days\":30,\"thresholds\":[{\"grade\":\"较大\","
		 "\"measure\":\"views\",\"min\":1,\"text\":\"x\"}]}",
		 "thresholds[0].confirmed: must say true or false"},
	};
	struct arena *a = arena_new(0);

	(void)state;
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
		struct grade_rules r;
		struct cd_diag d = {{0}};

		assert_int_equal(grade_rules_parse(tab[i].json, strlen(tab[i].json), "g.json", a,
						   &r, &d),
				 CD_EINVAL);
		if (!strstr(d.msg, tab[i].msg))
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, d.msg, tab[i].msg);
	}
	arena_free(a);
}

/* The case's stage and a list line's facts, a table: the furthest of the case's acts on record
 * wins (a decision with no recommendation on record is decided all the same); graded and ended
 * as the fold left them; the stage's codes and labels, "?" outside. */
static void case_stage(void **state)
{
	static const struct {
		size_t proposals, recommendations, decisions;
		bool graded;
		cd_time ended;
		enum case_stage want;
	} tab[] = {
	    {0, 0, 0, false, CD_TIME_NONE, CASE_NONE},
	    {1, 0, 0, true, CD_TIME_NONE, CASE_PROPOSED},
	    {2, 1, 0, false, 1000, CASE_RECOMMENDED},
	    {1, 1, 1, true, 1000, CASE_DECIDED},
	    {0, 0, 1, false, CD_TIME_NONE, CASE_DECIDED},
	    {0, 1, 0, false, CD_TIME_NONE, CASE_RECOMMENDED},
	};

	(void)state;
	for (size_t i = 0; i < sizeof tab / sizeof *tab; i++) {
		struct incident x;
		struct incident_line l;

		incident_init(&x);
		x.nproposals = tab[i].proposals;
		x.nrecommendations = tab[i].recommendations;
		x.ndecisions = tab[i].decisions;
		x.graded = tab[i].graded;
		x.handling_ended_at = tab[i].ended;
		assert_int_equal(accountability_stage(&x), tab[i].want);
		l = accountability_line(&x);
		assert_int_equal(l.stage, tab[i].want);
		assert_int_equal(l.graded, tab[i].graded);
		assert_int_equal(l.ended, tab[i].ended != CD_TIME_NONE);
	}
	assert_string_equal(accountability_stage_code(CASE_RECOMMENDED), "recommended");
	assert_string_equal(accountability_stage_label(CASE_DECIDED), "已作出决定");
	assert_string_equal(accountability_stage_code(CASE__MAX), "?");
	assert_string_equal(accountability_stage_label((enum case_stage)-1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(timeline),  cmocka_unit_test(fold),
		cmocka_unit_test(grades),    cmocka_unit_test(deadlines),
		cmocka_unit_test(facts),     cmocka_unit_test(unrectified),
		cmocka_unit_test(chain),     cmocka_unit_test(chain_yantai),
		cmocka_unit_test(repeats),   cmocka_unit_test(recommend),
		cmocka_unit_test(names),     cmocka_unit_test(bad_data),
		cmocka_unit_test(case_stage),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
