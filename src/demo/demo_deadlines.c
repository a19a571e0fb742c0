/* demo_deadlines.c — the deadline side of the demo: notices in every state (open, due today,
 * overdue, done on time, done late; a repeat within the window; support requested and an
 * extension granted), records that fulfil most of last year's and some of this year's duties
 * (one done late in January, one missed), and two IT projects, one under the budget ratio.
 * Everything is dated back from `today` so the states stay true on the day the demo is built. */
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo_int.h"
#include "io/calendar_load.h"
#include "svc/book.h"
#include "svc/register.h"
#include "svc/work.h"

struct dctx {
	struct store *s;
	const struct profile *p;
	const struct calendar *cal;
	struct reg *reg;
	cd_date today;
	int serial;
	struct cd_diag *d;
	struct act act; /* the acts of svc/work.h and register.h, inside the demo's transaction */
};

/* The due date the profile gives a notice received on `day` (CD_DATE_NONE without a period). */
static cd_date computed_due(const struct dctx *c, cd_date day)
{
	if (c->p->numbers.rectify_workdays <= 0)
		return CD_DATE_NONE;
	return calendar_add_workdays(c->cal, day, c->p->numbers.rectify_workdays, NULL);
}

/* pick returns the n-th live asset of kind k (counting from 0); when there are fewer, the last
 * live asset of another kind (not a portal, which the story uses already). */
static const struct asset *pick(const struct reg *reg, enum asset_kind k, int n)
{
	const struct asset *other = NULL;

	for (size_t i = 0; i < reg->nassets; i++) {
		const struct asset *a = &reg->assets[i];

		if (a->status != STATUS_LIVE)
			continue;
		if (a->kind == k && n-- == 0)
			return a;
		if (a->kind != k && a->kind != ASSET_PORTAL)
			other = a; /* the last live asset of another kind, when k runs out */
	}
	return other;
}

static enum cd_err step(struct dctx *c, struct notice *n, enum notice_event_kind kind, cd_time at,
			const char *by, const char *note, cd_date to)
{
	struct notice_event e = {.kind = kind, .at = at, .by = by, .note = note, .extended_to = to};
	struct notice_view v;
	enum cd_err rc = svc_notice_step(&c->act, n->id, NULL, &e, &v);

	if (!rc) { /* the step answers no 举一反三 list: n keeps the one it was recorded with */
		struct notice_check *similar = n->similar;
		size_t nsimilar = n->nsimilar;

		*n = v.row.n;
		n->similar = similar;
		n->nsimilar = nsimilar;
	}
	return rc;
}

/* check marks the i-th system of n's 举一反三 list checked. */
static enum cd_err check(struct dctx *c, const struct notice *n, size_t i, cd_time at,
			 const char *by)
{
	const char *code = reg_asset(c->reg, n->similar[i].asset)->code;
	struct notice_checks in = {.assets = &code, .nassets = 1, .at = at, .by = by};
	struct notice_view v;

	return svc_notice_check(&c->act, n->id, NULL, &in, &v);
}

/* add_notice records a notice on asset a received at `at`; when the profile sets no period,
 * the notice states its own due date `stated`. */
static enum cd_err add_notice(struct dctx *c, struct notice *n, const struct asset *a, cd_time at,
			      const char *authority, const char *category, const char *text,
			      cd_date stated, char *code, size_t ncode)
{
	const char *assets[] = {a->code};
	struct notice_new in = {.authority = authority, .category = category, .text = text,
				.received_at = at, .assets = assets, .nassets = 1,
				.due = CD_DATE_NONE};
	struct notice_view v;
	enum cd_err rc;
	int y, m, d;

	date_to_ymd(time_cst_date(at), &y, &m, &d);
	snprintf(code, ncode, "示例通报〔%d〕%d号", y, ++c->serial);
	in.code = code;
	if (c->p->numbers.rectify_workdays <= 0)
		in.due = stated;
	rc = svc_notice_add(&c->act, &in, &v);
	if (!rc)
		*n = v.row.n;
	return rc;
}

static enum cd_err notices(struct dctx *c)
{
	const cd_date t = c->today;
	const struct asset *portal = pick(c->reg, ASSET_PORTAL, 0);
	const struct asset *sys = pick(c->reg, ASSET_INFO_SYSTEM, 0);
	const struct asset *site = pick(c->reg, ASSET_PORTAL, 1);
	const struct asset *server = pick(c->reg, ASSET_SERVER, 0);
	const struct asset *platform = pick(c->reg, ASSET_INFO_SYSTEM, 1);
	const char *cac = "上级网信部门", *police = "公安机关网安部门";
	struct notice n;
	char code[64];
	cd_date r, due;
	enum cd_err rc;

	if (!portal || !sys || !site || !server || !platform)
		return CD_OK; /* a register too small for the story: no notices */

	/* 1. done on time and verified, 75 days ago, on the portal (the repeat's first) */
	r = t - 75;
	if ((rc = add_notice(c, &n, portal, demo_at(r, 9, 30), cac, "网页篡改风险",
			     "监测发现门户网站存在可被利用的上传漏洞，存在网页篡改风险，请立即整改并反馈。",
			     r + 10, code, sizeof(code))))
		return rc;
	if ((rc = step(c, &n, NEV_START, demo_at(r, 11, 0), "信息中心", "下线上传功能，排查漏洞",
		       CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_RECTIFY, demo_at(r + 1, 17, 0), "信息中心",
		       "修补上传漏洞，升级内容管理系统", CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_FEEDBACK, demo_at(r + 2, 10, 0), "领导小组办公室",
		       "整改报告已报送通报单位", CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_VERIFY, demo_at(r + 9, 15, 0), cac, "复查通过", CD_DATE_NONE)))
		return rc;
	for (size_t i = 0; i < n.nsimilar && !rc; i++)
		rc = check(c, &n, i, demo_at(r + 3, 16, 0), "信息中心");
	if (rc)
		return rc;

	/* 2. done late: feedback three days after the due date */
	r = t - 45;
	due = computed_due(c, r);
	if (due == CD_DATE_NONE)
		due = r + 7;
	if ((rc = add_notice(c, &n, sys, demo_at(r, 9, 0), police, "弱口令",
			     "检测发现该系统管理后台存在弱口令，请立即整改。", due, code, sizeof(code))) ||
	    (rc = step(c, &n, NEV_START, demo_at(r + 1, 9, 0), NULL, "清查账号", CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_RECTIFY, demo_at(due + 2, 18, 0), NULL, "全部账号改为强口令并启用双因素认证",
		       CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_FEEDBACK, demo_at(due + 3, 10, 0), NULL, "反馈迟于期限",
		       CD_DATE_NONE)))
		return rc;
	if (n.nsimilar)
		rc = check(c, &n, 0, demo_at(due + 3, 15, 0), "信息中心");
	if (rc)
		return rc;

	/* 3. overdue, on the portal again within the repeat window: criticism is proposed */
	r = t - 12;
	while ((due = computed_due(c, r)) != CD_DATE_NONE && due >= t)
		r--;
	if (due == CD_DATE_NONE)
		due = t - 2;
	if ((rc = add_notice(c, &n, portal, demo_at(r, 15, 0), cac, "敏感信息泄露",
			     "门户网站公开栏目发布的附件含有个人身份信息，请立即处置并反馈。", due, code, sizeof(code))) ||
	    (rc = step(c, &n, NEV_START, demo_at(r + 1, 9, 0), NULL, "撤下附件，排查同类栏目",
		       CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_SUPPORT, demo_at(r + 1, 10, 0), "信息中心",
		       "申请上级技术支撑单位协助全站排查（不停止计时）", CD_DATE_NONE)))
		return rc;

	/* 4. due today: the profile's period ends today, or the notifier extended it to today */
	for (r = t - 1; r > t - 15; r--)
		if (computed_due(c, r) == t)
			break;
	if (computed_due(c, r) == t) {
		if ((rc = add_notice(c, &n, site, demo_at(r, 16, 30), police, "网站漏洞",
				     "网站存在SQL注入漏洞，请于期限内整改并反馈。", t, code, sizeof(code))) ||
		    (rc = step(c, &n, NEV_RECTIFY, demo_at(r + 1, 20, 0), NULL, "修复注入点",
			       CD_DATE_NONE)))
			return rc;
	} else {
		r = t - 10;
		due = computed_due(c, r);
		if ((rc = add_notice(c, &n, site, demo_at(r, 16, 30), police, "网站漏洞",
				     "网站存在SQL注入漏洞，请于期限内整改并反馈。", t, code, sizeof(code))))
			return rc;
		if (due != CD_DATE_NONE &&
		    ((rc = step(c, &n, NEV_SUPPORT, demo_at(r + 1, 9, 0), "信息中心",
				"需厂商升级补丁", CD_DATE_NONE)) ||
		     (rc = step(c, &n, NEV_EXTEND, demo_at(r + 2, 11, 0), police,
				"厂商补丁发布前同意延期", t))))
			return rc;
	}

	/* 5. open: received yesterday */
	r = t - 1;
	if ((rc = add_notice(c, &n, server, demo_at(r, 10, 0), cac, "高危端口开放",
			     "服务器对互联网开放远程桌面端口，请关闭或限制访问并反馈。", t + 7, code,
			     sizeof(code))))
		return rc;

	/* 6. open after an extension granted on a request for support */
	r = t - 20;
	if ((rc = add_notice(c, &n, platform, demo_at(r, 14, 0), police, "病毒木马",
			     "监测发现该系统服务器感染挖矿木马，请彻底清除并反馈。", t + 10, code,
			     sizeof(code))) ||
	    (rc = step(c, &n, NEV_START, demo_at(r, 16, 0), NULL, "隔离主机", CD_DATE_NONE)) ||
	    (rc = step(c, &n, NEV_SUPPORT, demo_at(r + 1, 9, 0), "信息中心",
		       "申请专业机构协助溯源", CD_DATE_NONE)))
		return rc;
	due = notice_due(&n, c->p, c->cal).due;
	if (due != CD_DATE_NONE && due < t + 10)
		rc = step(c, &n, NEV_EXTEND, demo_at(r + 2, 10, 0), police,
			  "溯源需专业机构介入，同意延期", t + 10);
	return rc;
}

/* record: o's evidence, held on `on`; a make-up for a period it is not in says so (period). */
static enum cd_err record(struct dctx *c, const struct oblig *o, cd_date on)
{
	struct record_in r = {.kind = (int)o->duty->record, .on = on, .duty = o->duty->id,
			      .period = on > o->due ? o->period : NULL};
	struct record_row out;
	char title[160];

	if (!o->unit)
		return CD_OK;
	snprintf(title, sizeof(title), "%s（%s）", o->duty->name, o->period);
	r.unit = reg_unit(c->reg, o->unit)->code;
	r.title = title;
	r.participants = o->duty->record == RECORD_MEETING || o->duty->record == RECORD_TRAINING
				 ? "相关负责人及工作人员"
				 : NULL;
	return svc_record_add(&c->act, &r, &out);
}

/* Last year: every duty done except one made up late (in January, the record saying for which
 * year) and one missed. This year:
 * plans and meetings done in the first quarter, drills mid-year, one unit's goal in two. */
static enum cd_err records(struct dctx *c, int year_from)
{
	struct oblig_list l = {0};
	int y, m, d, k = 0;
	enum cd_err rc;

	date_to_ymd(c->today, &y, &m, &d);
	if (oblig_generate(c->p, c->reg, NULL, 0, year_from, c->today, &l))
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	rc = CD_OK;
	for (size_t i = 0; i < l.n && !rc; i++) {
		const struct oblig *o = &l.v[i];
		cd_date on;

		if (o->kind != OBLIG_DUTY || !o->unit)
			continue;
		if (o->due < c->today) { /* a past period */
			k++;
			if (k == 2)
				continue; /* missed: stays overdue */
			on = k == 1 ? date_from_ymd(y, 1, 15) : o->start + 40 + (k * 7) % 200;
			if (on > c->today)
				on = c->today;
			if (on > o->due && k != 1)
				on = o->due;
			for (int t = 0; t < o->need && !rc; t++)
				rc = record(c, o, on);
			continue;
		}
		on = o->duty->record == RECORD_PLAN || o->duty->record == RECORD_MEETING ? o->start + 60
		     : o->duty->record == RECORD_DRILL				      ? o->start + 170
										      : CD_DATE_NONE;
		if (on == CD_DATE_NONE && o->duty->holder == PROFILE_AT_EVERY_UNIT && (i % 2))
			on = o->start + 120;
		if (on != CD_DATE_NONE && on < c->today)
			for (int t = 0; t < o->need && !rc; t++)
				rc = record(c, o, on);
	}
	oblig_list_free(&l);
	return rc;
}

static enum cd_err projects(struct dctx *c)
{
	int y, m, d;
	struct project_in a = {.code = "XM-01", .name = "门户网站集约化改造", .total = 1200000,
			       .security = 80000};
	struct project_in b = {.code = "XM-02", .name = "政务数据共享交换平台", .total = 2500000,
			       .security = 75000};
	const struct asset *portal = pick(c->reg, ASSET_PORTAL, 0);
	const struct unit *u = portal ? reg_unit(c->reg, portal->rel[REL_MANAGER]) : NULL;
	struct rec_row out;
	enum cd_err rc;

	date_to_ymd(c->today, &y, &m, &d);
	a.year = b.year = y;
	a.unit = b.unit = u ? u->code : NULL;
	rc = svc_project_add(&c->act, &a, &out);
	return rc ? rc : svc_project_add(&c->act, &b, &out);
}

enum cd_err demo_deadlines(struct store *s, const struct profile *p, cd_date today,
			   struct cd_diag *d)
{
	struct dctx c = {.s = s, .p = p, .today = today, .d = d};
	struct calendar *cal = NULL;
	const struct policy *pol = NULL;
	struct arena *a = arena_new(0);
	char year[16];
	int y, m, dd;
	enum cd_err rc = a ? calendar_from_data(s, &cal, d) : cd_diag_set(d, CD_ENOMEM, "out of memory");

	if (!rc)
		rc = policy_get(s, &pol, d);
	c.act = (struct act){.s = s, .pol = pol, .actor = "demo", .ip = "", .now = time(NULL),
			     .a = a, .d = d, .history = true};
	c.cal = cal;
	date_to_ymd(today, &y, &m, &dd);
	if (!rc)
		rc = store_reg_load(s, &c.reg, d);
	if (!rc)
		rc = store_begin(s, d);
	if (rc) {
		calendar_free(cal);
		reg_free(c.reg);
		policy_put(pol);
		arena_free(a);
		return rc;
	}
	snprintf(year, sizeof(year), "%d", y - 1); /* obligations kept from last year on */
	rc = store_meta_set(s, BOOK_YEAR_FROM_KEY, year, d);
	if (!rc)
		rc = notices(&c);
	if (!rc)
		rc = records(&c, y - 1);
	if (!rc)
		rc = projects(&c);
	if (!rc)
		rc = store_commit(s, d);
	if (rc)
		store_rollback(s);
	calendar_free(cal);
	reg_free(c.reg);
	policy_put(pol);
	arena_free(a);
	return rc;
}
