/* lang.h — the language a person reads: Chinese by default, English when asked. Every message
 * is written in the code as an English printf format; the one catalogue (src/i18n/messages.def)
 * gives its Chinese, looked up here for the calling thread's language. docs/i18n.md. */
#ifndef CD_LANG_H
#define CD_LANG_H

#include <stddef.h>

enum lang {
	LANG_ZH, /* the default: 简体中文 */
	LANG_EN,
	LANG__MAX
};

/* lang_set sets the language of the calling thread (the API sets it per request, the command
 * line per process); lang_get reads it. A thread that never set one reads Chinese. */
void lang_set(enum lang l);
enum lang lang_get(void);

/* lang_tr returns the format `en` in the calling thread's language: the catalogue's Chinese for
 * it, or `en` itself when the language is English or the catalogue has no entry (never NULL
 * for a non-NULL en). The Chinese has the same conversions in the same order (or positional
 * %1$s forms), so it takes the same arguments. */
const char *lang_tr(const char *en) __attribute__((format_arg(1)));

/* lang_pick returns en or zh, whichever is the calling thread's language: for a label whose
 * English is its code (an enumeration's) and whose Chinese its table's label. */
const char *lang_pick(const char *en, const char *zh);

/* lang_width gives the columns a terminal shows the UTF-8 text s in: East Asian wide
 * characters (CJK, full-width forms) take two, others one. */
int lang_width(const char *s);

/* lang_zh returns the catalogue's Chinese for `en`, or NULL when it has none. */
const char *lang_zh(const char *en) __attribute__((format_arg(1)));

/* lang_code gives "zh" or "en"; lang_parse reads "zh", "en" or a tag starting with either
 * ("zh-CN", "en_GB.UTF-8", any case) and returns the language, or -1. */
const char *lang_code(enum lang l);
int lang_parse(const char *s);

/* lang_of_locale reads a locale variable's value (LANG, LC_ALL …): one starting with "en" is
 * English; anything else — C, POSIX, empty or NULL included — Chinese. */
enum lang lang_of_locale(const char *v);

/* lang_of_accept reads an Accept-Language header: the zh or en range of the highest quality
 * (the first of equal ones); Chinese when the header is NULL, empty or names neither. */
enum lang lang_of_accept(const char *header);

/* lang_count and lang_entry walk the catalogue (for its tests): entry i's English format and its
 * Chinese. */
size_t lang_count(void);
void lang_entry(size_t i, const char **en, const char **zh);

#endif
