/* notice_json.h — what the engine says of an official notice (通报) at one instant, as JSON: the
 * verdict part of a notice that the API and the command line's --json (svc_notice_json) and the
 * "notices[]" of `cyberduty eval` (docs/eval.md) answer, written in one place; each reader adds
 * its own fields around it (its ids, the similar systems it lists, its warnings). */
#ifndef CD_NOTICE_JSON_H
#define CD_NOTICE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/jw.h"
#include "core/notice.h"
#include "core/profile.h"

/* notice_verdict_json builds, for notice n (folded) with its deadline due under profile p, seen
 * at instant at:
 *   stage          notice_stage_at(n, at)
 *   due            the due date, or null
 *   due_basis      extension | notice (its own date) | organisation (the organisation's default
 *                  period, the policy setting none) | policy (the policy's working days) | null
 *   state          notice_state at `at`
 *   repeat         `repeat` (the same system again within the repeat window: the reader knows)
 *   criticism      incident_criticism_json of notice_criticism (Yantai 五), or null
 *   support        the request for technical support: {at, article (p's support_article, or
 *                  null), in_period (notice_support_in_period)}, or null when none by `at`
 *   similar_total  similar_total (how many similar systems in all: the reader counts them)
 * NULL on ENOMEM. notice_verdict_members writes the same members into the object open in w. */
json_t *notice_verdict_json(const struct profile *p, const struct notice *n,
			    const struct notice_due *due, cd_time at, bool repeat,
			    size_t similar_total);
void notice_verdict_members(struct jw *w, const struct profile *p, const struct notice *n,
			    const struct notice_due *due, cd_time at, bool repeat,
			    size_t similar_total);

#endif
