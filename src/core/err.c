/* err.c — error names and diagnostic formatting. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const names[CD__MAX] = {
	[CD_OK] = "ok",
	[CD_ENOMEM] = "out of memory",
	[CD_EINVAL] = "invalid input",
	[CD_ENOTFOUND] = "not found",
	[CD_ECONFLICT] = "conflict",
	[CD_EIO] = "input/output error",
	[CD_ESTORE] = "database error",
	[CD_EVERSION] = "database is newer than this program",
};

const char *cd_strerror(enum cd_err err)
{
	if ((int)err < 0 || err >= CD__MAX)
		return lang_tr("unknown error");
	return lang_tr(names[err]);
}

enum cd_err cd_diag_set(struct cd_diag *d, enum cd_err err, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return err;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), lang_tr(fmt), ap);
	va_end(ap);
	return err;
}

void cd_diag_prefix(struct cd_diag *d, const char *prefix)
{
	size_t plen, mlen;

	if (!d)
		return;
	prefix = lang_tr(prefix);
	plen = strlen(prefix);
	if (plen + 2 >= sizeof(d->msg))
		return;
	mlen = strnlen(d->msg, sizeof(d->msg) - 1);
	if (plen + 2 + mlen >= sizeof(d->msg))
		mlen = sizeof(d->msg) - plen - 3;
	memmove(d->msg + plen + 2, d->msg, mlen);
	memcpy(d->msg, prefix, plen);
	d->msg[plen] = ':';
	d->msg[plen + 1] = ' ';
	d->msg[plen + 2 + mlen] = '\0';
}
