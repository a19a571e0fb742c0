/* jw.h — a streaming JSON writer into the one capped buffer (dynbuf.h): the hot encoders (a
 * notice, an incident's line, an obligation, a record, a page of them) write their answer
 * straight into bytes instead of building a jansson tree value by value and dumping it.
 *
 * The bytes are those jansson's json_dumps(v, JSON_COMPACT) writes for the same values in the
 * same order: no spaces; a string's UTF-8 kept as it is, `"` and `\` escaped with a backslash,
 * the control characters below U+0020 as \b \f \n \r \t or \u00XX (upper-case hex), `/` not
 * escaped; integers in decimal. tests/unit/test_jw.c holds the two side by side. A text that is
 * not valid UTF-8 (which json_string refuses; a CSV import keeps what it was given) is written
 * with each byte that does not begin a valid sequence as U+FFFD, so the answer is always valid
 * JSON. This is the one JSON text writer: the API's answers, the domain encoders (the
 * io/..._json.c files, io/jwtree.c) and the register's asset pages all write through it.
 *
 * Labels: a writer may be given a labeller (the API's, api/labels.c): every string member of an
 * object it knows ("state": "overdue") then gains, after the object's last member, its label
 * ("state_label": "已逾期") — what api_labels adds to a tree, in the same place.
 *
 * Errors are sticky: after a failed add (out of memory, the buffer's cap, a member without a key
 * or an element with one, nesting past JW_DEPTH) nothing more is written and jw_done answers
 * false. Pure: no I/O. */
#ifndef CD_JW_H
#define CD_JW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/dynbuf.h"

#define JW_DEPTH  16 /* objects and arrays open at once */
#define JW_LABELS 8  /* labels an object gains at most (as api_labels) */

/* jw_label_fn: the label of string member key:value (NULL: none); an English label may be
 * written into buf (n bytes) and buf returned. */
typedef const char *(*jw_label_fn)(const char *key, const char *value, char *buf, size_t n);

/* a label waiting for its object's end */
struct jw_label {
	char name[48], buf[48];
	const char *text;
};

struct jw {
	struct dynbuf *b;
	bool failed;
	int depth; /* 0: nothing open */
	jw_label_fn label;
	struct {
		bool object, more; /* an object (else an array); a member written already */
		size_t nlabels;
		struct jw_label labels[JW_LABELS];
	} open[JW_DEPTH];
};

/* jw_init starts a writer appending to b (its content so far is kept); label may be NULL. */
void jw_init(struct jw *w, struct dynbuf *b, jw_label_fn label);

/* Each value is written as the member `key` of the object open, or with key NULL as the next
 * element of the innermost array (or as the whole text at the top). */
void jw_obj(struct jw *w, const char *key); /* opens an object */
void jw_arr(struct jw *w, const char *key); /* opens an array */
void jw_end(struct jw *w);                  /* closes the innermost (its labels first) */
void jw_str(struct jw *w, const char *key, const char *s); /* NULL: null */
void jw_int(struct jw *w, const char *key, int64_t v);
/* jw_real: a finite number as jansson writes a real: 17 significant digits (%.17g), ".0" when
 * that has neither a point nor an exponent, the exponent without "+" or leading zeros (1e20,
 * 9.9999999999999995e-8); a NaN or an infinity, which JSON has not, fails the writer. */
void jw_real(struct jw *w, const char *key, double v);
void jw_bool(struct jw *w, const char *key, bool v);
void jw_null(struct jw *w, const char *key);
void jw_date(struct jw *w, const char *key, cd_date d); /* CD_DATE_NONE: null */
void jw_time(struct jw *w, const char *key, cd_time t); /* CD_TIME_NONE: null */

/* jw_raw writes text (already JSON, n bytes) as one value. */
void jw_raw(struct jw *w, const char *key, const char *text, size_t n);

/* jw_utf8_len: the length of the UTF-8 sequence at s (n bytes at most; 1 for ASCII), 0 when it
 * is not a valid one — the rule of RFC 3629 that jansson's utf8_check applies: no overlong
 * form, no surrogate, nothing past U+10FFFF. */
size_t jw_utf8_len(const unsigned char *s, size_t n);

/* jw_utf8_clean turns each byte of the NUL-terminated s that does not begin a valid UTF-8
 * sequence into '?', in place (the length stays): a message in a fixed buffer that quotes what a
 * client sent, made valid UTF-8 before it goes into JSON. */
void jw_utf8_clean(char *s);

/* jw_done: everything opened was closed and no add failed. */
bool jw_done(const struct jw *w);

#endif
