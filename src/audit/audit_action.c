/* audit_action.c — the audit log's vocabulary as a person reads it: every action (docs/audit.md,
 * "What is logged") with its Chinese and English label, and the outcomes'. One table, read by
 * the command line (`audit list`, `audit actions`) and the API (`action_label` beside `action`,
 * api/labels.c). tests/unit/test_audit_action.c fails on an action of docs/audit.md or of the
 * code that has no label here. */
#include <string.h>

#include "audit.h"
#include "core/lang.h"

struct label {
	const char *code, *zh, *en;
};

static const struct label actions[] = {
    /* the daily work (src/svc/work.h) */
    {"notice.create", "登记通报", "record a notice"},
    {"notice.start", "通报：开始整改", "notice: rectification started"},
    {"notice.rectify", "通报：整改完成", "notice: rectified"},
    {"notice.approve", "通报：单位负责人审批反馈", "notice: feedback approved by the unit leader"},
    {"notice.feedback", "通报：反馈通报部门", "notice: feedback sent"},
    {"notice.verify", "通报：核查通过", "notice: verified"},
    {"notice.support", "通报：申请技术支持", "notice: support requested"},
    {"notice.extend", "通报：同意延期", "notice: extension granted"},
    {"notice.checked", "通报：举一反三排查", "notice: similar systems checked"},
    {"notice.correct", "更正通报", "correct a notice"},
    {"record.create", "登记工作记录", "record a duty done"},
    {"record.void", "作废工作记录", "withdraw a record"},
    {"record.update", "更正工作记录", "correct a record"},
    {"incident.create", "登记安全事件", "record an incident"},
    {"incident.read", "查看安全事件", "read an incident"},
    {"incident.event", "安全事件：记录进展", "incident: an event recorded"},
    {"incident.correct", "更正安全事件", "correct an incident"},
    {"incident.report", "安全事件：报告", "incident: a report made"},
    {"incident.close", "安全事件：处置结束", "incident: handling ended"},
    {"incident.propose", "责任追究：提出认定意见", "accountability: proposal"},
    {"incident.recommend", "责任追究：提出问责建议", "accountability: recommendation"},
    {"incident.decide", "责任追究：作出问责决定", "accountability: decision"},
    {"accountability.answer", "责任追究：认定待定事实", "accountability: open question answered"},
    {"assessment.open", "建立考核表", "open an assessment sheet"},
    {"assessment.value", "考核：填写指标", "assessment: a value entered"},
    {"assessment.submit", "考核：提交自评", "assessment: self-assessment submitted"},
    {"assessment.review", "考核：复评", "assessment: reviewed"},
    {"assessment.approve", "考核：审定", "assessment: approved"},
    {"assessment.return", "考核：退回单位", "assessment: returned to the unit"},
    {"assessment.send_back", "考核：退回复评", "assessment: sent back for review"},
    {"assessment.revise", "考核：修订已审定考核表", "assessment: approved sheet revised"},
    {"assessment.template", "启用考核指标模板", "install an indicator template"},
    {"evidence.add", "上传证明材料", "attach an evidence file"},
    {"evidence.read", "下载证明材料", "download an evidence file"},
    {"evidence.withdraw", "撤回证明材料", "withdraw an evidence file"},
    {"report.annual", "生成年度报告", "produce the annual report"},
    {"report.feedback", "生成整改反馈单", "produce a feedback form"},
    {"report.recommendation", "生成问责建议书", "produce an accountability recommendation"},
    {"report.duties", "生成责任清单", "produce the responsibility list"},
    {"report.ledger", "生成台账", "produce the ledger"},
    {"report.assessment", "生成考核结果", "produce the assessment results"},
    /* the register (src/svc/register.h) */
    {"unit.create", "新增单位", "add a unit"},
    {"unit.update", "修改单位", "change a unit"},
    {"person.create", "登记人员", "add a person"},
    {"person.update", "修改人员信息", "change a person"},
    {"person.list", "查看人员名单", "read the list of persons"},
    {"person.read", "查看人员信息", "read a person"},
    {"person.export", "导出人员信息", "export persons"},
    {"duty.create", "登记责任分工", "record a duty holder"},
    {"duty.update", "变更责任分工", "end or correct a duty holder"},
    {"project.create", "登记信息化项目", "add an IT project"},
    {"project.update", "修改信息化项目", "change an IT project"},
    {"asset.create", "登记信息系统", "record a system"},
    {"asset.update", "修改信息系统", "change a system"},
    {"import.units", "导入单位", "import units"},
    {"import.people", "导入人员", "import persons"},
    {"import.duties", "导入责任分工", "import duty holders"},
    {"import.assets", "导入信息系统", "import systems"},
    {"import.projects", "导入信息化项目", "import IT projects"},
    {"import.notices", "导入通报", "import notices"},
    /* the administrators (src/svc/accounts.h) */
    {"account.create", "开设账号", "open an account"},
    {"account.list", "查看账号列表", "read the list of accounts"},
    {"account.read", "查看账号", "read an account"},
    {"account.password", "设置密码", "set a password"},
    {"account.role", "授予角色和管辖范围", "give a role and scope"},
    {"account.role_propose", "提出管理员角色变更", "propose an administrator's role change"},
    {"account.role_refuse", "拒绝角色变更", "refuse a role change"},
    {"account.role_withdraw", "撤回角色变更提议", "withdraw a proposed role change"},
    {"account.update", "锁定、解锁、停用或启用账号", "lock, unlock, disable or enable an account"},
    {"account.totp_begin", "生成动态口令密钥", "begin second-factor enrolment"},
    {"account.totp_enable", "启用动态口令", "enable the second factor"},
    {"account.totp_disable", "停用动态口令", "remove the second factor"},
    {"token.create", "签发接口令牌", "issue an API token"},
    {"token.revoke", "吊销接口令牌", "revoke an API token"},
    {"settings.update", "修改安全设置", "change the security settings"},
    {"settings.notice_default", "设置默认整改期限", "set the default rectification period"},
    {"settings.reporter_type", "设置本单位报告主体类型", "set the organisation's reporter type"},
    {"settings.feedback_approval", "设置反馈须经单位负责人审核", "set whether feedback waits for the unit leader's approval"},
    {"session.login", "登录", "sign in"},
    {"session.logout", "退出登录", "sign out"},
    {"session.refused", "登录过于频繁被拒绝", "sign-ins refused (too many)"},
    {"auth.token", "使用未知令牌", "unknown API token"},
    /* reminders and notifications (src/notify/) */
    {"notify.channel", "配置通知渠道", "configure a channel"},
    {"notify.test", "发送测试消息", "send a test message"},
    {"notify.pref", "选择通知渠道", "choose a channel"},
    {"notify.rules", "设置提醒规则", "set the reminder rules"},
    {"notify.plan", "生成提醒", "plan reminders"},
    {"notify.send", "发送消息", "send a message"},
    /* the other commands */
    {"profile.set", "设置适用制度", "set the policy profile"},
    {"demo.create", "生成演示数据", "create the demo"},
    {"calendar.import", "导入节假日安排", "import a holiday calendar"},
    {"audit.read", "查看审计日志", "read the audit log"},
    {"audit.verify", "校验审计日志", "verify the audit log"},
    {"audit.export", "导出审计日志", "export the audit log"},
    {"audit.retention", "设置审计日志保存期限", "set the audit retention"},
    {"audit.archive", "归档审计日志", "archive audit entries"},
    {"audit.key", "生成审计密钥", "create the audit key"},
    /* a route's refusal that names no act of its own (api/router.c) */
    {"read", "读取", "read"},
    {"write", "写入", "write"},
    /* the names written before the use-case layer (December 2026): older logs keep them */
    {"notice.add", "登记通报", "record a notice"},
    {"record.add", "登记工作记录", "record a duty done"},
    {"incident.add", "登记安全事件", "record an incident"},
    {"incident.set", "安全事件：记录进展", "incident: an event recorded"},
    {"accountability.propose", "责任追究：提出认定意见", "accountability: proposal"},
    {"accountability.recommend", "责任追究：提出问责建议", "accountability: recommendation"},
    {"accountability.decide", "责任追究：作出问责决定", "accountability: decision"},
    {"project.add", "登记信息化项目", "add an IT project"},
    {"register.import", "导入", "import"},
};

static const struct label outcomes[] = {
    {AUDIT_OK, "成功", AUDIT_OK},	     {AUDIT_DENIED, "拒绝", AUDIT_DENIED},
    {AUDIT_INVALID, "无效", AUDIT_INVALID}, {AUDIT_FAILED, "失败", AUDIT_FAILED},
    {AUDIT_LOCKED, "锁定", AUDIT_LOCKED},
};

/* find: the label of code in tab[0..n) in language l, or NULL */
static const char *find(const struct label *tab, size_t n, const char *code, enum lang l)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, tab[i].code))
			return l == LANG_EN ? tab[i].en : tab[i].zh;
	return NULL;
}

const char *audit_action_label_in(const char *action, enum lang l)
{
	return find(actions, sizeof actions / sizeof actions[0], action, l);
}

const char *audit_action_label(const char *action)
{
	return audit_action_label_in(action, lang_get());
}

size_t audit_action_count(void)
{
	return sizeof actions / sizeof actions[0];
}

void audit_action_entry(size_t i, const char **code, const char **zh, const char **en)
{
	*code = actions[i].code;
	*zh = actions[i].zh;
	*en = actions[i].en;
}

const char *audit_outcome_label_in(const char *outcome, enum lang l)
{
	return find(outcomes, sizeof outcomes / sizeof outcomes[0], outcome, l);
}

const char *audit_outcome_label(const char *outcome)
{
	return audit_outcome_label_in(outcome, lang_get());
}
