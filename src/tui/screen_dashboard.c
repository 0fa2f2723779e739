/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dashboard: the counters a desk looks at every morning (today's intake, in
 * progress, due within a working day, overdue, waiting for supplement,
 * waiting for collection), this month's on-time rate, and the apology list:
 * dossiers that need an apology letter, with the date by which it must go out.
 * Each counter opens the matching list with Enter.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/query.h"
#include "motcua/report.h"
#include "tui/screens.h"

#define DASH_COUNTERS 6
#define DASH_APOLOGY 50

typedef struct dash_state {
	int64_t count[DASH_COUNTERS];
	bool rate_valid;
	double rate;
	char rate_label[128];
	mc_dossier *apology;
	size_t napology;
	int64_t apology_total;
	int cursor; /* 0..DASH_COUNTERS-1 counters, then apology rows */
	char error[TUI_MSG];
} dash_state;

static const char *const counter_labels[DASH_COUNTERS] = {
	N_("Received today"), N_("In progress"), N_("Due within 1 working day"),
	N_("Overdue"), N_("Waiting for supplement"), N_("Waiting for collection"),
};

static void counter_query(tui_app *app, int i, mc_query *q)
{
	mc_query_init(q);
	switch (i) {
	case 0: {
		mc_date today = mc_time_date((mc_time)tui_now(app));
		q->received_from = mc_time_make(today, 0);
		q->received_to = mc_time_make(today + 1, 0);
		break;
	}
	case 1: q->kind = MC_LIST_OPEN; q->sort = MC_SORT_DUE; break;
	case 2: q->kind = MC_LIST_DUE_SOON; q->sort = MC_SORT_DUE; break;
	case 3: q->kind = MC_LIST_OVERDUE; q->sort = MC_SORT_DUE; break;
	case 4: q->kind = MC_LIST_SUPPLEMENT; q->sort = MC_SORT_DUE; break;
	default: q->kind = MC_LIST_READY; q->sort = MC_SORT_DUE; break;
	}
}

static void *dash_create(tui_app *app)
{
	(void)app;
	dash_state *s = calloc(1, sizeof *s);
	if (s)
		s->apology = calloc(DASH_APOLOGY, sizeof *s->apology);
	return s;
}

static void dash_destroy(void *st)
{
	dash_state *s = st;
	if (s)
		free(s->apology);
	free(s);
}

static void month_rate(tui_app *app, dash_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	int y, m, d;
	mc_date today = mc_time_date((mc_time)tui_now(app));
	mc_date_to_ymd(today, &y, &m, &d);
	mc_report *rep = NULL;
	mc_err e;
	mc_err_clear(&e);
	s->rate_valid = false;
	if (mc_report_build(&ctx, mc_date_from_ymd(y, m, 1), today, MC_REPORT_BY_FIELD, &rep, &e) ==
	        MC_OK &&
	    rep->rate_a.valid) {
		s->rate_valid = true;
		s->rate = mc_rate_round(&rep->rate_a);
	}
	mc_report_free(rep);
}

static void dash_refresh(tui_app *app, void *st)
{
	dash_state *s = st;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	s->error[0] = 0;
	for (int i = 0; i < DASH_COUNTERS; i++) {
		mc_query q;
		counter_query(app, i, &q);
		if (mc_dossier_count(&ctx, &q, &s->count[i], &e) != MC_OK) {
			snprintf(s->error, sizeof s->error, "%s", e.msg);
			s->count[i] = -1;
		}
	}
	mc_query q;
	mc_query_init(&q);
	q.kind = MC_LIST_APOLOGY;
	q.sort = MC_SORT_DUE;
	q.limit = DASH_APOLOGY;
	mc_cursor next;
	s->napology = 0;
	if (mc_dossier_list(&ctx, &q, s->apology, &s->napology, &next, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
	if (mc_dossier_count(&ctx, &q, &s->apology_total, &e) != MC_OK)
		s->apology_total = (int64_t)s->napology;
	month_rate(app, s);
}

static void dash_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	dash_state *s = st;
	int normal = tui_attr(TUI_ROLE_NORMAL);
	tui_put(y0, 1, cols - 2, app->cli->cfg.desk_name, tui_attr(TUI_ROLE_HEADER), false);
	/* Counters in two columns of three. */
	static const tui_role roles[DASH_COUNTERS] = {TUI_ROLE_NORMAL, TUI_ROLE_NORMAL,
	                                               TUI_ROLE_SOON, TUI_ROLE_LATE,
	                                               TUI_ROLE_NORMAL, TUI_ROLE_OK};
	int colw = (cols - 4) / 2;
	for (int i = 0; i < DASH_COUNTERS; i++) {
		int y = y0 + 2 + i % 3, x = 2 + (i / 3) * colw;
		bool sel = s->cursor == i;
		char num[32];
		if (s->count[i] < 0)
			snprintf(num, sizeof num, "—");
		else
			snprintf(num, sizeof num, "%lld", (long long)s->count[i]);
		int a = sel ? tui_attr(TUI_ROLE_SELECTED) : normal;
		tui_put(y, x, colw - 10, _(counter_labels[i]), a, true);
		tui_put_right(y, x + colw - 10, 8,
		              num, sel ? a : tui_attr(s->count[i] > 0 ? roles[i] : TUI_ROLE_NORMAL));
	}
	char rate[160];
	if (s->rate_valid)
		snprintf(rate, sizeof rate, _("On-time rate this month: %.1f %%"), s->rate);
	else
		snprintf(rate, sizeof rate, "%s", _("On-time rate this month: no dossier resolved yet"));
	tui_put(y0 + 6, 2, cols - 4, rate,
	        tui_attr(!s->rate_valid ? TUI_ROLE_DIM
	                                : s->rate >= 100.0 ? TUI_ROLE_OK
	                                : s->rate >= 95.0 ? TUI_ROLE_SOON
	                                                  : TUI_ROLE_LATE),
	        false);
	/* Apology list. */
	char title[200];
	snprintf(title, sizeof title, _("Apology letters to send (%lld) — F5 for the full list"),
	         (long long)s->apology_total);
	int y = y0 + 8;
	tui_put(y++, 1, cols - 2, title, tui_attr(TUI_ROLE_HEADER), false);
	if (s->napology == 0) {
		tui_put(y, 2, cols - 4, _("No apology is due."), tui_attr(TUI_ROLE_OK), false);
	} else {
		int a = tui_attr(TUI_ROLE_DIM);
		tui_put(y, 2, 26, _("Code"), a, false);
		tui_put(y, 29, cols - 66, _("Applicant"), a, false);
		tui_put(y, cols - 36, 17, _("Send before"), a, false);
		tui_put(y, cols - 18, 17, _("Due"), a, false);
		y++;
	}
	for (size_t i = 0; i < s->napology && y < y0 + rows; i++, y++) {
		const mc_dossier *d = &s->apology[i];
		bool sel = s->cursor == DASH_COUNTERS + (int)i;
		int a = tui_attr(sel ? TUI_ROLE_SELECTED : tui_dossier_role(app, d));
		tui_fill(y, 1, cols - 2, a);
		tui_put(y, 2, 26, d->code, a, false);
		tui_put(y, 29, cols - 66, d->applicant_name, a, false);
		char by[32], due[32];
		tui_short_time(mc_apology_deadline(app->cal, d->due), by, sizeof by);
		tui_short_time(d->due, due, sizeof due);
		tui_put(y, cols - 36, 17, by, a, false);
		tui_put(y, cols - 18, 17, due, a, false);
	}
	if (s->error[0])
		tui_put(y0 + rows - 1, 1, cols - 2, s->error, tui_attr(TUI_ROLE_ERROR), false);
}

/* Provided by screen_list.c: open the list on a prepared query. */
void tui_list_open_query(tui_app *app, const mc_query *q, const char *title);

static bool dash_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	dash_state *s = st;
	(void)k;
	int n = DASH_COUNTERS + (int)s->napology;
	switch (act) {
	case TUI_ACT_UP: s->cursor = s->cursor > 0 ? s->cursor - 1 : 0; return true;
	case TUI_ACT_DOWN: s->cursor = s->cursor + 1 < n ? s->cursor + 1 : n - 1; return true;
	case TUI_ACT_LEFT: if (s->cursor >= 3 && s->cursor < DASH_COUNTERS) s->cursor -= 3; return true;
	case TUI_ACT_RIGHT: if (s->cursor < 3) s->cursor += 3; return true;
	case TUI_ACT_HOME: s->cursor = 0; return true;
	case TUI_ACT_OPEN:
		if (s->cursor < DASH_COUNTERS) {
			mc_query q;
			counter_query(app, s->cursor, &q);
			tui_list_open_query(app, &q, _(counter_labels[s->cursor]));
		} else {
			tui_open_detail(app, s->apology[s->cursor - DASH_COUNTERS].code);
		}
		return true;
	default: return false;
	}
}

const tui_screen_ops tui_screen_dashboard = {
	.name = "dashboard",
	.title = N_("Dashboard"),
	.create = dash_create,
	.destroy = dash_destroy,
	.draw = dash_draw,
	.on_key = dash_key,
	.refresh_data = dash_refresh,
};
