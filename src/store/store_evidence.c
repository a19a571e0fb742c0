/* store_evidence.c — store_evidence.h handed to the backend's ops (the rest of store.h is in
 * store.c). */
#include "store_int.h"

enum cd_err store_evidence_add(struct store *s, struct evidence_row *e, const void *bytes,
			       struct cd_diag *d)
{
	return s->ops->evidence_add(s, e, bytes, d);
}

enum cd_err store_evidence_get(struct store *s, int64_t id, struct arena *a,
			       struct evidence_row *out, struct cd_diag *d)
{
	return s->ops->evidence_get(s, id, a, out, d);
}

enum cd_err store_evidence_list(struct store *s, const char *kind, int64_t owner,
				struct arena *a, struct evidence_row **out, size_t *n,
				struct cd_diag *d)
{
	return s->ops->evidence_list(s, kind, owner, a, out, n, d);
}

enum cd_err store_evidence_read(struct store *s, const char *sm3, uint64_t off, void *buf,
				size_t n, struct cd_diag *d)
{
	return s->ops->evidence_read(s, sm3, off, buf, n, d);
}

enum cd_err store_evidence_withdraw(struct store *s, int64_t id, cd_time at, const char *by,
				    const char *reason, struct cd_diag *d)
{
	return s->ops->evidence_withdraw(s, id, at, by, reason, d);
}
