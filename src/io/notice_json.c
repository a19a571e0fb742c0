/* notice_json.c — the one JSON of a notice's verdict (notice_json.h). */
#include "notice_json.h"

#include "io/incident_json.h"
#include "io/jnull.h"

static json_t *due_basis(const struct notice_due *due)
{
	if (due->due == CD_DATE_NONE)
		return json_null();
	return json_string(due->extended    ? "extension"
			   : due->stated    ? "notice"
			   : due->defaulted ? "organisation"
					    : "policy");
}

/* support: Yantai 五、整改落实 "整改确有困难的，可向通报部门请求技术支持" — recorded, the clock runs on */
static json_t *support(const struct profile *p, const struct notice *n,
		       const struct notice_due *due, cd_time at)
{
	const char *art = p->numbers.support_article;

	if (n->support_at == CD_TIME_NONE || n->support_at > at)
		return json_null();
	return json_pack("{s:o, s:o, s:b}", "at", jnull_time(n->support_at), "article",
			 jnull_str(art && *art ? art : NULL), "in_period",
			 notice_support_in_period(n, due));
}

json_t *notice_verdict_json(const struct profile *p, const struct notice *n,
			    const struct notice_due *due, cd_time at, bool repeat,
			    size_t similar_total)
{
	enum due_state st = notice_state(n, due, at);

	return json_pack("{s:s, s:o, s:o, s:s, s:b, s:o, s:o, s:I}", "stage",
			 notice_stage_code(notice_stage_at(n, at)), "due", jnull_date(due->due),
			 "due_basis", due_basis(due), "state", due_state_code(st), "repeat", repeat,
			 "criticism", incident_criticism_json(p, notice_criticism(p, st, repeat)),
			 "support", support(p, n, due, at), "similar_total",
			 (json_int_t)similar_total);
}
