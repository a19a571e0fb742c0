/* say.h — printing for people through the message catalogue (core/lang.h): a file that writes
 * text a person reads includes this after <stdio.h>, and its printf, fprintf, puts and fputs
 * print the format in the thread's language. The message is written once, as its English
 * format; scripts/messages.mjs finds these calls in every file that includes say.h. */
#ifndef CD_SAY_H
#define CD_SAY_H

#include <stdio.h>

/* say_printf … print fmt (or s) translated by lang_tr; the return of the stdio function. */
int say_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int say_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int say_puts(const char *s);
int say_fputs(const char *s, FILE *f);

#undef printf
#undef fprintf
#undef puts
#undef fputs
#define printf(...)  say_printf(__VA_ARGS__)
#define fprintf(...) say_fprintf(__VA_ARGS__)
#define puts(s)      say_puts(s)
#define fputs(s, f)  say_fputs(s, f)

#endif
