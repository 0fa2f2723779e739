/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark (not a test): the Excel workbook of one period with N dossiers
 * (default 100,000) in the register and N/20 in the overdue sheet, written
 * by mc_export_workbook() in constant_memory mode. Prints the wall time and
 * peak memory (ru_maxrss), then runs Python XlsxWriter (bench_export.py,
 * /usr/bin/python3, python3-xlsxwriter) writing the same cells in a child
 * process measured the same way, and prints the ratios. Targets
 * (product.md §4): < 3 s, < 64 MB, >= 5x faster than Python XlsxWriter.
 * Nothing is asserted.
 *
 * usage: bench_export [N] [OUTDIR] [PATH/TO/bench_export.py]
 * BENCH_LEVEL=1..9 sets the deflate level (default: [export] compression's default),
 * BENCH_REPS the runs of each writer (best taken), BENCH_KEEP keeps the files.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "motcua/clock.h"
#include "motcua/config.h"
#include "motcua/export.h"

extern char **environ;

#define NFIELDS 20

typedef struct gen {
	long n, i;
	bool overdue_sheet;
	mc_time base;
	mc_export_dossier d;
	char code[64], id[32], phone[32], name[64], proc[96], field[48], addr[96], note[48];
} gen;

/* The same strings bench_export.py builds for row i. */
static mc_status next_row(void *ctx, const mc_export_dossier **row, mc_err *e)
{
	(void)e;
	gen *g = ctx;
	if (g->i >= g->n) {
		*row = NULL;
		return MC_OK;
	}
	long i = g->i++;
	mc_export_dossier *d = &g->d;
	memset(d, 0, sizeof *d);
	d->register_no = i + 1;
	snprintf(g->code, sizeof g->code, "000.00.31.H29-2506%02ld-%04ld", 1 + i % 28, 1 + i % 9999);
	snprintf(g->proc, sizeof g->proc, "Thủ tục hành chính số %ld về đăng ký", i % 300);
	snprintf(g->field, sizeof g->field, "Lĩnh vực %ld", i % NFIELDS);
	snprintf(g->name, sizeof g->name, "Nguyễn Văn Hùng %ld", i);
	snprintf(g->id, sizeof g->id, "0790%08ld", i);
	snprintf(g->phone, sizeof g->phone, "09%08ld", (i * 7919) % 100000000);
	snprintf(g->addr, sizeof g->addr, "Số %ld, đường Võ Thị Sáu, phường Thống Nhất", i % 500);
	snprintf(g->note, sizeof g->note, "Ghi chú %ld", i);
	d->code = g->code;
	d->procedure = g->proc;
	d->field = g->field;
	d->sets = 1 + (int)(i % 3);
	d->applicant = g->name;
	d->id_number = g->id;
	d->address = g->addr;
	d->phone = g->phone;
	d->channel = i % 3 ? "Trực tiếp" : "Trực tuyến";
	d->lead_unit = "Phòng Hộ tịch";
	d->current_unit = "Phòng Hộ tịch";
	d->status = "Đã trả kết quả";
	d->received = g->base + i / 4;
	d->due = d->received + 1440 * 5;
	d->original_due = MC_TIME_NONE;
	d->sent_to_unit = d->received + 60;
	d->result_back = d->received + 1440 * 3;
	d->returned = d->received + 1440 * 4;
	d->note = i % 4 ? NULL : g->note;
	d->overdue = true;
	d->days_late = (int)(i % 9);
	d->apology = i % 2;
	d->apology_at = d->apology ? d->received + 1440 : MC_TIME_NONE;
	d->apology_deadline = d->due - 1440;
	d->apology_reason = d->apology ? "Chờ ý kiến liên ngành" : NULL;
	*row = d;
	return MC_OK;
}

static double now_s(void)
{
	return mc_clock_monotonic();
}

static off_t file_size(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? st.st_size : -1;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	const char *py = argc > 3 ? argv[3] : "tests/bench/bench_export.py";
	char out_c[1024], out_py[1024];
	snprintf(out_c, sizeof out_c, "%s/bench-motcua.xlsx", dir);
	snprintf(out_py, sizeof out_py, "%s/bench-python.xlsx", dir);

	mc_export_row rows[NFIELDS];
	char names[NFIELDS][32];
	mc_export_counts tot;
	memset(&tot, 0, sizeof tot);
	for (int f = 0; f < NFIELDS; f++) {
		snprintf(names[f], sizeof names[f], "Lĩnh vực %d", f);
		rows[f].field = names[f];
		memset(&rows[f].c, 0, sizeof rows[f].c);
		rows[f].c.received_online = n / NFIELDS / 3;
		rows[f].c.received_direct_postal = n / NFIELDS - n / NFIELDS / 3;
		rows[f].c.received_total = n / NFIELDS;
		rows[f].c.resolved_total = rows[f].c.resolved_on_time = n / NFIELDS;
		tot.received_online += rows[f].c.received_online;
		tot.received_direct_postal += rows[f].c.received_direct_postal;
		tot.received_total += rows[f].c.received_total;
		tot.resolved_total += rows[f].c.resolved_total;
		tot.resolved_on_time += rows[f].c.resolved_on_time;
	}
	gen reg = {.n = n, .base = mc_time_make(mc_date_from_ymd(2025, 6, 1), 450)};
	gen ovd = {.n = n / 20, .base = reg.base, .overdue_sheet = true};
	mc_export_input in = {
		.header = {.agency = "Sở Tư pháp tỉnh Đồng Nai", .agency_code = "000.00.31.H29",
		           .period_name = "2025-06", .from = mc_date_from_ymd(2025, 6, 1),
		           .to = mc_date_from_ymd(2025, 6, 30), .made_at = reg.base + 40000,
		           .made_by = "bench"},
		.rows = rows, .nrows = NFIELDS, .total = tot,
		.rate_a = {true, 100.0, tot.resolved_total, tot.resolved_total},
		.rate_b = {true, 100.0, tot.resolved_total, tot.received_total},
		.rate_c = {true, 100.0, tot.resolved_total, tot.resolved_total},
		.satisfaction = {false, 0, 0, 0},
		.online_share = {true, 33.3, tot.received_online, tot.received_total},
		.late_with_apology = {false, 0, 0, 0},
		.register_rows = {next_row, &reg}, .overdue_rows = {next_row, &ovd}, .mask_ids = true};
	/* The level users get: the default of [export] compression. */
	mc_config defaults;
	mc_config_defaults(&defaults);
	in.compression = getenv("BENCH_LEVEL") ? atoi(getenv("BENCH_LEVEL")) : defaults.export_compression;

	/* Best of REPS runs for both writers (the machine may be shared). */
	int reps = getenv("BENCH_REPS") ? atoi(getenv("BENCH_REPS")) : 2;
	if (reps < 1)
		reps = 1;
	double t_c = 1e9;
	for (int k = 0; k < reps; k++) {
		mc_err e;
		mc_err_clear(&e);
		reg.i = ovd.i = 0;
		double t0 = now_s();
		mc_status st = mc_export_workbook(out_c, &in, &e);
		double t = now_s() - t0;
		if (st != MC_OK) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		if (t < t_c)
			t_c = t;
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double mem_c = (double)ru.ru_maxrss / 1024.0;
	printf("motcua export: %ld register rows + %ld overdue rows, compression %d: %.2f s (best of %d), peak RSS %.1f MB, %.1f MB file\n",
	       n, n / 20, in.compression, t_c, reps, mem_c, (double)file_size(out_c) / 1e6);
	printf("  targets: < 3 s (%s), < 64 MB (%s)\n", t_c < 3 ? "met" : "NOT met",
	       mem_c < 64 ? "met" : "NOT met");

	/* Python XlsxWriter writing the same cells, in a child process. */
	char nbuf[32];
	snprintf(nbuf, sizeof nbuf, "%ld", n);
	char *pargv[] = {"/usr/bin/python3", (char *)py, nbuf, out_py, NULL};
	double t_py = 1e9, mem_py = 0;
	for (int k = 0; k < reps; k++) {
		pid_t pid;
		double t0 = now_s();
		if (posix_spawn(&pid, pargv[0], NULL, NULL, pargv, environ) != 0) {
			printf("python baseline: cannot run /usr/bin/python3\n");
			return 0;
		}
		int ws;
		struct rusage cru;
		if (wait4(pid, &ws, 0, &cru) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0) {
			printf("python baseline: failed (is python3-xlsxwriter installed?)\n");
			return 0;
		}
		double t = now_s() - t0;
		if (t < t_py)
			t_py = t;
		if ((double)cru.ru_maxrss / 1024.0 > mem_py)
			mem_py = (double)cru.ru_maxrss / 1024.0;
	}
	printf("python XlsxWriter (constant_memory, zlib's default level 6: it has no option): %.2f s (best of %d), peak RSS %.1f MB, %.1f MB file\n",
	       t_py, reps, mem_py, (double)file_size(out_py) / 1e6);
	printf("ratio: motcua is %.1fx faster than Python XlsxWriter (target >= 5x: %s); memory %.2fx\n",
	       t_py / t_c, t_py / t_c >= 5 ? "met" : "NOT met", mem_c / mem_py);
	if (!getenv("BENCH_KEEP")) {
		unlink(out_c);
		unlink(out_py);
	}
	return 0;
}
