/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Opening the database for a command: the path (--db, the configuration or
 * the default under $XDG_DATA_HOME), the calendar and the actor (the
 * operating-system account). Shared by the cmd_*.c files that need a database.
 */
#ifndef MOTCUA_CLI_DB_H
#define MOTCUA_CLI_DB_H

#include "cli/cli.h"
#include "motcua/dossier.h"
#include "motcua/store.h"

/*
 * Fill *ctx for cli (db opened with flags, see store.h; MC_DB_CREATE also
 * creates the default folder). Prints the error and returns false on failure.
 * Close with cli_db_close().
 */
bool cli_db_open(mc_cli *cli, mc_ctx *ctx, unsigned flags);
void cli_db_close(mc_ctx *ctx);

/* The operating-system account name running the program ("unknown" if none). */
const char *cli_actor(void);

#endif
