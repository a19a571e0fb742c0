/* accounts_seal.c — the TOTP keys sealed at rest (issue 13, item 12): a key must be kept to
 * check codes, so it cannot be hashed like a password; it is sealed with libsodium's
 * crypto_secretbox (XSalsa20-Poly1305) under a key derived (crypto_kdf, context "cdtotp01")
 * from the audit key — the file beside the database, mode 0400, made at `init`, that the
 * database does not hold (docs/audit.md, "The key"). A copy of the database alone then holds no
 * second factor. A database without an audit key (older than keys, not yet `init`ed again)
 * keeps its TOTP keys raw; `init` (which makes the key) and `serve` (at start) seal any raw key
 * they find. */
#include "svc/accounts_int.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/secret.h"

/* A sealed key: the magic, the nonce, the MAC, the key (at most 22 bytes in the 64 the table
 * allows; keys are made of 20). */
static const unsigned char MAGIC[2] = {0xCD, 'S'};
#define SEAL_OVER (sizeof MAGIC + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
#define SEAL_MAX  (STORE_TOTP_KEY_MAX - SEAL_OVER)

_Static_assert(SEAL_MAX >= 20, "a 160-bit TOTP key fits sealed");

static bool is_sealed(const unsigned char *b, size_t n)
{
	return n > SEAL_OVER && !memcmp(b, MAGIC, sizeof MAGIC);
}

/* seal_key derives the sealing key from s's audit key; *have false when s has none. */
static enum cd_err seal_key(struct store *s, unsigned char k[crypto_secretbox_KEYBYTES],
			    bool *have, struct cd_diag *d)
{
	const struct store_audit_key *ak;
	enum cd_err rc = audit_key_load(s, d);

	*have = false;
	if (rc)
		return rc;
	ak = store_audit_key(s);
	if (!ak->have)
		return CD_OK;
	if (!secret_init())
		return cd_diag_set(d, CD_EIO, "the cryptographic library cannot start");
	_Static_assert(sizeof ak->key == crypto_kdf_KEYBYTES, "the audit key is a kdf key");
	crypto_kdf_derive_from_key(k, crypto_secretbox_KEYBYTES, 1, "cdtotp01", ak->key);
	*have = true;
	return CD_OK;
}

enum cd_err accounts_totp_seal(struct store *s, const unsigned char *key, size_t n,
			       unsigned char out[STORE_TOTP_KEY_MAX], size_t *out_n,
			       struct cd_diag *d)
{
	unsigned char k[crypto_secretbox_KEYBYTES];
	bool have;
	enum cd_err rc = seal_key(s, k, &have, d);

	if (rc)
		return rc;
	if (!have) { /* no audit key yet: kept raw until `init` makes one */
		memcpy(out, key, n);
		*out_n = n;
		return CD_OK;
	}
	if (n > SEAL_MAX) {
		sodium_memzero(k, sizeof k);
		return cd_diag_set(d, CD_EINVAL, "a TOTP key is at most %zu bytes (160 bits, 20 "
						 "bytes, is the standard's)",
				   (size_t)SEAL_MAX);
	}
	memcpy(out, MAGIC, sizeof MAGIC);
	randombytes_buf(out + sizeof MAGIC, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(out + sizeof MAGIC + crypto_secretbox_NONCEBYTES, key, n,
			      out + sizeof MAGIC, k);
	*out_n = SEAL_OVER + n;
	sodium_memzero(k, sizeof k);
	return CD_OK;
}

/* open_one opens b (n bytes) in place when it is sealed. */
static enum cd_err open_one(struct store *s, unsigned char *b, size_t *n, struct cd_diag *d)
{
	unsigned char k[crypto_secretbox_KEYBYTES], plain[STORE_TOTP_KEY_MAX];
	size_t len;
	bool have;
	enum cd_err rc;

	if (!is_sealed(b, *n))
		return CD_OK;
	if ((rc = seal_key(s, k, &have, d)))
		return rc;
	len = *n - SEAL_OVER;
	if (!have || crypto_secretbox_open_easy(plain,
						b + sizeof MAGIC + crypto_secretbox_NONCEBYTES,
						*n - sizeof MAGIC - crypto_secretbox_NONCEBYTES,
						b + sizeof MAGIC, k)) {
		sodium_memzero(k, sizeof k);
		return cd_diag_set(d, CD_EIO,
				   "a second factor's key does not open with the audit key file (the "
				   "wrong key file, or the key was changed in the database)");
	}
	memcpy(b, plain, len);
	*n = len;
	sodium_memzero(plain, sizeof plain);
	sodium_memzero(k, sizeof k);
	return CD_OK;
}

enum cd_err accounts_totp_open(struct store *s, struct store_account *a, struct cd_diag *d)
{
	enum cd_err rc = open_one(s, a->totp, &a->totp_len, d);

	return rc ? rc : open_one(s, a->totp_pending, &a->totp_pending_len, d);
}

enum cd_err account_totp_seal_all(struct store *s, size_t *sealed, struct cd_diag *d)
{
	unsigned char k[crypto_secretbox_KEYBYTES], box[STORE_TOTP_KEY_MAX];
	struct store_account *v = NULL;
	size_t n = 0, bn;
	bool have, own;
	enum cd_err rc = seal_key(s, k, &have, d);

	*sealed = 0;
	sodium_memzero(k, sizeof k);
	if (rc || !have)
		return rc;
	if ((rc = store_account_list(s, &v, &n, d)))
		return rc;
	for (size_t i = 0; !rc && i < n; i++) {
		struct store_account *a = &v[i];
		bool now_raw = a->totp_len && !is_sealed(a->totp, a->totp_len),
		     pend_raw = a->totp_pending_len &&
				!is_sealed(a->totp_pending, a->totp_pending_len);

		if (!now_raw && !pend_raw)
			continue;
		if ((rc = accounts_tx_begin(s, &own, d)))
			break;
		/* the key in force goes through pending (the store's one way to put a key in
		 * force), keeping the step of its last code; then the pending one, sealed */
		if (now_raw && !(rc = accounts_totp_seal(s, a->totp, a->totp_len, box, &bn, d)) &&
		    !(rc = store_account_totp_pending(s, a->id, box, bn, d)))
			rc = store_account_totp_enable(s, a->id,
						       a->totp_last_step > 0 ? a->totp_last_step
									     : 0,
						       d);
		if (!rc && a->totp_pending_len) {
			if (pend_raw)
				rc = accounts_totp_seal(s, a->totp_pending, a->totp_pending_len,
							box, &bn, d);
			else
				memcpy(box, a->totp_pending, bn = a->totp_pending_len);
			if (!rc && (now_raw || pend_raw))
				rc = store_account_totp_pending(s, a->id, box, bn, d);
		}
		rc = accounts_tx_end(s, own, rc, d);
		*sealed += !rc;
	}
	sodium_memzero(box, sizeof box);
	secret_wipe(v, n * sizeof *v);
	free(v);
	return rc;
}
