/* arena.c — chunked bump allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

void *arena_alloc(struct arena *a, size_t n)
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
		size = need > CHUNK_MIN ? need : CHUNK_MIN;
		if (a->total + size > a->cap)
			return NULL;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->total += size;
	}
	p = (char *)c->data + c->used;
	c->used += need;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (!s)
		return NULL;
	p = arena_alloc(a, n + 1);
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

void *arena_grow(struct arena *a, void *arr, size_t *n, size_t *capn, size_t sz)
{
	char **parr = arr;
	size_t ncap;
	char *p;

	if (*n == *capn) {
		ncap = *capn ? *capn * 2 : 16;
		if (ncap > SIZE_MAX / sz)
			return NULL;
		p = arena_alloc(a, ncap * sz);
		if (!p)
			return NULL;
		if (*n)
			memcpy(p, *parr, *n * sz);
		*parr = p;
		*capn = ncap;
	}
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
