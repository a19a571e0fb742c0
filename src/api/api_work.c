/* api_work.c — the office's and the units' daily work over the book (svc/book.h): official
 * notices (通报) and their closed loop (rectify, feedback, verify, extend, 举一反三 checks),
 * incidents with their reports, close and accountability case (propose, recommend, decide),
 * records of meetings, drills and training, and the deadlines of the year. Each request loads
 * the book as of today; a caller scoped to a unit subtree sees what concerns it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "core/profile.h"
#include "profile/profile_load.h"
#include "svc/accountability.h"
#include "svc/book.h"
#include "svc/book_json.h"

struct wbook {
	struct profile *p;
	struct book b;
	struct incident_env env;
};

static void wbook_close(struct wbook *w)
{
	book_free(&w->b);
	profile_free(w->p);
}

/* wbook_open loads the organisation's book as of today (China Standard Time). */
static int wbook_open(struct api_ctx *x, struct wbook *w, bool incidents)
{
	char *id = NULL, *src = NULL;
	size_t len = 0;
	struct cd_diag d = {{0}};
	enum cd_err rc;

	memset(w, 0, sizeof *w);
	rc = store_profile_get(x->q->store, &id, &src, &len, &d);
	if (rc == CD_OK)
		rc = profile_load_buffer(src, len, "profile as installed", &w->p, &d);
	free(id);
	free(src);
	if (rc == CD_OK)
		rc = book_load(x->q->store, w->p, time_cst_date(x->q->now), &w->b, &d);
	if (rc == CD_OK && incidents)
		rc = book_incident_env(&w->b, &w->env, &d);
	if (rc != CD_OK) {
		wbook_close(w);
		return api_err(x, rc == CD_ENOTFOUND || rc == CD_EINVAL ? CD_ESTORE : rc, NULL, &d);
	}
	return 0;
}

static int64_t scope_top(const struct api_ctx *x)
{
	return x->who.unit;
}

/* unit_ref: a unit code of the body → id (0 when not given). */
static int unit_ref(struct api_ctx *x, struct wbook *w, const char *field, int64_t *id)
{
	const struct fval *v = api_val(x, field);
	const struct unit *u;

	*id = 0;
	if (!v->set || v->null)
		return 0;
	if (!(u = reg_unit_by_code(w->b.reg, v->s)))
		return api_fail(x, 422, "not_found", field, "%s: no unit \"%.64s\"", field, v->s);
	*id = u->id;
	return 0;
}

/* assets_ref: the asset codes of the body → ids in the request's arena. */
static int assets_ref(struct api_ctx *x, struct wbook *w, const char *field, int64_t **out,
		      size_t *n)
{
	json_t *arr = api_val(x, field)->arr, *e;
	size_t i;

	*n = json_array_size(arr);
	if (!(*out = arena_alloc(x->a, (*n + 1) * sizeof **out)))
		return api_fail(x, 500, "internal", NULL, "out of memory");
	json_array_foreach(arr, i, e) {
		const struct asset *a = reg_asset_by_code(w->b.reg, json_string_value(e));

		if (!a)
			return api_fail(x, 422, "not_found", field, "%s[%zu]: no asset \"%.64s\"",
					field, i, json_string_value(e));
		for (size_t k = 0; k < i; k++)
			if ((*out)[k] == a->id)
				return api_fail(x, 422, "invalid", field,
						"%s[%zu]: %s is given twice", field, i, a->code);
		(*out)[i] = a->id;
	}
	return 0;
}

static cd_time time_or_now(struct api_ctx *x, const char *field)
{
	const struct fval *v = api_val(x, field);

	return v && v->set && !v->null ? v->t : x->q->now;
}

static const char *str_of(struct api_ctx *x, const char *field)
{
	const struct fval *v = api_val(x, field);

	return v && v->set && !v->null ? v->s : NULL;
}

/* not_future refuses a time after now (a step is recorded when it has been done). */
static int not_future(struct api_ctx *x, const char *field, cd_time t)
{
	if (t > x->q->now + 60)
		return api_fail(x, 422, "invalid", field,
				"%s: lies in the future; record what has happened", field);
	return 0;
}

/* unit_filter: the unit of the query's "unit" filter → id (0 when not given; 400 when none). */
static int unit_filter(struct api_ctx *x, struct wbook *w, int64_t *id)
{
	const struct fval *v = api_qval(x, "unit");
	const struct unit *u;

	*id = 0;
	if (!v->set)
		return 0;
	if (!(u = reg_unit_by_code(w->b.reg, v->s)))
		return api_fail(x, 400, "invalid", "unit", "unit: no unit \"%.64s\"", v->s);
	*id = u->id;
	return 0;
}

/* --- notices ------------------------------------------------------------------------------------ */

static struct notice *notice_in_scope(struct api_ctx *x, struct wbook *w)
{
	struct notice *n = book_notice_by_id(&w->b, x->id);

	return n && book_notice_concerns(&w->b, n, scope_top(x)) ? n : NULL;
}

int api_notices_list(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state");
	struct wbook w;
	struct api_pager pg;
	int64_t top = scope_top(x), unit = 0;
	json_t *items;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = wbook_open(x, &w, false)))
		return st;
	if ((st = unit_filter(x, &w, &unit))) {
		wbook_close(&w);
		return st;
	}
	items = json_array();
	for (size_t j = 0; j < w.b.nnotices; j++) {
		const struct notice *n = &w.b.notices[api_pager_index(&pg, j, w.b.nnotices)];
		struct notice_due due = notice_due(n, w.p, w.b.cal);
		enum page_step step;
		json_t *o;

		if (!book_notice_concerns(&w.b, n, top) ||
		    (unit && !book_notice_concerns(&w.b, n, unit)) ||
		    (state->set && notice_state(n, &due, x->q->now) != (enum due_state)state->i) ||
		    (step = api_pager_step(&pg, n->id)) == PAGE_SKIP)
			continue;
		if (step == PAGE_STOP)
			break;
		o = book_notice_json(&w.b, n, x->q->now, false);
		json_object_set_new(o, "id", json_integer(n->id));
		json_array_append_new(items, o);
	}
	st = api_pager_answer(x, &pg, items);
	wbook_close(&w);
	return st;
}

int api_notice_get(struct api_ctx *x)
{
	struct wbook w;
	struct notice *n;
	json_t *o;
	int st;

	if ((st = wbook_open(x, &w, false)))
		return st;
	if (!(n = notice_in_scope(x, &w)))
		st = api_fail(x, 404, "not_found", NULL, "no notice %lld", (long long)x->id);
	else {
		o = book_notice_json(&w.b, n, x->q->now, true);
		json_object_set_new(o, "id", json_integer(n->id));
		st = api_ok(x, 200, o);
	}
	wbook_close(&w);
	return st;
}

static int notice_prepare(struct api_ctx *x, struct wbook *w, struct notice *n)
{
	const struct fval *due = api_val(x, "due");
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	notice_init(n);
	n->code = api_val(x, "code")->s;
	n->authority = api_val(x, "authority")->s;
	n->category = str_of(x, "category");
	n->text = str_of(x, "text");
	n->attachment = str_of(x, "attachment");
	n->received_at = time_or_now(x, "received_at");
	if ((st = not_future(x, "received_at", n->received_at)))
		return st;
	if (due->set)
		n->stated_due = due->date;
	if (book_notice(&w->b, n->code))
		return api_fail(x, 409, "conflict", "code", "notice %s is already recorded",
				n->code);
	if ((st = assets_ref(x, w, "assets", &n->assets, &n->nassets)) ||
	    (st = unit_ref(x, w, "unit", &n->unit)))
		return st;
	rc = book_notice_prepare(&w->b, n, x->a, &d);
	if (rc != CD_OK)
		return api_err(x, rc, rc == CD_EINVAL ? "due" : NULL, &d);
	return 0;
}

int api_notice_create(struct api_ctx *x)
{
	struct wbook w;
	struct notice n;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = wbook_open(x, &w, false)))
		return st;
	if ((st = notice_prepare(x, &w, &n)) || (st = api_begin(x))) {
		wbook_close(&w);
		return st;
	}
	if ((rc = store_notice_add(x->q->store, &n, &d)) != CD_OK) {
		store_rollback(x->q->store);
		wbook_close(&w);
		return api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, &d);
	}
	snprintf(x->object, sizeof x->object, "notice:%lld", (long long)n.id);
	/* the audit keeps the summary (the full answer carries the text and the 举一反三 list,
	 * which can outgrow an entry's AUDIT_VALUE_MAX in a large organisation) */
	x->after = book_notice_json(&w.b, &n, x->q->now, false);
	json_object_set_new(x->after, "id", json_integer(n.id));
	{
		json_t *full = book_notice_json(&w.b, &n, x->q->now, true);

		json_object_set_new(full, "id", json_integer(n.id));
		st = api_commit(x, 201, full);
	}
	wbook_close(&w);
	return st;
}

/* notice_step records one step of the closed loop: the route's path names it. */
static int notice_step(struct api_ctx *x, enum notice_event_kind kind)
{
	struct notice_event e = {.kind = kind, .extended_to = CD_DATE_NONE};
	struct wbook w;
	struct notice *n;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	e.at = time_or_now(x, "at");
	e.by = str_of(x, "by");
	e.note = str_of(x, "note");
	if (kind == NEV_EXTEND) {
		e.extended_to = api_val(x, "to")->date;
		e.note = api_val(x, "reason")->s;
		if (!e.by)
			return api_fail(x, 422, "required", "by", "by: say who granted the extension");
	}
	if ((st = not_future(x, "at", e.at)) || (st = wbook_open(x, &w, false)))
		return st;
	if (!(n = notice_in_scope(x, &w))) {
		wbook_close(&w);
		return api_fail(x, 404, "not_found", NULL, "no notice %lld", (long long)x->id);
	}
	snprintf(x->object, sizeof x->object, "notice:%lld", (long long)n->id);
	x->before = json_pack("{s:s}", "stage", notice_stage_code(n->stage));
	rc = notice_apply(n, &e, notice_due(n, w.p, w.b.cal).due, &d);
	if (rc != CD_OK) {
		st = api_fail(x, rc == CD_EINVAL ? 409 : 500, rc == CD_EINVAL ? "conflict" : "internal",
			      NULL, "notice %s: %s", n->code, d.msg);
		wbook_close(&w); /* n lives in the book: after the message */
		return st;
	}
	if ((st = api_begin(x))) {
		wbook_close(&w);
		return st;
	}
	if ((rc = store_notice_event_add(x->q->store, n->id, &e, &d)) != CD_OK) {
		store_rollback(x->q->store);
		wbook_close(&w);
		return api_err(x, rc, NULL, &d);
	}
	x->after = book_notice_json(&w.b, n, x->q->now, false);
	json_object_set_new(x->after, "id", json_integer(n->id));
	st = api_commit(x, 200, json_incref(x->after));
	wbook_close(&w);
	return st;
}

int api_notice_start(struct api_ctx *x) { return notice_step(x, NEV_START); }
int api_notice_rectify(struct api_ctx *x) { return notice_step(x, NEV_RECTIFY); }
int api_notice_feedback(struct api_ctx *x) { return notice_step(x, NEV_FEEDBACK); }
int api_notice_verify(struct api_ctx *x) { return notice_step(x, NEV_VERIFY); }
int api_notice_support(struct api_ctx *x) { return notice_step(x, NEV_SUPPORT); }
int api_notice_extend(struct api_ctx *x) { return notice_step(x, NEV_EXTEND); }

int api_notice_checked(struct api_ctx *x)
{
	struct wbook w;
	struct notice *n;
	const struct asset *a;
	struct cd_diag d = {{0}};
	cd_time at = time_or_now(x, "at");
	enum cd_err rc;
	int st;

	if ((st = not_future(x, "at", at)) || (st = wbook_open(x, &w, false)))
		return st;
	if (!(n = notice_in_scope(x, &w)))
		st = api_fail(x, 404, "not_found", NULL, "no notice %lld", (long long)x->id);
	else if (!(a = reg_asset_by_code(w.b.reg, api_val(x, "asset")->s)))
		st = api_fail(x, 422, "not_found", "asset", "asset: no asset \"%.64s\"",
			      api_val(x, "asset")->s);
	else if (at < n->received_at)
		st = api_fail(x, 422, "invalid", "at", "at: is before the notice was received");
	else if (!(st = api_begin(x))) {
		snprintf(x->object, sizeof x->object, "notice:%lld", (long long)n->id);
		rc = store_notice_check(x->q->store, n->id, a->id, at, str_of(x, "by"), &d);
		if (rc != CD_OK) {
			store_rollback(x->q->store);
			st = rc == CD_ENOTFOUND ? api_fail(x, 409, "conflict", "asset",
							   "asset: %s is not on the 举一反三 list of "
							   "this notice, or was checked already",
							   a->code)
						: api_err(x, rc, NULL, &d);
		} else {
			x->after = json_pack("{s:s, s:s}", "notice", n->code, "checked", a->code);
			st = api_commit(x, 200, json_incref(x->after));
		}
	}
	wbook_close(&w);
	return st;
}

/* --- incidents ---------------------------------------------------------------------------------- */

static bool incident_concerns(const struct book *b, const struct incident *i, int64_t top)
{
	if (!top || (i->unit && book_in_unit(b->reg, i->unit, top)))
		return true;
	for (size_t k = 0; k < i->nassets; k++) {
		const struct asset *a = reg_asset(b->reg, i->assets[k]);

		for (int r = 0; a && r < REL__MAX; r++)
			if (a->rel[r] && book_in_unit(b->reg, a->rel[r], top))
				return true;
	}
	return false;
}

static struct incident *incident_in_scope(struct api_ctx *x, struct wbook *w)
{
	struct incident *i = book_incident_by_id(&w->b, x->id);

	return i && incident_concerns(&w->b, i, scope_top(x)) ? i : NULL;
}

int api_incidents_list(struct api_ctx *x)
{
	struct wbook w;
	struct api_pager pg;
	json_t *items;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = wbook_open(x, &w, true)))
		return st;
	items = json_array();
	for (size_t j = 0; j < w.b.nincidents; j++) {
		const struct incident *inc =
			&w.b.incidents[api_pager_index(&pg, j, w.b.nincidents)];
		struct incident_analysis an;
		enum page_step step;
		json_t *o;

		if (!incident_concerns(&w.b, inc, scope_top(x)) ||
		    (step = api_pager_step(&pg, inc->id)) == PAGE_SKIP)
			continue;
		if (step == PAGE_STOP)
			break;
		if (incident_analyse(&w.env, inc, x->q->now, w.b.a, &an)) {
			json_decref(items);
			wbook_close(&w);
			return api_fail(x, 500, "internal", NULL, "out of memory");
		}
		o = book_incident_list_json(w.b.reg, inc, &an);
		json_object_set_new(o, "id", json_integer(inc->id));
		json_array_append_new(items, o);
	}
	st = api_pager_answer(x, &pg, items);
	wbook_close(&w);
	return st;
}

static json_t *incident_full(struct api_ctx *x, struct wbook *w, const struct incident *inc)
{
	struct incident_analysis an;
	json_t *o;

	if (incident_analyse(&w->env, inc, x->q->now, w->b.a, &an))
		return NULL;
	o = book_incident_json(&w->env, inc, &an);
	if (o)
		json_object_set_new(o, "id", json_integer(inc->id));
	return o;
}

int api_incident_get(struct api_ctx *x)
{
	struct wbook w;
	struct incident *inc;
	int st;

	if ((st = wbook_open(x, &w, true)))
		return st;
	if (!(inc = incident_in_scope(x, &w)))
		st = api_fail(x, 404, "not_found", NULL, "no incident %lld", (long long)x->id);
	else
		st = api_ok(x, 200, incident_full(x, &w, inc));
	wbook_close(&w);
	return st;
}

/* incident_write writes x's events (and x itself when add) with the audit entry. */
static int incident_write(struct api_ctx *x, struct wbook *w, struct incident *inc, bool add,
			  const struct incident_event *e, size_t n, unsigned status)
{
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = api_begin(x)))
		return st;
	rc = book_incident_write(x->q->store, &w->b, inc, add, e, n, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return rc == CD_EINVAL ? api_fail(x, 409, "conflict", NULL, "%s", d.msg)
				       : api_err(x, rc, rc == CD_ECONFLICT ? "code" : NULL, &d);
	}
	snprintf(x->object, sizeof x->object, "incident:%lld", (long long)inc->id);
	x->after = json_pack("{s:s, s:s, s:I}", "incident", inc->code, "event",
			     n ? incident_event_code(e[n - 1].kind) : "add", "events",
			     (json_int_t)n);
	return api_commit(x, status, incident_full(x, w, inc));
}

/* name_known: the name of a set, fact or measure event is one of its vocabulary. */
static bool name_known(const struct incident_event *e)
{
	const char *names = incident_field_names(), *p;
	size_t n = e->name ? strlen(e->name) : 0;

	switch (e->kind) {
	case IEV_FACT:
		return fact_parse(e->name ? e->name : "") >= 0;
	case IEV_MEASURE:
		return measure_parse(e->name ? e->name : "") >= 0;
	case IEV_SET:
		for (p = names; n && (p = strstr(p, e->name)); p += n)
			if ((p == names || p[-1] == ' ') && (!p[n] || p[n] == ','))
				return true;
		return false;
	default:
		return true;
	}
}

/* event_try folds e into a copy of inc first, so that a value the core refuses is answered
 * 422 naming the field at fault — name_field when the name is not in the kind's vocabulary,
 * else value_field — rather than 409 as a conflict with the incident's state. */
static int event_try(struct api_ctx *x, struct wbook *w, const struct incident *inc,
		     struct incident_event *e, const char *name_field, const char *value_field)
{
	struct incident tmp = *inc;
	struct cd_diag d = {{0}};
	enum cd_err rc = book_incident_normalise(&w->b, inc, e, &d);

	if (e->kind != IEV_SET && e->at < inc->detected_at)
		return api_fail(x, 422, "invalid", "at", "at: before the incident was detected");
	if (rc == CD_OK)
		rc = incident_apply(&tmp, e, x->a, &d);
	return rc == CD_OK ? 0 : api_err(x, rc, name_known(e) ? value_field : name_field, &d);
}

int api_incident_create(struct api_ctx *x)
{
	struct wbook w;
	struct incident *inc;
	const struct fval *rep = api_val(x, "reporter");
	struct incident_event ev[2];
	size_t nev = 0;
	int st;

	if ((st = wbook_open(x, &w, true)))
		return st;
	if (book_incident(&w.b, api_val(x, "code")->s)) {
		wbook_close(&w);
		return api_fail(x, 409, "conflict", "code", "incident %s is already recorded",
				api_val(x, "code")->s);
	}
	if (!(inc = arena_alloc(x->a, sizeof *inc))) {
		wbook_close(&w);
		return api_fail(x, 500, "internal", NULL, "out of memory");
	}
	incident_init(inc);
	inc->code = api_val(x, "code")->s;
	inc->title = str_of(x, "title");
	inc->detected_at = api_val(x, "detected_at")->t;
	if ((st = not_future(x, "detected_at", inc->detected_at)) ||
	    (st = assets_ref(x, &w, "assets", &inc->assets, &inc->nassets)) ||
	    (st = unit_ref(x, &w, "unit", &inc->unit))) {
		wbook_close(&w);
		return st;
	}
	if (!inc->unit)
		inc->unit = reg_asset(w.b.reg, inc->assets[0])->rel[REL_MANAGER];
	if (!incident_concerns(&w.b, inc, scope_top(x))) {
		wbook_close(&w);
		return api_fail(x, 422, "out_of_scope", "unit",
				"the incident must concern a unit of your scope");
	}
	if (api_val(x, "occurred_at")->set)
		ev[nev++] = (struct incident_event){.kind = IEV_SET, .at = inc->detected_at,
						    .recorded_at = CD_TIME_NONE,
						    .name = "occurred_at",
						    .value = api_val(x, "occurred_at")->s,
						    .by = str_of(x, "by")};
	if (rep->set)
		ev[nev++] = (struct incident_event){.kind = IEV_SET, .at = inc->detected_at,
						    .recorded_at = CD_TIME_NONE, .name = "reporter",
						    .value = rep->s, .by = str_of(x, "by")};
	st = 0;
	for (size_t i = 0; i < nev && !st; i++)
		st = event_try(x, &w, inc, &ev[i], ev[i].name, ev[i].name);
	if (!st)
		st = incident_write(x, &w, inc, true, ev, nev, 201);
	wbook_close(&w);
	return st;
}

/* incident_act appends events built by `make` to the incident of the path. */
static int incident_act(struct api_ctx *x,
			int (*make)(struct api_ctx *x, struct wbook *w, struct incident *inc,
				    struct incident_event *e, size_t *n))
{
	struct wbook w;
	struct incident *inc;
	struct incident_event *e;
	size_t n = 0;
	int st;

	if ((st = wbook_open(x, &w, true)))
		return st;
	if (!(inc = incident_in_scope(x, &w)))
		st = api_fail(x, 404, "not_found", NULL, "no incident %lld", (long long)x->id);
	else if (!(e = arena_alloc(x->a, 32 * sizeof *e)))
		st = api_fail(x, 500, "internal", NULL, "out of memory");
	else if (!(st = make(x, &w, inc, e, &n)))
		st = incident_write(x, &w, inc, false, e, n, 200);
	wbook_close(&w);
	return st;
}

static int make_report(struct api_ctx *x, struct wbook *w, struct incident *inc,
		       struct incident_event *e, size_t *n)
{
	(void)w;
	(void)inc;
	e[0] = (struct incident_event){.kind = IEV_REPORT, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE,
				       .name = api_val(x, "kind")->s, .value = api_val(x, "to")->s,
				       .by = str_of(x, "by"), .note = str_of(x, "note")};
	*n = 1;
	return not_future(x, "at", e[0].at);
}

static int make_close(struct api_ctx *x, struct wbook *w, struct incident *inc,
		      struct incident_event *e, size_t *n)
{
	(void)w;
	(void)inc;
	e[0] = (struct incident_event){.kind = IEV_CLOSE, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .by = str_of(x, "by"),
				       .note = str_of(x, "note")};
	*n = 1;
	return not_future(x, "at", e[0].at);
}

/* make_case: the engine's proposal or recommendation, kept in the timeline. */
static int make_case(struct api_ctx *x, struct wbook *w, struct incident *inc,
		     struct incident_event *e, size_t *n, enum incident_event_kind kind)
{
	struct incident_analysis an;

	e[0] = (struct incident_event){.kind = kind, .at = x->q->now, .recorded_at = CD_TIME_NONE,
				       .by = str_of(x, "by")};
	if (incident_analyse(&w->env, inc, e[0].at, w->b.a, &an))
		return api_fail(x, 500, "internal", NULL, "out of memory");
	e[0].note = kind == IEV_PROPOSE ? accountability_proposal(&w->env, inc, &an, e[0].at, w->b.a)
					: incident_recommend(&w->env, inc, &an, w->b.a);
	if (!e[0].note)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	*n = 1;
	return 0;
}

static int make_propose(struct api_ctx *x, struct wbook *w, struct incident *inc,
			struct incident_event *e, size_t *n)
{
	return make_case(x, w, inc, e, n, IEV_PROPOSE);
}

static int make_recommend(struct api_ctx *x, struct wbook *w, struct incident *inc,
			  struct incident_event *e, size_t *n)
{
	return make_case(x, w, inc, e, n, IEV_RECOMMEND);
}

static int make_decide(struct api_ctx *x, struct wbook *w, struct incident *inc,
		       struct incident_event *e, size_t *n)
{
	json_t *arr = api_val(x, "outcomes")->arr, *o;
	cd_date day = api_val(x, "date")->date;
	cd_time at;
	size_t i;

	(void)inc;
	if (day > time_cst_date(x->q->now))
		return api_fail(x, 422, "invalid", "date", "date: lies in the future; record a "
							   "decision taken");
	at = time_cst_end(day) - 1 < x->q->now ? time_cst_end(day) - 1 : x->q->now;
	json_array_foreach(arr, i, o) {
		const char *s = json_string_value(o), *eq = strchr(s, '=');
		char code[65];
		const struct person *p;

		if (!eq || eq == s || !eq[1] || (size_t)(eq - s) >= sizeof code)
			return api_fail(x, 422, "invalid", "outcomes",
					"outcomes[%zu]: give PERSON=OUTCOME, e.g. P01=通报批评", i);
		snprintf(code, sizeof code, "%.*s", (int)(eq - s), s);
		if (!(p = reg_person_by_code(w->b.reg, code)))
			return api_fail(x, 422, "not_found", "outcomes",
					"outcomes[%zu]: no person \"%s\"", i, code);
		for (size_t k = 0; k < i; k++)
			if (e[k].person == p->id)
				return api_fail(x, 422, "invalid", "outcomes",
						"outcomes[%zu]: %s is given twice (one outcome a "
						"person)", i, code);
		e[i] = (struct incident_event){.kind = IEV_DECIDE, .at = at,
					       .recorded_at = CD_TIME_NONE,
					       .name = api_val(x, "authority")->s, .value = eq + 1,
					       .person = p->id, .by = str_of(x, "by")};
	}
	*n = json_array_size(arr);
	return 0;
}

/* What each kind of event takes: R required, A allowed, - refused (name, value, person, note). */
static const struct {
	enum incident_event_kind kind;
	const char *takes;
} event_takes[] = {
	{IEV_SET, "RR-A"},  {IEV_FACT, "RR-A"},  {IEV_MEASURE, "RR-A"}, {IEV_PERSON, "--RA"},
	{IEV_PARTICIPANT, "--RA"}, {IEV_STEP, "---R"}, {IEV_GRADE, "-R-R"},
};

/* event_check answers 422 when a field the kind needs is missing or one it does not take is
 * given. */
static int event_check(struct api_ctx *x, enum incident_event_kind kind)
{
	static const char *const names[] = {"name", "value", "person", "note"};
	const char *takes = "----";
	const char *code = incident_event_code(kind);

	for (size_t i = 0; i < sizeof event_takes / sizeof *event_takes; i++)
		if (event_takes[i].kind == kind)
			takes = event_takes[i].takes;
	for (size_t i = 0; i < 4; i++) {
		const struct fval *v = api_val(x, names[i]);

		if (takes[i] == 'R' && !v->set)
			return api_fail(x, 422, "invalid", names[i], "%s: a %s event needs \"%s\"",
					names[i], code, names[i]);
		if (takes[i] == '-' && v->set)
			return api_fail(x, 422, "invalid", names[i],
					"%s: a %s event does not take \"%s\"", names[i], code,
					names[i]);
	}
	return 0;
}

static int make_event(struct api_ctx *x, struct wbook *w, struct incident *inc,
		      struct incident_event *e, size_t *n)
{
	enum incident_event_kind kind = api_event_kind((int)api_val(x, "kind")->i);
	const char *person = str_of(x, "person");
	const struct person *p = NULL;
	int st;

	if ((st = event_check(x, kind)))
		return st;
	if (person && !(p = reg_person_by_code(w->b.reg, person)))
		return api_fail(x, 422, "not_found", "person", "person: no person \"%s\"", person);
	e[0] = (struct incident_event){.kind = kind, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .name = str_of(x, "name"),
				       .value = str_of(x, "value"), .person = p ? p->id : 0,
				       .note = str_of(x, "note"), .by = str_of(x, "by")};
	if (api_val(x, "value")->set && !e[0].value)
		e[0].value = ""; /* null: unknown again */
	*n = 1;
	if ((st = not_future(x, "at", e[0].at)))
		return st;
	return event_try(x, w, inc, e, "name", p ? "person" : "value");
}

static int make_answer(struct api_ctx *x, struct wbook *w, struct incident *inc,
		       struct incident_event *e, size_t *n)
{
	const char *value = str_of(x, "value");
	int st;

	e[0] = (struct incident_event){.kind = IEV_FACT, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .name = api_val(x, "fact")->s,
				       .value = value ? value : "", .note = str_of(x, "note"),
				       .by = str_of(x, "by")};
	*n = 1;
	if ((st = not_future(x, "at", e[0].at)))
		return st;
	return event_try(x, w, inc, e, "fact", "value");
}

int api_incident_event(struct api_ctx *x) { return incident_act(x, make_event); }
int api_incident_answer(struct api_ctx *x) { return incident_act(x, make_answer); }
int api_incident_report(struct api_ctx *x) { return incident_act(x, make_report); }
int api_incident_close(struct api_ctx *x) { return incident_act(x, make_close); }
int api_incident_propose(struct api_ctx *x) { return incident_act(x, make_propose); }
int api_incident_recommend(struct api_ctx *x) { return incident_act(x, make_recommend); }
int api_incident_decide(struct api_ctx *x) { return incident_act(x, make_decide); }

/* --- records and deadlines ---------------------------------------------------------------------- */

static json_t *record_json(const struct reg *reg, const struct record *r)
{
	const struct unit *u = r->unit ? reg_unit(reg, r->unit) : NULL;

	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)r->id, "kind", record_kind_code(r->kind), "unit",
			 api_json_str(u ? u->code : NULL), "on", api_json_date(r->on), "duty",
			 api_json_str(r->duty), "period", api_json_str(r->period), "title",
			 api_json_str(r->title), "participants", api_json_str(r->participants),
			 "minutes", api_json_str(r->minutes), "attachment",
			 api_json_str(r->attachment));
}

int api_records_list(struct api_ctx *x)
{
	struct wbook w;
	struct api_pager pg;
	json_t *items;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = wbook_open(x, &w, false)))
		return st;
	items = json_array();
	for (size_t j = 0; j < w.b.nrecords; j++) {
		const struct record *r = &w.b.records[api_pager_index(&pg, j, w.b.nrecords)];
		enum page_step step;

		if ((scope_top(x) && !book_in_unit(w.b.reg, r->unit, scope_top(x))) ||
		    (step = api_pager_step(&pg, r->id)) == PAGE_SKIP)
			continue;
		if (step == PAGE_STOP)
			break;
		json_array_append_new(items, record_json(w.b.reg, r));
	}
	st = api_pager_answer(x, &pg, items);
	wbook_close(&w);
	return st;
}

/* record_apply sets r from the fields the body gives (all of them on create) and checks it: a
 * day not in the future, a unit of the caller's scope, a duty of the profile. */
static int record_apply(struct api_ctx *x, struct wbook *w, struct record *r)
{
	const struct fval *v;
	int st;

	if ((v = api_val(x, "kind"))->set)
		r->kind = (enum record_kind)v->i;
	r->on = api_date_or(api_val(x, "on"), r->on);
	r->duty = api_str_or(api_val(x, "duty"), r->duty);
	r->period = api_str_or(api_val(x, "period"), r->period);
	r->title = api_str_or(api_val(x, "title"), r->title);
	r->participants = api_str_or(api_val(x, "participants"), r->participants);
	r->minutes = api_str_or(api_val(x, "minutes"), r->minutes);
	r->attachment = api_str_or(api_val(x, "attachment"), r->attachment);
	if (r->on > time_cst_date(x->q->now))
		return api_fail(x, 422, "invalid", "on", "on: lies in the future; record what took "
						       "place");
	if (api_val(x, "unit")->set && (st = unit_ref(x, w, "unit", &r->unit)))
		return st;
	if (!api_in_scope(x, r->unit))
		return api_fail(x, 422, "out_of_scope", "unit", "unit: give a unit of your scope");
	if (r->duty && !profile_duty(w->p, r->duty))
		return api_fail(x, 422, "not_found", "duty",
				"duty: the profile %s has no duty \"%.64s\"", w->p->id, r->duty);
	return 0;
}

/* record_write adds r (add) or writes it over the stored one, with the audit entry. */
static int record_write(struct api_ctx *x, struct wbook *w, struct record *r, bool add)
{
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = api_begin(x)))
		return st;
	rc = add ? store_record_add(x->q->store, r, &d) : store_record_update(x->q->store, r, &d);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		return api_err(x, rc, NULL, &d);
	}
	snprintf(x->object, sizeof x->object, "record:%lld", (long long)r->id);
	x->after = record_json(w->b.reg, r);
	return api_commit(x, add ? 201 : 200, json_incref(x->after));
}

int api_record_create(struct api_ctx *x)
{
	struct wbook w;
	struct record r = {0};
	int st;

	if ((st = wbook_open(x, &w, false)))
		return st;
	if (!(st = record_apply(x, &w, &r)))
		st = record_write(x, &w, &r, true);
	wbook_close(&w);
	return st;
}

/* record_in_scope: the record of the path, if it is one of the caller's units'. */
static struct record *record_in_scope(struct api_ctx *x, struct wbook *w)
{
	for (size_t i = 0; i < w->b.nrecords; i++)
		if (w->b.records[i].id == x->id)
			return api_in_scope(x, w->b.records[i].unit) ? &w->b.records[i] : NULL;
	return NULL;
}

int api_record_get(struct api_ctx *x)
{
	struct wbook w;
	const struct record *r;
	int st;

	if ((st = wbook_open(x, &w, false)))
		return st;
	if (!(r = record_in_scope(x, &w)))
		st = api_fail(x, 404, "not_found", NULL, "no record %lld", (long long)x->id);
	else
		st = api_ok(x, 200, record_json(w.b.reg, r));
	wbook_close(&w);
	return st;
}

/* A record is the evidence a duty was done: correcting one (a wrong day or unit, a missing
 * attachment) keeps its id and puts the values before and after on record in the audit log. */
int api_record_update(struct api_ctx *x)
{
	struct wbook w;
	struct record *r, copy;
	int st;

	if ((st = wbook_open(x, &w, false)))
		return st;
	if (!(r = record_in_scope(x, &w))) {
		st = api_fail(x, 404, "not_found", NULL, "no record %lld", (long long)x->id);
	} else {
		copy = *r;
		x->before = record_json(w.b.reg, r);
		if (!(st = record_apply(x, &w, &copy)))
			st = record_write(x, &w, &copy, false);
	}
	wbook_close(&w);
	return st;
}

/* oblig_identity names obligation o across requests: its place in the list moves when
 * obligations are added before it (a new system, a new year), its identity does not. */
static void oblig_identity(const struct oblig *o, char *out, size_t n)
{
	snprintf(out, n, "%s:%s:%lld:%lld:%s", oblig_kind_code(o->kind), o->duty ? o->duty->id : "",
		 (long long)o->unit, (long long)o->asset, o->period);
}

static json_t *oblig_json(const struct reg *reg, const struct oblig *o, enum due_state s)
{
	const struct unit *u = o->unit ? reg_unit(reg, o->unit) : NULL;
	const struct asset *a = o->asset ? reg_asset(reg, o->asset) : NULL;

	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:s, s:i, s:i, s:o}", "kind",
			 oblig_kind_code(o->kind), "name", o->name, "article",
			 api_json_str(o->article), "unit", api_json_str(u ? u->code : NULL),
			 "asset", api_json_str(a ? a->code : NULL), "period", o->period, "start",
			 api_json_date(o->start), "due", api_json_date(o->due), "state",
			 due_state_code(s), "need", o->need, "have", o->have, "done_on",
			 api_json_date(o->done_on));
}

/* The deadlines are computed, not stored: a page goes by position in the list (by due date)
 * and its cursor carries the last one's position and identity, so that a page starts right
 * after that obligation even when others were added before it meanwhile. */
int api_deadlines_list(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state");
	struct wbook w;
	cd_date today = time_cst_date(x->q->now);
	char key[160], id[160], next[400];
	int64_t unit, pos = 0;
	size_t n, start = 0, taken = 0, last = 0;
	bool more = false;
	json_t *items;
	int st;

	if (x->cursor && !api_cursor_read(x->cursor, key, sizeof key, &pos))
		return api_fail(x, 400, "invalid", "cursor",
				"cursor: give the \"next\" of the previous page as it was");
	if ((st = wbook_open(x, &w, false)))
		return st;
	if ((st = unit_filter(x, &w, &unit))) {
		wbook_close(&w);
		return st;
	}
	n = w.b.obl.n;
#define AT(j) (&w.b.obl.v[x->desc ? n - 1 - (j) : (j)])
	if (x->cursor && n) {
		start = (size_t)pos < n ? (size_t)pos : n; /* after the last one, where it was */
		oblig_identity(AT(start ? start - 1 : 0), id, sizeof id);
		for (size_t j = 0; n && strcmp(id, key) && j < n; j++) {
			oblig_identity(AT(j), id, sizeof id);
			if (!strcmp(id, key))
				start = j + 1; /* moved: after it, where it is now */
		}
	}
	items = json_array();
	for (size_t j = start; j < n && items; j++) {
		const struct oblig *o = AT(j);
		enum due_state s = oblig_state(o, today);

		if ((scope_top(x) && !book_in_unit(w.b.reg, o->unit, scope_top(x))) ||
		    (unit && !book_in_unit(w.b.reg, o->unit, unit)) ||
		    (state->set && s != (enum due_state)state->i))
			continue;
		if (taken == x->limit) { /* one more after a full page: there is a next one */
			oblig_identity(AT(last), id, sizeof id);
			api_cursor_make(next, sizeof next, id, (int64_t)last + 1);
			more = true;
			break;
		}
		json_array_append_new(items, oblig_json(w.b.reg, o, s));
		taken++;
		last = j;
	}
#undef AT
	st = api_page(x, items, more ? next : NULL);
	wbook_close(&w);
	return st;
}
