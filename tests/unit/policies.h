/* policies.h — the three built-in policy profiles, the official calendar and the incident data,
 * opened once per test executable (cmocka group setup and teardown), for the tests that read the
 * engine against the seed policies (test_reading.c, test_duties.c). Header-only: each test is
 * one executable. */
#ifndef CD_POLICIES_H
#define CD_POLICIES_H

#include "core/incident.h"
#include "io/calendar_load.h"
#include "io/incident_data.h"
#include "profile/profile_load.h"

static struct profile *central, *yantai, *imnu;
static struct calendar *cal;
static struct arena *data;
static struct grade_rules rules;
static struct incident_classes classes;

static int policies_setup(void **state)
{
	struct cd_diag d = {{0}};

	(void)state;
	data = arena_new(0);
	if (profile_open("central-2017", &central, &d) ||
	    profile_open("yantai-fao-2021", &yantai, &d) || profile_open("imnu-2022", &imnu, &d) ||
	    calendar_from_data(NULL, &cal, &d) ||
	    incident_data_builtin(data, &rules, &classes, &d)) {
		print_error("setup: %s\n", d.msg);
		return -1;
	}
	return 0;
}

static int policies_teardown(void **state)
{
	(void)state;
	profile_free(central);
	profile_free(yantai);
	profile_free(imnu);
	calendar_free(cal);
	arena_free(data);
	return 0;
}

static const struct profile *profile_named(const char *id)
{
	if (!strcmp(id, "central-2017"))
		return central;
	if (!strcmp(id, "yantai-fao-2021"))
		return yantai;
	assert_string_equal(id, "imnu-2022");
	return imnu;
}

#endif
