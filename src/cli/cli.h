/* cli.h — what the command files of cyberduty share: option parsing, exit codes, opening the
 * store with its profile, printing errors. One file per command: cli/cmd_NAME.c. */
#ifndef CD_CLI_H
#define CD_CLI_H

#include <stdbool.h>

#include "core/date.h"
#include "core/err.h"
#include "core/profile.h"
#include "store/store.h"

#define EXIT_CLEAN    0 /* done; for check: no findings */
#define EXIT_FINDINGS 1 /* check found gaps */
#define EXIT_ERROR    2 /* bad usage, bad input or a failure */

/* Options a command may accept (bit mask for cli_parse). */
#define OPT_DB      (1u << 0) /* --db PATH */
#define OPT_AS_OF   (1u << 1) /* --as-of YYYY-MM-DD */
#define OPT_PROFILE (1u << 2) /* --profile ID|FILE */
#define OPT_FORMAT  (1u << 3) /* --format csv */
#define OPT_OUTPUT  (1u << 4) /* --output FILE */
#define OPT_JSON    (1u << 5) /* --json */
#define OPT_ALL     (1u << 6) /* --all */

#define CLI_MAX_POS 8

/* A command's own option: "--name VALUE" sets *value (NULL when not given). */
struct cli_field {
	const char *name;
	const char **value;
};

struct cli_opts {
	const char *db;      /* default: $CYBERDUTY_DB, else "cyberduty.db" */
	const char *profile; /* NULL when not given */
	const char *format;  /* NULL when not given */
	const char *output;  /* NULL: standard output */
	cd_date as_of;       /* default: today in China Standard Time */
	cd_time at;          /* the instant of as_of: now by default; with --as-of DATE the end
			      * of that day (23:59:59 CST); --as-of also takes a date-time */
	bool json;
	bool all;
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

/* cli_time reads an instant for option `name`: RFC 3339, or "YYYY-MM-DD HH:MM[:SS]" in China
 * Standard Time (a date alone is refused: the hour matters for a deadline). NULL v gives
 * `dflt`. On bad input prints the problem and returns false. */
bool cli_time(const char *name, const char *v, cd_time dflt, cd_time *out);

/* cli_now returns the current instant. */
cd_time cli_now(void);

/* cli_fail prints "cyberduty: MESSAGE" for rc (the diag's text when it has one) and returns
 * EXIT_ERROR. */
int cli_fail(enum cd_err rc, const struct cd_diag *d);

/* cli_csv_kind parses a register kind (units, people, duties, assets) for `verb`; on an unknown
 * one it prints what to use and returns -1. */
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

/* Commands: argv[0] is the command's own name, usage its synopsis (from main.c's table, for
 * usage errors); each returns a process exit code. */
int cmd_init(int argc, char **argv, const char *usage);
int cmd_demo(int argc, char **argv, const char *usage);
int cmd_profile(int argc, char **argv, const char *usage);
int cmd_import(int argc, char **argv, const char *usage);
int cmd_export(int argc, char **argv, const char *usage);
int cmd_check(int argc, char **argv, const char *usage);
int cmd_serve(int argc, char **argv, const char *usage);
int cmd_calendar(int argc, char **argv, const char *usage);
int cmd_notice(int argc, char **argv, const char *usage);
int cmd_due(int argc, char **argv, const char *usage);
int cmd_record(int argc, char **argv, const char *usage);
int cmd_project(int argc, char **argv, const char *usage);
int cmd_eval(int argc, char **argv, const char *usage);

#endif
