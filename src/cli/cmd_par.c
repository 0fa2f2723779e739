/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua par`: the PAR scorecard of a year (product.md §3), entering the
 * manual criteria (`par set`), their history (`par history`) and the dossiers
 * behind a data-fed criterion (`par dossiers`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/i18n.h"
#include "motcua/par.h"
#include "motcua/par_store.h"
#include "motcua/text.h"

/* ---- shared set-up ------------------------------------------------------ */

typedef struct par_env {
	mc_ctx ctx; /* ctx.db NULL until opened */
	mc_rubric *rubric;
	char actor[64];
} par_env;

static void env_close(par_env *env)
{
	mc_rubric_free(env->rubric);
	if (env->ctx.db)
		cli_db_close(&env->ctx);
	memset(env, 0, sizeof *env);
}

/* Rubric from --rubric, else the configured one (the shipped default); then the database. */
static int env_open(mc_cli *cli, par_env *env, bool need_db)
{
	memset(env, 0, sizeof *env);
	mc_err e;
	mc_err_clear(&e);
	const char *rubric = cli_opt(cli, "rubric");
	if (!rubric)
		rubric = cli->cfg.rubric_path;
	if (!rubric || !*rubric)
		return cli_error(CLI_FAIL, _("no PAR rubric: give --rubric FILE or set [files] rubric."));
	if (mc_rubric_load(rubric, &env->rubric, &e) != MC_OK)
		return cli_fail(&e);
	if (!need_db)
		return CLI_OK;
	if (!cli_db_open(cli, &env->ctx, 0)) {
		env_close(env);
		return CLI_FAIL;
	}
	snprintf(env->actor, sizeof env->actor, "%s", env->ctx.actor);
	return CLI_OK;
}

static bool parse_year(const char *s, int *out)
{
	char *end;
	if (!s || !*s)
		return false;
	long v = strtol(s, &end, 10);
	if (*end || v <= MC_YEAR_MIN || v > MC_YEAR_MAX)
		return false;
	*out = (int)v;
	return true;
}

/* --year, or the scorecard year that contains today. */
static int year_opt(mc_cli *cli, const mc_rubric *r, int *year)
{
	const char *s = cli_opt(cli, "year");
	if (s) {
		if (!parse_year(s, year))
			return cli_error(CLI_USAGE, _("--year: \"%s\" is not a year between %d and %d."), s,
			                 MC_YEAR_MIN + 1, MC_YEAR_MAX);
		return CLI_OK;
	}
	int y, m, d;
	mc_date_to_ymd(mc_time_date(mc_clock_now(&cli->clock)), &y, &m, &d);
	if (mc_rubric_period(r) == MC_PAR_PERIOD_OFFICIAL && (m == 12 && d >= 15))
		y++;
	*year = y;
	return CLI_OK;
}

static int through_opt(mc_cli *cli, mc_date *through)
{
	const char *s = cli_opt(cli, "through");
	*through = MC_PAR_THROUGH_AUTO;
	if (!s)
		return CLI_OK;
	mc_err e;
	mc_err_clear(&e);
	if (mc_date_parse(s, through, &e) != MC_OK)
		return cli_error(CLI_USAGE, _("--through: %s"), e.msg);
	return CLI_OK;
}

static const mc_par_criterion *find_criterion(const mc_rubric *r, const char *id)
{
	const mc_par_criterion *c = id ? mc_rubric_find(r, id) : NULL;
	if (!c) {
		char list[1024] = "";
		for (size_t i = 0; i < mc_rubric_count(r); i++) {
			if (i)
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, mc_rubric_criterion(r, i)->id, sizeof list - strlen(list) - 1);
		}
		cli_error(CLI_USAGE, _("unknown criterion \"%s\" in the rubric %s; its criteria are: %s."),
		          id ? id : "", mc_rubric_source(r), list);
	}
	return c;
}

/* Thousandths as a JSON number: 1.5, 2, 0.333. */
static void json_milli(FILE *f, int64_t v)
{
	char buf[32];
	mc_par_format_milli(v, -1, buf, sizeof buf);
	fputs(buf, f);
}

/* A rate num/den in percent with one decimal, rounded half up exactly. */
static void rate_text(int64_t num, int64_t den, char *buf, size_t n)
{
	int64_t tenths = (num * 1000 * 2 + den) / (2 * den); /* tenths of a percent */
	snprintf(buf, n, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}

static const char *scoring_name(mc_par_scoring s)
{
	return s == MC_PAR_SCORE_PROPORTIONAL ? "proportional" : s == MC_PAR_SCORE_POINTS ? "points"
	                                                                                   : "bands";
}

/* ---- motcua par --------------------------------------------------------- */

static void print_json(const mc_rubric *r, const mc_par_scorecard *sc)
{
	FILE *f = stdout;
	fprintf(f, "{\"year\": %d, \"from\": ", sc->year);
	json_date(f, sc->from);
	fputs(", \"to\": ", f);
	json_date(f, sc->to);
	fputs(", \"through\": ", f);
	json_date(f, sc->through);
	fprintf(f, ", \"period\": \"%s\", \"days_left\": %d, \"rubric\": ",
	        mc_rubric_period(r) == MC_PAR_PERIOD_OFFICIAL ? "official" : "calendar",
	        (int)(sc->to - sc->through));
	json_str(f, mc_rubric_source(r));
	fputs(",\n \"criteria\": [", f);
	for (size_t i = 0; i < sc->n; i++) {
		const mc_par_result *it = &sc->items[i];
		const mc_par_criterion *c = it->crit;
		bool manual = c->metric == MC_PAR_MANUAL;
		fputs(i ? ",\n  {" : "\n  {", f);
		fputs("\"id\": ", f);
		json_str(f, c->id);
		fputs(", \"name\": ", f);
		json_str(f, c->name);
		fprintf(f, ", \"source\": \"%s\", \"scoring\": \"%s\", \"value\": ",
		        mc_par_metric_name(c->metric), scoring_name(c->scoring));
		if (!it->has_value) {
			fputs("null", f);
		} else if (manual) {
			json_milli(f, it->value);
		} else {
			char v[32];
			rate_text(it->num, it->den, v, sizeof v);
			fputs(v, f);
		}
		fputs(", \"points\": ", f);
		json_milli(f, it->points);
		fputs(", \"max\": ", f);
		json_milli(f, c->max);
		if (manual) {
			fputs(", \"numerator\": null, \"denominator\": null", f);
		} else {
			fprintf(f, ", \"numerator\": %lld, \"denominator\": %lld", (long long)it->num,
			        (long long)it->den);
		}
		fprintf(f, ", \"entered\": %s", it->entered ? "true" : "false");
		if (manual) {
			fputs(", \"entered_by\": ", f);
			json_str(f, it->entered ? it->actor : NULL);
			fputs(", \"entered_at\": ", f);
			json_time(f, it->entered ? it->entered_at : MC_TIME_NONE);
			fputs(", \"note\": ", f);
			json_str(f, it->entered && it->note[0] ? it->note : NULL);
		}
		fputs(", \"next_band\": ", f);
		if (!it->next.exists) {
			fputs("null", f);
		} else {
			fputs("{\"threshold\": ", f);
			json_milli(f, it->next.threshold);
			fputs(", \"points\": ", f);
			json_milli(f, it->next.points);
			fputs(", \"more\": ", f);
			if (it->next.more_possible)
				fprintf(f, "%lld", (long long)it->next.more);
			else
				fputs("null", f);
			fputs(", \"fewer\": ", f);
			if (it->next.fewer_possible)
				fprintf(f, "%lld", (long long)it->next.fewer);
			else
				fputs("null", f);
			fputc('}', f);
		}
		fputc('}', f);
	}
	fputs("],\n \"total\": ", f);
	json_milli(f, sc->total);
	fputs(", \"max\": ", f);
	json_milli(f, sc->max);
	fputs(", \"band\": ", f);
	json_str(f, sc->band[0] ? sc->band : NULL);
	fprintf(f, ", \"complete\": %s}\n", sc->complete ? "true" : "false");
}

/* The what-if line, worded for the metric (mc_par_next_text). */
static void print_next(const mc_par_criterion *c, const mc_par_next *nx)
{
	char t[32], p[32], text[400];
	mc_par_format_milli(nx->threshold, -1, t, sizeof t);
	mc_par_format_milli(nx->points, 2, p, sizeof p);
	mc_par_next_text(c->metric, nx, text, sizeof text);
	printf("    ");
	printf(_("next band %s %% (%s points): "), t, p);
	printf("%s\n", text);
}

static void print_text(const mc_rubric *r, const mc_par_scorecard *sc)
{
	char from[11], to[11], through[11], pts[32], max[32], v[32];
	mc_date_format_vn(sc->from, from);
	mc_date_format_vn(sc->to, to);
	mc_date_format_vn(sc->through, through);
	printf(_("PAR scorecard %d (%s to %s), data through %s, %d days left\n"), sc->year, from, to,
	       through, (int)(sc->to - sc->through));
	printf(_("Rubric: %s\n\n"), mc_rubric_source(r));
	for (size_t i = 0; i < sc->n; i++) {
		const mc_par_result *it = &sc->items[i];
		const mc_par_criterion *c = it->crit;
		mc_par_format_milli(it->points, 2, pts, sizeof pts);
		mc_par_format_milli(c->max, 2, max, sizeof max);
		printf("[%s] %s\n", c->id, c->name);
		if (c->metric == MC_PAR_MANUAL) {
			if (!it->entered) {
				printf("    %s  %s %s / %s\n", _("not entered yet"), _("points"), pts, max);
				continue;
			}
			mc_par_format_milli(it->value, -1, v, sizeof v);
			char at[17];
			mc_time_format(it->entered_at, at);
			printf("    %s %s%s  %s %s / %s  (%s, %s)\n", _("entered:"), v,
			       c->scoring == MC_PAR_SCORE_POINTS ? "" : " %", _("points"), pts, max,
			       it->actor, at);
			continue;
		}
		if (it->has_value) {
			rate_text(it->num, it->den, v, sizeof v);
			printf("    %s: %s %% (%lld/%lld)  %s %s / %s\n", mc_par_metric_label(c->metric), v,
			       (long long)it->num, (long long)it->den, _("points"), pts, max);
		} else {
			printf("    %s: %s  %s %s / %s\n", mc_par_metric_label(c->metric),
			       _("no dossier yet"), _("points"), pts, max);
		}
		if (it->next.exists)
			print_next(c, &it->next);
	}
	mc_par_format_milli(sc->total, 2, pts, sizeof pts);
	mc_par_format_milli(sc->max, 2, max, sizeof max);
	printf("\n%s %s / %s  %s %s\n", _("Total:"), pts, max, _("Band:"), sc->band);
	if (!sc->complete)
		printf("%s\n", _("Some manual criteria are not entered yet (motcua par set)."));
}

static int par_show(mc_cli *cli, par_env *env)
{
	int year = 0;
	mc_date through = 0;
	int rc;
	if ((rc = year_opt(cli, env->rubric, &year)) != CLI_OK ||
	    (rc = through_opt(cli, &through)) != CLI_OK)
		return rc;
	mc_par_scorecard sc;
	mc_err e;
	mc_err_clear(&e);
	if (mc_par_scorecard_compute(&env->ctx, env->rubric, year, through, &sc, &e) != MC_OK)
		return cli_fail(&e);
	if (cli->json)
		print_json(env->rubric, &sc);
	else
		print_text(env->rubric, &sc);
	mc_par_scorecard_free(&sc);
	return CLI_OK;
}

/* ---- motcua par set ----------------------------------------------------- */

static int par_set(mc_cli *cli, par_env *env)
{
	const char *id = cli_arg(cli, 1), *text = cli_arg(cli, 2);
	if (!id || !text)
		return cli_error(CLI_USAGE, _("usage: motcua par set CRITERION VALUE --year Y [--note TEXT]"));
	const mc_par_criterion *c = find_criterion(env->rubric, id);
	if (!c)
		return CLI_USAGE;
	int year, rc;
	if ((rc = year_opt(cli, env->rubric, &year)) != CLI_OK)
		return rc;
	char buf[32];
	snprintf(buf, sizeof buf, "%s", text);
	size_t n = strlen(buf);
	if (n && buf[n - 1] == '%' && c->scoring != MC_PAR_SCORE_POINTS)
		buf[--n] = '\0';
	int64_t value;
	if (!mc_par_parse_milli(buf, &value))
		return cli_error(CLI_USAGE,
		                 c->scoring == MC_PAR_SCORE_POINTS
		                         ? _("\"%s\" is not a number of points (e.g. 1 or 0.5).")
		                         : _("\"%s\" is not a percentage (e.g. 85 or 97.5)."),
		                 text);
	mc_err e;
	mc_err_clear(&e);
	if (mc_par_manual_set(&env->ctx, year, c, value, cli_opt(cli, "note"), &e) != MC_OK)
		return cli_fail(&e);
	mc_par_result res;
	mc_par_score_manual(c, true, value, &res, &e);
	if (cli->json) {
		fprintf(stdout, "{\"year\": %d, \"criterion\": ", year);
		json_str(stdout, c->id);
		fputs(", \"value\": ", stdout);
		json_milli(stdout, value);
		fputs(", \"points\": ", stdout);
		json_milli(stdout, res.points);
		fputs(", \"max\": ", stdout);
		json_milli(stdout, c->max);
		fputs(", \"entered_by\": ", stdout);
		json_str(stdout, env->actor);
		fputs(", \"entered_at\": ", stdout);
		json_time(stdout, mc_clock_now(&cli->clock));
		fputs("}\n", stdout);
	} else {
		char p[32], m[32];
		mc_par_format_milli(res.points, 2, p, sizeof p);
		mc_par_format_milli(c->max, 2, m, sizeof m);
		printf(_("%s, year %d: %s recorded (%s / %s points) by %s.\n"), c->id, year, text, p, m,
		       env->actor);
	}
	return CLI_OK;
}

/* ---- motcua par history ------------------------------------------------- */

static int par_history(mc_cli *cli, par_env *env)
{
	const char *id = cli_arg(cli, 1);
	if (id && !find_criterion(env->rubric, id))
		return CLI_USAGE;
	int year, rc;
	if ((rc = year_opt(cli, env->rubric, &year)) != CLI_OK)
		return rc;
	mc_par_entry *v;
	size_t n;
	mc_err e;
	mc_err_clear(&e);
	if (mc_par_manual_history(&env->ctx, year, id, &v, &n, &e) != MC_OK)
		return cli_fail(&e);
	if (cli->json)
		printf("{\"year\": %d, \"entries\": [", year);
	for (size_t i = 0; i < n; i++) {
		char val[32], at[17];
		mc_par_format_milli(v[i].value, -1, val, sizeof val);
		mc_time_format(v[i].at, at);
		if (cli->json) {
			fputs(i ? ",\n  {\"criterion\": " : "\n  {\"criterion\": ", stdout);
			json_str(stdout, v[i].criterion);
			fprintf(stdout, ", \"kind\": \"%s\", \"value\": ", v[i].percent ? "percent" : "points");
			json_milli(stdout, v[i].value);
			fputs(", \"actor\": ", stdout);
			json_str(stdout, v[i].actor);
			fputs(", \"at\": ", stdout);
			json_time(stdout, v[i].at);
			fputs(", \"recorded_at\": ", stdout);
			json_time(stdout, v[i].recorded_at);
			fprintf(stdout, ", \"backdated\": %s, \"note\": ", v[i].backdated ? "true" : "false");
			json_str(stdout, v[i].note[0] ? v[i].note : NULL);
			fputc('}', stdout);
		} else {
			/* Stored text: never raw to the terminal. */
			char *crit = mc_text_sanitize(v[i].criterion, 0);
			char *actor = mc_text_sanitize(v[i].actor, 0);
			char *note = mc_text_sanitize(v[i].note, 0);
			printf("%s  %-16s %10s%s  %-12s %s\n", at, crit ? crit : "", val,
			       v[i].percent ? " %" : "", actor ? actor : "", note ? note : "");
			free(crit);
			free(actor);
			free(note);
		}
	}
	if (cli->json)
		printf("]}\n");
	else if (n == 0)
		printf(_("No manual entry for %d.\n"), year);
	free(v);
	return CLI_OK;
}

/* ---- motcua par dossiers ------------------------------------------------ */

typedef struct list_arg {
	bool json;
	int part; /* 0 all, 1 numerator, 2 missing */
	size_t shown;
} list_arg;

static bool list_row(void *argp, const mc_par_row *row)
{
	list_arg *a = argp;
	if ((a->part == 1 && !row->in_numerator) || (a->part == 2 && row->in_numerator))
		return true;
	if (a->json) {
		fputs(a->shown ? ",\n  {\"code\": " : "\n  {\"code\": ", stdout);
		json_str(stdout, row->code);
		fputs(", \"received\": ", stdout);
		json_time(stdout, row->received);
		fputs(", \"original_due\": ", stdout);
		json_time(stdout, row->original_due);
		fputs(", \"due\": ", stdout);
		json_time(stdout, row->due);
		fputs(", \"finished\": ", stdout);
		json_time(stdout, row->finished);
		fputs(", \"status\": ", stdout);
		json_str(stdout, row->status);
		fputs(", \"outcome\": ", stdout);
		json_str(stdout, row->outcome[0] ? row->outcome : NULL);
		fprintf(stdout, ", \"in_numerator\": %s}", row->in_numerator ? "true" : "false");
	} else {
		char rec[17], due[17], fin[17];
		mc_time_format(row->received, rec);
		mc_time_format(row->original_due, due);
		mc_time_format(row->finished, fin);
		printf("%c %-24s %-16s %-16s %-16s %-10s %s\n", row->in_numerator ? '+' : '-', row->code,
		       rec, due, fin[0] ? fin : "-", row->status, row->outcome);
	}
	a->shown++;
	return true;
}

static int par_dossiers(mc_cli *cli, par_env *env)
{
	const char *id = cli_arg(cli, 1);
	if (!id)
		return cli_error(CLI_USAGE, _("usage: motcua par dossiers CRITERION --year Y [--through DATE] [--part all|numerator|missing]"));
	const mc_par_criterion *c = find_criterion(env->rubric, id);
	if (!c)
		return CLI_USAGE;
	if (c->metric == MC_PAR_MANUAL)
		return cli_error(CLI_FAIL, _("criterion %s is entered by hand; no dossiers are behind it."),
		                 c->id);
	list_arg a = {.json = cli->json};
	const char *part = cli_opt(cli, "part");
	if (part) {
		if (strcmp(part, "all") == 0)
			a.part = 0;
		else if (strcmp(part, "numerator") == 0)
			a.part = 1;
		else if (strcmp(part, "missing") == 0)
			a.part = 2;
		else
			return cli_error(CLI_USAGE, _("--part: \"%s\" is not all, numerator or missing."), part);
	}
	int year, rc;
	mc_date through;
	if ((rc = year_opt(cli, env->rubric, &year)) != CLI_OK ||
	    (rc = through_opt(cli, &through)) != CLI_OK)
		return rc;
	/* The same period as the scorecard. */
	mc_par_scorecard sc;
	mc_err e;
	mc_err_clear(&e);
	mc_date from, to;
	if (mc_par_year_range(mc_rubric_period(env->rubric), year, &from, &to, &e) != MC_OK)
		return cli_fail(&e);
	mc_date today = mc_time_date(mc_clock_now(&cli->clock));
	if (through == MC_PAR_THROUGH_AUTO) {
		if (today < from) {
			/* Let the scorecard say why. */
			if (mc_par_scorecard_compute(&env->ctx, env->rubric, year, through, &sc, &e) != MC_OK)
				return cli_fail(&e);
			mc_par_scorecard_free(&sc);
		}
		through = today > to ? to : today;
	} else if (through < from || through > to) {
		char a1[11], b1[11], c1[11];
		mc_date_format(through, c1);
		mc_date_format(from, a1);
		mc_date_format(to, b1);
		return cli_error(CLI_FAIL,
		                 _("the date %s is outside the scorecard year %d, which runs from %s to %s."),
		                 c1, year, a1, b1);
	}
	if (cli->json) {
		printf("{\"criterion\": ");
		json_str(stdout, c->id);
		printf(", \"source\": \"%s\", \"from\": ", mc_par_metric_name(c->metric));
		json_date(stdout, from);
		printf(", \"through\": ");
		json_date(stdout, through);
		printf(", \"dossiers\": [");
	}
	int64_t num = 0, den = 0;
	mc_status st = mc_par_dossiers(&env->ctx, c->metric, from, through, list_row, &a, &num, &den, &e);
	if (cli->json) {
		/* Close the document even on failure so the output stays valid JSON. */
		printf("],\n \"numerator\": %lld, \"denominator\": %lld, \"shown\": %zu}\n",
		       (long long)num, (long long)den, a.shown);
	} else if (st == MC_OK) {
		printf(_("%s (%s): numerator %lld, denominator %lld; + counted as favourable, - not.\n"),
		       c->id, mc_par_metric_name(c->metric), (long long)num, (long long)den);
	}
	return st == MC_OK ? CLI_OK : cli_fail(&e);
}

/* ---- dispatch ----------------------------------------------------------- */

int cmd_par(mc_cli *cli)
{
	static const char *const values[] = {"year", "through", "rubric", "note", "part", NULL};
	static const char *const flags[] = {NULL};
	if (!cli_opts_check(cli, values, flags, 3))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	int (*run)(mc_cli *, par_env *) = NULL;
	int max_pos = 0;
	if (!sub) {
		run = par_show;
	} else if (strcmp(sub, "set") == 0) {
		run = par_set;
		max_pos = 3;
	} else if (strcmp(sub, "dossiers") == 0) {
		run = par_dossiers;
		max_pos = 2;
	} else if (strcmp(sub, "history") == 0) {
		run = par_history;
		max_pos = 2;
	} else if (strcmp(sub, "check") == 0) {
		/* Validate a rubric without a database. */
		par_env env;
		int rc = env_open(cli, &env, false);
		if (rc != CLI_OK)
			return rc;
		char m[32];
		mc_par_format_milli(mc_rubric_max(env.rubric), 2, m, sizeof m);
		if (cli->json) {
			printf("{\"rubric\": ");
			json_str(stdout, mc_rubric_source(env.rubric));
			printf(", \"criteria\": %zu, \"max\": ", mc_rubric_count(env.rubric));
			json_milli(stdout, mc_rubric_max(env.rubric));
			printf("}\n");
		} else {
			printf(_("%s: %zu criteria, %s points at most; the rubric is valid.\n"),
			       mc_rubric_source(env.rubric), mc_rubric_count(env.rubric), m);
		}
		env_close(&env);
		return CLI_OK;
	} else {
		return cli_error(CLI_USAGE, _("unknown par command \"%s\": use set, dossiers, history or check."),
		                 sub);
	}
	if (max_pos && cli_arg(cli, max_pos))
		return cli_error(CLI_USAGE, _("too many arguments; see motcua --help."));
	par_env env;
	int rc = env_open(cli, &env, true);
	if (rc != CLI_OK)
		return rc;
	rc = run(cli, &env);
	env_close(&env);
	return rc;
}
