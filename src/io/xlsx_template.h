/* xlsx_template.h — the import template of a register kind as an XLSX workbook: the header row
 * (required columns marked "*"), drop-down lists for the columns whose values are an enumeration,
 * and a sheet 填写说明 with what each column takes and the example rows (docs/templates/). */
#ifndef CD_XLSX_TEMPLATE_H
#define CD_XLSX_TEMPLATE_H

#include "core/err.h"
#include "io/csv_export.h"
#include "io/csv_import.h"

/* csv_template_xlsx writes the template of kind at path, headers and values in lang. CD_EIO or
 * CD_ENOMEM (with the message in d) when it cannot. */
enum cd_err csv_template_xlsx(const char *path, enum csv_kind kind, enum csv_lang lang,
			      struct cd_diag *d);

#endif
