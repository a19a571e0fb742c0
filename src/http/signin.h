/* signin.h — the server's password routes apart from everything else (issue 13, item 6):
 * sign-in and the other requests that run argon2id (a password change, a second factor's
 * re-authentication, a reset) are answered on a pool of their own, bounded in threads and in
 * queue, so that a storm of them never takes the worker threads that serve the readers; each
 * client address has a budget of such requests per minute, over which it is answered 429 with
 * Retry-After before any argon2id is spent; and those refusals are audited as one entry per
 * address and minute (`session.refused`), never one each, so the log cannot be flooded.
 * libmicrohttpd's connection is suspended while its request waits and runs in the pool
 * (server.c); this file knows nothing of it. */
#ifndef CD_HTTP_SIGNIN_H
#define CD_HTTP_SIGNIN_H

#include <stdbool.h>
#include <time.h>

#include "core/err.h"
#include "store/store.h"

#define SIGNIN_THREADS   2  /* default threads hashing passwords (serve --hash-threads) */
#define SIGNIN_QUEUE     64 /* requests waiting per thread; more answer 503 */
#define SIGNIN_BUDGET    120 /* default requests per address per minute (serve --signin-budget) */
#define SIGNIN_WINDOW_S  60 /* the budget's interval, and the refusals' entry's */
#define SIGNIN_ADDRESSES 1024 /* addresses kept at once (the oldest interval goes first) */
#define SIGNIN_NICE      10 /* the hashing threads' nice value above the server's: the readers'
			     * threads go first */

struct signin;

/* A request to answer on the pool: run(job, cls) answers it, then done(job, cls) is called on
 * the same pool thread (the server resumes the connection there). */
struct signin_job {
	struct signin_job *next;
};

/* signin_start starts threads (1 … 64) hashing threads; budget requests per address and
 * minute (0: none); run and done as above. CD_ENOMEM, CD_EIO. */
enum cd_err signin_start(unsigned threads, unsigned budget,
			 void (*run)(struct signin_job *j, void *cls),
			 void (*done)(struct signin_job *j, void *cls), void *cls,
			 struct signin **out, struct cd_diag *d);

/* signin_reserve takes a place in the queue: false when it is full. signin_submit then queues j
 * in the place taken (it cannot fail: the connection is suspended between the two). */
bool signin_reserve(struct signin *p);
void signin_submit(struct signin *p, struct signin_job *j);

/* signin_admit: a password request from address ip at now is within its budget (counted);
 * false when it is not — *retry_after is then the seconds until it is again, and the refusal is
 * counted for the aggregated entry. */
bool signin_admit(struct signin *p, const char *ip, time_t now, long *retry_after);

/* signin_refused counts one more refusal of address ip at now for the aggregated entry (a
 * sign-in answered 429 by the account rules: the address failed too often). */
void signin_refused(struct signin *p, const char *ip, time_t now);

/* signin_flush appends to s one `session.refused` entry for each address whose interval with
 * refusals has closed by now (all of them when all: at stop). */
void signin_flush(struct signin *p, struct store *s, time_t now, bool all);

/* signin_stop lets the requests queued finish, stops the threads, writes the refusals not yet
 * in the log to s (when given) and frees p. */
void signin_stop(struct signin *p, struct store *s);

#endif
