/* secret.h — the random secrets of sign-in and what is kept of them, over libsodium: session
 * ids, CSRF tokens and API tokens are random bytes written as base64url; the store keeps only
 * their BLAKE2b-256 hash; comparisons take constant time; memory that held a secret is wiped.
 * secret_init starts libsodium and liboath once per process; everything in src/auth/ calls it. */
#ifndef CD_SECRET_H
#define CD_SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_BYTES 32 /* random bytes in a session id, CSRF token or API token */
#define SECRET_TEXT  43 /* their base64url text without padding (no NUL) */
#define SECRET_HASH  32 /* BLAKE2b-256, what the store keeps */

/* secret_init starts libsodium and liboath (once; thread-safe). false when either cannot. */
bool secret_init(void);

/* secret_random fills buf with n bytes from the system's CSPRNG. */
void secret_random(void *buf, size_t n);

/* secret_text writes SECRET_BYTES fresh random bytes as base64url (no padding) into
 * out[SECRET_TEXT + 1]. */
void secret_text(char out[SECRET_TEXT + 1]);

/* secret_is_text: s has the form secret_text writes (SECRET_TEXT base64url characters). */
bool secret_is_text(const char *s);

/* secret_hash writes the BLAKE2b-256 hash of the NUL-terminated text s into out. */
void secret_hash(const char *s, unsigned char out[SECRET_HASH]);

/* secret_equal compares n bytes in constant time. */
bool secret_equal(const void *a, const void *b, size_t n);

/* secret_wipe zeroes n bytes at p in a way the compiler does not drop. */
void secret_wipe(void *p, size_t n);

#endif
