/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Excel workbook of a period (include/motcua/export.h), written with
 * libxlsxwriter in constant_memory mode: every sheet is written strictly row
 * by row, merges and headers first, so memory stays flat however many
 * dossiers stream through the register and overdue iterators.
 *
 * libxlsxwriter 1.1.4 has no worksheet_autofit(): column widths come from
 * the longest text written to each column (counted while cleaning the text)
 * and are set just before the workbook is closed, which constant_memory mode
 * allows because the <cols> element is assembled at close time.
 *
 * The file goes to a temporary name in the target directory and is renamed
 * over the target only when everything succeeded.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "motcua/export.h"
#include "motcua/i18n.h"
#include "motcua/outfile.h"
#include "zlevel.h"

#if !defined(LXW_VERSION_ID) || LXW_VERSION_ID < 110
#error "motcua needs libxlsxwriter 1.1.0 or later"
#endif

#define MAX_COLS 20
#define TEXT_MAX 8192       /* longest text cell we write (bytes) */
#define WIDTH_MAX 50.0      /* widest column, in characters */
#define EXCEL_EPOCH 25569.0 /* 1970-01-01 as an Excel serial day */
#define EXCEL_MAX_ROW 1048575u
#define PAPER_A4 9

/* ---- text helpers (public, also unit-tested) ------------------------- */

size_t mc_export_clean_text(const char *s, char *out, size_t size)
{
	size_t o = 0, nchars = 0;
	if (!out || size == 0)
		return 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		unsigned c = p[0];
		size_t len;
		uint32_t cp;
		if (c < 0x80) {
			if (c == '\t' || c == '\n' || c == '\r') {
				c = ' ';
			} else if (c < 0x20 || c == 0x7f) {
				p++;
				continue;
			}
			if (o + 1 >= size)
				break;
			out[o++] = (char)c;
			nchars++;
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			cp = c & 0x07;
		} else {
			p++; /* stray continuation byte or invalid lead */
			continue;
		}
		size_t k;
		for (k = 1; k < len; k++) {
			if ((p[k] & 0xc0) != 0x80)
				break;
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		if (k < len) {
			p++;
			continue;
		}
		bool bad = (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		           (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff ||
		           (cp >= 0x80 && cp <= 0x9f);
		if (bad) {
			p += len;
			continue;
		}
		if (o + len >= size)
			break;
		memcpy(out + o, p, len);
		o += len;
		nchars++;
		p += len;
	}
	out[o] = '\0';
	return nchars;
}

void mc_export_mask_id(const char *id, char *out, size_t size)
{
	if (!out || size == 0)
		return;
	if (!id)
		id = "";
	size_t n = strlen(id);
	size_t head = n >= 8 ? 4 : 0;
	size_t tail = n >= 8 ? 3 : (n > 2 ? 2 : 0);
	size_t i;
	for (i = 0; i < n && i + 1 < size; i++)
		out[i] = (i < head || i >= n - tail) ? id[i] : '*';
	out[i] = '\0';
}

/* ---- writer state ------------------------------------------------------ */

typedef struct sheet {
	lxw_worksheet *ws;
	const char *name;
	unsigned ncols;
	double chars[MAX_COLS]; /* longest content per column, in characters */
	double min_w[MAX_COLS];
	double max_w[MAX_COLS];
} sheet;

typedef struct writer {
	lxw_workbook *wb;
	const mc_export_input *in;
	mc_err *e;
	lxw_error lerr; /* first libxlsxwriter error */
	char text[TEXT_MAX];
	char masked[256];
	/* formats */
	lxw_format *title, *subtitle, *italic_right, *label, *label_bold, *hdr, *hdr_num;
	lxw_format *txt, *txt_wrap, *txt_bold, *num, *num_plain, *num_bold, *pct, *pct_bold;
	lxw_format *date, *datetime, *datetime_plain, *note;
	sheet sheets[5];
} writer;

static void check(writer *w, lxw_error err)
{
	if (err != LXW_NO_ERROR && w->lerr == LXW_NO_ERROR)
		w->lerr = err;
}

static void track(sheet *s, unsigned col, double chars)
{
	if (col < MAX_COLS && chars > s->chars[col])
		s->chars[col] = chars;
}

/* A text cell: cleaned, always a string (never a formula), blank when empty. */
static void put_text(writer *w, sheet *s, lxw_row_t r, lxw_col_t c, const char *v, lxw_format *f)
{
	size_t n = mc_export_clean_text(v, w->text, sizeof w->text);
	if (n == 0) {
		check(w, worksheet_write_blank(s->ws, r, c, f));
		return;
	}
	check(w, worksheet_write_string(s->ws, r, c, w->text, f));
	track(s, c, (double)n);
}

static void put_num(writer *w, sheet *s, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	int digits = 1;
	for (double a = v < 0 ? -v : v; a >= 10.0 && digits < 16; a /= 10.0)
		digits++;
	check(w, worksheet_write_number(s->ws, r, c, v, f));
	track(s, c, (double)digits * 1.2 + (v < 0));
}

/* A ratio as a real percentage cell, or a dash when its denominator is 0. */
static void put_ratio(writer *w, sheet *s, lxw_row_t r, lxw_col_t c, const mc_export_ratio *x,
                      lxw_format *f)
{
	if (x->valid)
		put_num(w, s, r, c, x->percent / 100.0, f);
	else
		put_text(w, s, r, c, "\xe2\x80\x94", w->txt); /* em dash */
}

static double excel_serial(mc_time t)
{
	return EXCEL_EPOCH + (double)t / (double)MC_MIN_PER_DAY;
}

static void put_time(writer *w, sheet *s, lxw_row_t r, lxw_col_t c, mc_time t, lxw_format *f)
{
	if (t == MC_TIME_NONE) {
		check(w, worksheet_write_blank(s->ws, r, c, w->txt));
		return;
	}
	check(w, worksheet_write_number(s->ws, r, c, excel_serial(t), f));
	track(s, c, f == w->date ? 10.0 : 16.0);
}

/* A merged single-row range; in constant_memory mode it must be on the current row. */
static void put_merged(writer *w, sheet *s, lxw_row_t r, lxw_col_t c1, lxw_col_t c2, const char *v,
                       lxw_format *f)
{
	mc_export_clean_text(v, w->text, sizeof w->text);
	if (c1 == c2)
		check(w, worksheet_write_string(s->ws, r, c1, w->text, f));
	else
		check(w, worksheet_merge_range(s->ws, r, c1, r, c2, w->text, f));
}

/*
 * Two-row header in constant_memory mode. tops[c] is the top-row text of
 * column c or NULL when it continues the group on its left; subs[c] is the
 * bottom-row text or NULL when the top cell spans both rows. The top row is
 * written and its horizontal merges registered while it is the current row;
 * then the bottom row; then the vertical merges (their first cell is already
 * written, their blank cells land on the current row).
 */
static void put_header2(writer *w, sheet *s, lxw_row_t r, const char *const *tops,
                        const char *const *subs, unsigned ncols)
{
	unsigned c;
	for (c = 0; c < ncols; c++) {
		if (tops[c])
			put_text(w, s, r, (lxw_col_t)c, tops[c], w->hdr);
		else
			check(w, worksheet_write_blank(s->ws, r, (lxw_col_t)c, w->hdr));
	}
	for (c = 0; c < ncols; c++) {
		if (!tops[c] || !subs[c])
			continue;
		unsigned last = c;
		while (last + 1 < ncols && !tops[last + 1])
			last++;
		if (last > c)
			put_merged(w, s, r, (lxw_col_t)c, (lxw_col_t)last, tops[c], w->hdr);
	}
	for (c = 0; c < ncols; c++) {
		if (subs[c])
			put_text(w, s, r + 1, (lxw_col_t)c, subs[c], w->hdr);
		else
			check(w, worksheet_write_blank(s->ws, r + 1, (lxw_col_t)c, w->hdr));
	}
	for (c = 0; c < ncols; c++)
		if (tops[c] && !subs[c])
			worksheet_merge_range(s->ws, r, (lxw_col_t)c, r + 1, (lxw_col_t)c, tops[c], w->hdr);
	/* The header text wraps: it should not make its column wider than this. */
	for (c = 0; c < ncols && c < MAX_COLS; c++)
		if (s->chars[c] > 14)
			s->chars[c] = 14;
}

/* One-row header of a list sheet. */
static void put_header1(writer *w, sheet *s, lxw_row_t r, const char *const *names, unsigned ncols)
{
	for (unsigned c = 0; c < ncols; c++) {
		size_t n = mc_export_clean_text(_(names[c]), w->text, sizeof w->text);
		check(w, worksheet_write_string(s->ws, r, (lxw_col_t)c, w->text, w->hdr));
		/* Long headers wrap over two or three lines. */
		double want = n > 36 ? (double)n / 3.0 : n > 12 ? (double)n / 2.0 + 1 : (double)n;
		track(s, c, want);
	}
}

/* Print set-up shared by every sheet: A4 landscape, fit to width, page numbers. */
static void page_setup(writer *w, sheet *s, lxw_row_t repeat_first, lxw_row_t repeat_last)
{
	worksheet_set_landscape(s->ws);
	worksheet_set_paper(s->ws, PAPER_A4);
	worksheet_fit_to_pages(s->ws, 1, 0);
	worksheet_set_margins(s->ws, 0.4, 0.4, 0.6, 0.6);
	char footer[128];
	snprintf(footer, sizeof footer, "&C%s", _("Page &P of &N"));
	check(w, worksheet_set_footer(s->ws, footer));
	check(w, worksheet_repeat_rows(s->ws, repeat_first, repeat_last));
}

static void set_widths(writer *w, sheet *s)
{
	for (unsigned c = 0; c < s->ncols && c < MAX_COLS; c++) {
		double width = s->chars[c] * 1.1 + 2.0;
		if (width < s->min_w[c])
			width = s->min_w[c];
		if (s->max_w[c] > 0 && width > s->max_w[c])
			width = s->max_w[c];
		if (width > WIDTH_MAX)
			width = WIDTH_MAX;
		check(w, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL));
	}
}

static void fmt_period(const mc_export_header *h, char *buf, size_t size)
{
	char a[11], b[11];
	mc_date_format_vn(h->from, a);
	mc_date_format_vn(h->to, b);
	snprintf(buf, size, _("From %s to %s"), a, b);
}

/* ---- formats ----------------------------------------------------------- */

static lxw_format *fmt_new(writer *w, bool border)
{
	lxw_format *f = workbook_add_format(w->wb);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 11);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	return f;
}

static void make_formats(writer *w)
{
	w->title = fmt_new(w, false);
	format_set_bold(w->title);
	format_set_font_size(w->title, 13);
	format_set_align(w->title, LXW_ALIGN_CENTER);
	format_set_text_wrap(w->title);
	w->subtitle = fmt_new(w, false);
	format_set_align(w->subtitle, LXW_ALIGN_CENTER);
	format_set_italic(w->subtitle);
	w->italic_right = fmt_new(w, false);
	format_set_italic(w->italic_right);
	format_set_align(w->italic_right, LXW_ALIGN_RIGHT);
	w->label = fmt_new(w, false);
	w->label_bold = fmt_new(w, false);
	format_set_bold(w->label_bold);
	w->note = fmt_new(w, false);
	format_set_text_wrap(w->note);
	format_set_align(w->note, LXW_ALIGN_LEFT);
	w->hdr = fmt_new(w, true);
	format_set_bold(w->hdr);
	format_set_text_wrap(w->hdr);
	format_set_align(w->hdr, LXW_ALIGN_CENTER);
	format_set_bg_color(w->hdr, 0xD9E1F2);
	w->hdr_num = fmt_new(w, true);
	format_set_italic(w->hdr_num);
	format_set_align(w->hdr_num, LXW_ALIGN_CENTER);
	format_set_font_size(w->hdr_num, 9);
	w->txt = fmt_new(w, true);
	w->txt_wrap = fmt_new(w, true);
	format_set_text_wrap(w->txt_wrap);
	w->txt_bold = fmt_new(w, true);
	format_set_bold(w->txt_bold);
	w->num = fmt_new(w, true);
	format_set_num_format(w->num, "#,##0");
	w->num_plain = fmt_new(w, true);
	format_set_num_format(w->num_plain, "0");
	w->num_bold = fmt_new(w, true);
	format_set_num_format(w->num_bold, "#,##0");
	format_set_bold(w->num_bold);
	w->pct = fmt_new(w, true);
	format_set_num_format(w->pct, "0.0%");
	w->pct_bold = fmt_new(w, true);
	format_set_num_format(w->pct_bold, "0.0%");
	format_set_bold(w->pct_bold);
	w->date = fmt_new(w, true);
	format_set_num_format(w->date, "dd/mm/yyyy");
	format_set_align(w->date, LXW_ALIGN_CENTER);
	w->datetime = fmt_new(w, true);
	format_set_num_format(w->datetime, "dd/mm/yyyy hh:mm");
	format_set_align(w->datetime, LXW_ALIGN_CENTER);
	w->datetime_plain = fmt_new(w, false);
	format_set_num_format(w->datetime_plain, "dd/mm/yyyy hh:mm");
	format_set_align(w->datetime_plain, LXW_ALIGN_LEFT);
}

/* ---- sheet 1: the national table (Biểu 06) ----------------------------- */

#define T_COLS 13

static long long cnt(const mc_export_counts *c, unsigned col)
{
	switch (col) {
	case 2: return c->received_total;
	case 3: return c->received_online;
	case 4: return c->received_direct_postal;
	case 5: return c->carried_over;
	case 6: return c->resolved_total;
	case 7: return c->resolved_early;
	case 8: return c->resolved_on_time;
	case 9: return c->resolved_late;
	case 10: return c->pending_total;
	case 11: return c->pending_within;
	default: return c->pending_overdue;
	}
}

static void rate_row(writer *w, sheet *s, lxw_row_t r, const char *name, const mc_export_ratio *x,
                     const char *definition)
{
	put_merged(w, s, r, 0, 1, name, w->txt_bold);
	put_ratio(w, s, r, 2, x, w->pct_bold);
	if (x->num >= 0)
		put_num(w, s, r, 3, (double)x->num, w->num);
	else
		check(w, worksheet_write_blank(s->ws, r, 3, w->txt));
	if (x->den >= 0)
		put_num(w, s, r, 4, (double)x->den, w->num);
	else
		check(w, worksheet_write_blank(s->ws, r, 4, w->txt));
	put_merged(w, s, r, 5, T_COLS - 1, definition, w->note);
	check(w, worksheet_set_row(s->ws, r, 30, NULL));
}

static void write_table(writer *w, sheet *s)
{
	const mc_export_input *in = w->in;
	const mc_export_header *h = &in->header;
	char buf[1024], period[160];
	lxw_row_t r = 0;

	s->ncols = T_COLS;
	s->min_w[0] = 5;
	s->max_w[0] = 6;
	s->min_w[1] = 28;
	s->max_w[1] = 45;
	for (unsigned c = 2; c < T_COLS; c++) {
		s->min_w[c] = 10;
		s->max_w[c] = 14;
	}

	/* Title block. */
	put_merged(w, s, r, 0, 5, h->superior ? h->superior : "", w->label);
	put_merged(w, s, r, 9, T_COLS - 1, _("Form 06/VPCP/KSTT"), w->italic_right);
	r++;
	snprintf(buf, sizeof buf, "%s%s%s%s", h->agency ? h->agency : "",
	         h->agency_code && *h->agency_code ? " (" : "",
	         h->agency_code ? h->agency_code : "", h->agency_code && *h->agency_code ? ")" : "");
	put_merged(w, s, r, 0, 5, buf, w->label_bold);
	r++;
	r++;
	put_merged(w, s, r, 0, T_COLS - 1,
	           _("STATUS AND RESULTS OF HANDLING ADMINISTRATIVE PROCEDURES AT THE AGENCY OR UNIT "
	             "THAT RESOLVES THEM DIRECTLY"),
	           w->title);
	check(w, worksheet_set_row(s->ws, r, 36, NULL));
	r++;
	fmt_period(h, period, sizeof period);
	if (h->period_name && *h->period_name)
		snprintf(buf, sizeof buf, _("Reporting period: %s (%s)"), period, h->period_name);
	else
		snprintf(buf, sizeof buf, _("Reporting period: %s"), period);
	put_merged(w, s, r, 0, T_COLS - 1, buf, w->subtitle);
	r++;
	put_merged(w, s, r, 0, 1, _("Made on:"), w->label);
	check(w, worksheet_write_number(s->ws, r, 2, excel_serial(h->made_at), w->datetime_plain));
	put_merged(w, s, r, 5, 6, _("Made by:"), w->label);
	put_merged(w, s, r, 7, 11, h->made_by ? h->made_by : "", w->label_bold);
	r++;
	r++;

	/* Merged two-row header, then the column numbers. */
	const lxw_row_t hdr = r;
	const char *tops[T_COLS] = {
		_("No."), _("Field, work resolved by level"), _("Dossiers received for resolution"),
		NULL, NULL, NULL, _("Dossiers resolved"), NULL, NULL, NULL,
		_("Dossiers being resolved"), NULL, NULL};
	const char *subs[T_COLS] = {
		NULL, NULL, _("Total"), _("In the period: online"),
		_("In the period: in person, postal service"), _("Carried over from the previous period"),
		_("Total"), _("Early"), _("On time"), _("Late"), _("Total"), _("Within the time limit"),
		_("Overdue")};
	put_header2(w, s, r, tops, subs, T_COLS);
	check(w, worksheet_set_row(s->ws, r + 1, 48, NULL));
	r += 2;
	static const char *const numbers[T_COLS] = {"(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)",
	                                            "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)",
	                                            "(11)=(12)+(13)", "(12)", "(13)"};
	for (unsigned c = 0; c < T_COLS; c++)
		check(w, worksheet_write_string(s->ws, r, (lxw_col_t)c, numbers[c], w->hdr_num));
	const lxw_row_t filter_row = r;
	r++;

	/* One row per field. */
	const lxw_row_t first = r;
	for (size_t i = 0; i < in->nrows; i++, r++) {
		const mc_export_row *row = &in->rows[i];
		put_num(w, s, r, 0, (double)(i + 1), w->num_plain);
		put_text(w, s, r, 1, row->field, w->txt_wrap);
		for (unsigned c = 2; c < T_COLS; c++)
			put_num(w, s, r, (lxw_col_t)c, (double)cnt(&row->c, c), w->num);
	}
	const lxw_row_t last = r - 1;
	/* The autofilter's last row must not be behind the current row. */
	if (in->nrows > 0)
		check(w, worksheet_autofilter(s->ws, filter_row, 0, last, T_COLS - 1));

	/* Total row: SUM formulas with the report's totals as cached values. */
	check(w, worksheet_write_blank(s->ws, r, 0, w->txt_bold));
	put_text(w, s, r, 1, _("Grand total"), w->txt_bold);
	for (unsigned c = 2; c < T_COLS; c++) {
		double v = (double)cnt(&in->total, c);
		if (in->nrows > 0) {
			char col[4], f[64];
			lxw_col_to_name(col, (lxw_col_t)c, false);
			snprintf(f, sizeof f, "=SUM(%s%u:%s%u)", col, (unsigned)first + 1, col,
			         (unsigned)last + 1);
			check(w, worksheet_write_formula_num(s->ws, r, (lxw_col_t)c, f, w->num_bold, v));
		} else {
			put_num(w, s, r, (lxw_col_t)c, v, w->num_bold);
		}
	}
	r += 2;

	/* Reconciliation in words and in numbers. */
	const mc_export_counts *t = &in->total;
	long long in_period = t->received_online + t->received_direct_postal;
	long long left = t->carried_over + in_period;
	long long right = t->resolved_total + t->pending_total + t->stopped_withdrawn;
	put_merged(w, s, r, 0, T_COLS - 1,
	           _("Reconciliation: carried over + received in the period = resolved + being "
	             "resolved at the end of the period + stopped or withdrawn in the period."),
	           w->note);
	check(w, worksheet_set_row(s->ws, r, 30, NULL));
	r++;
	snprintf(buf, sizeof buf, _("%lld + %lld = %lld + %lld + %lld (%lld = %lld): %s"),
	         t->carried_over, in_period, t->resolved_total, t->pending_total,
	         t->stopped_withdrawn, left, right,
	         left == right ? _("the figures reconcile") : _("THE FIGURES DO NOT RECONCILE"));
	put_merged(w, s, r, 0, T_COLS - 1, buf, w->label_bold);
	r += 2;

	/* On-time rates with their definitions. */
	put_merged(w, s, r, 0, 1, _("On-time rate"), w->hdr);
	put_text(w, s, r, 2, _("Rate"), w->hdr);
	put_text(w, s, r, 3, _("Numerator"), w->hdr);
	put_text(w, s, r, 4, _("Denominator"), w->hdr);
	put_merged(w, s, r, 5, T_COLS - 1, _("Definition"), w->hdr);
	r++;
	rate_row(w, s, r++, _("Rate A"), &in->rate_a,
	         _("A = (resolved early + resolved on time) / dossiers resolved, columns "
	           "((8)+(9))/(7). The figure most often used."));
	rate_row(w, s, r++, _("Rate B"), &in->rate_b,
	         _("B = (resolved early + resolved on time) / dossiers received for resolution, "
	           "the wording of Decree 61/2018/ND-CP Art. 30."));
	rate_row(w, s, r++, _("Rate C"), &in->rate_c,
	         _("C = 100% - (resolved late + being resolved overdue) / (resolved + being "
	           "resolved), columns 100% - ((10)+(13))/((7)+(11))."));

	worksheet_freeze_panes(s->ws, filter_row + 1, 2);
	page_setup(w, s, hdr, filter_row);
}

/* ---- sheets 2 and 3: the register and the overdue list ----------------- */

static const char *const register_cols[] = {
	N_("No. (register entry)"), N_("Dossier code"), N_("Administrative procedure"),
	N_("Field"), N_("Sets"), N_("Applicant"), N_("ID number"), N_("Address"),
	N_("Phone"), N_("Channel"), N_("Lead agency"), N_("Received"),
	N_("Promised return"), N_("Sent to the processing agency"),
	N_("Result back from the agency"), N_("Returned to the applicant"), N_("Status"),
	N_("Remarks")};
#define R_COLS (sizeof register_cols / sizeof register_cols[0])

static const char *id_text(writer *w, const char *id)
{
	if (!id || !*id || !w->in->mask_ids)
		return id;
	mc_export_mask_id(id, w->masked, sizeof w->masked);
	return w->masked;
}

/* Title rows of a list sheet; returns the header row. */
static lxw_row_t list_title(writer *w, sheet *s, const char *title, unsigned ncols)
{
	char buf[512], period[160];
	const mc_export_header *h = &w->in->header;
	put_merged(w, s, 0, 0, (lxw_col_t)(ncols - 1), title, w->title);
	check(w, worksheet_set_row(s->ws, 0, 22, NULL));
	fmt_period(h, period, sizeof period);
	snprintf(buf, sizeof buf, "%s \xe2\x80\x94 %s", h->agency ? h->agency : "", period);
	put_merged(w, s, 1, 0, (lxw_col_t)(ncols - 1), buf, w->subtitle);
	return 3;
}

/* Start a dossier list sheet: ncols columns at least 8 characters wide, column 2 (the
 * procedure) at most 45, the title rows, then the header row (45 high) of cols. Returns
 * the header row; the caller may narrow more columns. */
static lxw_row_t list_begin(writer *w, sheet *s, const char *title, const char *const *cols,
                            unsigned ncols)
{
	s->ncols = ncols;
	for (unsigned c = 0; c < ncols; c++)
		s->min_w[c] = 8;
	s->max_w[2] = 45;
	lxw_row_t hdr = list_title(w, s, title, ncols);
	put_header1(w, s, hdr, cols, ncols);
	check(w, worksheet_set_row(s->ws, hdr, 45, NULL));
	return hdr;
}

static mc_status list_end(writer *w, sheet *s, lxw_row_t hdr, lxw_row_t r, unsigned ncols)
{
	worksheet_freeze_panes(s->ws, hdr + 1, 2);
	check(w, worksheet_autofilter(s->ws, hdr, 0, r > hdr + 1 ? r - 1 : hdr + 1,
	                              (lxw_col_t)(ncols - 1)));
	page_setup(w, s, hdr, hdr);
	return MC_OK;
}

static mc_status too_many(writer *w)
{
	return mc_err_set(w->e, MC_ERR_RANGE,
	                  _("The period has more than %u dossiers, more than one Excel sheet holds; "
	                    "export a shorter period."),
	                  EXCEL_MAX_ROW - 4);
}

/* The next dossier of a list sheet into *d, NULL at the end (or when the list has no
 * iterator); r is the row it would go to, checked against Excel's last row. */
static mc_status list_next(writer *w, const mc_export_iter *it, lxw_row_t r,
                           const mc_export_dossier **d)
{
	*d = NULL;
	if (!it->next)
		return MC_OK;
	mc_status st = it->next(it->ctx, d, w->e);
	if (st != MC_OK)
		return st;
	if (*d && r > EXCEL_MAX_ROW)
		return too_many(w);
	return MC_OK;
}

static mc_status write_register(writer *w, sheet *s)
{
	lxw_row_t hdr = list_begin(w, s, _("DOSSIER REGISTER"), register_cols, R_COLS);
	s->max_w[7] = 40;
	s->max_w[17] = 40;
	lxw_row_t r = hdr + 1;
	long long seq = 0;
	for (;;) {
		const mc_export_dossier *d;
		mc_status st = list_next(w, &w->in->register_rows, r, &d);
		if (st != MC_OK)
			return st;
		if (!d)
			break;
		seq++;
		put_num(w, s, r, 0, (double)(d->register_no > 0 ? d->register_no : seq), w->num_plain);
		put_text(w, s, r, 1, d->code, w->txt);
		put_text(w, s, r, 2, d->procedure, w->txt_wrap);
		put_text(w, s, r, 3, d->field, w->txt);
		put_num(w, s, r, 4, (double)d->sets, w->num);
		put_text(w, s, r, 5, d->applicant, w->txt);
		put_text(w, s, r, 6, id_text(w, d->id_number), w->txt);
		put_text(w, s, r, 7, d->address, w->txt_wrap);
		put_text(w, s, r, 8, d->phone, w->txt);
		put_text(w, s, r, 9, d->channel, w->txt);
		put_text(w, s, r, 10, d->lead_unit, w->txt);
		put_time(w, s, r, 11, d->received, w->datetime);
		put_time(w, s, r, 12, d->due, w->datetime);
		put_time(w, s, r, 13, d->sent_to_unit, w->datetime);
		put_time(w, s, r, 14, d->result_back, w->datetime);
		put_time(w, s, r, 15, d->returned, w->datetime);
		put_text(w, s, r, 16, d->status, w->txt);
		put_text(w, s, r, 17, d->note, w->txt_wrap);
		r++;
		if (w->lerr != LXW_NO_ERROR)
			break;
	}
	return list_end(w, s, hdr, r, R_COLS);
}

static const char *const overdue_cols[] = {
	N_("No."), N_("Dossier code"), N_("Administrative procedure"), N_("Field"),
	N_("Applicant"), N_("Phone"), N_("Unit handling it now"), N_("Received"),
	N_("Due"), N_("New due date after the apology"), N_("Situation"),
	N_("Working days late"), N_("Apology due by"), N_("Apology"), N_("Apology sent on"),
	N_("Reason for the delay")};
#define O_COLS (sizeof overdue_cols / sizeof overdue_cols[0])

static mc_status write_overdue(writer *w, sheet *s)
{
	lxw_row_t hdr = list_begin(w, s, _("OVERDUE AND AT-RISK DOSSIERS"), overdue_cols, O_COLS);
	s->max_w[15] = 40;
	lxw_row_t r = hdr + 1;
	long long seq = 0;
	for (;;) {
		const mc_export_dossier *d;
		mc_status st = list_next(w, &w->in->overdue_rows, r, &d);
		if (st != MC_OK)
			return st;
		if (!d)
			break;
		bool extended = d->original_due != MC_TIME_NONE;
		put_num(w, s, r, 0, (double)++seq, w->num_plain);
		put_text(w, s, r, 1, d->code, w->txt);
		put_text(w, s, r, 2, d->procedure, w->txt_wrap);
		put_text(w, s, r, 3, d->field, w->txt);
		put_text(w, s, r, 4, d->applicant, w->txt);
		put_text(w, s, r, 5, d->phone, w->txt);
		put_text(w, s, r, 6, d->current_unit, w->txt);
		put_time(w, s, r, 7, d->received, w->datetime);
		put_time(w, s, r, 8, extended ? d->original_due : d->due, w->datetime);
		put_time(w, s, r, 9, extended ? d->due : MC_TIME_NONE, w->datetime);
		put_text(w, s, r, 10, d->overdue ? _("Overdue") : _("At risk"), w->txt);
		put_num(w, s, r, 11, (double)d->days_late, w->num);
		put_time(w, s, r, 12, d->apology_deadline, w->datetime);
		put_text(w, s, r, 13, d->apology ? _("Apology sent") : _("No apology yet"),
		         w->txt);
		put_time(w, s, r, 14, d->apology ? d->apology_at : MC_TIME_NONE, w->datetime);
		put_text(w, s, r, 15, d->apology_reason, w->txt_wrap);
		r++;
		if (w->lerr != LXW_NO_ERROR)
			break;
	}
	return list_end(w, s, hdr, r, O_COLS);
}

/* ---- sheet 4: PAR inputs ----------------------------------------------- */

static void par_row(writer *w, sheet *s, lxw_row_t r, const char *name, const mc_export_ratio *x,
                    const char *definition)
{
	put_text(w, s, r, 0, name, w->txt_bold);
	put_ratio(w, s, r, 1, x, w->pct_bold);
	if (x->num >= 0)
		put_num(w, s, r, 2, (double)x->num, w->num);
	else
		check(w, worksheet_write_blank(s->ws, r, 2, w->txt));
	if (x->den >= 0)
		put_num(w, s, r, 3, (double)x->den, w->num);
	else
		check(w, worksheet_write_blank(s->ws, r, 3, w->txt));
	put_text(w, s, r, 4, definition, w->txt_wrap);
}

static void write_par(writer *w, sheet *s)
{
	const mc_export_input *in = w->in;
	static const char *const cols[] = {N_("Indicator"), N_("Value"), N_("Numerator"),
	                                   N_("Denominator"), N_("How it is computed")};
	s->ncols = 5;
	s->min_w[0] = 30;
	s->max_w[0] = 45;
	s->min_w[1] = 10;
	s->min_w[2] = 11;
	s->min_w[3] = 11;
	s->min_w[4] = 40;
	s->max_w[4] = 70;
	lxw_row_t hdr = list_title(w, s, _("PAR INDEX INPUTS OF THE PERIOD"), 5);
	put_header1(w, s, hdr, cols, 5);
	lxw_row_t r = hdr + 1;
	par_row(w, s, r++, _("On-time rate A"), &in->rate_a,
	        _("(early + on time) / resolved"));
	par_row(w, s, r++, _("On-time rate B"), &in->rate_b,
	        _("(early + on time) / received for resolution"));
	par_row(w, s, r++, _("On-time rate C"), &in->rate_c,
	        _("100% - (resolved late + pending overdue) / (resolved + pending)"));
	par_row(w, s, r++, _("Late dossiers with an apology"), &in->late_with_apology,
	        _("late dossiers that got a written apology / late dossiers"));
	par_row(w, s, r++, _("Online share"), &in->online_share,
	        _("dossiers received online / dossiers received in the period"));
	par_row(w, s, r++, _("Satisfaction"), &in->satisfaction,
	        _("satisfied and very satisfied ratings / ratings given"));
	const mc_export_counts *t = &in->total;
	const struct {
		const char *name;
		long long v;
	} counts[] = {
		{_("Dossiers resolved late"), t->resolved_late},
		{_("Dossiers pending and overdue at the end of the period"), t->pending_overdue},
		{_("Dossiers received online in the period"), t->received_online},
		{_("Dossiers received in person or by post in the period"), t->received_direct_postal},
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++, r++) {
		put_text(w, s, r, 0, counts[i].name, w->txt_bold);
		put_num(w, s, r, 1, (double)counts[i].v, w->num);
		check(w, worksheet_write_blank(s->ws, r, 2, w->txt));
		check(w, worksheet_write_blank(s->ws, r, 3, w->txt));
		put_text(w, s, r, 4, _("number of dossiers"), w->txt_wrap);
	}
	r++;
	put_merged(w, s, r, 0, 4,
	           _("Points and thresholds come from the PAR rubric (motcua par); this sheet gives "
	             "the inputs the dossier data feeds."),
	           w->note);
	worksheet_freeze_panes(s->ws, hdr + 1, 1);
	page_setup(w, s, hdr, hdr);
}

/* ---- sheet 5: the chart of the on-time rate by field ------------------- */

/*
 * The chart's data is a small table on the same sheet, written first; the
 * chart only references it. In constant_memory mode libxlsxwriter cannot
 * cache the referenced values in the chart part, so Excel and LibreOffice
 * draw it from the cells when the file is opened.
 */
static void write_chart(writer *w, sheet *s)
{
	const mc_export_input *in = w->in;
	static const char *const cols[] = {N_("Field"), N_("Resolved"), N_("Early or on time"),
	                                   N_("On-time rate (A)")};
	s->ncols = 4;
	s->min_w[0] = 25;
	s->max_w[0] = 40;
	s->min_w[1] = 11;
	s->min_w[2] = 11;
	s->min_w[3] = 11;
	lxw_row_t hdr = list_title(w, s, _("ON-TIME RATE (A) BY FIELD"), 8);
	put_header1(w, s, hdr, cols, 4);
	lxw_row_t r = hdr + 1;
	for (size_t i = 0; i < in->nrows; i++, r++) {
		const mc_export_counts *c = &in->rows[i].c;
		long long good = c->resolved_early + c->resolved_on_time;
		put_text(w, s, r, 0, in->rows[i].field, w->txt);
		put_num(w, s, r, 1, (double)c->resolved_total, w->num);
		put_num(w, s, r, 2, (double)good, w->num);
		if (c->resolved_total > 0)
			put_num(w, s, r, 3, (double)good / (double)c->resolved_total, w->pct);
		else
			put_text(w, s, r, 3, "\xe2\x80\x94", w->txt);
	}
	if (in->nrows > 0) {
		lxw_chart *chart = workbook_add_chart(w->wb, LXW_CHART_COLUMN);
		lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(series, s->name, hdr + 1, 0, r - 1, 0);
		chart_series_set_values(series, s->name, hdr + 1, 3, r - 1, 3);
		chart_series_set_name(series, _("On-time rate (A)"));
		chart_series_set_labels(series);
		chart_series_set_labels_num_format(series, "0.0%");
		chart_title_set_name(chart, _("On-time rate (A) by field"));
		chart_axis_set_num_format(chart->y_axis, "0%");
		chart_axis_set_min(chart->y_axis, 0);
		chart_axis_set_max(chart->y_axis, 1);
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
		lxw_chart_options opt = {.x_scale = 1.6, .y_scale = 1.4};
		check(w, worksheet_insert_chart_opt(s->ws, hdr, 5, chart, &opt));
	}
	worksheet_freeze_panes(s->ws, hdr + 1, 0);
	page_setup(w, s, hdr, hdr);
}

/* ---- the workbook ------------------------------------------------------ */

static bool is_empty(const mc_export_counts *t)
{
	return t->received_total == 0 && t->carried_over == 0 && t->resolved_total == 0 &&
	       t->pending_total == 0 && t->stopped_withdrawn == 0 && t->received_online == 0 &&
	       t->received_direct_postal == 0;
}

/* A closed period with no data at all is refused (e names it). */
static bool refused_empty(const mc_export_input *in, mc_err *e)
{
	if (!in->refuse_empty || !is_empty(&in->total))
		return false;
	char period[160];
	fmt_period(&in->header, period, sizeof period);
	mc_err_set(e, MC_ERR_NOT_FOUND,
	           _("There are no dossiers in the closed period %s; no workbook was written."),
	           period);
	return true;
}

/* The workbook's file, unnamed until it is complete (motcua/outfile.h). */
static mc_status make_temp(const char *path, mc_outfile *out, mc_err *e)
{
	/* Personal data: owner and group only whatever the umask, as the
	 * database (src/store/db.c); libxlsxwriter truncates the file and keeps it. */
	int err = mc_outfile_open(out, path, 0660);
	if (err == ENAMETOOLONG)
		return mc_err_set(e, MC_ERR_INVALID, _("The output path \"%s\" is too long."), path);
	if (err) {
		const char *slash = strrchr(path, '/');
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
		         slash ? (slash == path ? "/" : path) : ".");
		return mc_err_set(e, err == EACCES || err == EROFS || err == EPERM ? MC_ERR_DENIED : MC_ERR_IO,
		                  _("Cannot write the workbook in the folder \"%s\": %s."), dir,
		                  strerror(err));
	}
	return MC_OK;
}

mc_status mc_export_workbook(const char *path, const mc_export_input *in, mc_err *e)
{
	if (!path || !*path)
		return mc_err_set(e, MC_ERR_INVALID, _("No output file was given."));
	if (!in)
		return mc_err_set(e, MC_ERR_INVALID, _("Nothing to export."));
	if (in->header.to < in->header.from)
		return mc_err_set(e, MC_ERR_INVALID, _("The period ends before it starts."));
	if (!in->complete && refused_empty(in, e))
		return MC_ERR_NOT_FOUND;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return mc_err_set(e, MC_ERR_INVALID, _("The output path \"%s\" is a folder."), path);

	mc_outfile out;
	mc_status status = make_temp(path, &out, e);
	if (status != MC_OK)
		return status;

	writer *w = calloc(1, sizeof *w);
	if (!w) {
		mc_outfile_discard(&out);
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
	}
	/* The writer's copy: complete() fills the table part of it. */
	mc_export_input input = *in;
	w->in = &input;
	w->e = e;
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
	w->wb = workbook_new_opt(mc_outfile_name(&out), &opt);
	if (!w->wb) {
		free(w);
		mc_outfile_discard(&out);
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
	}
	make_formats(w);

	static const char *const names[5] = {N_("Form 06"), N_("Register"), N_("Overdue"),
	                                     N_("PAR inputs"), N_("Chart")};
	for (int i = 0; i < 5; i++) {
		w->sheets[i].name = _(names[i]);
		w->sheets[i].ws = workbook_add_worksheet(w->wb, w->sheets[i].name);
		if (!w->sheets[i].ws) {
			workbook_close(w->wb);
			free(w);
			mc_outfile_discard(&out);
			return mc_err_set(e, MC_ERR_INVALID, _("Bad sheet name \"%s\"."), _(names[i]));
		}
	}

	/* The lists first: in constant_memory mode each sheet only needs its own
	 * rows in order, and the table may still be in the making (complete). */
	status = write_register(w, &w->sheets[1]);
	if (status == MC_OK)
		status = write_overdue(w, &w->sheets[2]);
	if (status == MC_OK && input.complete &&
	    (status = input.complete(input.complete_ctx, &input, e)) == MC_OK &&
	    refused_empty(&input, e))
		status = MC_ERR_NOT_FOUND;
	if (status == MC_OK) {
		write_table(w, &w->sheets[0]);
		write_par(w, &w->sheets[3]);
		write_chart(w, &w->sheets[4]);
	}
	for (int i = 0; i < 5; i++)
		set_widths(w, &w->sheets[i]);
	worksheet_activate(w->sheets[0].ws);

	char title[512], period[160];
	fmt_period(&in->header, period, sizeof period);
	snprintf(title, sizeof title, "%s %s", _("Form 06"), period);
	lxw_doc_properties props = {
		.title = title,
		.subject = _("Status and results of handling administrative procedures"),
		.author = (char *)(in->header.made_by ? in->header.made_by : ""),
		.company = (char *)(in->header.agency ? in->header.agency : ""),
		.created = (time_t)((in->header.made_at - 7 * 60) * 60),
	};
	check(w, workbook_set_properties(w->wb, &props));

	/* Packing the zip is where the level and the worker threads apply (zlevel.c). */
	mc_export_zlevel_begin(in->compression > 0 ? in->compression : -1, true);
	lxw_error close_err = workbook_close(w->wb);
	mc_export_zlevel_end();
	if (status == MC_OK && w->lerr != LXW_NO_ERROR)
		status = mc_err_set(e, MC_ERR_IO, _("Cannot write the workbook \"%s\": %s."), path,
		                    lxw_strerror(w->lerr));
	if (status == MC_OK && close_err != LXW_NO_ERROR)
		status = mc_err_set(e, MC_ERR_IO, _("Cannot write the workbook \"%s\": %s."), path,
		                    lxw_strerror(close_err));
	free(w);
	if (status == MC_OK) {
		int err = mc_outfile_commit(&out);
		if (err)
			status = mc_err_set(e, MC_ERR_IO, _("Cannot write the workbook \"%s\": %s."), path,
			                    strerror(err));
	} else {
		mc_outfile_discard(&out);
	}
	return status;
}
