/* fact.h — the fact vocabulary the accountability triggers' conditions are written in (see
 * docs/conditions.md): one table of names, types and Chinese labels, and struct facts, the
 * values known about one case. A fact nobody has set is UNKNOWN — never false — so a trigger
 * that depends on it asks a person instead of guessing. */
#ifndef CD_FACT_H
#define CD_FACT_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* The facts, in the order of docs/conditions.md. Booleans unless marked. */
enum fact {
	FACT_ATTACKED,                    /* 受到网络攻击 (from the class, or a person) */
	FACT_TAMPERED,                    /* 被攻击篡改 */
	FACT_HARMFUL_INFO_SPREAD_WIDE,    /* 有害信息大面积扩散 */
	FACT_REPORTED_TIMELY,             /* 及时报告 */
	FACT_HANDLED_TIMELY,              /* 及时处置 */
	FACT_PARALYSIS_HOURS,             /* number: 瘫痪时长（小时） */
	FACT_PARALYSED,                   /* 瘫痪（中断）, whatever the cause */
	FACT_STATE_SECRET_LEAK,           /* 国家秘密泄露 */
	FACT_IMPORTANT_DATA_LEAK,         /* 重要数据泄露 */
	FACT_PERSONAL_INFO_LEAK_LARGE,    /* 大面积个人信息泄露 */
	FACT_BASIC_DATA_LEAK_LARGE,       /* 大量国家基础数据泄露 */
	FACT_SERIOUS_CONSEQUENCES,        /* 造成严重后果 */
	FACT_WIDE_IMPACT,                 /* 大面积影响工作、生活 */
	FACT_MAJOR_ECONOMIC_LOSS,         /* 重大经济损失 */
	FACT_SEVERE_SOCIAL_IMPACT,        /* 严重不良社会影响 */
	FACT_CONCEALED,                   /* 封锁、瞒报、谎报事件 */
	FACT_REFUSED_COOPERATION,         /* 拒不配合调查处置 */
	FACT_NOTICE_UNRECTIFIED,          /* 通报问题未及时整改 */
	FACT_OBSTRUCTED_AUTHORITIES,      /* 阻碍或拒不支持公安、国家安全机关 */
	FACT_PROTECTION_SOFTWARE_MISSING, /* 未采取病毒防治措施、未安装防护软件 */
	FACT_LEGAL_OBLIGATION_VIOLATED,   /* 未履行法定义务、违法运行 */
	FACT_MAJOR_INCIDENT,              /* 发生重大网络安全事件 */
	FACT_MECHANISM_UNSOUND,           /* 工作机制不健全 */
	FACT_FUNDING_MISSING,             /* 经费不落实 */
	FACT_RESPONSIBILITY_UNCLEAR,      /* 责任不明确 */
	FACT_OTHER_SERIOUS,               /* 其他严重危害网络安全行为 */
	FACT_SUPERVISION_FAILED,          /* 行业主管监管部门监管不力 (central 第四条、第八条) */
	FACT_CAUSE_IMPACT_KNOWN,          /* 初报时原因、影响已查明 (2025 measures: else 续报) */
	FACT_ASSET_KIND,                  /* string: 资产类型 (asset_kind_code) */
	FACT_ASSET_CII,                   /* 关键信息基础设施 */
	FACT_ASSET_ADMIN_LEVEL,           /* string: 行政级别, e.g. "prefecture_or_above" */
	FACT_ASSET_PARTY_GOV_PORTAL,      /* 党政机关门户网站 */
	FACT_ASSET_KEY_NEWS_SITE,         /* 重点新闻网站 */
	FACT_ASSET_LARGE_PLATFORM,        /* 大型网络平台 */
	FACT_ASSET_IMPORTANT_SYSTEM,      /* 主要服务器、重要系统 */
	FACT_ASSET_IMPORTANT_INFRA,       /* 重要信息基础设施 */
	FACT__MAX
};

enum fact_type {
	FACT_BOOL,
	FACT_NUMBER,
	FACT_STRING,
	FACT_TYPE__MAX
};

/* Longest string value a fact holds, in bytes without the NUL (the register's admin_level
 * column allows 64). */
#define FACT_STRING_MAX 64

/* One fact's value. known false = UNKNOWN; otherwise the member of the fact's type holds it. */
struct fact_value {
	bool known;
	bool b;
	double num;
	char str[FACT_STRING_MAX + 1];
};

/* The values known about one case. Plain data: copy it, keep it on the stack. All-zero bytes
 * (`struct facts f = {0}`) are the same as facts_init: every fact unknown. */
struct facts {
	struct fact_value v[FACT__MAX];
};

/* facts_init makes every fact of f unknown. */
void facts_init(struct facts *f);

/* facts_set_bool / _number / _string record a known value of fact id in f, replacing any
 * earlier value. The string is copied. Errors (f unchanged): CD_EINVAL when id is not a fact,
 * is not of the setter's type, the number is NaN, the string is NULL or longer than
 * FACT_STRING_MAX bytes, or the fact has a closed vocabulary (asset.kind: the codes of
 * asset_kind_code, e.g. "portal") and the string is not one of it. */
enum cd_err facts_set_bool(struct facts *f, enum fact id, bool v);
enum cd_err facts_set_number(struct facts *f, enum fact id, double v);
enum cd_err facts_set_string(struct facts *f, enum fact id, const char *v);

/* facts_unset makes fact id unknown again (an id that is not a fact is ignored). */
void facts_unset(struct facts *f, enum fact id);

/* facts_known: fact id has a value in f (false for an id that is not a fact). */
bool facts_known(const struct facts *f, enum fact id);

/* fact_parse returns the fact named name ("tampered", "asset.kind"), or -1 when there is none.
 * fact_parse_n does the same for the n bytes at name (no NUL needed). Case-sensitive. */
int fact_parse(const char *name);
int fact_parse_n(const char *name, size_t n);

/* fact_suggest returns the fact name closest to the n bytes at s, for "did you mean"
 * ("tampred" → "tampered"), or NULL when none is close (names_nearest's rule). */
const char *fact_suggest(const char *s, size_t n);

/* fact_name gives the name used in conditions ("asset.kind"), fact_label a short Chinese label
 * ("资产类型"); both "?" for an id that is not a fact. fact_type gives the type of a fact
 * (FACT_BOOL for an id that is not a fact). */
const char *fact_name(enum fact id);
const char *fact_label(enum fact id);
enum fact_type fact_type(enum fact id);

/* fact_answer reads a person's answer v to fact id in the words they use: for a yes-or-no fact
 * 是 or true gives "true", 否 or false "false"; for any fact 不确定, unknown or "" gives ""
 * (unknown again). Any other v is returned as it is, for the fact's own check to judge. */
const char *fact_answer(enum fact id, const char *v);

/* fact_parse_label returns the fact named name or labelled so ("被攻击篡改"), or -1. */
int fact_parse_label(const char *name);

/* fact_type_name gives "bool", "number" or "string" ("?" when unknown). */
const char *fact_type_name(enum fact_type t);

/* fact_value_ok: the string v is an allowed value of the string fact id — any string for an
 * open vocabulary (asset.admin_level), one of the listed codes for a closed one (asset.kind).
 * n is v's length in bytes. False for a fact that is not a string. */
bool fact_value_ok(enum fact id, const char *v, size_t n);

/* fact_values lists the allowed values of a fact with a closed vocabulary, separated by ", "
 * ("portal, news_site, …"), or returns NULL for an open one. Static storage. */
const char *fact_values(enum fact id);

#endif
