/* store_assess.h — the yearly assessments' part of store.h (schema/sqlite/0022_assessments.sql):
 * the sheets (one per unit, year and version), the templates they are scored by, the values
 * entered or frozen, the cycle's steps, the ranking of a year, and the records behind each
 * computed indicator — every read for one unit and year, or one year of a scope, in SQL. */
#ifndef CD_STORE_ASSESS_H
#define CD_STORE_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/assess.h"
#include "core/date.h"
#include "core/err.h"

struct store;

/* One sheet as kept. */
struct assess_rec {
	int64_t id, unit;
	const char *unit_code, *unit_name; /* read */
	int year, version;
	int64_t template;                  /* assess_template row */
	const char *template_id, *template_source; /* read */
	enum assess_stage stage;
	bool scored;                       /* total and grade hold the score of a step */
	int64_t total;
	const char *grade;
	bool vetoed;
	int64_t supersedes;                /* the approved version it corrects, 0 */
	cd_time opened_at;
	const char *opened_by;
	bool latest;                       /* read: no later version exists */
};

/* One indicator's value on a sheet. kind: "count", "share", "level" or NULL (an exemption
 * alone). proof: the JSON array of the records that prove it (frozen values), or NULL. */
struct assess_value_rec {
	const char *indicator, *kind;
	int64_t n, d;
	const char *exempt_reason, *note, *proof;
	bool computed;
	cd_time at;
	const char *by;
};

/* One step of the cycle. */
struct assess_step_rec {
	int64_t id;
	const char *kind;        /* open, submit, review, approve, return, revise */
	int from, to;            /* enum assess_stage; from -1 for none */
	cd_time at;
	const char *by, *comment;
	bool scored;
	int64_t total;
	const char *grade;
};

/* store_assess_template_put: the id of the template row holding `source` (added when new). */
enum cd_err store_assess_template_put(struct store *s, const char *template_id,
				      const char *source, int64_t *id, struct cd_diag *d);

/* store_assess_add adds sheet r (r->id set); CD_ECONFLICT when (unit, year, version) exists. */
enum cd_err store_assess_add(struct store *s, struct assess_rec *r, struct cd_diag *d);

/* store_assess_get reads sheet id (CD_ENOTFOUND), store_assess_latest the latest version of
 * unit's sheet of year (CD_ENOTFOUND when none), into arena a. */
enum cd_err store_assess_get(struct store *s, int64_t id, struct arena *a, struct assess_rec *out,
			     struct cd_diag *d);
enum cd_err store_assess_latest(struct store *s, int64_t unit, int year, struct arena *a,
				struct assess_rec *out, struct cd_diag *d);

/* store_assess_within: sheet id's unit lies in the subtree of top (0: always). */
enum cd_err store_assess_within(struct store *s, int64_t id, int64_t top, bool *yes,
				struct cd_diag *d);

/* A page of sheets: the latest version of each unit and year, of units in the subtree of scope
 * (0: all) and of unit (0: any), of year (0: any) and stage (-1: any), ids after `after`, at
 * most limit, in id order. */
struct assess_query {
	int64_t scope, unit;
	int year, stage;
	int64_t after;
	size_t limit;
};
enum cd_err store_assess_page(struct store *s, const struct assess_query *q, struct arena *a,
			      struct assess_rec **out, size_t *n, struct cd_diag *d);

/* store_assess_update writes r's stage and score (the sheet must not be approved yet). */
enum cd_err store_assess_update(struct store *s, const struct assess_rec *r, struct cd_diag *d);

/* store_assess_value_put writes one value (replacing the indicator's), store_assess_values
 * reads a sheet's values in indicator order. */
enum cd_err store_assess_value_put(struct store *s, int64_t sheet, const struct assess_value_rec *v,
				   struct cd_diag *d);
enum cd_err store_assess_values(struct store *s, int64_t sheet, struct arena *a,
				struct assess_value_rec **out, size_t *n, struct cd_diag *d);

/* store_assess_step_add appends a step (e->id set), store_assess_steps reads them in order. */
enum cd_err store_assess_step_add(struct store *s, int64_t sheet, struct assess_step_rec *e,
				  struct cd_diag *d);
enum cd_err store_assess_steps(struct store *s, int64_t sheet, struct arena *a,
			       struct assess_step_rec **out, size_t *n, struct cd_diag *d);

/* A row of a year's ranking: the latest sheet of each unit of the subtree of scope, with the
 * same unit's latest sheet of the year before (prev_* when has_prev). */
struct assess_rank_rec {
	struct assess_rec r;
	bool has_prev, prev_scored;
	int64_t prev_id, prev_total;
	const char *prev_grade;
	int prev_stage;
};

/* store_assess_ranking reads the ranking of year in scope: the scored sheets by total (highest
 * first) with the vetoed after them, then the unscored; ties by unit code; at most max rows
 * (CD_ENOMEM beyond). */
enum cd_err store_assess_ranking(struct store *s, int64_t scope, int year, size_t max,
				 struct arena *a, struct assess_rank_rec **out, size_t *n,
				 struct cd_diag *d);

/* The records behind a computed indicator. */
enum assess_source {
	ASRC_RECORDS,       /* records of kind `kind` of the subtree in year: (record) */
	ASRC_UNITS_RECORD,  /* units of the subtree, ok when one has a record of `kind` in year */
	ASRC_UNITS_ROLE,    /* units of the subtree, ok when one has a duty of `kind` (a role; two
			     * roles "a|b": either) in force on `day` */
	ASRC_NOTICES,       /* notices concerning the subtree received in year (ok: unset) */
	ASRC_INCIDENTS,     /* incidents concerning the subtree detected in year (ok: unset) */
	ASRC_MLPS_FILED,    /* live systems of level ≥ 2 in charge of the subtree; ok: filed by day */
	ASRC_MLPS_ASSESSED, /* live systems of level ≥ 3; ok: assessed in year */
	ASRC_GAPS,          /* the kept responsibility gaps of the subtree */
	ASRC_PROJECTS,      /* projects of the subtree of year: a security budget, b total */
	ASRC__MAX
};

struct assess_proof_rec {
	const char *kind;  /* record, unit, notice, incident, asset, gap, project */
	int64_t id;
	const char *code, *label;
	bool ok;
	int64_t a, b;
};

/* What all the rows of a source add up to. */
struct assess_tally {
	size_t rows, ok;
	int64_t a, b;
};

/* store_assess_proofs reads the rows of source src for the subtree of unit in year (day: the
 * day role duties and filings are looked at), in id order: the first max into *out (*n), and
 * all of them counted into *t. */
enum cd_err store_assess_proofs(struct store *s, enum assess_source src, const char *kind,
				int64_t unit, int year, cd_date day, size_t max, struct arena *a,
				struct assess_proof_rec **out, size_t *n, struct assess_tally *t,
				struct cd_diag *d);

#endif
