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

/*
 * The acting user: the name of a password login (cli_set_actor), else the
 * operating-system account running the program ("unknown" if none).
 */
const char *cli_actor(void);
void cli_set_actor(const char *name);

/*
 * cmd_user.c. Who is acting on db: with --user or [audit] login = password,
 * ask for the password (once per process) and log in; then the acting user
 * must be an active user of db (a database without users is open to all).
 * Prints one sentence and returns false on refusal.
 */
bool cli_identify(mc_cli *cli, mc_db *db);
/* `motcua init`: on a database without users, make the acting account its administrator. */
bool cli_bootstrap_admin(mc_cli *cli, mc_ctx *ctx, bool *created);
/*
 * A password from the terminal without echo (confirm: typed twice), or one
 * line of standard input when it is not a terminal. Prints and returns false
 * when empty, too long or different.
 */
bool cli_read_password(const char *prompt, bool confirm, char *buf, size_t size);

#endif
