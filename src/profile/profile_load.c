/* profile_load.c — YAML policy profiles → struct profile. Uses libyaml's document API so
 * every node keeps its line for messages; unknown keys are refused so a typo cannot drop a
 * rule silently. */
#include "profile_load.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/cond.h"
#include "embed/embed.h"

#define PROFILE_MAX_BYTES (4u << 20) /* a profile is a few KiB; refuse anything huge */

static const char *const builtin_ids[] = {"central-2017", "yantai-fao-2021", "imnu-2022"};

struct ctx {
	yaml_document_t *doc;
	struct profile *p;
	const char *file;
	struct cd_diag *d;
};

static int line_of(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

static enum cd_err fail(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum cd_err fail(struct ctx *c, const yaml_node_t *n, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), lang_tr(fmt), ap);
	va_end(ap);
	return cd_diag_set(c->d, CD_EINVAL, "%s:%d: %s", c->file, n ? line_of(n) : 1, what);
}

static yaml_node_t *node(struct ctx *c, int idx)
{
	return yaml_document_get_node(c->doc, idx);
}

/* get looks up key in mapping m; NULL when absent. */
static yaml_node_t *get(struct ctx *c, yaml_node_t *m, const char *key)
{
	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = node(c, pr->key);

		if (k->type == YAML_SCALAR_NODE && !strcmp((char *)k->data.scalar.value, key))
			return node(c, pr->value);
	}
	return NULL;
}

/* only refuses keys of m not in the NULL-terminated list, and duplicated keys. */
static enum cd_err only(struct ctx *c, yaml_node_t *m, const char *what, const char *const *keys)
{
	for (yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < m->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = node(c, pr->key);
		const char *name = k->type == YAML_SCALAR_NODE ? (char *)k->data.scalar.value : "";
		int known = 0;

		for (const char *const *p = keys; *p; p++)
			known |= !strcmp(*p, name);
		if (!known)
			return fail(c, k, "unknown key \"%s\" in %s", name, what);
		for (yaml_node_pair_t *q = m->data.mapping.pairs.start; q < pr; q++) {
			yaml_node_t *k2 = node(c, q->key);

			if (k2->type == YAML_SCALAR_NODE &&
			    !strcmp((char *)k2->data.scalar.value, name))
				return fail(c, k, "key \"%s\" given twice in %s", name, what);
		}
	}
	return CD_OK;
}

static enum cd_err need(struct ctx *c, yaml_node_t *m, const char *key, yaml_node_type_t type,
			yaml_node_t **out)
{
	static const char *const tn[] = {"", "a text", "a list", "a mapping"};
	yaml_node_t *n = get(c, m, key);

	if (!n)
		return fail(c, m, "missing key \"%s\"", key);
	if (n->type != type)
		return fail(c, n, "\"%s\" must be %s", key, tn[type]);
	*out = n;
	return CD_OK;
}

/* str copies the scalar at key into the arena; empty text is refused unless allow_empty. */
static enum cd_err str(struct ctx *c, yaml_node_t *m, const char *key, int allow_empty,
		       const char **out)
{
	yaml_node_t *n;
	enum cd_err rc = need(c, m, key, YAML_SCALAR_NODE, &n);

	if (rc)
		return rc;
	if (!allow_empty && n->data.scalar.length == 0)
		return fail(c, n, "\"%s\" must not be empty", key);
	*out = arena_strndup(c->p->arena, (char *)n->data.scalar.value, n->data.scalar.length);
	return *out ? CD_OK : cd_diag_set(c->d, CD_ENOMEM, "out of memory");
}

/* opt_str reads an optional non-empty string; absent gives dflt. */
static enum cd_err opt_str(struct ctx *c, yaml_node_t *m, const char *key, const char *dflt,
			   const char **out)
{
	if (!get(c, m, key)) {
		*out = dflt;
		return CD_OK;
	}
	return str(c, m, key, 0, out);
}

static int is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!strcmp(v, "null") || !strcmp(v, "~") || !*v);
}

/* integer reads a whole number in [lo, hi]; with nullable, null gives PROFILE_NUMBER_NONE. */
static enum cd_err integer(struct ctx *c, yaml_node_t *m, const char *key, long lo, long hi,
			   int nullable, int *out)
{
	yaml_node_t *n;
	enum cd_err rc = need(c, m, key, YAML_SCALAR_NODE, &n);
	char *end;
	long v;

	if (rc)
		return rc;
	if (nullable && is_null(n)) {
		*out = PROFILE_NUMBER_NONE;
		return CD_OK;
	}
	errno = 0;
	v = strtol((char *)n->data.scalar.value, &end, 10);
	if (errno || end == (char *)n->data.scalar.value || *end || v < lo || v > hi) {
		char range[64];

		snprintf(range, sizeof(range), "%ld..%ld%s", lo, hi, nullable ? " or null" : "");
		return fail(c, n, "\"%s\" must be a whole number in %s", key, range);
	}
	*out = (int)v;
	return CD_OK;
}

static enum cd_err boolean(struct ctx *c, yaml_node_t *m, const char *key, bool *out)
{
	yaml_node_t *n;
	enum cd_err rc = need(c, m, key, YAML_SCALAR_NODE, &n);
	const char *v;

	if (rc)
		return rc;
	v = (const char *)n->data.scalar.value;
	if (!strcmp(v, "true"))
		*out = true;
	else if (!strcmp(v, "false"))
		*out = false;
	else
		return fail(c, n, "\"%s\" must be true or false", key);
	return CD_OK;
}

/* at parses a unit kind, `root` or `every_unit` (when allowed) into a PROFILE_AT_* index. */
static int at_parse(const char *s, int allow_every)
{
	int k = unit_kind_parse(s);

	if (k >= 0 && !strcmp(s, unit_kind_code((enum unit_kind)k)))
		return k;
	if (!strcmp(s, "root"))
		return PROFILE_AT_ROOT;
	if (allow_every && !strcmp(s, "every_unit"))
		return PROFILE_AT_EVERY_UNIT;
	return -1;
}

/* role_list parses a list of role ids into a bit mask (and optionally an ordered array). */
static enum cd_err role_list(struct ctx *c, yaml_node_t *m, const char *key, unsigned *mask,
			     enum role *arr, size_t *narr)
{
	yaml_node_t *l;
	enum cd_err rc = need(c, m, key, YAML_SEQUENCE_NODE, &l);

	if (rc)
		return rc;
	*mask = 0;
	for (yaml_node_item_t *it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *n = node(c, *it);
		int r = n->type == YAML_SCALAR_NODE ? role_parse((char *)n->data.scalar.value) : -1;

		if (r < 0 || strcmp((const char *)n->data.scalar.value, role_code((enum role)r)))
			return fail(c, n, "unknown role in \"%s\" (use one of first_responsible, "
					  "direct_responsible, leadership_member, principal, "
					  "security_officer, asset_custodian)",
				    key);
		if (*mask & (1u << r))
			return fail(c, n, "role listed twice in \"%s\"", key);
		*mask |= 1u << r;
		if (arr)
			arr[(*narr)++] = (enum role)r;
	}
	return CD_OK;
}

static enum cd_err load_roles(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"id",	   "name",   "article",
					   "scope",	   "single", "required_at",
					   NULL};
	struct profile *p = c->p;
	yaml_node_t *l;
	enum cd_err rc = need(c, root, "roles", YAML_SEQUENCE_NODE, &l);

	if (rc)
		return rc;
	if (l->data.sequence.items.start == l->data.sequence.items.top)
		return fail(c, l, "\"roles\" must list at least one role");
	for (yaml_node_item_t *it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *m = node(c, *it), *n, *req;
		struct profile_role *r;
		const char *id, *scope;
		int role;

		if (m->type != YAML_MAPPING_NODE)
			return fail(c, m, "each role must be a mapping");
		rc = only(c, m, "a role", keys);
		if (!rc)
			rc = str(c, m, "id", 0, &id);
		if (rc)
			return rc;
		role = role_parse(id);
		n = get(c, m, "id");
		if (role < 0 || strcmp(id, role_code((enum role)role)))
			return fail(c, n, "unknown role id \"%s\"", id);
		if (profile_role(p, (enum role)role))
			return fail(c, n, "role \"%s\" defined twice", id);
		r = arena_grow(p->arena, &p->roles, &p->nroles, &p->caproles, sizeof(*r));
		if (!r)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		r->role = (enum role)role;
		rc = str(c, m, "name", 0, &r->name);
		if (!rc)
			rc = str(c, m, "article", 0, &r->article);
		if (!rc)
			rc = str(c, m, "scope", 0, &scope);
		if (!rc)
			rc = boolean(c, m, "single", &r->single);
		if (!rc)
			rc = need(c, m, "required_at", YAML_SEQUENCE_NODE, &req);
		if (rc)
			return rc;
		if (!strcmp(scope, "asset"))
			r->asset_scope = true;
		else if (strcmp(scope, "unit"))
			return fail(c, get(c, m, "scope"), "\"scope\" must be unit or asset");
		for (yaml_node_item_t *j = req->data.sequence.items.start;
		     j < req->data.sequence.items.top; j++) {
			yaml_node_t *k = node(c, *j);
			int at = k->type == YAML_SCALAR_NODE
					 ? at_parse((char *)k->data.scalar.value, 0)
					 : -1;

			if (at < 0)
				return fail(c, k,
					    "unknown unit kind in \"required_at\" (use root, "
					    "party_committee, leading_group, leading_group_office, "
					    "department, tech_support_centre)");
			if (at == UNIT_EXTERNAL_AUTHORITY)
				return fail(c, k, "an external authority cannot be required to hold "
						  "a role");
			r->required_at |= 1u << at;
		}
		if (r->asset_scope && r->required_at)
			return fail(c, req, "\"required_at\" must be [] for an asset-scope role");
	}
	return CD_OK;
}

static enum cd_err load_principles(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"relation", "name", "article", NULL};
	struct profile *p = c->p;
	yaml_node_t *l;
	enum cd_err rc = need(c, root, "principles", YAML_SEQUENCE_NODE, &l);

	if (rc)
		return rc;
	if (l->data.sequence.items.start == l->data.sequence.items.top)
		return fail(c, l, "\"principles\" must list at least one principle");
	for (yaml_node_item_t *it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *m = node(c, *it);
		struct profile_principle *pr;
		const char *rel;
		int r;

		if (m->type != YAML_MAPPING_NODE)
			return fail(c, m, "each principle must be a mapping");
		rc = only(c, m, "a principle", keys);
		if (!rc)
			rc = str(c, m, "relation", 0, &rel);
		if (rc)
			return rc;
		r = relation_parse(rel);
		if (r < 0 || strcmp(rel, relation_code((enum relation)r)))
			return fail(c, get(c, m, "relation"),
				    "unknown relation \"%s\" (use builder, user, manager or "
				    "operator)",
				    rel);
		for (size_t i = 0; i < p->nprinciples; i++)
			if (p->principles[i].relation == (enum relation)r)
				return fail(c, get(c, m, "relation"),
					    "principle \"%s\" given twice", rel);
		pr = arena_grow(p->arena, &p->principles, &p->nprinciples, &p->capprinciples,
				sizeof(*pr));
		if (!pr)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		pr->relation = (enum relation)r;
		rc = str(c, m, "name", 0, &pr->name);
		if (!rc)
			rc = str(c, m, "article", 0, &pr->article);
		if (rc)
			return rc;
	}
	return CD_OK;
}

static enum cd_err load_numbers(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"rectify_workdays",	   "repeat_window_months",
					   "paralysis_hours",	   "budget_ratio_percent",
					   "drills_per_year",	   "rectify_article",
					   "repeat_article",	   "budget_article",
					   "criticism_late_article", "support_article", NULL};
	static const char *const mkeys[] = {"article", "filing_days", "assess_months_level3",
					    "assess_months_level4", NULL};
	struct profile *p = c->p;
	yaml_node_t *m, *mm;
	enum cd_err rc = need(c, root, "numbers", YAML_MAPPING_NODE, &m);

	if (!rc)
		rc = only(c, m, "numbers", keys);
	if (!rc)
		rc = integer(c, m, "rectify_workdays", 1, 365, 1, &p->numbers.rectify_workdays);
	if (!rc)
		rc = integer(c, m, "repeat_window_months", 1, 120, 1,
			     &p->numbers.repeat_window_months);
	if (!rc)
		rc = integer(c, m, "paralysis_hours", 1, 10000, 1, &p->numbers.paralysis_hours);
	if (!rc)
		rc = integer(c, m, "budget_ratio_percent", 1, 100, 1,
			     &p->numbers.budget_ratio_percent);
	if (!rc)
		rc = integer(c, m, "drills_per_year", 1, 366, 1, &p->numbers.drills_per_year);
	if (!rc)
		rc = opt_str(c, m, "rectify_article", "", &p->numbers.rectify_article);
	if (!rc)
		rc = opt_str(c, m, "repeat_article", "", &p->numbers.repeat_article);
	if (!rc)
		rc = opt_str(c, m, "budget_article", "", &p->numbers.budget_article);
	if (!rc)
		rc = opt_str(c, m, "criticism_late_article", "",
			     &p->numbers.criticism_late_article);
	if (!rc)
		rc = opt_str(c, m, "support_article", "", &p->numbers.support_article);
	if (!rc)
		rc = need(c, root, "mlps", YAML_MAPPING_NODE, &mm);
	if (!rc)
		rc = only(c, mm, "mlps", mkeys);
	if (!rc)
		rc = str(c, mm, "article", 1, &p->mlps.article);
	if (!rc)
		rc = integer(c, mm, "filing_days", 1, 3650, 0, &p->mlps.filing_days);
	if (!rc)
		rc = integer(c, mm, "assess_months_level3", 1, 120, 0,
			     &p->mlps.assess_months_level3);
	if (!rc)
		rc = integer(c, mm, "assess_months_level4", 1, 120, 0,
			     &p->mlps.assess_months_level4);
	return rc;
}

static enum cd_err load_duties(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"id",    "name",  "article", "holder",
					   "every", "times", "record",  NULL};
	struct profile *p = c->p;
	yaml_node_t *l;
	enum cd_err rc = need(c, root, "duties", YAML_SEQUENCE_NODE, &l);

	if (rc)
		return rc;
	for (yaml_node_item_t *it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *m = node(c, *it);
		struct profile_duty *du;
		const char *holder, *every, *record;

		if (m->type != YAML_MAPPING_NODE)
			return fail(c, m, "each duty must be a mapping");
		rc = only(c, m, "a duty", keys);
		if (rc)
			return rc;
		du = arena_grow(p->arena, &p->duties, &p->nduties, &p->capduties, sizeof(*du));
		if (!du)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		rc = str(c, m, "id", 0, &du->id);
		if (!rc)
			rc = str(c, m, "name", 0, &du->name);
		if (!rc)
			rc = str(c, m, "article", 0, &du->article);
		if (!rc)
			rc = str(c, m, "holder", 0, &holder);
		if (!rc)
			rc = str(c, m, "every", 0, &every);
		if (!rc)
			rc = integer(c, m, "times", 1, 366, 0, &du->times);
		if (!rc)
			rc = opt_str(c, m, "record", "other", &record);
		if (rc)
			return rc;
		if (record_kind_parse(record) < 0 ||
		    strcmp(record, record_kind_code((enum record_kind)record_kind_parse(record))))
			return fail(c, get(c, m, "record"),
				    "unknown record kind \"%s\" (use meeting, drill, training, report, "
				    "plan, assessment or other)",
				    record);
		du->record = (enum record_kind)record_kind_parse(record);
		if (strspn(du->id, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(du->id))
			return fail(c, get(c, m, "id"),
				    "duty id \"%s\" may only use a-z, 0-9 and _", du->id);
		for (size_t i = 0; i + 1 < p->nduties; i++)
			if (!strcmp(p->duties[i].id, du->id))
				return fail(c, get(c, m, "id"), "duty id \"%s\" given twice",
					    du->id);
		du->holder = at_parse(holder, 1);
		if (du->holder < 0 || du->holder == UNIT_EXTERNAL_AUTHORITY)
			return fail(c, get(c, m, "holder"),
				    "unknown holder \"%s\" (use a unit kind, root or every_unit)",
				    holder);
		if (period_parse(every) < 0)
			return fail(c, get(c, m, "every"),
				    "unknown period \"%s\" (use year, half_year, quarter or "
				    "month)",
				    every);
		du->every = (enum period)period_parse(every);
	}
	return CD_OK;
}

static enum cd_err load_chain(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"article", "unit_roles", "coordinator", "stop", NULL};
	static const char *const ckeys[] = {"article", "main", "important", NULL};
	struct profile *p = c->p;
	yaml_node_t *m, *co, *cm;
	unsigned mask;
	enum cd_err rc = need(c, root, "chain", YAML_MAPPING_NODE, &m);

	if (!rc)
		rc = only(c, m, "chain", keys);
	if (!rc)
		rc = str(c, m, "article", 0, &p->chain.article);
	if (!rc)
		rc = role_list(c, m, "unit_roles", &mask, p->chain.unit_roles,
			       &p->chain.nunit_roles);
	if (!rc)
		rc = need(c, m, "coordinator", YAML_SCALAR_NODE, &co);
	if (rc)
		return rc;
	if (!p->chain.nunit_roles)
		return fail(c, get(c, m, "unit_roles"),
			    "\"unit_roles\" must name at least one role");
	if (is_null(co)) {
		p->chain.coordinator = -1;
	} else {
		int k = at_parse((char *)co->data.scalar.value, 0);

		if (k < 0 || k >= UNIT__MAX)
			return fail(c, co, "unknown unit kind \"%s\" for \"coordinator\"",
				    (char *)co->data.scalar.value);
		p->chain.coordinator = k;
	}
	p->chain.stop = -1;
	if (get(c, m, "stop")) {
		yaml_node_t *st = NULL;
		const char *v;
		int k;

		if ((rc = need(c, m, "stop", YAML_SCALAR_NODE, &st)))
			return rc;
		v = (const char *)st->data.scalar.value;
		k = strcmp(v, "top") ? at_parse(v, 0) : -1;
		if (strcmp(v, "top") && (k < 0 || k >= UNIT__MAX))
			return fail(c, st, "\"stop\" is top or a unit kind, not \"%s\"", v);
		p->chain.stop = k;
	}
	rc = need(c, root, "collective", YAML_MAPPING_NODE, &cm);
	if (!rc)
		rc = only(c, cm, "collective", ckeys);
	if (!rc)
		rc = str(c, cm, "article", 0, &p->collective.article);
	if (!rc)
		rc = role_list(c, cm, "main", &p->collective.main, NULL, NULL);
	if (!rc)
		rc = role_list(c, cm, "important", &p->collective.important, NULL, NULL);
	if (!rc && (p->collective.main & p->collective.important))
		return fail(c, cm, "a role cannot bear both main and important responsibility");
	return rc;
}

/* trigger ids are "N.M": article number, dot, item number. */
static int trigger_id_ok(const char *s)
{
	size_t a = strspn(s, "0123456789"), b;

	if (!a || s[a] != '.')
		return 0;
	b = strspn(s + a + 1, "0123456789");
	return b && s[a + 1 + b] == '\0';
}

static enum cd_err load_triggers(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"id",	"article",  "text",
					   "condition", "question", NULL};
	struct profile *p = c->p;
	yaml_node_t *l;
	enum cd_err rc = need(c, root, "triggers", YAML_SEQUENCE_NODE, &l);

	if (rc)
		return rc;
	if (l->data.sequence.items.start == l->data.sequence.items.top)
		return fail(c, l, "\"triggers\" must list at least one trigger");
	for (yaml_node_item_t *it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *m = node(c, *it);
		struct profile_trigger *t;
		const char *id;

		if (m->type != YAML_MAPPING_NODE)
			return fail(c, m, "each trigger must be a mapping");
		rc = only(c, m, "a trigger", keys);
		if (!rc)
			rc = str(c, m, "id", 0, &id);
		if (rc)
			return rc;
		if (!trigger_id_ok(id))
			return fail(c, get(c, m, "id"),
				    "trigger id \"%s\" must be article.item, like \"8.1\"", id);
		if (profile_trigger(p, id))
			return fail(c, get(c, m, "id"), "trigger \"%s\" defined twice", id);
		t = arena_grow(p->arena, &p->triggers, &p->ntriggers, &p->captriggers, sizeof(*t));
		if (!t)
			return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		t->id = id;
		t->line = line_of(m);
		rc = str(c, m, "article", 0, &t->article);
		if (!rc)
			rc = str(c, m, "text", 0, &t->text);
		if (!rc)
			rc = str(c, m, "condition", 0, &t->condition);
		if (!rc && get(c, m, "question"))
			rc = str(c, m, "question", 0, &t->question);
		if (rc)
			return rc;
	}
	return CD_OK;
}

/* readings: the open readings of the policy, each optional with its default (docs/profiles.md). */
static enum cd_err load_readings(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {"party_gov_organ", "internal_report_minutes",
					   "funding_floor_percent", NULL};
	struct profile *p = c->p;
	yaml_node_t *m = get(c, root, "readings");
	enum cd_err rc = CD_OK;

	p->readings.party_gov_organ = false;
	p->readings.internal_report_minutes = PROFILE_NUMBER_NONE;
	p->readings.funding_floor_percent = PROFILE_NUMBER_NONE;
	if (!m)
		return CD_OK;
	if (m->type != YAML_MAPPING_NODE)
		return fail(c, m, "\"readings\" must be a mapping");
	rc = only(c, m, "readings", keys);
	if (!rc && get(c, m, "party_gov_organ"))
		rc = boolean(c, m, "party_gov_organ", &p->readings.party_gov_organ);
	if (!rc && get(c, m, "internal_report_minutes"))
		rc = integer(c, m, "internal_report_minutes", 1, 7 * 24 * 60, 1,
			     &p->readings.internal_report_minutes);
	if (!rc && get(c, m, "funding_floor_percent"))
		rc = integer(c, m, "funding_floor_percent", 0, 99, 1,
			     &p->readings.funding_floor_percent);
	return rc;
}

static enum cd_err load_root(struct ctx *c, yaml_node_t *root)
{
	static const char *const keys[] = {
		"id",	     "version",	   "name",   "issuer", "level",	     "in_force",
		"seed",	     "roles",	   "principles", "numbers", "mlps", "duties",
		"chain",     "collective", "triggers", "readings", NULL};
	static const char *const levels[] = {"national_template", "municipal_office",
					     "university", "other", NULL};
	struct profile *p = c->p;
	const char *in_force;
	enum cd_err rc;
	int ok = 0;

	if (root->type != YAML_MAPPING_NODE)
		return fail(c, root, "a profile must be a mapping of keys (id, name, roles, …)");
	rc = only(c, root, "the profile", keys);
	if (!rc)
		rc = str(c, root, "id", 0, &p->id);
	if (!rc && strspn(p->id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(p->id))
		return fail(c, get(c, root, "id"), "profile id \"%s\" may only use a-z, 0-9 and -",
			    p->id);
	if (!rc)
		rc = integer(c, root, "version", 1, INT_MAX, 0, &p->version);
	if (!rc)
		rc = str(c, root, "name", 0, &p->name);
	if (!rc)
		rc = str(c, root, "issuer", 0, &p->issuer);
	if (!rc)
		rc = str(c, root, "level", 0, &p->level);
	if (!rc) {
		for (const char *const *l = levels; *l; l++)
			ok |= !strcmp(*l, p->level);
		if (!ok)
			return fail(c, get(c, root, "level"),
				    "unknown level \"%s\" (use national_template, "
				    "municipal_office, university or other)",
				    p->level);
	}
	if (!rc)
		rc = str(c, root, "in_force", 0, &in_force);
	if (!rc && !date_parse(in_force, &p->in_force))
		return fail(c, get(c, root, "in_force"),
			    "\"in_force\" must be a date YYYY-MM-DD, not \"%s\"", in_force);
	if (!rc && get(c, root, "seed"))
		rc = str(c, root, "seed", 0, &p->seed);
	if (!rc)
		rc = load_roles(c, root);
	if (!rc)
		rc = load_principles(c, root);
	if (!rc)
		rc = load_numbers(c, root);
	if (!rc)
		rc = load_duties(c, root);
	if (!rc)
		rc = load_chain(c, root);
	if (!rc)
		rc = load_triggers(c, root);
	if (!rc)
		rc = load_readings(c, root);
	return rc;
}

enum cd_err profile_load_buffer(const char *buf, size_t len, const char *file, struct profile **out,
				struct cd_diag *d)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct profile *p;
	yaml_node_t *root;
	struct ctx c;
	enum cd_err rc;

	*out = NULL;
	if (len > PROFILE_MAX_BYTES)
		return cd_diag_set(d, CD_EINVAL, "%s:1: profile is larger than %u bytes", file,
				   PROFILE_MAX_BYTES);
	p = calloc(1, sizeof(*p));
	if (!p || !(p->arena = arena_new(0))) {
		free(p);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	p->file = arena_strdup(p->arena, file);
	p->source = arena_strndup(p->arena, buf, len);
	p->source_len = len;
	if (!yaml_parser_initialize(&parser)) {
		profile_free(p);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &doc)) {
		rc = cd_diag_set(d, CD_EINVAL, "%s:%zu: YAML syntax: %s", file,
				 parser.problem_mark.line + 1,
				 parser.problem ? parser.problem : "unreadable");
		yaml_parser_delete(&parser);
		profile_free(p);
		return rc;
	}
	c = (struct ctx){&doc, p, file, d};
	root = yaml_document_get_root_node(&doc);
	if (!root)
		rc = cd_diag_set(d, CD_EINVAL, "%s:1: the profile is empty", file);
	else
		rc = load_root(&c, root);
	if (!rc) /* every trigger's condition must parse: a typo must not silence a trigger */
		rc = cond_check_profile(p, p->arena, d);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (rc) {
		profile_free(p);
		return rc;
	}
	*out = p;
	return CD_OK;
}

enum cd_err profile_load_file(const char *path, struct profile **out, struct cd_diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	long sz;
	enum cd_err rc;

	*out = NULL;
	if (!f)
		return cd_diag_set(d, CD_EIO, "%s: cannot open: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (sz = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return cd_diag_set(d, CD_EIO, "%s: cannot read", path);
	}
	if ((unsigned long)sz > PROFILE_MAX_BYTES) {
		fclose(f);
		return cd_diag_set(d, CD_EINVAL, "%s:1: profile is larger than %u bytes", path,
				   PROFILE_MAX_BYTES);
	}
	buf = malloc((size_t)sz + 1);
	if (!buf) {
		fclose(f);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	n = fread(buf, 1, (size_t)sz, f);
	fclose(f);
	rc = profile_load_buffer(buf, n, path, out, d);
	free(buf);
	return rc;
}

size_t profile_builtin_count(void)
{
	return sizeof(builtin_ids) / sizeof(builtin_ids[0]);
}

const char *profile_builtin_id(size_t i)
{
	return i < profile_builtin_count() ? builtin_ids[i] : NULL;
}

enum cd_err profile_open(const char *arg, struct profile **out, struct cd_diag *d)
{
	size_t n = strlen(arg);
	const struct embed_file *e;
	char name[128];

	*out = NULL;
	if (strchr(arg, '/') || (n > 5 && !strcmp(arg + n - 5, ".yaml")) ||
	    (n > 4 && !strcmp(arg + n - 4, ".yml")))
		return profile_load_file(arg, out, d);
	snprintf(name, sizeof(name), "profiles/%s.yaml", arg);
	e = embed_find(name);
	if (!e)
		return cd_diag_set(d, CD_ENOTFOUND,
				   "unknown profile \"%s\" (see `cyberduty profile list`)", arg);
	return profile_load_buffer(e->data, e->len, name, out, d);
}
