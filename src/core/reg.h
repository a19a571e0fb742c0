/* reg.h — the responsibility register as plain data: units (a tree), people, duties (who
 * holds which role for which unit or asset, from when to when) and assets (information
 * systems and who answers for them). A struct reg is a snapshot the store fills and the
 * rules read; everything in it lives in its arena. Arrays are sorted by id. */
#ifndef CD_REG_H
#define CD_REG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"
#include "err.h"

enum unit_kind {
	UNIT_PARTY_COMMITTEE,      /* 党委（党组） */
	UNIT_LEADING_GROUP,        /* 网络安全和信息化领导小组 / 网信委 */
	UNIT_LEADING_GROUP_OFFICE, /* 领导小组办公室 / 网信委办公室 */
	UNIT_DEPARTMENT,           /* 部门 / 科室 / 院级单位 */
	UNIT_TECH_SUPPORT_CENTRE,  /* 技术支撑部门：信息中心、服务中心 */
	UNIT_EXTERNAL_AUTHORITY,   /* 外部机构：公安、网信、上级主管部门 */
	UNIT__MAX
};

enum role {
	ROLE_FIRST_RESPONSIBLE,  /* 第一责任人 */
	ROLE_DIRECT_RESPONSIBLE, /* 直接责任人 */
	ROLE_LEADERSHIP_MEMBER,  /* 领导班子其他成员（领导责任） */
	ROLE_PRINCIPAL,          /* 主要负责人 */
	ROLE_SECURITY_OFFICER,   /* 网络安全员 */
	ROLE_ASSET_CUSTODIAN,    /* 系统负责人 */
	ROLE__MAX
};

enum relation {
	REL_BUILDER,  /* 谁建设谁负责 */
	REL_USER,     /* 谁使用谁负责 */
	REL_MANAGER,  /* 谁主管（管理）谁负责 */
	REL_OPERATOR, /* 谁运维谁负责 */
	REL__MAX
};

enum asset_kind {
	ASSET_PORTAL,             /* 门户网站 */
	ASSET_NEWS_SITE,          /* 新闻网站 */
	ASSET_PLATFORM,           /* 网络平台 */
	ASSET_PUBLICITY_PLATFORM, /* 宣发平台（公众号、微博等） */
	ASSET_INFO_SYSTEM,        /* 信息系统 */
	ASSET_SERVER,             /* 服务器 */
	ASSET_INFRASTRUCTURE,     /* 信息基础设施（网络、机房、数据中心） */
	ASSET__MAX
};

enum asset_status {
	STATUS_PLANNED,  /* 规划 */
	STATUS_BUILDING, /* 建设中 */
	STATUS_LIVE,     /* 运行 */
	STATUS_RETIRED,  /* 下线 */
	STATUS__MAX
};

enum assess_result {
	ASSESS_NONE,  /* no assessment on record */
	ASSESS_PASS,  /* 符合 */
	ASSESS_BASIC, /* 基本符合 */
	ASSESS_FAIL,  /* 不符合 */
	ASSESS__MAX
};

struct unit {
	int64_t id;
	const char *code, *name;
	int64_t parent; /* 0 = a root */
	enum unit_kind kind;
};

struct person {
	int64_t id;
	const char *code, *name;
	int64_t unit; /* 0 = none recorded */
	const char *title, *phone, *email;
};

struct duty {
	int64_t id;
	enum role role;
	int64_t person;
	int64_t unit;  /* exactly one of unit and asset is non-zero */
	int64_t asset;
	cd_date from;  /* first day held */
	cd_date to;    /* last day held (inclusive); CD_DATE_NONE while it runs */
	const char *note;
};

/* The qualifiers of a system the policies speak of, each an attribute of the asset that a person
 * may record (yes or no) and that is otherwise derived (docs/incidents.md, "Qualifiers"). */
enum qualifier {
	QUAL_PARTY_GOV_PORTAL,          /* 党政机关门户网站 (central 第八条（一）（二）) */
	QUAL_KEY_NEWS_SITE,             /* 重点新闻网站 (central 第八条（一）（二）) */
	QUAL_LARGE_PLATFORM,            /* 大型网络平台 (central 第八条（一）) */
	QUAL_IMPORTANT_SYSTEM,          /* 主要服务器、重要系统 (Yantai 八（一）（二）（四）) */
	QUAL_IMPORTANT_INFRASTRUCTURE,  /* 重要信息基础设施 (IMNU 第十四条（四）) */
	QUAL__MAX
};

/* A recorded qualifier: not recorded (derived), no, yes. Zero is "not recorded". */
enum qual_value {
	QUAL_UNSET,
	QUAL_NO,
	QUAL_YES
};

struct asset {
	int64_t id;
	const char *code, *name;
	enum asset_kind kind;
	const char *url;            /* URL or host name */
	int64_t rel[REL__MAX];      /* answering unit per relation, 0 = none */
	const char *maintainer;     /* outside maintenance company */
	const char *software;       /* main software / platform, e.g. "WordPress 6"; NULL = unknown */
	int mlps_level;             /* 0 = not graded, 1-5 */
	cd_date graded_on;
	const char *filing_no;
	cd_date filed_on;
	cd_date assessed_on;        /* last MLPS assessment */
	enum assess_result assess_result;
	bool cii, internet_facing, personal_info, protection_installed;
	enum asset_status status;
	const char *admin_level;    /* e.g. "prefecture_or_above"; NULL when not applicable */
	unsigned char qual[QUAL__MAX]; /* enum qual_value per enum qualifier */
};

/* An IT project (信息化项目) with its budget, for the security-budget ratio rule. */
struct project {
	int64_t id;
	const char *code, *name;
	int64_t unit;            /* the unit that runs it, 0 = none recorded */
	int year;                /* budget year */
	int64_t total, security; /* budgets in yuan; 0 ≤ security ≤ total, total > 0 */
};

/* A hash index over the codes of one record array (built by reg_index). */
struct reg_codeidx {
	uint32_t *slot; /* record position + 1; 0 = empty */
	size_t cap;     /* power of two, 0 = no index */
	size_t n;       /* number of records indexed: stale once the array grows */
};

/* The duties in order of (unit, asset, role, position), as positions, so that reg_holders reads the few
 * duties of one cell rather than all of them. Built by the first reg_holders after duties were
 * added (reg_holders takes the register as const: the index lives outside it). */
struct reg_holderidx {
	uint32_t *pos;
	size_t n; /* number of duties indexed: stale once the array grows */
};

struct reg {
	struct arena *arena;
	struct reg_holderidx *holder_idx; /* NULL: no memory for it; reg_holders scans instead */
	struct unit *units;
	size_t nunits, capunits;
	struct person *people;
	size_t npeople, cappeople;
	struct duty *duties;
	size_t nduties, capduties;
	struct asset *assets;
	size_t nassets, capassets;
	struct project *projects;
	size_t nprojects, capprojects;
	struct reg_codeidx unit_idx, person_idx, asset_idx;
};

/* reg_new returns an empty register with its own arena, or NULL. Free with reg_free. */
struct reg *reg_new(void);
void reg_free(struct reg *r);

/* reg_add_* append a zeroed record and return it for the caller to fill (strings must be
 * arena copies: use arena_strdup(r->arena, …)), or NULL when out of memory. Ids must be
 * added in increasing order; the lookups below rely on it. */
struct unit *reg_add_unit(struct reg *r);
struct person *reg_add_person(struct reg *r);
struct duty *reg_add_duty(struct reg *r);
struct asset *reg_add_asset(struct reg *r);
struct project *reg_add_project(struct reg *r);

/* reg_reserve_assets makes room for n systems in all (a hint: the array is allocated once
 * instead of doubling its way there); false when that much cannot be had (nothing changed). */
bool reg_reserve_assets(struct reg *r, size_t n);

/* reg_by_id: the record with this id in base[0..n), records of sz bytes that start with their
 * int64_t id, sorted by id (binary search); NULL when absent. */
const void *reg_by_id(const void *base, size_t n, size_t sz, int64_t id);

/* Lookups by id (binary search) or code (linear); NULL when absent. Borrowed pointers. */
const struct unit *reg_unit(const struct reg *r, int64_t id);
const struct person *reg_person(const struct reg *r, int64_t id);
const struct asset *reg_asset(const struct reg *r, int64_t id);
const struct unit *reg_unit_by_code(const struct reg *r, const char *code);
const struct person *reg_person_by_code(const struct reg *r, const char *code);
const struct asset *reg_asset_by_code(const struct reg *r, const char *code);

/* reg_index builds hash indexes over the codes of units, people and assets so the *_by_code
 * lookups are O(1); records added afterwards make an index stale and the lookups fall back to a
 * scan until reg_index runs again. Returns CD_ECONFLICT when two records of one kind share a
 * code, with *dup (may be NULL) pointing at the later of the two; CD_ENOMEM. */
enum cd_err reg_index(struct reg *r, const void **dup);

/* reg_is_root: a unit with no parent that is not an external authority. */
bool reg_is_root(const struct unit *u);

#define REG_DEPTH_MAX 256 /* levels a unit tree is walked up at most (a cycle stops there) */

/* reg_in_subtree: unit lies in the subtree of `top` (top itself included) — the one test of
 * scope and of "above or at" in the tree; false for unit 0 or a unit the register lacks. */
bool reg_in_subtree(const struct reg *reg, int64_t unit, int64_t top);

/* duty_valid_on: the duty was held on day `on` (from ≤ on ≤ to). */
bool duty_valid_on(const struct duty *d, cd_date on);

/* reg_duty_check: the rule every duty keeps however it is written (created, its term ended or
 * its dates corrected): its last day is not before its first. CD_EINVAL with the message in d
 * and the field it concerns ("to") in *field. Two holders of a single-holder role at once are
 * not refused here: a handover is often recorded one side at a time, and `check` reports the
 * overlap as a gap until it is resolved. */
enum cd_err reg_duty_check(const struct duty *du, const char **field, struct cd_diag *d);

/* reg_project_check: a project's security budget is part of its total (0 ≤ security ≤ total).
 * CD_EINVAL with the message in d and the field ("security") in *field. */
enum cd_err reg_project_check(const struct project *p, const char **field, struct cd_diag *d);

/* reg_duties_at: the positions in r->duties of every duty of one unit (asset 0) or one asset
 * (unit 0), whatever the role, in order of role; *n of them. NULL (and *n = 0) when no index can
 * be built: the caller scans the duties instead. */
const uint32_t *reg_duties_at(const struct reg *r, int64_t unit, int64_t asset, size_t *n);

/* reg_holders fills out[0..max) with the duties of `role` held on day `on` for the unit
 * (unit != 0) or the asset (asset != 0), in order of valid_from, and returns how many there
 * are in all (which may exceed max). This is the core temporal query: "who was the first
 * responsible person of unit X on date D". */
size_t reg_holders(const struct reg *r, enum role role, int64_t unit, int64_t asset, cd_date on,
		   const struct duty **out, size_t max);

/* Names. *_code gives the English code ("department"), *_label the Chinese label ("部门").
 * *_parse accepts either (and a few synonyms), case-sensitive, and returns -1 when unknown. */
const char *unit_kind_code(enum unit_kind k);
const char *unit_kind_label(enum unit_kind k);
int unit_kind_parse(const char *s);
const char *role_code(enum role r);
const char *role_label(enum role r);
int role_parse(const char *s);
const char *relation_code(enum relation r);
const char *relation_label(enum relation r);
int relation_parse(const char *s);
const char *asset_kind_code(enum asset_kind k);
const char *asset_kind_label(enum asset_kind k);
int asset_kind_parse(const char *s);
const char *asset_status_code(enum asset_status s);
const char *asset_status_label(enum asset_status s);
int asset_status_parse(const char *s);
const char *qualifier_code(enum qualifier q);
const char *qualifier_label(enum qualifier q);
int qualifier_parse(const char *s);
const char *assess_result_code(enum assess_result a);
const char *assess_result_label(enum assess_result a);
int assess_result_parse(const char *s);

#endif
