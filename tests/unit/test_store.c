/* test_store.c — the SQLite backend through store.h: create, migrate, round-trip every record
 * kind, reopen, transactions, and the errors a caller can meet. */
#include "testutil.h"

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

	/* a rolled-back transaction leaves nothing */
	assert_int_equal(store_begin(s, &d), CD_OK);
	u.code = "U2";
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	store_rollback(s);
	assert_int_equal(store_reg_load(s, &r, &d), CD_OK);
	assert_int_equal(r->nunits, 1);
	reg_free(r);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(create_and_reopen),
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(errors_and_transactions),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
