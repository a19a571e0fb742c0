/* test_serve.c — `cyberduty serve` as a client sees it, with libcurl against the real binary on
 * a free loopback port and a fresh database: the health route, security and caching headers on
 * every response, static files with ETag revalidation and fingerprinted addresses, path
 * traversal and dot files refused, JSON errors for unknown resources and methods (405 with
 * Allow), oversize bodies (413, with and without a Content-Length) and headers (431), bad
 * start-up options, and a clean stop on SIGTERM that lets a request in flight finish and
 * checkpoints the database. argv[1]: the binary. */
#include "client.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <strings.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static char *bin;
static char db[512];
static pid_t pid = -1;
static unsigned port;

/* req performs METHOD on path with an optional body and one extra header; the reply is reset. */
static void req(const char *method, const char *path, const char *body, size_t len,
		const char *extra, struct reply *r)
{
	const char *hs[2] = {extra, NULL};

	client_req(port, method, path, body, len, extra ? hs : NULL, r);
}

static const char *header(struct reply *r, const char *name, char *out, size_t n)
{
	return client_header(r, name, out, n);
}

/* spawn starts `cyberduty serve ARGS…` with stdout and stderr in files; returns its pid. */
static pid_t spawn(char *const args[], const char *out)
{
	pid_t p = fork();

	assert_true(p >= 0);
	if (p == 0) {
		freopen(out, "w", stdout);
		freopen(out, "a", stderr);
		execv(bin, args);
		_exit(127);
	}
	return p;
}

static char out_path[600];

static int setup(void **state)
{
	char cmd[1400], out[1024] = "";
	char *p;

	(void)state;
	tmp_db(db, sizeof db, "serve");
	snprintf(out_path, sizeof out_path, "%s.out", db);
	snprintf(cmd, sizeof cmd, "%s init --profile imnu-2022 --db %s >/dev/null", bin, db);
	if (system(cmd))
		return -1;
	char *args[] = {bin, "serve", "--listen", "127.0.0.1:0", "--db", db,
			"--threads", "2", "--request-timeout", "3", NULL};
	pid = spawn(args, out_path);
	for (int i = 0; i < 100 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(out_path, out, sizeof out);
	}
	if (!p)
		return -1;
	port = (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10);
	return port ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	return 0;
}

static void secure_headers(struct reply *r)
{
	char v[512];

	assert_non_null(header(r, "Content-Security-Policy", v, sizeof v));
	assert_non_null(strstr(v, "frame-ancestors 'none'"));
	assert_non_null(strstr(v, "script-src 'self'"));
	assert_null(strstr(v, "unsafe-inline"));
	assert_string_equal(header(r, "X-Content-Type-Options", v, sizeof v), "nosniff");
	assert_string_equal(header(r, "Referrer-Policy", v, sizeof v), "no-referrer");
	assert_string_equal(header(r, "X-Frame-Options", v, sizeof v), "DENY");
}

static void health(void **state)
{
	struct reply r = {0};
	char v[256];

	(void)state;
	req("GET", "/api/v1/health", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"status\":\"ok\""));
	assert_string_equal(header(&r, "Content-Type", v, sizeof v),
			    "application/json; charset=utf-8");
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-store");
	secure_headers(&r);
	req("HEAD", "/api/v1/health", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, 0);
	reply_free(&r);
}

static void static_files(void **state)
{
	struct reply r = {0};
	char etag[128], v[256], inm[200];

	(void)state;
	req("GET", "/", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<!doctype html>"));
	assert_string_equal(header(&r, "Content-Type", v, sizeof v), "text/html; charset=utf-8");
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	secure_headers(&r);
	assert_non_null(header(&r, "ETag", etag, sizeof etag));
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	req("GET", "/index.html", NULL, 0, inm, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.len, 0);
	secure_headers(&r);
	req("GET", "/login", NULL, 0, NULL, &r); /* the sign-in address is the one page too */
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<!doctype html>"));
	assert_string_equal(header(&r, "Content-Type", v, sizeof v), "text/html; charset=utf-8");
	req("GET", "/app.css", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(header(&r, "Content-Type", v, sizeof v), "text/css; charset=utf-8");
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	req("POST", "/app.css", "x", 1, NULL, &r);
	assert_int_equal(r.status, 405);
	assert_string_equal(header(&r, "Allow", v, sizeof v), "GET, HEAD");
	reply_free(&r);
}

/* put writes text into the file dir/name. */
static void put(const char *dir, const char *name, const char *text)
{
	char path[800];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/* A web root as scripts/web-vendor leaves it: the page with its files' addresses under the
 * fingerprint, and the fingerprint. Those addresses may be cached a year; the page, the files by
 * their plain names and under any other fingerprint are asked again each time. */
static void fingerprinted(void **state)
{
	char web[600], vendor[700], out[1024] = "", log[700], v[256], *p;
	unsigned plain_port = port;
	struct reply r = {0};
	pid_t srv;

	(void)state;
	snprintf(web, sizeof web, "%s.web", db);
	snprintf(vendor, sizeof vendor, "%s/vendor", web);
	assert_int_equal(mkdir(web, 0700), 0);
	assert_int_equal(mkdir(vendor, 0700), 0);
	put(web, "index.html", "<!doctype html><link rel=stylesheet href=\"/app.css\">");
	put(web, "app.css", "body{margin:0}");
	put(web, "vendor/index.html", "<!doctype html><link rel=stylesheet href=\"/v/0123abcd/app.css\">");
	put(web, "vendor/fingerprint", "0123abcd\n");
	snprintf(log, sizeof log, "%s.web.out", db);
	char *args[] = {bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--web", web, NULL};
	srv = spawn(args, log);
	for (int i = 0; i < 100 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(log, out, sizeof out);
	}
	assert_non_null(p = strstr(out, "127.0.0.1:"));
	port = (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10);
	req("GET", "/", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "/v/0123abcd/app.css"));
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	req("GET", "/login", NULL, 0, NULL, &r);
	assert_non_null(strstr(r.body, "/v/0123abcd/app.css"));
	req("GET", "/v/0123abcd/app.css", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "body{margin:0}");
	assert_string_equal(header(&r, "Content-Type", v, sizeof v), "text/css; charset=utf-8");
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v),
			    "public, max-age=31536000, immutable");
	req("GET", "/v/99999999/app.css", NULL, 0, NULL, &r); /* a page of before the change */
	assert_int_equal(r.status, 200);
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	req("GET", "/app.css", NULL, 0, NULL, &r);
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	req("GET", "/v/0123abcd/../vendor/fingerprint", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 404);
	req("GET", "/v/0123abcd/nothing.css", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 404);
	put(web, "vendor/fingerprint", "4567cdef\n"); /* rebuilt under the running server */
	req("GET", "/v/0123abcd/app.css", NULL, 0, NULL, &r);
	assert_string_equal(header(&r, "Cache-Control", v, sizeof v), "no-cache");
	reply_free(&r);
	kill(srv, SIGKILL);
	waitpid(srv, NULL, 0);
	port = plain_port;
}

static void refused_paths(void **state)
{
	static const char *const bad[] = {
		"/../CMakeLists.txt", "/../../etc/passwd", "/%2e%2e/CMakeLists.txt",
		"/.git/config",       "//etc/passwd",      "/index.html%00.css",
		"/nothing.html",      "/web",
	};
	struct reply r = {0};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		req("GET", bad[i], NULL, 0, NULL, &r);
		if (r.status != 404)
			fail_msg("%s: %ld, want 404", bad[i], r.status);
		assert_non_null(strstr(r.body, "\"code\":\"not_found\""));
		secure_headers(&r);
	}
	reply_free(&r);
}

static void api_errors(void **state)
{
	struct reply r = {0};
	char v[256];

	(void)state;
	req("GET", "/api/v1/nothing", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.body, "{\"error\":{\"code\":\"not_found\",\"message\":\"no resource "
				    "/api/v1/nothing\",\"field\":null}}");
	req("DELETE", "/api/v1/health", NULL, 0, NULL, &r);
	assert_int_equal(r.status, 405);
	assert_string_equal(header(&r, "Allow", v, sizeof v), "GET, HEAD");
	assert_non_null(strstr(r.body, "\"code\":\"method_not_allowed\""));
	reply_free(&r);
}

static void limits(void **state)
{
	size_t n = ((size_t)1 << 20) + 1;
	char *big = malloc(n), *hdr = malloc(40000);
	struct reply r = {0};

	(void)state;
	assert_non_null(big);
	assert_non_null(hdr);
	memset(big, 'a', n);
	req("POST", "/api/v1/health", big, n, NULL, &r);
	assert_int_equal(r.status, 413);
	assert_non_null(strstr(r.body, "\"code\":\"too_large\""));
	secure_headers(&r); /* cyberduty's 413, not libmicrohttpd's page (issue 13 item 9) */
	/* the same without a Content-Length: chunked */
	req("POST", "/api/v1/health", big, n, "Transfer-Encoding: chunked", &r);
	assert_int_equal(r.status, 413);
	secure_headers(&r);
	/* exactly the limit passes the size check (and meets the method check) */
	req("POST", "/api/v1/health", big, n - 1, NULL, &r);
	assert_int_equal(r.status, 405);
	snprintf(hdr, 40000, "X-Big: %0*d", 39000, 0);
	req("GET", "/api/v1/health", NULL, 0, hdr, &r);
	assert_int_equal(r.status, 431);
	reply_free(&r);
	free(big);
	free(hdr);
}

/* --- malformed requests, over a raw socket ------------------------------------------------- */

/* raw sends the n bytes of req on a new connection and reads the answer into out (up to the
 * connection's close or 5 s); returns its status, 0 when none came. */
static int raw(const char *req, size_t n, char *out, size_t cap)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	struct timeval tv = {.tv_sec = 5};
	int fd = socket(AF_INET, SOCK_STREAM, 0), status = 0;
	size_t got = 0;
	ssize_t k;

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(send(fd, req, n, MSG_NOSIGNAL), (ssize_t)n);
	while (got + 1 < cap && (k = recv(fd, out + got, cap - 1 - got, 0)) > 0) {
		got += (size_t)k;
		out[got] = '\0';
		if (strstr(out, "\r\n\r\n") && strstr(out, "\"}}")) /* a whole JSON error */
			break;
	}
	out[got] = '\0';
	close(fd);
	sscanf(out, "HTTP/1.1 %d", &status);
	return status;
}

/* Each request a parser could read two ways, or that no client should send, is refused with a
 * clear error carrying the security headers — never a hang or a dropped connection; a body
 * trickled in is cut at the whole-request deadline (--request-timeout 3 here). */
static void malformed(void **state)
{
	static const struct {
		const char *req;
		int status;
		const char *says;
	} cases[] = {
		{"POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length: 5\r\n"
		 "Content-Length: 6\r\n\r\nhello!",
		 400, "more than once"},
		{"POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length : 5\r\n\r\nhello", 400,
		 "holds a blank"},
		{"GET /api/v1/health HTTP/1.1\r\nAccept-Language: en\r\n\r\n", 400, "names its Host"},
		{"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nHost: y\r\n\r\n", 400, "more than once"},
		{"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nX-CSRF-Token: a\r\n"
		 "X-CSRF-Token: b\r\n\r\n",
		 400, "more than once"},
		{"POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nTransfer-Encoding: gzip\r\n\r\nabc", 501,
		 "only chunked"},
		{"POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length: 3\r\n"
		 "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		 400, "not both"},
		{"GET /%ff HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\n\r\n", 404, "no resource /?"},
	};
	char out[8192];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int st = raw(cases[i].req, strlen(cases[i].req), out, sizeof out);

		if (st != cases[i].status || !strstr(out, cases[i].says) ||
		    !strstr(out, "X-Frame-Options: DENY") || !strstr(out, "Content-Security-Policy:"))
			fail_msg("case %zu: want %d \"%s\", got: %s", i, cases[i].status,
				 cases[i].says, out);
	}
	/* a well-formed request still passes */
	{
		const char *ok = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nConnection: close\r\n\r\n";

		assert_int_equal(raw(ok, strlen(ok), out, sizeof out), 200);
	}
	/* a body a byte a second: cut at the deadline (3 s), not held open */
	{
		struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
		const char *head = "POST /api/v1/health HTTP/1.1\r\nHost: x\r\nAccept-Language: en\r\nContent-Length: 100\r\n\r\n";
		int fd = socket(AF_INET, SOCK_STREAM, 0), i;
		struct timeval tv = {.tv_sec = 1};
		char c;

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
		assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
		assert_int_equal(send(fd, head, strlen(head), MSG_NOSIGNAL), (ssize_t)strlen(head));
		for (i = 0; i < 20; i++) {
			if (send(fd, "a", 1, MSG_NOSIGNAL) != 1 || recv(fd, &c, 1, 0) == 0)
				break; /* closed by the server */
		}
		close(fd);
		assert_true(i < 20); /* closed before the 20 bytes went: held open no longer */
	}
}

/* dial opens a connection to the server and sends nothing; returns the socket. */
static int dial(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* Connections held open do not lock anyone out (issue 13 item 9): 300 connections from one
 * address that send nothing — past libmicrohttpd's 256 an address — leave that address served,
 * and a request head trickled a byte a second is cut at the deadline (3 s here), though each
 * byte would keep the connection from libmicrohttpd's idle timeout. */
static void held_open(void **state)
{
	enum { N = 300 };
	const char *ok = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	static int fds[N];
	char out[8192], c;
	struct timeval tv = {.tv_sec = 1};
	int fd, i;

	(void)state;
	for (i = 0; i < N; i++)
		fds[i] = dial();
	client_msleep(500); /* accepted by the server */
	assert_int_equal(raw(ok, strlen(ok), out, sizeof out), 200);
	for (i = 0; i < N; i++)
		close(fds[i]);
	/* a request head a byte a second */
	fd = dial();
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	assert_int_equal(send(fd, "GET /api/v1/health HTTP/1.1\r\n", 29, MSG_NOSIGNAL), 29);
	for (i = 0; i < 20; i++) {
		if (send(fd, "X", 1, MSG_NOSIGNAL) != 1 || recv(fd, &c, 1, 0) == 0)
			break; /* closed by the server */
	}
	close(fd);
	assert_true(i < 10); /* closed about 3 s in, not held for the 20 */
}

/* --- start-up refusals -------------------------------------------------------------------- */

static int run(char *const args[], char *out, size_t n)
{
	char path[700];
	int st;
	pid_t p;

	snprintf(path, sizeof path, "%s.refusal", db);
	p = spawn(args, path);
	waitpid(p, &st, 0);
	client_slurp(path, out, n);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void refusals(void **state)
{
	char out[1024], missing[600];

	(void)state;
	snprintf(missing, sizeof missing, "%s.missing", db);
	char *a1[] = {bin, "serve", "--listen", "localhost", "--db", db, NULL};
	assert_int_equal(run(a1, out, sizeof out), 2);
	assert_non_null(strstr(out, "give HOST:PORT"));
	char *a2[] = {bin, "serve", "--listen", "127.0.0.1:0", "--db", missing, NULL};
	assert_int_equal(run(a2, out, sizeof out), 2);
	assert_non_null(strstr(out, "cyberduty: serve:"));
	char *a3[] = {bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--tls-cert",
		      "/nonexistent.pem", NULL};
	assert_int_equal(run(a3, out, sizeof out), 2);
	assert_non_null(strstr(out, "TLS needs both --tls-cert and --tls-key"));
	char *a4[] = {bin, "serve", "--threads", "0", "--db", db, NULL};
	assert_int_equal(run(a4, out, sizeof out), 2);
	assert_non_null(strstr(out, "--threads \"0\": give 1 to 256"));
	char *a4b[] = {bin, "serve", "--cache-mb", "2048", "--db", db, NULL};
	assert_int_equal(run(a4b, out, sizeof out), 2);
	assert_non_null(strstr(out, "--cache-mb \"2048\": give 0 (keep no answers) to 1024"));
	char port_in_use[32];

	snprintf(port_in_use, sizeof port_in_use, "127.0.0.1:%u", port);
	char *a5[] = {bin, "serve", "--listen", port_in_use, "--db", db, NULL};
	assert_int_equal(run(a5, out, sizeof out), 2);
	assert_non_null(strstr(out, "cannot listen on"));
}

/* --- stopping ------------------------------------------------------------------------------ */

struct slow {
	int chunks;
	long status;
	CURLcode rc;
};

static size_t slow_read(char *buf, size_t sz, size_t n, void *ud)
{
	struct slow *s = ud;

	(void)sz;
	(void)n;
	if (s->chunks-- <= 0)
		return 0;
	client_msleep(200);
	buf[0] = '{';
	return 1;
}

static void *slow_post(void *ud)
{
	struct slow *s = ud;
	CURL *c = curl_easy_init();
	char url[128];
	struct reply r = {0};

	snprintf(url, sizeof url, "http://127.0.0.1:%u/api/v1/health", port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POST, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, slow_read);
	curl_easy_setopt(c, CURLOPT_READDATA, s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, client_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	s->rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &s->status);
	curl_easy_cleanup(c);
	reply_free(&r);
	return NULL;
}

static void stop(void **state)
{
	struct slow s = {.chunks = 5};
	pthread_t t;
	char out[2048], wal[600];
	struct stat st;
	int status;

	(void)state;
	assert_int_equal(pthread_create(&t, NULL, slow_post, &s), 0);
	client_msleep(300); /* the upload is under way */
	kill(pid, SIGTERM);
	pthread_join(t, NULL);
	assert_int_equal(s.rc, CURLE_OK);
	assert_int_equal(s.status, 405); /* answered, not cut off */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	pid = -1;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	client_slurp(out_path, out, sizeof out);
	assert_non_null(strstr(out, "SIGTERM: finishing requests in flight"));
	assert_non_null(strstr(out, "cyberduty: stopped"));
	/* the last connection closed: the write-ahead log is checkpointed away */
	snprintf(wal, sizeof wal, "%s-wal", db);
	assert_true(stat(wal, &st) != 0 || st.st_size == 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(health),      cmocka_unit_test(static_files),
		cmocka_unit_test(fingerprinted),
		cmocka_unit_test(refused_paths), cmocka_unit_test(api_errors),
		cmocka_unit_test(limits),      cmocka_unit_test(malformed),
		cmocka_unit_test(held_open),
		cmocka_unit_test(refusals),    cmocka_unit_test(stop),
	};
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: http_serve CYBERDUTY\n");
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	rc = cmocka_run_group_tests(tests, setup, teardown);
	curl_global_cleanup();
	return rc;
}
