/* accountability.c — an incident's accountability case: its stage and the proposal text (see
 * accountability.h). */
#include "accountability.h"

#include <stdlib.h>
#include <string.h>

#include "io/incident_json.h"
#include "io/say.h" /* what it writes is read by people: in their language */

static void fired(FILE *f, const struct trigger_verdict *t, const struct incident_analysis *an,
                  int ind)
{
	char buf[INCIDENT_EVIDENCE_MAX];

	fprintf(f, "%*s  FIRED %s %s: %s\n", ind, "", t->t->id, t->t->article, t->t->text);
	for (size_t k = 0; k < t->r.nused; k++)
		fprintf(f, "%*s      evidence: %s\n", ind, "",
		        incident_evidence_label(an, t->r.used[k], buf, sizeof buf));
}

static void open_question(FILE *f, const struct trigger_verdict *t, int ind)
{
	fprintf(f, "%*s  OPEN  %s %s: %s\n%*s      answer: ", ind, "", t->t->id, t->t->article,
	        t->t->question ? t->t->question : t->t->text, ind, "");
	for (size_t k = 0; k < t->r.nneed; k++)
		fprintf(f, "%s%s%.0s", k ? lang_pick(", ", "、") : "", fact_name((enum fact)t->r.need[k]),
			fact_label((enum fact)t->r.need[k])); /* 中文: the label (the name) */
	fprintf(f, "\n");
}

void accountability_write_triggers(FILE *f, const struct incident_analysis *an, int ind)
{
	size_t nnot = 0;

	fprintf(f, "%*striggers: %zu fired (已成立), %zu open (待认定), of %zu\n", ind, "",
	        an->nfired, an->nopen, an->ntriggers);
	for (size_t i = 0; i < an->ntriggers; i++)
		if (an->triggers[i].r.value == COND_TRUE)
			fired(f, &an->triggers[i], an, ind);
	for (size_t i = 0; i < an->ntriggers; i++)
		if (an->triggers[i].r.value == COND_NEEDS_JUDGEMENT)
			open_question(f, &an->triggers[i], ind);
	for (size_t i = 0; i < an->ntriggers; i++) {
		if (an->triggers[i].r.value != COND_FALSE)
			continue;
		if (nnot++)
			fprintf(f, ", %s", an->triggers[i].t->id);
		else
			fprintf(f, "%*s  not fired: %s", ind, "", an->triggers[i].t->id);
	}
	if (nnot)
		fprintf(f, "\n");
}

static const char *unit_name(const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	return u ? u->name : "—";
}

static void chain_link(FILE *f, const struct reg *reg, const struct chain_link *l, int ind)
{
	const struct person *p = reg_person(reg, l->person);
	const char *role = l->role == CHAIN_NO_ROLE
				   ? lang_pick("party involved", "当事人")
				   : lang_pick(role_code((enum role)l->role), role_label((enum role)l->role));

	if (l->vacant)
		fprintf(f, "%*s  %s %s: vacant (nobody held it that day: find who acted)\n",
		        ind, "", unit_name(reg, l->unit), role);
	else
		fprintf(f, "%*s  %s (%s) %s %s: %s\n", ind, "", p ? p->name : "?",
		        p ? p->code : "?", unit_name(reg, l->unit), role,
		        lang_pick(responsibility_code(l->resp), responsibility_label(l->resp)));
	if (l->why)
		fprintf(f, "%*s      why: %s\n", ind, "", l->why);
}

const char *accountability_repeat_code(const struct incident_env *env,
                                       const struct incident_analysis *an, int *is_notice)
{
	const struct asset_event *e = an->repeat_of;

	*is_notice = e && e->notice;
	for (size_t i = 0; e && e->notice && i < env->nnotices; i++)
		if (env->notices[i].id == e->notice)
			return env->notices[i].code;
	if (e && e->incident && e->code) /* the store's events carry the code */
		return e->code;
	for (size_t i = 0; e && e->incident && i < env->nincidents; i++)
		if (env->incidents[i].id == e->incident)
			return env->incidents[i].code;
	return NULL;
}

void accountability_write_repeat(FILE *f, const struct incident_env *env,
                                 const struct incident_analysis *an, int ind)
{
	const struct asset *a = an->repeat_of ? reg_asset(env->reg, an->repeat_of->asset) : NULL;
	const char *code, *art = env->p->numbers.repeat_article;
	char when[26];
	int notice;

	if (!an->repeat_of)
		return;
	code = accountability_repeat_code(env, an, &notice);
	fprintf(f, "%*sREPEAT: %s had %s %s on %s, within %d months — 通报批评 proposed (%s)\n",
	        ind, "", a ? a->code : "?", notice ? "notice" : "incident", code ? code : "?",
	        time_show(an->repeat_of->at, when), env->p->numbers.repeat_window_months,
	        art && *art ? art : "profile");
}

void accountability_write_chain(FILE *f, const struct incident_env *env, const struct incident *x,
                                const struct incident_analysis *an, int ind)
{
	char day[26];

	fprintf(f, "%*schain at detection (%s, %s; 逐级倒查):\n", ind, "",
	        date_show(time_cst_date(x->detected_at), day), env->p->chain.article);
	if (x->nparticipants)
		fprintf(f, "%*s  collective decision: %zu leadership member(s) took part (%s)\n",
		        ind, "", x->nparticipants, env->p->collective.article);
	for (size_t i = 0; i < an->nchain; i++)
		chain_link(f, env->reg, &an->chain[i], ind);
	if (!an->nchain)
		fprintf(f, "%*s  nobody: no answering unit and no person recorded\n", ind, "");
	accountability_write_repeat(f, env, an, ind);
}

void accountability_write(FILE *f, const struct incident_env *env, const struct incident *x,
                          const struct incident_analysis *an, cd_time at)
{
	char when[26];

	fprintf(f, "accountability proposal (责任追究提议) — incident %s%s%s, as of %s\n", x->code,
	        x->title ? " " : "", x->title ? x->title : "", time_show(at, when));
	if (x->graded)
		fprintf(f, "grade: %s (confirmed)\n", grade_label(an->grade));
	else
		fprintf(f, "grade: %s (proposed, not yet confirmed)\n", grade_label(an->grade));
	accountability_write_triggers(f, an, 0);
	accountability_write_chain(f, env, x, an, 0);
	fprintf(f, "A proposal with its evidence, not a decision: open questions are answered with "
	           "`cyberduty accountability answer`.\n");
}

char *accountability_proposal(const struct incident_env *env, const struct incident *x,
                              const struct incident_analysis *an, cd_time at, struct arena *a)
{
	char *buf = NULL, *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	accountability_write(f, env, x, an, at);
	if (fclose(f) == 0)
		out = arena_strndup(a, buf, len);
	free(buf);
	return out;
}
