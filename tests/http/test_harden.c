/* test_harden.c — what issue 13 (hardening) left, against the real server on a fresh demo
 * database (imnu-2022): API tokens issued by the system administrator for an account of a
 * business role, never by the security administrator (三员分立, item 7); a change of an
 * administrator's role proposed by one administrator and agreed to by another; the last holder
 * of each administrator role kept (item 7); the sign-in's budget per client address: over it
 * 429 with Retry-After while the rest of the server answers, and the refusals audited as one
 * entry per address and interval (item 6); the TOTP keys sealed at rest under the audit key
 * (item 12). argv[1]: the binary. */
#include "client.h"

#include <jansson.h>
#include <liboath/oath.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;

struct who {
	char cookie[128], csrf[64], bearer[80];
};
static struct who sys, sec, office;
static struct reply r;
static json_t *j;

static void call(const struct who *w, const char *method, const char *path, const char *body)
{
	char h1[200], h2[200];
	const char *hs[4] = {h1, h2, body ? "Content-Type: application/json" : NULL, NULL};

	if (w && w->bearer[0]) {
		snprintf(h1, sizeof h1, "Authorization: Bearer %s", w->bearer);
		snprintf(h2, sizeof h2, "X-Nothing: 1");
	} else {
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", w ? w->cookie : "");
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", w ? w->csrf : "");
	}
	reply_free(&r);
	client_req(port, method, path, body, body ? strlen(body) : 0, hs, &r);
	json_decref(j);
	j = json_loads(r.body ? r.body : "", 0, NULL);
}

#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: status %ld, want %d: %s", __FILE__, __LINE__, r.status,   \
				 (int)(st), r.body);                                               \
	} while (0)

static const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static const char *field(void)
{
	return jstr(json_object_get(j, "error"), "field");
}

/* totp: the code of base32 key `key` at the current 30-second step. */
static void totp(const char *key, char code[8])
{
	char *raw = NULL;
	size_t len = 0;

	assert_int_equal(oath_base32_decode(key, strlen(key), &raw, &len), OATH_OK);
	assert_int_equal(oath_totp_generate(raw, len, time(NULL), 30, 0, 6, code), OATH_OK);
	free(raw);
}

/* sign_in: a session of name (with the code of key when one is given). */
static void sign_in(struct who *w, const char *name, const char *password, const char *key)
{
	char body[256], cookie[512], code[8] = "";
	const char *p;

	if (key)
		totp(key, code);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"%s%s%s}", name, password,
		 key ? ",\"totp\":\"" : "", code, key ? "\"" : "");
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(p = strstr(cookie, "cd_session="));
	snprintf(w->cookie, sizeof w->cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	snprintf(w->csrf, sizeof w->csrf, "%s", jstr(j, "csrf"));
}

/* account_id: the id of account name (as the system administrator lists them). */
static long long account_id(const char *name)
{
	size_t i;
	json_t *a;

	call(&sys, "GET", "/api/v1/accounts", NULL);
	expect(200);
	json_array_foreach(json_object_get(j, "items"), i, a)
		if (!strcmp(jstr(a, "name"), name))
			return (long long)json_integer_value(json_object_get(a, "id"));
	fail_msg("no account %s", name);
	return 0;
}

/* sql_count: the number a query of the database answers. */
static long sql_count(const char *q)
{
	char out[64] = "";

	assert_int_equal(client_sh_out(out, sizeof out, "sqlite3 %s \"%s\"", db, q), 0);
	return strtol(out, NULL, 10);
}

static int setup(void **state)
{
	char cmd[1200];

	(void)state;
	tmp_db(db, sizeof db, "harden");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	snprintf(cmd, sizeof cmd, "%s demo --db %s --profile imnu-2022 >/dev/null", bin, db);
	if (system(cmd) != 0)
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	if (!port)
		return -1;
	/* each administrator signs in once: a code signs in once */
	sign_in(&sys, "sysadmin", "Xitong#Guanli26", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA");
	sign_in(&sec, "secadmin", "Anquan#Guanli26", "KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ");
	sign_in(&office, "office", "Bangongshi#2026", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_stop(&pid);
	reply_free(&r);
	json_decref(j);
	return 0;
}

/* The security administrator gives roles; it does not issue tokens — not even one with a
 * business role for itself (issue 13, item 7: before, POST /tokens {"role":"office"} by the
 * security administrator answered 201 and the token could create units). */
static void token_not_by_secadmin(void **state)
{
	(void)state;
	call(&sec, "POST", "/api/v1/tokens",
	     "{\"label\":\"后门\",\"role\":\"office\",\"unit\":\"IMNU\"}");
	expect(403);
	assert_string_equal(jstr(json_object_get(j, "error"), "code"), "forbidden");
	/* the answer says who may */
	assert_non_null(strstr(jstr(json_object_get(j, "error"), "message"), "only the sysadmin"));
	call(&sec, "POST", "/api/v1/tokens", "{\"label\":\"后门\",\"account\":\"office\"}");
	expect(403);
	call(&sec, "GET", "/api/v1/tokens", NULL);
	expect(403);
	assert_int_equal(sql_count("SELECT count(*) FROM api_token"), 0);
}

/* The system administrator issues a token for an account of a business role: the token takes
 * the account's role and scope (given by the security administrator), never an administrator's
 * or its own; it stops working when the account's role changes. */
static void token_by_sysadmin(void **state)
{
	struct who tok = {0};
	char path[128], body[128];
	long long id;

	(void)state;
	call(&sys, "POST", "/api/v1/tokens", "{\"label\":\"监测平台\",\"account\":\"secadmin\"}");
	expect(422);
	assert_string_equal(field(), "account");
	call(&sys, "POST", "/api/v1/tokens", "{\"label\":\"监测平台\",\"account\":\"sysadmin\"}");
	expect(422);
	assert_string_equal(field(), "account");
	call(&sys, "POST", "/api/v1/tokens", "{\"label\":\"监测平台\",\"account\":\"nobody\"}");
	expect(422);
	assert_string_equal(field(), "account");
	/* a role and scope of its own choosing are not fields any more */
	call(&sys, "POST", "/api/v1/tokens",
	     "{\"label\":\"监测平台\",\"account\":\"auditor\",\"role\":\"office\"}");
	expect(422);
	assert_int_equal(sql_count("SELECT count(*) FROM api_token"), 0);

	call(&sys, "POST", "/api/v1/tokens", "{\"label\":\"监测平台\",\"account\":\"auditor\"}");
	expect(201);
	assert_string_equal(jstr(json_object_get(j, "token"), "role"), "auditor");
	assert_string_equal(jstr(json_object_get(j, "token"), "account"), "auditor");
	assert_string_equal(jstr(json_object_get(j, "token"), "created_by"), "sysadmin");
	snprintf(tok.bearer, sizeof tok.bearer, "%s", jstr(j, "secret"));
	call(&tok, "GET", "/api/v1/assets?limit=1", NULL);
	expect(200);
	call(&tok, "POST", "/api/v1/units", "{\"code\":\"T-BACK\",\"name\":\"后门单位\",\"parent\":\"IMNU\"}");
	expect(403); /* an auditor reads only */

	/* the security administrator gives the account another role: the token no longer works */
	id = account_id("auditor");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	snprintf(body, sizeof body, "{\"role\":\"leader\",\"unit\":\"IMNU\"}");
	call(&sec, "PUT", path, body);
	expect(200);
	call(&tok, "GET", "/api/v1/assets?limit=1", NULL);
	expect(401);
	call(&sys, "GET", "/api/v1/tokens", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
}

/* An administrator's role: the security administrator proposes, the system administrator agrees
 * (or refuses), then it is made; the last holder of each administrator role stays (before, the
 * API refused every change of an administrator's role outright, or — earlier — let the
 * security administrator make the audit administrator `none` alone). */
static void admin_role_agreed(void **state)
{
	char path[128];
	long long id, ch, aud;

	(void)state;
	call(&sys, "POST", "/api/v1/accounts", "{\"name\":\"sec2\",\"display\":\"第二安全管理员\"}");
	expect(201);
	id = (long long)json_integer_value(json_object_get(j, "id"));
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	call(&sec, "PUT", path, "{\"role\":\"secadmin\"}");
	expect(202);
	assert_string_equal(jstr(json_object_get(j, "change"), "state"), "pending");
	assert_string_equal(jstr(json_object_get(j, "change"), "proposed_by"), "secadmin");
	ch = (long long)json_integer_value(json_object_get(json_object_get(j, "change"), "id"));
	/* not made yet */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "none");
	/* one waits already */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	call(&sec, "PUT", path, "{\"role\":\"auditadmin\"}");
	expect(409);
	/* the proposer cannot agree (its class cannot), the system administrator does */
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/agree", ch);
	call(&sec, "POST", path, NULL);
	expect(403);
	call(&sys, "GET", "/api/v1/role-changes", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	call(&sys, "POST", path, NULL);
	expect(200);
	assert_string_equal(jstr(j, "state"), "agreed");
	assert_string_equal(jstr(j, "decided_by"), "sysadmin");
	call(&sys, "POST", path, NULL);
	expect(404); /* decided once */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "secadmin");
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
				   "'account.role_propose'"),
			 1);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'account.role' "
				   "AND actor = 'sysadmin' AND after LIKE '%\\\"proposed_by\\\":"
				   "\\\"secadmin\\\"%'"),
			 1);

	/* taking it away again: proposed, refused, nothing changes */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	call(&sec, "PUT", path, "{\"role\":\"none\"}");
	expect(202);
	ch = (long long)json_integer_value(json_object_get(json_object_get(j, "change"), "id"));
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/refuse", ch);
	call(&sys, "POST", path, "{\"reason\":\"仍需第二名安全管理员\"}");
	expect(200);
	assert_string_equal(jstr(j, "state"), "refused");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "secadmin");

	/* the only audit administrator is never proposed away, nor the only system administrator */
	aud = account_id("auditadmin");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", aud);
	call(&sec, "PUT", path, "{\"role\":\"none\"}");
	expect(422);
	assert_string_equal(field(), "role");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", account_id("sysadmin"));
	call(&sec, "PUT", path, "{\"role\":\"office\",\"unit\":\"IMNU\"}");
	expect(422);
	assert_string_equal(field(), "role");
	assert_int_equal(sql_count("SELECT count(*) FROM role_change WHERE state = 'pending'"), 0);
	/* nor by the host */
	assert_int_equal(client_sh("%s user role auditadmin none --db %s >/dev/null 2>&1", bin, db),
			 2);

	/* a change that waits is withdrawn when the host changes the role directly: agreed to
	 * later, it would undo the host's act on a premise that no longer holds (before, it
	 * stayed pending and its agreement made sec2 `none` again) */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	call(&sec, "PUT", path, "{\"role\":\"none\"}");
	expect(202);
	ch = (long long)json_integer_value(json_object_get(json_object_get(j, "change"), "id"));
	assert_int_equal(client_sh("%s user role sec2 auditadmin --db %s >/dev/null", bin, db), 0);
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/agree", ch);
	call(&sys, "POST", path, NULL);
	expect(404);
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "auditadmin");
	assert_int_equal(sql_count("SELECT count(*) FROM role_change WHERE state = 'withdrawn' AND "
				   "reason LIKE '%superseded%'"),
			 1);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'account.role' "
				   "AND after LIKE '%withdrew_change%'"),
			 1);
}

/* A second server over the same database with a budget of 3 password requests a minute per
 * address: the 4th sign-in is answered 429 with Retry-After and no password is tried; readers
 * go on; the refusals make one `session.refused` entry, written at the latest when the server
 * stops (before, every sign-in was tried, 64 at once starving the readers). */
static void signin_budget(void **state)
{
	char out[2048] = "", hdr[32], path2[700];
	const char *p = NULL;
	unsigned main_port = port;
	pid_t pid2;
	long n0 = sql_count("SELECT count(*) FROM audit_entry WHERE action = 'session.login'");

	(void)state;
	snprintf(path2, sizeof path2, "%s.out2", db);
	pid2 = fork();
	assert_true(pid2 >= 0);
	if (pid2 == 0) {
		if (!freopen(path2, "w", stdout) || !freopen(path2, "a", stderr))
			_exit(126);
		execl(bin, bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--threads", "2",
		      "--hash-threads", "1", "--signin-budget", "3", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(path2, out, sizeof out);
	}
	assert_non_null(p);
	port = (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10);
	for (int i = 0; i < 3; i++) {
		call(NULL, "POST", "/api/v1/session",
		     "{\"name\":\"officer\",\"password\":\"Anquanyuan#2026\"}");
		expect(201);
	}
	for (int i = 0; i < 5; i++) {
		call(NULL, "POST", "/api/v1/session",
		     "{\"name\":\"officer\",\"password\":\"Anquanyuan#2026\"}");
		expect(429);
		assert_string_equal(jstr(json_object_get(j, "error"), "code"), "throttled");
		assert_non_null(client_header(&r, "Retry-After", hdr, sizeof hdr));
		assert_true(strtol(hdr, NULL, 10) >= 1 && strtol(hdr, NULL, 10) <= 60);
		/* with the security headers, as every answer */
		assert_non_null(client_header(&r, "X-Frame-Options", hdr, sizeof hdr));
	}
	/* a password change is a password request too */
	call(&office, "POST", "/api/v1/session/password", "{\"old\":\"x\",\"new\":\"y\"}");
	expect(429);
	/* the rest of the server answers */
	call(NULL, "GET", "/api/v1/health", NULL);
	expect(200);
	call(&office, "GET", "/api/v1/assets?limit=1", NULL);
	expect(200);
	/* three sign-ins tried and audited, none of the refused */
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'session.login'"),
			 n0 + 3);
	client_stop(&pid2);
	port = main_port;
	/* one entry for the six refusals of this address, not six */
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
				   "'session.refused'"),
			 1);
	assert_int_equal(sql_count("SELECT json_extract(after, '$.refused') FROM audit_entry "
				   "WHERE action = 'session.refused' AND ip = '127.0.0.1' AND "
				   "outcome = 'denied'"),
			 6);
}

/* serve2 starts another server over path (its port; *pid2). */
static unsigned serve2(const char *path, pid_t *pid2)
{
	char out[2048] = "", log[700];
	const char *p = NULL;

	snprintf(log, sizeof log, "%s.out3", path);
	*pid2 = fork();
	assert_true(*pid2 >= 0);
	if (*pid2 == 0) {
		if (!freopen(log, "w", stdout) || !freopen(log, "a", stderr))
			_exit(126);
		execl(bin, bin, "serve", "--listen", "127.0.0.1:0", "--db", path, "--threads", "2",
		      (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(log, out, sizeof out);
	}
	assert_non_null(p);
	return (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10);
}

/* The TOTP keys are sealed under the audit key, not kept raw (item 12): a database of keys kept
 * raw (the demo's, made without an audit key, as any database before) gets them sealed when
 * `init` gives it its key, and the second factor still signs in; the database alone holds no
 * key a code could be made from (before, totp_secret held the 20 raw bytes). */
static void totp_sealed(void **state)
{
	char copy[600], out[4096], code[8];
	unsigned main_port = port;
	pid_t pid2;

	(void)state;
	snprintf(copy, sizeof copy, "%s.sealed", db);
	assert_int_equal(client_sh("sqlite3 %s \".backup %s\"", db, copy), 0);
	/* the demo's keys are raw: 20 bytes, the base32 key's bytes */
	assert_int_equal(client_sh_out(out, sizeof out,
				       "sqlite3 %s \"SELECT hex(totp_secret) FROM account WHERE "
				       "name = 'auditadmin'\"",
				       copy),
			 0);
	assert_string_equal(out, "6162636465666768696A6B6C6D6E6F7071727374\n");
	assert_int_equal(client_sh_out(out, sizeof out, "%s init --profile imnu-2022 --db %s", bin,
				       copy),
			 0);
	assert_non_null(strstr(out, "second factors sealed under the audit key: 3 accounts"));
	assert_int_equal(client_sh_out(out, sizeof out,
				       "sqlite3 %s \"SELECT count(*) FROM account WHERE "
				       "totp_secret IS NOT NULL AND (length(totp_secret) <> 62 OR "
				       "hex(substr(totp_secret, 1, 2)) <> 'CD53' OR "
				       "instr(totp_secret, X'6162636465666768696A') > 0)\"",
				       copy),
			 0);
	assert_string_equal(out, "0\n");
	assert_int_equal(client_sh_out(out, sizeof out,
				       "sqlite3 %s \"SELECT count(*) FROM account WHERE "
				       "length(totp_secret) = 62\"",
				       copy),
			 0);
	assert_string_equal(out, "3\n");
	/* the second factor signs in, opened with the key file */
	port = serve2(copy, &pid2);
	totp("MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", code);
	{
		char body[200];

		snprintf(body, sizeof body,
			 "{\"name\":\"auditadmin\",\"password\":\"Shenji#Guanli26\",\"totp\":\"%s\"}",
			 code);
		call(NULL, "POST", "/api/v1/session", body);
		expect(201);
		snprintf(body, sizeof body,
			 "{\"name\":\"secadmin\",\"password\":\"Anquan#Guanli26\",\"totp\":\"000000\"}");
		call(NULL, "POST", "/api/v1/session", body);
		expect(401);
	}
	client_stop(&pid2);
	port = main_port;
	assert_int_equal(client_sh_out(out, sizeof out, "%s audit verify --db %s", bin, copy), 0);
	/* a new enrolment is sealed as it is written */
	assert_int_equal(client_sh_out(out, sizeof out, "%s user totp officer --db %s", bin, copy),
			 0);
	assert_int_equal(client_sh_out(out, sizeof out,
				       "sqlite3 %s \"SELECT hex(substr(totp_pending, 1, 2)) FROM "
				       "account WHERE name = 'officer'\"",
				       copy),
			 0);
	assert_string_equal(out, "CD53\n");
}

/* A read of personal data is answered only once its audit entry is kept: appended in the
 * writer's group, the answer sent after the commit. An entry that cannot be kept (here a
 * trigger refuses it) withholds the answer with 503 — before, the entry was written after the
 * answer was made and a failure to write it was only logged, the data sent all the same. */
static void read_audited_first(void **state)
{
	const char *count = "SELECT count(*) FROM audit_entry WHERE action = 'incident.read'";
	char out[256];
	long n;

	(void)state;
	n = sql_count(count);
	call(&office, "GET", "/api/v1/incidents/1", NULL);
	expect(200);
	assert_int_equal(sql_count(count), n + 1);
	assert_int_equal(client_sh("sqlite3 %s \"CREATE TRIGGER no_read BEFORE INSERT ON audit_entry "
				   "WHEN NEW.action = 'incident.read' BEGIN SELECT RAISE(ABORT, "
				   "'refused'); END\"",
				   db),
			 0);
	call(&office, "GET", "/api/v1/incidents/1", NULL);
	expect(503);
	assert_string_equal(jstr(json_object_get(j, "error"), "code"), "unavailable");
	assert_non_null(strstr(jstr(json_object_get(j, "error"), "message"), "audit log"));
	assert_null(strstr(r.body, "\"title\""));
	assert_int_equal(sql_count(count), n + 1);
	assert_int_equal(client_sh("sqlite3 %s \"DROP TRIGGER no_read\"", db), 0);
	call(&office, "GET", "/api/v1/incidents/1", NULL);
	expect(200);
	assert_int_equal(sql_count(count), n + 2);
	assert_int_equal(client_sh_out(out, sizeof out, "%s audit verify --db %s", bin, db), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(token_not_by_secadmin),
		cmocka_unit_test(token_by_sysadmin),
		cmocka_unit_test(admin_role_agreed),
		cmocka_unit_test(signin_budget),
		cmocka_unit_test(totp_sealed),
		cmocka_unit_test(read_audited_first),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY_BINARY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, setup, teardown);
}
