/* test_assess.c — the yearly assessment (检查考核) through the real server: `cyberduty serve` on a
 * free loopback port over a fresh copy of the demo (内蒙古师范大学, imnu-2022), signed in as the
 * demo's office, unit officer (党委宣传部), unit leader, organisation leader and auditor. The
 * cycle 自评 → 复评 → 审定 with its refusals (wrong stage, wrong role, a return without its
 * reason, a frozen sheet), values and exemptions, the records behind computed indicators, the
 * scope of a unit officer, a new version, the ranking with the year before, the results list as
 * CSV and XLSX (read back), evidence files, the audit entries, and every assessment route
 * exercised. argv[1]: the binary. */
#include "client.h"

#include <jansson.h>
#include <math.h>
#include <zip.h>

static char *bin;
static char tpl[512], db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;

enum who { OFFICE, OFFICER, ULEADER, LEADER, AUDITOR, NWHO };
static const struct {
	const char *name, *password;
	char letter;
} acct[NWHO] = {
	[OFFICE] = {"office", "Bangongshi#2026", 'O'},
	[OFFICER] = {"officer", "Anquanyuan#2026", 'F'},
	[ULEADER] = {"unit-leader", "Fuzeren#2026a", 'U'},
	[LEADER] = {"leader", "Lingdao#2026ab", 'L'},
	[AUDITOR] = {"auditor", "Shenji#2026abc", 'A'},
};

struct client {
	char cookie[128], csrf[64];
};
static struct client cl[NWHO];
static struct reply r;
static json_t *j;

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static long sql_count(const char *stmt)
{
	char cmd[1024], buf[64] = "";
	FILE *p;

	snprintf(cmd, sizeof cmd, "sqlite3 %s \"%s\"", db, stmt);
	assert_non_null(p = popen(cmd, "r"));
	assert_non_null(fgets(buf, sizeof buf, p));
	assert_int_equal(pclose(p), 0);
	return strtol(buf, NULL, 10);
}

static void call_as(const struct client *c, const char *method, const char *path,
		    const char *body, size_t len, const char *type)
{
	char h1[200], h2[200], h3[200];
	const char *hs[4];
	size_t n = 0;

	if (c) {
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", c->cookie);
		snprintf(h2, sizeof h2, "X-CSRF-Token: %s", c->csrf);
		hs[n++] = h1;
		hs[n++] = h2;
	}
	if (body) {
		snprintf(h3, sizeof h3, "Content-Type: %s", type);
		hs[n++] = h3;
	}
	hs[n] = NULL;
	client_req(port, method, path, body, len, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

/* call: as w (NWHO: nobody), a JSON body or none. */
static void call(enum who w, const char *method, const char *path, const char *body)
{
	call_as(w < NWHO ? &cl[w] : NULL, method, path, body, body ? strlen(body) : 0,
		"application/json");
}

#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: status %ld, want %d: %s", __FILE__, __LINE__, r.status,   \
				 (int)(st), r.body);                                               \
	} while (0)

static json_t *jget(const char *path)
{
	json_t *v = j;
	char key[64];

	for (const char *p = path; v && *p;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);

		snprintf(key, sizeof key, "%.*s", (int)n, p);
		v = json_is_array(v) ? json_array_get(v, strtoul(key, NULL, 10))
				     : json_object_get(v, key);
		p = dot ? dot + 1 : p + n;
	}
	return v;
}

static const char *jstr(const char *path)
{
	const char *s = json_string_value(jget(path));

	if (!s)
		fail_msg("no text at %s: %s", path, r.body);
	return s;
}

static json_int_t jint(const char *path)
{
	return json_integer_value(jget(path));
}

/* refused: the last reply was status with this error code and field (NULL: none). */
#define refused(st, code, field)                                                                   \
	do {                                                                                       \
		expect(st);                                                                        \
		assert_string_equal(jstr("error.code"), code);                                     \
		if (field)                                                                         \
			assert_string_equal(jstr("error.field"), (const char *)(field));           \
	} while (0)

/* indicator: the JSON of indicator code on the sheet of the last reply. */
static json_t *indicator(const char *code)
{
	json_t *g, *i;
	size_t a, b;

	json_array_foreach(json_object_get(j, "groups"), a, g)
		json_array_foreach(json_object_get(g, "indicators"), b, i)
			if (!strcmp(json_string_value(json_object_get(i, "code")), code))
				return i;
	fail_msg("no indicator %s: %s", code, r.body);
	return NULL;
}

/* --- which routes were exercised ---------------------------------------------------------------- */

#define MAX_SEEN 32
static char seen[MAX_SEEN][96];
static size_t nseen;

static void saw(const char *method, const char *tmpl)
{
	char key[96];

	if (r.status < 200 || r.status > 299)
		fail_msg("%s %s: status %ld: %s", method, tmpl, r.status, r.body);
	snprintf(key, sizeof key, "%s %s", method, tmpl);
	for (size_t i = 0; i < nseen; i++)
		if (!strcmp(seen[i], key))
			return;
	assert_true(nseen < MAX_SEEN);
	snprintf(seen[nseen++], sizeof seen[0], "%s", key);
}

/* do_: as w, a route that must answer 2xx, recorded as exercised. */
static void do_(enum who w, const char *method, const char *tmpl, const char *path,
		const char *body)
{
	call(w, method, path, body);
	saw(method, tmpl);
}

/* --- fixtures ----------------------------------------------------------------------------------- */

static int make_template(void **state)
{
	(void)state;
	tmp_db(tpl, sizeof tpl, "assess-template");
	/* the demo as of 2024: its own assessments are of 2023 and 2024, these tests' of 2025, 2026 */
	return sh("%s demo --db %s --profile imnu-2022 --as-of 2024-06-30 >/dev/null", bin, tpl) ? -1
												   : 0;
}

static int drop_template(void **state)
{
	(void)state;
	unlink(tpl);
	return 0;
}

static int start(void **state)
{
	static int n;

	(void)state;
	tmp_db(db, sizeof db, "assess");
	snprintf(out_path, sizeof out_path, "%s.%d.out", db, ++n);
	if (sh("cp %s %s", tpl, db))
		return -1;
	if (!(port = client_serve(bin, db, out_path, &pid)))
		return -1;
	for (int w = 0; w < NWHO; w++) {
		char body[256], cookie[512];
		const char *p;

		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", acct[w].name,
			 acct[w].password);
		call(NWHO, "POST", "/api/v1/session", body);
		if (r.status != 201 || !client_header(&r, "Set-Cookie", cookie, sizeof cookie) ||
		    !(p = strstr(cookie, "cd_session=")))
			return -1;
		snprintf(cl[w].cookie, sizeof cl[w].cookie, "%.*s", (int)strcspn(p + 11, ";"),
			 p + 11);
		snprintf(cl[w].csrf, sizeof cl[w].csrf, "%s", jstr("csrf"));
	}
	return 0;
}

static int stop(void **state)
{
	(void)state;
	client_stop(&pid);
	reply_free(&r);
	json_decref(j);
	j = NULL;
	return 0;
}

/* --- the cycle ---------------------------------------------------------------------------------- */

static void cycle(void **state)
{
	char path[96], p2[192];
	json_int_t id, id2;

	(void)state;
	/* the unit's officer opens its own sheet; another unit is not in its scope */
	call(OFFICER, "POST", "/api/v1/assessments", "{\"unit\":\"JSJXY\",\"year\":2026}");
	refused(422, "not_found", "unit"); /* as a unit that does not exist */
	call(OFFICER, "POST", "/api/v1/assessments", "{\"unit\":\"DWXCB\",\"year\":2100}");
	refused(422, "invalid", "year");
	do_(OFFICER, "POST", "/api/v1/assessments", "/api/v1/assessments",
	    "{\"unit\":\"DWXCB\",\"year\":2026}");
	expect(201);
	id = jint("id");
	snprintf(path, sizeof path, "/api/v1/assessments/%lld", (long long)id);
	assert_string_equal(jstr("stage"), "draft");
	assert_string_equal(jstr("template.id"), "imnu-2022-assess");
	assert_int_equal(jint("score.missing"), 2); /* rules and self_check are entered by hand */
	call(OFFICER, "POST", "/api/v1/assessments", "{\"unit\":\"DWXCB\",\"year\":2026}");
	refused(409, "conflict", "unit");
	call(OFFICER, "GET", path, NULL);
	expect(200);

	/* computed indicators carry the records behind them */
	{
		json_t *i = indicator("responsible"), *rec = json_object_get(i, "records");

		assert_true(json_is_true(json_object_get(i, "computed")));
		assert_string_equal(json_string_value(json_object_get(json_object_get(i, "value"),
								      "kind")),
				    "share");
		assert_true(json_array_size(rec) >= 1);
		assert_string_equal(json_string_value(json_object_get(json_array_get(rec, 0), "code")),
				    "DWXCB");
		i = indicator("budget");
		assert_int_equal(json_integer_value(json_object_get(i, "records_total")),
				 sql_count("SELECT count(*) FROM project WHERE unit_id = (SELECT id "
					   "FROM unit WHERE code = 'DWXCB') AND year = 2026"));
	}

	/* values: a level, refusals naming the field, nothing written by a refusal */
	snprintf(p2, sizeof p2, "%s/values", path);
	call(OFFICER, "POST", p2, "{\"indicator\":\"self_check\",\"value\":\"0.7\"}");
	refused(422, "invalid", "value");
	call(OFFICER, "POST", p2, "{\"indicator\":\"meeting\",\"value\":\"2\"}");
	refused(422, "invalid", "value");
	call(OFFICER, "POST", p2, "{\"indicator\":\"nope\",\"value\":\"1\"}");
	refused(422, "invalid", "indicator");
	call(OFFICER, "POST", p2, "{\"indicator\":\"gaps\",\"exempt\":true}");
	refused(422, "invalid", "reason");
	call(OFFICER, "POST", p2, "{\"indicator\":\"rules\",\"value\":1}");
	refused(422, "invalid", "value");
	{
		char q[128];

		snprintf(q, sizeof q, "SELECT count(*) FROM assessment_value WHERE assessment_id = %lld",
			 (long long)id);
		assert_int_equal(sql_count(q), 0);
	}
	do_(OFFICER, "POST", "/api/v1/assessments/{id}/values", p2,
	    "{\"indicator\":\"rules\",\"value\":\"1\",\"note\":\"制度汇编\"}");
	assert_string_equal(json_string_value(json_object_get(indicator("rules"), "score")), "5");

	/* submitting with a manual indicator left empty is refused */
	snprintf(p2, sizeof p2, "%s/submit", path);
	call(OFFICER, "POST", p2, "{}");
	refused(422, "invalid", "values");
	snprintf(p2, sizeof p2, "%s/values", path);
	call(OFFICER, "POST", p2, "{\"indicator\":\"self_check\",\"value\":\"0.5\"}");
	expect(200);
	call(OFFICER, "POST", p2, "{\"indicator\":\"gaps\",\"exempt\":true,\"reason\":\"系统已移交\"}");
	expect(200);
	assert_string_equal(json_string_value(json_object_get(indicator("gaps"), "score")), "8");
	assert_string_equal(json_string_value(json_object_get(indicator("gaps"), "exempt_reason")),
			    "系统已移交");

	/* evidence files go with the sheet while it is open */
	snprintf(p2, sizeof p2, "%s/files?name=%%E8%%87%%AA%%E6%%9F%%A5%%E6%%8A%%A5%%E5%%91%%8A.txt",
		 path);
	call_as(&cl[OFFICER], "POST", p2, "自查报告正文\n", strlen("自查报告正文\n"),
		"application/octet-stream");
	expect(201);
	saw("POST", "/api/v1/assessments/{id}/files");
	snprintf(p2, sizeof p2, "%s/files", path);
	do_(AUDITOR, "GET", "/api/v1/assessments/{id}/files", p2, NULL);
	assert_int_equal(json_array_size(jget("items")) + json_array_size(j), 1);

	/* 自评 → 复评 → 审定, each by its role */
	snprintf(p2, sizeof p2, "%s/submit", path);
	do_(OFFICER, "POST", "/api/v1/assessments/{id}/submit", p2, "{\"comment\":\"自评完成\"}");
	assert_string_equal(jstr("stage"), "submitted");
	snprintf(p2, sizeof p2, "%s/review", path);
	call(OFFICER, "POST", p2, "{}");
	refused(403, "forbidden", NULL);
	snprintf(p2, sizeof p2, "%s/approve", path);
	call(OFFICE, "POST", p2, "{}");
	refused(403, "forbidden", NULL);
	call(LEADER, "POST", p2, "{}");
	refused(409, "conflict", NULL); /* not reviewed yet */
	snprintf(p2, sizeof p2, "%s/return", path);
	call(OFFICE, "POST", p2, "{}");
	refused(422, "required", "reason");
	do_(OFFICE, "POST", "/api/v1/assessments/{id}/return", p2, "{\"reason\":\"自查报告不完整\"}");
	assert_string_equal(jstr("stage"), "draft");
	snprintf(p2, sizeof p2, "%s/submit", path);
	call(OFFICER, "POST", p2, "{\"comment\":\"已补充\"}");
	expect(200);
	snprintf(p2, sizeof p2, "%s/review", path);
	do_(OFFICE, "POST", "/api/v1/assessments/{id}/review", p2, "{\"comment\":\"复评同意\"}");
	assert_string_equal(jstr("stage"), "reviewed");
	snprintf(p2, sizeof p2, "%s/send-back", path);
	call(LEADER, "POST", p2, "{\"reason\":\"\"}");
	refused(422, "invalid", "reason");
	do_(LEADER, "POST", "/api/v1/assessments/{id}/send-back", p2, "{\"reason\":\"请核实通报\"}");
	assert_string_equal(jstr("stage"), "submitted");
	snprintf(p2, sizeof p2, "%s/review", path);
	call(OFFICE, "POST", p2, "{\"comment\":\"已核实\"}");
	expect(200);
	snprintf(p2, sizeof p2, "%s/approve", path);
	do_(LEADER, "POST", "/api/v1/assessments/{id}/approve", p2, "{\"comment\":\"审定同意\"}");
	assert_string_equal(jstr("stage"), "approved");
	assert_true(json_is_true(jget("score.frozen")));
	assert_int_equal(json_array_size(jget("steps")), 8);
	assert_string_equal(jstr("steps.7.kind"), "approve");
	assert_string_equal(jstr("steps.7.comment"), "审定同意");
	assert_string_equal(jstr("steps.2.comment"), "自查报告不完整");
	assert_string_equal(jstr("steps.5.kind"), "send_back");

	/* frozen: computed values kept with their records; no value, no file, no step */
	{
		char q[160];

		snprintf(q, sizeof q,
			 "SELECT count(*) FROM assessment_value WHERE computed = 1 AND assessment_id = %lld",
			 (long long)id);
		assert_true(sql_count(q) >= 10);
	}
	snprintf(p2, sizeof p2, "%s/values", path);
	call(OFFICER, "POST", p2, "{\"indicator\":\"rules\",\"value\":\"0\"}");
	refused(409, "conflict", NULL);
	snprintf(p2, sizeof p2, "%s/files?name=late.txt", path);
	call_as(&cl[OFFICER], "POST", p2, "late minutes\n", 13, "application/octet-stream");
	refused(409, "conflict", NULL);
	/* a record made now does not change the approved sheet */
	call(OFFICER, "POST", "/api/v1/records",
	     "{\"kind\":\"meeting\",\"unit\":\"DWXCB\",\"on\":\"2026-01-05\",\"title\":\"专题会\"}");
	expect(201);
	do_(AUDITOR, "GET", "/api/v1/assessments/{id}", path, NULL);
	assert_string_equal(json_string_value(json_object_get(indicator("meeting"), "score")), "0");
	assert_string_equal(jstr("stage"), "approved");
	/* the records behind a frozen value are kept with it, and how many there were */
	assert_true(json_integer_value(json_object_get(indicator("responsible"), "records_total")) >= 1);
	assert_true(json_array_size(json_object_get(indicator("responsible"), "records")) >= 1);

	/* a correction is a new version */
	snprintf(p2, sizeof p2, "%s/revise", path);
	call(OFFICER, "POST", p2, "{\"reason\":\"x\"}");
	refused(403, "forbidden", NULL);
	do_(OFFICE, "POST", "/api/v1/assessments/{id}/revise", p2, "{\"reason\":\"会议记录补录\"}");
	expect(201);
	id2 = jint("id");
	assert_true(id2 != id);
	assert_int_equal(jint("version"), 2);
	assert_int_equal(jint("supersedes"), id);
	assert_string_equal(jstr("stage"), "draft");
	assert_string_equal(json_string_value(json_object_get(indicator("meeting"), "score")), "4");
	assert_string_equal(json_string_value(json_object_get(indicator("rules"), "score")), "5");
	call(OFFICE, "POST", p2, "{\"reason\":\"again\"}");
	refused(409, "conflict", NULL); /* the approved one has a later version */

	/* every step is in the audit log, in the act's own transaction */
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action LIKE 'assessment.%' "
				   "AND outcome = 'ok' AND actor <> 'demo'"),
			 12); /* open, 3 values, submit, return, submit, review, send-back, review,
			       * approve, revise */
	assert_int_equal(sql_count("SELECT count(*) FROM audit_entry WHERE action = "
				   "'assessment.return' AND outcome = 'ok' AND actor <> 'demo'"),
			 1);
	assert_int_equal(sh("%s audit verify --db %s >/dev/null", bin, db), 0);
}

/* open, fill and approve unit's sheet of year as office and leader; returns its id. */
static json_int_t run_through(const char *unit, int year, const char *rules, const char *veto)
{
	char body[128], path[96], p[128];
	json_int_t id;

	snprintf(body, sizeof body, "{\"unit\":\"%s\",\"year\":%d}", unit, year);
	call(OFFICE, "POST", "/api/v1/assessments", body);
	expect(201);
	id = jint("id");
	snprintf(path, sizeof path, "/api/v1/assessments/%lld", (long long)id);
	snprintf(p, sizeof p, "%s/values", path);
	snprintf(body, sizeof body, "{\"indicator\":\"rules\",\"value\":\"%s\"}", rules);
	call(OFFICE, "POST", p, body);
	expect(200);
	call(OFFICE, "POST", p, "{\"indicator\":\"self_check\",\"value\":\"1\"}");
	expect(200);
	if (veto) {
		snprintf(body, sizeof body, "{\"indicator\":\"falsification\",\"value\":\"%s\"}", veto);
		call(OFFICE, "POST", p, body);
		expect(200);
	}
	snprintf(p, sizeof p, "%s/submit", path);
	call(OFFICE, "POST", p, "{}");
	expect(200);
	snprintf(p, sizeof p, "%s/review", path);
	call(OFFICE, "POST", p, "{}");
	expect(200);
	snprintf(p, sizeof p, "%s/approve", path);
	call(LEADER, "POST", p, "{}");
	expect(200);
	return id;
}

/* The ranking, the year before, the veto, scope and the results list. */
static void ranking(void **state)
{
	char total[3][16];
	zip_t *z;
	int err = 0;

	(void)state;
	run_through("DWXCB", 2025, "0", NULL);
	run_through("DWXCB", 2026, "1", NULL);
	run_through("XXZX", 2026, "1", "1"); /* vetoed: last, no rank */
	call(OFFICE, "POST", "/api/v1/assessments", "{\"unit\":\"JSJXY\",\"year\":2026}");
	expect(201); /* left in draft: unscored */

	do_(OFFICE, "GET", "/api/v1/assessments/ranking", "/api/v1/assessments/ranking?year=2026",
	    NULL);
	assert_int_equal(json_array_size(jget("ranking")), 3);
	assert_string_equal(jstr("ranking.0.unit.code"), "DWXCB");
	assert_int_equal(jint("ranking.0.rank"), 1);
	snprintf(total[0], sizeof total[0], "%s", jstr("ranking.0.total"));
	snprintf(total[1], sizeof total[1], "%s", jstr("ranking.0.previous.total"));
	/* the change is this year's total less last year's */
	assert_true(fabs(strtod(total[0], NULL) - strtod(total[1], NULL) -
			 strtod(jstr("ranking.0.change"), NULL)) < 0.001);
	assert_string_equal(jstr("ranking.1.unit.code"), "XXZX");
	assert_true(json_is_null(jget("ranking.1.rank")));
	assert_true(json_is_true(jget("ranking.1.vetoed")));
	assert_string_equal(jstr("ranking.1.grade_label"), "不合格");
	assert_string_equal(jstr("ranking.2.unit.code"), "JSJXY");
	assert_true(json_is_null(jget("ranking.2.total")));
	call(OFFICE, "GET", "/api/v1/assessments/ranking", NULL);
	refused(400, "invalid", "year");

	/* a unit officer sees its own unit only */
	do_(OFFICER, "GET", "/api/v1/assessments", "/api/v1/assessments?year=2026", NULL);
	assert_int_equal(json_array_size(jget("items")), 1);
	assert_string_equal(jstr("items.0.unit.code"), "DWXCB");
	call(OFFICER, "GET", "/api/v1/assessments/ranking?year=2026", NULL);
	assert_int_equal(json_array_size(jget("ranking")), 1);
	call(OFFICE, "GET", "/api/v1/assessments?year=2026&stage=approved", NULL);
	assert_int_equal(json_array_size(jget("items")), 2);
	{
		char p[64];

		snprintf(p, sizeof p, "/api/v1/assessments/%lld",
			 (long long)sql_count("SELECT id FROM assessment WHERE unit_id = (SELECT id "
					      "FROM unit WHERE code = 'XXZX') AND year = 2026"));
		call(OFFICER, "GET", p, NULL);
		refused(404, "not_found", NULL);
	}

	/* the results list: CSV, and XLSX read back */
	do_(LEADER, "GET", "/api/v1/assessments/results", "/api/v1/assessments/results?year=2026",
	    NULL);
	assert_non_null(strstr(r.body, "名次,单位代码,单位名称"));
	snprintf(total[2], sizeof total[2], "\n1,DWXCB,");
	assert_non_null(strstr(r.body, total[2]));
	call(LEADER, "GET", "/api/v1/assessments/results?year=2026&format=xlsx", NULL);
	expect(200);
	assert_true(r.len > 100 && !memcmp(r.body, "PK", 2));
	{
		zip_source_t *src = zip_source_buffer_create(r.body, r.len, 0, NULL);
		zip_file_t *f;
		char xml[65536];
		zip_int64_t n;
		char want[64];

		assert_non_null(src);
		assert_non_null(z = zip_open_from_source(src, ZIP_RDONLY, NULL));
		assert_non_null(f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0));
		n = zip_fread(f, xml, sizeof xml - 1);
		assert_true(n > 0);
		xml[n] = '\0';
		zip_fclose(f);
		zip_close(z);
		assert_non_null(strstr(xml, "DWXCB"));
		assert_non_null(strstr(xml, "XXZX"));
		snprintf(want, sizeof want, "<v>%s</v>", total[0]); /* the total, a number cell */
		assert_non_null(strstr(xml, want));
		snprintf(want, sizeof want, "<v>%s</v>", total[1]);
		assert_non_null(strstr(xml, want));
	}
	(void)err;
	call(LEADER, "GET", "/api/v1/assessments/results?year=2026&format=pdf", NULL);
	refused(400, "invalid", "format");
}

/* Who may take each route, by hand: O office, F unit officer, U unit leader, L organisation
 * leader, A auditor (test_api.c's matrix adds the administrators). */
static void matrix(void **state)
{
	static const struct {
		const char *method, *path, *who;
	} m[] = {
		{"GET", "/api/v1/assessments", "OFULA"},
		{"POST", "/api/v1/assessments", "OF"},
		{"GET", "/api/v1/assessments/ranking", "OFULA"},
		{"GET", "/api/v1/assessments/results", "OFULA"},
		{"GET", "/api/v1/assessments/1", "OFULA"},
		{"POST", "/api/v1/assessments/1/values", "OF"},
		{"POST", "/api/v1/assessments/1/submit", "OF"},
		{"POST", "/api/v1/assessments/1/review", "O"},
		{"POST", "/api/v1/assessments/1/approve", "L"},
		{"POST", "/api/v1/assessments/1/return", "O"},
		{"POST", "/api/v1/assessments/1/send-back", "L"},
		{"POST", "/api/v1/assessments/1/revise", "O"},
		{"GET", "/api/v1/assessments/1/files", "OFULA"},
		{"POST", "/api/v1/assessments/1/files", "OF"},
	};

	long sheets = sql_count("SELECT count(*) FROM assessment");

	(void)state;
	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		for (int w = 0; w < NWHO; w++) {
			bool may = strchr(m[i].who, acct[w].letter) != NULL;
			char p[128];

			/* a malformed request: passing the permission check shows as 400/422 */
			if (!strcmp(m[i].method, "GET") || strstr(m[i].path, "/files")) {
				snprintf(p, sizeof p, "%s?zz_probe=1", m[i].path);
				call(w, m[i].method, p, NULL);
			} else {
				call(w, m[i].method, m[i].path, "{\"zz_probe\":1}");
			}
			if (may ? r.status != 400 && r.status != 422 : r.status != 403)
				fail_msg("%s %s %s: %ld, want %s: %s", acct[w].name, m[i].method,
					 m[i].path, r.status, may ? "allowed" : "403", r.body);
		}
	assert_int_equal(sql_count("SELECT count(*) FROM assessment"), sheets); /* nothing written */
	/* every assessment route the server describes is exercised above or here */
	call(NWHO, "GET", "/api/v1/openapi.json", NULL);
	{
		const char *p, *meth;
		json_t *item, *op;
		size_t described = 0;

		json_object_foreach(json_object_get(j, "paths"), p, item) {
			if (strncmp(p, "/api/v1/assessments", 19))
				continue;
			json_object_foreach(item, meth, op) {
				bool found = false;

				(void)op;
				for (size_t i = 0; i < sizeof m / sizeof *m; i++) {
					char tmpl[96];
					const char *one = strstr(m[i].path, "/1");

					snprintf(tmpl, sizeof tmpl, "%.*s%s%s",
						 one ? (int)(one - m[i].path) : (int)strlen(m[i].path),
						 m[i].path, one ? "/{id}" : "", one ? one + 2 : "");
					found |= !strcasecmp(m[i].method, meth) && !strcmp(tmpl, p);
				}
				if (!found)
					fail_msg("no row of the matrix for %s %s", meth, p);
				described++;
			}
		}
		assert_int_equal(described, sizeof m / sizeof *m);
	}
}

/* Every assessment route was exercised by the tests before (run last). */
static void exercised(void **state)
{
	(void)state;
	assert_int_equal(nseen, 14);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cycle, start, stop),
		cmocka_unit_test_setup_teardown(ranking, start, stop),
		cmocka_unit_test_setup_teardown(matrix, start, stop),
		cmocka_unit_test(exercised),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, make_template, drop_template);
}
