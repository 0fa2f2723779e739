/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Starting the terminal interface: on the configured database (created and
 * migrated when missing), or with --demo on a fresh temporary database filled
 * with demo data around "now", removed on exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "motcua/i18n.h"
#include "motcua/store.h"
#include "tui/tui.h"

int cli_run_tui(mc_cli *cli)
{
	char path[2048];
	mc_err e;
	mc_err_clear(&e);
	if (mc_db_resolve_path(cli->db_path, &cli->cfg, true, path, sizeof path, &e) != MC_OK)
		return cli_fail(&e);
	mc_db *db = NULL;
	if (mc_db_open(path, MC_DB_CREATE, &db, &e) != MC_OK)
		return cli_fail(&e);
	int rc = mc_tui_run(cli, db);
	mc_db_close(db);
	return rc;
}

int cli_run_demo_tui(mc_cli *cli)
{
	char dir[] = "/tmp/motcua-demo-XXXXXX";
	if (!mkdtemp(dir))
		return cli_error(CLI_FAIL, _("cannot create a temporary folder for the demo database."));
	char path[256];
	snprintf(path, sizeof path, "%s/demo.db", dir);
	mc_err e;
	mc_err_clear(&e);
	mc_db *db = NULL;
	int rc;
	if (mc_db_open(path, MC_DB_CREATE, &db, &e) != MC_OK) {
		rc = cli_fail(&e);
	} else {
		rc = mc_tui_run(cli, db);
		mc_db_close(db);
	}
	/* The database and its WAL files go with the folder. */
	const char *suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		char f[300];
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	rmdir(dir);
	return rc;
}
