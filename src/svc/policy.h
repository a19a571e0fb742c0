/* policy.h — the policy an organisation lives by, built once: its profile, the built-in
 * grading rules and incident classes, and the profile's trigger conditions parsed. Built the
 * first time a version of the profile is asked for and shared read-only by every thread until
 * another version is put in force; each request reads only the profile's text to know which. */
#ifndef CD_POLICY_H
#define CD_POLICY_H

#include <stddef.h>

#include "core/cond.h"
#include "core/err.h"
#include "core/incident.h"
#include "core/profile.h"
#include "store/store.h"

struct policy {
	struct profile *p;
	struct grade_rules rules;        /* data/incident-grades.json */
	struct incident_classes classes; /* data/incident-classes.json */
	const struct cond **conds;       /* p's trigger conditions, in p's trigger order */
	/* private */
	struct arena *a;
	char *source; /* the profile's YAML as installed, which names this version */
	size_t len;
	int refs;
};

/* policy_get returns the policy of the profile installed in s, shared: the one built before when
 * the profile's text is unchanged, else a new one (which from then on is the one shared). The
 * caller gives it back with policy_put. CD_ESTORE when the database holds no profile or one that
 * does not load (a damaged database: the message says why). Thread-safe. */
enum cd_err policy_get(struct store *s, const struct policy **out, struct cd_diag *d);

/* policy_put gives back a policy of policy_get; NULL is accepted. */
void policy_put(const struct policy *pol);

/* policy_build builds a policy of profile p alone (which it consumes), not shared: for `eval`
 * and tests. Free with policy_put. */
enum cd_err policy_build(struct profile *p, const struct policy **out, struct cd_diag *d);

/* The organisation's own default rectification period of a notice in working days, where its
 * policy sets none (a setting of the office, audited: svc_notice_default_set); 0: none. */
#define POLICY_NOTICE_DEFAULT     "notice_default_workdays"
#define POLICY_NOTICE_DEFAULT_MAX 365

/* policy_profile_with: base with the organisation's own settings applied where the policy is
 * silent — today the default rectification period of a notice — in arena a (base itself when
 * nothing applies). */
enum cd_err policy_profile_with(struct store *s, const struct profile *base, struct arena *a,
				const struct profile **out, struct cd_diag *d);

/* policy_notice_default reads that setting (0: none). */
enum cd_err policy_notice_default(struct store *s, int *days, struct cd_diag *d);

/* The organisation's reporter type under the 2025 reporting measures (cii, central_organ, other),
 * which sets an incident's reporting deadline where neither a CII system nor the incident says
 * otherwise (a setting of the office, audited: svc_reporter_type_set). Not set: unknown. */
#define POLICY_REPORTER_TYPE "reporter_type"

/* policy_reporter_type reads it: *set false when the organisation has not said. */
enum cd_err policy_reporter_type(struct store *s, bool *set, enum reporter *r, struct cd_diag *d);

/* Whether a notice's feedback waits for the unit leader's approval (请示报告, IMNU 2022
 * 第十二条（三）: the unit reports to its leader before answering the notifying office): a setting
 * of the office, audited (svc_feedback_approval_set); "1" on, anything else off. Off unless set:
 * the central and Yantai texts ask no such step, and notices answered before the step existed
 * have none. */
#define POLICY_FEEDBACK_APPROVAL "feedback_approval"

/* policy_feedback_approval reads it. */
enum cd_err policy_feedback_approval(struct store *s, bool *on, struct cd_diag *d);

/* policy_cache_clear drops the shared policy (at exit, so that leak checkers see nothing). */
void policy_cache_clear(void);

#endif
