/* audit_archive.c — entries older than the retention leave the database only into an archive
 * file: JSON lines written, synced and read back for their SM3 before the anchor is recorded
 * and the entries deleted, all in the one transaction that also appends "audit.archive". */
#include "audit_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE 1000

/* sync_dir makes the new file's directory entry durable too. */
static enum cd_err sync_dir(const char *path, struct cd_diag *d)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd, bad;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", dir, strerror(errno));
	bad = fsync(fd) && errno != EINVAL; /* EINVAL: a file system that syncs no directory */
	close(fd);
	return bad ? cd_diag_set(d, CD_EIO, "%s: cannot sync: %s", dir, strerror(errno)) : CD_OK;
}

/* put_entry writes e as one line to the archive, creating it (exclusively) at the first. */
static enum cd_err put_entry(const char *path, FILE **f, const struct store_audit_entry *e,
                             struct cd_diag *d)
{
	char *line = audit_json_text(audit_entry_json(e));
	enum cd_err rc = CD_OK;
	int fd;

	if (!line)
		return cd_diag_set(d, CD_EINVAL,
		                   "seq %lld cannot be written as JSON (out of memory, or a text "
		                   "that is not UTF-8)",
		                   (long long)e->seq);
	if (!*f) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 || !(*f = fdopen(fd, "w"))) {
			rc = cd_diag_set(d, CD_EIO, "%s: cannot create: %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
		}
	}
	if (!rc && (fputs(line, *f) == EOF || fputc('\n', *f) == EOF))
		rc = cd_diag_set(d, CD_EIO, "%s: cannot write: %s", path, strerror(errno));
	free(line);
	return rc;
}

/* write_file writes the entries from the first in the database up to the first at or after
 * `cutoff` to a new file at path, syncs it and reads back its SM3. *created says whether the
 * file now exists (nothing old enough: not created, out->upto_seq 0). */
static enum cd_err write_file(struct store *s, const char *path, cd_time cutoff,
                              struct audit_archived *out, char last[AUDIT_HASH_HEX + 1],
                              bool *created, struct cd_diag *d)
{
	FILE *f = NULL;
	int64_t after = 0;
	size_t n = PAGE;
	bool young = false;
	enum cd_err rc = CD_OK;

	while (!rc && !young && n == PAGE) {
		struct arena *a = arena_new(0);
		struct store_audit_entry *v = NULL;
		cd_time t;

		n = 0;
		rc = a ? store_audit_page(s, after, PAGE, a, &v, &n, d)
		       : cd_diag_set(d, CD_ENOMEM, "out of memory");
		for (size_t i = 0; !rc && !young && i < n; i++) {
			/* the first young entry ends the archive: it takes a prefix of the chain */
			young = !time_parse(v[i].at, false, &t) || t >= cutoff;
			if (young)
				break;
			rc = put_entry(path, &f, &v[i], d);
			*created = f != NULL;
			if (!out->from_seq)
				out->from_seq = v[i].seq;
			out->upto_seq = after = v[i].seq;
			snprintf(last, AUDIT_HASH_HEX + 1, "%s", v[i].hash);
		}
		arena_free(a);
	}
	if (f && (fflush(f) || fsync(fileno(f))) && !rc)
		rc = cd_diag_set(d, CD_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (f && fclose(f) && !rc)
		rc = cd_diag_set(d, CD_EIO, "%s: cannot write: %s", path, strerror(errno));
	if (!rc && *created)
		rc = sync_dir(path, d);
	if (!rc && *created)
		rc = audit_file_sm3(path, out->file_sm3, d);
	return rc;
}

/* record records the anchor, deletes the entries archived and appends "audit.archive". */
static enum cd_err record(struct store *s, const char *path, const struct audit_entry *by,
                          const struct audit_archived *out, const char *last, struct cd_diag *d)
{
	char at[26], object[48], day[11];
	struct store_audit_anchor an = {.from_seq = out->from_seq,
	                                .upto_seq = out->upto_seq,
	                                .last_hash = last,
	                                .file = path,
	                                .file_sm3 = out->file_sm3,
	                                .archived_at = time_format(by->at, at)};
	char *after = audit_json_text(
	    json_pack("{s:s, s:I, s:I, s:s, s:s, s:s}", "file", path, "from_seq",
	              (json_int_t)out->from_seq, "upto_seq", (json_int_t)out->upto_seq, "last_hash",
	              last, "file_sm3", out->file_sm3, "before", date_format(out->before, day)));
	enum cd_err rc = after ? store_audit_archive(s, &an, d)
	                       : cd_diag_set(d, CD_EINVAL,
	                                     "%s: the archive's entry cannot be "
	                                     "written as JSON (is the file name UTF-8?)",
	                                     path);

	snprintf(object, sizeof(object), "audit_archive:%lld", (long long)out->upto_seq);
	if (!rc)
		rc = audit_append_by(s, by, "audit.archive", object, NULL, after, d);
	free(after);
	return rc;
}

enum cd_err audit_archive(struct store *s, const char *path, cd_date before,
                          const struct audit_entry *by, struct audit_archived *out,
                          struct cd_diag *d)
{
	char last[AUDIT_HASH_HEX + 1] = "", day[11], limit_s[11];
	struct stat st;
	bool created = false;
	int days = 0;
	cd_date limit;
	enum cd_err rc;

	memset(out, 0, sizeof(*out));
	if (!lstat(path, &st))
		return cd_diag_set(d, CD_ECONFLICT,
		                   "%s exists; an archive is never overwritten: name a new file",
		                   path);
	rc = audit_retention(s, &days, d);
	if (rc)
		return rc;
	limit = time_cst_date(by->at) - days;
	if (before != CD_DATE_NONE && before > limit)
		return cd_diag_set(d, CD_EINVAL,
		                   "%s lies within the retention of %d days (" AUDIT_RETENTION_LAW
		                   "): the latest day to archive before is %s",
		                   date_format(before, day), days, date_format(limit, limit_s));
	out->before = before == CD_DATE_NONE ? limit : before;
	rc = store_begin(s, d);
	if (rc)
		return rc;
	rc = audit_verify_db(s, &out->check, d);
	if (!rc && out->check.broken)
		rc = cd_diag_set(d, CD_EINVAL, "the audit log is broken (%s): nothing archived",
		                 out->check.why);
	if (!rc)
		rc = write_file(s, path, time_cst_start(out->before), out, last, &created, d);
	if (!rc && out->upto_seq)
		rc = record(s, path, by, out, last, d);
	if (!rc)
		rc = store_commit(s, d);
	if (rc) {
		store_rollback(s);
		if (created)
			unlink(path);
		out->from_seq = out->upto_seq = 0;
	}
	return rc;
}
