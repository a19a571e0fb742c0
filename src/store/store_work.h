/* store_work.h — the daily work one record or one page at a time: notices, incidents and
 * records with the codes and names their answers show, the repeat rule's events of a few
 * systems, the 举一反三 list of a new notice. What the server reads per request: nothing here
 * reads the whole organisation. Included by store.h. */
#ifndef CD_STORE_WORK_H
#define CD_STORE_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/incident.h"
#include "core/check.h"
#include "core/notice.h"
#include "core/oblig.h"

struct store;

/* store_notice_add inserts a notice with its assets and its 举一反三 list (n->similar; the check
 * marks are not written) and sets n->id. Not itself a transaction. */
enum cd_err store_notice_add(struct store *s, struct notice *n, struct cd_diag *d);

/* store_notice_event_add appends one step to a notice's timeline; the timeline is append-only
 * (the database refuses updates and deletes). Validate with notice_apply first. */
enum cd_err store_notice_event_add(struct store *s, int64_t notice, const struct notice_event *e,
				   struct cd_diag *d);

/* store_notice_check marks a system of the notice's 举一反三 list as checked (asset 0: every one not
 * checked yet), with who and a note (may be NULL); *n is how many it marked. CD_ENOTFOUND when
 * it marked none (not on the list, or checked already). */
enum cd_err store_notice_check(struct store *s, int64_t notice, int64_t asset, cd_time at,
			       const char *by, const char *note, size_t *n, struct cd_diag *d);

/* store_notices_load returns every notice, sorted by id, with its assets, timeline and 举一反三
 * list, all in arena a. The folded fields are not set: call notice_fold. */
enum cd_err store_notices_load(struct store *s, struct arena *a, struct notice **out, size_t *n,
			       struct cd_diag *d);

/* store_record_add inserts a record of a meeting, drill, training … and sets r->id. */
enum cd_err store_record_add(struct store *s, struct record *r, struct cd_diag *d);

/* store_record_update writes r over the record with r->id; CD_ENOTFOUND when there is none. */
enum cd_err store_record_update(struct store *s, const struct record *r, struct cd_diag *d);

/* store_records_load returns every record, sorted by id, in arena a. */
enum cd_err store_records_load(struct store *s, struct arena *a, struct record **out, size_t *n,
			       struct cd_diag *d);

/* store_records_answering returns the records of unit `unit` (0: of every unit) that can answer
 * one of the profile duties duties[0..nduties) — those naming one of them, and, when kind >= 0
 * (enum record_kind: the duties' record kind), those of that kind naming none — in no order, in
 * arena a: what a write keeps those duties' obligations from (svc/deadlines.c) — without their
 * texts (title, participants, minutes, attachment, voided_by and void_reason NULL), which the
 * obligations never read. Through an index of what it reads (schema 0050), never a walk. */
enum cd_err store_records_answering(struct store *s, int64_t unit, int kind,
				    const char *const *duties, size_t nduties, struct arena *a,
				    struct record **out, size_t *n, struct cd_diag *d);

/* store_incident_add inserts an incident (code, title, unit, detected_at) with its assets in
 * the order given (x->assets[0] is the main system) and sets x->id. The record is fixed from
 * then on (the database refuses updates): every change is an event. Not itself a transaction. */
enum cd_err store_incident_add(struct store *s, struct incident *x, struct cd_diag *d);

/* store_incident_event_add appends one event to an incident's timeline; the timeline is
 * append-only (the database refuses updates and deletes). recorded_at is e->recorded_at when
 * set (the demo writes a history), else the database's clock. Validate with incident_apply
 * first. */
enum cd_err store_incident_event_add(struct store *s, int64_t incident,
				     const struct incident_event *e, struct cd_diag *d);

/* store_incidents_load returns every incident, sorted by id, with its assets (in the order
 * recorded) and its timeline (in the order appended), all in arena a. The folded fields are
 * not set: call incident_fold. */
enum cd_err store_incidents_load(struct store *s, struct arena *a, struct incident **out,
				 size_t *n, struct cd_diag *d);

/* NOTICE_SIMILAR_MAX: a new notice keeps at most this many systems of its 举一反三 list — the
 * strongest matches (most reasons), then in register order; struct notice's similar_total keeps
 * how many there were in all (docs/deadlines.md). */
#define NOTICE_SIMILAR_MAX 200

/* A notice as read: n with its assets (in id order), its timeline (in the order recorded) and —
 * from store_notice_get only — its 举一反三 list (most reasons first, then asset id); the folded
 * fields are not set (notice_fold). Beside it the codes and names its answers show. */
struct notice_row {
	struct notice n;
	const char *unit_code, *unit_name;    /* NULL when the notice names no unit */
	const char **asset_code, **asset_name; /* n.nassets each */
	const char **similar_code, **similar_name; /* n.nsimilar each (get only) */
	size_t similar_unchecked; /* systems of the kept list not yet checked (get and page) */
	size_t similar_listed;    /* systems the kept list holds (get and page) */
};

/* store_notice_get reads the notice with this id (or, when id is 0, this code) into arena a.
 * CD_ENOTFOUND when there is none. */
enum cd_err store_notice_get(struct store *s, int64_t id, const char *code, struct arena *a,
			     struct notice_row *out, struct cd_diag *d);

/* store_notice_brief reads notice id (or, when id is 0, code) as store_notice_get does but
 * without its 举一反三 list: what the incident verdicts read of the notices on a system, and what
 * a step of the closed loop reads and answers. */
enum cd_err store_notice_brief(struct store *s, int64_t id, const char *code, struct arena *a,
			       struct notice_row *out, struct cd_diag *d);

/* What a page of notices, incidents or records selects, in id order (a keyset page: the query
 * reads its rows through the primary key and stops at the limit). */
struct work_query {
	int64_t scope; /* only what concerns this unit's subtree (the caller's scope); 0 = all */
	int64_t unit;  /* only what concerns this unit's subtree (a filter); 0 = any */
	int64_t asset; /* notices and incidents only: those naming this system; 0 = any */
	int kind;      /* records only: enum record_kind, -1 = any */
	bool desc;     /* descending ids */
	int64_t after; /* only ids after this one (before it when desc); 0 = from the first */
	size_t limit;
};

/* A notice concerns a subtree when it is addressed to a unit of it or one of its systems answers
 * to a unit of it under any relation (builder, user, manager, operator) — book_notice_concerns
 * in SQL; an incident the same way with its own unit and systems; a record by its unit. */

/* store_notice_page reads up to q->limit notices (assets and timeline; no 举一反三 list) into
 * arena a. */
enum cd_err store_notice_page(struct store *s, const struct work_query *q, struct arena *a,
			      struct notice_row **out, size_t *n, struct cd_diag *d);

/* store_notice_concerns: notice id concerns the subtree of top (see above); false when there is
 * no such notice. */
enum cd_err store_notice_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
				  struct cd_diag *d);

/* An incident as read: x with its assets (in the order recorded, x.assets[0] the main system)
 * and its timeline (in the order appended); not folded (incident_fold). */
struct incident_row {
	struct incident x;
	const char *unit_code;
	const char **asset_code, **asset_name; /* x.nassets each */
};

/* store_incident_get reads the incident with this id (or, when id is 0, this code);
 * CD_ENOTFOUND. store_incident_page reads a page (q->kind is not read); store_incident_heads
 * the same page without the timelines (x.events empty), and store_incident_timeline then reads
 * the timeline of one of its rows (w->x.events, which must be empty). */
enum cd_err store_incident_get(struct store *s, int64_t id, const char *code, struct arena *a,
			       struct incident_row *out, struct cd_diag *d);
enum cd_err store_incident_page(struct store *s, const struct work_query *q, struct arena *a,
				struct incident_row **out, size_t *n, struct cd_diag *d);
enum cd_err store_incident_heads(struct store *s, const struct work_query *q, struct arena *a,
				 struct incident_row **out, size_t *n, struct cd_diag *d);
enum cd_err store_incident_timeline(struct store *s, struct arena *a, struct incident_row *w,
				    struct cd_diag *d);

/* store_incident_concerns: incident id concerns the subtree of top. */
enum cd_err store_incident_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
				    struct cd_diag *d);

/* A record as read, with its unit's code. */
struct record_row {
	struct record r;
	const char *unit_code;
};

/* store_record_get reads record id; CD_ENOTFOUND. store_record_page reads a page (scope and
 * unit by the record's unit; kind when q->kind >= 0). */
enum cd_err store_record_get(struct store *s, int64_t id, struct arena *a, struct record_row *out,
			     struct cd_diag *d);
enum cd_err store_record_page(struct store *s, const struct work_query *q, struct arena *a,
			      struct record_row **out, size_t *n, struct cd_diag *d);

/* store_asset_events returns the repeat rule's events on the systems assets[0..nassets): every
 * notice received and every incident detected on one of them at or after `from` and before
 * `to`, latest first (ties: notices before incidents, then by id, then asset) — what
 * notice_repeat reads — in arena a. */
enum cd_err store_asset_events(struct store *s, const int64_t *assets, size_t nassets,
			       cd_time from, cd_time to, struct arena *a, struct asset_event **out,
			       size_t *n, struct cd_diag *d);

/* store_notices_on returns the ids of the notices concerning one of the systems
 * assets[0..n), ascending, in arena a. */
enum cd_err store_notices_on(struct store *s, const int64_t *assets, size_t n, struct arena *a,
			     int64_t **out, size_t *nout, struct cd_diag *d);

/* store_similar computes the 举一反三 list of a notice of the systems assets[0..nassets): the
 * live (not retired) systems other than these that share a kind or a software with one of them
 * (SIMILAR_KIND, SIMILAR_SOFTWARE; a shared operator unit adds SIMILAR_OPERATOR but alone is no
 * likeness) — as notice_similar does over a loaded register. Up to max of them, most reasons
 * first, then by id, in arena a; *total is how many there are in all. */
enum cd_err store_similar(struct store *s, const int64_t *assets, size_t nassets, size_t max,
			  struct arena *a, struct similar **out, size_t *n, size_t *total,
			  struct cd_diag *d);

/* ---- corrections and withdrawals (schema 0015) ---- */

/* store_notice_update writes the notice's own fields (code, authority, received_at, unit,
 * category, text, attachment, stated_due) over notice n->id; CD_ECONFLICT for a code taken. Its
 * systems, timeline and 举一反三 list are not touched. */
enum cd_err store_notice_update(struct store *s, const struct notice *n, struct cd_diag *d);

/* store_incident_update writes the incident's own record (code, title, unit, detected_at) of
 * x->id — a correction (svc_incident_correct); its systems and timeline stay. CD_ECONFLICT when
 * the code is another incident's, CD_ENOTFOUND when there is no such incident. */
enum cd_err store_incident_update(struct store *s, const struct incident *x, struct cd_diag *d);

/* store_record_void withdraws record id (who, when, why); CD_ENOTFOUND when there is no such
 * record or it was withdrawn already. */
enum cd_err store_record_void(struct store *s, int64_t id, cd_time at, const char *by,
			      const char *reason, struct cd_diag *d);

/* A correction of a record of the work: who, when, why, and each field's value before and
 * after ({"field": [before, after], …}, JSON text). */
struct correction {
	int64_t id;
	cd_time at;
	const char *by, *reason, *changes;
};

/* store_correction_add keeps one correction of `object` ("notice", "incident", "record") id;
 * store_corrections_of reads those of one, oldest first, into arena a. */
enum cd_err store_correction_add(struct store *s, const char *object, int64_t id,
				 const struct correction *c, struct cd_diag *d);
enum cd_err store_corrections_of(struct store *s, const char *object, int64_t id,
				 struct arena *a, struct correction **out, size_t *n,
				 struct cd_diag *d);

/* ---- the yearly duties and MLPS deadlines of today, kept derived (schema 0009) ---- */

/* Which obligations store_obligations_replace replaces: all (with those staged since: see
 * OSET_STAGE); the duties of unit id; none
 * (OSET_ADD: v is added to what is kept); none yet (OSET_STAGE: v is kept aside, part of a
 * rebuild, until the OSET_ALL that ends it writes every staged row in oblig_generate's order —
 * due date, name, unit, system — the order a walk through the due-date index reads them in, so
 * that it reads the table's pages in order; then its own v); the MLPS obligations of system id
 * (OSET_ASSET, after a write of the system: schema 0049). */
enum oblig_set { OSET_ALL, OSET_UNIT, OSET_STAGE, OSET_ADD, OSET_ASSET };

/* store_obligations_replace deletes the obligations of set `which` and inserts v[0..n) (the
 * caller generated them for the same set). An MLPS obligation keeps its system's code and name
 * as they are when it is written (schema 0048): a write of the system replaces its obligations
 * (OSET_ASSET) or leaves them stale, to be rebuilt. Not itself a transaction. */
enum cd_err store_obligations_replace(struct store *s, enum oblig_set which, int64_t id,
				      const struct oblig *v, size_t n, struct cd_diag *d);

/* store_obligations_replace_duties deletes the kept obligations of the profile duties
 * duties[0..nduties) held by the units units[0..nunits) (0: of no unit) and adds v[0..n) (the
 * caller generated them for the same duties and units). Not itself a transaction. */
enum cd_err store_obligations_replace_duties(struct store *s, const int64_t *units,
					     size_t nunits, const char *const *duties,
					     size_t nduties, const struct oblig *v, size_t n,
					     struct cd_diag *d);

/* An obligation as kept: o (o.duty is NULL: duty_id names the profile's duty) with its row id
 * and the codes of its unit and system (NULL when none). */
struct oblig_row {
	int64_t id;
	struct oblig o;
	const char *duty_id;
	const char *unit_code, *asset_code;
	const char *asset_name; /* the MLPS obligations' system's name (NULL for a duty) */
	const char *unit_name;  /* its unit's name (NULL: none) */
};

/* What a page of obligations selects: those begun by `today`, in the scope and unit subtrees
 * (0: any; an obligation of no unit is in no subtree), in `state` (enum due_state at the end of
 * `today`, -1 any), in oblig_generate's order (due date, name, unit, system; then id) from the
 * keyset of the last one read when `after`. */
struct oblig_query {
	int64_t scope, unit;
	int state;
	cd_date today;
	bool desc, after;
	cd_date after_due;
	const char *after_name;
	int64_t after_unit, after_asset, after_id;
	size_t limit;
};

/* store_obligation_page reads up to q->limit obligations into arena a (through the due-date
 * index). */
enum cd_err store_obligation_page(struct store *s, const struct oblig_query *q, struct arena *a,
				  struct oblig_row **out, size_t *n, struct cd_diag *d);

/* The duty a record answered: the first kept obligation of its unit (or of no unit) whose
 * evidence lists it — its duty id, name and period; all NULL when it answers none — with the
 * records it has and needs, its due date and the day it was done (CD_DATE_NONE: not yet). */
struct record_answer {
	const char *duty, *name, *period;
	int have, need;
	cd_date due, done_on;
};
enum cd_err store_record_answer(struct store *s, int64_t record, int64_t unit, struct arena *a,
				struct record_answer *out, struct cd_diag *d);

/* store_obligation_duties0: the ids of the profile duties kept with no unit (arena a). */
enum cd_err store_obligation_duties0(struct store *s, struct arena *a, const char ***out,
				     size_t *n, struct cd_diag *d);

/* store_obligation_counts counts the obligations begun by `today` in the scope subtree (0: all)
 * by kind and state at the end of `today`: out[enum oblig_kind][enum due_state] — from the
 * counts kept for today by unit (schema 0039; *kept true) when there are, else over the
 * obligations themselves (*kept false: store_obligation_counts_keep keeps them, in a write
 * transaction). Every replacement of obligations drops the kept counts. */
enum cd_err store_obligation_counts(struct store *s, int64_t scope, cd_date today,
				    size_t out[OBLIG__MAX][DUE__MAX], bool *kept,
				    struct cd_diag *d);
enum cd_err store_obligation_counts_keep(struct store *s, cd_date today, struct cd_diag *d);

/* The yearly duties of one unit, counted (store_duty_tally). */
struct duty_tally {
	int64_t unit;
	const char *code, *name;
	size_t due;     /* its duties of the periods begun by today */
	size_t done;    /* of them, done (on time or late) */
	size_t overdue; /* not done, past their due date */
};

/* store_duty_tally counts the duties begun by `today` of each unit of the scope subtree (0: all)
 * that holds any, in the order of the units' codes, into arena a (*out[0..*n)). */
enum cd_err store_duty_tally(struct store *s, int64_t scope, cd_date today, struct arena *a,
			     struct duty_tally **out, size_t *n, struct cd_diag *d);

/* ---- the responsibility gaps of today, kept derived with the obligations (schema 0012) ---- */

/* A gap as kept: the finding (its borrowed texts in the reader's arena), the unit it is judged
 * in, its one-line description, and the codes of its unit and system (NULL when none). */
struct gap_row {
	int64_t id;
	struct finding f;
	int64_t judged_in;
	const char *message;
	const char *unit_code, *asset_code;
	const char *asset_name; /* its system's name (NULL when none) */
	const char *unit_name;  /* its unit's name (NULL when none) */
};

/* store_gaps_clear deletes every kept gap; store_gap_add keeps one (g->id is set). Neither is
 * itself a transaction. */
enum cd_err store_gaps_clear(struct store *s, struct cd_diag *d);
enum cd_err store_gap_add(struct store *s, struct gap_row *g, struct cd_diag *d);

/* The gaps store_gaps_clear_of deletes: those of system id (asset_id: its MLPS and answering
 * gaps, two holders of a role held for it), those of unit id itself (judged in it, of no system
 * and no project: a role missing, two holders of one of its roles), those of project id. */
enum gap_of { GAP_OF_ASSET, GAP_OF_UNIT, GAP_OF_PROJECT };
enum cd_err store_gaps_clear_of(struct store *s, enum gap_of which, int64_t id,
				struct cd_diag *d);

/* store_gap_page reads up to limit gaps judged in the scope subtree (0: all), of rule `rule`
 * (enum check_rule, -1 any), in the order they were kept, after id `after` (0: from the first).
 * A gap an act's store_gaps_clear_of deleted and its store_gap_add finds again (the same rule,
 * subject, unit, system, project and role) takes its id back, so its place in that order:
 * editing a system does not move its gaps to the end of the list.
 * store_gap_counts counts those of the scope by rule. */
enum cd_err store_gap_page(struct store *s, int64_t scope, int rule, int64_t after, size_t limit,
			   struct arena *a, struct gap_row **out, size_t *n, struct cd_diag *d);
enum cd_err store_gap_counts(struct store *s, int64_t scope, size_t out[CHECK__MAX],
			     struct cd_diag *d);

#endif
