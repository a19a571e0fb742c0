/* finding_json.c — the one JSON of a finding (finding_json.h). */
#include "finding_json.h"

#include "io/jnull.h"

json_t *finding_out_json(const struct finding_out *o)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:s}", "rule", o->rule, "rule_label",
			 o->rule_label, "article", o->article ? o->article : "", "unit",
			 jnull_str(o->unit), "asset", jnull_str(o->asset), "role",
			 jnull_str(o->role), "since", jnull_date(o->since), "message",
			 o->message ? o->message : "");
}

json_t *finding_json(const struct finding *f, const char *unit_code, const char *asset_code,
		     const char *message)
{
	bool roles = f->rule == CHECK_ROLE_MISSING || f->rule == CHECK_ROLE_OVERLAP;
	struct finding_out o = {.rule = check_rule_code(f->rule),
				.rule_label = check_rule_label(f->rule),
				.article = f->article,
				.unit = f->asset ? NULL : unit_code,
				.asset = asset_code,
				.role = roles ? role_code(f->role) : NULL,
				.since = f->since,
				.message = message};

	return finding_out_json(&o);
}
