/* policy.c — the shared policy: one built per profile text, reference-counted under a mutex. */
#include "policy.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/incident_data.h"
#include "profile/profile_load.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct policy *current; /* the one shared; holds a reference of its own */

static void policy_free(struct policy *pol)
{
	if (!pol)
		return;
	profile_free(pol->p);
	arena_free(pol->a);
	free(pol->source);
	free(pol);
}

/* build makes a policy of profile p (consumed) with one reference. */
static enum cd_err build(struct profile *p, char *source, size_t len, struct policy **out,
			 struct cd_diag *d)
{
	struct policy *pol = calloc(1, sizeof *pol);
	enum cd_err rc = CD_OK;

	if (!pol || !(pol->a = arena_new(0))) {
		free(pol);
		profile_free(p);
		free(source);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	pol->p = p;
	pol->source = source;
	pol->len = len;
	pol->refs = 1;
	rc = incident_data_builtin(pol->a, &pol->rules, &pol->classes, d);
	if (!rc)
		rc = cond_parse_profile(p, pol->a, &pol->conds, d);
	if (rc) {
		policy_free(pol);
		return rc;
	}
	*out = pol;
	return CD_OK;
}

enum cd_err policy_build(struct profile *p, const struct policy **out, struct cd_diag *d)
{
	struct policy *pol = NULL;
	enum cd_err rc = build(p, NULL, 0, &pol, d);

	*out = pol;
	return rc;
}

/* What this thread last handed out: the current policy as read through store `s` at data
 * generation `gen`. While the generation is the same the profile is too (a change of the profile
 * moves it), so the profile's text — ten KiB and more, read and compared on every request — is
 * not read again. Compared with `current` under the lock: a policy replaced since is not used. */
static _Thread_local struct {
	const struct store *s;
	int64_t gen;
	const struct policy *pol;
} seen;

enum cd_err policy_get(struct store *s, const struct policy **out, struct cd_diag *d)
{
	char *id = NULL, *src = NULL;
	size_t len = 0;
	struct profile *p = NULL;
	struct policy *pol = NULL, *old = NULL;
	int64_t gen = 0;
	bool have_gen = store_generation(s, &gen, NULL) == CD_OK;
	enum cd_err rc;

	*out = NULL;
	if (have_gen) {
		pthread_mutex_lock(&lock);
		if (current && seen.pol == current && seen.s == s && seen.gen == gen) {
			current->refs++;
			*out = current;
		}
		pthread_mutex_unlock(&lock);
		if (*out)
			return CD_OK;
	}
	seen.pol = NULL;
	rc = store_profile_get(s, &id, &src, &len, d);
	free(id);
	if (rc) {
		free(src);
		return rc == CD_ENOTFOUND ? cd_diag_set(d, CD_ESTORE, "the database holds no profile "
							      "(not initialised: cyberduty init)")
					  : rc;
	}
	pthread_mutex_lock(&lock);
	if (current && current->len == len && !memcmp(current->source, src, len)) {
		current->refs++;
		*out = current;
	}
	pthread_mutex_unlock(&lock);
	if (*out) {
		free(src);
		if (have_gen)
			seen.s = s, seen.gen = gen, seen.pol = *out;
		return CD_OK;
	}
	rc = profile_load_buffer(src, len, "profile as installed", &p, d);
	if (rc) {
		free(src);
		return rc == CD_ENOMEM ? rc : CD_ESTORE;
	}
	if ((rc = build(p, src, len, &pol, d)))
		return rc;
	pthread_mutex_lock(&lock);
	old = current;
	current = pol;
	pol->refs++; /* the cache's and the caller's */
	if (old && --old->refs == 0)
		policy_free(old);
	else
		old = NULL;
	pthread_mutex_unlock(&lock);
	*out = pol;
	if (have_gen)
		seen.s = s, seen.gen = gen, seen.pol = pol;
	return CD_OK;
}

void policy_put(const struct policy *cpol)
{
	struct policy *pol = (struct policy *)(uintptr_t)cpol; /* ours: handed out const */
	bool last;

	if (!pol)
		return;
	pthread_mutex_lock(&lock);
	last = --pol->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last)
		policy_free(pol);
}

void policy_cache_clear(void)
{
	struct policy *pol;

	pthread_mutex_lock(&lock);
	pol = current;
	current = NULL;
	pthread_mutex_unlock(&lock);
	policy_put(pol);
}

enum cd_err policy_notice_default(struct store *s, int *days, struct cd_diag *d)
{
	char *v = NULL, *end = NULL;
	enum cd_err rc = store_meta_get(s, POLICY_NOTICE_DEFAULT, &v, d);
	long n;

	*days = 0;
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	n = v ? strtol(v, &end, 10) : 0;
	if (v && end != v && !*end && n > 0 && n <= POLICY_NOTICE_DEFAULT_MAX)
		*days = (int)n;
	free(v);
	return CD_OK;
}

enum cd_err policy_feedback_approval(struct store *s, bool *on, struct cd_diag *d)
{
	char *v = NULL;
	enum cd_err rc = store_meta_get(s, POLICY_FEEDBACK_APPROVAL, &v, d);

	*on = false;
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	*on = v && !strcmp(v, "1");
	free(v);
	return CD_OK;
}

enum cd_err policy_reporter_type(struct store *s, bool *set, enum reporter *r, struct cd_diag *d)
{
	char *v = NULL;
	enum cd_err rc = store_meta_get(s, POLICY_REPORTER_TYPE, &v, d);
	int k;

	*set = false;
	*r = REPORTER_OTHER;
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	if (v && (k = reporter_parse(v)) >= 0) {
		*set = true;
		*r = (enum reporter)k;
	}
	free(v);
	return CD_OK;
}

enum cd_err policy_profile_with(struct store *s, const struct profile *base, struct arena *a,
				const struct profile **out, struct cd_diag *d)
{
	struct profile *p;
	int days = 0;
	enum cd_err rc;

	*out = base;
	if (base->numbers.rectify_workdays > 0)
		return CD_OK; /* the policy's own period always applies */
	if ((rc = policy_notice_default(s, &days, d)) || !days)
		return rc;
	if (!(p = arena_alloc(a, sizeof *p)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	*p = *base;
	p->numbers.rectify_workdays = days;
	p->numbers.rectify_default = true;
	p->numbers.rectify_article = "本单位设定的默认整改时限（政策未规定）";
	*out = p;
	return CD_OK;
}
