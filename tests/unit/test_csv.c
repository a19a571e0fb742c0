/* test_csv.c — CSV import as the act svc_import: good files in English and Chinese, with BOM
 * and CRLF, quoted fields, forward references, GB18030, the date and yes/no forms offices
 * write, Excel's trailing empty columns; a table of broken files, each error reported with its
 * row and column and nothing written; a file with three errors reporting all three; a dry
 * run writing nothing; a second import updating by code; export → import → export gives the
 * same bytes. */
#include "testutil.h"

#include <iconv.h>
#include <xlsxwriter.h>

#include "io/csv_export.h"
#include "io/csv_import.h"
#include "io/csv_int.h"
#include "store/store.h"
#include "svc/transfer.h"

static const char units_csv[] =
	"code,name,parent,kind\n"
	"COL,\"计算机科学技术学院, 网络空间安全学院\",ROOT,department\n" /* parent comes later */
	"ROOT,中共某大学委员会,,party_committee\n"
	"XXZX,信息中心,ROOT,信息中心\n"
	"GA,市公安局网安支队,,外部机构\n";

static const char people_csv[] =
	"\xEF\xBB\xBF工号,姓名,所属单位,职务,电话,邮箱\r\n" /* BOM, Chinese headers, CRLF */
	"T1,张三,ROOT,党委书记,,zhang@example.edu.cn\r\n"
	"T2,李四,COL,院长,0471-1234567,\r\n"
	"T3,王五,XXZX,\"网络安全员\n（兼）\",,\r\n"; /* a quoted line break */

static const char assets_csv[] =
	"code,name,kind,url,manager_unit,operator_unit,mlps_level,graded_on,filed_on,cii,status\n"
	"WEB,学校门户网站,portal,https://www.example.edu.cn,ROOT,XXZX,3,2024-01-02,2024-01-20,否,运行\n"
	"JW,教务管理系统,信息系统,,COL,,2,2025-03-01,,0,live\n";

static const char duties_csv[] =
	"人员工号,角色,单位编码,资产编码,起始日期,截止日期,备注\n"
	"T1,第一责任人,ROOT,,2021-09-01,,\n"
	"T2,first_responsible,COL,,2020-01-01,2023-12-31,换届\n"
	"T3,系统负责人,,WEB,2024-02-01,,\n";

static const char projects_csv[] =
	"项目编号,项目名称,承担单位,预算年度,总投资（元）,安全投入（元）\n"
	"PJ1,智慧校园,XXZX,2026,\"1,200,000\",60000.00\n"
	"PJ2,教务升级,COL,2025,500000,\n";

static struct store *fresh(const char *name)
{
	char path[512];
	struct store *s = NULL;

	assert_int_equal(store_open(tmp_db(path, sizeof(path), name), STORE_CREATE, &s, NULL),
			 CD_OK);
	return s;
}

/* run imports len bytes of csv as kind through the act; the report in *r (caller frees). */
static enum cd_err run(struct store *s, enum csv_kind k, const char *csv, size_t len, bool dry,
		       struct csv_report *r, struct cd_diag *d)
{
	FILE *f = tmpfile();
	struct import_in in = {.kind = k, .f = f, .file = "t.csv", .dry_run = dry};
	struct act a = {.s = s, .actor = "test", .ip = "", .now = T("2026-12-03 10:00"), .d = d};
	enum cd_err rc;

	assert_non_null(f);
	assert_int_equal(fwrite(csv, 1, len, f), len);
	rewind(f);
	in.f = f;
	rc = svc_import(&a, &in, r);
	fclose(f);
	return rc;
}

static void import_ok(struct store *s, enum csv_kind k, const char *csv, size_t want)
{
	struct cd_diag d = {{0}};
	struct csv_report r;

	if (run(s, k, csv, strlen(csv), false, &r, &d) != CD_OK)
		fail_msg("import failed: %s %s", d.msg, r.nerrors ? r.errors[0].en : "");
	assert_int_equal(r.created + r.updated, want);
	csv_report_free(&r);
}

static struct store *populated(const char *name)
{
	struct store *s = fresh(name);

	import_ok(s, CSV_UNITS, units_csv, 4);
	import_ok(s, CSV_PEOPLE, people_csv, 3);
	import_ok(s, CSV_ASSETS, assets_csv, 2);
	import_ok(s, CSV_DUTIES, duties_csv, 3);
	import_ok(s, CSV_PROJECTS, projects_csv, 2);
	return s;
}

static void good_files(void **state)
{
	struct store *s = populated("csv-good");
	struct reg *r = NULL;
	const struct unit *col;
	const struct asset *web;
	(void)state;

	assert_int_equal(store_reg_load(s, &r, NULL), CD_OK);
	col = reg_unit_by_code(r, "COL");
	assert_string_equal(col->name, "计算机科学技术学院, 网络空间安全学院");
	assert_int_equal(col->parent, reg_unit_by_code(r, "ROOT")->id);
	assert_int_equal(reg_unit_by_code(r, "XXZX")->kind, UNIT_TECH_SUPPORT_CENTRE);
	assert_int_equal(reg_unit_by_code(r, "GA")->kind, UNIT_EXTERNAL_AUTHORITY);
	assert_string_equal(reg_person_by_code(r, "T3")->title, "网络安全员\n（兼）");
	assert_string_equal(reg_person_by_code(r, "T1")->email, "zhang@example.edu.cn");
	web = reg_asset_by_code(r, "WEB");
	assert_int_equal(web->mlps_level, 3);
	assert_int_equal(web->rel[REL_OPERATOR], reg_unit_by_code(r, "XXZX")->id);
	assert_int_equal(reg_asset_by_code(r, "JW")->kind, ASSET_INFO_SYSTEM);
	assert_int_equal(r->nduties, 3);
	assert_int_equal(r->duties[1].to, D("2023-12-31"));
	assert_int_equal(r->duties[2].asset, web->id);
	assert_int_equal(r->nprojects, 2);
	assert_int_equal(r->projects[0].total, 1200000);
	assert_int_equal(r->projects[0].security, 60000);
	assert_int_equal(r->projects[0].unit, reg_unit_by_code(r, "XXZX")->id);
	assert_int_equal(r->projects[1].security, 0);
	reg_free(r);
	store_close(s);
}

/* The forms Excel and WPS write: other date forms, Y/N, trailing empty columns and rows,
 * headers marked "*" and the other accepted Chinese headers. */
static void spreadsheet_forms(void **state)
{
	static const char csv[] =
		"系统代码*,系统名称*,类型*,等保级别,定级日期,备案日期,测评日期,关键信息基础设施,"
		"面向互联网,,,\r\n"
		"A1,一,信息系统,2,2024/3/1,2024.3.9,2025年1月2日,Y,n,,,\r\n"
		"A2,二,服务器,1,2024-3-1 0:00,,,TRUE,1,,,\r\n"
		",,,,,,,,,,,\r\n"
		"\r\n";
	struct store *s = populated("csv-forms");
	struct reg *r = NULL;
	const struct asset *a;
	(void)state;

	import_ok(s, CSV_ASSETS, csv, 2);
	assert_int_equal(store_reg_load(s, &r, NULL), CD_OK);
	a = reg_asset_by_code(r, "A1");
	assert_int_equal(a->graded_on, D("2024-03-01"));
	assert_int_equal(a->filed_on, D("2024-03-09"));
	assert_int_equal(a->assessed_on, D("2025-01-02"));
	assert_true(a->cii);
	assert_false(a->internet_facing);
	a = reg_asset_by_code(r, "A2");
	assert_int_equal(a->graded_on, D("2024-03-01"));
	assert_true(a->cii && a->internet_facing);
	reg_free(r);
	store_close(s);
}

/* gb18030 converts UTF-8 text as Excel on Chinese Windows saves it (malloc'd; *len). */
static char *gb18030(const char *utf8, size_t *len)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	size_t il = strlen(utf8), ol = il * 2 + 16;
	char *in = strdup(utf8), *out = malloc(ol), *ip = in, *op = out;

	assert_true(cd != (iconv_t)-1);
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	iconv_close(cd);
	free(in);
	*len = (size_t)(op - out);
	return out;
}

static void gbk_file(void **state)
{
	struct store *s = fresh("csv-gbk");
	struct cd_diag d = {{0}};
	struct csv_report r;
	struct reg *g = NULL;
	size_t len;
	char *csv = gb18030("编码,名称,上级编码,类型\r\nROOT,中共某大学委员会,,党委\r\n"
			    "XXZX,信息中心,ROOT,信息中心\r\n",
			    &len);
	(void)state;

	assert_null(memchr(csv, '\xE4', len)); /* no UTF-8 lead byte of 中 left: it is GB18030 */
	assert_int_equal(run(s, CSV_UNITS, csv, len, false, &r, &d), CD_OK);
	assert_string_equal(r.encoding, "GB18030");
	assert_int_equal(r.created, 2);
	csv_report_free(&r);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_string_equal(reg_unit_by_code(g, "XXZX")->name, "信息中心");
	reg_free(g);
	free(csv);
	store_close(s);
}

/* The header table: English, Chinese and the other accepted headers, "*" marks ignored; the
 * yes/no cells. */
static void headers_and_booleans(void **state)
{
	static const struct {
		enum csv_kind kind;
		const char *name;
		int col; /* -1: not a column */
	} heads[] = {
		{CSV_UNITS, "code", UC_CODE},	       {CSV_UNITS, "单位代码", UC_CODE},
		{CSV_UNITS, "编码", UC_CODE},	       {CSV_UNITS, "单位名称", UC_NAME},
		{CSV_UNITS, "上级单位", UC_PARENT},    {CSV_UNITS, "类型*", UC_KIND},
		{CSV_UNITS, "Kind", UC_KIND},	       {CSV_UNITS, "系统代码", -1},
		{CSV_ASSETS, "系统代码", AC_CODE},     {CSV_ASSETS, "系统名称＊", AC_NAME},
		{CSV_ASSETS, "等保级别", AC_LEVEL},    {CSV_ASSETS, "mlps_level", AC_LEVEL},
		{CSV_ASSETS, "面向互联网", AC_INTERNET}, {CSV_ASSETS, "上线日期", -1},
		{CSV_PEOPLE, "工号", PC_CODE},	       {CSV_PEOPLE, "联系电话", PC_PHONE},
		{CSV_DUTIES, "系统代码", DC_ASSET},    {CSV_DUTIES, "任职日期", DC_FROM},
	};
	static const struct {
		const char *in;
		int want;
	} bools[] = {
		{"是", 1},  {"否", 0},     {"true", 1}, {"FALSE", 0}, {"1", 1},	  {"0", 0},
		{"Y", 1},   {"n", 0},      {"yes", 1},  {"No", 0},    {"", 0},	  {"√", 1},
		{"也许", -1}, {"2", -1},    {"t", -1},
	};
	(void)state;

	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		if (csv_col_find(&csv_templates[heads[i].kind], heads[i].name) != heads[i].col)
			fail_msg("header %zu \"%s\": got %d", i, heads[i].name,
				 csv_col_find(&csv_templates[heads[i].kind], heads[i].name));
	for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++)
		if (csv_bool(bools[i].in) != bools[i].want)
			fail_msg("boolean \"%s\": got %d", bools[i].in, csv_bool(bools[i].in));
}

static void broken_files(void **state)
{
	static const struct {
		enum csv_kind kind;
		const char *csv;
		size_t row;
		const char *column, *zh;
		size_t n; /* errors in all (each unit of a loop is named) */
	} cases[] = {
		{CSV_UNITS, "", 1, NULL, "第 1 行：文件是空的", 1},
		{CSV_UNITS, "code,name,kind\nX,某,department\nY,某,faculty\n", 3, "kind",
		 "第 3 行「kind」：faculty 不是可用的值", 1},
		{CSV_UNITS, "code,name\nX,某\n", 1, NULL, "第 1 行「类型」：缺少这一必填列", 1},
		{CSV_UNITS, ",,\ncode,name\n", 2, NULL, "第 2 行「类型」：缺少这一必填列", 1},
		{CSV_UNITS, "code,名字,name,kind\n", 1, NULL, "第 1 行「名字」：不是单位表的列", 1},
		{CSV_UNITS, "code,name,kind,code\n", 1, NULL, "第 1 行「code」：这一列出现了两次", 1},
		{CSV_UNITS, "code,,name,kind\n", 1, NULL, "第 1 行：第 2 列没有表头", 1},
		{CSV_UNITS, "code,name,kind\nX,某,department,extra\n", 2, NULL,
		 "第 2 行：有值写在了没有表头的列", 1},
		{CSV_UNITS, "code,name,kind\nX,,department\n", 2, "name", "第 2 行「name」：不能为空", 1},
		{CSV_UNITS, "code,name,kind\nN1,新,department\n\nN1,新,department\n", 4, "code",
		 "第 4 行「code」：N1 与第 2 行的代码重复", 1},
		{CSV_UNITS, "code,name,parent,kind\nN1,新,NOPE,department\n", 2, "parent",
		 "第 2 行「parent」：NOPE 不是已有单位的代码", 1},
		{CSV_UNITS, "code,name,parent,kind\nN1,一,N2,department\nN2,二,N1,department\n", 2,
		 "parent", "第 2 行「parent」：N2 使上级关系成了环", 2},
		{CSV_UNITS, "code,name,parent,kind\nCOL,学院,COL2,department\nCOL2,系,COL,department\n",
		 2, "parent", "成了环", 2},
		{CSV_UNITS, "code,name,kind\nN1,\"未闭合,department\n", 2, NULL, "CSV 格式有误", 1},
		{CSV_UNITS, "code,name,kind\nN1,a\x01,department\n", 2, "name", "含有控制字符", 1},
		{CSV_UNITS, "code,name,kind\nN1,\xff\xff,department\n", 2, NULL,
		 "既不是 UTF-8 也不是 GB18030", 1},
		{CSV_PEOPLE, "code,name,unit\nP9,某,NOPE\n", 2, "unit",
		 "第 2 行「unit」：NOPE 不是已有单位的代码（请先导入单位）", 1},
		{CSV_PEOPLE, "code,name,email\nP9,某,not-an-address\n", 2, "email",
		 "not-an-address 不是电子邮箱地址", 1},
		{CSV_DUTIES, "person,role,unit,from\nNOBODY,principal,ROOT,2024-01-01\n", 2, "person",
		 "NOBODY 不是已有人员的工号", 1},
		{CSV_DUTIES, "person,role,unit,from\nT1,boss,ROOT,2024-01-01\n", 2, "role",
		 "boss 不是可用的值", 1},
		{CSV_DUTIES, "person,role,unit,asset,from\nT1,principal,ROOT,WEB,2024-01-01\n", 2,
		 "asset", "单位和信息系统须填且只填一个", 1},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,,2024-01-01\n", 2, "unit",
		 "单位和信息系统须填且只填一个", 1},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,ROOT,01/01/2024\n", 2, "from",
		 "01/01/2024 不是日期（请写成", 1},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,ROOT,2023-02-29\n", 2, "from",
		 "2023-02-29 不是有效日期（2 月没有 29 日）", 1},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,ROOT,2024/13/1\n", 2, "from",
		 "不是有效日期（没有 13 月）", 1},
		{CSV_DUTIES, "person,role,unit,from,to\nT1,principal,ROOT,2024-01-01,2023-01-01\n", 2,
		 "to", "2023-01-01 早于起始日期 2024-01-01", 1},
		{CSV_ASSETS, "code,name,kind,mlps_level\nZ,某,portal,6\n", 2, "mlps_level",
		 "6 不是等保级别 0-5", 1},
		{CSV_ASSETS, "code,name,kind,cii\nZ,某,portal,maybe\n", 2, "cii", "maybe 不是“是/否”", 1},
		{CSV_ASSETS, "code,name,kind,graded_on\nZ,某,portal,2024-01-01\n", 2, "graded_on",
		 "须在「等保级别」填 1-5", 1},
		{CSV_ASSETS,
		 "code,name,kind,mlps_level,graded_on,filed_on\nZ,某,portal,2,2024-02-01,2024-01-01\n",
		 2, "filed_on", "早于定级日期 2024-02-01", 1},
		{CSV_ASSETS, "code,name,kind,manager_unit\nZ,某,portal,NOPE\n", 2, "manager_unit",
		 "NOPE 不是已有单位的代码", 1},
		{CSV_ASSETS, "code,name,kind,status\nZ,某,portal,broken\n", 2, "status",
		 "broken 不是可用的值", 1},
		{CSV_PROJECTS, "code,name,year,total,security\nPX,某,2026,100,200\n", 2, "security",
		 "200 超过总投资", 1},
		{CSV_PROJECTS, "code,name,year,total\nPX,某,2026,0\n", 2, "total", "0 必须大于 0", 1},
		{CSV_PROJECTS, "code,name,year,total\nPX,某,二〇二六,10\n", 2, "year",
		 "不是预算年度", 1},
		{CSV_PROJECTS, "code,name,year,total\nPX,某,2026,12.5\n", 2, "total",
		 "12.5 不是金额", 1},
	};
	struct store *s = populated("csv-bad");
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		struct csv_report r;
		struct reg *before = NULL, *after = NULL;
		const struct csv_error *e;

		assert_int_equal(store_reg_load(s, &before, NULL), CD_OK);
		if (run(s, cases[i].kind, cases[i].csv, strlen(cases[i].csv), false, &r, &d) !=
		    CD_EINVAL)
			fail_msg("case %zu: not refused (%s)", i, d.msg);
		if (r.nerrors != cases[i].n)
			fail_msg("case %zu: %zu errors, the first \"%s\"", i, r.nerrors,
				 r.nerrors ? r.errors[0].zh : "");
		e = &r.errors[0];
		if (e->row != cases[i].row || !strstr(e->zh, cases[i].zh) ||
		    (cases[i].column ? !e->column || strcmp(e->column, cases[i].column)
				     : e->column != NULL))
			fail_msg("case %zu: got row %zu column %s \"%s\", want row %zu column %s "
				 "\"…%s…\"",
				 i, e->row, e->column ? e->column : "-", e->zh, cases[i].row,
				 cases[i].column ? cases[i].column : "-", cases[i].zh);
		assert_non_null(e->en);
		csv_report_free(&r);
		assert_int_equal(store_reg_load(s, &after, NULL), CD_OK);
		assert_int_equal(after->nunits, before->nunits);
		assert_int_equal(after->npeople, before->npeople);
		assert_int_equal(after->nduties, before->nduties);
		assert_int_equal(after->nassets, before->nassets);
		reg_free(before);
		reg_free(after);
	}
	store_close(s);
}

/* Three mistakes in one file: all three reported at once, the good rows not written. */
static void every_error(void **state)
{
	static const char csv[] = "系统代码,系统名称,类型,定级日期,等保级别,关键信息基础设施\n"
				  "OK1,好,portal,,,否\n"
				  "B1,坏一,portal,2024-02-30,2,否\n"
				  "OK2,好,portal,,,否\n"
				  "B2,坏二,gadget,,,否\n"
				  "B3,坏三,portal,,,也许\n";
	struct store *s = populated("csv-every");
	struct cd_diag d = {{0}};
	struct csv_report r;
	struct reg *g = NULL;
	(void)state;

	assert_int_equal(run(s, CSV_ASSETS, csv, strlen(csv), false, &r, &d), CD_EINVAL);
	assert_int_equal(r.nerrors, 3);
	assert_int_equal(r.rows, 5);
	assert_string_equal(r.errors[0].zh,
			    "第 3 行「定级日期」：2024-02-30 不是有效日期（2 月没有 30 日）");
	assert_string_equal(r.errors[0].en, "row 3, column \"graded_on\": \"2024-02-30\" is not "
					    "a valid date (February 2024 has no day 30)");
	assert_int_equal(r.errors[1].row, 5);
	assert_string_equal(r.errors[1].column, "kind");
	assert_string_equal(r.errors[1].header, "类型");
	assert_string_equal(r.errors[1].value, "gadget");
	assert_int_equal(r.errors[2].row, 6);
	assert_string_equal(r.errors[2].column, "cii");
	assert_non_null(strstr(d.msg, "3 errors"));
	csv_report_free(&r);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_null(reg_asset_by_code(g, "OK1"));
	assert_int_equal(g->nassets, 2);
	reg_free(g);
	store_close(s);
}

/* A dry run reports what it would do and writes nothing (no audit entry either); a second
 * import of a code held updates it with the columns the file has. */
static void dry_run_and_update(void **state)
{
	static const char csv[] = "code,name,kind,mlps_level\nWEB,新门户,portal,2\nNEW,新系统,server,\n";
	struct store *s = populated("csv-dry");
	struct cd_diag d = {{0}};
	struct csv_report r;
	struct reg *g = NULL;
	int64_t head = 0, after = 0;
	(void)state;

	assert_int_equal(store_generation(s, &head, NULL), CD_OK);
	assert_int_equal(run(s, CSV_ASSETS, csv, strlen(csv), true, &r, &d), CD_OK);
	assert_int_equal(r.created, 1);
	assert_int_equal(r.updated, 1);
	csv_report_free(&r);
	assert_int_equal(store_generation(s, &after, NULL), CD_OK);
	assert_int_equal(after, head);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_string_equal(reg_asset_by_code(g, "WEB")->name, "学校门户网站");
	assert_null(reg_asset_by_code(g, "NEW"));
	reg_free(g);

	assert_int_equal(run(s, CSV_ASSETS, csv, strlen(csv), false, &r, &d), CD_OK);
	csv_report_free(&r);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_string_equal(reg_asset_by_code(g, "WEB")->name, "新门户");
	assert_int_equal(reg_asset_by_code(g, "WEB")->mlps_level, 2);
	/* columns the file has not are kept */
	assert_string_equal(reg_asset_by_code(g, "WEB")->url, "https://www.example.edu.cn");
	assert_int_equal(reg_asset_by_code(g, "WEB")->graded_on, D("2024-01-02"));
	assert_non_null(reg_asset_by_code(g, "NEW"));
	reg_free(g);
	store_close(s);
}

/* export writes kind of s in lang (svc_export) into a malloc'd buffer (*len bytes). */
static char *export(struct store *s, enum csv_kind k, enum csv_lang lang, size_t *len)
{
	struct cd_diag d = {{0}};
	struct act a = {.s = s, .actor = "test", .ip = "", .now = T("2026-12-03 10:00"), .d = &d};
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	struct export_in in = {.kind = k, .lang = lang, .f = f};

	if (svc_export(&a, &in) != CD_OK)
		fail_msg("export failed: %s", d.msg);
	fclose(f);
	return buf;
}

/* export → import into an empty database → the same export, in Chinese and in English; the
 * Chinese one opens in Excel (BOM) with the template's headers and labels. */
static void export_roundtrip(void **state)
{
	static const enum csv_kind order[] = {CSV_UNITS, CSV_PEOPLE, CSV_ASSETS, CSV_DUTIES,
					      CSV_PROJECTS};
	static const size_t count[] = {4, 3, 2, 3, 2};
	struct store *a = populated("csv-exp-a");
	(void)state;

	for (int lang = CSV_LANG_ZH; lang <= CSV_LANG_EN; lang++) {
		struct store *b = fresh(lang == CSV_LANG_ZH ? "csv-exp-zh" : "csv-exp-en");

		for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
			size_t l1, l2;
			char *first = export(a, order[k], (enum csv_lang)lang, &l1), *second;

			import_ok(b, order[k], first, count[k]);
			second = export(b, order[k], (enum csv_lang)lang, &l2);
			assert_int_equal(l1, l2);
			assert_memory_equal(first, second, l1);
			assert_memory_equal(first, "\xEF\xBB\xBF", 3);
			if (lang == CSV_LANG_ZH && order[k] == CSV_UNITS) {
				assert_memory_equal(first + 3, "编码,名称,上级编码,类型\r\n",
						    strlen("编码,名称,上级编码,类型\r\n"));
				assert_non_null(strstr(first, "\"计算机科学技术学院, 网络空间安全学院\""));
				assert_non_null(strstr(first, ",党委（党组）\r\n"));
			}
			if (lang == CSV_LANG_ZH && order[k] == CSV_ASSETS)
				assert_non_null(strstr(first, ",否,否,否,否,运行,"));
			if (lang == CSV_LANG_EN && order[k] == CSV_ASSETS)
				assert_non_null(strstr(first + 3, "code,name,kind,url,"));
			free(first);
			free(second);
		}
		store_close(b);
	}
	store_close(a);
}

/* run_path imports the file at path as kind (the act, as the CLI calls it). */
static enum cd_err run_path(struct store *s, enum csv_kind k, const char *path,
			    struct csv_report *r, struct cd_diag *d)
{
	struct import_in in = {.kind = k, .path = path};
	struct act a = {.s = s, .actor = "test", .ip = "", .now = T("2026-12-03 10:00"), .d = d};

	return svc_import(&a, &in, r);
}

/* XLSX: each kind exported as a workbook (libxlsxwriter: inline strings, dates as serial
 * numbers with a date format) and imported into an empty database gives the same register. */
static void xlsx_roundtrip(void **state)
{
	static const enum csv_kind order[] = {CSV_UNITS, CSV_PEOPLE, CSV_ASSETS, CSV_DUTIES,
					      CSV_PROJECTS};
	struct store *a = populated("xlsx-a"), *b = fresh("xlsx-b");
	char path[600];
	(void)state;

	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		struct cd_diag d = {{0}};
		struct act c = {.s = a, .actor = "test", .ip = "", .now = T("2026-12-03 10:00"),
				.d = &d};
		struct export_in in = {.kind = order[k], .xlsx = true, .path = path};
		struct csv_report r;
		size_t l1, l2;
		char *first, *second;

		snprintf(path, sizeof path, "%s/xlsx-%zu-%ld.xlsx", getenv("CD_TMP") ? getenv("CD_TMP") : "/tmp",
			 k, (long)getpid());
		assert_int_equal(svc_export(&c, &in), CD_OK);
		if (run_path(b, order[k], path, &r, &d) != CD_OK)
			fail_msg("kind %zu: %s %s", k, d.msg, r.nerrors ? r.errors[0].zh : "");
		assert_string_equal(r.encoding, "XLSX");
		csv_report_free(&r);
		unlink(path);
		first = export(a, order[k], CSV_LANG_ZH, &l1);
		second = export(b, order[k], CSV_LANG_ZH, &l2);
		assert_int_equal(l1, l2);
		assert_memory_equal(first, second, l1);
		free(first);
		free(second);
	}
	store_close(a);
	store_close(b);
}

/* An .xlsx as Excel writes it (shared strings, a notes sheet first, dates as date cells, a
 * level as a number) with three mistakes: all three reported with their rows, nothing written. */
static void xlsx_errors(void **state)
{
	struct store *s = populated("xlsx-err");
	struct cd_diag d = {{0}};
	struct csv_report r;
	struct reg *g = NULL;
	char path[600];
	lxw_workbook *wb;
	lxw_worksheet *notes, *ws;
	lxw_format *day;
	lxw_datetime on = {.year = 2024, .month = 3, .day = 1};
	(void)state;

	snprintf(path, sizeof path, "%s/xlsx-err-%ld.xlsx", getenv("CD_TMP") ? getenv("CD_TMP") : "/tmp",
		 (long)getpid());
	assert_non_null(wb = workbook_new(path));
	notes = workbook_add_worksheet(wb, "说明");
	ws = workbook_add_worksheet(wb, "信息系统");
	day = workbook_add_format(wb);
	format_set_num_format(day, "yyyy\"年\"m\"月\"d\"日\"");
	worksheet_write_string(notes, 0, 0, "这一页不是数据", NULL);
	worksheet_write_string(ws, 0, 0, "系统代码", NULL);
	worksheet_write_string(ws, 0, 1, "系统名称", NULL);
	worksheet_write_string(ws, 0, 2, "类型", NULL);
	worksheet_write_string(ws, 0, 3, "等保级别", NULL);
	worksheet_write_string(ws, 0, 4, "定级日期", NULL);
	worksheet_write_string(ws, 0, 5, "关键信息基础设施", NULL);
	/* row 2 good: a date cell and a number */
	worksheet_write_string(ws, 1, 0, "XA", NULL);
	worksheet_write_string(ws, 1, 1, "好", NULL);
	worksheet_write_string(ws, 1, 2, "门户网站", NULL);
	worksheet_write_number(ws, 1, 3, 2, NULL);
	worksheet_write_datetime(ws, 1, 4, &on, day);
	worksheet_write_boolean(ws, 1, 5, 1, NULL);
	/* row 4 (row 3 left empty): an unknown kind; row 5: a level 7; row 6: not yes/no */
	worksheet_write_string(ws, 3, 0, "XB", NULL);
	worksheet_write_string(ws, 3, 1, "坏一", NULL);
	worksheet_write_string(ws, 3, 2, "小程序", NULL);
	worksheet_write_string(ws, 4, 0, "XC", NULL);
	worksheet_write_string(ws, 4, 1, "坏二", NULL);
	worksheet_write_string(ws, 4, 2, "portal", NULL);
	worksheet_write_number(ws, 4, 3, 7, NULL);
	worksheet_write_string(ws, 5, 0, "XD", NULL);
	worksheet_write_string(ws, 5, 1, "坏三", NULL);
	worksheet_write_string(ws, 5, 2, "portal", NULL);
	worksheet_write_string(ws, 5, 5, "也许", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	assert_int_equal(run_path(s, CSV_ASSETS, path, &r, &d), CD_EINVAL);
	assert_int_equal(r.rows, 4);
	assert_int_equal(r.nerrors, 3);
	assert_int_equal(r.errors[0].row, 4);
	assert_string_equal(r.errors[0].column, "kind");
	assert_string_equal(r.errors[0].value, "小程序");
	assert_int_equal(r.errors[1].row, 5);
	assert_string_equal(r.errors[1].column, "mlps_level");
	assert_string_equal(r.errors[1].value, "7");
	assert_int_equal(r.errors[2].row, 6);
	assert_string_equal(r.errors[2].column, "cii");
	csv_report_free(&r);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_null(reg_asset_by_code(g, "XA"));
	reg_free(g);

	/* a header with merged cells is refused as such */
	assert_non_null(wb = workbook_new(path));
	ws = workbook_add_worksheet(wb, "assets");
	worksheet_merge_range(ws, 0, 0, 0, 1, "code", NULL);
	worksheet_write_string(ws, 0, 2, "kind", NULL);
	worksheet_write_string(ws, 1, 0, "XM", NULL);
	worksheet_write_string(ws, 1, 2, "portal", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	assert_int_equal(run_path(s, CSV_ASSETS, path, &r, &d), CD_EINVAL);
	{
		bool seen = false;

		for (size_t i = 0; i < r.nerrors; i++)
			seen |= strstr(r.errors[i].zh, "表头有合并的单元格（A1:B1）") != NULL;
		assert_true(seen);
	}
	csv_report_free(&r);

	/* without the bad rows it imports, the date cell read as a date */
	assert_non_null(wb = workbook_new(path));
	ws = workbook_add_worksheet(wb, "assets");
	day = workbook_add_format(wb);
	format_set_num_format(day, "yyyy/m/d");
	worksheet_write_string(ws, 0, 0, "code", NULL);
	worksheet_write_string(ws, 0, 1, "name", NULL);
	worksheet_write_string(ws, 0, 2, "kind", NULL);
	worksheet_write_string(ws, 0, 3, "mlps_level", NULL);
	worksheet_write_string(ws, 0, 4, "graded_on", NULL);
	worksheet_write_string(ws, 1, 0, "XA", NULL);
	worksheet_write_string(ws, 1, 1, " 好 ", NULL);
	worksheet_write_string(ws, 1, 2, "门户网站", NULL);
	worksheet_write_number(ws, 1, 3, 2, NULL);
	worksheet_write_datetime(ws, 1, 4, &on, day);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	if (run_path(s, CSV_ASSETS, path, &r, &d) != CD_OK)
		fail_msg("%s %s", d.msg, r.nerrors ? r.errors[0].zh : "");
	csv_report_free(&r);
	unlink(path);
	assert_int_equal(store_reg_load(s, &g, NULL), CD_OK);
	assert_string_equal(reg_asset_by_code(g, "XA")->name, "好");
	assert_int_equal(reg_asset_by_code(g, "XA")->graded_on, D("2024-03-01"));
	assert_int_equal(reg_asset_by_code(g, "XA")->mlps_level, 2);
	reg_free(g);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_files),
		cmocka_unit_test(spreadsheet_forms),
		cmocka_unit_test(gbk_file),
		cmocka_unit_test(headers_and_booleans),
		cmocka_unit_test(broken_files),
		cmocka_unit_test(every_error),
		cmocka_unit_test(dry_run_and_update),
		cmocka_unit_test(export_roundtrip),
		cmocka_unit_test(xlsx_roundtrip),
		cmocka_unit_test(xlsx_errors),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
