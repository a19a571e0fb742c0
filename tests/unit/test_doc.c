/* test_doc.c — the texts of GB/T 9704-2012 the document model writes (doc/doc.h): document numbers
 * accepted and refused, dates as 成文日期, heading numbers of the four levels; and the model's
 * order rules (a row outside a table, a table not ended) reported by doc_close. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/lang.h"
#include "doc/doc.h"

static void docno(void **state)
{
	static const struct {
		const char *in;
		const char *why; /* NULL: accepted; else a part of the reason */
	} cases[] = {
		{"〔2026〕7号", NULL},
		{"校网办〔2026〕12号", NULL},
		{"内师党〔2026〕100号", NULL},
		{"〔2026〕007号", "leading zeros"},
		{"〔2026〕0号", "leading zeros"},
		{"〔2026〕第7号", "第"},
		{"[2026]7号", "〔〕"},
		{"（2026）7号", "〔〕"},
		{"〔26〕7号", "in full"},
		{"〔20266〕7号", "in full"},
		{"〔2026〕7", "号"},
		{"〔2026〕号", "号"},
		{"〔2026〕7号附", "号"},
		{"校 网办〔2026〕7号", "spaces"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *why = NULL;
		bool ok = doc_docno_check(cases[i].in, &why);

		if (ok != !cases[i].why || (why && !strstr(why, cases[i].why)))
			fail_msg("case %zu %s: %s, %s", i, cases[i].in, ok ? "accepted" : "refused",
				 why ? why : "");
	}
}

static void dates(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(doc_date_cn(date_from_ymd(2026, 12, 3), buf, sizeof buf),
			    "2026年12月3日");
	assert_string_equal(doc_date_cn(date_from_ymd(2024, 7, 1), buf, sizeof buf),
			    "2024年7月1日");
	assert_string_equal(doc_date_cn(date_from_ymd(2025, 10, 31), buf, sizeof buf),
			    "2025年10月31日");
}

static void headings(void **state)
{
	static const struct {
		int level, k;
		const char *want;
	} cases[] = {
		{1, 1, "一、"},	 {1, 9, "九、"},     {1, 10, "十、"},   {1, 11, "十一、"},
		{1, 20, "二十、"}, {1, 23, "二十三、"}, {2, 1, "（一）"}, {2, 12, "（十二）"},
		{3, 1, "1."},	 {3, 12, "12."},     {4, 1, "（1）"},   {4, 10, "（10）"},
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_string_equal(doc_heading_number(cases[i].level, cases[i].k, buf, sizeof buf),
				    cases[i].want);
}

/* order: the model refuses what is out of order, and says so at the end */
static void order(void **state)
{
	static const struct doc_col cols[] = {{"甲", 1}, {"乙", 1}};
	char path[600];
	const char *dir = getenv("CD_TMP");
	struct cd_diag d = {{0}};
	struct doc *x = NULL;

	(void)state;
	snprintf(path, sizeof path, "%s/test-doc-%ld.docx", dir ? dir : "/tmp", (long)getpid());
	for (int f = 0; f < DOC__MAX; f++) {
		assert_int_equal(doc_open(&x, (enum doc_format)f, path,
					  &(struct doc_head){.title = "标题", .docno = "〔2026〕07号"},
					  &d),
				 CD_EINVAL);
		assert_non_null(strstr(d.msg, "docno"));
		assert_int_equal(doc_open(&x, (enum doc_format)f, path, &(struct doc_head){0}, &d),
				 CD_EINVAL);
		/* a row outside a table */
		assert_int_equal(doc_open(&x, (enum doc_format)f, path,
					  &(struct doc_head){.title = "标题"}, &d),
				 CD_OK);
		doc_table_row(x, (const char *[]){"1", "2"});
		assert_int_equal(doc_close(x, &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "outside a table"));
		/* a table not ended */
		assert_int_equal(doc_open(&x, (enum doc_format)f, path,
					  &(struct doc_head){.title = "标题"}, &d),
				 CD_OK);
		doc_table_begin(x, NULL, cols, 2, false);
		doc_table_row(x, (const char *[]){"1", "2"});
		assert_int_equal(doc_close(x, &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "not ended"));
		/* a whole small document: every block */
		assert_int_equal(doc_open(&x, (enum doc_format)f, path,
					  &(struct doc_head){.title = "标题", .mark = "某某文件",
							     .docno = "〔2026〕7号",
							     .addressee = "某某"},
					  &d),
				 CD_OK);
		doc_heading(x, 1, "一级");
		doc_heading(x, 2, "二级");
		doc_heading(x, 3, "三级");
		doc_heading(x, 4, "四级");
		doc_para(x, "正文。");
		doc_table_begin(x, "表1", cols, 2, true);
		doc_table_row(x, (const char *[]){"1", NULL});
		doc_table_end(x);
		doc_chart(x, "图1", "个", (const char *[]){"甲", "乙"}, (const double[]){1, 0}, 2);
		doc_sign(x, "某某", date_from_ymd(2026, 12, 3));
		assert_int_equal(doc_close(x, &d), CD_OK);
		assert_int_equal(access(path, R_OK), 0);
		unlink(path);
	}
}

int main(void)
{
	/* the refusals are checked in English, as every harness asks (Chinese is the default) */
	lang_set(LANG_EN);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(docno),
		cmocka_unit_test(dates),
		cmocka_unit_test(headings),
		cmocka_unit_test(order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
