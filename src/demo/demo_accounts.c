/* demo_accounts.c — the sign-ins of the demo: one account per business role and the three
 * administrators, with fixed passwords and, for the administrators, fixed TOTP keys, so that
 * `make run` can print them. Published on purpose: a demo database is for 127.0.0.1 only. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "demo_int.h"
#include "svc/accounts.h"
#include "svc/act.h"
#include "svc/policy.h"

/* clang-format off */
static const struct demo_login logins[DEMO_LOGINS] = {
	/* name          role            unit (R root, D department)  password          TOTP key */
	{ "office",      AR_OFFICE,      "R", "Bangongshi#2026",   NULL },
	{ "officer",     AR_OFFICER,     "D", "Anquanyuan#2026",   NULL },
	{ "unit-leader", AR_UNIT_LEADER, "D", "Fuzeren#2026a",     NULL },
	{ "leader",      AR_LEADER,      "R", "Lingdao#2026ab",    NULL },
	{ "auditor",     AR_AUDITOR,     "R", "Shenji#2026abc",    NULL },
	{ "sysadmin",    AR_SYSADMIN,    NULL, "Xitong#Guanli26",  "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA" },
	{ "secadmin",    AR_SECADMIN,    NULL, "Anquan#Guanli26",  "KRUGS4ZANFZSA5DIMUQHIZLTOQQGWZLZ" },
	{ "auditadmin",  AR_AUDITADMIN,  NULL, "Shenji#Guanli26",  "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U" },
};
/* clang-format on */

size_t demo_logins(const struct profile *p, struct demo_login out[DEMO_LOGINS])
{
	const char *root, *dept;

	demo_login_units(p, &root, &dept);
	for (size_t i = 0; i < DEMO_LOGINS; i++) {
		out[i] = logins[i];
		if (logins[i].unit)
			out[i].unit = logins[i].unit[0] == 'R' ? root : dept;
	}
	return DEMO_LOGINS;
}

/* one creates (or takes over) the account of login l through the acts an administrator uses (account.create and
 * account.password in the audit log, as from the API or the command line). The administrators'
 * TOTP keys are the one thing seeded straight: no act lets a person choose a key (it is drawn at
 * random and shown once), and the demo's must be known to be printed. */
static enum cd_err one(struct act *c, const struct demo_login *l)
{
	struct account_new in = {.name = l->name, .role = l->role, .unit = l->unit};
	struct account a;
	enum cd_err rc = account_by_name(c->s, l->name, c->now, &a, c->d);

	/* `init` opens the system administrator with no password yet: the demo takes it over */
	if (!rc && (a.role != l->role || a.password_set))
		return cd_diag_set(c->d, CD_ECONFLICT,
				   "demo: the database has an account \"%s\" already; the demo needs a "
				   "new database",
				   l->name);
	if (rc == CD_ENOTFOUND)
		rc = svc_account_create(c, &in, &a);
	if (!rc)
		rc = svc_account_password(c, a.id, l->password);
	if (!rc && l->totp)
		rc = account_totp_set(c->s, a.id, l->totp, c->d);
	return rc;
}

enum cd_err demo_accounts(struct store *s, const struct profile *p, cd_time now,
			  struct cd_diag *d)
{
	struct demo_login v[DEMO_LOGINS];
	size_t n = demo_logins(p, v);
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	enum cd_err rc = a ? policy_get(s, &pol, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");
	struct act c = {.s = s, .pol = pol, .actor = "demo", .ip = "", .now = now, .a = a, .d = d};

	for (size_t i = 0; !rc && i < n; i++)
		rc = one(&c, &v[i]);
	policy_put(pol);
	arena_free(a);
	return rc;
}
