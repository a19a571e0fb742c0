/* test_reading.c — the engine read against the three seed policies (issue 12), one table per
 * rule, each row citing the article it reads: an attack as an element of the triggers on attacks
 * (central 第八条（二）（四）, Yantai 八（二）（四）（七）, IMNU 第十四条（四））; the reporter type
 * following the register (国家网络安全事件报告管理办法, 2025); collective responsibility split as
 * written (central 第九条, IMNU 第十五条); criticism for a notice not handled as required and for
 * a repeat (Yantai 五、整改落实); a record fulfilling its own year (IMNU 第十一条（四））; the
 * qualifiers of a system recorded or derived (central 第八条（一）（二）, Yantai 八（一）（二）（四）,
 * IMNU 第十四条（四））; how far 逐级倒查 climbs and whom it adds (central 第四条、第八条); every
 * incident reported inside first and the 续报 (IMNU 第十一条（四）、第十三条; the 2025 measures). The
 * yearly duties and budgets (item 8) are test_duties.c's. */
#include "testutil.h"
#include "fixreg.h"
#include "policies.h"

#include "core/incident.h"
#include "core/notice.h"
#include "core/oblig.h"

/* The organisation: a party committee at the root with its leaders, its office, a department
 * that manages a prefecture-level portal (asset 1, protection software installed), a CII system
 * (asset 2) and a server without protection software (asset 3). */
static struct reg *org(void)
{
	struct reg *r = reg_new();
	struct asset *a;

	assert_non_null(r);
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "OFFICE", 1, UNIT_LEADING_GROUP_OFFICE);
	fx_unit(r, 3, "DEPT", 1, UNIT_DEPARTMENT);
	fx_person(r, 1, "secretary")->unit = 1;
	fx_person(r, 2, "deputy")->unit = 1;
	fx_person(r, 3, "member")->unit = 1;
	fx_person(r, 4, "officehead")->unit = 2;
	fx_person(r, 5, "depthead")->unit = 3;
	fx_person(r, 6, "outsider")->unit = 3;
	fx_duty(r, 1, ROLE_FIRST_RESPONSIBLE, 1, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 2, ROLE_DIRECT_RESPONSIBLE, 2, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 3, ROLE_LEADERSHIP_MEMBER, 3, 1, 0, "2020-01-01", NULL);
	fx_duty(r, 4, ROLE_PRINCIPAL, 4, 2, 0, "2020-01-01", NULL);
	fx_duty(r, 5, ROLE_PRINCIPAL, 5, 3, 0, "2020-01-01", NULL);
	a = fx_asset(r, 1, "PORTAL", 3);
	a->kind = ASSET_PORTAL;
	a->admin_level = "prefecture_or_above";
	a->protection_installed = true;
	a = fx_asset(r, 2, "CII", 3);
	a->kind = ASSET_INFRASTRUCTURE;
	a->cii = true;
	a->protection_installed = true;
	a = fx_asset(r, 3, "SERVER", 3);
	a->kind = ASSET_SERVER;
	a->mlps_level = 3; /* a main server: an important system by MLPS level */
	return r;
}

struct world {
	struct reg *reg;
	struct arena *a;
	const struct cond **conds;
	struct incident_env env;
	int64_t asset;
	struct incident x;
	struct incident_analysis an;
};

static void world_open(struct world *w, const char *profile, int64_t asset)
{
	const struct profile *p = profile_named(profile);
	struct cd_diag d = {{0}};

	memset(w, 0, sizeof *w);
	w->reg = org();
	w->a = arena_new(0);
	assert_int_equal(cond_parse_profile(p, w->a, &w->conds, &d), CD_OK);
	w->env = (struct incident_env){.p = p, .rules = &rules, .reg = w->reg, .cal = cal,
				       .conds = w->conds, .classes = &classes};
	w->asset = asset;
	incident_init(&w->x);
	w->x.id = 1;
	w->x.code = "INC-1";
	w->x.assets = &w->asset;
	w->x.nassets = 1;
	w->x.detected_at = T("2024-05-10T09:00:00+08:00");
}

static void world_close(struct world *w)
{
	reg_free(w->reg);
	arena_free(w->a);
}

static void analyse(struct world *w, const char *at)
{
	assert_int_equal(incident_analyse(&w->env, &w->x, T(at), w->a, &w->an), CD_OK);
}

static const char *verdict(const struct world *w, const char *id)
{
	for (size_t i = 0; i < w->an.ntriggers; i++)
		if (!strcmp(w->an.triggers[i].t->id, id))
			return cond_value_code(w->an.triggers[i].r.value);
	fail_msg("no trigger %s", id);
	return NULL;
}

/* "true" / "false" / "" (unknown) into a recorded fact */
static void record_bool(struct incident *x, enum fact f, const char *v)
{
	if (*v)
		facts_set_bool(&x->facts, f, !strcmp(v, "true"));
}

/* ---- 1. an attack is an element ------------------------------------------------------------ */

static void attack_element(void **state)
{
	static const struct {
		const char *article, *profile, *trigger;
		int64_t asset;
		const char *cls;      /* the incident's class, "" none */
		const char *attacked; /* a person's answer, "" none */
		int minutes;          /* the outage from 08:00, 0 none */
		const char *want;     /* cond_value_code */
	} cases[] = {
		/* 受到攻击后……瘫痪6个小时以上: 6 h exactly is 以上, 5 h 59 min is not */
		{"中央第八条（二）", "central-2017", "8.2", 1, "network_attack", "", 360, "true"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "network_attack", "", 361, "true"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "network_attack", "", 359, "false"},
		/* an equipment failure or a power cut is no attack, however long */
		{"中央第八条（二）", "central-2017", "8.2", 1, "equipment_failure", "", 360, "false"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "equipment_failure", "", 361, "false"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "force_majeure", "", 480, "false"},
		/* a class that does not settle it, or none: a person is asked, never fired */
		{"中央第八条（二）", "central-2017", "8.2", 1, "malware", "", 361, "needs_judgement"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "", "", 361, "needs_judgement"},
		/* a person's answer settles it, and overrides the class */
		{"中央第八条（二）", "central-2017", "8.2", 1, "malware", "true", 361, "true"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "network_attack", "false", 361, "false"},
		{"中央第八条（二）", "central-2017", "8.2", 1, "equipment_failure", "true", 360, "true"},
		/* 关键信息基础设施遭受网络攻击，没有及时处置导致大面积影响 */
		{"中央第八条（四）", "central-2017", "8.4", 2, "network_attack", "", 60, "true"},
		{"中央第八条（四）", "central-2017", "8.4", 2, "equipment_failure", "", 60, "false"},
		{"中央第八条（四）", "central-2017", "8.4", 2, "", "", 60, "needs_judgement"},
		/* 主要服务器、重要系统受到攻击后没有及时组织处置，且瘫痪 6 小时以上 */
		{"烟台八（二）", "yantai-fao-2021", "8.2", 3, "network_attack", "", 360, "true"},
		{"烟台八（二）", "yantai-fao-2021", "8.2", 3, "network_attack", "", 361, "true"},
		{"烟台八（二）", "yantai-fao-2021", "8.2", 3, "equipment_failure", "", 360, "false"},
		{"烟台八（二）", "yantai-fao-2021", "8.2", 3, "equipment_failure", "", 361, "false"},
		{"烟台八（二）", "yantai-fao-2021", "8.2", 3, "data_security", "", 361, "needs_judgement"},
		/* 服务器、重要系统被网络攻击，没有及时处置导致大面积影响 */
		{"烟台八（四）", "yantai-fao-2021", "8.4", 3, "network_attack", "", 60, "true"},
		{"烟台八（四）", "yantai-fao-2021", "8.4", 3, "violation", "", 60, "false"},
		/* 未安装防护软件，造成本单位网络受外界攻击而瘫痪 — any length */
		{"烟台八（七）", "yantai-fao-2021", "8.7", 3, "network_attack", "", 1, "true"},
		{"烟台八（七）", "yantai-fao-2021", "8.7", 3, "force_majeure", "", 480, "false"},
		{"烟台八（七）", "yantai-fao-2021", "8.7", 3, "hidden_danger", "", 480, "false"},
		{"烟台八（七）", "yantai-fao-2021", "8.7", 3, "", "", 480, "needs_judgement"},
		/* 重要信息基础设施遭受网络攻击，没有及时处置，导致大面积影响师生工作、生活 */
		{"内师大第十四条（四）", "imnu-2022", "14.4", 2, "network_attack", "", 60, "true"},
		{"内师大第十四条（四）", "imnu-2022", "14.4", 2, "equipment_failure", "", 60, "false"},
		{"内师大第十四条（四）", "imnu-2022", "14.4", 2, "abnormal_behaviour", "", 60,
		 "needs_judgement"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct world w;
		const char *got;

		world_open(&w, cases[i].profile, cases[i].asset);
		w.x.class_code = *cases[i].cls ? cases[i].cls : NULL;
		record_bool(&w.x, FACT_ATTACKED, cases[i].attacked);
		facts_set_bool(&w.x.facts, FACT_HANDLED_TIMELY, false);
		facts_set_bool(&w.x.facts, FACT_WIDE_IMPACT, true);
		if (cases[i].minutes) {
			w.x.outage_start = T("2024-05-10T08:00:00+08:00");
			w.x.outage_end = w.x.outage_start + (cd_time)cases[i].minutes * 60;
		}
		analyse(&w, "2024-05-11T09:00:00+08:00");
		got = verdict(&w, cases[i].trigger);
		if (strcmp(got, cases[i].want)) {
			print_error("case %zu (%s %s, class %s, attacked %s, %d min): got %s, want "
				    "%s\n",
				    i, cases[i].article, cases[i].trigger, cases[i].cls,
				    cases[i].attacked, cases[i].minutes, got, cases[i].want);
			fail();
		}
		/* the evidence names where the attack came from */
		if (*cases[i].cls && !*cases[i].attacked &&
		    w.an.origin[FACT_ATTACKED] == ORIGIN_DERIVED)
			assert_non_null(strstr(w.an.why[FACT_ATTACKED], cases[i].cls));
		world_close(&w);
	}
}

/* ---- 5. the reporter type follows the register ------------------------------------------- */

static void reporter_follows_register(void **state)
{
	static const struct {
		const char *what;
		int64_t asset;   /* 2 is CII */
		int incident;    /* enum reporter recorded on the incident, -1 none */
		int org;         /* the organisation's setting, -1 none */
		enum reporter want;
		enum reporter_basis basis;
		const char *due; /* detected 09:00 */
		bool warned;
	} cases[] = {
		/* 关键信息基础设施运营者 1 小时: a CII system with no reporter type given anywhere */
		{"CII, nothing given", 2, -1, -1, REPORTER_CII, REPORTER_BY_ASSET_CII,
		 "2024-05-10T10:00:00+08:00", false},
		{"CII, the incident says other", 2, REPORTER_OTHER, -1, REPORTER_CII,
		 REPORTER_BY_ASSET_CII, "2024-05-10T10:00:00+08:00", true},
		{"CII, the organisation a central organ", 2, -1, REPORTER_CENTRAL_ORGAN, REPORTER_CII,
		 REPORTER_BY_ASSET_CII, "2024-05-10T10:00:00+08:00", false},
		/* 中央和国家机关 2 小时 */
		{"the organisation a central organ", 1, -1, REPORTER_CENTRAL_ORGAN,
		 REPORTER_CENTRAL_ORGAN, REPORTER_BY_ORGANISATION, "2024-05-10T11:00:00+08:00", false},
		/* the incident's own record before the organisation's */
		{"the incident says other", 1, REPORTER_OTHER, REPORTER_CENTRAL_ORGAN, REPORTER_OTHER,
		 REPORTER_BY_INCIDENT, "2024-05-10T13:00:00+08:00", false},
		{"the incident says cii", 1, REPORTER_CII, -1, REPORTER_CII, REPORTER_BY_INCIDENT,
		 "2024-05-10T10:00:00+08:00", false},
		/* 其他网络运营者 4 小时 — only as a default that says so */
		{"nothing known", 1, -1, -1, REPORTER_OTHER, REPORTER_BY_DEFAULT,
		 "2024-05-10T13:00:00+08:00", true},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct world w;
		bool warned = false;

		world_open(&w, "central-2017", cases[i].asset);
		w.x.measure[MEASURE_PERSONAL_INFO_PEOPLE] = 1e6; /* 较大: to be reported */
		w.x.measure_known[MEASURE_PERSONAL_INFO_PEOPLE] = true;
		if (cases[i].incident >= 0) {
			w.x.reporter = (enum reporter)cases[i].incident;
			w.x.reporter_set = true;
		}
		if (cases[i].org >= 0) {
			w.env.org_reporter_set = true;
			w.env.org_reporter = (enum reporter)cases[i].org;
		}
		analyse(&w, "2024-05-10T09:30:00+08:00");
		for (size_t k = 0; k < w.an.nwarnings; k++)
			warned |= !strncmp(w.an.warnings[k], "reporter", 8);
		if (w.an.reporter != cases[i].want || w.an.reporter_basis != cases[i].basis ||
		    w.an.report_due != T(cases[i].due) || warned != cases[i].warned) {
			print_error("case %zu (%s): got %s by %s, warned %d\n", i, cases[i].what,
				    reporter_code(w.an.reporter),
				    reporter_basis_code(w.an.reporter_basis), warned);
			fail();
		}
		assert_true(w.an.reporter_why[0] != '\0');
		world_close(&w);
	}
}

/* ---- 3. collective responsibility split as written ------------------------------------------ */

/* chain_text: "person@unit:role:responsibility" for each link, space-separated ("-" no role). */
static const char *chain_text(const struct world *w, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < w->an.nchain && len < n; i++) {
		const struct chain_link *l = &w->an.chain[i];
		const struct person *pe = reg_person(w->reg, l->person);
		const struct unit *u = reg_unit(w->reg, l->unit);
		int k = snprintf(buf + len, n - len, "%s%s@%s:%s:%s", i ? " " : "",
				 pe ? pe->code : "vacant", u ? u->code : "-",
				 l->role == CHAIN_NO_ROLE ? "-" : role_code((enum role)l->role),
				 responsibility_code(l->resp));

		len += k > 0 ? (size_t)k : 0;
	}
	return buf;
}

static void collective_split(void **state)
{
	static const struct {
		const char *article, *profile;
		int64_t participants[3]; /* 0 ends */
		const char *want;
		bool warned;
	} cases[] = {
		/* 参与相关工作决策的领导班子其他成员承担重要领导责任; the principal and the member in
		 * charge bear main leadership responsibility */
		{"中央第九条", "central-2017", {3},
		 "deputy@ROOT:direct_responsible:main_leadership "
		 "secretary@ROOT:first_responsible:main_leadership "
		 "member@ROOT:leadership_member:important_leadership",
		 false},
		/* the member in charge took part in the decision: main, once — never both */
		{"中央第九条", "central-2017", {2, 3},
		 "deputy@ROOT:direct_responsible:main_leadership "
		 "secretary@ROOT:first_responsible:main_leadership "
		 "member@ROOT:leadership_member:important_leadership",
		 false},
		{"内师大第十五条", "imnu-2022", {2}, /* 第七条 requires both at a department: vacant */
		 "vacant@DEPT:direct_responsible:leadership vacant@DEPT:first_responsible:leadership "
		 "deputy@ROOT:direct_responsible:main_leadership "
		 "secretary@ROOT:first_responsible:main_leadership",
		 false},
		/* a member who did not take part bears none (member 3 absent) */
		{"中央第九条", "central-2017", {1},
		 "deputy@ROOT:direct_responsible:main_leadership "
		 "secretary@ROOT:first_responsible:main_leadership",
		 false},
		/* a participant the register gives no role that day: no role invented, warned */
		{"中央第九条", "central-2017", {6},
		 "deputy@ROOT:direct_responsible:leadership secretary@ROOT:first_responsible:leadership "
		 "outsider@DEPT:-:important_leadership",
		 true},
		/* no collective decision: the leaders answer by the chain alone */
		{"中央第八条", "central-2017", {0},
		 "deputy@ROOT:direct_responsible:leadership secretary@ROOT:first_responsible:leadership",
		 false},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct world w;
		char got[1024];
		bool warned = false;

		world_open(&w, cases[i].profile, 1);
		for (size_t k = 0; k < 3 && cases[i].participants[k]; k++)
			w.x.participants[w.x.nparticipants++] = cases[i].participants[k];
		analyse(&w, "2024-05-10T12:00:00+08:00");
		chain_text(&w, got, sizeof got);
		for (size_t k = 0; k < w.an.nwarnings; k++)
			warned |= strstr(w.an.warnings[k], "decision participant") != NULL;
		if (strcmp(got, cases[i].want) || warned != cases[i].warned) {
			print_error("case %zu (%s): got  %s (warned %d)\n  want %s\n", i,
				    cases[i].article, got, warned, cases[i].want);
			fail();
		}
		world_close(&w);
	}
}

/* ---- 4. criticism for a notice not handled as required, and for a repeat --------------------- */

static void criticism_grounds(void **state)
{
	static const struct {
		const char *article, *profile;
		const char *received, *feedback; /* feedback "" none */
		const char *earlier;             /* another problem of the system, "" none */
		const char *at;
		unsigned want;
	} cases[] = {
		/* 3 个工作日: received Mon 2024-05-13, due Thu 2024-05-16 */
		{"烟台五", "yantai-fao-2021", "2024-05-13T10:00:00+08:00", "2024-05-16T18:00:00+08:00", "",
		 "2024-05-20T00:00:00+08:00", 0},
		{"烟台五 未按要求处置: answered late", "yantai-fao-2021", "2024-05-13T10:00:00+08:00",
		 "2024-05-17T09:00:00+08:00", "", "2024-05-20T00:00:00+08:00", NOTICE_CRITICISM_LATE},
		{"烟台五 未按要求处置: overdue", "yantai-fao-2021", "2024-05-13T10:00:00+08:00", "", "",
		 "2024-05-17T00:00:00+08:00", NOTICE_CRITICISM_LATE},
		{"烟台五: due today is not late", "yantai-fao-2021", "2024-05-13T10:00:00+08:00", "", "",
		 "2024-05-16T23:59:59+08:00", 0},
		/* 3个月内同一系统再次发生: the last day of the window (05-13 looks back to 02-13 00:00) */
		{"烟台五 重复: the window's last day", "yantai-fao-2021", "2024-05-13T10:00:00+08:00",
		 "2024-05-14T10:00:00+08:00", "2024-02-13T00:00:00+08:00", "2024-05-20T00:00:00+08:00",
		 NOTICE_CRITICISM_REPEAT},
		{"烟台五 重复: a second before the window", "yantai-fao-2021",
		 "2024-05-13T10:00:00+08:00", "2024-05-14T10:00:00+08:00", "2024-02-12T23:59:59+08:00",
		 "2024-05-20T00:00:00+08:00", 0},
		{"烟台五: both grounds", "yantai-fao-2021", "2024-05-13T10:00:00+08:00", "",
		 "2024-04-01T10:00:00+08:00", "2024-05-20T00:00:00+08:00",
		 NOTICE_CRITICISM_LATE | NOTICE_CRITICISM_REPEAT},
		/* the central measures propose no criticism for either */
		{"中央: no such rule", "central-2017", "2024-05-13T10:00:00+08:00", "", "",
		 "2024-09-20T00:00:00+08:00", 0},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct profile *p = profile_named(cases[i].profile);
		int64_t asset = 1;
		struct notice n;
		struct asset_event ev = {.asset = 1, .notice = 9};
		const struct asset_event *rep = NULL;
		struct notice_due due;
		unsigned got;

		notice_init(&n);
		n.id = 1;
		n.code = "N-1";
		n.assets = &asset;
		n.nassets = 1;
		n.received_at = T(cases[i].received);
		if (*cases[i].feedback)
			n.rectified_at = n.feedback_at = T(cases[i].feedback);
		if (*cases[i].earlier) {
			ev.at = T(cases[i].earlier);
			rep = notice_repeat(&n, p->numbers.repeat_window_months, &ev, 1);
		}
		due = notice_due(&n, p, cal);
		got = notice_criticism(p, notice_state(&n, &due, T(cases[i].at)), rep != NULL);
		if (got != cases[i].want) {
			print_error("case %zu (%s): grounds %u, want %u\n", i, cases[i].article, got,
				    cases[i].want);
			fail();
		}
	}
}

/* ---- 9. a record fulfils its own year -------------------------------------------------------- */

static const struct oblig *drill_of(const struct oblig_list *l, const char *year)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == OBLIG_DUTY && !strcmp(l->v[i].duty->id, "drill") &&
		    !strcmp(l->v[i].period, year))
			return &l->v[i];
	fail_msg("no drill obligation for %s", year);
	return NULL;
}

static void record_own_year(void **state)
{
	static const struct {
		const char *what, *on, *period; /* the one drill record; period "" none */
		enum due_state y2025, y2026;    /* on 2026-07-01 */
	} cases[] = {
		/* 第十一条（四）每年至少组织一次应急预案演练: June 2026 is the 2026 drill */
		{"June 2026", "2026-06-12", "", DUE_OVERDUE, DUE_DONE_ON_TIME},
		{"the last day of 2025", "2025-12-31", "", DUE_DONE_ON_TIME, DUE_OPEN},
		{"the first day of 2026", "2026-01-01", "", DUE_OVERDUE, DUE_DONE_ON_TIME},
		/* a make-up the record states */
		{"January 2026 for 2025", "2026-01-20", "2025", DUE_DONE_LATE, DUE_OPEN},
		{"none", "", "", DUE_OVERDUE, DUE_OPEN},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reg *r = reg_new();
		struct record rec = {.id = 1, .kind = RECORD_DRILL, .unit = 2,
				     .period = *cases[i].period ? cases[i].period : NULL};
		struct oblig_list l = {0};
		enum due_state a, b;

		fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
		fx_unit(r, 2, "NIC", 1, UNIT_TECH_SUPPORT_CENTRE);
		rec.on = *cases[i].on ? D(cases[i].on) : CD_DATE_NONE;
		assert_int_equal(oblig_generate(imnu, r, &rec, *cases[i].on ? 1 : 0, 2025,
						D("2026-07-01"), &l),
				 CD_OK);
		a = oblig_state(drill_of(&l, "2025"), D("2026-07-01"));
		b = oblig_state(drill_of(&l, "2026"), D("2026-07-01"));
		if (a != cases[i].y2025 || b != cases[i].y2026) {
			print_error("case %zu (%s): 2025 %s, 2026 %s\n", i, cases[i].what,
				    due_state_code(a), due_state_code(b));
			fail();
		}
		oblig_list_free(&l);
		reg_free(r);
	}
}

/* ---- 2. the qualifiers of a system ----------------------------------------------------------- */

static void qualifiers(void **state)
{
	static const struct {
		const char *article, *profile;
		enum asset_kind kind;
		int mlps;
		bool cii;
		enum qualifier q;
		enum qual_value recorded;
		const char *want; /* "true" / "false" / "" unknown */
		const char *why;  /* a piece of the evidence */
	} cases[] = {
		/* 党政机关门户网站: a portal of a party or government organ (readings.party_gov_organ) */
		{"中央第八条（一）", "central-2017", ASSET_PORTAL, 0, false, QUAL_PARTY_GOV_PORTAL,
		 QUAL_UNSET, "true", "derived: a portal, the organisation is"},
		{"内师大: a university", "imnu-2022", ASSET_PORTAL, 0, false, QUAL_PARTY_GOV_PORTAL,
		 QUAL_UNSET, "false", "is not a party"},
		{"中央第八条（一）", "central-2017", ASSET_PORTAL, 0, false, QUAL_PARTY_GOV_PORTAL,
		 QUAL_NO, "false", "the register: recorded"},
		{"中央第八条（一）", "central-2017", ASSET_INFO_SYSTEM, 0, false, QUAL_PARTY_GOV_PORTAL,
		 QUAL_UNSET, "false", "not a portal"},
		/* 重点新闻网站, 大型网络平台: a designation or a scale — asked for the kind */
		{"中央第八条（一）", "central-2017", ASSET_NEWS_SITE, 0, false, QUAL_KEY_NEWS_SITE,
		 QUAL_UNSET, "", ""},
		{"中央第八条（一）", "central-2017", ASSET_NEWS_SITE, 0, false, QUAL_KEY_NEWS_SITE,
		 QUAL_YES, "true", "the register: recorded"},
		{"中央第八条（一）", "central-2017", ASSET_PORTAL, 0, false, QUAL_KEY_NEWS_SITE,
		 QUAL_UNSET, "false", "not a news_site"},
		{"中央第八条（一）", "central-2017", ASSET_PLATFORM, 0, false, QUAL_LARGE_PLATFORM,
		 QUAL_UNSET, "", ""},
		/* 主要服务器、重要系统: MLPS level 3 or above, or CII */
		{"烟台八（二）", "yantai-fao-2021", ASSET_SERVER, 3, false, QUAL_IMPORTANT_SYSTEM,
		 QUAL_UNSET, "true", "MLPS level 3"},
		{"烟台八（二）", "yantai-fao-2021", ASSET_INFO_SYSTEM, 2, false, QUAL_IMPORTANT_SYSTEM,
		 QUAL_UNSET, "false", "MLPS level 2"},
		{"烟台八（二）", "yantai-fao-2021", ASSET_INFO_SYSTEM, 0, true, QUAL_IMPORTANT_SYSTEM,
		 QUAL_UNSET, "true", "critical information infrastructure"},
		{"烟台八（二）", "yantai-fao-2021", ASSET_INFO_SYSTEM, 0, false, QUAL_IMPORTANT_SYSTEM,
		 QUAL_UNSET, "", ""},
		{"烟台八（二）", "yantai-fao-2021", ASSET_INFO_SYSTEM, 2, false, QUAL_IMPORTANT_SYSTEM,
		 QUAL_YES, "true", "the register: recorded"},
		/* 重要信息基础设施: CII, or infrastructure of MLPS level 3 or above */
		{"内师大第十四条（四）", "imnu-2022", ASSET_INFRASTRUCTURE, 3, false,
		 QUAL_IMPORTANT_INFRASTRUCTURE, QUAL_UNSET, "true", "MLPS level 3"},
		{"内师大第十四条（四）", "imnu-2022", ASSET_INFRASTRUCTURE, 0, false,
		 QUAL_IMPORTANT_INFRASTRUCTURE, QUAL_UNSET, "", ""},
		{"内师大第十四条（四）", "imnu-2022", ASSET_SERVER, 4, false,
		 QUAL_IMPORTANT_INFRASTRUCTURE, QUAL_UNSET, "false", "neither infrastructure"},
		{"内师大第十四条（四）", "imnu-2022", ASSET_PLATFORM, 0, true,
		 QUAL_IMPORTANT_INFRASTRUCTURE, QUAL_UNSET, "true", "critical information"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct world w;
		struct asset *a;
		enum fact f = (enum fact)(FACT_ASSET_PARTY_GOV_PORTAL + cases[i].q);
		const char *got;

		world_open(&w, cases[i].profile, 1);
		a = &w.reg->assets[0]; /* asset 1 */
		a->kind = cases[i].kind;
		a->mlps_level = cases[i].mlps;
		a->cii = cases[i].cii;
		a->qual[cases[i].q] = (unsigned char)cases[i].recorded;
		analyse(&w, "2024-05-10T12:00:00+08:00");
		got = !w.an.facts.v[f].known ? "" : w.an.facts.v[f].b ? "true" : "false";
		if (strcmp(got, cases[i].want) ||
		    (*cases[i].why && !strstr(w.an.why[f], cases[i].why))) {
			print_error("case %zu (%s %s): got \"%s\" (%s), want \"%s\" (%s)\n", i,
				    cases[i].article, fact_name(f), got, w.an.why[f],
				    cases[i].want, cases[i].why);
			fail();
		}
		world_close(&w);
	}
}

/* ---- 6. how far 逐级倒查 climbs --------------------------------------------------------------- */

static void chain_climb(void **state)
{
	static const struct {
		const char *what;
		int stop;                /* chain.stop: -1 top, else a unit kind */
		bool coordination, supervision;
		const char *want;
	} cases[] = {
		/* 直至主要负责人, then up the tree to the top (the default) */
		{"to the top", -1, false, false,
		 "vacant@SUB:direct_responsible:leadership subhead@SUB:first_responsible:leadership "
		 "deputy@ROOT:direct_responsible:leadership secretary@ROOT:first_responsible:leadership"},
		/* stopping at the Party committee that bears 主体责任 for the unit */
		{"to the body", UNIT_PARTY_COMMITTEE, false, false,
		 "vacant@SUB:direct_responsible:leadership subhead@SUB:first_responsible:leadership"},
		/* 协调不力: the office of the body the chain stops in, not every office above it */
		{"to the top, coordination failed", -1, true, false,
		 "vacant@SUB:direct_responsible:leadership subhead@SUB:first_responsible:leadership "
		 "deputy@ROOT:direct_responsible:leadership secretary@ROOT:first_responsible:leadership "
		 "officehead@OFFICE:principal:coordination"},
		{"to the body, coordination failed", UNIT_PARTY_COMMITTEE, true, false,
		 "vacant@SUB:direct_responsible:leadership subhead@SUB:first_responsible:leadership "
		 "subofficehead@SUBOFFICE:principal:coordination"},
		/* 监管不力 (第四条): the supervising department, outside the register */
		{"supervision failed", UNIT_PARTY_COMMITTEE, false, true,
		 "vacant@SUB:direct_responsible:leadership subhead@SUB:first_responsible:leadership "
		 "vacant@-:principal:coordination"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct profile p = *central;
		struct world w;
		struct cd_diag d = {{0}};
		char got[1024];
		struct asset *a;

		p.chain.stop = cases[i].stop;
		world_open(&w, "central-2017", 4);
		w.env.p = &p;
		assert_int_equal(cond_parse_profile(&p, w.a, &w.conds, &d), CD_OK);
		w.env.conds = w.conds;
		/* a lower Party committee with its own office, and a system of it */
		fx_unit(w.reg, 4, "SUB", 1, UNIT_PARTY_COMMITTEE);
		fx_unit(w.reg, 5, "SUBOFFICE", 4, UNIT_LEADING_GROUP_OFFICE);
		fx_person(w.reg, 7, "subhead")->unit = 4;
		fx_person(w.reg, 8, "subofficehead")->unit = 5;
		fx_duty(w.reg, 6, ROLE_FIRST_RESPONSIBLE, 7, 4, 0, "2020-01-01", NULL);
		fx_duty(w.reg, 7, ROLE_PRINCIPAL, 8, 5, 0, "2020-01-01", NULL);
		a = fx_asset(w.reg, 4, "SUBWEB", 4);
		a->kind = ASSET_PORTAL;
		assert_int_equal(reg_index(w.reg, NULL), CD_OK);
		w.x.coordination_failed = cases[i].coordination;
		if (cases[i].supervision)
			facts_set_bool(&w.x.facts, FACT_SUPERVISION_FAILED, true);
		analyse(&w, "2024-05-10T12:00:00+08:00");
		chain_text(&w, got, sizeof got);
		if (strcmp(got, cases[i].want)) {
			print_error("case %zu (%s): got  %s\n  want %s\n", i, cases[i].what, got,
				    cases[i].want);
			fail();
		}
		/* each step says why it is there */
		for (size_t k = 0; k < w.an.nchain; k++)
			assert_non_null(w.an.chain[k].why);
		world_close(&w);
	}
}

/* ---- 7. every incident is reported inside first; 续报 has its own state ----------------------- */

static void inside_first(void **state)
{
	static const struct {
		const char *what, *profile;
		bool graded;                 /* confirmed 较大 (a report required), else 一般 */
		const char *internal, *initial, *followup; /* report times, "" none */
		const char *known;           /* cause_impact_known: "true", "false", "" unknown */
		const char *at;
		enum due_state inside;
		enum followup_state follow;
	} cases[] = {
		/* IMNU 第十一条（四）第一时间…报告学校、第十三条: every grade, 30 minutes (the reading) */
		{"一般, seen at the due instant", "imnu-2022", false, "", "", "", "",
		 "2024-05-10T09:30:00+08:00", DUE_OPEN, FOLLOWUP_NOT_REQUIRED},
		{"一般, a second later", "imnu-2022", false, "", "", "", "", "2024-05-10T09:30:01+08:00",
		 DUE_OVERDUE, FOLLOWUP_NOT_REQUIRED},
		{"reported inside at the due instant", "imnu-2022", false, "2024-05-10T09:30:00+08:00", "",
		 "", "", "2024-05-10T12:00:00+08:00", DUE_DONE_ON_TIME, FOLLOWUP_NOT_REQUIRED},
		{"reported inside a second late", "imnu-2022", false, "2024-05-10T09:30:01+08:00", "", "",
		 "", "2024-05-10T12:00:00+08:00", DUE_DONE_LATE, FOLLOWUP_NOT_REQUIRED},
		{"an outside report does not answer it", "imnu-2022", true, "",
		 "2024-05-10T09:10:00+08:00", "", "", "2024-05-10T12:00:00+08:00", DUE_OVERDUE,
		 FOLLOWUP_ASK},
		/* the central measures set no internal clock */
		{"central: no internal clock", "central-2017", false, "", "", "", "",
		 "2024-05-10T12:00:00+08:00", DUE_NO_DEADLINE, FOLLOWUP_NOT_REQUIRED},
		/* 续报 (国家网络安全事件报告管理办法, 2025): owed when cause or impact was not known */
		{"较大, no first report", "central-2017", true, "", "", "", "",
		 "2024-05-10T09:10:00+08:00", DUE_NO_DEADLINE, FOLLOWUP_NO_INITIAL},
		{"not known at the first report: owed", "central-2017", true, "",
		 "2024-05-10T10:00:00+08:00", "", "false", "2024-05-10T12:00:00+08:00", DUE_NO_DEADLINE,
		 FOLLOWUP_OPEN},
		{"known at the first report", "central-2017", true, "", "2024-05-10T10:00:00+08:00", "",
		 "true", "2024-05-10T12:00:00+08:00", DUE_NO_DEADLINE, FOLLOWUP_NOT_NEEDED},
		{"the 续报 made", "central-2017", true, "", "2024-05-10T10:00:00+08:00",
		 "2024-05-10T15:00:00+08:00", "false", "2024-05-10T16:00:00+08:00", DUE_NO_DEADLINE,
		 FOLLOWUP_DONE},
		{"the 续报 after as_of is not made yet", "central-2017", true, "",
		 "2024-05-10T10:00:00+08:00", "2024-05-10T15:00:00+08:00", "false",
		 "2024-05-10T14:59:59+08:00", DUE_NO_DEADLINE, FOLLOWUP_OPEN},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct incident_report rep[3];
		struct world w;

		world_open(&w, cases[i].profile, 1);
		w.x.reports = rep;
		if (cases[i].graded) {
			w.x.graded = true;
			w.x.grade = GRADE_LARGER;
		}
		if (*cases[i].internal)
			rep[w.x.nreports++] = (struct incident_report){REPORT_INTERNAL,
									T(cases[i].internal), NULL};
		if (*cases[i].initial)
			rep[w.x.nreports++] = (struct incident_report){REPORT_INITIAL,
									T(cases[i].initial), NULL};
		if (*cases[i].followup)
			rep[w.x.nreports++] = (struct incident_report){REPORT_SUPPLEMENTARY,
									T(cases[i].followup), NULL};
		record_bool(&w.x, FACT_CAUSE_IMPACT_KNOWN, cases[i].known);
		analyse(&w, cases[i].at);
		if (w.an.internal_state != cases[i].inside || w.an.followup_state != cases[i].follow) {
			print_error("case %zu (%s): inside %s, 续报 %s\n", i, cases[i].what,
				    due_state_code(w.an.internal_state),
				    followup_state_code(w.an.followup_state));
			fail();
		}
		world_close(&w);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(attack_element),
		cmocka_unit_test(reporter_follows_register),
		cmocka_unit_test(collective_split),
		cmocka_unit_test(criticism_grounds),
		cmocka_unit_test(record_own_year),
		cmocka_unit_test(qualifiers),
		cmocka_unit_test(chain_climb), cmocka_unit_test(inside_first),
	};

	return cmocka_run_group_tests(tests, policies_setup, policies_teardown);
}
