/* fuzz_profile.c — libFuzzer target for the policy profile loader (YAML, src/profile/): any bytes
 * are a profile or a refusal with its message, never a crash or a leak. Run with `make fuzz`. */
#include <stdint.h>
#include <stdlib.h>

#include "profile/profile_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile *p = NULL;
	struct cd_diag d = {{0}};
	enum cd_err rc = profile_load_buffer((const char *)data, size, "fuzz.yaml", &p, &d);

	if ((rc == CD_OK) != (p != NULL))
		abort();
	if (rc != CD_OK && rc != CD_ENOMEM && !d.msg[0]) /* a refusal says why */
		abort();
	profile_free(p);
	return 0;
}
