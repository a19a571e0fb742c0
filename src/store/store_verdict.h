/* store_verdict.h — the verdicts kept beside each notice and incident (schema 0038): what the
 * engine says about them that the dashboard counts, written by the use-case layer with the act
 * that changes them (svc/verdicts.c), deleted by the database's triggers whenever something they
 * were computed from changes otherwise, and counted in SQL with the clock (`now`, `today`) as a
 * parameter — a state that depends on the clock is derived from the kept due date or instant,
 * never kept. */
#ifndef CD_STORE_VERDICT_H
#define CD_STORE_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "core/incident.h"
#include "core/notice.h"

struct store;

/* A notice's verdict: its stage, its due date (CD_DATE_NONE: none) and when its feedback went
 * (CD_TIME_NONE: not yet; steps are never dated ahead of the clock, act_not_future, so a notice
 * with feedback is done). */
struct notice_verdict {
	int64_t notice;
	enum notice_stage stage;
	cd_date due;
	cd_time feedback_at;
};

/* An incident's verdict: the grade (confirmed, else proposed), its class (NULL: none), whether
 * handling ended, the outside report required with its deadline and the first report made
 * (CD_TIME_NONE: none), the triggers that hold and those a person must answer. It holds until
 * valid_until (CD_TIME_NONE: until something it reads changes); a volatile one (an outage still
 * running) holds only at the instant it was computed. For a line of the incidents list (0043):
 * whether the proposed grade rests on a draft threshold, the summary's due date (CD_DATE_NONE:
 * none owed) and the first summary report (CD_TIME_NONE: none); and (0047) whether a person
 * confirmed the grade and the accountability case's stage (enum case_stage, svc/accountability.h),
 * so that such a line reads no timeline. */
struct incident_verdict {
	int64_t incident;
	enum grade grade;
	const char *class_code;
	bool ended, report_required, volatile_, draft, graded;
	int case_stage;
	cd_time report_due, reported_at, valid_until, summary_at;
	cd_date summary_due;
	size_t fired, questions;
};

/* store_verdicts_missing: the ids of the notices without a kept verdict and of the incidents
 * without one that holds at `now` (a volatile one is not missing: it is computed at each count),
 * in arena a. */
enum cd_err store_verdicts_missing(struct store *s, cd_time now, struct arena *a,
				   int64_t **notices, size_t *nn, int64_t **incidents, size_t *ni,
				   struct cd_diag *d);

/* store_incident_verdict_get reads the kept verdict of incident id (*found; class_code is not
 * read): whether it holds at an instant is the caller's (valid_until, volatile_). */
enum cd_err store_incident_verdict_get(struct store *s, int64_t id, struct incident_verdict *out,
				       bool *found, struct cd_diag *d);

/* store_notice_verdict_put and store_incident_verdict_put keep (or replace) a verdict. */
enum cd_err store_notice_verdict_put(struct store *s, const struct notice_verdict *v,
				     struct cd_diag *d);
enum cd_err store_incident_verdict_put(struct store *s, const struct incident_verdict *v,
				       struct cd_diag *d);

#define NOTICE_TALLY_LATE 10 /* overdue notices named, the longest overdue first */

/* The notices of a scope as the dashboard counts them at instant `now` (today its CST date). */
struct notice_tally {
	size_t total, stages[STAGE__MAX], states[DUE__MAX];
	/* this year's by month of receipt: received, answered on time, late, not yet */
	size_t received[12], on_time[12], late[12], open[12];
	struct {
		const char *code, *unit;
		cd_date due;
	} overdue[NOTICE_TALLY_LATE]; /* the earliest due first, then by id */
	size_t noverdue;
	size_t unkept; /* notices of the scope without a verdict (not counted above) */
};

/* store_notice_tally counts the kept verdicts of the notices concerning the subtree of scope
 * (0: all). */
enum cd_err store_notice_tally(struct store *s, int64_t scope, cd_time now, struct arena *a,
			       struct notice_tally *out, struct cd_diag *d);

/* The incidents of a scope as the dashboard counts them at `now`, from the verdicts that hold;
 * class[] by first id. */
struct incident_class_count {
	const char *code; /* "none": not classed yet */
	int64_t first;    /* the least id of the class */
	size_t n;
};

struct incident_tally {
	size_t total, open, grades[GRADE__MAX], required, reports[DUE__MAX], fired, questions;
	struct incident_class_count *classes;
	size_t nclasses, capclasses;
	int64_t *unkept; /* the incidents of the scope whose verdict does not hold at now */
	size_t nunkept;
};

/* store_incident_tally counts the verdicts of the scope's incidents that hold at now, and lists
 * the others (missing, expired, volatile) for the caller to compute. */
enum cd_err store_incident_tally(struct store *s, int64_t scope, cd_time now, struct arena *a,
				 struct incident_tally *out, struct cd_diag *d);

/* store_incident_tally_class: the count of class `code` in t, added (in a) when new; `first`
 * lowers its least id. NULL on ENOMEM. */
struct incident_class_count *store_incident_tally_class(struct incident_tally *t, struct arena *a,
							const char *code, int64_t first);

/* store_notice_state_page reads a page of the notices (as store_notice_page) that are in state
 * `state` (enum due_state) at `today`, by their kept verdicts through the index of their state:
 * the caller checks first that none of them lacks a verdict (store_verdicts_missing). */
struct work_query;
struct notice_row;
enum cd_err store_notice_state_page(struct store *s, const struct work_query *q, int state,
				    cd_date today, struct arena *a, struct notice_row **out,
				    size_t *n, struct cd_diag *d);

#endif
