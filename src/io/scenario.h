/* scenario.h — a what-if scenario as JSON (docs/eval.md): a register, notices and incidents under
 * a built-in profile at one instant, read and validated field by field with jansson, and its
 * verdicts written back as JSON. No database is touched. Shared by `cyberduty eval` and (later)
 * the server; this pair is the engine's public contract. */
#ifndef CD_SCENARIO_H
#define CD_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/cond.h"
#include "core/date.h"
#include "core/err.h"
#include "core/incident.h"
#include "core/notice.h"
#include "core/oblig.h"
#include "core/profile.h"
#include "core/reg.h"

#define SCENARIO_MAX_BYTES   ((size_t)16 << 20) /* the largest scenario accepted: 16 MiB */
#define SCENARIO_SIMILAR_MAX 100 /* similar systems listed per notice (the strongest first) */
#define SCENARIO_YEARS_MAX   10  /* years of yearly duties a scenario may ask for (obligations_from):
				  * each obligation counts the working days to its due date */

struct scenario {
	struct arena *arena;     /* notices, incidents and their strings */
	struct profile *profile; /* owned */
	struct reg *reg;         /* owned; codes are the scenario's ids, ids 1-based positions */
	const char *as_of_text;  /* as given */
	cd_time as_of;
	struct notice *notices;  /* in input order; id = position + 1, code = the scenario's id;
				  * events folded (stage, rectified_at, feedback_at, extended_to) */
	size_t nnotices;
	struct incident *incidents; /* in input order; id = position + 1, code = the scenario's id;
				     * the folded fields set from the input (no timeline) */
	size_t nincidents;
	struct grade_rules rules;         /* the built-in grading thresholds and deadlines */
	struct incident_classes classes;  /* the built-in incident classes */
	const struct cond **conds;        /* the profile's trigger conditions, in its order */
	bool org_reporter_set;            /* reporter_type given: the organisation's */
	enum reporter org_reporter;
	struct record *records;           /* in input order; id = position + 1 */
	const char **record_codes;        /* the scenario's id of each record */
	size_t nrecords;
	int oblig_from;                   /* the first year whose yearly duties are generated */
};

/* scenario_parse reads len bytes of JSON (a scenario, docs/eval.md) and builds the register, the
 * notices and the incidents; cal is the working-day calendar the lifecycle checks count with
 * (borrowed, only during the call). On CD_OK *out is a scenario the caller frees with
 * scenario_free. On error *out is NULL and d names the one thing that is wrong, JSONPath-like:
 * "notices[1].received_at: \"2026-05-12 09:00\" is not an RFC 3339 date-time with an offset",
 * "units[3].parent: no unit \"X\"", "line 3 column 5: …" for invalid JSON. Errors:
 *  CD_EINVAL  anything malformed: invalid JSON, an empty input, a missing required field, an
 *             unknown field, a wrong type, an unknown profile or vocabulary word, a bad date,
 *             a dangling reference, an id given twice, a unit parent cycle, a notice timeline
 *             that breaks the lifecycle (feedback before rectification, a step before receipt),
 *             an incident whose times contradict each other (occurred after detection, an
 *             outage ending before it starts, a report before detection, a summary report
 *             before handling ended), a fact or measure outside the vocabulary or of the wrong
 *             type ("incidents[0].facts.tampred: no such fact (did you mean tampered?)"), a
 *             record of a duty the profile lacks or of a period of another kind, a record no
 *             single unit holds without its unit, a project's security budget above its total,
 *             a request for support before receipt or after feedback;
 *  CD_ENOMEM  out of memory (len above SCENARIO_MAX_BYTES is CD_EINVAL). */
enum cd_err scenario_parse(const char *buf, size_t len, const struct calendar *cal,
			   struct scenario **out, struct cd_diag *d);

/* scenario_free releases s and everything it owns. NULL is accepted. */
void scenario_free(struct scenario *s);

/* scenario_eval computes the verdicts of s at s->as_of — for each notice its due date, state,
 * stage, repeat, criticism and request for support (written by notice_verdict_json), similar
 * systems (at most SCENARIO_SIMILAR_MAX, with their total) and warnings; for each incident what
 * incident_analyse says (grade, report deadlines, facts, triggers, chain, repeat; written by
 * incident_verdict_json); the obligations oblig_generate gives from s->oblig_from with the
 * records (oblig_json); and the check findings of the register on the China Standard Time date
 * of as_of, then a duty.missed finding per yearly duty missed (finding_json) — and sets *json
 * to them as indented JSON
 * text (no trailing newline), which the caller frees with free(). cal as for scenario_parse.
 * CD_ENOMEM is the only failure. */
enum cd_err scenario_eval(const struct scenario *s, const struct calendar *cal, char **json,
			  struct cd_diag *d);

#endif
