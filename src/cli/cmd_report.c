/* cmd_report.c — `cyberduty report annual|feedback NO|recommendation CODE|duties|ledger|assessment
 * [--year Y] [--unit U] [--docno 〔2026〕7号] [--to ADDRESSEE] [--signer NAME]
 * --format pdf|docx|xlsx -o FILE`: a document the office signs (svc_report), written to FILE,
 * with its audit entry. The ledger takes the asset list's filters as the API's ledger does
 * (svc_asset_filters: --kind, --status, --level, --cii, --unit, --text, --filed,
 * --assess-result), read by their one parser (svc_asset_filter_set). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "svc/register.h"
#include "svc/report.h"

#define NFILTERS 8 /* svc_asset_filters */

int cmd_report(int argc, char **argv, const char *usage)
{
	const char *year = NULL, *docno = NULL, *to = NULL, *out = NULL, *signer = NULL,
		   *unit = NULL, *filter[NFILTERS] = {NULL};
	struct cli_field fields[6 + NFILTERS] = {{"--year", &year},   {"--docno", &docno},
						 {"--to", &to},	      {"--signer", &signer},
						 {"-o", &out}};
	struct asset_query aq = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	const char *given = NULL;
	size_t nf = 5;
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	const struct policy *pol = NULL;
	struct arena *ar = NULL;
	struct report_in in = {0};
	struct act a;
	char actor[128];
	const char *fmt;
	int kind, f;
	bool any = false;
	enum cd_err rc;

	/* the ledger's filters are the asset list's, by their options (--unit too) */
	for (size_t i = 0; i < NFILTERS && svc_asset_filters[i].name; i++)
		fields[nf++] = (struct cli_field){svc_asset_filters[i].option, &filter[i]};
	fields[nf] = (struct cli_field){NULL, NULL};
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
	if (!cli_year(year, 2000, &in.year))
		return EXIT_ERROR;
	in.docno = docno;
	in.to = to;
	in.signer = signer;
	for (size_t i = 0; i < NFILTERS && svc_asset_filters[i].name; i++) {
		if (!filter[i])
			continue;
		if (!strcmp(svc_asset_filters[i].name, "unit") && in.kind == REPORT_ASSESSMENT)
			unit = filter[i];
		else if (in.kind != REPORT_LEDGER)
			given = svc_asset_filters[i].option;
	}
	if (given) {
		fprintf(stderr, "cyberduty: %s filters the ledger's systems: it is for the ledger "
				"only (and --unit for the assessment results)\n",
			given);
		return EXIT_ERROR;
	}
	in.unit = unit;
	rc = cli_open(&o, &s, &p, &d);
	/* the ledger: the systems the asset list's filters select */
	if (!rc && in.kind == REPORT_LEDGER && !(rc = cli_asset_filters(s, filter, &aq, &any, &d)) &&
	    any)
		in.filter = &aq;
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
