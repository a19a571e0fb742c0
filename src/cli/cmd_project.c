/* cmd_project.c — `cyberduty project add|list`: IT projects (信息化项目) with their total and
 * security budgets; `check` reports a project whose security share is under the profile's
 * ratio (Yantai: 5 %). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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
	struct cli_opts o;
	struct cd_diag d = {{0}};
	const char *code, *name, *unit, *year, *total, *security;
	const struct cli_field f[] = {{"--code", &code},   {"--name", &name},
				      {"--unit", &unit},   {"--year", &year},
				      {"--total", &total}, {"--security", &security},
				      {NULL, NULL}};
	struct store *s = NULL;
	struct profile *p = NULL;
	struct reg *reg = NULL;
	struct project pr = {0};
	enum cd_err rc;
	char *end;
	int y, m, dd;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (!code || !name) {
		fprintf(stderr, "cyberduty: project add needs --code and --name\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (!yuan("--total", total, 1, &pr.total) || !yuan("--security", security, 0, &pr.security))
		return EXIT_ERROR;
	if (pr.security > pr.total) {
		fprintf(stderr, "cyberduty: --security (%lld) is more than --total (%lld)\n",
			(long long)pr.security, (long long)pr.total);
		return EXIT_ERROR;
	}
	date_to_ymd(cli_today(), &y, &m, &dd);
	pr.year = y;
	if (year) {
		long v = strtol(year, &end, 10);

		if (*end || v < 1900 || v > 9999) {
			fprintf(stderr, "cyberduty: --year: \"%s\" is not a year\n", year);
			return EXIT_ERROR;
		}
		pr.year = (int)v;
	}
	pr.code = code;
	pr.name = name;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	if (!rc && unit) {
		const struct unit *u = reg_unit_by_code(reg, unit);

		if (!u)
			rc = cd_diag_set(&d, CD_ENOTFOUND, "--unit: no unit \"%s\"", unit);
		else
			pr.unit = u->id;
	}
	if (!rc) {
		rc = store_begin(s, &d);
		if (!rc)
			rc = store_project_add(s, &pr, &d);
		rc = cli_audit_commit(s, rc, "project.add",
				      json_pack("{s:s, s:I, s:I, s:i}", "code", pr.code, "total",
						(json_int_t)pr.total, "security",
						(json_int_t)pr.security, "year", pr.year),
				      &d, "project:%lld", (long long)pr.id);
	}
	if (!rc) {
		printf("project %s recorded: security %lld of %lld yuan (%.1f %%)", pr.code,
		       (long long)pr.security, (long long)pr.total,
		       100.0 * (double)pr.security / (double)pr.total);
		if (p->numbers.budget_ratio_percent > 0 &&
		    pr.security * 100 < pr.total * p->numbers.budget_ratio_percent)
			printf(" — under the %d %% the profile asks (%s)",
			       p->numbers.budget_ratio_percent, p->numbers.budget_article);
		printf("\n");
	}
	reg_free(reg);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
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
