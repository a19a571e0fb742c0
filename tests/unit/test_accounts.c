/* test_accounts.c — the accounts service (svc/accounts.h) on a real SQLite database: password
 * rules, argon2id storage, signing in (bad, lock-out at exactly N failures, unlock, disabled, no
 * password, TOTP required / bad / reused / right, administrators without TOTP), password expiry,
 * sessions (idle and absolute timeouts at their exact boundary, last use written once a minute,
 * end, CSRF), API tokens (create, get, revoke, expire, stored hashed) and the settings' ranges;
 * then the administrators' acts on them: refusals that write nothing, the rules that hold
 * whoever acts, an act's audit entry in its write's transaction. TOTP codes are computed here
 * with liboath at fixed instants. */
#include "testutil.h"

#include <liboath/oath.h>
#include <sqlite3.h>

#include "audit/audit.h"
#include "profile/profile_load.h"
#include "store/store.h"
#include "svc/accounts.h"
#include "svc/act.h"
#include "svc/setup.h"

#define IP "203.0.113.7"

struct fx {
	char path[512];
	struct store *s;
	int64_t root, dept;
	struct cd_diag d;
	struct act c;         /* the acts' context (act_as) */
	int64_t sys, officer; /* the acts' accounts (two_accounts) */
	bool by_address;      /* login() leaves the address's count as it is (else: forgets it) */
	cd_time retry_at;     /* login()'s last *retry_at */
};

static const char good_pw[] = "Correct#Horse9";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct unit root = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct unit dept = {.code = "D", .name = "教务处", .kind = UNIT_DEPARTMENT};

	assert_non_null(f);
	tmp_db(f->path, sizeof(f->path), "accounts");
	assert_int_equal(store_open(f->path, STORE_CREATE, &f->s, &f->d), CD_OK);
	assert_int_equal(store_unit_add(f->s, &root, &f->d), CD_OK);
	dept.parent = root.id;
	assert_int_equal(store_unit_add(f->s, &dept, &f->d), CD_OK);
	f->root = root.id;
	f->dept = dept.id;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->s);
	free(f);
	return 0;
}

/* user makes an account with a password set at `at`. */
static struct account user(struct fx *f, const char *name, enum account_role role, cd_time at)
{
	struct account a;

	assert_int_equal(account_create(f->s, name, "测试", role, account_role_admin(role) ? 0 : f->dept,
					at, &a, &f->d),
			 CD_OK);
	assert_int_equal(account_password_set(f->s, a.id, good_pw, at, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, at, &a, &f->d), CD_OK);
	return a;
}

static enum login_outcome login(struct fx *f, const char *name, const char *pw, const char *code,
				cd_time now, struct account *a)
{
	enum login_outcome o = LOGIN__MAX;
	const struct store_address none = {.last_at = 0, .until = CD_TIME_NONE};

	/* the account's lock-out on its own: the address's count is tested in by_address */
	if (!f->by_address)
		assert_int_equal(store_address_set(f->s, IP, &none, &f->d), CD_OK);
	if (account_login(f->s, name, pw, code, IP, now, &o, &f->retry_at, a, &f->d))
		fail_msg("account_login %s: %s", name ? name : "-", f->d.msg);
	return o;
}

/* code writes the TOTP code of base32 key b32 at instant `at` into out[7]. */
static const char *code(const char *b32, cd_time at, char out[7])
{
	char *key = NULL;
	size_t len = 0;

	assert_int_equal(oath_base32_decode(b32, strlen(b32), &key, &len), OATH_OK);
	assert_int_equal(oath_totp_generate(key, len, (time_t)at, 30, 0, 6, out), OATH_OK);
	free(key);
	return out;
}

/* wrong writes a code that is none of the codes of b32 one step either side of `at`. */
static const char *wrong(const char *b32, cd_time at, char out[7])
{
	char c[3][7];
	unsigned v = 111111;

	for (int i = 0; i < 3; i++)
		code(b32, at + (i - 1) * 30, c[i]);
	do
		snprintf(out, 7, "%06u", v++ % 1000000u);
	while (!strcmp(out, c[0]) || !strcmp(out, c[1]) || !strcmp(out, c[2]));
	return out;
}

#define KEY "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA" /* a fixed key: the same codes every run */

/* enrol gives account id a TOTP key confirmed at `at` and returns it in b32[64]. */
static void enrol(struct fx *f, int64_t id, cd_time at, char b32[64])
{
	char uri[256], c[7];

	assert_int_equal(account_totp_begin(f->s, id, b32, uri, &f->d), CD_OK);
	assert_int_equal(strlen(b32), 32);
	assert_non_null(strstr(uri, "otpauth://totp/cyberduty:"));
	assert_non_null(strstr(uri, b32));
	assert_int_equal(account_totp_confirm(f->s, id, code(b32, at, c), at, &f->d), CD_OK);
}

/* ---- Passwords ------------------------------------------------------------------------- */

static void password_rules(void **state)
{
	static const struct {
		const char *pw, *why; /* why: a piece of the message; NULL when it passes */
	} cases[] = {
		{"", "needed"},
		{"Short#1a", "at least 12"},
		{"Elevenchar1", "at least 12"},        /* 11 characters */
		{"alllowercase123", "three of"},       /* two kinds */
		{"ALLUPPER#####", "three of"},         /* two kinds */
		{"with\ttab#Upper1", "control"},
		{"line\nbreak#Upper1", "control"},
		{"Zhangsan#2026x", "account name"},    /* contains the name, other case */
		{"xxZHANGSANxx#1", "account name"},
		{"Correct#Horse9", NULL},
		{"correcthorse9#", NULL},              /* lower, digit, other */
		{"CORRECTHORSE9x", NULL},              /* upper, digit, lower */
		{"密码很长Ab12密码很长", NULL},        /* 12 characters, not bytes; CJK is "other" */
		{"密码Ab1密码", "at least 12"},        /* 7 characters */
		{"with spaces OK 1", NULL},
	};
	struct account_settings st = {.password_min_length = 12};
	char longest[1100];
	struct cd_diag d;
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum cd_err rc = account_password_check(&st, "zhangsan", cases[i].pw, &d);

		if (!cases[i].why) {
			if (rc)
				fail_msg("case %zu \"%s\" refused: %s", i, cases[i].pw, d.msg);
			continue;
		}
		if (rc != CD_EINVAL)
			fail_msg("case %zu \"%s\" passed; want \"%s\"", i, cases[i].pw, cases[i].why);
		if (!strstr(d.msg, cases[i].why))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, d.msg, cases[i].why);
	}
	memset(longest, 'a', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	longest[0] = 'A';
	longest[1] = '1';
	assert_int_equal(account_password_check(&st, "zhangsan", longest, &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "longer than"));
	st.password_min_length = 16; /* the setting decides the length */
	assert_int_equal(account_password_check(&st, "zhangsan", "Correct#Horse9", &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "at least 16"));
}

static void password_stored_argon2id(void **state)
{
	struct fx *f = *state;
	struct store_account sa;
	struct account a = user(f, "wang", AR_OFFICER, T("2026-05-12 09:00"));

	assert_true(a.password_set);
	assert_int_equal(store_account_by_name(f->s, "wang", &sa, &f->d), CD_OK);
	assert_memory_equal(sa.pwhash, "$argon2id$", 10);
	assert_null(strstr(sa.pwhash, good_pw));
	/* the same password again is refused; a weak one says which rule; nothing changes */
	assert_int_equal(account_password_set(f->s, a.id, good_pw, T("2026-05-13 09:00"), &f->d),
			 CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "current one"));
	assert_int_equal(account_password_set(f->s, a.id, "weak", T("2026-05-13 09:00"), &f->d),
			 CD_EINVAL);
	assert_int_equal(account_get(f->s, a.id, T("2026-05-13 09:00"), &a, &f->d), CD_OK);
	assert_int_equal(a.password_changed_at, T("2026-05-12 09:00"));
	assert_int_equal(account_password_set(f->s, 999, good_pw, T("2026-05-13 09:00"), &f->d),
			 CD_ENOTFOUND);
}

static void password_expiry(void **state)
{
	struct fx *f = *state;
	cd_time t0 = T("2026-01-01 00:00");
	cd_time limit = t0 + 90 * 86400; /* the default maximum age: 90 days */
	struct account a = user(f, "li", AR_LEADER, t0);

	assert_int_equal(login(f, "li", good_pw, NULL, limit - 1, &a), LOGIN_OK);
	assert_false(a.password_expired);
	assert_int_equal(login(f, "li", good_pw, NULL, limit, &a), LOGIN_OK);
	assert_true(a.password_expired); /* signed in, but may do nothing but change it */
	assert_int_equal(account_get(f->s, a.id, limit, &a, &f->d), CD_OK);
	assert_true(a.password_expired);
	assert_int_equal(account_setting_set(f->s, "password_max_age_days", "0", &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, limit + 3650L * 86400, &a, &f->d), CD_OK);
	assert_false(a.password_expired); /* 0: no maximum age */
	assert_int_equal(account_setting_set(f->s, "password_max_age_days", "1", &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, t0 + 86399, &a, &f->d), CD_OK);
	assert_false(a.password_expired);
	assert_int_equal(account_get(f->s, a.id, t0 + 86400, &a, &f->d), CD_OK);
	assert_true(a.password_expired);
}

/* ---- Accounts -------------------------------------------------------------------------- */

static void create_and_bootstrap(void **state)
{
	static const char *const bad_names[] = {"", "a", "Upper", "has space", "中文",
						"x/y", "12345678901234567890123456789012345678901234567890123456789012345"};
	struct fx *f = *state;
	struct account a, *v = NULL;
	cd_time now = T("2026-05-12 09:00");
	size_t n = 0;
	bool made = false;

	assert_int_equal(account_bootstrap(f->s, now, &made, &f->d), CD_OK);
	assert_true(made);
	assert_int_equal(account_by_name(f->s, ACCOUNT_FIRST, now, &a, &f->d), CD_OK);
	assert_int_equal(a.role, AR_SYSADMIN);
	assert_false(a.password_set);
	assert_int_equal(account_bootstrap(f->s, now, &made, &f->d), CD_OK);
	assert_false(made); /* only a fresh install */
	/* no password yet: no password is right, so it answers as any wrong one */
	assert_int_equal(login(f, ACCOUNT_FIRST, "", NULL, now, NULL), LOGIN_BAD);
	assert_int_equal(login(f, ACCOUNT_FIRST, good_pw, NULL, now, NULL), LOGIN_BAD);

	for (size_t i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
		assert_int_equal(account_create(f->s, bad_names[i], "", AR_OFFICER, f->dept, now, &a,
						&f->d),
				 CD_EINVAL);
	assert_int_equal(account_create(f->s, "sysadmin", "", AR_OFFICER, f->dept, now, &a, &f->d),
			 CD_ECONFLICT);
	assert_int_equal(account_create(f->s, "zhao", "", AR_OFFICER, 0, now, &a, &f->d),
			 CD_EINVAL); /* a business role needs a unit */
	assert_int_equal(account_create(f->s, "zhao", "", AR_OFFICER, 999, now, &a, &f->d),
			 CD_ENOTFOUND);
	assert_int_equal(account_create(f->s, "sec", "", AR_SECADMIN, f->dept, now, &a, &f->d),
			 CD_OK);
	assert_int_equal(a.unit, 0); /* administrators have no unit */
	assert_int_equal(account_create(f->s, "new.person", "", AR_NONE, 0, now, &a, &f->d), CD_OK);
	assert_int_equal(account_list(f->s, now, &v, &n, &f->d), CD_OK);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].name, "sysadmin");
	assert_string_equal(v[2].name, "new.person");
	free(v);
	assert_int_equal(account_set_role(f->s, a.id, AR_OFFICE, f->root, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, now, &a, &f->d), CD_OK);
	assert_int_equal(a.role, AR_OFFICE);
	assert_int_equal(a.unit, f->root);
	assert_int_equal(account_set_role(f->s, a.id, AR_OFFICE, 999, &f->d), CD_ENOTFOUND);
	assert_non_null(strstr(f->d.msg, "unit"));
	assert_int_equal(account_set_role(f->s, 999, AR_OFFICE, f->root, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_get(f->s, 999, now, &a, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_by_name(f->s, "nobody", now, &a, &f->d), CD_ENOTFOUND);
}

/* ---- Signing in ------------------------------------------------------------------------ */

static void login_ok_bad(void **state)
{
	struct fx *f = *state;
	cd_time now = T("2026-05-12 09:00");
	struct account a = user(f, "zhou", AR_OFFICER, now);

	assert_int_equal(login(f, "zhou", good_pw, NULL, now + 60, &a), LOGIN_OK);
	assert_int_equal(a.last_login_at, now + 60);
	assert_int_equal(a.role, AR_OFFICER);
	assert_int_equal(login(f, "zhou", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_string_equal(a.name, "zhou"); /* known: filled */
	assert_int_equal(login(f, "nobody", good_pw, NULL, now, &a), LOGIN_BAD);
	assert_int_equal(a.id, 0); /* unknown: nothing filled */
	assert_int_equal(login(f, "BAD NAME", good_pw, NULL, now, &a), LOGIN_BAD);
	assert_int_equal(login(f, "zhou", NULL, NULL, now, &a), LOGIN_BAD);
	assert_string_equal(login_outcome_code(LOGIN_TOTP_ENROL), "totp_enrol");
	assert_string_equal(login_outcome_code(LOGIN__MAX), "?");
}

static void lockout_at_n(void **state)
{
	struct fx *f = *state;
	cd_time now = T("2026-05-12 09:00");
	struct account a = user(f, "sun", AR_OFFICER, now);
	char id[SESSION_ID_LEN + 1], csrf[CSRF_LEN + 1];
	struct session se;

	assert_int_equal(account_session_create(f->s, a.id, now, id, csrf, &f->d), CD_OK);
	/* a success in between starts the count again */
	for (int i = 0; i < 4; i++)
		assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now, &a), LOGIN_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_false(a.locked);
	/* the fifth consecutive failure (the default count) locks, from where it came, for a
	 * minute — and answers as any wrong password: the state is told only to the password */
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_true(a.locked);
	assert_string_equal(a.locked_ip, IP);
	assert_int_equal(a.lock_until, now + 60);
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now, &a), LOGIN_LOCKED);
	assert_int_equal(f->retry_at, now + 60);
	assert_int_equal(account_get(f->s, a.id, now, &a, &f->d), CD_OK);
	assert_true(a.locked);
	assert_string_equal(a.locked_ip, IP);
	assert_int_equal(account_session_get(f->s, id, now, &se, &f->d), CD_ENOTFOUND);
	/* it lifts by itself; the next lock in a row lasts twice as long, then four times */
	assert_int_equal(account_get(f->s, a.id, now + 60, &a, &f->d), CD_OK);
	assert_false(a.locked);
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now + 60, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now + 60 + 119, &a), LOGIN_LOCKED);
	assert_int_equal(f->retry_at, now + 60 + 120);
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now + 180, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now + 180, &a), LOGIN_LOCKED);
	assert_int_equal(f->retry_at, now + 180 + 240);
	assert_int_equal(login(f, "sun", good_pw, NULL, now + 420, &a), LOGIN_OK);
	/* a sign-in forgets the locks in a row: the next is a minute again */
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now + 500, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now + 500, &a), LOGIN_LOCKED);
	assert_int_equal(f->retry_at, now + 560);
	/* unlocking by hand clears failures and the address */
	assert_int_equal(account_set_locked(f->s, a.id, false, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, now, &a, &f->d), CD_OK);
	assert_false(a.locked);
	assert_string_equal(a.locked_ip, "");
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", good_pw, NULL, now, &a), LOGIN_OK);
	/* a smaller count in the settings locks sooner */
	assert_int_equal(account_setting_set(f->s, "lockout_failures", "3", &f->d), CD_OK);
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_false(a.locked);
	assert_int_equal(login(f, "sun", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_true(a.locked);
	/* locked by hand: no address, and it does not lift by itself */
	assert_int_equal(account_set_locked(f->s, a.id, false, &f->d), CD_OK);
	assert_int_equal(account_set_locked(f->s, a.id, true, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, now, &a, &f->d), CD_OK);
	assert_true(a.locked);
	assert_string_equal(a.locked_ip, "");
	assert_int_equal(login(f, "sun", good_pw, NULL, now + 86400 * 30, &a), LOGIN_LOCKED);
	assert_int_equal(f->retry_at, CD_TIME_NONE);
	assert_int_equal(account_set_locked(f->s, 999, true, &f->d), CD_ENOTFOUND);
}

/* The administrators cannot be locked out by whoever knows their names: their wrong passwords
 * count only for the address they come from; wrong codes after the right password lock them
 * for a while like anyone. */
static void admin_not_locked_from_outside(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "sys", AR_SYSADMIN, t), b;
	char c[7];

	assert_int_equal(account_totp_set(f->s, a.id, KEY, &f->d), CD_OK);
	for (int i = 0; i < 50; i++)
		assert_int_equal(login(f, "sys", "Wrong#Horse99", NULL, t, &b), LOGIN_BAD);
	assert_false(b.locked);
	assert_int_equal(login(f, "sys", good_pw, code(KEY, t, c), t, &b), LOGIN_OK);
	for (int i = 0; i < 5; i++)
		assert_int_equal(login(f, "sys", good_pw, wrong(KEY, t + 60, c), t + 60, &b),
				 LOGIN_TOTP_BAD);
	assert_true(b.locked);
	assert_int_equal(login(f, "sys", good_pw, code(KEY, t + 90, c), t + 90, &b), LOGIN_LOCKED);
	assert_int_equal(login(f, "sys", good_pw, code(KEY, t + 120, c), t + 120, &b), LOGIN_OK);
}

/* Failures count per client address too, unknown names alike: the tenth within a quarter of
 * an hour makes the address wait a minute (no password tried), then two, …; other addresses
 * go on. */
static void by_address(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "li", AR_OFFICER, t);
	enum login_outcome o;
	cd_time retry = 0;

	f->by_address = true;
	for (int i = 0; i < 9; i++)
		assert_int_equal(login(f, i < 4 ? "li" : "nobody", "Wrong#Horse99", NULL, t + i, &a),
				 LOGIN_BAD);
	assert_int_equal(login(f, "nobody2", "x", NULL, t + 9, &a), LOGIN_BAD); /* the 10th */
	assert_int_equal(login(f, "li", good_pw, NULL, t + 10, &a), LOGIN_THROTTLED);
	assert_int_equal(f->retry_at, t + 9 + 60);
	/* another address signs in meanwhile */
	assert_int_equal(account_login(f->s, "li", good_pw, NULL, "198.51.100.1", t + 10, &o, &retry,
				       &a, &f->d),
			 CD_OK);
	assert_int_equal(o, LOGIN_OK);
	assert_int_equal(login(f, "li", good_pw, NULL, t + 69, &a), LOGIN_OK);
	for (int i = 0; i < 10; i++)
		assert_int_equal(login(f, "nobody", "x", NULL, t + 100, &a), LOGIN_BAD);
	assert_int_equal(login(f, "li", good_pw, NULL, t + 100, &a), LOGIN_THROTTLED);
	assert_int_equal(f->retry_at, t + 100 + 120); /* the second wait in a row: two minutes */
}

static void disabled_account(void **state)
{
	struct fx *f = *state;
	cd_time now = T("2026-05-12 09:00");
	struct account a = user(f, "qian", AR_AUDITOR, now);

	assert_int_equal(account_set_disabled(f->s, a.id, true, &f->d), CD_OK);
	assert_int_equal(login(f, "qian", good_pw, NULL, now, &a), LOGIN_DISABLED);
	assert_int_equal(login(f, "qian", "Wrong#Horse99", NULL, now, &a), LOGIN_BAD);
	assert_true(a.disabled);
	assert_int_equal(account_set_disabled(f->s, a.id, false, &f->d), CD_OK);
	assert_int_equal(login(f, "qian", good_pw, NULL, now, &a), LOGIN_OK);
	assert_int_equal(account_set_disabled(f->s, 999, true, &f->d), CD_ENOTFOUND);
}

static void totp_business(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00:10");
	struct account a = user(f, "wu", AR_OFFICER, t);
	char b32[64], uri[256], c[7], c2[7];

	/* confirming needs a key begun and its right code */
	assert_int_equal(account_totp_confirm(f->s, a.id, "123456", t, &f->d), CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "begin"));
	assert_int_equal(account_totp_begin(f->s, a.id, b32, uri, &f->d), CD_OK);
	assert_int_equal(login(f, "wu", good_pw, NULL, t, &a), LOGIN_OK); /* pending: not yet */
	assert_int_equal(account_totp_confirm(f->s, a.id, wrong(b32, t, c), t, &f->d), CD_EINVAL);
	assert_int_equal(account_totp_confirm(f->s, a.id, code(b32, t, c), t, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, t, &a, &f->d), CD_OK);
	assert_true(a.totp_enabled);
	assert_int_equal(login(f, "wu", good_pw, NULL, t + 60, &a), LOGIN_TOTP_REQUIRED);
	assert_int_equal(login(f, "wu", good_pw, "", t + 60, &a), LOGIN_TOTP_REQUIRED);

	/* from here a fixed key, so that every code below is the same every run */
	assert_int_equal(account_totp_set(f->s, a.id, KEY, &f->d), CD_OK);
	assert_int_equal(login(f, "wu", "Wrong#Horse99", code(KEY, t + 60, c), t + 60, &a),
			 LOGIN_BAD);
	assert_int_equal(login(f, "wu", good_pw, "000000x", t + 60, &a), LOGIN_TOTP_BAD);
	assert_int_equal(login(f, "wu", good_pw, wrong(KEY, t + 60, c), t + 60, &a),
			 LOGIN_TOTP_BAD);
	/* a code two steps off is outside the window; one step either side is inside */
	assert_string_not_equal(code(KEY, t + 120, c), code(KEY, t + 60, c2));
	assert_int_equal(login(f, "wu", good_pw, code(KEY, t + 120, c), t + 60, &a),
			 LOGIN_TOTP_BAD);
	assert_int_equal(login(f, "wu", good_pw, code(KEY, t + 30, c), t + 60, &a), LOGIN_OK);
	/* that code (and any older) is spent, also within its window */
	assert_int_equal(login(f, "wu", good_pw, c, t + 60, &a), LOGIN_TOTP_BAD);
	assert_int_equal(login(f, "wu", good_pw, code(KEY, t, c2), t + 30, &a), LOGIN_TOTP_BAD);
	/* the next step's code is good, once, also with a space as apps show it */
	code(KEY, t + 90, c);
	{
		char spaced[8] = {c[0], c[1], c[2], ' ', c[3], c[4], c[5], '\0'};

		assert_int_equal(login(f, "wu", good_pw, spaced, t + 90, &a), LOGIN_OK);
	}
	assert_int_equal(login(f, "wu", good_pw, c, t + 90, &a), LOGIN_TOTP_BAD);
	/* wrong codes count as failures (the two above made two): the account locks at five */
	assert_int_equal(login(f, "wu", good_pw, code(KEY, t + 300, c), t + 300, &a), LOGIN_OK);
	for (int i = 0; i < 4; i++)
		assert_int_equal(login(f, "wu", good_pw, wrong(KEY, t + 400, c), t + 400, &a),
				 LOGIN_TOTP_BAD);
	assert_int_equal(login(f, "wu", good_pw, wrong(KEY, t + 400, c), t + 400, &a),
			 LOGIN_TOTP_BAD);
	assert_true(a.locked);
	assert_int_equal(login(f, "wu", good_pw, code(KEY, t + 420, c), t + 420, &a), LOGIN_LOCKED);
	assert_int_equal(account_set_locked(f->s, a.id, false, &f->d), CD_OK);
	/* a business account may remove it */
	assert_int_equal(account_totp_disable(f->s, a.id, &f->d), CD_OK);
	assert_int_equal(login(f, "wu", good_pw, NULL, t + 600, &a), LOGIN_OK);
	assert_false(a.totp_enabled);
}

static void totp_admin(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "sys", AR_SYSADMIN, t);
	char b32[64], c[7];

	assert_int_equal(login(f, "sys", good_pw, NULL, t, &a), LOGIN_TOTP_ENROL);
	assert_int_equal(login(f, "sys", good_pw, "123456", t, &a), LOGIN_TOTP_ENROL);
	assert_int_equal(login(f, "sys", "Wrong#Horse99", NULL, t, &a), LOGIN_BAD);
	enrol(f, a.id, t, b32);
	/* the code that confirmed the key does not also sign in */
	assert_int_equal(login(f, "sys", good_pw, code(b32, t, c), t, &a), LOGIN_TOTP_BAD);
	assert_int_equal(login(f, "sys", good_pw, NULL, t + 30, &a), LOGIN_TOTP_REQUIRED);
	assert_int_equal(login(f, "sys", good_pw, code(b32, t + 30, c), t + 30, &a), LOGIN_OK);
	assert_int_equal(account_totp_disable(f->s, a.id, &f->d), CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "administrator"));
	/* a known key (the demo's) is in force at once */
	assert_int_equal(account_totp_set(f->s, a.id, KEY, &f->d), CD_OK);
	assert_int_equal(login(f, "sys", good_pw, code(KEY, t + 90, c), t + 90, &a), LOGIN_OK);
	assert_int_equal(account_totp_set(f->s, a.id, "not base32!", &f->d), CD_EINVAL);
	assert_int_equal(account_totp_set(f->s, a.id, "JBSWY3DP", &f->d), CD_EINVAL); /* 5 bytes */
}

/* ---- Sessions -------------------------------------------------------------------------- */

static void session_timeouts(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "zheng", AR_OFFICER, t), acct;
	char id[SESSION_ID_LEN + 1], csrf[CSRF_LEN + 1];
	struct session se;
	const cd_time idle = 30 * 60, absolute = 12 * 3600;

	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(strlen(id), SESSION_ID_LEN);
	assert_int_equal(strlen(csrf), CSRF_LEN);
	/* last use is written at most once a minute */
	assert_int_equal(account_session_get(f->s, id, t + 59, &se, &f->d), CD_OK);
	assert_int_equal(se.account, a.id);
	assert_int_equal(se.last_seen_at, t);
	assert_string_equal(se.csrf, "");
	assert_int_equal(account_session_get(f->s, id, t + 60, &se, &f->d), CD_OK);
	assert_int_equal(se.last_seen_at, t + 60);
	/* idle: one second before the timeout it lives (and is touched), at the timeout it ends */
	assert_int_equal(account_session_account(f->s, id, t + 60 + idle - 1, &se, &acct, &f->d),
			 CD_OK);
	assert_string_equal(acct.name, "zheng");
	assert_int_equal(acct.role, AR_OFFICER);
	assert_int_equal(se.last_seen_at, t + 60 + idle - 1);
	assert_int_equal(account_session_get(f->s, id, t + 60 + 2 * idle - 1, &se, &f->d),
			 CD_ENOTFOUND);
	assert_int_equal(account_session_get(f->s, id, t + 60 + idle, &se, &f->d), CD_ENOTFOUND);

	/* absolute: used every 20 minutes, it still ends 12 hours after it began */
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	for (cd_time at = t + 1200; at < t + absolute; at += 1200)
		assert_int_equal(account_session_get(f->s, id, at, &se, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t + absolute - 1, &se, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t + absolute, &se, &f->d), CD_ENOTFOUND);

	/* the settings move the boundaries */
	assert_int_equal(account_setting_set(f->s, "session_idle_minutes", "5", &f->d), CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t + 299, &se, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t + 299 + 300, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_setting_set(f->s, "session_absolute_hours", "1", &f->d), CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	for (cd_time at = t + 240; at < t + 3600; at += 240)
		assert_int_equal(account_session_get(f->s, id, at, &se, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t + 3600, &se, &f->d), CD_ENOTFOUND);

	/* nonsense ids are no session */
	assert_int_equal(account_session_get(f->s, "", t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_get(f->s, NULL, t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_get(f->s, "x' OR 1=1 --", t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_create(f->s, 999, t, id, csrf, &f->d), CD_ENOTFOUND);
}

static void session_end_and_csrf(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "feng", AR_OFFICER, t);
	char id[SESSION_ID_LEN + 1], csrf[CSRF_LEN + 1], id2[SESSION_ID_LEN + 1],
		csrf2[CSRF_LEN + 1], other[CSRF_LEN + 1];
	struct session se;

	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id2, csrf2, &f->d), CD_OK);
	assert_string_not_equal(id, id2);
	assert_string_not_equal(csrf, csrf2);
	assert_true(account_session_csrf(f->s, id, csrf));
	assert_false(account_session_csrf(f->s, id, csrf2)); /* another session's token */
	assert_false(account_session_csrf(f->s, id2, csrf));
	memcpy(other, csrf, sizeof(other));
	other[10] = other[10] == 'A' ? 'B' : 'A';
	assert_false(account_session_csrf(f->s, id, other));
	assert_false(account_session_csrf(f->s, id, ""));
	assert_false(account_session_csrf(f->s, id, NULL));
	assert_false(account_session_csrf(f->s, csrf, csrf)); /* not a session id */

	assert_int_equal(account_session_end(f->s, id, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t, &se, &f->d), CD_ENOTFOUND);
	assert_false(account_session_csrf(f->s, id, csrf));
	assert_int_equal(account_session_end(f->s, id, &f->d), CD_OK); /* already ended: done */
	assert_int_equal(account_session_get(f->s, id2, t, &se, &f->d), CD_OK);
	/* a new password ends every session; so does disabling, and a new role */
	assert_int_equal(account_password_set(f->s, a.id, "Another#Horse7", t, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id2, t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(account_set_role(f->s, a.id, AR_LEADER, f->root, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(account_set_disabled(f->s, a.id, true, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_set_disabled(f->s, a.id, false, &f->d), CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id2, csrf2, &f->d), CD_OK);
	assert_int_equal(account_sessions_end(f->s, a.id, &f->d), CD_OK);
	assert_int_equal(account_session_get(f->s, id, t, &se, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_session_get(f->s, id2, t, &se, &f->d), CD_ENOTFOUND);
}

/* Inside a caller's transaction (the server writes an act and its audit entry together) the
 * service writes in it, and a rollback takes its writes back. */
static void inside_callers_transaction(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "chu", AR_OFFICER, t);

	assert_int_equal(store_begin(f->s, &f->d), CD_OK);
	assert_int_equal(account_set_locked(f->s, a.id, true, &f->d), CD_OK);
	assert_true(store_in_transaction(f->s));
	store_rollback(f->s);
	assert_int_equal(account_get(f->s, a.id, t, &a, &f->d), CD_OK);
	assert_false(a.locked);
	assert_int_equal(store_begin(f->s, &f->d), CD_OK);
	assert_int_equal(account_set_locked(f->s, a.id, true, &f->d), CD_OK);
	assert_int_equal(store_commit(f->s, &f->d), CD_OK);
	assert_int_equal(account_get(f->s, a.id, t, &a, &f->d), CD_OK);
	assert_true(a.locked);
}

/* ---- API tokens ------------------------------------------------------------------------ */

static void tokens(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00"), exp = T("2026-06-01 00:00");
	char tok[TOKEN_LEN + 1], tok2[TOKEN_LEN + 1], bad[TOKEN_LEN + 1];
	struct api_token k, k1, got, *v = NULL;
	size_t n = 0;

	assert_int_equal(account_token_create(f->s, "监测平台", AR_SYSADMIN, 0, CD_TIME_NONE,
					      "cli:root", t, &k, tok, &f->d),
			 CD_EINVAL); /* administrators' roles are not for tokens */
	assert_int_equal(account_token_create(f->s, "监测平台", AR_OFFICE, 0, CD_TIME_NONE,
					      "cli:root", t, &k, tok, &f->d),
			 CD_EINVAL); /* a unit is needed */
	assert_int_equal(account_token_create(f->s, "", AR_OFFICE, f->root, CD_TIME_NONE,
					      "cli:root", t, &k, tok, &f->d),
			 CD_EINVAL);
	assert_int_equal(account_token_create(f->s, "x", AR_OFFICE, 999, CD_TIME_NONE, "cli:root",
					      t, &k, tok, &f->d),
			 CD_ENOTFOUND);
	assert_int_equal(account_token_create(f->s, "x", AR_OFFICE, f->root, t, "cli:root", t, &k,
					      tok, &f->d),
			 CD_EINVAL); /* expired already */

	assert_int_equal(account_token_create(f->s, "监测平台", AR_OFFICE, f->root, CD_TIME_NONE,
					      "cli:root", t, &k1, tok, &f->d),
			 CD_OK);
	assert_memory_equal(tok, "cdt_", 4);
	assert_int_equal(strlen(tok), 47);
	assert_int_equal(account_token_create(f->s, "教务处接口", AR_OFFICER, f->dept, exp,
					      "secadmin", t, &k, tok2, &f->d),
			 CD_OK);
	assert_int_equal(account_token_get(f->s, tok, t + 86400 * 365, &got, &f->d), CD_OK);
	assert_string_equal(got.label, "监测平台");
	assert_int_equal(got.role, AR_OFFICE);
	assert_int_equal(got.unit, f->root);
	assert_string_equal(got.created_by, "cli:root");
	assert_int_equal(got.expires_at, CD_TIME_NONE);
	memcpy(bad, tok, sizeof(bad));
	bad[20] = bad[20] == 'A' ? 'B' : 'A';
	assert_int_equal(account_token_get(f->s, bad, t, &got, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_token_get(f->s, tok + 4, t, &got, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_token_get(f->s, "", t, &got, &f->d), CD_ENOTFOUND);
	/* expiry: good until the instant it expires */
	assert_int_equal(account_token_get(f->s, tok2, exp - 1, &got, &f->d), CD_OK);
	assert_int_equal(got.unit, f->dept);
	assert_int_equal(account_token_get(f->s, tok2, exp, &got, &f->d), CD_ENOTFOUND);
	/* revoke */
	assert_int_equal(account_token_revoke(f->s, k1.id, t, &f->d), CD_OK);
	assert_int_equal(account_token_get(f->s, tok, t, &got, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_token_revoke(f->s, k1.id, t, &f->d), CD_ECONFLICT);
	assert_int_equal(account_token_revoke(f->s, 999, t, &f->d), CD_ENOTFOUND);
	assert_int_equal(account_token_list(f->s, &v, &n, &f->d), CD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].revoked_at, t);
	assert_int_equal(v[1].revoked_at, CD_TIME_NONE);
	assert_int_equal(v[1].expires_at, exp);
	free(v);
}

/* file_has: the bytes of s occur in the file at path (absent file: no). */
static bool file_has(const char *path, const char *s)
{
	FILE *fp = fopen(path, "rb");
	size_t n = strlen(s), len = 0, cap = 0;
	char *buf = NULL;
	bool found = false;
	int c;

	if (!fp)
		return false;
	while ((c = fgetc(fp)) != EOF) {
		if (len == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);

			assert_non_null(nb);
			buf = nb;
		}
		buf[len++] = (char)c;
	}
	fclose(fp);
	for (size_t i = 0; !found && i + n <= len; i++)
		found = !memcmp(buf + i, s, n);
	free(buf);
	return found;
}

static void secrets_stored_hashed(void **state)
{
	struct fx *f = *state;
	cd_time t = T("2026-05-12 09:00");
	struct account a = user(f, "han", AR_OFFICER, t);
	char tok[TOKEN_LEN + 1], id[SESSION_ID_LEN + 1], csrf[CSRF_LEN + 1], wal[600];
	struct api_token k;

	assert_int_equal(account_token_create(f->s, "watch", AR_OFFICER, f->dept, CD_TIME_NONE,
					      "cli:root", t, &k, tok, &f->d),
			 CD_OK);
	assert_int_equal(account_session_create(f->s, a.id, t, id, csrf, &f->d), CD_OK);
	store_close(f->s); /* checkpoints the WAL into the file */
	f->s = NULL;
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	/* the control: what is stored in the clear is found */
	assert_true(file_has(f->path, "watch"));
	assert_true(file_has(f->path, "$argon2id$"));
	assert_false(file_has(f->path, tok));
	assert_false(file_has(f->path, tok + 4));
	assert_false(file_has(f->path, id));
	assert_false(file_has(f->path, csrf));
	assert_false(file_has(f->path, good_pw));
	assert_false(file_has(wal, tok + 4));
	assert_false(file_has(wal, id));
	assert_int_equal(store_open(f->path, 0, &f->s, &f->d), CD_OK);
	assert_int_equal(account_token_get(f->s, tok, t, &k, &f->d), CD_OK);
}

/* ---- Settings -------------------------------------------------------------------------- */

static void settings_ranges(void **state)
{
	static const struct {
		const char *key, *value;
		enum cd_err rc;
	} cases[] = {
		{"password_min_length", "8", CD_OK},    {"password_min_length", "7", CD_EINVAL},
		{"password_min_length", "128", CD_OK},  {"password_min_length", "129", CD_EINVAL},
		{"password_max_age_days", "0", CD_OK},  {"password_max_age_days", "3650", CD_OK},
		{"password_max_age_days", "3651", CD_EINVAL},
		{"password_max_age_days", "-1", CD_EINVAL},
		{"lockout_failures", "3", CD_OK},       {"lockout_failures", "2", CD_EINVAL},
		{"lockout_failures", "0", CD_EINVAL},   {"lockout_failures", "20", CD_OK},
		{"lockout_failures", "21", CD_EINVAL},  {"session_idle_minutes", "5", CD_OK},
		{"session_idle_minutes", "4", CD_EINVAL}, {"session_idle_minutes", "240", CD_OK},
		{"session_idle_minutes", "241", CD_EINVAL}, {"session_absolute_hours", "1", CD_OK},
		{"session_absolute_hours", "72", CD_OK}, {"session_absolute_hours", "73", CD_EINVAL},
		{"session_absolute_hours", "0", CD_EINVAL}, {"lockout_failures", "+5", CD_EINVAL},
		{"lockout_failures", " 5", CD_EINVAL},  {"lockout_failures", "5x", CD_EINVAL},
		{"lockout_failures", "", CD_EINVAL},    {"lockout_failures", "99999999", CD_EINVAL},
		{"lockout", "5", CD_ENOTFOUND},         {"", "5", CD_ENOTFOUND},
	};
	struct fx *f = *state;
	struct account_settings st;

	assert_int_equal(account_settings_get(f->s, &st, &f->d), CD_OK);
	assert_int_equal(st.password_min_length, 12);
	assert_int_equal(st.password_max_age_days, 90);
	assert_int_equal(st.lockout_failures, 5);
	assert_int_equal(st.session_idle_minutes, 30);
	assert_int_equal(st.session_absolute_hours, 12);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum cd_err rc = account_setting_set(f->s, cases[i].key, cases[i].value, &f->d);

		if (rc != cases[i].rc)
			fail_msg("case %zu %s=%s: %d, want %d (%s)", i, cases[i].key, cases[i].value,
				 rc, cases[i].rc, f->d.msg);
	}
	/* the last good value of each stands; a refused one changed nothing */
	assert_int_equal(account_settings_get(f->s, &st, &f->d), CD_OK);
	assert_int_equal(st.password_min_length, 128);
	assert_int_equal(st.password_max_age_days, 3650);
	assert_int_equal(st.lockout_failures, 20);
	assert_int_equal(st.session_idle_minutes, 240);
	assert_int_equal(st.session_absolute_hours, 72);
	assert_int_equal(account_setting_set(f->s, "lockout_failures", "2", &f->d), CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "from 3 to 20"));
	assert_int_equal(account_setting_index("lockout_failures", &f->d), ACCOUNT_SETTING_LOCKOUT);
	assert_int_equal(account_setting_index("nope", &f->d), -1);
	assert_non_null(strstr(f->d.msg, "session_idle_minutes"));
	assert_null(account_setting_def(ACCOUNT_SETTING__MAX));
	assert_int_equal(account_setting_value(&st, ACCOUNT_SETTING_IDLE), 240);
	/* a value spoiled by hand in the database reads as the default */
	assert_int_equal(store_meta_set(f->s, "lockout_failures", "many", &f->d), CD_OK);
	assert_int_equal(account_settings_get(f->s, &st, &f->d), CD_OK);
	assert_int_equal(st.lockout_failures, 5);
}

/* ---- the administrators' acts (svc/accounts.h, svc/setup.h) ----------------------------------
 * Each refusal names its field and leaves the accounts, tokens, settings, profile and audit log
 * as they were; the rules that hold whoever acts; and an act's entry in the same transaction as
 * its write — an entry that cannot be appended (an actor longer than the log takes) takes the
 * write back with it. The state is read with a connection of the test's own. */

#define NOW "2026-05-12 09:30"

/* act_as sets f->c for the actor `actor` at NOW. */
static struct act *act_as(struct fx *f, const char *actor)
{
	f->c = (struct act){.s = f->s, .actor = actor, .ip = "", .now = T(NOW), .d = &f->d};
	return &f->c;
}

/* two_accounts opens, by the acts, the only system administrator f->sys and an officer of D,
 * f->officer. */
static void two_accounts(struct fx *f)
{
	struct account a;

	assert_int_equal(svc_account_create(act_as(f, "cli:root"),
					    &(struct account_new){.name = "sys", .role = AR_SYSADMIN},
					    &a),
			 CD_OK);
	f->sys = a.id;
	assert_int_equal(svc_account_create(act_as(f, "cli:root"),
					    &(struct account_new){.name = "zhang",
								  .role = AR_OFFICER, .unit = "D"},
					    &a),
			 CD_OK);
	f->officer = a.id;
}

/* state_of writes what the acts can change — accounts, tokens, settings, the profile, the
 * number of audit entries — as read by a connection of its own (so: what was committed). */
static void state_of(const struct fx *f, char *out, size_t n)
{
	static const char q[] =
		"SELECT (SELECT group_concat(name || ' ' || role || ' ' || ifnull(unit_id, '-') || ' '"
		" || locked || disabled || ifnull(password_hash, '-') || ifnull(hex(totp_secret), '-')"
		" || ifnull(hex(totp_pending), '-'), ';') FROM account) || '|' || (SELECT count(*) "
		"FROM api_token WHERE revoked_at IS NULL) || '|' || ifnull((SELECT group_concat(key"
		" || '=' || value, ';') FROM meta WHERE key NOT LIKE 'schema%'), '') || '|' || (SELECT"
		" count(*) FROM profile_version) || '|' || (SELECT count(*) FROM audit_entry)";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static int64_t entries(const struct fx *f)
{
	char s[4096];
	const char *bar = NULL;

	state_of(f, s, sizeof s);
	for (const char *p = s; (p = strchr(p, '|')); p++)
		bar = p;
	assert_non_null(bar);
	return strtoll(bar + 1, NULL, 10);
}

/* refusals write nothing -------------------------------------------------------------- */

static enum cd_err bad_name(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_create(c, &(struct account_new){.name = "Zhang", .role = AR_NONE}, &a);
}

static enum cd_err name_taken(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_create(c, &(struct account_new){.name = "sys", .role = AR_NONE}, &a);
}

static enum cd_err scoped_without_unit(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_create(c, &(struct account_new){.name = "li", .role = AR_OFFICE}, &a);
}

static enum cd_err admin_with_unit(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_create(
		c, &(struct account_new){.name = "li", .role = AR_SECADMIN, .unit = "D"}, &a);
}

static enum cd_err unknown_unit(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_role(c, f->officer, AR_OFFICER, "NOPE", &a);
}

static enum cd_err own_role(struct fx *f, struct act *c)
{
	struct account a;

	c->actor = "zhang";
	return svc_account_role(c, f->officer, AR_LEADER, "R", &a);
}

static enum cd_err own_lock(struct fx *f, struct act *c)
{
	struct account a;

	c->actor = "zhang";
	return svc_account_update(c, f->officer, &(struct account_flags){.locked = 1,
									 .disabled = -1},
				  &a);
}

static enum cd_err last_sysadmin_demoted(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_role(c, f->sys, AR_SECADMIN, NULL, &a);
}

static enum cd_err last_sysadmin_locked(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_update(c, f->sys, &(struct account_flags){.locked = 1, .disabled = -1},
				  &a);
}

static enum cd_err last_sysadmin_disabled(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_update(c, f->sys, &(struct account_flags){.locked = -1, .disabled = 1},
				  &a);
}

static enum cd_err no_account(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_update(c, 999, &(struct account_flags){.locked = 1, .disabled = -1},
				  &a);
}

static enum cd_err weak_password(struct fx *f, struct act *c)
{
	return svc_account_password(c, f->officer, "weak");
}

static enum cd_err wrong_code(struct fx *f, struct act *c)
{
	return svc_account_totp_confirm(c, f->officer, "000000");
}

static enum cd_err admin_totp_cleared(struct fx *f, struct act *c)
{
	return svc_account_totp_clear(c, f->sys);
}

static enum cd_err token_admin_role(struct fx *f, struct act *c)
{
	struct api_token t;
	char secret[TOKEN_LEN + 1];

	(void)f;
	return svc_token_create(c,
				&(struct token_new){.label = "x", .role = AR_SYSADMIN, .unit = "R",
						    .expires_at = CD_TIME_NONE},
				&t, secret);
}

static enum cd_err token_expired(struct fx *f, struct act *c)
{
	struct api_token t;
	char secret[TOKEN_LEN + 1];

	(void)f;
	return svc_token_create(c,
				&(struct token_new){.label = "x", .role = AR_OFFICE, .unit = "R",
						    .expires_at = T("2026-05-12 09:00")},
				&t, secret);
}

static enum cd_err token_no_label(struct fx *f, struct act *c)
{
	struct api_token t;
	char secret[TOKEN_LEN + 1];

	(void)f;
	return svc_token_create(c,
				&(struct token_new){.label = "", .role = AR_OFFICE, .unit = "R",
						    .expires_at = CD_TIME_NONE},
				&t, secret);
}

static enum cd_err token_unknown(struct fx *f, struct act *c)
{
	(void)f;
	return svc_token_revoke(c, 999);
}

/* the first change is good, the second out of range: neither is kept */
static enum cd_err setting_out_of_range(struct fx *f, struct act *c)
{
	static const struct setting_change v[] = {{"lockout_failures", "7"},
						  {"session_idle_minutes", "4"}};
	struct account_settings st;

	(void)f;
	return svc_settings_update(c, v, 2, &st);
}

static enum cd_err setting_unknown(struct fx *f, struct act *c)
{
	struct account_settings st;

	(void)f;
	return svc_settings_update(c, &(struct setting_change){"lockout", "3"}, 1, &st);
}

static void refusals(void **state)
{
	static const struct {
		const char *name;
		enum cd_err (*run)(struct fx *f, struct act *c);
		enum cd_err want;
		const char *field, *says;
	} cases[] = {
		{"bad name", bad_name, CD_EINVAL, "name", "a-z 0-9"},
		{"name taken", name_taken, CD_ECONFLICT, "name", "is taken"},
		{"scoped role without unit", scoped_without_unit, CD_EINVAL, "unit", "give its top"},
		{"administrator with unit", admin_with_unit, CD_EINVAL, "unit", "leave unit out"},
		{"unknown unit", unknown_unit, CD_ENOTFOUND, "unit", "no unit \"NOPE\""},
		{"own role", own_role, CD_EINVAL, "role", "your own role"},
		{"own lock", own_lock, CD_EINVAL, "locked", "your own account"},
		{"last sysadmin demoted", last_sysadmin_demoted, CD_EINVAL, "role", "last system"},
		{"last sysadmin locked", last_sysadmin_locked, CD_EINVAL, "locked", "last system"},
		{"last sysadmin disabled", last_sysadmin_disabled, CD_EINVAL, "disabled",
		 "last system"},
		{"no account", no_account, CD_ENOTFOUND, NULL, "no account 999"},
		{"weak password", weak_password, CD_EINVAL, "new", "at least 12"},
		{"TOTP code without a key", wrong_code, CD_EINVAL, "code", "begin with a new key"},
		{"administrator's TOTP cleared", admin_totp_cleared, CD_EINVAL, NULL,
		 "keep their second factor"},
		{"token with an administrator's role", token_admin_role, CD_EINVAL, "role",
		 "business role"},
		{"token expired already", token_expired, CD_EINVAL, "expires_on", "expired already"},
		{"token without label", token_no_label, CD_EINVAL, "label", "label"},
		{"revoke no token", token_unknown, CD_ENOTFOUND, NULL, ""},
		{"setting out of range", setting_out_of_range, CD_EINVAL, "session_idle_minutes",
		 "from 5 to 240"},
		{"unknown setting", setting_unknown, CD_ENOTFOUND, "lockout", "no setting"},
	};
	struct fx *f = *state;
	char before[4096], after[4096];

	two_accounts(f);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct act *c = act_as(f, "cli:root");
		enum cd_err rc;

		f->d.msg[0] = '\0';
		state_of(f, before, sizeof before);
		rc = cases[i].run(f, c);
		state_of(f, after, sizeof after);
		if (rc != cases[i].want)
			fail_msg("%s: %d, want %d (%s)", cases[i].name, rc, cases[i].want, f->d.msg);
		if (cases[i].field ? !c->field || strcmp(c->field, cases[i].field) : c->field != NULL)
			fail_msg("%s: field %s, want %s", cases[i].name, c->field ? c->field : "-",
				 cases[i].field ? cases[i].field : "-");
		if (!strstr(f->d.msg, cases[i].says))
			fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].name, f->d.msg,
				 cases[i].says);
		if (strcmp(before, after))
			fail_msg("%s: refused but written:\n%s\n%s", cases[i].name, before, after);
		assert_false(store_in_transaction(f->s));
	}
}

/* the guard of the last system administrator holds only while there is no other one */
static void another_sysadmin(void **state)
{
	struct fx *f = *state;
	struct account a;
	int64_t n;

	two_accounts(f);
	n = entries(f);

	assert_int_equal(svc_account_role(act_as(f, "cli:root"), f->officer, AR_SYSADMIN, NULL, &a),
			 CD_OK);
	assert_int_equal(a.unit, 0);
	assert_int_equal(svc_account_update(act_as(f, "cli:root"), f->sys,
					    &(struct account_flags){.locked = 1, .disabled = -1}, &a),
			 CD_OK);
	assert_true(a.locked);
	/* the other one is now the last able to sign in */
	assert_int_equal(svc_account_role(act_as(f, "cli:root"), f->officer, AR_OFFICE, "R", &a),
			 CD_EINVAL);
	/* a locked one may be given another role: it is not the one signing in */
	assert_int_equal(svc_account_role(act_as(f, "cli:root"), f->sys, AR_AUDITADMIN, NULL, &a),
			 CD_OK);
	assert_int_equal(entries(f), n + 3);
}

/* 三员分立: no one administrator gives or takes an administrator's role through the API (only
 * the host's owner does), and the last holder of each administrator role is never demoted,
 * locked or disabled, whoever acts. */
static void admin_roles(void **state)
{
	struct fx *f = *state;
	struct account sec, aud, aud2, a;

	two_accounts(f);
	assert_int_equal(svc_account_create(act_as(f, "cli:root"),
					    &(struct account_new){.name = "sec1", .role = AR_SECADMIN},
					    &sec),
			 CD_OK);
	assert_int_equal(svc_account_create(act_as(f, "cli:root"),
					    &(struct account_new){.name = "aud1",
								  .role = AR_AUDITADMIN},
					    &aud),
			 CD_OK);
	/* the security administrator through the API: neither down nor up */
	assert_int_equal(svc_account_role(act_as(f, "sec1"), aud.id, AR_NONE, NULL, &a), CD_EINVAL);
	assert_string_equal(f->c.field, "role");
	assert_non_null(strstr(f->d.msg, "a second administrator's agreement"));
	assert_int_equal(svc_account_role(act_as(f, "sec1"), f->sys, AR_OFFICE, "R", &a), CD_EINVAL);
	assert_int_equal(svc_account_role(act_as(f, "sec1"), f->officer, AR_SYSADMIN, NULL, &a),
			 CD_EINVAL);
	/* business roles stay the security administrator's */
	assert_int_equal(svc_account_role(act_as(f, "sec1"), f->officer, AR_LEADER, "R", &a), CD_OK);
	/* the last of each, even from the host */
	assert_int_equal(svc_account_role(act_as(f, "cli:root"), aud.id, AR_NONE, NULL, &a),
			 CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "last audit administrator"));
	assert_int_equal(svc_account_update(act_as(f, "cli:root"), sec.id,
					    &(struct account_flags){.locked = -1, .disabled = 1}, &a),
			 CD_EINVAL);
	assert_non_null(strstr(f->d.msg, "last security administrator"));
	/* with another, the host may */
	assert_int_equal(svc_account_create(act_as(f, "cli:root"),
					    &(struct account_new){.name = "aud2",
								  .role = AR_AUDITADMIN},
					    &aud2),
			 CD_OK);
	assert_int_equal(svc_account_role(act_as(f, "cli:root"), aud.id, AR_NONE, NULL, &a), CD_OK);
}

/* one transaction: no entry, no write ------------------------------------------------ */

static enum cd_err create(struct fx *f, struct act *c)
{
	struct account a;

	(void)f;
	return svc_account_create(
		c, &(struct account_new){.name = "wang", .role = AR_LEADER, .unit = "R"}, &a);
}

static enum cd_err lock_(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_update(c, f->officer,
				  &(struct account_flags){.locked = 1, .disabled = -1}, &a);
}

static enum cd_err role(struct fx *f, struct act *c)
{
	struct account a;

	return svc_account_role(c, f->officer, AR_LEADER, "R", &a);
}

static enum cd_err password(struct fx *f, struct act *c)
{
	return svc_account_password(c, f->officer, "Correct#Horse9");
}

static enum cd_err totp_begin(struct fx *f, struct act *c)
{
	char b32[64], uri[256];

	return svc_account_totp_begin(c, f->officer, b32, uri);
}

static enum cd_err token(struct fx *f, struct act *c)
{
	struct api_token t;
	char secret[TOKEN_LEN + 1];

	(void)f;
	return svc_token_create(c,
				&(struct token_new){.label = "监测平台", .role = AR_OFFICE,
						    .unit = "R", .expires_at = CD_TIME_NONE},
				&t, secret);
}

static enum cd_err settings(struct fx *f, struct act *c)
{
	struct account_settings st;

	(void)f;
	return svc_settings_update(c, &(struct setting_change){"lockout_failures", "7"}, 1, &st);
}

static enum cd_err profile(struct fx *f, struct act *c)
{
	struct profile *p = NULL;
	bool changed = false, first = false;
	enum cd_err rc;

	assert_int_equal(profile_open("imnu-2022", &p, &f->d), CD_OK);
	rc = svc_profile_set(c, p, &changed, &first);
	assert_true(first);
	profile_free(p);
	return rc;
}

static void entry_with_its_write(void **state)
{
	static const struct {
		const char *name;
		enum cd_err (*run)(struct fx *f, struct act *c);
	} cases[] = {
		{"account.create", create}, {"account.update", lock_},   {"account.role", role},
		{"account.password", password}, {"account.totp_begin", totp_begin},
		{"token.create", token},    {"settings.update", settings}, {"profile.set", profile},
	};
	struct fx *f = *state;
	char actor[AUDIT_TEXT_MAX + 2], before[4096], after[4096];

	two_accounts(f);
	/* an actor one byte longer than the log takes: the entry cannot be appended */
	memset(actor, 'x', sizeof actor - 1);
	memcpy(actor, "cli:", 4);
	actor[sizeof actor - 1] = '\0';
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int64_t n;

		state_of(f, before, sizeof before);
		if (cases[i].run(f, act_as(f, actor)) == CD_OK)
			fail_msg("%s: done without its entry", cases[i].name);
		state_of(f, after, sizeof after);
		if (strcmp(before, after))
			fail_msg("%s: written without its entry:\n%s\n%s", cases[i].name, before,
				 after);
		assert_false(store_in_transaction(f->s));
		/* the same act by an actor the log takes: written, one entry */
		n = entries(f);
		if (cases[i].run(f, act_as(f, "cli:root")) != CD_OK)
			fail_msg("%s: %s", cases[i].name, f->d.msg);
		state_of(f, after, sizeof after);
		assert_string_not_equal(before, after);
		assert_int_equal(entries(f), n + 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_rules),
		cmocka_unit_test_setup_teardown(password_stored_argon2id, setup, teardown),
		cmocka_unit_test_setup_teardown(password_expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(create_and_bootstrap, setup, teardown),
		cmocka_unit_test_setup_teardown(login_ok_bad, setup, teardown),
		cmocka_unit_test_setup_teardown(lockout_at_n, setup, teardown),
		cmocka_unit_test_setup_teardown(admin_not_locked_from_outside, setup, teardown),
		cmocka_unit_test_setup_teardown(by_address, setup, teardown),
		cmocka_unit_test_setup_teardown(disabled_account, setup, teardown),
		cmocka_unit_test_setup_teardown(totp_business, setup, teardown),
		cmocka_unit_test_setup_teardown(totp_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(session_timeouts, setup, teardown),
		cmocka_unit_test_setup_teardown(session_end_and_csrf, setup, teardown),
		cmocka_unit_test_setup_teardown(inside_callers_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(secrets_stored_hashed, setup, teardown),
		cmocka_unit_test_setup_teardown(settings_ranges, setup, teardown),
		cmocka_unit_test_setup_teardown(refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(another_sysadmin, setup, teardown),
		cmocka_unit_test_setup_teardown(admin_roles, setup, teardown),
		cmocka_unit_test_setup_teardown(entry_with_its_write, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
