/* store_audit.h — the audit log as stored: entries, the chain's head and the archive anchors
 * (src/audit/ builds, hashes and checks them; the store only keeps them). Included by store.h. */
#ifndef CD_STORE_AUDIT_H
#define CD_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

struct store;

/* The audit log as stored (src/audit/ builds, hashes and checks it; the store only keeps it).
 * Texts are as stored: at is RFC 3339 in China Standard Time, prev and hash 64 lower-case hex
 * digits; before and after may be NULL, the others are never NULL when read. */
struct store_audit_entry {
	int64_t seq;
	const char *at, *actor, *ip, *action, *object, *before, *after, *outcome;
	const char *prev, *hash;
};

/* An archive anchor: entries from_seq..upto_seq left the database into `file` (SM3 of its
 * bytes: file_sm3); last_hash is the hash of entry upto_seq. */
struct store_audit_anchor {
	int64_t from_seq, upto_seq;
	const char *last_hash, *file, *file_sm3, *archived_at;
};

/* What store_audit_find selects; NULL members do not filter. */
struct store_audit_filter {
	const char *from, *to; /* from <= at < to, RFC 3339 texts as stored */
	const char *actor;
	const char *action;    /* the action, or a prefix ending in "." ("notice.") */
	const char *outcome;
	size_t limit;          /* at most this many, the newest */
	int64_t before_seq;    /* only entries before this seq (a page of the API); 0 = any */
};

/* The key of the audit chain (HMAC-SM3), kept with an open store once src/audit/ has read it
 * from its file (audit_key.c): `loaded` once tried, `have` when there is one; entries from
 * seq `from` on are keyed. The store only carries it and wipes it at store_close. */
struct store_audit_key {
	bool loaded, have;
	unsigned char key[32];
	int64_t from;
	char id[17]; /* 16 hex digits naming the key (not the key) */
};

/* store_audit_key returns s's slot for the audit key (never NULL; owned by s). */
struct store_audit_key *store_audit_key(struct store *s);

/* store_path returns the path s was opened with (owned by s). */
const char *store_path(const struct store *s);

/* store_audit_head reads the chain's head: the seq and hash of the newest entry ever appended
 * (0 and 64 zeros before the first). */
enum cd_err store_audit_head(struct store *s, int64_t *seq, char hash[65], struct cd_diag *d);

/* store_audit_add appends entry e (all fields set by the caller; e->seq must be the head's
 * seq + 1 and e->prev its hash, else CD_ECONFLICT) and moves the head to it. Only inside a
 * transaction (store_begin), so that the head read before and the append are one act:
 * CD_EINVAL outside one. */
enum cd_err store_audit_add(struct store *s, const struct store_audit_entry *e,
			    struct cd_diag *d);

/* store_audit_page returns up to max entries with seq > after_seq, in seq order, in arena a
 * (*n = 0 at the end of the log). */
enum cd_err store_audit_page(struct store *s, int64_t after_seq, size_t max, struct arena *a,
			     struct store_audit_entry **out, size_t *n, struct cd_diag *d);

/* store_audit_find returns the newest f->limit entries f selects, in seq order, in arena a. */
enum cd_err store_audit_find(struct store *s, const struct store_audit_filter *f,
			     struct arena *a, struct store_audit_entry **out, size_t *n,
			     struct cd_diag *d);

/* store_audit_anchors returns every archive anchor, by upto_seq, in arena a. */
enum cd_err store_audit_anchors(struct store *s, struct arena *a, struct store_audit_anchor **out,
				size_t *n, struct cd_diag *d);

/* store_audit_archive records anchor an and deletes the entries up to an->upto_seq (which the
 * anchor covers, so the database allows it). Only inside a transaction (CD_EINVAL outside):
 * the caller has written and synced the archive file first. */
enum cd_err store_audit_archive(struct store *s, const struct store_audit_anchor *an,
				struct cd_diag *d);

#endif
