/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua report --period P [--by field|procedure]`: the national table
 * (Biểu số 06) with the rates, as a Vietnamese table or the JSON of
 * product.md §3; and `motcua demo [--dossiers N] [--seed S]`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/report.h"
#include "motcua/text.h"

/* ---- report ------------------------------------------------------------- */

static void json_rate(FILE *f, const mc_rate *r)
{
	if (r->valid)
		fprintf(f, "%.1f", mc_rate_round(r));
	else
		fputs("null", f);
}

static void json_counts(FILE *f, const int64_t *n)
{
	for (int c = 0; c < MC_RC_COUNT; c++) {
		fputs(c ? ", " : "", f);
		json_str(f, mc_report_col_key((mc_report_col)c));
		fprintf(f, ": %lld", (long long)n[c]);
	}
}

static void json_inputs(FILE *f, const mc_rate *r)
{
	fprintf(f, "{\"value\": ");
	json_rate(f, r);
	fprintf(f, ", \"numerator\": %lld, \"denominator\": %lld}", (long long)r->num,
	        (long long)r->den);
}

static void print_json(const mc_report *r, const char *period)
{
	FILE *f = stdout;
	fputs("{\"period\": ", f);
	json_str(f, period);
	fputs(", \"from\": ", f);
	json_date(f, r->from);
	fputs(", \"to\": ", f);
	json_date(f, r->to);
	fputs(", \"by\": ", f);
	json_str(f, r->by == MC_REPORT_BY_PROCEDURE ? "procedure" : "field");
	fputs(", \"judged_at\": ", f);
	json_time(f, r->judged_at);
	fputs(", \"rows\": [", f);
	for (size_t i = 0; i < r->n_rows; i++) {
		const mc_report_row *row = &r->rows[i];
		fputs(i ? ",\n  {" : "\n  {", f);
		fputs("\"field\": ", f);
		json_str(f, row->field);
		if (r->by == MC_REPORT_BY_PROCEDURE) {
			fputs(", \"procedure\": ", f);
			json_str(f, row->procedure_code);
			fputs(", \"procedure_name\": ", f);
			json_str(f, row->procedure_name);
		}
		fputs(", ", f);
		json_counts(f, row->n);
		fputs("}", f);
	}
	fputs(r->n_rows ? "\n], \"total\": {" : "], \"total\": {", f);
	json_counts(f, r->total.n);
	fputs("},\n\"rates\": {\"A\": ", f);
	json_rate(f, &r->rate_a);
	fputs(", \"B\": ", f);
	json_rate(f, &r->rate_b);
	fputs(", \"C\": ", f);
	json_rate(f, &r->rate_c);
	fputs("}, \"satisfaction\": ", f);
	json_rate(f, &r->satisfaction);
	fputs(", \"online_share\": ", f);
	json_rate(f, &r->online_share);
	fputs(", \"late_with_apology\": ", f);
	json_rate(f, &r->late_with_apology);
	const int64_t *t = r->total.n;
	bool ok = t[MC_RC_CARRIED_OVER] + t[MC_RC_RECEIVED_ONLINE] + t[MC_RC_RECEIVED_DIRECT_POSTAL] ==
	          t[MC_RC_RESOLVED_TOTAL] + t[MC_RC_PENDING_TOTAL] + t[MC_RC_STOPPED_WITHDRAWN];
	fprintf(f, ",\n\"reconciled\": %s, \"inputs\": {\"A\": ", ok ? "true" : "false");
	json_inputs(f, &r->rate_a);
	fputs(", \"B\": ", f);
	json_inputs(f, &r->rate_b);
	fputs(", \"C\": ", f);
	json_inputs(f, &r->rate_c);
	fputs(", \"satisfaction\": ", f);
	json_inputs(f, &r->satisfaction);
	fputs(", \"online_share\": ", f);
	json_inputs(f, &r->online_share);
	fputs(", \"late_with_apology\": ", f);
	json_inputs(f, &r->late_with_apology);
	fputs("}}\n", f);
}

/* Print s in exactly cols terminal columns (cut on a character boundary, padded). */
static void cell(const char *s, int cols, bool right)
{
	char *safe = mc_text_sanitize(s ? s : "", 0); /* catalogue text: never raw */
	const char *t = safe ? safe : "";
	int used = 0;
	size_t len = mc_text_fit(t, cols, &used);
	if (right)
		printf("%*s", cols - used, "");
	fwrite(t, 1, len, stdout);
	if (!right)
		printf("%*s", cols - used, "");
	free(safe);
}

static void num_cell(int64_t v, int cols)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)v);
	printf(" ");
	cell(buf, cols, true);
}

#define NAME_COLS 34
#define NUM_COLS 8

/* "(3) Tổng số   (4) Trực tuyến …", in lines of at most 100 columns. */
static void print_legend(void)
{
	char line[1024] = "";
	int width = 0;
	printf("\n");
	for (int c = 0; c < MC_RC_COUNT; c++) {
		char item[256];
		if (c < MC_RC_STOPPED_WITHDRAWN)
			snprintf(item, sizeof item, "(%d) %s", c + 3, mc_report_col_label((mc_report_col)c));
		else
			snprintf(item, sizeof item, "(*) %s", _("stopped or withdrawn in the period"));
		int w = mc_text_width(item);
		if (width && width + 3 + w > 100) {
			printf("%s\n", line);
			line[0] = '\0';
			width = 0;
		}
		size_t used = strlen(line);
		snprintf(line + used, sizeof line - used, "%s%s", width ? "   " : "", item);
		width += (width ? 3 : 0) + w;
	}
	if (width)
		printf("%s\n", line);
}

static void print_row(const char *no, const char *name, const int64_t *n)
{
	cell(no, 4, true);
	printf(" ");
	cell(name, NAME_COLS, false);
	for (int c = 0; c < MC_RC_COUNT; c++)
		num_cell(n[c], NUM_COLS);
	printf("\n");
}

static void print_rate_line(const char *label, const mc_rate *r, const char *definition)
{
	char value[32];
	if (r->valid)
		snprintf(value, sizeof value, "%.1f %%", mc_rate_round(r));
	else
		snprintf(value, sizeof value, "%s", _("n/a"));
	printf("  ");
	cell(label, 28, false);
	printf(" ");
	cell(value, 8, true);
	printf("   (%lld/%lld) %s\n", (long long)r->num, (long long)r->den, definition);
}

static void print_table(const mc_report *r)
{
	char period[128];
	mc_period_describe(r->from, r->to, period, sizeof period);
	printf("%s\n", _("RESULTS OF HANDLING ADMINISTRATIVE PROCEDURES (form 06/VPCP/KSTT)"));
	printf("%s\n\n", period);
	/* Column numbers of the national form, then short headings. */
	cell("", 4, true);
	printf(" ");
	cell(r->by == MC_REPORT_BY_PROCEDURE ? _("Procedure") : _("Field"), NAME_COLS, false);
	/* Group headings span their four columns (col. 3-6, 7-10, 11-13 + stopped),
	 * in the words of the workbook; the columns go by their numbers, named
	 * in full under the table (8 columns would cut "Trực tuyến"). */
	static const char *const groups[3] = {N_("Dossiers received for resolution"),
	                                      N_("Dossiers resolved"), N_("Dossiers being resolved")};
	for (int g = 0; g < 3; g++) {
		printf(" ");
		cell(_(groups[g]), 4 * (NUM_COLS + 1) - 1, false);
	}
	printf("\n");
	cell(_("No."), 4, true);
	printf(" ");
	cell("(2)", NAME_COLS, false);
	for (int c = 0; c < MC_RC_COUNT; c++) {
		char k[8];
		if (c < MC_RC_STOPPED_WITHDRAWN)
			snprintf(k, sizeof k, "(%d)", c + 3);
		else
			snprintf(k, sizeof k, "(*)");
		printf(" ");
		cell(k, NUM_COLS, true);
	}
	printf("\n");
	for (size_t i = 0; i < r->n_rows; i++) {
		char no[24], name[1024];
		snprintf(no, sizeof no, "%zu", i + 1);
		if (r->by == MC_REPORT_BY_PROCEDURE)
			snprintf(name, sizeof name, "%s %s", r->rows[i].procedure_code,
			         r->rows[i].procedure_name);
		else
			snprintf(name, sizeof name, "%s", r->rows[i].field);
		print_row(no, name, r->rows[i].n);
	}
	print_row("", _("TOTAL"), r->total.n);
	print_legend();
	const int64_t *t = r->total.n;
	int64_t left = t[MC_RC_CARRIED_OVER] + t[MC_RC_RECEIVED_ONLINE] + t[MC_RC_RECEIVED_DIRECT_POSTAL];
	int64_t right = t[MC_RC_RESOLVED_TOTAL] + t[MC_RC_PENDING_TOTAL] + t[MC_RC_STOPPED_WITHDRAWN];
	printf(_("Reconciliation: carried over + received = %lld; resolved + pending + stopped/withdrawn = %lld: %s\n"),
	       (long long)left, (long long)right, left == right ? _("consistent") : _("INCONSISTENT"));
	char judged[17];
	mc_time_format(r->judged_at, judged);
	printf(_("Pending dossiers judged at %s.\n\n"), judged);
	print_rate_line(_("On-time rate A"), &r->rate_a, _("(early + on time) / resolved"));
	print_rate_line(_("On-time rate B"), &r->rate_b, _("(early + on time) / received (col. 3)"));
	print_rate_line(_("On-time rate C"), &r->rate_c,
	                _("100% - (late + pending overdue) / (resolved + pending)"));
	print_rate_line(_("Satisfaction"), &r->satisfaction,
	                _("ratings satisfied or very satisfied / rated results"));
	print_rate_line(_("Online share"), &r->online_share, _("received online / received in the period"));
	print_rate_line(_("Late with an apology"), &r->late_with_apology,
	                _("late or overdue dossiers with an apology / all of them"));
}

int cmd_report(mc_cli *cli)
{
	static const char *const opts[] = {"period", "by", NULL};
	if (!cli_opts_check(cli, opts, NULL, 0))
		return CLI_USAGE;
	const char *period = cli_opt(cli, "period");
	if (!period)
		return cli_error(CLI_USAGE, _("report needs --period (YYYY-MM, YYYY-MM/official, YYYY-Qn, YYYY-H1, YYYY-9M, YYYY or FROM..TO)."));
	const char *by_text = cli_opt(cli, "by");
	mc_report_by by = MC_REPORT_BY_FIELD;
	if (by_text && strcmp(by_text, "procedure") == 0)
		by = MC_REPORT_BY_PROCEDURE;
	else if (by_text && strcmp(by_text, "field") != 0)
		return cli_error(CLI_USAGE, _("--by must be \"field\" or \"procedure\", not \"%s\"."), by_text);
	mc_err e;
	mc_err_clear(&e);
	mc_date from, to;
	if (mc_period_parse(period, &from, &to, &e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e.msg);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0))
		return CLI_FAIL;
	mc_report *r = NULL;
	mc_status st = mc_report_build(&ctx, from, to, by, &r, &e);
	cli_db_close(&ctx);
	if (st != MC_OK)
		return cli_fail(&e);
	if (cli->json)
		print_json(r, period);
	else
		print_table(r);
	mc_report_free(r);
	return CLI_OK;
}

/* ---- demo --------------------------------------------------------------- */

static bool parse_count(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int cmd_demo(mc_cli *cli)
{
	static const char *const opts[] = {"dossiers", "seed", NULL};
	if (!cli_opts_check(cli, opts, NULL, 0))
		return CLI_USAGE;
	long long n = 5000, seed = 1;
	const char *v = cli_opt(cli, "dossiers");
	if (v && !parse_count(v, 1, 10000000, &n))
		return cli_error(CLI_USAGE, _("--dossiers must be a whole number from 1 to 10000000, not \"%s\"."), v);
	v = cli_opt(cli, "seed");
	if (v && !parse_count(v, 0, 0x7fffffffffffffffLL, &seed))
		return cli_error(CLI_USAGE, _("--seed must be a whole number, not \"%s\"."), v);
	mc_err e;
	mc_err_clear(&e);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_CREATE))
		return CLI_FAIL;
	double t0 = mc_clock_monotonic();
	mc_db_counts counts;
	mc_status st = mc_db_counts_get(ctx.db, &counts, &e);
	if (st == MC_OK && counts.dossiers > 0)
		st = mc_err_set(&e, MC_ERR_STATE,
		                _("the database already holds %lld dossiers; the demo fills an empty one (use a new --db file)."),
		                (long long)counts.dossiers);
	if (st == MC_OK && counts.procedures == 0) {
		mc_procedure *procs = NULL;
		size_t np = 0;
		st = mc_catalog_load_file(cli->cfg.catalogue_path, &procs, &np, &e);
		if (st == MC_OK) {
			mc_import_result ir;
			st = mc_catalog_import(&ctx, procs, np, &ir, &e);
		}
		mc_catalog_free(procs, np);
	}
	mc_demo_stats s;
	memset(&s, 0, sizeof s);
	if (st == MC_OK) {
		mc_demo_options o = {n, (uint64_t)seed};
		st = mc_demo_generate(&ctx, &o, &s, &e);
	}
	double secs = mc_clock_monotonic() - t0;
	cli_db_close(&ctx);
	if (st != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"dossiers\": %lld, \"applicants\": %lld, \"events\": %lld, \"apologies\": %lld,"
		       " \"online\": %lld, \"overdue_open\": %lld, \"from\": ",
		       (long long)s.dossiers, (long long)s.applicants, (long long)s.events,
		       (long long)s.apologies, (long long)s.online, (long long)s.overdue_open);
		json_date(stdout, s.first_day);
		printf(", \"to\": ");
		json_date(stdout, s.last_day);
		printf(", \"by_status\": {");
		for (int i = 0; i < MC_DOSSIER_STATUS_COUNT; i++)
			printf("%s\"%s\": %lld", i ? ", " : "", mc_dossier_status_name((mc_dossier_status)i),
			       (long long)s.by_status[i]);
		printf("}, \"seconds\": %.2f}\n", secs);
	} else {
		char a[11], b[11];
		mc_date_format_vn(s.first_day, a);
		mc_date_format_vn(s.last_day, b);
		printf(_("Demo data: %lld dossiers received from %s to %s, %lld applicants, %lld events, %lld apologies (%.1f s).\n"),
		       (long long)s.dossiers, a, b, (long long)s.applicants, (long long)s.events,
		       (long long)s.apologies, secs);
		for (int i = 0; i < MC_DOSSIER_STATUS_COUNT; i++)
		{
			printf("  ");
			cell(mc_dossier_status_label((mc_dossier_status)i), 24, false);
			printf(" %8lld\n", (long long)s.by_status[i]);
		}
	}
	return CLI_OK;
}
