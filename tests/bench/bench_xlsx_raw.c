/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark baseline (not a test): raw libxlsxwriter, in constant_memory
 * mode, with no motcua code in between. It is the floor the export is
 * compared with. This is the one file outside src/export that includes
 * xlsxwriter.h: a baseline must not go through the code it measures.
 *
 * Two modes:
 *   bench_xlsx_raw --cells CELLS.tsv OUT.xlsx
 *     writes exactly the cells of a workbook listed by xlsx_cells.py (the
 *     cells motcua's export wrote): the same sheets, the same cell formats
 *     (number format, font, border, fill, alignment, wrap), then every cell
 *     with worksheet_write_string / _number / _blank / _formula_num in the
 *     order of the list (row by row, sheet by sheet). Layout that is not a
 *     cell (column widths, merges, autofilter, panes, print set-up, the
 *     chart) is not copied. The time printed runs from the start of the
 *     program to after workbook_close, so it INCLUDES reading and parsing
 *     CELLS.tsv (a fraction of a second for 100,000 rows).
 *   bench_xlsx_raw N OUT.xlsx
 *     writes the synthetic cells of bench_export.py N OUT.xlsx (a table, a
 *     register of N rows, an overdue sheet of N/20 rows) that imitate the
 *     workbook of N dossiers.
 *
 * Both print "raw_xlsx SECONDS PEAK_KB" (wall seconds, peak resident KB).
 * --zlevel L (first) packs the zip at deflate level L (1-9) instead of
 * zlib's default 6, which libxlsxwriter 1.1.4 has no option for: through the
 * same zlib shim as motcua's [export] compression (src/export/zlevel.c,
 * linked alone), so that both deflate at the same level. It asks for the
 * level only, so the zip is packed by zlib on one thread as libxlsxwriter
 * does; motcua also spreads that deflate over the processors (and uses
 * ISA-L for level 1 when built with it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <xlsxwriter.h>

#include "export/zlevel.h"

#define EPOCH 25569.0

static double serial(long minutes)
{
	return EPOCH + (double)minutes / 1440.0;
}

static void mask(const char *s, char *out)
{
	size_t n = strlen(s);
	memcpy(out, s, 4);
	for (size_t i = 4; i < n - 3; i++)
		out[i] = '*';
	memcpy(out + n - 3, s + n - 3, 4);
}

enum { TXT, WRAP, NUM, DT, HDR, NFMT };
static lxw_format *fmt[NFMT];

static void rows(lxw_worksheet *ws, long n, int overdue, long base)
{
	char buf[160], code[64], proc[96], field[48], name[64], phone[32], id[32], masked[32];
	worksheet_write_string(ws, 0, 0, "DOSSIER REGISTER", fmt[HDR]);
	for (int c = 0; c < (overdue ? 16 : 18); c++) {
		snprintf(buf, sizeof buf, "Column %d", c);
		worksheet_write_string(ws, 3, (lxw_col_t)c, buf, fmt[HDR]);
	}
	for (long i = 0; i < n; i++) {
		lxw_row_t r = (lxw_row_t)(4 + i);
		snprintf(code, sizeof code, "000.00.31.H29-2506%02ld-%04ld", 1 + i % 28, 1 + i % 9999);
		snprintf(proc, sizeof proc, "Thủ tục hành chính số %ld về đăng ký", i % 300);
		snprintf(field, sizeof field, "Lĩnh vực %ld", i % 20);
		snprintf(name, sizeof name, "Nguyễn Văn Hùng %ld", i);
		snprintf(phone, sizeof phone, "09%08ld", (i * 7919) % 100000000);
		long received = base + i / 4, due = received + 1440 * 5;
		int apology = (int)(i % 2);
		if (!overdue) {
			snprintf(buf, sizeof buf, "Số %ld, đường Võ Thị Sáu, phường Thống Nhất", i % 500);
			snprintf(id, sizeof id, "0790%08ld", i);
			mask(id, masked);
			worksheet_write_number(ws, r, 0, (double)(i + 1), fmt[NUM]);
			worksheet_write_string(ws, r, 1, code, fmt[TXT]);
			worksheet_write_string(ws, r, 2, proc, fmt[WRAP]);
			worksheet_write_string(ws, r, 3, field, fmt[TXT]);
			worksheet_write_number(ws, r, 4, (double)(1 + i % 3), fmt[NUM]);
			worksheet_write_string(ws, r, 5, name, fmt[TXT]);
			worksheet_write_string(ws, r, 6, masked, fmt[TXT]);
			worksheet_write_string(ws, r, 7, buf, fmt[WRAP]);
			worksheet_write_string(ws, r, 8, phone, fmt[TXT]);
			worksheet_write_string(ws, r, 9, i % 3 ? "Trực tiếp" : "Trực tuyến", fmt[TXT]);
			worksheet_write_string(ws, r, 10, "Phòng Hộ tịch", fmt[TXT]);
			worksheet_write_number(ws, r, 11, serial(received), fmt[DT]);
			worksheet_write_number(ws, r, 12, serial(due), fmt[DT]);
			worksheet_write_number(ws, r, 13, serial(received + 60), fmt[DT]);
			worksheet_write_number(ws, r, 14, serial(received + 1440 * 3), fmt[DT]);
			worksheet_write_number(ws, r, 15, serial(received + 1440 * 4), fmt[DT]);
			worksheet_write_string(ws, r, 16, "Đã trả kết quả", fmt[TXT]);
			if (i % 4) {
				worksheet_write_blank(ws, r, 17, fmt[WRAP]);
			} else {
				snprintf(buf, sizeof buf, "Ghi chú %ld", i);
				worksheet_write_string(ws, r, 17, buf, fmt[WRAP]);
			}
		} else {
			worksheet_write_number(ws, r, 0, (double)(i + 1), fmt[NUM]);
			worksheet_write_string(ws, r, 1, code, fmt[TXT]);
			worksheet_write_string(ws, r, 2, proc, fmt[WRAP]);
			worksheet_write_string(ws, r, 3, field, fmt[TXT]);
			worksheet_write_string(ws, r, 4, name, fmt[TXT]);
			worksheet_write_string(ws, r, 5, phone, fmt[TXT]);
			worksheet_write_string(ws, r, 6, "Phòng Hộ tịch", fmt[TXT]);
			worksheet_write_number(ws, r, 7, serial(received), fmt[DT]);
			worksheet_write_number(ws, r, 8, serial(due), fmt[DT]);
			worksheet_write_blank(ws, r, 9, fmt[TXT]);
			worksheet_write_string(ws, r, 10, "Quá hạn", fmt[TXT]);
			worksheet_write_number(ws, r, 11, (double)(i % 9), fmt[NUM]);
			worksheet_write_number(ws, r, 12, serial(due - 1440), fmt[DT]);
			worksheet_write_string(ws, r, 13, apology ? "Đã xin lỗi" : "Chưa xin lỗi", fmt[TXT]);
			if (apology) {
				worksheet_write_number(ws, r, 14, serial(received + 1440), fmt[DT]);
				worksheet_write_string(ws, r, 15, "Chờ ý kiến liên ngành", fmt[WRAP]);
			} else {
				worksheet_write_blank(ws, r, 14, fmt[TXT]);
				worksheet_write_blank(ws, r, 15, fmt[WRAP]);
			}
		}
	}
	worksheet_autofilter(ws, 3, 0, (lxw_row_t)(3 + n), overdue ? 15 : 17);
	worksheet_freeze_panes(ws, 4, 2);
}

/* The synthetic workbook of N dossiers (the cells of bench_export.py N). */
static int synthetic(long n, const char *out)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(out, &opt);
	if (!wb) {
		fprintf(stderr, "bench_xlsx_raw: cannot create %s\n", out);
		return 1;
	}
	for (int f = 0; f < NFMT; f++) {
		fmt[f] = workbook_add_format(wb);
		format_set_font_name(fmt[f], "Times New Roman");
		format_set_font_size(fmt[f], 11);
		format_set_align(fmt[f], LXW_ALIGN_VERTICAL_CENTER);
		format_set_border(fmt[f], LXW_BORDER_THIN);
	}
	format_set_text_wrap(fmt[WRAP]);
	format_set_num_format(fmt[NUM], "0");
	format_set_num_format(fmt[DT], "dd/mm/yyyy hh:mm");
	format_set_align(fmt[DT], LXW_ALIGN_CENTER);
	format_set_bold(fmt[HDR]);
	format_set_text_wrap(fmt[HDR]);
	format_set_bg_color(fmt[HDR], 0xD9E1F2);
	lxw_worksheet *table = workbook_add_worksheet(wb, "Form 06");
	char buf[64];
	for (int r = 0; r < 20; r++) {
		snprintf(buf, sizeof buf, "Lĩnh vực %d", r);
		worksheet_write_string(table, (lxw_row_t)(r + 10), 1, buf, fmt[TXT]);
		for (int c = 2; c < 13; c++)
			worksheet_write_number(table, (lxw_row_t)(r + 10), (lxw_col_t)c,
			                       (double)(n / 20), fmt[NUM]);
	}
	/* 2025-06-01 07:30 in minutes since 1970. */
	long base = 20240L * 1440 + 450;
	rows(workbook_add_worksheet(wb, "Register"), n, 0, base);
	rows(workbook_add_worksheet(wb, "Overdue"), n / 20, 1, base);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "bench_xlsx_raw: cannot write %s\n", out);
		return 1;
	}
	return 0;
}

/* ---- --cells: the cells listed by xlsx_cells.py ---- */

/* Splits a line at its tabs in place (the newline dropped); returns the count. */
static int split(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\n")] = '\0';
	while (n < max) {
		f[n++] = line;
		char *tab = strchr(line, '\t');
		if (!tab)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* Undoes the \\ \t \n \r escapes of xlsx_cells.py in place. */
static char *unescape(char *s)
{
	char *w = strchr(s, '\\');
	if (!w)
		return s;
	for (char *r = w; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

static uint8_t align_of(const char *name, int vertical)
{
	static const char *const h[] = {"left",    "center",           "right",      "fill",
	                                 "justify", "centerContinuous", "distributed"};
	static const char *const v[] = {"top", "bottom", "center", "justify", "distributed"};
	if (vertical) {
		for (size_t i = 0; i < sizeof v / sizeof *v; i++)
			if (!strcmp(name, v[i]))
				return (uint8_t)(LXW_ALIGN_VERTICAL_TOP + i);
	} else {
		for (size_t i = 0; i < sizeof h / sizeof *h; i++)
			if (!strcmp(name, h[i]))
				return (uint8_t)(LXW_ALIGN_LEFT + i);
	}
	return LXW_ALIGN_NONE;
}

/*
 * One cell format from a line "#style ID KIND NUMFMT FONT SIZE BOLD ITALIC
 * BORDER FILL HALIGN VALIGN WRAP"; format 0 (the workbook's default) is NULL.
 */
static lxw_format *style(lxw_workbook *wb, char **f)
{
	if (!strcmp(f[1], "0"))
		return NULL;
	lxw_format *x = workbook_add_format(wb);
	if (*f[3])
		format_set_num_format(x, unescape(f[3]));
	if (*f[4])
		format_set_font_name(x, unescape(f[4]));
	if (*f[5])
		format_set_font_size(x, strtod(f[5], NULL));
	if (atoi(f[6]))
		format_set_bold(x);
	if (atoi(f[7]))
		format_set_italic(x);
	if (atoi(f[8]))
		format_set_border(x, (uint8_t)atoi(f[8]));
	if (*f[9])
		format_set_bg_color(x, (lxw_color_t)strtol(f[9], NULL, 16));
	if (align_of(f[10], 0))
		format_set_align(x, align_of(f[10], 0));
	if (align_of(f[11], 1))
		format_set_align(x, align_of(f[11], 1));
	if (atoi(f[12]))
		format_set_text_wrap(x);
	return x;
}

static int cells(const char *tsv, const char *out)
{
	FILE *in = fopen(tsv, "r");
	if (!in) {
		fprintf(stderr, "bench_xlsx_raw: cannot read %s\n", tsv);
		return 1;
	}
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(out, &opt);
	if (!wb) {
		fprintf(stderr, "bench_xlsx_raw: cannot create %s\n", out);
		fclose(in);
		return 1;
	}
	lxw_worksheet **sheets = NULL;
	lxw_format **fmts = NULL;
	long nsheets = 0, nfmts = 0, lineno = 0, ncells = 0, bad = 0;
	char *line = NULL, *f[13] = {NULL};
	size_t cap = 0;
	while (getline(&line, &cap, in) > 0) {
		lineno++;
		int n = split(line, f, 13);
		if (!strcmp(f[0], "#sheet") && n == 3) {
			lxw_worksheet **s = realloc(sheets, sizeof *s * (size_t)(nsheets + 1));
			if (!s)
				abort();
			sheets = s;
			if (!(sheets[nsheets++] = workbook_add_worksheet(wb, unescape(f[2]))))
				goto bad_line;
		} else if (!strcmp(f[0], "#styles") && n == 2 && !fmts) {
			nfmts = atol(f[1]);
			if (nfmts < 0 || nfmts > 65536 || !(fmts = calloc((size_t)nfmts + 1, sizeof *fmts)))
				goto bad_line;
		} else if (!strcmp(f[0], "#style") && n == 13) {
			long id = atol(f[1]);
			if (id < 0 || id >= nfmts)
				goto bad_line;
			fmts[id] = style(wb, f);
		} else if (f[0][0] == '#') {
			goto bad_line;
		} else if (n == 6 || n == 7) {
			long sh = atol(f[0]) - 1, st = atol(f[4]);
			if (sh < 0 || sh >= nsheets || st < 0 || st >= nfmts || !sheets[sh])
				goto bad_line;
			lxw_worksheet *ws = sheets[sh];
			lxw_row_t r = (lxw_row_t)strtoul(f[1], NULL, 10);
			lxw_col_t c = (lxw_col_t)strtoul(f[2], NULL, 10);
			lxw_format *x = fmts[st];
			lxw_error e;
			switch (f[3][0]) {
			case 's':
				e = worksheet_write_string(ws, r, c, unescape(f[5]), x);
				break;
			case 'n':
				e = worksheet_write_number(ws, r, c, strtod(f[5], NULL), x);
				break;
			case 'b':
				e = worksheet_write_blank(ws, r, c, x);
				break;
			case 'f':
				if (n != 7)
					goto bad_line;
				e = worksheet_write_formula_num(ws, r, c, unescape(f[6]), x,
				                                strtod(f[5], NULL));
				break;
			default:
				goto bad_line;
			}
			ncells++;
			if (e != LXW_NO_ERROR && bad++ < 5)
				fprintf(stderr, "bench_xlsx_raw: %s line %ld: %s\n", tsv, lineno,
				        lxw_strerror(e));
		} else {
			goto bad_line;
		}
		continue;
	bad_line:
		fprintf(stderr, "bench_xlsx_raw: %s line %ld: not a line of xlsx_cells.py\n", tsv,
		        lineno);
		bad++;
		break;
	}
	free(line);
	fclose(in);
	lxw_error e = workbook_close(wb);
	free(sheets);
	free(fmts);
	if (e != LXW_NO_ERROR || bad) {
		if (e != LXW_NO_ERROR)
			fprintf(stderr, "bench_xlsx_raw: cannot write %s: %s\n", out, lxw_strerror(e));
		remove(out); /* no half-made baseline */
		return 1;
	}
	fprintf(stderr, "bench_xlsx_raw: %ld cells in %ld sheets from %s; the time includes "
	                "reading and parsing it\n",
	        ncells, nsheets, tsv);
	return 0;
}

int main(int argc, char **argv)
{
	int level = -1;
	if (argc > 2 && !strcmp(argv[1], "--zlevel")) {
		level = atoi(argv[2]);
		argc -= 2;
		argv += 2;
	}
	int cellmode = argc == 4 && !strcmp(argv[1], "--cells");
	if ((!cellmode && argc != 3) || (level != -1 && (level < 1 || level > 9))) {
		fprintf(stderr, "usage: bench_xlsx_raw [--zlevel 1-9] N OUT.xlsx\n"
		                "       bench_xlsx_raw [--zlevel 1-9] --cells CELLS.tsv OUT.xlsx\n");
		return 2;
	}
	/* The clock starts before anything is read, TSV included. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Only the zip packing in workbook_close() opens deflate streams. */
	mc_export_zlevel_begin(level, false); /* the level only: zlib's deflate, one thread */
	int rc = cellmode ? cells(argv[2], argv[3]) : synthetic(atol(argv[1]), argv[2]);
	mc_export_zlevel_end();
	if (rc)
		return rc;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("raw_xlsx %.3f %ld\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       ru.ru_maxrss);
	return 0;
}
