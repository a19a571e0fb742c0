/* test_derived_kept.c — a register act keeps the derived obligations (schema 0009) and gaps
 * (0012) of what it changed, and what it keeps is what a whole rebuild makes: over the demo
 * organisation (`cyberduty demo --as-of 2026-12-04`) and over bench/org.awk's of a few thousand
 * systems, each act of a sequence of every kind is run with the obligations fresh; after it they
 * must still be marked fresh (the act kept them) or be stale (the act leaves them to a rebuild,
 * as the test's table says), and when kept, every row of both tables — every column but the row
 * id, sorted — must equal those svc_obligations_rebuild makes on a copy of the database.
 * Usage: test_derived_kept path/to/cyberduty (it makes the two databases with it). */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "store/store.h"
#include "svc/register.h"
#include "svc/work.h"

static const char *cd_bin; /* argv[1] */

#pragma GCC diagnostic ignored "-Woverride-init"
/* every field of an update "not given" but those the step names */
#define AS(...)                                                                                    \
	(struct asset_in)                                                                          \
	{                                                                                          \
		.kind = -1, .mlps_level = -1, .graded_on = CD_DATE_NONE, .filed_on = CD_DATE_NONE, \
		.assessed_on = CD_DATE_NONE, .assess_result = -1, .cii = -1,                       \
		.internet_facing = -1, .personal_info = -1, .protection_installed = -1,            \
		.status = -1, __VA_ARGS__                                                          \
	}

/* One organisation under test. */
struct org {
	char db[512], copy[512];
	struct store *s;
	const struct policy *pol;
	struct arena *a;
	struct cd_diag d;
	struct act c;
	char unit1[64], unit2[64];            /* two departments' codes */
	int64_t asset;                        /* the system the steps create */
	int64_t held;                         /* a system with a duty held for it (0: none) */
	int64_t unit, p1, p2, duty1, project; /* the records the steps create */
	int steps;                            /* acts compared with a rebuild */
	size_t ids_kept;                      /* gaps found again by an act, their ids kept */
	int counts_kept;                      /* acts after which the kept counts were compared */
	bool ratio;                           /* its profile sets a security budget ratio */
};

static void sh(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0)
		fail_msg("%s: exit %d", cmd, rc);
}

/* text: the first column of the first row of stmt over the database at path, in buf */
static void text(const char *path, const char *stmt, char *buf, size_t n)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, stmt, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", stmt, sqlite3_errmsg(db));
	buf[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* rows: every kept obligation and gap of the database at path, every column but the row id, one
 * line each, sorted (malloc'd) */
static char *rows(const char *path)
{
	/* quote() keeps NULL apart from '' (concat_ws is SQLite 3.44's, newer than ours) */
#define C(x) "quote(" #x ") || '|' || "
	static const char q[] =
	    "SELECT group_concat(r, char(10)) FROM (SELECT r FROM (SELECT 'o ' || " C(kind) C(duty)
	        C(unit_id) C(asset_id) C(period) C(name) C(article) C(start) C(due) C(need) C(have)
	            C(done_on) C(evidence)
	                C(asset_code) "quote(asset_name)"
	                              " AS r FROM obligation UNION ALL SELECT 'g ' || " C(rule)
	                                  C(article) C(subject) C(unit_id) C(asset_id) C(project_id)
	                                      C(role)
	                                          C(since) "quote(message) FROM gap) ORDER BY r)";
#undef C
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *out;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK)
		fail_msg("rows: %s", sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = strdup(sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_non_null(out);
	return out;
}

/* counts: the dashboard's kept counts of obligations (schema 0039) of the database at path, a
 * line each, sorted (malloc'd) */
static char *counts(const char *path)
{
	char *out;
	size_t n = 1 << 22;

	assert_non_null(out = malloc(n));
	text(path,
	     "SELECT coalesce(group_concat(r, char(10)), '') FROM (SELECT kind || ' ' || unit_id"
	     " || ' ' || state || ' ' || n AS r FROM obligation_count ORDER BY r)",
	     out, n);
	return out;
}

/* counts_fresh: the kept counts are of the test's day */
static bool counts_fresh(const char *path)
{
	char day[16];

	text(path, "SELECT value FROM meta WHERE key = 'obligation_counts_day'", day, sizeof day);
	return !strcmp(day, "2026-12-04");
}

/* gap_ids: each kept gap of the database at path as "identity<TAB>id" (what it is a gap of: rule,
 * subject, unit, system, project, role), one line each, sorted (malloc'd) */
static char *gap_ids(const char *path)
{
	static const char q[] =
	    "SELECT coalesce(group_concat(r, char(10)), '') FROM (SELECT rule || '|' || subject || '|'"
	    " || unit_id || '|' || asset_id || '|' || project_id || '|' || coalesce(role, '') ||"
	    " char(9) || printf('%012d', id) AS r FROM gap ORDER BY r)";
	char *out;
	size_t n = 1 << 22;

	assert_non_null(out = malloc(n));
	text(path, q, out, n);
	return out;
}

/* same_ids fails when a gap found both before and after an act (the same identity, as many
 * times) has another id after it: a gap found again keeps its id, and with it its place in the
 * list, which is in the order gaps were kept. Answers how many gaps kept theirs. */
static size_t same_ids(const char *what, char *before, char *after)
{
	char *b = before, *a = after;
	size_t kept = 0;

	while (*b && *a) {
		size_t bl = strcspn(b, "\t"), al = strcspn(a, "\t"), nb = 0, na = 0;
		int cmp = strncmp(b, a, bl < al ? bl : al);
		char *bi, *ai;

		if (!cmp && bl != al)
			cmp = bl < al ? -1 : 1;
		/* the lines of one identity on each side */
		for (bi = b; !strncmp(bi, b, bl + 1); nb++)
			bi += strcspn(bi, "\n") + (bi[strcspn(bi, "\n")] == '\n');
		for (ai = a; !strncmp(ai, a, al + 1); na++)
			ai += strcspn(ai, "\n") + (ai[strcspn(ai, "\n")] == '\n');
		if (!cmp && nb == na) {
			/* the blocks without the line break after the last line (the end has none) */
			size_t lb = (size_t)(bi - b) - (bi[-1] == '\n'), la = (size_t)(ai - a) - (ai[-1] == '\n');

			if (lb != la || strncmp(b, a, lb))
				fail_msg("%s: a gap found again has a new id:\n  before: %.*s\n  after:  %.*s",
				         what, (int)lb, b, (int)la, a);
			kept += nb;
		}
		if (cmp <= 0)
			b = bi;
		if (cmp >= 0)
			a = ai;
	}
	return kept;
}

/* first_diff fails naming the first line where kept and rebuilt differ */
static void first_diff(const char *what, const char *kept, const char *rebuilt)
{
	const char *k = kept, *r = rebuilt;
	size_t line = 1;

	while (*k && *k == *r) {
		if (*k == '\n') {
			line++;
			kept = k + 1;
			rebuilt = r + 1;
		}
		k++;
		r++;
	}
	fail_msg("%s: the kept rows differ from a rebuild's at line %zu:\n  kept:    %.300s\n"
	         "  rebuilt: %.300s",
	         what, line, kept, rebuilt);
}

static void act_reset(struct org *o)
{
	arena_free(o->a);
	o->a = arena_new(0);
	assert_non_null(o->a);
	memset(&o->d, 0, sizeof o->d);
	o->c = (struct act){.s = o->s,
	                    .pol = o->pol,
	                    .actor = "test",
	                    .ip = "",
	                    .now = T("2026-12-04T10:00"),
	                    .a = o->a,
	                    .d = &o->d};
}

static bool fresh(struct org *o)
{
	bool yes = false;

	act_reset(o);
	assert_int_equal(act_derived_fresh(&o->c, &yes), CD_OK);
	return yes;
}

/* compare: the kept rows of o's database equal those a rebuild makes of a copy of it */
static void compare(struct org *o, const char *what)
{
	char sql[700], none[8];
	struct store *s = NULL;
	const struct policy *pol = NULL;
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct act c;
	char *kept, *rebuilt;

	unlink(o->copy);
	snprintf(sql, sizeof sql, "VACUUM INTO '%s'", o->copy);
	text(o->db, sql, none, sizeof none);
	assert_int_equal(store_open(o->copy, 0, &s, &d), CD_OK);
	assert_int_equal(policy_get(s, &pol, &d), CD_OK);
	c = (struct act){.s = s,
	                 .pol = pol,
	                 .actor = "test",
	                 .ip = "",
	                 .now = T("2026-12-04T10:00"),
	                 .a = a,
	                 .d = &d};
	assert_int_equal(store_begin(s, &d), CD_OK);
	if (svc_obligations_rebuild(&c))
		fail_msg("rebuild: %s", d.msg);
	/* the dashboard's counts of the rebuilt obligations, counted whole */
	assert_int_equal(store_obligation_counts_keep(s, D("2026-12-04"), &d), CD_OK);
	assert_int_equal(store_commit(s, &d), CD_OK);
	policy_put(pol);
	store_close(s);
	arena_free(a);
	kept = rows(o->db);
	rebuilt = rows(o->copy);
	if (strcmp(kept, rebuilt))
		first_diff(what, kept, rebuilt);
	assert_true(strlen(kept) > 0);
	free(kept);
	free(rebuilt);
	/* the kept counts, changed by the act, are those of the rows (when the act kept the
	 * obligations: one left stale leaves the next reader to count them) */
	if (counts_fresh(o->db)) {
		kept = counts(o->db);
		rebuilt = counts(o->copy);
		if (strcmp(kept, rebuilt))
			first_diff(what, kept, rebuilt);
		free(kept);
		free(rebuilt);
		o->counts_kept++;
	}
	o->steps++;
}

/* A step: one act on the organisation, and whether it keeps the derived rows. */
struct step {
	const char *name;
	enum cd_err (*run)(struct org *o);
	bool keeps;
	const char *shows; /* a query that gives 1 on the kept rows after it: the step did change
	                    * what it is meant to (NULL: none) */
	bool ratio;        /* shows only under a profile with a budget ratio */
};

static enum cd_err asset_create(struct org *o)
{
	struct asset_in in = AS(.code = "KEPT-1", .name = "保持系统", .kind = ASSET_INFO_SYSTEM,
	                        .mlps_level = 3, .graded_on = D("2026-01-10"));
	struct asset_row r;
	enum cd_err rc;

	in.rel[REL_MANAGER] = o->unit1;
	rc = svc_asset_add(&o->c, &in, &r);
	o->asset = rc ? 0 : r.a.id;
	return rc;
}

static enum cd_err asset_set(struct org *o, int64_t id, struct asset_in in)
{
	struct asset_row r;

	return svc_asset_update(&o->c, id, &in, &r);
}

static enum cd_err asset_level2(struct org *o)
{
	return asset_set(o, o->asset, AS(.mlps_level = 2));
}

static enum cd_err asset_level4(struct org *o)
{
	return asset_set(o, o->asset, AS(.mlps_level = 4, .assessed_on = D("2026-03-01")));
}

static enum cd_err asset_move(struct org *o)
{
	struct asset_in in = AS(0);

	in.rel[REL_MANAGER] = o->unit2;
	in.rel[REL_USER] = o->unit1;
	return asset_set(o, o->asset, in);
}

static enum cd_err asset_cii(struct org *o)
{
	return asset_set(o, o->asset, AS(.cii = 1, .internet_facing = 1));
}

static enum cd_err asset_filed(struct org *o)
{
	return asset_set(o, o->asset, AS(.filed_on = D("2026-02-01"), .filing_no = "备-1"));
}

static enum cd_err asset_rename(struct org *o)
{
	return asset_set(o, o->asset, AS(.name = "改名系统"));
}

static enum cd_err asset_unanswered(struct org *o)
{
	return asset_set(o, o->asset,
	                 AS(.clear = ASSET_CLEAR_REL(REL_MANAGER) | ASSET_CLEAR_REL(REL_USER)));
}

static enum cd_err asset_retire(struct org *o)
{
	return asset_set(o, o->asset, AS(.status = STATUS_RETIRED));
}

static enum cd_err asset_held(struct org *o)
{
	struct asset_in in =
	    AS(.name = "有专人的系统", .mlps_level = 3, .graded_on = D("2025-06-01"));

	in.rel[REL_MANAGER] = o->unit2;
	return o->held ? asset_set(o, o->held, in) : CD_OK;
}

/* the rest of the register: a unit, two people, duties, a project */
static enum cd_err unit_create(struct org *o)
{
	struct unit_in in = {
	    .code = "KEPT-U", .name = "保持学院", .parent = o->unit1, .kind = UNIT_DEPARTMENT};
	struct rec_row r;
	enum cd_err rc = svc_unit_add(&o->c, &in, &r);

	o->unit = rc ? 0 : r.r.unit.id;
	return rc;
}

static enum cd_err unit_set(struct org *o, struct unit_in in)
{
	struct rec_row r;

	return svc_unit_update(&o->c, o->unit, &in, &r);
}

static enum cd_err unit_rename(struct org *o)
{
	return unit_set(o, (struct unit_in){.name = "改名学院", .kind = -1});
}

static enum cd_err unit_move(struct org *o)
{
	return unit_set(o, (struct unit_in){.parent = o->unit2, .kind = -1});
}

static enum cd_err unit_outside(struct org *o)
{
	return unit_set(o, (struct unit_in){.kind = UNIT_EXTERNAL_AUTHORITY});
}

static enum cd_err person_create(struct org *o, const char *code, const char *name, int64_t *id)
{
	struct person_in in = {.code = code, .name = name, .unit = "KEPT-U"};
	struct rec_row r;
	enum cd_err rc = svc_person_add(&o->c, &in, &r);

	*id = rc ? 0 : r.r.person.id;
	return rc;
}

static enum cd_err people_create(struct org *o)
{
	enum cd_err rc = person_create(o, "KEPT-P1", "保一", &o->p1);

	return rc ? rc : person_create(o, "KEPT-P2", "保二", &o->p2);
}

static enum cd_err person_rename(struct org *o)
{
	struct person_in in = {.name = "保二改"};
	struct rec_row r;

	return svc_person_update(&o->c, o->p2, &in, &r);
}

static enum cd_err duty_create(struct org *o, const char *person, const char *unit,
                               const char *asset, cd_date from, int64_t *id)
{
	struct duty_in in = {.role = ROLE_FIRST_RESPONSIBLE,
	                     .person = person,
	                     .unit = unit,
	                     .asset = asset,
	                     .from = from,
	                     .to = CD_DATE_NONE};
	struct rec_row r;
	enum cd_err rc = svc_duty_add(&o->c, &in, &r);

	if (id)
		*id = rc ? 0 : r.r.duty.id;
	return rc;
}

static enum cd_err duty_first(struct org *o)
{
	return duty_create(o, "KEPT-P1", "KEPT-U", NULL, D("2026-01-01"), &o->duty1);
}

static enum cd_err duty_overlap(struct org *o)
{
	return duty_create(o, "KEPT-P2", "KEPT-U", NULL, D("2026-06-01"), NULL);
}

static enum cd_err duty_end(struct org *o)
{
	struct duty_in in = {.role = -1, .from = CD_DATE_NONE, .to = D("2026-05-31")};
	struct rec_row r;

	return svc_duty_update(&o->c, o->duty1, &in, &r);
}

static enum cd_err duty_system(struct org *o)
{
	struct duty_in in = {.role = ROLE_ASSET_CUSTODIAN,
	                     .person = "KEPT-P1",
	                     .asset = "KEPT-1",
	                     .from = D("2026-01-01"),
	                     .to = CD_DATE_NONE};
	struct rec_row r;

	return svc_duty_add(&o->c, &in, &r);
}

static enum cd_err project_create(struct org *o)
{
	struct project_in in = {.code = "KEPT-XM",
	                        .name = "保持项目",
	                        .unit = "KEPT-U",
	                        .year = 2026,
	                        .total = 1000000,
	                        .security = 1000};
	struct rec_row r;
	enum cd_err rc = svc_project_add(&o->c, &in, &r);

	o->project = rc ? 0 : r.r.project.id;
	return rc;
}

static enum cd_err project_raise(struct org *o)
{
	struct project_in in = {.year = -1, .total = -1, .security = 200000};
	struct rec_row r;

	return svc_project_update(&o->c, o->project, &in, &r);
}

static const struct step steps[] = {
    {"asset create", asset_create, true,
     "SELECT count(*) = 2 FROM obligation WHERE asset_code = 'KEPT-1'", false},
    {"asset level 2", asset_level2, true,
     "SELECT count(*) = 1 FROM obligation WHERE asset_code = 'KEPT-1'", false},
    {"asset level 4, assessed", asset_level4, true, NULL, false},
    {"asset unit in charge", asset_move, true, NULL, false},
    {"asset CII", asset_cii, true, NULL, false},
    {"asset filed", asset_filed, true, NULL, false},
    {"asset rename", asset_rename, true,
     "SELECT count(*) > 0 FROM obligation WHERE asset_name = '改名系统'", false},
    {"asset answered by none", asset_unanswered, true,
     "SELECT count(*) = 1 FROM gap WHERE rule = 'asset.unanswered' AND subject = 'KEPT-1'", false},
    {"asset retired", asset_retire, true, "SELECT count(*) = 0 FROM gap WHERE subject = 'KEPT-1'",
     false},
    {"asset with a duty held for it", asset_held, true, NULL, false},
    {"unit create", unit_create, true,
     "SELECT count(*) > 0 FROM gap WHERE rule = 'role.missing' AND subject = 'KEPT-U'", false},
    {"people create", people_create, true, NULL, false},
    {"duty create", duty_first, true, NULL, false},
    {"duty overlapping", duty_overlap, true,
     "SELECT count(*) = 1 FROM gap WHERE rule = 'role.overlap' AND subject = 'KEPT-U'", false},
    {"person rename (named in an overlap)", person_rename, true,
     "SELECT count(*) = 1 FROM gap WHERE message LIKE '%保二改%'", false},
    {"duty ended", duty_end, true,
     "SELECT count(*) = 0 FROM gap WHERE rule = 'role.overlap' AND subject = 'KEPT-U'", false},
    {"duty held for a system", duty_system, true, NULL, false},
    {"project create, budget low", project_create, true,
     "SELECT count(*) = 1 FROM gap WHERE rule = 'budget.low' AND subject = 'KEPT-XM'", true},
    {"project budget raised", project_raise, true,
     "SELECT count(*) = 0 FROM gap WHERE subject = 'KEPT-XM'", false},
    {"unit rename", unit_rename, true,
     "SELECT count(*) > 0 FROM gap WHERE message LIKE '改名学院%'", false},
    {"unit move", unit_move, true, NULL, false},
    {"unit kind: other duties (left stale)", unit_outside, false, NULL, false},
};

static void run_steps(struct org *o)
{
	char buf[64];

	assert_int_equal(store_open(o->db, 0, &o->s, &o->d), CD_OK);
	assert_int_equal(policy_get(o->s, &o->pol, &o->d), CD_OK);
	text(o->db, "SELECT code FROM unit WHERE kind = 'department' ORDER BY id LIMIT 1", o->unit1,
	     sizeof o->unit1);
	text(o->db, "SELECT code FROM unit WHERE kind = 'department' ORDER BY id LIMIT 1 OFFSET 1",
	     o->unit2, sizeof o->unit2);
	assert_true(*o->unit1 && *o->unit2);
	text(o->db, "SELECT min(asset_id) FROM duty WHERE asset_id IS NOT NULL", buf, sizeof buf);
	o->held = atoll(buf);
	act_reset(o);
	assert_int_equal(svc_obligations_ensure(&o->c), CD_OK);
	assert_true(fresh(o));
	compare(o, "the first rebuild");
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
		char *before = gap_ids(o->db), *after;
		enum cd_err rc;

		/* the dashboard's counts kept for the day, as its first read keeps them */
		act_reset(o);
		assert_int_equal(store_begin(o->s, &o->d), CD_OK);
		assert_int_equal(store_obligation_counts_keep(o->s, D("2026-12-04"), &o->d), CD_OK);
		assert_int_equal(store_commit(o->s, &o->d), CD_OK);
		act_reset(o);
		if ((rc = steps[i].run(o)))
			fail_msg("%s: %s (%s)", steps[i].name, o->d.msg,
			         o->c.field ? o->c.field : "");
		if (fresh(o) != steps[i].keeps)
			fail_msg("%s: the obligations are %s after it", steps[i].name,
			         steps[i].keeps ? "stale" : "kept");
		if (steps[i].keeps) { /* what it found again kept its place, the counts kept */
			if (!counts_fresh(o->db))
				fail_msg("%s: the dashboard's counts were dropped", steps[i].name);
			after = gap_ids(o->db);
			o->ids_kept += same_ids(steps[i].name, before, after);
			free(after);
		} else { /* the next act begins with them fresh */
			act_reset(o);
			assert_int_equal(svc_obligations_ensure(&o->c), CD_OK);
		}
		free(before);
		compare(o, steps[i].name);
		if (steps[i].shows && (o->ratio || !steps[i].ratio)) {
			char got[8];

			text(o->db, steps[i].shows, got, sizeof got);
			if (strcmp(got, "1"))
				fail_msg("%s: not so after it: %s", steps[i].name, steps[i].shows);
		}
	}
	policy_put(o->pol);
	store_close(o->s);
	arena_free(o->a);
	o->a = NULL;
}

/* drop removes a scratch database and the files beside it */
static void drop(const char *path)
{
	static const char *const side[] = {"", "-wal", "-shm", ".key"};
	char f[600];

	for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
		snprintf(f, sizeof f, "%s%s", path, side[i]);
		unlink(f);
	}
}

static void demo(void **state)
{
	struct org o = {0};
	char cmd[1400];

	(void)state;
	tmp_db(o.db, sizeof o.db, "kept-demo");
	tmp_db(o.copy, sizeof o.copy, "kept-demo-copy");
	snprintf(cmd, sizeof cmd, "'%s' demo --db '%s' --as-of 2026-12-04 >/dev/null", cd_bin,
	         o.db);
	sh(cmd);
	run_steps(&o);
	assert_int_equal(o.steps, 1 + (int)(sizeof steps / sizeof *steps));
	assert_true(o.ids_kept > 0); /* the acts did find gaps again */
	assert_true(o.counts_kept > 0);
	drop(o.db);
	drop(o.copy);
}

static void generated(void **state)
{
	struct org o = {0};
	char dir[600], cmd[4000];
	const char *src = getenv("CD_SOURCE");

	(void)state;
	assert_non_null(src);
	tmp_db(o.db, sizeof o.db, "kept-org");
	tmp_db(o.copy, sizeof o.copy, "kept-org-copy");
	snprintf(dir, sizeof dir, "%s.d", o.db);
	mkdir(dir, 0700);
	/* a few thousand systems: bench/org.awk's university, imported as bench/work does, under
	 * a profile that sets a security budget ratio (imnu-2022, the demo's, sets none) */
	o.ratio = true;
	snprintf(
	    cmd, sizeof cmd,
	    "awk -v DIR='%s' -v ASSETS=3000 -f '%s/bench/org.awk' && '%s' init --profile "
	    "yantai-fao-2021 --db '%s' >/dev/null && for k in units people assets duties; do '%s' "
	    "import $k '%s'/$k.csv --db '%s' >/dev/null || exit 1; done && rm -r '%s'",
	    dir, src, cd_bin, o.db, cd_bin, dir, o.db, dir);
	sh(cmd);
	run_steps(&o);
	assert_true(o.held); /* its systems have custodians */
	assert_true(o.ids_kept > 0);
	drop(o.db);
	drop(o.copy);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(demo),
	    cmocka_unit_test(generated),
	};

	/* the binary: the argument (ctest), else $CD_BIN (scripts/valgrind-core) */
	cd_bin = argc > 1 ? argv[1] : getenv("CD_BIN");
	if (!cd_bin) {
		fprintf(stderr, "usage: test_derived_kept path/to/cyberduty (or CD_BIN=path)\n");
		return 2;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
