/* cmd_project.c — `cyberduty project add|list`: IT projects (信息化项目) with their total and
 * security budgets (`add` is the register's act svc_project_add); `check` reports a project
 * whose security share is under the profile's ratio (Yantai: 5 %). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/register.h"

/* yuan reads a whole number of yuan (1 ≤ v ≤ 10^13 for the total, 0 allowed for security). */
static bool yuan(const char *name, const char *s, int64_t min, int64_t *out)
{
	char *end;
	long long v;

	if (!s || !*s) {
		fprintf(stderr, "cyberduty: project add needs %s (yuan, a whole number)\n", name);
		return false;
	}
	v = strtoll(s, &end, 10);
	if (*end || v < min || v > 10000000000000LL) {
		fprintf(stderr, "cyberduty: %s: \"%s\" is not a whole number of yuan between %lld and "
				"10000000000000\n",
			name, s, (long long)min);
		return false;
	}
	*out = v;
	return true;
}

static int project_add(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *code, *name, *unit, *year, *total, *security;
	const struct cli_field f[] = {{"--code", &code},   {"--name", &name},
				      {"--unit", &unit},   {"--year", &year},
				      {"--total", &total}, {"--security", &security},
				      {NULL, NULL}};
	struct project_in in = {.year = -1};
	const struct project *pr;
	struct rec_row w;
	struct act a;
	char actor[128], *end;
	enum cd_err rc;
	int y, m, dd;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (!code || !name) {
		fprintf(stderr, "cyberduty: project add needs --code and --name\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (!yuan("--total", total, 1, &in.total) || !yuan("--security", security, 0, &in.security))
		return EXIT_ERROR;
	date_to_ymd(cli_today(), &y, &m, &dd);
	in.year = y;
	if (year) {
		long v = strtol(year, &end, 10);

		if (*end || v < 1900 || v > 9999) {
			fprintf(stderr, "cyberduty: --year: \"%s\" is not a year\n", year);
			return EXIT_ERROR;
		}
		in.year = (int)v;
	}
	in.code = code;
	in.name = name;
	in.unit = unit;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_project_add(&a, &in, &w))) {
		cli_act_option(&c.d, a.field, NULL);
		return cli_book_close(&c, rc, 0);
	}
	pr = &w.r.project;
	printf("project %s recorded: security %lld of %lld yuan (%.1f %%)", pr->code,
	       (long long)pr->security, (long long)pr->total,
	       100.0 * (double)pr->security / (double)pr->total);
	if (c.p->numbers.budget_ratio_percent > 0 &&
	    pr->security * 100 < pr->total * c.p->numbers.budget_ratio_percent)
		printf(" — under the %d %% the profile asks (%s)",
		       c.p->numbers.budget_ratio_percent, c.p->numbers.budget_article);
	printf("\n");
	return cli_book_close(&c, CD_OK, EXIT_CLEAN);
}

static int project_list(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct profile *p = NULL;
	struct reg *reg = NULL;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	for (size_t i = 0; !rc && i < reg->nprojects; i++) {
		const struct project *pr = &reg->projects[i];
		const struct unit *u = pr->unit ? reg_unit(reg, pr->unit) : NULL;

		printf("%-12s %d  %-30s %14lld %12lld  %5.1f %%  %s\n", pr->code, pr->year, pr->name,
		       (long long)pr->total, (long long)pr->security,
		       100.0 * (double)pr->security / (double)pr->total, u ? u->name : "");
	}
	reg_free(reg);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}

int cmd_project(int argc, char **argv, const char *usage)
{
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return project_add(argc - 1, argv + 1,
				   "project add --code C --name N --total YUAN --security YUAN "
				   "[--unit U] [--year Y]");
	if (argc >= 2 && !strcmp(argv[1], "list"))
		return project_list(argc - 1, argv + 1, "project list");
	fprintf(stderr, "usage: cyberduty %s\n", usage);
	return EXIT_ERROR;
}
