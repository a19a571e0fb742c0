/* audit.h — the audit log (审计日志): every write, sign-in, sign-out, failure, lock-out,
 * permission change and read of personal data, appended with time, actor, IP, action, object,
 * the values before and after, and the outcome. Append-only (the database refuses updates and
 * deletes) and chained with SM3 (GB/T 32905-2016, OpenSSL): each entry's hash covers its fields
 * and the previous entry's hash, so `cyberduty audit verify` finds the first entry that was
 * changed, deleted, inserted or reordered directly in the database file. Entries older than the
 * retention (at least six months, Cybersecurity Law art. 21(3); art. 23 since the amendment in
 * force 2026-01-01) leave the database only into an archive file whose chain still verifies and
 * joins the database's. docs/audit.md says what is hashed, byte by byte. */
#ifndef CD_AUDIT_H
#define CD_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/date.h"
#include "core/err.h"
#include "core/lang.h"
#include "store/store.h"

#define AUDIT_HASH_HEX 64 /* SM3: 32 bytes as lower-case hex */

/* Caps on what one entry may carry (CD_EINVAL above them), so that an archive line stays
 * under 1 MiB whatever the text. */
#define AUDIT_TEXT_MAX  1024  /* actor, ip, action, object, outcome: bytes */
#define AUDIT_VALUE_MAX 65536 /* before, after: bytes */

/* Retention: the meta setting, its default and its floor — network logs are kept at least six
 * months (the law, as messages cite it: the article moved with the amendment in force
 * 2026-01-01). */
#define AUDIT_RETENTION_LAW "Cybersecurity Law art. 21(3), art. 23 from 2026-01-01"
#define AUDIT_RETENTION_KEY "audit_retention_days"
#define AUDIT_RETENTION_MIN 183
#define AUDIT_RETENTION_MAX 36600 /* a hundred years; more is taken for a typo */

/* Outcomes. */
#define AUDIT_OK      "ok"      /* done */
#define AUDIT_DENIED  "denied"  /* not allowed (role, scope, CSRF, not signed in) */
#define AUDIT_INVALID "invalid" /* refused as bad input (nothing written) */
#define AUDIT_FAILED  "failed"  /* a sign-in that failed */
#define AUDIT_LOCKED  "locked"  /* the failure that locked the account, or a locked account */

/* audit_outcome_known: o is one of the outcomes above. */
bool audit_outcome_known(const char *o);

/* The vocabulary as a person reads it (audit_action.c): audit_action_label gives the label of
 * an action (docs/audit.md, the names of older logs too) in the calling thread's language
 * (lang.h), NULL for an action it does not know; audit_outcome_label the same of an outcome.
 * The _in forms give the label in language l (an export's own language).
 * audit_action_count and audit_action_entry walk the table (its tests, `audit actions`). */
const char *audit_action_label(const char *action);
const char *audit_outcome_label(const char *outcome);
const char *audit_action_label_in(const char *action, enum lang l);
const char *audit_outcome_label_in(const char *outcome, enum lang l);
size_t audit_action_count(void);
void audit_action_entry(size_t i, const char **code, const char **zh, const char **en);

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

/* Both refuse with CD_EINVAL (nothing written) an entry without an action (1 to 128 bytes),
 * with an outcome other than AUDIT_OK … AUDIT_LOCKED, a text over its cap or not UTF-8, or at
 * CD_TIME_NONE; audit_append also refuses to run outside a transaction. CD_ECONFLICT when the
 * head moved between reading it and appending (the database refuses such an entry; the
 * BEGIN IMMEDIATE of store_begin keeps it from happening). */

/* audit_hash computes the SM3 hash of e (its seq, prev and fields; e->hash is not read) as
 * lower-case hex into hex. CD_ENOMEM when OpenSSL cannot hash (no SM3 in its providers). */
enum cd_err audit_hash(const struct store_audit_entry *e, char hex[AUDIT_HASH_HEX + 1],
                       struct cd_diag *d);

/* audit_hmac computes the HMAC-SM3 (GB/T 15852.2 with SM3) under key k of e — the encoding of
 * audit_hash with the tag "CDAUDITK" — as lower-case hex: the hash of a keyed entry (seq ≥
 * k->from). CD_ENOMEM when OpenSSL cannot. */
enum cd_err audit_hmac(const struct store_audit_key *k, const struct store_audit_entry *e,
                       char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d);

/* ---- the key (audit_key.c) ---- */

/* audit_key_path writes where s's audit key is kept: $CYBERDUTY_AUDIT_KEY, else the database's
 * path with ".key" appended. false when there is no such place (an in-memory database) or it
 * does not fit in n. */
bool audit_key_path(const struct store *s, char *out, size_t n);

/* audit_key_load reads s's audit key once per open store (store_audit_key(s) keeps it; later
 * calls do nothing). No key file and none recorded: CD_OK, unkeyed (a database from before
 * keys; `cyberduty init` makes one). Refused: CD_EIO when the database records a key whose file
 * cannot be read, CD_EINVAL when the file is readable by group or others, damaged, or not the
 * key the database records. audit_append and audit_verify call it. */
enum cd_err audit_key_load(struct store *s, struct cd_diag *d);

/* audit_key_create gives s an audit key when it has none: 32 random bytes in a new file at
 * audit_key_path (mode 0400, synced), the database's record of its id and first seq (the next
 * seq), and the entry "audit.key" — the first it covers — in one transaction; on failure no
 * file is left. *made says whether a key was made (false: s had one). CD_ECONFLICT when the
 * file exists but the database records no key; the errors of audit_key_load. Of `by` only at,
 * actor and ip are read. */
enum cd_err audit_key_create(struct store *s, const struct audit_entry *by, bool *made,
                             struct cd_diag *d);

/* audit_entry_json returns e as one JSON object {seq, at, actor, ip, action, object, before,
 * after, outcome, prev, hash} — before and after as the JSON texts recorded (strings) or null,
 * so the hash can be recomputed from the object alone. The caller owns it; NULL when out of
 * memory or a text is not UTF-8. */
json_t *audit_entry_json(const struct store_audit_entry *e);

/* ---- verification ---- */

enum audit_break {
	AUDIT_INTACT = 0,
	AUDIT_CHANGED, /* an entry's contents changed: its hash does not match its fields */
	AUDIT_MISSING, /* an entry is missing: the seqs jump (deleted) */
	AUDIT_PREV,    /* an entry does not chain to the one before: inserted, reordered, deleted */
	AUDIT_HEAD,    /* the chain ends elsewhere than the recorded (or the noted) head */
	AUDIT_ARCHIVE, /* an archive file is not what was archived (a line that is no entry, other
	                * bytes, other seqs), or an anchor that no audit.archive entry records,
	                * or archived entries that were within the retention */
};

/* A chain head: the seq and hash of the newest entry. */
struct audit_head {
	int64_t seq;
	char hash[AUDIT_HASH_HEX + 1];
};

/* audit_head_parse reads "SEQ:HASH" (as `audit verify` prints it) into *h; false when it is
 * not that. */
bool audit_head_parse(const char *s, struct audit_head *h);

struct audit_verify_opts {
	const char *const *archives; /* archive files to check with the database, any order */
	size_t narchives;
	const struct audit_head *noted; /* a head noted outside the database, or NULL */
};

struct audit_report {
	enum audit_break broken; /* AUDIT_INTACT when everything checked holds */
	int64_t seq;             /* the first broken entry (0 when the break names none) */
	char why[480];           /* one line: "seq 5: contents changed (…)", the file first when
	                          * the break is in an archive */
	int64_t first, last;     /* the seqs held in the database (0 when none) */
	int64_t archived;        /* entries up to this seq were archived (0: never) */
	size_t files;            /* archive files checked */
	struct audit_head head;  /* the head of the chain as verified (when intact) */
	int64_t keyed_from;      /* entries from this seq on are keyed (HMAC-SM3); 0: none */
	char key_id[17];         /* the key's id ("" when none) */
};

/* audit_verify walks the whole chain in seq order, in one read transaction, and fills *r:
 * intact, or the first broken entry and why. Entries from the key's first seq on
 * (r->keyed_from) must carry the HMAC-SM3 of their fields under the audit key (audit_key_load;
 * its errors are returned), those before it their SM3. The archived part is walked through
 * the files given (any order), each matched to the archive the database recorded by its first
 * seq: its entries must chain from the archive before it (64 zeros for the first), end at the
 * anchor's seq and hash, and the file must have the SM3 recorded; an archive whose file is not
 * given is a break (AUDIT_MISSING: those entries are not in what was checked), so a noted head
 * is never passed over a gap. Then the database's first entry must chain to the last anchor,
 * each entry to the one before, and the chain must end at the head recorded in the database
 * and, when o->noted is given, pass through it with the same hash. Last, each anchor must be
 * recorded by an "audit.archive" entry of the chain (same seqs, hashes and time) whose day to
 * archive before lies at least AUDIT_RETENTION_MIN days before it, and every entry of its file
 * must lie before that day (AUDIT_ARCHIVE otherwise: an anchor written around cyberduty). CD_OK
 * whether intact or not; CD_EIO when a file cannot be read, CD_EINVAL when a file is given
 * twice. */
enum cd_err audit_verify(struct store *s, const struct audit_verify_opts *o, struct audit_report *r,
                         struct cd_diag *d);

/* ---- retention and archive ---- */

/* audit_retention reads the retention in days: AUDIT_RETENTION_MIN when not set; CD_EINVAL
 * when the setting is not a number of days ≥ AUDIT_RETENTION_MIN. */
enum cd_err audit_retention(struct store *s, int *days, struct cd_diag *d);

/* audit_retention_set sets it, refusing (CD_EINVAL) fewer than AUDIT_RETENTION_MIN or more
 * than AUDIT_RETENTION_MAX days, and appends "audit.retention" (before/after: the days) in the
 * same transaction. Of `by` only at, actor and ip are read. */
enum cd_err audit_retention_set(struct store *s, int days, const struct audit_entry *by,
                                struct cd_diag *d);

struct audit_archived {
	int64_t from_seq, upto_seq; /* what went into the file; 0, 0 when nothing was old enough */
	char file_sm3[AUDIT_HASH_HEX + 1];
	cd_date before;            /* the entries archived are those before this day (CST) */
	struct audit_report check; /* the database's chain as verified first */
};

/* audit_archive moves the oldest entries, from the first in the database up to (not
 * including) the first one at or after 00:00 CST of day `before`, into a new file at path as
 * JSON lines (audit_entry_json), then records the anchor, deletes them and appends
 * "audit.archive" — one transaction, after the file is written and synced. `before`
 * CD_DATE_NONE means the retention's limit: today (of by->at) minus the retention. Refused:
 * CD_ECONFLICT when path exists (an archive is never overwritten), CD_EINVAL when `before`
 * lies within the retention or when the chain does not verify (out->check says where; an
 * archive keeps only an intact chain). Nothing old enough: CD_OK with out->upto_seq 0 and no
 * file. On any failure nothing is archived and no file is left. Of `by` only at, actor and ip
 * are read. */
enum cd_err audit_archive(struct store *s, const char *path, cd_date before,
                          const struct audit_entry *by, struct audit_archived *out,
                          struct cd_diag *d);

#endif
