/* access.c — the roles and the one table of who may do what (see access.h). */
#include "access.h"

#include <string.h>

#include "names.h"

static const struct name role_names[AR__MAX] = {
	[AR_NONE] = {"none", "未授权", NULL},
	[AR_OFFICE] = {"office", "领导小组办公室", NULL},
	[AR_OFFICER] = {"officer", "单位网络安全员", "网络安全员"},
	[AR_UNIT_LEADER] = {"unit_leader", "单位负责人", NULL},
	[AR_LEADER] = {"leader", "组织领导", NULL},
	[AR_AUDITOR] = {"auditor", "审计人员", NULL},
	[AR_SYSADMIN] = {"sysadmin", "系统管理员", NULL},
	[AR_SECADMIN] = {"secadmin", "安全管理员", NULL},
	[AR_AUDITADMIN] = {"auditadmin", "审计管理员", NULL},
};

NAMES(account_role, enum account_role, role_names, AR__MAX)

static const char *role_word(int i)
{
	return role_names[i].code;
}

const char *account_role_suggest(const char *s)
{
	return s ? names_nearest(s, strlen(s), role_word, AR__MAX) : NULL;
}

bool account_role_admin(enum account_role r)
{
	return r == AR_SYSADMIN || r == AR_SECADMIN || r == AR_AUDITADMIN;
}

bool account_role_scoped(enum account_role r)
{
	return r >= AR_OFFICE && r <= AR_AUDITOR;
}

static const char *const perm_codes[PERM__MAX] = {
	[PERM_PUBLIC] = "public", [PERM_SELF] = "self",       [PERM_READ] = "read",
	[PERM_WORK] = "work",     [PERM_RECORD] = "record",   [PERM_OFFICE] = "office",
	[PERM_ACCOUNTS] = "accounts", [PERM_ROLES] = "roles", [PERM_AUDIT] = "audit",
	[PERM_APPROVE] = "approve", [PERM_SIGNOFF] = "signoff",
};

const char *perm_code(enum perm p)
{
	return (int)p >= 0 && p < PERM__MAX ? perm_codes[p] : "?";
}

/* The matrix. A row per role, a bit per permission class. 三员分立: each administrator has its
 * own class and nothing of the business; no business role has an administrator's class. */
#define B(p) (1u << (p))
static const unsigned allowed[AR__MAX] = {
	[AR_NONE] = B(PERM_PUBLIC) | B(PERM_SELF),
	[AR_OFFICE] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_READ) | B(PERM_WORK) | B(PERM_RECORD) |
		      B(PERM_OFFICE),
	[AR_OFFICER] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_READ) | B(PERM_WORK) | B(PERM_RECORD),
	[AR_UNIT_LEADER] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_READ) | B(PERM_RECORD) |
			   B(PERM_SIGNOFF),
	[AR_LEADER] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_READ) | B(PERM_APPROVE),
	[AR_AUDITOR] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_READ),
	[AR_SYSADMIN] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_ACCOUNTS),
	[AR_SECADMIN] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_ROLES),
	[AR_AUDITADMIN] = B(PERM_PUBLIC) | B(PERM_SELF) | B(PERM_AUDIT),
};
#undef B

bool access_allows(enum account_role r, enum perm p)
{
	if ((int)r < 0 || r >= AR__MAX || (int)p < 0 || p >= PERM__MAX)
		return false;
	return (allowed[r] >> p) & 1u;
}
