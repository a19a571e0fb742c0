/* test_audit_action.c — every audit action has its label in both languages (audit/audit_action.c):
 * each action of docs/audit.md's tables, each route's (api_routes), each one the code writes as a
 * literal (act_end, audit_record, api_audit, cli_audit_record, `.action = "…"`) and each one it
 * builds from an enumeration (notice.<event>, assessment.<step>, report.<kind>, import.<kind>,
 * the incident's events, the register's create and update). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <regex.h>

#include "testutil.h"

#include "api/api_int.h"
#include "audit/audit.h"
#include "core/notice.h"
#include "io/csv_import.h"
#include "svc/assess.h"
#include "svc/report.h"
#include "svc/work.h"

/* labelled fails the test unless action has a label in both languages, different from its code
 * in Chinese; `where` says where the action was found. */
static void labelled(const char *action, const char *where)
{
	const char *zh, *en;

	lang_set(LANG_ZH);
	zh = audit_action_label(action);
	lang_set(LANG_EN);
	en = audit_action_label(action);
	if (!zh || !en || !strcmp(zh, action) || !*en) {
		fprintf(stderr, "audit action %s (%s) has no label in audit_action.c\n", action,
			where);
		fail();
	}
}

static void table_is_whole(void **state)
{
	(void)state;
	for (size_t i = 0; i < audit_action_count(); i++) {
		const char *code, *zh, *en, *c2, *z2, *e2;
		bool wide = false;

		audit_action_entry(i, &code, &zh, &en);
		assert_true(*code && *en);
		for (const char *p = zh; *p; p++)
			wide |= (unsigned char)*p >= 0x80;
		assert_true(wide); /* the Chinese is Chinese */
		for (size_t j = i + 1; j < audit_action_count(); j++) {
			audit_action_entry(j, &c2, &z2, &e2);
			assert_string_not_equal(code, c2);
		}
	}
	lang_set(LANG_ZH);
	assert_string_equal(audit_action_label("notice.create"), "登记通报");
	assert_string_equal(audit_outcome_label("denied"), "拒绝");
	lang_set(LANG_EN);
	assert_string_equal(audit_action_label("notice.create"), "record a notice");
	assert_string_equal(audit_outcome_label("denied"), "denied");
	assert_null(audit_action_label("no.such"));
	assert_null(audit_action_label(NULL));
}

static void routes_and_enumerations(void **state)
{
	static const char *const reg[] = {"unit", "person", "duty", "project", "asset"};
	char a[64];

	(void)state;
	for (size_t i = 0; i < api_nroutes; i++)
		if (api_routes[i].action)
			labelled(api_routes[i].action, api_routes[i].path);
	for (int k = 0; k < NEV__MAX; k++) {
		snprintf(a, sizeof a, "notice.%s", notice_event_code((enum notice_event_kind)k));
		labelled(a, "notice_event_code");
	}
	for (int k = 0; k < ASA__MAX; k++) {
		snprintf(a, sizeof a, "assessment.%s", assess_act_code((enum assess_act)k));
		labelled(a, "assess_act_code");
	}
	for (int k = 0; k < REPORT_DOC__MAX; k++) {
		snprintf(a, sizeof a, "report.%s", report_doc_code((enum report_doc)k));
		labelled(a, "report_doc_code");
	}
	for (int k = 0; k < CSV__MAX; k++) {
		snprintf(a, sizeof a, "import.%s", csv_kind_code((enum csv_kind)k));
		labelled(a, "csv_kind_code");
	}
	for (int k = 0; k < IEV__MAX; k++)
		labelled(svc_incident_action((enum incident_event_kind)k), "svc_incident_action");
	for (size_t k = 0; k < sizeof reg / sizeof reg[0]; k++) {
		snprintf(a, sizeof a, "%s.create", reg[k]);
		labelled(a, "register.c");
		snprintf(a, sizeof a, "%s.update", reg[k]);
		labelled(a, "register.c");
	}
}

/* slurp reads a whole file (NUL-terminated; the caller frees), failing the test when it cannot. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		fprintf(stderr, "cannot open %s\n", path);
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* cell_at returns the text of cell i (0 the first) of a table row "| a | b |", trimmed, into
 * buf; false when the row has fewer cells. */
static bool cell_at(const char *row, int i, char *buf, size_t n)
{
	const char *p = row, *end;
	size_t len;

	for (int k = 0; k <= i; k++)
		if (!(p = strchr(p, '|')) || !*++p)
			return false;
	if (!(end = strchr(p, '|')))
		return false;
	while (*p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	len = (size_t)(end - p) < n ? (size_t)(end - p) : n - 1;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}

/* The tables of docs/audit.md: in each row of a table whose header has a column "action", the
 * `code`s of that column; `.rectify` after `notice.start` is notice.rectify. A placeholder
 * (`import.KIND`) is not an action. */
static void documented(void **state)
{
	char path[4096], *doc, *save = NULL, cell[2048];
	int col = -1, found = 0;

	(void)state;
	assert_non_null(getenv("CD_SOURCE"));
	snprintf(path, sizeof path, "%s/docs/audit.md", getenv("CD_SOURCE"));
	doc = slurp(path);
	for (char *line = strtok_r(doc, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char prefix[64] = "";

		if (*line != '|') {
			col = -1;
			continue;
		}
		if (col == -1) { /* a header row: which column is "action" (-2: none) */
			col = -2;
			for (int i = 0; cell_at(line, i, cell, sizeof cell); i++)
				if (!strcmp(cell, "action"))
					col = i;
			continue;
		}
		if (col < 0 || !cell_at(line, col, cell, sizeof cell) || cell[0] == '-')
			continue;
		for (char *p = cell, *end; (p = strchr(p, '`')) && (end = strchr(p + 1, '`'));
		     p = end + 1) {
			char code[160];

			snprintf(code, sizeof code, "%.*s", (int)(end - p - 1), p + 1);
			if (strpbrk(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") || !strchr(code, '.'))
				continue;
			if (code[0] == '.') {
				char full[224];

				snprintf(full, sizeof full, "%s%s", prefix, code);
				labelled(full, "docs/audit.md");
			} else {
				snprintf(prefix, sizeof prefix, "%.*s", (int)(strchr(code, '.') - code),
					 code);
				labelled(code, "docs/audit.md");
			}
			found++;
		}
	}
	free(doc);
	assert_true(found > 80); /* the tables were read */
}

/* ---- the code's literals ---- */

static regex_t lit_re;
static int lit_found;

/* each .c file: its text with every run of blanks one space (a call spans lines), then each
 * action written as a literal where an entry is made */
static int scan(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	regmatch_t m[3];
	char *text, *w, *at;

	(void)sb;
	(void)ftw;
	if (type != FTW_F || strlen(path) < 2 || strcmp(path + strlen(path) - 2, ".c"))
		return 0;
	text = slurp(path);
	w = text;
	for (char *r = text; *r; r++) {
		if (*r == ' ' || *r == '\t' || *r == '\n') {
			if (w > text && w[-1] == ' ')
				continue;
			*w++ = ' ';
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	for (at = text; !regexec(&lit_re, at, 3, m, 0); at += m[0].rm_eo) {
		char code[96];

		snprintf(code, sizeof code, "%.*s", (int)(m[2].rm_eo - m[2].rm_so), at + m[2].rm_so);
		labelled(code, path);
		lit_found++;
	}
	free(text);
	return 0;
}

static void literals(void **state)
{
	char path[4096];

	(void)state;
	assert_int_equal(regcomp(&lit_re,
				 "(act_end\\([^;\"]*|audit_record\\([^;\"]*|api_audit\\([^;\"]*|"
				 "\\.action = )\"([a-z_]+\\.[a-z_]+)\"",
				 REG_EXTENDED),
			 0);
	snprintf(path, sizeof path, "%s/src", getenv("CD_SOURCE"));
	assert_int_equal(nftw(path, scan, 16, FTW_PHYS), 0);
	regfree(&lit_re);
	assert_true(lit_found > 30); /* the files were read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(table_is_whole),
	    cmocka_unit_test(routes_and_enumerations),
	    cmocka_unit_test(documented),
	    cmocka_unit_test(literals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
