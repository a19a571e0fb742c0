/* test_audit.c — the audit log through audit.h: the chain as appended, the hash of a known
 * entry (also recomputed by openssl in tests/cli/audit.sh), what an entry must be, each kind of
 * tampering done on the database file and the first broken seq it is reported at, the
 * retention, archives of backdated entries (verified with the database, refused, tampered),
 * and writers on several connections at once. */
#include "testutil.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <time.h>

#include "audit/audit.h"

#define ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

static struct audit_entry entry(const char *action, cd_time at)
{
	return (struct audit_entry){.at = at,
	                            .actor = "cli:test",
	                            .ip = "",
	                            .action = action,
	                            .object = "x:1",
	                            .after = "{\"n\":1}",
	                            .outcome = AUDIT_OK};
}

/* fresh opens a new database holding n entries appended now. */
static struct store *fresh(char *path, size_t len, const char *name, int n)
{
	struct cd_diag d = {{0}};
	struct store *s = NULL;

	assert_int_equal(store_open(tmp_db(path, len, name), STORE_CREATE, &s, &d), CD_OK);
	for (int i = 0; i < n; i++) {
		struct audit_entry e = entry(i % 2 ? "notice.add" : "record.add", time(NULL));

		e.before = i == 2 ? "{\"old\":true}" : NULL;
		assert_int_equal(audit_record(s, &e, &d), CD_OK);
	}
	return s;
}

static struct audit_report verify(struct store *s, const char *const *files, size_t nfiles,
                                  const struct audit_head *noted)
{
	struct audit_verify_opts o = {.archives = files, .narchives = nfiles, .noted = noted};
	struct audit_report r;
	struct cd_diag d = {{0}};

	if (audit_verify(s, &o, &r, &d))
		fail_msg("audit_verify: %s", d.msg);
	return r;
}

static void chain(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-chain", 5);
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL;
	struct audit_report r;
	int64_t seq = 0;
	char head[65], hash[65];
	size_t n = 0;
	(void)state;

	assert_int_equal(store_audit_head(s, &seq, head, &d), CD_OK);
	assert_int_equal(seq, 5);
	assert_int_equal(store_audit_page(s, 0, 100, a, &v, &n, &d), CD_OK);
	assert_int_equal(n, 5);
	assert_string_equal(v[0].prev, ZEROS);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].seq, (int64_t)i + 1);
		if (i)
			assert_string_equal(v[i].prev, v[i - 1].hash);
		assert_int_equal(audit_hash(&v[i], hash, &d), CD_OK);
		assert_string_equal(hash, v[i].hash);
	}
	assert_string_equal(v[4].hash, head);
	assert_string_equal(v[2].before, "{\"old\":true}");
	assert_null(v[1].before);
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 5);
	assert_int_equal(r.head.seq, 5);
	assert_string_equal(r.head.hash, head);
	/* a page at a time */
	assert_int_equal(store_audit_page(s, 3, 100, a, &v, &n, &d), CD_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].seq, 4);
	arena_free(a);
	store_close(s);
}

/* The entry whose hash docs/audit.md gives as its worked example. */
static const struct store_audit_entry known = {.seq = 1,
                                               .at = "2026-05-12T09:30:00+08:00",
                                               .actor = "cli:admin",
                                               .ip = "",
                                               .action = "notice.add",
                                               .object = "notice:1",
                                               .after = "{\"code\":\"N1\"}",
                                               .outcome = "ok",
                                               .prev = ZEROS};

static void hash_differs(const struct store_audit_entry *f, const char *h)
{
	char g[65];

	assert_int_equal(audit_hash(f, g, NULL), CD_OK);
	assert_string_not_equal(g, h);
}

static void known_hash(void **state)
{
	const struct store_audit_entry e = known;
	struct store_audit_entry f;
	struct cd_diag d = {{0}};
	char h[65];
	(void)state;

	/* the same value tests/cli/audit.sh computes with openssl from docs/audit.md */
	assert_int_equal(audit_hash(&e, h, &d), CD_OK);
	assert_string_equal(h, "525b0d75ca6424bfe36c8486701013a5a06422fb8f562114229def9090ed37da");
	/* every part counts, NULL is not "", and no field runs into the next */
	f = e;
	f.seq = 2;
	hash_differs(&f, h);
	f = e;
	f.before = "";
	hash_differs(&f, h);
	f = e;
	f.actor = "cli:admi";
	f.ip = "n";
	hash_differs(&f, h);
	f = e;
	f.prev = "1000000000000000000000000000000000000000000000000000000000000000";
	hash_differs(&f, h);
}

static void refused(void **state)
{
	char path[512], big[AUDIT_VALUE_MAX + 2];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-refused", 1);
	struct audit_entry e = entry("record.add", time(NULL));
	int64_t seq = 0;
	char head[65];
	static const struct {
		const char *name, *action, *outcome, *object;
	} bad[] = {
	    {"no action", NULL, AUDIT_OK, "x"},
	    {"empty action", "", AUDIT_OK, "x"},
	    {"unknown outcome", "a.b", "fine", "x"},
	    {"no outcome", "a.b", NULL, "x"},
	    {"object not UTF-8", "a.b", AUDIT_OK, "notice:\xff\xfe"},
	};
	(void)state;

	/* audit_append belongs inside the caller's transaction */
	assert_int_equal(audit_append(s, &e, &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "outside a transaction"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct audit_entry x = e;

		x.action = bad[i].action;
		x.outcome = bad[i].outcome;
		x.object = bad[i].object;
		if (audit_record(s, &x, &d) != CD_EINVAL)
			fail_msg("%s: accepted", bad[i].name);
	}
	e.at = CD_TIME_NONE;
	assert_int_equal(audit_record(s, &e, &d), CD_EINVAL);
	e = entry("record.add", time(NULL));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	e.after = big;
	assert_int_equal(audit_record(s, &e, &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "after is longer than 65536 bytes"));
	big[AUDIT_VALUE_MAX] = '\0'; /* exactly the cap */
	assert_int_equal(audit_record(s, &e, &d), CD_OK);
	/* a writer that read a stale head is refused by the database */
	assert_int_equal(store_begin(s, &d), CD_OK);
	{
		struct store_audit_entry row = known; /* seq 1 again, chained to zeros */

		row.hash = ZEROS;
		assert_int_equal(store_audit_add(s, &row, &d), CD_ECONFLICT);
	}
	store_rollback(s);
	assert_int_equal(store_audit_head(s, &seq, head, &d), CD_OK);
	assert_int_equal(seq, 2);
	store_close(s);
}

/* ---- tampering: the SQL a tamperer runs on the file, with the triggers dropped ---- */

static const char drop[] =
    "DROP TRIGGER audit_entry_extends_head;DROP TRIGGER audit_entry_moves_head;DROP TRIGGER "
    "audit_entry_no_update;DROP TRIGGER audit_entry_no_delete;DROP TRIGGER audit_head_forward;";

static void sql(const char *path, const char *text)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", text, err);
	sqlite3_close(db);
}

#define COLS "at, actor, ip, action, object, before, after, outcome, prev, hash"

static void tampering(void **state)
{
	static const struct {
		const char *name, *sql;
		enum audit_break what;
		int64_t seq;
		const char *why;
	} cases[] = {
	    {"field changed", "UPDATE audit_entry SET object = 'x:2' WHERE seq = 3", AUDIT_CHANGED,
	     3, "seq 3: contents changed"},
	    {"after removed", "UPDATE audit_entry SET after = NULL WHERE seq = 4", AUDIT_CHANGED, 4,
	     "seq 4: contents changed"},
	    {"time changed",
	     "UPDATE audit_entry SET at = '2020-01-01T00:00:00+08:00' WHERE seq = 2", AUDIT_CHANGED,
	     2, "seq 2: contents changed"},
	    {"middle deleted", "DELETE FROM audit_entry WHERE seq = 3", AUDIT_MISSING, 3,
	     "seq 3: missing"},
	    {"first deleted", "DELETE FROM audit_entry WHERE seq = 1", AUDIT_MISSING, 1,
	     "seq 1: missing"},
	    {"first replaced", "UPDATE audit_entry SET prev = hash WHERE seq = 1", AUDIT_PREV, 1,
	     "seq 1: its prev is not 64 zeros"},
	    {"inserted",
	     "UPDATE audit_entry SET seq = seq + 100 WHERE seq >= 3;UPDATE audit_entry SET seq = "
	     "seq - 99 WHERE seq > 100;INSERT INTO audit_entry SELECT 3, " COLS
	     " FROM audit_entry WHERE seq = 1",
	     AUDIT_PREV, 3, "seq 3: does not chain to seq 2"},
	    {"swapped",
	     "CREATE TEMP TABLE a AS SELECT * FROM audit_entry WHERE seq = 2;CREATE TEMP TABLE b "
	     "AS SELECT * FROM audit_entry WHERE seq = 4;UPDATE audit_entry SET (" COLS
	     ") = (SELECT " COLS " FROM b) WHERE seq = 2;UPDATE audit_entry SET (" COLS
	     ") = (SELECT " COLS " FROM a) WHERE seq = 4",
	     AUDIT_PREV, 2, "seq 2: does not chain to seq 1"},
	    {"newest deleted", "DELETE FROM audit_entry WHERE seq = 6", AUDIT_HEAD, 6,
	     "seq 6: missing — the chain ends at seq 5 but the head recorded is seq 6"},
	    {"two newest deleted", "DELETE FROM audit_entry WHERE seq >= 5", AUDIT_HEAD, 5,
	     "seq 5: missing — the chain ends at seq 4 but the head recorded is seq 6"},
	    {"head replaced",
	     "UPDATE audit_head SET hash = (SELECT hash FROM audit_entry WHERE seq = 1)",
	     AUDIT_HEAD, 6, "seq 6: not the head recorded"},
	    {"appended around",
	     "INSERT INTO audit_entry SELECT 7, " COLS " FROM audit_entry WHERE seq = 6",
	     AUDIT_PREV, 7, "seq 7: does not chain to seq 6"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[512], text[2048];
		struct store *s = fresh(path, sizeof(path), "audit-tamper", 6);
		struct audit_report r;

		store_close(s);
		snprintf(text, sizeof(text), "%s %s", drop, cases[i].sql);
		sql(path, text);
		assert_int_equal(store_open(path, 0, &s, NULL), CD_OK);
		r = verify(s, NULL, 0, NULL);
		if (r.broken != cases[i].what || r.seq != cases[i].seq ||
		    strncmp(r.why, cases[i].why, strlen(cases[i].why)))
			fail_msg("%s: got %d at seq %lld: %s", cases[i].name, r.broken,
			         (long long)r.seq, r.why);
		store_close(s);
	}
}

/* The honest limit: the newest entry deleted with the head rewritten to match verifies; a head
 * noted before finds it. The database refuses each of these without the triggers dropped. */
static void noted_head(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-noted", 6);
	struct audit_report r = verify(s, NULL, 0, NULL);
	struct audit_head noted = r.head, wrong = r.head, early;
	sqlite3 *db = NULL;
	(void)state;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "DELETE FROM audit_entry WHERE seq = 6", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(db, "UPDATE audit_entry SET actor = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit_head SET seq = 5", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit_head", NULL, NULL, NULL),
	                     SQLITE_OK);
	sqlite3_close(db);
	wrong.hash[0] = wrong.hash[0] == 'a' ? 'b' : 'a';
	r = verify(s, NULL, 0, &wrong);
	assert_int_equal(r.broken, AUDIT_HEAD);
	assert_int_equal(r.seq, 6);
	assert_true(audit_head_parse(
	    "3:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", &early));
	assert_string_equal(early.hash,
	                    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789");
	assert_false(audit_head_parse("3", &early));
	assert_false(audit_head_parse("0:" ZEROS, &early));
	assert_false(audit_head_parse("3:abc", &early));
	store_close(s);

	sql(path, "DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_head_forward;DELETE FROM "
	          "audit_entry WHERE seq = 6;UPDATE audit_head SET seq = 5, hash = (SELECT hash "
	          "FROM audit_entry WHERE seq = 5)");
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	r = verify(s, NULL, 0, &noted);
	assert_int_equal(r.broken, AUDIT_HEAD);
	assert_int_equal(r.seq, 6);
	assert_non_null(strstr(r.why, "the head noted is seq 6"));
	store_close(s);
}

/* ---- retention and archive ---- */

static void retention(void **state)
{
	char path[512];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-retention", 0);
	struct audit_entry by = entry(NULL, time(NULL));
	struct audit_archived out;
	int days = 0;
	(void)state;

	assert_int_equal(audit_retention(s, &days, &d), CD_OK);
	assert_int_equal(days, AUDIT_RETENTION_MIN);
	assert_int_equal(audit_retention_set(s, 182, &by, &d), CD_EINVAL);
	assert_int_equal(audit_retention_set(s, 400, &by, &d), CD_OK);
	assert_int_equal(audit_retention(s, &days, &d), CD_OK);
	assert_int_equal(days, 400);
	assert_int_equal(store_meta_set(s, AUDIT_RETENTION_KEY, "90", &d), CD_OK);
	assert_int_equal(audit_retention(s, &days, &d), CD_EINVAL);
	assert_int_equal(audit_archive(s, "/nonexistent/a.jsonl", CD_DATE_NONE, &by, &out, &d),
	                 CD_EINVAL);
	assert_int_equal(store_meta_set(s, AUDIT_RETENTION_KEY, "many", &d), CD_OK);
	assert_int_equal(audit_retention(s, &days, &d), CD_EINVAL);
	assert_int_equal(audit_retention_set(s, 183, &by, &d), CD_OK); /* corrects it */
	assert_int_equal(verify(s, NULL, 0, NULL).last, 2);
	store_close(s);
}

/* backdated builds a database whose first `old` entries are from January 2020, then `young`
 * of now. */
static struct store *backdated(char *path, size_t len, const char *name, int old, int young)
{
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, len, name, 0);
	char at[32];

	assert_int_equal(store_begin(s, &d), CD_OK);
	for (int i = 0; i < old; i++) {
		struct audit_entry e = entry("record.add", 0);

		snprintf(at, sizeof(at), "2020-01-%02d 10:00", i + 1);
		e.at = T(at);
		assert_int_equal(audit_append(s, &e, &d), CD_OK);
	}
	assert_int_equal(store_commit(s, &d), CD_OK);
	for (int i = 0; i < young; i++) {
		struct audit_entry e = entry("notice.add", time(NULL));

		assert_int_equal(audit_record(s, &e, &d), CD_OK);
	}
	return s;
}

static const char *tmp_file(char *buf, size_t n, const char *name)
{
	const char *dir = getenv("CD_TMP");

	snprintf(buf, n, "%s/%s-%ld.jsonl", dir ? dir : "/tmp", name, (long)getpid());
	unlink(buf);
	return buf;
}

static void archive(void **state)
{
	char path[512], f1[512], f2[512], f3[512], line[4096];
	struct cd_diag d = {{0}};
	struct store *s = backdated(path, sizeof(path), "audit-archive", 5, 2);
	struct audit_entry by = entry(NULL, time(NULL));
	struct audit_archived out;
	struct audit_report r;
	const char *both[] = {f2, f1}, *one[] = {f1};
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL;
	size_t n = 0;
	FILE *f;
	(void)state;

	tmp_file(f1, sizeof(f1), "audit-a1");
	tmp_file(f2, sizeof(f2), "audit-a2");
	tmp_file(f3, sizeof(f3), "audit-a3");
	/* within the retention: refused, nothing written */
	assert_int_equal(audit_archive(s, f1, time_cst_date(by.at) - 10, &by, &out, &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "within the retention of 183 days"));
	assert_int_equal(access(f1, F_OK), -1);
	/* nothing before 2019: no file */
	assert_int_equal(audit_archive(s, f1, D("2019-06-01"), &by, &out, &d), CD_OK);
	assert_int_equal(out.upto_seq, 0);
	assert_int_equal(access(f1, F_OK), -1);

	assert_int_equal(audit_archive(s, f1, D("2020-01-03"), &by, &out, &d), CD_OK);
	assert_int_equal(out.from_seq, 1);
	assert_int_equal(out.upto_seq, 2);
	assert_int_equal(audit_archive(s, f1, CD_DATE_NONE, &by, &out, &d), CD_ECONFLICT);
	assert_int_equal(audit_archive(s, f2, CD_DATE_NONE, &by, &out, &d), CD_OK);
	assert_int_equal(out.from_seq, 3);
	assert_int_equal(out.upto_seq, 5); /* the young ones stay */
	assert_int_equal(out.before, time_cst_date(by.at) - AUDIT_RETENTION_MIN);
	/* seq 6, 7 (young) and the two audit.archive entries remain */
	assert_int_equal(store_audit_page(s, 0, 100, a, &v, &n, &d), CD_OK);
	assert_int_equal(n, 4);
	assert_int_equal(v[0].seq, 6);
	assert_string_equal(v[3].action, "audit.archive");
	assert_non_null(strstr(v[3].after, "\"upto_seq\":5"));

	/* the archived entries are not in what was read: not intact without their files */
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_MISSING);
	assert_int_equal(r.seq, 1);
	assert_non_null(strstr(r.why, "which was not given"));
	one[0] = f2;
	r = verify(s, one, 1, NULL);
	assert_int_equal(r.broken, AUDIT_MISSING);
	assert_int_equal(r.seq, 1);
	one[0] = f1;
	r = verify(s, one, 1, NULL);
	assert_int_equal(r.broken, AUDIT_MISSING);
	assert_int_equal(r.seq, 3);
	r = verify(s, both, 2, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(r.archived, 5);
	assert_int_equal(r.files, 2);
	assert_int_equal(r.head.seq, 9);

	/* an entry of the first file changed */
	f = fopen(f1, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	fclose(f);
	{
		char *p = strstr(line, "cli:test");
		FILE *g = fopen(f3, "w");

		assert_non_null(p);
		p[4] = 'X';
		assert_non_null(g);
		fputs(line, g);
		f = fopen(f1, "r");
		assert_non_null(fgets(line, sizeof(line), f)); /* skip the first */
		assert_non_null(fgets(line, sizeof(line), f));
		fputs(line, g);
		fclose(f);
		fclose(g);
	}
	one[0] = f3;
	r = verify(s, one, 1, NULL);
	assert_int_equal(r.broken, AUDIT_CHANGED);
	assert_int_equal(r.seq, 1);
	assert_non_null(strstr(r.why, "seq 1: contents changed"));
	assert_non_null(strstr(r.why, f3));
	arena_free(a);
	store_close(s);
	unlink(f1);
	unlink(f2);
	unlink(f3);
}

/* A chain broken in the database is not archived: the file would carry the break on. */
static void archive_refuses_broken(void **state)
{
	char path[512], f1[512];
	struct cd_diag d = {{0}};
	struct store *s = backdated(path, sizeof(path), "audit-archive-broken", 3, 1);
	struct audit_entry by = entry(NULL, time(NULL));
	struct audit_archived out;
	(void)state;

	store_close(s);
	sql(path, "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET actor = 'eve' WHERE "
	          "seq = 2");
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	tmp_file(f1, sizeof(f1), "audit-broken");
	assert_int_equal(audit_archive(s, f1, CD_DATE_NONE, &by, &out, &d), CD_EINVAL);
	assert_int_equal(out.check.broken, AUDIT_CHANGED);
	assert_int_equal(out.check.seq, 2);
	assert_int_equal(out.upto_seq, 0);
	assert_int_equal(access(f1, F_OK), -1);
	store_close(s);
}

/* ---- pruning: an anchor made up around `audit archive` ---- */

/* dump writes entries from..upto of the database at path as an archive would (JSON lines) to
 * file, and its SM3 (as audit verify reads it) into sm3. */
static void dump(struct store *s, int64_t from, int64_t upto, const char *file, char sm3[65])
{
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL;
	size_t n = 0;
	FILE *f = fopen(file, "w");
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char md[32];
	unsigned int len = 0;
	char buf[4096];
	size_t got;

	assert_non_null(f);
	assert_int_equal(store_audit_page(s, from - 1, (size_t)(upto - from + 1), a, &v, &n, NULL),
	                 CD_OK);
	for (size_t i = 0; i < n; i++) {
		json_t *j = audit_entry_json(&v[i]);
		char *line = json_dumps(j, JSON_COMPACT);

		fprintf(f, "%s\n", line);
		free(line);
		json_decref(j);
	}
	fclose(f);
	f = fopen(file, "rb");
	assert_true(EVP_DigestInit_ex(c, EVP_sm3(), NULL));
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		assert_true(EVP_DigestUpdate(c, buf, got));
	fclose(f);
	assert_true(EVP_DigestFinal_ex(c, md, &len));
	for (unsigned int i = 0; i < len; i++)
		snprintf(sm3 + 2 * i, 3, "%02x", md[i]);
	EVP_MD_CTX_free(c);
	arena_free(a);
}

static bool sql_ok(const char *path, const char *text)
{
	sqlite3 *db = NULL;
	int rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, text, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc == SQLITE_OK;
}

/* Entries of today pruned through a made-up anchor: the database refuses the plain INSERT; with
 * the triggers dropped, verify finds the entries missing without their file, and with a file
 * written as `audit archive` would, the anchor recorded by no audit.archive entry. A head noted
 * in the pruned part is never passed over. */
static void forged_anchor(void **state)
{
	char path[512], file[512], sm3[65], text[2048];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-prune", 6);
	struct audit_report r = verify(s, NULL, 0, NULL);
	struct audit_head noted = {.seq = 2};
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL;
	const char *files[] = {file};
	size_t n = 0;
	(void)state;

	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(store_audit_page(s, 0, 3, a, &v, &n, &d), CD_OK);
	snprintf(noted.hash, sizeof(noted.hash), "%s", v[1].hash);
	tmp_file(file, sizeof(file), "audit-forged");
	dump(s, 1, 3, file, sm3);
	snprintf(text, sizeof(text),
	         "INSERT INTO audit_archive (from_seq, upto_seq, last_hash, file, file_sm3, "
	         "archived_at) VALUES (1, 3, '%s', '%s', '%s', '2030-01-01T00:00:00+08:00');",
	         v[2].hash, file, sm3);
	store_close(s);
	/* today's entries: the database refuses the anchor, so the delete too */
	assert_false(sql_ok(path, text));
	{
		char today[2048];

		snprintf(today, sizeof(today),
		         "INSERT INTO audit_archive (from_seq, upto_seq, last_hash, file, file_sm3, "
		         "archived_at) VALUES (1, 3, '%s', '%s', '%s', strftime('%%Y-%%m-%%dT%%H:%%M:"
		         "%%S+08:00', 'now', '+8 hours'));",
		         v[2].hash, file, sm3);
		assert_false(sql_ok(path, today));
	}
	assert_false(sql_ok(path, "DELETE FROM audit_entry WHERE seq <= 3"));
	/* around the database: the trigger dropped */
	sql(path, "DROP TRIGGER audit_archive_only_old");
	sql(path, text);
	sql(path, "DELETE FROM audit_entry WHERE seq <= 3");
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_MISSING);
	assert_int_equal(r.seq, 1);
	r = verify(s, NULL, 0, &noted);
	assert_int_equal(r.broken, AUDIT_MISSING);
	r = verify(s, files, 1, NULL);
	assert_int_equal(r.broken, AUDIT_ARCHIVE);
	assert_int_equal(r.seq, 1);
	assert_non_null(strstr(r.why, "recorded by no audit.archive entry"));
	arena_free(a);
	store_close(s);
	unlink(file);
}

/* An audit.archive entry appended around cyberduty for today's entries (as a tamperer of an
 * unkeyed log can): verify finds them archived within the retention. */
static void forged_archive_entry(void **state)
{
	char path[512], file[512], sm3[65], text[4096], after[1024], hash[65], at[26];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-prune2", 4);
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL, e;
	const char *files[] = {file};
	size_t n = 0;
	struct audit_report r;
	(void)state;

	assert_int_equal(store_audit_page(s, 0, 10, a, &v, &n, &d), CD_OK);
	tmp_file(file, sizeof(file), "audit-forged2");
	dump(s, 1, 2, file, sm3);
	time_format(time(NULL), at);
	snprintf(after, sizeof(after),
	         "{\"file\":\"%s\",\"from_seq\":1,\"upto_seq\":2,\"last_hash\":\"%s\","
	         "\"file_sm3\":\"%s\",\"before\":\"2019-01-01\"}",
	         file, v[1].hash, sm3);
	e = (struct store_audit_entry){.seq = 5, .at = at, .actor = "eve", .ip = "",
	                               .action = "audit.archive", .object = "audit_archive:2",
	                               .after = after, .outcome = "ok", .prev = v[3].hash};
	assert_int_equal(audit_hash(&e, hash, &d), CD_OK);
	store_close(s);
	snprintf(text, sizeof(text),
	         "DROP TRIGGER audit_archive_only_old;"
	         "INSERT INTO audit_entry VALUES (5, '%s', 'eve', '', 'audit.archive', "
	         "'audit_archive:2', NULL, '%s', 'ok', '%s', '%s');"
	         "INSERT INTO audit_archive (from_seq, upto_seq, last_hash, file, file_sm3, "
	         "archived_at) VALUES (1, 2, '%s', '%s', '%s', '%s');"
	         "DROP TRIGGER audit_entry_no_delete;DELETE FROM audit_entry WHERE seq <= 2",
	         at, after, v[3].hash, hash, v[1].hash, file, sm3, at);
	sql(path, text);
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	r = verify(s, files, 1, NULL);
	assert_int_equal(r.broken, AUDIT_ARCHIVE);
	assert_int_equal(r.seq, 1);
	assert_non_null(strstr(r.why, "archived within the retention"));
	arena_free(a);
	store_close(s);
	unlink(file);
}

/* ---- the key ---- */

/* A keyed log: whoever writes the file without the key cannot append an entry that verifies,
 * even with its SM3 computed right; a log from before keys verifies its old entries as SM3
 * and the ones after the key as keyed; a key file missing, open to others or foreign is told. */
static void keyed(void **state)
{
	char path[512], keyfile[600], text[2048], hash[65], at[26], other[700];
	struct cd_diag d = {{0}};
	struct store *s = fresh(path, sizeof(path), "audit-keyed", 3); /* before keys */
	struct audit_entry by = entry(NULL, time(NULL));
	struct arena *a = arena_new(0);
	struct store_audit_entry *v = NULL, e;
	struct audit_report r;
	size_t n = 0;
	bool made = false;
	(void)state;

	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(r.keyed_from, 0);
	assert_int_equal(audit_key_create(s, &by, &made, &d), CD_OK);
	assert_true(made);
	assert_int_equal(audit_key_create(s, &by, &made, &d), CD_OK);
	assert_false(made);
	for (int i = 0; i < 2; i++) {
		struct audit_entry x = entry("record.add", time(NULL));

		assert_int_equal(audit_record(s, &x, &d), CD_OK);
	}
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(r.keyed_from, 4); /* seq 4 is audit.key */
	assert_int_equal(strlen(r.key_id), 16);
	assert_int_equal(r.head.seq, 6);
	assert_int_equal(store_audit_page(s, 0, 10, a, &v, &n, &d), CD_OK);
	assert_string_equal(v[3].action, "audit.key");
	/* a keyed entry's hash is not its SM3 */
	assert_int_equal(audit_hash(&v[4], hash, &d), CD_OK);
	assert_string_not_equal(hash, v[4].hash);
	assert_int_equal(audit_hmac(store_audit_key(s), &v[4], hash, &d), CD_OK);
	assert_string_equal(hash, v[4].hash);
	/* the forged append: an entry with its SM3 right, chained to the head, head moved */
	time_format(time(NULL), at);
	e = (struct store_audit_entry){.seq = 7, .at = at, .actor = "eve", .ip = "",
	                               .action = "record.add", .object = "x:1",
	                               .outcome = "ok", .prev = v[5].hash};
	assert_int_equal(audit_hash(&e, hash, &d), CD_OK);
	snprintf(text, sizeof(text),
	         "INSERT INTO audit_entry VALUES (7, '%s', 'eve', '', 'record.add', 'x:1', NULL, "
	         "NULL, 'ok', '%s', '%s')",
	         at, v[5].hash, hash);
	store_close(s);
	sql(path, text); /* the triggers let it through: it extends the head */
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_CHANGED);
	assert_int_equal(r.seq, 7);
	assert_non_null(strstr(r.why, "written without the audit key"));
	store_close(s);

	/* the key file: missing, open to others, foreign */
	snprintf(keyfile, sizeof(keyfile), "%s.key", path);
	snprintf(other, sizeof(other), "%s.moved", keyfile);
	assert_int_equal(rename(keyfile, other), 0);
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	{
		struct audit_entry x = entry("record.add", time(NULL));
		struct audit_verify_opts o = {0};

		assert_int_equal(audit_record(s, &x, &d), CD_EIO);
		assert_non_null(strstr(d.msg, "cannot be read"));
		assert_int_equal(audit_verify(s, &o, &r, &d), CD_EIO);
	}
	store_close(s);
	assert_int_equal(rename(other, keyfile), 0);
	assert_int_equal(chmod(keyfile, 0644), 0);
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	{
		struct audit_entry x = entry("record.add", time(NULL));

		assert_int_equal(audit_record(s, &x, &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "readable by others"));
	}
	store_close(s);
	assert_int_equal(chmod(keyfile, 0400), 0);
	sql(path, "UPDATE meta SET value = '0123456789abcdef 4' WHERE key = 'audit_key'");
	assert_int_equal(store_open(path, 0, &s, &d), CD_OK);
	{
		struct audit_entry x = entry("record.add", time(NULL));

		assert_int_equal(audit_record(s, &x, &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "not this database's key"));
	}
	arena_free(a);
	store_close(s);
}

/* ---- writers on several connections, as the server's threads ---- */

#define WRITERS 4
#define APPENDS 25

static void *writer(void *arg)
{
	struct store *s = NULL;
	struct cd_diag d = {{0}};
	long bad = 0;

	if (store_open(arg, 0, &s, &d))
		return (void *)1;
	for (int i = 0; i < APPENDS; i++) {
		struct audit_entry e = entry("session.login", time(NULL));

		bad += audit_record(s, &e, &d) != CD_OK;
	}
	store_close(s);
	return bad ? arg : NULL;
}

static void concurrent(void **state)
{
	char path[512];
	struct store *s = fresh(path, sizeof(path), "audit-threads", 1);
	pthread_t t[WRITERS];
	struct audit_report r;
	(void)state;

	for (int i = 0; i < WRITERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer, path), 0);
	for (int i = 0; i < WRITERS; i++) {
		void *bad = NULL;

		assert_int_equal(pthread_join(t[i], &bad), 0);
		assert_null(bad);
	}
	r = verify(s, NULL, 0, NULL);
	assert_int_equal(r.broken, AUDIT_INTACT);
	assert_int_equal(r.head.seq, 1 + WRITERS * APPENDS);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(chain),      cmocka_unit_test(known_hash),
	    cmocka_unit_test(refused),    cmocka_unit_test(tampering),
	    cmocka_unit_test(noted_head), cmocka_unit_test(retention),
	    cmocka_unit_test(archive),    cmocka_unit_test(archive_refuses_broken),
	    cmocka_unit_test(forged_anchor), cmocka_unit_test(forged_archive_entry),
	    cmocka_unit_test(keyed),
	    cmocka_unit_test(concurrent),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
