/* book_json.c — the JSON views of the book's notices and incidents: what `notice list|show
 * --json`, `incident list|show --json` and the API answer, written once. */
#include "book_json.h"

#include <string.h>

#include "io/incident_json.h"
#include "svc/accountability.h"

static json_t *json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *json_date(cd_date d)
{
	char buf[11];

	return d == CD_DATE_NONE ? json_null() : json_string(date_format(d, buf));
}

static json_t *json_time(cd_time t)
{
	char buf[26];

	return t == CD_TIME_NONE ? json_null() : json_string(time_format(t, buf));
}

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

size_t notice_unchecked(const struct notice *n)
{
	size_t k = 0;

	for (size_t i = 0; i < n->nsimilar; i++)
		k += n->similar[i].checked_at == CD_TIME_NONE;
	return k;
}

json_t *book_notice_json(const struct book *b, const struct notice *n, cd_time at, bool full)
{
	struct notice_due due = notice_due(n, b->p, b->cal);
	const struct asset_event *rep = book_repeat(b, n);
	const struct unit *u = n->unit ? reg_unit(b->reg, n->unit) : NULL;
	json_t *o = json_object(), *assets = json_array(), *w = json_array();
	char buf[64];

	for (size_t i = 0; i < n->nassets; i++)
		json_array_append_new(assets, json_string(asset_code(b->reg, n->assets[i])));
	if (due.estimated)
		json_array_append_new(w, json_string("due date counted through a year without an "
						     "official holiday calendar (Monday–Friday)"));
	if (due.due == CD_DATE_NONE)
		json_array_append_new(w, json_string("the profile sets no rectification period"));
	json_object_set_new(o, "code", json_string(n->code));
	json_object_set_new(o, "authority", json_string(n->authority));
	json_object_set_new(o, "received_at", json_time(n->received_at));
	json_object_set_new(o, "unit", u ? json_string(u->code) : json_null());
	json_object_set_new(o, "assets", assets);
	json_object_set_new(o, "category", json_str(n->category));
	json_object_set_new(o, "stage", json_string(notice_stage_code(n->stage)));
	json_object_set_new(o, "due", json_date(due.due));
	json_object_set_new(o, "state", json_string(due_state_code(notice_state(n, &due, at))));
	json_object_set_new(o, "repeat", json_boolean(rep != NULL));
	json_object_set_new(o, "criticism",
			    rep ? json_pack("{s:b, s:s}", "proposed", 1, "article",
					    b->p->numbers.repeat_article ? b->p->numbers.repeat_article
									 : "")
				: json_null());
	json_object_set_new(o, "similar_unchecked", json_integer((json_int_t)notice_unchecked(n)));
	json_object_set_new(o, "warnings", w);
	if (!full)
		return o;
	json_object_set_new(o, "text", json_str(n->text));
	json_object_set_new(o, "attachment", json_str(n->attachment));
	json_object_set_new(o, "stated_due", json_date(n->stated_due));
	json_object_set_new(o, "repeat_of",
			    rep ? json_pack("{s:s, s:o}", "asset", asset_code(b->reg, rep->asset),
					    "at", json_time(rep->at))
				: json_null());
	{
		json_t *tl = json_array(), *sim = json_array();

		for (size_t i = 0; i < n->nevents; i++) {
			const struct notice_event *e = &n->events[i];

			json_array_append_new(
				tl, json_pack("{s:s, s:o, s:o, s:o, s:o}", "event",
					      notice_event_code(e->kind), "at", json_time(e->at), "by",
					      json_str(e->by), "note", json_str(e->note), "extended_to",
					      json_date(e->extended_to)));
		}
		for (size_t i = 0; i < n->nsimilar; i++) {
			const struct notice_check *k = &n->similar[i];

			json_array_append_new(
				sim, json_pack("{s:s, s:s, s:o, s:o}", "asset",
					       asset_code(b->reg, k->asset), "why",
					       similar_describe(k->why, buf, sizeof(buf)),
					       "checked_at", json_time(k->checked_at), "checked_by",
					       json_str(k->checked_by)));
		}
		json_object_set_new(o, "timeline", tl);
		json_object_set_new(o, "similar", sim);
	}
	return o;
}

json_t *book_incident_list_json(const struct reg *reg, const struct incident *x,
                         const struct incident_analysis *an)
{
	json_t *assets = json_array();

	for (size_t i = 0; i < x->nassets; i++)
		json_array_append_new(assets, json_string(asset_code(reg, x->assets[i])));
	return json_pack("{s:s, s:o, s:o, s:s, s:b, s:b, s:s, s:b, s:s, s:I, s:I, s:s}", "code",
	                 x->code, "detected_at", json_time(x->detected_at), "assets", assets,
	                 "grade", grade_label(an->grade), "grade_confirmed", x->graded,
	                 "grade_draft", !x->graded && an->proposal.unconfirmed, "report_state",
	                 due_state_code(an->report_state), "handling_ended",
	                 x->handling_ended_at != CD_TIME_NONE, "summary_state",
	                 due_state_code(an->summary_state), "triggers_fired",
	                 (json_int_t)an->nfired, "triggers_open", (json_int_t)an->nopen,
	                 "case_stage", accountability_stage_code(accountability_stage(x)));
}

static json_t *people_json(const struct reg *reg, const int64_t *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_str(person_code(reg, v[i])));
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
	    "code", x->code, "title", json_str(x->title), "unit",
	    json_str(unit_code(reg, x->unit)), "assets", assets, "detected_at",
	    json_time(x->detected_at), "occurred_at", json_time(x->occurred_at),
	    "outage_start", json_time(x->outage_start), "outage_end",
	    json_time(x->outage_end), "outage_scope",
	    x->outage_start != CD_TIME_NONE ? outage_scope_code(x->outage_scope) : NULL, "reporter",
	    reporter_code(x->reporter), "reporter_recorded", x->reporter_set, "class",
	    json_str(x->class_code), "subclass", json_str(x->subclass), "handling_ended_at",
	    json_time(x->handling_ended_at), "involved",
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
		                   incident_event_code(e->kind), "at", json_time(e->at),
		                   "recorded_at", json_time(e->recorded_at), "by",
		                   json_str(e->by), "name", json_str(e->name), "value",
		                   json_str(e->value), "note", json_str(e->note), "person",
		                   json_str(person_code(reg, e->person))));
	}
	return arr;
}

json_t *book_incident_json(const struct incident_env *env, const struct incident *x,
			   const struct incident_analysis *an)
{
	json_t *o = incident_verdict_json(env, x, an);

	if (!o)
		return NULL;
	json_object_set_new(o, "record", record_json(env->reg, x));
	json_object_set_new(o, "case_stage",
			    json_string(accountability_stage_code(accountability_stage(x))));
	json_object_set_new(o, "timeline", timeline_json(env->reg, x));
	return o;
}
