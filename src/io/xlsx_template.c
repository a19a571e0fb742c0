/* xlsx_template.c — the import templates a clerk fills in, as XLSX workbooks (libxlsxwriter):
 * the data sheet, named as the import looks for it, holds the header row (required columns
 * marked with "*", which the import ignores) frozen and bold, column widths, and drop-down lists
 * (data validation) for every column whose values are an enumeration — 类型, 角色, 状态, 测评结论,
 * 等保级别, 是/否 — so a clerk picks a value instead of typing one the import would refuse; a
 * second sheet 填写说明 explains each column (required, its values or date forms) with the example
 * rows of docs/templates/KIND.csv (compiled in), kept off the data sheet so that a template sent
 * back unchanged imports nothing. */
#include "io/xlsx_template.h"

#include <stdint.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/reg.h"
#include "embed/embed.h"
#include "io/csv_int.h"

/* rows of the data sheet that carry the drop-down lists (a clerk's sheet is far shorter) */
#define TEMPLATE_ROWS 10000
#define CHOICES_MAX   16

/* choices fills out with the values column col of kind takes (labels in Chinese, codes in
 * English) and returns how many; 0 when the column is free text. */
static size_t choices(enum csv_kind kind, int col, enum csv_lang lang, const char **out)
{
	size_t n = 0;
	bool zh = lang == CSV_LANG_ZH;

	switch (kind) {
	case CSV_UNITS:
		if (col == UC_KIND)
			for (int k = 0; k < UNIT__MAX; k++)
				out[n++] = zh ? unit_kind_label(k) : unit_kind_code(k);
		break;
	case CSV_DUTIES:
		if (col == DC_ROLE)
			for (int r = 0; r < ROLE__MAX; r++)
				out[n++] = zh ? role_label(r) : role_code(r);
		break;
	case CSV_ASSETS:
		switch (col) {
		case AC_KIND:
			for (int k = 0; k < ASSET__MAX; k++)
				out[n++] = zh ? asset_kind_label(k) : asset_kind_code(k);
			break;
		case AC_STATUS:
			for (int s = 0; s < STATUS__MAX; s++)
				out[n++] = zh ? asset_status_label(s) : asset_status_code(s);
			break;
		case AC_RESULT: /* ASSESS_NONE is an empty cell */
			for (int a = ASSESS_PASS; a < ASSESS__MAX; a++)
				out[n++] = zh ? assess_result_label(a) : assess_result_code(a);
			break;
		case AC_LEVEL: /* GB/T 22239-2019: five protection levels */
			for (size_t l = 0; l < 5; l++)
				out[n++] = (const char *[]){"1", "2", "3", "4", "5"}[l];
			break;
		case AC_CII:
		case AC_INTERNET:
		case AC_PERSONAL:
		case AC_PROTECTION:
			out[n++] = zh ? "是" : "yes";
			out[n++] = zh ? "否" : "no";
			break;
		default:
			break;
		}
		break;
	default:
		break;
	}
	return n;
}

/* is_date: the column holds a day (its English header says so). */
static bool is_date(const struct csv_col *c)
{
	size_t n = strlen(c->key);

	return (n > 3 && !strcmp(c->key + n - 3, "_on")) || !strcmp(c->key, "from") ||
	       !strcmp(c->key, "to") || !strcmp(c->key, "due");
}

/* example_cells splits line (one row of a template CSV: no quoted fields) into at most max
 * cells of buf; returns how many. */
static size_t example_cells(const char *line, size_t len, char *buf, size_t cap, const char **cell,
			    size_t max)
{
	size_t n = 0, k = 0;

	if (len >= cap)
		len = cap - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	while (k < len && (buf[len - 1] == '\r' || buf[len - 1] == '\n'))
		buf[--len] = '\0';
	for (char *p = buf; n < max;) {
		char *comma = strchr(p, ',');

		cell[n++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	return n;
}

/* explain writes the sheet 填写说明: each column with whether it is required and what it takes,
 * then the example rows of docs/templates/KIND.csv under their headers. */
static void explain(lxw_workbook *wb, lxw_format *bold, const struct csv_template *t,
		    enum csv_kind kind, enum csv_lang lang)
{
	bool zh = lang == CSV_LANG_ZH;
	lxw_worksheet *ws = workbook_add_worksheet(wb, zh ? "填写说明" : "how to fill in");
	char path[64], buf[2048];
	const struct embed_file *ex;
	lxw_row_t row = 0;

	if (!ws)
		return;
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 8, NULL);
	worksheet_set_column(ws, 2, 2, 80, NULL);
	worksheet_write_string(ws, row, 0, zh ? "列" : "column", bold);
	worksheet_write_string(ws, row, 1, zh ? "必填" : "required", bold);
	worksheet_write_string(ws, row++, 2, zh ? "填写说明" : "what it takes", bold);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *v[CHOICES_MAX];
		size_t n = choices(kind, (int)c, lang, v), k = 0;

		if (t->cols[c].derived)
			continue;

		worksheet_write_string(ws, row, 0, zh ? t->cols[c].zh : t->cols[c].key, NULL);
		worksheet_write_string(ws, row, 1,
				       t->cols[c].required ? (zh ? "是" : "yes") : (zh ? "否" : "no"),
				       NULL);
		buf[0] = '\0';
		if (n) {
			k = (size_t)snprintf(buf, sizeof buf, "%s", zh ? "从下拉列表选择：" : "one of: ");
			for (size_t i = 0; i < n && k < sizeof buf; i++)
				k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s",
						      i ? (zh ? "、" : ", ") : "", v[i]);
		} else if (is_date(&t->cols[c])) {
			snprintf(buf, sizeof buf, "%s",
				 zh ? "日期，如 2026-03-01、2026/3/1 或 2026年3月1日"
				    : "a day: 2026-03-01, 2026/3/1 or 2026年3月1日");
		} else if (!strcmp(t->cols[c].key, "received_at")) {
			snprintf(buf, sizeof buf, "%s",
				 zh ? "时间，如 2026-09-20 09:30、2026/9/20 9:30 或 2026年9月20日 9:30"
				    : "a time: 2026-09-20 09:30, 2026/9/20 9:30 or 2026年9月20日 9:30");
		} else if (!strcmp(t->cols[c].key, "assets")) {
			snprintf(buf, sizeof buf, "%s",
				 zh ? "信息系统的代码，多个用“、”或逗号分隔"
				    : "the systems' codes, separated by 、 or commas");
		} else if (!strcmp(t->cols[c].key, "code") && kind == CSV_NOTICES) {
			snprintf(buf, sizeof buf, "%s",
				 zh ? "通报的文号，如 内网信通〔2026〕77号"
				    : "the notice's number, e.g. 内网信通〔2026〕77号");
		}
		if (buf[0])
			worksheet_write_string(ws, row, 2, buf, NULL);
		row++;
	}
	snprintf(path, sizeof path, "docs/templates/%s.csv", csv_kind_code(kind));
	ex = embed_find(path);
	if (!ex)
		return;
	row++;
	worksheet_write_string(ws, row++, 0,
			       zh ? "示例（请在第一张工作表中填写，不要把示例行一并导入）："
				  : "Example (fill in the first sheet; the example is not imported):",
			       bold);
	/* the example's own header line, then its rows */
	for (const char *p = ex->data, *end = ex->data + ex->len; p < end; row++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *cell[64];
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p), n;

		if (!strncmp(p, "\xEF\xBB\xBF", 3)) { /* the byte order mark */
			p += 3;
			len -= 3;
		}
		n = example_cells(p, len, buf, sizeof buf, cell, 64);
		for (size_t c = 0; c < n; c++)
			if (cell[c][0])
				worksheet_write_string(ws, row, (lxw_col_t)c, cell[c],
						       p == ex->data + 3 || p == ex->data ? bold
											  : NULL);
		p = nl ? nl + 1 : end;
	}
}

enum cd_err csv_template_xlsx(const char *path, enum csv_kind kind, enum csv_lang lang,
			      struct cd_diag *d)
{
	const struct csv_template *t = &csv_templates[kind];
	lxw_col_t at = 0; /* the sheet's column: a derived one has none */
	bool zh = lang == CSV_LANG_ZH;
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, zh ? csv_kind_zh(kind) : csv_kind_code(kind))
			       : NULL;
	lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
	lxw_format *text = wb ? workbook_add_format(wb) : NULL;

	if (!wb)
		return cd_diag_set(d, CD_EIO, "%s: cannot create the workbook", path);
	if (!ws || !bold || !text) {
		workbook_close(wb);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	format_set_bold(bold);
	format_set_num_format(text, "@"); /* codes such as 0012 keep their zeros */
	for (size_t c = 0; c < t->ncols; c++, at++) {
		const char *v[CHOICES_MAX + 1] = {0};
		size_t n = choices(kind, (int)c, lang, v);
		const char *head = zh ? t->cols[c].zh : t->cols[c].key;
		char name[128];

		if (t->cols[c].derived) {
			at--;
			continue;
		}
		snprintf(name, sizeof name, "%s%s", head, t->cols[c].required ? "*" : "");
		/* a CJK character is about two widths of a Latin one */
		worksheet_set_column(ws, at, at,
				     (double)(strlen(name) < 8 ? 10 : strlen(name) * 2 / 3 + 4),
				     n || is_date(&t->cols[c]) ? NULL : text);
		worksheet_write_string(ws, 0, at, name, bold);
		if (n) {
			/* libxlsxwriter 1.1 declares the list char ** though it only reads it */
			char *list[CHOICES_MAX + 1] = {0};
			lxw_data_validation dv = {
				.validate = LXW_VALIDATION_TYPE_LIST,
				.value_list = list,
				.error_title = zh ? "请从列表中选择" : "Pick from the list",
				.error_message = zh ? "该列只能填写下拉列表中的值。"
						    : "This column takes one of the listed values.",
			};

			for (size_t i = 0; i < n; i++)
				list[i] = (char *)(uintptr_t)v[i];
			worksheet_data_validation_range(ws, 1, at, TEMPLATE_ROWS, at, &dv);
		}
	}
	worksheet_freeze_panes(ws, 1, 0);
	explain(wb, bold, t, kind, lang);
	if (workbook_close(wb) != LXW_NO_ERROR)
		return cd_diag_set(d, CD_EIO, "%s: the workbook could not be written", path);
	return CD_OK;
}
