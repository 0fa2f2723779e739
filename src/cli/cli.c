/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Global options, language set-up, configuration, and dispatch to a command
 * or to the terminal interface.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "mc_build_config.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "tui/tui.h"

int cli_error(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("motcua: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int cli_fail(const mc_err *e)
{
	return cli_error(CLI_FAIL, "%s", e->msg[0] ? e->msg : mc_status_str(e->code));
}

/* ---- language ---------------------------------------------------------- */

static bool env_says_english(void)
{
	const char *vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "en", 2) == 0;
	}
	return false;
}

static void bind_catalog(void)
{
	char probe[1200];
	struct stat st;
	/* Prefer the installed catalogue; fall back to the build tree. */
	snprintf(probe, sizeof probe, "%s/vi/LC_MESSAGES/motcua.mo", MC_LOCALEDIR);
	if (stat(probe, &st) == 0)
		bindtextdomain("motcua", MC_LOCALEDIR);
	else
		bindtextdomain("motcua", MC_BUILD_LOCALEDIR);
	bind_textdomain_codeset("motcua", "UTF-8");
}

/* language: "vi", "en" or "auto" (Vietnamese unless the locale asks for English). */
static void apply_language(const char *language)
{
	bool english = strcmp(language, "en") == 0 ||
	               (strcmp(language, "auto") == 0 && env_says_english());
	if (english) {
		setenv("LANGUAGE", "en", 1);
	} else {
		setenv("LANGUAGE", "vi", 1);
		/* gettext ignores LANGUAGE under the plain C locale. */
		const char *msg = setlocale(LC_MESSAGES, NULL);
		if (!msg || strcmp(msg, "C") == 0 || strcmp(msg, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	}
	textdomain("motcua");
}

static void setup_locale(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	bind_catalog();
	apply_language("auto");
}

/* ---- help -------------------------------------------------------------- */

static void print_help(FILE *f)
{
	fprintf(f, _("Usage: motcua [OPTIONS] [COMMAND [ARGS]]\n"
	             "Dossier tracking for the one-stop desk (Bộ phận Một cửa).\n"
	             "Without a command, the terminal interface starts.\n\n"));
	fprintf(f, _("Options:\n"));
	fprintf(f, "  --db PATH           %s\n", _("database file"));
	fprintf(f, "  --config PATH       %s\n", _("configuration file"));
	fprintf(f, "  --now \"YYYY-MM-DD HH:MM\"  %s\n", _("freeze the clock at that moment (also MOTCUA_NOW)"));
	fprintf(f, "  --json              %s\n", _("machine-readable output on stdout"));
	fprintf(f, "  --user NAME         %s\n", _("log in as NAME with a password (shared counter PC)"));
	fprintf(f, "  --demo              %s\n", _("start the interface on a temporary demo database"));
	fprintf(f, "  --help, --version\n\n");
	fprintf(f, _("Commands:\n"));
	for (size_t i = 0; i < mc_cli_command_count; i++)
		fprintf(f, "  motcua %s\n      %s\n", mc_cli_commands[i].usage,
		        _(mc_cli_commands[i].summary));
	fprintf(f, "\n%s\n", _("See motcua(1) for details."));
}

/* ---- option helpers for commands --------------------------------------- */

static bool is_opt(const char *a)
{
	return a[0] == '-' && a[1] == '-' && a[2];
}

static const char *opt_value(const mc_cli *cli, const char *name, bool *present)
{
	size_t n = strlen(name);
	*present = false;
	for (int i = 0; i < cli->argc; i++) {
		const char *a = cli->argv[i];
		if (!is_opt(a))
			continue;
		if (strncmp(a + 2, name, n) == 0) {
			if (a[2 + n] == '=') {
				*present = true;
				return a + 3 + n;
			}
			if (a[2 + n] == '\0') {
				*present = true;
				return i + 1 < cli->argc ? cli->argv[i + 1] : NULL;
			}
		}
	}
	return NULL;
}

const char *cli_opt(const mc_cli *cli, const char *name)
{
	bool present;
	return opt_value(cli, name, &present);
}

bool cli_flag(const mc_cli *cli, const char *name)
{
	bool present;
	opt_value(cli, name, &present);
	return present;
}

static bool in_list(const char *const *list, const char *name, size_t len)
{
	for (; list && *list; list++)
		if (strlen(*list) == len && strncmp(*list, name, len) == 0)
			return true;
	return false;
}

/* Walk argv, skipping option values; calls back for positionals. */
static bool walk(const mc_cli *cli, const char *const *with_value, const char *const *flags,
                 int want_pos, const char **pos_out, int *npos, bool report)
{
	*npos = 0;
	for (int i = 0; i < cli->argc; i++) {
		const char *a = cli->argv[i];
		if (is_opt(a)) {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			if (in_list(with_value, name, len)) {
				if (!eq) {
					if (i + 1 >= cli->argc) {
						if (report)
							cli_error(CLI_USAGE, _("option --%s needs a value."), name);
						return false;
					}
					i++;
				}
			} else if (in_list(flags, name, len) && !eq) {
				/* flag */
			} else {
				if (report)
					cli_error(CLI_USAGE, _("unknown option \"%s\"; see motcua --help."), a);
				return false;
			}
		} else {
			if (*npos == want_pos && pos_out) {
				*pos_out = a;
			}
			(*npos)++;
		}
	}
	return true;
}

const char *cli_arg(const mc_cli *cli, int n)
{
	const char *out = NULL;
	int npos = 0;
	walk(cli, cli->opt_values, cli->opt_flags, n, &out, &npos, false);
	return out;
}

bool cli_opts_check(mc_cli *cli, const char *const *with_value, const char *const *flags,
                    int max_pos)
{
	int npos;
	cli->opt_values = with_value;
	cli->opt_flags = flags;
	if (!walk(cli, with_value, flags, -1, NULL, &npos, true))
		return false;
	if (npos > max_pos) {
		cli_error(CLI_USAGE, _("too many arguments; see motcua --help."));
		return false;
	}
	return true;
}

/* ---- JSON -------------------------------------------------------------- */

void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void json_time(FILE *f, long long t)
{
	if (t == (long long)MC_TIME_NONE) {
		fputs("null", f);
		return;
	}
	char buf[17];
	mc_time_format((mc_time)t, buf);
	json_str(f, buf);
}

void json_date(FILE *f, int d)
{
	char buf[11];
	mc_date_format((mc_date)d, buf);
	json_str(f, buf);
}

void cli_put_safe(FILE *f, const char *s)
{
	char *c = mc_text_sanitize(s ? s : "", 0);
	fputs(c ? c : "", f);
	free(c);
}

void cli_put_padded(const char *s, int w)
{
	fputs(s, stdout);
	for (int c = mc_text_width(s); c < w; c++)
		putchar(' ');
}

void cli_fmt_time(mc_time t, char buf[17])
{
	if (t == MC_TIME_NONE)
		snprintf(buf, 17, "-");
	else
		mc_time_format(t, buf);
}

/* ---- shared resources -------------------------------------------------- */

mc_calendar *cli_calendar(mc_cli *cli)
{
	if (cli->cal)
		return cli->cal;
	mc_err e;
	mc_err_clear(&e);
	mc_calendar *cal = mc_calendar_new(&cli->cfg, &e);
	if (!cal) {
		cli_fail(&e);
		return NULL;
	}
	if (cli->cfg.calendar_path[0] && mc_calendar_load(cal, cli->cfg.calendar_path, &e) != MC_OK) {
		cli_fail(&e);
		mc_calendar_free(cal);
		return NULL;
	}
	cli->cal = cal;
	return cal;
}

/* ---- main -------------------------------------------------------------- */

static const char *take_value(int *i, int argc, char **argv, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (a[n] == '=')
		return a + n + 1;
	if (*i + 1 >= argc) {
		cli_error(CLI_USAGE, _("option %s needs a value."), name);
		return NULL;
	}
	return argv[++*i];
}

static bool is_global(const char *a, const char *name)
{
	size_t n = strlen(name);
	return strncmp(a, name, n) == 0 && (a[n] == '\0' || a[n] == '=');
}

int cli_main(int argc, char **argv)
{
	mc_cli cli;
	memset(&cli, 0, sizeof cli);
	setup_locale();

	bool demo = false, help = false, version = false;
	int i = 1;
	/* Global options may come before or after the command; collect the rest. */
	char **rest = calloc((size_t)argc + 1, sizeof *rest);
	int nrest = 0;
	const char *command = NULL;
	for (; i < argc; i++) {
		const char *a = argv[i];
		const char *v;
		if (is_global(a, "--db")) {
			if (!(v = take_value(&i, argc, argv, "--db")))
				goto usage;
			cli.db_path = v;
		} else if (is_global(a, "--config")) {
			if (!(v = take_value(&i, argc, argv, "--config")))
				goto usage;
			cli.config_path = v;
		} else if (is_global(a, "--now")) {
			if (!(v = take_value(&i, argc, argv, "--now")))
				goto usage;
			cli.now_text = v;
		} else if (is_global(a, "--user")) {
			if (!(v = take_value(&i, argc, argv, "--user")))
				goto usage;
			cli.user = v;
		} else if (strcmp(a, "--json") == 0) {
			cli.json = true;
		} else if (strcmp(a, "--demo") == 0 && !command) {
			demo = true;
		} else if ((strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			help = true;
		} else if (strcmp(a, "--version") == 0 && !command) {
			version = true;
		} else if (!command && a[0] != '-') {
			command = a;
		} else if (!command) {
			cli_error(CLI_USAGE, _("unknown option \"%s\"; see motcua --help."), a);
			goto usage;
		} else {
			rest[nrest++] = argv[i];
		}
	}
	cli.argc = nrest;
	cli.argv = rest;

	if (version) {
		printf("motcua %s\n", MC_VERSION);
		free(rest);
		return CLI_OK;
	}
	if (help && !command) {
		print_help(stdout);
		free(rest);
		return CLI_OK;
	}

	mc_err e;
	mc_err_clear(&e);
	if (mc_config_load(&cli.cfg, cli.config_path, &e) != MC_OK) {
		cli_error(CLI_FAIL, "%s", e.msg);
		free(rest);
		return CLI_FAIL;
	}
	apply_language(cli.cfg.language);

	if (!cli.now_text) {
		const char *env = getenv("MOTCUA_NOW");
		if (env && *env)
			cli.now_text = env;
	}
	if (cli.now_text) {
		if (mc_clock_freeze(&cli.clock, cli.now_text, &e) != MC_OK) {
			cli_error(CLI_USAGE, _("--now: %s"), e.msg);
			free(rest);
			return CLI_USAGE;
		}
	} else {
		mc_clock_system(&cli.clock);
	}

	int rc;
	if (!command) {
		rc = demo ? cli_run_demo_tui(&cli) : cli_run_tui(&cli);
	} else {
		const mc_cli_command *cmd = NULL;
		for (size_t k = 0; k < mc_cli_command_count; k++)
			if (strcmp(mc_cli_commands[k].name, command) == 0)
				cmd = &mc_cli_commands[k];
		if (!cmd) {
			rc = cli_error(CLI_USAGE, _("unknown command \"%s\"; see motcua --help."), command);
		} else if (help) {
			printf("%s: motcua %s\n%s\n", _("Usage"), cmd->usage, _(cmd->summary));
			rc = CLI_OK;
		} else {
			rc = cmd->run(&cli);
		}
	}
	mc_calendar_free(cli.cal);
	free(rest);
	return rc;
usage:
	free(rest);
	return CLI_USAGE;
}
