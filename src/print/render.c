/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PDF layout of an expanded form (print.h) with cairo and pango: the
 * Decree 30/2020 header (agency left, national name and motto right, both
 * underlined), wrapped and justified paragraphs that flow line by line onto
 * the next page, bordered tables whose rows move (or split) to the next page
 * with the header rows repeated, the "Nơi nhận" block beside the signature,
 * and page numbers from the second page.
 *
 * Sizes are right because the pango-cairo resolution is 72 dpi (1 pt = 1
 * unit) and glyph positions are not rounded. Text is NFC-normalised (so
 * decomposed input renders like composed) and upper-cased here when a block
 * asks for capitals.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "motcua/i18n.h"
#include "motcua/outfile.h"
#include "motcua/print.h"

#define MM (72.0 / 25.4)
#define LINE_W 0.6          /* table borders and rules, pt */
#define CELL_PAD_X (1.5 * MM)
#define CELL_PAD_Y (0.9 * MM)

typedef struct R {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *ctx;
	const mc_doc *doc;
	double pw, ph;               /* page size, pt */
	double mt, mr, mb, ml;       /* margins, pt */
	double x0, width;            /* text column */
	double y, ybottom;           /* cursor and lower limit */
	double ytop;                 /* first usable y on the page */
	int page;                    /* page number within the current copy */
	int pages;                   /* pages in the file */
} R;

/* Style of one piece of text. */
typedef struct tstyle {
	double size;
	bool bold, italic, caps;
	mc_tpl_align align;
	double indent; /* pt, first line */
} tstyle;

/* ---- text ------------------------------------------------------------------- */

/*
 * Build a layout of `text` (with MC_TPL_BOLD/ITALIC markers) wrapped at
 * `width` pt. Never NULL (g_* aborts on out of memory as glib does).
 */
static PangoLayout *make_layout(R *r, const char *text, const tstyle *ts, double width)
{
	gchar *nfc = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
	if (!nfc) /* invalid UTF-8 cannot happen (sanitised) but stay safe */
		nfc = g_strdup("");
	if (ts->caps) {
		gchar *up = g_utf8_strup(nfc, -1);
		g_free(nfc);
		nfc = up;
	}
	GString *plain = g_string_sized_new(strlen(nfc));
	PangoAttrList *attrs = pango_attr_list_new();
	int bold_from = -1, ital_from = -1;
	for (const char *p = nfc;; p++) {
		if (*p == MC_TPL_BOLD || *p == '\0') {
			if (bold_from >= 0) {
				PangoAttribute *a = pango_attr_weight_new(ts->bold ? PANGO_WEIGHT_NORMAL
				                                                   : PANGO_WEIGHT_BOLD);
				a->start_index = (guint)bold_from;
				a->end_index = (guint)plain->len;
				pango_attr_list_insert(attrs, a);
				bold_from = -1;
			} else if (*p) {
				bold_from = (int)plain->len;
			}
		}
		if (*p == MC_TPL_ITALIC || *p == '\0') {
			if (ital_from >= 0) {
				PangoAttribute *a = pango_attr_style_new(ts->italic ? PANGO_STYLE_NORMAL
				                                                    : PANGO_STYLE_ITALIC);
				a->start_index = (guint)ital_from;
				a->end_index = (guint)plain->len;
				pango_attr_list_insert(attrs, a);
				ital_from = -1;
			} else if (*p) {
				ital_from = (int)plain->len;
			}
		}
		if (*p == '\0')
			break;
		if (*p != MC_TPL_BOLD && *p != MC_TPL_ITALIC)
			g_string_append_c(plain, *p);
	}
	g_free(nfc);

	PangoLayout *lay = pango_layout_new(r->ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, r->doc->page.font);
	pango_font_description_set_size(fd, (gint)(ts->size * PANGO_SCALE + 0.5));
	pango_font_description_set_weight(fd, ts->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, ts->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	pango_layout_set_font_description(lay, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(lay, plain->str, (int)plain->len);
	pango_layout_set_attributes(lay, attrs);
	pango_attr_list_unref(attrs);
	g_string_free(plain, TRUE);
	pango_layout_set_width(lay, width > 1 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_indent(lay, (int)(ts->indent * PANGO_SCALE));
	switch (ts->align) {
	case MC_ALIGN_CENTER:
		pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
		break;
	case MC_ALIGN_RIGHT:
		pango_layout_set_alignment(lay, PANGO_ALIGN_RIGHT);
		break;
	case MC_ALIGN_JUSTIFY:
		pango_layout_set_justify(lay, TRUE);
		break;
	default:
		break;
	}
	return lay;
}

static double layout_height(PangoLayout *lay)
{
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* Width of the widest line's ink. */
static double layout_width(PangoLayout *lay)
{
	PangoRectangle ink, logical;
	pango_layout_get_extents(lay, &ink, &logical);
	return (double)logical.width / PANGO_SCALE;
}

static void draw_layout(R *r, PangoLayout *lay, double x, double y)
{
	cairo_move_to(r->cr, x, y);
	pango_cairo_show_layout(r->cr, lay);
}

static void hline(R *r, double x1, double x2, double y)
{
	cairo_set_line_width(r->cr, LINE_W);
	cairo_move_to(r->cr, x1, y);
	cairo_line_to(r->cr, x2, y);
	cairo_stroke(r->cr);
}

/* ---- pages -------------------------------------------------------------------- */

static void tstyle_base(const R *r, tstyle *ts)
{
	memset(ts, 0, sizeof *ts);
	ts->size = r->doc->page.size_pt;
}

static void page_begin(R *r)
{
	r->y = r->mt;
	r->pages++;
	if (r->doc->page.page_numbers && r->page >= 2) {
		tstyle ts;
		tstyle_base(r, &ts);
		ts.align = MC_ALIGN_CENTER;
		char num[16];
		snprintf(num, sizeof num, "%d", r->page);
		PangoLayout *lay = make_layout(r, num, &ts, r->width);
		draw_layout(r, lay, r->x0, r->mt * 0.45);
		g_object_unref(lay);
	}
	r->ytop = r->y;
}

static void new_page(R *r, bool restart_numbers)
{
	cairo_show_page(r->cr);
	r->page = restart_numbers ? 1 : r->page + 1;
	page_begin(r);
}

/* Make sure `h` pt fit below the cursor, else go to the next page. */
static void need(R *r, double h)
{
	if (r->y + h > r->ybottom && r->y > r->ytop + 0.5)
		new_page(r, false);
}

/*
 * Draw a layout at the cursor, line by line, moving to the next page when a
 * line does not fit (paragraphs flow instead of overflowing).
 */
static void flow_layout(R *r, PangoLayout *lay, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	double base = r->y; /* page y of the layout's top */
	double bottom = r->y;
	do {
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		double top = (double)lr.y / PANGO_SCALE;
		double bot = (double)(lr.y + lr.height) / PANGO_SCALE;
		if (base + bot > r->ybottom && base + top > r->ytop + 0.5) {
			new_page(r, false);
			base = r->y - top;
		}
		double bl = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_move_to(r->cr, x + (double)lr.x / PANGO_SCALE, base + bl);
		pango_cairo_show_layout_line(r->cr, pango_layout_iter_get_line_readonly(it));
		bottom = base + bot;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	r->y = bottom;
}

/* ---- blocks ------------------------------------------------------------------- */

static void block_style(const R *r, const mc_doc_block *b, tstyle *ts)
{
	tstyle_base(r, ts);
	if (b->style.size_pt > 0)
		ts->size = b->style.size_pt;
	ts->bold = b->style.bold;
	ts->italic = b->style.italic;
	ts->caps = b->style.caps;
	ts->align = b->style.align;
}

static void do_text(R *r, const mc_doc_block *b)
{
	tstyle ts;
	block_style(r, b, &ts);
	r->y += b->style.before_mm * MM;
	for (size_t i = 0; i < b->nlines; i++) {
		ts.indent = b->style.indent_mm * MM;
		PangoLayout *lay = make_layout(r, b->lines[i].cells[0], &ts, r->width);
		flow_layout(r, lay, r->x0);
		g_object_unref(lay);
		if (!b->style.each) /* space after each paragraph */
			r->y += b->style.after_mm * MM;
	}
	if (b->style.each) /* space after the whole block */
		r->y += b->style.after_mm * MM;
}

static const char *header_get(const mc_doc_block *b, const char *key)
{
	for (size_t i = 0; i < b->nlines; i++)
		if (b->lines[i].ncells == 2 && strcmp(b->lines[i].cells[0], key) == 0)
			return b->lines[i].cells[1];
	return NULL;
}

/* Largest size <= want (down to 7 pt) at which `text` fits on one line of `width`. */
static double fit_size(R *r, const char *text, tstyle ts, double want, double width)
{
	for (double s = want; s > 7; s -= 0.5) {
		ts.size = s;
		PangoLayout *lay = make_layout(r, text, &ts, -1);
		double w = layout_width(lay);
		g_object_unref(lay);
		if (w <= width)
			return s;
	}
	return 7;
}

/* The Decree 30 header: two columns, rules under the agency and the motto. */
static void do_header(R *r, const mc_doc_block *b)
{
	double B = b->style.size_pt > 0 ? b->style.size_pt : r->doc->page.size_pt;
	double lw = r->width * 0.42, rw = r->width - lw;
	/* the left column starts a little left of the text column, as offices print it */
	double lx = r->x0 - 0.06 * lw, rx = r->x0 + lw;
	lw *= 1.06;
	double y0 = r->y;
	tstyle ts;
	tstyle_base(r, &ts);
	ts.align = MC_ALIGN_CENTER;
	ts.caps = true;

	/* left: superior (not bold) over issuing agency (bold), short rule */
	double yl = y0;
	const char *sup = header_get(b, "superior");
	const char *ag = header_get(b, "agency");
	if (sup && *sup) {
		ts.size = B - 1;
		ts.bold = false;
		PangoLayout *lay = make_layout(r, sup, &ts, lw);
		draw_layout(r, lay, lx, yl);
		yl += layout_height(lay);
		g_object_unref(lay);
	}
	if (ag && *ag) {
		ts.size = B - 1;
		ts.bold = true;
		PangoLayout *lay = make_layout(r, ag, &ts, lw);
		draw_layout(r, lay, lx, yl);
		yl += layout_height(lay);
		PangoRectangle ink;
		PangoLayoutLine *last = pango_layout_get_line_readonly(lay, pango_layout_get_line_count(lay) - 1);
		pango_layout_line_get_extents(last, NULL, &ink);
		double len = (double)ink.width / PANGO_SCALE * 0.4;
		if (len < 15 * MM)
			len = 15 * MM;
		double cx = lx + lw / 2;
		hline(r, cx - len / 2, cx + len / 2, yl + 1.5);
		yl += 3;
		g_object_unref(lay);
	}

	/* right: national name, motto, rule as long as the motto */
	double yr = y0;
	const char *nat = header_get(b, "national");
	const char *mot = header_get(b, "motto");
	if (nat && *nat) {
		ts.bold = true;
		ts.size = fit_size(r, nat, ts, B - 1, rw);
		PangoLayout *lay = make_layout(r, nat, &ts, rw);
		draw_layout(r, lay, rx, yr);
		yr += layout_height(lay);
		g_object_unref(lay);
	}
	if (mot && *mot) {
		tstyle tm = ts;
		tm.caps = false;
		tm.bold = true;
		tm.size = fit_size(r, mot, tm, B, rw);
		PangoLayout *lay = make_layout(r, mot, &tm, rw);
		draw_layout(r, lay, rx, yr);
		yr += layout_height(lay);
		double len = layout_width(lay);
		if (len > rw)
			len = rw;
		double cx = rx + rw / 2;
		hline(r, cx - len / 2, cx + len / 2, yr + 1);
		yr += 3;
		g_object_unref(lay);
	}

	/* number (left) and place/date (right) on the same line */
	double y = (yl > yr ? yl : yr) + 0.35 * B;
	double ybot = y;
	const char *num = header_get(b, "number");
	const char *date = header_get(b, "date");
	ts.caps = false;
	ts.bold = false;
	if (num && *num) {
		ts.size = B;
		PangoLayout *lay = make_layout(r, num, &ts, lw);
		draw_layout(r, lay, lx, y);
		if (y + layout_height(lay) > ybot)
			ybot = y + layout_height(lay);
		g_object_unref(lay);
	}
	if (date && *date) {
		tstyle td = ts;
		td.italic = true;
		td.size = fit_size(r, date, td, B, rw);
		PangoLayout *lay = make_layout(r, date, &td, rw);
		draw_layout(r, lay, rx, y);
		if (y + layout_height(lay) > ybot)
			ybot = y + layout_height(lay);
		g_object_unref(lay);
	}
	r->y = ybot + b->style.after_mm * MM;
}

/* ---- tables ------------------------------------------------------------------- */

typedef struct cell {
	PangoLayout *lay;
	int nlines;
	double *top, *bot, *base, *x; /* per line, relative to the layout */
	PangoLayoutLine **line;
	int next;                     /* first line not drawn yet */
} cell;

static void cell_init(R *r, cell *c, const char *text, const tstyle *ts, double w)
{
	c->lay = make_layout(r, text, ts, w);
	c->nlines = pango_layout_get_line_count(c->lay);
	c->top = g_new(double, (gsize)c->nlines * 4);
	c->bot = c->top + c->nlines;
	c->base = c->bot + c->nlines;
	c->x = c->base + c->nlines;
	c->line = g_new(PangoLayoutLine *, (gsize)c->nlines);
	c->next = 0;
	PangoLayoutIter *it = pango_layout_get_iter(c->lay);
	int i = 0;
	do {
		PangoRectangle lr;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		c->top[i] = (double)lr.y / PANGO_SCALE;
		c->bot[i] = (double)(lr.y + lr.height) / PANGO_SCALE;
		c->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		c->x[i] = (double)lr.x / PANGO_SCALE;
		c->line[i] = pango_layout_iter_get_line_readonly(it);
		i++;
	} while (i < c->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void cell_free(cell *c)
{
	g_object_unref(c->lay);
	g_free(c->top);
	g_free(c->line);
}

/* Height of the lines not yet drawn. */
static double cell_rest(const cell *c)
{
	if (c->next >= c->nlines)
		return 0;
	return c->bot[c->nlines - 1] - c->top[c->next];
}

typedef struct table {
	int ncols;
	double colx[MC_TPL_MAX_COLS + 1];
	tstyle body, head;
	const mc_doc_block *b;
	int header_rows;
} table;

static void row_cells(R *r, const table *t, const mc_doc_line *l, bool head, cell *cells)
{
	for (int c = 0; c < t->ncols; c++) {
		tstyle ts = head ? t->head : t->body;
		if (!head)
			ts.align = t->b->style.col_align[c];
		double w = t->colx[c + 1] - t->colx[c] - 2 * CELL_PAD_X;
		cell_init(r, &cells[c], c < l->ncells ? l->cells[c] : "", &ts, w);
	}
}

/*
 * Draw what fits of a row below the cursor (all of it when possible).
 * Returns true when the row is finished. `force` draws at least one line.
 */
static bool row_part(R *r, const table *t, cell *cells, bool vcenter, bool force)
{
	double avail = r->ybottom - r->y - 2 * CELL_PAD_Y;
	double h = 0;
	int upto[MC_TPL_MAX_COLS];
	bool any = false, all = true;
	for (int c = 0; c < t->ncols; c++) {
		cell *ce = &cells[c];
		int k = ce->next;
		double start = k < ce->nlines ? ce->top[k] : 0;
		while (k < ce->nlines && ce->bot[k] - start <= avail)
			k++;
		if (k == ce->next && k < ce->nlines && force)
			k++;
		if (k > ce->next)
			any = true;
		if (k < ce->nlines)
			all = false;
		upto[c] = k;
		double used = k > ce->next ? ce->bot[k - 1] - start : 0;
		if (used > h)
			h = used;
	}
	if (!any && !all)
		return false;
	double rowh = h + 2 * CELL_PAD_Y;
	for (int c = 0; c < t->ncols; c++) {
		cell *ce = &cells[c];
		if (upto[c] > ce->next) {
			double start = ce->top[ce->next];
			double off = 0;
			if (vcenter) {
				double used = ce->bot[upto[c] - 1] - start;
				off = (h - used) / 2;
			}
			for (int k = ce->next; k < upto[c]; k++) {
				cairo_move_to(r->cr, t->colx[c] + CELL_PAD_X + ce->x[k],
				              r->y + CELL_PAD_Y + off + ce->base[k] - start);
				pango_cairo_show_layout_line(r->cr, ce->line[k]);
			}
			ce->next = upto[c];
		}
		cairo_set_line_width(r->cr, LINE_W);
		cairo_rectangle(r->cr, t->colx[c], r->y, t->colx[c + 1] - t->colx[c], rowh);
		cairo_stroke(r->cr);
	}
	r->y += rowh;
	return all;
}

static double row_height(const table *t, cell *cells)
{
	double h = 0;
	for (int c = 0; c < t->ncols; c++)
		if (cell_rest(&cells[c]) > h)
			h = cell_rest(&cells[c]);
	return h + 2 * CELL_PAD_Y;
}

static void draw_headers(R *r, const table *t)
{
	for (int i = 0; i < t->header_rows; i++) {
		cell cells[MC_TPL_MAX_COLS];
		row_cells(r, t, &t->b->lines[i], true, cells);
		while (!row_part(r, t, cells, true, true))
			new_page(r, false);
		for (int c = 0; c < t->ncols; c++)
			cell_free(&cells[c]);
	}
}

static void do_table(R *r, const mc_doc_block *b)
{
	table t;
	memset(&t, 0, sizeof t);
	t.b = b;
	t.ncols = b->style.ncols;
	t.header_rows = b->style.header_rows;
	if ((size_t)t.header_rows > b->nlines)
		t.header_rows = (int)b->nlines;
	double sum = 0;
	for (int c = 0; c < t.ncols; c++)
		sum += b->style.col_pct[c];
	t.colx[0] = r->x0;
	for (int c = 0; c < t.ncols; c++)
		t.colx[c + 1] = t.colx[c] + r->width * b->style.col_pct[c] / sum;
	block_style(r, b, &t.body);
	t.head = t.body;
	t.head.bold = true;
	t.head.align = MC_ALIGN_CENTER;

	r->y += b->style.before_mm * MM;
	/* header rows plus the first body row stay together */
	cell first[MC_TPL_MAX_COLS];
	double hh = 0;
	for (int i = 0; i < t.header_rows; i++) {
		row_cells(r, &t, &b->lines[i], true, first);
		hh += row_height(&t, first);
		for (int c = 0; c < t.ncols; c++)
			cell_free(&first[c]);
	}
	double firsth = 0;
	if ((size_t)t.header_rows < b->nlines) {
		row_cells(r, &t, &b->lines[t.header_rows], false, first);
		firsth = row_height(&t, first);
		for (int c = 0; c < t.ncols; c++)
			cell_free(&first[c]);
	}
	double fresh = r->ybottom - r->ytop;
	need(r, hh + (firsth < fresh - hh ? firsth : 0));
	draw_headers(r, &t);

	for (size_t i = (size_t)t.header_rows; i < b->nlines; i++) {
		cell cells[MC_TPL_MAX_COLS];
		row_cells(r, &t, &b->lines[i], false, cells);
		double h = row_height(&t, cells);
		/* a row that fits on a fresh page is not split */
		if (r->y + h > r->ybottom && h <= fresh - hh) {
			new_page(r, false);
			draw_headers(r, &t);
		}
		bool done = row_part(r, &t, cells, false, r->y <= r->ytop + hh + 0.5);
		while (!done) {
			new_page(r, false);
			draw_headers(r, &t);
			done = row_part(r, &t, cells, false, true);
		}
		for (int c = 0; c < t.ncols; c++)
			cell_free(&cells[c]);
	}
	r->y += b->style.after_mm * MM;
}

/* ---- recipients and signatures -------------------------------------------------- */

/* Height of a signature column (lines and ~ gaps); draws when `draw`. */
static double sign_column(R *r, const mc_doc_block *b, int col, double x, double w, double y,
                          bool draw)
{
	tstyle ts;
	block_style(r, b, &ts);
	ts.align = MC_ALIGN_CENTER;
	double y0 = y;
	for (size_t i = 0; i < b->nlines; i++) {
		const mc_doc_line *l = &b->lines[i];
		if (l->gap) {
			y += b->style.gap_mm * MM;
			continue;
		}
		const char *text = col < l->ncells ? l->cells[col] : "";
		PangoLayout *lay = make_layout(r, text, &ts, w);
		if (draw)
			draw_layout(r, lay, x, y);
		y += layout_height(lay);
		g_object_unref(lay);
	}
	return y - y0;
}

static double recipients_column(R *r, const mc_doc_block *b, double x, double w, double y,
                                bool draw)
{
	double B = b->style.size_pt > 0 ? b->style.size_pt : r->doc->page.size_pt;
	double y0 = y;
	for (size_t i = 0; i < b->nlines; i++) {
		tstyle ts;
		tstyle_base(r, &ts);
		ts.size = i == 0 ? B - 1 : B - 2;
		ts.bold = ts.italic = i == 0;
		PangoLayout *lay = make_layout(r, b->lines[i].cells[0], &ts, w);
		if (draw)
			draw_layout(r, lay, x, y);
		y += layout_height(lay);
		g_object_unref(lay);
	}
	return y - y0;
}

/* .recipients (optional, left) beside .sign (right); kept on one page. */
static void do_sign(R *r, const mc_doc_block *rec, const mc_doc_block *sg)
{
	const mc_doc_block *first = rec ? rec : sg;
	r->y += first->style.before_mm * MM;
	if (sg && !rec && sg->style.ncols > 1) {
		double sum = 0, x = r->x0, h = 0;
		for (int c = 0; c < sg->style.ncols; c++)
			sum += sg->style.col_pct[c];
		for (int c = 0; c < sg->style.ncols; c++) {
			double w = r->width * sg->style.col_pct[c] / sum;
			double hc = sign_column(r, sg, c, x, w, r->y, false);
			h = hc > h ? hc : h;
			x += w;
		}
		need(r, h);
		x = r->x0;
		for (int c = 0; c < sg->style.ncols; c++) {
			double w = r->width * sg->style.col_pct[c] / sum;
			sign_column(r, sg, c, x, w, r->y, true);
			x += w;
		}
		r->y += h + sg->style.after_mm * MM;
		return;
	}
	double lw = r->width * 0.45, rw = r->width - lw;
	double hl = rec ? recipients_column(r, rec, r->x0, lw, r->y, false) : 0;
	double hr = sg ? sign_column(r, sg, 0, r->x0 + lw, rw, r->y, false) : 0;
	double h = hl > hr ? hl : hr;
	need(r, h);
	if (rec)
		recipients_column(r, rec, r->x0, lw, r->y, true);
	if (sg)
		sign_column(r, sg, 0, r->x0 + lw, rw, r->y, true);
	r->y += h + (sg ? sg->style.after_mm : rec->style.after_mm) * MM;
}

/* ---- document ----------------------------------------------------------------- */

/* Check that the font family exists instead of letting fontconfig substitute. */
static mc_status check_font(R *r, mc_err *e)
{
	PangoFontDescription *fd = pango_font_description_from_string(r->doc->page.font);
	pango_font_description_set_family(fd, r->doc->page.font);
	pango_font_description_set_size(fd, 12 * PANGO_SCALE);
	PangoFont *f = pango_font_map_load_font(r->fm, r->ctx, fd);
	pango_font_description_free(fd);
	bool ok = false;
	if (f) {
		PangoFontDescription *got = pango_font_describe(f);
		const char *fam = pango_font_description_get_family(got);
		ok = fam && g_ascii_strcasecmp(fam, r->doc->page.font) == 0;
		pango_font_description_free(got);
		g_object_unref(f);
	}
	if (!ok)
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("The font \"%s\" is not installed (Liberation Serif comes with the package fonts-liberation2)."),
		                  r->doc->page.font);
	return MC_OK;
}

static void render_blocks(R *r)
{
	const mc_doc *doc = r->doc;
	for (size_t i = 0; i < doc->nblocks; i++) {
		const mc_doc_block *b = &doc->blocks[i];
		switch (b->kind) {
		case MC_TPL_TEXT:
			do_text(r, b);
			break;
		case MC_TPL_HEADER:
			do_header(r, b);
			break;
		case MC_TPL_TABLE:
			do_table(r, b);
			break;
		case MC_TPL_RECIPIENTS:
			if (i + 1 < doc->nblocks && doc->blocks[i + 1].kind == MC_TPL_SIGN) {
				do_sign(r, b, &doc->blocks[i + 1]);
				i++;
			} else {
				do_sign(r, b, NULL);
			}
			break;
		case MC_TPL_SIGN:
			do_sign(r, NULL, b);
			break;
		case MC_TPL_SPACE:
			if (r->y + b->space_mm * MM > r->ybottom)
				new_page(r, false);
			else
				r->y += b->space_mm * MM;
			break;
		case MC_TPL_PAGEBREAK:
			new_page(r, b->src_line == 0);
			break;
		}
	}
}

mc_status mc_print_doc(const mc_doc *doc, const mc_print_page *page, const char *out_pdf,
                       mc_print_info *info, mc_err *e)
{
	R r;
	memset(&r, 0, sizeof r);
	r.doc = doc;
	const mc_tpl_page *tp = &doc->page;
	double w = page ? page->width_mm : tp->width_mm, h = page ? page->height_mm : tp->height_mm;
	r.pw = w * MM;
	r.ph = h * MM;
	r.mt = (page ? page->margin_top_mm : tp->margin_top_mm) * MM;
	r.mr = (page ? page->margin_right_mm : tp->margin_right_mm) * MM;
	r.mb = (page ? page->margin_bottom_mm : tp->margin_bottom_mm) * MM;
	r.ml = (page ? page->margin_left_mm : tp->margin_left_mm) * MM;
	r.x0 = r.ml;
	r.width = r.pw - r.ml - r.mr;
	r.ybottom = r.ph - r.mb;
	if (r.width < 20 * MM || r.ybottom - r.mt < 20 * MM)
		return mc_err_set(e, MC_ERR_INVALID, "%s",
		                  _("The page margins leave no room for text."));

	/*
	 * Letters carry personal data: owner and group only whatever the umask
	 * (the database's policy, src/store/db.c). The file has no name until it
	 * is complete (motcua/outfile.h): cairo writes it through
	 * mc_outfile_name(), and a process killed meanwhile leaves nothing.
	 */
	mc_outfile out;
	int oerr = mc_outfile_open(&out, out_pdf, 0660);
	if (oerr)
		return mc_err_set(e, MC_ERR_IO, _("Cannot write %s: %s."), out_pdf, strerror(oerr));

	r.surf = cairo_pdf_surface_create(mc_outfile_name(&out), r.pw, r.ph);
	if (cairo_surface_status(r.surf) != CAIRO_STATUS_SUCCESS) {
		mc_status st = mc_err_set(e, MC_ERR_IO, _("Cannot write %s: %s."), out_pdf,
		                          cairo_status_to_string(cairo_surface_status(r.surf)));
		cairo_surface_destroy(r.surf);
		mc_outfile_discard(&out);
		return st;
	}
	cairo_pdf_surface_set_metadata(r.surf, CAIRO_PDF_METADATA_CREATOR, "motcua");
	if (doc->title[0])
		cairo_pdf_surface_set_metadata(r.surf, CAIRO_PDF_METADATA_TITLE, doc->title);
	r.cr = cairo_create(r.surf);
	cairo_set_source_rgb(r.cr, 0, 0, 0);

	r.fm = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(r.fm), 72.0);
	r.ctx = pango_font_map_create_context(r.fm);
	pango_cairo_context_set_resolution(r.ctx, 72.0);
	pango_context_set_round_glyph_positions(r.ctx, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(r.cr, r.ctx);

	mc_status st = check_font(&r, e);
	if (st == MC_OK) {
		r.page = 1;
		page_begin(&r);
		render_blocks(&r);
		cairo_show_page(r.cr);
	}
	g_object_unref(r.ctx);
	g_object_unref(r.fm);
	cairo_destroy(r.cr);
	cairo_surface_finish(r.surf);
	cairo_status_t cs = cairo_surface_status(r.surf);
	cairo_surface_destroy(r.surf);
	if (st == MC_OK && cs != CAIRO_STATUS_SUCCESS)
		st = mc_err_set(e, MC_ERR_IO, _("Cannot write %s: %s."), out_pdf,
		                cairo_status_to_string(cs));
	if (st == MC_OK) {
		int err = mc_outfile_commit(&out);
		if (err)
			st = mc_err_set(e, MC_ERR_IO, _("Cannot write %s: %s."), out_pdf, strerror(err));
	} else {
		mc_outfile_discard(&out);
	}
	if (st == MC_OK && info)
		info->pages = r.pages;
	return st;
}

mc_status mc_print_render(const char *template_path, const mc_form_data *data,
                          const mc_print_page *page, const char *out_pdf, mc_print_info *info,
                          mc_err *e)
{
	mc_template *t;
	mc_status st = mc_template_load(template_path, &t, e);
	if (st != MC_OK)
		return st;
	mc_doc *doc;
	st = mc_template_expand(t, data, &doc, e);
	mc_template_free(t);
	if (st != MC_OK)
		return st;
	st = mc_print_doc(doc, page, out_pdf, info, e);
	mc_doc_free(doc);
	return st;
}
