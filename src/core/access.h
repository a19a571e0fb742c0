/* access.h — who may do what: the account roles of cyberduty (five business roles scoped to a
 * unit subtree, and the three separated administrators of 三员分立) and the permission classes
 * every API route is tagged with. The one rule of authorisation lives here (access_allows);
 * http/ applies it to every request from its route table, and tests prove it role by route. */
#ifndef CD_ACCESS_H
#define CD_ACCESS_H

#include <stdbool.h>

enum account_role {
	AR_NONE,        /* 未授权: an account the security administrator has not yet given a role */
	AR_OFFICE,      /* 领导小组办公室: runs the system for the organisation (writes, decides) */
	AR_OFFICER,     /* 单位网络安全员: keeps its unit's register, answers notices, reports incidents */
	AR_UNIT_LEADER, /* 单位负责人: reads its unit's subtree, records meetings and decisions */
	AR_LEADER,      /* 组织领导: reads everything in scope, read-only */
	AR_AUDITOR,     /* 审计（纪检）人员: reads everything in scope, read-only */
	AR_SYSADMIN,    /* 系统管理员: accounts and settings, nothing else */
	AR_SECADMIN,    /* 安全管理员: roles, scopes and API tokens, nothing else */
	AR_AUDITADMIN,  /* 审计管理员: reads and verifies the audit log, nothing else */
	AR__MAX
};

const char *account_role_code(enum account_role r);  /* "office", … "auditadmin"; "?" */
const char *account_role_label(enum account_role r); /* 中文 */
int account_role_parse(const char *s);               /* code or label → role, -1 */

/* account_role_suggest: the role code closest to s, for "did you mean" ("secadmn" →
 * "secadmin"); NULL when none is close (names_nearest's rule). */
const char *account_role_suggest(const char *s);

/* account_role_admin: one of the three separated administrators (they have no unit scope and
 * no business access). */
bool account_role_admin(enum account_role r);

/* account_role_scoped: the role's access is limited to a unit subtree (the business roles). */
bool account_role_scoped(enum account_role r);

/* The permission class of a route: what kind of act it is. */
enum perm {
	PERM_PUBLIC,  /* anyone, signed in or not: health, the OpenAPI document, sign-in */
	PERM_SELF,    /* any signed-in account, on itself: who am I, sign out, password, TOTP */
	PERM_READ,    /* read business data in scope: every business role */
	PERM_WORK,    /* the unit's daily work in scope: register, notice answers, incidents, records */
	PERM_RECORD,  /* records of meetings, training, drills … in scope: also unit leaders */
	PERM_OFFICE,  /* the office's acts: notices, verification, extensions, accountability */
	PERM_ACCOUNTS, /* accounts and settings: the system administrator only */
	PERM_ROLES,   /* roles, scopes and API tokens: the security administrator only */
	PERM_AUDIT,   /* the audit log: the audit administrator only */
	PERM_APPROVE, /* the leading group's approval (审定) of a yearly assessment: the
		       * organisation's leaders, who otherwise only read */
	PERM_SIGNOFF, /* the unit leader's sign-off (a notice's feedback before it is sent,
		       * 请示报告) */
	PERM__MAX
};

const char *perm_code(enum perm p);

/* access_allows: role r may perform an act of class p (before any scope test). */
bool access_allows(enum account_role r, enum perm p);

#endif
