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
	bool org_reporter_set;          /* the organisation's reporter type (book_load) */
	enum reporter org_reporter;
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

/* book_incident_env fills *env with everything incident_analyse reads from the book: the
 * profile, the built-in grading rules, the register, calendar, folded notices, the repeat
 * events and the incidents. The first call reads the built-in data files and parses the
 * profile's trigger conditions into the book's arena (also b->classes). *env borrows from b. */
enum cd_err book_incident_env(struct book *b, struct incident_env *env, struct cd_diag *d);


#endif
