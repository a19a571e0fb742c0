/* incident_json.h — what the engine says about an incident (struct incident_analysis) as JSON:
 * the "incidents[]" verdict of `cyberduty eval` (docs/eval.md), also answered by
 * `cyberduty incident show --json` and (later) the server. One writer, one contract. */
#ifndef CD_INCIDENT_JSON_H
#define CD_INCIDENT_JSON_H

#include <jansson.h>

#include "core/jw.h"

#include "core/incident.h"

/* incident_verdict_members writes the verdict of incident x from the analysis an made under env
 * into the object open in w, after its "id": references as register codes; with `labels` the
 * labels beside the engine's words in the thread's language (each derived fact's "why_label",
 * each trigger's "evidence_labels", incident_evidence_label); with `full` what a page shows
 * beside them (a trigger's article text, a chain link's holder by name and the answering unit
 * whose walk up the tree found it, null: the person involved, coordination). When w has a
 * labeller (the API's), each fact gains its "label" and each trigger its "state_label" and
 * "missing_facts_labels" where api_labels would add them. The one encoder of an incident's
 * verdict: eval's (no labels, not full), the API's and the command line's (both). */
void incident_verdict_members(struct jw *w, const struct incident_env *env,
			      const struct incident *x, const struct incident_analysis *an,
			      bool labels, bool full);

/* incident_verdict_json: eval's verdict object of incident x (its id is x->code, no labels) as a
 * tree, through incident_verdict_members. NULL on ENOMEM. */
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


#endif
