/* xlsx_read.c — an .xlsx workbook read a row at a time, handed to the same sink as a CSV file
 * (csv_int.h): libzip opens the zip, libxml2's streaming reader (xmlReader) walks the sheet's
 * XML, so a sheet of a million rows is never held whole. Shared strings, inline strings,
 * numbers (integers as written, dates by their cell's number format as YYYY-MM-DD) and
 * booleans; the sheet named after the kind (信息系统, assets, …), else the first. */
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zip.h>

#include "core/date.h"
#include "core/dynbuf.h"
#include "io/csv_int.h"

#define XLSX_MAX_STRINGS ((size_t)4 << 20) /* shared strings */
#define XLSX_MAX_STYLES  65536

/* The texts gathered (a shared string, a cell's value, a row's cells) are dynbufs capped at
 * TEXT_MAX: a row's worth, the CSV reader's limit (CSV_MAX_RECORD, its NUL counted). */
#define TEXT_MAX (CSV_MAX_RECORD - 1)

/* text_add appends n bytes of s to t; false when out of memory. What would pass the cap is
 * dropped. */
static bool text_add(struct dynbuf *t, const char *s, size_t n)
{
	return dynbuf_add(t, s, n) != DYNBUF_NOMEM;
}

/* What one read of a workbook holds besides the sheet's current row. */
struct book {
	zip_t *z;
	char **strings; /* shared strings */
	size_t nstrings, capstrings;
	bool *is_date;  /* by cell style index */
	size_t nstyles;
	struct cd_diag *d;
	const char *file;
};

/* --- a member of the zip through xmlReader ----------------------------------------------- */

static int zread(void *ctx, char *buf, int len)
{
	zip_int64_t n = zip_fread(ctx, buf, (zip_uint64_t)len);

	return n < 0 ? -1 : (int)n;
}

static int zclose(void *ctx)
{
	(void)ctx;
	return 0;
}

/* member opens name of the zip as an XML reader (NULL when the zip has no such member); *zf is
 * closed by the caller after xmlFreeTextReader. libxml2 prints nothing: a malformed part is told
 * to the importer's report, not to the server's log (fuzz_sheet found the log filling). */
static xmlTextReaderPtr member(struct book *b, const char *name, zip_file_t **zf)
{
	*zf = zip_fopen(b->z, name, 0);
	if (!*zf)
		return NULL;
	return xmlReaderForIO(zread, zclose, *zf, name, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

static void member_close(xmlTextReaderPtr r, zip_file_t *zf)
{
	if (r)
		xmlFreeTextReader(r);
	if (zf)
		zip_fclose(zf);
}

static bool is(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *n = xmlTextReaderConstLocalName(r);

	return n && !strcmp((const char *)n, name);
}

static char *attr(xmlTextReaderPtr r, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)name);
}

/* --- shared strings ----------------------------------------------------------------------- */

static enum cd_err shared_strings(struct book *b)
{
	zip_file_t *zf;
	xmlTextReaderPtr r = member(b, "xl/sharedStrings.xml", &zf);
	struct dynbuf t;
	int in_t = 0, in_ph = 0, st;
	enum cd_err rc = CD_OK;

	if (!r) {
		member_close(r, zf);
		return CD_OK; /* a workbook of numbers alone has none */
	}
	dynbuf_init(&t, TEXT_MAX);
	while (!rc && (st = xmlTextReaderRead(r)) == 1) {
		int type = xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_ELEMENT && is(r, "si")) {
			dynbuf_reset(&t);
		} else if (type == XML_READER_TYPE_ELEMENT && is(r, "rPh")) {
			in_ph = !xmlTextReaderIsEmptyElement(r); /* phonetic guide: not the text */
		} else if (type == XML_READER_TYPE_END_ELEMENT && is(r, "rPh")) {
			in_ph = 0;
		} else if (type == XML_READER_TYPE_ELEMENT && is(r, "t")) {
			in_t = !xmlTextReaderIsEmptyElement(r);
		} else if (type == XML_READER_TYPE_END_ELEMENT && is(r, "t")) {
			in_t = 0;
		} else if ((type == XML_READER_TYPE_TEXT ||
			    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
			   in_t && !in_ph) {
			const char *v = (const char *)xmlTextReaderConstValue(r);

			if (!text_add(&t, v, strlen(v)))
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
		} else if (type == XML_READER_TYPE_END_ELEMENT && is(r, "si")) {
			char **slot;

			if (b->nstrings == XLSX_MAX_STRINGS) {
				rc = cd_diag_set(b->d, CD_EINVAL, "%s: more than %zu different texts",
						 b->file, XLSX_MAX_STRINGS);
				break;
			}
			if (b->nstrings == b->capstrings) {
				size_t cap = b->capstrings ? b->capstrings * 2 : 256;

				slot = realloc(b->strings, cap * sizeof *slot);
				if (!slot) {
					rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
					break;
				}
				b->strings = slot;
				b->capstrings = cap;
			}
			b->strings[b->nstrings] = strdup(t.p ? t.p : "");
			if (!b->strings[b->nstrings++])
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
		}
	}
	if (!rc && st < 0)
		rc = cd_diag_set(b->d, CD_EINVAL, "%s: xl/sharedStrings.xml is not well-formed",
				 b->file);
	dynbuf_free(&t);
	member_close(r, zf);
	return rc;
}

/* --- which cell styles are dates ---------------------------------------------------------- */

/* date_code: a number format code that shows a date (y, m or d outside quotes and brackets). */
static bool date_code(const char *c)
{
	bool quoted = false, bracket = false;

	for (; c && *c; c++) {
		if (*c == '"')
			quoted = !quoted;
		else if (!quoted && *c == '[')
			bracket = true;
		else if (!quoted && *c == ']')
			bracket = false;
		else if (!quoted && !bracket && *c == '\\' && c[1])
			c++;
		else if (!quoted && !bracket && strchr("yYdD", *c))
			return true;
		else if (!quoted && !bracket && (*c == 'm' || *c == 'M'))
			return true;
	}
	return false;
}

static bool builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static enum cd_err styles(struct book *b)
{
	zip_file_t *zf;
	xmlTextReaderPtr r = member(b, "xl/styles.xml", &zf);
	int custom[256] = {0}; /* numFmtId (164…) of custom date formats, by id - 164 */
	bool in_xfs = false;
	enum cd_err rc = CD_OK;

	if (!r) {
		member_close(r, zf);
		return CD_OK;
	}
	while (!rc && xmlTextReaderRead(r) == 1) {
		int type = xmlTextReaderNodeType(r);

		if (type == XML_READER_TYPE_ELEMENT && is(r, "numFmt")) {
			char *id = attr(r, "numFmtId"), *code = attr(r, "formatCode");
			int n = id ? (int)strtol(id, NULL, 10) : 0;

			if (n >= 164 && n < 164 + 256)
				custom[n - 164] = date_code(code);
			xmlFree(id);
			xmlFree(code);
		} else if (type == XML_READER_TYPE_ELEMENT && is(r, "cellXfs")) {
			in_xfs = !xmlTextReaderIsEmptyElement(r);
		} else if (type == XML_READER_TYPE_END_ELEMENT && is(r, "cellXfs")) {
			in_xfs = false;
		} else if (type == XML_READER_TYPE_ELEMENT && in_xfs && is(r, "xf") &&
			   b->nstyles < XLSX_MAX_STYLES) {
			char *id = attr(r, "numFmtId");
			int n = id ? (int)strtol(id, NULL, 10) : 0;
			bool *nb = realloc(b->is_date, (b->nstyles + 1) * sizeof *nb);

			xmlFree(id);
			if (!nb) {
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
				break;
			}
			b->is_date = nb;
			b->is_date[b->nstyles++] =
				builtin_date(n) || (n >= 164 && n < 164 + 256 && custom[n - 164]);
		}
	}
	member_close(r, zf);
	return rc;
}

/* --- the sheet to read -------------------------------------------------------------------- */

/* sheet_path finds the sheet named one of names[] (else the first) and its member's path. */
static enum cd_err sheet_path(struct book *b, const char *const *names, char *out, size_t n)
{
	zip_file_t *zf;
	xmlTextReaderPtr r = member(b, "xl/workbook.xml", &zf);
	char rid[128] = "", first[128] = "";
	enum cd_err rc = CD_OK;

	if (!r) {
		member_close(r, zf);
		return cd_diag_set(b->d, CD_EINVAL, "%s: not an .xlsx workbook (no xl/workbook.xml)",
				   b->file);
	}
	while (xmlTextReaderRead(r) == 1 && !rid[0]) {
		char *name, *id;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is(r, "sheet"))
			continue;
		name = attr(r, "name");
		id = (char *)xmlTextReaderGetAttributeNs(
			r, (const xmlChar *)"id",
			(const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/"
					 "relationships");
		if (id && !first[0])
			snprintf(first, sizeof first, "%s", id);
		for (const char *const *p = names; id && name && *p; p++)
			if (!strcasecmp(name, *p))
				snprintf(rid, sizeof rid, "%s", id);
		xmlFree(name);
		xmlFree(id);
	}
	member_close(r, zf);
	if (!rid[0])
		snprintf(rid, sizeof rid, "%s", first);
	if (!rid[0])
		return cd_diag_set(b->d, CD_EINVAL, "%s: the workbook has no sheet", b->file);
	r = member(b, "xl/_rels/workbook.xml.rels", &zf);
	out[0] = '\0';
	while (r && xmlTextReaderRead(r) == 1 && !out[0]) {
		char *id, *target;

		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT || !is(r, "Relationship"))
			continue;
		id = attr(r, "Id");
		target = attr(r, "Target");
		if (id && target && !strcmp(id, rid))
			snprintf(out, n, "%s%s", target[0] == '/' ? "" : "xl/",
				 target[0] == '/' ? target + 1 : target);
		xmlFree(id);
		xmlFree(target);
	}
	member_close(r, zf);
	if (!out[0])
		rc = cd_diag_set(b->d, CD_EINVAL, "%s: the sheet's part is missing", b->file);
	return rc;
}

/* --- the rows ----------------------------------------------------------------------------- */

/* col_of: the 0-based column of a cell reference ("C12" → 2), or -1. */
static long col_of(const char *ref)
{
	long c = 0;
	const char *p = ref;

	for (; *p >= 'A' && *p <= 'Z'; p++)
		c = c * 26 + (*p - 'A' + 1);
	return p == ref || c > 16384 ? -1 : c - 1;
}

/* A row being gathered: its cells' values, each NUL-terminated in one text. */
struct row {
	struct dynbuf t;
	size_t off[CSV_MAX_FIELDS];
	size_t n;
	bool over;
};

/* cell puts value v (len bytes) at column c of the row, the columns before it empty. */
static bool cell(struct row *w, long c, const char *v, size_t len)
{
	if (c < 0)
		c = (long)w->n;
	if ((size_t)c >= CSV_MAX_FIELDS) {
		w->over |= len > 0;
		return true;
	}
	while (w->n <= (size_t)c) {
		w->off[w->n++] = w->t.len;
		if (!text_add(&w->t, "", 1))
			return false;
	}
	/* the last column holds v (cells come in order: only the newest is written) */
	dynbuf_trunc(&w->t, w->off[c]);
	return text_add(&w->t, v, len) && text_add(&w->t, "", 1);
}

/* value gives the text of a cell of type t and style s whose <v> or <is> text is raw. */
static const char *value(struct book *b, const char *t, long s, const char *raw, char *buf,
			 size_t n)
{
	char *end;
	double x;
	cd_date day;

	if (t && !strcmp(t, "s")) {
		unsigned long i = strtoul(raw, &end, 10);

		return *raw && !*end && i < b->nstrings ? b->strings[i] : "";
	}
	if (t && (!strcmp(t, "inlineStr") || !strcmp(t, "str") || !strcmp(t, "e")))
		return raw;
	if (t && !strcmp(t, "b"))
		return !strcmp(raw, "1") ? "1" : "0";
	x = strtod(raw, &end);
	if (!*raw || *end)
		return raw;
	if (s >= 0 && (size_t)s < b->nstyles && b->is_date[s] && date_from_serial(x, &day))
		return date_format(day, buf);
	if (x == (double)(long long)x && x > -1e15 && x < 1e15)
		snprintf(buf, n, "%lld", (long long)x);
	else
		snprintf(buf, n, "%.15g", x);
	return buf;
}

static enum cd_err rows(struct book *b, const char *path, const struct csv_sink *k)
{
	zip_file_t *zf;
	xmlTextReaderPtr r = member(b, path, &zf);
	struct row w = {0};
	struct dynbuf v;
	char *type = NULL, num[64];
	long col = -1, style = -1;
	size_t rownum = 0, header = 0;
	int in_v = 0, st = 1;
	bool in_row = false, merged = false;
	enum cd_err rc = CD_OK;

	if (!r) {
		member_close(r, zf);
		return cd_diag_set(b->d, CD_EINVAL, "%s: %s is missing", b->file, path);
	}
	dynbuf_init(&w.t, TEXT_MAX);
	dynbuf_init(&v, TEXT_MAX);
	while (!rc && (st = xmlTextReaderRead(r)) == 1) {
		int nt = xmlTextReaderNodeType(r);

		if (nt == XML_READER_TYPE_ELEMENT && is(r, "row")) {
			char *rn = attr(r, "r");

			rownum = rn ? strtoul(rn, NULL, 10) : rownum + 1;
			xmlFree(rn);
			/* a sheet's rows are 1 … 1,048,576 (ECMA-376, Excel's limit): any other number
			 * is a damaged file, not a row to report errors against (fuzz_sheet: r="0") */
			if (rownum < 1 || rownum > 1048576) {
				k->bad(k->ctx, 0, "工作表的行号有误（文件损坏？）",
				       "a row of the sheet has an impossible number (a damaged file?)");
				rc = CD_EINVAL;
				break;
			}
			w.n = 0;
			dynbuf_reset(&w.t);
			w.over = false;
			in_row = true;
			if (xmlTextReaderIsEmptyElement(r))
				in_row = false;
		} else if (nt == XML_READER_TYPE_END_ELEMENT && is(r, "row")) {
			const char *f[CSV_MAX_FIELDS];
			bool blank = !w.over;

			for (size_t i = 0; i < w.n; i++) {
				f[i] = w.t.p + w.off[i];
				blank &= !*f[i];
			}
			if (!blank && !header)
				header = rownum;
			if (!blank)
				rc = k->row(k->ctx, rownum, f, w.n, w.over);
			in_row = false;
		} else if (nt == XML_READER_TYPE_ELEMENT && is(r, "mergeCell") && header && !merged) {
			/* merged cells come after the rows: one over the header is refused then */
			char *ref = attr(r, "ref"), zh[300], en[300];
			const char *colon = ref ? strchr(ref, ':') : NULL;
			size_t r1 = ref ? strtoul(ref + strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), NULL, 10)
					: 0;
			size_t r2 = colon ? strtoul(colon + 1 + strspn(colon + 1,
								       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
						    NULL, 10)
					  : r1;

			if (ref && r1 <= header && header <= r2) {
				snprintf(zh, sizeof zh,
					 "表头有合并的单元格（%s）：请取消合并，每列写一个表头", ref);
				snprintf(en, sizeof en,
					 "the header has merged cells (%s): unmerge them, one header "
					 "per column",
					 ref);
				k->bad(k->ctx, header, zh, en);
				merged = true;
			}
			xmlFree(ref);
		} else if (nt == XML_READER_TYPE_ELEMENT && in_row && is(r, "c")) {
			char *ref = attr(r, "r"), *s = attr(r, "s");

			col = ref ? col_of(ref) : (long)w.n;
			style = s ? strtol(s, NULL, 10) : -1;
			xmlFree(ref);
			xmlFree(s);
			xmlFree(type);
			type = attr(r, "t");
			dynbuf_reset(&v);
			if (xmlTextReaderIsEmptyElement(r) && !cell(&w, col, "", 0))
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
		} else if (nt == XML_READER_TYPE_ELEMENT && in_row && (is(r, "v") || is(r, "t"))) {
			in_v = !xmlTextReaderIsEmptyElement(r);
		} else if (nt == XML_READER_TYPE_END_ELEMENT && (is(r, "v") || is(r, "t"))) {
			in_v = 0;
		} else if ((nt == XML_READER_TYPE_TEXT ||
			    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) &&
			   in_v) {
			const char *s = (const char *)xmlTextReaderConstValue(r);

			if (!text_add(&v, s, strlen(s)))
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
		} else if (nt == XML_READER_TYPE_END_ELEMENT && in_row && is(r, "c")) {
			const char *text = value(b, type, style, v.p ? v.p : "", num, sizeof num);
			size_t len = strlen(text);

			/* trim blanks, as the CSV reader does */
			while (*text == ' ' || *text == '\t')
				text++, len--;
			while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
				len--;
			if (!cell(&w, col, text, len))
				rc = cd_diag_set(b->d, CD_ENOMEM, "out of memory");
		}
	}
	if (!rc && st < 0) {
		k->bad(k->ctx, rownum + 1, "工作表的 XML 有误（文件损坏？）",
		       "the sheet's XML is malformed (a damaged file?)");
		rc = CD_EINVAL;
	}
	xmlFree(type);
	dynbuf_free(&w.t);
	dynbuf_free(&v);
	member_close(r, zf);
	return rc;
}

enum cd_err xlsx_read(FILE *f, const char *file, const char *const *sheets,
		      const struct csv_sink *k, struct cd_diag *d)
{
	struct book b = {.d = d, .file = file};
	FILE *own = NULL;
	zip_source_t *src;
	zip_error_t ze;
	char path[512];
	int fd;
	enum cd_err rc;

	zip_error_init(&ze);
	if (fileno(f) < 0) { /* a stream in memory: libzip reads files, so copy it to one */
		char buf[65536];
		size_t n;

		if (!(own = tmpfile()))
			return cd_diag_set(d, CD_EIO, "%s: no room for a copy", file);
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			if (fwrite(buf, 1, n, own) != n)
				break;
		fflush(own);
		f = own;
	}
	fd = dup(fileno(f));
	if (fd < 0 || !(f = fdopen(fd, "rb"))) {
		if (fd >= 0)
			close(fd);
		if (own)
			fclose(own);
		return cd_diag_set(d, CD_EIO, "%s: cannot read it", file);
	}
	src = zip_source_filep_create(f, 0, -1, &ze); /* takes f */
	b.z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!b.z) {
		if (src)
			zip_source_free(src);
		else
			fclose(f);
		if (own)
			fclose(own);
		k->bad(k->ctx, 0, "不是有效的 .xlsx 文件（zip 损坏？）",
		       "not a valid .xlsx file (a damaged zip?)");
		zip_error_fini(&ze);
		return CD_EINVAL;
	}
	rc = sheet_path(&b, sheets, path, sizeof path);
	if (!rc)
		rc = shared_strings(&b);
	if (!rc)
		rc = styles(&b);
	if (!rc)
		rc = rows(&b, path, k);
	if (rc && rc != CD_EINVAL && rc != CD_ENOMEM)
		rc = CD_EIO;
	else if (rc == CD_EINVAL && d->msg[0]) /* the workbook's structure, not a row */
		k->bad(k->ctx, 0, d->msg, d->msg);
	zip_close(b.z);
	for (size_t i = 0; i < b.nstrings; i++)
		free(b.strings[i]);
	free(b.strings);
	free(b.is_date);
	if (own)
		fclose(own);
	zip_error_fini(&ze);
	return rc;
}
