/* calendar_load.h — the working-day calendar cyberduty counts with: the official years built
 * into the binary (data/cn-holidays.json) plus the years imported into a database
 * (`cyberduty calendar import`). Shared by the command line, eval and the server. */
#ifndef CD_CALENDAR_LOAD_H
#define CD_CALENDAR_LOAD_H

#include "core/calendar.h"
#include "core/err.h"
#include "store/store.h"

/* calendar_from_data builds the calendar from the built-in years and, when s is not NULL, the years
 * imported into s. The caller frees *out with calendar_free. CD_ENOTFOUND when the binary has
 * no calendar built in; CD_EINVAL / CD_ESTORE / CD_ENOMEM with the diag. */
enum cd_err calendar_from_data(struct store *s, struct calendar **out, struct cd_diag *d);

#endif
