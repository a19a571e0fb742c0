/* cmd_serve.c — `cyberduty serve`: run the web application until SIGTERM or SIGINT, then let
 * requests in flight finish and close the database cleanly. */
#include <signal.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "config.h"
#include "http/server.h"
#include "notify/notify.h"

int cmd_serve(int argc, char **argv, const char *usage)
{
	const char *listen = NULL, *cert = NULL, *key = NULL, *threads = NULL, *web = NULL,
		   *cache = NULL, *deadline = NULL, *every = NULL, *hash_threads = NULL,
		   *budget = NULL;
	const struct cli_field f[] = {{"--listen", &listen},	{"--tls-cert", &cert},
				      {"--tls-key", &key},	{"--threads", &threads},
				      {"--web", &web},		{"--cache-mb", &cache},
				      {"--request-timeout", &deadline},
				      {"--notify-every", &every},
				      {"--hash-threads", &hash_threads},
				      {"--signin-budget", &budget}, {NULL, NULL}};
	struct server_config c = {0};
	struct cli_opts o;
	struct cd_diag d = {{0}};
	struct server *s;
	struct notify_worker *w = NULL;
	long every_s = 60;
	sigset_t set;
	char *end = NULL;
	long n = 0;
	int sig;

	if (!cli_parse_fields(argc, argv, OPT_DB, f, 0, 0, usage, &o))
		return EXIT_ERROR;
	if (threads && ((n = strtol(threads, &end, 10)) < 1 || n > 256 || *end)) {
		fprintf(stderr, "cyberduty: serve: --threads \"%s\": give 1 to 256\n", threads);
		return EXIT_ERROR;
	}
	c = (struct server_config){.listen = listen ? listen : "127.0.0.1:8080", .db = o.db,
				   .web_root = web ? web : CD_WEB_ROOT, .tls_cert = cert,
				   .tls_key = key, .threads = (unsigned)n};
	if (cache && ((n = strtol(cache, &end, 10)) < 0 || n > 1024 || *end)) {
		fprintf(stderr, "cyberduty: serve: --cache-mb \"%s\": give 0 (keep no answers) to "
				"1024\n", cache);
		return EXIT_ERROR;
	}
	if (cache)
		c.cache_mb = n ? (int)n : -1;
	if (deadline && ((n = strtol(deadline, &end, 10)) < 1 || n > 3600 || *end)) {
		fprintf(stderr, "cyberduty: serve: --request-timeout \"%s\": give 1 to 3600 "
				"(seconds)\n", deadline);
		return EXIT_ERROR;
	}
	if (deadline)
		c.request_s = (int)n;
	/* the password routes' pool and budget (src/http/signin.h, docs/accounts.md) */
	if (hash_threads && ((n = strtol(hash_threads, &end, 10)) < 1 || n > 64 || *end)) {
		fprintf(stderr, "cyberduty: serve: --hash-threads \"%s\": give 1 to 64 (each holds "
				"the memory of one password hash, the setting password_hash_mib)\n",
			hash_threads);
		return EXIT_ERROR;
	}
	if (hash_threads)
		c.hash_threads = (unsigned)n;
	if (budget && ((n = strtol(budget, &end, 10)) < 0 || n > 100000 || *end)) {
		fprintf(stderr, "cyberduty: serve: --signin-budget \"%s\": give the sign-ins and "
				"password checks one address may make a minute, 1 to 100000 (0: no "
				"limit)\n",
			budget);
		return EXIT_ERROR;
	}
	if (budget)
		c.signin_budget = n ? (int)n : -1;
	if (every && ((every_s = strtol(every, &end, 10)) < 0 || every_s > 86400 || *end)) {
		fprintf(stderr, "cyberduty: serve: --notify-every \"%s\": give the seconds between "
				"rounds of reminders and sending, 1 to 86400 (0: no worker; run "
				"`cyberduty notify run` from a timer instead)\n", every);
		return EXIT_ERROR;
	}
	/* the worker threads inherit this mask: only this thread takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (server_start(&c, &s, &d) != CD_OK) {
		fprintf(stderr, "cyberduty: serve: %s\n", d.msg);
		return EXIT_ERROR;
	}
	if (every_s && notify_worker_start(o.db, (int)every_s, &w, &d) != CD_OK) {
		fprintf(stderr, "cyberduty: serve: %s\n", d.msg);
		server_stop(s);
		return EXIT_ERROR;
	}
	printf("cyberduty %s: serving %s://%.*s:%u (database %s); stop with Ctrl-C\n", CD_VERSION,
	       server_tls(s) ? "https" : "http", (int)(strrchr(c.listen, ':') - c.listen),
	       c.listen, server_port(s), o.db);
	fflush(stdout);
	sigwait(&set, &sig);
	printf("cyberduty: %s: finishing requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	fflush(stdout);
	notify_worker_stop(w);
	server_stop(s);
	printf("cyberduty: stopped\n");
	return EXIT_CLEAN;
}
