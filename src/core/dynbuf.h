/* dynbuf.h — the one growable byte buffer of cyberduty, capped (curl's dynbuf is the model): a
 * request body, a JSON answer, a CSV record, a recommendation text. Every buffer has a cap, the
 * most bytes it may hold; an append that would pass it fails with DYNBUF_TOO_LARGE and leaves the
 * buffer as it was, so hostile or runaway input cannot exhaust memory. The content is kept
 * NUL-terminated (the NUL is not counted in len nor against the cap) and may itself hold NULs.
 * Pure: malloc and realloc only. */
#ifndef CD_DYNBUF_H
#define CD_DYNBUF_H

#include <stdarg.h>
#include <stddef.h>

/* p: the bytes, NULL until the first successful add (any add, even of zero bytes, allocates);
 * len: bytes held, never more than max; cap: bytes allocated (with the NUL's); max: the cap. */
struct dynbuf {
	char *p;
	size_t len, cap, max;
};

enum dynbuf_res {
	DYNBUF_OK = 0,
	DYNBUF_NOMEM,     /* malloc failed; the buffer is as it was */
	DYNBUF_TOO_LARGE, /* the append would pass max; the buffer is as it was */
	DYNBUF_FORMAT,    /* dynbuf_addf: vsnprintf failed (an encoding error, or INT_MAX passed) */
};

/* dynbuf_init makes b empty with the cap max (at most SIZE_MAX - 1); it allocates nothing. */
void dynbuf_init(struct dynbuf *b, size_t max);

/* dynbuf_add appends n bytes of data (data may be NULL when n is 0). */
enum dynbuf_res dynbuf_add(struct dynbuf *b, const void *data, size_t n);

/* dynbuf_addc appends one byte. */
enum dynbuf_res dynbuf_addc(struct dynbuf *b, char c);

/* dynbuf_addf appends printf-style output (dynbuf_vaddf: from a va_list). */
enum dynbuf_res dynbuf_addf(struct dynbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum dynbuf_res dynbuf_vaddf(struct dynbuf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* dynbuf_reset empties b, keeping its memory and cap for reuse. */
void dynbuf_reset(struct dynbuf *b);

/* dynbuf_trunc cuts b back to its first len bytes (nothing when len >= b->len), keeping its
 * memory: to write over what was added last. */
void dynbuf_trunc(struct dynbuf *b, size_t len);

/* dynbuf_take hands over the NUL-terminated content (malloc'd; "" when nothing was added; read
 * b->len first for its length) and leaves b empty with the same cap. NULL when out of memory
 * (b is then left as it was). */
char *dynbuf_take(struct dynbuf *b);

/* dynbuf_free releases the memory and leaves b empty with the same cap. */
void dynbuf_free(struct dynbuf *b);

#endif
