/* cmd_due.c — `cyberduty due [--unit U] [--as-of DATE] [--all] [--json]`: everything due or
 * overdue — notices to rectify and answer, 举一反三 checks, yearly duties, MLPS filing and
 * assessment — soonest first, as svc_due_walk (svc/due.h) hands it out a due date at a time:
 * printed as it comes, never held whole. Exit 0 nothing overdue, 1 something overdue, 2 error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/due.h"

/* the JSON is written an item at a time (svc_due_write), one to a line, in a frame of its
 * members one to a line */
struct out {
	bool json, first;
	struct dynbuf b;
	struct jw w;
};

/* frame adds the literal JSON text s to o's buffer, and starts a writer for the value after it */
static void frame(struct out *o, const char *s)
{
	dynbuf_add(&o->b, s, strlen(s));
	jw_init(&o->w, &o->b, NULL);
}

static enum cd_err print_text(const struct due_item *it)
{
	char when[48], state[48];

	printf("  %s  %s  %s", cli_day(when, sizeof when, it->due, CLI_DAY_WIDTH),
	       cli_cell(state, sizeof state,
			lang_pick(due_state_code(it->state), due_state_label(it->state)), 12),
	       it->title);
	if (it->unit_name)
		printf(" · %s", it->unit_name);
	if (it->article && *it->article)
		printf("  [%s]", it->article);
	printf("\n");
	return CD_OK;
}

/* print_json writes item it (or, it NULL, what o's buffer holds) — the JSON goes out as
 * written, not through the message catalogue */
static enum cd_err print_json(struct out *o, const struct due_item *it)
{
	struct jw w;

	if (it) {
		dynbuf_reset(&o->b);
		dynbuf_add(&o->b, o->first ? "\n    " : ",\n    ", o->first ? 5 : 6);
		jw_init(&w, &o->b, NULL);
		svc_due_write(&w, it);
		if (!jw_done(&w))
			return CD_ENOMEM;
		o->first = false;
	}
	fwrite(o->b.p, 1, o->b.len, stdout);
	return CD_OK;
}

static enum cd_err print(void *arg, const struct due_item *v, size_t n)
{
	struct out *o = arg;
	enum cd_err rc = CD_OK;

	for (size_t i = 0; !rc && i < n; i++)
		rc = o->json ? print_json(o, &v[i]) : print_text(&v[i]);
	return rc;
}

int cmd_due(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *unit;
	const struct cli_field f[] = {{"--unit", &unit}, {NULL, NULL}};
	struct due_query q = {0};
	struct out o = {.first = true};
	struct act a;
	char actor[128], day[26];
	size_t n = 0, overdue = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON | OPT_ALL, f, 0, 0, usage,
			      &c.o))
		return EXIT_ERROR;
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	if (unit && (rc = act_id_of(&a, SK_UNIT, unit, "--unit", &q.unit)))
		return cli_book_close(&c, rc, 0);
	/* without --as-of, the instant is the act's clock (today's kept counts hold for it) */
	q.at = c.o.as_of_given ? c.o.at : a.now;
	q.day = c.o.as_of;
	q.all = c.o.all;
	o.json = c.o.json;
	dynbuf_init(&o.b, (size_t)1 << 20);
	if (o.json) {
		frame(&o, "{\n  \"profile\": ");
		jw_str(&o.w, NULL, c.p->id);
		frame(&o, ",\n  \"as_of\": ");
		jw_date(&o.w, NULL, c.o.as_of);
		frame(&o, ",\n  \"items\": [");
		print_json(&o, NULL);
	} else {
		printf("cyberduty due — %s, as of %s%s%s\n", c.p->name, date_show(c.o.as_of, day),
		       unit ? ", unit " : "", unit ? unit : "");
	}
	rc = svc_due_walk(&a, &q, print, &o, &n, &overdue);
	if (rc == CD_ENOMEM && !c.d.msg[0])
		cd_diag_set(&c.d, CD_ENOMEM, "out of memory writing JSON");
	if (!rc && o.json) {
		dynbuf_reset(&o.b);
		frame(&o, n ? "\n  ],\n  \"count\": " : "],\n  \"count\": ");
		jw_int(&o.w, NULL, (int64_t)n);
		frame(&o, ",\n  \"overdue\": ");
		jw_int(&o.w, NULL, (int64_t)overdue);
		frame(&o, "\n}\n");
		print_json(&o, NULL);
	} else if (!rc && !n)
		printf("  nothing due\n");
	else if (!rc)
		printf("%zu item%s, %zu overdue\n", n, n == 1 ? "" : "s", overdue);
	dynbuf_free(&o.b);
	return cli_book_close(&c, rc, overdue ? EXIT_FINDINGS : EXIT_CLEAN);
}
