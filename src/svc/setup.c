/* setup.c — the profile and the official calendars as acts (svc/setup.h). */
#include "svc/setup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/book.h"

/* profile_write puts p in force, replacing the profile `was` (NULL for none). */
static enum cd_err profile_write(struct act *c, const struct profile *p, const char *was)
{
	char obj[160], today[11];
	cd_date day = time_cst_date(c->now);
	json_t *after = NULL;
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = store_profile_set(c->s, p->id, p->version, p->source, p->source_len,
			       date_format(day, today), c->d);
	if (!rc)
		rc = book_start(c->s, day, c->d);
	if (!rc)
		after = json_pack("{s:s, s:i, s:o}", "profile", p->id, "version", p->version, "was",
				  jnull_str(was));
	snprintf(obj, sizeof obj, "profile:%s", p->id);
	return act_end(c, rc, "profile.set", obj, NULL, after);
}

enum cd_err svc_profile_set(struct act *c, const struct profile *p, bool *changed, bool *first)
{
	char *cur_id = NULL, *cur_src = NULL;
	size_t cur_len = 0;
	enum cd_err rc = store_profile_get(c->s, &cur_id, &cur_src, &cur_len, c->d);

	if (rc == CD_ENOTFOUND)
		rc = CD_OK;
	*first = !rc && !cur_id;
	/* the same text in force already: nothing to write */
	*changed = !rc && !(cur_src && cur_len == p->source_len &&
			    !memcmp(cur_src, p->source, cur_len));
	if (*changed)
		rc = profile_write(c, p, cur_id);
	*changed = *changed && !rc;
	free(cur_id);
	free(cur_src);
	return rc;
}

/* merged checks that the days of h make one calendar with the years held in `held` (a run of
 * days off may cross the new year). */
static enum cd_err merged(struct act *c, const struct calendar *held, int from, int to,
			  const struct holidays *h, const char *file)
{
	struct calendar *all_cal = NULL;
	struct calendar_entry *all;
	size_t nold = 0, nall = h->ndays;
	enum cd_err rc;

	for (int y = from; y <= to; y++) {
		const struct calendar_entry *e;

		nall += calendar_entries(held, y, &e);
	}
	if (!(all = arena_alloc(c->a, (nall + 1) * sizeof *all)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (int y = from; y <= to; y++) {
		const struct calendar_entry *e;
		size_t k = calendar_entries(held, y, &e);

		memcpy(all + nold, e, k * sizeof *e);
		nold += k;
	}
	memcpy(all + nold, h->days, h->ndays * sizeof *all);
	rc = calendar_new(all, nall, from, h->year_to, &all_cal, c->d);
	if (rc)
		cd_diag_prefix(c->d, file);
	calendar_free(all_cal);
	return rc;
}

enum cd_err svc_calendar_import(struct act *c, const struct holidays *h, const char *file)
{
	const struct calendar *held = NULL;
	char obj[32], today[11];
	int from = 0, to = 0;
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	/* checked inside the transaction: two imports of one year cannot both pass */
	rc = act_calendar(c, &held);
	if (!rc && calendar_years(held, &from, &to) && h->year_from <= to)
		rc = cd_diag_set(c->d, CD_ECONFLICT,
				 "%s: %d already has an official calendar (held: %d-%d)", file,
				 h->year_from, from, to);
	else if (!rc && h->year_from != to + 1)
		rc = cd_diag_set(c->d, CD_EINVAL,
				 "%s: calendars are added year by year: the next one is %d, not %d",
				 file, to + 1, h->year_from);
	if (!rc)
		rc = merged(c, held, from, to, h, file);
	if (!rc)
		rc = store_calendar_add(c->s, h->year_from, h->year_to, h->source,
					date_format(time_cst_date(c->now), today), h->days,
					h->ndays, c->d);
	snprintf(obj, sizeof obj, "calendar:%d", h->year_from);
	return act_end(c, rc, "calendar.import", obj, NULL,
		       rc ? NULL
			  : json_pack("{s:i, s:i, s:I}", "year_from", h->year_from, "year_to",
				      h->year_to, "days", (json_int_t)h->ndays));
}
