/* fact.c — the fact vocabulary table and the setters of struct facts (see fact.h). */
#include "fact.h"

#include <math.h>
#include <string.h>

#include "names.h"
#include "reg.h"

struct fact_def {
	const char *name;
	enum fact_type type;
	const char *label;
	const char *values; /* closed vocabulary, for messages; NULL = any string */
};

static const struct fact_def defs[FACT__MAX] = {
	[FACT_ATTACKED] = {"attacked", FACT_BOOL, "受到网络攻击", NULL},
	[FACT_TAMPERED] = {"tampered", FACT_BOOL, "被攻击篡改", NULL},
	[FACT_HARMFUL_INFO_SPREAD_WIDE] = {"harmful_info_spread_wide", FACT_BOOL,
					   "有害信息大面积扩散", NULL},
	[FACT_REPORTED_TIMELY] = {"reported_timely", FACT_BOOL, "及时报告", NULL},
	[FACT_HANDLED_TIMELY] = {"handled_timely", FACT_BOOL, "及时处置", NULL},
	[FACT_PARALYSIS_HOURS] = {"paralysis_hours", FACT_NUMBER, "瘫痪时长（小时）", NULL},
	[FACT_PARALYSED] = {"paralysed", FACT_BOOL, "瘫痪（中断）", NULL},
	[FACT_STATE_SECRET_LEAK] = {"state_secret_leak", FACT_BOOL, "国家秘密泄露", NULL},
	[FACT_IMPORTANT_DATA_LEAK] = {"important_data_leak", FACT_BOOL, "重要数据泄露", NULL},
	[FACT_PERSONAL_INFO_LEAK_LARGE] = {"personal_info_leak_large", FACT_BOOL,
					   "大面积个人信息泄露", NULL},
	[FACT_BASIC_DATA_LEAK_LARGE] = {"basic_data_leak_large", FACT_BOOL,
					"大量国家基础数据泄露", NULL},
	[FACT_SERIOUS_CONSEQUENCES] = {"serious_consequences", FACT_BOOL, "造成严重后果", NULL},
	[FACT_WIDE_IMPACT] = {"wide_impact", FACT_BOOL, "大面积影响工作、生活", NULL},
	[FACT_MAJOR_ECONOMIC_LOSS] = {"major_economic_loss", FACT_BOOL, "重大经济损失", NULL},
	[FACT_SEVERE_SOCIAL_IMPACT] = {"severe_social_impact", FACT_BOOL, "严重不良社会影响",
				       NULL},
	[FACT_CONCEALED] = {"concealed", FACT_BOOL, "封锁、瞒报事件", NULL},
	[FACT_REFUSED_COOPERATION] = {"refused_cooperation", FACT_BOOL, "拒不配合调查处置",
				      NULL},
	[FACT_NOTICE_UNRECTIFIED] = {"notice_unrectified", FACT_BOOL, "通报问题未及时整改",
				     NULL},
	[FACT_OBSTRUCTED_AUTHORITIES] = {"obstructed_authorities", FACT_BOOL,
					 "阻碍或拒不支持执法机关", NULL},
	[FACT_PROTECTION_SOFTWARE_MISSING] = {"protection_software_missing", FACT_BOOL,
					      "未安装防护软件", NULL},
	[FACT_LEGAL_OBLIGATION_VIOLATED] = {"legal_obligation_violated", FACT_BOOL,
					    "未履行法定义务、违法运行", NULL},
	[FACT_MAJOR_INCIDENT] = {"major_incident", FACT_BOOL, "发生重大网络安全事件", NULL},
	[FACT_MECHANISM_UNSOUND] = {"mechanism_unsound", FACT_BOOL, "工作机制不健全", NULL},
	[FACT_FUNDING_MISSING] = {"funding_missing", FACT_BOOL, "经费不落实", NULL},
	[FACT_RESPONSIBILITY_UNCLEAR] = {"responsibility_unclear", FACT_BOOL, "责任不明确",
					 NULL},
	[FACT_OTHER_SERIOUS] = {"other_serious", FACT_BOOL, "其他严重危害网络安全行为", NULL},
	[FACT_SUPERVISION_FAILED] = {"supervision_failed", FACT_BOOL, "监管部门监管不力", NULL},
	[FACT_CAUSE_IMPACT_KNOWN] = {"cause_impact_known", FACT_BOOL, "初报时原因和影响已查明", NULL},
	[FACT_ASSET_KIND] = {"asset.kind", FACT_STRING, "资产类型",
			     "portal, news_site, platform, publicity_platform, info_system, "
			     "server, infrastructure"},
	[FACT_ASSET_CII] = {"asset.cii", FACT_BOOL, "关键信息基础设施", NULL},
	[FACT_ASSET_ADMIN_LEVEL] = {"asset.admin_level", FACT_STRING, "行政级别", NULL},
	[FACT_ASSET_PARTY_GOV_PORTAL] = {"asset.party_gov_portal", FACT_BOOL, "党政机关门户网站",
					 NULL},
	[FACT_ASSET_KEY_NEWS_SITE] = {"asset.key_news_site", FACT_BOOL, "重点新闻网站", NULL},
	[FACT_ASSET_LARGE_PLATFORM] = {"asset.large_platform", FACT_BOOL, "大型网络平台", NULL},
	[FACT_ASSET_IMPORTANT_SYSTEM] = {"asset.important_system", FACT_BOOL,
					 "主要服务器、重要系统", NULL},
	[FACT_ASSET_IMPORTANT_INFRA] = {"asset.important_infrastructure", FACT_BOOL,
					"重要信息基础设施", NULL},
};

static bool valid(enum fact id)
{
	return (int)id >= 0 && id < FACT__MAX;
}

void facts_init(struct facts *f)
{
	memset(f, 0, sizeof(*f));
}

enum cd_err facts_set_bool(struct facts *f, enum fact id, bool v)
{
	if (!valid(id) || defs[id].type != FACT_BOOL)
		return CD_EINVAL;
	memset(&f->v[id], 0, sizeof(f->v[id]));
	f->v[id].known = true;
	f->v[id].b = v;
	return CD_OK;
}

enum cd_err facts_set_number(struct facts *f, enum fact id, double v)
{
	if (!valid(id) || defs[id].type != FACT_NUMBER || isnan(v))
		return CD_EINVAL;
	memset(&f->v[id], 0, sizeof(f->v[id]));
	f->v[id].known = true;
	f->v[id].num = v;
	return CD_OK;
}

enum cd_err facts_set_string(struct facts *f, enum fact id, const char *v)
{
	size_t n;

	if (!valid(id) || defs[id].type != FACT_STRING || !v)
		return CD_EINVAL;
	n = strnlen(v, FACT_STRING_MAX + 1);
	if (n > FACT_STRING_MAX || !fact_value_ok(id, v, n))
		return CD_EINVAL;
	memset(&f->v[id], 0, sizeof(f->v[id]));
	f->v[id].known = true;
	memcpy(f->v[id].str, v, n);
	return CD_OK;
}

void facts_unset(struct facts *f, enum fact id)
{
	if (valid(id))
		memset(&f->v[id], 0, sizeof(f->v[id]));
}

bool facts_known(const struct facts *f, enum fact id)
{
	return valid(id) && f->v[id].known;
}

int fact_parse_n(const char *name, size_t n)
{
	for (int i = 0; i < FACT__MAX; i++)
		if (strlen(defs[i].name) == n && !memcmp(defs[i].name, name, n))
			return i;
	return -1;
}

static const char *fact_word(int i)
{
	return defs[i].name;
}

const char *fact_suggest(const char *s, size_t n)
{
	return names_nearest(s, n, fact_word, FACT__MAX);
}

int fact_parse(const char *name)
{
	return name ? fact_parse_n(name, strlen(name)) : -1;
}

int fact_parse_label(const char *name)
{
	int k = fact_parse(name);

	for (int i = 0; k < 0 && name && i < FACT__MAX; i++)
		if (!strcmp(defs[i].label, name))
			k = i;
	return k;
}

const char *fact_answer(enum fact id, const char *v)
{
	if (!v || !strcmp(v, "不确定") || !strcmp(v, "unknown") || !strcmp(v, "未知"))
		return v ? "" : v;
	if (fact_type(id) != FACT_BOOL || !valid(id))
		return v;
	if (!strcmp(v, "是") || !strcmp(v, "true"))
		return "true";
	if (!strcmp(v, "否") || !strcmp(v, "false"))
		return "false";
	return v;
}

const char *fact_name(enum fact id)
{
	return valid(id) ? defs[id].name : "?";
}

const char *fact_label(enum fact id)
{
	return valid(id) ? defs[id].label : "?";
}

enum fact_type fact_type(enum fact id)
{
	return valid(id) ? defs[id].type : FACT_BOOL;
}

const char *fact_type_name(enum fact_type t)
{
	static const char *const names[FACT_TYPE__MAX] = {
		[FACT_BOOL] = "bool", [FACT_NUMBER] = "number", [FACT_STRING] = "string"};

	return (int)t >= 0 && t < FACT_TYPE__MAX ? names[t] : "?";
}

bool fact_value_ok(enum fact id, const char *v, size_t n)
{
	if (!valid(id) || defs[id].type != FACT_STRING)
		return false;
	if (id != FACT_ASSET_KIND)
		return true;
	for (int k = 0; k < ASSET__MAX; k++) {
		const char *code = asset_kind_code((enum asset_kind)k);

		if (strlen(code) == n && !memcmp(code, v, n))
			return true;
	}
	return false;
}

const char *fact_values(enum fact id)
{
	return valid(id) ? defs[id].values : NULL;
}
