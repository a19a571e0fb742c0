/* demo_notify.c — the demo's reminders: one round of the scheduler (notify/rules.c) once the
 * demo's accounts exist, so that the bell shows its overdue and due-soon notices. */
#include "demo/demo.h"
#include "notify/notify.h"
#include "svc/act.h"
#include "svc/policy.h"

enum cd_err demo_notify(struct store *s, cd_time now, struct cd_diag *d)
{
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	size_t added = 0;
	enum cd_err rc = a ? policy_get(s, &pol, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");

	if (!rc) {
		struct act c = {.s = s, .pol = pol, .actor = "demo", .ip = "", .now = now, .a = a,
				.d = d};

		rc = notify_plan(&c, true, &added);
	}
	policy_put(pol);
	arena_free(a);
	return rc;
}
