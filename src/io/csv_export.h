/* csv_export.h — register records written as a spreadsheet a clerk can open: CSV in UTF-8 with a
 * byte order mark (Excel on Chinese Windows reads it as UTF-8), or XLSX (libxlsxwriter: a bold,
 * frozen header row with an autofilter, columns as wide as their Chinese text, dates as date
 * cells yyyy-mm-dd, levels as numbers); the template's Chinese headers and Chinese values
 * (类型 部门, 状态 运行, 是/否) by default, the English headers and codes on request. Either
 * imports again unchanged (references are written as codes; the importer takes labels and
 * codes alike). Records come one at a time, as the store pages them; the XLSX is written in
 * libxlsxwriter's constant-memory mode (a row at a time to a temporary file). */
#ifndef CD_CSV_EXPORT_H
#define CD_CSV_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/date.h"
#include "core/err.h"
#include "io/csv_import.h"
#include "store/store.h"

enum csv_lang { CSV_LANG_ZH, CSV_LANG_EN };

/* csv_lang_parse maps "zh" and "en" to the enum; -1 when neither. */
int csv_lang_parse(const char *s);

struct xlsx_book;

/* A CSV or XLSX file being written. */
struct csv_out {
	FILE *f;                /* CSV: the file */
	struct xlsx_book *x;    /* XLSX: the workbook (private) */
	enum csv_kind kind;
	enum csv_lang lang;
	bool first;             /* the next value is a row's first */
	bool bad;               /* a write failed */
};

/* csv_out_begin writes the byte order mark and the header row of kind to f. */
void csv_out_begin(struct csv_out *o, FILE *f, enum csv_kind kind, enum csv_lang lang);

/* csv_out_begin_xlsx starts an XLSX workbook at path (one sheet named after the kind, its
 * header row). CD_EIO or CD_ENOMEM when it cannot. */
enum cd_err csv_out_begin_xlsx(struct csv_out *o, const char *path, enum csv_kind kind,
			       enum csv_lang lang, struct cd_diag *d);

/* Any other list as a sheet (records, obligations): its columns' headers, and the cells of
 * each row written one by one — text, a label in the file's language, a date, a whole number
 * — and the row ended. */
struct csv_sheet_col {
	const char *zh, *en;
};

/* csv_out_begin_sheet starts a sheet of columns cols[0..n) — an XLSX workbook at path when
 * path is not NULL (its sheet named zh or en), else CSV to f — and writes the header row. */
enum cd_err csv_out_begin_sheet(struct csv_out *o, FILE *f, const char *path, const char *zh,
				const char *en, const struct csv_sheet_col *cols, size_t n,
				enum csv_lang lang, struct cd_diag *d);
void csv_out_text(struct csv_out *o, const char *s);
void csv_out_label(struct csv_out *o, const char *zh, const char *en);
void csv_out_date(struct csv_out *o, cd_date t);
void csv_out_num(struct csv_out *o, int64_t v);
void csv_out_row_end(struct csv_out *o);

/* csv_out_hundredths writes a number kept in hundredths (a score: 9250 is 92.5) — a number cell
 * in XLSX, "92.50" in CSV. */
void csv_out_hundredths(struct csv_out *o, int64_t v);

/* csv_out_rec writes a unit, person or duty (o->kind's; the codes it refers to from w);
 * csv_out_asset an asset. */
void csv_out_rec(struct csv_out *o, const struct rec_row *w);
void csv_out_asset(struct csv_out *o, const struct asset_row *r);

/* csv_out_end flushes (an XLSX is written out and closed); CD_EIO when any write failed. Also
 * to be called after a failure, to release the workbook. */
enum cd_err csv_out_end(struct csv_out *o, struct cd_diag *d);

#endif
