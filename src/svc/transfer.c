/* transfer.c — import as one act: the file read, checked and written (io/csv_import.c) inside
 * the act's transaction, its audit entry appended before the commit; a dry run or a file with
 * errors rolls back. */
#include "svc/transfer.h"

#include <errno.h>
#include <string.h>

enum cd_err svc_import(struct act *c, const struct import_in *in, struct csv_report *rep)
{
	const char *file = in->file ? in->file : in->path;
	const char *kind = csv_kind_code(in->kind);
	char action[32], obj[32];
	FILE *f = in->f;
	enum cd_err rc;

	bool top = !c->scope;

	*rep = (struct csv_report){0};
	if (!top && (rc = store_unit_top(c->s, c->scope, &top, c->d)))
		return rc;
	if (!top)
		return act_out_of_scope(c, NULL,
					"an import writes across the whole organisation: it needs "
					"an account whose scope is the whole organisation");
	if (!f && !(f = fopen(in->path, "rb")))
		return cd_diag_set(c->d, CD_EIO, "%s: cannot open: %s", in->path,
				   strerror(errno));
	rc = store_bulk(c->s, true, c->d);
	if (!rc)
		rc = act_begin(c);
	if (!rc)
		rc = csv_import(c->s, in->kind, f, file, in->dry_run, rep, c->d);
	if (f != in->f)
		fclose(f);
	if (rc == CD_OK && in->dry_run) {
		act_abandon(c);
	} else {
		snprintf(action, sizeof action, "import.%s", kind);
		snprintf(obj, sizeof obj, "register:%s", kind);
		rc = act_end(c, rc, action, obj, NULL,
			     rc ? NULL
				: json_pack("{s:s, s:I, s:I, s:I}", "file", file, "rows",
					    (json_int_t)rep->rows, "created",
					    (json_int_t)rep->created, "updated",
					    (json_int_t)rep->updated));
	}
	store_bulk(c->s, false, NULL);
	return rc;
}

json_t *svc_import_json(const struct import_in *in, const struct csv_report *rep)
{
	json_t *errs = json_array(), *o;

	for (size_t i = 0; errs && i < rep->nerrors; i++) {
		const struct csv_error *e = &rep->errors[i];

		if (json_array_append_new(errs,
					  json_pack("{s:I, s:o, s:o, s:o, s:s, s:s}", "row",
						    (json_int_t)e->row, "column",
						    jnull_str(e->column), "header",
						    jnull_str(e->header), "value",
						    jnull_str(e->value), "message", e->zh,
						    "message_en", e->en))) {
			json_decref(errs);
			return NULL;
		}
	}
	if (!errs)
		return NULL;
	o = json_pack("{s:s, s:s, s:b, s:o, s:I, s:I, s:I, s:I, s:o}", "file",
		      in->file ? in->file : in->path ? in->path : "", "kind",
		      csv_kind_code(in->kind), "dry_run", in->dry_run, "encoding",
		      jnull_str(rep->encoding), "rows", (json_int_t)rep->rows, "created",
		      (json_int_t)rep->created, "updated", (json_int_t)rep->updated,
		      "error_count", (json_int_t)(rep->nerrors + rep->more), "errors", errs);
	return o;
}
