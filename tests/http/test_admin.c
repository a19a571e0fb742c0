/* test_admin.c — the two administrators' ways with a proposed change of an administrator's role
 * (三员分立, issue 13 item 7; the pages of issue 16 item 8), against the real server on a fresh
 * demo database: the security administrator follows its proposals (GET /roles/changes) and
 * withdraws one before it is decided; the system administrator lists those waiting
 * (GET /role-changes?state=pending) and refuses one only saying why, the reason then shown to
 * the proposer; each list is the one administrator's, paged by a cursor; every step audited.
 * argv[1]: the binary. */
#include "client.h"

#include <jansson.h>
#include <liboath/oath.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;

struct who {
	char cookie[128], csrf[64];
};
static struct who sys, sec;
static struct reply r;
static json_t *j;

static void call(const struct who *w, const char *method, const char *path, const char *body)
{
	char h1[200], h2[200];
	const char *hs[4] = {h1, h2, body ? "Content-Type: application/json" : NULL, NULL};

	snprintf(h1, sizeof h1, "Cookie: cd_session=%s", w->cookie);
	snprintf(h2, sizeof h2, "X-CSRF-Token: %s", w->csrf);
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

static void sign_in(struct who *w, const char *name, const char *password, const char *key)
{
	char body[256], cookie[512], code[8] = "";
	char *raw = NULL;
	size_t len = 0;
	const char *p;

	assert_int_equal(oath_base32_decode(key, strlen(key), &raw, &len), OATH_OK);
	assert_int_equal(oath_totp_generate(raw, len, time(NULL), 30, 0, 6, code), OATH_OK);
	free(raw);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\",\"totp\":\"%s\"}", name,
		 password, code);
	call(w, "POST", "/api/v1/session", body);
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(p = strstr(cookie, "cd_session="));
	snprintf(w->cookie, sizeof w->cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	snprintf(w->csrf, sizeof w->csrf, "%s", jstr(j, "csrf"));
}

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
	tmp_db(db, sizeof db, "admin");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	snprintf(cmd, sizeof cmd, "%s demo --db %s --profile imnu-2022 >/dev/null", bin, db);
	if (system(cmd) != 0)
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	if (!port)
		return -1;
	sign_in(&sys, "sysadmin", "Xitong#Guanli26", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA");
	sign_in(&sec, "secadmin", "Anquan#Guanli26", "KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ");
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

/* propose: the security administrator proposes account id for role; the change's id. */
static long long propose(long long id, const char *role)
{
	char path[96], body[64];

	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	snprintf(body, sizeof body, "{\"role\":\"%s\"}", role);
	call(&sec, "PUT", path, body);
	expect(202);
	return (long long)json_integer_value(json_object_get(json_object_get(j, "change"), "id"));
}

static long long new_account(const char *name)
{
	char body[96];

	snprintf(body, sizeof body, "{\"name\":\"%s\"}", name);
	call(&sys, "POST", "/api/v1/accounts", body);
	expect(201);
	return (long long)json_integer_value(json_object_get(j, "id"));
}

/* The proposer withdraws: nothing is changed, the system administrator has nothing left to
 * decide, and only the proposer may (before: a proposal could only wait for a decision). */
static void withdrawn(void **state)
{
	char path[96];
	long long id = new_account("li.audit"), ch = propose(id, "auditadmin");
	json_t *it;

	(void)state;
	/* each administrator sees it in their own list, and only there */
	call(&sec, "GET", "/api/v1/roles/changes?state=pending", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(jstr(it, "account"), "li.audit");
	assert_string_equal(jstr(it, "role"), "auditadmin");
	assert_string_equal(jstr(it, "proposed_by"), "secadmin");
	call(&sys, "GET", "/api/v1/role-changes?state=pending", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	call(&sec, "GET", "/api/v1/role-changes", NULL);
	expect(403);
	call(&sys, "GET", "/api/v1/roles/changes", NULL);
	expect(403);

	/* the system administrator cannot withdraw (it refuses); the proposer can, with a reason */
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/withdraw", ch);
	call(&sys, "POST", path, "{}");
	expect(403);
	call(&sec, "POST", path, "{\"reason\":\"\"}");
	expect(422);
	assert_string_equal(field(), "reason");
	call(&sec, "POST", path, "{\"reason\":\"提错了人\"}");
	expect(200);
	assert_string_equal(jstr(j, "state"), "withdrawn");
	assert_string_equal(jstr(j, "decided_by"), "secadmin");
	assert_string_equal(jstr(j, "reason"), "提错了人");
	call(&sec, "POST", path, "{}");
	expect(404); /* once */
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/agree", ch);
	call(&sys, "POST", path, NULL);
	expect(404); /* nothing left to agree to */
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "none");
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
				   "'account.role_withdraw' AND actor = 'secadmin' AND outcome = 'ok' "
				   "AND json_extract(after, '$.reason') = '提错了人'"),
			 1);
	/* a withdrawal without a reason is a withdrawal too; another proposal may follow */
	ch = propose(id, "auditadmin");
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/withdraw", ch);
	call(&sec, "POST", path, "{}");
	expect(200);
	assert_true(json_is_null(json_object_get(j, "reason")));
}

/* The system administrator refuses, saying why; the proposer reads the reason. */
static void refused_with_reason(void **state)
{
	char path[96];
	long long id = new_account("zhao.sys"), ch = propose(id, "sysadmin");
	json_t *it;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/refuse", ch);
	call(&sys, "POST", path, NULL);
	expect(400); /* no reason: refused */
	call(&sys, "POST", path, "{}");
	expect(422);
	assert_string_equal(field(), "reason");
	call(&sys, "POST", path, "{\"reason\":\"\"}");
	expect(422);
	assert_string_equal(field(), "reason");
	call(&sys, "POST", path, "{\"reason\":\" \\t \"}");
	expect(422); /* blanks are no reason */
	assert_string_equal(field(), "reason");
	call(&sys, "POST", path, "{\"reason\":\"人选待定\"}");
	expect(200);
	ch = propose(id, "sysadmin");
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/refuse", ch);
	call(&sec, "POST", path, "{\"reason\":\"自己拒绝\"}");
	expect(403); /* the proposer's class cannot decide */
	call(&sys, "POST", path, "{\"reason\":\"未经领导小组同意\"}");
	expect(200);
	assert_string_equal(jstr(j, "state"), "refused");
	assert_string_equal(jstr(j, "reason"), "未经领导小组同意");
	call(&sec, "GET", "/api/v1/roles/changes?state=refused&limit=1", NULL);
	expect(200);
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(jstr(it, "reason"), "未经领导小组同意");
	assert_string_equal(jstr(it, "decided_by"), "sysadmin");
	/* a page at a time, newest first: the cursor leads to the older refusal */
	assert_true(json_is_string(json_object_get(j, "next")));
	snprintf(path, sizeof path, "/api/v1/roles/changes?state=refused&limit=1&cursor=%s",
		 json_string_value(json_object_get(j, "next")));
	call(&sec, "GET", path, NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(jstr(json_array_get(json_object_get(j, "items"), 0), "reason"), "人选待定");
	assert_true(json_is_null(json_object_get(j, "next")));
	call(&sec, "GET", "/api/v1/roles/changes?state=maybe", NULL);
	assert_true(r.status == 400 || r.status == 422);
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "none");
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
				   "'account.role_refuse' AND outcome = 'ok' AND "
				   "json_extract(after, '$.reason') = '未经领导小组同意'"),
			 1);
}

/* An agreement takes no reason, and is made. */
static void agreed(void **state)
{
	char path[96];
	long long id = new_account("qian.sec"), ch = propose(id, "secadmin");

	(void)state;
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/agree", ch);
	call(&sys, "POST", path, NULL);
	expect(200);
	assert_string_equal(jstr(j, "state"), "agreed");
	assert_true(json_is_null(json_object_get(j, "reason")));
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "GET", path, NULL);
	assert_string_equal(jstr(j, "role"), "secadmin");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(withdrawn),
		cmocka_unit_test(refused_with_reason),
		cmocka_unit_test(agreed),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY_BINARY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, setup, teardown);
}
