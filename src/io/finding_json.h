/* finding_json.h — a responsibility gap (a finding of check, or a yearly duty missed) as JSON: what
 * the API's gaps list, `cyberduty check --json` and the "findings[]" of `cyberduty eval`
 * (docs/eval.md) answer, written in one place; each reader adds its own fields (the API the
 * gap's id, eval the subject and text its contract names). */
#ifndef CD_FINDING_JSON_H
#define CD_FINDING_JSON_H

#include <jansson.h>

#include "core/check.h"

/* What one finding says, as the reader knows it: codes, not ids. */
struct finding_out {
	const char *rule, *rule_label; /* "role.missing", "未明确责任人"… */
	const char *article;           /* the article behind the rule ("" when none) */
	const char *unit, *asset;      /* codes of the unit and the system concerned, or NULL */
	const char *role;              /* the role of a role rule, or NULL */
	cd_date since;                 /* overlap: its first day; MLPS, a duty: the day it fell due */
	const char *message;           /* one line in the reader's language */
};

/* finding_out_json builds {rule, rule_label, article, unit, asset, role, since, message} of o
 * (absent codes and dates as null). NULL on ENOMEM. */
json_t *finding_out_json(const struct finding_out *o);

/* finding_json: finding_out_json of check's finding f — its unit (unit_code) only when it is not
 * about a system, its role for the role rules. */
json_t *finding_json(const struct finding *f, const char *unit_code, const char *asset_code,
		     const char *message);

#endif
