/* fuzz_sheet.c — libFuzzer target for the spreadsheet readers (src/io/csv_read.c: CSV in UTF-8 or
 * GB18030; src/io/xlsx_read.c: an .xlsx workbook through libzip and libxml2): the first byte picks
 * the reader, the rest is the file. Every record handed on must hold at most CSV_MAX_FIELDS
 * NUL-terminated fields; a refusal says why. Run with `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum cd_err row(void *ctx, size_t r, const char *const *f, size_t n, bool over)
{
	(void)ctx;
	(void)over;
	if (r == 0 || n > CSV_MAX_FIELDS)
		abort();
	for (size_t i = 0; i < n; i++)
		if (!f[i] || strlen(f[i]) > CSV_MAX_RECORD)
			abort();
	return CD_OK;
}

static void bad(void *ctx, size_t r, const char *zh, const char *en)
{
	(void)ctx;
	(void)r;
	if (!zh || !en || !*zh || !*en)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sheets[] = {"assets", "信息系统", NULL};
	const struct csv_sink k = {.row = row, .bad = bad};
	struct cd_diag d = {{0}};
	size_t n = size ? size - 1 : 0;
	char *buf;
	FILE *f;

	if (size < 1 || !(buf = malloc(n ? n : 1)))
		return 0;
	memcpy(buf, data + 1, n);
	f = fmemopen(buf, n ? n : 1, "rb");
	if (f && !n) /* an empty file */
		fseek(f, 0, SEEK_END);
	if (f && (data[0] & 1))
		(void)xlsx_read(f, "fuzz.xlsx", sheets, &k, &d);
	else if (f)
		(void)csv_read(f, "fuzz.csv", &k, NULL, &d);
	if (f)
		fclose(f);
	free(buf);
	return 0;
}
