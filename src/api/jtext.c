/* jtext.c — JSON written straight into a growing buffer (a dynbuf capped at JT_MAX), for the
 * answers sent most (a page of assets is fifty records of twenty-four fields): jansson builds a
 * tree of objects and hash tables first and then walks it, and that is most of what building a
 * page costs. Strings are escaped as JSON requires, the way jansson escapes them (so a record
 * written here and by jansson is the same bytes), and written as UTF-8; bytes that are not UTF-8
 * (a CSV import keeps what it was given) become U+FFFD, so the answer is always valid JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

void jt_raw(struct jtext *t, const char *s, size_t n)
{
	if (t->failed)
		return;
	if (!t->b.p && !t->b.max) /* zero-initialised: the cap is set at the first write */
		dynbuf_init(&t->b, JT_MAX);
	t->failed = dynbuf_add(&t->b, s, n) != DYNBUF_OK;
}

void jt_utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		size_t k = jw_utf8_len(p, 4);

		if (!k)
			*p = '?', k = 1;
		p += k;
	}
}

void jt_str(struct jtext *t, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	char esc[8];

	if (!s) {
		jt_raw(t, "null", 4);
		return;
	}
	jt_raw(t, "\"", 1);
	while (*p && !t->failed) {
		/* a run of bytes that go out as they are: printable ASCII but the quote and the
		 * backslash, and well-formed UTF-8 (a NUL is no continuation byte: it stops) */
		for (run = p; *p;) {
			size_t k = 1;

			if (*p >= 0x80)
				k = jw_utf8_len(p, 4);
			else if (*p < 0x20 || *p == '"' || *p == '\\')
				k = 0;
			if (!k)
				break;
			p += k;
		}
		jt_raw(t, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p >= 0x80) { /* U+FFFD for a byte that is not UTF-8 */
			jt_raw(t, "\xef\xbf\xbd", 3);
		} else {
			size_t k = 2;

			esc[0] = '\\';
			switch (*p) {
			case '"':
			case '\\':
				esc[1] = (char)*p;
				break;
			case '\n':
				esc[1] = 'n';
				break;
			case '\t':
				esc[1] = 't';
				break;
			case '\r':
				esc[1] = 'r';
				break;
			case '\b':
				esc[1] = 'b';
				break;
			case '\f':
				esc[1] = 'f';
				break;
			default: /* \u00XX: 5 and the NUL, within esc */
				k = 1 + (size_t)snprintf(esc + 1, sizeof esc - 1, "u%04X", *p);
			}
			jt_raw(t, esc, k);
		}
		p++;
	}
	jt_raw(t, "\"", 1);
}

void jt_key(struct jtext *t, const char *k)
{
	if (t->b.len && t->b.p[t->b.len - 1] != '{' && t->b.p[t->b.len - 1] != '[')
		jt_raw(t, ",", 1);
	jt_str(t, k);
	jt_raw(t, ":", 1);
}

void jt_int(struct jtext *t, int64_t v)
{
	char num[24];

	jt_raw(t, num, (size_t)snprintf(num, sizeof num, "%lld", (long long)v));
}

void jt_bool(struct jtext *t, bool v)
{
	jt_raw(t, v ? "true" : "false", v ? 4 : 5);
}

void jt_date(struct jtext *t, cd_date d)
{
	char buf[11];

	jt_str(t, d == CD_DATE_NONE ? NULL : date_format(d, buf));
}

char *jt_take(struct jtext *t, size_t *len)
{
	char *s;

	*len = t->failed ? 0 : t->b.len;
	s = t->failed ? NULL : dynbuf_take(&t->b);
	if (!s)
		*len = 0;
	dynbuf_free(&t->b);
	*t = (struct jtext){0};
	return s;
}
