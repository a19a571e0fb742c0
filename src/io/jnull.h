/* jnull.h — JSON values of what may be absent, the one way: null for a NULL text, a date or an
 * instant that is not set (CD_DATE_NONE, CD_TIME_NONE), else the text, the date as YYYY-MM-DD,
 * the instant as RFC 3339 in China Standard Time. Every encoder of cyberduty uses these. */
#ifndef CD_JNULL_H
#define CD_JNULL_H

#include <jansson.h>

#include "core/date.h"

/* Each returns a new reference (NULL only when out of memory). */
json_t *jnull_str(const char *s);
json_t *jnull_date(cd_date d);
json_t *jnull_time(cd_time t);

#endif
