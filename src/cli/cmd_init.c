/* cmd_init.c — `cyberduty init --profile ID|FILE --db PATH`: creates the database, records the
 * policy profile it lives by (a later init with another profile records a new version) with its
 * audit entry, and gives a fresh install its first account, the system administrator, without a
 * password. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "profile/profile_load.h"
#include "svc/accounts.h"
#include "svc/book.h"

int cmd_init(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct store *s = NULL;
	char *cur_id = NULL, *cur_src = NULL;
	size_t cur_len = 0;
	char today[11];
	bool first = false;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_PROFILE, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (!o.profile) {
		fprintf(stderr, "cyberduty: init needs --profile (one of `cyberduty profile list`, "
				"or a profile file)\n");
		return EXIT_ERROR;
	}
	rc = profile_open(o.profile, &p, &d);
	if (!rc)
		rc = store_open(o.db, STORE_CREATE, &s, &d);
	if (!rc) {
		rc = store_profile_get(s, &cur_id, &cur_src, &cur_len, &d);
		if (rc == CD_ENOTFOUND)
			rc = CD_OK;
	}
	if (!rc && cur_src && cur_len == p->source_len && !memcmp(cur_src, p->source, cur_len)) {
		printf("%s already lives by %s (version %d); nothing to do\n", o.db, p->id,
		       p->version);
	} else if (!rc) {
		rc = store_begin(s, &d);
		if (!rc)
			rc = store_profile_set(s, p->id, p->version, p->source, p->source_len,
					       date_format(cli_today(), today), &d);
		if (!rc)
			rc = book_start(s, cli_today(), &d);
		rc = cli_audit_commit(s, rc, "profile.set",
				      json_pack("{s:s, s:i, s:o}", "profile", p->id, "version",
						p->version, "was", cli_json_str(cur_id)),
				      &d, "profile:%s", p->id);
		if (!rc)
			printf("%s: %s profile %s (version %d): %s\n", o.db,
			       cur_id ? "switched to" : "initialised with", p->id, p->version,
			       p->name);
	}
	if (!rc) /* a fresh install's first administrator, signing in only once given a password */
		rc = account_bootstrap(s, cli_now(), &first, &d);
	if (first)
		printf("account %s (system administrator) created without a password: set one with "
		       "`cyberduty user passwd %s --db %s`, then its second factor with `cyberduty "
		       "user totp %s --db %s`\n",
		       ACCOUNT_FIRST, ACCOUNT_FIRST, o.db, ACCOUNT_FIRST, o.db);
	free(cur_id);
	free(cur_src);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}
