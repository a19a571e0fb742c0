/* records.c — the acts and reads of records: the evidence that a meeting, drill, training or
 * report took place, which the yearly duties are matched against. */
#include <stdio.h>
#include <string.h>

#include "io/jwtree.h"
#include "svc/work.h"

void svc_record_write(struct jw *w, const struct record_row *row)
{
	const struct record *r = &row->r;

	jw_obj(w, NULL);
	jw_int(w, "id", r->id);
	jw_str(w, "kind", record_kind_code(r->kind));
	jw_str(w, "unit", row->unit_code);
	jw_date(w, "on", r->on);
	jw_str(w, "duty", r->duty);
	jw_str(w, "period", r->period);
	jw_str(w, "title", r->title);
	jw_str(w, "participants", r->participants);
	jw_str(w, "minutes", r->minutes);
	jw_str(w, "attachment", r->attachment);
	if (r->voided) {
		jw_obj(w, "voided");
		jw_time(w, "at", r->voided_at);
		jw_str(w, "by", r->voided_by);
		jw_str(w, "reason", r->void_reason);
		jw_end(w);
	} else {
		jw_null(w, "voided");
	}
	jw_end(w);
}

json_t *svc_record_json(const struct record_row *row)
{
	struct dynbuf b;
	struct jw w;

	jw_tree_begin(&w, &b);
	svc_record_write(&w, row);
	return jw_tree(&w, &b);
}

/* default_unit: the one unit of the caller's scope holding a duty record r can answer (its duty,
 * else the duties fulfilled by its kind); 0 when none or several. */
static enum cd_err default_unit(struct act *c, const struct record *r, int64_t *unit)
{
	const struct profile *p = c->pol->p;
	struct rec_query q = {.scope = c->scope, .limit = 200};
	enum cd_err rc = CD_OK;

	*unit = 0;
	for (;;) {
		struct rec_row *v = NULL;
		size_t n = 0;

		if ((rc = store_rec_page(c->s, SR_UNIT, &q, c->a, &v, &n, c->d)))
			return rc;
		for (size_t i = 0; i < n; i++) {
			bool holds = false;

			for (size_t k = 0; k < p->nduties && !holds; k++) {
				const struct profile_duty *du = &p->duties[k];

				if (r->duty ? strcmp(r->duty, du->id) != 0 : du->record != r->kind)
					continue;
				holds = oblig_holds(du, &v[i].r.unit);
			}
			if (!holds)
				continue;
			if (*unit && *unit != v[i].r.unit.id) {
				*unit = 0;
				return CD_OK;
			}
			*unit = v[i].r.unit.id;
		}
		if (n < q.limit)
			return CD_OK;
		q.after = v[n - 1].r.unit.id;
	}
}

/* record_apply sets r from what in gives and checks the result. */
static enum cd_err record_apply(struct act *c, const struct record_in *in, struct record *r)
{
	const struct profile *p = c->pol->p;
	const struct profile_duty *du = NULL;
	enum cd_err rc;

	if (in->kind >= 0)
		r->kind = (enum record_kind)in->kind;
	if (in->on != CD_DATE_NONE)
		r->on = in->on;
	r->duty = act_text(in->duty, r->duty, in->clear, RECORD_CLEAR_DUTY);
	r->period = act_text(in->period, r->period, in->clear, RECORD_CLEAR_PERIOD);
	r->title = in->title ? in->title : r->title;
	r->participants = act_text(in->participants, r->participants, in->clear,
				   RECORD_CLEAR_PARTICIPANTS);
	r->minutes = act_text(in->minutes, r->minutes, in->clear, RECORD_CLEAR_MINUTES);
	r->attachment = act_text(in->attachment, r->attachment, in->clear, RECORD_CLEAR_ATTACHMENT);
	if (!r->title || !*r->title)
		return act_fail(c, CD_EINVAL, "title", "title: say what it was");
	if (r->on == CD_DATE_NONE)
		return act_fail(c, CD_EINVAL, "on", "on: give the day it took place");
	if (r->on > time_cst_date(c->now))
		return act_fail(c, CD_EINVAL, "on", "on: lies in the future; record what took place");
	if (r->duty && !(du = profile_duty(p, r->duty)))
		return act_fail(c, CD_ENOTFOUND, "duty", "duty: the profile %s has no duty \"%.64s\"",
				p->id, r->duty);
	if (r->period && du && !oblig_period_check(r->period, du->every))
		return act_fail(c, CD_EINVAL, "period",
				"period: \"%.32s\" is not a period of duty %s (every %s: e.g. %s)",
				r->period, r->duty, period_code(du->every),
				du->every == PERIOD_YEAR	  ? "2026"
				: du->every == PERIOD_HALF_YEAR ? "2026-H1"
				: du->every == PERIOD_QUARTER	  ? "2026-Q3"
								  : "2026-05");
	if (r->period && !du) {
		bool ok = false;

		for (int e = 0; e < PERIOD__MAX; e++)
			ok = ok || oblig_period_check(r->period, (enum period)e);
		if (!ok)
			return act_fail(c, CD_EINVAL, "period",
					"period: \"%.32s\" is not a period (2026, 2026-H1, 2026-Q3 "
					"or 2026-05)", r->period);
	}
	if (in->unit && (rc = act_ref(c, SK_UNIT, in->unit, "unit", &r->unit)))
		return rc;
	if (!r->unit && (rc = default_unit(c, r, &r->unit)))
		return rc;
	if (!r->unit)
		return act_fail(c, CD_EINVAL, "unit",
				"unit: say which unit held the %s (no single unit holds a duty it "
				"answers)", record_kind_label(r->kind));
	if (!act_in_scope(c, r->unit))
		return act_out_of_scope(c, "unit", "unit: give a unit of your scope");
	return CD_OK;
}

/* record_write adds r (add) or writes it over the stored one (whose unit was `was_unit`), keeps
 * the obligations of the units concerned, and appends the entry. */
static enum cd_err record_write(struct act *c, struct record *r, bool add,
				const struct record *was, json_t *before, struct record_row *out)
{
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc) {
		json_decref(before);
		return rc;
	}
	rc = add ? store_record_add(c->s, r, c->d) : store_record_update(c->s, r, c->d);
	if (!rc)
		rc = svc_obligations_unit(c, r->unit, r);
	if (!rc && was && (was->unit != r->unit || was->kind != r->kind ||
			   (was->duty ? !r->duty || strcmp(was->duty, r->duty) : r->duty != NULL)))
		rc = svc_obligations_unit(c, was->unit, was);
	c->derived_kept = true;
	if (!rc)
		rc = store_record_get(c->s, r->id, c->a, out, c->d);
	snprintf(obj, sizeof obj, "record:%lld", (long long)r->id);
	return act_end(c, rc, add ? "record.create" : "record.update", obj, before,
		       rc ? NULL : svc_record_json(out));
}

enum cd_err svc_record_add(struct act *c, const struct record_in *in, struct record_row *out)
{
	struct record r = {.on = CD_DATE_NONE};
	enum cd_err rc;

	if (in->kind < 0)
		return act_fail(c, CD_EINVAL, "kind", "kind: say what kind of record it is");
	if ((rc = record_apply(c, in, &r)))
		return rc;
	return record_write(c, &r, true, NULL, NULL, out);
}

enum cd_err svc_record_get(struct act *c, int64_t id, struct record_row *out)
{
	enum cd_err rc = store_record_get(c->s, id, c->a, out, c->d);

	if (rc == CD_ENOTFOUND || (!rc && !act_in_scope(c, out->r.unit)))
		return act_fail(c, CD_ENOTFOUND, NULL, "no record %lld", (long long)id);
	return rc;
}

enum cd_err svc_record_update(struct act *c, int64_t id, const struct record_in *in,
			      struct record_row *out)
{
	struct record_row was;
	struct record r;
	enum cd_err rc = svc_record_get(c, id, &was);

	if (rc)
		return rc;
	if (was.r.voided)
		return act_fail(c, CD_ECONFLICT, NULL,
				"记录 %lld 已撤销，不能修改 — record %lld was withdrawn: record a new one",
				(long long)id, (long long)id);
	r = was.r;
	if ((rc = record_apply(c, in, &r)))
		return rc;
	return record_write(c, &r, false, &was.r, svc_record_json(&was), out);
}

enum cd_err svc_record_void(struct act *c, int64_t id, const char *reason,
			    struct record_row *out)
{
	struct record_row was;
	char obj[32];
	enum cd_err rc;

	if (!reason || !*reason)
		return act_fail(c, CD_EINVAL, "reason",
				"reason: 请说明撤销原因 — say why the record is withdrawn");
	if ((rc = act_begin(c)))
		return rc;
	rc = svc_record_get(c, id, &was);
	if (!rc && (rc = store_record_void(c->s, id, c->now, c->actor, reason, c->d)) ==
			   CD_ENOTFOUND)
		rc = act_fail(c, CD_ECONFLICT, NULL, "记录 %lld 已撤销 — record %lld was withdrawn "
						    "already", (long long)id, (long long)id);
	/* it answers no duty from now on: the duties of its unit are generated again */
	if (!rc)
		rc = svc_obligations_unit(c, was.r.unit, &was.r);
	c->derived_kept = true;
	if (!rc)
		rc = store_record_get(c->s, id, c->a, out, c->d);
	snprintf(obj, sizeof obj, "record:%lld", (long long)id);
	return act_end(c, rc, "record.void", obj, rc ? NULL : svc_record_json(&was),
		       rc ? NULL : json_pack("{s:s, s:o}", "reason", reason, "record",
					     svc_record_json(out)));
}

enum cd_err svc_record_page(struct act *c, struct work_query q, struct record_row **out,
			    size_t *n, int64_t *next)
{
	size_t want = q.limit;
	enum cd_err rc;

	q.scope = c->scope;
	q.limit = want + 1;
	*next = 0;
	rc = store_record_page(c->s, &q, c->a, out, n, c->d);
	if (!rc && *n > want) {
		*n = want;
		*next = (*out)[want - 1].r.id;
	}
	return rc;
}
