/* test_verdicts.c — the dashboard's counts come from the verdicts kept beside each notice and
 * incident (schema 0038) and stay what the lists say: GET /api/v1/summary against the lists of
 * notices and incidents walked page by page, on the demo organisation, after incidents and their
 * events are written, after a notice's step, after a setting is changed by the command line
 * beside the server (the verdicts deleted: kept again at the next count), and after the clock
 * passes an incident's report deadline (no write at all: the state and what it decides are derived
 * from the kept deadline and now). A page of notices of one state is the list filtered by it;
 * today's obligations by state (kept by unit for the day, schema 0039) are the deadlines list's. */
#include "session.h"

#include <unistd.h>

static const char *phase = ""; /* what was written last, for the messages */

/* serve starts `bin serve` over db with no kept answers (--cache-mb 0: the summary is counted
 * at each request, not kept for the minute) and returns its port (0 on failure). */
static unsigned serve(void)
{
	char out[2048] = "";
	const char *p = NULL;
	pid_t child = fork();

	assert_true(child >= 0);
	if (child == 0) {
		if (!freopen(out_path, "w", stdout) || !freopen(out_path, "a", stderr))
			_exit(126);
		execl(bin, bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--cache-mb", "0",
		      (char *)NULL);
		_exit(127);
	}
	pid = child;
	for (int i = 0; i < 200 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(out_path, out, sizeof out);
	}
	return p ? (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10) : 0;
}

static int start(void **state)
{
	(void)state;
	tmp_db(db, sizeof db, "verdicts");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	if (client_sh("%s demo --db %s >/dev/null", bin, db))
		return -1;
	port = serve();
	return port ? 0 : -1;
}

/* What the lists count, in the summary's terms. */
struct lists {
	long notices, stage[5], state[6], incidents, open, grade[4], report[6], fired, questions;
};

static const char *const stages[] = {"received", "rectifying", "rectified", "feedback_sent",
                                     "verified"};
static const char *const states[] = {"open",         "due_today", "overdue",
                                     "done_on_time", "done_late", "no_deadline"};
static const char *const grades[] = {"general", "larger", "major", "especially_major"};
static const char *const grade_labels[] = {"一般", "较大", "重大", "特别重大"};

static int index_of(const char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(v[i], s))
			return (int)i;
	fail_msg("unexpected value %s", s ? s : "(null)");
	return -1;
}

/* walk calls each(item) for every item of the list at path, page by page; the count */
static long walk(const struct client *c, const char *path, void (*each)(json_t *, struct lists *),
                 struct lists *l)
{
	char url[512];
	long n = 0;

	snprintf(url, sizeof url, "%s", path);
	for (;;) {
		json_t *it, *next;
		size_t i;

		call(c, "GET", url, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			n++;
			if (each)
				each(it, l);
		}
		next = json_object_get(j, "next");
		if (!json_is_string(next))
			return n;
		snprintf(url, sizeof url, "%s%scursor=%s", path, strchr(path, '?') ? "&" : "?",
		         json_string_value(next));
	}
}

static void notice_item(json_t *it, struct lists *l)
{
	l->notices++;
	l->stage[index_of(stages, 5, json_string_value(json_object_get(it, "stage")))]++;
	l->state[index_of(states, 6, json_string_value(json_object_get(it, "state")))]++;
}

static void incident_item(json_t *it, struct lists *l)
{
	const char *rs = json_string_value(json_object_get(it, "report_state"));

	l->incidents++;
	l->open += !json_is_true(json_object_get(it, "handling_ended"));
	l->grade[index_of(grade_labels, 4, json_string_value(json_object_get(it, "grade")))]++;
	/* a report not required has no deadline: the summary counts the required ones */
	if (strcmp(rs, "no_deadline"))
		l->report[index_of(states, 6, rs)]++;
	l->fired += json_integer_value(json_object_get(it, "triggers_fired")) > 0;
	l->questions += (long)json_integer_value(json_object_get(it, "triggers_open"));
}

static long at(json_t *o, const char *a, const char *b, const char *c)
{
	json_t *v = json_object_get(o, a);

	if (b)
		v = json_object_get(v, b);
	if (c)
		v = json_object_get(v, c);
	if (!json_is_integer(v))
		fail_msg("summary: no count at %s.%s.%s", a, b ? b : "", c ? c : "");
	return (long)json_integer_value(v);
}

/* report: the summary's count of required reports in state st */
static long report(json_t *s, const char *st)
{
	json_t *v = json_object_get(json_object_get(json_object_get(s, "incidents"), "reports"),
	                            "by_state");

	if (!json_is_integer(json_object_get(v, st)))
		fail_msg("summary: no count of reports %s", st);
	return (long)json_integer_value(json_object_get(v, st));
}

/* same: the summary of c's scope equals what the lists count; returns the summary (a new
 * reference) */
static json_t *same(const struct client *c)
{
	struct lists l = {0};
	json_t *s;

	call(c, "GET", "/api/v1/summary", NULL);
	expect(200);
	s = json_incref(j);
	walk(c, "/api/v1/notices?limit=7", notice_item, &l);
	walk(c, "/api/v1/incidents?limit=3", incident_item, &l);
	assert_int_equal(at(s, "notices", "total", NULL), l.notices);
	for (int k = 0; k < 5; k++)
		assert_int_equal(at(s, "notices", "by_stage", stages[k]), l.stage[k]);
	for (int k = 0; k < 6; k++) {
		char path[128];

		assert_int_equal(at(s, "notices", "by_state", states[k]), l.state[k]);
		/* the page of one state: read through the kept verdicts, the same notices */
		snprintf(path, sizeof path, "/api/v1/notices?limit=2&state=%s", states[k]);
		assert_int_equal(walk(c, path, NULL, NULL), l.state[k]);
	}
	assert_int_equal(at(s, "incidents", "total", NULL), l.incidents);
	assert_int_equal(at(s, "incidents", "open", NULL), l.open);
	assert_int_equal(at(s, "incidents", "closed", NULL), l.incidents - l.open);
	for (int k = 0; k < 4; k++)
		assert_int_equal(at(s, "incidents", "by_grade", grades[k]), l.grade[k]);
	assert_int_equal(at(s, "incidents", "reports", "required"), l.report[0] + l.report[1] +
	                                                                l.report[2] + l.report[3] +
	                                                                l.report[4] + l.report[5]);
	for (int k = 0; k < 6; k++)
		if (report(s, states[k]) != l.report[k])
			fail_msg("%s: reports %s: the summary counts %ld, the list %ld", phase,
			         states[k], report(s, states[k]), l.report[k]);
	/* today's obligations by state, every kind (kept by unit for the day, schema 0039) as the
	 * deadlines list of that state */
	for (int k = 0; k < 5; k++) {
		json_t *o = json_object_get(s, "obligations"), *v;
		const char *kind;
		char path[128];
		long n = 0;

		json_object_foreach(o, kind, v) if (json_is_object(v)) n +=
		    at(o, kind, states[k], NULL);
		snprintf(path, sizeof path, "/api/v1/deadlines?limit=100&state=%s", states[k]);
		if (walk(c, path, NULL, NULL) != n)
			fail_msg("%s: obligations %s: the summary counts %ld, the list %ld", phase,
			         states[k], n, walk(c, path, NULL, NULL));
	}
	assert_int_equal(at(s, "incidents", "with_triggers_fired", NULL), l.fired);
	assert_int_equal(at(s, "incidents", "open_questions", NULL), l.questions);
	return s;
}

/* cst: instant t as RFC 3339 in China Standard Time */
static char *cst(time_t t, char *buf, size_t n)
{
	struct tm tm;
	time_t local = t + 8 * 3600;

	gmtime_r(&local, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
	return buf;
}

/* an incident on the system `asset`, detected at `detected`, of grade 较大 by the people whose
 * personal information leaked (report required), reported as `reporter`; its id */
static long incident(const struct client *c, const char *code, const char *asset, time_t detected,
                     const char *reporter)
{
	char body[512], path[64], t[32];
	long id;

	snprintf(body, sizeof body, "{\"code\":\"%s\",\"assets\":[\"%s\"],\"detected_at\":\"%s\"}",
	         code, asset, cst(detected, t, sizeof t));
	call(c, "POST", "/api/v1/incidents", body);
	expect(201);
	id = (long)json_integer_value(json_object_get(j, "id"));
	snprintf(path, sizeof path, "/api/v1/incidents/%ld/events", id);
	call(c, "POST", path,
	     "{\"kind\":\"measure\",\"name\":\"personal_info_people\",\"value\":\"1500000\"}");
	expect(200);
	snprintf(body, sizeof body, "{\"kind\":\"set\",\"name\":\"reporter\",\"value\":\"%s\"}",
	         reporter);
	call(c, "POST", path, body);
	expect(200);
	return id;
}

static void summary_as_lists(void **state)
{
	struct client office, officer;
	json_t *s;
	char path[256], t[32];
	long id, overdue, open;
	time_t due;
	(void)state;

	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);
	json_decref(same(&office)); /* the demo's: every verdict kept at the first count */
	json_decref(same(&officer));

	/* an incident and its events, a report, a close, a notice's step: each written with its
	 * verdict */
	phase = "an incident";
	id = incident(&office, "VERDICT-1", "NEWS", time(NULL) - 3600, "other");
	json_decref(same(&office));
	snprintf(path, sizeof path, "/api/v1/incidents/%ld/report", id);
	call(&office, "POST", path, "{\"kind\":\"initial\",\"to\":\"上级网信部门\"}");
	expect(200);
	snprintf(path, sizeof path, "/api/v1/incidents/%ld/close", id);
	call(&office, "POST", path, "{}");
	expect(200);
	phase = "its report and close";
	json_decref(same(&office));
	call(&office, "GET", "/api/v1/notices?state=due_today&limit=1", NULL);
	expect(200);
	id = (long)json_integer_value(
	    json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	snprintf(path, sizeof path, "/api/v1/notices/%ld/rectify", id);
	call(&office, "POST", path, "{\"note\":\"已整改\"}");
	expect(200);
	json_decref(same(&office));
	snprintf(path, sizeof path, "/api/v1/notices/%ld/feedback", id);
	call(&office, "POST", path, "{\"note\":\"已反馈\"}");
	expect(200);
	json_decref(same(&office));
	json_decref(same(&officer));

	/* a drill of a unit: its duties generated again, the kept obligation counts dropped */
	phase = "a record";
	snprintf(path, sizeof path,
	         "{\"kind\":\"drill\",\"unit\":\"JWC\",\"on\":\"%.10s\","
	         "\"title\":\"应急演练\"}",
	         cst(time(NULL), t, sizeof t));
	call(&office, "POST", "/api/v1/records", path);
	expect(201);
	json_decref(same(&office));
	/* a system's MLPS filing recorded: the obligations generated again at the next read, an
	 * overdue filing done late */
	phase = "a system filed";
	call(&office, "GET", "/api/v1/deadlines?state=overdue&limit=100", NULL);
	expect(200);
	{
		json_t *it;
		size_t i;
		const char *asset = NULL;
		char body[64], sysid[32];

		json_array_foreach(
		    json_object_get(j, "items"), i,
		    it) if (!asset &&
		            !strcmp(json_string_value(json_object_get(it, "kind")), "mlps_filing"))
		    asset = json_string_value(json_object_get(it, "asset"));
		assert_non_null(asset);
		assert_int_equal(
		    client_sh_out(sysid, sizeof sysid,
		                  "sqlite3 %s \"SELECT id FROM asset WHERE code = '%s'\"", db,
		                  asset),
		    0);
		snprintf(path, sizeof path, "/api/v1/assets/%ld", atol(sysid));
		snprintf(body, sizeof body, "{\"filed_on\":\"%.10s\"}",
		         cst(time(NULL), t, sizeof t));
		call(&office, "PATCH", path, body);
		expect(200);
	}
	json_decref(same(&office));

	/* a setting changed by the command line, beside the server: the organisation's reporter
	 * type moves every report deadline not recorded on its incident; the database deletes
	 * every verdict, the next count keeps them again */
	phase = "a setting";
	assert_int_equal(
	    client_sh("%s settings reporter_type central_organ --db %s >/dev/null", bin, db), 0);
	assert_int_equal(client_sh("test \"$(sqlite3 %s 'SELECT count(*) FROM notice_verdict')\""
	                           " = 0",
	                           db),
	                 0);
	json_decref(same(&office));

	/* the clock: an incident whose report (other operators: 4 hours) falls due in a few
	 * seconds, counted open; once the deadline has passed, overdue — with no write between */
	phase = "an incident due in seconds";
	due = time(NULL) + 8;
	incident(&office, "VERDICT-2", "EHALL", due - 4 * 3600, "other");
	s = same(&office);
	open = report(s, "open");
	overdue = report(s, "overdue");
	json_decref(s);
	if (time(NULL) >= due)
		fail_msg("the machine took too long: the deadline %s passed before the count",
		         cst(due, t, sizeof t));
	while (time(NULL) <= due + 1)
		sleep(1);
	phase = "its deadline passed";
	s = same(&office);
	assert_int_equal(report(s, "open"), open - 1);
	assert_int_equal(report(s, "overdue"), overdue + 1);
	json_decref(s);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(summary_as_lists, start, session_end),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
