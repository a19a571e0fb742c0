/* store_assess.c — store_assess.h handed to the backend's ops. */
#include "store_int.h"

enum cd_err store_assess_template_put(struct store *s, const char *template_id,
				      const char *source, int64_t *id, struct cd_diag *d)
{
	return s->ops->assess_template_put(s, template_id, source, id, d);
}

enum cd_err store_assess_add(struct store *s, struct assess_rec *r, struct cd_diag *d)
{
	return s->ops->assess_add(s, r, d);
}

enum cd_err store_assess_get(struct store *s, int64_t id, struct arena *a, struct assess_rec *out,
			     struct cd_diag *d)
{
	return s->ops->assess_get(s, id, 0, 0, a, out, d);
}

enum cd_err store_assess_latest(struct store *s, int64_t unit, int year, struct arena *a,
				struct assess_rec *out, struct cd_diag *d)
{
	return s->ops->assess_get(s, 0, unit, year, a, out, d);
}

enum cd_err store_assess_within(struct store *s, int64_t id, int64_t top, bool *yes,
				struct cd_diag *d)
{
	return s->ops->assess_within(s, id, top, yes, d);
}

enum cd_err store_assess_page(struct store *s, const struct assess_query *q, struct arena *a,
			      struct assess_rec **out, size_t *n, struct cd_diag *d)
{
	return s->ops->assess_page(s, q, a, out, n, d);
}

enum cd_err store_assess_update(struct store *s, const struct assess_rec *r, struct cd_diag *d)
{
	return s->ops->assess_update(s, r, d);
}

enum cd_err store_assess_value_put(struct store *s, int64_t sheet, const struct assess_value_rec *v,
				   struct cd_diag *d)
{
	return s->ops->assess_value_put(s, sheet, v, d);
}

enum cd_err store_assess_values(struct store *s, int64_t sheet, struct arena *a,
				struct assess_value_rec **out, size_t *n, struct cd_diag *d)
{
	return s->ops->assess_values(s, sheet, a, out, n, d);
}

enum cd_err store_assess_step_add(struct store *s, int64_t sheet, struct assess_step_rec *e,
				  struct cd_diag *d)
{
	return s->ops->assess_step_add(s, sheet, e, d);
}

enum cd_err store_assess_steps(struct store *s, int64_t sheet, struct arena *a,
			       struct assess_step_rec **out, size_t *n, struct cd_diag *d)
{
	return s->ops->assess_steps(s, sheet, a, out, n, d);
}

enum cd_err store_assess_ranking(struct store *s, int64_t scope, int year, size_t max,
				 struct arena *a, struct assess_rank_rec **out, size_t *n,
				 struct cd_diag *d)
{
	return s->ops->assess_ranking(s, scope, year, max, a, out, n, d);
}

enum cd_err store_assess_proofs(struct store *s, enum assess_source src, const char *kind,
				int64_t unit, int year, cd_date day, size_t max, struct arena *a,
				struct assess_proof_rec **out, size_t *n, struct assess_tally *t,
				struct cd_diag *d)
{
	return s->ops->assess_proofs(s, src, kind, unit, year, day, max, a, out, n, t, d);
}
