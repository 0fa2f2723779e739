/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The supervisor's screen: apologies that must go out (the default tab, so
 * F5 from anywhere answers "which apology letters are due today"), overdue
 * dossiers grouped by unit with days late and apology status, and at-risk
 * dossiers. Loads at most one bounded batch per tab.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/query.h"
#include "tui/screens.h"

#define BATCH 500

typedef struct over_state {
	int tab; /* 0 apology, 1 overdue, 2 at risk */
	mc_dossier *rows;
	size_t n;
	int64_t total;
	int cursor, top;
	char error[TUI_MSG];
} over_state;

static const char *const tab_names[3] = {N_("Apology needed"), N_("Overdue by unit"),
                                         N_("At risk")};

static void *over_create(tui_app *app)
{
	(void)app;
	over_state *s = calloc(1, sizeof *s);
	if (s)
		s->rows = calloc(BATCH, sizeof *s->rows);
	return s;
}

static void over_destroy(void *st)
{
	over_state *s = st;
	if (s)
		free(s->rows);
	free(s);
}

static int by_unit(const void *a, const void *b)
{
	const mc_dossier *x = a, *y = b;
	int c = strcmp(x->unit_name, y->unit_name);
	if (c)
		return c;
	return x->due < y->due ? -1 : x->due > y->due;
}

static void over_refresh(tui_app *app, void *st)
{
	over_state *s = st;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_query q;
	mc_query_init(&q);
	static const mc_list_kind kinds[3] = {MC_LIST_APOLOGY, MC_LIST_OVERDUE, MC_LIST_AT_RISK};
	q.kind = kinds[s->tab];
	q.sort = MC_SORT_DUE;
	q.limit = BATCH;
	mc_cursor next;
	s->n = 0;
	s->error[0] = 0;
	if (mc_dossier_list(&ctx, &q, s->rows, &s->n, &next, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
	if (mc_dossier_count(&ctx, &q, &s->total, &e) != MC_OK)
		s->total = (int64_t)s->n;
	if (s->tab == 1)
		qsort(s->rows, s->n, sizeof *s->rows, by_unit);
	if (s->cursor >= (int)s->n)
		s->cursor = s->n ? (int)s->n - 1 : 0;
}

static void over_enter(tui_app *app, void *st)
{
	over_state *s = st;
	if (app->fresh)
		s->tab = s->cursor = s->top = 0;
}

static void over_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	over_state *s = st;
	int x = 1;
	for (int t = 0; t < 3; t++) {
		char label[128];
		if (t == s->tab)
			snprintf(label, sizeof label, " %s (%lld) ", _(tab_names[t]), (long long)s->total);
		else
			snprintf(label, sizeof label, " %s ", _(tab_names[t]));
		x += tui_put(y0, x, cols - x, label,
		             tui_attr(t == s->tab ? TUI_ROLE_SELECTED : TUI_ROLE_DIM), false) + 1;
	}
	tui_put(y0, x + 1, cols - x - 1, _("(Tab: next list)"), tui_attr(TUI_ROLE_DIM), false);
	int hy = y0 + 1, a = tui_attr(TUI_ROLE_HEADER);
	tui_fill(hy, 0, cols, a);
	/* The late and apology columns as wide as their words in the interface's
	 * language ("Quá hạn", "CHƯA GỬI, hạn 16/11/2026 17:00"); the name takes the
	 * rest. Below 100 columns the code shows its end and the moments drop the
	 * year ("16/11 17:00"), so that the apology deadline stays whole at 80. */
	bool narrow = cols < 100;
	void (*when)(long long, char *, size_t) = narrow ? tui_day_time : tui_short_time;
	const char *zero = narrow ? "00/00 00:00" : "00/00/2000 00:00";
	int cw = tui_code_width(cols), dw = (int)strlen(zero) + 1,
	    lw = tui_width(_("Late")) + 1, pw = 24;
	if (lw < 6)
		lw = 6;
	char sample[128];
	snprintf(sample, sizeof sample, _("NOT SENT, by %s"), zero);
	if (tui_width(sample) > pw)
		pw = tui_width(sample);
	snprintf(sample, sizeof sample, _("sent %s"), zero);
	if (tui_width(sample) > pw)
		pw = tui_width(sample);
	int nw = cols - cw - dw - lw - pw - 6;
	if (nw < 14) { /* a narrow terminal: the apology text is cut, not the names */
		pw -= 14 - nw;
		nw = 14;
	}
	tui_put(hy, 0, cw, _("Code"), a, false);
	tui_put(hy, cw + 1, nw, _("Applicant"), a, false);
	tui_put(hy, cw + nw + 2, dw, _("Due"), a, false);
	tui_put(hy, cw + nw + dw + 3, lw, _("Late"), a, false);
	tui_put(hy, cw + nw + dw + lw + 4, pw, _("Apology"), a, false);
	int body = rows - 2;
	/* Group headers take lines too: build the visual lines on the fly. */
	int vis = 0, line = 0;
	const char *group = NULL;
	if (s->cursor < s->top)
		s->top = s->cursor;
	for (int pass = 0; pass < 2; pass++) {
		vis = 0;
		line = 0;
		group = NULL;
		int cursor_line = 0;
		for (size_t i = 0; i < s->n; i++) {
			const mc_dossier *d = &s->rows[i];
			if (s->tab == 1 && (!group || strcmp(group, d->unit_name) != 0)) {
				group = d->unit_name;
				line++;
			}
			if ((int)i == s->cursor)
				cursor_line = line;
			line++;
		}
		if (pass == 0) {
			if (cursor_line >= s->top + body)
				s->top = cursor_line - body + 1;
			if (cursor_line < s->top)
				s->top = cursor_line > 0 ? cursor_line - 1 : 0;
		}
	}
	line = 0;
	group = NULL;
	for (size_t i = 0; i < s->n; i++) {
		const mc_dossier *d = &s->rows[i];
		if (s->tab == 1 && (!group || strcmp(group, d->unit_name) != 0)) {
			group = d->unit_name;
			if (line >= s->top && line - s->top < body)
				tui_put(hy + 1 + line - s->top, 0, cols, d->unit_name[0] ? d->unit_name : d->unit_code,
				        tui_attr(TUI_ROLE_HEADER), false);
			line++;
		}
		if (line >= s->top && line - s->top < body) {
			int y = hy + 1 + line - s->top;
			bool sel = (int)i == s->cursor;
			int ra = tui_attr(sel ? TUI_ROLE_SELECTED : tui_dossier_role(app, d));
			tui_fill(y, 0, cols, ra);
			char due[32], late[16], apo[128], t[32];
			when(d->due, due, sizeof due);
			int dl = tui_days_late(app, d->due);
			snprintf(late, sizeof late, "%d", dl);
			if (d->has_apology) {
				when(d->apology.at, t, sizeof t);
				snprintf(apo, sizeof apo, _("sent %s"), t);
			} else {
				when(mc_apology_deadline(app->cal, d->due), t, sizeof t);
				snprintf(apo, sizeof apo, _("NOT SENT, by %s"), t);
			}
			tui_put_code(y, 0, cw, d->code, ra);
			tui_put(y, cw + 1, nw, d->applicant_name, ra, false);
			tui_put(y, cw + nw + 2, dw, due, ra, false);
			tui_put_right(y, cw + nw + dw + 3, lw - 1, dl ? late : "", ra);
			tui_put(y, cw + nw + dw + lw + 4, pw, apo, ra, false);
			vis++;
		}
		line++;
	}
	if (s->n == 0)
		tui_put(hy + 2, 2, cols - 4, s->error[0] ? s->error : _("Nothing here. Good."),
		        tui_attr(s->error[0] ? TUI_ROLE_ERROR : TUI_ROLE_OK), false);
	(void)vis;
}

static bool over_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	over_state *s = st;
	(void)k;
	if (act == TUI_ACT_NEXT_TAB || act == TUI_ACT_RIGHT || act == TUI_ACT_LEFT) {
		s->tab = act == TUI_ACT_LEFT ? (s->tab + 2) % 3 : (s->tab + 1) % 3;
		s->cursor = s->top = 0;
		over_refresh(app, s);
		return true;
	}
	if (tui_list_move(act, &s->cursor, (int)s->n, app->rows - 6))
		return true;
	if (act == TUI_ACT_OPEN && s->n > 0) {
		tui_open_detail(app, s->rows[s->cursor].code);
		return true;
	}
	return false;
}

const tui_screen_ops tui_screen_overdue = {
	.name = "overdue",
	.title = N_("Overdue and at risk"),
	.create = over_create,
	.destroy = over_destroy,
	.draw = over_draw,
	.on_key = over_key,
	.refresh_data = over_refresh,
	.on_enter = over_enter,
};
