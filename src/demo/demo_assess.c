/* demo_assess.c — the demo's yearly assessments (检查考核): last year's sheets of six units all
 * approved (one vetoed), and this year's in every stage of the cycle — the login unit's in draft
 * with one manual value left to enter, one submitted, one reviewed, one approved, one returned
 * with its reason, one approved and revised as a new version — each step by its act
 * (svc/assess.h), dated back from `today`. */
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "demo_int.h"
#include "svc/assess.h"

#define UNITS 6

/* pick: the login unit first, then the next departments of the register, by id. */
static enum cd_err pick(struct store *s, const struct profile *p, struct arena *a,
			const char *code[UNITS], struct cd_diag *d)
{
	const char *root, *login;
	struct reg *reg = NULL;
	size_t n = 1;
	enum cd_err rc = store_reg_load(s, &reg, d);

	demo_login_units(p, &root, &login);
	code[0] = login;
	for (size_t i = 0; !rc && i < reg->nunits && n < UNITS; i++) {
		const struct unit *u = &reg->units[i];

		if ((u->kind == UNIT_DEPARTMENT || u->kind == UNIT_TECH_SUPPORT_CENTRE) &&
		    strcmp(u->code, login))
			code[n++] = arena_strdup(a, u->code);
	}
	reg_free(reg);
	if (!rc && n < UNITS)
		rc = cd_diag_set(d, CD_EINVAL, "the demo register has too few units to assess");
	return rc;
}

/* A sheet's story: the values entered, then the steps taken. */
struct story {
	const char *rules, *self_check, *innovation, *falsification; /* NULL: not entered */
	const char *exempt, *exempt_reason;                            /* an exemption */
	enum assess_act steps[6];
	size_t nsteps;
	const char *comment[6];
	bool revise;
};

static enum cd_err value(struct act *c, int64_t id, const char *ind, const char *v)
{
	struct assess_entry in = {.indicator = ind, .value = v, .of = -1, .exempt = -1};
	struct assess_sheet s;

	return v ? svc_assess_set(c, id, &in, &s) : CD_OK;
}

static enum cd_err tell(struct act *c, const char *unit, int year, cd_date day,
			const struct story *st)
{
	struct assess_sheet s;
	int64_t id;
	enum cd_err rc;

	c->now = demo_at(day, 9, 30);
	if ((rc = svc_assess_open(c, unit, year, &s)))
		return rc;
	id = s.rec.id;
	c->now = demo_at(day + 2, 10, 0);
	rc = value(c, id, "rules", st->rules);
	if (!rc)
		rc = value(c, id, "self_check", st->self_check);
	if (!rc)
		rc = value(c, id, "innovation", st->innovation);
	if (!rc)
		rc = value(c, id, "falsification", st->falsification);
	if (!rc && st->exempt) {
		struct assess_entry in = {.indicator = st->exempt, .of = -1, .exempt = 1,
					  .reason = st->exempt_reason};

		rc = svc_assess_set(c, id, &in, &s);
	}
	for (size_t i = 0; !rc && i < st->nsteps; i++) {
		c->now = demo_at(day + 3 + 2 * (cd_date)i, 15, 0);
		rc = svc_assess_step(c, id, st->steps[i], st->comment[i], &s);
	}
	if (!rc && st->revise) {
		c->now = demo_at(day + 3 + 2 * (cd_date)st->nsteps, 11, 0);
		rc = svc_assess_revise(c, id, "补录一次专题会议记录后重新评分", &s);
	}
	return rc;
}

#define FULL {ASA_SUBMIT, ASA_REVIEW, ASA_APPROVE}, 3

enum cd_err demo_assess(struct store *s, const struct profile *p, cd_date today,
			struct cd_diag *d)
{
	static const struct story last[UNITS] = {
		{"1", "1", "2", "0", NULL, NULL, FULL, {"自评完成", "复评同意", "审定"}, false},
		{"1", "0.5", NULL, "0", NULL, NULL, FULL, {NULL, NULL, NULL}, false},
		{"0.5", "1", "1", "0", NULL, NULL, FULL, {NULL, NULL, NULL}, false},
		{"1", "1", NULL, "0", NULL, NULL, FULL, {NULL, NULL, NULL}, false},
		{"0.5", "0", NULL, "1", NULL, NULL, FULL, {NULL, "自查报告与实际不符，弄虚作假", NULL},
		 false},
		{"1", "1", "1", "0", NULL, NULL, FULL, {NULL, NULL, NULL}, false},
	};
	static const struct story now[UNITS] = {
		{"1", NULL, NULL, NULL, NULL, NULL, {ASA_SUBMIT}, 0, {NULL}, false},
		{"1", "1", NULL, "0", NULL, NULL, {ASA_SUBMIT}, 1, {"已完成自评"}, false},
		{"1", "0.5", "1", "0", "gaps", "责任缺口系上级统一调整岗位所致，已报备", {ASA_SUBMIT,
		 ASA_REVIEW}, 2, {NULL, "复评同意，报领导小组审定"}, false},
		{"1", "1", "3", "0", NULL, NULL, FULL, {NULL, NULL, "审定同意"}, false},
		{"0.5", "0.5", NULL, "0", NULL, NULL, {ASA_SUBMIT, ASA_RETURN}, 2,
		 {NULL, "年度自查报告未附，请补充后重新提交"}, false},
		{"1", "1", NULL, "0", NULL, NULL, FULL, {NULL, NULL, NULL}, true},
	};
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	const char *unit[UNITS];
	struct act c;
	int year, m, dd;
	enum cd_err rc = a ? policy_get(s, &pol, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");

	date_to_ymd(today, &year, &m, &dd);
	if (!rc)
		rc = pick(s, p, a, unit, d);
	c = (struct act){.s = s, .pol = pol, .actor = "demo", .ip = "", .a = a, .d = d,
			 .history = true};
	if (!rc)
		rc = store_begin(s, d);
	if (!rc) {
		/* last year's, assessed in January; this year's over the last three weeks */
		for (size_t i = 0; !rc && i < UNITS; i++)
			rc = tell(&c, unit[i], year - 1, date_from_ymd(year, 1, 6) + (cd_date)i, &last[i]);
		cd_date from = today - 21 < date_from_ymd(year, 1, 1) ? date_from_ymd(year, 1, 1)
								       : today - 21;

		for (size_t i = 0; !rc && i < UNITS; i++)
			rc = tell(&c, unit[i], year, from + (cd_date)i, &now[i]);
		if (!rc)
			rc = store_commit(s, d);
		if (rc)
			store_rollback(s);
	}
	policy_put(pol);
	arena_free(a);
	return rc;
}
