/* store.h — the one interface to persistent data. Opaque: callers see structs from core,
 * never SQL or a database handle. Backends (store/sqlite.c; PostgreSQL to follow) sit behind
 * an ops table (store_int.h). Every function returns enum cd_err and, on failure, says what
 * went wrong in the diag (which may be NULL). */
#ifndef CD_STORE_H
#define CD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/access.h"
#include "core/arena.h"
#include "core/calendar.h"
#include "core/err.h"
#include "core/incident.h"
#include "core/notice.h"
#include "core/oblig.h"
#include "core/reg.h"
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

/* store_*_add inserts the record and sets its id. Strings are copied. References (parent,
 * unit, person, asset) are ids that must exist (CD_ENOTFOUND otherwise); a duplicate code is
 * CD_ECONFLICT. */
enum cd_err store_unit_add(struct store *s, struct unit *u, struct cd_diag *d);
enum cd_err store_person_add(struct store *s, struct person *p, struct cd_diag *d);
enum cd_err store_asset_add(struct store *s, struct asset *a, struct cd_diag *d);
enum cd_err store_duty_add(struct store *s, struct duty *du, struct cd_diag *d);

/* store_reg_load reads the whole register into a new snapshot (caller frees with reg_free),
 * every array sorted by id. */
enum cd_err store_reg_load(struct store *s, struct reg **out, struct cd_diag *d);

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

/* store_project_add: an IT project (loaded with the register, reg->projects). */
enum cd_err store_project_add(struct store *s, struct project *p, struct cd_diag *d);

/* store_notice_add inserts a notice with its assets and its 举一反三 list (n->similar; the check
 * marks are not written) and sets n->id. Not itself a transaction. */
enum cd_err store_notice_add(struct store *s, struct notice *n, struct cd_diag *d);

/* store_notice_event_add appends one step to a notice's timeline; the timeline is append-only
 * (the database refuses updates and deletes). Validate with notice_apply first. */
enum cd_err store_notice_event_add(struct store *s, int64_t notice, const struct notice_event *e,
				   struct cd_diag *d);

/* store_notice_check marks a system of the notice's 举一反三 list as checked. CD_ENOTFOUND when it
 * is not on the list or was checked already. */
enum cd_err store_notice_check(struct store *s, int64_t notice, int64_t asset, cd_time at,
			       const char *by, struct cd_diag *d);

/* store_notices_load returns every notice, sorted by id, with its assets, timeline and 举一反三
 * list, all in arena a. The folded fields are not set: call notice_fold. */
enum cd_err store_notices_load(struct store *s, struct arena *a, struct notice **out, size_t *n,
			       struct cd_diag *d);

/* store_record_add inserts a record of a meeting, drill, training … and sets r->id. */
enum cd_err store_record_add(struct store *s, struct record *r, struct cd_diag *d);

/* store_record_update writes r over the record with r->id; CD_ENOTFOUND when there is none. */
enum cd_err store_record_update(struct store *s, const struct record *r, struct cd_diag *d);

/* store_records_load returns every record, sorted by id, in arena a. */
enum cd_err store_records_load(struct store *s, struct arena *a, struct record **out, size_t *n,
			       struct cd_diag *d);

/* store_incident_add inserts an incident (code, title, unit, detected_at) with its assets in
 * the order given (x->assets[0] is the main system) and sets x->id. The record is fixed from
 * then on (the database refuses updates): every change is an event. Not itself a transaction. */
enum cd_err store_incident_add(struct store *s, struct incident *x, struct cd_diag *d);

/* store_incident_event_add appends one event to an incident's timeline; the timeline is
 * append-only (the database refuses updates and deletes). recorded_at is e->recorded_at when
 * set (the demo writes a history), else the database's clock. Validate with incident_apply
 * first. */
enum cd_err store_incident_event_add(struct store *s, int64_t incident,
				     const struct incident_event *e, struct cd_diag *d);

/* store_incidents_load returns every incident, sorted by id, with its assets (in the order
 * recorded) and its timeline (in the order appended), all in arena a. The folded fields are
 * not set: call incident_fold. */
enum cd_err store_incidents_load(struct store *s, struct arena *a, struct incident **out,
				 size_t *n, struct cd_diag *d);

/* The audit log as stored (src/audit/ builds, hashes and checks it; the store only keeps it).
 * Texts are as stored: at is RFC 3339 in China Standard Time, prev and hash 64 lower-case hex
 * digits; before and after may be NULL, the others are never NULL when read. */
struct store_audit_entry {
	int64_t seq;
	const char *at, *actor, *ip, *action, *object, *before, *after, *outcome;
	const char *prev, *hash;
};

/* An archive anchor: entries from_seq..upto_seq left the database into `file` (SM3 of its
 * bytes: file_sm3); last_hash is the hash of entry upto_seq. */
struct store_audit_anchor {
	int64_t from_seq, upto_seq;
	const char *last_hash, *file, *file_sm3, *archived_at;
};

/* What store_audit_find selects; NULL members do not filter. */
struct store_audit_filter {
	const char *from, *to; /* from <= at < to, RFC 3339 texts as stored */
	const char *actor;
	const char *action;    /* the action, or a prefix ending in "." ("notice.") */
	const char *outcome;
	size_t limit;          /* at most this many, the newest */
	int64_t before_seq;    /* only entries before this seq (a page of the API); 0 = any */
};

/* store_audit_head reads the chain's head: the seq and hash of the newest entry ever appended
 * (0 and 64 zeros before the first). */
enum cd_err store_audit_head(struct store *s, int64_t *seq, char hash[65], struct cd_diag *d);

/* store_audit_add appends entry e (all fields set by the caller; e->seq must be the head's
 * seq + 1 and e->prev its hash, else CD_ECONFLICT) and moves the head to it. Only inside a
 * transaction (store_begin), so that the head read before and the append are one act:
 * CD_EINVAL outside one. */
enum cd_err store_audit_add(struct store *s, const struct store_audit_entry *e,
			    struct cd_diag *d);

/* store_audit_page returns up to max entries with seq > after_seq, in seq order, in arena a
 * (*n = 0 at the end of the log). */
enum cd_err store_audit_page(struct store *s, int64_t after_seq, size_t max, struct arena *a,
			     struct store_audit_entry **out, size_t *n, struct cd_diag *d);

/* store_audit_find returns the newest f->limit entries f selects, in seq order, in arena a. */
enum cd_err store_audit_find(struct store *s, const struct store_audit_filter *f,
			     struct arena *a, struct store_audit_entry **out, size_t *n,
			     struct cd_diag *d);

/* store_audit_anchors returns every archive anchor, by upto_seq, in arena a. */
enum cd_err store_audit_anchors(struct store *s, struct arena *a, struct store_audit_anchor **out,
				size_t *n, struct cd_diag *d);

/* store_audit_archive records anchor an and deletes the entries up to an->upto_seq (which the
 * anchor covers, so the database allows it). Only inside a transaction (CD_EINVAL outside):
 * the caller has written and synced the archive file first. */
enum cd_err store_audit_archive(struct store *s, const struct store_audit_anchor *an,
				struct cd_diag *d);

/* ---- Accounts, sessions, API tokens (used by svc/accounts.c only: the rows carry secrets) ----
 * Each call below is one statement (atomic on its own); none opens a transaction. */

#define STORE_SECRET_HASH  32  /* BLAKE2b-256 of a session id, CSRF token or API token */
#define STORE_PWHASH_MAX   128 /* an argon2id string with its NUL (crypto_pwhash_STRBYTES) */
#define STORE_TOTP_KEY_MAX 64  /* a TOTP key (RFC 6238), raw bytes */

/* The settings a session lookup reads in the same statement (their meaning: svc/accounts.h). */
#define STORE_KEY_SESSION_IDLE     "session_idle_minutes"
#define STORE_KEY_SESSION_ABSOLUTE "session_absolute_hours"
#define STORE_KEY_PASSWORD_MAX_AGE "password_max_age_days"

/* An account as stored. Strings are "" and instants CD_TIME_NONE when not set. */
struct store_account {
	int64_t id;
	char name[65];
	char display[128];
	enum account_role role;
	int64_t unit;                  /* 0: no unit */
	char pwhash[STORE_PWHASH_MAX]; /* "" when no password was ever set */
	cd_time password_changed_at;
	unsigned char totp[STORE_TOTP_KEY_MAX]; /* the second factor in force, totp_len bytes */
	size_t totp_len;                        /* 0: none */
	unsigned char totp_pending[STORE_TOTP_KEY_MAX]; /* an enrolment not yet confirmed */
	size_t totp_pending_len;
	int64_t totp_last_step; /* the step of the last code accepted; -1 none */
	int failures;           /* consecutive failed sign-ins */
	bool locked;
	cd_time locked_at;
	char locked_ip[64];     /* "" when locked by hand */
	bool disabled;
	cd_time created_at, last_login_at;
};

/* store_account_add inserts name, display, role, unit and created_at of a and sets a->id.
 * CD_ECONFLICT for a taken name, CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_account_add(struct store *s, struct store_account *a, struct cd_diag *d);

/* store_account_get / store_account_by_name fill *out; CD_ENOTFOUND when there is none. */
enum cd_err store_account_get(struct store *s, int64_t id, struct store_account *out,
			      struct cd_diag *d);
enum cd_err store_account_by_name(struct store *s, const char *name, struct store_account *out,
				  struct cd_diag *d);

/* store_account_list: every account ordered by id in a malloc'd array (*n of them; free()). */
enum cd_err store_account_list(struct store *s, struct store_account **out, size_t *n,
			       struct cd_diag *d);

/* store_account_password stores an argon2id string, changed at `at`, and clears the failures.
 * store_account_role sets role and unit (0: none). store_account_disable sets disabled.
 * CD_ENOTFOUND when there is no account id. */
enum cd_err store_account_password(struct store *s, int64_t id, const char *hash, cd_time at,
				   struct cd_diag *d);
enum cd_err store_account_role(struct store *s, int64_t id, enum account_role role, int64_t unit,
			       struct cd_diag *d);
enum cd_err store_account_disable(struct store *s, int64_t id, bool disabled, struct cd_diag *d);

/* store_account_lock locks (at `at`, or the database's clock when CD_TIME_NONE; from ip, NULL
 * by hand) or unlocks (clearing failures, time and address). CD_ENOTFOUND. */
enum cd_err store_account_lock(struct store *s, int64_t id, bool locked, cd_time at,
			       const char *ip, struct cd_diag *d);

/* store_account_failure counts one failed sign-in and, when that makes `limit`, locks the
 * account at `at` from ip — in one statement, so concurrent failures all count. *failures and
 * *locked are the values after it. CD_ENOTFOUND. */
enum cd_err store_account_failure(struct store *s, int64_t id, int limit, cd_time at,
				  const char *ip, int *failures, bool *locked, struct cd_diag *d);

/* store_account_login records a sign-in at `at`: failures cleared, last_login_at set. */
enum cd_err store_account_login(struct store *s, int64_t id, cd_time at, struct cd_diag *d);

/* TOTP keys: store_account_totp_pending keeps key[0..len) for an enrolment;
 * store_account_totp_enable puts the pending key in force with `step` accepted (CD_ENOTFOUND
 * when none is pending); store_account_totp_clear removes both; store_account_totp_step
 * accepts `step` only when it is later than the last accepted one (*accepted says), in one
 * statement, so a code is never accepted twice. */
enum cd_err store_account_totp_pending(struct store *s, int64_t id, const unsigned char *key,
				       size_t len, struct cd_diag *d);
enum cd_err store_account_totp_enable(struct store *s, int64_t id, int64_t step,
				      struct cd_diag *d);
enum cd_err store_account_totp_clear(struct store *s, int64_t id, struct cd_diag *d);
enum cd_err store_account_totp_step(struct store *s, int64_t id, int64_t step, bool *accepted,
				    struct cd_diag *d);

/* A session as stored, with the settings that decide whether it is live (their meta text, ""
 * when not set) read in the same statement. */
struct store_session {
	int64_t account;
	unsigned char csrf_hash[STORE_SECRET_HASH];
	cd_time created_at, last_seen_at;
	char idle[16], absolute[16], max_age[16]; /* STORE_KEY_SESSION_IDLE, … */
};

/* store_session_add records a session by the hashes of its id and CSRF token. */
enum cd_err store_session_add(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      int64_t account, const unsigned char csrf_hash[STORE_SECRET_HASH],
			      cd_time at, struct cd_diag *d);

/* store_session_get finds a session by the hash of its id, with its account (into *acct when
 * not NULL), in one indexed statement. CD_ENOTFOUND. */
enum cd_err store_session_get(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct store_session *out, struct store_account *acct,
			      struct cd_diag *d);

/* store_session_touch sets last_seen_at; store_session_end removes one session (none is not an
 * error); store_sessions_end every session of an account; store_sessions_prune those last seen
 * before idle_before or created before created_before. */
enum cd_err store_session_touch(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
				cd_time at, struct cd_diag *d);
enum cd_err store_session_end(struct store *s, const unsigned char id_hash[STORE_SECRET_HASH],
			      struct cd_diag *d);
enum cd_err store_sessions_end(struct store *s, int64_t account, struct cd_diag *d);
enum cd_err store_sessions_prune(struct store *s, cd_time idle_before, cd_time created_before,
				 struct cd_diag *d);

/* An API token as stored: by the hash of its secret. */
struct store_token {
	int64_t id;
	unsigned char hash[STORE_SECRET_HASH];
	char label[128];
	enum account_role role;
	int64_t unit;
	char created_by[65];
	cd_time created_at, expires_at, revoked_at; /* CD_TIME_NONE when not set */
};

/* store_token_add inserts t (hash, label, role, unit, created_by, created_at, expires_at) and
 * sets t->id. CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_token_add(struct store *s, struct store_token *t, struct cd_diag *d);

/* store_token_get finds a token by the hash of its secret, revoked or not, in one indexed
 * statement. CD_ENOTFOUND. */
enum cd_err store_token_get(struct store *s, const unsigned char hash[STORE_SECRET_HASH],
			    struct store_token *out, struct cd_diag *d);

/* store_token_list: every token ordered by id, malloc'd (free()). */
enum cd_err store_token_list(struct store *s, struct store_token **out, size_t *n,
			     struct cd_diag *d);

/* store_token_revoke revokes token id at `at`: CD_ENOTFOUND when there is none, CD_ECONFLICT
 * when it was revoked already. */
enum cd_err store_token_revoke(struct store *s, int64_t id, cd_time at, struct cd_diag *d);

/* store_in_transaction: a transaction is open (store_begin without commit or rollback yet). */
bool store_in_transaction(const struct store *s);

/* --- the register one record at a time (what the server reads per request) ------------------- */

/* store_unit_within: unit lies in the subtree of top (top itself included). */
enum cd_err store_unit_within(struct store *s, int64_t unit, int64_t top, bool *yes,
			      struct cd_diag *d);

/* store_unit_top: unit is the organisation's top — a root that is not an external authority —
 * whose subtree is the whole organisation. */
enum cd_err store_unit_top(struct store *s, int64_t unit, bool *yes, struct cd_diag *d);

/* store_generation: a number that changes with every write to the organisation's data (the
 * register, calendar, profile, notices, records, incidents) by any connection or process —
 * not with accounts, sessions, settings or the audit log. An answer built after reading n
 * holds data at least as new as n. */
enum cd_err store_generation(struct store *s, int64_t *n, struct cd_diag *d);

/* store_id_of finds the id of the unit, person or asset with this code; CD_ENOTFOUND. */
enum store_kind { SK_UNIT, SK_PERSON, SK_ASSET };
enum cd_err store_id_of(struct store *s, enum store_kind k, const char *code, int64_t *id,
			struct cd_diag *d);

/* An asset with the codes of its answering units (NULL where none). */
struct asset_row {
	struct asset a;
	const char *unit_code[REL__MAX];
};

/* store_asset_get reads one asset into arena a; CD_ENOTFOUND. */
enum cd_err store_asset_get(struct store *s, int64_t id, struct arena *a, struct asset_row *out,
			    struct cd_diag *d);

/* store_asset_update writes every field of a over the asset a->id; CD_ENOTFOUND, CD_ECONFLICT
 * (code taken), CD_ENOTFOUND for a unit that does not exist. */
enum cd_err store_asset_update(struct store *s, const struct asset *a, struct cd_diag *d);

/* A page of assets: the filters (-1 / 0 / NULL = any), the sort and the keyset position. */
enum asset_sort { ASORT_ID, ASORT_CODE, ASORT_NAME, ASORT_LEVEL, ASORT__MAX };
struct asset_query {
	int kind, status, mlps_level, cii; /* -1 = any */
	int64_t scope;        /* answering to a unit of this subtree (the caller's scope); 0 = any */
	int64_t unit;         /* answering to a unit of this subtree (a filter); 0 = any */
	const char *text;     /* code or name contains it; NULL = any */
	enum asset_sort sort;
	bool desc;
	bool after;           /* start after the row with this sort value and id */
	const char *after_key;
	int64_t after_id;
	size_t limit;
};

/* store_asset_page reads up to q->limit assets into arena a. */
enum cd_err store_asset_page(struct store *s, const struct asset_query *q, struct arena *a,
			     struct asset_row **out, size_t *n, struct cd_diag *d);

/* The other records of the register one at a time: a unit, person, duty or project with the
 * codes of what it refers to (answers name references by code) and the unit whose subtree it
 * belongs to (what a caller's scope is judged by). */
enum store_rec { SR_UNIT, SR_PERSON, SR_DUTY, SR_PROJECT, SR__MAX };
struct rec_row {
	union {
		struct unit unit;
		struct person person;
		struct duty duty;
		struct project project;
	} r;                     /* the member the store_rec names */
	const char *unit_code;   /* a unit's parent's; a person's, project's or duty's unit's */
	const char *person_code; /* a duty's holder's */
	const char *asset_code;  /* a duty's system's (NULL for a duty held for a unit) */
	int64_t scope;           /* a unit itself; the unit of a person or project; a duty's
				  * unit, else its system's manager, else its operator unit */
};

/* store_rec_get reads record id of kind k (strings in arena a); CD_ENOTFOUND. */
enum cd_err store_rec_get(struct store *s, enum store_rec k, int64_t id, struct arena *a,
			  struct rec_row *out, struct cd_diag *d);

/* A page of one kind of record in id order (a keyset page: the query reads only its rows). */
struct rec_query {
	int64_t scope; /* only records whose scope unit lies in this subtree; 0 = all */
	bool desc;     /* descending ids */
	int64_t after; /* only ids after this one (before it when desc); 0 = from the first */
	size_t limit;
};

/* store_rec_page reads up to q->limit records of kind k into arena a. */
enum cd_err store_rec_page(struct store *s, enum store_rec k, const struct rec_query *q,
			   struct arena *a, struct rec_row **out, size_t *n, struct cd_diag *d);

/* store_*_update writes every field of the record over the one with its id — a unit's code
 * and parent too: the caller decides what may change and keeps the tree free of cycles.
 * CD_ENOTFOUND when there is no such record or a reference does not exist, CD_ECONFLICT for a
 * code taken, CD_EINVAL for what the database's checks refuse (a duty ending before it
 * starts, a security budget over the total). */
enum cd_err store_unit_update(struct store *s, const struct unit *u, struct cd_diag *d);
enum cd_err store_person_update(struct store *s, const struct person *p, struct cd_diag *d);
enum cd_err store_duty_update(struct store *s, const struct duty *du, struct cd_diag *d);
enum cd_err store_project_update(struct store *s, const struct project *p, struct cd_diag *d);

#endif
