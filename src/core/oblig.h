/* oblig.h — yearly duties as dated obligations (工作任务). From the profile's recurring duties
 * and the register's graded systems, generate every obligation of the periods from a first
 * year up to a day, and match the records (meeting minutes, drill and training reports …)
 * that fulfil them. A record fulfils the period its date falls in: a drill held in June 2026 is
 * the 2026 drill, and a missed 2025 drill stays missed. A late make-up for a past period is a
 * choice the record states (its `period`), and then that period is done late. Pure. */
#ifndef CD_OBLIG_H
#define CD_OBLIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "notice.h"
#include "profile.h"
#include "reg.h"

/* A record of something done: the evidence an obligation asks for. */
struct record {
	int64_t id;
	enum record_kind kind;
	int64_t unit;        /* the unit that did it */
	cd_date on;          /* the day it took place */
	const char *duty;    /* the profile duty it answers, or NULL (then matched by kind) */
	const char *period;  /* the period it answers ("2026", "2026-H1", "2026-Q3", "2026-05"),
			      * or NULL (the earliest unfulfilled one) */
	const char *title, *participants, *minutes, *attachment;
	bool voided;         /* withdrawn as made in error: it answers no duty */
	cd_time voided_at;   /* when, by whom and why (when voided) */
	const char *voided_by, *void_reason;
};

enum oblig_kind {
	OBLIG_DUTY,         /* a recurring duty of the profile */
	OBLIG_MLPS_FILING,  /* 等保备案 within filing_days of grading */
	OBLIG_MLPS_ASSESS,  /* 等级测评, level 3 / 4 */
	OBLIG__MAX
};

#define OBLIG_EVIDENCE_MAX 8 /* record ids kept per obligation (the count goes on) */

struct oblig {
	enum oblig_kind kind;
	const struct profile_duty *duty; /* OBLIG_DUTY, borrowed from the profile */
	const char *name, *article;      /* borrowed from the profile */
	int64_t unit;                    /* holder unit, 0 = the register has none of that kind */
	int64_t asset;                   /* the MLPS obligations' system */
	char period[12];                 /* "2026", "2026-H1", "2026-Q3", "2026-05"; "" for MLPS */
	cd_date start, due;              /* the period; due ends at 24:00 */
	int need, have;
	cd_date done_on;                 /* the day it was fulfilled, or CD_DATE_NONE */
	int64_t evidence[OBLIG_EVIDENCE_MAX];
	size_t nevidence;
};

struct oblig_list {
	struct oblig *v;
	size_t n, cap;
};

/* oblig_generate appends to *out (zero-initialise it) the obligations of every period that has
 * begun by as_of, from the first period of year_from (or of the year the profile came into
 * force, whichever is later), with the records rec[0..nrec) matched to them; then the MLPS
 * filing and next-assessment obligation of each graded live system. Sorted by due date, then
 * name, unit. Records that answer no obligation are ignored. CD_ENOMEM is the only failure.
 * Free with oblig_list_free. */
enum cd_err oblig_generate(const struct profile *p, const struct reg *reg,
			   const struct record *rec, size_t nrec, int year_from, cd_date as_of,
			   struct oblig_list *out);

/* oblig_generate_part is oblig_generate over part of the register (reg holds some units, rec
 * their records): a duty none of reg's units holds is an obligation of no unit only when it is
 * one of none[0..nnone) — those no unit of the whole register holds; another unit holds the
 * rest, and an obligation of no unit made up for them would take records that answer their own
 * unit's duty. */
enum cd_err oblig_generate_part(const struct profile *p, const struct reg *reg,
				const struct record *rec, size_t nrec, int year_from,
				cd_date as_of, const char *const *none, size_t nnone,
				struct oblig_list *out);
void oblig_list_free(struct oblig_list *l);

/* oblig_holds: unit u holds duty du (its kind is the duty's holder, or it is the root for a
 * duty of the organisation, or a department or centre for a duty of every unit). */
bool oblig_holds(const struct profile_duty *du, const struct unit *u);

/* oblig_state: where o stands at the end of day as_of (CST). */
enum due_state oblig_state(const struct oblig *o, cd_date as_of);

/* oblig_missed: o is a yearly duty (OBLIG_DUTY) whose period ended before the end of day as_of
 * without the records it needs. It stays missed: a later record answers its own period (a drill
 * held in June 2026 is the 2026 drill, not the missed 2025 one; issue 12 item 9), unless the
 * record states this period — then the duty is done late and no longer missed. The MLPS
 * obligations are not duties: their gaps are check's (mlps.unfiled, mlps.unassessed). */
bool oblig_missed(const struct oblig *o, cd_date as_of);

/* oblig_period_check: s names a period of kind `every` ("2026" for a year, "2026-H2",
 * "2026-Q1", "2026-03"). */
bool oblig_period_check(const char *s, enum period every);

const char *oblig_kind_code(enum oblig_kind k);
int oblig_kind_parse(const char *s); /* -1 when unknown */
const char *oblig_kind_label(enum oblig_kind k);

#endif
