/* transfer.c — import as one act: the rows checked and written (io/csv_import.c) inside the
 * act's transaction, its audit entry appended before the commit. */
#include "svc/transfer.h"

#include <stdio.h>

enum cd_err svc_import(struct act *c, enum csv_kind kind, const char *path,
		       struct import_report *out)
{
	struct import_report r = {0};
	char action[32], obj[32];
	size_t n = 0;
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	rc = csv_import_file(c->s, kind, path, &n, c->d);
	if (!rc) {
		r.rows = n;
		r.created = n;
	}
	snprintf(action, sizeof action, "import.%s", csv_kind_code(kind));
	snprintf(obj, sizeof obj, "register:%s", csv_kind_code(kind));
	rc = act_end(c, rc, action, obj, NULL,
		     rc ? NULL
			: json_pack("{s:s, s:I, s:I, s:I}", "file", path, "rows",
				    (json_int_t)r.rows, "created", (json_int_t)r.created,
				    "updated", (json_int_t)r.updated));
	if (!rc && out)
		*out = r;
	return rc;
}
