/* profile.c — lookups over a loaded policy profile. */
#include "profile.h"
#include "names.h"

#include <stdlib.h>
#include <string.h>

void profile_free(struct profile *p)
{
	if (!p)
		return;
	arena_free(p->arena);
	free(p);
}

const struct profile_role *profile_role(const struct profile *p, enum role role)
{
	for (size_t i = 0; i < p->nroles; i++)
		if (p->roles[i].role == role)
			return &p->roles[i];
	return NULL;
}

const struct profile_trigger *profile_trigger(const struct profile *p, const char *id)
{
	for (size_t i = 0; i < p->ntriggers; i++)
		if (!strcmp(p->triggers[i].id, id))
			return &p->triggers[i];
	return NULL;
}

const struct profile_duty *profile_duty(const struct profile *p, const char *id)
{
	for (size_t i = 0; i < p->nduties; i++)
		if (!strcmp(p->duties[i].id, id))
			return &p->duties[i];
	return NULL;
}

static const struct name records[RECORD__MAX] = {
	[RECORD_MEETING] = {"meeting", "会议", NULL},
	[RECORD_DRILL] = {"drill", "演练", NULL},
	[RECORD_TRAINING] = {"training", "培训", NULL},
	[RECORD_REPORT] = {"report", "报告", NULL},
	[RECORD_PLAN] = {"plan", "计划", "工作要点"},
	[RECORD_ASSESSMENT] = {"assessment", "检查考核", NULL},
	[RECORD_OTHER] = {"other", "其他", NULL},
};

NAMES(record_kind, enum record_kind, records, RECORD__MAX)

static const char *const periods[PERIOD__MAX][2] = {
	[PERIOD_YEAR] = {"year", "每年"},
	[PERIOD_HALF_YEAR] = {"half_year", "每半年"},
	[PERIOD_QUARTER] = {"quarter", "每季度"},
	[PERIOD_MONTH] = {"month", "每月"},
};

const char *period_code(enum period p)
{
	return (int)p >= 0 && p < PERIOD__MAX ? periods[p][0] : "?";
}

const char *period_label(enum period p)
{
	return (int)p >= 0 && p < PERIOD__MAX ? periods[p][1] : "?";
}

int period_parse(const char *s)
{
	for (int i = 0; i < PERIOD__MAX; i++)
		if (!strcmp(s, periods[i][0]))
			return i;
	return -1;
}
