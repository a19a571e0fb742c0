/* date.c — civil date arithmetic (days since 1970-01-01, proleptic Gregorian). */
#include "date.h"


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

bool date_parse(const char *s, cd_date *out)
{
	int y, m, d;

	if (!s)
		return false;
	for (int i = 0; i < 10; i++)
		if (!s[i])
			return false;
	if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
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
