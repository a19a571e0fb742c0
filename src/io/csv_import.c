/* csv_import.c — CSV → register (see csv_import.h). csv_read.c hands over one record at a
 * time; this file maps the header, checks every value of every row, resolves codes with the
 * store's indexed lookups (the units, few, cached), reports each error with its row and column,
 * and writes the rows that pass while the file has none — units, whose parents may come later
 * in the file, once the whole file is read. */
#include "csv_import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/reg.h"
#include "io/csv_int.h"
#include "io/docno.h"

static const struct csv_col unit_cols[UC__MAX] = {
	[UC_CODE] = {"code", "编码", {"单位编码", "单位代码"}, true, false},
	[UC_NAME] = {"name", "名称", {"单位名称"}, true, false},
	[UC_PARENT] = {"parent", "上级编码", {"上级单位", "上级单位编码", "上级单位代码"}, false, false},
	[UC_KIND] = {"kind", "类型", {"单位类型"}, true, false},
};

static const struct csv_col person_cols[PC__MAX] = {
	[PC_CODE] = {"code", "工号", {"编码", "人员工号"}, true, false},
	[PC_NAME] = {"name", "姓名", {0}, true, false},
	[PC_UNIT] = {"unit", "所属单位", {"单位编码", "单位代码", "单位"}, false, false},
	[PC_TITLE] = {"title", "职务", {0}, false, false},
	[PC_PHONE] = {"phone", "电话", {"联系电话"}, false, false},
	[PC_EMAIL] = {"email", "邮箱", {"电子邮箱"}, false, false},
};

static const struct csv_col duty_cols[DC__MAX] = {
	[DC_PERSON] = {"person", "人员工号", {"工号"}, true, false},
	[DC_ROLE] = {"role", "角色", {"责任角色"}, true, false},
	[DC_UNIT] = {"unit", "单位编码", {"单位代码", "单位"}, false, false},
	[DC_ASSET] = {"asset", "资产编码", {"系统代码", "资产"}, false, false},
	[DC_FROM] = {"from", "起始日期", {"任职日期"}, true, false},
	[DC_TO] = {"to", "截止日期", {"离任日期"}, false, false},
	[DC_NOTE] = {"note", "备注", {0}, false, false},
};

static const struct csv_col asset_cols[AC__MAX] = {
	[AC_CODE] = {"code", "资产编码", {"系统代码", "编码"}, true, false},
	[AC_NAME] = {"name", "名称", {"系统名称"}, true, false},
	[AC_KIND] = {"kind", "类型", {"资产类型"}, true, false},
	[AC_URL] = {"url", "网址", {"地址"}, false, false},
	[AC_BUILDER] = {"builder_unit", "建设单位", {0}, false, false},
	[AC_USER] = {"user_unit", "使用单位", {0}, false, false},
	[AC_MANAGER] = {"manager_unit", "主管单位", {"管理单位"}, false, false},
	[AC_OPERATOR] = {"operator_unit", "运维单位", {0}, false, false},
	[AC_MAINTAINER] = {"maintainer", "运维服务商", {"外部运维单位"}, false, false},
	[AC_LEVEL] = {"mlps_level", "等保级别", {"等级"}, false, false},
	[AC_GRADED] = {"graded_on", "定级日期", {0}, false, false},
	[AC_FILING_NO] = {"filing_no", "备案编号", {"备案号"}, false, false},
	[AC_FILED] = {"filed_on", "备案日期", {0}, false, false},
	[AC_ASSESSED] = {"assessed_on", "测评日期", {0}, false, false},
	[AC_RESULT] = {"assess_result", "测评结论", {0}, false, false},
	[AC_CII] = {"cii", "关键信息基础设施", {0}, false, false},
	[AC_INTERNET] = {"internet_facing", "互联网暴露", {"面向互联网"}, false, false},
	[AC_PERSONAL] = {"personal_info", "含个人信息", {0}, false, false},
	[AC_PROTECTION] = {"protection_installed", "已安装防护软件", {"防护软件"}, false, false},
	[AC_STATUS] = {"status", "状态", {0}, false, false},
	[AC_ADMIN_LEVEL] = {"admin_level", "行政级别", {0}, false, false},
	[AC_SOFTWARE] = {"software", "软件", {"软件平台"}, false, false},
	/* the qualifiers (enum qualifier): 是/否 recorded, empty derived (docs/csv.md) */
	[AC_QUAL + QUAL_PARTY_GOV_PORTAL] = {"party_gov_portal", "党政机关门户网站", {0}, false, false},
	[AC_QUAL + QUAL_KEY_NEWS_SITE] = {"key_news_site", "重点新闻网站", {0}, false, false},
	[AC_QUAL + QUAL_LARGE_PLATFORM] = {"large_platform", "大型网络平台", {0}, false, false},
	[AC_QUAL + QUAL_IMPORTANT_SYSTEM] = {"important_system", "重要系统", {"主要服务器"}, false, false},
	[AC_QUAL + QUAL_IMPORTANT_INFRASTRUCTURE] = {"important_infrastructure", "重要信息基础设施",
						     {0}, false, false},
};

static const struct csv_col project_cols[JC__MAX] = {
	[JC_CODE] = {"code", "项目编号", {"项目代码", "编号"}, true, false},
	[JC_NAME] = {"name", "项目名称", {"名称"}, true, false},
	[JC_UNIT] = {"unit", "承担单位", {"单位编码", "单位代码", "单位"}, false, false},
	[JC_YEAR] = {"year", "预算年度", {"年度"}, true, false},
	[JC_TOTAL] = {"total", "总投资（元）", {"总投资", "总预算"}, true, false},
	[JC_SECURITY] = {"security", "安全投入（元）", {"安全投入", "安全预算"}, false, false},
};

/* A notice's row: the columns of `cyberduty export notices`, its derived ones read past. */
static const struct csv_col notice_cols[NC__MAX] = {
	[NC_CODE] = {"code", "文号", {"通报文号", "通报编号", "编号"}, true, false},
	[NC_AUTHORITY] = {"authority", "通报单位", {"发文单位", "通报机关", "来文单位"}, true, false},
	[NC_RECEIVED] = {"received_at", "接收时间", {"接收日期", "收文时间", "收文日期"}, true, false},
	[NC_UNIT] = {"unit", "责任单位", {"单位编码", "单位代码", "单位"}, false, false},
	[NC_CATEGORY] = {"category", "问题类别", {"类别", "问题类型"}, false, false},
	[NC_STAGE] = {"stage", "阶段", {0}, false, true},
	[NC_DUE] = {"due", "整改期限", {"整改截止日期", "截止日期", "期限"}, false, false},
	[NC_BASIS] = {"due_basis", "期限依据", {0}, false, true},
	[NC_STATE] = {"state", "状态", {0}, false, true},
	[NC_LEFT] = {"workdays_left", "剩余工作日", {0}, false, true},
	[NC_CHECKED] = {"similar_checked", "举一反三已排查", {0}, false, true},
	[NC_UNCHECKED] = {"similar_unchecked", "举一反三待排查", {0}, false, true},
	[NC_ASSETS] = {"assets", "信息系统", {"涉及信息系统", "系统代码", "资产编码"}, true, false},
	[NC_TEXT] = {"text", "通报内容", {"内容", "问题描述", "通报事项"}, false, false},
};

const struct csv_template csv_templates[CSV__MAX] = {
	[CSV_UNITS] = {unit_cols, UC__MAX},
	[CSV_PEOPLE] = {person_cols, PC__MAX},
	[CSV_DUTIES] = {duty_cols, DC__MAX},
	[CSV_ASSETS] = {asset_cols, AC__MAX},
	[CSV_PROJECTS] = {project_cols, JC__MAX},
	[CSV_NOTICES] = {notice_cols, NC__MAX},
};

static const char *const kind_codes[CSV__MAX] = {"units",    "people",  "duties",
						 "assets",   "projects", "notices"};
static const char *const kind_zh[CSV__MAX] = {"单位", "人员", "责任", "信息系统", "项目", "通报"};

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

const char *csv_kind_zh(enum csv_kind k)
{
	return (int)k >= 0 && k < CSV__MAX ? kind_zh[k] : "?";
}

int csv_col_find(const struct csv_template *t, const char *name)
{
	char h[256];
	size_t n = strlen(name);

	/* a trailing "*" (how templates mark what is required) is not part of the name */
	while (n && name[n - 1] == '*')
		n--;
	if (n >= 3 && !memcmp(name + n - 3, "＊", 3))
		n -= 3;
	if (n >= sizeof h)
		return -1;
	memcpy(h, name, n);
	h[n] = '\0';
	for (size_t c = 0; c < t->ncols; c++) {
		const struct csv_col *col = &t->cols[c];

		if (!strcasecmp(h, col->key) || !strcmp(h, col->zh))
			return (int)c;
		for (size_t i = 0; i < 4 && col->alt[i]; i++)
			if (!strcmp(h, col->alt[i]))
				return (int)c;
	}
	return -1;
}

void csv_report_free(struct csv_report *r)
{
	if (!r)
		return;
	arena_free(r->a);
	r->a = NULL;
	r->errors = NULL;
	r->nerrors = r->caperrors = 0;
}

/* --- codes seen: an open-addressing map of code → a number (a row, an id) ---------------- */

struct code_ent {
	const char *code;
	int64_t v;
};

struct codemap {
	struct code_ent *t;
	size_t n, cap; /* cap a power of two, kept at least twice n */
	struct arena *a;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct code_ent *cm_slot(const struct codemap *m, const char *code)
{
	size_t i = hash(code) & (m->cap - 1);

	while (m->t[i].code && strcmp(m->t[i].code, code))
		i = (i + 1) & (m->cap - 1);
	return &m->t[i];
}

/* cm_find: the entry of code, or NULL. */
static struct code_ent *cm_find(const struct codemap *m, const char *code)
{
	struct code_ent *e = m->cap ? cm_slot(m, code) : NULL;

	return e && e->code ? e : NULL;
}

/* cm_put: the entry of code, added with value v when there was none; NULL when out of memory. */
static struct code_ent *cm_put(struct codemap *m, const char *code, int64_t v)
{
	struct code_ent *e;

	if (2 * (m->n + 1) > m->cap) {
		struct codemap g = {.cap = m->cap ? m->cap * 2 : 1024, .n = m->n, .a = m->a};

		g.t = calloc(g.cap, sizeof *g.t);
		if (!g.t)
			return NULL;
		for (size_t i = 0; i < m->cap; i++)
			if (m->t[i].code)
				*cm_slot(&g, m->t[i].code) = m->t[i];
		free(m->t);
		*m = g;
	}
	e = cm_slot(m, code);
	if (!e->code) {
		e->code = arena_strdup(m->a, code);
		if (!e->code)
			return NULL;
		e->v = v;
		m->n++;
	}
	return e;
}

/* --- one import ------------------------------------------------------------------------- */

#define MAX_COLS 32 /* template columns (AC__MAX is the most) */
#define TX       640

/* A unit of the file, kept until the whole file is read (its parent may come later). */
struct staged {
	struct unit u;      /* u.id: the register's when the code is held (an update), else 0 */
	const char *parent; /* the parent's code as written, NULL for none */
	int64_t pref;       /* the parent: > 0 a unit of the register, < 0 -(staged index + 1) */
	size_t row;
	int64_t real;       /* the id once written */
};

struct imp {
	struct store *s;
	enum csv_kind kind;
	const struct csv_template *tpl;
	bool dry_run;
	struct csv_report *rep;
	struct cd_diag *d;
	const struct csv_writer *w; /* records notices (NULL for the register's kinds) */
	bool header_seen, header_bad;
	size_t nhdr;              /* header fields, empty trailing ones dropped */
	int pos_of[MAX_COLS];     /* template column → field position, -1 = absent */
	const char *hdr[MAX_COLS]; /* the header as the file wrote it, per template column */
	size_t row;               /* the row being checked */
	const char *const *f;     /* its fields */
	size_t n;
	struct codemap seen;      /* codes of this file → their row */
	struct codemap units;     /* unit codes of the register → id (-1: none) */
	struct codemap idx;       /* unit codes of the file → their index in su */
	struct codemap projects;  /* project codes of the register → id */
	bool projects_read;
	struct arena *scratch;    /* a row's reads of the store, freed after it */
	struct staged *su;
	size_t nsu, capsu;
	struct arena *stage;
	enum cd_err fatal;        /* a failure that ends the import (not a row's error) */
	char zh[TX], en[TX];
};

static const char *tx(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* tx formats into buf (TX bytes) and returns it. */
static const char *tx(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, TX, fmt, ap);
	va_end(ap);
	return buf;
}

static bool any_error(const struct imp *im)
{
	return im->rep->nerrors || im->rep->more;
}

/* shown returns v cut to about 120 bytes at a character boundary, in the report's arena. */
static const char *shown(struct imp *im, const char *v)
{
	size_t n = strlen(v);

	if (n <= 120)
		return arena_strdup(im->rep->a, v);
	n = 120;
	while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return arena_strndup(im->rep->a, v, n);
}

/* report adds an error at row (0: the file), template column col (-1: none; header names a
 * field of the header row instead), about value (NULL: none). zh and en say what is wrong
 * after the value. Returns false, for the checks' `return report(…)`. */
static bool report_at(struct imp *im, size_t row, int col, const char *header, const char *value,
		      const char *zh, const char *en)
{
	struct csv_report *r = im->rep;
	struct csv_error *e;
	char where_zh[320], where_en[320], *z, *g;
	size_t zl, el;

	if (im->fatal)
		return false;
	if (r->nerrors == CSV_MAX_ERRORS) {
		r->more++;
		return false;
	}
	e = arena_grow(r->a, &r->errors, &r->nerrors, &r->caperrors, sizeof *e);
	if (!e) {
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return false;
	}
	if (col >= 0 && !header)
		header = im->hdr[col];
	e->row = row;
	e->column = col >= 0 ? im->tpl->cols[col].key : NULL;
	e->header = header ? shown(im, header) : NULL;
	e->value = value && *value ? shown(im, value) : NULL;
	if (row)
		snprintf(where_zh, sizeof where_zh, "第 %zu 行", row);
	else
		snprintf(where_zh, sizeof where_zh, "文件");
	snprintf(where_en, sizeof where_en, row ? "row %zu" : "file", row);
	if (e->header) {
		size_t k = strlen(where_zh);

		snprintf(where_zh + k, sizeof where_zh - k, "「%s」", e->header);
	}
	if (e->column) {
		size_t k = strlen(where_en);

		snprintf(where_en + k, sizeof where_en - k, ", column \"%s\"", e->column);
	} else if (e->header) {
		size_t k = strlen(where_en);

		snprintf(where_en + k, sizeof where_en - k, ", column \"%s\"", e->header);
	}
	zl = strlen(where_zh) + 3 + (e->value ? strlen(e->value) + 1 : 0) + strlen(zh) + 1;
	el = strlen(where_en) + 2 + (e->value ? strlen(e->value) + 3 : 0) + strlen(en) + 1;
	z = arena_alloc(r->a, zl);
	g = arena_alloc(r->a, el);
	if (!z || !g) {
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return false;
	}
	snprintf(z, zl, "%s：%s%s%s", where_zh, e->value ? e->value : "", e->value ? " " : "", zh);
	if (e->value)
		snprintf(g, el, "%s: \"%s\" %s", where_en, e->value, en);
	else
		snprintf(g, el, "%s: %s", where_en, en);
	e->zh = z;
	e->en = g;
	return false;
}

/* val returns the row's value for template column col, "" when the column is absent. */
static const char *val(const struct imp *im, int col)
{
	int pos = im->pos_of[col];

	return pos >= 0 && (size_t)pos < im->n ? im->f[pos] : "";
}

static bool has(const struct imp *im, int col)
{
	return im->pos_of[col] >= 0;
}

/* bad reports an error of the current row at column col about its value. */
static bool bad(struct imp *im, int col, const char *zh, const char *en)
{
	return report_at(im, im->row, col, NULL, val(im, col), zh, en);
}

static void on_bad(void *ctx, size_t row, const char *zh, const char *en)
{
	struct imp *im = ctx;

	report_at(im, row, -1, NULL, NULL, zh, en);
}

/* --- the checks of one value: each reports its own error and returns whether it passed ----- */

static bool get_text(struct imp *im, int col, size_t max, const char **out)
{
	const char *v = val(im, col);

	*out = NULL;
	if (im->tpl->cols[col].required && !*v)
		return bad(im, col, "不能为空", "must not be empty");
	if (strlen(v) > max)
		return bad(im, col, tx(im->zh, "超过 %zu 字节，请缩短", max),
			   tx(im->en, "is longer than %zu bytes", max));
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return bad(im, col, "含有控制字符", "contains a control character");
	*out = *v ? v : NULL;
	return true;
}

/* get_code reads a record's code: 1-64 bytes, no blanks or control characters. */
static bool get_code(struct imp *im, int col, const char **out)
{
	if (!get_text(im, col, 64, out))
		return false;
	for (const char *p = *out; p && *p; p++)
		if ((unsigned char)*p <= 0x20)
			return bad(im, col, "代码不能含空格或换行",
				   "a code may not contain blanks or line breaks");
	return true;
}

static bool get_enum(struct imp *im, int col, int (*parse)(const char *), const char *hint,
		     int dflt, int *out)
{
	const char *v = val(im, col);
	int e;

	if (!*v) {
		if (dflt < 0 || im->tpl->cols[col].required)
			return bad(im, col, tx(im->zh, "不能为空（可填：%s）", hint),
				   tx(im->en, "must not be empty (use %s)", hint));
		*out = dflt;
		return true;
	}
	e = parse(v);
	if (e < 0)
		return bad(im, col, tx(im->zh, "不是可用的值（可填：%s）", hint),
			   tx(im->en, "is not one of the values (use %s)", hint));
	*out = e;
	return true;
}

static bool get_date(struct imp *im, int col, cd_date *out)
{
	static const char *const month_en[12] = {"January", "February", "March", "April",
						 "May", "June", "July", "August",
						 "September", "October", "November", "December"};
	const char *v = val(im, col);
	int y = 0, m = 0, d = 0;

	*out = CD_DATE_NONE;
	if (!*v)
		return im->tpl->cols[col].required ? bad(im, col, "不能为空", "must not be empty")
						   : true;
	switch (date_read(v, out, &y, &m, &d)) {
	case DATE_READ:
		return true;
	case DATE_NO_DAY:
		if (y < 1900)
			return bad(im, col, "不是有效日期（年份早于 1900 年）",
				   "is not a valid date (a year before 1900)");
		if (m < 1 || m > 12)
			return bad(im, col, tx(im->zh, "不是有效日期（没有 %d 月）", m),
				   tx(im->en, "is not a valid date (there is no month %d)", m));
		return bad(im, col, tx(im->zh, "不是有效日期（%d 月没有 %d 日）", m, d),
			   tx(im->en, "is not a valid date (%s %d has no day %d)", month_en[m - 1],
			      y, d));
	default:
		return bad(im, col, "不是日期（请写成 2024-03-01、2024/3/1 或 2024年3月1日）",
			   "is not a date (write 2024-03-01, 2024/3/1 or 2024年3月1日)");
	}
}

int csv_bool(const char *v)
{
	static const char *const yes[] = {"1", "true", "yes", "y", "是", "√", NULL};
	static const char *const no[] = {"0", "false", "no", "n", "否", "", NULL};

	for (const char *const *p = yes; *p; p++)
		if (!strcasecmp(v, *p))
			return 1;
	for (const char *const *p = no; *p; p++)
		if (!strcasecmp(v, *p))
			return 0;
	return -1;
}

static bool get_bool(struct imp *im, int col, bool *out)
{
	int b = csv_bool(val(im, col));

	if (b < 0)
		return bad(im, col, "不是“是/否”（可填：是/否、Y/N、1/0、true/false）",
			   "is not yes or no (use 是/否, Y/N, 1/0 or true/false)");
	*out = b;
	return true;
}

/* get_qual reads a qualifier cell: empty is "not recorded" (the engine derives it). */
static bool get_qual(struct imp *im, int col, unsigned char *out)
{
	bool b = false;

	if (!*val(im, col)) {
		*out = QUAL_UNSET;
		return true;
	}
	if (!get_bool(im, col, &b))
		return false;
	*out = b ? QUAL_YES : QUAL_NO;
	return true;
}

/* unit_id finds a unit of the register by code, through the cache: its id, 0 when there is
 * none (false only on a failure of the store, in im->fatal). */
static bool unit_id(struct imp *im, const char *code, int64_t *id)
{
	struct code_ent *e = cm_find(&im->units, code);
	enum cd_err rc;

	if (!e) {
		int64_t got = 0;

		rc = store_id_of(im->s, SK_UNIT, code, &got, im->d);
		if (rc && rc != CD_ENOTFOUND) {
			im->fatal = rc;
			return false;
		}
		e = cm_put(&im->units, code, rc ? -1 : got);
		if (!e) {
			im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
			return false;
		}
	}
	*id = e->v > 0 ? e->v : 0;
	return true;
}

static bool get_unit_ref(struct imp *im, int col, int64_t *out)
{
	const char *v = val(im, col);

	*out = 0;
	if (!*v)
		return true;
	if (!unit_id(im, v, out))
		return false;
	if (!*out)
		return bad(im, col, "不是已有单位的代码（请先导入单位）",
			   "is no unit's code (import units first)");
	return true;
}

/* held looks code up among the register's records of kind k: *id, 0 when none. */
static bool held(struct imp *im, enum store_kind k, const char *code, int64_t *id)
{
	enum cd_err rc = store_id_of(im->s, k, code, id, im->d);

	if (rc == CD_ENOTFOUND) {
		*id = 0;
		return true;
	}
	if (rc)
		im->fatal = rc;
	return !rc;
}

/* once: the code of the current row is the first of its kind in the file. */
static bool once(struct imp *im, int col, const char *code)
{
	struct code_ent *e;

	if (!code)
		return true;
	e = cm_put(&im->seen, code, (int64_t)im->row);
	if (!e) {
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return false;
	}
	if (e->v != (int64_t)im->row)
		return bad(im, col, tx(im->zh, "与第 %lld 行的代码重复", (long long)e->v),
			   tx(im->en, "appears twice in this file (row %lld too)", (long long)e->v));
	return true;
}

/* scratch: an empty arena for the current row's reads of the store. */
static struct arena *scratch(struct imp *im)
{
	arena_free(im->scratch);
	im->scratch = arena_new(0);
	if (!im->scratch)
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
	return im->scratch;
}

/* wrote counts a row that passed and writes it (add, or update when id != 0) unless the file
 * has an error already or this is a dry run. */
static void wrote(struct imp *im, bool update, enum cd_err (*write)(struct imp *, void *),
		  void *rec)
{
	if (update)
		im->rep->updated++;
	else
		im->rep->created++;
	if (!im->dry_run && !any_error(im) && !im->fatal) {
		enum cd_err rc = write(im, rec);

		if (rc) {
			cd_diag_prefix(im->d, tx(im->zh, "row %zu", im->row));
			im->fatal = rc;
		}
	}
}

/* --- units: kept until the file is read ------------------------------------------------- */

static const char unit_hint[] = "党委/网信委/网信办/部门/信息中心/外部机构，或 party_committee, "
				"leading_group, leading_group_office, department, "
				"tech_support_centre, external_authority";

static void row_unit(struct imp *im)
{
	const char *code, *name, *parent;
	int kind = 0;
	bool ok = get_code(im, UC_CODE, &code);
	struct staged *st;
	int64_t id = 0;

	ok &= once(im, UC_CODE, code);
	ok &= get_text(im, UC_NAME, 200, &name);
	ok &= get_text(im, UC_PARENT, 64, &parent);
	ok &= get_enum(im, UC_KIND, unit_kind_parse, unit_hint, -1, &kind);
	if (ok && parent && !strcmp(parent, code))
		ok = bad(im, UC_PARENT, "单位不能是自己的上级", "a unit cannot be its own parent");
	if (ok && !held(im, SK_UNIT, code, &id))
		return;
	if (!ok)
		return;
	st = arena_grow(im->stage, &im->su, &im->nsu, &im->capsu, sizeof *st);
	if (!st) {
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return;
	}
	st->u.id = id;
	st->u.code = arena_strdup(im->stage, code);
	st->u.name = arena_strdup(im->stage, name);
	st->u.kind = (enum unit_kind)kind;
	st->parent = parent ? arena_strdup(im->stage, parent) : NULL;
	st->row = im->row;
	if (!st->u.code || !st->u.name || (parent && !st->parent))
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
}

/* staged_of: the index of the file's unit with code, or -1. */
static long staged_of(const struct imp *im, const char *code)
{
	const struct code_ent *e = cm_find(&im->idx, code);

	return e ? (long)e->v : -1;
}

/* parent_of: the parent unit x will have once the file is written (x as pref is). */
static bool parent_of(struct imp *im, int64_t x, int64_t *out)
{
	struct rec_row w;
	long i;
	enum cd_err rc;

	if (x < 0) {
		*out = im->su[-x - 1].pref;
		return true;
	}
	rc = store_rec_get(im->s, SR_UNIT, x, scratch(im), &w, im->d);
	if (rc) {
		im->fatal = im->fatal ? im->fatal : rc;
		return false;
	}
	i = staged_of(im, w.r.unit.code);
	*out = i >= 0 ? -(int64_t)i - 1 : w.r.unit.parent;
	return true;
}

/* finish_units resolves each unit's parent (the file's own unit of that code, else the
 * register's), refuses a parent chain that loops, then writes: new units parents first, then
 * the updated ones. */
static void finish_units(struct imp *im)
{
	bool progress = true;
	size_t done = 0;

	for (size_t i = 0; i < im->nsu; i++)
		if (!cm_put(&im->idx, im->su[i].u.code, (int64_t)i)) {
			im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
			return;
		}
	for (size_t i = 0; i < im->nsu && !im->fatal; i++) {
		struct staged *st = &im->su[i];
		long j;

		if (!st->parent)
			continue;
		j = staged_of(im, st->parent);
		if (j >= 0) {
			st->pref = -(int64_t)j - 1;
			continue;
		}
		if (!unit_id(im, st->parent, &st->pref))
			return;
		if (!st->pref)
			report_at(im, st->row, UC_PARENT, NULL, st->parent,
				  "不是已有单位的代码，也不在本文件中",
				  "is no unit's code in the register or in this file");
	}
	for (size_t i = 0; i < im->nsu && !im->fatal; i++) {
		int64_t me = -(int64_t)i - 1, p = im->su[i].pref;
		size_t steps = 0;

		while (p && p != me && steps++ < im->nsu + 10000)
			if (!parent_of(im, p, &p))
				return;
		if (p)
			report_at(im, im->su[i].row, UC_PARENT, NULL, im->su[i].parent,
				  "使上级关系成了环（一个单位成了自己的上级）",
				  "makes the chain of parents loop back on itself");
	}
	if (im->fatal || im->dry_run || any_error(im))
		goto count;
	while (done < im->nsu && progress && !im->fatal) {
		progress = false;
		for (size_t i = 0; i < im->nsu && !im->fatal; i++) {
			struct staged *st = &im->su[i];
			struct staged *up = st->pref < 0 ? &im->su[-st->pref - 1] : NULL;
			struct unit u = st->u;
			enum cd_err rc;

			if (st->real || (up && !up->real))
				continue;
			u.parent = up ? up->real : st->pref;
			rc = u.id ? store_unit_update(im->s, &u, im->d) : store_unit_add(im->s, &u, im->d);
			if (rc) {
				cd_diag_prefix(im->d, tx(im->zh, "row %zu", st->row));
				im->fatal = rc;
			}
			st->real = u.id;
			done++;
			progress = true;
		}
	}
count:
	for (size_t i = 0; i < im->nsu; i++) {
		if (im->su[i].u.id)
			im->rep->updated++;
		else
			im->rep->created++;
	}
}

/* --- people ----------------------------------------------------------------------------- */

static enum cd_err write_person(struct imp *im, void *rec)
{
	struct person *p = rec;

	return p->id ? store_person_update(im->s, p, im->d) : store_person_add(im->s, p, im->d);
}

static void row_person(struct imp *im)
{
	struct person p = {0};
	struct rec_row w;
	const char *code, *name, *title, *phone, *email;
	int64_t unit = 0;
	bool ok = get_code(im, PC_CODE, &code);

	ok &= once(im, PC_CODE, code);
	ok &= get_text(im, PC_NAME, 100, &name);
	ok &= get_unit_ref(im, PC_UNIT, &unit);
	ok &= get_text(im, PC_TITLE, 100, &title);
	ok &= get_text(im, PC_PHONE, 40, &phone);
	ok &= get_text(im, PC_EMAIL, 200, &email);
	if (email && !strchr(email, '@'))
		ok = bad(im, PC_EMAIL, "不是电子邮箱地址", "is not an e-mail address");
	if (!ok || !held(im, SK_PERSON, code, &p.id))
		return;
	if (p.id) {
		enum cd_err rc = store_rec_get(im->s, SR_PERSON, p.id, scratch(im), &w, im->d);

		if (rc) {
			im->fatal = rc;
			return;
		}
		p = w.r.person;
	}
	p.code = code;
	p.name = name;
	if (!p.id || has(im, PC_UNIT))
		p.unit = unit;
	if (!p.id || has(im, PC_TITLE))
		p.title = title;
	if (!p.id || has(im, PC_PHONE))
		p.phone = phone;
	if (!p.id || has(im, PC_EMAIL))
		p.email = email;
	wrote(im, p.id != 0, write_person, &p);
}

/* --- duties ----------------------------------------------------------------------------- */

static const char role_hint[] = "第一责任人/直接责任人/主要负责人/网络安全员/系统负责人，或 "
				"first_responsible, direct_responsible, leadership_member, "
				"principal, security_officer, asset_custodian";

static enum cd_err write_duty(struct imp *im, void *rec)
{
	return store_duty_add(im->s, rec, im->d);
}

static void row_duty(struct imp *im)
{
	const char *pcode = val(im, DC_PERSON), *ucode = val(im, DC_UNIT);
	const char *acode = val(im, DC_ASSET), *note;
	struct duty du = {0};
	struct cd_diag rd = {{0}};
	const char *field = NULL;
	int role = 0;
	bool ok = true, dates;

	if (!*pcode)
		ok = bad(im, DC_PERSON, "不能为空", "must not be empty");
	else if (held(im, SK_PERSON, pcode, &du.person) && !du.person)
		ok = bad(im, DC_PERSON, "不是已有人员的工号（请先导入人员）",
			 "is no person's code (import people first)");
	ok &= get_enum(im, DC_ROLE, role_parse, role_hint, -1, &role);
	if (!*ucode == !*acode)
		ok = bad(im, *ucode ? DC_ASSET : DC_UNIT, "单位和信息系统须填且只填一个",
			 "give exactly one of unit and asset for a duty");
	ok &= get_unit_ref(im, DC_UNIT, &du.unit);
	if (*acode && held(im, SK_ASSET, acode, &du.asset) && !du.asset)
		ok = bad(im, DC_ASSET, "不是已有信息系统的代码（请先导入信息系统）",
			 "is no asset's code (import assets first)");
	dates = get_date(im, DC_FROM, &du.from);
	dates &= get_date(im, DC_TO, &du.to);
	du.role = (enum role)role;
	if (dates && reg_duty_check(&du, &field, &rd))
		dates = bad(im, DC_TO, tx(im->zh, "早于起始日期 %s", val(im, DC_FROM)),
			    tx(im->en, "is before the first day (%s)", val(im, DC_FROM)));
	ok &= dates;
	ok &= get_text(im, DC_NOTE, 500, &note);
	du.note = note;
	if (ok && !im->fatal)
		wrote(im, false, write_duty, &du);
}

/* --- assets ----------------------------------------------------------------------------- */

static enum cd_err write_asset(struct imp *im, void *rec)
{
	struct asset *a = rec;

	return a->id ? store_asset_update(im->s, a, im->d) : store_asset_add(im->s, a, im->d);
}

/* A value of an asset's column: the one in the row when the column is there or the asset is
 * new, else the one held. */
#define TAKE(col, field, v)                                                                        \
	do {                                                                                       \
		if (!a.id || has(im, col))                                                         \
			a.field = (v);                                                             \
	} while (0)

static void row_asset(struct imp *im)
{
	static const int rel_col[REL__MAX] = {
		[REL_BUILDER] = AC_BUILDER,
		[REL_USER] = AC_USER,
		[REL_MANAGER] = AC_MANAGER,
		[REL_OPERATOR] = AC_OPERATOR,
	};
	struct asset a = {.mlps_level = 0};
	struct asset_row w;
	const char *code, *name, *url, *maint, *filing, *admin, *soft, *level = val(im, AC_LEVEL);
	int64_t rel[REL__MAX] = {0};
	int kind = 0, status = STATUS_LIVE, result = ASSESS_NONE, mlps = 0;
	cd_date graded, filed, assessed;
	unsigned char qual[QUAL__MAX] = {0};
	bool cii = false, inet = false, pers = false, prot = false;
	bool ok = get_code(im, AC_CODE, &code);

	ok &= once(im, AC_CODE, code);
	ok &= get_text(im, AC_NAME, 200, &name);
	ok &= get_enum(im, AC_KIND, asset_kind_parse,
		       "门户网站/新闻网站/网络平台/宣发平台/信息系统/服务器/信息基础设施，或 portal, "
		       "news_site, platform, publicity_platform, info_system, server, "
		       "infrastructure",
		       -1, &kind);
	ok &= get_text(im, AC_URL, 500, &url);
	for (int k = 0; k < REL__MAX; k++)
		ok &= get_unit_ref(im, rel_col[k], &rel[k]);
	ok &= get_text(im, AC_MAINTAINER, 200, &maint);
	if (*level && (strlen(level) != 1 || level[0] < '0' || level[0] > '5'))
		ok = bad(im, AC_LEVEL, "不是等保级别 0-5（0 = 未定级）",
			 "is not an MLPS level 0-5 (0 = not graded)");
	else if (*level)
		mlps = level[0] - '0';
	ok &= get_date(im, AC_GRADED, &graded);
	ok &= get_text(im, AC_FILING_NO, 64, &filing);
	ok &= get_date(im, AC_FILED, &filed);
	ok &= get_date(im, AC_ASSESSED, &assessed);
	ok &= get_enum(im, AC_RESULT, assess_result_parse,
		       "未测评/符合/基本符合/不符合，或 none, pass, basic, fail", ASSESS_NONE, &result);
	ok &= get_bool(im, AC_CII, &cii);
	ok &= get_bool(im, AC_INTERNET, &inet);
	ok &= get_bool(im, AC_PERSONAL, &pers);
	ok &= get_bool(im, AC_PROTECTION, &prot);
	ok &= get_enum(im, AC_STATUS, asset_status_parse,
		       "规划/建设中/运行/下线，或 planned, building, live, retired", STATUS_LIVE,
		       &status);
	ok &= get_text(im, AC_ADMIN_LEVEL, 64, &admin);
	ok &= get_text(im, AC_SOFTWARE, 128, &soft);
	for (int q = 0; q < QUAL__MAX; q++)
		ok &= get_qual(im, AC_QUAL + q, &qual[q]);
	if (!ok || !held(im, SK_ASSET, code, &a.id))
		return;
	if (a.id) {
		enum cd_err rc = store_asset_get(im->s, a.id, scratch(im), &w, im->d);

		if (rc) {
			im->fatal = rc;
			return;
		}
		a = w.a;
	}
	a.code = code;
	a.name = name;
	a.kind = (enum asset_kind)kind;
	TAKE(AC_URL, url, url);
	for (int k = 0; k < REL__MAX; k++)
		TAKE(rel_col[k], rel[k], rel[k]);
	TAKE(AC_MAINTAINER, maintainer, maint);
	TAKE(AC_LEVEL, mlps_level, mlps);
	TAKE(AC_GRADED, graded_on, graded);
	TAKE(AC_FILING_NO, filing_no, filing);
	TAKE(AC_FILED, filed_on, filed);
	TAKE(AC_ASSESSED, assessed_on, assessed);
	TAKE(AC_RESULT, assess_result, (enum assess_result)result);
	TAKE(AC_CII, cii, cii);
	TAKE(AC_INTERNET, internet_facing, inet);
	TAKE(AC_PERSONAL, personal_info, pers);
	TAKE(AC_PROTECTION, protection_installed, prot);
	TAKE(AC_STATUS, status, (enum asset_status)status);
	TAKE(AC_ADMIN_LEVEL, admin_level, admin);
	TAKE(AC_SOFTWARE, software, soft);
	for (int q = 0; q < QUAL__MAX; q++)
		TAKE(AC_QUAL + q, qual[q], qual[q]);
	if (a.mlps_level == 0 && (a.graded_on != CD_DATE_NONE || a.filed_on != CD_DATE_NONE)) {
		bad(im, a.graded_on != CD_DATE_NONE ? AC_GRADED : AC_FILED,
		    "有定级或备案日期，须在「等保级别」填 1-5",
		    "a grading or filing date needs an MLPS level 1-5 in \"mlps_level\"");
		return;
	}
	if (a.filed_on != CD_DATE_NONE && a.graded_on != CD_DATE_NONE &&
	    a.filed_on < a.graded_on) {
		char g[11];

		bad(im, AC_FILED, tx(im->zh, "早于定级日期 %s", date_format(a.graded_on, g)),
		    tx(im->en, "is before the grading date (%s)", date_format(a.graded_on, g)));
		return;
	}
	wrote(im, a.id != 0, write_asset, &a);
}

/* --- projects: the register holds few, read once into the code map ------------------------ */

/* projects_held reads the codes and ids of the projects held (a page at a time). */
static void projects_held(struct imp *im)
{
	struct rec_query q = {.limit = 1000};
	size_t n = q.limit;

	while (n == q.limit && !im->fatal) {
		struct arena *a = scratch(im);
		struct rec_row *rows = NULL;
		enum cd_err rc = a ? store_rec_page(im->s, SR_PROJECT, &q, a, &rows, &n, im->d)
				   : CD_ENOMEM;

		if (rc) {
			im->fatal = im->fatal ? im->fatal : rc;
			return;
		}
		for (size_t i = 0; i < n; i++)
			if (!cm_put(&im->projects, rows[i].r.project.code, rows[i].r.project.id)) {
				im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
				return;
			}
		if (n)
			q.after = rows[n - 1].r.project.id;
	}
	im->projects_read = true;
}

/* get_money reads a whole number of yuan, 0 … 10^15 ("1,200,000" and "1200000.00" too). */
static bool get_money(struct imp *im, int col, int64_t *out)
{
	const char *v = val(im, col);
	char digits[32];
	size_t n = 0;
	const char *p = v;

	*out = 0;
	if (!*v)
		return im->tpl->cols[col].required ? bad(im, col, "不能为空", "must not be empty")
						   : true;
	for (; *p && n < sizeof digits - 1; p++) {
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
		else if (*p == '.' && !p[1 + strspn(p + 1, "0")])
			break; /* "1200.00": no fraction after all */
		else if (*p != ',')
			return bad(im, col, "不是金额（整数，单位元）",
				   "is not an amount (whole yuan)");
	}
	digits[n] = '\0';
	if (!n || n > 15)
		return bad(im, col, "不是金额（整数，单位元）", "is not an amount (whole yuan)");
	*out = strtoll(digits, NULL, 10);
	return true;
}

static enum cd_err write_project(struct imp *im, void *rec)
{
	struct project *p = rec;

	return p->id ? store_project_update(im->s, p, im->d) : store_project_add(im->s, p, im->d);
}

static void row_project(struct imp *im)
{
	struct project p = {0};
	struct rec_row w;
	struct cd_diag rd = {{0}};
	const struct code_ent *e;
	const char *code, *name, *field = NULL, *year = val(im, JC_YEAR);
	int64_t unit = 0, total = 0, security = 0;
	char *end;
	long y = strtol(year, &end, 10);
	bool ok = get_code(im, JC_CODE, &code);

	ok &= once(im, JC_CODE, code);
	ok &= get_text(im, JC_NAME, 200, &name);
	ok &= get_unit_ref(im, JC_UNIT, &unit);
	if (!*year || *end || y < 1990 || y > 2100)
		ok = bad(im, JC_YEAR, "不是预算年度（如 2026）", "is not a budget year (e.g. 2026)");
	if (get_money(im, JC_TOTAL, &total) && total <= 0)
		ok = bad(im, JC_TOTAL, "必须大于 0", "must be more than 0");
	else if (!total)
		ok = false;
	ok &= get_money(im, JC_SECURITY, &security);
	if (!ok)
		return;
	if (!im->projects_read)
		projects_held(im);
	e = im->fatal ? NULL : cm_find(&im->projects, code);
	if (e) {
		enum cd_err rc = store_rec_get(im->s, SR_PROJECT, e->v, scratch(im), &w, im->d);

		if (rc) {
			im->fatal = rc;
			return;
		}
		p = w.r.project;
	}
	p.code = code;
	p.name = name;
	p.year = (int)y;
	p.total = total;
	if (!p.id || has(im, JC_UNIT))
		p.unit = unit;
	if (!p.id || has(im, JC_SECURITY))
		p.security = security;
	if (reg_project_check(&p, &field, &rd)) {
		bad(im, JC_SECURITY, "超过总投资", "is more than the total");
		return;
	}
	if (!im->fatal)
		wrote(im, p.id != 0, write_project, &p);
}

/* --- notices: each recorded by the caller's act ----------------------------------------- */

/* get_time reads an instant as offices write it: "2026-09-20 09:30", "2026/9/20 9:30",
 * "2026年9月20日 9:30", RFC 3339, or a day alone (00:00 of it), China Standard Time. */
static bool get_time(struct imp *im, int col, cd_time *out)
{
	const char *v = val(im, col), *sp;
	cd_date day;
	int h = 0, m = 0, sec = 0, k = 0;

	*out = CD_TIME_NONE;
	if (time_parse(v, true, out))
		return true;
	if (!get_date(im, col, &day))
		return false;
	if (day == CD_DATE_NONE)
		return true;
	sp = strchr(v, ' ');
	if (!sp)
		sp = strchr(v, 'T');
	if (sp && sscanf(sp + 1, "%2d:%2d%n", &h, &m, &k) == 2 &&
	    (sp[1 + k] == '\0' || sscanf(sp + 1 + k, ":%2d%n", &sec, &k) == 1) &&
	    h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 60) {
		*out = time_cst_start(day) + h * 3600 + m * 60 + sec;
		return true;
	}
	if (sp)
		return bad(im, col, "不是时间（请写成 2026-09-20 09:30 或 2026年9月20日 9:30）",
			   "is not a time (write 2026-09-20 09:30 or 2026年9月20日 9:30)");
	*out = time_cst_start(day);
	return true;
}

/* notice_assets splits the systems' cell ("WEB、JW", "WEB,JW", "WEB；JW", "WEB JW") into codes
 * of the register, each once; *out in the scratch arena. */
static bool notice_assets(struct imp *im, const char ***out, size_t *n)
{
	static const char *const seps[] = {"、", "，", "；", ",", ";", " ", "\t", "\n", "\u3000"};
	const char *v = val(im, NC_ASSETS);
	char *buf = arena_strdup(im->scratch, v), *p = buf;
	const char **codes = NULL;
	size_t cap = 0;
	bool ok = true;

	*n = 0;
	if (!buf) {
		im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
		return false;
	}
	while (*p) {
		size_t len = strlen(p), cut = len, skip = 0;
		int64_t id = 0;
		const char **slot;

		for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
			const char *q = strstr(p, seps[i]);

			if (q && (size_t)(q - p) < cut) {
				cut = (size_t)(q - p);
				skip = strlen(seps[i]);
			}
		}
		p[cut] = '\0';
		if (*p) {
			for (size_t i = 0; i < *n; i++)
				if (!strcmp(codes[i], p)) {
					ok = report_at(im, im->row, NC_ASSETS, NULL, p,
						       "写了两次（每个信息系统写一次）",
						       "is named twice (name each system once)");
					p = NULL;
					break;
				}
			if (!p)
				break;
			if (!held(im, SK_ASSET, p, &id))
				return false;
			if (!id)
				ok = report_at(im, im->row, NC_ASSETS, NULL, p,
					       "不是已有信息系统的代码（请先导入信息系统）",
					       "is no system's code (import assets first)");
			slot = arena_grow(im->scratch, &codes, n, &cap, sizeof *codes);
			if (!slot) {
				im->fatal = cd_diag_set(im->d, CD_ENOMEM, "out of memory");
				return false;
			}
			*slot = p;
		}
		p += cut + (cut < len ? skip : 0);
	}
	if (ok && !*n)
		ok = bad(im, NC_ASSETS, "不能为空（填写涉及的信息系统代码，多个用“、”分隔）",
			 "must not be empty (the codes of the systems, separated by 、 or commas)");
	*out = codes;
	return ok;
}

static enum cd_err write_notice(struct imp *im, void *rec)
{
	return im->w->notice(im->w->ctx, rec, im->d);
}

static void row_notice(struct imp *im)
{
	struct csv_notice n = {.due = CD_DATE_NONE};
	struct notice_row held_row;
	const char *raw = val(im, NC_CODE), *why = NULL, *basis = val(im, NC_BASIS);
	const char **assets = NULL;
	int64_t unit = 0;
	bool ok = true;
	enum cd_err rc;

	if (!scratch(im))
		return;
	if (!*raw)
		ok = bad(im, NC_CODE, "不能为空", "must not be empty");
	else if (!(n.code = docno_normalise(im->scratch, raw, &why))) {
		const char *dash = strstr(why, " — ");
		size_t k = dash ? (size_t)(dash - why) : strlen(why);

		ok = bad(im, NC_CODE, tx(im->zh, "%.*s", (int)k, why),
			 tx(im->en, "%s", dash ? dash + strlen(" — ") : why));
	}
	ok &= once(im, NC_CODE, n.code);
	ok &= get_text(im, NC_AUTHORITY, 256, &n.authority);
	ok &= get_time(im, NC_RECEIVED, &n.received_at);
	if (n.received_at != CD_TIME_NONE && im->w && im->w->now != CD_TIME_NONE &&
	    n.received_at > im->w->now + 60)
		ok = bad(im, NC_RECEIVED, "晚于现在（接收时间不能在将来）",
			 "is in the future (a notice is recorded once received)");
	ok &= get_unit_ref(im, NC_UNIT, &unit);
	n.unit = unit ? val(im, NC_UNIT) : NULL;
	ok &= get_text(im, NC_CATEGORY, 200, &n.category);
	ok &= get_text(im, NC_TEXT, 20000, &n.text);
	/* an export's 整改期限 is the notice's own only where 期限依据 says 通报写明 */
	if (!*basis || !strcmp(basis, "通报写明") || !strcmp(basis, "stated")) {
		ok &= get_date(im, NC_DUE, &n.due);
		if (n.due != CD_DATE_NONE && n.received_at != CD_TIME_NONE &&
		    n.due < time_cst_date(n.received_at)) {
			char got[11];

			ok = bad(im, NC_DUE,
				 tx(im->zh, "早于接收日期 %s",
				    date_format(time_cst_date(n.received_at), got)),
				 tx(im->en, "is before the day the notice was received (%s)",
				    date_format(time_cst_date(n.received_at), got)));
		}
	}
	ok &= notice_assets(im, &assets, &n.nassets);
	n.assets = assets;
	if (im->fatal || !n.code)
		return;
	rc = store_notice_get(im->s, 0, n.code, im->scratch, &held_row, im->d);
	if (rc == CD_OK)
		ok = bad(im, NC_CODE,
			 "已登记过这一文号的通报（导入只登记新通报；更正已登记的通报请用 notice edit）",
			 "is the number of a notice recorded already (an import records new "
			 "notices; correct one with notice edit)");
	else if (rc != CD_ENOTFOUND)
		im->fatal = rc;
	if (ok && !im->fatal)
		wrote(im, false, write_notice, &n);
}

/* --- rows ------------------------------------------------------------------------------- */

static void header(struct imp *im)
{
	bool dup[MAX_COLS] = {0};

	im->header_seen = true;
	for (size_t c = 0; c < MAX_COLS; c++)
		im->pos_of[c] = -1;
	im->nhdr = im->n;
	while (im->nhdr && !im->f[im->nhdr - 1][0])
		im->nhdr--; /* Excel writes the empty columns after the last one */
	for (size_t i = 0; i < im->nhdr; i++) {
		const char *name = im->f[i];
		int c = *name ? csv_col_find(im->tpl, name) : -1;

		if (!*name) {
			report_at(im, im->row, -1, NULL, NULL,
				  tx(im->zh, "第 %zu 列没有表头（写上表头，或删去这一列）", i + 1),
				  tx(im->en, "column %zu has no header (name it or delete it)", i + 1));
		} else if (c < 0) {
			report_at(im, im->row, -1, name, NULL,
				  tx(im->zh, "不是%s表的列（可用的列见 docs/csv.md）",
				     kind_zh[im->kind]),
				  tx(im->en, "is not a column of %s (see docs/csv.md for the template)",
				     kind_codes[im->kind]));
		} else if (im->pos_of[c] >= 0) {
			if (!dup[c])
				report_at(im, im->row, -1, name, NULL, "这一列出现了两次",
					  "appears twice");
			dup[c] = true;
		} else {
			im->pos_of[c] = (int)i;
			im->hdr[c] = arena_strdup(im->rep->a, name);
		}
	}
	for (size_t c = 0; c < im->tpl->ncols; c++)
		if (im->tpl->cols[c].required && im->pos_of[c] < 0)
			report_at(im, im->row, -1, im->tpl->cols[c].zh, NULL,
				  tx(im->zh, "缺少这一必填列（英文表头 %s）", im->tpl->cols[c].key),
				  tx(im->en, "a required column is missing (\"%s\")",
				     im->tpl->cols[c].key));
	im->header_bad = any_error(im);
}

static enum cd_err on_row(void *ctx, size_t row, const char *const *f, size_t n, bool over)
{
	struct imp *im = ctx;
	size_t extra = 0;

	im->row = row;
	im->f = f;
	im->n = n;
	if (!im->header_seen) {
		header(im);
		return im->fatal;
	}
	im->rep->rows++;
	if (im->header_bad)
		return im->fatal;
	for (size_t i = im->nhdr; i < n; i++)
		extra += f[i][0] != '\0';
	if (extra || over) {
		report_at(im, row, -1, NULL, NULL,
			  tx(im->zh, "有值写在了没有表头的列（表头只有 %zu 列）", im->nhdr),
			  tx(im->en, "has values past the header's %zu columns", im->nhdr));
		return im->fatal;
	}
	if (im->kind == CSV_UNITS)
		row_unit(im);
	else if (im->kind == CSV_PEOPLE)
		row_person(im);
	else if (im->kind == CSV_DUTIES)
		row_duty(im);
	else if (im->kind == CSV_PROJECTS)
		row_project(im);
	else if (im->kind == CSV_NOTICES)
		row_notice(im);
	else
		row_asset(im);
	return im->fatal;
}

/* zip_magic: f starts as a zip (an .xlsx) does; f is left at its start. */
static bool zip_magic(FILE *f)
{
	unsigned char m[4];
	size_t n = fread(m, 1, sizeof m, f);

	rewind(f);
	return n == 4 && !memcmp(m, "PK\x03\x04", 4);
}

enum cd_err csv_import(struct store *s, enum csv_kind kind, FILE *f, const char *file,
		       bool dry_run, struct csv_report *rep, struct cd_diag *d)
{
	return csv_import_with(s, kind, f, file, dry_run, NULL, rep, d);
}

enum cd_err csv_import_with(struct store *s, enum csv_kind kind, FILE *f, const char *file,
			    bool dry_run, const struct csv_writer *w, struct csv_report *rep,
			    struct cd_diag *d)
{
	struct imp im = {.s = s, .kind = kind, .tpl = &csv_templates[kind], .dry_run = dry_run,
			 .rep = rep, .d = d, .w = w};
	struct csv_sink k = {.row = on_row, .bad = on_bad, .ctx = &im};
	enum cd_err rc;

	*rep = (struct csv_report){0};
	rep->a = arena_new(0);
	im.seen.a = arena_new(0);
	im.units.a = arena_new(0);
	im.projects.a = im.idx.a = im.stage = arena_new(0);
	if (!rep->a || !im.seen.a || !im.units.a || !im.stage) {
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		goto out;
	}
	if (kind == CSV_NOTICES && (!w || !w->notice)) {
		rc = cd_diag_set(d, CD_EINVAL, "notices are imported through the act that records one");
		goto out;
	}
	if (zip_magic(f)) {
		const char *sheets[] = {kind_zh[kind], kind_codes[kind], NULL};

		rep->encoding = "XLSX";
		rc = xlsx_read(f, file, sheets, &k, d);
	} else {
		rc = csv_read(f, file, &k, &rep->encoding, d);
	}
	if (rc == CD_EINVAL)
		rc = CD_OK; /* the reader's complaint is in the report */
	if (!rc && !im.header_seen)
		report_at(&im, 1, -1, NULL, NULL, "文件是空的：第一行应是表头",
			  "the file is empty: the first row must be the header");
	if (!rc && !im.fatal && kind == CSV_UNITS)
		finish_units(&im);
	if (!rc)
		rc = im.fatal;
	if (!rc && any_error(&im))
		rc = CD_EINVAL;
out:
	if (rc == CD_EINVAL)
		cd_diag_set(d, CD_EINVAL, "%s: %zu error%s, nothing imported", file,
			    rep->nerrors + rep->more, rep->nerrors + rep->more == 1 ? "" : "s");
	free(im.seen.t);
	free(im.units.t);
	free(im.idx.t);
	free(im.projects.t);
	arena_free(im.seen.a);
	arena_free(im.units.a);
	arena_free(im.stage);
	arena_free(im.scratch);
	return rc;
}
