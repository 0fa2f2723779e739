/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Administration: the procedure catalogue, the units, the working calendar
 * of a year (days off and make-up Saturdays, provisional ones marked) and the
 * settings in force, read-only (they are edited in motcua.ini).
 *
 * On the calendar page, `i` previews an edited calendar file before it is
 * put in place: every open dossier's due moment is recomputed with the
 * edited calendar (impact.h) and those that would move are listed with the
 * old and new moments and the shift in working days. Nothing is saved.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "motcua/audit.h"
#include "motcua/i18n.h"
#include "motcua/impact_open.h"
#include "motcua/query.h"
#include "motcua/users.h"
#include "tui/screens.h"

enum { T_PROCS, T_UNITS, T_CALENDAR, T_SETTINGS, T_USERS, T_AUDIT, T_COUNT };

#define ALINES 600
#define ALEN 400

typedef struct admin_state {
	int tab, top, year;
	char (*lines)[ALEN];
	int n;
	bool impact;             /* the calendar page shows an impact preview */
	char impact_path[1024];  /* the edited calendar file previewed */
} admin_state;

static const char *const tab_labels[T_COUNT] = {N_("Procedures"), N_("Units"), N_("Calendar"),
                                                N_("Settings"),   N_("Users"), N_("Audit")};

/* The users page is for administrators, the audit page for supervisors and administrators. */
static bool tab_visible(const tui_app *app, int t)
{
	if (t == T_USERS)
		return mc_role_allows(app->role, MC_ACT_USERS);
	if (t == T_AUDIT)
		return mc_role_allows(app->role, MC_ACT_AUDIT);
	return true;
}

/* The next page the role may see, going by step (+1 or -1). */
static int next_tab(const tui_app *app, int tab, int step)
{
	for (int i = 0; i < T_COUNT; i++) {
		tab = (tab + step + T_COUNT) % T_COUNT;
		if (tab_visible(app, tab))
			break;
	}
	return tab;
}

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

/* A setting: its label in a column of 30 display columns, then the value. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void setting(admin_state *s, const char *label, const char *fmt, ...)
{
	char value[ALEN], col[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(value, sizeof value, fmt, ap);
	va_end(ap);
	add(s, "%s %s", tui_pad(col, sizeof col, label, 30), value);
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
	setting(s, _("Configuration file"), "%s", c->source_path[0] ? c->source_path : _("(built-in defaults)"));
	setting(s, _("Agency"), "%s", c->agency_name);
	setting(s, _("Agency code"), "%s", c->agency_code);
	setting(s, _("Desk"), "%s", c->desk_name);
	setting(s, _("Head"), "%s %s", c->head_title, c->head_name);
	setting(s, _("Office hours"), "%s–%s, %s–%s", a, b, x, y);
	setting(s, _("Hours per working day"), "%d", c->hours_per_day);
	setting(s, _("Hand-over cut-off"), "%s", cut);
	setting(s, _("Supplement"), "%s", c->supplement_mode == MC_SUPPLEMENT_RESTART ? _("restart the limit") : _("pause and extend"));
	setting(s, _("Supplement within (days)"), "%d", c->supplement_days);
	setting(s, _("Judge early/late by"), "%s", c->judge_by == MC_JUDGE_BY_DATE ? _("date") : _("minute"));
	setting(s, _("Due soon window (days)"), "%d", c->due_soon_days);
	setting(s, _("Apology before due (days)"), "%d", c->apology_days_before);
	setting(s, _("Make-up Saturdays count"), "%s", c->makeup_saturdays ? _("yes") : _("no"));
	setting(s, _("Dossier code pattern"), "%s", c->code_pattern);
	setting(s, _("Calendar files"), "%s", c->calendar_path);
	setting(s, _("Database"), "%s", app->db_path);
	setting(s, _("Printer command"), "%s", c->printer_command[0] ? c->printer_command : _("(none: files only)"));
	setting(s, _("Theme"), "%s", tui_theme_name());
	setting(s, _("Excel compression (1-9)"), "%d", c->export_compression);
	add(s, "%s", "");
	add(s, "%s", _("Settings are edited in motcua.ini (see motcua(1)); restart to apply."));
}

/* ---- users and audit ---------------------------------------------------------- */

/* s padded with spaces to w terminal columns (names with marks are narrower than their bytes). */
/* Users, read-only (they are managed with `motcua user`). */
static void users_lines(tui_app *app, admin_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_user *u = NULL;
	size_t n = 0;
	if (mc_user_list(&ctx, &u, &n, &e) != MC_OK) {
		add(s, "%s", e.msg);
		return;
	}
	char a[MC_NAME_MAX + 40], b[200], c[200];
	add(s, "%s %s %s %s", tui_pad(a, sizeof a, _("User"), 20), tui_pad(b, sizeof b, _("Full name"), 32),
	    tui_pad(c, sizeof c, _("Role"), 24), _("Active"));
	for (size_t i = 0; i < n; i++)
		add(s, "%-20s %s %s %s", u[i].name,
		    tui_pad(a, sizeof a, u[i].full_name[0] ? u[i].full_name : "—", 32),
		    tui_pad(b, sizeof b, mc_role_label(u[i].role), 24), u[i].active ? _("yes") : _("no"));
	if (n == 0)
		add(s, "%s", _("No users: everybody acts as an administrator (motcua user add)."));
	add(s, "%s", "");
	add(s, "%s", _("Users are managed with motcua user (see motcua(1))."));
	free(u);
}

#define AUDIT_ROWS 200

/* Back-dated writes, then the log of who opened personal data, newest first. */
static void audit_lines(tui_app *app, admin_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	if (mc_ctx_require(&ctx, MC_ACT_AUDIT, &e) != MC_OK) {
		add(s, "%s", e.msg);
		return;
	}
	mc_backdated *b = calloc(AUDIT_ROWS, sizeof *b);
	size_t n = 0;
	int64_t total = 0;
	char t1[32], t2[32];
	if (!b) {
		add(s, "%s", _("Out of memory."));
		return;
	}
	if (mc_audit_backdated(ctx.db, true, b, AUDIT_ROWS, &n, &total, &e) != MC_OK) {
		add(s, "%s", e.msg);
	} else if (total == 0) {
		add(s, "%s", _("No back-dated writes: every write was recorded at its real time."));
	} else {
		add(s, _("Back-dated writes (recorded under a frozen clock): %lld, newest first"),
		    (long long)total);
		/* Columns as wide as their translated headings, at least their contents. */
		int w1 = tui_width(_("Dated")), w2 = tui_width(_("Recorded")), w4 = tui_width(_("Kind"));
		w1 = w1 > 16 ? w1 : 16;
		w2 = w2 > 16 ? w2 : 16;
		w4 = w4 > 20 ? w4 : 20;
		char h1[64], h2[64], h3[64], h4[64];
		add(s, "  %s %s %s %s %s", tui_pad(h1, sizeof h1, _("Dated"), w1),
		    tui_pad(h2, sizeof h2, _("Recorded"), w2), tui_pad(h3, sizeof h3, _("Dossier"), 26),
		    tui_pad(h4, sizeof h4, _("Kind"), w4), _("By"));
		for (size_t i = 0; i < n; i++) {
			tui_short_time(b[i].at, t1, sizeof t1);
			tui_short_time(b[i].recorded_at, t2, sizeof t2);
			add(s, "  %s %s %s %s %s", tui_pad(h1, sizeof h1, t1, w1), tui_pad(h2, sizeof h2, t2, w2),
			    tui_pad(h3, sizeof h3, b[i].dossier[0] ? b[i].dossier : "—", 26),
			    tui_pad(h4, sizeof h4, mc_event_kind_label(b[i].kind), w4), b[i].actor);
		}
	}
	free(b);
	add(s, "%s", "");
	mc_access_row *a = NULL;
	size_t na = 0;
	if (mc_access_list(&ctx, NULL, AUDIT_ROWS, &a, &na, &e) != MC_OK) {
		add(s, "%s", e.msg);
		return;
	}
	add(s, _("Who opened personal data (newest first, at most %d)"), AUDIT_ROWS);
	if (na == 0)
		add(s, "  %s", _("Nobody has opened a dossier's personal data yet."));
	else
	{
		char h1[64], h2[64], h3[64];
		add(s, "  %s %s %s %s", tui_pad(h1, sizeof h1, _("When"), 16),
		    tui_pad(h2, sizeof h2, _("Dossier"), 26), tui_pad(h3, sizeof h3, _("User"), 20),
		    _("Purpose"));
	}
	for (size_t i = 0; i < na; i++) {
		tui_short_time(a[i].at, t1, sizeof t1);
		add(s, "  %-16s %-26s %-20s %s%s", t1, a[i].code, a[i].actor, a[i].purpose,
		    a[i].backdated ? " *" : "");
	}
	free(a);
}

/* ---- calendar impact preview ------------------------------------------------ */

static void impact_lines(tui_app *app, admin_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	add(s, _("Impact of %s (nothing is saved)"), s->impact_path);
	mc_calendar *cal = mc_calendar_edited(&app->cli->cfg, s->impact_path, &e);
	if (!cal) {
		add(s, "%s", e.msg);
		return;
	}
	mc_impact_open r;
	mc_status st = mc_impact_open_dossiers(&ctx, cal, &r, &e);
	mc_calendar_free(cal);
	if (st != MC_OK) {
		add(s, "%s", e.msg);
		return;
	}
	add(s, _("%zu open dossier(s) checked: %zu would move."), r.n_checked, r.n_rows);
	add(s, _("Left out: %zu with a due set by hand (apology, extension), %zu waiting for a "
	         "supplement (their due is set again on resume)."),
	    r.n_manual, r.n_waiting);
	if (r.n_rows > 0) {
		char h1[64], h2[64], h3[64];
		add(s, "%s %s    %s %s", tui_pad(h1, sizeof h1, _("Code"), 28),
		    tui_pad(h2, sizeof h2, _("Due now"), 17), tui_pad(h3, sizeof h3, _("Due after"), 17),
		    _("Working days"));
	}
	for (size_t i = 0; i < r.n_rows; i++) {
		char a[32], b[32];
		tui_short_time(r.rows[i].old_due, a, sizeof a);
		tui_short_time(r.rows[i].new_due, b, sizeof b);
		add(s, "%-28s %-17s →  %-17s %+d", r.rows[i].code, a, b, r.rows[i].working_days);
	}
	add(s, "%s", "");
	add(s, "%s", _("To apply the change, put the file in the calendar folder and restart motcua."));
	mc_impact_open_free(&r);
}

static bool do_impact(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	admin_state *s = ctx_;
	char path[1024];
	tui_dlg_text(d, 0, path, sizeof path);
	mc_err e;
	mc_err_clear(&e);
	mc_calendar *cal = path[0] ? mc_calendar_edited(&app->cli->cfg, path, &e) : NULL;
	if (!cal) {
		snprintf(err, size, "%s", path[0] ? e.msg : _("give the path of the edited calendar file."));
		return false;
	}
	mc_calendar_free(cal);
	snprintf(s->impact_path, sizeof s->impact_path, "%s", path);
	s->impact = true;
	s->top = 0;
	s->n = 0;
	impact_lines(app, s);
	return true;
}

static void open_impact(tui_app *app, admin_state *s)
{
	char initial[1100];
	const char *cp = app->cli->cfg.calendar_path;
	struct stat sb;
	if (s->impact_path[0])
		snprintf(initial, sizeof initial, "%s", s->impact_path);
	else if (cp[0] && stat(cp, &sb) == 0 && S_ISDIR(sb.st_mode))
		snprintf(initial, sizeof initial, "%s/%d.tsv", cp, s->year);
	else
		snprintf(initial, sizeof initial, "%s", cp);
	tui_dialog *d = tui_dialog_open(app, _("Preview a calendar change"), do_impact, s);
	tui_dlg_add_text(d, _("Edited calendar file"), initial);
	snprintf(d->note, sizeof d->note, "%s",
	         _("It replaces the file of the same name; nothing is saved."));
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
			char lim[64], col[96];
			mc_limit_describe(&p[i].limit, lim, sizeof lim);
			add(s, "%-14s %s %s — %s", p[i].code, tui_pad(col, sizeof col, lim, 18), p[i].name,
			    p[i].field);
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
		for (size_t i = 0; i < n; i++) {
			char code[64], kind[128];
			add(s, "%s %s %s", tui_pad(code, sizeof code, u[i].code, 14),
			    tui_pad(kind, sizeof kind, mc_unit_kind_label(u[i].kind), 14), u[i].name);
		}
		free(u);
		break;
	}
	case T_CALENDAR: {
		if (s->impact) {
			impact_lines(app, s);
			break;
		}
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
			char kind[64];
			add(s, "%s  %s %s%s", date,
			    tui_pad(kind, sizeof kind, d[i].off ? _("day off") : _("work day"), 14), d[i].name,
			    d[i].provisional ? _(" (provisional)") : "");
		}
		free(d);
		break;
	}
	case T_USERS: users_lines(app, s); break;
	case T_AUDIT: audit_lines(app, s); break;
	default:
		settings(app, s);
		break;
	}
}

static void admin_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	admin_state *s = st;
	int x = 1;
	for (int t = 0; t < T_COUNT; t++) {
		if (!tab_visible(app, t))
			continue;
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
	case TUI_ACT_NEXT_TAB: case TUI_ACT_RIGHT: s->tab = next_tab(app, s->tab, 1); s->top = 0; s->impact = false; break;
	case TUI_ACT_PREV_TAB: case TUI_ACT_LEFT: s->tab = next_tab(app, s->tab, -1); s->top = 0; s->impact = false; break;
	case TUI_ACT_PERIOD_PREV: if (s->tab != T_CALENDAR) return false; s->year--; s->impact = false; break;
	case TUI_ACT_PERIOD_NEXT: if (s->tab != T_CALENDAR) return false; s->year++; s->impact = false; break;
	case TUI_ACT_IMPACT:
		if (s->tab != T_CALENDAR) {
			tui_message(app, true, "%s", _("The impact preview is on the calendar page (Tab)."));
			return true;
		}
		open_impact(app, s);
		return true;
	case TUI_ACT_BACK:
		if (!s->impact)
			return false;
		s->impact = false;
		s->top = 0;
		break;
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
