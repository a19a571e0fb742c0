/* calendar.h — the working-day calendar: official holidays and adjusted working days (调休) of
 * the years that have an official calendar, the plain Monday–Friday rule for any other year, and
 * deadlines counted in working days by the Civil Code convention. Pure: the caller parses the
 * data (data/cn-holidays.json) and hands it over as an array of entries. */
#ifndef CD_CALENDAR_H
#define CD_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "err.h"

enum calendar_kind {
	CALENDAR_OFF,  /* official holiday (放假), "off" in the data */
	CALENDAR_WORK, /* adjusted working day on a weekend (调休上班), "work" in the data */
	CALENDAR__MAX
};

/* One listed date. A date not listed follows Monday–Friday work, Saturday–Sunday off. */
struct calendar_entry {
	cd_date date;
	enum calendar_kind kind;
	const char *name; /* the holiday it belongs to, e.g. "国庆节"; never NULL in a calendar */
};

struct calendar; /* opaque; immutable once built, so it may be shared between threads */

#define CALENDAR_NAME_MAX     128   /* bytes of an entry's name, without the NUL */
#define CALENDAR_MAX_WORKDAYS 10000 /* largest n calendar_add_workdays accepts */

/* calendar_new builds a calendar from the n entries e[0..n) (any order; e may be NULL when n is
 * 0) for the years year_from..year_to (1900 ≤ year_from ≤ year_to ≤ 9999), which are the years
 * with an official calendar; any other year is computed Monday–Friday and flagged as estimated.
 * The entries and their names are copied: the caller keeps e. On success sets *out to a
 * calendar the caller frees with calendar_free and returns CD_OK. Errors (*out untouched, d
 * says which entry — its date and its 0-based index in e — and what is wrong):
 *  CD_EINVAL  a year range outside the rule above; an entry whose kind is not CALENDAR_OFF or
 *             CALENDAR_WORK, whose name is NULL, empty or longer than CALENDAR_NAME_MAX bytes,
 *             or whose date lies outside year_from..year_to; a date listed twice; a "work"
 *             entry that is not a Saturday or Sunday; an "off" entry on a Saturday or Sunday
 *             that is not part of a holiday run, i.e. whose neighbour on neither side — the
 *             next listed date, with only unlisted weekend days in between — is an "off"
 *             entry of the same name;
 *  CD_ENOMEM  out of memory. */
enum cd_err calendar_new(const struct calendar_entry *e, size_t n, int year_from, int year_to,
			 struct calendar **out, struct cd_diag *d);

/* calendar_free releases c and everything it owns — or, when it is shared, this holder's share
 * of it (the last frees it). NULL is accepted. calendar_share gives another holder a share of c
 * (immutable: any thread may read it) and returns c. */
void calendar_free(struct calendar *c);
struct calendar *calendar_share(struct calendar *c);

/* calendar_has_year: year has an official calendar in c. False for a NULL c. */
bool calendar_has_year(const struct calendar *c, int year);

/* calendar_years sets *from and *to to the years with an official calendar and returns true, or
 * returns false (from and to untouched) for a NULL c. */
bool calendar_years(const struct calendar *c, int *from, int *to);

/* calendar_is_workday: day is a working day — a listed "work" day, or a Monday–Friday that is
 * not a listed "off" day. When estimated is not NULL, *estimated is set: true when day's year
 * has no official calendar (the plain weekday rule answered), false otherwise. A NULL c is a
 * calendar without any official year. O(1). */
bool calendar_is_workday(const struct calendar *c, cd_date day, bool *estimated);

/* calendar_add_workdays returns the due date of a period of n working days that starts on day
 * `start` (the day of receipt), by the Civil Code convention: the start day itself is never
 * counted, whether it is a working day or not; the due date is the n-th working day after it,
 * and the period ends at 24:00 of that day. When estimated is not NULL, *estimated is set:
 * true when any day after start up to the due date lies in a year without an official
 * calendar, false otherwise. Returns CD_DATE_NONE (and *estimated false) when start is
 * CD_DATE_NONE or outside the years 1900–9999, or n is outside 1..CALENDAR_MAX_WORKDAYS.
 * A NULL c is a calendar without any official year. */
cd_date calendar_add_workdays(const struct calendar *c, cd_date start, int n, bool *estimated);

/* calendar_workdays_until: how many working days there are after `from` up to and including
 * `to` — the working days left before a deadline `to` seen on day `from` (0 on the day itself);
 * negative, the working days it is past, when `to` is before `from` (−1 the working day after
 * it). Counted day by day over at most CALENDAR_SPAN_MAX calendar days either way (beyond, the
 * count stops there: 200 years, longer than any deadline the dates people give can set). */
#define CALENDAR_SPAN_MAX (200 * 366)
int calendar_workdays_until(const struct calendar *c, cd_date from, cd_date to);

/* calendar_estimated_year: the first year without an official calendar that the days after
 * start up to due touch (the year an estimated calendar_add_workdays result counted through),
 * or 0 when there is none. */
int calendar_estimated_year(const struct calendar *c, cd_date start, cd_date due);

/* calendar_entry returns the entry listed for day, or NULL when day is not listed (or c is
 * NULL). Borrowed: valid until calendar_free(c). O(log n). */
const struct calendar_entry *calendar_entry(const struct calendar *c, cd_date day);

/* calendar_entries sets *out to the entries of year, in date order, and returns how many there
 * are (0, with *out NULL, for a year without entries or a NULL c). Borrowed: valid until
 * calendar_free(c). For `calendar show YEAR`. */
size_t calendar_entries(const struct calendar *c, int year, const struct calendar_entry **out);

/* calendar_kind_code gives "off" / "work" (the data's spelling), calendar_kind_label the
 * Chinese label ("放假" / "上班"); both return "?" for an unknown kind. calendar_kind_parse
 * accepts the code and returns the kind, or -1 when unknown. */
const char *calendar_kind_code(enum calendar_kind k);
const char *calendar_kind_label(enum calendar_kind k);
int calendar_kind_parse(const char *s);

#endif
