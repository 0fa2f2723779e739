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

/* cmd_init.c */
int cmd_init(mc_cli *cli);
int cmd_catalog(mc_cli *cli);
int cmd_unit(mc_cli *cli);

/* cmd_dossier.c */
int cmd_intake(mc_cli *cli);
int cmd_guide(mc_cli *cli);
int cmd_refuse(mc_cli *cli);
int cmd_transfer(mc_cli *cli);
int cmd_supplement(mc_cli *cli);
int cmd_resume(mc_cli *cli);
int cmd_finish(mc_cli *cli);
int cmd_handover(mc_cli *cli);
int cmd_stop(mc_cli *cli);
int cmd_withdraw(mc_cli *cli);
int cmd_apologize(mc_cli *cli);
int cmd_show(mc_cli *cli);
int cmd_list(mc_cli *cli);

/* cmd_report.c */
int cmd_report(mc_cli *cli);
int cmd_demo(mc_cli *cli);

/* cmd_calendar.c */
int cmd_calendar(mc_cli *cli);

/* cmd_config.c */
int cmd_config(mc_cli *cli);

/* cmd_par.c */
int cmd_par(mc_cli *cli);

/* cmd_export.c */
int cmd_export(mc_cli *cli);

/* cmd_letter.c */
int cmd_letter(mc_cli *cli);

/* cmd_user.c: users, login, purge, access log */
int cmd_user(mc_cli *cli);
int cmd_login(mc_cli *cli);
int cmd_whoami(mc_cli *cli);
int cmd_purge(mc_cli *cli);
int cmd_audit(mc_cli *cli);

/* cmd_audit.c: trust (hash chain, backup, back-dated writes) */
int cmd_verify(mc_cli *cli);
int cmd_backup(mc_cli *cli);
int cmd_audit_backdated(mc_cli *cli); /* "audit backdated [--limit N]" */

#endif
