/* date.h — calendar dates as day numbers. A cd_date is the count of days since 1970-01-01
 * in the proleptic Gregorian calendar; it names a China Standard Time calendar date. No
 * time zone or clock is consulted here: "today" comes from the caller. */
#ifndef CD_DATE_H
#define CD_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t cd_date;

#define CD_DATE_NONE INT32_MIN /* "no date" (an open end, an unknown day) */

/* date_from_ymd returns the day number of y-m-d; the caller guarantees a valid date. */
cd_date date_from_ymd(int y, int m, int d);

/* date_to_ymd splits a day number into year, month (1-12) and day (1-31). */
void date_to_ymd(cd_date t, int *y, int *m, int *d);

/* date_parse reads exactly "YYYY-MM-DD" (years 1900-9999) and checks the day exists.
 * Returns true and sets *out, or false (out untouched). */
bool date_parse(const char *s, cd_date *out);

/* date_format writes "YYYY-MM-DD" into buf (≥ 11 bytes) and returns buf;
 * CD_DATE_NONE gives "". */
char *date_format(cd_date t, char buf[11]);

/* date_weekday: 1 = Monday … 7 = Sunday (ISO 8601). */
int date_weekday(cd_date t);

/* date_add_months adds n (may be negative) calendar months; a day past the end of the
 * target month is clamped to its last day (2024-01-31 + 1 month = 2024-02-29). */
cd_date date_add_months(cd_date t, int n);

/* date_days_in_month returns 28-31. */
int date_days_in_month(int y, int m);

#endif
