/* book.c — loading the deadline book, and the incident services built on it. */
#include "book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendar_load.h"
#include "io/incident_data.h"
#include "svc/policy.h"

void book_free(struct book *b)
{
	reg_free(b->reg);
	calendar_free(b->cal);
	arena_free(b->a);
	oblig_list_free(&b->obl);
	memset(b, 0, sizeof(*b));
}

/* events_of builds the repeat-rule events of notices v[0..n) (one per notice and asset) in a. */
static enum cd_err events_of(const struct notice *v, size_t n, struct arena *a,
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
	rc = policy_profile_with(s, p, b->a, &b->p, d);
	if (!rc)
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
	if (!rc && (events_of(b->notices, b->nnotices, b->a, &b->events, &b->nevents) ||
		    incident_events(b)))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc && b->nevents)
		asset_events_sort(b->events, b->nevents);
	if (!rc)
		rc = store_records_load(s, b->a, &b->records, &b->nrecords, d);
	if (!rc)
		rc = policy_reporter_type(s, &b->org_reporter_set, &b->org_reporter, d);
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
		.nevents = b->nevents, .incidents = b->incidents, .nincidents = b->nincidents,
		.classes = &b->classes, .org_reporter_set = b->org_reporter_set,
		.org_reporter = b->org_reporter};
	return rc;
}
