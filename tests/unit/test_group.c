/* test_group.c — group commit (store_group_begin/store_group_end, what the server's writer
 * does): the acts of a group each in their own part of one transaction — one that fails is
 * undone alone and the others are kept, each with its own audit entry, the chain intact; a
 * group not committed keeps nothing; groups written from many threads at once all stand. */
#include "testutil.h"

#include <pthread.h>
#include <sqlite3.h>

#include "audit/audit.h"
#include "store/store.h"
#include "svc/register.h"

static char path[512];

/* count: the first column of query over the database at path, as a number. */
static long count(const char *query)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, query, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* A database with one unit, R, at the root. */
static struct store *org(const char *name)
{
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};

	assert_int_equal(store_open(tmp_db(path, sizeof path, name), STORE_CREATE, &s, &d), CD_OK);
	assert_int_equal(store_unit_add(s, &r, &d), CD_OK);
	return s;
}

/* unit_add: the act of adding unit `code` under R. */
static enum cd_err unit_add(struct store *s, const char *code)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct act c = {.s = s, .actor = "test", .ip = "", .now = T("2026-05-01T10:00"), .a = a,
			.d = &d};
	struct unit_in in = {.code = code, .name = code, .parent = "R", .kind = UNIT_DEPARTMENT};
	struct rec_row out;
	enum cd_err rc = svc_unit_add(&c, &in, &out);

	arena_free(a);
	return rc;
}

static void intact(struct store *s)
{
	struct cd_diag d = {{0}};
	struct audit_verify_opts o = {0};
	struct audit_report r;

	assert_int_equal(audit_verify(s, &o, &r, &d), CD_OK);
	if (r.broken != AUDIT_INTACT)
		fail_msg("the chain is broken: %s", r.why);
}

static void each_act_its_own(void **state)
{
	struct cd_diag d = {{0}};
	struct store *s = org("group");
	struct unit x = {.code = "X", .name = "X", .kind = UNIT_DEPARTMENT};

	(void)state;
	assert_int_equal(store_group_begin(s, &d), CD_OK);
	assert_false(store_in_transaction(s)); /* the acts open their own parts */
	assert_int_equal(unit_add(s, "A"), CD_OK);
	assert_int_equal(unit_add(s, "A"), CD_ECONFLICT); /* refused by the database */
	assert_int_equal(unit_add(s, ""), CD_EINVAL);     /* refused before writing */
	/* a part that wrote, then was undone: gone, and nothing else with it */
	assert_int_equal(store_begin(s, &d), CD_OK);
	assert_true(store_in_transaction(s));
	assert_int_equal(store_unit_add(s, &x, &d), CD_OK);
	store_rollback(s);
	assert_false(store_in_transaction(s));
	assert_int_equal(unit_add(s, "B"), CD_OK);
	/* a read within the group sees the group's writes */
	assert_int_equal(store_begin_read(s, &d), CD_OK);
	assert_int_equal(store_commit(s, &d), CD_OK);
	/* nothing is seen from outside before the group commits */
	assert_int_equal(count("SELECT count(*) FROM unit"), 1);
	assert_int_equal(store_group_end(s, &d), CD_OK);
	assert_int_equal(count("SELECT count(*) FROM unit"), 3);
	assert_int_equal(count("SELECT count(*) FROM unit WHERE code IN ('A', 'B')"), 2);
	assert_int_equal(count("SELECT count(*) FROM unit WHERE code = 'X'"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit_entry WHERE action = 'unit.create'"), 2);
	intact(s);
	/* the store writes on as before, outside a group */
	assert_int_equal(unit_add(s, "C"), CD_OK);
	assert_int_equal(count("SELECT count(*) FROM unit WHERE code = 'C'"), 1);
	intact(s);
	store_close(s);
}

static void not_committed_keeps_nothing(void **state)
{
	struct cd_diag d = {{0}};
	struct store *s = org("group-lost");

	(void)state;
	assert_int_equal(store_group_begin(s, &d), CD_OK);
	assert_int_equal(store_group_begin(s, &d), CD_EINVAL); /* not twice */
	assert_int_equal(unit_add(s, "A"), CD_OK);
	store_close(s); /* the process ends before the commit */
	assert_int_equal(count("SELECT count(*) FROM unit"), 1);
	assert_int_equal(count("SELECT count(*) FROM audit_entry"), 0);
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	assert_int_equal(store_group_end(s, &d), CD_EINVAL); /* no group open */
	intact(s);
	store_close(s);
}

#define THREADS 6
#define GROUPS  5
#define ACTS    4

struct thread_arg {
	int no;
	int failures;
};

static void *groups(void *p)
{
	struct thread_arg *t = p;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	char code[32];

	if (store_open(path, 0, &s, &d) != CD_OK) {
		t->failures++;
		return NULL;
	}
	for (int g = 0; g < GROUPS; g++) {
		if (store_group_begin(s, &d) != CD_OK) {
			t->failures++;
			continue;
		}
		for (int k = 0; k < ACTS; k++) {
			snprintf(code, sizeof code, "T%d-%d-%d", t->no, g, k);
			t->failures += unit_add(s, code) != CD_OK;
			t->failures += unit_add(s, code) != CD_ECONFLICT; /* its twin, refused */
		}
		t->failures += store_group_end(s, &d) != CD_OK;
	}
	store_close(s);
	return NULL;
}

static void groups_from_threads(void **state)
{
	struct store *s = org("group-threads");
	pthread_t th[THREADS];
	struct thread_arg arg[THREADS];

	(void)state;
	for (int i = 0; i < THREADS; i++) {
		arg[i] = (struct thread_arg){.no = i};
		assert_int_equal(pthread_create(&th[i], NULL, groups, &arg[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(arg[i].failures, 0);
	}
	assert_int_equal(count("SELECT count(*) FROM unit WHERE code LIKE 'T%'"),
			 THREADS * GROUPS * ACTS);
	assert_int_equal(count("SELECT count(*) FROM audit_entry WHERE action = 'unit.create'"),
			 THREADS * GROUPS * ACTS);
	intact(s);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_act_its_own),
		cmocka_unit_test(not_committed_keeps_nothing),
		cmocka_unit_test(groups_from_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
