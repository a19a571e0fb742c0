/* demo_incidents.c — the incident side of the demo (see demo.h): seven incidents in every state
 * of their reports, handling and accountability case, each on a system of its own that has no
 * notice after it, dated back from `today` so the states stay true on the day the demo is
 * built. Every event goes through incident_apply before it is stored, and is recorded at the
 * time it happened (the demo writes a history; deterministic). */
#include "demo.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "demo_int.h"
#include "svc/accountability.h"
#include "svc/book.h"
#include "svc/work.h"

enum story {
	S_DECIDED,         /* 120 days ago, concealed, a decided accountability case */
	S_SUMMARY_OVERDUE, /* 90 days ago, closed, no summary report */
	S_CLOSED,          /* 60 days ago, reported on time, closed, summary done */
	S_REPEAT,          /* 30 days ago, on a system that had a notice before */
	S_OVERDUE,         /* 2 days ago, not reported */
	S_VACANT,          /* yesterday, a role of its chain vacant */
	S_OPEN,            /* today 20:30 (or half an hour ago), report not yet due */
	S__MAX
};

struct ictx {
	struct store *s;
	struct act act; /* the acts of svc/work.h, writing a dated history in the demo's transaction */
	struct book b;
	struct incident_env env;
	cd_date today;
	const struct asset *asset[S__MAX];
	int serial;
	struct cd_diag *d;
};

/* ---- choosing the systems ---- */

static bool used(const struct ictx *c, const struct asset *a)
{
	for (int i = 0; i < S__MAX; i++)
		if (c->asset[i] == a)
			return true;
	return false;
}

/* safe: a live system no other story uses, with no notice received at or after t (an incident
 * before a notice would make that notice a repeat). */
static bool safe(const struct ictx *c, const struct asset *a, cd_time t)
{
	if (a->status != STATUS_LIVE || used(c, a))
		return false;
	for (size_t i = 0; i < c->b.nnotices; i++) {
		const struct notice *n = &c->b.notices[i];

		for (size_t k = 0; k < n->nassets; k++)
			if (n->assets[k] == a->id && n->received_at >= t)
				return false;
	}
	return true;
}

/* had_notice: a notice on a was received before t. */
static bool had_notice(const struct ictx *c, const struct asset *a, cd_time t)
{
	for (size_t i = 0; i < c->b.nnotices; i++)
		for (size_t k = 0; k < c->b.notices[i].nassets; k++)
			if (c->b.notices[i].assets[k] == a->id && c->b.notices[i].received_at < t)
				return true;
	return false;
}

/* vacant: an incident on a at t would find a required role vacant in its chain. */
static bool vacant(struct ictx *c, const struct asset *a, cd_time t)
{
	struct incident x;
	struct incident_analysis an;
	int64_t id = a->id;

	incident_init(&x);
	x.code = "";
	x.assets = &id;
	x.nassets = 1;
	x.detected_at = t;
	return incident_analyse(&c->env, &x, t, c->b.a, &an) == CD_OK && an.nvacant > 0;
}

/* story_time: when story s's incident was detected. Today's is at 20:30 — or, made today before
 * 21:00, half an hour ago to the minute, so that what it records has happened (a list at the
 * moment would show it, `incident list` of the day would not). */
static cd_time story_time(const struct ictx *c, enum story s)
{
	static const short ago[S__MAX] = {120, 90, 60, 30, 2, 1, 0};
	static const short hour[S__MAX] = {8, 10, 9, 14, 10, 15, 20};
	cd_time t = demo_at(c->today - ago[s], hour[s], s == S_OPEN ? 30 : 0);
	cd_time now = (cd_time)time(NULL);

	if (s == S_OPEN && time_cst_date(now) == c->today && t > now - 1800)
		t = (now - 1800) / 60 * 60;
	return t;
}

/* fits: system a suits story s at t. */
static bool fits(struct ictx *c, enum story s, const struct asset *a, cd_time t)
{
	switch (s) {
	case S_REPEAT:
		return had_notice(c, a, t);
	case S_VACANT:
		return vacant(c, a, t);
	case S_OPEN:
	case S_SUMMARY_OVERDUE:
		return a->personal_info;
	case S_OVERDUE:
		return a->kind == ASSET_SERVER;
	case S_CLOSED:
		return a->kind == ASSET_PORTAL || a->kind == ASSET_PLATFORM;
	default:
		return a->rel[REL_MANAGER] != 0;
	}
}

/* choose: the first safe system that fits story s, else the first safe one (a vacancy cannot
 * be had by falling back: NULL). */
static const struct asset *choose(struct ictx *c, enum story s)
{
	const struct reg *reg = c->b.reg;
	cd_time t = story_time(c, s);

	for (size_t i = 0; i < reg->nassets; i++)
		if (safe(c, &reg->assets[i], t) && fits(c, s, &reg->assets[i], t))
			return &reg->assets[i];
	for (size_t i = 0; s != S_VACANT && i < reg->nassets; i++)
		if (safe(c, &reg->assets[i], t))
			return &reg->assets[i];
	return NULL;
}

/* ---- writing the timeline ---- */

/* One incident of a story being written: the record as stored, and its code. */
struct rec {
	struct incident x;
	char code[64];
};

/* ev appends e to x's timeline through the act, recorded at the time it happened. */
static enum cd_err ev(struct ictx *c, struct incident *x, struct incident_event e)
{
	struct incident_view v;
	enum cd_err rc;

	e.recorded_at = CD_TIME_NONE;
	rc = svc_incident_events(&c->act, x->id, NULL, svc_incident_action(e.kind), &e, 1, &v);
	if (!rc)
		*x = v.x;
	return rc;
}

static enum cd_err set(struct ictx *c, struct incident *x, cd_time at, const char *name,
                       const char *value)
{
	return ev(c, x,
	          (struct incident_event){
	              .kind = IEV_SET, .at = at, .by = "值班员", .name = name, .value = value});
}

static enum cd_err set_time(struct ictx *c, struct incident *x, const char *name, cd_time t)
{
	char buf[26];

	return set(c, x, t, name, time_format(t, buf));
}

static enum cd_err measure(struct ictx *c, struct incident *x, cd_time at, const char *name,
                           const char *value)
{
	return ev(
	    c, x,
	    (struct incident_event){
	        .kind = IEV_MEASURE, .at = at, .by = "信息中心", .name = name, .value = value});
}

static enum cd_err report(struct ictx *c, struct incident *x, cd_time at, const char *kind)
{
	return ev(c, x,
	          (struct incident_event){.kind = IEV_REPORT,
	                                  .at = at,
	                                  .by = "领导小组办公室",
	                                  .name = kind,
	                                  .value = "上级网信部门"});
}

static enum cd_err step(struct ictx *c, struct incident *x, cd_time at, int kind, const char *note)
{
	return ev(
	    c, x,
	    (struct incident_event){
	        .kind = (enum incident_event_kind)kind, .at = at, .by = "信息中心", .note = note});
}

static enum cd_err confirm(struct ictx *c, struct incident *x, cd_time at)
{
	return ev(c, x,
	          (struct incident_event){.kind = IEV_GRADE,
	                                  .at = at,
	                                  .by = "领导小组办公室",
	                                  .value = "larger",
	                                  .note = "个人信息泄露逾百万人，按分级指南定为较大事件"});
}

/* begin records the incident of story s in r: its code, title, system, detection and class. */
static enum cd_err begin(struct ictx *c, enum story s, struct rec *r, const char *title,
                         const char *cls)
{
	const char *assets[] = {c->asset[s]->code};
	struct incident_new in = {.title = title, .detected_at = story_time(c, s), .assets = assets,
				  .nassets = 1};
	struct incident_event e = {.kind = IEV_SET, .at = in.detected_at, .by = "值班员",
				   .name = "class", .value = cls, .recorded_at = CD_TIME_NONE};
	struct incident_view v;
	enum cd_err rc;
	int y, m, d;

	date_to_ymd(time_cst_date(in.detected_at), &y, &m, &d);
	snprintf(r->code, sizeof r->code, "示例事件〔%d〕%d号", y, ++c->serial);
	in.code = r->code;
	if (!(rc = svc_incident_add(&c->act, &in, &e, 1, &v)))
		r->x = v.x;
	return rc;
}

/* A data leak of `people` people, found at detection: 较大 from 1,000,000 (confirmed). */
static enum cd_err leak(struct ictx *c, struct incident *x, const char *people)
{
	return measure(c, x, x->detected_at + 3600, "personal_info_people", people);
}

/* ---- the stories ---- */

static enum cd_err open_today(struct ictx *c)
{
	struct rec r;
	struct incident *x = &r.x;
	enum cd_err rc =
	    begin(c, S_OPEN, &r, "系统接口遭批量调用，疑似个人信息泄露", "data_security");

	if (!rc)
		rc = set(c, x, x->detected_at, "reporter", "other");
	if (!rc)
		rc = measure(c, x, x->detected_at + 900, "personal_info_people", "1200000");
	if (!rc)
		rc = step(c, x, x->detected_at + 1200, IEV_STEP, "关闭相关接口，封禁异常来源地址");
	return rc;
}

static enum cd_err overdue(struct ictx *c)
{
	struct rec r;
	struct incident *x = &r.x;
	enum cd_err rc = begin(c, S_OVERDUE, &r, "服务器感染勒索病毒，业务中断", "malware");

	if (!rc)
		rc = set_time(c, x, "outage_start", x->detected_at);
	if (!rc)
		rc = set_time(c, x, "outage_end", x->detected_at + 6 * 3600);
	if (!rc)
		rc = measure(c, x, x->detected_at + 8 * 3600, "direct_loss_yuan", "6000000");
	if (!rc)
		rc = step(c, x, x->detected_at + 1800, IEV_STEP, "断网隔离，启用备份恢复业务");
	return rc;
}

/* reported_leak: a leak reported within two hours, confirmed 较大, handling ended close_days
 * after detection and its summary report sent summary_days after detection (0: not sent). */
static enum cd_err reported_leak(struct ictx *c, enum story s, const char *title,
                                 const char *people, int close_days, int summary_days)
{
	struct rec r;
	struct incident *x = &r.x;
	cd_date day;
	enum cd_err rc = begin(c, s, &r, title, "data_security");

	day = time_cst_date(x->detected_at);
	if (!rc)
		rc = leak(c, x, people);
	if (!rc)
		rc = report(c, x, x->detected_at + 2 * 3600, "initial");
	if (!rc)
		rc = confirm(c, x, x->detected_at + 3 * 3600);
	if (!rc)
		rc = report(c, x, x->detected_at + 26 * 3600, "supplementary");
	if (!rc)
		rc = step(c, x, demo_at(day + close_days, 17, 0), IEV_CLOSE,
		          "漏洞修复，系统恢复上线");
	if (!rc && summary_days)
		rc = report(c, x, demo_at(day + summary_days, 10, 0), "summary");
	return rc;
}

static enum cd_err closed(struct ictx *c)
{
	return reported_leak(c, S_CLOSED, "网站后台被入侵，用户信息被窃取", "3000000", 2, 20);
}

static enum cd_err summary_overdue(struct ictx *c)
{
	return reported_leak(c, S_SUMMARY_OVERDUE, "数据库配置不当导致个人信息泄露", "1500000", 5,
	                     0);
}

static enum cd_err repeat(struct ictx *c)
{
	struct rec r;
	struct incident *x = &r.x;
	enum cd_err rc =
	    begin(c, S_REPEAT, &r, "通报问题整改后再次被利用，弱口令登录后台", "network_attack");

	if (!rc)
		rc = step(c, x, x->detected_at + 3600, IEV_STEP, "修改口令，启用双因素认证");
	if (!rc)
		rc = step(c, x, x->detected_at + 5 * 3600, IEV_CLOSE, "处置完毕");
	return rc;
}

static enum cd_err vacancy(struct ictx *c)
{
	struct rec r;

	if (!c->asset[S_VACANT])
		return CD_OK; /* no chain in this register has a vacant role */
	return begin(c, S_VACANT, &r, "网站页面被植入博彩链接", "content_security");
}

/* ---- the decided case ---- */

static int64_t holder(const struct ictx *c, enum role r, int64_t unit, cd_date on)
{
	const struct duty *h[1];

	return unit && reg_holders(c->b.reg, r, unit, 0, on, h, 1) ? h[0]->person : 0;
}

static int64_t root_unit(const struct reg *reg)
{
	for (size_t i = 0; i < reg->nunits; i++)
		if (reg_is_root(&reg->units[i]))
			return reg->units[i].id;
	return 0;
}

/* people: the officer who left the report undone, and the leadership members who decided not
 * to report it (collective), on the day. */
static enum cd_err people(struct ictx *c, struct incident *x)
{
	cd_date on = time_cst_date(x->detected_at);
	int64_t root = root_unit(c->b.reg), officer = holder(c, ROLE_SECURITY_OFFICER, x->unit, on);
	const struct duty *h[2];
	size_t n = root ? reg_holders(c->b.reg, ROLE_LEADERSHIP_MEMBER, root, 0, on, h, 2) : 0;
	enum cd_err rc = CD_OK;

	if (officer)
		rc = ev(
		    c, x,
		    (struct incident_event){
		        .kind = IEV_PERSON, .at = CD_TIME_NONE, .by = "调查组", .person = officer});
	for (size_t i = 0; !rc && i < n && i < 2; i++)
		rc = ev(c, x,
		        (struct incident_event){.kind = IEV_PARTICIPANT,
		                                .at = CD_TIME_NONE,
		                                .by = "调查组",
		                                .person = h[i]->person,
		                                .note = "参加了暂缓报告的会商"});
	return rc;
}

/* kept: the proposal or recommendation as of `at`, kept in the timeline by the act. */
static enum cd_err kept(struct ictx *c, struct incident *x, int kind, cd_time at)
{
	struct incident_view v;
	enum cd_err rc = svc_incident_case(&c->act, x->id, NULL, (enum incident_event_kind)kind,
					   at, "领导小组办公室", &v);

	if (!rc)
		*x = v.x;
	return rc;
}

/* decide: one outcome for the person involved and one for the next person of the chain. */
static enum cd_err decide(struct ictx *c, struct incident *x, cd_time at)
{
	struct incident_analysis an;
	const struct unit *root = reg_unit(c->b.reg, root_unit(c->b.reg));
	int64_t done[2] = {0, 0};
	enum cd_err rc = CD_OK;

	if (incident_analyse(&c->env, x, at, c->b.a, &an))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	for (size_t i = 0; !rc && i < an.nchain; i++) {
		const struct chain_link *l = &an.chain[i];
		int k = l->resp != RESP_PARTY_INVOLVED;

		if (l->vacant || done[k] || l->person == done[!k])
			continue;
		done[k] = l->person;
		rc = ev(c, x,
		        (struct incident_event){.kind = IEV_DECIDE,
		                                .at = at,
		                                .by = "领导小组办公室",
		                                .name = root ? root->name : "党委（党组）",
		                                .value = k ? "批评教育" : "诫勉谈话",
		                                .person = l->person});
	}
	return rc;
}

static enum cd_err decided(struct ictx *c)
{
	struct rec r;
	struct incident *x = &r.x;
	cd_date day;
	enum cd_err rc =
	    begin(c, S_DECIDED, &r, "系统遭入侵致个人信息泄露，事发后未按时报告", "network_attack");

	day = time_cst_date(x->detected_at);
	if (!rc)
		rc = leak(c, x, "1800000");
	if (!rc)
		rc = people(c, x);
	if (!rc && c->b.p->chain.coordinator >= 0)
		rc = set(c, x, x->detected_at, "coordination_failed", "true");
	if (!rc)
		rc = report(c, x, x->detected_at + 9 * 3600, "initial"); /* due after 4 hours */
	if (!rc)
		rc = confirm(c, x, x->detected_at + 10 * 3600);
	if (!rc)
		rc = step(c, x, demo_at(day + 2, 18, 0), IEV_CLOSE, "漏洞修复，数据已清理");
	if (!rc)
		rc = report(c, x, demo_at(day + 20, 10, 0), "summary");
	if (!rc)
		rc = kept(c, x, IEV_PROPOSE, demo_at(day + 25, 10, 0));
	if (!rc)
		rc = ev(c, x,
		        (struct incident_event){
		            .kind = IEV_FACT,
		            .at = demo_at(day + 27, 16, 0),
		            .by = "调查组",
		            .name = "concealed",
		            .value = "true",
		            .note = "经核查，事发后 9 小时未报告系经会商有意暂缓，属瞒报"});
	if (!rc)
		rc = kept(c, x, IEV_RECOMMEND, demo_at(day + 28, 10, 0));
	if (!rc)
		rc = decide(c, x, demo_at(day + 35, 15, 0));
	return rc;
}

/* The systems first (the most constrained stories first), then the stories in time order. */
static enum cd_err stories(struct ictx *c)
{
	static const enum story pick_order[S__MAX] = {
	    S_VACANT, S_REPEAT, S_OPEN, S_OVERDUE, S_SUMMARY_OVERDUE, S_CLOSED, S_DECIDED};
	enum cd_err (*const run[S__MAX])(struct ictx *) = {
	    [S_DECIDED] = decided, [S_SUMMARY_OVERDUE] = summary_overdue,
	    [S_CLOSED] = closed,   [S_REPEAT] = repeat,
	    [S_OVERDUE] = overdue, [S_VACANT] = vacancy,
	    [S_OPEN] = open_today};
	enum cd_err rc = CD_OK;

	for (int i = 0; i < S__MAX; i++)
		c->asset[pick_order[i]] = choose(c, pick_order[i]);
	for (int i = 0; i < S__MAX; i++)
		if (!c->asset[i] && i != S_VACANT)
			return CD_OK; /* a register too small for the stories: no incidents */
	for (int i = 0; !rc && i < S__MAX; i++)
		rc = run[i](c);
	return rc;
}

enum cd_err demo_incidents(struct store *s, const struct profile *p, cd_date today,
                           struct cd_diag *d)
{
	struct ictx c = {.s = s, .today = today, .d = d};
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	enum cd_err rc = a ? book_load(s, p, today, &c.b, d)
			   : cd_diag_set(d, CD_ENOMEM, "out of memory");

	if (!rc)
		rc = book_incident_env(&c.b, &c.env, d);
	if (!rc)
		rc = policy_get(s, &pol, d);
	c.act = (struct act){.s = s, .pol = pol, .actor = "demo", .ip = "", .now = time(NULL),
			     .scope = 0, .a = a, .d = d, .history = true};
	if (!rc)
		rc = store_begin(s, d);
	if (!rc) {
		rc = stories(&c);
		if (!rc)
			rc = store_commit(s, d);
		if (rc)
			store_rollback(s);
	}
	book_free(&c.b);
	policy_put(pol);
	arena_free(a);
	return rc;
}
