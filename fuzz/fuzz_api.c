/* fuzz_api.c — libFuzzer target for request-body handling of the JSON API: the input's first
 * byte picks a route that takes a body, the second who asks (an office token, an officer
 * token, a system administrator's or a security administrator's session with its CSRF
 * token), the rest is the body, handed to api_handle over a demo organisation in a scratch
 * database. Whatever the bytes, the answer must be a JSON object, an error must carry a code
 * and a message, and nothing a client sends may give a 5xx; an answer written straight into
 * text must parse as one. Run with `make fuzz`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "api/api_int.h"
#include "core/profile.h"
#include "demo/demo.h"
#include "profile/profile_load.h"
#include "store/store.h"
#include "svc/accounts.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static char token[2][TOKEN_LEN + 1];
static char session[2][SESSION_ID_LEN + 1], csrf[2][CSRF_LEN + 1];
static const struct route *writes[128];
static size_t nwrites;
static cd_time now;

static void die(const char *what, const struct cd_diag *d)
{
	fprintf(stderr, "fuzz_api: %s: %s\n", what, d->msg);
	abort();
}

static void admin(enum account_role role, const char *name, int i)
{
	struct account a;
	struct cd_diag d = {{0}};

	if (account_create(st, name, "", role, 0, now, &a, &d) ||
	    account_session_create(st, a.id, now, session[i], csrf[i], &d))
		die(name, &d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[] = "/tmp/cyberduty-fuzz-api-XXXXXX";
	struct cd_diag d = {{0}};
	struct profile *p = NULL;
	struct api_token t;
	int64_t root;
	int fd = mkstemp(path);

	(void)argc;
	(void)argv;
	now = (cd_time)1780000000; /* a fixed instant: runs are repeatable */
	if (fd < 0)
		abort();
	close(fd);
	unlink(path);
	if (store_open(path, STORE_CREATE, &st, &d) || profile_open("imnu-2022", &p, &d) ||
	    store_profile_set(st, p->id, p->version, p->source, p->source_len, "2026-05-28", &d) ||
	    demo_build(st, p, time_cst_date(now), &d) ||
	    demo_deadlines(st, p, time_cst_date(now), &d) ||
	    demo_incidents(st, p, time_cst_date(now), &d))
		die("demo", &d);
	profile_free(p);
	unlink(path); /* the open connection keeps it */
	if (store_id_of(st, SK_UNIT, "IMNU", &root, &d) ||
	    account_token_create(st, "fuzz office", AR_OFFICE, root, CD_TIME_NONE, "fuzz", now, &t,
				 token[0], &d))
		die("token", &d);
	if (store_id_of(st, SK_UNIT, "JSJXY", &root, &d) ||
	    account_token_create(st, "fuzz officer", AR_OFFICER, root, CD_TIME_NONE, "fuzz", now,
				 &t, token[1], &d))
		die("token", &d);
	admin(AR_SYSADMIN, "fuzz.sys", 0);
	admin(AR_SECADMIN, "fuzz.sec", 1);
	for (size_t i = 0; i < api_nroutes && nwrites < 128; i++)
		if (strcmp(api_routes[i].method, "GET"))
			writes[nwrites++] = &api_routes[i];
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct api_request q = {.ip = "127.0.0.1", .content_type = "application/json", .now = now};
	struct api_response r;
	char path[160], auth[TOKEN_LEN + 16], *id;
	char *body;
	json_t *answer, *err;

	if (size < 2)
		return 0;
	snprintf(path, sizeof path, "%s", writes[data[0] % nwrites]->path);
	if ((id = strstr(path, "{id}"))) {
		id[0] = (char)('1' + data[1] % 9);
		memmove(id + 1, id + 4, strlen(id + 4) + 1);
	}
	q.method = writes[data[0] % nwrites]->method;
	q.path = path;
	switch ((data[1] >> 4) % 4) {
	case 0:
	case 1:
		snprintf(auth, sizeof auth, "Bearer %s", token[(data[1] >> 4) % 2]);
		q.authorization = auth;
		break;
	default:
		q.session = session[(data[1] >> 4) % 2];
		q.csrf = csrf[(data[1] >> 4) % 2];
	}
	if (!(body = malloc(size - 2 + 1)))
		return 0;
	memcpy(body, data + 2, size - 2);
	body[size - 2] = '\0';
	q.body = body;
	q.len = size - 2;
	q.store = st;
	api_handle(&q, &r);
	/* an answer comes as a tree or, from the routes that write it straight into text (the
	 * notices' acts), as its encoded bytes: either must read as one JSON object */
	answer = r.body ? json_incref(r.body)
			: r.text ? json_loadb(r.text, r.len, JSON_REJECT_DUPLICATES, NULL) : NULL;
	if (r.status >= 500 || (r.status != 204 && !json_is_object(answer))) {
		fprintf(stderr, "fuzz_api: %s %s answered %u\n", q.method, q.path, r.status);
		abort();
	}
	if (r.status >= 400 &&
	    (!(err = json_object_get(answer, "error")) ||
	     !json_is_string(json_object_get(err, "code")) ||
	     !json_is_string(json_object_get(err, "message"))))
		abort();
	json_decref(answer);
	api_response_free(&r);
	free(body);
	return 0;
}
