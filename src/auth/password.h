/* password.h — password strings: argon2id (libsodium's crypto_pwhash_str_alg), checked in
 * constant time, and a check against a dummy hash so that an unknown name costs what a known
 * one does. The complexity rules are the accounts service's (svc/accounts.h). */
#ifndef CD_PASSWORD_H
#define CD_PASSWORD_H

#include <stdbool.h>

#include "core/err.h"

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES: the string with its NUL */

/* password_hash writes the argon2id string of pw ("$argon2id$v=19$m=…") into out. CD_ENOMEM
 * when the memory argon2id needs cannot be had. */
enum cd_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX], struct cd_diag *d);

/* password_verify: pw is the password of hash (an argon2id string). */
bool password_verify(const char *hash, const char *pw);

/* password_verify_dummy spends on pw what password_verify spends, against a hash no password
 * matches; always false. */
bool password_verify_dummy(const char *pw);

/* password_needs_rehash: hash was made with other parameters than password_hash uses now. */
bool password_needs_rehash(const char *hash);

#endif
