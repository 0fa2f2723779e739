/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PAR scorecard: the criteria of the configured rubric scored from the
 * dossiers of the year so far (mc_par_scorecard_compute, the same call as
 * `motcua par` and the Excel sheet): each criterion with its inputs
 * (numerator / denominator), value, points and maximum; the manual criteria
 * with who entered them and when (`m` enters a value); the total and its
 * band; for the selected criterion the "what if" toward its next band; `[`
 * and `]` change the year; Enter lists the dossiers behind a criterion.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/par.h"
#include "motcua/par_store.h"
#include "motcua/text.h"
#include "tui/screens.h"

typedef struct par_state {
	mc_rubric *rubric;
	bool have_sc;
	mc_par_scorecard sc;
	int year;
	int cursor;
	char error[TUI_MSG];
} par_state;

static void *par_create(tui_app *app)
{
	par_state *s = calloc(1, sizeof(par_state));
	if (!s)
		return NULL;
	(void)app;
	return s;
}

static void drop_scorecard(par_state *s)
{
	if (s->have_sc)
		mc_par_scorecard_free(&s->sc);
	s->have_sc = false;
}

static void par_destroy(void *st)
{
	par_state *s = st;
	if (!s)
		return;
	drop_scorecard(s); /* before the rubric: the items point into it */
	mc_rubric_free(s->rubric);
	free(s);
}

/* The scorecard year that contains today (as `motcua par` without --year). */
static int current_year(tui_app *app, const mc_rubric *r)
{
	int y, m, d;
	mc_date_to_ymd(mc_time_date((mc_time)tui_now(app)), &y, &m, &d);
	if (mc_rubric_period(r) == MC_PAR_PERIOD_OFFICIAL && m == 12 && d >= 15)
		y++;
	return y;
}

static void par_refresh(tui_app *app, void *st)
{
	par_state *s = st;
	mc_err e;
	mc_err_clear(&e);
	s->error[0] = 0;
	if (!s->rubric) {
		if (!app->cli->cfg.rubric_path[0]) {
			snprintf(s->error, sizeof s->error, "%s", _("No rubric file is configured."));
			return;
		}
		if (mc_rubric_load(app->cli->cfg.rubric_path, &s->rubric, &e) != MC_OK) {
			snprintf(s->error, sizeof s->error, "%s", e.msg);
			return;
		}
		s->year = current_year(app, s->rubric);
	}
	drop_scorecard(s);
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	memset(&s->sc, 0, sizeof s->sc);
	if (mc_par_scorecard_compute(&ctx, s->rubric, s->year, MC_PAR_THROUGH_AUTO, &s->sc, &e) !=
	    MC_OK) {
		snprintf(s->error, sizeof s->error, "%s", e.msg);
		return;
	}
	s->have_sc = true;
	if (s->cursor >= (int)s->sc.n)
		s->cursor = s->sc.n ? (int)s->sc.n - 1 : 0;
}

/* "97.5 %" from num/den, one decimal, rounded half up exactly (as motcua par). */
static void rate_text(int64_t num, int64_t den, char *buf, size_t n)
{
	int64_t tenths = (num * 1000 * 2 + den) / (2 * den);
	snprintf(buf, n, "%lld.%lld %%", (long long)(tenths / 10), (long long)(tenths % 10));
}

static void inputs_text(const mc_par_result *it, char *inputs, size_t in, char *value, size_t vn)
{
	const mc_par_criterion *c = it->crit;
	if (c->metric == MC_PAR_MANUAL) {
		if (!it->entered) {
			snprintf(inputs, in, "%s", _("manual, not entered"));
			snprintf(value, vn, "%s", "—");
			return;
		}
		char v[32], at[32];
		mc_par_format_milli(it->value, -1, v, sizeof v);
		tui_short_time(it->entered_at, at, sizeof at);
		at[10] = 0; /* the date is enough in the table */
		snprintf(inputs, in, _("manual: %s, %s"), it->actor, at);
		snprintf(value, vn, "%s%s", v, c->scoring == MC_PAR_SCORE_POINTS ? "" : " %");
		return;
	}
	snprintf(inputs, in, "%lld/%lld", (long long)it->num, (long long)it->den);
	if (it->has_value)
		rate_text(it->num, it->den, value, vn);
	else
		snprintf(value, vn, "%s", "—");
}

/* The what-if of one criterion, worded for its metric. */
static void what_if(const mc_par_result *it, char *buf, size_t n)
{
	const mc_par_criterion *c = it->crit;
	const mc_par_next *nx = &it->next;
	if (c->metric == MC_PAR_MANUAL) {
		snprintf(buf, n, "%s", _("Entered by hand: press m to record this year's value."));
		return;
	}
	if (!nx->exists) {
		snprintf(buf, n, "%s", _("Already in the highest band."));
		return;
	}
	char t[32], p[32], text[400];
	mc_par_format_milli(nx->threshold, -1, t, sizeof t);
	mc_par_format_milli(nx->points, 2, p, sizeof p);
	mc_par_next_text(c->metric, nx, text, sizeof text);
	/* The msgid keeps its two last %s (translated already); the text holds both parts. */
	snprintf(buf, n, _("Next band %s %% (%s points): %s%s."), t, p, text, "");
}

static void par_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	par_state *s = st;
	(void)app;
	int normal = tui_attr(TUI_ROLE_NORMAL), dim = tui_attr(TUI_ROLE_DIM);
	char line[1200];
	if (!s->have_sc) {
		if (s->rubric) {
			snprintf(line, sizeof line, _("Year %d ([ and ] change the year)"), s->year);
			tui_put(y0, 1, cols - 2, line, tui_attr(TUI_ROLE_HEADER), false);
		}
		tui_put(y0 + 2, 2, cols - 4, s->error, tui_attr(TUI_ROLE_ERROR), false);
		tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_PAR);
		return;
	}
	const mc_par_scorecard *sc = &s->sc;
	char from[11], to[11], through[11];
	mc_date_format_vn(sc->from, from);
	mc_date_format_vn(sc->to, to);
	mc_date_format_vn(sc->through, through);
	const char *src = mc_rubric_source(s->rubric), *slash = strrchr(src, '/');
	snprintf(line, sizeof line, _("Year %d: %s to %s, data through %s, %d day(s) left — %s"),
	         sc->year, from, to, through, (int)(sc->to - sc->through), slash ? slash + 1 : src);
	tui_put(y0, 1, cols - 2, line, tui_attr(TUI_ROLE_HEADER), false);

	/* Table: criterion | inputs | value | points / max. The inputs column is as
	 * wide as its longest text (at most 28), the criterion's name takes the rest. */
	int pw = 11, vw = 9, iw = tui_width(_("Inputs")) + 1;
	for (size_t i = 0; i < sc->n; i++) {
		char inputs[200], value[40];
		inputs_text(&sc->items[i], inputs, sizeof inputs, value, sizeof value);
		if (tui_width(inputs) + 1 > iw)
			iw = tui_width(inputs) + 1;
	}
	if (iw > 28)
		iw = 28;
	int nw = cols - 2 - pw - vw - iw - 3;
	int hy = y0 + 1, ha = tui_attr(TUI_ROLE_HEADER);
	tui_fill(hy, 0, cols, ha);
	tui_put(hy, 1, nw, _("Criterion"), ha, false);
	tui_put(hy, 2 + nw, iw, _("Inputs"), ha, false);
	tui_put_right(hy, 3 + nw + iw, vw, _("Value"), ha);
	tui_put_right(hy, 4 + nw + iw + vw, pw - 1, _("Points"), ha);
	int avail = rows - 8; /* header, total, criterion, what-if (2 lines), hints */
	int n = (int)sc->n;
	int top = s->cursor >= avail ? s->cursor - avail + 1 : 0;
	int y = hy + 1;
	for (int i = top; i < n && y < hy + 1 + avail; i++, y++) {
		const mc_par_result *it = &sc->items[i];
		char inputs[200], value[40], pts[32], max[32], pm[80];
		inputs_text(it, inputs, sizeof inputs, value, sizeof value);
		mc_par_format_milli(it->points, 2, pts, sizeof pts);
		mc_par_format_milli(it->crit->max, 2, max, sizeof max);
		snprintf(pm, sizeof pm, "%s/%s", pts, max);
		tui_role role = it->crit->metric == MC_PAR_MANUAL && !it->entered ? TUI_ROLE_DIM
		                : it->points >= it->crit->max                     ? TUI_ROLE_OK
		                : it->points > 0                                  ? TUI_ROLE_SOON
		                                                                  : TUI_ROLE_LATE;
		int a = tui_attr(i == s->cursor ? TUI_ROLE_SELECTED : role);
		tui_fill(y, 0, cols, a);
		tui_put(y, 1, nw, it->crit->name, a, false);
		tui_put(y, 2 + nw, iw, inputs, a, false);
		tui_put_right(y, 3 + nw + iw, vw, value, a);
		tui_put_right(y, 4 + nw + iw + vw, pw - 1, pm, a);
	}
	/* Total and band. */
	char tot[32], max[32];
	mc_par_format_milli(sc->total, 2, tot, sizeof tot);
	mc_par_format_milli(sc->max, 2, max, sizeof max);
	snprintf(line, sizeof line, _("Total: %s / %s points — band: %s%s"), tot, max,
	         sc->band[0] ? sc->band : "—",
	         sc->complete ? "" : _(" (some manual criteria are not entered yet)"));
	int ty = y0 + rows - 5;
	tui_put(ty, 1, cols - 2, line, tui_attr(TUI_ROLE_HEADER), false);
	/* The selected criterion: id, metric and what it would take. */
	if (n > 0) {
		const mc_par_result *it = &sc->items[s->cursor];
		char wi[600];
		snprintf(line, sizeof line, "[%s] %s · %s", it->crit->id, mc_par_metric_label(it->crit->metric),
		         it->crit->name);
		tui_put(ty + 1, 1, cols - 2, line, dim, false);
		what_if(it, wi, sizeof wi);
		/* Two lines: cut the first at a space that fits, on a character boundary. */
		int used = 0;
		size_t fit = mc_text_fit(wi, cols - 2, &used);
		size_t cut = fit;
		if (wi[fit])
			for (size_t b = fit; b > fit / 2; b--)
				if (wi[b] == ' ') {
					cut = b;
					break;
				}
		char first[600];
		snprintf(first, sizeof first, "%.*s", (int)cut, wi);
		tui_put(ty + 2, 1, cols - 2, first, normal, false);
		const char *rest = wi + cut;
		while (*rest == ' ')
			rest++;
		tui_put(ty + 3, 1, cols - 2, rest, normal, false);
	}
	tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_PAR);
}

/* ---- actions ------------------------------------------------------------- */

static bool do_manual(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	par_state *s = ctx_;
	if (!s->have_sc || s->cursor >= (int)s->sc.n)
		return true;
	const mc_par_criterion *c = s->sc.items[s->cursor].crit;
	char value[64], note[512];
	tui_dlg_text(d, 0, value, sizeof value);
	tui_dlg_text(d, 1, note, sizeof note);
	int64_t v;
	if (!mc_par_parse_milli(value, &v)) {
		snprintf(err, size, _("\"%s\" is not a number (at most 3 decimals, e.g. 0.75)."), value);
		d->focus = 0;
		return false;
	}
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	if (mc_par_manual_set(&ctx, s->year, c, v, note[0] ? note : NULL, &e) != MC_OK) {
		snprintf(err, size, "%s", e.msg);
		d->focus = 0;
		return false;
	}
	tui_message(app, false, _("%s, year %d: %s recorded by %s."), c->id, s->year, value, ctx.actor);
	par_refresh(app, s);
	return true;
}

static void open_manual(tui_app *app, par_state *s)
{
	if (!s->have_sc || s->sc.n == 0)
		return;
	const mc_par_result *it = &s->sc.items[s->cursor];
	const mc_par_criterion *c = it->crit;
	if (c->metric != MC_PAR_MANUAL) {
		tui_message(app, true, _("%s is fed by the dossiers (%s); only manual criteria are entered."),
		            c->id, mc_par_metric_label(c->metric));
		return;
	}
	char title[400], initial[32] = "", max[32];
	snprintf(title, sizeof title, _("%s — year %d"), c->name, s->year);
	if (it->entered)
		mc_par_format_milli(it->value, -1, initial, sizeof initial);
	tui_dialog *d = tui_dialog_open(app, title, do_manual, s);
	tui_dlg_add_text(d, c->scoring == MC_PAR_SCORE_POINTS ? _("Points") : _("Rate (%)"), initial);
	tui_dlg_add_text(d, _("Note (decision, source)"), it->entered ? it->note : NULL);
	mc_par_format_milli(c->max, -1, max, sizeof max);
	if (c->scoring == MC_PAR_SCORE_POINTS)
		snprintf(d->note, sizeof d->note, _("From 0 to %s points; kept with your name and the time."), max);
	else
		snprintf(d->note, sizeof d->note, "%s", _("A percentage from 0 to 100; kept with your name and the time."));
}

typedef struct ids_acc {
	int64_t *ids;
	size_t n, cap;
	bool failed;
} ids_acc;

static bool collect_id(void *arg, const mc_par_row *row)
{
	ids_acc *a = arg;
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		int64_t *p = realloc(a->ids, cap * sizeof *p);
		if (!p) {
			a->failed = true;
			return false;
		}
		a->ids = p;
		a->cap = cap;
	}
	a->ids[a->n++] = row->id;
	return true;
}

static void open_dossiers(tui_app *app, par_state *s)
{
	if (!s->have_sc || s->sc.n == 0)
		return;
	const mc_par_criterion *c = s->sc.items[s->cursor].crit;
	if (c->metric == MC_PAR_MANUAL) {
		tui_message(app, true, _("%s is entered by hand: no dossier is behind it."), c->id);
		return;
	}
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	ids_acc acc = {0};
	int64_t num = 0, den = 0;
	if (mc_par_dossiers(&ctx, c->metric, s->sc.from, s->sc.through, collect_id, &acc, &num, &den,
	                    &e) != MC_OK || acc.failed) {
		free(acc.ids);
		tui_message(app, true, "%s", acc.failed ? _("Out of memory.") : e.msg);
		return;
	}
	if (acc.n == 0) {
		free(acc.ids);
		tui_message(app, false, "%s", _("No dossier is counted for this criterion yet."));
		return;
	}
	char title[600];
	snprintf(title, sizeof title, _("PAR %d, %s: %lld favourable of %lld"), s->year, c->id,
	         (long long)num, (long long)den);
	tui_list_open_ids(app, acc.ids, acc.n, title);
}

static bool par_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	par_state *s = st;
	(void)k;
	int n = s->have_sc ? (int)s->sc.n : 0;
	switch (act) {
	case TUI_ACT_UP: if (s->cursor > 0) s->cursor--; return true;
	case TUI_ACT_DOWN: if (s->cursor + 1 < n) s->cursor++; return true;
	case TUI_ACT_HOME: s->cursor = 0; return true;
	case TUI_ACT_END: s->cursor = n ? n - 1 : 0; return true;
	case TUI_ACT_PERIOD_PREV:
		if (!s->rubric)
			return true;
		s->year--;
		par_refresh(app, s);
		return true;
	case TUI_ACT_PERIOD_NEXT:
		if (!s->rubric)
			return true;
		s->year++;
		par_refresh(app, s);
		return true;
	case TUI_ACT_MANUAL: open_manual(app, s); return true;
	case TUI_ACT_OPEN: open_dossiers(app, s); return true;
	default: return false;
	}
}

const tui_screen_ops tui_screen_par = {
	.name = "par",
	.title = N_("PAR scorecard"),
	.create = par_create,
	.destroy = par_destroy,
	.draw = par_draw,
	.on_key = par_key,
	.refresh_data = par_refresh,
};
