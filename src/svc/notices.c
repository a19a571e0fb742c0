/* notices.c — the acts and reads of official notices (通报): record one, its closed loop, the
 * 举一反三 checks; one notice or a page read from the store with its due date, state and repeat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendar_load.h"
#include "io/notice_json.h"
#include "io/jwtree.h"
#include "svc/work.h"

/* repeat_from: the window of the repeat rule for a notice received at `at`. */
static cd_time repeat_from(const struct profile *p, cd_time at)
{
	return time_cst_start(date_add_months(time_cst_date(at), -p->numbers.repeat_window_months));
}

/* view_fill folds v->row.n and completes the view: due date, repeat (with the code of the
 * earlier notice or incident). cal is the calendar of the read; ev[0..nev) the repeat rule's
 * events on the notice's systems over its window (a page reads them once for all its notices;
 * with `read` they are read here for this one). */
static enum cd_err view_fill(struct act *c, const struct calendar *cal, struct notice_view *v,
			     bool read, const struct asset_event *ev, size_t nev)
{
	const struct profile *p = act_profile(c);
	struct notice *n = &v->row.n;
	struct asset_event *own = NULL;
	const struct asset_event *r;
	enum cd_err rc;

	if ((rc = notice_fold(n, p, cal, c->d)))
		return rc == CD_EINVAL ? CD_ESTORE : rc;
	v->due = notice_due(n, p, cal);
	v->cal = cal;
	v->repeat_code = v->repeat_asset = NULL;
	if (p->numbers.repeat_window_months < 0)
		return CD_OK;
	if (read) {
		rc = store_asset_events(c->s, n->assets, n->nassets, repeat_from(p, n->received_at),
					n->received_at, c->a, &own, &nev, c->d);
		ev = own;
	}
	if (rc || !(r = notice_repeat(n, p->numbers.repeat_window_months, ev, nev)))
		return rc;
	v->repeat = *r;
	v->repeat_is_notice = r->notice != 0;
	v->repeat_code = r->code;
	for (size_t i = 0; i < n->nassets; i++)
		if (n->assets[i] == r->asset)
			v->repeat_asset = v->row.asset_code[i];
	return CD_OK;
}

/* read_one reads the notice named by id or code of the caller's scope into v — without its
 * 举一反三 list when brief (what a step checks its order against and answers: the list is most
 * of a notice's rows and no step depends on it). */
static enum cd_err read_one(struct act *c, int64_t id, const char *code, bool brief,
			    struct notice_view *v)
{
	bool yes = true;
	enum cd_err rc;

	memset(v, 0, sizeof *v);
	if (!id && (rc = act_docno(c, code, "code", &code)))
		return rc == CD_EINVAL ? act_fail(c, CD_ENOTFOUND, NULL, "no notice %s", code ? code : "")
				       : rc;
	rc = brief ? store_notice_brief(c->s, id, code, c->a, &v->row, c->d)
		   : store_notice_get(c->s, id, code, c->a, &v->row, c->d);
	if (!rc && c->scope)
		rc = store_notice_concerns(c->s, v->row.n.id, c->scope, &yes, c->d);
	if (rc == CD_ENOTFOUND || (!rc && !yes)) {
		if (id)
			return act_fail(c, CD_ENOTFOUND, NULL, "no notice %lld", (long long)id);
		return act_fail(c, CD_ENOTFOUND, NULL, "no notice %s", code ? code : "");
	}
	return rc;
}

/* notice_read: svc_notice_get's read (brief: read_one's). */
static enum cd_err notice_read(struct act *c, int64_t id, const char *code, bool brief,
			       struct notice_view *out)
{
	const struct calendar *cal = NULL;
	enum cd_err rc = read_one(c, id, code, brief, out);

	if (!rc)
		rc = store_corrections_of(c->s, "notice", out->row.n.id, c->a, &out->fixes,
					  &out->nfixes, c->d);
	if (!rc)
		rc = act_calendar(c, &cal);
	return rc ? rc : view_fill(c, cal, out, true, NULL, 0);
}

static enum cd_err svc_notice_get_read(struct act *c, int64_t id, const char *code,
				       struct notice_view *out)
{
	return notice_read(c, id, code, false, out);
}

enum cd_err svc_notice_get(struct act *c, int64_t id, const char *code, struct notice_view *out)
{
	bool own;
	enum cd_err rc = act_read_begin(c, &own);

	return act_read_end(c, own, rc ? rc : svc_notice_get_read(c, id, code, out));
}

enum cd_err svc_notice_brief(struct act *c, int64_t id, struct notice_view *out)
{
	bool own;
	enum cd_err rc = act_read_begin(c, &own);

	return act_read_end(c, own, rc ? rc : notice_read(c, id, NULL, true, out));
}

static enum cd_err svc_notice_page_read(struct act *c, struct work_query q, int state, cd_time at,
					struct notice_view **out, size_t *n, int64_t *next)
{
	const struct calendar *cal = NULL;
	size_t want = q.limit, cap = 0;
	enum cd_err rc = act_calendar(c, &cal);

	*out = NULL;
	*n = 0;
	*next = 0;
	q.scope = c->scope;
	q.limit = want + 1;
	while (!rc) {
		struct notice_row *rows = NULL;
		struct asset_event *ev = NULL;
		int64_t *assets = NULL;
		size_t got = 0, nev = 0, na = 0, acap = 0;
		cd_time lo = CD_TIME_NONE, hi = CD_TIME_NONE;

		if ((rc = store_notice_page(c->s, &q, c->a, &rows, &got, c->d)))
			break;
		/* the repeat rule's events of the whole page, in one read */
		for (size_t i = 0; i < got; i++) {
			const struct notice *no = &rows[i].n;

			for (size_t k = 0; k < no->nassets; k++) {
				int64_t *slot = arena_grow(c->a, &assets, &na, &acap, sizeof *slot);

				if (!slot)
					return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
				*slot = no->assets[k];
			}
			if (lo == CD_TIME_NONE || repeat_from(c->pol->p, no->received_at) < lo)
				lo = repeat_from(c->pol->p, no->received_at);
			if (hi == CD_TIME_NONE || no->received_at + 1 > hi)
				hi = no->received_at + 1;
		}
		if (got && c->pol->p->numbers.repeat_window_months >= 0 &&
		    (rc = store_asset_events(c->s, assets, na, lo, hi, c->a, &ev, &nev, c->d)))
			break;
		for (size_t i = 0; !rc && i < got; i++) {
			struct notice_view v = {.row = rows[i]};

			q.after = rows[i].n.id;
			if (rows[i].n.received_at > at)
				continue;
			if ((rc = view_fill(c, cal, &v, false, ev, nev)))
				break;
			if (state >= 0 && (int)notice_state(&v.row.n, &v.due, at) != state)
				continue;
			if (*n == want) {
				*next = (*out)[*n - 1].row.n.id;
				return CD_OK;
			}
			if (!arena_grow(c->a, out, n, &cap, sizeof **out))
				return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			(*out)[*n - 1] = v;
		}
		if (got < q.limit)
			break;
	}
	return rc;
}

/* state_page_read: a page of the notices in state `state` now, read through the index of their
 * kept verdicts (schema 0038): only that state's rows, whatever the size of the list. */
static enum cd_err state_page_read(struct act *c, struct work_query q, int state,
				   struct notice_view **out, size_t *n, int64_t *next)
{
	const struct calendar *cal = NULL;
	struct notice_row *rows = NULL;
	size_t want = q.limit, got = 0;
	enum cd_err rc = act_calendar(c, &cal);

	*out = NULL;
	*n = 0;
	*next = 0;
	q.scope = c->scope;
	q.limit = want + 1;
	if (!rc)
		rc = store_notice_state_page(c->s, &q, state, time_cst_date(c->now), c->a, &rows, &got,
					     c->d);
	if (rc)
		return rc;
	if (got > want) {
		got = want;
		*next = rows[want - 1].n.id;
	}
	if (got && !(*out = arena_alloc(c->a, got * sizeof **out)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < got; i++) {
		struct notice_view *v = &(*out)[*n];

		memset(v, 0, sizeof *v);
		v->row = rows[i];
		if ((rc = view_fill(c, cal, v, true, NULL, 0)))
			return rc;
		/* the verdict and the fold agree (both are of this transaction) */
		if ((int)notice_state(&v->row.n, &v->due, c->now) == state)
			(*n)++;
	}
	return CD_OK;
}

enum cd_err svc_notice_page(struct act *c, struct work_query q, int state, cd_time at,
			    struct notice_view **out, size_t *n, int64_t *next)
{
	bool own;
	enum cd_err rc;

	if (state >= 0 && state < DUE__MAX && at == c->now) {
		rc = svc_verdicts_read(c, &own);
		return rc ? rc : act_read_end(c, own, state_page_read(c, q, state, out, n, next));
	}
	rc = act_read_begin(c, &own);
	return act_read_end(c, own, rc ? rc : svc_notice_page_read(c, q, state, at, out, n, next));
}

/* ---- acts ---- */

static json_t *notice_after(const struct notice *n, const struct notice_row *row)
{
	json_t *assets = json_array();

	for (size_t i = 0; i < n->nassets; i++)
		json_array_append_new(assets, json_string(row->asset_code[i]));
	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:I}", "id", (json_int_t)n->id,
			 "code", n->code, "authority", n->authority, "received_at",
			 jnull_time(n->received_at), "unit", jnull_str(row->unit_code),
			 "assets", assets, "stated_due", jnull_date(n->stated_due),
			 "similar_total", (json_int_t)n->similar_total);
}

/* added_view: the view of a notice just added, as svc_notice_get reads it, in the act's
 * transaction — its row read brief (head, unit, systems) with the 举一反三 list as selected
 * (sim[0..nsim): in the list's order, with each system's code and name; checks[0..nsim) the
 * notice's, none checked yet) instead of read back from the rows just written. */
static enum cd_err added_view(struct act *c, const struct notice_row *row,
			      struct notice_check *checks, const struct similar *sim, size_t nsim,
			      struct notice_view *out)
{
	const struct calendar *cal = NULL;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	out->row = *row;
	out->row.n.similar = checks;
	out->row.n.nsimilar = nsim;
	if (nsim && (!(out->row.similar_code = arena_alloc(c->a, nsim * sizeof(char *))) ||
		     !(out->row.similar_name = arena_alloc(c->a, nsim * sizeof(char *)))))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < nsim; i++) {
		out->row.similar_code[i] = sim[i].code;
		out->row.similar_name[i] = sim[i].name;
	}
	rc = store_corrections_of(c->s, "notice", row->n.id, c->a, &out->fixes, &out->nfixes, c->d);
	if (!rc)
		rc = act_calendar(c, &cal);
	return rc ? rc : view_fill(c, cal, out, true, NULL, 0);
}

enum cd_err svc_notice_add(struct act *c, const struct notice_new *in, struct notice_view *out)
{
	struct notice n;
	struct notice_row row = {0};
	struct similar *sim = NULL;
	size_t nsim = 0, total = 0;
	bool yes = true;
	char obj[32];
	enum cd_err rc;

	notice_init(&n);
	if ((rc = act_docno(c, in->code, "code", &n.code)))
		return rc;
	n.authority = in->authority;
	n.category = in->category;
	n.text = in->text;
	n.attachment = in->attachment;
	n.received_at = in->received_at == CD_TIME_NONE ? c->now : in->received_at;
	n.stated_due = in->due;
	if (!n.code || !*n.code)
		return act_fail(c, CD_EINVAL, "code", "code: give the notice's number (文号)");
	if (!n.authority || !*n.authority)
		return act_fail(c, CD_EINVAL, "authority", "authority: give who issued the notice");
	if ((rc = act_not_future(c, n.received_at, "received_at")) ||
	    (rc = act_assets(c, in->assets, in->nassets, "assets", &n.assets)))
		return rc;
	n.nassets = in->nassets;
	if ((rc = act_unit_of(c, in->unit, "unit", n.assets[0], &n.unit)))
		return rc;
	if (n.stated_due != CD_DATE_NONE && n.stated_due < time_cst_date(n.received_at)) {
		char due[11], got[11];

		return act_fail(c, CD_EINVAL, "due",
				"the due date %s is before the notice was received (on %s)",
				date_format(n.stated_due, due),
				date_format(time_cst_date(n.received_at), got));
	}
	if ((rc = store_similar(c->s, n.assets, n.nassets, NOTICE_SIMILAR_MAX, c->a, &sim, &nsim,
				&total, c->d)))
		return rc;
	if (nsim && !(n.similar = arena_alloc(c->a, nsim * sizeof *n.similar)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < nsim; i++)
		n.similar[i] = (struct notice_check){.asset = sim[i].asset, .why = sim[i].why,
						     .checked_at = CD_TIME_NONE};
	n.nsimilar = nsim;
	n.similar_total = total;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = store_notice_add(c->s, &n, c->d);
	if (rc == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "code", "notice %s is already recorded", n.code);
	if (!rc && c->scope)
		rc = store_notice_concerns(c->s, n.id, c->scope, &yes, c->d);
	if (!rc && !yes)
		rc = act_out_of_scope(c, "unit", "the notice must concern a unit of your scope "
						 "(its unit or systems)");
	if (!rc) /* the codes of its unit and systems, for the audit entry */
		rc = store_notice_brief(c->s, n.id, NULL, c->a, &row, c->d);
	if (!rc) /* what the dashboard counts of it, kept with it (schema 0038) */
		rc = svc_notice_verdict_keep(c, n.id);
	if (!rc)
		rc = added_view(c, &row, n.similar, sim, nsim, out);
	snprintf(obj, sizeof obj, "notice:%lld", (long long)n.id);
	return act_end(c, rc, "notice.create", obj, NULL, rc ? NULL : notice_after(&n, &row));
}

/* step_json: what the audit keeps of a step and the stage it moved from or to. */
static json_t *step_json(const struct notice *n, const struct notice_event *e)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "code", n->code, "event",
			 notice_event_code(e->kind), "at", jnull_time(e->at), "by",
			 jnull_str(e->by), "note", jnull_str(e->note), "extended_to",
			 jnull_date(e->extended_to), "stage", notice_stage_code(n->stage));
}

/* feedback_waits refuses a feedback step of a rectified notice the unit leader has not approved,
 * while the organisation's rule says feedback waits for it (POLICY_FEEDBACK_APPROVAL). */
static enum cd_err feedback_waits(struct act *c, const struct notice *n, const struct notice_event *e)
{
	bool wait = false;
	enum cd_err rc;

	if (e->kind != NEV_FEEDBACK || n->approved_at != CD_TIME_NONE || n->stage != STAGE_RECTIFIED)
		return CD_OK;
	if ((rc = policy_feedback_approval(c->s, &wait, c->d)) || !wait)
		return rc;
	c->field = NULL;
	return cd_diag_set(c->d, CD_ECONFLICT,
			   "%s: the unit leader has not approved the feedback yet (请示报告): the "
			   "leader approves it first",
			   n->code);
}

enum cd_err svc_notice_step(struct act *c, int64_t id, const char *code,
			    const struct notice_event *ein, struct notice_view *out)
{
	struct notice_event e = *ein;
	struct notice_view v;
	char action[32], obj[32];
	json_t *before;
	enum cd_err rc;

	if (e.at == CD_TIME_NONE)
		e.at = c->now;
	if ((rc = act_not_future(c, e.at, "at")))
		return rc;
	if (e.kind == NEV_APPROVE && (!e.by || !*e.by))
		e.by = c->actor; /* the approval is the unit leader's own: named by the sign-in */
	if (e.kind == NEV_EXTEND && (!e.by || !*e.by))
		return act_fail(c, CD_EINVAL, "by", "by: say who granted the extension");
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	/* read inside the transaction: two steps at once are put in order by the database */
	rc = notice_read(c, id, code, true, &v);
	if (rc)
		return act_end(c, rc, NULL, NULL, NULL, NULL);
	before = json_pack("{s:s}", "stage", notice_stage_code(v.row.n.stage));
	rc = feedback_waits(c, &v.row.n, &e);
	if (!rc && (rc = notice_apply(&v.row.n, &e, v.due.due, c->d))) {
		cd_diag_prefix(c->d, v.row.n.code);
		c->field = NULL;
		rc = rc == CD_EINVAL ? CD_ECONFLICT : rc; /* out of order: a conflict with its state */
	}
	if (!rc)
		rc = store_notice_event_add(c->s, v.row.n.id, &e, c->d);
	if (!rc)
		rc = svc_notice_verdict_keep(c, v.row.n.id);
	snprintf(action, sizeof action, "notice.%s", notice_event_code(e.kind));
	snprintf(obj, sizeof obj, "notice:%lld", (long long)v.row.n.id);
	if ((rc = act_end(c, rc, action, obj, before, rc ? NULL : step_json(&v.row.n, &e))))
		return rc;
	return svc_notice_brief(c, v.row.n.id, out); /* the answer shows no 举一反三 list */
}

enum cd_err svc_notice_check(struct act *c, int64_t id, const char *code,
			     const struct notice_checks *in, struct notice_view *out)
{
	cd_time at = in->at == CD_TIME_NONE ? c->now : in->at;
	struct notice_view v;
	json_t *done = json_array();
	size_t n = 0, marked = 0;
	char obj[32];
	enum cd_err rc;

	if (!done)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (!in->all && !in->nassets)
		rc = act_fail(c, CD_EINVAL, "assets",
			      "assets: name the systems checked (or all of those left)");
	else if (!(rc = act_not_future(c, at, "at")))
		rc = act_begin(c);
	if (rc) {
		json_decref(done);
		return rc;
	}
	c->derived_kept = true; /* nothing the obligations derive from */
	/* the list's rows only for `all` (the audit names the systems marked); a system named is
	 * marked by its key, and the answer shows the counts kept on the notice, not the list */
	rc = read_one(c, id, code, !in->all, &v);
	if (!rc && at < v.row.n.received_at)
		rc = act_fail(c, CD_EINVAL, "at", "at: is before the notice was received");
	if (!rc && in->all) {
		for (size_t i = 0; i < v.row.n.nsimilar; i++)
			if (v.row.n.similar[i].checked_at == CD_TIME_NONE)
				json_array_append_new(done, json_string(v.row.similar_code[i]));
		rc = store_notice_check(c->s, v.row.n.id, 0, at, in->by, in->note, &marked, c->d);
		if (rc == CD_ENOTFOUND)
			rc = act_fail(c, CD_ECONFLICT, "assets",
				      "assets: every system of the 举一反三 list of notice %s is checked "
				      "already", v.row.n.code);
	}
	for (size_t i = 0; !rc && !in->all && i < in->nassets; i++) {
		int64_t aid = 0;

		if ((rc = act_ref(c, SK_ASSET, in->assets[i], "assets", &aid)))
			break;
		rc = store_notice_check(c->s, v.row.n.id, aid, at, in->by, in->note, &n, c->d);
		if (rc == CD_ENOTFOUND)
			rc = act_fail(c, CD_ECONFLICT, "assets",
				      "assets: %s is not on the 举一反三 list of notice %s, or was "
				      "checked already", in->assets[i], v.row.n.code);
		if (!rc)
			json_array_append_new(done, json_string(in->assets[i]));
	}
	snprintf(obj, sizeof obj, "notice:%lld", rc ? 0LL : (long long)v.row.n.id);
	rc = act_end(c, rc, "notice.checked", obj, NULL,
		     rc ? NULL
			: json_pack("{s:s, s:o, s:o, s:o, s:o}", "code", v.row.n.code, "assets",
				    json_incref(done), "at", jnull_time(at), "by", jnull_str(in->by),
				    "note", jnull_str(in->note)));
	json_decref(done);
	return rc ? rc : svc_notice_brief(c, v.row.n.id, out);
}

/* svc_fix_text, svc_fix_time (work.h) and fix_date record field `name` changed from `was` to
 * `now` in before/after (JSON). */
void svc_fix_text(json_t *before, json_t *after, const char *name, const char *was,
		  const char *now)
{
	if (was == now || (was && now && !strcmp(was, now)))
		return;
	json_object_set_new(before, name, jnull_str(was));
	json_object_set_new(after, name, jnull_str(now));
}

void svc_fix_time(json_t *before, json_t *after, const char *name, cd_time was, cd_time now)
{
	if (was == now)
		return;
	json_object_set_new(before, name, jnull_time(was));
	json_object_set_new(after, name, jnull_time(now));
}

static void fix_date(json_t *before, json_t *after, const char *name, cd_date was, cd_date now)
{
	if (was == now)
		return;
	json_object_set_new(before, name, jnull_date(was));
	json_object_set_new(after, name, jnull_date(now));
}

/* fix_check refuses a correction the notice's state does not allow (see work.h). */
static enum cd_err fix_check(struct act *c, const struct notice_view *v, const struct notice *n)
{
	const struct notice *was = &v->row.n;
	char day[11];

	if (n->received_at != was->received_at) {
		if (was->feedback_at != CD_TIME_NONE)
			return act_fail(c, CD_EINVAL, "received_at",
					"received_at: 已反馈的通报不能更正接收时间（它决定是否按期"
					"反馈） — the receipt time of a notice already answered "
					"cannot be corrected");
		if (was->nevents && n->received_at > was->events[0].at)
			return act_fail(c, CD_EINVAL, "received_at",
					"received_at: 不能晚于第一个整改步骤 — not after the first "
					"step of the loop");
	}
	if (n->stated_due != was->stated_due) {
		if (was->verified_at != CD_TIME_NONE)
			return act_fail(c, CD_EINVAL, "due",
					"due: 已核查闭环的通报不能更正期限 — the deadline of a "
					"verified notice cannot be corrected");
		if (n->stated_due != CD_DATE_NONE &&
		    n->stated_due < time_cst_date(n->received_at))
			return act_fail(c, CD_EINVAL, "due",
					"due: 期限 %s 早于接收日期 — the deadline is before receipt",
					date_format(n->stated_due, day));
	}
	return CD_OK;
}

enum cd_err svc_notice_correct(struct act *c, int64_t id, const char *code,
			       const struct notice_fix *in, struct notice_view *out)
{
	struct notice_view v;
	struct notice n;
	json_t *before = json_object(), *after = json_object();
	char obj[32];
	bool yes = true;
	enum cd_err rc;

	if (!before || !after)
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	else if (!in->reason || !*in->reason)
		rc = act_fail(c, CD_EINVAL, "reason", "reason: 请说明更正原因 — say why it is corrected");
	else if (in->received_at != CD_TIME_NONE)
		rc = act_not_future(c, in->received_at, "received_at");
	else
		rc = CD_OK;
	if (!rc)
		rc = act_begin(c);
	if (rc) {
		json_decref(before);
		json_decref(after);
		return rc;
	}
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = svc_notice_get(c, id, code, &v);
	n = v.row.n;
	if (!rc && in->code)
		rc = act_docno(c, in->code, "code", &n.code);
	if (!rc && in->unit)
		rc = act_ref(c, SK_UNIT, in->unit, "unit", &n.unit);
	if (!rc) {
		n.authority = in->authority ? in->authority : n.authority;
		n.category = act_text(in->category, n.category, in->clear, NOTICE_CLEAR_CATEGORY);
		n.text = act_text(in->text, n.text, in->clear, NOTICE_CLEAR_TEXT);
		n.attachment =
			act_text(in->attachment, n.attachment, in->clear, NOTICE_CLEAR_ATTACHMENT);
		if (in->received_at != CD_TIME_NONE)
			n.received_at = in->received_at;
		n.stated_due = act_date(in->due, n.stated_due, in->clear, NOTICE_CLEAR_DUE);
		rc = fix_check(c, &v, &n);
	}
	if (!rc) {
		const struct notice *w = &v.row.n;

		svc_fix_text(before, after, "code", w->code, n.code);
		svc_fix_text(before, after, "authority", w->authority, n.authority);
		svc_fix_text(before, after, "unit", v.row.unit_code, in->unit ? in->unit : v.row.unit_code);
		svc_fix_text(before, after, "category", w->category, n.category);
		svc_fix_text(before, after, "text", w->text, n.text);
		svc_fix_text(before, after, "attachment", w->attachment, n.attachment);
		svc_fix_time(before, after, "received_at", w->received_at, n.received_at);
		fix_date(before, after, "due", w->stated_due, n.stated_due);
		if (!json_object_size(after))
			rc = act_fail(c, CD_EINVAL, NULL,
				      "没有要更正的内容 — nothing differs from what is recorded");
	}
	if (!rc && (rc = store_notice_update(c->s, &n, c->d)) == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "code", "code: 通报 %s 已登记 — notice %s is already "
						       "recorded", n.code, n.code);
	if (!rc && c->scope && !(rc = store_notice_concerns(c->s, n.id, c->scope, &yes, c->d)) &&
	    !yes)
		rc = act_out_of_scope(c, "unit", "the notice must stay within your scope");
	if (!rc)
		rc = svc_correction_keep(c, "notice", n.id, before, after, in->reason);
	if (!rc)
		rc = svc_notice_verdict_keep(c, n.id);
	snprintf(obj, sizeof obj, "notice:%lld", rc ? 0LL : (long long)n.id);
	if (rc) {
		json_decref(before);
		json_decref(after);
		before = after = NULL;
	}
	if ((rc = act_end(c, rc, "notice.correct", obj, before, after)))
		return rc;
	return svc_notice_get(c, n.id, NULL, out);
}

static json_t *days_json(int days)
{
	return json_pack("{s:o}", "notice_default_workdays",
			 days ? json_integer(days) : json_null());
}

enum cd_err svc_notice_default_set(struct act *c, int days)
{
	char v[16];
	int was = 0;
	enum cd_err rc;

	if (days < 0 || days > POLICY_NOTICE_DEFAULT_MAX)
		return act_fail(c, CD_EINVAL, "notice_default_workdays",
				"notice_default_workdays: 给出 1 至 %d 个工作日，或不设（null） — give 1 "
				"to %d working days, or none",
				POLICY_NOTICE_DEFAULT_MAX, POLICY_NOTICE_DEFAULT_MAX);
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* the obligations do not derive from it */
	rc = policy_notice_default(c->s, &was, c->d);
	snprintf(v, sizeof v, "%d", days);
	if (!rc)
		rc = store_meta_set(c->s, POLICY_NOTICE_DEFAULT, v, c->d);
	return act_end(c, rc, "settings.notice_default", "settings", rc ? NULL : days_json(was),
		       rc ? NULL : days_json(days));
}

static json_t *reporter_json(int r)
{
	return json_pack("{s:o}", "reporter_type",
			 r >= 0 ? json_string(reporter_code((enum reporter)r)) : json_null());
}

enum cd_err svc_reporter_type_get(struct act *c, int *reporter)
{
	bool set;
	enum reporter r;
	enum cd_err rc = policy_reporter_type(c->s, &set, &r, c->d);

	*reporter = !rc && set ? (int)r : -1;
	return rc;
}

enum cd_err svc_reporter_type_set(struct act *c, int reporter)
{
	int was = -1;
	enum cd_err rc;

	if (reporter < -1 || reporter >= REPORTER__MAX)
		return act_fail(c, CD_EINVAL, "reporter_type",
				"reporter_type: 给出 cii、central_organ 或 other，或不设（null） — give "
				"cii, central_organ or other, or none");
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* the obligations do not derive from it */
	rc = svc_reporter_type_get(c, &was);
	if (!rc && reporter >= 0)
		rc = store_meta_set(c->s, POLICY_REPORTER_TYPE, reporter_code((enum reporter)reporter),
				    c->d);
	else if (!rc)
		rc = store_meta_set(c->s, POLICY_REPORTER_TYPE, "", c->d);
	return act_end(c, rc, "settings.reporter_type", "settings", rc ? NULL : reporter_json(was),
		       rc ? NULL : reporter_json(reporter));
}

static json_t *approval_json(bool on)
{
	return json_pack("{s:b}", "feedback_approval", on);
}

enum cd_err svc_feedback_approval_get(struct act *c, bool *on)
{
	return policy_feedback_approval(c->s, on, c->d);
}

enum cd_err svc_feedback_approval_set(struct act *c, bool on)
{
	bool was = false;
	enum cd_err rc;

	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* the obligations do not derive from it */
	rc = policy_feedback_approval(c->s, &was, c->d);
	if (!rc)
		rc = store_meta_set(c->s, POLICY_FEEDBACK_APPROVAL, on ? "1" : "0", c->d);
	return act_end(c, rc, "settings.feedback_approval", "settings",
		       rc ? NULL : approval_json(was), rc ? NULL : approval_json(on));
}

enum cd_err svc_notice_default_get(struct act *c, int *days, int *policy_days)
{
	int p = c->pol->p->numbers.rectify_workdays;

	*policy_days = p > 0 ? p : 0;
	return policy_notice_default(c->s, days, c->d);
}

/* ---- the one JSON of a notice ---- */

enum cd_err svc_correction_keep(struct act *c, const char *object, int64_t id, json_t *before,
				json_t *after, const char *reason)
{
	struct correction fix = {.at = c->now, .by = c->actor, .reason = reason};
	json_t *changes = json_object();
	const char *k;
	json_t *val;
	char *text;
	enum cd_err rc;

	json_object_foreach(after, k, val)
		json_object_set_new(changes, k, json_pack("[O, O]", json_object_get(before, k), val));
	fix.changes = text = json_dumps(changes, JSON_COMPACT);
	json_decref(changes);
	rc = text ? store_correction_add(c->s, object, id, &fix, c->d)
		  : cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	free(text);
	json_object_set_new(after, "reason", json_string(reason));
	return rc;
}

json_t *svc_corrections_json(const struct correction *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		json_array_append_new(a, json_pack("{s:o, s:s, s:s, s:o}", "at", jnull_time(v[i].at),
						   "by", v[i].by ? v[i].by : "", "reason",
						   v[i].reason ? v[i].reason : "", "changes",
						   json_loads(v[i].changes ? v[i].changes : "{}",
							      0, NULL)));
	return a;
}

void svc_notice_write(struct jw *w, const struct act *c, const struct notice_view *v, cd_time at,
		      bool full)
{
	const struct notice *n = &v->row.n;
	const struct profile *p = c->eff ? c->eff : c->pol->p;
	char buf[64];

	jw_obj(w, NULL);
	jw_int(w, "id", n->id);
	jw_str(w, "code", n->code);
	jw_str(w, "authority", n->authority);
	jw_time(w, "received_at", n->received_at);
	jw_str(w, "unit", v->row.unit_code);
	jw_str(w, "unit_name", v->row.unit_name);
	jw_arr(w, "assets");
	for (size_t i = 0; i < n->nassets; i++)
		jw_str(w, NULL, v->row.asset_code[i]);
	jw_end(w);
	/* the systems' names, in the order of "assets" (codes), for the pages */
	jw_arr(w, "asset_names");
	for (size_t i = 0; i < n->nassets; i++)
		jw_str(w, NULL, v->row.asset_name[i]);
	jw_end(w);
	jw_str(w, "category", n->category);
	/* stage, due, due_basis, state, repeat, criticism (通报批评, Yantai 五), support and
	 * similar_total: the engine's verdict, one encoder for the API, --json and eval */
	notice_verdict_members(w, p, n, &v->due, at, v->repeat_code != NULL, n->similar_total);
	/* the unit leader's approval of the feedback (请示报告), or null */
	jw_time(w, "approved_at", n->approved_at);
	jw_str(w, "approved_by", n->approved_by);
	/* the working days left to answer (negative: past the due date), while not answered */
	if (v->due.due != CD_DATE_NONE && n->feedback_at == CD_TIME_NONE)
		jw_int(w, "workdays_left",
		       calendar_workdays_until(v->cal, time_cst_date(at), v->due.due));
	else
		jw_null(w, "workdays_left");
	jw_int(w, "similar_unchecked", (int64_t)v->row.similar_unchecked);
	jw_int(w, "similar_checked", (int64_t)(v->row.similar_listed - v->row.similar_unchecked));
	jw_arr(w, "warnings");
	if (v->due.estimated)
		jw_str(w, NULL, lang_tr("due date counted through a year without "
					"an official holiday calendar (Monday–Friday)"));
	if (v->due.due == CD_DATE_NONE)
		jw_str(w, NULL, lang_tr("政策未规定整改时限，通报也未写明期限；可设定本单位默认整改"
					"时限 — the profile sets no rectification period"));
	jw_end(w);
	if (!full) {
		jw_end(w);
		return;
	}
	jw_str(w, "text", n->text);
	jw_str(w, "attachment", n->attachment);
	jw_date(w, "stated_due", n->stated_due);
	if (v->repeat_code) {
		jw_obj(w, "repeat_of");
		jw_str(w, "asset", v->repeat_asset ? v->repeat_asset : "?");
		jw_time(w, "at", v->repeat.at);
		jw_str(w, "kind", v->repeat_is_notice ? "notice" : "incident");
		jw_str(w, "code", v->repeat_code);
		jw_end(w);
	} else {
		jw_null(w, "repeat_of");
	}
	jw_arr(w, "timeline");
	for (size_t i = 0; i < n->nevents; i++) {
		const struct notice_event *e = &n->events[i];

		jw_obj(w, NULL);
		jw_str(w, "event", notice_event_code(e->kind));
		jw_time(w, "at", e->at);
		jw_str(w, "by", e->by);
		jw_str(w, "note", e->note);
		jw_date(w, "extended_to", e->extended_to);
		jw_end(w);
	}
	jw_end(w);
	jw_arr(w, "similar");
	for (size_t i = 0; i < n->nsimilar; i++) {
		const struct notice_check *k = &n->similar[i];

		jw_obj(w, NULL);
		jw_str(w, "asset", v->row.similar_code ? v->row.similar_code[i] : "?");
		jw_str(w, "name", v->row.similar_name ? v->row.similar_name[i] : "");
		jw_str(w, "why", similar_describe(k->why, buf, sizeof(buf)));
		jw_time(w, "checked_at", k->checked_at);
		jw_str(w, "checked_by", k->checked_by);
		jw_str(w, "note", k->note);
		jw_end(w);
	}
	jw_end(w);
	{
		json_t *fixes = svc_corrections_json(v->fixes, v->nfixes);

		if (!fixes)
			w->failed = true;
		jw_json(w, "corrections", fixes);
		json_decref(fixes);
	}
	jw_end(w);
}

json_t *svc_notice_json(const struct act *c, const struct notice_view *v, cd_time at, bool full)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	svc_notice_write(&w, c, v, at, full);
	return jw_tree(&w, &b);
}

/* ---- the kept verdict (schema 0038, svc/verdicts.c) ---- */

enum cd_err svc_notice_verdict(struct act *c, int64_t id, struct notice_verdict *out)
{
	const struct calendar *cal = NULL;
	struct notice_view v;
	enum cd_err rc = act_calendar(c, &cal);

	memset(&v, 0, sizeof v);
	if (!rc)
		rc = store_notice_brief(c->s, id, NULL, c->a, &v.row, c->d);
	/* its due date and stage as every read computes them (no repeat: no events given) */
	if (!rc)
		rc = view_fill(c, cal, &v, false, NULL, 0);
	if (rc)
		return rc;
	*out = (struct notice_verdict){.notice = id, .stage = v.row.n.stage, .due = v.due.due,
				       .feedback_at = v.row.n.feedback_at};
	return CD_OK;
}

enum cd_err svc_notice_verdict_keep(struct act *c, int64_t id)
{
	struct notice_verdict v;
	enum cd_err rc = svc_notice_verdict(c, id, &v);

	return rc ? rc : store_notice_verdict_put(c->s, &v, c->d);
}
