/* cmd_record.c — `cyberduty record KIND …` records a meeting, drill, training, report, plan or
 * assessment that fulfils a yearly duty (the evidence); `record list` shows them with the
 * obligation each one answered. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/book.h"
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
	in.attachment = attachment;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if ((rc = svc_record_add(&a, &in, &r)))
		cli_act_option(&c.d, a.field, a.field && !strcmp(a.field, "on") ? "--date" : NULL);
	if (!rc) {
		struct book b;

		printf("record %lld: %s %s — %s (%s)\n", (long long)r.r.id,
		       lang_pick(record_kind_code(kind), record_kind_label(kind)),
		       date_show(r.r.on, day), title, r.unit_code);
		/* say which obligation it went to (the whole year's duties: a command's convenience,
		 * read after the act) */
		rc = book_load(c.s, c.pol->p, cli_today(), &b, &c.d);
		for (size_t i = 0; !rc && i < b.obl.n; i++) {
			const struct oblig *ob = &b.obl.v[i];

			for (size_t k = 0; k < ob->nevidence; k++)
				if (ob->evidence[k] == r.r.id)
					printf("  fulfils: %s（%s）— %d/%d, %s\n", ob->name, ob->period,
					       ob->have, ob->need,
					       due_state_label(oblig_state(ob, cli_today())));
		}
		book_free(&b);
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

static int record_list(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct store *s = NULL;
	struct profile *p = NULL;
	struct book b = {0};
	enum cd_err rc;
	json_t *list = NULL;
	char day[48], kind[64];

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = book_load(s, p, cli_today(), &b, &d);
	if (!rc && o.json)
		list = json_array();
	for (size_t i = 0; !rc && i < b.nrecords; i++) {
		const struct record *r = &b.records[i];
		const struct unit *u = reg_unit(b.reg, r->unit);
		const struct oblig *answered = NULL;

		for (size_t k = 0; k < b.obl.n && !answered; k++)
			for (size_t e = 0; e < b.obl.v[k].nevidence; e++)
				if (b.obl.v[k].evidence[e] == r->id)
					answered = &b.obl.v[k];
		if (list) {
			json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id,
					      "kind", record_kind_code(r->kind), "unit",
					      u ? u->code : "", "date", date_format(r->on, day),
					      "title", r->title);

			json_object_set_new(j, "duty",
					    answered ? json_string(answered->duty->id) : json_null());
			json_object_set_new(j, "period",
					    answered ? json_string(answered->period) : json_null());
			json_object_set_new(j, "participants",
					    r->participants ? json_string(r->participants)
							    : json_null());
			json_object_set_new(j, "attachment",
					    r->attachment ? json_string(r->attachment) : json_null());
			json_array_append_new(list, j);
			continue;
		}
		printf("%4lld  %s  %s  %s · %s", (long long)r->id,
		       cli_day(day, sizeof day, r->on, CLI_DAY_WIDTH),
		       cli_cell(kind, sizeof kind,
				lang_pick(record_kind_code(r->kind), record_kind_label(r->kind)), 10),
		       r->title, u ? u->name : "?");
		if (answered)
			printf("  → %s (%s)", answered->name, answered->period);
		printf("\n");
	}
	if (!rc && list) {
		json_t *root = json_pack("{s:o}", "records", list);

		if (!root || json_dumpf(root, stdout, JSON_INDENT(2)))
			rc = cd_diag_set(&d, CD_ENOMEM, "writing JSON failed");
		json_decref(root);
		putchar('\n');
	}
	book_free(&b);
	store_close(s);
	profile_free(p);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
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
