/* assemble.c — the aggregates the store hands out, built from a backend's row operations
 * (store_ops.rows): the register whole or around a few systems. What links a child to its parent,
 * keeps the order and places the records in an arena is written here once, for every backend;
 * a backend only reads and decodes rows. */
#include "store_int.h"

#include <stdatomic.h>
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
	enum cd_err rc;

	*out = NULL;
	if (!r)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	if ((rc = reg_read(s, r, all, sizeof all / sizeof *all, NULL, 0, d))) {
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
