/* fields.c — validation at the boundary: a body or a query is checked against the route's field
 * descriptors before any handler runs. Unknown fields are refused, every value is checked for
 * its type, length, range or list of codes, and the first problem is answered 422 (400 for a
 * malformed query) naming the field and what to send instead. Then the helpers handlers read
 * the checked values into an act's input with: given, not given, or null (cleared). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

#define STRING_MAX_DEFAULT 512
#define CODE_MAX           64

static bool one_line(const char *s, size_t n, bool text)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f || (c < 0x20 && !(text && (c == '\n' || c == '\t' || c == '\r'))))
			return false;
	}
	return true;
}

static bool is_code(const char *s, size_t n)
{
	if (n < 1 || n > CODE_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static const char *type_name(const struct field *f)
{
	switch (f->type) {
	case FT_INT:
		return "an integer";
	case FT_BOOL:
		return "true or false";
	case FT_CODES:
	case FT_STRINGS:
		return "an array";
	default:
		return "a string";
	}
}

/* codes_list writes "a, b, c" of an enum field into buf. */
static const char *codes_list(const struct field *f, char *buf, size_t n)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 0; i < f->ncodes && k < n; i++)
		k += (size_t)snprintf(buf + k, n - k, "%s%s", i ? ", " : "", f->code(i));
	return buf;
}

/* chars counts the characters of the n bytes at s (UTF-8: every byte but a continuation byte
 * starts one), as OpenAPI's minLength and maxLength and SQLite's length() count them. */
static size_t chars(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* in_years refuses a day (of a date or time field given as s) outside the years the database
 * keeps (1900 … 2999: its dates are four-digit years from 1 or 2) — rather than letting the
 * database's CHECK answer, or a far date wrap when stored. */
static int in_years(struct api_ctx *x, const struct field *f, cd_date day, const char *s,
		    unsigned status)
{
	int y = 0, m = 0, d = 0;

	date_to_ymd(day, &y, &m, &d);
	if (y >= 1900 && y <= 2999)
		return 0;
	return api_fail(x, status, "invalid", f->name,
			"%s: give a day from 1900-01-01 to 2999-12-31 (got \"%.40s\") / 日期应在 "
			"1900 至 2999 年之间",
			f->name, s);
}

/* check_string validates a string value s (n bytes) of field f into v; 0 or the error status. */
static int check_string(struct api_ctx *x, const struct field *f, const char *s, size_t n,
			struct fval *v, unsigned status)
{
	size_t max = f->max ? (size_t)f->max : STRING_MAX_DEFAULT, len = chars(s, n);
	char list[512];

	v->s = s;
	switch (f->type) {
	case FT_STRING:
	case FT_TEXT:
		if (len < (size_t)f->min || len > max)
			return api_fail(x, status, "invalid", f->name,
					"%s: give %lld to %zu characters of text (got %zu) / 长度应为 "
					"%lld 至 %zu 个字符",
					f->name, (long long)(f->min ? f->min : 0), max, len,
					(long long)(f->min ? f->min : 0), max);
		if (!one_line(s, n, f->type == FT_TEXT))
			return api_fail(x, status, "invalid", f->name,
					"%s: control characters are not allowed%s", f->name,
					f->type == FT_STRING ? " (one line of text)" : "");
		return 0;
	case FT_CODE:
		if (!is_code(s, n))
			return api_fail(x, status, "invalid", f->name,
					"%s: give a code of 1 to %d letters, digits, '.', '_' or '-'",
					f->name, CODE_MAX);
		return 0;
	case FT_DATE:
		if (!date_parse(s, &v->date))
			return api_fail(x, status, "invalid", f->name,
					"%s: give a date as YYYY-MM-DD (got \"%.40s\")", f->name, s);
		return in_years(x, f, v->date, s, status);
	case FT_TIME:
		if (!time_parse(s, true, &v->t))
			return api_fail(x, status, "invalid", f->name,
					"%s: give a time as YYYY-MM-DDTHH:MM[:SS] with Z or an offset "
					"such as +08:00 (got \"%.40s\")",
					f->name, s);
		return in_years(x, f, time_cst_date(v->t), s, status);
	case FT_ENUM:
		for (int i = 0; i < f->ncodes; i++)
			if (!strcmp(f->code(i), s)) {
				v->i = i;
				return 0;
			}
		return api_fail(x, status, "invalid", f->name, "%s: give one of %s (got \"%.40s\")",
				f->name, codes_list(f, list, sizeof list), s);
	default:
		return api_fail(x, status, "invalid", f->name, "%s: expected %s", f->name,
				type_name(f));
	}
}

static int check_int(struct api_ctx *x, const struct field *f, long long i, struct fval *v,
		     unsigned status)
{
	if (i < f->min || i > f->max)
		return api_fail(x, status, "invalid", f->name,
				"%s: give an integer from %lld to %lld (got %lld)", f->name,
				(long long)f->min, (long long)f->max, i);
	v->i = i;
	return 0;
}

static int check_array(struct api_ctx *x, const struct field *f, json_t *a, struct fval *v)
{
	size_t i;
	json_t *e;

	if (json_array_size(a) < (size_t)f->min || json_array_size(a) > (size_t)f->max)
		return api_fail(x, 422, "invalid", f->name, "%s: give %lld to %lld entries (got %zu)",
				f->name, (long long)f->min, (long long)f->max, json_array_size(a));
	json_array_foreach(a, i, e) {
		const char *s = json_string_value(e);
		size_t n = json_string_length(e);

		if (!s)
			return api_fail(x, 422, "invalid", f->name, "%s[%zu]: expected a string",
					f->name, i);
		if (f->type == FT_CODES ? !is_code(s, n)
					: chars(s, n) > STRING_MAX_DEFAULT || !one_line(s, n, false))
			return api_fail(x, 422, "invalid", f->name,
					f->type == FT_CODES
						? "%s[%zu]: give a code of letters, digits, '.', '_' "
						  "or '-'"
						: "%s[%zu]: give one line of text of at most 512 "
						  "characters",
					f->name, i);
	}
	v->arr = a;
	return 0;
}

static int check_value(struct api_ctx *x, const struct field *f, json_t *j, struct fval *v)
{
	v->set = true;
	if (json_is_null(j)) {
		if (!(f->flags & FF_NULL))
			return api_fail(x, 422, "invalid", f->name, "%s: must not be null (expected %s)",
					f->name, type_name(f));
		v->null = true;
		return 0;
	}
	switch (f->type) {
	case FT_INT:
		if (!json_is_integer(j))
			break;
		return check_int(x, f, json_integer_value(j), v, 422);
	case FT_BOOL:
		if (!json_is_boolean(j))
			break;
		v->b = json_is_true(j);
		return 0;
	case FT_CODES:
	case FT_STRINGS:
		if (!json_is_array(j))
			break;
		return check_array(x, f, j, v);
	default:
		if (!json_is_string(j))
			break;
		return check_string(x, f, json_string_value(j), json_string_length(j), v, 422);
	}
	return api_fail(x, 422, "invalid", f->name, "%s: expected %s", f->name, type_name(f));
}

int api_fields_read(struct api_ctx *x, json_t *obj, const struct field *f, size_t n, bool update,
		    struct fval *v)
{
	const char *key;
	json_t *val;
	int st;

	if (!json_is_object(obj))
		return api_fail(x, 422, "invalid", NULL, "the body must be a JSON object");
	json_object_foreach(obj, key, val) {
		size_t i;
		char known[512];
		size_t k = 0;

		for (i = 0; i < n && strcmp(f[i].name, key); i++)
			;
		if (i < n) {
			if ((st = check_value(x, &f[i], val, &v[i])))
				return st;
			continue;
		}
		known[0] = '\0';
		for (size_t j = 0; j < n && k < sizeof known; j++)
			k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", j ? ", " : "",
					      f[j].name);
		return api_fail(x, 422, "unknown_field", key, "unknown field \"%.64s\" (known: %s)",
				key, n ? known : "none");
	}
	for (size_t i = 0; i < n && !update; i++)
		if ((f[i].flags & FF_REQUIRED) && !v[i].set)
			return api_fail(x, 422, "required", f[i].name, "%s: required", f[i].name);
	return 0;
}

/* A query value is text: integers and booleans are read from it. */
static int query_value(struct api_ctx *x, const struct field *f, const char *s, struct fval *v)
{
	char *end;
	long long i;

	v->set = true;
	switch (f->type) {
	case FT_INT:
		i = strtoll(s, &end, 10);
		if (!*s || *end)
			return api_fail(x, 400, "invalid", f->name, "%s: expected an integer",
					f->name);
		return check_int(x, f, i, v, 400);
	case FT_BOOL:
		if (strcmp(s, "true") && strcmp(s, "false") && strcmp(s, "1") && strcmp(s, "0"))
			return api_fail(x, 400, "invalid", f->name, "%s: give true or false (1 or 0)",
					f->name);
		v->b = !strcmp(s, "true") || !strcmp(s, "1");
		return 0;
	default:
		return check_string(x, f, s, strlen(s), v, 400);
	}
}

/* sort_ok: key is one of the comma-separated list. */
static bool sort_ok(const char *list, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (len == n && !strncmp(p, key, n))
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

static int list_param(struct api_ctx *x, const char *key, const char *val)
{
	char *end;
	long long n;

	if (!strcmp(key, "limit")) {
		n = strtoll(val, &end, 10);
		if (!*val || *end || n < 1 || n > LIST_MAX)
			return api_fail(x, 400, "invalid", "limit",
					"limit: give an integer from 1 to %d", LIST_MAX);
		x->limit = (size_t)n;
	} else if (!strcmp(key, "cursor")) {
		x->cursor = val;
	} else {
		x->desc = *val == '-';
		if (!x->rt->sorts)
			return api_fail(x, 400, "invalid", "sort",
					"sort: this list has one order (the newest first)");
		if (!sort_ok(x->rt->sorts, val + x->desc))
			return api_fail(x, 400, "invalid", "sort",
					"sort: give one of %s (\"-\" before it for descending)",
					x->rt->sorts);
		snprintf(x->sort, sizeof x->sort, "%s", val + x->desc);
	}
	return 0;
}

int api_query_read(struct api_ctx *x)
{
	const struct route *rt = x->rt;
	const struct api_request *q = x->q;
	int st;

	if (q->query_overflow)
		return api_fail(x, 400, "invalid", NULL, "too many query parameters (at most %d)",
				API_MAX_QUERY);
	x->limit = LIST_DEFAULT;
	if (rt->sorts) {
		const char *comma = strchr(rt->sorts, ',');

		snprintf(x->sort, sizeof x->sort, "%.*s",
			 comma ? (int)(comma - rt->sorts) : (int)sizeof x->sort - 1, rt->sorts);
	}
	for (size_t i = 0; i < q->nquery; i++) {
		const char *key = q->query[i].key, *val = q->query[i].value ? q->query[i].value : "";
		size_t j;

		for (size_t k = 0; k < i; k++)
			if (!strcmp(q->query[k].key, key))
				return api_fail(x, 400, "invalid", key,
						"%.64s: given twice; give it once", key);
		if ((rt->flags & R_LIST) &&
		    (!strcmp(key, "limit") || !strcmp(key, "cursor") || !strcmp(key, "sort"))) {
			if ((st = list_param(x, key, val)))
				return st;
			continue;
		}
		for (j = 0; j < rt->nquery && strcmp(rt->query[j].name, key); j++)
			;
		if (j == rt->nquery)
			return api_fail(x, 400, "unknown_parameter", key,
					"unknown query parameter \"%.64s\"%s", key,
					rt->flags & R_LIST ? " (see the list's filters in "
							     "/api/v1/openapi.json)"
							   : "");
		if ((st = query_value(x, &rt->query[j], val, &x->qv[j])))
			return st;
	}
	return 0;
}

/* --- reading the checked values --------------------------------------------------------------- */

/* given: the body's value of field when it gives one, else NULL; for null it also sets bit in
 * *clear (when clear is not NULL). */
static const struct fval *given(const struct api_ctx *x, const char *field, unsigned *clear,
				unsigned bit)
{
	const struct fval *v = api_val(x, field);

	if (v && v->set && v->null && clear)
		*clear |= bit;
	return v && v->set && !v->null ? v : NULL;
}

const char *api_in_text(const struct api_ctx *x, const char *field, unsigned *clear,
			unsigned bit)
{
	const struct fval *v = given(x, field, clear, bit);

	return v ? v->s : NULL;
}

cd_date api_in_date(const struct api_ctx *x, const char *field, unsigned *clear, unsigned bit)
{
	const struct fval *v = given(x, field, clear, bit);

	return v ? v->date : CD_DATE_NONE;
}

int64_t api_in_int(const struct api_ctx *x, const char *field)
{
	const struct fval *v = given(x, field, NULL, 0);

	return v ? v->i : -1;
}

int api_in_bool(const struct api_ctx *x, const char *field)
{
	const struct fval *v = given(x, field, NULL, 0);

	return v ? v->b : -1;
}
