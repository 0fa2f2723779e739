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
#include "motcua/par.h"
#include "motcua/query.h"
#include "motcua/report.h"
#include "tui/screens.h"

#define DASH_COUNTERS 6
#define DASH_APOLOGY 50

typedef struct dash_state {
	int64_t count[DASH_COUNTERS];
	bool rate_valid;
	double rate;
	int64_t rate_num, rate_den;
	/* The PAR criterion fed by the on-time rate and what this month's rate earns. */
	mc_rubric *rubric;
	bool rubric_tried;
	const mc_par_criterion *ontime;
	bool par_valid;
	mc_par_result par;
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
	if (s) {
		free(s->apology);
		mc_rubric_free(s->rubric);
	}
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
	s->par_valid = false;
	if (!s->rubric_tried) {
		s->rubric_tried = true;
		mc_err re;
		mc_err_clear(&re);
		if (app->cli->cfg.rubric_path[0] &&
		    mc_rubric_load(app->cli->cfg.rubric_path, &s->rubric, &re) == MC_OK) {
			for (size_t i = 0; i < mc_rubric_count(s->rubric) && !s->ontime; i++) {
				const mc_par_criterion *c = mc_rubric_criterion(s->rubric, i);
				if (c->metric == MC_PAR_ONTIME_A || c->metric == MC_PAR_ONTIME_B ||
				    c->metric == MC_PAR_ONTIME_C)
					s->ontime = c;
			}
		}
	}
	if (mc_report_build(&ctx, mc_date_from_ymd(y, m, 1), today, MC_REPORT_BY_FIELD, &rep, &e) !=
	    MC_OK)
		return;
	/* The variant the rubric names (A when there is no rubric), with its inputs as
	 * par_store.c takes them from the same table. */
	const int64_t *n = rep->total.n;
	int64_t good = n[MC_RC_RESOLVED_EARLY] + n[MC_RC_RESOLVED_ON_TIME];
	mc_par_metric metric = s->ontime ? s->ontime->metric : MC_PAR_ONTIME_A;
	int64_t num = good, den = n[MC_RC_RESOLVED_TOTAL];
	if (metric == MC_PAR_ONTIME_B) {
		den = n[MC_RC_RECEIVED_TOTAL];
	} else if (metric == MC_PAR_ONTIME_C) {
		den = n[MC_RC_RESOLVED_TOTAL] + n[MC_RC_PENDING_TOTAL];
		num = den - n[MC_RC_RESOLVED_LATE] - n[MC_RC_PENDING_OVERDUE];
	}
	mc_report_free(rep);
	s->rate_num = num;
	s->rate_den = den;
	if (den > 0) {
		s->rate_valid = true;
		/* One decimal, rounded half up exactly, as `motcua par` prints it. */
		s->rate = (double)((num * 1000 * 2 + den) / (2 * den)) / 10.0;
	}
	if (s->ontime && mc_par_score_ratio(s->ontime, mc_rubric_empty(s->rubric), num, den, &s->par,
	                                    &e) == MC_OK)
		s->par_valid = true;
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
		/* Label and count share colw - 2 columns: the count takes what it needs (at
		 * least 6), the label the rest ("Đến hạn trong 1 ngày làm việc" is 29). */
		int nw = (int)strlen(num) > 6 ? (int)strlen(num) : 6;
		tui_put(y, x, colw - 3 - nw, _(counter_labels[i]), a, true);
		tui_put_right(y, x + colw - 3 - nw, nw + 1,
		              num, sel ? a : tui_attr(s->count[i] > 0 ? roles[i] : TUI_ROLE_NORMAL));
	}
	char rate[400];
	mc_par_metric m = s->ontime ? s->ontime->metric : MC_PAR_ONTIME_A;
	const char *variant = m == MC_PAR_ONTIME_B ? "B" : m == MC_PAR_ONTIME_C ? "C" : "A";
	if (s->rate_valid)
		snprintf(rate, sizeof rate, _("On-time rate this month (%s): %.1f %% (%lld/%lld)"), variant,
		         s->rate, (long long)s->rate_num, (long long)s->rate_den);
	else
		snprintf(rate, sizeof rate, "%s", _("On-time rate this month: no dossier resolved yet"));
	char par[400] = "";
	if (s->par_valid) {
		char pts[32], max[32], more[200] = "";
		mc_par_format_milli(s->par.points, 2, pts, sizeof pts);
		mc_par_format_milli(s->ontime->max, 2, max, sizeof max);
		if (s->par.next.exists && s->par.next.more_possible)
			snprintf(more, sizeof more, _("; next band: %lld more on time"),
			         (long long)s->par.next.more);
		/* The criterion is the one the rate above feeds: its points, not its rubric id. */
		if (s->rate_den == 0)
			snprintf(par, sizeof par,
			         _("PAR points for this criterion: %s/%s (no dossier to judge yet this month)"),
			         pts, max);
		else
			snprintf(par, sizeof par, _("PAR points at this rate: %s/%s%s"), pts, max, more);
	}
	tui_put(y0 + 6, 2, cols - 4, rate,
	        tui_attr(!s->rate_valid ? TUI_ROLE_DIM
	                                : s->rate >= 100.0 ? TUI_ROLE_OK
	                                : s->rate >= 95.0 ? TUI_ROLE_SOON
	                                                  : TUI_ROLE_LATE),
	        false);
	if (par[0])
		tui_put(y0 + 7, 2, cols - 4, par,
		        tui_attr(s->par.points >= s->ontime->max ? TUI_ROLE_OK
		                 : s->par.points > 0             ? TUI_ROLE_SOON
		                                                 : TUI_ROLE_LATE),
		        false);
	/* Apology list. */
	char title[200];
	snprintf(title, sizeof title, _("Apology letters to send (%lld) — F5 for the full list"),
	         (long long)s->apology_total);
	int y = y0 + 9;
	int sw = cols >= 100 ? 16 : 0; /* the state column when there is room */
	/* Below 100 columns the code shows its end and the moments drop the year,
	 * so that the applicant's name keeps room (16 columns at 80 before, 34 now). */
	bool narrow = cols < 100;
	void (*when)(long long, char *, size_t) = narrow ? tui_day_time : tui_short_time;
	int tw = narrow ? 12 : 17;
	int cw = tui_code_width(cols);
	int bw = tui_width(_("Send before")) + 1, dw = tui_width(_("Due")) + 1;
	bw = bw > tw ? bw : tw;
	dw = dw > tw ? dw : tw;
	int dx = cols - 1 - dw, bx = dx - bw, sx = bx - sw, nx = 2 + cw + 1;
	int nw = sx - nx - 1;
	tui_put(y++, 1, cols - 2, title, tui_attr(TUI_ROLE_HEADER), false);
	if (s->napology == 0) {
		tui_put(y, 2, cols - 4, _("No apology is due."), tui_attr(TUI_ROLE_OK), false);
	} else {
		int a = tui_attr(TUI_ROLE_DIM);
		tui_put(y, 2, cw, _("Code"), a, false);
		tui_put(y, nx, nw, _("Applicant"), a, false);
		if (sw)
			tui_put(y, sx, sw - 1, _("State"), a, false);
		tui_put(y, bx, bw - 1, _("Send before"), a, false);
		tui_put(y, dx, dw - 1, _("Due"), a, false);
		y++;
	}
	for (size_t i = 0; i < s->napology && y < y0 + rows; i++, y++) {
		const mc_dossier *d = &s->apology[i];
		bool sel = s->cursor == DASH_COUNTERS + (int)i;
		int a = tui_attr(sel ? TUI_ROLE_SELECTED : tui_dossier_role(app, d));
		tui_fill(y, 1, cols - 2, a);
		tui_put_code(y, 2, cw, d->code, a);
		tui_put(y, nx, nw, d->applicant_name, a, false);
		/* "Waiting for supplement" explains a due moment already past: the clock is stopped. */
		if (sw)
			tui_put(y, sx, sw - 1, tui_dossier_state(app, d), a, false);
		char by[32], due[32];
		when(mc_apology_deadline(app->cal, d->due), by, sizeof by);
		when(d->due, due, sizeof due);
		tui_put(y, bx, bw - 1, by, a, false);
		tui_put(y, dx, dw - 1, due, a, false);
	}
	if (s->error[0])
		tui_put(y0 + rows - 1, 1, cols - 2, s->error, tui_attr(TUI_ROLE_ERROR), false);
}

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
