/* assess.h — the yearly assessment (检查考核) of a unit, pure: an indicator template as data
 * (groups of indicators, each with a weight V, a rule that turns what is known into a score
 * P, and the evidence it needs; grade bands) and the scoring of one unit's values against it.
 * Every number is kept in hundredths (an int64 "centi-point"), so thresholds compare exactly:
 * 0.5 points is 50, 90 % is 9000 (hundredths of a percent). The rule kinds are those real
 * assessment sheets use (reference/assessment-documents-robots-databases.md §1, docs/assessment.md).
 * Templates are read by src/profile/assess_load.c; nothing here does I/O. */
#ifndef CD_ASSESS_H
#define CD_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How an indicator is scored. */
enum assess_rule {
	ASR_LEVEL,    /* qualitative: P is 1, 0.5 or 0 (given, or from steps on a count) */
	ASR_COVERAGE, /* a share n/d: P from thresholds on the percentage, or the share itself */
	ASR_PER_ITEM, /* per piece of evidence: n × per, capped at V */
	ASR_DEDUCT,   /* per event: V − n × per, down to zero (扣完为止) */
	ASR_BONUS,    /* n × per, capped at V, counted only when the base reaches bonus_base */
	ASR_VETO,     /* one-vote veto (一票否决): n > 0 gives the veto grade whatever the score */
	ASR__MAX
};

const char *assess_rule_code(enum assess_rule r); /* "level", "coverage", … */
int assess_rule_parse(const char *s);            /* → rule, -1 */

/* What an indicator measures: what cyberduty computes from its records (per unit — the unit and
 * the units under it — and year), or a value a person enters (manual). */
enum assess_measure {
	AM_MANUAL,               /* entered by a person, with evidence files */
	AM_MEETINGS,             /* count: meeting records of the year (专题会议) */
	AM_DRILLS,               /* count: drill records of the year (应急演练) */
	AM_TRAININGS,            /* count: training records of the year */
	AM_TRAINING_COVERAGE,    /* share: units of the subtree with a training record that year */
	AM_OFFICER_COVERAGE,     /* share: units of the subtree with a security officer named */
	AM_RESPONSIBLE_COVERAGE, /* share: units with a first responsible person or principal */
	AM_NOTICES_ON_TIME,      /* share: the year's notices answered (反馈) by their due date */
	AM_NOTICES_LATE,         /* count: the year's notices answered late or overdue */
	AM_INCIDENTS_ON_TIME,    /* share: the year's incidents first reported on time */
	AM_INCIDENTS_LATE,       /* count: the year's incidents reported late or overdue */
	AM_MLPS_FILED,           /* share: live systems of level ≥ 2 filed (备案) */
	AM_MLPS_ASSESSED,        /* share: live systems of level ≥ 3 assessed (测评) that year */
	AM_GAPS,                 /* count: the responsibility gaps of the subtree today */
	AM_BUDGET_RATIO,         /* share: security budget over the total of the year's projects */
	AM_ACCOUNTABILITY,       /* share: the year's incidents with a fired trigger that were decided */
	AM_MAJOR_INCIDENTS,      /* count: the year's incidents graded 重大 or 特别重大 */
	AM__MAX
};

const char *assess_measure_code(enum assess_measure m); /* "manual", "meetings", … */
int assess_measure_parse(const char *s);               /* → measure, -1 */
bool assess_measure_share(enum assess_measure m);      /* measures a share n/d, not a count */

/* A threshold: a measured value at or above `min` gives P = `p` (both in hundredths; for a
 * share `min` is hundredths of a percent: 9000 = 90 %). Steps are kept highest first. */
struct assess_step {
	int64_t min, p;
};

struct assess_indicator {
	const char *code, *name;
	size_t group;                  /* index into the template's groups */
	enum assess_rule rule;
	enum assess_measure measure;
	int64_t weight;                /* V, hundredths; 0 for a veto */
	int64_t per;                   /* points per item or event (per_item, deduct, bonus) */
	const struct assess_step *steps; /* level on a count, coverage: highest first */
	size_t nsteps;
	bool proportional;             /* coverage: P is the share itself (no steps) */
	const char *evidence;          /* the evidence it needs (证明材料) */
	const char *basis;             /* the article or the source of the indicator */
	int line;                      /* in the template file, for messages */
};

struct assess_group {
	const char *code, *name;
};

/* A grade band: a total at or above `min` (hundredths) earns it. Kept highest first; the last
 * has min 0. */
struct assess_grade {
	const char *code, *label; /* "excellent", "优秀" */
	int64_t min;
};

struct assess_template {
	const char *id, *profile, *title, *source;
	int64_t full;        /* what the weights of the scored indicators add up to (100.00) */
	int64_t bonus_base;  /* bonuses count only when the base score reaches this */
	size_t veto_grade;   /* the band a veto gives (the lowest) */
	const struct assess_group *groups;
	size_t ngroups;
	const struct assess_indicator *ind;
	size_t nind;
	const struct assess_grade *grades;
	size_t ngrades;
};

/* assess_find: the index of indicator `code`, or -1. */
int assess_find(const struct assess_template *t, const char *code);

/* One indicator's value for one unit and year. */
enum assess_vkind {
	AV_NONE,  /* nothing known yet: scores 0, counted as missing (a bonus or veto: none) */
	AV_COUNT, /* n items or events */
	AV_SHARE, /* n of d (d 0: nothing to cover — full marks) */
	AV_LEVEL, /* a person's P for a qualitative indicator: n is 0, 50 or 100 */
};

struct assess_value {
	enum assess_vkind kind;
	int64_t n, d;
	bool exempt; /* 免责 with its reason (kept by the caller): full marks, no veto, no bonus */
};

/* assess_value_check: v is a value rule r of measure m takes ("a count", "a level of 1, 0.5
 * or 0", …); NULL when it is, else what is expected (a static text). */
const char *assess_value_check(const struct assess_indicator *i, const struct assess_value *v);

struct assess_item {
	int64_t p;       /* P in hundredths (level and coverage); else 100 when scored */
	int64_t score;   /* hundredths */
	bool missing;    /* a scored indicator with no value, not exempt */
	bool vetoed;     /* a veto item that fired */
	bool exempt;
};

struct assess_total {
	int64_t base;       /* the sum of the scored (not bonus, not veto) indicators */
	int64_t bonus;      /* the bonuses earned */
	bool bonus_counted; /* base ≥ bonus_base */
	int64_t total;      /* base, plus the bonus when counted */
	bool vetoed;        /* a veto item fired: the grade is the veto grade whatever the total */
	size_t grade;       /* index into the template's grades */
	size_t missing;     /* indicators without a value */
};

/* assess_score scores values v[0..t->nind) into items[0..t->nind) and *res. */
void assess_score(const struct assess_template *t, const struct assess_value *v,
		  struct assess_item *items, struct assess_total *res);

/* The cycle of a unit's sheet, in order: 自评 (the unit fills it in and submits) → 复评 (the
 * office reviews) → 审定 (the leading group approves; frozen). */
enum assess_stage { AST_DRAFT, AST_SUBMITTED, AST_REVIEWED, AST_APPROVED, AST__MAX };

const char *assess_stage_code(enum assess_stage s);  /* "draft", … "approved" */
const char *assess_stage_label(enum assess_stage s); /* 自评中, 待复评, 待审定, 已审定 */
int assess_stage_parse(const char *s);               /* → stage, -1 */

/* assess_fmt writes hundredths as points ("92.5", "-3", "0.05") into buf[n]; returns buf. */
const char *assess_fmt(int64_t v, char *buf, size_t n);

#endif
