/* api_int.h — what the files of src/api/ share: the route table's shape, the field descriptors
 * bodies and queries are validated from, the context a handler works in, and the helpers that
 * answer, check scope and write with an audit entry. Nobody outside src/api/ includes this. */
#ifndef CD_API_INT_H
#define CD_API_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "io/jnull.h"
#include "api.h"
#include "core/access.h"
#include "core/arena.h"
#include "core/dynbuf.h"
#include "core/jw.h"
#include "core/err.h"
#include "core/incident.h"
#include "svc/accounts.h"

/* --- field descriptors -------------------------------------------------------------------------- */

enum ftype {
	FT_STRING,  /* one line of text: no control characters; min … max bytes */
	FT_TEXT,    /* text that may hold line breaks and tabs; min … max bytes */
	FT_CODE,    /* a code naming a record: [A-Za-z0-9._-], 1 … 64 bytes */
	FT_INT,     /* an integer in min … max */
	FT_BOOL,
	FT_DATE,    /* "YYYY-MM-DD" */
	FT_TIME,    /* "YYYY-MM-DDTHH:MM[:SS]" with Z or an offset; without one, China Standard Time */
	FT_ENUM,    /* one of the codes code(0) … code(ncodes - 1) */
	FT_CODES,   /* an array of min … max codes */
	FT_STRINGS, /* an array of min … max one-line strings, each ≤ 512 bytes */
};

#define FF_REQUIRED 1u /* must be given (on create; an update takes any subset) */
#define FF_NULL     2u /* null is accepted: the value is cleared */

struct field {
	const char *name;
	enum ftype type;
	unsigned flags;
	int64_t min, max;
	const char *(*code)(int); /* FT_ENUM */
	int ncodes;
	const char *doc;          /* one line for the OpenAPI document */
};

#define FIELDS_MAX 32

struct fval {
	bool set, null;
	const char *s; /* strings and enum codes: borrowed from the request */
	int64_t i;     /* FT_INT, FT_ENUM (the index) */
	bool b;
	cd_date date;
	cd_time t;
	json_t *arr;   /* FT_CODES, FT_STRINGS: borrowed */
};

/* --- routes ------------------------------------------------------------------------------------- */

struct api_ctx;

#define R_PERSONAL 1u /* its answer holds personal data: the read is audited */
#define R_UPDATE   2u /* a partial update: no field is required */
#define R_LIST     4u /* a list: takes limit, cursor and sort */
#define R_NOBODY   8u /* a write without a body */
#define R_CACHE   16u /* a read whose answer depends on the data, the caller's role and scope
		       * and the query alone (not the clock, not personal): kept (cache.c) */
#define R_UPLOAD  32u /* a write whose body is a file (multipart/form-data or a raw body), read
		       * by its handler, not as JSON; its limit is the setting evidence_max_mb */
#define R_FILE    64u /* a read that answers a file, not JSON */
#define R_CODE   128u /* {id} may also be the record's code (a notice's 文号, percent-encoded
		       * in the URL): a segment of digits alone is an id */
#define R_IMPORT 256u /* a write whose body is a spreadsheet to import, not JSON: the handler
		       * reads x->q->body itself; its limit is API_IMPORT_MAX */

struct route {
	const char *method;
	const char *path;   /* "/api/v1/assets/{id}": {id} is a positive integer */
	enum perm perm;
	unsigned flags;
	int (*run)(struct api_ctx *x);
	const struct field *body;
	size_t nbody;
	const struct field *query; /* filters of a list */
	size_t nquery;
	const char *sorts;  /* a list's sort keys, comma-separated, the first the default */
	const char *action; /* audit action of a write, e.g. "asset.create" */
	const char *tag, *summary;
};

extern const struct route api_routes[];
extern const size_t api_nroutes;

/* --- the context of one request ----------------------------------------------------------------- */

enum who_kind { WHO_NONE, WHO_SESSION, WHO_TOKEN };

struct principal {
	enum who_kind kind;
	int64_t account, token;
	char name[ACCOUNT_NAME_MAX + 16]; /* the audit's actor: account name or "token:ID" */
	enum account_role role;
	int64_t unit;                     /* the scope's top unit; 0 = the whole organisation */
	bool password_expired;
	bool totp_enrol;                  /* an administrator without a second factor: this
					   * session may only enrol one (and sign out) */
};

#define LIST_MAX     200 /* rows a page may hold */
#define LIST_DEFAULT 50

struct api_ctx {
	const struct api_request *q;
	struct api_response *r;
	const struct route *rt;
	int64_t id;              /* the {id} of the path, or 0 when it was a code */
	const char *code;        /* the {id} of the path of an R_CODE route when not digits alone */
	struct principal who;
	json_t *body;            /* the parsed body, or NULL */
	struct fval v[FIELDS_MAX];  /* the body's values, by field index */
	struct fval qv[FIELDS_MAX]; /* the query's values, by field index */
	size_t limit;            /* a list's page size */
	const char *cursor;      /* a list's cursor, or NULL */
	char sort[32];           /* a list's sort key (one of route->sorts) */
	bool desc;               /* sort descending ("-key") */
	/* what the audit entry of a write or read says */
	char object[64];
	json_t *before, *after;  /* owned */
	bool audited;            /* an entry was written (by api_commit or a handler) */
	struct arena *a;         /* freed after the answer */
};

/* api_labels adds beside each enumeration value of v ("state": "overdue") its label in the
 * thread's language ("state_label": "已逾期"), through nested objects and arrays (labels.c). */
void api_labels(json_t *v);

/* api_label_of: the label of string member key:value as api_labels adds it (NULL: none), for a
 * writer (core/jw.h: jw_label_fn); an English label is written into buf. */
const char *api_label_of(const char *key, const char *value, char *buf, size_t n);

/* API_ANSWER_MAX: the most one JSON answer written straight into text may hold. The largest
 * are pages (at most LIST_MAX records of a few dozen short fields: tens of KiB); 64 MiB is far
 * past any real answer, and still a bound that a runaway loop or a hostile record cannot push a
 * worker past. */
#define API_ANSWER_MAX ((size_t)64 << 20)

/* An answer written straight into text (core/jw.h), labelled as api_labels labels a tree:
 * api_writer starts w on b (capped at API_ANSWER_MAX); api_writer_plain the same without the
 * labels (an encoder that writes its own, as api_asset_text); api_ok_writer answers status with
 * what w wrote (500 when it failed) and frees b; api_page_begin opens {"items":[ and
 * api_page_end closes it with "next" (NULL: null) and answers 200 — the bytes api_page gives
 * for the same items. */
void api_writer(struct jw *w, struct dynbuf *b);
void api_writer_plain(struct jw *w, struct dynbuf *b);
int api_ok_writer(struct api_ctx *x, unsigned status, struct jw *w, struct dynbuf *b);
void api_page_begin(struct jw *w, struct dynbuf *b);
int api_page_end(struct api_ctx *x, struct jw *w, struct dynbuf *b, const char *next);

/* api_fail answers a JSON error and returns status. */
int api_fail(struct api_ctx *x, unsigned status, const char *code, const char *field,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* api_err answers the error a lower layer reported: CD_EINVAL 422, CD_ENOTFOUND 404 (422 when
 * `field` names a reference in the body), CD_ECONFLICT 409, anything else 500/503 (the message
 * is logged, not shown). */
int api_err(struct api_ctx *x, enum cd_err rc, const char *field, const struct cd_diag *d);

/* api_ok answers status with body (taken). */
int api_ok(struct api_ctx *x, unsigned status, json_t *body);

/* api_begin opens the write's transaction; api_commit appends the audit entry of the write
 * (route action, x->object, x->before, x->after, outcome ok) in it and commits, then answers
 * status with body; on failure everything is rolled back and the answer is an error. */
int api_begin(struct api_ctx *x);
int api_commit(struct api_ctx *x, unsigned status, json_t *body);

/* api_audit appends an entry in its own transaction (sign-in, sign-out and other acts that
 * write nothing else). */
void api_audit(struct api_ctx *x, const char *action, const char *object, const char *outcome,
	       json_t *after);

/* api_in_scope: unit lies in the caller's scope (0 never does, except for a caller whose scope
 * is the whole organisation). */
bool api_in_scope(struct api_ctx *x, int64_t unit);

struct act;

/* api_act prepares an act of svc/ for the handler: the shared policy (given back when the
 * request's arena is freed), the caller's name, address, scope and the request's clock, the
 * request's arena and diag d. Answers 503 itself on failure (returns its status, else 0). */
int api_act(struct api_ctx *x, struct act *c, struct cd_diag *d);

/* api_acted answers an act's outcome: on CD_OK status with body (the act wrote its audit entry
 * in its transaction); else the refusal — c->why or the error's code, c->field, the message —
 * or the failure (body is released). */
int api_acted(struct api_ctx *x, const struct act *c, enum cd_err rc, unsigned status,
	      json_t *body);

/* api_page answers a list: {"items": items, "next": cursor or null}. */
int api_page(struct api_ctx *x, json_t *items, const char *next);

/* A page over records sorted by id: api_pager_start reads the cursor (0, or answers 400); for
 * each row in scope, in order (api_pager_index gives the array position of the j-th,
 * descending when asked), api_pager_step says whether it goes on the page, lies before the
 * cursor, or ends a full page (the next cursor is then set). The register's lists, read a page
 * at a time by the store from after the cursor, use it for the cursor and the next one only. */
struct api_pager {
	int64_t after, last;
	size_t n, limit;
	bool desc;
	char next[32];
};
enum page_step { PAGE_TAKE, PAGE_SKIP, PAGE_STOP };
int api_pager_start(struct api_ctx *x, struct api_pager *p);
size_t api_pager_index(const struct api_pager *p, size_t j, size_t n);
enum page_step api_pager_step(struct api_pager *p, int64_t id);
int api_pager_answer(struct api_ctx *x, struct api_pager *p, json_t *items);

/* Cursors: opaque text carrying the sort value and id of the last row of a page. */
void api_cursor_make(char *out, size_t n, const char *key, int64_t id);
bool api_cursor_read(const char *c, char *key, size_t n, int64_t *id);

/* The body's and the query's values by field name (NULL when the route has no such field). */
const struct fval *api_val(const struct api_ctx *x, const char *name);
const struct fval *api_qval(const struct api_ctx *x, const char *name);

/* fields.c: validation. api_fields_read validates obj against f[0..n) into v (unknown fields
 * refused; with `update` nothing is required). api_query_read validates query parameters. Both
 * answer the error themselves and return its status, or 0 when all is well. */
int api_fields_read(struct api_ctx *x, json_t *obj, const struct field *f, size_t n, bool update,
		    struct fval *v);
int api_query_read(struct api_ctx *x);

/* Reading a body's checked values into an act's input (svc/: NULL, -1, CD_DATE_NONE for "not
 * given"). api_in_text: the string given, else NULL — and for null it sets bit in *clear (the
 * person empties the value). api_in_date the same for a date. api_in_int: the integer or
 * enumeration index given, else -1; api_in_bool: 1 or 0 given, else -1. A field the route does
 * not take is not given. */
const char *api_in_text(const struct api_ctx *x, const char *field, unsigned *clear,
			unsigned bit);
cd_date api_in_date(const struct api_ctx *x, const char *field, unsigned *clear, unsigned bit);
int64_t api_in_int(const struct api_ctx *x, const char *field);
int api_in_bool(const struct api_ctx *x, const char *field);

/* api_event_kind: the event kind of index i of the events route's "kind" codes. */
enum incident_event_kind api_event_kind(int i);

/* cache.c: an answer kept under key for data generation gen; api_cache_get gives a copy
 * (malloc'd) when one is kept for exactly that generation. */
bool api_cache_get(const char *key, int64_t gen, char **text, size_t *len);
void api_cache_put(const char *key, int64_t gen, const char *text, size_t len);

/* api_ok_text answers status with the JSON text (taken: malloc'd; NULL = out of memory). */
int api_ok_text(struct api_ctx *x, unsigned status, char *text, size_t len);

/* api_openapi_doc: the OpenAPI 3.1 document of the route table. */
json_t *api_openapi_doc(void);

/* The resources' handlers. */
int api_health(struct api_ctx *x);
int api_openapi(struct api_ctx *x);
int api_session_create(struct api_ctx *x);
int api_session_get(struct api_ctx *x);
int api_session_delete(struct api_ctx *x);
int api_session_password(struct api_ctx *x);
int api_session_totp(struct api_ctx *x);
int api_session_totp_confirm(struct api_ctx *x);

/* api_asset_text writes one asset as JSON text straight into w (a writer without labels: the
 * asset's own are written here), for the pages and reads of assets: the same bytes as
 * svc_asset_json (svc/register.h) dumped compact, in its member order
 * (tests/unit/test_register.c keeps them so). */
struct asset_row;
void api_asset_text(struct jw *w, const struct asset_row *r);

int api_import(struct api_ctx *x);
int api_export(struct api_ctx *x);
int api_template(struct api_ctx *x);

/* api_sheet_answer has write(c, arg, f, path) write a spreadsheet — CSV to a temporary file f
 * (path NULL), or XLSX to a temporary named file path (f NULL) — and answers it: 200 with its
 * content type (the caller names it in x->r->disposition after). A failure of the write (d
 * says what) or of the file is answered here; the status is returned. */
int api_sheet_answer(struct api_ctx *x, struct act *c, bool xlsx,
		     enum cd_err (*write)(struct act *c, void *arg, FILE *f, const char *path),
		     void *arg, const struct cd_diag *d);
int api_report(struct api_ctx *x);

/* api_attachment writes a Content-Disposition offering a file as `name` (UTF-8, percent-encoded
 * as RFC 5987 asks) with the plain ASCII name `ascii` for older clients, into out (n bytes). */
void api_attachment(char *out, size_t n, const char *ascii, const char *name);

/* api_file_answer answers the file open at fd (len bytes; consumed: closed by the server after
 * sending, or here on a failure) as `type`, offered as name / ascii (api_attachment); 503 when
 * fd is -1 or cannot be rewound. */
int api_file_answer(struct api_ctx *x, int fd, long len, const char *type, const char *ascii,
		    const char *name);

/* api_asset_filter reads the asset list's filters of the query (svc_asset_filters: kind, status,
 * mlps_level, cii, unit, q, filed, assess_result) into f through their one parser
 * (svc_asset_filter_set); answers 400 itself for an unknown unit (returns its status, else 0). */
int api_asset_filter(struct api_ctx *x, struct asset_query *f);

/* api_unit_filter: the query's "unit" filter → id (0 when not given; answers 400 itself when
 * there is no such unit and returns its status, else 0). */
int api_unit_filter(struct api_ctx *x, int64_t *id);

int api_assets_list(struct api_ctx *x);
int api_asset_get(struct api_ctx *x);
int api_asset_create(struct api_ctx *x);
int api_asset_update(struct api_ctx *x);

int api_accounts_list(struct api_ctx *x);
int api_account_get(struct api_ctx *x);
int api_account_create(struct api_ctx *x);
int api_account_update(struct api_ctx *x);
int api_account_role(struct api_ctx *x);
int api_settings_get(struct api_ctx *x);
int api_settings_update(struct api_ctx *x);
int api_tokens_list(struct api_ctx *x);
int api_role_changes_list(struct api_ctx *x);
int api_role_change_agree(struct api_ctx *x);
int api_role_change_refuse(struct api_ctx *x);
int api_role_change_withdraw(struct api_ctx *x);
int api_token_create(struct api_ctx *x);
int api_token_revoke(struct api_ctx *x);
int api_audit_list(struct api_ctx *x);
/* api_audit_filter reads the audit log's filters of the query (actor, action, outcome, from, to)
 * into f, the times formatted into the buffers given; 0, or the status of the refusal sent. */
int api_audit_filter(struct api_ctx *x, struct store_audit_filter *f, char from_buf[26],
		     char to_buf[26]);
int api_audit_verify(struct api_ctx *x);

int api_notices_list(struct api_ctx *x);
int api_notice_get(struct api_ctx *x);
int api_notice_create(struct api_ctx *x);
int api_notice_start(struct api_ctx *x);
int api_notice_rectify(struct api_ctx *x);
int api_notice_feedback(struct api_ctx *x);
int api_notice_verify(struct api_ctx *x);
int api_notice_support(struct api_ctx *x);
int api_notice_extend(struct api_ctx *x);
int api_notice_approve(struct api_ctx *x);
int api_incident_correct(struct api_ctx *x);
int api_notice_checked(struct api_ctx *x);
int api_incidents_list(struct api_ctx *x);
int api_incident_get(struct api_ctx *x);
int api_incident_create(struct api_ctx *x);
int api_incident_event(struct api_ctx *x);
int api_incident_answer(struct api_ctx *x);
int api_incident_report(struct api_ctx *x);
int api_incident_close(struct api_ctx *x);
int api_incident_propose(struct api_ctx *x);
int api_incident_recommend(struct api_ctx *x);
int api_incident_decide(struct api_ctx *x);
int api_records_list(struct api_ctx *x);
int api_record_create(struct api_ctx *x);
int api_record_get(struct api_ctx *x);
int api_record_update(struct api_ctx *x);
int api_deadlines_list(struct api_ctx *x);
int api_gaps_list(struct api_ctx *x);
int api_notice_correct(struct api_ctx *x);
int api_record_void(struct api_ctx *x);
int api_work_settings_get(struct api_ctx *x);
int api_work_settings_update(struct api_ctx *x);
int api_summary(struct api_ctx *x);
int api_notifications_list(struct api_ctx *x);
int api_notifications_unread(struct api_ctx *x);
int api_notification_read(struct api_ctx *x);
int api_notification_unread(struct api_ctx *x);
int api_notify_outbox(struct api_ctx *x);
int api_notify_channels(struct api_ctx *x);
int api_notify_channel_create(struct api_ctx *x);
int api_notify_channel_update(struct api_ctx *x);
int api_notify_channel_test(struct api_ctx *x);
int api_notify_prefs(struct api_ctx *x);
int api_notify_pref_set(struct api_ctx *x);
int api_notify_rules_get(struct api_ctx *x);
int api_notify_rules_update(struct api_ctx *x);
int api_matrix(struct api_ctx *x);
int api_matrix_cell(struct api_ctx *x);
int api_duty_handover(struct api_ctx *x);
int api_roles_list(struct api_ctx *x);
/* api_unit_ref: {"code", "name"} of unit id as the caller sees it, or null (none, gone). */
json_t *api_unit_ref(struct api_ctx *x, int64_t id);
int api_account_reset(struct api_ctx *x);
int api_units_list(struct api_ctx *x);
int api_unit_get(struct api_ctx *x);
int api_unit_create(struct api_ctx *x);
int api_unit_update(struct api_ctx *x);
int api_persons_list(struct api_ctx *x);
int api_person_get(struct api_ctx *x);
int api_person_create(struct api_ctx *x);
int api_person_update(struct api_ctx *x);
int api_duties_list(struct api_ctx *x);
int api_duty_get(struct api_ctx *x);
int api_duty_create(struct api_ctx *x);
int api_duty_update(struct api_ctx *x);
int api_projects_list(struct api_ctx *x);
int api_project_get(struct api_ctx *x);
int api_project_create(struct api_ctx *x);
int api_project_update(struct api_ctx *x);
int api_notice_files(struct api_ctx *x);
int api_notice_attach(struct api_ctx *x);
int api_incident_files(struct api_ctx *x);
int api_incident_attach(struct api_ctx *x);
int api_record_files(struct api_ctx *x);
int api_record_attach(struct api_ctx *x);
int api_file_get(struct api_ctx *x);
int api_file_withdraw(struct api_ctx *x);
int api_assessments_list(struct api_ctx *x);
int api_assessment_create(struct api_ctx *x);
int api_assessment_get(struct api_ctx *x);
int api_assessment_value(struct api_ctx *x);
int api_assessment_submit(struct api_ctx *x);
int api_assessment_review(struct api_ctx *x);
int api_assessment_approve(struct api_ctx *x);
int api_assessment_return(struct api_ctx *x);
int api_assessment_send_back(struct api_ctx *x);
int api_assessment_revise(struct api_ctx *x);
int api_assessments_ranking(struct api_ctx *x);
int api_assessments_results(struct api_ctx *x);
int api_assessment_files(struct api_ctx *x);
int api_assessment_attach(struct api_ctx *x);

#endif
