/* test_date.c — calendar date arithmetic: conversions, parsing, weekdays, month addition. */
#include "testutil.h"

static void conversions(void **state)
{
	static const struct {
		int y, m, d;
		cd_date days;
		int weekday;
	} cases[] = {
		{1970, 1, 1, 0, 4},       {1969, 12, 31, -1, 3},  {2000, 2, 29, 11016, 2},
		{2017, 8, 15, 17393, 2},  {2022, 12, 31, 19357, 6}, {2024, 9, 29, 19995, 7},
		{2026, 11, 21, 20778, 6}, {1900, 3, 1, -25508, 4},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int y, m, d;

		assert_int_equal(date_from_ymd(cases[i].y, cases[i].m, cases[i].d), cases[i].days);
		date_to_ymd(cases[i].days, &y, &m, &d);
		assert_int_equal(y, cases[i].y);
		assert_int_equal(m, cases[i].m);
		assert_int_equal(d, cases[i].d);
		assert_int_equal(date_weekday(cases[i].days), cases[i].weekday);
	}
	/* every day of 1990-2040 round-trips */
	for (cd_date t = date_from_ymd(1990, 1, 1); t < date_from_ymd(2040, 1, 1); t++) {
		int y, m, d;

		date_to_ymd(t, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), t);
	}
}

static void parsing(void **state)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{"2024-02-29", 1}, {"2023-02-29", 0}, {"2024-13-01", 0}, {"2024-00-10", 0},
		{"2024-1-01", 0},  {"2024-01-01 ", 0}, {"20240101", 0},   {"", 0},
		{"1899-12-31", 0}, {"2100-02-29", 0}, {"2000-02-29", 1}, {"2024-04-31", 0},
		{"２０２４-01-01", 0}, {"2024-01-0a", 0},
	};
	char buf[11];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cd_date t = 12345;

		assert_int_equal(date_parse(cases[i].s, &t), cases[i].ok);
		if (cases[i].ok)
			assert_string_equal(date_format(t, buf), cases[i].s);
		else
			assert_int_equal(t, 12345); /* untouched */
	}
	assert_false(date_parse(NULL, NULL));
	assert_string_equal(date_format(CD_DATE_NONE, buf), "");
}

static void months(void **state)
{
	static const struct {
		const char *from;
		int n;
		const char *to;
	} cases[] = {
		{"2024-01-31", 1, "2024-02-29"}, {"2023-01-31", 1, "2023-02-28"},
		{"2024-08-31", 3, "2024-11-30"}, {"2024-11-15", 3, "2025-02-15"},
		{"2025-03-31", -1, "2025-02-28"}, {"2025-01-15", -13, "2023-12-15"},
		{"2024-02-29", 12, "2025-02-28"}, {"2024-05-10", 0, "2024-05-10"},
	};
	char buf[11];
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(date_format(date_add_months(D(cases[i].from), cases[i].n), buf),
				    cases[i].to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conversions),
		cmocka_unit_test(parsing),
		cmocka_unit_test(months),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
