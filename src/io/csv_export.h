/* csv_export.h — register records written as CSV a clerk can open: UTF-8 with a byte order mark
 * (Excel on Chinese Windows reads it as UTF-8), the template's Chinese headers and Chinese
 * values (类型 部门, 状态 运行, 是/否) by default, the English headers and codes on request. Either
 * imports again unchanged (references are written as codes; the importer takes labels and
 * codes alike). Records come one at a time, as the store pages them. */
#ifndef CD_CSV_EXPORT_H
#define CD_CSV_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/err.h"
#include "io/csv_import.h"
#include "store/store.h"

enum csv_lang { CSV_LANG_ZH, CSV_LANG_EN };

/* csv_lang_parse maps "zh" and "en" to the enum; -1 when neither. */
int csv_lang_parse(const char *s);

/* A CSV being written. */
struct csv_out {
	FILE *f;
	enum csv_kind kind;
	enum csv_lang lang;
	bool first; /* the next value is a row's first */
	bool bad;   /* a write failed */
};

/* csv_out_begin writes the byte order mark and the header row of kind to f. */
void csv_out_begin(struct csv_out *o, FILE *f, enum csv_kind kind, enum csv_lang lang);

/* csv_out_rec writes a unit, person or duty (o->kind's; the codes it refers to from w);
 * csv_out_asset an asset. */
void csv_out_rec(struct csv_out *o, const struct rec_row *w);
void csv_out_asset(struct csv_out *o, const struct asset_row *r);

/* csv_out_end flushes; CD_EIO when any write failed. */
enum cd_err csv_out_end(struct csv_out *o, struct cd_diag *d);

#endif
