/* cmd_eval.c — `cyberduty eval < SCENARIO.json`: one what-if scenario in, its verdicts out, as
 * JSON (docs/eval.md). No database is touched: the calendar is the built-in one. Exit 0 with the
 * verdicts on stdout, or 2 with one line on stderr naming the field that is wrong. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "core/dynbuf.h"
#include "io/calendar_load.h"
#include "io/scenario.h"

/* read_all reads f to its end into a malloc'd buffer (*buf, *len), refusing more than max
 * bytes (the buffer's cap: SCENARIO_MAX_BYTES, the most a scenario may be). */
static enum cd_err read_all(FILE *f, size_t max, char **buf, size_t *len, struct cd_diag *d)
{
	char chunk[16 << 10];
	struct dynbuf b;
	enum dynbuf_res r = DYNBUF_OK;
	enum cd_err rc = CD_OK;
	size_t got;

	*buf = NULL;
	*len = 0;
	dynbuf_init(&b, max);
	while (!r && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
		r = dynbuf_add(&b, chunk, got);
	if (r == DYNBUF_TOO_LARGE)
		rc = cd_diag_set(d, CD_EINVAL, "the scenario is larger than %zu MiB", max >> 20);
	else if (r)
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	else if (ferror(f))
		rc = cd_diag_set(d, CD_EIO, "cannot read the scenario from stdin");
	else if ((*len = b.len, !(*buf = dynbuf_take(&b))))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	if (rc) {
		*len = 0;
		dynbuf_free(&b);
	}
	return rc;
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
