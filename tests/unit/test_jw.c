/* test_jw.c — the one JSON text writer (core/jw.h) against jansson: every tricky string (quotes,
 * backslash, every control character, Chinese, 4-byte UTF-8, the longest sequences at the edges
 * of the valid range) written by jw and by json_dumps(JSON_COMPACT) gives the same bytes and
 * reads back as itself; nested objects and arrays, integers at their limits, null, true, false
 * and dates too, and a long text past the buffer's first allocation; bytes that are not UTF-8
 * (which jansson refuses) come out as U+FFFD, one for each, so the text is still JSON, and
 * jw_utf8_clean turns them into '?' in place; a labeller's labels come after the object's last
 * member, as api_labels adds them; the buffer's cap and unbalanced nesting fail the writer.
 * (The API's older writer, api/jtext.c, and its test_jtext.c were folded into these.) */
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
	    "学校门户网站",
	    "a\"b\\c",
	    "line\nbreak\ttab",
	    "\x01\x1f",
	    "emoji \xf0\x9f\x94\x92",
	    /* longer than the 64 bytes a plain key is put together in (member) */
	    "a plain text of more than sixty-four bytes, such as no key of an encoder is",
	};
	(void)state;
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		struct dynbuf b;
		struct jw w;
		json_t *j;
		char *want = dumped(json_string(tricky[i]));

		dynbuf_init(&b, 1 << 20);
		jw_init(&w, &b, NULL);
		jw_str(&w, NULL, tricky[i]);
		assert_true(jw_done(&w));
		assert_string_equal(b.p, want);
		free(want);
		/* and it reads back as what was given */
		j = json_loadb(b.p, b.len, JSON_DECODE_ANY, NULL);
		assert_non_null(j);
		assert_string_equal(json_string_value(j), tricky[i]);
		json_decref(j);
		/* as a key too */
		dynbuf_reset(&b);
		jw_init(&w, &b, NULL);
		jw_obj(&w, NULL);
		jw_int(&w, "first", 0); /* the key after a separator */
		jw_int(&w, tricky[i], 1);
		jw_end(&w);
		assert_true(jw_done(&w));
		want = dumped(json_pack("{s:i, s:i}", "first", 0, tricky[i], 1));
		assert_string_equal(b.p, want);
		free(want);
		dynbuf_free(&b);
	}
}

#define FFFD "\xef\xbf\xbd"

static void invalid_utf8(void **state)
{
	/* each byte that does not begin a valid sequence is one U+FFFD; what follows it is read
	 * again from the next byte */
	static const struct {
		const char *in, *out, *clean;
	} bad[] = {
	    {"\x80", "\"" FFFD "\"", "?"},
	    {"\xc0\xaf", "\"" FFFD FFFD "\"", "??"}, /* overlong '/' */
	    {"\xc2", "\"" FFFD "\"", "?"},           /* cut at the end */
	    {"cut \xe5\xad", "\"cut " FFFD FFFD "\"", "cut ??"},
	    {"overlong3 \xe0\x80\xaf", "\"overlong3 " FFFD FFFD FFFD "\"", "overlong3 ???"},
	    {"surrogate \xed\xa0\x80", "\"surrogate " FFFD FFFD FFFD "\"", "surrogate ???"},
	    {"beyond \xf4\x90\x80\x80", "\"beyond " FFFD FFFD FFFD FFFD "\"", "beyond ????"},
	    {"\xf5\x80\x80\x80", "\"" FFFD FFFD FFFD FFFD "\"", "????"},
	    {"bad \xff end", "\"bad " FFFD " end\"", "bad ? end"},
	    {"ok then \xff", "\"ok then " FFFD "\"", "ok then ?"},
	    {"\xff\"\n学", "\"" FFFD "\\\"\\n学\"", "?\"\n学"}, /* escapes after it still */
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct dynbuf b;
		struct jw w;
		char clean[64];
		json_t *j;

		assert_null(json_string(bad[i].in)); /* jansson refuses it */
		dynbuf_init(&b, 1 << 20);
		jw_init(&w, &b, NULL);
		jw_str(&w, NULL, bad[i].in);
		assert_true(jw_done(&w));
		assert_string_equal(b.p, bad[i].out);
		assert_int_equal(b.len, strlen(bad[i].out));
		j = json_loadb(b.p, b.len, JSON_DECODE_ANY, NULL); /* still JSON */
		assert_non_null(j);
		json_decref(j);
		/* as a key too */
		dynbuf_reset(&b);
		jw_init(&w, &b, NULL);
		jw_obj(&w, NULL);
		jw_int(&w, bad[i].in, 1);
		jw_end(&w);
		assert_true(jw_done(&w));
		assert_non_null(j = json_loadb(b.p, b.len, 0, NULL));
		json_decref(j);
		dynbuf_free(&b);
		snprintf(clean, sizeof clean, "%s", bad[i].in);
		jw_utf8_clean(clean);
		assert_string_equal(clean, bad[i].clean);
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

/* reals: jw_real's bytes are jansson's, for values of every shape */
static void reals(void **state)
{
	static const double v[] = {0.1,	  1.5,	   24.0,    1e20,     2.0 / 3,	 1e-7,	  123456789.125,
				   0.0,	  -3.25,   1e300,   5e-324,   -1e-300,	 100.0,	  1e16,
				   1e17,  0.5e-5,  1e-10,   72.25,    -0.0,	 1e100,	  12345678901234567.0};
	struct dynbuf b;
	struct jw w;

	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		char *want = dumped(json_real(v[i]));

		dynbuf_init(&b, 1 << 10);
		jw_init(&w, &b, NULL);
		jw_real(&w, NULL, v[i]);
		assert_true(jw_done(&w));
		if (strcmp(b.p, want))
			fail_msg("%.17g: jw wrote %s, jansson %s", v[i], b.p, want);
		free(want);
		dynbuf_free(&b);
	}
	/* what JSON has no number for fails the writer */
	dynbuf_init(&b, 1 << 10);
	jw_init(&w, &b, NULL);
	jw_real(&w, NULL, 1.0 / 0.0);
	assert_false(jw_done(&w));
	dynbuf_free(&b);
}

static void long_text(void **state)
{
	struct dynbuf b;
	struct jw w;
	json_t *j;
	static const char head[] =
	    "{\"id\":-42,\"ok\":true,\"none\":null,\"on\":\"2026-11-21\",\"off\":null,"
	    "\"list\":[\"一二";

	(void)state;
	dynbuf_init(&b, 1 << 20);
	jw_init(&w, &b, NULL);
	jw_obj(&w, NULL);
	jw_int(&w, "id", -42);
	jw_bool(&w, "ok", true);
	jw_str(&w, "none", NULL);
	jw_date(&w, "on", date_from_ymd(2026, 11, 21));
	jw_date(&w, "off", CD_DATE_NONE);
	jw_arr(&w, "list");
	for (int i = 0; i < 300; i++) /* past the buffer's first allocation */
		jw_str(&w, NULL, "一二三四五六七八九十");
	jw_end(&w);
	jw_end(&w);
	assert_true(jw_done(&w));
	assert_memory_equal(b.p, head, strlen(head));
	assert_non_null(j = json_loadb(b.p, b.len, 0, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "list")), 300);
	json_decref(j);
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
	    cmocka_unit_test(dates),   cmocka_unit_test(reals), cmocka_unit_test(long_text),    cmocka_unit_test(labels),
	    cmocka_unit_test(failures),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
