/* cmd_token.c — `cyberduty token create|list|revoke`: API tokens for integrations (an external
 * monitoring platform pushing notices), each with a business role and a unit scope, shown once
 * and stored hashed. Exit 0 done, 2 bad input (nothing written), 1 any other failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "cli/cli.h"
#include "svc/accounts.h"
#include "svc/act.h"

static const char *token_state(const struct api_token *t, cd_time now)
{
	if (t->revoked_at != CD_TIME_NONE)
		return "revoked";
	if (t->expires_at != CD_TIME_NONE && now >= t->expires_at)
		return "expired";
	return "live";
}

static int token_create(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	const char *role_s, *unit_s, *label, *expires, *account;
	const struct cli_field f[] = {{"--account", &account},
				      {"--role", &role_s},
				      {"--unit", &unit_s},
				      {"--label", &label},
				      {"--expires", &expires},
				      {NULL, NULL}};
	struct token_new in = {.label = NULL, .role = AR_NONE, .expires_at = CD_TIME_NONE};
	cd_date day = CD_DATE_NONE;
	struct api_token t;
	struct act c;
	char token[TOKEN_LEN + 1] = "", actor[128], at[26];
	enum cd_err rc = CD_OK;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &o))
		return EXIT_ERROR;
	if ((account ? role_s || unit_s : !role_s || !unit_s) || !label) {
		fprintf(stderr, "cyberduty: token create needs --account NAME (its role and scope) "
				"or --role ROLE and --unit CODE, and --label TEXT\nusage: cyberduty "
				"%s\n",
			usage);
		return EXIT_ERROR;
	}
	if (expires && !date_parse(expires, &day))
		rc = cd_diag_set(&d, CD_EINVAL, "--expires wants a date YYYY-MM-DD, not \"%s\"",
				 expires);
	if (day != CD_DATE_NONE)
		in.expires_at = time_cst_end(day); /* good through that day, China Standard Time */
	in.label = label;
	in.unit = unit_s;
	in.account = account;
	if (!rc && role_s)
		rc = cli_role("--role", role_s, &in.role, &d);
	if (!rc)
		rc = store_open(o.db, 0, &s, &d);
	cli_act_on(s, NULL, &d, &c, actor, sizeof actor);
	if (!rc && (rc = svc_token_create(&c, &in, &t, token)))
		cli_act_option(&d, c.field,
			       c.field && !strcmp(c.field, "expires_on") ? "--expires" : NULL);
	if (!rc) {
		printf("API token %lld created: %s (%s), scope %s, \"%s\", %s%s\n", (long long)t.id,
		       account_role_code(t.role), account_role_label(t.role),
		       account ? account : unit_s, t.label,
		       t.expires_at == CD_TIME_NONE ? "no expiry" : "expires ",
		       t.expires_at == CD_TIME_NONE ? "" : time_show(t.expires_at, at));
		printf("It is shown this once only; give it to the integration as "
		       "\"Authorization: Bearer TOKEN\":\n%s\n",
		       token);
	}
	secret_wipe(token, sizeof(token));
	store_close(s);
	return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
}

static int token_list(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct reg *reg = NULL;
	struct api_token *v = NULL;
	size_t n = 0;
	cd_time now = cli_now();
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = store_open(o.db, 0, &s, &d);
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	if (!rc)
		rc = account_token_list(s, &v, &n, &d);
	if (!rc && o.json) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(
				arr, json_pack("{sI ss ss ss ss so so so ss}", "id",
					       (json_int_t)v[i].id, "label", v[i].label, "role",
					       account_role_code(v[i].role), "unit",
					       cli_unit_code(reg, v[i].unit), "created_by",
					       v[i].created_by, "created_at",
					       jnull_time(v[i].created_at), "expires_at",
					       jnull_time(v[i].expires_at), "revoked_at",
					       jnull_time(v[i].revoked_at), "state",
					       token_state(&v[i], now)));
		cli_json_dump(arr);
	} else if (!rc) {
		printf("ID   STATE    ROLE             SCOPE      EXPIRES              LABEL\n");
		for (size_t i = 0; i < n; i++) {
			static const char *const zh[][2] = {
				{"revoked", "已吊销"}, {"expired", "已过期"}, {"live", "有效"}};
			const char *st = token_state(&v[i], now);
			char t[26], state[32], role[64], scope[96], exp[64];

			for (size_t k = 0; k < sizeof zh / sizeof *zh; k++)
				if (!strcmp(st, zh[k][0]))
					st = lang_pick(st, zh[k][1]);
			printf("%-4lld %s %s %s %s %s\n", (long long)v[i].id,
			       cli_cell(state, sizeof state, st, 8),
			       cli_cell(role, sizeof role,
					lang_pick(account_role_code(v[i].role),
						  account_role_label(v[i].role)),
					16),
			       cli_cell(scope, sizeof scope, cli_unit_code(reg, v[i].unit), 10),
			       cli_cell(exp, sizeof exp,
					v[i].expires_at == CD_TIME_NONE
						? "-"
						: time_show(v[i].expires_at, t),
					20),
			       v[i].label);
		}
	}
	free(v);
	reg_free(reg);
	store_close(s);
	return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
}

static int token_revoke(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct act c;
	char *end = NULL, actor[128];
	long long id;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 1, 1, usage, &o))
		return EXIT_ERROR;
	id = strtoll(o.pos[0], &end, 10);
	if (id <= 0 || !end || *end) {
		fprintf(stderr, "cyberduty: a token is revoked by its id (a number: `cyberduty "
				"token list`), not \"%s\"\n",
			o.pos[0]);
		return EXIT_ERROR;
	}
	rc = store_open(o.db, 0, &s, &d);
	cli_act_on(s, NULL, &d, &c, actor, sizeof actor);
	if (!rc)
		rc = svc_token_revoke(&c, id);
	if (!rc)
		printf("API token %lld revoked\n", id);
	store_close(s);
	return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
}

static const struct cli_sub subs[] = {
	{"create", token_create,
	 "token create (--account NAME | --role ROLE --unit CODE) --label TEXT [--expires YYYY-MM-DD] [--db PATH]"},
	{"list", token_list, "token list [--json] [--db PATH]"},
	{"revoke", token_revoke, "token revoke ID [--db PATH]"},
};

int cmd_token(int argc, char **argv, const char *usage)
{
	return cli_dispatch(argc, argv, "token", usage, subs, sizeof(subs) / sizeof(subs[0]));
}
