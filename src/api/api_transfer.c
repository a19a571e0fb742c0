/* api_transfer.c — POST /api/v1/import/{units,persons,duties,assets}: the body is the file
 * (.xlsx or CSV),
 * imported by the act svc_import (src/svc/transfer.h); the answer is its report, every error
 * listed (422 when there is any). GET /api/v1/export/{…}: the records in scope as a file
 * (svc_export into a temporary file, sent from the disk: the server holds a page of records,
 * not the file), named in Content-Disposition (RFC 6266 / 5987: 信息系统-2026-12-03.csv). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_int.h"
#include "svc/transfer.h"

/* kind_of: the kind the route's path ends with. */
static enum csv_kind kind_of(const struct route *rt)
{
	const char *last = strrchr(rt->path, '/') + 1;

	return !strcmp(last, "units")	  ? CSV_UNITS
	       : !strcmp(last, "persons") ? CSV_PEOPLE
	       : !strcmp(last, "duties")  ? CSV_DUTIES
	       : !strcmp(last, "projects") ? CSV_PROJECTS
					  : CSV_ASSETS;
}

int api_import(struct api_ctx *x)
{
	const struct api_request *q = x->q;
	struct import_in in = {.kind = kind_of(x->rt), .file = "body",
			       .dry_run = api_qval(x, "dry_run")->set && api_qval(x, "dry_run")->b};
	struct csv_report rep = {0};
	struct cd_diag d = {{0}};
	struct act c;
	json_t *body;
	enum cd_err rc;
	int st;

	if (!q->len)
		return api_fail(x, 400, "bad_request", NULL,
				"send the file as the body (.xlsx, or CSV: Content-Type: text/csv)");
	if ((st = api_act(x, &c, &d)))
		return st;
	/* the body is NUL-terminated and outlives the import: read it in place */
	in.f = fmemopen((void *)(uintptr_t)q->body, q->len, "rb");
	if (!in.f)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	rc = svc_import(&c, &in, &rep);
	fclose(in.f);
	snprintf(x->object, sizeof x->object, "register:%s", csv_kind_code(in.kind));
	if ((rc != CD_OK && rc != CD_EINVAL) || c.why) {
		csv_report_free(&rep);
		return api_acted(x, &c, rc, 200, NULL);
	}
	body = rep.a ? svc_import_json(&in, &rep) : NULL;
	csv_report_free(&rep);
	if (rc == CD_EINVAL && body) {
		json_object_set_new(body, "error",
				    json_pack("{s:s, s:s}", "code", "invalid_file", "message",
					      d.msg));
		x->r->body = body;
		x->r->status = 422;
		return 422;
	}
	if (rc == CD_EINVAL)
		return api_err(x, rc, NULL, &d);
	if (!in.dry_run)
		x->audited = true;
	return api_ok(x, 200, body);
}

void api_attachment(char *out, size_t n, const char *ascii, const char *name)
{
	size_t k = (size_t)snprintf(out, n, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);

	for (const unsigned char *p = (const unsigned char *)name; *p && k + 4 < n; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.')
			out[k++] = (char)*p;
		else
			k += (size_t)snprintf(out + k, n - k, "%%%02X", *p);
	}
	out[k < n ? k : n - 1] = '\0';
}

/* export_names: the names an export of list (kind) made on day `on` is offered under — ASCII
 * ("assets-2026-12-03.csv") and Chinese ("信息系统-2026-12-03.csv"), each in 64 bytes. */
static void export_names(char *ascii, char *name, enum export_list list, enum csv_kind kind,
			 cd_date on, const char *ext)
{
	static const char *const zh[CSV__MAX] = {"单位", "人员", "责任", "信息系统", "项目"};
	char day[11];

	date_format(on, day);
	snprintf(name, 64, "%s-%s.%s",
		 list == EXPORT_RECORDS	    ? "记录"
		 : list == EXPORT_DEADLINES ? "应办事项"
		 : list == EXPORT_NOTICES   ? "通报"
		 : list == EXPORT_GAPS	    ? "责任缺口"
					    : zh[kind],
		 day, ext);
	snprintf(ascii, 64, "%s-%s.%s",
		 list == EXPORT_RECORDS	    ? "records"
		 : list == EXPORT_DEADLINES ? "deadlines"
		 : list == EXPORT_NOTICES   ? "notices"
		 : list == EXPORT_GAPS	    ? "gaps"
					    : csv_kind_code(kind),
		 day, ext);
}

int api_file_answer(struct api_ctx *x, int fd, long len, const char *type, const char *ascii,
		    const char *name)
{
	if (fd < 0 || len < 0 || lseek(fd, 0, SEEK_SET) != 0) {
		if (fd >= 0)
			close(fd);
		return api_fail(x, 503, "unavailable", NULL, "the file could not be kept");
	}
	json_decref(x->r->body);
	x->r->body = NULL;
	x->r->file = true;
	x->r->fd = fd;
	x->r->file_len = (size_t)len;
	snprintf(x->r->content_type, sizeof x->r->content_type, "%s", type);
	api_attachment(x->r->disposition, sizeof x->r->disposition, ascii, name);
	x->r->status = 200;
	return 200;
}

int api_export(struct api_ctx *x)
{
	const struct fval *fmt = api_qval(x, "format"), *lg = api_qval(x, "lang");
	enum csv_kind kind = kind_of(x->rt);
	struct asset_query f = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	struct cd_diag d = {{0}};
	struct export_in in = {0};
	struct act c;
	char path[600], ascii[64], name[64];
	int lang = CSV_LANG_ZH, st, fd;
	long len;
	FILE *out;
	enum cd_err rc;

	if (fmt->set && strcmp(fmt->s, "csv") && strcmp(fmt->s, "xlsx"))
		return api_fail(x, 400, "invalid", "format", "format: give csv or xlsx");
	in.xlsx = fmt->set && !strcmp(fmt->s, "xlsx");
	if (lg->set && (lang = csv_lang_parse(lg->s)) < 0)
		return api_fail(x, 400, "invalid", "lang", "lang: give zh or en");
	if (kind == CSV_ASSETS && (st = api_asset_filter(x, &f)))
		return st;
	if ((st = api_act(x, &c, &d)))
		return st;
	{
		const char *last = strrchr(x->rt->path, '/') + 1;

		in.list = !strcmp(last, "records")     ? EXPORT_RECORDS
			  : !strcmp(last, "deadlines") ? EXPORT_DEADLINES
			  : !strcmp(last, "notices")   ? EXPORT_NOTICES
			  : !strcmp(last, "gaps")      ? EXPORT_GAPS
						       : EXPORT_REGISTER;
	}
	in.kind = kind;
	in.lang = (enum csv_lang)lang;
	in.filter = kind == CSV_ASSETS ? &f : NULL;
	if (in.xlsx) {
		/* libxlsxwriter writes a named file: made, opened and unlinked here */
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof path, "%s/cyberduty-export-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(path);
		if (fd < 0)
			return api_fail(x, 503, "unavailable", NULL, "no room for the file");
		close(fd);
		in.path = path;
		rc = svc_export(&c, &in);
		fd = rc ? -1 : open(path, O_RDONLY);
		unlink(path);
		len = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
	} else {
		if (!(out = tmpfile()))
			return api_fail(x, 503, "unavailable", NULL, "no room for the file");
		in.f = out;
		rc = svc_export(&c, &in);
		len = rc ? -1 : ftell(out);
		fd = len < 0 ? -1 : dup(fileno(out));
		fclose(out);
	}
	if (rc)
		return api_err(x, rc, NULL, &d);
	export_names(ascii, name, in.list, kind, time_cst_date(x->q->now), in.xlsx ? "xlsx" : "csv");
	return api_file_answer(x, fd, len,
			       in.xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				       : "text/csv; charset=utf-8",
			       ascii, name);
}
