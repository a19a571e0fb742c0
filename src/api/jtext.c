/* jtext.c — JSON written straight into a growing buffer, for the answers sent most (a page of
 * assets is fifty records of twenty-four fields): jansson builds a tree of objects and hash
 * tables first and then walks it, and that is most of what building a page costs. Strings are
 * escaped as JSON requires, the way jansson escapes them (so a record written here and by
 * jansson is the same bytes), and written as UTF-8; bytes that are not UTF-8 (a CSV import keeps
 * what it was given) become U+FFFD, so the answer is always valid JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

static bool grow(struct jtext *t, size_t more)
{
	size_t cap = t->cap ? t->cap : 1024;
	char *s;

	if (t->oom)
		return false;
	while (cap - t->len < more + 1)
		cap *= 2;
	if (cap != t->cap) {
		if (!(s = realloc(t->s, cap))) {
			t->oom = true;
			return false;
		}
		t->s = s;
		t->cap = cap;
	}
	return true;
}

void jt_raw(struct jtext *t, const char *s, size_t n)
{
	if (t->cap - t->len < n + 1 && !grow(t, n))
		return;
	if (t->oom)
		return;
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
}

/* utf8_len: the length of the well-formed UTF-8 sequence at p (of at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t k;
	unsigned c;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	k = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	c = k == 2 ? 0 : k == 3 ? ((p[0] & 0x0fu) << 6) | (p[1] & 0x3fu)
				: ((p[0] & 0x07u) << 6) | (p[1] & 0x3fu);
	if ((k == 3 && (c < 0x20 || (c >= 0x360 && c < 0x380))) || /* overlong, surrogates */
	    (k == 4 && (c < 0x10 || c > 0x10f)))                 /* overlong, beyond U+10FFFF */
		return 0;
	return k;
}

void jt_utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		size_t k = *p < 0x80 ? 1 : utf8_len(p, 4);

		if (!k)
			*p = '?', k = 1;
		p += k;
	}
}

void jt_str(struct jtext *t, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *o;

	if (!s) {
		jt_raw(t, "null", 4);
		return;
	}
	/* room for the worst case at once: each byte escaped as \u00XX, and the quotes */
	if (!grow(t, 6 * strlen(s) + 2))
		return;
	o = t->s + t->len;
	*o++ = '"';
	while (*p) {
		if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') {
			*o++ = (char)*p++;
		} else if (*p >= 0x80) {
			size_t k = utf8_len(p, 4); /* a NUL is no continuation byte: it stops */

			if (k) {
				memcpy(o, p, k);
				o += k;
				p += k;
			} else { /* U+FFFD for a byte that is not UTF-8 */
				memcpy(o, "\xef\xbf\xbd", 3);
				o += 3;
				p++;
			}
		} else {
			*o++ = '\\';
			if (*p == '"' || *p == '\\')
				*o++ = (char)*p;
			else if (*p == '\n')
				*o++ = 'n';
			else if (*p == '\t')
				*o++ = 't';
			else if (*p == '\r')
				*o++ = 'r';
			else if (*p == '\b')
				*o++ = 'b';
			else if (*p == '\f')
				*o++ = 'f';
			else
				o += snprintf(o, 6, "u%04X", *p); /* 5 and the NUL: within the room */
			p++;
		}
	}
	*o++ = '"';
	*o = '\0';
	t->len = (size_t)(o - t->s);
}

void jt_key(struct jtext *t, const char *k)
{
	if (t->len && t->s[t->len - 1] != '{' && t->s[t->len - 1] != '[')
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
	char *s = t->oom ? NULL : t->s;

	if (t->oom)
		free(t->s);
	*len = s ? t->len : 0;
	*t = (struct jtext){0};
	return s;
}
