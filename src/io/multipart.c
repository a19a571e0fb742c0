/* multipart.c — one file out of a multipart/form-data body (see multipart.h). The body is
 * walked once from delimiter to delimiter; nothing is read past len, nothing is written past
 * the out buffers. */
#include "multipart.h"

#include <string.h>
#include <strings.h>

#define BOUNDARY_MAX  70   /* RFC 2046 */
#define HEADERS_MAX   8192 /* bytes of one part's headers */

bool multipart_is(const char *ct)
{
	static const char mt[] = "multipart/form-data";

	return ct && !strncasecmp(ct, mt, sizeof mt - 1) &&
	       (!ct[sizeof mt - 1] || ct[sizeof mt - 1] == ';' || ct[sizeof mt - 1] == ' ');
}

/* find: the first occurrence of needle[0..nn) in hay[0..nh), or NULL. */
static const char *find(const char *hay, size_t nh, const char *needle, size_t nn)
{
	const char *p = hay, *end = hay + nh;

	while (nn && (size_t)(end - p) >= nn) {
		const char *c = memchr(p, needle[0], (size_t)(end - p) - nn + 1);

		if (!c)
			return NULL;
		if (!memcmp(c, needle, nn))
			return c;
		p = c + 1;
	}
	return NULL;
}

/* param reads parameter `key` of a header value s[0..n) ("form-data; name=\"file\";
 * filename=\"a.pdf\"") into out[0..cap): a token or a quoted string (backslash escapes
 * undone). Returns its length, -1 when absent, -2 when it does not fit or is malformed. */
static long param(const char *s, size_t n, const char *key, char *out, size_t cap)
{
	size_t kl = strlen(key), i = 0;

	while (i < n) {
		size_t k = 0, start;

		/* to the next ';' outside quotes */
		while (i < n && s[i] != ';') {
			if (s[i] == '"') {
				for (i++; i < n && s[i] != '"'; i++)
					if (s[i] == '\\')
						i++;
			}
			i++;
		}
		if (i >= n)
			return -1;
		i++; /* ';' */
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		start = i;
		if (n - start <= kl || strncasecmp(s + start, key, kl) || s[start + kl] != '=')
			continue;
		i = start + kl + 1;
		if (i < n && s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++) {
				if (s[i] == '\\' && i + 1 < n)
					i++;
				if (k + 1 >= cap)
					return -2;
				out[k++] = s[i];
			}
			if (i >= n)
				return -2; /* unterminated */
		} else {
			for (; i < n && s[i] != ';' && s[i] != ' ' && s[i] != '\t'; i++) {
				if (k + 1 >= cap)
					return -2;
				out[k++] = s[i];
			}
		}
		out[k] = '\0';
		return (long)k;
	}
	return -1;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ext_value decodes an RFC 5987 value "UTF-8''%E6%8A%A5.pdf" in place; false when it is not
 * one (another charset, a bad escape, an encoded NUL). */
static bool ext_value(char *s)
{
	static const char cs[] = "utf-8''";
	char *w = s;
	const char *r;

	if (strncasecmp(s, cs, sizeof cs - 1))
		return false;
	for (r = s + sizeof cs - 1; *r; r++) {
		if (*r == '%') {
			int h = hex(r[1]), l = h < 0 ? -1 : hex(r[2]);

			if (l < 0 || (h == 0 && l == 0))
				return false;
			*w++ = (char)(h << 4 | l);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return true;
}

/* boundary reads the boundary parameter of ct into b[0..BOUNDARY_MAX]; its length or 0. */
static size_t boundary(const char *ct, char b[BOUNDARY_MAX + 1])
{
	long n = param(ct, strlen(ct), "boundary", b, BOUNDARY_MAX + 1);

	return n > 0 ? (size_t)n : 0;
}

/* header_value: the value of header `name` in the headers h[0..n) (CRLF-separated lines), its
 * length in *vl; NULL when absent. */
static const char *header_value(const char *h, size_t n, const char *name, size_t *vl)
{
	size_t nl = strlen(name);
	const char *p = h, *end = h + n;

	while (p < end) {
		const char *eol = find(p, (size_t)(end - p), "\r\n", 2);
		size_t ll = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (ll > nl && !strncasecmp(p, name, nl) && p[nl] == ':') {
			const char *v = p + nl + 1;

			while (v < p + ll && (*v == ' ' || *v == '\t'))
				v++;
			*vl = (size_t)(p + ll - v);
			return v;
		}
		p += ll + 2;
	}
	return NULL;
}

enum cd_err multipart_find(const char *ct, const char *body, size_t len, const char *field,
			   struct multipart_file *out, struct cd_diag *d)
{
	char b[BOUNDARY_MAX + 1], delim[BOUNDARY_MAX + 5], name[256], ext[MULTIPART_NAME_MAX];
	size_t bl = multipart_is(ct) ? boundary(ct, b) : 0, dl = bl + 4;
	const char *p, *end = body + len;
	bool found = false;

	memset(out, 0, sizeof *out);
	if (!bl)
		return cd_diag_set(d, CD_EINVAL, "the multipart/form-data body names no boundary");
	delim[0] = '\r';
	delim[1] = '\n';
	delim[2] = delim[3] = '-';
	memcpy(delim + 4, b, bl);
	/* the first delimiter: at the very start, or after a preamble ending in CRLF */
	if (len >= dl - 2 && !memcmp(body, delim + 2, dl - 2))
		p = body + dl - 2;
	else if ((p = find(body, len, delim, dl)))
		p += dl;
	else
		return cd_diag_set(d, CD_EINVAL, "the body is not framed by its multipart boundary");
	for (;;) {
		const char *hend, *next, *disp;
		size_t hl, vl;
		long nn;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break; /* the closing delimiter */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++; /* transport padding */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return cd_diag_set(d, CD_EINVAL, "a multipart delimiter is not followed by "
							 "a line break");
		p += 2;
		if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
			hend = p; /* no headers at all */
		} else {
			hend = find(p, (size_t)(end - p) < HEADERS_MAX ? (size_t)(end - p) : HEADERS_MAX,
				    "\r\n\r\n", 4);
			if (!hend)
				return cd_diag_set(d, CD_EINVAL, "a part's headers do not end (or "
								 "exceed %d bytes)", HEADERS_MAX);
			hend += 2;
		}
		hl = (size_t)(hend - p);
		next = find(hend + 2, (size_t)(end - hend - 2), delim, dl);
		if (!next)
			return cd_diag_set(d, CD_EINVAL, "a part of the body does not end with the "
							 "boundary");
		disp = header_value(p, hl, "Content-Disposition", &vl);
		if (!disp || vl < 9 || strncasecmp(disp, "form-data", 9))
			return cd_diag_set(d, CD_EINVAL, "a part has no Content-Disposition: "
							 "form-data");
		nn = param(disp, vl, "name", name, sizeof name);
		if (nn >= 0 && !strcmp(name, field)) {
			long fl;

			if (found)
				return cd_diag_set(d, CD_EINVAL, "the field \"%s\" is given twice",
						   field);
			found = true;
			out->data = hend + 2;
			out->len = (size_t)(next - out->data);
			fl = param(disp, vl, "filename*", ext, sizeof ext);
			if (fl >= 0 && ext_value(ext)) {
				memcpy(out->filename, ext, strlen(ext) + 1);
			} else {
				fl = param(disp, vl, "filename", out->filename, sizeof out->filename);
				if (fl == -2)
					return cd_diag_set(d, CD_EINVAL, "the file name is malformed or "
									 "longer than %d bytes",
							   MULTIPART_NAME_MAX - 1);
				if (fl < 0)
					out->filename[0] = '\0';
			}
		}
		p = next + dl;
	}
	if (!found)
		return cd_diag_set(d, CD_EINVAL, "the form has no field \"%s\"", field);
	return CD_OK;
}
