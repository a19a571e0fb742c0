/* test_register.c — the register's acts (svc/register.h) over a fresh database each: every
 * case is one act on a small organisation, accepted (one audit entry of its action, with the
 * record before and after) or refused naming the field — a missing value, a rule of the
 * register, an unknown reference, a reference or result outside the caller's scope, a code
 * taken or changed — with nothing written; and the asset's JSON, the same bytes from the API's
 * text writer as from svc_asset_json. */
#include "testutil.h"

#include <jansson.h>
#include <sqlite3.h>

#include "api/api_int.h" /* api_asset_text, api_writer_plain */
#include "store/store.h"
#include "svc/register.h"

/* The organisation of every case: 党委 R over 学院 C (with its 实验室 L) and 教务处 E; a person
 * and a system of C and of E; a duty and a project of C. */
struct org {
	char path[512];
	struct store *s;
	int64_t r, c, l, e, pc, pe, ac, ae, duty, prj;
};

static void org_make(struct org *o, const char *name)
{
	struct cd_diag d = {{0}};
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct unit c = {.code = "C", .name = "学院", .kind = UNIT_DEPARTMENT};
	struct unit l = {.code = "L", .name = "实验室", .kind = UNIT_DEPARTMENT};
	struct unit e = {.code = "E", .name = "教务处", .kind = UNIT_DEPARTMENT};
	struct person pc = {.code = "PC", .name = "张三", .title = "书记"};
	struct person pe = {.code = "PE", .name = "李四"};
	struct asset ac = {.code = "AC", .name = "学院网站", .kind = ASSET_PORTAL,
			   .status = STATUS_LIVE, .graded_on = CD_DATE_NONE,
			   .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE};
	struct asset ae = ac;
	struct duty du = {.role = ROLE_SECURITY_OFFICER, .from = D("2026-01-01"),
			  .to = CD_DATE_NONE};
	struct project prj = {.code = "XM", .name = "平台", .year = 2026, .total = 1000,
			      .security = 50};

	assert_int_equal(store_open(tmp_db_uri(o->path, sizeof o->path, name), STORE_CREATE, &o->s,
				    &d),
			 CD_OK);
	assert_int_equal(store_unit_add(o->s, &r, &d), CD_OK);
	c.parent = e.parent = r.id;
	assert_int_equal(store_unit_add(o->s, &c, &d), CD_OK);
	assert_int_equal(store_unit_add(o->s, &e, &d), CD_OK);
	l.parent = c.id;
	assert_int_equal(store_unit_add(o->s, &l, &d), CD_OK);
	pc.unit = c.id;
	pe.unit = e.id;
	assert_int_equal(store_person_add(o->s, &pc, &d), CD_OK);
	assert_int_equal(store_person_add(o->s, &pe, &d), CD_OK);
	ac.rel[REL_MANAGER] = c.id;
	ae.code = "AE";
	ae.name = "教务系统";
	ae.rel[REL_MANAGER] = e.id;
	assert_int_equal(store_asset_add(o->s, &ac, &d), CD_OK);
	assert_int_equal(store_asset_add(o->s, &ae, &d), CD_OK);
	du.person = pc.id;
	du.unit = c.id;
	assert_int_equal(store_duty_add(o->s, &du, &d), CD_OK);
	prj.unit = c.id;
	assert_int_equal(store_project_add(o->s, &prj, &d), CD_OK);
	o->r = r.id;
	o->c = c.id;
	o->l = l.id;
	o->e = e.id;
	o->pc = pc.id;
	o->pe = pe.id;
	o->ac = ac.id;
	o->ae = ae.id;
	o->duty = du.id;
	o->prj = prj.id;
}

/* sql_text: the first column of the first row of stmt over the database at path (a SQLite
 * file, read behind the store's back: what was written, not what the store says). */
static void sql_text(const char *path, const char *stmt, char *out, size_t n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	if (!strncmp(path, "sqlite:", 7))
		path += 7;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, stmt, -1, &st, NULL), SQLITE_OK);
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* What a case may change: the rows of the register and the audit log, and every value of them
 * (a refused update must leave the record as it was, not only the count). */
static void snapshot(const char *path, char *out, size_t n)
{
	sql_text(path,
		 "SELECT (SELECT count(*) FROM unit) || ' ' || (SELECT count(*) FROM person)"
		 " || ' ' || (SELECT count(*) FROM duty) || ' ' || (SELECT count(*) FROM project)"
		 " || ' ' || (SELECT count(*) FROM asset) || ' ' || (SELECT count(*) FROM"
		 " audit_entry)"
		 " || (SELECT group_concat(quote(code) || quote(name) || quote(parent_id) ||"
		 "  quote(kind)) FROM unit)"
		 " || (SELECT group_concat(quote(code) || quote(unit_id) || quote(title))"
		 "  FROM person)"
		 " || (SELECT group_concat(quote(person_id) || quote(valid_from) ||"
		 "  quote(valid_to) || quote(note)) FROM duty)"
		 " || (SELECT group_concat(quote(code) || quote(unit_id) || quote(total_budget) ||"
		 "  quote(security_budget)) FROM project)"
		 " || (SELECT group_concat(quote(code) || quote(name) || quote(url) ||"
		 "  quote(manager_unit) || quote(mlps_level)) FROM asset)",
		 out, n);
}

enum op {
	UNIT_ADD, UNIT_UPD, PERSON_ADD, PERSON_UPD, DUTY_ADD, DUTY_UPD, PROJECT_ADD, PROJECT_UPD,
	ASSET_ADD, ASSET_UPD
};

/* The record an update names, by its place in struct org. */
enum target { T_NONE, T_R, T_C, T_L, T_E, T_PC, T_PE, T_AC, T_AE, T_DUTY, T_PRJ };

struct case_ {
	const char *name;
	enum op op;
	bool scoped;  /* the caller's scope is C (else the whole organisation) */
	enum target id;
	struct unit_in unit;
	struct person_in person;
	struct duty_in duty;
	struct project_in project;
	struct asset_in asset;
	enum cd_err rc;
	const char *field, *why; /* the refusal's field and machine code */
	const char *action;      /* the audit action when accepted */
};

/* Each input starts from "nothing given" and a case overrides what it gives. */
#pragma GCC diagnostic ignored "-Woverride-init"
#define U(...)  .unit = {.kind = -1, __VA_ARGS__}
#define P(...)  .person = {__VA_ARGS__}
#define DU(...) .duty = {.role = -1, .from = CD_DATE_NONE, .to = CD_DATE_NONE, __VA_ARGS__}
#define PR(...) .project = {.year = -1, .total = -1, .security = -1, __VA_ARGS__}
#define AS(...)                                                                                    \
	.asset = {.kind = -1, .mlps_level = -1, .graded_on = CD_DATE_NONE,                        \
		  .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE, .assess_result = -1,      \
		  .cii = -1, .internet_facing = -1, .personal_info = -1,                           \
		  .protection_installed = -1, .status = -1, __VA_ARGS__}
#define OK(act)       .action = act
#define NO(err, name) .rc = err, .field = name
#define OUT(name)     .rc = CD_EINVAL, .field = name, .why = "out_of_scope"
/* a reference to a record outside the scope: refused exactly as one that does not exist */
#define FOREIGN(name) NO(CD_ENOTFOUND, name)
/* Days of the tables (day numbers since 1970-01-01): the fixture's duty runs from 2026-01-01. */
#define D_2024_10_04 20000
#define D_2026_02_16 20500
#define D_2026_02_15 20499
#define D_2026_05_27 20600

static const struct case_ cases[] = {
	/* units */
	{"unit add", UNIT_ADD, false, T_NONE,
	 U(.code = "N", .name = "新", .parent = "C", .kind = UNIT_DEPARTMENT), OK("unit.create")},
	{"unit add in scope", UNIT_ADD, true, T_NONE,
	 U(.code = "N", .name = "新", .parent = "L", .kind = UNIT_DEPARTMENT), OK("unit.create")},
	{"unit add without name", UNIT_ADD, false, T_NONE,
	 U(.code = "N", .kind = UNIT_DEPARTMENT), NO(CD_EINVAL, "name")},
	{"unit add without kind", UNIT_ADD, false, T_NONE,
	 U(.code = "N", .name = "新"), NO(CD_EINVAL, "kind")},
	{"unit add code taken", UNIT_ADD, false, T_NONE,
	 U(.code = "E", .name = "新", .parent = "R", .kind = UNIT_DEPARTMENT),
	 NO(CD_ECONFLICT, "code")},
	{"unit add unknown parent", UNIT_ADD, false, T_NONE,
	 U(.code = "N", .name = "新", .parent = "NOPE", .kind = UNIT_DEPARTMENT),
	 NO(CD_ENOTFOUND, "parent")},
	{"unit add under a unit out of scope", UNIT_ADD, true, T_NONE,
	 U(.code = "N", .name = "新", .parent = "E", .kind = UNIT_DEPARTMENT), FOREIGN("parent")},
	{"unit add a root from a scope", UNIT_ADD, true, T_NONE,
	 U(.code = "N", .name = "新", .kind = UNIT_DEPARTMENT), OUT("parent")},
	{"unit rename", UNIT_UPD, true, T_L, U(.code = "L", .name = "网络实验室"), OK("unit.update")},
	{"unit move", UNIT_UPD, false, T_L, U(.parent = "E"), OK("unit.update")},
	{"unit code changed", UNIT_UPD, false, T_L, U(.code = "L2"), NO(CD_EINVAL, "code")},
	{"unit under its own subtree", UNIT_UPD, false, T_C,
	 U(.parent = "L"), NO(CD_EINVAL, "parent")},
	{"unit under itself", UNIT_UPD, false, T_C, U(.parent = "C"), NO(CD_EINVAL, "parent")},
	{"unit: the top of the scope, under a unit out of it", UNIT_UPD, true, T_C,
	 U(.parent = "E"), FOREIGN("parent")},
	{"unit: the top of the scope, in it", UNIT_UPD, true, T_C,
	 U(.parent = "L"), NO(CD_EINVAL, "parent")},
	{"unit: a root", UNIT_UPD, false, T_R, U(.parent = "C"), NO(CD_EINVAL, "parent")},
	{"unit: a root's kind", UNIT_UPD, false, T_R,
	 U(.kind = UNIT_EXTERNAL_AUTHORITY), NO(CD_EINVAL, "kind")},
	{"unit moved out of scope", UNIT_UPD, true, T_L, U(.parent = "E"), FOREIGN("parent")},
	{"unit out of scope", UNIT_UPD, true, T_E, U(.name = "x"), NO(CD_ENOTFOUND, NULL)},
	/* persons */
	{"person add", PERSON_ADD, true, T_NONE,
	 P(.code = "PN", .name = "王五", .unit = "L"), OK("person.create")},
	{"person add without name", PERSON_ADD, false, T_NONE,
	 P(.code = "PN", .unit = "C"), NO(CD_EINVAL, "name")},
	{"person add code taken", PERSON_ADD, false, T_NONE,
	 P(.code = "PE", .name = "王五", .unit = "C"), NO(CD_ECONFLICT, "code")},
	{"person add unknown unit", PERSON_ADD, false, T_NONE,
	 P(.code = "PN", .name = "王五", .unit = "NOPE"), NO(CD_ENOTFOUND, "unit")},
	{"person add out of scope", PERSON_ADD, true, T_NONE,
	 P(.code = "PN", .name = "王五", .unit = "E"), FOREIGN("unit")},
	{"person add without unit from a scope", PERSON_ADD, true, T_NONE,
	 P(.code = "PN", .name = "王五"), OUT("unit")},
	{"person title cleared", PERSON_UPD, true, T_PC,
	 P(.clear = PERSON_CLEAR_TITLE), OK("person.update")},
	{"person code changed", PERSON_UPD, false, T_PC, P(.code = "PX"), NO(CD_EINVAL, "code")},
	{"person moved out of scope", PERSON_UPD, true, T_PC, P(.unit = "E"), FOREIGN("unit")},
	{"person out of scope", PERSON_UPD, true, T_PE, P(.name = "x"), NO(CD_ENOTFOUND, NULL)},
	/* duties */
	{"duty add", DUTY_ADD, true, T_NONE,
	 DU(.role = ROLE_ASSET_CUSTODIAN, .person = "PC", .asset = "AC", .from = D_2026_02_16),
	 OK("duty.create")},
	{"duty add without role", DUTY_ADD, false, T_NONE,
	 DU(.person = "PC", .unit = "C", .from = D_2026_02_16), NO(CD_EINVAL, "role")},
	{"duty add for unit and asset", DUTY_ADD, false, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PC", .unit = "C", .asset = "AC",
	    .from = D_2026_02_16), NO(CD_EINVAL, "unit")},
	{"duty add for nothing", DUTY_ADD, false, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PC", .from = D_2026_02_16), NO(CD_EINVAL, "unit")},
	{"duty add without from", DUTY_ADD, false, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PC", .unit = "C"), NO(CD_EINVAL, "from")},
	{"duty add ending before it starts", DUTY_ADD, false, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PC", .unit = "C", .from = D_2026_02_16,
	    .to = D_2026_02_15), NO(CD_EINVAL, "to")},
	{"duty add unknown person", DUTY_ADD, false, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "NOPE", .unit = "C", .from = D_2026_02_16),
	 NO(CD_ENOTFOUND, "person")},
	{"duty add holder out of scope", DUTY_ADD, true, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PE", .unit = "C", .from = D_2026_02_16),
	 FOREIGN("person")},
	{"duty add unit out of scope", DUTY_ADD, true, T_NONE,
	 DU(.role = ROLE_PRINCIPAL, .person = "PC", .unit = "E", .from = D_2026_02_16),
	 FOREIGN("unit")},
	{"duty add system out of scope", DUTY_ADD, true, T_NONE,
	 DU(.role = ROLE_ASSET_CUSTODIAN, .person = "PC", .asset = "AE", .from = D_2026_02_16),
	 FOREIGN("asset")},
	{"duty ended", DUTY_UPD, true, T_DUTY,
	 DU(.to = D_2026_05_27, .note = "调任"), OK("duty.update")},
	{"duty ending before it starts", DUTY_UPD, false, T_DUTY,
	 DU(.to = D_2024_10_04), NO(CD_EINVAL, "to")},
	{"duty's role changed", DUTY_UPD, false, T_DUTY,
	 DU(.role = ROLE_PRINCIPAL), NO(CD_EINVAL, "role")},
	{"duty's unit changed", DUTY_UPD, false, T_DUTY, DU(.unit = "E"), NO(CD_EINVAL, "unit")},
	{"duty's holder out of scope", DUTY_UPD, true, T_DUTY, DU(.person = "PE"),
	 FOREIGN("person")},
	/* projects */
	{"project add", PROJECT_ADD, true, T_NONE,
	 PR(.code = "XN", .name = "新项目", .unit = "C", .year = 2026, .total = 100, .security = 5),
	 OK("project.create")},
	{"project add without total", PROJECT_ADD, false, T_NONE,
	 PR(.code = "XN", .name = "新项目", .unit = "C", .year = 2026), NO(CD_EINVAL, "total")},
	{"project add over budget", PROJECT_ADD, false, T_NONE,
	 PR(.code = "XN", .name = "新项目", .unit = "C", .year = 2026, .total = 100, .security = 101),
	 NO(CD_EINVAL, "security")},
	{"project add code taken", PROJECT_ADD, false, T_NONE,
	 PR(.code = "XM", .name = "新项目", .unit = "C", .year = 2026, .total = 100),
	 NO(CD_ECONFLICT, "code")},
	{"project add out of scope", PROJECT_ADD, true, T_NONE,
	 PR(.code = "XN", .name = "新项目", .unit = "E", .year = 2026, .total = 100),
	 FOREIGN("unit")},
	{"project budget changed", PROJECT_UPD, true, T_PRJ,
	 PR(.total = 2000, .security = 100), OK("project.update")},
	{"project total under security", PROJECT_UPD, false, T_PRJ,
	 PR(.total = 10), NO(CD_EINVAL, "security")},
	{"project code changed", PROJECT_UPD, false, T_PRJ,
	 PR(.code = "XX"), NO(CD_EINVAL, "code")},
	/* assets */
	{"asset add", ASSET_ADD, true, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_INFO_SYSTEM, .rel[REL_MANAGER] = "C",
	    .rel[REL_OPERATOR] = "L"), OK("asset.create")},
	{"asset add across units", ASSET_ADD, false, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_INFO_SYSTEM, .rel[REL_MANAGER] = "C",
	    .rel[REL_OPERATOR] = "E"), OK("asset.create")},
	{"asset add operated out of scope", ASSET_ADD, true, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_INFO_SYSTEM, .rel[REL_MANAGER] = "C",
	    .rel[REL_OPERATOR] = "E"), FOREIGN("operator_unit")},
	{"asset add without kind", ASSET_ADD, false, T_NONE,
	 AS(.code = "AN", .name = "新系统", .rel[REL_MANAGER] = "C"), NO(CD_EINVAL, "kind")},
	{"asset add graded without level", ASSET_ADD, false, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_SERVER, .graded_on = D_2026_02_16),
	 NO(CD_EINVAL, "mlps_level")},
	{"asset add code taken", ASSET_ADD, false, T_NONE,
	 AS(.code = "AE", .name = "新系统", .kind = ASSET_SERVER), NO(CD_ECONFLICT, "code")},
	{"asset add unknown unit", ASSET_ADD, false, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_SERVER, .rel[REL_USER] = "NOPE"),
	 NO(CD_ENOTFOUND, "user_unit")},
	{"asset add out of scope", ASSET_ADD, true, T_NONE,
	 AS(.code = "AN", .name = "新系统", .kind = ASSET_SERVER, .rel[REL_MANAGER] = "E"),
	 FOREIGN("manager_unit")},
	{"asset url set", ASSET_UPD, true, T_AC,
	 AS(.url = "https://c.example.cn/"), OK("asset.update")},
	{"asset code changed", ASSET_UPD, false, T_AC, AS(.code = "AX"), NO(CD_EINVAL, "code")},
	{"asset manager cleared from a scope", ASSET_UPD, true, T_AC,
	 AS(.clear = ASSET_CLEAR_REL(REL_MANAGER)), OUT("manager_unit")},
	{"asset out of scope", ASSET_UPD, true, T_AE, AS(.name = "x"), NO(CD_ENOTFOUND, NULL)},
};

static int64_t target(const struct org *o, enum target t)
{
	const int64_t ids[] = {0, o->r, o->c, o->l, o->e, o->pc, o->pe, o->ac, o->ae, o->duty,
			       o->prj};

	return ids[t];
}

static enum cd_err run(struct act *c, const struct case_ *k, int64_t id)
{
	struct rec_row w;
	struct asset_row a;

	switch (k->op) {
	case UNIT_ADD: return svc_unit_add(c, &k->unit, &w);
	case UNIT_UPD: return svc_unit_update(c, id, &k->unit, &w);
	case PERSON_ADD: return svc_person_add(c, &k->person, &w);
	case PERSON_UPD: return svc_person_update(c, id, &k->person, &w);
	case DUTY_ADD: return svc_duty_add(c, &k->duty, &w);
	case DUTY_UPD: return svc_duty_update(c, id, &k->duty, &w);
	case PROJECT_ADD: return svc_project_add(c, &k->project, &w);
	case PROJECT_UPD: return svc_project_update(c, id, &k->project, &w);
	case ASSET_ADD: return svc_asset_add(c, &k->asset, &a);
	default: return svc_asset_update(c, id, &k->asset, &a);
	}
}

static void acts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct case_ *k = &cases[i];
		struct org o;
		struct cd_diag d = {{0}};
		struct arena *a = arena_new(0);
		struct act c;
		char before[8192], after[8192], last[256], want[256];
		enum cd_err rc;

		org_make(&o, "register");
		c = (struct act){.s = o.s, .actor = "test", .ip = "", .now = T("2026-05-01T10:00"),
				 .scope = k->scoped ? o.c : 0, .a = a, .d = &d};
		snapshot(o.path, before, sizeof before);
		rc = run(&c, k, target(&o, k->id));
		if (rc != k->rc)
			fail_msg("%s: %s, want %s (%s)", k->name, cd_strerror(rc),
				 cd_strerror(k->rc), d.msg);
		if ((k->field || c.field) && (!k->field || !c.field || strcmp(k->field, c.field)))
			fail_msg("%s: names field %s, want %s (%s)", k->name,
				 c.field ? c.field : "-", k->field ? k->field : "-", d.msg);
		if ((k->why || c.why) && (!k->why || !c.why || strcmp(k->why, c.why)))
			fail_msg("%s: why %s, want %s", k->name, c.why ? c.why : "-",
				 k->why ? k->why : "-");
		if (rc && !d.msg[0])
			fail_msg("%s: a refusal without a message", k->name);
		store_close(o.s);
		snapshot(o.path, after, sizeof after);
		if (rc) {
			if (strcmp(before, after))
				fail_msg("%s: refused, yet written:\n%s\n%s", k->name, before,
					 after);
		} else {
			/* one entry of the act's action; before for an update, after always */
			sql_text(o.path,
				 "SELECT (SELECT count(*) FROM audit_entry) || ' ' || action || ' ' ||"
				 " (before IS NOT NULL) || ' ' || json_valid(after)"
				 " FROM audit_entry ORDER BY seq DESC LIMIT 1",
				 last, sizeof last);
			snprintf(want, sizeof want, "1 %s %d 1", k->action,
				 strstr(k->action, ".update") != NULL);
			assert_string_equal(last, want);
			assert_string_not_equal(before, after);
		}
		arena_free(a);
	}
}

/* The asset's JSON: the API's text writer and svc_asset_json dumped compact give the same bytes,
 * for values of every kind — nulls, dates, booleans, Chinese, quotes, slashes, escapes. */
static void asset_bytes(void **state)
{
	struct asset_row r = {
		.a = {.id = 42, .code = "XYW", .name = "学校\"门户\"网站", .kind = ASSET_PORTAL,
		      .url = "https://www.example.edu.cn/a?b=c&d", .maintainer = "某公司\\运维\t组",
		      .software = NULL, .mlps_level = 3, .graded_on = D("2024-01-02"),
		      .filing_no = "150100-0001", .filed_on = CD_DATE_NONE,
		      .assessed_on = D("2025-06-30"), .assess_result = ASSESS_BASIC, .cii = true,
		      .internet_facing = false, .personal_info = true,
		      .protection_installed = false,
		      .status = STATUS_BUILDING, .admin_level = "prefecture_or_above"},
		.unit_code = {NULL, "C", "XXZX", NULL},
	};
	const char *names[] = {"学校门户网站", "a\nb\rc\bd\fe\x01\x1f\x7f", "/slash/", ""};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		struct dynbuf b;
		struct jw w;
		json_t *j;
		char *dumped;

		r.a.name = names[i];
		r.a.software = i % 2 ? "WordPress 6" : NULL;
		r.a.rel[REL_USER] = 0;
		api_writer_plain(&w, &b);
		api_asset_text(&w, &r);
		assert_true(jw_done(&w));
		assert_non_null(j = svc_asset_json(&r));
		assert_non_null(dumped = json_dumps(j, JSON_COMPACT));
		assert_string_equal(b.p, dumped);
		assert_int_equal(b.len, strlen(dumped));
		dynbuf_free(&b);
		free(dumped);
		json_decref(j);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acts),
		cmocka_unit_test(asset_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
