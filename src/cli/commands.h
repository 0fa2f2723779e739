/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command table (commands.c) and the functions behind it (cmd_*.c). */
#ifndef MOTCUA_COMMANDS_H
#define MOTCUA_COMMANDS_H

#include <stddef.h>

#include "cli/cli.h"

extern const mc_cli_command mc_cli_commands[];
extern const size_t mc_cli_command_count;

/* Terminal interface on the configured database / on a fresh demo database. */
int cli_run_tui(mc_cli *cli);
int cli_run_demo_tui(mc_cli *cli);

/* cmd_calendar.c */
int cmd_calendar(mc_cli *cli);

/* cmd_config.c */
int cmd_config(mc_cli *cli);

/* cmd_par.c */
int cmd_par(mc_cli *cli);

#endif
