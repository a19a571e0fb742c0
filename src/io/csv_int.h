/* csv_int.h — shared by csv_import.c and csv_export.c: the columns of each CSV template.
 * Column order here is the order of the export and of docs/csv.md. */
#ifndef CD_CSV_INT_H
#define CD_CSV_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "io/csv_import.h"

struct csv_col {
	const char *key; /* English header, as exported */
	const char *zh;  /* Chinese header, accepted on import */
	const char *alt; /* another accepted Chinese header, or NULL */
	bool required;   /* the column must be present and the value non-empty */
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
	AC__MAX
};

struct csv_template {
	const struct csv_col *cols;
	size_t ncols;
};

extern const struct csv_template csv_templates[CSV__MAX];

#endif
