/* api.h — the JSON API of /api/v1 as a function from a request to a response, independent of the
 * HTTP library: http/server.c fills a struct api_request from the connection and sends the
 * struct api_response back; the fuzz target and the tests call api_handle directly. Inside:
 * the route table (router.c), who is asking (session cookie or bearer token), the CSRF check,
 * the permission of the route's class for the caller's role (core/access.h), the caller's unit
 * scope, validation of bodies from field descriptors (fields.c), one file per resource, and the
 * audit log entry of every write, refusal, sign-in and read of personal data. */
#ifndef CD_API_H
#define CD_API_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

#define API_SESSION_COOKIE "cd_session"
#define API_CSRF_HEADER    "X-CSRF-Token"
#define API_MAX_QUERY      32 /* query parameters read; more are refused */

struct api_param {
	const char *key, *value;
};

struct api_request {
	const char *method;        /* "GET", "POST", … */
	const char *path;          /* decoded, starts with /api/ */
	struct api_param query[API_MAX_QUERY];
	size_t nquery;
	bool query_overflow;       /* more than API_MAX_QUERY parameters were given */
	const char *session;       /* the session cookie's value, or NULL */
	const char *authorization; /* the Authorization header, or NULL */
	const char *csrf;          /* the X-CSRF-Token header, or NULL */
	const char *content_type;  /* or NULL */
	const char *accept_language; /* the Accept-Language header (zh when NULL: core/lang.h) */
	const char *ip;            /* the client's address */
	bool tls;                  /* the connection is HTTPS (cookies get Secure) */
	const char *body;          /* NUL-terminated; len bytes (may hold NULs) */
	size_t len;
	cd_time now;
	struct store *store;       /* the worker thread's connection */
	/* the audit entry of a read of personal data is not written here but given back in
	 * api_response.read_audit, for the server to append in the writer's next group and send
	 * the answer once that has committed (http/server.c) */
	bool defer_read_audit;
};

/* The audit entry of a read of personal data, kept until the server appends it
 * (api_read_audit_record). */
struct api_read_audit {
	bool set;
	cd_time at;
	char actor[96], ip[48], action[48], object[64];
};

struct api_response {
	unsigned status;
	json_t *body;              /* owned by the response; NULL = no body (204) or text */
	char *text;                /* the body encoded (malloc'd, owned), or NULL */
	size_t len;
	char set_cookie[256];      /* a Set-Cookie header value, or "" */
	char allow[96];            /* an Allow header value (405), or "" */
	char content_type[128];    /* the type of a body that is a file, not JSON; or "" */
	char disposition[1280];    /* a file's Content-Disposition header value, or "" */
	char file_sm3[65];         /* instead of a body: the evidence file kept under this digest,
				    * file_size bytes, for the server to send piecewise from the
				    * store (store_evidence_read); or "" */
	uint64_t file_size;
	/* a file to download (an export) instead of text: its open descriptor (owned, at offset
	 * 0) and size; its type and disposition in content_type and disposition */
	bool file;
	int fd;
	size_t file_len;
	char retry_after[24];      /* a Retry-After header value (seconds: 429, a lock), or "" */
	struct api_read_audit read_audit; /* set: the answer may go only once this entry is kept */
};

/* api_handle answers q into *r (zeroed first). Never fails: an internal failure is a 500 or 503
 * with a JSON error; a client's mistake is a 4xx naming what to fix. Free r with
 * api_response_free (which closes r->fd unless the caller took it, setting r->file false). */
void api_handle(const struct api_request *q, struct api_response *r);

/* api_read_audit_record appends the deferred entry e (a read of personal data, outcome ok): in
 * a transaction of its own, or as a savepoint of the writer's group (store_group_begin). */
enum cd_err api_read_audit_record(struct store *s, const struct api_read_audit *e,
				  struct cd_diag *d);

/* API_UPLOAD_SLACK: bytes an upload's body may hold beyond the file's limit (the form's
 * boundaries and part headers around it). */
#define API_UPLOAD_SLACK ((size_t)64 << 10)

/* API_IMPORT_MAX: the bytes of a spreadsheet sent to /api/v1/import/ (held in memory; the
 * command line streams files of any size). */
#define API_IMPORT_MAX ((size_t)256 << 20)

/* api_max_body: the bytes the body of request q may hold, asked before it is received (q's
 * method, path, session, authorization, now and store are read; the store may be NULL) — on
 * the routes that take a file upload, for a caller signed in (or with a live token) whose role
 * may use the route, the setting evidence_max_mb and API_UPLOAD_SLACK (an evidence file) or
 * API_IMPORT_MAX (a spreadsheet to import); else dflt. Nobody else
 * can make the server hold more than dflt bytes. *upload says which (may be NULL). */
size_t api_max_body(const struct api_request *q, size_t dflt, bool *upload);
/* api_grouped: a request of this method and path may be answered within a group of writes
 * committed together (http/server.c's writer, store_group_begin): a JSON write of a signed-in
 * caller — not a sign-in or one's own session, nor the administrators' pages (the password
 * hashing would hold up the group), nor the notification settings (a channel's test sends over
 * the network), nor a file upload or an import (long, large). */
bool api_grouped(const char *method, const char *path);

void api_response_free(struct api_response *r);

/* api_route_role_may: whether role may use the route `method` `path` (its template, as the
 * route table writes it: "/api/v1/notices/{id}/rectify") — the API's own permission rule, for
 * the command line acting in an account's name (cli/as.c); *action is the route's audit action
 * (NULL for a read). False for no such route. */
bool api_route_role_may(int role, const char *method, const char *path, const char **action);

/* api_response_text makes sure r's body is encoded in r->text (compact JSON, UTF-8 as it is)
 * and returns it, or NULL for no body or when out of memory; the caller may take r->text
 * (setting it NULL). */
const char *api_response_text(struct api_response *r);

/* Answers kept to be sent again (src/api/cache.c): api_cache_budget sets the bytes they may
 * take (0: none are kept; the server sets it when it starts), api_cache_clear drops them all
 * (the server calls it when it stops). */
void api_cache_budget(size_t bytes);
void api_cache_clear(void);

#endif
