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

/* What an "audit.archive" entry of the chain says was archived. */
struct archived {
	int64_t from, upto;
	char last[AUDIT_HASH_HEX + 1], sm3[AUDIT_HASH_HEX + 1], at[26];
	cd_date before;
	int64_t seq; /* of the entry */
};

struct walk {
	EVP_MD_CTX *c;
	EVP_MAC_CTX *m;   /* keyed with the audit key, or NULL */
	int64_t key_from; /* entries from this seq on are keyed (m); 0: none */
	struct archived *recs; /* the audit.archive entries met */
	size_t nrecs;
	bool trust; /* archives whose file is not given are passed over (audit_verify_db) */
	char max_at[26]; /* the newest `at` of the archive file being walked */
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
	vsnprintf(r->why + n, sizeof(r->why) - n, lang_tr(fmt), ap);
	va_end(ap);
}

/* note_archived keeps what the audit.archive entry e says (an entry that says it in no form
 * known records nothing, and the anchor it would record is then reported unrecorded). */
static enum cd_err note_archived(struct walk *w, const struct store_audit_entry *e,
                                 struct cd_diag *d)
{
	json_t *j = e->after ? json_loads(e->after, 0, NULL) : NULL;
	const char *last = NULL, *sm3 = NULL, *before = NULL;
	json_int_t from = 0, upto = 0;
	struct archived *v, x = {.seq = e->seq};

	if (!j || json_unpack(j, "{s:I, s:I, s:s, s:s, s:s}", "from_seq", &from, "upto_seq", &upto,
	                      "last_hash", &last, "file_sm3", &sm3, "before", &before) ||
	    strlen(last) != AUDIT_HASH_HEX || strlen(sm3) != AUDIT_HASH_HEX ||
	    !date_parse(before, &x.before) || strlen(e->at) >= sizeof(x.at)) {
		json_decref(j);
		return CD_OK;
	}
	x.from = from;
	x.upto = upto;
	memcpy(x.last, last, sizeof(x.last));
	memcpy(x.sm3, sm3, sizeof(x.sm3));
	snprintf(x.at, sizeof(x.at), "%s", e->at);
	json_decref(j);
	v = realloc(w->recs, (w->nrecs + 1) * sizeof(*v));
	if (!v)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	w->recs = v;
	w->recs[w->nrecs++] = x;
	return CD_OK;
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
	if (w->key_from && e->seq >= w->key_from && !w->m)
		return cd_diag_set(d, CD_ENOMEM, "HMAC-SM3 cannot start (does OpenSSL provide it?)");
	rc = audit_hash_with(w->c, w->key_from && e->seq >= w->key_from ? w->m : NULL, e, hash, d);
	if (rc)
		return rc;
	if (strcmp(hash, e->hash)) {
		if (w->key_from && e->seq >= w->key_from)
			broken(w, AUDIT_CHANGED, e->seq,
			       "seq %lld: contents changed, or written without the audit key (its "
			       "HMAC-SM3 under key %s does not match its fields)",
			       (long long)e->seq, w->r->key_id);
		else
			broken(w, AUDIT_CHANGED, e->seq,
			       "seq %lld: contents changed (its hash does not match its fields)",
			       (long long)e->seq);
		return CD_OK;
	}
	if (w->file && strcmp(e->at, w->max_at) > 0)
		snprintf(w->max_at, sizeof(w->max_at), "%s", e->at);
	if (!strcmp(e->action, "audit.archive") && !strcmp(e->outcome, AUDIT_OK)) {
		rc = note_archived(w, e, d);
		if (rc)
			return rc;
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
                             char *buf, char max_at[26], struct cd_diag *d)
{
	FILE *f = fopen(path, "r");
	char sm3[AUDIT_HASH_HEX + 1];
	size_t line = 0;
	enum cd_err rc = CD_OK;
	int got;

	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	w->file = path;
	w->max_at[0] = '\0';
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
	memcpy(max_at, w->max_at, 26);
	return rc;
}

/* walk_archives matches the files given to the anchors by their first seq and walks the
 * archived part of the chain: through a file where one was given, else over the anchor. */
static enum cd_err walk_archives(struct walk *w, const struct audit_verify_opts *o,
                                 const struct store_audit_anchor *an, size_t nan,
                                 char (*max_at)[26], struct cd_diag *d)
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
			rc = walk_file(w, file, &an[k], buf, max_at[k], d);
			continue;
		}
		if (!w->trust) {
			broken(w, AUDIT_MISSING, an[k].from_seq,
			       "seq %lld: missing — seq %lld to %lld were archived into %s, which was "
			       "not given: verify with --archive %s (a log is intact only as far as it "
			       "was read)",
			       (long long)an[k].from_seq, (long long)an[k].from_seq,
			       (long long)an[k].upto_seq, an[k].file, an[k].file);
			break;
		}
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

/* check_anchors: each anchor is recorded by an audit.archive entry of the chain, for entries
 * past the retention: the day it archived before lies AUDIT_RETENTION_MIN days or more before
 * the entry, and the newest entry of the file read (max_at; "" when not read) lies before it. */
static void check_anchors(struct walk *w, const struct store_audit_anchor *an, size_t nan,
                          char (*max_at)[26])
{
	for (size_t k = 0; k < nan && !w->r->broken; k++) {
		const struct archived *x = NULL;
		cd_time at = 0, cut;
		char day[11];

		for (size_t i = 0; i < w->nrecs && !x; i++)
			if (w->recs[i].from == an[k].from_seq && w->recs[i].upto == an[k].upto_seq &&
			    !strcmp(w->recs[i].last, an[k].last_hash) &&
			    !strcmp(w->recs[i].sm3, an[k].file_sm3) &&
			    !strcmp(w->recs[i].at, an[k].archived_at))
				x = &w->recs[i];
		if (!x) {
			broken(w, AUDIT_ARCHIVE, an[k].from_seq,
			       "seq %lld to %lld: their archive anchor (%s) is recorded by no "
			       "audit.archive entry of the chain — written around cyberduty, and the "
			       "entries removed with it",
			       (long long)an[k].from_seq, (long long)an[k].upto_seq, an[k].file);
			break;
		}
		cut = time_cst_start(x->before);
		if (!time_parse(x->at, false, &at) ||
		    x->before > time_cst_date(at) - AUDIT_RETENTION_MIN ||
		    (max_at[k][0] && (!time_parse(max_at[k], false, &at) || at >= cut)))
			broken(w, AUDIT_ARCHIVE, an[k].from_seq,
			       "seq %lld to %lld: archived within the retention (before %s, by the "
			       "audit.archive entry seq %lld; at least %d days are kept)",
			       (long long)an[k].from_seq, (long long)an[k].upto_seq,
			       date_format(x->before, day), (long long)x->seq, AUDIT_RETENTION_MIN);
	}
}

static enum cd_err verify_in(struct store *s, const struct audit_verify_opts *o, bool trust,
                             struct audit_report *r, struct cd_diag *d)
{
	const struct store_audit_key *k = store_audit_key(s);
	struct walk w = {.c = EVP_MD_CTX_new(),
	                 .next = 1,
	                 .prev = AUDIT_ZEROS,
	                 .noted = o->noted,
	                 .r = r,
	                 .trust = trust};
	struct arena *a = arena_new(0);
	struct store_audit_anchor *an = NULL;
	char (*max_at)[26] = NULL;
	size_t nan = 0;
	int64_t head = 0;
	char head_hash[AUDIT_HASH_HEX + 1];
	enum cd_err rc = w.c && a ? CD_OK : cd_diag_set(d, CD_ENOMEM, "out of memory");

	memset(r, 0, sizeof(*r));
	if (!rc)
		rc = audit_key_load(s, d);
	if (!rc && k->have) {
		w.key_from = r->keyed_from = k->from;
		snprintf(r->key_id, sizeof(r->key_id), "%s", k->id);
		w.m = audit_mac_new(k);
	}
	if (!rc)
		rc = store_audit_head(s, &head, head_hash, d);
	if (!rc)
		rc = store_audit_anchors(s, a, &an, &nan, d);
	if (!rc && !(max_at = calloc(nan + 1, sizeof(*max_at))))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = walk_archives(&w, o, an, nan, max_at, d);
	if (!rc && !r->broken)
		rc = walk_db(s, &w, d);
	if (!rc && !r->broken)
		check_head(&w, head, head_hash);
	if (!rc && !r->broken && !trust)
		check_anchors(&w, an, nan, max_at);
	if (!rc && !r->broken) {
		r->head.seq = w.next - 1;
		memcpy(r->head.hash, w.prev, sizeof(r->head.hash));
	}
	free(max_at);
	free(w.recs);
	arena_free(a);
	EVP_MD_CTX_free(w.c);
	EVP_MAC_CTX_free(w.m);
	return rc;
}

enum cd_err audit_verify_in(struct store *s, const struct audit_verify_opts *o,
                            struct audit_report *r, struct cd_diag *d)
{
	return verify_in(s, o, false, r, d);
}

enum cd_err audit_verify_db(struct store *s, struct audit_report *r, struct cd_diag *d)
{
	static const struct audit_verify_opts none = {0};

	return verify_in(s, &none, true, r, d);
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
