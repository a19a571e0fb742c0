/* due.h — what is due (`cyberduty due`): the open notices to rectify and answer, their open
 * 举一反三 checks, and the open yearly duties and MLPS deadlines, in one list soonest first. Read
 * by the record as the API reads them — the notices a page at a time (svc_notice_page), the
 * obligations a page at a time through the kept obligations' due-date index
 * (svc_deadline_page_on) — never the whole organisation; the list is handed out a due date at a
 * time, so what is held at once is one day's items. */
#ifndef CD_DUE_H
#define CD_DUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/jw.h"
#include "svc/work.h"

/* One item of the list. Its texts live until the walk's callback returns. */
struct due_item {
	cd_date due;           /* CD_DATE_NONE: no deadline (such items come last) */
	enum due_state state;  /* at the walk's instant */
	const char *what;      /* "notice", "similar_check", or the obligation's kind code */
	const char *title;     /* in the reader's language */
	const char *subject;   /* the notice's number, the system's code or the duty's period */
	const char *unit_code; /* the unit it is of (NULL: none) */
	const char *unit_name;
	const char *article;   /* the profile's article ("" when none) */
	/* a yearly duty only (duty NULL otherwise): its id, records had and needed, and the ids of
	 * the records that answered it (at most OBLIG_EVIDENCE_MAX) */
	const char *duty;
	int have, need;
	const int64_t *records;
	size_t nrecords;
	size_t seq; /* the order it was read in: notices by id, then obligations in due order */
};

/* What the list holds: what concerns unit's subtree (0: all of the caller's scope) — notices
 * addressed to it or on systems it answers for, obligations of its units — as it stands at
 * instant `at` (notices received by then; a 举一反三 check made after it is still to do) and,
 * for the obligations, at the end of day `day`: those begun by then (the kept obligations are
 * today's: see docs/deadlines.md "due"). Only what is not done, unless `all`. */
struct due_query {
	int64_t unit;
	cd_time at;
	cd_date day;
	bool all;
};

/* svc_due_walk hands the list to emit in order — by due date (none last), then by title, then
 * as read (seq) — one due date at a time: emit(arg, v, n) with the items v[0..n) of one day (an
 * emit that fails stops the walk with its error). *count and *overdue say how many items were
 * handed out and how many of them are overdue. The caller's scope (c->scope) bounds the list.
 * The kept obligations are rebuilt first when stale (a write transaction of their own). */
typedef enum cd_err (*due_emit)(void *arg, const struct due_item *v, size_t n);
enum cd_err svc_due_walk(struct act *c, const struct due_query *q, due_emit emit, void *arg,
			 size_t *count, size_t *overdue);

/* svc_due_write: the one JSON of an item (`due --json`): what, title, subject, state, unit
 * (its code or null), article, due (or null), and for a yearly duty its duty, have, need and
 * records. */
void svc_due_write(struct jw *w, const struct due_item *it);

#endif
