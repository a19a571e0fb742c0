/* store_verdict.c — store_verdict.h handed to the backend's ops. */
#include <string.h>

#include "store_int.h"

enum cd_err store_verdicts_missing(struct store *s, cd_time now, struct arena *a,
				   int64_t **notices, size_t *nn, int64_t **incidents, size_t *ni,
				   struct cd_diag *d)
{
	return s->ops->verdicts_missing(s, now, a, notices, nn, incidents, ni, d);
}

enum cd_err store_incident_verdict_get(struct store *s, int64_t id, struct incident_verdict *out,
				       bool *found, struct cd_diag *d)
{
	return s->ops->incident_verdict_get(s, id, out, found, d);
}

enum cd_err store_notice_verdict_put(struct store *s, const struct notice_verdict *v,
				     struct cd_diag *d)
{
	return s->ops->notice_verdict_put(s, v, d);
}

enum cd_err store_incident_verdict_put(struct store *s, const struct incident_verdict *v,
				       struct cd_diag *d)
{
	return s->ops->incident_verdict_put(s, v, d);
}

enum cd_err store_notice_tally(struct store *s, int64_t scope, cd_time now, struct arena *a,
			       struct notice_tally *out, struct cd_diag *d)
{
	return s->ops->notice_tally(s, scope, now, a, out, d);
}

enum cd_err store_incident_tally(struct store *s, int64_t scope, cd_time now, struct arena *a,
				 struct incident_tally *out, struct cd_diag *d)
{
	return s->ops->incident_tally(s, scope, now, a, out, d);
}

struct incident_class_count *store_incident_tally_class(struct incident_tally *t, struct arena *a,
							const char *code, int64_t first)
{
	struct incident_class_count *c;

	for (size_t i = 0; i < t->nclasses; i++)
		if (!strcmp(t->classes[i].code, code)) {
			if (first < t->classes[i].first)
				t->classes[i].first = first;
			return &t->classes[i];
		}
	if (!(c = arena_grow(a, &t->classes, &t->nclasses, &t->capclasses, sizeof *c)) ||
	    !(c->code = arena_strdup(a, code)))
		return NULL;
	c->first = first;
	c->n = 0;
	return c;
}
