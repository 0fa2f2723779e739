/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua export --period P -o FILE.xlsx`: the Excel workbook of a period
 * (national table, register, overdue and at-risk dossiers, PAR inputs,
 * chart). The work is done by mc_export_period() (include/motcua/export.h);
 * this file parses the options and prints the outcome.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/export.h"
#include "motcua/i18n.h"

int cmd_export(mc_cli *cli)
{
	static const char *const with_value[] = {"period", "output", NULL};
	/* "-o FILE" is not a "--" option: it arrives as two positionals. */
	if (!cli_opts_check(cli, with_value, NULL, 2))
		return CLI_USAGE;
	const char *period = cli_opt(cli, "period");
	const char *out = cli_opt(cli, "output");
	const char *p0 = cli_arg(cli, 0), *p1 = cli_arg(cli, 1);
	if (p0) {
		if (strcmp(p0, "-o") != 0 || !p1 || out)
			return cli_error(CLI_USAGE, _("usage: motcua export --period P -o FILE.xlsx"));
		out = p1;
	}
	if (!period)
		return cli_error(CLI_USAGE, _("export needs --period P (e.g. 2025-06 or 2025-06/official)."));
	if (!out || !*out)
		return cli_error(CLI_USAGE, _("export needs -o FILE.xlsx."));

	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	mc_export_summary sum;
	mc_status s = mc_export_period(&ctx, period, out, &sum, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);

	char a[11], b[11];
	mc_date_format(sum.from, a);
	mc_date_format(sum.to, b);
	if (cli->json) {
		printf("{\"file\": ");
		json_str(stdout, out);
		printf(", \"from\": \"%s\", \"to\": \"%s\", \"fields\": %zu, \"register_rows\": %zu, "
		       "\"overdue_rows\": %zu, \"received_total\": %lld, \"resolved_total\": %lld, "
		       "\"pending_total\": %lld}\n",
		       a, b, sum.fields, sum.register_rows, sum.overdue_rows, sum.total.received_total,
		       sum.total.resolved_total, sum.total.pending_total);
	} else {
		mc_date_format_vn(sum.from, a);
		mc_date_format_vn(sum.to, b);
		printf(_("Wrote %s: %s to %s, %zu fields, %zu dossiers in the register, %zu overdue or "
		         "at risk.\n"),
		       out, a, b, sum.fields, sum.register_rows, sum.overdue_rows);
	}
	return CLI_OK;
}
