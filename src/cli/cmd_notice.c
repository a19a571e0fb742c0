/* cmd_notice.c — `cyberduty notice add|list|show|start|rectify|approve|feedback|verify|support|
 * extend|checked`: official notices (通报) and their closed loop, with the due date in working days,
 * the state at any moment, the repeat window and the 举一反三 list. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/book.h"
#include "svc/book_json.h"
#include "svc/evidence.h"
#include "svc/work.h"

/* ---- add ---- */

static void say_due(const struct notice_view *v, const struct profile *p)
{
	char day[26];

	if (v->due.due == CD_DATE_NONE) {
		printf("  due: none — profile %s sets no rectification period; the notice's own "
		       "deadline can be given with --due\n",
		       p->id);
		return;
	}
	date_show(v->due.due, day);
	if (v->due.extended)
		printf("  due: %s 24:00 (extended by %s: %s)\n", day, v->row.n.extended_by,
		       v->row.n.extension_reason);
	else if (v->due.stated)
		printf("  due: %s 24:00 (the notice's own deadline)\n", day);
	else if (v->due.defaulted)
		printf("  due: %s 24:00 (the organisation's default, %d working days after receipt)\n",
		       day, p->numbers.rectify_workdays);
	else
		printf("  due: %s 24:00 (%d working days after receipt, %s)\n", day,
		       p->numbers.rectify_workdays,
		       p->numbers.rectify_article && *p->numbers.rectify_article
			       ? p->numbers.rectify_article
			       : "profile");
	if (v->due.estimated)
		fprintf(stderr, "warning: no official holiday calendar for %d: counted Monday–Friday\n",
			calendar_estimated_year(v->cal, time_cst_date(v->row.n.received_at),
						v->due.due));
}

static void say_repeat(const struct notice_view *v, const struct profile *p, cd_time at)
{
	char when[26];
	enum due_state st = notice_state(&v->row.n, &v->due, at);

	if (notice_criticism(p, st, false))
		printf("  LATE: %s — 通报批评 proposed for a notice not handled as required (%s)\n",
		       due_state_code(st), p->numbers.criticism_late_article);
	if (!v->repeat_code)
		return;
	printf("  REPEAT: %s had %s %s on %s, within %d months — 通报批评 proposed (%s)\n",
	       v->repeat_asset ? v->repeat_asset : "?", v->repeat_is_notice ? "notice" : "incident",
	       v->repeat_code, time_show(v->repeat.at, when), p->numbers.repeat_window_months,
	       p->numbers.repeat_article && *p->numbers.repeat_article ? p->numbers.repeat_article
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
	struct notice_new in = {.due = CD_DATE_NONE};
	struct notice_view v;
	struct cli_attach file = {0};
	struct act a;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (!code || !authority || !assets) {
		fprintf(stderr, "cyberduty: notice add needs --code (文号), --authority (通报单位) and "
				"--asset CODE[,CODE…]\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	in.code = code;
	in.authority = authority;
	in.category = category;
	in.text = text;
	in.unit = unit;
	if (!cli_time("--received", received, cli_now(), &in.received_at))
		return EXIT_ERROR;
	if (due && !date_parse(due, &in.due)) {
		fprintf(stderr, "cyberduty: --due wants a date YYYY-MM-DD, not \"%s\"\n", due);
		return EXIT_ERROR;
	}
	if (in.received_at > cli_now() + 60) {
		fprintf(stderr, "cyberduty: --received lies in the future; a notice is recorded when "
				"it has arrived\n");
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	/* --attachment: the file itself, the notice's evidence file (never a path) */
	file.path = attachment;
	if (!(in.assets = cli_split_codes(assets, c.b.a, &in.nassets)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "out of memory");
	else
		rc = cli_attach_open(&c, &a, &file);
	if (!rc && (rc = svc_notice_add(&a, &in, &v)) && a.field)
		cli_act_option(&c.d, a.field,
			       !strcmp(a.field, "assets")	  ? "--asset"
			       : !strcmp(a.field, "received_at") ? "--received"
								  : NULL);
	rc = cli_attach_close(&c, &a, rc, EVO_NOTICE, rc ? 0 : v.row.n.id, &file);
	if (!rc) {
		char when[26];

		printf("notice %s recorded (received %s from %s)\n", v.row.n.code,
		       time_show(v.row.n.received_at, when), v.row.n.authority);
		cli_attach_say(&file);
		say_due(&v, act_profile(&a));
		say_repeat(&v, c.pol->p, a.now);
		if (v.row.n.similar_total)
			printf("  举一反三: %zu similar system%s to check (cyberduty notice show %s)%s\n",
			       v.row.n.similar_total, v.row.n.similar_total == 1 ? "" : "s",
			       v.row.n.code,
			       v.row.n.similar_total > v.row.n.nsimilar ? "; the strongest are listed"
									: "");
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
	struct notice_view v;
	struct act a;
	char actor[128], day[26];
	enum cd_err rc;

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
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_notice_step(&a, 0, c.o.pos[0], &e, &v);
	if (rc == CD_ENOTFOUND && !a.field)
		cd_diag_set(&c.d, CD_ENOTFOUND, "no notice %s (see `cyberduty notice list`)",
			    c.o.pos[0]);
	if (rc == CD_ECONFLICT)
		rc = CD_EINVAL; /* a step out of order: the command's error, as before */
	if (!rc) {
		enum due_state st = notice_state(&v.row.n, &v.due, e.at);

		printf("notice %s: %s — now %s", v.row.n.code,
		       lang_pick(notice_event_code(kind), notice_event_label(kind)),
		       lang_pick(notice_stage_code(v.row.n.stage), notice_stage_label(v.row.n.stage)));
		if (kind == NEV_FEEDBACK)
			printf("; %s", due_state_label(st));
		if (v.due.due != CD_DATE_NONE && kind != NEV_VERIFY)
			printf("; due %s", date_show(v.due.due, day));
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
	const char *at, *by, *note;
	const struct cli_field f[] = {{"--at", &at}, {"--by", &by}, {"--note", &note}, {NULL, NULL}};
	struct notice_checks in = {0};
	struct notice_view v;
	struct act a;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_ALL, f, 1, 2, usage, &c.o))
		return EXIT_ERROR;
	in.all = c.o.all;
	if (in.all == (c.o.npos == 2)) {
		fprintf(stderr, "cyberduty: 请给出系统代码（可用逗号分隔多个）或 --all 之一 — give the "
				"systems checked or --all\nusage: %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (!cli_time("--at", at, cli_now(), &in.at))
		return EXIT_ERROR;
	in.by = by;
	in.note = note;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (!in.all && !(in.assets = cli_split_codes(c.o.pos[1], a.a, &in.nassets)))
		return cli_book_close(&c, CD_ENOMEM, 0);
	rc = svc_notice_check(&a, 0, c.o.pos[0], &in, &v);
	if (!rc)
		printf("notice %s: 举一反三 %zu of %zu checked\n", v.row.n.code,
		       v.row.similar_listed - v.row.similar_unchecked, v.row.similar_listed);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* notice_edit corrects a mistake in a notice, saying why (svc_notice_correct). */
static int notice_edit(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *code, *authority, *unit, *category, *text, *attachment, *received, *due,
		*reason;
	const struct cli_field f[] = {{"--code", &code},	 {"--authority", &authority},
				      {"--unit", &unit},	 {"--category", &category},
				      {"--text", &text},	 {"--attachment", &attachment},
				      {"--received", &received}, {"--due", &due},
				      {"--reason", &reason},	 {NULL, NULL}};
	struct notice_fix in = {.received_at = CD_TIME_NONE, .due = CD_DATE_NONE};
	struct notice_view v;
	struct cli_attach file = {0};
	struct act a;
	char actor[128];
	bool fix;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if (received && !cli_time("--received", received, CD_TIME_NONE, &in.received_at))
		return EXIT_ERROR;
	if (due && !strcmp(due, "none"))
		in.clear |= NOTICE_CLEAR_DUE;
	else if (due && !date_parse(due, &in.due)) {
		fprintf(stderr, "cyberduty: --due: 给出日期 YYYY-MM-DD 或 none — give a date or "
				"none\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	in.code = code;
	in.authority = authority;
	in.unit = unit;
	in.category = category;
	in.text = text;
	in.reason = reason;
	/* --attachment: the file itself, kept as the notice's evidence file by the act an upload
	 * uses, in the same transaction as the correction (never a path in a text field); a file
	 * alone is evidence added, not a correction, and needs no --reason */
	file.path = attachment;
	fix = code || authority || unit || category || text || received || due || !attachment;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)) ||
	    (rc = cli_attach_open(&c, &a, &file)))
		return cli_book_close(&c, rc, 0);
	if (fix && (rc = svc_notice_correct(&a, 0, c.o.pos[0], &in, &v)))
		cli_act_option(&c.d, a.field,
			       a.field && !strcmp(a.field, "received_at") ? "--received" : NULL);
	else if (!fix)
		rc = svc_notice_get(&a, 0, c.o.pos[0], &v);
	rc = cli_attach_close(&c, &a, rc, EVO_NOTICE, rc ? 0 : v.row.n.id, &file);
	if (!rc && fix)
		printf("notice %s corrected (已更正): %s\n", v.row.n.code, reason);
	if (!rc && !fix)
		printf("notice %s: evidence file added\n", v.row.n.code);
	if (!rc)
		cli_attach_say(&file);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* notice_default shows or sets the organisation's own default rectification period. */
static int notice_default(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct act a;
	char actor[128], *end = NULL;
	int days = 0, policy = 0;
	long v = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 0, 1, usage, &c.o))
		return EXIT_ERROR;
	if (c.o.npos && strcmp(c.o.pos[0], "none") &&
	    ((v = strtol(c.o.pos[0], &end, 10)) <= 0 || *end || v > POLICY_NOTICE_DEFAULT_MAX)) {
		fprintf(stderr, "cyberduty: give 1 to %d working days, or none\nusage: cyberduty %s\n",
			POLICY_NOTICE_DEFAULT_MAX, usage);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (c.o.npos)
		rc = svc_notice_default_set(&a, (int)v);
	if (!rc)
		rc = svc_notice_default_get(&a, &days, &policy);
	if (!rc && policy)
		printf("整改时限：政策规定 %d 个工作日（本单位默认%s%d 不适用） — the policy's %d working "
		       "days apply\n",
		       policy, days ? "" : "：未设定", days, policy);
	else if (!rc && days)
		printf("整改时限：政策未规定，本单位默认 %d 个工作日 — the organisation's default, %d "
		       "working days, applies where a notice states no deadline\n",
		       days, days);
	else if (!rc)
		printf("整改时限：政策未规定，本单位也未设定默认值 — no period: a notice without its own "
		       "deadline has none (set one: notice default DAYS)\n");
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* ---- list / show ---- */

static int notice_list(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *state, *unit;
	const struct cli_field f[] = {{"--state", &state}, {"--unit", &unit}, {NULL, NULL}};
	struct work_query q = {.kind = -1, .limit = 200};
	struct act a;
	char actor[128];
	int st = -1;
	enum cd_err rc;
	json_t *list = NULL;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (state && (st = due_state_parse(state)) < 0) {
		fprintf(stderr, "cyberduty: --state: unknown state \"%s\" (use open, due_today, "
				"overdue, done_on_time, done_late or no_deadline)\n",
			state);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (unit && (rc = act_id_of(&a, SK_UNIT, unit, "--unit", &q.unit)))
		return cli_book_close(&c, rc, 0);
	if (c.o.json)
		list = json_array();
	else
		printf("%s\n", lang_tr("notice                   received             stage          due            state        assets"));
	for (;;) {
		struct notice_view *v = NULL;
		size_t n = 0;
		int64_t next = 0;

		if ((rc = svc_notice_page(&a, q, st, c.o.at, &v, &n, &next)))
			break;
		for (size_t i = 0; i < n; i++) {
			const struct notice *no = &v[i].row.n;
			enum due_state ds = notice_state(no, &v[i].due, c.o.at);
			char when[64], day[48], stage[48], cell[48], code[160];

			if (list) {
				json_array_append_new(list, svc_notice_json(&a, &v[i], c.o.at, false));
				continue;
			}
			printf("%s %s %s %s %s", cli_cell(code, sizeof code, no->code, 24),
			       cli_when(when, sizeof when, no->received_at, CLI_WHEN_WIDTH),
			       cli_cell(stage, sizeof stage,
					lang_pick(notice_stage_code(no->stage),
						  notice_stage_label(no->stage)),
					14),
			       cli_day(day, sizeof day, v[i].due.due, CLI_DAY_WIDTH),
			       cli_cell(cell, sizeof cell,
					lang_pick(due_state_code(ds), due_state_label(ds)), 12));
			for (size_t k = 0; k < no->nassets; k++)
				printf("%s%s", k ? "," : " ", v[i].row.asset_code[k]);
			if (v[i].repeat_code)
				printf("  [repeat: 通报批评 proposed]");
			if (notice_criticism(act_profile(&a), notice_state(no, &v[i].due, c.o.at),
						  false))
				printf("  [late: 通报批评 proposed]");
			printf("\n");
		}
		if (!next)
			break;
		q.after = next;
	}
	if (!rc && list && cli_json_dump(json_pack("{s:o}", "notices", list)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static void show_text(const struct notice_view *v, const struct profile *p, cd_time at)
{
	const struct notice *n = &v->row.n;
	char when[26], day[26], why[64];

	printf("notice %s — %s\n", n->code, n->authority);
	printf("  received: %s\n", time_show(n->received_at, when));
	printf("  unit:     %s\n", v->row.unit_name ? v->row.unit_name : "");
	printf("  assets:  ");
	for (size_t k = 0; k < n->nassets; k++)
		printf(" %s %s", v->row.asset_code[k], v->row.asset_name[k]);
	printf("\n");
	if (n->category)
		printf("  category: %s\n", n->category);
	if (n->text)
		printf("  text:     %s\n", n->text);
	if (n->attachment)
		printf("  attached: %s\n", n->attachment);
	printf("  stage:    %s\n", lang_pick(notice_stage_code(n->stage), notice_stage_label(n->stage)));
	say_due(v, p);
	printf("  state:    %s\n", lang_pick(due_state_code(notice_state(n, &v->due, at)),
					     due_state_label(notice_state(n, &v->due, at))));
	say_repeat(v, p, at);
	printf("  timeline:\n    %s  received\n", time_show(n->received_at, when));
	for (size_t i = 0; i < n->nevents; i++) {
		const struct notice_event *e = &n->events[i];

		printf("    %s  %s", time_show(e->at, when),
		       lang_pick(notice_event_code(e->kind), notice_event_label(e->kind)));
		if (e->kind == NEV_EXTEND)
			printf(" to %s", date_show(e->extended_to, day));
		if (e->by)
			printf(" by %s", e->by);
		if (e->note)
			printf(": %s", e->note);
		printf("\n");
	}
	for (size_t i = 0; i < v->nfixes; i++)
		printf("  更正 correction %s by %s: %s — %s\n", time_show(v->fixes[i].at, when),
		       v->fixes[i].by, v->fixes[i].reason, v->fixes[i].changes);
	if (n->nsimilar) {
		printf("  举一反三 — similar systems to check (%zu unchecked of %zu", v->row.similar_unchecked,
		       n->nsimilar);
		if (n->similar_total > n->nsimilar)
			printf("; the strongest %zu of %zu similar systems are listed", n->nsimilar,
			       n->similar_total);
		printf("):\n");
		for (size_t i = 0; i < n->nsimilar; i++) {
			const struct notice_check *k = &n->similar[i];

			printf("    [%s] %-10s %s (%s)", k->checked_at == CD_TIME_NONE ? " " : "x",
			       v->row.similar_code[i], v->row.similar_name[i],
			       similar_describe(k->why, why, sizeof(why)));
			if (k->checked_at != CD_TIME_NONE && k->checked_by)
				printf(" checked %s by %s", time_show(k->checked_at, when),
				       k->checked_by);
			else if (k->checked_at != CD_TIME_NONE)
				printf(" checked %s", time_show(k->checked_at, when));
			if (k->note)
				printf(": %s", k->note);
			printf("\n");
		}
	}
}

static int notice_show(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct notice_view v;
	struct act a;
	char actor[128];
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_notice_get(&a, 0, c.o.pos[0], &v);
	if (rc == CD_ENOTFOUND)
		cd_diag_set(&c.d, CD_ENOTFOUND, "no notice %s (see `cyberduty notice list`)",
			    c.o.pos[0]);
	else if (!rc && c.o.json)
		cli_json_dump(svc_notice_json(&a, &v, c.o.at, true));
	else if (!rc)
		show_text(&v, act_profile(&a), c.o.at);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

int cmd_notice(int argc, char **argv, const char *usage)
{
	static const struct {
		const char *name;
		int kind; /* notice event, or -1 */
	} steps[] = {{"start", NEV_START},	 {"rectify", NEV_RECTIFY}, {"feedback", NEV_FEEDBACK},
		     {"verify", NEV_VERIFY},	 {"support", NEV_SUPPORT}, {"extend", NEV_EXTEND},
		     {"approve", NEV_APPROVE}};

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
	if (!strcmp(argv[1], "attach") || !strcmp(argv[1], "files"))
		return cli_file_owner(argc, argv, EVO_NOTICE);
	if (!strcmp(argv[1], "checked"))
		return notice_checked(argc - 1, argv + 1,
				      "notice checked NO ASSET[,ASSET…]|--all [--note TEXT] "
				      "[--at TIME] [--by WHO]");
	if (!strcmp(argv[1], "edit"))
		return notice_edit(argc - 1, argv + 1,
				   "notice edit NO --reason WHY [--code NO] [--authority WHO] "
				   "[--unit U] [--category C] [--text T] [--attachment FILE] "
				   "[--received TIME] [--due DATE|none]");
	if (!strcmp(argv[1], "default"))
		return notice_default(argc - 1, argv + 1, "notice default [DAYS|none]");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!strcmp(argv[1], steps[i].name))
			return notice_step(argc - 1, argv + 1,
					   steps[i].kind == NEV_EXTEND
						   ? "notice extend NO --to DATE --reason WHY --by WHO "
						     "[--at TIME]"
						   : "notice start|rectify|approve|feedback|verify|support NO "
						     "[--at TIME] [--by WHO] [--note TEXT]",
					   (enum notice_event_kind)steps[i].kind);
	fprintf(stderr, "cyberduty: unknown notice command \"%s\"\nusage: cyberduty %s\n", argv[1],
		usage);
	return EXIT_ERROR;
}
