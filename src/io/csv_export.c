/* csv_export.c — register records → CSV (libcsv quotes fields) or XLSX (libxlsxwriter); the
 * one place a record becomes a spreadsheet row (see csv_export.h). */
#include "csv_export.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/csv_int.h"

#define XLSX_MAX_COLS  32
#define XLSX_MAX_WIDTH 60 /* characters: a long name or URL wraps no further than this */

/* The XLSX side of a csv_out. */
struct xlsx_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *date;
	lxw_row_t row;
	lxw_col_t col, ncols;
	double width[XLSX_MAX_COLS]; /* the widest value of each column, in characters */
	const char *head_text[XLSX_MAX_COLS]; /* the header row, for each sheet */
	char name[64];                /* the first sheet's name */
	int sheets;
};

/* display_width: how wide s shows — a CJK (or other wide) character twice a Latin one. */
static double display_width(const char *s)
{
	double w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w += 1;
		else if (*p >= 0xE0)
			w += 2; /* the lead byte of a three- or four-byte character */
	}
	return w;
}

/* xcell writes s (NULL: nothing) in the next cell of the XLSX row. */
static void xcell(struct csv_out *o, const char *s)
{
	struct xlsx_book *x = o->x;
	lxw_format *fmt = x->row == 0 ? x->head : NULL;

	if (x->row == 0 && x->sheets == 1 && x->col < XLSX_MAX_COLS)
		x->head_text[x->col] = s;

	if (s && *s && worksheet_write_string(x->ws, x->row, x->col, s, fmt) != LXW_NO_ERROR)
		o->bad = true;
	if (s && x->col < XLSX_MAX_COLS && display_width(s) > x->width[x->col])
		x->width[x->col] = display_width(s);
	x->col++;
}

int csv_lang_parse(const char *s)
{
	return !strcmp(s, "zh") ? CSV_LANG_ZH : !strcmp(s, "en") ? CSV_LANG_EN : -1;
}

static void put(struct csv_out *o, const char *s)
{
	if (o->x) {
		xcell(o, s);
		return;
	}
	if (!o->first && fputc(',', o->f) == EOF)
		o->bad = true;
	o->first = false;
	if (!s)
		return;
	/* quoted only when it must be (libcsv quotes every value it writes) */
	if (strpbrk(s, ",\"\r\n") || *s == ' ' || (*s && s[strlen(s) - 1] == ' ')) {
		if (csv_fwrite(o->f, s, strlen(s)) != 0)
			o->bad = true;
	} else if (fputs(s, o->f) == EOF) {
		o->bad = true;
	}
}

/* sheet_finish sizes the columns of the sheet being written and puts its autofilter; printed,
 * a sheet goes on A4 (landscape when it is wider than 8 columns), as wide as one page, with its
 * head row again on every page. */
static void sheet_finish(struct xlsx_book *x)
{
	worksheet_set_paper(x->ws, 9); /* 9: A4 in the paper codes of ECMA-376 §18.3.1.63 */
	if (x->ncols > 8)
		worksheet_set_landscape(x->ws);
	worksheet_fit_to_pages(x->ws, 1, 0);
	worksheet_repeat_rows(x->ws, 0, 0);
	for (lxw_col_t c = 0; c < x->ncols && c < XLSX_MAX_COLS; c++) {
		double w = x->width[c] + 2; /* room for the autofilter's button */

		worksheet_set_column(x->ws, c, c, w > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : w, NULL);
	}
	if (x->ncols)
		worksheet_autofilter(x->ws, 0, 0, x->row ? x->row - 1 : 0,
				     (lxw_col_t)(x->ncols - 1));
}

static void end_row(struct csv_out *o)
{
	struct xlsx_book *x = o->x;

	if (x) {
		x->row++;
		x->col = 0;
		if (x->row == LXW_ROW_MAX) { /* a sheet is full: go on in the next, "NAME 2" … */
			char name[80];

			sheet_finish(x);
			snprintf(name, sizeof name, "%s %d", x->name, ++x->sheets);
			x->ws = workbook_add_worksheet(x->wb, name);
			if (!x->ws) {
				o->bad = true;
				return;
			}
			x->row = 0;
			for (lxw_col_t c = 0; c < x->ncols && c < XLSX_MAX_COLS; c++)
				xcell(o, x->head_text[c]);
			x->row = 1;
			x->col = 0;
			worksheet_freeze_panes(x->ws, 1, 0);
		}
		return;
	}
	if (fputs("\r\n", o->f) == EOF)
		o->bad = true;
	o->first = true;
}

static void put_date(struct csv_out *o, cd_date t)
{
	char b[11];

	if (o->x && t != CD_DATE_NONE) { /* a date cell, shown yyyy-mm-dd */
		lxw_datetime dt = {0};

		date_to_ymd(t, &dt.year, &dt.month, &dt.day);
		if (worksheet_write_datetime(o->x->ws, o->x->row, o->x->col, &dt, o->x->date) !=
		    LXW_NO_ERROR)
			o->bad = true;
		if (o->x->col < XLSX_MAX_COLS && o->x->width[o->x->col] < 10)
			o->x->width[o->x->col] = 10;
		o->x->col++;
		return;
	}
	put(o, t == CD_DATE_NONE ? NULL : date_format(t, b));
}

/* put_number writes v: a number cell in XLSX, its text b in CSV. */
static void put_number(struct csv_out *o, double v, const char *b)
{
	if (o->x) {
		if (worksheet_write_number(o->x->ws, o->x->row, o->x->col, v, NULL) != LXW_NO_ERROR)
			o->bad = true;
		if (o->x->col < XLSX_MAX_COLS && display_width(b) > o->x->width[o->x->col])
			o->x->width[o->x->col] = display_width(b);
		o->x->col++;
		return;
	}
	put(o, b);
}

/* put_num writes a whole number (up to 10^15, exact in a double): a number cell in XLSX. */
static void put_num(struct csv_out *o, int64_t v)
{
	char b[24];

	snprintf(b, sizeof b, "%lld", (long long)v);
	put_number(o, (double)v, b);
}

void csv_out_hundredths(struct csv_out *o, int64_t v)
{
	char b[32];
	int64_t a = v < 0 ? -v : v;

	snprintf(b, sizeof b, "%s%lld.%02lld", v < 0 ? "-" : "", (long long)(a / 100),
		 (long long)(a % 100));
	put_number(o, (double)v / 100.0, b);
}

static void put_int(struct csv_out *o, int v)
{
	put_num(o, v);
}

/* put_name writes an enumeration: its Chinese label, or its English code. */
static void put_name(struct csv_out *o, const char *label, const char *code)
{
	put(o, o->lang == CSV_LANG_ZH ? label : code);
}

static void put_bool(struct csv_out *o, bool b)
{
	put(o, o->lang == CSV_LANG_ZH ? (b ? "是" : "否") : (b ? "1" : "0"));
}

void csv_out_begin(struct csv_out *o, FILE *f, enum csv_kind kind, enum csv_lang lang)
{
	const struct csv_template *t = &csv_templates[kind];

	*o = (struct csv_out){.f = f, .kind = kind, .lang = lang, .first = true};
	if (fputs("\xEF\xBB\xBF", f) == EOF)
		o->bad = true;
	for (size_t c = 0; c < t->ncols; c++)
		put(o, lang == CSV_LANG_ZH ? t->cols[c].zh : t->cols[c].key);
	end_row(o);
}

/* xlsx_start starts a workbook at path with one sheet named name (headers not yet written). */
static enum cd_err xlsx_start(struct csv_out *o, const char *path, const char *name, size_t ncols,
			      struct cd_diag *d)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE};
	struct xlsx_book *x = calloc(1, sizeof *x);

	if (!x)
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	x->wb = workbook_new_opt(path, &opt);
	if (!x->wb) {
		free(x);
		return cd_diag_set(d, CD_EIO, "%s: cannot create the workbook", path);
	}
	x->ws = workbook_add_worksheet(x->wb, name);
	snprintf(x->name, sizeof x->name, "%.60s", name);
	x->sheets = 1;
	x->head = workbook_add_format(x->wb);
	x->date = workbook_add_format(x->wb);
	if (!x->ws || !x->head || !x->date) {
		workbook_close(x->wb);
		free(x);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	format_set_bold(x->head);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->ncols = (lxw_col_t)ncols;
	o->x = x;
	return CD_OK;
}

enum cd_err csv_out_begin_xlsx(struct csv_out *o, const char *path, enum csv_kind kind,
			       enum csv_lang lang, struct cd_diag *d)
{
	const struct csv_template *t = &csv_templates[kind];
	enum cd_err rc;

	*o = (struct csv_out){.kind = kind, .lang = lang, .first = true};
	rc = xlsx_start(o, path, lang == CSV_LANG_ZH ? csv_kind_zh(kind) : csv_kind_code(kind),
			t->ncols, d);
	if (rc)
		return rc;
	for (size_t c = 0; c < t->ncols; c++)
		put(o, lang == CSV_LANG_ZH ? t->cols[c].zh : t->cols[c].key);
	end_row(o);
	worksheet_freeze_panes(o->x->ws, 1, 0);
	return CD_OK;
}

enum cd_err csv_out_begin_sheet(struct csv_out *o, FILE *f, const char *path, const char *zh,
				const char *en, const struct csv_sheet_col *cols, size_t n,
				enum csv_lang lang, struct cd_diag *d)
{
	*o = (struct csv_out){.f = f, .kind = CSV__MAX, .lang = lang, .first = true};
	if (path) {
		enum cd_err rc = xlsx_start(o, path, lang == CSV_LANG_ZH ? zh : en, n, d);

		if (rc)
			return rc;
	} else if (fputs("\xEF\xBB\xBF", f) == EOF) {
		o->bad = true;
	}
	for (size_t c = 0; c < n; c++)
		put(o, lang == CSV_LANG_ZH ? cols[c].zh : cols[c].en);
	end_row(o);
	if (o->x)
		worksheet_freeze_panes(o->x->ws, 1, 0);
	return CD_OK;
}

void csv_out_text(struct csv_out *o, const char *s)
{
	put(o, s);
}

void csv_out_label(struct csv_out *o, const char *zh, const char *en)
{
	put_name(o, zh, en);
}

void csv_out_date(struct csv_out *o, cd_date t)
{
	put_date(o, t);
}

void csv_out_num(struct csv_out *o, int64_t v)
{
	put_num(o, v);
}

void csv_out_row_end(struct csv_out *o)
{
	end_row(o);
}

void csv_out_rec(struct csv_out *o, const struct rec_row *w)
{
	if (o->kind == CSV_UNITS) {
		const struct unit *u = &w->r.unit;

		put(o, u->code);
		put(o, u->name);
		put(o, w->unit_code);
		put_name(o, unit_kind_label(u->kind), unit_kind_code(u->kind));
	} else if (o->kind == CSV_PEOPLE) {
		const struct person *p = &w->r.person;

		put(o, p->code);
		put(o, p->name);
		put(o, w->unit_code);
		put(o, p->title);
		put(o, p->phone);
		put(o, p->email);
	} else if (o->kind == CSV_PROJECTS) {
		const struct project *p = &w->r.project;

		put(o, p->code);
		put(o, p->name);
		put(o, w->unit_code);
		put_int(o, p->year);
		put_num(o, p->total);
		put_num(o, p->security);
	} else {
		const struct duty *du = &w->r.duty;

		put(o, w->person_code);
		put_name(o, role_label(du->role), role_code(du->role));
		put(o, du->asset ? NULL : w->unit_code);
		put(o, w->asset_code);
		put_date(o, du->from);
		put_date(o, du->to);
		put(o, du->note);
	}
	end_row(o);
}

void csv_out_asset(struct csv_out *o, const struct asset_row *r)
{
	const struct asset *a = &r->a;

	put(o, a->code);
	put(o, a->name);
	put_name(o, asset_kind_label(a->kind), asset_kind_code(a->kind));
	put(o, a->url);
	put(o, r->unit_code[REL_BUILDER]);
	put(o, r->unit_code[REL_USER]);
	put(o, r->unit_code[REL_MANAGER]);
	put(o, r->unit_code[REL_OPERATOR]);
	put(o, a->maintainer);
	put_int(o, a->mlps_level);
	put_date(o, a->graded_on);
	put(o, a->filing_no);
	put_date(o, a->filed_on);
	put_date(o, a->assessed_on);
	put_name(o, assess_result_label(a->assess_result), assess_result_code(a->assess_result));
	put_bool(o, a->cii);
	put_bool(o, a->internet_facing);
	put_bool(o, a->personal_info);
	put_bool(o, a->protection_installed);
	put_name(o, asset_status_label(a->status), asset_status_code(a->status));
	put(o, a->admin_level);
	put(o, a->software);
	for (int q = 0; q < QUAL__MAX; q++)
		if (a->qual[q] == QUAL_UNSET)
			put(o, "");
		else
			put_bool(o, a->qual[q] == QUAL_YES);
	end_row(o);
}

enum cd_err csv_out_end(struct csv_out *o, struct cd_diag *d)
{
	struct xlsx_book *x = o->x;

	if (x) {
		sheet_finish(x);
		if (workbook_close(x->wb) != LXW_NO_ERROR)
			o->bad = true;
		free(x);
		o->x = NULL;
		return o->bad ? cd_diag_set(d, CD_EIO, "writing the workbook failed") : CD_OK;
	}
	if (o->bad || fflush(o->f) != 0)
		return cd_diag_set(d, CD_EIO, "writing the CSV failed");
	return CD_OK;
}
