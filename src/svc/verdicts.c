/* verdicts.c — the verdicts kept beside each notice and incident (schema 0038, store_verdict.h):
 * each act that writes a notice or an incident keeps its verdict in its own transaction
 * (notices.c, incidents.c); what the database's triggers delete — a change the acts do not see
 * one by one: the calendar, the structure, the profile, a setting, a system — and what the clock
 * makes stale (an incident's valid_until passed) is computed again here before the next count. */
#include "svc/work.h"

enum cd_err svc_verdicts_keep(struct act *c, size_t *kept)
{
	int64_t *notices = NULL, *incidents = NULL;
	size_t nn = 0, ni = 0;
	enum cd_err rc = store_verdicts_missing(c->s, c->now, c->a, &notices, &nn, &incidents, &ni,
						c->d);

	*kept = 0;
	for (size_t i = 0; !rc && i < nn; i++)
		rc = svc_notice_verdict_keep(c, notices[i]);
	for (size_t i = 0; !rc && i < ni; i++)
		rc = svc_incident_verdict_keep(c, incidents[i]);
	if (!rc)
		*kept = nn + ni;
	return rc;
}

enum cd_err svc_verdicts_read(struct act *c, bool *own)
{
	int64_t *notices = NULL, *incidents = NULL;
	size_t nn = 0, ni = 0, kept = 0;
	enum cd_err rc = act_read_begin(c, own);

	if (!rc)
		rc = store_verdicts_missing(c->s, c->now, c->a, &notices, &nn, &incidents, &ni, c->d);
	if (rc || (!nn && !ni))
		return rc ? act_read_end(c, *own, rc) : CD_OK;
	if (!*own) /* inside the caller's act (a write transaction): keep them there */
		return svc_verdicts_keep(c, &kept);
	/* some are missing: keep them, in a write transaction that the reads then stay in */
	if ((rc = act_read_end(c, *own, CD_OK)) || (rc = store_begin(c->s, c->d)))
		return rc;
	if ((rc = svc_verdicts_keep(c, &kept)))
		store_rollback(c->s);
	return rc;
}
