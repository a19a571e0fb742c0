/* api_work.c — the office's and the units' daily work: official notices (通报) and their closed
 * loop (rectify, feedback, verify, extend, 举一反三 checks), incidents with their reports, close
 * and accountability case (propose, recommend, decide), records of meetings, drills and
 * training, and the deadlines of the year. Each handler parses, calls the act or read of
 * svc/work.h — one record or one page, the caller's scope applied there — and encodes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"
#include "core/profile.h"
#include "profile/profile_load.h"
#include "svc/accountability.h"
#include "svc/book.h"
#include "svc/book_json.h"
#include "svc/work.h"

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

/* --- notices ------------------------------------------------------------------------------------ */

/* codes_of: the strings of the body's array field → a C array in the request's arena. */
static const char *const *codes_of(struct api_ctx *x, const char *field, size_t *n)
{
	json_t *arr = api_val(x, field)->arr, *e;
	const char **v;
	size_t i;

	*n = json_array_size(arr);
	if (!(v = arena_alloc(x->a, (*n + 1) * sizeof *v)))
		return NULL;
	json_array_foreach(arr, i, e)
		v[i] = json_string_value(e);
	return v;
}

/* work_query_of: the page the request asks for (limit, cursor, order) → a store query. */
static int work_query_of(struct api_ctx *x, struct work_query *q)
{
	struct api_pager pg;
	int st = api_pager_start(x, &pg);

	*q = (struct work_query){.kind = -1, .desc = pg.desc, .after = pg.after, .limit = pg.limit};
	return st;
}

int api_unit_filter(struct api_ctx *x, int64_t *id)
{
	const struct fval *v = api_qval(x, "unit");
	enum cd_err rc;

	*id = 0;
	if (!v || !v->set)
		return 0;
	rc = store_id_of(x->q->store, SK_UNIT, v->s, id, NULL);
	if (rc == CD_ENOTFOUND)
		return api_fail(x, 400, "invalid", "unit", "unit: no unit \"%.64s\"", v->s);
	return rc ? api_err(x, rc, NULL, NULL) : 0;
}

/* asset_filter_of: the query's "asset" filter → id (0 when not given), a system of the caller's
 * scope (act_ref: any other is "not found"); nonzero: the answer is made. */
static int asset_filter_of(struct api_ctx *x, struct act *c, int64_t *id)
{
	const struct fval *v = api_qval(x, "asset");
	enum cd_err rc;

	*id = 0;
	if (!v || !v->set)
		return 0;
	rc = act_ref(c, SK_ASSET, v->s, "asset", id);
	return rc ? api_acted(x, c, rc, 200, NULL) : 0;
}

static int page_answer(struct api_ctx *x, json_t *items, int64_t next)
{
	char cur[32];

	if (next)
		api_cursor_make(cur, sizeof cur, NULL, next);
	return api_page(x, items, next ? cur : NULL);
}

/* page_end: the page written into w closed with its cursor and answered */
static int page_end(struct api_ctx *x, struct jw *w, struct dynbuf *b, int64_t next)
{
	char cur[32];

	if (next)
		api_cursor_make(cur, sizeof cur, NULL, next);
	return api_page_end(x, w, b, next ? cur : NULL);
}

int api_notices_list(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state");
	struct act c;
	struct cd_diag d = {{0}};
	struct work_query q;
	struct notice_view *v = NULL;
	size_t n = 0;
	int64_t next = 0;
	enum cd_err rc;
	struct dynbuf b;
	struct jw w;
	int st;

	if ((st = work_query_of(x, &q)) || (st = api_unit_filter(x, &q.unit)) ||
	    (st = api_act(x, &c, &d)) || (st = asset_filter_of(x, &c, &q.asset)))
		return st;
	rc = svc_notice_page(&c, q, state->set ? (int)state->i : -1, x->q->now, &v, &n, &next);
	if (rc)
		return api_acted(x, &c, rc, 200, NULL);
	api_page_begin(&w, &b);
	for (size_t i = 0; i < n; i++)
		svc_notice_write(&w, &c, &v[i], x->q->now, false);
	return page_end(x, &w, &b, next);
}

int api_notice_get(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct notice_view v;
	enum cd_err rc;
	struct dynbuf b;
	struct jw w;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_notice_get(&c, x->id, x->code, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	api_writer(&w, &b);
	svc_notice_write(&w, &c, &v, x->q->now, true);
	return api_ok_writer(x, 200, &w, &b);
}

/* notice_acted answers a notice act's outcome as api_acted does, the notice written straight
 * into text by its one encoder (the bytes its tree gave, without the tree and its dump). */
static int notice_acted(struct api_ctx *x, const struct act *c, enum cd_err rc, unsigned status,
			const struct notice_view *v, bool full)
{
	struct dynbuf b;
	struct jw w;

	if (rc)
		return api_acted(x, c, rc, status, NULL);
	x->audited = true;
	api_writer(&w, &b);
	svc_notice_write(&w, c, v, x->q->now, full);
	return api_ok_writer(x, status, &w, &b);
}

int api_notice_create(struct api_ctx *x)
{
	const struct fval *due = api_val(x, "due");
	struct notice_new in = {.received_at = time_or_now(x, "received_at"), .due = CD_DATE_NONE};
	struct act c;
	struct cd_diag d = {{0}};
	struct notice_view v;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	in.code = api_val(x, "code")->s;
	in.authority = api_val(x, "authority")->s;
	in.category = str_of(x, "category");
	in.text = str_of(x, "text");
	in.attachment = str_of(x, "attachment");
	in.unit = str_of(x, "unit");
	if (due->set)
		in.due = due->date;
	if (!(in.assets = codes_of(x, "assets", &in.nassets)))
		return api_fail(x, 500, "internal", NULL, "out of memory");
	rc = svc_notice_add(&c, &in, &v);
	return notice_acted(x, &c, rc, 201, &v, true);
}

/* notice_step records one step of the closed loop: the route's path names it. */
static int notice_step(struct api_ctx *x, enum notice_event_kind kind)
{
	struct notice_event e = {.kind = kind, .extended_to = CD_DATE_NONE};
	struct act c;
	struct cd_diag d = {{0}};
	struct notice_view v;
	enum cd_err rc;
	int st;

	e.at = time_or_now(x, "at");
	e.by = str_of(x, "by");
	e.note = str_of(x, "note");
	if (kind == NEV_EXTEND) {
		e.extended_to = api_val(x, "to")->date;
		e.note = api_val(x, "reason")->s;
	}
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_notice_step(&c, x->id, x->code, &e, &v);
	return notice_acted(x, &c, rc, 200, &v, false);
}

int api_notice_start(struct api_ctx *x) { return notice_step(x, NEV_START); }
int api_notice_rectify(struct api_ctx *x) { return notice_step(x, NEV_RECTIFY); }
int api_notice_feedback(struct api_ctx *x) { return notice_step(x, NEV_FEEDBACK); }
int api_notice_verify(struct api_ctx *x) { return notice_step(x, NEV_VERIFY); }
int api_notice_support(struct api_ctx *x) { return notice_step(x, NEV_SUPPORT); }
int api_notice_extend(struct api_ctx *x) { return notice_step(x, NEV_EXTEND); }
int api_notice_approve(struct api_ctx *x) { return notice_step(x, NEV_APPROVE); }

int api_notice_checked(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct notice_view v;
	enum cd_err rc;
	int st;
	struct notice_checks in = {.all = api_val(x, "all")->set && api_val(x, "all")->b,
				   .at = time_or_now(x, "at"), .by = str_of(x, "by"),
				   .note = str_of(x, "note")};
	const char *one = api_val(x, "asset")->s;

	if (api_val(x, "asset")->set + api_val(x, "assets")->set + in.all != 1)
		return api_fail(x, 422, "invalid", "assets",
				"assets: 请给出一个系统（asset）、多个系统（assets）或全部（all: true）之一 "
				"— give one of asset, assets or all");
	if (one) {
		in.assets = &one;
		in.nassets = 1;
	} else if (!in.all && !(in.assets = codes_of(x, "assets", &in.nassets))) {
		return api_err(x, CD_ENOMEM, NULL, NULL);
	}
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_notice_check(&c, x->id, x->code, &in, &v);
	return notice_acted(x, &c, rc, 200, &v, false);
}

/* --- incidents ---------------------------------------------------------------------------------- */

int api_incidents_list(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct work_query q;
	struct incident_view *v = NULL;
	struct incident_env env;
	size_t n = 0;
	int64_t next = 0;
	enum cd_err rc;
	struct dynbuf b;
	struct jw w;
	int st;

	if ((st = work_query_of(x, &q)) || (st = api_act(x, &c, &d)) ||
	    (st = asset_filter_of(x, &c, &q.asset)))
		return st;
	if ((rc = svc_incident_lines(&c, q, x->q->now, &v, &n, &next, &env)))
		return api_acted(x, &c, rc, 200, NULL);
	api_page_begin(&w, &b);
	for (size_t i = 0; i < n; i++) {
		jw_obj(&w, NULL);
		book_incident_list_members(&w, &v[i].x, &v[i].line, &v[i].an, v[i].asset_code,
					   v[i].asset_name);
		jw_int(&w, "id", v[i].x.id);
		jw_end(&w);
	}
	return page_end(x, &w, &b, next);
}

/* incident_view_answer: the whole incident of v with the engine's verdicts and its corrections,
 * written straight into the answer's bytes by its one encoder (book_incident_write). */
static int incident_view_answer(struct api_ctx *x, const struct incident_view *v, unsigned status)
{
	json_t *fixes = svc_corrections_json(v->fixes, v->nfixes);
	struct dynbuf b;
	struct jw w;

	if (!fixes)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	api_writer(&w, &b);
	book_incident_write(&w, &v->env, &v->x, &v->an, fixes);
	json_decref(fixes);
	return api_ok_writer(x, status, &w, &b);
}

int api_incident_get(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct incident_view v;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_incident_get(&c, x->id, x->id ? NULL : x->code, x->q->now, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	return incident_view_answer(x, &v, 200);
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

/* incident_refused answers a refused act: a value the rules refuse is a 422 naming the field
 * at fault (name_field when the name is not of the kind's vocabulary, else value_field) when
 * the route takes names and values; an act out of order a 409 conflict. */
static int incident_refused(struct api_ctx *x, struct act *c, enum cd_err rc,
			    const struct incident_event *e, const char *name_field,
			    const char *value_field)
{
	if (rc == CD_EINVAL && !c->field && !c->why) {
		if (!name_field)
			return api_fail(x, 409, "conflict", NULL, "%s", c->d->msg);
		c->field = name_known(e) ? value_field : name_field;
	}
	return api_acted(x, c, rc, 200, NULL);
}

int api_incident_create(struct api_ctx *x)
{
	const struct fval *rep = api_val(x, "reporter");
	struct incident_new in = {.code = api_val(x, "code")->s, .title = str_of(x, "title"),
				  .detected_at = api_val(x, "detected_at")->t,
				  .unit = str_of(x, "unit")};
	struct incident_event ev[2];
	struct incident_view inc;
	struct act c;
	struct cd_diag d = {{0}};
	size_t nev = 0;
	enum cd_err rc;
	int st;

	if (!(in.assets = codes_of(x, "assets", &in.nassets)))
		return api_fail(x, 500, "internal", NULL, "out of memory");
	if (api_val(x, "occurred_at")->set)
		ev[nev++] = (struct incident_event){.kind = IEV_SET, .at = in.detected_at,
						    .recorded_at = CD_TIME_NONE,
						    .name = "occurred_at",
						    .value = api_val(x, "occurred_at")->s,
						    .by = str_of(x, "by")};
	if (rep->set)
		ev[nev++] = (struct incident_event){.kind = IEV_SET, .at = in.detected_at,
						    .recorded_at = CD_TIME_NONE, .name = "reporter",
						    .value = rep->s, .by = str_of(x, "by")};
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_incident_add(&c, &in, ev, nev, &inc);
	if (rc == CD_EINVAL && !c.field && !c.why && nev)
		c.field = rep->set && reporter_parse(rep->s) < 0 ? "reporter" : ev[0].name;
	if (rc == CD_EINVAL && c.field && !strcmp(c.field, "value"))
		c.field = NULL; /* a class refused: the create route names no class */
	if (rc)
		return api_acted(x, &c, rc, 201, NULL);
	x->audited = true;
	return incident_view_answer(x, &inc, 201);
}

/* incident_act appends the events `make` builds to the incident of the path under `action`;
 * name_field / value_field: see incident_refused (NULL: the act takes no names). */
static int incident_act(struct api_ctx *x, const char *action,
			int (*make)(struct api_ctx *x, struct act *c, struct incident_event *e,
				    size_t *n),
			const char *name_field, const char *value_field)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct incident_event *e;
	struct incident_view inc;
	size_t n = 0;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if (!(e = arena_alloc(x->a, 32 * sizeof *e)))
		return api_fail(x, 500, "internal", NULL, "out of memory");
	if ((st = make(x, &c, e, &n)))
		return st;
	rc = svc_incident_events(&c, x->id, x->code, action, e, n, &inc);
	if (rc)
		return incident_refused(x, &c, rc, e, name_field, value_field);
	x->audited = true;
	return incident_view_answer(x, &inc, 200);
}

static int make_report(struct api_ctx *x, struct act *c, struct incident_event *e, size_t *n)
{
	(void)c;
	e[0] = (struct incident_event){.kind = IEV_REPORT, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE,
				       .name = api_val(x, "kind")->s, .value = api_val(x, "to")->s,
				       .by = str_of(x, "by"), .note = str_of(x, "note")};
	*n = 1;
	return 0;
}

static int make_close(struct api_ctx *x, struct act *c, struct incident_event *e, size_t *n)
{
	(void)c;
	e[0] = (struct incident_event){.kind = IEV_CLOSE, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .by = str_of(x, "by"),
				       .note = str_of(x, "note")};
	*n = 1;
	return 0;
}

static int make_decide(struct api_ctx *x, struct act *c, struct incident_event *e, size_t *n)
{
	json_t *arr = api_val(x, "outcomes")->arr, *o;
	cd_date day = api_val(x, "date")->date;
	cd_time at;
	size_t i;

	if (day > time_cst_date(x->q->now))
		return api_fail(x, 422, "invalid", "date", "date: lies in the future; record a "
							   "decision taken");
	at = time_cst_end(day) - 1 < x->q->now ? time_cst_end(day) - 1 : x->q->now;
	json_array_foreach(arr, i, o) {
		const char *s = json_string_value(o), *eq = strchr(s, '=');
		char code[65];
		int64_t person = 0;
		enum cd_err rc;

		if (!eq || eq == s || !eq[1] || (size_t)(eq - s) >= sizeof code)
			return api_fail(x, 422, "invalid", "outcomes",
					"outcomes[%zu]: give PERSON=OUTCOME, e.g. P01=通报批评", i);
		snprintf(code, sizeof code, "%.*s", (int)(eq - s), s);
		rc = store_id_of(c->s, SK_PERSON, code, &person, NULL);
		if (!rc && !act_ref_in_scope(c, SK_PERSON, person))
			rc = CD_ENOTFOUND; /* outside the scope: as one that does not exist */
		if (rc == CD_ENOTFOUND)
			return api_fail(x, 422, "not_found", "outcomes",
					"outcomes[%zu]: no person \"%s\"", i, code);
		if (rc)
			return api_err(x, rc, NULL, NULL);
		for (size_t k = 0; k < i; k++)
			if (e[k].person == person)
				return api_fail(x, 422, "invalid", "outcomes",
						"outcomes[%zu]: %s is given twice (one outcome a "
						"person)", i, code);
		e[i] = (struct incident_event){.kind = IEV_DECIDE, .at = at,
					       .recorded_at = CD_TIME_NONE,
					       .name = api_val(x, "authority")->s, .value = eq + 1,
					       .person = person, .by = str_of(x, "by")};
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

static int make_event(struct api_ctx *x, struct act *c, struct incident_event *e, size_t *n)
{
	enum incident_event_kind kind = api_event_kind((int)api_val(x, "kind")->i);
	const char *person = str_of(x, "person");
	int64_t pid = 0;
	enum cd_err rc;
	int st;

	if ((st = event_check(x, kind)))
		return st;
	if (person && (rc = act_ref(c, SK_PERSON, person, "person", &pid)))
		return api_acted(x, c, rc, 200, NULL);
	e[0] = (struct incident_event){.kind = kind, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .name = str_of(x, "name"),
				       .value = str_of(x, "value"), .person = pid,
				       .note = str_of(x, "note"), .by = str_of(x, "by")};
	if (api_val(x, "value")->set && !e[0].value)
		e[0].value = ""; /* null: unknown again */
	*n = 1;
	return 0;
}

static int make_answer(struct api_ctx *x, struct act *c, struct incident_event *e, size_t *n)
{
	const char *value = str_of(x, "value");

	(void)c;
	e[0] = (struct incident_event){.kind = IEV_FACT, .at = time_or_now(x, "at"),
				       .recorded_at = CD_TIME_NONE, .name = api_val(x, "fact")->s,
				       .value = value ? value : "", .note = str_of(x, "note"),
				       .by = str_of(x, "by")};
	*n = 1;
	return 0;
}

int api_incident_event(struct api_ctx *x)
{
	return incident_act(x, "incident.event", make_event, "name",
			    api_val(x, "person")->set ? "person" : "value");
}
int api_incident_answer(struct api_ctx *x)
{
	return incident_act(x, "accountability.answer", make_answer, "fact", "value");
}
int api_incident_report(struct api_ctx *x)
{
	return incident_act(x, "incident.report", make_report, NULL, NULL);
}
int api_incident_close(struct api_ctx *x)
{
	return incident_act(x, "incident.close", make_close, NULL, NULL);
}
/* incident_case keeps the engine's proposal or the recommendation as of now. */
static int incident_case(struct api_ctx *x, enum incident_event_kind kind)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct incident_view inc;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_incident_case(&c, x->id, x->code, kind, CD_TIME_NONE, str_of(x, "by"), &inc);
	if (rc)
		return incident_refused(x, &c, rc, NULL, NULL, NULL);
	x->audited = true;
	return incident_view_answer(x, &inc, 200);
}

int api_incident_propose(struct api_ctx *x)
{
	return incident_case(x, IEV_PROPOSE);
}
int api_incident_recommend(struct api_ctx *x)
{
	return incident_case(x, IEV_RECOMMEND);
}
int api_incident_decide(struct api_ctx *x)
{
	return incident_act(x, "incident.decide", make_decide, NULL, NULL);
}

/* --- records and deadlines ---------------------------------------------------------------------- */

int api_records_list(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct work_query q;
	struct record_row *v = NULL;
	size_t n = 0;
	int64_t next = 0;
	enum cd_err rc;
	struct dynbuf b;
	struct jw w;
	int st;

	if ((st = work_query_of(x, &q)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_record_page(&c, q, &v, &n, &next)))
		return api_acted(x, &c, rc, 200, NULL);
	api_page_begin(&w, &b);
	for (size_t i = 0; i < n; i++)
		svc_record_write(&w, &v[i]);
	return page_end(x, &w, &b, next);
}

/* record_in_of: the record the body gives (what it sets, what it clears with null). */
static struct record_in record_in_of(struct api_ctx *x)
{
	static const struct {
		const char *field;
		unsigned bit;
	} clears[] = {{"duty", RECORD_CLEAR_DUTY},
		      {"period", RECORD_CLEAR_PERIOD},
		      {"participants", RECORD_CLEAR_PARTICIPANTS},
		      {"minutes", RECORD_CLEAR_MINUTES},
		      {"attachment", RECORD_CLEAR_ATTACHMENT}};
	struct record_in in = {.kind = -1, .on = CD_DATE_NONE};
	const struct fval *v;

	if ((v = api_val(x, "kind"))->set)
		in.kind = (int)v->i;
	if ((v = api_val(x, "on"))->set && !v->null)
		in.on = v->date;
	in.unit = str_of(x, "unit");
	in.duty = str_of(x, "duty");
	in.period = str_of(x, "period");
	in.title = str_of(x, "title");
	in.participants = str_of(x, "participants");
	in.minutes = str_of(x, "minutes");
	in.attachment = str_of(x, "attachment");
	for (size_t i = 0; i < sizeof clears / sizeof *clears; i++)
		if ((v = api_val(x, clears[i].field))->set && v->null)
			in.clear |= clears[i].bit;
	return in;
}

int api_record_create(struct api_ctx *x)
{
	struct record_in in = record_in_of(x);
	struct act c;
	struct cd_diag d = {{0}};
	struct record_row r;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_record_add(&c, &in, &r);
	return api_acted(x, &c, rc, 201, rc ? NULL : svc_record_json(&r));
}

int api_record_get(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct record_row r;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_record_get(&c, x->id, &r)))
		return api_acted(x, &c, rc, 200, NULL);
	return api_ok(x, 200, svc_record_json(&r));
}

/* A record is the evidence a duty was done: correcting one (a wrong day or unit, a missing
 * attachment) keeps its id and puts the values before and after on record in the audit log. */
int api_record_update(struct api_ctx *x)
{
	struct record_in in = record_in_of(x);
	struct act c;
	struct cd_diag d = {{0}};
	struct record_row r;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_record_update(&c, x->id, &in, &r);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_record_json(&r));
}

/* The deadlines are the obligations of today kept derived (svc/deadlines.c): a page goes by due
 * date and its cursor carries the last one's due date and id. */
int api_deadlines_list(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state"), *year = api_qval(x, "year");
	struct oblig_query q = {.state = state->set ? (int)state->i : -1, .desc = x->desc,
				.limit = x->limit};
	struct act c;
	struct cd_diag d = {{0}};
	struct oblig_row *v = NULL;
	const struct calendar *cal = NULL;
	char key[200], next[440];
	cd_date today = time_cst_date(x->q->now);
	size_t n = 0;
	bool more = false;
	enum cd_err rc;
	struct dynbuf b;
	struct jw w;
	int st;

	if (x->cursor) {
		char day[11];
		int at = 0;
		long long unit = 0, asset = 0;

		/* the key: "DUE UNIT ASSET NAME" of the last obligation of the page before */
		if (!api_cursor_read(x->cursor, key, sizeof key, &q.after_id) ||
		    sscanf(key, "%10s %lld %lld %n", day, &unit, &asset, &at) != 3 || !at ||
		    !date_parse(day, &q.after_due))
			return api_fail(x, 400, "invalid", "cursor",
					"cursor: give the \"next\" of the previous page as it was");
		q.after = true;
		q.after_unit = unit;
		q.after_asset = asset;
		q.after_name = arena_strdup(x->a, key + at);
	}
	if (year->set && x->desc)
		return api_fail(x, 400, "invalid", "year",
				"year: a year is listed in due order (give no \"order\")");
	if (year->set && !x->cursor)
		svc_deadline_year(&q, (int)year->i);
	if ((st = api_unit_filter(x, &q.unit)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_deadline_page(&c, q, &v, &n, &more)) || (rc = act_calendar(&c, &cal)))
		return api_acted(x, &c, rc, 200, NULL);
	if (year->set) /* the year's last page ends at its last day */
		n = svc_deadline_year_end(v, n, (int)year->i, &more);
	api_page_begin(&w, &b);
	for (size_t i = 0; i < n; i++)
		svc_oblig_write(&w, &v[i], today, cal);
	if (more) {
		const struct oblig *o = &v[n - 1].o;
		char day[11];

		snprintf(key, sizeof key, "%s %lld %lld %s", date_format(o->due, day),
			 (long long)o->unit, (long long)o->asset, o->name);
		api_cursor_make(next, sizeof next, key, v[n - 1].id);
	}
	return api_page_end(x, &w, &b, more ? next : NULL);
}

int api_gaps_list(struct api_ctx *x)
{
	const struct fval *rule = api_qval(x, "rule");
	struct act c;
	struct cd_diag d = {{0}};
	struct work_query q;
	struct gap_row *v = NULL;
	size_t n = 0;
	int64_t next = 0;
	enum cd_err rc;
	json_t *items;
	int st;

	if ((st = work_query_of(x, &q)) || (st = api_act(x, &c, &d)))
		return st;
	if (q.desc)
		return api_fail(x, 400, "invalid", "order",
				"order: gaps are listed in one order (give no \"order\")");
	if ((rc = svc_gap_page(&c, rule->set ? (int)rule->i : -1, q.after, q.limit, &v, &n,
			       &next)))
		return api_acted(x, &c, rc, 200, NULL);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, svc_gap_json(&v[i]));
	return page_answer(x, items, next);
}

/* api_summary: the summary of the caller's scope, counted once a minute at most while the data
 * is unchanged — kept (cache.c) under the scope and the minute for the data generation it was
 * counted from: a write anywhere makes the next read count again, and what depends on the clock
 * (a deadline passing) is at most a minute late. The dashboard asks it at every visit. */
int api_summary(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	json_t *o = NULL;
	char key[64], *text;
	size_t len;
	int64_t gen = 0;
	bool keep;
	enum cd_err rc;
	int st;

	snprintf(key, sizeof key, "summary|%lld|%lld", (long long)x->who.unit,
		 (long long)(x->q->now / 60));
	keep = store_generation(x->q->store, &gen, &d) == CD_OK;
	if (keep && api_cache_get(key, gen, &text, &len))
		return api_ok_text(x, 200, text, len);
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_summary(&c, &o)))
		return api_acted(x, &c, rc, 200, NULL);
	if (keep && (text = json_dumps(o, JSON_COMPACT))) {
		api_cache_put(key, gen, text, strlen(text));
		json_decref(o);
		return api_ok_text(x, 200, text, strlen(text));
	}
	return api_ok(x, 200, o);
}

/* work_settings_answer: the settings as they are now, with the policy's own period beside. */
static int work_settings_answer(struct api_ctx *x, struct act *c)
{
	int days = 0, policy = 0, reporter = -1;
	bool approval = false;
	enum cd_err rc = svc_notice_default_get(c, &days, &policy);

	if (!rc)
		rc = svc_reporter_type_get(c, &reporter);
	if (!rc)
		rc = svc_feedback_approval_get(c, &approval);
	if (rc)
		return api_acted(x, c, rc, 200, NULL);
	return api_ok(x, 200,
		      json_pack("{s:o, s:o, s:o, s:b}", "notice_default_workdays",
				days ? json_integer(days) : json_null(), "policy_rectify_workdays",
				policy ? json_integer(policy) : json_null(), "reporter_type",
				reporter >= 0 ? json_string(reporter_code((enum reporter)reporter))
					      : json_null(),
				"feedback_approval", approval));
}

int api_work_settings_get(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	return work_settings_answer(x, &c);
}

int api_work_settings_update(struct api_ctx *x)
{
	const struct fval *v = api_val(x, "notice_default_workdays");
	const struct fval *r = api_val(x, "reporter_type");
	const struct fval *f = api_val(x, "feedback_approval");
	struct act c;
	struct cd_diag d = {{0}};
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if (v->set && (rc = svc_notice_default_set(&c, v->null ? 0 : (int)v->i)))
		return api_acted(x, &c, rc, 200, NULL);
	if (r->set && (rc = svc_reporter_type_set(&c, r->null ? -1 : (int)r->i)))
		return api_acted(x, &c, rc, 200, NULL);
	if (f->set && (rc = svc_feedback_approval_set(&c, f->b)))
		return api_acted(x, &c, rc, 200, NULL);
	return work_settings_answer(x, &c);
}

int api_notice_correct(struct api_ctx *x)
{
	static const struct {
		const char *field;
		unsigned bit;
	} clears[] = {{"category", NOTICE_CLEAR_CATEGORY},
		      {"text", NOTICE_CLEAR_TEXT},
		      {"attachment", NOTICE_CLEAR_ATTACHMENT},
		      {"due", NOTICE_CLEAR_DUE}};
	struct notice_fix in = {.code = str_of(x, "code"), .authority = str_of(x, "authority"),
				.unit = str_of(x, "unit"), .category = str_of(x, "category"),
				.text = str_of(x, "text"), .attachment = str_of(x, "attachment"),
				.received_at = CD_TIME_NONE, .due = CD_DATE_NONE,
				.reason = str_of(x, "reason")};
	struct notice_view v;
	struct act c;
	struct cd_diag d = {{0}};
	const struct fval *f;
	enum cd_err rc;
	int st;

	for (size_t i = 0; i < sizeof clears / sizeof *clears; i++)
		if (api_val(x, clears[i].field)->null)
			in.clear |= clears[i].bit;
	if ((f = api_val(x, "received_at"))->set)
		in.received_at = f->t;
	if ((f = api_val(x, "due"))->set && !f->null)
		in.due = f->date;
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_notice_correct(&c, x->id, x->code, &in, &v);
	return notice_acted(x, &c, rc, 200, &v, true);
}

int api_incident_correct(struct api_ctx *x)
{
	struct incident_fix in = {.code = str_of(x, "code"), .title = str_of(x, "title"),
				  .unit = str_of(x, "unit"), .clear_title = api_val(x, "title")->null,
				  .detected_at = CD_TIME_NONE, .reason = str_of(x, "reason")};
	struct incident_view v;
	struct act c;
	struct cd_diag d = {{0}};
	const struct fval *f;
	enum cd_err rc;
	int st;

	if ((f = api_val(x, "detected_at"))->set)
		in.detected_at = f->t;
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_incident_correct(&c, x->id, x->code, &in, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	x->audited = true;
	return incident_view_answer(x, &v, 200);
}

int api_record_void(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	struct record_row r;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_record_void(&c, x->id, str_of(x, "reason"), &r);
	return api_acted(x, &c, rc, 200, rc ? NULL : svc_record_json(&r));
}
