/* incident.h — security incidents and the accountability engine (docs/incidents.md): the
 * incident record folded from its append-only timeline, the grade proposed from the grading
 * thresholds (data), the reporting deadlines, the facts derived from the record and the register,
 * the verdict of every accountability trigger of the profile and the chain of responsibility
 * (逐级倒查) at the time of the incident. Pure rules over plain data: nothing is decided here, every
 * proposal carries its evidence. */
#ifndef CD_INCIDENT_H
#define CD_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "calendar.h"
#include "check.h"
#include "cond.h"
#include "date.h"
#include "err.h"
#include "fact.h"
#include "notice.h"
#include "profile.h"
#include "reg.h"

/* Incident grades (国家网络安全事件应急预案), in increasing severity. */
enum grade {
	GRADE_GENERAL,           /* 一般（IV 级，蓝色） */
	GRADE_LARGER,            /* 较大（III 级，黄色） */
	GRADE_MAJOR,             /* 重大（II 级，橙色） */
	GRADE_ESPECIALLY_MAJOR,  /* 特别重大（I 级，红色） */
	GRADE__MAX
};

/* Who reports (国家网络安全事件报告管理办法): the deadline depends on it. */
enum reporter {
	REPORTER_CII,           /* 关键信息基础设施运营者 */
	REPORTER_CENTRAL_ORGAN, /* 中央和国家机关及其直属单位 */
	REPORTER_OTHER,         /* 其他网络运营者 */
	REPORTER__MAX
};

/* Where the reporter type of an incident comes from, strongest first: a system of the incident
 * marked CII in the register makes it a CII operator's report whatever else is said; else what
 * was recorded on the incident; else the organisation's own setting; else the default (other,
 * with a warning). */
enum reporter_basis {
	REPORTER_BY_ASSET_CII,     /* a system of the incident is CII in the register */
	REPORTER_BY_INCIDENT,      /* recorded on the incident */
	REPORTER_BY_ORGANISATION,  /* the organisation's reporter type (a setting) */
	REPORTER_BY_DEFAULT,       /* nothing known: other, warned */
	REPORTER_BASIS__MAX
};

enum report_kind {
	REPORT_INITIAL,       /* 初报 */
	REPORT_SUPPLEMENTARY, /* 续报 */
	REPORT_SUMMARY,       /* 总结报告 */
	REPORT_INTERNAL,      /* 内部报告: to the organisation itself (IMNU 第十一条（四）、第十三条) */
	REPORT__MAX
};

/* How much of the system was out. */
enum outage_scope {
	OUTAGE_TOTAL,          /* 整体中断 / 无法访问 */
	OUTAGE_MAIN_FUNCTIONS, /* 主要功能中断 */
	OUTAGE__MAX
};

/* Quantities the grading thresholds are written in. The outage hours are derived from the
 * outage times; the others are recorded. */
enum measure {
	MEASURE_OUTAGE_HOURS,          /* 中断时长（小时），由中断起止时间得出 */
	MEASURE_PERSONAL_INFO_PEOPLE,  /* 个人信息泄露涉及人数 */
	MEASURE_DIRECT_LOSS_YUAN,      /* 直接经济损失（元） */
	MEASURE_TAMPER_HOMEPAGE_HOURS, /* 篡改内容在首页展示时长（小时） */
	MEASURE_TAMPER_OTHER_HOURS,    /* 篡改内容在其他页面展示时长（小时） */
	MEASURE_REPOSTS,               /* 违法有害信息转发量 */
	MEASURE_VIEWS,                 /* 违法有害信息浏览量 */
	MEASURE_CORE_DATA_LEAK,        /* 1 = 核心或重要数据泄露且威胁特别严重 */
	MEASURE__MAX
};

/* One grading threshold (data/incident-grades.json): the grade holds when the measure reaches
 * min ("以上" includes the figure) for an asset that matches. */
struct grade_threshold {
	enum grade grade;
	enum measure measure;
	double min;
	unsigned kinds;              /* bit mask over enum asset_kind; 0 = any */
	const char **admin_levels;   /* the asset's admin_level must be one of them; none = any */
	size_t nadmin_levels;
	bool cii;                    /* only for critical information infrastructure */
	int scope;                   /* enum outage_scope the outage must have, or -1 = any */
	bool confirmed;              /* false: a draft figure, a setting with a default */
	const char *text;            /* one line, Chinese */
};

/* The grading and reporting rules (data/incident-grades.json), loaded by src/io/. */
struct grade_rules {
	struct grade_threshold *t;
	size_t n;
	enum grade report_from;          /* grades from this one up must be reported */
	int report_minutes[REPORTER__MAX]; /* after detection */
	int summary_days;                /* after handling ends */
	const char *source;
};

/* An incident class of GB/T 20986-2023 (data/incident-classes.json). */
struct incident_class {
	const char *code, *name;
	bool confirmed;           /* false: the probable name, not checked against the standard */
	int attack;               /* 1: an incident of the class is an attack, 0: it is not, -1: the
				   * class does not settle it (a person answers `attacked`) */
	const char **subclasses;  /* none listed: a subclass is free text */
	size_t nsubclasses;
};

struct incident_classes {
	struct incident_class *v;
	size_t n;
	const char *source;
	const char *attack_about; /* where the attack column comes from */
};

/* incident_class_find finds a class by code or name, or NULL. */
const struct incident_class *incident_class_find(const struct incident_classes *c, const char *s);

/* What a person recorded about the incident, folded from its timeline by incident_apply. */
#define INCIDENT_PEOPLE_MAX 64
#define INCIDENT_ASSETS_MAX 64

struct incident_report {
	enum report_kind kind;
	cd_time at;
	const char *to; /* to whom */
};

enum incident_event_kind {
	IEV_SET,         /* name = field (occurred_at, outage_start, …), value */
	IEV_FACT,        /* name = fact, value ("" = unknown again), note = how it is known */
	IEV_MEASURE,     /* name = measure, value = number ("" = unknown again) */
	IEV_PERSON,      /* person = a person involved (当事人) */
	IEV_PARTICIPANT, /* person = a leadership member who took part in the decision */
	IEV_REPORT,      /* name = report kind, value = to whom, at = when reported */
	IEV_STEP,        /* note = a handling step taken at `at` */
	IEV_GRADE,       /* value = grade confirmed or overridden, note = the reason */
	IEV_CLOSE,       /* handling ended at `at` */
	IEV_PROPOSE,     /* note = the accountability proposal as proposed (a snapshot) */
	IEV_RECOMMEND,   /* note = the recommendation (问责建议) text */
	IEV_DECIDE,      /* person, value = outcome, name = authority, at = decision date */
	IEV__MAX
};

struct incident_event {
	enum incident_event_kind kind;
	cd_time at;          /* when it happened */
	cd_time recorded_at; /* when it was appended (the store sets it) */
	const char *by;      /* who recorded it */
	const char *name, *value, *note;
	int64_t person;
};

struct incident {
	int64_t id;
	const char *code, *title;
	int64_t unit;            /* the unit that records it, 0 = none */
	int64_t *assets;         /* the systems it happened to (at least one) */
	size_t nassets;
	cd_time detected_at;

	/* Folded from the events. */
	cd_time occurred_at, outage_start, outage_end;
	enum outage_scope outage_scope;
	enum reporter reporter;
	bool reporter_set;
	const char *class_code, *subclass;
	struct facts facts;                 /* facts a person recorded */
	const char *fact_note[FACT__MAX];
	double measure[MEASURE__MAX];
	bool measure_known[MEASURE__MAX];
	int64_t involved[INCIDENT_PEOPLE_MAX];
	size_t ninvolved;
	int64_t participants[INCIDENT_PEOPLE_MAX];
	size_t nparticipants;
	bool coordination_failed;
	struct incident_report *reports; /* in the order recorded */
	size_t nreports, capreports;
	bool graded;                     /* a person confirmed or overrode the grade */
	enum grade grade;
	const char *grade_reason, *grade_by;
	cd_time handling_ended_at;
	size_t nproposals, nrecommendations, ndecisions;

	struct incident_event *events;  /* the timeline, in the order recorded */
	size_t nevents;
};

/* incident_init zeroes x with every time "none". */
void incident_init(struct incident *x);

/* incident_apply checks event e against the record and folds it in; a (the incident's arena)
 * holds the list of reports. Rules: times not before detection (occurred_at: not after it);
 * the outage ends after it starts; a fact or measure by its vocabulary and type; a person once;
 * nothing but reports, grading and the accountability steps after handling ended; a decision
 * only after a proposal. CD_EINVAL with a message (x unchanged), CD_ENOMEM. */
enum cd_err incident_apply(struct incident *x, const struct incident_event *e, struct arena *a,
			   struct cd_diag *d);

/* incident_fold resets the folded fields and applies x->events in order. */
enum cd_err incident_fold(struct incident *x, struct arena *a, struct cd_diag *d);

/* incident_set_field parses value into the named field of x (occurred_at, outage_start,
 * outage_end, outage_scope, reporter, class, subclass, coordination_failed) — the one
 * vocabulary of IEV_SET. CD_EINVAL naming the field when it is unknown or the value malformed. */
enum cd_err incident_set_field(struct incident *x, const char *name, const char *value,
			       struct cd_diag *d);

/* incident_field_names lists the IEV_SET fields, ", "-separated. */
const char *incident_field_names(void);

/* The grade proposed from the measures: the highest grade a threshold holds for. */
#define GRADE_MET_MAX 16
struct grade_proposal {
	enum grade grade;
	const struct grade_threshold *met[GRADE_MET_MAX]; /* thresholds of `grade` that hold */
	size_t nmet;
	bool unconfirmed;    /* every threshold met for `grade` is a draft figure */
	int unknown[MEASURE__MAX]; /* measures not recorded that a higher grade depends on */
	size_t nunknown;
};

/* grade_propose fills *out for incident x on asset a (the most severe of its assets is the
 * caller's: it proposes per asset and keeps the highest). */
void grade_propose(const struct grade_rules *r, const struct incident *x, const struct asset *a,
		   cd_time at, struct grade_proposal *out);

/* Where the 续报 (supplementary report) of the 2025 measures stands: owed when cause or impact
 * was not known at the first report. */
enum followup_state {
	FOLLOWUP_NOT_REQUIRED, /* no report required */
	FOLLOWUP_NO_INITIAL,   /* no first report yet */
	FOLLOWUP_NOT_NEEDED,   /* cause and impact were known at the first report */
	FOLLOWUP_OPEN,         /* owed: they were not, and none is made yet */
	FOLLOWUP_ASK,          /* nobody said whether they were known (cause_impact_known) */
	FOLLOWUP_DONE,         /* a supplementary report was made */
	FOLLOWUP__MAX
};
const char *followup_state_code(enum followup_state s);

/* What the engine says about an incident. */
enum fact_origin {
	ORIGIN_UNKNOWN,  /* nobody knows: a person must answer */
	ORIGIN_RECORDED, /* a person recorded it */
	ORIGIN_DERIVED,  /* the data tells (why[] says how) */
	ORIGIN__MAX
};

enum responsibility {
	RESP_PARTY_INVOLVED,       /* 当事人 */
	RESP_DIRECT,               /* 直接责任 */
	RESP_LEADERSHIP,           /* 领导责任 */
	RESP_MAIN_LEADERSHIP,      /* 主要领导责任（集体责任） */
	RESP_IMPORTANT_LEADERSHIP, /* 重要领导责任（集体责任） */
	RESP_COORDINATION,         /* 协调监管不力 */
	RESP__MAX
};

#define CHAIN_NO_ROLE (-1)

struct chain_link {
	int64_t person;  /* 0 when vacant */
	int64_t unit;    /* the unit the role is held for (party involved: the person's unit) */
	int role;        /* enum role, or CHAIN_NO_ROLE for a person involved */
	enum responsibility resp;
	bool vacant;     /* a role the profile requires there had no holder on that day */
	int64_t answering; /* the answering unit whose walk found it (0: involved, coordination) */
	const char *why; /* why this step is in the chain (the rule and its article), in the arena */
};

struct trigger_verdict {
	const struct profile_trigger *t;
	struct cond_result r;
};

#define INCIDENT_WHY_MAX 160
#define INCIDENT_WARN_MAX 8

struct incident_analysis {
	struct grade_proposal proposal;
	enum grade grade;          /* the confirmed grade, else the proposal */
	bool report_required;
	enum reporter reporter;    /* who reports, which sets report_due */
	enum reporter_basis reporter_basis;
	char reporter_why[INCIDENT_WHY_MAX];
	cd_time report_due;        /* CD_TIME_NONE when not required */
	cd_time reported_at;       /* the first report, or CD_TIME_NONE */
	enum due_state report_state;
	cd_time internal_due;      /* the profile's internal reporting clock (every grade), or NONE */
	cd_time internal_at;       /* the first internal report, or CD_TIME_NONE */
	enum due_state internal_state;
	cd_time followup_at;       /* the first 续报 (supplementary report), or CD_TIME_NONE */
	enum followup_state followup_state;
	cd_date summary_due;       /* CD_DATE_NONE until handling ends (or none required) */
	cd_time summary_at;        /* the first summary report, or CD_TIME_NONE */
	enum due_state summary_state;
	bool paralysis_known;
	double paralysis_hours;

	struct facts facts;        /* recorded and derived */
	enum fact_origin origin[FACT__MAX];
	char why[FACT__MAX][INCIDENT_WHY_MAX]; /* how a derived fact was found (the engine's English) */
	const char *why_text[FACT__MAX]; /* the same in the reader's language (lang.h; the analysis's
					  * arena), NULL where it reads as why */
	int conflict[FACT__MAX];   /* 1: a person recorded another value than the data gives */
	size_t nconflicts;

	struct trigger_verdict *triggers; /* one per profile trigger, in profile order */
	size_t ntriggers, nfired, nopen;
	struct chain_link *chain;
	size_t nchain, nvacant;

	const struct asset_event *repeat_of; /* the earlier notice or incident within the window */
	bool criticism;
	const char *warnings[INCIDENT_WARN_MAX];
	size_t nwarnings;
};

/* What the analysis reads besides the incident. */
struct incident_env {
	const struct profile *p;
	const struct grade_rules *rules;
	const struct reg *reg;
	const struct calendar *cal;
	const struct cond **conds;             /* p's trigger conditions (cond_parse_profile) */
	const struct notice *notices;          /* folded, for notice_unrectified */
	size_t nnotices;
	const struct asset_event *events;      /* earlier notices and incidents, for repeats */
	size_t nevents;
	const struct incident *incidents;      /* for the codes of repeats whose event has none */
	size_t nincidents;
	const struct incident_classes *classes; /* for `attacked` from the class; NULL = none */
	bool org_reporter_set;                  /* the organisation says what reporter it is */
	enum reporter org_reporter;
};

/* incident_analyse computes everything the engine says about x at instant `at`: the grade,
 * deadlines and states, facts (recorded, then derived where the data tells), trigger verdicts,
 * the chain at x's detection and the repeat. Everything it allocates is in a. CD_ENOMEM. */
enum cd_err incident_analyse(const struct incident_env *env, const struct incident *x, cd_time at,
			     struct arena *a, struct incident_analysis *out);

/* incident_instant_state: the state at `at` of a report due at instant `due` and made at `done`
 * (CD_TIME_NONE: not yet) — the report state of an analysis, also derived from a kept verdict. */
enum due_state incident_instant_state(cd_time due, cd_time done, cd_time at);

/* incident_analyse_line computes what a line of a list shows — the grade, the deadlines and their
 * states, the facts and the trigger verdicts — as incident_analyse does, without the chain
 * (nchain 0) and the repeat (repeat_of NULL, criticism false), which the verdicts do not read:
 * env->events may be empty. CD_ENOMEM. */
enum cd_err incident_analyse_line(const struct incident_env *env, const struct incident *x,
				  cd_time at, struct arena *a, struct incident_analysis *out);

/* incident_fact_text writes "paralysis_hours = 6.5" into buf. */
char *incident_fact_text(const struct facts *f, enum fact id, char *buf, size_t n);

/* incident_fact_label writes fact id as a person reads it in language lg: in Chinese its label
 * and the value's ("被攻击篡改：是", "瘫痪时长（小时）：6.5", "信息系统类型：新闻网站"), in English
 * incident_fact_text's engine words. */
char *incident_fact_label(const struct facts *f, enum fact id, enum lang lg, char *buf, size_t n);

/* incident_recommend writes the recommendation (问责建议) for analysis an of x into a new
 * string in a: the triggers fired with their articles, the chain with each person's
 * responsibility, criticism when it is a repeat, and the open questions. NULL on ENOMEM. */
char *incident_recommend(const struct incident_env *env, const struct incident *x,
			 const struct incident_analysis *an, struct arena *a);

/* asset_repeat: the first of ev[0..nev) that concerns one of assets[0..nassets), happened before
 * `at` and on or after the same calendar day window_months earlier (CST dates) — notice_repeat
 * for any record. Events of notice `self_notice` or incident `self_incident` (0 = none) are
 * skipped. NULL when none or window_months < 0. */
const struct asset_event *asset_repeat(const int64_t *assets, size_t nassets, cd_time at,
				       int64_t self_notice, int64_t self_incident, int window_months,
				       const struct asset_event *ev, size_t nev);

/* Names. grade_code: "especially_major" "major" "larger" "general"; grade_label: 特别重大 …
 * grade_parse accepts either; -1 when unknown. */
const char *grade_code(enum grade g);
const char *grade_label(enum grade g);
int grade_parse(const char *s);
const char *reporter_code(enum reporter r);
const char *reporter_label(enum reporter r);
int reporter_parse(const char *s);
const char *report_kind_code(enum report_kind k);
const char *report_kind_label(enum report_kind k);
int report_kind_parse(const char *s);
const char *outage_scope_code(enum outage_scope s);
const char *outage_scope_label(enum outage_scope s);
int outage_scope_parse(const char *s);
const char *measure_code(enum measure m);
const char *measure_label(enum measure m);
int measure_parse(const char *s);
/* measure_suggest: the measure code closest to s, for "did you mean"; NULL when none is close. */
const char *measure_suggest(const char *s);
const char *responsibility_code(enum responsibility r);
const char *responsibility_label(enum responsibility r);
int responsibility_parse(const char *s);
const char *incident_event_code(enum incident_event_kind k);
const char *incident_event_label(enum incident_event_kind k);
int incident_event_parse(const char *s);
const char *fact_origin_code(enum fact_origin o);
const char *fact_origin_label(enum fact_origin o);
const char *reporter_basis_code(enum reporter_basis b);

/* The accountability case (责任追究) of an incident: how far it has come, from its folded
 * timeline (a pure rule; svc/accountability.h writes the proposal). */

enum case_stage {
	CASE_NONE,        /* 未提议: nothing proposed yet */
	CASE_PROPOSED,    /* 已提议: the engine's proposal is on record */
	CASE_RECOMMENDED, /* 已提出问责建议 */
	CASE_DECIDED,     /* 已作出决定 */
	CASE__MAX
};

/* accountability_stage: how far x's case has come. */
enum case_stage accountability_stage(const struct incident *x);

/* What a line of the incidents list shows of an incident's folded timeline besides its record:
 * whether a person confirmed the grade, whether handling ended, how far its case has come. The
 * kept verdict holds them too (schema 0047), so that a line read from it reads no timeline. */
struct incident_line {
	bool graded, ended;
	enum case_stage stage;
};

/* accountability_line: x's line facts, from its folded timeline. */
struct incident_line accountability_line(const struct incident *x);

/* accountability_stage_code gives "none", "proposed", "recommended", "decided";
 * accountability_stage_label the Chinese label; "?" for anything else. */
const char *accountability_stage_code(enum case_stage s);
const char *accountability_stage_label(enum case_stage s);

#endif
