/* cmd_user.c — `cyberduty user add|passwd|list|show|role|lock|unlock|disable|enable|totp`: the
 * operator on the host keeps the accounts (what the system and security administrators do in the
 * web application; the way in for the first administrator of a fresh install). Exit 0 done, 2
 * bad input (one line saying what to fix; nothing written), 1 any other failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/secret.h"
#include "cli/cli.h"
#include "svc/accounts.h"
#include "svc/act.h"

#define LINE_MAX_BYTES 1100 /* a password line: account_password_check refuses over 1024 */

/* A user command's account: options, the store, the register (unit codes), the account named
 * by the first argument and the context of the act (svc/accounts.h) the command runs. */
struct uctx {
	struct cli_opts o;
	struct cd_diag d;
	struct store *s;
	struct reg *reg;
	struct account a;
	cd_time now;
	struct act act;
	char actor[128];
};

/* open_named opens the database and, unless `named` is false, finds the account pos[0]. */
static enum cd_err open_named(struct uctx *c, bool named)
{
	enum cd_err rc = store_open(c->o.db, 0, &c->s, &c->d);

	cli_act_on(c->s, NULL, &c->d, &c->act, c->actor, sizeof c->actor);
	c->now = c->act.now;
	if (!rc)
		rc = store_reg_load(c->s, &c->reg, &c->d);
	if (!rc && named)
		rc = account_by_name(c->s, c->o.pos[0], c->now, &c->a, &c->d);
	return rc;
}

static int close_ctx(struct uctx *c, enum cd_err rc)
{
	const char *field = c->act.field;

	/* a refusal about an option says so in the command line's words */
	if (rc && field && (!strcmp(field, "unit") || !strcmp(field, "display")))
		cli_act_option(&c->d, field, NULL);
	reg_free(c->reg);
	store_close(c->s);
	return rc ? cli_fail_input(rc, &c->d) : EXIT_CLEAN;
}

static const char *state_text(const struct account *a)
{
	if (a->disabled)
		return "disabled";
	if (a->locked)
		return "locked";
	if (!a->password_set)
		return "no password";
	if (a->password_expired)
		return "password expired";
	return "active";
}

/* state_label: state_text as a person reads it (Chinese, or the English words). */
static const char *state_label(const struct account *a)
{
	static const char *const zh[][2] = {{"disabled", "已停用"},	  {"locked", "已锁定"},
					    {"no password", "未设密码"}, {"password expired", "密码已过期"},
					    {"active", "正常"}};
	const char *code = state_text(a);

	for (size_t i = 0; i < sizeof zh / sizeof *zh; i++)
		if (!strcmp(code, zh[i][0]))
			return lang_pick(code, zh[i][1]);
	return code;
}

static json_t *account_json(const struct uctx *c, const struct account *a)
{
	return json_pack("{sI ss ss ss ss so sb sb sb sb so sb so so so ss}", "id",
			 (json_int_t)a->id, "name", a->name, "display", a->display, "role",
			 account_role_code(a->role), "role_label", account_role_label(a->role),
			 "unit", a->unit ? json_string(cli_unit_code(c->reg, a->unit)) : json_null(),
			 "password_set", a->password_set, "password_expired", a->password_expired,
			 "totp_enabled", a->totp_enabled, "locked", a->locked, "locked_ip",
			 jnull_str(a->locked_ip[0] ? a->locked_ip : NULL), "disabled", a->disabled,
			 "created_at", jnull_time(a->created_at), "password_changed_at",
			 jnull_time(a->password_changed_at), "last_login_at",
			 jnull_time(a->last_login_at), "state", state_text(a));
}

/* check_scope says what to give when --unit does not fit the role: administrators have no
 * unit; business roles need one (the organisation's root for all of it). */
static enum cd_err check_scope(struct uctx *c, enum account_role role, const char *unit_s)
{
	const char *root = "the organisation's root unit";

	for (size_t i = 0; i < c->reg->nunits; i++)
		if (!c->reg->units[i].parent && c->reg->units[i].kind != UNIT_EXTERNAL_AUTHORITY) {
			root = c->reg->units[i].code;
			break;
		}
	if (unit_s && account_role_admin(role))
		return cd_diag_set(&c->d, CD_EINVAL,
				   "--unit: %s is an administrator, who has no unit scope; leave "
				   "out --unit",
				   account_role_code(role));
	if (!unit_s && account_role_scoped(role))
		return cd_diag_set(&c->d, CD_EINVAL,
				   "role %s is scoped to a unit: give --unit CODE (%s for the whole "
				   "organisation)",
				   account_role_code(role), root);
	return CD_OK;
}

static int user_add(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	const char *role_s, *unit_s, *display;
	const struct cli_field f[] = {
		{"--role", &role_s}, {"--unit", &unit_s}, {"--display", &display}, {NULL, NULL}};
	enum account_role role = AR_NONE;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!role_s) {
		fprintf(stderr, "cyberduty: user add needs --role ROLE (none for an account the "
				"security administrator gives a role later)\n");
		return EXIT_ERROR;
	}
	rc = cli_role("--role", role_s, &role, &c.d);
	if (!rc)
		rc = open_named(&c, false);
	if (!rc)
		rc = check_scope(&c, role, unit_s);
	if (!rc)
		rc = svc_account_create(&c.act,
					&(struct account_new){.name = c.o.pos[0], .display = display,
							      .role = role, .unit = unit_s},
					&c.a);
	if (!rc)
		printf("account %s created: %s (%s), scope %s; no password yet: set one with "
		       "`cyberduty user passwd %s`\n",
		       c.a.name, account_role_code(role), account_role_label(role),
		       c.a.unit ? cli_unit_code(c.reg, c.a.unit) : "none", c.a.name);
	return close_ctx(&c, rc);
}

/* read_password: one line of standard input, or, on a terminal, the same password typed
 * twice without echo. */
static enum cd_err read_password(const char *name, char *pw, size_t n, struct cd_diag *d)
{
	char again[LINE_MAX_BYTES], q[128];
	enum cd_err rc;

	if (!isatty(STDIN_FILENO))
		return cli_read_line(stdin, pw, n, d);
	snprintf(q, sizeof(q), "New password for %s: ", name);
	rc = cli_prompt(q, pw, n, d);
	if (!rc)
		rc = cli_prompt("Again: ", again, sizeof(again), d);
	if (!rc && strcmp(pw, again))
		rc = cd_diag_set(d, CD_EINVAL, "the two passwords differ; nothing changed");
	secret_wipe(again, sizeof(again));
	return rc;
}

/* set_password: the password read from stdin (or asked twice at a terminal) given to the act —
 * svc_account_password (passwd) or svc_account_reset (reset, to be changed at the next sign-in);
 * the entry says that it changed, never what to. */
static int set_password(int argc, char **argv, const char *usage, bool reset)
{
	struct uctx c = {0};
	char pw[LINE_MAX_BYTES] = "";
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	rc = open_named(&c, true);
	if (!rc)
		rc = read_password(c.a.name, pw, sizeof(pw), &c.d);
	if (!rc)
		rc = reset ? svc_account_reset(&c.act, c.a.id, pw)
			   : svc_account_password(&c.act, c.a.id, pw);
	secret_wipe(pw, sizeof(pw));
	if (!rc && reset)
		printf("password of %s reset: it must be changed at the next sign-in\n", c.a.name);
	else if (!rc)
		printf("password of %s set%s\n", c.a.name,
		       account_role_admin(c.a.role) && !c.a.totp_enabled
			       ? "; an administrator also needs a second factor: `cyberduty user "
				 "totp NAME`"
			       : "");
	return close_ctx(&c, rc);
}

static int user_passwd(int argc, char **argv, const char *usage)
{
	return set_password(argc, argv, usage, false);
}

/* user_reset: a password for the person to change at the next sign-in (the system
 * administrator's reset, as the web's accounts page does it) */
static int user_reset(int argc, char **argv, const char *usage)
{
	return set_password(argc, argv, usage, true);
}

static int user_list(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	struct account *v = NULL;
	size_t n = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	rc = open_named(&c, false);
	if (!rc)
		rc = account_list(c.s, c.now, &v, &n, &c.d);
	if (!rc && c.o.json) {
		json_t *arr = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(arr, account_json(&c, &v[i]));
		cli_json_dump(arr);
	} else if (!rc) {
		printf("ID   NAME                 ROLE             SCOPE      STATE            TOTP  "
		       "LAST SIGN-IN\n");
		for (size_t i = 0; i < n; i++) {
			char t[26], name[96], role[64], scope[96], state[64], totp[16];

			printf("%-4lld %s %s %s %s %s %s\n", (long long)v[i].id,
			       cli_cell(name, sizeof name, v[i].name, 20),
			       cli_cell(role, sizeof role,
					lang_pick(account_role_code(v[i].role),
						  account_role_label(v[i].role)),
					16),
			       cli_cell(scope, sizeof scope, cli_unit_code(c.reg, v[i].unit), 10),
			       cli_cell(state, sizeof state, state_label(&v[i]), 16),
			       cli_cell(totp, sizeof totp,
					v[i].totp_enabled ? lang_pick("yes", "是") : lang_pick("no", "否"),
					5),
			       v[i].last_login_at == CD_TIME_NONE
				       ? "-"
				       : time_show(v[i].last_login_at, t));
		}
	}
	free(v);
	return close_ctx(&c, rc);
}

static int user_show(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	enum cd_err rc;
	char t[26];

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	rc = open_named(&c, true);
	if (!rc && c.o.json) {
		cli_json_dump(account_json(&c, &c.a));
	} else if (!rc) {
		printf("account      %s (id %lld)%s%s\n", c.a.name, (long long)c.a.id,
		       c.a.display[0] ? " — " : "", c.a.display);
		printf("role         %s (%s)\n", account_role_code(c.a.role),
		       account_role_label(c.a.role));
		printf("scope        %s\n", c.a.unit ? cli_unit_code(c.reg, c.a.unit)
						 : "none (no unit: the whole organisation or none)");
		printf("state        %s", state_label(&c.a));
		if (c.a.locked)
			printf(" (%s%s)", c.a.locked_ip[0] ? "by failed sign-ins from " : "by hand",
			       c.a.locked_ip);
		printf("\npassword     %s", c.a.password_set ? "set " : "not set");
		if (c.a.password_set)
			printf("%s%s", time_show(c.a.password_changed_at, t),
			       c.a.password_expired ? " (expired: must be changed)" : "");
		printf("\nTOTP         %s\n", c.a.totp_enabled ? "enabled" : "not enabled");
		printf("created      %s\n", time_show(c.a.created_at, t));
		printf("last sign-in %s\n", c.a.last_login_at == CD_TIME_NONE
						    ? "never"
						    : time_show(c.a.last_login_at, t));
	}
	return close_ctx(&c, rc);
}

static int user_role(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	const char *unit_s;
	const struct cli_field f[] = {{"--unit", &unit_s}, {NULL, NULL}};
	enum account_role role = AR_NONE;
	int64_t pending = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 2, 2, usage, &c.o))
		return EXIT_ERROR;
	rc = cli_role("role", c.o.pos[1], &role, &c.d);
	if (!rc)
		rc = open_named(&c, true);
	if (!rc && !unit_s && account_role_scoped(role) && c.a.unit)
		unit_s = cli_unit_code(c.reg, c.a.unit); /* a new business role keeps the scope */
	else if (!rc)
		rc = check_scope(&c, role, unit_s);
	/* the host's owner makes it at once; in an account's name (--as) an administrator's role is
	 * proposed, for the system administrator to agree to, as through the API */
	if (!rc)
		rc = svc_account_role_ask(&c.act, c.a.id, role, unit_s, &c.a, &pending);
	if (!rc && pending)
		printf("proposed: %s to become %s (%s), change %lld; made when the system "
		       "administrator agrees\n",
		       c.a.name, account_role_code(role), account_role_label(role),
		       (long long)pending);
	else if (!rc)
		printf("%s is now %s (%s), scope %s; its sessions have ended\n", c.a.name,
		       account_role_code(role), account_role_label(role),
		       c.a.unit ? cli_unit_code(c.reg, c.a.unit) : "none");
	return close_ctx(&c, rc);
}

/* user lock|unlock|disable|enable NAME: one flag, by the subcommand's name. */
static int user_flag(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	bool lock = !strcmp(argv[0], "lock") || !strcmp(argv[0], "unlock");
	bool on = !strcmp(argv[0], "lock") || !strcmp(argv[0], "disable");
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	rc = open_named(&c, true);
	if (!rc)
		rc = svc_account_update(&c.act, c.a.id,
					&(struct account_flags){.locked = lock ? on : -1,
								.disabled = lock ? -1 : on},
					&c.a);
	if (!rc)
		printf("%s %s%s\n", c.a.name,
		       lock ? (on ? "locked" : "unlocked (failed sign-ins forgotten)")
			    : (on ? "disabled" : "enabled"),
		       on ? "; its sessions have ended" : "");
	return close_ctx(&c, rc);
}

static int user_totp(int argc, char **argv, const char *usage)
{
	struct uctx c = {0};
	const char *confirm;
	const struct cli_field f[] = {{"--confirm", &confirm}, {NULL, NULL}};
	char secret[64], uri[256];
	bool disable;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_DISABLE, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	disable = c.o.disable;
	if (confirm && disable) {
		fprintf(stderr, "cyberduty: give --confirm CODE or --disable, not both\nusage: "
				"cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	rc = open_named(&c, true);
	if (!rc && confirm)
		rc = svc_account_totp_confirm(&c.act, c.a.id, confirm);
	else if (!rc && disable)
		rc = svc_account_totp_clear(&c.act, c.a.id);
	else if (!rc) /* the key itself never goes into the log */
		rc = svc_account_totp_begin(&c.act, c.a.id, secret, uri);
	if (!rc && confirm)
		printf("TOTP second factor of %s enabled\n", c.a.name);
	else if (!rc && disable)
		printf("TOTP second factor of %s removed\n", c.a.name);
	else if (!rc) {
		printf("New TOTP key for %s (shown once; the one in force, if any, stays until this "
		       "one is confirmed).\nAdd it to an authenticator app, by the key or the URI:\n"
		       "  key  %s\n  uri  %s\nthen confirm it with the code the app shows:\n"
		       "  cyberduty user totp %s --confirm CODE\n",
		       c.a.name, secret, uri, c.a.name);
		secret_wipe(secret, sizeof(secret));
		secret_wipe(uri, sizeof(uri));
	}
	return close_ctx(&c, rc);
}

static const struct cli_sub subs[] = {
	{"add", user_add, "user add NAME --role ROLE [--unit CODE] [--display TEXT] [--db PATH]"},
	{"passwd", user_passwd, "user passwd NAME [--db PATH]   (the new password: one line on stdin)"},
	{"reset", user_reset,
	 "user reset NAME [--db PATH]   (a password to change at the next sign-in: one line on stdin)"},
	{"list", user_list, "user list [--json] [--db PATH]"},
	{"show", user_show, "user show NAME [--json] [--db PATH]"},
	{"role", user_role, "user role NAME ROLE [--unit CODE] [--db PATH]"},
	{"lock", user_flag, "user lock NAME [--db PATH]"},
	{"unlock", user_flag, "user unlock NAME [--db PATH]"},
	{"disable", user_flag, "user disable NAME [--db PATH]"},
	{"enable", user_flag, "user enable NAME [--db PATH]"},
	{"totp", user_totp, "user totp NAME [--confirm CODE | --disable] [--db PATH]"},
};

int cmd_user(int argc, char **argv, const char *usage)
{
	return cli_dispatch(argc, argv, "user", usage, subs, sizeof(subs) / sizeof(subs[0]));
}
