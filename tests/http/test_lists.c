/* test_lists.c — what the web pages read from the lists of notices and incidents: the notices and
 * the incidents of one system (GET /api/v1/notices?asset=, /incidents?asset=: a system's page
 * reads only its own, in SQL, never the whole list), paged by the cursor, with a state too; a
 * system outside the caller's scope "not found" as any other reference; an incident's line with
 * the first report's deadline (report_due). The real `cyberduty serve` on a fresh demo database,
 * driven with libcurl. argv[1]: the binary. */
#include "client.h"

#include <jansson.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;
static struct reply r;
static json_t *j;
static char cookie[160];

/* get: GET path as the signed-in account (cookie), the answer decoded into j */
static void get(const char *path)
{
	const char *hs[] = {cookie, NULL};

	client_req(port, "GET", path, NULL, 0, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: status %ld, want %d: %s", __FILE__, __LINE__, r.status,   \
				 (int)(st), r.body);                                               \
	} while (0)

static void login(const char *name, const char *password)
{
	char body[256], set[512];
	const char *p;

	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
	{
		const char *hs[] = {"Content-Type: application/json", NULL};

		client_req(port, "POST", "/api/v1/session", body, strlen(body), hs, &r);
	}
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", set, sizeof set));
	assert_non_null(p = strstr(set, "cd_session="));
	snprintf(cookie, sizeof cookie, "Cookie: cd_session=%.*s", (int)strcspn(p + 11, ";"),
		 p + 11);
}

static int start(void **state)
{
	(void)state;
	tmp_db(db, sizeof db, "lists");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	if (client_sh("%s demo --db %s >/dev/null", bin, db))
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
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

/* names: whether every item of the page in j names system `code` among its assets */
static bool names(const char *code)
{
	json_t *items = json_object_get(j, "items"), *it, *a;
	size_t i, k;

	json_array_foreach(items, i, it)
	{
		bool found = false;

		json_array_foreach(json_object_get(it, "assets"), k, a)
			found |= !strcmp(json_string_value(a), code);
		if (!found)
			return false;
	}
	return true;
}

static size_t count(void)
{
	return json_array_size(json_object_get(j, "items"));
}

static void of_one_system(void **state)
{
	char path[256];
	const char *next;

	(void)state;
	login("office", "Bangongshi#2026");
	/* the demo: two notices on the portal (WWW), one of them overdue */
	get("/api/v1/notices?asset=WWW");
	expect(200);
	assert_int_equal(count(), 2);
	assert_true(names("WWW"));
	get("/api/v1/notices?asset=WWW&state=overdue");
	expect(200);
	assert_int_equal(count(), 1);
	assert_true(names("WWW"));
	/* a page at a time by the cursor */
	get("/api/v1/notices?asset=WWW&limit=1");
	expect(200);
	assert_int_equal(count(), 1);
	assert_non_null(next = json_string_value(json_object_get(j, "next")));
	snprintf(path, sizeof path, "/api/v1/notices?asset=WWW&limit=1&cursor=%s", next);
	get(path);
	expect(200);
	assert_int_equal(count(), 1);
	assert_true(names("WWW"));
	assert_true(json_is_null(json_object_get(j, "next")) || !json_object_get(j, "next"));
	/* the incidents of the news site: one of the demo's seven */
	get("/api/v1/incidents?asset=NEWS");
	expect(200);
	assert_int_equal(count(), 1);
	assert_true(names("NEWS"));
	get("/api/v1/incidents");
	expect(200);
	assert_true(count() > 1);
	/* no such system: refused (422, as any reference the caller gives), the field named */
	get("/api/v1/incidents?asset=NOPE");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "asset");
}

static void outside_the_scope(void **state)
{
	(void)state;
	/* the officer of 党委宣传部: the portal is theirs, the academic affairs system is not */
	login("officer", "Anquanyuan#2026");
	get("/api/v1/notices?asset=WWW");
	expect(200);
	assert_int_equal(count(), 2);
	get("/api/v1/notices?asset=JWXT");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "asset");
	get("/api/v1/incidents?asset=JWXT");
	expect(422);
}

static void report_due_in_the_list(void **state)
{
	json_t *it;
	size_t i, due = 0;

	(void)state;
	login("office", "Bangongshi#2026");
	get("/api/v1/incidents?limit=50");
	expect(200);
	json_array_foreach(json_object_get(j, "items"), i, it)
	{
		json_t *d = json_object_get(it, "report_due");

		assert_non_null(d); /* always answered: null when no report is required */
		if (json_is_string(d)) {
			due++;
			assert_int_equal(strlen(json_string_value(d)), 25); /* RFC 3339, +08:00 */
		}
	}
	assert_true(due > 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(of_one_system, start, stop),
		cmocka_unit_test_setup_teardown(outside_the_scope, start, stop),
		cmocka_unit_test_setup_teardown(report_due_in_the_list, start, stop),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
