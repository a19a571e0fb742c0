/* audit_int.h — what the files of the audit module share (hashing with a reused OpenSSL
 * context, the file digest, verification inside a caller's transaction). Nobody outside
 * src/audit/ includes this. */
#ifndef CD_AUDIT_INT_H
#define CD_AUDIT_INT_H

#include <openssl/evp.h>

#include "audit.h"

#define AUDIT_ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

/* audit_hash_with is audit_hash on a context the caller keeps (EVP_MD_CTX_new) across many
 * entries, or, when m is not NULL, audit_hmac on a keyed context of audit_mac_new (c is then
 * not read); the context is reset each time. */
enum cd_err audit_hash_with(EVP_MD_CTX *c, EVP_MAC_CTX *m, const struct store_audit_entry *e,
                            char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d);

/* audit_mac_new returns an HMAC-SM3 context keyed with k (EVP_MAC_CTX_free), or NULL. */
EVP_MAC_CTX *audit_mac_new(const struct store_audit_key *k);

/* audit_file_sm3 computes the SM3 of the bytes of the file at path. CD_EIO when it cannot be
 * read. */
enum cd_err audit_file_sm3(const char *path, char hex[AUDIT_HASH_HEX + 1], struct cd_diag *d);

/* audit_verify_in is audit_verify inside the caller's transaction (archive verifies in its
 * own write transaction). */
enum cd_err audit_verify_in(struct store *s, const struct audit_verify_opts *o,
                            struct audit_report *r, struct cd_diag *d);

/* audit_verify_db is audit_verify_in over the database's entries only, the archived ones taken
 * as their anchors say (archive checks the chain it is about to cut this way). */
enum cd_err audit_verify_db(struct store *s, struct audit_report *r, struct cd_diag *d);

/* audit_append_by appends an entry of the module's own (action, object, before, after;
 * outcome ok) at by->at for by->actor from by->ip, inside the caller's transaction. */
enum cd_err audit_append_by(struct store *s, const struct audit_entry *by, const char *action,
                            const char *object, const char *before, const char *after,
                            struct cd_diag *d);

/* audit_json_text returns j (consumed; NULL is passed through) as compact JSON text the caller
 * frees, or NULL. */
char *audit_json_text(json_t *j);

#endif
