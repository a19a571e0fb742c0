/* book_json.c — the JSON views of the book's notices and incidents: what `notice list|show
 * --json`, `incident list|show --json` and the API answer, written once. */
#include "book_json.h"

#include <stdlib.h>
#include <string.h>

#include "io/incident_json.h"
#include "io/jwtree.h"
#include "svc/accountability.h"

static const char *asset_code(const struct reg *reg, int64_t id)
{
	const struct asset *a = reg_asset(reg, id);

	return a ? a->code : "?";
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

static void people(struct jw *w, const char *key, const struct reg *reg, const int64_t *v,
		   size_t n)
{
	jw_arr(w, key);
	for (size_t i = 0; i < n; i++)
		jw_str(w, NULL, person_code(reg, v[i]));
	jw_end(w);
}

static void record(struct jw *w, const struct reg *reg, const struct incident *x)
{
	jw_obj(w, "record");
	jw_str(w, "code", x->code);
	jw_str(w, "title", x->title);
	jw_str(w, "unit", unit_code(reg, x->unit));
	jw_arr(w, "assets");
	for (size_t i = 0; i < x->nassets; i++)
		jw_str(w, NULL, asset_code(reg, x->assets[i]));
	jw_end(w);
	jw_time(w, "detected_at", x->detected_at);
	jw_time(w, "occurred_at", x->occurred_at);
	jw_time(w, "outage_start", x->outage_start);
	jw_time(w, "outage_end", x->outage_end);
	jw_str(w, "outage_scope",
	       x->outage_start != CD_TIME_NONE ? outage_scope_code(x->outage_scope) : NULL);
	jw_str(w, "reporter", reporter_code(x->reporter));
	jw_bool(w, "reporter_recorded", x->reporter_set);
	jw_str(w, "class", x->class_code);
	jw_str(w, "subclass", x->subclass);
	jw_time(w, "handling_ended_at", x->handling_ended_at);
	people(w, "involved", reg, x->involved, x->ninvolved);
	people(w, "participants", reg, x->participants, x->nparticipants);
	jw_bool(w, "coordination_failed", x->coordination_failed);
	jw_end(w);
}

static void timeline(struct jw *w, const struct reg *reg, const struct incident *x)
{
	jw_arr(w, "timeline");
	for (size_t i = 0; i < x->nevents; i++) {
		const struct incident_event *e = &x->events[i];

		jw_obj(w, NULL);
		jw_str(w, "event", incident_event_code(e->kind));
		jw_time(w, "at", e->at);
		jw_time(w, "recorded_at", e->recorded_at);
		jw_str(w, "by", e->by);
		jw_str(w, "name", e->name);
		jw_str(w, "value", e->value);
		jw_str(w, "note", e->note);
		jw_str(w, "person", person_code(reg, e->person));
		jw_end(w);
	}
	jw_end(w);
}

void book_incident_write(struct jw *w, const struct incident_env *env, const struct incident *x,
			 const struct incident_analysis *an, json_t *corrections)
{
	jw_obj(w, NULL);
	if (corrections)
		jw_int(w, "id", x->id);
	else
		jw_str(w, "id", x->code);
	incident_verdict_members(w, env, x, an, true, true);
	record(w, env->reg, x);
	jw_arr(w, "asset_names");
	for (size_t i = 0; i < x->nassets; i++) {
		const struct asset *a = reg_asset(env->reg, x->assets[i]);

		jw_str(w, NULL, a ? a->name : NULL);
	}
	jw_end(w);
	jw_str(w, "case_stage", accountability_stage_code(accountability_stage(x)));
	timeline(w, env->reg, x);
	if (corrections)
		jw_json(w, "corrections", corrections);
	jw_end(w);
}

json_t *book_incident_json(const struct incident_env *env, const struct incident *x,
			   const struct incident_analysis *an)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	book_incident_write(&w, env, x, an, NULL);
	return jw_tree(&w, &b);
}
