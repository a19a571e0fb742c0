/* assess.c — the yearly assessment's acts and reads (see assess.h): a sheet scored from its
 * template, the values computed from the records of the unit's subtree and year (each with the
 * records that prove it) and those a person entered; the cycle's steps; the freeze at approval;
 * the ranking. */
#include "svc/assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_export.h"
#include "svc/evidence.h"
#include "svc/work.h"

static const char *const act_codes[ASA__MAX] = {"submit", "review", "approve", "return",
						"send_back"};

const char *assess_act_code(enum assess_act a)
{
	return (unsigned)a < ASA__MAX ? act_codes[a] : "?";
}

/* --- the template -------------------------------------------------------------------------------- */

#define TEMPLATE_META "assess_template" /* the organisation's own template, when installed */

static void tpl_free(void *p)
{
	assess_tpl_free(p);
}

/* keep hands a loaded template to c->a. */
static enum cd_err keep(struct act *c, struct assess_tpl *t)
{
	if (arena_defer(c->a, tpl_free, t)) {
		assess_tpl_free(t);
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	return CD_OK;
}

enum cd_err svc_assess_template(struct act *c, struct assess_tpl **out)
{
	char *own = NULL;
	enum cd_err rc = store_meta_get(c->s, TEMPLATE_META, &own, c->d);

	*out = NULL;
	if (rc == CD_ENOTFOUND || (!rc && !own))
		rc = assess_builtin(c->pol->p->id, out, c->d);
	else if (!rc)
		rc = assess_load_buffer(own, strlen(own), "assess_template", out, c->d);
	free(own);
	return rc ? rc : keep(c, *out);
}

enum cd_err svc_assess_template_use(struct act *c, const char *source, size_t len,
				    const char *file)
{
	struct assess_tpl *t = NULL;
	char *text;
	enum cd_err rc = assess_load_buffer(source, len, file, &t, c->d);

	if (rc) {
		c->field = "template"; /* the loader's message (FILE:LINE: what) stands */
		return rc;
	}
	if (strcmp(t->t.profile, c->pol->p->id)) {
		rc = act_fail(c, CD_EINVAL, "template",
			      "%s: the template is for profile %s, the organisation lives by %s", file,
			      t->t.profile, c->pol->p->id);
		assess_tpl_free(t);
		return rc;
	}
	text = arena_strndup(c->a, source, len);
	if (!text || strlen(text) != len) {
		assess_tpl_free(t);
		return act_fail(c, CD_EINVAL, "template", "%s: the template holds a NUL byte", file);
	}
	if (!(rc = act_begin(c)))
		rc = store_meta_set(c->s, TEMPLATE_META, text, c->d);
	rc = act_end(c, rc, "assessment.template", "assessment_template", NULL,
		     json_pack("{s:s, s:s, s:I}", "template", t->t.id, "file", file,
			       "indicators", (json_int_t)t->t.nind));
	assess_tpl_free(t);
	return rc;
}

/* --- reading a sheet ------------------------------------------------------------------------------ */

/* find: sheet id of the caller's scope (else "no assessment N", as for one that does not exist). */
static enum cd_err find(struct act *c, int64_t id, struct assess_rec *r)
{
	bool yes = true;
	enum cd_err rc = store_assess_get(c->s, id, c->a, r, c->d);

	if (!rc && c->scope)
		rc = store_assess_within(c->s, id, c->scope, &yes, c->d);
	if (rc == CD_ENOTFOUND || (!rc && !yes))
		return act_fail(c, CD_ENOTFOUND, NULL, "no assessment %lld", (long long)id);
	return rc;
}

/* value_of: the core value of a kept value. */
static struct assess_value value_of(const struct assess_value_rec *v)
{
	struct assess_value x = {AV_NONE, 0, 0, v->exempt_reason != NULL};

	if (!v->kind)
		return x;
	x.kind = !strcmp(v->kind, "count") ? AV_COUNT : !strcmp(v->kind, "share") ? AV_SHARE
										: AV_LEVEL;
	x.n = v->n;
	x.d = v->d;
	return x;
}

static const char *vkind_code(enum assess_vkind k)
{
	return k == AV_COUNT ? "count" : k == AV_SHARE ? "share" : k == AV_LEVEL ? "level" : NULL;
}

/* proofs_take keeps rows as the line's records. */
static void proofs_take(struct assess_line *l, struct assess_proof_rec *p, size_t n, size_t rows)
{
	l->proofs = p;
	l->nproofs = n;
	l->nrows = rows;
}

/* The day a computed indicator looks at the register: the end of the year, or today when the
 * year is not over. */
static cd_date year_day(struct act *c, int year)
{
	cd_date end = date_from_ymd(year, 12, 31), today = time_cst_date(c->now);

	return today < end ? today : end;
}

static enum cd_err source(struct act *c, struct assess_line *l, enum assess_source src,
			  const char *kind, int64_t unit, int year, struct assess_tally *t)
{
	struct assess_proof_rec *p = NULL;
	size_t n = 0;
	enum cd_err rc = store_assess_proofs(c->s, src, kind, unit, year, year_day(c, year),
					     ASSESS_PROOFS_MAX, c->a, &p, &n, t, c->d);

	if (!rc)
		proofs_take(l, p, n, t->rows);
	return rc;
}

/* label: "CODE · what" in c->a. */
static const char *label(struct act *c, const char *code, const char *what)
{
	size_t n = strlen(code) + strlen(what) + 8;
	char *s = arena_alloc(c->a, n);

	if (s)
		snprintf(s, n, "%s · %s", code, what);
	return s ? s : code;
}

/* The notices and incidents of the year are judged one by one, as their own reads judge them. */
#define WORK_ROWS_MAX 5000

static enum cd_err notices(struct act *c, struct assess_line *l, int64_t unit, int year)
{
	struct assess_tally t;
	struct assess_proof_rec *p = NULL;
	size_t n = 0, on_time = 0, late = 0;
	enum cd_err rc = store_assess_proofs(c->s, ASRC_NOTICES, NULL, unit, year, year_day(c, year),
					     WORK_ROWS_MAX, c->a, &p, &n, &t, c->d);

	for (size_t i = 0; !rc && i < n; i++) {
		struct notice_view v;
		enum due_state st = DUE_OPEN;
		struct arena *keep = c->a;

		/* each notice's whole view (its events, its similar systems) in a scratch arena
		 * dropped once judged: kept, the sheet of a large unit held them all at once */
		if (!(c->a = arena_new(0))) {
			c->a = keep;
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		if (!(rc = svc_notice_get(c, p[i].id, NULL, &v)))
			st = notice_state(&v.row.n, &v.due, c->now);
		arena_free(c->a);
		c->a = keep;
		if (rc)
			break;
		p[i].ok = st == DUE_DONE_ON_TIME;
		on_time += st == DUE_DONE_ON_TIME;
		late += st == DUE_DONE_LATE || st == DUE_OVERDUE;
		p[i].label = label(c, p[i].code, due_state_label(st));
	}
	if (rc)
		return rc;
	l->v = l->ind->measure == AM_NOTICES_LATE
		       ? (struct assess_value){AV_COUNT, (int64_t)late, 0, false}
		       : (struct assess_value){AV_SHARE, (int64_t)on_time, (int64_t)(on_time + late),
					       false};
	proofs_take(l, p, n < ASSESS_PROOFS_MAX ? n : ASSESS_PROOFS_MAX, t.rows);
	return CD_OK;
}

static enum cd_err incidents(struct act *c, struct assess_line *l, int64_t unit, int year)
{
	struct assess_tally t;
	struct assess_proof_rec *p = NULL;
	size_t n = 0, good = 0, bad = 0;
	enum cd_err rc = store_assess_proofs(c->s, ASRC_INCIDENTS, NULL, unit, year,
					     year_day(c, year), WORK_ROWS_MAX, c->a, &p, &n, &t, c->d);
	enum assess_measure m = l->ind->measure;
	size_t shown = 0;

	for (size_t i = 0; !rc && i < n; i++) {
		struct incident_view v;
		bool decided = false, counts = false, ok = false;
		const char *what = NULL;
		struct arena *keep = c->a;

		/* each incident's whole view in a scratch arena, dropped once judged (as notices) */
		if (!(c->a = arena_new(0))) {
			c->a = keep;
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			break;
		}
		if ((rc = svc_incident_get(c, p[i].id, NULL, c->now, &v))) {
			arena_free(c->a);
			c->a = keep;
			break;
		}
		for (size_t e = 0; e < v.x.nevents; e++)
			decided |= v.x.events[e].kind == IEV_DECIDE;
		switch (m) {
		case AM_INCIDENTS_ON_TIME:
		case AM_INCIDENTS_LATE:
			counts = v.an.report_required && v.an.report_state != DUE_OPEN &&
				 v.an.report_state != DUE_TODAY;
			ok = v.an.report_state == DUE_DONE_ON_TIME;
			what = due_state_label(v.an.report_state);
			break;
		case AM_ACCOUNTABILITY:
			counts = v.an.nfired > 0;
			ok = decided;
			what = decided ? "问责已决定 decided" : "问责未决定 not decided";
			break;
		default: /* AM_MAJOR_INCIDENTS */
			counts = v.an.grade >= GRADE_MAJOR;
			ok = !counts;
			what = grade_label(v.an.grade);
			break;
		}
		arena_free(c->a); /* what is left to use is static text */
		c->a = keep;
		if (!counts)
			continue;
		good += ok;
		bad += !ok;
		if (shown < ASSESS_PROOFS_MAX) {
			p[shown] = p[i];
			p[shown].ok = ok;
			p[shown].label = label(c, p[i].code, what);
			shown++;
		}
	}
	if (rc)
		return rc;
	if (m == AM_INCIDENTS_ON_TIME || m == AM_ACCOUNTABILITY)
		l->v = (struct assess_value){AV_SHARE, (int64_t)good, (int64_t)(good + bad), false};
	else
		l->v = (struct assess_value){AV_COUNT, (int64_t)bad, 0, false};
	proofs_take(l, p, shown, good + bad);
	return CD_OK;
}

/* gaps_fresh rebuilds the kept responsibility gaps when they are stale, in a transaction of
 * their own (svc_gap_page does it before it reads). */
static enum cd_err gaps_fresh(struct act *c)
{
	struct gap_row *g = NULL;
	size_t ng = 0;
	int64_t next = 0;

	return svc_gap_page(c, -1, 0, 1, &g, &ng, &next);
}

/* measure computes a computed indicator's value and records for unit's subtree in year. */
static enum cd_err measure(struct act *c, struct assess_line *l, int64_t unit, int year)
{
	struct assess_tally t = {0};
	enum cd_err rc = CD_OK;
	bool share = true;

	switch (l->ind->measure) {
	case AM_MEETINGS:
		rc = source(c, l, ASRC_RECORDS, "meeting", unit, year, &t);
		share = false;
		break;
	case AM_DRILLS:
		rc = source(c, l, ASRC_RECORDS, "drill", unit, year, &t);
		share = false;
		break;
	case AM_TRAININGS:
		rc = source(c, l, ASRC_RECORDS, "training", unit, year, &t);
		share = false;
		break;
	case AM_TRAINING_COVERAGE:
		rc = source(c, l, ASRC_UNITS_RECORD, "training", unit, year, &t);
		break;
	case AM_OFFICER_COVERAGE:
		rc = source(c, l, ASRC_UNITS_ROLE, "security_officer", unit, year, &t);
		break;
	case AM_RESPONSIBLE_COVERAGE:
		rc = source(c, l, ASRC_UNITS_ROLE, "first_responsible|principal", unit, year, &t);
		break;
	case AM_MLPS_FILED:
		rc = source(c, l, ASRC_MLPS_FILED, NULL, unit, year, &t);
		break;
	case AM_MLPS_ASSESSED:
		rc = source(c, l, ASRC_MLPS_ASSESSED, NULL, unit, year, &t);
		break;
	case AM_GAPS:
		/* the kept gaps are brought up to date first (gaps_fresh), as the read of /gaps does;
		 * an act does so before its transaction */
		if (!store_in_transaction(c->s))
			rc = gaps_fresh(c);
		if (!rc)
			rc = source(c, l, ASRC_GAPS, NULL, unit, year, &t);
		share = false;
		break;
	case AM_BUDGET_RATIO:
		rc = source(c, l, ASRC_PROJECTS, NULL, unit, year, &t);
		if (!rc)
			l->v = (struct assess_value){AV_SHARE, t.a, t.b, false};
		return rc;
	case AM_NOTICES_ON_TIME:
	case AM_NOTICES_LATE:
		return notices(c, l, unit, year);
	case AM_INCIDENTS_ON_TIME:
	case AM_INCIDENTS_LATE:
	case AM_ACCOUNTABILITY:
	case AM_MAJOR_INCIDENTS:
		return incidents(c, l, unit, year);
	default:
		return CD_OK;
	}
	if (!rc)
		l->v = share ? (struct assess_value){AV_SHARE, (int64_t)t.ok, (int64_t)t.rows, false}
			     : (struct assess_value){AV_COUNT, (int64_t)t.rows, 0, false};
	return rc;
}

/* proofs_json / proofs_read: the records of a frozen value, kept as JSON {"total": how many
 * there were, "items": the first ASSESS_PROOFS_MAX}. */
static json_t *proofs_json(const struct assess_line *l)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < l->nproofs; i++) {
		const struct assess_proof_rec *p = &l->proofs[i];

		json_array_append_new(a, json_pack("{s:s, s:I, s:o, s:o, s:b}", "kind", p->kind, "id",
						   (json_int_t)p->id, "code", jnull_str(p->code),
						   "label", jnull_str(p->label), "ok", p->ok));
	}
	return a;
}

static void proofs_read(struct act *c, struct assess_line *l, const char *text)
{
	json_t *kept = text ? json_loads(text, 0, NULL) : NULL, *e;
	json_t *a = json_object_get(kept, "items");
	size_t i, cap = 0;

	l->nrows = (size_t)json_integer_value(json_object_get(kept, "total"));
	json_array_foreach(a, i, e) {
		struct assess_proof_rec *p = arena_grow(c->a, &l->proofs, &l->nproofs, &cap,
							sizeof *p);

		if (!p)
			break;
		p->kind = arena_strdup(c->a, json_string_value(json_object_get(e, "kind")));
		p->id = json_integer_value(json_object_get(e, "id"));
		p->code = arena_strdup(c->a, json_string_value(json_object_get(e, "code")));
		p->label = arena_strdup(c->a, json_string_value(json_object_get(e, "label")));
		p->ok = json_is_true(json_object_get(e, "ok"));
	}
	json_decref(kept);
}

/* build scores sheet s (s->rec read): its template, values (kept, or computed now), lines. */
static enum cd_err build(struct act *c, struct assess_sheet *s, bool full)
{
	struct assess_value_rec *kept = NULL;
	struct assess_value *vals;
	struct assess_item *items;
	size_t nkept = 0;
	enum cd_err rc = assess_load_buffer(s->rec.template_source, strlen(s->rec.template_source),
					    "assessment template", &s->tpl, c->d);

	if (rc || (rc = keep(c, s->tpl)))
		return rc;
	s->t = &s->tpl->t;
	s->frozen = s->rec.stage == AST_APPROVED;
	s->lines = arena_alloc(c->a, (s->t->nind + 1) * sizeof *s->lines);
	vals = arena_alloc(c->a, (s->t->nind + 1) * sizeof *vals);
	items = arena_alloc(c->a, (s->t->nind + 1) * sizeof *items);
	if (!s->lines || !vals || !items)
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	if ((rc = store_assess_values(c->s, s->rec.id, c->a, &kept, &nkept, c->d)))
		return rc;
	for (size_t i = 0; i < s->t->nind; i++) {
		struct assess_line *l = &s->lines[i];

		l->ind = &s->t->ind[i];
		l->computed = l->ind->measure != AM_MANUAL;
		for (size_t k = 0; k < nkept; k++) {
			if (strcmp(kept[k].indicator, l->ind->code))
				continue;
			if (!l->computed || s->frozen)
				l->v = value_of(&kept[k]);
			l->v.exempt = kept[k].exempt_reason != NULL;
			l->exempt_reason = kept[k].exempt_reason;
			l->note = kept[k].note;
			l->by = kept[k].by;
			l->at = kept[k].at;
			if (s->frozen)
				proofs_read(c, l, kept[k].proof);
		}
		if (l->computed && !s->frozen && full) {
			bool exempt = l->v.exempt;

			if ((rc = measure(c, l, s->rec.unit, s->rec.year)))
				return rc;
			l->v.exempt = exempt;
		}
		vals[i] = l->v;
	}
	assess_score(s->t, vals, items, &s->total);
	for (size_t i = 0; i < s->t->nind; i++)
		s->lines[i].it = items[i];
	s->grade = s->t->ngrades ? &s->t->grades[s->total.grade] : NULL;
	if (!full)
		return CD_OK;
	rc = store_assess_steps(c->s, s->rec.id, c->a, &s->steps, &s->nsteps, c->d);
	if (!rc)
		rc = svc_evidence_list(c, EVO_ASSESSMENT, s->rec.id, NULL, &s->files, &s->nfiles);
	return rc;
}

enum cd_err svc_assess_sheet(struct act *c, int64_t id, struct assess_sheet *out)
{
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	rc = find(c, id, &out->rec);
	return rc ? rc : build(c, out, true);
}

/* --- the acts ---------------------------------------------------------------------------------- */

static void obj_of(char *buf, size_t n, int64_t id)
{
	snprintf(buf, n, "assessment:%lld", (long long)id);
}

/* state_json: the stage and score of a sheet, for the audit entries. */
static json_t *state_json(const struct assess_sheet *s)
{
	char b[32];

	return json_pack("{s:s, s:s, s:s, s:b}", "stage", assess_stage_code(s->rec.stage), "total",
			 assess_fmt(s->total.total, b, sizeof b), "grade",
			 s->grade ? s->grade->code : "", "vetoed", s->total.vetoed);
}

static enum cd_err step_add(struct act *c, struct assess_sheet *s, const char *kind, int from,
			    const char *comment)
{
	struct assess_step_rec e = {
		.kind = kind,
		.from = from,
		.to = (int)s->rec.stage,
		.at = c->now,
		.by = c->actor,
		.comment = comment,
		.scored = s->rec.scored,
		.total = s->rec.total,
		.grade = s->rec.grade,
	};

	return store_assess_step_add(c->s, s->rec.id, &e, c->d);
}

/* sheet_new keeps out->rec (unit, year, version, template, supersedes set) as a new sheet in
 * draft opened now, reads it back and records its first step (kind, with comment). */
static enum cd_err sheet_new(struct act *c, struct assess_sheet *out, const char *kind,
			     const char *comment)
{
	enum cd_err rc;

	out->rec.stage = AST_DRAFT;
	out->rec.scored = false;
	out->rec.grade = NULL;
	out->rec.vetoed = false;
	out->rec.opened_at = c->now;
	out->rec.opened_by = c->actor;
	rc = store_assess_add(c->s, &out->rec, c->d);
	if (!rc)
		rc = store_assess_get(c->s, out->rec.id, c->a, &out->rec, c->d);
	return rc ? rc : step_add(c, out, kind, -1, comment);
}

enum cd_err svc_assess_open(struct act *c, const char *unit, int year, struct assess_sheet *out)
{
	struct assess_rec was;
	struct assess_tpl *t = NULL;
	int64_t uid = 0;
	int now_year;
	char obj[48];
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	date_to_ymd(time_cst_date(c->now), &now_year, &(int){0}, &(int){0});
	if (year < 2000 || year > 2100 || year > now_year)
		return act_fail(c, CD_EINVAL, "year",
				"year: %d is not a year that can be assessed (2000 … this year)", year);
	if ((rc = act_ref(c, SK_UNIT, unit, "unit", &uid)))
		return rc;
	if ((rc = svc_assess_template(c, &t)) || (!store_in_transaction(c->s) && (rc = gaps_fresh(c))))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations or gaps derive from */
	rc = store_assess_latest(c->s, uid, year, c->a, &was, c->d);
	if (!rc)
		rc = act_fail(c, CD_ECONFLICT, "unit",
			      "unit: %s has assessment %lld of %d already (revise it for a correction)",
			      unit, (long long)was.id, year);
	else if (rc == CD_ENOTFOUND)
		rc = store_assess_template_put(c->s, t->t.id, t->source, &out->rec.template, c->d);
	if (!rc) {
		out->rec.unit = uid;
		out->rec.year = year;
		out->rec.version = 1;
		rc = sheet_new(c, out, "open", NULL);
	}
	if (!rc)
		rc = build(c, out, true);
	obj_of(obj, sizeof obj, out->rec.id);
	return act_end(c, rc, "assessment.open", obj, NULL,
		       rc ? NULL
			  : json_pack("{s:s, s:i, s:s}", "unit", unit, "year", year, "template",
				      t->t.id));
}

/* decimal parses "1", "0.5", "12.25" into hundredths; false when it is not such a number. */
static bool decimal(const char *s, int64_t *out)
{
	int64_t v = 0, f = 0;
	int digits = 0, places = 0;

	for (; *s >= '0' && *s <= '9' && digits < 12; s++, digits++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && places < 3; s++, places++)
			f = f * 10 + (*s - '0');
	if (!digits || *s || places > 2)
		return false;
	*out = v * 100 + (places == 1 ? f * 10 : f);
	return true;
}

/* entry_value reads a manual indicator's value as its rule takes it. */
static enum cd_err entry_value(struct act *c, const struct assess_indicator *i,
			       const struct assess_entry *in, struct assess_value *v)
{
	int64_t x = 0;
	const char *bad;

	if (!decimal(in->value, &x))
		return act_fail(c, CD_EINVAL, "value",
				"value: \"%s\" is not a number (a level 1, 0.5 or 0, or a count)",
				in->value);
	if (i->rule == ASR_LEVEL) {
		*v = (struct assess_value){AV_LEVEL, x, 0, false};
	} else if (x % 100) {
		return act_fail(c, CD_EINVAL, "value", "value: %s takes a whole number, not %s",
				i->code, in->value);
	} else if (i->rule == ASR_COVERAGE) {
		if (in->of < 0)
			return act_fail(c, CD_EINVAL, "of",
					"of: %s is a share — give how many of how many (value of of)",
					i->code);
		*v = (struct assess_value){AV_SHARE, x / 100, in->of, false};
	} else {
		*v = (struct assess_value){AV_COUNT, x / 100, 0, false};
	}
	if (i->rule != ASR_COVERAGE && in->of >= 0)
		return act_fail(c, CD_EINVAL, "of", "of: %s is not a share", i->code);
	if ((bad = assess_value_check(i, v)))
		return act_fail(c, CD_EINVAL, "value", "value: %s takes %s", i->code, bad);
	return CD_OK;
}

static json_t *value_rec_json(const struct assess_value_rec *v)
{
	return json_pack("{s:o, s:I, s:I, s:o, s:o}", "kind", jnull_str(v->kind), "n",
			 (json_int_t)v->n, "d", (json_int_t)v->d, "exempt_reason",
			 jnull_str(v->exempt_reason), "note", jnull_str(v->note));
}

enum cd_err svc_assess_set(struct act *c, int64_t id, const struct assess_entry *in,
			   struct assess_sheet *out)
{
	struct assess_value_rec *kept = NULL, v = {0}, was = {0};
	const struct assess_indicator *i;
	struct assess_value x = {0};
	size_t nkept = 0;
	bool had = false;
	char obj[48];
	int k;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if (!in->indicator)
		return act_fail(c, CD_EINVAL, "indicator", "indicator: name the indicator");
	if (!in->value && in->exempt < 0 && !in->note)
		return act_fail(c, CD_EINVAL, "value",
				"value: give a value, an exemption (exempt and reason) or a note");
	if (in->exempt == 1 && (!in->reason || !*in->reason))
		return act_fail(c, CD_EINVAL, "reason",
				"reason: an exemption (免责) needs its reason");
	if (in->exempt != 1 && in->reason)
		return act_fail(c, CD_EINVAL, "reason", "reason: a reason goes with exempt: true");
	if (!store_in_transaction(c->s) && (rc = gaps_fresh(c)))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations or gaps derive from */
	rc = find(c, id, &out->rec);
	if (!rc && out->rec.stage != AST_DRAFT)
		rc = act_fail(c, CD_ECONFLICT, NULL,
			      "assessment %lld is %s (%s): values change only in draft — return it "
			      "for correction first",
			      (long long)id, assess_stage_label(out->rec.stage),
			      assess_stage_code(out->rec.stage));
	if (!rc && (rc = build(c, out, false)) == CD_OK &&
	    (k = assess_find(out->t, in->indicator)) < 0)
		rc = act_fail(c, CD_EINVAL, "indicator",
			      "indicator: no indicator \"%s\" on this sheet", in->indicator);
	if (rc)
		return act_end(c, rc, NULL, NULL, NULL, NULL);
	i = &out->t->ind[k];
	if (in->value && i->measure != AM_MANUAL)
		rc = act_fail(c, CD_EINVAL, "value",
			      "value: %s is computed from the records (%s); it takes only an "
			      "exemption or a note",
			      i->code, assess_measure_code(i->measure));
	else if (in->value)
		rc = entry_value(c, i, in, &x);
	else if (in->of >= 0)
		rc = act_fail(c, CD_EINVAL, "of", "of: goes with a value");
	if (!rc)
		rc = store_assess_values(c->s, id, c->a, &kept, &nkept, c->d);
	for (size_t q = 0; !rc && q < nkept; q++)
		if (!strcmp(kept[q].indicator, i->code)) {
			was = v = kept[q];
			had = true;
		}
	if (!rc) {
		v.indicator = i->code;
		if (in->value) {
			v.kind = vkind_code(x.kind);
			v.n = x.n;
			v.d = x.d;
		}
		if (in->exempt >= 0)
			v.exempt_reason = in->exempt ? in->reason : NULL;
		if (in->note)
			v.note = *in->note ? in->note : NULL;
		v.computed = false;
		v.proof = NULL;
		v.at = c->now;
		v.by = c->actor;
	}
	if (!rc)
		rc = store_assess_value_put(c->s, id, &v, c->d);
	if (!rc)
		rc = build(c, out, true);
	obj_of(obj, sizeof obj, id);
	return act_end(c, rc, "assessment.value", obj,
		       rc ? NULL
			  : json_pack("{s:s, s:o}", "indicator", i->code,
				      "entry", had ? value_rec_json(&was) : json_null()),
		       rc ? NULL
			  : json_pack("{s:s, s:o}", "indicator", i->code, "entry",
				      value_rec_json(&v)));
}

/* freeze keeps every computed value of sheet s with its records (before the stage changes). */
static enum cd_err freeze(struct act *c, struct assess_sheet *s)
{
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < s->t->nind; i++) {
		const struct assess_line *l = &s->lines[i];
		json_t *p;
		char *text;
		struct assess_value_rec v = {
			.indicator = l->ind->code,
			.kind = vkind_code(l->v.kind),
			.n = l->v.n,
			.d = l->v.d,
			.exempt_reason = l->exempt_reason,
			.note = l->note,
			.computed = true,
			.at = l->by ? l->at : c->now,
			.by = l->by ? l->by : c->actor,
		};

		if (!l->computed || (!v.kind && !v.exempt_reason))
			continue;
		p = json_pack("{s:I, s:o}", "total", (json_int_t)l->nrows, "items", proofs_json(l));
		v.proof = text = p ? json_dumps(p, JSON_COMPACT) : NULL;
		json_decref(p);
		if (!text)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = store_assess_value_put(c->s, s->rec.id, &v, c->d);
		free(text);
	}
	return rc;
}

enum cd_err svc_assess_step(struct act *c, int64_t id, enum assess_act step, const char *comment,
			    struct assess_sheet *out)
{
	static const struct {
		unsigned from;       /* stages it may start from, as bits */
		enum assess_stage to;
		bool reason;
	} rules[ASA__MAX] = {
		[ASA_SUBMIT] = {1u << AST_DRAFT, AST_SUBMITTED, false},
		[ASA_REVIEW] = {1u << AST_SUBMITTED, AST_REVIEWED, false},
		[ASA_APPROVE] = {1u << AST_REVIEWED, AST_APPROVED, false},
		[ASA_RETURN] = {(1u << AST_SUBMITTED) | (1u << AST_REVIEWED), AST_DRAFT, true},
		[ASA_SEND_BACK] = {1u << AST_REVIEWED, AST_SUBMITTED, true},
	};
	json_t *before = NULL;
	char obj[48], action[40];
	int from = -1;
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if ((unsigned)step >= ASA__MAX)
		return act_fail(c, CD_EINVAL, NULL, "no such step of the assessment");
	if (rules[step].reason && (!comment || !*comment))
		return act_fail(c, CD_EINVAL, "comment",
				"comment: say why the assessment is returned (退回原因)");
	if (!store_in_transaction(c->s) && (rc = gaps_fresh(c)))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations or gaps derive from */
	rc = find(c, id, &out->rec);
	if (!rc && !(rules[step].from & (1u << out->rec.stage)))
		rc = act_fail(c, CD_ECONFLICT, NULL,
			      "assessment %lld is %s (%s): it cannot be %s now", (long long)id,
			      assess_stage_label(out->rec.stage), assess_stage_code(out->rec.stage),
			      step == ASA_SUBMIT    ? "submitted"
			      : step == ASA_REVIEW  ? "reviewed"
			      : step == ASA_APPROVE ? "approved"
						    : "returned");
	if (!rc && !out->rec.latest)
		rc = act_fail(c, CD_ECONFLICT, NULL,
			      "assessment %lld has a later version", (long long)id);
	if (!rc)
		rc = build(c, out, true);
	if (!rc)
		before = state_json(out);
	if (!rc && step == ASA_SUBMIT && out->total.missing)
		for (size_t i = 0; i < out->t->nind; i++)
			if (out->lines[i].it.missing) {
				rc = act_fail(c, CD_EINVAL, "values",
					      "values: %s (%s) has no value yet — enter it (or its "
					      "exemption) before submitting",
					      out->lines[i].ind->code, out->lines[i].ind->name);
				break;
			}
	if (!rc) {
		from = (int)out->rec.stage;
		out->rec.stage = rules[step].to;
		out->rec.scored = true;
		out->rec.total = out->total.total;
		out->rec.grade = out->grade ? out->grade->code : NULL;
		out->rec.vetoed = out->total.vetoed;
		if (step == ASA_APPROVE)
			rc = freeze(c, out);
	}
	if (!rc)
		rc = store_assess_update(c->s, &out->rec, c->d);
	if (!rc)
		rc = step_add(c, out, assess_act_code(step), from, comment);
	if (!rc) {
		enum assess_stage now = out->rec.stage;

		rc = svc_assess_sheet(c, id, out);
		if (!rc && out->rec.stage != now)
			rc = cd_diag_set(c->d, CD_ESTORE, "assessment %lld: stage not kept",
					 (long long)id);
	}
	obj_of(obj, sizeof obj, id);
	snprintf(action, sizeof action, "assessment.%s", assess_act_code(step));
	if (rc) {
		json_decref(before);
		return act_end(c, rc, action, obj, NULL, NULL);
	}
	{
		json_t *after = state_json(out);

		if (after && comment)
			json_object_set_new(after, "comment", json_string(comment));
		return act_end(c, rc, action, obj, before, after);
	}
}

enum cd_err svc_assess_revise(struct act *c, int64_t id, const char *reason,
			      struct assess_sheet *out)
{
	struct assess_value_rec *kept = NULL;
	struct assess_rec old;
	size_t nkept = 0;
	char obj[48];
	enum cd_err rc;

	memset(out, 0, sizeof *out);
	if (!reason || !*reason)
		return act_fail(c, CD_EINVAL, "reason",
				"reason: say what the new version corrects (更正原因)");
	if (!store_in_transaction(c->s) && (rc = gaps_fresh(c)))
		return rc;
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true; /* nothing the obligations or gaps derive from */
	rc = find(c, id, &old);
	if (!rc && (old.stage != AST_APPROVED || !old.latest))
		rc = act_fail(c, CD_ECONFLICT, NULL,
			      old.stage != AST_APPROVED
				      ? "assessment %lld is not approved: correct it in its cycle"
				      : "assessment %lld has a later version: revise that one",
			      (long long)id);
	if (!rc) {
		out->rec = old;
		out->rec.version = old.version + 1;
		out->rec.supersedes = old.id;
		rc = sheet_new(c, out, "revise", reason);
	}
	if (!rc)
		rc = store_assess_values(c->s, id, c->a, &kept, &nkept, c->d);
	for (size_t i = 0; !rc && i < nkept; i++) {
		if (kept[i].computed) { /* a computed value is computed again; its exemption stays */
			if (!kept[i].exempt_reason)
				continue;
			kept[i].kind = NULL;
			kept[i].proof = NULL;
			kept[i].computed = false;
		}
		rc = store_assess_value_put(c->s, out->rec.id, &kept[i], c->d);
	}
	if (!rc)
		rc = build(c, out, true);
	obj_of(obj, sizeof obj, out->rec.id);
	return act_end(c, rc, "assessment.revise", obj, NULL,
		       rc ? NULL
			  : json_pack("{s:I, s:i, s:s}", "supersedes", (json_int_t)id, "version",
				      out->rec.version, "reason", reason));
}

/* --- lists ------------------------------------------------------------------------------------- */

enum cd_err svc_assess_page(struct act *c, struct assess_query q, struct assess_rec **out,
			    size_t *n, int64_t *next)
{
	size_t want = q.limit;
	enum cd_err rc;

	q.scope = c->scope;
	q.limit = want + 1;
	*next = 0;
	rc = store_assess_page(c->s, &q, c->a, out, n, c->d);
	if (!rc && *n > want) {
		*n = want;
		*next = (*out)[want - 1].id;
	}
	return rc;
}

const char *svc_assess_grade_label(const struct assess_template *t, const char *g)
{
	for (size_t i = 0; g && t && i < t->ngrades; i++)
		if (!strcmp(t->grades[i].code, g))
			return t->grades[i].label;
	return g;
}

enum cd_err svc_assess_ranking(struct act *c, int year, struct assess_rank **out, size_t *n)
{
	struct assess_rank_rec *rows = NULL;
	struct assess_tpl *t = NULL;
	int rank = 0;
	enum cd_err rc;

	*out = NULL;
	*n = 0;
	if ((rc = svc_assess_template(c, &t)))
		return rc;
	if ((rc = store_assess_ranking(c->s, c->scope, year, ASSESS_RANKING_MAX, c->a, &rows, n,
				       c->d)))
		return rc;
	if (!(*out = arena_alloc(c->a, (*n + 1) * sizeof **out)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < *n; i++) {
		struct assess_rank *r = &(*out)[i];

		r->r = rows[i];
		r->grade_label = svc_assess_grade_label(&t->t, rows[i].r.grade);
		r->prev_grade_label = svc_assess_grade_label(&t->t, rows[i].prev_grade);
		if (!rows[i].r.scored || rows[i].r.vetoed)
			continue;
		rank = i && (*out)[i - 1].rank && rows[i - 1].r.total == rows[i].r.total
			       ? (*out)[i - 1].rank
			       : (int)i + 1;
		r->rank = rank;
	}
	return CD_OK;
}

enum cd_err svc_assess_results(struct act *c, int year, FILE *f, const char *path, int lang)
{
	static const struct csv_sheet_col cols[] = {
		{"名次", "rank"},	  {"单位代码", "unit"},	 {"单位名称", "unit_name"},
		{"年度", "year"},	  {"版本", "version"},	 {"阶段", "stage"},
		{"得分", "total"},	  {"等级", "grade"},	 {"一票否决", "vetoed"},
		{"上年得分", "previous_total"}, {"上年等级", "previous_grade"}, {"增减", "change"},
	};
	struct assess_rank *r = NULL;
	struct csv_out o = {0};
	size_t n = 0;
	char sheet[32];
	enum cd_err rc = svc_assess_ranking(c, year, &r, &n);

	snprintf(sheet, sizeof sheet, "%d年度考核结果", year);
	if (!rc)
		rc = csv_out_begin_sheet(&o, f, path, sheet, "results", cols,
					 sizeof cols / sizeof *cols,
					 lang ? CSV_LANG_EN : CSV_LANG_ZH, c->d);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		const struct assess_rank_rec *x = &r[i].r;

		if (r[i].rank)
			csv_out_num(&o, r[i].rank);
		else
			csv_out_text(&o, NULL);
		csv_out_text(&o, x->r.unit_code);
		csv_out_text(&o, x->r.unit_name);
		csv_out_num(&o, x->r.year);
		csv_out_num(&o, x->r.version);
		csv_out_label(&o, assess_stage_label(x->r.stage), assess_stage_code(x->r.stage));
		if (x->r.scored)
			csv_out_hundredths(&o, x->r.total);
		else
			csv_out_text(&o, NULL);
		csv_out_label(&o, r[i].grade_label, x->r.grade);
		csv_out_label(&o, x->r.vetoed ? "是" : "否", x->r.vetoed ? "yes" : "no");
		if (x->has_prev && x->prev_scored)
			csv_out_hundredths(&o, x->prev_total);
		else
			csv_out_text(&o, NULL);
		csv_out_label(&o, r[i].prev_grade_label, x->prev_grade);
		if (x->r.scored && x->has_prev && x->prev_scored)
			csv_out_hundredths(&o, x->r.total - x->prev_total);
		else
			csv_out_text(&o, NULL);
		csv_out_row_end(&o);
	}
	return csv_out_end(&o, c->d);
}

/* --- JSON -------------------------------------------------------------------------------------- */

static json_t *points(int64_t v)
{
	char b[32];

	return json_string(assess_fmt(v, b, sizeof b));
}

static json_t *points_or_null(bool has, int64_t v)
{
	return has ? points(v) : json_null();
}

json_t *svc_assess_json(const struct assess_rec *r)
{
	return json_pack("{s:I, s:{s:s, s:s}, s:i, s:i, s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:o, "
			 "s:o}",
			 "id", (json_int_t)r->id, "unit", "code", r->unit_code, "name",
			 r->unit_name, "year", r->year, "version", r->version, "stage",
			 assess_stage_code(r->stage), "stage_label", assess_stage_label(r->stage),
			 "total", points_or_null(r->scored, r->total), "grade", jnull_str(r->grade),
			 "vetoed", r->vetoed, "latest", r->latest, "supersedes",
			 r->supersedes ? json_integer(r->supersedes) : json_null(), "opened_at",
			 jnull_time(r->opened_at), "template", jnull_str(r->template_id));
}

static json_t *value_json(const struct assess_value *v)
{
	if (v->kind == AV_NONE)
		return json_null();
	if (v->kind == AV_LEVEL)
		return json_pack("{s:s, s:o}", "kind", "level", "p", points(v->n));
	if (v->kind == AV_SHARE)
		return json_pack("{s:s, s:I, s:I}", "kind", "share", "n", (json_int_t)v->n, "of",
				 (json_int_t)v->d);
	return json_pack("{s:s, s:I}", "kind", "count", "n", (json_int_t)v->n);
}

static json_t *line_json(const struct assess_line *l)
{
	const struct assess_indicator *i = l->ind;
	json_t *steps = json_array(), *j;

	for (size_t k = 0; steps && k < i->nsteps; k++)
		json_array_append_new(steps, json_pack("{s:o, s:o}", "min", points(i->steps[k].min),
						       "p", points(i->steps[k].p)));
	j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:s, s:s, s:b, s:o, s:o, s:o, "
		      "s:b, s:b, s:o, s:o, s:o, s:o, s:o, s:I}",
		      "code", i->code, "name", i->name, "rule", assess_rule_code(i->rule), "measure",
		      assess_measure_code(i->measure), "weight", points(i->weight), "per",
		      i->per ? points(i->per) : json_null(), "steps", steps, "proportional",
		      i->proportional, "evidence", i->evidence, "basis", i->basis, "computed",
		      l->computed, "value", value_json(&l->v), "p",
		      l->it.missing ? json_null() : points(l->it.p), "score", points(l->it.score),
		      "missing", l->it.missing, "vetoed", l->it.vetoed, "exempt_reason",
		      jnull_str(l->exempt_reason), "note", jnull_str(l->note), "by",
		      jnull_str(l->by), "at", l->by ? jnull_time(l->at) : json_null(), "records",
		      proofs_json(l), "records_total", (json_int_t)l->nrows);
	return j;
}

json_t *svc_assess_sheet_json(const struct assess_sheet *s)
{
	json_t *j = svc_assess_json(&s->rec), *groups = json_array(), *steps = json_array(),
	       *files = json_array();

	if (!j || !groups || !steps || !files) {
		json_decref(j);
		json_decref(groups);
		json_decref(steps);
		json_decref(files);
		return NULL;
	}
	for (size_t g = 0; g < s->t->ngroups; g++) {
		json_t *ind = json_array();

		for (size_t i = 0; ind && i < s->t->nind; i++)
			if (s->lines[i].ind->group == g)
				json_array_append_new(ind, line_json(&s->lines[i]));
		json_array_append_new(groups, json_pack("{s:s, s:s, s:o}", "code",
							s->t->groups[g].code, "name",
							s->t->groups[g].name, "indicators", ind));
	}
	for (size_t i = 0; i < s->nsteps; i++) {
		const struct assess_step_rec *e = &s->steps[i];

		json_array_append_new(
			steps, json_pack("{s:s, s:o, s:s, s:o, s:s, s:o, s:o, s:o}", "kind", e->kind,
					 "from",
					 e->from >= 0 ? json_string(assess_stage_code(
								(enum assess_stage)e->from))
						      : json_null(),
					 "to", assess_stage_code((enum assess_stage)e->to), "at",
					 jnull_time(e->at), "by", e->by, "comment",
					 jnull_str(e->comment), "total",
					 points_or_null(e->scored, e->total), "grade",
					 jnull_str(e->grade)));
	}
	for (size_t i = 0; i < s->nfiles; i++)
		json_array_append_new(files, svc_evidence_json(&s->files[i]));
	json_object_set_new(j, "template", json_pack("{s:s, s:s, s:s}", "id", s->t->id, "title",
						     s->t->title, "source", s->t->source));
	json_object_set_new(j, "score",
			    json_pack("{s:o, s:o, s:b, s:o, s:o, s:s, s:b, s:I, s:b}", "base",
				      points(s->total.base), "bonus", points(s->total.bonus),
				      "bonus_counted", s->total.bonus_counted, "total",
				      points(s->total.total), "grade",
				      jnull_str(s->grade ? s->grade->code : NULL), "grade_label",
				      s->grade ? s->grade->label : "", "vetoed", s->total.vetoed,
				      "missing", (json_int_t)s->total.missing, "frozen", s->frozen));
	json_object_set_new(j, "groups", groups);
	json_object_set_new(j, "steps", steps);
	json_object_set_new(j, "files", files);
	return j;
}

json_t *svc_assess_rank_json(const struct assess_rank *r)
{
	json_t *j = svc_assess_json(&r->r.r);
	json_t *prev = r->r.has_prev
			       ? json_pack("{s:I, s:o, s:o, s:o, s:s}", "id", (json_int_t)r->r.prev_id,
					   "total", points_or_null(r->r.prev_scored, r->r.prev_total),
					   "grade", jnull_str(r->r.prev_grade), "grade_label",
					   jnull_str(r->prev_grade_label), "stage",
					   assess_stage_code((enum assess_stage)r->r.prev_stage))
			       : json_null();

	if (!j) {
		json_decref(prev);
		return NULL;
	}
	json_object_set_new(j, "rank", r->rank ? json_integer(r->rank) : json_null());
	json_object_set_new(j, "grade_label", jnull_str(r->grade_label));
	json_object_set_new(j, "previous", prev);
	json_object_set_new(j, "change",
			    r->r.r.scored && r->r.has_prev && r->r.prev_scored
				    ? points(r->r.r.total - r->r.prev_total)
				    : json_null());
	return j;
}
