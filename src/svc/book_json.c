/* book_json.c — the JSON views of the book's notices and incidents: what `notice list|show
 * --json`, `incident list|show --json` and the API answer, written once. */
#include "book_json.h"

#include <stdlib.h>
#include <string.h>

#include "io/incident_json.h"
#include "io/jnull.h"
#include "io/jwtree.h"
#include "svc/accountability.h"

static const char *asset_code(const struct reg *reg, int64_t id)
{
	const struct asset *a = reg_asset(reg, id);

	return a ? a->code : "?";
}

/* asset_names: the names of an incident's systems, in the order of its "assets" (codes), for
 * the pages to show names where the record keeps codes. */
static json_t *asset_names(const struct reg *reg, const struct incident *x)
{
	json_t *names = json_array();

	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(reg, x->assets[i]);

		json_array_append_new(names, jnull_str(a ? a->name : NULL));
	}
	return names;
}

static const char *person_code(const struct reg *reg, int64_t id)
{
	const struct person *p = id ? reg_person(reg, id) : NULL;

	return p ? p->code : NULL;
}

static const char *unit_code(const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	return u ? u->code : NULL;
}

void book_incident_list_members(struct jw *w, const struct incident *x,
				const struct incident_line *line,
				const struct incident_analysis *an, const char *const *codes,
				const char *const *names)
{
	jw_str(w, "code", x->code);
	jw_time(w, "detected_at", x->detected_at);
	jw_arr(w, "assets");
	for (size_t i = 0; i < x->nassets; i++)
		jw_str(w, NULL, codes[i] ? codes[i] : "?");
	jw_end(w);
	jw_str(w, "grade", grade_label(an->grade));
	jw_bool(w, "grade_confirmed", line->graded);
	jw_bool(w, "grade_draft", !line->graded && an->proposal.unconfirmed);
	jw_str(w, "report_state", due_state_code(an->report_state));
	jw_bool(w, "handling_ended", line->ended);
	jw_str(w, "summary_state", due_state_code(an->summary_state));
	jw_int(w, "triggers_fired", (int64_t)an->nfired);
	jw_int(w, "triggers_open", (int64_t)an->nopen);
	jw_str(w, "case_stage", accountability_stage_code(line->stage));
	/* the names of its systems, in the order of "assets" (codes), for the pages */
	jw_arr(w, "asset_names");
	for (size_t i = 0; i < x->nassets; i++)
		jw_str(w, NULL, names[i]);
	jw_end(w);
	/* the first report's deadline, for a clock beside the list (none when not required) */
	jw_time(w, "report_due", an->report_required ? an->report_due : CD_TIME_NONE);
}

json_t *book_incident_list_json(const struct reg *reg, const struct incident *x,
				const struct incident_analysis *an)
{
	const char **codes = calloc(x->nassets + 1, sizeof *codes),
		   **names = calloc(x->nassets + 1, sizeof *names);
	struct incident_line line = accountability_line(x);
	struct dynbuf b;
	struct jw w;

	if (!codes || !names) {
		free(codes);
		free(names);
		return NULL;
	}
	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(reg, x->assets[i]);

		codes[i] = a ? a->code : NULL;
		names[i] = a ? a->name : NULL;
	}
	jw_tree_begin(&w, &b);
	jw_obj(&w, NULL);
	book_incident_list_members(&w, x, &line, an, codes, names);
	jw_end(&w);
	free(codes);
	free(names);
	return jw_tree(&w, &b);
}

static json_t *people_json(const struct reg *reg, const int64_t *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, jnull_str(person_code(reg, v[i])));
	return arr;
}

static json_t *record_json(const struct reg *reg, const struct incident *x)
{
	json_t *assets = json_array();

	for (size_t i = 0; i < x->nassets; i++)
		json_array_append_new(assets, json_string(asset_code(reg, x->assets[i])));
	return json_pack(
	    "{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s?, s:s, s:b, s:o, s:o, "
	    "s:o, s:o, s:o, s:b}",
	    "code", x->code, "title", jnull_str(x->title), "unit",
	    jnull_str(unit_code(reg, x->unit)), "assets", assets, "detected_at",
	    jnull_time(x->detected_at), "occurred_at", jnull_time(x->occurred_at),
	    "outage_start", jnull_time(x->outage_start), "outage_end",
	    jnull_time(x->outage_end), "outage_scope",
	    x->outage_start != CD_TIME_NONE ? outage_scope_code(x->outage_scope) : NULL, "reporter",
	    reporter_code(x->reporter), "reporter_recorded", x->reporter_set, "class",
	    jnull_str(x->class_code), "subclass", jnull_str(x->subclass), "handling_ended_at",
	    jnull_time(x->handling_ended_at), "involved",
	    people_json(reg, x->involved, x->ninvolved), "participants",
	    people_json(reg, x->participants, x->nparticipants), "coordination_failed",
	    x->coordination_failed);
}

static json_t *timeline_json(const struct reg *reg, const struct incident *x)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < x->nevents; i++) {
		const struct incident_event *e = &x->events[i];

		json_array_append_new(
		    arr, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "event",
		                   incident_event_code(e->kind), "at", jnull_time(e->at),
		                   "recorded_at", jnull_time(e->recorded_at), "by",
		                   jnull_str(e->by), "name", jnull_str(e->name), "value",
		                   jnull_str(e->value), "note", jnull_str(e->note), "person",
		                   jnull_str(person_code(reg, e->person))));
	}
	return arr;
}

json_t *book_incident_json(const struct incident_env *env, const struct incident *x,
			   const struct incident_analysis *an)
{
	json_t *o = incident_verdict_json(env, x, an);

	if (!o)
		return NULL;
	incident_json_labels(o, an); /* the labels beside the engine's words */
	json_object_set_new(o, "record", record_json(env->reg, x));
	json_object_set_new(o, "asset_names", asset_names(env->reg, x));
	json_object_set_new(o, "case_stage",
			    json_string(accountability_stage_code(accountability_stage(x))));
	json_object_set_new(o, "timeline", timeline_json(env->reg, x));
	/* beyond the engine's verdict (cyberduty eval answers that alone): a trigger's article
	 * text, a chain link's holder by name and the answering unit whose walk up the tree found
	 * it (null: the person involved, coordination) — what a page shows and draws */
	for (size_t i = 0; i < an->ntriggers; i++)
		json_object_set_new(json_array_get(json_object_get(o, "triggers"), i), "text",
				    jnull_str(an->triggers[i].t->text));
	for (size_t i = 0; i < an->nchain; i++) {
		const struct person *p =
			an->chain[i].person ? reg_person(env->reg, an->chain[i].person) : NULL;
		const struct unit *u =
			an->chain[i].answering ? reg_unit(env->reg, an->chain[i].answering) : NULL;
		json_t *l = json_array_get(json_object_get(o, "chain"), i);

		json_object_set_new(l, "name", jnull_str(p ? p->name : NULL));
		json_object_set_new(l, "answering", jnull_str(u ? u->code : NULL));
	}
	return o;
}
