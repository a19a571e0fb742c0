/* api_report.c — the documents the office signs as downloads (`GET /api/v1/reports/…`): the
 * query parsed, svc_report run in the caller's scope (a notice or incident outside it is not
 * found), the file answered with its name; svc_report appends the audit entry. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api_int.h"
#include "svc/report.h"

int api_report(struct api_ctx *x)
{
	const struct fval *fmt = api_qval(x, "format"), *year = api_qval(x, "year"),
			  *docno = api_qval(x, "docno"), *to = api_qval(x, "to"),
			  *signer = api_qval(x, "signer"), *unit = api_qval(x, "unit");
	const char *kind_s = x->rt->path + strlen("/api/v1/reports/");
	char kind[32], path[600], name[256], ascii[96];
	struct report_in in = {0};
	struct asset_query filter = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	static const char *const filters[] = {"kind", "status", "mlps_level", "cii",
					      "unit", "q",    "filed",	    "assess_result"};
	struct cd_diag d = {{0}};
	struct act c;
	const char *dir = getenv("TMPDIR");
	int f = REPORT_PDF, st, fd;
	long len;
	enum cd_err rc;

	snprintf(kind, sizeof kind, "%.*s", (int)strcspn(kind_s, "/"), kind_s);
	in.kind = (enum report_doc)report_doc_parse(kind);
	/* each route declares the parameters it takes (a missing one is NULL) */
	if (fmt && fmt->set && (f = report_format_parse(fmt->s)) < 0)
		return api_fail(x, 400, "invalid", "format", "format: give pdf, docx or xlsx");
	in.format = (enum report_format)f;
	in.year = year && year->set ? (int)year->i : 0;
	in.docno = docno && docno->set ? docno->s : NULL;
	in.to = to && to->set ? to->s : NULL;
	in.signer = signer && signer->set ? signer->s : NULL;
	in.unit = unit && unit->set ? unit->s : NULL;
	in.id = x->id;
	in.code = x->code;
	/* the ledger: the systems the asset list's filters select */
	for (size_t i = 0; in.kind == REPORT_LEDGER && i < sizeof filters / sizeof *filters; i++) {
		const struct fval *v = api_qval(x, filters[i]);

		if (v && v->set && !in.filter) {
			if ((st = api_asset_filter(x, &filter)))
				return st;
			in.filter = &filter;
		}
	}
	if ((st = api_act(x, &c, &d)))
		return st;
	/* the renderers write a named file: made, opened and unlinked here */
	snprintf(path, sizeof path, "%s/cyberduty-report-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		return api_fail(x, 503, "unavailable", NULL, "no room for the file");
	close(fd);
	in.path = path;
	rc = svc_report(&c, &in);
	x->audited = !rc;
	fd = rc ? -1 : open(path, O_RDONLY);
	unlink(path);
	if (rc)
		return api_err(x, rc, c.field && !strcmp(c.field, "id") ? NULL : c.field, &d);
	len = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
	if (!in.year && (in.kind == REPORT_ANNUAL || in.kind == REPORT_ASSESSMENT)) {
		int y, m, dd;

		date_to_ymd(time_cst_date(x->q->now), &y, &m, &dd);
		in.year = y;
	}
	svc_report_name(&in, name, sizeof name);
	snprintf(ascii, sizeof ascii, "%s.%s", report_doc_code(in.kind),
		 report_format_ext(in.format));
	return api_file_answer(x, fd, len, report_format_mime(in.format), ascii, name);
}
