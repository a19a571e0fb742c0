/* matrix.c — the responsibility matrix (matrix.h): a page of units, the terms held for each read
 * by the unit (the index duty_unit), judged against the profile's unit roles on one day. */
#include <string.h>

#include "svc/matrix.h"

/* held: the term d covers day `on`. */
static bool held(const struct duty *d, cd_date on)
{
	return d->from <= on && (d->to == CD_DATE_NONE || d->to >= on);
}

/* required: the profile requires role r at unit u (its kind, or the organisation's top). */
static bool required(const struct profile_role *r, const struct unit *u)
{
	return (r->required_at & (1u << u->kind)) ||
	       (u->parent == 0 && (r->required_at & (1u << PROFILE_AT_ROOT)));
}

static json_t *term_json(const struct duty_held *h, bool note)
{
	const struct duty *d = &h->w.r.duty;
	json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o}", "duty", (json_int_t)d->id, "person",
			      jnull_str(h->w.person_code), "name", jnull_str(h->person_name),
			      "from", jnull_date(d->from), "to", jnull_date(d->to));

	if (o && note)
		json_object_set_new(o, "note", jnull_str(d->note));
	return o;
}

json_t *svc_matrix_roles(struct act *c)
{
	const struct profile *p = act_profile(c);
	json_t *a = json_array();

	for (size_t i = 0; a && p && i < p->nroles; i++) {
		const struct profile_role *r = &p->roles[i];

		if (r->asset_scope)
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:b}", "role", role_code(r->role),
						   "name", r->name ? r->name : role_label(r->role),
						   "article", jnull_str(r->article), "single",
						   r->single));
	}
	return a;
}

/* unit_json: one row of the matrix. */
static enum cd_err unit_json(struct act *c, const struct profile *p, const struct rec_row *u,
			     cd_date on, json_t **out)
{
	struct duty_held *h;
	size_t n;
	json_t *cells = json_array();
	enum cd_err rc = store_duties_held(c->s, u->r.unit.id, -1, c->a, &h, &n, c->d);

	for (size_t i = 0; !rc && i < p->nroles; i++) {
		const struct profile_role *r = &p->roles[i];
		json_t *holders = json_array();
		size_t terms = 0, now = 0;
		bool req;

		if (r->asset_scope) {
			json_decref(holders);
			continue;
		}
		for (size_t j = 0; j < n; j++) {
			if (h[j].w.r.duty.role != r->role)
				continue;
			terms++;
			if (held(&h[j].w.r.duty, on) && ++now)
				json_array_append_new(holders, term_json(&h[j], false));
		}
		req = required(r, &u->r.unit);
		json_array_append_new(cells, json_pack("{s:s, s:b, s:b, s:b, s:b, s:I, s:o}", "role",
						       role_code(r->role), "required", req,
						       "single", r->single, "vacant",
						       req && now == 0, "overlap",
						       r->single && now > 1, "terms",
						       (json_int_t)terms, "holders", holders));
	}
	if (rc) {
		json_decref(cells);
		return rc;
	}
	*out = json_pack("{s:s, s:s, s:s, s:o, s:o}", "unit", u->r.unit.code, "name",
			 u->r.unit.name, "kind", unit_kind_code(u->r.unit.kind), "parent",
			 jnull_str(u->unit_code), "cells", cells);
	return *out ? CD_OK : cd_diag_set(c->d, CD_ENOMEM, "out of memory");
}

enum cd_err svc_matrix_page(struct act *c, cd_date on, int64_t after, size_t limit,
			    json_t **items, int64_t *last, bool *more)
{
	const struct profile *p = act_profile(c);
	struct rec_query q = {.scope = c->scope, .after = after, .limit = limit + 1};
	struct rec_row *u;
	size_t n;
	enum cd_err rc;

	*items = NULL;
	*last = 0;
	*more = false;
	if (!p)
		return cd_diag_set(c->d, CD_ESTORE, "the policy profile could not be read");
	if ((rc = store_rec_page(c->s, SR_UNIT, &q, c->a, &u, &n, c->d)))
		return rc;
	*items = json_array();
	for (size_t i = 0; !rc && i < n && i < limit; i++) {
		json_t *row = NULL;

		*last = u[i].r.unit.id;
		if (u[i].r.unit.kind == UNIT_EXTERNAL_AUTHORITY)
			continue;
		if (!(rc = unit_json(c, p, &u[i], on, &row)))
			json_array_append_new(*items, row);
	}
	*more = n > limit;
	if (rc) {
		json_decref(*items);
		*items = NULL;
	}
	return rc;
}

enum cd_err svc_matrix_cell(struct act *c, const char *unit, int role, json_t **items)
{
	struct duty_held *h;
	size_t n;
	int64_t id;
	enum cd_err rc;

	*items = NULL;
	if ((rc = act_ref(c, SK_UNIT, unit, "unit", &id)) ||
	    (rc = store_duties_held(c->s, id, role, c->a, &h, &n, c->d)))
		return rc;
	*items = json_array();
	for (size_t i = n; i-- > 0;)
		json_array_append_new(*items, term_json(&h[i], true));
	return CD_OK;
}

enum cd_err svc_duty_handover(struct act *c, int64_t id, const char *person, cd_date from,
			      const char *note, struct rec_row *out)
{
	struct rec_row old;
	struct duty_in end = {.role = -1, .from = CD_DATE_NONE, .to = CD_DATE_NONE};
	struct duty_in next = {.person = person, .from = from, .to = CD_DATE_NONE, .note = note};
	bool outer = store_in_transaction(c->s);
	enum cd_err rc = CD_OK;

	if (from == CD_DATE_NONE)
		return act_fail(c, CD_EINVAL, "from", "from: give the first day of the new term");
	if (!outer && (rc = store_begin(c->s, c->d)))
		return rc;
	if ((rc = svc_rec_get(c, SR_DUTY, id, &old)))
		goto out;
	if (from <= old.r.duty.from) {
		rc = act_fail(c, CD_EINVAL, "from",
			      "from: the new term must begin after the current one began");
		goto out;
	}
	next.role = (int)old.r.duty.role;
	next.unit = old.asset_code ? NULL : old.unit_code;
	next.asset = old.asset_code;
	if (old.r.duty.to == CD_DATE_NONE || old.r.duty.to >= from) {
		struct rec_row ended;

		end.to = from - 1;
		if ((rc = svc_duty_update(c, id, &end, &ended)))
			goto out;
	}
	rc = svc_duty_add(c, &next, out);
out:
	if (!outer) {
		if (!rc)
			rc = store_commit(c->s, c->d);
		else
			store_rollback(c->s);
	}
	return rc;
}
