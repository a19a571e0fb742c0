/* fuzz_assess.c — libFuzzer target for the assessment indicator templates (src/profile/
 * assess_load.c) and their scoring (src/core/assess.c). The input is a template's YAML; one
 * refused says where ("fuzz.yaml:LINE: …"); one accepted is scored with every value absent and
 * with every indicator given a value its rule takes, and the totals must stay within what the
 * weights allow, the grade one of its bands. Run with `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profile/assess_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_diag d = {{0}};
	struct assess_tpl *t = NULL;
	struct assess_value *v;
	struct assess_item *it;
	struct assess_total r;
	int64_t bonus = 0;

	if (assess_load_buffer((const char *)data, size, "fuzz.yaml", &t, &d)) {
		if (strncmp(d.msg, "fuzz.yaml:", 10) && strcmp(d.msg, "out of memory"))
			abort();
		return 0;
	}
	v = calloc(t->t.nind + 1, sizeof *v);
	it = calloc(t->t.nind + 1, sizeof *it);
	if (v && it) {
		for (size_t i = 0; i < t->t.nind; i++)
			if (t->t.ind[i].rule == ASR_BONUS)
				bonus += t->t.ind[i].weight;
		for (int pass = 0; pass < 2; pass++) {
			for (size_t i = 0; pass && i < t->t.nind; i++) {
				const struct assess_indicator *k = &t->t.ind[i];

				v[i] = k->rule == ASR_COVERAGE ? (struct assess_value){AV_SHARE, 7, 9, false}
				       : k->rule == ASR_LEVEL && !k->nsteps
					       ? (struct assess_value){AV_LEVEL, 50, 0, false}
					       : (struct assess_value){AV_COUNT, (int64_t)(size % 7), 0,
								       i % 3 == 0};
				if (assess_value_check(k, &v[i]))
					abort();
			}
			assess_score(&t->t, v, it, &r);
			if (r.base < 0 || r.base > t->t.full || r.bonus < 0 || r.bonus > bonus ||
			    r.total < r.base || r.grade >= t->t.ngrades)
				abort();
		}
	}
	free(v);
	free(it);
	assess_tpl_free(t);
	return 0;
}
