/* cmd_export.c — `cyberduty export KIND --format csv [--output FILE]`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/csv_export.h"

int cmd_export(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct reg *reg = NULL;
	FILE *f = stdout;
	int kind;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_FORMAT | OPT_OUTPUT, 1, 1, usage, &o))
		return EXIT_ERROR;
	kind = cli_csv_kind(o.pos[0], "export");
	if (kind < 0)
		return EXIT_ERROR;
	if (o.format && strcmp(o.format, "csv")) {
		fprintf(stderr, "cyberduty: unknown format \"%s\" (use csv)\n", o.format);
		return EXIT_ERROR;
	}
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	if (!rc && o.output) {
		f = fopen(o.output, "wb");
		if (!f)
			rc = cd_diag_set(&d, CD_EIO, "%s: cannot create: %s", o.output,
					 strerror(errno));
	}
	if (!rc)
		rc = csv_export(reg, (enum csv_kind)kind, f, &d);
	if (f && f != stdout && fclose(f) != 0 && !rc)
		rc = cd_diag_set(&d, CD_EIO, "%s: write failed", o.output);
	reg_free(reg);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
