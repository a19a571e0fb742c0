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

/* "value (why)" and its NUL, in English or in Chinese (a longer value, the why_text) */
#define INCIDENT_EVIDENCE_MAX (192 + 2 * INCIDENT_WHY_MAX + 8)

/* incident_evidence_text writes the evidence fact f gives in analysis an into buf (n bytes):
 * "name = value (how it was derived)" or "name = value (recorded)". Returns buf. */
/* incident_criticism_write: the criticism (通报批评) proposed for a notice or an incident on the
 * grounds g (NOTICE_CRITICISM_*), as the member key of w's object: {"proposed": true,
 * "article": …, "grounds": ["late", "repeat"]}, the article of the repeat rule when it is a
 * repeat, else of the late rule (null when the profile names none); JSON null when g is 0. */
void incident_criticism_write(struct jw *w, const char *key, const struct profile *p,
			      unsigned g);

char *incident_evidence_text(const struct incident_analysis *an, int f, char *buf, size_t n);

/* incident_evidence_label is incident_evidence_text as a person reads it, in the thread's
 * language: "被攻击篡改：是（人工记录）", "瘫痪（中断）：是（中断 2026年12月1日 10:00 – …）";
 * in English the engine's words. What the CLI prints, and the JSON's labels beside the codes. */
char *incident_evidence_label(const struct incident_analysis *an, int f, char *buf, size_t n);

/* incident_json_labels adds to verdict (incident_verdict_json's, of an) the labels beside the
 * engine's words, in the thread's language: each derived fact's "why_label", each trigger's
 * "evidence_labels" (incident_evidence_label). The API's and the command line's incident JSON
 * have them; eval's contract (docs/eval.md) keeps the engine's words alone. */
void incident_json_labels(json_t *verdict, const struct incident_analysis *an);

#endif
