/* fuzz_cond.c — libFuzzer target for the condition language (src/core/cond.h). Any bytes are
 * parsed; a refusal must say "column N: …" with N inside the text; what parses is evaluated over
 * a few fact sets and the evaluator's promises are checked, aborting on a broken one: need and
 * used are known/unknown as documented, without duplicates; filling the needed facts decides a
 * NEEDS_JUDGEMENT; filling unknown facts never changes a decided result. Run with `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cond.h"
#include "core/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum fill {
	FILL_NONE,  /* everything unknown */
	FILL_HIGH,  /* true, 6, "portal", "prefecture_or_above" */
	FILL_LOW,   /* false, 0, "server", "" */
	FILL_BYTES, /* from the input: unknown, true or false, numbers from the bytes */
};

/* set gives fact id a value by `how`; b is a byte that varies it. */
static void set(struct facts *f, int id, enum fill how, unsigned b)
{
	static const char *const kinds[] = {"portal", "news_site", "platform", "server"};
	bool high = how == FILL_HIGH || (how == FILL_BYTES && (b & 2));

	switch (fact_type((enum fact)id)) {
	case FACT_BOOL:
		facts_set_bool(f, (enum fact)id, high);
		break;
	case FACT_NUMBER:
		facts_set_number(f, (enum fact)id, how == FILL_BYTES ? (double)(b >> 2) / 4 :
							  high ? 6 : 0);
		break;
	default:
		if (id == FACT_ASSET_KIND)
			facts_set_string(f, (enum fact)id,
					 how == FILL_BYTES ? kinds[b % 4] : high ? "portal" : "server");
		else
			facts_set_string(f, (enum fact)id, high ? "prefecture_or_above" : "");
	}
}

static void fill(struct facts *f, enum fill how, const uint8_t *data, size_t size)
{
	facts_init(f);
	for (int i = 0; i < FACT__MAX; i++) {
		unsigned b = size ? data[(size_t)i % size] ^ (unsigned)i * 37u : 0;

		if (how == FILL_NONE || (how == FILL_BYTES && b % 3 == 0))
			continue;
		set(f, i, how, b);
	}
}

/* distinct_in: v[0..n) has no duplicate and every entry is in the mask. */
static bool distinct_in(const int *v, size_t n, uint64_t mask)
{
	uint64_t seen = 0;

	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0 || v[i] >= FACT__MAX || (seen >> v[i] & 1) || !(mask >> v[i] & 1))
			return false;
		seen |= (uint64_t)1 << v[i];
	}
	return true;
}

static void check(const struct cond *c, const struct facts *f)
{
	struct cond_result r, r2;
	struct facts g;
	int mentioned[FACT__MAX];
	size_t nm = cond_facts(c, mentioned);
	uint64_t mask = 0;

	for (size_t i = 0; i < nm; i++)
		mask |= (uint64_t)1 << mentioned[i];
	if (cond_eval(c, f, &r) != r.value || (int)r.value < 0 || r.value >= COND__MAX)
		abort();
	if ((r.value == COND_NEEDS_JUDGEMENT) != (r.nneed > 0))
		abort();
	if (!distinct_in(r.need, r.nneed, mask) || !distinct_in(r.used, r.nused, mask))
		abort();
	for (size_t i = 0; i < r.nneed; i++)
		if (facts_known(f, (enum fact)r.need[i]))
			abort();
	for (size_t i = 0; i < r.nused; i++)
		if (!facts_known(f, (enum fact)r.used[i]))
			abort();
	for (enum fill how = FILL_HIGH; how <= FILL_LOW; how++) {
		g = *f;
		if (r.value == COND_NEEDS_JUDGEMENT) {
			/* the facts asked for are enough to decide */
			for (size_t i = 0; i < r.nneed; i++)
				set(&g, r.need[i], how, 0);
			if (cond_eval(c, &g, &r2) == COND_NEEDS_JUDGEMENT)
				abort();
		} else {
			/* more knowledge never overturns a decided result */
			for (int i = 0; i < FACT__MAX; i++)
				if (!facts_known(&g, (enum fact)i))
					set(&g, i, how, 0);
			if (cond_eval(c, &g, &r2) != r.value)
				abort();
		}
	}
}

/* check_message: "column N: what", N between 1 and one past the last character. */
static void check_message(const char *msg, const uint8_t *data, size_t size)
{
	size_t chars = 0;
	long col;
	char *end;

	if (strncmp(msg, "column ", 7))
		abort();
	col = strtol(msg + 7, &end, 10);
	for (size_t i = 0; i < size; i++)
		if ((data[i] & 0xC0) != 0x80)
			chars++;
	if (col < 1 || (size_t)col > chars + 1 || strncmp(end, ": ", 2) || !end[2])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new((size_t)16 << 20);
	struct cd_diag d = {{0}};
	const struct cond *c = NULL;
	struct facts f;
	enum cd_err rc;

	if (!a)
		return 0;
	lang_set(LANG_EN); /* the message's form is checked in English ("column N: …") */
	rc = cond_parse_n((const char *)data, size, a, &c, &d);
	if (rc == CD_EINVAL)
		check_message(d.msg, data, size);
	else if (rc != CD_OK)
		abort(); /* 16 MiB is plenty for COND_MAX_LEN bytes */
	if (rc == CD_OK)
		for (enum fill how = FILL_NONE; how <= FILL_BYTES; how++) {
			fill(&f, how, data, size);
			check(c, &f);
		}
	arena_free(a);
	return 0;
}
