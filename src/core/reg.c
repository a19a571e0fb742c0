/* reg.c — register snapshot: storage, lookups, the temporal holder query and the names of
 * every enumeration (English code and Chinese label, both accepted on input). */
#include "reg.h"
#include "names.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* code_at relies on this layout */
_Static_assert(offsetof(struct unit, code) == sizeof(int64_t), "unit: id, then code");
_Static_assert(offsetof(struct person, code) == sizeof(int64_t), "person: id, then code");
_Static_assert(offsetof(struct asset, code) == sizeof(int64_t), "asset: id, then code");

static const struct name unit_kinds[UNIT__MAX] = {
	[UNIT_PARTY_COMMITTEE] = {"party_committee", "党委（党组）", "党委"},
	[UNIT_LEADING_GROUP] = {"leading_group", "网信领导小组", "网信委"},
	[UNIT_LEADING_GROUP_OFFICE] = {"leading_group_office", "领导小组办公室", "网信办"},
	[UNIT_DEPARTMENT] = {"department", "部门", "科室"},
	[UNIT_TECH_SUPPORT_CENTRE] = {"tech_support_centre", "技术支撑部门", "信息中心"},
	[UNIT_EXTERNAL_AUTHORITY] = {"external_authority", "外部机构", NULL},
};

static const struct name roles[ROLE__MAX] = {
	[ROLE_FIRST_RESPONSIBLE] = {"first_responsible", "第一责任人", NULL},
	[ROLE_DIRECT_RESPONSIBLE] = {"direct_responsible", "直接责任人", NULL},
	[ROLE_LEADERSHIP_MEMBER] = {"leadership_member", "领导责任人", "班子成员"},
	[ROLE_PRINCIPAL] = {"principal", "主要负责人", NULL},
	[ROLE_SECURITY_OFFICER] = {"security_officer", "网络安全员", NULL},
	[ROLE_ASSET_CUSTODIAN] = {"asset_custodian", "系统负责人", NULL},
};

static const struct name relations[REL__MAX] = {
	[REL_BUILDER] = {"builder", "建设单位", "谁建设"},
	[REL_USER] = {"user", "使用单位", "谁使用"},
	[REL_MANAGER] = {"manager", "主管单位", "谁主管"},
	[REL_OPERATOR] = {"operator", "运维单位", "谁运维"},
};

static const struct name asset_kinds[ASSET__MAX] = {
	[ASSET_PORTAL] = {"portal", "门户网站", NULL},
	[ASSET_NEWS_SITE] = {"news_site", "新闻网站", NULL},
	[ASSET_PLATFORM] = {"platform", "网络平台", NULL},
	[ASSET_PUBLICITY_PLATFORM] = {"publicity_platform", "宣发平台", NULL},
	[ASSET_INFO_SYSTEM] = {"info_system", "信息系统", NULL},
	[ASSET_SERVER] = {"server", "服务器", NULL},
	[ASSET_INFRASTRUCTURE] = {"infrastructure", "信息基础设施", "基础设施"},
};

static const struct name statuses[STATUS__MAX] = {
	[STATUS_PLANNED] = {"planned", "规划", NULL},
	[STATUS_BUILDING] = {"building", "建设中", NULL},
	[STATUS_LIVE] = {"live", "运行", "在用"},
	[STATUS_RETIRED] = {"retired", "下线", "停用"},
};

static const struct name qualifiers[QUAL__MAX] = {
	[QUAL_PARTY_GOV_PORTAL] = {"party_gov_portal", "党政机关门户网站", NULL},
	[QUAL_KEY_NEWS_SITE] = {"key_news_site", "重点新闻网站", NULL},
	[QUAL_LARGE_PLATFORM] = {"large_platform", "大型网络平台", NULL},
	[QUAL_IMPORTANT_SYSTEM] = {"important_system", "重要系统", "主要服务器"},
	[QUAL_IMPORTANT_INFRASTRUCTURE] = {"important_infrastructure", "重要信息基础设施", NULL},
};

static const struct name results[ASSESS__MAX] = {
	[ASSESS_NONE] = {"none", "未测评", NULL},
	[ASSESS_PASS] = {"pass", "符合", NULL},
	[ASSESS_BASIC] = {"basic", "基本符合", NULL},
	[ASSESS_FAIL] = {"fail", "不符合", NULL},
};

int names_parse(const struct name *tab, int n, const char *s)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!strcmp(s, tab[i].code) || !strcmp(s, tab[i].label) ||
		    (tab[i].alt && !strcmp(s, tab[i].alt)))
			return i;
	}
	return -1;
}

/* edit distance of a and b, both at most NAMES_SUGGEST_MAX bytes. */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
	size_t row[NAMES_SUGGEST_MAX + 1];

	for (size_t j = 0; j <= nb; j++)
		row[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[nb];
}

const char *names_nearest(const char *s, size_t len, const char *(*word)(int), int n)
{
	const char *hint = NULL;
	size_t best = 3;

	if (len > NAMES_SUGGEST_MAX)
		return NULL;
	for (int i = 0; i < n; i++) {
		const char *w = word(i);
		size_t wl = strlen(w), dist;

		if (wl > NAMES_SUGGEST_MAX)
			continue;
		dist = distance(s, len, w, wl);
		if (dist < best && dist < wl / 2) {
			best = dist;
			hint = w;
		}
	}
	return hint;
}

NAMES(unit_kind, enum unit_kind, unit_kinds, UNIT__MAX)
NAMES(role, enum role, roles, ROLE__MAX)
NAMES(relation, enum relation, relations, REL__MAX)
NAMES(asset_kind, enum asset_kind, asset_kinds, ASSET__MAX)
NAMES(asset_status, enum asset_status, statuses, STATUS__MAX)
NAMES(assess_result, enum assess_result, results, ASSESS__MAX)
NAMES(qualifier, enum qualifier, qualifiers, QUAL__MAX)

struct reg *reg_new(void)
{
	struct reg *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->arena = arena_new(0);
	if (!r->arena) {
		free(r);
		return NULL;
	}
	r->holder_idx = arena_alloc(r->arena, sizeof *r->holder_idx);
	if (r->holder_idx)
		*r->holder_idx = (struct reg_holderidx){0};
	return r;
}

void reg_free(struct reg *r)
{
	if (!r)
		return;
	arena_free(r->arena);
	free(r);
}

struct unit *reg_add_unit(struct reg *r)
{
	return arena_grow(r->arena, &r->units, &r->nunits, &r->capunits, sizeof(struct unit));
}

struct person *reg_add_person(struct reg *r)
{
	return arena_grow(r->arena, &r->people, &r->npeople, &r->cappeople, sizeof(struct person));
}

struct duty *reg_add_duty(struct reg *r)
{
	struct duty *d =
		arena_grow(r->arena, &r->duties, &r->nduties, &r->capduties, sizeof(struct duty));

	if (d)
		d->to = CD_DATE_NONE;
	return d;
}

struct asset *reg_add_asset(struct reg *r)
{
	struct asset *a =
		arena_grow(r->arena, &r->assets, &r->nassets, &r->capassets, sizeof(struct asset));

	if (a) {
		a->graded_on = CD_DATE_NONE;
		a->filed_on = CD_DATE_NONE;
		a->assessed_on = CD_DATE_NONE;
		a->status = STATUS_LIVE;
	}
	return a;
}

bool reg_reserve_assets(struct reg *r, size_t n)
{
	return arena_reserve(r->arena, &r->assets, r->nassets, &r->capassets, n,
			     sizeof(struct asset));
}

struct project *reg_add_project(struct reg *r)
{
	return arena_grow(r->arena, &r->projects, &r->nprojects, &r->capprojects,
			  sizeof(struct project));
}

/* One binary search for the arrays of records that start with their int64_t id (and, for units,
 * people and assets, their code pointer right after: see code_at). */
const void *reg_by_id(const void *base, size_t n, size_t sz, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const void *p = (const char *)base + mid * sz;
		int64_t v;

		memcpy(&v, p, sizeof(v));
		if (v == id)
			return p;
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct unit *reg_unit(const struct reg *r, int64_t id)
{
	return reg_by_id(r->units, r->nunits, sizeof(struct unit), id);
}

const struct person *reg_person(const struct reg *r, int64_t id)
{
	return reg_by_id(r->people, r->npeople, sizeof(struct person), id);
}

const struct asset *reg_asset(const struct reg *r, int64_t id)
{
	return reg_by_id(r->assets, r->nassets, sizeof(struct asset), id);
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211u;
	}
	return h;
}

/* The code of record i of an array whose records start with an id then a code pointer. */
static const char *code_at(const void *base, size_t sz, size_t i)
{
	const char *code;

	memcpy(&code, (const char *)base + i * sz + sizeof(int64_t), sizeof(code));
	return code;
}

static const void *find_code(const void *base, size_t n, size_t sz, const struct reg_codeidx *ix,
			     const char *code)
{
	if (!code)
		return NULL;
	if (ix->cap && ix->n == n) {
		size_t mask = ix->cap - 1;

		for (size_t h = hash(code) & mask;; h = (h + 1) & mask) {
			uint32_t s = ix->slot[h];

			if (!s)
				return NULL;
			if (!strcmp(code_at(base, sz, s - 1), code))
				return (const char *)base + (s - 1) * sz;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(code_at(base, sz, i), code))
			return (const char *)base + i * sz;
	return NULL;
}

static enum cd_err build_index(struct arena *a, const void *base, size_t n, size_t sz,
			       struct reg_codeidx *ix, const void **dup)
{
	size_t cap = 16;

	while (cap < n * 2)
		cap *= 2;
	if (n >= UINT32_MAX)
		return CD_ENOMEM;
	ix->slot = arena_alloc(a, cap * sizeof(*ix->slot));
	if (!ix->slot) {
		ix->cap = 0;
		return CD_ENOMEM;
	}
	ix->cap = cap;
	ix->n = 0;
	for (size_t i = 0; i < n; i++) {
		const char *code = code_at(base, sz, i);

		for (size_t h = hash(code) & (cap - 1);; h = (h + 1) & (cap - 1)) {
			if (!ix->slot[h]) {
				ix->slot[h] = (uint32_t)i + 1;
				break;
			}
			if (!strcmp(code_at(base, sz, ix->slot[h] - 1), code)) {
				ix->cap = 0;
				if (dup)
					*dup = (const char *)base + i * sz;
				return CD_ECONFLICT;
			}
		}
	}
	ix->n = n;
	return CD_OK;
}

enum cd_err reg_index(struct reg *r, const void **dup)
{
	enum cd_err rc = build_index(r->arena, r->units, r->nunits, sizeof(struct unit),
				     &r->unit_idx, dup);

	if (!rc)
		rc = build_index(r->arena, r->people, r->npeople, sizeof(struct person),
				 &r->person_idx, dup);
	if (!rc)
		rc = build_index(r->arena, r->assets, r->nassets, sizeof(struct asset),
				 &r->asset_idx, dup);
	return rc;
}

const struct unit *reg_unit_by_code(const struct reg *r, const char *code)
{
	return find_code(r->units, r->nunits, sizeof(struct unit), &r->unit_idx, code);
}

const struct person *reg_person_by_code(const struct reg *r, const char *code)
{
	return find_code(r->people, r->npeople, sizeof(struct person), &r->person_idx, code);
}

const struct asset *reg_asset_by_code(const struct reg *r, const char *code)
{
	return find_code(r->assets, r->nassets, sizeof(struct asset), &r->asset_idx, code);
}

bool reg_is_root(const struct unit *u)
{
	return u->parent == 0 && u->kind != UNIT_EXTERNAL_AUTHORITY;
}

bool reg_in_subtree(const struct reg *reg, int64_t unit, int64_t top)
{
	for (int hops = 0; unit && hops < REG_DEPTH_MAX; hops++) {
		const struct unit *u;

		if (unit == top)
			return true;
		if (!(u = reg_unit(reg, unit)))
			return false;
		unit = u->parent;
	}
	return false;
}

bool duty_valid_on(const struct duty *d, cd_date on)
{
	return d->from <= on && (d->to == CD_DATE_NONE || on <= d->to);
}

enum cd_err reg_duty_check(const struct duty *du, const char **field, struct cd_diag *d)
{
	char from[11], to[11];

	*field = NULL;
	if (du->to == CD_DATE_NONE || du->to >= du->from)
		return CD_OK;
	*field = "to";
	return cd_diag_set(d, CD_EINVAL, "to: the last day (%s) is before the first (%s)",
			   date_format(du->to, to), date_format(du->from, from));
}

enum cd_err reg_project_check(const struct project *p, const char **field, struct cd_diag *d)
{
	*field = NULL;
	if (p->security >= 0 && p->security <= p->total)
		return CD_OK;
	*field = "security";
	return cd_diag_set(d, CD_EINVAL,
			   "security: the security budget (%lld yuan) is part of the total (%lld "
			   "yuan)",
			   (long long)p->security, (long long)p->total);
}

/* holder_cmp orders duty positions by (unit, asset, role, position) over the array in
 * holder_base: within a cell the duties come in the array's order, as a scan meets them. */
static _Thread_local const struct duty *holder_base;

static int holder_key_cmp(const struct duty *a, int64_t unit, int64_t asset, enum role role)
{
	if (a->unit != unit)
		return a->unit < unit ? -1 : 1;
	if (a->asset != asset)
		return a->asset < asset ? -1 : 1;
	return (a->role > role) - (a->role < role);
}

static int holder_cmp(const void *x, const void *y)
{
	const struct duty *a = &holder_base[*(const uint32_t *)x];
	const struct duty *b = &holder_base[*(const uint32_t *)y];
	int c = holder_key_cmp(a, b->unit, b->asset, b->role);

	uint32_t i = *(const uint32_t *)x, j = *(const uint32_t *)y;

	return c ? c : (i > j) - (i < j);
}

/* holder_index brings the index up to the duties there are; false when it cannot (no memory,
 * or more duties than a position holds): the caller scans. */
static bool holder_index(const struct reg *r)
{
	struct reg_holderidx *x = r->holder_idx;

	if (!x || r->nduties > UINT32_MAX)
		return false;
	if (x->n == r->nduties && (x->pos || !r->nduties))
		return true;
	x->pos = arena_alloc(r->arena, (r->nduties ? r->nduties : 1) * sizeof *x->pos);
	if (!x->pos) {
		x->n = 0;
		return false;
	}
	for (size_t i = 0; i < r->nduties; i++)
		x->pos[i] = (uint32_t)i;
	holder_base = r->duties;
	qsort(x->pos, r->nduties, sizeof *x->pos, holder_cmp);
	holder_base = NULL;
	x->n = r->nduties;
	return true;
}

/* holder_add counts duty d among the holders, keeping out[0..max) ordered by valid_from (by
 * position on a tie: the answer is stable). */
static void holder_add(const struct duty *d, const struct duty **out, size_t max, size_t *n)
{
	if (*n < max) {
		size_t j = *n;

		while (j > 0 && out[j - 1]->from > d->from) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = d;
	}
	(*n)++;
}

/* cell_first: the first index position whose duty is at or after (unit, asset, role) — role -1
 * for the first of the cell whatever the role. */
static size_t cell_first(const struct reg *r, int64_t unit, int64_t asset, int role)
{
	const uint32_t *pos = r->holder_idx->pos;
	size_t lo = 0, hi = r->nduties;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct duty *d = &r->duties[pos[mid]];
		int c = d->unit != unit     ? (d->unit < unit ? -1 : 1)
			: d->asset != asset ? (d->asset < asset ? -1 : 1)
					    : ((int)d->role > role) - ((int)d->role < role);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const uint32_t *reg_duties_at(const struct reg *r, int64_t unit, int64_t asset, size_t *n)
{
	static const uint32_t none[1];
	size_t lo, hi;

	*n = 0;
	if (!holder_index(r))
		return NULL;
	lo = cell_first(r, unit, asset, -1);
	for (hi = lo; hi < r->nduties; hi++) {
		const struct duty *d = &r->duties[r->holder_idx->pos[hi]];

		if (d->unit != unit || d->asset != asset)
			break;
	}
	*n = hi - lo;
	/* a register without duties has an index without positions (pos NULL): none there */
	return r->holder_idx->pos ? r->holder_idx->pos + lo : none;
}

size_t reg_holders(const struct reg *r, enum role role, int64_t unit, int64_t asset, cd_date on,
		   const struct duty **out, size_t max)
{
	size_t n = 0;

	if (holder_index(r)) {
		const uint32_t *pos = r->holder_idx->pos;

		for (size_t i = cell_first(r, unit, asset, (int)role); i < r->nduties; i++) {
			const struct duty *d = &r->duties[pos[i]];

			if (holder_key_cmp(d, unit, asset, role))
				break;
			if (duty_valid_on(d, on))
				holder_add(d, out, max, &n);
		}
		return n;
	}
	for (size_t i = 0; i < r->nduties; i++) {
		const struct duty *d = &r->duties[i];

		if (d->role == role && d->unit == unit && d->asset == asset && duty_valid_on(d, on))
			holder_add(d, out, max, &n);
	}
	return n;
}
