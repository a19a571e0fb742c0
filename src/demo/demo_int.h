/* demo_int.h — what the demo's files share and nobody else uses. */
#ifndef CD_DEMO_INT_H
#define CD_DEMO_INT_H

#include "core/date.h"

/* demo_at: hour:minute China Standard Time on `day`. */
static inline cd_time demo_at(cd_date day, int hour, int minute)
{
	return time_cst_start(day) + hour * 3600 + minute * 60;
}

#endif
