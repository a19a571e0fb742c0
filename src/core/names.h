/* names.h — the pattern every enumeration of core uses for its names: a table of English code,
 * Chinese label and one more accepted spelling, and NAMES() to define fn_code / fn_label /
 * fn_parse over it. Internal to core. */
#ifndef CD_NAMES_H
#define CD_NAMES_H

#include <stddef.h>

struct name {
	const char *code, *label, *alt; /* alt: one more accepted spelling, may be NULL */
};

/* names_parse returns the index of s (code, label or alt) in tab[0..n), or -1. */
int names_parse(const struct name *tab, int n, const char *s);

#define NAMES_SUGGEST_MAX 40 /* longest name a "did you mean" is looked for */

/* names_nearest returns the word among word(0) … word(n - 1) closest to the len bytes at s — the
 * "did you mean" of a message: an edit distance under 3 and under half the word's length, the
 * first of the closest; NULL when none is that close or s is longer than NAMES_SUGGEST_MAX. */
const char *names_nearest(const char *s, size_t len, const char *(*word)(int), int n);

#define NAMES(fn, type, tab, max)                                                                  \
	const char *fn##_code(type v)                                                              \
	{                                                                                          \
		return (int)v >= 0 && v < max ? tab[v].code : "?";                                 \
	}                                                                                          \
	const char *fn##_label(type v)                                                             \
	{                                                                                          \
		return (int)v >= 0 && v < max ? tab[v].label : "?";                                \
	}                                                                                          \
	int fn##_parse(const char *s)                                                              \
	{                                                                                          \
		return names_parse(tab, max, s);                                                   \
	}

#endif
