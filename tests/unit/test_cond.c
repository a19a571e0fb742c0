/* test_cond.c — the condition language: the fact vocabulary, a table of broken conditions with
 * their exact messages, tables of three-valued evaluations with the exact facts asked for, and
 * every trigger of the three built-in profiles fired, not fired and left to a person. */
#include "testutil.h"

#include <math.h>

#include "core/cond.h"
#include "core/fact.h"
#include "profile/profile_load.h"

/* set_facts fills f from a spec of space-separated words: "name" sets a bool fact true,
 * "!name" false, "name=value" a number or string fact. Every word must take. */
static void set_facts(struct facts *f, const char *spec)
{
	const char *w = spec;

	facts_init(f);
	while (*w) {
		size_t n = strcspn(w, " ");
		char word[256], *eq;
		bool neg = w[0] == '!';
		int id;

		assert_true(n < sizeof(word));
		memcpy(word, w, n);
		word[n] = '\0';
		w += n + strspn(w + n, " ");
		if (!n)
			continue;
		eq = strchr(word, '=');
		if (eq)
			*eq = '\0';
		id = fact_parse(word + neg);
		if (id < 0)
			fail_msg("spec \"%s\": no fact \"%s\"", spec, word + neg);
		if (!eq)
			assert_int_equal(facts_set_bool(f, (enum fact)id, !neg), CD_OK);
		else if (fact_type((enum fact)id) == FACT_NUMBER)
			assert_int_equal(facts_set_number(f, (enum fact)id, strtod(eq + 1, NULL)),
					 CD_OK);
		else
			assert_int_equal(facts_set_string(f, (enum fact)id, eq + 1), CD_OK);
	}
}

/* names joins the fact names of v[0..n) with spaces. */
static const char *names(const int *v, size_t n, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i ? " " : "",
				       fact_name((enum fact)v[i]));
	return buf;
}

static enum cond_value value_of(const char *s)
{
	if (!strcmp(s, "true"))
		return COND_TRUE;
	if (!strcmp(s, "false"))
		return COND_FALSE;
	assert_string_equal(s, "needs_judgement");
	return COND_NEEDS_JUDGEMENT;
}

/* expect_eval evaluates c over spec and compares value, need and (unless used is NULL) used. */
static void expect_eval(const char *what, const struct cond *c, const char *spec,
			const char *value, const char *need, const char *used)
{
	struct facts f;
	struct cond_result r;
	char got_need[1024], got_used[1024];
	enum cond_value v;

	set_facts(&f, spec);
	v = cond_eval(c, &f, &r);
	assert_int_equal(v, r.value);
	names(r.need, r.nneed, got_need, sizeof(got_need));
	names(r.used, r.nused, got_used, sizeof(got_used));
	if (r.value != value_of(value) || strcmp(got_need, need) ||
	    (used && strcmp(got_used, used))) {
		print_error("%s\n  facts: %s\n  got:  %s need [%s] used [%s]\n"
			    "  want: %s need [%s] used [%s]\n",
			    what, spec, cond_value_code(r.value), got_need, got_used, value, need,
			    used ? used : "*");
		fail();
	}
	/* the invariants every result keeps */
	assert_true(r.value == COND_NEEDS_JUDGEMENT ? r.nneed > 0 : r.nneed == 0);
	for (size_t i = 0; i < r.nneed; i++)
		assert_false(facts_known(&f, (enum fact)r.need[i]));
	for (size_t i = 0; i < r.nused; i++)
		assert_true(facts_known(&f, (enum fact)r.used[i]));
}

/* ---- the vocabulary ---- */

static void vocabulary(void **state)
{
	static const struct {
		const char *name;
		enum fact_type type;
	} some[] = {
		{"tampered", FACT_BOOL},	  {"paralysis_hours", FACT_NUMBER},
		{"asset.kind", FACT_STRING},	  {"asset.cii", FACT_BOOL},
		{"asset.admin_level", FACT_STRING}, {"other_serious", FACT_BOOL},
	};
	char kinds[256] = "";
	(void)state;

	for (int i = 0; i < FACT__MAX; i++) {
		assert_int_equal(fact_parse(fact_name((enum fact)i)), i);
		assert_true(strlen(fact_label((enum fact)i)) >= 6); /* two Chinese characters */
	}
	for (size_t i = 0; i < sizeof(some) / sizeof(some[0]); i++)
		assert_int_equal(fact_type((enum fact)fact_parse(some[i].name)), some[i].type);
	assert_int_equal(fact_parse("tamperd"), -1);
	assert_int_equal(fact_parse("Tampered"), -1);
	assert_int_equal(fact_parse(""), -1);
	assert_int_equal(fact_parse(NULL), -1);
	assert_int_equal(fact_parse_n("asset.kindx", 10), FACT_ASSET_KIND);
	assert_string_equal(fact_name(FACT__MAX), "?");
	assert_string_equal(fact_label((enum fact)-1), "?");
	assert_string_equal(fact_type_name(FACT_NUMBER), "number");
	/* asset.kind takes exactly the register's asset kind codes */
	for (int k = 0; k < ASSET__MAX; k++)
		snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds), "%s%s",
			 k ? ", " : "", asset_kind_code((enum asset_kind)k));
	assert_string_equal(fact_values(FACT_ASSET_KIND), kinds);
	assert_null(fact_values(FACT_ASSET_ADMIN_LEVEL));
	assert_null(fact_values(FACT_TAMPERED));
}

static void setters(void **state)
{
	struct facts f, zero = {0};
	char long_s[FACT_STRING_MAX + 2];
	(void)state;

	facts_init(&f);
	assert_memory_equal(&f, &zero, sizeof(f)); /* unset = unknown, and {0} is the same */
	for (int i = 0; i < FACT__MAX; i++)
		assert_false(facts_known(&f, (enum fact)i));
	assert_int_equal(facts_set_bool(&f, FACT_TAMPERED, false), CD_OK);
	assert_true(facts_known(&f, FACT_TAMPERED));
	assert_false(f.v[FACT_TAMPERED].b);
	assert_int_equal(facts_set_number(&f, FACT_PARALYSIS_HOURS, 6.5), CD_OK);
	assert_true(f.v[FACT_PARALYSIS_HOURS].num == 6.5);
	assert_int_equal(facts_set_string(&f, FACT_ASSET_KIND, "portal"), CD_OK);
	assert_string_equal(f.v[FACT_ASSET_KIND].str, "portal");
	assert_int_equal(facts_set_string(&f, FACT_ASSET_ADMIN_LEVEL, "县级"), CD_OK);
	/* wrong type, unknown id, NaN, a value outside a closed vocabulary, too long, NULL */
	assert_int_equal(facts_set_bool(&f, FACT_PARALYSIS_HOURS, true), CD_EINVAL);
	assert_int_equal(facts_set_number(&f, FACT_TAMPERED, 1), CD_EINVAL);
	assert_int_equal(facts_set_string(&f, FACT_ASSET_CII, "yes"), CD_EINVAL);
	assert_int_equal(facts_set_bool(&f, FACT__MAX, true), CD_EINVAL);
	assert_int_equal(facts_set_bool(&f, (enum fact)-1, true), CD_EINVAL);
	assert_int_equal(facts_set_number(&f, FACT_PARALYSIS_HOURS, NAN), CD_EINVAL);
	assert_int_equal(facts_set_string(&f, FACT_ASSET_KIND, "门户网站"), CD_EINVAL);
	assert_int_equal(facts_set_string(&f, FACT_ASSET_KIND, NULL), CD_EINVAL);
	memset(long_s, 'x', sizeof(long_s) - 1);
	long_s[sizeof(long_s) - 1] = '\0';
	assert_int_equal(facts_set_string(&f, FACT_ASSET_ADMIN_LEVEL, long_s), CD_EINVAL);
	long_s[FACT_STRING_MAX] = '\0';
	assert_int_equal(facts_set_string(&f, FACT_ASSET_ADMIN_LEVEL, long_s), CD_OK);
	assert_string_equal(f.v[FACT_ASSET_KIND].str, "portal"); /* failures changed nothing */
	assert_true(f.v[FACT_PARALYSIS_HOURS].num == 6.5);
	facts_unset(&f, FACT_TAMPERED);
	assert_false(facts_known(&f, FACT_TAMPERED));
	facts_unset(&f, FACT__MAX); /* ignored */
	assert_false(facts_known(&f, FACT__MAX));
}

/* ---- parse errors ---- */

/* repeat returns a[n] of n copies of s followed by tail, in buf. */
static const char *repeat(char *buf, size_t len, const char *s, int n, const char *tail)
{
	size_t at = 0;

	for (int i = 0; i < n; i++)
		at += (size_t)snprintf(buf + at, len - at, "%s", s);
	snprintf(buf + at, len - at, "%s", tail);
	return buf;
}

static void broken(void **state)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"", "column 1: empty condition"},
		{"  \n\t ", "column 1: empty condition"},
		{"tamperd", "column 1: unknown fact \"tamperd\" (did you mean \"tampered\"?)"},
		{"concealed or tampered and harmful_info", "column 27: unknown fact \"harmful_info\""},
		{"asset.kind == \"portal\" and xyz", "column 28: unknown fact \"xyz\""},
		{"tampered AND concealed",
		 "column 10: expected \"and\" or \"or\" before \"AND\""},
		{"Not tampered", "column 1: unknown fact \"Not\" (keywords are lower case: \"not\")"},
		{"paralysed < 5", "column 1: \"<\" compares numbers, but paralysed is a bool"},
		{"paralysis_hours >= \"6\"",
		 "column 20: \">=\" compares numbers, but \"6\" is a string"},
		{"asset.kind > 3", "column 1: \">\" compares numbers, but asset.kind is a string"},
		{"paralysis_hours == \"6\"",
		 "column 17: cannot compare paralysis_hours (a number) with \"6\" (a string)"},
		{"tampered == 1", "column 10: cannot compare tampered (a bool) with 1 (a number)"},
		{"tampered and paralysis_hours",
		 "column 14: \"and\" needs true/false, but paralysis_hours is a number"},
		{"asset.kind or tampered",
		 "column 1: \"or\" needs true/false, but asset.kind is a string"},
		{"not asset.admin_level",
		 "column 5: \"not\" needs true/false, but asset.admin_level is a string"},
		{"paralysis_hours",
		 "column 1: a condition must be true or false, but paralysis_hours is a number"},
		{"(\"portal\")", "column 2: a condition must be true or false, but \"portal\" is a string"},
		{"asset.kind in [\"portal\", 6]",
		 "column 26: 6 is a number, but the list holds strings"},
		{"paralysis_hours in [\"a\", \"b\"]",
		 "column 17: cannot look for paralysis_hours (a number) in a list of strings"},
		{"asset.kind in []", "column 16: empty list after \"in\""},
		{"asset.kind in [\"portal\",]",
		 "column 25: expected a value (a number, a string, true or false) in the list, "
		 "found \"]\""},
		{"asset.kind in [\"portal\" \"server\"]",
		 "column 25: expected \",\" or \"]\" in the list, found the string \"server\""},
		{"asset.kind in [portal]",
		 "column 16: expected a value (a number, a string, true or false) in the list, "
		 "found \"portal\""},
		{"asset.kind in \"portal\"",
		 "column 15: expected \"[\" after \"in\", found the string \"portal\""},
		{"asset.kind in [\"portal\", \"portl\"]",
		 "column 26: \"portl\" is not a value of asset.kind (portal, news_site, platform, "
		 "publicity_platform, info_system, server, infrastructure)"},
		{"\"门户网站\" == asset.kind",
		 "column 1: \"门户网站\" is not a value of asset.kind (portal, news_site, platform, "
		 "publicity_platform, info_system, server, infrastructure)"},
		{"(tampered or concealed", "column 23: expected \")\""},
		{"(tampered or concealed and", "column 27: expected a fact, a value, \"not\" or \"(\", "
					       "found the end of the condition"},
		{"((tampered) concealed)", "column 13: expected \")\""},
		{"tampered)", "column 9: unexpected \")\" without a matching \"(\""},
		{"()", "column 2: expected a fact, a value, \"not\" or \"(\", found \")\""},
		{"tampered and", "column 13: expected a fact, a value, \"not\" or \"(\", found the end "
				 "of the condition"},
		{"or tampered",
		 "column 1: expected a fact, a value, \"not\" or \"(\", found \"or\""},
		{"tampered concealed", "column 10: expected \"and\" or \"or\" before \"concealed\""},
		{"tampered == true false",
		 "column 18: expected \"and\" or \"or\" before \"false\""},
		{"paralysis_hours >= 6 >= 2",
		 "column 22: comparisons do not chain: join them with \"and\""},
		{"asset.kind == \"portal\" in [\"x\"]",
		 "column 24: comparisons do not chain: join them with \"and\""},
		{"asset.kind == \"portal", "column 15: unterminated string (a string ends with \" on "
					   "the line it starts)"},
		{"asset.kind == \"por\ntal\"", "column 15: unterminated string (a string ends with \" "
					       "on the line it starts)"},
		{"asset.admin_level == \"a\\nb\"",
		 "column 24: unknown escape \"\\n\" in a string (only \\\" and \\\\ are escapes)"},
		{"asset.admin_level == \"ab\\", "column 22: unterminated string (a string ends with \" "
						"on the line it starts)"},
		{"asset.admin_level == \"a\tb\"",
		 "column 24: control character U+0009 in a string"},
		{"paralysis_hours >= 6h", "column 21: unexpected character \"h\" right after a number"},
		{"paralysis_hours >= 6.", "column 22: expected a digit after \".\" in a number"},
		{"paralysis_hours >= .5", "column 20: unexpected character \".\""},
		{"paralysis_hours >= -1", "column 20: unexpected character \"-\""},
		{"paralysis_hours >= 1234567890123456",
		 "column 20: a number has at most 15 digits"},
		{"tampered && concealed", "column 10: unexpected \"&&\", write \"and\""},
		{"tampered || concealed", "column 10: unexpected \"||\", write \"or\""},
		{"asset.kind = \"portal\"", "column 12: unexpected \"=\", write \"==\" to compare"},
		{"!tampered", "column 1: unexpected \"!\", write \"not\" or \"!=\""},
		{"tampered @ x", "column 10: unexpected character \"@\""},
		{"asset.kind == “portal”",
		 "column 15: unexpected character \"“\", write straight quotes \"…\""},
		{"（tampered or concealed）", "column 1: unexpected character \"（\", write \"(\""},
		{"asset.kind in [\"portal\"， \"server\"]",
		 "column 24: unexpected character \"，\", write \",\""},
		/* columns count characters, not bytes, across lines */
		{"asset.admin_level == \"地市级\" and\n  tamperd",
		 "column 34: unknown fact \"tamperd\" (did you mean \"tampered\"?)"},
		{"asset.admin_level == \"地市级\" and 篡改", "column 32: unexpected character \"篡\""},
		/* invalid UTF-8: a stray continuation byte, a truncated sequence, an overlong "/",
		 * a surrogate, a code point beyond U+10FFFF */
		{"tampered or \x80", "column 13: invalid UTF-8 (byte 0x80)"},
		{"asset.admin_level == \"地\xE5\xB8\"", "column 24: invalid UTF-8 (byte 0xE5)"},
		{"tampered \xC0\xAF", "column 10: invalid UTF-8 (byte 0xC0)"},
		{"\"\xED\xA0\x80\"", "column 2: invalid UTF-8 (byte 0xED)"},
		{"\xF4\x90\x80\x80", "column 1: invalid UTF-8 (byte 0xF4)"},
		/* a lexical error after a type error: the type error, which comes first, is told */
		{"paralysed < 5 and \"x", "column 1: \"<\" compares numbers, but paralysed is a bool"},
	};
	struct arena *a = arena_new(0);
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		const struct cond *c = (const struct cond *)&d;
		enum cd_err rc = cond_parse(cases[i].text, a, &c, &d);

		if (rc != CD_EINVAL || strcmp(d.msg, cases[i].message)) {
			print_error("case %zu: %s\n  got:  %s %s\n  want: %s\n", i, cases[i].text,
				    cd_strerror(rc), d.msg, cases[i].message);
			fail();
		}
		assert_ptr_equal(c, &d); /* *out untouched */
	}
	arena_free(a);
}

/* limits: length, nesting, NUL bytes, a full arena. */
static void limits(void **state)
{
	static char buf[3 * COND_MAX_LEN];
	static const char wide[] = " or \"篡改\" == asset.admin_level"; /* 2 characters, 6 bytes */
	struct arena *a = arena_new(0), *tiny;
	struct cd_diag d = {{0}};
	const struct cond *c = NULL;
	(void)state;

	/* COND_MAX_DEPTH parentheses or "not"s are fine, one more is not */
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "(", COND_MAX_DEPTH, "tampered"), a, &c,
				    &d),
			 CD_EINVAL); /* unbalanced, but deep enough to pass the limit */
	assert_string_equal(d.msg, "column 73: expected \")\"");
	memset(buf, '(', COND_MAX_DEPTH);
	snprintf(buf + COND_MAX_DEPTH, sizeof(buf) - COND_MAX_DEPTH, "tampered");
	memset(buf + COND_MAX_DEPTH + 8, ')', COND_MAX_DEPTH);
	buf[2 * COND_MAX_DEPTH + 8] = '\0';
	assert_int_equal(cond_parse(buf, a, &c, &d), CD_OK);
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "(", COND_MAX_DEPTH + 1, "tampered)"), a,
				    &c, &d),
			 CD_EINVAL);
	assert_string_equal(d.msg, "column 65: nested more than 64 levels deep");
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "not ", COND_MAX_DEPTH, "tampered"), a,
				    &c, &d),
			 CD_OK);
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "not ", COND_MAX_DEPTH + 1, "tampered"),
				    a, &c, &d),
			 CD_EINVAL);
	assert_string_equal(d.msg, "column 257: nested more than 64 levels deep");
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "not (", 40, "tampered"), a, &c, &d),
			 CD_EINVAL);
	assert_string_equal(d.msg, "column 161: nested more than 64 levels deep");
	/* hostile nesting far beyond the limit stops at the limit */
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "(", 4000, ""), a, &c, &d), CD_EINVAL);
	assert_string_equal(d.msg, "column 65: nested more than 64 levels deep");
	/* a long flat chain is not nesting */
	assert_int_equal(cond_parse(repeat(buf, sizeof(buf), "tampered or ", 340, "concealed"), a,
				    &c, &d),
			 CD_OK);

	/* COND_MAX_LEN bytes are fine, one more is not; the column counts characters */
	memset(buf, ' ', COND_MAX_LEN);
	memcpy(buf, "tampered", 8);
	buf[COND_MAX_LEN] = '\0';
	assert_int_equal(cond_parse(buf, a, &c, &d), CD_OK);
	buf[COND_MAX_LEN] = ' ';
	buf[COND_MAX_LEN + 1] = '\0';
	assert_int_equal(cond_parse(buf, a, &c, &d), CD_EINVAL);
	assert_string_equal(d.msg, "column 4097: the condition is longer than 4096 bytes");
	memcpy(buf + 8, wide, strlen(wide));
	assert_int_equal(cond_parse(buf, a, &c, &d), CD_EINVAL);
	assert_string_equal(d.msg, "column 4093: the condition is longer than 4096 bytes");

	/* cond_parse_n: a length, and a NUL byte is an error */
	assert_int_equal(cond_parse_n("tampered or x", 8, a, &c, &d), CD_OK);
	assert_int_equal(cond_parse_n("tampered\0 or x", 14, a, &c, &d), CD_EINVAL);
	assert_string_equal(d.msg, "column 9: NUL byte in the condition");
	assert_int_equal(cond_parse(NULL, a, &c, &d), CD_EINVAL);
	assert_string_equal(d.msg, "column 1: empty condition");

	/* a full arena */
	tiny = arena_new(16);
	assert_int_equal(cond_parse("tampered", tiny, &c, &d), CD_ENOMEM);
	assert_string_equal(d.msg, "out of memory");
	assert_int_equal(cond_parse("\"a\" == asset.admin_level", tiny, &c, &d), CD_ENOMEM);
	assert_string_equal(d.msg, "out of memory");
	arena_free(tiny);
	arena_free(a);
}

/* what parses, and the facts it mentions */
static void parses(void **state)
{
	static const struct {
		const char *text, *facts;
	} cases[] = {
		{"tampered", "tampered"},
		{"true", ""},
		{"not false", ""},
		{"\n  tampered\r\n\tand\nconcealed\n", "tampered concealed"},
		{"paralysis_hours >= 6.25 and 0.5 < paralysis_hours", "paralysis_hours"},
		{"paralysis_hours == 007", "paralysis_hours"},
		{"asset.kind in [\"portal\"] or asset.kind != \"server\"", "asset.kind"},
		{"asset.admin_level == \"地市级以上\"", "asset.admin_level"},
		{"asset.admin_level == \"say \\\"hi\\\" \\\\\"", "asset.admin_level"},
		{"asset.admin_level in [\"a\", \"\"]", "asset.admin_level"},
		{"paralysis_hours in [1, 2.5, 6]", "paralysis_hours"},
		{"tampered in [true]", "tampered"},
		{"(tampered or concealed) == false", "tampered concealed"},
		{"\"a\" == \"b\" or 1 < 2", ""},
		{"not not tampered", "tampered"},
		{"concealed or (tampered and not concealed) or tampered", "concealed tampered"},
		{"asset.cii==true and(paralysis_hours>=6)", "asset.cii paralysis_hours"},
	};
	struct arena *a = arena_new(0);
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		const struct cond *c = NULL;
		int v[FACT__MAX];
		char got[512];

		if (cond_parse(cases[i].text, a, &c, &d)) {
			print_error("case %zu: %s\n  %s\n", i, cases[i].text, d.msg);
			fail();
		}
		assert_string_equal(names(v, cond_facts(c, v), got, sizeof(got)), cases[i].facts);
	}
	arena_free(a);
}

/* ---- evaluation ---- */

static void evaluation(void **state)
{
	static const struct {
		const char *cond, *facts, *value, *need, *used;
	} cases[] = {
		/* a lone fact: unknown unless set */
		{"tampered", "", "needs_judgement", "tampered", ""},
		{"tampered", "tampered", "true", "", "tampered"},
		{"tampered", "!tampered", "false", "", "tampered"},
		{"not tampered", "", "needs_judgement", "tampered", ""},
		{"not tampered", "!tampered", "true", "", "tampered"},
		/* and: FALSE wins, then unknown, then TRUE */
		{"tampered and concealed", "tampered concealed", "true", "", "tampered concealed"},
		{"tampered and concealed", "tampered", "needs_judgement", "concealed", "tampered"},
		{"tampered and concealed", "concealed", "needs_judgement", "tampered", "concealed"},
		{"tampered and concealed", "!tampered", "false", "", "tampered"},
		{"tampered and concealed", "!concealed", "false", "", "concealed"},
		{"tampered and concealed", "", "needs_judgement", "tampered concealed", ""},
		{"tampered and concealed", "!tampered !concealed", "false", "", "tampered concealed"},
		/* or: TRUE wins, then unknown, then FALSE */
		{"tampered or concealed", "tampered", "true", "", "tampered"},
		{"tampered or concealed", "concealed", "true", "", "concealed"},
		{"tampered or concealed", "!tampered", "needs_judgement", "concealed", "tampered"},
		{"tampered or concealed", "!tampered !concealed", "false", "", "tampered concealed"},
		{"tampered or concealed", "", "needs_judgement", "tampered concealed", ""},
		{"tampered or concealed or paralysed", "!concealed", "needs_judgement",
		 "tampered paralysed", "concealed"},
		/* not flips TRUE and FALSE and keeps unknown */
		{"not (tampered or concealed)", "!tampered", "needs_judgement", "concealed",
		 "tampered"},
		{"not (tampered or concealed)", "concealed", "false", "", "concealed"},
		{"not (tampered and concealed)", "!concealed", "true", "", "concealed"},
		/* only the unresolved operands that still matter are asked */
		{"(tampered or concealed) and paralysed", "tampered", "needs_judgement", "paralysed",
		 "tampered"},
		{"(tampered or concealed) and paralysed", "!paralysed", "false", "", "paralysed"},
		{"(tampered or concealed) and paralysed", "paralysed", "needs_judgement",
		 "tampered concealed", "paralysed"},
		{"tampered and (concealed or paralysed) and other_serious", "tampered other_serious",
		 "needs_judgement", "concealed paralysed", "tampered other_serious"},
		{"tampered and (concealed or paralysed) and other_serious", "!other_serious", "false",
		 "", "other_serious"},
		/* each fact once, in order of first appearance in the text */
		{"concealed and (tampered or concealed)", "", "needs_judgement", "concealed tampered",
		 ""},
		{"tampered or (concealed and tampered) or tampered", "", "needs_judgement",
		 "tampered concealed", ""},
		{"(tampered or true) and (concealed or tampered)", "", "needs_judgement",
		 "tampered concealed", ""},
		{"paralysis_hours < 6 or paralysis_hours >= 6", "", "needs_judgement",
		 "paralysis_hours", ""},
		{"paralysis_hours < 6 or paralysis_hours >= 6", "paralysis_hours=6", "true", "",
		 "paralysis_hours"},
		/* literals */
		{"true", "", "true", "", ""},
		{"false or tampered", "", "needs_judgement", "tampered", ""},
		{"true or tampered", "", "true", "", ""},
		{"false and tampered", "", "false", "", ""},
		{"1 < 2 and \"a\" != \"b\"", "", "true", "", ""},
		/* numbers: ≥ includes the figure itself ("以上"); fractions */
		{"paralysis_hours >= 6", "paralysis_hours=6", "true", "", "paralysis_hours"},
		{"paralysis_hours >= 6", "paralysis_hours=5.99", "false", "", "paralysis_hours"},
		{"paralysis_hours >= 6", "", "needs_judgement", "paralysis_hours", ""},
		{"paralysis_hours > 6", "paralysis_hours=6", "false", "", "paralysis_hours"},
		{"paralysis_hours <= 0.5", "paralysis_hours=0.5", "true", "", "paralysis_hours"},
		{"paralysis_hours < 0.5", "paralysis_hours=0.25", "true", "", "paralysis_hours"},
		{"paralysis_hours == 6", "paralysis_hours=6.0", "true", "", "paralysis_hours"},
		{"6 == paralysis_hours", "paralysis_hours=7", "false", "", "paralysis_hours"},
		{"paralysis_hours != 6", "paralysis_hours=7", "true", "", "paralysis_hours"},
		{"paralysis_hours in [2, 6.5]", "paralysis_hours=6.5", "true", "", "paralysis_hours"},
		{"paralysis_hours in [2, 6.5]", "paralysis_hours=6", "false", "", "paralysis_hours"},
		/* strings */
		{"asset.kind == \"portal\"", "asset.kind=portal", "true", "", "asset.kind"},
		{"asset.kind == \"portal\"", "asset.kind=server", "false", "", "asset.kind"},
		{"asset.kind != \"portal\"", "", "needs_judgement", "asset.kind", ""},
		{"asset.kind in [\"portal\", \"news_site\"]", "asset.kind=news_site", "true", "",
		 "asset.kind"},
		{"asset.kind in [\"portal\", \"news_site\"]", "asset.kind=platform", "false", "",
		 "asset.kind"},
		{"asset.kind in [\"portal\", \"news_site\"]", "", "needs_judgement", "asset.kind", ""},
		{"asset.admin_level == \"地市级以上\"", "asset.admin_level=地市级以上", "true", "",
		 "asset.admin_level"},
		{"asset.admin_level == \"\"", "asset.admin_level=x", "false", "", "asset.admin_level"},
		{"asset.admin_level == \"a\\\"b\"", "asset.admin_level=a\"b", "true", "",
		 "asset.admin_level"},
		/* bools compared */
		{"tampered == false", "!tampered", "true", "", "tampered"},
		{"tampered != asset.cii", "tampered", "needs_judgement", "asset.cii", "tampered"},
		{"tampered == asset.cii", "tampered asset.cii", "true", "", "tampered asset.cii"},
		{"tampered in [false]", "tampered", "false", "", "tampered"},
		{"(tampered or concealed) == false", "!tampered", "needs_judgement", "concealed",
		 "tampered"},
		{"(tampered or concealed) == false", "concealed", "false", "", "concealed"},
		/* a comparison with an unknown side is unknown even when the other is known */
		{"asset.kind == asset.admin_level", "asset.kind=portal", "needs_judgement",
		 "asset.admin_level", "asset.kind"},
		/* unrelated known facts are not evidence */
		{"tampered", "tampered concealed paralysis_hours=9", "true", "", "tampered"},
	};
	struct arena *a = arena_new(0);
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cd_diag d = {{0}};
		const struct cond *c = NULL;
		char what[512];

		if (cond_parse(cases[i].cond, a, &c, &d)) {
			print_error("case %zu: %s\n  %s\n", i, cases[i].cond, d.msg);
			fail();
		}
		snprintf(what, sizeof(what), "case %zu: %s", i, cases[i].cond);
		expect_eval(what, c, cases[i].facts, cases[i].value, cases[i].need, cases[i].used);
	}
	assert_string_equal(cond_value_code(COND_NEEDS_JUDGEMENT), "needs_judgement");
	assert_string_equal(cond_value_label(COND_TRUE), "成立");
	assert_string_equal(cond_value_label(COND_FALSE), "不成立");
	assert_string_equal(cond_value_label(COND_NEEDS_JUDGEMENT), "需人工判断");
	assert_string_equal(cond_value_code(COND__MAX), "?");
	arena_free(a);
}

/* ---- the built-in profiles ---- */

/* Every trigger of the three built-in profiles, read from its Chinese text: facts that fire it,
 * facts that do not, and facts that leave it to a person, with exactly what is asked. */
static const struct trigger_case {
	const char *profile, *trigger, *facts, *value, *need;
} trigger_cases[] = {
	/* 中央 第八条（一）党政机关门户网站、重点新闻网站、大型网络平台被攻击篡改，导致……违法有害信息
	 * 大面积扩散，且没有及时报告和组织处置 — the three are qualifiers of the asset (issue 12);
	 * either failure (report or handling) counts */
	{"central-2017", "8.1",
	 "asset.party_gov_portal tampered harmful_info_spread_wide reported_timely !handled_timely",
	 "true", ""},
	{"central-2017", "8.1",
	 "!asset.party_gov_portal !asset.key_news_site asset.large_platform tampered "
	 "harmful_info_spread_wide !reported_timely handled_timely",
	 "true", ""},
	{"central-2017", "8.1",
	 "asset.party_gov_portal tampered harmful_info_spread_wide reported_timely handled_timely",
	 "false", ""},
	{"central-2017", "8.1", /* none of the three: an ordinary information system */
	 "!asset.party_gov_portal !asset.key_news_site !asset.large_platform tampered "
	 "harmful_info_spread_wide !reported_timely",
	 "false", ""},
	{"central-2017", "8.1", /* a news site nobody said is a 重点新闻网站: asked */
	 "!asset.party_gov_portal !asset.large_platform tampered harmful_info_spread_wide "
	 "!reported_timely",
	 "needs_judgement", "asset.key_news_site"},
	{"central-2017", "8.1",
	 "asset.party_gov_portal tampered harmful_info_spread_wide reported_timely",
	 "needs_judgement", "handled_timely"},
	/* 中央 第八条（二）地市级以上党政机关门户网站或者重点新闻网站受到攻击后没有及时组织处置，且
	 * 瘫痪6个小时以上 */
	{"central-2017", "8.2",
	 "asset.party_gov_portal asset.admin_level=prefecture_or_above attacked !handled_timely "
	 "paralysis_hours=6",
	 "true", ""},
	{"central-2017", "8.2",
	 "!asset.party_gov_portal asset.key_news_site asset.admin_level=prefecture_or_above "
	 "attacked !handled_timely paralysis_hours=6",
	 "true", ""},
	/* 受到攻击 is an element: a portal down 8 hours by an equipment failure is not 8.2 */
	{"central-2017", "8.2",
	 "asset.party_gov_portal asset.admin_level=prefecture_or_above !attacked !handled_timely "
	 "paralysis_hours=8",
	 "false", ""},
	{"central-2017", "8.2",
	 "asset.party_gov_portal asset.admin_level=prefecture_or_above !handled_timely "
	 "paralysis_hours=8",
	 "needs_judgement", "attacked"},
	{"central-2017", "8.2",
	 "asset.key_news_site asset.admin_level=prefecture_or_above attacked !handled_timely "
	 "paralysis_hours=5.5",
	 "false", ""},
	{"central-2017", "8.2",
	 "asset.party_gov_portal asset.admin_level=county attacked !handled_timely "
	 "paralysis_hours=30",
	 "false", ""},
	{"central-2017", "8.2", /* a large platform is in 8.1 but not in 8.2 */
	 "!asset.party_gov_portal !asset.key_news_site asset.large_platform", "false", ""},
	{"central-2017", "8.2",
	 "asset.party_gov_portal asset.admin_level=prefecture_or_above attacked paralysis_hours=8",
	 "needs_judgement", "handled_timely"},
	{"central-2017", "8.2",
	 "asset.party_gov_portal attacked !handled_timely paralysis_hours=8", "needs_judgement",
	 "asset.admin_level"},
	/* 中央 第八条（三）国家秘密泄露、大面积个人信息泄露或者大量国家基础数据泄露 */
	{"central-2017", "8.3", "basic_data_leak_large", "true", ""},
	{"central-2017", "8.3", "state_secret_leak !personal_info_leak_large", "true", ""},
	{"central-2017", "8.3",
	 "!state_secret_leak !personal_info_leak_large !basic_data_leak_large", "false", ""},
	{"central-2017", "8.3", "!state_secret_leak", "needs_judgement",
	 "personal_info_leak_large basic_data_leak_large"},
	/* 中央 第八条（四）关键信息基础设施……没有及时处置导致大面积影响 / 重大经济损失 / 严重不良影响 */
	{"central-2017", "8.4", "asset.cii attacked !handled_timely major_economic_loss", "true", ""},
	{"central-2017", "8.4", "asset.cii !attacked !handled_timely major_economic_loss", "false",
	 ""},
	{"central-2017", "8.4", "!asset.cii !handled_timely wide_impact", "false", ""},
	{"central-2017", "8.4", /* infrastructure that is not legally CII is outside 8.4 */
	 "asset.kind=infrastructure !asset.cii", "false", ""},
	{"central-2017", "8.4", "asset.cii handled_timely wide_impact", "false", ""},
	{"central-2017", "8.4", "asset.cii attacked !handled_timely !wide_impact", "needs_judgement",
	 "major_economic_loss severe_social_impact"},
	{"central-2017", "8.4", "wide_impact", "needs_judgement", "asset.cii attacked handled_timely"},
	/* 中央 第八条（五）封锁、瞒报……，拒不配合……，或者通报的问题不及时整改并造成严重后果 */
	{"central-2017", "8.5", "concealed", "true", ""},
	{"central-2017", "8.5", "!concealed !refused_cooperation notice_unrectified "
				"serious_consequences",
	 "true", ""},
	{"central-2017", "8.5", "!concealed !refused_cooperation notice_unrectified "
				"!serious_consequences",
	 "false", ""},
	{"central-2017", "8.5", "!concealed !refused_cooperation !notice_unrectified", "false", ""},
	{"central-2017", "8.5", "!concealed !refused_cooperation notice_unrectified",
	 "needs_judgement", "serious_consequences"},
	{"central-2017", "8.5", "serious_consequences", "needs_judgement",
	 "concealed refused_cooperation notice_unrectified"},
	/* 中央 第八条（六）阻碍公安机关、国家安全机关……或者拒不提供支持和保障 */
	{"central-2017", "8.6", "obstructed_authorities", "true", ""},
	{"central-2017", "8.6", "!obstructed_authorities", "false", ""},
	{"central-2017", "8.6", "refused_cooperation", "needs_judgement", "obstructed_authorities"},
	/* 中央 第八条（七）其他严重危害网络安全行为 */
	{"central-2017", "8.7", "other_serious", "true", ""},
	{"central-2017", "8.7", "!other_serious tampered", "false", ""},
	{"central-2017", "8.7", "", "needs_judgement", "other_serious"},

	/* 内蒙古师大 第十四条（一）门户网站、新闻网站、宣发平台、信息系统被攻击篡改……且没有及时
	 * 报告和组织处置 — no "网络平台" in this list */
	{"imnu-2022", "14.1",
	 "asset.kind=info_system tampered harmful_info_spread_wide !reported_timely", "true", ""},
	{"imnu-2022", "14.1",
	 "asset.kind=publicity_platform tampered harmful_info_spread_wide reported_timely "
	 "!handled_timely",
	 "true", ""},
	{"imnu-2022", "14.1",
	 "asset.kind=platform tampered harmful_info_spread_wide !reported_timely", "false", ""},
	{"imnu-2022", "14.1", "asset.kind=portal tampered !harmful_info_spread_wide", "false", ""},
	{"imnu-2022", "14.1", "tampered harmful_info_spread_wide !reported_timely",
	 "needs_judgement", "asset.kind"},
	/* 第十四条（二）国家秘密泄露或学校重要数据泄露 */
	{"imnu-2022", "14.2", "important_data_leak", "true", ""},
	{"imnu-2022", "14.2", "!state_secret_leak !important_data_leak", "false", ""},
	{"imnu-2022", "14.2", /* personal information is 14.3, not 14.2 */
	 "!state_secret_leak personal_info_leak_large", "needs_judgement", "important_data_leak"},
	/* 第十四条（三）大面积个人信息泄露、造成较严重后果 */
	{"imnu-2022", "14.3", "personal_info_leak_large serious_consequences", "true", ""},
	{"imnu-2022", "14.3", "!personal_info_leak_large", "false", ""},
	{"imnu-2022", "14.3", "personal_info_leak_large", "needs_judgement",
	 "serious_consequences"},
	/* 第十四条（四）重要信息基础设施遭受网络攻击，没有及时处置，导致…… — a qualifier of the asset
	 * (issue 12: recorded, else CII or infrastructure of MLPS level ≥ 3) */
	{"imnu-2022", "14.4",
	 "asset.important_infrastructure attacked !handled_timely wide_impact", "true", ""},
	{"imnu-2022", "14.4", "asset.important_infrastructure !attacked !handled_timely wide_impact",
	 "false", ""},
	{"imnu-2022", "14.4",
	 "asset.important_infrastructure attacked !handled_timely severe_social_impact", "true",
	 ""},
	{"imnu-2022", "14.4", "!asset.important_infrastructure !handled_timely wide_impact",
	 "false", ""},
	{"imnu-2022", "14.4",
	 "asset.important_infrastructure !handled_timely !wide_impact !major_economic_loss "
	 "!severe_social_impact",
	 "false", ""},
	{"imnu-2022", "14.4", "attacked !handled_timely severe_social_impact", "needs_judgement",
	 "asset.important_infrastructure"},
	{"imnu-2022", "14.4", "", "needs_judgement",
	 "asset.important_infrastructure attacked handled_timely wide_impact major_economic_loss "
	 "severe_social_impact"},
	/* 第十四条（五）瞒报、谎报……，拒不配合……，或者……不及时整改并造成严重后果 */
	{"imnu-2022", "14.5", "refused_cooperation", "true", ""},
	{"imnu-2022", "14.5", "!concealed !refused_cooperation notice_unrectified "
			      "!serious_consequences",
	 "false", ""},
	{"imnu-2022", "14.5", "!concealed notice_unrectified serious_consequences", "true", ""},
	{"imnu-2022", "14.5", "!concealed", "needs_judgement",
	 "refused_cooperation notice_unrectified serious_consequences"},
	/* 第十四条（六）阻碍……或者拒不提供支持和保障 */
	{"imnu-2022", "14.6", "obstructed_authorities", "true", ""},
	{"imnu-2022", "14.6", "!obstructed_authorities", "false", ""},
	{"imnu-2022", "14.6", "", "needs_judgement", "obstructed_authorities"},
	/* 第十四条（七）未履行法定义务，违法运行，并导致发生重大网络安全事件 */
	{"imnu-2022", "14.7", "legal_obligation_violated major_incident", "true", ""},
	{"imnu-2022", "14.7", "legal_obligation_violated !major_incident", "false", ""},
	{"imnu-2022", "14.7", "!legal_obligation_violated major_incident", "false", ""},
	{"imnu-2022", "14.7", "legal_obligation_violated", "needs_judgement", "major_incident"},
	/* 第十四条（八）机制不健全，经费不落实，责任不明确（任一），并造成严重后果 */
	{"imnu-2022", "14.8", "responsibility_unclear serious_consequences", "true", ""},
	{"imnu-2022", "14.8", "funding_missing !serious_consequences", "false", ""},
	{"imnu-2022", "14.8", "!mechanism_unsound !funding_missing !responsibility_unclear", "false",
	 ""},
	{"imnu-2022", "14.8", "funding_missing", "needs_judgement", "serious_consequences"},
	{"imnu-2022", "14.8", "serious_consequences !mechanism_unsound", "needs_judgement",
	 "funding_missing responsibility_unclear"},
	/* 第十四条（九）其他严重危害网络安全行为 */
	{"imnu-2022", "14.9", "other_serious", "true", ""},
	{"imnu-2022", "14.9", "!other_serious", "false", ""},
	{"imnu-2022", "14.9", "concealed", "needs_judgement", "other_serious"},

	/* 烟台外办 八（一）服务器、重要系统被攻击篡改，导致有害信息大面积扩散，且没有及时报告和组织
	 * 处置 — any server, or an important system (a qualifier of the asset, issue 12) */
	{"yantai-fao-2021", "8.1",
	 "asset.kind=server tampered harmful_info_spread_wide !handled_timely", "true", ""},
	{"yantai-fao-2021", "8.1",
	 "asset.kind=platform asset.important_system tampered harmful_info_spread_wide "
	 "!reported_timely",
	 "true", ""},
	{"yantai-fao-2021", "8.1",
	 "asset.kind=portal !asset.important_system tampered harmful_info_spread_wide "
	 "!reported_timely",
	 "false", ""},
	{"yantai-fao-2021", "8.1", "asset.kind=server tampered !harmful_info_spread_wide", "false",
	 ""},
	{"yantai-fao-2021", "8.1",
	 "asset.kind=server tampered harmful_info_spread_wide reported_timely", "needs_judgement",
	 "handled_timely"},
	{"yantai-fao-2021", "8.1",
	 "asset.kind=info_system tampered harmful_info_spread_wide !reported_timely !handled_timely",
	 "needs_judgement", "asset.important_system"},
	/* 八（二）主要服务器、重要系统受到攻击后没有及时组织处置，且瘫痪 6 小时以上 — a main server is
	 * an important system */
	{"yantai-fao-2021", "8.2",
	 "asset.important_system attacked !handled_timely paralysis_hours=6", "true", ""},
	{"yantai-fao-2021", "8.2",
	 "!asset.important_system attacked !handled_timely paralysis_hours=8", "false", ""},
	{"yantai-fao-2021", "8.2",
	 "asset.important_system !attacked !handled_timely paralysis_hours=8", "false", ""},
	{"yantai-fao-2021", "8.2", "asset.important_system !handled_timely paralysis_hours=8",
	 "needs_judgement", "attacked"},
	{"yantai-fao-2021", "8.2", "asset.important_system !handled_timely paralysis_hours=2",
	 "false", ""},
	{"yantai-fao-2021", "8.2", "asset.important_system handled_timely paralysis_hours=12",
	 "false", ""},
	{"yantai-fao-2021", "8.2", "asset.important_system attacked paralysis_hours=12",
	 "needs_judgement", "handled_timely"},
	{"yantai-fao-2021", "8.2", "asset.important_system attacked !handled_timely",
	 "needs_judgement", "paralysis_hours"},
	{"yantai-fao-2021", "8.2", "asset.kind=server attacked !handled_timely paralysis_hours=8",
	 "needs_judgement", "asset.important_system"},
	/* 八（三）国家秘密泄露、重要数据资源泄漏 */
	{"yantai-fao-2021", "8.3", "state_secret_leak", "true", ""},
	{"yantai-fao-2021", "8.3", "!state_secret_leak !important_data_leak", "false", ""},
	{"yantai-fao-2021", "8.3", "!important_data_leak", "needs_judgement", "state_secret_leak"},
	/* 八（四）服务器、重要系统被网络攻击，没有及时处置导致……大面积影响 / 重大经济损失 / 严重不良影响 */
	{"yantai-fao-2021", "8.4",
	 "asset.kind=info_system asset.important_system attacked !handled_timely wide_impact", "true",
	 ""},
	{"yantai-fao-2021", "8.4", "asset.kind=server attacked !handled_timely wide_impact", "true",
	 ""},
	{"yantai-fao-2021", "8.4", "asset.kind=server !attacked !handled_timely wide_impact", "false",
	 ""},
	{"yantai-fao-2021", "8.4", "asset.kind=server handled_timely wide_impact", "false", ""},
	{"yantai-fao-2021", "8.4",
	 "asset.kind=info_system !asset.important_system attacked !handled_timely wide_impact",
	 "false", ""},
	{"yantai-fao-2021", "8.4",
	 "asset.kind=server !handled_timely !wide_impact !major_economic_loss !severe_social_impact",
	 "false", ""},
	{"yantai-fao-2021", "8.4", "asset.kind=server attacked !handled_timely !wide_impact",
	 "needs_judgement", "major_economic_loss severe_social_impact"},
	/* 八（五）封锁、瞒报……，拒不配合……，或者……不及时整改并造成严重后果 */
	{"yantai-fao-2021", "8.5", "notice_unrectified serious_consequences", "true", ""},
	{"yantai-fao-2021", "8.5", "!concealed !refused_cooperation !serious_consequences", "false",
	 ""},
	{"yantai-fao-2021", "8.5", "!concealed !refused_cooperation serious_consequences",
	 "needs_judgement", "notice_unrectified"},
	/* 八（六）阻碍国家机关……或者拒不提供支持和保障 */
	{"yantai-fao-2021", "8.6", "obstructed_authorities", "true", ""},
	{"yantai-fao-2021", "8.6", "!obstructed_authorities concealed", "false", ""},
	{"yantai-fao-2021", "8.6", "", "needs_judgement", "obstructed_authorities"},
	/* 八（七）未采取病毒防治措施，未安装防护软件，造成本单位网络受外界攻击而瘫痪 — no hours */
	{"yantai-fao-2021", "8.7", "protection_software_missing attacked paralysed paralysis_hours=1",
	 "true", ""},
	/* 受外界攻击 is an element: a network down by a power cut is not 八（七） */
	{"yantai-fao-2021", "8.7", "protection_software_missing !attacked paralysed", "false", ""},
	{"yantai-fao-2021", "8.7", "protection_software_missing !paralysed", "false", ""},
	{"yantai-fao-2021", "8.7", "!protection_software_missing paralysed", "false", ""},
	{"yantai-fao-2021", "8.7", "protection_software_missing paralysis_hours=9",
	 "needs_judgement", "attacked paralysed"},
	/* 八（八）其他严重危害网络安全行为 */
	{"yantai-fao-2021", "8.8", "other_serious", "true", ""},
	{"yantai-fao-2021", "8.8", "!other_serious", "false", ""},
	{"yantai-fao-2021", "8.8", "", "needs_judgement", "other_serious"},
};

static void every_trigger(void **state)
{
	static const char *const profiles[] = {"central-2017", "imnu-2022", "yantai-fao-2021"};
	size_t ntriggers = 0;
	(void)state;

	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		struct cd_diag d = {{0}};
		struct profile *p = NULL;
		struct arena *a = arena_new(0);
		const struct cond **conds = NULL;

		assert_int_equal(profile_open(profiles[i], &p, &d), CD_OK);
		assert_int_equal(cond_check_profile(p, a, &d), CD_OK);
		if (cond_parse_profile(p, a, &conds, &d)) {
			print_error("%s\n", d.msg);
			fail();
		}
		for (size_t t = 0; t < p->ntriggers; t++) {
			unsigned seen = 0; /* bit per enum cond_value */

			for (size_t k = 0; k < sizeof(trigger_cases) / sizeof(trigger_cases[0]); k++) {
				const struct trigger_case *tc = &trigger_cases[k];
				char what[256];

				if (strcmp(tc->profile, profiles[i]) ||
				    strcmp(tc->trigger, p->triggers[t].id))
					continue;
				snprintf(what, sizeof(what), "%s trigger %s (case %zu): %s",
					 tc->profile, tc->trigger, k, p->triggers[t].condition);
				expect_eval(what, conds[t], tc->facts, tc->value, tc->need, NULL);
				seen |= 1u << value_of(tc->value);
			}
			if (seen != 7) {
				print_error("%s trigger %s: want a true, a false and a "
					    "needs_judgement case\n",
					    profiles[i], p->triggers[t].id);
				fail();
			}
			ntriggers++;
		}
		profile_free(p);
		arena_free(a);
	}
	assert_int_equal(ntriggers, 24);
	/* and every case names a trigger that exists */
	for (size_t k = 0; k < sizeof(trigger_cases) / sizeof(trigger_cases[0]); k++) {
		struct profile *p = NULL;

		assert_int_equal(profile_open(trigger_cases[k].profile, &p, NULL), CD_OK);
		assert_non_null(profile_trigger(p, trigger_cases[k].trigger));
		profile_free(p);
	}
}

/* a profile whose condition is wrong is refused with file, line, trigger and column */
static void profile_errors(void **state)
{
	static const struct {
		const char *from, *to, *message;
	} cases[] = {
		{"and attacked and not handled_timely and paralysis_hours >= 6",
		 "and attacked and not handled_timly and paralysis_hours >= 6",
		 "profiles/central-2017.yaml:168: trigger 8.2: column 117: unknown fact "
		 "\"handled_timly\" (did you mean \"handled_timely\"?)"},
		{"concealed or refused_cooperation or (notice_unrectified and serious_consequences)",
		 "concealed or refused_cooperation or (notice_unrectified and serious_consequences",
		 "profiles/central-2017.yaml:194: trigger 8.5: column 81: expected \")\""},
		{"      other_serious\n", "      paralysis_hours\n",
		 "profiles/central-2017.yaml:208: trigger 8.7: column 1: a condition must be true or "
		 "false, but paralysis_hours is a number"},
	};
	struct profile *p = NULL;
	(void)state;

	assert_int_equal(profile_open("central-2017", &p, NULL), CD_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *at = strstr(p->source, cases[i].from);
		size_t nfrom = strlen(cases[i].from), nto = strlen(cases[i].to);
		size_t n = p->source_len - nfrom + nto;
		char *src = malloc(n + 1);
		struct profile *bad = NULL;
		struct cd_diag d = {{0}};

		assert_non_null(at);
		memcpy(src, p->source, (size_t)(at - p->source));
		memcpy(src + (at - p->source), cases[i].to, nto);
		memcpy(src + (at - p->source) + nto, at + nfrom,
		       p->source_len - (size_t)(at - p->source) - nfrom);
		src[n] = '\0';
		/* the loader refuses the profile with the checker's message */
		assert_int_equal(profile_load_buffer(src, n, p->file, &bad, &d), CD_EINVAL);
		assert_null(bad);
		assert_string_equal(d.msg, cases[i].message);
		free(src);
	}
	profile_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vocabulary),	  cmocka_unit_test(setters),
		cmocka_unit_test(broken),	  cmocka_unit_test(limits),
		cmocka_unit_test(parses),	  cmocka_unit_test(evaluation),
		cmocka_unit_test(every_trigger), cmocka_unit_test(profile_errors),
	};
	return cmocka_run_group_tests_name("cond", tests, NULL, NULL);
}
