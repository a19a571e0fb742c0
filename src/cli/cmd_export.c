/* cmd_export.c — `cyberduty export KIND [--format csv|xlsx] [--lang zh|en] [--output FILE]`:
 * the register (KIND units … projects), the records of meetings, drills, training (records),
 * today's obligations (deadlines), the notices, the gaps, the incidents, or the audit log (audit,
 * with --action and --actor to select) as a spreadsheet a clerk can open (CSV with BOM, or XLSX;
 * Chinese headers and values, English with --lang en), svc_export reading the store a page at
 * a time. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "svc/transfer.h"

int cmd_export(int argc, char **argv, const char *usage)
{
	const char *lang = NULL;
	struct store_audit_filter af = {0};
	const struct cli_field fields[] = {{"--lang", &lang},
					   {"--action", &af.action},
					   {"--actor", &af.actor},
					   {NULL, NULL}};
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct act a;
	char actor[128];
	struct export_in in = {0};
	const struct policy *pol = NULL;
	FILE *f = stdout;
	int kind, lg = CSV_LANG_ZH;
	size_t k;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_FORMAT | OPT_OUTPUT, fields, 1, 1, usage,
			      &o))
		return EXIT_ERROR;
	in.list = !strcmp(o.pos[0], "records")	 ? EXPORT_RECORDS
		  : !strcmp(o.pos[0], "deadlines") ? EXPORT_DEADLINES
		  : !strcmp(o.pos[0], "notices")   ? EXPORT_NOTICES
		  : !strcmp(o.pos[0], "gaps")	   ? EXPORT_GAPS
		  : !strcmp(o.pos[0], "incidents") ? EXPORT_INCIDENTS
		  : !strcmp(o.pos[0], "audit")	   ? EXPORT_AUDIT
						   : EXPORT_REGISTER;
	kind = in.list == EXPORT_REGISTER ? cli_csv_kind(o.pos[0], "export") : 0;
	if (kind < 0)
		return EXIT_ERROR;
	k = o.output ? strlen(o.output) : 0;
	in.xlsx = o.format ? !strcmp(o.format, "xlsx")
			   : k > 5 && !strcasecmp(o.output + k - 5, ".xlsx");
	if (o.format && !in.xlsx && strcmp(o.format, "csv")) {
		fprintf(stderr, "cyberduty: unknown format \"%s\" (use csv or xlsx)\n", o.format);
		return EXIT_ERROR;
	}
	if (in.xlsx && !o.output) {
		fprintf(stderr, "cyberduty: an xlsx export needs --output FILE.xlsx\n");
		return EXIT_ERROR;
	}
	if (lang && (lg = csv_lang_parse(lang)) < 0) {
		fprintf(stderr, "cyberduty: unknown language \"%s\" (use zh or en)\n", lang);
		return EXIT_ERROR;
	}
	rc = cli_open(&o, &s, &p, &d);
	if (!rc && o.output && !in.xlsx) {
		f = fopen(o.output, "wb");
		if (!f)
			rc = cd_diag_set(&d, CD_EIO, "%s: cannot create: %s", o.output,
					 strerror(errno));
	}
	if (!rc && in.list != EXPORT_REGISTER && in.list != EXPORT_RECORDS)
		rc = policy_get(s, &pol, &d);
	if (!rc) {
		cli_act_on(s, NULL, &d, &a, actor, sizeof actor);
		a.pol = pol;
		in.kind = (enum csv_kind)kind;
		in.lang = (enum csv_lang)lg;
		in.f = f;
		in.path = o.output;
		in.audit = &af;
		rc = svc_export(&a, &in);
	}
	if (f && f != stdout && fclose(f) != 0 && !rc)
		rc = cd_diag_set(&d, CD_EIO, "%s: write failed", o.output);
	policy_put(pol);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
