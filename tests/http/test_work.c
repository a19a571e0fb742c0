/* test_work.c — the acts the web pages of the daily work added to the API: the unit leader's
 * approval of a notice's feedback before it is sent (请示报告, IMNU 第十二条（三）;
 * POST /api/v1/notices/{id}/approve and `cyberduty notice approve`), and what an incident's
 * page draws (a trigger's article text, the chain's names), the systems' filing and assessment
 * filters of the list and the export, and an incident's corrections (PATCH /api/v1/incidents/{id},
 * `cyberduty incident edit`). The real `cyberduty serve`
 * on a fresh demo database, driven with libcurl. argv[1]: the binary. */
#include "session.h"

static int start(void **state)
{
	(void)state;
	static int n;

	tmp_db(db, sizeof db, "work");
	/* one server log a test: a log of the last test's server would tell its port */
	snprintf(out_path, sizeof out_path, "%s.%d.out", db, ++n);
	/* the demo's sign-ins (src/demo/demo_accounts.c), and a unit leader of another unit */
	if (client_sh("%s demo --db %s >/dev/null", bin, db) ||
	    client_sh("%s user add t.ul2 --role unit_leader --unit MSXY --db %s >/dev/null", bin,
	              db) ||
	    client_sh(
	        "printf '%%s\\n' 'Cyberduty-Test-2026!' | %s user passwd t.ul2 --db %s >/dev/null",
	        bin, db))
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
}

/* the last event of the notice in the last reply */
static json_t *last_event(void)
{
	json_t *tl = json_object_get(j, "timeline");

	return json_array_get(tl, json_array_size(tl) - 1);
}

/* The unit leader approves the feedback once rectified and before it is sent; nobody else may,
 * never twice, never out of order; the step is in the timeline, the audit log and the notice. */
static void notice_approval(void **state)
{
	struct client office, officer, leader, other;
	char path[256];
	json_t *e;

	(void)state;
	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	sign_in_as("unit-leader", "Fuzeren#2026a", NULL, &leader);
	sign_in_as("t.ul2", "Cyberduty-Test-2026!", NULL, &other);
	call(&office, "POST", "/api/v1/notices",
	     "{\"code\":\"内网信通〔2026〕77号\",\"authority\":\"自治区党委网信办\","
	     "\"assets\":[\"WWW\"],\"category\":\"网页篡改\"}");
	expect(201);
	assert_true(json_is_null(json_object_get(j, "approved_at")));
	snprintf(path, sizeof path, "/api/v1/notices/%lld/approve",
	         (long long)json_integer_value(json_object_get(j, "id")));

	call(&leader, "POST", path, "{}"); /* nothing rectified yet to approve */
	expect(409);
	call(&officer, "POST",
	     "/api/v1/notices/%E5%86%85%E7%BD%91%E4%BF%A1%E9%80%9A%E3%80%942026"
	     "%E3%80%9577%E5%8F%B7/rectify",
	     "{\"note\":\"已修补上传漏洞\"}");
	expect(200);
	assert_string_equal(jstr("stage"), "rectified");

	call(&officer, "POST", path, "{}"); /* the officer may not approve their own feedback */
	expect(403);
	call(&office, "POST", path, "{}"); /* nor the office: the unit leader's act */
	expect(403);
	call(&other, "POST", path, "{}"); /* a unit leader elsewhere does not see the notice */
	expect(404);
	call(&leader, "POST", path, "{\"note\":\"同意反馈\",\"by\":\"单位负责人\",\"zz\":1}");
	expect(422);

	call(&leader, "POST", path, "{\"note\":\"同意反馈\",\"by\":\"单位负责人\"}");
	expect(200);
	assert_string_equal(jstr("stage"), "rectified"); /* approval is no stage of its own */
	assert_non_null(jstr("approved_at"));
	assert_string_equal(jstr("approved_by"), "单位负责人");
	call(&leader, "POST", path, "{}"); /* twice */
	expect(409);

	snprintf(path + strlen(path) - strlen("approve"), 16, "feedback");
	call(&officer, "POST", path, "{\"note\":\"整改报告已报送\"}");
	expect(200);
	assert_string_equal(jstr("stage"), "feedback_sent");
	path[strlen(path) - strlen("/feedback")] = '\0';
	call(&office, "GET", path, NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "timeline")), 3);
	e = json_array_get(json_object_get(j, "timeline"), 1);
	assert_string_equal(json_string_value(json_object_get(e, "event")), "approve");
	assert_string_equal(json_string_value(json_object_get(e, "note")), "同意反馈");
	e = last_event();
	assert_string_equal(json_string_value(json_object_get(e, "event")), "feedback");

	/* once the feedback went, there is nothing left to approve */
	snprintf(path + strlen(path), sizeof path - strlen(path), "/approve");
	call(&leader, "POST", path, "{}");
	expect(409);
	assert_int_equal(
	    client_sh(
	        "sqlite3 %s \"SELECT count(*) FROM audit_entry WHERE action = 'notice.approve' "
	        "AND outcome = 'ok'\" | grep -qx 1",
	        db),
	    0);
}

/* `cyberduty notice approve` is the same act from the command line. */
static void notice_approval_cli(void **state)
{
	(void)state;
	assert_int_equal(
	    client_sh("%s notice add --code CLI-TB-1 --authority 网信办 --asset NEWS --db %s "
	              ">/dev/null && %s notice rectify CLI-TB-1 --note 已整改 --db %s >/dev/null",
	              bin, db, bin, db),
	    0);
	assert_int_equal(
	    client_sh("%s notice approve CLI-TB-1 --by 负责人 --note 同意 --db %s | grep -q "
	              "'CLI-TB-1: approve — now rectified'",
	              bin, db),
	    0);
	assert_int_equal(client_sh("%s notice approve CLI-TB-1 --lang zh --db %s 2>&1 | grep -q "
	                           "'反馈已经单位负责人审批'",
	                           bin, db),
	                 0);
	assert_int_not_equal(client_sh("%s notice approve CLI-TB-1 --db %s 2>/dev/null", bin, db),
	                     0);
	assert_int_equal(
	    client_sh("%s notice show CLI-TB-1 --json --db %s | grep -q '\"approved_by\": "
	              "\"负责人\"'",
	              bin, db),
	    0);
}

/* The office can make feedback wait for the unit leader's approval (work setting
 * feedback_approval): while on, feedback of an unapproved notice is refused with 409 in Chinese
 * and nothing is written; approved, it goes; off again, it goes without. Audited, and the same
 * setting from the command line. */
static void feedback_waits_for_approval(void **state)
{
	struct client office, officer, leader;
	char path[256], id[32];
	const char *msg;

	(void)state;
	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	sign_in_as("unit-leader", "Fuzeren#2026a", NULL, &leader);
	call(&office, "GET", "/api/v1/work-settings", NULL);
	expect(200);
	assert_true(json_is_false(json_object_get(j, "feedback_approval"))); /* off unless set */
	call(&office, "PATCH", "/api/v1/work-settings", "{\"feedback_approval\":\"yes\"}");
	expect(422);
	call(&officer, "PATCH", "/api/v1/work-settings", "{\"feedback_approval\":true}");
	expect(403); /* the office's setting */
	call(&office, "PATCH", "/api/v1/work-settings", "{\"feedback_approval\":true}");
	expect(200);
	assert_true(json_is_true(json_object_get(j, "feedback_approval")));

	for (int round = 0; round < 2; round++) {
		char body[200];

		snprintf(body, sizeof body,
		         "{\"code\":\"内网信通〔2026〕%d号\",\"authority\":\"自治区党委网信办\","
		         "\"assets\":[\"WWW\"]}",
		         81 + round);
		call(&office, "POST", "/api/v1/notices", body);
		expect(201);
		snprintf(id, sizeof id, "%lld",
		         (long long)json_integer_value(json_object_get(j, "id")));
		snprintf(path, sizeof path, "/api/v1/notices/%s/rectify", id);
		call(&officer, "POST", path, "{\"note\":\"已整改\"}");
		expect(200);
		snprintf(path, sizeof path, "/api/v1/notices/%s/feedback", id);
		call(&officer, "POST", path, "{\"note\":\"整改报告已报送\"}");
		if (round == 1) { /* the rule turned off: feedback goes without the approval */
			expect(200);
			assert_string_equal(jstr("stage"), "feedback_sent");
			break;
		}
		expect(409);
		msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
		assert_non_null(msg);
		assert_non_null(
		    strstr(msg, "has not approved the feedback")); /* client.h asks en */
		snprintf(path, sizeof path, "/api/v1/notices/%s", id);
		call(&office, "GET", path, NULL);
		expect(200);
		assert_string_equal(jstr("stage"), "rectified"); /* nothing written */
		assert_int_equal(json_array_size(json_object_get(j, "timeline")), 1);
		snprintf(path, sizeof path, "/api/v1/notices/%s/approve", id);
		call(&leader, "POST", path, "{\"note\":\"同意反馈\"}");
		expect(200);
		snprintf(path, sizeof path, "/api/v1/notices/%s/feedback", id);
		call(&officer, "POST", path, "{\"note\":\"整改报告已报送\"}");
		expect(200);
		assert_string_equal(jstr("stage"), "feedback_sent");
		call(&office, "PATCH", "/api/v1/work-settings", "{\"feedback_approval\":false}");
		expect(200);
	}
	assert_int_equal(client_sh("sqlite3 %s \"SELECT count(*) FROM audit_entry WHERE action = "
	                           "'settings.feedback_approval' AND outcome = 'ok'\" | grep -qx 2",
	                           db),
	                 0);
	assert_int_equal(
	    client_sh("%s settings feedback_approval on --db %s | grep -qx 'feedback_approval = on'"
	              " && %s settings feedback_approval --db %s | grep -qx on"
	              " && %s settings --db %s | grep -q '^feedback_approval .* on .*请示报告'",
	              bin, db, bin, db, bin, db),
	    0);
	/* the same rule from the command line, in Chinese */
	assert_int_equal(
	    client_sh("%s notice add --code CLI-FA-1 --authority 网信办 --asset NEWS --db %s "
	              ">/dev/null && %s notice rectify CLI-FA-1 --note 已整改 --db %s >/dev/null",
	              bin, db, bin, db),
	    0);
	assert_int_equal(
	    client_sh("%s notice feedback CLI-FA-1 --lang zh --db %s 2>&1 | grep -q "
	              "'CLI-FA-1：反馈尚未经单位负责人审核（请示报告），请先由单位负责人审核同意'",
	              bin, db),
	    0);
	assert_int_equal(
	    client_sh("%s settings feedback_approval maybe --lang zh --db %s 2>&1 | grep -q "
	              "'feedback_approval: 请填写 on'",
	              bin, db),
	    0);
}

/* An incident answers what its page draws: each trigger's article text, each link of the chain
 * with its holder's name and the answering unit whose walk found it. */
static void incident_for_the_page(void **state)
{
	struct client office;
	json_t *t, *c;
	size_t i;

	(void)state;
	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	call(&office, "GET", "/api/v1/incidents/1", NULL);
	expect(200);
	json_array_foreach(json_object_get(j, "triggers"), i, t)
	    assert_non_null(json_string_value(json_object_get(t, "text")));
	assert_true(json_array_size(json_object_get(j, "chain")) > 0);
	json_array_foreach(json_object_get(j, "chain"), i, c)
	{
		if (json_is_true(json_object_get(c, "vacant")))
			assert_true(json_is_null(json_object_get(c, "name")));
		else
			assert_non_null(json_string_value(json_object_get(c, "name")));
		assert_non_null(json_object_get(c, "answering"));
	}
}

/* count_items: the items of every page of a list (GET path, which has a query already) */
static size_t count_items(const struct client *c, const char *path)
{
	char url[512], next[128] = "";
	size_t n = 0;

	for (;;) {
		snprintf(url, sizeof url, "%s&limit=7%s%s", path, next[0] ? "&cursor=" : "", next);
		call(c, "GET", url, NULL);
		expect(200);
		n += json_array_size(json_object_get(j, "items"));
		if (!jstr("next"))
			return n;
		snprintf(next, sizeof next, "%s", jstr("next"));
	}
}

/* The systems' filing and assessment state filter the list and the export alike: the export
 * holds exactly the rows the list pages through. */
static void asset_filing_filters(void **state)
{
	static const char *const filters[] = {"filed=false", "filed=true", "assess_result=none",
	                                      "assess_result=pass&filed=true",
	                                      "filed=1&kind=portal"};
	struct client office;
	size_t all, some = 0;

	(void)state;
	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	all = count_items(&office, "/api/v1/assets?sort=id");
	for (size_t i = 0; i < sizeof filters / sizeof *filters; i++) {
		char path[256];
		size_t n, lines = 0;

		snprintf(path, sizeof path, "/api/v1/assets?%s", filters[i]);
		n = count_items(&office, path);
		assert_true(n < all);
		if (i < 2)
			some += n;
		snprintf(path, sizeof path, "/api/v1/export/assets?format=csv&lang=en&%s",
		         filters[i]);
		call(&office, "GET", path, NULL);
		expect(200);
		for (const char *p = r.body; (p = strchr(p, '\n')); p++)
			lines++;
		if (lines != n + 1) /* the header and one line a system */
			fail_msg("%s: %zu systems listed, %zu lines exported", filters[i], n,
			         lines);
	}
	assert_int_equal(some, all); /* filed or not: every system */
	call(&office, "GET", "/api/v1/assets?assess_result=excellent", NULL);
	expect(400);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "error"), "field")),
	    "assess_result");
}

/* An incident's record is corrected with a reason, kept beside its timeline with the values
 * before and after; what the rules refuse is refused naming the field, and nothing is written. */
static void incident_correction(void **state)
{
	struct client office, officer;
	json_t *fix;

	(void)state;
	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	call(&officer, "POST", "/api/v1/incidents",
	     "{\"code\":\"宣传部事件〔2026〕1号\",\"assets\":[\"WWW\"],"
	     "\"detected_at\":\"2026-12-01T09:00:00+08:00\",\"title\":\"首页篡该\"}");
	expect(201);
	call(&officer, "POST",
	     "/api/v1/incidents/"
	     "%E5%AE%A3%E4%BC%A0%E9%83%A8%E4%BA%8B%E4%BB%B6%E3%80%942026%E3%80%951%E5%8F%B7/events",
	     "{\"kind\":\"step\",\"note\":\"下线\",\"at\":\"2026-12-01T10:00:00+08:00\"}");
	expect(200);

	call(&officer, "PATCH", "/api/v1/incidents/8", "{\"title\":\"首页被篡改\"}");
	expect(422); /* no reason */
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "error"), "field")), "reason");
	call(&officer, "PATCH", "/api/v1/incidents/8",
	     "{\"detected_at\":\"2026-12-01T11:00:00+08:00\",\"reason\":\"时间有误\"}");
	expect(422); /* after the first event */
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "error"), "field")),
	    "detected_at");
	call(&officer, "PATCH", "/api/v1/incidents/8", "{\"unit\":\"JWC\",\"reason\":\"改单位\"}");
	expect(422); /* a unit out of the officer's scope is as one that does not exist */
	call(&officer, "PATCH", "/api/v1/incidents/8",
	     "{\"code\":\"示例事件〔2026〕1号\",\"reason\":\"改号\"}");
	expect(409); /* another incident's number (and that one is not the officer's to see) */
	call(&officer, "PATCH", "/api/v1/incidents/8",
	     "{\"title\":\"首页篡该\",\"reason\":\"无\"}");
	expect(422); /* nothing differs */
	assert_int_equal(
	    client_sh("sqlite3 %s \"SELECT count(*) FROM correction WHERE object = 'incident'\" | "
	              "grep -qx 0",
	              db),
	    0);

	call(&officer, "PATCH", "/api/v1/incidents/8",
	     "{\"title\":\"门户网站首页被篡改\",\"detected_at\":\"2026-12-01T08:30:00+08:00\","
	     "\"reason\":\"按值班记录更正\"}");
	expect(200);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "record"), "title")),
	    "门户网站首页被篡改");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "record"), "detected_at")),
	    "2026-12-01T08:30:00+08:00");
	fix = json_array_get(json_object_get(j, "corrections"), 0);
	assert_non_null(fix);
	assert_string_equal(json_string_value(json_object_get(fix, "reason")), "按值班记录更正");
	assert_string_equal(json_string_value(json_object_get(fix, "by")), "officer");
	assert_string_equal(json_string_value(json_array_get(
	                        json_object_get(json_object_get(fix, "changes"), "title"), 0)),
	                    "首页篡该");
	call(&office, "GET", "/api/v1/incidents/8", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "corrections")), 1);
	assert_int_equal(client_sh("sqlite3 %s \"SELECT count(*) FROM audit_entry WHERE action = "
	                           "'incident.correct' AND outcome = 'ok'\" | grep -qx 1",
	                           db),
	                 0);
	/* the command line: the same act */
	assert_int_equal(
	    client_sh("%s incident edit '宣传部事件〔2026〕1号' --code '宣传部事件〔2026〕2号' "
	              "--reason 编号有误 --db %s | grep -q 已更正",
	              bin, db),
	    0);
	assert_int_not_equal(
	    client_sh("%s incident edit '宣传部事件〔2026〕2号' --reason 无 --db %s 2>/dev/null",
	              bin, db),
	    0);
	/* the database lets a record change only right after a correction of it, never its id */
	assert_int_not_equal(
	    client_sh("sqlite3 %s \"UPDATE incident SET title = 'x' WHERE id = 1\" 2>/dev/null",
	              db),
	    0);
	assert_int_not_equal(
	    client_sh("sqlite3 %s \"UPDATE incident SET id = 99 WHERE id = 8\" 2>/dev/null", db),
	    0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(notice_approval, start, session_end),
	    cmocka_unit_test_setup_teardown(notice_approval_cli, start, session_end),
	    cmocka_unit_test_setup_teardown(feedback_waits_for_approval, start, session_end),
	    cmocka_unit_test_setup_teardown(incident_for_the_page, start, session_end),
	    cmocka_unit_test_setup_teardown(asset_filing_filters, start, session_end),
	    cmocka_unit_test_setup_teardown(incident_correction, start, session_end),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
