/* demo_accounts.c — the sign-ins of the demo: one account per business role and the three
 * administrators, with fixed passwords and, for the administrators, fixed TOTP keys, so that
 * `make run` can print them. Published on purpose: a demo database is for 127.0.0.1 only. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "demo_int.h"
#include "svc/accounts.h"

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

/* unit_id finds the id of the unit with `code` in the register. */
static enum cd_err unit_id(const struct reg *r, const char *code, int64_t *id, struct cd_diag *d)
{
	const struct unit *u = code ? reg_unit_by_code(r, code) : NULL;

	*id = u ? u->id : 0;
	if (code && !u)
		return cd_diag_set(d, CD_EINVAL, "demo: no unit %s for the demo sign-ins", code);
	return CD_OK;
}

/* one creates (or takes over) the account of login l. */
static enum cd_err one(struct store *s, const struct reg *r, const struct demo_login *l,
		       cd_time now, struct cd_diag *d)
{
	struct account a;
	int64_t unit = 0;
	enum cd_err rc = unit_id(r, l->unit, &unit, d);

	if (!rc)
		rc = account_by_name(s, l->name, now, &a, d);
	if (rc == CD_ENOTFOUND)
		rc = account_create(s, l->name, "", l->role, unit, now, &a, d);
	else if (!rc && (a.role != l->role || a.password_set))
		rc = cd_diag_set(d, CD_ECONFLICT,
				 "demo: the database has an account \"%s\" already; the demo needs a "
				 "new database",
				 l->name);
	if (!rc)
		rc = account_password_set(s, a.id, l->password, now, d);
	if (!rc && l->totp)
		rc = account_totp_set(s, a.id, l->totp, d);
	return rc;
}

enum cd_err demo_accounts(struct store *s, const struct profile *p, cd_time now,
			  struct cd_diag *d)
{
	struct demo_login v[DEMO_LOGINS];
	size_t n = demo_logins(p, v);
	struct reg *r = NULL;
	enum cd_err rc = store_reg_load(s, &r, d);

	if (!rc)
		rc = store_begin(s, d);
	for (size_t i = 0; !rc && i < n; i++)
		rc = one(s, r, &v[i], now, d);
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	reg_free(r);
	return rc;
}
