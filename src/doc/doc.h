/* doc.h — a document the office signs (公文), backend-neutral: a head (title, document number,
 * addressee, issuer, metadata) and blocks written in order — headings of the four levels,
 * paragraphs, tables whose rows stream through one at a time (a ledger of 100,000 systems is never
 * held), a bar chart, the signature and date — into a renderer: PDF (doc_pdf.c, cairo + pango) or
 * Word .docx (doc_docx.c, libzip + libxml2's writer). Both lay the page out as GB/T 9704-2012
 * 《党政机关公文格式》 asks (the numbers are in doc_int.h, with their source). An error is sticky:
 * the calls after it do nothing and doc_close reports it. */
#ifndef CD_DOC_H
#define CD_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"

enum doc_format { DOC_PDF, DOC_DOCX, DOC__MAX };

/* doc_format_parse: "pdf" / "docx" → the format, else -1. doc_format_ext: "pdf" / "docx";
 * doc_format_mime its media type. */
int doc_format_parse(const char *s);
const char *doc_format_ext(enum doc_format f);
const char *doc_format_mime(enum doc_format f);

/* The head of a document. Strings are borrowed until doc_open returns (copied). */
struct doc_head {
	const char *title;     /* 标题, required */
	const char *mark;      /* 发文机关标志 (red, above the number), e.g. "××大学网络安全和信息化
				* 领导小组办公室"; NULL: no masthead (a form, a list) */
	const char *docno;     /* 发文字号, e.g. "校网办〔2026〕7号" (doc_docno_check); NULL: none */
	const char *addressee; /* 主送机关, NULL: none */
	const char *signer;    /* 签发人 of a 上行文 (a report to the superior, GB/T 9704-2012
				* §7.2.5–7.2.6): set, the number stands flush left one character in
				* and "签发人：NAME" flush right one character in on its line; NULL:
				* a 下行文, the number centred */
	const char *subject;   /* the metadata's subject (NULL: none) */
	const char *author;    /* the metadata's author: the issuing unit (NULL: none) */
};

/* doc_open starts a document of format f written to the file `path` (made or truncated; the
 * renderers need a named file: cairo's PDF surface and libzip both write one). *out is freed by
 * doc_close. CD_EIO when the file cannot be made, CD_ENOMEM, CD_EINVAL for a head without a title
 * or with a document number doc_docno_check refuses. */
struct doc;
enum cd_err doc_open(struct doc **out, enum doc_format f, const char *path,
		     const struct doc_head *h, struct cd_diag *d);

/* doc_heading writes a heading of level 1 … 4, numbered by the document as GB/T 9704-2012 §7.3.3
 * numbers them — "一、", "（一）", "1.", "（1）" — each level counting anew under the one above;
 * text is the heading without its number. */
void doc_heading(struct doc *x, int level, const char *text);

/* doc_para writes a paragraph of body text, its first line indented two characters. */
void doc_para(struct doc *x, const char *text);

/* doc_printf: doc_para of a formatted text (at most DOC_PARA_MAX bytes). */
#define DOC_PARA_MAX 4096
void doc_printf(struct doc *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A table's column: its head and its share of the text block's width. */
struct doc_col {
	const char *head;
	double width; /* relative: the shares are scaled to the full width */
};

#define DOC_COLS_MAX 12

/* doc_table_begin starts a table of cols[0..ncols) (at most DOC_COLS_MAX), its caption (NULL:
 * none) centred above it; small sets it in 五号 rather than 小四 (a wide ledger). The head row is
 * repeated on every page the table runs onto. doc_table_row adds one row of ncols cells (NULL
 * is empty); doc_table_end closes the table. Nothing else may be written in between. */
void doc_table_begin(struct doc *x, const char *caption, const struct doc_col *cols, size_t ncols,
		     bool small);
void doc_table_row(struct doc *x, const char *const *cells);
void doc_table_end(struct doc *x);

/* doc_chart draws a bar chart of values[0..n) (n ≤ DOC_BARS_MAX, each ≥ 0) labelled labels[i],
 * its caption centred below ("图1 …"), the value above each bar; unit names the axis (NULL:
 * none). In PDF it is drawn in vectors, in Word as a picture. */
#define DOC_BARS_MAX 24
void doc_chart(struct doc *x, const char *caption, const char *unit, const char *const *labels,
	       const double *values, size_t n);

/* doc_sign writes the signature: the issuing unit (发文机关署名) centred over the date (成文日期,
 * 2026年12月3日), which stands four characters in from the right edge (GB/T 9704-2012 §7.3.5),
 * two blank lines above them for the seal. */
void doc_sign(struct doc *x, const char *signer, cd_date on);

/* doc_close finishes the document (the last page number, the metadata, the zip) and frees x.
 * Returns the first error of any call (then the file is incomplete: the caller removes it). */
enum cd_err doc_close(struct doc *x, struct cd_diag *d);

/* doc_abandon frees x without finishing the file (after an error elsewhere). */
void doc_abandon(struct doc *x);

/* --- the texts of the format (pure) ------------------------------------------------------------ */

/* doc_docno_check: s is a document number as GB/T 9704-2012 §7.2.5 writes it — an optional
 * agency abbreviation, the year in full in 六角括号 〔〕, the serial number without leading zeros
 * (虚位) and 号, nothing after: "〔2026〕7号", "校网办〔2026〕12号". false with *why (an English
 * message naming what to fix) otherwise. */
bool doc_docno_check(const char *s, const char **why);

/* doc_date_cn writes day as a 成文日期: Arabic numerals, year, month and day in full, no leading
 * zeros — "2026年12月3日" — into buf (at least 24 bytes); returns buf. */
char *doc_date_cn(cd_date day, char *buf, size_t n);

/* doc_heading_number writes the number of a heading of level 1 … 4 whose count at its level is
 * k (1 …): "一、", "（一）", "1.", "（1）" (Chinese numerals up to 99) into buf (≥ 32 bytes). */
char *doc_heading_number(int level, int k, char *buf, size_t n);

#endif
