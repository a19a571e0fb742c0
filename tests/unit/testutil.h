/* testutil.h — small helpers the unit tests share: scratch database paths and fixtures.
 * Header-only on purpose: each test is one executable. */
#ifndef CD_TESTUTIL_H
#define CD_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/date.h"
#include "core/lang.h"

#ifndef TESTUTIL_NO_LIB
/* The tests assert the English of the messages (the catalogue's Chinese is tested in
 * test_lang.c): every test program asks for English before main runs. (The HTTP tests, which
 * do not link the library, ask for it in their requests: client.h.) */
__attribute__((constructor)) static void testutil_english(void)
{
	lang_set(LANG_EN);
}
#endif

/* D parses a YYYY-MM-DD literal, failing the test on a typo. */
static inline cd_date D(const char *s)
{
	cd_date t = CD_DATE_NONE;

	assert_true(date_parse(s, &t));
	return t;
}

/* T parses an instant literal (RFC 3339, or China Standard Time without an offset), failing
 * the test on a typo. */
static inline cd_time T(const char *s)
{
	cd_time t = CD_TIME_NONE;

	if (!time_parse(s, true, &t))
		fail_msg("bad time literal %s", s);
	return t;
}

/* tmp_db_in returns a fresh scratch database path in directory dir (its file and the files
 * SQLite and the audit key keep beside it removed if they existed) in buf. */
static inline const char *tmp_db_in(char *buf, size_t n, const char *dir, const char *name)
{
	char side[600];

	snprintf(buf, n, "%s/%s-%ld.db", dir, name, (long)getpid());
	unlink(buf);
	snprintf(side, sizeof(side), "%s-wal", buf);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", buf);
	unlink(side);
	snprintf(side, sizeof(side), "%s.key", buf); /* the audit key beside it */
	unlink(side);
	return buf;
}

/* tmp_db returns a fresh scratch SQLite database path (in CD_TMP, else /tmp) in buf. */
static inline const char *tmp_db(char *buf, size_t n, const char *name)
{
	const char *dir = getenv("CD_TMP");

	return tmp_db_in(buf, n, dir ? dir : "/tmp", name);
}

/* tmp_db_uri returns a fresh scratch database as the URI store_open takes, in buf. The store
 * tests open their databases through it, so they run against the database CD_TEST_DB_URI names:
 * unset, a SQLite file in CD_TMP (else /tmp), "sqlite:/tmp/cd-12.db"; "sqlite:DIR", a SQLite
 * file in DIR. A URI of another backend (postgres://…) fails the test at once rather than
 * quietly testing SQLite instead: its scratch databases (a fresh schema per test) come with
 * that backend. */
static inline const char *tmp_db_uri(char *buf, size_t n, const char *name)
{
	const char *uri = getenv("CD_TEST_DB_URI");
	char path[400]; /* "sqlite:" + 399 fits the callers' 512 */

	if (uri && *uri && strncmp(uri, "sqlite:", 7))
		fail_msg("CD_TEST_DB_URI=%s: no scratch databases for this backend in the tests yet",
			 uri);
	if (uri && uri[0] && uri[7])
		tmp_db_in(path, sizeof(path), uri + 7, name);
	else
		tmp_db(path, sizeof(path), name);
	snprintf(buf, n, "sqlite:%s", path);
	return buf;
}

/* fixture returns the path of a file under tests/fixtures in buf. */
static inline const char *fixture(char *buf, size_t n, const char *rel)
{
	const char *dir = getenv("CD_FIXTURES");

	snprintf(buf, n, "%s/%s", dir ? dir : "tests/fixtures", rel);
	return buf;
}

#endif
