/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Administration: the procedure catalogue, the units, the working calendar
 * of a year (days off and make-up Saturdays, provisional ones marked) and the
 * settings in force, read-only (they are edited in motcua.ini).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "tui/screens.h"

enum { T_PROCS, T_UNITS, T_CALENDAR, T_SETTINGS, T_COUNT };

#define ALINES 600
#define ALEN 400

typedef struct admin_state {
	int tab, top, year;
	char (*lines)[ALEN];
	int n;
} admin_state;

static const char *const tab_labels[T_COUNT] = {N_("Procedures"), N_("Units"), N_("Calendar"),
                                                N_("Settings")};

static void *admin_create(tui_app *app)
{
	admin_state *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->lines = calloc(ALINES, sizeof *s->lines);
	int y, m, d;
	mc_date_to_ymd(mc_time_date((mc_time)tui_now(app)), &y, &m, &d);
	s->year = y;
	return s;
}

static void admin_destroy(void *st)
{
	admin_state *s = st;
	if (s)
		free(s->lines);
	free(s);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void add(admin_state *s, const char *fmt, ...)
{
	if (s->n >= ALINES)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->lines[s->n++], ALEN, fmt, ap);
	va_end(ap);
}

static void settings(tui_app *app, admin_state *s)
{
	const mc_config *c = &app->cli->cfg;
	char a[8], b[8], x[8], y[8], cut[8];
	mc_hhmm_format(c->morning_open, a);
	mc_hhmm_format(c->morning_close, b);
	mc_hhmm_format(c->afternoon_open, x);
	mc_hhmm_format(c->afternoon_close, y);
	mc_hhmm_format(c->handover_cutoff, cut);
	add(s, "%-28s %s", _("Configuration file"), c->source_path[0] ? c->source_path : _("(built-in defaults)"));
	add(s, "%-28s %s", _("Agency"), c->agency_name);
	add(s, "%-28s %s", _("Agency code"), c->agency_code);
	add(s, "%-28s %s", _("Desk"), c->desk_name);
	add(s, "%-28s %s %s", _("Head"), c->head_title, c->head_name);
	add(s, "%-28s %s–%s, %s–%s", _("Office hours"), a, b, x, y);
	add(s, "%-28s %d", _("Hours per working day"), c->hours_per_day);
	add(s, "%-28s %s", _("Hand-over cut-off"), cut);
	add(s, "%-28s %s", _("Supplement"), c->supplement_mode == MC_SUPPLEMENT_RESTART ? _("restart the limit") : _("pause and extend"));
	add(s, "%-28s %d", _("Supplement within (days)"), c->supplement_days);
	add(s, "%-28s %s", _("Judge early/late by"), c->judge_by == MC_JUDGE_BY_DATE ? _("date") : _("minute"));
	add(s, "%-28s %d", _("Due soon window (days)"), c->due_soon_days);
	add(s, "%-28s %d", _("Apology before due (days)"), c->apology_days_before);
	add(s, "%-28s %s", _("Make-up Saturdays count"), c->makeup_saturdays ? _("yes") : _("no"));
	add(s, "%-28s %s", _("Dossier code pattern"), c->code_pattern);
	add(s, "%-28s %s", _("Calendar files"), c->calendar_path);
	add(s, "%-28s %s", _("Database"), app->db_path);
	add(s, "%-28s %s", _("Printer command"), c->printer_command[0] ? c->printer_command : _("(none: files only)"));
	add(s, "%-28s %s", _("Theme"), tui_theme_name());
	add(s, "%s", "");
	add(s, "%s", _("Settings are edited in motcua.ini (see motcua(1)); restart to apply."));
}

static void admin_refresh(tui_app *app, void *st)
{
	admin_state *s = st;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	s->n = 0;
	switch (s->tab) {
	case T_PROCS: {
		mc_procedure_row *p = NULL;
		size_t n = 0;
		if (mc_procedure_list(&ctx, NULL, &p, &n, &e) != MC_OK) {
			add(s, "%s", e.msg);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			char lim[64];
			mc_limit_describe(&p[i].limit, lim, sizeof lim);
			add(s, "%-14s %-18s %s — %s", p[i].code, lim, p[i].name, p[i].field);
		}
		if (n == 0)
			add(s, "%s", _("The catalogue is empty: motcua catalog import FILE.csv"));
		free(p);
		break;
	}
	case T_UNITS: {
		mc_unit *u = NULL;
		size_t n = 0;
		if (mc_unit_list(&ctx, &u, &n, &e) != MC_OK) {
			add(s, "%s", e.msg);
			break;
		}
		for (size_t i = 0; i < n; i++)
			add(s, "%-14s %-12s %s", u[i].code, u[i].kind, u[i].name);
		free(u);
		break;
	}
	case T_CALENDAR: {
		mc_cal_entry *d = NULL;
		size_t n = 0;
		add(s, _("Year %d ([ and ] change the year)%s"), s->year,
		    mc_calendar_has_year(app->cal, s->year) ? "" : _(" — no announced calendar: provisional"));
		if (mc_calendar_year_days(app->cal, s->year, &d, &n, &e) != MC_OK) {
			add(s, "%s", e.msg);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			char date[11];
			mc_date_format_vn(d[i].date, date);
			add(s, "%s  %-10s %s%s", date, d[i].off ? _("day off") : _("work day"), d[i].name,
			    d[i].provisional ? _(" (provisional)") : "");
		}
		free(d);
		break;
	}
	default:
		settings(app, s);
		break;
	}
}

static void admin_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	admin_state *s = st;
	(void)app;
	int x = 1;
	for (int t = 0; t < T_COUNT; t++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", _(tab_labels[t]));
		x += tui_put(y0, x, cols - x, label, tui_attr(t == s->tab ? TUI_ROLE_SELECTED : TUI_ROLE_DIM), false) + 1;
	}
	int body = rows - 3;
	if (s->top > s->n - body)
		s->top = s->n - body;
	if (s->top < 0)
		s->top = 0;
	for (int i = 0; i < body && s->top + i < s->n; i++)
		tui_put(y0 + 2 + i, 1, cols - 2, s->lines[s->top + i], tui_attr(TUI_ROLE_NORMAL), false);
	tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_ADMIN);
}

static bool admin_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	admin_state *s = st;
	(void)k;
	switch (act) {
	case TUI_ACT_NEXT_TAB: case TUI_ACT_RIGHT: s->tab = (s->tab + 1) % T_COUNT; s->top = 0; break;
	case TUI_ACT_PREV_TAB: case TUI_ACT_LEFT: s->tab = (s->tab + T_COUNT - 1) % T_COUNT; s->top = 0; break;
	case TUI_ACT_PERIOD_PREV: if (s->tab != T_CALENDAR) return false; s->year--; break;
	case TUI_ACT_PERIOD_NEXT: if (s->tab != T_CALENDAR) return false; s->year++; break;
	case TUI_ACT_UP: s->top--; return true;
	case TUI_ACT_DOWN: s->top++; return true;
	case TUI_ACT_PGUP: s->top -= 10; return true;
	case TUI_ACT_PGDN: s->top += 10; return true;
	default: return false;
	}
	admin_refresh(app, s);
	return true;
}

const tui_screen_ops tui_screen_admin = {
	.name = "admin",
	.title = N_("Administration"),
	.create = admin_create,
	.destroy = admin_destroy,
	.draw = admin_draw,
	.on_key = admin_key,
	.refresh_data = admin_refresh,
};
