/* labels.c — beside every enumeration value of an answer, its label in the caller's language:
 * "state":"overdue" gains "state_label":"已逾期" (English: "overdue"); the open questions of a
 * trigger ("missing_facts") gain "missing_facts_labels", and each fact of an incident its
 * "label". The codes stay English for programs; the labels are what a person reads. The Chinese
 * labels are those of the enumerations' own name tables (core/names.h, fact.h); the English the
 * code with its underscores as spaces; an audit entry's action and outcome have their own table
 * (audit/audit_action.c), English labels too. */
#include <string.h>

#include "api_int.h"

#include "audit/audit.h"

#include "core/access.h"
#include "core/fact.h"
#include "core/notice.h"
#include "core/reg.h"
#include "svc/accountability.h"

/* zh_of: the Chinese label of code s of an enumeration, or NULL when s is not one of its codes */
typedef const char *(*zh_of)(const char *s);

#define NAMED(fn, type)                                                                            \
	static const char *fn##_zh(const char *s)                                                  \
	{                                                                                          \
		int v = fn##_parse(s);                                                             \
		return v >= 0 && !strcmp(fn##_code((type)v), s) ? fn##_label((type)v) : NULL;      \
	}
NAMED(due_state, enum due_state)
NAMED(notice_stage, enum notice_stage)
NAMED(asset_status, enum asset_status)
NAMED(account_role, enum account_role)
NAMED(assess_result, enum assess_result)
#undef NAMED

/* a trigger's state (io/incident_json.c) */
static const char *trigger_zh(const char *s)
{
	return !strcmp(s, "fired")	       ? "已成立"
	       : !strcmp(s, "not_fired")       ? "未成立"
	       : !strcmp(s, "needs_judgement") ? "待认定"
					       : NULL;
}

static const char *case_zh(const char *s)
{
	for (int i = 0; i < CASE__MAX; i++)
		if (!strcmp(s, accountability_stage_code((enum case_stage)i)))
			return accountability_stage_label((enum case_stage)i);
	return NULL;
}

static const char *fact_zh(const char *s)
{
	int k = fact_parse(s);

	return k >= 0 ? fact_label((enum fact)k) : NULL;
}

/* The labelled keys: a key may hold the codes of more than one enumeration (a notice's state,
 * a trigger's state): the first that knows the value labels it. */
static const struct {
	const char *key;
	zh_of zh;
} labelled[] = {
	{"state", due_state_zh},	 {"state", trigger_zh},	       {"report_state", due_state_zh},
	{"summary_state", due_state_zh}, {"stage", notice_stage_zh},  {"case_stage", case_zh},
	{"status", asset_status_zh},	 {"role", account_role_zh},    {"result", assess_result_zh},
};

/* label: s's label in the thread's language through zh (NULL when not one of its codes); the
 * English is written into buf. */
static const char *label(zh_of zh, const char *s, char *buf, size_t n)
{
	const char *l = zh(s);
	size_t i;

	if (!l || lang_get() == LANG_ZH)
		return l;
	for (i = 0; s[i] && i + 1 < n; i++)
		buf[i] = s[i] == '_' ? ' ' : s[i];
	buf[i] = '\0';
	return buf;
}

/* strings_labels: the labels of an array of codes through zh (a code it does not know stays) */
static json_t *strings_labels(const json_t *a, zh_of zh)
{
	json_t *out = json_array(), *m;
	size_t i;

	json_array_foreach(a, i, m) {
		char buf[64];
		const char *s = json_is_string(m) ? json_string_value(m) : "";
		const char *l = label(zh, s, buf, sizeof buf);

		json_array_append_new(out, json_string(l ? l : s));
	}
	return out;
}

const char *api_label_of(const char *key, const char *value, char *buf, size_t n)
{
	const char *l;

	/* an audit entry's action and outcome: their own table, English labels too */
	if (!strcmp(key, "action"))
		return audit_action_label(value);
	if (!strcmp(key, "outcome"))
		return audit_outcome_label(value);
	/* a fact by its name: the "label" of each of an incident's "facts" and the
	 * "missing_facts_labels" of a trigger (api_labels below; io/incident_json.c writes them) */
	if (!strcmp(key, "facts"))
		return label(fact_zh, value, buf, n);
	for (size_t i = 0; i < sizeof labelled / sizeof labelled[0]; i++)
		if (!strcmp(key, labelled[i].key) && (l = label(labelled[i].zh, value, buf, n)))
			return l;
	return NULL;
}

void api_labels(json_t *v)
{
	struct {
		char name[48], buf[48];
		const char *label;
		json_t *value; /* an array of labels instead */
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
		if (!strcmp(key, "facts") && json_is_object(m)) {
			const char *name;
			json_t *f;

			json_object_foreach(m, name, f) {
				char buf[64];
				const char *l = label(fact_zh, name, buf, sizeof buf);

				if (json_is_object(f) && l)
					json_object_set_new(f, "label", json_string(l));
			}
			continue;
		}
		if (!strcmp(key, "missing_facts") && json_is_array(m) && n < 8) {
			add[n].value = strings_labels(m, fact_zh);
			snprintf(add[n++].name, sizeof add[0].name, "%s_labels", key);
			continue;
		}
		if (json_is_object(m) || json_is_array(m)) {
			api_labels(m);
			continue;
		}
		if (json_is_string(m) && n < 8 &&
		    (add[n].label = api_label_of(key, json_string_value(m), add[n].buf,
						 sizeof add[n].buf))) {
			add[n].value = NULL;
			snprintf(add[n++].name, sizeof add[0].name, "%s_label", key);
		}
	}
	/* set after the walk: a key added while iterating may rehash the object under it */
	for (i = 0; i < n; i++)
		json_object_set_new(v, add[i].name,
				    add[i].value ? add[i].value : json_string(add[i].label));
}
