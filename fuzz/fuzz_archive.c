/* fuzz_archive.c — libFuzzer target for the reader of audit archive files (src/audit/audit_verify.c:
 * JSON lines, each an entry, checked against the archive the database recorded; `cyberduty audit
 * verify --archive FILE`). Made once: a database whose first three entries, of January 2020,
 * were archived by `audit_archive` into a file, which is kept under fuzz/corpus/archive as the
 * seed. Each input is written as an archive file and verified with that database, alone and
 * given twice: a report (intact, or broken with a reason) or a refusal, never a crash. Run with
 * `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "core/date.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static char dir[64] = "/tmp/fuzz-archive.XXXXXX", file[128];

static struct audit_entry entry(const char *action, cd_time at)
{
	return (struct audit_entry){.at = at, .actor = "cli:fuzz", .ip = "", .action = action,
				    .object = "record:1", .after = "{\"n\":1}",
				    .outcome = AUDIT_OK};
}

/* cleanup removes the scratch directory at exit */
static void cleanup(void)
{
	static const char *const names[] = {"a.db", "a.db-wal", "a.db-shm", "archived.jsonl",
					    "input.jsonl"};
	char path[160];

	store_close(db);
	db = NULL;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* setup: the database with five entries of January 2020 and one of now, the first three
 * archived; the archive's text printed once when FUZZ_ARCHIVE_SEED is set (the seed). */
static int setup(void)
{
	char path[128], arch[128];
	struct cd_diag d = {{0}};
	struct audit_entry by = entry(NULL, time(NULL));
	struct audit_archived out;

	if (!mkdtemp(dir))
		return -1;
	atexit(cleanup);
	snprintf(path, sizeof path, "%s/a.db", dir);
	snprintf(arch, sizeof arch, "%s/archived.jsonl", dir);
	snprintf(file, sizeof file, "%s/input.jsonl", dir);
	if (store_open(path, STORE_CREATE, &db, &d) || store_begin(db, &d))
		return -1;
	for (int i = 0; i < 5; i++) {
		struct audit_entry e = entry("record.add", 0);
		char at[32];

		snprintf(at, sizeof at, "2020-01-%02d 10:00", i + 1);
		if (!time_parse(at, true, &e.at) || audit_append(db, &e, &d))
			return -1;
	}
	if (store_commit(db, &d))
		return -1;
	{
		struct audit_entry e = entry("notice.add", time(NULL));

		if (audit_record(db, &e, &d) ||
		    audit_archive(db, arch, date_from_ymd(2020, 1, 4), &by, &out, &d) ||
		    out.from_seq != 1 || out.upto_seq != 3)
			return -1;
	}
	if (getenv("FUZZ_ARCHIVE_SEED")) {
		FILE *f = fopen(arch, "r");
		int c;

		while (f && (c = fgetc(f)) != EOF)
			putchar(c);
		if (f)
			fclose(f);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *two[] = {file, file};
	struct audit_report r;
	struct cd_diag d = {{0}};
	FILE *f;

	if (!ready)
		ready = setup() ? -1 : 1;
	if (ready < 0)
		abort();
	if (!(f = fopen(file, "wb")))
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	for (size_t n = 1; n <= 2; n++) {
		struct audit_verify_opts o = {.archives = two, .narchives = n};

		memset(&r, 0, sizeof r);
		if (audit_verify(db, &o, &r, &d) == CD_OK && r.broken != AUDIT_INTACT &&
		    !r.why[0])
			abort(); /* a break always says why */
	}
	return 0;
}
