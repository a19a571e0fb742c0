/* oblig_json.h — a dated obligation (struct oblig: a yearly duty of a period, an MLPS filing or
 * assessment) as JSON: what the API's deadlines list and the "obligations[]" of `cyberduty eval`
 * (docs/eval.md) answer, written in one place. */
#ifndef CD_OBLIG_JSON_H
#define CD_OBLIG_JSON_H

#include <jansson.h>

#include "core/calendar.h"
#include "core/jw.h"
#include "core/oblig.h"

/* oblig_json builds {kind, name, article, unit, asset, period, start, due, state, need, have,
 * done_on, workdays_left} of o: unit_code and asset_code are the register codes of its unit and
 * system (NULL: none); state is o's at the end of day `today` (CST), workdays_left the working
 * days of cal from today to the due date while not done (negative past it; null when done or
 * without a due date). NULL on ENOMEM. */
json_t *oblig_json(const struct oblig *o, const char *unit_code, const char *asset_code,
		   cd_date today, const struct calendar *cal);

/* oblig_members writes the same members into the object open in w (a caller adds its own after
 * them: svc_oblig_write). */
void oblig_members(struct jw *w, const struct oblig *o, const char *unit_code,
		   const char *asset_code, cd_date today, const struct calendar *cal);

#endif
