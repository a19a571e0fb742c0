/* assess.c — the scoring of a yearly assessment sheet (see assess.h): each indicator's P and
 * score from its rule and value, the base, the bonus counted above its base, the veto and the
 * grade band. Integers in hundredths throughout, so every threshold edge is exact. */
#include "assess.h"

#include <stdio.h>
#include <string.h>

static const char *const rule_codes[ASR__MAX] = {
	[ASR_LEVEL] = "level",       [ASR_COVERAGE] = "coverage", [ASR_PER_ITEM] = "per_item",
	[ASR_DEDUCT] = "deduct",     [ASR_BONUS] = "bonus",       [ASR_VETO] = "veto",
};

static const char *const measure_codes[AM__MAX] = {
	[AM_MANUAL] = "manual",
	[AM_MEETINGS] = "meetings",
	[AM_DRILLS] = "drills",
	[AM_TRAININGS] = "trainings",
	[AM_TRAINING_COVERAGE] = "training_coverage",
	[AM_OFFICER_COVERAGE] = "officer_coverage",
	[AM_RESPONSIBLE_COVERAGE] = "responsible_coverage",
	[AM_NOTICES_ON_TIME] = "notices_on_time",
	[AM_NOTICES_LATE] = "notices_late",
	[AM_INCIDENTS_ON_TIME] = "incidents_on_time",
	[AM_INCIDENTS_LATE] = "incidents_late",
	[AM_MLPS_FILED] = "mlps_filed",
	[AM_MLPS_ASSESSED] = "mlps_assessed",
	[AM_GAPS] = "gaps",
	[AM_BUDGET_RATIO] = "budget_ratio",
	[AM_ACCOUNTABILITY] = "accountability",
	[AM_MAJOR_INCIDENTS] = "major_incidents",
};

static const char *const stage_codes[AST__MAX] = {"draft", "submitted", "reviewed", "approved"};
static const char *const stage_labels[AST__MAX] = {"自评中", "待复评", "待审定", "已审定"};

const char *assess_stage_code(enum assess_stage s)
{
	return (unsigned)s < AST__MAX ? stage_codes[s] : "?";
}

const char *assess_stage_label(enum assess_stage s)
{
	return (unsigned)s < AST__MAX ? stage_labels[s] : "?";
}

int assess_stage_parse(const char *s)
{
	for (int i = 0; s && i < AST__MAX; i++)
		if (!strcmp(s, stage_codes[i]))
			return i;
	return -1;
}

const char *assess_rule_code(enum assess_rule r)
{
	return (unsigned)r < ASR__MAX ? rule_codes[r] : "?";
}

int assess_rule_parse(const char *s)
{
	for (int i = 0; s && i < ASR__MAX; i++)
		if (!strcmp(s, rule_codes[i]))
			return i;
	return -1;
}

const char *assess_measure_code(enum assess_measure m)
{
	return (unsigned)m < AM__MAX ? measure_codes[m] : "?";
}

int assess_measure_parse(const char *s)
{
	for (int i = 0; s && i < AM__MAX; i++)
		if (!strcmp(s, measure_codes[i]))
			return i;
	return -1;
}

bool assess_measure_share(enum assess_measure m)
{
	switch (m) {
	case AM_TRAINING_COVERAGE:
	case AM_OFFICER_COVERAGE:
	case AM_RESPONSIBLE_COVERAGE:
	case AM_NOTICES_ON_TIME:
	case AM_INCIDENTS_ON_TIME:
	case AM_MLPS_FILED:
	case AM_MLPS_ASSESSED:
	case AM_BUDGET_RATIO:
	case AM_ACCOUNTABILITY:
		return true;
	default:
		return false;
	}
}

int assess_find(const struct assess_template *t, const char *code)
{
	for (size_t i = 0; code && i < t->nind; i++)
		if (!strcmp(t->ind[i].code, code))
			return (int)i;
	return -1;
}

const char *assess_value_check(const struct assess_indicator *i, const struct assess_value *v)
{
	if (v->kind == AV_NONE)
		return NULL;
	switch (i->rule) {
	case ASR_LEVEL:
		if (v->kind == AV_LEVEL)
			return v->n == 0 || v->n == 50 || v->n == 100 ? NULL
								      : "a level of 1, 0.5 or 0";
		if (v->kind == AV_COUNT && i->nsteps)
			return v->n >= 0 ? NULL : "a count of 0 or more";
		return i->nsteps ? "a level of 1, 0.5 or 0, or a count" : "a level of 1, 0.5 or 0";
	case ASR_COVERAGE:
		if (v->kind != AV_SHARE)
			return "a share: how many of how many";
		return v->n >= 0 && v->d >= 0 && v->n <= v->d ? NULL
							      : "a share n of d with 0 ≤ n ≤ d";
	default:
		if (v->kind != AV_COUNT)
			return "a count of 0 or more";
		return v->n >= 0 ? NULL : "a count of 0 or more";
	}
}

/* stepped: the P of the first step whose min the value reaches (steps are highest first). */
static int64_t stepped(const struct assess_indicator *i, int64_t n, int64_t d)
{
	for (size_t k = 0; k < i->nsteps; k++) {
		/* a count reaches min when n*100 ≥ min; a share when n/d*10000 ≥ min */
		bool reached = d ? n * 10000 >= i->steps[k].min * d : n * 100 >= i->steps[k].min;

		if (reached)
			return i->steps[k].p;
	}
	return 0;
}

/* times: v × p / 100, rounded half away from zero. */
static int64_t times(int64_t v, int64_t p)
{
	int64_t x = v * p;

	return x >= 0 ? (x + 50) / 100 : -((-x + 50) / 100);
}

static int64_t capped(int64_t x, int64_t lo, int64_t hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void score_one(const struct assess_indicator *i, const struct assess_value *v,
		      struct assess_item *it)
{
	memset(it, 0, sizeof *it);
	if (v->exempt) {
		it->exempt = true;
		it->p = i->rule == ASR_BONUS || i->rule == ASR_VETO ? 0 : 100;
		it->score = i->rule == ASR_BONUS || i->rule == ASR_VETO ? 0 : i->weight;
		return;
	}
	if (v->kind == AV_NONE) {
		/* a bonus or a veto not entered is none; a scored indicator is missing */
		it->missing = i->rule != ASR_BONUS && i->rule != ASR_VETO;
		return;
	}
	switch (i->rule) {
	case ASR_LEVEL:
		it->p = v->kind == AV_LEVEL ? v->n : stepped(i, v->n, 0);
		it->score = times(i->weight, it->p);
		break;
	case ASR_COVERAGE:
		if (v->d == 0)
			it->p = 100; /* nothing to cover */
		else if (i->proportional)
			it->p = v->n * 100 / v->d;
		else
			it->p = stepped(i, v->n, v->d);
		it->score = times(i->weight, it->p);
		break;
	case ASR_PER_ITEM:
	case ASR_BONUS:
		it->p = 100;
		it->score = capped(v->n * i->per, 0, i->weight);
		break;
	case ASR_DEDUCT:
		it->p = 100;
		it->score = capped(i->weight - v->n * i->per, 0, i->weight);
		break;
	case ASR_VETO:
		it->vetoed = v->n > 0;
		break;
	default:
		break;
	}
}

void assess_score(const struct assess_template *t, const struct assess_value *v,
		  struct assess_item *items, struct assess_total *res)
{
	memset(res, 0, sizeof *res);
	for (size_t k = 0; k < t->nind; k++) {
		const struct assess_indicator *i = &t->ind[k];

		score_one(i, &v[k], &items[k]);
		res->missing += items[k].missing;
		res->vetoed |= items[k].vetoed;
		if (i->rule == ASR_BONUS)
			res->bonus += items[k].score;
		else if (i->rule != ASR_VETO)
			res->base += items[k].score;
	}
	res->bonus_counted = res->bonus > 0 && res->base >= t->bonus_base;
	res->total = res->base + (res->bonus_counted ? res->bonus : 0);
	res->grade = t->ngrades ? t->ngrades - 1 : 0;
	if (res->vetoed) {
		res->grade = t->veto_grade;
		return;
	}
	for (size_t g = 0; g < t->ngrades; g++)
		if (res->total >= t->grades[g].min) {
			res->grade = g;
			break;
		}
}

const char *assess_fmt(int64_t v, char *buf, size_t n)
{
	int64_t a = v < 0 ? -v : v;

	if (a % 100 == 0)
		snprintf(buf, n, "%s%lld", v < 0 ? "-" : "", (long long)(a / 100));
	else if (a % 10 == 0)
		snprintf(buf, n, "%s%lld.%lld", v < 0 ? "-" : "", (long long)(a / 100),
			 (long long)(a % 100 / 10));
	else
		snprintf(buf, n, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(a / 100),
			 (long long)(a % 100));
	return buf;
}
