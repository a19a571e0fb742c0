/* register.c — the acts of the responsibility register: a unit, person, duty, IT project or
 * asset created or changed, checked with the register's rules (core/reg.h) and the caller's
 * scope, written with its audit entry in one transaction; and the one JSON of each record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svc/register.h"
#include "svc/work.h"

static const char *const what[SR__MAX] = {"unit", "person", "duty", "project"};

const char *const svc_asset_unit_field[REL__MAX] = {"builder_unit", "user_unit", "manager_unit",
						    "operator_unit"};

/* --- the asset list's filters ------------------------------------------------------------------- */

const struct svc_asset_filter svc_asset_filters[] = {
	{"kind", "--kind"},   {"status", "--status"}, {"mlps_level", "--level"},
	{"cii", "--cii"},     {"unit", "--unit"},     {"q", "--text"},
	{"filed", "--filed"}, {"assess_result", "--assess-result"},
	{NULL, NULL}};

/* codes: "a, b, c" of the n codes of an enumeration, into buf */
static const char *codes(const char *(*code)(int), int n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					!i ? "" : ", ", code(i));
	return buf;
}

static const char *kind_code(int i)
{
	return asset_kind_code((enum asset_kind)i);
}

static const char *status_code(int i)
{
	return asset_status_code((enum asset_status)i);
}

static const char *result_code(int i)
{
	return assess_result_code((enum assess_result)i);
}

/* yes_no: 是/否, true/false, 1/0 → 1/0, else -1 (the words the spreadsheets take too) */
static int yes_no(const char *v)
{
	return !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "是")    ? 1
	       : !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "否") ? 0
									 : -1;
}

enum cd_err svc_asset_filter_set(struct store *s, struct asset_query *f, const char *name,
				 const char *value, struct cd_diag *d)
{
	char list[256], *end;
	long n;
	int i;

	if (!strcmp(name, "kind")) {
		if ((i = asset_kind_parse(value)) < 0)
			return cd_diag_set(d, CD_EINVAL, "kind: no kind of system \"%s\" (give %s)",
					   value, codes(kind_code, ASSET__MAX, list, sizeof list));
		f->kind = i;
	} else if (!strcmp(name, "status")) {
		if ((i = asset_status_parse(value)) < 0)
			return cd_diag_set(d, CD_EINVAL, "status: no status \"%s\" (give %s)", value,
					   codes(status_code, STATUS__MAX, list, sizeof list));
		f->status = i;
	} else if (!strcmp(name, "mlps_level")) {
		n = strtol(value, &end, 10);
		if (!*value || *end || n < 0 || n > 5)
			return cd_diag_set(d, CD_EINVAL,
					   "mlps_level: give a level from 0 (not graded) to 5, not \"%s\"",
					   value);
		f->mlps_level = (int)n;
	} else if (!strcmp(name, "cii") || !strcmp(name, "filed")) {
		if ((i = yes_no(value)) < 0)
			return cd_diag_set(d, CD_EINVAL, "%s: give 是 or 否 (true or false, 1 or 0)", name);
		if (!strcmp(name, "cii"))
			f->cii = i;
		else
			f->filed = i ? 1 : 2;
	} else if (!strcmp(name, "assess_result")) {
		if ((i = assess_result_parse(value)) < 0)
			return cd_diag_set(d, CD_EINVAL,
					   "assess_result: no result \"%s\" (give %s)", value,
					   codes(result_code, ASSESS__MAX, list, sizeof list));
		f->assess = i + 1;
	} else if (!strcmp(name, "q")) {
		f->text = value;
	} else if (!strcmp(name, "unit")) {
		enum cd_err rc = store_id_of(s, SK_UNIT, value, &f->unit, d);

		if (rc == CD_ENOTFOUND) {
			char why[sizeof d->msg];

			memcpy(why, d->msg, sizeof why);
			return cd_diag_set(d, rc, "unit: %s", why);
		}
		if (rc)
			return rc;
	} else {
		return cd_diag_set(d, CD_EINVAL, "no filter \"%s\" of the asset list", name);
	}
	return CD_OK;
}

/* --- the JSON of each record ------------------------------------------------------------------ */

json_t *svc_unit_json(const struct rec_row *w)
{
	const struct unit *u = &w->r.unit;

	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)u->id, "code",
			 u->code, "name", u->name, "parent", jnull_str(w->unit_code), "kind",
			 unit_kind_code(u->kind), "kind_label", unit_kind_label(u->kind));
}

json_t *svc_person_json(const struct rec_row *w)
{
	const struct person *p = &w->r.person;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", jnull_str(w->unit_code), "title",
			 jnull_str(p->title), "phone", jnull_str(p->phone), "email",
			 jnull_str(p->email));
}

json_t *svc_duty_json(const struct rec_row *w)
{
	const struct duty *du = &w->r.duty;

	return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)du->id,
			 "role", role_code(du->role), "role_label", role_label(du->role), "person",
			 jnull_str(w->person_code), "unit", jnull_str(w->unit_code), "asset",
			 jnull_str(w->asset_code), "from", jnull_date(du->from), "to",
			 jnull_date(du->to), "note", jnull_str(du->note));
}

json_t *svc_project_json(const struct rec_row *w)
{
	const struct project *p = &w->r.project;

	return json_pack("{s:I, s:s, s:s, s:o, s:i, s:I, s:I}", "id", (json_int_t)p->id, "code",
			 p->code, "name", p->name, "unit", jnull_str(w->unit_code), "year",
			 p->year, "total", (json_int_t)p->total, "security",
			 (json_int_t)p->security);
}

json_t *svc_rec_json(enum store_rec k, const struct rec_row *w)
{
	return k == SR_UNIT ? svc_unit_json(w) : k == SR_PERSON ? svc_person_json(w)
					     : k == SR_DUTY	 ? svc_duty_json(w)
								 : svc_project_json(w);
}

/* The asset's members in the order the API's text writer (src/api/api_assets.c) writes them. */
json_t *svc_asset_json(const struct asset_row *r)
{
	const struct asset *a = &r->a;
	const char *const *unit = r->unit_code;

	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i, s:o, "
			 "s:o, s:o, s:o, s:s, s:b, s:b, s:b, s:b, s:s, s:s, s:o}",
			 "id", (json_int_t)a->id, "code", a->code, "name", a->name, "kind",
			 asset_kind_code(a->kind), "kind_label", asset_kind_label(a->kind), "url",
			 jnull_str(a->url), svc_asset_unit_field[REL_BUILDER],
			 jnull_str(unit[REL_BUILDER]), svc_asset_unit_field[REL_USER],
			 jnull_str(unit[REL_USER]), svc_asset_unit_field[REL_MANAGER],
			 jnull_str(unit[REL_MANAGER]), svc_asset_unit_field[REL_OPERATOR],
			 jnull_str(unit[REL_OPERATOR]), "maintainer",
			 jnull_str(a->maintainer), "software", jnull_str(a->software),
			 "mlps_level", a->mlps_level,
			 "graded_on", jnull_date(a->graded_on), "filing_no",
			 jnull_str(a->filing_no), "filed_on", jnull_date(a->filed_on),
			 "assessed_on", jnull_date(a->assessed_on), "assess_result",
			 assess_result_code(a->assess_result), "cii", a->cii, "internet_facing",
			 a->internet_facing, "personal_info", a->personal_info,
			 "protection_installed", a->protection_installed, "status",
			 asset_status_code(a->status), "status_label",
			 lang_pick(asset_status_code(a->status), asset_status_label(a->status)),
			 "admin_level", jnull_str(a->admin_level));

	/* the qualifiers as recorded: null when not recorded (the engine derives them) */
	for (int q = 0; o && q < QUAL__MAX; q++)
		json_object_set_new(o, qualifier_code((enum qualifier)q),
				    a->qual[q] == QUAL_UNSET ? json_null()
							     : json_boolean(a->qual[q] == QUAL_YES));
	return o;
}

/* --- reading one record in scope -------------------------------------------------------------- */

enum cd_err svc_rec_get(struct act *c, enum store_rec k, int64_t id, struct rec_row *out)
{
	enum cd_err rc = store_rec_get(c->s, k, id, c->a, out, c->d);

	if (rc == CD_ENOTFOUND || (!rc && !act_in_scope(c, out->scope)))
		return act_fail(c, CD_ENOTFOUND, NULL, "no %s %lld", lang_tr(what[k]), (long long)id);
	return rc;
}

/* asset_in_scope: the asset answers to a unit of the caller's scope under some relation. */
static bool asset_in_scope(struct act *c, const struct asset *a)
{
	if (!c->scope)
		return true;
	for (int r = 0; r < REL__MAX; r++)
		if (a->rel[r] && act_in_scope(c, a->rel[r]))
			return true;
	return false;
}

enum cd_err svc_asset_get(struct act *c, int64_t id, struct asset_row *out)
{
	enum cd_err rc = store_asset_get(c->s, id, c->a, out, c->d);

	if (rc == CD_ENOTFOUND || (!rc && !asset_in_scope(c, &out->a)))
		return act_fail(c, CD_ENOTFOUND, NULL, "no asset %lld", (long long)id);
	return rc;
}

/* --- checks every kind shares ----------------------------------------------------------------- */

/* outside refuses field as naming a unit (or, with system, a system) outside the caller's
 * scope. */
static enum cd_err outside(struct act *c, const char *field, bool system)
{
	return system ? act_out_of_scope(c, field, "%s: give a system of your scope", field)
		      : act_out_of_scope(c, field, "%s: give a unit of your scope", field);
}

/* given refuses a value a new record must have (ok false), naming the field. */
static enum cd_err given(struct act *c, bool ok, const char *field, const char *msg)
{
	return ok ? CD_OK : act_fail(c, CD_EINVAL, field, "%s: %s", field, msg);
}

/* code_kept sets a new record's code, or keeps a stored one: an update may repeat it, not
 * change it. */
static enum cd_err code_kept(struct act *c, const char *kind, const char **code,
			     const char *in, bool add)
{
	if (add) {
		*code = in;
		return given(c, in && *in, "code", "give its code (how letters and files name it)");
	}
	if (in && strcmp(in, *code))
		return act_fail(c, CD_EINVAL, "code",
				"code: a %s's code cannot change (%s names it in letters, CSV "
				"files and other systems)",
				lang_tr(kind), *code);
	return CD_OK;
}

/* unit_ref sets *id to the unit with code (left as it is for NULL), one of the caller's scope:
 * act_ref, which answers one outside it as one that does not exist. */
static enum cd_err unit_ref(struct act *c, const char *code, const char *field, int64_t *id)
{
	return code ? act_ref(c, SK_UNIT, code, field, id) : CD_OK;
}

/* person_ref: the same for a person, who is of the scope when their unit is. */
static enum cd_err person_ref(struct act *c, const char *code, int64_t *id)
{
	return code ? act_ref(c, SK_PERSON, code, "person", id) : CD_OK;
}

/* asset_ref: the same for a system, of the scope when it answers to a unit of it. */
static enum cd_err asset_ref(struct act *c, const char *code, int64_t *id)
{
	return code ? act_ref(c, SK_ASSET, code, "asset", id) : CD_OK;
}

/* enum_of sets *v to a given enumeration value below max. */
static enum cd_err enum_of(struct act *c, int in, int max, const char *field, int *v)
{
	if (in < 0)
		return CD_OK;
	if (in >= max)
		return act_fail(c, CD_EINVAL, field, "%s: no such value (%d)", field, in);
	*v = in;
	return CD_OK;
}

/* --- each kind's rules -------------------------------------------------------------------------
 * An apply sets the record from what the input gives (on create from a zeroed record, on update
 * from the record as stored, read in the act's transaction) and checks it. */

/* unit_move refuses a move that would tear the tree: of the top of the caller's scope (their own
 * subtree; for the whole organisation, a root), or under the unit itself or a unit below it (a
 * cycle). */
static enum cd_err unit_move(struct act *c, const struct unit *u, int64_t parent, const char *to)
{
	bool below = false;
	enum cd_err rc;

	if (u->id == c->scope)
		return act_fail(c, CD_EINVAL, "parent",
				"parent: %s is the top of your scope; an account whose scope lies "
				"above it can move it",
				u->code);
	if (!u->parent)
		return act_fail(c, CD_EINVAL, "parent",
				"parent: %s is at the top of the tree; it does not move under "
				"another unit",
				u->code);
	if (parent == u->id)
		return act_fail(c, CD_EINVAL, "parent", "parent: a unit cannot go under itself");
	if ((rc = store_unit_within(c->s, parent, u->id, &below, c->d)))
		return rc;
	if (below)
		return act_fail(c, CD_EINVAL, "parent",
				"parent: %s lies below %s; a unit cannot go under its own "
				"subtree",
				to, u->code);
	return CD_OK;
}

static enum cd_err unit_apply(struct act *c, const void *arg, struct rec_row *w, bool add)
{
	const struct unit_in *in = arg;
	struct unit *u = &w->r.unit;
	int64_t parent = u->parent;
	int kind = add ? -1 : (int)u->kind;
	enum cd_err rc;

	if ((rc = code_kept(c, "unit", &u->code, in->code, add)) ||
	    (rc = given(c, !add || in->name, "name", "give its name")) ||
	    (rc = enum_of(c, in->kind, UNIT__MAX, "kind", &kind)) ||
	    (rc = given(c, kind >= 0, "kind", "say what kind of unit it is")) ||
	    (in->parent && (rc = act_ref(c, SK_UNIT, in->parent, "parent", &parent))) ||
	    (!add && parent != u->parent && (rc = unit_move(c, u, parent, in->parent))))
		return rc;
	if ((add || parent != u->parent) && !act_in_scope(c, parent))
		return outside(c, "parent", false);
	/* a root's kind says what the tree is: the organisation (its top: the scope of whole-
	 * organisation accounts) or an outside authority; that does not flip */
	if (!add && !u->parent &&
	    (kind == UNIT_EXTERNAL_AUTHORITY) != (u->kind == UNIT_EXTERNAL_AUTHORITY))
		return act_fail(c, CD_EINVAL, "kind",
				"kind: %s is at the top of the tree; it cannot become or stop "
				"being an external authority",
				u->code);
	u->parent = parent;
	u->name = in->name ? in->name : u->name;
	u->kind = (enum unit_kind)kind;
	return CD_OK;
}

static enum cd_err person_apply(struct act *c, const void *arg, struct rec_row *w, bool add)
{
	const struct person_in *in = arg;
	struct person *p = &w->r.person;
	enum cd_err rc;

	if ((rc = code_kept(c, "person", &p->code, in->code, add)) ||
	    (rc = given(c, !add || in->name, "name", "give the person's name")) ||
	    (rc = unit_ref(c, in->unit, "unit", &p->unit)))
		return rc;
	p->name = in->name ? in->name : p->name;
	p->title = act_text(in->title, p->title, in->clear, PERSON_CLEAR_TITLE);
	p->phone = act_text(in->phone, p->phone, in->clear, PERSON_CLEAR_PHONE);
	p->email = act_text(in->email, p->email, in->clear, PERSON_CLEAR_EMAIL);
	return CD_OK;
}

static enum cd_err duty_apply(struct act *c, const void *arg, struct rec_row *w, bool add)
{
	static const char fixed[] = "a duty is its role and what it is held for; end this one "
				    "(to) and record the new one";
	const struct duty_in *in = arg;
	struct duty *du = &w->r.duty;
	const char *field = NULL;
	int role = -1;
	enum cd_err rc;

	if (add) {
		du->to = CD_DATE_NONE;
		if ((rc = enum_of(c, in->role, ROLE__MAX, "role", &role)) ||
		    (rc = given(c, role >= 0, "role", "say which role is held")) ||
		    (rc = given(c, in->person, "person", "say who holds it")) ||
		    (rc = given(c, !in->unit != !in->asset, "unit",
				"give the unit or the asset the role is held for (one of them)")) ||
		    (rc = given(c, in->from != CD_DATE_NONE, "from", "give the first day held")) ||
		    (rc = unit_ref(c, in->unit, "unit", &du->unit)) ||
		    (rc = asset_ref(c, in->asset, &du->asset)))
			return rc;
		du->role = (enum role)role;
	} else if ((rc = given(c, in->role < 0, "role", fixed)) ||
		   (rc = given(c, !in->unit, "unit", fixed)) ||
		   (rc = given(c, !in->asset, "asset", fixed))) {
		return rc;
	}
	if ((rc = person_ref(c, in->person, &du->person)))
		return rc;
	du->from = in->from != CD_DATE_NONE ? in->from : du->from;
	du->to = act_date(in->to, du->to, in->clear, DUTY_CLEAR_TO);
	du->note = act_text(in->note, du->note, in->clear, DUTY_CLEAR_NOTE);
	if ((rc = reg_duty_check(du, &field, c->d)))
		c->field = field;
	return rc;
}

static enum cd_err project_apply(struct act *c, const void *arg, struct rec_row *w, bool add)
{
	const struct project_in *in = arg;
	struct project *p = &w->r.project;
	const char *field = NULL, *code = NULL;
	enum cd_err rc;

	if ((rc = act_docno(c, in->code, "code", &code)) ||
	    (rc = code_kept(c, "project", &p->code, code, add)) ||
	    (rc = given(c, !add || in->name, "name", "give the project's name")) ||
	    (rc = given(c, !add || in->year >= 0, "year", "give the budget year")) ||
	    (rc = given(c, !add || in->total >= 0, "total", "give the total budget in yuan")) ||
	    (rc = unit_ref(c, in->unit, "unit", &p->unit)))
		return rc;
	p->name = in->name ? in->name : p->name;
	p->year = in->year >= 0 ? in->year : p->year;
	p->total = in->total >= 0 ? in->total : p->total;
	p->security = in->security >= 0 ? in->security : p->security;
	if ((rc = reg_project_check(p, &field, c->d)))
		c->field = field;
	return rc;
}

/* --- writing ---------------------------------------------------------------------------------- */

typedef enum cd_err (*apply_fn)(struct act *c, const void *in, struct rec_row *w, bool add);

static enum cd_err rec_store(struct act *c, enum store_rec k, struct rec_row *w, bool add,
			     int64_t *id)
{
	enum cd_err rc;

	switch (k) {
	case SR_UNIT:
		rc = add ? store_unit_add(c->s, &w->r.unit, c->d)
			 : store_unit_update(c->s, &w->r.unit, c->d);
		*id = w->r.unit.id;
		break;
	case SR_PERSON:
		rc = add ? store_person_add(c->s, &w->r.person, c->d)
			 : store_person_update(c->s, &w->r.person, c->d);
		*id = w->r.person.id;
		break;
	case SR_DUTY:
		rc = add ? store_duty_add(c->s, &w->r.duty, c->d)
			 : store_duty_update(c->s, &w->r.duty, c->d);
		*id = w->r.duty.id;
		break;
	default:
		rc = add ? store_project_add(c->s, &w->r.project, c->d)
			 : store_project_update(c->s, &w->r.project, c->d);
		*id = w->r.project.id;
		break;
	}
	return rc;
}

/* rec_code: the code of a unit, person or project ("" for a duty). */
static const char *rec_code(enum store_rec k, const struct rec_row *w)
{
	return k == SR_UNIT ? w->r.unit.code : k == SR_PERSON ? w->r.person.code
				       : k == SR_PROJECT ? w->r.project.code
							 : "";
}

/* taken names the code of a record the store refused as a duplicate. */
static enum cd_err taken(struct act *c, enum cd_err rc, const char *kind, const char *code)
{
	if (rc != CD_ECONFLICT)
		return rc;
	return act_fail(c, CD_ECONFLICT, "code",
			"code: a %s with code \"%.64s\" is on record already; give another code",
			lang_tr(kind), code);
}

/* rec_kept keeps the derived obligations and gaps the write of record k changed (svc/deadlines.c):
 * was is the record before an update. */
static enum cd_err rec_kept(struct act *c, enum store_rec k, bool add, const struct rec_row *was,
			    const struct rec_row *now)
{
	const struct duty *du = &now->r.duty;

	switch (k) {
	case SR_UNIT:
		return svc_obligations_unit_write(c, add ? NULL : &was->r.unit, &now->r.unit);
	case SR_PERSON: /* no duty names a new person; only their name is in a gap */
		if (add || !strcmp(was->r.person.name, now->r.person.name)) {
			c->derived_kept = true;
			return CD_OK;
		}
		return svc_gaps_person(c, now->r.person.id);
	case SR_DUTY: /* its post's: what it is held for never changes */
		return du->asset ? svc_gaps_of(c, GAP_OF_ASSET, du->asset)
				 : svc_gaps_of(c, GAP_OF_UNIT, du->unit);
	default:
		return svc_gaps_of(c, GAP_OF_PROJECT, now->r.project.id);
	}
}

/* rec_save is every act on a unit, person, duty or project: in one transaction it reads record
 * id (unless it adds one), applies the input, writes, reads back what was stored and judges its scope
 * (a record the write would put outside it is refused, naming the field that put it there),
 * then appends the audit entry "<kind>.create|update" with the record before and after. */
static enum cd_err rec_save(struct act *c, enum store_rec k, apply_fn apply, bool add,
			    int64_t id, const void *in, struct rec_row *out)
{
	static const char *const scope_field[SR__MAX] = {"parent", "unit", "unit", "unit"};
	struct rec_row w, was;
	json_t *before = NULL;
	char action[32], obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	memset(&w, 0, sizeof w);
	if (!add && !(rc = svc_rec_get(c, k, id, &w)))
		before = svc_rec_json(k, &w);
	was = w;
	if (!rc)
		rc = apply(c, in, &w, add);
	if (!rc)
		rc = taken(c, rec_store(c, k, &w, add, &id), what[k], rec_code(k, &w));
	if (!rc)
		rc = store_rec_get(c->s, k, id, c->a, out, c->d);
	if (!rc && !act_in_scope(c, out->scope)) {
		bool by_asset = k == SR_DUTY && out->r.duty.asset;

		rc = outside(c, by_asset ? "asset" : scope_field[k], by_asset);
	}
	if (!rc)
		rc = rec_kept(c, k, add, &was, out);
	snprintf(action, sizeof action, "%s.%s", what[k], add ? "create" : "update");
	snprintf(obj, sizeof obj, "%s:%lld", what[k], (long long)id);
	return act_end(c, rc, action, obj, before, rc ? NULL : svc_rec_json(k, out));
}

enum cd_err svc_unit_add(struct act *c, const struct unit_in *in, struct rec_row *out)
{
	return rec_save(c, SR_UNIT, unit_apply, true, 0, in, out);
}

enum cd_err svc_unit_update(struct act *c, int64_t id, const struct unit_in *in,
			    struct rec_row *out)
{
	return rec_save(c, SR_UNIT, unit_apply, false, id, in, out);
}

enum cd_err svc_person_add(struct act *c, const struct person_in *in, struct rec_row *out)
{
	return rec_save(c, SR_PERSON, person_apply, true, 0, in, out);
}

enum cd_err svc_person_update(struct act *c, int64_t id, const struct person_in *in,
			      struct rec_row *out)
{
	return rec_save(c, SR_PERSON, person_apply, false, id, in, out);
}

enum cd_err svc_duty_add(struct act *c, const struct duty_in *in, struct rec_row *out)
{
	return rec_save(c, SR_DUTY, duty_apply, true, 0, in, out);
}

enum cd_err svc_duty_update(struct act *c, int64_t id, const struct duty_in *in,
			    struct rec_row *out)
{
	return rec_save(c, SR_DUTY, duty_apply, false, id, in, out);
}

enum cd_err svc_project_add(struct act *c, const struct project_in *in, struct rec_row *out)
{
	return rec_save(c, SR_PROJECT, project_apply, true, 0, in, out);
}

enum cd_err svc_project_update(struct act *c, int64_t id, const struct project_in *in,
			       struct rec_row *out)
{
	return rec_save(c, SR_PROJECT, project_apply, false, id, in, out);
}

/* --- assets ----------------------------------------------------------------------------------- */

static void flag(int in, bool *v)
{
	if (in >= 0)
		*v = in != 0;
}

static enum cd_err asset_apply(struct act *c, const struct asset_in *in, struct asset *a, bool add)
{
	int kind = add ? -1 : (int)a->kind, status = (int)a->status;
	int result = (int)a->assess_result;
	enum cd_err rc;

	if ((rc = code_kept(c, "asset", &a->code, in->code, add)) ||
	    (rc = given(c, !add || in->name, "name", "give the system's name")) ||
	    (rc = enum_of(c, in->kind, ASSET__MAX, "kind", &kind)) ||
	    (rc = given(c, kind >= 0, "kind", "say what kind of system it is")) ||
	    (rc = enum_of(c, in->status, STATUS__MAX, "status", &status)) ||
	    (rc = enum_of(c, in->assess_result, ASSESS__MAX, "assess_result", &result)) ||
	    (rc = enum_of(c, in->mlps_level, 6, "mlps_level", &a->mlps_level)))
		return rc;
	for (int r = 0; r < REL__MAX; r++) {
		if (in->clear & ASSET_CLEAR_REL(r))
			a->rel[r] = 0;
		else if (in->rel[r] &&
			 (rc = act_ref(c, SK_UNIT, in->rel[r], svc_asset_unit_field[r],
				      &a->rel[r])))
			return rc;
	}
	a->name = in->name ? in->name : a->name;
	a->kind = (enum asset_kind)kind;
	a->status = (enum asset_status)status;
	a->assess_result = (enum assess_result)result;
	a->url = act_text(in->url, a->url, in->clear, ASSET_CLEAR_URL);
	a->maintainer = act_text(in->maintainer, a->maintainer, in->clear, ASSET_CLEAR_MAINTAINER);
	a->software = act_text(in->software, a->software, in->clear, ASSET_CLEAR_SOFTWARE);
	a->graded_on = act_date(in->graded_on, a->graded_on, in->clear, ASSET_CLEAR_GRADED_ON);
	a->filing_no = act_text(in->filing_no, a->filing_no, in->clear, ASSET_CLEAR_FILING_NO);
	a->filed_on = act_date(in->filed_on, a->filed_on, in->clear, ASSET_CLEAR_FILED_ON);
	a->assessed_on = act_date(in->assessed_on, a->assessed_on, in->clear,
				  ASSET_CLEAR_ASSESSED_ON);
	a->admin_level = act_text(in->admin_level, a->admin_level, in->clear,
				  ASSET_CLEAR_ADMIN_LEVEL);
	flag(in->cii, &a->cii);
	flag(in->internet_facing, &a->internet_facing);
	flag(in->personal_info, &a->personal_info);
	flag(in->protection_installed, &a->protection_installed);
	for (int q = 0; q < QUAL__MAX; q++)
		if (in->qual[q])
			a->qual[q] = in->qual[q] == ASSET_QUAL_DERIVE ? QUAL_UNSET
								      : (unsigned char)in->qual[q];
	if (a->mlps_level == 0 && (a->graded_on != CD_DATE_NONE || a->filed_on != CD_DATE_NONE))
		return act_fail(c, CD_EINVAL, "mlps_level",
				"mlps_level: an asset with a grading or filing date needs its "
				"level (1 to 5)");
	if (!asset_in_scope(c, a))
		return act_out_of_scope(c, "manager_unit",
					"the asset must answer to a unit of your scope "
					"(builder_unit, user_unit, manager_unit or operator_unit)");
	return CD_OK;
}

/* asset_save is rec_save for an asset. */
static enum cd_err asset_save(struct act *c, bool add, int64_t id, const struct asset_in *in,
			      struct asset_row *out)
{
	struct asset_row r;
	json_t *before = NULL;
	char obj[32];
	enum cd_err rc = act_begin(c);

	if (rc)
		return rc;
	memset(&r, 0, sizeof r);
	r.a.status = STATUS_LIVE;
	r.a.graded_on = r.a.filed_on = r.a.assessed_on = CD_DATE_NONE;
	if (!add && !(rc = svc_asset_get(c, id, &r)))
		before = svc_asset_json(&r);
	if (!rc)
		rc = asset_apply(c, in, &r.a, add);
	if (!rc)
		rc = taken(c, add ? store_asset_add(c->s, &r.a, c->d)
				  : store_asset_update(c->s, &r.a, c->d),
			   "asset", r.a.code);
	if (!rc) {
		id = r.a.id;
		rc = store_asset_get(c->s, id, c->a, out, c->d);
	}
	if (!rc) /* its obligations and gaps, kept (svc/deadlines.c) */
		rc = svc_obligations_asset(c, id);
	snprintf(obj, sizeof obj, "asset:%lld", (long long)id);
	return act_end(c, rc, add ? "asset.create" : "asset.update", obj, before,
		       rc ? NULL : svc_asset_json(out));
}

enum cd_err svc_asset_add(struct act *c, const struct asset_in *in, struct asset_row *out)
{
	return asset_save(c, true, 0, in, out);
}

enum cd_err svc_asset_update(struct act *c, int64_t id, const struct asset_in *in,
			     struct asset_row *out)
{
	return asset_save(c, false, id, in, out);
}
