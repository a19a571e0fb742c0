/* doc_pdf.c — the PDF renderer of the document model (doc.h): cairo's PDF surface and pango, the
 * page of GB/T 9704-2012 (doc_int.h). Body lines stand on the grid of 22 lines of the text block;
 * tables and charts sit between grid lines and the text after them snaps to the next one. Fonts
 * are embedded as subsets with their Unicode maps, so the text is selectable and searchable. */
#include "doc/doc_int.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASCENT     0.88 /* of the em, for the CJK faces used: where the baseline sits */
#define CELL_PAD   3.0  /* pt inside a table cell */
/* the room a table's start takes: its caption's line, the head row and three rows */
#define TABLE_START (DOC_PITCH + 4 * (DOC_PT_TABLE + 2 * CELL_PAD))
#define CHART_H    DOC_MM(75.0)
#define RED        1.0, 0.0, 0.0

struct pdf {
	cairo_surface_t *surf;
	cairo_t *cr;
	int page;   /* 1 … */
	double y;   /* the cursor, pt from the page's top */
	/* the table being written */
	size_t ncols;
	char *heads[DOC_COLS_MAX];
	double colx[DOC_COLS_MAX + 1];
	double pt;
	PangoLayout *cell[2][DOC_COLS_MAX]; /* the body's and the head's, per column */
	/* The last block is held back until the next one comes, so that the signature and date
	 * never stand alone on a page: a paragraph's text, or a table's last row (the table left
	 * open until then). */
	char *para;                     /* a paragraph not yet drawn */
	char *last[DOC_COLS_MAX];       /* a table's row not yet drawn */
	bool has_last, closing;         /* a row is held; the table has ended */
	int break_at;                   /* text(): a new page before this line (-1: none) */
	/* A heading is held back too, until the block after it says how much room it needs: a
	 * heading never stands alone at a page's foot, nor over a table or chart that went over. */
	char *head;                     /* a heading not yet drawn */
	int head_level;                 /* its level, 1 … 4 */
};

static pthread_once_t fonts_once = PTHREAD_ONCE_INIT;

/* fonts_release gives back at exit what pango, cairo and fontconfig keep for the process (the
 * font map of the thread that exits, the caches): nothing is left for a leak checker to find */
static void fonts_release(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}

static void fonts_add(void)
{
	FcConfigAppFontAddDir(NULL, (const FcChar8 *)DOC_FANDOL_DIR);
	atexit(fonts_release);
}

void doc_fonts_init(void)
{
	pthread_once(&fonts_once, fonts_add);
}

static double bottom(void)
{
	return DOC_TOP + DOC_BLOCK_H;
}

/* baseline: where a line of type size stands whose grid line begins at y — the characters' tops
 * on the grid line, so the first line's top is the text block's (37 mm from the top edge) */
static double baseline(double y, double size)
{
	return y + ASCENT * size;
}

/* the top of the first grid line at or after y */
static double grid_next(double y)
{
	double k = ceil((y - DOC_TOP) / DOC_PITCH - 1e-6);

	return DOC_TOP + (k < 0 ? 0 : k) * DOC_PITCH;
}

static PangoLayout *layout(struct pdf *p, const char *text, enum doc_face f, double size,
			   double width, double spacing)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(doc_faces[f].pdf);
	PangoAttrList *al = pango_attr_list_new();

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (spacing != 0)
		pango_attr_list_insert(al, pango_attr_letter_spacing_new(
						   (int)lround(spacing * PANGO_SCALE)));
	pango_layout_set_attributes(l, al);
	pango_attr_list_unref(al);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

static void page_number(struct pdf *p)
{
	char t[32];
	PangoLayout *l;
	int w, h;
	double x, base = bottom() + DOC_PAGENO_BELOW + 0.35 * DOC_PT_PAGENO;

	/* §7.5: "— 1 —", 4号半角宋体, the dashes 7 mm below the block; odd right, even left, one
	 * character in */
	snprintf(t, sizeof t, "— %d —", p->page);
	l = layout(p, t, FACE_SONG, DOC_PT_PAGENO, 0, 0);
	pango_layout_get_size(l, &w, &h);
	x = p->page % 2 ? DOC_LEFT + DOC_BLOCK_W - DOC_PT_PAGENO - (double)w / PANGO_SCALE
			: DOC_LEFT + DOC_PT_PAGENO;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, x, base);
	pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(l, 0));
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	page_number(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = DOC_TOP;
}

/* text writes text on the grid from the cursor: each line on the next grid line, a new page
 * when the block is full. indent: the first line's, in characters of size; colour rgb. */
static void text(struct pdf *p, const char *s, enum doc_face f, double size,
		 PangoAlignment align, double indent, bool justify, double r, double g, double b)
{
	/* 28 characters fill a line of 156 mm: a 3号 character advances 15.79 pt, not 16 */
	double spacing = size == DOC_PT_BODY ? DOC_CHAR_W - DOC_PT_BODY : 0;
	PangoLayout *l = layout(p, s, f, size, DOC_BLOCK_W, spacing);
	PangoLayoutIter *it;

	pango_layout_set_indent(l, (int)(indent * (size + spacing) * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_justify(l, justify);
	it = pango_layout_get_iter(l);
	cairo_set_source_rgb(p->cr, r, g, b);
	do {
		PangoRectangle lg;

		p->y = grid_next(p->y);
		if (p->y + DOC_PITCH > bottom() + 0.5 ||
		    (p->break_at >= 0 && pango_layout_iter_get_index(it) >= p->break_at &&
		     p->y > DOC_TOP + 1)) {
			new_page(p);
			cairo_set_source_rgb(p->cr, r, g, b);
		}
		pango_layout_iter_get_line_extents(it, NULL, &lg);
		cairo_move_to(p->cr, DOC_LEFT + (double)lg.x / PANGO_SCALE,
			      baseline(p->y, size));
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		p->y += DOC_PITCH;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->break_at = -1;
}

/* lines_of: how many lines text s makes as a body paragraph, and the byte index of its last
 * line's start in *last */
static int lines_of(struct pdf *p, const char *s, int *last)
{
	double spacing = DOC_CHAR_W - DOC_PT_BODY;
	PangoLayout *l = layout(p, s, FACE_FANG, DOC_PT_BODY, DOC_BLOCK_W, spacing);
	PangoLayoutIter *it;
	int n = 0;

	pango_layout_set_indent(l, (int)(2 * DOC_CHAR_W * PANGO_SCALE));
	pango_layout_set_justify(l, true);
	it = pango_layout_get_iter(l);
	do {
		*last = pango_layout_iter_get_index(it);
		n++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	return n;
}

static struct pdf *P(struct doc *x)
{
	return x->r;
}

static void row(struct pdf *p, const char *const *cells, bool head);
static void flush(struct pdf *p);

/* head_out draws the heading held back, on a new page unless room (pt) is left after it for
 * the start of the block that follows: a line of a paragraph, a table's caption, head and first
 * rows, a chart */
static void head_out(struct pdf *p, double room)
{
	static const enum doc_face face[4] = {FACE_HEI, FACE_KAI, FACE_FANG, FACE_FANG};

	if (!p->head)
		return;
	p->y = grid_next(p->y);
	if (p->y + DOC_PITCH + room > bottom() + 0.5 && p->y > DOC_TOP + 1)
		new_page(p);
	text(p, p->head, face[p->head_level - 1], DOC_PT_BODY, PANGO_ALIGN_LEFT, 2, true, 0, 0, 0);
	free(p->head);
	p->head = NULL;
}

static void pdf_heading(struct doc *x, int level, const char *t)
{
	struct pdf *p = P(x);

	flush(p);
	if (!(p->head = strdup(t)))
		doc_fail(x, CD_ENOMEM, "out of memory");
	p->head_level = level;
}

static void pdf_para(struct doc *x, const char *t)
{
	struct pdf *p = P(x);

	flush(p);
	if (!(p->para = strdup(t)))
		doc_fail(x, CD_ENOMEM, "out of memory");
}

/* cell_layout: a cell's text wrapped to its column — one layout per column, made at the table's
 * start and given each row's text (a ledger has 100,000 rows) */
static PangoLayout *cell_layout(struct pdf *p, size_t i, const char *s, bool head)
{
	PangoLayout **l = &p->cell[head][i];

	if (!*l) {
		*l = layout(p, "", head ? FACE_HEI : FACE_FANG, p->pt,
			    p->colx[i + 1] - p->colx[i] - 2 * CELL_PAD, 0);
		pango_layout_set_alignment(*l, PANGO_ALIGN_CENTER);
	}
	pango_layout_set_text(*l, s ? s : "", -1);
	return *l;
}

static void cells_free(struct pdf *p)
{
	for (int h = 0; h < 2; h++)
		for (size_t i = 0; i < DOC_COLS_MAX; i++)
			if (p->cell[h][i]) {
				g_object_unref(p->cell[h][i]);
				p->cell[h][i] = NULL;
			}
}

/* row draws one row of cells at the cursor (a new page first, with the head again, when it does
 * not fit) */
static void row(struct pdf *p, const char *const *cells, bool head)
{
	PangoLayout *l[DOC_COLS_MAX];
	double h = 0;

	for (size_t i = 0; i < p->ncols; i++) {
		int w, lh;

		l[i] = cell_layout(p, i, cells[i], head);
		pango_layout_get_size(l[i], &w, &lh);
		if ((double)lh / PANGO_SCALE > h)
			h = (double)lh / PANGO_SCALE;
	}
	h += 2 * CELL_PAD;
	if (p->y + h > bottom() + 0.5 && p->y > DOC_TOP + 1) {
		new_page(p);
		if (!head)
			row(p, (const char *const *)p->heads, true);
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_set_line_width(p->cr, 0.5);
	for (size_t i = 0; i < p->ncols; i++) {
		int w, lh;

		cairo_rectangle(p->cr, p->colx[i], p->y, p->colx[i + 1] - p->colx[i], h);
		cairo_stroke(p->cr);
		pango_layout_get_size(l[i], &w, &lh);
		cairo_move_to(p->cr, p->colx[i] + CELL_PAD,
			      p->y + (h - (double)lh / PANGO_SCALE) / 2);
		pango_cairo_show_layout(p->cr, l[i]);
	}
	p->y += h;
}

static void pdf_table_begin(struct doc *x, const char *caption, const struct doc_col *cols,
			    size_t ncols, bool small)
{
	struct pdf *p = P(x);
	double sum = 0, at = DOC_LEFT;

	head_out(p, TABLE_START);
	flush(p);
	/* a caption and a head row are never left alone at the foot of a page */
	p->y = grid_next(p->y);
	if (p->y + TABLE_START > bottom())
		new_page(p);
	if (caption)
		text(p, caption, FACE_HEI, DOC_PT_BODY, PANGO_ALIGN_CENTER, 0, false, 0, 0, 0);
	else
		p->y = grid_next(p->y);
	p->ncols = ncols;
	p->pt = small ? DOC_PT_TABLE_SMALL : DOC_PT_TABLE;
	for (size_t i = 0; i < ncols; i++)
		sum += cols[i].width > 0 ? cols[i].width : 1;
	for (size_t i = 0; i < ncols; i++) {
		p->colx[i] = at;
		at += DOC_BLOCK_W * (cols[i].width > 0 ? cols[i].width : 1) / sum;
		if (!(p->heads[i] = strdup(cols[i].head ? cols[i].head : "")))
			doc_fail(x, CD_ENOMEM, "out of memory");
	}
	p->colx[ncols] = DOC_LEFT + DOC_BLOCK_W;
	if (!x->err)
		row(p, (const char *const *)p->heads, true);
}

/* the row held back drawn, then this one held in its place */
static void pdf_table_row(struct doc *x, const char *const *cells)
{
	struct pdf *p = P(x);

	if (p->has_last)
		row(p, (const char *const *)p->last, false);
	for (size_t i = 0; i < p->ncols; i++) {
		free(p->last[i]);
		if (!(p->last[i] = strdup(cells[i] ? cells[i] : "")))
			doc_fail(x, CD_ENOMEM, "out of memory");
	}
	p->has_last = true;
}

static void table_close(struct pdf *p)
{
	for (size_t i = 0; i < DOC_COLS_MAX; i++) {
		free(p->heads[i]);
		free(p->last[i]);
		p->heads[i] = p->last[i] = NULL;
	}
	cells_free(p);
	p->ncols = 0;
	p->has_last = p->closing = false;
	/* the text after a table stands at least half a line below it, on the grid: a table is
	 * set apart from the paragraph or caption that follows as a blank line sets paragraphs
	 * apart (GB/T 9704-2012 §8 sets tables' orientation, not their spacing) */
	p->y += DOC_PITCH / 2;
}

static void pdf_table_end(struct doc *x)
{
	P(x)->closing = true; /* closed after its last row, drawn with the next block */
}

/* flush draws the block held back: the paragraph, or the table's last row and its end */
static void flush(struct pdf *p)
{
	head_out(p, DOC_PITCH);
	if (p->para) {
		text(p, p->para, FACE_FANG, DOC_PT_BODY, PANGO_ALIGN_LEFT, 2, true, 0, 0, 0);
		free(p->para);
		p->para = NULL;
	}
	if (p->has_last) {
		row(p, (const char *const *)p->last, false);
		p->has_last = false;
	}
	if (p->closing)
		table_close(p);
}

/* row_height: the height a row of cells takes */
static double row_height(struct pdf *p, const char *const *cells)
{
	double h = 0;

	for (size_t i = 0; i < p->ncols; i++) {
		int w, lh;

		pango_layout_get_size(cell_layout(p, i, cells[i], false), &w, &lh);
		if ((double)lh / PANGO_SCALE > h)
			h = (double)lh / PANGO_SCALE;
	}
	return h + 2 * CELL_PAD;
}

static void pdf_chart(struct doc *x, const char *caption, const char *unit,
		      const char *const *labels, const double *values, size_t n)
{
	struct pdf *p = P(x);

	head_out(p, CHART_H + DOC_PITCH);
	flush(p);
	p->y = grid_next(p->y);
	if (p->y + CHART_H + DOC_PITCH > bottom() + 0.5)
		new_page(p);
	cairo_save(p->cr);
	cairo_translate(p->cr, DOC_LEFT, p->y);
	doc_chart_draw(p->cr, DOC_BLOCK_W, CHART_H, unit, labels, values, n);
	cairo_restore(p->cr);
	p->y += CHART_H;
	if (caption)
		text(p, caption, FACE_HEI, DOC_PT_BODY, PANGO_ALIGN_CENTER, 0, false, 0, 0, 0);
}

static void pdf_sign(struct doc *x, const char *signer, const char *date)
{
	struct pdf *p = P(x);
	PangoLayout *ld = layout(p, date, FACE_FANG, DOC_PT_BODY, 0, DOC_CHAR_W - DOC_PT_BODY);
	PangoLayout *ls = layout(p, signer ? signer : "", FACE_FANG, DOC_PT_BODY, 0,
				 DOC_CHAR_W - DOC_PT_BODY);
	int dw, sw, h, lines = signer && *signer ? 2 : 1;
	double dx, sx, need = (2 + lines) * DOC_PITCH;

	/* Two blank lines for the seal, the signature and the date on the lines after, on one
	 * page; and never a page of them alone (GB/T 9704-2012 §7.3.5.1: the seal's top within a
	 * line of the body text): when they do not fit after the block held back, its last line
	 * (a paragraph's) or its last row (a table's, under the head row again) goes over with
	 * them. */
	if (p->para) {
		int last, n = lines_of(p, p->para, &last);
		double y = grid_next(p->y);

		if (y + n * DOC_PITCH <= bottom() + 0.5 && y + n * DOC_PITCH + need > bottom() + 0.5)
			p->break_at = n > 1 ? last : 0;
	} else if (p->has_last) {
		double y = p->y, rh = row_height(p, (const char *const *)p->last);

		if (y + rh <= bottom() + 0.5 &&
		    grid_next(y + rh + DOC_PITCH / 2) + need > bottom() + 0.5 && p->y > DOC_TOP + 1) {
			new_page(p);
			row(p, (const char *const *)p->heads, true);
		}
	}
	flush(p);
	p->y = grid_next(p->y) + 2 * DOC_PITCH;
	if (p->y + lines * DOC_PITCH > bottom() + 0.5)
		new_page(p);
	pango_layout_get_size(ld, &dw, &h);
	pango_layout_get_size(ls, &sw, &h);
	/* §7.3.5.1: the date four characters in from the right; the signature centred on it */
	dx = DOC_LEFT + DOC_BLOCK_W - 4 * DOC_CHAR_W - (double)dw / PANGO_SCALE;
	sx = dx + ((double)dw - sw) / 2 / PANGO_SCALE;
	if (sx + (double)sw / PANGO_SCALE > DOC_LEFT + DOC_BLOCK_W)
		sx = DOC_LEFT + DOC_BLOCK_W - (double)sw / PANGO_SCALE;
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	if (signer && *signer) {
		cairo_move_to(p->cr, sx, baseline(p->y, DOC_PT_BODY));
		pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(ls, 0));
		p->y += DOC_PITCH;
	}
	cairo_move_to(p->cr, dx, baseline(p->y, DOC_PT_BODY));
	pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(ld, 0));
	p->y += DOC_PITCH;
	g_object_unref(ld);
	g_object_unref(ls);
}

/* number_signer writes the number line of a 上行文 (GB/T 9704-2012 §7.2.5–7.2.6): the number
 * flush left one character in, "签发人：" (仿宋) and the name (楷体) flush right one character
 * in, two blank lines below the mark as a 下行文's number (doc_int.h: the head) */
static void number_signer(struct pdf *p, const char *docno, const char *signer)
{
	double sp = DOC_CHAR_W - DOC_PT_BODY, end = DOC_LEFT + DOC_BLOCK_W - DOC_CHAR_W, y;
	PangoLayout *lab = layout(p, "签发人：", FACE_FANG, DOC_PT_BODY, 0, sp);
	PangoLayout *who = layout(p, signer, FACE_KAI, DOC_PT_BODY, 0, sp);
	int lw, ww, h;

	p->y = grid_next(p->y);
	y = baseline(p->y, DOC_PT_BODY);
	pango_layout_get_size(lab, &lw, &h);
	pango_layout_get_size(who, &ww, &h);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	if (docno) {
		PangoLayout *no = layout(p, docno, FACE_FANG, DOC_PT_BODY, 0, sp);

		cairo_move_to(p->cr, DOC_LEFT + DOC_CHAR_W, y);
		pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(no, 0));
		g_object_unref(no);
	}
	cairo_move_to(p->cr, end - (double)ww / PANGO_SCALE - (double)lw / PANGO_SCALE, y);
	pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(lab, 0));
	cairo_move_to(p->cr, end - (double)ww / PANGO_SCALE, y);
	pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(who, 0));
	g_object_unref(lab);
	g_object_unref(who);
	p->y += DOC_PITCH;
}

/* head writes the masthead (发文机关标志 in red, the number, the red rule), the title and the
 * addressee */
static void head(struct doc *x)
{
	struct pdf *p = P(x);

	if (x->h.mark) {
		PangoLayout *l = layout(p, x->h.mark, FACE_TITLE, 40, 0, 0);
		int w, h;
		double size = 40;

		pango_layout_get_size(l, &w, &h);
		if ((double)w / PANGO_SCALE > DOC_BLOCK_W) {
			size = 40 * DOC_BLOCK_W / ((double)w / PANGO_SCALE) * 0.98;
			g_object_unref(l);
			l = layout(p, x->h.mark, FACE_TITLE, size, 0, 0);
			pango_layout_get_size(l, &w, &h);
		}
		cairo_set_source_rgb(p->cr, RED);
		cairo_move_to(p->cr, DOC_LEFT + (DOC_BLOCK_W - (double)w / PANGO_SCALE) / 2,
			      DOC_TOP + DOC_MARK_BELOW + ASCENT * size);
		pango_cairo_show_layout_line(p->cr, pango_layout_get_line_readonly(l, 0));
		g_object_unref(l);
		/* the number on the second line below the mark */
		p->y = grid_next(DOC_TOP + DOC_MARK_BELOW + size) + 2 * DOC_PITCH;
	}
	if (x->h.docno || x->h.mark || x->h.signer) {
		double base;

		if (x->h.signer)
			number_signer(p, x->h.docno, x->h.signer);
		else if (x->h.docno)
			text(p, x->h.docno, FACE_FANG, DOC_PT_BODY, PANGO_ALIGN_CENTER, 0, false, 0,
			     0, 0);
		else
			p->y += DOC_PITCH;
		base = p->y - DOC_PITCH + DOC_PT_BODY;
		cairo_set_source_rgb(p->cr, RED);
		cairo_set_line_width(p->cr, 1.0);
		cairo_move_to(p->cr, DOC_LEFT, base + DOC_RULE_BELOW);
		cairo_line_to(p->cr, DOC_LEFT + DOC_BLOCK_W, base + DOC_RULE_BELOW);
		cairo_stroke(p->cr);
		p->y += 1 * DOC_PITCH; /* the title on the second line below the rule */
	}
	text(p, x->h.title, FACE_TITLE, DOC_PT_TITLE, PANGO_ALIGN_CENTER, 0, false, 0, 0, 0);
	p->y += DOC_PITCH; /* a blank line */
	if (x->h.addressee) {
		char buf[512];

		snprintf(buf, sizeof buf, "%s：", x->h.addressee);
		text(p, buf, FACE_FANG, DOC_PT_BODY, PANGO_ALIGN_LEFT, 0, false, 0, 0, 0);
	}
}

static void pdf_finish(struct doc *x)
{
	struct pdf *p = P(x);
	cairo_status_t st;

	flush(p);
	page_number(p);
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surf);
	st = cairo_surface_status(p->surf);
	if (st)
		doc_fail(x, CD_EIO, "%s: the PDF could not be written: %s", x->path,
			 cairo_status_to_string(st));
}

static void pdf_release(struct doc *x)
{
	struct pdf *p = P(x);

	if (!p)
		return;
	for (size_t i = 0; i < DOC_COLS_MAX; i++) {
		free(p->heads[i]);
		free(p->last[i]);
	}
	free(p->para);
	free(p->head);
	cells_free(p);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surf)
		cairo_surface_destroy(p->surf);
	free(p);
	x->r = NULL;
}

static const struct doc_ops ops = {
	.heading = pdf_heading,
	.para = pdf_para,
	.table_begin = pdf_table_begin,
	.table_row = pdf_table_row,
	.table_end = pdf_table_end,
	.chart = pdf_chart,
	.sign = pdf_sign,
	.finish = pdf_finish,
	.release = pdf_release,
};

void doc_pdf_start(struct doc *x)
{
	struct pdf *p = calloc(1, sizeof *p);
	char creator[768];

	x->ops = &ops;
	x->r = p;
	if (!p) {
		doc_fail(x, CD_ENOMEM, "out of memory");
		return;
	}
	doc_fonts_init();
	p->surf = cairo_pdf_surface_create(x->path, DOC_PAGE_W, DOC_PAGE_H);
	if (cairo_surface_status(p->surf)) {
		doc_fail(x, CD_EIO, "%s: cannot create the PDF: %s", x->path,
			 cairo_status_to_string(cairo_surface_status(p->surf)));
		return;
	}
	/* the metadata: what it is, who issues it, and which free faces stood in for the official
	 * ones */
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_TITLE, x->h.plain_title);
	if (x->h.author)
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_AUTHOR, x->h.author);
	if (x->h.subject)
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_SUBJECT, x->h.subject);
	snprintf(creator, sizeof creator,
		 "cyberduty, GB/T 9704-2012 layout; faces standing in: %s", doc_fonts_note());
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, creator);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_KEYWORDS, doc_fonts_note());
	p->cr = cairo_create(p->surf);
	p->page = 1;
	p->y = DOC_TOP;
	p->break_at = -1;
	head(x);
}
