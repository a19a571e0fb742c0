/* totp.c — RFC 6238 codes with liboath (see totp.h). */
#include "auth/totp.h"

#include <ctype.h>
#include <liboath/oath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/secret.h"

void totp_key_new(unsigned char key[TOTP_KEY_LEN])
{
	secret_random(key, TOTP_KEY_LEN);
}

bool totp_b32_encode(const unsigned char *key, size_t len, char out[TOTP_B32_MAX])
{
	char *b32 = NULL;
	size_t n = 0;
	bool ok;

	if (!secret_init() || oath_base32_encode((const char *)key, len, &b32, &n) != OATH_OK)
		return false;
	while (n && b32[n - 1] == '=') /* authenticator apps want it without padding */
		n--;
	ok = n < TOTP_B32_MAX;
	if (ok) {
		memcpy(out, b32, n);
		out[n] = '\0';
	}
	secret_wipe(b32, strlen(b32));
	free(b32);
	return ok;
}

bool totp_b32_decode(const char *b32, unsigned char *key, size_t max, size_t *len)
{
	char text[TOTP_B32_MAX * 2];
	char *raw = NULL;
	size_t n = 0, rawlen = 0;
	bool ok;

	for (const char *p = b32; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (n + 1 >= sizeof(text))
			return false;
		text[n++] = (char)toupper((unsigned char)*p);
	}
	text[n] = '\0';
	if (!secret_init() || oath_base32_decode(text, n, &raw, &rawlen) != OATH_OK) {
		secret_wipe(text, sizeof(text));
		return false;
	}
	ok = rawlen >= 16 && rawlen <= max;
	if (ok) {
		memcpy(key, raw, rawlen);
		*len = rawlen;
	}
	secret_wipe(raw, rawlen);
	free(raw);
	secret_wipe(text, sizeof(text));
	return ok;
}

bool totp_uri(const char *name, const char *b32, char *out, size_t n)
{
	int len = snprintf(out, n,
			   "otpauth://totp/" TOTP_ISSUER ":%s?secret=%s&issuer=" TOTP_ISSUER
			   "&algorithm=SHA1&digits=%d&period=%d",
			   name, b32, TOTP_DIGITS, TOTP_STEP);

	return len > 0 && (size_t)len < n;
}

/* same_code is liboath's comparison callback: 0 when the code it computed (test) is the one
 * given (handle), in constant time. */
static int same_code(void *handle, const char *test)
{
	return strlen(test) == TOTP_DIGITS && secret_equal(handle, test, TOTP_DIGITS) ? 0 : 1;
}

bool totp_check(const unsigned char *key, size_t len, const char *code, cd_time now,
		int64_t *step)
{
	char given[TOTP_DIGITS + 1];
	size_t n = 0;
	uint64_t counter = 0;
	int pos = 0, rc;

	for (const char *p = code ? code : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == TOTP_DIGITS || !isdigit((unsigned char)*p))
			return false;
		given[n++] = *p;
	}
	given[n] = '\0';
	if (n != TOTP_DIGITS || !secret_init() || now == CD_TIME_NONE)
		return false;
	rc = oath_totp_validate3_callback((const char *)key, len, (time_t)now, TOTP_STEP, 0,
					  TOTP_DIGITS, 1, &pos, &counter, same_code, given);
	secret_wipe(given, sizeof(given));
	if (rc < 0)
		return false;
	*step = (int64_t)counter;
	return true;
}
