/* csv_int.h — shared by csv_import.c, csv_read.c and csv_export.c: the columns of each CSV
 * template (order here is the order of the export and of docs/csv.md) and the record reader. */
#ifndef CD_CSV_INT_H
#define CD_CSV_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/csv_import.h"

struct csv_col {
	const char *key;    /* English header, as exported with --lang en */
	const char *zh;     /* Chinese header, as exported and in docs/templates */
	const char *alt[4]; /* other headers accepted on import (NULL-terminated) */
	bool required;      /* the column must be present and the value non-empty */
	bool derived;       /* an export writes it, an import reads past it, a template has it
			     * not (a notice's stage, state …) */
};

enum { UC_CODE, UC_NAME, UC_PARENT, UC_KIND, UC__MAX };
enum { PC_CODE, PC_NAME, PC_UNIT, PC_TITLE, PC_PHONE, PC_EMAIL, PC__MAX };
enum { DC_PERSON, DC_ROLE, DC_UNIT, DC_ASSET, DC_FROM, DC_TO, DC_NOTE, DC__MAX };
enum {
	AC_CODE,
	AC_NAME,
	AC_KIND,
	AC_URL,
	AC_BUILDER,
	AC_USER,
	AC_MANAGER,
	AC_OPERATOR,
	AC_MAINTAINER,
	AC_LEVEL,
	AC_GRADED,
	AC_FILING_NO,
	AC_FILED,
	AC_ASSESSED,
	AC_RESULT,
	AC_CII,
	AC_INTERNET,
	AC_PERSONAL,
	AC_PROTECTION,
	AC_STATUS,
	AC_ADMIN_LEVEL,
	AC_SOFTWARE,
	AC_QUAL, /* the qualifiers, in the order of enum qualifier (QUAL__MAX columns) */
	AC__MAX = AC_QUAL + QUAL__MAX
};

enum { JC_CODE, JC_NAME, JC_UNIT, JC_YEAR, JC_TOTAL, JC_SECURITY, JC__MAX };

/* notices: in the order of `cyberduty export notices` (svc/transfer.c), whose derived columns
 * an import reads past */
enum {
	NC_CODE,
	NC_AUTHORITY,
	NC_RECEIVED,
	NC_UNIT,
	NC_CATEGORY,
	NC_STAGE,
	NC_DUE,
	NC_BASIS,
	NC_STATE,
	NC_LEFT,
	NC_CHECKED,
	NC_UNCHECKED,
	NC_ASSETS,
	NC_TEXT,
	NC__MAX
};

struct csv_template {
	const struct csv_col *cols;
	size_t ncols;
};

extern const struct csv_template csv_templates[CSV__MAX];

/* csv_col_find: the template column whose header (English, Chinese or another accepted one)
 * is name, or -1. */
int csv_col_find(const struct csv_template *t, const char *name);

/* csv_bool reads a yes/no cell: 1 for 是, √, true, yes, y, 1; 0 for 否, false, no, n, 0 and ""
 * (English ones in any case); -1 for anything else. */
int csv_bool(const char *v);

/* --- reading a file a record at a time (csv_read.c) -------------------------------------- */

#define CSV_MAX_FIELDS 256         /* columns kept; empty ones past it are dropped */
#define CSV_MAX_RECORD (1 << 20)   /* bytes in one record */

/* The encodings a file is read in (csv_import.h's report names them). */
#define CSV_ENC_UTF8     "UTF-8"
#define CSV_ENC_UTF8_BOM "UTF-8 (BOM)"
#define CSV_ENC_GB18030  "GB18030"

/* What a read hands its records to. row gets each record that is not blank, the header first:
 * its number as a spreadsheet shows it (the header is row 1, blank rows count), its fields
 * f[0..n) trimmed of surrounding blanks and valid only during the call, and over when a
 * non-empty field lay past CSV_MAX_FIELDS; an error it returns ends the read with it. bad is
 * told, in Chinese and English, why the file cannot be read on from `row`. */
struct csv_sink {
	enum cd_err (*row)(void *ctx, size_t row, const char *const *f, size_t n, bool over);
	void (*bad)(void *ctx, size_t row, const char *zh, const char *en);
	void *ctx;
};

/* csv_read reads the CSV file f (a seekable stream: it is read twice, once to tell UTF-8 from
 * GB18030), named `file` in messages, and passes each record to k. *encoding (may be NULL) is
 * set to the CSV_ENC_* read. CD_EINVAL after k->bad, CD_EIO or CD_ENOMEM in d, or what k->row
 * returned. */
enum cd_err csv_read(FILE *f, const char *file, const struct csv_sink *k, const char **encoding,
		     struct cd_diag *d);

/* xlsx_read reads the .xlsx workbook f (named `file` in messages; f is read, not closed), its
 * sheet named one of sheets[] (NULL-terminated, any case), else its first, and passes each row
 * to k as csv_read does — rows numbered as in the sheet, numbers as written (a date cell as
 * YYYY-MM-DD), booleans 1/0. CD_EINVAL after k->bad (not a workbook, a malformed part), CD_EIO
 * or CD_ENOMEM in d, or what k->row returned. */
enum cd_err xlsx_read(FILE *f, const char *file, const char *const *sheets,
		      const struct csv_sink *k, struct cd_diag *d);

#endif
