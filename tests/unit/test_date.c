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

/* date_read: the forms offices and spreadsheets write, the impossible days named as such. */
static void reading(void **state)
{
	static const struct {
		const char *in;
		enum date_form want;
		const char *date; /* DATE_READ: the day; DATE_NO_DAY: y-m-d as written */
	} cases[] = {
		{"2024-03-01", DATE_READ, "2024-03-01"},
		{"2024-3-1", DATE_READ, "2024-03-01"},
		{"2024/3/1", DATE_READ, "2024-03-01"},
		{"2024/03/01", DATE_READ, "2024-03-01"},
		{"2024.3.1", DATE_READ, "2024-03-01"},
		{"2024年3月1日", DATE_READ, "2024-03-01"},
		{"2024年12月31日", DATE_READ, "2024-12-31"},
		{"2024/3/1 0:00", DATE_READ, "2024-03-01"},
		{"2024-03-01 00:00:00", DATE_READ, "2024-03-01"},
		{"2024-02-29", DATE_READ, "2024-02-29"},
		{"2024-02-30", DATE_NO_DAY, "2024-2-30"},
		{"2023-2-29", DATE_NO_DAY, "2023-2-29"},
		{"2024/13/1", DATE_NO_DAY, "2024-13-1"},
		{"2024年4月31日", DATE_NO_DAY, "2024-4-31"},
		{"2024-00-10", DATE_NO_DAY, "2024-0-10"},
		{"1899-12-31", DATE_NO_DAY, "1899-12-31"},
		{"", DATE_NOT_DATE, NULL},
		{"01/03/2024", DATE_NOT_DATE, NULL},
		{"2024-3", DATE_NOT_DATE, NULL},
		{"2024-3-1x", DATE_NOT_DATE, NULL},
		{"2024/3-1", DATE_NOT_DATE, NULL},
		{"2024年3月1", DATE_NOT_DATE, NULL},
		{"24-3-1", DATE_NOT_DATE, NULL},
		{"2024-123-1", DATE_NOT_DATE, NULL},
		{"2024-03-01 25", DATE_NOT_DATE, NULL},
		{"昨天", DATE_NOT_DATE, NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cd_date t = CD_DATE_NONE;
		int y = 0, m = 0, d = 0;
		enum date_form got = date_read(cases[i].in, &t, &y, &m, &d);
		char buf[32];

		if (got != cases[i].want)
			fail_msg("case %zu \"%s\": got %d, want %d", i, cases[i].in, got,
				 cases[i].want);
		if (got == DATE_READ)
			assert_string_equal(date_format(t, buf), cases[i].date);
		if (got == DATE_NO_DAY) {
			snprintf(buf, sizeof buf, "%d-%d-%d", y, m, d);
			assert_string_equal(buf, cases[i].date);
		}
	}
}

/* date_from_serial: Excel's 1900 date system, its phantom 1900-02-29 included. */
static void serials(void **state)
{
	static const struct {
		double serial;
		const char *date; /* NULL: refused */
	} cases[] = {
		{1, "1900-01-01"},	    {59, "1900-02-28"},	      {61, "1900-03-01"},
		{45352, "2024-03-01"},	    {45352.75, "2024-03-01"}, {46359, "2026-12-03"},
		{2958465, "9999-12-31"},   {0, NULL},		      {-3, NULL},
		{2958466, NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cd_date t = CD_DATE_NONE;
		char buf[11];
		bool ok = date_from_serial(cases[i].serial, &t);

		if (ok != (cases[i].date != NULL))
			fail_msg("case %zu (%g): got %d", i, cases[i].serial, ok);
		if (ok)
			assert_string_equal(date_format(t, buf), cases[i].date);
	}
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
		cmocka_unit_test(reading),
		cmocka_unit_test(serials),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
