/* client.h — what the HTTP integration tests share: start `cyberduty serve` on a free loopback
 * port, make requests with libcurl and read the answers. Header-only: each test is one
 * executable. */
#ifndef CD_TEST_CLIENT_H
#define CD_TEST_CLIENT_H

#define TESTUTIL_NO_LIB 1 /* these programs drive the binary; they do not link the library */
#include "../unit/testutil.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <signal.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>

struct reply {
	long status;
	char *body; /* malloc'd, NUL-terminated; free with reply_free */
	size_t len, cap;
	char headers[8192];
	size_t hlen;
};

/* The suites assert the English of the messages: the commands they run ask for it too. */
__attribute__((constructor)) static void client_english(void)
{
	setenv("CYBERDUTY_LANG", "en", 1);
}

/* client_sh runs a shell command (formatted) and returns its exit status, -1 when it did not
 * exit. */
static inline int client_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int client_sh(const char *fmt, ...)
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

static inline void reply_free(struct reply *r)
{
	free(r->body);
	memset(r, 0, sizeof *r);
}

static inline size_t client_on_body(char *p, size_t sz, size_t n, void *ud)
{
	struct reply *r = ud;
	size_t k = sz * n;

	if (r->len + k + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 8192;
		char *b;

		while (cap < r->len + k + 1)
			cap *= 2;
		if (!(b = realloc(r->body, cap)))
			return 0;
		r->body = b;
		r->cap = cap;
	}
	memcpy(r->body + r->len, p, k);
	r->len += k;
	r->body[r->len] = '\0';
	return k;
}

static inline size_t client_on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct reply *r = ud;
	size_t k = sz * n;

	if (r->hlen + k < sizeof r->headers) {
		memcpy(r->headers + r->hlen, p, k);
		r->hlen += k;
		r->headers[r->hlen] = '\0';
	}
	return k;
}

/* client_header returns the value of header name (case-insensitive) in r, or NULL. */
static inline const char *client_header(const struct reply *r, const char *name, char *out,
					size_t n)
{
	const char *line = r->headers;
	size_t nl = strlen(name);

	while (line && *line) {
		const char *end = strstr(line, "\r\n");

		if (!strncasecmp(line, name, nl) && line[nl] == ':') {
			const char *v = line + nl + 1;
			size_t vl;

			while (*v == ' ')
				v++;
			vl = end ? (size_t)(end - v) : strlen(v);
			snprintf(out, n, "%.*s", (int)vl, v);
			return out;
		}
		line = end ? end + 2 : NULL;
	}
	return NULL;
}

/* client_req performs METHOD on http://127.0.0.1:port/path with an optional body (len bytes)
 * and extra headers (NULL-terminated list); the reply is reset first. */
static inline void client_req(unsigned port, const char *method, const char *path,
			      const char *body, size_t len, const char *const *headers,
			      struct reply *r)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	char url[2048];

	assert_non_null(c);
	free(r->body);
	memset(r, 0, sizeof *r);
	bool lang = false;

	for (size_t i = 0; headers && headers[i]; i++) {
		h = curl_slist_append(h, headers[i]);
		lang = lang || !strncasecmp(headers[i], "Accept-Language:", 16);
	}
	/* the suites assert the English of the messages; a test of the Chinese gives its own */
	if (!lang)
		h = curl_slist_append(h, "Accept-Language: en");
	snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, client_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, client_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	if (!r->body)
		client_on_body((char *)"", 1, 0, r);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
}

/* client_sh_out runs a shell command and keeps its standard output in buf (n bytes); returns its
 * exit status (-1 when it did not exit). */
static inline int client_sh_out(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline int client_sh_out(char *buf, size_t n, const char *fmt, ...)
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

static inline void client_msleep(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&t, NULL);
}

static inline void client_slurp(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t k = f ? fread(buf, 1, n - 1, f) : 0;

	buf[k] = '\0';
	if (f)
		fclose(f);
}

/* client_serve starts `bin serve` on a free port over db (output in out_path) and waits until
 * it says where it listens; returns the port (0 on failure) and sets *pid. */
static inline unsigned client_serve_tls(const char *bin, const char *db, const char *out_path,
					pid_t *pid, const char *cert, const char *key);

static inline unsigned client_serve(const char *bin, const char *db, const char *out_path,
				    pid_t *pid)
{
	return client_serve_tls(bin, db, out_path, pid, NULL, NULL);
}

/* client_serve_tls is client_serve with --tls-cert cert --tls-key key (both NULL: plain). */
static inline unsigned client_serve_tls(const char *bin, const char *db, const char *out_path,
					pid_t *pid, const char *cert, const char *key)
{
	char out[2048] = "";
	const char *p = NULL;
	pid_t child = fork();

	assert_true(child >= 0);
	if (child == 0) {
		if (!freopen(out_path, "w", stdout) || !freopen(out_path, "a", stderr))
			_exit(126);
		if (cert)
			execl(bin, bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--threads",
			      "4", "--tls-cert", cert, "--tls-key", key, (char *)NULL);
		else
			execl(bin, bin, "serve", "--listen", "127.0.0.1:0", "--db", db, "--threads",
			      "4", (char *)NULL);
		_exit(127);
	}
	*pid = child;
	for (int i = 0; i < 200 && !(p = strstr(out, "127.0.0.1:")); i++) {
		client_msleep(50);
		client_slurp(out_path, out, sizeof out);
	}
	return p ? (unsigned)strtoul(p + strlen("127.0.0.1:"), NULL, 10) : 0;
}

static inline void client_stop(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGTERM);
		waitpid(*pid, NULL, 0);
	}
	*pid = -1;
}

#endif
