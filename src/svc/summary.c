/* summary.c — the dashboard of a scope (待办与概况): what the lists of notices, incidents,
 * obligations and gaps hold, counted the way those lists count it — the obligations and gaps in
 * SQL through their indexes (schema 0031), the notices and incidents page by page through the
 * same reads as their lists (never the whole organisation at once). */
#include <stdio.h>
#include <string.h>

#include "svc/work.h"

#define SUMMARY_PAGE    200 /* notices or incidents read at once */
#define SUMMARY_OVERDUE 10  /* overdue notices named, the longest overdue first */

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

/* An overdue notice, kept while the notices are read. */
struct late {
	const char *code, *unit;
	cd_date due;
};

/* The notices of this year by month of receipt: answered on time, late, not yet. */
struct months {
	size_t received[12], on_time[12], late[12], open[12];
};

static void keep_late(struct late *v, size_t *n, const struct late *x)
{
	size_t i = *n < SUMMARY_OVERDUE ? (*n)++ : SUMMARY_OVERDUE;

	/* the earliest due first; a later one than all kept falls off the end */
	while (i > 0 && v[i - 1].due > x->due) {
		if (i < SUMMARY_OVERDUE)
			v[i] = v[i - 1];
		i--;
	}
	if (i < SUMMARY_OVERDUE)
		v[i] = *x;
}

static enum cd_err notices(struct act *c, const struct calendar *cal, json_t *out)
{
	struct work_query q = {.limit = SUMMARY_PAGE};
	size_t stages[STAGE__MAX] = {0}, states[DUE__MAX] = {0}, total = 0, nlate = 0;
	struct late late[SUMMARY_OVERDUE];
	struct months m = {0};
	cd_date today = time_cst_date(c->now);
	int year, mo, day;
	json_t *months, *overdue;
	enum cd_err rc = CD_OK;

	date_to_ymd(today, &year, &mo, &day);
	for (;;) {
		struct notice_view *v = NULL;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = svc_notice_page(c, q, -1, c->now, &v, &n, &next)))
			return rc;
		for (size_t i = 0; i < n; i++) {
			enum due_state st = notice_state(&v[i].row.n, &v[i].due, c->now);
			int y, mm, dd;

			total++;
			stages[v[i].row.n.stage]++;
			states[st]++;
			if (st == DUE_OVERDUE)
				keep_late(late, &nlate,
					  &(struct late){.code = v[i].row.n.code,
							 .unit = v[i].row.unit_code,
							 .due = v[i].due.due});
			date_to_ymd(time_cst_date(v[i].row.n.received_at), &y, &mm, &dd);
			if (y != year)
				continue;
			m.received[mm - 1]++;
			if (st == DUE_DONE_ON_TIME)
				m.on_time[mm - 1]++;
			else if (st == DUE_DONE_LATE)
				m.late[mm - 1]++;
			else
				m.open[mm - 1]++;
		}
		if (!next)
			break;
		q.after = next;
	}
	months = json_array();
	for (int k = 0; k < mo; k++) {
		char month[16];

		snprintf(month, sizeof month, "%04d-%02d", year, k + 1);
		json_array_append_new(months,
				      json_pack("{s:s, s:I, s:I, s:I, s:I}", "month", month,
						"received", (json_int_t)m.received[k], "on_time",
						(json_int_t)m.on_time[k], "late", (json_int_t)m.late[k],
						"open", (json_int_t)m.open[k]));
	}
	overdue = json_array();
	for (size_t i = 0; i < nlate; i++)
		json_array_append_new(
			overdue,
			json_pack("{s:s, s:o, s:o, s:i}", "code", late[i].code, "unit",
				  jnull_str(late[i].unit), "due", jnull_date(late[i].due),
				  "workdays_left",
				  calendar_workdays_until(cal, today, late[i].due)));
	json_object_set_new(out, "notices",
			    json_pack("{s:I, s:o, s:o, s:o, s:o}", "total", (json_int_t)total,
				      "by_stage", counts_json(stages, STAGE__MAX, stage_code),
				      "by_state", counts_json(states, DUE__MAX, state_code),
				      "overdue", overdue, "by_month", months));
	return CD_OK;
}

static enum cd_err incidents(struct act *c, json_t *out)
{
	struct work_query q = {.limit = SUMMARY_PAGE};
	size_t grades[GRADE__MAX] = {0}, reports[DUE__MAX] = {0}, total = 0, open = 0;
	size_t required = 0, fired = 0, questions = 0;
	json_t *classes = json_object(); /* class code (GB/T 20986; "none": not classed yet) → n */
	enum cd_err rc;

	if (!classes)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");

	for (;;) {
		struct incident_view *v = NULL;
		struct incident_env env;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = svc_incident_page(c, q, c->now, &v, &n, &next, &env))) {
			json_decref(classes);
			return rc;
		}
		for (size_t i = 0; i < n; i++) {
			const struct incident_analysis *an = &v[i].an;
			const char *cls = v[i].x.class_code ? v[i].x.class_code : "none";

			json_object_set_new(classes, cls,
					    json_integer(json_integer_value(
								 json_object_get(classes, cls)) +
							 1));
			total++;
			grades[an->grade]++;
			open += v[i].x.handling_ended_at == CD_TIME_NONE;
			if (an->report_required) {
				required++;
				reports[an->report_state]++;
			}
			fired += an->nfired > 0;
			questions += an->nopen;
		}
		if (!next)
			break;
		q.after = next;
	}
	json_object_set_new(out, "incidents",
			    json_pack("{s:I, s:I, s:I, s:o, s:o, s:{s:I, s:o}, s:I, s:I}", "total",
				      (json_int_t)total, "open", (json_int_t)open, "closed",
				      (json_int_t)(total - open), "by_grade",
				      counts_json(grades, GRADE__MAX, grade_name), "by_class", classes,
				      "reports",
				      "required", (json_int_t)required, "by_state",
				      counts_json(reports, DUE__MAX, state_code),
				      "with_triggers_fired", (json_int_t)fired, "open_questions",
				      (json_int_t)questions));
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

enum cd_err svc_summary(struct act *c, json_t **out)
{
	size_t ob[OBLIG__MAX][DUE__MAX], gaps[CHECK__MAX];
	const struct calendar *cal = NULL;
	struct gap_row *g = NULL;
	size_t ng = 0;
	int64_t next = 0;
	char day[11];
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
		rc = store_obligation_counts(c->s, c->scope, time_cst_date(c->now), ob, c->d);
	if (!rc)
		rc = act_calendar(c, &cal);
	if (!rc)
		rc = notices(c, cal, o);
	if (!rc)
		rc = incidents(c, o);
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
