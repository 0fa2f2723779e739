/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Opening the database and building the operation context for commands. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "cli/cli_db.h"
#include "motcua/i18n.h"

static char login_name[128]; /* set by a password login */

void cli_set_actor(const char *name)
{
	snprintf(login_name, sizeof login_name, "%s", name ? name : "");
}

const char *cli_actor(void)
{
	static char name[128];
	if (login_name[0])
		return login_name;
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(getuid());
	const char *n = pw && pw->pw_name && *pw->pw_name ? pw->pw_name : getenv("USER");
	snprintf(name, sizeof name, "%s", n && *n ? n : "unknown");
	return name;
}

bool cli_db_open(mc_cli *cli, mc_ctx *ctx, unsigned flags)
{
	memset(ctx, 0, sizeof *ctx);
	mc_err e;
	mc_err_clear(&e);
	char path[4096];
	if (mc_db_resolve_path(cli->db_path, &cli->cfg, (flags & MC_DB_CREATE) != 0, path,
	                       sizeof path, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	const mc_calendar *cal = cli_calendar(cli);
	if (!cal)
		return false;
	mc_db *db;
	if (mc_db_open(path, flags, &db, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	if (!cli_identify(cli, db)) { /* unknown account, wrong password: one sentence */
		mc_db_close(db);
		return false;
	}
	ctx->db = db;
	ctx->cfg = &cli->cfg;
	ctx->cal = cal;
	ctx->clock = &cli->clock;
	ctx->actor = cli_actor();
	return true;
}

void cli_db_close(mc_ctx *ctx)
{
	mc_db_close(ctx->db);
	ctx->db = NULL;
}
