/* password.c — argon2id password strings with libsodium (see password.h). */
#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "auth/secret.h"

/* The cost: libsodium's INTERACTIVE limits (2 passes over 64 MiB, about 40 ms on one core of
 * the machines this runs on). That is the cost libsodium recommends for online sign-in: an
 * attacker with a stolen database pays it for every guess, while the server can take a burst of
 * sign-ins without running out of memory — MODERATE (256 MiB) or SENSITIVE (1 GiB) per attempt
 * would let a few parallel sign-ins exhaust a small server. */
#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "PASSWORD_HASH_MAX");

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy[PASSWORD_HASH_MAX];

/* The dummy: the hash of a random password nobody knows, made with the same parameters. */
static void make_dummy(void)
{
	char pw[SECRET_TEXT + 1];

	if (!secret_init())
		return;
	secret_text(pw);
	if (crypto_pwhash_str_alg(dummy, pw, strlen(pw), OPS, MEM, crypto_pwhash_ALG_ARGON2ID13))
		dummy[0] = '\0';
	sodium_memzero(pw, sizeof(pw));
}

enum cd_err password_hash(const char *pw, char out[PASSWORD_HASH_MAX], struct cd_diag *d)
{
	if (!secret_init())
		return cd_diag_set(d, CD_EIO, "the cryptographic library (libsodium) cannot start");
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), OPS, MEM, crypto_pwhash_ALG_ARGON2ID13))
		return cd_diag_set(d, CD_ENOMEM,
				   "out of memory hashing the password (argon2id needs 64 MiB)");
	return CD_OK;
}

bool password_verify(const char *hash, const char *pw)
{
	if (!secret_init() || !hash || !pw)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool password_verify_dummy(const char *pw)
{
	int spent = -1;

	pthread_once(&dummy_once, make_dummy);
	if (dummy[0] && pw)
		spent = crypto_pwhash_str_verify(dummy, pw, strlen(pw));
	(void)spent; /* no password matches a random one: the answer is no */
	return false;
}

bool password_needs_rehash(const char *hash)
{
	return secret_init() && crypto_pwhash_str_needs_rehash(hash, OPS, MEM) != 0;
}
