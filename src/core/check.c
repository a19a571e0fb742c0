/* check.c — the gap rules of `cyberduty check` (see check.h). */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rule_codes[CHECK__MAX] = {
	[CHECK_ROLE_MISSING] = "role.missing",
	[CHECK_ROLE_OVERLAP] = "role.overlap",
	[CHECK_ASSET_UNANSWERED] = "asset.unanswered",
	[CHECK_MLPS_UNFILED] = "mlps.unfiled",
	[CHECK_MLPS_UNASSESSED] = "mlps.unassessed",
	[CHECK_BUDGET_LOW] = "budget.low",
};

/* Used when the policy itself says nothing about MLPS: the scheme's own sources. */
static const char mlps_law[] = "《网络安全法》第二十一条、GB/T 22239-2019";

static const char *const rule_labels[CHECK__MAX] = {
	[CHECK_ROLE_MISSING] = "责任人缺位",
	[CHECK_ROLE_OVERLAP] = "职责重叠",
	[CHECK_ASSET_UNANSWERED] = "系统无责任单位",
	[CHECK_MLPS_UNFILED] = "等保未备案",
	[CHECK_MLPS_UNASSESSED] = "等保未测评",
	[CHECK_BUDGET_LOW] = "安全经费不足",
};

const char *check_rule_code(enum check_rule r)
{
	return (int)r >= 0 && r < CHECK__MAX ? rule_codes[r] : "?";
}

const char *check_rule_label(enum check_rule r)
{
	return (int)r >= 0 && r < CHECK__MAX ? rule_labels[r] : "?";
}

int check_rule_parse(const char *s)
{
	for (int r = 0; s && r < CHECK__MAX; r++)
		if (!strcmp(s, rule_codes[r]))
			return r;
	return -1;
}

static struct finding *add(struct check_result *res, enum check_rule rule, const char *article,
			   const char *subject)
{
	struct finding *f;

	if (res->n == res->cap) {
		size_t ncap = res->cap ? res->cap * 2 : 32;
		struct finding *v = realloc(res->v, ncap * sizeof(*v));

		if (!v)
			return NULL;
		res->v = v;
		res->cap = ncap;
	}
	f = &res->v[res->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->article = article;
	f->subject = subject;
	f->since = CD_DATE_NONE;
	return f;
}

void check_result_free(struct check_result *res)
{
	free(res->v);
	memset(res, 0, sizeof(*res));
}

static bool required_here(const struct profile_role *pr, const struct unit *u)
{
	if (u->kind == UNIT_EXTERNAL_AUTHORITY)
		return false;
	if (reg_is_root(u))
		return pr->required_at & (1u << PROFILE_AT_ROOT);
	return pr->required_at & (1u << u->kind);
}

/* in: id is one of v[0..n) (a check limited to a few units or systems; v NULL: any). */
static bool in(const int64_t *v, size_t n, int64_t id)
{
	if (!v)
		return true;
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

static int cmp_pos(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

/* only_duties: when the check is only of some units and systems, the positions of their duties
 * (of each unit of only->units, and of each system of only->assets when `assets`), in the
 * array's order and once each, through the register's index: a few dozen instead of every duty
 * of the organisation. *v = NULL when the whole organisation is checked or there is no index:
 * the caller scans every duty. CD_ENOMEM only when out of memory. */
static enum cd_err only_duties(const struct reg *reg, const struct check_only *only, bool assets,
			       uint32_t **v, size_t *n)
{
	size_t k;

	*v = NULL;
	*n = 0;
	if (!only->units || !reg_duties_at(reg, 0, 0, &k))
		return CD_OK;
	for (int pass = 0; pass < 2; pass++) {
		size_t m = 0;

		for (size_t i = 0; i < only->nunits + (assets ? only->nassets : 0); i++) {
			const uint32_t *at = i < only->nunits
						     ? reg_duties_at(reg, only->units[i], 0, &k)
						     : reg_duties_at(reg, 0, only->assets[i - only->nunits],
								     &k);

			if (pass)
				memcpy(*v + m, at, k * sizeof **v);
			m += k;
		}
		if (pass) {
			qsort(*v, m, sizeof **v, cmp_pos);
			for (size_t i = 0; i < m; i++)
				if (!*n || (*v)[*n - 1] != (*v)[i])
					(*v)[(*n)++] = (*v)[i];
		} else if (!(*v = malloc((m ? m : 1) * sizeof **v))) {
			return CD_ENOMEM;
		}
	}
	return CD_OK;
}

/* unit_of: the unit with this id, by the register's search, else by a scan (a register built
 * out of the order of ids) */
static const struct unit *unit_of(const struct reg *reg, int64_t id)
{
	const struct unit *u = reg_unit(reg, id);

	for (size_t i = 0; !u && i < reg->nunits; i++)
		if (reg->units[i].id == id)
			u = &reg->units[i];
	return u;
}

static enum cd_err roles_missing(const struct profile *p, const struct reg *reg, cd_date as_of,
				 const struct check_only *only, struct check_result *res)
{
	/* held[i] has bit r set when unit i has a holder of role r on as_of: one pass over the
	 * duties instead of one per unit and role. */
	unsigned char *held = calloc(reg->nunits ? reg->nunits : 1, 1);
	uint32_t *pos = NULL;
	size_t npos = 0;

	if (!held || only_duties(reg, only, false, &pos, &npos)) {
		free(held);
		return CD_ENOMEM;
	}
	for (size_t i = 0; i < (pos ? npos : reg->nduties); i++) {
		const struct duty *d = &reg->duties[pos ? pos[i] : i];
		const struct unit *u =
			d->unit && in(only->units, only->nunits, d->unit) ? reg_unit(reg, d->unit) : NULL;

		if (u && duty_valid_on(d, as_of))
			held[u - reg->units] |= (unsigned char)(1u << d->role);
	}
	free(pos);
	for (size_t i = 0; i < p->nroles; i++) {
		const struct profile_role *pr = &p->roles[i];
		/* a check of a few units visits those (each once), not every unit of the register */
		size_t nvisit = only->units ? only->nunits : reg->nunits;

		for (size_t k = 0; k < nvisit; k++) {
			const struct unit *u = only->units ? unit_of(reg, only->units[k]) : &reg->units[k];
			size_t j = u ? (size_t)(u - reg->units) : 0;
			struct finding *f;

			if (!u || (only->units && in(only->units, k, u->id)) || !required_here(pr, u) ||
			    (held[j] & (1u << pr->role)))
				continue;
			f = add(res, CHECK_ROLE_MISSING, pr->article, u->code);
			if (!f) {
				free(held);
				return CD_ENOMEM;
			}
			f->unit = u->id;
			f->role = pr->role;
		}
	}
	free(held);
	return CD_OK;
}

static int cmp_duty(const void *x, const void *y)
{
	const struct duty *a = *(const struct duty *const *)x, *b = *(const struct duty *const *)y;

	if (a->role != b->role)
		return (int)a->role - (int)b->role;
	if (a->unit != b->unit)
		return (a->unit > b->unit) - (a->unit < b->unit);
	if (a->asset != b->asset)
		return (a->asset > b->asset) - (a->asset < b->asset);
	return (a->from > b->from) - (a->from < b->from);
}

static bool same_post(const struct duty *a, const struct duty *b)
{
	return a->role == b->role && a->unit == b->unit && a->asset == b->asset;
}

/* Two duties of one single-holder role for the same unit or asset overlapping on some day up
 * to as_of. Duties are sorted by post and start; within a post, a duty overlaps the one
 * before it that reaches furthest. */
static enum cd_err roles_overlap(const struct profile *p, const struct reg *reg, cd_date as_of,
				 const struct check_only *only, struct check_result *res)
{
	const struct duty **v = malloc((reg->nduties ? reg->nduties : 1) * sizeof(*v));
	const struct duty *reach = NULL;
	uint32_t *pos = NULL;
	size_t n = 0, npos = 0;

	if (!v || only_duties(reg, only, true, &pos, &npos)) {
		free(v);
		return CD_ENOMEM;
	}
	for (size_t i = 0; i < (pos ? npos : reg->nduties); i++) {
		const struct duty *du = &reg->duties[pos ? pos[i] : i];
		const struct profile_role *pr = profile_role(p, du->role);

		if (only->units && !(du->unit && in(only->units, only->nunits, du->unit)) &&
		    !(du->asset && in(only->assets, only->nassets, du->asset)))
			continue;
		if (pr && pr->single && du->from <= as_of)
			v[n++] = du;
	}
	free(pos);
	qsort(v, n, sizeof(*v), cmp_duty);
	for (size_t i = 0; i < n; i++) {
		const struct duty *b = v[i];
		cd_date end_r, end_b = b->to == CD_DATE_NONE ? as_of : b->to;
		struct finding *f;

		if (!reach || !same_post(reach, b)) {
			reach = b;
			continue;
		}
		end_r = reach->to == CD_DATE_NONE ? as_of : reach->to;
		if (b->from <= end_r) {
			const struct unit *u = b->unit ? reg_unit(reg, b->unit) : NULL;
			const struct asset *a = b->asset ? reg_asset(reg, b->asset) : NULL;

			f = add(res, CHECK_ROLE_OVERLAP, profile_role(p, b->role)->article,
				u ? u->code : a ? a->code : "");
			if (!f) {
				free(v);
				return CD_ENOMEM;
			}
			f->unit = b->unit;
			f->asset = b->asset;
			f->role = b->role;
			f->person_a = reach->person;
			f->person_b = b->person;
			f->since = b->from;
		}
		if (end_b > end_r)
			reach = b;
	}
	free(v);
	return CD_OK;
}

static enum cd_err assets(const struct profile *p, const struct reg *reg, cd_date as_of,
			  const struct check_only *only, struct check_result *res)
{
	const char *mlps_article = p->mlps.article && *p->mlps.article ? p->mlps.article : mlps_law;

	for (size_t i = 0; i < reg->nassets; i++) {
		const struct asset *a = &reg->assets[i];
		struct finding *f;
		bool answered = false;
		int months;
		cd_date base;

		if (a->status == STATUS_RETIRED || !in(only->assets, only->nassets, a->id))
			continue;
		for (size_t k = 0; k < p->nprinciples; k++)
			answered |= a->rel[p->principles[k].relation] != 0;
		if (!answered) {
			f = add(res, CHECK_ASSET_UNANSWERED, p->principles[0].article, a->code);
			if (!f)
				return CD_ENOMEM;
			f->asset = a->id;
		}
		if (a->mlps_level >= 2 && a->filed_on == CD_DATE_NONE) {
			cd_date due = a->graded_on == CD_DATE_NONE
					      ? CD_DATE_NONE
					      : a->graded_on + p->mlps.filing_days;

			if (due == CD_DATE_NONE || as_of > due) {
				f = add(res, CHECK_MLPS_UNFILED, mlps_article, a->code);
				if (!f)
					return CD_ENOMEM;
				f->asset = a->id;
				f->since = due;
			}
		}
		if (a->mlps_level < 3)
			continue;
		months = a->mlps_level == 3 ? p->mlps.assess_months_level3
					    : p->mlps.assess_months_level4;
		/* Never assessed: the period runs from grading, so a newly graded system has
		 * one full period for its first assessment. */
		base = a->assessed_on != CD_DATE_NONE ? a->assessed_on : a->graded_on;
		if (base == CD_DATE_NONE || as_of > date_add_months(base, months)) {
			f = add(res, CHECK_MLPS_UNASSESSED, mlps_article, a->code);
			if (!f)
				return CD_ENOMEM;
			f->asset = a->id;
			f->since = base == CD_DATE_NONE ? CD_DATE_NONE : date_add_months(base, months);
		}
	}
	return CD_OK;
}

/* Projects of the as-of year and before whose security share is under the profile's ratio
 * (security × 100 < total × ratio: whole yuan, no rounding). */
static enum cd_err budgets(const struct profile *p, const struct reg *reg, cd_date as_of,
			   struct check_result *res)
{
	int ratio = p->numbers.budget_ratio_percent, y, m, d;

	if (ratio <= 0)
		return CD_OK;
	date_to_ymd(as_of, &y, &m, &d);
	for (size_t i = 0; i < reg->nprojects; i++) {
		const struct project *pr = &reg->projects[i];
		struct finding *f;

		if (pr->year > y || pr->security * 100 >= pr->total * ratio)
			continue;
		f = add(res, CHECK_BUDGET_LOW,
			p->numbers.budget_article && *p->numbers.budget_article
				? p->numbers.budget_article
				: "profile numbers.budget_ratio_percent",
			pr->code);
		if (!f)
			return CD_ENOMEM;
		f->unit = pr->unit;
		f->project = pr->id;
	}
	return CD_OK;
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c;

	if (a->rule != b->rule)
		return (int)a->rule - (int)b->rule;
	c = strcmp(a->subject, b->subject);
	if (c)
		return c;
	if (a->role != b->role)
		return (int)a->role - (int)b->role;
	return (a->since > b->since) - (a->since < b->since);
}

enum cd_err check_run(const struct profile *p, const struct reg *reg, cd_date as_of,
		      struct check_result *res)
{
	static const struct check_only all = {0};

	return check_run_only(p, reg, as_of, &all, res);
}

enum cd_err check_run_only(const struct profile *p, const struct reg *reg, cd_date as_of,
			   const struct check_only *only, struct check_result *res)
{
	size_t first = res->n;
	enum cd_err rc = roles_missing(p, reg, as_of, only, res);

	if (!rc)
		rc = roles_overlap(p, reg, as_of, only, res);
	if (!rc)
		rc = assets(p, reg, as_of, only, res);
	if (!rc && !only->no_projects)
		rc = budgets(p, reg, as_of, res);
	if (rc)
		return rc;
	if (res->n > first)
		qsort(res->v + first, res->n - first, sizeof(*res->v), cmp_finding);
	return CD_OK;
}

/* describe formats a finding's text in the thread's language (lang_tr) into buf. */
static void describe(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void describe(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, lang_tr(fmt), ap);
	va_end(ap);
}

char *check_describe(const struct finding *f, const struct reg *reg,
		     char *buf, size_t n)
{
	const struct unit *u = f->unit ? reg_unit(reg, f->unit) : NULL;
	const struct asset *a = f->asset ? reg_asset(reg, f->asset) : NULL;
	const struct person *pa = f->person_a ? reg_person(reg, f->person_a) : NULL;
	const struct person *pb = f->person_b ? reg_person(reg, f->person_b) : NULL;
	const char *sname = u ? u->name : a ? a->name : "?";
	const char *scode = u ? u->code : a ? a->code : "?";
	char since[26];

	/* Chinese as people write it (2026年11月2日); the English text is also the kept gap's
	 * message, which says it in both languages (svc/deadlines.c): ISO there */
	if (lang_get() == LANG_ZH)
		date_show(f->since, since);
	else
		date_format(f->since, since);
	switch (f->rule) {
	case CHECK_ROLE_MISSING:
		describe(buf, n, "%s (%s): 未明确%s — no %s holder", sname, scode,
			 role_label(f->role), role_code(f->role));
		break;
	case CHECK_ROLE_OVERLAP:
		describe(buf, n,
			 "%s (%s): %s 同时由 %s 与 %s 担任（自 %s 起）— two %s holders at once",
			 sname, scode, role_label(f->role), pa ? pa->name : "?",
			 pb ? pb->name : "?", since, role_code(f->role));
		break;
	case CHECK_ASSET_UNANSWERED:
		describe(buf, n, "%s (%s): 无责任单位 — no unit answers for this asset", sname,
			 scode);
		break;
	case CHECK_MLPS_UNFILED:
		if (f->since == CD_DATE_NONE)
			describe(buf, n,
				 "%s (%s): 等保%d级未备案，且无定级日期 — level %d, not filed, "
				 "grading date unknown",
				 sname, scode, a ? a->mlps_level : 0, a ? a->mlps_level : 0);
		else
			describe(buf, n,
				 "%s (%s): 等保%d级，备案期限 %s 已过，尚未备案 — level %d, filing "
				 "was due %s",
				 sname, scode, a ? a->mlps_level : 0, since, a ? a->mlps_level : 0,
				 since);
		break;
	case CHECK_MLPS_UNASSESSED:
		if (f->since == CD_DATE_NONE)
			describe(buf, n,
				 "%s (%s): 等保%d级，从未测评 — level %d, never assessed", sname,
				 scode, a ? a->mlps_level : 0, a ? a->mlps_level : 0);
		else
			describe(buf, n,
				 "%s (%s): 等保%d级，测评已于 %s 到期 — level %d, assessment "
				 "due %s",
				 sname, scode, a ? a->mlps_level : 0, since, a ? a->mlps_level : 0,
				 since);
		break;
	case CHECK_BUDGET_LOW: {
		const struct project *pr = NULL;

		for (size_t i = 0; i < reg->nprojects && !pr; i++)
			if (reg->projects[i].id == f->project)
				pr = &reg->projects[i];
		if (!pr) {
			snprintf(buf, n, "?");
			break;
		}
		describe(buf, n,
			 "%s (%s): 网络安全预算 %lld 元，占项目总预算 %lld 元的 %.1f%%，低于规定比例 — "
			 "security budget %.1f %% of the total",
			 pr->name, pr->code, (long long)pr->security, (long long)pr->total,
			 100.0 * (double)pr->security / (double)pr->total,
			 100.0 * (double)pr->security / (double)pr->total);
		break;
	}
	default:
		snprintf(buf, n, "?");
	}
	return buf;
}
