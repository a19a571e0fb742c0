/* csv_export.h — writes register records as CSV with the import templates' English headers,
 * so an export imports again unchanged (references are written as codes). */
#ifndef CD_CSV_EXPORT_H
#define CD_CSV_EXPORT_H

#include <stdio.h>

#include "core/err.h"
#include "core/reg.h"
#include "io/csv_import.h"

/* csv_export writes every record of kind from reg to f. CD_EIO when writing fails. */
enum cd_err csv_export(const struct reg *reg, enum csv_kind kind, FILE *f, struct cd_diag *d);

#endif
