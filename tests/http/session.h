/* session.h — what the suites that drive one `cyberduty serve` share on top of client.h: the
 * binary, the database and the server (its port and pid), the callers' sessions (a cookie and
 * its CSRF token, or a Bearer token), the last answer (r, its body decoded into j), a request
 * as a caller (call, send_body), the status check (expect), a sign-in (login, adopt), dotted
 * reads of the answer (jget, jstr, jint) and a count from the database (sql_count). Header-only
 * and static: each suite is one program. */
#ifndef CD_TEST_SESSION_H
#define CD_TEST_SESSION_H

#include "client.h"

#include <jansson.h>

static char *bin;                   /* argv[1]: the binary under test */
static char db[512], out_path[600]; /* the suite's database and the server's log */
static pid_t pid = -1;              /* the server */
static unsigned port;

/* a caller: a session (cookie and CSRF token) or a Bearer token */
struct client {
	char cookie[128];
	char csrf[128];
	char bearer[128];
};

static struct reply r; /* the last answer */
static json_t *j;      /* its body, decoded (NULL when it is not JSON) */

/* send_body sends len bytes of body of type ct (NULL: none) as c (NULL: nobody) and keeps the
 * answer in r and j. */
static inline void send_body(const struct client *c, const char *method, const char *path,
                             const char *ct, const char *body, size_t len)
{
	char h1[200], h2[200], h3[200], h4[300];
	const char *hs[5];
	size_t n = 0;

	if (c && c->cookie[0]) {
		snprintf(h1, sizeof h1, "Cookie: cd_session=%s", c->cookie);
		hs[n++] = h1;
		if (c->csrf[0]) {
			snprintf(h2, sizeof h2, "X-CSRF-Token: %s", c->csrf);
			hs[n++] = h2;
		}
	}
	if (c && c->bearer[0]) {
		snprintf(h3, sizeof h3, "Authorization: Bearer %s", c->bearer);
		hs[n++] = h3;
	}
	if (ct) {
		snprintf(h4, sizeof h4, "Content-Type: %s", ct);
		hs[n++] = h4;
	}
	hs[n] = NULL;
	client_req(port, method, path, body, len, hs, &r);
	json_decref(j);
	j = json_loads(r.body, 0, NULL);
}

/* call sends a JSON body (NULL: none) as c. */
static inline void call(const struct client *c, const char *method, const char *path,
                        const char *body)
{
	send_body(c, method, path, body ? "application/json" : NULL, body, body ? strlen(body) : 0);
}

/* expect: the last answer had this status (printing it when not). */
#define expect(st)                                                                                 \
	do {                                                                                       \
		if (r.status != (st))                                                              \
			fail_msg("%s:%d: status %ld, want %d: %.2000s", __FILE__, __LINE__,        \
			         r.status, (int)(st), r.body);                                     \
	} while (0)

/* jget: the value at a dotted path of the last answer ("items.0.code"), or NULL. */
static inline json_t *jget(const char *path)
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

static inline const char *jstr(const char *path)
{
	return json_string_value(jget(path));
}

static inline json_int_t jint(const char *path)
{
	return json_integer_value(jget(path));
}

/* sql_count: the number a query of the suite's database answers (the sqlite3 shell). */
static inline long sql_count(const char *q)
{
	char out[64] = "";

	if (client_sh_out(out, sizeof out, "sqlite3 %s \"%s\"", db, q))
		fail_msg("sqlite3 failed: %s", q);
	return atol(out);
}

/* adopt takes the session the last answer set (its cookie and CSRF token) into c. */
static inline void adopt(struct client *c)
{
	char cookie[512];
	const char *p;

	assert_non_null(client_header(&r, "Set-Cookie", cookie, sizeof cookie));
	assert_non_null(strstr(cookie, "HttpOnly"));
	assert_non_null(strstr(cookie, "SameSite=Strict"));
	assert_non_null(p = strstr(cookie, "cd_session="));
	snprintf(c->cookie, sizeof c->cookie, "%.*s", (int)strcspn(p + 11, ";"), p + 11);
	assert_non_null(jstr("csrf"));
	snprintf(c->csrf, sizeof c->csrf, "%s", jstr("csrf"));
}

/* sign_in signs name in with password (and a TOTP code, or NULL) into c. */
static inline void sign_in_as(const char *name, const char *password, const char *code,
                              struct client *c)
{
	char body[512];

	memset(c, 0, sizeof *c);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"password\":\"%s\"%s%s%s}", name, password,
	         code ? ",\"totp\":\"" : "", code ? code : "", code ? "\"" : "");
	call(NULL, "POST", "/api/v1/session", body);
	expect(201);
	adopt(c);
}

/* demo_server makes the suite's database (named after the suite) with `cyberduty demo ARGS`
 * and serves it: a setup of cmocka's; 0, or -1 when either failed. */
static inline int demo_server(const char *suite, const char *args)
{
	static int n;

	tmp_db(db, sizeof db, suite);
	/* a log of each server: the log of the one before would tell its port */
	snprintf(out_path, sizeof out_path, "%s.%d.out", db, ++n);
	if (client_sh("%s demo --db %s %s >/dev/null", bin, db, args))
		return -1;
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
}

/* session_end stops the server and lets go of the last answer. */
static inline int session_end(void **state)
{
	(void)state;
	client_stop(&pid);
	reply_free(&r);
	json_decref(j);
	j = NULL;
	return 0;
}

#endif
