/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Drawing helpers shared by the screens: colour roles of the themes, safe
 * text output (control characters replaced, cut on character-cluster
 * boundaries, never between a letter and its combining marks), a UTF-8 line
 * editor, and modal form dialogs. Internal to src/tui.
 */
#ifndef MOTCUA_TUI_UI_H
#define MOTCUA_TUI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#include "motcua/config.h"
#include "tui/app.h"

/* ---- themes (theme.c) ---------------------------------------------------- */

typedef enum {
	TUI_ROLE_NORMAL,
	TUI_ROLE_TITLE,     /* top line */
	TUI_ROLE_HEADER,    /* table headers */
	TUI_ROLE_SELECTED,  /* cursor line */
	TUI_ROLE_BAR_KEY,   /* "F2" in the bar */
	TUI_ROLE_BAR_LABEL, /* "Intake" in the bar */
	TUI_ROLE_OK,        /* within time */
	TUI_ROLE_SOON,      /* due soon */
	TUI_ROLE_LATE,      /* overdue */
	TUI_ROLE_DIM,       /* closed, secondary text */
	TUI_ROLE_ERROR,     /* refused input, errors */
	TUI_ROLE_INPUT,     /* a form field */
	TUI_ROLE_FOCUS,     /* the focused form field */
	TUI_ROLE_COUNT
} tui_role;

/* Set up colours for cfg->theme; NO_COLOR or a terminal without colours gives mono. */
void tui_theme_init(enum mc_theme theme);
/* Attributes (colour pair and video attributes) of a role. */
int tui_attr(tui_role r);
/* Name of the theme in use: "dark", "light", "mono". */
const char *tui_theme_name(void);

/* ---- text output (widgets.c) --------------------------------------------- */

/*
 * Draw UTF-8 text at (y, x) in at most `width` columns with attributes attr;
 * control characters become '?', text wider than width is cut on a cluster
 * boundary and ends with '…'. pad: fill the rest of the width with spaces.
 * Returns the columns used.
 */
int tui_put(int y, int x, int width, const char *s, int attr, bool pad);
/* Same, right-aligned in width. */
int tui_put_right(int y, int x, int width, const char *s, int attr);
/*
 * Cuts s into at most max_lines lines of width columns, at spaces (anywhere
 * in a word wider than a line); the last line allowed keeps the rest (for
 * tui_put to end with '…'). Fills start[] and len[] (bytes); returns the lines.
 */
int tui_wrap(const char *s, int width, const char **start, size_t *len, int max_lines);
/* The same with a first line of `first` columns and the others of `width`
 * (a value that continues under itself, indented). */
int tui_wrap_hang(const char *s, int first, int width, const char **start, size_t *len,
                  int max_lines);
/* tui_put of the first len bytes of s. */
void tui_put_span(int y, int x, int width, const char *s, size_t len, int attr, bool pad);
/*
 * A message in up to max_lines lines (at most 8) of width columns, cut at
 * spaces, whose last line is at ybottom: a long one grows upwards over what
 * was drawn there. Each line is padded to the width. Returns the lines used.
 */
int tui_put_lines_up(int ybottom, int x, int width, const char *s, int attr, int max_lines);
/* Display width of UTF-8 text after sanitising (clusters counted once). */
int tui_width(const char *s);
/* s then spaces up to w display columns (a wider s is kept whole), in buf; returns buf.
 * For table columns of translated or Vietnamese text, which printf's %-Ns pads by bytes. */
const char *tui_pad(char *buf, size_t size, const char *s, int w);
/* Fill a line segment with spaces in attr. */
void tui_fill(int y, int x, int width, int attr);

/* ---- line editor (widgets.c) ---------------------------------------------- */

#define TUI_EDIT_MAX 512

typedef struct tui_edit {
	wchar_t buf[TUI_EDIT_MAX];
	size_t len, cur; /* in wide characters */
	size_t max;      /* 0 = TUI_EDIT_MAX - 1 */
	bool digits_only;
} tui_edit;

void tui_edit_init(tui_edit *ed);
void tui_edit_set(tui_edit *ed, const char *utf8);
/* The text as NFC UTF-8 (composed and decomposed input give the same bytes). */
void tui_edit_get(const tui_edit *ed, char *out, size_t size);
bool tui_edit_empty(const tui_edit *ed);
/*
 * Apply a key: printable characters insert, Backspace removes one whole
 * character cluster (a letter with its marks), Delete, Left/Right (by
 * cluster), Home/End, Ctrl-U clears. Returns true when the key was used.
 */
bool tui_edit_key(tui_edit *ed, tui_key k);
/* Draw in width columns at (y, x); the cursor is placed when focused. */
void tui_edit_draw(const tui_edit *ed, int y, int x, int width, bool focused);
/* Where the terminal cursor goes after a frame (set by the focused editor). */
void tui_cursor_reset(void);
bool tui_cursor_get(int *y, int *x);

/* ---- modal dialogs (dialog.c) --------------------------------------------- */

#define TUI_DLG_FIELDS 6
#define TUI_DLG_CHOICES 12

typedef struct tui_dlg_field {
	const char *label;   /* translated */
	tui_edit ed;
	/* A choice field (choices != NULL): Left/Right or Space cycle, no typing. */
	const char *choices[TUI_DLG_CHOICES];
	int nchoices, choice;
} tui_dlg_field;

/*
 * Submit callback: validate and perform. Return true to close the dialog;
 * false keeps it open with every typed value, showing err (if set).
 */
typedef bool (*tui_dlg_submit)(tui_app *app, tui_dialog *d, void *ctx, char *err, size_t errsize);

struct tui_dialog {
	char title[128];
	char note[256];            /* a sentence under the title (e.g. the legal rule) */
	tui_dlg_field f[TUI_DLG_FIELDS];
	int nf, focus;
	char error[TUI_MSG];
	tui_dlg_submit submit;
	void *ctx;
};

/* Start a dialog (replaces any open one). Fields are added with tui_dlg_add_*. */
tui_dialog *tui_dialog_open(tui_app *app, const char *title, tui_dlg_submit submit, void *ctx);
tui_dlg_field *tui_dlg_add_text(tui_dialog *d, const char *label, const char *initial);
tui_dlg_field *tui_dlg_add_choice(tui_dialog *d, const char *label, const char *const *choices,
                                  int n, int initial);
/* Text (NFC UTF-8) of field i. */
void tui_dlg_text(const tui_dialog *d, int i, char *out, size_t size);
void tui_dialog_close(tui_app *app);
void tui_dialog_draw(tui_app *app);
/* Keys while a dialog is open: Tab/Up/Down move, Enter on the last field or
 * F2 submits, Esc cancels. */
void tui_dialog_key(tui_app *app, tui_key k);

/* ---- small helpers -------------------------------------------------------- */

/* Draw "key label  key label ..." hints of a scope's letter actions on one line. */
void tui_draw_hints(int y, int x, int width, int scope);
/* Keep a cursor inside [0, n) and the first visible line so the cursor shows. */
void tui_list_clamp(int *cursor, int *top, int n, int rows);
/* Move a list cursor with a movement action; returns true when act was movement. */
bool tui_list_move(tui_action act, int *cursor, int n, int rows);

#endif
