/* jw.c — the streaming JSON writer (jw.h). */
#include "core/jw.h"

#include <stdio.h>
#include <string.h>

void jw_init(struct jw *w, struct dynbuf *b, jw_label_fn label)
{
	w->b = b;
	w->failed = false;
	w->depth = 0;
	w->label = label;
}

static void add(struct jw *w, const char *s, size_t n)
{
	if (!w->failed && dynbuf_add(w->b, s, n) != DYNBUF_OK)
		w->failed = true;
}

size_t jw_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void jw_utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;

	while (*p) {
		/* a NUL is no continuation byte: a sequence cut by the end is found invalid there */
		size_t k = jw_utf8_len(p, 4);

		if (!k)
			*p = '?', k = 1;
		p += k;
	}
}

/* plain: byte c needs no escape and begins no multi-byte sequence (printable ASCII but " \\) */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* string: s (n bytes) quoted and escaped as jansson's dump_string does without flags; each byte
 * that does not begin a valid UTF-8 sequence is written as U+FFFD. The runs that need no escape
 * are passed over byte by byte (ASCII) or sequence by sequence and added whole. */
static void string(struct jw *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t from = 0, i = 0;

	add(w, "\"", 1);
	while (i < n && !w->failed) {
		char esc[8];
		const char *e = esc;
		size_t k;

		if (plain(p[i])) {
			i++;
			continue;
		}
		k = p[i] < 0x80 ? 1 : jw_utf8_len(p + i, n - i);
		if (k > 1) {
			i += k;
			continue;
		}
		switch (k ? p[i] : 0x80) { /* 0x80 stands for any byte that is not UTF-8 */
		case 0x80: e = "\xef\xbf\xbd"; break; /* U+FFFD */
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default: snprintf(esc, sizeof esc, "\\u%04X", p[i]);
		}
		add(w, s + from, i - from);
		add(w, e, strlen(e));
		from = ++i;
	}
	add(w, s + from, n - from);
	add(w, "\"", 1);
}

/* member: the separator and the key before a value (key NULL: an element, or the whole text);
 * a short key of plain bytes (every key of the encoders) in one piece */
static void member(struct jw *w, const char *key)
{
	char buf[64];
	size_t n = 0, lead;

	if (w->depth) {
		if (w->open[w->depth - 1].more)
			buf[n++] = ',';
		w->open[w->depth - 1].more = true;
		if (w->open[w->depth - 1].object != (key != NULL))
			w->failed = true; /* a member without a key, or an element with one */
	}
	if (!key) {
		if (n)
			add(w, buf, n);
		return;
	}
	lead = n;
	buf[n++] = '"';
	for (const char *k = key; *k; k++) {
		if (n + 3 > sizeof buf || !plain((unsigned char)*k)) { /* then as any string */
			if (lead)
				add(w, buf, lead);
			string(w, key, strlen(key));
			add(w, ":", 1);
			return;
		}
		buf[n++] = *k;
	}
	buf[n++] = '"';
	buf[n++] = ':';
	add(w, buf, n);
}

static void nest(struct jw *w, const char *key, bool object)
{
	member(w, key);
	if (w->depth == JW_DEPTH) {
		w->failed = true;
		return;
	}
	add(w, object ? "{" : "[", 1);
	w->open[w->depth].object = object;
	w->open[w->depth].more = false;
	w->open[w->depth].nlabels = 0;
	w->depth++;
}

void jw_obj(struct jw *w, const char *key)
{
	nest(w, key, true);
}

void jw_arr(struct jw *w, const char *key)
{
	nest(w, key, false);
}

void jw_end(struct jw *w)
{
	if (!w->depth) {
		w->failed = true;
		return;
	}
	if (w->open[w->depth - 1].object) {
		/* the labels after the last member, in the order of their members (api_labels) */
		size_t n = w->open[w->depth - 1].nlabels;

		w->open[w->depth - 1].nlabels = 0;
		for (size_t i = 0; i < n; i++) {
			const char *name = w->open[w->depth - 1].labels[i].name,
				   *text = w->open[w->depth - 1].labels[i].text;

			member(w, name);
			string(w, text, strlen(text));
		}
	}
	w->depth--;
	add(w, w->open[w->depth].object ? "}" : "]", 1);
}

/* labelled: key:s of the object open gains its label, when the labeller knows one */
static void labelled(struct jw *w, const char *key, const char *s)
{
	size_t *n;

	if (!w->label || !key || !w->depth || w->failed)
		return;
	n = &w->open[w->depth - 1].nlabels;
	if (*n < JW_LABELS) {
		struct jw_label *l = &w->open[w->depth - 1].labels[*n];

		if (!(l->text = w->label(key, s, l->buf, sizeof l->buf)))
			return;
		if ((size_t)snprintf(l->name, sizeof l->name, "%s_label", key) >= sizeof l->name)
			return;
		(*n)++;
	}
}

void jw_str(struct jw *w, const char *key, const char *s)
{
	if (!s) {
		jw_null(w, key);
		return;
	}
	member(w, key);
	string(w, s, strlen(s));
	labelled(w, key, s);
}

void jw_int(struct jw *w, const char *key, int64_t v)
{
	char buf[24];

	member(w, key);
	add(w, buf, (size_t)snprintf(buf, sizeof buf, "%lld", (long long)v));
}

void jw_real(struct jw *w, const char *key, double v)
{
	char buf[40], out[40];
	size_t n = 0;
	int len;

	if (v != v || v - v != 0) { /* NaN, ±infinity */
		w->failed = true;
		return;
	}
	len = snprintf(buf, sizeof buf, "%.17g", v);
	for (int i = 0; i < len; i++) {
		char ch = buf[i];

		if (ch != '-' && ch != '+' && ch != 'e' && (ch < '0' || ch > '9'))
			ch = '.'; /* the locale's decimal point */
		if (ch == '+' && i && buf[i - 1] == 'e')
			continue;
		/* the exponent's leading zeros (after "e" or "e-") */
		if (ch == '0' && n && (out[n - 1] == 'e' || (out[n - 1] == '-' && n > 1 &&
							   out[n - 2] == 'e')) &&
		    i + 1 < len)
			continue;
		out[n++] = ch;
	}
	if (!memchr(out, '.', n) && !memchr(out, 'e', n)) {
		out[n++] = '.';
		out[n++] = '0';
	}
	member(w, key);
	add(w, out, n);
}

void jw_bool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	add(w, v ? "true" : "false", v ? 4 : 5);
}

void jw_null(struct jw *w, const char *key)
{
	member(w, key);
	add(w, "null", 4);
}

void jw_date(struct jw *w, const char *key, cd_date d)
{
	char buf[11];

	jw_str(w, key, d == CD_DATE_NONE ? NULL : date_format(d, buf));
}

void jw_time(struct jw *w, const char *key, cd_time t)
{
	char buf[26];

	jw_str(w, key, t == CD_TIME_NONE ? NULL : time_format(t, buf));
}

void jw_raw(struct jw *w, const char *key, const char *text, size_t n)
{
	member(w, key);
	add(w, text, n);
}

bool jw_done(const struct jw *w)
{
	return !w->failed && !w->depth;
}
