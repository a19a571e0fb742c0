/* notice.h — official notices (通报) and their closed loop: receipt → rectification → feedback
 * → verification. Pure rules over plain data: the due date in working days, the state at any
 * instant, the repeat-within-window test and the 举一反三 list of similar systems. The store
 * keeps notices as an append-only list of events; notice_apply folds them into a struct notice. */
#ifndef CD_NOTICE_H
#define CD_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "date.h"
#include "err.h"
#include "profile.h"
#include "reg.h"

/* Where a notice stands in its lifecycle (what has been done), in order. */
enum notice_stage {
	STAGE_RECEIVED,   /* 已接收 */
	STAGE_RECTIFYING, /* 整改中 */
	STAGE_RECTIFIED,  /* 已整改 */
	STAGE_FEEDBACK,   /* 已反馈 */
	STAGE_VERIFIED,   /* 已核查（闭环） */
	STAGE__MAX
};

/* Where a dated duty stands against its deadline at a given instant. Notices, obligations
 * and (later) incident reports share it. */
enum due_state {
	DUE_OPEN,         /* not done, deadline not reached */
	DUE_TODAY,        /* not done, the deadline is today (ends 24:00) */
	DUE_OVERDUE,      /* not done, the deadline has passed */
	DUE_DONE_ON_TIME, /* done by 24:00 of the due date */
	DUE_DONE_LATE,    /* done after it */
	DUE_NO_DEADLINE,  /* not done, and nothing sets a deadline */
	DUE__MAX
};

/* Events of a notice's timeline. */
enum notice_event_kind {
	NEV_START,    /* 开始整改 */
	NEV_RECTIFY,  /* 整改完成 */
	NEV_FEEDBACK, /* 反馈通报部门 */
	NEV_VERIFY,   /* 核查通过 */
	NEV_SUPPORT,  /* 申请技术支持 (recorded; the clock runs on) */
	NEV_EXTEND,   /* 同意延期 (new due date, reason, who granted) */
	NEV_APPROVE,  /* 单位负责人审批: the unit leader approves the feedback before it is sent
		       * (请示报告, IMNU 第十二条（三）); between rectification and feedback */
	NEV__MAX
};

struct notice_event {
	enum notice_event_kind kind;
	cd_time at;
	const char *by;     /* who did or granted it (free text or a person code) */
	const char *note;   /* what was done; for NEV_EXTEND the reason */
	cd_date extended_to; /* NEV_EXTEND only */
};

/* A similar system to check (举一反三), fixed when the notice is received. */
struct notice_check {
	int64_t asset;
	unsigned why;       /* SIMILAR_* bits */
	cd_time checked_at; /* CD_TIME_NONE until checked */
	const char *checked_by;
	const char *note;   /* what the check found, or NULL */
};

struct notice {
	int64_t id;
	const char *code;      /* the notice's own number (文号), unique */
	const char *authority; /* issuing authority */
	const char *category, *text, *attachment;
	cd_time received_at;
	int64_t unit;          /* unit it was addressed to / concerns, 0 = none */
	int64_t *assets;       /* assets it concerns */
	size_t nassets;
	cd_date stated_due;    /* a due date the notice itself sets, or CD_DATE_NONE */

	/* Folded from the events by notice_apply: the last time of each step, or CD_TIME_NONE. */
	enum notice_stage stage;
	cd_time started_at, rectified_at, feedback_at, verified_at, support_at;
	cd_time approved_at;   /* the unit leader's approval of the feedback (NEV_APPROVE) */
	const char *approved_by;
	cd_date extended_to;   /* the latest extension, or CD_DATE_NONE */
	const char *extended_by, *extension_reason;

	struct notice_event *events; /* the timeline in the order it was recorded */
	size_t nevents;
	struct notice_check *similar;
	size_t nsimilar;
	size_t similar_total;  /* similar systems in all when received; the list keeps the
				* strongest NOTICE_SIMILAR_MAX (store_work.h) */
};

/* notice_init zeroes n with every time and date "none". */
void notice_init(struct notice *n);

/* notice_apply checks that event e may follow the notice's current stage and folds it in.
 * Rules: steps go forward in order (start → rectify → feedback → verify; a step may skip
 * "start"); no step before receipt or before the previous step; the unit leader's approval
 * only once rectified and before feedback (feedback does not require it: records made before
 * the step existed have none, and the view warns); support and extension are
 * allowed until feedback is sent, an extension must be later than the current due date (when
 * there is none, not before the day of receipt).
 * CD_EINVAL with a message when refused (n unchanged). */
enum cd_err notice_apply(struct notice *n, const struct notice_event *e, cd_date current_due,
			 struct cd_diag *d);

struct notice_due;

/* notice_fold resets the folded fields and applies n->events in order (what the store keeps).
 * CD_EINVAL when the timeline breaks a rule of notice_apply (a damaged database). */
enum cd_err notice_fold(struct notice *n, const struct profile *p, const struct calendar *cal,
			struct cd_diag *d);

/* The deadline of a notice. */
struct notice_due {
	cd_date due;     /* CD_DATE_NONE when nothing sets one */
	bool estimated;  /* counted through a year without an official calendar */
	bool extended;   /* due comes from an extension */
	bool stated;     /* due comes from the notice's own date */
	bool defaulted;  /* due comes from the organisation's own default period, the policy
			  * setting none */
};

/* notice_due: an extension wins, then the notice's own stated date, then the profile's working
 * days counted from the day of receipt (CST) with the Civil Code convention. */
struct notice_due notice_due(const struct notice *n, const struct profile *p,
			     const struct calendar *cal);

/* due_state_at: the state of something due at 24:00 (CST) of `due` and done at `done`
 * (CD_TIME_NONE when not done, or done after `at`), seen at instant `at`. */
enum due_state due_state_at(cd_date due, cd_time done, cd_time at);

/* notice_state: due_state_at with the notice's feedback as "done" (rectification alone does not
 * stop the clock). */
enum due_state notice_state(const struct notice *n, const struct notice_due *due, cd_time at);

/* Grounds for proposing criticism (通报批评) of a notice (Yantai 五、整改落实: "对于未按要求处置或3个
 * 月内同一系统再次发生安全事件的，将进行通报批评"). */
#define NOTICE_CRITICISM_LATE   1u /* not rectified and answered as required: overdue or done late,
				    * under a profile with numbers.criticism_late_article */
#define NOTICE_CRITICISM_REPEAT 2u /* the same system again within the repeat window */

/* notice_criticism: the grounds (a bit set, 0 none) for a notice in state st under p, repeat
 * when it repeats an earlier problem of the same system within p's window. */
unsigned notice_criticism(const struct profile *p, enum due_state st, bool repeat);

/* notice_stage_at: the stage notice n had reached at instant `at` — its steps up to then (a
 * folded notice's `stage` is the stage after all of them). */
enum notice_stage notice_stage_at(const struct notice *n, cd_time at);

/* notice_support_in_period: the request for technical support (请求技术支持) was made while the
 * rectification period ran — before 24:00 CST of the due date (Yantai 五、整改落实: "整改确有困难
 * 的，可向通报部门请求技术支持"). The request does not stop the clock: the notice is still due
 * then; a request after the due date is one made late. With no due date any request is in the
 * period; false when none was made (n->support_at is CD_TIME_NONE). */
bool notice_support_in_period(const struct notice *n, const struct notice_due *due);

/* Another event on an asset: an earlier notice or an incident, for the repeat rule. */
struct asset_event {
	int64_t asset;
	cd_time at;
	int64_t notice;   /* the notice's id, or 0 */
	int64_t incident; /* the incident's id, or 0 */
	const char *code; /* the notice's or incident's code when the reader knows it, else NULL */
};

/* asset_events_sort puts ev[0..n) in the one order the repeat rule reads them (the store's
 * store_asset_events answers in it too): latest first; at the same instant notices before
 * incidents, then by id, then by system — so the latest earlier notice or incident is named. */
void asset_events_sort(struct asset_event *ev, size_t n);

/* notice_repeat: the first of ev[0..nev) that concerns one of the notice's assets and happened
 * before the notice was received, on or after the same calendar day `window_months` months
 * earlier (CST dates; 2026-05-15 looks back to 2026-02-15 inclusive). NULL when none, or the
 * profile sets no window (window_months < 0). The notice itself (same id) is ignored. */
const struct asset_event *notice_repeat(const struct notice *n, int window_months,
					const struct asset_event *ev, size_t nev);

/* notice_concerns_subtree: notice n concerns the subtree of unit `top` — it is addressed to a
 * unit there or one of its systems answers to one there under any relation (builder, user,
 * manager, operator); a zero top is the whole organisation. The store's pages ask the same in
 * SQL (store_work.h). */
bool notice_concerns_subtree(const struct notice *n, const struct reg *reg, int64_t top);

/* Why an asset is similar to a noticed one (bit mask). */
#define SIMILAR_KIND     1u /* 同类型 */
#define SIMILAR_OPERATOR 2u /* 同运维单位 */
#define SIMILAR_SOFTWARE 4u /* 同软件 */

struct similar {
	int64_t asset;
	unsigned why;
	const char *code, *name; /* the system's, as store_similar reads them (NULL from
				  * notice_similar) */
};

/* notice_similar fills out[0..max) with the register's live (not retired) assets, other than the
 * notice's own, that share a kind or software with one of them (a shared operating unit is
 * listed as a further reason, but alone it is no likeness: one centre runs most systems); the
 * strongest matches (most reasons) first, then in register order. Returns how many there are in all; when
 * that exceeds max, out holds the first max in register order, sorted. */
size_t notice_similar(const struct notice *n, const struct reg *reg, struct similar *out,
		      size_t max);

/* notice_checks_sort orders n->similar as notice_similar does (most reasons first, then in
 * register order) — the store keeps them by asset id. */
void notice_checks_sort(struct notice *n);

/* Names: *_code the API spelling ("due_today"), *_label Chinese; *_parse returns -1 when unknown. */
const char *notice_stage_code(enum notice_stage s);
const char *notice_stage_label(enum notice_stage s);
int notice_stage_parse(const char *s);
const char *due_state_code(enum due_state s);
const char *due_state_label(enum due_state s);
int due_state_parse(const char *s);
const char *notice_event_code(enum notice_event_kind k);
const char *notice_event_label(enum notice_event_kind k);
int notice_event_parse(const char *s);
/* similar_describe writes "同类型、同软件" for a why mask into buf. */
char *similar_describe(unsigned why, char *buf, size_t n);

#endif
