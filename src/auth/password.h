/* password.h — password strings: argon2id (libsodium's crypto_pwhash_str_alg), checked in
 * constant time, and a check against a dummy hash so that an unknown name costs what a known
 * one does. The complexity rules are the accounts service's (svc/accounts.h). */
#ifndef CD_PASSWORD_H
#define CD_PASSWORD_H

#include <stdbool.h>

#include "core/err.h"

#define PASSWORD_HASH_MAX 128 /* crypto_pwhash_STRBYTES: the string with its NUL */

/* The cost of one argon2id hash or check: passes over mib MiB of memory (the settings
 * password_hash_passes and password_hash_mib; default libsodium's INTERACTIVE limits, 2 passes
 * over 64 MiB). A check of a hash costs what the hash's own parameters say; the memory is held
 * while it runs, so the server's hashing pool holds at most its threads × mib MiB. */
struct password_cost {
	int passes, mib;
};
#define PASSWORD_COST_DEFAULT ((struct password_cost){2, 64})

/* password_hash writes the argon2id string of pw ("$argon2id$v=19$m=…") at cost c into out.
 * CD_ENOMEM when the memory argon2id needs cannot be had. */
enum cd_err password_hash(const char *pw, struct password_cost c, char out[PASSWORD_HASH_MAX],
			  struct cd_diag *d);

/* password_verify: pw is the password of hash (an argon2id string). */
bool password_verify(const char *hash, const char *pw);

/* password_verify_dummy spends on pw what password_verify spends on a hash of cost c, against a
 * hash no password matches; always false. */
bool password_verify_dummy(const char *pw, struct password_cost c);

/* password_needs_rehash: hash was made with other parameters than cost c. */
bool password_needs_rehash(const char *hash, struct password_cost c);

#endif
