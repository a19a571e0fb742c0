/* robot.c — the chat robot adapters: one JSON POST to a group robot's webhook over libcurl, the
 * message cut to the platform's size with a link to the whole rather than refused. Sources
 * (collected in the project's shared reference, "Chat notifications"):
 *  - WeCom group robot (企业微信群机器人), https://work.weixin.qq.com/api/doc/90000/90136/91770:
 *    POST …/cgi-bin/webhook/send?key=KEY; markdown content ≤ 4096 bytes, a mention <@userid>
 *    inside it; text content ≤ 2048 bytes with mentioned_mobile_list; no signature (the key in
 *    the URL is the secret); 20 messages a minute per robot.
 *  - DingTalk custom robot (钉钉自定义机器人): POST …/robot/send?access_token=T&timestamp=MS&sign=S;
 *    msgtype markdown {title, text} with at.atMobiles / at.atUserIds (the text must carry the
 *    "@mobile" too); 加签: HMAC-SHA256 keyed with the secret over "timestamp_ms\nsecret", Base64,
 *    then URL-encoded; the timestamp within an hour; 20 a minute (more blocks it for 10 minutes).
 *    Its size limit is not in the reference: WeCom's 4096 bytes is kept.
 *  - Feishu custom bot (飞书自定义机器人), open.feishu.cn/document/client-docs/bot-v3/add-custom-bot:
 *    POST …/open-apis/bot/v2/hook/ID; {"msg_type":"text","content":{"text":…}}, a mention
 *    <at user_id="…"></at> in the text; the signature in the body: "timestamp" (seconds, a
 *    string) and "sign" = Base64(HMAC-SHA256 keyed with "timestamp\nsecret" over an empty
 *    message); a body ≤ 20 KB; 100 a minute and 5 a second.
 * Each answers JSON: errcode 0 (WeCom, DingTalk) or code 0 / StatusCode 0 (Feishu) when taken. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "notify/notify_int.h"

#define WECOM_MARKDOWN_MAX 4096
#define WECOM_TEXT_MAX     2048
#define DINGTALK_MAX       4096
#define FEISHU_TEXT_MAX    16384 /* of the 20 KB body, room kept for the JSON around it */
#define ANSWER_MAX         65536 /* the most of a robot's answer read */

int notify_rate_limit(const char *kind)
{
	if (!strcmp(kind, "wecom") || !strcmp(kind, "dingtalk"))
		return 20;
	if (!strcmp(kind, "feishu"))
		return 100;
	return 600; /* mail: the server's own limits apply; this only spaces a burst */
}

const char *notify_truncate(struct arena *a, const char *text, size_t max, const char *link)
{
	size_t n = strlen(text), tail, k;
	char *out;

	if (n <= max)
		return text;
	tail = strlen("…\n") + (link ? strlen(link) : 0);
	k = max > tail ? max - tail : 0;
	while (k > 0 && ((unsigned char)text[k] & 0xc0) == 0x80)
		k--;
	if (!(out = arena_alloc(a, k + tail + 1)))
		return NULL;
	memcpy(out, text, k);
	snprintf(out + k, tail + 1, "…\n%s", link ? link : "");
	return out;
}

static bool hmac_b64(const unsigned char *key, size_t klen, const char *msg, char *out, size_t n)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	if (n < sodium_base64_ENCODED_LEN(sizeof mac, sodium_base64_VARIANT_ORIGINAL))
		return false;
	crypto_auth_hmacsha256_init(&st, key, klen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg, strlen(msg));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, n, mac, sizeof mac, sodium_base64_VARIANT_ORIGINAL);
	return true;
}

bool notify_sign_dingtalk(const char *secret, long long ts_ms, char *out, size_t n)
{
	char msg[512], b64[64];
	size_t k = 0;

	if ((size_t)snprintf(msg, sizeof msg, "%lld\n%s", ts_ms, secret) >= sizeof msg ||
	    !hmac_b64((const unsigned char *)secret, strlen(secret), msg, b64, sizeof b64))
		return false;
	for (const char *p = b64; *p; p++) { /* URL-encode what Base64 holds: + / = */
		const char *enc = *p == '+' ? "%2B" : *p == '/' ? "%2F" : *p == '=' ? "%3D" : NULL;
		size_t len = enc ? 3 : 1;

		if (k + len >= n)
			return false;
		memcpy(out + k, enc ? enc : p, len);
		k += len;
	}
	out[k] = '\0';
	return true;
}

bool notify_sign_feishu(const char *secret, long long ts_s, char *out, size_t n)
{
	char key[512];

	if ((size_t)snprintf(key, sizeof key, "%lld\n%s", ts_s, secret) >= sizeof key)
		return false;
	return hmac_b64((const unsigned char *)key, strlen(key), "", out, n);
}

static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* text_of: the message as lines — subject, body, link — in a. */
static char *text_of(struct arena *a, const struct notify_msg *m, const char *head,
		     const char *tail)
{
	size_t n = strlen(head) + strlen(m->subject) + strlen(tail) + strlen(m->body) + 8;
	char *out = arena_alloc(a, n);

	if (out)
		snprintf(out, n, "%s%s%s\n%s", head, m->subject, tail, m->body);
	return out;
}

static const char *dump(struct arena *a, json_t *o)
{
	char *t = o ? json_dumps(o, JSON_COMPACT) : NULL;
	const char *out = t ? arena_strdup(a, t) : NULL;

	free(t);
	json_decref(o);
	return out;
}

enum cd_err notify_robot_body(struct arena *a, const char *kind, const char *target,
			      const char *secret, const char *address, const struct notify_msg *m,
			      cd_time now, const char **url, const char **body)
{
	const char *link = m->link ? m->link : "";
	char *text;
	json_t *o = NULL;

	*url = target;
	*body = NULL;
	if (!address)
		address = "";
	if (!strcmp(kind, "wecom")) {
		if (digits(address)) { /* a mobile: only the text type mentions by mobile */
			if (!(text = text_of(a, m, "", "")))
				return CD_ENOMEM;
			o = json_pack("{s:s, s:{s:s, s:[s]}}", "msgtype", "text", "text", "content",
				      notify_truncate(a, text, WECOM_TEXT_MAX, link),
				      "mentioned_mobile_list", address);
		} else {
			size_t n = strlen(address) + strlen(link) + 32;
			char *tail = arena_alloc(a, n);
			const char *content;

			if (!(text = text_of(a, m, "**", "**")) || !tail)
				return CD_ENOMEM;
			snprintf(tail, n, "%s%s%s%s%s", *link ? "\n[查看](" : "", link,
				 *link ? ")" : "", *address ? "\n<@" : "", *address ? address : "");
			if (*address)
				snprintf(tail + strlen(tail), n - strlen(tail), ">");
			content = notify_truncate(a, text, WECOM_MARKDOWN_MAX - strlen(tail), link);
			if (!content)
				return CD_ENOMEM;
			{
				size_t k = strlen(content) + strlen(tail) + 1;
				char *all = arena_alloc(a, k);

				if (!all)
					return CD_ENOMEM;
				snprintf(all, k, "%s%s", content, tail);
				o = json_pack("{s:s, s:{s:s}}", "msgtype", "markdown", "markdown",
					      "content", all);
			}
		}
	} else if (!strcmp(kind, "dingtalk")) {
		char sign[128], *u;
		size_t n = strlen(target) + 200;
		long long ms = (long long)now * 1000;
		const char *content;
		json_t *at;

		if (!(text = text_of(a, m, "#### ", "\n")))
			return CD_ENOMEM;
		content = notify_truncate(a, text, DINGTALK_MAX - 64 - strlen(address), link);
		if (!content)
			return CD_ENOMEM;
		{
			size_t k = strlen(content) + strlen(link) + strlen(address) + 32;
			char *all = arena_alloc(a, k);

			if (!all)
				return CD_ENOMEM;
			snprintf(all, k, "%s%s%s%s%s%s", content, *link ? "\n\n[查看](" : "", link,
				 *link ? ")" : "", *address ? "\n\n@" : "", address);
			content = all;
		}
		at = json_pack("{s:b}", "isAtAll", 0);
		if (*address)
			json_object_set_new(at, digits(address) ? "atMobiles" : "atUserIds",
					    json_pack("[s]", address));
		o = json_pack("{s:s, s:{s:s, s:s}, s:o}", "msgtype", "markdown", "markdown", "title",
			      m->subject, "text", content, "at", at);
		if (secret && *secret) {
			if (!notify_sign_dingtalk(secret, ms, sign, sizeof sign) ||
			    !(u = arena_alloc(a, n))) {
				json_decref(o);
				return CD_ENOMEM;
			}
			snprintf(u, n, "%s%stimestamp=%lld&sign=%s", target,
				 strchr(target, '?') ? "&" : "?", ms, sign);
			*url = u;
		}
	} else if (!strcmp(kind, "feishu")) {
		char sign[128], ts[24];
		size_t k = strlen(address) + 32;
		char *mention = arena_alloc(a, k);
		const char *content;

		if (!(text = text_of(a, m, "", "")) || !mention)
			return CD_ENOMEM;
		snprintf(mention, k, "%s%s%s", *address ? "\n<at user_id=\"" : "", address,
			 *address ? "\"></at>" : "");
		content = notify_truncate(a, text, FEISHU_TEXT_MAX - strlen(mention) - strlen(link),
					  link);
		if (!content)
			return CD_ENOMEM;
		{
			size_t n = strlen(content) + strlen(link) + strlen(mention) + 4;
			char *all = arena_alloc(a, n);

			if (!all)
				return CD_ENOMEM;
			snprintf(all, n, "%s%s%s%s", content, *link ? "\n" : "", link, mention);
			o = json_pack("{s:s, s:{s:s}}", "msg_type", "text", "content", "text", all);
		}
		if (secret && *secret) {
			snprintf(ts, sizeof ts, "%lld", (long long)now);
			if (!notify_sign_feishu(secret, (long long)now, sign, sizeof sign)) {
				json_decref(o);
				return CD_ENOMEM;
			}
			json_object_set_new(o, "timestamp", json_string(ts));
			json_object_set_new(o, "sign", json_string(sign));
		}
	} else {
		return CD_EINVAL;
	}
	*body = dump(a, o);
	return *body ? CD_OK : CD_ENOMEM;
}

/* ---- sending ---- */

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void curl_start(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void notify_curl_init(void)
{
	pthread_once(&curl_once, curl_start);
}

static size_t write_cb(char *p, size_t size, size_t nitems, void *arg)
{
	struct dynbuf *b = arg;

	return dynbuf_add(b, p, size * nitems) ? 0 : size * nitems;
}

/* answer_ok: the robot's JSON answer says it took the message; else what it said in err. */
static bool answer_ok(const char *text, char *err, size_t n)
{
	json_t *o = json_loads(text ? text : "", 0, NULL), *c;
	bool ok = false;

	if (!o) {
		snprintf(err, n, "the robot's answer is not JSON");
		return false;
	}
	c = json_object_get(o, "errcode");
	if (!c)
		c = json_object_get(o, "code");
	if (!c)
		c = json_object_get(o, "StatusCode");
	ok = json_is_integer(c) && json_integer_value(c) == 0;
	if (!ok) {
		const char *msg = json_string_value(json_object_get(o, "errmsg"));

		if (!msg)
			msg = json_string_value(json_object_get(o, "msg"));
		snprintf(err, n, "the robot refused: code %lld: %.200s",
			 (long long)(json_is_integer(c) ? json_integer_value(c) : -1),
			 msg ? msg : "?");
	}
	json_decref(o);
	return ok;
}

enum cd_err notify_robot_send(const struct notify_chan *ch, const char *address,
			      const struct notify_msg *m, cd_time now, char *err, size_t n)
{
	struct arena *a = arena_new(0);
	const char *url = NULL, *body = NULL;
	struct curl_slist *hdr = NULL;
	struct dynbuf ans;
	long code = 0;
	CURL *h;
	CURLcode cc;
	enum cd_err rc;

	if (!a) {
		snprintf(err, n, "out of memory");
		return CD_EIO;
	}
	rc = notify_robot_body(a, ch->kind, ch->target, ch->secret, address, m, now, &url, &body);
	if (rc) {
		snprintf(err, n, "cannot build a %s message", ch->kind);
		arena_free(a);
		return CD_EIO;
	}
	notify_curl_init();
	if (!(h = curl_easy_init())) {
		arena_free(a);
		snprintf(err, n, "libcurl could not start");
		return CD_EIO;
	}
	dynbuf_init(&ans, ANSWER_MAX);
	hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &ans);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	rc = CD_EIO;
	if (cc != CURLE_OK) /* curl's words: they name the host, never the path and its key */
		snprintf(err, n, "%s: %s", ch->kind, curl_easy_strerror(cc));
	else if (code != 200)
		snprintf(err, n, "%s: HTTP %ld", ch->kind, code);
	else if (answer_ok(ans.p, err, n))
		rc = CD_OK;
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	dynbuf_free(&ans);
	arena_free(a);
	return rc;
}
