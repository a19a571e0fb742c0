/* notices.c — the acts and reads of official notices (通报): record one, its closed loop, the
 * 举一反三 checks; one notice or a page read from the store with its due date, state and repeat. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/calendar_load.h"
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
	const struct profile *p = c->pol->p;
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

/* read_one reads the notice named by id or code of the caller's scope into v. */
static enum cd_err read_one(struct act *c, int64_t id, const char *code, struct notice_view *v)
{
	bool yes = true;
	enum cd_err rc;

	memset(v, 0, sizeof *v);
	rc = store_notice_get(c->s, id, code, c->a, &v->row, c->d);
	if (!rc && c->scope)
		rc = store_notice_concerns(c->s, v->row.n.id, c->scope, &yes, c->d);
	if (rc == CD_ENOTFOUND || (!rc && !yes)) {
		if (id)
			return act_fail(c, CD_ENOTFOUND, NULL, "no notice %lld", (long long)id);
		return act_fail(c, CD_ENOTFOUND, NULL, "no notice %s", code ? code : "");
	}
	return rc;
}

enum cd_err svc_notice_get(struct act *c, int64_t id, const char *code, struct notice_view *out)
{
	const struct calendar *cal = NULL;
	enum cd_err rc = read_one(c, id, code, out);

	if (!rc)
		rc = act_calendar(c, &cal);
	return rc ? rc : view_fill(c, cal, out, true, NULL, 0);
}

enum cd_err svc_notice_page(struct act *c, struct work_query q, int state, cd_time at,
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
	n.code = in->code;
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
	if (in->unit && (rc = act_ref(c, SK_UNIT, in->unit, "unit", &n.unit)))
		return rc;
	if (!n.unit) {
		struct asset_row a;

		if ((rc = store_asset_get(c->s, n.assets[0], c->a, &a, c->d)))
			return rc;
		n.unit = a.a.rel[REL_MANAGER];
	}
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
	if (!rc)
		rc = store_notice_get(c->s, n.id, NULL, c->a, &row, c->d);
	snprintf(obj, sizeof obj, "notice:%lld", (long long)n.id);
	if ((rc = act_end(c, rc, "notice.create", obj, NULL, rc ? NULL : notice_after(&n, &row))))
		return rc;
	return svc_notice_get(c, n.id, NULL, out);
}

/* step_json: what the audit keeps of a step and the stage it moved from or to. */
static json_t *step_json(const struct notice *n, const struct notice_event *e)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "code", n->code, "event",
			 notice_event_code(e->kind), "at", jnull_time(e->at), "by",
			 jnull_str(e->by), "note", jnull_str(e->note), "extended_to",
			 jnull_date(e->extended_to), "stage", notice_stage_code(n->stage));
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
	if (e.kind == NEV_EXTEND && (!e.by || !*e.by))
		return act_fail(c, CD_EINVAL, "by", "by: say who granted the extension");
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	/* read inside the transaction: two steps at once are put in order by the database */
	rc = svc_notice_get(c, id, code, &v);
	if (rc)
		return act_end(c, rc, NULL, NULL, NULL, NULL);
	before = json_pack("{s:s}", "stage", notice_stage_code(v.row.n.stage));
	if ((rc = notice_apply(&v.row.n, &e, v.due.due, c->d))) {
		cd_diag_prefix(c->d, v.row.n.code);
		c->field = NULL;
		rc = rc == CD_EINVAL ? CD_ECONFLICT : rc; /* out of order: a conflict with its state */
	}
	if (!rc)
		rc = store_notice_event_add(c->s, v.row.n.id, &e, c->d);
	snprintf(action, sizeof action, "notice.%s", notice_event_code(e.kind));
	snprintf(obj, sizeof obj, "notice:%lld", (long long)v.row.n.id);
	if ((rc = act_end(c, rc, action, obj, before, rc ? NULL : step_json(&v.row.n, &e))))
		return rc;
	return svc_notice_get(c, v.row.n.id, NULL, out);
}

enum cd_err svc_notice_check(struct act *c, int64_t id, const char *code, const char *asset,
			     cd_time at, const char *by, struct notice_view *out)
{
	struct notice_view v;
	int64_t aid = 0;
	char obj[32];
	enum cd_err rc;

	if (at == CD_TIME_NONE)
		at = c->now;
	if ((rc = act_not_future(c, at, "at")) || (rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = svc_notice_get(c, id, code, &v);
	if (!rc)
		rc = act_ref(c, SK_ASSET, asset, "asset", &aid);
	if (!rc && at < v.row.n.received_at)
		rc = act_fail(c, CD_EINVAL, "at", "at: is before the notice was received");
	if (!rc) {
		rc = store_notice_check(c->s, v.row.n.id, aid, at, by, c->d);
		if (rc == CD_ENOTFOUND)
			rc = act_fail(c, CD_ECONFLICT, "asset",
				      "asset: %s is not on the 举一反三 list of notice %s, or was "
				      "checked already", asset, v.row.n.code);
	}
	snprintf(obj, sizeof obj, "notice:%lld", rc ? 0LL : (long long)v.row.n.id);
	rc = act_end(c, rc, "notice.checked", obj, NULL,
		     rc ? NULL
			: json_pack("{s:s, s:s, s:o, s:o}", "code", v.row.n.code, "asset", asset,
				    "at", jnull_time(at), "by", jnull_str(by)));
	return rc ? rc : svc_notice_get(c, v.row.n.id, NULL, out);
}

/* ---- the one JSON of a notice ---- */

json_t *svc_notice_json(const struct act *c, const struct notice_view *v, cd_time at, bool full)
{
	const struct notice *n = &v->row.n;
	const struct profile *p = c->pol->p;
	json_t *o = json_object(), *assets = json_array(), *w = json_array();
	char buf[64];

	for (size_t i = 0; i < n->nassets; i++)
		json_array_append_new(assets, json_string(v->row.asset_code[i]));
	if (v->due.estimated)
		json_array_append_new(w, json_string("due date counted through a year without an "
						     "official holiday calendar (Monday–Friday)"));
	if (v->due.due == CD_DATE_NONE)
		json_array_append_new(w, json_string("the profile sets no rectification period"));
	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "code", json_string(n->code));
	json_object_set_new(o, "authority", json_string(n->authority));
	json_object_set_new(o, "received_at", jnull_time(n->received_at));
	json_object_set_new(o, "unit", jnull_str(v->row.unit_code));
	json_object_set_new(o, "assets", assets);
	json_object_set_new(o, "category", jnull_str(n->category));
	json_object_set_new(o, "stage", json_string(notice_stage_code(n->stage)));
	json_object_set_new(o, "due", jnull_date(v->due.due));
	json_object_set_new(o, "state",
			    json_string(due_state_code(notice_state(n, &v->due, at))));
	json_object_set_new(o, "repeat", json_boolean(v->repeat_code != NULL));
	json_object_set_new(o, "criticism",
			    v->repeat_code ? json_pack("{s:b, s:s}", "proposed", 1, "article",
						       p->numbers.repeat_article
							       ? p->numbers.repeat_article
							       : "")
					   : json_null());
	json_object_set_new(o, "similar_unchecked",
			    json_integer((json_int_t)v->row.similar_unchecked));
	json_object_set_new(o, "similar_total", json_integer((json_int_t)n->similar_total));
	json_object_set_new(o, "warnings", w);
	if (!full)
		return o;
	json_object_set_new(o, "text", jnull_str(n->text));
	json_object_set_new(o, "attachment", jnull_str(n->attachment));
	json_object_set_new(o, "stated_due", jnull_date(n->stated_due));
	json_object_set_new(o, "repeat_of",
			    v->repeat_code ? json_pack("{s:s, s:o, s:s, s:s}", "asset",
						       v->repeat_asset ? v->repeat_asset : "?",
						       "at", jnull_time(v->repeat.at), "kind",
						       v->repeat_is_notice ? "notice" : "incident",
						       "code", v->repeat_code)
					   : json_null());
	{
		json_t *tl = json_array(), *sim = json_array();

		for (size_t i = 0; i < n->nevents; i++) {
			const struct notice_event *e = &n->events[i];

			json_array_append_new(
				tl, json_pack("{s:s, s:o, s:o, s:o, s:o}", "event",
					      notice_event_code(e->kind), "at", jnull_time(e->at),
					      "by", jnull_str(e->by), "note", jnull_str(e->note),
					      "extended_to", jnull_date(e->extended_to)));
		}
		for (size_t i = 0; i < n->nsimilar; i++) {
			const struct notice_check *k = &n->similar[i];

			json_array_append_new(
				sim, json_pack("{s:s, s:s, s:s, s:o, s:o}", "asset",
					       v->row.similar_code ? v->row.similar_code[i] : "?",
					       "name",
					       v->row.similar_name ? v->row.similar_name[i] : "",
					       "why", similar_describe(k->why, buf, sizeof(buf)),
					       "checked_at", jnull_time(k->checked_at),
					       "checked_by", jnull_str(k->checked_by)));
		}
		json_object_set_new(o, "timeline", tl);
		json_object_set_new(o, "similar", sim);
	}
	return o;
}
