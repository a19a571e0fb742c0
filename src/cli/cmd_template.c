/* cmd_template.c — `cyberduty template KIND --output FILE.xlsx [--lang zh|en]`: the import
 * template of a register kind as an XLSX workbook (io/xlsx_template.h), for a clerk to fill in
 * and give back to `cyberduty import`. Needs no database. */
#include <stdio.h>

#include "cli/cli.h"
#include "io/xlsx_template.h"

int cmd_template(int argc, char **argv, const char *usage)
{
	const char *lang = NULL;
	const struct cli_field fields[] = {{"--lang", &lang}, {NULL, NULL}};
	struct cli_opts o;
	struct cd_diag d = {{0}};
	int kind, lg = CSV_LANG_ZH;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_OUTPUT, fields, 1, 1, usage, &o))
		return EXIT_ERROR;
	if ((kind = cli_csv_kind(o.pos[0], "template")) < 0)
		return EXIT_ERROR;
	if (!o.output) {
		fprintf(stderr, "cyberduty: template needs --output FILE.xlsx\n");
		return EXIT_ERROR;
	}
	if (lang && (lg = csv_lang_parse(lang)) < 0) {
		fprintf(stderr, "cyberduty: unknown language \"%s\" (use zh or en)\n", lang);
		return EXIT_ERROR;
	}
	rc = csv_template_xlsx(o.output, (enum csv_kind)kind, (enum csv_lang)lg, &d);
	if (rc)
		return cli_fail(rc, &d);
	printf("%s\n", o.output);
	return EXIT_CLEAN;
}
