/* test_jtext.c — the JSON text writer of the API's most sent answers: escapes, UTF-8 kept as it
 * is, bytes that are not UTF-8 replaced, and what it writes parses back to what was given. */
#include "testutil.h"

#include <jansson.h>

#include "api/api_int.h"

static void strings(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", "\"\""},
		{"plain", "\"plain\""},
		{"学校门户网站", "\"学校门户网站\""},
		{"a\"b\\c", "\"a\\\"b\\\\c\""},
		{"line\nbreak\ttab", "\"line\\nbreak\\ttab\""},
		{"\x01\x1f", "\"\\u0001\\u001F\""},
		{"emoji \xf0\x9f\x94\x92", "\"emoji \xf0\x9f\x94\x92\""},
		{"bad \xff end", "\"bad \xef\xbf\xbd end\""},
		{"cut \xe5\xad", "\"cut \xef\xbf\xbd\xef\xbf\xbd\""},          /* truncated sequence */
		{"overlong \xc0\xaf", "\"overlong \xef\xbf\xbd\xef\xbf\xbd\""}, /* '/' in two bytes */
		{"overlong3 \xe0\x80\xaf", "\"overlong3 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
		{"surrogate \xed\xa0\x80", "\"surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
		{"beyond \xf4\x90\x80\x80",
		 "\"beyond \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct jtext t = {0};
		size_t len;
		char *s;
		json_t *j;

		jt_str(&t, cases[i].in);
		s = jt_take(&t, &len);
		assert_non_null(s);
		assert_string_equal(s, cases[i].out);
		assert_int_equal(len, strlen(cases[i].out));
		/* what is written is JSON, and for UTF-8 input it reads back as the input */
		j = json_loadb(s, len, JSON_DECODE_ANY, NULL);
		assert_non_null(j);
		if (!strstr(cases[i].out, "\xef\xbf\xbd"))
			assert_string_equal(json_string_value(j), cases[i].in);
		json_decref(j);
		free(s);
	}
}

static void objects(void **state)
{
	struct jtext t = {0};
	size_t len;
	char *s;

	(void)state;
	jt_raw(&t, "{", 1);
	jt_key(&t, "id");
	jt_int(&t, -42);
	jt_key(&t, "ok");
	jt_bool(&t, true);
	jt_key(&t, "none");
	jt_str(&t, NULL);
	jt_key(&t, "on");
	jt_date(&t, date_from_ymd(2026, 11, 21));
	jt_key(&t, "off");
	jt_date(&t, CD_DATE_NONE);
	jt_key(&t, "list");
	jt_raw(&t, "[", 1);
	for (int i = 0; i < 300; i++) { /* past the first buffer */
		if (i)
			jt_raw(&t, ",", 1);
		jt_str(&t, "一二三四五六七八九十");
	}
	jt_raw(&t, "]}", 2);
	s = jt_take(&t, &len);
	assert_non_null(s);
	assert_memory_equal(s, "{\"id\":-42,\"ok\":true,\"none\":null,\"on\":\"2026-11-21\",\"off\":null,"
			       "\"list\":[\"一二",
			    strlen("{\"id\":-42,\"ok\":true,\"none\":null,\"on\":\"2026-11-21\",\"off\":null,"
				   "\"list\":[\"一二"));
	json_t *j = json_loadb(s, len, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "list")), 300);
	json_decref(j);
	free(s);
	assert_null(t.b.p); /* taken: the writer is empty again */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings),
		cmocka_unit_test(objects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
