/* audit.h — the audit log (审计日志): every write, sign-in, sign-out, failure, lock-out,
 * permission change and read of personal data, appended with time, actor, IP, action, object,
 * the values before and after, and the outcome. Append-only (the database refuses updates and
 * deletes) and chained with SM3 (GB/T 32905-2016, OpenSSL): each entry's hash covers its fields
 * and the previous entry's hash, so `cyberduty audit verify` finds the first entry that was
 * changed, deleted, inserted or reordered directly in the database file. Entries older than the
 * retention (at least six months, Cybersecurity Law art. 21(3)) leave the database only into an
 * archive file whose chain still verifies and joins the database's. */
#ifndef CD_AUDIT_H
#define CD_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "store/store.h"

#define AUDIT_HASH_HEX 64 /* SM3: 32 bytes as lower-case hex */

/* Outcomes. */
#define AUDIT_OK      "ok"      /* done */
#define AUDIT_DENIED  "denied"  /* not allowed (role, scope, CSRF, not signed in) */
#define AUDIT_INVALID "invalid" /* refused as bad input (nothing written) */
#define AUDIT_FAILED  "failed"  /* a sign-in that failed */
#define AUDIT_LOCKED  "locked"  /* the failure that locked the account, or a locked account */

/* One entry as a caller gives it; strings may be NULL (stored as empty / NULL). before and after
 * are JSON texts (the record's values), NULL when there is none. */
struct audit_entry {
	cd_time at;
	const char *actor;   /* account name, "token:<id>", "cli:<os user>" or "-" */
	const char *ip;      /* client address; "" for the command line */
	const char *action;  /* dotted: "session.login", "asset.create", "notice.rectify", … */
	const char *object;  /* "asset:12", "account:3", … or "" */
	const char *before, *after;
	const char *outcome; /* AUDIT_OK … */
};

/* audit_append appends e inside the caller's open transaction (store_begin … store_commit), so
 * an act and its entry are written together or not at all. */
enum cd_err audit_append(struct store *s, const struct audit_entry *e, struct cd_diag *d);

/* audit_record appends e in a transaction of its own (for what writes nothing else: a failed
 * sign-in, a refusal, a read of personal data). */
enum cd_err audit_record(struct store *s, const struct audit_entry *e, struct cd_diag *d);

#endif
