/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The help screen, generated from the live key map: the keys of the screen
 * it was opened from, then the keys that work everywhere.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "tui/screens.h"

typedef struct help_state {
	int top;
} help_state;

static void *help_create(tui_app *app)
{
	(void)app;
	return calloc(1, sizeof(help_state));
}

static void help_destroy(void *st)
{
	free(st);
}

/* Rows to show: (binding index) or -1 / -2 for the two section titles. */
static int collect(int scope, int *rows, int cap)
{
	int n = 0;
	for (int pass = 0; pass < 2; pass++) {
		int s = pass == 0 ? scope : TUI_SCOPE_GLOBAL;
		if (pass == 0 && scope == TUI_SCOPE_GLOBAL)
			continue;
		if (n < cap)
			rows[n++] = pass == 0 ? -1 : -2;
		for (size_t i = 0; i < tui_keymap_count && n < cap; i++) {
			const tui_binding *b = &tui_keymap[i];
			/* Generated from the live key map: keys the role may not use are left out. */
			if (b->scope != s || !b->help || !tui_key_allowed(s, b->action))
				continue;
			/* A key replaced by the screen is not listed among the global ones. */
			if (pass == 1 && scope != TUI_SCOPE_GLOBAL &&
			    tui_keymap_lookup(scope, b->key, b->fn) != b->action)
				continue;
			rows[n++] = (int)i;
		}
	}
	return n;
}

/* Each key's line; a description too long for the screen continues under
 * itself (at 80 columns in Vietnamese several do). top counts screen lines. */
static void help_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	help_state *h = st;
	int list[256];
	int n = collect(app->help_scope, list, 256);
	const tui_screen_ops *from = tui_screens[app->help_scope];
	for (int pass = 0; pass < 2; pass++) {
		int v = 0;
		for (int e = 0; e < n; e++) {
			int i = list[e];
			if (i < 0) {
				if (pass == 1 && v >= h->top && v - h->top < rows) {
					char title[256];
					if (i == -1)
						snprintf(title, sizeof title, _("Keys of the screen \"%s\""),
						         _(from->title));
					else
						snprintf(title, sizeof title, "%s", _("Keys that work everywhere"));
					tui_put(y0 + v - h->top, 1, cols - 2, title, tui_attr(TUI_ROLE_HEADER),
					        false);
				}
				v++;
				continue;
			}
			const tui_binding *b = &tui_keymap[i];
			const char *start[4];
			size_t len[4];
			int lines = tui_wrap(_(b->help), cols - 17, start, len, 4);
			for (int l = 0; l < (lines ? lines : 1); l++, v++) {
				if (pass == 0 || v < h->top || v - h->top >= rows)
					continue;
				int y = y0 + v - h->top;
				if (l == 0) {
					char key[32];
					tui_key_name(b->key, b->fn, key, sizeof key);
					if (b->action == TUI_ACT_VIEW)
						snprintf(key, sizeof key, "1 … 9");
					tui_put(y, 3, 12, key, tui_attr(TUI_ROLE_BAR_KEY), false);
				}
				if (lines)
					tui_put_span(y, 16, cols - 17, start[l], len[l], tui_attr(TUI_ROLE_NORMAL),
					             false);
			}
		}
		if (pass == 0) {
			if (h->top > v - rows)
				h->top = v - rows;
			if (h->top < 0)
				h->top = 0;
		}
	}
}

static bool help_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	help_state *h = st;
	(void)k;
	switch (act) {
	case TUI_ACT_UP: h->top--; break;
	case TUI_ACT_DOWN: h->top++; break;
	case TUI_ACT_PGUP: h->top -= 10; break;
	case TUI_ACT_PGDN: h->top += 10; break;
	case TUI_ACT_HOME: h->top = 0; break;
	case TUI_ACT_HELP:
	case TUI_ACT_OPEN: tui_pop(app); break;
	default: return false;
	}
	if (h->top < 0)
		h->top = 0;
	return true;
}

const tui_screen_ops tui_screen_help = {
	.name = "help",
	.title = N_("Help"),
	.create = help_create,
	.destroy = help_destroy,
	.draw = help_draw,
	.on_key = help_key,
};
