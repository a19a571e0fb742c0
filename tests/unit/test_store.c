/* test_store.c — the SQLite backend through store.h: create, migrate, round-trip every record
 * kind (incidents with their timeline too), reopen, transactions, the register one record and
 * one keyset page at a time (what the server reads) and its updates, and the errors a caller
 * can meet. */
#include "testutil.h"

#include <sqlite3.h>

#include "embed/embed.h"
#include "store/store.h"

static void create_and_reopen(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	char *id = NULL, *src = NULL;
	size_t len = 0;
	(void)state;

	tmp_db(path, sizeof(path), "store-create");
	assert_int_equal(store_open(path, 0, &s, &d), CD_ENOTFOUND);
	assert_non_null(strstr(d.msg, "cyberduty init"));
	assert_int_equal(store_open(path, STORE_CREATE, &s, &d), CD_OK);
	assert_int_equal(store_profile_get(s, &id, &src, &len, &d), CD_ENOTFOUND);
	assert_int_equal(store_profile_set(s, "p-1", 1, "id: p-1\n", 8, "2026-11-21", &d), CD_OK);
	assert_int_equal(store_profile_set(s, "p-2", 3, "id: p-2\n", 8, "2026-11-22", &d), CD_OK);
	store_close(s);
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK); /* migrations are not re-run */
	assert_int_equal(store_profile_get(s, &id, &src, &len, &d), CD_OK);
	assert_string_equal(id, "p-2"); /* the newest version is in force */
	assert_int_equal(len, 8);
	free(id);
	free(src);
	store_close(s);
	assert_int_equal(store_open("postgres://x", 0, &s, &d), CD_EINVAL);
	assert_int_equal(store_open("", 0, &s, &d), CD_EINVAL);
}

static void roundtrip(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct reg *r = NULL;
	struct unit root = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct unit col = {.code = "C", .name = "学院", .kind = UNIT_DEPARTMENT};
	struct person p = {.code = "T1", .name = "张三", .title = "书记", .email = "z@x.cn"};
	struct asset a = {.code = "A", .name = "门户", .kind = ASSET_PORTAL, .url = "https://x",
			  .mlps_level = 3, .filing_no = "150100-0001", .cii = true,
			  .internet_facing = true, .status = STATUS_BUILDING,
			  .assess_result = ASSESS_BASIC, .admin_level = "prefecture_or_above"};
	struct duty du = {.role = ROLE_FIRST_RESPONSIBLE};
	(void)state;

	assert_int_equal(store_open(tmp_db(path, sizeof(path), "store-rt"), STORE_CREATE, &s, &d),
			 CD_OK);
	assert_int_equal(store_unit_add(s, &root, &d), CD_OK);
	col.parent = root.id;
	assert_int_equal(store_unit_add(s, &col, &d), CD_OK);
	p.unit = col.id;
	assert_int_equal(store_person_add(s, &p, &d), CD_OK);
	a.graded_on = D("2024-01-02");
	a.filed_on = D("2024-01-20");
	a.assessed_on = CD_DATE_NONE;
	a.rel[REL_MANAGER] = col.id;
	a.rel[REL_OPERATOR] = root.id;
	assert_int_equal(store_asset_add(s, &a, &d), CD_OK);
	du.person = p.id;
	du.unit = col.id;
	du.from = D("2021-09-01");
	du.to = D("2025-08-31");
	assert_int_equal(store_duty_add(s, &du, &d), CD_OK);
	store_close(s);

	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	assert_int_equal(store_reg_load(s, &r, &d), CD_OK);
	assert_int_equal(r->nunits, 2);
	assert_int_equal(r->units[1].parent, r->units[0].id);
	assert_int_equal(r->units[1].kind, UNIT_DEPARTMENT);
	assert_string_equal(r->people[0].name, "张三");
	assert_null(r->people[0].phone);
	assert_string_equal(r->assets[0].url, "https://x");
	assert_int_equal(r->assets[0].mlps_level, 3);
	assert_int_equal(r->assets[0].graded_on, D("2024-01-02"));
	assert_int_equal(r->assets[0].assessed_on, CD_DATE_NONE);
	assert_int_equal(r->assets[0].rel[REL_OPERATOR], root.id);
	assert_int_equal(r->assets[0].rel[REL_USER], 0);
	assert_true(r->assets[0].cii);
	assert_false(r->assets[0].personal_info);
	assert_int_equal(r->assets[0].status, STATUS_BUILDING);
	assert_int_equal(r->assets[0].assess_result, ASSESS_BASIC);
	assert_string_equal(r->assets[0].admin_level, "prefecture_or_above");
	assert_int_equal(r->duties[0].to, D("2025-08-31"));
	assert_int_equal(r->duties[0].role, ROLE_FIRST_RESPONSIBLE);
	reg_free(r);
	store_close(s);
}

static void errors_and_transactions(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct reg *r = NULL;
	struct unit u = {.code = "U", .name = "单位", .kind = UNIT_DEPARTMENT};
	struct unit dup = {.code = "U", .name = "重复", .kind = UNIT_DEPARTMENT};
	struct unit orphan = {.code = "O", .name = "孤儿", .kind = UNIT_DEPARTMENT, .parent = 999};
	struct person p = {.code = "P", .name = "某人"};
	struct duty both = {.role = ROLE_PRINCIPAL};
	int64_t g0, g1;
	(void)state;

	assert_int_equal(store_open(tmp_db(path, sizeof(path), "store-err"), STORE_CREATE, &s, &d),
			 CD_OK);
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	assert_int_equal(store_unit_add(s, &dup, &d), CD_ECONFLICT);
	assert_int_equal(store_unit_add(s, &orphan, &d), CD_ENOTFOUND);
	assert_int_equal(store_person_add(s, &p, &d), CD_OK);
	both.person = p.id;
	both.unit = u.id;
	both.asset = 0;
	both.from = D("2024-01-01");
	both.to = D("2023-01-01"); /* ends before it starts */
	assert_int_equal(store_duty_add(s, &both, &d), CD_EINVAL);

	/* a rolled-back transaction leaves nothing, its generation neither */
	assert_int_equal(store_generation(s, &g0, &d), CD_OK);
	assert_int_equal(store_begin(s, &d), CD_OK);
	u.code = "U2";
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	store_rollback(s);
	assert_int_equal(store_reg_load(s, &r, &d), CD_OK);
	assert_int_equal(r->nunits, 1);
	reg_free(r);
	assert_int_equal(store_generation(s, &g1, &d), CD_OK);
	assert_true(g1 == g0);
	/* a setting is not the organisation's data; a unit is */
	assert_int_equal(store_meta_set(s, "x", "1", &d), CD_OK);
	assert_int_equal(store_generation(s, &g1, &d), CD_OK);
	assert_true(g1 == g0);
	u.code = "U3";
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	assert_int_equal(store_generation(s, &g1, &d), CD_OK);
	assert_true(g1 != g0);
	store_close(s);
}

/* ids of a page of kind k in scope (0: all), after id `after`, at most max, in order. */
static size_t page_ids(struct store *s, enum store_rec k, int64_t scope, bool desc, int64_t after,
		       size_t max, int64_t *ids)
{
	struct arena *a = arena_new(0);
	struct rec_query q = {.scope = scope, .desc = desc, .after = after, .limit = max};
	struct rec_row *rows = NULL;
	struct cd_diag d = {{0}};
	size_t n = 0;

	assert_int_equal(store_rec_page(s, k, &q, a, &rows, &n, &d), CD_OK);
	for (size_t i = 0; i < n; i++)
		ids[i] = k == SR_UNIT	  ? rows[i].r.unit.id
			 : k == SR_DUTY	  ? rows[i].r.duty.id
			 : k == SR_PERSON ? rows[i].r.person.id
					  : rows[i].r.project.id;
	arena_free(a);
	return n;
}

/* A tree R > C > L (and X, an outside authority), a person of C, a system managed by L and one
 * only operated by R; duties for C, for each system. Read one at a time and a page at a time,
 * scoped by subtree; changed; refused. */
static void register_rows(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct arena *a = arena_new(0);
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct unit c = {.code = "C", .name = "学院", .kind = UNIT_DEPARTMENT};
	struct unit l = {.code = "L", .name = "实验室", .kind = UNIT_DEPARTMENT};
	struct unit x = {.code = "X", .name = "公安", .kind = UNIT_EXTERNAL_AUTHORITY};
	struct person p = {.code = "P1", .name = "张三"}, q = {.code = "P2", .name = "李四"};
	struct asset lab = {.code = "LAB", .name = "实验平台", .kind = ASSET_PLATFORM};
	struct asset net = {.code = "NET", .name = "校园网", .kind = ASSET_INFRASTRUCTURE};
	struct duty dc = {.role = ROLE_SECURITY_OFFICER, .to = CD_DATE_NONE};
	struct duty dl = {.role = ROLE_ASSET_CUSTODIAN, .to = CD_DATE_NONE};
	struct duty dn = {.role = ROLE_ASSET_CUSTODIAN, .to = CD_DATE_NONE};
	struct project pr = {.code = "XM", .name = "项目", .year = 2026, .total = 1000,
			     .security = 50};
	struct rec_row w;
	int64_t ids[8];
	(void)state;

	assert_non_null(a);
	assert_int_equal(store_open(tmp_db(path, sizeof(path), "store-rows"), STORE_CREATE, &s, &d),
			 CD_OK);
	assert_int_equal(store_unit_add(s, &r, &d), CD_OK);
	c.parent = r.id;
	assert_int_equal(store_unit_add(s, &c, &d), CD_OK);
	l.parent = c.id;
	assert_int_equal(store_unit_add(s, &l, &d), CD_OK);
	assert_int_equal(store_unit_add(s, &x, &d), CD_OK);
	p.unit = q.unit = c.id;
	assert_int_equal(store_person_add(s, &p, &d), CD_OK);
	assert_int_equal(store_person_add(s, &q, &d), CD_OK);
	lab.rel[REL_MANAGER] = l.id;
	lab.rel[REL_OPERATOR] = r.id;
	net.rel[REL_OPERATOR] = r.id;
	assert_int_equal(store_asset_add(s, &lab, &d), CD_OK);
	assert_int_equal(store_asset_add(s, &net, &d), CD_OK);
	dc.person = dl.person = dn.person = p.id;
	dc.unit = c.id;
	dl.asset = lab.id;
	dn.asset = net.id;
	dc.from = dl.from = dn.from = D("2026-01-01");
	assert_int_equal(store_duty_add(s, &dc, &d), CD_OK);
	assert_int_equal(store_duty_add(s, &dl, &d), CD_OK);
	assert_int_equal(store_duty_add(s, &dn, &d), CD_OK);
	pr.unit = l.id;
	assert_int_equal(store_project_add(s, &pr, &d), CD_OK);

	/* one at a time, with the codes of what each refers to and its scope unit */
	assert_int_equal(store_rec_get(s, SR_UNIT, l.id, a, &w, &d), CD_OK);
	assert_string_equal(w.r.unit.code, "L");
	assert_string_equal(w.unit_code, "C");
	assert_int_equal(w.scope, l.id);
	assert_int_equal(store_rec_get(s, SR_PERSON, q.id, a, &w, &d), CD_OK);
	assert_string_equal(w.unit_code, "C");
	assert_int_equal(w.scope, c.id);
	assert_int_equal(store_rec_get(s, SR_DUTY, dl.id, a, &w, &d), CD_OK);
	assert_string_equal(w.person_code, "P1");
	assert_string_equal(w.asset_code, "LAB");
	assert_null(w.unit_code);
	assert_int_equal(w.scope, l.id); /* the system's manager unit before its operator */
	assert_int_equal(w.r.duty.to, CD_DATE_NONE);
	assert_int_equal(store_rec_get(s, SR_DUTY, dn.id, a, &w, &d), CD_OK);
	assert_int_equal(w.scope, r.id); /* no manager: the operator unit */
	assert_int_equal(store_rec_get(s, SR_PROJECT, pr.id, a, &w, &d), CD_OK);
	assert_string_equal(w.unit_code, "L");
	assert_int_equal(w.r.project.security, 50);
	assert_int_equal(store_rec_get(s, SR_UNIT, 999, a, &w, &d), CD_ENOTFOUND);

	/* pages: a subtree's records, in either order, from after an id */
	assert_int_equal(page_ids(s, SR_UNIT, 0, false, 0, 8, ids), 4);
	assert_int_equal(page_ids(s, SR_UNIT, c.id, false, 0, 8, ids), 2);
	assert_int_equal(ids[0], c.id);
	assert_int_equal(ids[1], l.id);
	assert_int_equal(page_ids(s, SR_UNIT, c.id, true, 0, 8, ids), 2);
	assert_int_equal(ids[0], l.id);
	assert_int_equal(page_ids(s, SR_UNIT, 0, true, x.id, 1, ids), 1);
	assert_int_equal(ids[0], l.id);
	assert_int_equal(page_ids(s, SR_UNIT, 0, false, x.id, 8, ids), 0);
	assert_int_equal(page_ids(s, SR_PERSON, l.id, false, 0, 8, ids), 0);
	assert_int_equal(page_ids(s, SR_PERSON, c.id, false, p.id, 8, ids), 1);
	assert_int_equal(ids[0], q.id);
	assert_int_equal(page_ids(s, SR_DUTY, c.id, false, 0, 8, ids), 2); /* C's and LAB's */
	assert_int_equal(ids[0], dc.id);
	assert_int_equal(ids[1], dl.id);
	assert_int_equal(page_ids(s, SR_DUTY, 0, true, 0, 2, ids), 2);
	assert_int_equal(ids[0], dn.id);
	assert_int_equal(page_ids(s, SR_PROJECT, c.id, false, 0, 8, ids), 1);

	/* updates: written whole, read back; what the database refuses is refused */
	l.parent = r.id;
	l.name = "重点实验室";
	assert_int_equal(store_unit_update(s, &l, &d), CD_OK);
	assert_int_equal(store_rec_get(s, SR_UNIT, l.id, a, &w, &d), CD_OK);
	assert_string_equal(w.unit_code, "R");
	assert_string_equal(w.r.unit.name, "重点实验室");
	assert_int_equal(page_ids(s, SR_DUTY, c.id, false, 0, 8, ids), 1); /* LAB left C */
	q.phone = "0471-1";
	assert_int_equal(store_person_update(s, &q, &d), CD_OK);
	q.code = "P1";
	assert_int_equal(store_person_update(s, &q, &d), CD_ECONFLICT);
	dc.to = D("2026-06-30");
	assert_int_equal(store_duty_update(s, &dc, &d), CD_OK);
	assert_int_equal(store_rec_get(s, SR_DUTY, dc.id, a, &w, &d), CD_OK);
	assert_int_equal(w.r.duty.to, D("2026-06-30"));
	dc.to = D("2025-12-31");
	assert_int_equal(store_duty_update(s, &dc, &d), CD_EINVAL);
	pr.security = 2000;
	assert_int_equal(store_project_update(s, &pr, &d), CD_EINVAL);
	pr.security = 100;
	pr.unit = 999;
	assert_int_equal(store_project_update(s, &pr, &d), CD_ENOTFOUND);
	pr.id = 999;
	pr.unit = c.id;
	assert_int_equal(store_project_update(s, &pr, &d), CD_ENOTFOUND);
	store_close(s);
	arena_free(a);
}

/* An incident on two systems (order kept), its timeline round-tripped and folded. */
static void incidents(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct arena *a = arena_new(0);
	struct unit u = {.code = "U", .name = "信息中心", .kind = UNIT_TECH_SUPPORT_CENTRE};
	struct person p = {.code = "P1", .name = "当事人甲"};
	struct asset web = {.code = "WEB", .name = "门户", .kind = ASSET_PORTAL,
			    .status = STATUS_LIVE};
	struct asset db = {.code = "DB", .name = "数据库", .kind = ASSET_SERVER,
			   .status = STATUS_LIVE};
	int64_t assets[2];
	struct incident x, dup, *v = NULL;
	size_t n = 0;
	const struct incident_event ev[] = {
		{.kind = IEV_SET, .at = T("2026-05-12 09:00"), .recorded_at = T("2026-05-12 09:05"),
		 .by = "值班员", .name = "occurred_at", .value = "2026-05-12T08:30:00+08:00"},
		{.kind = IEV_PERSON, .at = CD_TIME_NONE, .recorded_at = T("2026-05-12 09:06")},
		{.kind = IEV_REPORT, .at = T("2026-05-12 10:00"), .recorded_at = CD_TIME_NONE,
		 .name = "initial", .value = "上级网信部门", .note = "电话报告"},
	};
	struct incident_event no_person = {.kind = IEV_PERSON, .at = CD_TIME_NONE,
					   .recorded_at = CD_TIME_NONE};
	(void)state;

	assert_non_null(a);
	assert_int_equal(store_open(tmp_db(path, sizeof(path), "store-inc"), STORE_CREATE, &s, &d),
			 CD_OK);
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	p.unit = u.id;
	assert_int_equal(store_person_add(s, &p, &d), CD_OK);
	assert_int_equal(store_asset_add(s, &web, &d), CD_OK);
	assert_int_equal(store_asset_add(s, &db, &d), CD_OK);
	incident_init(&x);
	x.code = "INC-1";
	x.title = "门户网站被篡改";
	x.unit = u.id;
	x.detected_at = T("2026-05-12 09:00");
	assets[0] = db.id; /* the main system first, whatever its id */
	assets[1] = web.id;
	x.assets = assets;
	x.nassets = 2;
	assert_int_equal(store_incident_add(s, &x, &d), CD_OK);
	assert_true(x.id > 0);
	for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		struct incident_event e = ev[i];

		e.person = e.kind == IEV_PERSON ? p.id : 0;
		assert_int_equal(store_incident_event_add(s, x.id, &e, &d), CD_OK);
	}
	/* a person event without a person, a second INC-1: refused by the database */
	assert_int_equal(store_incident_event_add(s, x.id, &no_person, &d), CD_EINVAL);
	dup = x;
	assert_int_equal(store_incident_add(s, &dup, &d), CD_ECONFLICT);
	store_close(s);

	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	assert_int_equal(store_incidents_load(s, a, &v, &n, &d), CD_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].code, "INC-1");
	assert_string_equal(v[0].title, "门户网站被篡改");
	assert_int_equal(v[0].unit, u.id);
	assert_int_equal(v[0].detected_at, T("2026-05-12 09:00"));
	assert_int_equal(v[0].nassets, 2);
	assert_int_equal(v[0].assets[0], db.id);
	assert_int_equal(v[0].assets[1], web.id);
	assert_int_equal(v[0].nevents, 3);
	assert_int_equal(v[0].events[0].kind, IEV_SET);
	assert_int_equal(v[0].events[0].recorded_at, T("2026-05-12 09:05"));
	assert_string_equal(v[0].events[0].by, "值班员");
	assert_int_equal(v[0].events[1].at, CD_TIME_NONE);
	assert_int_equal(v[0].events[1].person, p.id);
	assert_string_equal(v[0].events[2].note, "电话报告");
	assert_true(v[0].events[2].recorded_at != CD_TIME_NONE); /* the database's clock */
	assert_null(v[0].events[2].by);
	/* not folded until asked */
	assert_int_equal(v[0].occurred_at, CD_TIME_NONE);
	assert_int_equal(incident_fold(&v[0], a, &d), CD_OK);
	assert_int_equal(v[0].occurred_at, T("2026-05-12 08:30"));
	assert_int_equal(v[0].ninvolved, 1);
	assert_int_equal(v[0].nreports, 1);
	store_close(s);
	arena_free(a);
}

/* A database of schema 7 with a notice whose 举一反三 list holds two systems: migration 0008 sets
 * its similar_total to 2; a new notice keeps its total, and never less than its list. */
static void similar_total(void **state)
{
	char path[512], name[64];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct arena *a = arena_new(0);
	sqlite3 *db = NULL;
	struct notice *v = NULL, n;
	struct notice_check list[1] = {{.why = SIMILAR_KIND}};
	int64_t own;
	size_t nv = 0;
	(void)state;

	assert_non_null(a);
	assert_int_equal(sqlite3_open(tmp_db(path, sizeof(path), "store-total"), &db), SQLITE_OK);
	for (int i = 1; i <= 7; i++) {
		const struct embed_file *f = NULL;

		for (size_t k = 0; k < embed_nfiles && !f; k++) {
			snprintf(name, sizeof name, "schema/sqlite/%04d_", i);
			if (!strncmp(embed_files[k].name, name, strlen(name)))
				f = &embed_files[k];
		}
		assert_non_null(f);
		assert_int_equal(sqlite3_exec(db, f->data, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(db,
				      "PRAGMA user_version = 7;"
				      "INSERT INTO asset (id, code, name, kind) VALUES"
				      " (1, 'A', 'a', 'portal'), (2, 'B', 'b', 'portal'),"
				      " (3, 'C', 'c', 'portal');"
				      "INSERT INTO notice (id, code, authority, received_at) VALUES"
				      " (1, 'N1', 'x', '2026-05-12T09:00:00+08:00');"
				      "INSERT INTO notice_asset VALUES (1, 1);"
				      "INSERT INTO notice_similar (notice_id, asset_id, why) VALUES"
				      " (1, 2, 1), (1, 3, 1);",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	assert_int_equal(store_notices_load(s, a, &v, &nv, &d), CD_OK);
	assert_int_equal(nv, 1);
	assert_int_equal(v[0].similar_total, 2);
	notice_init(&n);
	n.code = "N2";
	n.authority = "x";
	n.received_at = T("2026-05-13 09:00");
	own = 1;
	n.assets = &own;
	n.nassets = 1;
	list[0].asset = 2;
	n.similar = list;
	n.nsimilar = 1;
	n.similar_total = 500; /* kept: the list holds the strongest of them */
	assert_int_equal(store_notice_add(s, &n, &d), CD_OK);
	n.code = "N3";
	n.similar_total = 0; /* never less than the list */
	assert_int_equal(store_notice_add(s, &n, &d), CD_OK);
	assert_int_equal(store_notices_load(s, a, &v, &nv, &d), CD_OK);
	assert_int_equal(nv, 3);
	assert_int_equal(v[1].similar_total, 500);
	assert_int_equal(v[2].similar_total, 1);
	store_close(s);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_reopen),
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(errors_and_transactions),
		cmocka_unit_test(register_rows),
		cmocka_unit_test(incidents),
		cmocka_unit_test(similar_total),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
