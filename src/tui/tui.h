/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The terminal interface, started when no command is given (or with --demo).
 * The only entry point of src/tui; everything else in the folder is internal.
 */
#ifndef MOTCUA_TUI_H
#define MOTCUA_TUI_H

#include "cli/cli.h"
#include "motcua/store.h"

/*
 * Run the screens on an open database until the user quits; returns an exit
 * status. The caller keeps ownership of db. The locale (UTF-8 LC_CTYPE) and
 * the message language are set by the caller.
 */
int mc_tui_run(mc_cli *cli, mc_db *db);

#endif
