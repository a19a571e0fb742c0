/* incident_json.c — an incident's verdict as JSON (see incident_json.h and docs/eval.md). */
#include "incident_json.h"

#include <stdio.h>

#include "core/lang.h"
#include "jnull.h"

static const char *unit_code(const struct reg *r, int64_t id)
{
	const struct unit *u = id ? reg_unit(r, id) : NULL;

	return u ? u->code : NULL;
}

static const char *person_code(const struct reg *r, int64_t id)
{
	const struct person *p = id ? reg_person(r, id) : NULL;

	return p ? p->code : NULL;
}

char *incident_evidence_text(const struct incident_analysis *an, int f, char *buf, size_t n)
{
	char val[96];

	incident_fact_text(&an->facts, (enum fact)f, val, sizeof val);
	if (an->origin[f] == ORIGIN_DERIVED && an->why[f][0])
		snprintf(buf, n, "%s (%s)", val, an->why[f]);
	else
		snprintf(buf, n, "%s (recorded)", val);
	return buf;
}

char *incident_evidence_label(const struct incident_analysis *an, int f, char *buf, size_t n)
{
	char val[192];

	incident_fact_label(&an->facts, (enum fact)f, lang_get(), val, sizeof val);
	if (an->origin[f] == ORIGIN_DERIVED && an->why[f][0])
		snprintf(buf, n, lang_tr("%s (%s)"), val,
			 an->why_text[f] ? an->why_text[f] : an->why[f]);
	else
		snprintf(buf, n, lang_tr("%s (recorded)"), val);
	return buf;
}

void incident_criticism_write(struct jw *w, const char *key, const struct profile *p,
			      unsigned g)
{
	const char *article = g & NOTICE_CRITICISM_REPEAT ? p->numbers.repeat_article
							  : p->numbers.criticism_late_article;

	if (!g) {
		jw_null(w, key);
		return;
	}
	jw_obj(w, key);
	jw_bool(w, "proposed", true);
	jw_str(w, "article", article && *article ? article : NULL);
	jw_arr(w, "grounds");
	if (g & NOTICE_CRITICISM_LATE)
		jw_str(w, NULL, "late");
	if (g & NOTICE_CRITICISM_REPEAT)
		jw_str(w, NULL, "repeat");
	jw_end(w);
	jw_end(w);
}

static json_t *evidence(const struct incident_analysis *an, int f, bool label)
{
	char buf[INCIDENT_EVIDENCE_MAX];

	return json_string(label ? incident_evidence_label(an, f, buf, sizeof buf)
				 : incident_evidence_text(an, f, buf, sizeof buf));
}

void incident_json_labels(json_t *verdict, const struct incident_analysis *an)
{
	json_t *fs = json_object_get(verdict, "facts"), *ts = json_object_get(verdict, "triggers");

	for (int i = 0; fs && i < FACT__MAX; i++) {
		json_t *f = json_object_get(fs, fact_name((enum fact)i));

		if (f && an->origin[i] == ORIGIN_DERIVED)
			json_object_set_new(f, "why_label",
					    json_string(an->why_text[i] ? an->why_text[i]
									: an->why[i]));
	}
	for (size_t i = 0; i < an->ntriggers && i < json_array_size(ts); i++) {
		const struct trigger_verdict *t = &an->triggers[i];
		json_t *evl = json_array();

		for (size_t k = 0; evl && k < t->r.nused; k++)
			json_array_append_new(evl, evidence(an, t->r.used[k], true));
		json_object_set_new(json_array_get(ts, i), "evidence_labels", evl);
	}
}

static const char *trigger_state(enum cond_value v)
{
	return v == COND_TRUE ? "fired" : v == COND_FALSE ? "not_fired" : "needs_judgement";
}

static json_t *fact_value(const struct facts *f, int id)
{
	const struct fact_value *v = &f->v[id];

	if (!v->known)
		return json_null();
	switch (fact_type((enum fact)id)) {
	case FACT_BOOL:
		return json_boolean(v->b);
	case FACT_NUMBER:
		return json_real(v->num);
	default:
		return json_string(v->str);
	}
}

static json_t *triggers(const struct incident_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->ntriggers; i++) {
		const struct trigger_verdict *t = &an->triggers[i];
		json_t *miss = json_array(), *ev = json_array();

		for (size_t k = 0; miss && k < t->r.nneed; k++)
			json_array_append_new(miss, json_string(fact_name((enum fact)t->r.need[k])));
		for (size_t k = 0; ev && k < t->r.nused; k++)
			json_array_append_new(ev, evidence(an, t->r.used[k], false));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o*, s:o*, s:s?}", "id",
						     t->t->id, "article", t->t->article, "state",
						     trigger_state(t->r.value), "missing_facts",
						     miss, "evidence", ev, "question",
						     t->r.value == COND_NEEDS_JUDGEMENT
							     ? t->t->question
							     : NULL));
	}
	return arr;
}

static json_t *chain(const struct incident_env *env, const struct incident_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->nchain; i++) {
		const struct chain_link *l = &an->chain[i];

		json_array_append_new(
			arr, json_pack("{s:o, s:o, s:o, s:s, s:b, s:o}", "person",
				       jnull_str(person_code(env->reg, l->person)), "unit",
				       jnull_str(unit_code(env->reg, l->unit)), "role",
				       l->role == CHAIN_NO_ROLE
					       ? json_null()
					       : json_string(role_code((enum role)l->role)),
				       "responsibility", responsibility_code(l->resp), "vacant",
				       l->vacant, "why", jnull_str(l->why)));
	}
	return arr;
}

static json_t *facts(const struct incident_analysis *an)
{
	json_t *o = json_object();

	for (int i = 0; o && i < FACT__MAX; i++) {
		json_t *f = json_pack("{s:o, s:s}", "value", fact_value(&an->facts, i), "origin",
				      fact_origin_code(an->origin[i]));

		if (f && an->origin[i] == ORIGIN_DERIVED)
			json_object_set_new(f, "why", json_string(an->why[i]));
		if (f && an->conflict[i])
			json_object_set_new(f, "conflict", json_true());
		json_object_set_new(o, fact_name((enum fact)i), f);
	}
	return o;
}

static json_t *basis(const struct incident_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->proposal.nmet; i++)
		json_array_append_new(arr, json_pack("{s:s, s:b}", "text",
						     an->proposal.met[i]->text, "confirmed",
						     an->proposal.met[i]->confirmed));
	return arr;
}

static json_t *unknown_measures(const struct incident_analysis *an)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < an->proposal.nunknown; i++)
		json_array_append_new(arr,
				      json_string(measure_code((enum measure)an->proposal.unknown[i])));
	return arr;
}

static json_t *repeat_of(const struct incident_env *env, const struct incident_analysis *an)
{
	const struct asset_event *e = an->repeat_of;

	for (size_t i = 0; e && e->notice && i < env->nnotices; i++)
		if (env->notices[i].id == e->notice)
			return json_string(env->notices[i].code);
	if (e && e->incident && e->code) /* the store's events carry the code */
		return json_string(e->code);
	for (size_t i = 0; e && e->incident && i < env->nincidents; i++)
		if (env->incidents[i].id == e->incident)
			return json_string(env->incidents[i].code);
	return json_null();
}

json_t *incident_verdict_json(const struct incident_env *env, const struct incident *x,
			      const struct incident_analysis *an)
{
	json_t *o, *w = json_array();

	for (size_t i = 0; w && i < an->nwarnings; i++)
		json_array_append_new(w, json_string(lang_tr(an->warnings[i]))); /* for a person */
	o = json_pack("{s:s, s:s, s:s, s:b, s:o, s:o, s:b, s:o, s:s, s:o, s:o, s:s, s:o}", "id",
		      x->code, "grade_proposed", grade_label(an->proposal.grade), "grade",
		      grade_label(an->grade), "grade_confirmed", x->graded, "grade_basis",
		      basis(an), "grade_unknown_measures", unknown_measures(an), "report_required",
		      an->report_required, "report_due", jnull_time(an->report_due),
		      "report_state", due_state_code(an->report_state), "reported_at",
		      jnull_time(an->reported_at), "summary_due", jnull_date(an->summary_due),
		      "summary_state", due_state_code(an->summary_state), "paralysis_hours",
		      an->paralysis_known ? json_real(an->paralysis_hours) : json_null());
	if (!o) {
		json_decref(w);
		return NULL;
	}
	json_object_set_new(o, "internal_report_due", jnull_time(an->internal_due));
	json_object_set_new(o, "internal_report_state",
			    json_string(due_state_code(an->internal_state)));
	json_object_set_new(o, "internal_reported_at", jnull_time(an->internal_at));
	json_object_set_new(o, "followup_state",
			    json_string(followup_state_code(an->followup_state)));
	json_object_set_new(o, "followup_at", jnull_time(an->followup_at));
	json_object_set_new(o, "reporter_type", json_string(reporter_code(an->reporter)));
	json_object_set_new(o, "reporter_basis",
			    json_string(reporter_basis_code(an->reporter_basis)));
	json_object_set_new(o, "reporter_why", json_string(an->reporter_why));
	json_object_set_new(o, "facts", facts(an));
	json_object_set_new(o, "triggers", triggers(an));
	json_object_set_new(o, "chain", chain(env, an));
	json_object_set_new(o, "repeat_of", repeat_of(env, an));
	json_object_set_new(o, "criticism_proposed", json_boolean(an->criticism));
	json_object_set_new(o, "criticism_article",
			    an->criticism && env->p->numbers.repeat_article &&
					    *env->p->numbers.repeat_article
				    ? json_string(env->p->numbers.repeat_article)
				    : json_null());
	json_object_set_new(o, "warnings", w);
	return o;
}
