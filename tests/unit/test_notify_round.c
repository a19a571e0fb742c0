/* test_notify_round.c — the scheduler's round (notify_plan, notify/rules.c) does a bounded
 * amount of work: over an organisation with 20,000 obligations of past years more, a round
 * writes exactly the messages it writes without them, running about as many SQLite steps (the
 * obligations are read through the due-date index from the first day a reminder can be of, not
 * from the first ever); and a second round over the same data, accounts, rules and day writes
 * nothing and reads next to nothing, whatever the size. (The weekly digest, off here, counts
 * each account's scope as the dashboard does: once a week, not every round.) */
#include "testutil.h"

#include <sqlite3.h>

#include "notify/notify.h"
#include "profile/profile_load.h"
#include "store/store.h"
#include "store/store_int.h" /* store_sqlite_count */
#include "svc/policy.h"
#include "svc/setup.h"
#include "svc/work.h"

#define NOTICES 5
#define BULK    20000

static char path[512];

/* keys: the idempotency keys of every message written, in order, space-separated (read behind
 * the store's back: what was written). */
static void keys(char *out, size_t n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(group_concat(key, ' '), '') FROM"
						" (SELECT key FROM notify_message ORDER BY key)",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* An organisation: 党委 R over 学院 C with its system A; the office's account; NOTICES notices of
 * C received on Monday 2026-06-08, due three working days later; the obligations the profile
 * gives, and `bulk` more of C not met, due in 2020 to 2024. */
static struct store *org(const char *name, int bulk)
{
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct profile *p = NULL;
	struct arena *a = arena_new(0);
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct unit u = {.code = "C", .name = "学院", .kind = UNIT_DEPARTMENT};
	struct asset x = {.code = "A", .name = "学院网站", .kind = ASSET_PORTAL,
			  .status = STATUS_LIVE, .graded_on = CD_DATE_NONE,
			  .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE};
	struct store_account office = {.name = "office", .role = AR_OFFICE,
				       .created_at = T("2026-01-05 09:00")};
	struct act c = {.actor = "test", .ip = "", .now = T("2026-06-08 08:00"), .a = a, .d = &d};
	const struct policy *pol = NULL;
	bool changed = false, first = false;
	struct oblig *old = calloc((size_t)bulk + 1, sizeof *old);

	assert_non_null(a);
	assert_non_null(old);
	assert_int_equal(store_open(tmp_db(path, sizeof path, name), STORE_CREATE, &s, &d), CD_OK);
	c.s = s;
	assert_int_equal(profile_open("yantai-fao-2021", &p, &d), CD_OK);
	assert_int_equal(svc_profile_set(&c, p, &changed, &first), CD_OK);
	profile_free(p);
	assert_int_equal(store_unit_add(s, &r, &d), CD_OK);
	u.parent = r.id;
	assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
	x.rel[REL_MANAGER] = u.id;
	assert_int_equal(store_asset_add(s, &x, &d), CD_OK);
	office.unit = r.id;
	assert_int_equal(store_account_add(s, &office, &d), CD_OK);
	/* no weekly digest: it counts the whole scope as the dashboard does, once a week */
	assert_int_equal(store_meta_set(s, "notify_digest", "off", &d), CD_OK);
	for (int i = 0; i < NOTICES; i++) {
		struct notice n;
		char code[16];

		notice_init(&n);
		snprintf(code, sizeof code, "N%d", i);
		n.code = code;
		n.authority = "市委网信办";
		n.received_at = T("2026-06-08 09:00");
		n.unit = u.id;
		n.assets = &x.id;
		n.nassets = 1;
		assert_int_equal(store_notice_add(s, &n, &d), CD_OK);
	}
	/* the obligations of the day kept (as the first read of the day does), then the old ones */
	assert_int_equal(policy_get(s, &pol, &d), CD_OK);
	c.pol = pol;
	c.now = T("2026-06-09 10:00");
	assert_int_equal(svc_obligations_ensure(&c), CD_OK);
	policy_put(pol);
	for (int i = 0; i < bulk; i++)
		old[i] = (struct oblig){.kind = OBLIG_MLPS_FILING, .name = "等级保护备案",
					.article = "第十五条", .unit = u.id, .asset = x.id,
					.start = D("2020-01-01"), .due = D("2020-03-01") + i % 1700,
					.need = 1, .done_on = CD_DATE_NONE};
	assert_int_equal(store_begin(s, &d), CD_OK);
	assert_int_equal(store_obligations_replace(s, OSET_ADD, 0, old, (size_t)bulk, &d), CD_OK);
	assert_int_equal(store_commit(s, &d), CD_OK);
	free(old);
	arena_free(a);
	return s;
}

/* round runs the scheduler once at Tuesday 2026-06-09 10:00: *added messages, *steps run. */
static void round_at(struct store *s, size_t *added, long *steps)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	const struct policy *pol = NULL;
	long none = 0;

	assert_int_equal(policy_get(s, &pol, &d), CD_OK);
	{
		struct act c = {.s = s, .pol = pol, .actor = "notify", .ip = "",
				.now = T("2026-06-09 10:00"), .a = a, .d = &d};

		assert_int_equal(store_sqlite_count(s, true, &none), CD_OK);
		assert_int_equal(notify_plan(&c, false, added), CD_OK);
		assert_int_equal(store_sqlite_count(s, false, steps), CD_OK);
	}
	policy_put(pol);
	arena_free(a);
}

static void bounded(void **state)
{
	static char want[8192], got[8192];
	size_t added[2][2];
	long steps[2][2]; /* [big][round] */

	(void)state;
	for (int big = 0; big < 2; big++) {
		struct store *s = org(big ? "round-big" : "round-small", big ? BULK : 0);

		round_at(s, &added[big][0], &steps[big][0]);
		round_at(s, &added[big][1], &steps[big][1]);
		store_close(s);
		keys(big ? got : want, sizeof want);
	}
	print_message("round steps: %ld then %ld; with %d old obligations %ld then %ld\n",
		      steps[0][0], steps[0][1], BULK, steps[1][0], steps[1][1]);
	/* the notices' reminders (lead time 2: two working days left) reach the office */
	assert_true(added[0][0] >= NOTICES);
	assert_non_null(strstr(want, "notice.due:1:2026-06-11:L2:a1"));
	/* the same messages with the old obligations as without */
	assert_int_equal(added[1][0], added[0][0]);
	assert_string_equal(got, want);
	/* and about the same work: reading the 20,000 would be some 20 steps each */
	assert_true(steps[1][0] < steps[0][0] + 5000);
	/* the second round: nothing new, next to nothing read */
	assert_int_equal(added[0][1], 0);
	assert_int_equal(added[1][1], 0);
	assert_true(steps[0][1] < steps[0][0] / 4);
	assert_true(steps[1][1] <= steps[0][1] + 200);
}

/* On a day off a round decides no reminder of a deadline, but it rebuilds the day's stale
 * obligations: the first round after midnight does it in the background, not the first person
 * to open a page. */
static void day_off_rebuilds(void **state)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	const struct policy *pol = NULL;
	struct store *s = org("round-day-off", 0);
	size_t added = 1;
	bool fresh = true;

	(void)state;
	assert_non_null(a);
	assert_int_equal(store_meta_set(s, ACT_DERIVED_GENERATION, "stale", &d), CD_OK);
	assert_int_equal(policy_get(s, &pol, &d), CD_OK);
	{
		/* Saturday 2026-06-13 */
		struct act c = {.s = s, .pol = pol, .actor = "notify", .ip = "",
				.now = T("2026-06-13 00:01"), .a = a, .d = &d};

		assert_int_equal(act_derived_fresh(&c, &fresh), CD_OK);
		assert_false(fresh);
		assert_int_equal(notify_plan(&c, false, &added), CD_OK);
		assert_int_equal(added, 0);
		assert_int_equal(act_derived_fresh(&c, &fresh), CD_OK);
		assert_true(fresh);
	}
	policy_put(pol);
	store_close(s);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounded),
		cmocka_unit_test(day_off_rebuilds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
