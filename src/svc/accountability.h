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

enum case_stage {
	CASE_NONE,        /* 未提议: nothing proposed yet */
	CASE_PROPOSED,    /* 已提议: the engine's proposal is on record */
	CASE_RECOMMENDED, /* 已提出问责建议 */
	CASE_DECIDED,     /* 已作出决定 */
	CASE__MAX
};

/* accountability_stage: how far x's case has come, from its folded timeline. */
enum case_stage accountability_stage(const struct incident *x);

/* What a line of the incidents list shows of an incident's folded timeline besides its record:
 * whether a person confirmed the grade, whether handling ended, how far its case has come. The
 * kept verdict holds them too (schema 0047), so that a line read from it reads no timeline. */
struct incident_line {
	bool graded, ended;
	enum case_stage stage;
};

/* accountability_line: x's line facts, from its folded timeline. */
struct incident_line accountability_line(const struct incident *x);

/* accountability_stage_code gives "none", "proposed", "recommended", "decided";
 * accountability_stage_label the Chinese label; "?" for anything else. */
const char *accountability_stage_code(enum case_stage s);
const char *accountability_stage_label(enum case_stage s);

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
