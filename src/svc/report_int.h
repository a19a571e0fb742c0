/* report_int.h — what the documents of svc/report.c and svc/report_annual.c share: the
 * organisation's names and the units of the scope as one small table (units are few; the
 * systems and the year's records are read a page at a time). */
#ifndef CD_REPORT_INT_H
#define CD_REPORT_INT_H

#include "svc/report.h"

struct unit_name {
	int64_t id;
	const char *code, *name;
	int64_t parent;
	int kind;
};

/* The units of the caller's scope (in c->a), the top one's name (the organisation or the scope's
 * unit) and the office's as it signs (the top's name with its 领导小组办公室's). */
struct report_units {
	struct unit_name *u;   /* by id */
	struct unit_name **by_code;
	size_t n;
	size_t managed;        /* those that are not external authorities */
	const char *top;       /* e.g. 中共内蒙古师范大学委员会 */
	int64_t top_id;        /* its unit, 0 when none */
	const char *office;    /* e.g. 中共内蒙古师范大学委员会网信委办公室 */
};

enum cd_err report_units(struct act *c, struct report_units *out);

/* report_unit_name: the name of the unit of this code, else the code, else "—". */
const char *report_unit_name(const struct report_units *u, const char *code);

/* report_annual opens the annual work report of in->year (base: the head's number) into *xp
 * and writes it whole; the caller closes it (or abandons it on a failure). */
enum cd_err report_annual(struct act *c, const struct report_in *in,
			  const struct report_units *u, const struct doc_head *base,
			  struct doc **xp);

/* report_assess writes the assessment results of in->year (one unit's when in->unit): as a
 * document opened into *xp (the caller closes it), or, in->format XLSX, the workbook at
 * in->path (*xp untouched) — the results list of the year (svc_assess_results), or the unit's
 * indicators. *id: the unit's sheet, 0 for the year's. */
enum cd_err report_assess(struct act *c, const struct report_in *in,
			  const struct report_units *u, const struct doc_head *base,
			  struct doc **xp, int64_t *id);

/* report_signer: the 签发人 of a 上行文 from the top unit — its first responsible person
 * (第一责任人) in post on the day, else NULL. */
enum cd_err report_signer(struct act *c, const struct report_units *u, const char **out);

/* report_day: the day a document is dated, c->now in CST. */
cd_date report_day(const struct act *c);

#endif
