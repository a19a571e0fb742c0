/* password.c — argon2id password strings with libsodium (see password.h). */
#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "auth/secret.h"

/* The default cost (PASSWORD_COST_DEFAULT): libsodium's INTERACTIVE limits (2 passes over
 * 64 MiB, about 40 ms on one core of the machines this runs on). That is the cost libsodium
 * recommends for online sign-in: an attacker with a stolen database pays it for every guess,
 * while the server can take a burst of sign-ins without running out of memory — MODERATE
 * (256 MiB) or SENSITIVE (1 GiB) per attempt would let a few parallel sign-ins exhaust a small
 * server. The settings change it (svc/accounts.h); the server's hashing pool bounds how many
 * run at once. */
_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "PASSWORD_HASH_MAX");

static unsigned long long ops(struct password_cost c)
{
	return (unsigned long long)(c.passes > 0 ? c.passes : 2);
}

static size_t mem(struct password_cost c)
{
	return (size_t)(c.mib > 0 ? c.mib : 64) << 20;
}

/* The dummy: the hash of a random password nobody knows, made at the cost asked for last
 * (made again when the cost changes). */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;
static char dummy[PASSWORD_HASH_MAX];
static struct password_cost dummy_cost;

static void dummy_for(struct password_cost c, char out[PASSWORD_HASH_MAX])
{
	char pw[SECRET_TEXT + 1];

	pthread_mutex_lock(&dummy_lock);
	if (!dummy[0] || dummy_cost.passes != c.passes || dummy_cost.mib != c.mib) {
		dummy[0] = '\0';
		if (secret_init()) {
			secret_text(pw);
			if (crypto_pwhash_str_alg(dummy, pw, strlen(pw), ops(c), mem(c),
						  crypto_pwhash_ALG_ARGON2ID13))
				dummy[0] = '\0';
			sodium_memzero(pw, sizeof(pw));
		}
		dummy_cost = c;
	}
	memcpy(out, dummy, PASSWORD_HASH_MAX);
	pthread_mutex_unlock(&dummy_lock);
}

enum cd_err password_hash(const char *pw, struct password_cost c, char out[PASSWORD_HASH_MAX],
			  struct cd_diag *d)
{
	if (!secret_init())
		return cd_diag_set(d, CD_EIO, "the cryptographic library (libsodium) cannot start");
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), ops(c), mem(c),
				  crypto_pwhash_ALG_ARGON2ID13))
		return cd_diag_set(d, CD_ENOMEM,
				   "out of memory hashing the password (argon2id needs %d MiB)",
				   c.mib);
	return CD_OK;
}

bool password_verify(const char *hash, const char *pw)
{
	if (!secret_init() || !hash || !pw)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

bool password_verify_dummy(const char *pw, struct password_cost c)
{
	char h[PASSWORD_HASH_MAX];
	int spent = -1;

	dummy_for(c, h);
	if (h[0] && pw)
		spent = crypto_pwhash_str_verify(h, pw, strlen(pw));
	(void)spent; /* no password matches a random one: the answer is no */
	return false;
}

bool password_needs_rehash(const char *hash, struct password_cost c)
{
	return secret_init() && crypto_pwhash_str_needs_rehash(hash, ops(c), mem(c)) != 0;
}
