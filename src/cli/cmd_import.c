/* cmd_import.c — `cyberduty import KIND FILE.csv`: all-or-nothing CSV import (docs/csv.md),
 * the act svc_import. */
#include <stdio.h>

#include "cli/cli.h"
#include "svc/transfer.h"

int cmd_import(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct import_report r = {0};
	struct act a;
	char actor[128];
	int kind;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 2, 2, usage, &o))
		return EXIT_ERROR;
	kind = cli_csv_kind(o.pos[0], "import");
	if (kind < 0)
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc) {
		cli_act_on(s, NULL, &d, &a, actor, sizeof actor);
		rc = svc_import(&a, (enum csv_kind)kind, o.pos[1], &r);
	}
	if (!rc)
		printf("%s: imported %zu %s\n", o.pos[1], r.created, o.pos[0]);
	else if (rc == CD_EINVAL)
		fprintf(stderr, "cyberduty: nothing imported\n");
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
