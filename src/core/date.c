/* date.c — civil date arithmetic (days since 1970-01-01, proleptic Gregorian). */
#include "date.h"
#include "lang.h"

#include <stdio.h>
#include <string.h>


/* Era-based conversion: 400-year eras of 146097 days, years counted from March so the
 * leap day falls at the end. */
cd_date date_from_ymd(int y, int m, int d)
{
	int yy = m <= 2 ? y - 1 : y;
	int era = (yy >= 0 ? yy : yy - 399) / 400;
	int yoe = yy - era * 400;
	int mp = (m + 9) % 12;
	int doy = (153 * mp + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (cd_date)(era * 146097 + doe - 719468);
}

void date_to_ymd(cd_date t, int *y, int *m, int *d)
{
	int z = t + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;

	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* ymd_prefix reads "YYYY-MM-DD" at the start of s (10 characters, whatever follows). */
static bool ymd_prefix(const char *s, cd_date *out)
{
	int y, m, d;

	for (int i = 0; i < 10; i++)
		if (!s[i])
			return false;
	if (s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

static const char *zh_date(const char *s, cd_date *out);

bool date_parse(const char *s, cd_date *out)
{
	const char *rest;
	cd_date t;

	if (!s)
		return false;
	if (!(ymd_prefix(s, &t) && s[10] == '\0') && !((rest = zh_date(s, &t)) && !*rest))
		return false;
	*out = t;
	return true;
}

/* number reads 1 to max digits at *p and moves *p past them; -1 when there is none. */
static int number(const char **p, int max)
{
	int v = 0, n = 0;

	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

/* zh_date reads "YYYY年M月D日" at the start of s (month and day of one or two digits, the day
 * one that exists); sets *out and returns what follows, or NULL. */
static const char *zh_date(const char *s, cd_date *out)
{
	const char *p = s;
	int y, m, d;

	if ((y = number(&p, 4)) < 0 || p - s != 4 || strncmp(p, "年", 3))
		return NULL;
	p += 3;
	if ((m = number(&p, 2)) < 0 || strncmp(p, "月", 3))
		return NULL;
	p += 3;
	if ((d = number(&p, 2)) < 0 || strncmp(p, "日", 3))
		return NULL;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return NULL;
	*out = date_from_ymd(y, m, d);
	return p + 3;
}

/* skip_time skips " H:MM[:SS]" (what a spreadsheet adds to a date saved as text); returns the
 * rest, or NULL when something else follows. */
static const char *skip_time(const char *p)
{
	if (*p != ' ' && *p != 'T')
		return p;
	p++;
	if (number(&p, 2) < 0 || *p++ != ':' || number(&p, 2) < 0)
		return NULL;
	if (*p == ':' && (p++, number(&p, 2) < 0))
		return NULL;
	return p;
}

enum date_form date_read(const char *s, cd_date *out, int *py, int *pm, int *pd)
{
	static const char *const seps[][3] = {
		{"-", "-", ""}, {"/", "/", ""}, {".", ".", ""}, {"年", "月", "日"}};
	const char *p;
	int y, m, d;

	if (!s)
		return DATE_NOT_DATE;
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		size_t l1 = strlen(seps[i][0]), l2 = strlen(seps[i][1]), l3 = strlen(seps[i][2]);

		p = s;
		if ((y = number(&p, 4)) < 0 || p - s != 4 || strncmp(p, seps[i][0], l1))
			continue;
		p += l1;
		if ((m = number(&p, 2)) < 0 || strncmp(p, seps[i][1], l2))
			continue;
		p += l2;
		if ((d = number(&p, 2)) < 0 || strncmp(p, seps[i][2], l3))
			continue;
		p = skip_time(p + l3);
		if (!p || *p)
			continue;
		if (py)
			*py = y;
		if (pm)
			*pm = m;
		if (pd)
			*pd = d;
		if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
			return DATE_NO_DAY;
		*out = date_from_ymd(y, m, d);
		return DATE_READ;
	}
	return DATE_NOT_DATE;
}

bool date_from_serial(double serial, cd_date *out)
{
	static const double last = 2958465; /* 9999-12-31 */
	long days;

	if (!(serial >= 1 && serial <= last))
		return false;
	days = (long)serial;
	if (days >= 61)
		days--; /* the 1900-02-29 that never was */
	*out = date_from_ymd(1899, 12, 31) + (cd_date)days;
	return true;
}

bool time_parse(const char *s, bool cst_default, cd_time *out)
{
	cd_date day;
	int hh, mm, ss = 0, off;
	const char *p;

	if (s && cst_default && (p = zh_date(s, &day))) {
		/* as people write it: "2026年12月3日 14:05", China Standard Time */
		if (*p++ != ' ' || (hh = number(&p, 2)) < 0 || *p++ != ':' || (mm = digits(p, 2)) < 0)
			return false;
		p += 2;
		if (*p == ':' && (ss = digits(p + 1, 2)) >= 0)
			p += 3;
		if (*p || hh > 23 || mm > 59 || ss > 59)
			return false;
		*out = (cd_time)day * 86400 + hh * 3600 + mm * 60 + ss - CD_CST_OFFSET;
		return true;
	}
	if (!s || !ymd_prefix(s, &day) || (s[10] != 'T' && s[10] != ' '))
		return false;
	p = s + 11;
	if ((hh = digits(p, 2)) < 0 || p[2] != ':' || (mm = digits(p + 3, 2)) < 0)
		return false;
	p += 5;
	if (*p == ':') {
		if ((ss = digits(p + 1, 2)) < 0)
			return false;
		p += 3;
		if (*p == '.') {
			if (p[1] < '0' || p[1] > '9')
				return false;
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		}
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return false;
	if (*p == 'Z' && p[1] == '\0') {
		off = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 && p[3] == ':') {
		int oh = digits(p + 1, 2), om = digits(p + 4, 2);

		if (oh < 0 || om < 0 || oh > 23 || om > 59)
			return false;
		off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
	} else if (*p == '\0' && cst_default) {
		off = CD_CST_OFFSET;
	} else {
		return false;
	}
	*out = (cd_time)day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return true;
}

static cd_date floor_day(cd_time t)
{
	cd_time q = t / 86400;

	return (cd_date)(t % 86400 < 0 ? q - 1 : q);
}

cd_date time_cst_date(cd_time t)
{
	if (t == CD_TIME_NONE)
		return CD_DATE_NONE;
	return floor_day(t + CD_CST_OFFSET);
}

cd_time time_cst_start(cd_date d)
{
	return (cd_time)d * 86400 - CD_CST_OFFSET;
}

cd_time time_cst_end(cd_date d)
{
	return time_cst_start(d) + 86400;
}

char *time_format(cd_time t, char buf[26])
{
	char day[11];
	cd_time local, secs;

	if (t == CD_TIME_NONE) {
		buf[0] = '\0';
		return buf;
	}
	local = t + CD_CST_OFFSET;
	secs = local - (cd_time)floor_day(local) * 86400;
	snprintf(buf, 26, "%sT%02d:%02d:%02d+08:00", date_format(floor_day(local), day),
		 (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

char *date_format(cd_date t, char buf[11])
{
	int y, m, d;

	if (t == CD_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	date_to_ymd(t, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return buf;
}

int date_weekday(cd_date t)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((t % 7 + 7 + 3) % 7);

	return w + 1;
}

cd_date date_add_months(cd_date t, int n)
{
	int y, m, d, idx, dim;

	date_to_ymd(t, &y, &m, &d);
	idx = y * 12 + (m - 1) + n;
	y = idx / 12;
	m = idx % 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

char *date_show(cd_date d, char buf[26])
{
	static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	unsigned y, m, day;
	int yy, mm, dd;

	if (d == CD_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	date_to_ymd(d, &yy, &mm, &dd);
	/* years are 1900-9999: the bounds keep the buffer's size evident */
	y = (unsigned)yy % 10000u;
	m = (unsigned)(mm - 1) % 12u;
	day = (unsigned)dd % 32u;
	if (lang_get() == LANG_EN)
		snprintf(buf, 26, "%u %s %u", day, months[m], y);
	else
		snprintf(buf, 26, "%u年%u月%u日", y, m + 1, day);
	return buf;
}

char *time_show(cd_time t, char buf[26])
{
	unsigned min;
	cd_date d;
	size_t n;

	if (t == CD_TIME_NONE) {
		buf[0] = '\0';
		return buf;
	}
	d = time_cst_date(t);
	min = (unsigned)((t + CD_CST_OFFSET - (cd_time)d * 86400) / 60) % 1440u;
	n = strlen(date_show(d, buf));
	snprintf(buf + n, 26 - n, " %02u:%02u", min / 60, min % 60);
	return buf;
}
