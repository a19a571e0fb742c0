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

/* last_line: the last line of text of each page of the PDF at path before its page number, one
 * per page in out (pdftotext; pages end in a form feed) */
static size_t last_lines(const char *path, char out[][256], size_t max)
{
	char cmd[700], line[1024];
	size_t n = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	out[0][0] = '\0';
	while (n < max && fgets(line, sizeof line, p)) {
		char *s = line;

		for (; *s == '\f'; s++) { /* a page ends */
			if (++n == max)
				break;
			out[n][0] = '\0';
		}
		s[strcspn(s, "\n")] = '\0';
		/* the page number "— 1 —" and blank lines are no text */
		if (*s && strncmp(s, "—", strlen("—")) != 0)
			snprintf(out[n], sizeof out[n], "%.200s", s);
	}
	assert_int_equal(pclose(p), 0);
	return n;
}

/* A heading never stands alone at a page's foot — not before a paragraph, and not before a table
 * or a chart that goes over to the next page (the heading goes with it): the heading put after
 * 12 … 30 lines of text, on every line of the page's lower half in turn. */
static void heading_kept(void **state)
{
	static const struct doc_col cols[] = {{"甲", 1}, {"乙", 1}};
	char path[600], last[8][256];
	const char *dir = getenv("CD_TMP");
	struct cd_diag d = {{0}};

	(void)state;
	snprintf(path, sizeof path, "%s/test-doc-keep-%ld.pdf", dir ? dir : "/tmp", (long)getpid());
	for (int next = 0; next < 3; next++)
		for (int lines = 12; lines <= 30; lines++) {
			struct doc *x = NULL;
			size_t pages;

			assert_int_equal(doc_open(&x, DOC_PDF, path,
						  &(struct doc_head){.title = "标题"}, &d),
					 CD_OK);
			for (int i = 0; i < lines; i++)
				doc_para(x, "正文。");
			doc_heading(x, 1, "孤立标题");
			if (next == 0) {
				doc_table_begin(x, "表1　测试", cols, 2, false);
				for (int i = 0; i < 6; i++)
					doc_table_row(x, (const char *[]){"1", "2"});
				doc_table_end(x);
			} else if (next == 1) {
				doc_chart(x, "图1　测试", "个", (const char *[]){"甲", "乙"},
					  (const double[]){1, 2}, 2);
			} else {
				doc_para(x, "其后的正文。");
			}
			doc_para(x, "结尾。");
			assert_int_equal(doc_close(x, &d), CD_OK);
			pages = last_lines(path, last, 8);
			for (size_t k = 0; k < pages; k++)
				if (strstr(last[k], "孤立标题"))
					fail_msg("next %d after %d lines: page %zu ends with the heading",
						 next, lines, k + 1);
		}
	unlink(path);
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
		cmocka_unit_test(heading_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
