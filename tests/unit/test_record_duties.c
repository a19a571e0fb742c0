/* test_record_duties.c — a record's write (add, correct, withdraw) keeps the obligations of the
 * duties it can answer alone, from the records that can answer them (svc_obligations_unit), and
 * what it keeps is what a rebuild of every obligation from every record gives: after each act of
 * a sequence, every column of every kept obligation row is compared with those of a copy of the
 * database whose obligations were rebuilt whole. The profile (fixtures/profiles/
 * record-duties.yaml) has duties of every period sharing record kinds — meetings answer three,
 * trainings two, one of them held by no unit of the register (an obligation of no unit, which
 * every unit's trainings answer) — and a duty only a record naming it answers. */
#include "testutil.h"

#include <sqlite3.h>

#include "profile/profile_load.h"
#include "store/store.h"
#include "svc/act.h"
#include "svc/book.h"
#include "svc/policy.h"
#include "svc/setup.h"
#include "svc/work.h"

static char path[512], copy[600];

/* rows: every kept obligation, each column quoted, one row a line, sorted — read behind the
 * store's back (what was committed); every column of the table but its row id. */
static char *rows(const char *db_path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char sql[2048] = "SELECT coalesce(group_concat(line, char(10)), '') FROM (SELECT ''";
	size_t at = strlen(sql);
	char *out;

	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info('obligation')"
						" WHERE name <> 'id' ORDER BY cid",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		at += (size_t)snprintf(sql + at, sizeof sql - at, " || '|' || quote(%s)",
				       (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	snprintf(sql + at, sizeof sql - at, " AS line FROM obligation ORDER BY line)");
	assert_true(strlen(sql) < sizeof sql - 1);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = strdup((const char *)sqlite3_column_text(st, 0));
	assert_non_null(out);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/* counts: the dashboard's kept counts of obligations (schema 0039) of the database, a line each,
 * sorted — or "stale" when they are not of `day` */
static char *counts(const char *db_path, cd_date day)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char want[11];
	const char *got;
	char *out;

	date_format(day, want);
	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key ="
						" 'obligation_counts_day'", -1, &st, NULL),
			 SQLITE_OK);
	got = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	out = got && !strcmp(got, want) ? NULL : strdup("stale");
	sqlite3_finalize(st);
	if (!out) {
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(group_concat(r, char(10)), '')"
							" FROM (SELECT kind || ' ' || unit_id || ' ' ||"
							" state || ' ' || n AS r FROM obligation_count"
							" ORDER BY r)", -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		out = strdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	assert_non_null(out);
	return out;
}

/* keep_counts: the dashboard's counts of c's day counted whole and kept, as its first read does */
static void keep_counts(struct act *c)
{
	assert_int_equal(store_begin(c->s, c->d), CD_OK);
	assert_int_equal(store_obligation_counts_keep(c->s, time_cst_date(c->now), c->d), CD_OK);
	assert_int_equal(store_commit(c->s, c->d), CD_OK);
}

/* rebuilt: the kept obligations of a copy of the database rebuilt whole on c's day. */
static char *rebuilt(const struct act *c)
{
	struct cd_diag d = {{0}};
	sqlite3 *db = NULL;
	char sql[700];
	struct store *s = NULL;
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	bool fresh = true;

	assert_non_null(a);
	unlink(copy);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", copy);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(copy, 0, &s, &d), CD_OK);
	assert_int_equal(store_meta_set(s, ACT_DERIVED_GENERATION, "stale", &d), CD_OK);
	assert_int_equal(policy_get(s, &pol, &d), CD_OK);
	{
		struct act r = {.s = s, .pol = pol, .actor = "test", .ip = "", .now = c->now,
				.a = a, .d = &d};

		assert_int_equal(act_derived_fresh(&r, &fresh), CD_OK);
		assert_false(fresh);
		assert_int_equal(svc_obligations_ensure(&r), CD_OK);
		keep_counts(&r);
	}
	policy_put(pol);
	store_close(s);
	arena_free(a);
	return rows(copy);
}

/* only_in prints the lines of x that y lacks, each after `mark`. */
static void only_in(const char *x, const char *y, char mark)
{
	for (const char *l = x; *l;) {
		const char *e = strchr(l, '\n');
		size_t len = e ? (size_t)(e - l) : strlen(l);
		bool found = false;

		for (const char *m = y; *m && !found;) {
			const char *f = strchr(m, '\n');
			size_t mlen = f ? (size_t)(f - m) : strlen(m);

			found = mlen == len && !memcmp(l, m, len);
			m += mlen + (f != NULL);
		}
		if (!found)
			print_error("%c %.*s\n", mark, (int)len, l);
		l += len + (e != NULL);
	}
}

/* same: the obligations kept by the act just done are those of a rebuild (and were kept: fresh). */
static void same(struct act *c, const char *what)
{
	bool fresh = false;
	char *kept, *want;

	assert_int_equal(act_derived_fresh(c, &fresh), CD_OK);
	if (!fresh)
		fail_msg("%s: the obligations were left stale, not kept", what);
	kept = rows(path);
	want = rebuilt(c);
	if (strcmp(kept, want)) {
		print_error("%s: the kept obligations differ from a rebuild's (- kept, + rebuilt)\n",
			    what);
		only_in(kept, want, '-');
		only_in(want, kept, '+');
		fail();
	}
	free(kept);
	free(want);
	/* the dashboard's counts the act changed are those counted whole of the rebuild */
	kept = counts(path, time_cst_date(c->now));
	want = counts(copy, time_cst_date(c->now));
	if (strcmp(kept, want)) {
		print_error("%s: the kept counts differ from a rebuild's (- kept, + rebuilt)\n", what);
		only_in(kept, want, '-');
		only_in(want, kept, '+');
		fail();
	}
	free(kept);
	free(want);
}

/* An organisation: 党委 R (the root) over the leading group G and the departments D1 and D2 (no
 * technical support centre: its training duty is an obligation of no unit), with a history of
 * records from 2025 on. */
static struct store *org(struct act *c, const struct policy **pol)
{
	static const struct {
		enum record_kind kind;
		const char *unit, *on, *duty, *period;
	} history[] = {
		{RECORD_MEETING, "D1", "2025-02-10", NULL, NULL},
		{RECORD_MEETING, "D1", "2025-05-10", NULL, NULL},
		{RECORD_MEETING, "D1", "2025-05-20", NULL, NULL},
		{RECORD_MEETING, "D2", "2025-11-03", NULL, NULL},
		{RECORD_MEETING, "G", "2026-03-02", NULL, NULL},
		{RECORD_MEETING, "D2", "2026-01-15", "meet_year", "2025"},
		{RECORD_TRAINING, "D2", "2025-01-20", NULL, NULL},
		{RECORD_TRAINING, "D1", "2025-03-05", NULL, NULL},
		{RECORD_TRAINING, "D2", "2026-02-01", NULL, NULL},
		{RECORD_TRAINING, "D1", "2026-02-03", NULL, NULL},
		{RECORD_TRAINING, "D1", "2026-02-25", NULL, NULL},
		{RECORD_TRAINING, "D2", "2026-07-08", NULL, NULL},
		{RECORD_DRILL, "D1", "2025-09-09", NULL, NULL},
		{RECORD_REPORT, "R", "2025-12-30", NULL, NULL},
		{RECORD_OTHER, "R", "2026-01-10", "report", "2025"},
	};
	struct unit u[] = {
		{.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE},
		{.code = "G", .name = "领导小组", .kind = UNIT_LEADING_GROUP},
		{.code = "D1", .name = "学院一", .kind = UNIT_DEPARTMENT},
		{.code = "D2", .name = "学院二", .kind = UNIT_DEPARTMENT},
	};
	char file[512];
	struct profile *p = NULL;
	bool changed = false, first = false;
	struct store *s = NULL;

	assert_int_equal(store_open(tmp_db(path, sizeof path, "record-duties"), STORE_CREATE, &s,
				    c->d),
			 CD_OK);
	snprintf(copy, sizeof copy, "%s.rebuilt", path);
	c->s = s;
	assert_int_equal(profile_open(fixture(file, sizeof file, "profiles/record-duties.yaml"), &p,
				      c->d),
			 CD_OK);
	assert_int_equal(svc_profile_set(c, p, &changed, &first), CD_OK);
	profile_free(p);
	assert_int_equal(store_meta_set(s, BOOK_YEAR_FROM_KEY, "2025", c->d), CD_OK);
	for (size_t i = 0; i < sizeof u / sizeof u[0]; i++) {
		u[i].parent = i ? u[0].id : 0;
		assert_int_equal(store_unit_add(s, &u[i], c->d), CD_OK);
	}
	for (size_t i = 0; i < sizeof history / sizeof history[0]; i++) {
		struct record r = {.kind = history[i].kind, .on = D(history[i].on),
				   .duty = history[i].duty, .period = history[i].period,
				   .title = "记录"};

		for (size_t k = 0; k < sizeof u / sizeof u[0]; k++)
			if (!strcmp(u[k].code, history[i].unit))
				r.unit = u[k].id;
		assert_int_equal(store_record_add(s, &r, c->d), CD_OK);
	}
	assert_int_equal(policy_get(s, pol, c->d), CD_OK);
	c->pol = *pol;
	assert_int_equal(svc_obligations_ensure(c), CD_OK);
	return s;
}

/* The acts, in order: an add (of = -1) keeps the new record's id as record `as`; a correction
 * (of >= 0) is of record `of` so kept; a withdrawal (of >= 0, reason) too. The history's ids
 * are 1 to 15 (org). */
static const struct step {
	const char *what;
	int of, as;
	const char *on; /* in.on */
	struct record_in in;
	const char *reason;
} steps[] = {
	/* a meeting with no period: its quarter's, its year's or the group's, the first wanting */
	{"add a meeting of D1", -1, 0, "2026-07-10",
	 {.kind = RECORD_MEETING, .unit = "D1", .title = "七月会议"}, NULL},
	/* a training: its month's, or the half year's of no unit */
	{"add a training of D1", -1, 1, "2026-08-03",
	 {.kind = RECORD_TRAINING, .unit = "D1", .title = "八月培训"}, NULL},
	/* one naming the duty of no unit and a past period: a make-up */
	{"add a training of D2 naming centre_training 2026-H1", -1, 2, "2026-07-01",
	 {.kind = RECORD_TRAINING, .unit = "D2", .duty = "centre_training", .period = "2026-H1",
	  .title = "补训"},
	 NULL},
	/* the report only a record naming it answers */
	{"add a report of R naming its duty", -1, 3, "2026-09-01",
	 {.kind = RECORD_OTHER, .unit = "R", .duty = "report", .period = "2026", .title = "报告"},
	 NULL},
	/* a meeting of the group naming the every-unit duty it does not hold: it answers nothing */
	{"add a meeting of G naming meet_quarter", -1, 4, "2026-04-01",
	 {.kind = RECORD_MEETING, .unit = "G", .duty = "meet_quarter", .period = "2026-Q2",
	  .title = "会议"},
	 NULL},
	/* corrections: the kind, the unit, the duty, the period, the day */
	{"correct the meeting to a training", 0, 0, NULL, {.kind = RECORD_TRAINING}, NULL},
	{"move the training to D2", 1, 1, NULL, {.kind = -1, .unit = "D2"}, NULL},
	{"correct the training to a meeting naming meet_year 2025", 1, 1, NULL,
	 {.kind = RECORD_MEETING, .duty = "meet_year", .period = "2025"}, NULL},
	{"correct the make-up's period", 2, 2, NULL, {.kind = -1, .period = "2026-H2"}, NULL},
	{"correct the make-up to a training of 2025-06-30 naming nothing", 2, 2, "2025-06-30",
	 {.kind = -1, .clear = RECORD_CLEAR_DUTY | RECORD_CLEAR_PERIOD}, NULL},
	{"correct the report to a drill of D1", 3, 3, NULL,
	 {.kind = RECORD_DRILL, .unit = "D1", .clear = RECORD_CLEAR_DUTY | RECORD_CLEAR_PERIOD},
	 NULL},
	/* withdrawals: a meeting of the history, then every training of it (the first of each half
	 * year the no-unit duty's evidence), then the make-up */
	{"withdraw history record 2, a meeting", 5, 5, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 7, a training", 6, 6, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 8, a training", 7, 7, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 9, a training", 8, 8, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 10, a training", 9, 9, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 11, a training", 10, 10, NULL, {.kind = -1}, "录错"},
	{"withdraw history record 12, a training", 11, 11, NULL, {.kind = -1}, "录错"},
	{"withdraw the make-up", 2, 2, NULL, {.kind = -1}, "录错"},
};

static void writes_keep_what_a_rebuild_gives(void **state)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct act c = {.actor = "test", .ip = "", .now = T("2026-09-15 10:00"), .a = a, .d = &d};
	const struct policy *pol = NULL;
	struct store *s = org(&c, &pol);
	/* the records the acts name: those they add, then history records 2, 7 … 12 */
	int64_t ids[12] = {0, 0, 0, 0, 0, 2, 7, 8, 9, 10, 11, 12};
	char *was = NULL;

	(void)state;
	assert_non_null(a);
	keep_counts(&c);
	same(&c, "the organisation as set up");
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		const struct step *t = &steps[i];
		struct record_in in = t->in;
		struct record_row out;
		char *now;

		in.on = t->on ? D(t->on) : CD_DATE_NONE;
		keep_counts(&c);
		if (t->reason)
			assert_int_equal(svc_record_void(&c, ids[t->of], t->reason, &out), CD_OK);
		else if (t->of >= 0)
			assert_int_equal(svc_record_update(&c, ids[t->of], &in, &out), CD_OK);
		else
			assert_int_equal(svc_record_add(&c, &in, &out), CD_OK);
		ids[t->as] = out.r.id;
		same(&c, t->what);
		/* each act changes what is kept (the group's meeting naming a duty it does not
		 * hold, which answers nothing, aside) */
		now = rows(path);
		if (was && !strcmp(was, now) && t->as != 4)
			fail_msg("%s: the kept obligations did not change", t->what);
		free(was);
		was = now;
	}
	free(was);
	policy_put(pol);
	store_close(s);
	arena_free(a);
	unlink(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_keep_what_a_rebuild_gives),
	};
	return cmocka_run_group_tests_name("record_duties", tests, NULL, NULL);
}
