/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The terminal interface, started when no command is given (or with --demo). */
#ifndef MOTCUA_TUI_H
#define MOTCUA_TUI_H

#include "cli/cli.h"

/* Run the screens until the user quits; returns an exit status. */
int mc_tui_run(mc_cli *cli, const char *db_path);

#endif
