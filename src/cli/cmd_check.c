/* cmd_check.c — `cyberduty check [--as-of DATE] [--json]`: every responsibility gap of the
 * register under its profile. Exit 0 clean, 1 findings, 2 error. */
#include <jansson.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/check.h"
#include "io/finding_json.h"

static json_t *check_finding_json(const struct finding *f, const struct reg *reg)
{
	const struct unit *u = f->unit ? reg_unit(reg, f->unit) : NULL;
	const struct asset *a = f->asset ? reg_asset(reg, f->asset) : NULL;
	char msg[512];

	return finding_json(f, u ? u->code : NULL, a ? a->code : NULL,
			    check_describe(f, reg, msg, sizeof(msg)));
}

static int print_json(const struct check_result *res, const struct profile *p,
		      const struct reg *reg, cd_date as_of)
{
	char day[11];
	json_t *list = json_array();
	json_t *root;
	int rc;

	for (size_t i = 0; i < res->n; i++)
		json_array_append_new(list, check_finding_json(&res->v[i], reg));
	root = json_pack("{s:{s:s, s:i, s:s}, s:s, s:I, s:o}", "profile", "id", p->id, "version",
			 p->version, "name", p->name, "as_of", date_format(as_of, day), "count",
			 (json_int_t)res->n, "findings", list);
	if (!root)
		return -1;
	rc = json_dumpf(root, stdout, JSON_INDENT(2));
	json_decref(root);
	putchar('\n');
	return rc;
}

static void print_text(const struct check_result *res, const struct profile *p,
		       const struct reg *reg, cd_date as_of)
{
	size_t per_rule[CHECK__MAX] = {0};
	char day[26], msg[512], rule[96];

	printf("cyberduty check — %s (%s v%d), as of %s\n", p->name, p->id, p->version,
	       date_show(as_of, day));
	for (size_t i = 0; i < res->n; i++) {
		const struct finding *f = &res->v[i];

		per_rule[f->rule]++;
		printf("  %s %s  [%s]\n",
		       cli_cell(rule, sizeof rule,
				lang_pick(check_rule_code(f->rule), check_rule_label(f->rule)), 17),
		       check_describe(f, reg, msg, sizeof(msg)), f->article);
	}
	if (!res->n) {
		printf("no gaps: every required role is held, every asset has an answering unit, "
		       "MLPS filing and assessment are up to date\n");
		return;
	}
	printf("%zu finding%s:", res->n, res->n == 1 ? "" : "s");
	for (int r = 0; r < CHECK__MAX; r++)
		if (per_rule[r])
			printf(" %zu %s", per_rule[r],
			       lang_pick(check_rule_code((enum check_rule)r),
					 check_rule_label((enum check_rule)r)));
	printf("\n");
}

int cmd_check(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct reg *reg = NULL;
	struct check_result res = {0};
	size_t n;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	if (!rc)
		rc = check_run(p, reg, o.as_of, &res);
	if (!rc) {
		if (o.json) {
			if (print_json(&res, p, reg, o.as_of))
				rc = cd_diag_set(&d, CD_ENOMEM, "out of memory writing JSON");
		} else {
			print_text(&res, p, reg, o.as_of);
		}
	}
	reg_free(reg);
	store_close(s);
	profile_free(p);
	n = res.n;
	check_result_free(&res);
	if (rc)
		return cli_fail(rc, &d);
	return n ? EXIT_FINDINGS : EXIT_CLEAN;
}
