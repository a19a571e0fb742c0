/* cmd_file.c — `cyberduty file attach|list|get|withdraw` and the `attach` / `files` commands of notice,
 * incident and record: evidence files (证明材料) kept in the database, their type judged by
 * their bytes, their SM3 digest in the audit log (svc/evidence.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "svc/evidence.h"

enum cd_err cli_file_read(const char *path, size_t limit, void **bytes, size_t *len,
			  struct cd_diag *d)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	enum cd_err rc = CD_OK;

	*bytes = NULL;
	*len = 0;
	if (!f)
		return cd_diag_set(d, CD_EINVAL, "%s: cannot open it (%s)", path, strerror(errno));
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode))
		rc = cd_diag_set(d, CD_EINVAL, "%s: not a regular file", path);
	else if ((uint64_t)st.st_size > limit)
		rc = cd_diag_set(d, CD_EINVAL,
				 "%s: 文件过大：上限 %zu MiB（设置 evidence_max_mb） (the file is "
				 "larger than the limit of %zu MiB)",
				 path, limit >> 20, limit >> 20);
	else if (!(*bytes = malloc((size_t)st.st_size + 1)))
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	else if ((*len = fread(*bytes, 1, (size_t)st.st_size, f)) != (size_t)st.st_size)
		rc = cd_diag_set(d, CD_EIO, "%s: cannot read it", path);
	fclose(f);
	if (rc) {
		free(*bytes);
		*bytes = NULL;
	}
	return rc;
}

enum cd_err cli_attach_open(struct cli_book *c, struct act *a, struct cli_attach *f)
{
	size_t limit = 0;
	enum cd_err rc;

	f->bytes = NULL;
	f->len = 0;
	if (!f->path)
		return CD_OK;
	if ((rc = svc_evidence_limit(a, &limit)) ||
	    (rc = cli_file_read(f->path, limit, &f->bytes, &f->len, &c->d)))
		return rc;
	return store_begin(c->s, &c->d);
}

enum cd_err cli_attach_close(struct cli_book *c, struct act *a, enum cd_err rc,
			     enum evidence_owner kind, int64_t id, struct cli_attach *f)
{
	struct evidence_new in = {.kind = kind, .id = id, .name = f->path, .bytes = f->bytes,
				  .len = f->len};

	if (!f->path)
		return rc;
	if (!rc && (rc = svc_evidence_add(a, &in, &f->e)) && a->field)
		cli_act_option(&c->d, a->field, "--attachment");
	if (store_in_transaction(c->s)) {
		if (!rc)
			rc = store_commit(c->s, &c->d);
		else
			store_rollback(c->s);
	}
	free(f->bytes);
	f->bytes = NULL;
	return rc;
}

void cli_attach_say(const struct cli_attach *f)
{
	if (f->path)
		printf("  attached as evidence file %lld: %s (%s, %lld bytes, SM3 %s)\n",
		       (long long)f->e.id, f->e.name, f->e.type, (long long)f->e.size, f->e.sm3);
}

static void say(const struct evidence_row *e)
{
	const char *label = e->type;
	char when[26];

	evidence_type_allowed(e->type, &label);
	printf("%lld\t%s\t%s\t%lld 字节\tSM3 %.16s…\t%s\t%s%s\n", (long long)e->id, e->name, label,
	       (long long)e->size, e->sm3, time_show(e->added_at, when), e->added_by,
	       e->withdrawn_at == CD_TIME_NONE ? "" : "\t(withdrawn)");
}

/* owner_text: the kind of an owner as a person reads it */
static const char *owner_text(enum evidence_owner kind)
{
	static const char *const zh[EVO__MAX] = {[EVO_NOTICE] = "通报", [EVO_INCIDENT] = "事件",
						 [EVO_RECORD] = "工作记录", [EVO_ASSESSMENT] = "考核表"};

	return lang_pick(evidence_owner_code(kind), zh[kind]);
}

/* owner_args: the owner named by a positional argument — records by number, notices and
 * incidents by their code. */
static void owner_args(enum evidence_owner kind, const char *arg, int64_t *id, const char **code)
{
	char *end;
	long long v;

	*id = 0;
	*code = arg;
	if (kind != EVO_RECORD && kind != EVO_ASSESSMENT)
		return;
	v = strtoll(arg, &end, 10);
	*id = *end || v <= 0 ? -1 : v;
	*code = NULL;
}

static int attach(int argc, char **argv, const char *usage, enum evidence_owner kind)
{
	struct cli_book c = {0};
	const char *name;
	const struct cli_field f[] = {{"--name", &name}, {NULL, NULL}};
	struct evidence_new in = {.kind = kind};
	struct evidence_row e;
	struct act a;
	char actor[128];
	void *bytes = NULL;
	size_t limit = 0;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 2, 2, usage, &c.o))
		return EXIT_ERROR;
	owner_args(kind, c.o.pos[0], &in.id, &in.code);
	if (in.id < 0) {
		fprintf(stderr, "cyberduty: %s: give the record's number\n", c.o.pos[0]);
		return EXIT_ERROR;
	}
	in.name = name ? name : c.o.pos[1];
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)) ||
	    (rc = svc_evidence_limit(&a, &limit)) ||
	    (rc = cli_file_read(c.o.pos[1], limit, &bytes, &in.len, &c.d)))
		return cli_book_close(&c, rc, 0);
	in.bytes = bytes;
	rc = svc_evidence_add(&a, &in, &e);
	free(bytes);
	if (rc && a.field && !strcmp(a.field, "name"))
		cli_act_option(&c.d, "name", name ? "--name" : "FILE");
	if (!rc && c.o.json)
		cli_json_dump(svc_evidence_json(&e));
	else if (!rc)
		printf("%s %s: %s attached as file %lld (%s, %lld bytes, SM3 %s)\n",
		       owner_text(kind), c.o.pos[0], e.name, (long long)e.id, e.type,
		       (long long)e.size, e.sm3);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

static int files(int argc, char **argv, const char *usage, enum evidence_owner kind)
{
	struct cli_book c = {0};
	struct evidence_row *v = NULL;
	struct act a;
	char actor[128];
	const char *code;
	int64_t id;
	size_t n = 0;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_JSON, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	owner_args(kind, c.o.pos[0], &id, &code);
	if (id < 0) {
		fprintf(stderr, "cyberduty: %s: give the record's number\n", c.o.pos[0]);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_evidence_list(&a, kind, id, code, &v, &n);
	if (!rc && c.o.json) {
		json_t *items = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(items, svc_evidence_json(&v[i]));
		cli_json_dump(items);
	} else if (!rc) {
		if (!n)
			printf("%s %s: no evidence files\n", owner_text(kind), c.o.pos[0]);
		for (size_t i = 0; i < n; i++)
			say(&v[i]);
	}
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* file_get writes file ID to --output PATH (a new file) or to standard output. */
static int file_get(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	struct evidence_row e;
	struct act a;
	char actor[128], *end;
	void *bytes = NULL;
	long long id;
	FILE *out = stdout;
	enum cd_err rc;

	if (!cli_parse(argc, argv, OPT_DB | OPT_OUTPUT, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	id = strtoll(c.o.pos[0], &end, 10);
	if (*end || id <= 0) {
		fprintf(stderr, "cyberduty: %s: give the file's number (`… files` lists them)\n",
			c.o.pos[0]);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_evidence_get(&a, id, &e);
	if (!rc)
		rc = svc_evidence_bytes(&a, &e, &bytes);
	if (!rc && c.o.output && !(out = fopen(c.o.output, "wbx")))
		rc = cd_diag_set(&c.d, CD_EINVAL, "%s: cannot create it (%s)", c.o.output,
				 errno == EEXIST ? "it exists already" : strerror(errno));
	if (!rc && (fwrite(bytes, 1, (size_t)e.size, out) != (size_t)e.size || fflush(out)))
		rc = cd_diag_set(&c.d, CD_EIO, "%s: cannot write it",
				 c.o.output ? c.o.output : "standard output");
	if (out && out != stdout && fclose(out) && !rc)
		rc = cd_diag_set(&c.d, CD_EIO, "%s: cannot write it", c.o.output);
	if (!rc && c.o.output)
		fprintf(stderr, "%s: %s (%s, %lld bytes, SM3 %s)\n", c.o.output, e.name, e.type,
			(long long)e.size, e.sm3);
	free(bytes);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

/* file_withdraw withdraws file ID with --reason (its bytes stay). */
static int file_withdraw(int argc, char **argv, const char *usage)
{
	struct cli_book c = {0};
	const char *reason;
	const struct cli_field f[] = {{"--reason", &reason}, {NULL, NULL}};
	struct evidence_row e;
	struct act a;
	char actor[128], *end;
	long long id;
	enum cd_err rc;

	if (!cli_parse_fields(argc, argv, OPT_DB | OPT_JSON, f, 1, 1, usage, &c.o))
		return EXIT_ERROR;
	id = strtoll(c.o.pos[0], &end, 10);
	if (*end || id <= 0) {
		fprintf(stderr, "cyberduty: %s: give the file's number (`… files` lists them)\n",
			c.o.pos[0]);
		return EXIT_ERROR;
	}
	if ((rc = cli_open(&c.o, &c.s, &c.p, &c.d)) || (rc = cli_act(&c, &a, actor, sizeof actor)))
		return cli_book_close(&c, rc, 0);
	rc = svc_evidence_withdraw(&a, id, reason, &e);
	if (rc && a.field)
		cli_act_option(&c.d, a.field, NULL);
	if (!rc && c.o.json)
		cli_json_dump(svc_evidence_json(&e));
	else if (!rc)
		printf("file %lld (%s) withdrawn: %s — its bytes are kept for the audit\n", id, e.name,
		       reason);
	return cli_book_close(&c, rc, EXIT_CLEAN);
}

int cli_file_owner(int argc, char **argv, int owner_kind)
{
	enum evidence_owner kind = (enum evidence_owner)owner_kind;
	char usage[128];
	const char *what = kind == EVO_RECORD || kind == EVO_ASSESSMENT ? "ID" : "CODE";
	const char *owner = evidence_owner_code(kind);

	if (!strcmp(argv[1], "attach")) {
		snprintf(usage, sizeof usage, "%s attach %s FILE [--name NAME] [--json]", owner,
			 what);
		return attach(argc - 1, argv + 1, usage, kind);
	}
	snprintf(usage, sizeof usage, "%s files %s [--json]", owner, what);
	return files(argc - 1, argv + 1, usage, kind);
}

int cmd_file(int argc, char **argv, const char *usage)
{
	int kind;

	if (argc >= 2 && !strcmp(argv[1], "get"))
		return file_get(argc - 1, argv + 1, "file get ID [--output PATH]");
	if (argc >= 2 && !strcmp(argv[1], "withdraw"))
		return file_withdraw(argc - 1, argv + 1, "file withdraw ID --reason WHY [--json]");
	if (argc >= 3 && (!strcmp(argv[1], "attach") || !strcmp(argv[1], "list")) &&
	    (kind = evidence_owner_parse(argv[2])) >= 0) {
		argv[2] = argv[1][0] == 'a' ? "attach" : "files";
		return cli_file_owner(argc - 1, argv + 1, kind);
	}
	fprintf(stderr, "usage: cyberduty %s\n", usage);
	return EXIT_ERROR;
}
