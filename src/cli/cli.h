/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command line: global options, the command table and helpers shared by
 * the command files (cmd_*.c). Commands print; the core never does.
 */
#ifndef MOTCUA_CLI_H
#define MOTCUA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "motcua/calendar.h"
#include "motcua/clock.h"
#include "motcua/config.h"
#include "motcua/error.h"

typedef struct mc_cli {
	mc_config cfg;
	mc_clock clock;
	bool json;
	const char *db_path;     /* --db, NULL = config / default */
	const char *config_path; /* --config */
	const char *now_text;    /* --now or MOTCUA_NOW, NULL = system clock */
	const char *user;        /* --user NAME: password login as NAME (cmd_user.c) */
	int argc;                /* arguments after the command name */
	char **argv;
	mc_calendar *cal;        /* loaded on first use by cli_calendar() */
	const char *const *opt_values; /* set by cli_opts_check() */
	const char *const *opt_flags;
} mc_cli;

/* Exit statuses. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef int (*mc_cli_fn)(mc_cli *cli);

typedef struct mc_cli_command {
	const char *name;    /* "calendar", "intake", ... */
	mc_cli_fn run;
	const char *usage;   /* "intake --procedure CODE --name NAME [...]" */
	const char *summary; /* English msgid, translated when shown */
} mc_cli_command;

/* Print "motcua: <message>" on stderr; returns CLI_FAIL. */
int cli_fail(const mc_err *e);
/* Print a formatted, already translated sentence on stderr; returns the code. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cli_error(int code, const char *fmt, ...);

/* The calendar with the configured files, loaded once. NULL on error (printed). */
mc_calendar *cli_calendar(mc_cli *cli);

/*
 * Tiny option parser for commands: walks cli->argv. Options are "--name value"
 * or "--name=value"; flags are "--name". Returns the value of option `name`
 * (NULL if absent); unknown options are reported by cli_opts_check().
 */
const char *cli_opt(const mc_cli *cli, const char *name);
bool cli_flag(const mc_cli *cli, const char *name);
/* The n-th positional (non-option) argument, or NULL; call cli_opts_check() first. */
const char *cli_arg(const mc_cli *cli, int n);
/*
 * Check that every option in argv is in the NULL-terminated lists `with_value`
 * and `flags`, and at most max_pos positionals; prints a sentence and returns
 * false otherwise.
 */
bool cli_opts_check(mc_cli *cli, const char *const *with_value, const char *const *flags,
                    int max_pos);

/* JSON output helpers (UTF-8, escapes control characters). */
void json_str(FILE *f, const char *s);       /* "..." or null for NULL */
void json_time(FILE *f, long long t);        /* mc_time, null for MC_TIME_NONE */
void json_date(FILE *f, int d);              /* mc_date */

/* Terminal output helpers, shared by the commands. */
/* Stored text to f, sanitised (no control sequences reach the terminal); NULL as "". */
void cli_put_safe(FILE *f, const char *s);
/* s (our own text, or text already sanitised) to stdout, then spaces up to w display
 * columns: table columns of Vietnamese text, which printf's %-Ns pads by bytes. */
void cli_put_padded(const char *s, int w);
/* "YYYY-MM-DD HH:MM" (mc_time_format), or "-" for MC_TIME_NONE. */
void cli_fmt_time(mc_time t, char buf[17]);

/* Commands (defined in cmd_*.c). */
int cli_main(int argc, char **argv);

#endif
