/* holidays.c — holiday calendar JSON → calendar entries (see holidays.h). */
#include "holidays.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static enum cd_err bad(struct cd_diag *d, const char *file, size_t i, const char *field,
		       const char *what)
{
	return cd_diag_set(d, CD_EINVAL, "%s: days[%zu].%s: %s", file, i, field, what);
}

static enum cd_err years(json_t *notices, const char *file, struct arena *a,
			 struct holidays *out, struct cd_diag *d)
{
	const char *key;
	json_t *v;
	size_t used = 0, cap = 1024;
	char *src = arena_alloc(a, cap);

	if (!json_is_object(notices) || json_object_size(notices) == 0)
		return cd_diag_set(d, CD_EINVAL,
				   "%s: \"notices\" must map each year to the notices it comes "
				   "from, e.g. {\"2027\": [\"https://www.gov.cn/…\"]}",
				   file);
	if (!src)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	out->year_from = 9999;
	out->year_to = 0;
	json_object_foreach(notices, key, v) {
		char *end;
		long y = strtol(key, &end, 10);
		size_t i;
		json_t *s;

		if (*end || end == key || y < 1900 || y > 9999)
			return cd_diag_set(d, CD_EINVAL, "%s: notices: \"%s\" is not a year", file,
					   key);
		out->year_from = y < out->year_from ? (int)y : out->year_from;
		out->year_to = y > out->year_to ? (int)y : out->year_to;
		json_array_foreach(v, i, s) {
			if (json_is_string(s) && used + json_string_length(s) + 2 < cap)
				used += (size_t)snprintf(src + used, cap - used, "%s%s",
							 used ? "\n" : "", json_string_value(s));
		}
	}
	if ((size_t)(out->year_to - out->year_from + 1) != json_object_size(notices))
		return cd_diag_set(d, CD_EINVAL,
				   "%s: notices: the years must follow one another (%d..%d has a "
				   "gap)",
				   file, out->year_from, out->year_to);
	out->source = src;
	return CD_OK;
}

enum cd_err holidays_parse(const char *buf, size_t len, const char *file, struct arena *a,
			   struct holidays *out, struct cd_diag *d)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *days, *day;
	enum cd_err rc = CD_OK;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!root)
		return cd_diag_set(d, CD_EINVAL, "%s:%d:%d: not valid JSON: %s", file, jerr.line,
				   jerr.column, jerr.text);
	days = json_object_get(root, "days");
	if (!json_is_array(days)) {
		json_decref(root);
		return cd_diag_set(d, CD_EINVAL, "%s: \"days\" must be a list of {date, name, kind}",
				   file);
	}
	rc = years(json_object_get(root, "notices"), file, a, out, d);
	json_array_foreach(days, i, day) {
		const char *date, *name, *kind;
		struct calendar_entry *e;
		int k;

		if (rc)
			break;
		date = json_string_value(json_object_get(day, "date"));
		name = json_string_value(json_object_get(day, "name"));
		kind = json_string_value(json_object_get(day, "kind"));
		k = kind ? calendar_kind_parse(kind) : -1;
		e = arena_grow(a, &out->days, &out->ndays, &out->capdays, sizeof(*e));
		if (!e) {
			rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
			break;
		}
		if (!json_is_object(day))
			rc = cd_diag_set(d, CD_EINVAL, "%s: days[%zu]: must be an object", file, i);
		else if (!date || !date_parse(date, &e->date))
			rc = bad(d, file, i, "date", "must be a date YYYY-MM-DD");
		else if (!name || !*name)
			rc = bad(d, file, i, "name", "must name the holiday, e.g. \"春节\"");
		else if (k < 0)
			rc = bad(d, file, i, "kind", "must be \"off\" (放假) or \"work\" (调休上班)");
		else {
			e->kind = (enum calendar_kind)k;
			e->name = arena_strdup(a, name);
			if (!e->name)
				rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
		}
	}
	json_decref(root);
	return rc;
}
