/* cmd_notice.c — `cyberduty notice add|list|show|start|rectify|feedback|verify|support|extend|
 * checked`: official notices (通报) and their closed loop, with the due date in working days,
 * the state at any moment, the repeat window and the 举一反三 list. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/book.h"
#include "svc/book_json.h"

static const char *asset_code(const struct reg *reg, int64_t id)
{
	const struct asset *a = reg_asset(reg, id);

	return a ? a->code : "?";
}

static const char *unit_name(const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	return u ? u->name : "";
}

/* ---- add ---- */

static void say_due(const struct book *b, const struct notice *n)
{
	struct notice_due due = notice_due(n, b->p, b->cal);
	char day[11];

	if (due.due == CD_DATE_NONE) {
		printf("  due: none — profile %s sets no rectification period; the notice's own "
		       "deadline can be given with --due\n",
		       b->p->id);
		return;
	}
	printf("  due: %s 24:00 (", date_format(due.due, day));
	if (due.extended)
		printf("extended by %s: %s", n->extended_by, n->extension_reason);
	else if (due.stated)
		printf("the notice's own deadline");
	else
		printf("%d working days after receipt, %s", b->p->numbers.rectify_workdays,
		       b->p->numbers.rectify_article && *b->p->numbers.rectify_article
			       ? b->p->numbers.rectify_article
			       : "profile");
	printf(")\n");
	if (due.estimated)
		fprintf(stderr, "warning: no official holiday calendar for %d: counted Monday–Friday\n",
			calendar_estimated_year(b->cal, time_cst_date(n->received_at), due.due));
}

static void say_repeat(const struct book *b, const struct notice *n)
{
	const struct asset_event *r = book_repeat(b, n);
	const struct notice *earlier = r && r->notice ? book_notice_by_id(b, r->notice) : NULL;
	const struct incident *x = r && r->incident ? book_incident_by_id(b, r->incident) : NULL;
	char when[26];

	if (!r)
		return;
	printf("  REPEAT: %s had %s %s on %s, within %d months — 通报批评 proposed (%s)\n",
	       asset_code(b->reg, r->asset), earlier ? "notice" : "incident",
	       earlier ? earlier->code : x ? x->code : "?", time_format(r->at, when),
	       b->p->numbers.repeat_window_months,
	       b->p->numbers.repeat_article && *b->p->numbers.repeat_article
		       ? b->p->numbers.repeat_article
		       : "profile");
}

static int notice_add(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *code, *authority, *received, *assets, *unit, *category, *text, *attachment,
		*due;
	const struct cli_field f[] = {{"--code", &code},	 {"--authority", &authority},
				      {"--received", &received}, {"--asset", &assets},
				      {"--unit", &unit},	 {"--category", &category},
				      {"--text", &text},	 {"--attachment", &attachment},
				      {"--due", &due},		 {NULL, NULL}};
	struct notice n;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (!code || !authority || !assets) {
		fprintf(stderr, "cyberduty: notice add needs --code (文号), --authority (通报单位) and "
				"--asset CODE[,CODE…]\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	notice_init(&n);
	n.code = code;
	n.authority = authority;
	n.category = category;
	n.text = text;
	n.attachment = attachment;
	if (!cli_time("--received", received, cli_now(), &n.received_at))
		return EXIT_ERROR;
	if (due && !date_parse(due, &n.stated_due)) {
		fprintf(stderr, "cyberduty: --due wants a date YYYY-MM-DD, not \"%s\"\n", due);
		return EXIT_ERROR;
	}
	if (n.received_at > cli_now() + 60) {
		fprintf(stderr, "cyberduty: --received lies in the future; a notice is recorded when "
				"it has arrived\n");
		return EXIT_ERROR;
	}
	c.o.as_of = time_cst_date(n.received_at);
	if ((rc = cli_book_open(&c)))
		return cli_book_close(&c, rc, 0);
	if (book_notice(&c.b, code))
		rc = cd_diag_set(&c.d, CD_ECONFLICT, "notice %s is already recorded", code);
	if (!rc)
		rc = cli_assets("--asset", assets, c.b.reg, c.b.a, &n.assets, &n.nassets, &c.d);
	if (!rc && unit) {
		const struct unit *u = reg_unit_by_code(c.b.reg, unit);

		if (!u)
			rc = cd_diag_set(&c.d, CD_ENOTFOUND, "--unit: no unit \"%s\"", unit);
		else
			n.unit = u->id;
	}
	if (!rc)
		rc = book_notice_prepare(&c.b, &n, c.b.a, &c.d);
	if (!rc)
		rc = store_begin(c.s, &c.d);
	if (!rc) {
		rc = store_notice_add(c.s, &n, &c.d);
		rc = cli_audit_commit(c.s, rc, "notice.add",
				      json_pack("{s:s, s:s, s:s, s:I}", "code", n.code, "authority",
						n.authority, "assets", assets, "similar",
						(json_int_t)n.nsimilar),
				      &c.d, "notice:%lld", (long long)n.id);
	}
	if (!rc) {
		char when[26];

		printf("notice %s recorded (received %s from %s)\n", n.code,
		       time_format(n.received_at, when), n.authority);
		say_due(&c.b, &n);
		say_repeat(&c.b, &n);
		if (n.nsimilar)
			printf("  举一反三: %zu similar system%s to check (cyberduty notice show %s)\n",
			       n.nsimilar, n.nsimilar == 1 ? "" : "s", n.code);
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- steps ---- */

static int notice_step(int argc, char **argv, const char *usage, enum notice_event_kind kind)
{
	struct cli_book c = {0};
	const char *at, *by, *note, *to, *reason;
	const struct cli_field f[] = {{"--at", &at},	 {"--by", &by},		{"--note", &note},
				      {"--to", &to},	 {"--reason", &reason}, {NULL, NULL}};
	struct notice_event e = {.kind = kind, .extended_to = CD_DATE_NONE};
	struct notice *n;
	enum cd_err rc;
	char day[11];

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (!cli_time("--at", at, cli_now(), &e.at))
		return EXIT_ERROR;
	if (e.at > cli_now() + 60) {
		fprintf(stderr, "cyberduty: --at lies in the future; record a step when it is done\n");
		return EXIT_ERROR;
	}
	if (kind != NEV_EXTEND && (to || reason)) {
		fprintf(stderr, "cyberduty: --to and --reason belong to `notice extend`\n");
		return EXIT_ERROR;
	}
	if (kind == NEV_EXTEND) {
		if (!to || !date_parse(to, &e.extended_to) || !reason || !by) {
			fprintf(stderr, "cyberduty: notice extend needs --to YYYY-MM-DD (the new due "
					"date), --reason and --by (who granted it)\n");
			return EXIT_ERROR;
		}
		note = reason;
	}
	e.by = by;
	e.note = note;
	if ((rc = cli_book_open(&c)))
		return cli_book_close(&c, rc, 0);
	if (!(n = book_notice(&c.b, c.o.pos[0])))
		rc = cd_diag_set(&c.d, CD_ENOTFOUND, "no notice %s (see `cyberduty notice list`)",
				 c.o.pos[0]);
	if (!rc) {
		struct notice_due due = notice_due(n, c.p, c.b.cal);

		rc = notice_apply(n, &e, due.due, &c.d);
		if (rc)
			cd_diag_prefix(&c.d, n->code);
	}
	if (!rc) {
		char action[32];

		snprintf(action, sizeof(action), "notice.%s", notice_event_code(kind));
		rc = store_begin(c.s, &c.d);
		if (!rc)
			rc = store_notice_event_add(c.s, n->id, &e, &c.d);
		rc = cli_audit_commit(c.s, rc, action,
				      json_pack("{s:s, s:o, s:o}", "code", n->code, "at",
						cli_json_time(e.at), "extended_to",
						cli_json_date(e.extended_to)),
				      &c.d, "notice:%lld", (long long)n->id);
	}
	if (!rc) {
		struct notice_due due = notice_due(n, c.p, c.b.cal);
		enum due_state st = notice_state(n, &due, e.at);

		printf("notice %s: %s — now %s (%s)", n->code, notice_event_label(kind),
		       notice_stage_code(n->stage), notice_stage_label(n->stage));
		if (kind == NEV_FEEDBACK)
			printf("; %s", due_state_label(st));
		if (due.due != CD_DATE_NONE && kind != NEV_VERIFY)
			printf("; due %s", date_format(due.due, day));
		printf("\n");
		if (kind == NEV_SUPPORT)
			printf("  recorded; the clock runs on unless the notifier grants an extension "
			       "(cyberduty notice extend)\n");
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int notice_checked(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *at, *by;
	const struct cli_field f[] = {{"--at", &at}, {"--by", &by}, {NULL, NULL}};
	struct notice *n;
	const struct asset *a = NULL;
	cd_time when;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 2, 2, usage, &c.o))
		return EXIT_ERROR;
	if (!cli_time("--at", at, cli_now(), &when))
		return EXIT_ERROR;
	if ((rc = cli_book_open(&c)))
		return cli_book_close(&c, rc, 0);
	if (!(n = book_notice(&c.b, c.o.pos[0])))
		rc = cd_diag_set(&c.d, CD_ENOTFOUND, "no notice %s", c.o.pos[0]);
	else if (!(a = reg_asset_by_code(c.b.reg, c.o.pos[1])))
		rc = cd_diag_set(&c.d, CD_ENOTFOUND, "no asset %s", c.o.pos[1]);
	else if (when < n->received_at)
		rc = cd_diag_set(&c.d, CD_EINVAL, "--at is before the notice was received");
	else
		rc = store_begin(c.s, &c.d);
	if (!rc) {
		rc = store_notice_check(c.s, n->id, a->id, when, by, &c.d);
		rc = cli_audit_commit(c.s, rc, "notice.checked",
				      json_pack("{s:s, s:s, s:o}", "code", n->code, "asset", a->code,
						"at", cli_json_time(when)),
				      &c.d, "notice:%lld", (long long)n->id);
	}
	if (!rc)
		printf("notice %s: 举一反三 check of %s recorded\n", n->code, a->code);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- list / show ---- */

static bool wanted(const struct book *b, const struct notice *n, cd_time at, const char *state,
		   int64_t unit)
{
	struct notice_due due = notice_due(n, b->p, b->cal);

	return book_notice_concerns(b, n, unit) && (!state || !strcmp(state, due_state_code(notice_state(n, &due, at))));
}

static int notice_list(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *state, *unit;
	const struct cli_field f[] = {{"--state", &state}, {"--unit", &unit}, {NULL, NULL}};
	int64_t top = 0;
	enum cd_err rc;
	json_t *list = NULL;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (state && due_state_parse(state) < 0) {
		fprintf(stderr, "cyberduty: --state: unknown state \"%s\" (use open, due_today, "
				"overdue, done_on_time, done_late or no_deadline)\n",
			state);
		return EXIT_ERROR;
	}
	if (state)
		state = due_state_code((enum due_state)due_state_parse(state));
	if ((rc = cli_book_open(&c)))
		return cli_book_close(&c, rc, 0);
	if (unit) {
		const struct unit *u = reg_unit_by_code(c.b.reg, unit);

		if (!u)
			return cli_book_close(&c, cd_diag_set(&c.d, CD_ENOTFOUND, "--unit: no unit \"%s\"",
							 unit),
					 0);
		top = u->id;
	}
	if (c.o.json)
		list = json_array();
	else
		printf("%-24s %-19s %-14s %-10s %-12s %s\n", "notice", "received", "stage", "due",
		       "state", "assets");
	for (size_t i = 0; i < c.b.nnotices; i++) {
		const struct notice *n = &c.b.notices[i];
		struct notice_due due;
		char when[26], day[11];

		if (n->received_at > c.o.at || !wanted(&c.b, n, c.o.at, state, top))
			continue;
		if (list) {
			json_array_append_new(list, book_notice_json(&c.b, n, c.o.at, false));
			continue;
		}
		due = notice_due(n, c.p, c.b.cal);
		time_format(n->received_at, when);
		when[16] = '\0';
		printf("%-24s %-19s %-14s %-10s %-12s", n->code, when, notice_stage_code(n->stage),
		       due.due == CD_DATE_NONE ? "—" : date_format(due.due, day),
		       due_state_code(notice_state(n, &due, c.o.at)));
		for (size_t k = 0; k < n->nassets; k++)
			printf("%s%s", k ? "," : " ", asset_code(c.b.reg, n->assets[k]));
		if (book_repeat(&c.b, n))
			printf("  [repeat: 通报批评 proposed]");
		printf("\n");
	}
	if (list && cli_json_dump(json_pack("{s:o}", "notices", list)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static void show_text(const struct book *b, const struct notice *n, cd_time at)
{
	struct notice_due due = notice_due(n, b->p, b->cal);
	char when[26], day[11], why[64];

	printf("通报 %s — %s\n", n->code, n->authority);
	printf("  received: %s\n", time_format(n->received_at, when));
	printf("  unit:     %s\n", unit_name(b->reg, n->unit));
	printf("  assets:  ");
	for (size_t k = 0; k < n->nassets; k++) {
		const struct asset *a = reg_asset(b->reg, n->assets[k]);

		printf(" %s %s", a->code, a->name);
	}
	printf("\n");
	if (n->category)
		printf("  category: %s\n", n->category);
	if (n->text)
		printf("  text:     %s\n", n->text);
	if (n->attachment)
		printf("  attached: %s\n", n->attachment);
	printf("  stage:    %s (%s)\n", notice_stage_code(n->stage), notice_stage_label(n->stage));
	say_due(b, n);
	printf("  state:    %s (%s)\n", due_state_code(notice_state(n, &due, at)),
	       due_state_label(notice_state(n, &due, at)));
	say_repeat(b, n);
	printf("  timeline:\n    %s  received\n", time_format(n->received_at, when));
	for (size_t i = 0; i < n->nevents; i++) {
		const struct notice_event *e = &n->events[i];

		printf("    %s  %s (%s)", time_format(e->at, when), notice_event_code(e->kind),
		       notice_event_label(e->kind));
		if (e->kind == NEV_EXTEND)
			printf(" to %s", date_format(e->extended_to, day));
		if (e->by)
			printf(" by %s", e->by);
		if (e->note)
			printf(": %s", e->note);
		printf("\n");
	}
	if (n->nsimilar) {
		printf("  举一反三 — similar systems to check (%zu unchecked of %zu):\n", notice_unchecked(n),
		       n->nsimilar);
		for (size_t i = 0; i < n->nsimilar; i++) {
			const struct notice_check *k = &n->similar[i];
			const struct asset *a = reg_asset(b->reg, k->asset);

			printf("    [%s] %-10s %s (%s)", k->checked_at == CD_TIME_NONE ? " " : "x",
			       a ? a->code : "?", a ? a->name : "?",
			       similar_describe(k->why, why, sizeof(why)));
			if (k->checked_at != CD_TIME_NONE)
				printf(" checked %s%s%s", time_format(k->checked_at, when),
				       k->checked_by ? " by " : "",
				       k->checked_by ? k->checked_by : "");
			printf("\n");
		}
	}
}

static int notice_show(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct notice *n;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if ((rc = cli_book_open(&c)))
		return cli_book_close(&c, rc, 0);
	if (!(n = book_notice(&c.b, c.o.pos[0])))
		rc = cd_diag_set(&c.d, CD_ENOTFOUND, "no notice %s (see `cyberduty notice list`)",
				 c.o.pos[0]);
	else if (c.o.json)
		cli_json_dump(book_notice_json(&c.b, n, c.o.at, true));
	else
		show_text(&c.b, n, c.o.at);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

int cmd_notice(int argc, char **argv, const char *usage)
{
	static const struct {
		const char *name;
		int kind; /* notice event, or -1 */
	} steps[] = {{"start", NEV_START},	 {"rectify", NEV_RECTIFY}, {"feedback", NEV_FEEDBACK},
		     {"verify", NEV_VERIFY},	 {"support", NEV_SUPPORT}, {"extend", NEV_EXTEND}};

	if (argc < 2) {
		fprintf(stderr, "usage: cyberduty %s\n", usage);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "add"))
		return notice_add(argc - 1, argv + 1,
				  "notice add --code NO --authority WHO --asset CODE[,CODE] "
				  "[--received TIME] [--unit U] [--category C] [--text T] "
				  "[--attachment FILE] [--due DATE]");
	if (!strcmp(argv[1], "list"))
		return notice_list(argc - 1, argv + 1,
				   "notice list [--state S] [--unit U] [--as-of DATE] [--json]");
	if (!strcmp(argv[1], "show"))
		return notice_show(argc - 1, argv + 1, "notice show NO [--as-of DATE] [--json]");
	if (!strcmp(argv[1], "checked"))
		return notice_checked(argc - 1, argv + 1,
				      "notice checked NO ASSET [--at TIME] [--by WHO]");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(argv[1], steps[i].name))
			return notice_step(argc - 1, argv + 1,
					   steps[i].kind == NEV_EXTEND
						   ? "notice extend NO --to DATE --reason WHY --by WHO "
						     "[--at TIME]"
						   : "notice start|rectify|feedback|verify|support NO "
						     "[--at TIME] [--by WHO] [--note TEXT]",
					   (enum notice_event_kind)steps[i].kind);
	fprintf(stderr, "cyberduty: unknown notice command \"%s\"\nusage: cyberduty %s\n", argv[1],
		usage);
	return EXIT_ERROR;
}
