/* act.c — writing an act the one way: transaction, audit entry, commit or roll back. */
#include "act.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "io/calendar_load.h"
#include "io/docno.h"
#include "notify/notify.h"

/* refuse sets the field at fault and the message: fmt in the reader's language, formatted. */
static void refuse(struct act *c, const char *field, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

static void refuse(struct act *c, const char *field, const char *fmt, va_list ap)
{
	c->field = field;
	if (c->d)
		vsnprintf(c->d->msg, sizeof c->d->msg, lang_tr(fmt), ap);
}

enum cd_err act_fail(struct act *c, enum cd_err err, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	refuse(c, field, fmt, ap);
	va_end(ap);
	return err;
}

enum cd_err act_out_of_scope(struct act *c, const char *field, const char *fmt, ...)
{
	va_list ap;

	c->why = "out_of_scope";
	va_start(ap, fmt);
	refuse(c, field, fmt, ap);
	va_end(ap);
	return CD_EINVAL;
}

enum cd_err act_derived_fresh(struct act *c, bool *yes)
{
	char *gen = NULL, *day = NULL, now[24], today[11];
	int64_t g = 0;
	enum cd_err rc = store_generation(c->s, &g, c->d);

	*yes = false;
	if (!rc)
		rc = store_meta_get(c->s, ACT_DERIVED_GENERATION, &gen, c->d);
	if (!rc)
		rc = store_meta_get(c->s, ACT_DERIVED_DAY, &day, c->d);
	if (!rc) {
		snprintf(now, sizeof now, "%lld", (long long)g);
		*yes = !strcmp(gen, now) && !strcmp(day, date_format(time_cst_date(c->now), today));
	}
	free(gen);
	free(day);
	return rc == CD_ENOTFOUND ? CD_OK : rc;
}

enum cd_err act_derived_mark(struct act *c)
{
	char now[24], today[11];
	int64_t g = 0;
	enum cd_err rc = store_generation(c->s, &g, c->d);

	snprintf(now, sizeof now, "%lld", (long long)g);
	if (!rc)
		rc = store_meta_set(c->s, ACT_DERIVED_GENERATION, now, c->d);
	if (!rc)
		rc = store_meta_set(c->s, ACT_DERIVED_DAY, date_format(time_cst_date(c->now), today),
				    c->d);
	return rc;
}

enum cd_err act_begin(struct act *c)
{
	enum cd_err rc;

	c->outer = store_in_transaction(c->s);
	c->derived_kept = false; /* each act says for itself (a context may serve several acts) */
	rc = c->outer ? CD_OK : store_begin(c->s, c->d);
	if (!rc)
		rc = act_derived_fresh(c, &c->derived_fresh);
	if (rc && !c->outer)
		store_rollback(c->s);
	return rc;
}

static char *dump(json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
}

enum cd_err act_end(struct act *c, enum cd_err rc, const char *action, const char *object,
		    json_t *before, json_t *after)
{
	char *b = NULL, *a = NULL;

	if (!rc) {
		struct audit_entry e = {.at = c->now, .actor = c->actor ? c->actor : "-",
					.ip = c->ip ? c->ip : "", .action = action,
					.object = object ? object : "", .outcome = AUDIT_OK};

		b = dump(before);
		a = dump(after);
		e.before = b;
		e.after = a;
		if ((before && !b) || (after && !a))
			rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
		if (!rc)
			rc = audit_append(c->s, &e, c->d);
		if (!rc) /* the messages the act causes, in its transaction (notify/rules.c) */
			rc = notify_act(c, action, object);
		if (!rc && c->derived_fresh && c->derived_kept)
			rc = act_derived_mark(c);
		if (!rc && !c->outer)
			rc = store_commit(c->s, c->d);
	}
	if (rc && !c->outer)
		store_rollback(c->s);
	json_decref(before);
	json_decref(after);
	free(b);
	free(a);
	return rc;
}

enum cd_err act_read_begin(struct act *c, bool *own)
{
	*own = !store_in_transaction(c->s);
	return *own ? store_begin_read(c->s, c->d) : CD_OK;
}

enum cd_err act_read_end(struct act *c, bool own, enum cd_err rc)
{
	struct cd_diag ignore = {{0}};

	/* a read transaction commits nothing: its end fails only with the connection */
	if (own && store_commit(c->s, rc ? &ignore : c->d) && !rc)
		rc = CD_ESTORE;
	return rc;
}

void act_abandon(struct act *c)
{
	if (!c->outer)
		store_rollback(c->s);
}

bool act_in_scope(struct act *c, int64_t unit)
{
	bool yes = false;

	if (!c->scope)
		return true;
	if (!unit)
		return false;
	return store_unit_within(c->s, unit, c->scope, &yes, NULL) == CD_OK && yes;
}

enum cd_err act_id_of(struct act *c, enum store_kind k, const char *code, const char *field,
		      int64_t *id)
{
	static const char *const what[] = {"unit", "person", "asset"};
	enum cd_err rc = store_id_of(c->s, k, code, id, c->d);

	if (rc == CD_ENOTFOUND)
		return act_fail(c, CD_ENOTFOUND, field, "%s: no %s \"%.64s\"", field,
				lang_tr(what[k]), code);
	return rc;
}

bool act_ref_in_scope(struct act *c, enum store_kind k, int64_t id)
{
	struct rec_row w;
	struct asset_row r;

	if (!c->scope)
		return true;
	switch (k) {
	case SK_UNIT:
		return act_in_scope(c, id);
	case SK_PERSON: /* of the scope when their unit is */
		return store_rec_get(c->s, SR_PERSON, id, c->a, &w, NULL) == CD_OK &&
		       act_in_scope(c, w.scope);
	case SK_ASSET: /* of the scope when it answers to a unit of it, under any relation */
		if (store_asset_get(c->s, id, c->a, &r, NULL) != CD_OK)
			return false;
		for (int i = 0; i < REL__MAX; i++)
			if (r.a.rel[i] && act_in_scope(c, r.a.rel[i]))
				return true;
		return false;
	}
	return false;
}

enum cd_err act_ref(struct act *c, enum store_kind k, const char *code, const char *field,
		    int64_t *id)
{
	static const char *const what[] = {"unit", "person", "asset"};
	enum cd_err rc = act_id_of(c, k, code, field, id);

	if (!rc && !act_ref_in_scope(c, k, *id)) {
		*id = 0;
		return act_fail(c, CD_ENOTFOUND, field, "%s: no %s \"%.64s\"", field,
				lang_tr(what[k]), code);
	}
	return rc;
}

enum cd_err act_assets(struct act *c, const char *const *codes, size_t n, const char *field,
		       int64_t **ids)
{
	if (!n)
		return act_fail(c, CD_EINVAL, field, "%s: name at least one system", field);
	if (!(*ids = arena_alloc(c->a, n * sizeof **ids)))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		enum cd_err rc = act_ref(c, SK_ASSET, codes[i], field, &(*ids)[i]);

		if (rc)
			return rc;
		for (size_t k = 0; k < i; k++)
			if ((*ids)[k] == (*ids)[i])
				return act_fail(c, CD_EINVAL, field, "%s: %s is given twice", field,
						codes[i]);
	}
	return CD_OK;
}

enum cd_err act_unit_of(struct act *c, const char *code, const char *field, int64_t asset,
			int64_t *unit)
{
	struct asset_row a;
	enum cd_err rc;

	if (code)
		return act_ref(c, SK_UNIT, code, field, unit);
	if ((rc = store_asset_get(c->s, asset, c->a, &a, c->d)))
		return rc;
	*unit = a.a.rel[REL_MANAGER];
	return CD_OK;
}

enum cd_err act_person_in_scope(struct act *c, int64_t id, const char *field)
{
	if (id && !act_ref_in_scope(c, SK_PERSON, id))
		return act_fail(c, CD_ENOTFOUND, field, "%s: no person %lld", field, (long long)id);
	return CD_OK;
}

enum cd_err act_not_future(struct act *c, cd_time t, const char *field)
{
	if (!c->history && t != CD_TIME_NONE && t > c->now + 60)
		return act_fail(c, CD_EINVAL, field, "%s: lies in the future; record what has "
						     "happened", field);
	return CD_OK;
}

const char *act_text(const char *given, const char *was, unsigned clear, unsigned bit)
{
	if (clear & bit)
		return NULL;
	return given ? given : was;
}

cd_date act_date(cd_date given, cd_date was, unsigned clear, unsigned bit)
{
	if (clear & bit)
		return CD_DATE_NONE;
	return given != CD_DATE_NONE ? given : was;
}

static void free_calendar(void *p)
{
	calendar_free(p);
}

enum cd_err act_calendar(struct act *c, const struct calendar **out)
{
	struct calendar *cal = NULL;
	enum cd_err rc = calendar_from_data(c->s, &cal, c->d);

	if (!rc && arena_defer(c->a, free_calendar, cal)) {
		calendar_free(cal);
		rc = cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	*out = rc ? NULL : cal;
	return rc;
}

enum cd_err act_docno(struct act *c, const char *in, const char *field, const char **out)
{
	const char *why = NULL;

	*out = NULL;
	if (!in)
		return CD_OK;
	if (!(*out = docno_normalise(c->a, in, &why)))
		return act_fail(c, CD_EINVAL, field, "%s: %s", field, why);
	return CD_OK;
}

const struct profile *act_profile(struct act *c)
{
	struct cd_diag d = {{0}};

	if (!c->eff && policy_profile_with(c->s, c->pol->p, c->a, &c->eff, &d))
		c->eff = c->pol->p;
	return c->eff;
}
