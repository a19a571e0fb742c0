/* test_reads.c — the reads of issue 14 by the page: a page of notices touches the same number of
 * rows whatever the size of the table (the plan searches the primary key from the cursor; no
 * full scan of the notices), and walking a whole list by cursor visits each record once, in
 * order, in both directions — the incidents and the deadlines here; the notices, the records and
 * the assets are walked in test_store.c (walk_by_cursor). */
#include "testutil.h"

#include "core/oblig.h"
#include "store/store.h"
#include "store/store_int.h" /* store_sqlite_explain, store_sqlite_steps */

#define UNITS 3

/* a database of `notices` notices, `incidents` incidents and `obligs` obligations over a few
 * units and systems; the ids of the units in unit[0..UNITS) (the first the root) */
static struct store *reads_db(const char *name, int notices, int incidents, int obligs,
			      int64_t *unit)
{
	static const char *const onames[] = {"等级保护备案", "等级测评", "安全检查"};
	char path[512], code[32];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	int64_t assets[UNITS];

	assert_int_equal(store_open(tmp_db(path, sizeof path, name), STORE_CREATE, &s, &d), CD_OK);
	assert_int_equal(store_begin(s, &d), CD_OK);
	for (int i = 0; i < UNITS; i++) {
		struct unit u = {.code = code, .name = "单位", .kind = UNIT_DEPARTMENT,
				 .parent = i ? unit[0] : 0};
		struct asset a = {.code = code, .name = "系统", .kind = ASSET_INFO_SYSTEM,
				  .status = STATUS_LIVE, .graded_on = CD_DATE_NONE,
				  .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE};

		if (!i)
			u.kind = UNIT_PARTY_COMMITTEE;
		snprintf(code, sizeof code, "U%d", i);
		assert_int_equal(store_unit_add(s, &u, &d), CD_OK);
		unit[i] = u.id;
		snprintf(code, sizeof code, "A%d", i);
		a.rel[REL_MANAGER] = u.id;
		assert_int_equal(store_asset_add(s, &a, &d), CD_OK);
		assets[i] = a.id;
	}
	for (int i = 0; i < notices; i++) {
		struct notice n;

		notice_init(&n);
		snprintf(code, sizeof code, "N%d", i);
		n.code = code;
		n.authority = "市委网信办";
		n.received_at = T("2026-05-01 09:00");
		n.assets = &assets[i % UNITS];
		n.nassets = 1;
		assert_int_equal(store_notice_add(s, &n, &d), CD_OK);
	}
	for (int i = 0; i < incidents; i++) {
		struct incident x;

		incident_init(&x);
		snprintf(code, sizeof code, "INC-%d", i);
		x.code = code;
		x.detected_at = T("2026-05-02 09:00");
		x.unit = unit[i % UNITS];
		x.assets = &assets[i % UNITS];
		x.nassets = 1;
		assert_int_equal(store_incident_add(s, &x, &d), CD_OK);
	}
	for (int i = 0; i < obligs; i++) {
		/* few due dates and names: the keyset's ties go down to the unit, system and id */
		struct oblig o = {.kind = OBLIG_MLPS_FILING, .name = onames[i % 3], .article = "第十条",
				  .unit = unit[i % UNITS], .asset = assets[(i / 3) % UNITS],
				  .start = D("2026-01-01"), .due = D("2026-03-01") + i % 4, .need = 1,
				  .done_on = CD_DATE_NONE};

		assert_int_equal(store_obligations_replace(s, OSET_ADD, 0, &o, 1, &d), CD_OK);
	}
	assert_int_equal(store_commit(s, &d), CD_OK);
	return s;
}

/* seen_once marks id in seen[0..max); false when seen before or out of range */
static bool seen_once(unsigned char *seen, size_t max, int64_t id)
{
	if (id < 1 || (size_t)id >= max || seen[id])
		return false;
	return seen[id] = 1, true;
}

/* a page of notices, unscoped and in the root's scope, touches as many rows at ten times the
 * notices; its plan searches the notices by primary key from the cursor and scans none */
static void notice_page_bounded(void **state)
{
	static const char *const plans[] = {"notice_page", "notice_page_desc"};
	long steps[2][2][2]; /* [size][scoped][desc] */
	int64_t unit[UNITS];
	char plan[8192];
	(void)state;

	for (int big = 0; big < 2; big++) {
		struct store *s = reads_db(big ? "reads-big" : "reads-small", big ? 3000 : 300, 0, 0,
					   unit);
		struct cd_diag d = {{0}};

		for (int desc = 0; desc < 2; desc++) {
			assert_int_equal(store_sqlite_explain(s, plans[desc], plan, sizeof plan), CD_OK);
			if (!strstr(plan, desc ? "SEARCH n USING INTEGER PRIMARY KEY (rowid<?)"
					       : "SEARCH n USING INTEGER PRIMARY KEY (rowid>?)") ||
			    strstr(plan, "SCAN n\n"))
				fail_msg("plan of %s:\n%s", plans[desc], plan);
			for (int scoped = 0; scoped < 2; scoped++) {
				/* the middle of the list: a page after a cursor, 50 rows */
				struct work_query q = {.scope = scoped ? unit[0] : 0, .desc = desc,
						       .kind = -1, .after = big ? 1500 : 150,
						       .limit = 50};
				struct arena *a = arena_new(0);
				struct notice_row *rows = NULL;
				size_t n = 0;
				long none;

				assert_int_equal(store_sqlite_steps(s, plans[desc], &none), CD_OK);
				assert_int_equal(store_notice_page(s, &q, a, &rows, &n, &d), CD_OK);
				assert_int_equal(n, 50);
				assert_int_equal(rows[0].n.id, desc ? q.after - 1 : q.after + 1);
				assert_int_equal(store_sqlite_steps(s, plans[desc],
								    &steps[big][scoped][desc]),
						 CD_OK);
				assert_true(steps[big][scoped][desc] > 0);
				arena_free(a);
			}
		}
		store_close(s);
	}
	for (int scoped = 0; scoped < 2; scoped++)
		for (int desc = 0; desc < 2; desc++)
			if (steps[1][scoped][desc] != steps[0][scoped][desc])
				fail_msg("a page of 50 notices (%s, %s) ran %ld steps at 300 notices, "
					 "%ld at 3000",
					 scoped ? "scoped" : "unscoped", desc ? "desc" : "asc",
					 steps[0][scoped][desc], steps[1][scoped][desc]);
	long none;
	struct store *s = reads_db("reads-hook", 0, 0, 0, unit);

	assert_int_equal(store_sqlite_steps(s, "nope", &none), CD_ENOTFOUND);
	store_close(s);
}

/* the incidents walked whole by cursor, every scope and direction: each once, in order; a line's
 * kept verdict read by its key */
static void walk_incidents(void **state)
{
	enum { N = 130 };
	int64_t unit[UNITS];
	struct store *s = reads_db("reads-inc", 0, N, 0, unit);
	unsigned char seen[N + 2];
	(void)state;

	for (int scope = -1; scope < UNITS; scope++)
		for (int desc = 0; desc < 2; desc++) {
			struct work_query q = {.scope = scope < 0 ? 0 : unit[scope], .desc = desc,
					       .kind = -1, .limit = 9};
			size_t total = 0, n;
			/* the root's scope holds all; each department's a third */
			size_t want = scope <= 0 ? N : (size_t)(N / UNITS + (scope < N % UNITS));

			memset(seen, 0, sizeof seen);
			do {
				struct arena *a = arena_new(0);
				struct incident_row *rows = NULL;
				struct cd_diag d = {{0}};

				assert_int_equal(store_incident_page(s, &q, a, &rows, &n, &d), CD_OK);
				for (size_t i = 0; i < n; i++) {
					assert_true(seen_once(seen, sizeof seen, rows[i].x.id));
					assert_true(!q.after || (desc ? rows[i].x.id < q.after
								      : rows[i].x.id > q.after));
					q.after = rows[i].x.id;
				}
				total += n;
				arena_free(a);
			} while (n == q.limit);
			if (total != want)
				fail_msg("scope %d, %s: %zu incidents walked, %zu expected", scope,
					 desc ? "desc" : "asc", total, want);
		}
	/* a line of the list reads its incident's kept verdict by its key (schema 0043) */
	{
		char plan[1024];

		assert_int_equal(store_sqlite_explain(s, "incident_verdict_get", plan, sizeof plan),
				 CD_OK);
		if (!strstr(plan, "SEARCH incident_verdict USING INTEGER PRIMARY KEY (rowid=?)") ||
		    strstr(plan, "SCAN"))
			fail_msg("plan of incident_verdict_get:\n%s", plan);
	}
	store_close(s);
}

/* cmp_key orders obligations as the page does: due, name, unit, system, id */
static int cmp_key(const struct oblig_row *a, const struct oblig_row *b)
{
	int c = (a->o.due > b->o.due) - (a->o.due < b->o.due);

	if (!c)
		c = strcmp(a->o.name, b->o.name);
	if (!c)
		c = (a->o.unit > b->o.unit) - (a->o.unit < b->o.unit);
	if (!c)
		c = (a->o.asset > b->o.asset) - (a->o.asset < b->o.asset);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* reads_only: every table the plan searches or scans is one of the space-separated names */
static bool reads_only(const char *plan, const char *names)
{
	char all[128], name[68];

	snprintf(all, sizeof all, " %s ", names);
	for (const char *p = plan; *p; p++) {
		size_t skip = !strncmp(p, "SEARCH ", 7) ? 7 : !strncmp(p, "SCAN ", 5) ? 5 : 0;
		size_t n;

		if (!skip)
			continue;
		p += skip;
		n = strcspn(p, " \n");
		snprintf(name, sizeof name, " %.*s ", (int)(n < 64 ? n : 64), p);
		if (n >= 64 || !strstr(all, name))
			return false;
	}
	return true;
}

/* the deadlines walked whole by their keyset (due date, name, unit, system, id), through many
 * ties, in both directions and in a scope: each once, in order, with its system's code and name;
 * the plan reads the obligations through an index, not by a scan of the table, and reads no
 * other table than their units (and the scope's): no asset (schema 0048) */
static void walk_deadlines(void **state)
{
	enum { N = 400 };
	int64_t unit[UNITS];
	struct store *s = reads_db("reads-oblig", 0, 0, N, unit);
	unsigned char seen[N + 2];
	char plan[8192];
	(void)state;

	for (int scope = -1; scope < 2; scope++)
		for (int desc = 0; desc < 2; desc++) {
			struct oblig_query q = {.scope = scope < 0 ? 0 : unit[scope], .state = -1,
						.today = D("2026-12-01"), .desc = desc, .limit = 7};
			struct arena *keep = arena_new(0);
			struct oblig_row last = {0};
			size_t total = 0, n;
			size_t want = scope <= 0 ? N : (size_t)(N / UNITS + (scope < N % UNITS));

			memset(seen, 0, sizeof seen);
			do {
				struct arena *a = arena_new(0);
				struct oblig_row *rows = NULL;
				struct cd_diag d = {{0}};

				assert_int_equal(store_obligation_page(s, &q, a, &rows, &n, &d), CD_OK);
				for (size_t i = 0; i < n; i++) {
					assert_true(seen_once(seen, sizeof seen, rows[i].id));
					/* the system's code and name, kept with it (schema 0048) */
					assert_non_null(rows[i].asset_code);
					assert_int_equal(rows[i].asset_code[0], 'A');
					assert_string_equal(rows[i].asset_name, "系统");
					if (total + i && (desc ? cmp_key(&rows[i], &last) >= 0
							       : cmp_key(&rows[i], &last) <= 0))
						fail_msg("obligation %lld out of order",
							 (long long)rows[i].id);
					last = rows[i];
					last.o.name = arena_strdup(keep, rows[i].o.name);
				}
				if (n) {
					q.after = true;
					q.after_due = last.o.due;
					q.after_name = last.o.name;
					q.after_unit = last.o.unit;
					q.after_asset = last.o.asset;
					q.after_id = last.id;
				}
				total += n;
				arena_free(a);
			} while (n == q.limit);
			if (total != want)
				fail_msg("scope %d, %s: %zu obligations walked, %zu expected", scope,
					 desc ? "desc" : "asc", total, want);
			arena_free(keep);
		}
	for (int desc = 0; desc < 2; desc++) {
		const char *which = desc ? "oblig_page_desc" : "oblig_page";

		assert_int_equal(store_sqlite_explain(s, which, plan, sizeof plan), CD_OK);
		if (strstr(plan, "SCAN o\n") || !strstr(plan, "SEARCH o USING INDEX") ||
		    strstr(plan, "USE TEMP B-TREE FOR ORDER BY"))
			fail_msg("plan of %s:\n%s", which, plan);
		if (!reads_only(plan, "o u sc fl CONSTANT"))
			fail_msg("plan of %s reads a table besides the obligations, their units and "
				 "the scope's:\n%s",
				 which, plan);
	}
	store_close(s);
}

/* a page of the notices of one state reads that state's rows through the index of the kept
 * verdicts (schema 0038): the same steps whatever the number of notices in other states, and a
 * plan that searches notice_verdict_open, never scans the notices */
static void notice_state_page_bounded(void **state)
{
	enum { TODAY = 20 }; /* notices due today at every size */
	static const char *const plans[] = {"notice_state_due_today", "notice_state_overdue",
					    "notice_state_open"};
	cd_date today = D("2026-06-01");
	long steps[2];
	int64_t unit[UNITS];
	char plan[8192];
	(void)state;

	for (int big = 0; big < 2; big++) {
		int notices = big ? 3000 : 300;
		struct store *s = reads_db(big ? "reads-state-big" : "reads-state-small", notices, 0,
					   0, unit);
		struct cd_diag d = {{0}};
		struct work_query q = {.scope = unit[0], .kind = -1, .limit = 50};
		struct arena *a = arena_new(0);
		struct notice_row *rows = NULL;
		size_t n = 0;
		long none;
		size_t overdue = 0;

		/* the others done, overdue or open: a tenth each of all but TODAY left open */
		assert_int_equal(store_begin(s, &d), CD_OK);
		for (int i = 1; i <= notices; i++) {
			struct notice_verdict v = {.notice = i, .stage = STAGE_RECEIVED, .due = today,
						   .feedback_at = CD_TIME_NONE};

			if (i > TODAY && i % 3 == 0)
				v.feedback_at = T("2026-05-20 10:00"), v.stage = STAGE_FEEDBACK;
			else if (i > TODAY)
				v.due = today + (i % 3 == 1 ? -5 : 5);
			overdue += v.due < today;
			assert_int_equal(store_notice_verdict_put(s, &v, &d), CD_OK);
		}
		assert_int_equal(store_commit(s, &d), CD_OK);
		for (size_t k = 0; k < sizeof plans / sizeof *plans; k++) {
			assert_int_equal(store_sqlite_explain(s, plans[k], plan, sizeof plan), CD_OK);
			if (!strstr(plan, "notice_verdict_open") || strstr(plan, "SCAN n\n") ||
			    strstr(plan, "SCAN notice_verdict"))
				fail_msg("plan of %s:\n%s", plans[k], plan);
		}
		assert_int_equal(store_sqlite_steps(s, plans[0], &none), CD_OK);
		assert_int_equal(store_notice_state_page(s, &q, DUE_TODAY, today, a, &rows, &n, &d),
				 CD_OK);
		assert_int_equal(n, TODAY);
		for (size_t i = 0; i < n; i++)
			assert_true(rows[i].n.id <= TODAY);
		assert_int_equal(store_sqlite_steps(s, plans[0], &steps[big]), CD_OK);
		/* the other states: as many as the verdicts say */
		assert_int_equal(store_notice_state_page(s, &(struct work_query){.kind = -1,
										 .limit = 5000},
							 DUE_OVERDUE, today, a, &rows, &n, &d),
				 CD_OK);
		assert_int_equal(n, overdue);
		arena_free(a);
		store_close(s);
	}
	if (steps[1] != steps[0])
		fail_msg("a page of the notices due today ran %ld steps at 300 notices, %ld at 3000",
			 steps[0], steps[1]);
}

/* a page of obligations after a cursor deep in a day of many (a million systems graded on a few
 * dozen days share their filing deadlines: 25,000 a day in bench/gen.awk's) reads from the cursor
 * on, not from the day's first row: the same steps whether the day before the cursor holds 80
 * rows or 980, either way */
static void deadlines_page_deep(void **state)
{
	long steps[2][2];
	int64_t unit[UNITS];
	(void)state;

	for (int big = 0; big < 2; big++) {
		int obligs = big ? 1000 : 100; /* all due on one day, as the filings of a grading day */
		struct store *s = reads_db(big ? "reads-deep-big" : "reads-deep-small", 0, 0, 0, unit);
		struct cd_diag d0 = {{0}};

		assert_int_equal(store_begin(s, &d0), CD_OK);
		for (int i = 0; i < obligs; i++) {
			/* the systems need not be in the register for the page: no key refers to it */
			struct oblig o = {.kind = OBLIG_MLPS_FILING, .name = "等级保护备案",
					  .article = "第十条", .unit = unit[i % UNITS],
					  .asset = 100000 + i, .start = D("2026-01-01"),
					  .due = D("2026-03-01"), .need = 1, .done_on = CD_DATE_NONE};

			assert_int_equal(store_obligations_replace(s, OSET_ADD, 0, &o, 1, &d0), CD_OK);
		}
		assert_int_equal(store_commit(s, &d0), CD_OK);
		for (int desc = 0; desc < 2; desc++) {
			const char *which = desc ? "oblig_page_desc" : "oblig_page";
			struct oblig_query q = {.state = -1, .today = D("2026-12-01"), .desc = desc,
						.limit = (size_t)obligs - 20};
			struct arena *a = arena_new(0);
			struct oblig_row *rows = NULL, *last;
			struct cd_diag d = {{0}};
			size_t n = 0;
			long none;

			/* the cursor: 20 rows before the end of the day */
			assert_int_equal(store_obligation_page(s, &q, a, &rows, &n, &d), CD_OK);
			assert_int_equal(n, q.limit);
			last = &rows[n - 1];
			q = (struct oblig_query){.state = -1, .today = D("2026-12-01"), .desc = desc,
						 .limit = 7, .after = true, .after_due = last->o.due,
						 .after_name = last->o.name, .after_unit = last->o.unit,
						 .after_asset = last->o.asset, .after_id = last->id};
			assert_int_equal(store_sqlite_steps(s, which, &none), CD_OK);
			assert_int_equal(store_obligation_page(s, &q, a, &rows, &n, &d), CD_OK);
			assert_int_equal(n, 7);
			assert_int_equal(rows[0].o.due, q.after_due);
			assert_int_equal(store_sqlite_steps(s, which, &steps[big][desc]), CD_OK);
			assert_true(steps[big][desc] > 0);
			arena_free(a);
		}
		store_close(s);
	}
	for (int desc = 0; desc < 2; desc++)
		if (steps[1][desc] != steps[0][desc])
			fail_msg("a page of 7 obligations deep in a day (%s) ran %ld steps with 80 rows "
				 "of the day before the cursor, %ld with 980",
				 desc ? "desc" : "asc", steps[0][desc], steps[1][desc]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notice_page_bounded),
		cmocka_unit_test(notice_state_page_bounded),
		cmocka_unit_test(walk_incidents),
		cmocka_unit_test(walk_deadlines),
		cmocka_unit_test(deadlines_page_deep),
	};
	return cmocka_run_group_tests_name("reads", tests, NULL, NULL);
}
