/* test_oblig.c — yearly duties as dated obligations: periods and their labels, records matched
 * by duty or kind and unit, each record to the period its date falls in (a January record is
 * this year's; last year's missed duty stays missed unless the record states it makes it up),
 * explicit periods, records after the as-of day, MLPS
 * filing and assessment, and the profile's date of entry into force. */
#include "testutil.h"
#include "fixreg.h"

#include "core/oblig.h"

static struct profile_duty duties[] = {
	{.id = "meeting", .name = "专题会议", .article = "三", .holder = UNIT_LEADING_GROUP,
	 .every = PERIOD_YEAR, .times = 1, .record = RECORD_MEETING},
	{.id = "drill", .name = "演练", .article = "十一", .holder = UNIT_TECH_SUPPORT_CENTRE,
	 .every = PERIOD_YEAR, .times = 2, .record = RECORD_DRILL},
	{.id = "report", .name = "季度报告", .article = "六", .holder = PROFILE_AT_ROOT,
	 .every = PERIOD_QUARTER, .times = 1, .record = RECORD_OTHER},
	{.id = "goal", .name = "年度目标", .article = "十二", .holder = PROFILE_AT_EVERY_UNIT,
	 .every = PERIOD_HALF_YEAR, .times = 1, .record = RECORD_PLAN},
};

static struct profile prof = {
	.id = "test",
	.in_force = 0,
	.duties = duties,
	.nduties = sizeof(duties) / sizeof(duties[0]),
	.mlps = {.article = "等保", .filing_days = 30, .assess_months_level3 = 12,
		 .assess_months_level4 = 6},
};

/* root 1, leading group 2, IT centre 3, department 4, outside authority 5 */
static struct reg *org(void)
{
	struct reg *r = reg_new();

	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "LG", 1, UNIT_LEADING_GROUP);
	fx_unit(r, 3, "IT", 1, UNIT_TECH_SUPPORT_CENTRE);
	fx_unit(r, 4, "DEP", 1, UNIT_DEPARTMENT);
	fx_unit(r, 5, "POLICE", 0, UNIT_EXTERNAL_AUTHORITY);
	return r;
}

static const struct oblig *find(const struct oblig_list *l, const char *duty, int64_t unit,
				const char *period)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == OBLIG_DUTY && !strcmp(l->v[i].duty->id, duty) &&
		    l->v[i].unit == unit && !strcmp(l->v[i].period, period))
			return &l->v[i];
	fail_msg("no obligation %s / unit %lld / %s", duty, (long long)unit, period);
	return NULL;
}

static void periods(void **state)
{
	struct reg *r = org();
	struct oblig_list l = {0};
	char day[11];

	(void)state;
	prof.in_force = D("2020-01-01");
	assert_int_equal(oblig_generate(&prof, r, NULL, 0, 2026, D("2026-08-15"), &l), CD_OK);
	/* meeting: LG 2026; drill: IT 2026; report: ROOT Q1-Q3; goal: IT and DEP, H1 and H2 */
	assert_int_equal(l.n, 1 + 1 + 3 + 4);
	assert_string_equal(date_format(find(&l, "report", 1, "2026-Q3")->due, day), "2026-09-30");
	assert_string_equal(date_format(find(&l, "report", 1, "2026-Q1")->start, day),
			    "2026-01-01");
	assert_string_equal(date_format(find(&l, "goal", 4, "2026-H1")->due, day), "2026-06-30");
	assert_string_equal(date_format(find(&l, "goal", 3, "2026-H2")->start, day), "2026-07-01");
	assert_int_equal(find(&l, "drill", 3, "2026")->need, 2);
	/* sorted by due date */
	for (size_t i = 1; i < l.n; i++)
		assert_true(l.v[i - 1].due <= l.v[i].due);
	/* states at the end of the as-of day */
	assert_int_equal(oblig_state(find(&l, "report", 1, "2026-Q1"), D("2026-08-15")),
			 DUE_OVERDUE);
	assert_int_equal(oblig_state(find(&l, "report", 1, "2026-Q3"), D("2026-08-15")), DUE_OPEN);
	assert_int_equal(oblig_state(find(&l, "report", 1, "2026-Q3"), D("2026-09-30")),
			 DUE_TODAY);
	oblig_list_free(&l);
	/* the profile's entry into force moves the first year */
	prof.in_force = D("2026-03-01");
	assert_int_equal(oblig_generate(&prof, r, NULL, 0, 2024, D("2026-08-15"), &l), CD_OK);
	assert_int_equal(l.n, 9);
	oblig_list_free(&l);
	prof.in_force = D("2020-01-01");
	reg_free(r);
}

static void year_boundary(void **state)
{
	static const struct {
		const char *rec_day, *rec_period; /* the one meeting record */
		enum due_state y2025, y2026;      /* states on 2026-03-01 */
		const char *done_2025;
	} cases[] = {
		/* none: last year's is overdue, this year's open */
		{NULL, NULL, DUE_OVERDUE, DUE_OPEN, NULL},
		/* in December: on time */
		{"2025-12-30", NULL, DUE_DONE_ON_TIME, DUE_OPEN, "2025-12-30"},
		/* in January: a record fulfils its own year — 2026's; the missed 2025 stays missed
		 * (issue 12 item 9; the reading changed: it used to close 2025 late) */
		{"2026-01-10", NULL, DUE_OVERDUE, DUE_DONE_ON_TIME, NULL},
		/* in January, said to be this year's: the same */
		{"2026-01-10", "2026", DUE_OVERDUE, DUE_DONE_ON_TIME, NULL},
		/* in January, stated as the make-up of 2025: 2025 done late, 2026 still to do */
		{"2026-01-10", "2025", DUE_DONE_LATE, DUE_OPEN, "2026-01-10"},
		/* on 31 December: still the year's own */
		{"2025-12-31", NULL, DUE_DONE_ON_TIME, DUE_OPEN, "2025-12-31"},
		/* after the as-of day: not seen yet */
		{"2026-03-02", NULL, DUE_OVERDUE, DUE_OPEN, NULL},
	};
	struct reg *r = org();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct oblig_list l = {0};
		struct record rec = {.id = 1, .kind = RECORD_MEETING, .unit = 2,
				     .period = cases[i].rec_period};
		const struct oblig *a, *b;
		char day[11];

		rec.on = cases[i].rec_day ? D(cases[i].rec_day) : CD_DATE_NONE;
		assert_int_equal(oblig_generate(&prof, r, &rec, cases[i].rec_day ? 1 : 0, 2025,
						D("2026-03-01"), &l),
				 CD_OK);
		a = find(&l, "meeting", 2, "2025");
		b = find(&l, "meeting", 2, "2026");
		if (oblig_state(a, D("2026-03-01")) != cases[i].y2025 ||
		    oblig_state(b, D("2026-03-01")) != cases[i].y2026)
			fail_msg("case %zu: 2025 %s, 2026 %s", i,
				 due_state_code(oblig_state(a, D("2026-03-01"))),
				 due_state_code(oblig_state(b, D("2026-03-01"))));
		if (cases[i].done_2025)
			assert_string_equal(date_format(a->done_on, day), cases[i].done_2025);
		oblig_list_free(&l);
	}
	reg_free(r);
}

static void matching(void **state)
{
	struct reg *r = org();
	struct record rec[] = {
		/* two drills by IT: the duty asks for two a year */
		{.id = 1, .kind = RECORD_DRILL, .unit = 3, .on = D("2026-04-01")},
		{.id = 2, .kind = RECORD_DRILL, .unit = 3, .on = D("2026-06-01")},
		/* a drill by another unit does not count for IT */
		{.id = 3, .kind = RECORD_DRILL, .unit = 4, .on = D("2026-05-01")},
		/* a meeting of the wrong kind does not count */
		{.id = 4, .kind = RECORD_TRAINING, .unit = 2, .on = D("2026-05-01")},
		/* record kind "other" needs the duty named */
		{.id = 5, .kind = RECORD_OTHER, .unit = 1, .on = D("2026-04-02")},
		{.id = 6, .kind = RECORD_REPORT, .unit = 1, .on = D("2026-04-03"), .duty = "report"},
		/* a plan for DEP, for the second half explicitly */
		{.id = 7, .kind = RECORD_PLAN, .unit = 4, .on = D("2026-05-01"), .period = "2026-H2"},
	};
	struct oblig_list l = {0};
	const struct oblig *o;

	(void)state;
	assert_int_equal(oblig_generate(&prof, r, rec, sizeof(rec) / sizeof(rec[0]), 2026,
					D("2026-08-15"), &l),
			 CD_OK);
	o = find(&l, "drill", 3, "2026");
	assert_int_equal(o->have, 2);
	assert_true(o->done_on == D("2026-06-01"));
	assert_int_equal(o->nevidence, 2);
	assert_int_equal(o->evidence[0], 1);
	assert_int_equal(find(&l, "meeting", 2, "2026")->have, 0);
	/* the named report of 3 April is Q2's, on time; Q1 stays missed */
	o = find(&l, "report", 1, "2026-Q2");
	assert_int_equal(o->have, 1);
	assert_int_equal(o->evidence[0], 6);
	assert_int_equal(oblig_state(o, D("2026-08-15")), DUE_DONE_ON_TIME);
	assert_int_equal(find(&l, "report", 1, "2026-Q1")->have, 0);
	assert_int_equal(oblig_state(find(&l, "report", 1, "2026-Q1"), D("2026-08-15")),
			 DUE_OVERDUE);
	assert_int_equal(find(&l, "goal", 4, "2026-H1")->have, 0);
	assert_int_equal(find(&l, "goal", 4, "2026-H2")->have, 1);
	oblig_list_free(&l);
	reg_free(r);
}

static void mlps(void **state)
{
	static const struct {
		int level;
		const char *graded, *filed, *assessed;
		enum asset_status status;
		const char *filing_due; /* NULL: no filing obligation */
		enum due_state filing;
		const char *assess_due; /* NULL: none */
		enum due_state assess;
	} cases[] = {
		{2, "2026-01-01", "2026-01-20", NULL, STATUS_LIVE, "2026-01-31", DUE_DONE_ON_TIME,
		 NULL, 0},
		{2, "2026-01-01", "2026-02-05", NULL, STATUS_LIVE, "2026-01-31", DUE_DONE_LATE, NULL,
		 0},
		{2, "2026-01-01", NULL, NULL, STATUS_LIVE, "2026-01-31", DUE_OVERDUE, NULL, 0},
		{2, "2026-07-20", NULL, NULL, STATUS_LIVE, "2026-08-19", DUE_OPEN, NULL, 0},
		{3, "2025-01-01", "2025-01-15", "2025-06-01", STATUS_LIVE, "2025-01-31",
		 DUE_DONE_ON_TIME, "2026-06-01", DUE_OVERDUE},
		{3, "2025-01-01", "2025-01-15", "2026-07-01", STATUS_LIVE, "2025-01-31",
		 DUE_DONE_ON_TIME, "2027-07-01", DUE_OPEN},
		{4, "2025-01-01", "2025-01-15", "2026-03-01", STATUS_LIVE, "2025-01-31",
		 DUE_DONE_ON_TIME, "2026-09-01", DUE_OPEN},
		/* never assessed: the period runs from grading */
		{3, "2026-02-01", "2026-02-10", NULL, STATUS_LIVE, "2026-03-03", DUE_DONE_ON_TIME,
		 "2027-02-01", DUE_OPEN},
		/* a system being built files but is not yet assessed */
		{3, "2026-02-01", NULL, NULL, STATUS_BUILDING, "2026-03-03", DUE_OVERDUE, NULL, 0},
		{3, "2026-02-01", NULL, NULL, STATUS_RETIRED, NULL, 0, NULL, 0},
		{1, "2026-02-01", NULL, NULL, STATUS_LIVE, NULL, 0, NULL, 0},
		/* graded after the as-of day: nothing yet */
		{2, "2026-09-01", NULL, NULL, STATUS_LIVE, NULL, 0, NULL, 0},
	};
	struct profile none = prof;

	(void)state;
	none.nduties = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct reg *r = org();
		struct asset *a = fx_asset(r, 1, "SYS", 4);
		struct oblig_list l = {0};
		const struct oblig *filing = NULL, *assess = NULL;
		char day[11];

		a->mlps_level = cases[i].level;
		a->graded_on = D(cases[i].graded);
		a->filed_on = cases[i].filed ? D(cases[i].filed) : CD_DATE_NONE;
		a->assessed_on = cases[i].assessed ? D(cases[i].assessed) : CD_DATE_NONE;
		a->status = cases[i].status;
		assert_int_equal(oblig_generate(&none, r, NULL, 0, 2026, D("2026-08-15"), &l), CD_OK);
		for (size_t k = 0; k < l.n; k++) {
			assert_int_equal(l.v[k].asset, 1);
			assert_int_equal(l.v[k].unit, 4);
			if (l.v[k].kind == OBLIG_MLPS_FILING)
				filing = &l.v[k];
			if (l.v[k].kind == OBLIG_MLPS_ASSESS)
				assess = &l.v[k];
		}
		if ((filing != NULL) != (cases[i].filing_due != NULL) ||
		    (assess != NULL) != (cases[i].assess_due != NULL))
			fail_msg("case %zu: filing %d assessment %d", i, filing != NULL,
				 assess != NULL);
		if (filing) {
			assert_string_equal(date_format(filing->due, day), cases[i].filing_due);
			assert_int_equal(oblig_state(filing, D("2026-08-15")), cases[i].filing);
		}
		if (assess) {
			assert_string_equal(date_format(assess->due, day), cases[i].assess_due);
			assert_int_equal(oblig_state(assess, D("2026-08-15")), cases[i].assess);
		}
		oblig_list_free(&l);
		reg_free(r);
	}
}

static void period_names(void **state)
{
	static const struct {
		const char *s;
		enum period every;
		bool ok;
	} cases[] = {
		{"2026", PERIOD_YEAR, true},	   {"2026-H1", PERIOD_HALF_YEAR, true},
		{"2026-H2", PERIOD_HALF_YEAR, true}, {"2026-H3", PERIOD_HALF_YEAR, false},
		{"2026-Q4", PERIOD_QUARTER, true},   {"2026-Q5", PERIOD_QUARTER, false},
		{"2026-Q0", PERIOD_QUARTER, false},  {"2026-12", PERIOD_MONTH, true},
		{"2026-13", PERIOD_MONTH, false},    {"2026", PERIOD_MONTH, false},
		{"2026-H1", PERIOD_YEAR, false},     {"26", PERIOD_YEAR, false},
		{"1899", PERIOD_YEAR, false},	   {"", PERIOD_YEAR, false},
		{"2026-Q1", PERIOD_HALF_YEAR, false},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (oblig_period_check(cases[i].s, cases[i].every) != cases[i].ok)
			fail_msg("\"%s\" as %s: want %d", cases[i].s, period_code(cases[i].every),
				 cases[i].ok);
	assert_false(oblig_period_check(NULL, PERIOD_YEAR));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(periods), cmocka_unit_test(year_boundary),
		cmocka_unit_test(matching), cmocka_unit_test(mlps),
		cmocka_unit_test(period_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
