/* test_conns.c — the connections the server holds (src/http/conns.h): past an address's limit
 * its longest-idle connection is cut, never a busy one nor the new one, nor another address's;
 * past the total, the idlest of any address; a connection idle past the deadline is cut by the
 * sweep, a busy one is not, and one whose answer went is idle from then. Cuts are counted here
 * instead of shutting sockets down. */
#include "testutil.h"

#include "http/conns.h"

static int cuts[64];
static size_t ncuts;

static void count_cut(int fd)
{
	assert_true(ncuts < 64);
	cuts[ncuts++] = fd;
}

static void per_address(void **state)
{
	struct conns *cs = conns_new(3, 100, 30, count_cut);
	struct conn *c[6];

	(void)state;
	ncuts = 0;
	c[0] = conns_open(cs, 10, "10.0.0.1", 100);
	c[1] = conns_open(cs, 11, "10.0.0.1", 101);
	c[2] = conns_open(cs, 12, "10.0.0.2", 102); /* another address */
	c[3] = conns_open(cs, 13, "10.0.0.1", 103);
	assert_int_equal(ncuts, 0);
	conns_busy(cs, c[0], true, 104); /* the oldest is answering a request */
	c[4] = conns_open(cs, 14, "10.0.0.1", 105); /* four from .1: the idlest idle one goes */
	assert_int_equal(ncuts, 1);
	assert_int_equal(cuts[0], 11);
	assert_int_equal(conns_count(cs, "10.0.0.1"), 3);
	assert_int_equal(conns_count(cs, "10.0.0.2"), 1);
	/* 13 answers a request and is idle from 106: 14 is the idlest now */
	conns_busy(cs, c[3], true, 106);
	conns_busy(cs, c[3], false, 106);
	c[5] = conns_open(cs, 15, "10.0.0.1", 107);
	assert_int_equal(ncuts, 2);
	assert_int_equal(cuts[1], 14);
	/* closed by libmicrohttpd: forgotten */
	conns_close(cs, c[1]);
	conns_close(cs, c[4]);
	assert_int_equal(conns_count(cs, NULL), 4);
	conns_free(cs);
}

static void all_busy(void **state)
{
	struct conns *cs = conns_new(2, 100, 30, count_cut);

	(void)state;
	ncuts = 0;
	conns_busy(cs, conns_open(cs, 20, "::1", 1), true, 1);
	conns_busy(cs, conns_open(cs, 21, "::1", 1), true, 1);
	conns_open(cs, 22, "::1", 2); /* none idle to cut, and not the new one itself */
	assert_int_equal(ncuts, 0);
	assert_int_equal(conns_count(cs, "::1"), 3);
	conns_free(cs);
}

static void total(void **state)
{
	struct conns *cs = conns_new(100, 3, 30, count_cut);

	(void)state;
	ncuts = 0;
	conns_open(cs, 30, "10.0.0.1", 1);
	conns_open(cs, 31, "10.0.0.2", 2);
	conns_open(cs, 32, "10.0.0.3", 3);
	conns_open(cs, 33, "10.0.0.4", 4);
	assert_int_equal(ncuts, 1);
	assert_int_equal(cuts[0], 30);
	conns_free(cs);
}

static void sweep(void **state)
{
	struct conns *cs = conns_new(100, 100, 30, count_cut);
	struct conn *a, *b, *c;

	(void)state;
	ncuts = 0;
	a = conns_open(cs, 40, "10.0.0.1", 1000); /* sends nothing, or a byte now and then */
	b = conns_open(cs, 41, "10.0.0.1", 1000);
	c = conns_open(cs, 42, "10.0.0.1", 1000);
	conns_busy(cs, b, true, 1010);           /* its request is under way */
	conns_busy(cs, c, true, 1010);
	conns_busy(cs, c, false, 1020);          /* answered at 1020 */
	assert_int_equal(conns_sweep(cs, 1030), 0); /* the deadline is not past for anyone */
	assert_int_equal(conns_sweep(cs, 1031), 1);
	assert_int_equal(cuts[0], 40);
	assert_int_equal(conns_sweep(cs, 1040), 0); /* a is cut once, b is busy */
	assert_int_equal(conns_sweep(cs, 1051), 1);
	assert_int_equal(cuts[1], 42);
	assert_int_equal(conns_count(cs, NULL), 1);
	(void)a;
	conns_free(cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(per_address),
		cmocka_unit_test(all_busy),
		cmocka_unit_test(total),
		cmocka_unit_test(sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
