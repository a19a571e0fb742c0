/* test_dynbuf.c — the capped growable buffer: appends up to exactly the cap succeed, one byte past
 * fails and leaves the content as it was, printf-style appends long and short, take and free,
 * zero-size adds, and the guards against size overflow. */
#include "testutil.h"

#include "core/dynbuf.h"

/* Under AddressSanitizer an allocation of nearly SIZE_MAX must fail as malloc does, not abort:
 * the overflow cases below ask for one (ignored without the sanitizer). */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* same: b holds exactly the n bytes s, NUL-terminated. */
static void same(const struct dynbuf *b, const char *s, size_t n)
{
	assert_int_equal(b->len, n);
	assert_non_null(b->p);
	assert_memory_equal(b->p, s, n);
	assert_int_equal(b->p[n], '\0');
	assert_true(b->cap > b->len);
	assert_true(b->cap <= b->max + 1);
}

/* the cap: a run of appends of step bytes against a cap of max */
static void cap(void **state)
{
	static const struct {
		size_t max, step;
	} cases[] = {
	    {0, 1},   {1, 1},   {5, 1},      {5, 5},       {255, 1},     {256, 1},
	    {257, 1}, {300, 7}, {1000, 100}, {4096, 4096}, {10000, 999}, {70000, 65536},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t max = cases[i].max, step = cases[i].step;
		char *want = malloc(max + step + 1), *data = malloc(step);
		struct dynbuf b;
		size_t n = 0;

		assert_non_null(want);
		assert_non_null(data);
		dynbuf_init(&b, max);
		assert_null(b.p);
		while (n + step <= max) { /* up to the cap: each succeeds */
			memset(data, 'a' + (int)(n % 26), step);
			memcpy(want + n, data, step);
			assert_int_equal(dynbuf_add(&b, data, step), DYNBUF_OK);
			n += step;
			same(&b, want, n);
		}
		/* fill to exactly the cap one byte at a time */
		while (n < max) {
			assert_int_equal(dynbuf_addc(&b, 'z'), DYNBUF_OK);
			want[n++] = 'z';
		}
		assert_int_equal(dynbuf_add(&b, "", 0), DYNBUF_OK); /* nothing, at the cap: fine */
		same(&b, want, max);
		/* one byte past: refused, the content as it was */
		assert_int_equal(dynbuf_addc(&b, 'x'), DYNBUF_TOO_LARGE);
		same(&b, want, max);
		memset(data, 'y', step);
		assert_int_equal(dynbuf_add(&b, data, step), DYNBUF_TOO_LARGE);
		same(&b, want, max);
		assert_int_equal(dynbuf_addf(&b, "%s", "q"), DYNBUF_TOO_LARGE);
		same(&b, want, max);
		/* reset keeps the memory: the cap's worth fits again */
		dynbuf_reset(&b);
		same(&b, "", 0);
		assert_int_equal(dynbuf_add(&b, want, max), DYNBUF_OK);
		same(&b, want, max);
		dynbuf_free(&b);
		assert_null(b.p);
		assert_int_equal(b.len, 0);
		assert_int_equal(b.max, max);
		free(want);
		free(data);
	}
}

/* one add of more than the cap on an empty buffer allocates nothing */
static void too_large_at_once(void **state)
{
	struct dynbuf b;

	(void)state;
	dynbuf_init(&b, 10);
	assert_int_equal(dynbuf_add(&b, "0123456789a", 11), DYNBUF_TOO_LARGE);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(dynbuf_add(&b, "0123456789", 10), DYNBUF_OK);
	same(&b, "0123456789", 10);
	dynbuf_free(&b);
}

/* printf-style: short and long output, appended after what is there; a refused one leaves the
 * content as it was even though the first try wrote into the spare room */
static void addf(void **state)
{
	static const struct {
		size_t width; /* of a %*d: the output's length */
		size_t max;
		enum dynbuf_res want;
	} cases[] = {
	    {1, 100, DYNBUF_OK},
	    {10, 100, DYNBUF_OK},
	    {97, 100, DYNBUF_OK},
	    {98, 100, DYNBUF_TOO_LARGE},
	    {300, 303, DYNBUF_OK},
	    {300, 302, DYNBUF_TOO_LARGE},
	    {5000, 1 << 20, DYNBUF_OK},
	    {100000, 1 << 20, DYNBUF_OK},
	    {100000, 99999, DYNBUF_TOO_LARGE},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dynbuf b;
		char *want = malloc(cases[i].width + 4);

		assert_non_null(want);
		dynbuf_init(&b, cases[i].max);
		assert_int_equal(dynbuf_addf(&b, "%s", "abc"), DYNBUF_OK);
		same(&b, "abc", 3);
		assert_int_equal(dynbuf_addf(&b, "%*d", (int)cases[i].width, 7), cases[i].want);
		if (cases[i].want == DYNBUF_OK) {
			memcpy(want, "abc", 3);
			memset(want + 3, ' ', cases[i].width - 1);
			want[cases[i].width + 2] = '7';
			same(&b, want, cases[i].width + 3);
		} else {
			same(&b, "abc", 3);
		}
		dynbuf_free(&b);
		free(want);
	}
}

/* many small formatted appends: the doubling keeps them all */
static void addf_many(void **state)
{
	struct dynbuf b;
	char num[16];
	size_t n = 0;

	(void)state;
	dynbuf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		assert_int_equal(dynbuf_addf(&b, "%d,", i), DYNBUF_OK);
	for (int i = 0; i < 10000; i++) {
		int k = snprintf(num, sizeof num, "%d,", i);

		assert_memory_equal(b.p + n, num, (size_t)k);
		n += (size_t)k;
	}
	assert_int_equal(b.len, n);
	assert_int_equal(b.p[n], '\0');
	dynbuf_free(&b);
}

/* take hands the text over and leaves an empty buffer with the same cap; take of an empty buffer
 * gives "" */
static void take(void **state)
{
	struct dynbuf b;
	char *s;

	(void)state;
	dynbuf_init(&b, 64);
	s = dynbuf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_null(b.p);

	assert_int_equal(dynbuf_add(&b, "hello", 5), DYNBUF_OK);
	assert_int_equal(dynbuf_addc(&b, ' '), DYNBUF_OK);
	assert_int_equal(dynbuf_addf(&b, "%s %d", "world", 42), DYNBUF_OK);
	assert_int_equal(b.len, 14);
	s = dynbuf_take(&b);
	assert_string_equal(s, "hello world 42");
	free(s);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 64);
	assert_int_equal(dynbuf_add(&b, "again", 5), DYNBUF_OK); /* usable after take */
	same(&b, "again", 5);
	dynbuf_free(&b);
	dynbuf_free(&b); /* twice is harmless */
}

/* zero-size adds: succeed, change nothing, but leave a NUL-terminated buffer; NULL data is
 * allowed with 0; embedded NULs are kept */
static void zero_and_nul(void **state)
{
	struct dynbuf b;

	(void)state;
	dynbuf_init(&b, 8);
	assert_int_equal(dynbuf_add(&b, NULL, 0), DYNBUF_OK);
	same(&b, "", 0);
	assert_int_equal(dynbuf_add(&b, "a\0b", 3), DYNBUF_OK);
	assert_int_equal(dynbuf_add(&b, "zzz", 0), DYNBUF_OK);
	assert_int_equal(dynbuf_addc(&b, '\0'), DYNBUF_OK);
	same(&b, "a\0b\0", 4);
	assert_int_equal(dynbuf_addf(&b, "%s", ""), DYNBUF_OK);
	same(&b, "a\0b\0", 4);
	dynbuf_free(&b);

	dynbuf_init(&b, 0); /* a cap of nothing: only nothing fits */
	assert_int_equal(dynbuf_add(&b, NULL, 0), DYNBUF_OK);
	same(&b, "", 0);
	assert_int_equal(dynbuf_addc(&b, 'a'), DYNBUF_TOO_LARGE);
	same(&b, "", 0);
	dynbuf_free(&b);
}

/* overflow: sizes near SIZE_MAX are refused as too large without wrapping, and the cap is kept
 * below SIZE_MAX so the NUL's byte can always be counted */
static void overflow(void **state)
{
	static const struct {
		size_t n;
		enum dynbuf_res want;
	} huge[] = {
	    {SIZE_MAX, DYNBUF_TOO_LARGE},     {SIZE_MAX - 1, DYNBUF_TOO_LARGE},
	    {SIZE_MAX - 6, DYNBUF_TOO_LARGE}, /* one byte past the cap */
	    {SIZE_MAX - 7, DYNBUF_NOMEM},     /* exactly to the cap: no allocator has that */
	    {SIZE_MAX / 2 + 1, DYNBUF_NOMEM}, /* past a doubling's reach */
	};
	struct dynbuf b;

	(void)state;
	dynbuf_init(&b, SIZE_MAX);
	assert_int_equal(b.max, SIZE_MAX - 1);
	assert_int_equal(dynbuf_add(&b, "abcdef", 6), DYNBUF_OK);
	for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
		/* len + n + 1 wraps or passes the cap for these: refused before it is computed, or
		 * the allocation fails; the data is never read */
		assert_int_equal(dynbuf_add(&b, "x", huge[i].n), huge[i].want);
		same(&b, "abcdef", 6);
	}
	dynbuf_free(&b);

	/* a cap under a doubling's reach: the allocation stops at the cap, not past it */
	dynbuf_init(&b, 300);
	assert_int_equal(dynbuf_add(&b, "a", 1), DYNBUF_OK);
	for (int i = 0; i < 299; i++)
		assert_int_equal(dynbuf_addc(&b, 'b'), DYNBUF_OK);
	assert_int_equal(b.len, 300);
	assert_int_equal(b.cap, 301);
	assert_int_equal(dynbuf_addc(&b, 'c'), DYNBUF_TOO_LARGE);
	dynbuf_free(&b);
}

/* trunc: back to a shorter length, never longer; what is added next follows the cut */
static void truncate_to(void **state)
{
	static const struct {
		size_t to, want;
	} cases[] = {{0, 0}, {3, 3}, {5, 5}, {6, 6}, {7, 6}, {SIZE_MAX, 6}};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct dynbuf b;

		dynbuf_init(&b, 8);
		assert_int_equal(dynbuf_add(&b, "abcdef", 6), DYNBUF_OK);
		dynbuf_trunc(&b, cases[i].to);
		same(&b, "abcdef", cases[i].want);
		assert_int_equal(dynbuf_add(&b, "XY", 2), DYNBUF_OK);
		assert_memory_equal(b.p + cases[i].want, "XY", 3);
		assert_int_equal(b.len, cases[i].want + 2);
		dynbuf_free(&b);
	}
	{
		struct dynbuf b;

		dynbuf_init(&b, 8);
		dynbuf_trunc(&b, 0); /* nothing allocated: nothing to do */
		assert_null(b.p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cap),      cmocka_unit_test(too_large_at_once),
	    cmocka_unit_test(addf),     cmocka_unit_test(addf_many),
	    cmocka_unit_test(take),     cmocka_unit_test(zero_and_nul),
	    cmocka_unit_test(overflow), cmocka_unit_test(truncate_to),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
