/* cli.c — option parsing and the helpers every command uses. */
#include "cli.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "svc/accounts.h"
#include "svc/act.h"
#include "svc/register.h"
#include "svc/work.h"
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
	{OPT_ALL, "--all", false},	{OPT_DISABLE, "--disable", false},
	{OPT_DRY_RUN, "--dry-run", false},
};

static bool usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("cyberduty: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, lang_tr(fmt), ap);
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
		o->as_of_given = true;
		break;
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_ALL:
		o->all = true;
		break;
	case OPT_DISABLE:
		o->disable = true;
		break;
	case OPT_DRY_RUN:
		o->dry_run = true;
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

/* option_value: argv[*i] is option `name` ("--name VALUE" or "--name=VALUE"); 1 with *v set,
 * 0 when it is another option, -1 (said) when the value is missing. */
static int option_value(int argc, char **argv, int *i, const char *name, const char *usage,
			const char **v)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (strncmp(a, name, n) || (a[n] != '\0' && a[n] != '='))
		return 0;
	*v = NULL;
	if (a[n] == '=')
		*v = a + n + 1;
	else if (*i + 1 < argc)
		*v = argv[++*i];
	if (!*v || !**v) {
		usage_error(usage, "option %s needs a value", name);
		return -1;
	}
	return 1;
}

/* field_option matches argv[*i] against the command's own options; 1 matched, 0 not, -1 error. */
static int field_option(int argc, char **argv, int *i, const struct cli_field *fields,
			const struct cli_list *list, const char *usage)
{
	const char *v;
	int r;

	for (const struct cli_field *f = fields; f->name; f++) {
		if ((r = option_value(argc, argv, i, f->name, usage, &v)) <= 0) {
			if (r < 0)
				return r;
			continue;
		}
		if (*f->value) {
			usage_error(usage, "option %s given twice", f->name);
			return -1;
		}
		*f->value = v;
		return 1;
	}
	if (!list || (r = option_value(argc, argv, i, list->name, usage, &v)) <= 0)
		return list ? r : 0;
	if (*list->n == list->max) {
		usage_error(usage, "option %s given more than %zu times", list->name, list->max);
		return -1;
	}
	list->v[(*list->n)++] = v;
	return 1;
}

bool cli_parse_fields(int argc, char **argv, unsigned allowed, const struct cli_field *fields,
		      int min_pos, int max_pos, const char *usage, struct cli_opts *o)
{
	return cli_parse_lists(argc, argv, allowed, fields, NULL, min_pos, max_pos, usage, o);
}

bool cli_parse_lists(int argc, char **argv, unsigned allowed, const struct cli_field *fields,
		     const struct cli_list *list, int min_pos, int max_pos, const char *usage,
		     struct cli_opts *o)
{
	const char *env = getenv("CYBERDUTY_DB");

	memset(o, 0, sizeof(*o));
	o->db = env && *env ? env : "cyberduty.db";
	o->as_of = cli_today();
	o->at = cli_now();
	for (const struct cli_field *f = fields; f->name; f++)
		*f->value = NULL;
	if (list)
		*list->n = 0;
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
		if ((fr = field_option(argc, argv, &i, fields, list, usage)) < 0)
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
				if (option_value(argc, argv, &i, options[k].name, usage, &v) < 0)
					return false;
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

int cli_fail_input(enum cd_err rc, const struct cd_diag *d)
{
	cli_fail(rc, d);
	return rc == CD_EINVAL || rc == CD_ENOTFOUND || rc == CD_ECONFLICT ? EXIT_ERROR : EXIT_FAILED;
}

enum cd_err cli_role(const char *name, const char *s, enum account_role *out,
		     struct cd_diag *d)
{
	int r = account_role_parse(s);
	const char *near = r < 0 ? account_role_suggest(s) : NULL;
	char roles[256] = "";
	size_t len = 0;

	if (r >= 0) {
		*out = (enum account_role)r;
		return CD_OK;
	}
	for (int i = 0; i < AR__MAX && len < sizeof(roles); i++)
		len += (size_t)snprintf(roles + len, sizeof(roles) - len, "%s%s", i ? ", " : "",
					account_role_code((enum account_role)i));
	if (near)
		return cd_diag_set(d, CD_EINVAL, "%s: unknown role \"%s\" (did you mean %s?)", name, s,
				   near);
	return cd_diag_set(d, CD_EINVAL, "%s: unknown role \"%s\" (the roles: %s)", name, s, roles);
}

enum cd_err cli_unit(const struct reg *reg, const char *name, const char *code, int64_t *id,
		     struct cd_diag *d)
{
	const struct unit *u = reg_unit_by_code(reg, code);

	if (!u)
		return cd_diag_set(d, CD_ENOTFOUND,
				   "%s: no unit \"%s\" in the register (units are named by their "
				   "code: `cyberduty export units --format csv`)",
				   name, code);
	*id = u->id;
	return CD_OK;
}

const char *cli_unit_code(const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	return !id ? "-" : u ? u->code : "?";
}

int cli_csv_kind(const char *arg, const char *verb)
{
	int kind = csv_kind_parse(arg);

	if (kind < 0)
		fprintf(stderr,
			"cyberduty: cannot %s \"%s\" (use units, people, duties, assets, projects "
			"or notices)\n",
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

enum cd_err cli_asset_filters(struct store *s, const char *const *filter, struct asset_query *f,
			      bool *any, struct cd_diag *d)
{
	enum cd_err rc = CD_OK;

	*any = false;
	for (size_t i = 0; !rc && svc_asset_filters[i].name; i++)
		if (filter[i]) {
			rc = svc_asset_filter_set(s, f, svc_asset_filters[i].name, filter[i], d);
			if (rc == CD_EINVAL || rc == CD_ENOTFOUND)
				cli_act_option(d, svc_asset_filters[i].name,
					       svc_asset_filters[i].option);
			*any = true;
		}
	return rc;
}

bool cli_year(const char *v, int lo, int *out)
{
	char *end = NULL;
	long y = v ? strtol(v, &end, 10) : 0;

	if (!v)
		return true;
	if (!*v || *end || y < lo || y > 9999) {
		fprintf(stderr, "cyberduty: --year wants a year such as 2026, not \"%s\"\n", v);
		return false;
	}
	*out = (int)y;
	return true;
}

bool cli_past_time(const char *name, const char *v, cd_time *out)
{
	if (!cli_time(name, v, cli_now(), out))
		return false;
	if (*out <= cli_now() + 60)
		return true;
	fprintf(stderr, "cyberduty: %s lies in the future; record what has happened\n", name);
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

enum cd_err cli_act(struct cli_book *c, struct act *a, char *actor, size_t n)
{
	enum cd_err rc = CD_OK;

	if (!c->pol)
		rc = policy_get(c->s, &c->pol, &c->d);
	if (!rc && !c->b.a && !(c->b.a = arena_new(0)))
		rc = cd_diag_set(&c->d, CD_ENOMEM, "out of memory");
	cli_act_on(c->s, c->b.a, &c->d, a, actor, n);
	a->pol = c->pol;
	return rc;
}

void cli_act_option(struct cd_diag *d, const char *field, const char *option)
{
	char opt[40];
	size_t k;

	if (!field)
		return;
	snprintf(opt, sizeof opt, "--%s", field);
	k = strlen(field);
	if (!strncmp(d->msg, field, k) && d->msg[k] == ':' && d->msg[k + 1] == ' ')
		memmove(d->msg, d->msg + k + 2, strlen(d->msg + k + 2) + 1);
	cd_diag_prefix(d, option ? option : opt);
}

void cli_act_on(struct store *s, struct arena *ar, struct cd_diag *d, struct act *a, char *actor,
		size_t n)
{
	const struct account *as = cli_as_account();

	/* in an account's name (--as): within its unit scope, as the API keeps it */
	*a = (struct act){.s = s, .actor = cli_actor(actor, n), .ip = "", .now = cli_now(),
			  .scope = as ? as->unit : 0, .a = ar, .d = d};
}

int cli_book_close(struct cli_book *c, enum cd_err rc, int code)
{
	policy_put(c->pol);
	book_free(&c->b);
	store_close(c->s);
	profile_free(c->p);
	return rc ? cli_fail(rc, &c->d) : code;
}

enum cd_err cli_incident_view(struct cli_book *c, const char *code, cd_time at,
			      struct incident **x, struct incident_env *env)
{
	struct act a;
	struct incident_view *v;
	char actor[128];
	enum cd_err rc = cli_act(c, &a, actor, sizeof actor);

	if (!rc && !(v = arena_alloc(c->b.a, sizeof *v)))
		rc = cd_diag_set(&c->d, CD_ENOMEM, "out of memory");
	if (!rc)
		rc = svc_incident_get(&a, 0, code, at, v);
	if (rc == CD_ENOTFOUND)
		cd_diag_set(&c->d, CD_ENOTFOUND, "no incident %s (see `cyberduty incident list`)",
			    code);
	if (!rc) {
		*x = &v->x;
		*env = v->env;
	}
	return rc;
}

enum cd_err cli_book_open_incident(struct cli_book *c, struct incident **x,
				   struct incident_env *env)
{
	struct act a;
	char actor[128];
	enum cd_err rc = cli_open(&c->o, &c->s, &c->p, &c->d);

	if (env)
		memset(env, 0, sizeof *env);
	if (!rc)
		rc = cli_act(c, &a, actor, sizeof actor);
	if (!rc && x)
		rc = cli_incident_view(c, c->o.pos[0], c->o.at, x, env);
	return rc;
}

enum cd_err cli_book_analyse(struct cli_book *c, const struct incident_env *env,
			     const struct incident *x, cd_time at, struct incident_analysis *an)
{
	if (incident_analyse(env, x, at, c->b.a, an))
		return cd_diag_set(&c->d, CD_ENOMEM, "out of memory");
	return CD_OK;
}

enum cd_err cli_incident_write(struct cli_book *c, struct incident *x,
			       const struct incident_event *e, size_t n, const char *action)
{
	struct act a;
	struct incident_event *ev = arena_alloc(c->b.a, (n + 1) * sizeof *ev);
	struct incident_view out;
	char actor[128];
	enum cd_err rc = cli_act(c, &a, actor, sizeof actor);

	if (!rc && !ev)
		rc = cd_diag_set(&c->d, CD_ENOMEM, "out of memory");
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		ev[i] = e[i];
	rc = svc_incident_events(&a, x->id, NULL, action, ev, n, &out);
	if (!rc)
		*x = out.x;
	return rc;
}

enum cd_err cli_person(const struct reg *reg, const char *name, const char *code, int64_t *id,
		       struct cd_diag *d)
{
	const struct person *p = reg_person_by_code(reg, code);

	if (!p)
		return cd_diag_set(d, CD_ENOTFOUND, "%s: no person \"%s\" in the register (people "
				   "are named by their code)", name, code);
	*id = p->id;
	return CD_OK;
}

enum cd_err cli_split(const char *opt, const char *nv, struct arena *a, const char **name,
		      const char **value, struct cd_diag *d)
{
	const char *eq = strchr(nv, '=');

	if (!eq || eq == nv)
		return cd_diag_set(d, CD_EINVAL, "%s wants NAME=VALUE, not \"%s\"", opt, nv);
	*name = arena_strndup(a, nv, (size_t)(eq - nv));
	*value = arena_strdup(a, eq + 1);
	if (!*name || !*value)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	return CD_OK;
}

const char *cli_person_text(const struct reg *reg, int64_t id, char *buf, size_t n)
{
	const struct person *p = reg_person(reg, id);

	snprintf(buf, n, "%s (%s)", p ? p->name : "?", p ? p->code : "?");
	return buf;
}

int cli_dispatch(int argc, char **argv, const char *cmd, const char *usage,
		 const struct cli_sub *subs, size_t n)
{
	for (size_t i = 0; argc >= 2 && i < n; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1, subs[i].usage);
	if (argc < 2)
		fprintf(stderr, "cyberduty: which %s command?\n", cmd);
	else
		fprintf(stderr, "cyberduty: unknown %s command \"%s\"\n", cmd, argv[1]);
	fprintf(stderr, "usage: cyberduty %s\n", usage);
	return EXIT_ERROR;
}

const char *cli_actor(char *buf, size_t n)
{
	const struct passwd *pw = getpwuid(geteuid());
	const struct account *as = cli_as_account();

	if (as)
		snprintf(buf, n, "%s", as->name);
	else if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, n, "cli:%s", pw->pw_name);
	else
		snprintf(buf, n, "cli:uid%lld", (long long)geteuid());
	return buf;
}

enum cd_err cli_audit_record(struct store *s, const char *action, json_t *after,
			     struct cd_diag *d, const char *object_fmt, ...)
{
	char actor[300], object[AUDIT_TEXT_MAX + 1];
	char *text = after ? json_dumps(after, JSON_COMPACT) : NULL;
	struct audit_entry e = {.at = cli_now(), .actor = cli_actor(actor, sizeof(actor)),
				.ip = "", .action = action, .object = object, .after = text,
				.outcome = AUDIT_OK};
	va_list ap;
	enum cd_err rc;

	va_start(ap, object_fmt);
	vsnprintf(object, sizeof(object), object_fmt, ap);
	va_end(ap);
	if (after && !text)
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	else
		rc = audit_record(s, &e, d);
	free(text);
	json_decref(after);
	if (rc)
		cd_diag_prefix(d, "written, but its audit entry failed");
	return rc;
}

int cli_json_dump(json_t *root)
{
	/* numbers to 10 significant digits, as eval writes them (5.9, not 5.9000000000000004) */
	int rc = root ? json_dumpf(root, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : -1;

	json_decref(root);
	putchar('\n');
	return rc;
}

const char **cli_split_codes(const char *list, struct arena *a, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0;

	*n = 0;
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");
		const char **slot = arena_grow(a, &v, n, &cap, sizeof *v);

		if (!slot)
			return NULL;
		*slot = arena_strndup(a, p, len);
		p += len + (p[len] == ',');
	}
	return v ? v : arena_alloc(a, sizeof *v);
}

/* --- the language of what is printed ---------------------------------------------------------- */

const char *cli_cell(char *buf, size_t n, const char *s, int width)
{
	int pad = width - lang_width(s);

	snprintf(buf, n, "%s%*s", s, pad > 0 ? pad : 0, "");
	return buf;
}

const char *cli_day(char *buf, size_t n, cd_date d, int width)
{
	char day[26];

	return cli_cell(buf, n, d == CD_DATE_NONE ? "—" : date_show(d, day), width);
}

const char *cli_when(char *buf, size_t n, cd_time t, int width)
{
	char when[26];

	return cli_cell(buf, n, t == CD_TIME_NONE ? "—" : time_show(t, when), width);
}

bool cli_lang(int *argc, char **argv)
{
	const char *v = getenv("CYBERDUTY_LANG");
	/* the commands that write a file in a language of its own (headers, values) read --lang
	 * themselves too: it is left for them */
	static const char *const own[] = {"export", "template", "assess", "report"};
	bool keep = false;
	int k;

	for (size_t i = 0; *argc > 1 && i < sizeof own / sizeof *own; i++)
		keep |= !strcmp(argv[1], own[i]);
	/* the environment first: a refused --lang is said in its language */
	if (v && *v && (k = lang_parse(v)) >= 0) {
		lang_set((enum lang)k);
	} else {
		const char *loc = getenv("LC_ALL");

		if (!loc || !*loc)
			loc = getenv("LC_MESSAGES");
		if (!loc || !*loc)
			loc = getenv("LANG");
		lang_set(lang_of_locale(loc));
		if (v && *v) {
			fprintf(stderr,
				"cyberduty: CYBERDUTY_LANG: unknown language \"%s\" (use zh or en)\n", v);
			return false;
		}
	}
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--lang") && strncmp(argv[i], "--lang=", 7))
			continue;
		v = argv[i][6] == '=' ? argv[i] + 7 : i + 1 < *argc ? argv[i + 1] : "";
		if ((k = lang_parse(v)) >= 0)
			lang_set((enum lang)k);
		else if (!keep) {
			fprintf(stderr, "cyberduty: unknown language \"%s\" (use zh or en)\n", v);
			return false;
		}
		if (!keep) {
			int n = argv[i][6] == '=' || i + 1 == *argc ? 1 : 2;

			memmove(argv + i, argv + i + n, (size_t)(*argc - i - n + 1) * sizeof *argv);
			*argc -= n;
		}
		break;
	}
	return true;
}
