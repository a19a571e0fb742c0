/* holidays.h — reads an official holiday calendar in the JSON shape of data/cn-holidays.json
 * ({"notices": {"YEAR": [source, …]}, "days": [{"date", "name", "kind": "off"|"work"}]}) with
 * jansson. The keys of "notices" are the years the file gives an official calendar for; a day
 * may lie in a neighbouring year (the 2023 notice lists 2022-12-31). */
#ifndef CD_HOLIDAYS_H
#define CD_HOLIDAYS_H

#include <stddef.h>

#include "core/arena.h"
#include "core/calendar.h"
#include "core/err.h"

struct holidays {
	struct calendar_entry *days;
	size_t ndays, capdays;
	int year_from, year_to; /* the years of "notices"; contiguous */
	const char *source;     /* the notices' sources, one per line */
};

/* holidays_parse reads len bytes of JSON named `file` into *out; the days and strings live in
 * arena a. CD_EINVAL with "FILE: days[I].FIELD: what is wrong" when the shape is wrong (the
 * calendar rules themselves are checked by calendar_new); CD_ENOMEM. */
enum cd_err holidays_parse(const char *buf, size_t len, const char *file, struct arena *a,
			   struct holidays *out, struct cd_diag *d);

#endif
