/* test_docno.c — document numbers (文号) and other typed codes kept one way (io/docno.h): a table
 * of what a clerk types and what is kept, or what is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "io/docno.h"

static void table(void **state)
{
	static const struct {
		const char *in, *kept; /* kept NULL: refused, with a reason containing `why` */
		const char *why;
	} cases[] = {
		{"内网信通〔2026〕77号", "内网信通〔2026〕77号", NULL},
		{"  内网信通〔2026〕77号\t", "内网信通〔2026〕77号", NULL},
		{"\xe3\x80\x80烟网信通〔2024〕31号\xe3\x80\x80", "烟网信通〔2024〕31号", NULL}, /* U+3000 */
		{"网信办 〔2026〕 1号", "网信办 〔2026〕 1号", NULL},  /* inner spaces stay */
		{"〔２０２６〕", "〔２０２６〕", NULL},                 /* full-width digits are not folded */
		{"[2026]", "[2026]", NULL},                           /* nor brackets into each other */
		{"【2026】", "【2026】", NULL},
		{"Cafe\xcc\x81", "Caf\xc3\xa9", NULL}, /* decomposed é composed (NFC) */
		{"SEC-2026-001", "SEC-2026-001", NULL},
		{"", NULL, "不能为空"},
		{" \xe3\x80\x80 ", NULL, "不能为空"},
		{"内网/2026/1", NULL, "斜杠"},
		{"a\\b", NULL, "斜杠"},
		{"第一行\n第二行", NULL, "控制字符"},
		{"\xc2\x85x", NULL, "控制字符"}, /* U+0085, a C1 control */
		{"\xff\xfe", NULL, "UTF-8"},
		{"\xe5\x86", NULL, "UTF-8"}, /* a character cut short */
	};
	struct arena *a = arena_new(0);
	char long_code[3 * 129 + 1] = "";
	const char *why;
	(void)state;

	assert_non_null(a);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = docno_normalise(a, cases[i].in, &why);

		if (cases[i].kept) {
			if (!got || strcmp(got, cases[i].kept))
				fail_msg("case %zu: kept \"%s\", want \"%s\" (%s)", i, got ? got : "-",
					 cases[i].kept, why ? why : "");
		} else if (got || !why || !strstr(why, cases[i].why)) {
			fail_msg("case %zu: \"%s\" kept or refused for \"%s\"", i, got ? got : "-",
				 why ? why : "-");
		}
	}
	/* 128 characters are kept, 129 are not (characters, not bytes) */
	for (int i = 0; i < 129; i++)
		memcpy(long_code + 3 * i, "号", 3);
	long_code[3 * 128] = '\0';
	assert_non_null(docno_normalise(a, long_code, &why));
	long_code[3 * 128] = long_code[0];
	assert_null(docno_normalise(a, long_code, &why));
	assert_non_null(strstr(why, "128"));
	assert_null(docno_normalise(a, NULL, &why));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
