/* server.h — the HTTP server of `cyberduty serve`: libmicrohttpd with its internal thread pool
 * (epoll), one database connection per worker thread, limits on bodies, headers, connections
 * and time, security headers on every response, the route table of the API and the static files
 * of web/ with caching headers. Stopping lets requests in flight finish. */
#ifndef CD_HTTP_SERVER_H
#define CD_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define SERVER_MAX_BODY        ((size_t)1 << 20) /* bytes of a request body (413 above) */
#define SERVER_MAX_HEADERS     (32 * 1024)       /* bytes of a connection's header buffer */
#define SERVER_MAX_CONNECTIONS 1024
#define SERVER_MAX_PER_IP      256  /* libmicrohttpd refuses an address's connections past this */
#define SERVER_IDLE_PER_IP     128  /* past this, an address's longest-idle connections are cut */
#define SERVER_IDLE_TOTAL      960  /* the same for all addresses together (src/http/conns.h) */
#define SERVER_TIMEOUT_S       30                /* idle seconds before a connection is closed */
#define SERVER_DRAIN_S         10                /* seconds stop waits for requests in flight */
#define SERVER_REQUEST_S       30  /* seconds a request may take to arrive, headers to last byte;
				    * a connection that sends no whole request head this long after
				    * it opened or its last answer went is cut (src/http/conns.h) */
#define SERVER_UPLOAD_S        600 /* the same for an upload (an import of up to 256 MiB) */

#define SERVER_CACHE_MB 16

struct server_config {
	const char *listen;   /* "HOST:PORT" (IPv4 or [IPv6]); port 0 = any free port */
	const char *db;       /* the database every worker thread opens */
	const char *web_root; /* directory of static files */
	const char *tls_cert, *tls_key; /* PEM files; both or neither */
	unsigned threads;     /* worker threads; 0 = the number of processors */
	size_t max_body;      /* 0 = SERVER_MAX_BODY */
	int cache_mb;         /* MiB of encoded answers kept to be sent again (src/api/cache.c);
			       * 0 = SERVER_CACHE_MB, -1 = none */
	int request_s;        /* a request's whole-arrival deadline in seconds; 0 = SERVER_REQUEST_S
			       * (uploads: SERVER_UPLOAD_S, or this when it is set) */
	unsigned hash_threads; /* threads hashing passwords (src/http/signin.h); 0 = SIGNIN_THREADS */
	int signin_budget;    /* password requests per address and minute; 0 = SIGNIN_BUDGET,
			       * negative = no budget */
};

struct server;

/* server_start checks the database opens, binds and starts serving. CD_EINVAL (bad listen
 * address, unreadable TLS files, web root not a directory), CD_EIO (cannot bind), CD_ENOMEM;
 * d says what to fix. */
enum cd_err server_start(const struct server_config *c, struct server **out, struct cd_diag *d);

/* server_port gives the bound port (useful after port 0). */
uint16_t server_port(const struct server *s);

/* server_tls: the server speaks HTTPS. */
int server_tls(const struct server *s);

/* server_stop stops accepting, waits up to SERVER_DRAIN_S for requests in flight, stops the
 * threads (each closes its database connection, which checkpoints the WAL) and frees s. */
void server_stop(struct server *s);

#endif
