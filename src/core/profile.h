/* profile.h — a policy profile as plain data: the roles, principles, numbers, recurring
 * duties, chain and accountability triggers of one policy document. Loaded from YAML by
 * src/profile/; read by every rule in core. Everything lives in the profile's arena. */
#ifndef CD_PROFILE_H
#define CD_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "date.h"
#include "reg.h"

/* Positions beyond the unit kinds in a unit-kind bit mask. */
#define PROFILE_AT_ROOT       UNIT__MAX       /* the top unit of the organisation */
#define PROFILE_AT_EVERY_UNIT (UNIT__MAX + 1) /* each department / centre */
#define PROFILE_AT__MAX       (UNIT__MAX + 2)

#define PROFILE_NUMBER_NONE (-1) /* the policy sets no number */

enum period {
	PERIOD_YEAR,
	PERIOD_HALF_YEAR,
	PERIOD_QUARTER,
	PERIOD_MONTH,
	PERIOD__MAX
};

/* What kind of record (evidence) fulfils a duty. */
enum record_kind {
	RECORD_MEETING,    /* 会议 */
	RECORD_DRILL,      /* 演练 */
	RECORD_TRAINING,   /* 培训 */
	RECORD_REPORT,     /* 报告 */
	RECORD_PLAN,       /* 计划 / 工作要点 */
	RECORD_ASSESSMENT, /* 检查考核 */
	RECORD_OTHER,      /* 其他 */
	RECORD__MAX
};

struct profile_role {
	enum role role;
	const char *name, *article;
	bool asset_scope; /* held for an asset rather than a unit */
	bool single;      /* at most one holder at a time */
	unsigned required_at; /* bit mask over unit kinds and PROFILE_AT_ROOT */
};

struct profile_principle {
	enum relation relation;
	const char *name, *article;
};

struct profile_duty {
	const char *id, *name, *article;
	int holder; /* a unit kind, PROFILE_AT_ROOT or PROFILE_AT_EVERY_UNIT */
	enum period every;
	int times;
	enum record_kind record; /* records of this kind fulfil it (RECORD_OTHER: only by duty id) */
};

struct profile_trigger {
	const char *id, *article, *text, *condition, *question;
	int line; /* line of the trigger in its file, for messages */
};

struct profile {
	struct arena *arena;
	const char *file; /* where it was loaded from (built-in: "profiles/ID.yaml") */
	const char *id, *name, *issuer, *level, *seed;
	int version;
	cd_date in_force;

	struct profile_role *roles;
	size_t nroles, caproles;
	struct profile_principle *principles;
	size_t nprinciples, capprinciples;

	struct {
		int rectify_workdays, repeat_window_months, paralysis_hours;
		int budget_ratio_percent, drills_per_year;
		/* rectify_workdays is the organisation's own default, set where the policy is
		 * silent (policy_profile_with), not the policy's */
		bool rectify_default;
		/* where each number is set; "" when the profile does not say */
		const char *rectify_article, *repeat_article, *budget_article;
		/* criticism (通报批评) proposed for a notice not handled as required (overdue or
		 * done late), under this article; "": the policy proposes none for it */
		const char *criticism_late_article;
		/* a request for technical support (请求技术支持) a notice's rectification may make to
		 * the notifying body, under this article (Yantai 五、整改落实); "": none named */
		const char *support_article;
	} numbers; /* PROFILE_NUMBER_NONE where the policy is silent */

	struct {
		const char *article;
		int filing_days, assess_months_level3, assess_months_level4;
	} mlps;

	struct profile_duty *duties;
	size_t nduties, capduties;

	/* Open readings of the policy, each a setting with its default (docs/profiles.md,
	 * "readings"). */
	struct {
		/* the organisation is a party or government organ: its portals are 党政机关门户网站
		 * unless recorded otherwise (default false) */
		bool party_gov_organ;
		/* minutes after detection within which every incident, 一般 included, is reported
		 * inside the organisation; PROFILE_NUMBER_NONE: no internal clock (the default) */
		int internal_report_minutes;
		/* where the policy sets no budget ratio: an IT project of an incident's answering
		 * units whose security budget is at most this share of its total counts as 经费不落实
		 * (the fact funding_missing, IMNU 第十四条（八）); PROFILE_NUMBER_NONE: not derived
		 * (the default); 0: a project with no security budget at all */
		int funding_floor_percent;
	} readings;

	struct {
		const char *article;
		enum role unit_roles[ROLE__MAX];
		size_t nunit_roles;
		int coordinator; /* unit kind, or -1 */
		/* where 逐级倒查 stops climbing: -1 the organisation's top (the default), else a unit
		 * kind — the first unit of that kind at or above the answering unit (the body that
		 * bears 主体责任 for it), else the top */
		int stop;
	} chain;

	struct {
		const char *article;
		unsigned main, important; /* bit masks over enum role */
	} collective;

	struct profile_trigger *triggers;
	size_t ntriggers, captriggers;

	const char *source; /* the YAML text it was loaded from */
	size_t source_len;
};

/* profile_free releases the profile and its arena. NULL is accepted. */
void profile_free(struct profile *p);

/* profile_role finds the profile's definition of role, or NULL when the policy has none. */
const struct profile_role *profile_role(const struct profile *p, enum role role);

/* profile_trigger finds a trigger by id ("8.1"), or NULL. */
const struct profile_trigger *profile_trigger(const struct profile *p, const char *id);

/* profile_duty finds a duty by id, or NULL. */
const struct profile_duty *profile_duty(const struct profile *p, const char *id);

/* record kind names: code ("meeting"), label ("会议"); parse accepts either, -1 when unknown. */
const char *record_kind_code(enum record_kind k);
const char *record_kind_label(enum record_kind k);
int record_kind_parse(const char *s);

/* period names: "year" "half_year" "quarter" "month"; parse returns -1 when unknown. */
const char *period_code(enum period p);
const char *period_label(enum period p);
int period_parse(const char *s);

#endif
