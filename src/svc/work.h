/* work.h — the acts and reads of the daily work: official notices (通报) and their closed loop,
 * records of meetings, drills and training, incidents and their timeline. Each act is one
 * function (act.h: check, transaction, write, audit entry under one action, commit) called alike
 * by the API, the command line and the demo; each read takes one record or one page from the
 * store (store_work.h), never the whole organisation. The audit actions are listed in
 * docs/audit.md. */
#ifndef CD_WORK_H
#define CD_WORK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/incident.h"
#include "core/jw.h"
#include "core/notice.h"
#include "core/oblig.h"
#include "svc/accountability.h"
#include "svc/act.h"

/* ---- notices -------------------------------------------------------------------------------- */

/* A new notice as a person gives it. */
struct notice_new {
	const char *code, *authority; /* required */
	const char *category, *text, *attachment;
	cd_time received_at;         /* CD_TIME_NONE: now */
	const char *const *assets;   /* codes of the systems it concerns, at least one */
	size_t nassets;
	const char *unit;            /* code; NULL: the unit in charge of the first system */
	cd_date due;                 /* the notice's own deadline, or CD_DATE_NONE */
};

/* A notice as acts and reads answer it: the stored row folded, its due date, and the earlier
 * notice or incident on one of its systems that makes it a repeat. */
struct notice_view {
	struct notice_row row;          /* row.n is folded */
	struct notice_due due;
	struct asset_event repeat;      /* valid when repeat_code is not NULL */
	const char *repeat_code;        /* the earlier notice's or incident's code, or NULL */
	const char *repeat_asset;       /* the code of the system it repeats on */
	bool repeat_is_notice;
	const struct calendar *cal;     /* borrowed from the read; valid until svc_work_end */
	struct correction *fixes;       /* its corrections, oldest first (svc_notice_get) */
	size_t nfixes;
};

/* The acts name a notice by id, or by code when id is 0. Every act and read refuses what is
 * outside the caller's scope as not found. Results are in c->a; on a refusal c->field names the
 * input at fault. */

/* svc_notice_add records a new notice (audit "notice.create"): the due date must not precede
 * receipt (field "due"), the code must be new (CD_ECONFLICT, "code"), the systems must exist
 * and be distinct ("assets"); the unit defaults to the one in charge of the first system
 * (谁主管谁负责); the 举一反三 list is computed and kept (NOTICE_SIMILAR_MAX). */
enum cd_err svc_notice_add(struct act *c, const struct notice_new *in, struct notice_view *out);

/* svc_notice_step records one step of the closed loop (start, rectify, feedback, verify,
 * support, extend; audit "notice.<step>" with the stage before and after) after notice_apply
 * has accepted it (CD_EINVAL otherwise: out of order, before receipt, an extension not later
 * than the due date); e->at CD_TIME_NONE is now. *out is the notice after it as
 * svc_notice_brief reads it: without its 举一反三 list (the counts kept on the notice stand). */
enum cd_err svc_notice_step(struct act *c, int64_t id, const char *code,
			    const struct notice_event *e, struct notice_view *out);

/* Systems of a notice's 举一反三 list checked at once, with one note. */
struct notice_checks {
	const char *const *assets; /* codes of systems on the list */
	size_t nassets;
	bool all;                  /* instead: every system of the list not checked yet */
	cd_time at;                /* CD_TIME_NONE: now */
	const char *by, *note;     /* who checked, what was found (may be NULL) */
};

/* svc_notice_check marks systems of the notice's 举一反三 list checked in one act (audit
 * "notice.checked" with the codes marked); CD_ECONFLICT ("assets") when one is not on the list
 * or was checked already, or, with all, none is left. Nothing is marked unless all can be.
 * *out as svc_notice_step's: the list is read only to name the systems `all` marks. */
enum cd_err svc_notice_check(struct act *c, int64_t id, const char *code,
			     const struct notice_checks *in, struct notice_view *out);

/* svc_notice_default_set sets the organisation's own default rectification period of a notice,
 * in working days (1 … POLICY_NOTICE_DEFAULT_MAX; 0: none), applied only where the policy sets
 * none and the notice states no deadline (audit "settings.notice_default", before and after
 * {"notice_default_workdays"}). svc_notice_default_get reads it and the policy's own period
 * (0 when the policy is silent). */
enum cd_err svc_notice_default_set(struct act *c, int days);
enum cd_err svc_notice_default_get(struct act *c, int *days, int *policy_days);

/* svc_reporter_type_set sets the organisation's reporter type under the 2025 reporting measures
 * (REPORTER_CII, REPORTER_CENTRAL_ORGAN, REPORTER_OTHER; -1: not known), which an incident's
 * reporting deadline follows where no system of it is CII and the incident records none (audit
 * "settings.reporter_type", before and after {"reporter_type"}). svc_reporter_type_get reads
 * it: -1 when not set. */
enum cd_err svc_reporter_type_set(struct act *c, int reporter);

/* svc_feedback_approval_set turns on or off the rule that a notice's feedback waits for the unit
 * leader's approval (POLICY_FEEDBACK_APPROVAL; audited "settings.feedback_approval", before and
 * after {"feedback_approval"}); while on, svc_notice_step refuses a feedback step of a notice not
 * approved (CD_ECONFLICT). svc_feedback_approval_get reads it. */
enum cd_err svc_feedback_approval_set(struct act *c, bool on);
enum cd_err svc_feedback_approval_get(struct act *c, bool *on);
enum cd_err svc_reporter_type_get(struct act *c, int *reporter);

/* A correction of a notice as a person gives it: the fields given replace the notice's own
 * (NULL / none: not given; the clear bits empty an optional text or the notice's own deadline),
 * and why, which is required. */
struct notice_fix {
	const char *code, *authority, *unit, *category, *text, *attachment;
	cd_time received_at;
	cd_date due;
	unsigned clear; /* NOTICE_CLEAR_* */
	const char *reason;
};
#define NOTICE_CLEAR_CATEGORY   1u
#define NOTICE_CLEAR_TEXT       2u
#define NOTICE_CLEAR_ATTACHMENT 4u
#define NOTICE_CLEAR_DUE        8u

/* svc_notice_correct puts a mistake in a notice right (audit "notice.correct", before and after
 * the fields changed and the reason), kept as a correction beside its timeline (who, when, why,
 * each field before and after), never as a step of the loop. What may change: the number (still
 * unique), the issuer, category, text and attachment at any time; the unit within the caller's
 * scope; the receipt time until feedback is sent (it decides whether the answer was on time),
 * never after the first step nor in the future; the notice's own deadline until it is verified,
 * never before receipt. Its systems cannot change (the 举一反三 list stands on them: record a
 * new notice). CD_EINVAL naming the field, or "reason"; nothing changed is refused too. */
enum cd_err svc_notice_correct(struct act *c, int64_t id, const char *code,
			       const struct notice_fix *in, struct notice_view *out);

/* svc_notice_get reads one notice (with its 举一反三 list). */
enum cd_err svc_notice_get(struct act *c, int64_t id, const char *code, struct notice_view *out);

/* svc_notice_brief is svc_notice_get by id without the 举一反三 list (row.n.similar empty): what
 * a message about the notice says (notify/rules.c), read without the list's rows. */
enum cd_err svc_notice_brief(struct act *c, int64_t id, struct notice_view *out);

/* svc_notice_page reads up to q->limit notices of the caller's scope (q->scope is set from c),
 * in id order from q->after, whose state at instant `at` is `state` (-1: any) and that were
 * received by `at`. *next is the id to continue after (0 when there are no more). */
enum cd_err svc_notice_page(struct act *c, struct work_query q, int state, cd_time at,
			    struct notice_view **out, size_t *n, int64_t *next);

/* svc_notice_json: the one JSON of a notice at instant `at` (the summary; with `full` also its
 * text, timeline and 举一反三 list) — the API's answers, `notice list|show --json`.
 * svc_notice_write writes it through a writer (core/jw.h); svc_notice_json gives it as a tree
 * with the same bytes. */
void svc_notice_write(struct jw *w, const struct act *c, const struct notice_view *v, cd_time at,
		      bool full);
json_t *svc_notice_json(const struct act *c, const struct notice_view *v, cd_time at, bool full);

/* ---- records -------------------------------------------------------------------------------- */

/* A record as a person gives it: on create every field that is not NULL / none; on update only
 * those set (clear: the `clear` bits name the optional texts to empty). */
struct record_in {
	int kind;                   /* enum record_kind; -1 not given */
	const char *unit;           /* code; NULL not given */
	cd_date on;                 /* CD_DATE_NONE not given */
	const char *duty, *period, *title, *participants, *minutes, *attachment;
	unsigned clear;             /* RECORD_CLEAR_* */
};
#define RECORD_CLEAR_DUTY         1u
#define RECORD_CLEAR_PERIOD       2u
#define RECORD_CLEAR_PARTICIPANTS 4u
#define RECORD_CLEAR_MINUTES      8u
#define RECORD_CLEAR_ATTACHMENT   16u

/* svc_record_add records a meeting, drill, training … (audit "record.create"): the day not in
 * the future ("on"), a unit of the caller's scope ("unit"; without one, the unit that alone holds
 * the duty or kind, else refused), a duty of the profile ("duty"), a period of that duty
 * ("period"), a title ("title"). svc_record_update corrects record id the same way (audit
 * "record.update" with before and after). */
enum cd_err svc_record_add(struct act *c, const struct record_in *in, struct record_row *out);
enum cd_err svc_record_update(struct act *c, int64_t id, const struct record_in *in,
			      struct record_row *out);

/* svc_record_void withdraws a record made in error (audit "record.void", before the record,
 * after the reason and the record): never deleted, it answers no duty from then on and cannot
 * be changed; a reason is required ("reason"); CD_ECONFLICT when withdrawn already. */
enum cd_err svc_record_void(struct act *c, int64_t id, const char *reason,
			    struct record_row *out);

/* svc_record_get / svc_record_page read records of the caller's scope. */
enum cd_err svc_record_get(struct act *c, int64_t id, struct record_row *out);
enum cd_err svc_record_page(struct act *c, struct work_query q, struct record_row **out,
			    size_t *n, int64_t *next);

/* svc_record_answers fills out[i] with the duty record v[i] answered (all NULL: none), through
 * the kept obligations — rebuilt first when stale — of its unit: what `record list` shows beside
 * each record of a page. */
enum cd_err svc_record_answers(struct act *c, const struct record_row *v, size_t n,
			       struct record_answer *out);

/* svc_record_write: the one JSON of a record, through a writer (core/jw.h); svc_record_json:
 * the same as a tree. */
void svc_record_write(struct jw *w, const struct record_row *r);
json_t *svc_record_json(const struct record_row *r);

/* ---- the yearly duties and MLPS deadlines (svc/deadlines.c) ------------------------------ */

/* svc_obligations_ensure rebuilds the kept obligations when they are stale, in a write
 * transaction of its own (what svc_deadline_page does first), so that a caller may then read
 * them page by page with store_obligation_page inside a transaction of its own. */
enum cd_err svc_obligations_ensure(struct act *c);

/* svc_deadline_page reads a page of the obligations of today in the caller's scope (q->scope and
 * q->today are set from c), by due date, through the kept obligations — rebuilt first when
 * stale. *more: there are more after the page. */
enum cd_err svc_deadline_page(struct act *c, struct oblig_query q, struct oblig_row **out,
			      size_t *n, bool *more);

/* svc_deadline_page_on is svc_deadline_page with the day as an argument: the kept obligations
 * (today's) begun by the end of `day`, in state q.state (-1 any) as it stands then — what a view
 * of another day (`due --as-of`) reads. A record, filing or assessment dated after `day` is
 * already counted in what is kept (have, done_on): a state filter reads done_on as it is kept,
 * so such a view filters by oblig_state(o, day) itself. */
enum cd_err svc_deadline_page_on(struct act *c, struct oblig_query q, cd_date day,
				 struct oblig_row **out, size_t *n, bool *more);

/* svc_deadline_year starts q at the first obligation due in `year` (the year view, in due
 * order); svc_deadline_year_end cuts a page v[0..n) read from there at the year's last day and
 * says whether more of the year follow (*more). The list and its export both. */
void svc_deadline_year(struct oblig_query *q, int year);
size_t svc_deadline_year_end(const struct oblig_row *v, size_t n, int year, bool *more);

/* svc_obligations_rebuild generates every obligation of today again and keeps them (inside the
 * caller's write transaction). svc_obligations_unit, after a write of record r (as written, or
 * as it was) of unit `unit`, generates again the obligations of the duties r can answer — the
 * duty it names, else those of its kind, with every other duty of that record kind — held by
 * that unit, from its records that can answer them; when no unit holds one of those duties (an
 * obligation of no unit, which any unit's records fulfil), from every unit's records of them,
 * for every unit they are of and for none: what a rebuild from every record gives. Only when
 * they were fresh as the act began (nothing otherwise: the next read rebuilds). */
enum cd_err svc_obligations_rebuild(struct act *c);
enum cd_err svc_obligations_unit(struct act *c, int64_t unit, const struct record *r);

/* svc_obligations_asset keeps the obligations and gaps of system id after a write of it (its
 * MLPS obligations, the gaps judged on it) and sets c->derived_kept — when they were fresh as the
 * act began (nothing otherwise). */
enum cd_err svc_obligations_asset(struct act *c, int64_t id);

/* After a write of the rest of the register, the same (each sets c->derived_kept when it kept
 * them; nothing when they were stale as the act began):
 * - svc_obligations_unit_write: unit `now` created (was NULL) or changed from `was` — its own
 *   gaps, and a new unit's duties; left stale when the duties it holds change (a kind changed)
 *   or a new unit takes a duty no unit held (svc/deadlines.c says why);
 * - svc_gaps_of: the gaps of one system, of one unit itself (after a write of a duty held for
 *   it) or of one project;
 * - svc_gaps_person: the gaps of every post person holds or held a duty for (their name is in
 *   the text of the overlaps). */
enum cd_err svc_obligations_unit_write(struct act *c, const struct unit *was,
				       const struct unit *now);
enum cd_err svc_gaps_of(struct act *c, enum gap_of which, int64_t id);
enum cd_err svc_gaps_person(struct act *c, int64_t person);

/* svc_oblig_json: the one JSON of an obligation, with its state at the end of `today` and, while
 * it is not done, the working days left to its due date in calendar cal (negative: past it). */
json_t *svc_oblig_json(const struct oblig_row *r, cd_date today, const struct calendar *cal);
/* svc_oblig_write: the same through a writer (core/jw.h) */
void svc_oblig_write(struct jw *w, const struct oblig_row *r, cd_date today,
		     const struct calendar *cal);

/* svc_gap_page reads up to limit responsibility gaps of today in the caller's scope, of rule
 * `rule` (enum check_rule, -1 any), after gap id `after` — kept with the obligations and rebuilt
 * with them when stale. *next is the id to continue after (0 when there are no more). */
enum cd_err svc_gap_page(struct act *c, int rule, int64_t after, size_t limit,
			 struct gap_row **out, size_t *n, int64_t *next);

/* svc_gap_json: the one JSON of a gap (io/finding_json.c: `cyberduty check --json` and eval write
 * it too) with the gap's id. */
json_t *svc_gap_json(const struct gap_row *g);

/* ---- the dashboard (svc/summary.c) --------------------------------------------------------- */

/* svc_summary counts what the caller's scope has to do as of now, as the lists count it: notices
 * by stage and state (and, per month of this year, answered on time, late, not yet), the
 * overdue ones first due; incidents by grade and by class, open or closed, and their report
 * clocks; this year's duties and the MLPS deadlines by state, and the duties due, done and
 * overdue of each unit; the gaps by rule. *out is a new JSON object. */
enum cd_err svc_summary(struct act *c, json_t **out);

/* ---- the kept verdicts (schema 0038, svc/verdicts.c) ---------------------------------------- */

/* svc_notice_verdict computes what notice id's verdict keeps (its stage, due date, feedback) as
 * every read computes it; svc_notice_verdict_keep keeps it (in the caller's transaction). */
enum cd_err svc_notice_verdict(struct act *c, int64_t id, struct notice_verdict *out);
enum cd_err svc_notice_verdict_keep(struct act *c, int64_t id);

/* svc_incident_verdict computes incident id's verdict at `at` with what it holds until (the next
 * instant of its record or deadlines after `at`) — the engine's line of a list — and, when
 * report_state is not NULL, the state of its report at `at`; svc_incident_verdict_keep keeps it
 * as of now. Neither checks the caller's scope (they keep what every scope counts). */
enum cd_err svc_incident_verdict(struct act *c, int64_t id, cd_time at,
				 struct incident_verdict *out, enum due_state *report_state);
enum cd_err svc_incident_verdict_keep(struct act *c, int64_t id);

/* svc_verdicts_keep keeps the verdict of every notice and incident that has none holding now
 * (an old database, a change of the calendar, the structure or a setting, a deadline passed),
 * in the caller's write transaction; *kept says how many. */
enum cd_err svc_verdicts_keep(struct act *c, size_t *kept);

/* svc_verdicts_current: the kept verdicts were computed by this build (*yes; else they are all
 * kept again at the next svc_verdicts_read). */
enum cd_err svc_verdicts_current(struct act *c, bool *yes);

/* svc_verdicts_read begins what reads the kept verdicts: a read transaction when every one is
 * kept, else a write transaction that keeps the missing first (once: the next reads find them).
 * End it with act_read_end. */
enum cd_err svc_verdicts_read(struct act *c, bool *own);

/* ---- incidents ------------------------------------------------------------------------------ */

/* A new incident as a person gives it. */
struct incident_new {
	const char *code, *title;
	cd_time detected_at;
	const char *const *assets; /* codes, the main system first, at least one */
	size_t nassets;
	const char *unit;          /* code; NULL: the unit in charge of the main system */
};

/* svc_incident_add records a new incident with its first events e[0..n) (audit
 * "incident.create"); svc_incident_events appends events e[0..n) to one (audit `action`:
 * "incident.event", "incident.report", "incident.close", "incident.propose",
 * "incident.recommend", "incident.decide" or "accountability.answer"). Each event's values are
 * normalised (book_incident_normalise) and checked in order with incident_apply: a refusal
 * writes nothing (CD_EINVAL; c->field "at" for an event before detection, else NULL — the
 * caller knows which of its inputs it was). Events with at CD_TIME_NONE take now. On CD_OK *out
 * is what svc_incident_get gives at now (in c->a): the incident as stored, its timeline with
 * the new events, folded, with the engine's verdicts — the one analysis its kept verdict was
 * written from. */
struct incident_view;
enum cd_err svc_incident_add(struct act *c, const struct incident_new *in,
			     struct incident_event *e, size_t n, struct incident_view *out);
enum cd_err svc_incident_events(struct act *c, int64_t id, const char *code, const char *action,
				struct incident_event *e, size_t n, struct incident_view *out);

/* svc_incident_case keeps the engine's accountability proposal (IEV_PROPOSE, 问责提议) or the
 * recommendation (IEV_RECOMMEND, 问责建议) of the incident as of `at` (CD_TIME_NONE: now) in its
 * timeline — the text written from its verdicts at that instant (audit "incident.propose" /
 * "incident.recommend"); the event's note is the text. */
enum cd_err svc_incident_case(struct act *c, int64_t id, const char *code,
			      enum incident_event_kind kind, cd_time at, const char *by,
			      struct incident_view *out);

/* svc_incident_action: the audit action of an event of kind k appended by itself (what the
 * API's routes are named after): "incident.report", ".close", ".propose", ".recommend",
 * ".decide", else "incident.event". An answer to a trigger's question is
 * "accountability.answer". */
const char *svc_incident_action(enum incident_event_kind k);

/* svc_incident_normalise checks the class or subclass an IEV_SET event e names against the
 * policy's classes (the core takes any text) and writes times and codes the one way the timeline
 * keeps them (RFC 3339 in CST, English codes), in c->a; c->field "value" on a refusal. An
 * IEV_FACT answer in a person's words (a fact's Chinese label; 是/否/不确定) is kept as the
 * fact's name and true/false/"" (fact_answer). Other events, and values the core will
 * refuse, are left for incident_apply. */
enum cd_err svc_incident_normalise(struct act *c, const struct incident *x,
				   struct incident_event *e);

/* svc_incident_read reads one incident of the caller's scope, folded, into *x. */
enum cd_err svc_incident_read(struct act *c, int64_t id, const char *code, struct incident *x);

/* An incident as reads answer it: folded, with the engine's verdicts at an instant and the
 * environment they were computed in (the register around its systems, the notices and earlier
 * events on them; borrowed from c->a). */
struct incident_view {
	struct incident x;
	struct incident_analysis an;
	struct incident_env env;
	/* the codes and names of x's systems (x.nassets each; svc_incident_page and _lines) */
	const char **asset_code, **asset_name;
	/* what its line shows of the timeline (svc_incident_page and _lines): a line read from its
	 * kept verdict has it from there, its timeline not read (x.events empty, schema 0047) */
	struct incident_line line;
	struct correction *fixes; /* its corrections, oldest first (svc_incident_get) */
	size_t nfixes;
};

/* A correction of an incident's own record: the fields given change (NULL / CD_TIME_NONE: kept;
 * clear_title: the title removed), and why. Its systems and timeline are not corrected here: a
 * wrong event is put right by a later event, a wrong system by a new incident. */
struct incident_fix {
	const char *code, *title, *unit;
	bool clear_title;
	cd_time detected_at;
	const char *reason;
};

/* svc_incident_correct puts a mistake in an incident's record right (audit "incident.correct",
 * before and after the fields changed and the reason), kept as a correction beside its timeline
 * (who, when, why, each field before and after) — as svc_notice_correct does for a notice. The
 * number stays unique; the unit lies in the caller's scope; the time of detection is not in the
 * future and not after any event of the timeline. 422 on reason when none is given, and when
 * nothing differs from what is recorded. */
enum cd_err svc_incident_correct(struct act *c, int64_t id, const char *code,
				 const struct incident_fix *in, struct incident_view *out);

/* svc_correction_keep keeps a correction of `object` ("notice", "incident") id: the fields of
 * `after` with their values in `before` as its changes, the caller's name, now and the reason;
 * then adds the reason to `after` (the audit entry's). svc_fix_text and svc_fix_time put field
 * `name` into before/after when it changed from `was` to `now`. */
enum cd_err svc_correction_keep(struct act *c, const char *object, int64_t id, json_t *before,
				json_t *after, const char *reason);
void svc_fix_text(json_t *before, json_t *after, const char *name, const char *was,
		  const char *now);
void svc_fix_time(json_t *before, json_t *after, const char *name, cd_time was, cd_time now);

/* svc_corrections_json: corrections v[0..n) of a record of the work, each {at, by, reason,
 * changes: {field: [before, after]}}, as the notices and incidents answer them. */
json_t *svc_corrections_json(const struct correction *v, size_t n);

/* svc_incident_env builds what incident_analyse reads for incidents on the systems
 * assets[0..nassets) — the register around them (store_reg_load_around), the calendar, the
 * notices on them folded, the earlier notices and incidents on them for the repeat rule, and
 * `also` (may be NULL) among the incidents — in c->a. Not the whole organisation: the verdicts
 * of an incident read only its own systems, their answering units, the units above them and the
 * people named there. */
enum cd_err svc_incident_env(struct act *c, const int64_t *assets, size_t nassets,
			     const struct incident *also, struct incident_env *env);

/* svc_incident_get reads one incident of the caller's scope with its verdicts at `at`. */
enum cd_err svc_incident_get(struct act *c, int64_t id, const char *code, cd_time at,
			     struct incident_view *out);

/* svc_incident_page reads a page of incidents of the caller's scope with their verdicts at `at`,
 * computed in one environment for the whole page (*env, which the views share). */
enum cd_err svc_incident_page(struct act *c, struct work_query q, cd_time at,
			      struct incident_view **out, size_t *n, int64_t *next,
			      struct incident_env *env);

/* svc_incident_lines is svc_incident_page for the lines of a list: each verdict as
 * incident_analyse_line computes it (no chain, no repeat; env->events empty). At `at` now a
 * line is read from the incident's kept verdict while it holds (schema 0043; those missing are
 * kept first) without its timeline (x.events empty, what the line shows of it in the view's
 * `line`, 0047), and only the others are read whole and go through the engine: *env is then
 * around their systems alone (zero when there are none); the line's systems are in the view's
 * asset_code/name. */
enum cd_err svc_incident_lines(struct act *c, struct work_query q, cd_time at,
			       struct incident_view **out, size_t *n, int64_t *next,
			       struct incident_env *env);

#endif
