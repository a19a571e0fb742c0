/* test_incident_lines.c — a line of the incidents list (GET /api/v1/incidents,
 * svc_incident_lines) read from its incident's kept verdict reads no timeline (schema 0047): the
 * first read keeps the verdicts, the second runs no step of the statement that reads an
 * incident's events — and each line says of the timeline (grade confirmed, handling ended, the
 * accountability case's stage) what the incident folded whole says, at every stage of a case. */
#include "testutil.h"

#include "profile/profile_load.h"
#include "store/store.h"
#include "store/store_int.h" /* store_sqlite_steps */
#include "svc/policy.h"
#include "svc/setup.h"
#include "svc/work.h"

#define NOW "2026-06-09 10:00"

static char path[512];

/* The incidents: each a step further along its timeline than the one before. */
enum { PLAIN, GRADED, CLOSED, PROPOSED, RECOMMENDED, DECIDED, N_INCIDENTS };

/* An organisation: 党委 R with its system A and a person P; the profile yantai-fao-2021. */
static struct store *org(struct act *c, const struct policy **pol, int64_t *person)
{
	struct profile *p = NULL;
	struct unit r = {.code = "R", .name = "党委", .kind = UNIT_PARTY_COMMITTEE};
	struct person who = {.code = "P", .name = "张三"};
	struct asset x = {.code = "A", .name = "门户网站", .kind = ASSET_PORTAL,
			  .status = STATUS_LIVE, .graded_on = CD_DATE_NONE,
			  .filed_on = CD_DATE_NONE, .assessed_on = CD_DATE_NONE};
	bool changed = false, first = false;
	struct store *s = NULL;

	assert_int_equal(store_open(tmp_db(path, sizeof path, "incident-lines"), STORE_CREATE, &s,
				    c->d),
			 CD_OK);
	c->s = s;
	assert_int_equal(profile_open("yantai-fao-2021", &p, c->d), CD_OK);
	assert_int_equal(svc_profile_set(c, p, &changed, &first), CD_OK);
	profile_free(p);
	assert_int_equal(store_unit_add(s, &r, c->d), CD_OK);
	who.unit = r.id;
	assert_int_equal(store_person_add(s, &who, c->d), CD_OK);
	x.rel[REL_MANAGER] = r.id;
	assert_int_equal(store_asset_add(s, &x, c->d), CD_OK);
	assert_int_equal(policy_get(s, pol, c->d), CD_OK);
	c->pol = *pol;
	*person = who.id;
	return s;
}

/* incident k of the enum above, detected a day before NOW, with the events of its stage */
static void incident(struct act *c, int k, int64_t person)
{
	static const char *const assets[] = {"A"};
	char code[16];
	struct incident_new in = {.code = code, .detected_at = T("2026-06-08 09:00"),
				  .assets = assets, .nassets = 1};
	struct incident_event e[5];
	struct incident_view v;
	size_t n = 0;

	snprintf(code, sizeof code, "X-%d", k);
	if (k == GRADED)
		e[n++] = (struct incident_event){.kind = IEV_GRADE, .at = T("2026-06-08 10:00"),
						 .value = "一般", .note = "确认", .by = "office"};
	if (k >= CLOSED)
		e[n++] = (struct incident_event){.kind = IEV_CLOSE, .at = T("2026-06-08 11:00")};
	if (k >= PROPOSED)
		e[n++] = (struct incident_event){.kind = IEV_PROPOSE, .at = T("2026-06-08 12:00"),
						 .note = "提议"};
	if (k >= RECOMMENDED)
		e[n++] = (struct incident_event){.kind = IEV_RECOMMEND,
						 .at = T("2026-06-08 13:00"), .note = "建议"};
	if (k >= DECIDED)
		e[n++] = (struct incident_event){.kind = IEV_DECIDE, .at = T("2026-06-08 14:00"),
						 .name = "党委", .value = "通报批评",
						 .person = person};
	for (size_t i = 0; i < n; i++)
		e[i].recorded_at = CD_TIME_NONE;
	if (svc_incident_add(c, &in, e, n, &v) != CD_OK)
		fail_msg("incident %s: %s", code, c->d->msg);
}

/* lines reads the first page of the list; *events: the steps of the timeline's statement */
static size_t lines(struct act *c, struct incident_view **v, long *events)
{
	struct work_query q = {.kind = -1, .limit = 50};
	struct incident_env env;
	size_t n = 0;
	int64_t next = 0;
	long none = 0;

	assert_int_equal(store_sqlite_steps(c->s, "incident_events_of", &none), CD_OK);
	assert_int_equal(svc_incident_lines(c, q, c->now, v, &n, &next, &env), CD_OK);
	assert_int_equal(store_sqlite_steps(c->s, "incident_events_of", events), CD_OK);
	return n;
}

static void no_timeline_read(void **state)
{
	struct cd_diag d = {{0}};
	struct arena *a = arena_new(0);
	struct act c = {.actor = "test", .ip = "", .now = T(NOW), .a = a, .d = &d};
	const struct policy *pol = NULL;
	struct incident_view *first = NULL, *again = NULL;
	static const char *const stages[] = {"none", "none", "none", "proposed", "recommended",
					     "decided"};
	int64_t person = 0;
	long steps = 0;
	struct store *s = org(&c, &pol, &person);

	(void)state;
	assert_non_null(a);
	for (int k = 0; k < N_INCIDENTS; k++)
		incident(&c, k, person);
	/* the first read keeps the verdicts afresh (this build's mark written: the acts' are
	 * dropped); the second reads them */
	assert_int_equal(lines(&c, &first, &steps), N_INCIDENTS);
	assert_int_equal(lines(&c, &again, &steps), N_INCIDENTS);
	if (steps)
		fail_msg("a page of kept lines ran %ld steps reading timelines", steps);
	for (int k = 0; k < N_INCIDENTS; k++) {
		const struct incident_view *v = &again[k];
		struct incident x;

		/* what the whole incident, folded, says */
		assert_int_equal(svc_incident_read(&c, v->x.id, NULL, &x), CD_OK);
		assert_int_equal(v->x.nevents, 0);
		assert_int_equal(v->line.graded, x.graded);
		assert_int_equal(v->line.ended, x.handling_ended_at != CD_TIME_NONE);
		assert_int_equal(v->line.stage, accountability_stage(&x));
		assert_string_equal(accountability_stage_code(v->line.stage), stages[k]);
		assert_int_equal(v->line.graded, k == GRADED);
		assert_int_equal(v->line.ended, k >= CLOSED);
	}
	policy_put(pol);
	store_close(s);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_timeline_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
