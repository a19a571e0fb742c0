/* api_transfer.c — POST /api/v1/import/{units,persons,duties,assets}: the body is the file,
 * imported by the act svc_import (src/svc/transfer.h); the answer is its report, every error
 * listed (422 when there is any). */
#include <stdio.h>
#include <string.h>

#include "api_int.h"
#include "svc/transfer.h"

/* kind_of: the kind the route's path ends with. */
static enum csv_kind kind_of(const struct route *rt)
{
	const char *last = strrchr(rt->path, '/') + 1;

	return !strcmp(last, "units")	  ? CSV_UNITS
	       : !strcmp(last, "persons") ? CSV_PEOPLE
	       : !strcmp(last, "duties")  ? CSV_DUTIES
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
				"send the CSV file as the body (Content-Type: text/csv)");
	if (q->len >= 4 && !memcmp(q->body, "PK\x03\x04", 4))
		return api_fail(x, 415, "unsupported_media_type", NULL,
				"this is an .xlsx (or another zip) file: save it as CSV (CSV UTF-8 "
				"or plain CSV) and send that");
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
