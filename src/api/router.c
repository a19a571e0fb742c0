/* router.c — one request through the API: find the route, learn who is asking (session cookie
 * or bearer token), refuse what they may not do (CSRF, the route's permission class for their
 * role — in this one place, from the table), validate the query and the body from the route's
 * field descriptors, run the handler, and audit refusals and reads of personal data. The
 * helpers every handler answers with live here too. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_int.h"

#include <stdint.h>

#include "svc/act.h"
#include "audit/audit.h"

/* --- answers ------------------------------------------------------------------------------------ */

int api_fail(struct api_ctx *x, unsigned status, const char *code, const char *field,
	     const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, lang_tr(fmt), ap);
	va_end(ap);
	/* a message may quote what the client sent (a parser's error, a value cut at 64 bytes):
	 * JSON strings are UTF-8 */
	jw_utf8_clean(msg);
	free(x->r->text); /* an answer encoded before a later failure is not sent */
	x->r->text = NULL;
	json_decref(x->r->body);
	x->r->content_type[0] = x->r->disposition[0] = x->r->file_sm3[0] = '\0'; /* JSON */
	x->r->body = json_pack("{s:{s:s, s:s, s:s?}}", "error", "code", code, "message", msg,
			       "field", field);
	x->r->status = status;
	return (int)status;
}

int api_err(struct api_ctx *x, enum cd_err rc, const char *field, const struct cd_diag *d)
{
	const char *msg = d && d->msg[0] ? d->msg : cd_strerror(rc);

	switch (rc) {
	case CD_EINVAL:
		return api_fail(x, 422, "invalid", field, "%s", msg);
	case CD_ENOTFOUND:
		return field ? api_fail(x, 422, "not_found", field, "%s", msg)
			     : api_fail(x, 404, "not_found", NULL, "%s", msg);
	case CD_ECONFLICT:
		return api_fail(x, 409, "conflict", field, "%s", msg);
	default:
		fprintf(stderr, "cyberduty: serve: %s %s: %s\n", x->q->method, x->q->path, msg);
		return rc == CD_ESTORE ? api_fail(x, 503, "unavailable", NULL,
						  "the database is busy or failing; try again")
				       : api_fail(x, 500, "internal", NULL,
						  "the server failed; the administrator's log says why");
	}
}

int api_ok(struct api_ctx *x, unsigned status, json_t *body)
{
	free(x->r->text);
	x->r->text = NULL;
	json_decref(x->r->body);
	x->r->body = body;
	x->r->status = status;
	api_labels(body);
	if (!body && status != 204)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	return (int)status;
}

int api_ok_text(struct api_ctx *x, unsigned status, char *text, size_t len)
{
	if (!text)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	json_decref(x->r->body);
	x->r->body = NULL;
	free(x->r->text);
	x->r->text = text;
	x->r->len = len;
	x->r->status = status;
	return (int)status;
}

int api_page(struct api_ctx *x, json_t *items, const char *next)
{
	if (!items)
		return api_fail(x, 500, "internal", NULL, "out of memory");
	return api_ok(x, 200, json_pack("{s:o, s:s?}", "items", items, "next", next));
}

void api_writer(struct jw *w, struct dynbuf *b)
{
	dynbuf_init(b, API_ANSWER_MAX);
	jw_init(w, b, api_label_of);
}

void api_writer_plain(struct jw *w, struct dynbuf *b)
{
	dynbuf_init(b, API_ANSWER_MAX);
	jw_init(w, b, NULL);
}

int api_ok_writer(struct api_ctx *x, unsigned status, struct jw *w, struct dynbuf *b)
{
	size_t len = b->len;
	char *text = jw_done(w) ? dynbuf_take(b) : NULL;

	dynbuf_free(b);
	return api_ok_text(x, status, text, len);
}

void api_page_begin(struct jw *w, struct dynbuf *b)
{
	api_writer(w, b);
	jw_obj(w, NULL);
	jw_arr(w, "items");
}

int api_page_end(struct api_ctx *x, struct jw *w, struct dynbuf *b, const char *next)
{
	jw_end(w);
	jw_str(w, "next", next);
	jw_end(w);
	return api_ok_writer(x, 200, w, b);
}

const struct fval *api_val(const struct api_ctx *x, const char *name)
{
	for (size_t i = 0; i < x->rt->nbody; i++)
		if (!strcmp(x->rt->body[i].name, name))
			return &x->v[i];
	return NULL;
}

const struct fval *api_qval(const struct api_ctx *x, const char *name)
{
	for (size_t i = 0; i < x->rt->nquery; i++)
		if (!strcmp(x->rt->query[i].name, name))
			return &x->qv[i];
	return NULL;
}

/* --- cursors: "<id>.<key>" in hex, so any key text survives a URL ----------------------------- */

void api_cursor_make(char *out, size_t n, const char *key, int64_t id)
{
	size_t k = (size_t)snprintf(out, n, "%llx", (unsigned long long)id);

	for (const unsigned char *p = (const unsigned char *)(key ? key : ""); *p && k + 3 < n; p++)
		k += (size_t)snprintf(out + k, n - k, "%s%02x", p == (const unsigned char *)key ? "." : "",
				      *p);
}

bool api_cursor_read(const char *c, char *key, size_t n, int64_t *id)
{
	char *end;
	unsigned long long v = strtoull(c, &end, 16);
	size_t k = 0;

	if (end == c || *c == '-' || v == 0 || v > INT64_MAX || (*end && *end != '.'))
		return false;
	*id = (int64_t)v;
	key[0] = '\0';
	if (!*end)
		return true;
	for (const char *p = end + 1; *p; p += 2) {
		unsigned byte;

		if (!p[1] || sscanf(p, "%2x", &byte) != 1 || k + 1 >= n || byte == 0)
			return false;
		key[k++] = (char)byte;
	}
	key[k] = '\0';
	return true;
}

int api_pager_start(struct api_ctx *x, struct api_pager *p)
{
	char key[8];

	*p = (struct api_pager){.limit = x->limit, .desc = x->desc};
	if (x->cursor && !api_cursor_read(x->cursor, key, sizeof key, &p->after))
		return api_fail(x, 400, "invalid", "cursor",
				"cursor: give the \"next\" of the previous page as it was");
	return 0;
}

size_t api_pager_index(const struct api_pager *p, size_t j, size_t n)
{
	return p->desc ? n - 1 - j : j;
}

enum page_step api_pager_step(struct api_pager *p, int64_t id)
{
	if (p->after && (p->desc ? id >= p->after : id <= p->after))
		return PAGE_SKIP;
	if (p->n == p->limit) { /* one more row after a full page: there is a next one */
		api_cursor_make(p->next, sizeof p->next, NULL, p->last);
		return PAGE_STOP;
	}
	p->n++;
	p->last = id;
	return PAGE_TAKE;
}

int api_pager_answer(struct api_ctx *x, struct api_pager *p, json_t *items)
{
	return api_page(x, items, p->next[0] ? p->next : NULL);
}

/* --- audit -------------------------------------------------------------------------------------- */

static char *dump(json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
}

static void entry(struct api_ctx *x, struct audit_entry *e, const char *action, const char *object,
		  const char *outcome, char *before, char *after)
{
	*e = (struct audit_entry){
		.at = x->q->now,
		.actor = x->who.kind == WHO_NONE ? "-" : x->who.name,
		.ip = x->q->ip ? x->q->ip : "",
		.action = action,
		.object = object ? object : "",
		.before = before,
		.after = after,
		.outcome = outcome,
	};
}

void api_audit(struct api_ctx *x, const char *action, const char *object, const char *outcome,
	       json_t *after)
{
	struct audit_entry e;
	struct cd_diag d = {{0}};
	char *a = dump(after);

	entry(x, &e, action, object, outcome, NULL, a);
	if (audit_record(x->q->store, &e, &d) != CD_OK)
		fprintf(stderr, "cyberduty: serve: audit: %s\n", d.msg);
	else
		x->audited = true;
	free(a);
	json_decref(after);
}

enum cd_err api_read_audit_record(struct store *s, const struct api_read_audit *e,
				  struct cd_diag *d)
{
	struct audit_entry a = {.at = e->at,
				.actor = e->actor,
				.ip = e->ip,
				.action = e->action,
				.object = e->object,
				.outcome = AUDIT_OK};

	return audit_record(s, &a, d);
}

int api_begin(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	enum cd_err rc = store_begin(x->q->store, &d);

	return rc == CD_OK ? 0 : api_err(x, rc, NULL, &d);
}

int api_commit(struct api_ctx *x, unsigned status, json_t *body)
{
	struct audit_entry e;
	struct cd_diag d = {{0}};
	char *b = dump(x->before), *a = dump(x->after);
	enum cd_err rc;

	entry(x, &e, x->rt->action, x->object, AUDIT_OK, b, a);
	rc = audit_append(x->q->store, &e, &d);
	if (rc == CD_OK)
		rc = store_commit(x->q->store, &d);
	free(b);
	free(a);
	if (rc != CD_OK) {
		store_rollback(x->q->store);
		json_decref(body);
		return api_err(x, rc == CD_EINVAL ? CD_ESTORE : rc, NULL, &d);
	}
	x->audited = true;
	return api_ok(x, status, body);
}

/* --- acts of svc/ ------------------------------------------------------------------------------- */

static void put_policy(void *p)
{
	policy_put(p);
}

int api_act(struct api_ctx *x, struct act *c, struct cd_diag *d)
{
	const struct policy *pol = NULL;
	enum cd_err rc = policy_get(x->q->store, &pol, d);

	if (!rc && arena_defer(x->a, put_policy, (void *)(uintptr_t)pol)) {
		policy_put(pol);
		rc = cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	if (rc)
		return api_err(x, rc == CD_ENOMEM ? rc : CD_ESTORE, NULL, d);
	*c = (struct act){.s = x->q->store, .pol = pol, .actor = x->who.name,
			  .ip = x->q->ip ? x->q->ip : "", .now = x->q->now, .scope = x->who.unit,
			  .a = x->a, .d = d};
	return 0;
}

int api_acted(struct api_ctx *x, const struct act *c, enum cd_err rc, unsigned status,
	      json_t *body)
{
	if (rc == CD_OK) {
		x->audited = true;
		return api_ok(x, status, body);
	}
	json_decref(body);
	if (c->why)
		return api_fail(x, 422, c->why, c->field, "%s", c->d->msg);
	return api_err(x, rc, c->field, c->d);
}

/* --- scope -------------------------------------------------------------------------------------- */

bool api_in_scope(struct api_ctx *x, int64_t unit)
{
	bool yes = false;

	if (!account_role_scoped(x->who.role))
		return false;
	if (!x->who.unit)
		return true;
	if (!unit)
		return false;
	return store_unit_within(x->q->store, unit, x->who.unit, &yes, NULL) == CD_OK && yes;
}

/* --- who is asking ------------------------------------------------------------------------------ */

static void principal_of_account(struct api_ctx *x, const struct account *a)
{
	x->who.kind = WHO_SESSION;
	x->who.account = a->id;
	snprintf(x->who.name, sizeof x->who.name, "%s", a->name);
	x->who.role = a->role;
	x->who.unit = account_role_scoped(a->role) ? a->unit : 0;
	x->who.password_expired = a->password_expired;
	x->who.totp_enrol = account_role_admin(a->role) && !a->totp_enabled;
}

/* whole_scope: a scope at the organisation's top unit is the whole organisation (0), which
 * spares every query of the request the walk down the unit tree. */
static int whole_scope(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	bool top = false;
	enum cd_err rc;

	if (!x->who.unit)
		return 0;
	rc = store_unit_top(x->q->store, x->who.unit, &top, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	if (top)
		x->who.unit = 0;
	return 0;
}

/* identify sets x->who from the bearer token or the session cookie. 0 when nobody or somebody
 * was identified; an error status when the credentials given are wrong (401) or the store
 * failed. */
static int identify(struct api_ctx *x)
{
	const struct api_request *q = x->q;
	struct cd_diag d = {{0}};
	enum cd_err rc;

	if (q->authorization) {
		struct api_token t;

		if (strncmp(q->authorization, "Bearer ", 7))
			return api_fail(x, 401, "unauthenticated", NULL,
					"Authorization: give \"Bearer <token>\"");
		rc = account_token_get(q->store, q->authorization + 7, q->now, &t, &d);
		if (rc == CD_ENOTFOUND) {
			api_audit(x, "auth.token", "", AUDIT_FAILED, NULL);
			return api_fail(x, 401, "unauthenticated", NULL,
					"the API token is unknown, revoked or expired");
		}
		if (rc != CD_OK)
			return api_err(x, rc, NULL, &d);
		x->who.kind = WHO_TOKEN;
		x->who.token = t.id;
		snprintf(x->who.name, sizeof x->who.name, "token:%lld", (long long)t.id);
		x->who.role = t.role;
		x->who.unit = t.unit;
		return whole_scope(x);
	}
	if (q->session) {
		struct session se;
		struct account a;

		/* one indexed statement: the session, its account and the timeouts; a session of a
		 * locked or disabled account has ended */
		rc = account_session_account(q->store, q->session, q->now, &se, &a, &d);
		if (rc == CD_ENOTFOUND)
			return 0; /* expired or ended: like no cookie (the route may be public) */
		if (rc != CD_OK)
			return api_err(x, rc, NULL, &d);
		principal_of_account(x, &a);
		return whole_scope(x);
	}
	return 0;
}

/* --- matching ----------------------------------------------------------------------------------- */

/* match: path fits the route's pattern ({id} a positive integer, put in *id; with codes, any
 * other segment, put in *code — a pointer into path and its length in *ncode). */
static bool match(const char *pattern, const char *path, bool codes, int64_t *id,
		  const char **code, size_t *ncode)
{
	while (*pattern && *path) {
		if (!strncmp(pattern, "{id}", 4)) {
			size_t seg = strcspn(path, "/"), digits = strspn(path, "0123456789");
			char *end;
			long long v;

			pattern += 4;
			if (codes && (digits != seg || *path == '0')) {
				*code = path;
				*ncode = seg;
				path += seg;
				if (!seg)
					return false;
				continue;
			}
			if (*path < '1' || *path > '9')
				return false;
			v = strtoll(path, &end, 10);
			if (v <= 0 || end - path > 18)
				return false;
			*id = v;
			path = end;
			continue;
		}
		if (*pattern++ != *path++)
			return false;
	}
	return !*pattern && !*path;
}

static bool is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD");
}

/* find sets x->rt, or answers 404/405. */
static int find(struct api_ctx *x)
{
	const char *method = strcmp(x->q->method, "HEAD") ? x->q->method : "GET";
	struct api_response *r = x->r;
	size_t n = 0;

	for (size_t i = 0; i < api_nroutes; i++) {
		int64_t id = 0;
		const char *code = NULL;
		size_t ncode = 0;

		if (!match(api_routes[i].path, x->q->path, api_routes[i].flags & R_CODE, &id, &code,
			   &ncode))
			continue;
		if (!strcmp(api_routes[i].method, method)) {
			x->rt = &api_routes[i];
			x->id = id;
			x->code = code ? arena_strndup(x->a, code, ncode) : NULL;
			return 0;
		}
		n += (size_t)snprintf(r->allow + n, n < sizeof r->allow ? sizeof r->allow - n : 0,
				      "%s%s%s", n ? ", " : "", api_routes[i].method,
				      strcmp(api_routes[i].method, "GET") ? "" : ", HEAD");
	}
	if (n)
		return api_fail(x, 405, "method_not_allowed", NULL,
				"%s is not allowed on %s (allowed: %s)", x->q->method, x->q->path,
				r->allow);
	return api_fail(x, 404, "not_found", NULL, "no resource %s", x->q->path);
}

/* --- the request -------------------------------------------------------------------------------- */

static bool is_json_ct(const char *ct)
{
	size_t n = strlen("application/json");

	return ct && !strncmp(ct, "application/json", n) && (!ct[n] || ct[n] == ';' || ct[n] == ' ');
}

/* read_body parses and validates the body of a write. */
static int read_body(struct api_ctx *x)
{
	const struct api_request *q = x->q;
	json_error_t e;
	size_t blank = 0;

	if (x->rt->flags & R_UPLOAD)
		return 0; /* a file: its handler reads it */
	while (blank < q->len && q->body[blank] && strchr(" \t\r\n", q->body[blank]))
		blank++;
	if (x->rt->flags & R_IMPORT)
		return 0;
	if (x->rt->flags & R_NOBODY) {
		if (blank == q->len)
			return 0;
	}
	if (blank == q->len)
		return api_fail(x, 400, "bad_request", NULL,
				"send a JSON object as the body (Content-Type: application/json)");
	if (!is_json_ct(q->content_type))
		return api_fail(x, 415, "unsupported_media_type", NULL,
				"send the body as Content-Type: application/json");
	x->body = json_loadb(q->body, q->len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
	if (!x->body)
		return api_fail(x, 400, "bad_request", NULL,
				"the body is not valid JSON (line %d, column %d: %s)", e.line,
				e.column, e.text);
	return api_fields_read(x, x->body, x->rt->body, x->rt->nbody,
			       (x->rt->flags & R_UPDATE) != 0, x->v);
}

/* allowed refuses what the caller may not do: 401, 403 (CSRF, role, an expired password). */
static int allowed(struct api_ctx *x)
{
	const struct route *rt = x->rt;

	if (rt->perm == PERM_PUBLIC)
		return 0;
	if (x->who.kind == WHO_NONE)
		return api_fail(x, 401, "unauthenticated", NULL,
				"sign in first (POST /api/v1/session) or give a bearer token");
	if (x->who.kind == WHO_SESSION && is_write(x->q->method) &&
	    (!x->q->csrf || !account_session_csrf(x->q->store, x->q->session, x->q->csrf)))
		return api_fail(x, 403, "csrf", NULL,
				"the " API_CSRF_HEADER " header is missing or wrong: send the token "
				"given at sign-in");
	/* an expired password's session may only see itself, end, or change the password */
	if (x->who.password_expired &&
	    (rt->perm != PERM_SELF || !strcmp(rt->path, "/api/v1/session/totp") ||
	     !strcmp(rt->path, "/api/v1/session/totp/confirm")))
		return api_fail(x, 403, "password_expired", NULL,
				"your password has expired: change it first "
				"(POST /api/v1/session/password)");
	/* an administrator signed in with a password alone (no second factor yet) may only enrol
	 * one: see itself, end, change an expired password, enrol */
	if (x->who.totp_enrol && rt->perm != PERM_SELF)
		return api_fail(x, 403, "totp_enrol", NULL,
				"administrators must have a second factor: enrol one first "
				"(POST /api/v1/session/totp)");
	if (!access_allows(x->who.role, rt->perm)) {
		/* an administrator's act: say which of the three may (三员分立) */
		for (int r = AR_SYSADMIN; r <= AR_AUDITADMIN; r++)
			if (access_allows((enum account_role)r, rt->perm))
				return api_fail(x, 403, "forbidden", NULL,
						"the role %s may not do this: only the %s may (%s)",
						account_role_code(x->who.role),
						account_role_code((enum account_role)r),
						perm_code(rt->perm));
		return api_fail(x, 403, "forbidden", NULL, "the role %s may not do this (%s)",
				account_role_code(x->who.role), perm_code(rt->perm));
	}
	return 0;
}

static void audit_outcome(struct api_ctx *x, int st)
{
	char object[64];

	if (x->audited || !x->rt)
		return;
	snprintf(object, sizeof object, "%s", x->object[0] ? x->object : x->q->path);
	if (st >= 200 && st < 300) {
		if (!(x->rt->flags & R_PERSONAL))
			return;
		if (x->q->defer_read_audit) {
			struct api_read_audit *e = &x->r->read_audit;

			e->set = true;
			e->at = x->q->now;
			snprintf(e->actor, sizeof e->actor, "%s",
				 x->who.kind == WHO_NONE ? "-" : x->who.name);
			snprintf(e->ip, sizeof e->ip, "%s", x->q->ip ? x->q->ip : "");
			snprintf(e->action, sizeof e->action, "%s",
				 x->rt->action ? x->rt->action : "read");
			snprintf(e->object, sizeof e->object, "%s", object);
			x->audited = true;
			return;
		}
		api_audit(x, x->rt->action ? x->rt->action : "read", object, AUDIT_OK, NULL);
		return;
	}
	if (st == 401 || st == 403)
		api_audit(x, x->rt->action ? x->rt->action : "read", object, AUDIT_DENIED, NULL);
	else if (st >= 400 && st < 500 && is_write(x->q->method) && x->rt->perm != PERM_PUBLIC)
		api_audit(x, x->rt->action ? x->rt->action : "write", object, AUDIT_INVALID, NULL);
}

/* cache_key: what a kept answer of route x->rt is filed under — the language, the caller's
 * role and scope, the path and the query as given, each text after its length (decoded values
 * may hold any separator: "q=a&kind=portal" as one value must not read as two parameters).
 * false when it does not fit (the answer is not kept). */
static bool cache_key(const struct api_ctx *x, char *key, size_t n)
{
	size_t k = (size_t)snprintf(key, n, "%s|%s|%lld|%zu:%s", lang_code(lang_get()),
				    account_role_code(x->who.role), (long long)x->who.unit,
				    strlen(x->q->path), x->q->path);

	for (size_t i = 0; i < x->q->nquery && k < n; i++) {
		const char *v = x->q->query[i].value ? x->q->query[i].value : "";

		k += (size_t)snprintf(key + k, n - k, "|%zu:%s=%zu:%s", strlen(x->q->query[i].key),
				      x->q->query[i].key, strlen(v), v);
	}
	return k < n;
}

/* run_kept answers a R_CACHE route from the answer kept for the data generation now, or runs
 * it and keeps its answer. The generation is read before the answer is built, so a kept answer
 * is never older than the generation it is filed under. */
static int run_kept(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	char key[1024];
	int64_t gen;
	int st;

	if (store_generation(x->q->store, &gen, &d) != CD_OK || !cache_key(x, key, sizeof key))
		return x->rt->run(x);
	if (api_cache_get(key, gen, &x->r->text, &x->r->len)) {
		x->r->status = 200;
		return 200;
	}
	st = x->rt->run(x);
	if (st == 200 && api_response_text(x->r))
		api_cache_put(key, gen, x->r->text, x->r->len);
	return st;
}

void api_handle(const struct api_request *q, struct api_response *r)
{
	struct api_ctx x = {.q = q, .r = r};
	int st;

	memset(r, 0, sizeof *r);
	lang_set(lang_of_accept(q->accept_language)); /* every message of this request */
	if (!(x.a = arena_new(0))) {
		api_fail(&x, 500, "internal", NULL, "out of memory");
		return;
	}
	if (!(st = find(&x)) && !(st = identify(&x)) && !(st = allowed(&x)) &&
	    !(st = api_query_read(&x)) && !(st = is_write(q->method) ? read_body(&x) : 0))
		st = x.rt->flags & R_CACHE ? run_kept(&x) : x.rt->run(&x);
	if (!r->body && !r->text && !r->file_sm3[0] && !r->file && st != 204)
		api_fail(&x, 500, "internal", NULL, "out of memory");
	audit_outcome(&x, st);
	json_decref(x.body);
	json_decref(x.before);
	json_decref(x.after);
	arena_free(x.a);
}

/* may_upload: the caller of q is signed in (or has a live token) with a role that may use
 * route rt — what the router checks again when the request has arrived, here without an audit
 * entry: a caller refused now is refused, and audited, then. */
static bool may_upload(const struct api_request *q, const struct route *rt)
{
	enum account_role role = AR_NONE;

	if (!q->store)
		return false;
	if (q->authorization) {
		struct api_token t;

		if (strncmp(q->authorization, "Bearer ", 7) ||
		    account_token_get(q->store, q->authorization + 7, q->now, &t, NULL) != CD_OK)
			return false;
		role = t.role;
	} else if (q->session) {
		struct session se;
		struct account a;

		if (account_session_account(q->store, q->session, q->now, &se, &a, NULL) != CD_OK ||
		    a.password_expired || (account_role_admin(a.role) && !a.totp_enabled))
			return false;
		role = a.role;
	}
	return role != AR_NONE && access_allows(role, rt->perm);
}

size_t api_max_body(const struct api_request *q, size_t dflt, bool *upload)
{
	if (upload)
		*upload = false;
	for (size_t i = 0; q->method && q->path && i < api_nroutes; i++) {
		struct account_settings set;
		int64_t id = 0;
		const char *code = NULL;
		size_t ncode = 0;

		if (!(api_routes[i].flags & (R_UPLOAD | R_IMPORT)) ||
		    strcmp(api_routes[i].method, q->method) ||
		    !match(api_routes[i].path, q->path, api_routes[i].flags & R_CODE, &id, &code,
			   &ncode))
			continue;
		if (!may_upload(q, &api_routes[i]))
			return dflt;
		if (account_settings_get(q->store, &set, NULL) != CD_OK)
			return dflt;
		if (upload)
			*upload = true;
		if (api_routes[i].flags & R_IMPORT)
			return API_IMPORT_MAX > dflt ? API_IMPORT_MAX : dflt;
		return ((size_t)set.evidence_max_mb << 20) + API_UPLOAD_SLACK;
	}
	return dflt;
}

bool api_grouped(const char *method, const char *path)
{
	if (!method || !path || !is_write(method))
		return false;
	for (size_t i = 0; i < api_nroutes; i++) {
		const struct route *rt = &api_routes[i];
		int64_t id = 0;
		const char *code = NULL;
		size_t ncode = 0;

		if (strcmp(rt->method, method) ||
		    !match(rt->path, path, rt->flags & R_CODE, &id, &code, &ncode))
			continue;
		return rt->perm != PERM_PUBLIC && !(rt->flags & (R_UPLOAD | R_IMPORT)) &&
		       strcmp(rt->tag, "session") && strcmp(rt->tag, "administration") &&
		       strcmp(rt->tag, "notifications");
	}
	return false; /* no such route: answered at once (404, 405) */
}

void api_response_free(struct api_response *r)
{
	if (r->file)
		close(r->fd);
	r->file = false;
	json_decref(r->body);
	r->body = NULL;
	free(r->text);
	r->text = NULL;
}

const char *api_response_text(struct api_response *r)
{
	if (!r->text && r->body && (r->text = json_dumps(r->body, JSON_COMPACT))) {
		r->len = strlen(r->text);
		json_decref(r->body);
		r->body = NULL;
	}
	return r->text;
}

bool api_route_role_may(int role, const char *method, const char *path, const char **action)
{
	*action = NULL;
	for (size_t i = 0; i < api_nroutes; i++)
		if (!strcmp(api_routes[i].method, method) && !strcmp(api_routes[i].path, path) &&
		    (*action = api_routes[i].action, true))
			return role != AR_NONE && access_allows((enum account_role)role,
								api_routes[i].perm);
	return false;
}
