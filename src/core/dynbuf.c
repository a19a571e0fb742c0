/* dynbuf.c — the capped growable byte buffer (dynbuf.h). Capacity doubles from DYNBUF_FIRST and
 * never passes max + 1 (the content and its NUL); every size is checked before it is computed, so
 * no sum or doubling can wrap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dynbuf.h"

enum { DYNBUF_FIRST = 256 }; /* the first allocation, unless the cap is smaller */

void dynbuf_init(struct dynbuf *b, size_t max)
{
	*b = (struct dynbuf){.max = max < SIZE_MAX ? max : SIZE_MAX - 1};
}

/* room makes space for n more bytes and the NUL. Invariant: len <= max < SIZE_MAX. */
static enum dynbuf_res room(struct dynbuf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (n > b->max - b->len)
		return DYNBUF_TOO_LARGE;
	need = b->len + n + 1; /* <= max + 1 <= SIZE_MAX */
	if (need <= b->cap)
		return DYNBUF_OK;
	cap = b->cap ? b->cap : DYNBUF_FIRST;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if (cap > b->max + 1)
		cap = b->max + 1;
	/* no object is larger than PTRDIFF_MAX: the allocator would refuse it, so it is not asked
	 * (valgrind calls such a size "fishy") */
	if (cap > (size_t)PTRDIFF_MAX)
		return DYNBUF_NOMEM;
	if (!(p = realloc(b->p, cap)))
		return DYNBUF_NOMEM;
	if (!b->p)
		p[0] = '\0';
	b->p = p;
	b->cap = cap;
	return DYNBUF_OK;
}

enum dynbuf_res dynbuf_add(struct dynbuf *b, const void *data, size_t n)
{
	enum dynbuf_res r = room(b, n);

	if (r)
		return r;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return DYNBUF_OK;
}

enum dynbuf_res dynbuf_addc(struct dynbuf *b, char c)
{
	return dynbuf_add(b, &c, 1);
}

enum dynbuf_res dynbuf_vaddf(struct dynbuf *b, const char *fmt, va_list ap)
{
	enum dynbuf_res r;
	va_list again;
	int k;

	/* first into the room there is; when it does not fit, grow to the exact size and again */
	va_copy(again, ap);
	k = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
	if (k >= 0 && b->p && (size_t)k < b->cap - b->len) {
		b->len += (size_t)k;
		va_end(again);
		return DYNBUF_OK;
	}
	if (b->p)
		b->p[b->len] = '\0'; /* the try may have written past len: as it was */
	if (k < 0) {
		va_end(again);
		return DYNBUF_FORMAT;
	}
	if ((r = room(b, (size_t)k)) != DYNBUF_OK) {
		va_end(again);
		return r;
	}
	k = vsnprintf(b->p + b->len, b->cap - b->len, fmt, again);
	va_end(again);
	if (k < 0 || (size_t)k >= b->cap - b->len) { /* the same format, other output: refuse */
		b->p[b->len] = '\0';
		return DYNBUF_FORMAT;
	}
	b->len += (size_t)k;
	return DYNBUF_OK;
}

enum dynbuf_res dynbuf_addf(struct dynbuf *b, const char *fmt, ...)
{
	enum dynbuf_res r;
	va_list ap;

	va_start(ap, fmt);
	r = dynbuf_vaddf(b, fmt, ap);
	va_end(ap);
	return r;
}

void dynbuf_reset(struct dynbuf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void dynbuf_trunc(struct dynbuf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->p[len] = '\0';
	}
}

char *dynbuf_take(struct dynbuf *b)
{
	char *p;

	if (!b->p && dynbuf_add(b, NULL, 0) != DYNBUF_OK)
		return NULL;
	p = b->p;
	dynbuf_init(b, b->max);
	return p;
}

void dynbuf_free(struct dynbuf *b)
{
	free(b->p);
	dynbuf_init(b, b->max);
}
