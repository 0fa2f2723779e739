/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The terminal interface's shared state and the screen table.
 *
 * Each screen is a table of functions (draw, on_key, on_resize,
 * refresh_data), as tig's view_ops and htop's Panel classes. The application
 * owns one state object per screen (created at start, freed at exit), a
 * stack of open screens, an optional modal dialog, and the database handles.
 * Internal to src/tui; nothing here is public API.
 */
#ifndef MOTCUA_TUI_APP_H
#define MOTCUA_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"
#include "motcua/store.h"
#include "motcua/users.h"
#include "tui/keymap.h"

typedef struct tui_app tui_app;
typedef struct tui_dialog tui_dialog;

/* A key as read by get_wch: a character, or a KEY_* code when fn is true. */
typedef struct tui_key {
	int code;
	bool fn;
} tui_key;

typedef struct tui_screen_ops {
	const char *name;  /* stable id, e.g. "dashboard" (used by tests and saved state) */
	const char *title; /* N_() msgid shown in the title line */
	void *(*create)(tui_app *app);
	void (*destroy)(void *st);
	/* Draw into the body area (rows x cols, origin y0). */
	void (*draw)(tui_app *app, void *st, int y0, int rows, int cols);
	/* Handle a key (act is its bound action for this screen, TUI_ACT_NONE if
	 * unbound). Returns true when handled. */
	bool (*on_key)(tui_app *app, void *st, tui_key k, tui_action act);
	void (*on_resize)(tui_app *app, void *st, int rows, int cols);
	/* Reload from the database (after a change anywhere, or when shown). */
	void (*refresh_data)(tui_app *app, void *st);
	/* Shown again (pushed or returned to); may be NULL. */
	void (*on_enter)(tui_app *app, void *st);
	/* True while the screen edits text: printable keys are not actions. */
	bool (*wants_text)(tui_app *app, void *st);
	/*
	 * Work deferred while keys keep coming (a live search): called once no
	 * key is waiting, after app->idle_pending was set; may be NULL.
	 */
	void (*on_idle)(tui_app *app, void *st);
} tui_screen_ops;


#define TUI_STACK_MAX 16
#define TUI_MSG 512

struct tui_app {
	mc_cli *cli;
	const char *db_path;
	mc_db *store;
	mc_calendar *cal;

	void *state[TUI_SCREEN_COUNT];
	int stack[TUI_STACK_MAX];
	int depth;
	bool running;
	bool dirty;        /* redraw needed */
	bool data_changed; /* refresh_data needed on the visible screen */
	bool idle_pending; /* the visible screen's on_idle, once the typed keys are handled */
	int rows, cols;

	tui_dialog *dialog; /* modal, drawn over the screen; NULL when none */

	char status[TUI_MSG]; /* one-line message under the body */
	bool status_error;

	/* Who is acting (looked up at start; the core checks again on every write). */
	char user[MC_USER_NAME_MAX];
	mc_role role;
	bool role_open; /* a database without users: everybody acts as administrator */

	/* Arguments for screens opened by others. */
	char detail_code[64];
	bool detail_access; /* the detail was opened anew: log the access before showing it */
	int help_scope; /* screen whose keys the help screen lists */
	bool fresh;     /* the screen being shown was opened anew (not returned to) */
};

extern const tui_screen_ops *const tui_screens[TUI_SCREEN_COUNT];

/* Screen stack. */
void tui_push(tui_app *app, tui_screen_id id);
void tui_pop(tui_app *app);
/* Go to a top-level screen: the stack becomes dashboard + id. */
void tui_goto(tui_app *app, tui_screen_id id);
tui_screen_id tui_current(const tui_app *app);
/* Open the detail screen of a dossier. */
void tui_open_detail(tui_app *app, const char *code);

/*
 * Role gate of a key: true when the session's role may take what `act` leads
 * to in `scope` (keys that need no more than reading always pass). Used to
 * hide refused keys from the bar and the hints.
 */
bool tui_key_allowed(int scope, tui_action act);
/*
 * For a key the role refuses: put the core's sentence (mc_role_require) on
 * the message line and return true; false when the key is allowed.
 */
bool tui_key_refused(tui_app *app, int scope, tui_action act);

/* Status line (printf-style, already translated text). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void tui_message(tui_app *app, bool error, const char *fmt, ...);

/*
 * A status message shown at once, before long work that blocks the screen
 * (a large export or register): the whole screen is drawn now with it.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void tui_busy(tui_app *app, const char *fmt, ...);

/* The clock of the session (frozen by --now). */
long long tui_now(const tui_app *app);

#endif
