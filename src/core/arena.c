/* arena.c — chunked bump allocator (see arena.h). */
#define _DEFAULT_SOURCE /* madvise */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct deferred {
	struct deferred *next;
	void (*fn)(void *);
	void *p;
};

struct arena {
	struct chunk *head;
	struct deferred *later;
	size_t total, cap;
};

#define CHUNK_MIN ((size_t)64 * 1024)
#define CHUNK_BIG ((size_t)16 << 20)
#define HUGE_PAGE ((size_t)2 << 20)
#define HUGE_MIN  ((size_t)8 << 20)

struct arena *arena_new(size_t cap)
{
	struct arena *a = calloc(1, sizeof(*a));

	if (!a)
		return NULL;
	a->cap = cap ? cap : (size_t)1 << 30;
	return a;
}

void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (struct deferred *f = a->later; f; f = f->next)
		f->fn(f->p);
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* take: n bytes aligned for any type, as they are (arena_alloc zeroes them) */
static void *take(struct arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	struct chunk *c = a->head;
	size_t need, size;
	void *p;

	if (n > SIZE_MAX / 2)
		return NULL;
	need = (n + al - 1) / al * al;
	if (!need)
		need = al;
	if (!c || c->size - c->used < need) {
		/* a chunk an eighth of what the arena holds (up to 16 MiB): a register of a
		 * million systems takes its 100 MB of texts in a few dozen chunks, not 1,600 */
		size = a->total / 8 < CHUNK_BIG ? a->total / 8 : CHUNK_BIG;
		size = size > CHUNK_MIN ? size : CHUNK_MIN;
		size = need > size ? need : size;
		if (a->total + size > a->cap) /* near the cap: no more than the old chunk */
			size = need > CHUNK_MIN ? need : CHUNK_MIN;
		if (a->total + size > a->cap)
			return NULL;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		/* a big chunk (a million systems' array is 170 MB) in huge pages where the kernel
		 * gives them on request: a fault per 2 MiB instead of per 4 KiB (101,000 faults
		 * loading that register, 32,000 so) */
		if (size >= HUGE_MIN) {
			uintptr_t lo = ((uintptr_t)c->data + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
			uintptr_t hi = ((uintptr_t)c->data + size) & ~(uintptr_t)(HUGE_PAGE - 1);

			if (hi > lo)
				madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
		}
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += size;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	return p;
}

void *arena_alloc(struct arena *a, size_t n)
{
	void *p = take(a, n);

	if (p)
		memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = take(a, n + 1); /* written whole below: not zeroed first */
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

bool arena_reserve(struct arena *a, void *arr, size_t n, size_t *capn, size_t want, size_t sz)
{
	char **parr = arr;
	char *p;

	if (want <= *capn)
		return true;
	if (want > SIZE_MAX / sz)
		return false;
	/* not zeroed: the old elements are copied in, each new one zeroed as arena_grow hands it
	 * out (zeroing a million systems' array whole was half of what loading it cost) */
	if (!(p = take(a, want * sz)))
		return false;
	if (n)
		memcpy(p, *parr, n * sz);
	*parr = p;
	*capn = want;
	return true;
}

void *arena_grow(struct arena *a, void *arr, size_t *n, size_t *capn, size_t sz)
{
	char **parr = arr;
	char *p;

	if (*n == *capn && !arena_reserve(a, arr, *n, capn, *capn ? *capn * 2 : 16, sz))
		return NULL;
	p = *parr + *n * sz;
	memset(p, 0, sz);
	(*n)++;
	return p;
}

int arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct deferred *f = arena_alloc(a, sizeof *f);

	if (!f)
		return -1;
	f->fn = fn;
	f->p = p;
	f->next = a->later;
	a->later = f;
	return 0;
}
