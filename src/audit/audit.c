/* audit.c — appending to the audit log: the SM3 hash of an entry over an unambiguous encoding
 * of its fields (docs/audit.md), the checks an entry passes before it is written, and the
 * retention setting. Verification is audit_verify.c, archiving audit_archive.c. */
#include "audit_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The encoding starts with this tag: a later encoding gets a new one, so that no entry hashed
 * under one reads as valid under another. */
static const char tag[8] = {'C', 'D', 'A', 'U', 'D', 'I', 'T', '1'};
/* A keyed entry (HMAC-SM3) starts with its own tag: no SM3 entry reads as a keyed one. */
static const char tag_keyed[8] = {'C', 'D', 'A', 'U', 'D', 'I', 'T', 'K'};

/* What an entry is fed to: SM3 (md) or, for a keyed entry, HMAC-SM3 (mac, keyed already). */
struct sink {
	EVP_MD_CTX *md;
	EVP_MAC_CTX *mac;
};

static int put(const struct sink *k, const void *p, size_t n)
{
	return k->mac ? EVP_MAC_update(k->mac, p, n) : EVP_DigestUpdate(k->md, p, n);
}

static int put_u32(const struct sink *k, uint32_t v)
{
	const unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
	                            (unsigned char)(v >> 8), (unsigned char)v};

	return put(k, b, sizeof(b));
}

/* put_text: a 32-bit big-endian byte length, then the bytes; NULL is the length 0xffffffff
 * with no bytes, so NULL and "" differ and no field can run into the next. */
static int put_text(const struct sink *k, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!s)
		return put_u32(k, UINT32_MAX);
	if (n >= UINT32_MAX)
		return 0;
	return put_u32(k, (uint32_t)n) && put(k, s, n);
}

static void to_hex(const unsigned char *md, size_t len, char hex[AUDIT_HASH_HEX + 1])
{
	for (size_t i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* finish ends the digest of c (when everything fed to it went in: ok) into hex. */
static enum cd_err finish(EVP_MD_CTX *c, int ok, char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!ok || !EVP_DigestFinal_ex(c, md, &len) || len * 2 != AUDIT_HASH_HEX)
		return cd_diag_set(d, CD_ENOMEM, "SM3 failed (does this OpenSSL provide SM3?)");
	to_hex(md, len, hex);
	return CD_OK;
}

enum cd_err audit_hash_with(EVP_MD_CTX *c, EVP_MAC_CTX *m, const struct store_audit_entry *e,
                            char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d)
{
	const char *texts[] = {e->prev,   e->at,     e->actor, e->ip,     e->action,
	                       e->object, e->before, e->after, e->outcome};
	const struct sink k = {.md = c, .mac = m};
	uint64_t seq = (uint64_t)e->seq;
	unsigned char md[EVP_MAX_MD_SIZE];
	size_t len = 0;
	int ok = m ? EVP_MAC_init(m, NULL, 0, NULL) : EVP_DigestInit_ex(c, EVP_sm3(), NULL);

	ok = ok && put(&k, m ? tag_keyed : tag, sizeof(tag)) &&
	     put_u32(&k, (uint32_t)(seq >> 32)) && put_u32(&k, (uint32_t)seq);
	for (size_t i = 0; ok && i < sizeof(texts) / sizeof(texts[0]); i++)
		ok = put_text(&k, texts[i]);
	if (!m)
		return finish(c, ok, hex, d);
	if (!ok || !EVP_MAC_final(m, md, &len, sizeof(md)) || len * 2 != AUDIT_HASH_HEX)
		return cd_diag_set(d, CD_ENOMEM,
		                   "HMAC-SM3 failed (does this OpenSSL provide HMAC with SM3?)");
	to_hex(md, len, hex);
	return CD_OK;
}

enum cd_err audit_hash(const struct store_audit_entry *e, char hex[AUDIT_HASH_HEX + 1],
                       struct cd_diag *d)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	enum cd_err rc =
	    c ? audit_hash_with(c, NULL, e, hex, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");

	EVP_MD_CTX_free(c);
	return rc;
}

enum cd_err audit_hmac(const struct store_audit_key *k, const struct store_audit_entry *e,
                       char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d)
{
	EVP_MAC_CTX *m = audit_mac_new(k);
	enum cd_err rc = m ? audit_hash_with(NULL, m, e, hex, d)
	                   : cd_diag_set(d, CD_ENOMEM,
	                                 "HMAC-SM3 cannot start (does this OpenSSL provide it?)");

	EVP_MAC_CTX_free(m);
	return rc;
}

/* text_ok: s fits in max bytes and is UTF-8 (what jansson accepts is what an archive line can
 * carry). */
static bool text_ok(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	json_t *j;

	if (!s)
		return true;
	if (n > max)
		return false;
	j = json_stringn(s, n);
	json_decref(j);
	return j != NULL;
}

bool audit_outcome_known(const char *o)
{
	static const char *const known[] = {AUDIT_OK, AUDIT_DENIED, AUDIT_INVALID, AUDIT_FAILED,
	                                    AUDIT_LOCKED};

	for (size_t i = 0; o && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(o, known[i]))
			return true;
	return false;
}

/* check says what is wrong with e, or CD_OK. */
static enum cd_err check(const struct audit_entry *e, struct cd_diag *d)
{
	const struct {
		const char *name, *v;
		size_t max;
	} f[] = {{"actor", e->actor, AUDIT_TEXT_MAX},    {"ip", e->ip, AUDIT_TEXT_MAX},
	         {"action", e->action, AUDIT_TEXT_MAX},  {"object", e->object, AUDIT_TEXT_MAX},
	         {"before", e->before, AUDIT_VALUE_MAX}, {"after", e->after, AUDIT_VALUE_MAX}};

	if (!e->action || !*e->action || strlen(e->action) > 128)
		return cd_diag_set(d, CD_EINVAL,
		                   "audit entry: an action of 1 to 128 bytes is needed");
	if (!audit_outcome_known(e->outcome))
		return cd_diag_set(d, CD_EINVAL,
		                   "audit entry %s: outcome \"%s\" is not one of ok, denied, "
		                   "invalid, failed, locked",
		                   e->action, e->outcome ? e->outcome : "");
	if (e->at == CD_TIME_NONE)
		return cd_diag_set(d, CD_EINVAL, "audit entry %s: no time", e->action);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (!text_ok(f[i].v, f[i].max))
			return cd_diag_set(
			    d, CD_EINVAL,
			    "audit entry %s: %s is longer than %zu bytes or not UTF-8 text",
			    e->action, f[i].name, f[i].max);
	return CD_OK;
}

enum cd_err audit_append(struct store *s, const struct audit_entry *e, struct cd_diag *d)
{
	char at[26], hash[AUDIT_HASH_HEX + 1], prev[AUDIT_HASH_HEX + 1];
	struct store_audit_entry row = {.at = NULL,
	                                .actor = e->actor ? e->actor : "",
	                                .ip = e->ip ? e->ip : "",
	                                .action = e->action,
	                                .object = e->object ? e->object : "",
	                                .before = e->before,
	                                .after = e->after,
	                                .outcome = e->outcome,
	                                .prev = prev,
	                                .hash = hash};
	const struct store_audit_key *k = store_audit_key(s);
	enum cd_err rc = check(e, d);

	if (!rc)
		rc = audit_key_load(s, d);
	if (!rc)
		rc = store_audit_head(s, &row.seq, prev, d);
	if (rc)
		return rc;
	row.seq++;
	row.at = time_format(e->at, at);
	rc = k->have && row.seq >= k->from ? audit_hmac(k, &row, hash, d) : audit_hash(&row, hash, d);
	if (!rc)
		rc = store_audit_add(s, &row, d);
	return rc;
}

enum cd_err audit_record(struct store *s, const struct audit_entry *e, struct cd_diag *d)
{
	enum cd_err rc = check(e, d);

	if (!rc) /* the key file is read outside the transaction */
		rc = audit_key_load(s, d);
	if (!rc)
		rc = store_begin(s, d);
	if (rc)
		return rc;
	rc = audit_append(s, e, d);
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	return rc;
}

enum cd_err audit_append_by(struct store *s, const struct audit_entry *by, const char *action,
                            const char *object, const char *before, const char *after,
                            struct cd_diag *d)
{
	struct audit_entry e = {.at = by->at,
	                        .actor = by->actor,
	                        .ip = by->ip,
	                        .action = action,
	                        .object = object,
	                        .before = before,
	                        .after = after,
	                        .outcome = AUDIT_OK};

	return audit_append(s, &e, d);
}

char *audit_json_text(json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;

	json_decref(j);
	return text;
}

json_t *audit_entry_json(const struct store_audit_entry *e)
{
	json_t *before = e->before ? json_string(e->before) : json_null();
	json_t *after = e->after ? json_string(e->after) : json_null();

	if (!before || !after) {
		json_decref(before);
		json_decref(after);
		return NULL;
	}
	/* keys in the order of the encoding, for a reader comparing the two */
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s}", "seq",
	                 (json_int_t)e->seq, "at", e->at, "actor", e->actor, "ip", e->ip, "action",
	                 e->action, "object", e->object, "before", before, "after", after,
	                 "outcome", e->outcome, "prev", e->prev, "hash", e->hash);
}

bool audit_head_parse(const char *s, struct audit_head *h)
{
	char *end;
	long long seq;

	errno = 0;
	seq = strtoll(s, &end, 10);
	if (errno || end == s || *end != ':' || seq < 1 || strlen(end + 1) != AUDIT_HASH_HEX ||
	    strspn(end + 1, "0123456789abcdefABCDEF") != AUDIT_HASH_HEX)
		return false;
	h->seq = seq;
	for (int i = 0; i <= AUDIT_HASH_HEX; i++) /* as printed: lower case */
		h->hash[i] =
		    (char)(end[1 + i] >= 'A' && end[1 + i] <= 'F' ? end[1 + i] + 32 : end[1 + i]);
	return true;
}

/* ---- retention ---- */

enum cd_err audit_retention(struct store *s, int *days, struct cd_diag *d)
{
	char *v = NULL, *end;
	long n;
	enum cd_err rc = store_meta_get(s, AUDIT_RETENTION_KEY, &v, d);

	*days = AUDIT_RETENTION_MIN;
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < AUDIT_RETENTION_MIN || n > AUDIT_RETENTION_MAX)
		rc = cd_diag_set(d, CD_EINVAL,
		                 "setting %s is \"%s\": audit entries are kept %d to %d days (at "
		                 "least six months, " AUDIT_RETENTION_LAW "); set it with "
		                 "`cyberduty audit retention DAYS`",
		                 AUDIT_RETENTION_KEY, v, AUDIT_RETENTION_MIN, AUDIT_RETENTION_MAX);
	else
		*days = (int)n;
	free(v);
	return rc;
}

enum cd_err audit_retention_set(struct store *s, int days, const struct audit_entry *by,
                                struct cd_diag *d)
{
	char *before = NULL, *after = NULL, value[16];
	int old = 0;
	enum cd_err rc;

	if (days < AUDIT_RETENTION_MIN || days > AUDIT_RETENTION_MAX)
		return cd_diag_set(
		    d, CD_EINVAL,
		    "audit entries are kept at least %d days (six months, " AUDIT_RETENTION_LAW
		    ") and at most %d, not %d",
		    AUDIT_RETENTION_MIN, AUDIT_RETENTION_MAX, days);
	rc = store_begin(s, d);
	if (rc)
		return rc;
	rc = audit_retention(s, &old, d);
	if (rc == CD_EINVAL) /* a setting out of range is what this call corrects */
		rc = CD_OK;
	snprintf(value, sizeof(value), "%d", days);
	if (!rc && (!(before = audit_json_text(json_pack("{s:i}", "days", old))) ||
	            !(after = audit_json_text(json_pack("{s:i}", "days", days)))))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = store_meta_set(s, AUDIT_RETENTION_KEY, value, d);
	if (!rc)
		rc = audit_append_by(s, by, "audit.retention", "setting:" AUDIT_RETENTION_KEY,
		                     before, after, d);
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	free(before);
	free(after);
	return rc;
}

enum cd_err audit_file_sm3(const char *path, char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d)
{
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char buf[65536];
	size_t n;
	int ok = c && EVP_DigestInit_ex(c, EVP_sm3(), NULL);

	enum cd_err rc = CD_OK;

	if (!f)
		rc = cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	while (!rc && ok && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = EVP_DigestUpdate(c, buf, n);
	if (!rc && ferror(f))
		rc = cd_diag_set(d, CD_EIO, "%s: cannot read", path);
	if (!rc)
		rc = finish(c, ok, hex, d);
	if (f)
		fclose(f);
	EVP_MD_CTX_free(c);
	return rc;
}
