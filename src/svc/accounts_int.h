/* accounts_int.h — what the files of the accounts service share (accounts.c: accounts,
 * passwords, sign-in, TOTP; accounts_session.c: sessions and API tokens; accounts_settings.c:
 * the security settings). Nobody outside src/svc/accounts*.c includes this. */
#ifndef CD_ACCOUNTS_INT_H
#define CD_ACCOUNTS_INT_H

#include "auth/password.h"
#include "svc/accounts.h"

/* accounts_setting_parse reads the stored text of setting i (ACCOUNT_SETTING_*): its value, or
 * its default when the text is empty, not a whole number or out of range. */
int accounts_setting_parse(size_t i, const char *text);

/* accounts_public fills *out from a stored account (no secrets), deciding password_expired at
 * `now` with the maximum age max_age_days (0: none). */
void accounts_public(const struct store_account *a, int max_age_days, cd_time now,
		     struct account *out);

/* accounts_tx_begin opens a transaction unless the caller has one open (*own says whether it
 * did); accounts_tx_end commits what it opened — or rolls it back when rc is an error — and
 * returns rc (or the commit's error). Inside a caller's transaction both leave it to the
 * caller, so an act and its audit entry can be written together. */
enum cd_err accounts_tx_begin(struct store *s, bool *own, struct cd_diag *d);
enum cd_err accounts_tx_end(struct store *s, bool own, enum cd_err rc, struct cd_diag *d);

/* accounts_unit_error turns the store's CD_ENOTFOUND for a missing unit into a message naming
 * it; other errors pass through. */
enum cd_err accounts_unit_error(enum cd_err rc, int64_t unit, struct cd_diag *d);

/* accounts_password_hash checks a new password of account id against the rules (and that it is
 * not the current one) and hashes it into hash — outside any transaction, so no write lock is
 * held while argon2id runs; the caller wipes hash. accounts_password_store then stores it as
 * the account's password set at `now` and ends its sessions, in one transaction (the caller's
 * when open). Errors as account_password_set. */
enum cd_err accounts_password_hash(struct store *s, int64_t id, const char *password,
				   char hash[PASSWORD_HASH_MAX], struct cd_diag *d);
enum cd_err accounts_password_store(struct store *s, int64_t id, const char *hash, cd_time now,
				    struct cd_diag *d);

/* accounts_totp_seal seals TOTP key[0..n) into out (*out_n bytes) under the key derived from
 * the audit key, or copies it when the database has no audit key (accounts_seal.c);
 * accounts_totp_open opens a's keys in place (CD_EIO when they do not open with the key file). */
enum cd_err accounts_totp_seal(struct store *s, const unsigned char *key, size_t n,
			       unsigned char out[STORE_TOTP_KEY_MAX], size_t *out_n,
			       struct cd_diag *d);
enum cd_err accounts_totp_open(struct store *s, struct store_account *a, struct cd_diag *d);

/* accounts_cost: the cost of a password hash the settings ask for. */
struct password_cost accounts_cost(const struct account_settings *st);

/* accounts_text_ok: s is shorter than n bytes and has no control characters. */
bool accounts_text_ok(const char *s, size_t n);

#endif
