/* cmd_notify.c — `cyberduty notify run|list|test|channel|channels|rules|pref|inbox`: reminders
 * and notifications from the command line (docs/notifications.md) — one round of the scheduler
 * and the delivery for a systemd timer or cron, the outbox, the channels and a test message, the
 * rules, an account's choice of channels and its bell. Exit 0 done, 2 bad input (nothing
 * written), 1 a failure (a test message not taken, a round that failed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/secret.h"
#include "cli/cli.h"
#include "notify/notify.h"
#include "svc/act.h"
#include "svc/policy.h"

/* What every subcommand works with: its options and diagnostics, the store, an arena, the shared
 * policy and an act over them. */
struct run {
	struct cli_opts o;
	struct cd_diag d;
	struct store *s;
	struct arena *a;
	const struct policy *pol;
	struct act c;
	char actor[128];
};

/* open_act opens x->o's store and prepares an act over it with the shared policy. */
static enum cd_err open_act(struct run *x)
{
	enum cd_err rc = store_open(x->o.db, 0, &x->s, &x->d);

	if (!rc && !(x->a = arena_new(0)))
		rc = cd_diag_set(&x->d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = policy_get(x->s, &x->pol, &x->d);
	cli_act_on(x->s, x->a, &x->d, &x->c, x->actor, sizeof x->actor);
	x->c.pol = x->pol;
	return rc;
}

static void close_act(struct run *x)
{
	policy_put(x->pol);
	arena_free(x->a);
	store_close(x->s);
}

/* print_json prints the JSON value v (consumed). */
static void print_json(json_t *v)
{
	cli_json_dump(v);
}

static int notify_run(int argc, char **argv, const char *usage)
{
	const char *at_s = NULL;
	const struct cli_field f[] = {{"--at", &at_s}, {NULL, NULL}};
	struct run x = {.d = {{0}}};
	struct notify_sent sent = {0};
	size_t added = 0;
	cd_time at;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 0, 0, usage, &x.o) ||
	    !cli_time("--at", at_s, cli_now(), &at))
		return EXIT_ERROR;
	rc = open_act(&x);
	x.c.now = at;
	if (!rc)
		rc = notify_plan(&x.c, false, &added);
	if (!rc)
		rc = notify_deliver(x.s, at, &sent, &x.d);
	if (!rc && x.o.json)
		print_json(json_pack("{s:I, s:I, s:I, s:I, s:I}", "planned", (json_int_t)added,
				     "sent", (json_int_t)sent.sent, "retried",
				     (json_int_t)sent.retried, "dead", (json_int_t)sent.dead,
				     "deferred", (json_int_t)sent.deferred));
	else if (!rc)
		printf("notify: %zu new message(s) planned; %zu sent, %zu to retry, %zu dead, "
		       "%zu waiting for a rate limit\n",
		       added, sent.sent, sent.retried, sent.dead, sent.deferred);
	close_act(&x);
	return rc ? cli_fail(rc, &x.d) : EXIT_CLEAN;
}

static int notify_list(int argc, char **argv, const char *usage)
{
	const char *state = NULL, *limit_s = NULL;
	const struct cli_field f[] = {{"--state", &state}, {"--limit", &limit_s}, {NULL, NULL}};
	struct run x = {.d = {{0}}};
	json_t *v = NULL;
	char *end = NULL;
	long limit = limit_s ? strtol(limit_s, &end, 10) : 50;
	int64_t next = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 0, 0, usage, &x.o))
		return EXIT_ERROR;
	if (limit < 1 || limit > 1000 || (end && *end)) {
		fprintf(stderr, "cyberduty: notify list: --limit: give 1 to 1000\n");
		return EXIT_ERROR;
	}
	rc = open_act(&x);
	if (!rc && (rc = notify_outbox(&x.c, state, 0, (size_t)limit, &v, &next)))
		cli_act_option(&x.d, x.c.field, NULL);
	if (!rc && x.o.json) {
		print_json(v);
	} else if (!rc) {
		size_t i;
		json_t *m;

		json_array_foreach(v, i, m) {
			printf("%-6lld %-8s %-9s %-16s %-12s try %lld  %s%s%s\n",
			       (long long)json_integer_value(json_object_get(m, "id")),
			       json_string_value(json_object_get(m, "state")),
			       json_string_value(json_object_get(m, "kind")),
			       json_string_value(json_object_get(m, "rule")),
			       json_string_value(json_object_get(m, "account"))
				       ? json_string_value(json_object_get(m, "account"))
				       : "-",
			       (long long)json_integer_value(json_object_get(m, "tries")),
			       json_string_value(json_object_get(m, "subject")),
			       json_string_value(json_object_get(m, "error")) ? "  — " : "",
			       json_string_value(json_object_get(m, "error"))
				       ? json_string_value(json_object_get(m, "error"))
				       : "");
		}
		json_decref(v);
	}
	close_act(&x);
	return rc ? cli_fail_input(rc, &x.d) : EXIT_CLEAN;
}

/* secret_arg: the value of an option that may carry a secret — "-" reads it from the first line
 * of standard input (so that it stays out of the process list and the shell's history). */
static const char *secret_arg(const char *v, char *buf, size_t n)
{
	size_t k;

	if (!v || strcmp(v, "-"))
		return v;
	if (!fgets(buf, (int)n, stdin))
		return "";
	k = strcspn(buf, "\r\n");
	buf[k] = '\0';
	return buf;
}

static int notify_channel(int argc, char **argv, const char *usage)
{
	const char *name = NULL, *kind = NULL, *target = NULL, *secret = NULL, *from = NULL,
		   *user = NULL, *tls = NULL, *ca = NULL, *enable = NULL;
	const struct cli_field f[] = {{"--name", &name},     {"--kind", &kind},
				      {"--target", &target}, {"--secret", &secret},
				      {"--from", &from},     {"--user", &user},
				      {"--tls", &tls},       {"--ca-file", &ca},
				      {"--enabled", &enable}, {NULL, NULL}};
	struct notify_channel_in in = {.enabled = -1};
	struct run x = {.d = {{0}}};
	char tbuf[2100], sbuf[2100], *end = NULL;
	int64_t id = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 1, usage, &x.o))
		return EXIT_ERROR;
	if (x.o.npos && ((id = strtoll(x.o.pos[0], &end, 10)) < 1 || *end)) {
		fprintf(stderr, "cyberduty: notify channel: give the channel's number (see notify "
				"channels), not \"%s\"\n", x.o.pos[0]);
		return EXIT_ERROR;
	}
	if (enable && strcmp(enable, "0") && strcmp(enable, "1")) {
		fprintf(stderr, "cyberduty: notify channel: --enabled: give 1 or 0\n");
		return EXIT_ERROR;
	}
	in = (struct notify_channel_in){.name = name, .kind = kind,
					.target = secret_arg(target, tbuf, sizeof tbuf),
					.secret = secret_arg(secret, sbuf, sizeof sbuf),
					.from = from, .user = user, .tls = tls, .ca_file = ca,
					.enabled = enable ? *enable == '1' : -1};
	rc = open_act(&x);
	if (!rc && (rc = notify_channel_set(&x.c, id, &in, &id)))
		cli_act_option(&x.d, x.c.field, x.c.field && !strcmp(x.c.field, "ca_file") ? "--ca-file"
										  : NULL);
	secret_wipe(tbuf, sizeof tbuf);
	secret_wipe(sbuf, sizeof sbuf);
	if (!rc)
		printf("channel %lld %s\n", (long long)id, x.o.npos ? "changed" : "created");
	close_act(&x);
	return rc ? cli_fail_input(rc, &x.d) : EXIT_CLEAN;
}

static int notify_channels_cmd(int argc, char **argv, const char *usage)
{
	struct run x = {.d = {{0}}};
	json_t *v = NULL;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 0, usage, &x.o))
		return EXIT_ERROR;
	rc = open_act(&x);
	if (!rc)
		rc = notify_channels(&x.c, &v);
	if (!rc && x.o.json) {
		print_json(v);
	} else if (!rc) {
		size_t i;
		json_t *m;

		json_array_foreach(v, i, m)
			printf("%-4lld %-9s %-24s %-40s %s%s\n",
			       (long long)json_integer_value(json_object_get(m, "id")),
			       json_string_value(json_object_get(m, "kind")),
			       json_string_value(json_object_get(m, "name")),
			       json_string_value(json_object_get(m, "target")),
			       json_is_true(json_object_get(m, "enabled")) ? "enabled" : "disabled",
			       json_is_true(json_object_get(m, "secret_set")) ? ", secret set" : "");
		json_decref(v);
	}
	close_act(&x);
	return rc ? cli_fail(rc, &x.d) : EXIT_CLEAN;
}

static int notify_test(int argc, char **argv, const char *usage)
{
	const char *to = NULL;
	const struct cli_field f[] = {{"--to", &to}, {NULL, NULL}};
	struct run x = {.d = {{0}}};
	char err[256], *end = NULL;
	bool ok = false;
	long long id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &x.o))
		return EXIT_ERROR;
	if ((id = strtoll(x.o.pos[0], &end, 10)) < 1 || *end) {
		fprintf(stderr, "cyberduty: notify test: give the channel's number (see notify "
				"channels), not \"%s\"\n", x.o.pos[0]);
		return EXIT_ERROR;
	}
	rc = open_act(&x);
	if (!rc && (rc = notify_channel_test(&x.c, id, to, &ok, err, sizeof err)))
		cli_act_option(&x.d, x.c.field, x.c.field && !strcmp(x.c.field, "address") ? "--to" : NULL);
	close_act(&x);
	if (rc)
		return cli_fail_input(rc, &x.d);
	if (!ok) {
		fprintf(stderr, "cyberduty: notify test: not sent: %s\n", err);
		return EXIT_FAILED;
	}
	printf("test message sent through channel %lld\n", id);
	return EXIT_CLEAN;
}

/* say_rules: the reminder rules as a person reads them (--json: as the API gives them) */
static void say_rules(const struct notify_rules *r)
{
	char leads[64] = "";
	size_t k = 0;

	for (size_t i = 0; i < r->nleads && k < sizeof leads; i++)
		k += (size_t)snprintf(leads + k, sizeof leads - k, "%s%d", i ? lang_pick(", ", "、") : "",
				      r->leads[i]);
	printf("reminder rules:\n");
	printf("  ahead of a due date: %s working days before\n", leads);
	printf("  overdue: to the direct responsible after %d working days, to the first responsible "
	       "after %d\n",
	       r->escalate[0], r->escalate[1]);
	printf("  sending: up to %d tries, waiting %d seconds after the first failure (doubled each "
	       "time, at most an hour)\n",
	       r->tries, r->backoff_s);
	if (r->digest)
		printf("  weekly digest: on\n");
	else
		printf("  weekly digest: off\n");
	if (r->obligations)
		printf("  yearly duties and MLPS deadlines: reminded\n");
	else
		printf("  yearly duties and MLPS deadlines: not reminded\n");
	if (*r->base_url)
		printf("  links to: %s\n", r->base_url);
	else
		printf("  links to: not set (cyberduty notify rules base_url URL)\n");
}

static int notify_rules_cmd(int argc, char **argv, const char *usage)
{
	struct run x = {.d = {{0}}};
	struct notify_rules r;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 2, usage, &x.o) || x.o.npos == 1) {
		if (x.o.npos == 1)
			fprintf(stderr, "cyberduty: notify rules: give KEY and VALUE, or nothing\n");
		return EXIT_ERROR;
	}
	rc = open_act(&x);
	if (!rc && x.o.npos == 2)
		rc = notify_rules_set(&x.c, x.o.pos[0], x.o.pos[1]);
	if (!rc)
		rc = notify_rules_get(x.s, &r, &x.d);
	if (!rc && x.o.json)
		print_json(notify_rules_json(&r));
	else if (!rc)
		say_rules(&r);
	close_act(&x);
	return rc ? cli_fail_input(rc, &x.d) : EXIT_CLEAN;
}

/* account_id: the id of the account named `name`. */
static enum cd_err account_id(struct store *s, const char *name, int64_t *id, struct cd_diag *d)
{
	struct store_account acc;
	enum cd_err rc = store_account_by_name(s, name, &acc, d);

	*id = rc ? 0 : acc.id;
	secret_wipe(&acc, sizeof acc);
	if (rc == CD_ENOTFOUND)
		return cd_diag_set(d, rc, "no account \"%.64s\" (see user list)", name);
	return rc;
}

static int notify_pref(int argc, char **argv, const char *usage)
{
	const char *address = NULL, *off = NULL;
	const struct cli_field f[] = {{"--address", &address}, {"--off", &off}, {NULL, NULL}};
	struct run x = {.d = {{0}}};
	json_t *v = NULL;
	char *end = NULL;
	int64_t acc = 0;
	long long ch = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 1, 2, usage, &x.o))
		return EXIT_ERROR;
	if (x.o.npos == 2 && ((ch = strtoll(x.o.pos[1], &end, 10)) < 1 || *end)) {
		fprintf(stderr, "cyberduty: notify pref: give the channel's number, not \"%s\"\n",
			x.o.pos[1]);
		return EXIT_ERROR;
	}
	rc = open_act(&x);
	if (!rc)
		rc = account_id(x.s, x.o.pos[0], &acc, &x.d);
	if (!rc && x.o.npos == 2 &&
	    (rc = notify_pref_set(&x.c, acc, ch, address, !off || strcmp(off, "1"))))
		cli_act_option(&x.d, x.c.field, NULL);
	if (!rc)
		rc = notify_prefs(&x.c, acc, &v);
	if (!rc)
		print_json(v);
	close_act(&x);
	return rc ? cli_fail_input(rc, &x.d) : EXIT_CLEAN;
}

static int notify_inbox_cmd(int argc, char **argv, const char *usage)
{
	struct run x = {.d = {{0}}};
	json_t *v = NULL;
	int64_t acc = 0, next = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON | OPT_ALL, 1, 1, usage, &x.o))
		return EXIT_ERROR;
	rc = open_act(&x);
	if (!rc)
		rc = account_id(x.s, x.o.pos[0], &acc, &x.d);
	if (!rc)
		rc = notify_inbox(&x.c, acc, 0, !x.o.all, 200, &v, &next);
	if (!rc && x.o.json) {
		print_json(v);
	} else if (!rc) {
		size_t i;
		json_t *m;

		json_array_foreach(v, i, m)
			printf("%-6lld %s %s\n",
			       (long long)json_integer_value(json_object_get(m, "id")),
			       json_is_true(json_object_get(m, "read")) ? " " : "*",
			       json_string_value(json_object_get(m, "subject")));
		json_decref(v);
	}
	close_act(&x);
	return rc ? cli_fail_input(rc, &x.d) : EXIT_CLEAN;
}

static const struct cli_sub subs[] = {
	{"run", notify_run, "notify run [--at TIME] [--json] [--db PATH]"},
	{"list", notify_list,
	 "notify list [--state pending|sent|dead] [--limit N] [--json] [--db PATH]"},
	{"test", notify_test, "notify test CHANNEL [--to ADDRESS] [--db PATH]"},
	{"channel", notify_channel,
	 "notify channel [ID] [--name N] [--kind mail|wecom|dingtalk|feishu] [--target URL|-] "
	 "[--secret S|-] [--from ADDR] [--user U] [--tls starttls|tls|none] [--ca-file PEM] "
	 "[--enabled 1|0] [--db PATH]"},
	{"channels", notify_channels_cmd, "notify channels [--json] [--db PATH]"},
	{"rules", notify_rules_cmd, "notify rules [KEY VALUE] [--json] [--db PATH]"},
	{"pref", notify_pref,
	 "notify pref ACCOUNT [CHANNEL [--address A] [--off 1]] [--db PATH]"},
	{"inbox", notify_inbox_cmd, "notify inbox ACCOUNT [--all] [--json] [--db PATH]"},
};

int cmd_notify(int argc, char **argv, const char *usage)
{
	return cli_dispatch(argc, argv, "notify", usage, subs, sizeof(subs) / sizeof(subs[0]));
}
