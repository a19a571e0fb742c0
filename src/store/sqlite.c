/* sqlite.c — the SQLite backend of store.h: one file, WAL, foreign keys, STRICT tables,
 * numbered migrations from schema/sqlite/ (embedded), every statement in one table and
 * prepared once per connection. */
#include "store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embed/embed.h"

enum stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_PROFILE_ADD,
	ST_PROFILE_CUR,
	ST_UNIT_ADD,
	ST_PERSON_ADD,
	ST_ASSET_ADD,
	ST_DUTY_ADD,
	ST_UNIT_ALL,
	ST_PERSON_ALL,
	ST_ASSET_ALL,
	ST_DUTY_ALL,
	ST_CAL_YEAR_ADD,
	ST_CAL_DAY_ADD,
	ST_CAL_YEARS,
	ST_CAL_DAYS,
	STMT__MAX
};

static const char *const stmts[STMT__MAX] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_PROFILE_ADD] = "INSERT INTO profile_version (profile_id, version, source, installed_on)"
			   " VALUES (?1, ?2, ?3, ?4)",
	[ST_PROFILE_CUR] = "SELECT profile_id, source FROM profile_version ORDER BY id DESC LIMIT 1",
	[ST_UNIT_ADD] = "INSERT INTO unit (code, name, parent_id, kind) VALUES (?1, ?2, ?3, ?4)",
	[ST_PERSON_ADD] = "INSERT INTO person (code, name, unit_id, title, phone, email)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_ASSET_ADD] = "INSERT INTO asset (code, name, kind, url, builder_unit, user_unit,"
			 " manager_unit, operator_unit, maintainer, mlps_level, graded_on,"
			 " filing_no, filed_on, assessed_on, assess_result, cii, internet_facing,"
			 " personal_info, protection_installed, status, admin_level)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			 " ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
	[ST_DUTY_ADD] = "INSERT INTO duty (role, person_id, unit_id, asset_id, valid_from,"
			" valid_to, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_UNIT_ALL] = "SELECT id, code, name, parent_id, kind FROM unit ORDER BY id",
	[ST_PERSON_ALL] = "SELECT id, code, name, unit_id, title, phone, email FROM person"
			  " ORDER BY id",
	[ST_ASSET_ALL] = "SELECT id, code, name, kind, url, builder_unit, user_unit, manager_unit,"
			 " operator_unit, maintainer, mlps_level, graded_on, filing_no, filed_on,"
			 " assessed_on, assess_result, cii, internet_facing, personal_info,"
			 " protection_installed, status, admin_level FROM asset ORDER BY id",
	[ST_DUTY_ALL] = "SELECT id, role, person_id, unit_id, asset_id, valid_from, valid_to, note"
			" FROM duty ORDER BY id",
	[ST_CAL_YEAR_ADD] = "INSERT INTO calendar_year (year, source, imported_on) VALUES (?1, ?2, ?3)",
	[ST_CAL_DAY_ADD] = "INSERT INTO calendar_day (date, kind, name) VALUES (?1, ?2, ?3)",
	[ST_CAL_YEARS] = "SELECT min(year), max(year) FROM calendar_year",
	[ST_CAL_DAYS] = "SELECT date, kind, name FROM calendar_day ORDER BY date",
};

struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *st[STMT__MAX];
	char *path;
	int in_tx;
};

static enum cd_err db_fail(struct sq *q, struct cd_diag *d, const char *what)
{
	int ext = sqlite3_extended_errcode(q->db);
	const char *msg = sqlite3_errmsg(q->db);

	switch (ext) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return cd_diag_set(d, CD_ECONFLICT, "%s: already exists (%s)", what, msg);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return cd_diag_set(d, CD_ENOTFOUND, "%s: refers to a record that does not exist",
				   what);
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
		return cd_diag_set(d, CD_EINVAL, "%s: value out of range (%s)", what, msg);
	default:
		return cd_diag_set(d, CD_ESTORE, "%s: %s: %s", q->path, what, msg);
	}
}

/* Binding helpers: NULL strings, id 0 and CD_DATE_NONE become SQL NULL. */
static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

static int bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	return id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

static int bind_date(sqlite3_stmt *st, int i, cd_date t)
{
	char buf[11];

	return t == CD_DATE_NONE ? sqlite3_bind_null(st, i)
				 : sqlite3_bind_text(st, i, date_format(t, buf), 10, SQLITE_TRANSIENT);
}

/* run steps a fully bound statement that returns no rows, then resets it. */
static enum cd_err run(struct sq *q, enum stmt s, struct cd_diag *d, const char *what)
{
	sqlite3_stmt *st = q->st[s];
	int rc = sqlite3_step(st);
	enum cd_err err = CD_OK;

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = db_fail(q, d, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return err;
}

static int cmp_embed(const void *a, const void *b)
{
	return strcmp((*(const struct embed_file *const *)a)->name,
		      (*(const struct embed_file *const *)b)->name);
}

/* migrate applies schema/sqlite/NNNN_*.sql files numbered above PRAGMA user_version, each in
 * its own transaction together with the version bump. */
static enum cd_err migrate(struct sq *q, struct cd_diag *d)
{
	const struct embed_file *files[64];
	size_t n = 0;
	sqlite3_stmt *st;
	int have = 0, top = 0;
	char *err = NULL;

	for (size_t i = 0; i < embed_nfiles && n < 64; i++)
		if (!strncmp(embed_files[i].name, "schema/sqlite/", 14))
			files[n++] = &embed_files[i];
	qsort(files, n, sizeof(files[0]), cmp_embed);
	if (sqlite3_prepare_v2(q->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return db_fail(q, d, "reading schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	for (size_t i = 0; i < n; i++) {
		int num = (int)strtol(files[i]->name + 14, NULL, 10); /* "0001_init.sql" → 1 */
		char bump[64];

		top = num > top ? num : top;
		if (num <= have)
			continue;
		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d", num);
		if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(q->db, files[i]->data, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(q->db, bump, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(q->db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
			enum cd_err rc = cd_diag_set(d, CD_ESTORE, "%s: migration %s failed: %s",
						     q->path, files[i]->name, err ? err : "?");

			sqlite3_free(err);
			sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
	}
	if (have > top)
		return cd_diag_set(d, CD_EVERSION,
				   "%s: schema version %d is newer than this program knows (%d); "
				   "use a newer cyberduty",
				   q->path, have, top);
	return CD_OK;
}

static void sq_close(struct store *s)
{
	struct sq *q = (struct sq *)s;

	if (q->in_tx)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(q->st[i]);
	sqlite3_close(q->db);
	free(q->path);
	free(q);
}

static enum cd_err sq_begin(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = run(q, ST_BEGIN, d, "begin");

	q->in_tx = rc == CD_OK;
	return rc;
}

static enum cd_err sq_commit(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = run(q, ST_COMMIT, d, "commit");

	if (rc == CD_OK)
		q->in_tx = 0;
	return rc;
}

static void sq_rollback(struct store *s)
{
	struct sq *q = (struct sq *)s;

	if (q->in_tx)
		run(q, ST_ROLLBACK, NULL, "rollback");
	q->in_tx = 0;
}

static enum cd_err sq_profile_set(struct store *s, const char *id, int version, const char *src,
				  size_t len, const char *on, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_PROFILE_ADD];

	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_text(st, 3, src, (int)len, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, on, -1, SQLITE_TRANSIENT);
	return run(q, ST_PROFILE_ADD, d, "saving the profile");
}

static char *dup_col(sqlite3_stmt *st, int i, size_t *len)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	char *p;

	if (!t)
		return NULL;
	p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, t, n);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

static enum cd_err sq_profile_get(struct store *s, char **id, char **src, size_t *len,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_PROFILE_CUR];
	enum cd_err rc = CD_OK;
	int step = sqlite3_step(st);

	*id = *src = NULL;
	if (step == SQLITE_ROW) {
		*id = dup_col(st, 0, NULL);
		*src = dup_col(st, 1, len);
		if (!*id || !*src) {
			free(*id);
			free(*src);
			*id = *src = NULL;
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		}
	} else if (step == SQLITE_DONE) {
		rc = cd_diag_set(d, CD_ENOTFOUND,
				 "%s has no policy profile; run `cyberduty init --profile ID`",
				 q->path);
	} else {
		rc = db_fail(q, d, "reading the profile");
	}
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_unit_add(struct store *s, struct unit *u, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_UNIT_ADD];
	enum cd_err rc;

	bind_text(st, 1, u->code);
	bind_text(st, 2, u->name);
	bind_id(st, 3, u->parent);
	bind_text(st, 4, unit_kind_code(u->kind));
	rc = run(q, ST_UNIT_ADD, d, "unit");
	if (!rc)
		u->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static enum cd_err sq_person_add(struct store *s, struct person *p, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_PERSON_ADD];
	enum cd_err rc;

	bind_text(st, 1, p->code);
	bind_text(st, 2, p->name);
	bind_id(st, 3, p->unit);
	bind_text(st, 4, p->title);
	bind_text(st, 5, p->phone);
	bind_text(st, 6, p->email);
	rc = run(q, ST_PERSON_ADD, d, "person");
	if (!rc)
		p->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static enum cd_err sq_asset_add(struct store *s, struct asset *a, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSET_ADD];
	enum cd_err rc;

	bind_text(st, 1, a->code);
	bind_text(st, 2, a->name);
	bind_text(st, 3, asset_kind_code(a->kind));
	bind_text(st, 4, a->url);
	bind_id(st, 5, a->rel[REL_BUILDER]);
	bind_id(st, 6, a->rel[REL_USER]);
	bind_id(st, 7, a->rel[REL_MANAGER]);
	bind_id(st, 8, a->rel[REL_OPERATOR]);
	bind_text(st, 9, a->maintainer);
	sqlite3_bind_int(st, 10, a->mlps_level);
	bind_date(st, 11, a->graded_on);
	bind_text(st, 12, a->filing_no);
	bind_date(st, 13, a->filed_on);
	bind_date(st, 14, a->assessed_on);
	bind_text(st, 15, assess_result_code(a->assess_result));
	sqlite3_bind_int(st, 16, a->cii);
	sqlite3_bind_int(st, 17, a->internet_facing);
	sqlite3_bind_int(st, 18, a->personal_info);
	sqlite3_bind_int(st, 19, a->protection_installed);
	bind_text(st, 20, asset_status_code(a->status));
	bind_text(st, 21, a->admin_level);
	rc = run(q, ST_ASSET_ADD, d, "asset");
	if (!rc)
		a->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static enum cd_err sq_duty_add(struct store *s, struct duty *du, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_DUTY_ADD];
	enum cd_err rc;

	bind_text(st, 1, role_code(du->role));
	bind_id(st, 2, du->person);
	bind_id(st, 3, du->unit);
	bind_id(st, 4, du->asset);
	bind_date(st, 5, du->from);
	bind_date(st, 6, du->to);
	bind_text(st, 7, du->note);
	rc = run(q, ST_DUTY_ADD, d, "duty");
	if (!rc)
		du->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

/* Column readers for reg_load: text into the register's arena, NULL stays NULL. */
static const char *col_text(struct reg *r, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? arena_strndup(r->arena, (const char *)t, (size_t)sqlite3_column_bytes(st, i))
		 : NULL;
}

static cd_date col_date(sqlite3_stmt *st, int i)
{
	cd_date t;
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s && date_parse(s, &t) ? t : CD_DATE_NONE;
}

static int col_enum(sqlite3_stmt *st, int i, int (*parse)(const char *))
{
	int v = parse((const char *)sqlite3_column_text(st, i));

	return v < 0 ? 0 : v;
}

static enum cd_err load_rows(struct sq *q, enum stmt s, struct reg *r, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[s];
	enum cd_err rc = CD_OK;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (s == ST_UNIT_ALL) {
			struct unit *u = reg_add_unit(r);

			if (!u)
				break;
			u->id = sqlite3_column_int64(st, 0);
			u->code = col_text(r, st, 1);
			u->name = col_text(r, st, 2);
			u->parent = sqlite3_column_int64(st, 3);
			u->kind = (enum unit_kind)col_enum(st, 4, unit_kind_parse);
		} else if (s == ST_PERSON_ALL) {
			struct person *p = reg_add_person(r);

			if (!p)
				break;
			p->id = sqlite3_column_int64(st, 0);
			p->code = col_text(r, st, 1);
			p->name = col_text(r, st, 2);
			p->unit = sqlite3_column_int64(st, 3);
			p->title = col_text(r, st, 4);
			p->phone = col_text(r, st, 5);
			p->email = col_text(r, st, 6);
		} else if (s == ST_ASSET_ALL) {
			struct asset *a = reg_add_asset(r);

			if (!a)
				break;
			a->id = sqlite3_column_int64(st, 0);
			a->code = col_text(r, st, 1);
			a->name = col_text(r, st, 2);
			a->kind = (enum asset_kind)col_enum(st, 3, asset_kind_parse);
			a->url = col_text(r, st, 4);
			a->rel[REL_BUILDER] = sqlite3_column_int64(st, 5);
			a->rel[REL_USER] = sqlite3_column_int64(st, 6);
			a->rel[REL_MANAGER] = sqlite3_column_int64(st, 7);
			a->rel[REL_OPERATOR] = sqlite3_column_int64(st, 8);
			a->maintainer = col_text(r, st, 9);
			a->mlps_level = sqlite3_column_int(st, 10);
			a->graded_on = col_date(st, 11);
			a->filing_no = col_text(r, st, 12);
			a->filed_on = col_date(st, 13);
			a->assessed_on = col_date(st, 14);
			a->assess_result = (enum assess_result)col_enum(st, 15, assess_result_parse);
			a->cii = sqlite3_column_int(st, 16);
			a->internet_facing = sqlite3_column_int(st, 17);
			a->personal_info = sqlite3_column_int(st, 18);
			a->protection_installed = sqlite3_column_int(st, 19);
			a->status = (enum asset_status)col_enum(st, 20, asset_status_parse);
			a->admin_level = col_text(r, st, 21);
		} else {
			struct duty *du = reg_add_duty(r);

			if (!du)
				break;
			du->id = sqlite3_column_int64(st, 0);
			du->role = (enum role)col_enum(st, 1, role_parse);
			du->person = sqlite3_column_int64(st, 2);
			du->unit = sqlite3_column_int64(st, 3);
			du->asset = sqlite3_column_int64(st, 4);
			du->from = col_date(st, 5);
			du->to = col_date(st, 6);
			du->note = col_text(r, st, 7);
		}
	}
	if (step == SQLITE_ROW)
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory loading the register");
	else if (step != SQLITE_DONE)
		rc = db_fail(q, d, "loading the register");
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_reg_load(struct store *s, struct reg **out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	struct reg *r = reg_new();
	enum cd_err rc;

	*out = NULL;
	if (!r)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	rc = load_rows(q, ST_UNIT_ALL, r, d);
	if (!rc)
		rc = load_rows(q, ST_PERSON_ALL, r, d);
	if (!rc)
		rc = load_rows(q, ST_ASSET_ALL, r, d);
	if (!rc)
		rc = load_rows(q, ST_DUTY_ALL, r, d);
	if (rc) {
		reg_free(r);
		return rc;
	}
	*out = r;
	return CD_OK;
}

static enum cd_err sq_calendar_add(struct store *s, int year_from, int year_to, const char *src,
				   const char *on, const struct calendar_entry *e, size_t n,
				   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = CD_OK;

	for (int y = year_from; !rc && y <= year_to; y++) {
		sqlite3_bind_int(q->st[ST_CAL_YEAR_ADD], 1, y);
		bind_text(q->st[ST_CAL_YEAR_ADD], 2, src);
		bind_text(q->st[ST_CAL_YEAR_ADD], 3, on);
		rc = run(q, ST_CAL_YEAR_ADD, d, "calendar year");
	}
	for (size_t i = 0; !rc && i < n; i++) {
		bind_date(q->st[ST_CAL_DAY_ADD], 1, e[i].date);
		bind_text(q->st[ST_CAL_DAY_ADD], 2, calendar_kind_code(e[i].kind));
		bind_text(q->st[ST_CAL_DAY_ADD], 3, e[i].name);
		rc = run(q, ST_CAL_DAY_ADD, d, "calendar day");
	}
	return rc;
}

static enum cd_err sq_calendar_load(struct store *s, struct arena *a, struct calendar_entry **e,
				    size_t *n, int *year_from, int *year_to, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_CAL_YEARS];
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	*e = NULL;
	*n = 0;
	*year_from = *year_to = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*year_from = sqlite3_column_int(st, 0);
		*year_to = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	st = q->st[ST_CAL_DAYS];
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct calendar_entry *x = arena_grow(a, e, n, &cap, sizeof(*x));
		const char *kind = (const char *)sqlite3_column_text(st, 1);

		if (!x) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		x->date = col_date(st, 0);
		x->kind = kind && !strcmp(kind, "work") ? CALENDAR_WORK : CALENDAR_OFF;
		x->name = arena_strdup(a, (const char *)sqlite3_column_text(st, 2));
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "loading the calendar");
	sqlite3_reset(st);
	return rc;
}

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.profile_set = sq_profile_set,
	.profile_get = sq_profile_get,
	.unit_add = sq_unit_add,
	.person_add = sq_person_add,
	.asset_add = sq_asset_add,
	.duty_add = sq_duty_add,
	.reg_load = sq_reg_load,
	.calendar_add = sq_calendar_add,
	.calendar_load = sq_calendar_load,
};

enum cd_err store_sqlite_open(const char *path, unsigned flags, struct store **out,
			      struct cd_diag *d)
{
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;
	struct sq *q = calloc(1, sizeof(*q));
	char *err = NULL;
	enum cd_err rc;

	*out = NULL;
	if (!q || !(q->path = strdup(path))) {
		free(q);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	q->base.ops = &sqlite_ops;
	if (flags & STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &q->db, oflags, NULL) != SQLITE_OK) {
		rc = (flags & STORE_CREATE)
			     ? cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path,
					   sqlite3_errmsg(q->db))
			     : cd_diag_set(d, CD_ENOTFOUND,
					   "%s: no such database; create it with `cyberduty init "
					   "--profile ID --db %s`",
					   path, path);
		sq_close(&q->base);
		return rc;
	}
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, 5000);
	if (sqlite3_exec(q->db,
			 "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			 " PRAGMA synchronous = NORMAL;",
			 NULL, NULL, &err) != SQLITE_OK) {
		rc = cd_diag_set(d, CD_ESTORE, "%s: not a usable SQLite database: %s", path,
				 err ? err : "?");
		sqlite3_free(err);
		sq_close(&q->base);
		return rc;
	}
	rc = migrate(q, d);
	for (int i = 0; !rc && i < STMT__MAX; i++)
		if (sqlite3_prepare_v3(q->db, stmts[i], -1, SQLITE_PREPARE_PERSISTENT, &q->st[i],
				       NULL) != SQLITE_OK)
			rc = cd_diag_set(d, CD_ESTORE, "%s: preparing statement %d: %s", path, i,
					 sqlite3_errmsg(q->db));
	if (rc) {
		sq_close(&q->base);
		return rc;
	}
	*out = &q->base;
	return CD_OK;
}
