/* test_i18n.c — the API in Chinese and in English: the real `cyberduty serve` over a demo
 * database (内蒙古师范大学, imnu-2022). Without Accept-Language (or with zh) a person reads
 * Chinese; with `Accept-Language: en` English; the machine codes (error codes, enumeration
 * values) are the same in both, the labels beside them in the caller's language; an open
 * question answered 是 and 不确定; a time given as people write it. argv[1]: the binary. */
#include "client.h"

#include <jansson.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;
static char cookie[128], csrf[64];

static struct reply r;
static json_t *j;

/* call makes a request as the signed-in office (when signed), in language lang: NULL sends no
 * Accept-Language at all (the default: Chinese), else the header's value. */
static void call(const char *lang, const char *method, const char *path, const char *body)
{
	char h1[200], h2[200], h3[200];
	const char *hs[6];
	size_t n = 0;

	if (cookie[0]) {
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", cookie);
		hs[n++] = h1;
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", csrf);
		hs[n++] = h2;
	}
	/* client_req asks for English unless the request names a language: "Accept-Language:"
	 * with no value sends none (curl leaves out a header given without one) */
	snprintf(h3, sizeof h3, "Accept-Language:%s%s", lang ? " " : "", lang ? lang : "");
	hs[n++] = h3;
	if (body)
		hs[n++] = "Content-Type: application/json";
	hs[n] = NULL;
	client_req(port, method, path, body, body ? strlen(body) : 0, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
	if (!j)
		fail_msg("%s %s: not JSON: %s", method, path, r.body);
}

static const char *jstr(const char *path)
{
	json_t *v = j;
	char key[64];

	for (const char *p = path; v && *p;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);

		snprintf(key, sizeof key, "%.*s", (int)n, p);
		v = json_is_array(v) ? json_array_get(v, strtoul(key, NULL, 10))
				     : json_object_get(v, key);
		p = dot ? dot + 1 : p + n;
	}
	return json_string_value(v);
}

/* error_is: the last reply is this status and code, and its message is msg. */
static void error_is(long status, const char *code, const char *msg)
{
	if (r.status != status || !jstr("error.code") || strcmp(jstr("error.code"), code) ||
	    !jstr("error.message") || strcmp(jstr("error.message"), msg))
		fail_msg("want %ld %s \"%s\", got %ld: %s", status, code, msg, r.status, r.body);
}

static int setup(void **state)
{
	char pw[] = "{\"name\":\"office\",\"password\":\"Bangongshi#2026\"}", c[512];
	const char *p;

	(void)state;
	tmp_db(db, sizeof db, "i18n");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	if (client_sh("%s demo --db %s --profile imnu-2022 >/dev/null", bin, db))
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	if (!port)
		return -1;
	cookie[0] = '\0';
	call("zh-CN", "POST", "/api/v1/session", pw);
	if (r.status != 201 || !client_header(&r, "Set-Cookie", c, sizeof c) ||
	    !(p = strstr(c, "cd_session=")) || !jstr("csrf"))
		return -1;
	snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	snprintf(csrf, sizeof csrf, "%s", jstr("csrf"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_stop(&pid);
	json_decref(j);
	j = NULL;
	reply_free(&r);
	return 0;
}

/* the same refusal in each language, with the same code */
static void error_each_language(void **state)
{
	char saved[128];

	(void)state;
	call(NULL, "GET", "/api/v1/notices/NOPE", NULL);
	error_is(404, "not_found", "未找到通报 NOPE");
	call("zh-CN,zh;q=0.9,en;q=0.8", "GET", "/api/v1/notices/NOPE", NULL);
	error_is(404, "not_found", "未找到通报 NOPE");
	call("en-GB,en;q=0.9", "GET", "/api/v1/notices/NOPE", NULL);
	error_is(404, "not_found", "no notice NOPE");
	/* a field's refusal keeps the value the caller sent inside the sentence */
	call(NULL, "POST", "/api/v1/notices",
	     "{\"code\":\"内网信通〔2026〕9号\",\"authority\":\"网信办\",\"assets\":[\"WWW\"],"
	     "\"received_at\":\"明天上午\"}");
	error_is(422, "invalid",
		 "received_at: 时间格式应为 YYYY-MM-DDTHH:MM[:SS] 并带 Z 或时区（如 +08:00），或 "
		 "2026年12月3日 14:05（收到“明天上午”）");
	if (strcmp(jstr("error.field"), "received_at"))
		fail_msg("field: %s", r.body);
	call("en", "POST", "/api/v1/notices",
	     "{\"code\":\"内网信通〔2026〕9号\",\"authority\":\"网信办\",\"assets\":[\"WWW\"],"
	     "\"received_at\":\"明天上午\"}");
	error_is(422, "invalid",
		 "received_at: give a time as YYYY-MM-DDTHH:MM[:SS] with Z or an offset such as "
		 "+08:00 (got \"明天上午\")");
	/* before any sign-in */
	snprintf(saved, sizeof saved, "%s", cookie);
	cookie[0] = '\0';
	call(NULL, "GET", "/api/v1/notices", NULL);
	error_is(401, "unauthenticated", "请先登录（POST /api/v1/session）或提供令牌");
	call("en", "GET", "/api/v1/notices", NULL);
	error_is(401, "unauthenticated",
		 "sign in first (POST /api/v1/session) or give a bearer token");
	snprintf(cookie, sizeof cookie, "%s", saved);
}

/* a list: the codes the same, the labels in the caller's language */
static void labels_each_language(void **state)
{
	const char *code, *state_zh, *stage_zh;
	char first[128], st[32];

	(void)state;
	call(NULL, "GET", "/api/v1/notices?limit=50", NULL);
	assert_int_equal(r.status, 200);
	for (size_t i = 0; (code = jstr("items.0.code")) && i < 1; i++) {
		snprintf(first, sizeof first, "%s", code);
		snprintf(st, sizeof st, "%s", jstr("items.0.state"));
	}
	assert_string_equal(first, "示例通报〔2026〕1号");
	assert_string_equal(st, "done_on_time");
	state_zh = jstr("items.0.state_label");
	stage_zh = jstr("items.0.stage_label");
	assert_non_null(state_zh);
	assert_string_equal(state_zh, "按时完成");
	assert_string_equal(jstr("items.0.stage"), "verified");
	assert_string_equal(stage_zh, "已核查");
	call("en", "GET", "/api/v1/notices?limit=50", NULL);
	assert_string_equal(jstr("items.0.state"), "done_on_time");
	assert_string_equal(jstr("items.0.state_label"), "done on time");
	assert_string_equal(jstr("items.0.stage_label"), "verified");
	/* the systems' status, whose answers are written straight as text */
	call(NULL, "GET", "/api/v1/assets?limit=1&status=live", NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr("items.0.status"), "live");
	assert_string_equal(jstr("items.0.status_label"), "运行");
	call("en", "GET", "/api/v1/assets?limit=1&status=live", NULL);
	assert_string_equal(jstr("items.0.status_label"), "live");
	/* an overdue notice of the demo reads 已逾期 */
	call(NULL, "GET", "/api/v1/notices?state=overdue", NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr("items.0.state"), "overdue");
	assert_string_equal(jstr("items.0.state_label"), "已逾期");
	call("en", "GET", "/api/v1/notices?state=overdue", NULL);
	assert_string_equal(jstr("items.0.state_label"), "overdue");
}

/* an open question answered 是, then 不确定; the facts and questions named in Chinese */
static void answer_in_chinese(void **state)
{
	json_t *f;

	(void)state;
	call(NULL, "GET", "/api/v1/incidents/1", NULL);
	assert_int_equal(r.status, 200);
	assert_string_equal(jstr("triggers.0.state"), "needs_judgement");
	assert_string_equal(jstr("triggers.0.state_label"), "待认定");
	assert_string_equal(jstr("triggers.0.missing_facts.0"), "tampered");
	assert_string_equal(jstr("triggers.0.missing_facts_labels.0"), "被攻击篡改");
	call(NULL, "POST", "/api/v1/incidents/1/answers",
	     "{\"fact\":\"tampered\",\"value\":\"是\",\"note\":\"现场核实，首页被篡改\"}");
	assert_int_equal(r.status, 200);
	f = json_object_get(json_object_get(j, "facts"), "tampered");
	assert_true(json_is_true(json_object_get(f, "value")));
	assert_string_equal(json_string_value(json_object_get(f, "label")), "被攻击篡改");
	/* the fact by its Chinese label, answered 不确定: unknown again */
	call(NULL, "POST", "/api/v1/incidents/1/answers",
	     "{\"fact\":\"被攻击篡改\",\"value\":\"不确定\",\"note\":\"待技术部门复核\"}");
	assert_int_equal(r.status, 200);
	f = json_object_get(json_object_get(j, "facts"), "tampered");
	assert_true(json_is_null(json_object_get(f, "value")));
	assert_string_equal(jstr("triggers.0.missing_facts_labels.0"), "被攻击篡改");
	/* 否 is false; a word that is none of them is refused in the caller's language */
	call(NULL, "POST", "/api/v1/incidents/1/answers",
	     "{\"fact\":\"tampered\",\"value\":\"否\",\"note\":\"经核查未被篡改\"}");
	assert_int_equal(r.status, 200);
	f = json_object_get(json_object_get(j, "facts"), "tampered");
	assert_true(json_is_false(json_object_get(f, "value")));
	call(NULL, "POST", "/api/v1/incidents/1/answers",
	     "{\"fact\":\"tampered\",\"value\":\"也许\",\"note\":\"说不准\"}");
	assert_int_equal(r.status, 422);
	assert_string_equal(jstr("error.code"), "invalid");
	assert_non_null(strstr(jstr("error.message"), "tampered: “也许”应为 是、否 或 不确定"));
	call("en", "POST", "/api/v1/incidents/1/answers",
	     "{\"fact\":\"tampered\",\"value\":\"也许\",\"note\":\"说不准\"}");
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(jstr("error.message"), "tampered: \"也许\" is not true or false"));
	/* the timeline keeps the engine's words */
	assert_int_equal(client_sh("sqlite3 %s \"SELECT value FROM incident_event WHERE name = "
				   "'tampered' ORDER BY id\" | tr '\\n' ' ' | grep -qx 'true  false '",
				   db),
			 0);
}

/* a time given as people write it, read in China Standard Time */
static void chinese_time_in(void **state)
{
	(void)state;
	call(NULL, "POST", "/api/v1/notices",
	     "{\"code\":\"内网信通〔2026〕77号\",\"authority\":\"自治区网信办\",\"assets\":[\"WWW\"],"
	     "\"received_at\":\"2026年11月3日 9:30\"}");
	if (r.status != 201)
		fail_msg("%ld: %s", r.status, r.body);
	assert_string_equal(jstr("received_at"), "2026-11-03T09:30:00+08:00");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_each_language),
		cmocka_unit_test(labels_each_language),
		cmocka_unit_test(answer_in_chinese),
		cmocka_unit_test(chinese_time_in),
	};
	int rc;

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
