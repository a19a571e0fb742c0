/* test_jw.c — the streaming JSON writer against jansson: every tricky string (quotes,
 * backslash, every control character, Chinese, 4-byte UTF-8, the longest sequences at the edges
 * of the valid range) written by jw and by json_dumps(JSON_COMPACT) gives the same bytes; nested
 * objects and arrays, integers at their limits, null, true and false too; invalid UTF-8 fails
 * both; a labeller's labels come after the object's last member, as api_labels adds them; the
 * buffer's cap and unbalanced nesting fail the writer. */
#include "testutil.h"

#include <jansson.h>
#include <stdint.h>

#include "core/jw.h"

/* dumped: v (taken) as jansson writes it compact */
static char *dumped(json_t *v)
{
	char *s;

	assert_non_null(v);
	s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	assert_non_null(s);
	return s;
}

static void strings(void **state)
{
	static const char *const tricky[] = {
	    "",
	    "plain",
	    "quote \" and backslash \\ and slash /",
	    "\b\f\n\r\t",
	    "\x01\x02\x03\x04\x05\x06\x07\x0b\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
	    "\x1b\x1c\x1d\x1e\x1f",
	    "\x7f DEL stays",
	    "烟网信通〔2024〕31号 党委宣传部",
	    "4-byte: \xf0\x9f\x98\x80 \xf0\xa0\x80\x80 and the last \xf4\x8f\xbf\xbf",
	    "2-byte: \xc2\x80 \xc3\xa9, 3-byte edges: \xe0\xa0\x80 \xed\x9f\xbf \xee\x80\x80 "
	    "\xef\xbf\xbf",
	    "U+2028 \xe2\x80\xa8 and U+2029 \xe2\x80\xa9 kept",
	    "mixed \"引号\"\n第二行\t\\",
	};
	(void)state;
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		struct dynbuf b;
		struct jw w;
		char *want = dumped(json_string(tricky[i]));

		dynbuf_init(&b, 1 << 20);
		jw_init(&w, &b, NULL);
		jw_str(&w, NULL, tricky[i]);
		assert_true(jw_done(&w));
		assert_string_equal(b.p, want);
		free(want);
		/* as a key too */
		dynbuf_reset(&b);
		jw_init(&w, &b, NULL);
		jw_obj(&w, NULL);
		jw_int(&w, tricky[i], 1);
		jw_end(&w);
		assert_true(jw_done(&w));
		want = dumped(json_pack("{s:i}", tricky[i], 1));
		assert_string_equal(b.p, want);
		free(want);
		dynbuf_free(&b);
	}
}

static void invalid_utf8(void **state)
{
	static const char *const bad[] = {
	    "\x80",	    "\xc0\xaf", /* overlong '/' */
	    "\xc2",	    "\xe0\x80\xaf", "\xed\xa0\x80", /* a surrogate */
	    "\xf4\x90\x80\x80",		    /* past U+10FFFF */
	    "\xf5\x80\x80\x80", "ok then \xff",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct dynbuf b;
		struct jw w;

		assert_null(json_string(bad[i]));
		dynbuf_init(&b, 1 << 20);
		jw_init(&w, &b, NULL);
		jw_str(&w, NULL, bad[i]);
		assert_false(jw_done(&w));
		dynbuf_free(&b);
	}
}

static void nested(void **state)
{
	struct dynbuf b;
	struct jw w;
	char *want = dumped(json_pack(
	    "{s:I, s:I, s:I, s:b, s:b, s:n, s:[], s:{}, s:[s, {s:[i, n]}, [[]]], s:{s:{s:s}}}",
	    "max", (json_int_t)INT64_MAX, "min", (json_int_t)INT64_MIN, "zero", (json_int_t)0,
	    "yes", 1, "no", 0, "none", "empty", "nothing", "list", "a", "b", 7, "deep", "x",
	    "y", "状态"));

	(void)state;
	dynbuf_init(&b, 1 << 20);
	jw_init(&w, &b, NULL);
	jw_obj(&w, NULL);
	jw_int(&w, "max", INT64_MAX);
	jw_int(&w, "min", INT64_MIN);
	jw_int(&w, "zero", 0);
	jw_bool(&w, "yes", true);
	jw_bool(&w, "no", false);
	jw_null(&w, "none");
	jw_arr(&w, "empty");
	jw_end(&w);
	jw_obj(&w, "nothing");
	jw_end(&w);
	jw_arr(&w, "list");
	jw_str(&w, NULL, "a");
	jw_obj(&w, NULL);
	jw_arr(&w, "b");
	jw_int(&w, NULL, 7);
	jw_str(&w, NULL, NULL);
	jw_end(&w);
	jw_end(&w);
	jw_arr(&w, NULL);
	jw_arr(&w, NULL);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_obj(&w, "deep");
	jw_obj(&w, "x");
	jw_str(&w, "y", "状态");
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	assert_true(jw_done(&w));
	assert_string_equal(b.p, want);
	free(want);
	dynbuf_free(&b);
}

static void dates(void **state)
{
	struct dynbuf b;
	struct jw w;

	(void)state;
	dynbuf_init(&b, 1 << 20);
	jw_init(&w, &b, NULL);
	jw_obj(&w, NULL);
	jw_date(&w, "on", date_from_ymd(2024, 9, 29));
	jw_date(&w, "none", CD_DATE_NONE);
	jw_time(&w, "at", CD_TIME_NONE);
	jw_end(&w);
	assert_true(jw_done(&w));
	assert_string_equal(b.p, "{\"on\":\"2024-09-29\",\"none\":null,\"at\":null}");
	dynbuf_free(&b);
}

static const char *state_label(const char *key, const char *value, char *buf, size_t n)
{
	if (strcmp(key, "state") && strcmp(key, "stage"))
		return NULL;
	if (!strcmp(value, "overdue"))
		return "已逾期";
	snprintf(buf, n, "<%s>", value);
	return buf;
}

static void labels(void **state)
{
	struct dynbuf b;
	struct jw w;

	(void)state;
	dynbuf_init(&b, 1 << 20);
	jw_init(&w, &b, state_label);
	jw_obj(&w, NULL);
	jw_str(&w, "state", "overdue");
	jw_obj(&w, "inner");
	jw_str(&w, "stage", "open");
	jw_int(&w, "n", 1);
	jw_end(&w);
	jw_arr(&w, "list");
	jw_str(&w, NULL, "overdue"); /* an element: no label */
	jw_end(&w);
	jw_str(&w, "code", "X");
	jw_end(&w);
	assert_true(jw_done(&w));
	assert_string_equal(b.p, "{\"state\":\"overdue\",\"inner\":{\"stage\":\"open\",\"n\":1,"
				 "\"stage_label\":\"<open>\"},\"list\":[\"overdue\"],\"code\":\"X\","
				 "\"state_label\":\"已逾期\"}");
	dynbuf_free(&b);
}

static void failures(void **state)
{
	struct dynbuf b;
	struct jw w;

	(void)state;
	dynbuf_init(&b, 8); /* the cap */
	jw_init(&w, &b, NULL);
	jw_str(&w, NULL, "longer than eight");
	assert_false(jw_done(&w));
	dynbuf_free(&b);

	dynbuf_init(&b, 1 << 20);
	jw_init(&w, &b, NULL);
	jw_obj(&w, NULL); /* never closed */
	assert_false(jw_done(&w));
	dynbuf_reset(&b);
	jw_init(&w, &b, NULL);
	jw_end(&w); /* nothing open */
	assert_false(jw_done(&w));
	dynbuf_reset(&b);
	jw_init(&w, &b, NULL);
	jw_obj(&w, NULL);
	jw_int(&w, NULL, 1); /* a member without a key */
	jw_end(&w);
	assert_false(jw_done(&w));
	dynbuf_reset(&b);
	jw_init(&w, &b, NULL);
	for (int i = 0; i <= JW_DEPTH; i++)
		jw_arr(&w, NULL);
	assert_false(jw_done(&w));
	dynbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(strings), cmocka_unit_test(invalid_utf8), cmocka_unit_test(nested),
	    cmocka_unit_test(dates),   cmocka_unit_test(labels),       cmocka_unit_test(failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
