/* test_profile.c — policy profiles: the three built-ins load with every trigger of their seed,
 * and a table of broken profiles is refused with "file:line: what is wrong". */
#include "testutil.h"

#include "profile/profile_load.h"

static void builtins(void **state)
{
	static const struct {
		const char *id;
		const char *triggers[10];
		int rectify, repeat, paralysis, budget, drills;
		const char *chain_article;
	} cases[] = {
		{"central-2017",
		 {"8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"},
		 PROFILE_NUMBER_NONE, PROFILE_NUMBER_NONE, 6, PROFILE_NUMBER_NONE,
		 PROFILE_NUMBER_NONE, "第八条"},
		{"yantai-fao-2021",
		 {"8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8"},
		 3, 3, 6, 5, PROFILE_NUMBER_NONE, "八、责任追究"},
		{"imnu-2022",
		 {"14.1", "14.2", "14.3", "14.4", "14.5", "14.6", "14.7", "14.8", "14.9"},
		 PROFILE_NUMBER_NONE, PROFILE_NUMBER_NONE, PROFILE_NUMBER_NONE,
		 PROFILE_NUMBER_NONE, 1, "第十四条"},
	};
	(void)state;
	assert_int_equal(profile_builtin_count(), 3);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		struct profile *p = NULL;
		size_t n = 0;

		assert_int_equal(profile_open(cases[i].id, &p, &d), CD_OK);
		assert_string_equal(p->id, cases[i].id);
		while (cases[i].triggers[n])
			n++;
		assert_int_equal(p->ntriggers, n);
		for (size_t t = 0; t < n; t++) {
			assert_string_equal(p->triggers[t].id, cases[i].triggers[t]);
			assert_true(strlen(p->triggers[t].text) > 6);
			assert_true(strlen(p->triggers[t].condition) > 3);
			assert_non_null(strstr(p->triggers[t].article, cases[i].chain_article));
		}
		assert_int_equal(p->numbers.rectify_workdays, cases[i].rectify);
		assert_int_equal(p->numbers.repeat_window_months, cases[i].repeat);
		assert_int_equal(p->numbers.paralysis_hours, cases[i].paralysis);
		assert_int_equal(p->numbers.budget_ratio_percent, cases[i].budget);
		assert_int_equal(p->numbers.drills_per_year, cases[i].drills);
		assert_string_equal(p->chain.article, cases[i].chain_article);
		assert_int_equal(p->mlps.filing_days, 30);
		/* every profile says who is first responsible, and requires one at the root */
		assert_non_null(profile_role(p, ROLE_FIRST_RESPONSIBLE));
		assert_true(profile_role(p, ROLE_FIRST_RESPONSIBLE)->required_at &
			    (1u << PROFILE_AT_ROOT));
		assert_true(p->nprinciples >= 1);
		profile_free(p);
	}
}

static void principles_per_seed(void **state)
{
	static const struct {
		const char *id;
		unsigned rels; /* bit mask over enum relation */
	} cases[] = {
		{"central-2017", 1u << REL_MANAGER},
		{"yantai-fao-2021", 1u << REL_BUILDER | 1u << REL_USER | 1u << REL_MANAGER},
		{"imnu-2022", 1u << REL_MANAGER | 1u << REL_OPERATOR | 1u << REL_USER},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct profile *p = NULL;
		unsigned got = 0;

		assert_int_equal(profile_open(cases[i].id, &p, NULL), CD_OK);
		for (size_t k = 0; k < p->nprinciples; k++)
			got |= 1u << p->principles[k].relation;
		assert_int_equal(got, cases[i].rels);
		profile_free(p);
	}
}

static char *minimal(size_t *len)
{
	char path[512];
	FILE *f = fopen(fixture(path, sizeof(path), "profiles/minimal.yaml"), "rb");
	char *buf = calloc(1, 8192);

	assert_non_null(f);
	*len = fread(buf, 1, 8191, f);
	fclose(f);
	return buf;
}

/* replace returns a copy of s with the first `from` replaced by `to` (which must occur). */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n;
	char *out;

	assert_non_null(at);
	n = strlen(s) - strlen(from) + strlen(to);
	out = malloc(n + 1);
	memcpy(out, s, (size_t)(at - s));
	memcpy(out + (at - s), to, strlen(to));
	memcpy(out + (at - s) + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
	return out;
}

static void minimal_loads(void **state)
{
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	size_t len;
	char *src = minimal(&len);
	(void)state;

	assert_int_equal(profile_load_buffer(src, len, "minimal.yaml", &p, &d), CD_OK);
	assert_int_equal(p->numbers.repeat_window_months, PROFILE_NUMBER_NONE);
	assert_int_equal(p->chain.coordinator, -1);
	assert_int_equal(p->duties[0].holder, UNIT_TECH_SUPPORT_CENTRE);
	assert_string_equal(p->mlps.article, "");
	profile_free(p);
	free(src);
}

static void broken(void **state)
{
	static const struct {
		const char *from, *to, *message;
	} cases[] = {
		{"id: minimal-test", "id: Minimal_Test",
		 "m.yaml:2: profile id \"Minimal_Test\" may only use a-z, 0-9 and -"},
		{"version: 1\n", "", "m.yaml:2: missing key \"version\""},
		{"version: 1", "version: zero",
		 "m.yaml:3: \"version\" must be a whole number in 1..2147483647"},
		{"level: other", "level: county",
		 "m.yaml:6: unknown level \"county\" (use national_template, municipal_office, "
		 "university or other)"},
		{"in_force: 2020-01-01", "in_force: 2020-02-30",
		 "m.yaml:7: \"in_force\" must be a date YYYY-MM-DD, not \"2020-02-30\""},
		{"issuer: 测试", "issuer: 测试\nissuerr: x", "m.yaml:6: unknown key \"issuerr\" in the profile"},
		{"  - id: first_responsible", "  - id: chief",
		 "m.yaml:9: unknown role id \"chief\""},
		{"    scope: unit", "    scope: region", "m.yaml:12: \"scope\" must be unit or asset"},
		{"    single: true", "    single: yes", "m.yaml:13: \"single\" must be true or false"},
		{"required_at: [root, department]", "required_at: [root, faculty]",
		 "m.yaml:14: unknown unit kind in \"required_at\""},
		{"required_at: [root, department]", "required_at: [external_authority]",
		 "m.yaml:14: an external authority cannot be required to hold a role"},
		{"  - relation: manager", "  - relation: owner", "m.yaml:16: unknown relation \"owner\""},
		{"rectify_workdays: 3", "rectify_workdays: -3",
		 "m.yaml:20: \"rectify_workdays\" must be a whole number in 1..365 or null"},
		{"  drills_per_year: 1\n", "", "m.yaml:20: missing key \"drills_per_year\""},
		{"filing_days: 30", "filing_days: null",
		 "m.yaml:27: \"filing_days\" must be a whole number in 1..3650"},
		{"    every: year", "    every: weekly", "m.yaml:35: unknown period \"weekly\""},
		{"holder: tech_support_centre", "holder: everyone",
		 "m.yaml:34: unknown holder \"everyone\""},
		{"unit_roles: [first_responsible]", "unit_roles: []",
		 "m.yaml:39: \"unit_roles\" must name at least one role"},
		{"coordinator: null", "coordinator: office",
		 "m.yaml:40: unknown unit kind \"office\" for \"coordinator\""},
		{"important: []", "important: [first_responsible]",
		 "m.yaml:42: a role cannot bear both main and important responsibility"},
		{"id: \"4.1\"", "id: \"4-1\"",
		 "m.yaml:46: trigger id \"4-1\" must be article.item, like \"8.1\""},
		{"    condition: other_serious", "    condition: \"\"",
		 "m.yaml:49: \"condition\" must not be empty"},
		{"    condition: other_serious", "    condition: [a, b]",
		 "m.yaml:49: \"condition\" must be a text"},
		{"    condition: other_serious", "    condition: other_serius",
		 "m.yaml:46: trigger 4.1: column 1: unknown fact \"other_serius\" (did you mean "
		 "\"other_serious\"?)"},
		{"    text: 发生其他严重危害网络安全行为的。\n", "",
		 "m.yaml:46: missing key \"text\""},
		{"triggers:\n", "triggers: []\nx:\n",
		 "m.yaml:46: unknown key \"x\" in the profile"},
		{"roles:\n", "roles: {\n", "m.yaml:9: YAML syntax"},
		{"id: minimal-test\n", "id: minimal-test\nid: again\n",
		 "m.yaml:3: key \"id\" given twice in the profile"},
	};
	size_t len;
	char *src = minimal(&len);
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		struct profile *p = (struct profile *)1;
		char *bad = replace(src, cases[i].from, cases[i].to);

		assert_int_equal(profile_load_buffer(bad, strlen(bad), "m.yaml", &p, &d), CD_EINVAL);
		assert_null(p);
		if (strncmp(d.msg, cases[i].message, strlen(cases[i].message))) {
			print_error("case %zu: got \"%s\"\n          want \"%s…\"\n", i, d.msg,
				    cases[i].message);
			fail();
		}
		free(bad);
	}
	free(src);
}

static void unknown_and_missing(void **state)
{
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	(void)state;

	assert_int_equal(profile_open("nowhere-2030", &p, &d), CD_ENOTFOUND);
	assert_non_null(strstr(d.msg, "unknown profile \"nowhere-2030\""));
	assert_int_equal(profile_open("/nonexistent/x.yaml", &p, &d), CD_EIO);
	assert_int_equal(profile_load_buffer("", 0, "e.yaml", &p, &d), CD_EINVAL);
	assert_string_equal(d.msg, "e.yaml:1: the profile is empty");
	assert_int_equal(profile_load_buffer("- a\n- b\n", 8, "l.yaml", &p, &d), CD_EINVAL);
	assert_non_null(strstr(d.msg, "l.yaml:1: a profile must be a mapping"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtins),
		cmocka_unit_test(principles_per_seed),
		cmocka_unit_test(minimal_loads),
		cmocka_unit_test(broken),
		cmocka_unit_test(unknown_and_missing),
	};
	return cmocka_run_group_tests_name("profile", tests, NULL, NULL);
}
