/* channel.c — the channels the security administrator configures and each account's choice of
 * them: targets and secrets sealed at rest (libsodium's crypto_secretbox, XSalsa20-Poly1305)
 * under a key of 32 random bytes in a file beside the database (DB.notify.key, mode 0400, made
 * when the first channel is configured — kept apart from the database like the audit key), the
 * acts that set them (audited without the secret) and the test message. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/secret.h"
#include "notify/notify_int.h"
#include "svc/act.h"

#define TEXT_MAX     2048       /* the longest target or secret taken */

static const char *const kinds[] = {"mail", "wecom", "dingtalk", "feishu"};

/* seal_path writes where s's sealing key is kept: $CYBERDUTY_NOTIFY_KEY, else the database's
 * path with ".notify.key" (false for a database in memory). */
static bool seal_path(struct store *s, char *out, size_t n)
{
	const char *env = getenv("CYBERDUTY_NOTIFY_KEY");
	const char *db = store_path(s);
	int len;

	if (env && *env)
		len = snprintf(out, n, "%s", env);
	else if (db && *db && strcmp(db, ":memory:"))
		len = snprintf(out, n, "%s.notify.key", db);
	else
		return false;
	return len > 0 && (size_t)len < n;
}

/* key_read reads the 32 bytes of the key file at path: CD_ENOTFOUND when there is none;
 * CD_EINVAL when others may read it or it is not 32 bytes. */
static enum cd_err key_read(const char *path, unsigned char key[crypto_secretbox_KEYBYTES],
			    struct cd_diag *d)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t got;

	if (fd < 0)
		return errno == ENOENT ? CD_ENOTFOUND
				       : cd_diag_set(d, CD_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) || (st.st_mode & 077)) {
		close(fd);
		return cd_diag_set(d, CD_EINVAL, "%s: the key that seals the channels' secrets must "
						 "be readable by its owner only (chmod 400)", path);
	}
	got = read(fd, key, crypto_secretbox_KEYBYTES);
	close(fd);
	if (got != crypto_secretbox_KEYBYTES)
		return cd_diag_set(d, CD_EINVAL, "%s: not a key of %d bytes", path,
				   crypto_secretbox_KEYBYTES);
	return CD_OK;
}

/* key_make writes 32 random bytes to a new file at path (mode 0400, synced), atomically: written
 * beside it, then linked in place — another process that made one first wins, and both use it. */
static enum cd_err key_make(const char *path, struct cd_diag *d)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	char tmp[4200];
	int fd;
	bool ok;

	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0)
		return cd_diag_set(d, CD_EIO, "%s: %s", tmp, strerror(errno));
	randombytes_buf(key, sizeof key);
	ok = fchmod(fd, 0400) == 0 && write(fd, key, sizeof key) == (ssize_t)sizeof key &&
	     fsync(fd) == 0;
	secret_wipe(key, sizeof key);
	close(fd);
	if (ok && link(tmp, path) && errno != EEXIST)
		ok = false;
	unlink(tmp);
	return ok ? CD_OK : cd_diag_set(d, CD_EIO, "%s: cannot write the key: %s", path,
					strerror(errno));
}

/* seal_key reads the key that seals the channels' secrets, making it first when `make` and there
 * is none (the first channel configured). */
static enum cd_err seal_key(struct store *s, bool make,
			    unsigned char key[crypto_secretbox_KEYBYTES], struct cd_diag *d)
{
	char path[4096];
	enum cd_err rc;

	if (!secret_init())
		return cd_diag_set(d, CD_ENOMEM, "libsodium could not start");
	if (!seal_path(s, path, sizeof path))
		return cd_diag_set(d, CD_EINVAL, "a database in memory cannot keep channels' secrets");
	rc = key_read(path, key, d);
	if (rc == CD_ENOTFOUND && make && !(rc = key_make(path, d)))
		rc = key_read(path, key, d);
	if (rc == CD_ENOTFOUND)
		rc = cd_diag_set(d, CD_EIO, "%s: the key that seals the channels' secrets is missing: "
					    "restore it from its backup (docs/notifications.md)",
				 path);
	return rc;
}

enum cd_err notify_seal(struct store *s, const char *plain, struct arena *a,
			const unsigned char **out, size_t *n, struct cd_diag *d)
{
	unsigned char key[crypto_secretbox_KEYBYTES], *box;
	size_t len = strlen(plain);
	enum cd_err rc = seal_key(s, true, key, d);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	*n = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	if (!(box = arena_alloc(a, *n))) {
		secret_wipe(key, sizeof key);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, len,
			      box, key);
	secret_wipe(key, sizeof key);
	*out = box;
	return CD_OK;
}

static void wipe_text(void *p)
{
	secret_wipe(p, strlen(p));
}

enum cd_err notify_unseal(struct store *s, const unsigned char *box, size_t n, struct arena *a,
			  const char **plain, struct cd_diag *d)
{
	unsigned char key[crypto_secretbox_KEYBYTES];
	char *out;
	enum cd_err rc = seal_key(s, false, key, d);
	size_t len;

	*plain = NULL;
	if (rc)
		return rc;
	if (n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		secret_wipe(key, sizeof key);
		return cd_diag_set(d, CD_EINVAL, "a sealed channel secret is damaged");
	}
	len = n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	if (!(out = arena_alloc(a, len + 1)) || arena_defer(a, wipe_text, out)) {
		secret_wipe(key, sizeof key);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	out[0] = '\0';
	if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
				       n - crypto_secretbox_NONCEBYTES, box, key)) {
		secret_wipe(key, sizeof key);
		return cd_diag_set(d, CD_EINVAL, "a channel's secret does not open with the key file "
						 "beside the database (was it replaced?)");
	}
	secret_wipe(key, sizeof key);
	out[len] = '\0';
	*plain = out;
	return CD_OK;
}

/* conf_str: the string member k of the channel's configuration, in a (NULL when not set). */
static const char *conf_str(struct arena *a, json_t *conf, const char *k)
{
	const char *v = json_string_value(json_object_get(conf, k));

	return v && *v ? arena_strdup(a, v) : NULL;
}

enum cd_err notify_chan_open(struct store *s, int64_t id, struct arena *a,
			     struct notify_chan *out, struct cd_diag *d)
{
	struct notify_channel_row r;
	json_t *conf;
	enum cd_err rc = store_notify_channel_get(s, id, a, &r, d);

	memset(out, 0, sizeof *out);
	if (rc)
		return rc;
	out->id = r.id;
	out->name = r.name;
	out->kind = r.kind;
	out->enabled = r.enabled;
	rc = notify_unseal(s, r.target, r.target_len, a, &out->target, d);
	if (!rc && r.secret)
		rc = notify_unseal(s, r.secret, r.secret_len, a, &out->secret, d);
	if (rc)
		return rc;
	conf = json_loads(r.config, 0, NULL);
	out->from = conf_str(a, conf, "from");
	out->user = conf_str(a, conf, "user");
	out->tls = conf_str(a, conf, "tls");
	out->ca_file = conf_str(a, conf, "ca_file");
	json_decref(conf);
	return CD_OK;
}

/* target_shown: what may be shown of a target — its scheme and host, never the path or query
 * where a robot's key lives. */
static json_t *target_shown(const char *t)
{
	const char *p = strstr(t, "://"), *end;

	if (!p)
		return json_string("?");
	end = p + 3 + strcspn(p + 3, "/?#");
	return json_stringn(t, (size_t)(end - t));
}

/* check_target refuses a target its kind cannot use. */
static enum cd_err check_target(struct act *c, const char *kind, const char *t)
{
	bool mail = !strcmp(kind, "mail");

	if (strlen(t) > TEXT_MAX)
		return act_fail(c, CD_EINVAL, "target", "target: at most %d bytes", TEXT_MAX);
	if (mail && strncmp(t, "smtp://", 7) && strncmp(t, "smtps://", 8))
		return act_fail(c, CD_EINVAL, "target",
				"target: give the mail server as smtp://HOST:PORT (STARTTLS) or "
				"smtps://HOST:PORT (TLS)");
	if (!mail && strncmp(t, "https://", 8) && strncmp(t, "http://", 7))
		return act_fail(c, CD_EINVAL, "target",
				"target: give the robot's webhook URL (https://…, with its key)");
	return CD_OK;
}

static json_t *channel_json(const struct notify_channel_row *r, const char *target)
{
	json_t *conf = json_loads(r->config, 0, NULL), *o;

	o = json_pack("{s:I, s:s, s:s, s:b, s:b, s:o, s:o, s:s}", "id", (json_int_t)r->id, "name",
		      r->name, "kind", r->kind, "enabled", r->enabled, "secret_set",
		      r->secret != NULL, "target", target ? target_shown(target) : json_null(),
		      "config", conf ? conf : json_object(), "changed_by",
		      r->changed_by ? r->changed_by : "");
	return o;
}

enum cd_err notify_channel_set(struct act *c, int64_t id, const struct notify_channel_in *in,
			       int64_t *out_id)
{
	struct notify_channel_row r = {0}, was = {0};
	const char *target = NULL;
	json_t *conf, *before = NULL, *after;
	bool known = false;
	char obj[32];
	enum cd_err rc;

	if (id) {
		struct notify_chan ch;

		if ((rc = store_notify_channel_get(c->s, id, c->a, &was, c->d)))
			return rc == CD_ENOTFOUND ? act_fail(c, rc, NULL, "no channel %lld",
							     (long long)id)
						  : rc;
		if ((rc = notify_chan_open(c->s, id, c->a, &ch, c->d)))
			return rc;
		before = channel_json(&was, ch.target);
		r = was;
		target = ch.target;
	} else {
		r.enabled = true;
		r.config = "{}";
	}
	if (in->name) {
		if (!*in->name || strlen(in->name) > 64)
			return json_decref(before),
			       act_fail(c, CD_EINVAL, "name", "name: give 1 to 64 bytes");
		r.name = in->name;
	}
	if (in->kind) {
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			known |= !strcmp(in->kind, kinds[i]);
		if (!known)
			return json_decref(before),
			       act_fail(c, CD_EINVAL, "kind",
					"kind: give mail, wecom, dingtalk or feishu, not \"%.32s\"",
					in->kind);
		r.kind = in->kind;
	}
	if (!r.name || !r.kind)
		return act_fail(c, CD_EINVAL, r.name ? "kind" : "name",
				"%s: required for a new channel", r.name ? "kind" : "name");
	if (in->target)
		target = in->target;
	if (!target)
		return act_fail(c, CD_EINVAL, "target", "target: required for a new channel");
	if ((rc = check_target(c, r.kind, target))) {
		json_decref(before);
		return rc;
	}
	if (in->tls && strcmp(in->tls, "starttls") && strcmp(in->tls, "tls") &&
	    strcmp(in->tls, "none")) {
		json_decref(before);
		return act_fail(c, CD_EINVAL, "tls", "tls: give starttls, tls or none");
	}
	if (in->secret && strlen(in->secret) > TEXT_MAX) {
		json_decref(before);
		return act_fail(c, CD_EINVAL, "secret", "secret: at most %d bytes", TEXT_MAX);
	}
	rc = notify_seal(c->s, target, c->a, &r.target, &r.target_len, c->d);
	if (!rc && in->secret && *in->secret)
		rc = notify_seal(c->s, in->secret, c->a, &r.secret, &r.secret_len, c->d);
	else if (in->secret) /* "": none */
		r.secret = NULL, r.secret_len = 0;
	if (rc) {
		json_decref(before);
		return rc;
	}
	conf = json_loads(r.config, 0, NULL);
	if (!conf)
		conf = json_object();
	if (in->from)
		json_object_set_new(conf, "from", json_string(in->from));
	if (in->user)
		json_object_set_new(conf, "user", json_string(in->user));
	if (in->tls)
		json_object_set_new(conf, "tls", json_string(in->tls));
	if (in->ca_file)
		json_object_set_new(conf, "ca_file", json_string(in->ca_file));
	{
		char *text = json_dumps(conf, JSON_COMPACT | JSON_SORT_KEYS);

		r.config = text ? arena_strdup(c->a, text) : NULL;
		free(text);
	}
	json_decref(conf);
	if (!r.config) {
		json_decref(before);
		return cd_diag_set(c->d, CD_ENOMEM, "out of memory");
	}
	if (in->enabled >= 0)
		r.enabled = in->enabled != 0;
	r.changed_at = c->now;
	r.changed_by = c->actor;
	if ((rc = act_begin(c))) {
		json_decref(before);
		return rc;
	}
	c->derived_kept = true; /* nothing the obligations derive from */
	rc = store_notify_channel_put(c->s, &r, c->d);
	if (rc == CD_ECONFLICT)
		rc = act_fail(c, CD_ECONFLICT, "name", "name: a channel \"%.64s\" exists", r.name);
	snprintf(obj, sizeof obj, "channel:%lld", (long long)r.id);
	after = rc ? NULL : channel_json(&r, target);
	if (out_id)
		*out_id = r.id;
	return act_end(c, rc, "notify.channel", obj, before, after);
}

enum cd_err notify_channels(struct act *c, json_t **out)
{
	struct notify_channel_row *v = NULL;
	size_t n = 0;
	enum cd_err rc = store_notify_channel_list(c->s, c->a, &v, &n, c->d);

	*out = NULL;
	if (rc)
		return rc;
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *t = NULL;

		notify_unseal(c->s, v[i].target, v[i].target_len, c->a, &t, NULL);
		json_array_append_new(*out, channel_json(&v[i], t));
	}
	return CD_OK;
}

enum cd_err notify_channel_test(struct act *c, int64_t id, const char *address, bool *ok,
				char *err, size_t n)
{
	struct notify_chan ch;
	struct notify_msg m = {.subject = "cyberduty 测试消息 / test message",
			       .body = "这是一条测试消息：渠道配置可用。\nThis is a test message: the "
				       "channel works.",
			       .link = NULL};
	struct audit_entry e;
	json_t *after;
	char obj[32], *text;
	enum cd_err rc = notify_chan_open(c->s, id, c->a, &ch, c->d);

	*ok = false;
	if (n)
		err[0] = '\0';
	if (rc == CD_ENOTFOUND)
		return act_fail(c, rc, NULL, "no channel %lld", (long long)id);
	if (rc)
		return rc;
	if (!address)
		address = "";
	if (!strcmp(ch.kind, "mail") && !*address)
		return act_fail(c, CD_EINVAL, "address", "address: give the mail address to send to");
	rc = !strcmp(ch.kind, "mail") ? notify_mail_send(&ch, address, &m, c->now, err, n)
				      : notify_robot_send(&ch, address, &m, c->now, err, n);
	*ok = rc == CD_OK;
	snprintf(obj, sizeof obj, "channel:%lld", (long long)id);
	after = json_pack("{s:s, s:s, s:s, s:s}", "kind", ch.kind, "address", address, "outcome",
			  *ok ? "sent" : "failed", "error", *ok ? "" : err);
	text = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(after);
	e = (struct audit_entry){.at = c->now, .actor = c->actor ? c->actor : "-",
				 .ip = c->ip ? c->ip : "", .action = "notify.test", .object = obj,
				 .after = text, .outcome = *ok ? AUDIT_OK : AUDIT_FAILED};
	rc = store_begin(c->s, c->d);
	if (!rc)
		rc = audit_append(c->s, &e, c->d);
	if (!rc)
		rc = store_commit(c->s, c->d);
	else
		store_rollback(c->s);
	free(text);
	return rc;
}

enum cd_err notify_pref_set(struct act *c, int64_t account, int64_t channel, const char *address,
			    bool on)
{
	struct notify_channel_row r;
	char obj[48];
	enum cd_err rc = store_notify_channel_get(c->s, channel, c->a, &r, c->d);

	if (rc == CD_ENOTFOUND)
		return act_fail(c, rc, "channel", "channel: no channel %lld", (long long)channel);
	if (rc)
		return rc;
	if (!address)
		address = "";
	if (strlen(address) > 254)
		return act_fail(c, CD_EINVAL, "address", "address: at most 254 bytes");
	if (on && !strcmp(r.kind, "mail") && !strchr(address, '@'))
		return act_fail(c, CD_EINVAL, "address",
				"address: give the mail address the messages go to");
	if (strpbrk(address, "\r\n<>\"`"))
		return act_fail(c, CD_EINVAL, "address",
				"address: no line breaks, angle brackets or quotes");
	if ((rc = act_begin(c)))
		return rc;
	c->derived_kept = true;
	rc = store_notify_pref_set(c->s, account, channel, address, on, c->d);
	snprintf(obj, sizeof obj, "account:%lld", (long long)account);
	return act_end(c, rc, "notify.pref", obj, NULL,
		       rc ? NULL
			  : json_pack("{s:I, s:s, s:b, s:s}", "channel", (json_int_t)channel,
				      "kind", r.kind, "chosen", on, "address", address));
}

enum cd_err notify_prefs(struct act *c, int64_t account, json_t **out)
{
	struct notify_channel_row *v = NULL;
	struct notify_pref_row *p = NULL;
	size_t n = 0, np = 0;
	enum cd_err rc = store_notify_channel_list(c->s, c->a, &v, &n, c->d);

	*out = NULL;
	if (!rc)
		rc = store_notify_pref_list(c->s, account, c->a, &p, &np, c->d);
	if (rc)
		return rc;
	*out = json_array();
	for (size_t i = 0; i < n; i++) {
		const char *addr = NULL;

		if (!v[i].enabled)
			continue;
		for (size_t k = 0; k < np; k++)
			if (p[k].channel == v[i].id)
				addr = p[k].address;
		json_array_append_new(*out,
				      json_pack("{s:I, s:s, s:s, s:b, s:s}", "channel",
						(json_int_t)v[i].id, "name", v[i].name, "kind",
						v[i].kind, "chosen", addr != NULL, "address",
						addr ? addr : ""));
	}
	return CD_OK;
}
