/* assess_load.c — assessment indicator templates (YAML) → core/assess.h. libyaml's document API
 * keeps every node's line for messages; unknown keys are refused, so a typo cannot drop an
 * indicator's rule silently; the weights must add up to the full score. */
#include "assess_load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "embed/embed.h"

#define TPL_MAX_BYTES (1u << 20) /* a template is a few KiB */
#define TPL_MAX_ITEMS 200        /* indicators, groups, grades or steps of one list */

struct lctx {
	yaml_document_t *doc;
	struct assess_tpl *tpl;
	const char *file;
	struct cd_diag *d;
};

static enum cd_err bad(struct lctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum cd_err bad(struct lctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, lang_tr(fmt), ap); /* in the reader's language */
	va_end(ap);
	return cd_diag_set(c->d, CD_EINVAL, "%s:%d: %s", c->file,
			   n ? (int)n->start_mark.line + 1 : 1, what);
}

static yaml_node_t *at(struct lctx *c, int i)
{
	return yaml_document_get_node(c->doc, i);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* key: the value of `key` in mapping m, or NULL. */
static yaml_node_t *key(struct lctx *c, yaml_node_t *m, const char *k)
{
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		const char *s = scalar(at(c, p->key));

		if (s && !strcmp(s, k))
			return at(c, p->value);
	}
	return NULL;
}

/* known refuses a key of m that is not in the NULL-terminated list, or one given twice. */
static enum cd_err known(struct lctx *c, yaml_node_t *m, const char *what,
			 const char *const *keys)
{
	if (m->type != YAML_MAPPING_NODE)
		return bad(c, m, "%s must be a mapping of keys", what);
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = at(c, p->key);
		const char *s = scalar(k) ? scalar(k) : "";
		bool ok = false;

		for (const char *const *q = keys; *q; q++)
			ok |= !strcmp(*q, s);
		if (!ok)
			return bad(c, k, "unknown key \"%s\" in %s", s, what);
		for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < p; q++)
			if (!strcmp(scalar(at(c, q->key)) ? scalar(at(c, q->key)) : "", s))
				return bad(c, k, "key \"%s\" given twice in %s", s, what);
	}
	return CD_OK;
}

/* text: the non-empty text at key (copied into the template's arena); NULL in *out and CD_OK
 * when it is absent and optional. */
static enum cd_err text(struct lctx *c, yaml_node_t *m, const char *k, bool required,
			const char **out)
{
	yaml_node_t *n = key(c, m, k);

	*out = NULL;
	if (!n)
		return required ? bad(c, m, "missing key \"%s\"", k) : CD_OK;
	if (!scalar(n) || !n->data.scalar.length)
		return bad(c, n, "\"%s\" must be a text that is not empty", k);
	*out = arena_strndup(c->tpl->arena, scalar(n), n->data.scalar.length);
	return *out ? CD_OK : cd_diag_set(c->d, CD_ENOMEM, "out of memory");
}

/* hundredths reads a decimal number of at most two places ("90", "0.5", "2.25") at key into
 * hundredths, within lo … hi (hundredths); absent gives dflt unless required. */
static enum cd_err hundredths(struct lctx *c, yaml_node_t *m, const char *k, bool required,
			      int64_t dflt, int64_t lo, int64_t hi, int64_t *out)
{
	yaml_node_t *n = key(c, m, k);
	const char *s = scalar(n), *p;
	int64_t v = 0, frac = 0;
	int places = 0, digits = 0;

	*out = dflt;
	if (!n)
		return required ? bad(c, m, "missing key \"%s\"", k) : CD_OK;
	for (p = s ? s : ""; *p >= '0' && *p <= '9' && digits < 12; p++, digits++)
		v = v * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && places < 3; p++, places++)
			frac = frac * 10 + (*p - '0');
	if (!s || !digits || *p || places > 2)
		return bad(c, n, "\"%s\" must be a number with at most two decimals, not \"%s\"", k,
			   s ? s : "a list or mapping");
	v = v * 100 + (places == 1 ? frac * 10 : frac);
	if (v < lo || v > hi) {
		char a[32], b[32];

		return bad(c, n, "\"%s\" must lie between %s and %s", k, assess_fmt(lo, a, sizeof a),
			   assess_fmt(hi, b, sizeof b));
	}
	*out = v;
	return CD_OK;
}

/* list: the sequence at key (required), at most TPL_MAX_ITEMS long. */
static enum cd_err list(struct lctx *c, yaml_node_t *m, const char *k, yaml_node_t **out)
{
	yaml_node_t *n = key(c, m, k);

	*out = n;
	if (!n)
		return bad(c, m, "missing key \"%s\"", k);
	if (n->type != YAML_SEQUENCE_NODE || n->data.sequence.items.top == n->data.sequence.items.start)
		return bad(c, n, "\"%s\" must be a list that is not empty", k);
	if (n->data.sequence.items.top - n->data.sequence.items.start > TPL_MAX_ITEMS)
		return bad(c, n, "\"%s\" may hold at most %d entries", k, TPL_MAX_ITEMS);
	return CD_OK;
}

static size_t count(const yaml_node_t *n)
{
	return (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *item(struct lctx *c, const yaml_node_t *n, size_t i)
{
	return at(c, n->data.sequence.items.start[i]);
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static enum cd_err load_grades(struct lctx *c, yaml_node_t *root, struct assess_template *t)
{
	static const char *const keys[] = {"code", "label", "min", NULL};
	struct assess_grade *g;
	yaml_node_t *l, *m;
	const char *veto;
	enum cd_err rc = list(c, root, "grades", &l);

	if (rc)
		return rc;
	t->ngrades = count(l);
	if (!(g = arena_alloc(c->tpl->arena, t->ngrades * sizeof *g)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < t->ngrades; i++) {
		m = item(c, l, i);
		rc = known(c, m, "a grade band", keys);
		if (!rc)
			rc = text(c, m, "code", true, &g[i].code);
		if (!rc)
			rc = text(c, m, "label", true, &g[i].label);
		if (!rc)
			rc = hundredths(c, m, "min", true, 0, 0, t->full, &g[i].min);
		if (rc)
			return rc;
		if (!code_ok(g[i].code))
			return bad(c, m, "grade code \"%s\" may only use a-z, 0-9, _ and -", g[i].code);
		if (i && g[i].min >= g[i - 1].min)
			return bad(c, m, "grade bands go from the highest down: min must be lower than "
					 "the band before");
		for (size_t k = 0; k < i; k++)
			if (!strcmp(g[k].code, g[i].code))
				return bad(c, m, "grade \"%s\" given twice", g[i].code);
	}
	if (g[t->ngrades - 1].min != 0)
		return bad(c, item(c, l, t->ngrades - 1), "the lowest grade band must start at 0");
	t->grades = g;
	rc = text(c, root, "veto_grade", true, &veto);
	if (rc)
		return rc;
	for (t->veto_grade = 0; t->veto_grade < t->ngrades; t->veto_grade++)
		if (!strcmp(g[t->veto_grade].code, veto))
			return CD_OK;
	return bad(c, key(c, root, "veto_grade"), "veto_grade \"%s\" is none of the grades", veto);
}

static enum cd_err load_steps(struct lctx *c, yaml_node_t *m, struct assess_indicator *i,
			      bool share)
{
	static const char *const keys[] = {"min", "p", NULL};
	struct assess_step *s;
	yaml_node_t *l;
	enum cd_err rc = list(c, m, "steps", &l);

	if (rc)
		return rc;
	i->nsteps = count(l);
	if (!(s = arena_alloc(c->tpl->arena, i->nsteps * sizeof *s)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t k = 0; k < i->nsteps; k++) {
		yaml_node_t *e = item(c, l, k);

		rc = known(c, e, "a step", keys);
		if (!rc)
			rc = hundredths(c, e, "min", true, 0, 0, share ? 10000 : 100000000, &s[k].min);
		if (!rc)
			rc = hundredths(c, e, "p", true, 0, 0, 100, &s[k].p);
		if (rc)
			return rc;
		if (i->rule == ASR_LEVEL && s[k].p != 0 && s[k].p != 50 && s[k].p != 100)
			return bad(c, e, "a level's P is 1, 0.5 or 0");
		if (k && (s[k].min >= s[k - 1].min || s[k].p > s[k - 1].p))
			return bad(c, e, "steps go from the highest down: min and p must be lower "
					 "than the step before");
	}
	i->steps = s;
	return CD_OK;
}

static enum cd_err load_indicator(struct lctx *c, yaml_node_t *m, size_t group,
				  struct assess_indicator *i)
{
	static const char *const keys[] = {"code",	   "name",  "rule",  "measure",
					   "weight",	   "per",   "steps", "proportional",
					   "evidence",	   "basis", NULL};
	const char *rule, *measure;
	yaml_node_t *prop;
	int r, ms;
	bool share;
	enum cd_err rc = known(c, m, "an indicator", keys);

	memset(i, 0, sizeof *i);
	i->group = group;
	i->line = (int)m->start_mark.line + 1;
	if (!rc)
		rc = text(c, m, "code", true, &i->code);
	if (!rc && !code_ok(i->code))
		return bad(c, key(c, m, "code"), "indicator code \"%s\" may only use a-z, 0-9, _ and -",
			   i->code);
	if (!rc)
		rc = text(c, m, "name", true, &i->name);
	if (!rc)
		rc = text(c, m, "rule", true, &rule);
	if (!rc && (r = assess_rule_parse(rule)) < 0)
		return bad(c, key(c, m, "rule"),
			   "unknown rule \"%s\" (use level, coverage, per_item, deduct, bonus or veto)",
			   rule);
	if (rc)
		return rc;
	i->rule = (enum assess_rule)r;
	rc = text(c, m, "measure", false, &measure);
	if (!rc && measure && (ms = assess_measure_parse(measure)) < 0)
		return bad(c, key(c, m, "measure"),
			   "unknown measure \"%s\" (docs/assessment.md lists them; manual for a "
			   "value a person enters)",
			   measure);
	if (rc)
		return rc;
	i->measure = measure ? (enum assess_measure)ms : AM_MANUAL;
	share = assess_measure_share(i->measure);
	if (i->measure != AM_MANUAL && share != (i->rule == ASR_COVERAGE))
		return bad(c, key(c, m, "measure"),
			   share ? "measure \"%s\" is a share: its rule is coverage"
				 : "measure \"%s\" is a count: coverage takes a share",
			   measure);
	rc = text(c, m, "evidence", true, &i->evidence);
	if (!rc)
		rc = text(c, m, "basis", true, &i->basis);
	if (!rc)
		rc = hundredths(c, m, "weight", i->rule != ASR_VETO, 0, i->rule == ASR_VETO ? 0 : 1,
				i->rule == ASR_VETO ? 0 : 10000, &i->weight);
	if (rc)
		return rc;
	if (i->rule == ASR_PER_ITEM || i->rule == ASR_DEDUCT || i->rule == ASR_BONUS)
		rc = hundredths(c, m, "per", true, 0, 1, i->weight, &i->per);
	else if (key(c, m, "per"))
		return bad(c, key(c, m, "per"), "\"per\" belongs to per_item, deduct and bonus");
	if (rc)
		return rc;
	prop = key(c, m, "proportional");
	if (prop && (i->rule != ASR_COVERAGE || !scalar(prop) ||
		     (strcmp(scalar(prop), "true") && strcmp(scalar(prop), "false"))))
		return bad(c, prop, "\"proportional\" is true or false, on a coverage indicator");
	i->proportional = prop && !strcmp(scalar(prop), "true");
	if (key(c, m, "steps")) {
		if (i->rule != ASR_LEVEL && i->rule != ASR_COVERAGE)
			return bad(c, key(c, m, "steps"), "\"steps\" belong to level and coverage");
		if (i->proportional)
			return bad(c, key(c, m, "steps"),
				   "a proportional coverage takes no steps: P is the share");
		return load_steps(c, m, i, i->rule == ASR_COVERAGE);
	}
	if (i->rule == ASR_COVERAGE && !i->proportional)
		return bad(c, m, "a coverage indicator needs steps, or proportional: true");
	if (i->rule == ASR_LEVEL && i->measure != AM_MANUAL)
		return bad(c, m, "a level computed from a count needs steps (min count → p)");
	return CD_OK;
}

static enum cd_err load_groups(struct lctx *c, yaml_node_t *root, struct assess_template *t)
{
	static const char *const gkeys[] = {"code", "name", "indicators", NULL};
	struct assess_indicator *ind = NULL;
	struct assess_group *g;
	size_t cap = 0, n = 0;
	int64_t sum = 0;
	yaml_node_t *l, *il;
	enum cd_err rc = list(c, root, "groups", &l);

	if (rc)
		return rc;
	t->ngroups = count(l);
	if (!(g = arena_alloc(c->tpl->arena, t->ngroups * sizeof *g)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t k = 0; k < t->ngroups; k++) {
		yaml_node_t *m = item(c, l, k);

		rc = known(c, m, "a group", gkeys);
		if (!rc)
			rc = text(c, m, "code", true, &g[k].code);
		if (!rc)
			rc = text(c, m, "name", true, &g[k].name);
		if (!rc)
			rc = list(c, m, "indicators", &il);
		if (rc)
			return rc;
		for (size_t q = 0; q < count(il); q++) {
			struct assess_indicator *i;

			if (n >= TPL_MAX_ITEMS)
				return bad(c, item(c, il, q), "at most %d indicators", TPL_MAX_ITEMS);
			if (!(i = arena_grow(c->tpl->arena, &ind, &n, &cap, sizeof *ind)))
				return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
			rc = load_indicator(c, item(c, il, q), k, i);
			if (rc)
				return rc;
			for (size_t z = 0; z + 1 < n; z++)
				if (!strcmp(ind[z].code, i->code))
					return bad(c, item(c, il, q), "indicator \"%s\" given twice",
						   i->code);
			if (i->rule != ASR_BONUS && i->rule != ASR_VETO)
				sum += i->weight;
		}
	}
	t->groups = g;
	t->ind = ind;
	t->nind = n;
	if (sum != t->full) {
		char a[32], b[32];

		return bad(c, l, "the weights of the scored indicators add up to %s, not the full "
				 "score %s",
			   assess_fmt(sum, a, sizeof a), assess_fmt(t->full, b, sizeof b));
	}
	return CD_OK;
}

static enum cd_err load_root(struct lctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"template", "profile",    "title",	   "source",
					   "full",     "bonus_base", "grades",	   "veto_grade",
					   "groups",   NULL};
	struct assess_template *t = &c->tpl->t;
	enum cd_err rc = known(c, root, "the template", keys);

	if (!rc)
		rc = text(c, root, "template", true, &t->id);
	if (!rc && !code_ok(t->id))
		return bad(c, key(c, root, "template"), "template id may only use a-z, 0-9, _ and -");
	if (!rc)
		rc = text(c, root, "profile", true, &t->profile);
	if (!rc)
		rc = text(c, root, "title", true, &t->title);
	if (!rc)
		rc = text(c, root, "source", true, &t->source);
	if (!rc)
		rc = hundredths(c, root, "full", true, 0, 100, 100000, &t->full);
	if (!rc)
		rc = hundredths(c, root, "bonus_base", false, 0, 0, t->full, &t->bonus_base);
	if (!rc)
		rc = load_grades(c, root, t);
	if (!rc)
		rc = load_groups(c, root, t);
	return rc;
}

void assess_tpl_free(struct assess_tpl *t)
{
	if (t) {
		arena_free(t->arena);
		free(t);
	}
}

enum cd_err assess_load_buffer(const char *buf, size_t len, const char *file,
			       struct assess_tpl **out, struct cd_diag *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct assess_tpl *t;
	yaml_node_t *root;
	struct lctx c;
	enum cd_err rc;

	*out = NULL;
	if (len > TPL_MAX_BYTES)
		return cd_diag_set(d, CD_EINVAL, "%s:1: template is larger than %u bytes", file,
				   TPL_MAX_BYTES);
	if (!(t = calloc(1, sizeof *t)) || !(t->arena = arena_new(0))) {
		free(t);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	t->file = arena_strdup(t->arena, file);
	t->source = arena_strndup(t->arena, buf, len);
	t->source_len = len;
	if (!t->file || !t->source || !yaml_parser_initialize(&parser)) {
		assess_tpl_free(t);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = cd_diag_set(d, CD_EINVAL, "%s:%zu: YAML syntax: %s", file,
				 parser.problem_mark.line + 1,
				 parser.problem ? parser.problem : "unreadable");
		yaml_parser_delete(&parser);
		assess_tpl_free(t);
		return rc;
	}
	c = (struct lctx){&doc, t, file, d};
	root = yaml_document_get_root_node(&doc);
	rc = root ? load_root(&c, root)
		  : cd_diag_set(d, CD_EINVAL, "%s:1: the template is empty", file);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc) {
		assess_tpl_free(t);
		return rc;
	}
	*out = t;
	return CD_OK;
}

enum cd_err assess_load_file(const char *path, struct assess_tpl **out, struct cd_diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	enum cd_err rc;

	*out = NULL;
	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (!(buf = malloc(TPL_MAX_BYTES + 1))) {
		fclose(f);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	n = fread(buf, 1, TPL_MAX_BYTES + 1, f);
	fclose(f);
	rc = assess_load_buffer(buf, n, path, out, d);
	free(buf);
	return rc;
}

enum cd_err assess_builtin(const char *profile, struct assess_tpl **out, struct cd_diag *d)
{
	const struct embed_file *e;
	char name[160];

	*out = NULL;
	snprintf(name, sizeof name, "profiles/%s.assess.yaml", profile ? profile : "");
	if (!(e = embed_find(name)))
		return cd_diag_set(d, CD_ENOTFOUND, "profile \"%s\" has no assessment template",
				   profile ? profile : "");
	return assess_load_buffer(e->data, e->len, name, out, d);
}
