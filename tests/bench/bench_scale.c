/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark (not a test): the screens' main queries of one database, timed
 * in process (no start-up, no configuration load), each beside the raw
 * SQLite statements it ran, and the durable intake commit beside a raw
 * durable one-row commit. Nothing is asserted.
 *
 * Every screen query of include/motcua/plans.h is made once under the
 * statement log (to capture the SQL the store really runs, with its values),
 * then `reps` times: median and 95th percentile of the wall time, and the
 * median CPU time of the process (the machine may be shared). The baseline
 * runs each captured SELECT through sqlite3_prepare/step/finalize with the
 * values written in, on the same connection (mc_sql_run): the cost of the
 * query alone, without the API (thresholds, row decoding, counts). Each
 * plan is printed on request (--plans) and a full scan is flagged.
 *
 * Output: one tab-separated line per operation, for tests/bench/scale.sh:
 *   op NAME ROWS MEDIAN_MS P95_MS CPU_MS RAW_MS RATIO FLAGS
 *
 * usage: bench_scale DB CALENDAR_DIR [--now "YYYY-MM-DD HH:MM"] [--reps N]
 *        [--intakes N] [--month YYYY-MM] [--search TEXT] [--plans] [--quick]
 * With --quick (meson test --benchmark) a demo database of 20,000 dossiers
 * is made first in DB (which must not exist).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "motcua/calendar.h"
#include "motcua/catalog.h"
#include "motcua/clock.h"
#include "motcua/config.h"
#include "motcua/demo.h"
#include "motcua/dossier.h"
#include "motcua/plans.h"
#include "motcua/query.h"
#include "motcua/store.h"

static double now_ms(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static int die(const char *what, const mc_err *e)
{
	fprintf(stderr, "bench_scale: %s: %s\n", what, e->msg);
	return 1;
}

static bool is_select(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	return strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "WITH", 4) == 0;
}

/* Median time of the captured SELECTs of log, each run reps times on db. */
static double raw_time(mc_db *db, const mc_sql_log *log, int reps, bool *full_scan,
                       bool print_plans)
{
	double total = 0;
	double *t = malloc((size_t)reps * sizeof *t);
	if (!t)
		return -1;
	for (size_t j = 0; j < mc_sql_log_count(log); j++) {
		const char *sql = mc_sql_log_expanded(log, j);
		if (!sql || !is_select(sql))
			continue;
		mc_plan p;
		mc_err e;
		if (mc_sql_plan(db, sql, &p, &e) == MC_OK) {
			if (p.full_scan)
				*full_scan = true;
			if (print_plans)
				printf("# %s\n%s", sql, p.text);
			mc_plan_clear(&p);
		}
		for (int r = 0; r < reps; r++) {
			double t0 = now_ms(CLOCK_MONOTONIC);
			if (mc_sql_run(db, sql, NULL, &e) != MC_OK) {
				fprintf(stderr, "bench_scale: raw: %s\n", e.msg);
				free(t);
				return -1;
			}
			t[r] = now_ms(CLOCK_MONOTONIC) - t0;
		}
		total += pct(t, reps, 0.5);
	}
	free(t);
	return total;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_scale DB CALENDAR_DIR [--now T] [--reps N] [--intakes N]"
		                " [--month YYYY-MM] [--search TEXT] [--plans] [--quick]\n");
		return 2;
	}
	const char *path = argv[1], *caldir = argv[2];
	const char *now = "2026-11-20 10:00", *month = NULL, *search = NULL;
	int reps = 15, intakes = 100;
	bool plans = false, quick = false;
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			now = argv[++i];
		else if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (strcmp(argv[i], "--intakes") == 0 && i + 1 < argc)
			intakes = atoi(argv[++i]);
		else if (strcmp(argv[i], "--month") == 0 && i + 1 < argc)
			month = argv[++i];
		else if (strcmp(argv[i], "--search") == 0 && i + 1 < argc)
			search = argv[++i];
		else if (strcmp(argv[i], "--plans") == 0)
			plans = true;
		else if (strcmp(argv[i], "--quick") == 0)
			quick = true;
	}
	if (reps < 1)
		reps = 1;
	mc_err e;
	mc_err_clear(&e);
	mc_config cfg;
	mc_config_defaults(&cfg);
	mc_calendar *cal = mc_calendar_new(&cfg, &e);
	if (!cal || mc_calendar_load(cal, caldir, &e) != MC_OK)
		return die(caldir, &e);
	mc_clock clock;
	if (mc_clock_freeze(&clock, now, &e) != MC_OK)
		return die("--now", &e);
	mc_db *db;
	if (mc_db_open(path, quick ? MC_DB_CREATE : 0, &db, &e) != MC_OK)
		return die(path, &e);
	mc_ctx ctx = {db, &cfg, cal, &clock, "bench"};
	if (quick) {
		char cat[600];
		snprintf(cat, sizeof cat, "%s/../catalogue.csv", caldir);
		mc_procedure *p;
		size_t n;
		mc_import_result ir;
		if (mc_catalog_load_file(cat, &p, &n, &e) != MC_OK ||
		    mc_catalog_import(&ctx, p, n, &ir, &e) != MC_OK)
			return die(cat, &e);
		mc_catalog_free(p, n);
		mc_demo_options o = {20000, 1};
		mc_demo_stats ds;
		double t0 = now_ms(CLOCK_MONOTONIC);
		if (mc_demo_generate(&ctx, &o, &ds, &e) != MC_OK)
			return die("demo", &e);
		printf("# demo of 20,000 dossiers made in process: %.0f ms\n",
		       now_ms(CLOCK_MONOTONIC) - t0);
	}
	mc_screen_params sp = {search, 0, 0};
	if (month) {
		int y, m;
		if (sscanf(month, "%d-%d", &y, &m) != 2 || m < 1 || m > 12) {
			fprintf(stderr, "bench_scale: --month wants YYYY-MM, not %s\n", month);
			return 2;
		}
		sp.month_from = mc_date_from_ymd(y, m, 1);
		sp.month_to = mc_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	}
	mc_db_counts counts;
	if (mc_db_counts_get(db, &counts, &e) != MC_OK)
		return die("counts", &e);
	printf("# database %s: %lld dossiers, %lld applicants, %lld events; now %s; %d runs each\n",
	       path, (long long)counts.dossiers, (long long)counts.applicants,
	       (long long)counts.events, now, reps);
	printf("# op\tname\trows\tmedian_ms\tp95_ms\tcpu_ms\traw_ms\tratio\tflags\n");

	double *wall = malloc((size_t)(reps > intakes ? reps : intakes) * sizeof *wall);
	double *cpu = malloc((size_t)reps * sizeof *cpu);
	if (!wall || !cpu)
		return 1;
	for (size_t i = 0; i < mc_screen_query_count(); i++) {
		const char *name = mc_screen_query_name(i);
		/* Once under the log (also warms the cache). */
		mc_sql_log *log;
		if (mc_sql_log_start(db, &log, &e) != MC_OK)
			return die("log", &e);
		int64_t rows = 0;
		if (mc_screen_query_run(&ctx, i, &sp, &rows, &e) != MC_OK)
			return die(name, &e);
		mc_sql_log_stop(log);
		for (int r = 0; r < reps; r++) {
			double c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID), t0 = now_ms(CLOCK_MONOTONIC);
			if (mc_screen_query_run(&ctx, i, &sp, &rows, &e) != MC_OK)
				return die(name, &e);
			wall[r] = now_ms(CLOCK_MONOTONIC) - t0;
			cpu[r] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		}
		double p95 = pct(wall, reps, 0.95), med = pct(wall, reps, 0.5);
		double cmed = pct(cpu, reps, 0.5);
		bool full = false;
		if (plans)
			printf("## plans of %s\n", name);
		double raw = raw_time(db, log, reps, &full, plans);
		mc_sql_log_free(log);
		printf("op\t%s\t%lld\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%s\n", name, (long long)rows, med,
		       p95, cmed, raw, raw > 0 ? med / raw : 0.0, full ? "FULL-SCAN" : "-");
		fflush(stdout);
	}

	/* Durable intake commits (synchronous=FULL, WAL) against a raw durable commit. */
	if (intakes > 0 && !quick) {
		mc_dossier *d = malloc(sizeof *d);
		mc_query q;
		mc_query_init(&q);
		q.limit = 1;
		size_t n = 0;
		mc_cursor next;
		if (!d || mc_dossier_list(&ctx, &q, d, &n, &next, &e) != MC_OK || n == 0)
			return die("intake: no dossier to copy the procedure from", &e);
		char proc[MC_CODE_MAX];
		snprintf(proc, sizeof proc, "%s", d->procedure_code);
		free(d);
		for (int r = 0; r < intakes; r++) {
			char name[64];
			snprintf(name, sizeof name, "Trần Thị Bích %d", r);
			mc_intake_input in;
			memset(&in, 0, sizeof in);
			in.procedure_code = proc;
			in.applicant.name = name;
			in.channel = MC_CHANNEL_DIRECT;
			mc_intake_result res;
			memset(&res, 0, sizeof res);
			mc_sql_log *log = NULL;
			if (r == 0 && mc_sql_log_start(db, &log, &e) != MC_OK)
				return die("log", &e);
			double t0 = now_ms(CLOCK_MONOTONIC);
			if (mc_dossier_intake(&ctx, &in, &res, &e) != MC_OK)
				return die("intake", &e);
			wall[r] = now_ms(CLOCK_MONOTONIC) - t0;
			mc_intake_result_free(&res);
			if (log) {
				/* The plans of the intake's statements (a scan would show here). */
				mc_sql_log_stop(log);
				for (size_t j = 0; j < mc_sql_log_count(log); j++) {
					const char *sql = mc_sql_log_expanded(log, j);
					mc_plan p;
					if (!sql || mc_sql_plan(db, sql, &p, &e) != MC_OK)
						continue;
					if (plans || p.full_scan)
						printf("## intake statement%s\n# %s\n%s",
						       p.full_scan ? " (FULL SCAN)" : "", sql, p.text);
					mc_plan_clear(&p);
				}
				mc_sql_log_free(log);
			}
		}
		double med = pct(wall, intakes, 0.5), p95 = pct(wall, intakes, 0.95);
		/* Raw: one autocommitted single-row write, as durable (same file, same pragmas). */
		for (int r = 0; r < intakes; r++) {
			char sql[160];
			snprintf(sql, sizeof sql,
			         "INSERT OR REPLACE INTO sequences (name, period, value)"
			         " VALUES ('bench', 'raw', %d)", r);
			double t0 = now_ms(CLOCK_MONOTONIC);
			if (mc_sql_run(db, sql, NULL, &e) != MC_OK)
				return die("raw commit", &e);
			wall[r] = now_ms(CLOCK_MONOTONIC) - t0;
		}
		double raw = pct(wall, intakes, 0.5);
		mc_sql_run(db, "DELETE FROM sequences WHERE name = 'bench'", NULL, &e);
		printf("op\tintake.durable\t%d\t%.3f\t%.3f\t-\t%.3f\t%.2f\t-\n", intakes, med, p95, raw,
		       raw > 0 ? med / raw : 0.0);
	}
	free(wall);
	free(cpu);
	mc_db_close(db);
	mc_calendar_free(cal);
	return 0;
}
