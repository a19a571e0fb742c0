/* csv_export.c — register → CSV with the template's English headers; libcsv quotes fields. */
#include "csv_export.h"

#include <csv.h>
#include <stdio.h>
#include <string.h>

#include "io/csv_int.h"

struct out {
	FILE *f;
	int first;
	int bad;
};

static void put(struct out *o, const char *s)
{
	if (!o->first && fputc(',', o->f) == EOF)
		o->bad = 1;
	o->first = 0;
	if (s && csv_fwrite(o->f, s, strlen(s)) != 0)
		o->bad = 1;
}

static void end_row(struct out *o)
{
	if (fputs("\r\n", o->f) == EOF)
		o->bad = 1;
	o->first = 1;
}

static void put_date(struct out *o, cd_date t)
{
	char b[11];

	put(o, t == CD_DATE_NONE ? NULL : date_format(t, b));
}

static void put_unit(struct out *o, const struct reg *reg, int64_t id)
{
	const struct unit *u = id ? reg_unit(reg, id) : NULL;

	put(o, u ? u->code : NULL);
}

static void put_bool(struct out *o, bool b)
{
	put(o, b ? "1" : "0");
}

enum cd_err csv_export(const struct reg *reg, enum csv_kind kind, FILE *f, struct cd_diag *d)
{
	const struct csv_template *t = &csv_templates[kind];
	struct out o = {f, 1, 0};
	char level[2] = "0";

	for (size_t c = 0; c < t->ncols; c++)
		put(&o, t->cols[c].key);
	end_row(&o);
	if (kind == CSV_UNITS) {
		for (size_t i = 0; i < reg->nunits; i++) {
			const struct unit *u = &reg->units[i];

			put(&o, u->code);
			put(&o, u->name);
			put_unit(&o, reg, u->parent);
			put(&o, unit_kind_code(u->kind));
			end_row(&o);
		}
	} else if (kind == CSV_PEOPLE) {
		for (size_t i = 0; i < reg->npeople; i++) {
			const struct person *p = &reg->people[i];

			put(&o, p->code);
			put(&o, p->name);
			put_unit(&o, reg, p->unit);
			put(&o, p->title);
			put(&o, p->phone);
			put(&o, p->email);
			end_row(&o);
		}
	} else if (kind == CSV_DUTIES) {
		for (size_t i = 0; i < reg->nduties; i++) {
			const struct duty *du = &reg->duties[i];
			const struct person *p = reg_person(reg, du->person);
			const struct asset *a = du->asset ? reg_asset(reg, du->asset) : NULL;

			put(&o, p ? p->code : NULL);
			put(&o, role_code(du->role));
			put_unit(&o, reg, du->unit);
			put(&o, a ? a->code : NULL);
			put_date(&o, du->from);
			put_date(&o, du->to);
			put(&o, du->note);
			end_row(&o);
		}
	} else {
		for (size_t i = 0; i < reg->nassets; i++) {
			const struct asset *a = &reg->assets[i];

			put(&o, a->code);
			put(&o, a->name);
			put(&o, asset_kind_code(a->kind));
			put(&o, a->url);
			put_unit(&o, reg, a->rel[REL_BUILDER]);
			put_unit(&o, reg, a->rel[REL_USER]);
			put_unit(&o, reg, a->rel[REL_MANAGER]);
			put_unit(&o, reg, a->rel[REL_OPERATOR]);
			put(&o, a->maintainer);
			level[0] = (char)('0' + a->mlps_level);
			put(&o, level);
			put_date(&o, a->graded_on);
			put(&o, a->filing_no);
			put_date(&o, a->filed_on);
			put_date(&o, a->assessed_on);
			put(&o, assess_result_code(a->assess_result));
			put_bool(&o, a->cii);
			put_bool(&o, a->internet_facing);
			put_bool(&o, a->personal_info);
			put_bool(&o, a->protection_installed);
			put(&o, asset_status_code(a->status));
			put(&o, a->admin_level);
			put(&o, a->software);
			end_row(&o);
		}
	}
	if (o.bad || fflush(f) != 0)
		return cd_diag_set(d, CD_EIO, "writing the CSV failed");
	return CD_OK;
}
