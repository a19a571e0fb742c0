/* secret.c — random secrets, their hashes, constant-time comparison and wiping (libsodium);
 * starting libsodium and liboath once. */
#include "auth/secret.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool ready;

static void start(void)
{
	ready = sodium_init() >= 0 && oath_init() == OATH_OK;
}

bool secret_init(void)
{
	pthread_once(&once, start);
	return ready;
}

void secret_random(void *buf, size_t n)
{
	randombytes_buf(buf, n);
}

void secret_text(char out[SECRET_TEXT + 1])
{
	unsigned char raw[SECRET_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SECRET_TEXT + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

_Static_assert(sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
		       SECRET_TEXT + 1,
	       "SECRET_TEXT is the base64url length of SECRET_BYTES");

bool secret_is_text(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n == SECRET_TEXT &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

void secret_hash(const char *s, unsigned char out[SECRET_HASH])
{
	crypto_generichash(out, SECRET_HASH, (const unsigned char *)s, strlen(s), NULL, 0);
}

bool secret_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

void secret_wipe(void *p, size_t n)
{
	sodium_memzero(p, n);
}
