/* transfer.h — the register moved in bulk: a file of units, persons, duties or assets imported
 * as one act (act.h) — every row checked, then written with the act's one audit entry in the
 * same transaction, or nothing written at all. Called alike by `cyberduty import` and the API. */
#ifndef CD_TRANSFER_H
#define CD_TRANSFER_H

#include <stddef.h>

#include "io/csv_import.h"
#include "svc/act.h"

/* What an import did (or, in a dry run, would do). */
struct import_report {
	size_t rows;    /* data rows read */
	size_t created; /* records added */
	size_t updated; /* records changed (an import adds only: always 0 for now) */
};

/* svc_import imports the file at path as records of kind, in one transaction with its audit entry (import.KIND, object
 * "register:KIND"; after: file, rows, created, updated). On a refusal (CD_EINVAL) nothing is
 * written and c->d says what is wrong; CD_EIO when the file cannot be read. out may be NULL. */
enum cd_err svc_import(struct act *c, enum csv_kind kind, const char *path,
		       struct import_report *out);

#endif
