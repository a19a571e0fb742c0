/* test_assemble.c — the aggregates assembled above the backends (src/store/assemble.c), over a
 * stub backend whose row operations hand out fixed rows: what a second backend gets for free.
 * Parts are linked to their owners whatever order they come in, rows of an owner not read are
 * skipped, the register around systems merges the duties in id order and keeps the structure
 * until its generation moves. */
#include "testutil.h"

#include "store/store_int.h"

/* The stub: one table of rows per kind, counted as they are read. */
struct stub {
	struct store base;
	int64_t gen;
	int reads[ROWS__MAX];
};

static const struct unit units[] = {{.id = 1, .code = "R", .name = "党委"},
                                    {.id = 2, .code = "C", .name = "学院", .parent = 1}};
static const struct person people[] = {{.id = 4, .code = "P", .name = "张三", .unit = 1}};
static const struct asset assets[] = {{.id = 10, .code = "A", .name = "门户"},
                                      {.id = 11, .code = "B", .name = "邮件"}};
/* the duties held for units, then those of the systems: ids interleave */
static const struct duty unit_duties[] = {{.id = 1, .unit = 1, .person = 4},
                                          {.id = 4, .unit = 2, .person = 4},
                                          {.id = 9, .unit = 1, .person = 4}};
static const struct duty system_duties[] = {{.id = 2, .asset = 10, .person = 4},
                                            {.id = 5, .asset = 11, .person = 4}};
static const struct notice heads[] = {{.id = 3, .code = "N3"}, {.id = 7, .code = "N7"}};
/* the systems of the notices, owners out of order, one of a notice not read (8) */
static const struct store_part notice_assets[] = {
    {.owner = 7, .asset = 11},
    {.owner = 3, .asset = 10},
    {.owner = 8, .asset = 10},
    {.owner = 7, .asset = 10, .code = "A", .name = "门户"}};
static const struct store_part notice_events[] = {
    {.owner = 3, .u.nev = {.kind = NEV_START, .by = "甲"}},
    {.owner = 3, .u.nev = {.kind = NEV_RECTIFY, .by = "乙"}}};

static bool in(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* each_of hands each of the n records of v (size bytes each) to each(). */
static enum cd_err each_of(const void *v, size_t n, size_t size, store_row_fn *each, void *ctx)
{
	for (size_t i = 0; i < n; i++)
		if (!each(ctx, (const char *)v + i * size))
			return CD_ENOMEM;
	return CD_OK;
}

#define EACH(v) each_of((v), sizeof(v) / sizeof(*(v)), sizeof(*(v)), each, ctx)

static enum cd_err stub_rows(struct store *s, enum store_rows which, const int64_t *ids, size_t n,
                             struct arena *a, store_row_fn *each, void *ctx, struct cd_diag *d)
{
	struct stub *t = (struct stub *)s;
	struct notice x;

	(void)a;
	(void)d;
	t->reads[which]++;
	switch (which) {
	case ROWS_UNITS:
		return EACH(units);
	case ROWS_PEOPLE:
		return EACH(people);
	case ROWS_UNIT_DUTIES:
		return EACH(unit_duties);
	case ROWS_ASSETS_OF:
		for (size_t i = 0; i < 2; i++)
			if (in(ids, n, assets[i].id) && !each(ctx, &assets[i]))
				return CD_ENOMEM;
		break;
	case ROWS_DUTIES_OF_ASSETS:
		for (size_t i = 0; i < 2; i++)
			if (in(ids, n, system_duties[i].asset) && !each(ctx, &system_duties[i]))
				return CD_ENOMEM;
		break;
	case ROWS_NOTICES:
		for (size_t i = 0; i < 2; i++) {
			notice_init(&x);
			x.id = heads[i].id;
			x.code = heads[i].code;
			if (!each(ctx, &x))
				return CD_ENOMEM;
		}
		break;
	case ROWS_NOTICE_ASSETS:
		return EACH(notice_assets);
	case ROWS_NOTICE_EVENTS:
		return EACH(notice_events);
	case ROWS_NOTICE_ASSETS_OF:
		for (size_t i = 0; i < 4; i++)
			if (notice_assets[i].owner == ids[0] && !each(ctx, &notice_assets[i]))
				return CD_ENOMEM;
		break;
	default: /* no projects, similar systems or others */
		break;
	}
	return CD_OK;
}

static enum cd_err stub_gen(struct store *s, int64_t *gen, struct cd_diag *d)
{
	(void)d;
	*gen = ((struct stub *)s)->gen;
	return CD_OK;
}

static enum cd_err stub_notice_head(struct store *s, int64_t id, const char *code, struct arena *a,
                                    struct notice_row *out, struct cd_diag *d)
{
	(void)s;
	(void)code;
	(void)a;
	memset(out, 0, sizeof *out);
	notice_init(&out->n);
	out->n.id = id;
	return id == 7 ? CD_OK : cd_diag_set(d, CD_ENOTFOUND, "no notice %lld", (long long)id);
}

static const struct store_ops stub_ops = {
    .name = "stub",
    .rows = stub_rows,
    .structure_gen = stub_gen,
    .notice_head = stub_notice_head,
};

static void notices_linked(void **state)
{
	struct stub t = {.base.ops = &stub_ops};
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct notice *v = NULL;
	size_t n = 0;
	(void)state;

	assert_non_null(a);
	assert_int_equal(store_notices_load(&t.base, a, &v, &n, &d), CD_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].code, "N3");
	assert_int_equal(v[0].nassets, 1);
	assert_int_equal(v[0].assets[0], 10);
	assert_int_equal(v[0].nevents, 2);
	assert_string_equal(v[0].events[1].by, "乙");
	assert_int_equal(v[1].nassets, 2); /* in the order the rows came */
	assert_int_equal(v[1].assets[0], 11);
	assert_int_equal(v[1].assets[1], 10);
	assert_int_equal(v[1].nevents, 0);
	arena_free(a);
}

static void notice_one(void **state)
{
	struct stub t = {.base.ops = &stub_ops};
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct notice_row w;
	(void)state;

	assert_non_null(a);
	assert_int_equal(store_notice_brief(&t.base, 7, NULL, a, &w, &d), CD_OK);
	assert_int_equal(w.n.nassets, 2);
	assert_int_equal(w.n.assets[1], 10);
	assert_null(w.asset_code[0]); /* the stub gives the first no code */
	assert_string_equal(w.asset_code[1], "A");
	assert_string_equal(w.asset_name[1], "门户");
	assert_int_equal(t.reads[ROWS_NOTICE_SIMILAR_OF], 0); /* a brief reads no 举一反三 list */
	assert_int_equal(store_notice_get(&t.base, 5, NULL, a, &w, &d), CD_ENOTFOUND);
	assert_int_equal(t.reads[ROWS_NOTICE_ASSETS_OF],
	                 1); /* nothing read of a notice not found */
	arena_free(a);
}

static void register_around(void **state)
{
	struct stub t = {.base.ops = &stub_ops, .gen = 1};
	struct cd_diag d = {{0}};
	struct reg *r = NULL, *r2 = NULL;
	int64_t one = 11;
	static const int64_t want[] = {1, 4, 5, 9};
	(void)state;

	assert_int_equal(store_reg_load_around(&t.base, &one, 1, &r, &d), CD_OK);
	assert_int_equal(r->nunits, 2);
	assert_int_equal(r->npeople, 1);
	assert_int_equal(r->nassets, 1);
	assert_string_equal(r->assets[0].code, "B");
	assert_int_equal(r->nduties, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(r->duties[i].id, want[i]);
	assert_string_equal(reg_unit(r, 2)->name, "学院");
	/* the structure is kept while its generation stands, read again when it moves */
	assert_int_equal(store_reg_load_around(&t.base, NULL, 0, &r2, &d), CD_OK);
	assert_int_equal(r2->nduties, 3);
	assert_int_equal(t.reads[ROWS_UNITS], 1);
	reg_free(r2);
	t.gen = 2;
	assert_int_equal(store_reg_load_around(&t.base, NULL, 0, &r2, &d), CD_OK);
	assert_int_equal(t.reads[ROWS_UNITS], 2);
	reg_free(r2);
	assert_int_equal(r->nunits, 2); /* r keeps the structure it was built on */
	assert_string_equal(r->units[0].name, "党委");
	reg_free(r);
	assemble_close(&t.base);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(notices_linked),
	    cmocka_unit_test(notice_one),
	    cmocka_unit_test(register_around),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
