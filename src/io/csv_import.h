/* csv_import.h — all-or-nothing import of register records from CSV (RFC 4180, UTF-8 with or
 * without BOM, English or Chinese headers; templates in docs/csv.md). Every row is parsed and
 * checked, and every reference resolved, before anything is written; one bad row names its
 * line and column and nothing is imported. */
#ifndef CD_CSV_IMPORT_H
#define CD_CSV_IMPORT_H

#include <stddef.h>

#include "core/err.h"
#include "store/store.h"

enum csv_kind {
	CSV_UNITS,
	CSV_PEOPLE,
	CSV_DUTIES,
	CSV_ASSETS,
	CSV__MAX
};

/* csv_kind_parse maps "units" "people" "duties" "assets" to the enum; -1 when unknown. */
int csv_kind_parse(const char *s);
const char *csv_kind_code(enum csv_kind k);

/* csv_import reads len bytes of CSV (named `file` in messages) and adds every row to the
 * store, inside the transaction the caller holds (the act svc_import, svc/transfer.h): every
 * row is checked before the first is written, and a failed write leaves the rest to the
 * caller's rollback. On CD_OK *count (may be NULL) is the number of records added. On error d
 * reads "FILE:LINE:COLUMN: what is wrong" (COLUMN is 1-based, omitted when the whole row is
 * wrong). */
enum cd_err csv_import(struct store *s, enum csv_kind kind, const char *buf, size_t len,
		       const char *file, size_t *count, struct cd_diag *d);

/* csv_import_file reads path (at most 64 MiB) and imports it. */
enum cd_err csv_import_file(struct store *s, enum csv_kind kind, const char *path, size_t *count,
			    struct cd_diag *d);

#endif
