/* doc_chart.c — the bar chart of a document (doc_chart), drawn with cairo and pango into a box:
 * the PDF draws it in vectors, the .docx embeds it as a PNG picture drawn the same way. */
#include "doc/doc_int.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define AXIS_W  36.0 /* room for the scale, pt */
#define LABEL_H 30.0 /* room for the labels under the bars */
#define TOP_H   18.0 /* room for the value over the highest bar and the unit */
#define FONT_PT 9.0

static void label(cairo_t *cr, const char *s, double x, double y, double w, PangoAlignment al,
		  bool above)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(doc_faces[FACE_HEI].pdf);
	int lw, lh;

	pango_font_description_set_absolute_size(fd, FONT_PT * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, al);
	pango_layout_set_text(l, s, -1);
	pango_layout_get_size(l, &lw, &lh);
	cairo_move_to(cr, x, above ? y - (double)lh / PANGO_SCALE : y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

/* a round step for about five ticks up to max */
static double nice_step(double max)
{
	double raw = max / 5, mag = pow(10, floor(log10(raw))), f = raw / mag;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

void doc_chart_draw(cairo_t *cr, double w, double h, const char *unit, const char *const *labels,
		    const double *values, size_t n)
{
	double max = 0, step, top, plot_h = h - LABEL_H - TOP_H, plot_w = w - AXIS_W, slot;
	char buf[48];

	doc_fonts_init();
	for (size_t i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	step = max > 0 ? nice_step(max) : 1;
	if (step < 1)
		step = 1;
	top = ceil(max / step) * step;
	if (top <= 0)
		top = step;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_fill(cr);
	/* the scale and its light lines */
	cairo_set_line_width(cr, 0.4);
	for (double v = 0; v <= top + step / 2; v += step) {
		double y = TOP_H + plot_h - plot_h * v / top;

		cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
		cairo_move_to(cr, AXIS_W, y);
		cairo_line_to(cr, w, y);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(buf, sizeof buf, "%g", v);
		label(cr, buf, 0, y + FONT_PT * 0.7, AXIS_W - 4, PANGO_ALIGN_RIGHT, true);
	}
	if (unit) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		label(cr, unit, 0, TOP_H - 6, AXIS_W + 60, PANGO_ALIGN_LEFT, true);
	}
	/* the axes */
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, AXIS_W, TOP_H);
	cairo_line_to(cr, AXIS_W, TOP_H + plot_h);
	cairo_line_to(cr, w, TOP_H + plot_h);
	cairo_stroke(cr);
	/* the bars, each with its value over it and its label under it */
	slot = plot_w / (double)n;
	for (size_t i = 0; i < n; i++) {
		double bh = plot_h * values[i] / top, bw = slot * 0.6;
		double x = AXIS_W + slot * (double)i + (slot - bw) / 2, y = TOP_H + plot_h - bh;

		cairo_set_source_rgb(cr, 0.16, 0.33, 0.58);
		cairo_rectangle(cr, x, y, bw, bh);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		snprintf(buf, sizeof buf, "%g", values[i]);
		label(cr, buf, AXIS_W + slot * (double)i, y - 1, slot, PANGO_ALIGN_CENTER, true);
		label(cr, labels[i] ? labels[i] : "", AXIS_W + slot * (double)i,
		      TOP_H + plot_h + 3, slot, PANGO_ALIGN_CENTER, false);
	}
	cairo_restore(cr);
}
