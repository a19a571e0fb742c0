/* test_notify.c — the formats of the notification adapters (notify/notify_int.h), as tables of
 * cases: the robots' signatures against vectors computed by Python's hmac module (DingTalk's
 * URL-encoded, Feishu's keyed with "timestamp\nsecret" over nothing); truncation between UTF-8
 * characters with the link appended, within each size; RFC 2047 subjects in encoded words of at
 * most 75 characters, split between characters; each robot's body within its platform's size for
 * a message far larger, ending with the link. The real platforms' checks are played end to end in
 * tests/cli/notify-channels.sh. */
#include "testutil.h"

#include <jansson.h>

#include "notify/notify_int.h"

static void signatures(void **state)
{
	char out[128];

	(void)state;
	/* python3: base64(hmac(b"SECtest", b"1700000000000\nSECtest", sha256)), URL-quoted */
	assert_true(notify_sign_dingtalk("SECtest", 1700000000000LL, out, sizeof out));
	assert_string_equal(out, "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D");
	/* python3: base64(hmac(b"1700000000\nfsecret", b"", sha256)) */
	assert_true(notify_sign_feishu("fsecret", 1700000000LL, out, sizeof out));
	assert_string_equal(out, "HLzt7YDW5Xjz5Mh4RVOd0NRODMm01O79OcTFVCyWBbQ=");
	assert_false(notify_sign_dingtalk("SECtest", 1700000000000LL, out, 8));
}

/* utf8_ok: s is whole UTF-8 (no character cut). */
static bool utf8_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4;

		for (int i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

static void truncation(void **state)
{
	static const struct {
		const char *text;
		size_t max;
		const char *link;
		const char *want; /* NULL: cut, ending with the link */
	} cases[] = {
		{"短消息", 100, "#/notices/1", "短消息"},
		{"abcdefghij", 10, NULL, "abcdefghij"},
		{"通报整改通报整改通报整改通报整改", 20, "#/n/1", NULL},
		{"abcdefghijklmnopqrstuvwxyz", 12, "L", NULL},
		{"一二三四五六七八九十", 7, NULL, NULL},
	};
	struct arena *a = arena_new(0);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = notify_truncate(a, cases[i].text, cases[i].max, cases[i].link);

		assert_non_null(got);
		assert_true(strlen(got) <= cases[i].max);
		assert_true(utf8_ok(got));
		if (cases[i].want) {
			assert_string_equal(got, cases[i].want);
			continue;
		}
		assert_non_null(strstr(got, "…"));
		if (cases[i].link) {
			size_t n = strlen(got), k = strlen(cases[i].link);

			assert_true(n >= k && !strcmp(got + n - k, cases[i].link));
		}
	}
	arena_free(a);
}

static void subjects(void **state)
{
	static const char *const cases[] = {
		"plain ASCII subject",
		"【提醒】通报 烟网信通〔2024〕31号 将于 2024-10-09 到期（剩 1 个工作日）",
		"【逾期升级】通报 示例通报〔2026〕3号 已逾期 12 个工作日，请第一责任人督办并反馈整改情况",
		"é",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dynbuf b;
		char *line, *save = NULL;

		dynbuf_init(&b, 4096);
		assert_int_equal(notify_rfc2047(&b, cases[i]), DYNBUF_OK);
		if (i == 0) {
			assert_string_equal(b.p, cases[0]);
			dynbuf_free(&b);
			continue;
		}
		for (line = strtok_r(b.p, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
			const char *w = line[0] == ' ' ? line + 1 : line;

			assert_true(strlen(w) <= 75);
			assert_memory_equal(w, "=?UTF-8?B?", 10);
			assert_string_equal(w + strlen(w) - 2, "?=");
		}
		dynbuf_free(&b);
	}
}

static void robot_bodies(void **state)
{
	static const struct {
		const char *kind, *address;
		size_t max;      /* the platform's limit on the text */
		const char *key; /* where the text is */
	} cases[] = {
		{"wecom", "zhangsan", 4096, "markdown.content"},
		{"wecom", "13800000000", 2048, "text.content"},
		{"dingtalk", "13800000000", 4096, "markdown.text"},
		{"feishu", "ou_1", 16384, "content.text"},
	};
	struct arena *a = arena_new(0);
	struct dynbuf big;
	struct notify_msg m;

	(void)state;
	dynbuf_init(&big, 1 << 20);
	for (int i = 0; i < 4000; i++)
		assert_int_equal(dynbuf_add(&big, "整改", 6), DYNBUF_OK);
	m = (struct notify_msg){.subject = "【提醒】长消息", .body = big.p,
				.link = "https://duty.example.edu.cn/#/notices/7"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *url = NULL, *body = NULL, *text;
		char key[32], *dot;
		json_t *o, *v;

		assert_int_equal(notify_robot_body(a, cases[i].kind, "https://robot.example/x?k=1",
						   "sec", cases[i].address, &m, 1700000000, &url,
						   &body),
				 CD_OK);
		assert_non_null(o = json_loads(body, 0, NULL));
		snprintf(key, sizeof key, "%s", cases[i].key);
		dot = strchr(key, '.');
		*dot = '\0';
		v = json_object_get(json_object_get(o, key), dot + 1);
		assert_non_null(text = json_string_value(v));
		assert_true(strlen(text) <= cases[i].max);
		assert_true(utf8_ok(text));
		assert_non_null(strstr(text, m.link));
		assert_non_null(strstr(body, cases[i].address)); /* in the text, or its mention list */
		if (!strcmp(cases[i].kind, "dingtalk"))
			assert_non_null(strstr(url, "&timestamp=1700000000000&sign="));
		else
			assert_string_equal(url, "https://robot.example/x?k=1");
		if (!strcmp(cases[i].kind, "feishu"))
			assert_string_equal(json_string_value(json_object_get(o, "timestamp")),
					    "1700000000");
		json_decref(o);
	}
	assert_int_equal(notify_robot_body(a, "fax", "x", NULL, "", &m, 0, &(const char *){NULL},
					   &(const char *){NULL}),
			 CD_EINVAL);
	dynbuf_free(&big);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signatures),
		cmocka_unit_test(truncation),
		cmocka_unit_test(subjects),
		cmocka_unit_test(robot_bodies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
