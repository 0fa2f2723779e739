/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua init` (create or migrate the database, idempotent; a new database
 * gets the configured procedure catalogue), `catalog import|list` and
 * `unit list`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/catalog.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"

static mc_status import_file(mc_ctx *ctx, const char *path, mc_import_result *r, mc_err *e)
{
	mc_procedure *procs = NULL;
	size_t n = 0;
	mc_status s = mc_catalog_load_file(path, &procs, &n, e);
	if (s != MC_OK)
		return s;
	s = mc_catalog_import(ctx, procs, n, r, e);
	mc_catalog_free(procs, n);
	return s;
}

/* Open the database with flags (cli_db_open) and clear e; false, message printed, when
 * it cannot be opened. */
static bool open_db(mc_cli *cli, mc_ctx *ctx, unsigned flags, mc_err *e)
{
	mc_err_clear(e);
	return cli_db_open(cli, ctx, flags);
}

int cmd_init(mc_cli *cli)
{
	if (!cli_opts_check(cli, NULL, NULL, 0))
		return CLI_USAGE;
	mc_ctx ctx;
	mc_err e;
	if (!open_db(cli, &ctx, MC_DB_CREATE | MC_DB_NO_MIGRATE, &e))
		return CLI_FAIL;
	int before = mc_db_schema_version(ctx.db), applied = 0;
	if (mc_db_migrate(ctx.db, &applied, &e) != MC_OK) {
		cli_db_close(&ctx);
		return cli_fail(&e);
	}
	/* A database without users gets its first administrator: the account running init. */
	bool admin_created = false;
	if (!cli_bootstrap_admin(cli, &ctx, &admin_created)) {
		cli_db_close(&ctx);
		return CLI_FAIL;
	}
	mc_role role = MC_ROLE_NONE;
	if (mc_user_role(&ctx, &role, NULL, &e) != MC_OK) {
		cli_db_close(&ctx);
		return cli_fail(&e);
	}
	mc_db_counts c;
	if (mc_db_counts_get(ctx.db, &c, &e) != MC_OK) {
		cli_db_close(&ctx);
		return cli_fail(&e);
	}
	/* A new user gets the configured catalogue so there are procedures to choose. */
	mc_import_result r = {0};
	bool imported = false;
	const char *cat = cli->cfg.catalogue_path;
	if (c.procedures == 0 && cat[0] && mc_role_allows(role, MC_ACT_CATALOG)) {
		struct stat sb;
		if (stat(cat, &sb) != 0) {
			cli_error(CLI_OK, _("warning: the catalogue %s does not exist; import one with "
			                    "\"motcua catalog import FILE.csv\"."),
			          cat);
		} else if (import_file(&ctx, cat, &r, &e) != MC_OK) {
			cli_db_close(&ctx);
			return cli_fail(&e);
		} else {
			imported = true;
			c.procedures = r.added;
			c.units += r.units_added;
		}
	}
	if (cli->json) {
		printf("{\"path\": ");
		json_str(stdout, mc_db_path(ctx.db));
		printf(", \"schema_version\": %d, \"previous_version\": %d, \"migrations_applied\": %d,"
		       " \"procedures\": %lld, \"units\": %lld, \"dossiers\": %lld, \"catalogue\": ",
		       mc_db_schema_version(ctx.db), before, applied, (long long)c.procedures,
		       (long long)c.units, (long long)c.dossiers);
		json_str(stdout, imported ? cat : NULL);
		printf(", \"admin_created\": ");
		json_str(stdout, admin_created ? ctx.actor : NULL);
		printf("}\n");
	} else {
		printf(_("Database %s is ready (schema version %d"), mc_db_path(ctx.db),
		       mc_db_schema_version(ctx.db));
		if (applied)
			printf(_(", %d migration(s) applied"), applied);
		printf(").\n");
		if (imported)
			printf(_("Imported %d procedures from %s.\n"), r.added, cat);
		printf(_("%lld procedures, %lld units, %lld dossiers.\n"), (long long)c.procedures,
		       (long long)c.units, (long long)c.dossiers);
		if (admin_created)
			printf(_("The account %s is the first user of this database, with the role "
			         "administrator; add the others with \"motcua user add NAME --role "
			         "clerk\".\n"),
			       ctx.actor);
	}
	cli_db_close(&ctx);
	return CLI_OK;
}

static int catalog_import(mc_cli *cli)
{
	const char *path = cli_arg(cli, 1);
	if (!path)
		return cli_error(CLI_USAGE, "%s", _("give the CSV file: motcua catalog import FILE.csv"));
	mc_ctx ctx;
	mc_err e;
	if (!open_db(cli, &ctx, 0, &e))
		return CLI_FAIL;
	mc_import_result r;
	mc_status s = import_file(&ctx, path, &r, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	if (cli->json)
		printf("{\"added\": %d, \"updated\": %d, \"unchanged\": %d, \"units_added\": %d}\n",
		       r.added, r.updated, r.unchanged, r.units_added);
	else
		printf(_("Catalogue imported: %d new, %d updated, %d unchanged procedures; %d new units.\n"),
		       r.added, r.updated, r.unchanged, r.units_added);
	return CLI_OK;
}

static int catalog_list(mc_cli *cli)
{
	mc_ctx ctx;
	mc_err e;
	if (!open_db(cli, &ctx, MC_DB_READONLY, &e))
		return CLI_FAIL;
	mc_procedure_row *p;
	size_t n;
	mc_status s = mc_procedure_list(&ctx, cli_opt(cli, "search"), &p, &n, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"procedures\": [");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",\n  {\"code\": " : "\n  {\"code\": ");
			json_str(stdout, p[i].code);
			printf(", \"name\": ");
			json_str(stdout, p[i].name);
			printf(", \"field\": ");
			json_str(stdout, p[i].field);
			printf(", \"level\": ");
			json_str(stdout, p[i].level);
			printf(", \"limit\": %d, \"limit_unit\": \"%s\"", p[i].limit.amount,
			       mc_limit_unit_name(p[i].limit.unit));
			if (p[i].has_online_limit)
				printf(", \"online_limit\": %d, \"online_limit_unit\": \"%s\"",
				       p[i].online_limit.amount, mc_limit_unit_name(p[i].online_limit.unit));
			else
				printf(", \"online_limit\": null, \"online_limit_unit\": null");
			printf(", \"fee\": ");
			json_str(stdout, p[i].fee);
			printf(", \"version\": %d}", p[i].version);
		}
		printf(n ? "\n]}\n" : "]}\n");
	} else {
		for (size_t i = 0; i < n; i++) {
			char lim[64];
			mc_limit_describe(&p[i].limit, lim, sizeof lim);
			char *name = mc_text_sanitize(p[i].name, 0);
			printf("%-14s ", p[i].code);
			cli_put_padded(lim, 20);
			printf(" %s\n", name ? name : "");
			free(name);
		}
		if (n == 0)
			printf("%s\n", _("No procedures; import a catalogue with \"motcua catalog import FILE.csv\"."));
	}
	free(p);
	return CLI_OK;
}

int cmd_catalog(mc_cli *cli)
{
	static const char *const vals[] = {"search", NULL};
	if (!cli_opts_check(cli, vals, NULL, 2))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	if (sub && strcmp(sub, "import") == 0)
		return catalog_import(cli);
	if (sub && strcmp(sub, "list") == 0 && !cli_arg(cli, 1))
		return catalog_list(cli);
	return cli_error(CLI_USAGE, "%s", _("use \"catalog import FILE.csv\" or \"catalog list\"."));
}

int cmd_unit(mc_cli *cli)
{
	if (!cli_opts_check(cli, NULL, NULL, 1))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	if (!sub || strcmp(sub, "list") != 0)
		return cli_error(CLI_USAGE, "%s", _("use \"unit list\"."));
	mc_ctx ctx;
	mc_err e;
	if (!open_db(cli, &ctx, MC_DB_READONLY, &e))
		return CLI_FAIL;
	mc_unit *u;
	size_t n;
	mc_status s = mc_unit_list(&ctx, &u, &n, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"units\": [");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ", {\"code\": " : "{\"code\": ");
			json_str(stdout, u[i].code);
			printf(", \"name\": ");
			json_str(stdout, u[i].name);
			printf(", \"kind\": ");
			json_str(stdout, u[i].kind);
			printf("}");
		}
		printf("]}\n");
	} else {
		for (size_t i = 0; i < n; i++) {
			char *name = mc_text_sanitize(u[i].name, 0);
			printf("%-8s %s\n", u[i].code, name ? name : "");
			free(name);
		}
	}
	free(u);
	return CLI_OK;
}
