/* notice_json.c — the one JSON of a notice's verdict (notice_json.h). */
#include "notice_json.h"

#include "io/incident_json.h"
#include "io/jwtree.h"

static const char *due_basis(const struct notice_due *due)
{
	if (due->due == CD_DATE_NONE)
		return NULL;
	return due->extended ? "extension" : due->stated ? "notice" : due->defaulted ? "organisation"
										  : "policy";
}

/* support: Yantai 五、整改落实 "整改确有困难的，可向通报部门请求技术支持" — recorded, the clock runs on */
static void support(struct jw *w, const struct profile *p, const struct notice *n,
		    const struct notice_due *due, cd_time at)
{
	const char *art = p->numbers.support_article;

	if (n->support_at == CD_TIME_NONE || n->support_at > at) {
		jw_null(w, "support");
		return;
	}
	jw_obj(w, "support");
	jw_time(w, "at", n->support_at);
	jw_str(w, "article", art && *art ? art : NULL);
	jw_bool(w, "in_period", notice_support_in_period(n, due));
	jw_end(w);
}

void notice_verdict_members(struct jw *w, const struct profile *p, const struct notice *n,
			    const struct notice_due *due, cd_time at, bool repeat,
			    size_t similar_total)
{
	enum due_state st = notice_state(n, due, at);

	jw_str(w, "stage", notice_stage_code(notice_stage_at(n, at)));
	jw_date(w, "due", due->due);
	jw_str(w, "due_basis", due_basis(due));
	jw_str(w, "state", due_state_code(st));
	jw_bool(w, "repeat", repeat);
	incident_criticism_write(w, "criticism", p, notice_criticism(p, st, repeat));
	support(w, p, n, due, at);
	jw_int(w, "similar_total", (int64_t)similar_total);
}

json_t *notice_verdict_json(const struct profile *p, const struct notice *n,
			    const struct notice_due *due, cd_time at, bool repeat,
			    size_t similar_total)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	jw_obj(&w, NULL);
	notice_verdict_members(&w, p, n, due, at, repeat, similar_total);
	jw_end(&w);
	return jw_tree(&w, &b);
}
