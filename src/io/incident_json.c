/* incident_json.c — an incident's verdict as JSON (see incident_json.h and docs/eval.md). */
#include "incident_json.h"

#include <stdio.h>

#include "core/lang.h"
#include "jwtree.h"

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

/* ev_write: the evidence fact f gives in an, as the engine words it or (label) as a person
 * reads it */
static void ev_write(struct jw *w, const struct incident_analysis *an, int f, bool label)
{
	char buf[INCIDENT_EVIDENCE_MAX];

	jw_str(w, NULL,
	       label ? incident_evidence_label(an, f, buf, sizeof buf)
		     : incident_evidence_text(an, f, buf, sizeof buf));
}

static const char *trigger_state(enum cond_value v)
{
	return v == COND_TRUE ? "fired" : v == COND_FALSE ? "not_fired" : "needs_judgement";
}

static void fact_value(struct jw *w, const struct facts *f, int id)
{
	const struct fact_value *v = &f->v[id];

	if (!v->known) {
		jw_null(w, "value");
		return;
	}
	switch (fact_type((enum fact)id)) {
	case FACT_BOOL:
		jw_bool(w, "value", v->b);
		break;
	case FACT_NUMBER:
		jw_real(w, "value", v->num);
		break;
	default:
		jw_str(w, "value", v->str);
	}
}

/* The API's labels (its writer's labeller, api/labels.c) of what api_labels treats apart: each
 * fact of "facts" gains "label", a trigger's "missing_facts" "missing_facts_labels" (the
 * labeller's key "facts" labels a fact's name) — written here where api_labels puts them, the
 * writer's own labels held off inside those objects. */

static void facts(struct jw *w, const struct incident_analysis *an, bool labels)
{
	jw_label_fn lbl = w->label;

	w->label = NULL;
	jw_obj(w, "facts");
	for (int i = 0; i < FACT__MAX; i++) {
		const char *name = fact_name((enum fact)i), *l;
		char buf[64];

		jw_obj(w, name);
		fact_value(w, &an->facts, i);
		jw_str(w, "origin", fact_origin_code(an->origin[i]));
		if (an->origin[i] == ORIGIN_DERIVED)
			jw_str(w, "why", an->why[i]);
		if (an->conflict[i])
			jw_bool(w, "conflict", true);
		if (labels && an->origin[i] == ORIGIN_DERIVED)
			jw_str(w, "why_label", an->why_text[i] ? an->why_text[i] : an->why[i]);
		if (lbl && (l = lbl("facts", name, buf, sizeof buf)))
			jw_str(w, "label", l);
		jw_end(w);
	}
	jw_end(w);
	w->label = lbl;
}

static void triggers(struct jw *w, const struct incident_analysis *an, bool labels, bool full)
{
	jw_label_fn lbl = w->label;

	w->label = NULL;
	jw_arr(w, "triggers");
	for (size_t i = 0; i < an->ntriggers; i++) {
		const struct trigger_verdict *t = &an->triggers[i];
		const char *state = trigger_state(t->r.value), *l;
		char buf[64];

		jw_obj(w, NULL);
		jw_str(w, "id", t->t->id);
		jw_str(w, "article", t->t->article);
		jw_str(w, "state", state);
		jw_arr(w, "missing_facts");
		for (size_t k = 0; k < t->r.nneed; k++)
			jw_str(w, NULL, fact_name((enum fact)t->r.need[k]));
		jw_end(w);
		jw_arr(w, "evidence");
		for (size_t k = 0; k < t->r.nused; k++)
			ev_write(w, an, t->r.used[k], false);
		jw_end(w);
		jw_str(w, "question", t->r.value == COND_NEEDS_JUDGEMENT ? t->t->question : NULL);
		if (labels) {
			jw_arr(w, "evidence_labels");
			for (size_t k = 0; k < t->r.nused; k++)
				ev_write(w, an, t->r.used[k], true);
			jw_end(w);
		}
		if (full)
			jw_str(w, "text", t->t->text);
		if (lbl && (l = lbl("state", state, buf, sizeof buf)))
			jw_str(w, "state_label", l);
		if (lbl) {
			jw_arr(w, "missing_facts_labels");
			for (size_t k = 0; k < t->r.nneed; k++) {
				const char *name = fact_name((enum fact)t->r.need[k]);

				l = lbl("facts", name, buf, sizeof buf);
				jw_str(w, NULL, l ? l : name);
			}
			jw_end(w);
		}
		jw_end(w);
	}
	jw_end(w);
	w->label = lbl;
}

static void chain(struct jw *w, const struct incident_env *env, const struct incident_analysis *an,
		  bool full)
{
	jw_arr(w, "chain");
	for (size_t i = 0; i < an->nchain; i++) {
		const struct chain_link *l = &an->chain[i];

		jw_obj(w, NULL);
		jw_str(w, "person", person_code(env->reg, l->person));
		jw_str(w, "unit", unit_code(env->reg, l->unit));
		jw_str(w, "role", l->role == CHAIN_NO_ROLE ? NULL : role_code((enum role)l->role));
		jw_str(w, "responsibility", responsibility_code(l->resp));
		jw_bool(w, "vacant", l->vacant);
		jw_str(w, "why", l->why);
		if (full) {
			const struct person *p = l->person ? reg_person(env->reg, l->person) : NULL;

			jw_str(w, "name", p ? p->name : NULL);
			jw_str(w, "answering", unit_code(env->reg, l->answering));
		}
		jw_end(w);
	}
	jw_end(w);
}

static const char *repeat_of(const struct incident_env *env, const struct incident_analysis *an)
{
	const struct asset_event *e = an->repeat_of;

	for (size_t i = 0; e && e->notice && i < env->nnotices; i++)
		if (env->notices[i].id == e->notice)
			return env->notices[i].code;
	if (e && e->incident && e->code) /* the store's events carry the code */
		return e->code;
	for (size_t i = 0; e && e->incident && i < env->nincidents; i++)
		if (env->incidents[i].id == e->incident)
			return env->incidents[i].code;
	return NULL;
}

void incident_verdict_members(struct jw *w, const struct incident_env *env,
			      const struct incident *x, const struct incident_analysis *an,
			      bool labels, bool full)
{
	const char *art = env->p->numbers.repeat_article;

	jw_str(w, "grade_proposed", grade_label(an->proposal.grade));
	jw_str(w, "grade", grade_label(an->grade));
	jw_bool(w, "grade_confirmed", x->graded);
	jw_arr(w, "grade_basis");
	for (size_t i = 0; i < an->proposal.nmet; i++) {
		jw_obj(w, NULL);
		jw_str(w, "text", an->proposal.met[i]->text);
		jw_bool(w, "confirmed", an->proposal.met[i]->confirmed);
		jw_end(w);
	}
	jw_end(w);
	jw_arr(w, "grade_unknown_measures");
	for (size_t i = 0; i < an->proposal.nunknown; i++)
		jw_str(w, NULL, measure_code((enum measure)an->proposal.unknown[i]));
	jw_end(w);
	jw_bool(w, "report_required", an->report_required);
	jw_time(w, "report_due", an->report_due);
	jw_str(w, "report_state", due_state_code(an->report_state));
	jw_time(w, "reported_at", an->reported_at);
	jw_date(w, "summary_due", an->summary_due);
	jw_str(w, "summary_state", due_state_code(an->summary_state));
	if (an->paralysis_known)
		jw_real(w, "paralysis_hours", an->paralysis_hours);
	else
		jw_null(w, "paralysis_hours");
	jw_time(w, "internal_report_due", an->internal_due);
	jw_str(w, "internal_report_state", due_state_code(an->internal_state));
	jw_time(w, "internal_reported_at", an->internal_at);
	jw_str(w, "followup_state", followup_state_code(an->followup_state));
	jw_time(w, "followup_at", an->followup_at);
	jw_str(w, "reporter_type", reporter_code(an->reporter));
	jw_str(w, "reporter_basis", reporter_basis_code(an->reporter_basis));
	jw_str(w, "reporter_why", an->reporter_why);
	facts(w, an, labels);
	triggers(w, an, labels, full);
	chain(w, env, an, full);
	jw_str(w, "repeat_of", repeat_of(env, an));
	jw_bool(w, "criticism_proposed", an->criticism);
	jw_str(w, "criticism_article", an->criticism && art && *art ? art : NULL);
	jw_arr(w, "warnings");
	for (size_t i = 0; i < an->nwarnings; i++)
		jw_str(w, NULL, lang_tr(an->warnings[i])); /* for a person */
	jw_end(w);
}

json_t *incident_verdict_json(const struct incident_env *env, const struct incident *x,
			      const struct incident_analysis *an)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	jw_obj(&w, NULL);
	jw_str(&w, "id", x->code);
	incident_verdict_members(&w, env, x, an, false, false);
	jw_end(&w);
	return jw_tree(&w, &b);
}
