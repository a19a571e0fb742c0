/* test_calendar.c — the working-day calendar: the official 2021–2026 data, deadlines by the Civil
 * Code convention around every holiday run and every adjusted working day, years without an
 * official calendar, and the refusal of invalid calendars. */
#include "testutil.h"

#include "core/calendar.h"

#define OFF  CALENDAR_OFF
#define WORK CALENDAR_WORK
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct row {
	const char *date; /* "" = CD_DATE_NONE */
	enum calendar_kind kind;
	const char *name;
};

/* Generated from data/cn-holidays.json (a copy of reference/cn-holidays.json) by a one-off
 * python3 script; regenerate it when the data changes. */
static const struct row official[] = {
	{"2021-01-01", OFF, "元旦"}, {"2021-01-02", OFF, "元旦"},
	{"2021-01-03", OFF, "元旦"}, {"2021-02-07", WORK, "春节"},
	{"2021-02-11", OFF, "春节"}, {"2021-02-12", OFF, "春节"},
	{"2021-02-13", OFF, "春节"}, {"2021-02-14", OFF, "春节"},
	{"2021-02-15", OFF, "春节"}, {"2021-02-16", OFF, "春节"},
	{"2021-02-17", OFF, "春节"}, {"2021-02-20", WORK, "春节"},
	{"2021-04-03", OFF, "清明节"}, {"2021-04-04", OFF, "清明节"},
	{"2021-04-05", OFF, "清明节"}, {"2021-04-25", WORK, "劳动节"},
	{"2021-05-01", OFF, "劳动节"}, {"2021-05-02", OFF, "劳动节"},
	{"2021-05-03", OFF, "劳动节"}, {"2021-05-04", OFF, "劳动节"},
	{"2021-05-05", OFF, "劳动节"}, {"2021-05-08", WORK, "劳动节"},
	{"2021-06-12", OFF, "端午节"}, {"2021-06-13", OFF, "端午节"},
	{"2021-06-14", OFF, "端午节"}, {"2021-09-18", WORK, "中秋节"},
	{"2021-09-19", OFF, "中秋节"}, {"2021-09-20", OFF, "中秋节"},
	{"2021-09-21", OFF, "中秋节"}, {"2021-09-26", WORK, "国庆节"},
	{"2021-10-01", OFF, "国庆节"}, {"2021-10-02", OFF, "国庆节"},
	{"2021-10-03", OFF, "国庆节"}, {"2021-10-04", OFF, "国庆节"},
	{"2021-10-05", OFF, "国庆节"}, {"2021-10-06", OFF, "国庆节"},
	{"2021-10-07", OFF, "国庆节"}, {"2021-10-09", WORK, "国庆节"},
	{"2022-01-01", OFF, "元旦"}, {"2022-01-02", OFF, "元旦"},
	{"2022-01-03", OFF, "元旦"}, {"2022-01-29", WORK, "春节"},
	{"2022-01-30", WORK, "春节"}, {"2022-01-31", OFF, "春节"},
	{"2022-02-01", OFF, "春节"}, {"2022-02-02", OFF, "春节"},
	{"2022-02-03", OFF, "春节"}, {"2022-02-04", OFF, "春节"},
	{"2022-02-05", OFF, "春节"}, {"2022-02-06", OFF, "春节"},
	{"2022-04-02", WORK, "清明节"}, {"2022-04-03", OFF, "清明节"},
	{"2022-04-04", OFF, "清明节"}, {"2022-04-05", OFF, "清明节"},
	{"2022-04-24", WORK, "劳动节"}, {"2022-04-30", OFF, "劳动节"},
	{"2022-05-01", OFF, "劳动节"}, {"2022-05-02", OFF, "劳动节"},
	{"2022-05-03", OFF, "劳动节"}, {"2022-05-04", OFF, "劳动节"},
	{"2022-05-07", WORK, "劳动节"}, {"2022-06-03", OFF, "端午节"},
	{"2022-06-04", OFF, "端午节"}, {"2022-06-05", OFF, "端午节"},
	{"2022-09-10", OFF, "中秋节"}, {"2022-09-11", OFF, "中秋节"},
	{"2022-09-12", OFF, "中秋节"}, {"2022-10-01", OFF, "国庆节"},
	{"2022-10-02", OFF, "国庆节"}, {"2022-10-03", OFF, "国庆节"},
	{"2022-10-04", OFF, "国庆节"}, {"2022-10-05", OFF, "国庆节"},
	{"2022-10-06", OFF, "国庆节"}, {"2022-10-07", OFF, "国庆节"},
	{"2022-10-08", WORK, "国庆节"}, {"2022-10-09", WORK, "国庆节"},
	{"2022-12-31", OFF, "元旦"}, {"2023-01-01", OFF, "元旦"},
	{"2023-01-02", OFF, "元旦"}, {"2023-01-21", OFF, "春节"},
	{"2023-01-22", OFF, "春节"}, {"2023-01-23", OFF, "春节"},
	{"2023-01-24", OFF, "春节"}, {"2023-01-25", OFF, "春节"},
	{"2023-01-26", OFF, "春节"}, {"2023-01-27", OFF, "春节"},
	{"2023-01-28", WORK, "春节"}, {"2023-01-29", WORK, "春节"},
	{"2023-04-05", OFF, "清明节"}, {"2023-04-23", WORK, "劳动节"},
	{"2023-04-29", OFF, "劳动节"}, {"2023-04-30", OFF, "劳动节"},
	{"2023-05-01", OFF, "劳动节"}, {"2023-05-02", OFF, "劳动节"},
	{"2023-05-03", OFF, "劳动节"}, {"2023-05-06", WORK, "劳动节"},
	{"2023-06-22", OFF, "端午节"}, {"2023-06-23", OFF, "端午节"},
	{"2023-06-24", OFF, "端午节"}, {"2023-06-25", WORK, "端午节"},
	{"2023-09-29", OFF, "中秋节、国庆节"}, {"2023-09-30", OFF, "中秋节、国庆节"},
	{"2023-10-01", OFF, "中秋节、国庆节"}, {"2023-10-02", OFF, "中秋节、国庆节"},
	{"2023-10-03", OFF, "中秋节、国庆节"}, {"2023-10-04", OFF, "中秋节、国庆节"},
	{"2023-10-05", OFF, "中秋节、国庆节"}, {"2023-10-06", OFF, "中秋节、国庆节"},
	{"2023-10-07", WORK, "中秋节、国庆节"}, {"2023-10-08", WORK, "中秋节、国庆节"},
	{"2024-01-01", OFF, "元旦"}, {"2024-02-04", WORK, "春节"},
	{"2024-02-10", OFF, "春节"}, {"2024-02-11", OFF, "春节"},
	{"2024-02-12", OFF, "春节"}, {"2024-02-13", OFF, "春节"},
	{"2024-02-14", OFF, "春节"}, {"2024-02-15", OFF, "春节"},
	{"2024-02-16", OFF, "春节"}, {"2024-02-17", OFF, "春节"},
	{"2024-02-18", WORK, "春节"}, {"2024-04-04", OFF, "清明节"},
	{"2024-04-05", OFF, "清明节"}, {"2024-04-06", OFF, "清明节"},
	{"2024-04-07", WORK, "清明节"}, {"2024-04-28", WORK, "劳动节"},
	{"2024-05-01", OFF, "劳动节"}, {"2024-05-02", OFF, "劳动节"},
	{"2024-05-03", OFF, "劳动节"}, {"2024-05-04", OFF, "劳动节"},
	{"2024-05-05", OFF, "劳动节"}, {"2024-05-11", WORK, "劳动节"},
	{"2024-06-10", OFF, "端午节"}, {"2024-09-14", WORK, "中秋节"},
	{"2024-09-15", OFF, "中秋节"}, {"2024-09-16", OFF, "中秋节"},
	{"2024-09-17", OFF, "中秋节"}, {"2024-09-29", WORK, "国庆节"},
	{"2024-10-01", OFF, "国庆节"}, {"2024-10-02", OFF, "国庆节"},
	{"2024-10-03", OFF, "国庆节"}, {"2024-10-04", OFF, "国庆节"},
	{"2024-10-05", OFF, "国庆节"}, {"2024-10-06", OFF, "国庆节"},
	{"2024-10-07", OFF, "国庆节"}, {"2024-10-12", WORK, "国庆节"},
	{"2025-01-01", OFF, "元旦"}, {"2025-01-26", WORK, "春节"},
	{"2025-01-28", OFF, "春节"}, {"2025-01-29", OFF, "春节"},
	{"2025-01-30", OFF, "春节"}, {"2025-01-31", OFF, "春节"},
	{"2025-02-01", OFF, "春节"}, {"2025-02-02", OFF, "春节"},
	{"2025-02-03", OFF, "春节"}, {"2025-02-04", OFF, "春节"},
	{"2025-02-08", WORK, "春节"}, {"2025-04-04", OFF, "清明节"},
	{"2025-04-05", OFF, "清明节"}, {"2025-04-06", OFF, "清明节"},
	{"2025-04-27", WORK, "劳动节"}, {"2025-05-01", OFF, "劳动节"},
	{"2025-05-02", OFF, "劳动节"}, {"2025-05-03", OFF, "劳动节"},
	{"2025-05-04", OFF, "劳动节"}, {"2025-05-05", OFF, "劳动节"},
	{"2025-05-31", OFF, "端午节"}, {"2025-06-01", OFF, "端午节"},
	{"2025-06-02", OFF, "端午节"}, {"2025-09-28", WORK, "国庆节、中秋节"},
	{"2025-10-01", OFF, "国庆节、中秋节"}, {"2025-10-02", OFF, "国庆节、中秋节"},
	{"2025-10-03", OFF, "国庆节、中秋节"}, {"2025-10-04", OFF, "国庆节、中秋节"},
	{"2025-10-05", OFF, "国庆节、中秋节"}, {"2025-10-06", OFF, "国庆节、中秋节"},
	{"2025-10-07", OFF, "国庆节、中秋节"}, {"2025-10-08", OFF, "国庆节、中秋节"},
	{"2025-10-11", WORK, "国庆节、中秋节"}, {"2026-01-01", OFF, "元旦"},
	{"2026-01-02", OFF, "元旦"}, {"2026-01-03", OFF, "元旦"},
	{"2026-01-04", WORK, "元旦"}, {"2026-02-14", WORK, "春节"},
	{"2026-02-15", OFF, "春节"}, {"2026-02-16", OFF, "春节"},
	{"2026-02-17", OFF, "春节"}, {"2026-02-18", OFF, "春节"},
	{"2026-02-19", OFF, "春节"}, {"2026-02-20", OFF, "春节"},
	{"2026-02-21", OFF, "春节"}, {"2026-02-22", OFF, "春节"},
	{"2026-02-23", OFF, "春节"}, {"2026-02-28", WORK, "春节"},
	{"2026-04-04", OFF, "清明节"}, {"2026-04-05", OFF, "清明节"},
	{"2026-04-06", OFF, "清明节"}, {"2026-05-01", OFF, "劳动节"},
	{"2026-05-02", OFF, "劳动节"}, {"2026-05-03", OFF, "劳动节"},
	{"2026-05-04", OFF, "劳动节"}, {"2026-05-05", OFF, "劳动节"},
	{"2026-05-09", WORK, "劳动节"}, {"2026-06-19", OFF, "端午节"},
	{"2026-06-20", OFF, "端午节"}, {"2026-06-21", OFF, "端午节"},
	{"2026-09-20", WORK, "国庆节"}, {"2026-09-25", OFF, "中秋节"},
	{"2026-09-26", OFF, "中秋节"}, {"2026-09-27", OFF, "中秋节"},
	{"2026-10-01", OFF, "国庆节"}, {"2026-10-02", OFF, "国庆节"},
	{"2026-10-03", OFF, "国庆节"}, {"2026-10-04", OFF, "国庆节"},
	{"2026-10-05", OFF, "国庆节"}, {"2026-10-06", OFF, "国庆节"},
	{"2026-10-07", OFF, "国庆节"}, {"2026-10-10", WORK, "国庆节"},
};

/* Deadlines: received on `start`, due `n` working days later. Generated with the expected values
 * computed independently in python3 from data/cn-holidays.json (never with the code under test):
 * first the cases the issue names and the year boundaries, then for each of the 40 holiday runs
 * of 2021–2026 (a run: consecutive non-working days holding an "off" entry) the last working day
 * before it (+1, +3), its first day (+1), a day inside (+3) and its last day (+1, +3), then for
 * each of the 40 adjusted working days the day itself (+1, +3) and the day before (+1). */
static const struct deadline {
	const char *start;
	int n;
	const char *due;
	bool estimated;
	const char *what;
} deadlines[] = {
	{"2024-09-29", 3, "2024-10-09", false, "issue: working Sunday before National Day"},
	{"2024-09-30", 3, "2024-10-10", false, "issue: last day before a long holiday"},
	{"2022-12-31", 3, "2023-01-05", false, "issue: 元旦 2023 begins in 2022"},
	{"2024-09-29", 10, "2024-10-17", false, "ten working days over National Day"},
	{"2025-01-20", 30, "2025-03-07", false, "thirty working days over Spring Festival"},
	{"2020-12-31", 1, "2021-01-04", false, "start in 2020 is not counted"},
	{"2020-12-30", 1, "2020-12-31", true, "2020 is computed Monday-Friday"},
	{"2026-12-29", 2, "2026-12-31", false, "ends on the last covered day"},
	{"2026-12-30", 3, "2027-01-04", true, "runs from 2026 into 2027"},
	{"2026-12-31", 1, "2027-01-01", true, "first day after 2026"},
	{"2027-01-01", 3, "2027-01-06", true, "2027 is computed Monday-Friday"},
	{"2027-02-05", 1, "2027-02-08", true, "2027 Spring Festival unknown: weekday rule"},
	{"2027-10-01", 5, "2027-10-08", true, "2027 National Day unknown: weekday rule"},
	{"2024-02-29", 1, "2024-03-01", false, "leap day"},
	{"2023-12-29", 1, "2024-01-02", false, "Friday before 元旦 2024 (weekend not listed)"},
	{"2024-06-07", 1, "2024-06-11", false, "Friday before 端午 2024 (only Monday listed)"},
	{"2020-12-31", 3, "2021-01-06", false, "元旦 2021: last working day before"},
	{"2021-01-01", 1, "2021-01-04", false, "元旦 2021: first day off"},
	{"2021-01-02", 3, "2021-01-06", false, "元旦 2021: inside"},
	{"2021-01-03", 1, "2021-01-04", false, "元旦 2021: last day off"},
	{"2021-01-03", 3, "2021-01-06", false, "元旦 2021: last day off"},
	{"2021-02-10", 1, "2021-02-18", false, "春节 2021: last working day before"},
	{"2021-02-10", 3, "2021-02-20", false, "春节 2021: last working day before"},
	{"2021-02-11", 1, "2021-02-18", false, "春节 2021: first day off"},
	{"2021-02-14", 3, "2021-02-20", false, "春节 2021: inside"},
	{"2021-02-17", 1, "2021-02-18", false, "春节 2021: last day off"},
	{"2021-02-17", 3, "2021-02-20", false, "春节 2021: last day off"},
	{"2021-04-02", 1, "2021-04-06", false, "清明节 2021: last working day before"},
	{"2021-04-02", 3, "2021-04-08", false, "清明节 2021: last working day before"},
	{"2021-04-03", 1, "2021-04-06", false, "清明节 2021: first day off"},
	{"2021-04-04", 3, "2021-04-08", false, "清明节 2021: inside"},
	{"2021-04-05", 1, "2021-04-06", false, "清明节 2021: last day off"},
	{"2021-04-05", 3, "2021-04-08", false, "清明节 2021: last day off"},
	{"2021-04-30", 1, "2021-05-06", false, "劳动节 2021: last working day before"},
	{"2021-04-30", 3, "2021-05-08", false, "劳动节 2021: last working day before"},
	{"2021-05-01", 1, "2021-05-06", false, "劳动节 2021: first day off"},
	{"2021-05-03", 3, "2021-05-08", false, "劳动节 2021: inside"},
	{"2021-05-05", 1, "2021-05-06", false, "劳动节 2021: last day off"},
	{"2021-05-05", 3, "2021-05-08", false, "劳动节 2021: last day off"},
	{"2021-06-11", 1, "2021-06-15", false, "端午节 2021: last working day before"},
	{"2021-06-11", 3, "2021-06-17", false, "端午节 2021: last working day before"},
	{"2021-06-12", 1, "2021-06-15", false, "端午节 2021: first day off"},
	{"2021-06-13", 3, "2021-06-17", false, "端午节 2021: inside"},
	{"2021-06-14", 1, "2021-06-15", false, "端午节 2021: last day off"},
	{"2021-06-14", 3, "2021-06-17", false, "端午节 2021: last day off"},
	{"2021-09-18", 1, "2021-09-22", false, "中秋节 2021: last working day before"},
	{"2021-09-18", 3, "2021-09-24", false, "中秋节 2021: last working day before"},
	{"2021-09-19", 1, "2021-09-22", false, "中秋节 2021: first day off"},
	{"2021-09-20", 3, "2021-09-24", false, "中秋节 2021: inside"},
	{"2021-09-21", 1, "2021-09-22", false, "中秋节 2021: last day off"},
	{"2021-09-21", 3, "2021-09-24", false, "中秋节 2021: last day off"},
	{"2021-09-30", 1, "2021-10-08", false, "国庆节 2021: last working day before"},
	{"2021-09-30", 3, "2021-10-11", false, "国庆节 2021: last working day before"},
	{"2021-10-01", 1, "2021-10-08", false, "国庆节 2021: first day off"},
	{"2021-10-04", 3, "2021-10-11", false, "国庆节 2021: inside"},
	{"2021-10-07", 1, "2021-10-08", false, "国庆节 2021: last day off"},
	{"2021-10-07", 3, "2021-10-11", false, "国庆节 2021: last day off"},
	{"2021-12-31", 1, "2022-01-04", false, "元旦 2022: last working day before"},
	{"2021-12-31", 3, "2022-01-06", false, "元旦 2022: last working day before"},
	{"2022-01-01", 1, "2022-01-04", false, "元旦 2022: first day off"},
	{"2022-01-02", 3, "2022-01-06", false, "元旦 2022: inside"},
	{"2022-01-03", 1, "2022-01-04", false, "元旦 2022: last day off"},
	{"2022-01-03", 3, "2022-01-06", false, "元旦 2022: last day off"},
	{"2022-01-30", 1, "2022-02-07", false, "春节 2022: last working day before"},
	{"2022-01-30", 3, "2022-02-09", false, "春节 2022: last working day before"},
	{"2022-01-31", 1, "2022-02-07", false, "春节 2022: first day off"},
	{"2022-02-03", 3, "2022-02-09", false, "春节 2022: inside"},
	{"2022-02-06", 1, "2022-02-07", false, "春节 2022: last day off"},
	{"2022-02-06", 3, "2022-02-09", false, "春节 2022: last day off"},
	{"2022-04-02", 1, "2022-04-06", false, "清明节 2022: last working day before"},
	{"2022-04-02", 3, "2022-04-08", false, "清明节 2022: last working day before"},
	{"2022-04-03", 1, "2022-04-06", false, "清明节 2022: first day off"},
	{"2022-04-04", 3, "2022-04-08", false, "清明节 2022: inside"},
	{"2022-04-05", 1, "2022-04-06", false, "清明节 2022: last day off"},
	{"2022-04-05", 3, "2022-04-08", false, "清明节 2022: last day off"},
	{"2022-04-29", 1, "2022-05-05", false, "劳动节 2022: last working day before"},
	{"2022-04-29", 3, "2022-05-07", false, "劳动节 2022: last working day before"},
	{"2022-04-30", 1, "2022-05-05", false, "劳动节 2022: first day off"},
	{"2022-05-02", 3, "2022-05-07", false, "劳动节 2022: inside"},
	{"2022-05-04", 1, "2022-05-05", false, "劳动节 2022: last day off"},
	{"2022-05-04", 3, "2022-05-07", false, "劳动节 2022: last day off"},
	{"2022-06-02", 1, "2022-06-06", false, "端午节 2022: last working day before"},
	{"2022-06-02", 3, "2022-06-08", false, "端午节 2022: last working day before"},
	{"2022-06-03", 1, "2022-06-06", false, "端午节 2022: first day off"},
	{"2022-06-04", 3, "2022-06-08", false, "端午节 2022: inside"},
	{"2022-06-05", 1, "2022-06-06", false, "端午节 2022: last day off"},
	{"2022-06-05", 3, "2022-06-08", false, "端午节 2022: last day off"},
	{"2022-09-09", 1, "2022-09-13", false, "中秋节 2022: last working day before"},
	{"2022-09-09", 3, "2022-09-15", false, "中秋节 2022: last working day before"},
	{"2022-09-10", 1, "2022-09-13", false, "中秋节 2022: first day off"},
	{"2022-09-11", 3, "2022-09-15", false, "中秋节 2022: inside"},
	{"2022-09-12", 1, "2022-09-13", false, "中秋节 2022: last day off"},
	{"2022-09-12", 3, "2022-09-15", false, "中秋节 2022: last day off"},
	{"2022-09-30", 1, "2022-10-08", false, "国庆节 2022: last working day before"},
	{"2022-09-30", 3, "2022-10-10", false, "国庆节 2022: last working day before"},
	{"2022-10-01", 1, "2022-10-08", false, "国庆节 2022: first day off"},
	{"2022-10-04", 3, "2022-10-10", false, "国庆节 2022: inside"},
	{"2022-10-07", 1, "2022-10-08", false, "国庆节 2022: last day off"},
	{"2022-10-07", 3, "2022-10-10", false, "国庆节 2022: last day off"},
	{"2022-12-30", 1, "2023-01-03", false, "元旦 2023: last working day before"},
	{"2022-12-30", 3, "2023-01-05", false, "元旦 2023: last working day before"},
	{"2022-12-31", 1, "2023-01-03", false, "元旦 2023: first day off"},
	{"2023-01-01", 3, "2023-01-05", false, "元旦 2023: inside"},
	{"2023-01-02", 1, "2023-01-03", false, "元旦 2023: last day off"},
	{"2023-01-02", 3, "2023-01-05", false, "元旦 2023: last day off"},
	{"2023-01-20", 1, "2023-01-28", false, "春节 2023: last working day before"},
	{"2023-01-20", 3, "2023-01-30", false, "春节 2023: last working day before"},
	{"2023-01-21", 1, "2023-01-28", false, "春节 2023: first day off"},
	{"2023-01-24", 3, "2023-01-30", false, "春节 2023: inside"},
	{"2023-01-27", 1, "2023-01-28", false, "春节 2023: last day off"},
	{"2023-01-27", 3, "2023-01-30", false, "春节 2023: last day off"},
	{"2023-04-04", 1, "2023-04-06", false, "清明节 2023: last working day before"},
	{"2023-04-04", 3, "2023-04-10", false, "清明节 2023: last working day before"},
	{"2023-04-05", 1, "2023-04-06", false, "清明节 2023: first day off"},
	{"2023-04-05", 3, "2023-04-10", false, "清明节 2023: last day off"},
	{"2023-04-28", 1, "2023-05-04", false, "劳动节 2023: last working day before"},
	{"2023-04-28", 3, "2023-05-06", false, "劳动节 2023: last working day before"},
	{"2023-04-29", 1, "2023-05-04", false, "劳动节 2023: first day off"},
	{"2023-05-01", 3, "2023-05-06", false, "劳动节 2023: inside"},
	{"2023-05-03", 1, "2023-05-04", false, "劳动节 2023: last day off"},
	{"2023-05-03", 3, "2023-05-06", false, "劳动节 2023: last day off"},
	{"2023-06-21", 1, "2023-06-25", false, "端午节 2023: last working day before"},
	{"2023-06-21", 3, "2023-06-27", false, "端午节 2023: last working day before"},
	{"2023-06-22", 1, "2023-06-25", false, "端午节 2023: first day off"},
	{"2023-06-23", 3, "2023-06-27", false, "端午节 2023: inside"},
	{"2023-06-24", 1, "2023-06-25", false, "端午节 2023: last day off"},
	{"2023-06-24", 3, "2023-06-27", false, "端午节 2023: last day off"},
	{"2023-09-28", 1, "2023-10-07", false, "中秋节、国庆节 2023: last working day before"},
	{"2023-09-28", 3, "2023-10-09", false, "中秋节、国庆节 2023: last working day before"},
	{"2023-09-29", 1, "2023-10-07", false, "中秋节、国庆节 2023: first day off"},
	{"2023-10-02", 3, "2023-10-09", false, "中秋节、国庆节 2023: inside"},
	{"2023-10-06", 1, "2023-10-07", false, "中秋节、国庆节 2023: last day off"},
	{"2023-10-06", 3, "2023-10-09", false, "中秋节、国庆节 2023: last day off"},
	{"2023-12-29", 3, "2024-01-04", false, "元旦 2024: last working day before"},
	{"2023-12-30", 1, "2024-01-02", false, "元旦 2024: first day off"},
	{"2023-12-31", 3, "2024-01-04", false, "元旦 2024: inside"},
	{"2024-01-01", 1, "2024-01-02", false, "元旦 2024: last day off"},
	{"2024-01-01", 3, "2024-01-04", false, "元旦 2024: last day off"},
	{"2024-02-09", 1, "2024-02-18", false, "春节 2024: last working day before"},
	{"2024-02-09", 3, "2024-02-20", false, "春节 2024: last working day before"},
	{"2024-02-10", 1, "2024-02-18", false, "春节 2024: first day off"},
	{"2024-02-13", 3, "2024-02-20", false, "春节 2024: inside"},
	{"2024-02-17", 1, "2024-02-18", false, "春节 2024: last day off"},
	{"2024-02-17", 3, "2024-02-20", false, "春节 2024: last day off"},
	{"2024-04-03", 1, "2024-04-07", false, "清明节 2024: last working day before"},
	{"2024-04-03", 3, "2024-04-09", false, "清明节 2024: last working day before"},
	{"2024-04-04", 1, "2024-04-07", false, "清明节 2024: first day off"},
	{"2024-04-05", 3, "2024-04-09", false, "清明节 2024: inside"},
	{"2024-04-06", 1, "2024-04-07", false, "清明节 2024: last day off"},
	{"2024-04-06", 3, "2024-04-09", false, "清明节 2024: last day off"},
	{"2024-04-30", 1, "2024-05-06", false, "劳动节 2024: last working day before"},
	{"2024-04-30", 3, "2024-05-08", false, "劳动节 2024: last working day before"},
	{"2024-05-01", 1, "2024-05-06", false, "劳动节 2024: first day off"},
	{"2024-05-03", 3, "2024-05-08", false, "劳动节 2024: inside"},
	{"2024-05-05", 1, "2024-05-06", false, "劳动节 2024: last day off"},
	{"2024-05-05", 3, "2024-05-08", false, "劳动节 2024: last day off"},
	{"2024-06-07", 3, "2024-06-13", false, "端午节 2024: last working day before"},
	{"2024-06-08", 1, "2024-06-11", false, "端午节 2024: first day off"},
	{"2024-06-09", 3, "2024-06-13", false, "端午节 2024: inside"},
	{"2024-06-10", 1, "2024-06-11", false, "端午节 2024: last day off"},
	{"2024-06-10", 3, "2024-06-13", false, "端午节 2024: last day off"},
	{"2024-09-14", 1, "2024-09-18", false, "中秋节 2024: last working day before"},
	{"2024-09-14", 3, "2024-09-20", false, "中秋节 2024: last working day before"},
	{"2024-09-15", 1, "2024-09-18", false, "中秋节 2024: first day off"},
	{"2024-09-16", 3, "2024-09-20", false, "中秋节 2024: inside"},
	{"2024-09-17", 1, "2024-09-18", false, "中秋节 2024: last day off"},
	{"2024-09-17", 3, "2024-09-20", false, "中秋节 2024: last day off"},
	{"2024-09-30", 1, "2024-10-08", false, "国庆节 2024: last working day before"},
	{"2024-10-01", 1, "2024-10-08", false, "国庆节 2024: first day off"},
	{"2024-10-04", 3, "2024-10-10", false, "国庆节 2024: inside"},
	{"2024-10-07", 1, "2024-10-08", false, "国庆节 2024: last day off"},
	{"2024-10-07", 3, "2024-10-10", false, "国庆节 2024: last day off"},
	{"2024-12-31", 1, "2025-01-02", false, "元旦 2025: last working day before"},
	{"2024-12-31", 3, "2025-01-06", false, "元旦 2025: last working day before"},
	{"2025-01-01", 1, "2025-01-02", false, "元旦 2025: first day off"},
	{"2025-01-01", 3, "2025-01-06", false, "元旦 2025: last day off"},
	{"2025-01-27", 1, "2025-02-05", false, "春节 2025: last working day before"},
	{"2025-01-27", 3, "2025-02-07", false, "春节 2025: last working day before"},
	{"2025-01-28", 1, "2025-02-05", false, "春节 2025: first day off"},
	{"2025-01-31", 3, "2025-02-07", false, "春节 2025: inside"},
	{"2025-02-04", 1, "2025-02-05", false, "春节 2025: last day off"},
	{"2025-02-04", 3, "2025-02-07", false, "春节 2025: last day off"},
	{"2025-04-03", 1, "2025-04-07", false, "清明节 2025: last working day before"},
	{"2025-04-03", 3, "2025-04-09", false, "清明节 2025: last working day before"},
	{"2025-04-04", 1, "2025-04-07", false, "清明节 2025: first day off"},
	{"2025-04-05", 3, "2025-04-09", false, "清明节 2025: inside"},
	{"2025-04-06", 1, "2025-04-07", false, "清明节 2025: last day off"},
	{"2025-04-06", 3, "2025-04-09", false, "清明节 2025: last day off"},
	{"2025-04-30", 1, "2025-05-06", false, "劳动节 2025: last working day before"},
	{"2025-04-30", 3, "2025-05-08", false, "劳动节 2025: last working day before"},
	{"2025-05-01", 1, "2025-05-06", false, "劳动节 2025: first day off"},
	{"2025-05-03", 3, "2025-05-08", false, "劳动节 2025: inside"},
	{"2025-05-05", 1, "2025-05-06", false, "劳动节 2025: last day off"},
	{"2025-05-05", 3, "2025-05-08", false, "劳动节 2025: last day off"},
	{"2025-05-30", 1, "2025-06-03", false, "端午节 2025: last working day before"},
	{"2025-05-30", 3, "2025-06-05", false, "端午节 2025: last working day before"},
	{"2025-05-31", 1, "2025-06-03", false, "端午节 2025: first day off"},
	{"2025-06-01", 3, "2025-06-05", false, "端午节 2025: inside"},
	{"2025-06-02", 1, "2025-06-03", false, "端午节 2025: last day off"},
	{"2025-06-02", 3, "2025-06-05", false, "端午节 2025: last day off"},
	{"2025-09-30", 1, "2025-10-09", false, "国庆节、中秋节 2025: last working day before"},
	{"2025-09-30", 3, "2025-10-11", false, "国庆节、中秋节 2025: last working day before"},
	{"2025-10-01", 1, "2025-10-09", false, "国庆节、中秋节 2025: first day off"},
	{"2025-10-04", 3, "2025-10-11", false, "国庆节、中秋节 2025: inside"},
	{"2025-10-08", 1, "2025-10-09", false, "国庆节、中秋节 2025: last day off"},
	{"2025-10-08", 3, "2025-10-11", false, "国庆节、中秋节 2025: last day off"},
	{"2025-12-31", 1, "2026-01-04", false, "元旦 2026: last working day before"},
	{"2025-12-31", 3, "2026-01-06", false, "元旦 2026: last working day before"},
	{"2026-01-01", 1, "2026-01-04", false, "元旦 2026: first day off"},
	{"2026-01-02", 3, "2026-01-06", false, "元旦 2026: inside"},
	{"2026-01-03", 1, "2026-01-04", false, "元旦 2026: last day off"},
	{"2026-01-03", 3, "2026-01-06", false, "元旦 2026: last day off"},
	{"2026-02-14", 1, "2026-02-24", false, "春节 2026: last working day before"},
	{"2026-02-14", 3, "2026-02-26", false, "春节 2026: last working day before"},
	{"2026-02-15", 1, "2026-02-24", false, "春节 2026: first day off"},
	{"2026-02-19", 3, "2026-02-26", false, "春节 2026: inside"},
	{"2026-02-23", 1, "2026-02-24", false, "春节 2026: last day off"},
	{"2026-02-23", 3, "2026-02-26", false, "春节 2026: last day off"},
	{"2026-04-03", 1, "2026-04-07", false, "清明节 2026: last working day before"},
	{"2026-04-03", 3, "2026-04-09", false, "清明节 2026: last working day before"},
	{"2026-04-04", 1, "2026-04-07", false, "清明节 2026: first day off"},
	{"2026-04-05", 3, "2026-04-09", false, "清明节 2026: inside"},
	{"2026-04-06", 1, "2026-04-07", false, "清明节 2026: last day off"},
	{"2026-04-06", 3, "2026-04-09", false, "清明节 2026: last day off"},
	{"2026-04-30", 1, "2026-05-06", false, "劳动节 2026: last working day before"},
	{"2026-04-30", 3, "2026-05-08", false, "劳动节 2026: last working day before"},
	{"2026-05-01", 1, "2026-05-06", false, "劳动节 2026: first day off"},
	{"2026-05-03", 3, "2026-05-08", false, "劳动节 2026: inside"},
	{"2026-05-05", 1, "2026-05-06", false, "劳动节 2026: last day off"},
	{"2026-05-05", 3, "2026-05-08", false, "劳动节 2026: last day off"},
	{"2026-06-18", 1, "2026-06-22", false, "端午节 2026: last working day before"},
	{"2026-06-18", 3, "2026-06-24", false, "端午节 2026: last working day before"},
	{"2026-06-19", 1, "2026-06-22", false, "端午节 2026: first day off"},
	{"2026-06-20", 3, "2026-06-24", false, "端午节 2026: inside"},
	{"2026-06-21", 1, "2026-06-22", false, "端午节 2026: last day off"},
	{"2026-06-21", 3, "2026-06-24", false, "端午节 2026: last day off"},
	{"2026-09-24", 1, "2026-09-28", false, "中秋节 2026: last working day before"},
	{"2026-09-24", 3, "2026-09-30", false, "中秋节 2026: last working day before"},
	{"2026-09-25", 1, "2026-09-28", false, "中秋节 2026: first day off"},
	{"2026-09-26", 3, "2026-09-30", false, "中秋节 2026: inside"},
	{"2026-09-27", 1, "2026-09-28", false, "中秋节 2026: last day off"},
	{"2026-09-27", 3, "2026-09-30", false, "中秋节 2026: last day off"},
	{"2026-09-30", 1, "2026-10-08", false, "国庆节 2026: last working day before"},
	{"2026-09-30", 3, "2026-10-10", false, "国庆节 2026: last working day before"},
	{"2026-10-01", 1, "2026-10-08", false, "国庆节 2026: first day off"},
	{"2026-10-04", 3, "2026-10-10", false, "国庆节 2026: inside"},
	{"2026-10-07", 1, "2026-10-08", false, "国庆节 2026: last day off"},
	{"2026-10-07", 3, "2026-10-10", false, "国庆节 2026: last day off"},
	{"2021-02-07", 1, "2021-02-08", false, "春节 2021: received on working 周日"},
	{"2021-02-07", 3, "2021-02-10", false, "春节 2021: received on working 周日"},
	{"2021-02-06", 1, "2021-02-07", false, "春节 2021: the working 周日 counts"},
	{"2021-02-20", 1, "2021-02-22", false, "春节 2021: received on working 周六"},
	{"2021-02-20", 3, "2021-02-24", false, "春节 2021: received on working 周六"},
	{"2021-02-19", 1, "2021-02-20", false, "春节 2021: the working 周六 counts"},
	{"2021-04-25", 1, "2021-04-26", false, "劳动节 2021: received on working 周日"},
	{"2021-04-25", 3, "2021-04-28", false, "劳动节 2021: received on working 周日"},
	{"2021-04-24", 1, "2021-04-25", false, "劳动节 2021: the working 周日 counts"},
	{"2021-05-08", 1, "2021-05-10", false, "劳动节 2021: received on working 周六"},
	{"2021-05-08", 3, "2021-05-12", false, "劳动节 2021: received on working 周六"},
	{"2021-05-07", 1, "2021-05-08", false, "劳动节 2021: the working 周六 counts"},
	{"2021-09-17", 1, "2021-09-18", false, "中秋节 2021: the working 周六 counts"},
	{"2021-09-26", 1, "2021-09-27", false, "国庆节 2021: received on working 周日"},
	{"2021-09-26", 3, "2021-09-29", false, "国庆节 2021: received on working 周日"},
	{"2021-09-25", 1, "2021-09-26", false, "国庆节 2021: the working 周日 counts"},
	{"2021-10-09", 1, "2021-10-11", false, "国庆节 2021: received on working 周六"},
	{"2021-10-09", 3, "2021-10-13", false, "国庆节 2021: received on working 周六"},
	{"2021-10-08", 1, "2021-10-09", false, "国庆节 2021: the working 周六 counts"},
	{"2022-01-29", 1, "2022-01-30", false, "春节 2022: received on working 周六"},
	{"2022-01-29", 3, "2022-02-08", false, "春节 2022: received on working 周六"},
	{"2022-01-28", 1, "2022-01-29", false, "春节 2022: the working 周六 counts"},
	{"2022-04-01", 1, "2022-04-02", false, "清明节 2022: the working 周六 counts"},
	{"2022-04-24", 1, "2022-04-25", false, "劳动节 2022: received on working 周日"},
	{"2022-04-24", 3, "2022-04-27", false, "劳动节 2022: received on working 周日"},
	{"2022-04-23", 1, "2022-04-24", false, "劳动节 2022: the working 周日 counts"},
	{"2022-05-07", 1, "2022-05-09", false, "劳动节 2022: received on working 周六"},
	{"2022-05-07", 3, "2022-05-11", false, "劳动节 2022: received on working 周六"},
	{"2022-05-06", 1, "2022-05-07", false, "劳动节 2022: the working 周六 counts"},
	{"2022-10-08", 1, "2022-10-09", false, "国庆节 2022: received on working 周六"},
	{"2022-10-08", 3, "2022-10-11", false, "国庆节 2022: received on working 周六"},
	{"2022-10-09", 1, "2022-10-10", false, "国庆节 2022: received on working 周日"},
	{"2022-10-09", 3, "2022-10-12", false, "国庆节 2022: received on working 周日"},
	{"2023-01-28", 1, "2023-01-29", false, "春节 2023: received on working 周六"},
	{"2023-01-28", 3, "2023-01-31", false, "春节 2023: received on working 周六"},
	{"2023-01-29", 1, "2023-01-30", false, "春节 2023: received on working 周日"},
	{"2023-01-29", 3, "2023-02-01", false, "春节 2023: received on working 周日"},
	{"2023-04-23", 1, "2023-04-24", false, "劳动节 2023: received on working 周日"},
	{"2023-04-23", 3, "2023-04-26", false, "劳动节 2023: received on working 周日"},
	{"2023-04-22", 1, "2023-04-23", false, "劳动节 2023: the working 周日 counts"},
	{"2023-05-06", 1, "2023-05-08", false, "劳动节 2023: received on working 周六"},
	{"2023-05-06", 3, "2023-05-10", false, "劳动节 2023: received on working 周六"},
	{"2023-05-05", 1, "2023-05-06", false, "劳动节 2023: the working 周六 counts"},
	{"2023-06-25", 1, "2023-06-26", false, "端午节 2023: received on working 周日"},
	{"2023-06-25", 3, "2023-06-28", false, "端午节 2023: received on working 周日"},
	{"2023-10-07", 1, "2023-10-08", false, "中秋节、国庆节 2023: received on working 周六"},
	{"2023-10-07", 3, "2023-10-10", false, "中秋节、国庆节 2023: received on working 周六"},
	{"2023-10-08", 1, "2023-10-09", false, "中秋节、国庆节 2023: received on working 周日"},
	{"2023-10-08", 3, "2023-10-11", false, "中秋节、国庆节 2023: received on working 周日"},
	{"2024-02-04", 1, "2024-02-05", false, "春节 2024: received on working 周日"},
	{"2024-02-04", 3, "2024-02-07", false, "春节 2024: received on working 周日"},
	{"2024-02-03", 1, "2024-02-04", false, "春节 2024: the working 周日 counts"},
	{"2024-02-18", 1, "2024-02-19", false, "春节 2024: received on working 周日"},
	{"2024-02-18", 3, "2024-02-21", false, "春节 2024: received on working 周日"},
	{"2024-04-07", 1, "2024-04-08", false, "清明节 2024: received on working 周日"},
	{"2024-04-07", 3, "2024-04-10", false, "清明节 2024: received on working 周日"},
	{"2024-04-28", 1, "2024-04-29", false, "劳动节 2024: received on working 周日"},
	{"2024-04-28", 3, "2024-05-06", false, "劳动节 2024: received on working 周日"},
	{"2024-04-27", 1, "2024-04-28", false, "劳动节 2024: the working 周日 counts"},
	{"2024-05-11", 1, "2024-05-13", false, "劳动节 2024: received on working 周六"},
	{"2024-05-11", 3, "2024-05-15", false, "劳动节 2024: received on working 周六"},
	{"2024-05-10", 1, "2024-05-11", false, "劳动节 2024: the working 周六 counts"},
	{"2024-09-13", 1, "2024-09-14", false, "中秋节 2024: the working 周六 counts"},
	{"2024-09-29", 1, "2024-09-30", false, "国庆节 2024: received on working 周日"},
	{"2024-09-28", 1, "2024-09-29", false, "国庆节 2024: the working 周日 counts"},
	{"2024-10-12", 1, "2024-10-14", false, "国庆节 2024: received on working 周六"},
	{"2024-10-12", 3, "2024-10-16", false, "国庆节 2024: received on working 周六"},
	{"2024-10-11", 1, "2024-10-12", false, "国庆节 2024: the working 周六 counts"},
	{"2025-01-26", 1, "2025-01-27", false, "春节 2025: received on working 周日"},
	{"2025-01-26", 3, "2025-02-06", false, "春节 2025: received on working 周日"},
	{"2025-01-25", 1, "2025-01-26", false, "春节 2025: the working 周日 counts"},
	{"2025-02-08", 1, "2025-02-10", false, "春节 2025: received on working 周六"},
	{"2025-02-08", 3, "2025-02-12", false, "春节 2025: received on working 周六"},
	{"2025-02-07", 1, "2025-02-08", false, "春节 2025: the working 周六 counts"},
	{"2025-04-27", 1, "2025-04-28", false, "劳动节 2025: received on working 周日"},
	{"2025-04-27", 3, "2025-04-30", false, "劳动节 2025: received on working 周日"},
	{"2025-04-26", 1, "2025-04-27", false, "劳动节 2025: the working 周日 counts"},
	{"2025-09-28", 1, "2025-09-29", false, "国庆节、中秋节 2025: received on working 周日"},
	{"2025-09-28", 3, "2025-10-09", false, "国庆节、中秋节 2025: received on working 周日"},
	{"2025-09-27", 1, "2025-09-28", false, "国庆节、中秋节 2025: the working 周日 counts"},
	{"2025-10-11", 1, "2025-10-13", false, "国庆节、中秋节 2025: received on working 周六"},
	{"2025-10-11", 3, "2025-10-15", false, "国庆节、中秋节 2025: received on working 周六"},
	{"2025-10-10", 1, "2025-10-11", false, "国庆节、中秋节 2025: the working 周六 counts"},
	{"2026-01-04", 1, "2026-01-05", false, "元旦 2026: received on working 周日"},
	{"2026-01-04", 3, "2026-01-07", false, "元旦 2026: received on working 周日"},
	{"2026-02-13", 1, "2026-02-14", false, "春节 2026: the working 周六 counts"},
	{"2026-02-28", 1, "2026-03-02", false, "春节 2026: received on working 周六"},
	{"2026-02-28", 3, "2026-03-04", false, "春节 2026: received on working 周六"},
	{"2026-02-27", 1, "2026-02-28", false, "春节 2026: the working 周六 counts"},
	{"2026-05-09", 1, "2026-05-11", false, "劳动节 2026: received on working 周六"},
	{"2026-05-09", 3, "2026-05-13", false, "劳动节 2026: received on working 周六"},
	{"2026-05-08", 1, "2026-05-09", false, "劳动节 2026: the working 周六 counts"},
	{"2026-09-20", 1, "2026-09-21", false, "国庆节 2026: received on working 周日"},
	{"2026-09-20", 3, "2026-09-23", false, "国庆节 2026: received on working 周日"},
	{"2026-09-19", 1, "2026-09-20", false, "国庆节 2026: the working 周日 counts"},
	{"2026-10-10", 1, "2026-10-12", false, "国庆节 2026: received on working 周六"},
	{"2026-10-10", 3, "2026-10-14", false, "国庆节 2026: received on working 周六"},
	{"2026-10-09", 1, "2026-10-10", false, "国庆节 2026: the working 周六 counts"},
};

/* Working days per year, from the same script (2020, 2027 and 2028: Monday–Friday). */
static const struct {
	int year, workdays;
} year_totals[] = {
	{2020, 262},
	{2021, 250},
	{2022, 249},
	{2023, 249},
	{2024, 251},
	{2025, 248},
	{2026, 248},
	{2027, 261},
	{2028, 260},
};

static cd_date row_date(const char *s)
{
	return s[0] ? D(s) : CD_DATE_NONE;
}

/* to_entries converts rows into entries in a fresh array the caller frees. */
static struct calendar_entry *to_entries(const struct row *r, size_t n)
{
	struct calendar_entry *e = calloc(n ? n : 1, sizeof(*e));

	assert_non_null(e);
	for (size_t i = 0; i < n; i++) {
		e[i].date = row_date(r[i].date);
		e[i].kind = r[i].kind;
		e[i].name = r[i].name;
	}
	return e;
}

static struct calendar *build(const struct row *r, size_t n, int from, int to)
{
	struct calendar_entry *e = to_entries(r, n);
	struct calendar *c = NULL;
	struct cd_diag d = {""};
	enum cd_err rc = calendar_new(e, n, from, to, &c, &d);

	if (rc != CD_OK)
		print_error("calendar_new: %s: %s\n", cd_strerror(rc), d.msg);
	assert_int_equal(rc, CD_OK);
	assert_non_null(c);
	free(e);
	return c;
}

static int setup(void **state)
{
	*state = build(official, N(official), 2021, 2026);
	return 0;
}

static int teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

/* Every listed date answers its kind; lookups and per-year listings return the data. */
static void entries_match_data(void **state)
{
	static const struct {
		int year;
		size_t n;
		const char *first, *last;
	} years[] = {
		{2020, 0, NULL, NULL},
		{2021, 38, "2021-01-01", "2021-10-09"},
		{2022, 39, "2022-01-01", "2022-12-31"},
		{2023, 33, "2023-01-01", "2023-10-08"},
		{2024, 36, "2024-01-01", "2024-10-12"},
		{2025, 33, "2025-01-01", "2025-10-11"},
		{2026, 39, "2026-01-01", "2026-10-10"},
		{2027, 0, NULL, NULL},
	};
	const struct calendar *c = *state;
	size_t total = 0;
	char buf[11];

	for (size_t i = 0; i < N(official); i++) {
		const struct calendar_entry *e = calendar_entry(c, D(official[i].date));
		bool est = true;

		assert_int_equal(calendar_is_workday(c, D(official[i].date), &est),
				 official[i].kind == WORK);
		assert_false(est);
		assert_non_null(e);
		assert_int_equal(e->kind, official[i].kind);
		assert_string_equal(e->name, official[i].name);
		assert_ptr_not_equal(e->name, official[i].name); /* copied */
	}
	assert_null(calendar_entry(c, D("2024-10-08")));
	assert_null(calendar_entry(c, D("2020-10-01")));
	for (size_t i = 0; i < N(years); i++) {
		const struct calendar_entry *e = (const void *)1;
		size_t n = calendar_entries(c, years[i].year, &e);

		assert_int_equal(n, years[i].n);
		total += n;
		if (!n) {
			assert_null(e);
			continue;
		}
		assert_string_equal(date_format(e[0].date, buf), years[i].first);
		assert_string_equal(date_format(e[n - 1].date, buf), years[i].last);
		for (size_t k = 1; k < n; k++)
			assert_true(e[k - 1].date < e[k].date);
	}
	assert_int_equal(total, N(official));
}

/* Working days per year; a year without an official calendar is estimated on every day. */
static void year_counts(void **state)
{
	const struct calendar *c = *state;

	for (size_t i = 0; i < N(year_totals); i++) {
		int y = year_totals[i].year, count = 0;
		bool official_year = y >= 2021 && y <= 2026;

		for (cd_date t = date_from_ymd(y, 1, 1); t < date_from_ymd(y + 1, 1, 1); t++) {
			bool est = official_year;

			count += calendar_is_workday(c, t, &est);
			assert_int_equal(est, !official_year);
			assert_int_equal(calendar_is_workday(c, t, NULL),
					 calendar_is_workday(c, t, &est));
		}
		if (count != year_totals[i].workdays)
			print_error("%d: %d working days, expected %d\n", y, count,
				    year_totals[i].workdays);
		assert_int_equal(count, year_totals[i].workdays);
		assert_int_equal(calendar_has_year(c, y), official_year);
	}
}

static void deadline_table(void **state)
{
	const struct calendar *c = *state;
	int failed = 0;

	for (size_t i = 0; i < N(deadlines); i++) {
		const struct deadline *k = &deadlines[i];
		bool est = !k->estimated;
		cd_date due = calendar_add_workdays(c, D(k->start), k->n, &est);
		char got[11];

		date_format(due, got);
		if (strcmp(got, k->due) != 0 || est != k->estimated) {
			print_error("deadline %zu (%s): %s +%d = %s%s, expected %s%s\n", i, k->what,
				    k->start, k->n, got, est ? " (estimated)" : "", k->due,
				    k->estimated ? " (estimated)" : "");
			failed++;
		}
		if (calendar_add_workdays(c, D(k->start), k->n, NULL) != due)
			failed++;
		/* the due date is always a working day */
		if (!calendar_is_workday(c, due, NULL))
			failed++;
		/* and, seen on the day of the start, n working days are left; seen on the due
		 * date, the start is n working days past */
		if (calendar_workdays_until(c, D(k->start), due) != k->n ||
		    calendar_workdays_until(c, due, D(k->start)) != -k->n) {
			print_error("deadline %zu: %d working days until, %d back, expected %d\n", i,
				    calendar_workdays_until(c, D(k->start), due),
				    calendar_workdays_until(c, due, D(k->start)), k->n);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
	assert_true(N(deadlines) >= 300);
}

/* 2027 has no official calendar: Monday–Friday, flagged; bad arguments give CD_DATE_NONE. */
static void without_calendar(void **state)
{
	static const struct {
		const char *day;
		bool work;
	} days[] = {
		{"2027-01-01", true},  {"2027-01-02", false}, {"2027-01-03", false},
		{"2027-02-08", true},  {"2027-10-01", true},  {"2027-10-02", false},
		{"2020-01-01", true},  {"1999-12-31", true},  {"2100-06-05", false},
	};
	const struct calendar *c = *state;
	bool est = false;
	int from = 0, to = 0;

	for (size_t i = 0; i < N(days); i++) {
		est = false;
		assert_int_equal(calendar_is_workday(c, D(days[i].day), &est), days[i].work);
		assert_true(est);
		est = false;
		assert_int_equal(calendar_is_workday(NULL, D(days[i].day), &est), days[i].work);
		assert_true(est);
	}
	/* a NULL calendar is the weekday rule everywhere: 2024-10-01 is a Tuesday */
	assert_true(calendar_is_workday(NULL, D("2024-10-01"), &est));
	assert_true(est);
	assert_int_equal(calendar_add_workdays(NULL, D("2024-09-30"), 3, &est), D("2024-10-03"));
	assert_true(est);
	assert_false(calendar_has_year(NULL, 2024));
	assert_false(calendar_years(NULL, &from, &to));
	assert_int_equal(from, 0);
	assert_true(calendar_years(c, &from, &to));
	assert_int_equal(from, 2021);
	assert_int_equal(to, 2026);

	/* arguments outside the contract */
	est = true;
	assert_int_equal(calendar_add_workdays(c, D("2024-01-01"), 0, &est), CD_DATE_NONE);
	assert_false(est);
	assert_int_equal(calendar_add_workdays(c, D("2024-01-01"), -3, NULL), CD_DATE_NONE);
	assert_int_equal(calendar_add_workdays(c, D("2024-01-01"), CALENDAR_MAX_WORKDAYS + 1, NULL),
			 CD_DATE_NONE);
	assert_int_equal(calendar_add_workdays(c, CD_DATE_NONE, 3, NULL), CD_DATE_NONE);
	assert_int_equal(calendar_add_workdays(c, date_from_ymd(1899, 12, 31), 3, NULL),
			 CD_DATE_NONE);
	assert_int_equal(calendar_add_workdays(c, date_from_ymd(10000, 1, 1), 3, NULL),
			 CD_DATE_NONE);
	est = false;
	assert_true(calendar_add_workdays(c, D("2024-01-01"), CALENDAR_MAX_WORKDAYS, &est) >
		    D("2050-01-01"));
	assert_true(est);
}

/* The same data in reverse order builds the same calendar. */
static void order_does_not_matter(void **state)
{
	const struct calendar *c = *state;
	struct row rev[N(official)];
	struct calendar *r;

	for (size_t i = 0; i < N(official); i++)
		rev[i] = official[N(official) - 1 - i];
	r = build(rev, N(rev), 2021, 2026);
	for (cd_date t = D("2021-01-01"); t <= D("2026-12-31"); t++)
		assert_int_equal(calendar_is_workday(r, t, NULL), calendar_is_workday(c, t, NULL));
	calendar_free(r);
}

/* 144 bytes of "国": longer than CALENDAR_NAME_MAX. */
#define G8       "国国国国国国国国"
#define LONGNAME G8 G8 G8 G8 G8 G8

/* Small calendars: accepted ones, and refused ones with the words the diag must contain. */
static void validation(void **state)
{
	static const struct {
		const char *what;
		struct row rows[3];
		size_t n;
		int from, to;
		enum cd_err rc;
		const char *diag1, *diag2;
	} cases[] = {
		{"work on a Wednesday",
		 {{"2024-10-01", OFF, "国庆节"}, {"2024-10-02", OFF, "国庆节"},
		  {"2024-10-09", WORK, "国庆节"}},
		 3, 2024, 2024, CD_EINVAL, "2024-10-09 (work 国庆节, entry 2)", "Wednesday"},
		{"work on a Monday",
		 {{"2026-01-05", WORK, "元旦"}}, 1, 2026, 2026, CD_EINVAL, "entry 0", "周一"},
		{"isolated off Saturday",
		 {{"2024-06-10", OFF, "端午节"}, {"2024-06-15", OFF, "端午节"}},
		 2, 2024, 2024, CD_EINVAL, "2024-06-15 (off 端午节, entry 1)", "holiday run"},
		{"off Saturday next to another holiday",
		 {{"2024-06-14", OFF, "端午节"}, {"2024-06-15", OFF, "中秋节"}},
		 2, 2024, 2024, CD_EINVAL, "2024-06-15 (off 中秋节, entry 1)", "holiday run"},
		{"off Saturday next to a working Sunday",
		 {{"2024-06-16", WORK, "端午节"}, {"2024-06-15", OFF, "端午节"}},
		 2, 2024, 2024, CD_EINVAL, "2024-06-15 (off 端午节, entry 1)", "holiday run"},
		{"off Sunday beyond a working Saturday",
		 {{"2024-06-14", OFF, "端午节"}, {"2024-06-15", WORK, "端午节"},
		  {"2024-06-16", OFF, "端午节"}},
		 3, 2024, 2024, CD_EINVAL, "2024-06-16 (off 端午节, entry 2)", "holiday run"},
		{"duplicate date",
		 {{"2024-10-01", OFF, "国庆节"}, {"2024-10-02", OFF, "国庆节"},
		  {"2024-10-01", OFF, "国庆节"}},
		 3, 2024, 2024, CD_EINVAL, "2024-10-01 (off 国庆节, entry 2)", "also entry 0"},
		{"duplicate date of two kinds",
		 {{"2024-09-29", WORK, "国庆节"}, {"2024-09-29", OFF, "国庆节"}},
		 2, 2024, 2024, CD_EINVAL, "entry 1", "listed twice"},
		{"before the covered years",
		 {{"2021-01-01", OFF, "元旦"}, {"2020-12-31", OFF, "元旦"}},
		 2, 2021, 2026, CD_EINVAL, "2020-12-31 (off 元旦, entry 1)", "(2021–2026)"},
		{"after the covered years",
		 {{"2027-01-01", OFF, "元旦"}}, 1, 2021, 2026, CD_EINVAL, "2027-01-01", "outside"},
		{"no date", {{"", OFF, "元旦"}}, 1, 2021, 2026, CD_EINVAL, "entry 0", "outside"},
		{"unknown kind",
		 {{"2024-10-01", (enum calendar_kind)7, "国庆节"}},
		 1, 2024, 2024, CD_EINVAL, "2024-10-01 (? 国庆节, entry 0)", "unknown kind 7"},
		{"no name",
		 {{"2024-10-01", OFF, NULL}}, 1, 2024, 2024, CD_EINVAL, "entry 0", "no name"},
		{"empty name",
		 {{"2024-10-01", OFF, ""}}, 1, 2024, 2024, CD_EINVAL, "entry 0", "no name"},
		{"long name",
		 {{"2024-10-01", OFF, LONGNAME}}, 1, 2024, 2024, CD_EINVAL, "entry 0", "128 bytes"},
		{"years reversed", {{0}}, 0, 2026, 2021, CD_EINVAL, "2026–2021", "invalid"},
		{"year before 1900", {{0}}, 0, 1899, 2026, CD_EINVAL, "1899", "invalid"},
		{"year after 9999", {{0}}, 0, 2021, 10000, CD_EINVAL, "10000", "invalid"},
		/* accepted */
		{"a year without holidays", {{0}}, 0, 2027, 2027, CD_OK, NULL, NULL},
		{"off Sunday across an unlisted Saturday",
		 {{"2024-06-16", OFF, "端午节"}, {"2024-06-14", OFF, "端午节"}},
		 2, 2024, 2024, CD_OK, NULL, NULL},
		{"off Saturday across an unlisted Sunday",
		 {{"2024-06-15", OFF, "端午节"}, {"2024-06-17", OFF, "端午节"}},
		 2, 2024, 2024, CD_OK, NULL, NULL},
		{"run across the new year",
		 {{"2022-12-31", OFF, "元旦"}, {"2023-01-01", OFF, "元旦"},
		  {"2023-01-02", OFF, "元旦"}},
		 3, 2022, 2023, CD_OK, NULL, NULL},
		{"a lone working Saturday",
		 {{"2024-06-15", WORK, "端午节"}}, 1, 2024, 2024, CD_OK, NULL, NULL},
	};
	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		struct calendar_entry *e = to_entries(cases[i].rows, cases[i].n);
		static char sentinel_mark;
		struct calendar *sentinel = (struct calendar *)(void *)&sentinel_mark;
		struct calendar *c = sentinel;
		struct cd_diag d = {""};
		enum cd_err rc = calendar_new(cases[i].n ? e : NULL, cases[i].n, cases[i].from,
					      cases[i].to, &c, &d);

		if (rc != cases[i].rc || (cases[i].diag1 && (!strstr(d.msg, cases[i].diag1) ||
							     !strstr(d.msg, cases[i].diag2))))
			print_error("case %zu (%s): %s: %s\n", i, cases[i].what, cd_strerror(rc),
				    d.msg);
		assert_int_equal(rc, cases[i].rc);
		if (rc == CD_OK) {
			assert_ptr_not_equal(c, sentinel);
			assert_true(calendar_has_year(c, cases[i].from));
			calendar_free(c);
		} else {
			assert_ptr_equal(c, sentinel); /* untouched */
			assert_non_null(strstr(d.msg, cases[i].diag1));
			assert_non_null(strstr(d.msg, cases[i].diag2));
		}
		free(e);
	}
}

/* An official year without holidays is not estimated; names are copies. */
static void small_calendars(void **state)
{
	char name[16] = "端午节";
	struct calendar_entry e[] = {
		{D("2024-06-10"), OFF, name},
		{D("2024-06-15"), WORK, name},
	};
	struct calendar *c = NULL;
	const struct calendar_entry *got = NULL;
	bool est = true;
	(void)state;

	assert_int_equal(calendar_new(NULL, 0, 2027, 2027, &c, NULL), CD_OK);
	assert_true(calendar_is_workday(c, D("2027-02-08"), &est));
	assert_false(est);
	assert_int_equal(calendar_add_workdays(c, D("2026-12-31"), 1, &est), D("2027-01-01"));
	assert_false(est); /* the start day (2026, no calendar here) is never examined */
	calendar_free(c);

	assert_int_equal(calendar_new(e, N(e), 2024, 2024, &c, NULL), CD_OK);
	memcpy(name, "changed", 8);
	assert_int_equal(calendar_entries(c, 2024, &got), 2);
	assert_string_equal(got[0].name, "端午节");
	assert_false(calendar_is_workday(c, D("2024-06-10"), NULL));
	assert_true(calendar_is_workday(c, D("2024-06-15"), NULL));
	assert_int_equal(calendar_add_workdays(c, D("2024-06-07"), 2, &est), D("2024-06-12"));
	assert_false(est);
	/* with a refusal and a NULL diag nothing crashes */
	e[1].date = D("2024-06-14");
	assert_int_equal(calendar_new(e, N(e), 2024, 2024, &c, NULL), CD_EINVAL);
	calendar_free(c);
	calendar_free(NULL);
}

static void kinds(void **state)
{
	(void)state;
	assert_string_equal(calendar_kind_code(OFF), "off");
	assert_string_equal(calendar_kind_code(WORK), "work");
	assert_string_equal(calendar_kind_label(OFF), "放假");
	assert_string_equal(calendar_kind_label(WORK), "上班");
	assert_string_equal(calendar_kind_code((enum calendar_kind)9), "?");
	assert_string_equal(calendar_kind_label((enum calendar_kind)-1), "?");
	assert_int_equal(calendar_kind_parse("off"), OFF);
	assert_int_equal(calendar_kind_parse("work"), WORK);
	assert_int_equal(calendar_kind_parse("Off"), -1);
	assert_int_equal(calendar_kind_parse(""), -1);
	assert_int_equal(calendar_kind_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_match_data),
		cmocka_unit_test(year_counts),
		cmocka_unit_test(deadline_table),
		cmocka_unit_test(without_calendar),
		cmocka_unit_test(order_does_not_matter),
		cmocka_unit_test(validation),
		cmocka_unit_test(small_calendars),
		cmocka_unit_test(kinds),
	};
	return cmocka_run_group_tests_name("calendar", tests, setup, teardown);
}
