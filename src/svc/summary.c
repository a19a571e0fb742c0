/* summary.c — the dashboard of a scope (待办与概况): what the lists of notices, incidents,
 * obligations and gaps hold, counted the way those lists count it — in SQL: the obligations and
 * gaps through their indexes (schema 0031), the notices and incidents from the verdicts kept
 * beside them (schema 0038, svc/verdicts.c) with the clock as a parameter; only an incident
 * whose verdict cannot be kept (an outage still running) goes through the engine here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/work.h"


/* counts_json: {"code": n, …} of counts[0..n) named by code(k), every one present. */
static json_t *counts_json(const size_t *counts, int n, const char *(*code)(int))
{
	json_t *o = json_object();

	for (int k = 0; o && k < n; k++)
		json_object_set_new(o, code(k), json_integer((json_int_t)counts[k]));
	return o;
}

static const char *stage_code(int k)
{
	return notice_stage_code((enum notice_stage)k);
}

static const char *state_code(int k)
{
	return due_state_code((enum due_state)k);
}

static const char *grade_name(int k)
{
	return grade_code((enum grade)k);
}

static const char *rule_code(int k)
{
	return check_rule_code((enum check_rule)k);
}

/* notices: the notices of the scope counted in SQL from their kept verdicts (schema 0038) with
 * today as a parameter — no notice folded, no state computed row by row. */
static enum cd_err notices(struct act *c, const struct calendar *cal, json_t *out)
{
	struct notice_tally t;
	cd_date today = time_cst_date(c->now);
	int year, mo, day;
	json_t *months, *overdue;
	enum cd_err rc = store_notice_tally(c->s, c->scope, c->now, c->a, &t, c->d);

	if (rc)
		return rc;
	if (t.unkept) /* svc_verdicts_read kept them in this transaction */
		return cd_diag_set(c->d, CD_ESTORE, "%zu notices have no kept verdict", t.unkept);
	date_to_ymd(today, &year, &mo, &day);
	months = json_array();
	for (int k = 0; k < mo; k++) {
		char month[16];

		snprintf(month, sizeof month, "%04d-%02d", year, k + 1);
		json_array_append_new(months,
				      json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month,
						"received", (json_int_t)t.received[k], "on_time",
						(json_int_t)t.on_time[k], "late", (json_int_t)t.late[k],
						"open", (json_int_t)t.open[k]));
	}
	overdue = json_array();
	for (size_t i = 0; i < t.noverdue; i++)
		json_array_append_new(
			overdue,
			json_pack("{s:s, s:o, s:o, s:i}", "code", t.overdue[i].code, "unit",
				  jnull_str(t.overdue[i].unit), "due", jnull_date(t.overdue[i].due),
				  "workdays_left",
				  calendar_workdays_until(cal, today, t.overdue[i].due)));
	json_object_set_new(out, "notices",
			    json_pack("{s:I, s:o, s:o, s:o, s:o}", "total", (json_int_t)t.total,
				      "by_stage", counts_json(t.stages, STAGE__MAX, stage_code),
				      "by_state", counts_json(t.states, DUE__MAX, state_code),
				      "overdue", overdue, "by_month", months));
	return CD_OK;
}

/* unkept: the incidents whose verdict does not hold now (an outage still running), computed by
 * the engine and added to t. */
static enum cd_err unkept(struct act *c, struct incident_tally *t)
{
	for (size_t i = 0; i < t->nunkept; i++) {
		struct incident_verdict v;
		struct incident_class_count *k;
		enum due_state st = DUE_NO_DEADLINE;
		enum cd_err rc = svc_incident_verdict(c, t->unkept[i], c->now, &v, &st);

		if (rc)
			return rc;
		if (!(k = store_incident_tally_class(t, c->a, v.class_code ? v.class_code : "none",
						     v.incident)))
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		k->n++;
		t->total++;
		t->grades[v.grade]++;
		t->open += !v.ended;
		if (v.report_required) {
			t->required++;
			t->reports[st]++;
		}
		t->fired += v.fired > 0;
		t->questions += v.questions;
	}
	return CD_OK;
}

static int by_first(const void *a, const void *b)
{
	const struct incident_class_count *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

/* incidents: the incidents of the scope counted in SQL from their kept verdicts; the few whose
 * verdict does not hold now through the engine. */
static enum cd_err incidents(struct act *c, json_t *out)
{
	struct incident_tally t;
	json_t *classes; /* class code (GB/T 20986; "none": not classed yet) → n */
	enum cd_err rc = store_incident_tally(c->s, c->scope, c->now, c->a, &t, c->d);

	if (!rc)
		rc = unkept(c, &t);
	if (rc)
		return rc;
	/* in the order the list meets them: each class by its first incident */
	if (t.nclasses)
		qsort(t.classes, t.nclasses, sizeof *t.classes, by_first);
	if (!(classes = json_object()))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < t.nclasses; i++)
		json_object_set_new(classes, t.classes[i].code,
				    json_integer((json_int_t)t.classes[i].n));
	json_object_set_new(out, "incidents",
			    json_pack("{s:I, s:I, s:I, s:o, s:o, s:{s:I, s:o}, s:I, s:I}", "total",
				      (json_int_t)t.total, "open", (json_int_t)t.open, "closed",
				      (json_int_t)(t.total - t.open), "by_grade",
				      counts_json(t.grades, GRADE__MAX, grade_name), "by_class", classes,
				      "reports", "required", (json_int_t)t.required, "by_state",
				      counts_json(t.reports, DUE__MAX, state_code),
				      "with_triggers_fired", (json_int_t)t.fired, "open_questions",
				      (json_int_t)t.questions));
	return CD_OK;
}

/* duty_by_unit: this year's duties of each unit of the scope that holds any — due, done,
 * overdue — the dashboard's chart of duties done vs due. */
static enum cd_err duty_by_unit(struct act *c, json_t *oblig)
{
	struct duty_tally *t = NULL;
	size_t n = 0;
	struct arena *a = arena_new(0); /* the rows, until they are JSON */
	json_t *units = json_array();
	enum cd_err rc = units && a ? store_duty_tally(c->s, c->scope, time_cst_date(c->now), a, &t,
						       &n, c->d)
				    : cd_diag_set(c->d, CD_ENOMEM, "out of memory");

	for (size_t i = 0; !rc && i < n; i++)
		json_array_append_new(units,
				      json_pack("{s:s, s:s, s:I, s:I, s:I}", "unit", t[i].code,
						"unit_name", t[i].name, "due", (json_int_t)t[i].due,
						"done", (json_int_t)t[i].done, "overdue",
						(json_int_t)t[i].overdue));
	arena_free(a);
	if (rc) {
		json_decref(units);
		return rc;
	}
	json_object_set_new(oblig, "duty_by_unit", units);
	return CD_OK;
}

/* keep_counts keeps today's obligation counts by unit (schema 0039) for the next summaries, in a
 * write transaction of its own: the counts just made summed every obligation. */
static enum cd_err keep_counts(struct act *c)
{
	enum cd_err rc = store_begin(c->s, c->d);

	if (rc)
		return rc;
	if (!(rc = store_obligation_counts_keep(c->s, time_cst_date(c->now), c->d)))
		return store_commit(c->s, c->d);
	store_rollback(c->s);
	return rc;
}

enum cd_err svc_summary(struct act *c, json_t **out)
{
	size_t ob[OBLIG__MAX][DUE__MAX], gaps[CHECK__MAX];
	const struct calendar *cal = NULL;
	struct gap_row *g = NULL;
	size_t ng = 0;
	int64_t next = 0;
	char day[11];
	bool own = false, kept = false;
	json_t *o = json_object(), *oblig = json_object();
	enum cd_err rc;

	*out = NULL;
	if (!o || !oblig) {
		json_decref(o);
		json_decref(oblig);
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	/* the gaps first: a stale derived state is rebuilt by this read */
	rc = svc_gap_page(c, -1, 0, 1, &g, &ng, &next);
	if (!rc)
		rc = store_gap_counts(c->s, c->scope, gaps, c->d);
	if (!rc)
		rc = store_obligation_counts(c->s, c->scope, time_cst_date(c->now), ob, &kept, c->d);
	if (!rc && !kept && !store_in_transaction(c->s))
		rc = keep_counts(c);
	if (!rc)
		rc = act_calendar(c, &cal);
	if (!rc && !(rc = svc_verdicts_read(c, &own))) {
		rc = notices(c, cal, o);
		if (!rc)
			rc = incidents(c, o);
		rc = act_read_end(c, own, rc);
	}
	if (!rc)
		rc = duty_by_unit(c, oblig);
	if (rc) {
		json_decref(o);
		json_decref(oblig);
		return rc;
	}
	for (int k = 0; k < OBLIG__MAX; k++)
		json_object_set_new(oblig, oblig_kind_code((enum oblig_kind)k),
				    counts_json(ob[k], DUE__MAX, state_code));
	json_object_set_new(o, "as_of", json_string(date_format(time_cst_date(c->now), day)));
	json_object_set_new(o, "obligations", oblig);
	json_object_set_new(o, "gaps", counts_json(gaps, CHECK__MAX, rule_code));
	*out = o;
	return CD_OK;
}
