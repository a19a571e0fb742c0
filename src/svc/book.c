/* book.c — loading the deadline book, and the incident services built on it. */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendar_load.h"
#include "io/incident_data.h"

void book_free(struct book *b)
{
	reg_free(b->reg);
	calendar_free(b->cal);
	arena_free(b->a);
	oblig_list_free(&b->obl);
	memset(b, 0, sizeof(*b));
}

enum cd_err book_events_of(const struct notice *v, size_t n, struct arena *a,
			   struct asset_event **out, size_t *nout)
{
	size_t cap = 0;

	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].nassets; k++) {
			struct asset_event *e = arena_grow(a, out, nout, &cap, sizeof(*e));

			if (!e)
				return CD_ENOMEM;
			e->asset = v[i].assets[k];
			e->at = v[i].received_at;
			e->notice = v[i].id;
		}
	}
	return CD_OK;
}

/* incident_events appends each incident's detection per asset to b->events. */
static enum cd_err incident_events(struct book *b)
{
	size_t cap = b->nevents; /* full: the first append moves the array */

	for (size_t i = 0; i < b->nincidents; i++) {
		const struct incident *x = &b->incidents[i];

		for (size_t k = 0; k < x->nassets; k++) {
			struct asset_event *e = arena_grow(b->a, &b->events, &b->nevents, &cap,
							   sizeof(*e));

			if (!e)
				return CD_ENOMEM;
			*e = (struct asset_event){.asset = x->assets[k], .at = x->detected_at,
						  .incident = x->id};
		}
	}
	return CD_OK;
}

/* Latest first (ties: notices before incidents, then by id), so that the repeat rule names the
 * latest earlier notice or incident in the window — as `cyberduty eval` does. */
static int latest_first(const void *pa, const void *pb)
{
	const struct asset_event *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? 1 : -1;
	if ((a->incident != 0) != (b->incident != 0))
		return a->incident ? 1 : -1;
	if (a->notice + a->incident != b->notice + b->incident)
		return a->notice + a->incident < b->notice + b->incident ? -1 : 1;
	return (a->asset > b->asset) - (a->asset < b->asset);
}

/* load_incidents reads and folds every incident; a timeline the rules refuse is a damaged
 * database (the commands validate every event before appending it). */
static enum cd_err load_incidents(struct store *s, struct book *b, struct cd_diag *d)
{
	enum cd_err rc = store_incidents_load(s, b->a, &b->incidents, &b->nincidents, d);
	char what[192];

	for (size_t i = 0; !rc && i < b->nincidents; i++) {
		if ((rc = incident_fold(&b->incidents[i], b->a, d)) == CD_OK)
			continue;
		snprintf(what, sizeof(what),
			 "incident %s: its stored timeline breaks a rule (a damaged database)",
			 b->incidents[i].code);
		cd_diag_prefix(d, what);
		rc = CD_ESTORE;
	}
	return rc;
}

enum cd_err book_year_from(struct store *s, cd_date as_of, int *out, struct cd_diag *d)
{
	char *v = NULL;
	int y, m, dd;
	enum cd_err rc = store_meta_get(s, BOOK_YEAR_FROM_KEY, &v, d);

	date_to_ymd(as_of, &y, &m, &dd);
	*out = y;
	if (rc == CD_ENOTFOUND)
		return CD_OK; /* a database from before obligations: from the as-of year */
	if (rc)
		return rc;
	y = (int)strtol(v, NULL, 10);
	if (y >= 1900 && y <= 9999)
		*out = y;
	free(v);
	return CD_OK;
}

enum cd_err book_load(struct store *s, const struct profile *p, cd_date as_of, struct book *b,
		      struct cd_diag *d)
{
	enum cd_err rc;

	memset(b, 0, sizeof(*b));
	b->p = p;
	b->as_of = as_of;
	if (!(b->a = arena_new(0)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = store_reg_load(s, &b->reg, d);
	if (!rc)
		rc = calendar_from_data(s, &b->cal, d);
	if (!rc)
		rc = store_notices_load(s, b->a, &b->notices, &b->nnotices, d);
	for (size_t i = 0; !rc && i < b->nnotices; i++) {
		notice_checks_sort(&b->notices[i]);
		rc = notice_fold(&b->notices[i], p, b->cal, d);
	}
	if (!rc)
		rc = load_incidents(s, b, d);
	if (!rc && (book_events_of(b->notices, b->nnotices, b->a, &b->events, &b->nevents) ||
		    incident_events(b)))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc && b->nevents)
		qsort(b->events, b->nevents, sizeof(*b->events), latest_first);
	if (!rc)
		rc = store_records_load(s, b->a, &b->records, &b->nrecords, d);
	if (!rc)
		rc = book_year_from(s, as_of, &b->year_from, d);
	if (!rc && oblig_generate(p, b->reg, b->records, b->nrecords, b->year_from, as_of, &b->obl))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	return rc;
}

enum cd_err book_start(struct store *s, cd_date from, struct cd_diag *d)
{
	char *v = NULL, year[16];
	int y, m, dd;
	enum cd_err rc = store_meta_get(s, BOOK_YEAR_FROM_KEY, &v, d);

	free(v);
	if (rc != CD_ENOTFOUND)
		return rc;
	date_to_ymd(from, &y, &m, &dd);
	snprintf(year, sizeof(year), "%d", y);
	return store_meta_set(s, BOOK_YEAR_FROM_KEY, year, d);
}

struct notice *book_notice(const struct book *b, const char *code)
{
	for (size_t i = 0; i < b->nnotices; i++)
		if (!strcmp(b->notices[i].code, code))
			return &b->notices[i];
	return NULL;
}

struct notice *book_notice_by_id(const struct book *b, int64_t id)
{
	size_t lo = 0, hi = b->nnotices;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->notices[mid].id == id)
			return &b->notices[mid];
		if (b->notices[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct asset_event *book_repeat(const struct book *b, const struct notice *n)
{
	return notice_repeat(n, b->p->numbers.repeat_window_months, b->events, b->nevents);
}

struct incident *book_incident(const struct book *b, const char *code)
{
	for (size_t i = 0; i < b->nincidents; i++)
		if (!strcmp(b->incidents[i].code, code))
			return &b->incidents[i];
	return NULL;
}

struct incident *book_incident_by_id(const struct book *b, int64_t id)
{
	for (size_t i = 0; i < b->nincidents; i++)
		if (b->incidents[i].id == id)
			return &b->incidents[i];
	return NULL;
}

enum cd_err book_incident_env(struct book *b, struct incident_env *env, struct cd_diag *d)
{
	enum cd_err rc = CD_OK;

	if (!b->incident_data) {
		rc = incident_data_builtin(b->a, &b->rules, &b->classes, d);
		if (!rc)
			rc = cond_parse_profile(b->p, b->a, &b->conds, d);
		b->incident_data = rc == CD_OK;
	}
	*env = (struct incident_env){
		.p = b->p, .rules = &b->rules, .reg = b->reg, .cal = b->cal, .conds = b->conds,
		.notices = b->notices, .nnotices = b->nnotices, .events = b->events,
		.nevents = b->nevents, .incidents = b->incidents, .nincidents = b->nincidents};
	return rc;
}

/* write_incident checks e[0..n) against x in order, then writes (the incident first when add)
 * in one transaction; x takes the folded result only when all is written. */
static enum cd_err write_incident(struct store *s, struct book *b, struct incident *x, bool add,
				  bool own_tx, const struct incident_event *e, size_t n,
				  struct cd_diag *d)
{
	struct incident tmp = *x;
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++)
		if ((rc = incident_apply(&tmp, &e[i], b->a, d)) != CD_OK)
			cd_diag_prefix(d, tmp.code);
	if (!rc && own_tx)
		rc = store_begin(s, d);
	if (rc)
		return rc;
	if (add)
		rc = store_incident_add(s, &tmp, d);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_incident_event_add(s, tmp.id, &e[i], d);
	if (!rc && own_tx)
		rc = store_commit(s, d);
	if (rc) {
		if (own_tx)
			store_rollback(s);
		return rc;
	}
	*x = tmp;
	return CD_OK;
}

enum cd_err book_incident_add(struct store *s, struct book *b, struct incident *x,
			      const struct incident_event *e, size_t n, struct cd_diag *d)
{
	return write_incident(s, b, x, true, true, e, n, d);
}

enum cd_err book_incident_append(struct store *s, struct book *b, struct incident *x,
				 const struct incident_event *e, size_t n, struct cd_diag *d)
{
	return write_incident(s, b, x, false, true, e, n, d);
}

enum cd_err book_incident_write(struct store *s, struct book *b, struct incident *x, bool add,
				const struct incident_event *e, size_t n, struct cd_diag *d)
{
	return write_incident(s, b, x, add, false, e, n, d);
}

bool book_in_unit(const struct reg *reg, int64_t unit, int64_t top)
{
	for (int hops = 0; unit && hops < 64; hops++) {
		const struct unit *u;

		if (unit == top)
			return true;
		if (!(u = reg_unit(reg, unit)))
			return false;
		unit = u->parent;
	}
	return false;
}

bool book_notice_concerns(const struct book *b, const struct notice *n, int64_t top)
{
	if (!top || (n->unit && book_in_unit(b->reg, n->unit, top)))
		return true;
	for (size_t i = 0; i < n->nassets; i++) {
		const struct asset *a = reg_asset(b->reg, n->assets[i]);

		for (int r = 0; a && r < REL__MAX; r++)
			if (a->rel[r] && book_in_unit(b->reg, a->rel[r], top))
				return true;
	}
	return false;
}

enum cd_err book_notice_prepare(const struct book *b, struct notice *n, struct arena *a,
				struct cd_diag *d)
{
	struct similar *sim;
	size_t nsim;

	if (!n->nassets)
		return cd_diag_set(d, CD_EINVAL, "a notice concerns at least one system");
	if (!n->unit)
		n->unit = reg_asset(b->reg, n->assets[0])->rel[REL_MANAGER];
	if (n->stated_due != CD_DATE_NONE && n->stated_due < time_cst_date(n->received_at)) {
		char due[11], got[11];

		return cd_diag_set(d, CD_EINVAL, "the due date %s is before the notice was received "
				   "(on %s)", date_format(n->stated_due, due),
				   date_format(time_cst_date(n->received_at), got));
	}
	if (!(sim = arena_alloc(a, (b->reg->nassets + 1) * sizeof(*sim))))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	nsim = notice_similar(n, b->reg, sim, b->reg->nassets);
	if (!(n->similar = arena_alloc(a, (nsim + 1) * sizeof(*n->similar))))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < nsim; i++)
		n->similar[i] = (struct notice_check){.asset = sim[i].asset, .why = sim[i].why,
						      .checked_at = CD_TIME_NONE};
	n->nsimilar = nsim;
	return CD_OK;
}

/* --- an incident event's values, written one way -------------------------------------------- */

static enum cd_err valid_class(const struct incident_classes *k, const char *s, const char **code,
                               struct cd_diag *d)
{
	const struct incident_class *c = incident_class_find(k, s);
	char list[256] = "";
	size_t n = 0;

	if (c) {
		*code = c->code;
		return CD_OK;
	}
	for (size_t i = 0; i < k->n && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "",
		                      k->v[i].code);
	return cd_diag_set(
	    d, CD_EINVAL,
	    "class: \"%s\" is not an incident class of GB/T 20986-2023 (use the code "
	    "or the Chinese name: %s)",
	    s, list);
}

static enum cd_err valid_subclass(const struct incident_classes *k, const char *cls,
                                  const char *sub, struct cd_diag *d)
{
	const struct incident_class *c = cls ? incident_class_find(k, cls) : NULL;

	if (!cls)
		return cd_diag_set(d, CD_EINVAL, "subclass: record the class first");
	for (size_t i = 0; c && i < c->nsubclasses; i++)
		if (!strcmp(c->subclasses[i], sub))
			return CD_OK;
	if (!c || !c->nsubclasses)
		return CD_OK; /* no subclasses listed: free text */
	return cd_diag_set(d, CD_EINVAL, "subclass: \"%s\" is not a subclass of %s", sub, c->code);
}

static bool is_time_field(const char *name)
{
	return !strcmp(name, "occurred_at") || !strcmp(name, "outage_start") ||
	       !strcmp(name, "outage_end");
}

enum cd_err book_incident_normalise(const struct book *b, const struct incident *x,
				    struct incident_event *e, struct cd_diag *d)
{
	cd_time t;
	char *buf;
	int k;

	if (e->kind != IEV_SET || !e->name || !e->value || !*e->value)
		return CD_OK;
	if (!strcmp(e->name, "class"))
		return valid_class(&b->classes, e->value, &e->value, d);
	if (!strcmp(e->name, "subclass"))
		return valid_subclass(&b->classes, x->class_code, e->value, d);
	if (is_time_field(e->name) && time_parse(e->value, true, &t)) {
		if (!(buf = arena_alloc(b->a, 26)))
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		e->value = time_format(t, buf);
	} else if (!strcmp(e->name, "reporter") && (k = reporter_parse(e->value)) >= 0) {
		e->value = reporter_code((enum reporter)k);
	} else if (!strcmp(e->name, "outage_scope") && (k = outage_scope_parse(e->value)) >= 0) {
		e->value = outage_scope_code((enum outage_scope)k);
	}
	return CD_OK;
}
