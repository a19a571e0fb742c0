/* audit_verify.c — walking the chain: the archive files given (each against the anchor the
 * database recorded for it, in seq order), then the database's entries, then the head. The
 * first break met is the one reported: what a reader needs is where the log stops being
 * trustworthy. */
#include "audit_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE       1000      /* entries read from the database at a time */
#define LINE_BYTES (1 << 20) /* an archive line longer than this is no entry (AUDIT_*_MAX) */

struct walk {
	EVP_MD_CTX *c;
	int64_t next;                   /* the seq expected next */
	char prev[AUDIT_HASH_HEX + 1];  /* the hash it must chain to */
	const struct audit_head *noted; /* or NULL */
	bool noted_seen;
	const char *file; /* the archive being walked; NULL: the database */
	struct audit_report *r;
};

static void broken(struct walk *w, enum audit_break what, int64_t seq, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void broken(struct walk *w, enum audit_break what, int64_t seq, const char *fmt, ...)
{
	struct audit_report *r = w->r;
	size_t n = 0;
	va_list ap;

	r->broken = what;
	r->seq = seq;
	if (w->file)
		n = (size_t)snprintf(r->why, sizeof(r->why), "archive %s: ", w->file);
	if (n >= sizeof(r->why))
		n = sizeof(r->why) - 1;
	va_start(ap, fmt);
	vsnprintf(r->why + n, sizeof(r->why) - n, fmt, ap);
	va_end(ap);
}

/* step takes e as the next entry of the walk: its seq, its link to the one before, its
 * contents, and the noted head. CD_OK with w->r->broken set at the first break. */
static enum cd_err step(struct walk *w, const struct store_audit_entry *e, struct cd_diag *d)
{
	char hash[AUDIT_HASH_HEX + 1];
	enum cd_err rc;

	if (e->seq > w->next) {
		broken(w, AUDIT_MISSING, w->next,
		       "seq %lld: missing — the chain goes on at seq %lld (deleted)",
		       (long long)w->next, (long long)e->seq);
		return CD_OK;
	}
	if (e->seq < w->next) {
		broken(w, AUDIT_PREV, e->seq,
		       "seq %lld: out of place after seq %lld (inserted or reordered)",
		       (long long)e->seq, (long long)w->next - 1);
		return CD_OK;
	}
	if (strcmp(e->prev, w->prev)) {
		if (e->seq == 1)
			broken(
			    w, AUDIT_PREV, 1,
			    "seq 1: its prev is not 64 zeros (the start of the log was replaced)");
		else
			broken(w, AUDIT_PREV, e->seq,
			       "seq %lld: does not chain to seq %lld (its prev differs: an entry "
			       "inserted, reordered or deleted)",
			       (long long)e->seq, (long long)e->seq - 1);
		return CD_OK;
	}
	rc = audit_hash_with(w->c, e, hash, d);
	if (rc)
		return rc;
	if (strcmp(hash, e->hash)) {
		broken(w, AUDIT_CHANGED, e->seq,
		       "seq %lld: contents changed (its hash does not match its fields)",
		       (long long)e->seq);
		return CD_OK;
	}
	if (w->noted && e->seq == w->noted->seq) {
		w->noted_seen = true;
		if (strcmp(e->hash, w->noted->hash)) {
			broken(w, AUDIT_HEAD, e->seq,
			       "seq %lld: not the head noted (its hash differs: the log was "
			       "rewritten up to here)",
			       (long long)e->seq);
			return CD_OK;
		}
	}
	w->next = e->seq + 1;
	memcpy(w->prev, e->hash, sizeof(w->prev));
	return CD_OK;
}

/* ---- archive files ---- */

/* parse_line reads one archive line into e, whose texts borrow from *j (the caller frees *j,
 * also when false is returned). */
static bool parse_line(const char *line, json_t **j, struct store_audit_entry *e)
{
	json_error_t err;
	json_int_t seq;
	json_t *before, *after;

	*j = json_loads(line, JSON_REJECT_DUPLICATES, &err);
	if (!*j ||
	    json_unpack(*j, "{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s !}", "seq",
	                &seq, "at", &e->at, "actor", &e->actor, "ip", &e->ip, "action", &e->action,
	                "object", &e->object, "before", &before, "after", &after, "outcome",
	                &e->outcome, "prev", &e->prev, "hash", &e->hash))
		return false;
	if ((!json_is_null(before) && !json_is_string(before)) ||
	    (!json_is_null(after) && !json_is_string(after)))
		return false;
	e->seq = seq;
	e->before = json_string_value(before);
	e->after = json_string_value(after);
	return true;
}

/* read_line reads the next line of f into buf (LINE_BYTES + 2), without its newline: 1 read,
 * 0 at the end, -1 too long. */
static int read_line(FILE *f, char *buf)
{
	size_t len;

	if (!fgets(buf, LINE_BYTES + 2, f))
		return 0;
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	else if (!feof(f))
		return -1;
	return 1;
}

/* first_seq reads the seq of the first entry of the archive at path: 0 when its first line
 * is no entry. */
static enum cd_err first_seq(const char *path, char *buf, int64_t *seq, struct cd_diag *d)
{
	FILE *f = fopen(path, "r");
	struct store_audit_entry e;
	json_t *j = NULL;

	*seq = 0;
	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (read_line(f, buf) == 1 && parse_line(buf, &j, &e) && e.seq > 0)
		*seq = e.seq;
	json_decref(j);
	fclose(f);
	return CD_OK;
}

/* walk_file walks the archive at path, which the anchor `an` records. */
static enum cd_err walk_file(struct walk *w, const char *path, const struct store_audit_anchor *an,
                             char *buf, struct cd_diag *d)
{
	FILE *f = fopen(path, "r");
	char sm3[AUDIT_HASH_HEX + 1];
	size_t line = 0;
	enum cd_err rc = CD_OK;
	int got;

	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	w->file = path;
	while (!rc && !w->r->broken && (got = read_line(f, buf)) != 0) {
		struct store_audit_entry e;
		json_t *j = NULL;

		line++;
		if (got < 0 || !parse_line(buf, &j, &e))
			broken(w, AUDIT_ARCHIVE, w->next,
			       "line %zu: not an audit entry (seq %lld was due)", line,
			       (long long)w->next);
		else if (e.seq > an->upto_seq)
			broken(w, AUDIT_ARCHIVE, e.seq,
			       "seq %lld: beyond the archive recorded (seq %lld to %lld)",
			       (long long)e.seq, (long long)an->from_seq, (long long)an->upto_seq);
		else
			rc = step(w, &e, d);
		json_decref(j);
	}
	if (!rc && ferror(f))
		rc = cd_diag_set(d, CD_EIO, "%s: cannot read", path);
	fclose(f);
	if (!rc && !w->r->broken && w->next <= an->upto_seq)
		broken(w, AUDIT_MISSING, w->next,
		       "seq %lld: missing — the file ends at seq %lld, the archive recorded at seq "
		       "%lld (deleted)",
		       (long long)w->next, (long long)w->next - 1, (long long)an->upto_seq);
	else if (!rc && !w->r->broken && strcmp(w->prev, an->last_hash))
		broken(w, AUDIT_PREV, an->upto_seq,
		       "seq %lld: not the entry archived (its hash differs from the one recorded "
		       "when archiving)",
		       (long long)an->upto_seq);
	if (!rc && !w->r->broken)
		rc = audit_file_sm3(path, sm3, d);
	if (!rc && !w->r->broken && strcmp(sm3, an->file_sm3))
		broken(
		    w, AUDIT_ARCHIVE, 0,
		    "its SM3 is not the one recorded when it was archived (the file was changed)");
	w->file = NULL;
	w->r->files++;
	return rc;
}

/* walk_archives matches the files given to the anchors by their first seq and walks the
 * archived part of the chain: through a file where one was given, else over the anchor. */
static enum cd_err walk_archives(struct walk *w, const struct audit_verify_opts *o,
                                 const struct store_audit_anchor *an, size_t nan, struct cd_diag *d)
{
	int64_t *first = calloc(o->narchives + 1, sizeof(*first));
	char *buf = malloc(LINE_BYTES + 2);
	enum cd_err rc = first && buf ? CD_OK : cd_diag_set(d, CD_ENOMEM, "out of memory");

	for (size_t i = 0; !rc && !w->r->broken && i < o->narchives; i++) {
		bool known = false;

		rc = first_seq(o->archives[i], buf, &first[i], d);
		for (size_t k = 0; !rc && k < i; k++)
			if (first[k] == first[i] && first[i])
				rc = cd_diag_set(
				    d, CD_EINVAL,
				    "%s and %s both begin at seq %lld: give each archive once",
				    o->archives[k], o->archives[i], (long long)first[i]);
		for (size_t k = 0; k < nan; k++)
			known = known || an[k].from_seq == first[i];
		w->file = o->archives[i];
		if (!rc && !first[i])
			broken(w, AUDIT_ARCHIVE, 0, "line 1: not an audit entry");
		else if (!rc && !known)
			broken(
			    w, AUDIT_ARCHIVE, first[i],
			    "begins at seq %lld, where no archive recorded in this database begins",
			    (long long)first[i]);
		w->file = NULL;
	}
	for (size_t k = 0; !rc && !w->r->broken && k < nan; k++) {
		const char *file = NULL;

		if (an[k].from_seq != w->next) {
			broken(w, AUDIT_MISSING, w->next,
			       "seq %lld: missing — the archives recorded go on at seq %lld",
			       (long long)w->next, (long long)an[k].from_seq);
			break;
		}
		for (size_t i = 0; i < o->narchives; i++)
			if (first[i] == an[k].from_seq)
				file = o->archives[i];
		w->r->archived = an[k].upto_seq;
		if (file) {
			rc = walk_file(w, file, &an[k], buf, d);
			continue;
		}
		if (w->noted && w->noted->seq >= an[k].from_seq && w->noted->seq <= an[k].upto_seq)
			rc = cd_diag_set(d, CD_EINVAL,
			                 "the head noted (seq %lld) was archived into %s: give "
			                 "that file with --archive",
			                 (long long)w->noted->seq, an[k].file);
		w->r->unchecked += an[k].upto_seq - an[k].from_seq + 1;
		w->next = an[k].upto_seq + 1;
		snprintf(w->prev, sizeof(w->prev), "%s", an[k].last_hash);
	}
	free(first);
	free(buf);
	return rc;
}

/* ---- the database ---- */

static enum cd_err walk_db(struct store *s, struct walk *w, struct cd_diag *d)
{
	int64_t after = 0;
	enum cd_err rc = CD_OK;
	size_t n = PAGE;

	while (!rc && !w->r->broken && n == PAGE) {
		struct arena *a = arena_new(0);
		struct store_audit_entry *v = NULL;

		n = 0;
		rc = a ? store_audit_page(s, after, PAGE, a, &v, &n, d)
		       : cd_diag_set(d, CD_ENOMEM, "out of memory");
		for (size_t i = 0; !rc && !w->r->broken && i < n; i++) {
			if (!w->r->first)
				w->r->first = v[i].seq;
			w->r->last = after = v[i].seq;
			rc = step(w, &v[i], d);
		}
		arena_free(a);
	}
	return rc;
}

/* check_head compares the chain's end with the head the database recorded, then with the one
 * noted outside it. */
static void check_head(struct walk *w, int64_t seq, const char *hash)
{
	long long last = (long long)w->next - 1;

	if (seq > last)
		broken(w, AUDIT_HEAD, last + 1,
		       "seq %lld: missing — the chain ends at seq %lld but the head recorded is "
		       "seq %lld (the newest entries deleted)",
		       last + 1, last, (long long)seq);
	else if (seq < last)
		broken(w, AUDIT_HEAD, seq + 1,
		       "seq %lld: beyond the head recorded (seq %lld): appended around cyberduty",
		       (long long)seq + 1, (long long)seq);
	else if (strcmp(hash, w->prev))
		broken(w, AUDIT_HEAD, last,
		       "seq %lld: not the head recorded (its hash differs: replaced)", last);
	else if (w->noted && !w->noted_seen)
		broken(w, AUDIT_HEAD, last + 1,
		       "seq %lld: missing — the chain ends at seq %lld but the head noted is seq "
		       "%lld (the newest entries deleted and the recorded head rewritten)",
		       last + 1, last, (long long)w->noted->seq);
}

enum cd_err audit_verify_in(struct store *s, const struct audit_verify_opts *o,
                            struct audit_report *r, struct cd_diag *d)
{
	struct walk w = {
	    .c = EVP_MD_CTX_new(), .next = 1, .prev = AUDIT_ZEROS, .noted = o->noted, .r = r};
	struct arena *a = arena_new(0);
	struct store_audit_anchor *an = NULL;
	size_t nan = 0;
	int64_t head = 0;
	char head_hash[AUDIT_HASH_HEX + 1];
	enum cd_err rc = w.c && a ? CD_OK : cd_diag_set(d, CD_ENOMEM, "out of memory");

	memset(r, 0, sizeof(*r));
	if (!rc)
		rc = store_audit_head(s, &head, head_hash, d);
	if (!rc)
		rc = store_audit_anchors(s, a, &an, &nan, d);
	if (!rc)
		rc = walk_archives(&w, o, an, nan, d);
	if (!rc && !r->broken)
		rc = walk_db(s, &w, d);
	if (!rc && !r->broken)
		check_head(&w, head, head_hash);
	if (!rc && !r->broken) {
		r->head.seq = w.next - 1;
		memcpy(r->head.hash, w.prev, sizeof(r->head.hash));
	}
	arena_free(a);
	EVP_MD_CTX_free(w.c);
	return rc;
}

enum cd_err audit_verify(struct store *s, const struct audit_verify_opts *o, struct audit_report *r,
                         struct cd_diag *d)
{
	enum cd_err rc = store_begin_read(s, d);

	memset(r, 0, sizeof(*r));
	if (rc)
		return rc;
	rc = audit_verify_in(s, o, r, d);
	store_rollback(s); /* it only read */
	return rc;
}
