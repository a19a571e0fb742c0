/* arena.h — bump allocator for data that lives and dies together (a register snapshot,
 * a loaded profile, one request). Allocations are never freed one by one: arena_free
 * releases everything. A hard cap bounds the total so hostile input cannot exhaust memory. */
#ifndef CD_ARENA_H
#define CD_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* arena_new returns an empty arena that may grow to cap bytes (0 = 1 GiB), or NULL. */
struct arena *arena_new(size_t cap);

/* arena_free releases the arena and everything allocated from it. NULL is accepted. */
void arena_free(struct arena *a);

/* arena_alloc returns n zeroed bytes aligned for any type, or NULL when out of memory or
 * over the cap. */
void *arena_alloc(struct arena *a, size_t n);

/* arena_strdup / arena_strndup copy s into the arena; NULL s gives NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* arena_grow makes room for one more element in a growable array that lives in the arena:
 * *arr holds *n elements of size sz with room for *capn. Returns a pointer to the new
 * (zeroed) element and increments *n, or NULL. Old storage is left in the arena. */
void *arena_grow(struct arena *a, void *arr, size_t *n, size_t *capn, size_t sz);

/* arena_reserve makes room for `want` elements in such an array (its n elements kept): one
 * allocation for a caller that knows how many are coming, instead of a doubling per power of
 * two (each old storage left in the arena). false when out of memory or over the cap. */
bool arena_reserve(struct arena *a, void *arr, size_t n, size_t *capn, size_t want, size_t sz);

/* arena_defer has arena_free call fn(p) before it releases the memory (the last deferred
 * first): for something malloc'd that the arena's data borrows. Returns -1 when out of memory
 * (fn is not called then: the caller frees p itself), else 0. */
int arena_defer(struct arena *a, void (*fn)(void *), void *p);

#endif
