/* cli.h — what the command files of cyberduty share: option parsing, exit codes, opening the
 * store with its profile, printing errors. One file per command: cli/cmd_NAME.c. */
#ifndef CD_CLI_H
#define CD_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "io/jnull.h"
#include "core/access.h"
#include "core/date.h"
#include "core/err.h"
#include "core/profile.h"
#include "store/store.h"
#include "svc/book.h"
#include "svc/evidence.h"

/* What the commands print goes through the message catalogue: printf, fprintf, puts and fputs
 * in a command file print the format in the process's language (io/say.h, cli_lang) — so every
 * message is written once, as its English format. */
#include "io/say.h"

/* cli_cell writes s padded with spaces to `width` terminal columns (lang_width: a Chinese
 * character takes two) into buf and returns buf: a table's cell that lines up in either
 * language. A longer s is kept whole. */
const char *cli_cell(char *buf, size_t n, const char *s, int width);

/* cli_file_read reads the file at path for an evidence file (cmd_file.c), refusing one over
 * limit bytes before reading it; *bytes is malloc'd (the caller frees). */
enum cd_err cli_file_read(const char *path, size_t limit, void **bytes, size_t *len,
			  struct cd_diag *d);

/* cli_day and cli_when: a day or an instant as a person reads it — "2026年12月3日",
 * "2026年12月3日 14:05" (English "3 Dec 2026 14:05"; date_show, time_show), "—" for none —
 * as cli_cell pads it to `width` columns (0: not padded). Every date or time of the human
 * output goes through them or time_show / date_show; --json keeps ISO 8601. */
#define CLI_DAY_WIDTH  14 /* 2026年12月31日 */
#define CLI_WHEN_WIDTH 20 /* 2026年12月31日 14:05 */
const char *cli_day(char *buf, size_t n, cd_date d, int width);
const char *cli_when(char *buf, size_t n, cd_time t, int width);

/* cli_lang sets the process's language from argv and the environment: `--lang zh|en` (taken out
 * of argv, *argc shortened — except after `export`, whose --lang also chooses the file's
 * language and stays), else $CYBERDUTY_LANG, else the first set of $LC_ALL, $LC_MESSAGES,
 * $LANG (a locale starting with "en" is English; anything else, C and POSIX included,
 * Chinese). False, having said why, for an unknown --lang or $CYBERDUTY_LANG. */
bool cli_lang(int *argc, char **argv);

#define EXIT_CLEAN    0 /* done; for check: no findings */
#define EXIT_FINDINGS 1 /* check found gaps */
#define EXIT_ERROR    2 /* bad usage, bad input or a failure */
#define EXIT_FAILED   1 /* user, token, settings: a failure that is not the input's fault */

/* Options a command may accept (bit mask for cli_parse). */
#define OPT_DB      (1u << 0) /* --db PATH */
#define OPT_AS_OF   (1u << 1) /* --as-of YYYY-MM-DD */
#define OPT_PROFILE (1u << 2) /* --profile ID|FILE */
#define OPT_FORMAT  (1u << 3) /* --format csv */
#define OPT_OUTPUT  (1u << 4) /* --output FILE */
#define OPT_JSON    (1u << 5) /* --json */
#define OPT_ALL     (1u << 6) /* --all */
#define OPT_DISABLE (1u << 7) /* --disable */
#define OPT_DRY_RUN (1u << 8) /* --dry-run */

#define CLI_MAX_POS 8

/* A command's own option: "--name VALUE" sets *value (NULL when not given). */
struct cli_field {
	const char *name;
	const char **value;
};

/* A command's own option that may be repeated: each "--name VALUE" fills the next of v[0..max)
 * and *n counts them. */
struct cli_list {
	const char *name;
	const char **v;
	size_t max;
	size_t *n;
};

struct cli_opts {
	const char *db;      /* default: $CYBERDUTY_DB, else "cyberduty.db" */
	const char *profile; /* NULL when not given */
	const char *format;  /* NULL when not given */
	const char *output;  /* NULL: standard output */
	cd_date as_of;       /* default: today in China Standard Time */
	cd_time at;          /* the instant of as_of: now by default; with --as-of DATE the end
			      * of that day (23:59:59 CST); --as-of also takes a date-time */
	bool as_of_given;    /* --as-of was given (else as_of and at are the clock's) */
	bool json;
	bool all;
	bool disable;
	bool dry_run;
	const char *pos[CLI_MAX_POS]; /* positional arguments after the command name */
	int npos;
};

/* cli_parse reads argv[1..argc) (argv[0] is the command name) accepting the options in
 * `allowed` and between min_pos and max_pos positional arguments. On a usage error it prints
 * the problem and `usage` to stderr and returns false. */
bool cli_parse(int argc, char **argv, unsigned allowed, int min_pos, int max_pos,
	       const char *usage, struct cli_opts *o);

/* cli_parse_fields is cli_parse with the command's own options: fields ends with {NULL}. */
bool cli_parse_fields(int argc, char **argv, unsigned allowed, const struct cli_field *fields,
		      int min_pos, int max_pos, const char *usage, struct cli_opts *o);

/* cli_parse_lists is cli_parse_fields with one repeatable option as well (list). */
bool cli_parse_lists(int argc, char **argv, unsigned allowed, const struct cli_field *fields,
		     const struct cli_list *list, int min_pos, int max_pos, const char *usage,
		     struct cli_opts *o);

/* cli_time reads an instant for option `name`: RFC 3339, or "YYYY-MM-DD HH:MM[:SS]" in China
 * Standard Time (a date alone is refused: the hour matters for a deadline). NULL v gives
 * `dflt`. On bad input prints the problem and returns false. */
bool cli_time(const char *name, const char *v, cd_time dflt, cd_time *out);

/* cli_asset_filters sets f from the asset list's filters given by their options (filter[i] the
 * text of svc_asset_filters[i], NULL: not given) through their one parser, svc_asset_filter_set
 * (a refusal names the option); *any: one was given. */
struct asset_query;
enum cd_err cli_asset_filters(struct store *s, const char *const *filter, struct asset_query *f,
			      bool *any, struct cd_diag *d);

/* cli_year reads --year: a year from lo to 9999 into *out (nothing when v is NULL); false, saying
 * so, when v is not one. */
bool cli_year(const char *v, int lo, int *out);

/* cli_past_time is cli_time defaulting to now that also refuses an instant in the future
 * (more than a minute ahead): what is recorded has happened. */
bool cli_past_time(const char *name, const char *v, cd_time *out);

/* cli_now returns the current instant. */
cd_time cli_now(void);

/* cli_fail prints "cyberduty: MESSAGE" for rc (the diag's text when it has one) and returns
 * EXIT_ERROR. */
int cli_fail(enum cd_err rc, const struct cd_diag *d);

/* cli_fail_input prints like cli_fail and returns EXIT_ERROR for what the input can fix
 * (CD_EINVAL, CD_ENOTFOUND, CD_ECONFLICT), EXIT_FAILED for any other failure (the database,
 * memory, a file) — the exit codes of user, token and settings. */
int cli_fail_input(enum cd_err rc, const struct cd_diag *d);

/* cli_role parses an account role (code or Chinese label) for option `name`. On an unknown one
 * it sets d to what to use ("did you mean" the nearest) and returns CD_EINVAL. */
enum cd_err cli_role(const char *name, const char *s, enum account_role *out,
		     struct cd_diag *d);

/* cli_unit finds the register unit with `code` (for option `name`) and sets *id. CD_ENOTFOUND
 * saying so when there is none. cli_unit_code is the code of unit id, "-" for 0, "?" unknown. */
enum cd_err cli_unit(const struct reg *reg, const char *name, const char *code, int64_t *id,
		     struct cd_diag *d);
const char *cli_unit_code(const struct reg *reg, int64_t id);

/* cli_csv_kind parses a register kind (units, people, duties, assets, projects) for `verb`; on
 * an unknown one it prints what to use and returns -1. */
int cli_csv_kind(const char *arg, const char *verb);

struct calendar;

/* cli_calendar builds the working-day calendar: the built-in official years
 * (data/cn-holidays.json) plus any years imported into the database o->db, when that database
 * exists. The caller frees it with calendar_free. */
enum cd_err cli_calendar(const struct cli_opts *o, struct calendar **out, struct cd_diag *d);

/* cli_today returns today's date in China Standard Time (UTC+8), read from the clock. */
cd_date cli_today(void);

/* cli_open opens the existing database o->db and loads the profile it was initialised with.
 * On CD_OK the caller owns both (store_close, profile_free). */
enum cd_err cli_open(const struct cli_opts *o, struct store **s, struct profile **p,
		     struct cd_diag *d);

/* A command working on one database's book: options, diagnostics, the store, its profile and
 * the book loaded as of o.as_of. */
struct cli_book {
	struct cli_opts o;
	struct cd_diag d;
	struct store *s;
	struct profile *p;
	struct book b;
	const struct policy *pol; /* cli_act's, given back by cli_book_close */
};

struct act;

/* cli_act prepares an act of svc/ (act.h) run from the command line over c's open store: the
 * shared policy, the actor "cli:<login name>", the clock (cli_now), the whole organisation as
 * scope, c's book's arena and diag. The actor text lives in `actor` (at least 96 bytes). */
enum cd_err cli_act(struct cli_book *c, struct act *a, char *actor, size_t n);

/* cli_act_option puts a refusal of an act in the command line's words: the message's leading
 * "FIELD: " (field as the act named it in act.field) becomes "OPTION: ", the option that gave
 * it — "--FIELD" when option is NULL. Nothing changes when field is NULL. */
void cli_act_option(struct cd_diag *d, const char *field, const char *option);

/* cli_act_on prepares, likewise, an act over store s for a command that opened the store itself
 * and needs no policy (pol NULL): the actor in `actor` (at least 96 bytes), the clock, the whole
 * organisation as scope, arena ar (may be NULL for the acts that allocate nothing) and diag d. */
void cli_act_on(struct store *s, struct arena *ar, struct cd_diag *d, struct act *a, char *actor,
		size_t n);

/* cli_book_close releases everything of c and returns `code`, or, when rc is an error, prints
 * it (cli_fail) and returns EXIT_ERROR. */
int cli_book_close(struct cli_book *c, enum cd_err rc, int code);

/* The file of an --attachment option (notice add, record KIND), kept as the evidence file of the
 * owner an act has just recorded, in the owner's transaction (cmd_file.c): cli_attach_open
 * reads it (path NULL: no file; nothing when it cannot be read or is too large) and opens the
 * transaction; cli_attach_close, when the owner's act succeeded (rc CD_OK), attaches it to owner
 * id by the act the API's upload uses (type judged by its bytes, SM3 in the audit entry) and
 * commits — or rolls both back: a file refused records no owner either. cli_attach_say prints
 * what was kept. */
struct cli_attach {
	const char *path;
	void *bytes;
	size_t len;
	struct evidence_row e; /* the file as kept */
};
enum cd_err cli_attach_open(struct cli_book *c, struct act *a, struct cli_attach *f);
enum cd_err cli_attach_close(struct cli_book *c, struct act *a, enum cd_err rc,
			     enum evidence_owner kind, int64_t id, struct cli_attach *f);
void cli_attach_say(const struct cli_attach *f);

/* cli_book_open_incident opens c->o.db and, unless x is NULL, reads the incident named by the
 * first argument (c->o.pos[0]) with its verdicts' environment at c->o.at (cli_incident_view).
 * CD_ENOTFOUND saying where to look when there is no such incident. */
enum cd_err cli_book_open_incident(struct cli_book *c, struct incident **x,
				   struct incident_env *env);

/* cli_incident_view reads incident `code` of c's open store as svc_incident_get does at `at`:
 * *x and *env (the register around its systems, …) live in c's arena. */
enum cd_err cli_incident_view(struct cli_book *c, const char *code, cd_time at,
			      struct incident **x, struct incident_env *env);

/* cli_book_analyse runs incident_analyse for x at `at` in c's arena. CD_ENOMEM. */
enum cd_err cli_book_analyse(struct cli_book *c, const struct incident_env *env,
			     const struct incident *x, cd_time at, struct incident_analysis *an);

/* cli_incident_write appends e[0..n) to incident x through the act (svc_incident_events,
 * audit `action`); on CD_OK *x is the incident as stored. */
enum cd_err cli_incident_write(struct cli_book *c, struct incident *x,
			       const struct incident_event *e, size_t n, const char *action);

/* cli_fact_text writes an answer to an open question (fact `name`, value "true", "false", "" or
 * a number) as the reader reads it: "封锁、瞒报事件：是" in Chinese, "concealed = true" in
 * English. Returns buf. */
const char *cli_fact_text(const char *name, const char *value, char *buf, size_t n);

/* cli_split_codes splits "A,B,C" into its codes, in arena a (*n of them; NULL when out of
 * memory). */
const char **cli_split_codes(const char *list, struct arena *a, size_t *n);

/* cli_person finds the register person with `code` (for option `name`) and sets *id.
 * CD_ENOTFOUND saying so when there is none. */
enum cd_err cli_person(const struct reg *reg, const char *name, const char *code, int64_t *id,
		       struct cd_diag *d);

/* cli_split splits "NAME=VALUE" (option `opt`) into copies in arena a; VALUE may be empty.
 * CD_EINVAL saying what form is wanted when there is no '=' or no name. */
enum cd_err cli_split(const char *opt, const char *nv, struct arena *a, const char **name,
		      const char **value, struct cd_diag *d);

/* cli_person_text writes "name (code)" of person id into buf; "? (?)" when unknown. */
const char *cli_person_text(const struct reg *reg, int64_t id, char *buf, size_t n);

/* A subcommand: its name, what runs it (argv[0] is the subcommand) and its synopsis. */
struct cli_sub {
	const char *name;
	int (*run)(int argc, char **argv, const char *usage);
	const char *usage;
};

/* cli_dispatch runs the subcommand of `cmd` named by argv[1] among subs[0..n); a missing or
 * unknown one is a usage error (EXIT_ERROR). */
int cli_dispatch(int argc, char **argv, const char *cmd, const char *usage,
		 const struct cli_sub *subs, size_t n);

/* cli_actor writes who runs the command as the audit log names it — "cli:<login name of the
 * effective user>", "cli:uid<N>" when the user has no name; the account's name under --as —
 * into buf and returns buf. */
const char *cli_actor(char *buf, size_t n);

/* cli_as takes `--as ACCOUNT` out of argv (*argc shortened) and, for a command that may be
 * done in an account's name, checks the account's password (and second factor's code) as a
 * sign-in does — at the terminal, or from $CYBERDUTY_AS_FD / $CYBERDUTY_AS_PASSWORD and
 * $CYBERDUTY_AS_TOTP — and its role against the API's route for the same act (cli/as.c). Then
 * the command's acts are the account's: cli_actor names it, cli_act_on keeps to its unit
 * scope. True when there is no --as; false, having said why, when it may not act. */
bool cli_as(int *argc, char **argv);

struct account;
/* cli_as_account: the account the command acts as (--as), or NULL: the host's owner. */
const struct account *cli_as_account(void);

/* cli_read_line reads one line of at most n - 1 bytes from f into buf, without its line end;
 * cli_prompt asks question on the terminal and reads the answer without echo. CD_EINVAL when
 * there is no line or it is too long. */
enum cd_err cli_read_line(FILE *f, char *buf, size_t n, struct cd_diag *d);
enum cd_err cli_prompt(const char *question, char *buf, size_t n, struct cd_diag *d);

/* cli_audit_record appends, in a transaction of its own, the entry of a write whose
 * transaction the command does not hold (demo/ commits itself), called right after it: actor
 * cli_actor, ip "", now, outcome ok, action (dotted: "demo.create"),
 * the object named by object_fmt, after (consumed; NULL for none). A failure
 * says the write is done but its entry is not. (Every other write of the command line is an
 * act of svc/, whose entry is in the write's transaction.) */
enum cd_err cli_audit_record(struct store *s, const char *action, json_t *after,
			     struct cd_diag *d, const char *object_fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* cli_json_dump prints root (consumed) indented on standard output; -1 when it cannot. */
int cli_json_dump(json_t *root);

/* Commands: argv[0] is the command's own name, usage its synopsis (from main.c's table, for
 * usage errors); each returns a process exit code. */
int cmd_file(int argc, char **argv, const char *usage);

/* cli_file_owner runs `OWNER attach ID|CODE FILE` or `OWNER files ID|CODE` (argv[1] says which)
 * for an owner of evidence files (enum evidence_owner, svc/evidence.h): notice, incident,
 * record (cmd_file.c). */
int cli_file_owner(int argc, char **argv, int owner_kind);
int cmd_init(int argc, char **argv, const char *usage);
int cmd_demo(int argc, char **argv, const char *usage);
int cmd_profile(int argc, char **argv, const char *usage);
int cmd_import(int argc, char **argv, const char *usage);
int cmd_export(int argc, char **argv, const char *usage);
int cmd_template(int argc, char **argv, const char *usage);
int cmd_report(int argc, char **argv, const char *usage);
int cmd_check(int argc, char **argv, const char *usage);
int cmd_serve(int argc, char **argv, const char *usage);
int cmd_calendar(int argc, char **argv, const char *usage);
int cmd_notice(int argc, char **argv, const char *usage);
int cmd_due(int argc, char **argv, const char *usage);
int cmd_record(int argc, char **argv, const char *usage);
int cmd_project(int argc, char **argv, const char *usage);
int cmd_eval(int argc, char **argv, const char *usage);
int cmd_incident(int argc, char **argv, const char *usage);
int cmd_accountability(int argc, char **argv, const char *usage);
int cmd_audit(int argc, char **argv, const char *usage);
int cmd_user(int argc, char **argv, const char *usage);
int cmd_token(int argc, char **argv, const char *usage);
int cmd_settings(int argc, char **argv, const char *usage);
int cmd_notify(int argc, char **argv, const char *usage);
int cmd_assess(int argc, char **argv, const char *usage);

#endif
