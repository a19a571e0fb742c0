/* api_session.c — signing in and out, who am I, changing one's password and enrolling a TOTP
 * second factor (the acts of svc/accounts.h). A session lives in an HttpOnly, SameSite=Strict
 * cookie (Secure under TLS), is new at every sign-in (an old one presented is ended: no
 * fixation) and carries a CSRF token every state-changing request must echo in the X-CSRF-Token
 * header. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "api_int.h"
#include "audit/audit.h"
#include "config.h"
#include "io/qr.h"
#include "svc/act.h"

int api_health(struct api_ctx *x)
{
	return api_ok(x, 200, json_pack("{s:s, s:s}", "status", "ok", "version", CD_VERSION));
}

static void set_cookie(struct api_ctx *x, const char *id)
{
	snprintf(x->r->set_cookie, sizeof x->r->set_cookie,
		 API_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s%s", id,
		 x->q->tls ? "; Secure" : "", *id ? "" : "; Max-Age=0");
}

/* new_session opens a session for account id, sets its cookie and answers status with the CSRF
 * token (and the account, taken, when given). */
static int new_session(struct api_ctx *x, int64_t id, unsigned status, json_t *account)
{
	char sid[SESSION_ID_LEN + 1], csrf[CSRF_LEN + 1];
	struct cd_diag d = {{0}};
	enum cd_err rc = account_session_create(x->q->store, id, x->q->now, sid, csrf, &d);
	int st;

	if (rc != CD_OK) {
		json_decref(account);
		return api_err(x, rc, NULL, &d);
	}
	set_cookie(x, sid);
	sodium_memzero(sid, sizeof sid);
	st = api_ok(x, status, json_pack("{s:s, s:o?}", "csrf", csrf, "account", account));
	sodium_memzero(csrf, sizeof csrf);
	return st;
}

static const char *const outcome_msg[LOGIN__MAX] = {
	[LOGIN_OK] = "signed in",
	[LOGIN_BAD] = "the name or the password is wrong / 用户名或密码错误",
	[LOGIN_LOCKED] = "the account is locked: after repeated failures until the time given "
			 "(retry_after), or by the system administrator until they unlock it / "
			 "账户已锁定",
	[LOGIN_DISABLED] = "the account is disabled / 账户已停用",
	[LOGIN_TOTP_REQUIRED] = "give the 6-digit code of your authenticator app (totp)",
	[LOGIN_TOTP_BAD] = "the authenticator code is wrong or was used already",
	[LOGIN_TOTP_ENROL] = "administrators must have a second factor: on the server, run "
			     "cyberduty user totp NAME to enrol one",
	[LOGIN_THROTTLED] = "too many failed sign-ins from this address: wait the seconds of "
			    "Retry-After / 登录失败次数过多，请稍后再试",
};

int api_session_create(struct api_ctx *x)
{
	const struct fval *name = api_val(x, "name"), *pw = api_val(x, "password"),
			  *totp = api_val(x, "totp");
	struct cd_diag d = {{0}};
	enum login_outcome o;
	struct account a;
	cd_time retry = CD_TIME_NONE;
	enum cd_err rc;
	unsigned st;

	memset(&a, 0, sizeof a);
	if (x->q->session) /* rotate: whatever session came with the request ends here */
		(void)account_session_end(x->q->store, x->q->session, NULL);
	rc = account_login(x->q->store, name->s, pw->s, totp->set ? totp->s : NULL, x->q->ip,
			   x->q->now, &o, &retry, &a, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	snprintf(x->who.name, sizeof x->who.name, "%s", name->s);
	x->who.kind = WHO_SESSION; /* for the audit's actor: the name tried */
	snprintf(x->object, sizeof x->object, "account:%lld", (long long)a.id);
	if (retry != CD_TIME_NONE && retry > x->q->now)
		snprintf(x->r->retry_after, sizeof x->r->retry_after, "%lld",
			 (long long)(retry - x->q->now));
	if (o == LOGIN_THROTTLED) /* not audited one by one: the log must not be floodable */
		return api_fail(x, 429, login_outcome_code(o), NULL, "%s", outcome_msg[o]);
	if (o == LOGIN_TOTP_ENROL) {
		/* an administrator's first sign-in, with the right password and no second factor
		 * yet: a session that may only enrol one (the router refuses it everything else),
		 * so that the key is scanned as a QR code in the browser rather than set up on
		 * the server */
		api_audit(x, "session.login", x->object, AUDIT_OK,
			  json_pack("{s:b}", "totp_enrol", 1));
		return new_session(x, a.id, 201, svc_account_json(&a));
	}
	if (o != LOGIN_OK) {
		/* the entry says what the answer does not: that this failure locked the account */
		bool locking = o == LOGIN_BAD && a.locked;

		api_audit(x, "session.login", a.id ? x->object : "",
			  o == LOGIN_LOCKED || locking ? AUDIT_LOCKED : AUDIT_FAILED,
			  json_pack("{s:s}", "reason", locking ? "locked" : login_outcome_code(o)));
		st = 401;
		return api_fail(x, st, login_outcome_code(o),
				o == LOGIN_TOTP_REQUIRED || o == LOGIN_TOTP_BAD ? "totp" : NULL, "%s",
				outcome_msg[o]);
	}
	api_audit(x, "session.login", x->object, AUDIT_OK, NULL);
	return new_session(x, a.id, 201, svc_account_json(&a));
}

/* session_times: when this session ends if nothing more is asked (idle) and at the latest
 * (absolute), for the pages to warn before it does; null when it cannot be read. */
static json_t *session_times(struct api_ctx *x)
{
	struct account_settings st;
	struct session se;
	struct cd_diag d = {{0}};

	if (!x->q->session || account_settings_get(x->q->store, &st, &d) != CD_OK ||
	    account_session_get(x->q->store, x->q->session, x->q->now, &se, &d) != CD_OK)
		return json_null();
	return json_pack("{s:o, s:o, s:i, s:o, s:o}", "created_at", jnull_time(se.created_at),
			 "last_seen_at", jnull_time(se.last_seen_at), "idle_minutes",
			 st.session_idle_minutes, "idle_expires_at",
			 jnull_time(se.last_seen_at + (cd_time)st.session_idle_minutes * 60),
			 "expires_at",
			 jnull_time(se.created_at + (cd_time)st.session_absolute_hours * 3600));
}

int api_session_get(struct api_ctx *x)
{
	struct account a;
	struct cd_diag d = {{0}};
	enum cd_err rc;

	if (x->who.kind == WHO_TOKEN)
		return api_ok(x, 200,
			      json_pack("{s:s, s:I, s:s, s:I}", "kind", "token", "token",
					(json_int_t)x->who.token, "role",
					account_role_code(x->who.role), "unit",
					(json_int_t)x->who.unit));
	rc = account_get(x->q->store, x->who.account, x->q->now, &a, &d);
	if (rc != CD_OK)
		return api_err(x, rc, NULL, &d);
	return api_ok(x, 200,
		      json_pack("{s:s, s:o, s:o}", "kind", "session", "account",
				svc_account_json(&a), "session", session_times(x)));
}

int api_session_delete(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	enum cd_err rc;

	if (x->who.kind != WHO_SESSION)
		return api_fail(x, 400, "bad_request", NULL, "a bearer token has no session to end");
	rc = account_session_end(x->q->store, x->q->session, &d);
	if (rc != CD_OK && rc != CD_ENOTFOUND)
		return api_err(x, rc, NULL, &d);
	set_cookie(x, "");
	snprintf(x->object, sizeof x->object, "account:%lld", (long long)x->who.account);
	api_audit(x, "session.logout", x->object, AUDIT_OK, NULL);
	return api_ok(x, 204, NULL);
}

/* Only a person signed in changes their own password or second factor; a token cannot. */
static int person_only(struct api_ctx *x)
{
	if (x->who.kind != WHO_SESSION)
		return api_fail(x, 403, "forbidden", NULL, "only a signed-in person can do this");
	snprintf(x->object, sizeof x->object, "account:%lld", (long long)x->who.account);
	return 0;
}

int api_session_password(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = person_only(x)) || (st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_password_change(&c, x->who.account, api_val(x, "old")->s,
					 api_val(x, "new")->s);
	if (rc != CD_OK)
		return api_acted(x, &c, rc, 0, NULL);
	x->audited = true;
	/* every session of the account ended with the old password; this person goes on in a new
	 * one (a new id and CSRF token) */
	return new_session(x, x->who.account, 200, NULL);
}

int api_session_totp(struct api_ctx *x)
{
	char secret[64], uri[256];
	struct cd_diag d = {{0}};
	struct act c;
	enum cd_err rc;
	int st;

	if ((st = person_only(x)) || (st = api_act(x, &c, &d)))
		return st;
	rc = svc_account_totp_replace(&c, x->who.account, api_val(x, "password")->s,
				      api_val(x, "code")->s, secret, uri);
	/* the URI also as a QR code's modules: the page draws it for the app to scan */
	st = api_acted(x, &c, rc, 201,
		       rc ? NULL
			  : json_pack("{s:s, s:s, s:o*}", "secret", secret, "uri", uri, "qr",
				      qr_json(uri)));
	sodium_memzero(secret, sizeof secret);
	sodium_memzero(uri, sizeof uri);
	return st;
}

int api_session_totp_confirm(struct api_ctx *x)
{
	struct cd_diag d = {{0}};
	struct act c;
	int st;

	if ((st = person_only(x)) || (st = api_act(x, &c, &d)))
		return st;
	return api_acted(x, &c, svc_account_totp_confirm(&c, x->who.account, api_val(x, "code")->s),
			 204, NULL);
}
