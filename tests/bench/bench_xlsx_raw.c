/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark baseline (not a test): raw libxlsxwriter writing exactly the
 * cells of bench_export.py (the Python XlsxWriter baseline of the export):
 * the table, a register of N rows and an overdue sheet of N/20 rows, in
 * constant_memory mode, with no motcua code in between. It is the floor the
 * export is compared with. This is the one file outside src/export that
 * includes xlsxwriter.h: a baseline must not go through the code it measures.
 *
 * usage: bench_xlsx_raw N OUT.xlsx   prints "raw_xlsx SECONDS PEAK_KB"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <xlsxwriter.h>

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

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_xlsx_raw N OUT.xlsx\n");
		return 2;
	}
	long n = atol(argv[1]);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(argv[2], &opt);
	if (!wb) {
		fprintf(stderr, "bench_xlsx_raw: cannot create %s\n", argv[2]);
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
		fprintf(stderr, "bench_xlsx_raw: cannot write %s\n", argv[2]);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("raw_xlsx %.3f %ld\n",
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
	       ru.ru_maxrss);
	return 0;
}
