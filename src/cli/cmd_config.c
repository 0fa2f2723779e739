/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua config show|example|check [FILE]`: the effective settings, the
 * documented example file (data/motcua.ini is its output), and a check of a
 * configuration file that reports the first problem with file, line and key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "motcua/config.h"
#include "motcua/i18n.h"

static int config_show(mc_cli *cli)
{
	const mc_config *c = &cli->cfg;
	if (!cli->json) {
		char *text = mc_config_format(c);
		if (!text)
			return cli_error(CLI_FAIL, "%s", mc_status_str(MC_ERR_NOMEM));
		fputs(text, stdout);
		free(text);
		return CLI_OK;
	}
	/* {"source": path|null, "settings": {"section": {"key": "value", ...}, ...}} */
	fputs("{\"source\": ", stdout);
	json_str(stdout, c->source_path[0] ? c->source_path : NULL);
	fputs(", \"settings\": {", stdout);
	const char *section = NULL;
	for (size_t i = 0; i < mc_config_key_count(); i++) {
		const mc_config_key *k = mc_config_key_at(i);
		char value[MC_CFG_PATH];
		if (strcmp(k->section, "files") == 0 && strcmp(k->name, "database") == 0) {
			if (mc_config_database_path(c, value, sizeof value) != MC_OK)
				value[0] = '\0';
		} else {
			mc_config_key_value(c, i, value, sizeof value);
		}
		if (!section || strcmp(section, k->section) != 0) {
			if (section)
				fputs("}, ", stdout);
			json_str(stdout, k->section);
			fputs(": {", stdout);
			section = k->section;
		} else {
			fputs(", ", stdout);
		}
		json_str(stdout, k->name);
		fputs(": ", stdout);
		json_str(stdout, value);
	}
	fputs(section ? "}}}\n" : "}}\n", stdout);
	return CLI_OK;
}

static int config_example(void)
{
	char *text = mc_config_example();
	if (!text)
		return cli_error(CLI_FAIL, "%s", mc_status_str(MC_ERR_NOMEM));
	fputs(text, stdout);
	free(text);
	return CLI_OK;
}

static int config_check(mc_cli *cli, const char *file)
{
	mc_config c;
	const char *source = cli->cfg.source_path;
	if (file) {
		mc_err e;
		mc_err_clear(&e);
		if (mc_config_load(&c, file, &e) != MC_OK) {
			if (cli->json) {
				fputs("{\"ok\": false, \"file\": ", stdout);
				json_str(stdout, file);
				fputs(", \"error\": ", stdout);
				json_str(stdout, e.msg);
				fputs("}\n", stdout);
			}
			return cli_fail(&e);
		}
		source = c.source_path;
	}
	/* Without FILE the configuration was already loaded (and checked) at start-up. */
	if (cli->json) {
		fputs("{\"ok\": true, \"file\": ", stdout);
		json_str(stdout, source[0] ? source : NULL);
		fputs("}\n", stdout);
	} else if (source[0]) {
		printf(_("%s: the configuration is valid.\n"), source);
	} else {
		printf("%s\n", _("No configuration file found: the built-in defaults are used."));
	}
	return CLI_OK;
}

int cmd_config(mc_cli *cli)
{
	static const char *const no_values[] = {NULL};
	if (!cli_opts_check(cli, no_values, no_values, 2))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	const char *file = cli_arg(cli, 1);
	if (sub && strcmp(sub, "check") == 0)
		return config_check(cli, file);
	if (file)
		return cli_error(CLI_USAGE, _("too many arguments; see motcua --help."));
	if (!sub || strcmp(sub, "show") == 0)
		return config_show(cli);
	if (strcmp(sub, "example") == 0)
		return config_example();
	return cli_error(CLI_USAGE,
	                 _("unknown config command \"%s\"; use show, example or check."), sub);
}
