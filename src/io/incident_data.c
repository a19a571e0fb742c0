/* incident_data.c — grading thresholds and incident classes from JSON (see incident_data.h). */
#include "incident_data.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "embed/embed.h"

static json_t *load(const char *buf, size_t len, const char *file, struct cd_diag *d,
		    enum cd_err *rc)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);

	*rc = CD_OK;
	if (!root)
		*rc = cd_diag_set(d, CD_EINVAL, "%s: line %d column %d: %s", file, jerr.line,
				  jerr.column, jerr.text);
	else if (!json_is_object(root)) {
		json_decref(root);
		root = NULL;
		*rc = cd_diag_set(d, CD_EINVAL, "%s: not a JSON object", file);
	}
	return root;
}

static const char *str(json_t *o, const char *key, struct arena *a)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

static enum cd_err bad(struct cd_diag *d, const char *file, size_t i, const char *field,
		       const char *what)
{
	return cd_diag_set(d, CD_EINVAL, "%s: thresholds[%zu].%s: %s", file, i, field, what);
}

static enum cd_err threshold(json_t *o, size_t i, const char *file, struct arena *a,
			     struct grade_threshold *t, struct cd_diag *d)
{
	json_t *v, *k;
	size_t j;
	int g, m;

	if (!json_is_object(o))
		return cd_diag_set(d, CD_EINVAL, "%s: thresholds[%zu]: not an object", file, i);
	v = json_object_get(o, "grade");
	if (!json_is_string(v) || (g = grade_parse(json_string_value(v))) < 0)
		return bad(d, file, i, "grade", "not 特别重大, 重大, 较大 or 一般");
	v = json_object_get(o, "measure");
	if (!json_is_string(v) || (m = measure_parse(json_string_value(v))) < 0)
		return bad(d, file, i, "measure", "not a measure (see src/core/incident.h)");
	v = json_object_get(o, "min");
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 0)
		return bad(d, file, i, "min", "not a number ≥ 0");
	t->grade = (enum grade)g;
	t->measure = (enum measure)m;
	t->min = json_number_value(v);
	t->scope = -1;
	json_array_foreach(json_object_get(o, "kinds"), j, k) {
		int kind = json_is_string(k) ? asset_kind_parse(json_string_value(k)) : -1;

		if (kind < 0)
			return bad(d, file, i, "kinds", "not an asset kind (portal, news_site, …)");
		t->kinds |= 1u << kind;
	}
	v = json_object_get(o, "admin_levels");
	if (json_array_size(v)) {
		t->admin_levels = arena_alloc(a, json_array_size(v) * sizeof *t->admin_levels);
		if (!t->admin_levels)
			return cd_diag_set(d, CD_ENOMEM, "out of memory");
		json_array_foreach(v, j, k) {
			if (!json_is_string(k))
				return bad(d, file, i, "admin_levels", "not a list of strings");
			t->admin_levels[t->nadmin_levels++] = arena_strdup(a, json_string_value(k));
		}
	}
	t->cii = json_is_true(json_object_get(o, "cii"));
	v = json_object_get(o, "scope");
	if (v && (!json_is_string(v) || (t->scope = outage_scope_parse(json_string_value(v))) < 0))
		return bad(d, file, i, "scope", "not total or main_functions");
	v = json_object_get(o, "confirmed");
	if (!json_is_boolean(v))
		return bad(d, file, i, "confirmed", "must say true or false");
	t->confirmed = json_is_true(v);
	if (!(t->text = str(o, "text", a)))
		return bad(d, file, i, "text", "missing");
	return CD_OK;
}

enum cd_err grade_rules_parse(const char *buf, size_t len, const char *file, struct arena *a,
			      struct grade_rules *out, struct cd_diag *d)
{
	enum cd_err rc;
	json_t *root = load(buf, len, file, d, &rc), *v, *o;
	size_t i;
	int g;

	if (!root)
		return rc;
	memset(out, 0, sizeof *out);
	v = json_object_get(root, "report_from");
	if (!json_is_string(v) || (g = grade_parse(json_string_value(v))) < 0) {
		rc = cd_diag_set(d, CD_EINVAL, "%s: report_from: not a grade", file);
		goto out;
	}
	out->report_from = (enum grade)g;
	v = json_object_get(root, "report_minutes");
	for (int r = 0; r < REPORTER__MAX; r++) {
		json_t *m = json_object_get(v, reporter_code((enum reporter)r));

		if (!json_is_integer(m) || json_integer_value(m) < 1 ||
		    json_integer_value(m) > 7 * 24 * 60) {
			rc = cd_diag_set(d, CD_EINVAL,
					 "%s: report_minutes.%s: not a number of minutes (1-10080)",
					 file, reporter_code((enum reporter)r));
			goto out;
		}
		out->report_minutes[r] = (int)json_integer_value(m);
	}
	v = json_object_get(root, "summary_days");
	if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 365) {
		rc = cd_diag_set(d, CD_EINVAL, "%s: summary_days: not a number of days (1-365)",
				 file);
		goto out;
	}
	out->summary_days = (int)json_integer_value(v);
	v = json_object_get(root, "thresholds");
	if (!json_is_array(v) || !json_array_size(v)) {
		rc = cd_diag_set(d, CD_EINVAL, "%s: thresholds: a non-empty list is needed", file);
		goto out;
	}
	out->t = arena_alloc(a, json_array_size(v) * sizeof *out->t);
	if (!out->t) {
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(v, i, o) {
		if ((rc = threshold(o, i, file, a, &out->t[i], d)) != CD_OK)
			goto out;
		out->n++;
	}
	out->source = file;
	rc = CD_OK;
out:
	json_decref(root);
	return rc;
}

enum cd_err incident_classes_parse(const char *buf, size_t len, const char *file,
				   struct arena *a, struct incident_classes *out,
				   struct cd_diag *d)
{
	enum cd_err rc;
	json_t *root = load(buf, len, file, d, &rc), *v, *o, *s;
	size_t i, j;

	if (!root)
		return rc;
	memset(out, 0, sizeof *out);
	v = json_object_get(root, "classes");
	if (!json_is_array(v) || !json_array_size(v)) {
		rc = cd_diag_set(d, CD_EINVAL, "%s: classes: a non-empty list is needed", file);
		goto out;
	}
	if (!(out->v = arena_alloc(a, json_array_size(v) * sizeof *out->v))) {
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(v, i, o) {
		struct incident_class *c = &out->v[i];
		json_t *subs = json_object_get(o, "subclasses");

		c->code = str(o, "code", a);
		c->name = str(o, "name", a);
		if (!c->code || !c->name || !json_is_boolean(json_object_get(o, "confirmed")) ||
		    (subs && !json_is_array(subs))) {
			rc = cd_diag_set(d, CD_EINVAL,
					 "%s: classes[%zu]: needs code, name, confirmed (and "
					 "subclasses as a list)",
					 file, i);
			goto out;
		}
		c->confirmed = json_is_true(json_object_get(o, "confirmed"));
		s = json_object_get(o, "attack");
		if (s && !json_is_boolean(s) && !json_is_null(s)) {
			rc = cd_diag_set(d, CD_EINVAL,
					 "%s: classes[%zu].attack: true, false or null (the class "
					 "does not settle it)",
					 file, i);
			goto out;
		}
		c->attack = json_is_boolean(s) ? json_is_true(s) : -1;
		if (json_array_size(subs) &&
		    !(c->subclasses = arena_alloc(a, json_array_size(subs) * sizeof(char *)))) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			goto out;
		}
		json_array_foreach(subs, j, s) {
			if (!json_is_string(s)) {
				rc = cd_diag_set(d, CD_EINVAL,
						 "%s: classes[%zu].subclasses[%zu]: not a string",
						 file, i, j);
				goto out;
			}
			c->subclasses[c->nsubclasses++] = arena_strdup(a, json_string_value(s));
		}
		out->n++;
	}
	out->source = str(root, "source", a);
	out->attack_about = str(root, "attack_about", a);
	rc = CD_OK;
out:
	json_decref(root);
	return rc;
}

enum cd_err incident_data_builtin(struct arena *a, struct grade_rules *rules,
				  struct incident_classes *classes, struct cd_diag *d)
{
	const struct embed_file *g = embed_find(INCIDENT_GRADES_FILE);
	const struct embed_file *c = embed_find(INCIDENT_CLASSES_FILE);
	enum cd_err rc;

	if (!g || !c)
		return cd_diag_set(d, CD_EINVAL, "the incident data is not built in (%s, %s)",
				   INCIDENT_GRADES_FILE, INCIDENT_CLASSES_FILE);
	if ((rc = grade_rules_parse(g->data, g->len, g->name, a, rules, d)) != CD_OK)
		return rc;
	return incident_classes_parse(c->data, c->len, c->name, a, classes, d);
}
