/* fixreg.h — builds small registers in code for the rule tests: a tiny organisation with a
 * root, an office and two colleges, whose people, duties and assets each test then adjusts. */
#ifndef CD_FIXREG_H
#define CD_FIXREG_H

#include "core/reg.h"
#include "testutil.h"

static inline struct unit *fx_unit(struct reg *r, int64_t id, const char *code, int64_t parent,
				   enum unit_kind kind)
{
	struct unit *u = reg_add_unit(r);

	assert_non_null(u);
	u->id = id;
	u->code = code;
	u->name = code;
	u->parent = parent;
	u->kind = kind;
	return u;
}

static inline struct person *fx_person(struct reg *r, int64_t id, const char *name)
{
	struct person *p = reg_add_person(r);

	assert_non_null(p);
	p->id = id;
	p->code = name;
	p->name = name;
	return p;
}

/* fx_duty: to may be NULL (still held). */
static inline struct duty *fx_duty(struct reg *r, int64_t id, enum role role, int64_t person,
				   int64_t unit, int64_t asset, const char *from, const char *to)
{
	struct duty *d = reg_add_duty(r);

	assert_non_null(d);
	d->id = id;
	d->role = role;
	d->person = person;
	d->unit = unit;
	d->asset = asset;
	d->from = D(from);
	d->to = to ? D(to) : CD_DATE_NONE;
	return d;
}

static inline struct asset *fx_asset(struct reg *r, int64_t id, const char *code, int64_t manager)
{
	struct asset *a = reg_add_asset(r);

	assert_non_null(a);
	a->id = id;
	a->code = code;
	a->name = code;
	a->kind = ASSET_INFO_SYSTEM;
	a->rel[REL_MANAGER] = manager;
	return a;
}

#endif
