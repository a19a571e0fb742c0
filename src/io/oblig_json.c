/* oblig_json.c — the one JSON of an obligation (oblig_json.h). */
#include "oblig_json.h"

#include "io/jnull.h"

json_t *oblig_json(const struct oblig *o, const char *unit_code, const char *asset_code,
		   cd_date today, const struct calendar *cal)
{
	json_t *j = json_pack(
		"{s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:s, s:i, s:i, s:o}", "kind",
		oblig_kind_code(o->kind), "name", o->name, "article", jnull_str(o->article), "unit",
		jnull_str(unit_code), "asset", jnull_str(asset_code), "period", o->period, "start",
		jnull_date(o->start), "due", jnull_date(o->due), "state",
		due_state_code(oblig_state(o, today)), "need", o->need, "have", o->have, "done_on",
		jnull_date(o->done_on));

	if (j && json_object_set_new(j, "workdays_left",
				     o->done_on == CD_DATE_NONE && o->due != CD_DATE_NONE
					     ? json_integer(calendar_workdays_until(cal, today,
										    o->due))
					     : json_null())) {
		json_decref(j);
		return NULL;
	}
	return j;
}
