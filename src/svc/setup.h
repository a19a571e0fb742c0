/* setup.h — the acts that set an install up, written once (act.h): the policy profile it lives
 * by (`cyberduty init`) and the official holiday calendars of the years to come (`cyberduty
 * calendar import`). Each writes and appends its audit entry in one transaction. */
#ifndef CD_SETUP_H
#define CD_SETUP_H

#include <stdbool.h>

#include "core/profile.h"
#include "io/holidays.h"
#include "svc/act.h"

/* svc_profile_set puts profile p in force from today (c->now), unless the one in force is the
 * same text (then *changed is false and nothing is written), and records the first year of the
 * obligations of a new database (profile.set, object "profile:ID"; after: profile, version and
 * the one it replaced, "was", null for none). *first says there was none before. c->pol may be
 * NULL. */
enum cd_err svc_profile_set(struct act *c, const struct profile *p, bool *changed, bool *first);

/* svc_calendar_import adds the official calendar h (read from `file`, named in messages) of the
 * years that follow those held (calendar.import, object "calendar:YEAR"; after: year_from,
 * year_to, days). Refuses (CD_ECONFLICT) a year already held, (CD_EINVAL) one that is not the
 * next, or days that do not make a calendar with those held ("FILE: what"). Uses c->a. */
enum cd_err svc_calendar_import(struct act *c, const struct holidays *h, const char *file);

#endif
