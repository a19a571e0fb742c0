/* cmd_report.c — `cyberduty report annual|feedback NO|recommendation CODE|duties|ledger|assessment
 * [--year Y] [--unit U] [--docno 〔2026〕7号] [--to ADDRESSEE] [--signer NAME]
 * --format pdf|docx|xlsx -o FILE`: a document the office signs (svc_report), written to FILE,
 * with its audit entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "svc/report.h"

int cmd_report(int argc, char **argv, const char *usage)
{
	const char *year = NULL, *docno = NULL, *to = NULL, *out = NULL, *signer = NULL,
		   *unit = NULL;
	const struct cli_field fields[] = {{"--year", &year},	  {"--docno", &docno},
					   {"--to", &to},	  {"--signer", &signer},
					   {"--unit", &unit},	  {"-o", &out},
					   {NULL, NULL}};
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	const struct policy *pol = NULL;
	struct arena *ar = NULL;
	struct report_in in = {0};
	struct act a;
	char actor[128], *end = NULL;
	const char *fmt;
	int kind, f;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_FORMAT | OPT_OUTPUT, fields, 1, 2, usage,
			      &o))
		return EXIT_ERROR;
	if ((kind = report_doc_parse(o.pos[0])) < 0) {
		fprintf(stderr, "cyberduty: unknown document \"%s\" (annual, feedback, "
				"recommendation, duties, ledger or assessment)\n",
			o.pos[0]);
		return EXIT_ERROR;
	}
	in.kind = (enum report_doc)kind;
	in.path = out ? out : o.output;
	if (!in.path) {
		fprintf(stderr, "cyberduty: a document needs -o FILE\n");
		return EXIT_ERROR;
	}
	fmt = o.format;
	if (!fmt) {
		const char *dot = strrchr(in.path, '.');

		fmt = dot ? dot + 1 : "pdf";
	}
	if ((f = report_format_parse(fmt)) < 0) {
		fprintf(stderr, "cyberduty: unknown format \"%s\" (use pdf, docx or xlsx)\n", fmt);
		return EXIT_ERROR;
	}
	in.format = (enum report_format)f;
	if ((in.kind == REPORT_FEEDBACK || in.kind == REPORT_RECOMMENDATION) != (o.npos == 2)) {
		fprintf(stderr, "cyberduty: %s\n",
			o.npos == 2 ? "only feedback and recommendation take a number"
				    : "feedback needs the notice's number, recommendation the "
				      "incident's");
		return EXIT_ERROR;
	}
	if (o.npos == 2)
		in.code = o.pos[1];
	if (year) {
		long y = strtol(year, &end, 10);

		if (!*year || *end || y < 2000 || y > 9999) {
			fprintf(stderr, "cyberduty: --year wants a year such as 2026, not \"%s\"\n",
				year);
			return EXIT_ERROR;
		}
		in.year = (int)y;
	}
	in.docno = docno;
	in.to = to;
	in.signer = signer;
	if (unit && in.kind != REPORT_ASSESSMENT) {
		fprintf(stderr, "cyberduty: --unit is for the assessment results only\n");
		return EXIT_ERROR;
	}
	in.unit = unit;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = policy_get(s, &pol, &d);
	if (!rc && !(ar = arena_new(0)))
		rc = cd_diag_set(&d, CD_ENOMEM, "out of memory");
	if (!rc) {
		cli_act_on(s, ar, &d, &a, actor, sizeof actor);
		a.pol = pol;
		rc = svc_report(&a, &in);
		if (rc)
			cli_act_option(&d, a.field,
				       a.field && !strcmp(a.field, "id") ? "NO" : NULL);
	}
	arena_free(ar);
	policy_put(pol);
	store_close(s);
	profile_free(p);
	if (rc)
		return rc == CD_EINVAL || rc == CD_ENOTFOUND ? cli_fail_input(rc, &d)
							     : cli_fail(rc, &d);
	printf("%s\n", in.path);
	return EXIT_CLEAN;
}
