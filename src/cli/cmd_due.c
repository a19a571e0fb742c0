/* cmd_due.c — `cyberduty due [--unit U] [--as-of DATE] [--all] [--json]`: everything due or
 * overdue — notices to rectify and answer, 举一反三 checks, yearly duties, MLPS filing and
 * assessment — soonest first. Exit 0 nothing overdue, 1 something overdue, 2 error. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "svc/book.h"

struct item {
	cd_date due;
	enum due_state state;
	const char *what;    /* "notice", "similar_check", "duty", "mlps_filing", … */
	char title[256];
	const char *subject; /* notice number, asset code or period */
	int64_t unit;
	const char *article;
	const struct oblig *o;
};

static int by_due(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->due != y->due) /* no deadline sorts last */
		return x->due == CD_DATE_NONE ? 1 : y->due == CD_DATE_NONE ? -1
						      : x->due < y->due	       ? -1
										: 1;
	return strcmp(x->title, y->title);
}

static bool open_state(enum due_state s)
{
	return s == DUE_OPEN || s == DUE_TODAY || s == DUE_OVERDUE || s == DUE_NO_DEADLINE;
}

static struct item *add(struct item **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct item *p = realloc(*v, c * sizeof(*p));

		if (!p)
			return NULL;
		*v = p;
		*cap = c;
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static enum cd_err collect(const struct book *b, cd_time at, int64_t top, bool all,
			   struct item **v, size_t *n)
{
	size_t cap = 0;

	for (size_t i = 0; i < b->nnotices; i++) {
		const struct notice *no = &b->notices[i];
		struct notice_due due = notice_due(no, b->p, b->cal);
		enum due_state st = notice_state(no, &due, at);
		size_t left = 0;
		struct item *it;

		if (no->received_at > at || !notice_concerns_subtree(no, b->reg, top))
			continue;
		if (all || open_state(st)) {
			if (!(it = add(v, n, &cap)))
				return CD_ENOMEM;
			it->due = due.due;
			it->state = st;
			it->what = "notice";
			snprintf(it->title, sizeof(it->title),
				 lang_tr("notice %s: rectify and give feedback — %s"), no->code,
				 no->authority);
			it->subject = no->code;
			it->unit = no->unit;
			it->article = b->p->numbers.rectify_article;
		}
		for (size_t k = 0; k < no->nsimilar; k++)
			left += no->similar[k].checked_at == CD_TIME_NONE ||
				no->similar[k].checked_at > at;
		if (left) {
			if (!(it = add(v, n, &cap)))
				return CD_ENOMEM;
			it->due = due.due;
			it->state = due_state_at(due.due, CD_TIME_NONE, at);
			it->what = "similar_check";
			snprintf(it->title, sizeof(it->title),
				 lang_tr("举一反三: notice %s, %zu similar systems to check"),
				 no->code, left);
			it->subject = no->code;
			it->unit = no->unit;
			it->article = b->p->numbers.rectify_article;
		}
	}
	for (size_t i = 0; i < b->obl.n; i++) {
		const struct oblig *o = &b->obl.v[i];
		enum due_state st = oblig_state(o, b->as_of);
		struct item *it;

		if (!(all || open_state(st)))
			continue;
		if (top && !(o->unit && reg_in_subtree(b->reg, o->unit, top)))
			continue;
		if (!(it = add(v, n, &cap)))
			return CD_ENOMEM;
		it->due = o->due;
		it->state = st;
		it->what = oblig_kind_code(o->kind);
		if (o->kind == OBLIG_DUTY)
			snprintf(it->title, sizeof(it->title), "%s（%s，%d/%d）", o->name, o->period,
				 o->have, o->need);
		else
			snprintf(it->title, sizeof(it->title), "%s — %s", o->name,
				 reg_asset(b->reg, o->asset)->name);
		it->subject = o->kind == OBLIG_DUTY ? o->period : reg_asset(b->reg, o->asset)->code;
		it->unit = o->unit;
		it->article = o->article;
		it->o = o;
	}
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), by_due);
	return CD_OK;
}

static json_t *item_json(const struct book *b, const struct item *it)
{
	const struct unit *u = it->unit ? reg_unit(b->reg, it->unit) : NULL;
	char day[26];
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "what", it->what, "title",
			      it->title, "subject", it->subject ? it->subject : "", "state",
			      due_state_code(it->state), "unit",
			      u ? json_string(u->code) : json_null(), "article",
			      it->article ? it->article : "");

	json_object_set_new(o, "due", it->due == CD_DATE_NONE
					      ? json_null()
					      : json_string(date_format(it->due, day)));
	if (it->o && it->o->kind == OBLIG_DUTY) {
		json_t *ev = json_array();

		for (size_t i = 0; i < it->o->nevidence; i++)
			json_array_append_new(ev, json_integer(it->o->evidence[i]));
		json_object_set_new(o, "duty", json_string(it->o->duty->id));
		json_object_set_new(o, "have", json_integer(it->o->have));
		json_object_set_new(o, "need", json_integer(it->o->need));
		json_object_set_new(o, "records", ev);
	}
	return o;
}

int cmd_due(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	const char *unit;
	const struct cli_field f[] = {{"--unit", &unit}, {NULL, NULL}};
	struct store *s = NULL;
	struct profile *p = NULL;
	struct book b = {0};
	struct item *v = NULL;
	size_t n = 0, overdue = 0;
	int64_t top = 0;
	enum cd_err rc;
	char day[26];

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_AS_OF | OPT_JSON | OPT_ALL, f, 0, 0, usage,
			      &o))
		return EXIT_ERROR;
	rc = cli_open(&o, &s, &p, &d);
	if (!rc)
		rc = book_load(s, p, o.as_of, &b, &d);
	if (!rc && unit) {
		const struct unit *u = reg_unit_by_code(b.reg, unit);

		if (!u)
			rc = cd_diag_set(&d, CD_ENOTFOUND, "--unit: no unit \"%s\"", unit);
		else
			top = u->id;
	}
	if (!rc && collect(&b, o.at, top, o.all, &v, &n))
		rc = cd_diag_set(&d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < n; i++)
		overdue += v[i].state == DUE_OVERDUE;
	if (!rc && o.json) {
		json_t *list = json_array(), *root;

		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, item_json(&b, &v[i]));
		root = json_pack("{s:s, s:s, s:I, s:I, s:o}", "profile", p->id, "as_of",
				 date_format(o.as_of, day), "count", (json_int_t)n, "overdue",
				 (json_int_t)overdue, "items", list);
		if (!root || json_dumpf(root, stdout, JSON_INDENT(2)))
			rc = cd_diag_set(&d, CD_ENOMEM, "writing JSON failed");
		json_decref(root);
		putchar('\n');
	} else if (!rc) {
		printf("cyberduty due — %s, as of %s%s%s\n", p->name, date_show(o.as_of, day),
		       unit ? ", unit " : "", unit ? unit : "");
		for (size_t i = 0; i < n; i++) {
			const struct item *it = &v[i];
			const struct unit *u = it->unit ? reg_unit(b.reg, it->unit) : NULL;
			char state[48];

			char when[48];

			printf("  %s  %s  %s", cli_day(when, sizeof when, it->due, CLI_DAY_WIDTH),
			       cli_cell(state, sizeof state,
					lang_pick(due_state_code(it->state),
						  due_state_label(it->state)),
					12),
			       it->title);
			if (u)
				printf(" · %s", u->name);
			if (it->article && *it->article)
				printf("  [%s]", it->article);
			printf("\n");
		}
		if (!n)
			printf("  nothing due\n");
		else
			printf("%zu item%s, %zu overdue\n", n, n == 1 ? "" : "s", overdue);
	}
	free(v);
	book_free(&b);
	store_close(s);
	profile_free(p);
	if (rc)
		return cli_fail(rc, &d);
	return overdue ? EXIT_FINDINGS : EXIT_CLEAN;
}
