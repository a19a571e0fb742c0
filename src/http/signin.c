/* signin.c — the password routes' pool, budget per address and aggregated refusals (see
 * signin.h). */
#include "http/signin.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "core/date.h"

/* One client address: its budget's interval and count, and the refusals not yet audited. */
struct addr {
	char ip[48];
	time_t window;       /* when its budget's interval began */
	unsigned count;      /* password requests in it */
	unsigned refused;    /* refusals since refused_from, not yet in the log */
	time_t refused_from, refused_to;
};

struct signin {
	pthread_mutex_t lock;
	pthread_cond_t more;
	pthread_t *threads;
	unsigned nthreads, started, budget;
	size_t queued, cap;
	struct signin_job *head, *tail;
	bool stopping;
	void (*run)(struct signin_job *j, void *cls);
	void (*done)(struct signin_job *j, void *cls);
	void *cls;
	pthread_mutex_t addr_lock;
	struct addr addrs[SIGNIN_ADDRESSES];
};

static void *worker(void *arg)
{
	struct signin *p = arg;
	struct signin_job *j;
	int prio;

	/* below the threads that serve the readers: on Linux a thread has its own nice value
	 * (setpriority of "this process", 0, sets the calling thread's: setpriority(2), BUGS), and
	 * a storm of argon2id then takes only the processor time the readers leave (a failure
	 * leaves the thread at the server's priority: it still works) */
	errno = 0;
	prio = getpriority(PRIO_PROCESS, 0);
	if (!errno)
		(void)setpriority(PRIO_PROCESS, 0, prio + SIGNIN_NICE > 19 ? 19 : prio + SIGNIN_NICE);
	for (;;) {
		pthread_mutex_lock(&p->lock);
		/* stopping waits for the places reserved too: their connections are suspended */
		while (!p->head && !(p->stopping && !p->queued))
			pthread_cond_wait(&p->more, &p->lock);
		j = p->head;
		if (!j) { /* stopping, and nothing left */
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		p->head = j->next;
		if (!p->head)
			p->tail = NULL;
		p->queued--; /* counted from its reservation */
		if (p->stopping && !p->queued)
			pthread_cond_broadcast(&p->more);
		pthread_mutex_unlock(&p->lock);
		p->run(j, p->cls);
		p->done(j, p->cls);
	}
}

enum cd_err signin_start(unsigned threads, unsigned budget,
			 void (*run)(struct signin_job *j, void *cls),
			 void (*done)(struct signin_job *j, void *cls), void *cls,
			 struct signin **out, struct cd_diag *d)
{
	struct signin *p = calloc(1, sizeof *p);

	*out = NULL;
	if (threads < 1 || threads > 64)
		threads = SIGNIN_THREADS;
	if (!p || !(p->threads = calloc(threads, sizeof *p->threads))) {
		free(p);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_mutex_init(&p->addr_lock, NULL);
	pthread_cond_init(&p->more, NULL);
	p->nthreads = threads;
	p->budget = budget;
	p->cap = (size_t)threads * SIGNIN_QUEUE;
	p->run = run;
	p->done = done;
	p->cls = cls;
	for (; p->started < threads; p->started++)
		if (pthread_create(&p->threads[p->started], NULL, worker, p)) {
			signin_stop(p, NULL);
			return cd_diag_set(d, CD_EIO, "cannot start the password hashing threads");
		}
	*out = p;
	return CD_OK;
}

bool signin_reserve(struct signin *p)
{
	bool taken;

	pthread_mutex_lock(&p->lock);
	taken = !p->stopping && p->queued < p->cap;
	if (taken)
		p->queued++;
	pthread_mutex_unlock(&p->lock);
	return taken;
}

void signin_submit(struct signin *p, struct signin_job *j)
{
	pthread_mutex_lock(&p->lock);
	j->next = NULL;
	if (p->tail)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
}

/* slot: ip's entry (addr_lock held), taking a free one or the one whose interval is oldest —
 * one without refusals to audit first. */
static struct addr *slot(struct signin *p, const char *ip)
{
	struct addr *free_one = NULL, *oldest = NULL;

	for (size_t i = 0; i < SIGNIN_ADDRESSES; i++) {
		struct addr *a = &p->addrs[i];

		if (!a->ip[0]) {
			if (!free_one)
				free_one = a;
			continue;
		}
		if (!strcmp(a->ip, ip))
			return a;
		if (!oldest || (!a->refused && oldest->refused) ||
		    (!a->refused == !oldest->refused && a->window < oldest->window))
			oldest = a;
	}
	if (!free_one) { /* a full table: the oldest address is forgotten (refusals with it) */
		free_one = oldest;
		memset(free_one, 0, sizeof *free_one);
	}
	snprintf(free_one->ip, sizeof free_one->ip, "%s", ip);
	return free_one;
}

static void refuse(struct addr *a, time_t now)
{
	if (!a->refused)
		a->refused_from = now;
	a->refused++;
	a->refused_to = now;
}

bool signin_admit(struct signin *p, const char *ip, time_t now, long *retry_after)
{
	struct addr *a;
	bool ok = true;

	*retry_after = 0;
	if (!p->budget)
		return true;
	pthread_mutex_lock(&p->addr_lock);
	a = slot(p, ip);
	if (now >= a->window + SIGNIN_WINDOW_S) {
		a->window = now;
		a->count = 0;
	}
	if (a->count >= p->budget) {
		ok = false;
		*retry_after = (long)(a->window + SIGNIN_WINDOW_S - now);
		if (*retry_after < 1)
			*retry_after = 1;
		refuse(a, now);
	} else {
		a->count++;
	}
	pthread_mutex_unlock(&p->addr_lock);
	return ok;
}

void signin_refused(struct signin *p, const char *ip, time_t now)
{
	pthread_mutex_lock(&p->addr_lock);
	refuse(slot(p, ip), now);
	pthread_mutex_unlock(&p->addr_lock);
}

void signin_flush(struct signin *p, struct store *s, time_t now, bool all)
{
	struct addr due[16];
	size_t n;

	do {
		n = 0;
		pthread_mutex_lock(&p->addr_lock);
		for (size_t i = 0; i < SIGNIN_ADDRESSES && n < sizeof due / sizeof *due; i++) {
			struct addr *a = &p->addrs[i];

			if (a->refused && (all || now >= a->refused_from + SIGNIN_WINDOW_S)) {
				due[n++] = *a;
				a->refused = 0;
			}
		}
		pthread_mutex_unlock(&p->addr_lock);
		for (size_t i = 0; i < n && s; i++) {
			char from[26], to[26], after[160];
			struct cd_diag d = {{0}};
			struct audit_entry e = {.at = (cd_time)now, .actor = "-", .ip = due[i].ip,
						.action = "session.refused", .object = "",
						.after = after, .outcome = AUDIT_DENIED};

			/* one entry for an address's refusals of an interval: how many, from, to */
			snprintf(after, sizeof after,
				 "{\"refused\":%u,\"from\":\"%s\",\"to\":\"%s\",\"budget\":%u}",
				 due[i].refused, time_format((cd_time)due[i].refused_from, from),
				 time_format((cd_time)due[i].refused_to, to), p->budget);
			if (audit_record(s, &e, &d) != CD_OK)
				fprintf(stderr, "cyberduty: serve: %s\n", d.msg);
		}
	} while (n == sizeof due / sizeof *due);
}

void signin_stop(struct signin *p, struct store *s)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stopping = true;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->lock);
	for (unsigned i = 0; i < p->started; i++)
		pthread_join(p->threads[i], NULL);
	signin_flush(p, s, time(NULL), true);
	pthread_mutex_destroy(&p->lock);
	pthread_mutex_destroy(&p->addr_lock);
	pthread_cond_destroy(&p->more);
	free(p->threads);
	free(p);
}
