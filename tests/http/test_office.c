/* test_office.c — what issue 15 left for an office through the real `cyberduty serve` on a fresh
 * demo database, driven with libcurl: notices (通报) imported from a spreadsheet
 * (POST /api/v1/import/notices, GET /api/v1/templates/notices) — an .xlsx and a GB18030 CSV made
 * here with three errors each: all three reported, nothing written; a good file: the notices are
 * there, by their 文号 in the URL, and in the export — and the dashboard's summary counted as the
 * lists count (incidents by class, duties done vs due by unit). argv[1]: the binary. */
#include "session.h"

#include <iconv.h>
#include <zip.h>

static int start(void **state)
{
	(void)state;
	return demo_server("office", "");
}

/* xlsx_of builds a workbook with one sheet 通报 of rows[0..n) (cells split at '|', each an
 * inline string) into a new malloc'd buffer: what a clerk's Excel file holds, reduced to the
 * parts the import reads. */
static char *xlsx_of(const char *const *rows, size_t n, size_t *len)
{
	static const char workbook[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas."
	    "openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas."
	    "openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"通报\" "
	    "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas."
	    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
	    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	    "worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
	static char sheet[8192];
	size_t k = (size_t)snprintf(sheet, sizeof sheet,
	                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\""
	                            "http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	                            "<sheetData>");
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	char *out;

	for (size_t i = 0; i < n; i++) {
		const char *p = rows[i];

		k += (size_t)snprintf(sheet + k, sizeof sheet - k, "<row r=\"%zu\">", i + 1);
		for (char col = 'A'; *p || col == 'A'; col++) {
			size_t w = strcspn(p, "|");

			if (w)
				k += (size_t)snprintf(
				    sheet + k, sizeof sheet - k,
				    "<c r=\"%c%zu\" t=\"inlineStr\"><is><t>%.*s</t>"
				    "</is></c>",
				    col, i + 1, (int)w, p);
			p += w + (p[w] == '|');
			if (!p[0] && !w)
				break;
		}
		k += (size_t)snprintf(sheet + k, sizeof sheet - k, "</row>");
	}
	snprintf(sheet + k, sizeof sheet - k, "</sheetData></worksheet>");
	zip_error_init(&ze);
	assert_non_null(src = zip_source_buffer_create(NULL, 0, 0, &ze));
	zip_source_keep(src);
	assert_non_null(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze));
	assert_true(zip_file_add(z, "xl/workbook.xml",
	                         zip_source_buffer(z, workbook, sizeof workbook - 1, 0), 0) >= 0);
	assert_true(zip_file_add(z, "xl/_rels/workbook.xml.rels",
	                         zip_source_buffer(z, rels, sizeof rels - 1, 0), 0) >= 0);
	assert_true(zip_file_add(z, "xl/worksheets/sheet1.xml",
	                         zip_source_buffer(z, sheet, strlen(sheet), 0), 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(zip_source_open(src), 0);
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	assert_non_null(out = malloc(*len));
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	return out;
}

/* gb18030 converts the UTF-8 text s into buf (as Excel on Chinese Windows saves "CSV"). */
static size_t gb18030(const char *s, char *buf, size_t cap)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	char *in = (char *)(uintptr_t)s, *op = buf;
	size_t il = strlen(s), ol = cap;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &in, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	return (size_t)(op - buf);
}

/* the three errors both bad files have, in the order the report lists them */
static void three_errors(void)
{
	expect(422);
	assert_string_equal(jstr("error.code"), "invalid_file");
	assert_int_equal(jint("error_count"), 3);
	assert_int_equal(jint("rows"), 3);
	assert_int_equal(jint("errors.0.row"), 3);
	assert_string_equal(jstr("errors.0.column"), "due");
	assert_string_equal(jstr("errors.0.message"),
	                    "第 3 行「整改期限」：2026-02-30 不是有效日期（2 月没有 30 日）");
	assert_string_equal(
	    jstr("errors.0.message_en"),
	    "row 3, column \"due\": \"2026-02-30\" is not a valid date (February 2026 "
	    "has no day 30)");
	assert_int_equal(jint("errors.1.row"), 3);
	assert_string_equal(jstr("errors.1.column"), "assets");
	assert_string_equal(jstr("errors.1.value"), "NOPE");
	assert_string_equal(jstr("errors.1.message"),
	                    "第 3 行「信息系统」：NOPE 不是已有信息系统的代码（请先导入信息系统）");
	assert_int_equal(jint("errors.2.row"), 4);
	assert_string_equal(jstr("errors.2.column"), "authority");
	assert_string_equal(jstr("errors.2.header"), "通报单位");
}

static void notices_import(void **state)
{
	static const char *const bad[] = {
	    "文号|通报单位|接收时间|信息系统|整改期限",
	    "内网信通〔2026〕77号|自治区党委网信办|2026年11月3日 9:30|WWW、NEWS|2026-11-20",
	    "内网信通〔2026〕78号|自治区党委网信办|2026/11/4 10:00|NOPE|2026-02-30",
	    "内网信通〔2026〕79号||2026-11-05 08:00|WWW",
	};
	static const char good[] =
	    "文号,通报单位,接收时间,信息系统,整改期限,问题类别,通报内容\r\n"
	    "内网信通〔2026〕77号,自治区党委网信办,2026年11月3日 "
	    "9:30,WWW、NEWS,2026-11-20,网页篡改,"
	    "首页存在篡改风险\r\n"
	    "内网信通〔2026〕78号,公安机关网安部门,2026/11/4 10:00,JWXT,,弱口令,\r\n";
	struct client office, officer;
	char csv[1024], buf[2048], *book;
	size_t len;
	long notices = sql_count("SELECT count(*) FROM notice");
	long audit;
	(void)state;

	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	audit = sql_count("SELECT count(*) FROM audit_entry");

	/* an .xlsx made here with three errors */
	book = xlsx_of(bad, sizeof bad / sizeof *bad, &len);
	send_body(&office, "POST", "/api/v1/import/notices", "application/octet-stream", book, len);
	free(book);
	three_errors();
	assert_string_equal(jstr("encoding"), "XLSX");

	/* the same as CSV in GB18030 */
	csv[0] = '\0';
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(buf, sizeof buf, "%s\r\n", bad[i]);
		for (char *p = buf; *p; p++)
			*p = *p == '|' ? ',' : *p;
		strncat(csv, buf, sizeof csv - strlen(csv) - 1);
	}
	len = gb18030(csv, buf, sizeof buf);
	send_body(&office, "POST", "/api/v1/import/notices", "text/csv", buf, len);
	three_errors();
	assert_string_equal(jstr("encoding"), "GB18030");
	/* nothing written but the refusals' audit entries */
	assert_int_equal(sql_count("SELECT count(*) FROM notice"), notices);
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry"), audit + 2);
	assert_int_equal(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action = 'import.notices' "
	              "AND outcome = 'invalid'"),
	    2);

	/* an import writes across the whole organisation: not the officer's */
	send_body(&officer, "POST", "/api/v1/import/notices", "text/csv", good, strlen(good));
	expect(422);
	assert_string_equal(jstr("error.code"), "out_of_scope");
	assert_string_equal(jstr("error.message"),
	                    "an import writes across the whole organisation: "
	                    "it needs an account whose scope is the whole "
	                    "organisation");
	{ /* in Chinese when asked (the default of a browser in China) */
		char h1[200], h2[200];
		const char *hs[] = {h1, h2, "Content-Type: text/csv", "Accept-Language: zh-CN,zh",
		                    NULL};

		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", officer.cookie);
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", officer.csrf);
		client_req(port, "POST", "/api/v1/import/notices", good, strlen(good), hs, &r);
		json_decref(j);
		j = json_loads(r.body, 0, NULL);
	}
	expect(422);
	assert_string_equal(jstr("error.message"),
	                    "导入会写入整个组织的数据：须由管辖范围为整个组织的账号操作");
	assert_int_equal(sql_count("SELECT count(*) FROM notice"), notices);

	/* a dry run answers what it would do */
	send_body(&office, "POST", "/api/v1/import/notices?dry_run=1", "text/csv", good,
	          strlen(good));
	expect(200);
	assert_int_equal(jint("created"), 2);
	assert_int_equal(sql_count("SELECT count(*) FROM notice"), notices);

	/* the good file: each notice recorded as POST /notices records one */
	send_body(&office, "POST", "/api/v1/import/notices", "text/csv", good, strlen(good));
	expect(200);
	assert_int_equal(jint("created"), 2);
	assert_int_equal(jint("error_count"), 0);
	assert_int_equal(sql_count("SELECT count(*) FROM notice"), notices + 2);
	assert_int_equal(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action = 'import.notices' "
	              "AND outcome = 'ok' AND json_extract(after, '$.created') = 2"),
	    1);
	assert_int_equal(
	    sql_count("SELECT count(*) FROM audit_entry WHERE action = 'notice.create' "
	              "AND json_extract(after, '$.code') LIKE '内网信通〔2026〕7_号'"),
	    2);
	/* by its 文号 in the URL (percent-encoded) */
	call(
	    &office, "GET",
	    "/api/v1/notices/%E5%86%85%E7%BD%91%E4%BF%A1%E9%80%9A%E3%80%942026%E3%80%9577%E5%8F%B7",
	    NULL);
	expect(200);
	assert_string_equal(jstr("authority"), "自治区党委网信办");
	assert_string_equal(jstr("received_at"), "2026-11-03T09:30:00+08:00");
	assert_string_equal(jstr("stated_due"), "2026-11-20");
	assert_string_equal(jstr("assets.0"), "WWW");
	assert_string_equal(jstr("assets.1"), "NEWS");
	assert_string_equal(jstr("text"), "首页存在篡改风险");
	/* twice: the numbers are recorded already */
	send_body(&office, "POST", "/api/v1/import/notices", "text/csv", good, strlen(good));
	expect(422);
	assert_int_equal(jint("error_count"), 2);
	assert_string_equal(jstr("errors.0.column"), "code");

	/* the export has them with their systems; the template is a workbook */
	call(&office, "GET", "/api/v1/export/notices", NULL);
	expect(200);
	assert_non_null(strstr(r.body, "信息系统,通报内容\r\n"));
	assert_non_null(strstr(r.body, "内网信通〔2026〕77号,自治区党委网信办,2026-11-03 09:30,"));
	assert_non_null(strstr(r.body, ",WWW、NEWS,首页存在篡改风险\r\n"));
	call(&office, "GET", "/api/v1/export/notices?lang=en", NULL);
	expect(200);
	assert_non_null(strstr(r.body, ",stated,"));
	assert_null(strstr(r.body, "通报写明"));
	call(&office, "GET", "/api/v1/templates/notices", NULL);
	expect(200);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
}

/* summary_int: sum.a.b (b NULL: sum.a). */
static long summary_int(json_t *sum, const char *a, const char *b)
{
	json_t *v = json_object_get(sum, a);

	return (long)json_integer_value(b ? json_object_get(v, b) : v);
}

/* count_items walks a list page by page and counts its items whose `key` is `value` and, with
 * key2, whose key2 is value2 (key NULL: all). */
static long count_items(const struct client *c, const char *path, const char *key,
                        const char *value, const char *key2, const char *value2)
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
			const char *w = key2 ? json_string_value(json_object_get(it, key2)) : NULL;

			n += (!key || (v && !strcmp(v, value))) &&
			     (!key2 || (w && !strcmp(w, value2)));
		}
		if (!jstr("next"))
			return n;
		snprintf(url, sizeof url, "%s%scursor=%s", path, strchr(path, '?') ? "&" : "?",
		         jstr("next"));
	}
}

/* The dashboard's fields the web page draws: incidents by class, this year's duties done vs due
 * by unit — each equal to what the lists count. */
static void summary_as_lists(void **state)
{
	struct client office, officer;
	json_t *sum, *by, *v;
	const char *k;
	long classes = 0;
	(void)state;

	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	call(&office, "GET", "/api/v1/summary", NULL);
	expect(200);
	sum = json_incref(j);

	/* incidents by class: every incident counted once, under its class or "none" */
	by = json_object_get(json_object_get(sum, "incidents"), "by_class");
	assert_true(json_is_object(by));
	json_object_foreach(by, k, v) classes += (long)json_integer_value(v);
	assert_int_equal(classes, summary_int(json_object_get(sum, "incidents"), "total", NULL));
	assert_int_equal(classes,
	                 count_items(&office, "/api/v1/incidents?limit=3", NULL, NULL, NULL, NULL));
	assert_int_equal(classes, sql_count("SELECT count(*) FROM incident"));

	/* duties done vs due by unit: as the deadlines list counts this year's duties of the unit
	 */
	by = json_object_get(json_object_get(sum, "obligations"), "duty_by_unit");
	assert_true(json_is_array(by));
	assert_true(json_array_size(by) > 0);
	for (size_t i = 0; i < json_array_size(by); i++) {
		json_t *u = json_array_get(by, i);
		const char *code = json_string_value(json_object_get(u, "unit"));
		char path[256];
		long due, done, overdue;

		assert_non_null(code);
		assert_non_null(json_object_get(u, "unit_name"));
		due = (long)json_integer_value(json_object_get(u, "due"));
		done = (long)json_integer_value(json_object_get(u, "done"));
		overdue = (long)json_integer_value(json_object_get(u, "overdue"));
		assert_true(done + overdue <= due);
		snprintf(path, sizeof path, "/api/v1/deadlines?limit=100&unit=%s", code);
		assert_int_equal(due, count_items(&office, path, "kind", "duty", "unit", code));
		snprintf(path, sizeof path, "/api/v1/deadlines?limit=100&unit=%s&state=overdue",
		         code);
		assert_int_equal(overdue, count_items(&office, path, "kind", "duty", "unit", code));
		snprintf(path, sizeof path,
		         "/api/v1/deadlines?limit=100&unit=%s&state=done_on_time", code);
		done -= count_items(&office, path, "kind", "duty", "unit", code);
		snprintf(path, sizeof path, "/api/v1/deadlines?limit=100&unit=%s&state=done_late",
		         code);
		assert_int_equal(done, count_items(&office, path, "kind", "duty", "unit", code));
	}
	/* the officer's dashboard counts the officer's scope only */
	call(&officer, "GET", "/api/v1/summary", NULL);
	expect(200);
	assert_true(json_array_size(json_object_get(json_object_get(j, "obligations"),
	                                            "duty_by_unit")) < json_array_size(by));
	json_decref(sum);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(notices_import, start, session_end),
	    cmocka_unit_test_setup_teardown(summary_as_lists, start, session_end),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
