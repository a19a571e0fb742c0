/* as.c — the command line acting in an account's own name (`--as ACCOUNT`, issue 13 item 12):
 * the account's password (and its second factor's code) checked as a sign-in is — throttled per
 * client, counted towards the lock-out, a failure audited — and then every act of the command is
 * recorded under the account's name, allowed only where the API allows the account's role the
 * same act, within the account's unit scope. Without --as an act is the host owner's
 * ("cli:<OS user>", docs/accounts.md). */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "api/api.h"
#include "audit/audit.h"
#include "auth/secret.h"
#include "svc/accounts.h"

#define SECRET_MAX 1100 /* a password line: account_password_check refuses over 1024 */

static struct account as_acct;
static bool as_on;

/* cli_read_line reads one line of at most n - 1 bytes from f into buf, without its line end.
 * CD_EINVAL when there is none or it is too long. */
enum cd_err cli_read_line(FILE *f, char *buf, size_t n, struct cd_diag *d)
{
	size_t len;

	if (!fgets(buf, (int)n, f))
		return cd_diag_set(d, CD_EINVAL,
				   "no password on standard input (give it as one line)");
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (len == n - 1)
		return cd_diag_set(d, CD_EINVAL, "the password line is too long");
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return CD_OK;
}

/* cli_prompt asks for a line on the terminal without echoing it. Echo goes off (and what was typed
 * ahead is dropped) before the question shows, so nothing typed after it is echoed. */
enum cd_err cli_prompt(const char *question, char *buf, size_t n, struct cd_diag *d)
{
	struct termios old, quiet;
	bool echo_off = tcgetattr(STDIN_FILENO, &old) == 0;
	enum cd_err rc;

	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		echo_off = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
	}
	fputs(question, stderr);
	fflush(stderr);
	rc = cli_read_line(stdin, buf, n, d);
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}
/* What may be done in an account's name: each command of the command line with the route of
 * the API that does the same act (the route's permission class decides, as in the API). A
 * command not listed is the host owner's only. */
static const struct {
	const char *cmd, *sub, *method, *path;
} as_cmds[] = {
	{"notice", "add", "POST", "/api/v1/notices"},
	{"notice", "list", "GET", "/api/v1/notices"},
	{"notice", "show", "GET", "/api/v1/notices/{id}"},
	{"notice", "start", "POST", "/api/v1/notices/{id}/start"},
	{"notice", "rectify", "POST", "/api/v1/notices/{id}/rectify"},
	{"notice", "feedback", "POST", "/api/v1/notices/{id}/feedback"},
	{"notice", "support", "POST", "/api/v1/notices/{id}/support"},
	{"notice", "approve", "POST", "/api/v1/notices/{id}/approve"},
	{"notice", "verify", "POST", "/api/v1/notices/{id}/verify"},
	{"notice", "extend", "POST", "/api/v1/notices/{id}/extend"},
	{"notice", "checked", "POST", "/api/v1/notices/{id}/checked"},
	{"notice", "edit", "PATCH", "/api/v1/notices/{id}"},
	{"user", "lock", "PATCH", "/api/v1/accounts/{id}"},
	{"user", "unlock", "PATCH", "/api/v1/accounts/{id}"},
	{"user", "disable", "PATCH", "/api/v1/accounts/{id}"},
	{"user", "enable", "PATCH", "/api/v1/accounts/{id}"},
	{"user", "role", "PUT", "/api/v1/accounts/{id}/role"},
	{"token", "revoke", "POST", "/api/v1/tokens/{id}/revoke"},
};

const struct account *cli_as_account(void)
{
	return as_on ? &as_acct : NULL;
}

/* secret: the password (code false) or the second factor's code (code true) of name: from
 * the file descriptor $CYBERDUTY_AS_FD (a line each, the password first), else from
 * $CYBERDUTY_AS_PASSWORD / $CYBERDUTY_AS_TOTP (removed from the environment once read), else
 * asked at the terminal without echo. */
static enum cd_err secret(const char *name, bool code, char *buf, size_t n, struct cd_diag *d)
{
	static FILE *fd_in;
	const char *fd = getenv("CYBERDUTY_AS_FD");
	const char *env = code ? "CYBERDUTY_AS_TOTP" : "CYBERDUTY_AS_PASSWORD";
	const char *v = getenv(env);
	char q[160];

	if (fd && *fd) {
		char *end;
		long k = strtol(fd, &end, 10);

		if (!fd_in && (*end || k < 0 || k > 1024 || !(fd_in = fdopen((int)k, "r"))))
			return cd_diag_set(d, CD_EINVAL,
					   "CYBERDUTY_AS_FD: no file descriptor %s to read from", fd);
		return cli_read_line(fd_in, buf, n, d);
	}
	if (v) {
		snprintf(buf, n, "%s", v);
		unsetenv(env);
		return CD_OK;
	}
	if (!isatty(STDIN_FILENO))
		return cd_diag_set(d, CD_EINVAL,
				   "--as: not at a terminal: give the password (and the code) in "
				   "CYBERDUTY_AS_PASSWORD (CYBERDUTY_AS_TOTP) or on the file "
				   "descriptor CYBERDUTY_AS_FD");
	snprintf(q, sizeof q, code ? lang_tr("Code of %s's second factor: ")
				    : lang_tr("Password of %s: "),
		 name);
	return cli_prompt(q, buf, n, d);
}

/* as_audit writes an entry of the command line acting in an account's name (after: {"via":
 * "cli", "reason": reason}) in a transaction of its own. */
static void as_audit(struct store *s, const char *actor, const char *action, const char *object,
		     const char *outcome, const char *reason)
{
	struct cd_diag d = {{0}};
	json_t *j = json_pack("{s:s, s:s}", "via", "cli", "reason", reason);
	char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	struct audit_entry e = {.at = cli_now(), .actor = actor, .ip = "", .action = action,
				.object = object, .after = after, .outcome = outcome};

	json_decref(j);
	if (audit_record(s, &e, &d))
		fprintf(stderr, "cyberduty: %s\n", d.msg);
	free(after);
}

/* login_audit writes the entry of a sign-in through the command line: ok, or denied with the
 * outcome's code (the name tried is the object only once the password was right, as the API
 * does). */
static void login_audit(struct store *s, const char *actor, const char *name, bool known,
			enum login_outcome o)
{
	char object[96];

	snprintf(object, sizeof object, "%s%s", known ? "account:" : "", known ? name : "");
	as_audit(s, actor, "session.login", object, o == LOGIN_OK ? AUDIT_OK : AUDIT_DENIED,
		 login_outcome_code(o));
}

/* sign_in checks name's password (and code) on the database db as a sign-in from the host's
 * OS user; *a the account when it may act. */
static bool sign_in(const char *db, const char *name, struct account *a)
{
	char pw[SECRET_MAX] = "", code[16] = "", actor[128], until[26];
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	enum login_outcome o = LOGIN_BAD;
	cd_time retry = 0;
	enum cd_err rc = store_open(db, 0, &s, &d);

	cli_actor(actor, sizeof actor);
	if (!rc)
		rc = secret(name, false, pw, sizeof pw, &d);
	/* the OS user is the client: its failures count as an address's do */
	if (!rc)
		rc = account_login(s, name, pw, NULL, actor, cli_now(), &o, &retry, a, &d);
	if (!rc && o == LOGIN_TOTP_REQUIRED && !(rc = secret(name, true, code, sizeof code, &d)))
		rc = account_login(s, name, pw, code, actor, cli_now(), &o, &retry, a, &d);
	secret_wipe(pw, sizeof pw);
	secret_wipe(code, sizeof code);
	if (rc) {
		store_close(s);
		fprintf(stderr, "cyberduty: %s\n", d.msg);
		return false;
	}
	/* a throttled attempt is not written one by one (the log must not be floodable) */
	if (o != LOGIN_THROTTLED)
		login_audit(s, actor, name, o != LOGIN_BAD, o);
	store_close(s);
	time_format(retry, until);
	switch (o) {
	case LOGIN_OK:
		if (!a->password_expired)
			return true;
		fprintf(stderr, "cyberduty: --as %s: the password has expired: change it first (the "
				"web application, or POST /api/v1/session/password)\n",
			name);
		return false;
	case LOGIN_THROTTLED:
		fprintf(stderr, "cyberduty: --as: too many failed sign-ins from %s: wait until %s\n",
			actor, until);
		return false;
	case LOGIN_LOCKED:
		if (retry)
			fprintf(stderr, "cyberduty: --as %s: the account is locked until %s\n", name,
				until);
		else
			fprintf(stderr, "cyberduty: --as %s: the account is locked until the system "
					"administrator unlocks it\n",
				name);
		return false;
	case LOGIN_DISABLED:
		fprintf(stderr, "cyberduty: --as %s: the account is disabled\n", name);
		return false;
	case LOGIN_TOTP_BAD:
		fprintf(stderr, "cyberduty: --as %s: the code is wrong or was used already\n", name);
		return false;
	case LOGIN_TOTP_ENROL:
		fprintf(stderr, "cyberduty: --as %s: an administrator needs a second factor: enrol "
				"one first\n",
			name);
		return false;
	default:
		fprintf(stderr, "cyberduty: --as: the name or the password is wrong\n");
		return false;
	}
}

/* db_of: the database the command will open — its --db, else $CYBERDUTY_DB, else the
 * default (cli_parse's rule). */
static const char *db_of(int argc, char **argv)
{
	const char *env = getenv("CYBERDUTY_DB");

	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--db"))
			return argv[i + 1];
	return env && *env ? env : "cyberduty.db";
}

bool cli_as(int *argc, char **argv)
{
	const char *name = NULL, *cmd, *sub;
	bool listed = false;
	int i;

	for (i = 1; i < *argc; i++)
		if (!strcmp(argv[i], "--as"))
			break;
	if (i == *argc)
		return true;
	if (i + 1 == *argc || !*argv[i + 1]) {
		fprintf(stderr, "cyberduty: --as wants an account's name\n");
		return false;
	}
	name = argv[i + 1];
	memmove(argv + i, argv + i + 2, (size_t)(*argc - i - 1) * sizeof *argv);
	*argc -= 2;
	cmd = *argc > 1 ? argv[1] : "";
	sub = *argc > 2 ? argv[2] : "";
	for (size_t k = 0; k < sizeof as_cmds / sizeof *as_cmds; k++)
		listed |= !strcmp(as_cmds[k].cmd, cmd) && !strcmp(as_cmds[k].sub, sub);
	if (!listed) {
		fprintf(stderr, "cyberduty: --as: `%s %s` is not done in an account's name (see "
				"docs/accounts.md for those that are); run it as the host's owner\n",
			cmd, sub);
		return false;
	}
	if (!sign_in(db_of(*argc, argv), name, &as_acct))
		return false;
	/* the role decides as the API's route decides; a refusal audited as the API audits it */
	for (size_t k = 0; k < sizeof as_cmds / sizeof *as_cmds; k++) {
		const char *action;
		struct store *s = NULL;
		struct cd_diag d = {{0}};

		if (strcmp(as_cmds[k].cmd, cmd) || strcmp(as_cmds[k].sub, sub) ||
		    api_route_role_may((int)as_acct.role, as_cmds[k].method, as_cmds[k].path,
				       &action))
			continue;
		fprintf(stderr, "cyberduty: --as %s: the role %s may not do this (%s %s)\n", name,
			account_role_code(as_acct.role), as_cmds[k].method, as_cmds[k].path);
		if (!store_open(db_of(*argc, argv), 0, &s, &d))
			as_audit(s, as_acct.name, action ? action : "read", "", AUDIT_DENIED,
				 "forbidden");
		store_close(s);
		return false;
	}
	as_on = true;
	return true;
}
