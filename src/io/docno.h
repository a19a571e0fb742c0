/* docno.h — the codes people type for what they number themselves: a notice's document number
 * (文号, e.g. "内网信通〔2026〕77号"), an incident's, a project's. Kept one way so that the same
 * number is the same code whoever typed it: Unicode NFC (composed; full-width and half-width
 * characters are not folded into each other, so 〔〕, 【】, ［］ and [] stay what they are), the
 * white space around it (ASCII and the full-width U+3000) trimmed. */
#ifndef CD_DOCNO_H
#define CD_DOCNO_H

#include "core/arena.h"

#define DOCNO_MAX 128 /* characters, as the database's CHECK (length(code) <= 128) counts them */

/* docno_normalise returns the code `in` as kept, in arena a, or NULL with *why saying what to
 * fix (Chinese first): not UTF-8, empty, longer than DOCNO_MAX characters, a control character,
 * or '/' or '\' (a code is a segment of a URL path). */
const char *docno_normalise(struct arena *a, const char *in, const char **why);

#endif
