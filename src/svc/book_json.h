/* book_json.h — the JSON of an incident (a line of a list, and the whole of it with the engine's
 * verdicts), shared by the command line's --json output and the API. */
#ifndef CD_BOOK_JSON_H
#define CD_BOOK_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "core/jw.h"
#include "svc/accountability.h"
#include "svc/book.h"

/* book_incident_list_json: one incident's line of a list (grade, report and summary states,
 * the first report's deadline report_due, triggers, case stage), its systems' codes and names
 * from reg. book_incident_list_members writes the same members into the object open in w, with
 * what the line shows of the timeline given in `line` (folded, or from the kept verdict: x's
 * timeline is not read) and its systems' codes and names given (x->nassets each; a NULL code is
 * written "?"). */
json_t *book_incident_list_json(const struct reg *reg, const struct incident *x,
				const struct incident_analysis *an);
void book_incident_list_members(struct jw *w, const struct incident *x,
				const struct incident_line *line,
				const struct incident_analysis *an, const char *const *codes,
				const char *const *names);

/* book_incident_write writes the whole incident into w as one object: the engine's verdicts
 * with their labels and what a page shows beside them (io/incident_json.h,
 * incident_verdict_members), the record, its systems' names, the case stage and the timeline.
 * With corrections (the API's answer: its corrections, oldest first, svc_corrections_json;
 * borrowed) its "id" is the incident's number and the corrections close the object; without,
 * its "id" is the incident's code (the command line's). The one encoder of a whole incident:
 * book_incident_json is its text as a tree (incident show --json). */
void book_incident_write(struct jw *w, const struct incident_env *env, const struct incident *x,
			 const struct incident_analysis *an, json_t *corrections);
json_t *book_incident_json(const struct incident_env *env, const struct incident *x,
			   const struct incident_analysis *an);

#endif
