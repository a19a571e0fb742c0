/* store.h — the one interface to persistent data. Opaque: callers see structs from core,
 * never SQL or a database handle. Backends (store/sqlite.c; PostgreSQL to follow) sit behind
 * an ops table (store_int.h). Every function returns enum cd_err and, on failure, says what
 * went wrong in the diag (which may be NULL). This is the entry (open, transactions, profile,
 * settings, generation, calendar); it includes each domain's part — store_register.h,
 * store_work.h, store_accounts.h, store_audit.h, store_evidence.h, store_verdict.h — so callers
 * include store.h only. */
#ifndef CD_STORE_H
#define CD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/err.h"
#include "store/store_accounts.h"
#include "store/store_assess.h"
#include "store/store_audit.h"
#include "store/store_evidence.h"
#include "store/store_notify.h"
#include "store/store_register.h"
#include "store/store_verdict.h"
#include "store/store_work.h"

struct store;

#define STORE_CREATE 1u /* create the database when it does not exist */

/* A store is used by one thread at a time (the server opens one per worker thread). */

/* store_open opens the database named by uri: a file path (SQLite), "sqlite:PATH". The
 * schema is brought up to date by the backend's numbered migrations. Without STORE_CREATE
 * a missing database is CD_ENOTFOUND. On CD_OK *out is owned by the caller (store_close). */
enum cd_err store_open(const char *uri, unsigned flags, struct store **out, struct cd_diag *d);

/* store_close releases the store; NULL is accepted. An open transaction is rolled back. */
void store_close(struct store *s);

/* Transactions: everything between begin and commit is written whole or not at all. */
enum cd_err store_begin(struct store *s, struct cd_diag *d);
enum cd_err store_commit(struct store *s, struct cd_diag *d);
void store_rollback(struct store *s);

/* store_begin_read opens a read transaction: everything read until store_commit (or
 * store_rollback) sees one state of the database, while other connections keep writing. */
enum cd_err store_begin_read(struct store *s, struct cd_diag *d);

/* store_profile_set records a new profile version in force (its id, version and YAML text)
 * from day `on` (YYYY-MM-DD). */
enum cd_err store_profile_set(struct store *s, const char *profile_id, int version,
			      const char *source, size_t len, const char *on, struct cd_diag *d);

/* store_profile_get returns the profile in force: *id and *source are malloc'd copies the
 * caller frees. CD_ENOTFOUND when the database has none (not initialised). */
enum cd_err store_profile_get(struct store *s, char **id, char **source, size_t *len,
			      struct cd_diag *d);

/* store_in_transaction: a transaction is open (store_begin without commit or rollback yet). */
bool store_in_transaction(const struct store *s);

/* Group commit: the acts of several requests written in one transaction, each act its own part
 * of it. store_group_begin opens the group's write transaction; until store_group_end, each
 * store_begin opens a savepoint of it (the act's part), store_commit releases it into the group
 * and store_rollback undoes that part alone; store_begin_read and its end do nothing (the group
 * reads what it has written); store_in_transaction answers for the act's part. Writes made
 * outside any act join the group as they are. store_group_end commits the group (with
 * PRAGMA synchronous = FULL, durable on disk when it returns CD_OK); on any failure — the
 * commit's, or a statement that cost SQLite the whole transaction — nothing of the group is
 * kept and the error is returned: none of its acts may be acknowledged. */
enum cd_err store_group_begin(struct store *s, struct cd_diag *d);
enum cd_err store_group_end(struct store *s, struct cd_diag *d);

/* store_bulk readies the connection for a transaction of very many writes (an import) when on,
 * and back for ordinary work when off: SQLite keeps each statement's journal — which the
 * register's triggers make it write for every insert — in memory instead of a temporary file
 * (a third of a 100,000-row import's time went to those writes). Called outside a
 * transaction; ignored (CD_OK) inside one. */
enum cd_err store_bulk(struct store *s, bool on, struct cd_diag *d);

/* store_calendar_add records the official calendars of years year_from..year_to (their days
 * e[0..n), which may include days of a neighbouring year) with their source, imported on day
 * `on`. CD_ECONFLICT when a year or a day is already held. Not itself a transaction: call it
 * between store_begin and store_commit. */
enum cd_err store_calendar_add(struct store *s, int year_from, int year_to, const char *source,
			       const char *on, const struct calendar_entry *e, size_t n,
			       struct cd_diag *d);

/* store_calendar_load returns the imported days (in arena a) and the range of imported years;
 * *year_from = *year_to = 0 when none were imported. */
enum cd_err store_calendar_load(struct store *s, struct arena *a, struct calendar_entry **e,
				size_t *n, int *year_from, int *year_to, struct cd_diag *d);

/* Settings (the meta table): store_meta_get sets *value to a malloc'd copy the caller frees,
 * CD_ENOTFOUND when the key is not set. */
enum cd_err store_meta_get(struct store *s, const char *key, char **value, struct cd_diag *d);
enum cd_err store_meta_set(struct store *s, const char *key, const char *value,
			   struct cd_diag *d);

/* store_generation: a number that changes with every write to the organisation's data (the
 * register, calendar, profile, notices, records, incidents) by any connection or process —
 * not with accounts, sessions, settings or the audit log. An answer built after reading n
 * holds data at least as new as n. */
enum cd_err store_generation(struct store *s, int64_t *n, struct cd_diag *d);

#endif
