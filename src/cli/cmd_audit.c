/* cmd_audit.c — `cyberduty audit verify|list|archive|retention`: checks the audit log's SM3
 * chain (with its archive files and a head noted outside), lists entries, moves those older
 * than the retention into an archive file, and shows or sets the retention (docs/audit.md). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"

#define ARCHIVES_MAX 256
#define LIST_DEFAULT 100
#define LIST_MAX     100000

/* whole reads a whole number lo..hi for option `name`; says what is wrong when it is not. */
static bool whole(const char *name, const char *v, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(v, &end, 10);
	if (!errno && end != v && !*end && *out >= lo && *out <= hi)
		return true;
	fprintf(stderr, "cyberduty: %s wants a whole number from %ld to %ld, not \"%s\"\n", name,
	        lo, hi, v);
	return false;
}

/* ---- verify ---- */

static void say_intact(const struct audit_report *r)
{
	if (r->last)
		printf("audit log intact: seq %lld to %lld in the database (%lld entr%s)\n",
		       (long long)r->first, (long long)r->last, (long long)(r->last - r->first + 1),
		       r->last == r->first ? "y" : "ies");
	else
		printf("audit log intact: no entries in the database\n");
	if (r->archived)
		printf("  archived up to seq %lld: %zu archive file%s checked",
		       (long long)r->archived, r->files, r->files == 1 ? "" : "s");
	if (r->archived)
		printf("\n");
	if (!r->keyed_from)
		printf("  no entry is keyed: each carries its SM3 only, which whoever can write the "
		       "database can recompute (`cyberduty init --db PATH` makes the audit key)\n");
	else if (r->keyed_from > 1)
		printf("  seq 1 to %lld carry their SM3 only (written before the key); seq %lld on "
		       "are keyed (HMAC-SM3, key %s)\n",
		       (long long)r->keyed_from - 1, (long long)r->keyed_from, r->key_id);
	else
		printf("  every entry is keyed (HMAC-SM3, key %s)\n", r->key_id);
	printf("head %lld:%s\n", (long long)r->head.seq, r->head.hash);
	if (r->head.seq)
		printf("  note the head outside this database: `cyberduty audit verify --head "
		       "%lld:%s` then also finds the newest entries deleted together with the head "
		       "recorded here\n",
		       (long long)r->head.seq, r->head.hash);
}

static int audit_verify_cmd(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	const char *head, *archives[ARCHIVES_MAX];
	size_t n = 0;
	const struct cli_field f[] = {{"--head", &head}, {NULL, NULL}};
	const struct cli_list l = {"--archive", archives, ARCHIVES_MAX, &n};
	struct audit_head noted;
	struct audit_verify_opts vo = {.archives = archives};
	struct audit_report r;
	struct store *s = NULL;
	enum cd_err rc;

	if (!cli_parse_lists(argc, argv, OPT_DB, f, &l, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (head && !audit_head_parse(head, &noted)) {
		fprintf(stderr,
		        "cyberduty: --head wants SEQ:HASH as `audit verify` prints it (42:<64 hex "
		        "digits>), not \"%s\"\n",
		        head);
		return EXIT_ERROR;
	}
	vo.narchives = n;
	vo.noted = head ? &noted : NULL;
	rc = store_open(o.db, 0, &s, &d);
	if (!rc)
		rc = audit_verify(s, &vo, &r, &d);
	store_close(s);
	if (rc)
		return cli_fail(rc, &d);
	if (r.broken) {
		printf("audit log broken: %s\n", r.why);
		return EXIT_FINDINGS;
	}
	say_intact(&r);
	return EXIT_CLEAN;
}

/* ---- list ---- */

/* bound reads --from / --to: a date (its start, or with end its end) or an instant (with end,
 * the second after it) as the text stored entries compare with. */
static bool bound(const char *name, const char *v, bool end, char buf[26], const char **out)
{
	cd_date day;
	cd_time t;

	*out = NULL;
	if (!v)
		return true;
	if (date_parse(v, &day)) {
		t = end ? time_cst_end(day) : time_cst_start(day);
	} else if (time_parse(v, true, &t)) {
		t += end;
	} else {
		fprintf(stderr,
		        "cyberduty: %s wants a date YYYY-MM-DD or a time \"YYYY-MM-DD HH:MM\", not "
		        "\"%s\"\n",
		        name, v);
		return false;
	}
	*out = time_format(t, buf);
	return true;
}

/* list_row: an entry as a line — the action and the outcome by their labels (the action's code
 * beside it: what --action filters on) */
static void list_row(const struct store_audit_entry *e)
{
	const char *act = audit_action_label(e->action), *out = audit_outcome_label(e->outcome);
	char act_c[192], out_c[64];

	printf("%6lld  %s  %-16s %s %-24s %-20s %s", (long long)e->seq, e->at, e->actor,
	       cli_cell(act_c, sizeof act_c, act ? act : e->action, 28), e->action, e->object,
	       cli_cell(out_c, sizeof out_c, out ? out : e->outcome, *e->ip || e->after ? 8 : 0));
	if (*e->ip)
		printf("  from %s", e->ip);
	if (e->after)
		printf("  %s", e->after);
	printf("\n");
}

/* entry_json: the entry as the API lists it — action_label and outcome_label beside the codes */
static json_t *entry_json(const struct store_audit_entry *e)
{
	json_t *j = audit_entry_json(e);
	const char *act = audit_action_label(e->action), *out = audit_outcome_label(e->outcome);

	if (j && act)
		json_object_set_new(j, "action_label", json_string(act));
	if (j && out)
		json_object_set_new(j, "outcome_label", json_string(out));
	return j;
}

static int audit_list(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	const char *from, *to, *actor, *action, *outcome, *limit;
	const struct cli_field f[] = {
	    {"--from", &from},     {"--to", &to},           {"--actor", &actor},
	    {"--action", &action}, {"--outcome", &outcome}, {"--limit", &limit},
	    {NULL, NULL}};
	struct store_audit_filter q = {.limit = LIST_DEFAULT};
	struct store_audit_entry *v = NULL;
	struct store *s = NULL;
	struct arena *a = NULL;
	char from_s[26], to_s[26];
	json_t *list = NULL;
	size_t n = 0;
	long lim = LIST_DEFAULT;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 0, 0, usage, &o) ||
	    !bound("--from", from, false, from_s, &q.from) ||
	    !bound("--to", to, true, to_s, &q.to) ||
	    (limit && !whole("--limit", limit, 1, LIST_MAX, &lim)))
		return EXIT_ERROR;
	if (outcome && !audit_outcome_known(outcome)) {
		fprintf(stderr,
		        "cyberduty: --outcome is one of ok, denied, invalid, failed, locked; not "
		        "\"%s\"\n",
		        outcome);
		return EXIT_ERROR;
	}
	q.actor = actor;
	q.action = action;
	q.outcome = outcome;
	q.limit = (size_t)lim;
	rc = store_open(o.db, 0, &s, &d);
	if (!rc && !(a = arena_new(0)))
		rc = cd_diag_set(&d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = store_audit_find(s, &q, a, &v, &n, &d);
	if (!rc && o.json)
		list = json_array();
	for (size_t i = 0; !rc && i < n; i++) {
		if (!list) {
			list_row(&v[i]);
			continue;
		}
		if (json_array_append_new(list, entry_json(&v[i])))
			rc = cd_diag_set(&d, CD_ENOMEM, "seq %lld cannot be written as JSON",
			                 (long long)v[i].seq);
	}
	if (!rc && list && cli_json_dump(json_pack("{s:O}", "entries", list)))
		rc = cd_diag_set(&d, CD_ENOMEM, "writing JSON failed");
	json_decref(list);
	arena_free(a);
	store_close(s);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}

/* audit actions: the vocabulary — each action's code (what --action filters on) and label */
static int audit_actions(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	json_t *list = NULL;

	if (!cli_parse(argc, argv, OPT_JSON, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (o.json && !(list = json_array()))
		return EXIT_FAILED;
	for (size_t i = 0; i < audit_action_count(); i++) {
		const char *code, *zh, *en;
		char cell[64];

		audit_action_entry(i, &code, &zh, &en);
		if (list)
			json_array_append_new(list, json_pack("{s:s, s:s}", "action", code,
							      "action_label", lang_pick(en, zh)));
		else
			printf("%s %s\n", cli_cell(cell, sizeof cell, code, 26), lang_pick(en, zh));
	}
	if (list && cli_json_dump(json_pack("{s:o}", "actions", list)))
		return EXIT_FAILED;
	return EXIT_CLEAN;
}

/* ---- archive, retention ---- */

static int audit_archive_cmd(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	const char *out, *before;
	const struct cli_field f[] = {{"--out", &out}, {"--before", &before}, {NULL, NULL}};
	char actor[300], day[11];
	struct audit_entry by = {
	    .at = cli_now(), .actor = cli_actor(actor, sizeof(actor)), .ip = ""};
	struct audit_archived r = {0};
	struct store *s = NULL;
	cd_date until = CD_DATE_NONE;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (!out) {
		fprintf(
		    stderr,
		    "cyberduty: audit archive needs --out FILE (a new file)\nusage: cyberduty %s\n",
		    usage);
		return EXIT_ERROR;
	}
	if (before && !date_parse(before, &until)) {
		fprintf(stderr, "cyberduty: --before wants a date YYYY-MM-DD, not \"%s\"\n",
		        before);
		return EXIT_ERROR;
	}
	rc = store_open(o.db, 0, &s, &d);
	if (!rc)
		rc = audit_archive(s, out, until, &by, &r, &d);
	store_close(s);
	if (rc && r.check.broken) {
		printf("audit log broken: %s\nnothing archived\n", r.check.why);
		return EXIT_FINDINGS;
	}
	if (rc)
		return cli_fail(rc, &d);
	if (!r.upto_seq)
		printf("nothing to archive: no entry before %s\n", date_format(r.before, day));
	else
		printf("archived seq %lld to %lld (%lld entries before %s) into %s, SM3 %s; they "
		       "left the database\n",
		       (long long)r.from_seq, (long long)r.upto_seq,
		       (long long)(r.upto_seq - r.from_seq + 1), date_format(r.before, day), out,
		       r.file_sm3);
	return EXIT_CLEAN;
}

static int audit_retention_cmd(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	char actor[300];
	struct audit_entry by = {
	    .at = cli_now(), .actor = cli_actor(actor, sizeof(actor)), .ip = ""};
	struct store *s = NULL;
	long want = 0;
	int days = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB, 0, 1, usage, &o))
		return EXIT_ERROR;
	if (o.npos && !whole("DAYS", o.pos[0], AUDIT_RETENTION_MIN, AUDIT_RETENTION_MAX, &want))
		return EXIT_ERROR;
	rc = store_open(o.db, 0, &s, &d);
	if (!rc && o.npos)
		rc = audit_retention_set(s, (int)want, &by, &d);
	if (!rc)
		rc = audit_retention(s, &days, &d);
	store_close(s);
	if (rc)
		return cli_fail(rc, &d);
	printf("audit entries are kept %d days before they may be archived (at least %d: six "
	       "months, " AUDIT_RETENTION_LAW ")\n",
	       days, AUDIT_RETENTION_MIN);
	return EXIT_CLEAN;
}

int cmd_audit(int argc, char **argv, const char *usage)
{
	static const struct cli_sub subs[] = {
	    {"verify", audit_verify_cmd,
	     "audit verify [--archive FILE …] [--head SEQ:HASH] [--db PATH]"},
	    {"list", audit_list,
	     "audit list [--from DATE|TIME] [--to DATE|TIME] [--actor A] [--action A|PREFIX.] "
	     "[--outcome O] [--limit N] [--json] [--db PATH]"},
	    {"actions", audit_actions, "audit actions [--json]"},
	    {"archive", audit_archive_cmd, "audit archive --out FILE [--before DATE] [--db PATH]"},
	    {"retention", audit_retention_cmd, "audit retention [DAYS] [--db PATH]"},
	};

	return cli_dispatch(argc, argv, "audit", usage, subs, sizeof(subs) / sizeof(subs[0]));
}
