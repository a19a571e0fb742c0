/* sqlite.c — the SQLite backend of store.h: one file, WAL, foreign keys, STRICT tables,
 * numbered migrations from schema/sqlite/ (embedded), every statement in one table and
 * prepared once per connection. */
#include "store_int.h"

#include <sqlite3.h>
#include <stdatomic.h>
#include <stddef.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/dynbuf.h"
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
	ST_META_GET,
	ST_META_SET,
	ST_PROJECT_ADD,
	ST_PROJECT_ALL,
	ST_NOTICE_ADD,
	ST_NOTICE_ASSET_ADD,
	ST_NOTICE_EVENT_ADD,
	ST_NOTICE_SIMILAR_ADD,
	ST_NOTICE_CHECK,
	ST_NOTICE_ALL,
	ST_NOTICE_ASSET_ALL,
	ST_NOTICE_EVENT_ALL,
	ST_NOTICE_SIMILAR_ALL,
	ST_RECORD_ADD,
	ST_RECORD_ALL,
	ST_INCIDENT_ADD,
	ST_INCIDENT_ASSET_ADD,
	ST_INCIDENT_EVENT_ADD,
	ST_INCIDENT_ALL,
	ST_INCIDENT_ASSET_ALL,
	ST_INCIDENT_EVENT_ALL,
	ST_BEGIN_READ,
	ST_AUDIT_HEAD,
	ST_AUDIT_ADD,
	ST_AUDIT_PAGE,
	ST_AUDIT_FIND,
	ST_AUDIT_ANCHORS,
	ST_AUDIT_ANCHOR_ADD,
	ST_AUDIT_DELETE,
	ST_ACCOUNT_ADD,
	ST_ACCOUNT_GET,
	ST_ACCOUNT_BY_NAME,
	ST_ACCOUNT_ALL,
	ST_ACCOUNT_PASSWORD,
	ST_ACCOUNT_ROLE,
	ST_ACCOUNT_DISABLE,
	ST_ACCOUNT_LOCK,
	ST_ACCOUNT_UNLOCK,
	ST_ACCOUNT_FAILURE,
	ST_ACCOUNT_LIFT,
	ST_ADDRESS_GET,
	ST_ADDRESS_SET,
	ST_ACCOUNT_LOGIN,
	ST_TOTP_PENDING,
	ST_TOTP_ENABLE,
	ST_TOTP_CLEAR,
	ST_TOTP_STEP,
	ST_SESSION_ADD,
	ST_SESSION_GET,
	ST_SESSION_TOUCH,
	ST_SESSION_END,
	ST_SESSIONS_END,
	ST_SESSIONS_PRUNE,
	ST_TOKEN_ADD,
	ST_TOKEN_GET,
	ST_TOKEN_ALL,
	ST_TOKEN_REVOKE,
	ST_TOKEN_EXISTS,
	ST_ROLE_CHANGE_ADD,
	ST_ROLE_CHANGE_GET,
	ST_ROLE_CHANGE_ALL,
	ST_ROLE_CHANGE_DECIDE,
	ST_UNIT_WITHIN,
	ST_UNIT_TOP,
	ST_ID_UNIT,
	ST_ID_PERSON,
	ST_ID_ASSET,
	ST_ASSET_GET,
	ST_ASSET_UPDATE,
	ST_GENERATION,
	ST_RECORD_UPDATE,
	ST_UNIT_GET,
	ST_PERSON_GET,
	ST_DUTY_GET,
	ST_PROJECT_GET,
	ST_UNIT_PAGE,
	ST_UNIT_PAGE_DESC,
	ST_PERSON_PAGE,
	ST_PERSON_PAGE_DESC,
	ST_DUTY_PAGE,
	ST_DUTY_PAGE_DESC,
	ST_PROJECT_PAGE,
	ST_PROJECT_PAGE_DESC,
	ST_UNIT_UPDATE,
	ST_PERSON_UPDATE,
	ST_DUTY_UPDATE,
	ST_PROJECT_UPDATE,
	ST_NOTICE_GET,
	ST_NOTICE_GET_CODE,
	ST_NOTICE_PAGE,
	ST_NOTICE_PAGE_DESC,
	ST_NOTICE_CONCERNS,
	ST_NOTICE_ASSETS_OF,
	ST_NOTICE_EVENTS_OF,
	ST_NOTICE_SIMILAR_OF,
	ST_INCIDENT_GET,
	ST_INCIDENT_GET_CODE,
	ST_INCIDENT_PAGE,
	ST_INCIDENT_PAGE_DESC,
	ST_INCIDENT_CONCERNS,
	ST_INCIDENT_ASSETS_OF,
	ST_INCIDENT_EVENTS_OF,
	ST_RECORD_GET,
	ST_RECORD_PAGE,
	ST_RECORD_PAGE_DESC,
	ST_ASSET_EVENTS,
	ST_SIMILAR,
	ST_SIMILAR_OWN,
	ST_SIMILAR_KIND,
	ST_SIMILAR_SOFTWARE,
	ST_SIMILAR_COMBO,
	ST_SIMILAR_PAIR,
	ST_SIMILAR_TOTAL,
	ST_ASSET_SOME,
	ST_DUTY_UNITS,
	ST_DUTY_OF_ASSETS,
	ST_NOTICES_ON,
	ST_OBLIG_CLEAR_ALL,
	ST_OBLIG_CLEAR_UNIT,
	ST_OBLIG_CLEAR_DUTY,
	ST_OBLIG_CLEAR_ASSET,
	ST_OBLIG_ADD,
	ST_OBLIG_STAGE,
	ST_OBLIG_UNSTAGE,
	ST_OBLIG_STAGE_CLEAR,
	ST_OBLIG_PAGE,
	ST_OBLIG_PAGE_DESC,
	ST_OBLIG_DUTIES0,
	ST_RECORD_ANSWER,
	ST_OBLIG_COUNTS,
	ST_DUTY_TALLY,
	ST_NOTICE_UPDATE,
	ST_INCIDENT_UPDATE,
	ST_RECORD_VOID,
	ST_CORRECTION_ADD,
	ST_CORRECTIONS_OF,
	ST_GAP_CLEAR,
	ST_GAP_CLEAR_ASSET,
	ST_GAP_CLEAR_UNIT,
	ST_GAP_CLEAR_PROJECT,
	ST_GAP_ADD,
	ST_GAP_PAGE,
	ST_GAP_COUNTS,
	ST_OBLIG_COUNTS_DAY,
	ST_OBLIG_COUNTS_STALE,
	ST_OBLIG_COUNTS_KEPT,
	ST_OBLIG_COUNTS_CLEAR,
	ST_OBLIG_COUNTS_KEEP,
	ST_OBLIG_COUNT_ADD,
	ST_OBLIG_COUNT_DROP,
	ST_OBLIG_COUNT_SUB,
	ST_OBLIG_COUNTS_MARK,
	ST_VERDICT_NOTICES_MISSING,
	ST_VERDICT_INCIDENTS_MISSING,
	ST_NOTICE_VERDICT_PUT,
	ST_INCIDENT_VERDICT_PUT,
	ST_INCIDENT_VERDICT_GET,
	ST_NOTICE_TALLY,
	ST_NOTICE_TALLY_LATE,
	ST_NOTICE_TALLY_UNKEPT,
	ST_INCIDENT_TALLY,
	ST_INCIDENT_TALLY_UNKEPT,
	ST_NOTICE_STATE0, /* one statement per enum due_state, ascending ids, then descending */
	ST_NOTICE_STATE_LAST = ST_NOTICE_STATE0 + 2 * DUE__MAX - 1,
	ST_EVIDENCE_BLOB_ADD,
	ST_EVIDENCE_ADD,
	ST_EVIDENCE_GET,
	ST_EVIDENCE_LIST,
	ST_EVIDENCE_BLOB_ID,
	ST_EVIDENCE_WITHDRAW,
	ST_ASSESS_TPL_ADD,
	ST_ASSESS_TPL_ID,
	ST_ASSESS_ADD,
	ST_ASSESS_GET,
	ST_ASSESS_LATEST,
	ST_ASSESS_WITHIN,
	ST_ASSESS_PAGE,
	ST_ASSESS_UPDATE,
	ST_ASSESS_VALUE_PUT,
	ST_ASSESS_VALUES,
	ST_ASSESS_STEP_ADD,
	ST_ASSESS_STEPS,
	ST_ASSESS_RANKING,
	ST_ASSESS_SRC0, /* one statement per enum assess_source, in its order */
	ST_ASSESS_SRC_LAST = ST_ASSESS_SRC0 + ASRC__MAX - 1,
	ST_DUTIES_HELD,
	ST_PERSON_POSTS,
	ST_ACCOUNT_MUST_CHANGE,
	ST_NOTIFY_CHANNEL_ADD,
	ST_NOTIFY_CHANNEL_UPDATE,
	ST_NOTIFY_CHANNEL_GET,
	ST_NOTIFY_CHANNEL_LIST,
	ST_NOTIFY_PREF_SET,
	ST_NOTIFY_PREF_DEL,
	ST_NOTIFY_PREF_LIST,
	ST_NOTIFY_ADD,
	ST_NOTIFY_KNOWN,
	ST_NOTIFY_INBOX,
	ST_NOTIFY_UNREAD,
	ST_NOTIFY_MARK,
	ST_NOTIFY_OUTBOX,
	ST_NOTIFY_DUE,
	ST_NOTIFY_CLAIM,
	ST_NOTIFY_OUTCOME,
	ST_NOTIFY_SENT_SINCE,
	ST_NOTIFY_ACCOUNTS,
	ST_NOTIFY_HOLDER,
	ST_NOTIFY_GEN,
	ST_NOTICE_RECEIVED_IN,
	ST_NOTICE_SIMILAR_COUNTS,
	ST_RECORD_ANSWERING_KIND,
	ST_RECORD_ANSWERING_DUTY,
	ST_STRUCTURE_GEN,
	ST_ASSET_BOUND,
	STMT__MAX
};

/* An asset row with the codes of its four answering units (asset_row reads it). */
#define ASSET_COLS                                                                                 \
	"a.id, a.code, a.name, a.kind, a.url, a.builder_unit, a.user_unit, a.manager_unit,"        \
	" a.operator_unit, a.maintainer, a.mlps_level, a.graded_on, a.filing_no, a.filed_on,"      \
	" a.assessed_on, a.assess_result, a.cii, a.internet_facing, a.personal_info,"               \
	" a.protection_installed, a.status, a.admin_level, a.software, a.party_gov_portal,"       \
	" a.key_news_site, a.large_platform, a.important_system, a.important_infrastructure,"      \
	" ub.code, uu.code, um.code, uo.code"
#define ASSET_FROM                                                                                 \
	"asset a LEFT JOIN unit ub ON ub.id = a.builder_unit LEFT JOIN unit uu ON uu.id ="         \
	" a.user_unit LEFT JOIN unit um ON um.id = a.manager_unit LEFT JOIN unit uo ON uo.id ="     \
	" a.operator_unit"

/* The subtree of unit `top` (a bound parameter) as table t: the scope of a page. */
#define SUBTREE(t, top)                                                                            \
	t "(id) AS (SELECT " top " UNION SELECT u.id FROM unit u JOIN " t " ON u.parent_id = "     \
	t ".id)"

/* The state (enum due_state) of an obligation's row on day `day` (a bound parameter) as the
 * dashboard counts it (schema 0039), its columns prefixed with p; -1 when it does not count (not
 * begun by then, or without a due date). One definition for the count of a whole day
 * (ST_OBLIG_COUNTS_KEEP) and for the rows a kept write deletes and adds (OBLIG_COUNTED). */
#define OBLIG_COUNT_STATE(p, day)                                                                        \
	"CASE WHEN " p "start IS NULL OR " p "start > " day " THEN -1 WHEN " p "done_on IS NOT NULL" \
	" THEN CASE WHEN " p "done_on <= " p "due THEN 3 WHEN " p "done_on > " p "due THEN 4 ELSE -1" \
	" END WHEN " p "due < " day " THEN 2 WHEN " p "due = " day " THEN 1 WHEN " p "due > " day     \
	" THEN 0 ELSE -1 END"
/* what a kept write's deletion or insertion of obligations answers of each row: what its
 * counts change by, on the day the counts are of (:day; store/sqlite.c, counted_step) */
#define OBLIG_COUNTED " RETURNING kind, unit_id, " OBLIG_COUNT_STATE("", ":day")

/* What a clearing of gaps answers of each gap it deleted: its id and what it is a gap of (the
 * identity sq_gap_add matches a gap found again by). */
#define GAP_GONE " RETURNING id, rule || char(31) || subject || char(31) || unit_id || char(31) ||" \
		 " asset_id || char(31) || project_id || char(31) || coalesce(role, '')"

/* Asset a answers to a unit of table t under any relation (builder, user, manager, operator). */
#define IN_UNITS(t)                                                                                \
	"a.builder_unit IN (SELECT id FROM " t ") OR a.user_unit IN (SELECT id FROM " t ") OR"      \
	" a.manager_unit IN (SELECT id FROM " t ") OR a.operator_unit IN (SELECT id FROM " t ")"

/* The daily work as the server reads it. A notice (n) concerns the units of table t when it is
 * addressed to one of them or one of its systems answers to one (book_notice_concerns); an
 * incident (x) the same way with its unit and systems; a record (r) by its unit. */
#define NOTICE_CONCERNS(t)                                                                         \
	"(n.unit_id IN (SELECT id FROM " t ") OR EXISTS (SELECT 1 FROM notice_asset na JOIN asset"  \
	" a ON a.id = na.asset_id WHERE na.notice_id = n.id AND (" IN_UNITS(t) ")))"
#define INCIDENT_CONCERNS(t)                                                                       \
	"(x.unit_id IN (SELECT id FROM " t ") OR EXISTS (SELECT 1 FROM incident_asset ia JOIN"      \
	" asset a ON a.id = ia.asset_id WHERE ia.incident_id = x.id AND (" IN_UNITS(t) ")))"
#define RECORD_CONCERNS(t) "r.unit_id IN (SELECT id FROM " t ")"
/* A notice's own columns (notice_cols reads them), then — in the server's reads — the code and
 * name of its unit and how many systems of its 举一反三 list are not yet checked, and how many it
 * holds. */
#define NOTICE_COLS                                                                                \
	"n.id, n.code, n.authority, n.received_at, n.unit_id, n.category, n.text, n.attachment,"   \
	" n.stated_due, n.similar_total"
#define NOTICE_ROW_COLS                                                                            \
	NOTICE_COLS ", nu.code, nu.name, n.similar_open, n.similar_listed"
#define NOTICE_FROM     "notice n LEFT JOIN unit nu ON nu.id = n.unit_id"
#define INCIDENT_COLS   "x.id, x.code, x.title, x.unit_id, x.detected_at"
#define INCIDENT_FROM   "incident x LEFT JOIN unit xu ON xu.id = x.unit_id"
#define RECORD_COLS                                                                                \
	"r.id, r.kind, r.unit_id, r.on_date, r.duty, r.period, r.title, r.participants,"           \
	" r.minutes, r.attachment, r.voided_at, r.voided_by, r.void_reason"
#define RECORD_FROM "record r LEFT JOIN unit ru ON ru.id = r.unit_id"
/* RECORD_COLS as the obligations read them: the texts NULL */
#define RECORD_ANSWERING_COLS                                                                      \
	"r.id, r.kind, r.unit_id, r.on_date, r.duty, r.period, NULL, NULL, NULL, NULL,"            \
	" r.voided_at, NULL, NULL"
/* A keyset page of the work: ?1 the scope's top unit and ?2 the unit filter's (NULL: any), ?3
 * the id to start after (always bound: 0 or INT64_MAX for the first page, so that both are a
 * range of the primary key), ?4 how many; `more` adds conditions on further parameters. */
#define WORK_PAGE(cols, from, id, concerns, more, cmp, dir)                                        \
	"WITH RECURSIVE " SUBTREE("sc", "?1") ", " SUBTREE("fl", "?2") " SELECT " cols " FROM "    \
	from " WHERE " id " " cmp " ?3 AND (?1 IS NULL OR " concerns("sc") ") AND (?2 IS NULL OR " \
	concerns("fl") ")" more " ORDER BY " id " " dir " LIMIT ?4"
/* The state (enum due_state) of a notice at `today` from its kept verdict v (schema 0038): done
 * when its feedback went (by 24:00 of the due date: on time), else by its due date. */
#define NOTICE_STATE(today)                                                                        \
	"CASE WHEN v.feedback_at IS NOT NULL THEN CASE WHEN v.due IS NULL OR substr(v.feedback_at,"\
	" 1, 10) <= v.due THEN 3 ELSE 4 END WHEN v.due IS NULL THEN 5 WHEN v.due < " today " THEN" \
	" 2 WHEN v.due = " today " THEN 1 ELSE 0 END"
/* Notices and incidents naming system ?9 (NULL: any), by the system's index of each. */
#define NOTICE_OF_ASSET                                                                            \
	" AND (?9 IS NULL OR n.id IN (SELECT notice_id FROM notice_asset WHERE asset_id = ?9))"
#define INCIDENT_OF_ASSET                                                                          \
	" AND (?9 IS NULL OR x.id IN (SELECT incident_id FROM incident_asset WHERE asset_id = ?9))"
/* A page of the notices in state k whose verdict meets `cond`, ascending and descending. */
#define NOTICE_STATE_PAGE(k, cond)                                                                 \
	[ST_NOTICE_STATE0 + (k)] = WORK_PAGE(NOTICE_ROW_COLS, NOTICE_FROM, "n.id", NOTICE_CONCERNS,\
					     " AND n.id IN (SELECT notice_id FROM notice_verdict"  \
					     " WHERE " cond ")" NOTICE_OF_ASSET, ">", "ASC"),      \
	[ST_NOTICE_STATE0 + DUE__MAX + (k)] = WORK_PAGE(                                           \
		NOTICE_ROW_COLS, NOTICE_FROM, "n.id", NOTICE_CONCERNS,                             \
		" AND n.id IN (SELECT notice_id FROM notice_verdict WHERE " cond ")"               \
		NOTICE_OF_ASSET, "<", "DESC")
/* Record ?1 concerns the subtree of ?2 (NULL: any unit); false when there is no record ?1. */
#define WORK_CONCERNS(table, alias, concerns)                                                      \
	"WITH RECURSIVE " SUBTREE("sc", "?2") " SELECT EXISTS (SELECT 1 FROM " table " " alias      \
	" WHERE " alias ".id = ?1 AND (?2 IS NULL OR " concerns("sc") "))"
/* How many reasons a 举一反三 mask holds (most first is the one order of similar systems). */
#define REASONS(why) "((" why " & 1) + ((" why " >> 1) & 1) + ((" why " >> 2) & 1))"

/* The register's other records as the server reads them (rec_row reads them): each kind's own
 * columns in the order of its *_ALL statement, then the code of the unit it refers to and the
 * unit its scope is judged by (for a duty: its unit, else its system's manager unit, else its
 * operator unit), then a duty's holder's and system's codes. LEFT JOINs keep the record's own
 * table the outer loop, so a page walks its primary key. */
#define UNIT_COLS "u.id, u.code, u.name, u.parent_id, u.kind, up.code, u.id"
#define UNIT_FROM "unit u LEFT JOIN unit up ON up.id = u.parent_id"
#define PERSON_COLS                                                                                \
	"p.id, p.code, p.name, p.unit_id, p.title, p.phone, p.email, pu.code, p.unit_id"
#define PERSON_FROM "person p LEFT JOIN unit pu ON pu.id = p.unit_id"
#define DUTY_SCOPE  "coalesce(d.unit_id, da.manager_unit, da.operator_unit)"
#define DUTY_COLS                                                                                  \
	"d.id, d.role, d.person_id, d.unit_id, d.asset_id, d.valid_from, d.valid_to, d.note,"      \
	" du.code, " DUTY_SCOPE ", dp.code, da.code"
#define DUTY_FROM                                                                                  \
	"duty d LEFT JOIN person dp ON dp.id = d.person_id LEFT JOIN unit du ON du.id = d.unit_id" \
	" LEFT JOIN asset da ON da.id = d.asset_id"
#define PROJECT_COLS                                                                               \
	"r.id, r.code, r.name, r.unit_id, r.year, r.total_budget, r.security_budget, ru.code,"     \
	" r.unit_id"
#define PROJECT_FROM "project r LEFT JOIN unit ru ON ru.id = r.unit_id"
#define REC_GET(cols, from, id) "SELECT " cols " FROM " from " WHERE " id " = ?1"
/* A keyset page: ?1 the scope's top unit (NULL: all), ?2 the id to start after (always bound:
 * a plain range on the primary key starts the walk there), ?3 how many. */
#define REC_PAGE(cols, from, id, scope, cmp, dir)                                                  \
	"WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT " cols " FROM " from                        \
	" WHERE (?1 IS NULL OR " scope " IN (SELECT id FROM sc)) AND " id " " cmp " ?2"            \
	" ORDER BY " id " " dir " LIMIT ?3"

/* The columns account_row reads, in its order (the session lookup joins them in). */
#define ACCOUNT_COLS                                                                              \
	"a.id, a.name, a.display, a.role, a.unit_id, a.password_hash, a.password_changed_at,"     \
	" a.totp_secret, a.totp_pending, a.totp_last_step, a.failures, a.locked, a.locked_at,"   \
	" a.locked_ip, a.disabled, a.created_at, a.last_login_at, a.lock_until, a.lockouts,"  \
	" a.must_change"
#define TOKEN_COLS                                                                                \
	"id, hash, label, role, unit_id, created_by, created_at, expires_at, revoked_at,"         \
	" account_id, (SELECT a.name FROM account a WHERE a.id = api_token.account_id)"
#define ROLE_CHANGE_COLS                                                                          \
	"c.id, c.account_id, a.name, c.role, c.unit_id, c.proposed_by, c.proposed_at, c.state,"   \
	" c.decided_by, c.decided_at, c.reason"
/* The instant now in the form the tables keep (RFC 3339, China Standard Time). */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now', '+8 hours')"
#define META_VALUE(key) "(SELECT value FROM meta WHERE key = '" key "')"

/* A page of obligations begun by day ?3, in the scope ?1 and unit filter ?2 (subtrees; NULL:
 * any), in state ?4 (NULL: any) as it stands at the end of ?3, after (or before) the keyset
 * (due, name, unit, asset, id) = (?5, ?8, ?9, ?10, ?6) — oblig_generate's order, whatever the
 * order the rows were kept in — and due by ?12 (from ?11 on, descending), at most ?7. The keyset
 * alone is where the due-date index's range starts (the first day a state can be due on is
 * folded into it): a bound on the due date there too would start the range at the first row of
 * the cursor's day, and a page deep in a day of 25,000 MLPS deadlines (a million systems graded
 * on a few dozen days) would read every row of the day before it. The system's code and name are
 * those kept with the obligation (schema 0048): the page reads no asset, and the rows it reads
 * lie in the table in the index's order (a rebuild writes them so). */
#define OBLIG_STATE                                                                               \
	"CASE WHEN o.done_on IS NOT NULL THEN CASE WHEN o.done_on <= o.due THEN 'done_on_time'"    \
	" ELSE 'done_late' END WHEN o.due < ?3 THEN 'overdue' WHEN o.due = ?3 THEN 'due_today'"     \
	" ELSE 'open' END"
#define OBLIG_PAGE(cmp, end, dir)                                                                 \
	"WITH RECURSIVE " SUBTREE("sc", "?1") ", " SUBTREE("fl", "?2")                             \
	" SELECT o.id, o.kind, o.duty, o.unit_id, o.asset_id, o.period, o.name, o.article, o.start," \
	" o.due, o.need, o.have, o.done_on, o.evidence, u.code, o.asset_code, o.asset_name,"      \
	" u.name FROM obligation o LEFT JOIN unit u ON u.id = o.unit_id"                          \
	" WHERE (o.due, o.name, o.unit_id, o.asset_id, o.id) " cmp " (?5, ?8, ?9, ?10, ?6)"          \
	" AND o.start <= ?3 AND " end                                                              \
	" AND (?1 IS NULL OR o.unit_id IN (SELECT id FROM sc))"                                    \
	" AND (?2 IS NULL OR o.unit_id IN (SELECT id FROM fl))"                                    \
	" AND (?4 IS NULL OR " OBLIG_STATE " = ?4)"                                                  \
	" ORDER BY o.due " dir ", o.name " dir ", o.unit_id " dir ", o.asset_id " dir ", o.id " dir  \
	" LIMIT ?7"

#define EVIDENCE_COLS                                                                              \
	"SELECT id, owner_kind, owner_id, name, type, size, sm3, added_at, added_by, withdrawn_at," \
	" withdrawn_by, withdraw_reason FROM evidence"

#define NOTIFY_CHANNEL_COLS                                                                        \
	"SELECT id, name, kind, target, secret, config, enabled, changed_at, changed_by"           \
	" FROM notify_channel"

#define NOTIFY_COLS                                                                                \
	"SELECT m.id, m.key, m.account_id, m.channel_id, m.address, m.rule, m.level, m.unit_id,"   \
	" m.subject, m.body, m.link, m.created_at, m.state, m.tries, m.next_at, m.lease_until,"    \
	" m.sent_at, m.read_at, m.last_error, a.name, c.name, c.kind FROM notify_message m"        \
	" LEFT JOIN account a ON a.id = m.account_id"                                              \
	" LEFT JOIN notify_channel c ON c.id = m.channel_id"

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
			 " personal_info, protection_installed, status, admin_level, software,"
			 " party_gov_portal, key_news_site, large_platform, important_system,"
			 " important_infrastructure)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
			 " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
	[ST_DUTY_ADD] = "INSERT INTO duty (role, person_id, unit_id, asset_id, valid_from,"
			" valid_to, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_UNIT_ALL] = "SELECT id, code, name, parent_id, kind FROM unit ORDER BY id",
	[ST_PERSON_ALL] = "SELECT id, code, name, unit_id, title, phone, email FROM person"
			  " ORDER BY id",
	[ST_ASSET_ALL] = "SELECT id, code, name, kind, url, builder_unit, user_unit, manager_unit,"
			 " operator_unit, maintainer, mlps_level, graded_on, filing_no, filed_on,"
			 " assessed_on, assess_result, cii, internet_facing, personal_info,"
			 " protection_installed, status, admin_level, software, party_gov_portal,"
			 " key_news_site, large_platform, important_system, important_infrastructure"
			 " FROM asset ORDER BY id",
	[ST_DUTY_ALL] = "SELECT id, role, person_id, unit_id, asset_id, valid_from, valid_to, note"
			" FROM duty ORDER BY id",
	[ST_CAL_YEAR_ADD] = "INSERT INTO calendar_year (year, source, imported_on) VALUES (?1, ?2, ?3)",
	[ST_CAL_DAY_ADD] = "INSERT INTO calendar_day (date, kind, name) VALUES (?1, ?2, ?3)",
	[ST_CAL_YEARS] = "SELECT min(year), max(year) FROM calendar_year",
	[ST_CAL_DAYS] = "SELECT date, kind, name FROM calendar_day ORDER BY date",
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT INTO meta (key, value) VALUES (?1, ?2)"
			" ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	[ST_PROJECT_ADD] = "INSERT INTO project (code, name, unit_id, year, total_budget,"
			   " security_budget) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_PROJECT_ALL] = "SELECT id, code, name, unit_id, year, total_budget, security_budget"
			   " FROM project ORDER BY id",
	[ST_NOTICE_ADD] = "INSERT INTO notice (code, authority, received_at, unit_id, category, text,"
			  " attachment, stated_due, similar_total)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_NOTICE_ASSET_ADD] = "INSERT INTO notice_asset (notice_id, asset_id) VALUES (?1, ?2)",
	[ST_NOTICE_EVENT_ADD] = "INSERT INTO notice_event (notice_id, kind, at, by_whom, note,"
				" extended_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	/* a notice's 举一反三 list in one statement: ?2 a JSON array of asset id × 8 + why (the
	 * reasons are 1–7) — 200 INSERTs a notice were a fifth of POST /notices */
	[ST_NOTICE_SIMILAR_ADD] = "INSERT INTO notice_similar (notice_id, asset_id, why)"
				  " SELECT ?1, value >> 3, value & 7 FROM json_each(?2)",
	[ST_NOTICE_CHECK] = "UPDATE notice_similar SET checked_at = ?3, checked_by = ?4, note = ?5"
			    " WHERE notice_id = ?1 AND (?2 = 0 OR asset_id = ?2) AND checked_at IS NULL",
	[ST_NOTICE_ALL] = "SELECT " NOTICE_COLS " FROM notice n ORDER BY n.id",
	[ST_NOTICE_ASSET_ALL] = "SELECT notice_id, asset_id FROM notice_asset"
				" ORDER BY notice_id, asset_id",
	[ST_NOTICE_EVENT_ALL] = "SELECT notice_id, kind, at, by_whom, note, extended_to"
				" FROM notice_event ORDER BY notice_id, id",
	[ST_NOTICE_SIMILAR_ALL] = "SELECT notice_id, asset_id, why, checked_at, checked_by, note"
				  " FROM notice_similar ORDER BY notice_id, asset_id",
	[ST_RECORD_ADD] = "INSERT INTO record (kind, unit_id, on_date, duty, period, title,"
			  " participants, minutes, attachment)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_RECORD_ALL] = "SELECT " RECORD_COLS " FROM record r ORDER BY r.id",
	/* the records that can answer a group of duties (svc_obligations_unit) as the obligations
	 * read them, through record_answers (schema 0050) alone: in the columns of RECORD_COLS, the
	 * texts NULL; of the units ?2 to ?3 (one unit, or all). Those naming no duty, of kind ?1;
	 * those naming duty ?1, of any kind — each kind's part of the index looked up (the kinds of
	 * the table's CHECK, schema 0003). */
	[ST_RECORD_ANSWERING_KIND] = "SELECT " RECORD_ANSWERING_COLS " FROM record r INDEXED BY"
				     " record_answers WHERE r.duty IS NULL AND r.kind = ?1"
				     " AND r.unit_id BETWEEN ?2 AND ?3",
	[ST_RECORD_ANSWERING_DUTY] = "SELECT " RECORD_ANSWERING_COLS " FROM record r INDEXED BY"
				     " record_answers WHERE r.duty = ?1 AND r.kind IN ('meeting',"
				     " 'drill', 'training', 'report', 'plan', 'assessment', 'other')"
				     " AND r.unit_id BETWEEN ?2 AND ?3",
	[ST_INCIDENT_ADD] = "INSERT INTO incident (code, title, unit_id, detected_at)"
			    " VALUES (?1, ?2, ?3, ?4)",
	[ST_INCIDENT_ASSET_ADD] = "INSERT INTO incident_asset (incident_id, pos, asset_id)"
				  " VALUES (?1, ?2, ?3)",
	[ST_INCIDENT_EVENT_ADD] = "INSERT INTO incident_event (incident_id, kind, at, recorded_at,"
				  " by_whom, name, value, note, person_id) VALUES (?1, ?2, ?3,"
				  " coalesce(?4, strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now',"
				  " '+8 hours')), ?5, ?6, ?7, ?8, ?9)",
	[ST_INCIDENT_ALL] = "SELECT " INCIDENT_COLS " FROM incident x ORDER BY x.id",
	[ST_INCIDENT_ASSET_ALL] = "SELECT incident_id, asset_id FROM incident_asset"
				  " ORDER BY incident_id, pos",
	[ST_INCIDENT_EVENT_ALL] = "SELECT incident_id, kind, at, recorded_at, by_whom, name, value,"
				  " note, person_id FROM incident_event ORDER BY incident_id, id",
	[ST_ACCOUNT_ADD] = "INSERT INTO account (name, display, role, unit_id, created_at)"
			   " VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_ACCOUNT_GET] = "SELECT " ACCOUNT_COLS " FROM account a WHERE a.id = ?1",
	[ST_ACCOUNT_BY_NAME] = "SELECT " ACCOUNT_COLS " FROM account a WHERE a.name = ?1",
	[ST_ACCOUNT_ALL] = "SELECT " ACCOUNT_COLS " FROM account a ORDER BY a.id",
	[ST_ACCOUNT_PASSWORD] = "UPDATE account SET password_hash = ?2, password_changed_at = ?3,"
				" failures = 0, must_change = 0 WHERE id = ?1",
	[ST_ACCOUNT_ROLE] = "UPDATE account SET role = ?2, unit_id = ?3 WHERE id = ?1",
	[ST_ACCOUNT_DISABLE] = "UPDATE account SET disabled = ?2 WHERE id = ?1",
	/* a lock by hand keeps the time and address of a lock by failures already in place */
	[ST_ACCOUNT_LOCK] = "UPDATE account SET locked = 1,"
			    " locked_at = CASE WHEN locked THEN locked_at"
			    " ELSE coalesce(?2, " SQL_NOW ") END,"
			    " locked_ip = CASE WHEN locked THEN locked_ip ELSE ?3 END WHERE id = ?1",
	[ST_ACCOUNT_UNLOCK] = "UPDATE account SET locked = 0, locked_at = NULL, locked_ip = NULL,"
			      " failures = 0, lock_until = NULL, lockouts = 0 WHERE id = ?1",
	/* a lock by failures whose time is over lifts; the count of locks in a row stays */
	[ST_ACCOUNT_LIFT] = "UPDATE account SET locked = 0, locked_at = NULL, locked_ip = NULL,"
			    " failures = 0, lock_until = NULL WHERE id = ?1 AND locked = 1"
			    " AND lock_until IS NOT NULL AND lock_until <= ?2",
	[ST_ADDRESS_GET] = "SELECT failures, last_at, until, lockouts FROM login_address"
			   " WHERE ip = ?1",
	[ST_ADDRESS_SET] = "INSERT INTO login_address (ip, failures, last_at, until, lockouts)"
			   " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (ip) DO UPDATE SET"
			   " failures = excluded.failures, last_at = excluded.last_at,"
			   " until = excluded.until, lockouts = excluded.lockouts",
	/* SET expressions see the row as it was: failures + 1 is the count after this failure */
	[ST_ACCOUNT_FAILURE] = "UPDATE account SET failures = failures + 1,"
			       " locked = CASE WHEN failures + 1 >= ?2 THEN 1 ELSE locked END,"
			       " locked_at = CASE WHEN failures + 1 >= ?2 AND NOT locked THEN ?3"
			       " ELSE locked_at END,"
			       " locked_ip = CASE WHEN failures + 1 >= ?2 AND NOT locked THEN ?4"
			       " ELSE locked_ip END,"
			       " lock_until = CASE WHEN failures + 1 >= ?2 AND NOT locked THEN ?5"
			       " ELSE lock_until END,"
			       " lockouts = CASE WHEN failures + 1 >= ?2 AND NOT locked"
			       " THEN lockouts + 1 ELSE lockouts END"
			       " WHERE id = ?1 RETURNING failures, locked",
	[ST_ACCOUNT_LOGIN] = "UPDATE account SET failures = 0, lockouts = 0, last_login_at = ?2"
			     " WHERE id = ?1",
	[ST_TOTP_PENDING] = "UPDATE account SET totp_pending = ?2 WHERE id = ?1",
	[ST_TOTP_ENABLE] = "UPDATE account SET totp_secret = totp_pending, totp_pending = NULL,"
			   " totp_last_step = ?2 WHERE id = ?1 AND totp_pending IS NOT NULL",
	[ST_TOTP_CLEAR] = "UPDATE account SET totp_secret = NULL, totp_pending = NULL,"
			  " totp_last_step = NULL WHERE id = ?1",
	[ST_TOTP_STEP] = "UPDATE account SET totp_last_step = ?2 WHERE id = ?1"
			 " AND (totp_last_step IS NULL OR totp_last_step < ?2)",
	[ST_SESSION_ADD] = "INSERT INTO session (id_hash, account_id, csrf_hash, created_at,"
			   " last_seen_at) VALUES (?1, ?2, ?3, ?4, ?4)",
	/* every request: the session by its primary key, its account by its own, and the three
	 * settings that decide whether it is live by theirs — one statement */
	[ST_SESSION_GET] = "SELECT s.account_id, s.csrf_hash, s.created_at, s.last_seen_at, "
			   META_VALUE(STORE_KEY_SESSION_IDLE) ", "
			   META_VALUE(STORE_KEY_SESSION_ABSOLUTE) ", "
			   META_VALUE(STORE_KEY_PASSWORD_MAX_AGE) ", " ACCOUNT_COLS
			   " FROM session s JOIN account a ON a.id = s.account_id"
			   " WHERE s.id_hash = ?1",
	[ST_SESSION_TOUCH] = "UPDATE session SET last_seen_at = ?2 WHERE id_hash = ?1",
	[ST_SESSION_END] = "DELETE FROM session WHERE id_hash = ?1",
	[ST_SESSIONS_END] = "DELETE FROM session WHERE account_id = ?1",
	[ST_SESSIONS_PRUNE] = "DELETE FROM session WHERE last_seen_at < ?1 OR created_at < ?2",
	[ST_TOKEN_ADD] = "INSERT INTO api_token (hash, label, role, unit_id, created_by, created_at,"
			 " expires_at, account_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* a token issued for an account works while the account holds the role and scope it was
	 * issued with and is not disabled (0036): otherwise it is as unknown */
	[ST_TOKEN_GET] = "SELECT " TOKEN_COLS " FROM api_token WHERE hash = ?1 AND (account_id IS NULL"
			 " OR EXISTS (SELECT 1 FROM account a WHERE a.id = api_token.account_id"
			 " AND a.role = api_token.role AND a.unit_id = api_token.unit_id"
			 " AND a.disabled = 0))",
	[ST_TOKEN_ALL] = "SELECT " TOKEN_COLS " FROM api_token ORDER BY id",
	[ST_TOKEN_REVOKE] = "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1"
			    " AND revoked_at IS NULL",
	[ST_TOKEN_EXISTS] = "SELECT 1 FROM api_token WHERE id = ?1",
	[ST_ROLE_CHANGE_ADD] = "INSERT INTO role_change (account_id, role, unit_id, proposed_by,"
			       " proposed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_ROLE_CHANGE_GET] = "SELECT " ROLE_CHANGE_COLS " FROM role_change c JOIN account a"
			       " ON a.id = c.account_id WHERE c.id = ?1",
	[ST_ROLE_CHANGE_ALL] = "SELECT " ROLE_CHANGE_COLS " FROM role_change c JOIN account a"
			       " ON a.id = c.account_id WHERE (?1 IS NULL OR c.state = ?1)"
			       " AND (?2 = 0 OR c.id < ?2) ORDER BY c.id DESC LIMIT ?3",
	[ST_ROLE_CHANGE_DECIDE] = "UPDATE role_change SET state = ?2, decided_by = ?3,"
				  " decided_at = ?4, reason = ?5 WHERE id = ?1 AND state = 'pending'",
	[ST_BEGIN_READ] = "BEGIN DEFERRED",
	[ST_AUDIT_HEAD] = "SELECT seq, hash FROM audit_head WHERE id = 1",
	[ST_AUDIT_ADD] = "INSERT INTO audit_entry (seq, at, actor, ip, action, object, before, after,"
			 " outcome, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
			 " ?11)",
	[ST_AUDIT_PAGE] = "SELECT seq, at, actor, ip, action, object, before, after, outcome, prev,"
			  " hash FROM audit_entry WHERE seq > ?1 ORDER BY seq LIMIT ?2",
	/* the newest ?6 that match, read newest first and returned oldest first by the caller */
	[ST_AUDIT_FIND] = "SELECT seq, at, actor, ip, action, object, before, after, outcome, prev,"
			  " hash FROM audit_entry WHERE (?1 IS NULL OR at >= ?1)"
			  " AND (?2 IS NULL OR at < ?2) AND (?3 IS NULL OR actor = ?3)"
			  " AND (?4 IS NULL OR action = ?4 OR (substr(?4, -1) = '.'"
			  " AND substr(action, 1, length(?4)) = ?4))"
			  " AND (?5 IS NULL OR outcome = ?5) AND (?7 IS NULL OR seq < ?7)"
			  " ORDER BY seq DESC LIMIT ?6",
	[ST_AUDIT_ANCHORS] = "SELECT from_seq, upto_seq, last_hash, file, file_sm3, archived_at"
			     " FROM audit_archive ORDER BY upto_seq",
	[ST_AUDIT_ANCHOR_ADD] = "INSERT INTO audit_archive (from_seq, upto_seq, last_hash, file,"
				" file_sm3, archived_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_AUDIT_DELETE] = "DELETE FROM audit_entry WHERE seq <= ?1",
	[ST_UNIT_WITHIN] = "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT u.parent_id FROM unit u"
			  " JOIN up ON u.id = up.id WHERE u.parent_id IS NOT NULL)"
			  " SELECT EXISTS (SELECT 1 FROM up WHERE id = ?2)",
	[ST_UNIT_TOP] = "SELECT parent_id IS NULL AND kind <> 'external_authority' FROM unit"
		       " WHERE id = ?1",
	[ST_ID_UNIT] = "SELECT id FROM unit WHERE code = ?1",
	[ST_ID_PERSON] = "SELECT id FROM person WHERE code = ?1",
	[ST_ID_ASSET] = "SELECT id FROM asset WHERE code = ?1",
	[ST_ASSET_GET] = "SELECT " ASSET_COLS " FROM " ASSET_FROM " WHERE a.id = ?1",
	[ST_ASSET_UPDATE] = "UPDATE asset SET code = ?1, name = ?2, kind = ?3, url = ?4,"
			    " builder_unit = ?5, user_unit = ?6, manager_unit = ?7,"
			    " operator_unit = ?8, maintainer = ?9, mlps_level = ?10, graded_on = ?11,"
			    " filing_no = ?12, filed_on = ?13, assessed_on = ?14, assess_result = ?15,"
			    " cii = ?16, internet_facing = ?17, personal_info = ?18,"
			    " protection_installed = ?19, status = ?20, admin_level = ?21,"
			    " software = ?22, party_gov_portal = ?23, key_news_site = ?24,"
			    " large_platform = ?25, important_system = ?26,"
			    " important_infrastructure = ?27 WHERE id = ?28",
	[ST_GENERATION] = "SELECT n FROM generation",
	[ST_STRUCTURE_GEN] = "SELECT n FROM structure_generation", /* schema 0029 */
	/* the greatest id bounds the count (a rowid: read at the end of the table, no scan) */
	[ST_ASSET_BOUND] = "SELECT coalesce(max(id), 0) FROM asset",
	[ST_RECORD_UPDATE] = "UPDATE record SET kind = ?1, unit_id = ?2, on_date = ?3, duty = ?4,"
			     " period = ?5, title = ?6, participants = ?7, minutes = ?8,"
			     " attachment = ?9 WHERE id = ?10",
	[ST_UNIT_GET] = REC_GET(UNIT_COLS, UNIT_FROM, "u.id"),
	[ST_PERSON_GET] = REC_GET(PERSON_COLS, PERSON_FROM, "p.id"),
	[ST_DUTY_GET] = REC_GET(DUTY_COLS, DUTY_FROM, "d.id"),
	[ST_PROJECT_GET] = REC_GET(PROJECT_COLS, PROJECT_FROM, "r.id"),
	[ST_UNIT_PAGE] = REC_PAGE(UNIT_COLS, UNIT_FROM, "u.id", "u.id", ">", "ASC"),
	[ST_UNIT_PAGE_DESC] = REC_PAGE(UNIT_COLS, UNIT_FROM, "u.id", "u.id", "<", "DESC"),
	[ST_PERSON_PAGE] = REC_PAGE(PERSON_COLS, PERSON_FROM, "p.id", "p.unit_id", ">", "ASC"),
	[ST_PERSON_PAGE_DESC] = REC_PAGE(PERSON_COLS, PERSON_FROM, "p.id", "p.unit_id", "<",
					 "DESC"),
	[ST_DUTY_PAGE] = REC_PAGE(DUTY_COLS, DUTY_FROM, "d.id", DUTY_SCOPE, ">", "ASC"),
	[ST_DUTY_PAGE_DESC] = REC_PAGE(DUTY_COLS, DUTY_FROM, "d.id", DUTY_SCOPE, "<", "DESC"),
	[ST_PROJECT_PAGE] = REC_PAGE(PROJECT_COLS, PROJECT_FROM, "r.id", "r.unit_id", ">", "ASC"),
	[ST_PROJECT_PAGE_DESC] = REC_PAGE(PROJECT_COLS, PROJECT_FROM, "r.id", "r.unit_id", "<",
					  "DESC"),
	/* the same parameters as the *_ADD statement, then the id */
	[ST_UNIT_UPDATE] = "UPDATE unit SET code = ?1, name = ?2, parent_id = ?3, kind = ?4"
			   " WHERE id = ?5",
	[ST_PERSON_UPDATE] = "UPDATE person SET code = ?1, name = ?2, unit_id = ?3, title = ?4,"
			     " phone = ?5, email = ?6 WHERE id = ?7",
	[ST_DUTY_UPDATE] = "UPDATE duty SET role = ?1, person_id = ?2, unit_id = ?3, asset_id = ?4,"
			   " valid_from = ?5, valid_to = ?6, note = ?7 WHERE id = ?8",
	[ST_PROJECT_UPDATE] = "UPDATE project SET code = ?1, name = ?2, unit_id = ?3, year = ?4,"
			      " total_budget = ?5, security_budget = ?6 WHERE id = ?7",
	[ST_NOTICE_GET] = "SELECT " NOTICE_ROW_COLS " FROM " NOTICE_FROM " WHERE n.id = ?1",
	[ST_NOTICE_GET_CODE] = "SELECT " NOTICE_ROW_COLS " FROM " NOTICE_FROM " WHERE n.code = ?1",
	[ST_NOTICE_PAGE] = WORK_PAGE(NOTICE_ROW_COLS, NOTICE_FROM, "n.id", NOTICE_CONCERNS,
				     NOTICE_OF_ASSET, ">", "ASC"),
	[ST_NOTICE_PAGE_DESC] = WORK_PAGE(NOTICE_ROW_COLS, NOTICE_FROM, "n.id", NOTICE_CONCERNS,
					  NOTICE_OF_ASSET, "<", "DESC"),
	[ST_NOTICE_CONCERNS] = WORK_CONCERNS("notice", "n", NOTICE_CONCERNS),
	/* a notice's parts, each by the primary key of its table: ?1 the notice */
	[ST_NOTICE_ASSETS_OF] = "SELECT na.notice_id, na.asset_id, a.code, a.name FROM notice_asset"
				" na JOIN asset a ON a.id = na.asset_id WHERE na.notice_id = ?1"
				" ORDER BY na.asset_id",
	[ST_NOTICE_EVENTS_OF] = "SELECT notice_id, kind, at, by_whom, note, extended_to"
				" FROM notice_event WHERE notice_id = ?1 ORDER BY id",
	[ST_NOTICE_SIMILAR_OF] = "SELECT s.notice_id, s.asset_id, s.why, s.checked_at,"
				 " s.checked_by, s.note, a.code, a.name FROM notice_similar s"
				 " JOIN asset a"
				 " ON a.id = s.asset_id WHERE s.notice_id = ?1"
				 " ORDER BY " REASONS("s.why") " DESC, s.asset_id",
	[ST_INCIDENT_GET] = "SELECT " INCIDENT_COLS ", xu.code FROM " INCIDENT_FROM
			    " WHERE x.id = ?1",
	[ST_INCIDENT_GET_CODE] = "SELECT " INCIDENT_COLS ", xu.code FROM " INCIDENT_FROM
				 " WHERE x.code = ?1",
	[ST_INCIDENT_PAGE] = WORK_PAGE(INCIDENT_COLS ", xu.code", INCIDENT_FROM, "x.id",
				       INCIDENT_CONCERNS, INCIDENT_OF_ASSET, ">", "ASC"),
	[ST_INCIDENT_PAGE_DESC] = WORK_PAGE(INCIDENT_COLS ", xu.code", INCIDENT_FROM, "x.id",
					    INCIDENT_CONCERNS, INCIDENT_OF_ASSET, "<", "DESC"),
	[ST_INCIDENT_CONCERNS] = WORK_CONCERNS("incident", "x", INCIDENT_CONCERNS),
	[ST_INCIDENT_ASSETS_OF] = "SELECT ia.incident_id, ia.asset_id, a.code, a.name"
				  " FROM incident_asset ia JOIN asset a ON a.id = ia.asset_id"
				  " WHERE ia.incident_id = ?1 ORDER BY ia.pos",
	[ST_INCIDENT_EVENTS_OF] = "SELECT incident_id, kind, at, recorded_at, by_whom, name, value,"
				  " note, person_id FROM incident_event WHERE incident_id = ?1"
				  " ORDER BY id",
	[ST_RECORD_GET] = "SELECT " RECORD_COLS ", ru.code FROM " RECORD_FROM " WHERE r.id = ?1",
	/* ?5 the kind (NULL: any) */
	[ST_RECORD_PAGE] = WORK_PAGE(RECORD_COLS ", ru.code", RECORD_FROM, "r.id", RECORD_CONCERNS,
				     " AND (?5 IS NULL OR r.kind = ?5)", ">", "ASC"),
	[ST_RECORD_PAGE_DESC] = WORK_PAGE(RECORD_COLS ", ru.code", RECORD_FROM, "r.id",
					  RECORD_CONCERNS, " AND (?5 IS NULL OR r.kind = ?5)", "<",
					  "DESC"),
	/* the repeat rule's events on the systems of the JSON array ?1, at in [?2, ?3) (NULL: no
	 * bound), each found from its system by the asset indexes of notice_asset and
	 * incident_asset; latest first, notices before incidents, then by id, then system (the
	 * order of latest_first in svc/book.c) */
	[ST_ASSET_EVENTS] = "WITH ids(id) AS (SELECT DISTINCT value FROM json_each(?1))"
			    " SELECT * FROM (SELECT na.asset_id AS asset, n.received_at AS at,"
			    " n.id AS notice, 0 AS incident, n.code AS code"
			    " FROM ids JOIN notice_asset na ON na.asset_id = ids.id"
			    " JOIN notice n ON n.id = na.notice_id"
			    " WHERE (?2 IS NULL OR n.received_at >= ?2)"
			    " AND (?3 IS NULL OR n.received_at < ?3)"
			    " UNION ALL SELECT ia.asset_id, x.detected_at, 0, x.id, x.code"
			    " FROM ids JOIN incident_asset ia ON ia.asset_id = ids.id"
			    " JOIN incident x ON x.id = ia.incident_id"
			    " WHERE (?2 IS NULL OR x.detected_at >= ?2)"
			    " AND (?3 IS NULL OR x.detected_at < ?3))"
			    " ORDER BY at DESC, incident <> 0, notice + incident, asset",
	/* 举一反三 (notice_similar in SQL), tier by tier (schema 0011), each statement bound with
	 * plain values — the own systems' kinds, softwares and operator units are read first and
	 * held in C. A statement over the own systems as a JSON array (a CTE, DISTINCT, IN lists)
	 * opened five to ten temporary b-trees a run, some 20 µs each time before reading a row:
	 * with one statement per combination, most of POST /notices. Each read of systems walks an
	 * index in id order with no LIMIT: the caller steps until it has what it needs.
	 * One own system: its kind, software ('' for none), operator unit (0 for none) and
	 * whether it is live. */
	[ST_SIMILAR_OWN] = "SELECT kind, coalesce(software, ''), coalesce(operator_unit, 0),"
			   " status <> 'retired' FROM asset WHERE id = ?1",
	/* the live systems of each pair of kind and software, of kind ?1 or (NULL ?1) of software
	 * ?2: the total counted from the pairs' counts (schema 0011) */
	[ST_SIMILAR_TOTAL] = "SELECT l.kind, l.software, l.live FROM asset_kind_software l"
			     " WHERE l.kind = ?1 UNION ALL SELECT l.kind, l.software, l.live"
			     " FROM asset_kind_software l WHERE l.software = ?2",
	/* the combinations of kind and software that operator unit ?1 runs live systems of */
	[ST_SIMILAR] = "SELECT l.kind, l.software FROM asset_likeness l"
		       " WHERE l.operator_unit = ?1 AND l.live > 0",
	/* the systems read, each in the columns similar_read takes: id, kind, software ('' for
	 * none), operator unit (0 for none), code, name — live, in id order from an index */
#define SIMILAR_COLS                                                                              \
	"SELECT c.id, c.kind, coalesce(c.software, ''), coalesce(c.operator_unit, 0), c.code,"     \
	" c.name FROM asset c "
	/* of one combination: kind ?1, software ?2, operator unit ?3 */
	[ST_SIMILAR_COMBO] = SIMILAR_COLS "INDEXED BY asset_likeness_key WHERE c.kind = ?1"
			     " AND coalesce(c.software, '') = ?2 AND coalesce(c.operator_unit, 0) = ?3"
			     " AND c.status <> 'retired' ORDER BY c.id",
	/* of kind ?1 and software ?2 whatever the operator unit (the index of the pair, schema
	 * 0046: in id order without a sort; the caller passes over the own units' systems) */
	[ST_SIMILAR_PAIR] = SIMILAR_COLS "INDEXED BY asset_likeness_pair WHERE c.kind = ?1"
			    " AND coalesce(c.software, '') = ?2 AND c.status <> 'retired' ORDER BY c.id",
	/* of kind ?1; of software ?1 */
	[ST_SIMILAR_KIND] = SIMILAR_COLS "INDEXED BY asset_kind WHERE c.kind = ?1"
			    " AND c.status <> 'retired' ORDER BY c.id",
	[ST_SIMILAR_SOFTWARE] = SIMILAR_COLS "INDEXED BY asset_software WHERE c.software = ?1"
				" AND c.status <> 'retired' ORDER BY c.id",
	/* the register around a few systems (store_reg_load_around) */
	[ST_ASSET_SOME] = "SELECT id, code, name, kind, url, builder_unit, user_unit, manager_unit,"
			  " operator_unit, maintainer, mlps_level, graded_on, filing_no, filed_on,"
			  " assessed_on, assess_result, cii, internet_facing, personal_info,"
			  " protection_installed, status, admin_level, software, party_gov_portal,"
			  " key_news_site, large_platform, important_system, important_infrastructure"
			  " FROM asset WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
	[ST_DUTY_UNITS] = "SELECT id, role, person_id, unit_id, asset_id, valid_from, valid_to, note"
			  " FROM duty WHERE asset_id IS NULL ORDER BY id",
	[ST_DUTY_OF_ASSETS] = "SELECT id, role, person_id, unit_id, asset_id, valid_from, valid_to,"
			      " note FROM duty WHERE asset_id IN (SELECT value FROM json_each(?1))"
			      " ORDER BY id",
	[ST_NOTICES_ON] = "SELECT DISTINCT notice_id FROM notice_asset"
			  " WHERE asset_id IN (SELECT value FROM json_each(?1)) ORDER BY 1",
	/* the derived obligations (schema 0009, svc/deadlines.c) */
	[ST_OBLIG_CLEAR_ALL] = "DELETE FROM obligation",
	[ST_OBLIG_CLEAR_UNIT] = "DELETE FROM obligation WHERE kind = 'duty' AND unit_id = ?1"
				OBLIG_COUNTED,
	[ST_OBLIG_CLEAR_DUTY] = "DELETE FROM obligation WHERE kind = 'duty' AND unit_id = ?1"
				" AND duty = ?2" OBLIG_COUNTED,
	/* through the partial index obligation_asset (schema 0049): its terms are the index's */
	[ST_OBLIG_CLEAR_ASSET] = "DELETE FROM obligation WHERE asset_id = ?1 AND asset_id <> 0"
				 OBLIG_COUNTED,
	/* an MLPS obligation keeps its system's code and name (schema 0048: a page joins no asset) */
	[ST_OBLIG_ADD] = "INSERT INTO obligation (kind, duty, unit_id, asset_id, period, name, article,"
			 " start, due, need, have, done_on, evidence, asset_code, asset_name)"
			 " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, a.code, a.name"
			 " FROM (SELECT 1) LEFT JOIN asset a ON a.id = ?4" OBLIG_COUNTED,
	/* a rebuild's obligations staged, then written in oblig_generate's order (the order of
	 * obligation_due; as staged within it) so that a walk in due order reads the table's pages
	 * in order (schema 0048) */
	[ST_OBLIG_STAGE] = "INSERT INTO obligation_stage (kind, duty, unit_id, asset_id, period, name,"
			   " article, start, due, need, have, done_on, evidence)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	[ST_OBLIG_UNSTAGE] = "INSERT INTO obligation (kind, duty, unit_id, asset_id, period, name,"
			     " article, start, due, need, have, done_on, evidence, asset_code,"
			     " asset_name) SELECT s.kind, s.duty, s.unit_id, s.asset_id, s.period,"
			     " s.name, s.article, s.start, s.due, s.need, s.have, s.done_on,"
			     " s.evidence, a.code, a.name FROM obligation_stage s"
			     " LEFT JOIN asset a ON a.id = s.asset_id"
			     " ORDER BY s.due, s.name, s.unit_id, s.asset_id, s.rowid",
	[ST_OBLIG_STAGE_CLEAR] = "DELETE FROM obligation_stage",
	[ST_OBLIG_PAGE] = OBLIG_PAGE(">", "o.due <= ?12", "ASC"),
	[ST_OBLIG_PAGE_DESC] = OBLIG_PAGE("<", "o.due >= ?11", "DESC"),
	[ST_OBLIG_DUTIES0] = "SELECT DISTINCT duty FROM obligation WHERE kind = 'duty' AND unit_id = 0"
			     " ORDER BY 1",
	/* the duty record ?1 of unit ?2 answered: the few duties of its unit (and of none) through
	 * obligation_unit, each one's evidence read */
	[ST_RECORD_ANSWER] = "SELECT o.duty, o.name, o.period, o.have, o.need, o.due, o.done_on"
			     " FROM obligation o"
			     " WHERE o.kind = 'duty' AND o.unit_id IN (?2, 0) AND EXISTS"
			     " (SELECT 1 FROM json_each(o.evidence) e WHERE e.value = ?1)"
			     " ORDER BY o.due, o.id LIMIT 1",
	/* by kind, in the order of the index obligation_tally (0031): no sort, no wide column */
	[ST_OBLIG_COUNTS] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT o.kind,"
			    " sum(o.done_on <= o.due), sum(o.done_on > o.due),"
			    " sum(o.done_on IS NULL AND o.due < ?3), sum(o.done_on IS NULL AND o.due = ?3),"
			    " sum(o.done_on IS NULL AND o.due > ?3) FROM obligation o"
			    " INDEXED BY obligation_tally WHERE o.start <= ?3"
			    " AND (?1 IS NULL OR o.unit_id IN (SELECT id FROM sc)) GROUP BY o.kind",
	[ST_DUTY_TALLY] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT o.unit_id, u.code, u.name,"
			  " count(*), sum(o.done_on IS NOT NULL), sum(o.done_on IS NULL AND o.due < ?2)"
			  " FROM obligation o JOIN unit u ON u.id = o.unit_id WHERE o.kind = 'duty'"
			  " AND o.start <= ?2 AND (?1 IS NULL OR o.unit_id IN (SELECT id FROM sc))"
			  " GROUP BY o.unit_id ORDER BY u.code",
	/* corrections and withdrawals (schema 0015) */
	[ST_NOTICE_UPDATE] = "UPDATE notice SET code = ?2, authority = ?3, received_at = ?4,"
			     " unit_id = ?5, category = ?6, text = ?7, attachment = ?8,"
			     " stated_due = ?9 WHERE id = ?1",
	[ST_INCIDENT_UPDATE] = "UPDATE incident SET code = ?2, title = ?3, unit_id = ?4,"
			       " detected_at = ?5 WHERE id = ?1",
	[ST_RECORD_VOID] = "UPDATE record SET voided_at = ?2, voided_by = ?3, void_reason = ?4"
			   " WHERE id = ?1 AND voided_at IS NULL",
	[ST_CORRECTION_ADD] = "INSERT INTO correction (object, object_id, at, by_whom, reason,"
			      " changes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_CORRECTIONS_OF] = "SELECT id, at, by_whom, reason, changes FROM correction"
			      " WHERE object = ?1 AND object_id = ?2 ORDER BY id",
	/* the responsibility gaps of today (schema 0012) */
	[ST_GAP_CLEAR] = "DELETE FROM gap",
	/* one system's, one unit's own, one project's (gap_asset, gap_unit, gap_project: 0049) */
	/* each answers what it deleted, so that a gap found again keeps its id (sq_gap_add) */
	[ST_GAP_CLEAR_ASSET] = "DELETE FROM gap WHERE asset_id = ?1 AND asset_id <> 0" GAP_GONE,
	[ST_GAP_CLEAR_UNIT] = "DELETE FROM gap WHERE unit_id = ?1 AND asset_id = 0"
			      " AND project_id = 0" GAP_GONE,
	[ST_GAP_CLEAR_PROJECT] = "DELETE FROM gap WHERE project_id = ?1 AND project_id <> 0" GAP_GONE,
	/* ?10 NULL: a new id */
	[ST_GAP_ADD] = "INSERT INTO gap (rule, article, subject, unit_id, asset_id, project_id, role,"
		       " since, message, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_GAP_PAGE] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT g.id, g.rule, g.article,"
			" g.subject, g.unit_id, g.asset_id, g.project_id, g.role, g.since, g.message,"
			" u.code, a.code, a.name, u.name FROM gap g LEFT JOIN unit u ON u.id = g.unit_id"
			" LEFT JOIN asset a ON a.id = g.asset_id WHERE g.id > ?3"
			" AND (?2 IS NULL OR g.rule = ?2)"
			" AND (?1 IS NULL OR g.unit_id IN (SELECT id FROM sc)) ORDER BY g.id LIMIT ?4",
	[ST_GAP_COUNTS] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT g.rule, count(*) FROM gap g"
			  " WHERE ?1 IS NULL OR g.unit_id IN (SELECT id FROM sc) GROUP BY 1",
	/* the obligations counted by unit, kind and state for the day (schema 0039) */
	[ST_OBLIG_COUNTS_DAY] = "SELECT value FROM meta WHERE key = 'obligation_counts_day'",
	[ST_OBLIG_COUNTS_STALE] = "DELETE FROM meta WHERE key = 'obligation_counts_day'",
	[ST_OBLIG_COUNTS_KEPT] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT kind, state, sum(n)"
				 " FROM obligation_count WHERE ?1 IS NULL OR unit_id IN (SELECT id"
				 " FROM sc) GROUP BY 1, 2",
	[ST_OBLIG_COUNTS_CLEAR] = "DELETE FROM obligation_count",
	/* ?1 today: ST_OBLIG_COUNTS' states, row by row */
	[ST_OBLIG_COUNTS_KEEP] = "INSERT INTO obligation_count (kind, unit_id, state, n) SELECT * FROM"
				 " (SELECT o.kind, o.unit_id, " OBLIG_COUNT_STATE("o.", "?1") " AS state,"
				 " count(*) FROM obligation o INDEXED BY obligation_tally"
				 " WHERE o.start <= ?1 GROUP BY 1, 2, 3) WHERE state >= 0",
	/* a kept write's change of the counts of one unit, kind and state (schema 0051's key):
	 * added; taken away, the row gone when none is left (ST_OBLIG_COUNT_DROP, else _SUB) */
	[ST_OBLIG_COUNT_ADD] = "INSERT INTO obligation_count (kind, unit_id, state, n)"
			       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (kind, unit_id, state)"
			       " DO UPDATE SET n = n + excluded.n",
	[ST_OBLIG_COUNT_DROP] = "DELETE FROM obligation_count WHERE kind = ?1 AND unit_id = ?2"
				" AND state = ?3 AND n = ?4",
	[ST_OBLIG_COUNT_SUB] = "UPDATE obligation_count SET n = n - ?4 WHERE kind = ?1"
			       " AND unit_id = ?2 AND state = ?3 AND n > ?4",
	[ST_OBLIG_COUNTS_MARK] = "INSERT OR REPLACE INTO meta (key, value)"
				 " VALUES ('obligation_counts_day', ?1)",
	/* the kept verdicts (schema 0038, store_verdict.h) */
	[ST_VERDICT_NOTICES_MISSING] = "SELECT n.id FROM notice n WHERE NOT EXISTS (SELECT 1 FROM"
				       " notice_verdict v WHERE v.notice_id = n.id) ORDER BY n.id",
	[ST_VERDICT_INCIDENTS_MISSING] = "SELECT x.id FROM incident x LEFT JOIN incident_verdict v ON"
					 " v.incident_id = x.id WHERE v.incident_id IS NULL OR"
					 " (v.volatile = 0 AND v.valid_until <= ?1) ORDER BY x.id",
	[ST_NOTICE_VERDICT_PUT] = "INSERT OR REPLACE INTO notice_verdict (notice_id, stage, due,"
				  " feedback_at) VALUES (?1, ?2, ?3, ?4)",
	[ST_INCIDENT_VERDICT_PUT] = "INSERT OR REPLACE INTO incident_verdict (incident_id, grade,"
				    " class_code, ended, report_required, report_due, reported_at,"
				    " fired, questions, valid_until, volatile, draft, summary_due,"
				    " summary_at, graded, case_stage) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
				    " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	/* ?1 the incident: its verdict (0043, 0047) */
	[ST_INCIDENT_VERDICT_GET] = "SELECT grade, ended, report_required, report_due, reported_at,"
				    " fired, questions, valid_until, draft, summary_due, summary_at,"
				    " volatile, graded, case_stage FROM incident_verdict"
				    " WHERE incident_id = ?1",
	/* ?1 the scope, ?2 today, ?3 this year (text): stage, state, month of this year (0: another
	 * year), count */
	[ST_NOTICE_TALLY] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT v.stage, " NOTICE_STATE(
		"?2") ", CASE WHEN substr(n.received_at, 1, 4) = ?3 THEN CAST(substr(n.received_at,"
		" 6, 2) AS INTEGER) ELSE 0 END, count(*) FROM notice n JOIN notice_verdict v ON"
		" v.notice_id = n.id WHERE ?1 IS NULL OR " NOTICE_CONCERNS("sc") " GROUP BY 1, 2, 3",
	[ST_NOTICE_TALLY_LATE] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT n.code, nu.code,"
				 " v.due FROM notice_verdict v JOIN notice n ON n.id = v.notice_id"
				 " LEFT JOIN unit nu ON nu.id = n.unit_id WHERE v.feedback_at IS NULL"
				 " AND v.due < ?2 AND (?1 IS NULL OR " NOTICE_CONCERNS("sc") ")"
				 " ORDER BY v.due, n.id LIMIT ?3",
	[ST_NOTICE_TALLY_UNKEPT] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT count(*) FROM"
				   " notice n WHERE NOT EXISTS (SELECT 1 FROM notice_verdict v WHERE"
				   " v.notice_id = n.id) AND (?1 IS NULL OR " NOTICE_CONCERNS("sc")
				   ")",
	/* ?1 the scope, ?2 now: grade, class, ended, report required, report state, fired, open
	 * questions, count, the least id — of the verdicts that hold */
	[ST_INCIDENT_TALLY] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT v.grade,"
			      " coalesce(v.class_code, 'none'), v.ended, v.report_required,"
			      " CASE WHEN v.reported_at IS NOT NULL AND v.reported_at <= ?2 THEN CASE"
			      " WHEN v.reported_at <= v.report_due THEN 3 ELSE 4 END WHEN ?2 >"
			      " v.report_due THEN 2 ELSE 0 END, v.fired > 0, sum(v.questions),"
			      " count(*), min(x.id) FROM incident x JOIN incident_verdict v ON"
			      " v.incident_id = x.id WHERE v.volatile = 0 AND (v.valid_until IS NULL"
			      " OR v.valid_until > ?2) AND (?1 IS NULL OR " INCIDENT_CONCERNS("sc")
			      ") GROUP BY 1, 2, 3, 4, 5, 6",
	[ST_INCIDENT_TALLY_UNKEPT] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT x.id FROM"
				     " incident x LEFT JOIN incident_verdict v ON v.incident_id ="
				     " x.id WHERE (v.incident_id IS NULL OR v.volatile = 1 OR"
				     " v.valid_until <= ?2) AND (?1 IS NULL OR "
				     INCIDENT_CONCERNS("sc") ") ORDER BY x.id",
	/* a page of the notices in one state at ?5 (today), through the index of the state */
	NOTICE_STATE_PAGE(DUE_OPEN, "feedback_at IS NULL AND due > ?5"),
	NOTICE_STATE_PAGE(DUE_TODAY, "feedback_at IS NULL AND due = ?5"),
	NOTICE_STATE_PAGE(DUE_OVERDUE, "feedback_at IS NULL AND due < ?5"),
	NOTICE_STATE_PAGE(DUE_DONE_ON_TIME, "feedback_at IS NOT NULL AND (due IS NULL OR"
					    " substr(feedback_at, 1, 10) <= due)"),
	NOTICE_STATE_PAGE(DUE_DONE_LATE, "feedback_at IS NOT NULL AND substr(feedback_at, 1, 10) >"
					 " due"),
	NOTICE_STATE_PAGE(DUE_NO_DEADLINE, "feedback_at IS NULL AND due IS NULL"),
	/* evidence files (schema 0013) */
	[ST_EVIDENCE_BLOB_ADD] = "INSERT INTO evidence_blob (sm3, size, bytes) VALUES (?1, ?2, ?3)"
				 " ON CONFLICT (sm3) DO NOTHING",
	[ST_EVIDENCE_ADD] = "INSERT INTO evidence (owner_kind, owner_id, name, type, size, sm3,"
			    " added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_EVIDENCE_GET] = EVIDENCE_COLS " WHERE id = ?1",
	[ST_EVIDENCE_LIST] = EVIDENCE_COLS " WHERE owner_kind = ?1 AND owner_id = ?2 ORDER BY id",
	[ST_EVIDENCE_BLOB_ID] = "SELECT id, size FROM evidence_blob WHERE sm3 = ?1",
	[ST_EVIDENCE_WITHDRAW] = "UPDATE evidence SET withdrawn_at = ?2, withdrawn_by = ?3,"
				 " withdraw_reason = ?4 WHERE id = ?1 AND withdrawn_at IS NULL",
	/* yearly assessments (0022): a sheet's own columns (assess_cols reads them), the template's
	 * source only where one sheet is read, and whether it is its unit's latest version */
#define ASSESS_COLS(src)                                                                           \
	"s.id, s.unit_id, u.code, u.name, s.year, s.version, s.template, t.template_id, " src       \
	", s.stage, s.total, s.grade, s.vetoed, s.supersedes, s.opened_at, s.opened_by, NOT EXISTS" \
	" (SELECT 1 FROM assessment s2 WHERE s2.unit_id = s.unit_id AND s2.year = s.year AND"      \
	" s2.version > s.version)"
#define ASSESS_FROM                                                                                \
	"assessment s JOIN unit u ON u.id = s.unit_id JOIN assess_template t ON t.id = s.template"
#define ASSESS_LATEST(s)                                                                           \
	"NOT EXISTS (SELECT 1 FROM assessment l WHERE l.unit_id = " s ".unit_id AND l.year = " s   \
	".year AND l.version > " s ".version)"
/* The records behind a computed indicator: ?1 the unit (its subtree), ?2 the year as text, ?3
 * a record kind or roles "a|b", ?4 the day; rows (kind, id, code, label, ok, a, b). */
#define ASSESS_SRC(sel) "WITH RECURSIVE " SUBTREE("sc", "?1") " " sel
#define ASSESS_UNITS_OK(ok)                                                                        \
	ASSESS_SRC("SELECT 'unit', u.id, u.code, u.name, " ok ", 0, 0 FROM unit u WHERE u.id IN"    \
		   " (SELECT id FROM sc) AND u.kind IN ('department', 'tech_support_centre',"        \
		   " 'leading_group_office') ORDER BY u.id")
	[ST_ASSESS_TPL_ADD] = "INSERT INTO assess_template (template_id, source) VALUES (?1, ?2)"
			      " ON CONFLICT (source) DO NOTHING",
	[ST_ASSESS_TPL_ID] = "SELECT id FROM assess_template WHERE source = ?1",
	[ST_ASSESS_ADD] = "INSERT INTO assessment (unit_id, year, version, template, stage, total,"
			  " grade, vetoed, supersedes, opened_at, opened_by) VALUES (?1, ?2, ?3, ?4,"
			  " ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_ASSESS_GET] = "SELECT " ASSESS_COLS("t.source") " FROM " ASSESS_FROM " WHERE s.id = ?1",
	[ST_ASSESS_LATEST] = "SELECT " ASSESS_COLS("t.source") " FROM " ASSESS_FROM
			     " WHERE s.unit_id = ?1 AND s.year = ?2 ORDER BY s.version DESC LIMIT 1",
	[ST_ASSESS_WITHIN] = "WITH RECURSIVE " SUBTREE("sc", "?2") " SELECT EXISTS (SELECT 1 FROM"
			     " assessment s WHERE s.id = ?1 AND (?2 IS NULL OR s.unit_id IN (SELECT"
			     " id FROM sc)))",
	[ST_ASSESS_PAGE] = "WITH RECURSIVE " SUBTREE("sc", "?1") ", " SUBTREE("fl", "?2")
			   " SELECT " ASSESS_COLS("NULL") " FROM " ASSESS_FROM " WHERE s.id > ?5"
			   " AND (?1 IS NULL OR s.unit_id IN (SELECT id FROM sc)) AND (?2 IS NULL OR"
			   " s.unit_id IN (SELECT id FROM fl)) AND (?3 IS NULL OR s.year = ?3) AND"
			   " (?4 IS NULL OR s.stage = ?4) AND " ASSESS_LATEST("s")
			   " ORDER BY s.id LIMIT ?6",
	[ST_ASSESS_UPDATE] = "UPDATE assessment SET stage = ?2, total = ?3, grade = ?4, vetoed = ?5"
			     " WHERE id = ?1",
	[ST_ASSESS_VALUE_PUT] = "INSERT OR REPLACE INTO assessment_value (assessment_id, indicator,"
				" kind, n, d, exempt_reason, note, computed, proof, at, by_whom)"
				" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_ASSESS_VALUES] = "SELECT indicator, kind, n, d, exempt_reason, note, computed, proof, at,"
			     " by_whom FROM assessment_value WHERE assessment_id = ?1 ORDER BY"
			     " indicator",
	[ST_ASSESS_STEP_ADD] = "INSERT INTO assessment_step (assessment_id, kind, from_stage,"
			       " to_stage, at, by_whom, comment, total, grade) VALUES (?1, ?2, ?3,"
			       " ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_ASSESS_STEPS] = "SELECT id, kind, from_stage, to_stage, at, by_whom, comment, total, grade"
			    " FROM assessment_step WHERE assessment_id = ?1 ORDER BY id",
	[ST_ASSESS_RANKING] = "WITH RECURSIVE " SUBTREE("sc", "?1") " SELECT " ASSESS_COLS("NULL")
			      ", p.id, p.total, p.grade, p.stage FROM " ASSESS_FROM
			      " LEFT JOIN assessment p ON p.unit_id = s.unit_id AND p.year = ?2 - 1"
			      " AND " ASSESS_LATEST("p") " WHERE s.year = ?2 AND (?1 IS NULL OR"
			      " s.unit_id IN (SELECT id FROM sc)) AND " ASSESS_LATEST("s")
			      " ORDER BY s.total IS NULL, s.vetoed, s.total DESC, u.code LIMIT ?3",
	[ST_ASSESS_SRC0 + ASRC_RECORDS] = ASSESS_SRC(
		"SELECT 'record', r.id, NULL, r.on_date || ' ' || r.title, 1, 0, 0 FROM record r"
		" WHERE r.unit_id IN (SELECT id FROM sc) AND r.kind = ?3 AND substr(r.on_date, 1, 4)"
		" = ?2 AND r.voided_at IS NULL ORDER BY r.id"),
	[ST_ASSESS_SRC0 + ASRC_UNITS_RECORD] = ASSESS_UNITS_OK(
		"EXISTS (SELECT 1 FROM record r WHERE r.unit_id = u.id AND r.kind = ?3 AND"
		" substr(r.on_date, 1, 4) = ?2 AND r.voided_at IS NULL)"),
	[ST_ASSESS_SRC0 + ASRC_UNITS_ROLE] = ASSESS_UNITS_OK(
		"EXISTS (SELECT 1 FROM duty d WHERE d.unit_id = u.id AND instr('|' || ?3 || '|', '|'"
		" || d.role || '|') > 0 AND d.valid_from <= ?4 AND (d.valid_to IS NULL OR d.valid_to"
		" >= ?4))"),
	[ST_ASSESS_SRC0 + ASRC_NOTICES] = ASSESS_SRC(
		"SELECT 'notice', n.id, n.code, n.authority, 0, 0, 0 FROM notice n WHERE "
		NOTICE_CONCERNS("sc") " AND n.received_at >= ?2 || '-01-01' AND n.received_at <"
		" printf('%04d-01-01', ?2 + 1) ORDER BY n.id"),
	[ST_ASSESS_SRC0 + ASRC_INCIDENTS] = ASSESS_SRC(
		"SELECT 'incident', x.id, x.code, coalesce(x.title, ''), 0, 0, 0 FROM incident x WHERE "
		INCIDENT_CONCERNS("sc") " AND x.detected_at >= ?2 || '-01-01' AND x.detected_at <"
		" printf('%04d-01-01', ?2 + 1) ORDER BY x.id"),
	[ST_ASSESS_SRC0 + ASRC_MLPS_FILED] = ASSESS_SRC(
		"SELECT 'asset', a.id, a.code, a.name, a.filed_on IS NOT NULL AND a.filed_on <= ?4, 0,"
		" 0 FROM asset a WHERE a.mlps_level >= 2 AND a.status = 'live' AND coalesce("
		"a.manager_unit, a.operator_unit, a.user_unit, a.builder_unit) IN (SELECT id FROM sc)"
		" ORDER BY a.id"),
	[ST_ASSESS_SRC0 + ASRC_MLPS_ASSESSED] = ASSESS_SRC(
		"SELECT 'asset', a.id, a.code, a.name, coalesce(substr(a.assessed_on, 1, 4) = ?2, 0),"
		" 0, 0 FROM asset a WHERE a.mlps_level >= 3 AND a.status = 'live' AND coalesce("
		"a.manager_unit, a.operator_unit, a.user_unit, a.builder_unit) IN (SELECT id FROM sc)"
		" ORDER BY a.id"),
	[ST_ASSESS_SRC0 + ASRC_GAPS] = ASSESS_SRC(
		"SELECT 'gap', g.id, g.subject, g.message, 1, 0, 0 FROM gap g WHERE g.unit_id IN"
		" (SELECT id FROM sc) OR g.asset_id IN (SELECT a.id FROM asset a WHERE coalesce("
		"a.manager_unit, a.operator_unit, a.user_unit, a.builder_unit) IN (SELECT id FROM sc))"
		" OR g.project_id IN (SELECT p.id FROM project p WHERE p.unit_id IN (SELECT id FROM"
		" sc)) ORDER BY g.id"),
	[ST_ASSESS_SRC0 + ASRC_PROJECTS] = ASSESS_SRC(
		"SELECT 'project', p.id, p.code, p.name, 1, p.security_budget, p.total_budget FROM"
		" project p WHERE p.unit_id IN (SELECT id FROM sc) AND p.year = CAST(?2 AS INTEGER)"
		" ORDER BY p.id"),
	/* what a person holds duties for, through duty_person */
	[ST_PERSON_POSTS] = "SELECT DISTINCT coalesce(unit_id, 0), coalesce(asset_id, 0) FROM duty"
			    " WHERE person_id = ?1 ORDER BY 1, 2",
	/* the terms held for unit ?1 (of role ?2 when not NULL), by role then first day (the
	 * index duty_unit), with the holder's name */
	[ST_DUTIES_HELD] = "SELECT " DUTY_COLS ", dp.name FROM " DUTY_FROM " WHERE d.unit_id = ?1"
			   " AND (?2 IS NULL OR d.role = ?2) ORDER BY d.role, d.valid_from, d.id",
	[ST_ACCOUNT_MUST_CHANGE] = "UPDATE account SET must_change = 1 WHERE id = ?1",
	/* reminders and notifications (schema 0020) */
	[ST_NOTIFY_CHANNEL_ADD] = "INSERT INTO notify_channel (name, kind, target, secret, config,"
				  " enabled, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
				  " ?7, ?8)",
	[ST_NOTIFY_CHANNEL_UPDATE] = "UPDATE notify_channel SET name = ?2, kind = ?3, target = ?4,"
				     " secret = ?5, config = ?6, enabled = ?7, changed_at = ?8,"
				     " changed_by = ?9 WHERE id = ?1",
	[ST_NOTIFY_CHANNEL_GET] = NOTIFY_CHANNEL_COLS " WHERE id = ?1",
	[ST_NOTIFY_CHANNEL_LIST] = NOTIFY_CHANNEL_COLS " ORDER BY id",
	[ST_NOTIFY_PREF_SET] = "INSERT INTO notify_pref (account_id, channel_id, address)"
			       " VALUES (?1, ?2, ?3) ON CONFLICT (account_id, channel_id)"
			       " DO UPDATE SET address = excluded.address",
	[ST_NOTIFY_PREF_DEL] = "DELETE FROM notify_pref WHERE account_id = ?1 AND channel_id = ?2",
	[ST_NOTIFY_PREF_LIST] = "SELECT p.account_id, p.channel_id, p.address, c.kind, c.enabled"
				" FROM notify_pref p JOIN notify_channel c ON c.id = p.channel_id"
				" WHERE p.account_id = ?1 ORDER BY p.channel_id",
	[ST_NOTIFY_ADD] = "INSERT INTO notify_message (key, account_id, channel_id, address, rule,"
			  " level, unit_id, subject, body, link, created_at, state, next_at,"
			  " sent_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
			  " ?13, ?14) ON CONFLICT (key) DO NOTHING",
	[ST_NOTIFY_KNOWN] = "SELECT 1 FROM notify_message WHERE key = ?1",
	[ST_NOTIFY_INBOX] = NOTIFY_COLS " WHERE m.account_id = ?1 AND m.channel_id IS NULL"
				       " AND (?2 IS NULL OR m.id < ?2)"
				       " AND (?3 = 0 OR m.read_at IS NULL) ORDER BY m.id DESC LIMIT ?4",
	[ST_NOTIFY_UNREAD] = "SELECT count(*) FROM notify_message WHERE account_id = ?1"
			     " AND channel_id IS NULL AND read_at IS NULL",
	[ST_NOTIFY_MARK] = "UPDATE notify_message SET read_at = ?3 WHERE id = ?2"
			   " AND account_id = ?1 AND channel_id IS NULL",
	[ST_NOTIFY_OUTBOX] = NOTIFY_COLS " WHERE m.channel_id IS NOT NULL"
					" AND (?1 IS NULL OR m.state = ?1) AND (?2 IS NULL OR m.id < ?2)"
					" ORDER BY m.id DESC LIMIT ?3",
	[ST_NOTIFY_DUE] = NOTIFY_COLS " WHERE m.state = 'pending' AND m.next_at <= ?1"
				     " AND (m.lease_until IS NULL OR m.lease_until <= ?1)"
				     " ORDER BY m.next_at, m.id LIMIT ?2",
	[ST_NOTIFY_CLAIM] = "UPDATE notify_message SET lease_until = ?3 WHERE id = ?1"
			    " AND state = 'pending' AND (lease_until IS NULL OR lease_until <= ?2)",
	[ST_NOTIFY_OUTCOME] = "UPDATE notify_message SET state = ?2, tries = ?3, next_at = ?4,"
			      " sent_at = ?5, last_error = ?6, lease_until = NULL WHERE id = ?1",
	[ST_NOTIFY_SENT_SINCE] = "SELECT count(*) FROM notify_message WHERE channel_id = ?1"
				 " AND state = 'sent' AND sent_at > ?2",
	[ST_NOTIFY_ACCOUNTS] = "WITH RECURSIVE up(id, depth) AS (SELECT ?2, 0 UNION ALL"
			       " SELECT u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.id"
			       " WHERE u.parent_id IS NOT NULL AND up.depth < 64)"
			       " SELECT a.id, a.name FROM account a WHERE a.role = ?1"
			       " AND a.disabled = 0 AND a.unit_id IN (SELECT id FROM up) ORDER BY a.id",
	/* a new notice's 举一反三 counts, once for its list (schema 0041) */
	[ST_NOTICE_SIMILAR_COUNTS] = "UPDATE notice SET similar_open = similar_open + ?2,"
				     " similar_listed = similar_listed + ?2 WHERE id = ?1",
	[ST_NOTIFY_GEN] = "SELECT n FROM notify_generation", /* schema 0040 */
	/* a notice received in (?1, ?2]: through notice_received (schema 0022) */
	[ST_NOTICE_RECEIVED_IN] = "SELECT EXISTS (SELECT 1 FROM notice WHERE received_at > ?1"
				  " AND received_at <= ?2)",
	[ST_NOTIFY_HOLDER] = "WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL"
			     " SELECT u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.id"
			     " WHERE u.parent_id IS NOT NULL AND up.depth < 64)"
			     " SELECT p.name, u.name FROM up JOIN duty d ON d.unit_id = up.id"
			     " AND d.role = ?2 AND d.valid_from <= ?3"
			     " AND (d.valid_to IS NULL OR d.valid_to >= ?3)"
			     " JOIN person p ON p.id = d.person_id JOIN unit u ON u.id = up.id"
			     " ORDER BY up.depth, d.id LIMIT 1",
};

struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *st[STMT__MAX];
	/* asset pages by sort, direction and whether after a cursor, prepared on use */
	sqlite3_stmt *page[ASORT__MAX][2][2];
	char *path;
	int in_tx;
	bool writing; /* holds `writers` (a write transaction of this process is open) */
	bool group;   /* a group's transaction is open (store_group_begin): in_tx is the act's
		       * savepoint within it */
	bool group_read; /* in a group, in_tx stands for a read, which opened nothing */
	bool group_cache; /* the page cache of a group's connection is set */
	long counted; /* store_sqlite_count's steps, by hundreds */
	/* the gaps the last clearing of one system's, unit's or project's deleted: a gap found
	 * again in the same act takes its id back, so a list in the order gaps were kept stays
	 * as it was (sq_gaps_clear_of, sq_gap_add) */
	struct gap_gone {
		int64_t id;
		char *key; /* GAP_GONE's identity; NULL once taken back */
	} *gone;
	size_t ngone, capgone;
	/* what a kept write changes of the dashboard's counts of obligations (schema 0039, 0051),
	 * gathered from what its deletions and insertions answer and written at its end
	 * (counts_open, counted_step, counts_close); cday "" when no counts are kept */
	char cday[11];
	struct count_delta {
		char kind[24];
		int64_t unit;
		int state;
		int64_t n;
	} *delta;
	size_t ndelta, capdelta;
};

/* The write transactions of this process's connections take turns here, each waiting blocked
 * until the one before it ends: SQLite lets one writer in at a time and a connection refused
 * the lock retries by sleeping (busy_timeout) — under a steady load a thread could sleep through
 * other threads' writes for seconds and give up. Other processes are still waited for by
 * busy_timeout. */
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;

static void write_done(struct sq *q)
{
	if (q->writing) {
		q->writing = false;
		pthread_mutex_unlock(&writers);
	}
}

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

/* insert runs a bound INSERT and sets *id to the new row's id. */
static enum cd_err insert(struct sq *q, enum stmt s, struct cd_diag *d, const char *what,
			  int64_t *id)
{
	enum cd_err rc = run(q, s, d, what);

	if (!rc)
		*id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

/* change runs a bound UPDATE of one record: CD_ENOTFOUND ("no such `what`") when none matched. */
static enum cd_err change(struct sq *q, enum stmt s, struct cd_diag *d, const char *what)
{
	enum cd_err rc = run(q, s, d, what);

	if (!rc && sqlite3_changes(q->db) == 0)
		rc = cd_diag_set(d, CD_ENOTFOUND, "no such %s", what);
	return rc;
}

static int cmp_embed(const void *a, const void *b)
{
	return strcmp((*(const struct embed_file *const *)a)->name,
		      (*(const struct embed_file *const *)b)->name);
}

/* migration_number: "schema/sqlite/0001_init.sql" → 1 (0: not a numbered file). */
static int migration_number(const struct embed_file *f)
{
	const char *p = f->name + 14;

	return p[0] >= '0' && p[0] <= '9' && p[4] == '_' ? (int)strtol(p, NULL, 10) : 0;
}

/* int_of runs sql (one integer column, at most one row) into *out (0: no row). */
static enum cd_err int_of(struct sq *q, const char *sql, int *out, struct cd_diag *d)
{
	sqlite3_stmt *st;
	int r;

	*out = 0;
	if (sqlite3_prepare_v2(q->db, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(q, d, "reading the schema's version");
	if ((r = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? CD_OK : db_fail(q, d, "reading the schema's version");
}

/* book_make makes the runner's book of applied migrations, in a transaction of its own (another
 * connection may be opening the same database): a database from before the book has every
 * number up to its user_version applied (files[0..n), in order). */
static enum cd_err book_make(struct sq *q, const struct embed_file *const *files, size_t n,
			     struct cd_diag *d)
{
	sqlite3_stmt *st = NULL;
	int have = 0, made = 0;
	enum cd_err rc = CD_OK;

	if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(q, d, "making the book of migrations");
	rc = int_of(q, "SELECT 1 FROM sqlite_master WHERE name = 'schema_migration'", &made, d);
	if (!rc && !made)
		rc = int_of(q, "PRAGMA user_version", &have, d);
	if (!rc && !made &&
	    (sqlite3_exec(q->db, "CREATE TABLE schema_migration (version INTEGER PRIMARY KEY)",
			  NULL, NULL, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(q->db, "INSERT INTO schema_migration (version) VALUES (?1)", -1,
				&st, NULL) != SQLITE_OK))
		rc = db_fail(q, d, "making the book of migrations");
	for (size_t i = 0; !rc && !made && i < n && migration_number(files[i]) <= have; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int(st, 1, migration_number(files[i]));
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = db_fail(q, d, "filling the book of migrations");
	}
	sqlite3_finalize(st);
	if (!rc && sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(q, d, "making the book of migrations");
	if (rc)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* migrate applies every schema/sqlite/NNNN_*.sql file not yet applied, in number order, each in
 * its own transaction together with its entry in the runner's book `schema_migration` and PRAGMA
 * user_version (the highest number applied). The book, not the highest number, says what is
 * applied: a database made by a build that had a later migration but not an earlier one (two
 * branches' migrations) gets the earlier one too, where going by the highest number skipped it.
 * A number in the book this program does not have (a newer or another build's) refuses the
 * database, as a user_version above every number known does. An open that finds every migration
 * applied only reads. */
static enum cd_err migrate(struct sq *q, struct cd_diag *d)
{
	const struct embed_file **files = calloc(embed_nfiles ? embed_nfiles : 1, sizeof *files);
	bool *applied = calloc(embed_nfiles ? embed_nfiles : 1, sizeof *applied);
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	int have = 0, top = 0, unknown = 0, made = 0;
	char *err = NULL;
	enum cd_err rc = files && applied ? CD_OK : cd_diag_set(d, CD_ENOMEM, "out of memory");

	for (size_t i = 0; !rc && i < embed_nfiles; i++)
		if (!strncmp(embed_files[i].name, "schema/sqlite/", 14) &&
		    migration_number(&embed_files[i]))
			files[n++] = &embed_files[i];
	if (n)
		qsort(files, n, sizeof(files[0]), cmp_embed);
	if (n)
		top = migration_number(files[n - 1]);
	if (!rc)
		rc = int_of(q, "SELECT 1 FROM sqlite_master WHERE name = 'schema_migration'", &made,
			    d);
	if (!rc && !made)
		rc = book_make(q, files, n, d);
	if (!rc)
		rc = int_of(q, "PRAGMA user_version", &have, d);
	if (!rc && sqlite3_prepare_v2(q->db, "SELECT version FROM schema_migration", -1, &st,
				      NULL) != SQLITE_OK)
		rc = db_fail(q, d, "reading the applied migrations");
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int v = sqlite3_column_int(st, 0);
		bool known = false;

		for (size_t i = 0; i < n && !known; i++)
			if ((known = migration_number(files[i]) == v))
				applied[i] = true;
		if (!known && !unknown)
			unknown = v;
	}
	sqlite3_finalize(st);
	if (!rc && (have > top || unknown))
		rc = cd_diag_set(d, CD_EVERSION,
				 "%s: the database was made by a newer or another build of cyberduty "
				 "(migration %d is not one this program has; it knows up to %d): use "
				 "that build or a newer one",
				 q->path, unknown ? unknown : have, top);
	for (size_t i = 0; !rc && i < n; i++) {
		int num = migration_number(files[i]), again = 0;
		char bump[128];

		if (applied[i])
			continue;
		/* looked up again in the migration's transaction: another connection opening the
		 * database at the same moment may have applied it */
		snprintf(bump, sizeof(bump), "SELECT 1 FROM schema_migration WHERE version = %d", num);
		if (sqlite3_exec(q->db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK)
			rc = db_fail(q, d, "applying a migration");
		if (!rc)
			rc = int_of(q, bump, &again, d);
		if (!rc && again) {
			if (sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
				rc = db_fail(q, d, "applying a migration");
			continue;
		}
		if (!rc)
			rc = int_of(q, "PRAGMA user_version", &have, d);
		snprintf(bump, sizeof(bump),
			 "INSERT INTO schema_migration (version) VALUES (%d);"
			 " PRAGMA user_version = %d",
			 num, num > have ? num : have);
		if (!rc && (sqlite3_exec(q->db, files[i]->data, NULL, NULL, &err) != SQLITE_OK ||
			    sqlite3_exec(q->db, bump, NULL, NULL, &err) != SQLITE_OK ||
			    sqlite3_exec(q->db, "COMMIT", NULL, NULL, &err) != SQLITE_OK))
			rc = cd_diag_set(d, CD_ESTORE, "%s: migration %s failed: %s", q->path,
					 files[i]->name, err ? err : sqlite3_errmsg(q->db));
		if (rc)
			sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_free(err);
		err = NULL;
	}
	free(files);
	free(applied);
	return rc;
}

/* gone_forget drops the ids of the gaps a clearing deleted (the next clearing, a transaction's
 * end). */
static void gone_forget(struct sq *q)
{
	for (size_t i = 0; i < q->ngone; i++)
		free(q->gone[i].key);
	q->ngone = 0;
}

static void sq_close(struct store *s)
{
	struct sq *q = (struct sq *)s;

	if (q->in_tx || q->group)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	write_done(q);
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(q->st[i]);
	for (int i = 0; i < ASORT__MAX; i++)
		for (int j = 0; j < 2; j++)
			for (int k = 0; k < 2; k++)
				sqlite3_finalize(q->page[i][j][k]);
	sqlite3_close(q->db);
	gone_forget(q);
	free(q->gone);
	free(q->delta);
	free(q->path);
	free(q);
}

/* exec runs SQL text of no rows (a savepoint's). */
static enum cd_err exec(struct sq *q, const char *sql, struct cd_diag *d, const char *what)
{
	return sqlite3_exec(q->db, sql, NULL, NULL, NULL) == SQLITE_OK ? CD_OK
									: db_fail(q, d, what);
}

static enum cd_err sq_begin(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	if (q->group) { /* an act of a group: its own savepoint */
		rc = exec(q, "SAVEPOINT act", d, "begin");
		q->in_tx = rc == CD_OK;
		q->group_read = false;
		return rc;
	}
	pthread_mutex_lock(&writers);
	q->writing = true;
	rc = run(q, ST_BEGIN, d, "begin");
	q->in_tx = rc == CD_OK;
	if (rc)
		write_done(q);
	return rc;
}

static enum cd_err sq_commit(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	if (q->group) { /* the act's part joins the group (kept when the group commits) */
		rc = q->in_tx && !q->group_read ? exec(q, "RELEASE act", d, "commit") : CD_OK;
		if (rc == CD_OK)
			q->in_tx = 0;
		return rc;
	}
	rc = run(q, ST_COMMIT, d, "commit");
	gone_forget(q);
	if (rc == CD_OK) {
		q->in_tx = 0;
		write_done(q);
	}
	return rc;
}

static void sq_rollback(struct store *s)
{
	struct sq *q = (struct sq *)s;

	gone_forget(q); /* their rows are back */
	if (q->group) { /* the act's part alone is undone */
		if (q->in_tx && !q->group_read)
			exec(q, "ROLLBACK TO act; RELEASE act", NULL, "rollback");
		q->in_tx = 0;
		return;
	}
	if (q->in_tx)
		run(q, ST_ROLLBACK, NULL, "rollback");
	q->in_tx = 0;
	write_done(q);
}

static enum cd_err sq_begin_read(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	if (q->group) { /* the group's transaction is the read's */
		q->in_tx = 1;
		q->group_read = true;
		return CD_OK;
	}
	rc = run(q, ST_BEGIN_READ, d, "begin");
	q->in_tx = rc == CD_OK;
	return rc;
}

static enum cd_err sq_group_begin(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	if (q->in_tx || q->group)
		return cd_diag_set(d, CD_EINVAL, "a group begins outside any transaction");
	/* the writer's connection: a page cache of 8 MiB instead of 2 (a group's changes stay in
	 * it until the commit instead of spilling into the log one by one, and the indexes its acts
	 * walk stay read); it takes what the pages read take, no more. 16 MiB took the server's
	 * peak over 64 MiB under writes at 100,000 systems for no CPU a write gained
	 * (bench/RESULTS.md "Writes' memory (session 14)"). Each act's savepoint keeps
	 * the pages it changes as they were, to undo it: in memory (a few pages an act, let go
	 * when it ends) instead of a temporary file written page by page. */
	if (!q->group_cache) {
		sqlite3_exec(q->db, "PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY", NULL,
			     NULL, NULL);
		q->group_cache = true;
	}
	rc = sq_begin(s, d);
	if (rc == CD_OK) {
		q->group = true;
		q->in_tx = 0;
	}
	return rc;
}

static enum cd_err sq_group_end(struct store *s, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = CD_OK;

	if (!q->group)
		return cd_diag_set(d, CD_EINVAL, "no group is open");
	if (q->in_tx) /* an act left open: undone, the others are kept */
		sq_rollback(s);
	q->group = false;
	q->group_read = false;
	q->in_tx = 1;
	/* an I/O error, a full disk or memory running out can make SQLite roll the whole
	 * transaction back under the acts that came after: then nothing of the group stands */
	if (sqlite3_get_autocommit(q->db))
		rc = cd_diag_set(d, CD_ESTORE, "%s: the group's transaction was lost: %s", q->path,
				 sqlite3_errmsg(q->db));
	else
		rc = sq_commit(s, d);
	if (rc)
		sq_rollback(s);
	return rc;
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

/* The bind_* functions bind a record's fields as ?1 … of its *_ADD and *_UPDATE statements
 * (which take the id after them). */
static void bind_unit(sqlite3_stmt *st, const struct unit *u)
{
	bind_text(st, 1, u->code);
	bind_text(st, 2, u->name);
	bind_id(st, 3, u->parent);
	bind_text(st, 4, unit_kind_code(u->kind));
}

static void bind_person(sqlite3_stmt *st, const struct person *p)
{
	bind_text(st, 1, p->code);
	bind_text(st, 2, p->name);
	bind_id(st, 3, p->unit);
	bind_text(st, 4, p->title);
	bind_text(st, 5, p->phone);
	bind_text(st, 6, p->email);
}

static void bind_duty(sqlite3_stmt *st, const struct duty *du)
{
	bind_text(st, 1, role_code(du->role));
	bind_id(st, 2, du->person);
	bind_id(st, 3, du->unit);
	bind_id(st, 4, du->asset);
	bind_date(st, 5, du->from);
	bind_date(st, 6, du->to);
	bind_text(st, 7, du->note);
}

static void bind_project(sqlite3_stmt *st, const struct project *p)
{
	bind_text(st, 1, p->code);
	bind_text(st, 2, p->name);
	bind_id(st, 3, p->unit);
	sqlite3_bind_int(st, 4, p->year);
	sqlite3_bind_int64(st, 5, p->total);
	sqlite3_bind_int64(st, 6, p->security);
}

static void bind_asset(sqlite3_stmt *st, const struct asset *a)
{
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
	bind_text(st, 22, a->software);
	for (int q = 0; q < QUAL__MAX; q++) {
		if (a->qual[q] == QUAL_UNSET)
			sqlite3_bind_null(st, 23 + q);
		else
			sqlite3_bind_int(st, 23 + q, a->qual[q] == QUAL_YES);
	}
}

static void bind_record(sqlite3_stmt *st, const struct record *r)
{
	bind_text(st, 1, record_kind_code(r->kind));
	bind_id(st, 2, r->unit);
	bind_date(st, 3, r->on);
	bind_text(st, 4, r->duty);
	bind_text(st, 5, r->period);
	bind_text(st, 6, r->title);
	bind_text(st, 7, r->participants);
	bind_text(st, 8, r->minutes);
	bind_text(st, 9, r->attachment);
}

/* store_*_add and store_*_update of the records with a bind_* function: bind the fields, then
 * insert a new row (its id set) or write them over the row with the record's id (the parameter
 * after the fields). One definition for six kinds, which differ only in these names. */
#define ADD_UPDATE(kind, type, add, update, nfields)                                               \
	static enum cd_err sq_##kind##_add(struct store *s, type *r, struct cd_diag *d)            \
	{                                                                                          \
		struct sq *q = (struct sq *)s;                                                     \
                                                                                                   \
		bind_##kind(q->st[add], r);                                                        \
		return insert(q, add, d, #kind, &r->id);                                           \
	}                                                                                          \
	static enum cd_err sq_##kind##_update(struct store *s, const type *r, struct cd_diag *d)   \
	{                                                                                          \
		struct sq *q = (struct sq *)s;                                                     \
                                                                                                   \
		bind_##kind(q->st[update], r);                                                     \
		sqlite3_bind_int64(q->st[update], (nfields) + 1, r->id);                           \
		return change(q, update, d, #kind);                                                \
	}
ADD_UPDATE(unit, struct unit, ST_UNIT_ADD, ST_UNIT_UPDATE, 4)
ADD_UPDATE(person, struct person, ST_PERSON_ADD, ST_PERSON_UPDATE, 6)
ADD_UPDATE(asset, struct asset, ST_ASSET_ADD, ST_ASSET_UPDATE, 22 + QUAL__MAX)
ADD_UPDATE(duty, struct duty, ST_DUTY_ADD, ST_DUTY_UPDATE, 7)
ADD_UPDATE(project, struct project, ST_PROJECT_ADD, ST_PROJECT_UPDATE, 6)
ADD_UPDATE(record, struct record, ST_RECORD_ADD, ST_RECORD_UPDATE, 9)

static const char *col_str(struct arena *a, sqlite3_stmt *st, int i);

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

/* The asset's own columns in ASSET_COLS, *_ALL and *_SOME; its units' codes follow. */
#define ASSET_OWN_COLS (23 + QUAL__MAX)

/* asset_row reads the asset columns of ASSET_COLS (the first ASSET_OWN_COLS) into the asset
 * out, text into arena ar. */
static void asset_row(struct arena *ar, sqlite3_stmt *st, void *out)
{
	struct asset *a = out;

	a->id = sqlite3_column_int64(st, 0);
	a->code = col_str(ar, st, 1);
	a->name = col_str(ar, st, 2);
	a->kind = (enum asset_kind)col_enum(st, 3, asset_kind_parse);
	a->url = col_str(ar, st, 4);
	a->rel[REL_BUILDER] = sqlite3_column_int64(st, 5);
	a->rel[REL_USER] = sqlite3_column_int64(st, 6);
	a->rel[REL_MANAGER] = sqlite3_column_int64(st, 7);
	a->rel[REL_OPERATOR] = sqlite3_column_int64(st, 8);
	a->maintainer = col_str(ar, st, 9);
	a->mlps_level = sqlite3_column_int(st, 10);
	a->graded_on = col_date(st, 11);
	a->filing_no = col_str(ar, st, 12);
	a->filed_on = col_date(st, 13);
	a->assessed_on = col_date(st, 14);
	a->assess_result = (enum assess_result)col_enum(st, 15, assess_result_parse);
	a->cii = sqlite3_column_int(st, 16);
	a->internet_facing = sqlite3_column_int(st, 17);
	a->personal_info = sqlite3_column_int(st, 18);
	a->protection_installed = sqlite3_column_int(st, 19);
	a->status = (enum asset_status)col_enum(st, 20, asset_status_parse);
	a->admin_level = col_str(ar, st, 21);
	a->software = col_str(ar, st, 22);
	for (int q = 0; q < QUAL__MAX; q++)
		a->qual[q] = sqlite3_column_type(st, 23 + q) == SQLITE_NULL ? QUAL_UNSET
			     : sqlite3_column_int(st, 23 + q)		   ? QUAL_YES
									   : QUAL_NO;
}

/* The *_cols functions read a record's own columns, in the order of its *_ALL statement (which
 * the *_COLS of the server's statements begin with), text into arena ar. */
static void unit_cols(struct arena *ar, sqlite3_stmt *st, void *out)
{
	struct unit *u = out;

	u->id = sqlite3_column_int64(st, 0);
	u->code = col_str(ar, st, 1);
	u->name = col_str(ar, st, 2);
	u->parent = sqlite3_column_int64(st, 3);
	u->kind = (enum unit_kind)col_enum(st, 4, unit_kind_parse);
}

static void person_cols(struct arena *ar, sqlite3_stmt *st, void *out)
{
	struct person *p = out;

	p->id = sqlite3_column_int64(st, 0);
	p->code = col_str(ar, st, 1);
	p->name = col_str(ar, st, 2);
	p->unit = sqlite3_column_int64(st, 3);
	p->title = col_str(ar, st, 4);
	p->phone = col_str(ar, st, 5);
	p->email = col_str(ar, st, 6);
}

static void duty_cols(struct arena *ar, sqlite3_stmt *st, void *out)
{
	struct duty *du = out;

	du->id = sqlite3_column_int64(st, 0);
	du->role = (enum role)col_enum(st, 1, role_parse);
	du->person = sqlite3_column_int64(st, 2);
	du->unit = sqlite3_column_int64(st, 3);
	du->asset = sqlite3_column_int64(st, 4);
	du->from = col_date(st, 5);
	du->to = col_date(st, 6);
	du->note = col_str(ar, st, 7);
}

static void project_cols(struct arena *ar, sqlite3_stmt *st, void *out)
{
	struct project *pr = out;

	pr->id = sqlite3_column_int64(st, 0);
	pr->code = col_str(ar, st, 1);
	pr->name = col_str(ar, st, 2);
	pr->unit = sqlite3_column_int64(st, 3);
	pr->year = sqlite3_column_int(st, 4);
	pr->total = sqlite3_column_int64(st, 5);
	pr->security = sqlite3_column_int64(st, 6);
}

static enum cd_err sq_rows_bound(struct store *s, enum store_rows which, size_t *n,
				 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSET_BOUND];
	enum cd_err rc = CD_OK;

	*n = 0;
	if (which != ROWS_ASSETS)
		return CD_OK;
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	else
		rc = db_fail(q, d, "counting the systems");
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_structure_gen(struct store *s, int64_t *gen, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_STRUCTURE_GEN];
	enum cd_err rc = CD_OK;

	*gen = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		*gen = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(q, d, "generation");
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_notices_on(struct store *s, const int64_t *assets, size_t n,
				 struct arena *a, int64_t **out, size_t *nout, struct cd_diag *d);

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

static int bind_time(sqlite3_stmt *st, int i, cd_time t)
{
	char buf[26];

	return t == CD_TIME_NONE ? sqlite3_bind_null(st, i)
				 : sqlite3_bind_text(st, i, time_format(t, buf), -1, SQLITE_TRANSIENT);
}

static cd_time col_time(sqlite3_stmt *st, int i)
{
	cd_time t;
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s && time_parse(s, false, &t) ? t : CD_TIME_NONE;
}

/* col_str copies a text column into arena a; NULL stays NULL. */
static const char *col_str(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

static enum cd_err sq_meta_get(struct store *s, const char *key, char **value, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_META_GET];
	enum cd_err rc = CD_OK;
	int step;

	*value = NULL;
	bind_text(st, 1, key);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		if (!(*value = dup_col(st, 0, NULL)))
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	} else if (step == SQLITE_DONE) {
		rc = cd_diag_set(d, CD_ENOTFOUND, "no setting %s", key);
	} else {
		rc = db_fail(q, d, "reading a setting");
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static enum cd_err sq_meta_set(struct store *s, const char *key, const char *value,
			       struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	bind_text(q->st[ST_META_SET], 1, key);
	bind_text(q->st[ST_META_SET], 2, value);
	return run(q, ST_META_SET, d, "setting");
}

static char *id_array(const int64_t *ids, size_t n, int *len);

static enum cd_err sq_notice_add(struct store *s, struct notice *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_ADD];
	enum cd_err rc;

	bind_text(st, 1, n->code);
	bind_text(st, 2, n->authority);
	bind_time(st, 3, n->received_at);
	bind_id(st, 4, n->unit);
	bind_text(st, 5, n->category);
	bind_text(st, 6, n->text);
	bind_text(st, 7, n->attachment);
	bind_date(st, 8, n->stated_due);
	sqlite3_bind_int64(st, 9,
			   (sqlite3_int64)(n->similar_total > n->nsimilar ? n->similar_total
									  : n->nsimilar));
	if ((rc = run(q, ST_NOTICE_ADD, d, "notice")))
		return rc;
	n->id = sqlite3_last_insert_rowid(q->db);
	for (size_t i = 0; !rc && i < n->nassets; i++) {
		sqlite3_bind_int64(q->st[ST_NOTICE_ASSET_ADD], 1, n->id);
		sqlite3_bind_int64(q->st[ST_NOTICE_ASSET_ADD], 2, n->assets[i]);
		rc = run(q, ST_NOTICE_ASSET_ADD, d, "notice asset");
	}
	if (!rc && n->nsimilar) {
		int64_t *packed = malloc(n->nsimilar * sizeof *packed);
		char *list = NULL;
		int len = 0;

		for (size_t i = 0; packed && i < n->nsimilar; i++)
			packed[i] = n->similar[i].asset * 8 + /* beyond 7: 0, refused by the CHECK */
				    (int64_t)(n->similar[i].why <= 7 ? n->similar[i].why : 0);
		if (!packed || !(list = id_array(packed, n->nsimilar, &len))) {
			free(packed);
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		}
		free(packed);
		st = q->st[ST_NOTICE_SIMILAR_ADD];
		sqlite3_bind_int64(st, 1, n->id);
		sqlite3_bind_text(st, 2, list, len, free);
		rc = run(q, ST_NOTICE_SIMILAR_ADD, d, "similar system");
	}
	if (!rc && n->nsimilar) { /* every system of the list is still to be checked */
		sqlite3_bind_int64(q->st[ST_NOTICE_SIMILAR_COUNTS], 1, n->id);
		sqlite3_bind_int64(q->st[ST_NOTICE_SIMILAR_COUNTS], 2, (sqlite3_int64)n->nsimilar);
		rc = run(q, ST_NOTICE_SIMILAR_COUNTS, d, "notice");
	}
	return rc;
}

static enum cd_err sq_notice_event_add(struct store *s, int64_t notice,
				       const struct notice_event *e, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_EVENT_ADD];

	sqlite3_bind_int64(st, 1, notice);
	bind_text(st, 2, notice_event_code(e->kind));
	bind_time(st, 3, e->at);
	bind_text(st, 4, e->by);
	bind_text(st, 5, e->note);
	bind_date(st, 6, e->kind == NEV_EXTEND ? e->extended_to : CD_DATE_NONE);
	return run(q, ST_NOTICE_EVENT_ADD, d, "notice event");
}

static enum cd_err sq_notice_check(struct store *s, int64_t notice, int64_t asset, cd_time at,
				   const char *by, const char *note, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_CHECK];
	enum cd_err rc;

	*n = 0;
	sqlite3_bind_int64(st, 1, notice);
	sqlite3_bind_int64(st, 2, asset);
	bind_time(st, 3, at);
	bind_text(st, 4, by);
	bind_text(st, 5, note);
	if ((rc = run(q, ST_NOTICE_CHECK, d, "similar system check")))
		return rc;
	if (!(*n = (size_t)sqlite3_changes(q->db)))
		return cd_diag_set(d, CD_ENOTFOUND,
				   "that system is not on the notice's 举一反三 list, or was already "
				   "checked");
	return CD_OK;
}

/* notice_cols reads the NOTICE_COLS of a row into x (set up by notice_init), text into arena a. */
static void notice_cols(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct notice *x = out;

	notice_init(x);
	x->id = sqlite3_column_int64(st, 0);
	x->code = col_str(a, st, 1);
	x->authority = col_str(a, st, 2);
	x->received_at = col_time(st, 3);
	x->unit = sqlite3_column_int64(st, 4);
	x->category = col_str(a, st, 5);
	x->text = col_str(a, st, 6);
	x->attachment = col_str(a, st, 7);
	x->stated_due = col_date(st, 8);
	x->similar_total = (size_t)sqlite3_column_int64(st, 9);
}

static void notice_event_row(struct arena *a, sqlite3_stmt *st, struct notice_event *e)
{
	int k = notice_event_parse((const char *)sqlite3_column_text(st, 1));

	e->kind = k < 0 ? NEV__MAX : (enum notice_event_kind)k; /* NEV__MAX: the fold refuses */
	e->at = col_time(st, 2);
	e->by = col_str(a, st, 3);
	e->note = col_str(a, st, 4);
	e->extended_to = col_date(st, 5);
}

static void notice_check_row(struct arena *a, sqlite3_stmt *st, struct notice_check *k)
{
	k->asset = sqlite3_column_int64(st, 1);
	k->why = (unsigned)sqlite3_column_int(st, 2);
	k->checked_at = col_time(st, 3);
	k->checked_by = col_str(a, st, 4);
	k->note = col_str(a, st, 5);
}

/* record_cols reads the RECORD_COLS of a row into r, text into arena a. */
static void record_cols(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct record *r = out;

	int k = record_kind_parse((const char *)sqlite3_column_text(st, 1));

	r->id = sqlite3_column_int64(st, 0);
	r->kind = k < 0 ? RECORD_OTHER : (enum record_kind)k;
	r->unit = sqlite3_column_int64(st, 2);
	r->on = col_date(st, 3);
	r->duty = col_str(a, st, 4);
	r->period = col_str(a, st, 5);
	r->title = col_str(a, st, 6);
	r->participants = col_str(a, st, 7);
	r->minutes = col_str(a, st, 8);
	r->attachment = col_str(a, st, 9);
	r->voided = sqlite3_column_type(st, 10) != SQLITE_NULL;
	r->voided_at = r->voided ? col_time(st, 10) : CD_TIME_NONE;
	r->voided_by = col_str(a, st, 11);
	r->void_reason = col_str(a, st, 12);
}

static enum cd_err sq_incident_add(struct store *s, struct incident *x, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_ADD];
	enum cd_err rc;

	bind_text(st, 1, x->code);
	bind_text(st, 2, x->title);
	bind_id(st, 3, x->unit);
	bind_time(st, 4, x->detected_at);
	if ((rc = insert(q, ST_INCIDENT_ADD, d, "incident", &x->id)))
		return rc;
	st = q->st[ST_INCIDENT_ASSET_ADD];
	for (size_t i = 0; !rc && i < x->nassets; i++) {
		sqlite3_bind_int64(st, 1, x->id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 3, x->assets[i]);
		rc = run(q, ST_INCIDENT_ASSET_ADD, d, "incident asset");
	}
	return rc;
}

static enum cd_err sq_incident_event_add(struct store *s, int64_t incident,
					 const struct incident_event *e, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_EVENT_ADD];

	sqlite3_bind_int64(st, 1, incident);
	bind_text(st, 2, incident_event_code(e->kind));
	bind_time(st, 3, e->at);
	bind_time(st, 4, e->recorded_at);
	bind_text(st, 5, e->by);
	bind_text(st, 6, e->name);
	bind_text(st, 7, e->value);
	bind_text(st, 8, e->note);
	bind_id(st, 9, e->person);
	return run(q, ST_INCIDENT_EVENT_ADD, d, "incident event");
}

static void incident_event_row(struct arena *a, sqlite3_stmt *st, struct incident_event *e)
{
	int k = incident_event_parse((const char *)sqlite3_column_text(st, 1));

	e->kind = k < 0 ? IEV__MAX : (enum incident_event_kind)k; /* IEV__MAX: the fold refuses */
	e->at = col_time(st, 2);
	e->recorded_at = col_time(st, 3);
	e->by = col_str(a, st, 4);
	e->name = col_str(a, st, 5);
	e->value = col_str(a, st, 6);
	e->note = col_str(a, st, 7);
	e->person = sqlite3_column_int64(st, 8);
}

/* incident_cols reads the INCIDENT_COLS of a row into x (set up by incident_init). */
static void incident_cols(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct incident *x = out;

	incident_init(x);
	x->id = sqlite3_column_int64(st, 0);
	x->code = col_str(a, st, 1);
	x->title = col_str(a, st, 2);
	x->unit = sqlite3_column_int64(st, 3);
	x->detected_at = col_time(st, 4);
}

static bool bind_ids(struct sq *q, enum stmt s, const int64_t *ids, size_t n);

/* --- the rows the neutral assembly reads (store_ops.rows, assemble.c) --------------------------- */

/* A row decoder: the columns of st into the record out (zeroed), text into arena a — the
 * *_cols functions and asset_row, and the decoders of the parts below. */
typedef void row_decoder(struct arena *a, sqlite3_stmt *st, void *out);

/* A system of a notice or an incident: (owner, asset[, code, name]). */
static void part_asset_dec(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_part *p = out;

	p->owner = sqlite3_column_int64(st, 0);
	p->asset = sqlite3_column_int64(st, 1);
	if (sqlite3_column_count(st) > 3) {
		p->code = col_str(a, st, 2);
		p->name = col_str(a, st, 3);
	}
}

static void part_nev_dec(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_part *p = out;

	p->owner = sqlite3_column_int64(st, 0);
	notice_event_row(a, st, &p->u.nev);
}

/* A system of a 举一反三 list: (owner, asset, why, checked_at, checked_by, note[, code, name]). */
static void part_similar_dec(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_part *p = out;

	p->owner = sqlite3_column_int64(st, 0);
	notice_check_row(a, st, &p->u.check);
	p->asset = p->u.check.asset;
	if (sqlite3_column_count(st) > 7) {
		p->code = col_str(a, st, 6);
		p->name = col_str(a, st, 7);
	}
}

static void part_iev_dec(struct arena *a, sqlite3_stmt *st, void *out)
{
	struct store_part *p = out;

	p->owner = sqlite3_column_int64(st, 0);
	incident_event_row(a, st, &p->u.iev);
}

/* What ?1 of a kind's statement takes: nothing, the selection as a JSON array of ids, or its
 * one id. */
enum row_bind { BIND_NONE, BIND_IDS, BIND_ONE };

/* Where each kind of rows comes from: its statement, how a row is decoded into a record of
 * `size` bytes, what ?1 takes and what a failure says. */
#define REG_ROWS(st, dec, type, bind) {st, dec, sizeof(type), bind, "loading the register"}
#define PART_ROWS(st, dec, bind, what) {st, dec, sizeof(struct store_part), bind, what}
static const struct row_src {
	enum stmt st;
	row_decoder *dec;
	size_t size;
	enum row_bind bind;
	const char *what;
} row_srcs[ROWS__MAX] = {
	[ROWS_UNITS] = REG_ROWS(ST_UNIT_ALL, unit_cols, struct unit, BIND_NONE),
	[ROWS_PEOPLE] = REG_ROWS(ST_PERSON_ALL, person_cols, struct person, BIND_NONE),
	[ROWS_ASSETS] = REG_ROWS(ST_ASSET_ALL, asset_row, struct asset, BIND_NONE),
	[ROWS_DUTIES] = REG_ROWS(ST_DUTY_ALL, duty_cols, struct duty, BIND_NONE),
	[ROWS_PROJECTS] = REG_ROWS(ST_PROJECT_ALL, project_cols, struct project, BIND_NONE),
	[ROWS_UNIT_DUTIES] = REG_ROWS(ST_DUTY_UNITS, duty_cols, struct duty, BIND_NONE),
	[ROWS_ASSETS_OF] = REG_ROWS(ST_ASSET_SOME, asset_row, struct asset, BIND_IDS),
	[ROWS_DUTIES_OF_ASSETS] = REG_ROWS(ST_DUTY_OF_ASSETS, duty_cols, struct duty, BIND_IDS),
	[ROWS_NOTICES] = {ST_NOTICE_ALL, notice_cols, sizeof(struct notice), BIND_NONE,
			  "loading notices"},
	[ROWS_NOTICE_ASSETS] =
		PART_ROWS(ST_NOTICE_ASSET_ALL, part_asset_dec, BIND_NONE, "loading notices"),
	[ROWS_NOTICE_EVENTS] =
		PART_ROWS(ST_NOTICE_EVENT_ALL, part_nev_dec, BIND_NONE, "loading notices"),
	[ROWS_NOTICE_SIMILAR] =
		PART_ROWS(ST_NOTICE_SIMILAR_ALL, part_similar_dec, BIND_NONE, "loading notices"),
	[ROWS_NOTICE_ASSETS_OF] =
		PART_ROWS(ST_NOTICE_ASSETS_OF, part_asset_dec, BIND_ONE, "loading notices"),
	[ROWS_NOTICE_EVENTS_OF] =
		PART_ROWS(ST_NOTICE_EVENTS_OF, part_nev_dec, BIND_ONE, "loading notices"),
	[ROWS_NOTICE_SIMILAR_OF] =
		PART_ROWS(ST_NOTICE_SIMILAR_OF, part_similar_dec, BIND_ONE, "loading notices"),
	[ROWS_INCIDENTS] = {ST_INCIDENT_ALL, incident_cols, sizeof(struct incident), BIND_NONE,
			    "loading incidents"},
	[ROWS_INCIDENT_ASSETS] =
		PART_ROWS(ST_INCIDENT_ASSET_ALL, part_asset_dec, BIND_NONE, "loading incidents"),
	[ROWS_INCIDENT_EVENTS] =
		PART_ROWS(ST_INCIDENT_EVENT_ALL, part_iev_dec, BIND_NONE, "loading incidents"),
	[ROWS_INCIDENT_ASSETS_OF] =
		PART_ROWS(ST_INCIDENT_ASSETS_OF, part_asset_dec, BIND_ONE, "loading incidents"),
	[ROWS_INCIDENT_EVENTS_OF] =
		PART_ROWS(ST_INCIDENT_EVENTS_OF, part_iev_dec, BIND_ONE, "loading incidents"),
	[ROWS_RECORDS] = {ST_RECORD_ALL, record_cols, sizeof(struct record), BIND_NONE,
			  "loading records"},
};
#undef REG_ROWS
#undef PART_ROWS

/* The largest record a row decodes into. */
union row_buf {
	struct unit unit;
	struct person person;
	struct asset asset;
	struct duty duty;
	struct project project;
	struct notice notice;
	struct incident incident;
	struct record record;
	struct store_part part;
};

/* rows_oom: what a read of `which` says when its rows find no memory (the kinds of enum
 * store_rows come by domain: the register, notices, incidents, records). */
static enum cd_err rows_oom(struct cd_diag *d, enum store_rows which)
{
	if (which >= ROWS_RECORDS)
		return cd_diag_set(d, CD_ENOMEM, "out of memory loading records");
	if (which >= ROWS_INCIDENTS)
		return cd_diag_set(d, CD_ENOMEM, "out of memory loading incidents");
	if (which >= ROWS_NOTICES)
		return cd_diag_set(d, CD_ENOMEM, "out of memory loading notices");
	return cd_diag_set(d, CD_ENOMEM, "out of memory loading the register");
}

static enum cd_err sq_rows(struct store *s, enum store_rows which, const int64_t *ids, size_t n,
			   struct arena *a, store_row_fn *each, void *ctx, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	const struct row_src *src = &row_srcs[which];
	sqlite3_stmt *st = q->st[src->st];
	union row_buf buf;
	enum cd_err rc = CD_OK;
	int step = SQLITE_DONE;

	if (src->bind == BIND_IDS && !bind_ids(q, src->st, ids, n))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (src->bind == BIND_ONE)
		sqlite3_bind_int64(st, 1, ids[0]);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&buf, 0, src->size);
		src->dec(a, st, &buf);
		if (!each(ctx, &buf)) {
			rc = rows_oom(d, which);
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, src->what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static enum cd_err sq_audit_head(struct store *s, int64_t *seq, char hash[65], struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_AUDIT_HEAD];
	const char *h = NULL;
	enum cd_err rc = CD_OK;

	if (sqlite3_step(st) != SQLITE_ROW)
		rc = db_fail(q, d, "reading the audit head");
	else if (!(h = (const char *)sqlite3_column_text(st, 1)) || strlen(h) != 64)
		rc = cd_diag_set(d, CD_ESTORE, "%s: the audit head is damaged", q->path);
	if (!rc) {
		*seq = sqlite3_column_int64(st, 0);
		memcpy(hash, h, 65);
	}
	sqlite3_reset(st);
	return rc;
}

/* in_tx_only refuses a write that must share the caller's transaction (the audit log's). */
static enum cd_err in_tx_only(struct sq *q, struct cd_diag *d, const char *what)
{
	if (sqlite3_get_autocommit(q->db))
		return cd_diag_set(d, CD_EINVAL, "%s outside a transaction (call store_begin first)",
				   what);
	return CD_OK;
}

static enum cd_err sq_audit_add(struct store *s, const struct store_audit_entry *e,
				struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_AUDIT_ADD];
	const char *v[] = {e->at,     e->actor, e->ip,	    e->action, e->object,
			   e->before, e->after, e->outcome, e->prev,	 e->hash};
	enum cd_err rc = in_tx_only(q, d, "an audit entry");

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, e->seq);
	for (int i = 0; i < (int)(sizeof(v) / sizeof(v[0])); i++)
		bind_text(st, i + 2, v[i]);
	rc = run(q, ST_AUDIT_ADD, d, "audit entry");
	/* the trigger that keeps the chain refused: another writer moved the head */
	if (rc && sqlite3_extended_errcode(q->db) == SQLITE_CONSTRAINT_TRIGGER)
		rc = cd_diag_set(d, CD_ECONFLICT, "audit entry %lld does not extend the head of the "
				 "chain", (long long)e->seq);
	return rc;
}

/* audit_row reads an entry's columns into arena a; false when out of memory. */
static bool audit_row(struct arena *a, sqlite3_stmt *st, struct store_audit_entry *e)
{
	const char **v[] = {&e->at,	&e->actor, &e->ip,   &e->action, &e->object,
			    &e->before, &e->after, &e->outcome, &e->prev,	 &e->hash};

	e->seq = sqlite3_column_int64(st, 0);
	for (int i = 0; i < (int)(sizeof(v) / sizeof(v[0])); i++)
		if (!(*v[i] = col_str(a, st, i + 1)) && sqlite3_column_type(st, i + 1) != SQLITE_NULL)
			return false;
	return true;
}

/* audit_rows steps st (bound), appending each row to *out in arena a. */
static enum cd_err audit_rows(struct sq *q, enum stmt s, struct arena *a,
			      struct store_audit_entry **out, size_t *n, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[s];
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	*out = NULL;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit_entry *e = arena_grow(a, out, n, &cap, sizeof(*e));

		if (!e || !audit_row(a, st, e)) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory reading the audit log");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "reading the audit log");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static enum cd_err sq_audit_page(struct store *s, int64_t after_seq, size_t max, struct arena *a,
				 struct store_audit_entry **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_AUDIT_PAGE], 1, after_seq);
	sqlite3_bind_int64(q->st[ST_AUDIT_PAGE], 2, (sqlite3_int64)max);
	return audit_rows(q, ST_AUDIT_PAGE, a, out, n, d);
}

static enum cd_err sq_audit_find(struct store *s, const struct store_audit_filter *f,
				 struct arena *a, struct store_audit_entry **out, size_t *n,
				 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_AUDIT_FIND];
	enum cd_err rc;

	bind_text(st, 1, f->from);
	bind_text(st, 2, f->to);
	bind_text(st, 3, f->actor);
	bind_text(st, 4, f->action);
	bind_text(st, 5, f->outcome);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->limit);
	bind_id(st, 7, f->before_seq);
	rc = audit_rows(q, ST_AUDIT_FIND, a, out, n, d);
	for (size_t i = 0; !rc && i < *n / 2; i++) { /* read newest first: put in seq order */
		struct store_audit_entry t = (*out)[i];

		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = t;
	}
	return rc;
}

static enum cd_err sq_audit_anchors(struct store *s, struct arena *a,
				    struct store_audit_anchor **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_AUDIT_ANCHORS];
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	*out = NULL;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_audit_anchor *x = arena_grow(a, out, n, &cap, sizeof(*x));

		if (x) {
			x->from_seq = sqlite3_column_int64(st, 0);
			x->upto_seq = sqlite3_column_int64(st, 1);
			x->last_hash = col_str(a, st, 2);
			x->file = col_str(a, st, 3);
			x->file_sm3 = col_str(a, st, 4);
			x->archived_at = col_str(a, st, 5);
		}
		if (!x || !x->last_hash || !x->file || !x->file_sm3 || !x->archived_at) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory reading the audit archives");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "reading the audit archives");
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_audit_archive(struct store *s, const struct store_audit_anchor *an,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_AUDIT_ANCHOR_ADD];
	enum cd_err rc = in_tx_only(q, d, "archiving the audit log");

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, an->from_seq);
	sqlite3_bind_int64(st, 2, an->upto_seq);
	bind_text(st, 3, an->last_hash);
	bind_text(st, 4, an->file);
	bind_text(st, 5, an->file_sm3);
	bind_text(st, 6, an->archived_at);
	rc = run(q, ST_AUDIT_ANCHOR_ADD, d, "audit archive anchor");
	if (!rc) {
		sqlite3_bind_int64(q->st[ST_AUDIT_DELETE], 1, an->upto_seq);
		rc = run(q, ST_AUDIT_DELETE, d, "removing archived audit entries");
	}
	return rc;
}

/* ---- Accounts, sessions, API tokens ---------------------------------------------------- */

#define LIST_MAX (1u << 20) /* the most rows a list returns (a hard cap on its buffer) */

/* done resets a statement and clears its bindings (a bound secret goes with them). */
static void done(struct sq *q, enum stmt s)
{
	sqlite3_reset(q->st[s]);
	sqlite3_clear_bindings(q->st[s]);
}

/* fetch steps a bound statement that returns at most one row: CD_OK with the row to read (the
 * caller then calls done), or CD_ENOTFOUND ("no such `what`") or a database error, reset. */
static enum cd_err fetch(struct sq *q, enum stmt s, struct cd_diag *d, const char *what)
{
	int step = sqlite3_step(q->st[s]);
	enum cd_err rc;

	if (step == SQLITE_ROW)
		return CD_OK;
	rc = step == SQLITE_DONE ? cd_diag_set(d, CD_ENOTFOUND, "no such %s", what)
				 : db_fail(q, d, what);
	done(q, s);
	return rc;
}

static int bind_hash(sqlite3_stmt *st, int i, const unsigned char *h)
{
	return sqlite3_bind_blob(st, i, h, STORE_SECRET_HASH, SQLITE_TRANSIENT);
}

/* col_copy copies text column i into buf[0..n), truncated; "" for NULL. */
static void col_copy(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t len = t ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (len >= n)
		len = n - 1;
	if (len)
		memcpy(buf, t, len);
	buf[len] = '\0';
}

/* col_blob copies blob column i into buf (n bytes at most) and returns its length; 0 for NULL
 * or a longer blob. */
static size_t col_blob(sqlite3_stmt *st, int i, unsigned char *buf, size_t n)
{
	const void *b = sqlite3_column_blob(st, i);
	size_t len = (size_t)sqlite3_column_bytes(st, i);

	if (!b || len > n)
		return 0;
	memcpy(buf, b, len);
	return len;
}

static enum account_role col_role(sqlite3_stmt *st, int i)
{
	int r = account_role_parse((const char *)sqlite3_column_text(st, i));

	return r < 0 ? AR_NONE : (enum account_role)r; /* unknown: no rights at all */
}

/* account_row reads ACCOUNT_COLS from column c on. */
static void account_row(sqlite3_stmt *st, int c, struct store_account *a)
{
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, c);
	col_copy(st, c + 1, a->name, sizeof(a->name));
	col_copy(st, c + 2, a->display, sizeof(a->display));
	a->role = col_role(st, c + 3);
	a->unit = sqlite3_column_int64(st, c + 4);
	col_copy(st, c + 5, a->pwhash, sizeof(a->pwhash));
	a->password_changed_at = col_time(st, c + 6);
	a->totp_len = col_blob(st, c + 7, a->totp, sizeof(a->totp));
	a->totp_pending_len = col_blob(st, c + 8, a->totp_pending, sizeof(a->totp_pending));
	a->totp_last_step = sqlite3_column_type(st, c + 9) == SQLITE_NULL
				    ? -1
				    : sqlite3_column_int64(st, c + 9);
	a->failures = sqlite3_column_int(st, c + 10);
	a->locked = sqlite3_column_int(st, c + 11);
	a->locked_at = col_time(st, c + 12);
	col_copy(st, c + 13, a->locked_ip, sizeof(a->locked_ip));
	a->disabled = sqlite3_column_int(st, c + 14);
	a->created_at = col_time(st, c + 15);
	a->last_login_at = col_time(st, c + 16);
	a->lock_until = col_time(st, c + 17);
	a->lockouts = sqlite3_column_int(st, c + 18);
	a->must_change = sqlite3_column_int(st, c + 19);
}

static void token_row(sqlite3_stmt *st, struct store_token *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	col_blob(st, 1, t->hash, sizeof(t->hash));
	col_copy(st, 2, t->label, sizeof(t->label));
	t->role = col_role(st, 3);
	t->unit = sqlite3_column_int64(st, 4);
	col_copy(st, 5, t->created_by, sizeof(t->created_by));
	t->created_at = col_time(st, 6);
	t->expires_at = col_time(st, 7);
	t->revoked_at = col_time(st, 8);
	t->account = sqlite3_column_int64(st, 9);
	col_copy(st, 10, t->account_name, sizeof(t->account_name));
}

static void role_change_row(sqlite3_stmt *st, void *rec)
{
	struct store_role_change *c = rec;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->account = sqlite3_column_int64(st, 1);
	col_copy(st, 2, c->account_name, sizeof(c->account_name));
	c->role = col_role(st, 3);
	c->unit = sqlite3_column_int64(st, 4);
	col_copy(st, 5, c->proposed_by, sizeof(c->proposed_by));
	c->proposed_at = col_time(st, 6);
	col_copy(st, 7, c->state, sizeof(c->state));
	col_copy(st, 8, c->decided_by, sizeof(c->decided_by));
	c->decided_at = col_time(st, 9);
	col_copy(st, 10, c->reason, sizeof(c->reason));
}

/* list_rows reads every row of statement s into a malloc'd array of `size`-byte records (row
 * fills one), at most LIST_MAX of them. */
static enum cd_err list_rows(struct sq *q, enum stmt s, size_t size,
			     void (*row)(sqlite3_stmt *st, void *rec), void **out, size_t *n,
			     struct cd_diag *d, const char *what)
{
	sqlite3_stmt *st = q->st[s];
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	*out = NULL;
	*n = 0;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			void *v = ncap <= LIST_MAX ? realloc(*out, ncap * size) : NULL;

			if (!v) {
				rc = cd_diag_set(d, CD_ENOMEM, "out of memory loading %s", what);
				break;
			}
			*out = v;
			cap = ncap;
		}
		row(st, (char *)*out + *n * size);
		(*n)++;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, what);
	sqlite3_reset(st);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static void account_list_row(sqlite3_stmt *st, void *rec)
{
	account_row(st, 0, rec);
}

static void token_list_row(sqlite3_stmt *st, void *rec)
{
	token_row(st, rec);
}

static enum cd_err sq_account_add(struct store *s, struct store_account *a, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ACCOUNT_ADD];

	bind_text(st, 1, a->name);
	bind_text(st, 2, a->display);
	bind_text(st, 3, account_role_code(a->role));
	bind_id(st, 4, a->unit);
	bind_time(st, 5, a->created_at);
	return insert(q, ST_ACCOUNT_ADD, d, "account", &a->id);
}

static enum cd_err sq_account_get(struct store *s, int64_t id, const char *name,
				  struct store_account *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt which = name ? ST_ACCOUNT_BY_NAME : ST_ACCOUNT_GET;
	enum cd_err rc;

	if (name)
		bind_text(q->st[which], 1, name);
	else
		sqlite3_bind_int64(q->st[which], 1, id);
	if ((rc = fetch(q, which, d, "account")))
		return rc;
	account_row(q->st[which], 0, out);
	done(q, which);
	return CD_OK;
}

static enum cd_err sq_account_list(struct store *s, struct store_account **out, size_t *n,
				   struct cd_diag *d)
{
	return list_rows((struct sq *)s, ST_ACCOUNT_ALL, sizeof(**out), account_list_row,
			 (void **)out, n, d, "accounts");
}

static enum cd_err sq_account_password(struct store *s, int64_t id, const char *hash, cd_time at,
				       struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ACCOUNT_PASSWORD];

	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, hash);
	bind_time(st, 3, at);
	return change(q, ST_ACCOUNT_PASSWORD, d, "account");
}

static enum cd_err sq_account_role(struct store *s, int64_t id, enum account_role role,
				   int64_t unit, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ACCOUNT_ROLE];

	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, account_role_code(role));
	bind_id(st, 3, unit);
	return change(q, ST_ACCOUNT_ROLE, d, "account");
}

static enum cd_err sq_account_disable(struct store *s, int64_t id, bool disabled,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_ACCOUNT_DISABLE], 1, id);
	sqlite3_bind_int(q->st[ST_ACCOUNT_DISABLE], 2, disabled);
	return change(q, ST_ACCOUNT_DISABLE, d, "account");
}

static enum cd_err sq_account_lock(struct store *s, int64_t id, bool locked, cd_time at,
				   const char *ip, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt which = locked ? ST_ACCOUNT_LOCK : ST_ACCOUNT_UNLOCK;

	sqlite3_bind_int64(q->st[which], 1, id);
	if (locked) {
		bind_time(q->st[which], 2, at);
		bind_text(q->st[which], 3, ip);
	}
	return change(q, which, d, "account");
}

static enum cd_err sq_account_failure(struct store *s, int64_t id, int limit, cd_time at,
				      const char *ip, cd_time until, int *failures, bool *locked,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ACCOUNT_FAILURE];
	enum cd_err rc;

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, limit);
	bind_time(st, 3, at);
	bind_text(st, 4, ip);
	bind_time(st, 5, until);
	if ((rc = fetch(q, ST_ACCOUNT_FAILURE, d, "account")))
		return rc;
	*failures = sqlite3_column_int(st, 0);
	*locked = sqlite3_column_int(st, 1);
	done(q, ST_ACCOUNT_FAILURE);
	return CD_OK;
}

static enum cd_err sq_account_lift(struct store *s, int64_t id, cd_time now, bool *lifted,
				   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[ST_ACCOUNT_LIFT], 1, id);
	bind_time(q->st[ST_ACCOUNT_LIFT], 2, now);
	rc = run(q, ST_ACCOUNT_LIFT, d, "account");
	*lifted = !rc && sqlite3_changes(q->db) > 0;
	return rc;
}

static enum cd_err sq_address_get(struct store *s, const char *ip, struct store_address *out,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ADDRESS_GET];
	enum cd_err rc;

	memset(out, 0, sizeof(*out));
	out->last_at = out->until = CD_TIME_NONE;
	bind_text(st, 1, ip);
	rc = fetch(q, ST_ADDRESS_GET, d, "sign-in address");
	if (rc == CD_ENOTFOUND && d)
		d->msg[0] = '\0';
	if (rc == CD_ENOTFOUND) /* no failure from there yet */
		return CD_OK;
	if (rc)
		return rc;
	out->failures = sqlite3_column_int(st, 0);
	out->last_at = col_time(st, 1);
	out->until = col_time(st, 2);
	out->lockouts = sqlite3_column_int(st, 3);
	done(q, ST_ADDRESS_GET);
	return CD_OK;
}

static enum cd_err sq_address_set(struct store *s, const char *ip, const struct store_address *a,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ADDRESS_SET];

	bind_text(st, 1, ip);
	sqlite3_bind_int(st, 2, a->failures);
	bind_time(st, 3, a->last_at);
	bind_time(st, 4, a->until);
	sqlite3_bind_int(st, 5, a->lockouts);
	return run(q, ST_ADDRESS_SET, d, "sign-in address");
}

static enum cd_err sq_account_login(struct store *s, int64_t id, cd_time at, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_ACCOUNT_LOGIN], 1, id);
	bind_time(q->st[ST_ACCOUNT_LOGIN], 2, at);
	return change(q, ST_ACCOUNT_LOGIN, d, "account");
}

static enum cd_err sq_account_totp_pending(struct store *s, int64_t id, const unsigned char *key,
					   size_t len, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_TOTP_PENDING];

	sqlite3_bind_int64(st, 1, id);
	/* static: SQLite keeps no copy of the key; change() clears the binding before returning */
	sqlite3_bind_blob(st, 2, key, (int)len, SQLITE_STATIC);
	return change(q, ST_TOTP_PENDING, d, "account");
}

static enum cd_err sq_account_totp_enable(struct store *s, int64_t id, int64_t step,
					  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_TOTP_ENABLE], 1, id);
	sqlite3_bind_int64(q->st[ST_TOTP_ENABLE], 2, step);
	return change(q, ST_TOTP_ENABLE, d, "pending second factor");
}

static enum cd_err sq_account_totp_clear(struct store *s, int64_t id, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_TOTP_CLEAR], 1, id);
	return change(q, ST_TOTP_CLEAR, d, "account");
}

static enum cd_err sq_account_totp_step(struct store *s, int64_t id, int64_t step, bool *accepted,
					struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[ST_TOTP_STEP], 1, id);
	sqlite3_bind_int64(q->st[ST_TOTP_STEP], 2, step);
	rc = run(q, ST_TOTP_STEP, d, "second factor");
	*accepted = !rc && sqlite3_changes(q->db) == 1;
	return rc;
}

static enum cd_err sq_session_add(struct store *s, const unsigned char *id_hash, int64_t account,
				  const unsigned char *csrf_hash, cd_time at, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_SESSION_ADD];

	bind_hash(st, 1, id_hash);
	sqlite3_bind_int64(st, 2, account);
	bind_hash(st, 3, csrf_hash);
	bind_time(st, 4, at);
	return run(q, ST_SESSION_ADD, d, "session");
}

static enum cd_err sq_session_get(struct store *s, const unsigned char *id_hash,
				  struct store_session *out, struct store_account *acct,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_SESSION_GET];
	enum cd_err rc;

	bind_hash(st, 1, id_hash);
	if ((rc = fetch(q, ST_SESSION_GET, d, "session")))
		return rc;
	memset(out, 0, sizeof(*out));
	out->account = sqlite3_column_int64(st, 0);
	col_blob(st, 1, out->csrf_hash, sizeof(out->csrf_hash));
	out->created_at = col_time(st, 2);
	out->last_seen_at = col_time(st, 3);
	col_copy(st, 4, out->idle, sizeof(out->idle));
	col_copy(st, 5, out->absolute, sizeof(out->absolute));
	col_copy(st, 6, out->max_age, sizeof(out->max_age));
	if (acct)
		account_row(st, 7, acct);
	done(q, ST_SESSION_GET);
	return CD_OK;
}

static enum cd_err sq_session_touch(struct store *s, const unsigned char *id_hash, cd_time at,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	bind_hash(q->st[ST_SESSION_TOUCH], 1, id_hash);
	bind_time(q->st[ST_SESSION_TOUCH], 2, at);
	return run(q, ST_SESSION_TOUCH, d, "session");
}

static enum cd_err sq_session_end(struct store *s, const unsigned char *id_hash,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	bind_hash(q->st[ST_SESSION_END], 1, id_hash);
	return run(q, ST_SESSION_END, d, "session");
}

static enum cd_err sq_sessions_end(struct store *s, int64_t account, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_SESSIONS_END], 1, account);
	return run(q, ST_SESSIONS_END, d, "sessions");
}

static enum cd_err sq_sessions_prune(struct store *s, cd_time idle_before,
				     cd_time created_before, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	bind_time(q->st[ST_SESSIONS_PRUNE], 1, idle_before);
	bind_time(q->st[ST_SESSIONS_PRUNE], 2, created_before);
	return run(q, ST_SESSIONS_PRUNE, d, "sessions");
}

static enum cd_err sq_token_add(struct store *s, struct store_token *t, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_TOKEN_ADD];

	bind_hash(st, 1, t->hash);
	bind_text(st, 2, t->label);
	bind_text(st, 3, account_role_code(t->role));
	bind_id(st, 4, t->unit);
	bind_text(st, 5, t->created_by);
	bind_time(st, 6, t->created_at);
	bind_time(st, 7, t->expires_at);
	bind_id(st, 8, t->account);
	return insert(q, ST_TOKEN_ADD, d, "API token", &t->id);
}

static enum cd_err sq_token_get(struct store *s, const unsigned char *hash,
				struct store_token *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	bind_hash(q->st[ST_TOKEN_GET], 1, hash);
	if ((rc = fetch(q, ST_TOKEN_GET, d, "API token")))
		return rc;
	token_row(q->st[ST_TOKEN_GET], out);
	done(q, ST_TOKEN_GET);
	return CD_OK;
}

static enum cd_err sq_token_list(struct store *s, struct store_token **out, size_t *n,
				 struct cd_diag *d)
{
	return list_rows((struct sq *)s, ST_TOKEN_ALL, sizeof(**out), token_list_row,
			 (void **)out, n, d, "API tokens");
}

static enum cd_err sq_token_revoke(struct store *s, int64_t id, cd_time at, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[ST_TOKEN_REVOKE], 1, id);
	bind_time(q->st[ST_TOKEN_REVOKE], 2, at);
	rc = run(q, ST_TOKEN_REVOKE, d, "API token");
	if (rc || sqlite3_changes(q->db) == 1)
		return rc;
	sqlite3_bind_int64(q->st[ST_TOKEN_EXISTS], 1, id);
	if ((rc = fetch(q, ST_TOKEN_EXISTS, d, "API token")))
		return rc;
	done(q, ST_TOKEN_EXISTS);
	return cd_diag_set(d, CD_ECONFLICT, "API token %lld was revoked already", (long long)id);
}

static enum cd_err sq_role_change_add(struct store *s, struct store_role_change *c,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ROLE_CHANGE_ADD];

	sqlite3_bind_int64(st, 1, c->account);
	bind_text(st, 2, account_role_code(c->role));
	bind_id(st, 3, c->unit);
	bind_text(st, 4, c->proposed_by);
	bind_time(st, 5, c->proposed_at);
	return insert(q, ST_ROLE_CHANGE_ADD, d, "role change", &c->id);
}

static enum cd_err sq_role_change_get(struct store *s, int64_t id, struct store_role_change *out,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[ST_ROLE_CHANGE_GET], 1, id);
	if ((rc = fetch(q, ST_ROLE_CHANGE_GET, d, "role change")))
		return rc;
	role_change_row(q->st[ST_ROLE_CHANGE_GET], out);
	done(q, ST_ROLE_CHANGE_GET);
	return CD_OK;
}

static enum cd_err sq_role_change_list(struct store *s, const char *state, int64_t before,
				       size_t limit, struct store_role_change **out, size_t *n,
				       struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ROLE_CHANGE_ALL];

	bind_text(st, 1, state);
	sqlite3_bind_int64(st, 2, before);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
	return list_rows(q, ST_ROLE_CHANGE_ALL, sizeof(**out), role_change_row, (void **)out, n,
			 d, "role changes");
}

static enum cd_err sq_role_change_decide(struct store *s, int64_t id, const char *state,
					 const char *by, const char *reason, cd_time at,
					 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ROLE_CHANGE_DECIDE];

	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, state);
	bind_text(st, 3, by);
	bind_time(st, 4, at);
	bind_text(st, 5, reason && *reason ? reason : NULL);
	return change(q, ST_ROLE_CHANGE_DECIDE, d, "pending role change");
}

static bool sq_in_transaction(const struct store *s)
{
	return ((const struct sq *)s)->in_tx;
}

static enum cd_err sq_bulk(struct store *s, bool on, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	if (q->in_tx)
		return CD_OK;
	if (sqlite3_exec(q->db, on ? "PRAGMA temp_store = MEMORY" : "PRAGMA temp_store = DEFAULT",
			 NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(q, d, "temp_store");
	return CD_OK;
}

/* --- the register one record at a time (the server) ------------------------------------------ */

static enum cd_err sq_unit_within(struct store *s, int64_t unit, int64_t top, bool *yes,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_UNIT_WITHIN];
	enum cd_err rc = CD_OK;

	*yes = false;
	sqlite3_bind_int64(st, 1, unit);
	sqlite3_bind_int64(st, 2, top);
	if (sqlite3_step(st) == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0) != 0;
	else
		rc = db_fail(q, d, "unit scope");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static enum cd_err sq_unit_top(struct store *s, int64_t unit, bool *yes, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_UNIT_TOP];
	int step;
	enum cd_err rc = CD_OK;

	*yes = false;
	sqlite3_bind_int64(st, 1, unit);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0) != 0;
	else if (step != SQLITE_DONE)
		rc = db_fail(q, d, "unit");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static enum cd_err sq_generation(struct store *s, int64_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_GENERATION];
	enum cd_err rc = CD_OK;

	*n = 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = db_fail(q, d, "generation");
	sqlite3_reset(st);
	return rc;
}

static enum cd_err sq_id_of(struct store *s, enum store_kind k, const char *code, int64_t *id,
			    struct cd_diag *d)
{
	static const char *const what[] = {"unit", "person", "asset"};
	static const enum stmt stmt[] = {ST_ID_UNIT, ST_ID_PERSON, ST_ID_ASSET};
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[stmt[k]];
	enum cd_err rc = CD_OK;
	int step;

	*id = 0;
	bind_text(st, 1, code);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (step == SQLITE_DONE)
		rc = cd_diag_set(d, CD_ENOTFOUND, "no %s with code \"%.64s\"", lang_tr(what[k]),
				 code);
	else
		rc = db_fail(q, d, what[k]);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* full_row reads an ASSET_COLS row: the asset and its units' codes. */
static void full_row(struct arena *a, sqlite3_stmt *st, struct asset_row *out)
{
	asset_row(a, st, &out->a);
	for (int r = 0; r < REL__MAX; r++)
		out->unit_code[r] = col_str(a, st, ASSET_OWN_COLS + r);
}

/* A row reader of read_rows: what it reads (k) and where to (out). */
typedef void row_reader(struct arena *a, sqlite3_stmt *st, int k, void *out);

/* read_rows steps a bound statement to its end, reading each row with row() into a new element
 * (size bytes) appended to the array *out (*n elements; the caller starts it empty) in arena
 * a, then resets the statement. */
static enum cd_err read_rows(struct sq *q, sqlite3_stmt *st, struct arena *a, size_t size,
			     row_reader *row, int k, void *out, size_t *n, struct cd_diag *d,
			     const char *what)
{
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		void *r = arena_grow(a, out, n, &cap, size);

		if (!r) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		row(a, st, k, r);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, what);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

static void asset_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	(void)k;
	full_row(a, st, out);
}

static enum cd_err sq_asset_get(struct store *s, int64_t id, struct arena *a,
				struct asset_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSET_GET];
	enum cd_err rc = CD_OK;
	int step;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		full_row(a, st, out);
	else if (step == SQLITE_DONE)
		rc = cd_diag_set(d, CD_ENOTFOUND, "no asset %lld", (long long)id);
	else
		rc = db_fail(q, d, "asset");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* The page statement of a sort, a direction and whether it starts after a cursor. The SQL is
 * put together from fixed pieces only: every value is bound. Filters that are NULL match
 * everything. The first page and a page after a cursor are two statements, so that the keyset
 * condition is a plain range of the sort's index (asset_name_id, asset_level_id, the code's
 * unique index, the primary key) where the walk starts — not a test of every row before it. */
static sqlite3_stmt *page_stmt(struct sq *q, enum asset_sort sort, bool desc, bool after,
			       struct cd_diag *d)
{
	static const char *const keys[ASORT__MAX] = {"a.id", "a.code", "a.name", "a.mlps_level"};
	char sql[2048], keyset[128] = "";
	sqlite3_stmt **st = &q->page[sort][desc][after];

	if (*st)
		return *st;
	if (after && sort == ASORT_ID)
		snprintf(keyset, sizeof keyset, " AND a.id %s ?9", desc ? "<" : ">");
	else if (after)
		snprintf(keyset, sizeof keyset, " AND (%s, a.id) %s (?8, ?9)", keys[sort],
			 desc ? "<" : ">");
	snprintf(sql, sizeof sql,
		 "WITH RECURSIVE " SUBTREE("sc", "?1") ", " SUBTREE("fl", "?2")
		 " SELECT " ASSET_COLS " FROM " ASSET_FROM
		 " WHERE (?1 IS NULL OR %s) AND (?2 IS NULL OR %s) AND (?3 IS NULL OR a.kind = ?3)"
		 " AND (?4 IS NULL OR a.status = ?4) AND (?5 IS NULL OR a.mlps_level = ?5)"
		 " AND (?6 IS NULL OR a.cii = ?6)"
		 " AND (?7 IS NULL OR instr(a.code, ?7) > 0 OR instr(a.name, ?7) > 0)"
		 " AND (?11 IS NULL OR (a.filed_on IS NOT NULL) = ?11)"
		 " AND (?12 IS NULL OR a.assess_result = ?12)"
		 "%s ORDER BY %s %s%s LIMIT ?10",
		 IN_UNITS("sc"), IN_UNITS("fl"), keyset, keys[sort], desc ? "DESC" : "ASC",
		 sort == ASORT_ID ? "" : desc ? ", a.id DESC" : ", a.id ASC");
	if (sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		db_fail(q, d, "preparing the asset page");
		*st = NULL;
	}
	return *st;
}

static enum cd_err sq_asset_page(struct store *s, const struct asset_query *f, struct arena *a,
				 struct asset_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = page_stmt(q, f->sort, f->desc, f->after, d);

	*out = NULL;
	*n = 0;
	if (!st)
		return CD_ESTORE;
	bind_id(st, 1, f->scope);
	bind_id(st, 2, f->unit);
	if (f->kind >= 0)
		bind_text(st, 3, asset_kind_code((enum asset_kind)f->kind));
	if (f->status >= 0)
		bind_text(st, 4, asset_status_code((enum asset_status)f->status));
	if (f->mlps_level >= 0)
		sqlite3_bind_int(st, 5, f->mlps_level);
	if (f->cii >= 0)
		sqlite3_bind_int(st, 6, f->cii);
	bind_text(st, 7, f->text);
	if (f->filed)
		sqlite3_bind_int(st, 11, f->filed == 1);
	if (f->assess)
		bind_text(st, 12, assess_result_code((enum assess_result)(f->assess - 1)));
	if (f->after) {
		if (f->sort == ASORT_LEVEL)
			sqlite3_bind_int64(st, 8, strtoll(f->after_key ? f->after_key : "0", NULL, 10));
		else
			bind_text(st, 8, f->after_key ? f->after_key : "");
		sqlite3_bind_int64(st, 9, f->after_id);
	}
	sqlite3_bind_int64(st, 10, (sqlite3_int64)f->limit);
	return read_rows(q, st, a, sizeof(**out), asset_reader, 0, out, n, d, "asset page");
}

/* rec_row reads a row of the *_COLS of record kind k (an enum store_rec). */
static void rec_row(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	static const int own[SR__MAX] = {5, 7, 8, 7}; /* each kind's own columns */
	struct rec_row *w = out;

	memset(w, 0, sizeof *w);
	if (k == SR_UNIT)
		unit_cols(a, st, &w->r.unit);
	else if (k == SR_PERSON)
		person_cols(a, st, &w->r.person);
	else if (k == SR_PROJECT)
		project_cols(a, st, &w->r.project);
	else
		duty_cols(a, st, &w->r.duty);
	w->unit_code = col_str(a, st, own[k]);
	w->scope = sqlite3_column_int64(st, own[k] + 1);
	if (k == SR_DUTY) {
		w->person_code = col_str(a, st, own[k] + 2);
		w->asset_code = col_str(a, st, own[k] + 3);
	}
}

static const char *const rec_what[SR__MAX] = {"unit", "person", "duty", "project"};

static enum cd_err sq_rec_get(struct store *s, enum store_rec k, int64_t id, struct arena *a,
			      struct rec_row *out, struct cd_diag *d)
{
	static const enum stmt get[SR__MAX] = {ST_UNIT_GET, ST_PERSON_GET, ST_DUTY_GET,
					       ST_PROJECT_GET};
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[get[k]], 1, id);
	if ((rc = fetch(q, get[k], d, rec_what[k])))
		return rc;
	rec_row(a, q->st[get[k]], (int)k, out);
	done(q, get[k]);
	return CD_OK;
}

static enum cd_err sq_rec_page(struct store *s, enum store_rec k, const struct rec_query *f,
			       struct arena *a, struct rec_row **out, size_t *n, struct cd_diag *d)
{
	static const enum stmt page[SR__MAX][2] = {{ST_UNIT_PAGE, ST_UNIT_PAGE_DESC},
						   {ST_PERSON_PAGE, ST_PERSON_PAGE_DESC},
						   {ST_DUTY_PAGE, ST_DUTY_PAGE_DESC},
						   {ST_PROJECT_PAGE, ST_PROJECT_PAGE_DESC}};
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[page[k][f->desc]];

	*out = NULL;
	*n = 0;
	bind_id(st, 1, f->scope);
	sqlite3_bind_int64(st, 2, f->after ? f->after : f->desc ? INT64_MAX : 0);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)f->limit);
	return read_rows(q, st, a, sizeof(**out), rec_row, (int)k, out, n, d, rec_what[k]);
}

/* --- the daily work one record or one page at a time (the server) ----------------------------- */

/* notice_head reads a NOTICE_ROW_COLS row into a struct notice_row (a row_reader). */
static void notice_head(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct notice_row *w = out;

	(void)k;
	memset(w, 0, sizeof *w);
	notice_cols(a, st, &w->n);
	w->unit_code = col_str(a, st, 10);
	w->unit_name = col_str(a, st, 11);
	w->similar_unchecked = (size_t)sqlite3_column_int64(st, 12);
	w->similar_listed = (size_t)sqlite3_column_int64(st, 13);
}

/* work_get steps the get statement by id (or, when id is 0, by code): CD_OK with its row to
 * read (then done), or CD_ENOTFOUND. */
static enum cd_err work_get(struct sq *q, enum stmt by_id, enum stmt by_code, int64_t id,
			    const char *code, enum stmt *which, struct cd_diag *d, const char *what)
{
	*which = id ? by_id : by_code;
	if (id)
		sqlite3_bind_int64(q->st[*which], 1, id);
	else
		bind_text(q->st[*which], 1, code);
	return fetch(q, *which, d, what);
}

/* work_page binds what a page of the work selects (WORK_PAGE's ?1 to ?4) to the statement of
 * its direction and returns it. */
static sqlite3_stmt *work_page(struct sq *q, enum stmt asc, enum stmt desc,
			       const struct work_query *f)
{
	sqlite3_stmt *st = q->st[f->desc ? desc : asc];

	bind_id(st, 1, f->scope);
	bind_id(st, 2, f->unit);
	sqlite3_bind_int64(st, 3, f->after ? f->after : f->desc ? INT64_MAX : 0);
	sqlite3_bind_int64(st, 4, f->limit > INT64_MAX ? INT64_MAX : (sqlite3_int64)f->limit);
	return st;
}

/* work_concerns: record id concerns the subtree of top (0: any), by a WORK_CONCERNS statement. */
static enum cd_err work_concerns(struct sq *q, enum stmt which, int64_t id, int64_t top,
				 bool *yes, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[which];
	enum cd_err rc = CD_OK;

	*yes = false;
	sqlite3_bind_int64(st, 1, id);
	bind_id(st, 2, top);
	if (sqlite3_step(st) == SQLITE_ROW)
		*yes = sqlite3_column_int(st, 0) != 0;
	else
		rc = db_fail(q, d, "scope");
	done(q, which);
	return rc;
}

/* sq_notice_head reads a notice's head (assemble.c reads its parts). */
static enum cd_err sq_notice_head(struct store *s, int64_t id, const char *code, struct arena *a,
				  struct notice_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt which;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if ((rc = work_get(q, ST_NOTICE_GET, ST_NOTICE_GET_CODE, id, code, &which, d, "notice")))
		return rc;
	notice_head(a, q->st[which], 0, out);
	done(q, which);
	return CD_OK;
}

static enum cd_err sq_notice_heads(struct store *s, const struct work_query *f, struct arena *a,
				   struct notice_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = work_page(q, ST_NOTICE_PAGE, ST_NOTICE_PAGE_DESC, f);

	*out = NULL;
	*n = 0;
	bind_id(st, 9, f->asset);
	return read_rows(q, st, a, sizeof(**out), notice_head, 0, out, n, d, "notice page");
}

static enum cd_err sq_notice_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
				      struct cd_diag *d)
{
	return work_concerns((struct sq *)s, ST_NOTICE_CONCERNS, id, top, yes, d);
}

/* incident_head reads an INCIDENT_COLS row with its unit's code (a row_reader). */
static void incident_head(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct incident_row *w = out;

	(void)k;
	memset(w, 0, sizeof *w);
	incident_cols(a, st, &w->x);
	w->unit_code = col_str(a, st, 5);
}

static enum cd_err sq_incident_head(struct store *s, int64_t id, const char *code,
				    struct arena *a, struct incident_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt which;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if ((rc = work_get(q, ST_INCIDENT_GET, ST_INCIDENT_GET_CODE, id, code, &which, d,
			   "incident")))
		return rc;
	incident_head(a, q->st[which], 0, out);
	done(q, which);
	return CD_OK;
}

static enum cd_err sq_incident_heads(struct store *s, const struct work_query *f,
				     struct arena *a, struct incident_row **out, size_t *n,
				     struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = work_page(q, ST_INCIDENT_PAGE, ST_INCIDENT_PAGE_DESC, f);

	*out = NULL;
	*n = 0;
	bind_id(st, 9, f->asset);
	return read_rows(q, st, a, sizeof(**out), incident_head, 0, out, n, d, "incident page");
}

static enum cd_err sq_incident_concerns(struct store *s, int64_t id, int64_t top, bool *yes,
					struct cd_diag *d)
{
	return work_concerns((struct sq *)s, ST_INCIDENT_CONCERNS, id, top, yes, d);
}

/* record_head reads a RECORD_COLS row with its unit's code (a row_reader). */
static void record_head(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct record_row *w = out;

	(void)k;
	memset(w, 0, sizeof *w);
	record_cols(a, st, &w->r);
	w->unit_code = col_str(a, st, 13);
}

static enum cd_err sq_record_get(struct store *s, int64_t id, struct arena *a,
				 struct record_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(q->st[ST_RECORD_GET], 1, id);
	if ((rc = fetch(q, ST_RECORD_GET, d, "record")))
		return rc;
	record_head(a, q->st[ST_RECORD_GET], 0, out);
	done(q, ST_RECORD_GET);
	return CD_OK;
}

static enum cd_err sq_record_page(struct store *s, const struct work_query *f, struct arena *a,
				  struct record_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (f->kind >= RECORD__MAX)
		return cd_diag_set(d, CD_EINVAL, "no record kind %d", f->kind);
	st = work_page(q, ST_RECORD_PAGE, ST_RECORD_PAGE_DESC, f);
	if (f->kind >= 0)
		bind_text(st, 5, record_kind_code((enum record_kind)f->kind));
	else
		sqlite3_bind_null(st, 5);
	return read_rows(q, st, a, sizeof(**out), record_head, 0, out, n, d, "record page");
}

/* id_array writes ids[0..n) as a JSON array ("[3,17]", what json_each reads in the statements
 * of a few systems) into a new malloc'd text of *len bytes; NULL when out of memory. The text is
 * capped at INT_MAX bytes, the most sqlite3_bind_text is told (an id is at most 20 characters and
 * a comma: some hundred million ids). */
static char *id_array(const int64_t *ids, size_t n, int *len)
{
	struct dynbuf b;
	bool ok;
	char *text;

	dynbuf_init(&b, INT_MAX);
	ok = dynbuf_addc(&b, '[') == DYNBUF_OK;
	for (size_t i = 0; ok && i < n; i++)
		ok = dynbuf_addf(&b, "%s%lld", i ? "," : "", (long long)ids[i]) == DYNBUF_OK;
	ok = ok && dynbuf_addc(&b, ']') == DYNBUF_OK;
	*len = (int)b.len;
	if (!ok || !(text = dynbuf_take(&b))) {
		dynbuf_free(&b);
		return NULL;
	}
	return text;
}

/* bind_ids binds ids[0..n) as a JSON array to parameter 1 of statement s; false when out of
 * memory. */
static bool bind_ids(struct sq *q, enum stmt s, const int64_t *ids, size_t n)
{
	int len = 0;
	char *text = id_array(ids, n, &len);

	/* SQLite frees the text when done with it (at once when the bind fails) */
	return text && sqlite3_bind_text(q->st[s], 1, text, len, free) == SQLITE_OK;
}

static void event_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct asset_event *e = out;

	(void)k;
	e->asset = sqlite3_column_int64(st, 0);
	e->at = col_time(st, 1);
	e->notice = sqlite3_column_int64(st, 2);
	e->incident = sqlite3_column_int64(st, 3);
	e->code = col_str(a, st, 4);
}

static enum cd_err sq_asset_events(struct store *s, const int64_t *assets, size_t nassets,
				   cd_time from, cd_time to, struct arena *a,
				   struct asset_event **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSET_EVENTS];

	*out = NULL;
	*n = 0;
	if (!nassets)
		return CD_OK;
	if (!bind_ids(q, ST_ASSET_EVENTS, assets, nassets)) {
		done(q, ST_ASSET_EVENTS);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	bind_time(st, 2, from);
	bind_time(st, 3, to);
	return read_rows(q, st, a, sizeof(**out), event_reader, 0, out, n, d, "asset events");
}

/* The own systems of a 举一反三 list as its reads filter by them: their ids, and the distinct
 * kinds, softwares (not '') and operator units (not 0) among them. */
struct similar_own {
	const int64_t *ids;
	size_t nids;
	const char **kinds, **softs;
	int64_t *units;
	size_t nkinds, nsofts, nunits;
	size_t live; /* how many of them are live */
};

static bool own_id(const struct similar_own *o, int64_t id)
{
	for (size_t i = 0; i < o->nids; i++)
		if (o->ids[i] == id)
			return true;
	return false;
}

static bool own_text(const char *const *set, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(set[i], s))
			return true;
	return false;
}

static bool own_unit(const struct similar_own *o, int64_t unit)
{
	for (size_t i = 0; i < o->nunits; i++)
		if (o->units[i] == unit)
			return true;
	return false;
}

/* What similar_read passes over besides the own systems: those of an own operator unit, of an
 * own software, of an own kind. */
enum { SKIP_UNIT = 1, SKIP_SOFT = 2, SKIP_KIND = 4 };

/* similar_read steps statement k (bound by the caller; its rows in SIMILAR_COLS, in id order)
 * and appends to *out, with reasons `why`, its first `need` systems that are not own and not
 * passed over by `skip`, up to id `below` (0: any); then resets k. */
static enum cd_err similar_read(struct sq *q, enum stmt k, unsigned why, unsigned skip,
				const struct similar_own *o, size_t need, int64_t below,
				struct arena *a, struct similar **out, size_t *n, size_t *cap,
				struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[k];
	enum cd_err rc = CD_OK;
	size_t got = 0;
	int step = SQLITE_DONE;

	while (got < need && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct similar *x;

		if (below && id > below)
			break;
		if (own_id(o, id) ||
		    ((skip & SKIP_UNIT) && own_unit(o, sqlite3_column_int64(st, 3))) ||
		    ((skip & SKIP_SOFT) &&
		     own_text(o->softs, o->nsofts, (const char *)sqlite3_column_text(st, 2))) ||
		    ((skip & SKIP_KIND) &&
		     own_text(o->kinds, o->nkinds, (const char *)sqlite3_column_text(st, 1))))
			continue;
		if (!(x = arena_grow(a, out, n, cap, sizeof(*x))) || !(x->code = col_str(a, st, 4)) ||
		    !(x->name = col_str(a, st, 5))) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		x->asset = id;
		x->why = why;
		got++;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(q, d, "similar systems");
	done(q, k);
	return rc;
}

static int similar_by_id(const void *x, const void *y)
{
	int64_t a = ((const struct similar *)x)->asset, b = ((const struct similar *)y)->asset;

	return (a > b) - (a < b);
}

/* similar_take appends to *out the first `need` by id of the systems of one tier got[0..ngot)
 * (read from several combinations, kinds or softwares, each in id order). */
static enum cd_err similar_take(struct similar *got, size_t ngot, size_t need, struct arena *a,
				struct similar **out, size_t *n, size_t *cap, struct cd_diag *d)
{
	if (ngot > 1)
		qsort(got, ngot, sizeof *got, similar_by_id);
	for (size_t i = 0; i < ngot && i < need; i++) {
		struct similar *x = arena_grow(a, out, n, cap, sizeof(*x));

		if (!x)
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		*x = got[i];
	}
	return CD_OK;
}

/* similar_cut keeps the first `need` by id of the systems read so far for a tier,
 * got[0..*ngot), sorted, and returns the id a later read of the tier need not pass (0 while the
 * tier has fewer): each read is in id order, so nothing after that id can be among the first. */
static int64_t similar_cut(struct similar *got, size_t *ngot, size_t need)
{
	if (*ngot < need || !need)
		return 0;
	qsort(got, *ngot, sizeof *got, similar_by_id);
	*ngot = need;
	return got[need - 1].asset;
}

/* One combination of kind, software ('' for none) and own operator unit with live systems,
 * and the reasons its systems share with the own. */
struct similar_combo {
	const char *kind, *software;
	int64_t operator_unit;
	unsigned why;
};

/* own_add adds s to the set[0..*n) (of room nmax) when it is not there yet. */
static void own_add(const char **set, size_t *n, const char *s)
{
	if (!own_text(set, *n, s))
		set[(*n)++] = s;
}

/* similar_own_read reads the own systems assets[0..nassets) into o, in arena a. */
static enum cd_err similar_own_read(struct sq *q, const int64_t *assets, size_t nassets,
				    struct arena *a, struct similar_own *o, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[ST_SIMILAR_OWN];

	memset(o, 0, sizeof *o);
	o->ids = assets;
	o->nids = nassets;
	if (!(o->kinds = arena_alloc(a, nassets * sizeof *o->kinds)) ||
	    !(o->softs = arena_alloc(a, nassets * sizeof *o->softs)) ||
	    !(o->units = arena_alloc(a, nassets * sizeof *o->units)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < nassets; i++) {
		const char *kind, *soft;
		int64_t unit;
		int step;

		bool twice = false;

		for (size_t j = 0; j < i; j++)
			twice = twice || assets[j] == assets[i];
		if (twice)
			continue;
		sqlite3_bind_int64(st, 1, assets[i]);
		if ((step = sqlite3_step(st)) == SQLITE_ROW) {
			if (!(kind = col_str(a, st, 0)) || !(soft = col_str(a, st, 1))) {
				done(q, ST_SIMILAR_OWN);
				return cd_diag_set(d, CD_ENOMEM, "out of memory");
			}
			own_add(o->kinds, &o->nkinds, kind);
			if (*soft)
				own_add(o->softs, &o->nsofts, soft);
			if ((unit = sqlite3_column_int64(st, 2)) && !own_unit(o, unit))
				o->units[o->nunits++] = unit;
			o->live += sqlite3_column_int(st, 3) != 0;
		}
		done(q, ST_SIMILAR_OWN);
		if (step != SQLITE_ROW && step != SQLITE_DONE)
			return db_fail(q, d, "similar systems");
	}
	return CD_OK;
}

/* similar_total: how many live systems other than the own share an own kind or an own software,
 * from the counts of each pair of kind and software. */
static enum cd_err similar_total(struct sq *q, const struct similar_own *o, size_t *total,
				 struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[ST_SIMILAR_TOTAL];
	int64_t sum = 0;

	for (size_t i = 0; i < o->nkinds + o->nsofts; i++) {
		bool kind = i < o->nkinds;
		int step;

		if (kind)
			sqlite3_bind_text(st, 1, o->kinds[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_text(st, 2, o->softs[i - o->nkinds], -1, SQLITE_STATIC);
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			/* a pair of an own kind is counted with the kind, not again with its software */
			if (kind || !own_text(o->kinds, o->nkinds,
					      (const char *)sqlite3_column_text(st, 0)))
				sum += sqlite3_column_int64(st, 2);
		done(q, ST_SIMILAR_TOTAL);
		if (step != SQLITE_DONE)
			return db_fail(q, d, "similar systems");
	}
	sum -= (int64_t)o->live;
	*total = sum > 0 ? (size_t)sum : 0;
	return CD_OK;
}

/* similar_combos reads the combinations of the own operator units that share an own kind or an
 * own software (two reasons or three) into *out, in arena a. */
static enum cd_err similar_combos(struct sq *q, const struct similar_own *o, struct arena *a,
				  struct similar_combo **out, size_t *n, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[ST_SIMILAR];
	size_t cap = 0;

	for (size_t u = 0; u < o->nunits; u++) {
		int step;

		sqlite3_bind_int64(st, 1, o->units[u]);
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *kind = (const char *)sqlite3_column_text(st, 0),
				   *soft = (const char *)sqlite3_column_text(st, 1);
			unsigned why = SIMILAR_OPERATOR |
				       (own_text(o->kinds, o->nkinds, kind) ? SIMILAR_KIND : 0) |
				       (own_text(o->softs, o->nsofts, soft) ? SIMILAR_SOFTWARE : 0);
			struct similar_combo *c;

			if (why == SIMILAR_OPERATOR)
				continue;
			if (!(c = arena_grow(a, out, n, &cap, sizeof(*c))) ||
			    !(c->kind = col_str(a, st, 0)) || !(c->software = col_str(a, st, 1))) {
				done(q, ST_SIMILAR);
				return cd_diag_set(d, CD_ENOMEM, "out of memory");
			}
			c->operator_unit = o->units[u];
			c->why = why;
		}
		done(q, ST_SIMILAR);
		if (step != SQLITE_DONE)
			return db_fail(q, d, "similar systems");
	}
	return CD_OK;
}

/* similar_tier appends to *out the first max - *n by id of the systems with `reasons` reasons:
 * those of each combination of combos[0..ncombos) with that many, and with two, those of an own
 * kind and an own software of any operator unit but the own (SIMILAR_KIND | SIMILAR_SOFTWARE). */
static enum cd_err similar_tier(struct sq *q, const struct similar_own *o,
				const struct similar_combo *combos, size_t ncombos, int reasons,
				size_t max, struct arena *a, struct similar **out, size_t *n,
				size_t *cap, struct cd_diag *d)
{
	struct similar *tier = NULL;
	size_t ntier = 0, tcap = 0, need = max - *n;
	int64_t below = 0;
	sqlite3_stmt *st;
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < ncombos; i++) {
		if (__builtin_popcount(combos[i].why) != reasons)
			continue;
		st = q->st[ST_SIMILAR_COMBO];
		sqlite3_bind_text(st, 1, combos[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, combos[i].software, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, combos[i].operator_unit);
		rc = similar_read(q, ST_SIMILAR_COMBO, combos[i].why, 0, o, need, below, a, &tier,
				  &ntier, &tcap, d);
		below = similar_cut(tier, &ntier, need);
	}
	for (size_t k = 0; !rc && reasons == 2 && k < o->nkinds; k++)
		for (size_t s = 0; !rc && s < o->nsofts; s++) {
			st = q->st[ST_SIMILAR_PAIR];
			sqlite3_bind_text(st, 1, o->kinds[k], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, o->softs[s], -1, SQLITE_STATIC);
			rc = similar_read(q, ST_SIMILAR_PAIR, SIMILAR_KIND | SIMILAR_SOFTWARE,
					  SKIP_UNIT, o, need, below, a, &tier, &ntier, &tcap, d);
			below = similar_cut(tier, &ntier, need);
		}
	return rc ? rc : similar_take(tier, ntier, need, a, out, n, cap, d);
}

/* The 举一反三 list tier by tier: the total from the pairs' counts; those with three reasons,
 * then two (the own operator units' combinations, then each own pair of kind and software of
 * the other units); then, while short, those with one from each own kind and each own software
 * — each read in id order and stopping at what the tier can still take. */
static enum cd_err sq_similar(struct store *s, const int64_t *assets, size_t nassets, size_t max,
			      struct arena *a, struct similar **out, size_t *n, size_t *total,
			      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	struct similar *one = NULL;
	struct similar_combo *combos = NULL;
	struct similar_own o;
	size_t cap = 0, none = 0, ocap = 0, ncombos = 0, need;
	int64_t below = 0;
	enum cd_err rc;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (!nassets)
		return CD_OK;
	if ((rc = similar_own_read(q, assets, nassets, a, &o, d)) ||
	    (rc = similar_total(q, &o, total, d)))
		return rc;
	if (!max || !*total)
		return CD_OK;
	if ((rc = similar_combos(q, &o, a, &combos, &ncombos, d)))
		return rc;
	for (int reasons = 3; reasons >= 2 && *n < max; reasons--)
		if ((rc = similar_tier(q, &o, combos, ncombos, reasons, max, a, out, n, &cap, d)))
			return rc;
	if (*n >= max)
		return CD_OK;
	need = max - *n;
	/* one reason: an own kind alone, an own software alone */
	for (size_t k = 0; !rc && k < o.nkinds; k++) {
		sqlite3_bind_text(q->st[ST_SIMILAR_KIND], 1, o.kinds[k], -1, SQLITE_STATIC);
		rc = similar_read(q, ST_SIMILAR_KIND, SIMILAR_KIND, SKIP_UNIT | SKIP_SOFT, &o, need,
				  below, a, &one, &none, &ocap, d);
		below = similar_cut(one, &none, need);
	}
	for (size_t k = 0; !rc && k < o.nsofts; k++) {
		sqlite3_bind_text(q->st[ST_SIMILAR_SOFTWARE], 1, o.softs[k], -1, SQLITE_STATIC);
		rc = similar_read(q, ST_SIMILAR_SOFTWARE, SIMILAR_SOFTWARE, SKIP_UNIT | SKIP_KIND, &o,
				  need, below, a, &one, &none, &ocap, d);
		below = similar_cut(one, &none, need);
	}
	return rc ? rc : similar_take(one, none, need, a, out, n, &cap, d);
}

static void id_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	(void)a;
	(void)k;
	*(int64_t *)out = sqlite3_column_int64(st, 0);
}

static enum cd_err sq_notices_on(struct store *s, const int64_t *assets, size_t n,
				 struct arena *a, int64_t **out, size_t *nout, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*nout = 0;
	if (!n)
		return CD_OK;
	if (!bind_ids(q, ST_NOTICES_ON, assets, n)) {
		done(q, ST_NOTICES_ON);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	return read_rows(q, q->st[ST_NOTICES_ON], a, sizeof(**out), id_reader, 0, out, nout, d,
			 "notices of systems");
}

/* ---- the derived obligations ---- */

/* The dashboard's counts of obligations (schema 0039) are of one day. A rebuild drops them (the
 * next reader counts the day anew); a write that keeps a part of the obligations changes them by
 * the rows it deleted and added, each counted in its state on that day (OBLIG_COUNTED), instead
 * of leaving the next reader to count every obligation again (at 1,000,000 systems some 700,000
 * rows). Counts that a change would take below none were not those of the rows: dropped, to be
 * counted anew. */

/* counts_open begins a kept write's change of the counts: the day they are of, if any */
static enum cd_err counts_open(struct sq *q, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[ST_OBLIG_COUNTS_DAY];
	int step = sqlite3_step(st);
	const char *day = step == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	enum cd_err rc = step == SQLITE_ROW || step == SQLITE_DONE
				 ? CD_OK
				 : db_fail(q, d, "obligation counts");

	snprintf(q->cday, sizeof q->cday, "%s", day && strlen(day) == 10 ? day : "");
	done(q, ST_OBLIG_COUNTS_DAY);
	q->ndelta = 0;
	return rc;
}

/* delta_add changes the count of (kind, unit, state) by sign */
static enum cd_err delta_add(struct sq *q, const char *kind, int64_t unit, int state, int sign,
			     struct cd_diag *d)
{
	struct count_delta *c;

	for (size_t i = q->ndelta; i-- > 0;) /* the rows of one unit come together */
		if (q->delta[i].unit == unit && q->delta[i].state == state &&
		    !strcmp(q->delta[i].kind, kind)) {
			q->delta[i].n += sign;
			return CD_OK;
		}
	if (q->ndelta == q->capdelta) {
		size_t cap = q->capdelta ? 2 * q->capdelta : 32;

		if (!(c = realloc(q->delta, cap * sizeof *c)))
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		q->delta = c;
		q->capdelta = cap;
	}
	c = &q->delta[q->ndelta++];
	snprintf(c->kind, sizeof c->kind, "%s", kind);
	c->unit = unit;
	c->state = state;
	c->n = sign;
	return CD_OK;
}

/* counted_step runs bound statement s, one of OBLIG_COUNTED: each row it answers changes the
 * counts by sign (-1 deleted, +1 added) */
static enum cd_err counted_step(struct sq *q, enum stmt s, int sign, struct cd_diag *d,
				const char *what)
{
	sqlite3_stmt *st = q->st[s];
	enum cd_err rc = CD_OK;
	int step = SQLITE_DONE;

	if (q->cday[0])
		bind_text(st, sqlite3_bind_parameter_index(st, ":day"), q->cday);
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);

		if (q->cday[0] && kind && sqlite3_column_int(st, 2) >= 0)
			rc = delta_add(q, kind, sqlite3_column_int64(st, 1),
				       sqlite3_column_int(st, 2), sign, d);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, what);
	done(q, s);
	return rc;
}

/* counts_close writes the changes gathered since counts_open into the kept counts */
static enum cd_err counts_close(struct sq *q, struct cd_diag *d)
{
	enum cd_err rc = CD_OK;
	bool lost = false;

	for (size_t i = 0; !rc && !lost && q->cday[0] && i < q->ndelta; i++) {
		const struct count_delta *c = &q->delta[i];
		/* added; or taken away: the row dropped when it held as many, else lessened */
		enum stmt s = c->n > 0 ? ST_OBLIG_COUNT_ADD : ST_OBLIG_COUNT_DROP;

		while (c->n) {
			sqlite3_stmt *st = q->st[s];

			bind_text(st, 1, c->kind);
			sqlite3_bind_int64(st, 2, c->unit);
			sqlite3_bind_int(st, 3, c->state);
			sqlite3_bind_int64(st, 4, c->n > 0 ? c->n : -c->n);
			if ((rc = run(q, s, d, "obligation counts")) || s == ST_OBLIG_COUNT_ADD ||
			    sqlite3_changes(q->db))
				break;
			if (s == ST_OBLIG_COUNT_SUB) { /* fewer kept than taken away */
				lost = true;
				break;
			}
			s = ST_OBLIG_COUNT_SUB;
		}
	}
	q->ndelta = 0;
	if (!rc && lost)
		rc = run(q, ST_OBLIG_COUNTS_STALE, d, "obligation counts");
	return rc;
}

/* replace_rows: store_obligations_replace's deletion and insertion (the counts aside) */
static enum cd_err replace_rows(struct sq *q, enum oblig_set which, int64_t id,
				const struct oblig *v, size_t n, struct cd_diag *d)
{
	static const enum stmt clear[] = {[OSET_ALL] = ST_OBLIG_CLEAR_ALL,
					  [OSET_UNIT] = ST_OBLIG_CLEAR_UNIT,
					  [OSET_ASSET] = ST_OBLIG_CLEAR_ASSET};
	enum stmt add = which == OSET_STAGE ? ST_OBLIG_STAGE : ST_OBLIG_ADD;
	sqlite3_stmt *st;
	enum cd_err rc = CD_OK;

	if (which == OSET_ALL && (rc = run(q, ST_OBLIG_CLEAR_ALL, d, "clearing obligations")))
		return rc;
	if (which == OSET_UNIT || which == OSET_ASSET) {
		sqlite3_bind_int64(q->st[clear[which]], 1, id);
		if ((rc = counted_step(q, clear[which], -1, d, "clearing obligations")))
			return rc;
	}
	if (which == OSET_ALL && !(rc = run(q, ST_OBLIG_UNSTAGE, d, "keeping the obligations")))
		rc = run(q, ST_OBLIG_STAGE_CLEAR, d, "keeping the obligations");
	st = q->st[add];
	for (size_t i = 0; !rc && i < n; i++) {
		const struct oblig *o = &v[i];
		char ev[OBLIG_EVIDENCE_MAX * 21 + 3];
		size_t at = 0;

		ev[at++] = '[';
		for (size_t k = 0; k < o->nevidence; k++)
			at += (size_t)snprintf(ev + at, sizeof ev - at, "%s%lld", k ? "," : "",
					       (long long)o->evidence[k]);
		ev[at++] = ']';
		ev[at] = '\0';
		bind_text(st, 1, oblig_kind_code(o->kind));
		bind_text(st, 2, o->duty ? o->duty->id : NULL);
		sqlite3_bind_int64(st, 3, o->unit);
		sqlite3_bind_int64(st, 4, o->asset);
		bind_text(st, 5, o->period);
		bind_text(st, 6, o->name);
		bind_text(st, 7, o->article);
		bind_date(st, 8, o->start);
		bind_date(st, 9, o->due);
		sqlite3_bind_int(st, 10, o->need);
		sqlite3_bind_int(st, 11, o->have);
		bind_date(st, 12, o->done_on);
		bind_text(st, 13, ev);
		rc = add == ST_OBLIG_ADD ? counted_step(q, add, +1, d, "keeping an obligation")
					 : run(q, add, d, "keeping an obligation");
	}
	return rc;
}

static enum cd_err sq_obligations_replace(struct store *s, enum oblig_set which, int64_t id,
					  const struct oblig *v, size_t n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	if (which == OSET_ALL || which == OSET_STAGE) { /* a rebuild: the day counted anew */
		q->cday[0] = '\0';
		q->ndelta = 0;
		rc = run(q, ST_OBLIG_COUNTS_STALE, d, "obligation counts");
		return rc ? rc : replace_rows(q, which, id, v, n, d);
	}
	if (!(rc = counts_open(q, d)) && !(rc = replace_rows(q, which, id, v, n, d)))
		rc = counts_close(q, d);
	return rc;
}

static void oblig_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct oblig_row *r = out;
	const char *ev = (const char *)sqlite3_column_text(st, 13);

	(void)k;
	r->id = sqlite3_column_int64(st, 0);
	r->o.kind = (enum oblig_kind)col_enum(st, 1, oblig_kind_parse);
	r->duty_id = col_str(a, st, 2);
	r->o.unit = sqlite3_column_int64(st, 3);
	r->o.asset = sqlite3_column_int64(st, 4);
	snprintf(r->o.period, sizeof r->o.period, "%s",
		 sqlite3_column_text(st, 5) ? (const char *)sqlite3_column_text(st, 5) : "");
	r->o.name = col_str(a, st, 6);
	r->o.article = col_str(a, st, 7);
	r->o.start = col_date(st, 8);
	r->o.due = col_date(st, 9);
	r->o.need = sqlite3_column_int(st, 10);
	r->o.have = sqlite3_column_int(st, 11);
	r->o.done_on = col_date(st, 12);
	for (const char *p = ev ? ev : ""; *p && r->o.nevidence < OBLIG_EVIDENCE_MAX;) {
		char *end;
		long long v = strtoll(p, &end, 10);

		if (end != p)
			r->o.evidence[r->o.nevidence++] = v;
		p = end != p ? end : p + 1;
	}
	r->unit_code = col_str(a, st, 14);
	r->asset_code = col_str(a, st, 15);
	r->asset_name = col_str(a, st, 16);
	r->unit_name = col_str(a, st, 17);
}

static enum cd_err sq_obligation_page(struct store *s, const struct oblig_query *f,
				      struct arena *a, struct oblig_row **out, size_t *n,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt which = f->desc ? ST_OBLIG_PAGE_DESC : ST_OBLIG_PAGE;
	sqlite3_stmt *st = q->st[which];

	*out = NULL;
	*n = 0;
	if (f->scope)
		sqlite3_bind_int64(st, 1, f->scope);
	if (f->unit)
		sqlite3_bind_int64(st, 2, f->unit);
	bind_date(st, 3, f->today);
	if (f->state >= 0)
		bind_text(st, 4, due_state_code((enum due_state)f->state));
	/* the days a state can be due on, so that the due-date index is read over those days only
	 * (a state is CASE over each row: a page of the few due today would otherwise read every
	 * obligation after them) */
	cd_date lo = f->state == DUE_TODAY ? f->today
		     : f->state == DUE_OPEN  ? f->today + 1
					     : date_from_ymd(1, 1, 1);
	cd_date hi = f->state == DUE_TODAY   ? f->today
		     : f->state == DUE_OVERDUE ? f->today - 1
					       : date_from_ymd(9999, 12, 31);

	/* … the bound the pages walk towards is the statement's own; the one they start from is the
	 * keyset: the cursor's, or, without one (or with one before day lo), the key just before the
	 * first row of day lo (descending: just after the last of day hi) */
	bind_date(st, 11, lo);
	bind_date(st, 12, hi);
	if (f->after && (f->desc ? f->after_due <= hi : f->after_due >= lo)) {
		bind_date(st, 5, f->after_due);
		sqlite3_bind_int64(st, 6, f->after_id);
		bind_text(st, 8, f->after_name);
		sqlite3_bind_int64(st, 9, f->after_unit);
		sqlite3_bind_int64(st, 10, f->after_asset);
	} else if (f->desc) { /* after every row of day hi: past any name (U+10FFFF is the last) */
		bind_date(st, 5, hi);
		sqlite3_bind_int64(st, 6, INT64_MAX);
		bind_text(st, 8, "\xf4\x8f\xbf\xbf");
		sqlite3_bind_int64(st, 9, INT64_MAX);
		sqlite3_bind_int64(st, 10, INT64_MAX);
	} else { /* before every row of day lo: before any name (none is empty) */
		bind_date(st, 5, lo);
		sqlite3_bind_int64(st, 6, 0);
		bind_text(st, 8, "");
		sqlite3_bind_int64(st, 9, 0);
		sqlite3_bind_int64(st, 10, 0);
	}
	sqlite3_bind_int64(st, 7, (sqlite3_int64)f->limit);
	return read_rows(q, st, a, sizeof(**out), oblig_reader, 0, out, n, d, "obligation page");
}

static int tally_index(sqlite3_stmt *st, int i, int max);

/* counts_kept: the obligation counts kept for `today` (schema 0039) into out, *kept false when
 * they are not of today */
static enum cd_err counts_kept(struct sq *q, int64_t scope, cd_date today,
			       size_t out[OBLIG__MAX][DUE__MAX], bool *kept, struct cd_diag *d)
{
	sqlite3_stmt *st = q->st[ST_OBLIG_COUNTS_DAY];
	char day[11];
	enum cd_err rc = CD_OK;
	int step = sqlite3_step(st);

	*kept = step == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		!strcmp((const char *)sqlite3_column_text(st, 0), date_format(today, day));
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_fail(q, d, "obligation counts");
	done(q, ST_OBLIG_COUNTS_DAY);
	if (rc || !*kept)
		return rc;
	st = q->st[ST_OBLIG_COUNTS_KEPT];
	bind_id(st, 1, scope);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int k = oblig_kind_parse((const char *)sqlite3_column_text(st, 0));
		int state = tally_index(st, 1, DUE__MAX);

		if (k < 0 || state < 0) {
			rc = cd_diag_set(d, CD_ESTORE, "an obligation of unknown kind or state");
			break;
		}
		out[k][state] += (size_t)sqlite3_column_int64(st, 2);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "obligation counts");
	done(q, ST_OBLIG_COUNTS_KEPT);
	return rc;
}

static enum cd_err sq_obligation_counts_keep(struct store *s, cd_date today, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = run(q, ST_OBLIG_COUNTS_CLEAR, d, "obligation counts");

	if (!rc) {
		bind_date(q->st[ST_OBLIG_COUNTS_KEEP], 1, today);
		rc = run(q, ST_OBLIG_COUNTS_KEEP, d, "obligation counts");
	}
	if (!rc) {
		bind_date(q->st[ST_OBLIG_COUNTS_MARK], 1, today);
		rc = run(q, ST_OBLIG_COUNTS_MARK, d, "obligation counts");
	}
	return rc;
}

static enum cd_err sq_obligation_counts(struct store *s, int64_t scope, cd_date today,
					size_t out[OBLIG__MAX][DUE__MAX], bool *kept,
					struct cd_diag *d)
{
	/* the columns of ST_OBLIG_COUNTS after the kind */
	static const enum due_state col[] = {DUE_DONE_ON_TIME, DUE_DONE_LATE, DUE_OVERDUE,
					     DUE_TODAY, DUE_OPEN};
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_OBLIG_COUNTS];
	enum cd_err rc;
	int step;

	memset(out, 0, sizeof(size_t) * OBLIG__MAX * DUE__MAX);
	if ((rc = counts_kept(q, scope, today, out, kept, d)) || *kept)
		return rc;
	if (scope)
		sqlite3_bind_int64(st, 1, scope);
	bind_date(st, 3, today);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int k = oblig_kind_parse((const char *)sqlite3_column_text(st, 0));

		if (k < 0) {
			rc = cd_diag_set(d, CD_ESTORE, "an obligation of unknown kind or state");
			break;
		}
		for (size_t i = 0; i < sizeof col / sizeof *col; i++)
			out[k][col[i]] += (size_t)sqlite3_column_int64(st, (int)i + 1);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "obligation counts");
	done(q, ST_OBLIG_COUNTS);
	return rc;
}

static enum cd_err sq_duty_tally(struct store *s, int64_t scope, cd_date today, struct arena *a,
				 struct duty_tally **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_DUTY_TALLY];
	enum cd_err rc = CD_OK;
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (scope)
		sqlite3_bind_int64(st, 1, scope);
	bind_date(st, 2, today);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct duty_tally *t = arena_grow(a, out, n, &cap, sizeof *t);

		if (!t) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		t->unit = sqlite3_column_int64(st, 0);
		t->code = arena_strdup(a, (const char *)sqlite3_column_text(st, 1));
		t->name = arena_strdup(a, (const char *)sqlite3_column_text(st, 2));
		t->due = (size_t)sqlite3_column_int64(st, 3);
		t->done = (size_t)sqlite3_column_int64(st, 4);
		t->overdue = (size_t)sqlite3_column_int64(st, 5);
		if (!t->code || !t->name) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(q, d, "duty tally");
	done(q, ST_DUTY_TALLY);
	return rc;
}

/* ---- corrections and withdrawals ---- */

static enum cd_err sq_notice_update(struct store *s, const struct notice *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_UPDATE];
	enum cd_err rc;

	sqlite3_bind_int64(st, 1, n->id);
	bind_text(st, 2, n->code);
	bind_text(st, 3, n->authority);
	bind_time(st, 4, n->received_at);
	bind_id(st, 5, n->unit);
	bind_text(st, 6, n->category);
	bind_text(st, 7, n->text);
	bind_text(st, 8, n->attachment);
	bind_date(st, 9, n->stated_due);
	if ((rc = run(q, ST_NOTICE_UPDATE, d, "notice")))
		return rc;
	return sqlite3_changes(q->db) ? CD_OK : cd_diag_set(d, CD_ENOTFOUND, "no such notice");
}

static enum cd_err sq_incident_update(struct store *s, const struct incident *x,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_UPDATE];
	enum cd_err rc;

	sqlite3_bind_int64(st, 1, x->id);
	bind_text(st, 2, x->code);
	bind_text(st, 3, x->title);
	bind_id(st, 4, x->unit);
	bind_time(st, 5, x->detected_at);
	if ((rc = run(q, ST_INCIDENT_UPDATE, d, "incident")))
		return rc;
	return sqlite3_changes(q->db) ? CD_OK : cd_diag_set(d, CD_ENOTFOUND, "no such incident");
}

static enum cd_err sq_record_void(struct store *s, int64_t id, cd_time at, const char *by,
				  const char *reason, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_RECORD_VOID];
	enum cd_err rc;

	sqlite3_bind_int64(st, 1, id);
	bind_time(st, 2, at);
	bind_text(st, 3, by);
	bind_text(st, 4, reason);
	if ((rc = run(q, ST_RECORD_VOID, d, "record")))
		return rc;
	return sqlite3_changes(q->db) ? CD_OK
				      : cd_diag_set(d, CD_ENOTFOUND,
						    "no such record, or it was withdrawn already");
}

static enum cd_err sq_correction_add(struct store *s, const char *object, int64_t id,
				     const struct correction *c, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_CORRECTION_ADD];

	bind_text(st, 1, object);
	sqlite3_bind_int64(st, 2, id);
	bind_time(st, 3, c->at);
	bind_text(st, 4, c->by);
	bind_text(st, 5, c->reason);
	bind_text(st, 6, c->changes);
	return run(q, ST_CORRECTION_ADD, d, "correction");
}

static void correction_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct correction *c = out;

	(void)k;
	c->id = sqlite3_column_int64(st, 0);
	c->at = col_time(st, 1);
	c->by = col_str(a, st, 2);
	c->reason = col_str(a, st, 3);
	c->changes = col_str(a, st, 4);
}

static enum cd_err sq_corrections_of(struct store *s, const char *object, int64_t id,
				     struct arena *a, struct correction **out, size_t *n,
				     struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_CORRECTIONS_OF];

	*out = NULL;
	*n = 0;
	bind_text(st, 1, object);
	sqlite3_bind_int64(st, 2, id);
	return read_rows(q, st, a, sizeof(**out), correction_reader, 0, out, n, d, "corrections");
}

/* ---- the responsibility gaps ---- */

static enum cd_err sq_gaps_clear(struct store *s, struct cd_diag *d)
{
	gone_forget((struct sq *)s); /* a rebuild keeps every gap anew */
	return run((struct sq *)s, ST_GAP_CLEAR, d, "clearing gaps");
}

static enum cd_err sq_gaps_clear_of(struct store *s, enum gap_of which, int64_t id,
				    struct cd_diag *d)
{
	static const enum stmt clear[] = {[GAP_OF_ASSET] = ST_GAP_CLEAR_ASSET,
					  [GAP_OF_UNIT] = ST_GAP_CLEAR_UNIT,
					  [GAP_OF_PROJECT] = ST_GAP_CLEAR_PROJECT};
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[clear[which]];
	enum cd_err rc = CD_OK;
	int r;

	gone_forget(q);
	sqlite3_bind_int64(st, 1, id);
	while (!rc && (r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 1);
		struct gap_gone *g = q->gone;
		size_t cap = q->capgone ? 2 * q->capgone : 16;
		char *k = key ? strdup(key) : NULL;

		if (k && q->ngone == q->capgone && (g = realloc(q->gone, cap * sizeof *g))) {
			q->gone = g;
			q->capgone = cap;
		}
		if (!k || q->ngone == q->capgone) {
			free(k);
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		} else {
			q->gone[q->ngone++] = (struct gap_gone){sqlite3_column_int64(st, 0), k};
		}
	}
	if (!rc && r != SQLITE_DONE)
		rc = db_fail(q, d, "clearing gaps");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* gone_take answers the id of the gap the last clearing deleted that is gap g found again (the
 * same rule, subject, unit, system, project and role), taken once; 0 when none is. */
static int64_t gone_take(struct sq *q, const struct gap_row *g)
{
	const struct finding *f = &g->f;
	const char *role = f->rule == CHECK_ROLE_MISSING || f->rule == CHECK_ROLE_OVERLAP
				   ? role_code(f->role)
				   : "";
	char key[1024];
	int n = snprintf(key, sizeof key, "%s\x1f%s\x1f%lld\x1f%lld\x1f%lld\x1f%s",
			 check_rule_code(f->rule), f->subject ? f->subject : "",
			 (long long)g->judged_in, (long long)f->asset, (long long)f->project,
			 role ? role : "");

	for (size_t i = 0; n > 0 && (size_t)n < sizeof key && i < q->ngone; i++)
		if (q->gone[i].key && !strcmp(q->gone[i].key, key)) {
			free(q->gone[i].key);
			q->gone[i].key = NULL;
			return q->gone[i].id;
		}
	return 0;
}

static enum cd_err sq_gap_add(struct store *s, struct gap_row *g, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_GAP_ADD];
	const struct finding *f = &g->f;
	int64_t back;
	enum cd_err rc;

	bind_text(st, 1, check_rule_code(f->rule));
	bind_text(st, 2, f->article);
	bind_text(st, 3, f->subject);
	sqlite3_bind_int64(st, 4, g->judged_in);
	sqlite3_bind_int64(st, 5, f->asset);
	sqlite3_bind_int64(st, 6, f->project);
	if (f->rule == CHECK_ROLE_MISSING || f->rule == CHECK_ROLE_OVERLAP)
		bind_text(st, 7, role_code(f->role));
	bind_date(st, 8, f->since);
	bind_text(st, 9, g->message);
	if ((back = gone_take(q, g)))
		sqlite3_bind_int64(st, 10, back);
	if (!(rc = run(q, ST_GAP_ADD, d, "gap")))
		g->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static void gap_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct gap_row *g = out;
	int rule = check_rule_parse((const char *)sqlite3_column_text(st, 1));
	int role = sqlite3_column_type(st, 7) == SQLITE_NULL
			   ? 0
			   : role_parse((const char *)sqlite3_column_text(st, 7));

	(void)k;
	g->id = sqlite3_column_int64(st, 0);
	g->f.rule = rule < 0 ? CHECK_ROLE_MISSING : (enum check_rule)rule;
	g->f.article = col_str(a, st, 2);
	g->f.subject = col_str(a, st, 3);
	g->judged_in = sqlite3_column_int64(st, 4);
	g->f.asset = sqlite3_column_int64(st, 5);
	g->f.project = sqlite3_column_int64(st, 6);
	g->f.unit = g->f.asset ? 0 : g->judged_in;
	g->f.role = role < 0 ? 0 : (enum role)role;
	g->f.since = col_date(st, 8);
	g->message = col_str(a, st, 9);
	g->unit_code = col_str(a, st, 10);
	g->asset_code = col_str(a, st, 11);
	g->asset_name = col_str(a, st, 12);
	g->unit_name = col_str(a, st, 13);
}

static enum cd_err sq_gap_page(struct store *s, int64_t scope, int rule, int64_t after,
			       size_t limit, struct arena *a, struct gap_row **out, size_t *n,
			       struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_GAP_PAGE];

	*out = NULL;
	*n = 0;
	if (scope)
		sqlite3_bind_int64(st, 1, scope);
	if (rule >= 0)
		bind_text(st, 2, check_rule_code((enum check_rule)rule));
	sqlite3_bind_int64(st, 3, after);
	sqlite3_bind_int64(st, 4, limit > INT64_MAX ? INT64_MAX : (sqlite3_int64)limit);
	return read_rows(q, st, a, sizeof(**out), gap_reader, 0, out, n, d, "gap page");
}

static enum cd_err sq_gap_counts(struct store *s, int64_t scope, size_t out[CHECK__MAX],
				 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_GAP_COUNTS];
	enum cd_err rc = CD_OK;
	int step;

	memset(out, 0, sizeof(size_t) * CHECK__MAX);
	if (scope)
		sqlite3_bind_int64(st, 1, scope);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int rule = check_rule_parse((const char *)sqlite3_column_text(st, 0));

		if (rule < 0) {
			rc = cd_diag_set(d, CD_ESTORE, "a gap of unknown rule");
			break;
		}
		out[rule] += (size_t)sqlite3_column_int64(st, 1);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "gap counts");
	done(q, ST_GAP_COUNTS);
	return rc;
}

/* --- the kept verdicts (store_verdict.h) ------------------------------------------------------ */

static enum cd_err sq_verdicts_missing(struct store *s, cd_time now, struct arena *a,
				       int64_t **notices, size_t *nn, int64_t **incidents,
				       size_t *ni, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	*notices = *incidents = NULL;
	*nn = *ni = 0;
	rc = read_rows(q, q->st[ST_VERDICT_NOTICES_MISSING], a, sizeof **notices, id_reader, 0,
		       notices, nn, d, "notices without a verdict");
	if (rc)
		return rc;
	bind_time(q->st[ST_VERDICT_INCIDENTS_MISSING], 1, now);
	return read_rows(q, q->st[ST_VERDICT_INCIDENTS_MISSING], a, sizeof **incidents, id_reader,
			 0, incidents, ni, d, "incidents without a verdict");
}

static enum cd_err sq_notice_verdict_put(struct store *s, const struct notice_verdict *v,
					 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_VERDICT_PUT];

	sqlite3_bind_int64(st, 1, v->notice);
	sqlite3_bind_int(st, 2, (int)v->stage);
	bind_date(st, 3, v->due);
	bind_time(st, 4, v->feedback_at);
	return run(q, ST_NOTICE_VERDICT_PUT, d, "notice verdict");
}

static enum cd_err sq_incident_verdict_put(struct store *s, const struct incident_verdict *v,
					   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_VERDICT_PUT];

	sqlite3_bind_int64(st, 1, v->incident);
	sqlite3_bind_int(st, 2, (int)v->grade);
	bind_text(st, 3, v->class_code);
	sqlite3_bind_int(st, 4, v->ended);
	sqlite3_bind_int(st, 5, v->report_required);
	bind_time(st, 6, v->report_due);
	bind_time(st, 7, v->reported_at);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)v->fired);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)v->questions);
	bind_time(st, 10, v->valid_until);
	sqlite3_bind_int(st, 11, v->volatile_);
	sqlite3_bind_int(st, 12, v->draft);
	bind_date(st, 13, v->summary_due);
	bind_time(st, 14, v->summary_at);
	sqlite3_bind_int(st, 15, v->graded);
	sqlite3_bind_int(st, 16, v->case_stage);
	return run(q, ST_INCIDENT_VERDICT_PUT, d, "incident verdict");
}

static enum cd_err sq_incident_verdict_get(struct store *s, int64_t id,
					   struct incident_verdict *out, bool *found,
					   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_VERDICT_GET];
	enum cd_err rc = CD_OK;
	int step;

	*found = false;
	sqlite3_bind_int64(st, 1, id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		int g = sqlite3_column_int(st, 0);

		*out = (struct incident_verdict){
			.incident = id, .grade = g >= 0 && g < GRADE__MAX ? (enum grade)g : GRADE_GENERAL,
			.ended = sqlite3_column_int(st, 1), .report_required = sqlite3_column_int(st, 2),
			.report_due = col_time(st, 3), .reported_at = col_time(st, 4),
			.fired = (size_t)sqlite3_column_int64(st, 5),
			.questions = (size_t)sqlite3_column_int64(st, 6), .valid_until = col_time(st, 7),
			.draft = sqlite3_column_int(st, 8), .summary_due = col_date(st, 9),
			.summary_at = col_time(st, 10), .volatile_ = sqlite3_column_int(st, 11),
			.graded = sqlite3_column_int(st, 12), .case_stage = sqlite3_column_int(st, 13)};
		*found = true;
	} else if (step != SQLITE_DONE) {
		rc = db_fail(q, d, "reading an incident's verdict");
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* tally_index: column i of st as an index below max, or -1. */
static int tally_index(sqlite3_stmt *st, int i, int max)
{
	int k = sqlite3_column_int(st, i);

	return sqlite3_column_type(st, i) != SQLITE_NULL && k >= 0 && k < max ? k : -1;
}

static enum cd_err sq_notice_tally(struct store *s, int64_t scope, cd_time now, struct arena *a,
				   struct notice_tally *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTICE_TALLY];
	cd_date today = time_cst_date(now);
	char year[8];
	int y, m, dd, step;
	enum cd_err rc = CD_OK;

	memset(out, 0, sizeof *out);
	date_to_ymd(today, &y, &m, &dd);
	snprintf(year, sizeof year, "%04d", y);
	bind_id(st, 1, scope);
	bind_date(st, 2, today);
	bind_text(st, 3, year);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int stage = tally_index(st, 0, STAGE__MAX), state = tally_index(st, 1, DUE__MAX);
		int month = sqlite3_column_int(st, 2);
		size_t n = (size_t)sqlite3_column_int64(st, 3);

		if (stage < 0 || state < 0) {
			rc = cd_diag_set(d, CD_ESTORE, "a notice verdict of unknown stage or state");
			break;
		}
		out->total += n;
		out->stages[stage] += n;
		out->states[state] += n;
		if (month < 1 || month > 12)
			continue;
		out->received[month - 1] += n;
		if (state == DUE_DONE_ON_TIME)
			out->on_time[month - 1] += n;
		else if (state == DUE_DONE_LATE)
			out->late[month - 1] += n;
		else
			out->open[month - 1] += n;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "notice counts");
	done(q, ST_NOTICE_TALLY);
	if (rc)
		return rc;
	st = q->st[ST_NOTICE_TALLY_LATE];
	bind_id(st, 1, scope);
	bind_date(st, 2, today);
	sqlite3_bind_int(st, 3, NOTICE_TALLY_LATE);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && out->noverdue < NOTICE_TALLY_LATE) {
		size_t i = out->noverdue++;

		out->overdue[i].code = col_str(a, st, 0);
		out->overdue[i].unit = col_str(a, st, 1);
		out->overdue[i].due = col_date(st, 2);
		if (!out->overdue[i].code) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(q, d, "overdue notices");
	done(q, ST_NOTICE_TALLY_LATE);
	if (rc)
		return rc;
	st = q->st[ST_NOTICE_TALLY_UNKEPT];
	bind_id(st, 1, scope);
	if (sqlite3_step(st) == SQLITE_ROW)
		out->unkept = (size_t)sqlite3_column_int64(st, 0);
	else
		rc = db_fail(q, d, "notices without a verdict");
	done(q, ST_NOTICE_TALLY_UNKEPT);
	return rc;
}

static enum cd_err sq_incident_tally(struct store *s, int64_t scope, cd_time now,
				     struct arena *a, struct incident_tally *out,
				     struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_INCIDENT_TALLY];
	int step;
	enum cd_err rc = CD_OK;

	memset(out, 0, sizeof *out);
	bind_id(st, 1, scope);
	bind_time(st, 2, now);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int grade = tally_index(st, 0, GRADE__MAX), state = tally_index(st, 4, DUE__MAX);
		size_t n = (size_t)sqlite3_column_int64(st, 7);
		struct incident_class_count *c;

		if (grade < 0 || state < 0) {
			rc = cd_diag_set(d, CD_ESTORE, "an incident verdict of unknown grade or state");
			break;
		}
		if (!(c = store_incident_tally_class(out, a, (const char *)sqlite3_column_text(st, 1),
				      sqlite3_column_int64(st, 8)))) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		c->n += n;
		out->total += n;
		out->grades[grade] += n;
		out->open += sqlite3_column_int(st, 2) ? 0 : n;
		if (sqlite3_column_int(st, 3)) {
			out->required += n;
			out->reports[state] += n;
		}
		out->fired += sqlite3_column_int(st, 5) ? n : 0;
		out->questions += (size_t)sqlite3_column_int64(st, 6);
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "incident counts");
	done(q, ST_INCIDENT_TALLY);
	if (rc)
		return rc;
	st = q->st[ST_INCIDENT_TALLY_UNKEPT];
	bind_id(st, 1, scope);
	bind_time(st, 2, now);
	return read_rows(q, st, a, sizeof *out->unkept, id_reader, 0, &out->unkept, &out->nunkept,
			 d, "incidents without a verdict");
}

static enum cd_err sq_notice_state_heads(struct store *s, const struct work_query *f,
					 int state, cd_date today, struct arena *a,
					 struct notice_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	if (state < 0 || state >= DUE__MAX)
		return cd_diag_set(d, CD_EINVAL, "no such state");
	st = work_page(q, ST_NOTICE_STATE0 + state, ST_NOTICE_STATE0 + DUE__MAX + state, f);
	bind_date(st, 5, today);
	bind_id(st, 9, f->asset);
	return read_rows(q, st, a, sizeof(**out), notice_head, 0, out, n, d, "notice page");
}

static enum cd_err sq_obligations_replace_duties(struct store *s, const int64_t *units,
						 size_t nunits, const char *const *duties,
						 size_t nduties, const struct oblig *v, size_t n,
						 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_OBLIG_CLEAR_DUTY];
	enum cd_err rc = counts_open(q, d);

	for (size_t u = 0; !rc && u < nunits; u++)
		for (size_t k = 0; !rc && k < nduties; k++) {
			sqlite3_bind_int64(st, 1, units[u]);
			bind_text(st, 2, duties[k]);
			rc = counted_step(q, ST_OBLIG_CLEAR_DUTY, -1, d, "clearing obligations");
		}
	if (!rc && !(rc = replace_rows(q, OSET_ADD, 0, v, n, d)))
		rc = counts_close(q, d);
	return rc;
}

static void record_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	(void)k;
	record_cols(a, st, out);
}

static enum cd_err sq_records_answering(struct store *s, int64_t unit, int kind,
					const char *const *duties, size_t nduties, struct arena *a,
					struct record **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc = CD_OK;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t k = 0; !rc && k <= nduties; k++) {
		enum stmt which = k < nduties ? ST_RECORD_ANSWERING_DUTY : ST_RECORD_ANSWERING_KIND;
		sqlite3_stmt *st = q->st[which];
		struct record *part = NULL;
		size_t np = 0;

		if (k == nduties && kind < 0)
			break; /* no kind answers the duties: only the records naming them */
		bind_text(st, 1, k < nduties ? duties[k]
					     : record_kind_code((enum record_kind)kind));
		sqlite3_bind_int64(st, 2, unit ? unit : INT64_MIN);
		sqlite3_bind_int64(st, 3, unit ? unit : INT64_MAX);
		/* each read into an array of its own (read_rows grows one array from empty),
		 * then appended */
		rc = read_rows(q, st, a, sizeof *part, record_reader, 0, &part, &np, d,
			       "loading records");
		if (!rc && np && !arena_reserve(a, out, *n, &cap, *n + np, sizeof **out))
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		if (!rc && np) {
			memcpy(*out + *n, part, np * sizeof *part);
			*n += np;
		}
	}
	return rc;
}

static void text_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	(void)k;
	*(const char **)out = col_str(a, st, 0);
}

static enum cd_err sq_obligation_duties0(struct store *s, struct arena *a, const char ***out,
					 size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*n = 0;
	return read_rows(q, q->st[ST_OBLIG_DUTIES0], a, sizeof(**out), text_reader, 0, out, n, d,
			 "obligations of no unit");
}

static enum cd_err sq_record_answer(struct store *s, int64_t record, int64_t unit,
				    struct arena *a, struct record_answer *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_RECORD_ANSWER];
	enum cd_err rc = CD_OK;
	int step;

	memset(out, 0, sizeof *out);
	out->due = out->done_on = CD_DATE_NONE;
	sqlite3_bind_int64(st, 1, record);
	sqlite3_bind_int64(st, 2, unit);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->duty = col_str(a, st, 0);
		out->name = col_str(a, st, 1);
		out->period = col_str(a, st, 2);
		out->have = sqlite3_column_int(st, 3);
		out->need = sqlite3_column_int(st, 4);
		out->due = col_date(st, 5);
		out->done_on = col_date(st, 6);
	} else if (step != SQLITE_DONE) {
		rc = db_fail(q, d, "the duty a record answered");
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* --- evidence files (schema 0013) -------------------------------------------------------------- */

static enum cd_err sq_evidence_add(struct store *s, struct evidence_row *e, const void *bytes,
				   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_EVIDENCE_BLOB_ADD];
	enum cd_err rc;

	if (e->size <= 0)
		return cd_diag_set(d, CD_EINVAL, "an evidence file holds at least one byte");
	bind_text(st, 1, e->sm3);
	sqlite3_bind_int64(st, 2, e->size);
	sqlite3_bind_blob64(st, 3, bytes, (sqlite3_uint64)e->size, SQLITE_STATIC);
	if ((rc = run(q, ST_EVIDENCE_BLOB_ADD, d, "evidence file")))
		return rc;
	st = q->st[ST_EVIDENCE_ADD];
	bind_text(st, 1, e->owner_kind);
	sqlite3_bind_int64(st, 2, e->owner_id);
	bind_text(st, 3, e->name);
	bind_text(st, 4, e->type);
	sqlite3_bind_int64(st, 5, e->size);
	bind_text(st, 6, e->sm3);
	bind_time(st, 7, e->added_at);
	bind_text(st, 8, e->added_by);
	return insert(q, ST_EVIDENCE_ADD, d, "evidence", &e->id);
}

static void evidence_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct evidence_row *e = out;

	(void)k;
	e->id = sqlite3_column_int64(st, 0);
	e->owner_kind = col_str(a, st, 1);
	e->owner_id = sqlite3_column_int64(st, 2);
	e->name = col_str(a, st, 3);
	e->type = col_str(a, st, 4);
	e->size = sqlite3_column_int64(st, 5);
	col_copy(st, 6, e->sm3, sizeof e->sm3);
	e->added_at = col_time(st, 7);
	e->added_by = col_str(a, st, 8);
	e->withdrawn_at = col_time(st, 9);
	e->withdrawn_by = col_str(a, st, 10);
	e->withdraw_reason = col_str(a, st, 11);
}

static enum cd_err sq_evidence_get(struct store *s, int64_t id, struct arena *a,
				   struct evidence_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(q->st[ST_EVIDENCE_GET], 1, id);
	if ((rc = fetch(q, ST_EVIDENCE_GET, d, "evidence file")))
		return rc;
	evidence_reader(a, q->st[ST_EVIDENCE_GET], 0, out);
	done(q, ST_EVIDENCE_GET);
	return out->owner_kind && out->name && out->type && out->added_by
		       ? CD_OK
		       : cd_diag_set(d, CD_ENOMEM, "out of memory");
}

static enum cd_err sq_evidence_list(struct store *s, const char *kind, int64_t owner,
				    struct arena *a, struct evidence_row **out, size_t *n,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_EVIDENCE_LIST];

	*out = NULL;
	*n = 0;
	bind_text(st, 1, kind);
	sqlite3_bind_int64(st, 2, owner);
	return read_rows(q, st, a, sizeof(**out), evidence_reader, 0, out, n, d, "evidence files");
}

static enum cd_err sq_evidence_withdraw(struct store *s, int64_t id, cd_time at, const char *by,
					const char *reason, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_EVIDENCE_WITHDRAW];

	sqlite3_bind_int64(st, 1, id);
	bind_time(st, 2, at);
	bind_text(st, 3, by);
	bind_text(st, 4, reason);
	return change(q, ST_EVIDENCE_WITHDRAW, d, "evidence file standing");
}

static enum cd_err sq_evidence_read(struct store *s, const char *sm3, uint64_t off, void *buf,
				    size_t n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_EVIDENCE_BLOB_ID];
	sqlite3_blob *b = NULL;
	int64_t row, size;
	enum cd_err rc;

	bind_text(st, 1, sm3);
	if ((rc = fetch(q, ST_EVIDENCE_BLOB_ID, d, "evidence file")))
		return rc;
	row = sqlite3_column_int64(st, 0);
	size = sqlite3_column_int64(st, 1);
	done(q, ST_EVIDENCE_BLOB_ID);
	if (off > (uint64_t)size || n > (uint64_t)size - off || n > INT32_MAX)
		return cd_diag_set(d, CD_EINVAL, "bytes %llu … %llu lie past the end of the file (%lld)",
				   (unsigned long long)off, (unsigned long long)(off + n),
				   (long long)size);
	if (!n)
		return CD_OK;
	if (sqlite3_blob_open(q->db, "main", "evidence_blob", "bytes", row, 0, &b) != SQLITE_OK ||
	    sqlite3_blob_read(b, buf, (int)n, (int)off) != SQLITE_OK)
		rc = db_fail(q, d, "reading an evidence file");
	sqlite3_blob_close(b);
	return rc;
}


/* --- yearly assessments (store_assess.h) ------------------------------------------------------- */

static enum cd_err sq_assess_template_put(struct store *s, const char *template_id,
					  const char *source, int64_t *id, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	bind_text(q->st[ST_ASSESS_TPL_ADD], 1, template_id);
	bind_text(q->st[ST_ASSESS_TPL_ADD], 2, source);
	if ((rc = run(q, ST_ASSESS_TPL_ADD, d, "assessment template")))
		return rc;
	bind_text(q->st[ST_ASSESS_TPL_ID], 1, source);
	if ((rc = fetch(q, ST_ASSESS_TPL_ID, d, "assessment template")))
		return rc;
	*id = sqlite3_column_int64(q->st[ST_ASSESS_TPL_ID], 0);
	done(q, ST_ASSESS_TPL_ID);
	return CD_OK;
}

static void bind_score(sqlite3_stmt *st, int i, bool scored, int64_t total)
{
	if (scored)
		sqlite3_bind_int64(st, i, total);
	else
		sqlite3_bind_null(st, i);
}

static enum cd_err sq_assess_add(struct store *s, struct assess_rec *r, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_ADD];

	sqlite3_bind_int64(st, 1, r->unit);
	sqlite3_bind_int(st, 2, r->year);
	sqlite3_bind_int(st, 3, r->version);
	sqlite3_bind_int64(st, 4, r->template);
	bind_text(st, 5, assess_stage_code(r->stage));
	bind_score(st, 6, r->scored, r->total);
	bind_text(st, 7, r->grade);
	sqlite3_bind_int(st, 8, r->vetoed);
	bind_id(st, 9, r->supersedes);
	bind_time(st, 10, r->opened_at);
	bind_text(st, 11, r->opened_by);
	return insert(q, ST_ASSESS_ADD, d, "assessment", &r->id);
}

/* assess_cols reads ASSESS_COLS from column 0. */
static void assess_cols(struct arena *a, sqlite3_stmt *st, struct assess_rec *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->unit = sqlite3_column_int64(st, 1);
	r->unit_code = col_str(a, st, 2);
	r->unit_name = col_str(a, st, 3);
	r->year = sqlite3_column_int(st, 4);
	r->version = sqlite3_column_int(st, 5);
	r->template = sqlite3_column_int64(st, 6);
	r->template_id = col_str(a, st, 7);
	r->template_source = col_str(a, st, 8);
	r->stage = (enum assess_stage)col_enum(st, 9, assess_stage_parse);
	r->scored = sqlite3_column_type(st, 10) != SQLITE_NULL;
	r->total = sqlite3_column_int64(st, 10);
	r->grade = col_str(a, st, 11);
	r->vetoed = sqlite3_column_int(st, 12) != 0;
	r->supersedes = sqlite3_column_int64(st, 13);
	r->opened_at = col_time(st, 14);
	r->opened_by = col_str(a, st, 15);
	r->latest = sqlite3_column_int(st, 16) != 0;
}

static void assess_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	(void)k;
	assess_cols(a, st, out);
}

static enum cd_err sq_assess_get(struct store *s, int64_t id, int64_t unit, int year,
				 struct arena *a, struct assess_rec *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt k = id ? ST_ASSESS_GET : ST_ASSESS_LATEST;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if (id) {
		sqlite3_bind_int64(q->st[k], 1, id);
	} else {
		sqlite3_bind_int64(q->st[k], 1, unit);
		sqlite3_bind_int(q->st[k], 2, year);
	}
	if ((rc = fetch(q, k, d, "assessment")))
		return rc;
	assess_cols(a, q->st[k], out);
	done(q, k);
	return out->unit_code && out->template_source && out->opened_by
		       ? CD_OK
		       : cd_diag_set(d, CD_ENOMEM, "out of memory");
}

static enum cd_err sq_assess_within(struct store *s, int64_t id, int64_t top, bool *yes,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	sqlite3_bind_int64(q->st[ST_ASSESS_WITHIN], 1, id);
	bind_id(q->st[ST_ASSESS_WITHIN], 2, top);
	if ((rc = fetch(q, ST_ASSESS_WITHIN, d, "assessment")))
		return rc;
	*yes = sqlite3_column_int(q->st[ST_ASSESS_WITHIN], 0) != 0;
	done(q, ST_ASSESS_WITHIN);
	return CD_OK;
}

static enum cd_err sq_assess_page(struct store *s, const struct assess_query *qq, struct arena *a,
				  struct assess_rec **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_PAGE];

	*out = NULL;
	*n = 0;
	bind_id(st, 1, qq->scope);
	bind_id(st, 2, qq->unit);
	if (qq->year)
		sqlite3_bind_int(st, 3, qq->year);
	bind_text(st, 4, qq->stage >= 0 ? assess_stage_code((enum assess_stage)qq->stage) : NULL);
	sqlite3_bind_int64(st, 5, qq->after);
	sqlite3_bind_int64(st, 6, (int64_t)qq->limit);
	return read_rows(q, st, a, sizeof **out, assess_reader, 0, out, n, d, "assessments");
}

static enum cd_err sq_assess_update(struct store *s, const struct assess_rec *r, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_UPDATE];

	sqlite3_bind_int64(st, 1, r->id);
	bind_text(st, 2, assess_stage_code(r->stage));
	bind_score(st, 3, r->scored, r->total);
	bind_text(st, 4, r->grade);
	sqlite3_bind_int(st, 5, r->vetoed);
	return change(q, ST_ASSESS_UPDATE, d, "assessment");
}

static enum cd_err sq_assess_value_put(struct store *s, int64_t sheet,
				       const struct assess_value_rec *v, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_VALUE_PUT];

	sqlite3_bind_int64(st, 1, sheet);
	bind_text(st, 2, v->indicator);
	bind_text(st, 3, v->kind);
	if (v->kind) {
		sqlite3_bind_int64(st, 4, v->n);
		sqlite3_bind_int64(st, 5, v->d);
	}
	bind_text(st, 6, v->exempt_reason);
	bind_text(st, 7, v->note);
	sqlite3_bind_int(st, 8, v->computed);
	bind_text(st, 9, v->proof);
	bind_time(st, 10, v->at);
	bind_text(st, 11, v->by);
	return run(q, ST_ASSESS_VALUE_PUT, d, "assessment value");
}

static void assess_value_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct assess_value_rec *v = out;

	(void)k;
	v->indicator = col_str(a, st, 0);
	v->kind = col_str(a, st, 1);
	v->n = sqlite3_column_int64(st, 2);
	v->d = sqlite3_column_int64(st, 3);
	v->exempt_reason = col_str(a, st, 4);
	v->note = col_str(a, st, 5);
	v->computed = sqlite3_column_int(st, 6) != 0;
	v->proof = col_str(a, st, 7);
	v->at = col_time(st, 8);
	v->by = col_str(a, st, 9);
}

static enum cd_err sq_assess_values(struct store *s, int64_t sheet, struct arena *a,
				    struct assess_value_rec **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(q->st[ST_ASSESS_VALUES], 1, sheet);
	return read_rows(q, q->st[ST_ASSESS_VALUES], a, sizeof **out, assess_value_reader, 0, out,
			 n, d, "assessment values");
}

static enum cd_err sq_assess_step_add(struct store *s, int64_t sheet, struct assess_step_rec *e,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_STEP_ADD];

	sqlite3_bind_int64(st, 1, sheet);
	bind_text(st, 2, e->kind);
	bind_text(st, 3, e->from >= 0 ? assess_stage_code((enum assess_stage)e->from) : NULL);
	bind_text(st, 4, assess_stage_code((enum assess_stage)e->to));
	bind_time(st, 5, e->at);
	bind_text(st, 6, e->by);
	bind_text(st, 7, e->comment);
	bind_score(st, 8, e->scored, e->total);
	bind_text(st, 9, e->grade);
	return insert(q, ST_ASSESS_STEP_ADD, d, "assessment step", &e->id);
}

static void assess_step_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct assess_step_rec *e = out;

	(void)k;
	e->id = sqlite3_column_int64(st, 0);
	e->kind = col_str(a, st, 1);
	e->from = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : col_enum(st, 2, assess_stage_parse);
	e->to = col_enum(st, 3, assess_stage_parse);
	e->at = col_time(st, 4);
	e->by = col_str(a, st, 5);
	e->comment = col_str(a, st, 6);
	e->scored = sqlite3_column_type(st, 7) != SQLITE_NULL;
	e->total = sqlite3_column_int64(st, 7);
	e->grade = col_str(a, st, 8);
}

static enum cd_err sq_assess_steps(struct store *s, int64_t sheet, struct arena *a,
				   struct assess_step_rec **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(q->st[ST_ASSESS_STEPS], 1, sheet);
	return read_rows(q, q->st[ST_ASSESS_STEPS], a, sizeof **out, assess_step_reader, 0, out, n,
			 d, "assessment steps");
}

static void assess_rank_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct assess_rank_rec *r = out;

	(void)k;
	assess_cols(a, st, &r->r);
	r->has_prev = sqlite3_column_type(st, 17) != SQLITE_NULL;
	r->prev_id = sqlite3_column_int64(st, 17);
	r->prev_scored = sqlite3_column_type(st, 18) != SQLITE_NULL;
	r->prev_total = sqlite3_column_int64(st, 18);
	r->prev_grade = col_str(a, st, 19);
	r->prev_stage = r->has_prev ? col_enum(st, 20, assess_stage_parse) : -1;
}

static enum cd_err sq_assess_ranking(struct store *s, int64_t scope, int year, size_t max,
				     struct arena *a, struct assess_rank_rec **out, size_t *n,
				     struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_ASSESS_RANKING];
	enum cd_err rc;

	*out = NULL;
	*n = 0;
	bind_id(st, 1, scope);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, (int64_t)max + 1);
	rc = read_rows(q, st, a, sizeof **out, assess_rank_reader, 0, out, n, d, "ranking");
	if (!rc && *n > max)
		rc = cd_diag_set(d, CD_ENOMEM, "more than %zu units assessed in %d", max, year);
	return rc;
}

static enum cd_err sq_assess_proofs(struct store *s, enum assess_source src, const char *kind,
				    int64_t unit, int year, cd_date day, size_t max,
				    struct arena *a, struct assess_proof_rec **out, size_t *n,
				    struct assess_tally *t, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st;
	char y[8];
	size_t cap = 0;
	enum cd_err rc = CD_OK;
	int step;

	*out = NULL;
	*n = 0;
	memset(t, 0, sizeof *t);
	if ((unsigned)src >= ASRC__MAX)
		return cd_diag_set(d, CD_EINVAL, "no such source of an indicator");
	st = q->st[ST_ASSESS_SRC0 + src];
	snprintf(y, sizeof y, "%04d", year);
	sqlite3_bind_int64(st, 1, unit);
	sqlite3_bind_text(st, 2, y, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(st) >= 3)
		bind_text(st, 3, kind);
	if (sqlite3_bind_parameter_count(st) >= 4)
		bind_date(st, 4, day);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		bool ok = sqlite3_column_int(st, 4) != 0;

		t->rows++;
		t->ok += ok;
		t->a += sqlite3_column_int64(st, 5);
		t->b += sqlite3_column_int64(st, 6);
		if (*n < max) {
			struct assess_proof_rec *p = arena_grow(a, out, n, &cap, sizeof **out);

			if (!p) {
				rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
				break;
			}
			p->kind = col_str(a, st, 0);
			p->id = sqlite3_column_int64(st, 1);
			p->code = col_str(a, st, 2);
			p->label = col_str(a, st, 3);
			p->ok = ok;
			p->a = sqlite3_column_int64(st, 5);
			p->b = sqlite3_column_int64(st, 6);
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_fail(q, d, "the records of an indicator");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* duty_held reads a row of ST_DUTIES_HELD (a row_reader). */
static void duty_held(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct duty_held *h = out;

	rec_row(a, st, k, &h->w);
	h->person_name = col_str(a, st, 12);
}

static enum cd_err sq_account_must_change(struct store *s, int64_t id, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_ACCOUNT_MUST_CHANGE], 1, id);
	return change(q, ST_ACCOUNT_MUST_CHANGE, d, "account");
}

static enum cd_err sq_duties_held(struct store *s, int64_t unit, int role, struct arena *a,
				  struct duty_held **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_DUTIES_HELD];

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, unit);
	if (role >= 0)
		bind_text(st, 2, role_code((enum role)role));
	return read_rows(q, st, a, sizeof(**out), duty_held, SR_DUTY, out, n, d, "duties held");
}

static void post_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct post *p = out;

	(void)a;
	(void)k;
	p->unit = sqlite3_column_int64(st, 0);
	p->asset = sqlite3_column_int64(st, 1);
}

static enum cd_err sq_person_posts(struct store *s, int64_t person, struct arena *a,
				   struct post **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_PERSON_POSTS];

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, person);
	return read_rows(q, st, a, sizeof(**out), post_reader, 0, out, n, d, "a person's posts");
}

/* ---- Reminders and notifications (store_notify.h) ---------------------------------------- */

/* blob_of copies blob column i into arena a (NULL when empty or NULL), its length in *len. */
static const unsigned char *blob_of(struct arena *a, sqlite3_stmt *st, int i, size_t *len)
{
	int n = sqlite3_column_bytes(st, i);
	unsigned char *p = n > 0 ? arena_alloc(a, (size_t)n) : NULL;

	if (p)
		memcpy(p, sqlite3_column_blob(st, i), (size_t)n);
	*len = p ? (size_t)n : 0;
	return p;
}

static void notify_channel_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct notify_channel_row *c = out;

	(void)k;
	c->id = sqlite3_column_int64(st, 0);
	c->name = col_str(a, st, 1);
	c->kind = col_str(a, st, 2);
	c->target = blob_of(a, st, 3, &c->target_len);
	c->secret = blob_of(a, st, 4, &c->secret_len);
	c->config = col_str(a, st, 5);
	c->enabled = sqlite3_column_int(st, 6) != 0;
	c->changed_at = col_time(st, 7);
	c->changed_by = col_str(a, st, 8);
}

static enum cd_err sq_notify_channel_put(struct store *s, struct notify_channel_row *c,
					 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt w = c->id ? ST_NOTIFY_CHANNEL_UPDATE : ST_NOTIFY_CHANNEL_ADD;
	sqlite3_stmt *st = q->st[w];
	int i = 1;

	if (c->id)
		sqlite3_bind_int64(st, i++, c->id);
	bind_text(st, i++, c->name);
	bind_text(st, i++, c->kind);
	sqlite3_bind_blob(st, i++, c->target, (int)c->target_len, SQLITE_TRANSIENT);
	if (c->secret)
		sqlite3_bind_blob(st, i++, c->secret, (int)c->secret_len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i++);
	bind_text(st, i++, c->config ? c->config : "{}");
	sqlite3_bind_int(st, i++, c->enabled);
	bind_time(st, i++, c->changed_at);
	bind_text(st, i, c->changed_by);
	if (c->id)
		return change(q, w, d, "channel");
	return insert(q, w, d, "channel", &c->id);
}

static enum cd_err sq_notify_channel_get(struct store *s, int64_t id, struct arena *a,
					 struct notify_channel_row *out, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(q->st[ST_NOTIFY_CHANNEL_GET], 1, id);
	if ((rc = fetch(q, ST_NOTIFY_CHANNEL_GET, d, "channel")))
		return rc;
	notify_channel_reader(a, q->st[ST_NOTIFY_CHANNEL_GET], 0, out);
	done(q, ST_NOTIFY_CHANNEL_GET);
	return out->name && out->kind && out->target && out->config
		       ? CD_OK
		       : cd_diag_set(d, CD_ENOMEM, "out of memory");
}

static enum cd_err sq_notify_channel_list(struct store *s, struct arena *a,
					  struct notify_channel_row **out, size_t *n,
					  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*n = 0;
	return read_rows(q, q->st[ST_NOTIFY_CHANNEL_LIST], a, sizeof(**out), notify_channel_reader,
			 0, out, n, d, "channels");
}

static enum cd_err sq_notify_pref_set(struct store *s, int64_t account, int64_t channel,
				      const char *address, bool on, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum stmt w = on ? ST_NOTIFY_PREF_SET : ST_NOTIFY_PREF_DEL;

	sqlite3_bind_int64(q->st[w], 1, account);
	sqlite3_bind_int64(q->st[w], 2, channel);
	if (on)
		bind_text(q->st[w], 3, address ? address : "");
	return run(q, w, d, "channel choice");
}

static void notify_pref_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct notify_pref_row *p = out;

	(void)k;
	p->account = sqlite3_column_int64(st, 0);
	p->channel = sqlite3_column_int64(st, 1);
	p->address = col_str(a, st, 2);
	p->kind = col_str(a, st, 3);
	p->enabled = sqlite3_column_int(st, 4) != 0;
}

static enum cd_err sq_notify_pref_list(struct store *s, int64_t account, struct arena *a,
				       struct notify_pref_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(q->st[ST_NOTIFY_PREF_LIST], 1, account);
	return read_rows(q, q->st[ST_NOTIFY_PREF_LIST], a, sizeof(**out), notify_pref_reader, 0,
			 out, n, d, "channel choices");
}

static const char *const notify_states[NS__MAX] = {"pending", "sent", "dead"};

static enum cd_err sq_notify_add(struct store *s, struct notify_row *m, bool *added,
				 struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_ADD];
	enum cd_err rc;

	bind_text(st, 1, m->key);
	bind_id(st, 2, m->account);
	bind_id(st, 3, m->channel);
	bind_text(st, 4, m->address ? m->address : "");
	bind_text(st, 5, m->rule);
	sqlite3_bind_int(st, 6, m->level);
	bind_id(st, 7, m->unit);
	bind_text(st, 8, m->subject);
	bind_text(st, 9, m->body);
	bind_text(st, 10, m->link);
	bind_time(st, 11, m->created_at);
	bind_text(st, 12, notify_states[m->state]);
	bind_time(st, 13, m->next_at);
	bind_time(st, 14, m->sent_at);
	rc = run(q, ST_NOTIFY_ADD, d, "message");
	*added = !rc && sqlite3_changes(q->db) > 0;
	if (*added)
		m->id = sqlite3_last_insert_rowid(q->db);
	return rc;
}

static enum cd_err sq_notify_known(struct store *s, const char *key, bool *yes,
				   struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_KNOWN];
	int rc;

	bind_text(st, 1, key);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? CD_OK : db_fail(q, d, "message");
}

static void notify_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct notify_row *m = out;
	const char *state = (const char *)sqlite3_column_text(st, 12);

	(void)k;
	m->id = sqlite3_column_int64(st, 0);
	m->key = col_str(a, st, 1);
	m->account = sqlite3_column_int64(st, 2);
	m->channel = sqlite3_column_int64(st, 3);
	m->address = col_str(a, st, 4);
	m->rule = col_str(a, st, 5);
	m->level = sqlite3_column_int(st, 6);
	m->unit = sqlite3_column_int64(st, 7);
	m->subject = col_str(a, st, 8);
	m->body = col_str(a, st, 9);
	m->link = col_str(a, st, 10);
	m->created_at = col_time(st, 11);
	m->state = NS_PENDING;
	for (int i = 0; state && i < NS__MAX; i++)
		if (!strcmp(state, notify_states[i]))
			m->state = (enum notify_state)i;
	m->tries = sqlite3_column_int(st, 13);
	m->next_at = col_time(st, 14);
	m->lease_until = col_time(st, 15);
	m->sent_at = col_time(st, 16);
	m->read_at = col_time(st, 17);
	m->last_error = col_str(a, st, 18);
	m->account_name = col_str(a, st, 19);
	m->channel_name = col_str(a, st, 20);
	m->channel_kind = col_str(a, st, 21);
}

static enum cd_err sq_notify_inbox(struct store *s, int64_t account, int64_t before, bool unread,
				   size_t limit, struct arena *a, struct notify_row **out,
				   size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_INBOX];

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(st, 1, account);
	bind_id(st, 2, before);
	sqlite3_bind_int(st, 3, unread);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	return read_rows(q, st, a, sizeof(**out), notify_reader, 0, out, n, d, "notifications");
}

/* count_of steps a bound statement answering one count into *n. */
static enum cd_err count_of(struct sq *q, enum stmt w, int64_t *n, struct cd_diag *d,
			    const char *what)
{
	enum cd_err rc = fetch(q, w, d, what);

	*n = 0;
	if (rc)
		return rc;
	*n = sqlite3_column_int64(q->st[w], 0);
	done(q, w);
	return CD_OK;
}

static enum cd_err sq_notify_unread(struct store *s, int64_t account, int64_t *n,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_NOTIFY_UNREAD], 1, account);
	return count_of(q, ST_NOTIFY_UNREAD, n, d, "notifications");
}

static enum cd_err sq_notify_mark(struct store *s, int64_t account, int64_t id, cd_time read_at,
				  struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_MARK];

	sqlite3_bind_int64(st, 1, account);
	sqlite3_bind_int64(st, 2, id);
	bind_time(st, 3, read_at);
	return change(q, ST_NOTIFY_MARK, d, "notification");
}

static enum cd_err sq_notify_outbox(struct store *s, int state, int64_t before, size_t limit,
				    struct arena *a, struct notify_row **out, size_t *n,
				    struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_OUTBOX];

	*out = NULL;
	*n = 0;
	bind_text(st, 1, state >= 0 && state < NS__MAX ? notify_states[state] : NULL);
	bind_id(st, 2, before);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
	return read_rows(q, st, a, sizeof(**out), notify_reader, 0, out, n, d, "outbox");
}

static enum cd_err sq_notify_due(struct store *s, cd_time now, size_t limit, struct arena *a,
				 struct notify_row **out, size_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_DUE];

	*out = NULL;
	*n = 0;
	bind_time(st, 1, now);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	return read_rows(q, st, a, sizeof(**out), notify_reader, 0, out, n, d, "outbox");
}

static enum cd_err sq_notify_claim(struct store *s, int64_t id, cd_time now, cd_time until,
				   bool *got, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_CLAIM];
	enum cd_err rc;

	sqlite3_bind_int64(st, 1, id);
	bind_time(st, 2, now);
	bind_time(st, 3, until);
	rc = run(q, ST_NOTIFY_CLAIM, d, "message");
	*got = !rc && sqlite3_changes(q->db) == 1;
	return rc;
}

static enum cd_err sq_notify_outcome(struct store *s, int64_t id, enum notify_state state,
				     int tries, cd_time next_at, cd_time sent_at,
				     const char *error, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_OUTCOME];

	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, notify_states[state]);
	sqlite3_bind_int(st, 3, tries);
	bind_time(st, 4, next_at);
	bind_time(st, 5, sent_at);
	bind_text(st, 6, error);
	return change(q, ST_NOTIFY_OUTCOME, d, "message");
}

static enum cd_err sq_notify_sent_since(struct store *s, int64_t channel, cd_time since,
					int64_t *n, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;

	sqlite3_bind_int64(q->st[ST_NOTIFY_SENT_SINCE], 1, channel);
	bind_time(q->st[ST_NOTIFY_SENT_SINCE], 2, since);
	return count_of(q, ST_NOTIFY_SENT_SINCE, n, d, "outbox");
}

static void notify_account_reader(struct arena *a, sqlite3_stmt *st, int k, void *out)
{
	struct notify_account *r = out;

	(void)k;
	r->id = sqlite3_column_int64(st, 0);
	r->name = col_str(a, st, 1);
}

static enum cd_err sq_notify_accounts(struct store *s, const char *role, int64_t unit,
				      struct arena *a, struct notify_account **out, size_t *n,
				      struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_ACCOUNTS];

	*out = NULL;
	*n = 0;
	bind_text(st, 1, role);
	sqlite3_bind_int64(st, 2, unit);
	return read_rows(q, st, a, sizeof(**out), notify_account_reader, 0, out, n, d, "accounts");
}

static enum cd_err sq_notify_holder(struct store *s, int64_t unit, const char *role, cd_date on,
				    struct arena *a, const char **person, const char **unit_name,
				    bool *found, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	sqlite3_stmt *st = q->st[ST_NOTIFY_HOLDER];
	enum cd_err rc;

	*found = false;
	*person = *unit_name = NULL;
	sqlite3_bind_int64(st, 1, unit);
	bind_text(st, 2, role);
	bind_date(st, 3, on);
	rc = fetch(q, ST_NOTIFY_HOLDER, d, "holder");
	if (rc == CD_ENOTFOUND)
		return CD_OK;
	if (rc)
		return rc;
	*person = col_str(a, st, 0);
	*unit_name = col_str(a, st, 1);
	done(q, ST_NOTIFY_HOLDER);
	*found = true;
	return *person && *unit_name ? CD_OK : cd_diag_set(d, CD_ENOMEM, "out of memory");
}

static enum cd_err sq_notify_round_state(struct store *s, cd_time after, cd_time upto,
					int64_t *gen, bool *received, struct cd_diag *d)
{
	struct sq *q = (struct sq *)s;
	enum cd_err rc;

	*gen = 0;
	*received = false;
	if ((rc = fetch(q, ST_NOTIFY_GEN, d, "notify generation")))
		return rc;
	*gen = sqlite3_column_int64(q->st[ST_NOTIFY_GEN], 0);
	done(q, ST_NOTIFY_GEN);
	bind_time(q->st[ST_NOTICE_RECEIVED_IN], 1, after);
	bind_time(q->st[ST_NOTICE_RECEIVED_IN], 2, upto);
	if ((rc = fetch(q, ST_NOTICE_RECEIVED_IN, d, "notices received")))
		return rc;
	*received = sqlite3_column_int(q->st[ST_NOTICE_RECEIVED_IN], 0) != 0;
	done(q, ST_NOTICE_RECEIVED_IN);
	return CD_OK;
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
	.rows = sq_rows,
	.rows_bound = sq_rows_bound,
	.structure_gen = sq_structure_gen,
	.calendar_add = sq_calendar_add,
	.calendar_load = sq_calendar_load,
	.meta_get = sq_meta_get,
	.meta_set = sq_meta_set,
	.project_add = sq_project_add,
	.notice_add = sq_notice_add,
	.notice_event_add = sq_notice_event_add,
	.notice_check = sq_notice_check,
	.record_add = sq_record_add,
	.record_update = sq_record_update,
	.incident_add = sq_incident_add,
	.incident_event_add = sq_incident_event_add,
	.unit_within = sq_unit_within,
	.unit_top = sq_unit_top,
	.generation = sq_generation,
	.id_of = sq_id_of,
	.asset_get = sq_asset_get,
	.asset_update = sq_asset_update,
	.asset_page = sq_asset_page,
	.rec_get = sq_rec_get,
	.rec_page = sq_rec_page,
	.unit_update = sq_unit_update,
	.person_update = sq_person_update,
	.duty_update = sq_duty_update,
	.project_update = sq_project_update,
	.account_add = sq_account_add,
	.account_get = sq_account_get,
	.account_list = sq_account_list,
	.account_password = sq_account_password,
	.account_role = sq_account_role,
	.account_disable = sq_account_disable,
	.account_lock = sq_account_lock,
	.account_failure = sq_account_failure,
	.account_lift = sq_account_lift,
	.address_get = sq_address_get,
	.address_set = sq_address_set,
	.account_login = sq_account_login,
	.account_totp_pending = sq_account_totp_pending,
	.account_totp_enable = sq_account_totp_enable,
	.account_totp_clear = sq_account_totp_clear,
	.account_totp_step = sq_account_totp_step,
	.session_add = sq_session_add,
	.session_get = sq_session_get,
	.session_touch = sq_session_touch,
	.session_end = sq_session_end,
	.sessions_end = sq_sessions_end,
	.sessions_prune = sq_sessions_prune,
	.token_add = sq_token_add,
	.token_get = sq_token_get,
	.token_list = sq_token_list,
	.token_revoke = sq_token_revoke,
	.role_change_add = sq_role_change_add,
	.role_change_get = sq_role_change_get,
	.role_change_list = sq_role_change_list,
	.role_change_decide = sq_role_change_decide,
	.in_transaction = sq_in_transaction,
	.bulk = sq_bulk,
	.begin_read = sq_begin_read,
	.audit_head = sq_audit_head,
	.audit_add = sq_audit_add,
	.audit_page = sq_audit_page,
	.audit_find = sq_audit_find,
	.audit_anchors = sq_audit_anchors,
	.audit_archive = sq_audit_archive,
	.notice_head = sq_notice_head,
	.notice_heads = sq_notice_heads,
	.notice_concerns = sq_notice_concerns,
	.incident_head = sq_incident_head,
	.incident_heads = sq_incident_heads,
	.incident_concerns = sq_incident_concerns,
	.record_get = sq_record_get,
	.record_page = sq_record_page,
	.asset_events = sq_asset_events,
	.notices_on = sq_notices_on,
	.obligations_replace = sq_obligations_replace,
	.obligations_replace_duties = sq_obligations_replace_duties,
	.records_answering = sq_records_answering,
	.obligation_page = sq_obligation_page,
	.obligation_counts = sq_obligation_counts,
	.duty_tally = sq_duty_tally,
	.notice_update = sq_notice_update,
	.incident_update = sq_incident_update,
	.record_void = sq_record_void,
	.correction_add = sq_correction_add,
	.corrections_of = sq_corrections_of,
	.gaps_clear = sq_gaps_clear,
	.gap_add = sq_gap_add,
	.gaps_clear_of = sq_gaps_clear_of,
	.gap_page = sq_gap_page,
	.gap_counts = sq_gap_counts,
	.verdicts_missing = sq_verdicts_missing,
	.obligation_counts_keep = sq_obligation_counts_keep,
	.notice_verdict_put = sq_notice_verdict_put,
	.incident_verdict_put = sq_incident_verdict_put,
	.incident_verdict_get = sq_incident_verdict_get,
	.notice_tally = sq_notice_tally,
	.incident_tally = sq_incident_tally,
	.notice_state_heads = sq_notice_state_heads,
	.obligation_duties0 = sq_obligation_duties0,
	.record_answer = sq_record_answer,
	.similar = sq_similar,
	.evidence_add = sq_evidence_add,
	.evidence_get = sq_evidence_get,
	.evidence_list = sq_evidence_list,
	.evidence_read = sq_evidence_read,
	.evidence_withdraw = sq_evidence_withdraw,
	.assess_template_put = sq_assess_template_put,
	.assess_add = sq_assess_add,
	.assess_get = sq_assess_get,
	.assess_within = sq_assess_within,
	.assess_page = sq_assess_page,
	.assess_update = sq_assess_update,
	.assess_value_put = sq_assess_value_put,
	.assess_values = sq_assess_values,
	.assess_step_add = sq_assess_step_add,
	.assess_steps = sq_assess_steps,
	.assess_ranking = sq_assess_ranking,
	.assess_proofs = sq_assess_proofs,
	.duties_held = sq_duties_held,
	.person_posts = sq_person_posts,
	.account_must_change = sq_account_must_change,
	.notify_channel_put = sq_notify_channel_put,
	.notify_channel_get = sq_notify_channel_get,
	.notify_channel_list = sq_notify_channel_list,
	.notify_pref_set = sq_notify_pref_set,
	.notify_pref_list = sq_notify_pref_list,
	.notify_add = sq_notify_add,
	.notify_known = sq_notify_known,
	.notify_inbox = sq_notify_inbox,
	.notify_unread = sq_notify_unread,
	.notify_mark = sq_notify_mark,
	.notify_outbox = sq_notify_outbox,
	.notify_due = sq_notify_due,
	.notify_claim = sq_notify_claim,
	.notify_outcome = sq_notify_outcome,
	.notify_sent_since = sq_notify_sent_since,
	.notify_accounts = sq_notify_accounts,
	.notify_holder = sq_notify_holder,
	.notify_round_state = sq_notify_round_state,
	.group_begin = sq_group_begin,
	.group_end = sq_group_end,
};

enum cd_err store_sqlite_open(const char *path, unsigned flags, struct store **out,
			      struct cd_diag *d)
{
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX; /* one connection, one thread */
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
	/* WAL: readers on their own connections never wait for the writer, nor it for them.
	 * synchronous = FULL: each commit is on disk (the WAL synced) before it returns, so what
	 * was acknowledged survives a crash of the machine too, not only of the process (NORMAL
	 * would sync at checkpoints only: the last commits could vanish with the power). The
	 * server pays one sync per group of acts (store_group_end), not one per act.
	 * docs/api.md, "Writes: group commit and durability". */
	if (sqlite3_exec(q->db,
			 "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			 " PRAGMA synchronous = FULL;",
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

/* plan_of writes the detail lines of the query plan of statement st into out[0..n). */
static enum cd_err plan_of(struct sq *q, sqlite3_stmt *st, char *out, size_t n)
{
	const char *sql = sqlite3_sql(st);
	size_t len = strlen(sql) + 20, at = 0;
	char *text = malloc(len);
	sqlite3_stmt *plan = NULL;
	enum cd_err rc = CD_OK;

	if (n)
		out[0] = '\0';
	if (!text)
		return CD_ENOMEM;
	snprintf(text, len, "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(q->db, text, -1, &plan, NULL) != SQLITE_OK)
		rc = db_fail(q, NULL, "query plan");
	while (!rc && sqlite3_step(plan) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(plan, 3);

		if (at < n)
			at += (size_t)snprintf(out + at, n - at, "%s\n", line ? line : "");
	}
	sqlite3_finalize(plan);
	free(text);
	return rc;
}

/* The statements the test hooks below name (store_int.h). */
static const struct {
	const char *name;
	enum stmt st;
} named[] = {
	{"notice_get", ST_NOTICE_GET},
	{"incident_verdict_get", ST_INCIDENT_VERDICT_GET},
	{"incident_events_of", ST_INCIDENT_EVENTS_OF},
	{"notice_similar_of", ST_NOTICE_SIMILAR_OF},
	{"notice_page", ST_NOTICE_PAGE},
	{"notice_page_desc", ST_NOTICE_PAGE_DESC},
	{"notice_concerns", ST_NOTICE_CONCERNS},
	{"notice_state_due_today", ST_NOTICE_STATE0 + DUE_TODAY},
	{"notice_state_overdue", ST_NOTICE_STATE0 + DUE_OVERDUE},
	{"notice_state_open", ST_NOTICE_STATE0 + DUE_OPEN},
	{"notice_state_done_on_time", ST_NOTICE_STATE0 + DUE_DONE_ON_TIME},
	{"notice_tally", ST_NOTICE_TALLY},
	{"incident_tally", ST_INCIDENT_TALLY},
	{"incident_page", ST_INCIDENT_PAGE},
	{"incident_page_desc", ST_INCIDENT_PAGE_DESC},
	{"record_page", ST_RECORD_PAGE},
	{"record_page_desc", ST_RECORD_PAGE_DESC},
	{"record_answering_kind", ST_RECORD_ANSWERING_KIND},
	{"record_answering_duty", ST_RECORD_ANSWERING_DUTY},
	{"asset_events", ST_ASSET_EVENTS},
	{"similar", ST_SIMILAR},
	{"similar_kind", ST_SIMILAR_KIND},
	{"similar_software", ST_SIMILAR_SOFTWARE},
	{"similar_combo", ST_SIMILAR_COMBO},
	{"similar_pair", ST_SIMILAR_PAIR},
	{"similar_total", ST_SIMILAR_TOTAL},
	{"assess_page", ST_ASSESS_PAGE},
	{"assess_ranking", ST_ASSESS_RANKING},
	{"assess_records", ST_ASSESS_SRC0 + ASRC_RECORDS},
	{"assess_mlps", ST_ASSESS_SRC0 + ASRC_MLPS_FILED},
	{"assess_notices", ST_ASSESS_SRC0 + ASRC_NOTICES},
	{"oblig_page", ST_OBLIG_PAGE},
	{"oblig_page_desc", ST_OBLIG_PAGE_DESC},
};

/* named_stmt: the statement of that name in the list above, or NULL */
static sqlite3_stmt *named_stmt(struct sq *q, const char *which)
{
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (!strcmp(which, named[i].name))
			return q->st[named[i].st];
	return NULL;
}

enum cd_err store_sqlite_steps(struct store *s, const char *which, long *steps)
{
	sqlite3_stmt *st;

	*steps = 0;
	if (s->ops != &sqlite_ops)
		return CD_EINVAL;
	if (!(st = named_stmt((struct sq *)s, which)))
		return CD_ENOTFOUND;
	*steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	return CD_OK;
}

/* count_step: the progress handler of store_sqlite_count, called every 100 steps. */
static int count_step(void *arg)
{
	((struct sq *)arg)->counted++;
	return 0;
}

enum cd_err store_sqlite_count(struct store *s, bool on, long *steps)
{
	struct sq *q = (struct sq *)s;

	if (s->ops != &sqlite_ops)
		return CD_EINVAL;
	*steps = q->counted * 100;
	q->counted = 0;
	sqlite3_progress_handler(q->db, on ? 100 : 0, on ? count_step : NULL, on ? q : NULL);
	return CD_OK;
}

enum cd_err store_sqlite_explain(struct store *s, const char *which, char *out, size_t n)
{
	static const char *const sorts[ASORT__MAX] = {"id", "code", "name", "level"};
	struct sq *q = (struct sq *)s;
	char name[64];

	if (s->ops != &sqlite_ops)
		return CD_EINVAL;
	if (named_stmt(q, which))
		return plan_of(q, named_stmt(q, which), out, n);
	for (int k = 0; k < ASORT__MAX; k++)
		for (int desc = 0; desc < 2; desc++)
			for (int after = 0; after < 2; after++) {
				sqlite3_stmt *st;

				snprintf(name, sizeof name, "asset_page_%s%s%s", sorts[k],
					 desc ? "_desc" : "", after ? "_after" : "");
				if (strcmp(which, name))
					continue;
				st = page_stmt(q, (enum asset_sort)k, desc, after, NULL);
				return st ? plan_of(q, st, out, n) : CD_ESTORE;
			}
	return CD_ENOTFOUND;
}
