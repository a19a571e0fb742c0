/* deadlines.c — the yearly duties and MLPS deadlines of today (工作任务) and the responsibility
 * gaps of today (check.h; schema 0012, rebuilt with them), kept derived in the
 * store (schema 0009) so that a page is read through the due-date index: rebuilt whole when
 * stale (after a write that did not keep them: an import, a unit whose duties change, another
 * day), kept by the acts on records unit by unit and by the register's acts record by record.
 * The rules are oblig_generate's (core/oblig.h); this file only decides what to generate again
 * and when. */
#include <stdio.h>
#include <string.h>

#include "io/finding_json.h"
#include "io/jwtree.h"
#include "io/oblig_json.h"
#include "svc/book.h"
#include "svc/work.h"

/* generate runs oblig_generate over reg and rec[0..nrec) for today and keeps those of set
 * `which` (id) — a generation over part of the register also yields what it cannot decide. */
static enum cd_err generate(struct act *c, const struct reg *reg, const struct record *rec,
			    size_t nrec, enum oblig_set which, int64_t id, const char *const *duties0,
			    size_t nduties0)
{
	cd_date today = time_cst_date(c->now);
	struct oblig_list l = {0};
	size_t k = 0;
	int y0 = 0;
	enum cd_err rc = book_year_from(c->s, today, &y0, c->d);

	/* a part of the register (one unit, or one system) makes up no obligation of no unit
	 * beyond those the whole register has (duties0) */
	if (!rc && (which == OSET_UNIT || which == OSET_ASSET
			    ? oblig_generate_part(c->pol->p, reg, rec, nrec, y0, today, duties0,
						  nduties0, &l)
			    : oblig_generate(c->pol->p, reg, rec, nrec, y0, today, &l)))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < l.n; i++) {
		const struct oblig *o = &l.v[i];
		bool keep = which == OSET_ALL;

		if (which == OSET_STAGE) /* a part of a rebuild: duties (units given) or MLPS (systems) */
			keep = (o->kind == OBLIG_DUTY) == (reg->nunits > 0);
		if (which == OSET_UNIT)
			keep = o->kind == OBLIG_DUTY && o->unit == id;
		if (which == OSET_ASSET)
			keep = o->kind != OBLIG_DUTY && o->asset == id;
		if (keep)
			l.v[k++] = *o;
	}
	if (!rc)
		rc = store_obligations_replace(c->s, which, id, l.v, k, c->d);
	oblig_list_free(&l);
	return rc;
}

#define REBUILD_ASSETS 2000 /* systems a part of a rebuild holds at once */

/* keep_gaps checks what `only` names of reg (check_run_only) on today and keeps each gap with the
 * unit it is judged in (its own; a system's unit in charge, else any answering unit) and its
 * description. */
static enum cd_err keep_gaps(struct act *c, const struct reg *reg, const struct check_only *only)
{
	struct check_result res = {0};
	enum cd_err rc = check_run_only(c->pol->p, reg, time_cst_date(c->now), only, &res);

	if (rc)
		rc = cd_diag_set(c->d, rc, "out of memory");
	for (size_t i = 0; !rc && i < res.n; i++) {
		struct gap_row g = {.f = res.v[i], .judged_in = res.v[i].unit};
		const struct asset *a = g.f.asset ? reg_asset(reg, g.f.asset) : NULL;
		enum lang was = lang_get();
		char msg[512];

		for (int r = REL_MANAGER; a && !g.judged_in && r < REL_MANAGER + REL__MAX; r++)
			g.judged_in = a->rel[r % REL__MAX];
		/* the kept text is the same whoever's write rebuilt it: the catalogue's key, which
		 * says it in both languages */
		lang_set(LANG_EN);
		g.message = check_describe(&g.f, reg, msg, sizeof msg);
		lang_set(was);
		rc = store_gap_add(c->s, &g, c->d);
	}
	check_result_free(&res);
	return rc;
}

/* page_gaps keeps the gaps of the systems v[0..n), checked in the register around them. */
static enum cd_err page_gaps(struct act *c, const struct asset_row *v, size_t n, struct arena *a)
{
	static const int64_t none = 0;
	int64_t *ids = arena_alloc(a, n * sizeof *ids);
	struct check_only only = {.units = &none, .assets = ids, .nassets = n, .no_projects = true};
	struct reg *around = NULL;
	enum cd_err rc;

	if (!ids)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i].a.id;
	rc = store_reg_load_around(c->s, ids, n, &around, c->d);
	if (!rc)
		rc = keep_gaps(c, around, &only);
	reg_free(around);
	return rc;
}

enum cd_err svc_obligations_rebuild(struct act *c)
{
	struct reg *reg = NULL;
	struct record *rec = NULL;
	struct asset_query q = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1,
				.sort = ASORT_ID, .limit = REBUILD_ASSETS};
	size_t nrec = 0;
	static const int64_t none = 0;
	const struct check_only units = {.assets = &none}; /* every unit, every project */
	enum cd_err rc = store_gaps_clear(c->s, c->d);

	/* the duties: every unit (and the people, unit duties, projects) with every record */
	if (!rc)
		rc = store_reg_load_around(c->s, NULL, 0, &reg, c->d);
	if (!rc)
		rc = store_records_load(c->s, c->a, &rec, &nrec, c->d);
	if (!rc)
		rc = generate(c, reg, rec, nrec, OSET_STAGE, 0, NULL, 0);
	if (!rc)
		rc = keep_gaps(c, reg, &units);
	reg_free(reg);
	/* the MLPS deadlines, a page of systems at a time: memory stays bounded at a million */
	while (!rc) {
		struct arena *a = arena_new(0);
		struct asset_row *v = NULL;
		size_t n = 0;

		if (!a)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = store_asset_page(c->s, &q, a, &v, &n, c->d);
		if (!rc && !(reg = reg_new()))
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		for (size_t i = 0; !rc && i < n; i++) {
			struct asset *slot = reg_add_asset(reg);

			if (!slot)
				rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			else
				*slot = v[i].a;
		}
		if (!rc && n)
			rc = generate(c, reg, NULL, 0, OSET_STAGE, 0, NULL, 0);
		reg_free(reg);
		reg = NULL;
		if (!rc && n)
			rc = page_gaps(c, v, n, a);
		if (n) {
			q.after = true;
			q.after_id = v[n - 1].a.id;
		}
		arena_free(a);
		if (n < q.limit)
			break;
	}
	/* the old ones replaced by those staged, written in due order (store_work.h) */
	if (!rc)
		rc = store_obligations_replace(c->s, OSET_ALL, 0, NULL, 0, c->d);
	if (!rc)
		rc = act_derived_mark(c);
	return rc;
}

/* The duties a record's write can change the obligations of, and how the records that can answer
 * them are told (core/oblig.c, answers): a record naming a duty answers that duty alone, one
 * naming none every duty whose record kind is its kind — the first of them its day finds
 * wanting, in the profile's order. So the duties of one kind stand together, and apart from
 * every other: a write of a record answering one of them changes the obligations of those alone
 * (a duty whose kind is none, `other`, stands alone: only records naming it answer it). */
struct answerable {
	int kind;            /* their record kind (enum record_kind), -1 none */
	const char **duties; /* their ids, in the profile's order */
	size_t n;
};

/* answerable_of sets *g to the duties record r can answer with those of their kind (none: no
 * duty of the profile, or a record of a kind no duty asks for naming none), in c->a. */
static enum cd_err answerable_of(struct act *c, const struct record *r, struct answerable *g)
{
	const struct profile *p = c->pol->p;
	const struct profile_duty *named = r->duty ? profile_duty(p, r->duty) : NULL;
	enum record_kind kind = named ? named->record : r->kind;

	g->kind = kind == RECORD_OTHER ? -1 : (int)kind;
	g->n = 0;
	if (!(g->duties = arena_alloc(c->a, (p->nduties ? p->nduties : 1) * sizeof *g->duties)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (r->duty && !named)
		return CD_OK;
	for (size_t i = 0; i < p->nduties; i++)
		if (&p->duties[i] == named || (g->kind >= 0 && (int)p->duties[i].record == g->kind))
			g->duties[g->n++] = p->duties[i].id;
	return CD_OK;
}

static bool listed_in(const char *id, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

/* add_unit appends unit id to reg (read from the store) and to ids[0..*n) unless there already. */
static enum cd_err add_unit(struct act *c, struct reg *reg, int64_t id, int64_t *ids, size_t *n)
{
	struct rec_row u;
	struct unit *slot;
	enum cd_err rc;

	for (size_t i = 0; i < *n; i++)
		if (ids[i] == id)
			return CD_OK;
	if ((rc = store_rec_get(c->s, SR_UNIT, id, c->a, &u, c->d)))
		return rc;
	if (!(slot = reg_add_unit(reg)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	*slot = u.r.unit;
	ids[(*n)++] = id;
	return CD_OK;
}

/* keep_answerable generates the obligations of the duties g for the units of reg (ids[0..nids),
 * and no unit for those of none[0..nnone)) from the records rec[0..nrec) and keeps them in place
 * of those kept. */
static enum cd_err keep_answerable(struct act *c, const struct answerable *g, const struct reg *reg,
				   int64_t *ids, size_t nids, const struct record *rec, size_t nrec,
				   const char *const *none, size_t nnone)
{
	cd_date today = time_cst_date(c->now);
	struct oblig_list l = {0};
	size_t k = 0;
	int y0 = 0;
	enum cd_err rc = book_year_from(c->s, today, &y0, c->d);

	if (!rc && oblig_generate_part(c->pol->p, reg, rec, nrec, y0, today, none, nnone, &l))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < l.n; i++)
		if (l.v[i].kind == OBLIG_DUTY && listed_in(l.v[i].duty->id, g->duties, g->n))
			l.v[k++] = l.v[i];
	if (nnone)
		ids[nids++] = 0; /* the caller left room */
	if (!rc)
		rc = store_obligations_replace_duties(c->s, ids, nids, g->duties, g->n, l.v, k, c->d);
	oblig_list_free(&l);
	return rc;
}

enum cd_err svc_obligations_unit(struct act *c, int64_t unit, const struct record *r)
{
	struct answerable g;
	struct reg *reg = NULL;
	struct record *rec = NULL;
	const char **d0 = NULL, **none = NULL;
	int64_t *ids = NULL;
	size_t nrec = 0, nd0 = 0, nnone = 0, nids = 0;
	enum cd_err rc;

	if (!c->derived_fresh || !unit)
		return CD_OK; /* stale already: the next read rebuilds them whole */
	if ((rc = answerable_of(c, r, &g)) || !g.n)
		return rc; /* it answers no duty, before or after */
	/* of those duties, the ones no unit holds take any unit's records: then every unit's
	 * records of them count, and each unit holding one of them, whose records they may take */
	rc = store_obligation_duties0(c->s, c->a, &d0, &nd0, c->d);
	if (!rc && !(none = arena_alloc(c->a, g.n * sizeof *none)))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < g.n; i++)
		if (listed_in(g.duties[i], d0, nd0))
			none[nnone++] = g.duties[i];
	if (!rc)
		rc = store_records_answering(c->s, nnone ? 0 : unit, g.kind, g.duties, g.n, c->a, &rec,
					     &nrec, c->d);
	if (!rc && (!(reg = reg_new()) || !(ids = arena_alloc(c->a, (nrec + 2) * sizeof *ids))))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = add_unit(c, reg, unit, ids, &nids);
	for (size_t i = 0; !rc && nnone && i < nrec; i++)
		rc = add_unit(c, reg, rec[i].unit, ids, &nids);
	if (!rc)
		rc = keep_answerable(c, &g, reg, ids, nids, rec, nrec, none, nnone);
	reg_free(reg);
	return rc;
}

/* --- a register act keeps what it changed --------------------------------------------------------
 * What one record of the register can change of the derived rows, from the rules (core/oblig.c,
 * core/check.c) and what keep_gaps and ST_OBLIG_ADD copy into them:
 * - a system: its MLPS obligations (its level, dates, status and unit in charge; its code and
 *   name copied in) and its gaps — not answered, MLPS unfiled or unassessed, two holders of a
 *   role held for it — judged in its unit in charge (else another answering unit), described
 *   with its code and name. No unit's gap or duty looks at the unit's systems, so nothing else;
 * - a unit: its own gaps (a role missing, two holders of one of its roles: its kind and whether
 *   it is a root say which roles it needs; its name is in their text); the duties it holds
 *   (its kind) — and with them those no unit holds, which any unit's records answer;
 * - a person: the text of the overlap gaps that name them (of the posts they hold);
 * - a unit's or system's duty: that post's gaps;
 * - a project: its budget gap, judged in its unit.
 * A move of a unit changes none of them (a root never moves: whether a unit is a root, which
 * the rules read, stays; the scope of a page is read through the tree when it is read). */

/* gaps_asset keeps the gaps of system id, checked in the register around it. */
static enum cd_err gaps_asset(struct act *c, int64_t id)
{
	static const int64_t none = 0;
	struct check_only only = {.units = &none, .assets = &id, .nassets = 1, .no_projects = true};
	struct reg *around = NULL;
	enum cd_err rc = store_gaps_clear_of(c->s, GAP_OF_ASSET, id, c->d);

	if (!rc)
		rc = store_reg_load_around(c->s, &id, 1, &around, c->d);
	if (!rc)
		rc = keep_gaps(c, around, &only);
	reg_free(around);
	return rc;
}

enum cd_err svc_obligations_asset(struct act *c, int64_t id)
{
	struct asset_row r;
	struct reg *one = NULL;
	struct asset *slot;
	enum cd_err rc;

	if (!c->derived_fresh)
		return CD_OK; /* stale already: the next read rebuilds them whole */
	rc = store_asset_get(c->s, id, c->a, &r, c->d);
	if (!rc && (!(one = reg_new()) || !(slot = reg_add_asset(one))))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (!rc) {
		*slot = r.a;
		rc = generate(c, one, NULL, 0, OSET_ASSET, id, NULL, 0);
	}
	reg_free(one);
	if (!rc)
		rc = gaps_asset(c, id);
	if (!rc)
		c->derived_kept = true;
	return rc;
}

/* gaps_unit keeps the gaps of unit id itself, checked in the organisation's structure (every
 * unit, person and unit duty: what a rebuild checks them in; no system). */
static enum cd_err gaps_unit(struct act *c, int64_t id)
{
	static const int64_t none = 0;
	struct check_only only = {.units = &id, .nunits = 1, .assets = &none, .no_projects = true};
	struct reg *reg = NULL;
	enum cd_err rc = store_gaps_clear_of(c->s, GAP_OF_UNIT, id, c->d);

	if (!rc)
		rc = store_reg_load_around(c->s, NULL, 0, &reg, c->d);
	if (!rc)
		rc = keep_gaps(c, reg, &only);
	reg_free(reg);
	return rc;
}

/* gaps_project keeps the gap of project id (its budget), checked alone. */
static enum cd_err gaps_project(struct act *c, int64_t id)
{
	static const int64_t none = 0;
	struct check_only only = {.units = &none, .assets = &none};
	struct rec_row w;
	struct reg *one = NULL;
	struct project *slot;
	enum cd_err rc = store_gaps_clear_of(c->s, GAP_OF_PROJECT, id, c->d);

	if (!rc)
		rc = store_rec_get(c->s, SR_PROJECT, id, c->a, &w, c->d);
	if (!rc && (!(one = reg_new()) || !(slot = reg_add_project(one))))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (!rc) {
		*slot = w.r.project;
		rc = keep_gaps(c, one, &only);
	}
	reg_free(one);
	return rc;
}

enum cd_err svc_gaps_of(struct act *c, enum gap_of which, int64_t id)
{
	enum cd_err rc;

	if (!c->derived_fresh)
		return CD_OK;
	rc = which == GAP_OF_ASSET ? gaps_asset(c, id)
	     : which == GAP_OF_UNIT ? gaps_unit(c, id)
				    : gaps_project(c, id);
	if (!rc)
		c->derived_kept = true;
	return rc;
}

enum cd_err svc_gaps_person(struct act *c, int64_t person)
{
	struct post *v = NULL;
	size_t n = 0;
	enum cd_err rc;

	if (!c->derived_fresh)
		return CD_OK;
	rc = store_person_posts(c->s, person, c->a, &v, &n, c->d);
	for (size_t i = 0; !rc && i < n; i++)
		rc = v[i].asset ? gaps_asset(c, v[i].asset) : gaps_unit(c, v[i].unit);
	if (!rc)
		c->derived_kept = true;
	return rc;
}

/* holds_same: units was and now hold the same duties of profile p. */
static bool holds_same(const struct profile *p, const struct unit *was, const struct unit *now)
{
	for (size_t i = 0; i < p->nduties; i++)
		if (oblig_holds(&p->duties[i], was) != oblig_holds(&p->duties[i], now))
			return false;
	return true;
}

enum cd_err svc_obligations_unit_write(struct act *c, const struct unit *was,
				       const struct unit *now)
{
	const char **d0 = NULL;
	size_t nd0 = 0;
	struct reg *one = NULL;
	struct unit *slot;
	enum cd_err rc;

	if (!c->derived_fresh)
		return CD_OK;
	/* A unit that comes to hold a duty, or stops holding one, may take it from no unit or
	 * leave it to none: then that duty's obligations of no unit, which every unit's records
	 * answer, are made again or go, and which record answers which obligation depends on every
	 * unit's duties and records — exact only in a rebuild. Left stale. A new unit holding only
	 * duties another unit holds has no records yet: its obligations are its own alone. */
	if (was && !holds_same(c->pol->p, was, now))
		return CD_OK;
	rc = was ? CD_OK : store_obligation_duties0(c->s, c->a, &d0, &nd0, c->d);
	for (size_t i = 0; !rc && i < nd0; i++) {
		const struct profile_duty *du = profile_duty(c->pol->p, d0[i]);

		if (du && oblig_holds(du, now))
			return CD_OK;
	}
	if (!rc && !was) {
		if (!(one = reg_new()) || !(slot = reg_add_unit(one)))
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		if (!rc) {
			*slot = *now;
			rc = generate(c, one, NULL, 0, OSET_UNIT, now->id, d0, nd0);
		}
		reg_free(one);
	}
	if (!rc)
		rc = gaps_unit(c, now->id);
	if (!rc)
		c->derived_kept = true;
	return rc;
}

/* ensure rebuilds the obligations when they are stale, in a write transaction of their own. */
static enum cd_err ensure(struct act *c)
{
	bool fresh = false;
	enum cd_err rc = act_derived_fresh(c, &fresh);

	if (rc || fresh)
		return rc;
	if ((rc = store_begin(c->s, c->d)))
		return rc;
	rc = act_derived_fresh(c, &fresh); /* another thread may have rebuilt them meanwhile */
	if (!rc && !fresh)
		rc = svc_obligations_rebuild(c);
	if (!rc)
		return store_commit(c->s, c->d);
	store_rollback(c->s);
	return rc;
}

enum cd_err svc_obligations_ensure(struct act *c)
{
	return ensure(c);
}

enum cd_err svc_record_answers(struct act *c, const struct record_row *v, size_t n,
			       struct record_answer *out)
{
	enum cd_err rc = ensure(c);
	bool own = false;

	if (!rc)
		rc = act_read_begin(c, &own);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_record_answer(c->s, v[i].r.id, v[i].r.unit, c->a, &out[i], c->d);
	return act_read_end(c, own, rc);
}

enum cd_err svc_deadline_page(struct act *c, struct oblig_query q, struct oblig_row **out,
			      size_t *n, bool *more)
{
	return svc_deadline_page_on(c, q, time_cst_date(c->now), out, n, more);
}

enum cd_err svc_deadline_page_on(struct act *c, struct oblig_query q, cd_date day,
				 struct oblig_row **out, size_t *n, bool *more)
{
	size_t want = q.limit;
	enum cd_err rc = ensure(c);

	*out = NULL;
	*n = 0;
	*more = false;
	q.scope = c->scope;
	q.today = day;
	q.limit = want + 1;
	if (!rc)
		rc = store_obligation_page(c->s, &q, c->a, out, n, c->d);
	if (rc)
		return rc;
	if (*n > want) {
		*n = want;
		*more = true;
	}
	for (size_t i = 0; i < *n; i++)
		(*out)[i].o.duty = (*out)[i].duty_id ? profile_duty(c->pol->p, (*out)[i].duty_id)
						     : NULL;
	return CD_OK;
}

void svc_oblig_write(struct jw *w, const struct oblig_row *r, cd_date today,
		     const struct calendar *cal)
{
	jw_obj(w, NULL);
	oblig_members(w, &r->o, r->unit_code, r->asset_code, today, cal);
	/* the names beside the codes, and the duty it comes from, for the pages */
	jw_str(w, "asset_name", r->asset_name);
	jw_str(w, "unit_name", r->unit_name);
	jw_str(w, "duty", r->o.duty ? r->o.duty->id : r->duty_id);
	jw_end(w);
}

void svc_deadline_year(struct oblig_query *q, int year)
{
	/* the keyset just before the year's first day: past every obligation due the day before,
	 * whatever its name, unit, system or id (U+10FFFF is the greatest text) */
	q->after = true;
	q->after_due = date_from_ymd(year, 1, 1) - 1;
	q->after_name = "\xf4\x8f\xbf\xbf";
	q->after_unit = q->after_asset = q->after_id = INT64_MAX;
}

size_t svc_deadline_year_end(const struct oblig_row *v, size_t n, int year, bool *more)
{
	cd_date last = date_from_ymd(year, 12, 31);
	size_t k = 0;

	while (k < n && v[k].o.due <= last)
		k++;
	*more = *more && k == n;
	return k;
}

json_t *svc_oblig_json(const struct oblig_row *r, cd_date today, const struct calendar *cal)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	svc_oblig_write(&w, r, today, cal);
	return jw_tree(&w, &b);
}

enum cd_err svc_gap_page(struct act *c, int rule, int64_t after, size_t limit,
			 struct gap_row **out, size_t *n, int64_t *next)
{
	enum cd_err rc = ensure(c);

	*out = NULL;
	*n = 0;
	*next = 0;
	if (!rc)
		rc = store_gap_page(c->s, c->scope, rule, after, limit + 1, c->a, out, n, c->d);
	if (rc)
		return rc;
	if (*n > limit) {
		*n = limit;
		*next = (*out)[limit - 1].id;
	}
	return CD_OK;
}

json_t *svc_gap_json(const struct gap_row *g)
{
	const struct finding *f = &g->f;
	json_t *j = finding_json(f, g->unit_code, g->asset_code, g->message);

	if (j && (json_object_set_new(j, "id", json_integer((json_int_t)g->id)) ||
		  json_object_set_new(j, "asset_name", jnull_str(g->asset_name)) ||
		  json_object_set_new(j, "unit_name", jnull_str(f->asset ? NULL : g->unit_name)))) {
		json_decref(j);
		return NULL;
	}
	return j;
}
