/* say.c — the stdio functions of say.h, each printing its format in the thread's language. */
#include <stdarg.h>
#include <stdio.h>

#include "core/lang.h"

#include "say.h" /* last: its macros would rename the calls below */
#undef printf
#undef fprintf
#undef puts
#undef fputs

int say_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(lang_tr(fmt), ap);
	va_end(ap);
	return n;
}

int say_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, lang_tr(fmt), ap);
	va_end(ap);
	return n;
}

int say_puts(const char *s)
{
	return puts(lang_tr(s));
}

int say_fputs(const char *s, FILE *f)
{
	return fputs(lang_tr(s), f);
}
