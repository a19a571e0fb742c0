/* book.h — the deadline book: everything the deadline engine needs from one organisation,
 * loaded at once — register, notices and incidents (folded from their timelines), records, the
 * working-day calendar and the obligations up to a day; and, on demand, what the incident
 * engine reads (grading rules, incident classes, the profile's trigger conditions). Shared by
 * the command line and the server: callers above (cli/, later http/) use it; it uses store/,
 * io/ and core/ below. */
#ifndef CD_BOOK_H
#define CD_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/cond.h"
#include "core/incident.h"
#include "core/notice.h"
#include "core/oblig.h"
#include "core/profile.h"
#include "core/reg.h"
#include "store/store.h"

#define BOOK_YEAR_FROM_KEY "obligations_from" /* meta: first year obligations are kept for */

struct book {
	const struct profile *p; /* borrowed */
	struct reg *reg;
	struct arena *a;
	struct calendar *cal;
	struct notice *notices;  /* sorted by id */
	size_t nnotices;
	struct record *records;
	size_t nrecords;
	struct incident *incidents; /* sorted by id */
	size_t nincidents;
	struct asset_event *events; /* every notice's receipt and every incident's detection per
				     * asset, for the repeat rule */
	size_t nevents;
	int year_from;
	cd_date as_of;
	struct oblig_list obl;   /* obligations up to as_of */

	/* Loaded by book_incident_env, once. */
	bool incident_data;
	struct grade_rules rules;       /* data/incident-grades.json */
	struct incident_classes classes; /* data/incident-classes.json */
	const struct cond **conds;      /* the profile's trigger conditions */
};

/* book_load fills *b from s under profile p with the obligations up to as_of. Free with
 * book_free (also after a failure). */
enum cd_err book_load(struct store *s, const struct profile *p, cd_date as_of, struct book *b,
		      struct cd_diag *d);
void book_free(struct book *b);

/* book_year_from: the first year obligations are kept for (BOOK_YEAR_FROM_KEY; the year of
 * as_of in a database from before it was recorded). */
enum cd_err book_year_from(struct store *s, cd_date as_of, int *out, struct cd_diag *d);

/* book_start records the first year obligations are kept for (the year of `from`), unless one
 * is recorded already. Called when a database is initialised. */
enum cd_err book_start(struct store *s, cd_date from, struct cd_diag *d);

/* book_notice_prepare completes a new notice n (code, authority, received_at, assets and, when
 * given, unit and stated_due set) before it is recorded: the unit defaults to the one in charge
 * of the first system (谁主管谁负责), a stated due date must not precede receipt (CD_EINVAL,
 * "due …"), and the 举一反三 list of similar systems is fixed (in arena a). */
enum cd_err book_notice_prepare(const struct book *b, struct notice *n, struct arena *a,
				struct cd_diag *d);

/* book_notice finds a notice by its number (code), or NULL. */
struct notice *book_notice(const struct book *b, const char *code);

/* book_notice_by_id finds a notice by id, or NULL. */
struct notice *book_notice_by_id(const struct book *b, int64_t id);

/* book_repeat: the earlier notice or incident that makes n a repeat, or NULL. */
const struct asset_event *book_repeat(const struct book *b, const struct notice *n);

/* book_events_of builds the repeat-rule events of notices v[0..n) (one per notice and asset) in
 * arena a. */
enum cd_err book_events_of(const struct notice *v, size_t n, struct arena *a,
			   struct asset_event **out, size_t *nout);

/* book_notice_concerns: notice n concerns the subtree of unit `top` — it was addressed there or
 * one of its assets answers to a unit there under any relation. A zero top concerns all. */
bool book_notice_concerns(const struct book *b, const struct notice *n, int64_t top);

/* book_incident finds an incident by its code, book_incident_by_id by id; NULL when none. */
struct incident *book_incident(const struct book *b, const char *code);
struct incident *book_incident_by_id(const struct book *b, int64_t id);

/* book_incident_env fills *env with everything incident_analyse reads from the book: the
 * profile, the built-in grading rules, the register, calendar, folded notices, the repeat
 * events and the incidents. The first call reads the built-in data files and parses the
 * profile's trigger conditions into the book's arena (also b->classes). *env borrows from b. */
enum cd_err book_incident_env(struct book *b, struct incident_env *env, struct cd_diag *d);

/* book_incident_add records incident x (x->assets set, x->id is set) and its first events
 * e[0..n) in one transaction; book_incident_append appends events to a recorded incident the
 * same way. Every event is checked with incident_apply first, in order: on a refusal
 * (CD_EINVAL, the message prefixed with the incident's code) or any failure nothing is
 * written and x is unchanged; on CD_OK x is folded with the events (not added to x->events). */
enum cd_err book_incident_add(struct store *s, struct book *b, struct incident *x,
			      const struct incident_event *e, size_t n, struct cd_diag *d);
enum cd_err book_incident_append(struct store *s, struct book *b, struct incident *x,
				 const struct incident_event *e, size_t n, struct cd_diag *d);

/* book_incident_write is book_incident_add (add) or book_incident_append inside the caller's
 * transaction (the server writes the audit entry in the same one); on a failure the caller
 * rolls back. */
enum cd_err book_incident_write(struct store *s, struct book *b, struct incident *x, bool add,
				const struct incident_event *e, size_t n, struct cd_diag *d);

/* book_incident_normalise checks the class or subclass an IEV_SET event e names (the core takes
 * any text; the classes must be loaded: book_incident_env) and writes times and codes the one
 * way the timeline keeps them (RFC 3339 in CST, English codes), in b's arena. Other events and
 * values the core will refuse are left for incident_apply to say what is wrong with them. */
enum cd_err book_incident_normalise(const struct book *b, const struct incident *x,
				    struct incident_event *e, struct cd_diag *d);

/* book_in_unit: unit id lies in the subtree of `top` (top itself included). */
bool book_in_unit(const struct reg *reg, int64_t unit, int64_t top);

#endif
