/* test_writes.c — the writes of the daily work under load (issue 14, group commit): the real
 * `cyberduty serve` on a fresh demo database, many client threads writing at once. Every write
 * answered 2xx is in the database with its audit entry and the chain verifies; a write refused
 * in the middle of the others (a notice's number recorded already, a unit that does not exist)
 * answers its own refusal and takes none of the others with it; a server killed with SIGKILL in
 * the middle of the load has lost none of the writes it acknowledged. argv[1]: the binary. */
#include "client.h"

#include <pthread.h>

static char *bin;
static char db[512], out_path[600];
static char token[128];
static pid_t pid = -1;
static unsigned port;

#define WRITERS 16 /* client threads */
#define EACH    20 /* writes of each in writes_all_kept */

/* post sends one JSON write with the office's token on its own connection; the status, or -1
 * when no answer came (the server was killed). No cmocka assertion here: it runs in threads. */
static long post(const char *path, const char *body)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	struct reply r = {0};
	char url[1024], auth[200];
	long status = -1;

	if (!c)
		return -1;
	snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, path);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	h = curl_slist_append(h, auth);
	h = curl_slist_append(h, "Content-Type: application/json");
	h = curl_slist_append(h, "Accept-Language: en");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, client_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	reply_free(&r);
	return status;
}

/* sql: the first column of the first row of a query over the database, by the sqlite3 shell. */
static long sql_long(const char *query)
{
	char out[64] = "";

	assert_int_equal(client_sh_out(out, sizeof out, "sqlite3 %s \"%s\"", db, query), 0);
	return strtol(out, NULL, 10);
}

static int start(void **state)
{
	char out[512] = "";
	const char *last;
	static int n;

	(void)state;
	tmp_db(db, sizeof db, "writes");
	snprintf(out_path, sizeof out_path, "%s.%d.out", db, ++n);
	if (client_sh("%s demo --db %s >/dev/null", bin, db) ||
	    client_sh_out(out, sizeof out,
			  "%s token create --role office --unit IMNU --label writes --db %s", bin,
			  db))
		return -1;
	while (*out && out[strlen(out) - 1] == '\n')
		out[strlen(out) - 1] = '\0';
	last = strrchr(out, '\n') ? strrchr(out, '\n') + 1 : out;
	snprintf(token, sizeof token, "%.127s", last);
	port = client_serve(bin, db, out_path, &pid);
	return port ? 0 : -1;
}

static int stop(void **state)
{
	(void)state;
	client_stop(&pid);
	return 0;
}

/* ---- every acknowledged write is kept, each with its audit entry; refusals stay alone ---- */

struct writer {
	int no;
	long ok, refused, other; /* records answered 201; refusals answered 4xx as meant */
	long bad_refusal;        /* a refusal answered otherwise than as meant */
};

static void *write_some(void *arg)
{
	struct writer *w = arg;
	char body[512];

	for (int i = 0; i < EACH; i++) {
		long st;

		snprintf(body, sizeof body,
			 "{\"kind\":\"meeting\",\"unit\":\"DWXCB\",\"on\":\"2026-11-02\","
			 "\"title\":\"W-%d-%d\",\"participants\":\"网络安全员\"}",
			 w->no, i);
		st = post("/api/v1/records", body);
		if (st == 201)
			w->ok++;
		else
			w->other++;
		/* every fourth write a refusal in the middle of the others: a notice whose number
		 * is recorded already (refused by the database inside its act), or a record of a
		 * unit that does not exist (refused before its act writes) */
		if (i % 4 == 1) {
			st = post("/api/v1/notices",
				  "{\"code\":\"W-DUP\",\"authority\":\"市委网信办\","
				  "\"assets\":[\"BBS\"]}");
			w->refused += st == 409;
			w->bad_refusal += st != 409;
		} else if (i % 4 == 3) {
			snprintf(body, sizeof body,
				 "{\"kind\":\"meeting\",\"unit\":\"NO-SUCH\",\"on\":\"2026-11-02\","
				 "\"title\":\"X-%d-%d\"}",
				 w->no, i);
			st = post("/api/v1/records", body);
			w->refused += st == 404 || st == 422;
			w->bad_refusal += !(st == 404 || st == 422);
		}
	}
	return NULL;
}

static void writes_all_kept(void **state)
{
	pthread_t t[WRITERS];
	struct writer w[WRITERS];
	long ok = 0, other = 0, refused = 0, bad = 0, before, audits;
	char out[4096] = "";

	(void)state;
	/* the notice the refusals repeat */
	assert_int_equal(post("/api/v1/notices", "{\"code\":\"W-DUP\",\"authority\":\"市委网信办\","
						 "\"assets\":[\"BBS\"]}"),
			 201);
	before = sql_long("SELECT count(*) FROM record");
	audits = sql_long("SELECT count(*) FROM audit_entry WHERE action = 'record.create'"
			     " AND outcome = 'ok'");
	for (int i = 0; i < WRITERS; i++) {
		w[i] = (struct writer){.no = i};
		assert_int_equal(pthread_create(&t[i], NULL, write_some, &w[i]), 0);
	}
	for (int i = 0; i < WRITERS; i++) {
		pthread_join(t[i], NULL);
		ok += w[i].ok;
		other += w[i].other;
		refused += w[i].refused;
		bad += w[i].bad_refusal;
	}
	assert_int_equal(other, 0);
	assert_int_equal(bad, 0);
	assert_int_equal(ok, WRITERS * EACH);
	assert_int_equal(refused, WRITERS * (EACH / 2));
	client_stop(&pid);
	/* each acknowledged record once, with its own audit entry; no refused one */
	assert_int_equal(sql_long("SELECT count(*) FROM record") - before, ok);
	assert_int_equal(sql_long("SELECT count(DISTINCT title) FROM record WHERE title LIKE 'W-%'"),
			 ok);
	assert_int_equal(sql_long("SELECT count(*) FROM record WHERE title LIKE 'X-%'"), 0);
	assert_int_equal(sql_long("SELECT count(*) FROM notice WHERE code = 'W-DUP'"), 1);
	assert_int_equal(sql_long("SELECT count(*) FROM audit_entry WHERE action = 'record.create'"
			     " AND outcome = 'ok'")
				 - audits,
			 ok);
	/* the refusals are audited as refused, in the same chain */
	assert_true(sql_long("SELECT count(*) FROM audit_entry WHERE outcome = 'invalid'") >=
		    refused);
	if (client_sh_out(out, sizeof out, "%s audit verify --db %s 2>&1", bin, db))
		fail_msg("audit verify: %s", out);
}

/* ---- a server killed in the middle of the load has lost nothing it acknowledged ---- */

#define KILL_WRITERS 8
#define KILL_MAX     400 /* writes a thread sends at most */

static volatile int killed;

struct killer_writer {
	int no;
	int acked[KILL_MAX]; /* 1: answered 201 */
	int sent;
};

static void *write_until_killed(void *arg)
{
	struct killer_writer *w = arg;
	char body[256];

	for (w->sent = 0; w->sent < KILL_MAX && !killed; w->sent++) {
		snprintf(body, sizeof body,
			 "{\"kind\":\"drill\",\"unit\":\"DWXCB\",\"on\":\"2026-11-03\","
			 "\"title\":\"K-%d-%d\"}",
			 w->no, w->sent);
		w->acked[w->sent] = post("/api/v1/records", body) == 201;
	}
	return NULL;
}

static void kill_loses_nothing_acknowledged(void **state)
{
	pthread_t t[KILL_WRITERS];
	static struct killer_writer w[KILL_WRITERS];
	long acked = 0, kept;
	char out[4096] = "";

	(void)state;
	killed = 0;
	for (int i = 0; i < KILL_WRITERS; i++) {
		memset(&w[i], 0, sizeof w[i]);
		w[i].no = i;
		assert_int_equal(pthread_create(&t[i], NULL, write_until_killed, &w[i]), 0);
	}
	/* kill it once it has acknowledged some, with more in flight */
	for (int tries = 0; tries < 600; tries++) {
		long n = 0;

		for (int i = 0; i < KILL_WRITERS; i++)
			n += w[i].sent;
		if (n >= 100)
			break;
		client_msleep(10);
	}
	assert_int_equal(kill(pid, SIGKILL), 0);
	waitpid(pid, NULL, 0);
	pid = -1;
	killed = 1;
	for (int i = 0; i < KILL_WRITERS; i++)
		pthread_join(t[i], NULL);
	/* every record answered 201 is there */
	for (int i = 0; i < KILL_WRITERS; i++)
		for (int k = 0; k < w[i].sent; k++) {
			char q[160];

			if (!w[i].acked[k])
				continue;
			acked++;
			snprintf(q, sizeof q, "SELECT count(*) FROM record WHERE title = 'K-%d-%d'",
				 i, k);
			if (sql_long(q) != 1)
				fail_msg("record K-%d-%d was acknowledged, and is lost", i, k);
		}
	assert_true(acked >= 50);
	kept = sql_long("SELECT count(*) FROM record WHERE title LIKE 'K-%'");
	assert_true(kept >= acked); /* and maybe some committed whose answer never went */
	if (client_sh_out(out, sizeof out, "%s audit verify --db %s 2>&1", bin, db))
		fail_msg("audit verify after the kill: %s", out);
	/* the server comes back on it and writes on */
	port = client_serve(bin, db, out_path, &pid);
	assert_true(port > 0);
	assert_int_equal(post("/api/v1/records", "{\"kind\":\"drill\",\"unit\":\"DWXCB\","
						 "\"on\":\"2026-11-03\",\"title\":\"K-after\"}"),
			 201);
	client_stop(&pid);
	assert_int_equal(sql_long("SELECT count(*) FROM record WHERE title = 'K-after'"), 1);
	if (client_sh_out(out, sizeof out, "%s audit verify --db %s 2>&1", bin, db))
		fail_msg("audit verify after the restart: %s", out);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(writes_all_kept, start, stop),
		cmocka_unit_test_setup_teardown(kill_loses_nothing_acknowledged, start, stop),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s CYBERDUTY\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
