/* calendar_load.c — built-in official years plus imported ones, as one calendar. */
#include "calendar_load.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

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

/* The calendar last built from the imported years, shared while they stay the same: building
 * one (a bitmap over every covered year) was a tenth of what an incident's event cost the
 * server's writer (bench/RESULTS.md, "Writes: where the time went"). The imported days are read
 * each time (a few rows, none in most databases) and compared with those it was built from. */
static struct {
	pthread_mutex_t mu;
	struct calendar *cal;
	struct arena *a;        /* the copy of the imported days it was built from */
	struct calendar_entry *extra;
	size_t n;
	int from, to;
} kept = {.mu = PTHREAD_MUTEX_INITIALIZER};
static once_flag dropping = ONCE_FLAG_INIT;

static bool same_days(const struct calendar_entry *x, size_t n, int from, int to)
{
	if (!kept.cal || n != kept.n || from != kept.from || to != kept.to)
		return false;
	for (size_t i = 0; i < n; i++)
		if (x[i].date != kept.extra[i].date || x[i].kind != kept.extra[i].kind ||
		    strcmp(x[i].name, kept.extra[i].name))
			return false;
	return true;
}

/* drop releases the kept calendar's share at exit, so that leak checkers see nothing held. */
static void drop(void)
{
	pthread_mutex_lock(&kept.mu);
	calendar_free(kept.cal);
	arena_free(kept.a);
	kept.cal = NULL;
	kept.a = NULL;
	pthread_mutex_unlock(&kept.mu);
}

static void drop_at_exit(void)
{
	atexit(drop);
}

/* keep makes cal (built from x[0..n)) the one shared: best effort (out of memory: not kept). */
static void keep(struct calendar *cal, const struct calendar_entry *x, size_t n, int from, int to)
{
	struct arena *a = arena_new(0);
	struct calendar_entry *copy = a && n ? arena_alloc(a, n * sizeof *copy) : NULL;
	bool ok = a && (!n || copy);

	for (size_t i = 0; ok && i < n; i++) {
		copy[i] = x[i];
		ok = (copy[i].name = arena_strdup(a, x[i].name)) != NULL;
	}
	if (!ok) {
		arena_free(a);
		return;
	}
	call_once(&dropping, drop_at_exit);
	pthread_mutex_lock(&kept.mu);
	calendar_free(kept.cal);
	arena_free(kept.a);
	kept.cal = calendar_share(cal);
	kept.a = a;
	kept.extra = copy;
	kept.n = n;
	kept.from = from;
	kept.to = to;
	pthread_mutex_unlock(&kept.mu);
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
	if (!rc) {
		pthread_mutex_lock(&kept.mu);
		if (same_days(extra, nextra, from, to))
			*out = calendar_share(kept.cal);
		pthread_mutex_unlock(&kept.mu);
		if (*out) {
			arena_free(a);
			return CD_OK;
		}
	}
	all = rc ? NULL : arena_alloc(a, (base.ndays + nextra + 1) * sizeof(*all));
	if (!rc && !all)
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc) {
		memcpy(all, base.days, base.ndays * sizeof(*all));
		if (nextra)
			memcpy(all + base.ndays, extra, nextra * sizeof(*all));
		rc = calendar_new(all, base.ndays + nextra, base.year_from,
				  to > base.year_to ? to : base.year_to, out, d);
		if (!rc)
			keep(*out, extra, nextra, from, to);
	}
	arena_free(a);
	return rc;
}
