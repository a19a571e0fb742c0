/* scenario.c — scenario JSON → register, notices and incidents, every object checked against the
 * field descriptors below before anything is built from it; then the verdicts back to JSON (see
 * scenario.h and docs/eval.md). */
#include "scenario.h"
#include "jnull.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/oblig.h"
#include "io/finding_json.h"
#include "io/incident_data.h"
#include "io/incident_json.h"
#include "io/notice_json.h"
#include "io/oblig_json.h"
#include "profile/profile_load.h"

#define PATH_LEN  96  /* "notices[123].assets[45].something" */
#define QUOTE_MAX 80  /* a user's value quoted in a message, cut with "…" */
#define ID_MAX    64  /* bytes of an id, as in CSV codes */
#define NAME_MAX_ 200 /* bytes of a name */
#define SOFT_MAX  128 /* bytes of a software name */
#define TEXT_MAX  1000 /* bytes of a free text (a reason) */
#define YUAN_MAX  1000000000000000LL /* a budget in yuan: at most 10^15 */

/* Warnings of a notice's verdict: stable texts, part of the contract (docs/eval.md). */
#define WARN_ESTIMATED                                                                             \
	"no official holiday calendar for %d: counted Monday–Friday "                              \
	"(%d年无官方节假日安排，按周一至周五计算)"
#define WARN_NO_PERIOD "the profile sets no rectification period (策略未规定整改时限)"
#define WARN_NO_WINDOW                                                                             \
	"the profile sets no repeat window: repeats are not assessed "                             \
	"(策略未规定重复发生的时间窗口)"
#define WARN_NOT_YET "received after as_of: the notice did not exist yet (as_of 时尚未收到)"

/* ---- messages ---- */

static enum cd_err bad(struct cd_diag *d, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* bad sets "PATH: what" (just "what" at the top level) and returns CD_EINVAL. */
static enum cd_err bad(struct cd_diag *d, const char *path, const char *fmt, ...)
{
	char what[448];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), lang_tr(fmt), ap);
	va_end(ap);
	if (!*path)
		return cd_diag_set(d, CD_EINVAL, "%s", what);
	return cd_diag_set(d, CD_EINVAL, "%s: %s", path, what);
}

static enum cd_err nomem(struct cd_diag *d)
{
	return cd_diag_set(d, CD_ENOMEM, "out of memory");
}

/* The byte length of the UTF-8 sequence led by c (jansson hands over valid UTF-8 only). */
static size_t utf8_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* quote writes s as a one-line JSON-style string literal into buf: control characters escaped,
 * cut after about 60 bytes on a character boundary with "…". Returns buf. */
static const char *quote(const char *s, char buf[QUOTE_MAX])
{
	size_t o = 0;

	buf[o++] = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t len = utf8_len(*p);
		char esc[8] = "";

		if (*p == '"' || *p == '\\')
			snprintf(esc, sizeof(esc), "\\%c", *p);
		else if (*p == '\n')
			snprintf(esc, sizeof(esc), "\\n");
		else if (*p == '\t')
			snprintf(esc, sizeof(esc), "\\t");
		else if (*p < 0x20 || *p == 0x7F)
			snprintf(esc, sizeof(esc), "\\u%04x", *p);
		if (*esc)
			len = strlen(esc);
		if (o + len + sizeof("…\"") > QUOTE_MAX) {
			memcpy(buf + o, "…", strlen("…"));
			o += strlen("…");
			break;
		}
		if (*esc) {
			memcpy(buf + o, esc, len);
			p++;
		} else {
			for (size_t k = 0; k < len && p[k]; k++)
				buf[o + k] = (char)p[k];
			p += len;
		}
		o += len;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

static void pathf(char buf[PATH_LEN], const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* pathf formats a field's path ("notices[2].assets[0]") into buf, cut to PATH_LEN - 1 bytes. */
static void pathf(char buf[PATH_LEN], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, PATH_LEN, fmt, ap);
	va_end(ap);
}

/* join writes "path.name" (or "name" at the top level) into buf and returns buf. */
static const char *join(char buf[PATH_LEN], const char *path, const char *name)
{
	if (*path)
		pathf(buf, "%s.%s", path, name);
	else
		pathf(buf, "%s", name);
	return buf;
}

/* ---- vocabularies (reg.h's names) ---- */

enum vocab {
	V_NONE,
	V_UNIT_KIND,
	V_ASSET_KIND,
	V_ROLE,
	V_STATUS,
	V_SCOPE,
	V_REPORTER,
	V_GRADE,
	V_REPORT_KIND,
	V_RECORD_KIND,
};

static int vocab_count(enum vocab v)
{
	switch (v) {
	case V_UNIT_KIND:
		return UNIT__MAX;
	case V_ASSET_KIND:
		return ASSET__MAX;
	case V_ROLE:
		return ROLE__MAX;
	case V_STATUS:
		return STATUS__MAX;
	case V_SCOPE:
		return OUTAGE__MAX;
	case V_REPORTER:
		return REPORTER__MAX;
	case V_GRADE:
		return GRADE__MAX;
	case V_REPORT_KIND:
		return REPORT__MAX;
	case V_RECORD_KIND:
		return RECORD__MAX;
	case V_NONE:
		break;
	}
	return 0;
}

static const char *vocab_code(enum vocab v, int i)
{
	switch (v) {
	case V_UNIT_KIND:
		return unit_kind_code((enum unit_kind)i);
	case V_ASSET_KIND:
		return asset_kind_code((enum asset_kind)i);
	case V_ROLE:
		return role_code((enum role)i);
	case V_STATUS:
		return asset_status_code((enum asset_status)i);
	case V_SCOPE:
		return outage_scope_code((enum outage_scope)i);
	case V_REPORTER:
		return reporter_code((enum reporter)i);
	case V_GRADE: /* grades are written in Chinese */
		return grade_label((enum grade)i);
	case V_REPORT_KIND:
		return report_kind_code((enum report_kind)i);
	case V_RECORD_KIND:
		return record_kind_code((enum record_kind)i);
	case V_NONE:
		break;
	}
	return "?";
}

static int vocab_parse(enum vocab v, const char *s)
{
	switch (v) {
	case V_UNIT_KIND:
		return unit_kind_parse(s);
	case V_ASSET_KIND:
		return asset_kind_parse(s);
	case V_ROLE:
		return role_parse(s);
	case V_STATUS:
		return asset_status_parse(s);
	case V_SCOPE:
		return outage_scope_parse(s);
	case V_REPORTER:
		return reporter_parse(s);
	case V_GRADE:
		return grade_parse(s);
	case V_REPORT_KIND:
		return report_kind_parse(s);
	case V_RECORD_KIND:
		return record_kind_parse(s);
	case V_NONE:
		break;
	}
	return -1;
}

static const char *vocab_word(enum vocab v)
{
	switch (v) {
	case V_ROLE:
		return "role";
	case V_STATUS:
		return "status";
	case V_SCOPE:
		return "outage scope";
	case V_REPORTER:
		return "reporter type";
	case V_GRADE:
		return "grade";
	default:
		return "kind";
	}
}

static const char *vocab_at(const void *v, size_t i)
{
	return vocab_code(*(const enum vocab *)v, (int)i);
}

/* words joins word(ctx, 0) … word(ctx, n - 1) with ", " into buf (cut at cap bytes). */
static const char *words(char *buf, size_t cap, const char *(*word)(const void *, size_t),
			 const void *ctx, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < n && o < cap; k++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", k ? ", " : "", word(ctx, k));
	return buf;
}

/* ---- field descriptors ---- */

enum ftype {
	F_ID,    /* a record's own id: a string of 1-64 bytes without blanks */
	F_REF,   /* the id of another record */
	F_TEXT,  /* a non-empty string of at most `max` bytes */
	F_TIME,  /* an RFC 3339 date-time with an offset */
	F_DATE,  /* a China Standard Time date YYYY-MM-DD */
	F_ENUM,  /* a word of a vocabulary */
	F_LEVEL, /* an MLPS level, integer 0-5 */
	F_BOOL,  /* true or false */
	F_LIST,  /* an array (its elements are read by the caller) */
	F_REFS,  /* an array of ids of other records */
	F_MAP,   /* an object of names and values (read by the caller) */
	F_YEAR,  /* a calendar year, integer 1900-9999 */
	F_YUAN,  /* an amount in whole yuan, integer 0-10^15 */
};

struct field {
	const char *name;
	enum ftype type;
	bool required;
	enum vocab vocab; /* F_ENUM */
	int def;          /* F_ENUM: the value when absent or null */
	size_t max;       /* F_TEXT: longest value in bytes */
};

/* What read_fields found for one field. Absent and null are the same: set is false. */
struct val {
	bool set;
	const char *s; /* F_ID, F_REF, F_TEXT, F_TIME, F_DATE, F_ENUM: the text, borrowed */
	cd_time t;     /* F_TIME */
	cd_date day;   /* F_DATE */
	int i;         /* F_ENUM (def when not set), F_LEVEL, F_YEAR */
	long long n;   /* F_YUAN */
	bool b;        /* F_BOOL */
	json_t *list;  /* F_LIST, F_REFS, F_MAP; NULL when not set */
};

enum {
	T_PROFILE,
	T_AS_OF,
	T_UNITS,
	T_PEOPLE,
	T_DUTIES,
	T_ASSETS,
	T_NOTICES,
	T_INCIDENTS,
	T_REPORTER,
	T_RECORDS,
	T_PROJECTS,
	T_OBLIG_FROM,
	T__MAX
};
static const struct field top_fields[T__MAX] = {
	[T_PROFILE] = {"profile", F_REF, true, V_NONE, 0, 0},
	[T_AS_OF] = {"as_of", F_TIME, true, V_NONE, 0, 0},
	[T_UNITS] = {"units", F_LIST, false, V_NONE, 0, 0},
	[T_PEOPLE] = {"people", F_LIST, false, V_NONE, 0, 0},
	[T_DUTIES] = {"duties", F_LIST, false, V_NONE, 0, 0},
	[T_ASSETS] = {"assets", F_LIST, false, V_NONE, 0, 0},
	[T_NOTICES] = {"notices", F_LIST, false, V_NONE, 0, 0},
	[T_INCIDENTS] = {"incidents", F_LIST, false, V_NONE, 0, 0},
	/* the organisation's reporter type (the setting reporter_type); none = not known */
	[T_REPORTER] = {"reporter_type", F_ENUM, false, V_REPORTER, REPORTER_OTHER, 0},
	/* evidence of the yearly duties, IT projects with their budgets, and the first year whose
	 * duties are generated (default: the year of as_of) */
	[T_RECORDS] = {"records", F_LIST, false, V_NONE, 0, 0},
	[T_PROJECTS] = {"projects", F_LIST, false, V_NONE, 0, 0},
	[T_OBLIG_FROM] = {"obligations_from", F_YEAR, false, V_NONE, 0, 0},
};

enum { U_ID, U_NAME, U_PARENT, U_KIND, U__MAX };
static const struct field unit_fields[U__MAX] = {
	[U_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[U_NAME] = {"name", F_TEXT, false, V_NONE, 0, NAME_MAX_},
	[U_PARENT] = {"parent", F_REF, false, V_NONE, 0, 0},
	[U_KIND] = {"kind", F_ENUM, false, V_UNIT_KIND, UNIT_DEPARTMENT, 0},
};

enum { P_ID, P_NAME, P__MAX };
static const struct field person_fields[P__MAX] = {
	[P_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[P_NAME] = {"name", F_TEXT, false, V_NONE, 0, NAME_MAX_},
};

enum { D_PERSON, D_UNIT, D_ASSET, D_ROLE, D_FROM, D_TO, D__MAX };
static const struct field duty_fields[D__MAX] = {
	[D_PERSON] = {"person", F_REF, true, V_NONE, 0, 0},
	[D_UNIT] = {"unit", F_REF, false, V_NONE, 0, 0},
	[D_ASSET] = {"asset", F_REF, false, V_NONE, 0, 0},
	[D_ROLE] = {"role", F_ENUM, true, V_ROLE, 0, 0},
	[D_FROM] = {"from", F_DATE, true, V_NONE, 0, 0},
	[D_TO] = {"to", F_DATE, false, V_NONE, 0, 0},
};

/* A_MANAGER..A_OPERATOR follow the order of rel_fields below. */
enum {
	A_ID, A_NAME, A_KIND, A_MANAGER, A_BUILDER, A_USER, A_OPERATOR, A_LEVEL, A_CII,
	A_SOFTWARE, A_STATUS, A_GRADED, A_FILED, A_ASSESSED, A_ADMIN_LEVEL, A_PROTECTION,
	A_QUAL, /* the qualifiers, in the order of enum qualifier */
	A__MAX = A_QUAL + QUAL__MAX
};
static const struct field asset_fields[A__MAX] = {
	[A_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[A_NAME] = {"name", F_TEXT, false, V_NONE, 0, NAME_MAX_},
	[A_KIND] = {"kind", F_ENUM, false, V_ASSET_KIND, ASSET_INFO_SYSTEM, 0},
	[A_MANAGER] = {"manager_unit", F_REF, false, V_NONE, 0, 0},
	[A_BUILDER] = {"builder_unit", F_REF, false, V_NONE, 0, 0},
	[A_USER] = {"user_unit", F_REF, false, V_NONE, 0, 0},
	[A_OPERATOR] = {"operator_unit", F_REF, false, V_NONE, 0, 0},
	[A_LEVEL] = {"mlps_level", F_LEVEL, false, V_NONE, 0, 0},
	[A_CII] = {"cii", F_BOOL, false, V_NONE, 0, 0},
	[A_SOFTWARE] = {"software", F_TEXT, false, V_NONE, 0, SOFT_MAX},
	[A_STATUS] = {"status", F_ENUM, false, V_STATUS, STATUS_LIVE, 0},
	[A_GRADED] = {"graded_on", F_DATE, false, V_NONE, 0, 0},
	[A_FILED] = {"filed_on", F_DATE, false, V_NONE, 0, 0},
	[A_ASSESSED] = {"assessed_on", F_DATE, false, V_NONE, 0, 0},
	[A_ADMIN_LEVEL] = {"admin_level", F_TEXT, false, V_NONE, 0, FACT_STRING_MAX},
	[A_PROTECTION] = {"protection_installed", F_BOOL, false, V_NONE, 0, 0},
	/* true / false recorded; absent or null: derived (docs/incidents.md "Qualifiers") */
	[A_QUAL + QUAL_PARTY_GOV_PORTAL] = {"party_gov_portal", F_BOOL, false, V_NONE, 0, 0},
	[A_QUAL + QUAL_KEY_NEWS_SITE] = {"key_news_site", F_BOOL, false, V_NONE, 0, 0},
	[A_QUAL + QUAL_LARGE_PLATFORM] = {"large_platform", F_BOOL, false, V_NONE, 0, 0},
	[A_QUAL + QUAL_IMPORTANT_SYSTEM] = {"important_system", F_BOOL, false, V_NONE, 0, 0},
	[A_QUAL + QUAL_IMPORTANT_INFRASTRUCTURE] = {"important_infrastructure", F_BOOL, false,
						    V_NONE, 0, 0},
};
static const enum relation rel_fields[4] = {REL_MANAGER, REL_BUILDER, REL_USER, REL_OPERATOR};

enum { N_ID, N_ASSET, N_ASSETS, N_RECEIVED, N_RECTIFIED, N_FEEDBACK, N_EXTENDED, N_STATED,
       N_SUPPORT, N__MAX };
static const struct field notice_fields[N__MAX] = {
	[N_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[N_ASSET] = {"asset", F_REF, false, V_NONE, 0, 0},
	[N_ASSETS] = {"assets", F_REFS, false, V_NONE, 0, 0},
	[N_RECEIVED] = {"received_at", F_TIME, true, V_NONE, 0, 0},
	[N_RECTIFIED] = {"rectified_at", F_TIME, false, V_NONE, 0, 0},
	[N_FEEDBACK] = {"feedback_at", F_TIME, false, V_NONE, 0, 0},
	[N_EXTENDED] = {"extended_to", F_DATE, false, V_NONE, 0, 0},
	[N_STATED] = {"stated_due", F_DATE, false, V_NONE, 0, 0},
	/* 请求技术支持 (Yantai 五、整改落实): recorded, the clock runs on */
	[N_SUPPORT] = {"support_at", F_TIME, false, V_NONE, 0, 0},
};

/* A record of something done (meeting minutes, a drill, a training, a report …): the evidence a
 * yearly duty asks for (docs/deadlines.md). */
enum { RC_ID, RC_KIND, RC_UNIT, RC_ON, RC_DUTY, RC_PERIOD, RC_TITLE, RC__MAX };
static const struct field record_fields[RC__MAX] = {
	[RC_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[RC_KIND] = {"kind", F_ENUM, true, V_RECORD_KIND, 0, 0},
	[RC_UNIT] = {"unit", F_REF, false, V_NONE, 0, 0},
	[RC_ON] = {"on", F_DATE, true, V_NONE, 0, 0},
	[RC_DUTY] = {"duty", F_REF, false, V_NONE, 0, 0},
	[RC_PERIOD] = {"period", F_TEXT, false, V_NONE, 0, 10},
	[RC_TITLE] = {"title", F_TEXT, false, V_NONE, 0, NAME_MAX_},
};

/* An IT project (信息化项目) and its budgets, for the security-budget ratio (Yantai 七) and the
 * fact funding_missing (IMNU 第十四条（八）). */
enum { PJ_ID, PJ_NAME, PJ_UNIT, PJ_YEAR, PJ_TOTAL, PJ_SECURITY, PJ__MAX };
static const struct field project_fields[PJ__MAX] = {
	[PJ_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[PJ_NAME] = {"name", F_TEXT, false, V_NONE, 0, NAME_MAX_},
	[PJ_UNIT] = {"unit", F_REF, false, V_NONE, 0, 0},
	[PJ_YEAR] = {"year", F_YEAR, true, V_NONE, 0, 0},
	[PJ_TOTAL] = {"total", F_YUAN, true, V_NONE, 0, 0},
	[PJ_SECURITY] = {"security", F_YUAN, true, V_NONE, 0, 0},
};

enum {
	I_ID, I_ASSET, I_ASSETS, I_DETECTED, I_OCCURRED, I_OUTAGE_START, I_OUTAGE_END, I_SCOPE,
	I_REPORTER, I_GRADE, I_GRADE_REASON, I_REPORTS, I_HANDLED, I_INVOLVED, I_COORDINATION,
	I_PARTICIPANTS, I_FACTS, I_MEASURES, I_CLASS, I_SUBCLASS, I__MAX
};
static const struct field incident_fields[I__MAX] = {
	[I_ID] = {"id", F_ID, true, V_NONE, 0, 0},
	[I_ASSET] = {"asset", F_REF, false, V_NONE, 0, 0},
	[I_ASSETS] = {"assets", F_REFS, false, V_NONE, 0, 0},
	[I_DETECTED] = {"detected_at", F_TIME, true, V_NONE, 0, 0},
	[I_OCCURRED] = {"occurred_at", F_TIME, false, V_NONE, 0, 0},
	[I_OUTAGE_START] = {"outage_start", F_TIME, false, V_NONE, 0, 0},
	[I_OUTAGE_END] = {"outage_end", F_TIME, false, V_NONE, 0, 0},
	[I_SCOPE] = {"outage_scope", F_ENUM, false, V_SCOPE, OUTAGE_TOTAL, 0},
	[I_REPORTER] = {"reporter_type", F_ENUM, false, V_REPORTER, REPORTER_OTHER, 0},
	[I_GRADE] = {"grade", F_ENUM, false, V_GRADE, GRADE_GENERAL, 0},
	[I_GRADE_REASON] = {"grade_reason", F_TEXT, false, V_NONE, 0, TEXT_MAX},
	[I_REPORTS] = {"reports", F_LIST, false, V_NONE, 0, 0},
	[I_HANDLED] = {"handling_ended_at", F_TIME, false, V_NONE, 0, 0},
	[I_INVOLVED] = {"persons_involved", F_REFS, false, V_NONE, 0, 0},
	[I_COORDINATION] = {"coordination_failed", F_BOOL, false, V_NONE, 0, 0},
	[I_PARTICIPANTS] = {"decision_participants", F_REFS, false, V_NONE, 0, 0},
	[I_FACTS] = {"facts", F_MAP, false, V_NONE, 0, 0},
	[I_MEASURES] = {"measures", F_MAP, false, V_NONE, 0, 0},
	[I_CLASS] = {"class", F_TEXT, false, V_NONE, 0, NAME_MAX_},
	[I_SUBCLASS] = {"subclass", F_TEXT, false, V_NONE, 0, NAME_MAX_},
};

enum { R_AT, R_KIND, R_TO, R__MAX };
static const struct field report_fields[R__MAX] = {
	[R_AT] = {"at", F_TIME, true, V_NONE, 0, 0},
	[R_KIND] = {"kind", F_ENUM, true, V_REPORT_KIND, 0, 0},
	[R_TO] = {"to", F_TEXT, false, V_NONE, 0, NAME_MAX_},
};

static enum cd_err read_string(json_t *j, const char *at, const struct field *f, struct val *v,
			       struct cd_diag *d)
{
	char q[QUOTE_MAX], hint[256];
	size_t len;

	if (!json_is_string(j))
		return bad(d, at, "must be a string");
	v->s = json_string_value(j);
	len = json_string_length(j);
	if (!len)
		return bad(d, at, "must not be empty (leave it out or use null)");
	switch (f->type) {
	case F_ID:
		if (len > ID_MAX)
			return bad(d, at, "longer than %d bytes", ID_MAX);
		for (const char *p = v->s; *p; p++)
			if ((unsigned char)*p <= 0x20)
				return bad(d, at, "%s: an id may not contain blanks or line breaks",
					   quote(v->s, q));
		break;
	case F_TEXT:
		if (len > f->max)
			return bad(d, at, "longer than %zu bytes", f->max);
		break;
	case F_TIME:
		if (!time_parse(v->s, false, &v->t))
			return bad(d, at, "%s is not an RFC 3339 date-time with an offset",
				   quote(v->s, q));
		break;
	case F_DATE:
		if (!date_parse(v->s, &v->day))
			return bad(d, at, "%s is not a date YYYY-MM-DD", quote(v->s, q));
		break;
	case F_ENUM:
		v->i = vocab_parse(f->vocab, v->s);
		if (v->i < 0)
			return bad(d, at, "unknown %s %s (use %s)", vocab_word(f->vocab),
				   quote(v->s, q),
				   words(hint, sizeof(hint), vocab_at, &f->vocab,
					 (size_t)vocab_count(f->vocab)));
		break;
	default:
		break;
	}
	return CD_OK;
}

static enum cd_err read_value(json_t *j, const char *at, const struct field *f, struct val *v,
			      struct cd_diag *d)
{
	char el[PATH_LEN];
	json_t *x;
	size_t i;

	v->set = true;
	switch (f->type) {
	case F_LEVEL:
		if (!json_is_integer(j) || json_integer_value(j) < 0 || json_integer_value(j) > 5)
			return bad(d, at, "must be an MLPS level, an integer 0-5 (0 = not graded)");
		v->i = (int)json_integer_value(j);
		return CD_OK;
	case F_YEAR:
		if (!json_is_integer(j) || json_integer_value(j) < 1900 ||
		    json_integer_value(j) > 9999)
			return bad(d, at, "must be a year, an integer 1900-9999");
		v->i = (int)json_integer_value(j);
		return CD_OK;
	case F_YUAN:
		if (!json_is_integer(j) || json_integer_value(j) < 0 ||
		    json_integer_value(j) > YUAN_MAX)
			return bad(d, at, "must be whole yuan, an integer 0-%lld", YUAN_MAX);
		v->n = (long long)json_integer_value(j);
		return CD_OK;
	case F_BOOL:
		if (!json_is_boolean(j))
			return bad(d, at, "must be true or false");
		v->b = json_is_true(j);
		return CD_OK;
	case F_MAP:
		if (!json_is_object(j))
			return bad(d, at, "must be an object");
		v->list = j;
		return CD_OK;
	case F_LIST:
	case F_REFS:
		if (!json_is_array(j))
			return bad(d, at, "must be an array");
		v->list = j;
		if (f->type == F_LIST)
			return CD_OK;
		json_array_foreach(j, i, x) {
			pathf(el, "%s[%zu]", at, i);
			if (!json_is_string(x))
				return bad(d, el, "must be a string");
			if (!json_string_length(x))
				return bad(d, el, "must not be empty");
		}
		return CD_OK;
	default:
		return read_string(j, at, f, v, d);
	}
}

/* read_fields checks object o (at path) against the descriptors f[0..nf): no unknown field, every
 * required one present and not null, each of its type; and fills v[0..nf). */
static enum cd_err read_fields(json_t *o, const char *path, const struct field *f, size_t nf,
			       struct val *v, struct cd_diag *d)
{
	char at[PATH_LEN], q[QUOTE_MAX];
	const char *key;
	json_t *j;

	if (!json_is_object(o))
		return bad(d, path, "must be an object");
	json_object_foreach(o, key, j) {
		size_t k = 0;

		while (k < nf && strcmp(f[k].name, key))
			k++;
		if (k == nf)
			return bad(d, path, "unknown field %s", quote(key, q));
	}
	for (size_t k = 0; k < nf; k++) {
		enum cd_err rc;

		memset(&v[k], 0, sizeof(v[k]));
		v[k].t = CD_TIME_NONE;
		v[k].day = CD_DATE_NONE;
		v[k].i = f[k].def;
		j = json_object_get(o, f[k].name);
		join(at, path, f[k].name);
		if (!j || json_is_null(j)) {
			if (f[k].required)
				return bad(d, at, "required");
			continue;
		}
		rc = read_value(j, at, &f[k], &v[k], d);
		if (rc)
			return rc;
	}
	return CD_OK;
}

/* ---- building the scenario ---- */

struct parse {
	struct scenario *sc;
	const struct calendar *cal;
	struct cd_diag *d;
	const char **parents;         /* per unit: its parent's id as given, or NULL */
	const char *(*rels)[4];       /* per asset: its units as given, rel_fields order, or NULL */
};

struct idref {
	const char *s;
	size_t i;
};

static int by_text_then_pos(const void *x, const void *y)
{
	const struct idref *a = x, *b = y;
	int c = strcmp(a->s, b->s);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* first_dup sorts v[0..n) and returns the smallest position i whose id an earlier position
 * (*twin) has too, or SIZE_MAX when every id differs. */
static size_t first_dup(struct idref *v, size_t n, size_t *twin)
{
	size_t best = SIZE_MAX;

	qsort(v, n, sizeof(*v), by_text_then_pos);
	for (size_t k = 1; k < n; k++)
		if (!strcmp(v[k - 1].s, v[k].s) && v[k].i < best) { /* v[k - 1] is the earlier */
			best = v[k].i;
			*twin = v[k - 1].i;
		}
	return best;
}

/* unique refuses an id given twice among n records whose codes code(i) returns. */
static enum cd_err unique(struct parse *ps, const char *what, size_t n,
			  const char *(*code)(const struct reg *, size_t))
{
	struct idref *v = malloc((n ? n : 1) * sizeof(*v));
	size_t dup, twin = 0;
	char at[PATH_LEN], q[QUOTE_MAX];

	if (!v)
		return nomem(ps->d);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct idref){code(ps->sc->reg, i), i};
	dup = first_dup(v, n, &twin);
	free(v);
	if (dup == SIZE_MAX)
		return CD_OK;
	pathf(at, "%s[%zu].id", what, dup);
	return bad(ps->d, at, "%s given twice", quote(code(ps->sc->reg, dup), q));
}

static const char *unit_code(const struct reg *r, size_t i)
{
	return r->units[i].code;
}

static const char *person_code(const struct reg *r, size_t i)
{
	return r->people[i].code;
}

static const char *asset_code(const struct reg *r, size_t i)
{
	return r->assets[i].code;
}

/* name_or_id copies the name, or the id when no name is given, into the register's arena. */
static const char *name_or_id(struct reg *r, const struct val *name, const struct val *id)
{
	return arena_strdup(r->arena, name->set ? name->s : id->s);
}

static enum cd_err read_units(struct parse *ps, json_t *list)
{
	struct reg *r = ps->sc->reg;
	struct val v[U__MAX];
	char at[PATH_LEN];
	json_t *el;
	size_t i;

	ps->parents = arena_alloc(ps->sc->arena, (json_array_size(list) + 1) * sizeof(char *));
	if (!ps->parents)
		return nomem(ps->d);
	json_array_foreach(list, i, el) {
		struct unit *u;
		enum cd_err rc;

		pathf(at, "units[%zu]", i);
		rc = read_fields(el, at, unit_fields, U__MAX, v, ps->d);
		if (rc)
			return rc;
		u = reg_add_unit(r);
		if (!u)
			return nomem(ps->d);
		u->id = (int64_t)i + 1;
		u->code = arena_strdup(r->arena, v[U_ID].s);
		u->name = name_or_id(r, &v[U_NAME], &v[U_ID]);
		u->kind = (enum unit_kind)v[U_KIND].i;
		ps->parents[i] = v[U_PARENT].set ? v[U_PARENT].s : NULL;
		if (!u->code || !u->name)
			return nomem(ps->d);
	}
	return CD_OK;
}

static enum cd_err read_people(struct parse *ps, json_t *list)
{
	struct reg *r = ps->sc->reg;
	struct val v[P__MAX];
	char at[PATH_LEN];
	json_t *el;
	size_t i;

	json_array_foreach(list, i, el) {
		struct person *p;
		enum cd_err rc;

		pathf(at, "people[%zu]", i);
		rc = read_fields(el, at, person_fields, P__MAX, v, ps->d);
		if (rc)
			return rc;
		p = reg_add_person(r);
		if (!p)
			return nomem(ps->d);
		p->id = (int64_t)i + 1;
		p->code = arena_strdup(r->arena, v[P_ID].s);
		p->name = name_or_id(r, &v[P_NAME], &v[P_ID]);
		if (!p->code || !p->name)
			return nomem(ps->d);
	}
	return CD_OK;
}

static enum cd_err read_assets(struct parse *ps, json_t *list)
{
	struct reg *r = ps->sc->reg;
	struct val v[A__MAX];
	char at[PATH_LEN], f[PATH_LEN], day[11];
	json_t *el;
	size_t i;

	ps->rels = arena_alloc(ps->sc->arena, (json_array_size(list) + 1) * sizeof(*ps->rels));
	if (!ps->rels)
		return nomem(ps->d);
	json_array_foreach(list, i, el) {
		struct asset *a;
		enum cd_err rc;

		pathf(at, "assets[%zu]", i);
		rc = read_fields(el, at, asset_fields, A__MAX, v, ps->d);
		if (rc)
			return rc;
		if (v[A_LEVEL].i == 0 && (v[A_GRADED].set || v[A_FILED].set))
			return bad(ps->d, join(f, at, v[A_GRADED].set ? "graded_on" : "filed_on"),
				   "a grading or filing date needs an MLPS level 1-5 in "
				   "mlps_level");
		if (v[A_GRADED].set && v[A_FILED].set && v[A_FILED].day < v[A_GRADED].day)
			return bad(ps->d, join(f, at, "filed_on"),
				   "filed before it was graded (%s)",
				   date_format(v[A_GRADED].day, day));
		a = reg_add_asset(r);
		if (!a)
			return nomem(ps->d);
		a->id = (int64_t)i + 1;
		a->code = arena_strdup(r->arena, v[A_ID].s);
		a->name = name_or_id(r, &v[A_NAME], &v[A_ID]);
		a->kind = (enum asset_kind)v[A_KIND].i;
		a->mlps_level = v[A_LEVEL].i;
		a->cii = v[A_CII].b;
		a->software = v[A_SOFTWARE].set ? arena_strdup(r->arena, v[A_SOFTWARE].s) : NULL;
		a->status = (enum asset_status)v[A_STATUS].i;
		a->graded_on = v[A_GRADED].day;
		a->filed_on = v[A_FILED].day;
		a->assessed_on = v[A_ASSESSED].day;
		a->protection_installed = v[A_PROTECTION].b;
		for (int q = 0; q < QUAL__MAX; q++)
			a->qual[q] = !v[A_QUAL + q].set ? QUAL_UNSET
				     : v[A_QUAL + q].b  ? QUAL_YES
							: QUAL_NO;
		a->admin_level = v[A_ADMIN_LEVEL].set ? arena_strdup(r->arena, v[A_ADMIN_LEVEL].s)
						      : NULL;
		for (int k = 0; k < 4; k++)
			ps->rels[i][k] = v[A_MANAGER + k].set ? v[A_MANAGER + k].s : NULL;
		if (!a->code || !a->name || (v[A_SOFTWARE].set && !a->software) ||
		    (v[A_ADMIN_LEVEL].set && !a->admin_level))
			return nomem(ps->d);
	}
	return CD_OK;
}

/* resolve_units sets each unit's parent and refuses a parent chain that loops. */
static enum cd_err resolve_units(struct parse *ps)
{
	struct reg *r = ps->sc->reg;
	unsigned char *state; /* 0 unseen, 1 on the chain being walked, 2 known to reach a root */
	char at[PATH_LEN], q[QUOTE_MAX];

	for (size_t i = 0; i < r->nunits; i++) {
		const struct unit *p;

		if (!ps->parents[i])
			continue;
		pathf(at, "units[%zu].parent", i);
		p = reg_unit_by_code(r, ps->parents[i]);
		if (!p)
			return bad(ps->d, at, "no unit %s", quote(ps->parents[i], q));
		if (p->id == r->units[i].id)
			return bad(ps->d, at, "a unit cannot be its own parent");
		r->units[i].parent = p->id;
	}
	state = arena_alloc(ps->sc->arena, r->nunits + 1);
	if (!state)
		return nomem(ps->d);
	for (size_t i = 0; i < r->nunits; i++) {
		size_t j = i, low;

		while (state[j] == 0) {
			state[j] = 1;
			if (!r->units[j].parent)
				break;
			j = (size_t)r->units[j].parent - 1;
		}
		if (state[j] == 1 && r->units[j].parent) {
			/* j is on a loop: name its first member */
			low = j;
			for (size_t k = (size_t)r->units[j].parent - 1; k != j;
			     k = (size_t)r->units[k].parent - 1)
				low = k < low ? k : low;
			pathf(at, "units[%zu].parent", low);
			return bad(ps->d, at, "the parent chain of %s loops back on itself",
				   quote(r->units[low].code, q));
		}
		for (j = i; state[j] == 1; j = (size_t)r->units[j].parent - 1) {
			state[j] = 2;
			if (!r->units[j].parent)
				break;
		}
	}
	return CD_OK;
}

static enum cd_err resolve_assets(struct parse *ps)
{
	struct reg *r = ps->sc->reg;
	char at[PATH_LEN], q[QUOTE_MAX];

	for (size_t i = 0; i < r->nassets; i++) {
		for (int k = 0; k < 4; k++) {
			const char *code = ps->rels[i][k];
			const struct unit *u = code ? reg_unit_by_code(r, code) : NULL;

			if (!code)
				continue;
			pathf(at, "assets[%zu].%s", i, asset_fields[A_MANAGER + k].name);
			if (!u)
				return bad(ps->d, at, "no unit %s", quote(code, q));
			r->assets[i].rel[rel_fields[k]] = u->id;
		}
	}
	return CD_OK;
}

static enum cd_err read_duties(struct parse *ps, json_t *list)
{
	struct reg *r = ps->sc->reg;
	struct val v[D__MAX];
	char at[PATH_LEN], f[PATH_LEN], q[QUOTE_MAX], day[11];
	json_t *el;
	size_t i;

	json_array_foreach(list, i, el) {
		const struct person *p;
		const struct unit *u = NULL;
		const struct asset *a = NULL;
		struct duty *du;
		enum cd_err rc;

		pathf(at, "duties[%zu]", i);
		rc = read_fields(el, at, duty_fields, D__MAX, v, ps->d);
		if (rc)
			return rc;
		p = reg_person_by_code(r, v[D_PERSON].s);
		if (!p)
			return bad(ps->d, join(f, at, "person"), "no person %s",
				   quote(v[D_PERSON].s, q));
		if (v[D_UNIT].set == v[D_ASSET].set)
			return bad(ps->d, at, "give exactly one of unit and asset");
		if (v[D_UNIT].set && !(u = reg_unit_by_code(r, v[D_UNIT].s)))
			return bad(ps->d, join(f, at, "unit"), "no unit %s", quote(v[D_UNIT].s, q));
		if (v[D_ASSET].set && !(a = reg_asset_by_code(r, v[D_ASSET].s)))
			return bad(ps->d, join(f, at, "asset"), "no asset %s",
				   quote(v[D_ASSET].s, q));
		if (v[D_TO].set && v[D_TO].day < v[D_FROM].day)
			return bad(ps->d, join(f, at, "to"), "ends before it starts (from %s)",
				   date_format(v[D_FROM].day, day));
		du = reg_add_duty(r);
		if (!du)
			return nomem(ps->d);
		du->id = (int64_t)i + 1;
		du->role = (enum role)v[D_ROLE].i;
		du->person = p->id;
		du->unit = u ? u->id : 0;
		du->asset = a ? a->id : 0;
		du->from = v[D_FROM].day;
		du->to = v[D_TO].day;
	}
	return CD_OK;
}

/* record_unit: the one unit of the scenario holding a duty record r answers (its duty, else the
 * duties its kind fulfils), as the record acts default it (svc/records.c); 0 when none or
 * several. */
static int64_t record_unit(const struct scenario *sc, const struct record *r)
{
	const struct profile *p = sc->profile;
	int64_t unit = 0;

	for (size_t i = 0; i < sc->reg->nunits; i++) {
		bool holds = false;

		for (size_t k = 0; k < p->nduties && !holds; k++) {
			const struct profile_duty *du = &p->duties[k];

			if (r->duty ? strcmp(r->duty, du->id) != 0 : du->record != r->kind)
				continue;
			holds = oblig_holds(du, &sc->reg->units[i]);
		}
		if (!holds)
			continue;
		if (unit)
			return 0;
		unit = sc->reg->units[i].id;
	}
	return unit;
}

static const char *duty_at(const void *ctx, size_t i)
{
	return ((const struct profile *)ctx)->duties[i].id;
}

/* read_record checks one record (at path `at`, fields v) against the profile and the units and
 * fills r; its id is unique among the records (checked by the caller). */
static enum cd_err read_record(struct parse *ps, const char *at, const struct val *v,
			       struct record *r)
{
	struct scenario *sc = ps->sc;
	const struct profile_duty *du = NULL;
	const struct unit *u = NULL;
	char f[PATH_LEN], q[QUOTE_MAX], list[512];
	bool any = false;

	r->kind = (enum record_kind)v[RC_KIND].i;
	r->on = v[RC_ON].day;
	r->title = v[RC_TITLE].s;
	if (v[RC_DUTY].set && !(du = profile_duty(sc->profile, v[RC_DUTY].s)))
		return bad(ps->d, join(f, at, "duty"), "the profile %s has no duty %s (use %s)",
			   sc->profile->id, quote(v[RC_DUTY].s, q),
			   words(list, sizeof(list), duty_at, sc->profile, sc->profile->nduties));
	r->duty = du ? du->id : NULL;
	if (v[RC_PERIOD].set) {
		for (int e = 0; e < PERIOD__MAX && !any; e++)
			any = (!du || du->every == (enum period)e) &&
			      oblig_period_check(v[RC_PERIOD].s, (enum period)e);
		if (!any && du)
			return bad(ps->d, join(f, at, "period"),
				   "%s is not a period of duty %s (every %s: e.g. %s)",
				   quote(v[RC_PERIOD].s, q), du->id, period_code(du->every),
				   du->every == PERIOD_YEAR	    ? "2026"
				   : du->every == PERIOD_HALF_YEAR ? "2026-H1"
				   : du->every == PERIOD_QUARTER   ? "2026-Q3"
								   : "2026-05");
		if (!any)
			return bad(ps->d, join(f, at, "period"),
				   "%s is not a period (2026, 2026-H1, 2026-Q3 or 2026-05)",
				   quote(v[RC_PERIOD].s, q));
		r->period = arena_strdup(sc->arena, v[RC_PERIOD].s);
		if (!r->period)
			return nomem(ps->d);
	}
	if (v[RC_UNIT].set && !(u = reg_unit_by_code(sc->reg, v[RC_UNIT].s)))
		return bad(ps->d, join(f, at, "unit"), "no unit %s", quote(v[RC_UNIT].s, q));
	r->unit = u ? u->id : record_unit(sc, r);
	if (!r->unit)
		return bad(ps->d, join(f, at, "unit"),
			   "say which unit held the %s (no single unit holds a duty it answers)",
			   record_kind_code(r->kind));
	return CD_OK;
}

static enum cd_err read_records(struct parse *ps, json_t *list)
{
	struct scenario *sc = ps->sc;
	struct val v[RC__MAX];
	char at[PATH_LEN], q[QUOTE_MAX];
	size_t n = json_array_size(list), dup, twin = 0;
	struct idref *ids;
	json_t *el;
	size_t i;

	sc->records = arena_alloc(sc->arena, (n + 1) * sizeof(*sc->records));
	sc->record_codes = arena_alloc(sc->arena, (n + 1) * sizeof(*sc->record_codes));
	if (!sc->records || !sc->record_codes)
		return nomem(ps->d);
	json_array_foreach(list, i, el) {
		struct record *r = &sc->records[i];
		enum cd_err rc;

		memset(r, 0, sizeof(*r));
		pathf(at, "records[%zu]", i);
		rc = read_fields(el, at, record_fields, RC__MAX, v, ps->d);
		if (!rc)
			rc = read_record(ps, at, v, r);
		if (rc)
			return rc;
		r->id = (int64_t)i + 1;
		sc->record_codes[i] = arena_strdup(sc->arena, v[RC_ID].s);
		if (!sc->record_codes[i] || (r->title && !(r->title = arena_strdup(sc->arena,
										  r->title))))
			return nomem(ps->d);
		sc->nrecords = i + 1;
	}
	if (!(ids = malloc((n ? n : 1) * sizeof(*ids))))
		return nomem(ps->d);
	for (i = 0; i < n; i++)
		ids[i] = (struct idref){sc->record_codes[i], i};
	dup = first_dup(ids, n, &twin);
	free(ids);
	if (dup == SIZE_MAX)
		return CD_OK;
	pathf(at, "records[%zu].id", dup);
	return bad(ps->d, at, "%s given twice", quote(sc->record_codes[dup], q));
}

static enum cd_err read_projects(struct parse *ps, json_t *list)
{
	struct reg *r = ps->sc->reg;
	struct val v[PJ__MAX];
	char at[PATH_LEN], f[PATH_LEN], q[QUOTE_MAX];
	json_t *el;
	size_t i;

	json_array_foreach(list, i, el) {
		const struct unit *u = NULL;
		struct project *pr;
		enum cd_err rc;

		pathf(at, "projects[%zu]", i);
		rc = read_fields(el, at, project_fields, PJ__MAX, v, ps->d);
		if (rc)
			return rc;
		if (v[PJ_UNIT].set && !(u = reg_unit_by_code(r, v[PJ_UNIT].s)))
			return bad(ps->d, join(f, at, "unit"), "no unit %s", quote(v[PJ_UNIT].s, q));
		if (v[PJ_TOTAL].n == 0)
			return bad(ps->d, join(f, at, "total"),
				   "must be more than 0 (the project's whole budget)");
		if (v[PJ_SECURITY].n > v[PJ_TOTAL].n)
			return bad(ps->d, join(f, at, "security"),
				   "more than the total %lld: the security budget is part of it",
				   v[PJ_TOTAL].n);
		pr = reg_add_project(r);
		if (!pr)
			return nomem(ps->d);
		pr->id = (int64_t)i + 1;
		pr->code = arena_strdup(r->arena, v[PJ_ID].s);
		pr->name = name_or_id(r, &v[PJ_NAME], &v[PJ_ID]);
		pr->unit = u ? u->id : 0;
		pr->year = v[PJ_YEAR].i;
		pr->total = v[PJ_TOTAL].n;
		pr->security = v[PJ_SECURITY].n;
		if (!pr->code || !pr->name)
			return nomem(ps->d);
	}
	return CD_OK;
}

static const char *project_code(const struct reg *r, size_t i)
{
	return r->projects[i].code;
}

/* Events of one notice in the order they are applied: by time; at one instant the extension
 * (granted at receipt) first, then a request for support, rectification, feedback. */
static int event_rank(enum notice_event_kind k)
{
	return k == NEV_EXTEND ? 0 : k == NEV_SUPPORT ? 1 : k == NEV_RECTIFY ? 2 : 3;
}

static void sort_events(struct notice_event *e, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0; j--) {
			struct notice_event t = e[j];

			const struct notice_event *p = &e[j - 1];

			if (p->at < t.at ||
			    (p->at == t.at && event_rank(p->kind) <= event_rank(t.kind)))
				break;
			e[j] = e[j - 1];
			e[j - 1] = t;
		}
}

/* record_assets resolves the "asset" (one) or "assets" (a list) of the record at path `at` into
 * a new array in the scenario's arena (*out, *n); seen[k] holds the mark of the last record that
 * named asset k + 1 (each record its own mark), to refuse one named twice in O(1). */
static enum cd_err record_assets(struct parse *ps, const char *at, const struct val *one,
				 const struct val *many, size_t *seen, size_t mark, int64_t **out,
				 size_t *n)
{
	const struct reg *r = ps->sc->reg;
	char path[PATH_LEN], q[QUOTE_MAX];
	size_t cnt = one->set ? 1 : json_array_size(many->list);

	*n = 0;
	*out = arena_alloc(ps->sc->arena, (cnt + 1) * sizeof(**out));
	if (!*out)
		return nomem(ps->d);
	for (size_t k = 0; k < cnt; k++) {
		const char *code =
			one->set ? one->s : json_string_value(json_array_get(many->list, k));
		const struct asset *a = reg_asset_by_code(r, code);

		if (one->set)
			join(path, at, "asset");
		else
			pathf(path, "%s.assets[%zu]", at, k);
		if (!a)
			return bad(ps->d, path, "no asset %s", quote(code, q));
		if (seen[a->id - 1] == mark)
			return bad(ps->d, path, "%s given twice", quote(code, q));
		seen[a->id - 1] = mark;
		(*out)[(*n)++] = a->id;
	}
	return CD_OK;
}

static enum cd_err read_notices(struct parse *ps, json_t *list)
{
	struct scenario *sc = ps->sc;
	struct val v[N__MAX];
	char at[PATH_LEN], f[PATH_LEN], day[11], got[11];
	size_t *seen = calloc(sc->reg->nassets + 1, sizeof(*seen));
	enum cd_err rc = CD_OK;
	json_t *el;
	size_t i;

	sc->notices = arena_alloc(sc->arena, (json_array_size(list) + 1) * sizeof(*sc->notices));
	if (!seen || !sc->notices) {
		free(seen);
		return nomem(ps->d);
	}
	json_array_foreach(list, i, el) {
		struct notice *n = &sc->notices[i];
		struct notice_event *e;

		pathf(at, "notices[%zu]", i);
		rc = read_fields(el, at, notice_fields, N__MAX, v, ps->d);
		if (!rc && v[N_ASSET].set && v[N_ASSETS].set)
			rc = bad(ps->d, at, "give asset or assets, not both");
		if (rc)
			break;
		notice_init(n);
		sc->nnotices = i + 1;
		n->id = (int64_t)i + 1;
		n->code = arena_strdup(sc->arena, v[N_ID].s);
		n->received_at = v[N_RECEIVED].t;
		n->stated_due = v[N_STATED].day;
		if (!n->code) {
			rc = nomem(ps->d);
			break;
		}
		if (v[N_STATED].set && v[N_STATED].day < time_cst_date(n->received_at)) {
			rc = bad(ps->d, join(f, at, "stated_due"),
				 "%s is before the day the notice was received (%s)",
				 date_format(v[N_STATED].day, day),
				 date_format(time_cst_date(n->received_at), got));
			break;
		}
		if (v[N_SUPPORT].set && v[N_SUPPORT].t < n->received_at) {
			rc = bad(ps->d, join(f, at, "support_at"), "support request before receipt");
			break;
		}
		rc = record_assets(ps, at, &v[N_ASSET], &v[N_ASSETS], seen, i + 1, &n->assets,
				   &n->nassets);
		if (rc)
			break;
		/* the timeline, applied (and checked) once every id is known */
		n->events = e = arena_alloc(sc->arena, 4 * sizeof(*e));
		if (!e) {
			rc = nomem(ps->d);
			break;
		}
		if (v[N_EXTENDED].set)
			e[n->nevents++] = (struct notice_event){NEV_EXTEND, n->received_at, "eval",
								"scenario", v[N_EXTENDED].day};
		if (v[N_SUPPORT].set)
			e[n->nevents++] = (struct notice_event){NEV_SUPPORT, v[N_SUPPORT].t, NULL,
								NULL, CD_DATE_NONE};
		if (v[N_RECTIFIED].set)
			e[n->nevents++] = (struct notice_event){NEV_RECTIFY, v[N_RECTIFIED].t, NULL,
								NULL, CD_DATE_NONE};
		if (v[N_FEEDBACK].set)
			e[n->nevents++] = (struct notice_event){NEV_FEEDBACK, v[N_FEEDBACK].t, NULL,
								NULL, CD_DATE_NONE};
		sort_events(e, n->nevents);
	}
	free(seen);
	return rc;
}

/* The incident's times against each other and detection, as incident_apply checks them. */
static enum cd_err incident_times(struct parse *ps, const char *at, const struct val *v,
				  struct incident *x)
{
	char f[PATH_LEN], t[26];

	x->occurred_at = v[I_OCCURRED].t;
	x->outage_start = v[I_OUTAGE_START].t;
	x->outage_end = v[I_OUTAGE_END].t;
	x->handling_ended_at = v[I_HANDLED].t;
	time_format(x->detected_at, t);
	if (x->occurred_at != CD_TIME_NONE && x->occurred_at > x->detected_at)
		return bad(ps->d, join(f, at, "occurred_at"), "after detected_at (%s)", t);
	if (x->outage_end != CD_TIME_NONE && x->outage_start == CD_TIME_NONE)
		return bad(ps->d, join(f, at, "outage_end"), "no outage_start given");
	if (x->outage_end != CD_TIME_NONE && x->outage_end <= x->outage_start)
		return bad(ps->d, join(f, at, "outage_end"), "not after outage_start (%s)",
			   time_format(x->outage_start, t));
	if (x->handling_ended_at != CD_TIME_NONE && x->handling_ended_at < x->detected_at)
		return bad(ps->d, join(f, at, "handling_ended_at"), "before detected_at (%s)", t);
	return CD_OK;
}

/* The reports, each after detection; a summary only once handling has ended. */
static enum cd_err incident_reports(struct parse *ps, const char *at, json_t *list,
				    struct incident *x)
{
	struct val v[R__MAX];
	char p[PATH_LEN], f[PATH_LEN], t[26];
	json_t *el;
	size_t k;

	x->reports = arena_alloc(ps->sc->arena, (json_array_size(list) + 1) * sizeof(*x->reports));
	if (!x->reports)
		return nomem(ps->d);
	x->capreports = json_array_size(list) + 1;
	json_array_foreach(list, k, el) {
		struct incident_report *r = &x->reports[k];
		enum cd_err rc;

		pathf(p, "%s.reports[%zu]", at, k);
		rc = read_fields(el, p, report_fields, R__MAX, v, ps->d);
		if (rc)
			return rc;
		if (v[R_AT].t < x->detected_at)
			return bad(ps->d, join(f, p, "at"), "before detected_at (%s)",
				   time_format(x->detected_at, t));
		if (v[R_KIND].i == REPORT_SUMMARY && x->handling_ended_at == CD_TIME_NONE)
			return bad(ps->d, join(f, p, "kind"),
				   "a summary report comes after handling ends "
				   "(give handling_ended_at)");
		if (v[R_KIND].i == REPORT_SUMMARY && v[R_AT].t < x->handling_ended_at)
			return bad(ps->d, join(f, p, "at"),
				   "a summary report before handling_ended_at (%s)",
				   time_format(x->handling_ended_at, t));
		r->kind = (enum report_kind)v[R_KIND].i;
		r->at = v[R_AT].t;
		r->to = v[R_TO].set ? arena_strdup(ps->sc->arena, v[R_TO].s) : NULL;
		if (v[R_TO].set && !r->to)
			return nomem(ps->d);
		x->nreports = k + 1;
	}
	return CD_OK;
}

/* person_list resolves the person ids of list (the field `name` of the record at `at`) into
 * out[0..*n), each once, at most INCIDENT_PEOPLE_MAX. */
static enum cd_err person_list(struct parse *ps, const char *at, const char *name, json_t *list,
			       int64_t *out, size_t *n)
{
	char p[PATH_LEN], q[QUOTE_MAX];
	json_t *el;
	size_t k;

	if (json_array_size(list) > INCIDENT_PEOPLE_MAX)
		return bad(ps->d, join(p, at, name), "more than %d people", INCIDENT_PEOPLE_MAX);
	json_array_foreach(list, k, el) {
		const char *code = json_string_value(el);
		const struct person *pe = reg_person_by_code(ps->sc->reg, code);

		pathf(p, "%s.%s[%zu]", at, name, k);
		if (!pe)
			return bad(ps->d, p, "no person %s", quote(code, q));
		for (size_t j = 0; j < *n; j++)
			if (out[j] == pe->id)
				return bad(ps->d, p, "%s given twice", quote(code, q));
		out[(*n)++] = pe->id;
	}
	return CD_OK;
}

static const char *class_at(const void *ctx, size_t i)
{
	return ((const struct incident_classes *)ctx)->v[i].code;
}

static const char *subclass_at(const void *ctx, size_t i)
{
	return ((const struct incident_class *)ctx)->subclasses[i];
}

/* The class of GB/T 20986-2023 (code or name), and a subclass of it: any text while the class
 * lists none, else one of its list. */
static enum cd_err incident_class(struct parse *ps, const char *at, const struct val *v,
				  struct incident *x)
{
	const struct incident_class *c;
	char f[PATH_LEN], q[QUOTE_MAX], list[512];
	bool listed = false;

	if (!v[I_CLASS].set)
		return v[I_SUBCLASS].set ? bad(ps->d, join(f, at, "subclass"), "no class given")
					 : CD_OK;
	c = incident_class_find(&ps->sc->classes, v[I_CLASS].s);
	if (!c)
		return bad(ps->d, join(f, at, "class"), "unknown class %s (use %s)",
			   quote(v[I_CLASS].s, q),
			   words(list, sizeof(list), class_at, &ps->sc->classes,
				 ps->sc->classes.n));
	x->class_code = c->code;
	if (!v[I_SUBCLASS].set)
		return CD_OK;
	for (size_t k = 0; k < c->nsubclasses; k++)
		listed |= !strcmp(c->subclasses[k], v[I_SUBCLASS].s);
	if (c->nsubclasses && !listed)
		return bad(ps->d, join(f, at, "subclass"), "unknown subclass %s of %s (use %s)",
			   quote(v[I_SUBCLASS].s, q), c->code,
			   words(list, sizeof(list), subclass_at, c, c->nsubclasses));
	x->subclass = arena_strdup(ps->sc->arena, v[I_SUBCLASS].s);
	return x->subclass ? CD_OK : nomem(ps->d);
}

/* key_path writes "at.name.key" into buf when the key can stand in a one-line path (printable,
 * no blank or quote, at most 48 bytes) and returns true; else "at.name" and false. */
static bool key_path(char buf[PATH_LEN], const char *at, const char *name, const char *key)
{
	size_t n = strlen(key);
	bool plain = n > 0 && n <= 48;

	for (size_t i = 0; plain && i < n; i++)
		plain = (unsigned char)key[i] > 0x20 && key[i] != '"' && key[i] != '\\' &&
			key[i] != 0x7F;
	if (plain)
		pathf(buf, "%s.%s.%s", at, name, key);
	else
		pathf(buf, "%s.%s", at, name);
	return plain;
}

/* no_such refuses the key of the map `name` (facts, measures) that names no `what`: "did you
 * mean" the nearest, else the hint. */
static enum cd_err no_such(struct cd_diag *d, const char *at, const char *name, const char *what,
			   const char *key, const char *nearest, const char *hint)
{
	char p[PATH_LEN], q[QUOTE_MAX], tail[256];

	if (nearest)
		snprintf(tail, sizeof(tail), "did you mean %s?", nearest);
	else
		snprintf(tail, sizeof(tail), "%s", hint);
	if (key_path(p, at, name, key))
		return bad(d, p, "no such %s (%s)", what, tail);
	return bad(d, p, "no such %s %s (%s)", what, quote(key, q), tail);
}

/* A JSON number that is finite and not negative. */
static bool non_negative(json_t *j)
{
	return json_is_number(j) && isfinite(json_number_value(j)) && json_number_value(j) >= 0;
}

/* fact_value sets fact id of f from j (not null), refusing a value of another type. */
static enum cd_err fact_value(struct cd_diag *d, const char *p, enum fact id, json_t *j,
			      struct facts *f)
{
	const char *name = fact_name(id);
	char q[QUOTE_MAX];

	switch (fact_type(id)) {
	case FACT_BOOL:
		if (!json_is_boolean(j))
			return bad(d, p, "must be true or false (%s is a bool; null = unknown)",
				   name);
		return facts_set_bool(f, id, json_is_true(j));
	case FACT_NUMBER:
		if (!non_negative(j))
			return bad(d, p, "must be a number ≥ 0 (%s is a number; null = unknown)",
				   name);
		return facts_set_number(f, id, json_number_value(j));
	default:
		if (!json_is_string(j))
			return bad(d, p, "must be a string (%s is a string; null = unknown)", name);
		if (json_string_length(j) > FACT_STRING_MAX)
			return bad(d, p, "longer than %d bytes", FACT_STRING_MAX);
		if (facts_set_string(f, id, json_string_value(j)) != CD_OK)
			return bad(d, p, "%s is not a value of %s (%s)",
				   quote(json_string_value(j), q), name, fact_values(id));
		return CD_OK;
	}
}

/* fact_entry records fact `key` of the vocabulary (docs/conditions.md) with value j in x's facts;
 * null = unknown. */
static enum cd_err fact_entry(struct parse *ps, const char *at, const char *key, json_t *j,
			      struct incident *x)
{
	char p[PATH_LEN];
	int id = fact_parse(key);

	if (id < 0)
		return no_such(ps->d, at, "facts", "fact", key, fact_suggest(key, strlen(key)),
			       "the vocabulary: docs/conditions.md");
	if (json_is_null(j))
		return CD_OK;
	key_path(p, at, "facts", key);
	return fact_value(ps->d, p, (enum fact)id, j, &x->facts);
}

/* measure_entry records grading measure `key` (the outage hours come from the outage times) with
 * value j in x; null = unknown. */
static enum cd_err measure_entry(struct parse *ps, const char *at, const char *key, json_t *j,
				 struct incident *x)
{
	char p[PATH_LEN];
	int m = measure_parse(key);

	key_path(p, at, "measures", key);
	if (m == MEASURE_OUTAGE_HOURS)
		return bad(ps->d, p, "not recorded: the outage hours come from outage_start and "
				     "outage_end");
	if (m < 0)
		return no_such(ps->d, at, "measures", "measure", key, measure_suggest(key),
			       "use personal_info_people, direct_loss_yuan, tamper_homepage_hours, "
			       "tamper_other_hours, reposts, views, core_data_leak");
	if (json_is_null(j))
		return CD_OK;
	if (!non_negative(j))
		return bad(ps->d, p, "must be a number ≥ 0 (null = unknown)");
	x->measure[m] = json_number_value(j);
	x->measure_known[m] = true;
	return CD_OK;
}

/* read_map hands each key of map (an object, or NULL) to entry, in input order, up to the first
 * refusal. */
static enum cd_err read_map(struct parse *ps, const char *at, json_t *map,
			    enum cd_err (*entry)(struct parse *, const char *, const char *,
						 json_t *, struct incident *),
			    struct incident *x)
{
	const char *key;
	enum cd_err rc = CD_OK;
	json_t *j;

	json_object_foreach(map, key, j) {
		rc = entry(ps, at, key, j, x);
		if (rc)
			break;
	}
	return rc;
}

/* The grade a person confirmed, with its reason. */
static enum cd_err incident_grade(struct parse *ps, const char *at, const struct val *v,
				  struct incident *x)
{
	char f[PATH_LEN];

	if (!v[I_GRADE].set)
		return v[I_GRADE_REASON].set ? bad(ps->d, join(f, at, "grade_reason"),
						   "no grade given")
					     : CD_OK;
	x->graded = true;
	x->grade = (enum grade)v[I_GRADE].i;
	if (!v[I_GRADE_REASON].set)
		return CD_OK;
	x->grade_reason = arena_strdup(ps->sc->arena, v[I_GRADE_REASON].s);
	return x->grade_reason ? CD_OK : nomem(ps->d);
}

/* read_incident builds incident i (at path at) from its fields v: the folded fields set
 * directly, checked the way incident_apply checks the events that set them. */
static enum cd_err read_incident(struct parse *ps, size_t i, const char *at, const struct val *v,
				 size_t *seen, struct incident *x)
{
	char f[PATH_LEN];
	enum cd_err rc;

	incident_init(x);
	x->id = (int64_t)i + 1;
	x->code = arena_strdup(ps->sc->arena, v[I_ID].s);
	x->detected_at = v[I_DETECTED].t;
	x->outage_scope = (enum outage_scope)v[I_SCOPE].i;
	x->reporter = (enum reporter)v[I_REPORTER].i;
	x->reporter_set = v[I_REPORTER].set;
	x->coordination_failed = v[I_COORDINATION].b;
	if (!x->code)
		return nomem(ps->d);
	if (v[I_ASSET].set && v[I_ASSETS].set)
		return bad(ps->d, at, "give asset or assets, not both");
	if (!v[I_ASSET].set && !v[I_ASSETS].set)
		return bad(ps->d, join(f, at, "asset"), "required");
	if (v[I_ASSETS].set && !json_array_size(v[I_ASSETS].list))
		return bad(ps->d, join(f, at, "assets"), "must name at least one asset");
	if (json_array_size(v[I_ASSETS].list) > INCIDENT_ASSETS_MAX)
		return bad(ps->d, join(f, at, "assets"), "more than %d assets",
			   INCIDENT_ASSETS_MAX);
	rc = record_assets(ps, at, &v[I_ASSET], &v[I_ASSETS], seen, i + 1, &x->assets,
			   &x->nassets);
	if (!rc)
		rc = incident_times(ps, at, v, x);
	if (!rc)
		rc = incident_grade(ps, at, v, x);
	if (!rc)
		rc = incident_reports(ps, at, v[I_REPORTS].list, x);
	if (!rc)
		rc = person_list(ps, at, "persons_involved", v[I_INVOLVED].list, x->involved,
				 &x->ninvolved);
	if (!rc)
		rc = person_list(ps, at, "decision_participants", v[I_PARTICIPANTS].list,
				 x->participants, &x->nparticipants);
	if (!rc)
		rc = read_map(ps, at, v[I_FACTS].list, fact_entry, x);
	if (!rc)
		rc = read_map(ps, at, v[I_MEASURES].list, measure_entry, x);
	if (!rc)
		rc = incident_class(ps, at, v, x);
	return rc;
}

static enum cd_err read_incidents(struct parse *ps, json_t *list)
{
	struct scenario *sc = ps->sc;
	struct val v[I__MAX];
	char at[PATH_LEN];
	size_t *seen = calloc(sc->reg->nassets + 1, sizeof(*seen));
	enum cd_err rc = CD_OK;
	json_t *el;
	size_t i;

	sc->incidents =
		arena_alloc(sc->arena, (json_array_size(list) + 1) * sizeof(*sc->incidents));
	if (!seen || !sc->incidents) {
		free(seen);
		return nomem(ps->d);
	}
	json_array_foreach(list, i, el) {
		pathf(at, "incidents[%zu]", i);
		rc = read_fields(el, at, incident_fields, I__MAX, v, ps->d);
		if (!rc)
			rc = read_incident(ps, i, at, v, seen, &sc->incidents[i]);
		if (rc)
			break;
		sc->nincidents = i + 1;
	}
	free(seen);
	return rc;
}

/* Notices and incidents share one set of ids: "repeat_of" names either. */
static enum cd_err unique_events(struct parse *ps)
{
	const struct scenario *sc = ps->sc;
	size_t n = sc->nnotices + sc->nincidents, dup, twin = 0;
	struct idref *v = malloc((n ? n : 1) * sizeof(*v));
	char at[PATH_LEN], q[QUOTE_MAX];
	const char *code;

	if (!v)
		return nomem(ps->d);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct idref){i < sc->nnotices ? sc->notices[i].code
						       : sc->incidents[i - sc->nnotices].code,
				      i};
	dup = first_dup(v, n, &twin);
	free(v);
	if (dup == SIZE_MAX)
		return CD_OK;
	if (dup < sc->nnotices) {
		code = sc->notices[dup].code;
		pathf(at, "notices[%zu].id", dup);
	} else {
		code = sc->incidents[dup - sc->nnotices].code;
		pathf(at, "incidents[%zu].id", dup - sc->nnotices);
	}
	if (twin < sc->nnotices && dup >= sc->nnotices)
		return bad(ps->d, at, "%s given twice (notices and incidents share one set of ids)",
			   quote(code, q));
	return bad(ps->d, at, "%s given twice", quote(code, q));
}

/* lifecycle applies each notice's events through notice_apply, so a timeline that breaks the
 * closed loop is refused naming the field that breaks it. */
static enum cd_err lifecycle(struct parse *ps)
{
	const struct scenario *sc = ps->sc;
	char at[PATH_LEN], f[PATH_LEN];

	for (size_t i = 0; i < sc->nnotices; i++) {
		struct notice *n = &sc->notices[i];
		bool rectified = false;

		for (size_t k = 0; k < n->nevents; k++)
			rectified |= n->events[k].kind == NEV_RECTIFY;
		pathf(at, "notices[%zu]", i);
		for (size_t k = 0; k < n->nevents; k++) {
			const struct notice_event *e = &n->events[k];
			struct notice_due due = notice_due(n, sc->profile, ps->cal);
			struct cd_diag why = {{0}};
			const char *field = e->kind == NEV_EXTEND    ? "extended_to"
					    : e->kind == NEV_SUPPORT ? "support_at"
					    : e->kind == NEV_RECTIFY ? "rectified_at"
								     : "feedback_at";
			const char *step = e->kind == NEV_RECTIFY ? "rectification" : "feedback";

			if (!notice_apply(n, e, due.due, &why))
				continue;
			join(f, at, field);
			/* the extension's date is what is wrong: say it as notice_apply does */
			if (e->kind == NEV_EXTEND)
				return bad(ps->d, f, "%s",
					   strncmp(why.msg, "extend: ", 8) ? why.msg : why.msg + 8);
			if (e->at < n->received_at)
				return bad(ps->d, f, "%s before receipt", step);
			if (e->kind == NEV_FEEDBACK && !rectified)
				return bad(ps->d, f, "feedback without rectification "
						     "(give rectified_at too)");
			if (e->kind == NEV_FEEDBACK && n->stage < STAGE_RECTIFIED)
				return bad(ps->d, f, "feedback before rectification");
			return bad(ps->d, f, "%s", why.msg);
		}
	}
	return CD_OK;
}

static const char *builtin_at(const void *ctx, size_t i)
{
	(void)ctx;
	return profile_builtin_id(i);
}

static enum cd_err open_profile(struct parse *ps, const char *id)
{
	char list[256], q[QUOTE_MAX];
	enum cd_err rc;

	for (size_t i = 0; i < profile_builtin_count(); i++)
		if (!strcmp(id, profile_builtin_id(i))) {
			rc = profile_open(id, &ps->sc->profile, ps->d);
			if (rc)
				cd_diag_prefix(ps->d, "profile");
			return rc;
		}
	return bad(ps->d, "profile", "unknown profile %s (use %s)", quote(id, q),
		   words(list, sizeof(list), builtin_at, NULL, profile_builtin_count()));
}

/* The text of a jansson error on one line (it may quote the input near the error). */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			*s = ' ';
}

static bool blank(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\n", buf[i]) || !buf[i])
			return false;
	return true;
}

/* oblig_from sets the first year whose yearly duties are generated: the one given, not after the
 * CST year of as_of nor more than SCENARIO_YEARS_MAX years before it, or that year. */
static enum cd_err oblig_from(struct parse *ps, const struct val *given)
{
	int y, m, d;

	date_to_ymd(time_cst_date(ps->sc->as_of), &y, &m, &d);
	ps->sc->oblig_from = given->set ? given->i : y;
	if (ps->sc->oblig_from > y)
		return bad(ps->d, "obligations_from", "%d is after the year of as_of (%d)",
			   ps->sc->oblig_from, y);
	if (ps->sc->oblig_from < y - SCENARIO_YEARS_MAX + 1)
		return bad(ps->d, "obligations_from",
			   "%d is more than %d years before the year of as_of (%d)",
			   ps->sc->oblig_from, SCENARIO_YEARS_MAX, y);
	return CD_OK;
}

static enum cd_err build(struct parse *ps, json_t *root)
{
	struct scenario *sc = ps->sc;
	struct val v[T__MAX];
	enum cd_err rc;

	if (!json_is_object(root))
		return bad(ps->d, "", "the scenario must be a JSON object");
	rc = read_fields(root, "", top_fields, T__MAX, v, ps->d);
	if (!rc)
		rc = open_profile(ps, v[T_PROFILE].s);
	if (!rc)
		rc = incident_data_builtin(sc->arena, &sc->rules, &sc->classes, ps->d);
	if (!rc)
		rc = cond_parse_profile(sc->profile, sc->arena, &sc->conds, ps->d);
	if (rc)
		return rc;
	sc->as_of = v[T_AS_OF].t;
	if ((rc = oblig_from(ps, &v[T_OBLIG_FROM])))
		return rc;
	sc->org_reporter_set = v[T_REPORTER].set;
	sc->org_reporter = (enum reporter)v[T_REPORTER].i;
	sc->as_of_text = arena_strdup(sc->arena, v[T_AS_OF].s);
	if (!sc->as_of_text)
		return nomem(ps->d);
	rc = read_units(ps, v[T_UNITS].list);
	if (!rc)
		rc = read_people(ps, v[T_PEOPLE].list);
	if (!rc)
		rc = read_assets(ps, v[T_ASSETS].list);
	if (!rc)
		rc = unique(ps, "units", sc->reg->nunits, unit_code);
	if (!rc)
		rc = unique(ps, "people", sc->reg->npeople, person_code);
	if (!rc)
		rc = unique(ps, "assets", sc->reg->nassets, asset_code);
	if (!rc && reg_index(sc->reg, NULL))
		rc = nomem(ps->d);
	if (!rc)
		rc = resolve_units(ps);
	if (!rc)
		rc = resolve_assets(ps);
	if (!rc)
		rc = read_duties(ps, v[T_DUTIES].list);
	if (!rc)
		rc = read_projects(ps, v[T_PROJECTS].list);
	if (!rc)
		rc = unique(ps, "projects", sc->reg->nprojects, project_code);
	if (!rc)
		rc = read_records(ps, v[T_RECORDS].list);
	if (!rc)
		rc = read_notices(ps, v[T_NOTICES].list);
	if (!rc)
		rc = read_incidents(ps, v[T_INCIDENTS].list);
	if (!rc)
		rc = unique_events(ps);
	if (!rc)
		rc = lifecycle(ps);
	return rc;
}

enum cd_err scenario_parse(const char *buf, size_t len, const struct calendar *cal,
			   struct scenario **out, struct cd_diag *d)
{
	struct scenario *sc;
	struct parse ps = {0};
	json_error_t jerr;
	json_t *root;
	enum cd_err rc;

	*out = NULL;
	if (len > SCENARIO_MAX_BYTES)
		return cd_diag_set(d, CD_EINVAL, "the scenario is larger than %zu MiB",
				   SCENARIO_MAX_BYTES >> 20);
	if (blank(buf, len))
		return cd_diag_set(d, CD_EINVAL, "no scenario: the input is empty "
						 "(a JSON object, see docs/eval.md)");
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		one_line(jerr.text);
		if (jerr.line < 1)
			return cd_diag_set(d, CD_EINVAL, "not valid JSON: %s", jerr.text);
		return cd_diag_set(d, CD_EINVAL, "line %d column %d: %s", jerr.line, jerr.column,
				   jerr.text);
	}
	sc = calloc(1, sizeof(*sc));
	if (!sc || !(sc->arena = arena_new(0)) || !(sc->reg = reg_new())) {
		scenario_free(sc);
		json_decref(root);
		return nomem(d);
	}
	ps.sc = sc;
	ps.cal = cal;
	ps.d = d;
	rc = build(&ps, root);
	json_decref(root);
	if (rc) {
		scenario_free(sc);
		return rc;
	}
	*out = sc;
	return CD_OK;
}

void scenario_free(struct scenario *s)
{
	if (!s)
		return;
	profile_free(s->profile);
	reg_free(s->reg);
	arena_free(s->arena);
	free(s);
}

/* ---- the verdicts ---- */

/* put and add keep building when jansson fails (it frees v) and remember the failure. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
	if (json_object_set_new(o, key, v))
		*ok = false;
}

static void add(json_t *a, json_t *v, bool *ok)
{
	if (json_array_append_new(a, v))
		*ok = false;
}

/* text makes a JSON string of buf, first cutting a UTF-8 sequence that snprintf may have cut. */
static json_t *text(char *buf)
{
	size_t n = strlen(buf), k = n;

	while (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
		k--;
	/* buf[k - 1] leads the last sequence: drop it when it is incomplete */
	if (k > 0 && k - 1 + utf8_len((unsigned char)buf[k - 1]) > n)
		buf[k - 1] = '\0';
	return json_string(buf);
}

static struct asset_event *asset_events(const struct scenario *s, size_t *nev)
{
	size_t n = 0, k = 0;
	struct asset_event *ev;

	for (size_t i = 0; i < s->nnotices; i++)
		n += s->notices[i].nassets;
	for (size_t i = 0; i < s->nincidents; i++)
		n += s->incidents[i].nassets;
	ev = malloc((n ? n : 1) * sizeof(*ev));
	if (!ev)
		return NULL;
	for (size_t i = 0; i < s->nnotices; i++)
		for (size_t j = 0; j < s->notices[i].nassets; j++)
			ev[k++] = (struct asset_event){.asset = s->notices[i].assets[j],
						       .at = s->notices[i].received_at,
						       .notice = s->notices[i].id};
	for (size_t i = 0; i < s->nincidents; i++)
		for (size_t j = 0; j < s->incidents[i].nassets; j++)
			ev[k++] = (struct asset_event){.asset = s->incidents[i].assets[j],
						       .at = s->incidents[i].detected_at,
						       .incident = s->incidents[i].id};
	asset_events_sort(ev, n);
	*nev = n;
	return ev;
}

/* similar_json lists the SCENARIO_SIMILAR_MAX strongest similar systems and sets *total to how
 * many there are. sim has room for every asset, so notice_similar sorts them all. */
static json_t *similar_json(const struct notice *n, const struct reg *reg, struct similar *sim,
			    size_t *total, bool *ok)
{
	static const char *const why[] = {"kind", "operator", "software"};
	size_t k = notice_similar(n, reg, sim, reg->nassets);
	json_t *list = json_array();

	*total = k;
	for (size_t i = 0; i < k && i < reg->nassets && i < SCENARIO_SIMILAR_MAX; i++) {
		json_t *o = json_object(), *w = json_array();

		for (unsigned b = 0; b < 3; b++)
			if (sim[i].why & (1u << b))
				add(w, json_string(why[b]), ok);
		put(o, "asset", json_string(reg_asset(reg, sim[i].asset)->code), ok);
		put(o, "why", w, ok);
		add(list, o, ok);
	}
	return list;
}

static json_t *notice_json(const struct scenario *s, const struct notice *n,
			   const struct calendar *cal, const struct asset_event *ev, size_t nev,
			   struct similar *sim, bool *ok)
{
	const struct profile *p = s->profile;
	struct notice_due due = notice_due(n, p, cal);
	const struct asset_event *rep = notice_repeat(n, p->numbers.repeat_window_months, ev, nev);
	json_t *o = json_object(), *w = json_array(), *sim_list, *v;
	size_t nsimilar = 0;
	char buf[256];

	sim_list = similar_json(n, s->reg, sim, &nsimilar, ok);
	v = notice_verdict_json(p, n, &due, s->as_of, rep != NULL, nsimilar);
	/* the verdict is the one encoder's (io/notice_json.c); eval adds the id, the earlier
	 * notice or incident by its id, the similar systems and its warnings */
	put(o, "id", json_string(n->code), ok);
	if (!v || json_object_update(o, v))
		*ok = false;
	json_decref(v);
	put(o, "repeat_of",
	    !rep          ? json_null()
	    : rep->notice ? json_string(s->notices[rep->notice - 1].code)
			  : json_string(s->incidents[rep->incident - 1].code),
	    ok);
	put(o, "similar", sim_list, ok);
	if (due.estimated) {
		int y = calendar_estimated_year(cal, time_cst_date(n->received_at), due.due);

		snprintf(buf, sizeof(buf), WARN_ESTIMATED, y, y);
		add(w, json_string(buf), ok);
	}
	if (due.due == CD_DATE_NONE && p->numbers.rectify_workdays <= 0)
		add(w, json_string(WARN_NO_PERIOD), ok);
	if (p->numbers.repeat_window_months < 0)
		add(w, json_string(WARN_NO_WINDOW), ok);
	if (n->received_at > s->as_of)
		add(w, json_string(WARN_NOT_YET), ok);
	put(o, "warnings", w, ok);
	return o;
}

/* finding adds the one JSON of a finding (io/finding_json.c) to list, with the subject and the
 * text eval's contract names (docs/eval.md). */
static void finding(json_t *list, json_t *j, const char *subject, char *msg, bool *ok)
{
	if (!j) {
		*ok = false;
		return;
	}
	put(j, "subject", json_string(subject), ok);
	put(j, "text", text(msg), ok);
	add(list, j, ok);
}

/* findings_json: the gaps check found, in its order, then each yearly duty missed by as_of
 * (oblig_missed) in the obligations' order — a duty.missed finding under the duty's article,
 * since the day it fell due. */
static json_t *findings_json(const struct scenario *s, const struct check_result *res,
			     const struct oblig_list *ol, bool *ok)
{
	json_t *list = json_array();
	cd_date today = time_cst_date(s->as_of);
	char msg[2048], due[11];

	for (size_t i = 0; i < res->n; i++) {
		const struct finding *f = &res->v[i];
		const struct unit *u = f->unit ? reg_unit(s->reg, f->unit) : NULL;
		const struct asset *a = f->asset ? reg_asset(s->reg, f->asset) : NULL;

		check_describe(f, s->reg, msg, sizeof(msg));
		finding(list, finding_json(f, u ? u->code : NULL, a ? a->code : NULL, msg),
			f->subject, msg, ok);
	}
	for (size_t i = 0; i < ol->n; i++) {
		const struct oblig *o = &ol->v[i];
		const struct unit *u = o->unit ? reg_unit(s->reg, o->unit) : NULL;
		struct finding_out fo = {.rule = "duty.missed", .rule_label = "年度职责未履行",
					 .article = o->article, .unit = u ? u->code : NULL,
					 .since = o->due, .message = msg};

		if (!oblig_missed(o, today))
			continue;
		snprintf(msg, sizeof(msg),
			 lang_tr("%s (%s): %s（%s）逾期未完成，截止 %s — duty not done by its due date"),
			 u ? u->name : lang_tr("no unit holds it"), u ? u->code : o->duty->id, o->name,
			 o->period, date_format(o->due, due));
		finding(list, finding_out_json(&fo), u ? u->code : o->duty->id, msg, ok);
	}
	return list;
}

/* obligations_json: every obligation of ol with its state at the end of as_of's CST date (the
 * one encoder, oblig_json) and the ids of the records that fulfil it. */
static json_t *obligations_json(const struct scenario *s, const struct calendar *cal,
				const struct oblig_list *ol, bool *ok)
{
	json_t *list = json_array();
	cd_date today = time_cst_date(s->as_of);

	for (size_t i = 0; *ok && i < ol->n; i++) {
		const struct oblig *o = &ol->v[i];
		const struct unit *u = o->unit ? reg_unit(s->reg, o->unit) : NULL;
		const struct asset *a = o->asset ? reg_asset(s->reg, o->asset) : NULL;
		json_t *j = oblig_json(o, u ? u->code : NULL, a ? a->code : NULL, today, cal),
		       *ev = json_array();

		if (!j) {
			json_decref(ev);
			*ok = false;
			break;
		}
		for (size_t k = 0; k < o->nevidence; k++)
			add(ev, json_string(s->record_codes[o->evidence[k] - 1]), ok);
		put(j, "duty", jnull_str(o->duty ? o->duty->id : NULL), ok);
		put(j, "records", ev, ok);
		add(list, j, ok);
	}
	return list;
}

/* incidents_json analyses every incident at as_of against the scenario's notices and the earlier
 * notices and incidents ev[0..nev), and lists their verdicts in input order. */
static json_t *incidents_json(const struct scenario *s, const struct calendar *cal,
			      const struct asset_event *ev, size_t nev, bool *ok)
{
	const struct incident_env env = {.p = s->profile,
					 .rules = &s->rules,
					 .reg = s->reg,
					 .cal = cal,
					 .conds = s->conds,
					 .notices = s->notices,
					 .nnotices = s->nnotices,
					 .events = ev,
					 .nevents = nev,
					 .incidents = s->incidents,
					 .nincidents = s->nincidents,
					 .classes = &s->classes,
					 .org_reporter_set = s->org_reporter_set,
					 .org_reporter = s->org_reporter};
	json_t *list = json_array();

	for (size_t i = 0; *ok && i < s->nincidents; i++) {
		struct arena *a = arena_new(0);
		struct incident_analysis an;

		*ok = a && incident_analyse(&env, &s->incidents[i], s->as_of, a, &an) == CD_OK;
		if (*ok)
			add(list, incident_verdict_json(&env, &s->incidents[i], &an), ok);
		arena_free(a);
	}
	return list;
}

enum cd_err scenario_eval(const struct scenario *s, const struct calendar *cal, char **json,
			  struct cd_diag *d)
{
	struct check_result res = {0};
	struct oblig_list ol = {0};
	struct similar *sim = malloc((s->reg->nassets + 1) * sizeof(*sim));
	struct asset_event *ev = NULL;
	size_t nev = 0;
	json_t *root = json_object(), *list = json_array();
	bool ok = root && list && sim;

	*json = NULL;
	if (ok)
		ok = (ev = asset_events(s, &nev)) != NULL;
	if (ok)
		ok = check_run(s->profile, s->reg, time_cst_date(s->as_of), &res) == CD_OK;
	if (ok)
		ok = oblig_generate(s->profile, s->reg, s->records, s->nrecords, s->oblig_from,
				    time_cst_date(s->as_of), &ol) == CD_OK;
	for (size_t i = 0; ok && i < s->nnotices; i++)
		add(list, notice_json(s, &s->notices[i], cal, ev, nev, sim, &ok), &ok);
	put(root, "profile", json_string(s->profile->id), &ok);
	put(root, "as_of", json_string(s->as_of_text), &ok);
	put(root, "notices", list, &ok);
	if (ok)
		put(root, "incidents", incidents_json(s, cal, ev, nev, &ok), &ok);
	if (ok)
		put(root, "obligations", obligations_json(s, cal, &ol, &ok), &ok);
	if (ok)
		put(root, "findings", findings_json(s, &res, &ol, &ok), &ok);
	/* hours to a ten-digit precision: 5.9, not 5.9000000000000004 */
	if (ok)
		*json = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	json_decref(root);
	check_result_free(&res);
	oblig_list_free(&ol);
	free(ev);
	free(sim);
	return *json ? CD_OK : nomem(d);
}
