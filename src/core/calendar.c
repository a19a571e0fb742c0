/* calendar.c — working-day calendar (see calendar.h): the entries are checked, sorted and
 * copied into an arena; a bitmap over the covered years (one bit per day, set = working day)
 * answers calendar_is_workday in O(1). */
#include "calendar.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

struct calendar {
	struct arena *arena;
	atomic_int refs;          /* its holders (calendar_share); freed by the last */
	int year_from, year_to;
	cd_date base, end;        /* the covered days: [base, end) */
	unsigned char *work;      /* bit (day - base): a working day */
	struct calendar_entry *e; /* sorted by date, no two alike */
	size_t n;
};

/* A caller's entry while checking: its date and its index in the caller's array. */
struct slot {
	cd_date date;
	size_t idx;
};

static const char *const weekday_zh[8] = {"",     "周一", "周二", "周三",
					  "周四", "周五", "周六", "周日"};
static const char *const weekday_en[8] = {"",         "Monday", "Tuesday",  "Wednesday",
					  "Thursday", "Friday", "Saturday", "Sunday"};

static bool is_weekend(cd_date t)
{
	return date_weekday(t) >= 6;
}

static bool valid_kind(enum calendar_kind k)
{
	return (int)k >= 0 && k < CALENDAR__MAX;
}

/* refuse sets d to "2024-10-09 (work 国庆节, entry 12): <what is wrong>" and returns
 * CD_EINVAL. A long name is cut at a UTF-8 character boundary. */
static enum cd_err refuse(struct cd_diag *d, const struct calendar_entry *e, size_t idx,
			  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum cd_err refuse(struct cd_diag *d, const struct calendar_entry *e, size_t idx,
			  const char *fmt, ...)
{
	const char *name = e->name ? e->name : "-";
	size_t nl = strnlen(name, CALENDAR_NAME_MAX);
	char ds[11], why[sizeof(d->msg)];
	va_list ap;

	if (name[nl] != '\0')
		while (nl > 0 && ((unsigned char)name[nl] & 0xC0) == 0x80)
			nl--;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), lang_tr(fmt), ap);
	va_end(ap);
	return cd_diag_set(d, CD_EINVAL, "%s (%s %.*s, entry %zu): %s", date_format(e->date, ds),
			   calendar_kind_code(e->kind), (int)nl, name, idx, why);
}

/* check_entry applies the rules that concern one entry alone. */
static enum cd_err check_entry(const struct calendar_entry *e, size_t idx, int year_from,
			       int year_to, cd_date base, cd_date end, struct cd_diag *d)
{
	size_t nl;
	int wd;

	if (!valid_kind(e->kind))
		return refuse(d, e, idx, "未知的类型 / unknown kind %d (off or work)",
			      (int)e->kind);
	nl = e->name ? strnlen(e->name, CALENDAR_NAME_MAX + 1) : 0;
	if (nl == 0)
		return refuse(d, e, idx, "缺少节日名称 / no name (the holiday it belongs to)");
	if (nl > CALENDAR_NAME_MAX)
		return refuse(d, e, idx, "名称过长 / the name is longer than %d bytes",
			      CALENDAR_NAME_MAX);
	if (e->date == CD_DATE_NONE || e->date < base || e->date >= end)
		return refuse(d, e, idx,
			      "日期不在日历的年份内 / the date is outside the years of the "
			      "calendar (%d–%d)",
			      year_from, year_to);
	wd = date_weekday(e->date);
	if (e->kind == CALENDAR_WORK && wd < 6)
		return refuse(d, e, idx,
			      "调休上班日应为周六或周日，该日为%s / an adjusted working day must "
			      "be a Saturday or Sunday, this is a %s",
			      weekday_zh[wd], weekday_en[wd]);
	return CD_OK;
}

static int slot_cmp(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* run_neighbour: b is an "off" entry named like a, and only weekend days lie between them. */
static bool run_neighbour(const struct calendar_entry *a, const struct calendar_entry *b)
{
	cd_date lo = a->date < b->date ? a->date : b->date;
	cd_date hi = a->date < b->date ? b->date : a->date;

	if (b->kind != CALENDAR_OFF || strcmp(a->name, b->name) != 0)
		return false;
	for (cd_date t = lo + 1; t < hi; t++)
		if (!is_weekend(t))
			return false;
	return true;
}

/* check_order applies the rules that concern neighbours: s[0..n) is sorted by date. */
static enum cd_err check_order(const struct calendar_entry *e, const struct slot *s, size_t n,
			       struct cd_diag *d)
{
	for (size_t i = 1; i < n; i++)
		if (s[i].date == s[i - 1].date)
			return refuse(d, &e[s[i].idx], s[i].idx,
				      "日期重复（另见第 %zu 项）/ the date is listed twice "
				      "(also entry %zu)",
				      s[i - 1].idx, s[i - 1].idx);
	for (size_t i = 0; i < n; i++) {
		const struct calendar_entry *x = &e[s[i].idx];

		if (x->kind != CALENDAR_OFF || !is_weekend(x->date))
			continue;
		if (i > 0 && run_neighbour(x, &e[s[i - 1].idx]))
			continue;
		if (i + 1 < n && run_neighbour(x, &e[s[i + 1].idx]))
			continue;
		return refuse(d, x, s[i].idx,
			      "周末放假日须与同名假期相连 / a holiday on a Saturday or Sunday "
			      "must be part of a holiday run, but no adjacent \"off\" entry is "
			      "named %s",
			      x->name);
	}
	return CD_OK;
}

static void set_work(struct calendar *c, cd_date t, bool work)
{
	size_t bit = (size_t)(t - c->base);
	unsigned char mask = (unsigned char)(1u << (bit % 8));

	if (work)
		c->work[bit / 8] |= mask;
	else
		c->work[bit / 8] &= (unsigned char)~mask;
}

/* build copies the sorted entries and fills the bitmap; c->arena and the range are set. */
static enum cd_err build(struct calendar *c, const struct calendar_entry *e, const struct slot *s,
			 size_t n)
{
	size_t days = (size_t)(c->end - c->base);

	c->work = arena_alloc(c->arena, (days + 7) / 8);
	c->e = n ? arena_alloc(c->arena, n * sizeof(*c->e)) : NULL;
	if (!c->work || (n && !c->e))
		return CD_ENOMEM;
	for (cd_date t = c->base; t < c->end; t++)
		set_work(c, t, !is_weekend(t));
	for (size_t i = 0; i < n; i++) {
		const struct calendar_entry *x = &e[s[i].idx];

		c->e[i].date = x->date;
		c->e[i].kind = x->kind;
		c->e[i].name = arena_strdup(c->arena, x->name);
		if (!c->e[i].name)
			return CD_ENOMEM;
		set_work(c, x->date, x->kind == CALENDAR_WORK);
	}
	c->n = n;
	return CD_OK;
}

enum cd_err calendar_new(const struct calendar_entry *e, size_t n, int year_from, int year_to,
			 struct calendar **out, struct cd_diag *d)
{
	struct calendar *c = NULL;
	struct arena *a = NULL;
	struct slot *s = NULL;
	enum cd_err rc = CD_OK;
	cd_date base, end;

	if (year_from < 1900 || year_to > 9999 || year_from > year_to)
		return cd_diag_set(d, CD_EINVAL,
				   "日历年份 %d–%d 无效 / invalid calendar years %d–%d (1900–9999, "
				   "the first not after the last)",
				   year_from, year_to, year_from, year_to);
	if (n && !e)
		return cd_diag_set(d, CD_EINVAL, "%zu entries but no array", n);
	base = date_from_ymd(year_from, 1, 1);
	end = date_from_ymd(year_to + 1, 1, 1);
	for (size_t i = 0; i < n && rc == CD_OK; i++)
		rc = check_entry(&e[i], i, year_from, year_to, base, end, d);
	if (rc == CD_OK && n) {
		s = malloc(n * sizeof(*s));
		if (!s)
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	if (rc == CD_OK) {
		for (size_t i = 0; i < n; i++) {
			s[i].date = e[i].date;
			s[i].idx = i;
		}
		if (n)
			qsort(s, n, sizeof(*s), slot_cmp);
		rc = check_order(e, s, n, d);
	}
	if (rc == CD_OK) {
		a = arena_new(0);
		c = a ? arena_alloc(a, sizeof(*c)) : NULL;
		if (!c)
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	if (rc == CD_OK) {
		c->arena = a;
		atomic_init(&c->refs, 1);
		c->year_from = year_from;
		c->year_to = year_to;
		c->base = base;
		c->end = end;
		rc = build(c, e, s, n);
		if (rc != CD_OK)
			cd_diag_set(d, rc, "out of memory");
	}
	free(s);
	if (rc != CD_OK) {
		arena_free(a);
		return rc;
	}
	*out = c;
	return CD_OK;
}

struct calendar *calendar_share(struct calendar *c)
{
	if (c)
		atomic_fetch_add(&c->refs, 1);
	return c;
}

void calendar_free(struct calendar *c)
{
	if (c && atomic_fetch_sub(&c->refs, 1) == 1)
		arena_free(c->arena);
}

bool calendar_has_year(const struct calendar *c, int year)
{
	return c && year >= c->year_from && year <= c->year_to;
}

bool calendar_years(const struct calendar *c, int *from, int *to)
{
	if (!c)
		return false;
	*from = c->year_from;
	*to = c->year_to;
	return true;
}

bool calendar_is_workday(const struct calendar *c, cd_date day, bool *estimated)
{
	bool covered = c && day >= c->base && day < c->end;
	size_t bit;

	if (estimated)
		*estimated = !covered;
	if (!covered)
		return !is_weekend(day);
	bit = (size_t)(day - c->base);
	return (c->work[bit / 8] >> (bit % 8)) & 1u;
}

int calendar_workdays_until(const struct calendar *c, cd_date from, cd_date to)
{
	int n = 0;

	if (from == CD_DATE_NONE || to == CD_DATE_NONE)
		return 0;
	for (cd_date d = from + 1; d <= to && d - from <= CALENDAR_SPAN_MAX; d++)
		n += calendar_is_workday(c, d, NULL);
	for (cd_date d = from; d > to && from - d < CALENDAR_SPAN_MAX; d--)
		n -= calendar_is_workday(c, d, NULL);
	return n;
}

cd_date calendar_add_workdays(const struct calendar *c, cd_date start, int n, bool *estimated)
{
	bool any = false, est = false;
	cd_date t = start;

	if (estimated)
		*estimated = false;
	if (start == CD_DATE_NONE || start < date_from_ymd(1900, 1, 1) ||
	    start > date_from_ymd(9999, 12, 31) || n < 1 || n > CALENDAR_MAX_WORKDAYS)
		return CD_DATE_NONE;
	while (n > 0) {
		t++;
		if (calendar_is_workday(c, t, &est))
			n--;
		any = any || est;
	}
	if (estimated)
		*estimated = any;
	return t;
}

/* lower_bound: the index of the first entry dated on or after t. */
static size_t lower_bound(const struct calendar *c, cd_date t)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->e[mid].date < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct calendar_entry *calendar_entry(const struct calendar *c, cd_date day)
{
	size_t i;

	if (!c)
		return NULL;
	i = lower_bound(c, day);
	return i < c->n && c->e[i].date == day ? &c->e[i] : NULL;
}

size_t calendar_entries(const struct calendar *c, int year, const struct calendar_entry **out)
{
	size_t lo, hi;

	*out = NULL;
	if (!c || year < 1900 || year > 9999)
		return 0;
	lo = lower_bound(c, date_from_ymd(year, 1, 1));
	hi = lower_bound(c, date_from_ymd(year + 1, 1, 1));
	if (lo == hi)
		return 0;
	*out = &c->e[lo];
	return hi - lo;
}

const char *calendar_kind_code(enum calendar_kind k)
{
	static const char *const codes[CALENDAR__MAX] = {"off", "work"};

	return valid_kind(k) ? codes[k] : "?";
}

const char *calendar_kind_label(enum calendar_kind k)
{
	static const char *const labels[CALENDAR__MAX] = {"放假", "上班"};

	return valid_kind(k) ? labels[k] : "?";
}

int calendar_kind_parse(const char *s)
{
	if (!s)
		return -1;
	for (int k = 0; k < CALENDAR__MAX; k++)
		if (strcmp(s, calendar_kind_code((enum calendar_kind)k)) == 0)
			return k;
	return -1;
}

int calendar_estimated_year(const struct calendar *c, cd_date start, cd_date due)
{
	for (cd_date t = start + 1; t <= due; t++) {
		int y, m, d;

		date_to_ymd(t, &y, &m, &d);
		if (!calendar_has_year(c, y))
			return y;
	}
	return 0;
}
