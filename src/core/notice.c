/* notice.c — the rules of a notice's closed loop: event order, due date, state, repeat window
 * and the 举一反三 list of similar systems. */
#include "notice.h"
#include "names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct name stages[STAGE__MAX] = {
	[STAGE_RECEIVED] = {"received", "已接收", NULL},
	[STAGE_RECTIFYING] = {"rectifying", "整改中", NULL},
	[STAGE_RECTIFIED] = {"rectified", "已整改", NULL},
	[STAGE_FEEDBACK] = {"feedback_sent", "已反馈", NULL},
	[STAGE_VERIFIED] = {"verified", "已核查", "已闭环"},
};

static const struct name states[DUE__MAX] = {
	[DUE_OPEN] = {"open", "未到期", NULL},
	[DUE_TODAY] = {"due_today", "今日到期", NULL},
	[DUE_OVERDUE] = {"overdue", "已逾期", NULL},
	[DUE_DONE_ON_TIME] = {"done_on_time", "按时完成", NULL},
	[DUE_DONE_LATE] = {"done_late", "逾期完成", NULL},
	[DUE_NO_DEADLINE] = {"no_deadline", "无时限", NULL},
};

static const struct name events[NEV__MAX] = {
	[NEV_START] = {"start", "开始整改", NULL},
	[NEV_RECTIFY] = {"rectify", "整改完成", NULL},
	[NEV_FEEDBACK] = {"feedback", "反馈", NULL},
	[NEV_VERIFY] = {"verify", "核查通过", NULL},
	[NEV_SUPPORT] = {"support", "申请技术支持", NULL},
	[NEV_EXTEND] = {"extend", "同意延期", NULL},
	[NEV_APPROVE] = {"approve", "单位负责人审批", NULL},
};

NAMES(notice_stage, enum notice_stage, stages, STAGE__MAX)
NAMES(due_state, enum due_state, states, DUE__MAX)
NAMES(notice_event, enum notice_event_kind, events, NEV__MAX)

void notice_init(struct notice *n)
{
	memset(n, 0, sizeof(*n));
	n->received_at = CD_TIME_NONE;
	n->stated_due = CD_DATE_NONE;
	n->stage = STAGE_RECEIVED;
	n->started_at = n->rectified_at = n->feedback_at = n->verified_at = n->support_at =
		n->approved_at = CD_TIME_NONE;
	n->extended_to = CD_DATE_NONE;
}

/* The time of the latest step taken, which a new step may not precede. */
static cd_time last_step(const struct notice *n)
{
	cd_time t = n->received_at;
	const cd_time steps[] = {n->started_at, n->rectified_at, n->approved_at, n->feedback_at,
				 n->verified_at};

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] != CD_TIME_NONE && steps[i] > t)
			t = steps[i];
	return t;
}

enum cd_err notice_apply(struct notice *n, const struct notice_event *e, cd_date current_due,
			 struct cd_diag *d)
{
	static const enum notice_stage needs[] = {
		[NEV_START] = STAGE_RECEIVED, [NEV_RECTIFY] = STAGE_RECTIFYING,
		[NEV_FEEDBACK] = STAGE_RECTIFIED, [NEV_VERIFY] = STAGE_FEEDBACK};
	char when[26], prev[26], day[11];

	if ((int)e->kind < 0 || e->kind >= NEV__MAX)
		return cd_diag_set(d, CD_EINVAL, "unknown notice event");
	if (e->at == CD_TIME_NONE)
		return cd_diag_set(d, CD_EINVAL, "%s: a time is required", notice_event_code(e->kind));
	if (e->at < n->received_at)
		return cd_diag_set(d, CD_EINVAL, "%s at %s is before the notice was received (%s)",
				   lang_pick(notice_event_code(e->kind), notice_event_label(e->kind)),
				   time_format(e->at, when), time_format(n->received_at, prev));
	switch (e->kind) {
	case NEV_START:
	case NEV_RECTIFY:
	case NEV_FEEDBACK:
	case NEV_VERIFY: {
		enum notice_stage want = needs[e->kind];
		enum notice_stage to = (enum notice_stage)(want + 1);

		/* rectification may be recorded without a separate start */
		if (e->kind == NEV_RECTIFY && n->stage == STAGE_RECEIVED)
			want = STAGE_RECEIVED;
		if (n->stage != want)
			return cd_diag_set(d, CD_EINVAL,
					   "%s is not possible now: the notice is %s (%s); next step: %s",
					   lang_pick(notice_event_code(e->kind),
						     notice_event_label(e->kind)),
					   notice_stage_code(n->stage), notice_stage_label(n->stage),
					   n->stage == STAGE_VERIFIED ? lang_tr("none, it is closed")
					   : n->stage == STAGE_FEEDBACK ? lang_pick("verify", "核查")
					   : n->stage == STAGE_RECTIFIED ? lang_pick("feedback", "反馈")
					   : lang_pick("rectify", "整改"));
		if (e->at < last_step(n))
			return cd_diag_set(d, CD_EINVAL, "%s at %s is before the previous step (%s)",
					   lang_pick(notice_event_code(e->kind),
						     notice_event_label(e->kind)),
					   time_format(e->at, when), time_format(last_step(n), prev));
		n->stage = to;
		if (e->kind == NEV_START)
			n->started_at = e->at;
		else if (e->kind == NEV_RECTIFY)
			n->rectified_at = e->at;
		else if (e->kind == NEV_FEEDBACK)
			n->feedback_at = e->at;
		else
			n->verified_at = e->at;
		return CD_OK;
	}
	case NEV_APPROVE:
		/* the unit leader approves the feedback to be sent: once rectified, before it goes */
		if (n->stage != STAGE_RECTIFIED)
			return cd_diag_set(d, CD_EINVAL,
					   "approve is not possible now: the notice is %s (%s); the unit "
					   "leader approves the feedback once rectified and before it is sent",
					   notice_stage_code(n->stage), notice_stage_label(n->stage));
		if (n->approved_at != CD_TIME_NONE)
			return cd_diag_set(d, CD_EINVAL, "approve: the feedback was approved already (%s)",
					   time_format(n->approved_at, prev));
		if (e->at < last_step(n))
			return cd_diag_set(d, CD_EINVAL, "%s at %s is before the previous step (%s)",
					   notice_event_code(e->kind), time_format(e->at, when),
					   time_format(last_step(n), prev));
		n->approved_at = e->at;
		n->approved_by = e->by;
		return CD_OK;
	case NEV_SUPPORT:
	case NEV_EXTEND:
		if (n->stage >= STAGE_FEEDBACK)
			return cd_diag_set(d, CD_EINVAL, "%s is not possible: feedback was already sent",
					   lang_pick(notice_event_code(e->kind),
						     notice_event_label(e->kind)));
		if (e->kind == NEV_SUPPORT) {
			n->support_at = e->at;
			return CD_OK;
		}
		if (e->extended_to == CD_DATE_NONE)
			return cd_diag_set(d, CD_EINVAL, "extend: the new due date is required");
		if (!e->note || !*e->note)
			return cd_diag_set(d, CD_EINVAL, "extend: the reason is required");
		if (!e->by || !*e->by)
			return cd_diag_set(d, CD_EINVAL, "extend: who granted it is required");
		if (current_due != CD_DATE_NONE && e->extended_to <= current_due)
			return cd_diag_set(d, CD_EINVAL,
					   "extend: the new due date %s is not later than the current one (%s)",
					   date_format(e->extended_to, day),
					   date_format(current_due, prev));
		if (current_due == CD_DATE_NONE && n->received_at != CD_TIME_NONE &&
		    e->extended_to < time_cst_date(n->received_at))
			return cd_diag_set(d, CD_EINVAL,
					   "extend: the new due date %s is before the day the notice was "
					   "received (%s)",
					   date_format(e->extended_to, day),
					   date_format(time_cst_date(n->received_at), prev));
		n->extended_to = e->extended_to;
		n->extended_by = e->by;
		n->extension_reason = e->note;
		return CD_OK;
	case NEV__MAX:
		break;
	}
	return cd_diag_set(d, CD_EINVAL, "unknown notice event");
}

enum cd_err notice_fold(struct notice *n, const struct profile *p, const struct calendar *cal,
			struct cd_diag *d)
{
	n->stage = STAGE_RECEIVED;
	n->started_at = n->rectified_at = n->feedback_at = n->verified_at = n->support_at =
		n->approved_at = CD_TIME_NONE;
	n->approved_by = NULL;
	n->extended_to = CD_DATE_NONE;
	n->extended_by = n->extension_reason = NULL;
	for (size_t i = 0; i < n->nevents; i++) {
		struct notice_due due = notice_due(n, p, cal);
		enum cd_err rc = notice_apply(n, &n->events[i], due.due, d);

		if (rc) {
			cd_diag_prefix(d, n->code ? n->code : "notice");
			return rc;
		}
	}
	return CD_OK;
}

struct notice_due notice_due(const struct notice *n, const struct profile *p,
			     const struct calendar *cal)
{
	struct notice_due r = {.due = CD_DATE_NONE};

	if (n->extended_to != CD_DATE_NONE) {
		r.due = n->extended_to;
		r.extended = true;
	} else if (n->stated_due != CD_DATE_NONE) {
		r.due = n->stated_due;
		r.stated = true;
	} else if (p && p->numbers.rectify_workdays > 0 && n->received_at != CD_TIME_NONE) {
		r.due = calendar_add_workdays(cal, time_cst_date(n->received_at),
					      p->numbers.rectify_workdays, &r.estimated);
		r.defaulted = p->numbers.rectify_default;
	}
	return r;
}

enum due_state due_state_at(cd_date due, cd_time done, cd_time at)
{
	if (done != CD_TIME_NONE && done <= at) {
		if (due == CD_DATE_NONE || done < time_cst_end(due))
			return DUE_DONE_ON_TIME;
		return DUE_DONE_LATE;
	}
	if (due == CD_DATE_NONE)
		return DUE_NO_DEADLINE;
	if (at >= time_cst_end(due))
		return DUE_OVERDUE;
	if (at >= time_cst_start(due))
		return DUE_TODAY;
	return DUE_OPEN;
}

enum due_state notice_state(const struct notice *n, const struct notice_due *due, cd_time at)
{
	return due_state_at(due->due, n->feedback_at, at);
}

unsigned notice_criticism(const struct profile *p, enum due_state st, bool repeat)
{
	unsigned g = repeat ? NOTICE_CRITICISM_REPEAT : 0;

	if (p->numbers.criticism_late_article && *p->numbers.criticism_late_article &&
	    (st == DUE_OVERDUE || st == DUE_DONE_LATE))
		g |= NOTICE_CRITICISM_LATE;
	return g;
}

enum notice_stage notice_stage_at(const struct notice *n, cd_time at)
{
	if (n->verified_at != CD_TIME_NONE && n->verified_at <= at)
		return STAGE_VERIFIED;
	if (n->feedback_at != CD_TIME_NONE && n->feedback_at <= at)
		return STAGE_FEEDBACK;
	if (n->rectified_at != CD_TIME_NONE && n->rectified_at <= at)
		return STAGE_RECTIFIED;
	if (n->started_at != CD_TIME_NONE && n->started_at <= at)
		return STAGE_RECTIFYING;
	return STAGE_RECEIVED;
}

bool notice_support_in_period(const struct notice *n, const struct notice_due *due)
{
	if (n->support_at == CD_TIME_NONE)
		return false;
	return due->due == CD_DATE_NONE || n->support_at < time_cst_end(due->due);
}

static bool concerns(const struct notice *n, int64_t asset)
{
	for (size_t i = 0; i < n->nassets; i++)
		if (n->assets[i] == asset)
			return true;
	return false;
}

const struct asset_event *notice_repeat(const struct notice *n, int window_months,
					const struct asset_event *ev, size_t nev)
{
	cd_time from;

	if (window_months < 0 || n->received_at == CD_TIME_NONE)
		return NULL;
	from = time_cst_start(date_add_months(time_cst_date(n->received_at), -window_months));
	for (size_t i = 0; i < nev; i++) {
		if (ev[i].notice && ev[i].notice == n->id)
			continue;
		if (ev[i].at >= from && ev[i].at < n->received_at && concerns(n, ev[i].asset))
			return &ev[i];
	}
	return NULL;
}

static bool same_text(const char *a, const char *b)
{
	return a && b && *a && !strcmp(a, b);
}

/* Most reasons first, then register order: the one order of similar systems. */
static int strength(unsigned wx, int64_t ax, unsigned wy, int64_t ay)
{
	int bx = __builtin_popcount(wx), by = __builtin_popcount(wy);

	if (bx != by)
		return by - bx;
	return (ax > ay) - (ax < ay);
}

static int by_strength(const void *a, const void *b)
{
	const struct similar *x = a, *y = b;

	return strength(x->why, x->asset, y->why, y->asset);
}

size_t notice_similar(const struct notice *n, const struct reg *reg, struct similar *out,
		      size_t max)
{
	size_t total = 0;

	for (size_t i = 0; i < reg->nassets; i++) {
		const struct asset *a = &reg->assets[i];
		unsigned why = 0;

		if (a->status == STATUS_RETIRED || concerns(n, a->id))
			continue;
		for (size_t k = 0; k < n->nassets; k++) {
			const struct asset *own = reg_asset(reg, n->assets[k]);

			if (!own)
				continue;
			if (a->kind == own->kind)
				why |= SIMILAR_KIND;
			if (a->rel[REL_OPERATOR] && a->rel[REL_OPERATOR] == own->rel[REL_OPERATOR])
				why |= SIMILAR_OPERATOR;
			if (same_text(a->software, own->software))
				why |= SIMILAR_SOFTWARE;
		}
		/* one operating unit runs most systems of an organisation: alone it is no likeness */
		if (!(why & (SIMILAR_KIND | SIMILAR_SOFTWARE)))
			continue;
		if (total < max)
			out[total] = (struct similar){.asset = a->id, .why = why};
		total++;
	}
	if (total > 1)
		qsort(out, total < max ? total : max, sizeof(*out), by_strength);
	return total;
}

static int by_check_strength(const void *a, const void *b)
{
	const struct notice_check *x = a, *y = b;

	return strength(x->why, x->asset, y->why, y->asset);
}

void notice_checks_sort(struct notice *n)
{
	if (n->nsimilar > 1)
		qsort(n->similar, n->nsimilar, sizeof(*n->similar), by_check_strength);
}

char *similar_describe(unsigned why, char *buf, size_t n)
{
	static const char *const words[] = {"同类型", "同运维单位", "同软件"};
	size_t len = 0;

	if (!n)
		return buf;
	/* what fits of the words joined by "、" (written for each of a list's 200 systems: no
	 * snprintf, which was a fifth of a notice's answer) */
	for (unsigned i = 0; i < 3; i++) {
		const char *part[2] = {len ? "、" : "", words[i]};

		if (!(why & (1u << i)))
			continue;
		for (int k = 0; k < 2; k++) {
			size_t m = strlen(part[k]);

			m = m < n - 1 - len ? m : n - 1 - len;
			memcpy(buf + len, part[k], m);
			len += m;
		}
	}
	buf[len] = '\0';
	return buf;
}

bool notice_concerns_subtree(const struct notice *n, const struct reg *reg, int64_t top)
{
	if (!top || (n->unit && reg_in_subtree(reg, n->unit, top)))
		return true;
	for (size_t i = 0; i < n->nassets; i++) {
		const struct asset *a = reg_asset(reg, n->assets[i]);

		for (int r = 0; a && r < REL__MAX; r++)
			if (a->rel[r] && reg_in_subtree(reg, a->rel[r], top))
				return true;
	}
	return false;
}

/* Latest first; at the same instant notices before incidents, then by id, then by system. */
static int latest_first(const void *pa, const void *pb)
{
	const struct asset_event *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? 1 : -1;
	if ((a->incident != 0) != (b->incident != 0))
		return a->incident ? 1 : -1;
	if (a->notice + a->incident != b->notice + b->incident)
		return a->notice + a->incident < b->notice + b->incident ? -1 : 1;
	return (a->asset > b->asset) - (a->asset < b->asset);
}

void asset_events_sort(struct asset_event *ev, size_t n)
{
	if (n > 1)
		qsort(ev, n, sizeof *ev, latest_first);
}
