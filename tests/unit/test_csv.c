/* test_csv.c — CSV import, all or nothing: good files in English and Chinese, with BOM and
 * CRLF, quoted fields, forward references; a table of broken files, each refused with its
 * line and column and nothing written; export → import → export gives the same bytes. */
#include "testutil.h"

#include "io/csv_export.h"
#include "io/csv_import.h"
#include "store/store.h"

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

static struct store *fresh(const char *name)
{
	char path[512];
	struct store *s = NULL;

	assert_int_equal(store_open(tmp_db(path, sizeof(path), name), STORE_CREATE, &s, NULL),
			 CD_OK);
	return s;
}

static void import_ok(struct store *s, enum csv_kind k, const char *csv, size_t want)
{
	struct cd_diag d = {{0}};
	size_t n = 0;

	if (csv_import(s, k, csv, strlen(csv), "t.csv", &n, &d) != CD_OK)
		fail_msg("import failed: %s", d.msg);
	assert_int_equal(n, want);
}

static struct store *populated(const char *name)
{
	struct store *s = fresh(name);

	import_ok(s, CSV_UNITS, units_csv, 4);
	import_ok(s, CSV_PEOPLE, people_csv, 3);
	import_ok(s, CSV_ASSETS, assets_csv, 2);
	import_ok(s, CSV_DUTIES, duties_csv, 3);
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
	reg_free(r);
	store_close(s);
}

static void broken_files(void **state)
{
	static const struct {
		enum csv_kind kind;
		const char *csv, *message;
	} cases[] = {
		{CSV_UNITS, "", "b.csv:1: empty file"},
		{CSV_UNITS, "code,name,kind\nX,某,department\nY,某,faculty\n",
		 "b.csv:3:3: column \"kind\" (类型): unknown value \"faculty\""},
		{CSV_UNITS, "code,name\nX,某\n", "b.csv:1: missing column \"kind\" (类型)"},
		{CSV_UNITS, "code,名字,kind\n", "b.csv:1:2: unknown column \"名字\" for units"},
		{CSV_UNITS, "code,name,kind,code\n", "b.csv:1:4: column \"code\" appears twice"},
		{CSV_UNITS, "code,name,kind\nX,某,department,extra\n",
		 "b.csv:2: has 4 fields, the header has 3"},
		{CSV_UNITS, "code,name,kind\nX,,department\n",
		 "b.csv:2:2: column \"name\" (名称): must not be empty"},
		{CSV_UNITS, "code,name,kind\nROOT,again,department\n",
		 "b.csv:2:1: column \"code\" (编码): code \"ROOT\" already exists"},
		{CSV_UNITS, "code,name,kind\nN1,新,department\nN1,新,department\n",
		 "b.csv:3:1: column \"code\" (编码): code \"N1\" appears twice in this file"},
		{CSV_UNITS, "code,name,parent,kind\nN1,新,NOPE,department\n",
		 "b.csv:2:3: column \"parent\" (上级编码): no unit with code \"NOPE\""},
		{CSV_UNITS, "code,name,parent,kind\nN1,一,N2,department\nN2,二,N1,department\n",
		 "b.csv:2:3: column \"parent\" (上级编码): the parent chain of \"N1\" loops"},
		{CSV_UNITS, "code,name,kind\nN1,\"未闭合,department\n", "b.csv:2: malformed CSV"},
		{CSV_UNITS, "code,name,kind\nN1,\xC3\x28,department\n", "b.csv:2: not UTF-8"},
		{CSV_UNITS, "code,name,kind\nN1,a\x01,department\n",
		 "b.csv:2:2: column \"name\" (名称): contains a control character"},
		{CSV_PEOPLE, "code,name,unit\nP9,某,NOPE\n",
		 "b.csv:2:3: column \"unit\" (所属单位): no unit with code \"NOPE\" (import units "
		 "first)"},
		{CSV_PEOPLE, "code,name,email\nP9,某,not-an-address\n",
		 "b.csv:2:3: column \"email\" (邮箱): \"not-an-address\" is not an e-mail address"},
		{CSV_DUTIES, "person,role,unit,from\nNOBODY,principal,ROOT,2024-01-01\n",
		 "b.csv:2:1: column \"person\" (人员工号): no person with code \"NOBODY\""},
		{CSV_DUTIES, "person,role,unit,from\nT1,boss,ROOT,2024-01-01\n",
		 "b.csv:2:2: column \"role\" (角色): unknown value \"boss\""},
		{CSV_DUTIES, "person,role,unit,asset,from\nT1,principal,ROOT,WEB,2024-01-01\n",
		 "b.csv:2:4: column \"asset\" (资产编码): give exactly one of unit and asset"},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,,2024-01-01\n",
		 "b.csv:2:3: column \"unit\" (单位编码): give exactly one of unit and asset"},
		{CSV_DUTIES, "person,role,unit,from\nT1,principal,ROOT,2024/01/01\n",
		 "b.csv:2:4: column \"from\" (起始日期): \"2024/01/01\" is not a date YYYY-MM-DD"},
		{CSV_DUTIES, "person,role,unit,from,to\nT1,principal,ROOT,2024-01-01,2023-01-01\n",
		 "b.csv:2:5: column \"to\" (截止日期): the last day (2023-01-01) is before the "
		 "first (2024-01-01)"},
		{CSV_ASSETS, "code,name,kind,mlps_level\nZ,某,portal,6\n",
		 "b.csv:2:4: column \"mlps_level\" (等保级别): \"6\" is not an MLPS level 0-5"},
		{CSV_ASSETS, "code,name,kind,cii\nZ,某,portal,maybe\n",
		 "b.csv:2:4: column \"cii\" (关键信息基础设施): \"maybe\" is not yes/no"},
		{CSV_ASSETS, "code,name,kind,graded_on\nZ,某,portal,2024-01-01\n",
		 "b.csv:2:4: column \"graded_on\" (定级日期): a grading or filing date needs an MLPS level"},
		{CSV_ASSETS, "code,name,kind,mlps_level,graded_on,filed_on\nZ,某,portal,2,2024-02-01,2024-01-01\n",
		 "b.csv:2:6: column \"filed_on\" (备案日期): filed before it was graded"},
		{CSV_ASSETS, "code,name,kind,manager_unit\nZ,某,portal,NOPE\n",
		 "b.csv:2:4: column \"manager_unit\" (主管单位): no unit with code \"NOPE\""},
		{CSV_ASSETS, "code,name,kind,status\nZ,某,portal,broken\n",
		 "b.csv:2:4: column \"status\" (状态): unknown value \"broken\""},
	};
	struct store *s = populated("csv-bad");
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		struct reg *before = NULL, *after = NULL;
		size_t n = 99;

		/* good rows first: they must not survive the bad one */
		assert_int_equal(store_reg_load(s, &before, NULL), CD_OK);
		assert_int_equal(csv_import(s, cases[i].kind, cases[i].csv, strlen(cases[i].csv),
					    "b.csv", &n, &d),
				 CD_EINVAL);
		assert_int_equal(n, 0);
		if (strncmp(d.msg, cases[i].message, strlen(cases[i].message)))
			fail_msg("case %zu: got \"%s\", want \"%s…\"", i, d.msg, cases[i].message);
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

static char *export_all(struct store *s, size_t *len)
{
	struct reg *r = NULL;
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	assert_int_equal(store_reg_load(s, &r, NULL), CD_OK);
	for (int k = 0; k < CSV__MAX; k++)
		assert_int_equal(csv_export(r, (enum csv_kind)k, f, NULL), CD_OK);
	fclose(f);
	reg_free(r);
	return buf;
}

static void export_roundtrip(void **state)
{
	struct store *a = populated("csv-exp-a"), *b = fresh("csv-exp-b");
	struct reg *r = NULL;
	char *first, *second, *part;
	size_t l1, l2, plen;
	(void)state;

	first = export_all(a, &l1);
	/* import each kind's export into an empty database (units, people, assets, duties) */
	assert_int_equal(store_reg_load(a, &r, NULL), CD_OK);
	for (int k = 0; k < CSV__MAX; k++) {
		static const enum csv_kind order[] = {CSV_UNITS, CSV_PEOPLE, CSV_ASSETS, CSV_DUTIES};
		FILE *f = open_memstream(&part, &plen);

		assert_int_equal(csv_export(r, order[k], f, NULL), CD_OK);
		fclose(f);
		import_ok(b, order[k], part,
			  order[k] == CSV_UNITS ? 4 : order[k] == CSV_PEOPLE ? 3 : order[k] == CSV_ASSETS ? 2 : 3);
		free(part);
	}
	second = export_all(b, &l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(first, second, l1);
	assert_non_null(strstr(first, "\"计算机科学技术学院, 网络空间安全学院\""));
	free(first);
	free(second);
	reg_free(r);
	store_close(a);
	store_close(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_files),
		cmocka_unit_test(broken_files),
		cmocka_unit_test(export_roundtrip),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
