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
	const char *ip;            /* the client's address */
	bool tls;                  /* the connection is HTTPS (cookies get Secure) */
	const char *body;          /* NUL-terminated; len bytes (may hold NULs) */
	size_t len;
	cd_time now;
	struct store *store;       /* the worker thread's connection */
};

struct api_response {
	unsigned status;
	json_t *body;              /* owned by the response; NULL = no body (204) or text */
	char *text;                /* the body encoded (malloc'd, owned), or NULL */
	size_t len;
	char set_cookie[256];      /* a Set-Cookie header value, or "" */
	char allow[96];            /* an Allow header value (405), or "" */
	char retry_after[24];      /* a Retry-After header value (seconds: 429, a lock), or "" */
};

/* api_handle answers q into *r (zeroed first). Never fails: an internal failure is a 500 or 503
 * with a JSON error; a client's mistake is a 4xx naming what to fix. Free r with
 * api_response_free. */
void api_handle(const struct api_request *q, struct api_response *r);
void api_response_free(struct api_response *r);

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
