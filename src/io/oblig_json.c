/* oblig_json.c — the one JSON of an obligation (oblig_json.h). */
#include "oblig_json.h"

#include "io/jwtree.h"

void oblig_members(struct jw *w, const struct oblig *o, const char *unit_code,
		   const char *asset_code, cd_date today, const struct calendar *cal)
{
	jw_str(w, "kind", oblig_kind_code(o->kind));
	jw_str(w, "name", o->name);
	jw_str(w, "article", o->article);
	jw_str(w, "unit", unit_code);
	jw_str(w, "asset", asset_code);
	jw_str(w, "period", o->period);
	jw_date(w, "start", o->start);
	jw_date(w, "due", o->due);
	jw_str(w, "state", due_state_code(oblig_state(o, today)));
	jw_int(w, "need", o->need);
	jw_int(w, "have", o->have);
	jw_date(w, "done_on", o->done_on);
	if (o->done_on == CD_DATE_NONE && o->due != CD_DATE_NONE)
		jw_int(w, "workdays_left", calendar_workdays_until(cal, today, o->due));
	else
		jw_null(w, "workdays_left");
}

json_t *oblig_json(const struct oblig *o, const char *unit_code, const char *asset_code,
		   cd_date today, const struct calendar *cal)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	jw_obj(&w, NULL);
	oblig_members(&w, o, unit_code, asset_code, today, cal);
	jw_end(&w);
	return jw_tree(&w, &b);
}
