/* cmd_calendar.c — `cyberduty calendar due DATE N | show YEAR | import FILE`: deadlines in
 * Chinese working days, a year's official holidays, and a newly published year. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "io/holidays.h"
#include "svc/setup.h"

#define WARN_ESTIMATED                                                                             \
	"no official holiday calendar for %d: counted Monday to Friday (import the State "       \
	"Council notice with `cyberduty calendar import FILE`)"

static bool whole(const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	return !errno && end != s && !*end && *out >= lo && *out <= hi;
}

static int due(const struct cli_opts *o)
{
	struct cd_diag d = {{0}};
	struct calendar *c = NULL;
	char warn[256] = "", day[26], start_s[11];
	cd_date start, t;
	bool est = false;
	long n;
	enum cd_err rc;

	if (!date_parse(o->pos[1], &start)) {
		fprintf(stderr, "cyberduty: \"%s\" is not a date YYYY-MM-DD\n", o->pos[1]);
		return EXIT_ERROR;
	}
	if (!whole(o->pos[2], 1, CALENDAR_MAX_WORKDAYS, &n)) {
		fprintf(stderr, "cyberduty: \"%s\" is not a number of working days (1-%d)\n",
			o->pos[2], CALENDAR_MAX_WORKDAYS);
		return EXIT_ERROR;
	}
	rc = cli_calendar(o, &c, &d);
	if (rc)
		return cli_fail(rc, &d);
	t = calendar_add_workdays(c, start, (int)n, &est);
	if (est)
		snprintf(warn, sizeof(warn), WARN_ESTIMATED, calendar_estimated_year(c, start, t));
	calendar_free(c);
	if (o->json) {
		json_t *j = json_pack("{s:s, s:I, s:s, s:s, s:[]}", "start",
				      date_format(start, start_s), "workdays", (json_int_t)n,
				      "date", date_format(t, day), "ends", "24:00", "warnings");

		if (j && est)
			json_array_append_new(json_object_get(j, "warnings"), json_string(warn));
		json_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(j);
	} else {
		printf("%s\n", date_show(t, day)); /* 2024年10月9日; ISO stays in --json */
		if (est)
			fprintf(stderr, "cyberduty: warning: %s\n", warn);
	}
	return EXIT_CLEAN;
}

static int show(const struct cli_opts *o)
{
	struct cd_diag d = {{0}};
	struct calendar *c = NULL;
	const struct calendar_entry *e;
	int workdays = 0;
	size_t n;
	long year;
	char day[48], kind[32];
	static const char *const wd[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};
	static const char *const wd_en[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	enum cd_err rc;

	if (!whole(o->pos[1], 1900, 9999, &year)) {
		fprintf(stderr, "cyberduty: \"%s\" is not a year\n", o->pos[1]);
		return EXIT_ERROR;
	}
	rc = cli_calendar(o, &c, &d);
	if (rc)
		return cli_fail(rc, &d);
	for (cd_date t = date_from_ymd((int)year, 1, 1); t < date_from_ymd((int)year + 1, 1, 1); t++)
		workdays += calendar_is_workday(c, t, NULL);
	if (!calendar_has_year(c, (int)year)) {
		printf("%ld: ", year);
		printf(WARN_ESTIMATED, (int)year);
		printf("\n%ld: %d working days (Monday to Friday)\n", year, workdays);
		calendar_free(c);
		return EXIT_CLEAN;
	}
	printf("%ld: official calendar — %d working days\n", year, workdays);
	n = calendar_entries(c, (int)year, &e);
	for (size_t i = 0; i < n; i++)
		printf("  %s %s  %s %s\n", cli_day(day, sizeof day, e[i].date, CLI_DAY_WIDTH),
		       lang_pick(wd_en[date_weekday(e[i].date)], wd[date_weekday(e[i].date)]),
		       cli_cell(kind, sizeof kind,
				lang_pick(e[i].kind == CALENDAR_WORK ? "workday" : "holiday",
					  calendar_kind_label(e[i].kind)),
				7),
		       e[i].name);
	calendar_free(c);
	return EXIT_CLEAN;
}

static int import(const struct cli_opts *o)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct holidays h;
	struct store *s = NULL;
	struct act c;
	char *buf = NULL, actor[128];
	size_t len = 0;
	FILE *f = fopen(o->pos[1], "rb");
	enum cd_err rc = CD_OK;

	if (!a)
		rc = cd_diag_set(&d, CD_ENOMEM, "out of memory");
	else if (!f)
		rc = cd_diag_set(&d, CD_EIO, "%s: cannot open: %s", o->pos[1], strerror(errno));
	if (!rc) {
		buf = arena_alloc(a, 1 << 20);
		len = buf ? fread(buf, 1, 1 << 20, f) : 0;
		if (!buf)
			rc = cd_diag_set(&d, CD_ENOMEM, "out of memory");
		else if (len == 1 << 20)
			rc = cd_diag_set(&d, CD_EINVAL, "%s: larger than 1 MiB", o->pos[1]);
	}
	if (f)
		fclose(f);
	if (!rc)
		rc = holidays_parse(buf, len, o->pos[1], a, &h, &d);
	if (!rc)
		rc = store_open(o->db, 0, &s, &d);
	cli_act_on(s, a, &d, &c, actor, sizeof actor);
	if (!rc)
		rc = svc_calendar_import(&c, &h, o->pos[1]);
	if (!rc)
		printf("%s: official calendar for %d-%d imported into %s (%zu days)\n", o->pos[1],
		       h.year_from, h.year_to, o->db, h.ndays);
	store_close(s);
	arena_free(a);
	return rc ? cli_fail(rc, &d) : EXIT_CLEAN;
}

int cmd_calendar(int argc, char **argv, const char *usage)
{
	struct cli_opts o;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 2, 3, usage, &o))
		return EXIT_ERROR;
	if (!strcmp(o.pos[0], "due") && o.npos == 3)
		return due(&o);
	if (!strcmp(o.pos[0], "show") && o.npos == 2)
		return show(&o);
	if (!strcmp(o.pos[0], "import") && o.npos == 2)
		return import(&o);
	fprintf(stderr, "usage: cyberduty %s\n", usage);
	return EXIT_ERROR;
}
