/* conns.h — the connections the server holds, kept so that no client can hold the server by
 * holding connections open. libmicrohttpd closes a connection only after SERVER_TIMEOUT_S
 * without a byte, and refuses an address's connection past its limit: a client trickling its
 * headers a byte at a time, or opening a few hundred connections and sending nothing, would keep
 * them — and the address, or the whole server, locked out — for as long as it liked. Here:
 *   - a connection that has not sent a whole request head within the deadline of its opening or
 *     of the end of its last request is cut (a byte now and then does not keep it);
 *   - when one address holds more than `per_ip` connections, or all addresses together more than
 *     `total`, the longest-idle connections — no request of theirs under way — are cut to make
 *     room for the new one. A connection whose request is being read, answered or waits for the
 *     writer is never cut here.
 * "Cut" is shutdown(2) of the socket: libmicrohttpd sees it end and closes it as it closes any
 * connection a client ended. The caller serialises nothing: every function takes the lock. */
#ifndef CD_HTTP_CONNS_H
#define CD_HTTP_CONNS_H

#include <stdbool.h>
#include <time.h>

struct conns;
struct conn;

/* cut_fn ends the connection on fd (tests count instead); NULL: shutdown(fd, SHUT_RDWR). */
typedef void conns_cut_fn(int fd);

/* conns_new makes an empty set; NULL on ENOMEM. */
struct conns *conns_new(unsigned per_ip, unsigned total, int deadline_s, conns_cut_fn *cut);
void conns_free(struct conns *cs);

/* conns_open adds the connection on fd from ip, opened at now, and cuts the idle ones the
 * limits ask for; NULL on ENOMEM (the connection is then not kept track of). */
struct conn *conns_open(struct conns *cs, int fd, const char *ip, time_t now);

/* conns_busy: a request's head has arrived on c (busy) or its answer has been sent (not busy:
 * the connection is idle from now). */
void conns_busy(struct conns *cs, struct conn *c, bool busy, time_t now);

/* conns_close forgets c: libmicrohttpd is closing it. */
void conns_close(struct conns *cs, struct conn *c);

/* conns_sweep cuts each connection idle for longer than the deadline at now; returns how many. */
unsigned conns_sweep(struct conns *cs, time_t now);

/* conns_count: the connections held (cut ones not counted), from ip or (NULL) in all. */
unsigned conns_count(struct conns *cs, const char *ip);

#endif
