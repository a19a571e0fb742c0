/* doc.c — the document model (doc.h): the head, the numbering of headings, the texts of the
 * format (document numbers, dates) and the dispatch to a renderer. */
#include "doc/doc_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct doc_face_map doc_faces[FACE__MAX] = {
	[FACE_FANG] = {"仿宋_GB2312", "仿宋", "FandolFang", "texlive-lang-chinese"},
	[FACE_KAI] = {"楷体_GB2312", "楷体", "FandolKai", "texlive-lang-chinese"},
	[FACE_HEI] = {"黑体", "黑体", "Noto Sans CJK SC", "fonts-noto-cjk"},
	[FACE_TITLE] = {"方正小标宋简体", "方正小标宋简体", "Noto Serif CJK SC Bold",
			"fonts-noto-cjk"},
	[FACE_SONG] = {"宋体", "宋体", "Noto Serif CJK SC", "fonts-noto-cjk"},
};

const char *doc_fonts_note(void)
{
	static char note[512];

	if (!note[0]) {
		size_t k = 0;

		for (int i = 0; i < FACE__MAX && k < sizeof note; i++)
			k += (size_t)snprintf(note + k, sizeof note - k, "%s%s→%s (%s)",
					      i ? "; " : "", doc_faces[i].official,
					      doc_faces[i].pdf, doc_faces[i].package);
	}
	return note;
}

int doc_format_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "pdf"))
		return DOC_PDF;
	if (!strcmp(s, "docx"))
		return DOC_DOCX;
	return -1;
}

const char *doc_format_ext(enum doc_format f)
{
	return f == DOC_DOCX ? "docx" : "pdf";
}

const char *doc_format_mime(enum doc_format f)
{
	return f == DOC_DOCX
		       ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		       : "application/pdf";
}

void doc_fail(struct doc *x, enum cd_err err, const char *fmt, ...)
{
	va_list ap;

	if (x->err)
		return;
	x->err = err;
	va_start(ap, fmt);
	vsnprintf(x->d.msg, sizeof x->d.msg, lang_tr(fmt), ap); /* in the reader's language */
	va_end(ap);
}

static char *dup0(const char *s, bool *bad)
{
	char *c;

	if (!s)
		return NULL;
	if (!(c = strdup(s)))
		*bad = true;
	return c;
}

static void head_free(struct doc *x)
{
	free(x->h.title);
	free(x->h.mark);
	free(x->h.docno);
	free(x->h.addressee);
	free(x->h.signer);
	free(x->h.subject);
	free(x->h.author);
	free(x->h.plain_title);
}

/* width of s[0..n) in characters: a CJK character 1, an ASCII one ½ */
static double width_of(const char *s, size_t n)
{
	double w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		w += c < 0x80 ? 0.5 : (c & 0xC0) != 0x80 ? 1 : 0;
	}
	return w;
}

/* may_break: a line may begin at s[i] — not inside a run of ASCII letters and digits, not before
 * closing punctuation */
static bool may_break(const char *s, size_t i)
{
	static const char *const closing[] = {"，", "。", "、", "；", "：", "）", "》", "”", "〕"};
	unsigned char c = (unsigned char)s[i], b = i ? (unsigned char)s[i - 1] : 0;

	if (!i || !c || (c & 0xC0) == 0x80 || (c < 0x80 && b < 0x80))
		return false;
	for (size_t k = 0; k < sizeof closing / sizeof *closing; k++)
		if (!strncmp(s + i, closing[k], strlen(closing[k])))
			return false;
	return true;
}

/* balance: the title broken into lines of even length, as GB/T 9704-2012 §7.3.1 sets a title that
 * runs onto more lines (梯形 or 菱形, words kept whole, not a full line and a stub): when it is
 * wider than a line of 2号 characters, a '\n' where a line may begin — on two lines after "关于"
 * or before it when both halves fit, else after each even share. A new string, or NULL when out
 * of memory. */
static char *balance(const char *t)
{
	double per_line = DOC_BLOCK_W / DOC_PT_TITLE, w = width_of(t, strlen(t)), share;
	size_t n = strlen(t), k = 0, cut = 0;
	int lines = (int)(w / per_line) + (w > per_line * (int)(w / per_line));
	char *out = malloc(2 * n + 1);

	if (!out)
		return NULL;
	/* two lines: at a word the titles of this office turn on, the most even such place */
	for (size_t i = 1; lines == 2 && i < n; i++) {
		static const char *const before[] = {"关于", "网络安全", "问题", "工作"};
		static const char *const after[] = {"关于", "的"};
		bool word = false;
		double head = width_of(t, i);

		for (size_t k2 = 0; k2 < sizeof before / sizeof *before; k2++)
			word |= !strncmp(t + i, before[k2], strlen(before[k2]));
		for (size_t k2 = 0; k2 < sizeof after / sizeof *after; k2++)
			word |= i >= strlen(after[k2]) &&
				!strncmp(t + i - strlen(after[k2]), after[k2], strlen(after[k2]));
		if (word && may_break(t, i) && head <= per_line && w - head <= per_line &&
		    (!cut || fabs(w / 2 - head) < fabs(w / 2 - width_of(t, cut))))
			cut = i;
	}
	share = lines > 1 ? w / lines : w + 1;
	for (size_t i = 0, left = lines > 1 ? (size_t)lines - 1 : 0; i < n; i++) {
		bool brk = cut ? i == cut
			       : left && may_break(t, i) && width_of(t, i) >= share - 0.25;

		if (brk) {
			out[k++] = '\n';
			if (!cut) {
				share += w / lines;
				left--;
			}
		}
		out[k++] = t[i];
	}
	out[k] = '\0';
	return out;
}

enum cd_err doc_open(struct doc **out, enum doc_format f, const char *path,
		     const struct doc_head *h, struct cd_diag *d)
{
	struct doc *x;
	const char *why = NULL;
	bool bad = false;

	*out = NULL;
	if (!h->title || !*h->title)
		return cd_diag_set(d, CD_EINVAL, "a document needs a title");
	if (h->docno && !doc_docno_check(h->docno, &why))
		return cd_diag_set(d, CD_EINVAL, "docno: %s", why);
	if ((unsigned)f >= DOC__MAX)
		return cd_diag_set(d, CD_EINVAL, "format: give pdf or docx");
	if (!(x = calloc(1, sizeof *x)))
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	x->format = f;
	x->path = dup0(path, &bad);
	if (!(x->h.title = balance(h->title)))
		bad = true;
	x->h.plain_title = dup0(h->title, &bad);
	x->h.mark = dup0(h->mark, &bad);
	x->h.docno = dup0(h->docno, &bad);
	x->h.addressee = dup0(h->addressee, &bad);
	x->h.signer = h->signer && *h->signer ? dup0(h->signer, &bad) : NULL;
	x->h.subject = dup0(h->subject, &bad);
	x->h.author = dup0(h->author, &bad);
	if (bad || !x->path) {
		head_free(x);
		free(x->path);
		free(x);
		return cd_diag_set(d, CD_ENOMEM, "out of memory");
	}
	if (f == DOC_PDF)
		doc_pdf_start(x);
	else
		doc_docx_start(x);
	if (x->err) {
		enum cd_err rc = x->err;

		if (d)
			*d = x->d;
		doc_abandon(x);
		return rc;
	}
	*out = x;
	return CD_OK;
}

static bool ready(struct doc *x, bool table)
{
	if (x->err)
		return false;
	if (x->in_table != table) {
		doc_fail(x, CD_EINVAL, table ? "a table row outside a table"
					     : "a block written inside a table");
		return false;
	}
	return true;
}

void doc_heading(struct doc *x, int level, const char *text)
{
	char num[32], *t;
	size_t n;

	if (!ready(x, false))
		return;
	if (level < 1 || level > 4) {
		doc_fail(x, CD_EINVAL, "heading level %d (give 1 to 4)", level);
		return;
	}
	x->count[level - 1]++;
	for (int k = level; k < 4; k++)
		x->count[k] = 0;
	doc_heading_number(level, x->count[level - 1], num, sizeof num);
	n = strlen(num) + strlen(text) + 1;
	if (!(t = malloc(n))) {
		doc_fail(x, CD_ENOMEM, "out of memory");
		return;
	}
	snprintf(t, n, "%s%s", num, text);
	x->ops->heading(x, level, t);
	free(t);
}

void doc_para(struct doc *x, const char *text)
{
	if (ready(x, false))
		x->ops->para(x, text ? text : "");
}

void doc_printf(struct doc *x, const char *fmt, ...)
{
	char buf[DOC_PARA_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	doc_para(x, buf);
}

void doc_table_begin(struct doc *x, const char *caption, const struct doc_col *cols, size_t ncols,
		     bool small)
{
	if (!ready(x, false))
		return;
	if (!ncols || ncols > DOC_COLS_MAX) {
		doc_fail(x, CD_EINVAL, "a table of %zu columns (give 1 to %d)", ncols,
			 DOC_COLS_MAX);
		return;
	}
	x->in_table = true;
	x->ncols = ncols;
	x->ops->table_begin(x, caption, cols, ncols, small);
}

void doc_table_row(struct doc *x, const char *const *cells)
{
	if (ready(x, true))
		x->ops->table_row(x, cells);
}

void doc_table_end(struct doc *x)
{
	if (!ready(x, true))
		return;
	x->in_table = false;
	x->ops->table_end(x);
}

void doc_chart(struct doc *x, const char *caption, const char *unit, const char *const *labels,
	       const double *values, size_t n)
{
	if (!ready(x, false))
		return;
	if (!n || n > DOC_BARS_MAX) {
		doc_fail(x, CD_EINVAL, "a chart of %zu bars (give 1 to %d)", n, DOC_BARS_MAX);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (!(values[i] >= 0)) {
			doc_fail(x, CD_EINVAL, "a chart's bar %zu is negative", i + 1);
			return;
		}
	x->ops->chart(x, caption, unit, labels, values, n);
}

void doc_sign(struct doc *x, const char *signer, cd_date on)
{
	char date[32];

	if (ready(x, false))
		x->ops->sign(x, signer, doc_date_cn(on, date, sizeof date));
}

enum cd_err doc_close(struct doc *x, struct cd_diag *d)
{
	enum cd_err rc;

	if (!x)
		return CD_OK;
	if (!x->err && x->in_table)
		doc_fail(x, CD_EINVAL, "a table was not ended");
	if (!x->err)
		x->ops->finish(x);
	rc = x->err;
	if (rc && d)
		*d = x->d;
	doc_abandon(x);
	return rc;
}

void doc_abandon(struct doc *x)
{
	if (!x)
		return;
	if (x->ops)
		x->ops->release(x);
	head_free(x);
	free(x->path);
	free(x);
}

/* --- the texts of the format ------------------------------------------------------------------ */

bool doc_docno_check(const char *s, const char **why)
{
	static const char open[] = "〔", close[] = "〕", hao[] = "号";
	const char *p = strstr(s, open), *q;
	int digits = 0;

	*why = NULL;
	if (!p) {
		*why = "write the year in 六角括号 〔〕, as 〔2026〕7号";
		return false;
	}
	for (const char *a = s; a < p; a++)
		if (*a == ' ' || *a == '\t') {
			*why = "no spaces in a document number";
			return false;
		}
	p += sizeof open - 1;
	for (q = p; *q >= '0' && *q <= '9'; q++)
		digits++;
	if (digits != 4 || strncmp(q, close, sizeof close - 1)) {
		*why = "write the year in full inside 〔〕, as 〔2026〕7号";
		return false;
	}
	p = q + sizeof close - 1;
	if (!strncmp(p, "第", 3)) {
		*why = "no 第 before the serial number: 〔2026〕7号";
		return false;
	}
	if (*p == '0') {
		*why = "no leading zeros in the serial number (〔2026〕7号, not 〔2026〕007号)";
		return false;
	}
	for (q = p, digits = 0; *q >= '0' && *q <= '9'; q++)
		digits++;
	if (!digits || digits > 6 || strcmp(q, hao)) {
		*why = "end with the serial number and 号, as 〔2026〕7号";
		return false;
	}
	return true;
}

char *doc_date_cn(cd_date day, char *buf, size_t n)
{
	int y, m, dd;

	date_to_ymd(day, &y, &m, &dd);
	snprintf(buf, n, "%d年%d月%d日", y, m, dd);
	return buf;
}

static void cn_number(int k, char *buf, size_t n)
{
	static const char *const dig[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

	if (k < 1 || k > 99)
		snprintf(buf, n, "%d", k);
	else if (k < 10)
		snprintf(buf, n, "%s", dig[k]);
	else if (k < 20)
		snprintf(buf, n, "十%s", k % 10 ? dig[k % 10] : "");
	else
		snprintf(buf, n, "%s十%s", dig[k / 10], k % 10 ? dig[k % 10] : "");
}

char *doc_heading_number(int level, int k, char *buf, size_t n)
{
	char cn[16];

	cn_number(k, cn, sizeof cn);
	switch (level) {
	case 1:
		snprintf(buf, n, "%s、", cn);
		break;
	case 2:
		snprintf(buf, n, "（%s）", cn);
		break;
	case 3:
		snprintf(buf, n, "%d.", k);
		break;
	default:
		snprintf(buf, n, "（%d）", k);
		break;
	}
	return buf;
}
