/* sniff.c — file types by their bytes with libmagic (see sniff.h). One handle for the process,
 * opened on first use and used under a mutex: a libmagic handle is not safe in two threads at
 * once, and loading its database for each upload would cost more than the upload's check. */
#include "sniff.h"

#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t cookie;

/* ofd: a ZIP whose first local header names OFD.xml (the way libmagic itself tells OOXML by its
 * first member [Content_Types].xml). */
static int ofd(const unsigned char *b, size_t len)
{
	static const char name[] = "OFD.xml";
	size_t n;

	if (len < 30 + sizeof name - 1 || memcmp(b, "PK\x03\x04", 4))
		return 0;
	n = (size_t)b[26] | (size_t)b[27] << 8;
	return n == sizeof name - 1 && !memcmp(b + 30, name, n);
}

/* markup: text that opens with a tag and holds one a browser would render as a page (libmagic
 * calls short HTML "text/plain": "<html><script>…</script></html>" is). */
static int markup(const unsigned char *b, size_t len)
{
	static const char *const tags[] = {"<html", "<script", "<svg", "<!doctype html", "<iframe",
					   "<body", "<head", "<object", "<embed", "<?xml"};
	size_t i = 0, n = len < 4096 ? len : 4096;

	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		i = 3; /* a UTF-8 byte order mark */
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i == n || b[i] != '<')
		return 0;
	for (; i < n; i++) {
		if (b[i] != '<')
			continue;
		for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
			size_t tl = strlen(tags[t]);

			if (n - i >= tl && !strncasecmp((const char *)b + i, tags[t], tl))
				return 1;
		}
	}
	return 0;
}

enum cd_err sniff_type(const void *buf, size_t len, char type[SNIFF_TYPE_MAX], struct cd_diag *d)
{
	enum cd_err rc = CD_OK;
	const char *t;

	type[0] = '\0';
	pthread_mutex_lock(&lock);
	if (!cookie) {
		/* no decompression, no following of anything: the bytes as given */
		cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
		if (cookie && magic_load(cookie, NULL)) {
			rc = cd_diag_set(d, CD_EIO, "libmagic: %s", magic_error(cookie));
			magic_close(cookie);
			cookie = NULL;
		} else if (!cookie) {
			rc = cd_diag_set(d, CD_EIO, "libmagic cannot be opened");
		}
	}
	if (!rc) {
		t = magic_buffer(cookie, buf, len);
		if (!t)
			rc = cd_diag_set(d, CD_EIO, "libmagic: %s",
					 magic_error(cookie) ? magic_error(cookie) : "no answer");
		else
			snprintf(type, SNIFF_TYPE_MAX, "%s", t);
	}
	pthread_mutex_unlock(&lock);
	if (!rc && !strcmp(type, "application/zip") && ofd(buf, len))
		snprintf(type, SNIFF_TYPE_MAX, "application/ofd");
	if (!rc && !strncmp(type, "text/", 5) && markup(buf, len))
		snprintf(type, SNIFF_TYPE_MAX, "text/html");
	return rc;
}
