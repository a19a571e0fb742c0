/* mail.c — the mail adapter: a message as RFC 5322 mail with a MIME multipart/alternative body
 * (plain text and HTML) sent over SMTP by libcurl, with STARTTLS or TLS and authentication.
 * Sources of the format: RFC 5322 (the message and its Date), RFC 2045/2046 (MIME, base64 lines
 * of at most 76 characters, multipart/alternative with the plainest part first), RFC 2047 (a
 * subject in UTF-8 as encoded words of at most 75 characters), RFC 3834 (Auto-Submitted for a
 * message a program sends); SMTP: RFC 5321, STARTTLS RFC 3207, libcurl's smtp:// and smtps://
 * URLs (CURLOPT_USE_SSL, CURLOPT_MAIL_FROM, CURLOPT_MAIL_RCPT). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "notify/notify_int.h"

/* ADD_LIT appends a string literal (its length counted by the compiler) */
#define ADD_LIT(b, lit) dynbuf_add((b), (lit), sizeof(lit) - 1)

#define MAIL_MAX ((size_t)1 << 20) /* the most one message may hold */

/* the encoded word's frame: "=?UTF-8?B?" … "?=" (12 bytes) around at most 60 base64 characters,
 * 45 bytes of text: 72 ≤ 75 (RFC 2047 §2) */
#define WORD_BYTES 45

static bool ascii_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* utf8_cut: the longest prefix of s[0..n) of at most max bytes that ends between characters. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
	size_t k = n < max ? n : max;

	if (k == n)
		return k;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return k;
}

static enum dynbuf_res add_b64(struct dynbuf *b, const void *p, size_t n)
{
	char out[sodium_base64_ENCODED_LEN(WORD_BYTES, sodium_base64_VARIANT_ORIGINAL)];

	sodium_bin2base64(out, sizeof out, p, n, sodium_base64_VARIANT_ORIGINAL);
	return dynbuf_add(b, out, strlen(out));
}

enum dynbuf_res notify_rfc2047(struct dynbuf *b, const char *s)
{
	size_t n = strlen(s), at = 0;
	enum dynbuf_res r = DYNBUF_OK;

	if (ascii_printable(s) && n <= 70)
		return dynbuf_add(b, s, n);
	while (!r && at < n) {
		size_t k = utf8_cut(s + at, n - at, WORD_BYTES);

		if (!k) /* a broken sequence: one byte (the reader shows U+FFFD) */
			k = 1;
		if (at)
			r = ADD_LIT(b, "\r\n ");
		if (!r)
			r = ADD_LIT(b, "=?UTF-8?B?");
		if (!r)
			r = add_b64(b, s + at, k);
		if (!r)
			r = ADD_LIT(b, "?=");
		at += k;
	}
	return r;
}

/* add_base64_body appends n bytes at p as base64 in lines of 76 characters (57 bytes each). */
static enum dynbuf_res add_base64_body(struct dynbuf *b, const char *p, size_t n)
{
	enum dynbuf_res r = DYNBUF_OK;

	for (size_t at = 0; !r && at < n; at += 57) {
		char out[sodium_base64_ENCODED_LEN(57, sodium_base64_VARIANT_ORIGINAL)];
		size_t k = n - at < 57 ? n - at : 57;

		sodium_bin2base64(out, sizeof out, (const unsigned char *)p + at, k,
				  sodium_base64_VARIANT_ORIGINAL);
		r = dynbuf_add(b, out, strlen(out));
		if (!r)
			r = ADD_LIT(b, "\r\n");
	}
	return r;
}

/* add_html appends s escaped for HTML text (&, <, >, ", '), line breaks as <br>. */
static enum dynbuf_res add_html(struct dynbuf *b, const char *s)
{
	enum dynbuf_res r = DYNBUF_OK;

	for (; !r && *s; s++) {
		switch (*s) {
		case '&': r = ADD_LIT(b, "&amp;"); break;
		case '<': r = ADD_LIT(b, "&lt;"); break;
		case '>': r = ADD_LIT(b, "&gt;"); break;
		case '"': r = ADD_LIT(b, "&quot;"); break;
		case '\'': r = ADD_LIT(b, "&#39;"); break;
		case '\n': r = ADD_LIT(b, "<br>\n"); break;
		default: r = dynbuf_addc(b, *s);
		}
	}
	return r;
}

/* add_crlf appends s with every line ending as CRLF (SMTP's line ending, RFC 5321 §2.3.8). */
static enum dynbuf_res add_crlf(struct dynbuf *b, const char *s)
{
	enum dynbuf_res r = DYNBUF_OK;

	for (; !r && *s; s++)
		r = *s == '\n' ? ADD_LIT(b, "\r\n") : *s == '\r' ? DYNBUF_OK : dynbuf_addc(b, *s);
	return r;
}

enum dynbuf_res notify_mail_text(struct dynbuf *b, const char *from, const char *to,
				 const struct notify_msg *m, cd_time now, const char *msgid)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	const char *boundary = "=_cyberduty_alt_7b1d";
	time_t t = (time_t)(now + 8 * 3600); /* China Standard Time, written +0800 */
	struct tm tm;
	struct dynbuf part;
	enum dynbuf_res r;

	gmtime_r(&t, &tm);
	r = dynbuf_addf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0800\r\n", days[tm.tm_wday],
			tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
			tm.tm_sec);
	if (!r)
		r = dynbuf_addf(b, "From: <%s>\r\nTo: <%s>\r\nSubject: ", from, to);
	if (!r)
		r = notify_rfc2047(b, m->subject);
	if (!r)
		r = dynbuf_addf(b, "\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n"
				   "Auto-Submitted: auto-generated\r\n"
				   "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n"
				   "--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
				   "Content-Transfer-Encoding: base64\r\n\r\n",
				msgid, boundary, boundary);
	dynbuf_init(&part, MAIL_MAX);
	if (!r)
		r = add_crlf(&part, m->body);
	if (!r && m->link)
		r = dynbuf_addf(&part, "\r\n\r\n%s\r\n", m->link);
	if (!r)
		r = add_base64_body(b, part.p, part.len);
	if (!r)
		r = dynbuf_addf(b, "--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
				   "Content-Transfer-Encoding: base64\r\n\r\n",
				boundary);
	dynbuf_reset(&part);
	if (!r)
		r = ADD_LIT(&part, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
	if (!r)
		r = add_html(&part, m->subject);
	if (!r)
		r = ADD_LIT(&part, "</title></head><body>\n<h3>");
	if (!r)
		r = add_html(&part, m->subject);
	if (!r)
		r = ADD_LIT(&part, "</h3>\n<p>");
	if (!r)
		r = add_html(&part, m->body);
	if (!r)
		r = ADD_LIT(&part, "</p>\n");
	if (!r && m->link) {
		r = ADD_LIT(&part, "<p><a href=\"");
		if (!r)
			r = add_html(&part, m->link);
		if (!r)
			r = ADD_LIT(&part, "\">");
		if (!r)
			r = add_html(&part, m->link);
		if (!r)
			r = ADD_LIT(&part, "</a></p>\n");
	}
	if (!r)
		r = ADD_LIT(&part, "</body></html>\n");
	if (!r)
		r = add_base64_body(b, part.p, part.len);
	if (!r)
		r = dynbuf_addf(b, "--%s--\r\n", boundary);
	dynbuf_free(&part);
	return r;
}

/* ---- sending ---- */

struct reader {
	const char *p;
	size_t n, at;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	struct reader *r = arg;
	size_t k = size * nitems;

	if (k > r->n - r->at)
		k = r->n - r->at;
	memcpy(buf, r->p + r->at, k);
	r->at += k;
	return k;
}

enum cd_err notify_mail_send(const struct notify_chan *ch, const char *address,
			     const struct notify_msg *m, cd_time now, char *err, size_t n)
{
	struct dynbuf b;
	struct reader rd;
	struct curl_slist *rcpt = NULL;
	char from[300], to[300], msgid[96], nonce[17];
	unsigned char rnd[8];
	CURL *h;
	CURLcode cc;
	long code = 0;
	enum cd_err rc = CD_OK;

	if (!ch->from || !strchr(ch->from, '@')) {
		snprintf(err, n, "the channel has no sender address (from)");
		return CD_EIO;
	}
	if (!address || !strchr(address, '@') || strpbrk(address, "\r\n<>")) {
		snprintf(err, n, "no mail address to send to");
		return CD_EIO;
	}
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(nonce, sizeof nonce, rnd, sizeof rnd);
	snprintf(msgid, sizeof msgid, "%lld.%s@cyberduty", (long long)now, nonce);
	dynbuf_init(&b, MAIL_MAX);
	if (notify_mail_text(&b, ch->from, address, m, now, msgid)) {
		dynbuf_free(&b);
		snprintf(err, n, "the message is too large or memory ran out");
		return CD_EIO;
	}
	notify_curl_init();
	if (!(h = curl_easy_init())) {
		dynbuf_free(&b);
		snprintf(err, n, "libcurl could not start");
		return CD_EIO;
	}
	snprintf(from, sizeof from, "<%s>", ch->from);
	snprintf(to, sizeof to, "<%s>", address);
	rcpt = curl_slist_append(NULL, to);
	rd = (struct reader){.p = b.p, .n = b.len};
	curl_easy_setopt(h, CURLOPT_URL, ch->target);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	/* smtp://: STARTTLS required unless the administrator said "none" (a relay on loopback) */
	if (!strncmp(ch->target, "smtps://", 8) || !ch->tls || strcmp(ch->tls, "none"))
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (ch->ca_file)
		curl_easy_setopt(h, CURLOPT_CAINFO, ch->ca_file);
	if (ch->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, ch->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, ch->secret ? ch->secret : "");
	}
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &rd);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L); /* a stop of serve waits for a send in flight */
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK) {
		snprintf(err, n, "SMTP: %s (reply %ld)", curl_easy_strerror(cc), code);
		rc = CD_EIO;
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	dynbuf_free(&b);
	return rc;
}
