/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua letter KIND CODE [-o FILE.pdf] [--print]` and
 * `motcua letter register --period P [-o FILE.pdf] [--print]`: print a form
 * of a dossier (01 receipt, 02 supplement, 03 refusal, 04 apology, 05 stop,
 * 06 control slip) or the register (07) of a period to PDF, and optionally
 * send it to the configured printer command. The work is done by
 * mc_form_print() (include/motcua/forms.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/forms.h"
#include "motcua/i18n.h"
#include "motcua/period.h"

int cmd_letter(mc_cli *cli)
{
	static const char *const with_value[] = {"output", "period", "number", "reason", "basis", NULL};
	static const char *const flags[] = {"print", NULL};
	/* "-o FILE" is not a "--" option: it arrives as two positionals. */
	if (!cli_opts_check(cli, with_value, flags, 4))
		return CLI_USAGE;
	const char *kind_s = cli_arg(cli, 0);
	mc_form_kind kind;
	mc_err e;
	mc_err_clear(&e);
	if (!kind_s)
		return cli_error(CLI_USAGE, "%s", _("usage: motcua letter receipt|supplement|refusal|apology|stop|control CODE [-o FILE.pdf] [--print], or motcua letter register --period P [-o FILE.pdf]"));
	if (mc_form_kind_parse(kind_s, &kind, &e) != MC_OK) {
		cli_fail(&e);
		return CLI_USAGE;
	}
	int pos = 1;
	const char *code = NULL;
	if (kind != MC_FORM_REGISTER) {
		code = cli_arg(cli, pos++);
		if (!code || strcmp(code, "-o") == 0)
			return cli_error(CLI_USAGE, _("letter %s needs a dossier code."), kind_s);
	}
	const char *out = cli_opt(cli, "output");
	const char *p0 = cli_arg(cli, pos), *p1 = cli_arg(cli, pos + 1);
	if (p0) {
		if (strcmp(p0, "-o") != 0 || !p1 || out || cli_arg(cli, pos + 2))
			return cli_error(CLI_USAGE, _("Unexpected argument \"%s\"; write -o FILE.pdf."), p0);
		out = p1;
	}
	mc_form_options o;
	memset(&o, 0, sizeof o);
	o.reason = cli_opt(cli, "reason");
	o.legal_basis = cli_opt(cli, "basis");
	const char *num = cli_opt(cli, "number");
	if (num) {
		char *end;
		long v = strtol(num, &end, 10);
		if (*end || end == num || v < 1 || v > 999999)
			return cli_error(CLI_USAGE, _("--number must be a document number from 1, not \"%s\"."), num);
		o.doc_number = (int)v;
	}
	if (kind == MC_FORM_REGISTER) {
		const char *period = cli_opt(cli, "period");
		if (!period)
			return cli_error(CLI_USAGE, "%s", _("letter register needs --period P (e.g. 2025-11)."));
		if (mc_period_parse(period, &o.from, &o.to, &e) != MC_OK)
			return cli_fail(&e);
	}
	mc_ctx ctx;
	/* A dossier's letter logs the access to its personal data (a write);
	 * the register only reads. */
	if (!cli_db_open(cli, &ctx, kind == MC_FORM_REGISTER ? MC_DB_READONLY : 0))
		return CLI_FAIL;
	char written[MC_CFG_PATH + 160];
	bool print = cli_flag(cli, "print");
	mc_status st = mc_form_print(&ctx, kind, code, &o, out, print, written, sizeof written, &e);
	cli_db_close(&ctx);
	if (st != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"file\": ");
		json_str(stdout, written);
		printf(", \"kind\": \"%s\", \"printed\": %s}\n", mc_form_kind_name(kind), print ? "true" : "false");
	} else if (print) {
		printf(_("Wrote %s and sent it to the printer.\n"), written);
	} else {
		printf(_("Wrote %s.\n"), written);
	}
	return CLI_OK;
}
