/* conns.c — see conns.h. The connections are one list, the longest idle first: a connection
 * goes to its end when it opens and when its answer has been sent, so the first idle one from
 * the head is the one idle longest. At most SERVER_MAX_CONNECTIONS (1,024) are held: a walk of
 * the list per new connection costs less than the accept itself. */
#include "conns.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

struct conn {
	int fd;
	char ip[INET6_ADDRSTRLEN];
	time_t since; /* opened, or its last answer sent */
	bool busy;    /* a request of it is under way */
	bool cut;     /* shut down here; libmicrohttpd has yet to close it */
	struct conn *prev, *next;
};

struct conns {
	pthread_mutex_t mu;
	struct conn *head, *tail;
	unsigned per_ip, total;
	int deadline_s;
	conns_cut_fn *cut;
};

static void shut(int fd)
{
	shutdown(fd, SHUT_RDWR);
}

struct conns *conns_new(unsigned per_ip, unsigned total, int deadline_s, conns_cut_fn *cut)
{
	struct conns *cs = calloc(1, sizeof *cs);

	if (!cs)
		return NULL;
	pthread_mutex_init(&cs->mu, NULL);
	cs->per_ip = per_ip;
	cs->total = total;
	cs->deadline_s = deadline_s;
	cs->cut = cut ? cut : shut;
	return cs;
}

void conns_free(struct conns *cs)
{
	if (!cs)
		return;
	for (struct conn *c = cs->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	pthread_mutex_destroy(&cs->mu);
	free(cs);
}

static void unlink_conn(struct conns *cs, struct conn *c)
{
	*(c->prev ? &c->prev->next : &cs->head) = c->next;
	*(c->next ? &c->next->prev : &cs->tail) = c->prev;
	c->prev = c->next = NULL;
}

static void append(struct conns *cs, struct conn *c)
{
	c->prev = cs->tail;
	*(cs->tail ? &cs->tail->next : &cs->head) = c;
	cs->tail = c;
}

static unsigned count(const struct conns *cs, const char *ip)
{
	unsigned n = 0;

	for (const struct conn *c = cs->head; c; c = c->next)
		n += !c->cut && (!ip || !strcmp(c->ip, ip));
	return n;
}

/* cut_idlest cuts the connection idle longest (from ip, or any when NULL) other than keep;
 * false when every one is busy. */
static bool cut_idlest(struct conns *cs, const char *ip, const struct conn *keep)
{
	for (struct conn *c = cs->head; c; c = c->next) {
		if (c == keep || c->busy || c->cut || (ip && strcmp(c->ip, ip)))
			continue;
		c->cut = true;
		cs->cut(c->fd);
		return true;
	}
	return false;
}

struct conn *conns_open(struct conns *cs, int fd, const char *ip, time_t now)
{
	struct conn *c = calloc(1, sizeof *c);
	unsigned mine, all;

	if (!c)
		return NULL;
	c->fd = fd;
	c->since = now;
	snprintf(c->ip, sizeof c->ip, "%s", ip ? ip : "?");
	pthread_mutex_lock(&cs->mu);
	append(cs, c);
	mine = count(cs, c->ip);
	all = count(cs, NULL);
	for (; mine > cs->per_ip && cut_idlest(cs, c->ip, c); mine--)
		all--;
	for (; all > cs->total && cut_idlest(cs, NULL, c); all--)
		;
	pthread_mutex_unlock(&cs->mu);
	return c;
}

void conns_busy(struct conns *cs, struct conn *c, bool busy, time_t now)
{
	if (!c)
		return;
	pthread_mutex_lock(&cs->mu);
	c->busy = busy;
	if (!busy) { /* idle from now: to the end of the list */
		c->since = now;
		unlink_conn(cs, c);
		append(cs, c);
	}
	pthread_mutex_unlock(&cs->mu);
}

void conns_close(struct conns *cs, struct conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&cs->mu);
	unlink_conn(cs, c);
	pthread_mutex_unlock(&cs->mu);
	free(c);
}

unsigned conns_sweep(struct conns *cs, time_t now)
{
	unsigned n = 0;

	pthread_mutex_lock(&cs->mu);
	for (struct conn *c = cs->head; c; c = c->next) {
		if (c->busy || c->cut || now - c->since <= cs->deadline_s)
			continue;
		c->cut = true;
		cs->cut(c->fd);
		n++;
	}
	pthread_mutex_unlock(&cs->mu);
	return n;
}

unsigned conns_count(struct conns *cs, const char *ip)
{
	unsigned n;

	pthread_mutex_lock(&cs->mu);
	n = count(cs, ip);
	pthread_mutex_unlock(&cs->mu);
	return n;
}
