/* test_reports.c — the documents as downloads (`GET /api/v1/reports/…`, docs/documents.md)
 * against the real server on a free loopback port over a fresh demo database (内蒙古师范大学,
 * imnu-2022), signed in with the demo's own accounts: each document as PDF, Word and (the ledger)
 * Excel with its type and file name; a notice or incident by id or number; the scope of the
 * 党委宣传部's security officer (a notice outside it not found, one inside it given); bad input
 * answered 400/422 naming the field; no sign-in 401; one audit entry per document given; the
 * assessment results, the year's and one unit's, in scope; the ledger of the rows the asset
 * list's filters select.
 * argv[1]: the binary. */
#include "client.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;
static struct reply r;

/* a session cookie of a demo account (src/demo/demo_accounts.c) */
static void login(const char *name, const char *password, char *cookie, size_t n)
{
	char body[256], h[512];
	const char *p;

	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
	client_req(port, "POST", "/api/v1/session", body, strlen(body),
		   (const char *const[]){"Content-Type: application/json", NULL}, &r);
	assert_int_equal(r.status, 201);
	assert_non_null(client_header(&r, "Set-Cookie", h, sizeof h));
	assert_non_null(p = strstr(h, "cd_session="));
	snprintf(cookie, n, "Cookie: cd_session=%.*s", (int)strcspn(p + 11, ";"), p + 11);
}

static void get(const char *cookie, const char *path)
{
	client_req(port, "GET", path, NULL, 0, (const char *const[]){cookie, NULL}, &r);
}

/* file_is: 200, this media type, a body that begins with magic, offered under a name with ext */
static void file_is(const char *type, const char *magic, const char *ascii_name)
{
	char h[1400];

	if (r.status != 200)
		fail_msg("want 200, got %ld: %s", r.status, r.body);
	assert_non_null(client_header(&r, "Content-Type", h, sizeof h));
	assert_string_equal(h, type);
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, magic, strlen(magic));
	assert_non_null(client_header(&r, "Content-Disposition", h, sizeof h));
	assert_non_null(strstr(h, ascii_name));
	assert_non_null(strstr(h, "filename*=UTF-8''"));
}

static void error_is(long status, const char *field)
{
	if (r.status != status)
		fail_msg("want %ld, got %ld: %s", status, r.status, r.body);
	if (field) {
		char want[64];

		snprintf(want, sizeof want, "\"field\":\"%s\"", field);
		if (!strstr(r.body, want))
			fail_msg("want field %s: %s", field, r.body);
	}
}

/* notice_ids: the ids of the notices the caller's list shows */
static void notice_ids(const char *cookie, long long *ids, size_t *n)
{
	json_t *j, *items;
	size_t i;
	json_t *v;

	get(cookie, "/api/v1/notices?limit=64");
	assert_int_equal(r.status, 200);
	assert_non_null(j = json_loads(r.body, 0, NULL));
	assert_non_null(items = json_object_get(j, "items"));
	*n = 0;
	json_array_foreach(items, i, v)
		ids[(*n)++] = (long long)json_integer_value(json_object_get(v, "id"));
	json_decref(j);
}

#define PDF  "application/pdf"
#define DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void test_documents(void **state)
{
	char office[256], officer[256], out[4096], path[512], in_scope[32] = "", outside[32] = "";
	long long mine[64], all[64];
	size_t nmine = 0, nall = 0;
	/* 示例通报〔2026〕1号, percent-encoded */
	const char *n1 = "%E7%A4%BA%E4%BE%8B%E9%80%9A%E6%8A%A5%E3%80%942026%E3%80%951%E5%8F%B7";

	(void)state;
	login("office", "Bangongshi#2026", office, sizeof office);
	get(office, "/api/v1/reports/annual");
	file_is(PDF, "%PDF-", "annual.pdf");
	/* 年度网络安全工作情况报告 in the UTF-8 name */
	client_header(&r, "Content-Disposition", out, sizeof out);
	assert_non_null(strstr(out, "%E5%B9%B4%E5%BA%A6"));
	get(office, "/api/v1/reports/annual?format=docx&docno=%E3%80%942026%E3%80%957%E5%8F%B7");
	file_is(DOCX, "PK", "annual.docx");
	get(office, "/api/v1/reports/duties?format=docx");
	file_is(DOCX, "PK", "duties.docx");
	get(office, "/api/v1/reports/ledger?format=xlsx");
	file_is(XLSX, "PK", "ledger.xlsx");
	get(office, "/api/v1/reports/ledger");
	file_is(PDF, "%PDF-", "ledger.pdf");
	snprintf(path, sizeof path, "/api/v1/reports/feedback/%s?format=docx", n1);
	get(office, path);
	file_is(DOCX, "PK", "feedback.docx");
	get(office, "/api/v1/reports/recommendation/1");
	file_is(PDF, "%PDF-", "recommendation.pdf");

	/* bad input: the field named */
	get(office, "/api/v1/reports/annual?format=xlsx");
	error_is(422, "format");
	get(office, "/api/v1/reports/annual?format=odt");
	error_is(400, "format");
	get(office, "/api/v1/reports/annual?docno=2026-7");
	error_is(422, "docno");
	get(office, "/api/v1/reports/annual?docno=%E3%80%942026%E3%80%95007%E5%8F%B7");
	error_is(422, "docno");
	get(office, "/api/v1/reports/annual?year=1999");
	error_is(400, "year");
	get(office, "/api/v1/reports/feedback/999");
	error_is(404, NULL);
	get(office, "/api/v1/reports/recommendation/999");
	error_is(404, NULL);
	get("X-None: 1", "/api/v1/reports/annual");
	error_is(401, NULL);

	/* the officer of 党委宣传部 sees the forms of the notices its list shows, and no other's */
	login("officer", "Anquanyuan#2026", officer, sizeof officer);
	notice_ids(officer, mine, &nmine);
	notice_ids(office, all, &nall);
	assert_true(nmine > 0 && nall > nmine);
	snprintf(in_scope, sizeof in_scope, "%lld", mine[0]);
	for (size_t i = 0; i < nall && !outside[0]; i++) {
		bool seen = false;

		for (size_t k = 0; k < nmine; k++)
			seen |= all[i] == mine[k];
		if (!seen)
			snprintf(outside, sizeof outside, "%lld", all[i]);
	}
	assert_true(outside[0]);
	snprintf(path, sizeof path, "/api/v1/reports/feedback/%s", in_scope);
	get(officer, path);
	file_is(PDF, "%PDF-", "feedback.pdf");
	snprintf(path, sizeof path, "/api/v1/reports/feedback/%s", outside);
	get(officer, path);
	error_is(404, NULL);
	get(officer, "/api/v1/reports/ledger?format=xlsx");
	file_is(XLSX, "PK", "ledger.xlsx");

	/* one audit entry per document given, none for a refusal */
	assert_int_equal(client_sh_out(out, sizeof out,
				"sqlite3 %s \"SELECT action || ' ' || object || ' ' || "
				"json_extract(after, '$.format') FROM audit_entry WHERE action LIKE "
				"'report.%%' AND outcome = 'ok' ORDER BY seq\"",
				db),
			 0);
	snprintf(path, sizeof path,
		 "report.annual report:annual pdf\n"
		 "report.annual report:annual docx\n"
		 "report.duties report:duties docx\n"
		 "report.ledger report:ledger xlsx\n"
		 "report.ledger report:ledger pdf\n"
		 "report.feedback notice:1 docx\n"
		 "report.recommendation incident:1 pdf\n"
		 "report.feedback notice:%s pdf\n"
		 "report.ledger report:ledger xlsx\n",
		 in_scope);
	assert_string_equal(out, path);
	/* the refusal without a sign-in is audited as such */
	assert_int_equal(client_sh_out(out, sizeof out,
				"sqlite3 %s \"SELECT count(*) FROM audit_entry WHERE action = "
				"'report.annual' AND outcome = 'denied'\"",
				db),
			 0);
	assert_string_equal(out, "1\n");
}

/* the assessment results: the year's and one unit's, as PDF, Word and a workbook; a unit outside
 * the officer's scope not found, naming the unit; audited on the sheet */
static void test_assessment(void **state)
{
	char office[256], officer[256], out[2048], want[1024];

	(void)state;
	login("office", "Bangongshi#2026", office, sizeof office);
	get(office, "/api/v1/reports/assessment");
	file_is(PDF, "%PDF-", "assessment.pdf");
	/* 考核结果 in the UTF-8 name */
	client_header(&r, "Content-Disposition", out, sizeof out);
	assert_non_null(strstr(out, "%E8%80%83%E6%A0%B8%E7%BB%93%E6%9E%9C"));
	get(office, "/api/v1/reports/assessment?format=docx&year=2025&docno=%E3%80%942026%E3%80%953%E5%8F%B7");
	file_is(DOCX, "PK", "assessment.docx");
	get(office, "/api/v1/reports/assessment?format=xlsx");
	file_is(XLSX, "PK", "assessment.xlsx");
	get(office, "/api/v1/reports/assessment?unit=XXZX&format=docx");
	file_is(DOCX, "PK", "assessment.docx");
	get(office, "/api/v1/reports/assessment?year=1999");
	error_is(400, "year");
	/* a reference the query makes that is not found is refused naming it (422, not_found) */
	get(office, "/api/v1/reports/assessment?unit=XXZX&year=2001");
	error_is(422, "unit");
	assert_non_null(strstr(r.body, "no assessment of 2001"));
	get(office, "/api/v1/reports/assessment?unit=NOPE");
	error_is(422, "unit");
	get(office, "/api/v1/reports/assessment?format=odt");
	error_is(400, "format");

	/* the officer of 党委宣传部: its own unit's results, not another's */
	login("officer", "Anquanyuan#2026", officer, sizeof officer);
	get(officer, "/api/v1/reports/assessment?unit=DWXCB&format=xlsx");
	file_is(XLSX, "PK", "assessment.xlsx");
	get(officer, "/api/v1/reports/assessment?unit=XXZX");
	error_is(422, "unit");
	assert_non_null(strstr(r.body, "not_found"));
	get(officer, "/api/v1/reports/assessment");
	file_is(PDF, "%PDF-", "assessment.pdf");

	assert_int_equal(client_sh_out(out, sizeof out,
				"sqlite3 %s \"SELECT object || ' ' || json_extract(after, '$.format') "
				"|| ' ' || json_extract(after, '$.year') || ' ' || "
				"coalesce(json_extract(after, '$.unit'), '-') FROM audit_entry WHERE "
				"action = 'report.assessment' AND outcome = 'ok' ORDER BY seq\"",
				db),
			 0);
	assert_int_equal(client_sh_out(want, sizeof want,
				"sqlite3 %s \"SELECT 'report:assessment pdf ' || y || ' -' || "
				"char(10) || 'report:assessment docx 2025 -' || char(10) || "
				"'report:assessment xlsx ' || y || ' -' || char(10) || 'assessment:' || "
				"(SELECT max(a.id) FROM assessment a JOIN unit u ON u.id = a.unit_id "
				"WHERE u.code = 'XXZX' AND a.year = y) || ' docx ' || y || ' XXZX' || "
				"char(10) || 'assessment:' || (SELECT max(a.id) FROM assessment a JOIN "
				"unit u ON u.id = a.unit_id WHERE u.code = 'DWXCB' AND a.year = y) || "
				"' xlsx ' || y || ' DWXCB' || char(10) || 'report:assessment pdf ' || y "
				"|| ' -' FROM (SELECT max(year) AS y FROM assessment)\"",
				db),
			 0);
	assert_string_equal(out, want);
}

/* save: the answer's body to path */
static void save(const char *path)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.len, f), r.len);
	fclose(f);
}

/* the ledger of the rows the asset list's filters select, as a workbook and as a document */
static void test_ledger_filtered(void **state)
{
	char office[256], out[4096], want[64], file[600];
	const char *src = getenv("CD_SOURCE");

	(void)state;
	assert_non_null(src);
	login("office", "Bangongshi#2026", office, sizeof office);
	get(office, "/api/v1/reports/ledger?format=xlsx&mlps_level=3");
	file_is(XLSX, "PK", "ledger.xlsx");
	snprintf(file, sizeof file, "%s.ledger.xlsx", db);
	save(file);
	/* the head row and one row per system of level 3 */
	assert_int_equal(client_sh_out(want, sizeof want,
				"sqlite3 %s \"SELECT count(*) + 1 FROM asset WHERE mlps_level = 3\"", db),
			 0);
	want[strcspn(want, "\n")] = 0;
	assert_true(strtol(want, NULL, 10) > 1);
	assert_int_equal(client_sh_out(out, sizeof out,
				"/usr/bin/python3 %s/tests/docs/docread.py rows %s %s 2>&1", src,
				file, want),
			 0);
	get(office, "/api/v1/reports/ledger?format=docx&mlps_level=3");
	file_is(DOCX, "PK", "ledger.docx");
	snprintf(file, sizeof file, "%s.ledger.docx", db);
	save(file);
	assert_int_equal(client_sh_out(out, sizeof out,
				"/usr/bin/python3 %s/tests/docs/docread.py text %s 符合所选条件的 "
				"共计%d个 2>&1",
				src, file, (int)strtol(want, NULL, 10) - 1),
			 0);
	get(office, "/api/v1/reports/ledger?unit=NOPE");
	error_is(400, "unit");
	get(office, "/api/v1/reports/ledger?mlps_level=9");
	error_is(400, "mlps_level");
}

static int setup(void **state)
{
	(void)state;
	tmp_db(db, sizeof db, "reports");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	{
		char cmd[1200];

		snprintf(cmd, sizeof cmd, "%s demo --db %s --profile imnu-2022 >/dev/null", bin, db);
		if (system(cmd) != 0)
			return -1;
	}
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_stop(&pid);
	reply_free(&r);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_assessment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ledger_filtered, setup, teardown),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
