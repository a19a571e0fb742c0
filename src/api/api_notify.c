/* api_notify.c — reminders and notifications over the API (notify/notify.h): the bell of the
 * signed-in account (its notifications, the unread count, read and unread), its choice of
 * channels, the office's outbox and rules, and the security administrator's channels with their
 * test message. */
#include <string.h>

#include "api_int.h"
#include "notify/notify.h"
#include "svc/act.h"

/* account_of: the signed-in account — a bearer token has no bell (403 answered). */
static int account_of(struct api_ctx *x, int64_t *id)
{
	*id = x->who.account;
	if (x->who.kind != WHO_SESSION || !*id)
		return api_fail(x, 403, "forbidden", NULL,
				"notifications belong to a signed-in account, not to an API token");
	return 0;
}

static const char *str_of(struct api_ctx *x, const char *name)
{
	const struct fval *v = api_val(x, name);

	return v && v->set && !v->null ? v->s : NULL;
}

static int page_of(struct api_ctx *x, json_t *items, int64_t next)
{
	char cur[32];

	if (next)
		api_cursor_make(cur, sizeof cur, NULL, next);
	return api_page(x, items, next ? cur : NULL);
}

int api_notifications_list(struct api_ctx *x)
{
	const struct fval *unread = api_qval(x, "unread");
	struct api_pager pg;
	struct act c;
	struct cd_diag d = {{0}};
	json_t *items = NULL;
	int64_t acc, next = 0;
	enum cd_err rc;
	int st;

	if ((st = account_of(x, &acc)) || (st = api_pager_start(x, &pg)) ||
	    (st = api_act(x, &c, &d)))
		return st;
	/* newest first; the cursor is the id the next page continues below */
	if ((rc = notify_inbox(&c, acc, pg.after, unread && unread->set && unread->b, pg.limit,
			       &items, &next)))
		return api_acted(x, &c, rc, 200, NULL);
	return page_of(x, items, next);
}

int api_notifications_unread(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	int64_t acc, n = 0;
	enum cd_err rc;
	int st;

	if ((st = account_of(x, &acc)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = notify_unread(&c, acc, &n)))
		return api_acted(x, &c, rc, 200, NULL);
	return api_ok(x, 200, json_pack("{s:I}", "unread", (json_int_t)n));
}

static int mark(struct api_ctx *x, bool read)
{
	struct act c;
	struct cd_diag d = {{0}};
	int64_t acc, n = 0;
	enum cd_err rc;
	int st;

	if ((st = account_of(x, &acc)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = notify_mark(&c, acc, x->id, read)) || (rc = notify_unread(&c, acc, &n)))
		return api_acted(x, &c, rc, 200, NULL);
	return api_ok(x, 200, json_pack("{s:I, s:b, s:I}", "id", (json_int_t)x->id, "read", read,
					"unread", (json_int_t)n));
}

int api_notification_read(struct api_ctx *x)
{
	return mark(x, true);
}

int api_notification_unread(struct api_ctx *x)
{
	return mark(x, false);
}

int api_notify_outbox(struct api_ctx *x)
{
	const struct fval *state = api_qval(x, "state");
	struct api_pager pg;
	struct act c;
	struct cd_diag d = {{0}};
	json_t *items = NULL;
	int64_t next = 0;
	enum cd_err rc;
	int st;

	if ((st = api_pager_start(x, &pg)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = notify_outbox(&c, state && state->set ? state->s : NULL, pg.after, pg.limit,
				&items, &next)))
		return api_acted(x, &c, rc, 200, NULL);
	return page_of(x, items, next);
}

int api_notify_channels(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	json_t *v = NULL;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if ((rc = notify_channels(&c, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	return api_ok(x, 200, json_pack("{s:o}", "items", v));
}

static int channel_set(struct api_ctx *x, int64_t id)
{
	const struct fval *en = api_val(x, "enabled");
	struct notify_channel_in in = {
		.name = str_of(x, "name"), .kind = str_of(x, "kind"), .target = str_of(x, "target"),
		.secret = str_of(x, "secret"), .from = str_of(x, "from"), .user = str_of(x, "user"),
		.tls = str_of(x, "tls"), .ca_file = str_of(x, "ca_file"),
		.enabled = en && en->set ? (int)en->b : -1};
	struct act c;
	struct cd_diag d = {{0}};
	json_t *v = NULL;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	if (api_val(x, "secret") && api_val(x, "secret")->null)
		in.secret = ""; /* null: no secret any more */
	rc = notify_channel_set(&c, id, &in, &id);
	if (rc)
		return api_acted(x, &c, rc, 200, NULL);
	if ((rc = notify_channels(&c, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *o = json_array_get(v, i);

		if (json_integer_value(json_object_get(o, "id")) == id) {
			json_incref(o);
			json_decref(v);
			return api_acted(x, &c, CD_OK, x->id ? 200 : 201, o);
		}
	}
	json_decref(v);
	return api_acted(x, &c, CD_OK, x->id ? 200 : 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int api_notify_channel_create(struct api_ctx *x)
{
	return channel_set(x, 0);
}

int api_notify_channel_update(struct api_ctx *x)
{
	return channel_set(x, x->id);
}

int api_notify_channel_test(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	char err[256] = "";
	bool ok = false;
	enum cd_err rc;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	rc = notify_channel_test(&c, x->id, str_of(x, "address"), &ok, err, sizeof err);
	if (rc)
		return api_acted(x, &c, rc, 200, NULL);
	return api_acted(x, &c, CD_OK, 200,
			 json_pack("{s:b, s:s}", "sent", ok, "error", ok ? "" : err));
}

int api_notify_prefs(struct api_ctx *x)
{
	struct act c;
	struct cd_diag d = {{0}};
	json_t *v = NULL;
	int64_t acc;
	enum cd_err rc;
	int st;

	if ((st = account_of(x, &acc)) || (st = api_act(x, &c, &d)))
		return st;
	if ((rc = notify_prefs(&c, acc, &v)))
		return api_acted(x, &c, rc, 200, NULL);
	return api_ok(x, 200, json_pack("{s:o}", "items", v));
}

int api_notify_pref_set(struct api_ctx *x)
{
	const struct fval *chosen = api_val(x, "chosen");
	struct act c;
	struct cd_diag d = {{0}};
	json_t *v = NULL;
	int64_t acc;
	enum cd_err rc;
	int st;

	if ((st = account_of(x, &acc)) || (st = api_act(x, &c, &d)))
		return st;
	rc = notify_pref_set(&c, acc, x->id, str_of(x, "address"), chosen->b);
	if (rc == CD_ENOTFOUND && c.field && !strcmp(c.field, "channel"))
		return api_fail(x, 404, "not_found", NULL, "%s", d.msg);
	if (!rc)
		rc = notify_prefs(&c, acc, &v);
	return api_acted(x, &c, rc, 200, rc ? NULL : json_pack("{s:o}", "items", v));
}

int api_notify_rules_get(struct api_ctx *x)
{
	struct notify_rules r;
	struct cd_diag d = {{0}};
	enum cd_err rc = notify_rules_get(x->q->store, &r, &d);

	return rc ? api_err(x, rc, NULL, &d) : api_ok(x, 200, notify_rules_json(&r));
}

int api_notify_rules_update(struct api_ctx *x)
{
	static const char *const keys[] = {"leads",  "escalate",    "tries",   "backoff",
					   "digest", "obligations", "base_url"};
	const char *k[sizeof keys / sizeof *keys], *v[sizeof keys / sizeof *keys];
	size_t n = 0;
	struct notify_rules r;
	struct act c;
	struct cd_diag d = {{0}};
	enum cd_err rc = CD_OK;
	int st;

	if ((st = api_act(x, &c, &d)))
		return st;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if ((v[n] = str_of(x, keys[i])))
			k[n++] = keys[i];
	if (n) /* one act: a refused field writes none of the others */
		rc = notify_rules_change(&c, k, v, n);
	if (!rc)
		rc = notify_rules_get(x->q->store, &r, &d);
	return api_acted(x, &c, rc, 200, rc ? NULL : notify_rules_json(&r));
}
