/* totp.h — the second factor: time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits,
 * 30-second steps from the Unix epoch) with liboath. A code is checked against the step of `now`
 * and one step either side (a device clock a little off, a code typed as the step turns); the
 * step it matched is returned so the caller can refuse it the second time. */
#ifndef CD_TOTP_H
#define CD_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

#define TOTP_KEY_LEN 20 /* 160-bit keys, RFC 4226 §4 */
#define TOTP_B32_MAX 64 /* base32 text of a key, with its NUL */
#define TOTP_STEP    30
#define TOTP_DIGITS  6
#define TOTP_ISSUER  "cyberduty"

/* totp_key_new fills key with TOTP_KEY_LEN random bytes. */
void totp_key_new(unsigned char key[TOTP_KEY_LEN]);

/* totp_b32_encode writes key[0..len) as base32 (RFC 4648, upper case, no padding for 20
 * bytes) into out[TOTP_B32_MAX]; false when it cannot. */
bool totp_b32_encode(const unsigned char *key, size_t len, char out[TOTP_B32_MAX]);

/* totp_b32_decode reads base32 text (case and spaces ignored) into key (at most max bytes),
 * setting *len; false when it is not base32 or decodes to fewer than 16 or more than max
 * bytes. */
bool totp_b32_decode(const char *b32, unsigned char *key, size_t max, size_t *len);

/* totp_uri writes the otpauth:// URI an authenticator app scans (issuer cyberduty, label
 * "cyberduty:NAME"; NAME must need no escaping: [a-z0-9._-]) into out[n]; false when it does
 * not fit. */
bool totp_uri(const char *name, const char *b32, char *out, size_t n);

/* totp_check: code (6 digits; spaces ignored) is the code of key at `now` or one step either
 * side; *step is the step it is the code of. Compares in constant time. */
bool totp_check(const unsigned char *key, size_t len, const char *code, cd_time now,
		int64_t *step);

#endif
