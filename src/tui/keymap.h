/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one key map: every key of the interface is a row (scope, key, named
 * action, label for the function-key bar, help text). The function-key bar,
 * the help screen and the action hints drawn by screens are all generated
 * from it (the idea of tig's request.h). Internal to src/tui.
 */
#ifndef MOTCUA_TUI_KEYMAP_H
#define MOTCUA_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* Screens, in the order of product.md §2, plus the help screen. */
typedef enum {
	TUI_SCREEN_DASHBOARD,
	TUI_SCREEN_INTAKE,
	TUI_SCREEN_LIST,
	TUI_SCREEN_DETAIL,
	TUI_SCREEN_OVERDUE,
	TUI_SCREEN_REPORTS,
	TUI_SCREEN_PAR,
	TUI_SCREEN_ADMIN,
	TUI_SCREEN_HELP,
	TUI_SCREEN_COUNT
} tui_screen_id;

#define TUI_SCOPE_GLOBAL (-1)

/* Named actions. */
#define TUI_ACTION_LIST(X) \
	X(NONE) \
	/* global */ \
	X(HELP) X(INTAKE) X(SEARCH) X(LIST) X(OVERDUE) X(REPORTS) X(PAR) X(ADMIN) \
	X(DASHBOARD) X(QUIT) X(BACK) X(REDRAW) \
	/* movement, shared by every list */ \
	X(UP) X(DOWN) X(PGUP) X(PGDN) X(HOME) X(END) X(LEFT) X(RIGHT) X(OPEN) \
	/* intake */ \
	X(SAVE) X(INCOMPLETE) X(REFUSE) X(NEXT_FIELD) X(PREV_FIELD) X(TOGGLE) \
	X(TICK_ALL) X(NEW_FORM) \
	/* dossier list */ \
	X(FIND) X(SORT) X(FILTER_STATUS) X(FILTER_OVERDUE) X(FILTER_SOON) \
	X(FILTER_CHANNEL) X(FILTER_MORE) X(CLEAR_FILTERS) X(VIEW) X(SAVE_VIEW) \
	/* dossier detail */ \
	X(TRANSFER) X(SUPPLEMENT) X(RESUME) X(FINISH) X(HANDOVER) X(STOP) \
	X(WITHDRAW) X(APOLOGIZE) X(PRINT) \
	/* reports, administration */ \
	X(PERIOD_KIND) X(PERIOD_PREV) X(PERIOD_NEXT) X(PERIOD_RANGE) X(EXPORT) X(NEXT_TAB) \
	X(PREV_TAB) \
	/* PAR scorecard, calendar impact */ \
	X(MANUAL) X(IMPACT)

typedef enum {
#define TUI_X_ACT(n) TUI_ACT_##n,
	TUI_ACTION_LIST(TUI_X_ACT)
#undef TUI_X_ACT
	TUI_ACT_COUNT
} tui_action;

typedef struct tui_binding {
	int scope;        /* a tui_screen_id, or TUI_SCOPE_GLOBAL */
	int key;          /* KEY_* code when fn, else a character (1..26 = Ctrl-A..Z) */
	bool fn;
	tui_action action;
	const char *bar;  /* N_() short label for the bar / hints, or NULL */
	const char *help; /* N_() sentence for the help screen */
} tui_binding;

extern const tui_binding tui_keymap[];
extern const size_t tui_keymap_count;

/* The action bound to a key in a screen (its own rows first, then global ones). */
tui_action tui_keymap_lookup(int scope, int key, bool fn);
/* The first binding of an action in a scope (own rows, then global), or NULL. */
const tui_binding *tui_keymap_find(int scope, tui_action act);
/* Human name of a key: "F2", "Enter", "Space", "Ctrl-S", "/", ... */
void tui_key_name(int key, bool fn, char *buf, size_t size);
/* "SAVE" etc.: stable name of an action (tests and docs). */
const char *tui_action_name(tui_action a);

#endif
