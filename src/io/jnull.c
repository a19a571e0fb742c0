/* jnull.c — JSON values of what may be absent (jnull.h). */
#include "jnull.h"

json_t *jnull_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *jnull_date(cd_date d)
{
	char buf[11];

	return d == CD_DATE_NONE ? json_null() : json_string(date_format(d, buf));
}

json_t *jnull_time(cd_time t)
{
	char buf[26];

	return t == CD_TIME_NONE ? json_null() : json_string(time_format(t, buf));
}
