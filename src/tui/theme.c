/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Colour themes: dark, light and monochrome. Colours carry meaning (within
 * time / due soon / overdue), so the mono theme carries the same meaning with
 * video attributes (bold, underline, reverse). NO_COLOR (https://no-color.org)
 * or a terminal without colours forces mono. Only the 8 basic colours are
 * used so TERM=linux and screen look the same as xterm-256color.
 */
#include <curses.h>
#include <stdlib.h>

#include "tui/ui.h"

static int attrs[TUI_ROLE_COUNT];
static const char *theme_name = "mono";

struct role_colors {
	short fg, bg;
	int extra;
};

static void apply(const struct role_colors *t)
{
	for (int r = 0; r < TUI_ROLE_COUNT; r++) {
		init_pair((short)(r + 1), t[r].fg, t[r].bg);
		attrs[r] = (int)(COLOR_PAIR(r + 1) | (chtype)t[r].extra);
	}
}

static void set_mono(void)
{
	theme_name = "mono";
	attrs[TUI_ROLE_NORMAL] = A_NORMAL;
	attrs[TUI_ROLE_TITLE] = A_REVERSE | A_BOLD;
	attrs[TUI_ROLE_HEADER] = A_BOLD | A_UNDERLINE;
	attrs[TUI_ROLE_SELECTED] = A_REVERSE;
	attrs[TUI_ROLE_BAR_KEY] = A_BOLD;
	attrs[TUI_ROLE_BAR_LABEL] = A_REVERSE;
	attrs[TUI_ROLE_OK] = A_NORMAL;
	attrs[TUI_ROLE_SOON] = A_UNDERLINE;
	attrs[TUI_ROLE_LATE] = A_BOLD;
	attrs[TUI_ROLE_DIM] = A_DIM;
	attrs[TUI_ROLE_ERROR] = A_BOLD | A_REVERSE;
	attrs[TUI_ROLE_INPUT] = A_UNDERLINE;
	attrs[TUI_ROLE_FOCUS] = A_REVERSE;
}

void tui_theme_init(enum mc_theme theme)
{
	const char *nc = getenv("NO_COLOR");
	bool no_color = nc && *nc;
	if (theme == MC_THEME_MONO || no_color || !has_colors() || start_color() == ERR ||
	    COLOR_PAIRS < TUI_ROLE_COUNT + 1) {
		set_mono();
		return;
	}
	use_default_colors();
	if (theme == MC_THEME_LIGHT) {
		static const struct role_colors light[TUI_ROLE_COUNT] = {
			[TUI_ROLE_NORMAL] = {COLOR_BLACK, COLOR_WHITE, 0},
			[TUI_ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
			[TUI_ROLE_HEADER] = {COLOR_BLUE, COLOR_WHITE, A_BOLD},
			[TUI_ROLE_SELECTED] = {COLOR_WHITE, COLOR_CYAN, 0},
			[TUI_ROLE_BAR_KEY] = {COLOR_BLACK, COLOR_WHITE, A_BOLD},
			[TUI_ROLE_BAR_LABEL] = {COLOR_WHITE, COLOR_BLUE, 0},
			[TUI_ROLE_OK] = {COLOR_GREEN, COLOR_WHITE, 0},
			[TUI_ROLE_SOON] = {COLOR_MAGENTA, COLOR_WHITE, A_BOLD},
			[TUI_ROLE_LATE] = {COLOR_RED, COLOR_WHITE, A_BOLD},
			[TUI_ROLE_DIM] = {COLOR_BLUE, COLOR_WHITE, 0},
			[TUI_ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
			[TUI_ROLE_INPUT] = {COLOR_BLACK, COLOR_CYAN, 0},
			[TUI_ROLE_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, 0},
		};
		apply(light);
		bkgd((chtype)attrs[TUI_ROLE_NORMAL]);
		theme_name = "light";
	} else {
		static const struct role_colors dark[TUI_ROLE_COUNT] = {
			[TUI_ROLE_NORMAL] = {-1, -1, 0},
			[TUI_ROLE_TITLE] = {COLOR_BLACK, COLOR_CYAN, A_BOLD},
			[TUI_ROLE_HEADER] = {COLOR_CYAN, -1, A_BOLD},
			[TUI_ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, 0},
			[TUI_ROLE_BAR_KEY] = {COLOR_WHITE, COLOR_BLACK, A_BOLD},
			[TUI_ROLE_BAR_LABEL] = {COLOR_BLACK, COLOR_CYAN, 0},
			[TUI_ROLE_OK] = {COLOR_GREEN, -1, 0},
			[TUI_ROLE_SOON] = {COLOR_YELLOW, -1, A_BOLD},
			[TUI_ROLE_LATE] = {COLOR_RED, -1, A_BOLD},
			[TUI_ROLE_DIM] = {COLOR_BLUE, -1, A_BOLD},
			[TUI_ROLE_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
			[TUI_ROLE_INPUT] = {COLOR_WHITE, COLOR_BLUE, 0},
			[TUI_ROLE_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, 0},
		};
		apply(dark);
		theme_name = "dark";
	}
}

int tui_attr(tui_role r)
{
	return (unsigned)r < TUI_ROLE_COUNT ? attrs[r] : 0;
}

const char *tui_theme_name(void)
{
	return theme_name;
}
