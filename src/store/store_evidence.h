/* store_evidence.h — evidence files (证明材料) attached to a notice, an incident or a record:
 * the bytes kept once per SM3 digest, and the attachments naming them with their owner
 * (kind, id), name, sniffed type, size and who added them when (schema 0013). Nothing is
 * changed or deleted. Included by store.h. */
#ifndef CD_STORE_EVIDENCE_H
#define CD_STORE_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"

struct store;

#define EVIDENCE_SM3_HEX 64

/* An attachment as kept. Strings are borrowed (from the caller on add, from the arena on
 * reads). */
struct evidence_row {
	int64_t id;
	const char *owner_kind;   /* "notice", "incident", "record" ("assessment" later) */
	int64_t owner_id;
	const char *name;         /* the file's name as given (UTF-8) */
	const char *type;         /* the MIME type its bytes were judged to be */
	int64_t size;             /* bytes */
	char sm3[EVIDENCE_SM3_HEX + 1]; /* lower-case hex */
	cd_time added_at;
	const char *added_by;     /* the audit's actor */
	cd_time withdrawn_at;     /* CD_TIME_NONE while it stands */
	const char *withdrawn_by, *withdraw_reason;
};

/* store_evidence_add keeps bytes[0..e->size) under e->sm3 (once: bytes already kept under the
 * digest are not written again) and inserts the attachment e, setting e->id. Not itself a
 * transaction. */
enum cd_err store_evidence_add(struct store *s, struct evidence_row *e, const void *bytes,
			       struct cd_diag *d);

/* store_evidence_get reads attachment id into arena a; CD_ENOTFOUND when there is none. */
enum cd_err store_evidence_get(struct store *s, int64_t id, struct arena *a,
			       struct evidence_row *out, struct cd_diag *d);

/* store_evidence_list reads the attachments of owner (kind, id), in id order, into arena a. */
enum cd_err store_evidence_list(struct store *s, const char *kind, int64_t owner,
				struct arena *a, struct evidence_row **out, size_t *n,
				struct cd_diag *d);

/* store_evidence_withdraw marks attachment id withdrawn at `at` by `by` for `reason` — the
 * one change an attachment takes; its bytes stay. CD_ENOTFOUND when there is no such
 * attachment standing (none, or withdrawn already). Not itself a transaction. */
enum cd_err store_evidence_withdraw(struct store *s, int64_t id, cd_time at, const char *by,
				    const char *reason, struct cd_diag *d);

/* store_evidence_read copies bytes [off, off + n) of the file kept under sm3 into buf; CD_EINVAL
 * when the range lies past its end, CD_ENOTFOUND when no file is kept under sm3. Reads the
 * stored value piecewise (incremental blob I/O): a caller can send a large file in chunks. */
enum cd_err store_evidence_read(struct store *s, const char *sm3, uint64_t off, void *buf,
				size_t n, struct cd_diag *d);

#endif
