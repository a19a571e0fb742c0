/* accountability.h — an incident's accountability case (责任追究) as the office works it: the
 * stage it has reached (proposed → recommended → decided, from the timeline) and the proposal
 * text — the triggers that fired with their evidence, the questions still open, the chain of
 * responsibility (逐级倒查) and the repeat — that `accountability propose` prints and keeps in the
 * timeline, and `incident show` prints too. Text only; the JSON is io/incident_json.h. */
#ifndef CD_ACCOUNTABILITY_H
#define CD_ACCOUNTABILITY_H

#include <stdio.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/incident.h"

/* accountability_write_triggers writes to f the triggers of analysis an that fired (with
 * their evidence), those that need a person's judgement (with the question and the facts to
 * answer) and the ids of those that did not fire, each line indented by `indent`. */
void accountability_write_triggers(FILE *f, const struct incident_analysis *an, int indent);

/* accountability_write_chain writes the chain of responsibility at x's detection: each person
 * with unit, role and responsibility, a vacant role as 空缺 vacant; then the repeat and the
 * criticism proposed for it, if any. */
void accountability_write_chain(FILE *f, const struct incident_env *env, const struct incident *x,
                                const struct incident_analysis *an, int indent);

/* accountability_write_repeat writes the repeat of an (the earlier notice or incident on one of
 * the systems within the profile's window, and the criticism proposed for it); nothing when
 * it is none. */
void accountability_write_repeat(FILE *f, const struct incident_env *env,
                                 const struct incident_analysis *an, int indent);

/* accountability_write writes the whole proposal for x, analysed at instant `at`: a heading,
 * the grade, the triggers and the chain. */
void accountability_write(FILE *f, const struct incident_env *env, const struct incident *x,
                          const struct incident_analysis *an, cd_time at);

/* accountability_proposal is accountability_write into a new string in arena a (what the
 * timeline keeps); NULL when out of memory. */
char *accountability_proposal(const struct incident_env *env, const struct incident *x,
                              const struct incident_analysis *an, cd_time at, struct arena *a);

/* accountability_repeat_code: the code of the notice or incident an->repeat_of names, or NULL;
 * *is_notice says which. */
const char *accountability_repeat_code(const struct incident_env *env,
                                       const struct incident_analysis *an, int *is_notice);

#endif
