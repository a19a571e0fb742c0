/* accounts_settings.c — the security settings of sign-in (svc/accounts.h), kept as text in the
 * store's meta table. GB/T 22239-2019 (level 3) asks for password complexity and periodic
 * change, lock-out after failed sign-ins and idle-session timeout but sets no numbers
 * (reference/regulations.md §4); the defaults are the common ones: 5 failures, 30 minutes,
 * 90 days, 12 characters. */
#include "svc/accounts_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct account_setting_def defs[ACCOUNT_SETTING__MAX] = {
	[ACCOUNT_SETTING_MIN_LENGTH] = {"password_min_length",
					"characters a password has at least", 12, 8, 128, false},
	[ACCOUNT_SETTING_MAX_AGE] = {STORE_KEY_PASSWORD_MAX_AGE,
				     "days a password lasts before it must be changed (0: for ever)",
				     90, 1, 3650, true},
	[ACCOUNT_SETTING_LOCKOUT] = {"lockout_failures",
				     "consecutive failed sign-ins that lock an account", 5, 3, 20,
				     false},
	[ACCOUNT_SETTING_IDLE] = {STORE_KEY_SESSION_IDLE, "minutes a session lasts unused", 30, 5,
				  240, false},
	[ACCOUNT_SETTING_ABSOLUTE] = {STORE_KEY_SESSION_ABSOLUTE,
				      "hours a session lasts at most, used or not", 12, 1, 72,
				      false},
	[ACCOUNT_SETTING_EVIDENCE_MB] = {"evidence_max_mb",
					 "MiB an evidence file may hold (uploads above are refused)",
					 20, 1, 100, false},
	/* argon2id's cost (auth/password.h): libsodium's INTERACTIVE limits by default */
	[ACCOUNT_SETTING_HASH_MIB] = {"password_hash_mib",
				      "MiB of memory one password hash (argon2id) takes", 64, 8, 1024,
				      false},
	[ACCOUNT_SETTING_HASH_PASSES] = {"password_hash_passes",
					 "passes of argon2id over that memory", 2, 1, 10, false},
};

static const size_t offsets[ACCOUNT_SETTING__MAX] = {
	[ACCOUNT_SETTING_MIN_LENGTH] = offsetof(struct account_settings, password_min_length),
	[ACCOUNT_SETTING_MAX_AGE] = offsetof(struct account_settings, password_max_age_days),
	[ACCOUNT_SETTING_LOCKOUT] = offsetof(struct account_settings, lockout_failures),
	[ACCOUNT_SETTING_IDLE] = offsetof(struct account_settings, session_idle_minutes),
	[ACCOUNT_SETTING_ABSOLUTE] = offsetof(struct account_settings, session_absolute_hours),
	[ACCOUNT_SETTING_EVIDENCE_MB] = offsetof(struct account_settings, evidence_max_mb),
	[ACCOUNT_SETTING_HASH_MIB] = offsetof(struct account_settings, password_hash_mib),
	[ACCOUNT_SETTING_HASH_PASSES] = offsetof(struct account_settings, password_hash_passes),
};

const struct account_setting_def *account_setting_def(size_t i)
{
	return i < ACCOUNT_SETTING__MAX ? &defs[i] : NULL;
}

int account_setting_value(const struct account_settings *st, size_t i)
{
	int v = 0;

	if (i < ACCOUNT_SETTING__MAX)
		memcpy(&v, (const char *)st + offsets[i], sizeof(v));
	return v;
}

/* whole reads a whole number of at most six digits, nothing else; -1 when it is not one. */
static int whole(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 6 || strspn(s, "0123456789") != n)
		return -1;
	return (int)strtol(s, NULL, 10);
}

static bool in_range(size_t i, int v)
{
	return (v >= defs[i].min && v <= defs[i].max) || (v == 0 && defs[i].zero_ok);
}

int accounts_setting_parse(size_t i, const char *text)
{
	int v = whole(text);

	return in_range(i, v) ? v : defs[i].dflt;
}

enum cd_err account_settings_get(struct store *s, struct account_settings *out, struct cd_diag *d)
{
	for (size_t i = 0; i < ACCOUNT_SETTING__MAX; i++) {
		char *text = NULL;
		enum cd_err rc = store_meta_get(s, defs[i].key, &text, d);
		int v;

		if (rc && rc != CD_ENOTFOUND)
			return rc;
		v = accounts_setting_parse(i, text);
		memcpy((char *)out + offsets[i], &v, sizeof(v));
		free(text);
	}
	return CD_OK;
}

int account_setting_index(const char *key, struct cd_diag *d)
{
	char keys[256] = "";
	size_t len = 0;

	for (size_t i = 0; i < ACCOUNT_SETTING__MAX; i++)
		if (key && !strcmp(key, defs[i].key))
			return (int)i;
	for (size_t i = 0; i < ACCOUNT_SETTING__MAX && len < sizeof(keys); i++)
		len += (size_t)snprintf(keys + len, sizeof(keys) - len, "%s%s", i ? ", " : "",
					defs[i].key);
	cd_diag_set(d, CD_ENOTFOUND, "no setting \"%s\" (the settings: %s)", key ? key : "",
		    keys);
	return -1;
}

enum cd_err account_setting_set(struct store *s, const char *key, const char *value,
				struct cd_diag *d)
{
	char canon[16];
	int i = account_setting_index(key, d), v;

	if (i < 0)
		return CD_ENOTFOUND;
	v = whole(value);
	if (!in_range((size_t)i, v))
		return cd_diag_set(d, CD_EINVAL, "%s takes a whole number from %d to %d%s, not \"%s\"",
				   key, defs[i].min, defs[i].max,
				   defs[i].zero_ok ? " (or 0: no maximum)" : "", value);
	snprintf(canon, sizeof(canon), "%d", v);
	return store_meta_set(s, key, canon, d);
}
