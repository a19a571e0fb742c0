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

/* date_parse reads exactly "YYYY-MM-DD" or, as people write it, "YYYY年M月D日" (years
 * 1900-9999) and checks the day exists.
 * Returns true and sets *out, or false (out untouched). */
bool date_parse(const char *s, cd_date *out);

/* What date_read made of a text. */
enum date_form {
	DATE_READ,     /* a date */
	DATE_NOT_DATE, /* not written as a date */
	DATE_NO_DAY,   /* written as a date, but no such day (2024-02-30, 2023-13-01) */
};

/* date_read reads a date as Chinese offices and spreadsheets write it: 2024-03-01, 2024-3-1,
 * 2024/3/1, 2024.3.1, 2024年3月1日 (years 1900-9999, month and day of one or two digits),
 * optionally followed by a time of day that is ignored (" 0:00", " 00:00:00", as a spreadsheet
 * saved as CSV writes). On DATE_READ sets *out; on DATE_NO_DAY sets *y, *m, *d (any may be NULL)
 * to what was written, so the caller can say which part is impossible. */
enum date_form date_read(const char *s, cd_date *out, int *y, int *m, int *d);

/* date_from_serial turns a spreadsheet's day serial number (1900 date system: 1 is
 * 1900-01-01, Excel's phantom 1900-02-29 counted; 61 is 1900-03-01) into a date; the fraction
 * (a time of day) is dropped. false for serials before 1 or after 9999-12-31. */
bool date_from_serial(double serial, cd_date *out);

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

/* A cd_time is an instant: seconds since 1970-01-01T00:00:00Z. Instants are read and written
 * as RFC 3339 with an offset; cyberduty shows them in China Standard Time (UTC+8, no DST). */
typedef int64_t cd_time;

#define CD_TIME_NONE INT64_MIN /* "no time" (not happened yet, not recorded) */
#define CD_CST_OFFSET (8 * 3600)

/* time_parse reads "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+hh:mm" / "-hh:mm" (a
 * space is accepted for the "T"; fractions are dropped). With cst_default, a missing offset
 * means China Standard Time, and the form people write, "2026年12月3日 14:05[:SS]", is read
 * too (China Standard Time); without it, a missing offset is an error. Returns true and sets
 * *out, or false (out untouched). */
bool time_parse(const char *s, bool cst_default, cd_time *out);

/* time_format writes t as "YYYY-MM-DDTHH:MM:SS+08:00" into buf (≥ 26 bytes) and returns
 * buf; CD_TIME_NONE gives "". */
char *time_format(cd_time t, char buf[26]);

/* time_show writes t for a person, in China Standard Time and the thread's language (lang.h):
 * "2026年12月3日 14:05", in English "3 Dec 2026 14:05", into buf (≥ 26 bytes) and returns buf;
 * CD_TIME_NONE gives "". */
char *time_show(cd_time t, char buf[26]);

/* date_show writes day d for a person in the thread's language: "2026年12月3日", in English
 * "3 Dec 2026", into buf (≥ 26 bytes) and returns buf; CD_DATE_NONE gives "". */
char *date_show(cd_date d, char buf[26]);

/* time_cst_date: the China Standard Time calendar date of instant t (CD_DATE_NONE for
 * CD_TIME_NONE). time_cst_end: the instant 24:00 of day d ends, CST (i.e. the next day's
 * 00:00). time_cst_start: 00:00 of day d, CST. */
cd_date time_cst_date(cd_time t);
cd_time time_cst_start(cd_date d);
cd_time time_cst_end(cd_date d);

#endif
