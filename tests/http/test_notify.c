/* test_notify.c — the notification routes as clients see them: the real `cyberduty serve` on a
 * free loopback port over a fresh demo database (whose scheduler put reminders in the bells) and
 * a robot played on loopback by tests/notify/robots.py. The bell (list, pages, unread only, the
 * count, read and unread, another's message refused), each account's channels, the office's
 * rules and outbox, the security administrator's channels (created, changed, tested; their
 * secrets never answered nor audited), a bearer token refused a bell. argv[1]: the binary. */
#include "client.h"

#include <jansson.h>

static char *bin;
static char dir[512], db[600], out_path[600], robots[600];
static pid_t pid = -1, robot_pid = -1;
static unsigned port, robot_port;

struct sess {
	char cookie[128], csrf[64];
};
static struct reply r;
static json_t *j;

static int sh_out(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int sh_out(char *buf, size_t n, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	FILE *p;
	size_t k;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	assert_non_null(p = popen(cmd, "r"));
	k = fread(buf, 1, n - 1, p);
	buf[k] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* call performs METHOD path as s (NULL: nobody; a "Bearer …" text in csrf: a token) with body. */
static void call(const struct sess *s, const char *method, const char *path, const char *body)
{
	char cookie[160], csrf[128];
	const char *h[4] = {"Content-Type: application/json", NULL, NULL, NULL};

	if (s && !strncmp(s->csrf, "Bearer ", 7)) {
		snprintf(csrf, sizeof csrf, "Authorization: %s", s->csrf);
		h[1] = csrf;
	} else if (s) {
		snprintf(cookie, sizeof cookie, "Cookie: %s", s->cookie);
		snprintf(csrf, sizeof csrf, "X-CSRF-Token: %s", s->csrf);
		h[1] = cookie;
		h[2] = csrf;
	}
	client_req(port, method, path, body, body ? strlen(body) : 0, h, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

static void expect(long status)
{
	if (r.status != status)
		fail_msg("want %ld, got %ld: %s", status, r.status, r.body);
}

static json_int_t jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void login(struct sess *s, const char *name, const char *password, const char *totp_key)
{
	char body[256], code[16] = "", cookie[256];
	const char *c;

	if (totp_key) {
		assert_int_equal(sh_out(code, sizeof code, "oathtool --totp -b %s", totp_key), 0);
		code[strcspn(code, "\n")] = '\0';
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\",\"totp\":\"%s\"}",
			 name, password, code);
	} else {
		snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"}", name, password);
	}
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
	assert_non_null(c = client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	snprintf(s->cookie, sizeof s->cookie, "%.*s", (int)strcspn(c, ";"), c);
	snprintf(s->csrf, sizeof s->csrf, "%s", json_string_value(json_object_get(j, "csrf")));
}

static int setup(void **state)
{
	char buf[2048];

	(void)state;
	snprintf(dir, sizeof dir, "%s/http-notify", getenv("CD_TMP") ? getenv("CD_TMP") : "/tmp");
	snprintf(db, sizeof db, "%s/demo.db", dir);
	snprintf(out_path, sizeof out_path, "%s/serve.out", dir);
	snprintf(robots, sizeof robots, "%s/robots", dir);
	assert_int_equal(sh_out(buf, sizeof buf, "rm -rf %s && mkdir -p %s && %s demo --db %s "
						 ">/dev/null && echo ok", dir, robots, bin, db), 0);
	robot_pid = fork();
	assert_true(robot_pid >= 0);
	if (robot_pid == 0) {
		char script[600];

		snprintf(script, sizeof script, "%s/tests/notify/robots.py", getenv("CD_SOURCE"));
		if (!freopen("/dev/null", "w", stdout))
			_exit(126);
		execl("/usr/bin/python3", "python3", script, robots, "--wecom-key", "k-secret-9",
		      (char *)NULL);
		_exit(127);
	}
	snprintf(buf, sizeof buf, "%s/port", robots);
	for (int i = 0; i < 200 && !robot_port; i++) {
		char p[16] = "";

		client_msleep(50);
		client_slurp(buf, p, sizeof p);
		robot_port = (unsigned)strtoul(p, NULL, 10);
	}
	assert_true(robot_port > 0);
	assert_true((port = client_serve(bin, db, out_path, &pid)) > 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	client_stop(&pid);
	if (robot_pid > 0) {
		kill(robot_pid, SIGTERM);
		waitpid(robot_pid, NULL, 0);
	}
	json_decref(j);
	j = NULL;
	reply_free(&r);
	return 0;
}

static void bell(void **state)
{
	struct sess officer, leader;
	json_int_t n, first, other;
	char path[128];

	(void)state;
	login(&officer, "officer", "Anquanyuan#2026", NULL);
	login(&leader, "unit-leader", "Fuzeren#2026a", NULL);
	call(&officer, "GET", "/api/v1/notifications/unread", NULL);
	expect(200);
	assert_true((n = jint(j, "unread")) >= 1);
	call(&officer, "GET", "/api/v1/notifications", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), (size_t)n);
	first = jint(json_array_get(json_object_get(j, "items"), 0), "id");
	assert_non_null(strstr(r.body, "\"link\":\"#/notices/"));
	/* read, then unread: the count follows */
	snprintf(path, sizeof path, "/api/v1/notifications/%lld/read", (long long)first);
	call(&officer, "POST", path, NULL);
	expect(200);
	assert_int_equal(jint(j, "unread"), n - 1);
	call(&officer, "GET", "/api/v1/notifications?unread=1", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), (size_t)(n - 1));
	snprintf(path, sizeof path, "/api/v1/notifications/%lld/unread", (long long)first);
	call(&officer, "POST", path, NULL);
	expect(200);
	assert_int_equal(jint(j, "unread"), n);
	/* another account's notification is not found */
	call(&leader, "GET", "/api/v1/notifications", NULL);
	expect(200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 1);
	other = jint(json_array_get(json_object_get(j, "items"), 0), "id");
	assert_non_null(strstr(r.body, "\"rule\":\"notice.escalate\""));
	snprintf(path, sizeof path, "/api/v1/notifications/%lld/read", (long long)other);
	call(&officer, "POST", path, NULL);
	expect(404);
	/* pages of one, newest first */
	call(&leader, "POST", "/api/v1/notifications/999999/read", NULL);
	expect(404);
	call(&officer, "GET", "/api/v1/notifications?limit=1", NULL);
	expect(200);
	if (n > 1) {
		assert_true(json_is_string(json_object_get(j, "next")));
		snprintf(path, sizeof path, "/api/v1/notifications?limit=1&cursor=%s",
			 json_string_value(json_object_get(j, "next")));
		call(&officer, "GET", path, NULL);
		expect(200);
		assert_true(jint(json_array_get(json_object_get(j, "items"), 0), "id") < first);
	}
	call(&officer, "GET", "/api/v1/notifications?zz=1", NULL);
	expect(400);
}

static void channels_and_prefs(void **state)
{
	struct sess sec, officer, office, token = {"", ""};
	char body[512], path[128], out[4096];
	json_int_t id;

	(void)state;
	login(&sec, "secadmin", "Anquan#Guanli26", "KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ");
	login(&officer, "officer", "Anquanyuan#2026", NULL);
	login(&office, "office", "Bangongshi#2026", NULL);
	call(&officer, "GET", "/api/v1/notify/preferences", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	call(&officer, "PUT", "/api/v1/notify/preferences/77", "{\"chosen\":true}");
	expect(404);
	/* the security administrator configures a robot; its key is never answered */
	snprintf(body, sizeof body,
		 "{\"name\":\"办公室群\",\"kind\":\"wecom\",\"target\":\"http://127.0.0.1:%u/cgi-bin/"
		 "webhook/send?key=k-secret-9\"}", robot_port);
	call(&sec, "POST", "/api/v1/notify/channels", body);
	expect(201);
	id = jint(j, "id");
	assert_null(strstr(r.body, "k-secret-9"));
	call(&sec, "POST", "/api/v1/notify/channels", "{\"name\":\"x\",\"kind\":\"fax\",\"target\":"
						       "\"http://127.0.0.1/x\"}");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "kind");
	snprintf(path, sizeof path, "/api/v1/notify/channels/%lld", (long long)id);
	call(&sec, "PATCH", path, "{\"name\":\"网络安全办公室群\"}");
	expect(200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "网络安全办公室群");
	call(&sec, "GET", "/api/v1/notify/channels", NULL);
	expect(200);
	assert_null(strstr(r.body, "k-secret-9"));
	snprintf(path, sizeof path, "/api/v1/notify/channels/%lld/test", (long long)id);
	call(&sec, "POST", path, "{\"address\":\"zhangsan\"}");
	expect(200);
	assert_true(json_is_true(json_object_get(j, "sent")));
	call(&office, "GET", "/api/v1/notify/channels", NULL);
	expect(403);
	/* the officer chooses it, mentioned by mobile */
	call(&officer, "GET", "/api/v1/notify/preferences", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	snprintf(path, sizeof path, "/api/v1/notify/preferences/%lld", (long long)id);
	call(&officer, "PUT", path, "{\"chosen\":true,\"address\":\"13800000000\"}");
	expect(200);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
						 "chosen")));
	call(&officer, "PUT", path, "{\"chosen\":true,\"address\":\"a\\nb\"}");
	expect(422);
	/* the office's rules and outbox */
	call(&office, "PATCH", "/api/v1/notify/rules", "{\"leads\":\"3,1,0\"}");
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "leads")), 3);
	call(&office, "PATCH", "/api/v1/notify/rules", "{\"tries\":\"0\"}");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "tries");
	call(&office, "GET", "/api/v1/notify/rules", NULL);
	expect(200);
	assert_int_equal(jint(j, "tries"), 5);
	/* a good field beside a refused one is not written either: one act, all or nothing */
	call(&office, "PATCH", "/api/v1/notify/rules", "{\"leads\":\"5,2\",\"backoff\":\"0\"}");
	expect(422);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "field")),
			    "backoff");
	call(&office, "GET", "/api/v1/notify/rules", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "leads")), 3);
	call(&office, "PATCH", "/api/v1/notify/rules", "{\"leads\":\"5,2\",\"tries\":\"7\"}");
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "leads")), 2);
	assert_int_equal(jint(j, "tries"), 7);
	call(&office, "GET", "/api/v1/notify/outbox?state=dead", NULL);
	expect(200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	call(&office, "GET", "/api/v1/notify/outbox?state=lost", NULL);
	expect(422);
	call(&officer, "GET", "/api/v1/notify/outbox", NULL);
	expect(403);
	/* a bearer token has no bell */
	assert_int_equal(sh_out(out, sizeof out, "%s token create --role office --unit IMNU "
						 "--label t --db %s | tail -1", bin, db), 0);
	out[strcspn(out, "\n")] = '\0';
	snprintf(token.csrf, sizeof token.csrf, "Bearer %.56s", out);
	call(&token, "GET", "/api/v1/notifications", NULL);
	expect(403);
	/* audited, never the key */
	assert_int_equal(sh_out(out, sizeof out, "sqlite3 %s \"SELECT action FROM audit_entry WHERE "
						 "action LIKE 'notify.%%' AND action <> 'notify.plan' AND "
						 "outcome = 'ok' ORDER BY seq\"", db), 0);
	assert_string_equal(out, "notify.channel\nnotify.channel\nnotify.test\nnotify.pref\n"
				 "notify.rules\nnotify.rules\n"); /* two fields changed, one entry */
	assert_int_equal(sh_out(out, sizeof out, "sqlite3 %s \"SELECT count(*) FROM audit_entry "
						 "WHERE after LIKE '%%k-secret-9%%'\"", db), 0);
	assert_string_equal(out, "0\n");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bell),
		cmocka_unit_test(channels_and_prefs),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, setup, teardown);
}
