/* test_reg.c — the register's temporal query ("who held role R of unit U on day D") across
 * changes of holder, vacancies and overlaps; lookups; the rules a duty and a project keep
 * however they are written; enumeration names. */
#include "fixreg.h"

/* College 10: first responsible 张 until 2022-06-30, vacant 07-01..07-14, 李 from 07-15;
 * direct responsible 王 throughout; asset 100 custodian 赵 from 2023. */
static struct reg *history(void)
{
	struct reg *r = reg_new();

	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 10, "C1", 1, UNIT_DEPARTMENT);
	fx_person(r, 1, "张");
	fx_person(r, 2, "李");
	fx_person(r, 3, "王");
	fx_person(r, 4, "赵");
	fx_asset(r, 100, "A1", 10);
	fx_duty(r, 1, ROLE_FIRST_RESPONSIBLE, 1, 10, 0, "2019-03-01", "2022-06-30");
	fx_duty(r, 2, ROLE_FIRST_RESPONSIBLE, 2, 10, 0, "2022-07-15", NULL);
	fx_duty(r, 3, ROLE_DIRECT_RESPONSIBLE, 3, 10, 0, "2019-03-01", NULL);
	fx_duty(r, 4, ROLE_ASSET_CUSTODIAN, 4, 0, 100, "2023-01-01", NULL);
	return r;
}

static void holders_over_time(void **state)
{
	static const struct {
		const char *on;
		enum role role;
		int64_t unit, asset;
		int64_t person; /* 0 = vacant */
	} cases[] = {
		{"2019-02-28", ROLE_FIRST_RESPONSIBLE, 10, 0, 0}, /* before anyone */
		{"2019-03-01", ROLE_FIRST_RESPONSIBLE, 10, 0, 1}, /* first day counts */
		{"2022-06-30", ROLE_FIRST_RESPONSIBLE, 10, 0, 1}, /* last day counts */
		{"2022-07-01", ROLE_FIRST_RESPONSIBLE, 10, 0, 0}, /* vacancy */
		{"2022-07-14", ROLE_FIRST_RESPONSIBLE, 10, 0, 0},
		{"2022-07-15", ROLE_FIRST_RESPONSIBLE, 10, 0, 2},
		{"2030-01-01", ROLE_FIRST_RESPONSIBLE, 10, 0, 2}, /* open end */
		{"2022-07-01", ROLE_DIRECT_RESPONSIBLE, 10, 0, 3},
		{"2022-07-01", ROLE_SECURITY_OFFICER, 10, 0, 0},  /* never held */
		{"2022-12-31", ROLE_ASSET_CUSTODIAN, 0, 100, 0},
		{"2023-01-01", ROLE_ASSET_CUSTODIAN, 0, 100, 4},
		{"2023-01-01", ROLE_ASSET_CUSTODIAN, 10, 0, 0},   /* asset duty is not the unit's */
		{"2023-01-01", ROLE_FIRST_RESPONSIBLE, 1, 0, 0},  /* not inherited by the parent */
	};
	struct reg *r = history();
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct duty *out[4];
		size_t n = reg_holders(r, cases[i].role, cases[i].unit, cases[i].asset,
				       D(cases[i].on), out, 4);

		if (!cases[i].person) {
			assert_int_equal(n, 0);
		} else {
			assert_int_equal(n, 1);
			assert_int_equal(out[0]->person, cases[i].person);
		}
	}
	reg_free(r);
}

static void overlapping_holders_are_all_returned(void **state)
{
	struct reg *r = history();
	const struct duty *out[1];
	(void)state;

	/* a badly recorded handover: 张 is also recorded from 2022-06-01 in a second duty */
	fx_duty(r, 5, ROLE_FIRST_RESPONSIBLE, 2, 10, 0, "2022-06-01", "2022-06-30");
	assert_int_equal(reg_holders(r, ROLE_FIRST_RESPONSIBLE, 10, 0, D("2022-06-15"), out, 1), 2);
	assert_int_equal(out[0]->person, 1); /* ordered by valid_from; count exceeds max */
	reg_free(r);
}

static void lookups(void **state)
{
	struct reg *r = history();
	(void)state;

	assert_string_equal(reg_unit(r, 10)->code, "C1");
	assert_null(reg_unit(r, 11));
	assert_string_equal(reg_person(r, 4)->name, "赵");
	assert_string_equal(reg_asset_by_code(r, "A1")->code, "A1");
	assert_null(reg_person_by_code(r, "nobody"));
	assert_true(reg_is_root(reg_unit(r, 1)));
	assert_false(reg_is_root(reg_unit(r, 10)));
	reg_free(r);
}

static void rules(void **state)
{
	static const struct {
		const char *from, *to; /* a duty's term (to NULL: it runs on) */
		const char *field;     /* refused naming this field; NULL: kept */
	} terms[] = {
		{"2026-03-01", NULL, NULL},
		{"2026-03-01", "2026-03-01", NULL}, /* held one day */
		{"2026-03-01", "2026-06-30", NULL},
		{"2026-03-01", "2026-02-28", "to"},
	};
	static const struct {
		int64_t total, security;
		const char *field;
	} budgets[] = {
		{100000, 0, NULL},
		{100000, 100000, NULL}, /* all of it for security */
		{100000, 100001, "security"},
		{100000, -1, "security"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		struct duty du = {.from = D(terms[i].from),
				  .to = terms[i].to ? D(terms[i].to) : CD_DATE_NONE};
		struct cd_diag d = {{0}};
		const char *field = "?";

		assert_int_equal(reg_duty_check(&du, &field, &d),
				 terms[i].field ? CD_EINVAL : CD_OK);
		if (terms[i].field) {
			assert_string_equal(field, terms[i].field);
			assert_non_null(strstr(d.msg, terms[i].to));
		} else {
			assert_null(field);
		}
	}
	for (size_t i = 0; i < sizeof(budgets) / sizeof(budgets[0]); i++) {
		struct project p = {.total = budgets[i].total, .security = budgets[i].security};
		struct cd_diag d = {{0}};
		const char *field = "?";

		assert_int_equal(reg_project_check(&p, &field, &d),
				 budgets[i].field ? CD_EINVAL : CD_OK);
		if (budgets[i].field)
			assert_string_equal(field, budgets[i].field);
		else
			assert_null(field);
	}
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(unit_kind_parse("department"), UNIT_DEPARTMENT);
	assert_int_equal(unit_kind_parse("部门"), UNIT_DEPARTMENT);
	assert_int_equal(unit_kind_parse("科室"), UNIT_DEPARTMENT);
	assert_int_equal(unit_kind_parse("Department"), -1);
	assert_int_equal(role_parse("网络安全员"), ROLE_SECURITY_OFFICER);
	assert_int_equal(role_parse("first_responsible"), ROLE_FIRST_RESPONSIBLE);
	assert_int_equal(asset_kind_parse("门户网站"), ASSET_PORTAL);
	assert_int_equal(asset_status_parse("在用"), STATUS_LIVE);
	assert_int_equal(assess_result_parse("基本符合"), ASSESS_BASIC);
	assert_int_equal(relation_parse("operator"), REL_OPERATOR);
	for (int k = 0; k < UNIT__MAX; k++)
		assert_int_equal(unit_kind_parse(unit_kind_label((enum unit_kind)k)), k);
	for (int k = 0; k < ROLE__MAX; k++)
		assert_int_equal(role_parse(role_code((enum role)k)), k);
	assert_string_equal(role_code((enum role)99), "?");
}

/* The one subtree test: a tree ROOT(1) > C1(10) > D(11), ROOT > C2(20), an orphan 30 whose
 * parent is missing, and 40 <-> 41 a cycle. */
static void in_subtree(void **state)
{
	static const struct {
		int64_t unit, top;
		bool want;
	} cases[] = {
		{10, 10, true},  {11, 10, true}, {11, 1, true},	  {10, 11, false}, {20, 10, false},
		{1, 1, true},	 {1, 10, false}, {0, 1, false},	  {0, 0, false},   {99, 1, false},
		{30, 1, false},	 {30, 30, true}, {40, 1, false},  {41, 40, true},
	};
	struct reg *r = reg_new();

	(void)state;
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 10, "C1", 1, UNIT_DEPARTMENT);
	fx_unit(r, 11, "D", 10, UNIT_DEPARTMENT);
	fx_unit(r, 20, "C2", 1, UNIT_DEPARTMENT);
	fx_unit(r, 30, "ORPHAN", 29, UNIT_DEPARTMENT);
	fx_unit(r, 40, "CY1", 41, UNIT_DEPARTMENT);
	fx_unit(r, 41, "CY2", 40, UNIT_DEPARTMENT);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (reg_in_subtree(r, cases[i].unit, cases[i].top) != cases[i].want)
			fail_msg("case %zu: unit %lld in subtree of %lld should be %d", i,
				 (long long)cases[i].unit, (long long)cases[i].top, cases[i].want);
	reg_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holders_over_time),
		cmocka_unit_test(overlapping_holders_are_all_returned),
		cmocka_unit_test(lookups),
		cmocka_unit_test(in_subtree),
		cmocka_unit_test(rules),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests_name("reg", tests, NULL, NULL);
}
