/* test_api.c — the JSON API as clients see it: the real `cyberduty serve` on a free loopback
 * port, a fresh copy of a demo database (内蒙古师范大学, imnu-2022) per test, driven with libcurl.
 * Every route's happy path (and every route described in /api/v1/openapi.json exercised), the
 * permission matrix role × route, unit scopes, CSRF, sign-in lock-out, TOTP, session expiry
 * and rotation, API tokens, password expiry, a corpus of bad inputs answered 4xx with nothing
 * written, and the audit log kept and verifying. argv[1]: the binary. */
#include "session.h"

#include <iconv.h>
#include <zip.h>
#include <liboath/oath.h>

static char tpl[512]; /* the demo database every test copies */

#define PASSWORD "Cyberduty-Test-2026!"

/* The test's accounts (created in the template with the command line). */
enum who { OFFICE, OFFICER, ULEADER, LEADER, AUDITOR, SYS, SEC, AUD, NWHO };
static const struct {
	const char *name, *role, *unit;
} acct[NWHO] = {
    [OFFICE] = {"t.office", "office", "IMNU"},
    [OFFICER] = {"t.officer", "officer", "JSJXY"},
    [ULEADER] = {"t.uleader", "unit_leader", "JSJXY"},
    [LEADER] = {"t.leader", "leader", "IMNU"},
    [AUDITOR] = {"t.auditor", "auditor", "IMNU"},
    [SYS] = {"t.sys", "sysadmin", NULL},
    [SEC] = {"t.sec", "secadmin", NULL},
    [AUD] = {"t.aud", "auditadmin", NULL},
};
static char secret[NWHO][64]; /* base32 TOTP secrets of the administrators */
static long last_step[NWHO];  /* the last TOTP step used per account (codes are single-use) */

/* --- helpers ------------------------------------------------------------------------------------
 */

/* sql runs one statement with the sqlite3 shell on the test's database, output in buf. */
static void sql(char *buf, size_t n, const char *stmt)
{
	assert_int_equal(client_sh_out(buf, n, "sqlite3 %s \"%s\"", db, stmt), 0);
}

/* totp gives a fresh code of account w (a step not used before, now or the next one). */
static void totp(enum who w, char code[8])
{
	char *bin_secret = NULL;
	size_t len = 0;
	long step = (long)(time(NULL) / 30);

	if (step <= last_step[w])
		step = last_step[w] + 1;
	while (step > time(NULL) / 30 + 1)
		client_msleep(500);
	assert_int_equal(oath_base32_decode(secret[w], strlen(secret[w]), &bin_secret, &len),
	                 OATH_OK);
	assert_int_equal(oath_totp_generate(bin_secret, len, (time_t)step * 30, 30, 0, 6, code),
	                 OATH_OK);
	free(bin_secret);
	last_step[w] = step;
}

/* A signed-in client: its session cookie and CSRF token, or a bearer token. */

static void error_is(long status, const char *code)
{
	if (r.status != status || !jstr("error.code") || strcmp(jstr("error.code"), code))
		fail_msg("want %ld %s, got %ld: %s", status, code, r.status, r.body);
	assert_non_null(jstr("error.message"));
}

/* make creates a record as c (POST /api/v1/KIND, 201) and puts its path, /api/v1/KIND/ID, in
 * path[0..n). */
static void make(const struct client *c, const char *kind, const char *body, char *path, size_t n)
{
	char list[64];

	snprintf(list, sizeof list, "/api/v1/%s", kind);
	call(c, "POST", list, body);
	expect(201);
	snprintf(path, n, "%s/%lld", list, (long long)jint("id"));
}

/* login signs w in (with a TOTP code for administrators) and fills c. */
static void login(enum who w, struct client *c)
{
	char code[8] = "";

	if (secret[w][0])
		totp(w, code);
	sign_in_as(acct[w].name, PASSWORD, code[0] ? code : NULL, c);
}

/* --- fixtures -----------------------------------------------------------------------------------
 */

static int make_template(void **state)
{
	char out[4096];

	(void)state;
	tmp_db(tpl, sizeof tpl, "api-template");
	if (client_sh("%s demo --db %s --profile imnu-2022 >/dev/null", bin, tpl))
		return -1;
	/* an account nobody has set a password for yet */
	if (client_sh("%s user add t.nopw --role office --unit IMNU --db %s >/dev/null", bin, tpl))
		return -1;
	for (int w = 0; w < NWHO; w++) {
		const char *p;

		if (client_sh("%s user add %s --role %s%s%s --db %s >/dev/null", bin, acct[w].name,
		              acct[w].role, acct[w].unit ? " --unit " : "",
		              acct[w].unit ? acct[w].unit : "", tpl) ||
		    client_sh("printf '%%s\\n' '%s' | %s user passwd %s --db %s >/dev/null",
		              PASSWORD, bin, acct[w].name, tpl))
			return -1;
		if (strcmp(acct[w].role, "sysadmin") && strcmp(acct[w].role, "secadmin") &&
		    strcmp(acct[w].role, "auditadmin"))
			continue;
		if (client_sh_out(out, sizeof out, "%s user totp %s --db %s", bin, acct[w].name,
		                  tpl) ||
		    !(p = strstr(out, "secret=")))
			return -1;
		p += strlen("secret=");
		snprintf(secret[w], sizeof secret[w], "%.*s", (int)strcspn(p, "&\n \""), p);
		{
			char code[8];

			totp((enum who)w, code);
			if (client_sh("%s user totp %s --confirm %s --db %s >/dev/null", bin,
			              acct[w].name, code, tpl))
				return -1;
		}
	}
	return 0;
}

static int drop_template(void **state)
{
	(void)state;
	unlink(tpl);
	return 0;
}

static int start(void **state)
{
	static int n;

	(void)state;
	tmp_db(db, sizeof db, "api");
	/* one server log a test, kept: a server that went away says why in its own */
	snprintf(out_path, sizeof out_path, "%s.%d.out", db, ++n);
	if (client_sh("cp %s %s", tpl, db))
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
}

/* --- which routes were exercised ----------------------------------------------------------------
 */

#define MAX_SEEN 192
static char seen[MAX_SEEN][96];
static size_t nseen;

/* saw: the last call succeeded (2xx) on route METHOD TEMPLATE. */
static void saw(const char *method, const char *tmpl)
{
	char key[96];

	if (r.status < 200 || r.status > 299)
		fail_msg("%s %s: status %ld: %s", method, tmpl, r.status, r.body);
	snprintf(key, sizeof key, "%s %s", method, tmpl);
	for (size_t i = 0; i < nseen; i++)
		if (!strcmp(seen[i], key))
			return;
	assert_true(nseen < MAX_SEEN);
	snprintf(seen[nseen++], sizeof seen[0], "%s", key);
}

/* do_ calls and records the route when it answered 2xx (fails the test otherwise). */
static void do_(const struct client *c, const char *method, const char *tmpl, const char *path,
                const char *body)
{
	call(c, method, path, body);
	saw(method, tmpl);
}

static char today[11], now_iso[32], hour_ago[32], two_hours_ago[32];

static void set_times(void)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&(time_t){t + 8 * 3600}, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	gmtime_r(&t, &tm);
	strftime(now_iso, sizeof now_iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	gmtime_r(&(time_t){t - 3600}, &tm);
	strftime(hour_ago, sizeof hour_ago, "%Y-%m-%dT%H:%M:%SZ", &tm);
	gmtime_r(&(time_t){t - 7200}, &tm);
	strftime(two_hours_ago, sizeof two_hours_ago, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- every route's happy path -------------------------------------------------------------------
 */

/* count_pages follows a list's pages from path and counts the items; no item twice. */
static size_t count_pages(const struct client *c, const char *path)
{
	static char got[1 << 17];
	char url[512];
	size_t n = 0;

	snprintf(got, sizeof got, "|");
	snprintf(url, sizeof url, "%s", path);
	for (;;) {
		json_t *it;
		size_t i, k;

		call(c, "GET", url, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			char one[256];

			snprintf(one, sizeof one, "|%s:%s:%s:%s:%s|",
			         json_string_value(json_object_get(it, "kind")),
			         json_string_value(json_object_get(it, "name")),
			         json_string_value(json_object_get(it, "unit")),
			         json_string_value(json_object_get(it, "asset")),
			         json_string_value(json_object_get(it, "period")));
			if (strstr(got, one))
				fail_msg("%s: %s on two pages", path, one);
			k = strlen(got);
			assert_true(k + strlen(one) < sizeof got);
			snprintf(got + k, sizeof got - k, "%s", one + 1);
			n++;
		}
		if (!jstr("next"))
			return n;
		snprintf(url, sizeof url, "%s&cursor=%s", path, jstr("next"));
	}
}

static void register_and_work(const struct client *office, const struct client *officer)
{
	char path[512], body[2048], next[256], asset[32], notice[32], notice2[32], incident[32];
	const char *sim;

	/* assets: pages, sort, filters, create, read, update */
	do_(office, "GET", "/api/v1/assets", "/api/v1/assets?limit=3&sort=-code", NULL);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	assert_non_null(jstr("next"));
	snprintf(next, sizeof next, "%s", jstr("next"));
	snprintf(path, sizeof path, "/api/v1/assets?limit=3&sort=-code&cursor=%s", next);
	call(office, "GET", path, NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	do_(office, "POST", "/api/v1/assets", "/api/v1/assets",
	    "{\"code\":\"T-SYS-1\",\"name\":\"测试系统\",\"kind\":\"info_system\","
	    "\"manager_unit\":\"JSJXY\",\"operator_unit\":\"XXZX\",\"mlps_level\":2,"
	    "\"graded_on\":\"2026-01-05\",\"internet_facing\":true,\"software\":\"WordPress 6\"}");
	expect(201);
	assert_string_equal(jstr("manager_unit"), "JSJXY");
	snprintf(asset, sizeof asset, "%lld", (long long)jint("id"));
	snprintf(path, sizeof path, "/api/v1/assets/%s", asset);
	do_(officer, "GET", "/api/v1/assets/{id}", path, NULL);
	assert_string_equal(jstr("code"), "T-SYS-1");
	do_(officer, "PATCH", "/api/v1/assets/{id}", path,
	    "{\"name\":\"测试系统（二期）\",\"url\":null}");
	assert_string_equal(jstr("name"), "测试系统（二期）");
	call(officer, "GET", "/api/v1/assets?q=T-SYS&kind=info_system&mlps_level=2", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);

	/* units, persons (an audited read), duties, projects */
	do_(officer, "GET", "/api/v1/units", "/api/v1/units?limit=2", NULL);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1); /* JSJXY alone */
	assert_null(jstr("next"));
	do_(office, "POST", "/api/v1/units", "/api/v1/units",
	    "{\"code\":\"T-U1\",\"name\":\"网络中心\",\"parent\":\"JSJXY\",\"kind\":"
	    "\"department\"}");
	snprintf(path, sizeof path, "/api/v1/units/%lld", (long long)jint("id"));
	do_(officer, "GET", "/api/v1/units/{id}", path, NULL);
	assert_string_equal(jstr("parent"), "JSJXY");
	do_(office, "PATCH", "/api/v1/units/{id}", path,
	    "{\"name\":\"网络信息中心\",\"kind\":\"tech_support_centre\"}");
	assert_string_equal(jstr("name"), "网络信息中心");
	assert_string_equal(jstr("kind"), "tech_support_centre");
	assert_string_equal(jstr("parent"), "JSJXY");
	do_(officer, "POST", "/api/v1/persons", "/api/v1/persons",
	    "{\"code\":\"T-P1\",\"name\":\"测试人\",\"unit\":\"T-U1\",\"phone\":\"0471-0000000\"}");
	snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)jint("id"));
	do_(officer, "GET", "/api/v1/persons/{id}", path, NULL);
	do_(officer, "PATCH", "/api/v1/persons/{id}", path,
	    "{\"title\":\"网络安全员\",\"phone\":null,\"unit\":\"JSJXY\"}");
	assert_string_equal(jstr("title"), "网络安全员");
	assert_true(json_is_null(jget("phone")));
	assert_string_equal(jstr("unit"), "JSJXY");
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'person.update' AND "
	                      "outcome = 'ok' AND before LIKE '%0471-0000000%' AND after NOT LIKE "
	                      "'%0471-0000000%'") == 1);
	do_(officer, "GET", "/api/v1/persons", "/api/v1/persons", NULL);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action IN ('person.read', "
	                      "'person.list') AND actor = 't.officer'") == 2);
	do_(officer, "POST", "/api/v1/duties", "/api/v1/duties",
	    "{\"role\":\"security_officer\",\"person\":\"T-P1\",\"unit\":\"T-U1\","
	    "\"from\":\"2026-01-01\"}");
	snprintf(path, sizeof path, "/api/v1/duties/%lld", (long long)jint("id"));
	do_(officer, "GET", "/api/v1/duties/{id}", path, NULL);
	assert_string_equal(jstr("unit"), "T-U1");
	assert_true(json_is_null(jget("to")));
	do_(officer, "PATCH", "/api/v1/duties/{id}", path,
	    "{\"to\":\"2026-12-31\",\"note\":\"任期届满\"}");
	assert_string_equal(jstr("to"), "2026-12-31");
	assert_string_equal(jstr("role"), "security_officer");
	do_(officer, "GET", "/api/v1/duties", "/api/v1/duties?sort=-id&limit=1", NULL);
	assert_string_equal(jstr("items.0.person"), "T-P1");
	/* the matrix, a cell, a handover: happy paths here, the rest in tests/http/test_org.c */
	do_(officer, "GET", "/api/v1/matrix", "/api/v1/matrix?limit=5", NULL);
	do_(officer, "GET", "/api/v1/matrix/cell",
	    "/api/v1/matrix/cell?unit=T-U1&role=security_officer", NULL);
	snprintf(path, sizeof path, "/api/v1/duties/%lld/handover",
	         (long long)jint("items.0.duty"));
	do_(officer, "POST", "/api/v1/duties/{id}/handover", path,
	    "{\"person\":\"T-P1\",\"from\":\"2026-06-01\"}");
	do_(officer, "POST", "/api/v1/projects", "/api/v1/projects",
	    "{\"code\":\"T-PRJ\",\"name\":\"测试项目\",\"unit\":\"T-U1\",\"year\":2026,"
	    "\"total\":100000,\"security\":6000}");
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)jint("id"));
	do_(officer, "GET", "/api/v1/projects/{id}", path, NULL);
	assert_string_equal(jstr("code"), "T-PRJ");
	do_(officer, "PATCH", "/api/v1/projects/{id}", path,
	    "{\"total\":120000,\"security\":7000}");
	assert_int_equal(jint("total"), 120000);
	assert_int_equal(jint("security"), 7000);
	do_(officer, "GET", "/api/v1/projects", "/api/v1/projects", NULL);
	call(officer, "POST", "/api/v1/persons",
	     "{\"code\":\"T-P2\",\"name\":\"越权\",\"unit\":\"JWC\"}");
	error_is(422, "not_found"); /* a unit out of scope is as one that does not exist */

	/* notices: the whole closed loop */
	do_(officer, "GET", "/api/v1/notices", "/api/v1/notices", NULL);
	snprintf(body, sizeof body,
	         "{\"code\":\"T-TB-1\",\"authority\":\"呼和浩特市公安局网安支队\",\"received_at\":"
	         "\"%s\","
	         "\"assets\":[\"T-SYS-1\"],\"category\":\"网页篡改\"}",
	         two_hours_ago);
	do_(office, "POST", "/api/v1/notices", "/api/v1/notices", body);
	snprintf(notice, sizeof notice, "%lld", (long long)jint("id"));
	assert_string_equal(jstr("stage"), "received");
	snprintf(path, sizeof path, "/api/v1/notices/%s", notice);
	do_(officer, "GET", "/api/v1/notices/{id}", path, NULL);
	do_(office, "PATCH", "/api/v1/notices/{id}", path,
	    "{\"category\":\"弱口令\",\"reason\":\"补录问题类别\"}");
	sim = jstr("similar.0.asset");
	if (sim) {
		char b2[256];

		snprintf(b2, sizeof b2, "{\"asset\":\"%s\",\"by\":\"网络安全员\"}", sim);
		snprintf(path, sizeof path, "/api/v1/notices/%s/checked", notice);
		if (strcmp(sim, "JWXT")) {
			do_(officer, "POST", "/api/v1/notices/{id}/checked", path, b2);
		} else { /* a system of 教务处: not the officer's to check off, the office's */
			call(officer, "POST", path, b2);
			error_is(422, "not_found");
			do_(office, "POST", "/api/v1/notices/{id}/checked", path, b2);
		}
	}
	static const char *const steps[] = {"start", "rectify", "feedback"};
	for (size_t i = 0; i < 3; i++) {
		char tmpl[96];

		if (i == 2) { /* the unit leader approves the feedback before it is sent */
			struct client ul;

			login(ULEADER, &ul);
			snprintf(path, sizeof path, "/api/v1/notices/%s/approve", notice);
			do_(&ul, "POST", "/api/v1/notices/{id}/approve", path,
			    "{\"note\":\"同意\"}");
		}
		snprintf(path, sizeof path, "/api/v1/notices/%s/%s", notice, steps[i]);
		snprintf(tmpl, sizeof tmpl, "/api/v1/notices/{id}/%s", steps[i]);
		do_(officer, "POST", tmpl, path, "{\"by\":\"张三\",\"note\":\"已处理\"}");
	}
	snprintf(path, sizeof path, "/api/v1/notices/%s/verify", notice);
	do_(office, "POST", "/api/v1/notices/{id}/verify", path, "{}");
	assert_string_equal(jstr("stage"), "verified");
	snprintf(path, sizeof path, "/api/v1/notices/%s/rectify", notice);
	call(officer, "POST", path, "{}"); /* a step out of order: refused, said why */
	error_is(409, "conflict");
	snprintf(body, sizeof body,
	         "{\"code\":\"T-TB-2\",\"authority\":\"自治区党委网信办\",\"received_at\":\"%s\","
	         "\"assets\":[\"T-SYS-1\"]}",
	         hour_ago);
	do_(office, "POST", "/api/v1/notices", "/api/v1/notices", body);
	snprintf(notice2, sizeof notice2, "%lld", (long long)jint("id"));
	snprintf(path, sizeof path, "/api/v1/notices/%s/support", notice2);
	do_(officer, "POST", "/api/v1/notices/{id}/support", path, "{\"note\":\"请信息中心协助\"}");
	snprintf(path, sizeof path, "/api/v1/notices/%s/extend", notice2);
	do_(office, "POST", "/api/v1/notices/{id}/extend", path,
	    "{\"to\":\"2099-12-31\",\"reason\":\"需采购设备\",\"by\":\"自治区党委网信办\"}");

	/* incidents and the accountability case */
	do_(officer, "GET", "/api/v1/incidents", "/api/v1/incidents", NULL);
	snprintf(body, sizeof body,
	         "{\"code\":\"T-SJ-1\",\"title\":\"网站被篡改\",\"assets\":[\"T-SYS-1\"],"
	         "\"detected_at\":\"%s\",\"reporter\":\"other\"}",
	         hour_ago);
	do_(officer, "POST", "/api/v1/incidents", "/api/v1/incidents", body);
	snprintf(incident, sizeof incident, "%lld", (long long)jint("id"));
	snprintf(path, sizeof path, "/api/v1/incidents/%s", incident);
	do_(officer, "GET", "/api/v1/incidents/{id}", path, NULL);
	assert_string_equal(jstr("record.code"), "T-SJ-1");
	/* the chain names persons: reading it is on record */
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'incident.read' AND "
	                      "actor = 't.officer' AND outcome = 'ok'") == 1);
	do_(officer, "PATCH", "/api/v1/incidents/{id}", path,
	    "{\"title\":\"门户网站首页被篡改\",\"reason\":\"补录事件概况\"}");
	snprintf(path, sizeof path, "/api/v1/incidents/%s/report", incident);
	do_(officer, "POST", "/api/v1/incidents/{id}/report", path,
	    "{\"kind\":\"initial\",\"to\":\"网信委办公室\"}");
	snprintf(path, sizeof path, "/api/v1/incidents/%s/events", incident);
	do_(officer, "POST", "/api/v1/incidents/{id}/events", path,
	    "{\"kind\":\"set\",\"name\":\"class\",\"value\":\"网络攻击事件\"}");
	assert_string_equal(jstr("record.class"), "network_attack"); /* kept as its code */
	snprintf(path, sizeof path, "/api/v1/incidents/%s/close", incident);
	do_(officer, "POST", "/api/v1/incidents/{id}/close", path, "{\"by\":\"信息中心\"}");
	snprintf(path, sizeof path, "/api/v1/incidents/%s/propose", incident);
	do_(office, "POST", "/api/v1/incidents/{id}/propose", path, "{}");
	assert_string_equal(jstr("case_stage"), "proposed");
	snprintf(path, sizeof path, "/api/v1/incidents/%s/answers", incident);
	do_(office, "POST", "/api/v1/incidents/{id}/answers", path,
	    "{\"fact\":\"state_secret_leak\",\"value\":\"false\",\"note\":\"调查组核实\"}");
	assert_true(json_is_false(json_object_get(
	    json_object_get(json_object_get(j, "facts"), "state_secret_leak"), "value")));
	snprintf(path, sizeof path, "/api/v1/incidents/%s/recommend", incident);
	do_(office, "POST", "/api/v1/incidents/{id}/recommend", path, "{}");
	snprintf(path, sizeof path, "/api/v1/incidents/%s/decide", incident);
	snprintf(body, sizeof body,
	         "{\"authority\":\"校党委\",\"date\":\"%s\",\"outcomes\":[\"T0001=约谈\"]}", today);
	do_(office, "POST", "/api/v1/incidents/{id}/decide", path, body);
	assert_string_equal(jstr("case_stage"), "decided");

	/* records and deadlines */
	do_(officer, "GET", "/api/v1/records", "/api/v1/records", NULL);
	snprintf(
	    body, sizeof body,
	    "{\"kind\":\"training\",\"unit\":\"JSJXY\",\"on\":\"%s\",\"title\":\"网络安全培训\"}",
	    today);
	do_(officer, "POST", "/api/v1/records", "/api/v1/records", body);
	snprintf(path, sizeof path, "/api/v1/records/%lld", (long long)jint("id"));
	do_(officer, "GET", "/api/v1/records/{id}", path, NULL);
	assert_string_equal(jstr("title"), "网络安全培训");
	do_(officer, "PATCH", "/api/v1/records/{id}", path,
	    "{\"title\":\"网络安全意识培训\",\"attachment\":\"档案室 2026-07\"}");
	assert_string_equal(jstr("attachment"), "档案室 2026-07");
	call(officer, "PATCH", path, "{\"attachment\":null,\"on\":\"2099-01-01\"}");
	error_is(422, "invalid"); /* a day to come: nothing changed */
	call(officer, "GET", path, NULL);
	assert_string_equal(jstr("title"), "网络安全意识培训");
	assert_string_equal(jstr("attachment"), "档案室 2026-07");
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'record.update' AND "
	                      "outcome = 'ok' AND before LIKE '%网络安全培训%'") == 1);
	{
		char vpath[600];

		snprintf(vpath, sizeof vpath, "%s/void", path);
		do_(officer, "POST", "/api/v1/records/{id}/void", vpath,
		    "{\"reason\":\"与另一条重复\"}");
		assert_string_equal(jstr("voided.reason"), "与另一条重复");
	}
	do_(officer, "GET", "/api/v1/deadlines", "/api/v1/deadlines", NULL);
	assert_true(json_array_size(json_object_get(j, "items")) > 0);
	/* computed, not stored, yet paged like the rest: small pages give the same list */
	assert_int_equal(count_pages(office, "/api/v1/deadlines?limit=7&sort=-due"),
	                 count_pages(office, "/api/v1/deadlines?limit=200&sort=-due"));
	call(office, "GET", "/api/v1/deadlines?unit=NO-SUCH", NULL);
	error_is(400, "invalid");
	do_(officer, "GET", "/api/v1/gaps", "/api/v1/gaps", NULL);
	do_(officer, "GET", "/api/v1/work-settings", "/api/v1/work-settings", NULL);
	do_(office, "PATCH", "/api/v1/work-settings", "/api/v1/work-settings",
	    "{\"notice_default_workdays\":null}");
	call(office, "GET", "/api/v1/gaps?rule=no.such", NULL);
	error_is(400, "invalid");
	do_(officer, "GET", "/api/v1/summary", "/api/v1/summary", NULL);
	assert_non_null(json_object_get(j, "notices"));
}

static void administration(void)
{
	struct client sys, sec, aud, tok = {0};
	char path[128], id[32], tid[32];

	login(SYS, &sys);
	saw("POST", "/api/v1/session");
	do_(&sys, "GET", "/api/v1/accounts", "/api/v1/accounts", NULL);
	do_(&sys, "POST", "/api/v1/accounts", "/api/v1/accounts",
	    "{\"name\":\"t.new\",\"display\":\"新来的\"}");
	assert_string_equal(jstr("role"), "none");
	snprintf(id, sizeof id, "%lld", (long long)jint("id"));
	snprintf(path, sizeof path, "/api/v1/accounts/%s", id);
	do_(&sys, "GET", "/api/v1/accounts/{id}", path, NULL);
	do_(&sys, "PATCH", "/api/v1/accounts/{id}", path, "{\"disabled\":true}");
	assert_true(json_is_true(json_object_get(j, "disabled")));
	snprintf(path, sizeof path, "/api/v1/accounts/%s/password", id);
	do_(&sys, "POST", "/api/v1/accounts/{id}/password", path,
	    "{\"password\":\"Linshi#Mima2026\"}");
	assert_true(json_is_true(json_object_get(j, "password_expired")));
	snprintf(path, sizeof path, "/api/v1/accounts/%s", id);
	do_(&sys, "GET", "/api/v1/settings", "/api/v1/settings", NULL);
	assert_int_equal(jint("lockout_failures"), 5);
	do_(&sys, "PATCH", "/api/v1/settings", "/api/v1/settings", "{\"lockout_failures\":6}");
	assert_int_equal(jint("lockout_failures"), 6);

	login(SEC, &sec);
	snprintf(path, sizeof path, "/api/v1/accounts/%s/role", id);
	do_(&sec, "PUT", "/api/v1/accounts/{id}/role", path,
	    "{\"role\":\"officer\",\"unit\":\"JSJXY\"}");
	assert_string_equal(jstr("role"), "officer");
	/* an administrator's role: proposed by the security administrator (202), refused or
	 * agreed to by the system administrator */
	do_(&sys, "POST", "/api/v1/accounts", "/api/v1/accounts", "{\"name\":\"t.aud2\"}");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", (long long)jint("id"));
	do_(&sec, "PUT", "/api/v1/accounts/{id}/role", path, "{\"role\":\"auditadmin\"}");
	snprintf(tid, sizeof tid, "%lld", (long long)jint("change.id"));
	do_(&sys, "GET", "/api/v1/role-changes", "/api/v1/role-changes", NULL);
	snprintf(path, sizeof path, "/api/v1/role-changes/%s/refuse", tid);
	do_(&sys, "POST", "/api/v1/role-changes/{id}/refuse", path, "{\"reason\":\"未经研究\"}");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", (long long)jint("account_id"));
	do_(&sec, "PUT", "/api/v1/accounts/{id}/role", path, "{\"role\":\"auditadmin\"}");
	/* the proposer follows its proposals and withdraws one (tests/http/test_admin.c) */
	snprintf(tid, sizeof tid, "%lld", (long long)jint("change.id"));
	do_(&sec, "GET", "/api/v1/roles/changes", "/api/v1/roles/changes", NULL);
	snprintf(path, sizeof path, "/api/v1/role-changes/%s/withdraw", tid);
	do_(&sec, "POST", "/api/v1/role-changes/{id}/withdraw", path, "{}");
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", (long long)jint("account_id"));
	do_(&sec, "PUT", "/api/v1/accounts/{id}/role", path, "{\"role\":\"auditadmin\"}");
	snprintf(path, sizeof path, "/api/v1/role-changes/%lld/agree",
	         (long long)jint("change.id"));
	do_(&sys, "POST", "/api/v1/role-changes/{id}/agree", path, NULL);
	assert_string_equal(jstr("state"), "agreed");
	do_(&sys, "GET", "/api/v1/tokens", "/api/v1/tokens", NULL);
	do_(&sec, "GET", "/api/v1/roles", "/api/v1/roles", NULL);
	/* a token for an account of a business role (its role and scope), by the system
	 * administrator (三员分立: tests/http/test_harden.c) */
	do_(&sys, "POST", "/api/v1/tokens", "/api/v1/tokens",
	    "{\"label\":\"监测平台\",\"account\":\"t.officer\"}");
	snprintf(tok.bearer, sizeof tok.bearer, "%s", jstr("secret"));
	snprintf(tid, sizeof tid, "%lld", (long long)jint("token.id"));
	call(&tok, "GET", "/api/v1/assets?limit=1", NULL);
	expect(200);
	snprintf(path, sizeof path, "/api/v1/tokens/%s/revoke", tid);
	do_(&sys, "POST", "/api/v1/tokens/{id}/revoke", path, NULL);
	call(&tok, "GET", "/api/v1/assets?limit=1", NULL);
	error_is(401, "unauthenticated");

	login(AUD, &aud);
	do_(&aud, "GET", "/api/v1/audit", "/api/v1/audit?limit=5", NULL);
	assert_true(json_array_size(json_object_get(j, "items")) > 0);
	do_(&aud, "GET", "/api/v1/audit/verify", "/api/v1/audit/verify", NULL);
	assert_true(json_is_true(json_object_get(j, "intact")));
	do_(&aud, "GET", "/api/v1/export/audit", "/api/v1/export/audit?action=session.", NULL);
	assert_non_null(strstr(r.body, ",session.login,"));
}

/* --- evidence files -----------------------------------------------------------------------------
 */

#define BOUNDARY "cdTestBoundary7MA4YWxkTrZu0gW"

/* send_file POSTs body[0..len) to path as c with Content-Type ct (NULL: none). */
static void send_file(const struct client *c, const char *path, const char *ct, const char *body,
                      size_t len)
{
	char h1[200], h2[200], h3[300];
	const char *hs[4];
	size_t n = 0;

	if (c && c->cookie[0]) {
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", c->cookie);
		hs[n++] = h1;
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", c->csrf);
		hs[n++] = h2;
	}
	if (ct) {
		snprintf(h3, sizeof h3, "Content-Type: %s", ct);
		hs[n++] = h3;
	}
	hs[n] = NULL;
	client_req(port, "POST", path, body, len, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

/* form writes a multipart/form-data body with one file part into a new malloc'd buffer. */
static char *form(const char *filename, const void *data, size_t len, size_t *out)
{
	char head[512];
	static const char tail[] = "\r\n--" BOUNDARY "--\r\n";
	int hl =
	    snprintf(head, sizeof head,
	             "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
	             "备注\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
	             "filename=\"%s\"\r\nContent-Type: application/pdf\r\n\r\n",
	             filename);
	char *b = malloc((size_t)hl + len + sizeof tail);

	assert_non_null(b);
	memcpy(b, head, (size_t)hl);
	memcpy(b + hl, data, len);
	memcpy(b + (size_t)hl + len, tail, sizeof tail - 1);
	*out = (size_t)hl + len + sizeof tail - 1;
	return b;
}

/* A tiny real PDF: one empty page (the objects' offsets in its xref table are right). */
static size_t tiny_pdf(char *buf, size_t n)
{
	const char *obj[] = {"<< /Type /Catalog /Pages 2 0 R >>",
	                     "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"};
	size_t k = (size_t)snprintf(buf, n, "%%PDF-1.4\n"), off[3];

	for (int i = 0; i < 3; i++) {
		off[i] = k;
		k += (size_t)snprintf(buf + k, n - k, "%d 0 obj\n%s\nendobj\n", i + 1, obj[i]);
	}
	{
		size_t xref = k;

		k += (size_t)snprintf(buf + k, n - k, "xref\n0 4\n0000000000 65535 f \n");
		for (int i = 0; i < 3; i++)
			k += (size_t)snprintf(buf + k, n - k, "%010zu 00000 n \n", off[i]);
		k += (size_t)snprintf(
		    buf + k, n - k, "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
		    xref);
	}
	assert_true(k < n);
	return k;
}

/* sm3_of: the SM3 digest of buf[0..n) as openssl computes it (a second opinion). */
static void sm3_of(const char *buf, size_t n, char hex[65])
{
	char file[600], out[256];
	FILE *f;

	snprintf(file, sizeof file, "%s.sm3-input", db);
	assert_non_null(f = fopen(file, "wb"));
	assert_int_equal(fwrite(buf, 1, n, f), n);
	fclose(f);
	assert_int_equal(client_sh_out(out, sizeof out, "openssl dgst -sm3 -r %s", file), 0);
	snprintf(hex, 65, "%.64s", out);
	unlink(file);
}

/* evidence_routes: every evidence route once, as the office (happy_paths). */
static void evidence_routes(const struct client *office)
{
	static const char *const kinds[] = {"notices", "incidents", "records"};
	char pdf[1024], path[128], tmpl[64], *body;
	size_t n = tiny_pdf(pdf, sizeof pdf), len;

	for (size_t i = 0; i < 3; i++) {
		char q[96];

		snprintf(q, sizeof q, "SELECT min(id) FROM %.*s", (int)strlen(kinds[i]) - 1,
		         kinds[i]);
		snprintf(path, sizeof path, "/api/v1/%s/%ld/files", kinds[i], sql_count(q));
		snprintf(tmpl, sizeof tmpl, "/api/v1/%s/{id}/files", kinds[i]);
		body = form("整改报告.pdf", pdf, n, &len);
		send_file(office, path, "multipart/form-data; boundary=" BOUNDARY, body, len);
		free(body);
		expect(201);
		saw("POST", tmpl);
		assert_string_equal(jstr("type"), "application/pdf");
		do_(office, "GET", tmpl, path, NULL);
		assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
		assert_string_equal(jstr("items.0.name"), "整改报告.pdf");
		snprintf(path, sizeof path, "/api/v1/files/%lld", (long long)jint("items.0.id"));
		do_(office, "GET", "/api/v1/files/{id}", path, NULL);
		assert_int_equal(r.len, n);
		assert_memory_equal(r.body, pdf, n);
	}
	strncat(path, "/withdraw", sizeof path - strlen(path) - 1);
	do_(office, "POST", "/api/v1/files/{id}/withdraw", path, "{\"reason\":\"重复上传\"}");
	assert_string_equal(jstr("withdrawn.reason"), "重复上传");
}

static void evidence(void **state)
{
	struct client office, officer;
	char pdf[1024], hex[65], h[1024], path[200], own[96], far[96], q[256], *body, *big;
	size_t n, len, elf_n;
	static char elf[1 << 20];
	long files;
	json_int_t txt;
	FILE *f;

	(void)state;
	login(OFFICE, &office);
	login(OFFICER, &officer);
	n = tiny_pdf(pdf, sizeof pdf);

	/* a record of the officer's unit and one of 教务处, outside its scope */
	make(&officer, "records",
	     "{\"kind\":\"drill\",\"unit\":\"JSJXY\",\"on\":\"2026-03-02\",\"title\":\"应急演练\"}",
	     own, sizeof own);
	make(&office, "records",
	     "{\"kind\":\"meeting\",\"unit\":\"JWC\",\"on\":\"2026-03-02\",\"title\":\"教务会\"}",
	     far, sizeof far);

	/* a PDF as a form: kept with its Chinese name, its type from its bytes and its SM3 in
	 * the audit entry */
	snprintf(path, sizeof path, "%s/files", own);
	body = form("演练记录.pdf", pdf, n, &len);
	send_file(&officer, path, "multipart/form-data; boundary=" BOUNDARY, body, len);
	free(body);
	expect(201);
	assert_string_equal(jstr("name"), "演练记录.pdf");
	assert_string_equal(jstr("type"), "application/pdf");
	assert_int_equal(jint("size"), n);
	sm3_of(pdf, n, hex);
	assert_string_equal(jstr("sm3"), hex);
	snprintf(
	    q, sizeof q,
	    "SELECT count(*) FROM audit_entry WHERE action = 'evidence.add' AND outcome = 'ok' "
	    "AND actor = 't.officer' AND json_extract(after, '$.sm3') = '%s' AND after LIKE "
	    "'%%演练记录.pdf%%'",
	    hex);
	assert_int_equal(sql_count(q), 1);

	/* downloaded as an attachment, byte for byte, the type from its bytes */
	snprintf(path, sizeof path, "/api/v1/files/%lld", (long long)jint("id"));
	call(&officer, "GET", path, NULL);
	expect(200);
	assert_int_equal(r.len, n);
	assert_memory_equal(r.body, pdf, n);
	assert_non_null(client_header(&r, "Content-Type", h, sizeof h));
	assert_string_equal(h, "application/pdf");
	assert_non_null(client_header(&r, "Content-Disposition", h, sizeof h));
	assert_string_equal(h, "attachment; filename=\"_.pdf\"; "
	                       "filename*=UTF-8''%E6%BC%94%E7%BB%83%E8%AE%B0%E5%BD%95.pdf");
	assert_non_null(client_header(&r, "X-Content-Type-Options", h, sizeof h));
	assert_string_equal(h, "nosniff");
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'evidence.read' AND "
	                      "actor = 't.officer' AND outcome = 'ok'") == 1);

	/* an executable renamed to .pdf: refused by its bytes, nothing kept */
	assert_non_null(f = fopen("/bin/true", "rb"));
	elf_n = fread(elf, 1, sizeof elf, f);
	fclose(f);
	files = sql_count("SELECT count(*) FROM evidence");
	snprintf(path, sizeof path, "%s/files", own);
	body = form("报告.pdf", elf, elf_n, &len);
	send_file(&officer, path, "multipart/form-data; boundary=" BOUNDARY, body, len);
	free(body);
	error_is(422, "type_not_allowed");
	assert_string_equal(jstr("error.field"), "file");
	assert_true(
	    !strncmp(jstr("error.message"), "文件类型不允许：", strlen("文件类型不允许：")));
	snprintf(q, sizeof q, "%s/files?name=%s", own, "report.pdf");
	send_file(&officer, q, "application/octet-stream", elf, elf_n);
	error_is(422, "type_not_allowed");
	/* HTML, whatever the client calls it */
	send_file(&officer, q, "application/octet-stream", "<html><script>alert(1)</script></html>",
	          39);
	error_is(422, "type_not_allowed");
	assert_int_equal(sql_count("SELECT count(*) FROM evidence"), files);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'evidence.add' AND "
	                      "outcome = 'invalid'") == 3);

	/* a raw body named in the query; without a name, empty, or neither form nor raw */
	snprintf(q, sizeof q, "%s/files?name=%%E7%%AD%%BE%%E5%%88%%B0%%E8%%A1%%A8.txt", own);
	send_file(&officer, q, "application/octet-stream", "签到：张三、李四\n",
	          strlen("签到：张三、李四\n"));
	expect(201);
	assert_string_equal(jstr("name"), "签到表.txt");
	assert_string_equal(jstr("type"), "text/plain");
	txt = jint("id");
	snprintf(q, sizeof q, "%s/files", own);
	send_file(&officer, q, "application/octet-stream", "x", 1);
	error_is(422, "invalid");
	assert_string_equal(jstr("error.field"), "name");
	snprintf(q, sizeof q, "%s/files?name=a.txt", own);
	send_file(&officer, q, "application/octet-stream", "", 0);
	error_is(422, "empty");
	send_file(&officer, q, "application/json", "{}", 2);
	error_is(415, "unsupported_media_type");
	send_file(&officer, q, "multipart/form-data; boundary=" BOUNDARY, "--nope", 6);
	error_is(400, "bad_request");
	call(&officer, "GET", own, NULL); /* the record is as it was */
	expect(200);
	snprintf(q, sizeof q, "%s/files", own);
	call(&officer, "GET", q, NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);

	/* outside the caller's scope: not there, read, listed or written */
	snprintf(q, sizeof q, "%s/files", far);
	body = form("教务.pdf", pdf, n, &len);
	send_file(&office, q, "multipart/form-data; boundary=" BOUNDARY, body, len);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/files/%lld", (long long)jint("id"));
	call(&officer, "GET", path, NULL);
	error_is(404, "not_found");
	assert_null(strstr(r.body, "教务"));
	call(&officer, "GET", q, NULL);
	error_is(404, "not_found");
	files = sql_count("SELECT count(*) FROM evidence");
	send_file(&officer, q, "multipart/form-data; boundary=" BOUNDARY, body, len);
	error_is(404, "not_found");
	free(body);
	assert_int_equal(sql_count("SELECT count(*) FROM evidence"), files);
	call(&office, "GET", path, NULL); /* the office sees it */
	expect(200);
	/* nor withdrawn */
	snprintf(q, sizeof q, "%s/withdraw", path);
	call(&officer, "POST", q, "{\"reason\":\"越权\"}");
	error_is(404, "not_found");

	/* a file attached by mistake is withdrawn with its reason: listed as withdrawn, its bytes
	 * kept and still given back, once only */
	snprintf(path, sizeof path, "/api/v1/files/%lld/withdraw", (long long)txt);
	call(&officer, "POST", path, "{}");
	expect(422);
	assert_string_equal(jstr("error.field"), "reason");
	call(&officer, "POST", path, "{\"reason\":\"传错了文件\"}");
	expect(200);
	assert_string_equal(jstr("withdrawn.reason"), "传错了文件");
	assert_string_equal(jstr("withdrawn.by"), "t.officer");
	call(&officer, "POST", path, "{\"reason\":\"再撤一次\"}");
	error_is(409, "conflict");
	snprintf(path, sizeof path, "/api/v1/files/%lld", (long long)txt);
	call(&officer, "GET", path, NULL);
	expect(200);
	assert_string_equal(r.body, "签到：张三、李四\n");
	snprintf(q, sizeof q, "%s/files", own);
	call(&officer, "GET", q, NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_true(json_is_null(jget("items.0.withdrawn")));
	assert_string_equal(jstr("items.1.withdrawn.reason"), "传错了文件");
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
	                           "'evidence.withdraw' AND outcome = 'ok'"),
	                 1);
	assert_int_equal(sql_count("SELECT count(*) FROM evidence WHERE withdrawn_at IS NOT NULL"),
	                 1);
	call(&officer, "GET", "/api/v1/files/999999", NULL);
	error_is(404, "not_found");

	/* above the 1 MiB of a JSON body, within the file limit (20 MiB): kept */
	len = (size_t)3 << 20;
	assert_non_null(big = malloc(len));
	memset(big, 'a', len);
	for (size_t i = 80; i < len; i += 81)
		big[i] = '\n';
	snprintf(q, sizeof q, "%s/files?name=big.txt", own);
	send_file(&officer, q, "application/octet-stream", big, len);
	expect(201);
	assert_int_equal(jint("size"), (json_int_t)len);
	snprintf(path, sizeof path, "/api/v1/files/%lld", (long long)jint("id"));
	call(&officer, "GET", path, NULL); /* sent from the database piece by piece */
	expect(200);
	assert_int_equal(r.len, len);
	assert_memory_equal(r.body, big, len);
	/* the raised limit is for callers who may upload: anyone else may send 1 MiB */
	send_file(NULL, q, "application/octet-stream", big, len);
	error_is(413, "too_large");
	assert_null(strstr(jstr("error.message"), "evidence_max_mb"));
	{
		struct client leader;

		login(LEADER, &leader);
		send_file(&leader, q, "application/octet-stream", big, len);
		error_is(413, "too_large");
		send_file(&leader, q, "application/octet-stream", "x", 1);
		error_is(403, "forbidden");
	}
	/* the limit is a setting: at 2 MiB the same file is refused while it is received */
	sql(h, sizeof h,
	    "INSERT INTO meta (key, value) VALUES ('evidence_max_mb', '2') ON CONFLICT (key) DO "
	    "UPDATE SET value = excluded.value");
	files = sql_count("SELECT count(*) FROM evidence");
	send_file(&officer, q, "application/octet-stream", big, len);
	error_is(413, "too_large");
	assert_non_null(strstr(jstr("error.message"), "evidence_max_mb"));
	body = form("big.txt", big, len, &n);
	send_file(&officer, q, "multipart/form-data; boundary=" BOUNDARY, body, n);
	error_is(413, "too_large");
	free(body);
	free(big);
	assert_int_equal(sql_count("SELECT count(*) FROM evidence"), files);
	/* the bytes of a file are kept as received: the database refuses to change them */
	assert_int_not_equal(
	    client_sh("sqlite3 %s \"UPDATE evidence_blob SET size = 1\" 2>/dev/null", db), 0);
	assert_int_not_equal(client_sh("sqlite3 %s \"DELETE FROM evidence\" 2>/dev/null", db), 0);
}

/* imports: a file of each kind through POST /api/v1/import/KIND, each one act with its audit
 * entry (import.KIND: file, rows, created, updated). */
static void imports(const struct client *office)
{
	static const struct {
		const char *route, *csv, *action;
	} files[] = {
	    {"/api/v1/import/units", "编码,名称,上级编码,类型\nIMP1,导入测试科,IMNU,部门\n",
	     "import.units"},
	    {"/api/v1/import/persons", "工号,姓名,所属单位\nIMPP1,导入者,IMP1\n", "import.people"},
	    {"/api/v1/import/assets",
	     "系统代码,系统名称,类型,主管单位,等保级别,定级日期\nIMPA1,导入系统,信息系统,IMP1,2,"
	     "2026年1月5日\n",
	     "import.assets"},
	    {"/api/v1/import/duties",
	     "人员工号,角色,单位编码,起始日期\nIMPP1,网络安全员,IMP1,2026/1/5\n", "import.duties"},
	    {"/api/v1/import/projects",
	     "项目编号,项目名称,承担单位,预算年度,总投资（元）,安全投入（元）\nIMPJ1,导入项目,IMP1,"
	     "2026,"
	     "\"1,000,000\",50000\n",
	     "import.projects"},
	    {"/api/v1/import/notices",
	     "文号,通报单位,接收时间,信息系统\n导入通〔2026〕1号,网信办,2026年11月2日 9:00,IMPA1\n",
	     "import.notices"},
	};

	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		char q[160];

		send_file(office, files[i].route, "text/csv", files[i].csv, strlen(files[i].csv));
		saw("POST", files[i].route);
		assert_int_equal(jint("rows"), 1);
		assert_int_equal(jint("created"), 1);
		assert_int_equal(jint("error_count"), 0);
		assert_string_equal(jstr("encoding"), "UTF-8");
		snprintf(q, sizeof q,
		         "SELECT count(*) FROM audit_entry WHERE action = '%s' AND "
		         "json_extract(after, '$.created') = 1 AND outcome = 'ok'",
		         files[i].action);
		assert_int_equal(sql_count(q), 1);
	}
	assert_int_equal(sql_count("SELECT count(*) FROM asset WHERE code = 'IMPA1' AND "
	                           "graded_on = '2026-01-05'"),
	                 1);
}

/* exports: each kind as a file a clerk can open — BOM, Chinese headers, named in
 * Content-Disposition — the assets exactly the rows the list's filters select. */
static void exports(const struct client *office)
{
	static const char *const kinds[] = {"units",    "persons",  "duties",    "assets",
	                                    "projects", "records",  "deadlines", "notices",
	                                    "gaps",     "incidents"};
	char path[128], disp[512];
	long lines = 0, want;

	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char tmpl[64];

		snprintf(tmpl, sizeof tmpl, "/api/v1/export/%s", kinds[i]);
		do_(office, "GET", tmpl, tmpl, NULL);
		assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
		assert_non_null(client_header(&r, "Content-Type", disp, sizeof disp));
		assert_non_null(strstr(disp, "text/csv"));
	}
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'person.export'") >=
	            1);
	/* the import templates: a workbook with drop-down lists, named for the clerk */
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds && i < 5; i++) {
		char tmpl[64];

		snprintf(tmpl, sizeof tmpl, "/api/v1/templates/%s", kinds[i]);
		do_(office, "GET", tmpl, tmpl, NULL);
		assert_memory_equal(r.body, "PK\x03\x04", 4);
		assert_non_null(client_header(&r, "Content-Disposition", disp, sizeof disp));
		assert_non_null(strstr(disp, "-template.xlsx\""));
	}
	do_(office, "GET", "/api/v1/templates/notices", "/api/v1/templates/notices", NULL);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	call(office, "GET", "/api/v1/templates/assets?lang=fr", NULL);
	error_is(400, "invalid");
	call(office, "GET", "/api/v1/export/deadlines", NULL);
	expect(200);
	assert_non_null(strstr(r.body, "事项,依据,单位,信息系统,期间,开始日期,截止日期,状态,"));
	assert_non_null(client_header(&r, "Content-Disposition", disp, sizeof disp));
	assert_non_null(strstr(disp, "filename=\"deadlines-"));
	/* the notices: one line each, with the deadline's basis and the working days left */
	call(office, "GET", "/api/v1/export/notices", NULL);
	expect(200);
	assert_non_null(strstr(r.body,
	                       "文号,通报单位,接收时间,责任单位,问题类别,阶段,整改期限,期限依据,"
	                       "状态,剩余工作日,"));
	lines = 0;
	for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines - 1, sql_count("SELECT count(*) FROM notice"));
	/* the incidents: one line each, with the engine's grade, report states and triggers */
	call(office, "GET", "/api/v1/export/incidents", NULL);
	expect(200);
	assert_non_null(strstr(r.body,
	                       "事件编号,标题,发现时间,责任单位,涉及信息系统,事件分类,事件级别,"
	                       "级别已确认,报告状态,总结报告状态,已触发问责情形,待判断问责情形,"
	                       "问责阶段\r\n"));
	lines = 0;
	for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines - 1, sql_count("SELECT count(*) FROM incident"));
	call(office, "GET", "/api/v1/export/gaps?lang=en", NULL);
	expect(200);
	assert_non_null(strstr(r.body, "rule,article,unit,asset,role,since,message"));
	lines = 0;
	call(office, "GET", "/api/v1/export/records?lang=en&format=xlsx", NULL);
	expect(200);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	snprintf(path, sizeof path, "/api/v1/export/assets?kind=portal&lang=zh");
	call(office, "GET", path, NULL);
	expect(200);
	assert_non_null(strstr(r.body, "资产编码,名称,类型,"));
	assert_non_null(client_header(&r, "Content-Disposition", disp, sizeof disp));
	/* 信息系统-YYYY-MM-DD.csv, RFC 5987 */
	assert_non_null(strstr(disp, "attachment; filename=\"assets-"));
	assert_non_null(strstr(disp, "filename*=UTF-8''%E4%BF%A1%E6%81%AF%E7%B3%BB%E7%BB%9F-"));
	for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	want = sql_count("SELECT count(*) FROM asset WHERE kind = 'portal'");
	assert_true(want > 0);
	assert_int_equal(lines, want + 1);
	call(office, "GET", "/api/v1/export/assets?lang=en&mlps_level=3", NULL);
	expect(200);
	assert_non_null(strstr(r.body, "code,name,kind,url,"));
	lines = 0;
	for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	assert_int_equal(lines, sql_count("SELECT count(*) FROM asset WHERE mlps_level = 3") + 1);
	call(office, "GET", "/api/v1/export/assets?format=pdf", NULL);
	error_is(400, "invalid");

	/* the documents (tests/http/test_reports.c takes them further) */
	{
		static const char *const docs[][2] = {
		    {"/api/v1/reports/annual", "/api/v1/reports/annual?format=docx"},
		    {"/api/v1/reports/feedback/{id}", "/api/v1/reports/feedback/1"},
		    {"/api/v1/reports/recommendation/{id}", "/api/v1/reports/recommendation/1"},
		    {"/api/v1/reports/duties", "/api/v1/reports/duties"},
		    {"/api/v1/reports/ledger", "/api/v1/reports/ledger?format=xlsx"},
		    {"/api/v1/reports/assessment", "/api/v1/reports/assessment?format=xlsx"},
		};

		for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
			do_(office, "GET", docs[i][0], docs[i][1], NULL);
			expect(200);
			assert_true(!memcmp(r.body, "%PDF-", 5) ||
			            !memcmp(r.body, "PK\x03\x04", 4));
		}
	}

	/* XLSX: a zip with the sheet, named 信息系统-DATE.xlsx */
	call(office, "GET", "/api/v1/export/assets?format=xlsx&kind=portal", NULL);
	expect(200);
	assert_non_null(client_header(&r, "Content-Type", disp, sizeof disp));
	assert_non_null(strstr(disp, "spreadsheetml.sheet"));
	assert_non_null(client_header(&r, "Content-Disposition", disp, sizeof disp));
	assert_non_null(strstr(disp, "%E4%BF%A1%E6%81%AF%E7%B3%BB%E7%BB%9F-"));
	assert_non_null(strstr(disp, ".xlsx"));
	{
		zip_error_t ze;
		zip_source_t *src;
		zip_t *z;
		zip_file_t *zf;
		char sheet[4096];
		zip_int64_t got;

		zip_error_init(&ze);
		assert_non_null(src = zip_source_buffer_create(r.body, r.len, 0, &ze));
		assert_non_null(z = zip_open_from_source(src, ZIP_RDONLY, &ze));
		assert_true(zip_name_locate(z, "xl/worksheets/sheet1.xml", 0) >= 0);
		assert_non_null(zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0));
		got = zip_fread(zf, sheet, sizeof sheet - 1);
		assert_true(got > 0);
		sheet[got] = '\0';
		zip_fclose(zf);
		zip_close(z);
		assert_non_null(strstr(sheet, "state=\"frozen\""));
		assert_non_null(strstr(sheet, "资产编码"));
		assert_non_null(strstr(sheet, "<cols>"));
	}
}

static void happy_paths(void **state)
{
	struct client office, officer;
	char code[8];

	(void)state;
	set_times();
	do_(NULL, "GET", "/api/v1/health", "/api/v1/health", NULL);
	login(OFFICE, &office);
	saw("POST", "/api/v1/session");
	login(OFFICER, &officer);
	do_(&office, "GET", "/api/v1/session", "/api/v1/session", NULL);
	assert_string_equal(jstr("account.role"), "office");
	register_and_work(&office, &officer);
	evidence_routes(&office);
	imports(&office);
	exports(&office);
	administration();

	/* one's own password and second factor, then sign out */
	do_(&officer, "POST", "/api/v1/session/password", "/api/v1/session/password",
	    "{\"old\":\"" PASSWORD "\",\"new\":\"Another-Pass-2026#\"}");
	adopt(&officer); /* the sessions of the old password ended: a new one */
	/* a second factor: the session alone is not enough, the password is asked */
	call(&officer, "POST", "/api/v1/session/totp", "{}");
	error_is(422, "required");
	call(&officer, "POST", "/api/v1/session/totp", "{\"password\":\"Wrong-Pass-2026#\"}");
	error_is(422, "invalid");
	assert_string_equal(jstr("error.field"), "password");
	do_(&officer, "POST", "/api/v1/session/totp", "/api/v1/session/totp",
	    "{\"password\":\"Another-Pass-2026#\"}");
	snprintf(secret[OFFICER], sizeof secret[0], "%s", jstr("secret"));
	totp(OFFICER, code);
	{
		char body[128];

		snprintf(body, sizeof body, "{\"code\":\"%s\"}", code);
		do_(&officer, "POST", "/api/v1/session/totp/confirm",
		    "/api/v1/session/totp/confirm", body);
		/* replacing the one in force asks for its current code too */
		call(&officer, "POST", "/api/v1/session/totp",
		     "{\"password\":\"Another-Pass-2026#\"}");
		error_is(422, "invalid");
		assert_string_equal(jstr("error.field"), "code");
		call(&officer, "POST", "/api/v1/session/totp",
		     "{\"password\":\"Another-Pass-2026#\",\"code\":\"000000\"}");
		if (r.status != 201) { /* 000000 happened to be the code: astronomically unlikely */
			error_is(422, "invalid");
			assert_string_equal(jstr("error.field"), "code");
		}
		assert_int_equal(sql_count("SELECT count(*) FROM account WHERE name = 't.officer' "
		                           "AND totp_pending IS NOT NULL"),
		                 r.status == 201);
	}
	do_(&officer, "DELETE", "/api/v1/session", "/api/v1/session", NULL);
	call(&officer, "GET", "/api/v1/session", NULL);
	error_is(401, "unauthenticated");
	secret[OFFICER][0] = '\0';

	/* the OpenAPI document describes exactly the routes exercised */
	do_(NULL, "GET", "/api/v1/openapi.json", "/api/v1/openapi.json", NULL);
	assert_string_equal(jstr("openapi"), "3.1.0");
	{
		json_t *paths = json_object_get(j, "paths"), *item, *op;
		const char *p, *m;
		size_t described = 0;

		json_object_foreach(paths, p, item)
		{
			json_object_foreach(item, m, op)
			{
				char key[96], up[8];
				const char *tag;
				bool elsewhere;
				size_t k, i;

				for (k = 0; m[k] && k < 7; k++)
					up[k] = (char)(m[k] - 32);
				up[k] = '\0';
				snprintf(key, sizeof key, "%s %s", up, p);
				/* the assessment's routes are exercised by test_assess.c */
				if (!strncmp(p, "/api/v1/assessments", 19))
					continue;
				for (i = 0; i < nseen && strcmp(seen[i], key); i++)
					;
				/* the notifications' routes: exercised by tests/http/test_notify.c
				 */
				tag = json_string_value(
				    json_array_get(json_object_get(op, "tags"), 0));
				elsewhere = tag && !strcmp(tag, "notifications");
				if (i == nseen && !elsewhere)
					fail_msg("described but not exercised: %s", key);
				assert_non_null(json_object_get(op, "responses"));
				described += !elsewhere;
			}
		}
		if (described != nseen)
			fail_msg("%zu routes exercised, %zu described", nseen, described);
	}
}

/* --- an incident's timeline ----------------------------------------------------------------------
 */

/* every kind of event the events route takes, each visible in the answer; then refusals, each
 * naming its field, with nothing written */
static void incident_timeline(void **state)
{
	static const struct {
		const char *body, *path, *want;
	} good[] = {
	    {"{\"kind\":\"measure\",\"name\":\"personal_info_people\",\"value\":\"2000\"}", NULL,
	     NULL},
	    {"{\"kind\":\"person\",\"person\":\"T0014\"}", "record.involved.0", "T0014"},
	    {"{\"kind\":\"participant\",\"person\":\"T0002\"}", "record.participants.0", "T0002"},
	    {"{\"kind\":\"step\",\"note\":\"下线并修补\",\"by\":\"信息中心\"}", NULL, NULL},
	    {"{\"kind\":\"set\",\"name\":\"reporter\",\"value\":\"other\"}", "record.reporter",
	     "other"},
	    {"{\"kind\":\"fact\",\"name\":\"concealed\",\"value\":\"false\",\"note\":\"核实\"}",
	     NULL, NULL},
	    {"{\"kind\":\"grade\",\"value\":\"一般\",\"note\":\"领导小组确认\"}", "grade", "一般"},
	};
	static const struct {
		const char *route, *body;
		long status;
		const char *code, *field;
	} bad[] = {
	    {"events", "{\"kind\":\"person\"}", 422, "invalid", "person"},
	    {"events", "{\"kind\":\"step\",\"note\":\"x\",\"name\":\"y\"}", 422, "invalid", "name"},
	    {"events", "{\"kind\":\"grade\",\"value\":\"巨大\",\"note\":\"r\"}", 422, "invalid",
	     "value"},
	    {"events", "{\"kind\":\"fact\",\"name\":\"bogus\",\"value\":\"true\"}", 422, "invalid",
	     "name"},
	    {"events", "{\"kind\":\"measure\",\"name\":\"reposts\",\"value\":\"many\"}", 422,
	     "invalid", "value"},
	    {"events", "{\"kind\":\"set\",\"name\":\"colour\",\"value\":\"red\"}", 422, "invalid",
	     "name"},
	    {"events", "{\"kind\":\"set\",\"name\":\"class\",\"value\":\"天灾\"}", 422, "invalid",
	     "value"},
	    {"events", "{\"kind\":\"person\",\"person\":\"NOBODY\"}", 422, "not_found", "person"},
	    {"events", "{\"kind\":\"step\",\"note\":\"x\",\"at\":\"2020-01-01T00:00:00Z\"}", 422,
	     "invalid", "at"},
	    {"events", "{\"kind\":\"step\",\"note\":\"x\",\"at\":\"2099-01-01T00:00:00Z\"}", 422,
	     "invalid", "at"},
	    {"events", "{\"kind\":\"close\"}", 422, "invalid", "kind"},
	    {"events", "{\"kind\":\"person\",\"person\":\"T0014\"}", 422, "invalid", "person"},
	    {"answers", "{\"fact\":\"concealed\",\"value\":\"true\"}", 422, "required", "note"},
	    {"answers", "{\"fact\":\"concealed\",\"value\":\"perhaps\",\"note\":\"x\"}", 422,
	     "invalid", "value"},
	};
	struct client office;
	char body[512], path[96];
	long id, events;

	(void)state;
	login(OFFICE, &office);
	snprintf(body, sizeof body,
	         "{\"code\":\"T-SJ-9\",\"assets\":[\"EHALL\"],\"detected_at\":\"%s\","
	         "\"occurred_at\":\"%s\"}",
	         hour_ago, two_hours_ago);
	call(&office, "POST", "/api/v1/incidents", body);
	expect(201);
	id = (long)jint("id");
	/* a time is kept one way: RFC 3339 in China Standard Time */
	assert_non_null(strstr(jstr("record.occurred_at"), "+08:00"));
	snprintf(path, sizeof path, "/api/v1/incidents/%ld/events", id);
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		call(&office, "POST", path, good[i].body);
		if (r.status != 200)
			fail_msg("event %zu %s: %ld %s", i, good[i].body, r.status, r.body);
		if (good[i].path &&
		    (!jstr(good[i].path) || strcmp(jstr(good[i].path), good[i].want)))
			fail_msg("event %zu: %s is %s, want %s", i, good[i].path,
			         jstr(good[i].path) ? jstr(good[i].path) : "null", good[i].want);
	}
	assert_true(json_is_true(json_object_get(j, "grade_confirmed")));
	assert_true(json_is_false(
	    json_object_get(json_object_get(json_object_get(j, "facts"), "concealed"), "value")));
	events = sql_count("SELECT count(*) FROM incident_event");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(path, sizeof path, "/api/v1/incidents/%ld/%s", id, bad[i].route);
		call(&office, "POST", path, bad[i].body);
		if (r.status != bad[i].status || !jstr("error.code") ||
		    strcmp(jstr("error.code"), bad[i].code) || !jstr("error.field") ||
		    strcmp(jstr("error.field"), bad[i].field) || !jstr("error.message"))
			fail_msg("case %zu %s: %ld %s, want %ld %s on %s", i, bad[i].body, r.status,
			         r.body, bad[i].status, bad[i].code, bad[i].field);
	}
	assert_int_equal(sql_count("SELECT count(*) FROM incident_event"), events);
	/* an answer with its evidence; null makes the fact unknown again */
	snprintf(path, sizeof path, "/api/v1/incidents/%ld/answers", id);
	call(&office, "POST", path,
	     "{\"fact\":\"concealed\",\"value\":null,\"note\":\"重新调查\"}");
	expect(200);
	assert_true(json_is_null(
	    json_object_get(json_object_get(json_object_get(j, "facts"), "concealed"), "value")));
	assert_true(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action = "
	              "'accountability.answer' AND actor = 't.office' AND outcome = 'ok'") == 1);
}

/* --- kept answers --------------------------------------------------------------------------------
 */

/* The server keeps encoded answers of plain reads (src/api/cache.c); a kept answer is never sent
 * after the data changed — through the API or behind the server's back — nor to a caller of
 * another scope. */
static void kept_answers(void **state)
{
	struct client office, officer;
	char path[96], first[8192], buf[64];
	size_t all;

	(void)state;
	login(OFFICE, &office);
	login(OFFICER, &officer);
	call(&office, "GET", "/api/v1/assets?limit=200&sort=code", NULL);
	expect(200);
	all = json_array_size(json_object_get(j, "items"));
	call(&officer, "GET", "/api/v1/assets?limit=200&sort=code", NULL);
	expect(200);
	assert_true(json_array_size(json_object_get(j, "items")) < all); /* its own scope */
	call(&office, "GET", "/api/v1/assets?limit=200&sort=code", NULL);
	assert_int_equal(json_array_size(json_object_get(j, "items")), all);

	sql(buf, sizeof buf, "SELECT id FROM asset ORDER BY id LIMIT 1");
	snprintf(path, sizeof path, "/api/v1/assets/%ld", strtol(buf, NULL, 10));
	call(&office, "GET", path, NULL);
	expect(200);
	snprintf(first, sizeof first, "%s", r.body);
	call(&office, "GET", path, NULL); /* the kept answer, byte for byte */
	assert_string_equal(r.body, first);
	/* changed through the API */
	call(&office, "PATCH", path, "{\"name\":\"经接口修改\"}");
	expect(200);
	call(&office, "GET", path, NULL);
	assert_string_equal(jstr("name"), "经接口修改");
	/* changed by another process (the sqlite3 shell standing in for the command line) */
	snprintf(first, sizeof first, "UPDATE asset SET name = '库中修改' WHERE id = %s",
	         strrchr(path, '/') + 1);
	sql(buf, sizeof buf, first);
	call(&office, "GET", path, NULL);
	assert_string_equal(jstr("name"), "库中修改");
	/* a value holding the query's separators is one value, not two parameters */
	call(&office, "GET", "/api/v1/assets?q=WWW%26kind%3Dportal&limit=5", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	call(&office, "GET", "/api/v1/assets?q=WWW&kind=portal&limit=5", NULL);
	expect(200);
	assert_true(json_array_size(json_object_get(j, "items")) > 0);
	/* an account's change is not the data's: the scope is read on every request */
	call(&office, "GET", "/api/v1/units?limit=200", NULL);
	all = json_array_size(json_object_get(j, "items"));
	call(&officer, "GET", "/api/v1/units?limit=200", NULL);
	assert_true(json_array_size(json_object_get(j, "items")) < all);
}

/* --- the permission matrix ----------------------------------------------------------------------
 */

/* Who may pass each route, by hand (not from the server's table): O office, F officer (security
 * officer of a unit), U unit leader, L organisation leader, A auditor, S system administrator,
 * C security administrator, D audit administrator; "*" anyone signed in, "-" anyone at all. */
static const struct {
	const char *method, *path, *who;
} matrix[] = {
    {"GET", "/api/v1/health", "-"},
    {"GET", "/api/v1/openapi.json", "-"},
    {"POST", "/api/v1/session", "-"},
    {"GET", "/api/v1/session", "*"},
    {"DELETE", "/api/v1/session", "*"},
    {"POST", "/api/v1/session/password", "*"},
    {"POST", "/api/v1/session/totp", "*"},
    {"POST", "/api/v1/session/totp/confirm", "*"},
    {"GET", "/api/v1/assets", "OFULA"},
    {"POST", "/api/v1/assets", "OF"},
    {"GET", "/api/v1/assets/{id}", "OFULA"},
    {"PATCH", "/api/v1/assets/{id}", "OF"},
    {"GET", "/api/v1/units", "OFULA"},
    {"POST", "/api/v1/units", "O"},
    {"GET", "/api/v1/units/{id}", "OFULA"},
    {"PATCH", "/api/v1/units/{id}", "O"},
    {"GET", "/api/v1/persons", "OFULA"},
    {"POST", "/api/v1/persons", "OF"},
    {"GET", "/api/v1/persons/{id}", "OFULA"},
    {"PATCH", "/api/v1/persons/{id}", "OF"},
    {"GET", "/api/v1/duties", "OFULA"},
    {"POST", "/api/v1/duties", "OF"},
    {"GET", "/api/v1/duties/{id}", "OFULA"},
    {"PATCH", "/api/v1/duties/{id}", "OF"},
    {"GET", "/api/v1/projects", "OFULA"},
    {"POST", "/api/v1/projects", "OF"},
    {"GET", "/api/v1/projects/{id}", "OFULA"},
    {"PATCH", "/api/v1/projects/{id}", "OF"},
    {"GET", "/api/v1/export/units", "OFULA"},
    {"GET", "/api/v1/export/persons", "OFULA"},
    {"GET", "/api/v1/export/duties", "OFULA"},
    {"GET", "/api/v1/export/assets", "OFULA"},
    {"GET", "/api/v1/export/projects", "OFULA"},
    {"GET", "/api/v1/export/records", "OFULA"},
    {"GET", "/api/v1/export/deadlines", "OFULA"},
    {"GET", "/api/v1/export/notices", "OFULA"},
    {"GET", "/api/v1/export/gaps", "OFULA"},
    {"GET", "/api/v1/export/incidents", "OFULA"},
    {"GET", "/api/v1/templates/units", "OFULA"},
    {"GET", "/api/v1/templates/persons", "OFULA"},
    {"GET", "/api/v1/templates/duties", "OFULA"},
    {"GET", "/api/v1/templates/assets", "OFULA"},
    {"GET", "/api/v1/templates/projects", "OFULA"},
    {"GET", "/api/v1/templates/notices", "OFULA"},
    {"GET", "/api/v1/export/audit", "D"},
    {"GET", "/api/v1/reports/annual", "OFULA"},
    {"GET", "/api/v1/reports/feedback/{id}", "OFULA"},
    {"GET", "/api/v1/reports/recommendation/{id}", "OFULA"},
    {"GET", "/api/v1/reports/duties", "OFULA"},
    {"GET", "/api/v1/reports/ledger", "OFULA"},
    {"GET", "/api/v1/reports/assessment", "OFULA"},
    {"POST", "/api/v1/import/projects", "OF"},
    {"POST", "/api/v1/import/units", "O"},
    {"POST", "/api/v1/import/persons", "OF"},
    {"POST", "/api/v1/import/duties", "OF"},
    {"POST", "/api/v1/import/assets", "OF"},
    {"POST", "/api/v1/import/notices", "OF"},
    {"GET", "/api/v1/notices", "OFULA"},
    {"POST", "/api/v1/notices", "O"},
    {"GET", "/api/v1/notices/{id}", "OFULA"},
    {"PATCH", "/api/v1/notices/{id}", "O"},
    {"POST", "/api/v1/notices/{id}/start", "OF"},
    {"POST", "/api/v1/notices/{id}/rectify", "OF"},
    {"POST", "/api/v1/notices/{id}/feedback", "OF"},
    {"POST", "/api/v1/notices/{id}/support", "OF"},
    {"POST", "/api/v1/notices/{id}/verify", "O"},
    {"POST", "/api/v1/notices/{id}/approve", "U"},
    {"POST", "/api/v1/notices/{id}/extend", "O"},
    {"POST", "/api/v1/notices/{id}/checked", "OF"},
    {"GET", "/api/v1/incidents", "OFULA"},
    {"POST", "/api/v1/incidents", "OF"},
    {"GET", "/api/v1/incidents/{id}", "OFULA"},
    {"PATCH", "/api/v1/incidents/{id}", "OF"},
    {"POST", "/api/v1/incidents/{id}/events", "OF"},
    {"POST", "/api/v1/incidents/{id}/report", "OF"},
    {"POST", "/api/v1/incidents/{id}/close", "OF"},
    {"POST", "/api/v1/incidents/{id}/propose", "O"},
    {"POST", "/api/v1/incidents/{id}/recommend", "O"},
    {"POST", "/api/v1/incidents/{id}/answers", "O"},
    {"POST", "/api/v1/incidents/{id}/decide", "O"},
    {"GET", "/api/v1/records", "OFULA"},
    {"POST", "/api/v1/records", "OFU"},
    {"GET", "/api/v1/records/{id}", "OFULA"},
    {"PATCH", "/api/v1/records/{id}", "OFU"},
    {"POST", "/api/v1/records/{id}/void", "OFU"},
    {"GET", "/api/v1/deadlines", "OFULA"},
    {"GET", "/api/v1/work-settings", "OFULA"},
    {"PATCH", "/api/v1/work-settings", "O"},
    {"GET", "/api/v1/gaps", "OFULA"},
    {"GET", "/api/v1/summary", "OFULA"},
    {"GET", "/api/v1/notices/{id}/files", "OFULA"},
    {"POST", "/api/v1/notices/{id}/files", "OF"},
    {"GET", "/api/v1/incidents/{id}/files", "OFULA"},
    {"POST", "/api/v1/incidents/{id}/files", "OF"},
    {"GET", "/api/v1/records/{id}/files", "OFULA"},
    {"POST", "/api/v1/records/{id}/files", "OFU"},
    {"GET", "/api/v1/files/{id}", "OFULA"},
    {"POST", "/api/v1/files/{id}/withdraw", "OF"},
    {"GET", "/api/v1/assessments", "OFULA"},
    {"POST", "/api/v1/assessments", "OF"},
    {"GET", "/api/v1/assessments/ranking", "OFULA"},
    {"GET", "/api/v1/assessments/results", "OFULA"},
    {"GET", "/api/v1/assessments/{id}", "OFULA"},
    {"POST", "/api/v1/assessments/{id}/values", "OF"},
    {"POST", "/api/v1/assessments/{id}/submit", "OF"},
    {"POST", "/api/v1/assessments/{id}/review", "O"},
    {"POST", "/api/v1/assessments/{id}/approve", "L"},
    {"POST", "/api/v1/assessments/{id}/return", "O"},
    {"POST", "/api/v1/assessments/{id}/send-back", "L"},
    {"POST", "/api/v1/assessments/{id}/revise", "O"},
    {"GET", "/api/v1/assessments/{id}/files", "OFULA"},
    {"POST", "/api/v1/assessments/{id}/files", "OF"},
    {"GET", "/api/v1/accounts", "S"},
    {"POST", "/api/v1/accounts", "S"},
    {"GET", "/api/v1/accounts/{id}", "S"},
    {"PATCH", "/api/v1/accounts/{id}", "S"},
    {"PUT", "/api/v1/accounts/{id}/role", "C"},
    {"GET", "/api/v1/settings", "S"},
    {"PATCH", "/api/v1/settings", "S"},
    {"GET", "/api/v1/role-changes", "S"},
    {"POST", "/api/v1/role-changes/{id}/agree", "S"},
    {"POST", "/api/v1/role-changes/{id}/refuse", "S"},
    {"GET", "/api/v1/roles/changes", "C"},
    {"POST", "/api/v1/role-changes/{id}/withdraw", "C"},
    {"GET", "/api/v1/tokens", "S"},
    {"POST", "/api/v1/tokens", "S"},
    {"POST", "/api/v1/tokens/{id}/revoke", "S"},
    {"GET", "/api/v1/audit", "D"},
    {"GET", "/api/v1/audit/verify", "D"},
    {"GET", "/api/v1/notifications", "*"},
    {"GET", "/api/v1/notifications/unread", "*"},
    {"POST", "/api/v1/notifications/{id}/read", "*"},
    {"POST", "/api/v1/notifications/{id}/unread", "*"},
    {"GET", "/api/v1/notify/preferences", "*"},
    {"PUT", "/api/v1/notify/preferences/{id}", "*"},
    {"GET", "/api/v1/notify/outbox", "O"},
    {"GET", "/api/v1/notify/rules", "O"},
    {"PATCH", "/api/v1/notify/rules", "O"},
    {"GET", "/api/v1/notify/channels", "C"},
    {"POST", "/api/v1/notify/channels", "C"},
    {"PATCH", "/api/v1/notify/channels/{id}", "C"},
    {"POST", "/api/v1/notify/channels/{id}/test", "C"},
    {"GET", "/api/v1/matrix", "OFULA"},
    {"GET", "/api/v1/matrix/cell", "OFULA"},
    {"POST", "/api/v1/duties/{id}/handover", "OF"},
    {"GET", "/api/v1/roles", "C"},
    {"POST", "/api/v1/accounts/{id}/password", "S"},
};
static const char letter[NWHO] = {[OFFICE] = 'O',  [OFFICER] = 'F', [ULEADER] = 'U', [LEADER] = 'L',
                                  [AUDITOR] = 'A', [SYS] = 'S',     [SEC] = 'C',     [AUD] = 'D'};

/* probe asks route i as client c with something the route refuses as malformed — an unknown
 * query parameter or body field — so that passing the permission check shows as 400/422 and
 * nothing is ever done; a refusal shows as 401/403. */
static void probe(const struct client *c, size_t i)
{
	char path[160], *id;

	snprintf(path, sizeof path, "%s", matrix[i].path);
	if ((id = strstr(path, "{id}")))
		memmove(id, "1", 1), memmove(id + 1, id + 4, strlen(id + 4) + 1);
	if (!strcmp(matrix[i].method, "GET") || strstr(path, "/files")) {
		size_t k = strlen(path);

		snprintf(path + k, sizeof path - k, "?zz_probe=1");
		call(c, matrix[i].method, path, NULL); /* an upload: the query is read first */
	} else {
		call(c, matrix[i].method, path, "{\"zz_probe\":1}");
	}
}

static void permission_matrix(void **state)
{
	struct client c[NWHO];

	(void)state;
	for (int w = 0; w < NWHO; w++)
		login((enum who)w, &c[w]);
	for (size_t i = 0; i < sizeof matrix / sizeof *matrix; i++) {
		const char *who = matrix[i].who;

		probe(NULL, i);
		if (*who == '-') {
			if (r.status != 400 && r.status != 422)
				fail_msg("anonymous %s %s: %ld %s", matrix[i].method,
				         matrix[i].path, r.status, r.body);
		} else {
			error_is(401, "unauthenticated");
		}
		for (int w = 0; w < NWHO; w++) {
			bool may = *who == '-' || *who == '*' || strchr(who, letter[w]);

			probe(&c[w], i);
			if (may ? r.status != 400 && r.status != 422 : r.status != 403)
				fail_msg("%s %s %s: %ld, want %s: %s", acct[w].name,
				         matrix[i].method, matrix[i].path, r.status,
				         may ? "allowed" : "403", r.body);
			if (!may)
				error_is(403, "forbidden");
		}
	}
	/* the matrix covers every route the server describes */
	call(NULL, "GET", "/api/v1/openapi.json", NULL);
	{
		json_t *item, *op;
		const char *p, *m;
		size_t n = 0;

		json_object_foreach(json_object_get(j, "paths"), p, item)
		{
			json_object_foreach(item, m, op)
			{
				size_t i;

				for (i = 0; i < sizeof matrix / sizeof *matrix; i++)
					if (!strcmp(matrix[i].path, p) &&
					    !strncasecmp(matrix[i].method, m, strlen(m)) &&
					    strlen(m) == strlen(matrix[i].method))
						break;
				if (i == sizeof matrix / sizeof *matrix)
					fail_msg("no row of the matrix for %s %s", m, p);
				n++;
			}
		}
		assert_int_equal(n, sizeof matrix / sizeof *matrix);
	}
	/* every refusal is in the audit log */
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE outcome = 'denied'") >= 100);
}

/* --- unit scope ----------------------------------------------------------------------------------
 */

/* The units, persons and duties of 计算机学院's subtree, counted by SQL of the test's own: what a
 * list of its officer must hold, page after page. A duty belongs to its unit, or to its system's
 * manager unit, else its operator unit. */
#define JSJXY_TREE                                                                                 \
	"WITH RECURSIVE t(id) AS (SELECT id FROM unit WHERE code = 'JSJXY' UNION SELECT u.id "     \
	"FROM unit u JOIN t ON u.parent_id = t.id) "

/* walk reads every page of list `base` (a path ending in "?limit=N…") as c and answers how many
 * items there were, checking that ids run strictly up (or down, with sort=-id). */
static long walk(const struct client *c, const char *base, bool desc)
{
	char path[512], next[256] = "";
	long n = 0;
	json_int_t last = 0;

	do {
		json_t *it;
		size_t i;

		snprintf(path, sizeof path, "%s%s%s", base, next[0] ? "&cursor=" : "", next);
		call(c, "GET", path, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			json_int_t id = json_integer_value(json_object_get(it, "id"));

			if (last && (desc ? id >= last : id <= last))
				fail_msg("%s: id %lld after %lld", base, (long long)id,
				         (long long)last);
			last = id;
			n++;
		}
		snprintf(next, sizeof next, "%s", jstr("next") ? jstr("next") : "");
	} while (next[0]);
	return n;
}

/* refused: PATCH path with body as c is answered status with error code, naming field. */
static void refused(const struct client *c, const char *path, const char *body, long status,
                    const char *code, const char *field)
{
	call(c, "PATCH", path, body);
	error_is(status, code);
	if (field && (!jstr("error.field") || strcmp(jstr("error.field"), field)))
		fail_msg("PATCH %s %s: want the error to name %s: %s", path, body, field, r.body);
}

/* unseen: record `kind`/id does not exist for c, read (GET) or changed (PATCH with body). */
static void unseen(const struct client *c, const char *kind, long long id, const char *body)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/%s/%lld", kind, id);
	call(c, "GET", path, NULL);
	error_is(404, "not_found");
	refused(c, path, body, 404, "not_found", NULL);
}

/* register_scope: the officer of 计算机学院 reads and changes the register of its subtree only. */
static void register_scope(const struct client *office, const struct client *officer)
{
	char path[128];
	long n;

	/* a person, a duty and a project of 教务处 (JWC): not there, read or changed */
	unseen(officer, "persons",
	       sql_count("SELECT min(p.id) FROM person p JOIN unit u ON u.id = p.unit_id WHERE "
	                 "u.code = 'JWC'"),
	       "{\"title\":\"x\"}");
	unseen(officer, "duties",
	       sql_count("SELECT min(d.id) FROM duty d JOIN unit u ON u.id = d.unit_id WHERE "
	                 "u.code = 'JWC'"),
	       "{\"to\":\"2026-12-31\"}");
	make(office, "projects",
	     "{\"code\":\"T-JWC-PRJ\",\"name\":\"教务项目\",\"unit\":\"JWC\",\"year\":2026,"
	     "\"total\":1000}",
	     path, sizeof path);
	unseen(officer, "projects", (long long)jint("id"), "{\"name\":\"x\"}");
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action IN "
	                           "('person.update', 'duty.update', 'project.update') AND "
	                           "outcome = 'ok'"),
	                 0);

	/* nor can the officer move a record of its own there */
	make(officer, "persons", "{\"code\":\"T-MOVE\",\"name\":\"调动人\",\"unit\":\"JSJXY\"}",
	     path, sizeof path);
	refused(officer, path, "{\"unit\":\"JWC\",\"title\":\"x\"}", 422, "not_found", "unit");
	make(officer, "projects",
	     "{\"code\":\"T-MOVE-PRJ\",\"name\":\"学院项目\",\"unit\":\"JSJXY\",\"year\":2026,"
	     "\"total\":1000}",
	     path, sizeof path);
	refused(officer, path, "{\"unit\":\"JWC\"}", 422, "not_found", "unit");
	assert_int_equal(sql_count("SELECT count(*) FROM person p JOIN unit u ON u.id = p.unit_id "
	                           "WHERE p.code = 'T-MOVE' AND u.code = 'JSJXY' AND p.title IS "
	                           "NULL"),
	                 1);
	assert_int_equal(sql_count("SELECT count(*) FROM project r JOIN unit u ON u.id = r.unit_id "
	                           "WHERE r.code = 'T-MOVE-PRJ' AND u.code = 'JSJXY'"),
	                 1);

	/* the lists, page by page in both orders, hold exactly the subtree (and the whole
	 * organisation for the office) */
	n = sql_count(JSJXY_TREE "SELECT count(*) FROM unit WHERE id IN (SELECT id FROM t)");
	assert_int_equal(walk(officer, "/api/v1/units?limit=1", false), n);
	n = sql_count(JSJXY_TREE "SELECT count(*) FROM person WHERE unit_id IN (SELECT id FROM t)");
	assert_true(n >= 2);
	assert_int_equal(walk(officer, "/api/v1/persons?limit=2", false), n);
	assert_int_equal(walk(officer, "/api/v1/persons?limit=2&sort=-id", true), n);
	n = sql_count(JSJXY_TREE "SELECT count(*) FROM duty d LEFT JOIN asset a ON a.id = "
	                         "d.asset_id WHERE coalesce(d.unit_id, a.manager_unit, "
	                         "a.operator_unit) IN (SELECT id FROM t)");
	assert_true(n >= 1);
	assert_int_equal(walk(officer, "/api/v1/duties?limit=3&sort=-id", true), n);
	assert_int_equal(walk(office, "/api/v1/duties?limit=7", false),
	                 sql_count("SELECT count(*) FROM duty"));
	assert_int_equal(walk(office, "/api/v1/duties?limit=7&sort=-id", true),
	                 sql_count("SELECT count(*) FROM duty"));
	assert_int_equal(walk(officer, "/api/v1/projects?limit=1", false), 1);
}

/* fill writes tmpl into out with each "@" replaced by code. */
static void fill(char *out, size_t n, const char *tmpl, const char *code)
{
	size_t k = 0;

	for (; *tmpl && k + 1 < n; tmpl++)
		if (*tmpl == '@')
			k += (size_t)snprintf(out + k, n - k, "%s", code);
		else
			out[k++] = *tmpl;
	out[k < n ? k : n - 1] = '\0';
}

/* same_refusal: POST tmpl with "@" as `foreign` (a code of another unit's record) answers as
 * with `none` (a code nothing has), but for the code: 422 not_found naming field. */
static void same_refusal(const struct client *c, const char *route, const char *tmpl,
                         const char *foreign, const char *none, const char *field)
{
	char body[512], msg[512], want[512];
	const char *at;

	fill(body, sizeof body, tmpl, none);
	call(c, "POST", route, body);
	error_is(422, "not_found");
	assert_string_equal(jstr("error.field"), field);
	snprintf(msg, sizeof msg, "%s", jstr("error.message"));
	fill(body, sizeof body, tmpl, foreign);
	call(c, "POST", route, body);
	error_is(422, "not_found");
	assert_string_equal(jstr("error.field"), field);
	at = strstr(msg, none);
	assert_non_null(at);
	snprintf(want, sizeof want, "%.*s%s%s", (int)(at - msg), msg, foreign, at + strlen(none));
	assert_string_equal(jstr("error.message"), want);
}

/* cross_scope_refs: every code a write names lies in the caller's scope, every element of a
 * list alike — one of another unit's answers as one that does not exist, and nothing is
 * written. (T-JWC is a system of 教务处, outside the officer's 计算机学院.) */
static void cross_scope_refs(const struct client *office, const struct client *officer)
{
	char tmpl[512], path[128];
	long incidents;

	make(office, "assets",
	     "{\"code\":\"T-OWN\",\"name\":\"学院系统\",\"kind\":\"info_system\","
	     "\"manager_unit\":\"JSJXY\"}",
	     path, sizeof path);
	make(office, "persons", "{\"code\":\"T-PJWC\",\"name\":\"外单位人\",\"unit\":\"JWC\"}",
	     path, sizeof path);
	incidents = sql_count("SELECT count(*) FROM incident");
	/* an incident of the officer's system and another unit's, in either order */
	snprintf(tmpl, sizeof tmpl,
	         "{\"code\":\"T-XS-1\",\"title\":\"越权\",\"assets\":[\"T-OWN\",\"@\"],"
	         "\"detected_at\":\"%s\",\"reporter\":\"other\"}",
	         hour_ago);
	same_refusal(officer, "/api/v1/incidents", tmpl, "T-JWC", "T-NOPE", "assets");
	snprintf(tmpl, sizeof tmpl,
	         "{\"code\":\"T-XS-1\",\"title\":\"越权\",\"assets\":[\"@\",\"T-OWN\"],"
	         "\"detected_at\":\"%s\",\"reporter\":\"other\"}",
	         hour_ago);
	same_refusal(officer, "/api/v1/incidents", tmpl, "T-JWC", "T-NOPE", "assets");
	/* its answering unit another unit */
	snprintf(tmpl, sizeof tmpl,
	         "{\"code\":\"T-XS-1\",\"title\":\"越权\",\"assets\":[\"T-OWN\"],"
	         "\"unit\":\"@\",\"detected_at\":\"%s\",\"reporter\":\"other\"}",
	         hour_ago);
	same_refusal(officer, "/api/v1/incidents", tmpl, "JWC", "T-NOPE", "unit");
	assert_int_equal(sql_count("SELECT count(*) FROM incident"), incidents);
	/* a person of another unit named in an event of its own incident */
	snprintf(tmpl, sizeof tmpl,
	         "{\"code\":\"T-XS-2\",\"title\":\"本单位\",\"assets\":[\"T-OWN\"],"
	         "\"detected_at\":\"%s\",\"reporter\":\"other\"}",
	         hour_ago);
	call(officer, "POST", "/api/v1/incidents", tmpl);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/incidents/%lld/events", (long long)jint("id"));
	same_refusal(officer, path, "{\"kind\":\"person\",\"person\":\"@\"}", "T-PJWC", "T-NOPE",
	             "person");
	/* a duty's holder; a record's unit */
	same_refusal(officer, "/api/v1/duties",
	             "{\"role\":\"principal\",\"person\":\"@\",\"unit\":\"JSJXY\","
	             "\"from\":\"2026-01-01\"}",
	             "T-PJWC", "T-NOPE", "person");
	same_refusal(officer, "/api/v1/records",
	             "{\"kind\":\"meeting\",\"unit\":\"@\",\"on\":\"2026-01-05\",\"title\":\"x\"}",
	             "JWC", "T-NOPE", "unit");
	assert_int_equal(sql_count("SELECT count(*) FROM incident_asset x JOIN asset a ON a.id = "
	                           "x.asset_id WHERE a.code = 'T-JWC'"),
	                 0);
}

static void scope(void **state)
{
	struct client office, officer;
	char path[128];
	long out_of_scope;
	json_t *items;
	size_t i;
	json_t *it;

	(void)state;
	login(OFFICE, &office);
	login(OFFICER, &officer);
	/* an asset that answers to 教务处 only: the officer of 计算机学院 does not see it */
	call(&office, "POST", "/api/v1/assets",
	     "{\"code\":\"T-JWC\",\"name\":\"教务测试\",\"kind\":\"info_system\",\"manager_unit\":"
	     "\"JWC\"}");
	expect(201);
	out_of_scope = (long)jint("id");
	snprintf(path, sizeof path, "/api/v1/assets/%ld", out_of_scope);
	call(&officer, "GET", path, NULL);
	error_is(404, "not_found");
	call(&officer, "PATCH", path, "{\"name\":\"x\"}");
	error_is(404, "not_found");
	call(&office, "GET", path, NULL);
	expect(200);
	call(&officer, "GET", "/api/v1/assets?limit=200", NULL);
	expect(200);
	items = json_object_get(j, "items");
	assert_true(json_array_size(items) > 0);
	json_array_foreach(items, i, it)
	{
		if (!strcmp(json_string_value(json_object_get(it, "code")), "T-JWC"))
			fail_msg("the officer of JSJXY sees an asset of JWC");
	}
	/* nor in an export: the same rows as the list */
	{
		long lines = 0, listed = (long)json_array_size(items);

		call(&officer, "GET", "/api/v1/export/assets", NULL);
		expect(200);
		assert_null(strstr(r.body, "\nT-JWC,"));
		for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
			lines++;
		assert_int_equal(lines, listed + 1);
	}
	/* and cannot create one outside the subtree */
	call(&officer, "POST", "/api/v1/assets",
	     "{\"code\":\"T-JWC2\",\"name\":\"越权\",\"kind\":\"info_system\",\"manager_unit\":"
	     "\"JWC\"}");
	error_is(422, "not_found");
	assert_int_equal(sql_count("SELECT count(*) FROM asset WHERE code = 'T-JWC2'"), 0);
	/* records of another unit neither */
	call(&officer, "POST", "/api/v1/records",
	     "{\"kind\":\"meeting\",\"unit\":\"JWC\",\"on\":\"2026-01-05\",\"title\":\"越权\"}");
	error_is(422, "not_found");
	/* nor read or correct one of them, nor move one of its own there */
	call(&office, "POST", "/api/v1/records",
	     "{\"kind\":\"meeting\",\"unit\":\"JWC\",\"on\":\"2026-01-05\",\"title\":\"教务会\"}");
	expect(201);
	snprintf(path, sizeof path, "/api/v1/records/%lld", (long long)jint("id"));
	call(&officer, "GET", path, NULL);
	error_is(404, "not_found");
	call(&officer, "PATCH", path, "{\"title\":\"x\"}");
	error_is(404, "not_found");
	call(&officer, "POST", "/api/v1/records",
	     "{\"kind\":\"meeting\",\"unit\":\"JSJXY\",\"on\":\"2026-01-05\",\"title\":\"院会\"}");
	expect(201);
	snprintf(path, sizeof path, "/api/v1/records/%lld", (long long)jint("id"));
	call(&officer, "PATCH", path, "{\"unit\":\"JWC\"}");
	error_is(422, "not_found");
	assert_int_equal(sql_count("SELECT count(*) FROM record WHERE title = '院会' AND unit_id = "
	                           "(SELECT id FROM unit WHERE code = 'JSJXY')"),
	                 1);
	cross_scope_refs(&office, &officer);
	register_scope(&office, &officer);
}

/* --- the register's tree and terms ------------------------------------------------------------ */

/* A unit moves under another unit, never under itself or below itself, never the top of the
 * mover's scope, never out of it; its code never changes. */
static void unit_tree(void **state)
{
	struct client office, sec, sys, tok = {0};
	char lab[64], top[64], jwc[64], path[96];

	(void)state;
	login(OFFICE, &office);
	make(
	    &office, "units",
	    "{\"code\":\"T-LAB\",\"name\":\"实验室\",\"parent\":\"JSJXY\",\"kind\":\"department\"}",
	    lab, sizeof lab);
	snprintf(top, sizeof top, "/api/v1/units/%ld",
	         sql_count("SELECT id FROM unit WHERE code = 'JSJXY'"));
	snprintf(jwc, sizeof jwc, "/api/v1/units/%ld",
	         sql_count("SELECT id FROM unit WHERE code = 'JWC'"));

	/* a cycle: 计算机学院 under its own laboratory, or under itself */
	refused(&office, top, "{\"parent\":\"T-LAB\"}", 422, "invalid", "parent");
	refused(&office, top, "{\"parent\":\"JSJXY\"}", 422, "invalid", "parent");
	/* the organisation's top stays where and what it is */
	refused(&office, "/api/v1/units/1", "{\"parent\":\"JSJXY\"}", 422, "invalid", "parent");
	refused(&office, "/api/v1/units/1", "{\"kind\":\"external_authority\"}", 422, "invalid",
	        "kind");
	/* a code is given once (the same code again is no change) */
	refused(&office, lab, "{\"code\":\"T-LAB2\"}", 422, "invalid", "code");
	call(&office, "PATCH", lab, "{\"code\":\"T-LAB\",\"parent\":\"XXZX\"}");
	expect(200);
	assert_string_equal(jstr("parent"), "XXZX");
	call(&office, "PATCH", lab, "{\"parent\":\"JSJXY\"}");
	expect(200);

	/* an office token scoped to 计算机学院: its top does not move, nothing leaves its scope,
	 * and a unit outside it does not exist */
	login(SEC, &sec);
	login(SYS, &sys);
	call(&sys, "POST", "/api/v1/accounts", "{\"name\":\"t.jsoffice\"}");
	expect(201);
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", (long long)jint("id"));
	call(&sec, "PUT", path, "{\"role\":\"office\",\"unit\":\"JSJXY\"}");
	expect(200);
	call(&sys, "POST", "/api/v1/tokens",
	     "{\"label\":\"学院办公室\",\"account\":\"t.jsoffice\"}");
	expect(201);
	snprintf(tok.bearer, sizeof tok.bearer, "%s", jstr("secret"));
	refused(&tok, top, "{\"parent\":\"XXZX\"}", 422, "not_found", "parent"); /* out of it */
	refused(&tok, lab, "{\"parent\":\"JWC\"}", 422, "not_found", "parent");
	refused(&tok, jwc, "{\"name\":\"x\"}", 404, "not_found", NULL);
	call(&tok, "PATCH", lab, "{\"name\":\"网络实验室\"}");
	expect(200);

	/* what was refused left nothing behind */
	assert_int_equal(sql_count("SELECT count(*) FROM unit c JOIN unit p ON p.id = c.parent_id "
	                           "WHERE c.code = 'T-LAB' AND p.code = 'JSJXY' AND c.name = "
	                           "'网络实验室'"),
	                 1);
	assert_int_equal(sql_count("SELECT count(*) FROM unit c JOIN unit p ON p.id = c.parent_id "
	                           "WHERE c.code = 'JSJXY' AND p.code = 'IMNU'"),
	                 1);
	assert_int_equal(sql_count("SELECT count(*) FROM unit WHERE id = 1 AND parent_id IS NULL "
	                           "AND kind = 'party_committee'"),
	                 1);
	assert_int_equal(sql_count("SELECT count(*) FROM unit WHERE name = 'x'"), 0);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'unit.update' "
	                           "AND outcome = 'ok'"),
	                 3);
}

/* A duty's term ends on its last day (to), never before its first; its role and what it is held
 * for do not change. */
static void duty_term(void **state)
{
	struct client officer;
	char path[64], id[32], q[256];

	(void)state;
	login(OFFICER, &officer);
	make(&officer, "persons", "{\"code\":\"T-SO\",\"name\":\"新安全员\",\"unit\":\"JSJXY\"}",
	     path, sizeof path);
	make(&officer, "duties",
	     "{\"role\":\"security_officer\",\"person\":\"T-SO\",\"unit\":\"JSJXY\","
	     "\"from\":\"2026-03-01\"}",
	     path, sizeof path);
	snprintf(id, sizeof id, "%lld", (long long)jint("id"));

	/* a last day before the first: refused, naming the field, nothing written */
	refused(&officer, path, "{\"to\":\"2026-02-28\"}", 422, "invalid", "to");
	assert_non_null(strstr(jstr("error.message"), "2026-02-28"));
	refused(&officer, path, "{\"role\":\"principal\"}", 422, "unknown_field", "role");
	call(&officer, "PATCH", path, "{\"unit\":\"XXZX\",\"to\":\"2026-06-30\"}");
	error_is(422, "unknown_field");
	snprintf(q, sizeof q,
	         "SELECT count(*) FROM duty d JOIN unit u ON u.id = d.unit_id WHERE d.id = %s AND "
	         "d.valid_to IS NULL AND d.role = 'security_officer' AND u.code = 'JSJXY'",
	         id);
	assert_int_equal(sql_count(q), 1);

	/* the term ends; the list shows it */
	call(&officer, "PATCH", path, "{\"to\":\"2026-06-30\",\"note\":\"调任\"}");
	expect(200);
	assert_string_equal(jstr("to"), "2026-06-30");
	assert_string_equal(jstr("from"), "2026-03-01");
	call(&officer, "GET", "/api/v1/duties?sort=-id&limit=1", NULL);
	expect(200);
	assert_int_equal(jint("items.0.id"), strtoll(id, NULL, 10));
	assert_string_equal(jstr("items.0.to"), "2026-06-30");
	assert_string_equal(jstr("items.0.note"), "调任");
	/* a first day after the last is refused the same way */
	refused(&officer, path, "{\"from\":\"2026-07-01\"}", 422, "invalid", "to");
	/* null: the term runs on again */
	call(&officer, "PATCH", path, "{\"to\":null}");
	expect(200);
	assert_true(json_is_null(jget("to")));
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'duty.update' "
	                           "AND outcome = 'ok' AND before NOT LIKE '%2026-06-30%' AND "
	                           "after LIKE '%2026-06-30%'"),
	                 1);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'duty.update' AND "
	                      "outcome = 'invalid'") >= 4);
}

/* --- CSRF, sessions, lock-out, TOTP, tokens, password age ---------------------------------------
 */

static void csrf(void **state)
{
	struct client office, nocsrf, wrong;
	const char *body =
	    "{\"code\":\"T-CSRF\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\"}";

	(void)state;
	login(OFFICE, &office);
	nocsrf = office;
	nocsrf.csrf[0] = '\0';
	call(&nocsrf, "POST", "/api/v1/assets", body);
	error_is(403, "csrf");
	wrong = office;
	wrong.csrf[0] = wrong.csrf[0] == 'A' ? 'B' : 'A';
	call(&wrong, "POST", "/api/v1/assets", body);
	error_is(403, "csrf");
	assert_int_equal(sql_count("SELECT count(*) FROM asset WHERE code = 'T-CSRF'"), 0);
	call(&nocsrf, "GET", "/api/v1/assets?limit=1", NULL); /* reads need none */
	expect(200);
	call(&office, "POST", "/api/v1/assets", body);
	expect(201);
}

static void sessions(void **state)
{
	struct client a, b;
	char cookie[512];

	(void)state;
	login(OFFICE, &a);
	/* rotated at sign-in: a new id, and the one presented ends */
	{
		char body[256];
		char h[200];
		const char *hs[3] = {h, "Content-Type: application/json", NULL};

		snprintf(h, sizeof h, "Cookie: cd_session=%s", a.cookie);
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}",
		         acct[OFFICE].name, PASSWORD);
		client_req(port, "POST", "/api/v1/session", body, strlen(body), hs, &r);
		expect(201);
		assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
		assert_null(strstr(cookie, a.cookie));
	}
	call(&a, "GET", "/api/v1/session", NULL);
	error_is(401, "unauthenticated");
	/* idle timeout: 30 minutes without a request */
	login(OFFICER, &b);
	call(&b, "GET", "/api/v1/session", NULL);
	expect(200);
	sql(cookie, sizeof cookie,
	    "UPDATE session SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 "
	    "minutes')");
	call(&b, "GET", "/api/v1/session", NULL);
	error_is(401, "unauthenticated");
	/* absolute timeout: 12 hours, however busy */
	login(OFFICER, &b);
	sql(cookie, sizeof cookie,
	    "UPDATE session SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-13 hours')");
	call(&b, "GET", "/api/v1/session", NULL);
	error_is(401, "unauthenticated");
	/* signed out: the cookie is cleared and dead */
	login(OFFICER, &b);
	call(&b, "DELETE", "/api/v1/session", NULL);
	assert_int_equal(r.status, 204);
	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(strstr(cookie, "Max-Age=0"));
	call(&b, "GET", "/api/v1/session", NULL);
	error_is(401, "unauthenticated");
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'session.logout'") >=
	            1);
}

static void lockout(void **state)
{
	char body[256], line[256], hdr[32];

	(void)state;
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"wrong-Password-1\"}",
	         acct[OFFICER].name);
	for (int i = 0; i < 4; i++) {
		call(NULL, "POST", "/api/v1/session", body);
		error_is(401, "bad");
	}
	/* the 5th locks, and answers as every wrong password: the state is the password's */
	call(NULL, "POST", "/api/v1/session", body);
	error_is(401, "bad");
	call(NULL, "POST", "/api/v1/session", body);
	error_is(401, "bad");
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", acct[OFFICER].name,
	         PASSWORD);
	call(NULL, "POST", "/api/v1/session", body); /* the right password: told, with the wait */
	error_is(401, "locked");
	assert_non_null(client_header(&r, "Retry-After", hdr, sizeof hdr));
	assert_true(strtol(hdr, NULL, 10) > 0 && strtol(hdr, NULL, 10) <= 60);
	/* the lock-out is on record with the address it came from */
	sql(line, sizeof line,
	    "SELECT ip FROM audit_entry WHERE action = 'session.login' AND outcome = 'locked' "
	    "LIMIT 1");
	assert_non_null(strstr(line, "127.0.0.1"));
	/* an unknown name answers like a wrong password */
	call(NULL, "POST", "/api/v1/session", "{\"name\":\"nobody\",\"password\":\"x\"}");
	error_is(401, "bad");
	/* the system administrator unlocks */
	{
		struct client sys;
		char path[64];

		login(SYS, &sys);
		call(&sys, "GET", "/api/v1/accounts", NULL);
		expect(200);
		for (size_t i = 0; i < json_array_size(json_object_get(j, "items")); i++) {
			json_t *a = json_array_get(json_object_get(j, "items"), i);

			if (!strcmp(json_string_value(json_object_get(a, "name")),
			            acct[OFFICER].name)) {
				assert_true(json_is_true(json_object_get(a, "locked")));
				snprintf(path, sizeof path, "/api/v1/accounts/%lld",
				         (long long)json_integer_value(json_object_get(a, "id")));
			}
		}
		call(&sys, "PATCH", path, "{\"locked\":false}");
		expect(200);
	}
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
}

/* Nobody outside can lock the administrators out: wrong passwords for sysadmin, secadmin and
 * auditadmin, more than the lock-out count, leave them signing in; a client address that goes
 * on failing waits (429, Retry-After), the administrators' own addresses do not. */
static void admins_not_locked_out(void **state)
{
	static const enum who admins[] = {SYS, SEC, AUD};
	char body[256], hdr[32];
	struct client c;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"wrong-Password-1\"}",
		         acct[admins[k]].name);
		for (int i = 0; i < (k ? 2 : 6) - (k == 2); i++) {
			call(NULL, "POST", "/api/v1/session", body);
			error_is(401, "bad");
		}
	}
	/* nine failures from 127.0.0.1 — six for the system administrator, more than the
	 * lock-out count — and none of them locked */
	for (size_t k = 0; k < 3; k++)
		login(admins[k], &c);
	/* the tenth from the address makes it wait, whatever the name */
	call(NULL, "POST", "/api/v1/session", body);
	error_is(401, "bad");
	call(NULL, "POST", "/api/v1/session", body);
	error_is(429, "throttled");
	assert_non_null(client_header(&r, "Retry-After", hdr, sizeof hdr));
	assert_true(strtol(hdr, NULL, 10) > 0 && strtol(hdr, NULL, 10) <= 60);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", acct[SYS].name,
	         PASSWORD);
	call(NULL, "POST", "/api/v1/session", body);
	error_is(429, "throttled");
	assert_int_equal(sql_count("SELECT count(*) FROM account WHERE locked = 1"), 0);
}

/* same_failure_answers: a wrong password answers word for word the same for an unknown name,
 * an account without a password, a disabled one and a locked one (by hand) — the state is told
 * only to whoever gives the password. */
static void same_failure_answers(void)
{
	static const char *const names[] = {"nobody", "t.nopw", NULL, NULL};
	struct client sys;
	char body[256], path[64], first[512];

	login(SYS, &sys);
	snprintf(path, sizeof path, "/api/v1/accounts/%ld",
	         sql_count("SELECT id FROM account WHERE name = 't.auditor'"));
	call(&sys, "PATCH", path, "{\"disabled\":true}");
	expect(200);
	snprintf(path, sizeof path, "/api/v1/accounts/%ld",
	         sql_count("SELECT id FROM account WHERE name = 't.leader'"));
	call(&sys, "PATCH", path, "{\"locked\":true}");
	expect(200);
	for (size_t i = 0; i < 4; i++) {
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"Wrong-Password-1\"}",
		         names[i] ? names[i]
		         : i == 2 ? "t.auditor"
		                  : "t.leader");
		call(NULL, "POST", "/api/v1/session", body);
		error_is(401, "bad");
		if (!i)
			snprintf(first, sizeof first, "%s", r.body);
		else
			assert_string_equal(r.body, first);
	}
}

static void second_factor(void **state)
{
	char body[256], code[8];

	(void)state;
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", acct[SYS].name,
	         PASSWORD);
	call(NULL, "POST", "/api/v1/session", body);
	error_is(401, "totp_required");
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\",\"totp\":\"000000\"}",
	         acct[SYS].name, PASSWORD);
	call(NULL, "POST", "/api/v1/session", body);
	if (r.status == 201) /* 000000 happened to be the code: astronomically unlikely */
		return;
	error_is(401, "totp_bad");
	totp(SYS, code);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\",\"totp\":\"%s\"}",
	         acct[SYS].name, PASSWORD, code);
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
	call(NULL, "POST", "/api/v1/session", body); /* the same code twice: refused */
	error_is(401, "totp_bad");
	same_failure_answers();
}

static void password_age(void **state)
{
	struct client c;
	char out[64];

	(void)state;
	login(OFFICER, &c);
	sql(out, sizeof out,
	    "UPDATE account SET password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', "
	    "'-91 days') WHERE name = 't.officer'");
	login(OFFICER, &c);
	assert_true(
	    json_is_true(json_object_get(json_object_get(j, "account"), "password_expired")));
	call(&c, "GET", "/api/v1/assets", NULL);
	error_is(403, "password_expired");
	/* nor a second factor: nothing but the password's change */
	call(&c, "POST", "/api/v1/session/totp", "{\"password\":\"" PASSWORD "\"}");
	error_is(403, "password_expired");
	call(&c, "POST", "/api/v1/session/totp/confirm", "{\"code\":\"123456\"}");
	error_is(403, "password_expired");
	call(&c, "POST", "/api/v1/session/password",
	     "{\"old\":\"" PASSWORD "\",\"new\":\"Fresh-Password-2026$\"}");
	expect(200);
	adopt(&c);
	call(&c, "GET", "/api/v1/assets?limit=1", NULL);
	expect(200);
}

/* --- bad input: answered 4xx with a message, nothing written -----------------------------------
 */

/* register_digest: a digest of the register's units, persons, duties and projects as stored. */
static void register_digest(char out[64])
{
	assert_int_equal(
	    client_sh_out(out, 64, "sqlite3 %s '.dump unit person duty project' | md5sum", db), 0);
}

/* register_patches: bad changes of the register, each refused naming its field; none written. */
static void register_patches(const struct client *office)
{
	static const struct {
		const char *path, *body;
		long status;
		const char *code, *field;
	} corpus[] = {
	    {"/api/v1/duties/1", "{\"role\":\"principal\"}", 422, "unknown_field", "role"},
	    {"/api/v1/duties/1", "{\"asset\":\"AS-PORTAL\"}", 422, "unknown_field", "asset"},
	    {"/api/v1/duties/1", "{\"to\":20261231}", 422, "invalid", "to"},
	    {"/api/v1/duties/1", "{\"to\":\"2026-13-01\"}", 422, "invalid", "to"},
	    {"/api/v1/duties/1", "{\"to\":\"1999-12-31\"}", 422, "invalid", "to"},
	    {"/api/v1/duties/1", "{\"from\":null}", 422, "invalid", "from"},
	    {"/api/v1/duties/1", "{\"person\":\"NOBODY\"}", 422, "not_found", "person"},
	    {"/api/v1/duties/1", "{\"note\":[\"a\"]}", 422, "invalid", "note"},
	    {"/api/v1/units/7", "{\"parent\":null}", 422, "invalid", "parent"},
	    {"/api/v1/units/7", "{\"parent\":\"NO-SUCH\"}", 422, "not_found", "parent"},
	    {"/api/v1/units/7", "{\"kind\":\"castle\"}", 422, "invalid", "kind"},
	    {"/api/v1/units/7", "{\"code\":\"JWC2\",\"name\":\"x\"}", 422, "invalid", "code"},
	    {"/api/v1/units/7", "{\"name\":\"\"}", 422, "invalid", "name"},
	    {"/api/v1/persons/1", "{\"unit\":null}", 422, "invalid", "unit"},
	    {"/api/v1/persons/1", "{\"email\":\"\"}", 422, "invalid", "email"},
	    {"/api/v1/persons/1", "{\"name\":123}", 422, "invalid", "name"},
	    {"/api/v1/persons/1", "{\"code\":\"T0001-NEW\"}", 422, "invalid", "code"},
	    {"/api/v1/projects/1", "{\"security\":99999999}", 422, "invalid", "security"},
	    {"/api/v1/projects/1", "{\"total\":1000}", 422, "invalid", "security"},
	    {"/api/v1/projects/1", "{\"total\":0}", 422, "invalid", "total"},
	    {"/api/v1/projects/1", "{\"year\":\"2026\"}", 422, "invalid", "year"},
	    {"/api/v1/projects/999999", "{\"name\":\"x\"}", 404, "not_found", NULL},
	    {"/api/v1/duties/999999", "{\"note\":\"x\"}", 404, "not_found", NULL},
	};
	char before[64], after[64];

	register_digest(before);
	for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++)
		refused(office, corpus[i].path, corpus[i].body, corpus[i].status, corpus[i].code,
		        corpus[i].field);
	register_digest(after);
	assert_string_equal(before, after);
}

/* A file with three errors: 422 listing all three, nothing written, the refusal in the audit
 * log; a dry run answers what it would do and writes nothing; GB18030 as Excel on Chinese
 * Windows saves it; an .xlsx or a scoped caller refused. */
static void import_errors(void **state)
{
	static const char bad[] = "系统代码,系统名称,类型,定级日期,等保级别,关键信息基础设施,,\r\n"
	                          "X1,好,portal,,,否,,\r\n"
	                          "X2,坏一,portal,2024-02-30,2,否,,\r\n"
	                          "X3,坏二,gadget,,,否,,\r\n"
	                          "X4,坏三,portal,,,也许,,\r\n";
	static const char good[] = "code,name,kind\nX1,好,portal\n";
	struct client office, officer;
	char gbk[256];
	long assets = sql_count("SELECT count(*) FROM asset");
	(void)state;

	login(OFFICE, &office);
	login(OFFICER, &officer);
	send_file(&office, "/api/v1/import/assets", "text/csv", bad, strlen(bad));
	expect(422);
	assert_string_equal(jstr("error.code"), "invalid_file");
	assert_int_equal(jint("error_count"), 3);
	assert_int_equal(jint("rows"), 4);
	assert_int_equal(jint("errors.0.row"), 3);
	assert_string_equal(jstr("errors.0.column"), "graded_on");
	assert_string_equal(jstr("errors.0.header"), "定级日期");
	assert_string_equal(jstr("errors.0.value"), "2024-02-30");
	assert_string_equal(jstr("errors.0.message"),
	                    "第 3 行「定级日期」：2024-02-30 不是有效日期（2 月没有 30 日）");
	assert_non_null(jstr("errors.0.message_en"));
	assert_int_equal(jint("errors.1.row"), 4);
	assert_string_equal(jstr("errors.1.column"), "kind");
	assert_int_equal(jint("errors.2.row"), 5);
	assert_string_equal(jstr("errors.2.column"), "cii");
	assert_int_equal(sql_count("SELECT count(*) FROM asset"), assets);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
	                           "'import.assets' AND outcome = 'invalid'"),
	                 1);

	send_file(&office, "/api/v1/import/assets?dry_run=1", "text/csv", good, strlen(good));
	expect(200);
	assert_true(json_is_true(jget("dry_run")));
	assert_int_equal(jint("created"), 1);
	assert_int_equal(sql_count("SELECT count(*) FROM asset"), assets);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
	                           "'import.assets' AND outcome = 'ok'"),
	                 0);

	/* GB18030, made with iconv as Excel on Chinese Windows saves "CSV" */
	{
		static const char utf8[] = "code,name,kind\nX9,中文,portal\n";
		iconv_t cd = iconv_open("GB18030", "UTF-8");
		char in[64], *ip = in, *op = gbk;
		size_t il = sizeof utf8 - 1, ol = sizeof gbk;

		memcpy(in, utf8, sizeof utf8);
		assert_true(cd != (iconv_t)-1);
		assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
		iconv_close(cd);
		send_file(&office, "/api/v1/import/assets", "text/csv", gbk, (size_t)(op - gbk));
	}
	expect(200);
	assert_string_equal(jstr("encoding"), "GB18030");
	assert_int_equal(
	    sql_count("SELECT count(*) FROM asset WHERE code = 'X9' AND name = '中文'"), 1);

	/* an .xlsx: the export read back (a dry run: every row updates its own asset) */
	call(&office, "GET", "/api/v1/export/assets?format=xlsx&kind=portal", NULL);
	expect(200);
	{
		char *book = malloc(r.len);
		size_t len = r.len;

		assert_non_null(book);
		memcpy(book, r.body, len);
		send_file(&office, "/api/v1/import/assets?dry_run=1",
		          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", book,
		          len);
		free(book);
	}
	expect(200);
	assert_string_equal(jstr("encoding"), "XLSX");
	assert_int_equal(jint("created"), 0);
	assert_int_equal(jint("updated"),
	                 sql_count("SELECT count(*) FROM asset WHERE kind = 'portal'"));
	send_file(&office, "/api/v1/import/assets", "application/octet-stream", "PK\x03\x04xx", 6);
	expect(422);
	assert_non_null(strstr(jstr("errors.0.message"), "不是有效的 .xlsx 文件"));
	send_file(&officer, "/api/v1/import/assets", "text/csv", good, strlen(good));
	error_is(422, "out_of_scope");
	send_file(&office, "/api/v1/import/assets?dry_run=maybe", "text/csv", good, strlen(good));
	expect(400);
}

static void bad_inputs(void **state)
{
	static const struct {
		const char *body;
		long status;
		const char *code;
	} corpus[] = {
	    {"{", 400, "bad_request"},
	    {"{\"code\":\"\\任\"}", 400,
	     "bad_request"}, /* the parser's message quotes half a character */
	    {"{\"code\":\"T-X\",\"name\":\"x\",", 400, "bad_request"},
	    {"[1,2,3]", 422, "invalid"},
	    {"\"just a string\"", 422, "invalid"},
	    {"null", 422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"mlps_level\":\"3\"}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"mlps_level\":99999999999999999999999999}",
	     400, "bad_request"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"mlps_level\":1e400}",
	     400, "bad_request"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"mlps_level\":6}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"mlps_level\":2.5}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"cii\":\"yes\"}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"mainframe\",\"manager_unit\":\"JSJXY\"}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"colour\":\"red\"}",
	     422, "unknown_field"},
	    {"{\"code\":\"T-X\",\"code\":\"T-Y\",\"name\":\"x\",\"kind\":\"server\"}", 400,
	     "bad_request"},
	    {"{\"code\":\"x'; DROP TABLE asset;--\",\"name\":\"x\",\"kind\":\"server\","
	     "\"manager_unit\":\"JSJXY\"}",
	     422, "invalid"},
	    {"{\"code\":\"../../etc/passwd\",\"name\":\"x\",\"kind\":\"server\","
	     "\"manager_unit\":\"JSJXY\"}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"NO-SUCH\"}",
	     422, "not_found"},
	    {"{\"code\":\"T-X\",\"name\":\"a\\u0000b\",\"kind\":\"server\",\"manager_unit\":"
	     "\"JSJXY\"}",
	     400, "bad_request"},
	    {"{\"code\":\"T-X\",\"name\":\"line\\nbreak\",\"kind\":\"server\",\"manager_unit\":"
	     "\"JSJXY\"}",
	     422, "invalid"},
	    {"{\"code\":\"T-X\",\"name\":\"\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\"}", 422,
	     "invalid"},
	    {"{\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\"}", 422, "required"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"graded_on\":\"2026-02-30\"}",
	     422, "invalid"},
	    {"{\"code\":\"AS-PORTAL\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":"
	     "\"JSJXY\"}",
	     409, "conflict"},
	    {"{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"graded_on\":\"3000-01-01\"}",
	     422, "invalid"},
	};
	struct client office;
	long assets = sql_count("SELECT count(*) FROM asset"), before;
	char *big;
	size_t n;

	(void)state;
	login(OFFICE, &office);
	/* a code that exists, for the conflict case */
	call(&office, "POST", "/api/v1/assets",
	     "{\"code\":\"AS-PORTAL\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":"
	     "\"JSJXY\"}");
	expect(201);
	assets++;
	before = sql_count("SELECT count(*) FROM audit_entry WHERE outcome = 'invalid'");
	for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
		call(&office, "POST", "/api/v1/assets", corpus[i].body);
		if (r.status != corpus[i].status || !jstr("error.code") ||
		    strcmp(jstr("error.code"), corpus[i].code) || !jstr("error.message"))
			fail_msg("case %zu %s: %ld %s, want %ld %s", i, corpus[i].body, r.status,
			         r.body, corpus[i].status, corpus[i].code);
	}
	/* a name of 200 Chinese characters (600 bytes) fits its maxLength of 200, as OpenAPI counts
	 * it; 201 do not, and the message counts characters */
	{
		char body[1024], name[700];
		size_t k = 0;

		for (int i = 0; i < 201; i++)
			k += (size_t)snprintf(name + k, sizeof name - k, "名");
		snprintf(body, sizeof body,
		         "{\"code\":\"T-ZH201\",\"name\":\"%s\",\"kind\":\"server\","
		         "\"manager_unit\":\"JSJXY\"}",
		         name);
		call(&office, "POST", "/api/v1/assets", body);
		error_is(422, "invalid");
		assert_non_null(strstr(jstr("error.message"), "(got 201)"));
		name[k - 3] = '\0';
		snprintf(body, sizeof body,
		         "{\"code\":\"T-ZH200\",\"name\":\"%s\",\"kind\":\"server\","
		         "\"manager_unit\":\"JSJXY\"}",
		         name);
		call(&office, "POST", "/api/v1/assets", body);
		expect(201);
		assets++;
	}
	/* far days are refused naming their field, not by the database's CHECK nor wrapped */
	call(&office, "POST", "/api/v1/assets",
	     "{\"code\":\"T-X\",\"name\":\"x\",\"kind\":\"server\",\"manager_unit\":\"JSJXY\","
	     "\"graded_on\":\"3000-01-01\"}");
	error_is(422, "invalid");
	assert_string_equal(jstr("error.field"), "graded_on");
	{
		struct client sys;

		login(SYS, &sys);
		call(&sys, "POST", "/api/v1/tokens",
		     "{\"label\":\"远期\",\"account\":\"t.auditor\","
		     "\"expires_on\":\"9999-12-31\"}");
		error_is(422, "invalid");
		assert_string_equal(jstr("error.field"), "expires_on");
		assert_int_equal(sql_count("SELECT count(*) FROM api_token WHERE label = '远期'"),
		                 0);
	}
	/* invalid UTF-8 */
	{
		const char bad[] = "{\"code\":\"T-X\",\"name\":\"\xff\xfe\",\"kind\":\"server\"}";

		call(&office, "POST", "/api/v1/assets", bad);
		error_is(400, "bad_request");
	}
	/* a huge string, a huge array, an oversize body */
	n = 600 * 1024;
	big = malloc(n + 64);
	assert_non_null(big);
	memcpy(big, "{\"code\":\"T-X\",\"name\":\"", 22);
	memset(big + 22, 'a', n);
	snprintf(big + 22 + n, 64 - 22, "\",\"kind\":\"server\"}");
	call(&office, "POST", "/api/v1/assets", big);
	error_is(422, "invalid");
	free(big);
	n = 2u << 20;
	big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	call(&office, "POST", "/api/v1/assets", big);
	error_is(413, "too_large");
	free(big);
	/* no body, a body that is not JSON */
	call(&office, "POST", "/api/v1/assets", "");
	error_is(400, "bad_request");
	{
		char h1[200], h2[200];
		const char *hs[4] = {h1, h2, "Content-Type: text/plain", NULL};

		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", office.cookie);
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", office.csrf);
		client_req(port, "POST", "/api/v1/assets", "{}", 2, hs, &r);
		assert_int_equal(r.status, 415);
	}
	{
		/* NUL bytes are not white space: a write that takes no body refuses them, and a
		 * sign-out so sent signs nobody out */
		struct client tmp;
		char h1[200], h2[200];
		const char *hs[3] = {h1, h2, NULL};

		login(OFFICE, &tmp);
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", tmp.cookie);
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", tmp.csrf);
		client_req(port, "DELETE", "/api/v1/session", "\0\0", 2, hs, &r);
		assert_int_equal(r.status, 415);
		call(&tmp, "GET", "/api/v1/session", NULL);
		expect(200);
	}
	/* query parameters and path ids */
	call(&office, "GET", "/api/v1/assets?limit=0", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets?limit=99999999999999999999", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets?sort=password", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets?cursor=zz%27%3B--", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets?kind=portal&kind=server", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets?unit=%27%20OR%201%3D1--", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/assets/0", NULL);
	error_is(404, "not_found");
	call(&office, "GET", "/api/v1/assets/-1", NULL);
	error_is(404, "not_found");
	call(&office, "GET", "/api/v1/assets/99999999999999999999999", NULL);
	error_is(404, "not_found");
	call(&office, "GET", "/api/v1/assets/1%27%20OR%201=1", NULL);
	error_is(404, "not_found");
	call(&office, "PATCH", "/api/v1/assets/999999", "{\"name\":\"x\"}");
	error_is(404, "not_found");
	/* a notice's own due date before its receipt */
	call(
	    &office, "POST", "/api/v1/notices",
	    "{\"code\":\"T-DUE\",\"authority\":\"x\",\"received_at\":\"2026-03-02T09:00:00+08:00\","
	    "\"assets\":[\"AS-PORTAL\"],\"due\":\"2026-03-01\"}");
	error_is(422, "invalid");
	assert_string_equal(jstr("error.field"), "due");
	assert_non_null(strstr(jstr("error.message"), "2026-03-01 is before"));
	assert_int_equal(sql_count("SELECT count(*) FROM notice WHERE code = 'T-DUE'"), 0);
	/* workflow refusals: a step out of order is a conflict */
	call(&office, "POST", "/api/v1/incidents/1/decide",
	     "{\"authority\":\"x\",\"date\":\"2099-01-01\",\"outcomes\":[\"T0001=约谈\"]}");
	error_is(422, "invalid");

	register_patches(&office);

	/* nothing was written, and each refusal of a write is on record */
	assert_int_equal(sql_count("SELECT count(*) FROM asset"), assets);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE outcome = 'invalid'") >=
	            before + (long)(sizeof corpus / sizeof *corpus));
}

/* --- the audit log ------------------------------------------------------------------------------
 */

static void audit_log(void **state)
{
	struct client office, aud;
	char out[4096];

	(void)state;
	login(OFFICE, &office);
	call(&office, "PATCH", "/api/v1/assets/1", "{\"name\":\"改名\"}");
	expect(200);
	login(AUD, &aud);
	call(&aud, "GET", "/api/v1/audit?action=asset.update", NULL);
	expect(200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 1);
	{
		json_t *e = json_array_get(json_object_get(j, "items"), 0);

		assert_string_equal(json_string_value(json_object_get(e, "actor")),
		                    acct[OFFICE].name);
		assert_string_equal(json_string_value(json_object_get(e, "ip")), "127.0.0.1");
		assert_string_equal(json_string_value(json_object_get(e, "object")), "asset:1");
		assert_non_null(
		    strstr(json_string_value(json_object_get(e, "before")), "\"name\""));
		assert_non_null(strstr(json_string_value(json_object_get(e, "after")), "改名"));
	}
	/* the log as a spreadsheet: the entries the filters select, newest first; the export is
	 * itself an entry; no one else may export it */
	call(&aud, "GET", "/api/v1/export/audit?action=asset.update", NULL);
	expect(200);
	assert_memory_equal(
	    r.body,
	    "\xEF\xBB\xBF序号,时间,操作者,来源地址,操作,操作名称,对象,结果,变更前,变更后\r\n",
	    strlen(
	        "\xEF\xBB\xBF序号,时间,操作者,来源地址,操作,操作名称,对象,结果,变更前,变更后\r\n"));
	assert_non_null(strstr(r.body, ",asset.update,修改信息系统,asset:1,成功,"));
	assert_non_null(strstr(r.body, "改名"));
	assert_null(strstr(r.body, "session.login"));
	{
		long lines = 0;

		for (const char *p = r.body; (p = strstr(p, "\r\n")); p += 2)
			lines++;
		assert_int_equal(lines - 1, sql_count("SELECT count(*) FROM audit_entry"
		                                      " WHERE action = 'asset.update'"));
	}
	call(&aud, "GET", "/api/v1/export/audit?lang=en&format=xlsx", NULL);
	expect(200);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'audit.export'") >=
	            2);
	call(&aud, "GET", "/api/v1/export/audit?outcome=maybe", NULL);
	error_is(400, "invalid");
	call(&office, "GET", "/api/v1/export/audit", NULL);
	error_is(403, "forbidden");
	/* the audit administrator reads the log and nothing else; reading is itself audited */
	call(&aud, "GET", "/api/v1/assets", NULL);
	error_is(403, "forbidden");
	/* no route deletes or changes entries */
	call(&aud, "DELETE", "/api/v1/audit", NULL);
	assert_int_equal(r.status, 405);
	/* the chain verifies, also from the command line */
	call(&aud, "GET", "/api/v1/audit/verify", NULL);
	expect(200);
	assert_true(json_is_true(json_object_get(j, "intact")));
	client_stop(&pid);
	assert_int_equal(client_sh_out(out, sizeof out, "%s audit verify --db %s", bin, db), 0);
}

/* --- the deadlines kept derived: what an act keeps equals what a rebuild gives ------------------
 */

/* walk_all follows a list's pages from path and writes every item's JSON into out. */
static void walk_all(const struct client *c, const char *path, char *out, size_t n)
{
	char url[512];
	size_t k = 0;

	out[0] = '\0';
	snprintf(url, sizeof url, "%s", path);
	for (;;) {
		json_t *it;
		size_t i;

		call(c, "GET", url, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			char *one = json_dumps(it, JSON_COMPACT | JSON_SORT_KEYS);

			assert_non_null(one);
			assert_true(k + strlen(one) + 2 < n);
			k += (size_t)snprintf(out + k, n - k, "%s\n", one);
			free(one);
		}
		if (!jstr("next"))
			break;
		snprintf(url, sizeof url, "%s%scursor=%s", path, strchr(path, '?') ? "&" : "?",
		         jstr("next"));
	}
}

static long kept_fresh(void)
{
	return sql_count("SELECT (SELECT value FROM meta WHERE key = 'obligations_generation') = "
	                 "(SELECT CAST(n AS TEXT) FROM generation)");
}

static void deadlines_kept(void **state)
{
	static char kept[1 << 18], rebuilt[1 << 18];
	struct client office;
	char body[256], path[64], asset[64];

	(void)state;
	set_times();
	sql(asset, sizeof asset, "SELECT code FROM asset ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	walk_all(&office, "/api/v1/deadlines?limit=50", kept, sizeof kept);
	assert_int_equal(kept_fresh(), 1); /* the first read built them */
	/* records written through the acts keep them: no rebuild, the same list as one */
	snprintf(body, sizeof body,
	         "{\"kind\":\"meeting\",\"unit\":\"IMNU\",\"on\":\"%s\",\"title\":\"专题会议\"}",
	         today);
	call(&office, "POST", "/api/v1/records", body);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/records/%lld", (long long)jint("id"));
	/* one that fulfils a duty not yet done, named by duty and period */
	sql(body, sizeof body,
	    "SELECT json_object('kind', 'other', 'unit', (SELECT code FROM unit WHERE id = "
	    "unit_id),"
	    " 'on', date('now', '+8 hours'), 'title', '补记', 'duty', duty, 'period', period)"
	    " FROM obligation WHERE kind = 'duty' AND unit_id <> 0 AND have < need"
	    " AND start <= date('now', '+8 hours') ORDER BY due LIMIT 1");
	assert_true(body[0] == '{');
	call(&office, "POST", "/api/v1/records", body);
	expect(201);
	call(&office, "PATCH", path, "{\"kind\":\"training\"}");
	expect(200);
	snprintf(body, sizeof body,
	         "{\"code\":\"DK-1\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}", asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	/* so does a change of the register: a system renamed and graded again (its deadlines and
	 * gaps written again, its new name copied into them) */
	sql(body, sizeof body, "SELECT id FROM asset ORDER BY id LIMIT 1");
	snprintf(path, sizeof path, "/api/v1/assets/%lld", atoll(body));
	call(&office, "PATCH", path, "{\"name\":\"改名系统\",\"mlps_level\":3}");
	expect(200);
	assert_int_equal(kept_fresh(), 1);
	walk_all(&office, "/api/v1/deadlines?limit=50", kept, sizeof kept);
	sql(body, sizeof body, "DELETE FROM meta WHERE key = 'obligations_generation'");
	walk_all(&office, "/api/v1/deadlines?limit=50", rebuilt, sizeof rebuilt);
	assert_string_equal(kept, rebuilt);
	/* a write behind the server's back leaves them stale: the next read rebuilds them */
	snprintf(
	    body, sizeof body,
	    "INSERT INTO record (kind, unit_id, on_date, title) SELECT 'plan', id, '%s', '计划'"
	    " FROM unit WHERE code = 'IMNU'",
	    today);
	sql(body, sizeof body, body);
	assert_int_equal(kept_fresh(), 0);
	walk_all(&office, "/api/v1/deadlines?limit=50", kept, sizeof kept);
	assert_int_equal(kept_fresh(), 1);
}

/* --- document numbers (文号) as codes --------------------------------------------------------- */

/* pct writes s percent-encoded as a URL path segment into out. */
static const char *pct(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 4 < n; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			out[k++] = (char)c;
		else
			k += (size_t)snprintf(out + k, n - k, "%%%02X", c);
	}
	out[k] = '\0';
	return out;
}

static void document_numbers(void **state)
{
	struct client office;
	char body[512], path[512], enc[400], asset[64], out[256];
	json_int_t id;

	(void)state;
	set_times();
	sql(asset, sizeof asset, "SELECT code FROM asset ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	/* typed with spaces around it, the full-width one too: kept trimmed */
	snprintf(body, sizeof body,
	         "{\"code\":\"  "
	         "内网信通〔2026〕77号　\",\"authority\":\"市委网信办\",\"assets\":[\"%s\"]}",
	         asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	assert_string_equal(jstr("code"), "内网信通〔2026〕77号");
	id = jint("id");
	/* the same number is the same notice: by its percent-encoded code in the path */
	snprintf(path, sizeof path, "/api/v1/notices/%s",
	         pct("内网信通〔2026〕77号", enc, sizeof enc));
	call(&office, "GET", path, NULL);
	expect(200);
	assert_int_equal(jint("id"), id);
	snprintf(path, sizeof path, "/api/v1/notices/%s/start", enc);
	call(&office, "POST", path, "{}");
	expect(200);
	assert_string_equal(jstr("stage"), "rectifying");
	call(&office, "POST", "/api/v1/notices", body);
	error_is(409, "conflict");
	/* composed and decomposed are one code (NFC); full-width digits are not ASCII ones */
	snprintf(
	    body, sizeof body,
	    "{\"code\":\"Caf\xc3\xa9〔2026〕1号\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}",
	    asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	snprintf(
	    body, sizeof body,
	    "{\"code\":\"Cafe\xcc\x81〔2026〕1号\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}",
	    asset);
	call(&office, "POST", "/api/v1/notices", body);
	error_is(409, "conflict");
	snprintf(
	    body, sizeof body,
	    "{\"code\":\"内网信通〔２０２６〕77号\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}",
	    asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	/* a slash cannot be a segment of a path */
	snprintf(body, sizeof body,
	         "{\"code\":\"内网/2026/1\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}", asset);
	call(&office, "POST", "/api/v1/notices", body);
	error_is(422, "invalid");
	assert_non_null(strstr(jstr("error.message"), "斜杠"));
	/* an incident's number the same way, and the command line finds it by what a clerk types */
	snprintf(
	    body, sizeof body,
	    "{\"code\":\"信息中心〔2026〕事件3号\",\"detected_at\":\"%s\",\"assets\":[\"%s\"]}",
	    hour_ago, asset);
	call(&office, "POST", "/api/v1/incidents", body);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/incidents/%s",
	         pct("信息中心〔2026〕事件3号", enc, sizeof enc));
	call(&office, "GET", path, NULL);
	expect(200);
	assert_non_null(jstr("record.code"));
	assert_string_equal(jstr("record.code"), "信息中心〔2026〕事件3号");
	/* its evidence files by its number too */
	snprintf(path, sizeof path, "/api/v1/incidents/%s/files",
	         pct("信息中心〔2026〕事件3号", enc, sizeof enc));
	call(&office, "GET", path, NULL);
	expect(200);
	assert_true(json_is_array(json_object_get(j, "items")));
	assert_int_equal(
	    client_sh_out(out, sizeof out,
	                  "%s notice show ' 内网信通〔2026〕77号 ' --db %s --json | jq -r .code",
	                  bin, db),
	    0);
	assert_string_equal(out, "内网信通〔2026〕77号\n");
	call(&office, "GET", "/api/v1/notices/0", NULL); /* digits alone are an id */
	error_is(404, "not_found");
}

/* --- 举一反三 in bulk
 * ------------------------------------------------------------------------------- */

static void similar_in_bulk(void **state)
{
	struct client office;
	char body[512], path[64], asset[64], a1[64], a2[64], out[256];
	json_t *sim;
	long listed;

	(void)state;
	set_times();
	/* a system with others of its kind: its notice lists them */
	sql(asset, sizeof asset,
	    "SELECT code FROM asset a WHERE status <> 'retired' AND (SELECT count(*) FROM asset b"
	    " WHERE b.kind = a.kind AND b.status <> 'retired') >= 4 ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	snprintf(body, sizeof body,
	         "{\"code\":\"BULK-1\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}", asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/notices/%lld/checked", (long long)jint("id"));
	sql(a1, sizeof a1,
	    "SELECT a.code FROM notice_similar s JOIN asset a ON a.id = s.asset_id JOIN notice n ON"
	    " n.id = s.notice_id WHERE n.code = 'BULK-1' ORDER BY s.asset_id LIMIT 1");
	sql(a2, sizeof a2,
	    "SELECT a.code FROM notice_similar s JOIN asset a ON a.id = s.asset_id JOIN notice n ON"
	    " n.id = s.notice_id WHERE n.code = 'BULK-1' ORDER BY s.asset_id LIMIT 1 OFFSET 1");
	a1[strcspn(a1, "\n")] = a2[strcspn(a2, "\n")] = '\0';
	listed = sql_count("SELECT similar_listed FROM notice WHERE code = 'BULK-1'");
	assert_true(listed >= 3);
	/* two at once with one note: one act, one entry */
	snprintf(body, sizeof body,
	         "{\"assets\":[\"%s\",\"%s\"],\"by\":\"信息中心\",\"note\":\"同版本已升级\"}", a1,
	         a2);
	call(&office, "POST", path, body);
	expect(200);
	assert_int_equal(jint("similar_checked"), 2);
	assert_int_equal(jint("similar_unchecked"), listed - 2);
	assert_int_equal(sql_count("SELECT json_array_length(after, '$.assets') FROM audit_entry"
	                           " WHERE action = 'notice.checked' ORDER BY seq DESC LIMIT 1"),
	                 2);
	/* one of them again refuses the whole: nothing more is marked */
	call(&office, "POST", path, body);
	error_is(409, "conflict");
	assert_int_equal(sql_count("SELECT similar_open FROM notice WHERE code = 'BULK-1'"),
	                 listed - 2);
	/* ambiguous: a system and all */
	snprintf(body, sizeof body, "{\"asset\":\"%s\",\"all\":true}", a1);
	call(&office, "POST", path, body);
	error_is(422, "invalid");
	/* every one left, from the command line, with the note shown */
	assert_int_equal(client_sh_out(out, sizeof out,
	                               "%s notice checked BULK-1 --all --note 已全部排查 --db %s",
	                               bin, db),
	                 0);
	assert_non_null(strstr(out, "checked"));
	snprintf(body, sizeof body, "/api/v1/notices/%s", "BULK-1");
	call(&office, "GET", body, NULL);
	expect(200);
	assert_int_equal(jint("similar_unchecked"), 0);
	assert_int_equal(jint("similar_checked"), listed);
	sim = json_object_get(j, "similar");
	assert_int_equal(json_array_size(sim), (size_t)listed);
	for (size_t i = 0; i < json_array_size(sim); i++) {
		json_t *k = json_array_get(sim, i);
		const char *code = json_string_value(json_object_get(k, "asset"));

		assert_string_equal(json_string_value(json_object_get(k, "note")),
		                    !strcmp(code, a1) || !strcmp(code, a2) ? "同版本已升级"
		                                                           : "已全部排查");
	}
	call(&office, "POST", path, "{\"all\":true}");
	error_is(409, "conflict");
}

/* --- the organisation's default rectification period --------------------------------------- */

static void default_period(void **state)
{
	struct client office, officer;
	char body[512], asset[64], path[64];

	(void)state;
	set_times();
	sql(asset, sizeof asset, "SELECT code FROM asset ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	login(OFFICER, &officer);
	/* imnu-2022 sets no period: a notice without its own deadline has none */
	call(&office, "GET", "/api/v1/work-settings", NULL);
	expect(200);
	assert_null(jstr("notice_default_workdays"));
	assert_true(json_is_null(json_object_get(j, "policy_rectify_workdays")));
	snprintf(body, sizeof body,
	         "{\"code\":\"DP-1\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}", asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/notices/%lld", (long long)jint("id"));
	assert_true(json_is_null(json_object_get(j, "due")));
	assert_true(json_is_null(json_object_get(j, "due_basis")));
	/* the office sets the organisation's own; a unit's officer may not */
	call(&officer, "PATCH", "/api/v1/work-settings", "{\"notice_default_workdays\":5}");
	error_is(403, "forbidden");
	call(&office, "PATCH", "/api/v1/work-settings", "{\"notice_default_workdays\":0}");
	error_is(422, "invalid");
	call(&office, "PATCH", "/api/v1/work-settings", "{\"notice_default_workdays\":5}");
	expect(200);
	assert_int_equal(jint("notice_default_workdays"), 5);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action ="
	                           " 'settings.notice_default' AND json_extract(after,"
	                           " '$.notice_default_workdays') = 5 AND json_type(before,"
	                           " '$.notice_default_workdays') = 'null'"),
	                 1);
	call(&office, "GET", path, NULL);
	expect(200);
	assert_non_null(jstr("due"));
	assert_string_equal(jstr("due_basis"), "organisation");
	assert_int_equal(jint("workdays_left"), 5); /* received today: five working days left */
	/* a notice's own deadline always wins */
	snprintf(body, sizeof body,
	         "{\"code\":\"DP-2\",\"authority\":\"网信办\",\"assets\":[\"%s\"],\"due\":\"2099-"
	         "01-05\"}",
	         asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	assert_string_equal(jstr("due"), "2099-01-05");
	assert_string_equal(jstr("due_basis"), "notice");
	/* and none again */
	call(&office, "PATCH", "/api/v1/work-settings", "{\"notice_default_workdays\":null}");
	expect(200);
	assert_true(json_is_null(json_object_get(j, "notice_default_workdays")));
	call(&office, "GET", path, NULL);
	expect(200);
	assert_true(json_is_null(json_object_get(j, "due")));
}

/* --- corrections and withdrawals ------------------------------------------------------------- */

static void corrections(void **state)
{
	struct client office, officer;
	char body[512], path[64], asset[64], out[512], rpath[128];
	json_t *fixes;

	(void)state;
	set_times();
	sql(asset, sizeof asset, "SELECT code FROM asset ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	login(OFFICER, &officer);
	snprintf(body, sizeof body,
	         "{\"code\":\"CR-1\",\"authority\":\"市网信办\",\"assets\":[\"%s\"],"
	         "\"received_at\":\"%s\"}",
	         asset, two_hours_ago);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	snprintf(path, sizeof path, "/api/v1/notices/%lld", (long long)jint("id"));
	/* a mistake put right, saying why: a correction, not a step */
	call(&office, "PATCH", path, "{\"authority\":\"市委网信办\"}");
	error_is(422, "required"); /* no reason */
	call(&office, "PATCH", path, "{\"authority\":\"市网信办\",\"reason\":\"核对\"}");
	error_is(422, "invalid"); /* nothing differs */
	snprintf(body, sizeof body,
	         "{\"authority\":\"市委网信办\",\"received_at\":\"%s\",\"due\":\"2099-02-01\","
	         "\"reason\":\"登记时抄错发文单位和接收时间\"}",
	         hour_ago);
	call(&office, "PATCH", path, body);
	expect(200);
	assert_string_equal(jstr("authority"), "市委网信办");
	assert_string_equal(jstr("due_basis"), "notice");
	assert_int_equal(json_array_size(json_object_get(j, "timeline")), 0);
	fixes = json_object_get(j, "corrections");
	assert_int_equal(json_array_size(fixes), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(fixes, 0), "reason")),
	                    "登记时抄错发文单位和接收时间");
	assert_string_equal(
	    json_string_value(json_array_get(
	        json_object_get(json_object_get(json_array_get(fixes, 0), "changes"), "authority"),
	        0)),
	    "市网信办");
	assert_int_equal(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action ="
	              " 'notice.correct' AND json_extract(before, '$.authority') ="
	              " '市网信办' AND json_extract(after, '$.authority') = '市委网信办'"),
	    1);
	/* a unit's officer may not; after feedback the receipt time stays */
	call(&officer, "PATCH", path, "{\"authority\":\"x\",\"reason\":\"y\"}");
	error_is(403, "forbidden");
	for (size_t k = 0; k < 2; k++) {
		snprintf(rpath, sizeof rpath, "%s/%s", path, k ? "feedback" : "rectify");
		call(&office, "POST", rpath, "{}");
		expect(200);
	}
	snprintf(body, sizeof body, "{\"received_at\":\"%s\",\"reason\":\"再改\"}", two_hours_ago);
	call(&office, "PATCH", path, body);
	error_is(422, "invalid");
	assert_string_equal(jstr("error.field"), "received_at");
	/* the command line, the same act */
	assert_int_equal(
	    client_sh_out(out, sizeof out,
	                  "%s notice edit CR-1 --category 漏洞 --reason 补充类别 --db %s", bin, db),
	    0);
	assert_int_equal(sql_count("SELECT count(*) FROM correction c JOIN notice n ON n.id ="
	                           " c.object_id WHERE c.object = 'notice' AND n.code = 'CR-1'"),
	                 2);
	/* a record made in error: withdrawn with its reason, never deleted, answers nothing */
	snprintf(body, sizeof body,
	         "{\"kind\":\"meeting\",\"unit\":\"IMNU\",\"on\":\"%s\",\"title\":\"误录的会议\"}",
	         today);
	call(&office, "POST", "/api/v1/records", body);
	expect(201);
	snprintf(rpath, sizeof rpath, "/api/v1/records/%lld/void", (long long)jint("id"));
	call(&office, "POST", rpath, "{}");
	error_is(422, "required");
	call(&office, "POST", rpath, "{\"reason\":\"重复登记\"}");
	expect(200);
	assert_string_equal(jstr("voided.reason"), "重复登记");
	call(&office, "POST", rpath, "{\"reason\":\"再次\"}");
	error_is(409, "conflict");
	snprintf(rpath, sizeof rpath, "/api/v1/records/%lld", (long long)jint("id"));
	assert_int_equal(sql_count("SELECT count(*) FROM record WHERE title = '误录的会议'"), 1);
	assert_int_equal(sql_count("SELECT count(*) FROM obligation WHERE evidence LIKE '%' ||"
	                           " (SELECT id FROM record WHERE title = '误录的会议') || '%'"),
	                 0);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'record.void'"
	                           " AND outcome = 'ok' AND object = 'record:' || (SELECT id FROM"
	                           " record WHERE title = '误录的会议')"),
	                 1);
	/* the database keeps corrections as they were made */
	assert_int_not_equal(
	    client_sh_out(out, sizeof out, "sqlite3 %s \"DELETE FROM correction\" 2>&1", db), 0);
	assert_non_null(strstr(out, "kept as it was made"));
}

/* --- the dashboard and the gaps: counted as the lists count ---------------------------------- */

/* count_items walks a list page by page and counts its items whose `key` is `value` (NULL: all). */
static long count_items(const struct client *c, const char *path, const char *key,
                        const char *value)
{
	char url[512];
	long n = 0;

	snprintf(url, sizeof url, "%s", path);
	for (;;) {
		json_t *it;
		size_t i;

		call(c, "GET", url, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			const char *v = key ? json_string_value(json_object_get(it, key)) : NULL;

			n += !key || (v && !strcmp(v, value));
		}
		if (!jstr("next"))
			return n;
		snprintf(url, sizeof url, "%s%scursor=%s", path, strchr(path, '?') ? "&" : "?",
		         jstr("next"));
	}
}

/* summary_int: sum.a.b, or sum.a.b.c (not inlined: GCC then takes a NULL c for a NULL
 * string handed on to snprintf). */
__attribute__((noinline)) static long summary_int(json_t *sum, const char *a, const char *b,
                                                  const char *c)
{
	json_t *v = json_object_get(json_object_get(sum, a), b);

	return (long)json_integer_value(c ? json_object_get(v, c) : v);
}

static void summary_counts(void **state)
{
	static const char *const states[] = {"open",         "due_today", "overdue",
	                                     "done_on_time", "done_late", "no_deadline"};
	static const char *const rules[] = {"role.missing", "role.overlap",    "asset.unanswered",
	                                    "mlps.unfiled", "mlps.unassessed", "budget.low"};
	struct client office, officer;
	char path[128], out[64];
	long gaps = 0;
	json_t *sum, *off;

	(void)state;
	set_times();
	login(OFFICE, &office);
	login(OFFICER, &officer);
	call(&office, "GET", "/api/v1/summary", NULL);
	expect(200);
	sum = json_incref(j);
	call(&officer, "GET", "/api/v1/summary", NULL);
	expect(200);
	off = json_incref(j);
	assert_int_equal(summary_int(sum, "notices", "total", NULL),
	                 count_items(&office, "/api/v1/notices?limit=3", NULL, NULL));
	assert_int_equal(summary_int(sum, "incidents", "total", NULL),
	                 count_items(&office, "/api/v1/incidents?limit=3", NULL, NULL));
	/* the officer's scope is smaller, and counted the same way */
	assert_int_equal(summary_int(off, "notices", "total", NULL),
	                 count_items(&officer, "/api/v1/notices?limit=3", NULL, NULL));
	assert_true(summary_int(off, "notices", "total", NULL) <
	            summary_int(sum, "notices", "total", NULL));
	for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
		const char *st = states[i];
		long duty, filing;

		snprintf(path, sizeof path, "/api/v1/notices?limit=4&state=%s", st);
		assert_int_equal(summary_int(sum, "notices", "by_state", st),
		                 count_items(&office, path, NULL, NULL));
		snprintf(path, sizeof path, "/api/v1/deadlines?limit=40&state=%s", st);
		duty = count_items(&office, path, "kind", "duty");
		filing = count_items(&office, path, "kind", "mlps_filing");
		assert_int_equal(summary_int(sum, "obligations", "duty", st), duty);
		assert_int_equal(summary_int(sum, "obligations", "mlps_filing", st), filing);
	}
	assert_true(summary_int(sum, "notices", "by_state", "overdue") > 0); /* the demo has some */
	/* overdue deadlines are working days past their due date (0 when only rest days passed),
	 * open ones have days left */
	call(&office, "GET", "/api/v1/deadlines?limit=1&state=overdue", NULL);
	expect(200);
	assert_true(jget("items.0.workdays_left") && jint("items.0.workdays_left") <= 0);
	call(&office, "GET", "/api/v1/deadlines?limit=1&state=open", NULL);
	expect(200);
	assert_true(jget("items.0.workdays_left") && jint("items.0.workdays_left") >= 0);
	call(&office, "GET", "/api/v1/notices?limit=1&state=overdue", NULL);
	expect(200);
	assert_true(jget("items.0.workdays_left") && jint("items.0.workdays_left") <= 0);
	assert_int_equal(
	    json_array_size(json_object_get(json_object_get(sum, "notices"), "overdue")),
	    summary_int(sum, "notices", "by_state", "overdue"));
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		snprintf(path, sizeof path, "/api/v1/gaps?limit=5&rule=%s", rules[i]);
		assert_int_equal(
		    json_integer_value(json_object_get(json_object_get(sum, "gaps"), rules[i])),
		    count_items(&office, path, NULL, NULL));
		gaps += (long)json_integer_value(
		    json_object_get(json_object_get(sum, "gaps"), rules[i]));
	}
	/* the kept gaps are exactly what `cyberduty check` finds over the whole register */
	assert_int_equal(count_items(&office, "/api/v1/gaps?limit=7", NULL, NULL), gaps);
	assert_true(gaps > 0);
	assert_int_equal(
	    client_sh_out(out, sizeof out, "%s check --db %s --json | jq .count", bin, db), 0);
	assert_int_equal(atol(out), gaps);
	json_decref(sum);
	json_decref(off);
}

/* --- one act, one entry: the API and the command line write the same audit entry ------------- */

/* shape_of: the action and the sorted keys of `before` and of `after` of the newest entry of
 * `action` ("-" for none). */
static void shape_of(const char *action, const char *object_like, char *out, size_t n)
{
	char stmt[640];

	snprintf(
	    stmt, sizeof stmt,
	    "SELECT action || ' ' || ifnull((SELECT group_concat(key) FROM (SELECT key FROM "
	    "json_each(before) ORDER BY key)), '-') || ' ' || ifnull((SELECT group_concat(key) "
	    "FROM (SELECT key FROM json_each(after) ORDER BY key)), '-') FROM audit_entry WHERE "
	    "action = '%s' AND object LIKE '%s' ORDER BY seq DESC LIMIT 1",
	    action, object_like);
	sql(out, n, stmt);
}

static void one_act_one_entry(void **state)
{
	struct client office;
	char asset[64], body[512], api[256], cli[256], out[1024];

	(void)state;
	sql(asset, sizeof asset, "SELECT code FROM asset ORDER BY id LIMIT 1");
	asset[strcspn(asset, "\n")] = '\0';
	login(OFFICE, &office);
	snprintf(body, sizeof body,
	         "{\"code\":\"API-N-1\",\"authority\":\"网信办\",\"assets\":[\"%s\"]}", asset);
	call(&office, "POST", "/api/v1/notices", body);
	expect(201);
	shape_of("notice.create", "notice:%", api, sizeof api);
	assert_int_equal(client_sh_out(out, sizeof out,
	                               "%s notice add --db %s --code CLI-N-1 --authority 网信办 "
	                               "--asset %s",
	                               bin, db, asset),
	                 0);
	shape_of("notice.create", "notice:%", cli, sizeof cli);
	assert_string_equal(api, cli);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE action = 'notice.create' AND "
	                      "json_extract(after, '$.code') IN ('API-N-1', 'CLI-N-1')") == 2);

	call(&office, "POST", "/api/v1/records",
	     "{\"kind\":\"meeting\",\"unit\":\"IMNU\",\"on\":\"2026-01-05\",\"title\":\"专题会\"}");
	expect(201);
	shape_of("record.create", "record:%", api, sizeof api);
	assert_int_equal(
	    client_sh_out(out, sizeof out,
	                  "%s record meeting --db %s --unit IMNU --date 2026-01-06 --title 专题会",
	                  bin, db),
	    0);
	shape_of("record.create", "record:%", cli, sizeof cli);
	assert_string_equal(api, cli);

	snprintf(body, sizeof body,
	         "{\"code\":\"API-INC-1\",\"detected_at\":\"2026-01-05T09:00:00+08:00\","
	         "\"assets\":[\"%s\"]}",
	         asset);
	call(&office, "POST", "/api/v1/incidents", body);
	expect(201);
	shape_of("incident.create", "incident:%", api, sizeof api);
	assert_int_equal(client_sh_out(out, sizeof out,
	                               "%s incident add CLI-INC-1 --db %s --asset %s --detected "
	                               "'2026-01-05 10:00'",
	                               bin, db, asset),
	                 0);
	shape_of("incident.create", "incident:%", cli, sizeof cli);
	assert_string_equal(api, cli);

	/* the register: an IT project, added by the API and by `project add` */
	call(&office, "POST", "/api/v1/projects",
	     "{\"code\":\"API-PRJ-1\",\"name\":\"平台\",\"unit\":\"IMNU\",\"year\":2026,"
	     "\"total\":1000,\"security\":60}");
	expect(201);
	shape_of("project.create", "project:%", api, sizeof api);
	assert_int_equal(
	    client_sh_out(out, sizeof out,
	                  "%s project add --db %s --code CLI-PRJ-1 --name 平台 --unit IMNU "
	                  "--year 2026 --total 1000 --security 60",
	                  bin, db),
	    0);
	shape_of("project.create", "project:%", cli, sizeof cli);
	assert_string_equal(api, cli);
	assert_true(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action = 'project.create' AND "
	              "json_extract(after, '$.code') IN ('API-PRJ-1', 'CLI-PRJ-1')") == 2);
	/* the whole chain, with entries of both, still verifies */
	client_stop(&pid);
	assert_int_equal(client_sh_out(out, sizeof out, "%s audit verify --db %s", bin, db), 0);
}

/* The administrators' acts: the system and security administrators in the API and the operator
 * on the host write the same action with the same before and after keys (account.create,
 * account.role, account.update, token.create, settings.update). */
#define CLI_ADMIN_ENTRIES                                                                          \
	"SELECT count(*) FROM audit_entry WHERE actor LIKE 'cli:%' AND action IN "                 \
	"('account.create', 'account.role', 'account.update', 'token.create', "                    \
	"'settings.update')"

static void admin_acts_one_entry(void **state)
{
	static const struct {
		const char *action, *object;
	} acts[] = {
	    {"account.create", "account:%"}, {"account.role", "account:%"},
	    {"account.update", "account:%"}, {"token.create", "token:%"},
	    {"settings.update", "settings"},
	};
	struct client sys, sec;
	char path[96], api[5][512], cli[512], out[1024];
	long long id;
	long n;

	(void)state;
	n = sql_count(CLI_ADMIN_ENTRIES);
	login(SYS, &sys);
	login(SEC, &sec);
	call(&sys, "POST", "/api/v1/accounts", "{\"name\":\"api.new\"}");
	expect(201);
	id = (long long)jint("id");
	shape_of(acts[0].action, acts[0].object, api[0], sizeof api[0]);
	snprintf(path, sizeof path, "/api/v1/accounts/%lld/role", id);
	call(&sec, "PUT", path, "{\"role\":\"officer\",\"unit\":\"JSJXY\"}");
	expect(200);
	shape_of(acts[1].action, acts[1].object, api[1], sizeof api[1]);
	snprintf(path, sizeof path, "/api/v1/accounts/%lld", id);
	call(&sys, "PATCH", path, "{\"locked\":true}");
	expect(200);
	shape_of(acts[2].action, acts[2].object, api[2], sizeof api[2]);
	call(&sys, "POST", "/api/v1/tokens", "{\"label\":\"监测平台\",\"account\":\"t.office\"}");
	expect(201);
	shape_of(acts[3].action, acts[3].object, api[3], sizeof api[3]);
	call(&sys, "PATCH", "/api/v1/settings", "{\"lockout_failures\":6}");
	expect(200);
	shape_of(acts[4].action, acts[4].object, api[4], sizeof api[4]);

	assert_int_equal(
	    client_sh_out(out, sizeof out, "%s user add cli.new --role none --db %s", bin, db), 0);
	assert_int_equal(client_sh_out(out, sizeof out,
	                               "%s user role cli.new officer --unit JSJXY --db %s", bin,
	                               db),
	                 0);
	assert_int_equal(client_sh_out(out, sizeof out, "%s user lock cli.new --db %s", bin, db),
	                 0);
	assert_int_equal(
	    client_sh_out(out, sizeof out,
	                  "%s token create --account t.office --label 监测平台 --db %s", bin, db),
	    0);
	assert_int_equal(
	    client_sh_out(out, sizeof out, "%s settings lockout_failures 7 --db %s", bin, db), 0);
	for (size_t i = 0; i < sizeof acts / sizeof *acts; i++) {
		shape_of(acts[i].action, acts[i].object, cli, sizeof cli);
		assert_string_equal(api[i], cli);
	}
	/* one entry for each of the command line's acts, and no secret in any */
	assert_true(sql_count(CLI_ADMIN_ENTRIES) == n + 5);
	assert_true(sql_count("SELECT count(*) FROM audit_entry WHERE after LIKE '%cdt\\_%' "
	                      "ESCAPE '\\'") == 0);
	client_stop(&pid);
	assert_int_equal(client_sh_out(out, sizeof out, "%s audit verify --db %s", bin, db), 0);
}

/* --- TLS: HSTS and a Secure cookie --------------------------------------------------------------
 */

static void tls(void **state)
{
	char cert[600], key[600], out[700], url[128], cookie[512] = "", v[256];
	const char *body = "{\"name\":\"t.office\",\"password\":\"" PASSWORD "\"}";
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	unsigned tport;
	pid_t tpid = -1;
	CURL *c;

	(void)state;
	client_stop(&pid); /* the plain server of the fixture is not needed */
	snprintf(cert, sizeof cert, "%s.cert.pem", db);
	snprintf(key, sizeof key, "%s.key.pem", db);
	snprintf(out, sizeof out, "%s.tls.out", db);
	assert_int_equal(
	    client_sh("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
	              "-nodes -days 2 -subj /CN=127.0.0.1 -keyout %s -out %s 2>/dev/null",
	              key, cert),
	    0);
	tport = client_serve_tls(bin, db, out, &tpid, cert, key);
	assert_true(tport > 0);
	snprintf(url, sizeof url, "https://127.0.0.1:%u/api/v1/session", tport);
	assert_non_null(c = curl_easy_init());
	reply_free(&r);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L); /* a self-signed certificate */
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, client_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, client_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	client_stop(&tpid);
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(strstr(cookie, "; Secure"));
	assert_non_null(client_header(&r, "Strict-Transport-Security", v, sizeof v));
	unlink(cert);
	unlink(key);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(happy_paths, start, session_end),
	    cmocka_unit_test_setup_teardown(incident_timeline, start, session_end),
	    cmocka_unit_test_setup_teardown(kept_answers, start, session_end),
	    cmocka_unit_test_setup_teardown(permission_matrix, start, session_end),
	    cmocka_unit_test_setup_teardown(scope, start, session_end),
	    cmocka_unit_test_setup_teardown(unit_tree, start, session_end),
	    cmocka_unit_test_setup_teardown(duty_term, start, session_end),
	    cmocka_unit_test_setup_teardown(csrf, start, session_end),
	    cmocka_unit_test_setup_teardown(sessions, start, session_end),
	    cmocka_unit_test_setup_teardown(lockout, start, session_end),
	    cmocka_unit_test_setup_teardown(admins_not_locked_out, start, session_end),
	    cmocka_unit_test_setup_teardown(second_factor, start, session_end),
	    cmocka_unit_test_setup_teardown(password_age, start, session_end),
	    cmocka_unit_test_setup_teardown(bad_inputs, start, session_end),
	    cmocka_unit_test_setup_teardown(import_errors, start, session_end),
	    cmocka_unit_test_setup_teardown(audit_log, start, session_end),
	    cmocka_unit_test_setup_teardown(one_act_one_entry, start, session_end),
	    cmocka_unit_test_setup_teardown(admin_acts_one_entry, start, session_end),
	    cmocka_unit_test_setup_teardown(deadlines_kept, start, session_end),
	    cmocka_unit_test_setup_teardown(summary_counts, start, session_end),
	    cmocka_unit_test_setup_teardown(document_numbers, start, session_end),
	    cmocka_unit_test_setup_teardown(similar_in_bulk, start, session_end),
	    cmocka_unit_test_setup_teardown(default_period, start, session_end),
	    cmocka_unit_test_setup_teardown(corrections, start, session_end),
	    cmocka_unit_test_setup_teardown(tls, start, session_end),
	    cmocka_unit_test_setup_teardown(evidence, start, session_end),
	};
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	oath_init();
	rc = cmocka_run_group_tests(tests, make_template, drop_template);
	oath_done();
	curl_global_cleanup();
	return rc;
}
