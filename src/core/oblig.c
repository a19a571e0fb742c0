/* oblig.c — generating dated obligations from the profile and the register, and matching the
 * records that fulfil them. */
#include "oblig.h"
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct name kinds[OBLIG__MAX] = {
	[OBLIG_DUTY] = {"duty", "年度职责", NULL},
	[OBLIG_MLPS_FILING] = {"mlps_filing", "等保备案", NULL},
	[OBLIG_MLPS_ASSESS] = {"mlps_assessment", "等级测评", NULL},
};

NAMES(oblig_kind, enum oblig_kind, kinds, OBLIG__MAX)

void oblig_list_free(struct oblig_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct oblig *push(struct oblig_list *l)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct oblig *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	l->v[l->n].done_on = CD_DATE_NONE;
	return &l->v[l->n++];
}

/* Periods per year and the months each spans. */
static int per_year(enum period e)
{
	static const int n[PERIOD__MAX] = {[PERIOD_YEAR] = 1, [PERIOD_HALF_YEAR] = 2,
					   [PERIOD_QUARTER] = 4, [PERIOD_MONTH] = 12};

	return n[e];
}

/* period k (0-based) of year y: its first and last day and its label. */
static void period_of(int y, enum period e, int k, cd_date *start, cd_date *end, char label[12])
{
	int months = 12 / per_year(e), m0 = 1 + k * months;

	/* years are 1900-9999 and k < 12: the labels fit; the masks tell the compiler so */
	y &= 0x3fff;
	k &= 0xf;
	*start = date_from_ymd(y, m0, 1);
	*end = date_add_months(*start, months) - 1;
	switch (e) {
	case PERIOD_HALF_YEAR:
		snprintf(label, 12, "%04d-H%d", y, k + 1);
		break;
	case PERIOD_QUARTER:
		snprintf(label, 12, "%04d-Q%d", y, k + 1);
		break;
	case PERIOD_MONTH:
		snprintf(label, 12, "%04d-%02d", y, k + 1);
		break;
	case PERIOD_YEAR:
	case PERIOD__MAX:
		snprintf(label, 12, "%04d", y);
		break;
	}
}

bool oblig_period_check(const char *s, enum period every)
{
	cd_date t;
	char buf[32];

	if (!s || strlen(s) > 10 || (int)every < 0 || every >= PERIOD__MAX)
		return false;
	snprintf(buf, sizeof(buf), "%s-01-01", s);
	if (every == PERIOD_YEAR)
		return strlen(s) == 4 && date_parse(buf, &t);
	if (every == PERIOD_MONTH) {
		snprintf(buf, sizeof(buf), "%s-01", s);
		return strlen(s) == 7 && date_parse(buf, &t);
	}
	if (strlen(s) != 7 || s[4] != '-' || s[5] != (every == PERIOD_HALF_YEAR ? 'H' : 'Q'))
		return false;
	snprintf(buf, sizeof(buf), "%.4s-01-01", s);
	if (!date_parse(buf, &t))
		return false;
	return s[6] >= '1' && s[6] <= (every == PERIOD_HALF_YEAR ? '2' : '4');
}

bool oblig_holds(const struct profile_duty *du, const struct unit *u)
{
	if (u->kind == UNIT_EXTERNAL_AUTHORITY)
		return false;
	if (du->holder == PROFILE_AT_ROOT)
		return reg_is_root(u);
	if (du->holder == PROFILE_AT_EVERY_UNIT)
		return u->kind == UNIT_DEPARTMENT || u->kind == UNIT_TECH_SUPPORT_CENTRE;
	return (int)u->kind == du->holder;
}

static enum cd_err add_duty(const struct profile_duty *du, int64_t unit, int y0, cd_date as_of,
			    struct oblig_list *out)
{
	int y1, m, d;

	date_to_ymd(as_of, &y1, &m, &d);
	for (int y = y0; y <= y1; y++) {
		for (int k = 0; k < per_year(du->every); k++) {
			struct oblig *o;
			cd_date start, end;
			char label[12];

			period_of(y, du->every, k, &start, &end, label);
			if (start > as_of)
				break;
			if (!(o = push(out)))
				return CD_ENOMEM;
			o->kind = OBLIG_DUTY;
			o->duty = du;
			o->name = du->name;
			o->article = du->article;
			o->unit = unit;
			memcpy(o->period, label, sizeof(o->period));
			o->start = start;
			o->due = end;
			o->need = du->times;
		}
	}
	return CD_OK;
}

static bool answers(const struct record *r, const struct oblig *o)
{
	if (o->kind != OBLIG_DUTY)
		return false;
	if (r->duty ? strcmp(r->duty, o->duty->id) != 0
		    : (o->duty->record == RECORD_OTHER || o->duty->record != r->kind))
		return false;
	if (o->unit && o->unit != r->unit)
		return false;
	/* A record fulfils its own period; a make-up for another one is the record's stated
	 * choice (its period), never the engine's. */
	if (r->period)
		return !strcmp(r->period, o->period);
	return o->start <= r->on && r->on <= o->due;
}

static int by_day(const void *a, const void *b)
{
	const struct record *const *x = a, *const *y = b;

	if ((*x)->on != (*y)->on)
		return (*x)->on < (*y)->on ? -1 : 1;
	return (*x)->id < (*y)->id ? -1 : (*x)->id > (*y)->id;
}

static enum cd_err match(const struct record *rec, size_t nrec, cd_date as_of,
			 struct oblig_list *out)
{
	const struct record **order = malloc((nrec ? nrec : 1) * sizeof(*order));
	size_t n = 0;

	if (!order)
		return CD_ENOMEM;
	for (size_t i = 0; i < nrec; i++)
		if (!rec[i].voided && rec[i].on != CD_DATE_NONE && rec[i].on <= as_of)
			order[n++] = &rec[i];
	if (n > 1)
		qsort(order, n, sizeof(*order), by_day);
	for (size_t i = 0; i < n; i++) {
		const struct record *r = order[i];
		struct oblig *best = NULL, *any = NULL;

		for (size_t k = 0; k < out->n; k++) {
			struct oblig *o = &out->v[k];

			if (!answers(r, o))
				continue;
			if (o->have < o->need && !best)
				best = o;
			any = o;
		}
		if (!best)
			best = any; /* more than asked: kept as evidence of its period */
		if (!best)
			continue;
		best->have++;
		if (best->nevidence < OBLIG_EVIDENCE_MAX)
			best->evidence[best->nevidence++] = r->id;
		if (best->have == best->need)
			best->done_on = r->on;
	}
	free(order);
	return CD_OK;
}

static enum cd_err add_mlps(const struct profile *p, const struct reg *reg, cd_date as_of,
			    struct oblig_list *out)
{
	for (size_t i = 0; i < reg->nassets; i++) {
		const struct asset *a = &reg->assets[i];
		struct oblig *o;
		int months;
		cd_date base;

		if (a->mlps_level < 2 || a->graded_on == CD_DATE_NONE || a->graded_on > as_of ||
		    a->status == STATUS_RETIRED)
			continue;
		if (p->mlps.filing_days > 0) {
			if (!(o = push(out)))
				return CD_ENOMEM;
			o->kind = OBLIG_MLPS_FILING;
			o->name = "等级保护备案";
			o->article = p->mlps.article;
			o->unit = a->rel[REL_MANAGER];
			o->asset = a->id;
			o->start = a->graded_on;
			o->due = a->graded_on + p->mlps.filing_days;
			o->need = 1;
			if (a->filed_on != CD_DATE_NONE && a->filed_on <= as_of) {
				o->have = 1;
				o->done_on = a->filed_on;
			}
		}
		months = a->mlps_level == 3 ? p->mlps.assess_months_level3
			 : a->mlps_level == 4 ? p->mlps.assess_months_level4
					      : 0;
		if (months <= 0 || a->status != STATUS_LIVE)
			continue;
		base = a->assessed_on != CD_DATE_NONE && a->assessed_on <= as_of ? a->assessed_on
										  : a->graded_on;
		if (!(o = push(out)))
			return CD_ENOMEM;
		o->kind = OBLIG_MLPS_ASSESS;
		o->name = a->mlps_level == 3 ? "等级测评（三级，每年）" : "等级测评（四级，每半年）";
		o->article = p->mlps.article;
		o->unit = a->rel[REL_MANAGER];
		o->asset = a->id;
		o->start = base;
		o->due = date_add_months(base, months);
		o->need = 1;
	}
	return CD_OK;
}

static int by_due(const void *a, const void *b)
{
	const struct oblig *x = a, *y = b;
	int c;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if ((c = strcmp(x->name, y->name)))
		return c;
	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->asset < y->asset ? -1 : x->asset > y->asset;
}

static bool listed(const char *id, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], id))
			return true;
	return false;
}

/* generate: oblig_generate, or, when part, oblig_generate_part with none[0..nnone) */
static enum cd_err generate(const struct profile *p, const struct reg *reg,
			    const struct record *rec, size_t nrec, int year_from, cd_date as_of,
			    bool part, const char *const *none, size_t nnone, struct oblig_list *out)
{
	enum cd_err rc;
	int y0 = year_from, m, d;

	if (p->in_force != CD_DATE_NONE) {
		int yf;

		date_to_ymd(p->in_force, &yf, &m, &d);
		if (yf > y0)
			y0 = yf;
	}
	for (size_t i = 0; i < p->nduties; i++) {
		const struct profile_duty *du = &p->duties[i];
		bool any = false;

		for (size_t k = 0; k < reg->nunits; k++) {
			if (!oblig_holds(du, &reg->units[k]))
				continue;
			any = true;
			if ((rc = add_duty(du, reg->units[k].id, y0, as_of, out)))
				return rc;
		}
		if (!any && (!part || listed(du->id, none, nnone)) &&
		    (rc = add_duty(du, 0, y0, as_of, out)))
			return rc;
	}
	if ((rc = match(rec, nrec, as_of, out)))
		return rc;
	if ((rc = add_mlps(p, reg, as_of, out)))
		return rc;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(out->v[0]), by_due);
	return CD_OK;
}

enum cd_err oblig_generate(const struct profile *p, const struct reg *reg,
			   const struct record *rec, size_t nrec, int year_from, cd_date as_of,
			   struct oblig_list *out)
{
	return generate(p, reg, rec, nrec, year_from, as_of, false, NULL, 0, out);
}

enum cd_err oblig_generate_part(const struct profile *p, const struct reg *reg,
				const struct record *rec, size_t nrec, int year_from,
				cd_date as_of, const char *const *none, size_t nnone,
				struct oblig_list *out)
{
	return generate(p, reg, rec, nrec, year_from, as_of, true, none, nnone, out);
}

enum due_state oblig_state(const struct oblig *o, cd_date as_of)
{
	cd_time done = o->done_on == CD_DATE_NONE ? CD_TIME_NONE : time_cst_start(o->done_on);

	return due_state_at(o->due, done, time_cst_end(as_of) - 1);
}

bool oblig_missed(const struct oblig *o, cd_date as_of)
{
	return o->kind == OBLIG_DUTY && oblig_state(o, as_of) == DUE_OVERDUE;
}
