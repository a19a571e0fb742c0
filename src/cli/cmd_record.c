/* cmd_record.c — `cyberduty record KIND …` records a meeting, drill, training, report, plan or
 * assessment that fulfils a yearly duty (the evidence); `record list` shows them with the
 * obligation each one answered. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/evidence.h"
#include "svc/work.h"

static int record_add(int argc, char **argv, const char *usage, enum record_kind kind)
{
	struct cli_book c = {0};
	const char *unit, *date, *title, *duty, *period, *participants, *minutes, *attachment;
	const struct cli_field f[] = {{"--unit", &unit},
				      {"--date", &date},
				      {"--title", &title},
				      {"--duty", &duty},
				      {"--period", &period},
				      {"--participants", &participants},
				      {"--minutes", &minutes},
				      {"--attachment", &attachment},
				      {NULL, NULL}};
	struct record_in in = {.kind = (int)kind, .on = CD_DATE_NONE};
	struct record_row r;
	struct cli_attach file = {0};
	struct act a;
	char actor[128], day[26];
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if (!date || !date_parse(date, &in.on)) {
		fprintf(stderr, "cyberduty: record needs --date YYYY-MM-DD (the day it took place)\n"
				"usage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (!title) {
		fprintf(stderr, "cyberduty: record needs --title (what it was)\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if (in.on > cli_today()) {
		fprintf(stderr, "cyberduty: --date %s lies in the future; record what has taken "
				"place\n",
			date);
		return EXIT_ERROR;
	}
	in.unit = unit;
	in.title = title;
	in.duty = duty;
	in.period = period;
	in.participants = participants;
	in.minutes = minutes;
	file.path = attachment; /* the file itself, the record's evidence file (never a path) */
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)) ||
	    (rc = cli_attach_open(&c, &a, &file)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_record_add(&a, &in, &r)))
		cli_act_option(&c.d, a.field, a.field && !strcmp(a.field, "on") ? "--date" : NULL);
	rc = cli_attach_close(&c, &a, rc, EVO_RECORD, rc ? 0 : r.r.id, &file);
	if (!rc) {
		struct record_answer ans;

		printf("record %lld: %s %s — %s (%s)\n", (long long)r.r.id,
		       lang_pick(record_kind_code(kind), record_kind_label(kind)),
		       date_show(r.r.on, day), title, r.unit_code);
		cli_attach_say(&file);
		/* say which obligation it went to: the kept obligation whose evidence lists it, read
		 * by the record (as `record list` does), not the whole organisation's duties */
		rc = svc_record_answers(&a, &r, 1, &ans);
		if (!rc && ans.duty) {
			struct oblig ob = {.due = ans.due, .done_on = ans.done_on};
			enum due_state st = oblig_state(&ob, cli_today());

			printf("  fulfils: %s（%s）— %d/%d, %s\n", ans.name, ans.period ? ans.period : "",
			       ans.have, ans.need, lang_pick(due_state_code(st), due_state_label(st)));
		}
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* record_void withdraws a record made in error, saying why. */
static int record_void(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *reason;
	const struct cli_field f[] = {{"--reason", &reason}, {NULL, NULL}};
	struct record_row r;
	struct act a;
	char actor[128], *end = NULL;
	long long id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	id = strtoll(c.o.pos[0], &end, 10);
	if (id <= 0 || *end) {
		fprintf(stderr, "cyberduty: 请给出记录编号（record list 中的数字） — give the record's "
				"number\nusage: cyberduty %s\n",
			usage);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_record_void(&a, id, reason, &r)))
		cli_act_option(&c.d, a.field, NULL);
	else
		printf("record %lld withdrawn (已撤销): %s — it answers no duty from now on\n", id,
		       reason);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* record_list pages through the records of the caller's scope as GET /records does
 * (svc_record_page), each with the duty it answered (svc_record_answers); --json is the API's
 * JSON of each record with "answers" beside it. */
static int record_list(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct work_query q = {.kind = -1, .limit = 200};
	struct act a;
	json_t *list = NULL;
	char actor[128], day[48], kind[64];
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 0, usage, &c.o))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (c.o.json)
		list = json_array();
	for (int64_t next = 1; !rc && next;) {
		struct record_row *v = NULL;
		struct record_answer *ans;
		size_t n = 0;

		if ((rc = svc_record_page(&a, q, &v, &n, &next)))
			break;
		if (!(ans = arena_alloc(a.a, (n + 1) * sizeof *ans))) {
			rc = cd_diag_set(&c.d, CD_ENOMEM, "out of memory");
			break;
		}
		if ((rc = svc_record_answers(&a, v, n, ans)))
			break;
		for (size_t i = 0; i < n; i++) {
			const struct record *r = &v[i].r;

			if (list) {
				json_t *j = svc_record_json(&v[i]);

				json_object_set_new(
				    j, "answers",
				    ans[i].duty ? json_pack("{s:s, s:s, s:s}", "duty", ans[i].duty,
							    "name", ans[i].name, "period",
							    ans[i].period ? ans[i].period : "")
						: json_null());
				json_array_append_new(list, j);
				continue;
			}
			printf("%4lld  %s  %s  %s · %s", (long long)r->id,
			       cli_day(day, sizeof day, r->on, CLI_DAY_WIDTH),
			       cli_cell(kind, sizeof kind,
					lang_pick(record_kind_code(r->kind),
						  record_kind_label(r->kind)),
					10),
			       r->title, v[i].unit_code ? v[i].unit_code : "?");
			if (r->voided)
				printf("  (withdrawn: %s)", r->void_reason ? r->void_reason : "");
			else if (ans[i].duty)
				printf("  → %s (%s)", ans[i].name, ans[i].period ? ans[i].period : "");
			printf("\n");
		}
		q.after = next;
	}
	if (!rc && list && cli_json_dump(json_pack("{s:o}", "records", list)))
		rc = cd_diag_set(&c.d, CD_ENOMEM, "writing JSON failed");
	else if (rc)
		json_decref(list);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

int cmd_record(int argc, char **argv, const char *usage)
{
	int kind;

	if (argc < 2) {
		fprintf(stderr, "usage: cyberduty %s\n", usage);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "attach") || !strcmp(argv[1], "files"))
		return cli_file_owner(argc, argv, EVO_RECORD);
	if (!strcmp(argv[1], "list"))
		return record_list(argc - 1, argv + 1, "record list [--json]");
	if (!strcmp(argv[1], "void"))
		return record_void(argc - 1, argv + 1, "record void ID --reason WHY");
	kind = record_kind_parse(argv[1]);
	if (kind < 0) {
		fprintf(stderr, "cyberduty: unknown record kind \"%s\" (use meeting, drill, training, "
				"report, plan, assessment or other)\n",
			argv[1]);
		return EXIT_ERROR;
	}
	return record_add(argc - 1, argv + 1,
			  "record KIND --date DATE --title TEXT [--unit U] [--duty ID] "
			  "[--period P] [--participants TEXT] [--minutes TEXT] [--attachment FILE]",
			  (enum record_kind)kind);
}
