/* demo_int.h — what the demo's files share and nobody else uses. */
#ifndef CD_DEMO_INT_H
#define CD_DEMO_INT_H

#include "core/date.h"

struct profile;

/* demo_at: hour:minute China Standard Time on `day`. */
static inline cd_time demo_at(cd_date day, int hour, int minute)
{
	return time_cst_start(day) + hour * 3600 + minute * 60;
}

/* demo_login_units: the code of the organisation's root unit and of the department the demo's
 * officer and unit leader are scoped to, for profile p's shape (demo.c). */
void demo_login_units(const struct profile *p, const char **root, const char **unit);

#endif
