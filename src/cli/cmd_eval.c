/* cmd_eval.c — `cyberduty eval < SCENARIO.json`: one what-if scenario in, its verdicts out, as
 * JSON (docs/eval.md). No database is touched: the calendar is the built-in one. Exit 0 with the
 * verdicts on stdout, or 2 with one line on stderr naming the field that is wrong. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "io/calendar_load.h"
#include "io/scenario.h"

/* read_all reads f to its end into a malloc'd buffer (*buf, *len), refusing more than max
 * bytes. */
static enum cd_err read_all(FILE *f, size_t max, char **buf, size_t *len, struct cd_diag *d)
{
	size_t cap = 64 << 10, n = 0;
	char *b = malloc(cap);

	*buf = NULL;
	*len = 0;
	if (!b)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	for (;;) {
		size_t got;

		if (n == cap) {
			char *nb = cap > max ? NULL : realloc(b, cap * 2);

			if (!nb) {
				free(b);
				if (cap <= max)
					return cd_diag_set(d, CD_ENOMEM, "out of memory");
				return cd_diag_set(d, CD_EINVAL,
						   "the scenario is larger than %zu MiB", max >> 20);
			}
			b = nb;
			cap *= 2;
		}
		got = fread(b + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(b);
		return cd_diag_set(d, CD_EIO, "cannot read the scenario from stdin");
	}
	if (n > max) {
		free(b);
		return cd_diag_set(d, CD_EINVAL, "the scenario is larger than %zu MiB", max >> 20);
	}
	*buf = b;
	*len = n;
	return CD_OK;
}

int cmd_eval(int argc, char **argv, const char *usage)
{
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct calendar *cal = NULL;
	struct scenario *sc = NULL;
	char *buf = NULL, *out = NULL;
	size_t len = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, 0, 0, 0, usage, &o))
		return EXIT_ERROR;
	rc = read_all(stdin, SCENARIO_MAX_BYTES, &buf, &len, &d);
	if (!rc)
		rc = calendar_from_data(NULL, &cal, &d);
	if (!rc)
		rc = scenario_parse(buf, len, cal, &sc, &d);
	if (!rc)
		rc = scenario_eval(sc, cal, &out, &d);
	if (!rc && (puts(out) == EOF || fflush(stdout) == EOF))
		rc = cd_diag_set(&d, CD_EIO, "cannot write the verdicts to stdout");
	free(out);
	scenario_free(sc);
	calendar_free(cal);
	free(buf);
	if (rc) {
		cd_diag_prefix(&d, "eval");
		return cli_fail(rc, &d);
	}
	return EXIT_CLEAN;
}
