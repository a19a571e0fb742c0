/* csv_read.c — a CSV file read a record at a time, whatever Excel or WPS saved it as: UTF-8
 * with or without a byte order mark, or GB18030/GBK (Excel on Chinese Windows), told apart by
 * one pass over the bytes before the read and converted with iconv as the file streams through
 * libcsv. Only one record is held at a time; rows are numbered as a spreadsheet shows them. */
#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dynbuf.h"
#include "io/csv_int.h"

#define CHUNK (64 * 1024)

/* utf8_ok: the stream's bytes are UTF-8 (shortest forms, no surrogates). A validator of the
 * bytes one at a time: `need` continuation bytes are still due, the first within [lo, hi]. */
struct utf8 {
	int need;
	unsigned char lo, hi;
	bool bad;
};

static void utf8_feed(struct utf8 *u, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n && !u->bad; i++) {
		unsigned c = s[i];

		if (u->need) {
			if (c < u->lo || c > u->hi) {
				u->bad = true;
				break;
			}
			u->lo = 0x80;
			u->hi = 0xBF;
			u->need--;
			continue;
		}
		u->lo = 0x80;
		u->hi = 0xBF;
		if (c < 0x80)
			continue;
		if (c >= 0xC2 && c <= 0xDF) {
			u->need = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			u->need = 2;
			if (c == 0xE0)
				u->lo = 0xA0;
			if (c == 0xED)
				u->hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			u->need = 3;
			if (c == 0xF0)
				u->lo = 0x90;
			if (c == 0xF4)
				u->hi = 0x8F;
		} else {
			u->bad = true;
		}
	}
}

/* The state of one read. */
struct rd {
	const char *file;
	const struct csv_sink *k;
	struct cd_diag *d;
	struct dynbuf buf; /* the record's fields, each NUL-terminated; capped at CSV_MAX_RECORD */
	size_t off[CSV_MAX_FIELDS];
	size_t n;       /* fields kept */
	bool over;      /* a non-empty field past CSV_MAX_FIELDS */
	size_t line;    /* the line being fed */
	size_t start;   /* the line the record began on */
	size_t last_row, last_end; /* the row number and end line of the last record */
	enum cd_err rc;
};

/* bad reports that the file cannot be read on from row (CD_EINVAL). */
static enum cd_err bad(struct rd *r, size_t row, const char *zh, const char *en)
{
	r->k->bad(r->k->ctx, row, zh, en);
	return CD_EINVAL;
}

static void on_field(void *s, size_t len, void *data)
{
	struct rd *r = data;
	const char *v = s ? s : "";
	enum dynbuf_res res;
	size_t off;

	if (r->rc)
		return;
	if (r->n == 0 && r->buf.len == 0)
		r->start = r->line;
	/* trim surrounding blanks: spreadsheets leave them behind */
	while (len && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (r->n == CSV_MAX_FIELDS) {
		r->over |= len > 0;
		return;
	}
	off = r->buf.len;
	if (!(res = dynbuf_add(&r->buf, v, len)))
		res = dynbuf_addc(&r->buf, '\0'); /* the field's end: the next one follows it */
	if (res == DYNBUF_TOO_LARGE) {
		r->rc = bad(r, r->last_row + (r->start - r->last_end), "这一行超过 1 MiB",
			    "the row is longer than 1 MiB");
		return;
	}
	if (res) {
		r->rc = cd_diag_set(r->d, CD_ENOMEM, "out of memory");
		return;
	}
	r->off[r->n++] = off;
}

static void on_row(int c, void *data)
{
	struct rd *r = data;
	const char *f[CSV_MAX_FIELDS];
	size_t row;
	bool blank = !r->over;

	(void)c;
	if (r->rc)
		return;
	if (r->n == 0)
		r->start = r->line;
	row = r->last_row + (r->start - r->last_end);
	for (size_t i = 0; i < r->n; i++) {
		f[i] = r->buf.p + r->off[i];
		blank &= f[i][0] == '\0';
	}
	if (!blank)
		r->rc = r->k->row(r->k->ctx, row, f, r->n, r->over);
	r->last_row = row;
	r->last_end = r->line;
	r->n = 0;
	dynbuf_reset(&r->buf);
	r->over = false;
}

/* feed passes n bytes of UTF-8 to libcsv a line at a time, counting lines. */
static enum cd_err feed(struct rd *r, struct csv_parser *p, const char *s, size_t n)
{
	size_t off = 0;

	while (off < n && !r->rc) {
		const char *nl = memchr(s + off, '\n', n - off);
		size_t k = nl ? (size_t)(nl - (s + off)) + 1 : n - off;

		if (csv_parse(p, s + off, k, on_field, on_row, r) != k) {
			r->rc = bad(r, r->last_row + ((r->n ? r->start : r->line) - r->last_end),
				    "CSV 格式有误（引号不成对？）",
				    "malformed CSV (unbalanced quotes?)");
			break;
		}
		off += k;
		if (nl)
			r->line++;
	}
	return r->rc;
}

/* detect reads f once to tell its encoding and leaves it at the start of the text (after a
 * byte order mark). */
static enum cd_err detect(FILE *f, const char *file, const char **enc, struct cd_diag *d)
{
	unsigned char b[CHUNK];
	struct utf8 u = {0};
	size_t n, total = 0;
	bool bom = false, gb;

	while ((n = fread(b, 1, sizeof b, f)) > 0 && !u.bad) {
		size_t skip = 0;

		if (total == 0 && n >= 3 && !memcmp(b, "\xEF\xBB\xBF", 3))
			bom = true, skip = 3;
		utf8_feed(&u, b + skip, n - skip);
		total += n;
	}
	if (ferror(f))
		return cd_diag_set(d, CD_EIO, "%s: read error", file);
	gb = u.bad || u.need;
	*enc = gb ? CSV_ENC_GB18030 : bom ? CSV_ENC_UTF8_BOM : CSV_ENC_UTF8;
	if (fseek(f, bom && !gb ? 3 : 0, SEEK_SET) != 0)
		return cd_diag_set(d, CD_EIO, "%s: cannot read it twice (a file, not a pipe)", file);
	return CD_OK;
}

enum cd_err csv_read(FILE *f, const char *file, const struct csv_sink *k, const char **encoding,
		     struct cd_diag *d)
{
	struct rd r = {.file = file, .k = k, .d = d, .line = 1};
	struct csv_parser p;
	iconv_t cd = (iconv_t)-1;
	char in[CHUNK], out[CHUNK * 4];
	size_t have = 0, n;
	const char *enc = CSV_ENC_UTF8;
	enum cd_err rc = detect(f, file, &enc, d);

	if (encoding)
		*encoding = enc;
	if (rc)
		return rc;
	dynbuf_init(&r.buf, CSV_MAX_RECORD);
	if (!strcmp(enc, CSV_ENC_GB18030) && (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return cd_diag_set(d, CD_EIO, "%s: no GB18030 converter: %s", file,
				   strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	while (!rc && (n = fread(in + have, 1, sizeof in - have, f)) > 0) {
		char *ip = in, *op = out;
		size_t il = have + n, ol = sizeof out;

		if (cd == (iconv_t)-1) {
			rc = feed(&r, &p, in, n);
			continue;
		}
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL) {
			rc = feed(&r, &p, out, (size_t)(op - out));
			if (!rc)
				rc = bad(&r, r.last_row + (r.line - r.last_end),
					 "既不是 UTF-8 也不是 GB18030 编码（请另存为“CSV UTF-8”）",
					 "neither UTF-8 nor GB18030 (save the file as \"CSV UTF-8\")");
			break;
		}
		rc = feed(&r, &p, out, (size_t)(op - out));
		memmove(in, ip, il); /* an incomplete character waits for the next read */
		have = il;
	}
	if (!rc && ferror(f))
		rc = cd_diag_set(d, CD_EIO, "%s: read error", file);
	if (!rc && have)
		rc = bad(&r, r.last_row + (r.line - r.last_end), "文件在一个字符的中间结束",
			 "the file ends inside a character");
	if (!rc && csv_fini(&p, on_field, on_row, &r) != 0)
		rc = bad(&r, r.last_row + (r.start - r.last_end),
			 "CSV 格式有误：引号到文件末尾还没有闭合",
			 "malformed CSV: a quoted field is not closed by the end of the file");
	if (!rc)
		rc = r.rc;
	csv_free(&p);
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	dynbuf_free(&r.buf);
	return rc;
}
