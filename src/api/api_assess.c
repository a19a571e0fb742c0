/* api_assess.c — the yearly assessment (检查考核) over the API: the sheets of the caller's scope,
 * one sheet with its indicators, records, files and steps, the acts of the cycle, the ranking of
 * a year and the results list as a file. Each handler parses, calls svc/assess.h — the scope
 * applied there — and encodes. Who may take which step is the route's permission class: the
 * unit (work) opens, enters and submits; the office reviews, returns and revises; the leading
 * group (approve) approves and sends back. */
#include <stdio.h>
#include <string.h>

#include "api_int.h"
#include "io/csv_export.h"
#include "svc/assess.h"
#include "svc/evidence.h"

static const char *text_of(struct api_ctx *x, const char *field)
{
	const struct fval *v = api_val(x, field);

	return v && v->set && !v->null ? v->s : NULL;
}

/* sheet_answer answers an act's outcome with the whole sheet. */
static int sheet_answer(struct api_ctx *x, struct act *c, enum cd_err rc, unsigned status,
			const struct assess_sheet *s)
{
	return api_acted(x, c, rc, status, rc ? NULL : svc_assess_sheet_json(s));
}

int api_assessments_list(struct api_ctx *x)
{
	const struct fval *year = api_qval(x, "year"), *stage = api_qval(x, "stage"),
			  *unit = api_qval(x, "unit");
	struct assess_query q = {.stage = -1};
	struct assess_rec *r = NULL;
	struct api_pager pg;
	struct cd_diag d = {{0}};
	struct act c;
	size_t n = 0;
	int64_t next = 0;
	json_t *items;
	char cur[32];
	enum cd_err rc;
	int st;

	if ((st = api_pager_start(x, &pg)))
		return st;
	if (pg.desc)
		return api_fail(x, 400, "invalid", "sort", "sort: assessments are listed by id only");
	q.after = pg.after;
	q.limit = pg.limit;
	q.year = year->set ? (int)year->i : 0;
	q.stage = stage->set ? (int)stage->i : -1;
	if (unit->set) {
		rc = store_id_of(x->q->store, SK_UNIT, unit->s, &q.unit, NULL);
		if (rc == CD_ENOTFOUND)
			return api_fail(x, 400, "invalid", "unit", "unit: no unit \"%.64s\"", unit->s);
		if (rc)
			return api_err(x, rc, NULL, NULL);
	}
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_assess_page(&c, q, &r, &n, &next)))
		return api_acted(x, &c, rc, 200, NULL);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, svc_assess_json(&r[i]));
	if (next)
		api_cursor_make(cur, sizeof cur, NULL, next);
	return api_page(x, items, next ? cur : NULL);
}

int api_assessment_create(struct api_ctx *x)
{
	struct assess_sheet s;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_assess_open(&c, text_of(x, "unit"), (int)api_val(x, "year")->i, &s);
	return sheet_answer(x, &c, rc, 201, &s);
}

int api_assessment_get(struct api_ctx *x)
{
	struct assess_sheet s;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_assess_sheet(&c, x->id, &s);
	return sheet_answer(x, &c, rc, 200, &s);
}

int api_assessment_value(struct api_ctx *x)
{
	const struct fval *of = api_val(x, "of"), *exempt = api_val(x, "exempt");
	struct assess_entry in = {.of = -1, .exempt = -1};
	struct assess_sheet s;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	in.indicator = text_of(x, "indicator");
	in.value = text_of(x, "value");
	in.of = of->set ? of->i : -1;
	in.exempt = exempt->set ? exempt->b : -1;
	in.reason = text_of(x, "reason");
	in.note = api_val(x, "note")->set ? (text_of(x, "note") ? text_of(x, "note") : "") : NULL;
	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_assess_set(&c, x->id, &in, &s);
	return sheet_answer(x, &c, rc, 200, &s);
}

/* step: one step of the cycle, the act named by the route's last segment. */
static int step(struct api_ctx *x, enum assess_act a, const char *field)
{
	struct assess_sheet s;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_assess_step(&c, x->id, a, text_of(x, field), &s);
	if (rc && c.field && !strcmp(c.field, "comment"))
		c.field = field;
	return sheet_answer(x, &c, rc, 200, &s);
}

int api_assessment_submit(struct api_ctx *x) { return step(x, ASA_SUBMIT, "comment"); }
int api_assessment_review(struct api_ctx *x) { return step(x, ASA_REVIEW, "comment"); }
int api_assessment_approve(struct api_ctx *x) { return step(x, ASA_APPROVE, "comment"); }
int api_assessment_return(struct api_ctx *x) { return step(x, ASA_RETURN, "reason"); }
int api_assessment_send_back(struct api_ctx *x) { return step(x, ASA_SEND_BACK, "reason"); }

int api_assessment_revise(struct api_ctx *x)
{
	struct assess_sheet s;
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = svc_assess_revise(&c, x->id, text_of(x, "reason"), &s);
	return sheet_answer(x, &c, rc, 201, &s);
}

int api_assessments_ranking(struct api_ctx *x)
{
	struct assess_rank *r = NULL;
	struct cd_diag d = {{0}};
	struct act c;
	size_t n = 0;
	int year = (int)api_qval(x, "year")->i;
	json_t *items;
	enum cd_err rc;
	int st;

	if (!api_qval(x, "year")->set)
		return api_fail(x, 400, "invalid", "year", "year: give the year ranked");
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = svc_assess_ranking(&c, year, &r, &n)))
		return api_acted(x, &c, rc, 200, NULL);
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, svc_assess_rank_json(&r[i]));
	return api_ok(x, 200, json_pack("{s:i, s:o}", "year", year, "ranking", items));
}

/* results_write: the results list of the year (arg) to the file api_sheet_answer gives. */
static enum cd_err results_write(struct act *c, void *arg, FILE *f, const char *path)
{
	const int *yl = arg; /* year, lang */

	return svc_assess_results(c, yl[0], f, path, yl[1] == CSV_LANG_EN);
}

int api_assessments_results(struct api_ctx *x)
{
	const struct fval *fmt = api_qval(x, "format"), *lg = api_qval(x, "lang");
	struct cd_diag d = {{0}};
	struct act c;
	int yl[2] = {(int)api_qval(x, "year")->i, CSV_LANG_ZH}, st;
	bool xlsx;

	if (!api_qval(x, "year")->set)
		return api_fail(x, 400, "invalid", "year", "year: give the year of the results");
	if (fmt->set && strcmp(fmt->s, "csv") && strcmp(fmt->s, "xlsx"))
		return api_fail(x, 400, "invalid", "format", "format: give csv or xlsx");
	if (lg->set && (yl[1] = csv_lang_parse(lg->s)) < 0)
		return api_fail(x, 400, "invalid", "lang", "lang: give zh or en");
	xlsx = fmt->set && !strcmp(fmt->s, "xlsx");
	if ((st = api_act(x, &c, &d)))
		return st;
	if ((st = api_sheet_answer(x, &c, xlsx, results_write, yl, &d)) != 200)
		return st;
	snprintf(x->r->disposition, sizeof x->r->disposition,
		 "attachment; filename=\"assessment-results-%d.%s\"", yl[0], xlsx ? "xlsx" : "csv");
	return 200;
}
