/* labels.c — beside every enumeration value of an answer, its label in the caller's language:
 * "state":"overdue" gains "state_label":"已逾期" (English: "overdue"). The codes stay English
 * for programs; the labels are what a person reads. The Chinese labels are core's name tables
 * (core/names.h), the English the code with its underscores as spaces. */
#include <string.h>

#include "api_int.h"

#include "core/access.h"
#include "core/notice.h"
#include "core/reg.h"

/* One labelled key: the enumeration its values belong to. */
struct labelled {
	const char *key;
	int (*parse)(const char *s);
	const char *(*code)(int v);
	const char *(*label)(int v);
};

#define WRAP(fn, type)                                                                             \
	static const char *fn##_code_of(int v)                                                     \
	{                                                                                          \
		return fn##_code((type)v);                                                         \
	}                                                                                          \
	static const char *fn##_label_of(int v)                                                    \
	{                                                                                          \
		return fn##_label((type)v);                                                        \
	}
WRAP(due_state, enum due_state)
WRAP(notice_stage, enum notice_stage)
WRAP(asset_status, enum asset_status)
WRAP(account_role, enum account_role)
WRAP(assess_result, enum assess_result)
#undef WRAP

#define L(key, fn) {key, fn##_parse, fn##_code_of, fn##_label_of}
static const struct labelled labelled[] = {
	L("state", due_state),       L("stage", notice_stage),   L("status", asset_status),
	L("role", account_role),     L("result", assess_result),
};
#undef L

/* label_of: the label of code s of l in the thread's language into buf; NULL when s is not
 * one of l's codes. */
static const char *label_of(const struct labelled *l, const char *s, char *buf, size_t n)
{
	int v = l->parse(s);
	size_t i;

	if (v < 0 || strcmp(l->code(v), s))
		return NULL;
	if (lang_get() == LANG_ZH)
		return l->label(v);
	for (i = 0; s[i] && i + 1 < n; i++)
		buf[i] = s[i] == '_' ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

void api_labels(json_t *v)
{
	struct {
		char name[48], buf[48];
		const char *label;
	} add[8];
	size_t i, n = 0;
	const char *key;
	json_t *m;

	if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			api_labels(m);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, key, m) {
		if (json_is_object(m) || json_is_array(m)) {
			api_labels(m);
			continue;
		}
		for (i = 0; json_is_string(m) && n < 8 && i < sizeof labelled / sizeof labelled[0];
		     i++) {
			if (strcmp(key, labelled[i].key) ||
			    !(add[n].label = label_of(&labelled[i], json_string_value(m), add[n].buf,
						      sizeof add[n].buf)))
				continue;
			snprintf(add[n++].name, sizeof add[0].name, "%s_label", key);
			break;
		}
	}
	/* set after the walk: a key added while iterating may rehash the object under it */
	for (i = 0; i < n; i++)
		json_object_set_new(v, add[i].name, json_string(add[i].label));
}
