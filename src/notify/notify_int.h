/* notify_int.h — what the files of src/notify/ share and nobody else uses: a message as the
 * adapters send it, a channel opened for sending (target and secret unsealed), the sealing of
 * secrets, the adapters (mail.c, robot.c) and the formats they build (for the unit tests). */
#ifndef CD_NOTIFY_INT_H
#define CD_NOTIFY_INT_H

#include "core/arena.h"
#include "core/dynbuf.h"
#include "notify/notify.h"

/* A message as sent: a subject line, a body of plain-text lines, a link to the record in the web
 * application (absolute when the rules name its base URL; may be NULL). */
struct notify_msg {
	const char *subject, *body, *link;
};

/* A channel opened for sending: the row with its target and secret unsealed (wiped when the
 * arena is freed) and its configuration read. */
struct notify_chan {
	int64_t id;
	const char *name, *kind;
	const char *target, *secret;           /* secret NULL when none */
	const char *from, *user, *tls, *ca_file; /* mail; NULL when not set */
	bool enabled;
};

/* notify_chan_open reads channel id of s and unseals it into *out (strings in a). CD_ENOTFOUND;
 * CD_EIO / CD_EINVAL when the key that seals it is missing or another. */
enum cd_err notify_chan_open(struct store *s, int64_t id, struct arena *a,
			     struct notify_chan *out, struct cd_diag *d);

/* notify_seal seals the text plain with the store's sealing key (libsodium secretbox: nonce ‖
 * box; the key file DB.notify.key, made on first use) into *out (arena a, *n bytes);
 * notify_unseal opens it into a NUL-terminated text in a (wiped when a is freed). CD_EIO: the key
 * file is missing; CD_EINVAL: the bytes were not sealed under it. */
enum cd_err notify_seal(struct store *s, const char *plain, struct arena *a,
			const unsigned char **out, size_t *n, struct cd_diag *d);
enum cd_err notify_unseal(struct store *s, const unsigned char *box, size_t n, struct arena *a,
			  const char **plain, struct cd_diag *d);

/* The adapters: send m to address over channel ch at instant now; CD_OK when the far end
 * accepted it, else CD_EIO with what it answered in err[0..n) (never the secret or the key). */
enum cd_err notify_mail_send(const struct notify_chan *ch, const char *address,
			     const struct notify_msg *m, cd_time now, char *err, size_t n);
enum cd_err notify_robot_send(const struct notify_chan *ch, const char *address,
			      const struct notify_msg *m, cd_time now, char *err, size_t n);

/* notify_curl_init starts libcurl once per process (thread-safe), before an adapter's first
 * transfer. */
void notify_curl_init(void);

/* The formats (pure; their sources in mail.c and robot.c). */

/* notify_mail_text writes the whole RFC 5322 message — headers (the subject RFC 2047-encoded
 * UTF-8), a multipart/alternative body of text/plain and text/html, both base64 — into b. */
enum dynbuf_res notify_mail_text(struct dynbuf *b, const char *from, const char *to,
				 const struct notify_msg *m, cd_time now, const char *msgid);

/* notify_rfc2047 appends s as encoded words ("=?UTF-8?B?…?=", each ≤ 75 bytes, split between
 * characters, folded) — or as it is when it is printable ASCII. */
enum dynbuf_res notify_rfc2047(struct dynbuf *b, const char *s);

/* notify_truncate: text cut to at most max bytes (between UTF-8 characters) with "…" and the
 * link appended, so that the whole fits max; the text itself when it fits. In arena a. */
const char *notify_truncate(struct arena *a, const char *text, size_t max, const char *link);

/* notify_robot_body builds the request of a robot of kind ("wecom", "dingtalk", "feishu") for m
 * to address (the mention: a mobile number or user id; "" none) at now: the URL to POST to
 * (the target, with DingTalk's timestamp and signature appended) and the JSON body (Feishu's with
 * its timestamp and signature). Strings in a. CD_EINVAL for an unknown kind. */
enum cd_err notify_robot_body(struct arena *a, const char *kind, const char *target,
			      const char *secret, const char *address, const struct notify_msg *m,
			      cd_time now, const char **url, const char **body);

/* notify_sign_dingtalk / notify_sign_feishu: the signatures (base64; DingTalk's then URL-encoded)
 * of timestamp ts (milliseconds for DingTalk, seconds for Feishu) under secret, into out[n]. */
bool notify_sign_dingtalk(const char *secret, long long ts_ms, char *out, size_t n);
bool notify_sign_feishu(const char *secret, long long ts_s, char *out, size_t n);

/* notify_rate_limit: the messages a channel of kind may send in a minute. */
int notify_rate_limit(const char *kind);

#endif
