/* test_org.c — the organisation routes against the real server on a fresh demo database
 * (内蒙古师范大学, imnu-2022): the responsibility matrix (a vacancy, the holder on an earlier day,
 * paging by unit, a caller's scope), one cell's history, the handover of a role (the old term
 * ends the day before, nothing overwritten, both entries audited; refusals naming the field,
 * nothing written), and when the session ends in GET /session. argv[1]: the binary. */
#include "client.h"

#include <jansson.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;

struct who {
	char cookie[128], csrf[64];
};
static struct who office, officer;
static struct reply r;
static json_t *j;

static void call(const struct who *w, const char *method, const char *path, const char *body)
{
	char h1[200], h2[200];
	const char *hs[4] = {h1, h2, body ? "Content-Type: application/json" : NULL, NULL};

	snprintf(h1, sizeof h1, "Cookie: cd_session=%s", w ? w->cookie : "");
	snprintf(h2, sizeof h2, "X-CSRF-Token: %s", w ? w->csrf : "");
	reply_free(&r);
	client_req(port, method, path, body, body ? strlen(body) : 0, hs, &r);
	json_decref(j);
	j = json_loads(r.body ? r.body : "", 0, NULL);
}

#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: status %ld, want %d: %s", __FILE__, __LINE__, r.status,   \
				 (int)(st), r.body);                                               \
	} while (0)

static void sign_in(struct who *w, const char *name, const char *password)
{
	char body[256], cookie[512];
	const char *p;

	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(p = strstr(cookie, "cd_session="));
	snprintf(w->cookie, sizeof w->cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	snprintf(w->csrf, sizeof w->csrf, "%s", json_string_value(json_object_get(j, "csrf")));
}

static int setup(void **state)
{
	char cmd[1200];

	(void)state;
	tmp_db(db, sizeof db, "org");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	snprintf(cmd, sizeof cmd, "%s demo --db %s --profile imnu-2022 >/dev/null", bin, db);
	if (system(cmd) != 0)
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	if (!port)
		return -1;
	sign_in(&office, "office", "Bangongshi#2026");
	sign_in(&officer, "officer", "Anquanyuan#2026");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_stop(&pid);
	reply_free(&r);
	json_decref(j);
	return 0;
}

/* cell: the cell of role in the row of unit in the last matrix page, or NULL. */
static json_t *cell(const char *unit, const char *role)
{
	size_t i, k;
	json_t *u, *c;

	json_array_foreach(json_object_get(j, "items"), i, u) {
		if (strcmp(json_string_value(json_object_get(u, "unit")), unit))
			continue;
		json_array_foreach(json_object_get(u, "cells"), k, c)
			if (!strcmp(json_string_value(json_object_get(c, "role")), role))
				return c;
	}
	return NULL;
}

static const char *holder(json_t *c, size_t i)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(c, "holders"), i), "person"));
}

static void matrix(void **state)
{
	json_t *c;
	size_t n = 0, pages = 0;
	char path[300], next[64] = "";

	(void)state;
	call(&office, "GET", "/api/v1/matrix?limit=200", NULL);
	expect(200);
	assert_non_null(json_object_get(j, "roles"));
	/* 外国语学院 has no direct responsible: required there, so vacant */
	assert_non_null(c = cell("WGYXY", "direct_responsible"));
	assert_true(json_is_true(json_object_get(c, "vacant")));
	assert_int_equal(json_array_size(json_object_get(c, "holders")), 0);
	/* the top's direct responsible changed hands in 2024: T0004 now, T0007 in 2022 */
	assert_non_null(c = cell("IMNU", "direct_responsible"));
	assert_string_equal(holder(c, 0), "T0004");
	assert_true(json_is_false(json_object_get(c, "vacant")));
	assert_int_equal(json_integer_value(json_object_get(c, "terms")), 2);
	call(&office, "GET", "/api/v1/matrix?on=2022-01-01&limit=200", NULL);
	expect(200);
	assert_string_equal(json_string_value(json_object_get(j, "on")), "2022-01-01");
	assert_string_equal(holder(cell("IMNU", "direct_responsible"), 0), "T0007");
	/* pages of 5 units walk every unit once */
	do {
		snprintf(path, sizeof path, "/api/v1/matrix?limit=5%s%s", next[0] ? "&cursor=" : "",
			 next);
		call(&office, "GET", path, NULL);
		expect(200);
		assert_true(json_array_size(json_object_get(j, "items")) <= 5);
		n += json_array_size(json_object_get(j, "items"));
		pages++;
		snprintf(next, sizeof next, "%s",
			 json_is_string(json_object_get(j, "next"))
				 ? json_string_value(json_object_get(j, "next"))
				 : "");
	} while (next[0] && pages < 100);
	call(&office, "GET", "/api/v1/matrix?limit=200", NULL);
	assert_int_equal(n, json_array_size(json_object_get(j, "items")));
	/* the officer's scope is 党委宣传部's subtree: the top unit is not in it */
	call(&officer, "GET", "/api/v1/matrix?limit=200", NULL);
	expect(200);
	assert_null(cell("IMNU", "direct_responsible"));
	assert_non_null(cell("DWXCB", "first_responsible"));
	call(&office, "GET", "/api/v1/matrix?on=2022-13-01", NULL);
	expect(400);
}

static void history(void **state)
{
	(void)state;
	call(&office, "GET", "/api/v1/matrix/cell?unit=IMNU&role=direct_responsible", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	/* the latest first */
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(j, "items"), 0), "person")),
			    "T0004");
	call(&office, "GET", "/api/v1/matrix/cell?role=direct_responsible", NULL);
	expect(400);
	call(&office, "GET", "/api/v1/matrix/cell?unit=IMNU&role=king", NULL);
	expect(400);
	call(&office, "GET", "/api/v1/matrix/cell?unit=NOPE&role=principal", NULL);
	assert_true(r.status == 404 || r.status == 422);
	/* another unit's cell is as one that does not exist */
	call(&officer, "GET", "/api/v1/matrix/cell?unit=IMNU&role=direct_responsible", NULL);
	assert_true(r.status == 404 || r.status == 422);
}

static long long duty_of(const char *unit, const char *role, const char *person)
{
	char path[200];
	size_t i;
	json_t *d;

	snprintf(path, sizeof path, "/api/v1/matrix/cell?unit=%s&role=%s", unit, role);
	call(&office, "GET", path, NULL);
	expect(200);
	json_array_foreach(json_object_get(j, "items"), i, d)
		if (!strcmp(json_string_value(json_object_get(d, "person")), person))
			return json_integer_value(json_object_get(d, "duty"));
	return 0;
}

static void handover(void **state)
{
	char path[200];
	long long old = duty_of("IMNU", "direct_responsible", "T0004");
	json_t *items;

	(void)state;
	assert_true(old > 0);
	snprintf(path, sizeof path, "/api/v1/duties/%lld/handover", old);
	/* refusals name the field, and write nothing */
	call(&office, "POST", path, "{\"person\":\"T0007\",\"from\":\"2023-06-01\"}");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "from");
	call(&office, "POST", path, "{\"person\":\"NOBODY\",\"from\":\"2026-11-30\"}");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "person");
	call(&office, "POST", path, "{\"from\":\"2026-11-30\"}");
	expect(422);
	call(&office, "GET", "/api/v1/matrix/cell?unit=IMNU&role=direct_responsible", NULL);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	/* the officer may not reach the top unit's duty */
	call(&officer, "POST", path, "{\"person\":\"T0007\",\"from\":\"2026-11-30\"}");
	expect(404);

	call(&office, "POST", path,
	     "{\"person\":\"T0007\",\"from\":\"2026-11-30\",\"note\":\"党委发〔2026〕9号\"}");
	expect(201);
	assert_string_equal(json_string_value(json_object_get(j, "person")), "T0007");
	assert_string_equal(json_string_value(json_object_get(j, "from")), "2026-11-30");
	assert_string_equal(json_string_value(json_object_get(j, "role")), "direct_responsible");
	call(&office, "GET", "/api/v1/matrix/cell?unit=IMNU&role=direct_responsible", NULL);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "person")),
			    "T0007");
	assert_true(json_is_null(json_object_get(json_array_get(items, 0), "to")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "to")),
			    "2026-11-29");
	call(&office, "GET", "/api/v1/matrix?on=2026-11-29&limit=200", NULL);
	assert_string_equal(holder(cell("IMNU", "direct_responsible"), 0), "T0004");
	call(&office, "GET", "/api/v1/matrix?on=2026-11-30&limit=200", NULL);
	assert_string_equal(holder(cell("IMNU", "direct_responsible"), 0), "T0007");
	assert_true(json_is_false(json_object_get(cell("IMNU", "direct_responsible"), "overlap")));
}

static void session_times(void **state)
{
	json_t *s;

	(void)state;
	call(&office, "GET", "/api/v1/session", NULL);
	expect(200);
	assert_non_null(s = json_object_get(j, "session"));
	assert_int_equal(json_integer_value(json_object_get(s, "idle_minutes")), 30);
	assert_non_null(json_string_value(json_object_get(s, "idle_expires_at")));
	assert_non_null(json_string_value(json_object_get(s, "expires_at")));
	assert_true(strcmp(json_string_value(json_object_get(s, "expires_at")),
			   json_string_value(json_object_get(s, "idle_expires_at"))) > 0);
}

/* a password the system administrator reset (here by the command line, as the page's route
 * does) must be changed before anything else; the change clears it */
static void reset(void **state)
{
	char cmd[1200];
	struct who leader;

	(void)state;
	snprintf(cmd, sizeof cmd, "printf '%%s\\n' 'Linshi#Mima2026' | %s user reset leader --db %s >/dev/null",
		 bin, db);
	assert_int_equal(system(cmd), 0);
	sign_in(&leader, "leader", "Linshi#Mima2026");
	assert_true(json_is_true(json_object_get(json_object_get(j, "account"), "password_expired")));
	call(&leader, "GET", "/api/v1/matrix", NULL);
	expect(403);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "password_expired");
	call(&leader, "POST", "/api/v1/session/password",
	     "{\"old\":\"Linshi#Mima2026\",\"new\":\"Lingdao#Xin2026ab\"}");
	expect(200);
	sign_in(&leader, "leader", "Lingdao#Xin2026ab");
	assert_true(json_is_false(json_object_get(json_object_get(j, "account"), "password_expired")));
	call(&leader, "GET", "/api/v1/matrix?limit=1", NULL);
	expect(200);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matrix),
		cmocka_unit_test(history),
		cmocka_unit_test(handover),
		cmocka_unit_test(session_times),
		cmocka_unit_test(reset),
	};
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: http_org CYBERDUTY\n");
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
