/* test_notice_acts.c — an act on a notice reads what it needs: a step of the closed loop and
 * the check of a named system read no row of the notice's 举一反三 list (its rows are most of a
 * notice's: up to NOTICE_SIMILAR_MAX), and answer the notice as its steps' answer shows it —
 * the counts kept on the notice, no list; the check of `all` reads the list once, to name the
 * systems it marks in the audit. */
#include "testutil.h"

#include <sqlite3.h>

#include "profile/profile_load.h"
#include "store/store.h"
#include "store/store_int.h" /* store_sqlite_steps */
#include "svc/policy.h"
#include "svc/setup.h"
#include "svc/work.h"

#define SIMILAR 30 /* systems like the notice's */

static char path[512];

/* An organisation: 党委 R running system A and SIMILAR more of its kind and software; the
 * profile yantai-fao-2021. */
static struct store *org(struct act *c, const struct policy **pol)
{
	struct profile *p = NULL;
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	bool changed = false, first = false;
	struct store *s = NULL;
	char code[16];

	assert_int_equal(store_open(tmp_db(path, sizeof path, "notice-acts"), STORE_CREATE, &s,
				    c->d),
			 CD_OK);
	c->s = s;
	assert_int_equal(profile_open("yantai-fao-2021", &p, c->d), CD_OK);
	assert_int_equal(svc_profile_set(c, p, &changed, &first), CD_OK);
	profile_free(p);
	assert_int_equal(store_unit_add(s, &r, c->d), CD_OK);
	for (int i = 0; i <= SIMILAR; i++) {
		struct asset x = {.code = code, .name = "系统", .kind = ASSET_INFO_SYSTEM,
				  .software = "甲 V1", .status = STATUS_LIVE,
				  .graded_on = CD_DATE_NONE, .filed_on = CD_DATE_NONE,
				  .assessed_on = CD_DATE_NONE};

		snprintf(code, sizeof code, i ? "S%02d" : "A", i);
		x.rel[REL_MANAGER] = x.rel[REL_OPERATOR] = r.id;
		assert_int_equal(store_asset_add(s, &x, c->d), CD_OK);
	}
	assert_int_equal(policy_get(s, pol, c->d), CD_OK);
	c->pol = *pol;
	return s;
}

/* similar_steps: the steps the statement of a notice's 举一反三 rows ran since the last call */
static long similar_steps(struct store *s)
{
	long steps = 0;

	assert_int_equal(store_sqlite_steps(s, "notice_similar_of", &steps), CD_OK);
	return steps;
}

static void acts_read_no_list(void **state)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct act c = {.actor = "test", .ip = "", .now = T("2026-06-09 10:00"), .a = a, .d = &d};
	const struct policy *pol = NULL;
	static const char *const one[] = {"A"}, *const checked[] = {"S03"};
	struct notice_new in = {.code = "N1", .authority = "市委网信办",
				.received_at = T("2026-06-08 09:00"), .assets = one, .nassets = 1,
				.due = CD_DATE_NONE};
	struct notice_event start = {.kind = NEV_START, .at = T("2026-06-08 10:00"), .by = "甲"};
	struct notice_checks mark = {.assets = checked, .nassets = 1, .at = T("2026-06-08 11:00")};
	struct notice_checks rest = {.all = true, .at = T("2026-06-08 12:00")};
	struct notice_view v;
	struct store *s = org(&c, &pol);

	(void)state;
	assert_non_null(a);
	if (svc_notice_add(&c, &in, &v) != CD_OK)
		fail_msg("notice: %s", d.msg);
	assert_int_equal(v.row.n.nsimilar, SIMILAR); /* the list is there to be read */
	similar_steps(s);

	assert_int_equal(svc_notice_step(&c, v.row.n.id, NULL, &start, &v), CD_OK);
	assert_int_equal(similar_steps(s), 0);
	assert_int_equal(v.row.n.stage, STAGE_RECTIFYING);
	assert_int_equal(v.row.n.nsimilar, 0); /* the answer shows the counts, not the list */
	assert_int_equal(v.row.similar_listed, SIMILAR);
	assert_int_equal(v.row.similar_unchecked, SIMILAR);

	/* by its number too (the command line's) */
	start.kind = NEV_RECTIFY;
	start.at = T("2026-06-08 10:30");
	assert_int_equal(svc_notice_step(&c, 0, "N1", &start, &v), CD_OK);
	assert_int_equal(similar_steps(s), 0);

	if (svc_notice_check(&c, v.row.n.id, NULL, &mark, &v) != CD_OK)
		fail_msg("check: %s", d.msg);
	assert_int_equal(similar_steps(s), 0);
	assert_int_equal(v.row.similar_unchecked, SIMILAR - 1);

	/* `all` reads the list: the audit names each system it marks */
	assert_int_equal(svc_notice_check(&c, 0, "N1", &rest, &v), CD_OK);
	assert_true(similar_steps(s) > 0);
	assert_int_equal(v.row.similar_unchecked, 0);
	assert_int_equal(v.row.similar_listed, SIMILAR);
	policy_put(pol);
	store_close(s);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acts_read_no_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
