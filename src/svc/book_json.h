/* book_json.h — JSON views of the book's notices and incidents, shared by the command line's
 * --json output and the API. */
#ifndef CD_BOOK_JSON_H
#define CD_BOOK_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "svc/book.h"

/* book_notice_json: notice n at instant `at` — its due date and state, the repeat, the
 * 举一反三 count; with `full` also its text, timeline and 举一反三 list. */
json_t *book_notice_json(const struct book *b, const struct notice *n, cd_time at, bool full);

/* notice_unchecked: the systems of n's 举一反三 list not yet checked. */
size_t notice_unchecked(const struct notice *n);

/* book_incident_list_json: one incident's line of a list (grade, report and summary states,
 * triggers, case stage). */
json_t *book_incident_list_json(const struct reg *reg, const struct incident *x,
				const struct incident_analysis *an);

/* book_incident_json: the whole incident: the engine's verdicts (io/incident_json.h), the
 * record, the case stage and the timeline. */
json_t *book_incident_json(const struct incident_env *env, const struct incident *x,
			   const struct incident_analysis *an);

#endif
