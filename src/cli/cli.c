/* cli.c — option parsing and the helpers every command uses. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/calendar.h"
#include "embed/embed.h"
#include "io/csv_import.h"
#include "io/calendar_load.h"
#include "profile/profile_load.h"

static const struct {
	unsigned bit;
	const char *name;
	bool takes_value;
} options[] = {
	{OPT_DB, "--db", true},		{OPT_AS_OF, "--as-of", true},
	{OPT_PROFILE, "--profile", true}, {OPT_FORMAT, "--format", true},
	{OPT_OUTPUT, "--output", true},	{OPT_JSON, "--json", false},
	{OPT_ALL, "--all", false},
};

static bool usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("cyberduty: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: cyberduty %s\n", usage);
	return false;
}

static bool set_option(struct cli_opts *o, unsigned bit, const char *v, const char *usage)
{
	switch (bit) {
	case OPT_DB:
		o->db = v;
		break;
	case OPT_PROFILE:
		o->profile = v;
		break;
	case OPT_FORMAT:
		o->format = v;
		break;
	case OPT_OUTPUT:
		o->output = v;
		break;
	case OPT_AS_OF:
		if (date_parse(v, &o->as_of)) {
			o->at = time_cst_end(o->as_of) - 1;
		} else if (time_parse(v, true, &o->at)) {
			o->as_of = time_cst_date(o->at);
		} else {
			return usage_error(usage,
					   "--as-of wants a date YYYY-MM-DD or a date-time "
					   "YYYY-MM-DDTHH:MM[+08:00], not \"%s\"",
					   v);
		}
		break;
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_ALL:
		o->all = true;
		break;
	default:
		break;
	}
	return true;
}

bool cli_parse(int argc, char **argv, unsigned allowed, int min_pos, int max_pos,
	       const char *usage, struct cli_opts *o)
{
	static const struct cli_field none[] = {{NULL, NULL}};

	return cli_parse_fields(argc, argv, allowed, none, min_pos, max_pos, usage, o);
}

/* field_option matches argv[*i] against the command's own options; 1 matched, 0 not, -1 error. */
static int field_option(int argc, char **argv, int *i, const struct cli_field *fields,
			const char *usage)
{
	const char *a = argv[*i];

	for (const struct cli_field *f = fields; f->name; f++) {
		size_t n = strlen(f->name);
		const char *v = NULL;

		if (strncmp(a, f->name, n) || (a[n] != '\0' && a[n] != '='))
			continue;
		if (a[n] == '=')
			v = a + n + 1;
		else if (*i + 1 < argc)
			v = argv[++*i];
		if (!v || !*v) {
			usage_error(usage, "option %s needs a value", f->name);
			return -1;
		}
		if (*f->value) {
			usage_error(usage, "option %s given twice", f->name);
			return -1;
		}
		*f->value = v;
		return 1;
	}
	return 0;
}

bool cli_parse_fields(int argc, char **argv, unsigned allowed, const struct cli_field *fields,
		      int min_pos, int max_pos, const char *usage, struct cli_opts *o)
{
	const char *env = getenv("CYBERDUTY_DB");

	memset(o, 0, sizeof(*o));
	o->db = env && *env ? env : "cyberduty.db";
	o->as_of = cli_today();
	o->at = cli_now();
	for (const struct cli_field *f = fields; f->name; f++)
		*f->value = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool matched = false;
		int fr;

		if (a[0] != '-' || a[1] == '\0') {
			if (o->npos == max_pos || o->npos == CLI_MAX_POS)
				return usage_error(usage, "unexpected argument \"%s\"", a);
			o->pos[o->npos++] = a;
			continue;
		}
		if ((fr = field_option(argc, argv, &i, fields, usage)) < 0)
			return false;
		if (fr)
			continue;
		for (size_t k = 0; k < sizeof(options) / sizeof(options[0]); k++) {
			size_t n = strlen(options[k].name);
			const char *v = NULL;

			if (strncmp(a, options[k].name, n) || (a[n] != '\0' && a[n] != '='))
				continue;
			if (!(allowed & options[k].bit))
				return usage_error(usage, "option %s does not apply here", a);
			if (options[k].takes_value) {
				if (a[n] == '=')
					v = a + n + 1;
				else if (i + 1 < argc)
					v = argv[++i];
				if (!v || !*v)
					return usage_error(usage, "option %s needs a value",
							   options[k].name);
			} else if (a[n] == '=') {
				return usage_error(usage, "option %s takes no value",
						   options[k].name);
			}
			if (!set_option(o, options[k].bit, v, usage))
				return false;
			matched = true;
			break;
		}
		if (!matched)
			return usage_error(usage, "unknown option \"%s\"", a);
	}
	if (o->npos < min_pos)
		return usage_error(usage, "missing argument");
	return true;
}

int cli_fail(enum cd_err rc, const struct cd_diag *d)
{
	fprintf(stderr, "cyberduty: %s\n", d && d->msg[0] ? d->msg : cd_strerror(rc));
	return EXIT_ERROR;
}

int cli_csv_kind(const char *arg, const char *verb)
{
	int kind = csv_kind_parse(arg);

	if (kind < 0)
		fprintf(stderr, "cyberduty: cannot %s \"%s\" (use units, people, duties or assets)\n",
			verb, arg);
	return kind;
}

cd_time cli_now(void)
{
	return (cd_time)time(NULL);
}

bool cli_time(const char *name, const char *v, cd_time dflt, cd_time *out)
{
	if (!v) {
		*out = dflt;
		return true;
	}
	if (time_parse(v, true, out))
		return true;
	fprintf(stderr,
		"cyberduty: %s wants a date-time: 2026-05-12T09:30+08:00, or \"2026-05-12 09:30\" "
		"in China Standard Time; not \"%s\"\n",
		name, v);
	return false;
}

cd_date cli_today(void)
{
	/* China Standard Time is UTC+8 all year (no daylight saving since 1991). */
	time_t now = time(NULL) + 8 * 3600;

	return (cd_date)(now / 86400);
}

enum cd_err cli_open(const struct cli_opts *o, struct store **s, struct profile **p,
		     struct cd_diag *d)
{
	char *id = NULL, *src = NULL;
	size_t len = 0;
	char name[160];
	enum cd_err rc = store_open(o->db, 0, s, d);

	*p = NULL;
	if (rc)
		return rc;
	rc = store_profile_get(*s, &id, &src, &len, d);
	if (!rc) {
		snprintf(name, sizeof(name), "%s (profile %s as installed)", o->db, id);
		rc = profile_load_buffer(src, len, name, p, d);
	}
	free(id);
	free(src);
	if (rc) {
		store_close(*s);
		*s = NULL;
	}
	return rc;
}

enum cd_err cli_calendar(const struct cli_opts *o, struct calendar **out, struct cd_diag *d)
{
	struct store *s = NULL;
	enum cd_err rc = store_open(o->db, 0, &s, d);

	if (rc == CD_ENOTFOUND) /* no database: the built-in years only */
		rc = CD_OK;
	if (!rc)
		rc = calendar_from_data(s, out, d);
	store_close(s);
	return rc;
}
