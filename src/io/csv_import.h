/* csv_import.h — import of register records from a spreadsheet: an .xlsx workbook, or CSV (RFC
 * 4180; UTF-8 with or without BOM, or GB18030/GBK); English or Chinese headers (templates in
 * docs/csv.md).
 * The file streams through a record at a time: every row is checked and every reference
 * resolved, each error of the file is reported (row, column, value, what to fix, in Chinese
 * and English), and rows are written as they pass — inside the caller's transaction, which the
 * caller rolls back when any row was refused (svc_import, svc/transfer.h). */
#ifndef CD_CSV_IMPORT_H
#define CD_CSV_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

enum csv_kind {
	CSV_UNITS,
	CSV_PEOPLE,
	CSV_DUTIES,
	CSV_ASSETS,
	CSV_PROJECTS,
	CSV_NOTICES, /* official notices (通报): recorded by the caller's act (struct csv_writer) */
	CSV__MAX
};

/* csv_kind_parse maps "units" "people" "duties" "assets" "projects" "notices" to the enum; -1
 * when unknown. */
int csv_kind_parse(const char *s);
const char *csv_kind_code(enum csv_kind k);
/* csv_kind_zh: the kind's Chinese name ("信息系统"), its sheet's and file's name. */
const char *csv_kind_zh(enum csv_kind k);

#define CSV_MAX_ERRORS 200 /* errors a report lists; the rest are counted */

/* One thing wrong in a file. */
struct csv_error {
	size_t row;         /* as a spreadsheet numbers it (the header is row 1); 0: the file */
	const char *column; /* the column's English key ("graded_on"), NULL: the whole row */
	const char *header; /* the column's header as the file wrote it, NULL: none */
	const char *value;  /* the value refused, NULL: none */
	const char *zh;     /* what is wrong and how to fix it: "第 5 行「定级日期」：…" */
	const char *en;     /* the same in English: "row 5, column \"graded_on\": …" */
};

/* What an import found and did (in a dry run: would do). Its strings live in a. */
struct csv_report {
	const char *encoding;     /* the encoding the file was read in: "UTF-8", "UTF-8 (BOM)",
				   * "GB18030" (NULL until read) */
	size_t rows;              /* data rows read */
	size_t created, updated;  /* records added; records with a code already held, changed */
	struct csv_error *errors; /* the first CSV_MAX_ERRORS */
	size_t nerrors, caperrors;
	size_t more;              /* errors past those listed */
	struct arena *a;
};

/* csv_report_free releases what r holds (not r). */
void csv_report_free(struct csv_report *r);

/* csv_import reads the stream f (seekable; named `file` in messages) as records of kind: an
 * .xlsx when it starts as a zip does, else CSV.
 * A row whose code (units, people, assets) the register holds already updates that record
 * with the columns the file has; any other row adds one (duties are always added). Unless
 * dry_run, rows are written as they pass while no error has been found, inside the
 * transaction the caller holds. rep is filled (the caller frees it with csv_report_free, also
 * on failure). Returns CD_OK when the file had no error, CD_EINVAL when rep lists errors (the
 * caller rolls back), else the failure (CD_EIO, CD_ENOMEM, the store's) in d. */
enum cd_err csv_import(struct store *s, enum csv_kind kind, FILE *f, const char *file,
		       bool dry_run, struct csv_report *rep, struct cd_diag *d);

/* A notice as a row of the file gives it, checked: its code normalised (io/docno.h) and new,
 * its systems and unit in the register, its own deadline not before receipt. */
struct csv_notice {
	const char *code, *authority, *category, *text;
	const char *unit;           /* a unit's code, or NULL */
	const char *const *assets;  /* codes of the systems, at least one */
	size_t nassets;
	cd_time received_at;
	cd_date due;                /* the notice's own deadline, or CD_DATE_NONE */
};

/* What records the rows of a kind the register does not write itself: a notice is recorded by
 * the act that records one (svc_notice_add: its due date, 举一反三 list, audit entry and
 * messages), inside the import's transaction. notice returns CD_OK or the failure (d set). */
struct csv_writer {
	enum cd_err (*notice)(void *ctx, const struct csv_notice *n, struct cd_diag *d);
	void *ctx;
	cd_time now; /* what "in the future" means for a receipt time */
};

/* csv_import_with is csv_import with the writer w of notices (needed for CSV_NOTICES, which
 * csv_import refuses). */
enum cd_err csv_import_with(struct store *s, enum csv_kind kind, FILE *f, const char *file,
			    bool dry_run, const struct csv_writer *w, struct csv_report *rep,
			    struct cd_diag *d);

#endif
