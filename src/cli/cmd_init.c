/* cmd_init.c — `cyberduty init --profile ID|FILE [--reporter-type T] --db PATH`: creates the
 * database, records the policy profile it lives by (svc_profile_set: a later init with another
 * profile records a new version), the organisation's reporter type when given (the 2025
 * reporting measures; `settings reporter_type` changes it later) and gives a fresh install its
 * first account, the system administrator, without a password. */
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "profile/profile_load.h"
#include "svc/accounts.h"
#include "svc/setup.h"
#include "svc/work.h"

int cmd_init(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	struct act c;
	char actor[128];
	bool changed = false, first = false, made = false, keyed = false;
	char keyfile[4096];
	const char *reporter = NULL;
	const struct cli_field fields[] = {{"--reporter-type", &reporter}, {NULL, NULL}};
	int r = -1;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_PROFILE, fields, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (reporter && (r = reporter_parse(reporter)) < 0) {
		fprintf(stderr, "cyberduty: init: --reporter-type: \"%s\" is not cii, central_organ "
				"or other\n",
			reporter);
		return EXIT_ERROR;
	}
	if (!o.profile) {
		fprintf(stderr, "cyberduty: init needs --profile (one of `cyberduty profile list`, "
				"or a profile file)\n");
		return EXIT_ERROR;
	}
	rc = profile_open(o.profile, &p, &d);
	if (!rc)
		rc = store_open(o.db, STORE_CREATE, &s, &d);
	cli_act_on(s, NULL, &d, &c, actor, sizeof actor);
	if (!rc) { /* the audit key first: every entry from here on is keyed */
		struct audit_entry by = {.at = c.now, .actor = c.actor, .ip = c.ip};

		rc = audit_key_create(s, &by, &keyed, &d);
	}
	if (!rc) { /* TOTP keys kept raw (an older database): sealed under the key */
		size_t n = 0;

		if (!(rc = account_totp_seal_all(s, &n, &d)) && n)
			printf("second factors sealed under the audit key: %zu accounts\n", n);
	}
	if (keyed && audit_key_path(s, keyfile, sizeof keyfile))
		printf("audit key made: %s (readable only by this user, who runs the service; back "
		       "it up apart from the database — docs/audit.md)\n",
		       keyfile);
	if (!rc)
		rc = svc_profile_set(&c, p, &changed, &first);
	if (!rc && !changed)
		printf("%s already lives by %s (version %d); nothing to do\n", o.db, p->id,
		       p->version);
	else if (!rc)
		printf("%s: %s profile %s (version %d): %s\n", o.db,
		       first ? "initialised with" : "switched to", p->id, p->version, p->name);
	if (!rc && r >= 0 && !(rc = svc_reporter_type_set(&c, r)))
		printf("reporter type: %s\n", reporter_code((enum reporter)r));
	if (!rc) /* a fresh install's first administrator, signing in only once given a password */
		rc = account_bootstrap(s, c.now, &made, &d);
	if (made)
		printf("account %s (system administrator) created without a password: set one with "
		       "`cyberduty user passwd %s --db %s`, then its second factor with `cyberduty "
		       "user totp %s --db %s`\n",
		       ACCOUNT_FIRST, ACCOUNT_FIRST, o.db, ACCOUNT_FIRST, o.db);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
