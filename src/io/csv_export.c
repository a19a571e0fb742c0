/* csv_export.c — register records → CSV (see csv_export.h); libcsv quotes fields. */
#include "csv_export.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "io/csv_int.h"

int csv_lang_parse(const char *s)
{
	return !strcmp(s, "zh") ? CSV_LANG_ZH : !strcmp(s, "en") ? CSV_LANG_EN : -1;
}

static void put(struct csv_out *o, const char *s)
{
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

static void end_row(struct csv_out *o)
{
	if (fputs("\r\n", o->f) == EOF)
		o->bad = true;
	o->first = true;
}

static void put_date(struct csv_out *o, cd_date t)
{
	char b[11];

	put(o, t == CD_DATE_NONE ? NULL : date_format(t, b));
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
	char level[2] = {(char)('0' + a->mlps_level), '\0'};

	put(o, a->code);
	put(o, a->name);
	put_name(o, asset_kind_label(a->kind), asset_kind_code(a->kind));
	put(o, a->url);
	put(o, r->unit_code[REL_BUILDER]);
	put(o, r->unit_code[REL_USER]);
	put(o, r->unit_code[REL_MANAGER]);
	put(o, r->unit_code[REL_OPERATOR]);
	put(o, a->maintainer);
	put(o, level);
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
	end_row(o);
}

enum cd_err csv_out_end(struct csv_out *o, struct cd_diag *d)
{
	if (o->bad || fflush(o->f) != 0)
		return cd_diag_set(d, CD_EIO, "writing the CSV failed");
	return CD_OK;
}
