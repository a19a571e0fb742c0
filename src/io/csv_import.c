/* csv_import.c — CSV → register, all or nothing (see csv_import.h). libcsv splits fields;
 * this file maps headers, checks every value, resolves codes and then writes, in the
 * transaction of the act that calls it (svc/transfer.c). */
#include "csv_import.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/reg.h"
#include "io/csv_int.h"

#define CSV_MAX_BYTES  ((size_t)64 << 20)
#define CSV_MAX_FIELDS 64
#define CSV_MAX_ROWS   2000000

static const struct csv_col unit_cols[UC__MAX] = {
	[UC_CODE] = {"code", "编码", "单位编码", true},
	[UC_NAME] = {"name", "名称", "单位名称", true},
	[UC_PARENT] = {"parent", "上级编码", "上级单位", false},
	[UC_KIND] = {"kind", "类型", "单位类型", true},
};

static const struct csv_col person_cols[PC__MAX] = {
	[PC_CODE] = {"code", "工号", "编码", true},
	[PC_NAME] = {"name", "姓名", NULL, true},
	[PC_UNIT] = {"unit", "所属单位", "单位编码", false},
	[PC_TITLE] = {"title", "职务", NULL, false},
	[PC_PHONE] = {"phone", "电话", NULL, false},
	[PC_EMAIL] = {"email", "邮箱", NULL, false},
};

static const struct csv_col duty_cols[DC__MAX] = {
	[DC_PERSON] = {"person", "人员工号", "工号", true},
	[DC_ROLE] = {"role", "角色", "责任角色", true},
	[DC_UNIT] = {"unit", "单位编码", "单位", false},
	[DC_ASSET] = {"asset", "资产编码", "资产", false},
	[DC_FROM] = {"from", "起始日期", "任职日期", true},
	[DC_TO] = {"to", "截止日期", "离任日期", false},
	[DC_NOTE] = {"note", "备注", NULL, false},
};

static const struct csv_col asset_cols[AC__MAX] = {
	[AC_CODE] = {"code", "资产编码", "编码", true},
	[AC_NAME] = {"name", "名称", "系统名称", true},
	[AC_KIND] = {"kind", "类型", "资产类型", true},
	[AC_URL] = {"url", "网址", "地址", false},
	[AC_BUILDER] = {"builder_unit", "建设单位", NULL, false},
	[AC_USER] = {"user_unit", "使用单位", NULL, false},
	[AC_MANAGER] = {"manager_unit", "主管单位", "管理单位", false},
	[AC_OPERATOR] = {"operator_unit", "运维单位", NULL, false},
	[AC_MAINTAINER] = {"maintainer", "运维服务商", "外部运维单位", false},
	[AC_LEVEL] = {"mlps_level", "等保级别", "等级", false},
	[AC_GRADED] = {"graded_on", "定级日期", NULL, false},
	[AC_FILING_NO] = {"filing_no", "备案编号", "备案号", false},
	[AC_FILED] = {"filed_on", "备案日期", NULL, false},
	[AC_ASSESSED] = {"assessed_on", "测评日期", NULL, false},
	[AC_RESULT] = {"assess_result", "测评结论", NULL, false},
	[AC_CII] = {"cii", "关键信息基础设施", NULL, false},
	[AC_INTERNET] = {"internet_facing", "互联网暴露", "面向互联网", false},
	[AC_PERSONAL] = {"personal_info", "含个人信息", NULL, false},
	[AC_PROTECTION] = {"protection_installed", "已安装防护软件", "防护软件", false},
	[AC_STATUS] = {"status", "状态", NULL, false},
	[AC_ADMIN_LEVEL] = {"admin_level", "行政级别", NULL, false},
	[AC_SOFTWARE] = {"software", "软件", "软件平台", false},
};

const struct csv_template csv_templates[CSV__MAX] = {
	[CSV_UNITS] = {unit_cols, UC__MAX},
	[CSV_PEOPLE] = {person_cols, PC__MAX},
	[CSV_DUTIES] = {duty_cols, DC__MAX},
	[CSV_ASSETS] = {asset_cols, AC__MAX},
};

static const char *const kind_codes[CSV__MAX] = {"units", "people", "duties", "assets"};

int csv_kind_parse(const char *s)
{
	for (int i = 0; i < CSV__MAX; i++)
		if (!strcmp(s, kind_codes[i]))
			return i;
	return -1;
}

const char *csv_kind_code(enum csv_kind k)
{
	return (int)k >= 0 && k < CSV__MAX ? kind_codes[k] : "?";
}

/* One parsed row: its fields (arena copies) and the line it started on. */
struct row {
	char *f[CSV_MAX_FIELDS];
	size_t n;
	size_t line;
};

struct imp {
	const char *file;
	enum csv_kind kind;
	const struct csv_template *tpl;
	struct cd_diag *d;
	struct reg *have;   /* what the store holds now */
	struct reg *stage;  /* the rows of this file, parsed (ids are negative row numbers) */
	struct arena *arena;
	struct row *rows;
	size_t nrows, caprows;
	struct row cur;
	int col_of[CSV_MAX_FIELDS]; /* header position → template column, -1 = none */
	int pos_of[CSV_MAX_FIELDS]; /* template column → header position, -1 = absent */
	size_t line;                /* line being fed to libcsv */
	enum cd_err err;
};

static enum cd_err at(struct imp *im, const struct row *r, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* at reports an error at row r, template column col (-1: the whole row). */
static enum cd_err at(struct imp *im, const struct row *r, int col, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (col < 0 || im->pos_of[col] < 0)
		return cd_diag_set(im->d, CD_EINVAL, "%s:%zu: %s", im->file, r->line, what);
	return cd_diag_set(im->d, CD_EINVAL, "%s:%zu:%d: column \"%s\" (%s): %s", im->file,
			   r->line, im->pos_of[col] + 1, im->tpl->cols[col].key,
			   im->tpl->cols[col].zh, what);
}

/* rule reports what a rule of the register (core/reg.h) refused at row r, column col: its
 * message without the field it begins with ("to: …"), which the column names already. */
static enum cd_err rule(struct imp *im, const struct row *r, int col, const char *field,
			const struct cd_diag *rd)
{
	size_t k = field ? strlen(field) : 0;
	const char *msg = rd->msg;

	if (k && !strncmp(msg, field, k) && msg[k] == ':' && msg[k + 1] == ' ')
		msg += k + 2;
	return at(im, r, col, "%s", msg);
}

static void on_field(void *s, size_t len, void *data)
{
	struct imp *im = data;
	char *v;

	if (im->err)
		return;
	if (im->cur.n == 0)
		im->cur.line = im->line;
	if (im->cur.n == CSV_MAX_FIELDS) {
		im->err = cd_diag_set(im->d, CD_EINVAL, "%s:%zu: more than %d fields in a row",
				      im->file, im->line, CSV_MAX_FIELDS);
		return;
	}
	/* trim surrounding blanks: spreadsheets leave them behind */
	while (len && (*(char *)s == ' ' || *(char *)s == '\t')) {
		s = (char *)s + 1;
		len--;
	}
	while (len && (((char *)s)[len - 1] == ' ' || ((char *)s)[len - 1] == '\t'))
		len--;
	v = arena_strndup(im->arena, s ? s : "", s ? len : 0);
	if (!v) {
		im->err = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return;
	}
	im->cur.f[im->cur.n++] = v;
}

static void on_row(int c, void *data)
{
	struct imp *im = data;
	struct row *r;
	bool blank = true;

	(void)c;
	if (im->err)
		return;
	for (size_t i = 0; i < im->cur.n; i++)
		blank &= im->cur.f[i][0] == '\0';
	if (im->cur.n == 0)
		im->cur.line = im->line;
	if (!blank) {
		if (im->nrows == CSV_MAX_ROWS) {
			im->err = cd_diag_set(im->d, CD_EINVAL, "%s:%zu: more than %d rows",
					      im->file, im->cur.line, CSV_MAX_ROWS);
			return;
		}
		r = arena_grow(im->arena, &im->rows, &im->nrows, &im->caprows, sizeof(*r));
		if (!r) {
			im->err = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
			return;
		}
		*r = im->cur;
	}
	memset(&im->cur, 0, sizeof(im->cur));
}

/* invalid_utf8_line returns 0, or the 1-based line of the first byte that is not UTF-8. */
static size_t invalid_utf8_line(const unsigned char *s, size_t n)
{
	size_t line = 1;

	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		size_t k;
		unsigned cp;

		if (c == '\n')
			line++;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return line;
		}
		for (size_t j = 1; j <= k; j++) {
			if (i + j >= n || (s[i + j] & 0xC0) != 0x80)
				return line;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return line;
		i += k + 1;
	}
	return 0;
}

static enum cd_err split(struct imp *im, const char *buf, size_t len)
{
	struct csv_parser p;
	size_t off = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	im->line = 1;
	while (off < len && !im->err) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (buf + off)) + 1 : len - off;

		if (csv_parse(&p, buf + off, n, on_field, on_row, im) != n) {
			im->err = cd_diag_set(im->d, CD_EINVAL, "%s:%zu: malformed CSV: %s",
					      im->file, im->line, csv_strerror(csv_error(&p)));
			break;
		}
		off += n;
		if (nl)
			im->line++;
	}
	if (!im->err && csv_fini(&p, on_field, on_row, im) != 0)
		im->err = cd_diag_set(im->d, CD_EINVAL,
				      "%s:%zu: malformed CSV: a quoted field is not closed by the "
				      "end of the file",
				      im->file, im->cur.n ? im->cur.line : im->line);
	csv_free(&p);
	return im->err;
}

static enum cd_err header(struct imp *im)
{
	const struct row *h = &im->rows[0];

	for (size_t c = 0; c < CSV_MAX_FIELDS; c++)
		im->pos_of[c] = -1;
	for (size_t i = 0; i < h->n; i++) {
		const char *name = h->f[i];
		int found = -1;

		for (size_t c = 0; c < im->tpl->ncols; c++) {
			const struct csv_col *col = &im->tpl->cols[c];

			if (!strcmp(name, col->key) || !strcmp(name, col->zh) ||
			    (col->alt && !strcmp(name, col->alt)))
				found = (int)c;
		}
		if (found < 0)
			return cd_diag_set(im->d, CD_EINVAL,
					   "%s:%zu:%zu: unknown column \"%s\" for %s (see docs/csv.md "
					   "for the template)",
					   im->file, h->line, i + 1, name, kind_codes[im->kind]);
		if (im->pos_of[found] >= 0)
			return cd_diag_set(im->d, CD_EINVAL,
					   "%s:%zu:%zu: column \"%s\" appears twice", im->file,
					   h->line, i + 1, im->tpl->cols[found].key);
		im->col_of[i] = found;
		im->pos_of[found] = (int)i;
	}
	for (size_t c = 0; c < im->tpl->ncols; c++)
		if (im->tpl->cols[c].required && im->pos_of[c] < 0)
			return cd_diag_set(im->d, CD_EINVAL,
					   "%s:%zu: missing column \"%s\" (%s)", im->file, h->line,
					   im->tpl->cols[c].key, im->tpl->cols[c].zh);
	return CD_OK;
}

/* val returns the row's value for template column col, "" when the column is absent. */
static const char *val(const struct imp *im, const struct row *r, int col)
{
	int pos = im->pos_of[col];

	return pos >= 0 && (size_t)pos < r->n ? r->f[pos] : "";
}

/* Per-field readers: each reports its own error (at the right column) and returns rc. */
static enum cd_err get_text(struct imp *im, const struct row *r, int col, size_t max,
			    const char **out)
{
	const char *v = val(im, r, col);

	if (im->tpl->cols[col].required && !*v)
		return at(im, r, col, "must not be empty");
	if (strlen(v) > max)
		return at(im, r, col, "longer than %zu bytes", max);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return at(im, r, col, "contains a control character");
	*out = *v ? v : NULL;
	return CD_OK;
}

/* get_code reads a record's code: 1-64 bytes, no blanks or control characters. */
static enum cd_err get_code(struct imp *im, const struct row *r, int col, const char **out)
{
	enum cd_err rc = get_text(im, r, col, 64, out);

	if (rc)
		return rc;
	for (const char *p = *out; *p; p++)
		if ((unsigned char)*p <= 0x20)
			return at(im, r, col, "a code may not contain blanks or line breaks");
	return CD_OK;
}

static enum cd_err get_enum(struct imp *im, const struct row *r, int col, int (*parse)(const char *),
			    const char *hint, int dflt, int *out)
{
	const char *v = val(im, r, col);
	int e;

	if (!*v) {
		if (dflt < 0 || im->tpl->cols[col].required)
			return at(im, r, col, "must not be empty (use %s)", hint);
		*out = dflt;
		return CD_OK;
	}
	e = parse(v);
	if (e < 0)
		return at(im, r, col, "unknown value \"%s\" (use %s)", v, hint);
	*out = e;
	return CD_OK;
}

static enum cd_err get_date(struct imp *im, const struct row *r, int col, cd_date *out)
{
	const char *v = val(im, r, col);

	*out = CD_DATE_NONE;
	if (!*v)
		return im->tpl->cols[col].required ? at(im, r, col, "must not be empty") : CD_OK;
	if (!date_parse(v, out))
		return at(im, r, col, "\"%s\" is not a date YYYY-MM-DD", v);
	return CD_OK;
}

static enum cd_err get_bool(struct imp *im, const struct row *r, int col, bool *out)
{
	static const char *const yes[] = {"1", "true", "yes", "是", "y", NULL};
	static const char *const no[] = {"0", "false", "no", "否", "n", "", NULL};
	const char *v = val(im, r, col);

	for (const char *const *p = yes; *p; p++)
		if (!strcmp(v, *p)) {
			*out = true;
			return CD_OK;
		}
	for (const char *const *p = no; *p; p++)
		if (!strcmp(v, *p)) {
			*out = false;
			return CD_OK;
		}
	return at(im, r, col, "\"%s\" is not yes/no (use 是/否, 1/0 or true/false)", v);
}

/* Codes name records in the store or earlier or later in the same file. Staged records carry
 * negative ids (-(row index + 1)) until they are written. */
static int64_t find_unit(const struct imp *im, const char *code)
{
	const struct unit *u = reg_unit_by_code(im->have, code);

	if (u)
		return u->id;
	u = reg_unit_by_code(im->stage, code);
	return u ? u->id : 0;
}

static enum cd_err get_unit_ref(struct imp *im, const struct row *r, int col, int64_t *out)
{
	const char *v = val(im, r, col);

	*out = 0;
	if (!*v)
		return CD_OK;
	*out = find_unit(im, v);
	if (!*out)
		return at(im, r, col, "no unit with code \"%s\" (import units first)", v);
	return CD_OK;
}

static enum cd_err exists(struct imp *im, const struct row *r, int col, const char *code,
			  const void *in_store)
{
	return in_store ? at(im, r, col, "code \"%s\" already exists", code) : CD_OK;
}

static enum cd_err stage_unit(struct imp *im, const struct row *r, int64_t sid)
{
	struct unit *u;
	const char *code, *name, *parent;
	int kind;
	enum cd_err rc = get_code(im, r, UC_CODE, &code);

	if (!rc)
		rc = exists(im, r, UC_CODE, code, reg_unit_by_code(im->have, code));
	if (!rc)
		rc = get_text(im, r, UC_NAME, 200, &name);
	if (!rc)
		rc = get_text(im, r, UC_PARENT, 64, &parent);
	if (!rc)
		rc = get_enum(im, r, UC_KIND, unit_kind_parse,
			      "party_committee, leading_group, leading_group_office, department, "
			      "tech_support_centre, external_authority, or 党委/网信委/网信办/"
			      "部门/信息中心/外部机构",
			      -1, &kind);
	if (rc)
		return rc;
	u = reg_add_unit(im->stage);
	if (!u)
		return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	u->id = sid;
	u->code = code;
	u->name = name;
	u->kind = (enum unit_kind)kind;
	/* the parent is resolved after every row is staged: it may come later in the file */
	u->parent = 0;
	if (parent && !strcmp(parent, code))
		return at(im, r, UC_PARENT, "a unit cannot be its own parent");
	return CD_OK;
}

/* index_stage indexes the staged codes, refusing a code that appears twice in the file (row i
 * of the file staged record i - 1). */
static enum cd_err index_stage(struct imp *im)
{
	static const int code_col[CSV__MAX] = {UC_CODE, PC_CODE, -1, AC_CODE};
	const void *dup = NULL;
	enum cd_err rc = reg_index(im->stage, &dup);
	size_t i;

	if (rc != CD_ECONFLICT)
		return rc ? cd_diag_set(im->d, rc, "out of memory") : CD_OK;
	if (im->kind == CSV_UNITS)
		i = (size_t)((const struct unit *)dup - im->stage->units);
	else if (im->kind == CSV_PEOPLE)
		i = (size_t)((const struct person *)dup - im->stage->people);
	else
		i = (size_t)((const struct asset *)dup - im->stage->assets);
	return at(im, &im->rows[i + 1], code_col[im->kind], "code \"%s\" appears twice in this file",
		  val(im, &im->rows[i + 1], code_col[im->kind]));
}

/* Units: resolve parents once all rows are staged, then refuse cycles within the file. */
static enum cd_err resolve_units(struct imp *im)
{
	for (size_t i = 0; i < im->stage->nunits; i++) {
		const struct row *r = &im->rows[i + 1];
		const char *parent = val(im, r, UC_PARENT);

		if (*parent) {
			im->stage->units[i].parent = find_unit(im, parent);
			if (!im->stage->units[i].parent)
				return at(im, r, UC_PARENT,
					  "no unit with code \"%s\" in the register or this file",
					  parent);
		}
	}
	for (size_t i = 0; i < im->stage->nunits; i++) {
		int64_t p = im->stage->units[i].parent;
		size_t steps = 0;

		while (p < 0 && steps++ <= im->stage->nunits)
			p = im->stage->units[-p - 1].parent;
		if (p < 0)
			return at(im, &im->rows[i + 1], UC_PARENT,
				  "the parent chain of \"%s\" loops back on itself",
				  im->stage->units[i].code);
	}
	return CD_OK;
}

static enum cd_err stage_person(struct imp *im, const struct row *r, int64_t sid)
{
	struct person *p;
	const char *code, *name;
	int64_t unit;
	enum cd_err rc = get_code(im, r, PC_CODE, &code);

	if (!rc)
		rc = exists(im, r, PC_CODE, code, reg_person_by_code(im->have, code));
	if (!rc)
		rc = get_text(im, r, PC_NAME, 100, &name);
	if (!rc)
		rc = get_unit_ref(im, r, PC_UNIT, &unit);
	if (rc)
		return rc;
	p = reg_add_person(im->stage);
	if (!p)
		return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	p->id = sid;
	p->code = code;
	p->name = name;
	p->unit = unit;
	rc = get_text(im, r, PC_TITLE, 100, &p->title);
	if (!rc)
		rc = get_text(im, r, PC_PHONE, 40, &p->phone);
	if (!rc)
		rc = get_text(im, r, PC_EMAIL, 200, &p->email);
	if (!rc && p->email && !strchr(p->email, '@'))
		rc = at(im, r, PC_EMAIL, "\"%s\" is not an e-mail address", p->email);
	return rc;
}

static enum cd_err stage_duty(struct imp *im, const struct row *r, int64_t sid)
{
	const char *pcode = val(im, r, DC_PERSON), *ucode = val(im, r, DC_UNIT);
	const char *acode = val(im, r, DC_ASSET);
	const struct person *person = reg_person_by_code(im->have, pcode);
	const struct asset *asset = *acode ? reg_asset_by_code(im->have, acode) : NULL;
	struct duty *du;
	struct cd_diag rd = {{0}};
	const char *field = NULL;
	int role;
	enum cd_err rc;

	if (!*pcode)
		return at(im, r, DC_PERSON, "must not be empty");
	if (!person)
		return at(im, r, DC_PERSON, "no person with code \"%s\" (import people first)",
			  pcode);
	rc = get_enum(im, r, DC_ROLE, role_parse,
		      "first_responsible, direct_responsible, leadership_member, principal, "
		      "security_officer, asset_custodian, or 第一责任人/直接责任人/主要负责人/"
		      "网络安全员/系统负责人",
		      -1, &role);
	if (rc)
		return rc;
	if (!*ucode == !*acode)
		return at(im, r, *ucode ? DC_ASSET : DC_UNIT,
			  "give exactly one of unit and asset for a duty");
	if (*acode && !asset)
		return at(im, r, DC_ASSET, "no asset with code \"%s\" (import assets first)", acode);
	du = reg_add_duty(im->stage);
	if (!du)
		return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	du->id = sid;
	du->role = (enum role)role;
	du->person = person->id;
	du->asset = asset ? asset->id : 0;
	rc = get_unit_ref(im, r, DC_UNIT, &du->unit);
	if (!rc)
		rc = get_date(im, r, DC_FROM, &du->from);
	if (!rc)
		rc = get_date(im, r, DC_TO, &du->to);
	if (!rc && reg_duty_check(du, &field, &rd))
		rc = rule(im, r, DC_TO, field, &rd);
	if (!rc)
		rc = get_text(im, r, DC_NOTE, 500, &du->note);
	return rc;
}

static enum cd_err stage_asset(struct imp *im, const struct row *r, int64_t sid)
{
	static const int rel_col[REL__MAX] = {
		[REL_BUILDER] = AC_BUILDER,
		[REL_USER] = AC_USER,
		[REL_MANAGER] = AC_MANAGER,
		[REL_OPERATOR] = AC_OPERATOR,
	};
	struct asset *a;
	const char *code, *level;
	int kind, status, result;
	enum cd_err rc = get_code(im, r, AC_CODE, &code);

	if (!rc)
		rc = exists(im, r, AC_CODE, code, reg_asset_by_code(im->have, code));
	if (rc)
		return rc;
	a = reg_add_asset(im->stage);
	if (!a)
		return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	a->id = sid;
	a->code = code;
	rc = get_text(im, r, AC_NAME, 200, &a->name);
	if (!rc)
		rc = get_enum(im, r, AC_KIND, asset_kind_parse,
			      "portal, news_site, platform, publicity_platform, info_system, "
			      "server, infrastructure, or 门户网站/新闻网站/网络平台/宣发平台/"
			      "信息系统/服务器/信息基础设施",
			      -1, &kind);
	if (!rc)
		rc = get_text(im, r, AC_URL, 500, &a->url);
	for (int k = 0; k < REL__MAX && !rc; k++)
		rc = get_unit_ref(im, r, rel_col[k], &a->rel[k]);
	if (!rc)
		rc = get_text(im, r, AC_MAINTAINER, 200, &a->maintainer);
	level = val(im, r, AC_LEVEL);
	if (!rc && *level) {
		if (strlen(level) != 1 || level[0] < '0' || level[0] > '5')
			rc = at(im, r, AC_LEVEL, "\"%s\" is not an MLPS level 0-5 (0 = not graded)",
				level);
		else
			a->mlps_level = level[0] - '0';
	}
	if (!rc)
		rc = get_date(im, r, AC_GRADED, &a->graded_on);
	if (!rc)
		rc = get_text(im, r, AC_FILING_NO, 64, &a->filing_no);
	if (!rc)
		rc = get_date(im, r, AC_FILED, &a->filed_on);
	if (!rc)
		rc = get_date(im, r, AC_ASSESSED, &a->assessed_on);
	if (!rc)
		rc = get_enum(im, r, AC_RESULT, assess_result_parse,
			      "none, pass, basic, fail, or 未测评/符合/基本符合/不符合", ASSESS_NONE,
			      &result);
	if (!rc)
		rc = get_bool(im, r, AC_CII, &a->cii);
	if (!rc)
		rc = get_bool(im, r, AC_INTERNET, &a->internet_facing);
	if (!rc)
		rc = get_bool(im, r, AC_PERSONAL, &a->personal_info);
	if (!rc)
		rc = get_bool(im, r, AC_PROTECTION, &a->protection_installed);
	if (!rc)
		rc = get_enum(im, r, AC_STATUS, asset_status_parse,
			      "planned, building, live, retired, or 规划/建设中/运行/下线",
			      STATUS_LIVE, &status);
	if (!rc)
		rc = get_text(im, r, AC_ADMIN_LEVEL, 64, &a->admin_level);
	if (!rc)
		rc = get_text(im, r, AC_SOFTWARE, 128, &a->software);
	if (rc)
		return rc;
	a->kind = (enum asset_kind)kind;
	a->assess_result = (enum assess_result)result;
	a->status = (enum asset_status)status;
	if (a->mlps_level == 0 && (a->graded_on != CD_DATE_NONE || a->filed_on != CD_DATE_NONE))
		return at(im, r, a->graded_on != CD_DATE_NONE ? AC_GRADED : AC_FILED,
			  "a grading or filing date needs an MLPS level 1-5 in \"mlps_level\"");
	if (a->filed_on != CD_DATE_NONE && a->graded_on != CD_DATE_NONE &&
	    a->filed_on < a->graded_on)
		return at(im, r, AC_FILED, "filed before it was graded (%s)",
			  val(im, r, AC_GRADED));
	return CD_OK;
}

/* write adds the staged records in file order; units whose parent is in the file wait for it.
 * Called inside a transaction. */
static enum cd_err write_all(struct imp *im, struct store *s, size_t *count)
{
	struct reg *st = im->stage;
	enum cd_err rc = CD_OK;
	size_t done = 0;

	if (im->kind == CSV_UNITS) {
		/* staged unit i gets its real id here; children point at -(i+1) until then */
		int64_t *real = calloc(st->nunits ? st->nunits : 1, sizeof(*real));
		bool progress = true;

		if (!real)
			return cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		while (!rc && done < st->nunits && progress) {
			progress = false;
			for (size_t i = 0; i < st->nunits && !rc; i++) {
				struct unit u = st->units[i];

				if (real[i] || (u.parent < 0 && !real[-u.parent - 1]))
					continue;
				if (u.parent < 0)
					u.parent = real[-u.parent - 1];
				rc = store_unit_add(s, &u, im->d);
				real[i] = u.id;
				done++;
				progress = true;
			}
		}
		free(real);
	}
	for (size_t i = 0; !rc && im->kind == CSV_PEOPLE && i < st->npeople; i++, done++)
		rc = store_person_add(s, &st->people[i], im->d);
	for (size_t i = 0; !rc && im->kind == CSV_DUTIES && i < st->nduties; i++, done++)
		rc = store_duty_add(s, &st->duties[i], im->d);
	for (size_t i = 0; !rc && im->kind == CSV_ASSETS && i < st->nassets; i++, done++)
		rc = store_asset_add(s, &st->assets[i], im->d);
	*count = done;
	return rc;
}

enum cd_err csv_import(struct store *s, enum csv_kind kind, const char *buf, size_t len,
		       const char *file, size_t *count, struct cd_diag *d)
{
	struct imp im = {.file = file, .kind = kind, .tpl = &csv_templates[kind], .d = d};
	size_t bad, added = 0;
	enum cd_err rc;

	if (count)
		*count = 0;
	if (len > CSV_MAX_BYTES)
		return cd_diag_set(d, CD_EINVAL, "%s: larger than %zu MiB", file,
				   CSV_MAX_BYTES >> 20);
	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
		buf += 3;
		len -= 3;
	}
	bad = invalid_utf8_line((const unsigned char *)buf, len);
	if (bad)
		return cd_diag_set(d, CD_EINVAL,
				   "%s:%zu: not UTF-8 (save the file as \"CSV UTF-8\"; GBK is not "
				   "accepted)",
				   file, bad);
	im.arena = arena_new(0);
	im.stage = reg_new();
	if (!im.arena || !im.stage) {
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		goto out;
	}
	rc = store_reg_load(s, &im.have, d);
	if (!rc)
		rc = reg_index(im.have, NULL);
	if (!rc)
		rc = split(&im, buf, len);
	if (!rc && im.nrows == 0)
		rc = cd_diag_set(d, CD_EINVAL, "%s:1: empty file: the first line must be the header",
				 file);
	if (!rc)
		rc = header(&im);
	for (size_t i = 1; !rc && i < im.nrows; i++) {
		const struct row *r = &im.rows[i];
		int64_t sid = -(int64_t)i;

		if (r->n != im.rows[0].n)
			rc = at(&im, r, -1, "has %zu fields, the header has %zu", r->n,
				im.rows[0].n);
		else if (kind == CSV_UNITS)
			rc = stage_unit(&im, r, sid);
		else if (kind == CSV_PEOPLE)
			rc = stage_person(&im, r, sid);
		else if (kind == CSV_DUTIES)
			rc = stage_duty(&im, r, sid);
		else
			rc = stage_asset(&im, r, sid);
	}
	if (!rc)
		rc = index_stage(&im);
	if (!rc && kind == CSV_UNITS)
		rc = resolve_units(&im);
	if (!rc) {
		rc = write_all(&im, s, &added);
		if (rc)
			cd_diag_prefix(d, file);
	}
	if (!rc && count)
		*count = added;
out:
	reg_free(im.have);
	reg_free(im.stage);
	arena_free(im.arena);
	return rc;
}

enum cd_err csv_import_file(struct store *s, enum csv_kind kind, const char *path, size_t *count,
			    struct cd_diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	enum cd_err rc;

	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	for (;;) {
		size_t got;

		if (n == cap) {
			char *nb;

			if (cap >= CSV_MAX_BYTES + 1) {
				free(buf);
				fclose(f);
				return cd_diag_set(d, CD_EINVAL, "%s: larger than %zu MiB", path,
						   CSV_MAX_BYTES >> 20);
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return cd_diag_set(d, CD_ENOMEM, "out of memory");
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return cd_diag_set(d, CD_EIO, "%s: read error", path);
	}
	fclose(f);
	rc = csv_import(s, kind, buf ? buf : "", n, path, count, d);
	free(buf);
	return rc;
}
