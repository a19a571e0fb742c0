/* api_evidence.c — evidence files (证明材料) of notices, incidents and records: upload as a
 * multipart/form-data part "file" or as the raw body (application/octet-stream, the name in
 * ?name=), the list of an owner's files, the download, sent as an attachment with the type
 * its bytes were judged to be, and the withdrawal of a file with its reason. Each handler parses, calls svc/evidence.h — the scope applied
 * there — and encodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api_int.h"
#include "io/multipart.h"
#include "svc/evidence.h"
#include "svc/work.h"

static bool is_raw(const char *ct)
{
	static const char raw[] = "application/octet-stream";

	return ct && !strncasecmp(ct, raw, sizeof raw - 1) &&
	       (!ct[sizeof raw - 1] || ct[sizeof raw - 1] == ';' || ct[sizeof raw - 1] == ' ');
}

/* owner_of: the id of the notice or incident the path names by its number (x->code), read in
 * the caller's scope; x->id otherwise. */
static enum cd_err owner_of(struct act *c, struct api_ctx *x, enum evidence_owner kind,
			    int64_t *id)
{
	enum cd_err rc = CD_OK;

	*id = x->id;
	if (!x->code)
		return CD_OK;
	if (kind == EVO_NOTICE) {
		struct notice_view v;

		if (!(rc = svc_notice_get(c, 0, x->code, &v)))
			*id = v.row.n.id;
	} else if (kind == EVO_INCIDENT) {
		struct incident inc;

		if (!(rc = svc_incident_read(c, 0, x->code, &inc)))
			*id = inc.id;
	}
	return rc;
}

static int attach(struct api_ctx *x, enum evidence_owner kind)
{
	const struct api_request *q = x->q;
	const struct fval *name = api_qval(x, "name");
	struct evidence_new in = {.kind = kind, .id = x->id};
	struct multipart_file *f = arena_alloc(x->a, sizeof *f);
	struct evidence_row e;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	snprintf(x->object, sizeof x->object, "%s:%lld", evidence_owner_code(kind),
		 (long long)x->id);
	if (!f)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	if (multipart_is(q->content_type)) {
		if (multipart_find(q->content_type, q->body, q->len, "file", f, &d))
			return api_fail(x, 400, "bad_request", "file",
					"表单无法读取 (the form cannot be read): %s", d.msg);
		in.bytes = f->data;
		in.len = f->len;
		in.name = f->filename;
	} else if (is_raw(q->content_type)) {
		in.bytes = q->body;
		in.len = q->len;
	} else {
		return api_fail(x, 415, "unsupported_media_type", NULL,
				"请以 multipart/form-data（字段 file）或 application/octet-stream "
				"（文件名在 ?name=）上传 (send the file as multipart/form-data with a "
				"field \"file\", or as the raw body with Content-Type: "
				"application/octet-stream and ?name=FILENAME)");
	}
	if (name && name->set)
		in.name = name->s;
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = owner_of(&c, x, kind, &in.id)))
		return api_acted(x, &c, rc, 201, NULL);
	rc = svc_evidence_add(&c, &in, &e);
	if (rc && c.why && !strcmp(c.why, "too_large"))
		return api_fail(x, 413, "too_large", c.field, "%s", d.msg);
	return api_acted(x, &c, rc, 201, rc ? NULL : svc_evidence_json(&e));
}

static int files(struct api_ctx *x, enum evidence_owner kind)
{
	struct evidence_row *v = NULL;
	struct cd_diag d = {{0}};
	struct act c;
	size_t n = 0;
	int64_t id = 0;
	enum cd_err rc;
	json_t *items;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = owner_of(&c, x, kind, &id)) || (rc = svc_evidence_list(&c, kind, id, NULL, &v, &n)))
		return api_acted(x, &c, rc, 200, NULL);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, svc_evidence_json(&v[i]));
	return api_page(x, items, NULL);
}

int api_notice_files(struct api_ctx *x) { return files(x, EVO_NOTICE); }
int api_notice_attach(struct api_ctx *x) { return attach(x, EVO_NOTICE); }
int api_incident_files(struct api_ctx *x) { return files(x, EVO_INCIDENT); }
int api_incident_attach(struct api_ctx *x) { return attach(x, EVO_INCIDENT); }
int api_record_files(struct api_ctx *x) { return files(x, EVO_RECORD); }
int api_record_attach(struct api_ctx *x) { return attach(x, EVO_RECORD); }
int api_assessment_files(struct api_ctx *x) { return files(x, EVO_ASSESSMENT); }
int api_assessment_attach(struct api_ctx *x) { return attach(x, EVO_ASSESSMENT); }

/* disposition writes `attachment; filename="ascii"; filename*=UTF-8''pct` for name into
 * out[0..n): the ASCII fallback keeps printable ASCII but for '"', '\\', ';' and '%', each run of
 * other bytes one '_'; RFC 5987 percent-encodes all but its attr-chars. */
static void disposition(const char *name, char *out, size_t n)
{
	static const char attr[] = "!#$&+-.^_`|~";
	size_t k = (size_t)snprintf(out, n, "attachment; filename=\"");
	const unsigned char *p;
	bool run = false;

	for (p = (const unsigned char *)name; *p && k + 2 < n; p++) {
		bool plain = *p >= 0x20 && *p < 0x7f && !strchr("\"\\;%", *p);

		if (plain)
			out[k++] = (char)*p;
		else if (!run)
			out[k++] = '_';
		run = !plain;
	}
	k += (size_t)snprintf(out + k, k < n ? n - k : 0, "\"; filename*=UTF-8''");
	for (p = (const unsigned char *)name; *p && k + 4 < n; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr(attr, *p))
			out[k++] = (char)*p;
		else
			k += (size_t)snprintf(out + k, n - k, "%%%02X", *p);
	}
	if (k < n)
		out[k] = '\0';
}

/* The download: the attachment is read here, in scope; its bytes are sent by the server from
 * the store a piece at a time (never the whole file in memory). They never change once kept. */
int api_file_get(struct api_ctx *x)
{
	struct evidence_row e;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	snprintf(x->object, sizeof x->object, "evidence:%lld", (long long)x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_evidence_get(&c, x->id, &e)))
		return api_acted(x, &c, rc, 200, NULL);
	x->r->status = 200; /* no JSON body: the file */
	snprintf(x->r->file_sm3, sizeof x->r->file_sm3, "%s", e.sm3);
	x->r->file_size = (uint64_t)e.size;
	snprintf(x->r->content_type, sizeof x->r->content_type, "%s", e.type);
	disposition(e.name, x->r->disposition, sizeof x->r->disposition);
	return 200;
}

int api_file_withdraw(struct api_ctx *x)
{
	struct evidence_row e;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	snprintf(x->object, sizeof x->object, "evidence:%lld", (long long)x->id);
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_evidence_withdraw(&c, x->id, api_val(x, "reason")->s, &e);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_evidence_json(&e));
}
