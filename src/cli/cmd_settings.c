/* cmd_settings.c — `cyberduty settings [KEY [VALUE]]`: the security settings of sign-in
 * (password length and age, lock-out, session timeouts) and the organisation's reporter type
 * (reporter_type: cii, central_organ, other or none — the 2025 reporting measures' deadline)
 * and whether a notice's feedback waits for the unit leader's approval (feedback_approval: on
 * or off — 请示报告):
 * all of them, one, or one set. Exit 0 done, 2 an unknown key or a value out of range (nothing
 * written), 1 any other failure. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/accounts.h"
#include "svc/act.h"
#include "svc/work.h"

#define REPORTER_KEY POLICY_REPORTER_TYPE

/* reporter_setting: `settings reporter_type [VALUE]` (VALUE none unsets it). */
static enum cd_err reporter_setting(struct act *c, const char *value)
{
	int r = -1;
	enum cd_err rc;

	if (value && strcmp(value, "none") && (r = reporter_parse(value)) < 0)
		return cd_diag_set(c->d, CD_EINVAL,
				   "reporter_type: \"%s\" is not cii, central_organ, other or none",
				   value);
	if (value && (rc = svc_reporter_type_set(c, r)))
		return rc;
	if ((rc = svc_reporter_type_get(c, &r)))
		return rc;
	printf(value ? "reporter_type = %s\n" : "%s\n",
	       r >= 0 ? reporter_code((enum reporter)r) : "none");
	return CD_OK;
}

/* approval_setting: `settings feedback_approval [on|off]`. */
static enum cd_err approval_setting(struct act *c, const char *value)
{
	bool on = false;
	enum cd_err rc;

	if (value && strcmp(value, "on") && strcmp(value, "off"))
		return cd_diag_set(c->d, CD_EINVAL, "feedback_approval: give on or off");
	if (value && (rc = svc_feedback_approval_set(c, !strcmp(value, "on"))))
		return rc;
	if ((rc = svc_feedback_approval_get(c, &on)))
		return rc;
	printf(value ? "feedback_approval = %s\n" : "%s\n", on ? "on" : "off");
	return CD_OK;
}

int cmd_settings(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct account_settings st;
	const struct account_setting_def *def;
	struct act c;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 2, usage, &o))
		return EXIT_ERROR;
	rc = store_open(o.db, 0, &s, &d);
	cli_act_on(s, NULL, &d, &c, actor, sizeof actor);
	if (!rc && o.npos >= 1 && !strcmp(o.pos[0], REPORTER_KEY)) {
		rc = reporter_setting(&c, o.npos == 2 ? o.pos[1] : NULL);
		store_close(s);
		return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
	}
	if (!rc && o.npos >= 1 && !strcmp(o.pos[0], POLICY_FEEDBACK_APPROVAL)) {
		rc = approval_setting(&c, o.npos == 2 ? o.pos[1] : NULL);
		store_close(s);
		return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
	}
	if (!rc && o.npos == 2)
		rc = svc_settings_update(&c, &(struct setting_change){o.pos[0], o.pos[1]}, 1, &st);
	else if (!rc)
		rc = account_settings_get(s, &st, &d);
	if (!rc && o.npos == 1) {
		int i = account_setting_index(o.pos[0], &d);

		if (i < 0)
			rc = CD_ENOTFOUND;
		else
			printf("%d\n", account_setting_value(&st, (size_t)i));
	} else if (!rc && o.npos == 2) {
		printf("%s = %s\n", o.pos[0], o.pos[1]);
	} else if (!rc && o.json) {
		cli_json_dump(svc_settings_json(&st));
	} else if (!rc) {
		for (size_t i = 0; (def = account_setting_def(i)); i++)
			printf("%-24s %5d   %s [default %d; %d … %d%s]\n", def->key,
			       account_setting_value(&st, i), lang_tr(def->what), def->dflt,
			       def->min, def->max, def->zero_ok ? lang_pick(" or 0", " 或 0") : "");
		int r = -1;

		if (!(rc = svc_reporter_type_get(&c, &r)))
			printf("%-24s %5s   who reports incidents (2025 measures: cii 1 h, "
			       "central_organ 2 h, other 4 h); none: not known, incidents warn and use "
			       "other\n",
			       REPORTER_KEY, r >= 0 ? reporter_code((enum reporter)r) : "none");
		bool on = false;

		if (!rc && !(rc = svc_feedback_approval_get(&c, &on)))
			printf("%-24s %5s   a notice's feedback waits for the unit leader's approval "
			       "(请示报告)\n",
			       POLICY_FEEDBACK_APPROVAL, on ? "on" : "off");
	}
	store_close(s);
	return rc ? cli_fail_input(rc, &d) : EXIT_CLEAN;
}
