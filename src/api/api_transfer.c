/* api_transfer.c — POST /api/v1/import/{units,persons,duties,assets,projects,notices}: the body is the file
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
#include "io/xlsx_template.h"
#include "svc/transfer.h"

/* kind_of: the kind the route's path ends with. */
static enum csv_kind kind_of(const struct route *rt)
{
	const char *last = strrchr(rt->path, '/') + 1;

	return !strcmp(last, "units")	  ? CSV_UNITS
	       : !strcmp(last, "persons") ? CSV_PEOPLE
	       : !strcmp(last, "duties")  ? CSV_DUTIES
	       : !strcmp(last, "projects") ? CSV_PROJECTS
	       : !strcmp(last, "notices") ? CSV_NOTICES
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

/* sheet_names: the names a spreadsheet is offered under — "EN-TAIL.EXT" in ASCII and
 * "ZH-TAIL.EXT" for the clerk — into ascii and name (96 bytes each). */
static void sheet_names(char *ascii, char *name, const char *en, const char *zh,
			const char *tail_en, const char *tail, const char *ext)
{
	snprintf(ascii, 96, "%s-%s.%s", en, tail_en, ext);
	snprintf(name, 96, "%s-%s.%s", zh, tail, ext);
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

/* export_write: svc_export to the file api_sheet_answer gives (export_in is arg). */
static enum cd_err export_write(struct act *c, void *arg, FILE *f, const char *path)
{
	struct export_in *in = arg;

	in->f = f;
	in->path = path;
	return svc_export(c, in);
}

int api_sheet_answer(struct api_ctx *x, struct act *c, bool xlsx,
		     enum cd_err (*write)(struct act *c, void *arg, FILE *f, const char *path),
		     void *arg, const struct cd_diag *d)
{
	char path[600];
	enum cd_err rc;
	long len;
	FILE *out;
	int fd;

	if (xlsx) {
		/* libxlsxwriter writes a named file: made, opened and unlinked here */
		const char *dir = getenv("TMPDIR");

		snprintf(path, sizeof path, "%s/cyberduty-export-XXXXXX", dir && *dir ? dir : "/tmp");
		fd = mkstemp(path);
		if (fd < 0)
			return api_fail(x, 503, "unavailable", NULL, "no room for the file");
		close(fd);
		rc = write(c, arg, NULL, path);
		fd = rc ? -1 : open(path, O_RDONLY);
		unlink(path);
		len = fd < 0 ? -1 : lseek(fd, 0, SEEK_END);
	} else {
		if (!(out = tmpfile()))
			return api_fail(x, 503, "unavailable", NULL, "no room for the file");
		rc = write(c, arg, out, NULL);
		len = rc || fflush(out) ? -1 : ftell(out);
		fd = len < 0 ? -1 : dup(fileno(out));
		fclose(out);
	}
	if (rc)
		return api_err(x, rc, NULL, d);
	return api_file_answer(x, fd, len,
			       xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
				    : "text/csv; charset=utf-8",
			       "file", "file");
}

int api_export(struct api_ctx *x)
{
	const struct fval *fmt = api_qval(x, "format"), *lg = api_qval(x, "lang");
	enum csv_kind kind = kind_of(x->rt);
	struct asset_query f = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	struct cd_diag d = {{0}};
	struct export_in in = {0};
	struct export_sel sel = {.state = -1, .rule = -1};
	const struct fval *state = api_qval(x, "state"), *year = api_qval(x, "year"),
			  *rule = api_qval(x, "rule");
	struct store_audit_filter af = {0};
	char from[26], to[26], day[11], ascii[96], name[96];
	const char *zh, *en;
	struct act c;
	int lang = CSV_LANG_ZH, st;

	if (fmt->set && strcmp(fmt->s, "csv") && strcmp(fmt->s, "xlsx"))
		return api_fail(x, 400, "invalid", "format", "format: give csv or xlsx");
	in.xlsx = fmt->set && !strcmp(fmt->s, "xlsx");
	if (lg->set && (lang = csv_lang_parse(lg->s)) < 0)
		return api_fail(x, 400, "invalid", "lang", "lang: give zh or en");
	{
		const char *last = strrchr(x->rt->path, '/') + 1;

		in.list = !strcmp(last, "records")     ? EXPORT_RECORDS
			  : !strcmp(last, "deadlines") ? EXPORT_DEADLINES
			  : !strcmp(last, "notices")   ? EXPORT_NOTICES
			  : !strcmp(last, "gaps")      ? EXPORT_GAPS
			  : !strcmp(last, "incidents") ? EXPORT_INCIDENTS
			  : !strcmp(last, "audit")     ? EXPORT_AUDIT
						       : EXPORT_REGISTER;
	}
	if (in.list == EXPORT_REGISTER && kind == CSV_ASSETS && (st = api_asset_filter(x, &f)))
		return st;
	/* a work list's filters, where its route takes them */
	if (in.list != EXPORT_REGISTER && api_qval(x, "unit") &&
	    (st = api_unit_filter(x, &sel.unit)))
		return st;
	sel.state = state && state->set ? (int)state->i : -1;
	sel.year = year && year->set ? (int)year->i : 0;
	sel.rule = rule && rule->set ? (int)rule->i : -1;
	in.sel = &sel;
	if ((st = api_act(x, &c, &d)))
		return st;
	if (in.list == EXPORT_AUDIT && (st = api_audit_filter(x, &af, from, to)))
		return st;
	in.audit = &af;
	in.kind = kind;
	in.lang = (enum csv_lang)lang;
	in.filter = in.list == EXPORT_REGISTER && kind == CSV_ASSETS ? &f : NULL;
	if ((st = api_sheet_answer(x, &c, in.xlsx, export_write, &in, &d)) != 200)
		return st;
	svc_export_name(in.list, kind, &zh, &en);
	date_format(time_cst_date(x->q->now), day);
	sheet_names(ascii, name, en, zh, day, day, in.xlsx ? "xlsx" : "csv");
	api_attachment(x->r->disposition, sizeof x->r->disposition, ascii, name);
	return 200;
}

/* template_write: the import template of the kind (arg: a struct template_ask) to the path
 * api_sheet_answer gives. */
struct template_ask {
	enum csv_kind kind;
	enum csv_lang lang;
};

static enum cd_err template_write(struct act *c, void *arg, FILE *f, const char *path)
{
	const struct template_ask *t = arg;

	(void)f;
	return csv_template_xlsx(path, t->kind, t->lang, c->d);
}

/* A template: GET /api/v1/templates/{units,persons,duties,assets,projects,notices}. */
int api_template(struct api_ctx *x)
{
	const struct fval *lg = api_qval(x, "lang");
	struct template_ask t = {.kind = kind_of(x->rt)};
	struct cd_diag d = {{0}};
	char ascii[96], name[96];
	const char *zh, *en;
	struct act c;
	int lang = CSV_LANG_ZH, st;

	if (lg->set && (lang = csv_lang_parse(lg->s)) < 0)
		return api_fail(x, 400, "invalid", "lang", "lang: give zh or en");
	t.lang = (enum csv_lang)lang;
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((st = api_sheet_answer(x, &c, true, template_write, &t, &d)) != 200)
		return st;
	svc_export_name(EXPORT_REGISTER, t.kind, &zh, &en);
	sheet_names(ascii, name, en, zh, "template", lang == CSV_LANG_ZH ? "导入模板" : "template",
		    "xlsx");
	api_attachment(x->r->disposition, sizeof x->r->disposition, ascii, name);
	return 200;
}
