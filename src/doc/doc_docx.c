/* doc_docx.c — the Word renderer of the document model (doc.h): an Office Open XML .docx made with
 * libzip, its body streamed through libxml2's xmlTextWriter into a scratch file (a table of
 * 100,000 rows is never held), with real Word styles — Title, Heading 1 … 4, Normal, Date,
 * Signature, Caption and the form's own — set as GB/T 9704-2012 asks (doc_int.h), so an office
 * edits the document in its own faces before signing. Page numbers are PAGE fields in an odd and
 * an even footer. */
#include "doc/doc_int.h"

#include <libxml/xmlwriter.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define W_NS   "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define WP_NS  "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define A_NS   "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC_NS "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define TWIPS(mm) ((int)((mm) * 1440.0 / 25.4 + 0.5))
#define EMU(mm)   ((long)((mm) * 36000.0))
#define IMAGES_MAX 16
#define CHART_W_MM 156.0
#define CHART_H_MM 75.0

struct png {
	unsigned char *data;
	size_t len, cap;
};

struct docx {
	char tmp[512];
	xmlTextWriterPtr w;
	int ncols;
	int colw[DOC_COLS_MAX]; /* twips */
	bool small;
	struct png img[IMAGES_MAX];
	size_t nimg;
	/* The last block is held back until the next one comes, so that Word keeps it with the
	 * signature and date (keepNext), which then never stand alone on a page: a paragraph's
	 * text, or a table's last row (the table left open until then). */
	char *para;
	char *last[DOC_COLS_MAX];
	bool has_last, closing;
	bool keep; /* para(): the paragraphs written keep with the next (w:keepNext) */
};

static struct docx *X(struct doc *x)
{
	return x->r;
}

static void chk(struct doc *x, int rc)
{
	if (rc < 0)
		doc_fail(x, CD_EIO, "%s: the document could not be written", x->path);
}

static void el(struct doc *x, const char *name)
{
	chk(x, xmlTextWriterStartElement(X(x)->w, (const xmlChar *)name));
}

static void end(struct doc *x)
{
	chk(x, xmlTextWriterEndElement(X(x)->w));
}

static void at(struct doc *x, const char *name, const char *v)
{
	chk(x, xmlTextWriterWriteAttribute(X(x)->w, (const xmlChar *)name, (const xmlChar *)v));
}

static void ati(struct doc *x, const char *name, long v)
{
	char b[32];

	snprintf(b, sizeof b, "%ld", v);
	at(x, name, b);
}

/* empty element with one w:val */
static void val(struct doc *x, const char *name, const char *v)
{
	el(x, name);
	at(x, "w:val", v);
	end(x);
}

/* a run of text */
static void run(struct doc *x, const char *t, const char *rpr_size)
{
	el(x, "w:r");
	if (rpr_size) {
		el(x, "w:rPr");
		val(x, "w:sz", rpr_size);
		val(x, "w:szCs", rpr_size);
		end(x);
	}
	/* a '\n' (a balanced title) is a line break */
	for (const char *p = t; p;) {
		const char *nl = strchr(p, '\n');
		char *piece = nl ? strndup(p, (size_t)(nl - p)) : NULL;

		if (nl && !piece) {
			doc_fail(x, CD_ENOMEM, "out of memory");
			break;
		}
		el(x, "w:t");
		at(x, "xml:space", "preserve");
		chk(x, xmlTextWriterWriteString(X(x)->w, (const xmlChar *)(piece ? piece : p)));
		end(x);
		free(piece);
		if (nl) {
			el(x, "w:br");
			end(x);
		}
		p = nl ? nl + 1 : NULL;
	}
	end(x);
}

/* a paragraph of style `style` (NULL: Normal), extra pPr written by `more` */
static void para(struct doc *x, const char *style, const char *t, const char *rsize,
		 void (*more)(struct doc *, const void *), const void *arg)
{
	el(x, "w:p");
	if (style || more || X(x)->keep) {
		el(x, "w:pPr");
		if (style)
			val(x, "w:pStyle", style);
		if (X(x)->keep) {
			el(x, "w:keepNext");
			end(x);
		}
		if (more)
			more(x, arg);
		end(x);
	}
	if (t && *t)
		run(x, t, rsize);
	end(x);
}

static void flush(struct doc *x);

static void docx_heading(struct doc *x, int level, const char *t)
{
	char style[16];

	flush(x);
	snprintf(style, sizeof style, "Heading%d", level);
	para(x, style, t, NULL, NULL, NULL);
}

static void docx_para(struct doc *x, const char *t)
{
	flush(x);
	if (!(X(x)->para = strdup(t)))
		doc_fail(x, CD_ENOMEM, "out of memory");
}

static void cell(struct doc *x, int w, const char *t, bool head)
{
	el(x, "w:tc");
	el(x, "w:tcPr");
	el(x, "w:tcW");
	ati(x, "w:w", w);
	at(x, "w:type", "dxa");
	end(x);
	val(x, "w:vAlign", "center");
	end(x);
	para(x, head ? "TableHead" : "TableText", t, X(x)->small ? "21" : NULL, NULL, NULL);
	end(x);
}

static void border(struct doc *x, const char *side)
{
	el(x, side);
	at(x, "w:val", "single");
	at(x, "w:sz", "4");
	at(x, "w:space", "0");
	at(x, "w:color", "000000");
	end(x);
}

static void docx_table_begin(struct doc *x, const char *caption, const struct doc_col *cols,
			     size_t ncols, bool small)
{
	struct docx *d = X(x);
	double sum = 0;
	int total = TWIPS(156.0);

	flush(x);
	if (caption)
		para(x, "Caption", caption, NULL, NULL, NULL);
	d->ncols = (int)ncols;
	d->small = small;
	for (size_t i = 0; i < ncols; i++)
		sum += cols[i].width > 0 ? cols[i].width : 1;
	for (size_t i = 0; i < ncols; i++)
		d->colw[i] = (int)(total * (cols[i].width > 0 ? cols[i].width : 1) / sum);
	el(x, "w:tbl");
	el(x, "w:tblPr");
	el(x, "w:tblW");
	ati(x, "w:w", total);
	at(x, "w:type", "dxa");
	end(x);
	val(x, "w:jc", "center");
	el(x, "w:tblBorders");
	border(x, "w:top");
	border(x, "w:left");
	border(x, "w:bottom");
	border(x, "w:right");
	border(x, "w:insideH");
	border(x, "w:insideV");
	end(x);
	el(x, "w:tblLayout");
	at(x, "w:type", "fixed");
	end(x);
	end(x);
	el(x, "w:tblGrid");
	for (size_t i = 0; i < ncols; i++) {
		el(x, "w:gridCol");
		ati(x, "w:w", d->colw[i]);
		end(x);
	}
	end(x);
	/* the head row, repeated on every page (tblHeader) */
	el(x, "w:tr");
	el(x, "w:trPr");
	el(x, "w:tblHeader");
	end(x);
	end(x);
	for (size_t i = 0; i < ncols; i++)
		cell(x, d->colw[i], cols[i].head ? cols[i].head : "", true);
	end(x);
}

static void row(struct doc *x, const char *const *cells)
{
	struct docx *d = X(x);

	el(x, "w:tr");
	el(x, "w:trPr");
	el(x, "w:cantSplit");
	end(x);
	end(x);
	for (int i = 0; i < d->ncols; i++)
		cell(x, d->colw[i], cells[i] ? cells[i] : "", false);
	end(x);
}

/* the row held back written, then this one held in its place */
static void docx_table_row(struct doc *x, const char *const *cells)
{
	struct docx *d = X(x);

	if (d->has_last)
		row(x, (const char *const *)d->last);
	for (int i = 0; i < d->ncols; i++) {
		free(d->last[i]);
		if (!(d->last[i] = strdup(cells[i] ? cells[i] : "")))
			doc_fail(x, CD_ENOMEM, "out of memory");
	}
	d->has_last = true;
}

static void docx_table_end(struct doc *x)
{
	X(x)->closing = true; /* closed after its last row, written with the next block */
}

/* flush writes the block held back: the paragraph, or the table's last row and its end (each
 * keeping with the next when d->keep is set) */
static void flush(struct doc *x)
{
	struct docx *d = X(x);

	if (d->para) {
		para(x, NULL, d->para, NULL, NULL, NULL);
		free(d->para);
		d->para = NULL;
	}
	if (d->has_last) {
		row(x, (const char *const *)d->last);
		d->has_last = false;
	}
	if (d->closing) {
		end(x);
		/* Word needs a paragraph between a table and what follows: half a line (the PDF's
		 * space after a table) */
		para(x, "TableAfter", NULL, NULL, NULL, NULL);
		d->closing = false;
	}
}

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct png *p = closure;

	if (p->len + n > p->cap) {
		size_t cap = (p->cap ? p->cap * 2 : 65536) + n;
		unsigned char *m = realloc(p->data, cap);

		if (!m)
			return CAIRO_STATUS_NO_MEMORY;
		p->data = m;
		p->cap = cap;
	}
	memcpy(p->data + p->len, data, n);
	p->len += n;
	return CAIRO_STATUS_SUCCESS;
}

static void docx_chart(struct doc *x, const char *caption, const char *unit,
		       const char *const *labels, const double *values, size_t n)
{
	struct docx *d = X(x);
	const double scale = 300.0 / 72.0; /* drawn at 300 dpi */

	flush(x);
	double w = DOC_MM(CHART_W_MM), h = DOC_MM(CHART_H_MM);
	cairo_surface_t *s;
	cairo_t *cr;
	struct png *p;
	char rid[16], name[32];

	if (d->nimg >= IMAGES_MAX) {
		doc_fail(x, CD_EINVAL, "more than %d charts in one document", IMAGES_MAX);
		return;
	}
	p = &d->img[d->nimg];
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * scale), (int)(h * scale));
	cr = cairo_create(s);
	cairo_scale(cr, scale, scale);
	doc_chart_draw(cr, w, h, unit, labels, values, n);
	cairo_destroy(cr);
	if (cairo_surface_write_to_png_stream(s, png_write, p) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		doc_fail(x, CD_ENOMEM, "out of memory (a chart)");
		return;
	}
	cairo_surface_destroy(s);
	d->nimg++;
	snprintf(rid, sizeof rid, "rIdImg%zu", d->nimg);
	snprintf(name, sizeof name, "chart%zu.png", d->nimg);
	el(x, "w:p");
	el(x, "w:pPr");
	val(x, "w:pStyle", "Figure");
	end(x);
	el(x, "w:r");
	el(x, "w:drawing");
	el(x, "wp:inline");
	el(x, "wp:extent");
	ati(x, "cx", EMU(CHART_W_MM));
	ati(x, "cy", EMU(CHART_H_MM));
	end(x);
	el(x, "wp:docPr");
	ati(x, "id", (long)d->nimg);
	at(x, "name", name);
	end(x);
	el(x, "a:graphic");
	el(x, "a:graphicData");
	at(x, "uri", PIC_NS);
	el(x, "pic:pic");
	el(x, "pic:nvPicPr");
	el(x, "pic:cNvPr");
	ati(x, "id", (long)d->nimg);
	at(x, "name", name);
	end(x);
	el(x, "pic:cNvPicPr");
	end(x);
	end(x);
	el(x, "pic:blipFill");
	el(x, "a:blip");
	at(x, "r:embed", rid);
	end(x);
	el(x, "a:stretch");
	el(x, "a:fillRect");
	end(x);
	end(x);
	end(x);
	el(x, "pic:spPr");
	el(x, "a:xfrm");
	el(x, "a:off");
	at(x, "x", "0");
	at(x, "y", "0");
	end(x);
	el(x, "a:ext");
	ati(x, "cx", EMU(CHART_W_MM));
	ati(x, "cy", EMU(CHART_H_MM));
	end(x);
	end(x);
	el(x, "a:prstGeom");
	at(x, "prst", "rect");
	el(x, "a:avLst");
	end(x);
	end(x);
	end(x);
	end(x); /* pic:pic */
	end(x);
	end(x);
	end(x); /* wp:inline */
	end(x);
	end(x);
	end(x); /* w:p */
	if (caption)
		para(x, "Caption", caption, NULL, NULL, NULL);
}

/* width of a text in characters of its size: a CJK character 1, an ASCII one ½ */
static double chars(const char *s)
{
	double n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			n += 0.5;
		else if ((*p & 0xC0) != 0x80)
			n += 1;
	return n;
}

static void right_chars(struct doc *x, const void *arg)
{
	el(x, "w:ind");
	ati(x, "w:rightChars", (long)(*(const double *)arg * 100));
	end(x);
}

static void docx_sign(struct doc *x, const char *signer, const char *date)
{
	/* §7.3.5.1: the date four characters in from the right; the signature centred on it */
	double d4 = 4, ds = signer ? 4 + (chars(date) - chars(signer)) / 2 : 0;

	if (ds < 0)
		ds = 0;
	/* the block before, the two blank lines for the seal and the signature keep with the
	 * date: never a page of them alone (GB/T 9704-2012 §7.3.5.1, the seal's top within a line
	 * of the body text) */
	X(x)->keep = true;
	flush(x);
	para(x, "BlankLine", NULL, NULL, NULL, NULL);
	para(x, "BlankLine", NULL, NULL, NULL, NULL);
	if (signer && *signer)
		para(x, "Signature", signer, NULL, right_chars, &ds);
	X(x)->keep = false;
	para(x, "Date", date, NULL, right_chars, &d4);
}

/* the number line of a 上行文 (GB/T 9704-2012 §7.2.5–7.2.6): the number flush left one
 * character (316 twips) in, a right tab one character short of the block's right edge, then
 * "签发人：" and the name in 楷体 */
static void number_signer_ppr(struct doc *x, const void *arg)
{
	(void)arg;
	el(x, "w:tabs");
	el(x, "w:tab");
	at(x, "w:val", "right");
	ati(x, "w:pos", lround((DOC_BLOCK_W - DOC_CHAR_W) * 20)); /* twips: 1/20 pt */
	end(x);
	end(x);
	el(x, "w:ind");
	ati(x, "w:left", lround(DOC_CHAR_W * 20));
	at(x, "w:firstLine", "0");
	at(x, "w:firstLineChars", "0");
	end(x);
	val(x, "w:jc", "left");
}

static void number_signer(struct doc *x)
{
	el(x, "w:p");
	el(x, "w:pPr");
	val(x, "w:pStyle", "DocumentNumber");
	number_signer_ppr(x, NULL);
	end(x);
	if (x->h.docno)
		run(x, x->h.docno, NULL);
	el(x, "w:r");
	el(x, "w:tab");
	end(x);
	end(x);
	run(x, "签发人：", NULL);
	el(x, "w:r");
	el(x, "w:rPr");
	el(x, "w:rFonts");
	at(x, "w:eastAsia", doc_faces[FACE_KAI].word);
	end(x);
	end(x);
	el(x, "w:t");
	chk(x, xmlTextWriterWriteString(X(x)->w, (const xmlChar *)x->h.signer));
	end(x);
	end(x);
	end(x);
}

static void head(struct doc *x)
{
	if (x->h.mark) {
		/* as big as fits on one line: 40 pt, smaller for a long name */
		double n = chars(x->h.mark), pt = n > 0 && DOC_BLOCK_W / n < 40 ? DOC_BLOCK_W / n : 40;
		char sz[16];

		snprintf(sz, sizeof sz, "%d", (int)(pt * 2 * 0.98));
		para(x, "Masthead", x->h.mark, sz, NULL, NULL);
		para(x, "BlankLine", NULL, NULL, NULL, NULL);
	}
	if (x->h.signer)
		number_signer(x);
	else if (x->h.docno)
		para(x, "DocumentNumber", x->h.docno, NULL, NULL, NULL);
	if (x->h.mark || x->h.docno || x->h.signer)
		para(x, "BlankLine", NULL, NULL, NULL, NULL);
	para(x, "Title", x->h.title, NULL, NULL, NULL);
	para(x, "BlankLine", NULL, NULL, NULL, NULL);
	if (x->h.addressee) {
		char buf[512];

		snprintf(buf, sizeof buf, "%s：", x->h.addressee);
		para(x, "Addressee", buf, NULL, NULL, NULL);
	}
}

/* --- the fixed parts of the package ------------------------------------------------------------ */

/* a style: id, name, type paragraph, based on Normal unless it is Normal */
#define PSTYLE(id, name, ppr, rpr)                                                          \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>"  \
	"<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>" ppr "</w:pPr><w:rPr>" rpr         \
	"</w:rPr></w:style>"
#define FONT(face) "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" face "\"/>"
#define NOIND "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>"

/* Word's faces (doc_faces[].word): 仿宋, 楷体, 黑体, 方正小标宋简体, 宋体. Line pitch: 225 mm / 22
 * lines = 28.95 pt = 579 twips, exact. Body 3号 = sz 32 (half-points), title 2号 = 44, page
 * numbers 4号 = 28, tables 小四 = 24. */
static const char styles_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:styles xmlns:w=\"" W_NS "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr>" FONT("仿宋")
	"<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
	"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" "
	"w:line=\"579\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
	"<w:qFormat/><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"632\"/><w:jc w:val=\"both\"/>"
	"</w:pPr><w:rPr>" FONT("仿宋") "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
	PSTYLE("Title", "Title", NOIND "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
	       FONT("方正小标宋简体") "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>")
	PSTYLE("Heading1", "heading 1", "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", FONT("黑体"))
	PSTYLE("Heading2", "heading 2", "<w:keepNext/><w:outlineLvl w:val=\"2\"/>", FONT("楷体"))
	PSTYLE("Heading3", "heading 3", "<w:keepNext/><w:outlineLvl w:val=\"3\"/>", FONT("仿宋"))
	PSTYLE("Heading4", "heading 4", "<w:keepNext/><w:outlineLvl w:val=\"4\"/>", FONT("仿宋"))
	PSTYLE("Masthead", "Masthead", NOIND "<w:jc w:val=\"center\"/><w:spacing w:before=\"1984\" "
	       "w:line=\"240\" w:lineRule=\"auto\"/>",
	       FONT("方正小标宋简体") "<w:color w:val=\"FF0000\"/>")
	PSTYLE("DocumentNumber", "Document Number",
	       NOIND "<w:jc w:val=\"center\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"8\" "
	       "w:space=\"11\" w:color=\"FF0000\"/></w:pBdr>", "")
	PSTYLE("Addressee", "Addressee", NOIND, "")
	PSTYLE("BlankLine", "Blank Line", NOIND, "")
	PSTYLE("Signature", "Signature", NOIND "<w:jc w:val=\"right\"/><w:keepNext/>", "")
	PSTYLE("Date", "Date", NOIND "<w:jc w:val=\"right\"/>", "")
	PSTYLE("Caption", "caption", NOIND "<w:jc w:val=\"center\"/><w:keepNext/>", FONT("黑体"))
	PSTYLE("Figure", "Figure", NOIND "<w:jc w:val=\"center\"/><w:keepNext/><w:spacing "
	       "w:line=\"240\" w:lineRule=\"auto\"/>", "")
	PSTYLE("TableHead", "Table Head", NOIND "<w:jc w:val=\"center\"/><w:spacing w:line=\"240\" "
	       "w:lineRule=\"auto\"/>", FONT("黑体") "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
	PSTYLE("TableText", "Table Text", NOIND "<w:jc w:val=\"center\"/><w:spacing w:line=\"240\" "
	       "w:lineRule=\"auto\"/>", "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>")
	PSTYLE("TableAfter", "Table After", NOIND "<w:spacing w:line=\"290\" w:lineRule=\"exact\"/>",
	       "<w:sz w:val=\"12\"/>")
	PSTYLE("Footer", "footer", NOIND "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
	       FONT("宋体") "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
	"</w:styles>";

/* §7.5: "— 1 —", right on odd pages and left on even, one 4号 character (280 twips) in */
#define FOOTER(jc, ind)                                                                      \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr xmlns:w=\"" W_NS  \
	"\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"" jc "\"/><w:ind " ind        \
	"/></w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r><w:fldSimple w:instr=\" PAGE \">" \
	"<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> —</w:t></w:r>"  \
	"</w:p></w:ftr>"
static const char footer_odd[] = FOOTER("right", "w:right=\"280\"");
static const char footer_even[] = FOOTER("left", "w:left=\"280\"");

static const char settings_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<w:settings xmlns:w=\"" W_NS "\"><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>"
	"<w:characterSpacingControl w:val=\"compressPunctuation\"/></w:settings>";

static const char rels_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

static const char types_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/"
	"vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Default Extension=\"png\" ContentType=\"image/png\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/word/footer2.xml\" ContentType=\"application/"
	"vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/></Types>";

/* the document's relationships: styles, settings, footers and its charts */
static char *doc_rels(size_t nimg)
{
	size_t n = 1024 + nimg * 200, k;
	char *s = malloc(n);

	if (!s)
		return NULL;
	k = (size_t)snprintf(
		s, n,
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
		"relationships\">"
		"<Relationship Id=\"rIdS\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
		"<Relationship Id=\"rIdT\" Type=\"" R_NS "/settings\" Target=\"settings.xml\"/>"
		"<Relationship Id=\"rIdF1\" Type=\"" R_NS "/footer\" Target=\"footer1.xml\"/>"
		"<Relationship Id=\"rIdF2\" Type=\"" R_NS "/footer\" Target=\"footer2.xml\"/>");
	for (size_t i = 1; i <= nimg; i++)
		k += (size_t)snprintf(s + k, n - k,
				      "<Relationship Id=\"rIdImg%zu\" Type=\"" R_NS
				      "/image\" Target=\"media/chart%zu.png\"/>",
				      i, i);
	snprintf(s + k, n - k, "</Relationships>");
	return s;
}

/* docProps/core.xml: title, subject, author, and which faces the PDF stands in with */
static char *core_xml(const struct doc *x)
{
	xmlBufferPtr b = xmlBufferCreate();
	xmlTextWriterPtr w = b ? xmlNewTextWriterMemory(b, 0) : NULL;
	char *out = NULL;
	int rc = 0;

	if (!w) {
		if (b)
			xmlBufferFree(b);
		return NULL;
	}
	rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes") < 0;
	rc |= xmlTextWriterStartElement(w, BAD_CAST "cp:coreProperties") < 0;
	rc |= xmlTextWriterWriteAttribute(
		      w, BAD_CAST "xmlns:cp",
		      BAD_CAST "http://schemas.openxmlformats.org/package/2006/metadata/"
			       "core-properties") < 0;
	rc |= xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns:dc",
					  BAD_CAST "http://purl.org/dc/elements/1.1/") < 0;
	rc |= xmlTextWriterWriteElement(w, BAD_CAST "dc:title", BAD_CAST x->h.plain_title) < 0;
	if (x->h.subject)
		rc |= xmlTextWriterWriteElement(w, BAD_CAST "dc:subject",
						BAD_CAST x->h.subject) < 0;
	if (x->h.author)
		rc |= xmlTextWriterWriteElement(w, BAD_CAST "dc:creator", BAD_CAST x->h.author) < 0;
	rc |= xmlTextWriterWriteFormatElement(
		      w, BAD_CAST "dc:description",
		      "cyberduty, GB/T 9704-2012 layout. Word names the official faces; its PDF "
		      "stands in with: %s",
		      doc_fonts_note()) < 0;
	rc |= xmlTextWriterEndDocument(w) < 0;
	xmlFreeTextWriter(w);
	if (!rc)
		out = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	return out;
}

static bool add(zip_t *z, const char *name, const void *data, size_t len, bool owned)
{
	zip_source_t *s = zip_source_buffer(z, data, len, owned);

	if (!s)
		return false;
	if (zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(s);
		return false;
	}
	return true;
}

static bool add_str(zip_t *z, const char *name, char *s)
{
	if (!s)
		return false;
	if (!add(z, name, s, strlen(s), true)) {
		free(s);
		return false;
	}
	return true;
}

static void docx_finish(struct doc *x)
{
	struct docx *d = X(x);
	zip_t *z;
	zip_source_t *src;
	int zerr = 0;
	bool ok;

	flush(x);
	/* the section: A4, the margins of GB/T 9704-2012, the odd and even footers */
	el(x, "w:sectPr");
	el(x, "w:footerReference");
	at(x, "w:type", "default");
	at(x, "r:id", "rIdF1");
	end(x);
	el(x, "w:footerReference");
	at(x, "w:type", "even");
	at(x, "r:id", "rIdF2");
	end(x);
	el(x, "w:pgSz");
	ati(x, "w:w", TWIPS(210.0));
	ati(x, "w:h", TWIPS(297.0));
	end(x);
	el(x, "w:pgMar");
	ati(x, "w:top", TWIPS(37.0));
	ati(x, "w:right", TWIPS(26.0));
	ati(x, "w:bottom", TWIPS(35.0));
	ati(x, "w:left", TWIPS(28.0));
	ati(x, "w:header", TWIPS(15.0));
	/* the page number's line about 7 mm below the block: 35 − 7 − 5 mm from the edge */
	ati(x, "w:footer", TWIPS(23.0));
	at(x, "w:gutter", "0");
	end(x);
	el(x, "w:docGrid");
	at(x, "w:type", "lines");
	at(x, "w:linePitch", "579");
	end(x);
	end(x);
	chk(x, xmlTextWriterEndDocument(d->w));
	xmlFreeTextWriter(d->w);
	d->w = NULL;
	if (x->err)
		return;
	if (!(z = zip_open(x->path, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
		doc_fail(x, CD_EIO, "%s: cannot create the document (zip error %d)", x->path,
			 zerr);
		return;
	}
	ok = add(z, "[Content_Types].xml", types_xml, sizeof types_xml - 1, false) &&
	     add(z, "_rels/.rels", rels_xml, sizeof rels_xml - 1, false) &&
	     add_str(z, "docProps/core.xml", core_xml(x)) &&
	     add(z, "word/styles.xml", styles_xml, sizeof styles_xml - 1, false) &&
	     add(z, "word/settings.xml", settings_xml, sizeof settings_xml - 1, false) &&
	     add(z, "word/footer1.xml", footer_odd, sizeof footer_odd - 1, false) &&
	     add(z, "word/footer2.xml", footer_even, sizeof footer_even - 1, false) &&
	     add_str(z, "word/_rels/document.xml.rels", doc_rels(d->nimg));
	for (size_t i = 0; ok && i < d->nimg; i++) {
		char name[48];

		snprintf(name, sizeof name, "word/media/chart%zu.png", i + 1);
		ok = add(z, name, d->img[i].data, d->img[i].len, true);
		if (ok)
			d->img[i].data = NULL; /* the zip frees it */
	}
	if (ok) {
		src = zip_source_file(z, d->tmp, 0, -1);
		ok = src && zip_file_add(z, "word/document.xml", src, ZIP_FL_ENC_UTF_8) >= 0;
		if (src && !ok)
			zip_source_free(src);
	}
	if (!ok || zip_close(z) < 0) {
		doc_fail(x, CD_EIO, "%s: the document could not be written: %s", x->path,
			 zip_strerror(z));
		zip_discard(z);
	}
}

static void docx_release(struct doc *x)
{
	struct docx *d = X(x);

	if (!d)
		return;
	if (d->w)
		xmlFreeTextWriter(d->w);
	if (d->tmp[0])
		unlink(d->tmp);
	for (size_t i = 0; i < d->nimg; i++)
		free(d->img[i].data);
	for (size_t i = 0; i < DOC_COLS_MAX; i++)
		free(d->last[i]);
	free(d->para);
	free(d);
	x->r = NULL;
}

static const struct doc_ops ops = {
	.heading = docx_heading,
	.para = docx_para,
	.table_begin = docx_table_begin,
	.table_row = docx_table_row,
	.table_end = docx_table_end,
	.chart = docx_chart,
	.sign = docx_sign,
	.finish = docx_finish,
	.release = docx_release,
};

void doc_docx_start(struct doc *x)
{
	struct docx *d = calloc(1, sizeof *d);
	const char *dir = getenv("TMPDIR");
	int fd;

	x->ops = &ops;
	x->r = d;
	if (!d) {
		doc_fail(x, CD_ENOMEM, "out of memory");
		return;
	}
	/* the body is streamed into a scratch file beside nothing else: TMPDIR or /tmp */
	snprintf(d->tmp, sizeof d->tmp, "%s/cyberduty-docx-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(d->tmp)) < 0) {
		d->tmp[0] = '\0';
		doc_fail(x, CD_EIO, "no room for the document's scratch file");
		return;
	}
	close(fd);
	if (!(d->w = xmlNewTextWriterFilename(d->tmp, 0))) {
		doc_fail(x, CD_EIO, "%s: cannot write", d->tmp);
		return;
	}
	chk(x, xmlTextWriterStartDocument(d->w, "1.0", "UTF-8", "yes"));
	el(x, "w:document");
	at(x, "xmlns:w", W_NS);
	at(x, "xmlns:r", R_NS);
	at(x, "xmlns:wp", WP_NS);
	at(x, "xmlns:a", A_NS);
	at(x, "xmlns:pic", PIC_NS);
	el(x, "w:body");
	head(x);
}
