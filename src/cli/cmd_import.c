/* cmd_import.c — `cyberduty import KIND FILE.csv|FILE.xlsx [--dry-run] [--json]`: the act
 * svc_import (docs/csv.md); every error of the file is printed, in Chinese and English. */
#include <stdio.h>

#include "cli/cli.h"
#include "svc/transfer.h"

/* print_errors lists the report's errors on stderr. */
static void print_errors(const struct csv_report *r)
{
	for (size_t i = 0; i < r->nerrors; i++)
		fprintf(stderr, "%s\n    %s\n", r->errors[i].zh, r->errors[i].en);
	if (r->more)
		fprintf(stderr, "…… 另有 %zu 处错误未列出 / %zu more errors not listed\n", r->more,
			r->more);
}

int cmd_import(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct csv_report r = {0};
	struct import_in in = {0};
	struct act a;
	const struct policy *pol = NULL;
	char actor[128];
	int kind;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_DRY_RUN | OPT_JSON, 2, 2, usage, &o))
		return EXIT_ERROR;
	kind = cli_csv_kind(o.pos[0], "import");
	if (kind < 0)
		return EXIT_ERROR;
	in = (struct import_in){.kind = (enum csv_kind)kind, .path = o.pos[1],
				.dry_run = o.dry_run};
	rc = cli_open(&o, &s, &p, &d);
	if (!rc && kind == CSV_NOTICES) /* a notice's due date follows the policy */
		rc = policy_get(s, &pol, &d);
	if (!rc) {
		cli_act_on(s, NULL, &d, &a, actor, sizeof actor);
		a.pol = pol;
		rc = svc_import(&a, &in, &r);
	}
	if (o.json && (!rc || rc == CD_EINVAL) && r.a)
		cli_json_dump(svc_import_json(&in, &r));
	else if (rc == CD_EINVAL)
		print_errors(&r);
	if (!rc && !o.json)
		printf(o.dry_run ? "%s: checked, would import %zu %s (created %zu, updated %zu; %s)\n"
				 : "%s: imported %zu %s (created %zu, updated %zu; %s)\n",
		       o.pos[1], r.created + r.updated,
		       lang_pick(o.pos[0], csv_kind_zh((enum csv_kind)kind)), r.created, r.updated,
		       r.encoding ? r.encoding : "");
	csv_report_free(&r);
	policy_put(pol);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
