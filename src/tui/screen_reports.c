/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reports: a period picker (calendar month, official 15th-14th month,
 * quarter, 6 months, 9 months, year), the national table by field with its
 * 13 columns, the rates with their definitions, and drill-down: Enter on a
 * number lists how many dossiers are behind it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/export.h"
#include "motcua/forms.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/report.h"
#include "tui/screens.h"

enum { P_MONTH, P_OFFICIAL, P_QUARTER, P_HALF, P_NINE, P_YEAR, P_COUNT };

typedef struct rep_state {
	int kind;
	int offset; /* periods back from the current one */
	mc_date from, to;
	char period_text[64];
	mc_report *rep;
	int row, col; /* cursor: row n_rows = total */
	char range[64]; /* "FROM..TO" typed with r; "" = the kind and offset */
	char error[TUI_MSG];
} rep_state;

static const char *const kind_labels[P_COUNT] = {N_("month"), N_("official month"),
                                                 N_("quarter"), N_("6 months"),
                                                 N_("9 months"), N_("year")};

static void *rep_create(tui_app *app)
{
	(void)app;
	return calloc(1, sizeof(rep_state));
}

static void rep_destroy(void *st)
{
	rep_state *s = st;
	if (s)
		mc_report_free(s->rep);
	free(s);
}

static void period_text(tui_app *app, rep_state *s)
{
	int y, m, d;
	mc_date_to_ymd(mc_time_date((mc_time)tui_now(app)), &y, &m, &d);
	int k = s->offset;
	if (s->range[0]) {
		snprintf(s->period_text, sizeof s->period_text, "%s", s->range);
		return;
	}
	switch (s->kind) {
	case P_MONTH:
	case P_OFFICIAL: {
		int mm = (y * 12 + (m - 1)) - k;
		if (s->kind == P_OFFICIAL && d >= 15)
			mm++; /* from the 15th the official month is the next one */
		snprintf(s->period_text, sizeof s->period_text, "%04d-%02d%s", mm / 12, mm % 12 + 1,
		         s->kind == P_OFFICIAL ? "/official" : "");
		break;
	}
	case P_QUARTER: {
		int q = (y * 4 + (m - 1) / 3) - k;
		snprintf(s->period_text, sizeof s->period_text, "%04d-Q%d", q / 4, q % 4 + 1);
		break;
	}
	case P_HALF: {
		int h = (y * 2 + (m - 1) / 6) - k;
		snprintf(s->period_text, sizeof s->period_text, "%04d-H%d", h / 2, h % 2 + 1);
		break;
	}
	case P_NINE:
		snprintf(s->period_text, sizeof s->period_text, "%04d-9M", y - k);
		break;
	default:
		snprintf(s->period_text, sizeof s->period_text, "%04d", y - k);
		break;
	}
}

static void rep_refresh(tui_app *app, void *st)
{
	rep_state *s = st;
	period_text(app, s);
	mc_err e;
	mc_err_clear(&e);
	s->error[0] = 0;
	mc_report_free(s->rep);
	s->rep = NULL;
	if (mc_period_parse(s->period_text, &s->from, &s->to, &e) != MC_OK) {
		snprintf(s->error, sizeof s->error, "%s", e.msg);
		return;
	}
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	if (mc_report_build(&ctx, s->from, s->to, MC_REPORT_BY_FIELD, &s->rep, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
}

/* A rate's value and its numerator/denominator, "86.2 % (589/683) ". */
static void rate_value(const mc_rate *r, bool narrow, char *buf, size_t size)
{
	if (r->valid)
		snprintf(buf, size, narrow ? "%5.1f %% (%lld/%lld) " : "%5.1f %%  (%lld/%lld)  ",
		         mc_rate_round(r), (long long)r->num, (long long)r->den);
	else
		snprintf(buf, size, "    —    ");
}

/*
 * One rate: its label padded to lw display columns, its value padded to vw,
 * its definition; the definition goes on to a second line under itself
 * when it does not fit (rate C's at 80 columns). With y < 0 nothing is
 * drawn: the lines it takes (1 or 2).
 */
static int rate_line(int y, int cols, int lw, int vw, const char *name, const mc_rate *r,
                     const char *def)
{
	char value[96];
	rate_value(r, cols < 100, value, sizeof value);
	int vx = 2 + lw, dx = vx + vw, dw = cols - 1 - dx;
	const char *start[2];
	size_t len[2];
	int lines = dw >= 10 ? tui_wrap(def, dw, start, len, 2) : 0;
	if (y >= 0) {
		int a = tui_attr(TUI_ROLE_NORMAL);
		tui_put(y, 1, lw, name, a, false);
		if (cols - 1 - vx > 0)
			tui_put(y, vx, cols - 1 - vx, value, a, false);
		for (int i = 0; i < lines; i++)
			tui_put_span(y + i, dx, dw, start[i], len[i], a, false);
	}
	return lines > 1 ? lines : 1;
}

static void rep_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	rep_state *s = st;
	(void)app;
	char head[256], f[11], t[11];
	mc_date_format_vn(s->from, f);
	mc_date_format_vn(s->to, t);
	snprintf(head, sizeof head, _("Period: %s (%s) from %s to %s"), s->period_text,
	         s->range[0] ? _("range") : _(kind_labels[s->kind]), f, t);
	tui_put(y0, 1, cols - 2, head, tui_attr(TUI_ROLE_HEADER), false);
	if (!s->rep) {
		tui_put(y0 + 2, 1, cols - 2, s->error, tui_attr(TUI_ROLE_ERROR), false);
		return;
	}
	/* The rates under the table, with their definitions: lines they take. */
	const struct {
		const char *name;
		const mc_rate *r;
		const char *def;
	} rates[] = {
		{_("Rate A"), &s->rep->rate_a, _("(early + on time) / resolved")},
		{_("Rate B"), &s->rep->rate_b, _("(early + on time) / received")},
		{_("Rate C"), &s->rep->rate_c, _("100 − (late + pending overdue) / (resolved + pending)")},
		{_("Satisfaction"), &s->rep->satisfaction, _("ratings 2 or 3 / rated dossiers resolved")},
		{_("Share online"), &s->rep->online_share, _("online / received in the period")},
		{_("Apologies"), &s->rep->late_with_apology,
		 _("late dossiers with an apology / late dossiers")},
	};
#define NRATES (sizeof rates / sizeof rates[0])
	/* The labels' column is as wide as the widest label in the interface's language. */
	int lw = 0, vw = 0;
	for (size_t i = 0; i < NRATES; i++) {
		char value[96];
		rate_value(rates[i].r, cols < 100, value, sizeof value);
		if (tui_width(rates[i].name) > lw)
			lw = tui_width(rates[i].name);
		if (tui_width(value) > vw)
			vw = tui_width(value); /* the definitions in one column */
	}
	int extra = 0; /* definitions that take a second line */
	for (size_t i = 0; i < NRATES; i++)
		extra += rate_line(-1, cols, lw, vw, rates[i].name, rates[i].r, rates[i].def) - 1;
	/* Columns 3..13: numbers 6 wide; the field takes the rest. */
	int nw = 6, ncols = MC_RC_COUNT - 1; /* stopped/withdrawn not shown in the table */
	int fw = cols - 2 - ncols * nw;
	if (fw < 12)
		fw = 12;
	int hy = y0 + 1, a = tui_attr(TUI_ROLE_HEADER);
	tui_fill(hy, 0, cols, a);
	tui_put(hy, 1, fw - 1, _("Field"), a, false);
	for (int c = 0; c < ncols; c++) {
		char num[8];
		snprintf(num, sizeof num, "(%d)", c + 3);
		tui_put_right(hy, 1 + fw + c * nw, nw - 1, num, a);
	}
	int body = rows - 11 - extra;
	int n = (int)s->rep->n_rows + 1;
	int top = s->row >= body ? s->row - body + 1 : 0;
	for (int i = 0; i < body && top + i < n; i++) {
		int r = top + i;
		const mc_report_row *row = r < (int)s->rep->n_rows ? &s->rep->rows[r] : &s->rep->total;
		int y = hy + 1 + i;
		int ra = tui_attr(r == n - 1 ? TUI_ROLE_HEADER : TUI_ROLE_NORMAL);
		tui_put(y, 1, fw - 1, r == n - 1 ? _("Total") : row->field, ra, false);
		for (int c = 0; c < ncols; c++) {
			char num[24];
			snprintf(num, sizeof num, "%lld", (long long)row->n[c]);
			bool sel = r == s->row && c == s->col;
			tui_put_right(y, 1 + fw + c * nw, nw - 1, num,
			              sel ? tui_attr(TUI_ROLE_SELECTED) : ra);
		}
	}
	int y = y0 + rows - 8 - extra;
	/* The selected cell in words: its field first, whose name the table may
	 * have cut ("Đăng ký bi…" at 80 columns), then its column. */
	char colname[200], line[400];
	snprintf(colname, sizeof colname, _("Column (%d): %s — Enter: the dossiers behind the number"),
	         s->col + 3, mc_report_col_label((mc_report_col)s->col));
	snprintf(line, sizeof line, "%s · %s",
	         s->row < (int)s->rep->n_rows ? s->rep->rows[s->row].field : _("Total"), colname);
	tui_put(y++, 1, cols - 2, line, tui_attr(TUI_ROLE_DIM), false);
	for (size_t i = 0; i < NRATES; i++)
		y += rate_line(y, cols, lw, vw, rates[i].name, rates[i].r, rates[i].def);
#undef NRATES
	tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_REPORTS);
}

static void drill(tui_app *app, rep_state *s)
{
	if (!s->rep)
		return;
	const char *group = s->row < (int)s->rep->n_rows ? s->rep->rows[s->row].field : NULL;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	int64_t *ids = NULL;
	size_t n = 0;
	if (mc_report_ids(&ctx, s->from, s->to, MC_REPORT_BY_FIELD, group, (mc_report_col)s->col, &ids,
	                  &n, &e) != MC_OK) {
		tui_message(app, true, "%s", e.msg);
		return;
	}
	char title[400];
	snprintf(title, sizeof title, _("%s — column (%d) \"%s\", %s"), group ? group : _("Total"),
	         s->col + 3, mc_report_col_label((mc_report_col)s->col), s->period_text);
	if (n == 0) {
		free(ids);
		tui_message(app, false, "%s", _("No dossier is behind this number."));
		return;
	}
	tui_list_open_ids(app, ids, n, title); /* the list owns ids now */
}

/* ---- export ---------------------------------------------------------------- */

static bool do_export(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	rep_state *s = ctx_;
	char path[2048];
	tui_dlg_text(d, 0, path, sizeof path);
	if (!path[0]) {
		snprintf(err, size, "%s", _("give the path of the workbook to write."));
		return false;
	}
	char dir[2048];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		if (!tui_mkdirs(dir, err, size))
			return false;
	}
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_export_summary sum;
	tui_busy(app, _("Writing %s…"), tui_short_path(path));
	if (mc_export_period(&ctx, s->period_text, path, &sum, &e) != MC_OK) {
		tui_message(app, false, "%s", ""); /* the refusal is in the dialog */
		snprintf(err, size, "%s", e.msg);
		return false;
	}
	tui_message(app, false, _("Wrote %s (%zu field(s), %zu dossier(s) in the register)."), tui_short_path(path),
	            sum.fields, sum.register_rows);
	return true;
}

static bool do_range(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	rep_state *s = ctx_;
	char text[64];
	tui_dlg_text(d, 0, text, sizeof text);
	mc_date from, to;
	mc_err e;
	mc_err_clear(&e);
	if (mc_period_parse(text, &from, &to, &e) != MC_OK) {
		snprintf(err, size, "%s", e.msg);
		return false;
	}
	snprintf(s->range, sizeof s->range, "%s", text);
	s->row = 0;
	rep_refresh(app, s);
	return true;
}

static void open_range(tui_app *app, rep_state *s)
{
	char initial[32];
	mc_date_format(s->from, initial);
	snprintf(initial + 10, sizeof initial - 10, "..");
	mc_date_format(s->to, initial + 12);
	tui_dialog *d = tui_dialog_open(app, _("Any range of days"), do_range, s);
	tui_dlg_add_text(d, _("Period (FROM..TO)"), s->range[0] ? s->range : initial);
	snprintf(d->note, sizeof d->note, "%s",
	         _("Both days included, e.g. 2025-01-01..2025-06-30; also 2025-06, 2025-Q2, 2025-H1, 2025."));
}

static void open_export(tui_app *app, rep_state *s)
{
	char name[64], path[2200];
	snprintf(name, sizeof name, "%s", s->period_text);
	for (char *c = name; *c; c++)
		if (*c == '/' || *c == '.')
			*c = '-';
	snprintf(path, sizeof path, "%s/report-%s.xlsx", tui_output_dir(app), name);
	tui_dialog *d = tui_dialog_open(app, _("Export the period to Excel"), do_export, s);
	tui_dlg_add_text(d, _("Workbook"), path);
	snprintf(d->note, sizeof d->note, _("Period %s: form 06, register, overdue dossiers, PAR inputs."),
	         s->period_text);
}

/* The register (form 07) of the period: printed when a printer command is set. */
static void print_register(tui_app *app, rep_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_form_options o;
	memset(&o, 0, sizeof o);
	o.from = s->from;
	o.to = s->to;
	bool printer = app->cli->cfg.printer_command[0] != 0;
	char written[2200];
	/* A month of a provincial centre is thousands of pages: say so first. */
	tui_busy(app, "%s", _("Writing the register of the period…"));
	if (mc_form_print(&ctx, MC_FORM_REGISTER, NULL, &o, NULL, printer, written, sizeof written,
	                  &e) != MC_OK)
		tui_message(app, true, "%s", e.msg);
	else if (printer)
		tui_message(app, false, _("Wrote %s and sent it to the printer."), tui_short_path(written));
	else
		tui_message(app, false, _("Wrote %s."), tui_short_path(written));
}

static bool rep_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	rep_state *s = st;
	(void)k;
	int nrows = s->rep ? (int)s->rep->n_rows + 1 : 0;
	switch (act) {
	case TUI_ACT_PERIOD_KIND:
		if (!s->range[0])
			s->kind = (s->kind + 1) % P_COUNT;
		s->range[0] = 0;
		s->offset = 0;
		break;
	case TUI_ACT_PERIOD_PREV: s->range[0] = 0; s->offset++; break;
	case TUI_ACT_PERIOD_NEXT: s->range[0] = 0; if (s->offset > 0) s->offset--; break;
	case TUI_ACT_PERIOD_RANGE: open_range(app, s); return true;
	case TUI_ACT_UP: if (s->row > 0) s->row--; return true;
	case TUI_ACT_DOWN: if (s->row + 1 < nrows) s->row++; return true;
	case TUI_ACT_LEFT: if (s->col > 0) s->col--; return true;
	case TUI_ACT_RIGHT: if (s->col + 2 < MC_RC_COUNT) s->col++; return true;
	case TUI_ACT_OPEN: drill(app, s); return true;
	case TUI_ACT_EXPORT:
		if (s->rep)
			open_export(app, s);
		return true;
	case TUI_ACT_PRINT:
		if (s->rep)
			print_register(app, s);
		return true;
	default: return false;
	}
	s->row = 0;
	rep_refresh(app, s);
	return true;
}

const tui_screen_ops tui_screen_reports = {
	.name = "reports",
	.title = N_("Reports"),
	.create = rep_create,
	.destroy = rep_destroy,
	.draw = rep_draw,
	.on_key = rep_key,
	.refresh_data = rep_refresh,
};
