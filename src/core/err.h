/* err.h — the one error vocabulary of cyberduty.
 * Every fallible function returns enum cd_err; CD_OK is 0. A struct cd_diag carries the
 * human-readable detail ("file:line: what is wrong") next to the code. */
#ifndef CD_ERR_H
#define CD_ERR_H

#include <stddef.h>

#include "lang.h" /* messages are translated where they are formatted */

enum cd_err {
	CD_OK = 0,
	CD_ENOMEM,     /* allocation failed or a hard cap was reached */
	CD_EINVAL,     /* input is malformed or violates a rule; the diag says which */
	CD_ENOTFOUND,  /* a referenced record does not exist */
	CD_ECONFLICT,  /* the record exists already, or a uniqueness rule is broken */
	CD_EIO,        /* a file could not be read or written */
	CD_ESTORE,     /* the database failed (not the caller's fault) */
	CD_EVERSION,   /* the database schema is newer than this binary */
	CD__MAX
};

/* A diagnostic: the message a user sees. Empty string when nothing was said. */
struct cd_diag {
	char msg[512];
};

/* cd_strerror returns a static name for err in the thread's language (lang.h); never NULL. */
const char *cd_strerror(enum cd_err err);

/* cd_diag_set formats fmt, in the thread's language (lang_tr), into d (truncating safely) and
 * returns err, so callers can write
 * `return cd_diag_set(d, CD_EINVAL, "%s:%d: …", …);`. d may be NULL. */
enum cd_err cd_diag_set(struct cd_diag *d, enum cd_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* cd_diag_prefix prepends "prefix: " to an existing message in d (d may be NULL); a prefix the
 * catalogue knows is translated. */
void cd_diag_prefix(struct cd_diag *d, const char *prefix);

#endif
