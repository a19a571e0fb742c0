/* main.c — the cyberduty command line: dispatches to one cmd_NAME function per command. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "config.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv, const char *usage);
	const char *usage;
	const char *what;
} commands[] = {
	{"init", cmd_init,
	 "init --profile ID|FILE [--reporter-type cii|central_organ|other] [--db PATH]",
	 "create a database for an organisation living by a policy profile"},
	{"demo", cmd_demo, "demo [--db PATH] [--profile ID] [--as-of DATE]",
	 "create a realistic demo organisation (default profile imnu-2022)"},
	{"profile", cmd_profile, "profile list | show ID|FILE | check FILE",
	 "list, show or validate policy profiles"},
	{"import", cmd_import, "import units|people|duties|assets|projects FILE.csv|FILE.xlsx [--dry-run] [--json] [--db PATH]",
	 "add register records from CSV, all or nothing (docs/csv.md)"},
	{"export", cmd_export, "export units|people|duties|assets|projects|records|deadlines|notices|gaps|incidents|audit [--format csv|xlsx] [--lang zh|en] [assets: --kind K --status S --level N --cii 是|否 --unit U --text T --filed 是|否 --assess-result R] [notices, deadlines: --state S --unit U] [deadlines: --year Y] [gaps: --rule R] [audit: --action A --actor WHO] [--db PATH] [--output FILE]",
	 "write register records as CSV"},
	{"template", cmd_template, "template units|people|duties|assets|projects --output FILE.xlsx [--lang zh|en]",
	 "the import template of a kind as an Excel workbook, with drop-down lists (docs/csv.md)"},
	{"calendar", cmd_calendar, "calendar due DATE N [--json] | show YEAR | import FILE.json",
	 "working days: the due date N working days after DATE; a year's holidays; a new year"},
	{"notice", cmd_notice,
	 "notice add|list|show|start|rectify|approve|feedback|verify|support|extend|checked|attach|files …",
	 "official notices (通报): due dates, states, repeats, 举一反三 (docs/deadlines.md)"},
	{"incident", cmd_incident, "incident add|list|show|event|report|close|edit|attach|files …",
	 "security incidents (网络安全事件): grade, reports, facts, triggers, chain (docs/incidents.md)"},
	{"accountability", cmd_accountability,
	 "accountability propose|answer|recommend|decide|show …",
	 "the accountability case (责任追究) of an incident: proposal, answers, recommendation, decision"},
	{"file", cmd_file, "file attach|list notice|incident|record CODE|ID [FILE] | get ID "
	 "[--output PATH] | withdraw ID --reason WHY",
	 "evidence files (证明材料): attach, list, get back, withdraw; their type judged by their bytes"},
	{"due", cmd_due, "due [--unit U] [--as-of DATE] [--all] [--json]",
	 "everything due or overdue, soonest first; exit 1 when something is overdue"},
	{"record", cmd_record,
	 "record meeting|drill|training|report|plan|assessment|other … | list | attach|files ID …",
	 "record a meeting, drill, training … that fulfils a yearly duty"},
	{"project", cmd_project, "project add … | list",
	 "IT projects and their security budget (checked against the profile's ratio)"},
	{"eval", cmd_eval, "eval < SCENARIO.json",
	 "evaluate a what-if scenario (JSON on stdin) and print the verdicts as JSON (docs/eval.md)"},
	{"serve", cmd_serve,
	 "serve [--listen HOST:PORT] [--db PATH] [--tls-cert F --tls-key F] [--threads N] "
	 "[--cache-mb N] [--request-timeout S] [--notify-every SECONDS] [--hash-threads N] "
	 "[--signin-budget N]",
	 "run the web application and its JSON API (default 127.0.0.1:8080)"},
	{"audit", cmd_audit, "audit verify|list|actions|archive|retention …",
	 "the audit log (审计日志): verify its SM3 chain, list entries, archive old ones (docs/audit.md)"},
	{"user", cmd_user,
	 "user add|passwd|list|show|role|lock|unlock|disable|enable|totp …",
	 "accounts: roles and scopes, passwords (stdin), lock-out, TOTP (docs/accounts.md)"},
	{"token", cmd_token, "token create|list|revoke …",
	 "API tokens for integrations: a business role and a unit, shown once, stored hashed"},
	{"settings", cmd_settings, "settings [KEY [VALUE]] [--json]",
	 "the security settings: password length and age, lock-out, session timeouts"},
	{"check", cmd_check, "check [--as-of DATE] [--json] [--db PATH]",
	 "list every responsibility gap; exit 0 clean, 1 findings, 2 error"},
	{"assess", cmd_assess,
	 "assess open|list|show|set|unexempt|submit|review|approve|return|send-back|revise|"
	 "ranking|results|template|attach|files …",
	 "the yearly assessment (检查考核): 自评 → 复评 → 审定, ranking, results (docs/assessment.md)"},
	{"notify", cmd_notify, "notify run|list|test|channel|channels|rules|pref|inbox …",
	 "reminders and notifications: a round of reminders and sending, the outbox, channels "
	 "(docs/notifications.md)"},
	{"report", cmd_report,
	 "report annual|feedback NO|recommendation CODE|duties|ledger|assessment [--year Y] "
	 "[--unit U] [--docno 〔2026〕7号] [--to ADDRESSEE] [--signer NAME] "
	 "--format pdf|docx|xlsx -o FILE [--db PATH]",
	 "the documents the office signs, in the layout of GB/T 9704-2012 (docs/documents.md)"},
};

static void help(FILE *f)
{
	fprintf(f, "cyberduty %s — cybersecurity work responsibility system (网络安全工作责任制)\n\n"
		   "usage:\n",
		CD_VERSION);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  cyberduty %-58s %s\n", commands[i].usage, lang_tr(commands[i].what));
	fprintf(f, "\nThe database is --db PATH, else $CYBERDUTY_DB, else ./cyberduty.db.\n"
		   "Exit status: 0 success, 1 findings (check, due; a broken audit log) or a failure "
		   "not of the input's making (user, token, settings), 2 error.\n");
	fprintf(f, "--as ACCOUNT acts in that account's own name: its password (and code) asked, "
		   "its role and scope held (docs/accounts.md).\n");
}

int main(int argc, char **argv)
{
	if (!cli_lang(&argc, argv))
		return EXIT_ERROR;
	if (!cli_as(&argc, argv))
		return EXIT_ERROR;
	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		help(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("cyberduty %s\n", CD_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1, commands[i].usage);
	fprintf(stderr, "cyberduty: unknown command \"%s\" (see `cyberduty help`)\n", argv[1]);
	return 2;
}
