/* test_assess.c — the yearly assessment's scoring (core/assess.c) and its templates
 * (profile/assess_load.c): every rule kind at each threshold edge, the cap, the floor of a
 * deduction, the bonus above its base, the veto and the exemption, the grade bands at their
 * edges; the built-in templates load; broken templates are refused with file:line. */
#include "testutil.h"

#include "core/assess.h"
#include "profile/assess_load.h"

static const char rules_yaml[] =
	"template: t\nprofile: p\ntitle: T\nsource: S\nfull: 100\nbonus_base: 80\n"
	"veto_grade: fail\n"
	"grades:\n"
	"  - {code: excellent, label: 优秀, min: 90}\n"
	"  - {code: good, label: 良好, min: 80}\n"
	"  - {code: pass, label: 合格, min: 60}\n"
	"  - {code: fail, label: 不合格, min: 0}\n"
	"groups:\n"
	"  - code: g\n"
	"    name: G\n"
	"    indicators:\n"
	"      - {code: lv, name: L, rule: level, measure: meetings, weight: 10, steps: [{min: 2, "
	"p: 1}, {min: 1, p: 0.5}], evidence: e, basis: b}\n"
	"      - {code: cov, name: C, rule: coverage, measure: officer_coverage, weight: 20, "
	"steps: [{min: 90, p: 1}, {min: 70, p: 0.5}], evidence: e, basis: b}\n"
	"      - {code: prop, name: P, rule: coverage, measure: mlps_filed, weight: 10, "
	"proportional: true, evidence: e, basis: b}\n"
	"      - {code: per, name: I, rule: per_item, measure: trainings, weight: 6, per: 2.5, "
	"evidence: e, basis: b}\n"
	"      - {code: ded, name: D, rule: deduct, measure: notices_late, weight: 10, per: 3, "
	"evidence: e, basis: b}\n"
	"      - {code: man, name: M, rule: level, weight: 44, evidence: e, basis: b}\n"
	"      - {code: bon, name: B, rule: bonus, weight: 5, per: 1, evidence: e, basis: b}\n"
	"      - {code: veto, name: V, rule: veto, measure: major_incidents, evidence: e, "
	"basis: b}\n";

static struct assess_tpl *load(const char *yaml)
{
	struct cd_diag d = {{0}};
	struct assess_tpl *t = NULL;

	if (assess_load_buffer(yaml, strlen(yaml), "t.yaml", &t, &d))
		fail_msg("%s", d.msg);
	return t;
}

#define CNT(x)      {AV_COUNT, x, 0, false}
#define SHR(x, y)   {AV_SHARE, x, y, false}
#define LVL(x)      {AV_LEVEL, x, 0, false}
#define EXEMPT(x)   {AV_COUNT, x, 0, true}
#define EXEMPT_ONLY {AV_NONE, 0, 0, true}

/* One indicator, one value: P and the score, in hundredths. */
static void each_rule(void **state)
{
	static const struct {
		const char *ind;
		struct assess_value v;
		int64_t p, score;
	} cases[] = {
		{"lv", CNT(0), 0, 0},         {"lv", CNT(1), 50, 500},
		{"lv", CNT(2), 100, 1000},    {"lv", CNT(3), 100, 1000},
		{"lv", LVL(50), 50, 500},     {"lv", LVL(100), 100, 1000},
		{"cov", SHR(699, 1000), 0, 0}, {"cov", SHR(7, 10), 50, 1000},
		{"cov", SHR(70, 100), 50, 1000}, {"cov", SHR(899, 1000), 50, 1000},
		{"cov", SHR(9, 10), 100, 2000}, {"cov", SHR(10, 10), 100, 2000},
		{"cov", SHR(0, 0), 100, 2000}, /* nothing to cover: full */
		{"cov", SHR(0, 5), 0, 0},
		{"prop", SHR(1, 3), 33, 330},  {"prop", SHR(2, 2), 100, 1000},
		{"prop", SHR(0, 0), 100, 1000}, {"prop", SHR(0, 4), 0, 0},
		{"per", CNT(0), 100, 0},       {"per", CNT(1), 100, 250},
		{"per", CNT(2), 100, 500},     {"per", CNT(3), 100, 600}, /* capped at V */
		{"ded", CNT(0), 100, 1000},    {"ded", CNT(1), 100, 700},
		{"ded", CNT(3), 100, 100},     {"ded", CNT(4), 100, 0}, /* 扣完为止 */
		{"ded", EXEMPT(5), 100, 1000}, /* 免责: not deducted */
		{"man", LVL(0), 0, 0},         {"man", LVL(50), 50, 2200},
		{"man", LVL(100), 100, 4400},
		{"bon", CNT(2), 100, 200},     {"bon", CNT(9), 100, 500},
		{"bon", EXEMPT(2), 0, 0},
		/* the edges next to those above: one short of each step and cap, the floor and
		 * the cap met exactly, a share that does not divide (P rounds down) */
		{"lv", LVL(0), 0, 0},          {"ded", CNT(2), 100, 400},
		{"bon", CNT(4), 100, 400},     {"bon", CNT(5), 100, 500}, /* at its cap */
		{"bon", CNT(0), 100, 0},       {"prop", SHR(2, 3), 66, 660},
		{"prop", SHR(999, 1000), 99, 990},
		{"cov", SHR(69, 100), 0, 0},   {"cov", SHR(89, 100), 50, 1000},
		/* 免责 of each scored rule, with no value entered or a poor one: full marks */
		{"lv", EXEMPT_ONLY, 100, 1000}, {"cov", EXEMPT_ONLY, 100, 2000},
		{"prop", EXEMPT_ONLY, 100, 1000}, {"per", EXEMPT_ONLY, 100, 600},
		{"man", EXEMPT_ONLY, 100, 4400}, {"cov", {AV_SHARE, 1, 10, true}, 100, 2000},
		{"man", {AV_LEVEL, 0, 0, true}, 100, 4400},
	};
	struct assess_tpl *t = load(rules_yaml);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct assess_value v[16] = {{0}};
		struct assess_item it[16];
		struct assess_total r;
		int k = assess_find(&t->t, cases[i].ind);

		assert_true(k >= 0);
		v[k] = cases[i].v;
		assert_null(assess_value_check(&t->t.ind[k], &v[k]));
		assess_score(&t->t, v, it, &r);
		if (it[k].p != cases[i].p || it[k].score != cases[i].score)
			fail_msg("case %zu (%s): p %lld score %lld, want %lld %lld", i, cases[i].ind,
				 (long long)it[k].p, (long long)it[k].score, (long long)cases[i].p,
				 (long long)cases[i].score);
		/* the others are missing, but for the bonus and the veto (none when not entered) */
		assert_int_equal(r.missing, t->t.nind - 2 - (cases[i].ind[0] != 'b'));
	}
	assess_tpl_free(t);
}

/* Values a rule does not take. */
static void value_check(void **state)
{
	static const struct {
		const char *ind;
		struct assess_value v;
		bool ok;
	} cases[] = {
		{"man", LVL(30), false},  {"man", LVL(50), true},  {"man", CNT(1), false},
		{"lv", CNT(-1), false},   {"cov", SHR(3, 2), false}, {"cov", CNT(3), false},
		{"cov", SHR(2, 3), true}, {"ded", SHR(1, 2), false}, {"veto", CNT(1), true},
		{"veto", LVL(100), false}, {"per", CNT(0), true},
	};
	struct assess_tpl *t = load(rules_yaml);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int k = assess_find(&t->t, cases[i].ind);

		if ((assess_value_check(&t->t.ind[k], &cases[i].v) == NULL) != cases[i].ok)
			fail_msg("case %zu (%s)", i, cases[i].ind);
	}
	assess_tpl_free(t);
}

/* Totals and grades: a manual per_item dials the base to the hundredth. */
static const char dial_yaml[] =
	"template: d\nprofile: p\ntitle: T\nsource: S\nfull: 100\nbonus_base: 80\n"
	"veto_grade: fail\n"
	"grades:\n"
	"  - {code: excellent, label: 优秀, min: 90}\n"
	"  - {code: good, label: 良好, min: 80}\n"
	"  - {code: pass, label: 合格, min: 60}\n"
	"  - {code: fail, label: 不合格, min: 0}\n"
	"groups:\n"
	"  - code: g\n"
	"    name: G\n"
	"    indicators:\n"
	"      - {code: a, name: A, rule: per_item, weight: 100, per: 0.01, evidence: e, basis: b}\n"
	"      - {code: b, name: B, rule: bonus, weight: 5, per: 1, evidence: e, basis: b}\n"
	"      - {code: v, name: V, rule: veto, evidence: e, basis: b}\n";

static void totals(void **state)
{
	static const struct {
		int64_t a, bonus, veto;
		bool exempt_veto;
		int64_t total;
		const char *grade;
		bool counted;
	} cases[] = {
		{9000, 0, 0, false, 9000, "excellent", false},
		{8999, 0, 0, false, 8999, "good", false},
		{8000, 0, 0, false, 8000, "good", false},
		{7999, 0, 0, false, 7999, "pass", false},
		{6000, 0, 0, false, 6000, "pass", false},
		{5999, 0, 0, false, 5999, "fail", false},
		{0, 0, 0, false, 0, "fail", false},
		{7999, 5, 0, false, 7999, "pass", false},   /* base below 80: the bonus waits */
		{8000, 5, 0, false, 8500, "good", true},    /* at 80 it counts */
		{8600, 4, 0, false, 9000, "excellent", true},
		{10000, 9, 0, false, 10500, "excellent", true}, /* capped at its V */
		{10000, 0, 1, false, 10000, "fail", false}, /* 一票否决 whatever the score */
		{10000, 5, 2, false, 10500, "fail", true},
		{10000, 0, 1, true, 10000, "excellent", false}, /* exempted: no veto */
	};
	struct assess_tpl *t = load(dial_yaml);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct assess_value v[3] = {CNT(cases[i].a), CNT(cases[i].bonus), CNT(cases[i].veto)};
		struct assess_item it[3];
		struct assess_total r;

		v[2].exempt = cases[i].exempt_veto;
		assess_score(&t->t, v, it, &r);
		if (r.total != cases[i].total || strcmp(t->t.grades[r.grade].code, cases[i].grade) ||
		    r.bonus_counted != cases[i].counted)
			fail_msg("case %zu: total %lld grade %s, want %lld %s", i, (long long)r.total,
				 t->t.grades[r.grade].code, (long long)cases[i].total,
				 cases[i].grade);
		assert_int_equal(r.vetoed, cases[i].veto > 0 && !cases[i].exempt_veto);
		assert_int_equal(r.missing, 0);
	}
	{ /* nothing entered: every indicator missing, 0 and the lowest band */
		struct assess_value v[3] = {{0}};
		struct assess_item it[3];
		struct assess_total r;

		assess_score(&t->t, v, it, &r);
		assert_int_equal(r.missing, 1);
		assert_int_equal(r.total, 0);
		assert_string_equal(t->t.grades[r.grade].code, "fail");
	}
	assess_tpl_free(t);
}

static void fmt(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(assess_fmt(9250, b, sizeof b), "92.5");
	assert_string_equal(assess_fmt(9000, b, sizeof b), "90");
	assert_string_equal(assess_fmt(5, b, sizeof b), "0.05");
	assert_string_equal(assess_fmt(-300, b, sizeof b), "-3");
	assert_string_equal(assess_fmt(1234, b, sizeof b), "12.34");
}

static void builtins(void **state)
{
	static const char *const ids[] = {"central-2017", "yantai-fao-2021", "imnu-2022"};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct cd_diag d = {{0}};
		struct assess_tpl *t = NULL;

		if (assess_builtin(ids[i], &t, &d))
			fail_msg("%s", d.msg);
		assert_string_equal(t->t.profile, ids[i]);
		assert_int_equal(t->t.full, 10000);
		assert_int_equal(t->t.ngrades, 4);
		assert_string_equal(t->t.grades[0].label, "优秀");
		assert_int_equal(t->t.grades[0].min, 9000);
		assert_string_equal(t->t.grades[t->t.veto_grade].label, "不合格");
		/* every rule kind is used, and every indicator says what evidence it needs */
		for (int r = 0; r < ASR__MAX; r++) {
			bool used = false;

			for (size_t k = 0; k < t->t.nind; k++)
				used |= t->t.ind[k].rule == (enum assess_rule)r;
			if (!used)
				fail_msg("%s: no %s indicator", ids[i], assess_rule_code((enum assess_rule)r));
		}
		for (size_t k = 0; k < t->t.nind; k++)
			assert_true(strlen(t->t.ind[k].evidence) > 3);
		assess_tpl_free(t);
	}
	{
		struct cd_diag d = {{0}};
		struct assess_tpl *t = NULL;

		assert_int_equal(assess_builtin("nope", &t, &d), CD_ENOTFOUND);
		assert_null(t);
	}
}

/* A broken template is refused with the file, the line and what is wrong. */
static void refused(void **state)
{
	static const struct {
		const char *from, *to, *msg;
	} cases[] = {
		{"full: 100", "full: 100\nfoo: 1", "t.yaml:6: unknown key \"foo\" in the template"},
		{"weight: 44", "weight: 43", "t.yaml:14: the weights of the scored indicators add up to "
					     "99, not the full score 100"},
		{"min: 80}", "min: 95}", "t.yaml:10: grade bands go from the highest down"},
		{"veto_grade: fail", "veto_grade: bad", "t.yaml:7: veto_grade \"bad\" is none of the "
							"grades"},
		{"proportional: true, ", "", "t.yaml:19: a coverage indicator needs steps, or "
					     "proportional: true"},
		{"measure: mlps_filed", "measure: meetings", "t.yaml:19: measure \"meetings\" is a "
							     "count: coverage takes a share"},
		{"{min: 1, p: 0.5}", "{min: 1, p: 0.3}", "t.yaml:17: a level's P is 1, 0.5 or 0"},
		{"per: 2.5", "per: 2.555", "t.yaml:20: \"per\" must be a number with at most two "
					   "decimals, not \"2.555\""},
		{"rule: deduct", "rule: subtract", "t.yaml:21: unknown rule \"subtract\""},
		{"measure: trainings", "measure: trainingz", "t.yaml:20: unknown measure "
							     "\"trainingz\""},
		{"code: man", "code: lv", "t.yaml:22: indicator \"lv\" given twice"},
		{"min: 0}", "min: 1}", "t.yaml:12: the lowest grade band must start at 0"},
		{"name: M, rule: level, weight: 44", "name: M, rule: level, weight: 44, per: 1",
		 "t.yaml:22: \"per\" belongs to per_item, deduct and bonus"},
		{"evidence: e, basis: b}\n      - {code: bon", "basis: b}\n      - {code: bon",
		 "t.yaml:22: missing key \"evidence\""},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char buf[4096];
		const char *p = strstr(rules_yaml, cases[i].from);
		struct cd_diag d = {{0}};
		struct assess_tpl *t = NULL;
		size_t k;

		assert_non_null(p);
		k = (size_t)(p - rules_yaml);
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)k, rules_yaml, cases[i].to,
			 p + strlen(cases[i].from));
		if (assess_load_buffer(buf, strlen(buf), "t.yaml", &t, &d) != CD_EINVAL)
			fail_msg("case %zu accepted", i);
		if (!strstr(d.msg, cases[i].msg))
			fail_msg("case %zu: %s\nwant: %s", i, d.msg, cases[i].msg);
		assert_null(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_rule), cmocka_unit_test(value_check), cmocka_unit_test(totals),
		cmocka_unit_test(fmt),       cmocka_unit_test(builtins),    cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
