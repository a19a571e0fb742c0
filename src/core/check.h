/* check.h — "where are we not covered?": the gaps of a register under a policy profile on a
 * given day. Pure: register, profile and date in; findings out. Each finding names its rule
 * and the policy article behind it. */
#ifndef CD_CHECK_H
#define CD_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "err.h"
#include "profile.h"
#include "reg.h"

enum check_rule {
	CHECK_ROLE_MISSING,     /* a unit without a holder of a required role */
	CHECK_ROLE_OVERLAP,     /* two holders of a single-holder role at once */
	CHECK_ASSET_UNANSWERED, /* an asset no unit answers for under the principles */
	CHECK_MLPS_UNFILED,     /* level ≥ 2, not filed within the filing period of grading */
	CHECK_MLPS_UNASSESSED,  /* level 3 / 4 not assessed within its period */
	CHECK_BUDGET_LOW,       /* an IT project's security budget under the profile's ratio */
	CHECK__MAX
};

struct finding {
	enum check_rule rule;
	const char *article; /* borrowed from the profile */
	const char *subject; /* code of the unit or asset concerned, borrowed from the register */
	int64_t unit;        /* the unit concerned, or 0 */
	int64_t asset;       /* the asset concerned, or 0 */
	enum role role;      /* for the role rules */
	int64_t person_a, person_b; /* ROLE_OVERLAP: the two holders */
	int64_t project;     /* BUDGET_LOW: the project */
	cd_date since;       /* OVERLAP: first day of overlap; MLPS: the day it fell due */
};

struct check_result {
	struct finding *v;
	size_t n, cap;
};

/* check_run appends to *res (zero-initialise it first) every gap of reg under profile on day
 * as_of, sorted by rule, then unit or asset code. CD_ENOMEM is the only failure. Free the
 * findings with check_result_free. */
enum cd_err check_run(const struct profile *p, const struct reg *reg, cd_date as_of,
		      struct check_result *res);
void check_result_free(struct check_result *res);

/* What a check looks at: only the units units[0..nunits) (their required roles and the overlaps
 * of their single-holder roles) and the systems assets[0..nassets) (whether a unit answers, MLPS,
 * overlaps of their roles); a NULL array: every one of that kind. Projects are always checked. */
struct check_only {
	const int64_t *units;
	size_t nunits;
	const int64_t *assets;
	size_t nassets;
	bool no_projects; /* leave the projects out (checked in another part) */
};

/* check_run_only is check_run over what `only` names — what an incident's verdict needs (the
 * units on its chain and its own systems) without the whole organisation's gaps. */
enum cd_err check_run_only(const struct profile *p, const struct reg *reg, cd_date as_of,
			   const struct check_only *only, struct check_result *res);

/* check_rule_code gives the stable rule id ("role.missing"); check_rule_parse the rule of one
 * (-1 when unknown); check_rule_label its Chinese name. */
const char *check_rule_code(enum check_rule r);
int check_rule_parse(const char *s);
const char *check_rule_label(enum check_rule r);

/* check_describe writes a one-line bilingual description of f into buf (size n), e.g.
 * "计算机学院 (CS): 无网络安全员 — no security_officer". Returns buf. */
char *check_describe(const struct finding *f, const struct reg *reg,
		     char *buf, size_t n);

#endif
