/* routes.c — the route table of /api/v1: every route with its permission class (core/access.h),
 * its flags, its handler and the field descriptors its body and query are validated from. The
 * router enforces the permission from here, in one place; the OpenAPI document is written from
 * here, so it cannot drift from what the server does. */
#include "api_int.h"
#include "svc/assess.h"
#include "svc/policy.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* Enum codes for the descriptors, by index. */
#define CODES(fn, type)                                                                            \
	static const char *fn##_i(int v)                                                           \
	{                                                                                          \
		return fn##_code((type)v);                                                         \
	}
CODES(asset_kind, enum asset_kind)
CODES(asset_status, enum asset_status)
CODES(assess_result, enum assess_result)
CODES(due_state, enum due_state)
CODES(record_kind, enum record_kind)
CODES(report_kind, enum report_kind)
CODES(reporter, enum reporter)
CODES(unit_kind, enum unit_kind)
CODES(check_rule, enum check_rule)
CODES(assess_stage, enum assess_stage)
static const char *duty_role_i(int v)
{
	return role_code((enum role)v);
}
#define ENUM(fn, max)     FT_ENUM, 0, 0, 0, fn##_i, max
#define ENUM_REQ(fn, max) FT_ENUM, FF_REQUIRED, 0, 0, fn##_i, max

/* --- imports ------------------------------------------------------------------------------------ */

static const struct field import_query[] = {
	{"dry_run", FT_BOOL, 0, 0, 0, NULL, 0,
	 "only check the file and report what would be created and updated (true or 1)"},
};

static const struct field export_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "csv (default) or xlsx"},
	{"lang", FT_STRING, 0, 2, 2, NULL, 0,
	 "zh (default: Chinese headers and values) or en (English headers and codes)"},
};

/* the work lists' exports take their list's filters (svc/transfer.h struct export_sel) beside
 * the file's format and language */
#define EXPORT_FILE_FIELDS                                                                         \
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "csv (default) or xlsx"},                          \
	{"lang", FT_STRING, 0, 2, 2, NULL, 0,                                                      \
	 "zh (default: Chinese headers and values) or en (English headers and codes)"}

static const struct field export_notice_query[] = {
	EXPORT_FILE_FIELDS,
	{"state", ENUM(due_state, DUE__MAX), "only notices in this state"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only notices concerning this unit's subtree"},
};

static const struct field export_deadline_query[] = {
	EXPORT_FILE_FIELDS,
	{"state", ENUM(due_state, DUE__MAX), "only deadlines in this state"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only deadlines of this unit's subtree"},
	{"year", FT_INT, 0, 1900, 9999, NULL, 0, "only deadlines due in this year"},
};

static const struct field export_gap_query[] = {
	EXPORT_FILE_FIELDS,
	{"rule", ENUM(check_rule, CHECK__MAX), "only gaps of this rule"},
};

static const struct field template_query[] = {
	{"lang", FT_STRING, 0, 2, 2, NULL, 0,
	 "zh (default: Chinese headers and values) or en (English headers and codes)"},
};

static const struct field export_asset_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "csv (default) or xlsx"},
	{"lang", FT_STRING, 0, 2, 2, NULL, 0,
	 "zh (default: Chinese headers and values) or en (English headers and codes)"},
	{"kind", ENUM(asset_kind, ASSET__MAX), "only assets of this kind"},
	{"status", ENUM(asset_status, STATUS__MAX), "only assets in this status"},
	{"mlps_level", FT_INT, 0, 0, 5, NULL, 0, "only assets of this level"},
	{"cii", FT_BOOL, 0, 0, 0, NULL, 0, "only (or no) critical information infrastructure"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only assets answering to this unit's subtree"},
	{"q", FT_STRING, 0, 1, 64, NULL, 0, "code or name contains this text"},	{"filed", FT_BOOL, 0, 0, 0, NULL, 0, "only assets filed (备案: with a filing date), or not"},
	{"assess_result", ENUM(assess_result, ASSESS__MAX),
	 "only assets whose last assessment (测评) had this result (none: never assessed)"},
};

/* --- documents (svc/report.h, docs/documents.md) ---------------------------------------------- */

static const struct field report_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "pdf (default) or docx"},
	{"docno", FT_STRING, 0, 1, 64, NULL, 0,
	 "the document number (发文字号), as 〔2026〕7号: the year in full in 〔〕, no leading zeros"},
	{"to", FT_STRING, 0, 1, 128, NULL, 0, "the addressee (主送机关), else the document's own"},
};

static const struct field report_annual_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "pdf (default) or docx"},
	{"docno", FT_STRING, 0, 1, 64, NULL, 0,
	 "the document number (发文字号), as 〔2026〕7号: the year in full in 〔〕, no leading zeros"},
	{"to", FT_STRING, 0, 1, 128, NULL, 0, "the addressee (主送机关), else the document's own"},
	{"year", FT_INT, 0, 2000, 9999, NULL, 0, "the year reported (default: this year)"},
	{"signer", FT_STRING, 0, 1, 64, NULL, 0,
	 "签发人 of the report (a 上行文), else the first responsible person in post"},
};

static const struct field report_assessment_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0,
	 "pdf (default), docx or xlsx (the results list for the cadre department, or the unit's "
	 "indicators)"},
	{"year", FT_INT, 0, 2000, 9999, NULL, 0, "the year assessed (default: this year)"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "one unit's results (its code), else the year's ranking "
	 "and every unit's sheet in scope"},
	{"docno", FT_STRING, 0, 1, 64, NULL, 0,
	 "the document number (发文字号), as 〔2026〕7号: the year in full in 〔〕, no leading zeros"},
	{"to", FT_STRING, 0, 1, 128, NULL, 0, "the addressee (主送机关), else 干部主管部门"},
};

static const struct field report_ledger_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "pdf (default), docx or xlsx"},
	{"to", FT_STRING, 0, 1, 128, NULL, 0, "the addressee (主送机关), if any"},
	/* the asset list's filters (api_asset_filter): the ledger of the rows the list shows */
	{"kind", ENUM(asset_kind, ASSET__MAX), "only assets of this kind"},
	{"status", ENUM(asset_status, STATUS__MAX), "only assets in this status"},
	{"mlps_level", FT_INT, 0, 0, 5, NULL, 0, "only assets of this level"},
	{"cii", FT_BOOL, 0, 0, 0, NULL, 0, "only (or no) critical information infrastructure"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only assets answering to this unit's subtree"},
	{"q", FT_STRING, 0, 1, 64, NULL, 0, "code or name contains this text"},
	{"filed", FT_BOOL, 0, 0, 0, NULL, 0, "only assets filed (备案: with a filing date), or not"},
	{"assess_result", ENUM(assess_result, ASSESS__MAX),
	 "only assets whose last assessment (测评) had this result (none: never assessed)"},
};

/* --- sessions ----------------------------------------------------------------------------------- */

static const struct field login_fields[] = {
	{"name", FT_STRING, FF_REQUIRED, 1, ACCOUNT_NAME_MAX, NULL, 0, "the account's login name"},
	{"password", FT_STRING, FF_REQUIRED, 1, 1024, NULL, 0, "its password"},
	{"totp", FT_STRING, 0, 6, 8, NULL, 0,
	 "the 6-digit code of the authenticator app, when the account has a second factor"},
};

static const struct field password_fields[] = {
	{"old", FT_STRING, FF_REQUIRED, 1, 1024, NULL, 0, "the current password"},
	{"new", FT_STRING, FF_REQUIRED, 1, 1024, NULL, 0,
	 "the new password (see the password settings for its rules)"},
};

static const struct field totp_begin_fields[] = {
	{"password", FT_STRING, FF_REQUIRED, 1, 1024, NULL, 0, "your current password"},
	{"code", FT_STRING, 0, 6, 8, NULL, 0,
	 "the current code of the second factor in force (required when there is one)"},
};

static const struct field totp_confirm_fields[] = {
	{"code", FT_STRING, FF_REQUIRED, 6, 8, NULL, 0, "a code of the new secret"},
};

/* --- assets ------------------------------------------------------------------------------------- */

static const struct field asset_fields[] = {
	{"code", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the asset's code, unique"},
	{"name", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "名称"},
	{"kind", ENUM_REQ(asset_kind, ASSET__MAX), "类型"},
	{"url", FT_STRING, FF_NULL, 1, 500, NULL, 0, "URL or host name"},
	{"builder_unit", FT_CODE, FF_NULL, 0, 0, NULL, 0, "建设单位 (谁建设谁负责), a unit code"},
	{"user_unit", FT_CODE, FF_NULL, 0, 0, NULL, 0, "使用单位 (谁使用谁负责), a unit code"},
	{"manager_unit", FT_CODE, FF_NULL, 0, 0, NULL, 0, "主管单位 (谁主管谁负责), a unit code"},
	{"operator_unit", FT_CODE, FF_NULL, 0, 0, NULL, 0, "运维单位 (谁运维谁负责), a unit code"},
	{"maintainer", FT_STRING, FF_NULL, 1, 200, NULL, 0, "outside maintenance company"},
	{"software", FT_STRING, FF_NULL, 1, 200, NULL, 0, "main software or platform"},
	{"mlps_level", FT_INT, 0, 0, 5, NULL, 0, "等级保护 level, 0 = not graded"},
	{"graded_on", FT_DATE, FF_NULL, 0, 0, NULL, 0, "day graded (定级)"},
	{"filing_no", FT_STRING, FF_NULL, 1, 100, NULL, 0, "备案 number"},
	{"filed_on", FT_DATE, FF_NULL, 0, 0, NULL, 0, "day filed (备案)"},
	{"assessed_on", FT_DATE, FF_NULL, 0, 0, NULL, 0, "day of the last assessment (测评)"},
	{"assess_result", ENUM(assess_result, ASSESS__MAX), "result of the last assessment"},
	{"cii", FT_BOOL, 0, 0, 0, NULL, 0, "critical information infrastructure (关键信息基础设施)"},
	{"internet_facing", FT_BOOL, 0, 0, 0, NULL, 0, "reachable from the internet"},
	{"personal_info", FT_BOOL, 0, 0, 0, NULL, 0, "holds personal information"},
	{"protection_installed", FT_BOOL, 0, 0, 0, NULL, 0, "protection software installed"},
	{"status", ENUM(asset_status, STATUS__MAX), "规划 / 建设中 / 运行 / 下线"},
	{"admin_level", FT_STRING, FF_NULL, 1, 64, NULL, 0,
	 "administrative level of a government portal, e.g. prefecture_or_above"},
	/* the qualifiers the policies speak of (enum qualifier; docs/incidents.md "Qualifiers"):
	 * true / false recorded, null derived */
	{"party_gov_portal", FT_BOOL, FF_NULL, 0, 0, NULL, 0,
	 "党政机关门户网站 (null: derived — a portal of a party or government organ)"},
	{"key_news_site", FT_BOOL, FF_NULL, 0, 0, NULL, 0,
	 "重点新闻网站 (null: asked for a news site)"},
	{"large_platform", FT_BOOL, FF_NULL, 0, 0, NULL, 0,
	 "大型网络平台 (null: asked for a platform)"},
	{"important_system", FT_BOOL, FF_NULL, 0, 0, NULL, 0,
	 "主要服务器、重要系统 (null: derived — MLPS level 3 or above, or CII)"},
	{"important_infrastructure", FT_BOOL, FF_NULL, 0, 0, NULL, 0,
	 "重要信息基础设施 (null: derived — CII, or infrastructure of MLPS level 3 or above)"},
};

static const struct field asset_filters[] = {
	{"kind", ENUM(asset_kind, ASSET__MAX), "only assets of this kind"},
	{"status", ENUM(asset_status, STATUS__MAX), "only assets in this status"},
	{"mlps_level", FT_INT, 0, 0, 5, NULL, 0, "only assets of this level"},
	{"cii", FT_BOOL, 0, 0, 0, NULL, 0, "only (or no) critical information infrastructure"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only assets answering to this unit's subtree"},
	{"q", FT_STRING, 0, 1, 64, NULL, 0, "code or name contains this text"},	{"filed", FT_BOOL, 0, 0, 0, NULL, 0, "only assets filed (备案: with a filing date), or not"},
	{"assess_result", ENUM(assess_result, ASSESS__MAX),
	 "only assets whose last assessment (测评) had this result (none: never assessed)"},
};

/* --- units, persons, duties, projects ---------------------------------------------------------- */

/* A create and its PATCH share one descriptor: a PATCH takes any subset, and the handler refuses
 * a changed code (codes are how letters, CSV files and other systems name a record). */
static const struct field unit_fields[] = {
	{"code", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit's code, unique; it never changes"},
	{"name", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "名称"},
	{"parent", FT_CODE, 0, 0, 0, NULL, 0, "the unit above it"},
	{"kind", ENUM_REQ(unit_kind, UNIT__MAX), "党委 / 领导小组 / 办公室 / 部门 / 技术支撑 / 外部机构"},
};

static const struct field person_fields[] = {
	{"code", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0,
	 "the person's code, unique; it never changes"},
	{"name", FT_STRING, FF_REQUIRED, 1, 100, NULL, 0, "姓名"},
	{"unit", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit the person works in"},
	{"title", FT_STRING, FF_NULL, 1, 100, NULL, 0, "职务"},
	{"phone", FT_STRING, FF_NULL, 1, 40, NULL, 0, "telephone"},
	{"email", FT_STRING, FF_NULL, 3, 200, NULL, 0, "e-mail"},
};

static const struct field duty_fields[] = {
	{"role", FT_ENUM, FF_REQUIRED, 0, 0, duty_role_i, ROLE__MAX, "第一责任人 / 直接责任人 / … / 系统负责人"},
	{"person", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "who holds it"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "the unit it is held for (or asset)"},
	{"asset", FT_CODE, 0, 0, 0, NULL, 0, "the system it is held for (or unit)"},
	{"from", FT_DATE, FF_REQUIRED, 0, 0, NULL, 0, "first day held"},
	{"to", FT_DATE, FF_NULL, 0, 0, NULL, 0, "last day held (none: it runs on)"},
	{"note", FT_STRING, 0, 1, 500, NULL, 0, "e.g. the appointment letter"},
};

/* A duty changes in its term, holder and note only: its role and what it is held for are what
 * the duty is (another role or unit is another duty), so those fields are unknown here. */
static const struct field duty_update_fields[] = {
	{"person", FT_CODE, 0, 0, 0, NULL, 0, "who holds it"},
	{"from", FT_DATE, 0, 0, 0, NULL, 0, "first day held"},
	{"to", FT_DATE, FF_NULL, 0, 0, NULL, 0,
	 "last day held: ends the term (null: it runs on); not before from"},
	{"note", FT_STRING, FF_NULL, 1, 500, NULL, 0, "e.g. the appointment or removal letter"},
};

static const struct field project_fields[] = {
	{"code", FT_STRING, FF_REQUIRED, 1, 512, NULL, 0,
	 "the project's code or document number as written, unique; it never changes (kept NFC, "
	 "trimmed; at most 128 characters, no '/')"},
	{"name", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "名称"},
	{"unit", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit that runs it"},
	{"year", FT_INT, FF_REQUIRED, 2000, 2100, NULL, 0, "budget year"},
	{"total", FT_INT, FF_REQUIRED, 1, 100000000000, NULL, 0, "total budget, yuan"},
	{"security", FT_INT, 0, 0, 100000000000, NULL, 0,
	 "of which for security, yuan (at most the total)"},
};

/* --- notices, incidents, records, deadlines ------------------------------------------------------ */

static const struct field notice_fields[] = {
	{"code", FT_STRING, FF_REQUIRED, 1, 512, NULL, 0,
	 "the notice's number (文号) as written, e.g. 内网信通〔2026〕77号; unique (kept NFC, trimmed; "
	 "at most 128 characters, no '/')"},
	{"authority", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "who issued it (通报单位)"},
	{"received_at", FT_TIME, 0, 0, 0, NULL, 0, "when it arrived (default: now)"},
	{"assets", FT_CODES, FF_REQUIRED, 1, 50, NULL, 0, "the systems it concerns"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0,
	 "the unit it is addressed to (default: the first system's manager unit)"},
	{"category", FT_STRING, 0, 1, 100, NULL, 0, "what kind of problem"},
	{"text", FT_TEXT, 0, 1, 20000, NULL, 0, "the notice's text"},
	{"attachment", FT_STRING, 0, 1, 500, NULL, 0, "where the original is kept"},
	{"due", FT_DATE, 0, 0, 0, NULL, 0, "a deadline the notice itself sets"},
};

/* A correction: any of the notice's own fields, and why (its systems stay: a new notice). */
static const struct field notice_fix_fields[] = {
	{"code", FT_STRING, 0, 1, 512, NULL, 0, "the number as it should read (still unique)"},
	{"authority", FT_STRING, 0, 1, 200, NULL, 0, "who issued it"},
	{"received_at", FT_TIME, 0, 0, 0, NULL, 0,
	 "when it arrived: until feedback is sent, never after the first step"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "the unit it is addressed to (within your scope)"},
	{"category", FT_STRING, FF_NULL, 1, 100, NULL, 0, "what kind of problem (null clears)"},
	{"text", FT_TEXT, FF_NULL, 1, 20000, NULL, 0, "the notice's text (null clears)"},
	{"attachment", FT_STRING, FF_NULL, 1, 500, NULL, 0, "where the original is kept"},
	{"due", FT_DATE, FF_NULL, 0, 0, NULL, 0,
	 "the notice's own deadline (null: none) — until it is verified"},
	{"reason", FT_STRING, FF_REQUIRED, 1, 2000, NULL, 0, "why it is corrected (更正原因)"},
};

static const struct field void_fields[] = {
	{"reason", FT_STRING, FF_REQUIRED, 1, 2000, NULL, 0, "why the record is withdrawn"},
};

static const struct field step_fields[] = {
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when it was done (default: now)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who did it"},
	{"note", FT_TEXT, 0, 1, 5000, NULL, 0, "what was done"},
};

static const struct field extend_fields[] = {
	{"to", FT_DATE, FF_REQUIRED, 0, 0, NULL, 0, "the new due date"},
	{"reason", FT_TEXT, FF_REQUIRED, 1, 2000, NULL, 0, "why it was granted"},
	{"by", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "who granted it (the notifier)"},
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when it was granted (default: now)"},
};

static const struct field checked_fields[] = {
	{"asset", FT_CODE, 0, 0, 0, NULL, 0, "a system of the 举一反三 list (or assets, or all)"},
	{"assets", FT_CODES, 0, 1, 200, NULL, 0, "systems of the 举一反三 list checked at once"},
	{"all", FT_BOOL, 0, 0, 0, NULL, 0, "true: every system of the list not checked yet"},
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when it was checked (default: now)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who checked it"},
	{"note", FT_STRING, 0, 1, 2000, NULL, 0, "what was looked at and found (one for all)"},
};

static const struct field notice_filters[] = {
	{"state", ENUM(due_state, DUE__MAX), "only notices in this state"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only notices concerning this unit's subtree"},
	{"asset", FT_CODE, 0, 0, 0, NULL, 0, "only notices naming this system (its code)"},
};

static const struct field incident_filters[] = {
	{"asset", FT_CODE, 0, 0, 0, NULL, 0, "only incidents naming this system (its code)"},
};

static const struct field incident_fields[] = {
	{"code", FT_STRING, FF_REQUIRED, 1, 512, NULL, 0,
	 "the incident's number as written; unique (kept NFC, trimmed; at most 128 characters, no "
	 "'/')"},
	{"title", FT_STRING, 0, 1, 200, NULL, 0, "what happened, in a line"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0,
	 "the unit it happened in (default: the first system's manager unit)"},
	{"assets", FT_CODES, FF_REQUIRED, 1, 50, NULL, 0, "the systems hit, the main one first"},
	{"detected_at", FT_TIME, FF_REQUIRED, 0, 0, NULL, 0, "when it was detected"},
	{"occurred_at", FT_TIME, 0, 0, 0, NULL, 0, "when it began, if known"},
	{"reporter", ENUM(reporter, REPORTER__MAX), "who reports it (sets the report deadline)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who records it"},
};

/* A correction of an incident's record, and why (its systems and timeline stay: events). */
static const struct field incident_fix_fields[] = {
	{"code", FT_STRING, 0, 1, 512, NULL, 0, "the number as it should read (still unique)"},
	{"title", FT_STRING, FF_NULL, 1, 200, NULL, 0, "what happened, in a line (null clears)"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "the unit it happened in (within your scope)"},
	{"detected_at", FT_TIME, 0, 0, 0, NULL, 0,
	 "when it was detected: not in the future, not after the timeline's first event"},
	{"reason", FT_STRING, FF_REQUIRED, 1, 2000, NULL, 0, "why it is corrected (更正原因)"},
};

static const struct field report_fields[] = {
	{"kind", ENUM_REQ(report_kind, REPORT__MAX),
	 "initial, supplementary, summary, or internal (inside the organisation)"},
	{"to", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "to whom it was reported"},
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when (default: now)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who reported"},
	{"note", FT_TEXT, 0, 1, 5000, NULL, 0, "what was reported"},
};

/* The events a person records on an incident's timeline (incident event on the command line);
 * reports, closing and the accountability steps have their own routes. */
static const enum incident_event_kind event_kinds[] = {IEV_SET,    IEV_FACT,        IEV_MEASURE,
						       IEV_PERSON, IEV_PARTICIPANT, IEV_STEP,
						       IEV_GRADE};
#define EVENT__MAX ((int)N(event_kinds))
static const char *event_kind_i(int v)
{
	return v >= 0 && v < EVENT__MAX ? incident_event_code(event_kinds[v]) : "?";
}

enum incident_event_kind api_event_kind(int i)
{
	return event_kinds[i];
}

static const struct field event_fields[] = {
	{"kind", ENUM_REQ(event_kind, EVENT__MAX),
	 "set (a field of the incident), fact, measure, person (当事人), participant (a leader "
	 "in the decision), step (a handling step) or grade (confirm or override the grade)"},
	{"name", FT_STRING, 0, 1, 64, NULL, 0,
	 "set: occurred_at, outage_start, outage_end, outage_scope, reporter, class, subclass, "
	 "coordination_failed; fact: a fact of docs/conditions.md; measure: personal_info_people, "
	 "direct_loss_yuan, …"},
	{"value", FT_STRING, FF_NULL, 0, 200, NULL, 0,
	 "set, fact, measure: the value as text (null: a fact or measure unknown again); grade: "
	 "特别重大, 重大, 较大 or 一般"},
	{"person", FT_CODE, 0, 0, 0, NULL, 0, "person, participant: a person's code"},
	{"note", FT_TEXT, 0, 1, 5000, NULL, 0,
	 "fact: how it is known; step: what was done; grade: the reason (required)"},
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when (default: now)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who records it"},
};

static const struct field answer_fields[] = {
	{"fact", FT_STRING, FF_REQUIRED, 1, 64, NULL, 0,
	 "the fact an open question of a trigger asks for"},
	{"value", FT_STRING, FF_REQUIRED | FF_NULL, 0, 200, NULL, 0,
	 "the answer (null: unknown again)"},
	{"note", FT_TEXT, FF_REQUIRED, 1, 5000, NULL, 0, "how it is known: the evidence"},
	{"at", FT_TIME, 0, 0, 0, NULL, 0, "when it was established (default: now)"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who records it"},
};

static const struct field by_fields[] = {
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who records it"},
};

static const struct field decide_fields[] = {
	{"authority", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "who decided"},
	{"date", FT_DATE, FF_REQUIRED, 0, 0, NULL, 0, "the day of the decision"},
	{"outcomes", FT_STRINGS, FF_REQUIRED, 1, 32, NULL, 0,
	 "PERSON=OUTCOME for each person, e.g. P01=通报批评"},
	{"by", FT_STRING, 0, 1, 200, NULL, 0, "who records it"},
};

static const struct field record_fields[] = {
	{"kind", ENUM_REQ(record_kind, RECORD__MAX), "meeting, drill, training …"},
	{"unit", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit that did it"},
	{"on", FT_DATE, FF_REQUIRED, 0, 0, NULL, 0, "the day it took place"},
	{"duty", FT_CODE, FF_NULL, 0, 0, NULL, 0, "the profile duty it answers"},
	{"period", FT_STRING, FF_NULL, 4, 7, NULL, 0,
	 "the period it answers: 2026, 2026-H1, 2026-Q3"},
	{"title", FT_STRING, FF_REQUIRED, 1, 200, NULL, 0, "what it was"},
	{"participants", FT_TEXT, FF_NULL, 1, 5000, NULL, 0, "who took part"},
	{"minutes", FT_TEXT, FF_NULL, 1, 20000, NULL, 0, "the minutes"},
	{"attachment", FT_STRING, FF_NULL, 1, 500, NULL, 0, "where the evidence is kept"},
};

static const struct field work_settings_fields[] = {
	{"notice_default_workdays", FT_INT, FF_NULL, 1, POLICY_NOTICE_DEFAULT_MAX, NULL, 0,
	 "本单位默认整改时限（工作日）: the rectification period of a notice where the policy sets "
	 "none and the notice states no deadline (null: none)"},
	{"reporter_type", FT_ENUM, FF_NULL, 0, 0, reporter_i, REPORTER__MAX,
	 "报告主体类型: who reports the organisation's incidents under the 2025 reporting measures "
	 "(cii 1 h, central_organ 2 h, other 4 h; null: not known — incidents warn and use other)"},
	{"feedback_approval", FT_BOOL, 0, 0, 0, NULL, 0,
	 "反馈须经单位负责人审核（请示报告）: while true, a notice's feedback is refused (409) until "
	 "the unit leader has approved it"},
};

static const struct field gap_filters[] = {
	{"rule", ENUM(check_rule, CHECK__MAX), "only gaps of this rule"},
};

/* An evidence file (证明材料): the body is the file, as a form's part "file" or raw. */
static const struct field upload_query[] = {
	{"name", FT_STRING, 0, 1, 255, NULL, 0,
	 "the file's name (UTF-8, percent-encoded): required with a raw body; with a form it "
	 "replaces the name the part gives"},
};

static const struct field withdraw_fields[] = {
	{"reason", FT_TEXT, FF_REQUIRED, 1, 2000, NULL, 0,
	 "why the file is withdrawn (attached by mistake, the wrong version …)"},
};

static const struct field deadline_filters[] = {
	{"state", ENUM(due_state, DUE__MAX), "only deadlines in this state"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only deadlines of this unit's subtree"},
	{"year", FT_INT, 0, 1900, 9999, NULL, 0,
	 "only deadlines due in this year (in due order; the year view)"},
};

/* --- the yearly assessment (检查考核) ---------------------------------------------------------------- */

static const struct field assess_filters[] = {
	{"year", FT_INT, 0, 2000, 2100, NULL, 0, "only sheets of this year"},
	{"unit", FT_CODE, 0, 0, 0, NULL, 0, "only sheets of this unit's subtree"},
	{"stage", ENUM(assess_stage, AST__MAX), "only sheets at this stage of the cycle"},
};

static const struct field assess_open_fields[] = {
	{"unit", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit assessed (within your scope)"},
	{"year", FT_INT, FF_REQUIRED, 2000, 2100, NULL, 0, "the year assessed (at most this one)"},
};

static const struct field assess_value_fields[] = {
	{"indicator", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the indicator's code on the sheet"},
	{"value", FT_STRING, 0, 1, 20, NULL, 0,
	 "a manual indicator's value as text: a level \"1\", \"0.5\" or \"0\", a count, or the n "
	 "of a share (with of)"},
	{"of", FT_INT, 0, 0, 1000000000, NULL, 0, "a share's whole: value of of"},
	{"exempt", FT_BOOL, 0, 0, 0, NULL, 0,
	 "true: exempt (免责, full marks, no veto) with its reason; false: no longer"},
	{"reason", FT_TEXT, 0, 1, 2000, NULL, 0, "why it is exempt (免责事由)"},
	{"note", FT_TEXT, FF_NULL, 1, 2000, NULL, 0, "what the value rests on (null clears)"},
};

static const struct field assess_comment_fields[] = {
	{"comment", FT_TEXT, 0, 1, 2000, NULL, 0, "the comment kept with the step (意见)"},
};

static const struct field assess_reason_fields[] = {
	{"reason", FT_TEXT, FF_REQUIRED, 1, 2000, NULL, 0, "why (退回原因, 更正原因)"},
};

static const struct field assess_year_query[] = {
	{"year", FT_INT, 0, 2000, 2100, NULL, 0, "the year (required)"},
};

static const struct field assess_results_query[] = {
	{"year", FT_INT, 0, 2000, 2100, NULL, 0, "the year (required)"},
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "csv (default) or xlsx"},
	{"lang", FT_STRING, 0, 2, 2, NULL, 0, "zh (default: Chinese headers) or en"},
};

/* --- administration (三员分立) ---------------------------------------------------------------------- */

static const char *role_i(int v)
{
	return account_role_code((enum account_role)v);
}

static const struct field account_fields[] = {
	{"name", FT_STRING, FF_REQUIRED, 2, ACCOUNT_NAME_MAX, NULL, 0,
	 "login name: lower-case letters, digits, '.', '_' or '-'"},
	{"display", FT_STRING, 0, 0, 127, NULL, 0, "the person's name"},
};

static const struct field account_update_fields[] = {
	{"locked", FT_BOOL, 0, 0, 0, NULL, 0, "false unlocks (and clears the failures)"},
	{"disabled", FT_BOOL, 0, 0, 0, NULL, 0, "a disabled account cannot sign in"},
};

static const struct field role_fields[] = {
	{"role", FT_ENUM, FF_REQUIRED, 0, 0, role_i, AR__MAX, "the account's one role"},
	{"unit", FT_CODE, FF_NULL, 0, 0, NULL, 0,
	 "the top unit of its scope (business roles only)"},
};

/* a proposed change of an administrator's role (0037, 0042): its states, the list's filter, the
 * refusal's and the withdrawal's reason */
static const char *change_state_i(int v)
{
	static const char *const s[] = {"pending", "agreed", "refused", "withdrawn"};

	return v >= 0 && v < (int)N(s) ? s[v] : NULL;
}

static const struct field role_change_filters[] = {
	{"state", FT_ENUM, 0, 0, 0, change_state_i, 4,
	 "pending (waiting for the system administrator), agreed, refused or withdrawn"},
};

static const struct field role_refuse_fields[] = {
	{"reason", FT_TEXT, FF_REQUIRED, 0, 2000, NULL, 0,
	 "why the change is refused, for the security administrator who proposed it (not blanks "
	 "alone)"},
};

static const struct field role_withdraw_fields[] = {
	{"reason", FT_TEXT, 0, 1, 2000, NULL, 0, "why the proposal is withdrawn"},
};

static const struct field settings_fields[] = {
	{"password_min_length", FT_INT, 0, 8, 128, NULL, 0, "shortest password"},
	{"password_max_age_days", FT_INT, 0, 0, 3650, NULL, 0, "0 = passwords never expire"},
	{"lockout_failures", FT_INT, 0, 3, 20, NULL, 0, "failures in a row that lock an account"},
	{"session_idle_minutes", FT_INT, 0, 5, 240, NULL, 0, "idle time that ends a session"},
	{"session_absolute_hours", FT_INT, 0, 1, 72, NULL, 0, "longest session"},
	{"evidence_max_mb", FT_INT, 0, 1, 100, NULL, 0, "MiB an evidence file may hold"},
	{"password_hash_mib", FT_INT, 0, 8, 1024, NULL, 0,
	 "MiB of memory one password hash (argon2id) takes"},
	{"password_hash_passes", FT_INT, 0, 1, 10, NULL, 0, "passes of argon2id over it"},
};

static const struct field token_fields[] = {
	{"label", FT_STRING, FF_REQUIRED, 1, 127, NULL, 0, "what the integration is"},
	{"account", FT_STRING, FF_REQUIRED, 2, 64, NULL, 0,
	 "the account of a business role it acts as (its role and scope, given by the security "
	 "administrator)"},
	{"expires_on", FT_DATE, 0, 0, 0, NULL, 0, "last day it works (none: until revoked)"},
};

/* the audit log's filters, of its list and of its export */
#define AUDIT_FILTER_FIELDS                                                                        \
	{"actor", FT_STRING, 0, 1, 100, NULL, 0, "who: an account name, token:ID or cli:USER"},    \
	{"action", FT_STRING, 0, 1, 100, NULL, 0,                                                  \
	 "the action, or a prefix ending in \".\" (\"notice.\")"},                                  \
	{"outcome", FT_STRING, 0, 1, 16, NULL, 0, "ok, denied, invalid, failed or locked"},        \
	{"from", FT_TIME, 0, 0, 0, NULL, 0, "entries at or after"},                                \
	{"to", FT_TIME, 0, 0, 0, NULL, 0, "entries before"}

static const struct field audit_filters[] = {AUDIT_FILTER_FIELDS};

static const struct field export_audit_query[] = {
	{"format", FT_STRING, 0, 3, 4, NULL, 0, "csv (default) or xlsx"},
	{"lang", FT_STRING, 0, 2, 2, NULL, 0, "zh (default: Chinese headers) or en (English headers)"},
	AUDIT_FILTER_FIELDS,
};

/* --- the organisation: the responsibility matrix and handovers ------------------------------- */

static const struct field reset_fields[] = {
	{"password", FT_STRING, FF_REQUIRED, 1, 1024, NULL, 0,
	 "a password for the person to change at the next sign-in (the password rules hold)"},
};

static const struct field matrix_query[] = {
	{"on", FT_DATE, 0, 0, 0, NULL, 0, "the day the holders are of (default: today)"},
};

static const struct field matrix_cell_query[] = {
	{"unit", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "the unit of the cell"},
	{"role", FT_ENUM, FF_REQUIRED, 0, 0, duty_role_i, ROLE__MAX, "the role of the cell"},
};

static const struct field handover_fields[] = {
	{"person", FT_CODE, FF_REQUIRED, 0, 0, NULL, 0, "who holds the role from now on"},
	{"from", FT_DATE, FF_REQUIRED, 0, 0, NULL, 0,
	 "the new term's first day: the current one ends the day before"},
	{"note", FT_STRING, 0, 1, 500, NULL, 0, "e.g. the appointment letter"},
};

/* --- reminders and notifications ---------------------------------------------------------------- */

static const struct field bell_query[] = {
	{"unread", FT_BOOL, 0, 0, 0, NULL, 0, "only the unread ones (true or 1)"},
};

static const struct field outbox_query[] = {
	{"state", FT_STRING, 0, 3, 7, NULL, 0, "only messages in this state: pending, sent, dead"},
};

static const struct field channel_fields[] = {
	{"name", FT_STRING, FF_REQUIRED, 1, 64, NULL, 0, "what the channel is called"},
	{"kind", FT_STRING, FF_REQUIRED, 4, 8, NULL, 0, "mail, wecom, dingtalk or feishu"},
	{"target", FT_STRING, FF_REQUIRED, 8, 2048, NULL, 0,
	 "the mail server (smtp://HOST:PORT for STARTTLS, smtps://HOST:PORT for TLS) or the robot's "
	 "webhook URL with its key; kept sealed, never answered"},
	{"secret", FT_STRING, FF_NULL, 1, 2048, NULL, 0,
	 "the SMTP password or the robot's signing secret (DingTalk, Feishu); kept sealed, never "
	 "answered; null removes it"},
	{"from", FT_STRING, 0, 3, 254, NULL, 0, "mail: the sender's address"},
	{"user", FT_STRING, 0, 1, 254, NULL, 0, "mail: the login of the SMTP server"},
	{"tls", FT_STRING, 0, 3, 8, NULL, 0,
	 "mail: starttls (the default), tls, or none (a relay on the same host only)"},
	{"ca_file", FT_STRING, 0, 1, 1024, NULL, 0,
	 "mail: a PEM file of the certificates to trust, on the server's disk"},
	{"enabled", FT_BOOL, 0, 0, 0, NULL, 0, "whether messages go through it (default true)"},
};

static const struct field channel_test_fields[] = {
	{"address", FT_STRING, 0, 1, 254, NULL, 0,
	 "mail: the address to send the test to; robots: a mobile number or user id to mention"},
};

static const struct field pref_fields[] = {
	{"chosen", FT_BOOL, FF_REQUIRED, 0, 0, NULL, 0, "whether your messages go to this channel"},
	{"address", FT_STRING, 0, 1, 254, NULL, 0,
	 "your address there: a mail address; a mobile number or user id for the robot to mention"},
};

static const struct field rules_fields[] = {
	{"leads", FT_STRING, 0, 1, 40, NULL, 0,
	 "working days before a due date a reminder goes, e.g. \"2,1,0\""},
	{"escalate", FT_STRING, 0, 3, 10, NULL, 0,
	 "working days overdue when it goes to the direct, then the first responsible, e.g. \"1,3\""},
	{"tries", FT_STRING, 0, 1, 2, NULL, 0, "tries before a message is a dead letter (1 to 20)"},
	{"backoff", FT_STRING, 0, 1, 4, NULL, 0,
	 "seconds waited after the first failed try, doubled after each (1 to 3600)"},
	{"digest", FT_STRING, 0, 2, 3, NULL, 0, "the weekly digest of each account: on or off"},
	{"obligations", FT_STRING, 0, 2, 3, NULL, 0,
	 "the reminders and escalations of the yearly duties and MLPS deadlines: on or off"},
	{"base_url", FT_STRING, 0, 0, 199, NULL, 0,
	 "the web application's address, for the links in messages (http(s)://HOST[:PORT])"},
};

/* --- the table ---------------------------------------------------------------------------------- */

#define BODY(f)  f, N(f)
#define QUERY(f) f, N(f)
#define NONE     NULL, 0

const struct route api_routes[] = {
	{"GET", "/api/v1/health", PERM_PUBLIC, 0, api_health, NONE, NONE, NULL, NULL, "system",
	 "is the server up and its database reachable"},
	{"GET", "/api/v1/openapi.json", PERM_PUBLIC, 0, api_openapi, NONE, NONE, NULL, NULL,
	 "system", "this API described in OpenAPI 3.1"},

	{"POST", "/api/v1/session", PERM_PUBLIC, 0, api_session_create, BODY(login_fields), NONE,
	 NULL, "session.login", "session",
	 "sign in: sets the session cookie and answers the CSRF token"},
	{"GET", "/api/v1/session", PERM_SELF, 0, api_session_get, NONE, NONE, NULL, NULL, "session",
	 "who is signed in (or which token is used)"},
	{"DELETE", "/api/v1/session", PERM_SELF, R_NOBODY, api_session_delete, NONE, NONE, NULL,
	 "session.logout", "session", "sign out"},
	{"POST", "/api/v1/session/password", PERM_SELF, 0, api_session_password,
	 BODY(password_fields), NONE, NULL, "account.password", "session",
	 "change one's own password"},
	{"POST", "/api/v1/session/totp", PERM_SELF, 0, api_session_totp, BODY(totp_begin_fields),
	 NONE, NULL, "account.totp_begin", "session",
	 "begin enrolling (or replacing) a TOTP second factor, with the password and the current "
	 "code: answers the secret and an otpauth URI"},
	{"POST", "/api/v1/session/totp/confirm", PERM_SELF, 0, api_session_totp_confirm,
	 BODY(totp_confirm_fields), NONE, NULL, "account.totp_enable", "session",
	 "confirm the new second factor with a code of it"},

	{"GET", "/api/v1/assets", PERM_READ, R_LIST | R_CACHE, api_assets_list, NONE, QUERY(asset_filters),
	 "id,code,name,mlps_level", NULL, "register", "list the assets in scope"},
	{"POST", "/api/v1/assets", PERM_WORK, 0, api_asset_create, BODY(asset_fields), NONE, NULL,
	 "asset.create", "register", "record an asset"},
	{"GET", "/api/v1/assets/{id}", PERM_READ, R_CACHE, api_asset_get, NONE, NONE, NULL, NULL,
	 "register", "one asset"},
	{"PATCH", "/api/v1/assets/{id}", PERM_WORK, R_UPDATE, api_asset_update, BODY(asset_fields),
	 NONE, NULL, "asset.update", "register", "change some of an asset's fields"},

	{"GET", "/api/v1/units", PERM_READ, R_LIST | R_CACHE, api_units_list, NONE, NONE, "id", NULL,
	 "register", "the units in scope (the tree: each with its parent)"},
	{"POST", "/api/v1/units", PERM_OFFICE, 0, api_unit_create, BODY(unit_fields), NONE, NULL,
	 "unit.create", "register", "add a unit"},
	{"GET", "/api/v1/units/{id}", PERM_READ, R_CACHE, api_unit_get, NONE, NONE, NULL, NULL,
	 "register", "one unit"},
	{"PATCH", "/api/v1/units/{id}", PERM_OFFICE, R_UPDATE, api_unit_update, BODY(unit_fields),
	 NONE, NULL, "unit.update", "register",
	 "rename a unit, change its kind or move it under another unit of your scope (its code "
	 "stays)"},
	{"GET", "/api/v1/persons", PERM_READ, R_LIST | R_PERSONAL, api_persons_list, NONE, NONE,
	 "id", "person.list", "register", "the persons in scope (personal data: the read is audited)"},
	{"POST", "/api/v1/persons", PERM_WORK, 0, api_person_create, BODY(person_fields), NONE,
	 NULL, "person.create", "register", "add a person"},
	{"GET", "/api/v1/persons/{id}", PERM_READ, R_PERSONAL, api_person_get, NONE, NONE, NULL,
	 "person.read", "register", "one person (personal data: the read is audited)"},
	{"PATCH", "/api/v1/persons/{id}", PERM_WORK, R_UPDATE, api_person_update,
	 BODY(person_fields), NONE, NULL, "person.update", "register",
	 "change a person's name, unit or contact details (null clears title, phone, email; the "
	 "code stays)"},
	{"GET", "/api/v1/duties", PERM_READ, R_LIST | R_CACHE, api_duties_list, NONE, NONE, "id",
	 NULL, "register", "who holds which role for which unit or system, from when to when"},
	{"POST", "/api/v1/duties", PERM_WORK, 0, api_duty_create, BODY(duty_fields), NONE, NULL,
	 "duty.create", "register", "record that a person holds a role"},
	{"GET", "/api/v1/duties/{id}", PERM_READ, R_CACHE, api_duty_get, NONE, NONE, NULL, NULL,
	 "register", "one duty"},
	{"PATCH", "/api/v1/duties/{id}", PERM_WORK, R_UPDATE, api_duty_update,
	 BODY(duty_update_fields), NONE, NULL, "duty.update", "register",
	 "end a term (to) or correct its dates, holder or note (role and unit or system stay)"},
	{"GET", "/api/v1/projects", PERM_READ, R_LIST | R_CACHE, api_projects_list, NONE, NONE, "id",
	 NULL, "register", "IT projects and their security budgets"},
	{"POST", "/api/v1/projects", PERM_WORK, 0, api_project_create, BODY(project_fields), NONE,
	 NULL, "project.create", "register", "add an IT project"},
	{"GET", "/api/v1/projects/{id}", PERM_READ, R_CACHE, api_project_get, NONE, NONE, NULL, NULL,
	 "register", "one IT project"},
	{"PATCH", "/api/v1/projects/{id}", PERM_WORK, R_UPDATE, api_project_update,
	 BODY(project_fields), NONE, NULL, "project.update", "register",
	 "change a project's name, unit, year or budgets (its code stays)"},

	{"POST", "/api/v1/import/units", PERM_OFFICE, R_IMPORT, api_import, NONE,
	 QUERY(import_query), NULL, "import.units", "register",
	 "import units from a spreadsheet (the body: .xlsx, or CSV in UTF-8 or GB18030): every row "
	 "checked, all or nothing; answers the report, 422 listing every error"},
	{"POST", "/api/v1/import/persons", PERM_WORK, R_IMPORT, api_import, NONE,
	 QUERY(import_query), NULL, "import.people", "register",
	 "import persons from a spreadsheet (as units)"},
	{"POST", "/api/v1/import/duties", PERM_WORK, R_IMPORT, api_import, NONE, QUERY(import_query),
	 NULL, "import.duties", "register", "import duties from a spreadsheet (as units)"},
	{"POST", "/api/v1/import/projects", PERM_WORK, R_IMPORT, api_import, NONE,
	 QUERY(import_query), NULL, "import.projects", "register",
	 "import IT projects and their budgets from a spreadsheet (as units)"},
	{"POST", "/api/v1/import/assets", PERM_WORK, R_IMPORT, api_import, NONE, QUERY(import_query),
	 NULL, "import.assets", "register", "import assets from a spreadsheet (as units)"},
	{"POST", "/api/v1/import/notices", PERM_WORK, R_IMPORT, api_import, NONE,
	 QUERY(import_query), NULL, "import.notices", "notices",
	 "import notices (通报) from a spreadsheet (as units): each recorded as POST /notices "
	 "records one, with its due date, 举一反三 list and audit entry"},

	{"GET", "/api/v1/export/units", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_query), NULL, NULL, "register",
	 "the units in scope as a spreadsheet file (CSV with BOM; Content-Disposition names it)"},
	{"GET", "/api/v1/export/persons", PERM_READ, R_PERSONAL | R_FILE, api_export, NONE,
	 QUERY(export_query), NULL, "person.export", "register",
	 "the persons in scope as a spreadsheet file (personal data: the read is audited)"},
	{"GET", "/api/v1/export/duties", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_query), NULL, NULL, "register", "the duties in scope as a spreadsheet file"},
	{"GET", "/api/v1/export/projects", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_query), NULL, NULL, "register", "the IT projects and their budgets as a spreadsheet file"},
	{"GET", "/api/v1/export/records", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_query), NULL, NULL, "records", "the records of meetings, drills, training … in scope as a file"},
	{"GET", "/api/v1/export/deadlines", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_deadline_query),
	 NULL, NULL, "deadlines",
	 "today's obligations in scope (what is due, by due date, with their state) as a file"},
	{"GET", "/api/v1/export/notices", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_notice_query), NULL, NULL, "notices",
	 "the notices in scope the list's filters select (stage, deadline and its basis, state, "
	 "working days left, 举一反三) as a file"},
	{"GET", "/api/v1/export/gaps", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_gap_query), NULL, NULL, "deadlines", "today's responsibility gaps in scope (rule, article) as a file"},
	{"GET", "/api/v1/templates/units", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query),
	 NULL, NULL, "register", "the import template of units as an XLSX workbook"},
	{"GET", "/api/v1/templates/persons", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query), NULL, NULL, "register",
	 "the import template of persons as an XLSX workbook"},
	{"GET", "/api/v1/templates/duties", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query),
	 NULL, NULL, "register", "the import template of duties as an XLSX workbook"},
	{"GET", "/api/v1/templates/assets", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query),
	 NULL, NULL, "register",
	 "the import template of assets as an XLSX workbook: header row, drop-down lists for the "
	 "enumerations, a sheet 填写说明 with what each column takes and an example"},
	{"GET", "/api/v1/templates/projects", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query), NULL, NULL, "register",
	 "the import template of projects as an XLSX workbook"},
	{"GET", "/api/v1/templates/notices", PERM_READ, R_FILE, api_template, NONE,
	 QUERY(template_query), NULL, NULL, "notices",
	 "the import template of notices as an XLSX workbook"},
	{"GET", "/api/v1/export/incidents", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_query),
	 NULL, NULL, "incidents",
	 "the incidents in scope (grade, report and summary states, accountability triggers, case "
	 "stage) as a file"},
	{"GET", "/api/v1/export/audit", PERM_AUDIT, R_PERSONAL | R_FILE, api_export, NONE,
	 QUERY(export_audit_query), NULL, "audit.export", "audit",
	 "the audit log the filters select, newest first, as a file (audit administrator); the "
	 "export is itself audited"},
	{"GET", "/api/v1/export/assets", PERM_READ, R_FILE, api_export, NONE,
	 QUERY(export_asset_query),
	 NULL, NULL, "register",
	 "the assets in scope the list's filters select, as a spreadsheet file"},

	{"GET", "/api/v1/reports/annual", PERM_READ, R_FILE, api_report, NONE,
	 QUERY(report_annual_query), NULL, "report.annual", "reports",
	 "the annual work report (年度网络安全工作情况报告) of the scope as PDF or Word, in the layout "
	 "of GB/T 9704-2012 (audited)"},
	{"GET", "/api/v1/reports/feedback/{id}", PERM_READ, R_FILE | R_CODE, api_report, NONE,
	 QUERY(report_query), NULL, "report.feedback", "reports",
	 "the rectification feedback form (整改反馈单) of a notice (id or number) in scope"},
	{"GET", "/api/v1/reports/recommendation/{id}", PERM_READ, R_PERSONAL | R_FILE | R_CODE,
	 api_report, NONE, QUERY(report_query), NULL, "report.recommendation", "reports",
	 "the accountability recommendation (问责建议书) of an incident (id or number) in scope"},
	{"GET", "/api/v1/reports/duties", PERM_READ, R_PERSONAL | R_FILE, api_report, NONE,
	 QUERY(report_query), NULL, "report.duties", "reports",
	 "the responsibility list (责任清单) of the scope: each unit's role holders today, the gaps"},
	{"GET", "/api/v1/reports/ledger", PERM_READ, R_FILE, api_report, NONE,
	 QUERY(report_ledger_query), NULL, "report.ledger", "reports",
	 "the ledger (台账) of the systems in scope as PDF, Word or an Excel workbook"},
	{"GET", "/api/v1/reports/assessment", PERM_READ, R_FILE, api_report, NONE,
	 QUERY(report_assessment_query), NULL, "report.assessment", "reports",
	 "the assessment results (考核结果) of a year in scope — the ranking with the year before and "
	 "each unit's sheet, or one unit's — as PDF, Word or an Excel workbook"},

	{"GET", "/api/v1/notices", PERM_READ, R_LIST, api_notices_list, NONE, QUERY(notice_filters),
	 "id", NULL, "notices", "the official notices in scope, with due dates and states"},
	{"POST", "/api/v1/notices", PERM_OFFICE, 0, api_notice_create, BODY(notice_fields), NONE,
	 NULL, "notice.create", "notices", "record an official notice (通报)"},
	{"GET", "/api/v1/notices/{id}", PERM_READ, R_CODE, api_notice_get, NONE, NONE, NULL, NULL,
	 "notices", "one notice with its timeline and 举一反三 list"},
	{"PATCH", "/api/v1/notices/{id}", PERM_OFFICE, R_CODE, api_notice_correct,
	 BODY(notice_fix_fields), NONE, NULL, "notice.correct", "notices",
	 "correct a mistake in a notice, saying why: kept as a correction beside its timeline"},
	{"POST", "/api/v1/notices/{id}/start", PERM_WORK, R_CODE, api_notice_start, BODY(step_fields),
	 NONE, NULL, "notice.start", "notices", "rectification started"},
	{"POST", "/api/v1/notices/{id}/rectify", PERM_WORK, R_CODE, api_notice_rectify,
	 BODY(step_fields), NONE, NULL, "notice.rectify", "notices", "rectified (整改完成)"},
	{"POST", "/api/v1/notices/{id}/feedback", PERM_WORK, R_CODE, api_notice_feedback,
	 BODY(step_fields), NONE, NULL, "notice.feedback", "notices",
	 "feedback sent to the notifier (反馈)"},
	{"POST", "/api/v1/notices/{id}/support", PERM_WORK, R_CODE, api_notice_support,
	 BODY(step_fields), NONE, NULL, "notice.support", "notices",
	 "technical support asked for (the clock runs on)"},
	{"POST", "/api/v1/notices/{id}/approve", PERM_SIGNOFF, R_CODE, api_notice_approve,
	 BODY(step_fields), NONE, NULL, "notice.approve", "notices",
	 "the unit leader approves the feedback before it is sent (请示报告, IMNU 第十二条（三）)"},
	{"POST", "/api/v1/notices/{id}/verify", PERM_OFFICE, R_CODE, api_notice_verify,
	 BODY(step_fields), NONE, NULL, "notice.verify", "notices", "the office verified it"},
	{"POST", "/api/v1/notices/{id}/extend", PERM_OFFICE, R_CODE, api_notice_extend,
	 BODY(extend_fields), NONE, NULL, "notice.extend", "notices",
	 "an extension the notifier granted"},
	{"POST", "/api/v1/notices/{id}/checked", PERM_WORK, R_CODE, api_notice_checked,
	 BODY(checked_fields), NONE, NULL, "notice.checked", "notices",
	 "systems of the 举一反三 list were checked: one (asset), several (assets) or every one "
	 "left (all), with one note"},

	{"GET", "/api/v1/incidents", PERM_READ, R_LIST, api_incidents_list, NONE,
	 QUERY(incident_filters), "id", NULL,
	 "incidents", "the incidents in scope with grade, report and case states"},
	{"POST", "/api/v1/incidents", PERM_WORK, 0, api_incident_create, BODY(incident_fields),
	 NONE, NULL, "incident.create", "incidents", "record an incident"},
	{"GET", "/api/v1/incidents/{id}", PERM_READ, R_PERSONAL | R_CODE, api_incident_get, NONE,
	 NONE, NULL,
	 "incident.read", "incidents",
	 "one incident: grade, deadlines, triggers, the chain of named persons (a read that is "
	 "audited), timeline"},
	{"PATCH", "/api/v1/incidents/{id}", PERM_WORK, R_CODE, api_incident_correct,
	 BODY(incident_fix_fields), NONE, NULL, "incident.correct", "incidents",
	 "correct a mistake in an incident's record, saying why: kept as a correction beside its "
	 "timeline"},
	{"POST", "/api/v1/incidents/{id}/events", PERM_WORK, R_CODE, api_incident_event,
	 BODY(event_fields), NONE, NULL, "incident.event", "incidents",
	 "record a field, fact, measure, person involved, participant, handling step or the "
	 "confirmed grade"},
	{"POST", "/api/v1/incidents/{id}/report", PERM_WORK, R_CODE, api_incident_report,
	 BODY(report_fields), NONE, NULL, "incident.report", "incidents", "a report made"},
	{"POST", "/api/v1/incidents/{id}/close", PERM_WORK, R_CODE, api_incident_close,
	 BODY(step_fields), NONE, NULL, "incident.close", "incidents", "handling ended"},
	{"POST", "/api/v1/incidents/{id}/propose", PERM_OFFICE, R_CODE, api_incident_propose,
	 BODY(by_fields), NONE, NULL, "incident.propose", "accountability",
	 "keep the engine's accountability proposal (问责提议)"},
	{"POST", "/api/v1/incidents/{id}/recommend", PERM_OFFICE, R_CODE, api_incident_recommend,
	 BODY(by_fields), NONE, NULL, "incident.recommend", "accountability",
	 "keep the accountability recommendation (问责建议)"},
	{"POST", "/api/v1/incidents/{id}/answers", PERM_OFFICE, R_CODE, api_incident_answer,
	 BODY(answer_fields), NONE, NULL, "accountability.answer", "accountability",
	 "answer an open question of a trigger with the fact and its evidence"},
	{"POST", "/api/v1/incidents/{id}/decide", PERM_OFFICE, R_CODE, api_incident_decide,
	 BODY(decide_fields), NONE, NULL, "incident.decide", "accountability",
	 "record the decision taken for each person"},

	{"GET", "/api/v1/records", PERM_READ, R_LIST | R_CACHE, api_records_list, NONE, NONE, "id", NULL,
	 "records", "records of meetings, drills, training … in scope"},
	{"POST", "/api/v1/records", PERM_RECORD, 0, api_record_create, BODY(record_fields), NONE,
	 NULL, "record.create", "records", "record a meeting, drill, training …"},
	{"GET", "/api/v1/records/{id}", PERM_READ, R_CACHE, api_record_get, NONE, NONE, NULL, NULL,
	 "records", "one record"},
	{"PATCH", "/api/v1/records/{id}", PERM_RECORD, R_UPDATE, api_record_update,
	 BODY(record_fields), NONE, NULL, "record.update", "records",
	 "correct a record (null clears duty, period, participants, minutes, attachment)"},
	{"POST", "/api/v1/records/{id}/void", PERM_RECORD, 0, api_record_void, BODY(void_fields),
	 NONE, NULL, "record.void", "records",
	 "withdraw a record made in error, saying why: kept, it answers no duty"},
	{"GET", "/api/v1/deadlines", PERM_READ, R_LIST, api_deadlines_list, NONE,
	 QUERY(deadline_filters), "due", NULL, "deadlines",
	 "the yearly duties and MLPS deadlines up to today, with their states"},
	{"GET", "/api/v1/work-settings", PERM_READ, 0, api_work_settings_get, NONE, NONE, NULL, NULL,
	 "deadlines", "the organisation's own work settings (the default rectification period)"},
	{"PATCH", "/api/v1/work-settings", PERM_OFFICE, R_UPDATE, api_work_settings_update,
	 BODY(work_settings_fields), NONE, NULL, "settings.notice_default", "deadlines",
	 "set the organisation's default rectification period where the policy sets none"},
	{"GET", "/api/v1/gaps", PERM_READ, R_LIST, api_gaps_list, NONE, QUERY(gap_filters), "id",
	 NULL, "deadlines",
	 "the responsibility gaps of today (责任缺口): each with its rule, article and description"},
	{"GET", "/api/v1/summary", PERM_READ, 0, api_summary, NONE, NONE, NULL, NULL, "deadlines",
	 "the dashboard of the caller's scope: notices by stage and state (on time per month, the "
	 "overdue first), incidents by grade and report state, duties and MLPS deadlines by state, "
	 "gaps by rule"},

	{"GET", "/api/v1/notices/{id}/files", PERM_READ, R_CODE, api_notice_files, NONE, NONE, NULL,
	 NULL, "evidence", "the evidence files of a notice"},
	{"POST", "/api/v1/notices/{id}/files", PERM_WORK, R_UPLOAD | R_CODE, api_notice_attach, NONE,
	 QUERY(upload_query), NULL, "evidence.add", "evidence",
	 "attach an evidence file to a notice (multipart/form-data field \"file\", or the raw "
	 "body with ?name=)"},
	{"GET", "/api/v1/incidents/{id}/files", PERM_READ, R_CODE, api_incident_files, NONE, NONE, NULL,
	 NULL, "evidence", "the evidence files of an incident"},
	{"POST", "/api/v1/incidents/{id}/files", PERM_WORK, R_UPLOAD | R_CODE, api_incident_attach, NONE,
	 QUERY(upload_query), NULL, "evidence.add", "evidence",
	 "attach an evidence file to an incident"},
	{"GET", "/api/v1/records/{id}/files", PERM_READ, 0, api_record_files, NONE, NONE, NULL,
	 NULL, "evidence", "the evidence files of a record"},
	{"POST", "/api/v1/records/{id}/files", PERM_RECORD, R_UPLOAD, api_record_attach, NONE,
	 QUERY(upload_query), NULL, "evidence.add", "evidence",
	 "attach an evidence file to a record (minutes, sign-in sheet, photos …)"},
	{"GET", "/api/v1/files/{id}", PERM_READ, R_PERSONAL | R_FILE, api_file_get, NONE, NONE,
	 NULL, "evidence.read", "evidence",
	 "download an evidence file as it was received (Content-Disposition: attachment); the "
	 "read is audited"},
	{"POST", "/api/v1/files/{id}/withdraw", PERM_WORK, 0, api_file_withdraw,
	 BODY(withdraw_fields), NONE, NULL, "evidence.withdraw", "evidence",
	 "withdraw an evidence file with the reason: it leaves the owner's evidence, its bytes "
	 "stay for the audit"},

	{"GET", "/api/v1/assessments", PERM_READ, R_LIST, api_assessments_list, NONE,
	 QUERY(assess_filters), "id", NULL, "assessment",
	 "the yearly assessment sheets of the caller's scope (the latest version of each unit and "
	 "year), with stage, total and grade"},
	{"POST", "/api/v1/assessments", PERM_WORK, 0, api_assessment_create,
	 BODY(assess_open_fields), NONE, NULL, "assessment.open", "assessment",
	 "open a unit's sheet of a year (自评) under the organisation's indicator template"},
	{"GET", "/api/v1/assessments/ranking", PERM_READ, 0, api_assessments_ranking, NONE,
	 QUERY(assess_year_query), NULL, NULL, "assessment",
	 "the ranking of a year in the caller's scope, with each unit's year before"},
	{"GET", "/api/v1/assessments/results", PERM_READ, 0, api_assessments_results, NONE,
	 QUERY(assess_results_query), NULL, NULL, "assessment",
	 "the results list of a year for the cadre department, as a CSV or XLSX file"},
	{"GET", "/api/v1/assessments/{id}", PERM_READ, 0, api_assessment_get, NONE, NONE, NULL,
	 NULL, "assessment",
	 "one sheet: its indicators with values, scores and the records behind them, the total "
	 "and grade, the evidence files and the steps of the cycle"},
	{"POST", "/api/v1/assessments/{id}/values", PERM_WORK, 0, api_assessment_value,
	 BODY(assess_value_fields), NONE, NULL, "assessment.value", "assessment",
	 "enter a manual indicator's value, an exemption (免责) with its reason, or a note, on a "
	 "draft sheet"},
	{"POST", "/api/v1/assessments/{id}/submit", PERM_WORK, 0, api_assessment_submit,
	 BODY(assess_comment_fields), NONE, NULL, "assessment.submit", "assessment",
	 "submit the unit's self-assessment (自评) for review"},
	{"POST", "/api/v1/assessments/{id}/review", PERM_OFFICE, 0, api_assessment_review,
	 BODY(assess_comment_fields), NONE, NULL, "assessment.review", "assessment",
	 "the office's review (复评): on to the leading group"},
	{"POST", "/api/v1/assessments/{id}/approve", PERM_APPROVE, 0, api_assessment_approve,
	 BODY(assess_comment_fields), NONE, NULL, "assessment.approve", "assessment",
	 "the leading group's approval (审定): the sheet is frozen"},
	{"POST", "/api/v1/assessments/{id}/return", PERM_OFFICE, 0, api_assessment_return,
	 BODY(assess_reason_fields), NONE, NULL, "assessment.return", "assessment",
	 "return a submitted or reviewed sheet to the unit for correction, with the reason"},
	{"POST", "/api/v1/assessments/{id}/send-back", PERM_APPROVE, 0, api_assessment_send_back,
	 BODY(assess_reason_fields), NONE, NULL, "assessment.send_back", "assessment",
	 "send a reviewed sheet back to the office, with the reason"},
	{"POST", "/api/v1/assessments/{id}/revise", PERM_OFFICE, 0, api_assessment_revise,
	 BODY(assess_reason_fields), NONE, NULL, "assessment.revise", "assessment",
	 "correct an approved sheet as a new version (in draft), with the reason"},
	{"GET", "/api/v1/assessments/{id}/files", PERM_READ, 0, api_assessment_files, NONE, NONE,
	 NULL, NULL, "evidence", "the evidence files of an assessment sheet"},
	{"POST", "/api/v1/assessments/{id}/files", PERM_WORK, R_UPLOAD, api_assessment_attach, NONE,
	 QUERY(upload_query), NULL, "evidence.add", "evidence",
	 "attach an evidence file to an assessment sheet (not once approved)"},

	{"GET", "/api/v1/accounts", PERM_ACCOUNTS, R_PERSONAL, api_accounts_list, NONE, NONE, NULL,
	 "account.list", "administration", "every account (system administrator)"},
	{"POST", "/api/v1/accounts", PERM_ACCOUNTS, 0, api_account_create, BODY(account_fields),
	 NONE, NULL, "account.create", "administration",
	 "open an account (no role until the security administrator gives one; the person "
	 "sets a password on the server)"},
	{"GET", "/api/v1/accounts/{id}", PERM_ACCOUNTS, R_PERSONAL, api_account_get, NONE, NONE,
	 NULL, "account.read", "administration", "one account"},
	{"PATCH", "/api/v1/accounts/{id}", PERM_ACCOUNTS, R_UPDATE, api_account_update,
	 BODY(account_update_fields), NONE, NULL, "account.update", "administration",
	 "lock, unlock, disable or enable an account"},
	{"PUT", "/api/v1/accounts/{id}/role", PERM_ROLES, 0, api_account_role, BODY(role_fields),
	 NONE, NULL, "account.role", "administration",
	 "give an account its role and scope (security administrator)"},
	{"GET", "/api/v1/role-changes", PERM_ACCOUNTS, R_LIST, api_role_changes_list, NONE,
	 QUERY(role_change_filters), "id", NULL, "administration",
	 "the changes of an administrator's role proposed by the security administrator, newest "
	 "first (system administrator)"},
	{"POST", "/api/v1/role-changes/{id}/agree", PERM_ACCOUNTS, R_NOBODY, api_role_change_agree,
	 NONE, NONE, NULL, "account.role", "administration",
	 "agree to a proposed change of an administrator's role: it is made (system "
	 "administrator; not the proposer, not the account concerned)"},
	{"POST", "/api/v1/role-changes/{id}/refuse", PERM_ACCOUNTS, 0, api_role_change_refuse,
	 BODY(role_refuse_fields), NONE, NULL, "account.role_refuse", "administration",
	 "refuse a proposed change of an administrator's role, saying why (system administrator; "
	 "not the proposer, not the account concerned)"},
	{"GET", "/api/v1/roles/changes", PERM_ROLES, R_LIST, api_role_changes_list, NONE,
	 QUERY(role_change_filters), "id", NULL, "administration",
	 "the same changes as the security administrator follows its proposals: pending, agreed, "
	 "refused (with the reason) or withdrawn, newest first"},
	{"POST", "/api/v1/role-changes/{id}/withdraw", PERM_ROLES, 0, api_role_change_withdraw,
	 BODY(role_withdraw_fields), NONE, NULL, "account.role_withdraw", "administration",
	 "withdraw a proposed change of an administrator's role before it is decided (the "
	 "security administrator who proposed it)"},
	{"GET", "/api/v1/settings", PERM_ACCOUNTS, 0, api_settings_get, NONE, NONE, NULL, NULL,
	 "administration", "the security settings"},
	{"PATCH", "/api/v1/settings", PERM_ACCOUNTS, R_UPDATE, api_settings_update,
	 BODY(settings_fields), NONE, NULL, "settings.update", "administration",
	 "change security settings"},
	{"GET", "/api/v1/tokens", PERM_ACCOUNTS, 0, api_tokens_list, NONE, NONE, NULL, NULL,
	 "administration", "the API tokens (never their secrets; system administrator)"},
	{"POST", "/api/v1/tokens", PERM_ACCOUNTS, 0, api_token_create, BODY(token_fields), NONE,
	 NULL, "token.create", "administration",
	 "issue an API token for an account of a business role (system administrator; the role "
	 "and scope are the account's): the secret is answered once"},
	{"POST", "/api/v1/tokens/{id}/revoke", PERM_ACCOUNTS, R_NOBODY, api_token_revoke, NONE,
	 NONE, NULL, "token.revoke", "administration", "revoke a token (system administrator)"},
	{"GET", "/api/v1/audit", PERM_AUDIT, R_LIST | R_PERSONAL, api_audit_list, NONE,
	 QUERY(audit_filters), NULL, "audit.read", "audit",
	 "the audit log, newest first (audit administrator); reading it is itself audited"},
	{"GET", "/api/v1/audit/verify", PERM_AUDIT, R_PERSONAL, api_audit_verify, NONE, NONE, NULL,
	 "audit.verify", "audit", "verify the SM3 chain of the entries held in the database"},

	{"GET", "/api/v1/notifications", PERM_SELF, R_LIST, api_notifications_list, NONE,
	 QUERY(bell_query), "id", NULL, "notifications",
	 "your notifications (the bell), newest first: reminders, escalations, new notices"},
	{"GET", "/api/v1/notifications/unread", PERM_SELF, 0, api_notifications_unread, NONE, NONE,
	 NULL, NULL, "notifications", "how many of your notifications are unread"},
	{"POST", "/api/v1/notifications/{id}/read", PERM_SELF, R_NOBODY, api_notification_read,
	 NONE, NONE, NULL, NULL, "notifications", "mark one of your notifications read"},
	{"POST", "/api/v1/notifications/{id}/unread", PERM_SELF, R_NOBODY, api_notification_unread,
	 NONE, NONE, NULL, NULL, "notifications", "mark one of your notifications unread"},
	{"GET", "/api/v1/notify/preferences", PERM_SELF, 0, api_notify_prefs, NONE, NONE, NULL,
	 NULL, "notifications", "the channels you may choose, with your choice and address there"},
	{"PUT", "/api/v1/notify/preferences/{id}", PERM_SELF, 0, api_notify_pref_set,
	 BODY(pref_fields), NONE, NULL, "notify.pref", "notifications",
	 "choose channel {id} for your messages (with your address there), or drop it"},
	{"GET", "/api/v1/notify/outbox", PERM_OFFICE, R_LIST, api_notify_outbox, NONE,
	 QUERY(outbox_query), "id", NULL, "notifications",
	 "the messages to channels, newest first: pending, sent, dead letters with their error"},
	{"GET", "/api/v1/notify/rules", PERM_OFFICE, 0, api_notify_rules_get, NONE, NONE, NULL, NULL,
	 "notifications", "the reminder rules: lead times, escalation, tries, back-off, link base"},
	{"PATCH", "/api/v1/notify/rules", PERM_OFFICE, R_UPDATE, api_notify_rules_update,
	 BODY(rules_fields), NONE, NULL, "notify.rules", "notifications", "change reminder rules"},
	{"GET", "/api/v1/notify/channels", PERM_ROLES, 0, api_notify_channels, NONE, NONE, NULL,
	 NULL, "notifications",
	 "the channels (security administrator): never their secrets or webhook keys"},
	{"POST", "/api/v1/notify/channels", PERM_ROLES, 0, api_notify_channel_create,
	 BODY(channel_fields), NONE, NULL, "notify.channel", "notifications",
	 "configure a channel: a mail server or a WeCom, DingTalk or Feishu robot"},
	{"PATCH", "/api/v1/notify/channels/{id}", PERM_ROLES, R_UPDATE, api_notify_channel_update,
	 BODY(channel_fields), NONE, NULL, "notify.channel", "notifications",
	 "change a channel (what is not given stays; the secret only when given)"},
	{"POST", "/api/v1/notify/channels/{id}/test", PERM_ROLES, 0, api_notify_channel_test,
	 BODY(channel_test_fields), NONE, NULL, "notify.test", "notifications",
	 "send a test message through a channel now: answers whether it was taken"},

	{"GET", "/api/v1/matrix", PERM_READ, R_LIST, api_matrix, NONE, QUERY(matrix_query), "id",
	 NULL, "register",
	 "the responsibility matrix: a page of units, each role of the profile → its holders on a "
	 "day, vacancies and overlaps marked"},
	{"GET", "/api/v1/matrix/cell", PERM_READ, 0, api_matrix_cell, NONE,
	 QUERY(matrix_cell_query), NULL, NULL, "register",
	 "every term of one role held for one unit, the latest first"},
	{"POST", "/api/v1/duties/{id}/handover", PERM_WORK, 0, api_duty_handover,
	 BODY(handover_fields), NONE, NULL, "duty.create", "register",
	 "a role passes to another person: the term in force ends the day before the new one"},
	{"POST", "/api/v1/accounts/{id}/password", PERM_ACCOUNTS, 0, api_account_reset,
	 BODY(reset_fields), NONE, NULL, "account.password", "administration",
	 "reset a password (system administrator): its sessions end, and the person must change "
	 "it at the next sign-in before anything else"},
	{"GET", "/api/v1/roles", PERM_ROLES, R_PERSONAL, api_roles_list, NONE, NONE, NULL,
	 "account.list", "administration",
	 "every account's role and scope, and the units a scope may be (security administrator)"},
};

const size_t api_nroutes = N(api_routes);
