/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Starting the terminal interface, on the configured or a demo database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "motcua/i18n.h"
#include "tui/tui.h"

int cli_run_tui(mc_cli *cli)
{
	const char *path = cli->db_path ? cli->db_path : cli->cfg.database_path;
	return mc_tui_run(cli, path);
}

int cli_run_demo_tui(mc_cli *cli)
{
	/* Until the store lands the demo database is only a temporary path. */
	char path[] = "/tmp/motcua-demo-XXXXXX";
	char *dir = mkdtemp(path);
	if (!dir)
		return cli_error(CLI_FAIL, _("cannot create a temporary folder for the demo database."));
	char db[256];
	snprintf(db, sizeof db, "%s/demo.db", dir);
	return mc_tui_run(cli, db);
}
