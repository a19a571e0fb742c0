/* test_lang.c — the message catalogue (core/lang.h, src/i18n/messages.def): every entry's
 * Chinese takes the arguments of its English, no key twice; the lookup in each language; the
 * languages of Accept-Language and of a locale; a message, a time and an answer in Chinese. */
#include "testutil.h"

#include "core/err.h"
#include "core/fact.h"
#include "core/lang.h"

/* atoi_n reads the n digits at s. */
static int atoi_n(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* One argument a format consumes: its type as printf reads it (length modifier + class). */
struct conv {
	char type[4];
	int pos; /* 1-based with %n$; 0 when not positional */
};

/* convs reads the argument list of printf format f into v (at most max); -1 on a malformed
 * conversion, else how many. A '*' width or precision is an int argument of its own. */
static int convs(const char *f, struct conv *v, int max)
{
	int n = 0;

	for (const char *p = f; *p; p++) {
		char len[3] = "";
		int pos = 0, k;

		if (*p != '%')
			continue;
		if (*++p == '%')
			continue;
		for (k = 0; p[k] >= '0' && p[k] <= '9'; k++)
			;
		if (k && p[k] == '$') {
			pos = atoi_n(p, k);
			p += k + 1;
		}
		while (strchr("-+ #0'", *p))
			p++;
		if (*p == '*') { /* a width argument */
			int wpos = 0;

			for (k = 1; p[k] >= '0' && p[k] <= '9'; k++)
				;
			if (k > 1 && p[k] == '$') {
				wpos = atoi_n(p + 1, k - 1);
				p += k;
			}
			if (n == max)
				return -1;
			v[n++] = (struct conv){"i", wpos};
			p++;
		}
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			p++;
			if (*p == '*') {
				if (n == max)
					return -1;
				v[n++] = (struct conv){"i", 0};
				p++;
			}
			while (*p >= '0' && *p <= '9')
				p++;
		}
		for (k = 0; k < 2 && strchr("hljztL", *p); k++)
			len[k] = *p++;
		len[k] = '\0';
		if (!*p || !strchr("diouxXeEfFgGaAcsp", *p) || n == max)
			return -1;
		snprintf(v[n].type, sizeof v[n].type, "%s%c", len,
			 strchr("di", *p)	 ? 'i'
			 : strchr("ouxX", *p)	 ? 'u'
			 : strchr("eEfFgGaA", *p) ? 'f'
						  : *p);
		v[n++].pos = pos;
	}
	return n;
}

/* same_args: zh takes en's arguments — the same types in the same order (fewer at the end
 * are allowed: printf ignores the rest), or, positional, each of 1..k of en's at its place. */
static bool same_args(const char *en, const char *zh, char *why, size_t n)
{
	struct conv e[32], z[32];
	int ne = convs(en, e, 32), nz = convs(zh, z, 32);
	bool positional = nz > 0 && z[0].pos > 0;
	bool used[32] = {false};

	if (ne < 0 || nz < 0) {
		snprintf(why, n, "a malformed conversion");
		return false;
	}
	if (nz > ne) {
		snprintf(why, n, "%d arguments, the English has %d", nz, ne);
		return false;
	}
	for (int i = 0; i < nz; i++) {
		int at = positional ? z[i].pos - 1 : i;

		if (positional != (z[i].pos > 0) || at < 0 || at >= ne) {
			snprintf(why, n, "conversion %d: positional and not mixed, or out of range", i + 1);
			return false;
		}
		if (strcmp(z[i].type, e[at].type)) {
			snprintf(why, n, "argument %d is %%%.3s in Chinese, %%%.3s in English", at + 1,
				 z[i].type, e[at].type);
			return false;
		}
		used[at] = true;
	}
	for (int i = 0; positional && i < ne; i++)
		if (!used[i] && i + 1 < ne && used[i + 1]) { /* glibc needs no gap */
			snprintf(why, n, "argument %d is skipped", i + 1);
			return false;
		}
	return true;
}

static void catalogue_arguments(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(lang_count() > 700);
	for (size_t i = 0; i < lang_count(); i++) {
		const char *en, *zh;
		char why[128];

		lang_entry(i, &en, &zh);
		assert_non_null(en);
		assert_non_null(zh);
		if (!*zh || !same_args(en, zh, why, sizeof why)) {
			fprintf(stderr, "messages.def: \"%s\": %s\n", en, *zh ? why : "no Chinese");
			bad++;
		}
		for (size_t k = 0; k < i; k++) {
			const char *en2, *zh2;

			lang_entry(k, &en2, &zh2);
			if (!strcmp(en, en2)) {
				fprintf(stderr, "messages.def: \"%s\" is a key twice\n", en);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

/* the checker itself refuses what it must */
static void checker_refuses(void **state)
{
	static const struct {
		const char *en, *zh;
		bool ok;
	} cases[] = {
		{"no notice %s", "未找到通报 %s", true},
		{"%s: %d days", "%s：%d 天", true},
		{"%s: %d days", "%d 天：%s", false},
		{"%s and %lld", "%s 与 %d", false},
		{"%s, %d, %s", "%s", true},
		{"%s, %d, %s", "%3$s：%1$s %2$d", true},
		{"%s, %d, %s", "%1$s %3$s", false},
		{"%s %s", "%s %s %s", false},
		{"%*s x %s", "%2$*1$s 甲 %3$s", true},
		{"%zu item%s", "%zu 项%.0s", true},
		{"%.*s", "%s", false},
	};
	char why[128];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (same_args(cases[i].en, cases[i].zh, why, sizeof why) != cases[i].ok)
			fail_msg("case %zu: \"%s\" / \"%s\" judged %s", i, cases[i].en, cases[i].zh,
				 cases[i].ok ? "wrong" : "right");
}

static void lookup(void **state)
{
	struct cd_diag d;

	(void)state;
	lang_set(LANG_ZH);
	assert_string_equal(lang_tr("no notice %s"), "未找到通报 %s");
	assert_string_equal(lang_tr("a format nobody wrote %s"), "a format nobody wrote %s");
	cd_diag_set(&d, CD_ENOTFOUND, "no notice %s", "烟网信通〔2024〕31号");
	assert_string_equal(d.msg, "未找到通报 烟网信通〔2024〕31号");
	assert_string_equal(cd_strerror(CD_ENOTFOUND), "未找到");
	lang_set(LANG_EN);
	assert_string_equal(lang_tr("no notice %s"), "no notice %s");
	cd_diag_set(&d, CD_ENOTFOUND, "no notice %s", "N-1");
	assert_string_equal(d.msg, "no notice N-1");
	assert_string_equal(cd_strerror(CD_ENOTFOUND), "not found");
}

static void accept_language(void **state)
{
	static const struct {
		const char *header;
		enum lang want;
	} cases[] = {
		{NULL, LANG_ZH},
		{"", LANG_ZH},
		{"*", LANG_ZH},
		{"en", LANG_EN},
		{"EN-gb", LANG_EN},
		{"zh-CN,zh;q=0.9,en;q=0.8", LANG_ZH},
		{"en-US,en;q=0.9,zh-CN;q=0.8", LANG_EN},
		{"fr-FR, en;q=0.5", LANG_EN},
		{"fr-FR, de;q=0.5", LANG_ZH},
		{"zh;q=0.3, en;q=0.7", LANG_EN},
		{"en;q=0, zh", LANG_ZH},
		{"en;q=0", LANG_ZH},
		{"eng", LANG_ZH},
		{"zh-Hans-CN", LANG_ZH},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (lang_of_accept(cases[i].header) != cases[i].want)
			fail_msg("case %zu: \"%s\"", i, cases[i].header ? cases[i].header : "(none)");
}

static void locale(void **state)
{
	(void)state;
	assert_int_equal(lang_of_locale(NULL), LANG_ZH);
	assert_int_equal(lang_of_locale(""), LANG_ZH);
	assert_int_equal(lang_of_locale("C"), LANG_ZH);
	assert_int_equal(lang_of_locale("POSIX"), LANG_ZH);
	assert_int_equal(lang_of_locale("C.UTF-8"), LANG_ZH);
	assert_int_equal(lang_of_locale("zh_CN.UTF-8"), LANG_ZH);
	assert_int_equal(lang_of_locale("en_US.UTF-8"), LANG_EN);
	assert_int_equal(lang_of_locale("en"), LANG_EN);
	assert_int_equal(lang_parse("en"), LANG_EN);
	assert_int_equal(lang_parse("zh-CN"), LANG_ZH);
	assert_int_equal(lang_parse("fr"), -1);
	assert_int_equal(lang_parse(""), -1);
}

/* a time shown and read back in the Chinese form; the date alone too */
static void chinese_time(void **state)
{
	char buf[26];
	cd_time t = T("2026-12-03T14:05:00+08:00"), u;
	cd_date d;

	(void)state;
	lang_set(LANG_ZH);
	assert_string_equal(time_show(t, buf), "2026年12月3日 14:05");
	assert_true(time_parse("2026年12月3日 14:05", true, &u));
	assert_true(u == t);
	assert_true(time_parse("2026年12月3日 9:05:30", true, &u));
	assert_true(u == T("2026-12-03T09:05:30+08:00"));
	assert_false(time_parse("2026年12月3日 14:05", false, &u)); /* no offset: not accepted */
	assert_false(time_parse("2026年2月30日 14:05", true, &u));
	assert_false(time_parse("2026年12月3日", true, &u)); /* the hour matters */
	assert_true(date_parse("2026年12月3日", &d));
	assert_true(d == D("2026-12-03"));
	assert_false(date_parse("2026年13月3日", &d));
	assert_string_equal(time_show(T("2024-01-01T00:00:00Z"), buf), "2024年1月1日 08:00");
	lang_set(LANG_EN);
	assert_string_equal(time_show(t, buf), "3 Dec 2026 14:05");
	assert_string_equal(time_show(CD_TIME_NONE, buf), "");
}

/* an open question answered as people do */
static void answers(void **state)
{
	(void)state;
	assert_string_equal(fact_answer(FACT_TAMPERED, "是"), "true");
	assert_string_equal(fact_answer(FACT_TAMPERED, "否"), "false");
	assert_string_equal(fact_answer(FACT_TAMPERED, "不确定"), "");
	assert_string_equal(fact_answer(FACT_TAMPERED, "unknown"), "");
	assert_string_equal(fact_answer(FACT_TAMPERED, "true"), "true");
	assert_string_equal(fact_answer(FACT_TAMPERED, "也许"), "也许");
	assert_string_equal(fact_answer(FACT_PARALYSIS_HOURS, "是"), "是"); /* a number: its own check */
	assert_string_equal(fact_answer(FACT_PARALYSIS_HOURS, "不确定"), "");
	assert_int_equal(fact_parse_label("被攻击篡改"), FACT_TAMPERED);
	assert_int_equal(fact_parse_label("tampered"), FACT_TAMPERED);
	assert_int_equal(fact_parse_label("篡改"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogue_arguments), cmocka_unit_test(checker_refuses),
		cmocka_unit_test(lookup),	       cmocka_unit_test(accept_language),
		cmocka_unit_test(locale),	       cmocka_unit_test(chinese_time),
		cmocka_unit_test(answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
