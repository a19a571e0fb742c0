/* transfer.h — the register moved in bulk: a file of units, persons, duties or assets imported
 * as one act (act.h) — every row checked, every error reported, then written with the act's
 * one audit entry in the same transaction, or nothing written at all. Called alike by
 * `cyberduty import` and the API. */
#ifndef CD_TRANSFER_H
#define CD_TRANSFER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "io/csv_export.h"
#include "io/csv_import.h"
#include "svc/act.h"

/* What to import. */
struct import_in {
	enum csv_kind kind;
	const char *path; /* the file to read, when f is NULL */
	FILE *f;          /* else the open, seekable stream to read (not closed) */
	const char *file; /* its name in messages and in the audit entry (NULL: path) */
	bool dry_run;     /* check and report only: nothing is written, no audit entry */
};

/* svc_import imports in's file (io/csv_import.h says what is accepted and what a row does) in
 * one transaction with its audit entry (import.KIND, object "register:KIND"; after: file, rows,
 * created, updated). rep is filled whatever happens (the caller frees it with
 * csv_report_free). CD_OK: written, or in a dry run good; CD_EINVAL: rep lists the errors and
 * nothing was written — or, with c->why "out_of_scope" and rep empty, the caller's scope is not
 * the whole organisation (none, or its top unit: an import may write anywhere in it); CD_EIO when the file cannot be
 * read; else a failure in c->d. */
enum cd_err svc_import(struct act *c, const struct import_in *in, struct csv_report *rep);

/* What to export: the register's records of a kind, or a list of the daily work. */
enum export_list {
	EXPORT_REGISTER,  /* the records of kind */
	EXPORT_RECORDS,   /* the records of meetings, drills, training … (svc_record_page) */
	EXPORT_DEADLINES, /* today's obligations, by due date (svc_deadline_page; needs c->pol) */
	EXPORT_NOTICES,   /* the notices with their stage, due date and state (svc_notice_page) */
	EXPORT_GAPS,      /* today's responsibility gaps (svc_gap_page) */
	EXPORT_INCIDENTS, /* the incidents with their grade, report states and triggers
			   * (svc_incident_page) */
	EXPORT_AUDIT,     /* the audit log, newest first, as `audit` selects (for the audit
			   * administrator: the caller checks who may) */
};

/* What the work lists' filters select, as their lists do (GET /notices, /deadlines, /gaps):
 * notices by state and unit, deadlines by state, unit and year, gaps by rule. A list exports
 * exactly the rows its list shows with the same filters; a filter another list has is not
 * looked at (the API and the command line refuse it before). */
struct export_sel {
	int state;     /* enum due_state, -1 any */
	int64_t unit;  /* a unit's subtree, 0 any */
	int year;      /* deadlines due in this year, 0 any */
	int rule;      /* enum check_rule, -1 any */
};

struct export_in {
	enum export_list list;
	enum csv_kind kind;
	enum csv_lang lang;
	bool xlsx;                        /* an XLSX workbook at path, else CSV to f */
	const struct asset_query *filter; /* assets: which (NULL: all); its scope is the caller's
					   * whatever it says, sort, cursor and limit the export's */
	const struct store_audit_filter *audit; /* the audit log: which entries (NULL: all); its
						 * limit and before_seq are the export's */
	const struct export_sel *sel; /* the work lists: which rows (NULL: all) */
	FILE *f;
	const char *path;
};

/* svc_export writes the records of in->kind in the caller's scope as a spreadsheet
 * (io/csv_export.h: CSV with BOM or XLSX, Chinese headers and values, or English), reading the
 * store a page at a time — never the whole register at once; for assets those in->filter
 * selects, as the asset list does. CD_EIO when writing fails; a store failure in c->d. */
enum cd_err svc_export(struct act *c, const struct export_in *in);

/* svc_export_name: the name of what list (of kind, for the register) exports — Chinese ("通报")
 * for the file a clerk saves, English ("notices") for the plain ASCII name beside it. */
void svc_export_name(enum export_list list, enum csv_kind kind, const char **zh, const char **en);

/* svc_import_json is the report's one JSON (the API's answer, the CLI's --json): file, kind,
 * dry_run, encoding, rows, created, updated, error_count and errors [{row, column, header,
 * value, message, message_en}]. NULL when out of memory. */
json_t *svc_import_json(const struct import_in *in, const struct csv_report *rep);

#endif
