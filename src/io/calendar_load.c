/* calendar_load.c — built-in official years plus imported ones, as one calendar. */
#include "calendar_load.h"

#include <string.h>

#include "core/arena.h"
#include "embed/embed.h"
#include "io/holidays.h"

enum cd_err calendar_from_data(struct store *s, struct calendar **out, struct cd_diag *d)
{
	const struct embed_file *f = embed_find("data/cn-holidays.json");
	struct arena *a;
	struct holidays base;
	struct calendar_entry *extra = NULL, *all;
	size_t nextra = 0;
	int from = 0, to = 0;
	enum cd_err rc;

	*out = NULL;
	if (!f)
		return cd_diag_set(d, CD_ENOTFOUND, "this build has no holiday calendar (data/)");
	if (!(a = arena_new(0)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = holidays_parse(f->data, f->len, f->name, a, &base, d);
	if (!rc && s)
		rc = store_calendar_load(s, a, &extra, &nextra, &from, &to, d);
	all = rc ? NULL : arena_alloc(a, (base.ndays + nextra + 1) * sizeof(*all));
	if (!rc && !all)
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc) {
		memcpy(all, base.days, base.ndays * sizeof(*all));
		if (nextra)
			memcpy(all + base.ndays, extra, nextra * sizeof(*all));
		rc = calendar_new(all, base.ndays + nextra, base.year_from,
				  to > base.year_to ? to : base.year_to, out, d);
	}
	arena_free(a);
	return rc;
}
