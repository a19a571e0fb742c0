/* names.h — the pattern every enumeration of core uses for its names: a table of English code,
 * Chinese label and one more accepted spelling, and NAMES() to define fn_code / fn_label /
 * fn_parse over it. Internal to core. */
#ifndef CD_NAMES_H
#define CD_NAMES_H

struct name {
	const char *code, *label, *alt; /* alt: one more accepted spelling, may be NULL */
};

/* names_parse returns the index of s (code, label or alt) in tab[0..n), or -1. */
int names_parse(const struct name *tab, int n, const char *s);

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
