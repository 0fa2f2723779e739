/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The screen tables (one per screen_*.c) and the few calls between screens. */
#ifndef MOTCUA_TUI_SCREENS_H
#define MOTCUA_TUI_SCREENS_H

#include "motcua/dossier.h"
#include "motcua/query.h"
#include "tui/app.h"
#include "tui/ui.h"

extern const tui_screen_ops tui_screen_dashboard;
extern const tui_screen_ops tui_screen_intake;
extern const tui_screen_ops tui_screen_list;
extern const tui_screen_ops tui_screen_detail;
extern const tui_screen_ops tui_screen_overdue;
extern const tui_screen_ops tui_screen_reports;
extern const tui_screen_ops tui_screen_par;
extern const tui_screen_ops tui_screen_admin;
extern const tui_screen_ops tui_screen_help;

/* Open the dossier list with the search line active. */
void tui_list_start_search(tui_app *app);
/* Open the dossier list on a prepared query, titled (a dashboard counter). */
void tui_list_open_query(tui_app *app, const mc_query *q, const char *title);
/* Open the dossier list on a fixed set of dossier ids (drill-down); takes
 * ownership of the malloc'd ids. */
void tui_list_open_ids(tui_app *app, int64_t *ids, size_t n, const char *title);

/* ---- common.c: helpers shared by the dossier screens ---- */

/* The operation context of the session (database, settings, calendar, clock, actor). */
void tui_ctx(tui_app *app, mc_ctx *ctx);
/* Colour of a dossier: overdue, due soon, within time, or closed (dim). */
tui_role tui_dossier_role(tui_app *app, const mc_dossier *d);
/* Short state word for a list: "Quá hạn", "Sắp đến hạn", "Trong hạn" or the status label. */
const char *tui_dossier_state(tui_app *app, const mc_dossier *d);
/* Header and one row of the standard dossier table. */
void tui_dossier_header(int y, int cols);
void tui_dossier_row(tui_app *app, int y, int cols, const mc_dossier *d, bool selected);
/* "dd/mm/yyyy HH:MM" of a moment, "" for none. */
void tui_short_time(long long t, char *buf, size_t size);
/* "dd/mm HH:MM": a moment near today where the year would not fit. */
void tui_day_time(long long t, char *buf, size_t size);
/* Columns of a dossier code at a terminal width: below 100 columns the code
 * shows its end ("…261116-0031"; the agency part is the same on every row). */
int tui_code_width(int cols);
/* A dossier code in w columns: whole when it fits, else "…" and its end. */
void tui_put_code(int y, int x, int w, const char *code, int attr);
/* Working days late of a due moment at now (0 when not late). */
int tui_days_late(tui_app *app, long long due);
/* Create a folder and its parents (mkdir -p); false with a sentence in err. */
bool tui_mkdirs(const char *dir, char *err, size_t size);
/* A path for the status line: the home folder written "~" (static buffer). */
const char *tui_short_path(const char *path);
/* The folder files go to: cfg->output_dir, or "." when not set. */
const char *tui_output_dir(tui_app *app);

#endif
