/* calendar_load.c — built-in official years plus imported ones, as one calendar. */
#include "calendar_load.h"

#include <pthread.h>
#include <string.h>

#include "core/arena.h"
#include "embed/embed.h"
#include "io/holidays.h"

/* The built-in years, parsed once for the process (read-only from then on; the server's threads
 * share them): the JSON parse was most of what a request spent on its calendar. */
static struct {
	pthread_once_t once;
	struct arena *a;
	struct holidays days;
	enum cd_err rc;
	struct cd_diag d;
} builtin = {.once = PTHREAD_ONCE_INIT};

static void builtin_parse(void)
{
	const struct embed_file *f = embed_find("data/cn-holidays.json");

	if (!f) {
		builtin.rc = cd_diag_set(&builtin.d, CD_ENOTFOUND,
					 "this build has no holiday calendar (data/)");
		return;
	}
	if (!(builtin.a = arena_new(0))) {
		builtin.rc = cd_diag_set(&builtin.d, CD_ENOMEM, "out of memory");
		return;
	}
	builtin.rc = holidays_parse(f->data, f->len, f->name, builtin.a, &builtin.days, &builtin.d);
}

enum cd_err calendar_from_data(struct store *s, struct calendar **out, struct cd_diag *d)
{
	struct arena *a;
	struct holidays base;
	struct calendar_entry *extra = NULL, *all;
	size_t nextra = 0;
	int from = 0, to = 0;
	enum cd_err rc;

	*out = NULL;
	pthread_once(&builtin.once, builtin_parse);
	if (builtin.rc) {
		if (d)
			*d = builtin.d;
		return builtin.rc;
	}
	base = builtin.days;
	if (!(a = arena_new(0)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = CD_OK;
	if (s)
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
