/* cmd_export.c — `cyberduty export KIND [--format csv|xlsx] [--lang zh|en] [--output FILE]`:
 * the register (KIND units … projects), the records of meetings, drills, training (records),
 * today's obligations (deadlines), the notices, the gaps, the incidents, or the audit log (audit,
 * with --action and --actor to select) as a spreadsheet a clerk can open (CSV with BOM, or XLSX;
 * Chinese headers and values, English with --lang en), svc_export reading the store a page at
 * a time. Each list takes its list's filters and exports exactly what they select: the assets
 * the asset list's (svc_asset_filters, read by svc_asset_filter_set as `report ledger` and the
 * API do), the notices --state and --unit, the deadlines --state, --unit and --year, the gaps
 * --rule (struct export_sel). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "svc/register.h"
#include "svc/transfer.h"

#define NFILTERS 8 /* svc_asset_filters */

/* the lists each option filters: bits of 1 << enum export_list, ASSETS for the assets */
#define ASSETS (1u << 31)
#define LIST(l) (1u << (l))

/* given: the first option of fields[0..n) given that does not filter list `on`, else NULL */
static const char *not_for(const struct cli_field *fields, const unsigned *lists, size_t n,
			   unsigned on)
{
	for (size_t i = 0; i < n; i++)
		if (*fields[i].value && !(lists[i] & on))
			return fields[i].name;
	return NULL;
}

int cmd_export(int argc, char **argv, const char *usage)
{
	const char *lang = NULL, *state = NULL, *year = NULL, *rule = NULL, *filter[NFILTERS] = {NULL};
	struct store_audit_filter af = {0};
	struct cli_field fields[7 + NFILTERS] = {{"--lang", &lang},   {"--action", &af.action},
						 {"--actor", &af.actor}, {"--state", &state},
						 {"--year", &year},   {"--rule", &rule}};
	unsigned lists[7 + NFILTERS] = {~0u,
					LIST(EXPORT_AUDIT),
					LIST(EXPORT_AUDIT),
					LIST(EXPORT_NOTICES) | LIST(EXPORT_DEADLINES),
					LIST(EXPORT_DEADLINES),
					LIST(EXPORT_GAPS)};
	struct asset_query aq = {.kind = -1, .status = -1, .mlps_level = -1, .cii = -1};
	struct export_sel sel = {.state = -1, .rule = -1};
	const char *unit = NULL, *wrong;
	size_t nf = 6;
	unsigned on;
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
	bool any = false;
	enum cd_err rc;

	/* the asset list's filters by their options; --unit is the notices' and deadlines' too */
	for (size_t i = 0; i < NFILTERS && svc_asset_filters[i].name; i++) {
		lists[nf] = ASSETS;
		if (!strcmp(svc_asset_filters[i].name, "unit"))
			lists[nf] |= LIST(EXPORT_NOTICES) | LIST(EXPORT_DEADLINES);
		fields[nf++] = (struct cli_field){svc_asset_filters[i].option, &filter[i]};
	}
	fields[nf] = (struct cli_field){NULL, NULL};
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
	on = in.list == EXPORT_REGISTER && kind == CSV_ASSETS ? ASSETS
	     : in.list == EXPORT_REGISTER && kind == CSV_NOTICES ? LIST(EXPORT_NOTICES)
								  : LIST(in.list);
	if ((wrong = not_for(fields, lists, nf, on))) {
		fprintf(stderr, "cyberduty: %s is not a filter of the %s list\nusage: cyberduty %s\n",
			wrong, o.pos[0], usage);
		return EXIT_ERROR;
	}
	if (state && (sel.state = due_state_parse(state)) < 0) {
		fprintf(stderr, "cyberduty: --state: unknown state \"%s\" (use open, due_today, "
				"overdue, done_on_time, done_late or no_deadline)\n",
			state);
		return EXIT_ERROR;
	}
	if (rule && (sel.rule = check_rule_parse(rule)) < 0) {
		fprintf(stderr, "cyberduty: --rule: no rule \"%s\" (see `cyberduty check`)\n", rule);
		return EXIT_ERROR;
	}
	if (!cli_year(year, 1900, &sel.year))
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
	/* the assets: those the asset list's filters select, by their one parser */
	if (!rc && on == ASSETS && !(rc = cli_asset_filters(s, filter, &aq, &any, &d)) && any)
		in.filter = &aq;
	for (size_t i = 0; on != ASSETS && i < NFILTERS && svc_asset_filters[i].name; i++)
		if (!strcmp(svc_asset_filters[i].name, "unit"))
			unit = filter[i];
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
		if (unit)
			rc = act_id_of(&a, SK_UNIT, unit, "--unit", &sel.unit);
	}
	if (!rc) {
		in.sel = &sel;
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
