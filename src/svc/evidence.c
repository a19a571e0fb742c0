/* evidence.c — the evidence files of notices, incidents and records: one act that attaches a
 * file (its type judged from its bytes, its SM3 digest in the audit entry), and the reads that
 * list and give them back, each within the caller's scope (see evidence.h). */
#include "svc/evidence.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/sniff.h"
#include "svc/accounts.h"
#include "svc/work.h"

static const char *const owners[EVO__MAX] = {"notice", "incident", "record", "assessment"};

const char *evidence_owner_code(enum evidence_owner k)
{
	return (unsigned)k < EVO__MAX ? owners[k] : "?";
}

int evidence_owner_parse(const char *s)
{
	for (int i = 0; s && i < EVO__MAX; i++)
		if (!strcmp(s, owners[i]))
			return i;
	return -1;
}

/* The types an office keeps as evidence: documents and images. Archives (which could hold
 * anything), executables, scripts, HTML and SVG (which run in a browser) are not among them. */
static const struct {
	const char *type, *label;
} allowed[] = {
	{"application/pdf", "PDF"},
	{"application/ofd", "OFD 版式文档"},
	{"image/jpeg", "JPEG 图片"},
	{"image/png", "PNG 图片"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	 "Word 文档 (docx)"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格 (xlsx)"},
	{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	 "PowerPoint 演示文稿 (pptx)"},
	{"text/plain", "纯文本"},
	{"text/csv", "CSV 表格"},
};

#define ALLOWED_LIST "PDF、OFD、JPEG、PNG、docx、xlsx、pptx、纯文本、CSV"

bool evidence_type_allowed(const char *t, const char **label)
{
	for (size_t i = 0; t && i < sizeof allowed / sizeof *allowed; i++)
		if (!strcmp(t, allowed[i].type)) {
			if (label)
				*label = allowed[i].label;
			return true;
		}
	return false;
}

/* what_is: a few refused types in words a clerk reads. */
static const char *what_is(const char *t)
{
	if (strstr(t, "executable") || strstr(t, "x-dosexec") || strstr(t, "x-mach") ||
	    strstr(t, "portable-executable") || strstr(t, "x-sharedlib") || !strcmp(t, "application/x-elf"))
		return "可执行程序 (an executable)";
	if (strstr(t, "script") || strstr(t, "x-php") || strstr(t, "x-msdos-batch") ||
	    strstr(t, "javascript"))
		return "脚本 (a script)";
	if (strstr(t, "html") || strstr(t, "svg"))
		return "网页或矢量图 (HTML or SVG, which run in a browser)";
	if (!strcmp(t, "application/zip") || strstr(t, "compressed") || strstr(t, "x-rar") ||
	    strstr(t, "x-7z") || strstr(t, "x-tar") || strstr(t, "gzip"))
		return "压缩包 (an archive)";
	if (!strcmp(t, "application/octet-stream"))
		return "无法识别的二进制文件 (unrecognised binary data)";
	return "不在允许之列 (not on the list)";
}

enum cd_err svc_evidence_limit(struct act *c, size_t *bytes)
{
	struct account_settings st;
	enum cd_err rc = account_settings_get(c->s, &st, c->d);

	*bytes = rc ? 0 : (size_t)st.evidence_max_mb << 20;
	return rc;
}

/* owner_find: the owner (kind, id or code) when it lies in the caller's scope → *id; else
 * CD_ENOTFOUND with "no notice 12" (what the reads of the owner answer). */
static enum cd_err owner_find(struct act *c, enum evidence_owner kind, int64_t id,
			      const char *code, int64_t *out)
{
	enum cd_err rc;

	*out = 0;
	switch (kind) {
	case EVO_NOTICE: {
		struct notice_row row;
		bool yes = true;

		rc = store_notice_get(c->s, id, code, c->a, &row, c->d);
		if (!rc && c->scope)
			rc = store_notice_concerns(c->s, row.n.id, c->scope, &yes, c->d);
		if (rc == CD_ENOTFOUND || (!rc && !yes))
			return id ? act_fail(c, CD_ENOTFOUND, NULL, "no notice %lld", (long long)id)
				  : act_fail(c, CD_ENOTFOUND, NULL, "no notice %s", code ? code : "");
		*out = rc ? 0 : row.n.id;
		return rc;
	}
	case EVO_INCIDENT: {
		struct incident x;

		rc = svc_incident_read(c, id, code, &x);
		*out = rc ? 0 : x.id;
		return rc;
	}
	case EVO_RECORD: {
		struct record_row r;

		if (!id)
			return act_fail(c, CD_ENOTFOUND, NULL, "name a record by its number");
		rc = svc_record_get(c, id, &r);
		*out = rc ? 0 : r.r.id;
		return rc;
	}
	case EVO_ASSESSMENT: {
		struct assess_rec r;
		bool yes = true;

		rc = store_assess_get(c->s, id, c->a, &r, c->d);
		if (!rc && c->scope)
			rc = store_assess_within(c->s, id, c->scope, &yes, c->d);
		if (rc == CD_ENOTFOUND || (!rc && !yes))
			return act_fail(c, CD_ENOTFOUND, NULL, "no assessment %lld", (long long)id);
		*out = rc ? 0 : r.id;
		return rc;
	}
	default:
		return act_fail(c, CD_ENOTFOUND, NULL, "no such owner of evidence");
	}
}

/* assessment_open refuses a file for an approved assessment: it is frozen as approved (a
 * correction is a new version, which takes files of its own). */
static enum cd_err assessment_open(struct act *c, int64_t id)
{
	struct assess_rec r;
	enum cd_err rc = store_assess_get(c->s, id, c->a, &r, c->d);

	if (!rc && r.stage == AST_APPROVED)
		rc = act_fail(c, CD_ECONFLICT, NULL,
			      "assessment %lld is approved and frozen: attach the file to a new "
			      "version (revise)",
			      (long long)id);
	return rc;
}

/* name_ok: a file name as kept — its last path segment, valid UTF-8 without control
 * characters, 1 … 255 bytes, not "." or "..". Returns it (in c->a) or NULL. */
static const char *clean_name(struct act *c, const char *name)
{
	const unsigned char *p;
	const char *base = name;
	size_t n;

	for (const char *q = name; q && *q; q++)
		if (*q == '/' || *q == '\\')
			base = q + 1;
	if (!base)
		return NULL;
	while (*base == ' ')
		base++;
	n = strlen(base);
	while (n && base[n - 1] == ' ')
		n--;
	if (!n || n > 255 || (n == 1 && base[0] == '.') || (n == 2 && !strncmp(base, "..", 2)))
		return NULL;
	for (p = (const unsigned char *)base; p < (const unsigned char *)base + n;) {
		size_t k = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3
				       : (*p & 0xf8) == 0xf0 ? 4 : 0;
		uint32_t cp;

		if (!k || (size_t)((const unsigned char *)base + n - p) < k)
			return NULL;
		cp = k == 1 ? *p : (uint32_t)(*p & (0x7f >> k));
		for (size_t i = 1; i < k; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return NULL;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) || (k == 4 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20 || cp == 0x7f ||
		    (cp >= 0x80 && cp < 0xa0) || cp == 0x2028 || cp == 0x2029)
			return NULL;
		p += k;
	}
	return arena_strndup(c->a, base, n);
}

static enum cd_err sm3_hex(struct act *c, const void *b, size_t n, char hex[EVIDENCE_SM3_HEX + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned len = 0;
	EVP_MD_CTX *x = EVP_MD_CTX_new();
	int ok = x && EVP_DigestInit_ex(x, EVP_sm3(), NULL) && EVP_DigestUpdate(x, b, n) &&
		 EVP_DigestFinal_ex(x, md, &len) && len * 2 == EVIDENCE_SM3_HEX;

	EVP_MD_CTX_free(x);
	if (!ok)
		return cd_diag_set(c->d, CD_ENOMEM, "SM3 failed (does this OpenSSL provide SM3?)");
	for (unsigned i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return CD_OK;
}

static json_t *owner_json(const struct evidence_row *e)
{
	return json_pack("{s:s, s:I}", "kind", e->owner_kind, "id", (json_int_t)e->owner_id);
}

enum cd_err svc_evidence_add(struct act *c, const struct evidence_new *in,
			     struct evidence_row *out)
{
	struct evidence_row e = {.added_at = c->now, .withdrawn_at = CD_TIME_NONE,
				 .added_by = c->actor ? c->actor : "-"};
	char type[SNIFF_TYPE_MAX], obj[40];
	const char *label = NULL;
	size_t limit = 0;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if ((unsigned)in->kind >= EVO__MAX)
		return act_fail(c, CD_ENOTFOUND, NULL, "no such owner of evidence");
	e.owner_kind = owners[in->kind];
	if (!in->name || !*in->name)
		return act_fail(c, CD_EINVAL, "name", "文件名缺失：请给出文件名 (name: give the "
						      "file's name)");
	if (!(e.name = clean_name(c, in->name)))
		return act_fail(c, CD_EINVAL, "name",
				"文件名无效：须为 1–255 字节的 UTF-8 文本，不含控制字符 (name: "
				"1 to 255 bytes of UTF-8 without control characters)");
	if ((rc = svc_evidence_limit(c, &limit)))
		return rc;
	if (!in->len) {
		c->why = "empty";
		return act_fail(c, CD_EINVAL, "file", "文件为空 (the file is empty)");
	}
	if (in->len > limit) {
		c->why = "too_large";
		return act_fail(c, CD_EINVAL, "file",
				"文件过大：上限 %zu MiB（设置 evidence_max_mb） (the file is larger "
				"than the limit of %zu MiB, the setting evidence_max_mb)",
				limit >> 20, limit >> 20);
	}
	if ((rc = sniff_type(in->bytes, in->len, type, c->d)))
		return rc;
	if (!evidence_type_allowed(type, &label)) {
		c->why = "type_not_allowed";
		return act_fail(c, CD_EINVAL, "file",
				"文件类型不允许：%s，%s；按文件内容判断，与文件名无关。允许："
				ALLOWED_LIST " (file type not allowed: its bytes are %s)",
				type, what_is(type), type);
	}
	e.type = type;
	e.size = (int64_t)in->len;
	if ((rc = sm3_hex(c, in->bytes, in->len, e.sm3)))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	/* the owner is read inside the transaction: it is there, in scope, as the file is kept */
	rc = owner_find(c, in->kind, in->id, in->code, &e.owner_id);
	if (!rc && in->kind == EVO_ASSESSMENT)
		rc = assessment_open(c, e.owner_id);
	if (!rc)
		rc = store_evidence_add(c->s, &e, in->bytes, c->d);
	snprintf(obj, sizeof obj, "evidence:%lld", (long long)e.id);
	rc = act_end(c, rc, "evidence.add", obj, NULL,
		     rc ? NULL
			: json_pack("{s:o, s:s, s:I, s:s, s:s}", "owner", owner_json(&e), "name",
				    e.name, "size", (json_int_t)e.size, "type", e.type, "sm3",
				    e.sm3));
	return rc ? rc : store_evidence_get(c->s, e.id, c->a, out, c->d);
}

enum cd_err svc_evidence_withdraw(struct act *c, int64_t id, const char *reason,
				  struct evidence_row *out)
{
	struct evidence_row e;
	char obj[40], when[26];
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if (!reason || !*reason || strlen(reason) > 2000)
		return act_fail(c, CD_EINVAL, "reason",
				"撤回须说明理由 (reason: say why the file is withdrawn, at most 2000 "
				"bytes)");
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = svc_evidence_get(c, id, &e);
	if (!rc && e.withdrawn_at != CD_TIME_NONE)
		rc = act_fail(c, CD_ECONFLICT, NULL, "文件 %lld 已于 %s 撤回 (file %lld was withdrawn "
						     "already)",
			      (long long)id, time_format(e.withdrawn_at, when), (long long)id);
	if (!rc)
		rc = store_evidence_withdraw(c->s, id, c->now, c->actor ? c->actor : "-", reason,
					     c->d);
	snprintf(obj, sizeof obj, "evidence:%lld", (long long)id);
	rc = act_end(c, rc, "evidence.withdraw", obj, rc ? NULL : json_pack("{s:n}", "withdrawn"),
		     rc ? NULL
			: json_pack("{s:o, s:s, s:s, s:s}", "owner", owner_json(&e), "name", e.name,
				    "sm3", e.sm3, "reason", reason));
	return rc ? rc : store_evidence_get(c->s, id, c->a, out, c->d);
}

enum cd_err svc_evidence_list(struct act *c, enum evidence_owner kind, int64_t id,
			      const char *code, struct evidence_row **out, size_t *n)
{
	int64_t owner = 0;
	enum cd_err rc = owner_find(c, kind, id, code, &owner);

	*out = NULL;
	*n = 0;
	return rc ? rc : store_evidence_list(c->s, owners[kind], owner, c->a, out, n, c->d);
}

enum cd_err svc_evidence_get(struct act *c, int64_t id, struct evidence_row *out)
{
	struct cd_diag keep = {{0}};
	int64_t owner = 0;
	int kind;
	enum cd_err rc = store_evidence_get(c->s, id, c->a, out, c->d);

	if (rc == CD_ENOTFOUND)
		return act_fail(c, CD_ENOTFOUND, NULL, "no file %lld", (long long)id);
	if (rc)
		return rc;
	kind = evidence_owner_parse(out->owner_kind);
	if (kind < 0)
		return act_fail(c, CD_ENOTFOUND, NULL, "no file %lld", (long long)id);
	if (c->d)
		keep = *c->d;
	rc = owner_find(c, (enum evidence_owner)kind, out->owner_id, NULL, &owner);
	if (rc == CD_ENOTFOUND) { /* the owner's own message would name it: not a word of it */
		if (c->d)
			*c->d = keep;
		return act_fail(c, CD_ENOTFOUND, NULL, "no file %lld", (long long)id);
	}
	return rc;
}

enum cd_err svc_evidence_bytes(struct act *c, const struct evidence_row *e, void **bytes)
{
	enum cd_err rc;

	*bytes = malloc(e->size > 0 ? (size_t)e->size : 1);
	if (!*bytes)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = store_evidence_read(c->s, e->sm3, 0, *bytes, (size_t)e->size, c->d);
	if (rc) {
		free(*bytes);
		*bytes = NULL;
	}
	return rc;
}

json_t *svc_evidence_json(const struct evidence_row *e)
{
	return json_pack("{s:I, s:o, s:s, s:s, s:I, s:s, s:o, s:s, s:o}", "id", (json_int_t)e->id,
			 "owner", owner_json(e), "name", e->name, "type", e->type, "size",
			 (json_int_t)e->size, "sm3", e->sm3, "added_at", jnull_time(e->added_at),
			 "added_by", e->added_by ? e->added_by : "", "withdrawn",
			 e->withdrawn_at == CD_TIME_NONE
				 ? json_null()
				 : json_pack("{s:o, s:o, s:o}", "at", jnull_time(e->withdrawn_at),
					     "by", jnull_str(e->withdrawn_by), "reason",
					     jnull_str(e->withdraw_reason)));
}
