/* test_check.c — every rule of `cyberduty check` on small registers: a clean baseline gives no
 * finding, and each case breaks one thing and expects exactly the findings it names. */
#include "fixreg.h"

#include "core/check.h"
#include "profile/profile_load.h"

/* Baseline under imnu-2022: root + one college, every required role held, one asset. */
static struct reg *baseline(void)
{
	struct reg *r = reg_new();

	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 10, "COL", 1, UNIT_DEPARTMENT);
	fx_unit(r, 90, "POLICE", 0, UNIT_EXTERNAL_AUTHORITY);
	for (int i = 1; i <= 6; i++)
		fx_person(r, i, (const char *[]){"", "书记", "副校长", "院书记", "副院长", "安全员",
						 "院长"}[i]);
	fx_duty(r, 1, ROLE_FIRST_RESPONSIBLE, 1, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 2, ROLE_DIRECT_RESPONSIBLE, 2, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 3, ROLE_FIRST_RESPONSIBLE, 3, 10, 0, "2020-01-01", NULL);
	fx_duty(r, 4, ROLE_DIRECT_RESPONSIBLE, 4, 10, 0, "2020-01-01", NULL);
	fx_duty(r, 5, ROLE_SECURITY_OFFICER, 5, 10, 0, "2020-01-01", NULL);
	fx_asset(r, 100, "SYS", 10);
	return r;
}

struct want {
	const char *rule, *subject, *since; /* since NULL = no date */
};

static void expect(const char *profile_id, struct reg *r, const char *as_of,
		   const struct want *w, size_t nw)
{
	struct profile *p = NULL;
	struct check_result res = {0};
	char buf[11], msg[512];

	assert_int_equal(profile_open(profile_id, &p, NULL), CD_OK);
	assert_int_equal(check_run(p, r, D(as_of), &res), CD_OK);
	if (res.n != nw) {
		for (size_t i = 0; i < res.n; i++)
			print_error("  got %s %s\n", check_rule_code(res.v[i].rule),
				    check_describe(&res.v[i], r, msg, sizeof(msg)));
		fail_msg("expected %zu findings, got %zu", nw, res.n);
	}
	for (size_t i = 0; i < nw; i++) {
		assert_string_equal(check_rule_code(res.v[i].rule), w[i].rule);
		assert_string_equal(res.v[i].subject, w[i].subject);
		assert_string_equal(date_format(res.v[i].since, buf), w[i].since ? w[i].since : "");
		assert_non_null(res.v[i].article);
		assert_true(strlen(check_describe(&res.v[i], r, msg, sizeof(msg))) > 10);
	}
	check_result_free(&res);
	profile_free(p);
	reg_free(r);
}

#define EXPECT(profile, r, as_of, ...)                                                             \
	do {                                                                                       \
		const struct want w_[] = {__VA_ARGS__};                                            \
		expect(profile, r, as_of, w_, sizeof(w_) / sizeof(w_[0]));                         \
	} while (0)

static void clean_baseline(void **state)
{
	(void)state;
	expect("imnu-2022", baseline(), "2026-11-21", NULL, 0);
	expect("central-2017", baseline(), "2026-11-21", NULL, 0);
}

static void role_missing(void **state)
{
	struct reg *r = baseline();
	(void)state;

	r->duties[4].to = D("2026-06-30"); /* the security officer left */
	r->duties[0].from = D("2026-12-01"); /* the root's first responsible starts later */
	fx_unit(r, 11, "CTR", 1, UNIT_TECH_SUPPORT_CENTRE); /* a centre with nobody */
	EXPECT("imnu-2022", r, "2026-11-21", {"role.missing", "COL", NULL},
	       {"role.missing", "CTR", NULL}, {"role.missing", "CTR", NULL},
	       {"role.missing", "CTR", NULL}, {"role.missing", "ROOT", NULL});
}

static void role_missing_depends_on_the_day(void **state)
{
	struct reg *r = baseline();
	(void)state;

	r->duties[4].to = D("2026-06-30");
	expect("imnu-2022", r, "2026-06-30", NULL, 0); /* still held on its last day */
}

static void role_missing_per_profile(void **state)
{
	(void)state;
	/* central requires nothing of a college; Yantai wants a principal and an officer */
	expect("central-2017", baseline(), "2026-11-21", NULL, 0);
	EXPECT("yantai-fao-2021", baseline(), "2026-11-21", {"role.missing", "COL", NULL});
}

static void role_overlap(void **state)
{
	struct reg *r = baseline();
	(void)state;

	r->duties[2].to = D("2024-03-31");                                       /* 院书记 until March */
	fx_duty(r, 6, ROLE_FIRST_RESPONSIBLE, 6, 10, 0, "2024-03-01", NULL);     /* overlaps in March */
	fx_duty(r, 7, ROLE_SECURITY_OFFICER, 6, 10, 0, "2023-01-01", NULL);      /* several allowed */
	fx_duty(r, 8, ROLE_DIRECT_RESPONSIBLE, 6, 1, 0, "2027-01-01", NULL);     /* future: not yet */
	EXPECT("imnu-2022", r, "2026-11-21", {"role.overlap", "COL", "2024-03-01"});
}

static void clean_handover_is_no_overlap(void **state)
{
	struct reg *r = baseline();
	(void)state;

	r->duties[2].to = D("2024-02-29");
	fx_duty(r, 6, ROLE_FIRST_RESPONSIBLE, 6, 10, 0, "2024-03-01", NULL);
	expect("imnu-2022", r, "2026-11-21", NULL, 0);
}

static void asset_unanswered(void **state)
{
	struct reg *r = baseline();
	struct asset *a;
	(void)state;

	a = fx_asset(r, 101, "ONLYBUILT", 0);
	a->rel[REL_BUILDER] = 10; /* Yantai: the builder answers; IMNU: it does not */
	a = fx_asset(r, 102, "ORPHAN", 0);
	a = fx_asset(r, 103, "OLD", 0);
	a->status = STATUS_RETIRED;
	EXPECT("imnu-2022", r, "2026-11-21", {"asset.unanswered", "ONLYBUILT", NULL},
	       {"asset.unanswered", "ORPHAN", NULL});
}

static void asset_answered_by_builder_in_yantai(void **state)
{
	struct reg *r = baseline();
	struct asset *a;
	(void)state;

	a = fx_asset(r, 101, "ONLYBUILT", 0);
	a->rel[REL_BUILDER] = 10;
	/* Yantai also wants a principal of COL: that finding only */
	EXPECT("yantai-fao-2021", r, "2026-11-21", {"role.missing", "COL", NULL});
}

static void mlps_unfiled(void **state)
{
	struct reg *r = baseline();
	struct asset *a;
	(void)state;

	a = fx_asset(r, 101, "L2DUE", 10); /* graded 30 days ago: due today, not late */
	a->mlps_level = 2;
	a->graded_on = D("2026-10-22");
	a = fx_asset(r, 102, "L2LATE", 10); /* 31 days ago: late */
	a->mlps_level = 2;
	a->graded_on = D("2026-10-21");
	a = fx_asset(r, 103, "L2FILED", 10);
	a->mlps_level = 2;
	a->graded_on = D("2020-01-01");
	a->filed_on = D("2020-01-20");
	a = fx_asset(r, 104, "L1", 10); /* level 1 files nothing */
	a->mlps_level = 1;
	a->graded_on = D("2020-01-01");
	a = fx_asset(r, 105, "L2NODATE", 10);
	a->mlps_level = 2;
	EXPECT("imnu-2022", r, "2026-11-21", {"mlps.unfiled", "L2LATE", "2026-11-20"},
	       {"mlps.unfiled", "L2NODATE", NULL});
}

static void mlps_unassessed(void **state)
{
	struct reg *r = baseline();
	struct asset *a;
	(void)state;

	a = fx_asset(r, 101, "L3EDGE", 10); /* assessed a year ago today: still in time */
	a->mlps_level = 3;
	a->graded_on = D("2020-01-01");
	a->filed_on = D("2020-01-10");
	a->assessed_on = D("2025-11-21");
	a = fx_asset(r, 102, "L3LATE", 10);
	a->mlps_level = 3;
	a->graded_on = D("2020-01-01");
	a->filed_on = D("2020-01-10");
	a->assessed_on = D("2025-11-20");
	a = fx_asset(r, 103, "L4LATE", 10); /* level 4: every six months */
	a->mlps_level = 4;
	a->graded_on = D("2020-01-01");
	a->filed_on = D("2020-01-10");
	a->assessed_on = D("2026-05-20");
	a = fx_asset(r, 104, "L3NEW", 10); /* graded recently, first assessment not yet due */
	a->mlps_level = 3;
	a->graded_on = D("2026-06-01");
	a->filed_on = D("2026-06-15");
	a = fx_asset(r, 105, "L3NEVER", 10);
	a->mlps_level = 3;
	a->graded_on = D("2024-06-01");
	a->filed_on = D("2024-06-15");
	a = fx_asset(r, 106, "L2OLD", 10); /* level 2: no statutory period */
	a->mlps_level = 2;
	a->graded_on = D("2015-01-01");
	a->filed_on = D("2015-01-15");
	EXPECT("imnu-2022", r, "2026-11-21", {"mlps.unassessed", "L3LATE", "2026-11-20"},
	       {"mlps.unassessed", "L3NEVER", "2025-06-01"},
	       {"mlps.unassessed", "L4LATE", "2026-11-20"});
}

/* check_run_only finds exactly what check_run finds about the units and systems it is given:
 * a register with gaps in two colleges and two orphan systems, checked whole and in parts. */
static void only_some(void **state)
{
	static const struct {
		int64_t units[3];
		size_t nunits;
		int64_t assets[2];
		size_t nassets;
		bool all_units, all_assets;
	} cases[] = {
		{{10}, 1, {101}, 1, false, false},  {{20}, 1, {102}, 1, false, false},
		{{1, 10}, 2, {0}, 0, false, false}, {{0}, 0, {101, 102}, 2, false, false},
		{{0}, 0, {0}, 0, true, false},	    {{10, 20}, 2, {0}, 0, false, true},
	};
	struct reg *r = baseline();
	struct profile *p = NULL;
	struct check_result whole = {0};

	(void)state;
	fx_unit(r, 20, "COL2", 1, UNIT_DEPARTMENT); /* no roles held */
	r->duties[4].to = D("2025-01-01");	    /* COL: the security officer left */
	fx_duty(r, 6, ROLE_FIRST_RESPONSIBLE, 6, 10, 0, "2024-03-01", NULL); /* overlaps */
	fx_asset(r, 101, "ORPHAN1", 0);
	fx_asset(r, 102, "ORPHAN2", 0);
	assert_int_equal(profile_open("imnu-2022", &p, NULL), CD_OK);
	assert_int_equal(check_run(p, r, D("2026-11-21"), &whole), CD_OK);
	assert_true(whole.n >= 5);
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct check_only only = {
			.units = cases[c].all_units ? NULL : cases[c].units,
			.nunits = cases[c].nunits,
			.assets = cases[c].all_assets ? NULL : cases[c].assets,
			.nassets = cases[c].nassets};
		struct check_result part = {0};
		size_t k = 0;

		assert_int_equal(check_run_only(p, r, D("2026-11-21"), &only, &part), CD_OK);
		for (size_t i = 0; i < whole.n; i++) {
			const struct finding *f = &whole.v[i];
			bool unit_ok = !only.units, asset_ok = !only.assets;

			for (size_t j = 0; only.units && j < only.nunits; j++)
				unit_ok = unit_ok || (f->unit && f->unit == only.units[j]);
			for (size_t j = 0; only.assets && j < only.nassets; j++)
				asset_ok = asset_ok || (f->asset && f->asset == only.assets[j]);
			if (f->rule == CHECK_BUDGET_LOW || (f->unit ? unit_ok : asset_ok)) {
				if (k >= part.n || part.v[k].rule != f->rule ||
				    strcmp(part.v[k].subject, f->subject))
					fail_msg("case %zu: finding %zu (%s %s) missing or out of order",
						 c, i, check_rule_code(f->rule), f->subject);
				k++;
			}
		}
		if (k != part.n)
			fail_msg("case %zu: %zu findings, %zu expected", c, part.n, k);
		check_result_free(&part);
	}
	check_result_free(&whole);
	profile_free(p);
	reg_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_baseline),
		cmocka_unit_test(role_missing),
		cmocka_unit_test(role_missing_depends_on_the_day),
		cmocka_unit_test(role_missing_per_profile),
		cmocka_unit_test(role_overlap),
		cmocka_unit_test(clean_handover_is_no_overlap),
		cmocka_unit_test(asset_unanswered),
		cmocka_unit_test(only_some),
		cmocka_unit_test(asset_answered_by_builder_in_yantai),
		cmocka_unit_test(mlps_unfiled),
		cmocka_unit_test(mlps_unassessed),
	};
	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
