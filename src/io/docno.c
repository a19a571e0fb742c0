/* docno.c — document numbers and other typed codes, kept one way (see docno.h). */
#include "io/docno.h"

#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

/* white space people leave around a number: ASCII blanks and the ideographic space U+3000 */
static size_t space_at(const uint8_t *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

const char *docno_normalise(struct arena *a, const char *in, const char **why)
{
	const uint8_t *s = (const uint8_t *)in;
	size_t n = in ? strlen(in) : 0, len = 0, k;
	uint8_t *nfc;
	const char *out = NULL;

	*why = NULL;
	if (!in || u8_check(s, n)) {
		*why = "不是有效的 UTF-8 文本 — not UTF-8 text";
		return NULL;
	}
	while (n && (k = space_at(s, n))) {
		s += k;
		n -= k;
	}
	for (;;) { /* and at the end */
		if (n >= 1 && space_at(s + n - 1, 1))
			n--;
		else if (n >= 3 && space_at(s + n - 3, 3) == 3)
			n -= 3;
		else
			break;
	}
	if (!n) {
		*why = "编号不能为空 — give the number";
		return NULL;
	}
	if (!(nfc = u8_normalize(UNINORM_NFC, s, n, NULL, &len))) {
		*why = "无法规范化该编号 — the number could not be normalised";
		return NULL;
	}
	if (u8_mbsnlen(nfc, len) > DOCNO_MAX)
		*why = "编号过长（最多 128 个字符） — at most 128 characters";
	for (const uint8_t *p = nfc; !*why && p < nfc + len;) {
		ucs4_t c;
		int m = u8_mbtouc(&c, p, (size_t)(nfc + len - p));

		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			*why = "编号中不能有控制字符或换行 — no control characters or line breaks";
		else if (c == '/' || c == '\\')
			*why = "编号中不能有斜杠 / 或 \\ — no '/' or '\\'";
		p += m;
	}
	if (!*why && !(out = arena_strndup(a, (const char *)nfc, len)))
		*why = "内存不足 — out of memory";
	free(nfc);
	return out;
}
