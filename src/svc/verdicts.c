/* verdicts.c — the verdicts kept beside each notice and incident (schema 0038, store_verdict.h):
 * each act that writes a notice or an incident keeps its verdict in its own transaction
 * (notices.c, incidents.c); what the database's triggers delete — a change the acts do not see
 * one by one: the calendar, the structure, the profile, a setting, a system — and what the clock
 * makes stale (an incident's valid_until passed) is computed again here before the next count. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed/embed.h"
#include "svc/work.h"

/* What a kept verdict was computed by, besides the data the triggers of schema 0038 watch: the
 * engine (VERDICT_ENGINE: raise it when what a verdict holds or how the engine decides it
 * changes) and the data built into the binary (the grading thresholds, the incident classes,
 * the official calendar). A database last counted by another build has its verdicts dropped
 * and kept again: the meta key below is written, and writing it deletes them (0038). */
#define VERDICT_ENGINE 3 /* 2: what a line of the incidents list shows (0043); 3: with the grade
			  * confirmed and the case stage (0047) */
#define VERDICT_KEY    "verdicts_of"

static const char *const built_in[] = {"data/incident-grades.json",
				       "data/incident-classes.json", "data/cn-holidays.json"};
static char fingerprint[40];
static pthread_once_t fingerprint_once = PTHREAD_ONCE_INIT;

/* fingerprint_make: FNV-1a (64 bits) over the built-in data, with the engine's number */
static void fingerprint_make(void)
{
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < sizeof built_in / sizeof *built_in; i++) {
		const struct embed_file *f = embed_find(built_in[i]);

		for (size_t k = 0; f && k < f->len; k++)
			h = (h ^ (unsigned char)f->data[k]) * 1099511628211u;
	}
	snprintf(fingerprint, sizeof fingerprint, "%d-%016llx", VERDICT_ENGINE,
		 (unsigned long long)h);
}

/* same_build: the kept verdicts were computed by this build (*yes) */
static enum cd_err same_build(struct act *c, bool *yes)
{
	char *v = NULL;
	enum cd_err rc = store_meta_get(c->s, VERDICT_KEY, &v, c->d);

	pthread_once(&fingerprint_once, fingerprint_make);
	*yes = !rc && v && !strcmp(v, fingerprint);
	free(v);
	return rc == CD_ENOTFOUND ? CD_OK : rc;
}

enum cd_err svc_verdicts_current(struct act *c, bool *yes)
{
	return same_build(c, yes);
}

enum cd_err svc_verdicts_keep(struct act *c, size_t *kept)
{
	int64_t *notices = NULL, *incidents = NULL;
	size_t nn = 0, ni = 0;
	bool same = false;
	enum cd_err rc = same_build(c, &same);

	*kept = 0;
	/* another build's: writing this build's mark deletes them all (0038) */
	if (!rc && !same)
		rc = store_meta_set(c->s, VERDICT_KEY, fingerprint, c->d);
	if (!rc)
		rc = store_verdicts_missing(c->s, c->now, c->a, &notices, &nn, &incidents, &ni,
					    c->d);
	for (size_t i = 0; !rc && i < nn; i++)
		rc = svc_notice_verdict_keep(c, notices[i]);
	for (size_t i = 0; !rc && i < ni; i++)
		rc = svc_incident_verdict_keep(c, incidents[i]);
	if (!rc)
		*kept = nn + ni;
	return rc;
}

enum cd_err svc_verdicts_read(struct act *c, bool *own)
{
	int64_t *notices = NULL, *incidents = NULL;
	size_t nn = 0, ni = 0, kept = 0;
	bool same = false;
	enum cd_err rc = act_read_begin(c, own);

	if (!rc)
		rc = same_build(c, &same);
	if (!rc)
		rc = store_verdicts_missing(c->s, c->now, c->a, &notices, &nn, &incidents, &ni, c->d);
	if (!rc && !same)
		nn++; /* kept by another build: all to keep again */
	if (rc || (!nn && !ni))
		return rc ? act_read_end(c, *own, rc) : CD_OK;
	if (!*own) /* inside the caller's act (a write transaction): keep them there */
		return svc_verdicts_keep(c, &kept);
	/* some are missing: keep them, in a write transaction that the reads then stay in */
	if ((rc = act_read_end(c, *own, CD_OK)) || (rc = store_begin(c->s, c->d)))
		return rc;
	if ((rc = svc_verdicts_keep(c, &kept)))
		store_rollback(c->s);
	return rc;
}
