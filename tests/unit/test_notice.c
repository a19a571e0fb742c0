/* test_notice.c — the notice rules as tables: instants, due dates in working days under the
 * Yantai profile across holidays, adjusted working days and a year without a calendar, states
 * at chosen instants, the lifecycle's order, extensions, the repeat window's edge and the
 * 举一反三 list. */
#include "testutil.h"
#include "fixreg.h"

#include "core/notice.h"
#include "io/calendar_load.h"
#include "profile/profile_load.h"

static struct profile *yantai, *imnu;
static struct calendar *cal;

static int setup(void **state)
{
	struct cd_diag d = {{0}};

	(void)state;
	if (profile_open("yantai-fao-2021", &yantai, &d) || profile_open("imnu-2022", &imnu, &d) ||
	    calendar_from_data(NULL, &cal, &d)) {
		print_error("setup: %s\n", d.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	profile_free(yantai);
	profile_free(imnu);
	calendar_free(cal);
	return 0;
}

static void instants(void **state)
{
	static const struct {
		const char *in;
		bool cst_default, ok;
		const char *out; /* formatted in CST */
		const char *day;
	} cases[] = {
		{"2024-09-29T10:00:00+08:00", false, true, "2024-09-29T10:00:00+08:00", "2024-09-29"},
		{"2024-09-29T16:30:00Z", false, true, "2024-09-30T00:30:00+08:00", "2024-09-30"},
		{"2024-09-29T23:59:59+08:00", false, true, "2024-09-29T23:59:59+08:00", "2024-09-29"},
		{"2024-09-29T12:00:00-04:00", false, true, "2024-09-30T00:00:00+08:00", "2024-09-30"},
		{"2024-09-29T10:00:00.123+08:00", false, true, "2024-09-29T10:00:00+08:00", "2024-09-29"},
		{"2024-09-29T10:00+08:00", false, true, "2024-09-29T10:00:00+08:00", "2024-09-29"},
		{"2024-09-29 10:00", true, true, "2024-09-29T10:00:00+08:00", "2024-09-29"},
		{"2024-09-29 10:00", false, false, NULL, NULL},
		{"2024-09-29", true, false, NULL, NULL},
		{"2024-09-29T24:00:00+08:00", false, false, NULL, NULL},
		{"2024-02-30T10:00:00+08:00", false, false, NULL, NULL},
		{"2024-09-29T10:00:00+8:00", false, false, NULL, NULL},
		{"2024-09-29T10:00:00+08:00x", false, false, NULL, NULL},
		{"1969-12-31T23:00:00Z", false, true, "1970-01-01T07:00:00+08:00", "1970-01-01"},
		{"1899-12-31T23:00:00Z", false, false, NULL, NULL}, /* dates start in 1900 */
		{"", false, false, NULL, NULL},
	};
	char buf[26], day[11];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cd_time t = CD_TIME_NONE;
		bool ok = time_parse(cases[i].in, cases[i].cst_default, &t);

		if (ok != cases[i].ok)
			fail_msg("case %zu (%s): parse %d, want %d", i, cases[i].in, ok, cases[i].ok);
		if (!ok)
			continue;
		assert_string_equal(time_format(t, buf), cases[i].out);
		assert_string_equal(date_format(time_cst_date(t), day), cases[i].day);
	}
	assert_int_equal(time_cst_end(D("2024-10-09")) - time_cst_start(D("2024-10-09")), 86400);
	assert_true(time_cst_start(D("2024-10-09")) == T("2024-10-09T00:00:00+08:00"));
}

static void due_dates(void **state)
{
	static const struct {
		const char *received;
		const char *due;
		bool estimated;
	} cases[] = {
		/* the example: received on the working Sunday before National Day */
		{"2024-09-29T10:00:00+08:00", "2024-10-09", false},
		{"2024-09-29T23:59:59+08:00", "2024-10-09", false},
		/* 16:30 UTC is 00:30 the next day in Beijing */
		{"2024-09-29T16:30:00Z", "2024-10-10", false},
		{"2024-09-30T09:00:00+08:00", "2024-10-10", false},
		/* received on a working Sunday (Spring Festival adjustment) */
		{"2024-02-04T09:00:00+08:00", "2024-02-07", false},
		/* the last working day before Spring Festival 2024 */
		{"2024-02-09T09:00:00+08:00", "2024-02-20", false},
		/* 2022-12-31 (Saturday): 元旦 2023 follows */
		{"2022-12-31T09:00:00+08:00", "2023-01-05", false},
		/* Labour Day 2026 */
		{"2026-04-30T18:00:00+08:00", "2026-05-08", false},
		/* a plain week */
		{"2026-11-09T15:00:00+08:00", "2026-11-12", false},
		/* into 2027, which has no official calendar yet */
		{"2026-12-30T09:00:00+08:00", "2027-01-04", true},
	};
	char day[11];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct notice n;
		struct notice_due due;

		notice_init(&n);
		n.received_at = T(cases[i].received);
		due = notice_due(&n, yantai, cal);
		if (strcmp(date_format(due.due, day), cases[i].due) ||
		    due.estimated != cases[i].estimated)
			fail_msg("received %s: due %s (estimated %d), want %s (%d)",
				 cases[i].received, day, due.estimated, cases[i].due,
				 cases[i].estimated);
		assert_false(due.extended || due.stated);
	}
}

static void due_sources(void **state)
{
	struct notice n;
	struct notice_due due;

	(void)state;
	notice_init(&n);
	n.received_at = T("2026-11-09T15:00:00+08:00");
	/* IMNU sets no period: no due date until the notice states one */
	due = notice_due(&n, imnu, cal);
	assert_true(due.due == CD_DATE_NONE);
	assert_int_equal(notice_state(&n, &due, T("2027-01-01T00:00:00+08:00")), DUE_NO_DEADLINE);
	n.stated_due = D("2026-11-20");
	due = notice_due(&n, imnu, cal);
	assert_true(due.due == D("2026-11-20") && due.stated);
	/* the notice's own date wins over the profile's working days; an extension over both */
	due = notice_due(&n, yantai, cal);
	assert_true(due.due == D("2026-11-20") && due.stated);
	n.extended_to = D("2026-11-30");
	due = notice_due(&n, yantai, cal);
	assert_true(due.due == D("2026-11-30") && due.extended);
}

static void states(void **state)
{
	static const struct {
		const char *feedback; /* NULL: none */
		const char *at;
		enum due_state want;
	} cases[] = {
		/* due 2024-10-09 (received 2024-09-29) */
		{NULL, "2024-10-08T23:59:59+08:00", DUE_OPEN},
		{NULL, "2024-10-09T00:00:00+08:00", DUE_TODAY},
		{NULL, "2024-10-09T23:59:59+08:00", DUE_TODAY},
		{NULL, "2024-10-10T00:00:00+08:00", DUE_OVERDUE},
		{NULL, "2024-10-09T16:00:00Z", DUE_OVERDUE}, /* = 10-10 00:00 CST */
		{"2024-10-09T23:59:59+08:00", "2024-10-10T00:00:00+08:00", DUE_DONE_ON_TIME},
		{"2024-10-10T00:00:00+08:00", "2024-10-10T00:00:00+08:00", DUE_DONE_LATE},
		{"2024-10-08T10:00:00+08:00", "2024-10-08T10:00:00+08:00", DUE_DONE_ON_TIME},
		/* seen before the feedback was sent, it is not done yet */
		{"2024-10-12T10:00:00+08:00", "2024-10-09T12:00:00+08:00", DUE_TODAY},
		{"2024-10-12T10:00:00+08:00", "2024-10-11T12:00:00+08:00", DUE_OVERDUE},
		{"2024-10-12T10:00:00+08:00", "2024-10-12T10:00:00+08:00", DUE_DONE_LATE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct notice n;
		struct notice_due due;
		enum due_state got;

		notice_init(&n);
		n.received_at = T("2024-09-29T10:00:00+08:00");
		due = notice_due(&n, yantai, cal);
		if (cases[i].feedback)
			n.feedback_at = T(cases[i].feedback);
		got = notice_state(&n, &due, T(cases[i].at));
		if (got != cases[i].want)
			fail_msg("case %zu at %s: %s, want %s", i, cases[i].at, due_state_code(got),
				 due_state_code(cases[i].want));
	}
}

/* A notice with rectification but no feedback stays open to the clock. */
static void rectified_is_not_done(void **state)
{
	struct notice n;
	struct notice_event e = {.kind = NEV_RECTIFY, .at = T("2024-10-08T10:00:00+08:00")};
	struct notice_due due;
	struct cd_diag d = {{0}};

	(void)state;
	notice_init(&n);
	n.received_at = T("2024-09-29T10:00:00+08:00");
	due = notice_due(&n, yantai, cal);
	assert_int_equal(notice_apply(&n, &e, due.due, &d), CD_OK);
	assert_int_equal(n.stage, STAGE_RECTIFIED);
	assert_int_equal(notice_state(&n, &due, T("2024-10-10T09:00:00+08:00")), DUE_OVERDUE);
}

static void lifecycle(void **state)
{
	static const struct {
		enum notice_event_kind kind;
		const char *at;
		const char *to; /* extend */
		const char *err; /* NULL: accepted; else a piece of the message */
		enum notice_stage stage;
	} steps[] = {
		{NEV_FEEDBACK, "2024-09-30T10:00:00+08:00", NULL, "the notice is received", 0},
		{NEV_VERIFY, "2024-09-30T10:00:00+08:00", NULL, "next step: rectify", 0},
		{NEV_START, "2024-09-29T09:59:59+08:00", NULL, "before the notice was received", 0},
		{NEV_START, "2024-09-29T11:00:00+08:00", NULL, NULL, STAGE_RECTIFYING},
		{NEV_START, "2024-09-29T12:00:00+08:00", NULL, "the notice is rectifying", 0},
		{NEV_SUPPORT, "2024-09-30T09:00:00+08:00", NULL, NULL, STAGE_RECTIFYING},
		{NEV_EXTEND, "2024-09-30T10:00:00+08:00", "2024-10-09", "not later than", 0},
		{NEV_EXTEND, "2024-09-30T10:00:00+08:00", "2024-10-15", NULL, STAGE_RECTIFYING},
		{NEV_EXTEND, "2024-10-01T10:00:00+08:00", "2024-10-14", "not later than", 0},
		{NEV_RECTIFY, "2024-09-29T10:30:00+08:00", NULL, "before the previous step", 0},
		{NEV_RECTIFY, "2024-10-12T10:00:00+08:00", NULL, NULL, STAGE_RECTIFIED},
		{NEV_FEEDBACK, "2024-10-14T10:00:00+08:00", NULL, NULL, STAGE_FEEDBACK},
		{NEV_SUPPORT, "2024-10-14T11:00:00+08:00", NULL, "feedback was already sent", 0},
		{NEV_EXTEND, "2024-10-14T11:00:00+08:00", "2024-10-30", "feedback was already sent", 0},
		{NEV_VERIFY, "2024-10-20T10:00:00+08:00", NULL, NULL, STAGE_VERIFIED},
		{NEV_VERIFY, "2024-10-21T10:00:00+08:00", NULL, "it is closed", 0},
	};
	struct notice n;
	struct cd_diag d = {{0}};

	(void)state;
	notice_init(&n);
	n.code = "T-1";
	n.received_at = T("2024-09-29T10:00:00+08:00");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct notice_event e = {.kind = steps[i].kind, .at = T(steps[i].at),
					 .extended_to = steps[i].to ? D(steps[i].to) : CD_DATE_NONE,
					 .by = "烟台市委网信办", .note = "理由"};
		struct notice_due due = notice_due(&n, yantai, cal);
		enum notice_stage before = n.stage;
		enum cd_err rc = notice_apply(&n, &e, due.due, &d);

		if (steps[i].err) {
			if (rc != CD_EINVAL || !strstr(d.msg, steps[i].err))
				fail_msg("step %zu: rc %d \"%s\", want refusal with \"%s\"", i, rc,
					 d.msg, steps[i].err);
			assert_int_equal(n.stage, before);
			continue;
		}
		if (rc)
			fail_msg("step %zu refused: %s", i, d.msg);
		assert_int_equal(n.stage, steps[i].stage);
	}
	/* the extension moved the due date and the feedback on 10-14 was on time */
	{
		struct notice_due due = notice_due(&n, yantai, cal);

		assert_true(due.due == D("2024-10-15") && due.extended);
		assert_int_equal(notice_state(&n, &due, T("2024-11-01T00:00:00+08:00")),
				 DUE_DONE_ON_TIME);
	}
	/* an extension needs a reason and who granted it */
	{
		struct notice m;
		struct notice_event e = {.kind = NEV_EXTEND, .at = T("2024-09-30T10:00:00+08:00"),
					 .extended_to = D("2024-10-20"), .by = "x"};

		notice_init(&m);
		m.received_at = T("2024-09-29T10:00:00+08:00");
		assert_int_equal(notice_apply(&m, &e, D("2024-10-09"), &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "reason"));
		e.note = "r";
		e.by = NULL;
		assert_int_equal(notice_apply(&m, &e, D("2024-10-09"), &d), CD_EINVAL);
		assert_non_null(strstr(d.msg, "who granted"));
	}
}

static void repeat_window(void **state)
{
	static const struct {
		const char *received; /* this notice */
		const char *other;    /* an earlier event on an asset */
		int64_t asset;
		int window;
		bool repeat;
	} cases[] = {
		{"2026-05-15T10:00:00+08:00", "2026-02-15T00:00:00+08:00", 7, 3, true},
		{"2026-05-15T10:00:00+08:00", "2026-02-14T23:59:59+08:00", 7, 3, false},
		{"2026-05-15T10:00:00+08:00", "2026-05-15T09:59:59+08:00", 7, 3, true},
		{"2026-05-15T10:00:00+08:00", "2026-05-15T10:00:00+08:00", 7, 3, false}, /* not before */
		{"2026-05-15T10:00:00+08:00", "2026-06-01T10:00:00+08:00", 7, 3, false}, /* later */
		{"2026-05-15T10:00:00+08:00", "2026-04-01T10:00:00+08:00", 8, 3, false}, /* other asset */
		{"2026-05-15T10:00:00+08:00", "2026-04-01T10:00:00+08:00", 7, -1, false}, /* no window */
		/* month ends clamp: 05-31 looks back to 02-28 */
		{"2026-05-31T10:00:00+08:00", "2026-02-28T00:00:00+08:00", 7, 3, true},
		{"2026-05-31T10:00:00+08:00", "2026-02-27T23:59:59+08:00", 7, 3, false},
		/* the window's start is a CST day: 02-14 16:00 UTC is 02-15 00:00 in Beijing */
		{"2026-05-15T10:00:00+08:00", "2026-02-14T16:00:00Z", 7, 3, true},
		{"2026-05-15T10:00:00+08:00", "2026-02-14T15:59:59Z", 7, 3, false},
	};
	int64_t assets[] = {7, 9};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct notice n;
		struct asset_event ev[2] = {
			{.asset = cases[i].asset, .at = T(cases[i].other), .notice = 2},
			{.asset = 7, .at = T("2020-01-01T00:00:00+08:00"), .incident = 5},
		};
		const struct asset_event *got;

		notice_init(&n);
		n.id = 1;
		n.received_at = T(cases[i].received);
		n.assets = assets;
		n.nassets = 2;
		got = notice_repeat(&n, cases[i].window, ev, 2);
		if ((got != NULL) != cases[i].repeat)
			fail_msg("case %zu: repeat %d, want %d", i, got != NULL, cases[i].repeat);
		if (got)
			assert_ptr_equal(got, &ev[0]);
	}
	/* an incident counts like a notice; the notice itself does not */
	{
		struct notice n;
		struct asset_event ev[] = {
			{.asset = 7, .at = T("2026-05-01T10:00:00+08:00"), .notice = 1},
			{.asset = 9, .at = T("2026-04-01T10:00:00+08:00"), .incident = 3},
		};

		notice_init(&n);
		n.id = 1;
		n.received_at = T("2026-05-15T10:00:00+08:00");
		n.assets = assets;
		n.nassets = 2;
		assert_ptr_equal(notice_repeat(&n, 3, ev, 2), &ev[1]);
	}
}

static void similar_systems(void **state)
{
	struct reg *r = reg_new();
	struct similar out[8];
	int64_t own[] = {1};
	struct notice n;
	char why[64];
	size_t k;

	(void)state;
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "IT", 1, UNIT_TECH_SUPPORT_CENTRE);
	fx_unit(r, 3, "OTHER", 1, UNIT_DEPARTMENT);
	struct asset *a = fx_asset(r, 1, "WEB", 1);
	a->kind = ASSET_PORTAL, a->software = "CMS 5", a->rel[REL_OPERATOR] = 2;
	a = fx_asset(r, 2, "SYS-SAME-OP", 1); /* operator alone: no likeness */
	a->rel[REL_OPERATOR] = 2;
	a = fx_asset(r, 3, "SITE-KIND", 1);
	a->kind = ASSET_PORTAL, a->rel[REL_OPERATOR] = 3;
	a = fx_asset(r, 4, "SITE-ALL", 1);
	a->kind = ASSET_PORTAL, a->software = "CMS 5", a->rel[REL_OPERATOR] = 2;
	a = fx_asset(r, 5, "APP-SOFT", 1);
	a->software = "CMS 5";
	a = fx_asset(r, 6, "SITE-OLD", 1);
	a->kind = ASSET_PORTAL, a->status = STATUS_RETIRED;
	a = fx_asset(r, 7, "SITE-KIND-OP", 1);
	a->kind = ASSET_PORTAL, a->rel[REL_OPERATOR] = 2;

	notice_init(&n);
	n.assets = own;
	n.nassets = 1;
	k = notice_similar(&n, r, out, 8);
	assert_int_equal(k, 4);
	assert_int_equal(out[0].asset, 4); /* kind, operator, software */
	assert_string_equal(similar_describe(out[0].why, why, sizeof(why)), "同类型、同运维单位、同软件");
	assert_int_equal(out[1].asset, 7); /* kind, operator */
	assert_int_equal(out[2].asset, 3); /* kind */
	assert_string_equal(similar_describe(out[2].why, why, sizeof(why)), "同类型");
	assert_int_equal(out[3].asset, 5); /* software */
	assert_string_equal(similar_describe(out[3].why, why, sizeof(why)), "同软件");
	/* a short buffer: the count is still the whole */
	assert_int_equal(notice_similar(&n, r, out, 2), 4);
	reg_free(r);
}

/* What a notice concerns: its own unit's subtree, or any unit a system of it answers to. */
static void concerns(void **state)
{
	static const struct {
		int64_t unit, top;
		bool want;
	} cases[] = {
		{0, 0, true},	/* the whole organisation */
		{3, 3, true},	/* addressed there */
		{3, 1, true},	/* addressed below */
		{0, 4, true},	/* its system's operator is there */
		{0, 2, true},	/* its system's manager is there */
		{0, 3, false},	/* nothing of it there */
		{3, 4, true},	/* not addressed there, but operated there */
		{0, 5, false},	/* a unit that does not exist */
	};
	struct reg *r = reg_new();
	int64_t own[] = {1};
	struct notice n;

	(void)state;
	fx_unit(r, 1, "ROOT", 0, UNIT_PARTY_COMMITTEE);
	fx_unit(r, 2, "MGR", 1, UNIT_DEPARTMENT);
	fx_unit(r, 3, "OTHER", 1, UNIT_DEPARTMENT);
	fx_unit(r, 4, "IT", 1, UNIT_TECH_SUPPORT_CENTRE);
	fx_asset(r, 1, "WEB", 2)->rel[REL_OPERATOR] = 4;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		notice_init(&n);
		n.unit = cases[i].unit;
		n.assets = own;
		n.nassets = 1;
		if (notice_concerns_subtree(&n, r, cases[i].top) != cases[i].want)
			fail_msg("case %zu: want %d", i, cases[i].want);
	}
	reg_free(r);
}

/* The one order of the repeat rule's events: latest first; at one instant notices before
 * incidents, then by id, then by system. */
static void events_order(void **state)
{
	struct asset_event ev[] = {
		{.asset = 1, .at = 100, .incident = 7}, {.asset = 2, .at = 100, .notice = 9},
		{.asset = 1, .at = 100, .notice = 9},	{.asset = 1, .at = 200, .incident = 3},
		{.asset = 3, .at = 100, .notice = 4},	{.asset = 1, .at = 50, .notice = 1},
	};
	static const struct {
		int64_t asset, notice, incident;
	} want[] = {{1, 0, 3}, {3, 4, 0}, {1, 9, 0}, {2, 9, 0}, {1, 0, 7}, {1, 1, 0}};

	(void)state;
	asset_events_sort(ev, sizeof ev / sizeof *ev);
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (ev[i].asset != want[i].asset || ev[i].notice != want[i].notice ||
		    ev[i].incident != want[i].incident)
			fail_msg("place %zu: asset %lld notice %lld incident %lld", i,
				 (long long)ev[i].asset, (long long)ev[i].notice,
				 (long long)ev[i].incident);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instants),	   cmocka_unit_test(due_dates),
		cmocka_unit_test(due_sources),	   cmocka_unit_test(states),
		cmocka_unit_test(rectified_is_not_done), cmocka_unit_test(lifecycle),
		cmocka_unit_test(repeat_window),   cmocka_unit_test(similar_systems),
		cmocka_unit_test(concerns), cmocka_unit_test(events_order),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
