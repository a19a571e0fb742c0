/* cmd_demo.c — `cyberduty demo --db PATH [--profile ID]`: initialises the database if needed,
 * fills an empty register with a realistic organisation for its profile, gives it a sign-in for
 * every role and prints those sign-ins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/reg.h"
#include "demo/demo.h"
#include "profile/profile_load.h"

/* print_logins shows the demo's sign-ins (published: the demo is for 127.0.0.1 only). */
static void print_logins(const struct profile *p)
{
	struct demo_login v[DEMO_LOGINS];
	size_t n = demo_logins(p, v);

	printf("\nDemo logins (for 127.0.0.1 only — these passwords and keys are public):\n");
	printf("  NAME         ROLE         SCOPE   PASSWORD         TOTP KEY (base32)\n");
	for (size_t i = 0; i < n; i++)
		printf("  %-12s %-12s %-7s %-16s %s\n", v[i].name, account_role_code(v[i].role),
		       v[i].unit ? v[i].unit : "-", v[i].password, v[i].totp ? v[i].totp : "-");
	printf("The administrators sign in with a TOTP code as well: add the key to an "
	       "authenticator app, or run `oathtool --totp -b KEY`.\n");
}

int cmd_demo(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct reg *reg = NULL;
	char today[11];
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_PROFILE | OPT_AS_OF, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = store_open(o.db, STORE_CREATE, &s, &d);
	if (!rc) {
		char *id = NULL, *src = NULL;
		size_t len = 0;

		rc = store_profile_get(s, &id, &src, &len, &d);
		if (rc == CD_ENOTFOUND) {
			/* a fresh database: initialise it with the requested profile */
			rc = profile_open(o.profile ? o.profile : "imnu-2022", &p, &d);
			if (!rc)
				rc = store_profile_set(s, p->id, p->version, p->source,
						       p->source_len, date_format(cli_today(), today),
						       &d);
		} else if (!rc) {
			rc = profile_load_buffer(src, len, o.db, &p, &d);
			if (!rc && o.profile && strcmp(o.profile, p->id))
				rc = cd_diag_set(&d, CD_ECONFLICT,
						 "%s lives by profile %s; use a new database for a "
						 "%s demo",
						 o.db, p->id, o.profile);
		}
		free(id);
		free(src);
	}
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	if (!rc && (reg->nunits || reg->npeople || reg->nassets))
		rc = cd_diag_set(&d, CD_ECONFLICT,
				 "%s already holds a register; the demo needs an empty one", o.db);
	if (!rc)
		rc = demo_build(s, p, o.as_of, &d);
	if (!rc)
		rc = demo_deadlines(s, p, o.as_of, &d);
	if (!rc)
		rc = demo_incidents(s, p, o.as_of, &d);
	if (!rc)
		rc = demo_assess(s, p, o.as_of, &d);
	if (!rc)
		rc = demo_accounts(s, p, cli_now(), &d);
	if (!rc)
		rc = demo_notify(s, cli_now(), &d);
	reg_free(reg);
	reg = NULL;
	if (!rc)
		rc = store_reg_load(s, &reg, &d);
	/* a summary of the organisation made; each record of it has its own act's entry */
	if (!rc)
		rc = cli_audit_record(s, "demo.create",
				      json_pack("{s:s, s:I, s:I, s:I, s:I}", "profile", p->id, "units",
						(json_int_t)reg->nunits, "people",
						(json_int_t)reg->npeople, "duties",
						(json_int_t)reg->nduties, "assets",
						(json_int_t)reg->nassets),
				      &d, "demo:%s", p->id);
	if (!rc)
		printf("%s: demo organisation for %s: %zu units, %zu people, %zu duties, %zu "
		       "assets\n",
		       o.db, p->id, reg->nunits, reg->npeople, reg->nduties, reg->nassets);
	if (!rc)
		print_logins(p);
	reg_free(reg);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
