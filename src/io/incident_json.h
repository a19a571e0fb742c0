/* incident_json.h — what the engine says about an incident (struct incident_analysis) as JSON:
 * the "incidents[]" verdict of `cyberduty eval` (docs/eval.md), also answered by
 * `cyberduty incident show --json` and (later) the server. One writer, one contract. */
#ifndef CD_INCIDENT_JSON_H
#define CD_INCIDENT_JSON_H

#include <jansson.h>

#include "core/jw.h"

#include "core/incident.h"

/* incident_verdict_json builds the verdict object of incident x (its id is x->code) from the
 * analysis an made under env: references are written as register codes. NULL on ENOMEM. */
json_t *incident_verdict_json(const struct incident_env *env, const struct incident *x,
			      const struct incident_analysis *an);

#define INCIDENT_EVIDENCE_MAX (96 + INCIDENT_WHY_MAX + 3) /* "value (why)" and its NUL */

/* incident_evidence_text writes the evidence fact f gives in analysis an into buf (n bytes):
 * "name = value (how it was derived)" or "name = value (recorded)". Returns buf. */
/* incident_criticism_write: the criticism (通报批评) proposed for a notice or an incident on the
 * grounds g (NOTICE_CRITICISM_*), as the member key of w's object: {"proposed": true,
 * "article": …, "grounds": ["late", "repeat"]}, the article of the repeat rule when it is a
 * repeat, else of the late rule (null when the profile names none); JSON null when g is 0. */
void incident_criticism_write(struct jw *w, const char *key, const struct profile *p,
			      unsigned g);

char *incident_evidence_text(const struct incident_analysis *an, int f, char *buf, size_t n);

#endif
