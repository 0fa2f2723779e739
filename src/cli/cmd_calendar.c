/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua calendar ...`: due moments with their explanation, the listed days
 * of a year, lunar dates, and checking a new calendar file (product.md §3).
 *
 *   calendar due [--from T] --limit L [--procedure CODE [--channel C]] [--explain]
 *   calendar days [--year Y]
 *   calendar lunar [DATE]
 *   calendar impact --file NEW.tsv
 *
 * Every subcommand accepts --calendar PATH (a file or folder) to use instead
 * of the configured calendar, e.g. to check a file before installing it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/impact_open.h"
#include "motcua/deadline.h"
#include "motcua/dossier.h"
#include "motcua/i18n.h"
#include "motcua/lunar.h"
#include "motcua/text.h"

/* The configured calendar, or the one named by --calendar (then *owned must be freed). */
static mc_calendar *calendar_for(mc_cli *cli, mc_calendar **owned)
{
	*owned = NULL;
	const char *path = cli_opt(cli, "calendar");
	if (!path)
		return cli_calendar(cli);
	mc_err e;
	mc_err_clear(&e);
	mc_calendar *cal = mc_calendar_new(&cli->cfg, &e);
	if (!cal) {
		cli_fail(&e);
		return NULL;
	}
	if (mc_calendar_load(cal, path, &e) != MC_OK) {
		cli_fail(&e);
		mc_calendar_free(cal);
		return NULL;
	}
	*owned = cal;
	return cal;
}

/* The limit of a catalogue procedure for a channel, read from the database. */
static bool procedure_limit(mc_cli *cli, const char *code, const char *channel, mc_limit *out)
{
	if (channel && strcmp(channel, "direct") != 0 && strcmp(channel, "postal") != 0 &&
	    strcmp(channel, "online") != 0) {
		cli_error(CLI_USAGE, _("\"%s\" is not a channel; use direct, postal or online."), channel);
		return false;
	}
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return false;
	mc_procedure_row *rows = NULL;
	size_t n = 0;
	mc_err e;
	mc_err_clear(&e);
	bool ok = false;
	if (mc_procedure_list(&ctx, code, &rows, &n, &e) != MC_OK) {
		cli_fail(&e);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (strcmp(rows[i].code, code) != 0)
				continue;
			bool online = channel && strcmp(channel, "online") == 0;
			*out = online && rows[i].has_online_limit ? rows[i].online_limit : rows[i].limit;
			ok = true;
			break;
		}
		if (!ok)
			cli_error(CLI_FAIL, _("no procedure has the code \"%s\"; see motcua catalog list."),
			          code);
	}
	free(rows);
	cli_db_close(&ctx);
	return ok;
}

static int calendar_due(mc_cli *cli)
{
	static const char *const opts[] = {"from", "limit", "procedure", "channel", "calendar", NULL};
	static const char *const flags[] = {"explain", NULL};
	if (!cli_opts_check(cli, opts, flags, 1))
		return CLI_USAGE;
	const char *from_s = cli_opt(cli, "from");
	const char *limit_s = cli_opt(cli, "limit");
	const char *proc = cli_opt(cli, "procedure");
	const char *channel = cli_opt(cli, "channel");
	mc_err e;
	mc_err_clear(&e);
	mc_limit limit;
	if (limit_s && proc)
		return cli_error(CLI_USAGE, _("give either --limit or --procedure, not both."));
	if (!limit_s && !proc)
		return cli_error(CLI_USAGE, _("calendar due needs --limit (e.g. \"15 days\") or "
		                              "--procedure CODE."));
	if (channel && !proc)
		return cli_error(CLI_USAGE, _("--channel only applies with --procedure."));
	if (limit_s && mc_limit_parse(limit_s, &limit, &e) != MC_OK)
		return cli_error(CLI_USAGE, _("--limit: %s"), e.msg);
	mc_time from;
	if (from_s) {
		if (mc_time_parse(from_s, &from, &e) != MC_OK)
			return cli_error(CLI_USAGE, _("--from: %s"), e.msg);
	} else {
		from = mc_clock_now(&cli->clock);
	}
	mc_calendar *owned;
	mc_calendar *cal = calendar_for(cli, &owned);
	if (!cal)
		return CLI_FAIL;
	if (proc && !procedure_limit(cli, proc, channel, &limit)) {
		mc_calendar_free(owned);
		return CLI_FAIL;
	}
	mc_trail trail;
	mc_trail_init(&trail);
	mc_time due;
	if (mc_due_compute(cal, from, &limit, &due, &trail, &e) != MC_OK) {
		mc_trail_free(&trail);
		mc_calendar_free(owned);
		return cli_fail(&e);
	}
	if (cli->json) {
		char lim[32];
		if (limit.unit == MC_UNIT_SAME_DAY)
			snprintf(lim, sizeof lim, "same-day");
		else
			snprintf(lim, sizeof lim, "%d %s", limit.amount, mc_limit_unit_name(limit.unit));
		printf("{\"from\": ");
		json_time(stdout, from);
		printf(", \"start\": ");
		json_time(stdout, mc_next_opening(cal, from));
		printf(", \"limit\": ");
		json_str(stdout, lim);
		printf(", \"due\": ");
		json_time(stdout, due);
		printf(", \"trail\": [");
		for (size_t i = 0; i < trail.n; i++) {
			if (i)
				printf(", ");
			json_str(stdout, trail.lines[i]);
		}
		printf("]}\n");
	} else if (cli_flag(cli, "explain")) {
		for (size_t i = 0; i < trail.n; i++) {
			char *line = mc_text_sanitize(trail.lines[i], 0); /* holiday names from files */
			printf("%s %s\n", i + 1 == trail.n ? "=>" : " -", line ? line : "");
			free(line);
		}
	} else {
		char d[11], hm[6], desc[64];
		mc_date_format(mc_time_date(due), d);
		mc_hhmm_format(mc_time_minute_of_day(due), hm);
		mc_limit_describe(&limit, desc, sizeof desc);
		printf(_("Due: %s %s %s (%s).\n"), mc_weekday_name(mc_date_weekday(mc_time_date(due))),
		       d, hm, desc);
	}
	mc_trail_free(&trail);
	mc_calendar_free(owned);
	return CLI_OK;
}

static bool parse_year(const char *s, int *year)
{
	if (!s || strlen(s) != 4)
		return false;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		y = y * 10 + (s[i] - '0');
	}
	*year = y;
	return y >= MC_YEAR_MIN && y <= MC_YEAR_MAX;
}

/* Print s and pad with spaces to `width` characters (UTF-8 code points) plus two. */
static void print_padded(const char *s, int width)
{
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		chars += (*p & 0xC0) != 0x80;
	fputs(s, stdout);
	for (int i = chars; i < width + 2; i++)
		putchar(' ');
}

static int calendar_days(mc_cli *cli)
{
	static const char *const opts[] = {"year", "calendar", NULL};
	if (!cli_opts_check(cli, opts, NULL, 1))
		return CLI_USAGE;
	const char *ys = cli_opt(cli, "year");
	int year;
	if (ys) {
		if (!parse_year(ys, &year))
			return cli_error(CLI_USAGE, _("--year: \"%s\" is not a year between %d and %d."),
			                 ys, MC_YEAR_MIN, MC_YEAR_MAX);
	} else {
		mc_date_to_ymd(mc_time_date(mc_clock_now(&cli->clock)), &year, NULL, NULL);
	}
	mc_calendar *owned;
	mc_calendar *cal = calendar_for(cli, &owned);
	if (!cal)
		return CLI_FAIL;
	mc_cal_entry *days;
	size_t n;
	mc_err e;
	mc_err_clear(&e);
	if (mc_calendar_year_days(cal, year, &days, &n, &e) != MC_OK) {
		mc_calendar_free(owned);
		return cli_fail(&e);
	}
	bool from_file = mc_calendar_has_year(cal, year);
	if (cli->json) {
		printf("{\"year\": %d, \"provisional\": %s, \"days\": [", year,
		       from_file ? "false" : "true");
		for (size_t i = 0; i < n; i++) {
			printf("%s{\"date\": ", i ? ", " : "");
			json_date(stdout, days[i].date);
			printf(", \"kind\": \"%s\", \"name\": ", days[i].off ? "off" : "work");
			json_str(stdout, days[i].name);
			printf(", \"status\": \"%s\"}", days[i].provisional ? "provisional" : "confirmed");
		}
		printf("]}\n");
	} else {
		if (from_file)
			printf(_("Days off and make-up working days of %d (from the calendar files):\n"),
			       year);
		else
			printf(_("Days off of %d: no calendar file covers this year, so these are "
			         "provisional, computed from the statutory rule:\n"),
			       year);
		for (size_t i = 0; i < n; i++) {
			char d[11];
			mc_date_format(days[i].date, d);
			printf("  %s  ", d);
			print_padded(mc_weekday_name(mc_date_weekday(days[i].date)), 10);
			print_padded(days[i].off ? _("day off") : _("working day"), 14);
			char *name = mc_text_sanitize(days[i].name, 0);
			printf("%s  [%s]\n", name ? name : "",
			       days[i].provisional ? _("provisional") : _("confirmed"));
			free(name);
		}
		if (n == 0)
			printf("  %s\n", _("(none)"));
	}
	free(days);
	mc_calendar_free(owned);
	return CLI_OK;
}

static int calendar_lunar(mc_cli *cli)
{
	if (!cli_opts_check(cli, NULL, NULL, 2))
		return CLI_USAGE;
	const char *ds = cli_arg(cli, 1);
	mc_date d;
	mc_err e;
	mc_err_clear(&e);
	if (ds) {
		if (mc_date_parse(ds, &d, &e) != MC_OK)
			return cli_error(CLI_USAGE, "%s", e.msg);
	} else {
		d = mc_time_date(mc_clock_now(&cli->clock));
	}
	mc_lunar_date l;
	mc_lunar_from_solar(d, &l);
	char name[32], dt[11];
	mc_lunar_year_name(l.year, name, sizeof name);
	mc_date_format(d, dt);
	if (cli->json) {
		printf("{\"date\": ");
		json_date(stdout, d);
		printf(", \"day\": %d, \"month\": %d, \"year\": %d, \"leap\": %s, \"year_name\": ", l.day,
		       l.month, l.year, l.leap ? "true" : "false");
		json_str(stdout, name);
		printf("}\n");
	} else if (l.leap) {
		printf(_("%s is day %d of the leap month %d of the lunar year %s (%d).\n"), dt, l.day,
		       l.month, name, l.year);
	} else {
		printf(_("%s is day %d of month %d of the lunar year %s (%d).\n"), dt, l.day, l.month,
		       name, l.year);
	}
	return CLI_OK;
}

static int calendar_impact(mc_cli *cli)
{
	static const char *const opts[] = {"file", NULL};
	if (!cli_opts_check(cli, opts, NULL, 1))
		return CLI_USAGE;
	const char *file = cli_opt(cli, "file");
	if (!file)
		return cli_error(CLI_USAGE, _("calendar impact needs --file NEW.tsv."));
	mc_err e;
	mc_err_clear(&e);
	/* The edited calendar first: a bad line is reported before the database is opened. */
	mc_calendar *edited = mc_calendar_edited(&cli->cfg, file, &e);
	if (!edited)
		return cli_fail(&e);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0)) {
		mc_calendar_free(edited);
		return CLI_FAIL;
	}
	mc_impact_open r;
	mc_status st = mc_impact_open_dossiers(&ctx, edited, &r, &e);
	cli_db_close(&ctx);
	mc_calendar_free(edited);
	if (st != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"file\": ");
		json_str(stdout, file);
		printf(", \"checked\": %zu, \"manual\": %zu, \"waiting_supplement\": %zu, \"moves\": [",
		       r.n_checked, r.n_manual, r.n_waiting);
		for (size_t i = 0; i < r.n_rows; i++) {
			printf(i ? ", {\"code\": " : "{\"code\": ");
			json_str(stdout, r.rows[i].code);
			printf(", \"due\": ");
			json_time(stdout, r.rows[i].old_due);
			printf(", \"new_due\": ");
			json_time(stdout, r.rows[i].new_due);
			printf(", \"working_days\": %d}", r.rows[i].working_days);
		}
		printf("]}\n");
	} else {
		printf(_("%zu open dossier(s) checked against %s: %zu would move.\n"), r.n_checked, file,
		       r.n_rows);
		printf(_("Left out: %zu with a due set by hand (apology, extension), %zu waiting for a "
		         "supplement (their due is set again on resume).\n"),
		       r.n_manual, r.n_waiting);
		for (size_t i = 0; i < r.n_rows; i++) {
			char a[17], b[17];
			mc_time_format(r.rows[i].old_due, a);
			mc_time_format(r.rows[i].new_due, b);
			printf("  %-28s %s -> %s  %+d\n", r.rows[i].code, a, b, r.rows[i].working_days);
		}
		printf("%s\n", _("Nothing was changed. To apply the change, put the file in the "
		                 "calendar folder."));
	}
	mc_impact_open_free(&r);
	return CLI_OK;
}

int cmd_calendar(mc_cli *cli)
{
	const char *sub = cli->argc > 0 ? cli->argv[0] : NULL;
	if (!sub || sub[0] == '-')
		return cli_error(CLI_USAGE, _("calendar needs a subcommand: due, days, lunar or impact."));
	if (strcmp(sub, "due") == 0)
		return calendar_due(cli);
	if (strcmp(sub, "days") == 0)
		return calendar_days(cli);
	if (strcmp(sub, "lunar") == 0)
		return calendar_lunar(cli);
	if (strcmp(sub, "impact") == 0)
		return calendar_impact(cli);
	return cli_error(CLI_USAGE,
	                 _("unknown calendar subcommand \"%s\"; use due, days, lunar or impact."), sub);
}
