/* test_lines.c — a line of GET /api/v1/incidents is read from the incident's kept verdict
 * (schema 0043) and says what the engine says: on the demo organisation, each line of the list,
 * read once to keep the verdicts and again from them, equals the line `cyberduty incident list
 * --json` computes through the engine (the answer's "id" and labels aside) — at the start, after
 * an incident whose report is required and another whose outage is still running (its verdict
 * volatile: the engine at every read), after a report, after handling ends (the summary owed),
 * and with the kept verdicts of the other incidents read while these change. */
#include "client.h"

#include <jansson.h>
#include <time.h>
#include <unistd.h>

static char *bin;
static char db[512], out_path[600];
static pid_t pid = -1;
static unsigned port;
static char cookie[128], csrf[128];
static struct reply r;
static json_t *j;
static const char *phase = "";

static void call(const char *method, const char *path, const char *body)
{
	char h1[200], h2[200];
	const char *hs[4] = {h1, h2, NULL, NULL};

	snprintf(h1, sizeof h1, "Cookie: cd_session=%s", cookie);
	snprintf(h2, sizeof h2, "X-CSRF-Token: %s", csrf);
	if (body)
		hs[2] = "Content-Type: application/json";
	client_req(port, method, path, body, body ? strlen(body) : 0, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: %s: status %ld, want %d: %.600s", __FILE__, __LINE__,     \
				 phase, r.status, (int)(st), r.body);                              \
	} while (0)

static int start(void **state)
{
	(void)state;
	tmp_db(db, sizeof db, "lines");
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

static void login(void)
{
	char set[512];
	const char *p;

	cookie[0] = csrf[0] = '\0';
	call("POST", "/api/v1/session", "{\"name\":\"office\",\"password\":\"Bangongshi#2026\"}");
	expect(201);
	assert_non_null(client_header(&r, "Set-Cookie", set, sizeof set));
	assert_non_null(p = strstr(set, "cd_session="));
	snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(j, "csrf")));
}

/* kept: how many incidents have a kept verdict */
static long kept(void)
{
	char out[64] = "";

	assert_int_equal(client_sh_out(out, sizeof out,
				       "sqlite3 %s 'SELECT count(*) FROM incident_verdict'", db),
			 0);
	return atol(out);
}

/* same_lines: the API's lines (each line from its kept verdict, those missing kept first; read
 * twice) against the command line's, computed by the engine; the number of lines */
static size_t same_lines(void)
{
	static char cli[1 << 20];
	json_t *engine, *lines = NULL, *item;
	size_t i;

	for (int round = 0; round < 2; round++) {
		call("GET", "/api/v1/incidents?limit=200", NULL);
		expect(200);
		json_decref(lines);
		lines = json_incref(json_object_get(j, "items"));
	}
	assert_int_equal(client_sh_out(cli, sizeof cli, "%s incident list --json --db %s", bin, db),
			 0);
	assert_non_null(engine = json_loads(cli, 0, NULL));
	/* the command line lists what was detected by now (the demo dates one later today) */
	json_array_foreach(json_object_get(engine, "incidents"), i, item) {
		const char *code = json_string_value(json_object_get(item, "code"));
		json_t *mine = NULL, *v;
		const char *key;
		void *tmp;
		size_t k;

		json_array_foreach(lines, k, v)
			if (!strcmp(json_string_value(json_object_get(v, "code")), code))
				mine = json_deep_copy(v);
		if (!mine)
			fail_msg("%s: %s is not in the list", phase, code);
		json_object_del(mine, "id");
		json_object_foreach_safe(mine, tmp, key, v) {
			size_t n = strlen(key);

			if (n > 6 && !strcmp(key + n - 6, "_label"))
				json_object_del(mine, key);
		}
		if (!json_equal(mine, item)) {
			char *a = json_dumps(mine, JSON_COMPACT), *b = json_dumps(item, JSON_COMPACT);

			fail_msg("%s: %s\n  kept:   %s\n  engine: %s", phase, code, a, b);
		}
		json_decref(mine);
	}
	i = json_array_size(lines);
	json_decref(lines);
	json_decref(engine);
	return i;
}

static char *cst(time_t t, char *buf, size_t n)
{
	t += 8 * 3600;
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S+08:00", gmtime(&t));
	return buf;
}

static long create(const char *code, time_t detected)
{
	char body[256], t[32];

	snprintf(body, sizeof body, "{\"code\":\"%s\",\"assets\":[\"EHALL\"],\"detected_at\":\"%s\"}",
		 code, cst(detected, t, sizeof t));
	call("POST", "/api/v1/incidents", body);
	expect(201);
	return (long)json_integer_value(json_object_get(j, "id"));
}

static void event(long id, const char *what, const char *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/incidents/%ld/%s", id, what);
	call("POST", path, body);
	expect(200);
}

static void lines_from_verdicts(void **state)
{
	char body[256], t[32];
	time_t now = time(NULL);
	long leak, outage;
	size_t n;

	(void)state;
	login();
	phase = "the demo";
	n = same_lines();
	assert_true(n > 0);
	if (kept() == 0)
		fail_msg("no verdict kept after reading the list");

	phase = "a leak, report required";
	leak = create("LINES-1", now - 3600);
	event(leak, "events",
	      "{\"kind\":\"measure\",\"name\":\"personal_info_people\",\"value\":\"1500000\"}");
	assert_int_equal(same_lines(), n + 1);

	phase = "an outage still running";
	outage = create("LINES-2", now - 7200);
	snprintf(body, sizeof body, "{\"kind\":\"set\",\"name\":\"outage_start\",\"value\":\"%s\"}",
		 cst(now - 7000, t, sizeof t));
	event(outage, "events", body);
	assert_int_equal(same_lines(), n + 2);

	phase = "a report";
	event(leak, "report", "{\"kind\":\"initial\",\"to\":\"上级网信部门\"}");
	assert_int_equal(same_lines(), n + 2);

	phase = "handling ended: the summary owed";
	event(leak, "close", "{}");
	assert_int_equal(same_lines(), n + 2);
	phase = "read again";
	assert_int_equal(same_lines(), n + 2);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lines_from_verdicts, start, stop),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
