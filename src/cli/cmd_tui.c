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

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/dossier.h"
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
	if (!cli_identify(cli, db)) { /* the same gate as the commands (cmd_user.c) */
		mc_db_close(db);
		return CLI_FAIL;
	}
	int rc = mc_tui_run(cli, db);
	mc_db_close(db);
	return rc;
}

/* The shipped catalogue and demo dossiers around "now". */
static mc_status fill_demo(mc_cli *cli, mc_db *db, mc_err *e)
{
	mc_calendar *cal = cli_calendar(cli);
	if (!cal)
		return mc_err_set(e, MC_ERR_CONFIG, "%s", _("the working calendar could not be loaded."));
	mc_ctx ctx = {db, &cli->cfg, cal, &cli->clock, "demo"};
	mc_procedure *procs = NULL;
	size_t n = 0;
	mc_status st = mc_catalog_load_file(cli->cfg.catalogue_path, &procs, &n, e);
	if (st != MC_OK)
		return st;
	mc_import_result ir;
	st = mc_catalog_import(&ctx, procs, n, &ir, e);
	mc_catalog_free(procs, n);
	if (st != MC_OK)
		return st;
	mc_demo_options o = {2000, 1};
	mc_demo_stats ds;
	return mc_demo_generate(&ctx, &o, &ds, e);
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
	} else if (fill_demo(cli, db, &e) != MC_OK) {
		rc = cli_fail(&e);
		mc_db_close(db);
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
