/* server.c — libmicrohttpd glue: daemon options, body accumulation under a limit, the route
 * table, JSON errors, static files and the security headers (see server.h). */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif
#include "api/api.h"
#include "core/dynbuf.h"
#include "core/jw.h"
#include "audit/audit.h"
#include "http/conns.h"
#include "http/signin.h"
#include "svc/accounts.h"
#include "store/store.h"

struct server {
	struct MHD_Daemon *d;
	struct server_config c;
	char *db, *web_root;
	char *cert, *key; /* PEM text under TLS */
	size_t max_body;
	int request_s, upload_s; /* whole-request deadlines: a request, an upload */
	uint16_t port;
	/* libmicrohttpd's own log lines (English) are kept back while the daemon starts: a failure
	 * to start is said once, in the reader's language (cannot listen on …) */
	atomic_bool started;
	/* the writer: the queue of writes waiting for the next group (see "group commit") */
	pthread_t writer;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pending *queue, **queue_end;
	bool writer_on, writer_stop;
	struct signin *signin;   /* the password routes' own pool (signin.h) */
	struct conns *conns;     /* the connections held, so idle ones give way (conns.h) */
	pthread_t sweeper;       /* cuts the connections past their deadline, every second */
	atomic_bool sweep_stop;
	bool sweeping;
};

/* --- the database connection of each worker thread ---------------------------------------------- */

static pthread_key_t store_key;
static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static void store_destroy(void *p)
{
	store_close(p);
}

static void store_key_init(void)
{
	(void)pthread_key_create(&store_key, store_destroy);
}

/* The calling worker's store, opened on first use; NULL when the database cannot be opened. */
static struct store *thread_store(const struct server *s)
{
	struct store *st = pthread_getspecific(store_key);
	struct cd_diag d = {{0}};

	if (st)
		return st;
	if (store_open(s->db, 0, &st, &d) != CD_OK) {
		fprintf(stderr, "cyberduty: serve: %s\n", d.msg);
		return NULL;
	}
	pthread_setspecific(store_key, st);
	return st;
}

/* --- responses ---------------------------------------------------------------------------------- */

/* Every response carries these: no inline script, no framing, no sniffing, no referrer. */
static void secure(struct MHD_Response *r, const struct server *s)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; connect-src 'self'; object-src 'none'; "
				"base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	if (s->cert)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(struct MHD_Connection *c, const struct server *s, unsigned status,
			    struct MHD_Response *r)
{
	enum MHD_Result ret;

	if (!r)
		return MHD_NO;
	secure(r, s);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

/* text_response makes a JSON response of text (malloc'd, taken); NULL on ENOMEM. */
static struct MHD_Response *text_response(char *text, size_t len)
{
	struct MHD_Response *r;

	if (!text)
		return NULL;
	r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(text);
		return NULL;
	}
	MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "Vary", "Accept-Language"); /* messages and labels in it */
	return r;
}

/* json_response makes a JSON response of j (taking it); NULL on ENOMEM. */
static struct MHD_Response *json_response(json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL; /* UTF-8 as it is */

	json_decref(j);
	return text_response(text, text ? strlen(text) : 0);
}

static enum MHD_Result send_json(struct MHD_Connection *c, const struct server *s,
				 unsigned status, json_t *j)
{
	return send_response(c, s, status, json_response(j));
}

/* send_error answers {"error":{"code","message","field"}}. */
static enum MHD_Result send_error(struct MHD_Connection *c, const struct server *s,
				  unsigned status, const char *code, const char *field,
				  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static enum MHD_Result send_error(struct MHD_Connection *c, const struct server *s,
				  unsigned status, const char *code, const char *field,
				  const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	/* refused before the API saw the request: the language is the header's all the same */
	lang_set(lang_of_accept(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language")));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, lang_tr(fmt), ap);
	va_end(ap);
	jw_utf8_clean(msg); /* a path quoted as the client sent it (/%ff) */
	return send_json(c, s, status,
			 json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message", msg,
				   "field", field));
}

/* --- the API ----------------------------------------------------------------------------------- */

struct request {
	const struct server *s;
	struct MHD_Connection *c;
	const char *method, *path;
	const char *body;
	size_t len;
};

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	struct api_request *q = cls;

	(void)kind;
	if (q->nquery == API_MAX_QUERY) {
		q->query_overflow = true;
		return MHD_NO;
	}
	q->query[q->nquery].key = key;
	q->query[q->nquery++].value = value;
	return MHD_YES;
}

static void client_ip(struct MHD_Connection *c, char *buf, size_t n)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(buf, n, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
			  (socklen_t)n);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
			  (socklen_t)n);
}

/* An evidence file sent from the store a piece at a time: each piece is read on the worker
 * thread that serves the connection, with that thread's store (the kept bytes never change). */
struct stream {
	const struct server *s;
	char sm3[65];
	uint64_t size;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	struct store *db = thread_store(st->s);
	size_t n = pos < st->size ? (size_t)(st->size - pos < max ? st->size - pos : max) : 0;

	if (!n)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (!db || store_evidence_read(db, st->sm3, pos, buf, n, NULL) != CD_OK)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return (ssize_t)n;
}

static struct MHD_Response *file_response(const struct server *s, const struct api_response *out)
{
	struct stream *st = calloc(1, sizeof *st);
	struct MHD_Response *r;

	if (!st)
		return NULL;
	st->s = s;
	st->size = out->file_size;
	memcpy(st->sm3, out->file_sm3, sizeof st->sm3);
	r = MHD_create_response_from_callback(out->file_size, 64 * 1024, stream_read, st, free);
	if (!r) {
		free(st);
		return NULL;
	}
	MHD_add_response_header(r, "Content-Type", out->content_type);
	MHD_add_response_header(r, "Content-Disposition", out->disposition);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	return r;
}

/* api_in fills *in with the request q (all but the store); ip holds the client's address. The
 * texts are the connection's, valid until the request completes. */
static void api_in(const struct request *q, struct api_request *in, char ip[INET6_ADDRSTRLEN])
{
	*in = (struct api_request){.method = q->method, .path = q->path, .body = q->body,
				   .len = q->len, .tls = q->s->cert != NULL};
	MHD_get_connection_values(q->c, MHD_GET_ARGUMENT_KIND, query_arg, in);
	in->session = MHD_lookup_connection_value(q->c, MHD_COOKIE_KIND, API_SESSION_COOKIE);
	in->authorization = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND, "Authorization");
	in->csrf = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND, API_CSRF_HEADER);
	in->content_type = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND, "Content-Type");
	in->accept_language = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND,
							  "Accept-Language");
	client_ip(q->c, ip, INET6_ADDRSTRLEN);
	in->ip = ip;
	in->now = (cd_time)time(NULL);
}

/* api_send sends the API's answer out (freeing it). */
static enum MHD_Result api_send(const struct request *q, struct api_response *out)
{
	struct MHD_Response *r;

	if (out->file_sm3[0]) { /* an evidence file, not JSON */
		r = file_response(q->s, out);
	} else if (out->file) { /* an export */
		r = MHD_create_response_from_fd((uint64_t)out->file_len, out->fd);
		if (r) { /* the response closes the file */
			out->file = false;
			MHD_add_response_header(r, "Content-Type", out->content_type);
			MHD_add_response_header(r, "Content-Disposition", out->disposition);
			MHD_add_response_header(r, "Cache-Control", "no-store");
		}
	} else if (api_response_text(out)) {
		r = text_response(out->text, out->len);
		out->text = NULL;
	} else if (out->body) { /* out of memory encoding it */
		r = NULL;
	} else {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, "Cache-Control", "no-store");
	}
	if (r && out->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", out->set_cookie);
	if (r && out->allow[0])
		MHD_add_response_header(r, "Allow", out->allow);
	if (r && out->retry_after[0])
		MHD_add_response_header(r, "Retry-After", out->retry_after);
	api_response_free(out);
	return send_response(q->c, q->s, out->status, r);
}

/* api hands the request to the API (src/api/) and sends its answer. */

/* --- the password routes: their own pool (signin.h) --------------------------------------------- */

/* A password request suspended while the pool answers it. */
struct api_job {
	struct signin_job base; /* first: the pool's link */
	const struct server *s;
	struct MHD_Connection *c;
	struct api_request in;
	struct api_response out;
	char ip[INET6_ADDRSTRLEN];
	bool no_store; /* the pool thread's database could not be opened */
};

/* password_route: a request that runs argon2id — a sign-in, a password change, a second
 * factor's re-authentication, a reset by the system administrator. */
static bool password_route(const char *method, const char *url)
{
	const char *p = url + strlen("/api/v1/accounts/");

	if (strcmp(method, "POST"))
		return false;
	if (!strcmp(url, "/api/v1/session") || !strcmp(url, "/api/v1/session/password") ||
	    !strcmp(url, "/api/v1/session/totp"))
		return true;
	if (strncmp(url, "/api/v1/accounts/", strlen("/api/v1/accounts/")))
		return false;
	p += strspn(p, "0123456789");
	return !strcmp(p, "/password");
}

/* job_run answers a password request on a pool thread, with that thread's own database. */
static void job_run(struct signin_job *sj, void *cls)
{
	struct api_job *j = (struct api_job *)sj;

	(void)cls;
	j->in.store = thread_store(j->s);
	j->no_store = !j->in.store;
	if (j->in.store)
		api_handle(&j->in, &j->out);
}

/* job_done gives the connection back to libmicrohttpd, which calls handle again to send it. */
static void job_done(struct signin_job *sj, void *cls)
{
	(void)cls;
	MHD_resume_connection(((struct api_job *)sj)->c);
}

/* refused_429 answers a password request over its address's budget. */
static enum MHD_Result refused_429(const struct request *q, long retry)
{
	char msg[256], secs[24];
	struct MHD_Response *r;

	lang_set(lang_of_accept(MHD_lookup_connection_value(q->c, MHD_HEADER_KIND,
							    "Accept-Language")));
	snprintf(msg, sizeof msg,
		 lang_tr("too many sign-ins and password checks from this address: wait the "
			 "seconds of Retry-After (%ld)"),
		 retry);
	r = json_response(json_pack("{s:{s:s, s:s, s:n}}", "error", "code", "throttled",
				    "message", msg, "field"));
	snprintf(secs, sizeof secs, "%ld", retry);
	if (r)
		MHD_add_response_header(r, "Retry-After", secs);
	return send_response(q->c, q->s, MHD_HTTP_TOO_MANY_REQUESTS, r);
}

/* --- static files ------------------------------------------------------------------------------- */

static const char *content_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".html", "text/html; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
		{".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
		{".woff2", "font/woff2"}, {".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

/* A static path is plain: letters, digits, "-_./", no empty, "." or ".." segment, no dot file. */
static bool plain_path(const char *p)
{
	if (*p != '/' || strlen(p) > 255)
		return false;
	for (const char *q = p; *q; q++) {
		bool ok = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			  (*q >= '0' && *q <= '9') || *q == '-' || *q == '_' || *q == '.' ||
			  *q == '/';

		if (!ok || (q[0] == '/' && (q[1] == '/' || q[1] == '.')))
			return false;
	}
	return true;
}

/* gzipped answers the descriptor of NAME.gz, the copy of the file full compressed at build
 * (scripts/web-vendor), when the client accepts gzip and the copy is no older than the file;
 * *st becomes the copy's. -1: send the file itself. */
static int gzipped(const struct request *q, const char *full, struct stat *st)
{
	const char *ae = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND, "Accept-Encoding");
	char gz[PATH_MAX];
	struct stat gs;
	int fd;

	if (!ae || !strstr(ae, "gzip") || snprintf(gz, sizeof gz, "%s.gz", full) >= (int)sizeof gz)
		return -1;
	fd = open(gz, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &gs) || !S_ISREG(gs.st_mode) || gs.st_mtime < st->st_mtime) {
		close(fd);
		return -1;
	}
	*st = gs;
	return fd;
}

/* fingerprint_is: whether hash (n characters) is the fingerprint of the web files served, which
 * scripts/web-vendor writes into vendor/fingerprint with the page that names it (vendor/index.html):
 * read at each fingerprinted request, so a tree rebuilt under a running server is never cached
 * under the fingerprint of the one before. */
static bool fingerprint_is(const struct server *s, const char *hash, size_t n)
{
	char path[PATH_MAX], buf[72];
	ssize_t len = -1;
	int fd;

	if (snprintf(path, sizeof path, "%s/vendor/fingerprint", s->web_root) >= (int)sizeof path)
		return false;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) >= 0) {
		len = read(fd, buf, sizeof buf - 1);
		close(fd);
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	return len > 0 && (size_t)len == n && !memcmp(buf, hash, n);
}

/* page_path: the file of the one page — vendor/index.html, index.html with the fingerprinted
 * addresses of its files (scripts/web-vendor), or index.html itself where that is not made. */
static const char *page_path(const struct server *s)
{
	char full[PATH_MAX];
	struct stat st;

	if (snprintf(full, sizeof full, "%s/vendor/index.html", s->web_root) < (int)sizeof full &&
	    !stat(full, &st) && S_ISREG(st.st_mode))
		return "/vendor/index.html";
	return "/index.html";
}

/* The web application is one page: "/", its sign-in address "/login" and "/index.html" are the
 * page (it routes within itself by the URL's #fragment). "/v/HASH/NAME" is NAME under its
 * fingerprint, the hash of every file's content: the page loads its files by those addresses
 * (their relative imports stay under them), which may be kept a year, as nothing under one
 * fingerprint ever changes; a fingerprint not the current one is answered NAME uncached. */
static enum MHD_Result file(const struct request *q)
{
	const char *path = q->path;
	char full[PATH_MAX], etag[64];
	const char *inm, *cache;
	bool pinned = false;
	struct MHD_Response *r;
	struct stat st;
	int fd, gz;

	if (!strncmp(path, "/v/", 3)) {
		size_t n = strspn(path + 3, "0123456789abcdef");

		if (n && n <= 64 && path[3 + n] == '/') {
			pinned = fingerprint_is(q->s, path + 3, n);
			path += 3 + n;
		}
	}
	if (!strcmp(path, "/") || !strcmp(path, "/login") || !strcmp(path, "/index.html"))
		path = page_path(q->s);
	if (strcmp(q->method, "GET") && strcmp(q->method, "HEAD")) {
		struct MHD_Response *na = json_response(
			json_pack("{s:{s:s, s:s, s:n}}", "error", "code", "method_not_allowed",
				  "message", "static files are only read (allowed: GET, HEAD)",
				  "field"));

		if (na)
			MHD_add_response_header(na, "Allow", "GET, HEAD");
		return send_response(q->c, q->s, MHD_HTTP_METHOD_NOT_ALLOWED, na);
	}
	if (!plain_path(path) ||
	    snprintf(full, sizeof full, "%s%s", q->s->web_root, path) >= (int)sizeof full ||
	    (fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return send_error(q->c, q->s, MHD_HTTP_NOT_FOUND, "not_found", NULL,
				  "no resource %s", q->path);
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return send_error(q->c, q->s, MHD_HTTP_NOT_FOUND, "not_found", NULL,
				  "no resource %s", q->path);
	}
	gz = gzipped(q, full, &st);
	if (gz >= 0) {
		close(fd);
		fd = gz;
	}
	snprintf(etag, sizeof etag, "\"%llx-%llx%s\"", (unsigned long long)st.st_mtime,
		 (unsigned long long)st.st_size, gz >= 0 ? "-gz" : "");
	inm = MHD_lookup_connection_value(q->c, MHD_HEADER_KIND, "If-None-Match");
	if (inm && !strcmp(inm, etag)) {
		close(fd);
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		if (r)
			MHD_add_response_header(r, "ETag", etag);
		return send_response(q->c, q->s, MHD_HTTP_NOT_MODIFIED, r);
	}
	if (!(r = MHD_create_response_from_fd((uint64_t)st.st_size, fd))) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", content_type(path));
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (gz >= 0)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	/* a file under the current fingerprint never changes; any other is asked again each time
	 * (its ETag makes that a 304 while it is the same) */
	cache = pinned ? "public, max-age=31536000, immutable" : "no-cache";
	MHD_add_response_header(r, "Cache-Control", cache);
	return send_response(q->c, q->s, MHD_HTTP_OK, r);
}

/* --- the request cycle -------------------------------------------------------------------------- */

struct pending {
	struct dynbuf body; /* capped at max: a body that would pass it is refused with 413 */
	time_t started;     /* when the request began: its whole-request deadline runs from it */
	size_t max;         /* the bytes this request's body may hold */
	bool upload;  /* an upload of a file: an evidence file (its limit is a setting) or a
		       * spreadsheet to import (API_IMPORT_MAX) */
	bool too_big;
	/* a write answered by the writer in a group (api_grouped): the connection is suspended
	 * from when it is queued until its group has committed */
	enum { W_NONE, W_QUEUED, W_ANSWERED } w;
	bool audit_only; /* answered already, on the connection's thread: a read of personal data
			  * whose audit entry (out.read_audit) the writer appends in its group */
	struct MHD_Connection *c;
	struct api_request in;
	struct api_response out;
	char ip[INET6_ADDRSTRLEN];
	struct pending *next; /* in the writer's queue */
	struct api_job *job; /* a password request in the pool (or answered by it) */
};

/* too_large answers 413 for a body over p's limit. */
static enum MHD_Result too_large(struct MHD_Connection *c, const struct server *s,
				 const struct pending *p)
{
	if (p->upload && p->max >= API_IMPORT_MAX)
		return send_error(c, s, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "file",
				  "文件过大：导入文件上限 %zu MiB，请用命令行导入更大的文件 (an import "
				  "through the API takes at most %zu MiB; import larger files with the "
				  "command line)",
				  API_IMPORT_MAX >> 20, API_IMPORT_MAX >> 20);
	if (p->upload)
		return send_error(c, s, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", "file",
				  "文件过大：上限 %zu MiB（设置 evidence_max_mb） (the file is larger "
				  "than the limit of %zu MiB, the setting evidence_max_mb)",
				  (p->max - API_UPLOAD_SLACK) >> 20, (p->max - API_UPLOAD_SLACK) >> 20);
	return send_error(c, s, MHD_HTTP_CONTENT_TOO_LARGE, "too_large", NULL,
			  "the request body is larger than %zu bytes", p->max);
}

/* conn_of: the entry of conns.h kept for c (NULL when it could not be kept). */
static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci ? ci->socket_context : NULL;
}

/* connection keeps conns.h's list as libmicrohttpd opens and closes connections. */
static void connection(void *cls, struct MHD_Connection *c, void **ctx,
		       enum MHD_ConnectionNotificationCode what)
{
	struct server *s = cls;

	if (what == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd =
			MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		char ip[INET6_ADDRSTRLEN];

		client_ip(c, ip, sizeof ip);
		*ctx = fd ? conns_open(s->conns, fd->connect_fd, ip, time(NULL)) : NULL;
	} else if (what == MHD_CONNECTION_NOTIFY_CLOSED) {
		conns_close(s->conns, *ctx);
		*ctx = NULL;
	}
}

/* sweeper cuts, once a second, the connections that sent no whole request head in time. */
static void *sweeper(void *arg)
{
	struct server *s = arg;
	struct timespec nap = {0, 250 * 1000 * 1000};

	for (unsigned i = 1; !atomic_load(&s->sweep_stop); i++) {
		nanosleep(&nap, NULL);
		if (i % 4 == 0)
			conns_sweep(s->conns, time(NULL));
	}
	return NULL;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct pending *p = *con_cls;

	(void)toe;
	conns_busy(((struct server *)cls)->conns, conn_of(c), false, time(NULL));
	if (p) {
		if (p->w == W_ANSWERED) /* the connection closed before the answer went */
			api_response_free(&p->out);
		if (p->job) { /* answered, but the client went away before it was sent */
			api_response_free(&p->job->out);
			free(p->job);
		}
		dynbuf_free(&p->body);
		free(p);
		*con_cls = NULL;
	}
}

/* append adds n bytes of the body to p; false when out of memory. Past the limit the rest is
 * dropped and the request is answered 413. */
static bool append(struct pending *p, const char *data, size_t n)
{
	enum dynbuf_res r = p->too_big ? DYNBUF_TOO_LARGE : dynbuf_add(&p->body, data, n);

	p->too_big = r == DYNBUF_TOO_LARGE;
	return r != DYNBUF_NOMEM;
}

/* give_back hands the memory a large request freed back to the system: glibc keeps freed heap
 * pages in the thread's arena (a 100,000-row import through the API left the server 9 MiB
 * larger; measured in bench/RESULTS.md). */
static void give_back(void)
{
#if HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}

/* keep_heap: each request builds its answer in memory it frees at the end; glibc gave a
 * thread's freed heap back to the system at once (its trim threshold, 128 KiB at first) with
 * madvise, which on this 2-core virtual machine flushes every core's TLB — a fifth of the
 * server's time on GET /incidents/{id} under load (perf), and the pages faulted in again on
 * the next request. A thread now keeps up to 8 MiB of freed heap, and blocks up to 1 MiB come
 * from the heap, not mmap: CPU a read 1.06-1.50 -> 0.62-0.72 ms, peak RSS the same (37-38
 * MiB; bench/RESULTS.md "Reads and writes (session 13)"). What a large request frees still goes
 * back (give_back). */
static void keep_heap(void)
{
#if HAVE_MALLOC_TRIM
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

/* Header counts of one request, for malformed_request. */
struct header_scan {
	unsigned content_length, transfer_encoding, host, csrf, authorization, content_type;
	bool blank_in_name;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct header_scan *h = cls;

	(void)kind;
	(void)value;
	h->content_length += !strcasecmp(key, "Content-Length");
	h->transfer_encoding += !strcasecmp(key, "Transfer-Encoding");
	h->host += !strcasecmp(key, "Host");
	h->csrf += !strcasecmp(key, API_CSRF_HEADER);
	h->authorization += !strcasecmp(key, "Authorization");
	h->content_type += !strcasecmp(key, "Content-Type");
	h->blank_in_name |= strpbrk(key, " \t") != NULL;
	return MHD_YES;
}

/* malformed_request answers what RFC 9110/9112 make a client error — or a request that could be
 * read two ways by two parsers (request smuggling) — before anything else: a header name with a
 * blank in it ("Content-Length : 5"), a header that must come once given twice (Content-Length,
 * Transfer-Encoding, Host, Authorization, Content-Type, the CSRF token), HTTP/1.1 without Host
 * (400); a transfer coding other than chunked (501: nothing else is decoded here). MHD_YES with
 * *answered false when the request is well formed. */
static enum MHD_Result malformed_request(struct MHD_Connection *c, const struct server *s,
					 const char *version, bool *answered)
{
	struct header_scan h = {0};
	const char *te = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");

	*answered = true;
	MHD_get_connection_values(c, MHD_HEADER_KIND, scan_header, &h);
	if (h.blank_in_name)
		return send_error(c, s, MHD_HTTP_BAD_REQUEST, "bad_request", NULL,
				  "a header name holds a blank (\"Name: value\", no space before the "
				  "colon)");
	if (h.content_length > 1 || h.transfer_encoding > 1 || h.host > 1 ||
	    h.authorization > 1 || h.content_type > 1 || h.csrf > 1)
		return send_error(c, s, MHD_HTTP_BAD_REQUEST, "bad_request", NULL,
				  "a header that is given once (Content-Length, Transfer-Encoding, "
				  "Host, Authorization, Content-Type, %s) was given more than once",
				  API_CSRF_HEADER);
	if (h.content_length && h.transfer_encoding)
		return send_error(c, s, MHD_HTTP_BAD_REQUEST, "bad_request", NULL,
				  "give Content-Length or Transfer-Encoding, not both");
	if (!h.host && version && !strcmp(version, MHD_HTTP_VERSION_1_1))
		return send_error(c, s, MHD_HTTP_BAD_REQUEST, "bad_request", NULL,
				  "an HTTP/1.1 request names its Host");
	if (te && strcasecmp(te, "chunked"))
		return send_error(c, s, MHD_HTTP_NOT_IMPLEMENTED, "not_implemented", NULL,
				  "Transfer-Encoding: only chunked is read");
	*answered = false;
	return MHD_YES;
}

/* big: a request to url may take much memory (an import's body, an export's pages). */
static bool big(const char *url)
{
	return !strncmp(url, "/api/v1/import/", 15) || !strncmp(url, "/api/v1/export/", 15);
}


/* --- group commit ----------------------------------------------------------------------------- */

/* The daily work's writes (api_grouped) are not answered on the connection's thread: the
 * connection is suspended and its request queued for the writer, one thread with its own
 * connection to the database, which takes every write queued while it wrote the group before,
 * opens one transaction for them all (store_group_begin), answers each — each act in its own
 * savepoint, with its own audit entry, an act that fails undone alone and answering its own
 * refusal — and commits them together (one sync of the log to disk for the group, not one per
 * act), and only then resumes their connections: nothing is acknowledged before it is durable.
 * Meanwhile the connection threads go on serving reads, each on its own connection (WAL): a
 * read never waits for a write. When the group cannot be committed, every write of it answers
 * 503 and none of it is kept. */

#define GROUP_MAX 256 /* writes in one group at most (the rest wait for the next) */

/* unavailable answers in *out the 503 of a write whose group was not committed, or of a read
 * of personal data whose audit entry was not kept (read: its answer is withheld). */
static void unavailable(const struct api_request *in, struct api_response *out, bool read)
{
	json_t *j;

	api_response_free(out);
	memset(out, 0, sizeof *out);
	lang_set(lang_of_accept(in->accept_language));
	j = json_pack("{s:{s:s, s:s, s:n}}", "error", "code", "unavailable", "message",
		      read ? lang_tr("the read could not be written to the audit log, so it is "
				     "not answered: send it again")
			   : lang_tr("the write could not be committed and nothing of it was "
				     "kept: send it again"),
		      "field");
	out->status = MHD_HTTP_SERVICE_UNAVAILABLE;
	out->body = j;
	api_response_text(out); /* NULL on ENOMEM: the server answers 500 then */
}

/* group writes the queued requests first… (linked by next) in one group over st (NULL: the
 * database could not be opened) and resumes their connections. */
static void group(struct store *st, struct pending *first)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = st ? store_group_begin(st, &d)
			    : cd_diag_set(&d, CD_ESTORE, "the database cannot be opened");

	for (struct pending *p = first; !rc && p; p = p->next) {
		if (p->audit_only) { /* its own savepoint: a refusal undoes this entry alone */
			struct cd_diag ad = {{0}};

			if (api_read_audit_record(st, &p->out.read_audit, &ad)) {
				fprintf(stderr, "cyberduty: serve: audit: %s\n", ad.msg);
				unavailable(&p->in, &p->out, true);
			}
			continue;
		}
		p->in.store = st;
		api_handle(&p->in, &p->out);
		/* encoded now: a notice's answer as a tree of values is some ten times its text, and
		 * the group's answers wait together for the commit */
		api_response_text(&p->out);
	}
	if (!rc)
		rc = store_group_end(st, &d);
	if (rc)
		fprintf(stderr, "cyberduty: serve: a group of writes was not committed: %s\n",
			d.msg);
	for (struct pending *p = first, *next; p; p = next) {
		next = p->next; /* p is the connection's once it is resumed */
		if (rc)
			unavailable(&p->in, &p->out, p->audit_only);
		p->w = W_ANSWERED;
		MHD_resume_connection(p->c);
	}
}

static void *writer(void *arg)
{
	struct server *s = arg;
	struct store *st = NULL;
	struct cd_diag d = {{0}};

	if (store_open(s->db, 0, &st, &d) != CD_OK) {
		fprintf(stderr, "cyberduty: serve: %s\n", d.msg);
		st = NULL;
	}
	pthread_mutex_lock(&s->mu);
	for (;;) {
		struct pending *first, **end;
		size_t n = 0;

		while (!s->queue && !s->writer_stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (!s->queue)
			break;
		first = s->queue;
		for (end = &s->queue; *end && n < GROUP_MAX; end = &(*end)->next)
			n++;
		s->queue = *end;
		*end = NULL;
		if (!s->queue)
			s->queue_end = &s->queue;
		pthread_mutex_unlock(&s->mu);
		group(st, first);
		pthread_mutex_lock(&s->mu);
	}
	pthread_mutex_unlock(&s->mu);
	store_close(st);
	return NULL;
}

/* enqueue hands the complete request q of p to the writer, suspending its connection; false
 * when the writer has stopped (the server is stopping). audit_only: q is answered in p->out,
 * the writer only appends its read's audit entry (p->in is filled already). */
static bool enqueue(struct server *s, const struct request *q, struct pending *p,
		    bool audit_only)
{
	bool on;

	if (!audit_only)
		api_in(q, &p->in, p->ip);
	p->audit_only = audit_only;
	p->c = q->c;
	p->next = NULL;
	pthread_mutex_lock(&s->mu);
	on = s->writer_on && !s->writer_stop;
	if (on) {
		p->w = W_QUEUED;
		MHD_suspend_connection(q->c);
		*s->queue_end = p;
		s->queue_end = &p->next;
		pthread_cond_signal(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	return on;
}

/* password answers a password request through the pool: within its address's budget, the
 * connection is suspended and the request queued; resumed, its answer is sent. Over the budget:
 * 429 with Retry-After, no argon2id spent; the queue full: 503. */
static enum MHD_Result password(const struct request *q, struct pending *p)
{
	const struct server *s = q->s;
	struct api_job *j = p->job;
	time_t now = time(NULL);
	char ip[INET6_ADDRSTRLEN];
	long retry;
	enum MHD_Result ret;

	if (j) { /* back from the pool */
		p->job = NULL;
		if (j->no_store) {
			free(j);
			return send_error(q->c, s, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
					  NULL, "the database cannot be opened");
		}
		if (j->out.status == MHD_HTTP_TOO_MANY_REQUESTS) /* the address failed too often */
			signin_refused(s->signin, j->ip, now);
		ret = api_send(q, &j->out);
		free(j);
		return ret;
	}
	/* the refusals of intervals now closed go to the log, one entry per address */
	signin_flush(s->signin, thread_store(s), now, false);
	client_ip(q->c, ip, sizeof ip);
	if (!signin_admit(s->signin, ip, now, &retry))
		return refused_429(q, retry);
	if (!(j = calloc(1, sizeof *j)))
		return MHD_NO;
	if (!signin_reserve(s->signin)) {
		struct MHD_Response *r;

		free(j);
		lang_set(lang_of_accept(MHD_lookup_connection_value(q->c, MHD_HEADER_KIND,
								    "Accept-Language")));
		r = json_response(json_pack(
			"{s:{s:s, s:s, s:n}}", "error", "code", "busy", "message",
			lang_tr("the server is busy checking passwords: try again in a moment"),
			"field"));
		if (r)
			MHD_add_response_header(r, "Retry-After", "1");
		return send_response(q->c, s, MHD_HTTP_SERVICE_UNAVAILABLE, r);
	}
	j->s = s;
	j->c = q->c;
	api_in(q, &j->in, j->ip);
	p->job = j;
	MHD_suspend_connection(q->c);
	signin_submit(s->signin, &j->base);
	return MHD_YES;
}

/* api answers q on the connection's thread. A read of personal data is audited before its
 * answer goes: its entry is appended in the writer's next group — one sync of the log for the
 * reads and writes of a group, not one per read — and the connection waits suspended for that
 * commit; when the writer has stopped, the entry is written here in a transaction of its own.
 * An entry that cannot be kept withholds the answer (503). */
static enum MHD_Result api(struct server *s, const struct request *q, struct pending *p)
{
	struct cd_diag d = {{0}};

	api_in(q, &p->in, p->ip);
	p->in.store = thread_store(q->s);
	if (!p->in.store)
		return send_error(q->c, q->s, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable", NULL,
				  "the database cannot be opened");
	p->in.defer_read_audit = true;
	api_handle(&p->in, &p->out);
	if (p->out.read_audit.set) {
		api_response_text(&p->out); /* encoded while it waits, as a write's answer is */
		if (enqueue(s, q, p, true))
			return MHD_YES;
		if (api_read_audit_record(p->in.store, &p->out.read_audit, &d)) {
			fprintf(stderr, "cyberduty: serve: audit: %s\n", d.msg);
			unavailable(&p->in, &p->out, true);
		}
	}
	return api_send(q, &p->out);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct pending *p = *con_cls;
	struct request q = {.s = s, .c = c, .method = method, .path = url};

	if (p && p->w == W_ANSWERED) { /* its group has committed (or failed): the answer */
		p->w = W_NONE;
		return api_send(&q, &p->out);
	}
	if (p && p->w == W_QUEUED) /* not called while suspended; nothing to do if it were */
		return MHD_YES;
	if (!p) {
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		bool answered;
		enum MHD_Result bad = malformed_request(c, s, version, &answered);

		if (!(p = calloc(1, sizeof *p)))
			return MHD_NO;
		*con_cls = p;
		p->started = time(NULL);
		conns_busy(s->conns, conn_of(c), true, p->started);
		if (answered) {
			p->too_big = true; /* the body, if any, is not kept */
			return bad;
		}
		p->max = s->max_body;
		if (!strncmp(url, "/api/", 5) && strcmp(method, "GET") && strcmp(method, "HEAD")) {
			/* an upload's limit is the file setting's, for a caller who may upload */
			struct api_request ask = {.method = method, .path = url,
						  .now = (cd_time)time(NULL),
						  .store = thread_store(s)};

			ask.session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND,
								  API_SESSION_COOKIE);
			ask.authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
									"Authorization");
			p->max = api_max_body(&ask, s->max_body, &p->upload);
		}
		dynbuf_init(&p->body, p->max);
		if (cl && strtoull(cl, NULL, 10) > p->max)
			return too_large(c, s, p);
		return MHD_YES;
	}
	if (*upload_size) {
		/* a body trickled in (a byte every few seconds keeps a connection from going idle)
		 * meets the whole-request deadline: the connection is closed. No answer can be sent
		 * here — libmicrohttpd 0.9.75 queues a response only before the body or after all
		 * of it (MHD_queue_response refuses in between), and this body never ends. */
		if (time(NULL) - p->started > (p->upload ? s->upload_s : s->request_s))
			return MHD_NO;
		if (!append(p, upload, *upload_size))
			return MHD_NO;
		*upload_size = 0;
		return MHD_YES;
	}
	if (p->too_big)
		return too_large(c, s, p);
	q.body = p->body.p ? p->body.p : "";
	q.len = p->body.len;
	if (s->signin && password_route(method, url))
		return password(&q, p);
	if (!strncmp(url, "/api/", 5) || !strcmp(url, "/api")) {
		enum MHD_Result ret;

		if (api_grouped(method, url) && enqueue(s, &q, p, false))
			return MHD_YES;
		ret = api(s, &q, p);

		if (big(url)) {
			dynbuf_free(&p->body); /* the body is done with: give it back too */
			give_back();
		}
		return ret;
	}
	return file(&q);
}

/* unescape is libmicrohttpd's own decoding of %XX, except that a URL with an encoded NUL (%00)
 * is left as it is: decoded, it would end the path early ("/index.html%00.css" →
 * "/index.html"); left, it matches no route and no file. Returns the new length. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strstr(s, "%00") ? strlen(s) : MHD_http_unescape(s);
}

/* --- start and stop ----------------------------------------------------------------------------- */

static void log_mhd(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	const struct server *s = cls;

	if (!atomic_load(&s->started))
		return;
	fputs("cyberduty: serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

static char *slurp(const char *path, struct cd_diag *d, enum cd_err *rc)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1 << 20) ||
	    fseek(f, 0, SEEK_SET) || !(buf = calloc(1, (size_t)n + 1)) ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		*rc = cd_diag_set(d, CD_EINVAL, "%s: cannot read it (%s)", path,
				  errno ? strerror(errno) : "too large");
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	return buf;
}

/* parse_listen reads "HOST:PORT" into an IPv4 or IPv6 socket address. */
static enum cd_err parse_listen(const char *l, struct sockaddr_storage *ss, struct cd_diag *d)
{
	char host[64];
	const char *colon = strrchr(l ? l : "", ':');
	char *end;
	long port;
	size_t hn;

	memset(ss, 0, sizeof *ss);
	if (!colon || (hn = (size_t)(colon - l)) == 0 || hn >= sizeof host)
		goto bad;
	port = strtol(colon + 1, &end, 10);
	if (*end || end == colon + 1 || port < 0 || port > 65535)
		goto bad;
	memcpy(host, l, hn);
	host[hn] = '\0';
	if (host[0] == '[' && host[hn - 1] == ']') {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

		host[hn - 1] = '\0';
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1)
			return CD_OK;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)ss;

		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &a4->sin_addr) == 1)
			return CD_OK;
	}
bad:
	return cd_diag_set(d, CD_EINVAL,
			   "--listen \"%s\": give HOST:PORT with a numeric address, e.g. "
			   "127.0.0.1:8080 or [::1]:8080",
			   l ? l : "");
}

static enum cd_err check_setup(struct server *s, struct cd_diag *d)
{
	struct stat st;
	struct store *probe;
	enum cd_err rc;

	if (stat(s->web_root, &st) || !S_ISDIR(st.st_mode))
		return cd_diag_set(d, CD_EINVAL, "web root %s is not a directory", s->web_root);
	if ((rc = store_open(s->db, 0, &probe, d)) != CD_OK)
		return rc;
	rc = audit_key_load(probe, d); /* a keyed log without its key: no write could be audited */
	if (!rc) { /* TOTP keys of an older database kept raw: sealed now (docs/accounts.md) */
		size_t n = 0;

		rc = account_totp_seal_all(probe, &n, d);
	}
	store_close(probe);
	if (rc)
		return rc;
	if (!s->c.tls_cert != !s->c.tls_key)
		return cd_diag_set(d, CD_EINVAL, "TLS needs both --tls-cert and --tls-key");
	if (s->c.tls_cert && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		return cd_diag_set(d, CD_EINVAL, "this libmicrohttpd was built without TLS");
	if (s->c.tls_cert && (!(s->cert = slurp(s->c.tls_cert, d, &rc)) ||
			      !(s->key = slurp(s->c.tls_key, d, &rc))))
		return rc;
	return CD_OK;
}

static void server_free(struct server *s)
{
	if (!s)
		return;
	free(s->db);
	free(s->web_root);
	if (s->key)
		memset(s->key, 0, strlen(s->key));
	free(s->cert);
	free(s->key);
	conns_free(s->conns);
	pthread_cond_destroy(&s->cv);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

enum cd_err server_start(const struct server_config *c, struct server **out, struct cd_diag *d)
{
	struct server *s = calloc(1, sizeof *s);
	struct sockaddr_storage ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	const union MHD_DaemonInfo *info;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	enum cd_err rc;

	*out = NULL;
	keep_heap();
	pthread_once(&store_once, store_key_init);
	if (!s || !(s->db = strdup(c->db)) || !(s->web_root = strdup(c->web_root))) {
		server_free(s);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	s->c = *c;
	s->queue_end = &s->queue;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->max_body = c->max_body ? c->max_body : SERVER_MAX_BODY;
	s->request_s = c->request_s > 0 ? c->request_s : SERVER_REQUEST_S;
	s->upload_s = c->request_s > 0 ? c->request_s : SERVER_UPLOAD_S;
	if (!(s->conns = conns_new(SERVER_IDLE_PER_IP, SERVER_IDLE_TOTAL, s->request_s, NULL))) {
		server_free(s);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	api_cache_budget(c->cache_mb < 0 ? 0
					 : (size_t)(c->cache_mb ? c->cache_mb : SERVER_CACHE_MB) << 20);
	if ((rc = parse_listen(c->listen, &ss, d)) != CD_OK || (rc = check_setup(s, d)) != CD_OK) {
		server_free(s);
		return rc;
	}
	if (s->cert)
		flags |= MHD_USE_TLS;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	unsigned threads = c->threads ? c->threads : (unsigned)(ncpu > 0 ? ncpu : 2);
	struct MHD_OptionItem tls[] = {
		{MHD_OPTION_HTTPS_MEM_CERT, 0, s->cert},
		{MHD_OPTION_HTTPS_MEM_KEY, 0, s->key},
		{MHD_OPTION_END, 0, NULL},
	};

	if (!s->cert)
		tls[0].option = MHD_OPTION_END;
	rc = signin_start(c->hash_threads ? c->hash_threads : SIGNIN_THREADS,
			  c->signin_budget < 0 ? 0
			  : c->signin_budget ? (unsigned)c->signin_budget
					     : SIGNIN_BUDGET,
			  job_run, job_done, s, &s->signin, d);
	if (rc) {
		server_free(s);
		return rc;
	}
	s->d = MHD_start_daemon(flags, 0, NULL, NULL, handle, s, MHD_OPTION_EXTERNAL_LOGGER,
				log_mhd, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVER_MAX_CONNECTIONS,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVER_MAX_PER_IP,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVER_TIMEOUT_S,
				MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_MAX_HEADERS,
				MHD_OPTION_NOTIFY_COMPLETED, completed, s,
				MHD_OPTION_NOTIFY_CONNECTION, connection, s,
				MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_ARRAY, tls,
				MHD_OPTION_END);
	if (!s->d) {
		signin_stop(s->signin, NULL);
		server_free(s);
		return cd_diag_set(d, CD_EIO, "cannot listen on %s (in use, or not an address here?)",
				   c->listen);
	}
	atomic_store(&s->started, true);
	if (pthread_create(&s->writer, NULL, writer, s)) {
		MHD_stop_daemon(s->d);
		server_free(s);
		return cd_diag_set(d, CD_ENOMEM, "cannot start the writer thread");
	}
	s->writer_on = true;
	s->sweeping = !pthread_create(&s->sweeper, NULL, sweeper, s);
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	*out = s;
	return CD_OK;
}

uint16_t server_port(const struct server *s)
{
	return s->port;
}

int server_tls(const struct server *s)
{
	return s->cert != NULL;
}

void server_stop(struct server *s)
{
	const union MHD_DaemonInfo *info;
	struct timespec nap = {0, 50 * 1000 * 1000};

	if (!s)
		return;
	MHD_quiesce_daemon(s->d);
	for (int i = 0; i < SERVER_DRAIN_S * 20; i++) {
		info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!info || !info->num_connections)
			break;
		nanosleep(&nap, NULL);
	}
	/* the writer answers what is queued, then stops; a write arriving after is served on its
	 * connection's thread (enqueue refuses it) */
	pthread_mutex_lock(&s->mu);
	s->writer_stop = true;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(s->writer, NULL);
	/* the password requests queued are answered (their connections resumed) before the
	 * daemon stops; then the refusals not yet in the log go there */
	{
		struct store *st = NULL;
		struct cd_diag d = {{0}};

		if (store_open(s->db, 0, &st, &d) != CD_OK)
			st = NULL;
		signin_stop(s->signin, st);
		store_close(st);
	}
	atomic_store(&s->sweep_stop, true);
	if (s->sweeping)
		pthread_join(s->sweeper, NULL);
	MHD_stop_daemon(s->d);
	api_cache_clear();
	server_free(s);
}
