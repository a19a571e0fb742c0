/* cmd_import.c — `cyberduty import KIND FILE.csv`: all-or-nothing CSV import (docs/csv.md). */
#include <stdio.h>

#include "cli/cli.h"
#include "io/csv_import.h"

int cmd_import(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	size_t n = 0;
	int kind;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 2, 2, usage, &o))
		return EXIT_ERROR;
	kind = cli_csv_kind(o.pos[0], "import");
	if (kind < 0)
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = csv_import_file(s, (enum csv_kind)kind, o.pos[1], &n, &d);
	if (!rc) /* the import commits itself: its entry follows */
		rc = cli_audit_record(s, "register.import",
				      json_pack("{s:s, s:s, s:I}", "kind", o.pos[0], "file",
						o.pos[1], "rows", (json_int_t)n),
				      &d, "register:%s", o.pos[0]);
	if (!rc)
		printf("%s: imported %zu %s\n", o.pos[1], n, o.pos[0]);
	else if (rc == CD_EINVAL)
		fprintf(stderr, "cyberduty: nothing imported\n");
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
