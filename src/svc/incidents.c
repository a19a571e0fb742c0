/* incidents.c — the acts on incidents (网络安全事件): record one with its first events, append
 * events to its timeline; each event's values written the one way the timeline keeps them and
 * checked against the incident folded so far, so that nothing the rules refuse is written. */
#include <stdio.h>
#include <string.h>

#include "svc/accountability.h"
#include "svc/work.h"

/* ---- an event's values, written one way ---- */

static enum cd_err valid_class(struct act *c, const char *s, const char **code)
{
	const struct incident_classes *k = &c->pol->classes;
	const struct incident_class *cl = incident_class_find(k, s);
	char list[256] = "";
	size_t n = 0;

	if (cl) {
		*code = cl->code;
		return CD_OK;
	}
	for (size_t i = 0; i < k->n && n < sizeof list; i++)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "",
				      k->v[i].code);
	return act_fail(c, CD_EINVAL, "value",
			"class: \"%s\" is not an incident class of GB/T 20986-2023 (use the code "
			"or the Chinese name: %s)",
			s, list);
}

static enum cd_err valid_subclass(struct act *c, const char *cls, const char *sub)
{
	const struct incident_class *cl = cls ? incident_class_find(&c->pol->classes, cls) : NULL;

	if (!cls)
		return act_fail(c, CD_EINVAL, "value", "subclass: record the class first");
	for (size_t i = 0; cl && i < cl->nsubclasses; i++)
		if (!strcmp(cl->subclasses[i], sub))
			return CD_OK;
	if (!cl || !cl->nsubclasses)
		return CD_OK; /* no subclasses listed: free text */
	return act_fail(c, CD_EINVAL, "value", "subclass: \"%s\" is not a subclass of %s", sub,
			cl->code);
}

static bool is_time_field(const char *name)
{
	return !strcmp(name, "occurred_at") || !strcmp(name, "outage_start") ||
	       !strcmp(name, "outage_end");
}

enum cd_err svc_incident_normalise(struct act *c, const struct incident *x,
				   struct incident_event *e)
{
	cd_time t;
	char *buf;
	int k;

	if (e->kind == IEV_FACT && (k = fact_parse_label(e->name ? e->name : "")) >= 0) {
		/* an answer in a person's words (被攻击篡改 = 是, 不确定) kept in the engine's */
		e->name = fact_name((enum fact)k);
		e->value = fact_answer((enum fact)k, e->value);
		return CD_OK;
	}
	if (e->kind != IEV_SET || !e->name || !e->value || !*e->value)
		return CD_OK;
	if (!strcmp(e->name, "class"))
		return valid_class(c, e->value, &e->value);
	if (!strcmp(e->name, "subclass"))
		return valid_subclass(c, x->class_code, e->value);
	if (is_time_field(e->name) && time_parse(e->value, true, &t)) {
		if (!(buf = arena_alloc(c->a, 26)))
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		e->value = time_format(t, buf);
	} else if (!strcmp(e->name, "reporter") && (k = reporter_parse(e->value)) >= 0) {
		e->value = reporter_code((enum reporter)k);
	} else if (!strcmp(e->name, "outage_scope") && (k = outage_scope_parse(e->value)) >= 0) {
		e->value = outage_scope_code((enum outage_scope)k);
	}
	return CD_OK;
}

/* ---- reading one ---- */

enum cd_err svc_incident_read(struct act *c, int64_t id, const char *code, struct incident *x)
{
	struct incident_row row;
	bool yes = true;
	enum cd_err rc = id ? CD_OK : act_docno(c, code, "code", &code);

	if (rc)
		return rc == CD_EINVAL ? act_fail(c, CD_ENOTFOUND, NULL, "no incident %s", "") : rc;
	rc = store_incident_get(c->s, id, code, c->a, &row, c->d);

	if (!rc && c->scope)
		rc = store_incident_concerns(c->s, row.x.id, c->scope, &yes, c->d);
	if (rc == CD_ENOTFOUND || (!rc && !yes)) {
		if (id)
			return act_fail(c, CD_ENOTFOUND, NULL, "no incident %lld", (long long)id);
		return act_fail(c, CD_ENOTFOUND, NULL, "no incident %s", code ? code : "");
	}
	if (!rc && (rc = incident_fold(&row.x, c->a, c->d))) {
		cd_diag_prefix(c->d, "its stored timeline breaks a rule (a damaged database)");
		rc = CD_ESTORE;
	}
	if (!rc)
		*x = row.x;
	return rc;
}

/* ---- writing ---- */

static enum cd_err svc_incident_get_read(struct act *c, int64_t id, const char *code, cd_time at,
					 struct incident_view *out);
static void verdict_of(const struct incident *x, const struct incident_analysis *an, cd_time at,
		       struct incident_verdict *out);

/* view_keep reads incident id of the act's transaction into out with the engine's verdicts now
 * (svc_incident_get's read) and keeps its verdict from that one analysis: the verdict and the
 * answer were two reads and two analyses a write. */
static enum cd_err view_keep(struct act *c, int64_t id, struct incident_view *out)
{
	struct incident_verdict v;
	enum cd_err rc = svc_incident_get_read(c, id, NULL, c->now, out);

	if (rc)
		return rc;
	verdict_of(&out->x, &out->an, c->now, &v);
	return store_incident_verdict_put(c->s, &v, c->d);
}

/* events_json: what the audit keeps of events e[0..n). */
static json_t *events_json(struct act *c, const struct incident_event *e, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < n; i++) {
		struct rec_row p;
		const char *person = NULL;

		if (e[i].person && !store_rec_get(c->s, SR_PERSON, e[i].person, c->a, &p, NULL))
			person = p.r.person.code;
		json_array_append_new(arr, json_pack("{s:s, s:o, s:o, s:o, s:o}", "event",
						     incident_event_code(e[i].kind), "at",
						     jnull_time(e[i].at), "name",
						     jnull_str(e[i].name), "value",
						     jnull_str(e[i].value), "person",
						     jnull_str(person)));
	}
	return arr;
}

/* check_events normalises e[0..n) and folds them into *tmp in order. */
static enum cd_err check_events(struct act *c, struct incident *tmp, struct incident_event *e,
				size_t n)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++) {
		if (e[i].at == CD_TIME_NONE)
			e[i].at = c->history ? tmp->detected_at : c->now;
		if (c->history && e[i].recorded_at == CD_TIME_NONE)
			e[i].recorded_at = e[i].at;
		if ((rc = act_not_future(c, e[i].at, "at")) ||
		    (rc = act_person_in_scope(c, e[i].person, "person")))
			break;
		if ((rc = svc_incident_normalise(c, tmp, &e[i])))
			break;
		if ((rc = incident_apply(tmp, &e[i], c->a, c->d)) != CD_OK) {
			cd_diag_prefix(c->d, tmp->code);
			/* an event dated before detection: the time given is at fault */
			c->field = e[i].kind != IEV_SET && e[i].at < tmp->detected_at ? "at" : NULL;
		}
	}
	return rc;
}

static enum cd_err write_events(struct act *c, const struct incident *x,
				const struct incident_event *e, size_t n)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++)
		rc = store_incident_event_add(c->s, x->id, &e[i], c->d);
	return rc;
}

enum cd_err svc_incident_add(struct act *c, const struct incident_new *in,
			     struct incident_event *e, size_t n, struct incident_view *out)
{
	struct incident tmp;
	json_t *assets;
	bool yes = true;
	char obj[32];
	enum cd_err rc;

	incident_init(&tmp);
	if ((rc = act_docno(c, in->code, "code", &tmp.code)))
		return rc;
	tmp.title = in->title;
	tmp.detected_at = in->detected_at;
	if (!tmp.code || !*tmp.code)
		return act_fail(c, CD_EINVAL, "code", "code: give the incident's number");
	if (tmp.detected_at == CD_TIME_NONE)
		return act_fail(c, CD_EINVAL, "detected_at", "detected_at: give when it was detected");
	if ((rc = act_not_future(c, tmp.detected_at, "detected_at")))
		return rc;
	if ((rc = act_assets(c, in->assets, in->nassets, "assets", &tmp.assets)))
		return rc;
	tmp.nassets = in->nassets;
	if ((rc = act_unit_of(c, in->unit, "unit", tmp.assets[0], &tmp.unit)))
		return rc;
	if ((rc = check_events(c, &tmp, e, n)) || (rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = store_incident_add(c->s, &tmp, c->d);
	if (rc == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "code", "incident %s is already recorded", tmp.code);
	if (!rc && c->scope)
		rc = store_incident_concerns(c->s, tmp.id, c->scope, &yes, c->d);
	if (!rc && !yes)
		rc = act_out_of_scope(c, "unit", "the incident must concern a unit of your scope");
	if (!rc)
		rc = write_events(c, &tmp, e, n);
	if (!rc) /* read and analysed once: its kept verdict and the answer (schema 0038) */
		rc = view_keep(c, tmp.id, out);
	snprintf(obj, sizeof obj, "incident:%lld", (long long)tmp.id);
	assets = json_array();
	for (size_t i = 0; i < in->nassets; i++)
		json_array_append_new(assets, json_string(in->assets[i]));
	rc = act_end(c, rc, "incident.create", obj, NULL,
		     rc ? (json_decref(assets), NULL)
			: json_pack("{s:s, s:o, s:o}", "code", tmp.code, "assets", assets,
				    "events", events_json(c, e, n)));
	return rc;
}

enum cd_err svc_incident_events(struct act *c, int64_t id, const char *code, const char *action,
				struct incident_event *e, size_t n, struct incident_view *out)
{
	struct incident tmp;
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	c->derived_kept = true; /* nothing the obligations derive from */
	/* read inside the transaction: events appended at once are put in order by the database */
	rc = svc_incident_read(c, id, code, &tmp);
	if (!rc)
		rc = check_events(c, &tmp, e, n);
	if (!rc)
		rc = write_events(c, &tmp, e, n);
	if (!rc) /* read and analysed once: its kept verdict and the answer (schema 0038) */
		rc = view_keep(c, tmp.id, out);
	snprintf(obj, sizeof obj, "incident:%lld", (long long)tmp.id);
	rc = act_end(c, rc, action, obj, NULL,
		     rc ? NULL
			: json_pack("{s:s, s:o}", "code", tmp.code, "events", events_json(c, e, n)));
	return rc;
}

const char *svc_incident_action(enum incident_event_kind k)
{
	switch (k) {
	case IEV_REPORT:
		return "incident.report";
	case IEV_CLOSE:
		return "incident.close";
	case IEV_PROPOSE:
		return "incident.propose";
	case IEV_RECOMMEND:
		return "incident.recommend";
	case IEV_DECIDE:
		return "incident.decide";
	default:
		return "incident.event";
	}
}

/* ---- reads: an incident with the engine's verdicts ---- */

static void free_reg(void *p)
{
	reg_free(p);
}

/* incident_env: svc_incident_env; without `events` (a list line's verdicts) the earlier notices
 * and incidents of the repeat rule are not read */
static enum cd_err incident_env(struct act *c, const int64_t *assets, size_t nassets,
				const struct incident *also, bool events, struct incident_env *env)
{
	const struct calendar *cal = NULL;
	struct reg *reg = NULL;
	struct notice *notices = NULL;
	struct incident *incidents = NULL;
	struct asset_event *ev = NULL;
	int64_t *ids = NULL;
	size_t nids = 0, nev = 0, ninc = 0;
	enum cd_err rc = act_calendar(c, &cal);

	memset(env, 0, sizeof *env);
	if (!rc)
		rc = store_reg_load_around(c->s, assets, nassets, &reg, c->d);
	if (!rc && arena_defer(c->a, free_reg, reg)) {
		reg_free(reg);
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = store_notices_on(c->s, assets, nassets, c->a, &ids, &nids, c->d);
	if (!rc && nids && !(notices = arena_alloc(c->a, nids * sizeof *notices)))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < nids; i++) {
		struct notice_row row;

		if (!(rc = store_notice_brief(c->s, ids[i], NULL, c->a, &row, c->d))) {
			notices[i] = row.n;
			rc = notice_fold(&notices[i], act_profile(c), cal, c->d);
		}
	}
	if (!rc && events)
		rc = store_asset_events(c->s, assets, nassets, CD_TIME_NONE, CD_TIME_NONE, c->a,
					&ev, &nev, c->d);
	/* the incidents the repeat rule may name: each event carries its code (the readers of
	 * env->incidents take it from there), so only the incident read itself is added — loading
	 * every incident on the systems, timeline and all, for its code was a third of a page */
	if (!rc && also) {
		if (!(incidents = arena_alloc(c->a, sizeof *incidents)))
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		else
			*incidents = *also, ninc = 1;
	}
	bool org_set = false;
	enum reporter org = REPORTER_OTHER;

	if (!rc)
		rc = policy_reporter_type(c->s, &org_set, &org, c->d);
	if (rc)
		return rc;
	*env = (struct incident_env){.p = c->pol->p, .rules = &c->pol->rules, .reg = reg,
				     .cal = cal, .conds = c->pol->conds, .notices = notices,
				     .nnotices = nids, .events = ev, .nevents = nev,
				     .incidents = incidents, .nincidents = ninc,
				     .classes = &c->pol->classes, .org_reporter_set = org_set,
				     .org_reporter = org};
	return CD_OK;
}

enum cd_err svc_incident_env(struct act *c, const int64_t *assets, size_t nassets,
			     const struct incident *also, struct incident_env *env)
{
	return incident_env(c, assets, nassets, also, true, env);
}

static enum cd_err svc_incident_get_read(struct act *c, int64_t id, const char *code, cd_time at,
					 struct incident_view *out)
{
	enum cd_err rc = svc_incident_read(c, id, code, &out->x);

	if (!rc)
		rc = svc_incident_env(c, out->x.assets, out->x.nassets, &out->x, &out->env);
	if (!rc && incident_analyse(&out->env, &out->x, at, c->a, &out->an))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	out->fixes = NULL;
	out->nfixes = 0;
	if (!rc)
		rc = store_corrections_of(c->s, "incident", out->x.id, c->a, &out->fixes,
					  &out->nfixes, c->d);
	return rc;
}

/* ---- a correction of the record ---- */

/* first_event: the earliest time of x's timeline (CD_TIME_NONE: no timed event) */
static cd_time first_event(const struct incident *x)
{
	cd_time t = CD_TIME_NONE;

	for (size_t i = 0; i < x->nevents; i++)
		if (x->events[i].at != CD_TIME_NONE && (t == CD_TIME_NONE || x->events[i].at < t))
			t = x->events[i].at;
	return t;
}

enum cd_err svc_incident_correct(struct act *c, int64_t id, const char *code,
				 const struct incident_fix *in, struct incident_view *out)
{
	struct incident was, now;
	json_t *before = json_object(), *after = json_object();
	const char *unit_was = NULL, *unit_now = NULL;
	char obj[32], t1[26], t2[26];
	bool yes = true;
	enum cd_err rc = CD_OK;

	if (!before || !after)
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	else if (!in->reason || !*in->reason)
		rc = act_fail(c, CD_EINVAL, "reason", "reason: 请说明更正原因 — say why it is corrected");
	else if (in->detected_at != CD_TIME_NONE)
		rc = act_not_future(c, in->detected_at, "detected_at");
	if (!rc)
		rc = act_begin(c);
	if (rc) {
		json_decref(before);
		json_decref(after);
		return rc;
	}
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = svc_incident_read(c, id, code, &was);
	now = was;
	if (!rc && in->code)
		rc = act_docno(c, in->code, "code", &now.code);
	if (!rc && in->unit)
		rc = act_ref(c, SK_UNIT, in->unit, "unit", &now.unit);
	if (!rc) {
		now.title = in->clear_title ? NULL : in->title ? in->title : was.title;
		if (in->detected_at != CD_TIME_NONE)
			now.detected_at = in->detected_at;
		if (now.detected_at != was.detected_at && first_event(&was) != CD_TIME_NONE &&
		    now.detected_at > first_event(&was))
			rc = act_fail(c, CD_EINVAL, "detected_at",
				      "detected_at: %s is after the first event of the timeline (%s); "
				      "an event is never before detection",
				      time_format(now.detected_at, t1),
				      time_format(first_event(&was), t2));
	}
	if (!rc && was.unit) {
		struct rec_row u;

		if (!store_rec_get(c->s, SR_UNIT, was.unit, c->a, &u, NULL))
			unit_was = u.r.unit.code;
	}
	if (!rc) {
		unit_now = in->unit ? in->unit : unit_was;
		svc_fix_text(before, after, "code", was.code, now.code);
		svc_fix_text(before, after, "title", was.title, now.title);
		svc_fix_text(before, after, "unit", unit_was, unit_now);
		svc_fix_time(before, after, "detected_at", was.detected_at, now.detected_at);
		if (!json_object_size(after))
			rc = act_fail(c, CD_EINVAL, "reason",
				      "没有要更正的内容 — nothing differs from what is recorded");
	}
	/* the correction is kept first: the database lets the record change only after one */
	if (!rc)
		rc = svc_correction_keep(c, "incident", now.id, before, after, in->reason);
	if (!rc && (rc = store_incident_update(c->s, &now, c->d)) == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "code", "code: 事件 %s 已登记 — incident %s is already "
						       "recorded", now.code, now.code);
	if (!rc && c->scope && !(rc = store_incident_concerns(c->s, now.id, c->scope, &yes, c->d)) &&
	    !yes)
		rc = act_out_of_scope(c, "unit", "the incident must stay within your scope");
	if (!rc)
		rc = svc_incident_verdict_keep(c, now.id);
	if (!rc) /* the audit names the incident by its number, changed or not */
		json_object_set_new(after, "code", json_string(now.code));
	snprintf(obj, sizeof obj, "incident:%lld", rc ? 0LL : (long long)now.id);
	if (rc) {
		json_decref(before);
		json_decref(after);
		before = after = NULL;
	}
	if ((rc = act_end(c, rc, "incident.correct", obj, before, after)))
		return rc;
	return svc_incident_get(c, now.id, NULL, c->now, out);
}

enum cd_err svc_incident_get(struct act *c, int64_t id, const char *code, cd_time at,
			     struct incident_view *out)
{
	bool own;
	enum cd_err rc = act_read_begin(c, &own);

	return act_read_end(c, own, rc ? rc : svc_incident_get_read(c, id, code, at, out));
}

/* line_kept: what incident_analyse_line says of a list line at `at`, from its kept verdict k
 * while it holds (0043): the grade, the draft threshold, the report and summary deadlines with
 * their states at `at`, the triggers that hold and those open; the rest of an zero */
static void line_kept(const struct incident_verdict *k, cd_time at, struct incident_analysis *an)
{
	memset(an, 0, sizeof *an);
	an->grade = k->grade;
	an->proposal.grade = k->grade;
	an->proposal.unconfirmed = k->draft;
	an->report_required = k->report_required;
	an->report_due = k->report_due;
	an->reported_at = k->reported_at;
	an->report_state = k->report_required
				   ? incident_instant_state(k->report_due, k->reported_at, at)
				   : DUE_NO_DEADLINE;
	an->summary_due = k->summary_due;
	an->summary_at = k->summary_at;
	an->summary_state = k->summary_due != CD_DATE_NONE
				    ? due_state_at(k->summary_due, k->summary_at, at)
				    : DUE_NO_DEADLINE;
	an->nfired = k->fired;
	an->nopen = k->questions;
}

/* line_of_kept: what the line shows of the timeline, from its kept verdict k (0047) */
static struct incident_line line_of_kept(const struct incident_verdict *k)
{
	return (struct incident_line){
		.graded = k->graded, .ended = k->ended,
		.stage = k->case_stage >= 0 && k->case_stage < CASE__MAX ? (enum case_stage)k->case_stage
									 : CASE_NONE};
}

/* svc_incident_page_read: a page; with `kept` each line whose kept verdict holds at `at` is read
 * from it without its timeline, and *missing says whether a line had none (or one past its
 * valid_until: either is kept again by svc_verdicts_read), which was read whole and the engine
 * computed instead */
static enum cd_err svc_incident_page_read(struct act *c, struct work_query q, cd_time at,
					  bool lines, bool kept_ok, bool *missing,
					  struct incident_view **out, size_t *n, int64_t *next,
					  struct incident_env *env)
{
	struct incident_row *rows = NULL;
	int64_t *assets = NULL;
	bool *kept = NULL, engine = false;
	size_t got = 0, want = q.limit, na = 0, cap = 0;
	enum cd_err rc;

	*out = NULL;
	*n = 0;
	*next = 0;
	memset(env, 0, sizeof *env);
	q.scope = c->scope;
	q.limit = want + 1;
	/* the heads and systems of the page; a timeline only where a line is not read from its
	 * kept verdict (0047: the verdict holds what the line shows of it) */
	if ((rc = store_incident_heads(c->s, &q, c->a, &rows, &got, c->d)))
		return rc;
	if (got > want) {
		got = want;
		*next = rows[want - 1].x.id;
	}
	if (got && (!(*out = arena_alloc(c->a, got * sizeof **out)) ||
		    !(kept = arena_alloc(c->a, got * sizeof *kept))))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	/* a line whose kept verdict holds now is read from it (0043); the other lines, and every
	 * incident of a whole page, through the engine, over one register around their systems */
	for (size_t i = 0; i < got; i++) {
		struct incident_view *v = &(*out)[i];
		struct incident_verdict k;

		memset(v, 0, sizeof *v);
		v->asset_code = rows[i].asset_code;
		v->asset_name = rows[i].asset_name;
		kept[i] = false;
		if (lines && kept_ok) {
			bool found = false;

			if ((rc = store_incident_verdict_get(c->s, rows[i].x.id, &k, &found, c->d)))
				return rc;
			kept[i] = found && !k.volatile_ &&
				  (k.valid_until == CD_TIME_NONE || k.valid_until > at);
			*missing = *missing || !found || (!k.volatile_ && !kept[i]);
		}
		if (!kept[i] && (rc = store_incident_timeline(c->s, c->a, &rows[i], c->d)))
			return rc;
		v->x = rows[i].x;
		if ((rc = incident_fold(&v->x, c->a, c->d)))
			return rc == CD_EINVAL ? CD_ESTORE : rc;
		v->line = accountability_line(&v->x);
		if (kept[i]) {
			line_kept(&k, at, &v->an);
			v->line = line_of_kept(&k);
			continue;
		}
		engine = true;
		for (size_t a = 0; a < rows[i].x.nassets; a++) {
			int64_t *slot = arena_grow(c->a, &assets, &na, &cap, sizeof *slot);

			if (!slot)
				return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			*slot = rows[i].x.assets[a];
		}
	}
	if (engine && (rc = incident_env(c, assets, na, NULL, !lines, env)))
		return rc;
	for (size_t i = 0; i < got; i++) {
		struct incident_view *v = &(*out)[i];

		v->env = *env;
		if (!kept[i] &&
		    (lines ? incident_analyse_line : incident_analyse)(env, &v->x, at, c->a, &v->an))
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	*n = got;
	return CD_OK;
}

/* incident_page: svc_incident_page in its read transaction; `lines` as svc_incident_lines: the
 * lines of now read the kept verdicts, and when they are another build's or a line of the page
 * has none, the missing are kept first (svc_verdicts_read) and the page read again */
static enum cd_err incident_page(struct act *c, struct work_query q, cd_time at, bool lines,
				 struct incident_view **out, size_t *n, int64_t *next,
				 struct incident_env *env)
{
	bool own, current = false, missing = false;
	enum cd_err rc = act_read_begin(c, &own);

	if (!lines || at != c->now)
		return act_read_end(c, own,
				    rc ? rc
				       : svc_incident_page_read(c, q, at, lines, false, &missing, out,
								n, next, env));
	if (!rc)
		rc = svc_verdicts_current(c, &current);
	if (!rc && current)
		rc = svc_incident_page_read(c, q, at, true, true, &missing, out, n, next, env);
	if (rc || (current && !missing))
		return act_read_end(c, own, rc);
	if ((rc = act_read_end(c, own, CD_OK)) || (rc = svc_verdicts_read(c, &own)))
		return rc;
	return act_read_end(c, own,
			    svc_incident_page_read(c, q, at, true, true, &missing, out, n, next,
						   env));
}

enum cd_err svc_incident_page(struct act *c, struct work_query q, cd_time at,
			      struct incident_view **out, size_t *n, int64_t *next,
			      struct incident_env *env)
{
	return incident_page(c, q, at, false, out, n, next, env);
}

enum cd_err svc_incident_lines(struct act *c, struct work_query q, cd_time at,
			       struct incident_view **out, size_t *n, int64_t *next,
			       struct incident_env *env)
{
	return incident_page(c, q, at, true, out, n, next, env);
}

enum cd_err svc_incident_case(struct act *c, int64_t id, const char *code,
			      enum incident_event_kind kind, cd_time at, const char *by,
			      struct incident_view *out)
{
	struct incident_event e = {.kind = kind, .at = at == CD_TIME_NONE ? c->now : at,
				   .recorded_at = CD_TIME_NONE, .by = by};
	struct incident_view v;
	enum cd_err rc;

	if (kind != IEV_PROPOSE && kind != IEV_RECOMMEND)
		return cd_diag_set(c->d, CD_EINVAL, "a case is proposed or recommended");
	if ((rc = act_not_future(c, e.at, "at")) ||
	    (rc = svc_incident_get(c, id, code, e.at, &v)))
		return rc;
	e.note = kind == IEV_PROPOSE ? accountability_proposal(&v.env, &v.x, &v.an, e.at, c->a)
				     : incident_recommend(&v.env, &v.x, &v.an, c->a);
	if (!e.note)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	return svc_incident_events(c, v.x.id, NULL, svc_incident_action(kind), &e, 1, out);
}

/* ---- the kept verdict (schema 0038, svc/verdicts.c) ---- */

/* later: the earlier of *until and t when t is after `at` (a moment the verdict may change) */
static void later(cd_time *until, cd_time t, cd_time at)
{
	if (t != CD_TIME_NONE && t > at && (*until == CD_TIME_NONE || t < *until))
		*until = t;
}

/* verdict_of: the kept verdict of x from an, its analysis at `at` (a line's or the whole one:
 * they agree on everything the verdict holds). */
static void verdict_of(const struct incident *x, const struct incident_analysis *an, cd_time at,
		       struct incident_verdict *out)
{
	cd_time until = CD_TIME_NONE;

	*out = (struct incident_verdict){
		.incident = x->id, .grade = an->grade, .class_code = x->class_code,
		.ended = x->handling_ended_at != CD_TIME_NONE, .report_required = an->report_required,
		.report_due = an->report_required ? an->report_due : CD_TIME_NONE,
		.reported_at = CD_TIME_NONE, .fired = an->nfired, .questions = an->nopen,
		.draft = an->proposal.unconfirmed, .summary_due = an->summary_due,
		.summary_at = an->summary_due != CD_DATE_NONE ? an->summary_at : CD_TIME_NONE,
		.graded = x->graded, .case_stage = (int)accountability_stage(x)};
	/* the first report outside the organisation, whenever made: the SQL takes it as made
	 * from its instant on, as the engine does at any `at` */
	for (size_t i = 0; i < x->nreports; i++)
		if (x->reports[i].kind != REPORT_INTERNAL &&
		    (out->reported_at == CD_TIME_NONE || x->reports[i].at < out->reported_at))
			out->reported_at = x->reports[i].at;
	/* what the clock changes: each instant of the record and its deadlines after `at` */
	later(&until, x->detected_at, at);
	for (size_t i = 0; i < x->nevents; i++)
		later(&until, x->events[i].at, at);
	later(&until, an->report_due, at);
	later(&until, an->internal_due, at);
	if (an->summary_due != CD_DATE_NONE)
		later(&until, time_cst_end(an->summary_due), at);
	later(&until, x->outage_start, at);
	later(&until, x->outage_end, at);
	out->valid_until = until;
	/* an outage still running: its hours, and the grade and facts from them, grow by the second */
	out->volatile_ = x->outage_start != CD_TIME_NONE && x->outage_start <= at &&
			 (x->outage_end == CD_TIME_NONE || x->outage_end > at);
}

enum cd_err svc_incident_verdict(struct act *c, int64_t id, cd_time at,
				 struct incident_verdict *out, enum due_state *report_state)
{
	struct incident_row row;
	struct incident_env env;
	struct incident_analysis an;
	const struct incident *x = &row.x;
	enum cd_err rc = store_incident_get(c->s, id, NULL, c->a, &row, c->d);

	if (!rc && (rc = incident_fold(&row.x, c->a, c->d)))
		rc = rc == CD_EINVAL ? CD_ESTORE : rc;
	if (!rc)
		rc = incident_env(c, x->assets, x->nassets, NULL, false, &env);
	if (!rc && incident_analyse_line(&env, x, at, c->a, &an))
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if (rc)
		return rc;
	verdict_of(x, &an, at, out);
	if (report_state)
		*report_state = an.report_state;
	return CD_OK;
}

enum cd_err svc_incident_verdict_keep(struct act *c, int64_t id)
{
	struct incident_verdict v;
	enum cd_err rc = svc_incident_verdict(c, id, c->now, &v, NULL);

	return rc ? rc : store_incident_verdict_put(c->s, &v, c->d);
}
