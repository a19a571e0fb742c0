/* demo.h — a realistic demonstration organisation for `cyberduty demo`: units, people, duties
 * and assets shaped after the profile in force (a university, a municipal foreign-affairs
 * office, a party committee department), with a handful of deliberate gaps for `check`. */
#ifndef CD_DEMO_H
#define CD_DEMO_H

#include <stddef.h>

#include "core/access.h"
#include "core/date.h"
#include "core/err.h"
#include "core/profile.h"
#include "store/store.h"

/* demo_build fills an empty, initialised store with a realistic organisation for profile p,
 * dated relative to `today` (the caller's date: the data never depends on the clock), inside
 * one transaction (all or nothing). Each unit, person, duty and asset is written by the act of
 * svc/register.h every caller uses — checked the same way, with its audit entry (`unit.create`
 * …, actor "demo", stamped with the time it is written). Deterministic: same profile and
 * today → same data.
 *
 * The shape follows p->id: "imnu-2022" gives 内蒙古师范大学 (about 80 people and 85
 * assets), "yantai-fao-2021" 烟台市人民政府外事办公室 (about 20 people, 17 assets), and
 * "central-2017" or any other id 中共某市委某部 (about 20 people, 16 assets). Every shape
 * leaves a few gaps on purpose (a missing or overlapping role holder, an asset no unit
 * answers for, an unfiled or overdue MLPS system) so that `check` on `today` reports them;
 * all gap dates are counted back from `today` so they stay true.
 *
 * Errors: CD_ECONFLICT when the register already holds units, people, assets or duties
 * (nothing is written); any error of the store (the transaction is rolled back). The diag
 * says what failed. The store stays owned by the caller. */
enum cd_err demo_build(struct store *s, const struct profile *p, cd_date today, struct cd_diag *d);

/* demo_deadlines adds, to a register built by demo_build, notices in every state (with a repeat
 * within the profile's window, support requested, an extension granted), records fulfilling
 * most of last year's and some of this year's duties (one done late, one missed: obligations
 * are kept from last year on), and two IT projects (one under the budget ratio), all dated
 * back from `today`, each by its act (svc/work.h, svc/register.h) with its audit entry. One
 * transaction. */
enum cd_err demo_deadlines(struct store *s, const struct profile *p, cd_date today,
			   struct cd_diag *d);

/* demo_incidents adds, to a register with the notices of demo_deadlines, incidents in every
 * state, dated back from `today`: one open whose report is not yet due (detected at 20:30
 * today), one whose report is overdue, one reported on time and closed with its summary, one
 * closed whose summary is overdue, a repeat on a system that had a notice within the profile's
 * window (criticism proposed where the profile has one), one whose chain has a vacant role,
 * and one whose accountability case went from proposal through an answer and a recommendation
 * to a decision. Each on a system of its own that has no notice after it, so the notices' own
 * repeats stay as they were. One transaction. */
enum cd_err demo_incidents(struct store *s, const struct profile *p, cd_date today,
			   struct cd_diag *d);

/* demo_assess adds the yearly assessments (检查考核) of six units: last year's all approved (one
 * vetoed), this year's in every stage — the login unit's in draft with a manual value left to
 * enter, submitted, reviewed (with an exemption), approved, returned with its reason, and
 * approved then revised as a new version — each step by its act, dated back from `today`. One
 * transaction. */
enum cd_err demo_assess(struct store *s, const struct profile *p, cd_date today,
			struct cd_diag *d);

/* A demo sign-in. Its password and TOTP key are fixed and published (here and in the output of
 * `cyberduty demo`): a demo database is for 127.0.0.1 only. */
struct demo_login {
	const char *name;
	enum account_role role;
	const char *unit;     /* scope: a unit code; NULL for the administrators */
	const char *password; /* meets the default password rules */
	const char *totp;     /* base32 TOTP key in force; NULL when the account has none */
};

#define DEMO_LOGINS 8

/* demo_logins fills out with the sign-ins demo_accounts makes for profile p and returns how many:
 * the office at the organisation's root, an officer and a unit leader of a department that has
 * systems, notices and incidents, a leader and an auditor at the root, and the three
 * administrators (with TOTP keys). */
size_t demo_logins(const struct profile *p, struct demo_login out[DEMO_LOGINS]);

/* demo_accounts creates the accounts of demo_logins, with their passwords and keys, at `now`, in
 * one transaction. The passwordless system administrator of a fresh `init` is taken over;
 * CD_ECONFLICT when an account of one of those names exists otherwise. */
enum cd_err demo_accounts(struct store *s, const struct profile *p, cd_time now,
			  struct cd_diag *d);

/* demo_notify runs the reminder scheduler once at `now` over the demo's notices (after its
 * accounts exist), on a day off as well, so that the bell of the office, the officer and the
 * unit leader shows the reminders and escalations of its overdue and due-soon notices. */
enum cd_err demo_notify(struct store *s, cd_time now, struct cd_diag *d);

#endif
