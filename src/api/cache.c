/* cache.c — encoded answers kept to be sent again. A read that is the same for everyone of one
 * role and scope (a page of assets, one unit) is kept as the bytes it was answered with, under
 * its key (role, scope, path, query) and the data generation read before it was built
 * (store_generation). While the generation is unchanged the bytes are sent again without
 * touching the data; any write to the organisation's data — through this server, another one or
 * the command line — changes the generation, and a kept answer of an older one is never sent.
 *
 * Direct-mapped slots behind one mutex (a hit copies the bytes out under it: microseconds), a
 * byte budget (`serve --cache-mb`; an answer over a quarter of it is not kept; when a new one
 * would not fit, the answers of other generations go, then all). Shared by the server's worker
 * threads. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

#define SLOTS 1024

struct slot {
	uint64_t hash;
	char *key;
	int64_t gen;
	char *text;
	size_t len;
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct slot slots[SLOTS];
static size_t bytes, budget = 16u << 20; /* of kept answers and their keys */

static uint64_t hash_of(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void drop(struct slot *sl)
{
	if (!sl->key)
		return;
	bytes -= sl->len + strlen(sl->key) + 1;
	free(sl->key);
	free(sl->text);
	memset(sl, 0, sizeof *sl);
}

bool api_cache_get(const char *key, int64_t gen, char **text, size_t *len)
{
	uint64_t h = hash_of(key);
	struct slot *sl = &slots[h % SLOTS];
	bool hit = false;

	pthread_mutex_lock(&mu);
	if (sl->key && sl->hash == h && sl->gen == gen && !strcmp(sl->key, key) &&
	    (*text = malloc(sl->len + 1))) {
		memcpy(*text, sl->text, sl->len + 1);
		*len = sl->len;
		hit = true;
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

void api_cache_put(const char *key, int64_t gen, const char *text, size_t len)
{
	uint64_t h = hash_of(key);
	struct slot *sl = &slots[h % SLOTS];
	size_t need = len + strlen(key) + 1;
	char *k, *t;

	if (need > budget / 4) /* also: none are kept with a zero budget */
		return;
	k = strdup(key);
	t = malloc(len + 1);
	if (!k || !t) {
		free(k);
		free(t);
		return;
	}
	memcpy(t, text, len);
	t[len] = '\0';
	pthread_mutex_lock(&mu);
	drop(sl);
	for (size_t i = 0; bytes + need > budget && i < SLOTS; i++)
		if (slots[i].gen != gen)
			drop(&slots[i]);
	for (size_t i = 0; bytes + need > budget && i < SLOTS; i++)
		drop(&slots[i]);
	*sl = (struct slot){.hash = h, .key = k, .gen = gen, .text = t, .len = len};
	bytes += need;
	pthread_mutex_unlock(&mu);
}

void api_cache_budget(size_t n)
{
	pthread_mutex_lock(&mu);
	budget = n;
	for (size_t i = 0; bytes > budget && i < SLOTS; i++)
		drop(&slots[i]);
	pthread_mutex_unlock(&mu);
}

void api_cache_clear(void)
{
	pthread_mutex_lock(&mu);
	for (size_t i = 0; i < SLOTS; i++)
		drop(&slots[i]);
	pthread_mutex_unlock(&mu);
}
