/* fuzz_holidays.c — libFuzzer target for the holiday calendar reader (JSON, src/io/holidays.c)
 * and the calendar built from what it read: a calendar or a refusal, never a crash. Run with
 * `make fuzz`. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "io/holidays.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new(0);
	struct holidays h = {0};
	struct cd_diag d = {{0}};
	struct calendar *cal = NULL;

	if (!a)
		return 0;
	if (holidays_parse((const char *)data, size, "fuzz.json", a, &h, &d) == CD_OK &&
	    calendar_new(h.days, h.ndays, h.year_from, h.year_to, &cal, &d) == CD_OK) {
		bool est;
		/* count across the years read (those a date can hold), and from a day of today */
		int y = h.year_from >= 1900 && h.year_from <= 2999 ? h.year_from : 2026;

		(void)calendar_add_workdays(cal, date_from_ymd(y, 1, 1), 30, &est);
		(void)calendar_add_workdays(cal, date_from_ymd(2026, 9, 30), 3, &est);
		calendar_free(cal);
	}
	arena_free(a);
	return 0;
}
