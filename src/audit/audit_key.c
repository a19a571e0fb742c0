/* audit_key.c — the key of the audit chain (HMAC-SM3, GB/T 15852.2-2012 with SM3 as its hash):
 * 32 random bytes in a file beside the database (or where CYBERDUTY_AUDIT_KEY names), readable
 * only by the service, made by `cyberduty init`. The database records only the key's id and the
 * first seq it covers, so that a missing or foreign key file is told, never silently taken for
 * an unkeyed log. docs/audit.md says what the key protects against and how to back it up. */
#include "audit_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#define META_KEY "audit_key" /* "ID FROM" */
#define FILE_HEAD "cyberduty audit key 1"

bool audit_key_path(const struct store *s, char *out, size_t n)
{
	const char *env = getenv("CYBERDUTY_AUDIT_KEY");
	const char *db = store_path(s);
	int len;

	if (env && *env)
		len = snprintf(out, n, "%s", env);
	else if (db && *db && strcmp(db, ":memory:"))
		len = snprintf(out, n, "%s.key", db);
	else
		return false;
	return len > 0 && (size_t)len < n;
}

/* key_id names key by the first 16 hex digits of SM3("CDKEYID1" || key). */
static bool key_id(const unsigned char key[32], char id[17])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = c && EVP_DigestInit_ex(c, EVP_sm3(), NULL) &&
	         EVP_DigestUpdate(c, "CDKEYID1", 8) && EVP_DigestUpdate(c, key, 32) &&
	         EVP_DigestFinal_ex(c, md, &len) && len >= 8;

	EVP_MD_CTX_free(c);
	for (int i = 0; ok && i < 8; i++)
		snprintf(id + 2 * i, 3, "%02x", md[i]);
	return ok;
}

static int unhex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* parse_file reads the key file's text into k: FILE_HEAD, "id ID", "from SEQ", "key HEX". */
static bool parse_file(const char *text, struct store_audit_key *k)
{
	char id[17], hex[65], head[32];
	long long from = 0;
	int used = 0;

	if (sscanf(text, "%31[^\n]\nid %16s\nfrom %lld\nkey %64s\n%n", head, id, &from, hex,
	           &used) != 4 ||
	    strcmp(head, FILE_HEAD) || strlen(hex) != 64 || from < 1 || text[used] != '\0')
		return false;
	for (int i = 0; i < 32; i++) {
		int hi = unhex(hex[2 * i]), lo = unhex(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		k->key[i] = (unsigned char)(hi << 4 | lo);
	}
	OPENSSL_cleanse(hex, sizeof(hex));
	k->from = from;
	return key_id(k->key, k->id) && !strcmp(k->id, id);
}

/* read_file reads the key file at path into k: CD_ENOTFOUND when there is none. */
static enum cd_err read_file(const char *path, struct store_audit_key *k, struct cd_diag *d)
{
	char text[256];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	enum cd_err rc = CD_OK;

	if (fd < 0 && errno == ENOENT)
		return CD_ENOTFOUND;
	if (fd < 0)
		return cd_diag_set(d, CD_EIO, "audit key %s: cannot open: %s", path,
		                   strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		rc = cd_diag_set(d, CD_EIO, "audit key %s: not a regular file", path);
	else if (st.st_mode & 077)
		rc = cd_diag_set(d, CD_EINVAL,
		                 "审计密钥文件 %s 可被其他用户读取 / the audit key %s is readable by "
		                 "others: it must be readable only by the service (chmod 400 %s)",
		                 path, path, path);
	n = rc ? 0 : read(fd, text, sizeof(text) - 1);
	close(fd);
	if (!rc && n < 0)
		rc = cd_diag_set(d, CD_EIO, "audit key %s: cannot read: %s", path, strerror(errno));
	if (!rc) {
		text[n] = '\0';
		if (!parse_file(text, k))
			rc = cd_diag_set(d, CD_EINVAL,
			                 "audit key %s: not a cyberduty audit key (damaged?): "
			                 "restore it from its backup",
			                 path);
	}
	OPENSSL_cleanse(text, sizeof(text));
	return rc;
}

/* meta_read reads the database's record of its key: *have false when it records none. */
static enum cd_err meta_read(struct store *s, bool *have, char id[17], int64_t *from,
                             struct cd_diag *d)
{
	char *v = NULL;
	long long f = 0;
	enum cd_err rc = store_meta_get(s, META_KEY, &v, d);

	*have = false;
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	if (sscanf(v, "%16s %lld", id, &f) != 2 || strlen(id) != 16 || f < 1)
		rc = cd_diag_set(d, CD_EINVAL, "setting %s is \"%s\": not ID FROM (damaged)",
		                 META_KEY, v);
	free(v);
	*have = !rc;
	*from = f;
	return rc;
}

enum cd_err audit_key_load(struct store *s, struct cd_diag *d)
{
	struct store_audit_key *slot = store_audit_key(s), k = {0};
	char path[4096], id[17] = "";
	bool recorded = false, file = false;
	int64_t from = 0;
	enum cd_err rc;

	if (slot->loaded)
		return CD_OK;
	rc = meta_read(s, &recorded, id, &from, d);
	if (!rc && audit_key_path(s, path, sizeof(path))) {
		rc = read_file(path, &k, d);
		file = !rc;
		if (rc == CD_ENOTFOUND)
			rc = CD_OK;
	}
	if (!rc && recorded && !file)
		rc = cd_diag_set(d, CD_EIO,
		                 "审计日志自序号 %lld 起以密钥 %s 保护，但读不到密钥文件 %s / the audit "
		                 "log is keyed from seq %lld (key %s) but its key file %s cannot be "
		                 "read: restore it from its backup, or set CYBERDUTY_AUDIT_KEY to where "
		                 "it is kept (docs/audit.md)",
		                 (long long)from, id, path, (long long)from, id, path);
	else if (!rc && file && !recorded)
		rc = cd_diag_set(d, CD_EINVAL,
		                 "audit key %s (key %s, from seq %lld): the database records no "
		                 "audit key — the key of another database, or its record was removed",
		                 path, k.id, (long long)k.from);
	else if (!rc && file && (strcmp(id, k.id) || from != k.from))
		rc = cd_diag_set(d, CD_EINVAL,
		                 "audit key %s is key %s from seq %lld; the database records key %s "
		                 "from seq %lld: not this database's key",
		                 path, k.id, (long long)k.from, id, (long long)from);
	if (!rc) {
		*slot = k;
		slot->have = file;
		slot->loaded = true;
	}
	OPENSSL_cleanse(&k, sizeof(k));
	return rc;
}

/* write_file writes k to a new file at path, readable only by its owner, and syncs it. */
static enum cd_err write_file(const char *path, const struct store_audit_key *k,
                              struct cd_diag *d)
{
	char text[256], hex[65];
	int fd, n;
	enum cd_err rc = CD_OK;

	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", k->key[i]);
	n = snprintf(text, sizeof(text), FILE_HEAD "\nid %s\nfrom %lld\nkey %s\n", k->id,
	             (long long)k->from, hex);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0400);
	if (fd < 0 && errno == EEXIST)
		rc = cd_diag_set(d, CD_ECONFLICT,
		                 "audit key %s exists but the database records no key: move it "
		                 "away (or point CYBERDUTY_AUDIT_KEY elsewhere) and run init again",
		                 path);
	else if (fd < 0)
		rc = cd_diag_set(d, CD_EIO, "audit key %s: cannot create: %s", path,
		                 strerror(errno));
	else if (write(fd, text, (size_t)n) != n || fsync(fd))
		rc = cd_diag_set(d, CD_EIO, "audit key %s: cannot write: %s", path,
		                 strerror(errno));
	if (fd >= 0)
		close(fd);
	if (rc == CD_EIO && fd >= 0)
		unlink(path);
	OPENSSL_cleanse(text, sizeof(text));
	OPENSSL_cleanse(hex, sizeof(hex));
	return rc;
}

enum cd_err audit_key_create(struct store *s, const struct audit_entry *by, bool *made,
                             struct cd_diag *d)
{
	struct store_audit_key *slot = store_audit_key(s), k = {0};
	char path[4096], meta[48], head[AUDIT_HASH_HEX + 1], *after = NULL;
	bool written = false;
	enum cd_err rc = audit_key_load(s, d);

	*made = false;
	if (rc || slot->have)
		return rc;
	if (!audit_key_path(s, path, sizeof(path)))
		return cd_diag_set(d, CD_EINVAL,
		                   "no place for the audit key: a database file is needed, or "
		                   "CYBERDUTY_AUDIT_KEY");
	rc = store_begin(s, d);
	if (rc)
		return rc;
	rc = store_audit_head(s, &k.from, head, d);
	k.from++;
	if (!rc && (RAND_priv_bytes(k.key, sizeof(k.key)) != 1 || !key_id(k.key, k.id)))
		rc = cd_diag_set(d, CD_EIO, "no random bytes for the audit key");
	if (!rc)
		rc = write_file(path, &k, d);
	written = !rc;
	snprintf(meta, sizeof(meta), "%s %lld", k.id, (long long)k.from);
	if (!rc)
		rc = store_meta_set(s, META_KEY, meta, d);
	if (!rc && !(after = audit_json_text(json_pack("{s:s, s:I, s:s}", "key", k.id, "from",
	                                               (json_int_t)k.from, "file", path))))
		rc = cd_diag_set(d, CD_EINVAL, "audit key %s: the name is not UTF-8", path);
	if (!rc) {
		*slot = k;
		slot->have = slot->loaded = true;
		rc = audit_append_by(s, by, "audit.key", "audit_key", NULL, after, d);
	}
	if (!rc)
		rc = store_commit(s, d);
	if (rc) {
		store_rollback(s);
		memset(slot, 0, sizeof(*slot));
		if (written)
			unlink(path);
	}
	*made = !rc;
	free(after);
	OPENSSL_cleanse(&k, sizeof(k));
	return rc;
}

EVP_MAC_CTX *audit_mac_new(const struct store_audit_key *k)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *c = mac ? EVP_MAC_CTX_new(mac) : NULL;
	char digest[] = "SM3";
	OSSL_PARAM params[] = {
	    OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};

	EVP_MAC_free(mac); /* the context keeps its own reference */
	if (c && !EVP_MAC_init(c, k->key, sizeof(k->key), params)) {
		EVP_MAC_CTX_free(c);
		c = NULL;
	}
	return c;
}
