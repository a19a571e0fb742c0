/* assemble.c — the aggregates the store hands out, built from a backend's row operations
 * (store_ops.rows): the register whole or around a few systems; notices and incidents with their
 * systems, timelines and 举一反三 lists, one, a page or all; the record lists. What links a child
 * to its parent, keeps the order and places the records in an arena is written here once, for
 * every backend; a backend only reads and decodes rows (and the heads of a page or a record). */
#include "store_int.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* --- the register --------------------------------------------------------------------------- */

/* A register being filled: each row of one kind appended to r. */
struct reg_fill {
	struct reg *r;
	enum store_rows kind;
};

static bool reg_put(void *ctx, const void *row)
{
	struct reg_fill *f = ctx;
	void *to;
	size_t size;

	switch (f->kind) {
	case ROWS_UNITS:
		to = reg_add_unit(f->r);
		size = sizeof(struct unit);
		break;
	case ROWS_PEOPLE:
		to = reg_add_person(f->r);
		size = sizeof(struct person);
		break;
	case ROWS_ASSETS:
	case ROWS_ASSETS_OF:
		to = reg_add_asset(f->r);
		size = sizeof(struct asset);
		break;
	case ROWS_PROJECTS:
		to = reg_add_project(f->r);
		size = sizeof(struct project);
		break;
	default: /* the duties */
		to = reg_add_duty(f->r);
		size = sizeof(struct duty);
		break;
	}
	if (!to)
		return false;
	memcpy(to, row, size);
	return true;
}

/* reg_read appends to r the rows of each kind of k[0..n) (ids[0..nids) the selection of those
 * that take one), text in r's arena. */
static enum cd_err reg_read(struct store *s, struct reg *r, const enum store_rows *k, size_t n,
                            const int64_t *ids, size_t nids, struct cd_diag *d)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++) {
		struct reg_fill f = {r, k[i]};

		rc = s->ops->rows(s, k[i], ids, nids, r->arena, reg_put, &f, d);
	}
	return rc;
}

enum cd_err store_reg_load(struct store *s, struct reg **out, struct cd_diag *d)
{
	static const enum store_rows all[] = {ROWS_UNITS, ROWS_PEOPLE, ROWS_ASSETS, ROWS_DUTIES,
	                                      ROWS_PROJECTS};
	struct reg *r = reg_new();
	size_t n = 0;
	enum cd_err rc;

	*out = NULL;
	if (!r)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	/* the systems' array allocated once (at a million, doubling to it touched twice its 170 MB);
	 * without the room, it grows as it goes */
	rc = s->ops->rows_bound ? s->ops->rows_bound(s, ROWS_ASSETS, &n, d) : CD_OK;
	if (!rc && n)
		reg_reserve_assets(r, n);
	if (rc || (rc = reg_read(s, r, all, sizeof all / sizeof *all, NULL, 0, d))) {
		reg_free(r);
		return rc;
	}
	*out = r;
	return CD_OK;
}

/* The register's structure a read around a few systems starts from — every unit, person and
 * project and the duties held for units — kept by the store handle (a connection) under the
 * generation of the structure it was read at, and shared by the registers built from it, each
 * holding a reference until it is freed: a page of incidents reads only its own systems and
 * their duties, not the organisation's structure again. */
struct reg_base {
	struct reg *r;
	int64_t gen;
	atomic_int refs;
};

static void base_put(void *p)
{
	struct reg_base *b = p;

	if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
		reg_free(b->r);
		free(b);
	}
}

void assemble_close(struct store *s)
{
	base_put(s->kept);
	s->kept = NULL;
}

/* base_now: the structure as of its generation now — the one kept when the generation has not
 * moved, else read again (and kept in its place). */
static enum cd_err base_now(struct store *s, struct reg_base **out, struct cd_diag *d)
{
	static const enum store_rows structure[] = {ROWS_UNITS, ROWS_PEOPLE, ROWS_UNIT_DUTIES,
	                                            ROWS_PROJECTS};
	struct reg_base *b;
	int64_t gen = 0;
	enum cd_err rc = s->ops->structure_gen(s, &gen, d);

	if (rc)
		return rc;
	if (s->kept && s->kept->gen == gen) {
		*out = s->kept;
		return CD_OK;
	}
	if (!(b = calloc(1, sizeof *b)) || !(b->r = reg_new())) {
		free(b);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	b->gen = gen;
	atomic_init(&b->refs, 1);
	rc = reg_read(s, b->r, structure, sizeof structure / sizeof *structure, NULL, 0, d);
	if (rc) {
		base_put(b);
		return rc;
	}
	base_put(s->kept);
	s->kept = *out = b;
	return CD_OK;
}

/* The duties of a read around systems: the base's (held for units) and the systems' own, merged
 * in id order into r as they come — a read of all the duties gives them in that order. */
struct duty_merge {
	struct reg *r;
	const struct duty *base;
	size_t nbase, next;
};

static bool duty_take(struct duty_merge *m, const struct duty *du)
{
	struct duty *to = reg_add_duty(m->r);

	if (to)
		*to = *du;
	return to != NULL;
}

static bool duty_merge(void *ctx, const void *row)
{
	struct duty_merge *m = ctx;
	const struct duty *du = row;

	while (m->next < m->nbase && m->base[m->next].id < du->id)
		if (!duty_take(m, &m->base[m->next++]))
			return false;
	return duty_take(m, du);
}

enum cd_err store_reg_load_around(struct store *s, const int64_t *assets, size_t n,
                                  struct reg **out, struct cd_diag *d)
{
	static const int64_t none = 0;
	struct reg_base *b = NULL;
	struct reg *r = NULL;
	struct reg_fill f;
	struct duty_merge m;
	enum cd_err rc = base_now(s, &b, d);

	*out = NULL;
	if (!n) { /* no systems: a selection of none */
		assets = &none;
		n = 1;
	}
	if (!rc && !(r = reg_new()))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc) { /* r holds a reference, given back when it is freed */
		atomic_fetch_add(&b->refs, 1);
		if (arena_defer(r->arena, base_put, b)) {
			base_put(b);
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		}
	}
	if (!rc) {
		/* the shared arrays, with no room to grow: an add copies them into r's arena */
		r->units = b->r->units;
		r->nunits = r->capunits = b->r->nunits;
		r->people = b->r->people;
		r->npeople = r->cappeople = b->r->npeople;
		r->projects = b->r->projects;
		r->nprojects = r->capprojects = b->r->nprojects;
		f = (struct reg_fill){r, ROWS_ASSETS_OF};
		rc = s->ops->rows(s, ROWS_ASSETS_OF, assets, n, r->arena, reg_put, &f, d);
	}
	if (!rc) {
		m = (struct duty_merge){r, b->r->duties, b->r->nduties, 0};
		rc = s->ops->rows(s, ROWS_DUTIES_OF_ASSETS, assets, n, r->arena, duty_merge, &m, d);
		while (!rc && m.next < m.nbase)
			if (!duty_take(&m, &m.base[m.next++]))
				rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	if (rc) {
		reg_free(r);
		return rc;
	}
	*out = r;
	return CD_OK;
}

/* --- the daily work: notices, incidents, records ------------------------------------------ */

/* A list being filled: each row (a record of `size` bytes) appended to *v in arena a. */
struct list_fill {
	struct arena *a;
	void *v; /* a pointer to the array's pointer */
	size_t *n, cap, size;
};

static bool list_put(void *ctx, const void *row)
{
	struct list_fill *f = ctx;
	void *to = arena_grow(f->a, f->v, f->n, &f->cap, f->size);

	if (to)
		memcpy(to, row, f->size);
	return to != NULL;
}

/* list_read sets *v to the rows of `which` (ids[0..nids) its selection), records of `size`
 * bytes, in arena a. */
static enum cd_err list_read(struct store *s, enum store_rows which, const int64_t *ids,
			     size_t nids, struct arena *a, void *v, size_t *n, size_t size,
			     struct cd_diag *d)
{
	struct list_fill f = {a, v, n, 0, size};

	*(void **)v = NULL;
	*n = 0;
	return s->ops->rows(s, which, ids, nids, a, list_put, &f, d);
}

/* find_id: the record with this id in v[0..n), records of `size` bytes that start with their
 * int64_t id (struct notice, struct incident), sorted by id; NULL when absent. */
static void *find_id(void *v, size_t n, size_t size, int64_t id)
{
	const char *at = reg_by_id(v, n, size, id);

	return at ? (char *)v + (at - (const char *)v) : NULL;
}

_Static_assert(offsetof(struct notice, id) == 0, "find_id reads the id first");
_Static_assert(offsetof(struct incident, id) == 0, "find_id reads the id first");

/* name_pair sets element i of the arrays *code and *name — grown together in arena a, *cap
 * their common capacity — to the system's code and name of part p; false when out of memory. */
static bool name_pair(struct arena *a, const char ***code, const char ***name, size_t i,
		      size_t *cap, const struct store_part *p)
{
	size_t nc = i, nn = i, cap2 = *cap;
	const char **c = arena_grow(a, code, &nc, cap, sizeof(*c));
	const char **m = c ? arena_grow(a, name, &nn, &cap2, sizeof(*m)) : NULL;

	if (!m)
		return false;
	*c = p->code;
	*m = p->name;
	return true;
}

/* The caps of the arrays each notice or incident grows in the arena, kept beside them. */
struct part_caps {
	size_t assets, events, similar, asset_names, similar_names;
};

/* Notices (or incidents) being given their parts: each part row appended to the one of v[0..n)
 * (sorted by id) it belongs to; with w — one notice: n is 1 and v is &w->n — the code and name
 * of each system as well. */
struct parts_fill {
	struct arena *a;
	enum store_rows kind;
	void *v;
	size_t n;
	struct part_caps *caps;
	void *w; /* the struct notice_row or struct incident_row of the one, or NULL */
};

static bool notice_part(void *ctx, const void *row)
{
	struct parts_fill *f = ctx;
	const struct store_part *p = row;
	struct notice *x = find_id(f->v, f->n, sizeof(*x), p->owner);
	struct notice_row *w = f->w;
	struct part_caps *c;
	size_t i;

	if (!x)
		return true;
	c = &f->caps[x - (struct notice *)f->v];
	if (f->kind == ROWS_NOTICE_ASSETS || f->kind == ROWS_NOTICE_ASSETS_OF) {
		int64_t *id;

		i = x->nassets;
		if (!(id = arena_grow(f->a, &x->assets, &x->nassets, &c->assets, sizeof(*id))))
			return false;
		*id = p->asset;
		return !w || name_pair(f->a, &w->asset_code, &w->asset_name, i, &c->asset_names, p);
	}
	if (f->kind == ROWS_NOTICE_EVENTS || f->kind == ROWS_NOTICE_EVENTS_OF) {
		struct notice_event *e =
			arena_grow(f->a, &x->events, &x->nevents, &c->events, sizeof(*e));

		if (e)
			*e = p->u.nev;
		return e != NULL;
	}
	struct notice_check *ck;

	i = x->nsimilar;
	if (!(ck = arena_grow(f->a, &x->similar, &x->nsimilar, &c->similar, sizeof(*ck))))
		return false;
	*ck = p->u.check;
	return !w || name_pair(f->a, &w->similar_code, &w->similar_name, i, &c->similar_names, p);
}

static bool incident_part(void *ctx, const void *row)
{
	struct parts_fill *f = ctx;
	const struct store_part *p = row;
	struct incident *x = find_id(f->v, f->n, sizeof(*x), p->owner);
	struct incident_row *w = f->w;
	struct part_caps *c;
	size_t i;

	if (!x)
		return true;
	c = &f->caps[x - (struct incident *)f->v];
	if (f->kind == ROWS_INCIDENT_ASSETS || f->kind == ROWS_INCIDENT_ASSETS_OF) {
		int64_t *id;

		i = x->nassets;
		if (!(id = arena_grow(f->a, &x->assets, &x->nassets, &c->assets, sizeof(*id))))
			return false;
		*id = p->asset;
		return !w || name_pair(f->a, &w->asset_code, &w->asset_name, i, &c->asset_names, p);
	}
	struct incident_event *e = arena_grow(f->a, &x->events, &x->nevents, &c->events, sizeof(*e));

	if (e)
		*e = p->u.iev;
	return e != NULL;
}

/* parts_read gives the heads v[0..n) (sorted by id) the rows of each part of k[0..nk), read by
 * `selection` (its ids, nids of them: the one of w) or whole, through put. */
static enum cd_err parts_read(struct store *s, struct arena *a, const enum store_rows *k,
			      size_t nk, const int64_t *selection, size_t nids, store_row_fn *put,
			      void *v, size_t n, void *w, struct cd_diag *d)
{
	struct part_caps one = {0}, *caps = &one;
	enum cd_err rc = CD_OK;

	if (!n)
		return CD_OK;
	if (n > 1 && !(caps = calloc(n, sizeof(*caps))))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < nk; i++) {
		struct parts_fill f = {a, k[i], v, n, caps, w};

		rc = s->ops->rows(s, k[i], selection, nids, a, put, &f, d);
	}
	if (caps != &one)
		free(caps);
	return rc;
}

enum cd_err store_notices_load(struct store *s, struct arena *a, struct notice **out, size_t *n,
			       struct cd_diag *d)
{
	static const enum store_rows parts[] = {ROWS_NOTICE_ASSETS, ROWS_NOTICE_EVENTS,
						ROWS_NOTICE_SIMILAR};
	enum cd_err rc = list_read(s, ROWS_NOTICES, NULL, 0, a, out, n, sizeof(**out), d);

	if (!rc)
		rc = parts_read(s, a, parts, 3, NULL, 0, notice_part, *out, *n, NULL, d);
	return rc;
}

enum cd_err store_incidents_load(struct store *s, struct arena *a, struct incident **out,
				 size_t *n, struct cd_diag *d)
{
	static const enum store_rows parts[] = {ROWS_INCIDENT_ASSETS, ROWS_INCIDENT_EVENTS};
	enum cd_err rc = list_read(s, ROWS_INCIDENTS, NULL, 0, a, out, n, sizeof(**out), d);

	if (!rc)
		rc = parts_read(s, a, parts, 2, NULL, 0, incident_part, *out, *n, NULL, d);
	return rc;
}

/* notice_parts reads the systems and the timeline of notice w — and, with similar, its 举一反三
 * list — with the systems' codes and names. */
static enum cd_err notice_parts(struct store *s, struct arena *a, struct notice_row *w,
				bool similar, struct cd_diag *d)
{
	static const enum store_rows parts[] = {ROWS_NOTICE_ASSETS_OF, ROWS_NOTICE_EVENTS_OF,
						ROWS_NOTICE_SIMILAR_OF};

	return parts_read(s, a, parts, similar ? 3 : 2, &w->n.id, 1, notice_part, &w->n, 1, w, d);
}

/* incident_parts reads the systems (in the order recorded, with their codes and names) and, with
 * events, the timeline of incident w. */
static enum cd_err incident_parts(struct store *s, struct arena *a, struct incident_row *w,
				  bool events, struct cd_diag *d)
{
	static const enum store_rows parts[] = {ROWS_INCIDENT_ASSETS_OF, ROWS_INCIDENT_EVENTS_OF};

	return parts_read(s, a, parts, events ? 2 : 1, &w->x.id, 1, incident_part, &w->x, 1, w, d);
}

enum cd_err store_incident_timeline(struct store *s, struct arena *a, struct incident_row *w,
				    struct cd_diag *d)
{
	static const enum store_rows events[] = {ROWS_INCIDENT_EVENTS_OF};

	return parts_read(s, a, events, 1, &w->x.id, 1, incident_part, &w->x, 1, w, d);
}

enum cd_err store_notice_get(struct store *s, int64_t id, const char *code, struct arena *a,
			     struct notice_row *out, struct cd_diag *d)
{
	enum cd_err rc = s->ops->notice_head(s, id, code, a, out, d);

	return rc ? rc : notice_parts(s, a, out, true, d);
}

enum cd_err store_notice_brief(struct store *s, int64_t id, const char *code, struct arena *a,
			       struct notice_row *out, struct cd_diag *d)
{
	enum cd_err rc = s->ops->notice_head(s, id, code, a, out, d);

	return rc ? rc : notice_parts(s, a, out, false, d);
}

enum cd_err store_notice_page(struct store *s, const struct work_query *q, struct arena *a,
			      struct notice_row **out, size_t *n, struct cd_diag *d)
{
	enum cd_err rc = s->ops->notice_heads(s, q, a, out, n, d);

	for (size_t i = 0; !rc && i < *n; i++)
		rc = notice_parts(s, a, &(*out)[i], false, d);
	return rc;
}

enum cd_err store_notice_state_page(struct store *s, const struct work_query *q, int state,
				    cd_date today, struct arena *a, struct notice_row **out,
				    size_t *n, struct cd_diag *d)
{
	enum cd_err rc = s->ops->notice_state_heads(s, q, state, today, a, out, n, d);

	for (size_t i = 0; !rc && i < *n; i++)
		rc = notice_parts(s, a, &(*out)[i], false, d);
	return rc;
}

enum cd_err store_incident_get(struct store *s, int64_t id, const char *code, struct arena *a,
			       struct incident_row *out, struct cd_diag *d)
{
	enum cd_err rc = s->ops->incident_head(s, id, code, a, out, d);

	return rc ? rc : incident_parts(s, a, out, true, d);
}

/* incident_page: a page of incidents with their systems and, with events, their timelines */
static enum cd_err incident_page(struct store *s, const struct work_query *q, bool events,
				 struct arena *a, struct incident_row **out, size_t *n,
				 struct cd_diag *d)
{
	enum cd_err rc = s->ops->incident_heads(s, q, a, out, n, d);

	for (size_t i = 0; !rc && i < *n; i++)
		rc = incident_parts(s, a, &(*out)[i], events, d);
	return rc;
}

enum cd_err store_incident_page(struct store *s, const struct work_query *q, struct arena *a,
				struct incident_row **out, size_t *n, struct cd_diag *d)
{
	return incident_page(s, q, true, a, out, n, d);
}

enum cd_err store_incident_heads(struct store *s, const struct work_query *q, struct arena *a,
				 struct incident_row **out, size_t *n, struct cd_diag *d)
{
	return incident_page(s, q, false, a, out, n, d);
}

enum cd_err store_records_load(struct store *s, struct arena *a, struct record **out, size_t *n,
			       struct cd_diag *d)
{
	return list_read(s, ROWS_RECORDS, NULL, 0, a, out, n, sizeof(**out), d);
}

