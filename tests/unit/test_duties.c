/* test_duties.c — the yearly duties and budgets of the seed policies through the built-in
 * profiles (issue 12 item 8), one table per rule, each row citing the article it reads: the
 * special meeting (Yantai 三), the drill (IMNU 第十一条（四）), training (Yantai 六, IMNU 第十一条
 * （五）), the annual report to the superior (central 第六条第二款), the assessment (central 第十条,
 * IMNU 第十条（四）、第十六条) — each due at the end of its year, done by a record of that year,
 * missed when the year ended without one; a request for technical support (Yantai 五); the
 * security-budget ratio (Yantai 七); and 经费不落实 (funding_missing) under IMNU 第十四条（八）. */
#include "testutil.h"
#include "fixreg.h"
#include "policies.h"

#include "core/check.h"
#include "core/incident.h"
#include "core/notice.h"
#include "core/oblig.h"

/* Every kind of holder once: the root (a party committee), its leading group, the group's office,
 * the technical support centre, a department. */
static struct reg *org(void)
{
	struct reg *r = reg_new();

	assert_non_null(r);
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "LG", 1, UNIT_LEADING_GROUP);
	fx_unit(r, 3, "OFFICE", 1, UNIT_LEADING_GROUP_OFFICE);
	fx_unit(r, 4, "NIC", 1, UNIT_TECH_SUPPORT_CENTRE);
	fx_unit(r, 5, "DEPT", 1, UNIT_DEPARTMENT);
	return r;
}

static const struct oblig *duty_of(const struct oblig_list *l, const char *duty, int64_t unit,
				   const char *period)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == OBLIG_DUTY && !strcmp(l->v[i].duty->id, duty) &&
		    l->v[i].unit == unit && !strcmp(l->v[i].period, period))
			return &l->v[i];
	return NULL;
}

/* ---- yearly duties: each year's own record, the last day of the year, the next year's record -- */

static void yearly_duties(void **state)
{
	static const struct {
		const char *what, *profile, *duty, *article;
		int64_t unit;             /* the holder */
		enum record_kind kind;    /* the record made; its day ("" none) and stated period */
		const char *on, *period;
		const char *as_of;        /* seen at the end of this day */
		const char *year;         /* the period looked at */
		enum due_state state;
		bool missed;
	} cases[] = {
		/* Yantai 三、工作职责：每年定期召开网络安全工作专题会议 (the leading group) */
		{"meeting on the last day of the year", "yantai-fao-2021", "special_meeting",
		 "三、工作职责", 2, RECORD_MEETING, "2026-12-31", "", "2027-01-05", "2026",
		 DUE_DONE_ON_TIME, false},
		{"meeting on the first day of the next year: the year before is missed",
		 "yantai-fao-2021", "special_meeting", "三、工作职责", 2, RECORD_MEETING, "2027-01-01", "",
		 "2027-01-05", "2026", DUE_OVERDUE, true},
		{"… and it is the next year's meeting", "yantai-fao-2021", "special_meeting",
		 "三、工作职责", 2, RECORD_MEETING, "2027-01-01", "", "2027-01-05", "2027",
		 DUE_DONE_ON_TIME, false},
		{"no meeting, seen on the last day of the year: due today, not missed",
		 "yantai-fao-2021", "special_meeting", "三、工作职责", 2, RECORD_MEETING, "", "",
		 "2026-12-31", "2026", DUE_TODAY, false},
		{"no meeting, seen on the first day of the next year: missed", "yantai-fao-2021",
		 "special_meeting", "三、工作职责", 2, RECORD_MEETING, "", "", "2027-01-01", "2026",
		 DUE_OVERDUE, true},
		/* Yantai 六、教育培训：综合科牵头组织全办网络安全业务培训 (the group's office) */
		{"training of the office", "yantai-fao-2021", "training", "六、教育培训", 3,
		 RECORD_TRAINING, "2026-05-20", "", "2026-06-01", "2026", DUE_DONE_ON_TIME, false},
		/* IMNU 第十一条（四）：每年至少组织一次应急预案演练 (the information centre) */
		{"a drill of the next year is not yet held", "imnu-2022", "drill", "第十一条第（四）项",
		 4, RECORD_DRILL, "2027-03-01", "", "2026-12-31", "2026", DUE_TODAY, false},
		{"a drill made up in January for the year before, as the record states", "imnu-2022",
		 "drill", "第十一条第（四）项", 4, RECORD_DRILL, "2027-01-10", "2026", "2027-02-01",
		 "2026", DUE_DONE_LATE, false},
		{"… and the make-up leaves its own year open", "imnu-2022", "drill",
		 "第十一条第（四）项", 4, RECORD_DRILL, "2027-01-10", "2026", "2027-02-01", "2027",
		 DUE_OPEN, false},
		/* IMNU 第十一条（五）：网络安全管理员知识技能培训 */
		{"training of the security staff", "imnu-2022", "training", "第十一条第（五）项", 4,
		 RECORD_TRAINING, "2026-11-11", "", "2026-11-11", "2026", DUE_DONE_ON_TIME, false},
		/* IMNU 第十条（四）、第十六条：检查考核 (the 网信委 office) */
		{"the assessment", "imnu-2022", "assessment", "第十条第（四）项、第十六条", 3,
		 RECORD_ASSESSMENT, "2026-12-20", "", "2027-01-01", "2026", DUE_DONE_ON_TIME, false},
		{"no assessment in the year", "imnu-2022", "assessment", "第十条第（四）项、第十六条",
		 3, RECORD_ASSESSMENT, "", "", "2027-01-01", "2026", DUE_OVERDUE, true},
		/* central 第六条第二款：每年向中央网络安全和信息化领导小组报告网络安全工作情况 */
		{"the annual report on the last day", "central-2017", "annual_report", "第六条第二款",
		 2, RECORD_REPORT, "2026-12-31", "", "2027-01-01", "2026", DUE_DONE_ON_TIME, false},
		{"the annual report of the next year answers the next year", "central-2017",
		 "annual_report", "第六条第二款", 2, RECORD_REPORT, "2027-01-02", "", "2027-01-02",
		 "2026", DUE_OVERDUE, true},
		/* central 第十条：网络安全责任制检查考核制度 (the committee itself) */
		{"the assessment of the committee", "central-2017", "assessment", "第十条", 1,
		 RECORD_ASSESSMENT, "2026-09-30", "", "2026-10-01", "2026", DUE_DONE_ON_TIME, false},
		{"a report is no assessment", "central-2017", "assessment", "第十条", 1, RECORD_REPORT,
		 "2026-09-30", "", "2026-10-01", "2026", DUE_OPEN, false},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct profile *p = profile_named(cases[i].profile);
		struct reg *r = org();
		struct record rec = {.id = 1, .kind = cases[i].kind, .unit = cases[i].unit,
				     .period = *cases[i].period ? cases[i].period : NULL};
		struct oblig_list l = {0};
		const struct oblig *o;
		enum due_state st;

		rec.on = *cases[i].on ? D(cases[i].on) : CD_DATE_NONE;
		assert_int_equal(oblig_generate(p, r, &rec, *cases[i].on ? 1 : 0, 2026,
						D(cases[i].as_of), &l),
				 CD_OK);
		o = duty_of(&l, cases[i].duty, cases[i].unit, cases[i].year);
		if (!o) {
			print_error("case %zu (%s): no obligation\n", i, cases[i].what);
			fail();
		}
		st = oblig_state(o, D(cases[i].as_of));
		if (st != cases[i].state || oblig_missed(o, D(cases[i].as_of)) != cases[i].missed ||
		    strcmp(o->article, cases[i].article)) {
			print_error("case %zu (%s): %s, missed %d, article %s\n", i, cases[i].what,
				    due_state_code(st), oblig_missed(o, D(cases[i].as_of)),
				    o->article);
			fail();
		}
		oblig_list_free(&l);
		reg_free(r);
	}
}

/* The MLPS obligations are no duties: never "missed" (check says mlps.unfiled instead). */
static void mlps_not_missed(void **state)
{
	struct reg *r = org();
	struct asset *a = fx_asset(r, 1, "SYS", 5);
	struct oblig_list l = {0};
	size_t filing = 0;

	(void)state;
	a->mlps_level = 2;
	a->graded_on = D("2026-01-05");
	assert_int_equal(oblig_generate(imnu, r, NULL, 0, 2026, D("2026-06-01"), &l), CD_OK);
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].kind == OBLIG_MLPS_FILING) {
			filing++;
			assert_int_equal(oblig_state(&l.v[i], D("2026-06-01")), DUE_OVERDUE);
			assert_false(oblig_missed(&l.v[i], D("2026-06-01")));
		}
	assert_int_equal(filing, 1);
	oblig_list_free(&l);
	reg_free(r);
}

/* ---- Yantai 五：整改确有困难的，可向通报部门请求技术支持 ------------------------------------------ */

static void support_request(void **state)
{
	static const struct {
		const char *what, *support, *due; /* "" none */
		bool in_period;
	} cases[] = {
		{"the first hour", "2024-09-30T09:00:00+08:00", "2024-10-09", true},
		{"the last second of the due day", "2024-10-09T23:59:59+08:00", "2024-10-09", true},
		{"midnight after the due day", "2024-10-10T00:00:00+08:00", "2024-10-09", false},
		{"the due day's end in UTC", "2024-10-09T16:00:00Z", "2024-10-09", false},
		{"no due date: any request is in the period", "2025-03-01T09:00:00+08:00", "", true},
		{"no request", "", "2024-10-09", false},
	};
	struct notice n;
	(void)state;

	/* the profile data: Yantai names the article, the others none */
	assert_string_equal(yantai->numbers.support_article, "五、整改落实");
	assert_string_equal(central->numbers.support_article, "");
	assert_string_equal(imnu->numbers.support_article, "");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct notice_due due = {.due = *cases[i].due ? D(cases[i].due) : CD_DATE_NONE};

		notice_init(&n);
		n.received_at = T("2024-09-29T15:00:00+08:00");
		n.support_at = *cases[i].support ? T(cases[i].support) : CD_TIME_NONE;
		if (notice_support_in_period(&n, &due) != cases[i].in_period) {
			print_error("case %zu (%s)\n", i, cases[i].what);
			fail();
		}
	}
	/* the request does not stop the clock: the notice is overdue after its due day all the same */
	notice_init(&n);
	n.received_at = T("2024-09-29T15:00:00+08:00");
	n.support_at = T("2024-10-08T10:00:00+08:00");
	{
		struct notice_due due = notice_due(&n, yantai, cal);

		assert_int_equal(due.due, D("2024-10-09"));
		assert_true(notice_support_in_period(&n, &due));
		assert_int_equal(notice_state(&n, &due, T("2024-10-10T00:00:00+08:00")), DUE_OVERDUE);
	}
}

/* The stage a notice had reached at an instant: its steps up to then (one encoder writes it for
 * eval, the API and --json: io/notice_json.c). */
static void stage_at(void **state)
{
	static const struct {
		const char *at;
		enum notice_stage want;
	} cases[] = {
		{"2024-09-29T15:00:00+08:00", STAGE_RECEIVED},
		{"2024-09-30T08:59:59+08:00", STAGE_RECEIVED},
		{"2024-09-30T09:00:00+08:00", STAGE_RECTIFYING},
		{"2024-10-08T11:00:00+08:00", STAGE_RECTIFIED},
		{"2024-10-09T10:00:00+08:00", STAGE_FEEDBACK},
		{"2024-10-20T10:00:00+08:00", STAGE_VERIFIED},
	};
	struct notice n;

	(void)state;
	notice_init(&n);
	n.received_at = T("2024-09-29T15:00:00+08:00");
	n.started_at = T("2024-09-30T09:00:00+08:00");
	n.rectified_at = T("2024-10-08T11:00:00+08:00");
	n.feedback_at = T("2024-10-09T10:00:00+08:00");
	n.verified_at = T("2024-10-20T10:00:00+08:00");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (notice_stage_at(&n, T(cases[i].at)) != cases[i].want) {
			print_error("case %zu (%s): %s\n", i, cases[i].at,
				    notice_stage_code(notice_stage_at(&n, T(cases[i].at))));
			fail();
		}
}

/* ---- Yantai 七：新建信息化项目的网络安全预算不低于项目总预算的 5% ------------------------------- */

static void budget_ratio(void **state)
{
	static const struct {
		const char *what, *profile;
		int year;
		long long total, security;
		const char *as_of;
		bool low;
	} cases[] = {
		{"exactly 5 %", "yantai-fao-2021", 2026, 1000000, 50000, "2026-06-01", false},
		{"a yuan under 5 %", "yantai-fao-2021", 2026, 1000000, 49999, "2026-06-01", true},
		{"5 % of an odd total, rounded down", "yantai-fao-2021", 2026, 1000001, 50000,
		 "2026-06-01", true},
		{"no security budget", "yantai-fao-2021", 2026, 300000, 0, "2026-06-01", true},
		{"a project of the next year is not yet checked", "yantai-fao-2021", 2027, 1000000, 0,
		 "2026-12-31", false},
		{"… until its year comes", "yantai-fao-2021", 2027, 1000000, 0, "2027-01-01", true},
		{"a project of the year before", "yantai-fao-2021", 2025, 1000000, 1000,
		 "2026-06-01", true},
		/* central and IMNU set no ratio: no budget.low */
		{"central: no ratio", "central-2017", 2026, 1000000, 0, "2026-06-01", false},
		{"IMNU: no ratio", "imnu-2022", 2026, 1000000, 0, "2026-06-01", false},
	};
	(void)state;

	assert_int_equal(yantai->numbers.budget_ratio_percent, 5);
	assert_string_equal(yantai->numbers.budget_article, "七、强化保障");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reg *r = org();
		struct project *pr = reg_add_project(r);
		struct check_result res = {0};
		bool low = false;

		pr->id = 1;
		pr->code = "P1";
		pr->name = "平台";
		pr->unit = 5;
		pr->year = cases[i].year;
		pr->total = cases[i].total;
		pr->security = cases[i].security;
		assert_int_equal(check_run(profile_named(cases[i].profile), r, D(cases[i].as_of), &res),
				 CD_OK);
		for (size_t k = 0; k < res.n; k++)
			if (res.v[k].rule == CHECK_BUDGET_LOW) {
				low = true;
				assert_string_equal(res.v[k].article, "七、强化保障");
				assert_string_equal(res.v[k].subject, "P1");
			}
		if (low != cases[i].low) {
			print_error("case %zu (%s): budget.low %d\n", i, cases[i].what, low);
			fail();
		}
		check_result_free(&res);
		reg_free(r);
	}
}

/* ---- IMNU 第十四条（八）：经费不落实 — funding_missing from the projects ------------------------- */

static void funding_missing(void **state)
{
	static const struct {
		const char *what, *profile;
		int64_t unit; /* the project's unit; 0 none */
		int year;
		long long total, security;
		const char *want; /* the fact: "true", "false", "" unknown */
	} cases[] = {
		/* IMNU sets no ratio; readings.funding_floor_percent 0: no security budget at all */
		{"IMNU: the answering department's project has no security budget", "imnu-2022", 5,
		 2026, 800000, 0, "true"},
		{"IMNU: a yuan of security budget is no proof either way", "imnu-2022", 5, 2026,
		 800000, 1, ""},
		{"IMNU: a project of the root above the department counts", "imnu-2022", 1, 2026,
		 800000, 0, "true"},
		{"IMNU: another unit's project does not", "imnu-2022", 4, 2026, 800000, 0, ""},
		{"IMNU: a project of the year after detection does not", "imnu-2022", 5, 2027, 800000,
		 0, ""},
		{"IMNU: a project of the year before does", "imnu-2022", 5, 2025, 800000, 0, "true"},
		{"IMNU: no project", "imnu-2022", 0, 0, 0, 0, ""},
		/* Yantai: the ratio decides both ways (5 %) */
		{"Yantai: exactly at the ratio", "yantai-fao-2021", 5, 2026, 1000000, 50000, "false"},
		{"Yantai: under it", "yantai-fao-2021", 5, 2026, 1000000, 49999, "true"},
		/* central: neither a ratio nor a floor */
		{"central: not derived", "central-2017", 5, 2026, 800000, 0, ""},
	};
	(void)state;

	assert_int_equal(imnu->readings.funding_floor_percent, 0);
	assert_int_equal(central->readings.funding_floor_percent, PROFILE_NUMBER_NONE);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct profile *p = profile_named(cases[i].profile);
		struct reg *r = org();
		struct arena *a = arena_new(0);
		const struct cond **conds = NULL;
		struct cd_diag d = {{0}};
		struct incident x;
		struct incident_analysis an;
		struct incident_env env;
		int64_t asset = 1;
		const char *got;

		fx_asset(r, 1, "SYS", 5);
		if (cases[i].unit) {
			struct project *pr = reg_add_project(r);

			pr->id = 1;
			pr->code = "P1";
			pr->name = "平台";
			pr->unit = cases[i].unit;
			pr->year = cases[i].year;
			pr->total = cases[i].total;
			pr->security = cases[i].security;
		}
		assert_int_equal(cond_parse_profile(p, a, &conds, &d), CD_OK);
		env = (struct incident_env){.p = p, .rules = &rules, .reg = r, .cal = cal,
					    .conds = conds, .classes = &classes};
		incident_init(&x);
		x.id = 1;
		x.code = "INC-1";
		x.assets = &asset;
		x.nassets = 1;
		x.detected_at = T("2026-05-10T09:00:00+08:00");
		assert_int_equal(incident_analyse(&env, &x, T("2026-05-20T09:00:00+08:00"), a, &an),
				 CD_OK);
		got = !facts_known(&an.facts, FACT_FUNDING_MISSING) ? ""
		      : an.facts.v[FACT_FUNDING_MISSING].b	    ? "true"
								    : "false";
		if (strcmp(got, cases[i].want)) {
			print_error("case %zu (%s): funding_missing \"%s\" (%s)\n", i, cases[i].what,
				    got, an.why[FACT_FUNDING_MISSING]);
			fail();
		}
		arena_free(a);
		reg_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(yearly_duties),  cmocka_unit_test(mlps_not_missed),
		cmocka_unit_test(support_request), cmocka_unit_test(stage_at),
		cmocka_unit_test(budget_ratio),
		cmocka_unit_test(funding_missing),
	};

	return cmocka_run_group_tests(tests, policies_setup, policies_teardown);
}
