/* fuzz_scenario.c — libFuzzer target for the eval scenario reader (JSON, src/io/scenario.c) and
 * the verdicts computed from what it accepts: every scenario is evaluated or refused with its
 * message, never a crash. Run with `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>

#include "io/calendar_load.h"
#include "io/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct calendar *cal;
	struct scenario *s = NULL;
	struct cd_diag d = {{0}};
	char *json = NULL;

	if (!cal && calendar_from_data(NULL, &cal, &d) != CD_OK)
		abort(); /* the built-in calendar always loads */
	if (scenario_parse((const char *)data, size, cal, &s, &d) == CD_OK) {
		if (scenario_eval(s, cal, &json, &d) == CD_OK && !json)
			abort();
		free(json);
	}
	scenario_free(s);
	return 0;
}
