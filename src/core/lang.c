/* lang.c — the calling thread's language and the catalogue's lookup: an open-addressing hash
 * of the English formats of src/i18n/messages.def, built once on first use. */
#include "lang.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <threads.h>

struct entry {
	const char *en, *zh;
};

static const struct entry catalogue[] = {
#define M(en, zh) {en, zh},
#include "i18n/messages.def"
#undef M
};

#define NCAT (sizeof catalogue / sizeof catalogue[0])
#define NSLOT 8192 /* a power of two, at least twice the catalogue: see lang_count's test */

static uint16_t slots[NSLOT]; /* catalogue index + 1; 0 empty */
static once_flag built = ONCE_FLAG_INIT;
static _Thread_local enum lang current = LANG_ZH;

_Static_assert(NCAT * 2 <= NSLOT, "the catalogue outgrew its hash: double NSLOT");

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void build(void)
{
	for (size_t i = 0; i < NCAT; i++) {
		uint32_t k = hash(catalogue[i].en) & (NSLOT - 1);

		while (slots[k] && strcmp(catalogue[slots[k] - 1].en, catalogue[i].en))
			k = (k + 1) & (NSLOT - 1);
		if (!slots[k]) /* a repeated key keeps its first entry; the catalogue test refuses it */
			slots[k] = (uint16_t)(i + 1);
	}
}

const char *lang_zh(const char *en)
{
	uint32_t k;

	if (!en)
		return NULL;
	call_once(&built, build);
	for (k = hash(en) & (NSLOT - 1); slots[k]; k = (k + 1) & (NSLOT - 1))
		if (!strcmp(catalogue[slots[k] - 1].en, en))
			return catalogue[slots[k] - 1].zh;
	return NULL;
}

const char *lang_tr(const char *en)
{
	const char *zh;

	if (current == LANG_EN || !(zh = lang_zh(en)))
		return en;
	return zh;
}

const char *lang_pick(const char *en, const char *zh)
{
	return current == LANG_EN || !zh ? en : zh;
}

int lang_width(const char *s)
{
	int w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		uint32_t c;

		if ((*p & 0xC0) == 0x80)
			continue; /* a continuation byte: counted with its lead */
		if (*p < 0x80) {
			w++;
			continue;
		}
		c = *p >= 0xF0 ? 0x10000u : *p >= 0xE0 ? (uint32_t)(*p & 0x0F) << 12 : 0x80u;
		if (*p >= 0xE0 && *p < 0xF0 && (p[1] & 0xC0) == 0x80)
			c |= (uint32_t)(p[1] & 0x3F) << 6;
		/* the wide ranges of UAX #11 that Chinese text uses: CJK radicals to Hangul,
		 * compatibility ideographs, vertical and full-width forms, the supplementary
		 * ideographic planes */
		w += (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
				     (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
				     (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
				     c >= 0x10000
			     ? 2
			     : 1;
	}
	return w;
}

void lang_set(enum lang l)
{
	current = l == LANG_EN ? LANG_EN : LANG_ZH;
}

enum lang lang_get(void)
{
	return current;
}

const char *lang_code(enum lang l)
{
	return l == LANG_EN ? "en" : "zh";
}

/* prefix_of: s starts with the two letters p (any case) followed by its end, '-', '_' or '.' */
static bool prefix_of(const char *s, size_t len, const char *p)
{
	if (len < 2 || (s[0] | 0x20) != p[0] || (s[1] | 0x20) != p[1])
		return false;
	return len == 2 || s[2] == '-' || s[2] == '_' || s[2] == '.';
}

int lang_parse(const char *s)
{
	if (!s)
		return -1;
	if (prefix_of(s, strlen(s), "zh"))
		return LANG_ZH;
	if (prefix_of(s, strlen(s), "en"))
		return LANG_EN;
	return -1;
}

enum lang lang_of_locale(const char *v)
{
	return v && (v[0] | 0x20) == 'e' && (v[1] | 0x20) == 'n' ? LANG_EN : LANG_ZH;
}

/* quality reads the q of one range's parameters ("q=0.8"), 1000ths; 1000 when none. */
static int quality(const char *p, const char *end)
{
	int q = 1000;

	for (; p < end; p++) {
		if (*p != 'q' && *p != 'Q')
			continue;
		if (p + 1 < end && p[1] == '=') {
			int scale = 1000;

			p += 2;
			q = 0;
			if (p < end && *p == '1')
				return 1000;
			for (p += p < end && *p == '0'; p < end && (*p == '.' || (*p >= '0' && *p <= '9'));
			     p++)
				if (*p != '.' && (scale /= 10) > 0)
					q += (*p - '0') * scale;
			return q;
		}
	}
	return q;
}

enum lang lang_of_accept(const char *header)
{
	enum lang best = LANG_ZH;
	int best_q = 0;

	for (const char *p = header; p && *p;) {
		const char *end = strchr(p, ','), *semi;
		size_t len;
		int k, q;

		if (!end)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		semi = memchr(p, ';', (size_t)(end - p));
		len = (size_t)((semi ? semi : end) - p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		k = prefix_of(p, len, "zh") ? LANG_ZH : prefix_of(p, len, "en") ? LANG_EN : -1;
		q = semi ? quality(semi, end) : 1000;
		if (k >= 0 && q > best_q) {
			best = (enum lang)k;
			best_q = q;
		}
		p = *end ? end + 1 : end;
	}
	return best;
}

size_t lang_count(void)
{
	return NCAT;
}

void lang_entry(size_t i, const char **en, const char **zh)
{
	*en = i < NCAT ? catalogue[i].en : NULL;
	*zh = i < NCAT ? catalogue[i].zh : NULL;
}
