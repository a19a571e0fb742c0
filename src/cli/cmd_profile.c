/* cmd_profile.c — `cyberduty profile list | show ID|FILE | check FILE`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/profile_load.h"

static void print_number(const char *label, int v, const char *unit)
{
	if (v == PROFILE_NUMBER_NONE)
		printf("  %-34s —（本政策未规定）\n", label);
	else
		printf("  %-34s %d %s\n", label, v, unit);
}

static void mask_names(unsigned mask, int max, const char *(*name)(int), char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < max; i++) {
		if (!(mask & (1u << i)))
			continue;
		used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s",
					 used ? ", " : "", name(i));
		if (used >= n)
			break;
	}
	if (!buf[0])
		snprintf(buf, n, "—");
}

static const char *at_name(int i)
{
	if (i == PROFILE_AT_ROOT)
		return "root";
	if (i == PROFILE_AT_EVERY_UNIT)
		return "every_unit";
	return unit_kind_code((enum unit_kind)i);
}

static const char *role_name_i(int i)
{
	return role_code((enum role)i);
}

static void show(const struct profile *p)
{
	char buf[256], in_force[11];

	printf("%s (version %d)\n%s\n%s, in force %s%s%s\n\n", p->id, p->version, p->name,
	       p->issuer, date_format(p->in_force, in_force), p->seed ? ", seed " : "",
	       p->seed ? p->seed : "");
	printf("Roles 责任角色\n");
	for (size_t i = 0; i < p->nroles; i++) {
		const struct profile_role *r = &p->roles[i];

		mask_names(r->required_at, PROFILE_AT__MAX, at_name, buf, sizeof(buf));
		printf("  %-20s %-12s %s, %s; required at: %s  [%s]\n", role_code(r->role), r->name,
		       r->asset_scope ? "asset" : "unit", r->single ? "single" : "several", buf,
		       r->article);
	}
	printf("\nPrinciples 责任原则\n");
	for (size_t i = 0; i < p->nprinciples; i++)
		printf("  %-20s %s  [%s]\n", relation_code(p->principles[i].relation),
		       p->principles[i].name, p->principles[i].article);
	printf("\nNumbers 时限与比例\n");
	print_number("rectify_workdays 整改时限", p->numbers.rectify_workdays, "working days");
	print_number("repeat_window_months 再次发生", p->numbers.repeat_window_months, "months");
	print_number("paralysis_hours 瘫痪时长", p->numbers.paralysis_hours, "hours");
	print_number("budget_ratio_percent 安全预算", p->numbers.budget_ratio_percent, "%");
	print_number("drills_per_year 应急演练", p->numbers.drills_per_year, "per year");
	printf("  MLPS: file within %d days of grading; assess level 3 every %d months, level 4 "
	       "every %d months  [%s]\n",
	       p->mlps.filing_days, p->mlps.assess_months_level3, p->mlps.assess_months_level4,
	       *p->mlps.article ? p->mlps.article : "—");
	printf("\nRecurring duties 年度工作\n");
	for (size_t i = 0; i < p->nduties; i++) {
		const struct profile_duty *du = &p->duties[i];

		printf("  %-16s %s: %s %d 次, by %s  [%s]\n", du->id, du->name,
		       period_label(du->every), du->times, at_name(du->holder), du->article);
	}
	printf("\nChain 逐级倒查  [%s]\n  person involved", p->chain.article);
	for (size_t i = 0; i < p->chain.nunit_roles; i++)
		printf(" → %s", role_code(p->chain.unit_roles[i]));
	printf(" → (each level up to the root)");
	if (p->chain.coordinator >= 0)
		printf("; coordination failed → principal of %s",
		       unit_kind_code((enum unit_kind)p->chain.coordinator));
	mask_names(p->collective.main, ROLE__MAX, role_name_i, buf, sizeof(buf));
	printf("\nCollective 集体责任  [%s]\n  main 主要领导责任: %s\n", p->collective.article, buf);
	mask_names(p->collective.important, ROLE__MAX, role_name_i, buf, sizeof(buf));
	printf("  important 重要领导责任: %s\n", buf);
	printf("\nTriggers 责任追究情形 (%zu)\n", p->ntriggers);
	for (size_t i = 0; i < p->ntriggers; i++) {
		const struct profile_trigger *t = &p->triggers[i];

		printf("  %-5s %s\n        %s\n        when: %s\n", t->id, t->article, t->text,
		       t->condition);
		if (t->question)
			printf("        ask: %s\n", t->question);
	}
}

int cmd_profile(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	enum cd_err rc;
	const char *sub;

	if (!cli_parse(argc, argv, 0, 1, 2, usage, &o))
		return EXIT_ERROR;
	sub = o.pos[0];
	if (!strcmp(sub, "list") && o.npos == 1) {
		for (size_t i = 0; i < profile_builtin_count(); i++) {
			rc = profile_open(profile_builtin_id(i), &p, &d);
			if (rc)
				return cli_fail(rc, &d);
			printf("%-18s v%-3d %2zu triggers  %s\n", p->id, p->version, p->ntriggers,
			       p->name);
			profile_free(p);
		}
		return EXIT_CLEAN;
	}
	if (!strcmp(sub, "show") && o.npos == 2) {
		rc = profile_open(o.pos[1], &p, &d);
		if (rc)
			return cli_fail(rc, &d);
		show(p);
		profile_free(p);
		return EXIT_CLEAN;
	}
	if (!strcmp(sub, "check") && o.npos == 2) {
		rc = profile_load_file(o.pos[1], &p, &d);
		if (rc)
			return cli_fail(rc, &d);
		printf("%s: ok — profile %s version %d, %zu roles, %zu triggers\n", o.pos[1], p->id,
		       p->version, p->nroles, p->ntriggers);
		profile_free(p);
		return EXIT_CLEAN;
	}
	fprintf(stderr, "usage: cyberduty %s\n", usage);
	return EXIT_ERROR;
}
