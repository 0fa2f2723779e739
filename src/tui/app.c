/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The main loop: curses set-up, the screen stack, key dispatch through the
 * key map, the title line, status line and function-key bar, the "terminal
 * too small" guard, and live refresh.
 *
 * Idle is a blocking get_wch() with a one-second timeout: each time it
 * expires the database's data_version is read (one cheap pragma), and the
 * visible screen reloads only when another connection committed something.
 * No busy loop, and a change by another clerk shows within about a second.
 */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua/i18n.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/ui.h"

#define MIN_ROWS 24
#define MIN_COLS 80
#define POLL_MS 1000

const tui_screen_ops *const tui_screens[TUI_SCREEN_COUNT] = {
	[TUI_SCREEN_DASHBOARD] = &tui_screen_dashboard,
	[TUI_SCREEN_INTAKE] = &tui_screen_intake,
	[TUI_SCREEN_LIST] = &tui_screen_list,
	[TUI_SCREEN_DETAIL] = &tui_screen_detail,
	[TUI_SCREEN_OVERDUE] = &tui_screen_overdue,
	[TUI_SCREEN_REPORTS] = &tui_screen_reports,
	[TUI_SCREEN_PAR] = &tui_screen_par,
	[TUI_SCREEN_ADMIN] = &tui_screen_admin,
	[TUI_SCREEN_HELP] = &tui_screen_help,
};

static void set_status(tui_app *app, bool error, const char *fmt, va_list ap)
{
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	app->status_error = error;
	app->dirty = true;
}

void tui_message(tui_app *app, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(app, error, fmt, ap);
	va_end(ap);
}

static void draw_all(tui_app *app);

void tui_busy(tui_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_status(app, false, fmt, ap);
	va_end(ap);
	draw_all(app);
}

long long tui_now(const tui_app *app)
{
	return (long long)mc_clock_now(&app->cli->clock);
}

tui_screen_id tui_current(const tui_app *app)
{
	return app->depth > 0 ? (tui_screen_id)app->stack[app->depth - 1] : TUI_SCREEN_DASHBOARD;
}

static void shown(tui_app *app)
{
	tui_screen_id id = tui_current(app);
	const tui_screen_ops *ops = tui_screens[id];
	if (ops->on_enter)
		ops->on_enter(app, app->state[id]);
	if (ops->refresh_data)
		ops->refresh_data(app, app->state[id]);
	app->dirty = true;
}

void tui_push(tui_app *app, tui_screen_id id)
{
	if (tui_current(app) == id && app->depth > 0) {
		shown(app);
		return;
	}
	/* A screen already open lower in the stack is brought back, not doubled. */
	for (int i = 0; i < app->depth; i++)
		if (app->stack[i] == (int)id) {
			app->depth = i + 1;
			shown(app);
			return;
		}
	if (app->depth < TUI_STACK_MAX)
		app->stack[app->depth++] = id;
	shown(app);
}

void tui_pop(tui_app *app)
{
	if (app->depth > 1) {
		app->depth--;
		shown(app);
	}
}

void tui_goto(tui_app *app, tui_screen_id id)
{
	app->depth = 1;
	app->stack[0] = TUI_SCREEN_DASHBOARD;
	if (id != TUI_SCREEN_DASHBOARD)
		app->stack[app->depth++] = id;
	app->fresh = true;
	shown(app);
	app->fresh = false;
}

void tui_open_detail(tui_app *app, const char *code)
{
	snprintf(app->detail_code, sizeof app->detail_code, "%s", code);
	app->detail_access = true;
	tui_push(app, TUI_SCREEN_DETAIL);
}

/* ---- roles --------------------------------------------------------------- */

/* The role of the session, for the key gates (one session per process). */
static mc_role session_role = MC_ROLE_ADMIN;
static char session_user[MC_USER_NAME_MAX];

/* The core action a key leads to (MC_ACT_READ for keys that only look). */
static mc_action key_action(int scope, tui_action act)
{
	switch (act) {
	case TUI_ACT_INTAKE: return MC_ACT_INTAKE;
	case TUI_ACT_SAVE:
	case TUI_ACT_INCOMPLETE:
	case TUI_ACT_REFUSE: return scope == TUI_SCREEN_INTAKE ? MC_ACT_INTAKE : MC_ACT_READ;
	case TUI_ACT_TRANSFER:
	case TUI_ACT_SUPPLEMENT:
	case TUI_ACT_RESUME:
	case TUI_ACT_FINISH:
	case TUI_ACT_HANDOVER:
	case TUI_ACT_STOP:
	case TUI_ACT_WITHDRAW: return scope == TUI_SCREEN_DETAIL ? MC_ACT_TRANSITION : MC_ACT_READ;
	case TUI_ACT_APOLOGIZE: return MC_ACT_APOLOGY;
	case TUI_ACT_MANUAL: return scope == TUI_SCREEN_PAR ? MC_ACT_PAR_ENTRY : MC_ACT_READ;
	default: return MC_ACT_READ;
	}
}

bool tui_key_allowed(int scope, tui_action act)
{
	return mc_role_allows(session_role, key_action(scope, act));
}

bool tui_key_refused(tui_app *app, int scope, tui_action act)
{
	mc_action a = key_action(scope, act);
	mc_err e;
	mc_err_clear(&e);
	if (mc_role_require(session_role, a, session_user, &e) == MC_OK)
		return false;
	tui_message(app, true, "%s", e.msg);
	return true;
}

/* ---- drawing ------------------------------------------------------------- */

/* The binding shown for F1-F10 on a screen (its own first, else the global one), or NULL. */
static const tui_binding *bar_binding(int scope, int n)
{
	tui_action act = tui_keymap_lookup(scope, KEY_F(n), true);
	const tui_binding *b = NULL;
	for (size_t i = 0; i < tui_keymap_count && act != TUI_ACT_NONE; i++) {
		const tui_binding *c = &tui_keymap[i];
		if (c->key == KEY_F(n) && c->fn && c->action == act &&
		    (c->scope == scope || c->scope == TUI_SCOPE_GLOBAL)) {
			b = c;
			if (c->scope == scope)
				break;
		}
	}
	return b;
}

/*
 * F1-F10, htop style. Each key gets the columns its label needs, the rest is
 * shared out. When the labels with their blanks do not fit (80 columns),
 * the keys are written without their "F", as Midnight Commander does
 * ("1Help 2Intake"); then the blanks go ("1Trợ giúp2Nhận mới", the digits
 * in the key colour), so every label stays whole; only if that is still too
 * wide are the longest labels cut, so "Tìm" and "PAR" never are.
 */
static void draw_bar(tui_app *app)
{
	int y = app->rows - 1;
	int scope = tui_current(app);
	if (scope == TUI_SCREEN_HELP)
		scope = app->help_scope;
	tui_fill(y, 0, app->cols, tui_attr(TUI_ROLE_BAR_LABEL));
	const char *label[11];
	int lw[11], labels = 0;
	for (int n = 1; n <= 10; n++) {
		const tui_binding *b = bar_binding(scope, n);
		/* A key the role refuses keeps its number but loses its label. */
		label[n] = b && b->bar && tui_key_allowed(scope, b->action) ? _(b->bar) : "";
		lw[n] = tui_width(label[n]);
		labels += lw[n];
	}
	/* Keys "F1".."F10" take 21 columns, "1".."10" 11, a blank after each
	 * label 10: the "F" goes before the blanks (they keep labels apart). */
	bool fkeys = labels + 31 <= app->cols;
	int sep = (fkeys || labels + 21 <= app->cols) ? 1 : 0;
	int kw[11], w[11], total = 0;
	for (int n = 1; n <= 10; n++) {
		kw[n] = (n < 10 ? 1 : 2) + (fkeys ? 1 : 0);
		w[n] = kw[n] + lw[n] + sep;
		total += w[n];
	}
	while (total > app->cols) { /* then cut the widest label by one column */
		int widest = 1;
		for (int n = 2; n <= 10; n++)
			if (w[n] - kw[n] > w[widest] - kw[widest])
				widest = n;
		if (w[widest] - kw[widest] <= 2)
			break;
		w[widest]--;
		total--;
	}
	/* Spare columns go after keys 1-9 (the last needs none), spread evenly:
	 * when there are fewer than nine, the labels that touch are scattered. */
	int extra = app->cols > total ? app->cols - total : 0;
	for (int n = 1, x = 0; n <= 10; n++) {
		int slot = w[n];
		if (n < 10)
			slot += extra / 9 + (n * (extra % 9)) / 9 - ((n - 1) * (extra % 9)) / 9;
		char key[8];
		snprintf(key, sizeof key, fkeys ? "F%d" : "%d", n);
		int kx = tui_put(y, x, slot, key, tui_attr(TUI_ROLE_BAR_KEY), false);
		tui_put(y, x + kx, slot - kx - sep, label[n], tui_attr(TUI_ROLE_BAR_LABEL), true);
		x += slot;
	}
}

static void draw_title(tui_app *app)
{
	const tui_screen_ops *ops = tui_screens[tui_current(app)];
	char left[512], right[64 + MC_USER_NAME_MAX];
	snprintf(left, sizeof left, " motcua · %s", _(ops->title));
	char now[17];
	mc_time_format((mc_time)tui_now(app), now);
	/* Who is acting: "minh (Cán bộ tiếp nhận)". */
	snprintf(right, sizeof right, "%s (%s) · %s ", app->user, mc_role_label(app->role), now);
	int attr = tui_attr(TUI_ROLE_TITLE);
	tui_fill(0, 0, app->cols, attr);
	int rw = tui_width(right);
	int lw = tui_put(0, 0, app->cols - rw - 1, left, attr, false);
	const char *agency = app->cli->cfg.agency_name;
	if (agency[0] && lw + 4 < app->cols - rw - 1) {
		char mid[300];
		snprintf(mid, sizeof mid, " · %s", agency);
		tui_put(0, lw, app->cols - rw - 1 - lw, mid, attr, false);
	}
	tui_put(0, app->cols - rw, rw, right, attr, false);
}

static void draw_too_small(tui_app *app)
{
	const char *l1 = _("The terminal is too small.");
	char l2[128];
	snprintf(l2, sizeof l2, _("Need at least %d×%d, have %d×%d."), MIN_COLS, MIN_ROWS, app->cols,
	         app->rows);
	int y = app->rows / 2 - 1;
	if (y < 0)
		y = 0;
	tui_put(y, 0, app->cols, l1, tui_attr(TUI_ROLE_ERROR), false);
	if (y + 1 < app->rows)
		tui_put(y + 1, 0, app->cols, l2, tui_attr(TUI_ROLE_NORMAL), false);
	if (y + 2 < app->rows)
		tui_put(y + 2, 0, app->cols, _("Enlarge the window, or press F10 to quit."),
		        tui_attr(TUI_ROLE_DIM), false);
}

static void draw_all(tui_app *app)
{
	getmaxyx(stdscr, app->rows, app->cols);
	erase();
	tui_cursor_reset();
	if (app->rows < MIN_ROWS || app->cols < MIN_COLS) {
		draw_too_small(app);
		curs_set(0);
		refresh();
		app->dirty = false;
		return;
	}
	draw_title(app);
	tui_screen_id id = tui_current(app);
	tui_screens[id]->draw(app, app->state[id], 1, app->rows - 3, app->cols);
	/* A message longer than the line takes the screen's last line too. */
	if (app->status[0])
		tui_put_lines_up(app->rows - 2, 0, app->cols, app->status,
		                 tui_attr(app->status_error ? TUI_ROLE_ERROR : TUI_ROLE_OK), 2);
	draw_bar(app);
	if (app->dialog) {
		tui_cursor_reset();
		tui_dialog_draw(app);
	}
	int cy, cx;
	if (tui_cursor_get(&cy, &cx)) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
	app->dirty = false;
}

/* ---- keys ---------------------------------------------------------------- */

static void global_action(tui_app *app, tui_action act)
{
	switch (act) {
	case TUI_ACT_HELP:
		if (tui_current(app) != TUI_SCREEN_HELP)
			app->help_scope = tui_current(app);
		tui_push(app, TUI_SCREEN_HELP);
		break;
	case TUI_ACT_INTAKE: tui_goto(app, TUI_SCREEN_INTAKE); break;
	case TUI_ACT_SEARCH: tui_list_start_search(app); break;
	case TUI_ACT_LIST: tui_goto(app, TUI_SCREEN_LIST); break;
	case TUI_ACT_OVERDUE: tui_goto(app, TUI_SCREEN_OVERDUE); break;
	case TUI_ACT_REPORTS: tui_goto(app, TUI_SCREEN_REPORTS); break;
	case TUI_ACT_PAR: tui_goto(app, TUI_SCREEN_PAR); break;
	case TUI_ACT_ADMIN: tui_goto(app, TUI_SCREEN_ADMIN); break;
	case TUI_ACT_DASHBOARD: tui_goto(app, TUI_SCREEN_DASHBOARD); break;
	case TUI_ACT_QUIT: app->running = false; break;
	case TUI_ACT_BACK: tui_pop(app); break;
	case TUI_ACT_REDRAW: clearok(curscr, TRUE); break;
	default: break;
	}
	app->dirty = true;
}

static bool printable(tui_key k)
{
	return !k.fn && k.code >= 0x20 && k.code != 0x7f;
}

static void dispatch(tui_app *app, tui_key k)
{
	app->status[0] = 0;
	app->dirty = true;
	bool small = app->rows < MIN_ROWS || app->cols < MIN_COLS;
	if (small) {
		/* Only quitting makes sense on the "too small" message. */
		if (tui_keymap_lookup(TUI_SCOPE_GLOBAL, k.code, k.fn) == TUI_ACT_QUIT && k.fn)
			app->running = false;
		return;
	}
	if (app->dialog) {
		tui_dialog_key(app, k);
		return;
	}
	tui_screen_id id = tui_current(app);
	const tui_screen_ops *ops = tui_screens[id];
	bool text = ops->wants_text && ops->wants_text(app, app->state[id]);
	tui_action act = TUI_ACT_NONE;
	if (!(text && printable(k)))
		act = tui_keymap_lookup(id, k.code, k.fn);
	/* A key the role refuses says so in one sentence and does nothing else. */
	if (act != TUI_ACT_NONE && tui_key_refused(app, id, act))
		return;
	if (ops->on_key && ops->on_key(app, app->state[id], k, act))
		return;
	global_action(app, act);
}

static void poll_changes(tui_app *app, int64_t *version)
{
	int64_t v = mc_db_data_version(app->store);
	if (v != *version) {
		*version = v;
		app->data_changed = true;
	}
}

/*
 * Terminals often send the xterm (or VT100) function-key sequences whatever
 * TERM says (PuTTY, tmux, a console behind ssh): accept those too when the
 * terminfo entry does not already use them.
 */
static void extra_keys(void)
{
	static const struct {
		const char *seq;
		int key;
	} k[] = {
		{"\033OP", KEY_F(1)},     {"\033OQ", KEY_F(2)},     {"\033OR", KEY_F(3)},
		{"\033OS", KEY_F(4)},     {"\033[11~", KEY_F(1)},   {"\033[12~", KEY_F(2)},
		{"\033[13~", KEY_F(3)},   {"\033[14~", KEY_F(4)},   {"\033[15~", KEY_F(5)},
		{"\033[17~", KEY_F(6)},   {"\033[18~", KEY_F(7)},   {"\033[19~", KEY_F(8)},
		{"\033[20~", KEY_F(9)},   {"\033[21~", KEY_F(10)},  {"\033[[A", KEY_F(1)},
		{"\033[[B", KEY_F(2)},    {"\033[[C", KEY_F(3)},    {"\033[[D", KEY_F(4)},
		{"\033[[E", KEY_F(5)},    {"\033[A", KEY_UP},       {"\033[B", KEY_DOWN},
		{"\033[C", KEY_RIGHT},    {"\033[D", KEY_LEFT},     {"\033OA", KEY_UP},
		{"\033OB", KEY_DOWN},     {"\033OC", KEY_RIGHT},    {"\033OD", KEY_LEFT},
		{"\033[H", KEY_HOME},     {"\033[F", KEY_END},      {"\033[1~", KEY_HOME},
		{"\033[4~", KEY_END},     {"\033[5~", KEY_PPAGE},   {"\033[6~", KEY_NPAGE},
		{"\033[3~", KEY_DC},      {"\033[Z", KEY_BTAB},     {"\033OH", KEY_HOME},
		{"\033OF", KEY_END},
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (key_defined(k[i].seq) == 0)
			define_key(k[i].seq, k[i].key);
}

int mc_tui_run(mc_cli *cli, mc_db *db)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_error(CLI_FAIL, _("the interface needs a terminal; use a command instead (see motcua --help)."));
	tui_app *app = calloc(1, sizeof *app);
	if (!app)
		return CLI_FAIL;
	app->cli = cli;
	app->store = db;
	app->cal = cli_calendar(cli);
	if (!app->cal) {
		free(app);
		return CLI_FAIL;
	}
	app->db_path = mc_db_path(db);
	{
		mc_ctx ctx;
		mc_err e;
		mc_err_clear(&e);
		tui_ctx(app, &ctx);
		snprintf(app->user, sizeof app->user, "%s", ctx.actor);
		if (mc_user_role(&ctx, &app->role, &app->role_open, &e) != MC_OK) {
			free(app);
			return cli_fail(&e);
		}
		session_role = app->role;
		snprintf(session_user, sizeof session_user, "%s", app->user);
	}

	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		free(app);
		return cli_error(CLI_FAIL, _("cannot start the terminal interface (TERM=%s)."),
		                 getenv("TERM") ? getenv("TERM") : "");
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	extra_keys();
	timeout(POLL_MS);
	tui_theme_init(cli->cfg.theme);

	for (int i = 0; i < TUI_SCREEN_COUNT; i++)
		app->state[i] = tui_screens[i]->create ? tui_screens[i]->create(app) : NULL;
	app->running = true;
	tui_goto(app, TUI_SCREEN_DASHBOARD);
	int64_t version = mc_db_data_version(db);
	getmaxyx(stdscr, app->rows, app->cols);

	while (app->running) {
		if (app->data_changed) {
			app->data_changed = false;
			tui_screen_id id = tui_current(app);
			if (tui_screens[id]->refresh_data)
				tui_screens[id]->refresh_data(app, app->state[id]);
			app->dirty = true;
		}
		if (app->dirty)
			draw_all(app);
		wint_t wc;
		int r;
		if (app->idle_pending) {
			/* Keys typed ahead first (each one drawn); the deferred work once
			 * none is waiting, so a fast typist waits for one search only. */
			timeout(0);
			r = get_wch(&wc);
			timeout(POLL_MS);
			if (r == ERR) {
				app->idle_pending = false;
				tui_screen_id id = tui_current(app);
				if (tui_screens[id]->on_idle)
					tui_screens[id]->on_idle(app, app->state[id]);
				continue;
			}
		} else {
			r = get_wch(&wc);
		}
		if (r == ERR) {
			poll_changes(app, &version);
			continue;
		}
		tui_key k = {(int)wc, r == KEY_CODE_YES};
		if (k.fn && k.code == KEY_RESIZE) {
			getmaxyx(stdscr, app->rows, app->cols);
			for (int i = 0; i < TUI_SCREEN_COUNT; i++)
				if (tui_screens[i]->on_resize)
					tui_screens[i]->on_resize(app, app->state[i], app->rows, app->cols);
			clearok(curscr, TRUE);
			app->dirty = true;
			continue;
		}
		dispatch(app, k);
		/* Our own writes do not move data_version of this connection's peers
		 * view; screens refresh after their own actions. */
		poll_changes(app, &version);
	}
	endwin();
	delscreen(scr);
	for (int i = 0; i < TUI_SCREEN_COUNT; i++)
		if (tui_screens[i]->destroy)
			tui_screens[i]->destroy(app->state[i]);
	free(app);
	return CLI_OK;
}
