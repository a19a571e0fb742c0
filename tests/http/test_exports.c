/* test_exports.c — every list's export (issue 15, item 5) exports exactly the rows its list
 * selects with the same filters, within the caller's scope, through the real `cyberduty serve`
 * on a fresh demo database: for each list and filter the CSV's rows (BOM, Chinese headers)
 * counted against the paged JSON list's items, and the first column of each row against the
 * list's codes where the list has them; a filter of another list is refused; and the .xlsx of
 * a filtered export read back cell by cell (libzip, its sheet's XML) against the CSV of the
 * same rows. argv[1]: the binary. */
#include "session.h"

#include <zip.h>

static int start(void **state)
{
	(void)state;
	return demo_server("exports", "");
}

/* csv_rows splits the CSV body (after its BOM and header row) into rows, keeping the first cell
 * of each (unquoted) in firsts[]; a quoted cell may hold commas, quotes and line breaks. */
static size_t csv_rows(const char *body, size_t len, char firsts[][64], size_t max)
{
	size_t rows = 0, cell = 0, k = 0;
	bool quoted = false, header = true;
	char first[64] = "";

	assert_true(len >= 3 && !memcmp(body, "\xef\xbb\xbf", 3)); /* UTF-8 with BOM */
	for (size_t i = 3; i < len; i++) {
		char ch = body[i];

		if (quoted) {
			if (ch == '"' && i + 1 < len && body[i + 1] == '"')
				i++;
			else if (ch == '"')
				quoted = false;
			else if (!cell && k + 1 < sizeof first)
				first[k++] = ch;
			continue;
		}
		if (ch == '"') {
			quoted = true;
		} else if (ch == ',') {
			cell++;
		} else if (ch == '\n') {
			first[k] = '\0';
			if (!header && rows < max)
				snprintf(firsts[rows], 64, "%s", first);
			rows += !header;
			header = false;
			cell = k = 0;
		} else if (ch != '\r' && !cell && k + 1 < sizeof first) {
			first[k++] = ch;
		}
	}
	return rows;
}

#define MAXROWS 2000
#define MAXCOLS 40

/* csv_cells splits the CSV body (after its BOM) into rows of cells (malloc'd strings, cells[r][c];
 * a quoted cell may hold commas, quotes and line breaks); returns the number of rows. */
static size_t csv_cells(const char *body, size_t len, char *cells[][MAXCOLS], size_t max)
{
	size_t row = 0, col = 0, k = 0;
	bool quoted = false;
	char cell[1024];

	for (size_t i = 3; i < len && row < max; i++) {
		char ch = body[i];

		if (quoted && ch == '"' && i + 1 < len && body[i + 1] == '"') {
			i++;
		} else if (ch == '"') {
			quoted = !quoted;
			continue;
		} else if (!quoted && (ch == ',' || ch == '\n')) {
			cell[k] = '\0';
			assert_true(col < MAXCOLS);
			cells[row][col++] = strdup(cell);
			k = 0;
			if (ch == '\n')
				row++, col = 0;
			continue;
		} else if (!quoted && ch == '\r') {
			continue;
		}
		if (k + 1 < sizeof cell)
			cell[k++] = ch;
	}
	return row;
}

/* unxml copies the XML text s[0..n) into out, its five entities decoded */
static void unxml(const char *s, size_t n, char *out, size_t max)
{
	static const char *const ent[][2] = {
	    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < max; i++) {
		size_t e = 0;

		while (s[i] == '&' && e < 5 && strncmp(s + i, ent[e][0], strlen(ent[e][0])))
			e++;
		if (s[i] == '&' && e < 5) {
			out[k++] = ent[e][1][0];
			i += strlen(ent[e][0]) - 1;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
}

/* zip_text reads member name of the workbook z into a new NUL-terminated string (NULL: none) */
static char *zip_text(zip_t *z, const char *name)
{
	zip_stat_t st;
	zip_file_t *f;
	char *out;

	if (zip_stat(z, name, 0, &st) != 0)
		return NULL;
	assert_non_null(out = malloc(st.size + 1));
	assert_non_null(f = zip_fopen(z, name, 0));
	assert_int_equal(zip_fread(f, out, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	out[st.size] = '\0';
	return out;
}

/* cell_text: the text of the cell element at c (up to its end) — an inline string, a shared
 * string (sst, the <si> texts in order) or a number, a date cell as YYYY-MM-DD when want is one */
static void cell_text(const char *c, const char *end, char *const *sst, size_t nsst,
                      const char *want, char *out, size_t max)
{
	const char *t = strstr(c, "<t"), *v = strstr(c, "<v>");
	bool shared = strstr(c, "t=\"s\"") && strstr(c, "t=\"s\"") < strchr(c, '>');

	out[0] = '\0';
	if (t && t < end) {
		t = strchr(t, '>') + 1;
		unxml(t, (size_t)(strstr(t, "</t>") - t), out, max);
	} else if (v && v < end) {
		double num = strtod(v + 3, NULL);
		int y, m, d;

		if (shared && (size_t)num < nsst)
			snprintf(out, max, "%s", sst[(size_t)num]);
		else if (strlen(want) == 10 && sscanf(want, "%d-%d-%d", &y, &m, &d) == 3) {
			/* a date cell: days since 1899-12-30 */
			time_t s = (time_t)((num - 25569.0) * 86400.0 + 0.5);
			struct tm tm;

			gmtime_r(&s, &tm);
			strftime(out, max, "%Y-%m-%d", &tm);
		} else {
			snprintf(out, max, "%.15g", num);
		}
	}
}

/* The .xlsx of an export read back cell by cell: every cell of every row equal to the CSV's of
 * the same query (the same rows, the same order; a date cell the CSV's day). */
static void xlsx_as_csv(const struct client *c, const char *what, const char *q)
{
	static char *csv[MAXROWS][MAXCOLS];
	char path[400], *sheet, *strings, *sst[4096], text[1024];
	size_t rows, nsst = 0, cells = 0;
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;

	snprintf(path, sizeof path, "/api/v1/export/%s?%s", what, q);
	call(c, "GET", path, NULL);
	expect(200);
	memset(csv, 0, sizeof csv);
	rows = csv_cells(r.body, r.len, csv, MAXROWS);
	assert_true(rows > 1);
	snprintf(path, sizeof path, "/api/v1/export/%s?%s&format=xlsx", what, q);
	call(c, "GET", path, NULL);
	expect(200);
	zip_error_init(&ze);
	assert_non_null(src = zip_source_buffer_create(r.body, r.len, 0, &ze));
	assert_non_null(z = zip_open_from_source(src, ZIP_RDONLY, &ze));
	assert_non_null(sheet = zip_text(z, "xl/worksheets/sheet1.xml"));
	if ((strings = zip_text(z, "xl/sharedStrings.xml")))
		for (const char *s = strstr(strings, "<si>"); s && nsst < 4096;
		     s = strstr(s + 4, "<si>")) {
			const char *t = strchr(strstr(s, "<t"), '>') + 1;

			unxml(t, (size_t)(strstr(t, "</t>") - t), text, sizeof text);
			sst[nsst++] = strdup(text);
		}
	for (size_t row = 0; row < rows; row++) {
		char tag[32];
		const char *rp, *rend;

		snprintf(tag, sizeof tag, "<row r=\"%zu\"", row + 1);
		if (!(rp = strstr(sheet, tag)))
			fail_msg("export/%s?%s: the workbook lacks row %zu", what, q, row + 1);
		rend = strstr(rp, "</row>");
		for (size_t col = 0; col < MAXCOLS && csv[row][col]; col++) {
			char ref[48], name[4];
			const char *cp;

			/* A … Z, AA … AN */
			if (col < 26)
				snprintf(name, sizeof name, "%c", (char)('A' + col));
			else
				snprintf(name, sizeof name, "%c%c", (char)('A' + col / 26 - 1),
				         (char)('A' + col % 26));
			snprintf(ref, sizeof ref, "<c r=\"%s%zu\"", name, row + 1);
			cp = strstr(rp, ref);
			if (cp && cp < rend)
				cell_text(cp, strstr(cp, "</c>") ? strstr(cp, "</c>") : rend, sst,
				          nsst, csv[row][col], text, sizeof text);
			else
				text[0] = '\0';
			if (strcmp(text, csv[row][col]))
				fail_msg(
				    "export/%s?%s: cell %s%zu is \"%s\" in the workbook, \"%s\" "
				    "in the CSV",
				    what, q, name, row + 1, text, csv[row][col]);
			cells++;
			free(csv[row][col]);
		}
	}
	assert_true(cells > rows);
	for (size_t i = 0; i < nsst; i++)
		free(sst[i]);
	free(strings);
	free(sheet);
	zip_close(z);
}

/* list_codes pages through list `path` and keeps each item's `key` (NULL: counts only). */
static size_t list_codes(const struct client *c, const char *path, const char *key,
                         char codes[][64])
{
	char url[600];
	size_t n = 0;

	snprintf(url, sizeof url, "%s%slimit=100", path, strchr(path, '?') ? "&" : "?");
	for (;;) {
		json_t *it;
		size_t i;

		call(c, "GET", url, NULL);
		expect(200);
		json_array_foreach(json_object_get(j, "items"), i, it)
		{
			const char *v = key ? json_string_value(json_object_get(it, key)) : NULL;

			assert_true(n < MAXROWS);
			snprintf(codes[n++], 64, "%s", v ? v : "");
		}
		if (!json_string_value(json_object_get(j, "next")))
			return n;
		snprintf(url, sizeof url, "%s%slimit=100&cursor=%s", path,
		         strchr(path, '?') ? "&" : "?",
		         json_string_value(json_object_get(j, "next")));
	}
}

static int by_text(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* same: the export of list `what` with query `q` has as many rows as the list with it, and,
 * when key is given, the same codes in its first column (any order); returns the count. */
static size_t same(const struct client *c, const char *what, const char *q, const char *key)
{
	static char want[MAXROWS][64], got[MAXROWS][64];
	char path[400];
	size_t n, m;

	snprintf(path, sizeof path, "/api/v1/%s%s%s", what, *q ? "?" : "", q);
	n = list_codes(c, path, key, want);
	snprintf(path, sizeof path, "/api/v1/export/%s%s%s", what, *q ? "?" : "", q);
	call(c, "GET", path, NULL);
	expect(200);
	m = csv_rows(r.body, r.len, got, MAXROWS);
	if (m != n)
		fail_msg("export/%s?%s: %zu rows, the list has %zu", what, q, m, n);
	if (key) {
		qsort(want, n, sizeof *want, by_text);
		qsort(got, m, sizeof *got, by_text);
		for (size_t i = 0; i < n; i++)
			if (strcmp(want[i], got[i]))
				fail_msg("export/%s?%s: row %s, the list has %s", what, q, got[i],
				         want[i]);
	}
	return n;
}

/* Each list and filter: the export's rows are the list's. */
static void exports_as_lists(void **state)
{
	struct client office, officer;
	size_t all, some;
	(void)state;

	sign_in_as("office", "Bangongshi#2026", NULL, &office);
	sign_in_as("officer", "Anquanyuan#2026", NULL, &officer);

	/* the assets, by each of the asset list's filters */
	all = same(&office, "assets", "", "code");
	assert_true(all > 10);
	some = same(&office, "assets", "kind=portal", "code");
	assert_true(some > 0 && some < all);
	same(&office, "assets", "mlps_level=3&cii=false", "code");
	same(&office, "assets", "unit=XXZX", "code");
	same(&office, "assets", "filed=true", "code");
	same(&office, "assets", "status=live", "code");
	same(&office, "assets", "assess_result=none", "code");
	same(&office, "assets", "q=%E7%BD%91", "code"); /* 网 */
	assert_true(same(&officer, "assets", "", "code") < all);

	/* the notices by state and unit, the deadlines by state, unit and year, the gaps by rule */
	all = same(&office, "notices", "", "code");
	assert_true(all > 0);
	same(&office, "notices", "state=overdue", "code");
	same(&office, "notices", "state=done_on_time", "code");
	same(&office, "notices", "unit=DWXCB", "code");
	assert_true(same(&officer, "notices", "", "code") <= all);
	all = same(&office, "deadlines", "", NULL);
	some = same(&office, "deadlines", "state=overdue", NULL);
	assert_true(some > 0 && some < all);
	same(&office, "deadlines", "unit=DWXCB", NULL);
	same(&office, "deadlines", "year=2026", NULL);
	same(&office, "deadlines", "year=2026&state=done_on_time&unit=XXZX", NULL);
	all = same(&office, "gaps", "", NULL);
	some = same(&office, "gaps", "rule=role.missing", NULL);
	assert_true(some <= all);
	same(&office, "incidents", "", "code");
	same(&office, "records", "", NULL);
	same(&officer, "records", "", NULL);
	same(&office, "units", "", "code");
	same(&office, "persons", "", "code");
	same(&office, "projects", "", "code");

	/* the workbook of a filtered export, cell by cell */
	xlsx_as_csv(&office, "assets", "kind=portal");
	xlsx_as_csv(&office, "notices", "unit=DWXCB");
	xlsx_as_csv(&office, "deadlines", "state=overdue");

	/* a bad filter: 400 naming it, as the list */
	call(&office, "GET", "/api/v1/export/notices?state=late", NULL);
	expect(400);
	call(&office, "GET", "/api/v1/export/deadlines?unit=NOPE", NULL);
	expect(400);
	assert_non_null(strstr(r.body, "\"unit\""));
	call(&office, "GET", "/api/v1/export/gaps?rule=nope", NULL);
	expect(400);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(exports_as_lists, start, session_end),
	};

	if (argc < 2) {
		fprintf(stderr, "usage: %s path/to/cyberduty\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
