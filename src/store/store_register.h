/* store_register.h — the register in the store: units, persons, assets, duties and projects,
 * added, loaded whole, read one record or one keyset page at a time, updated. Via store.h. */
#ifndef CD_STORE_REGISTER_H
#define CD_STORE_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/reg.h"

struct store;

/* store_*_add inserts the record and sets its id. Strings are copied. References (parent,
 * unit, person, asset) are ids that must exist (CD_ENOTFOUND otherwise); a duplicate code is
 * CD_ECONFLICT. */
enum cd_err store_unit_add(struct store *s, struct unit *u, struct cd_diag *d);
enum cd_err store_person_add(struct store *s, struct person *p, struct cd_diag *d);
enum cd_err store_asset_add(struct store *s, struct asset *a, struct cd_diag *d);
enum cd_err store_duty_add(struct store *s, struct duty *du, struct cd_diag *d);

/* store_reg_load reads the whole register into a new snapshot (caller frees with reg_free),
 * every array sorted by id. */
enum cd_err store_reg_load(struct store *s, struct reg **out, struct cd_diag *d);

/* store_reg_load_around reads the register around the systems assets[0..n): every unit, person
 * and project and the duties held for units — what a chain of responsibility and a gap check of
 * units read, bounded by the organisation's size — and of the systems only those, with the
 * duties held for them. What an incident's verdicts need without the whole register. */
enum cd_err store_reg_load_around(struct store *s, const int64_t *assets, size_t n,
				  struct reg **out, struct cd_diag *d);

/* store_project_add: an IT project (loaded with the register, reg->projects). */
enum cd_err store_project_add(struct store *s, struct project *p, struct cd_diag *d);

/* --- the register one record at a time (what the server reads per request) ------------------- */

/* store_unit_within: unit lies in the subtree of top (top itself included). */
enum cd_err store_unit_within(struct store *s, int64_t unit, int64_t top, bool *yes,
			      struct cd_diag *d);

/* store_unit_top: unit is the organisation's top — a root that is not an external authority —
 * whose subtree is the whole organisation. */
enum cd_err store_unit_top(struct store *s, int64_t unit, bool *yes, struct cd_diag *d);

/* store_id_of finds the id of the unit, person or asset with this code; CD_ENOTFOUND. */
enum store_kind { SK_UNIT, SK_PERSON, SK_ASSET };
enum cd_err store_id_of(struct store *s, enum store_kind k, const char *code, int64_t *id,
			struct cd_diag *d);

/* An asset with the codes of its answering units (NULL where none). */
struct asset_row {
	struct asset a;
	const char *unit_code[REL__MAX];
};

/* store_asset_get reads one asset into arena a; CD_ENOTFOUND. */
enum cd_err store_asset_get(struct store *s, int64_t id, struct arena *a, struct asset_row *out,
			    struct cd_diag *d);

/* store_asset_update writes every field of a over the asset a->id; CD_ENOTFOUND, CD_ECONFLICT
 * (code taken), CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_asset_update(struct store *s, const struct asset *a, struct cd_diag *d);

/* A page of assets: the filters (-1 / 0 / NULL = any), the sort and the keyset position. */
enum asset_sort { ASORT_ID, ASORT_CODE, ASORT_NAME, ASORT_LEVEL, ASORT__MAX };
struct asset_query {
	int kind, status, mlps_level, cii; /* -1 = any */
	int filed;            /* 0 = any, 1 = filed (备案: a filing date), 2 = not filed */
	int assess;           /* 0 = any, else the last assessment's result + 1 (enum assess_result) */
	int64_t scope;        /* answering to a unit of this subtree (the caller's scope); 0 = any */
	int64_t unit;         /* answering to a unit of this subtree (a filter); 0 = any */
	const char *text;     /* code or name contains it; NULL = any */
	enum asset_sort sort;
	bool desc;
	bool after;           /* start after the row with this sort value and id */
	const char *after_key;
	int64_t after_id;
	size_t limit;
};

/* store_asset_page reads up to q->limit assets into arena a. */
enum cd_err store_asset_page(struct store *s, const struct asset_query *q, struct arena *a,
			     struct asset_row **out, size_t *n, struct cd_diag *d);

/* The other records of the register one at a time: a unit, person, duty or project with the
 * codes of what it refers to (answers name references by code) and the unit whose subtree it
 * belongs to (what a caller's scope is judged by). */
enum store_rec { SR_UNIT, SR_PERSON, SR_DUTY, SR_PROJECT, SR__MAX };
struct rec_row {
	union {
		struct unit unit;
		struct person person;
		struct duty duty;
		struct project project;
	} r;                     /* the member the store_rec names */
	const char *unit_code;   /* a unit's parent's; a person's, project's or duty's unit's */
	const char *person_code; /* a duty's holder's */
	const char *asset_code;  /* a duty's system's (NULL for a duty held for a unit) */
	int64_t scope;           /* a unit itself; the unit of a person or project; a duty's
				  * unit, else its system's manager, else its operator unit */
};

/* store_rec_get reads record id of kind k (strings in arena a); CD_ENOTFOUND. */
enum cd_err store_rec_get(struct store *s, enum store_rec k, int64_t id, struct arena *a,
			  struct rec_row *out, struct cd_diag *d);

/* A page of one kind of record in id order (a keyset page: the query reads only its rows). */
struct rec_query {
	int64_t scope; /* only records whose scope unit lies in this subtree; 0 = all */
	bool desc;     /* descending ids */
	int64_t after; /* only ids after this one (before it when desc); 0 = from the first */
	size_t limit;
};

/* store_rec_page reads up to q->limit records of kind k into arena a. */
enum cd_err store_rec_page(struct store *s, enum store_rec k, const struct rec_query *q,
			   struct arena *a, struct rec_row **out, size_t *n, struct cd_diag *d);

/* store_*_update writes every field of the record over the one with its id — a unit's code
 * and parent too: the caller decides what may change and keeps the tree free of cycles.
 * CD_ENOTFOUND when there is no such record or a reference does not exist, CD_ECONFLICT for a
 * code taken, CD_EINVAL for what the database's checks refuse (a duty ending before it
 * starts, a security budget over the total). */
enum cd_err store_unit_update(struct store *s, const struct unit *u, struct cd_diag *d);
enum cd_err store_person_update(struct store *s, const struct person *p, struct cd_diag *d);
enum cd_err store_duty_update(struct store *s, const struct duty *du, struct cd_diag *d);
enum cd_err store_project_update(struct store *s, const struct project *p, struct cd_diag *d);

/* A term held for a unit, with its holder's name (the responsibility matrix). */
struct duty_held {
	struct rec_row w; /* the duty, as store_rec_get reads it */
	const char *person_name;
};

/* store_duties_held reads every term ever held for unit (of role, an enum role, when >= 0;
 * -1: every role) into arena a, by role, then first day. */
enum cd_err store_duties_held(struct store *s, int64_t unit, int role, struct arena *a,
			      struct duty_held **out, size_t *n, struct cd_diag *d);

/* What a person holds or held a duty for: each unit (asset 0) and each system (unit 0) once. */
struct post {
	int64_t unit, asset;
};

/* store_person_posts reads person's posts into arena a (by unit, then system). */
enum cd_err store_person_posts(struct store *s, int64_t person, struct arena *a,
			       struct post **out, size_t *n, struct cd_diag *d);

#endif
