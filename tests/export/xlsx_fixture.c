/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Test driver for the workbook writer: builds a synthetic period (fields,
 * totals, rates, register and overdue rows from a seeded generator), writes
 * the workbook with mc_export_workbook() and writes what it fed in as JSON,
 * so that tests/export/check_xlsx.py can compare every cell the real reader
 * sees against the input instead of against hard-coded answers.
 *
 * usage: xlsx_fixture SCENARIO OUT.xlsx EXPECTED.json [ROWS] [SEED]
 *   SCENARIO: basic | nomask | empty-closed | empty-open | iter-fail
 * Exit status 0 when the writer succeeded, 3 when it refused (message on
 * stderr), 2 on usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/export.h"

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static const char *const fields[] = {"Hộ tịch", "Đất đai", "Xây dựng", "Tư pháp – Chứng thực",
                                     "Đăng ký kinh doanh"};
#define NFIELDS 5
static const char *const procs[] = {
	"Đăng ký khai sinh", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
	"Cấp giấy phép xây dựng nhà ở riêng lẻ", "Chứng thực bản sao từ bản chính",
	"Đăng ký thành lập hộ kinh doanh"};
static const char *const names[] = {"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Đức",
                                    "=SUM(A1:A2)", "Phạm\x01 Thị\tHoa", "Võ Minh Tuấn"};
static const char *const names_clean[] = {"Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Đức",
                                          "=SUM(A1:A2)", "Phạm Thị Hoa", "Võ Minh Tuấn"};
static const char *const addresses[] = {"Số 12, đường Võ Thị Sáu,\nphường Thống Nhất, Đồng Nai",
                                        "Ấp 3, xã Phú Hữu", "+84 không rõ"};
static const char *const addresses_clean[] = {
	"Số 12, đường Võ Thị Sáu, phường Thống Nhất, Đồng Nai", "Ấp 3, xã Phú Hữu",
	"+84 không rõ"};

typedef struct gen {
	long long n, i;
	int fail_at;
	mc_time base;
	mc_export_dossier d;
	char code[64], id[32], phone[32], note[64];
	FILE *exp; /* expected rows are appended here */
	bool overdue_sheet;
} gen;

static void jstr(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void jtime(FILE *f, mc_time t)
{
	if (t == MC_TIME_NONE) {
		fputs("null", f);
		return;
	}
	char b[17];
	mc_time_format(t, b);
	jstr(f, b);
}

static mc_status next_row(void *ctx, const mc_export_dossier **row, mc_err *e)
{
	gen *g = ctx;
	if (g->fail_at >= 0 && g->i == g->fail_at)
		return mc_err_set(e, MC_ERR_DB, "the database went away at row %lld", g->i);
	if (g->i >= g->n) {
		*row = NULL;
		return MC_OK;
	}
	mc_export_dossier *d = &g->d;
	memset(d, 0, sizeof *d);
	long long i = g->i++;
	unsigned k = (unsigned)(i % 6);
	d->register_no = 1000 + i;
	snprintf(g->code, sizeof g->code, "000.00.31.H29-2506%02lld-%04lld", 1 + i % 28, 1 + i);
	d->code = g->code;
	d->procedure = procs[i % NFIELDS];
	d->field = fields[i % NFIELDS];
	d->sets = 1 + (int)(i % 3);
	d->applicant = names[k];
	snprintf(g->id, sizeof g->id, "0790%08lld", 12345123 + i);
	d->id_number = (i % 7 == 3) ? NULL : g->id;
	snprintf(g->phone, sizeof g->phone, "09%08u", rnd(100000000));
	d->phone = g->phone;
	d->address = addresses[i % 3];
	d->channel = (i % 3 == 0) ? "Trực tuyến" : "Trực tiếp";
	d->lead_unit = "Phòng Hộ tịch";
	d->current_unit = "Phòng Đất đai";
	d->status = (i % 2) ? "Đã trả kết quả" : "Đang giải quyết";
	d->received = g->base + i * 37;
	d->due = d->received + 1440 * (int)(1 + i % 15);
	d->original_due = (i % 5 == 0) ? d->due - 1440 * 3 : MC_TIME_NONE;
	d->sent_to_unit = d->received + 120;
	d->result_back = (i % 2) ? d->received + 1440 * 2 : MC_TIME_NONE;
	d->returned = (i % 2) ? d->received + 1440 * 2 + 60 : MC_TIME_NONE;
	snprintf(g->note, sizeof g->note, "Ghi chú\x7f số %lld", i);
	d->note = (i % 4 == 0) ? g->note : NULL;
	d->overdue = i % 3 != 2;
	d->days_late = d->overdue ? (int)(1 + i % 9) : 0;
	d->apology = i % 2 == 0;
	d->apology_at = d->apology ? d->received + 1440 : MC_TIME_NONE;
	d->apology_deadline = d->due - 1440;
	d->apology_reason = d->apology ? "Chờ ý kiến\r\nliên ngành" : NULL;

	if (g->exp) {
		FILE *f = g->exp;
		fprintf(f, "%s{\"register_no\": %lld, \"code\": ", i ? ",\n" : "", d->register_no);
		jstr(f, d->code);
		fputs(", \"procedure\": ", f);
		jstr(f, d->procedure);
		fputs(", \"field\": ", f);
		jstr(f, d->field);
		fprintf(f, ", \"sets\": %d, \"applicant\": ", d->sets);
		jstr(f, names_clean[k]);
		fputs(", \"id\": ", f);
		jstr(f, d->id_number);
		fputs(", \"phone\": ", f);
		jstr(f, d->phone);
		fputs(", \"address\": ", f);
		jstr(f, addresses_clean[i % 3]);
		fputs(", \"channel\": ", f);
		jstr(f, d->channel);
		fputs(", \"unit\": ", f);
		jstr(f, g->overdue_sheet ? d->current_unit : d->lead_unit);
		fputs(", \"status\": ", f);
		jstr(f, d->status);
		const char *ts[] = {"received", "due", "original_due", "sent", "back", "returned",
		                    "apology_at", "apology_deadline"};
		mc_time tv[] = {d->received, d->due, d->original_due, d->sent_to_unit,
		                d->result_back, d->returned, d->apology_at, d->apology_deadline};
		for (int t = 0; t < 8; t++) {
			fprintf(f, ", \"%s\": ", ts[t]);
			jtime(f, tv[t]);
		}
		char clean_note[64];
		if (d->note)
			snprintf(clean_note, sizeof clean_note, "Ghi chú số %lld", i);
		fputs(", \"note\": ", f);
		jstr(f, d->note ? clean_note : NULL);
		fprintf(f, ", \"overdue\": %s, \"days_late\": %d, \"apology\": %s, \"reason\": ",
		        d->overdue ? "true" : "false", d->days_late, d->apology ? "true" : "false");
		jstr(f, d->apology ? "Chờ ý kiến  liên ngành" : NULL);
		fputc('}', f);
	}
	*row = d;
	return MC_OK;
}

static void ratio(mc_export_ratio *r, long long num, long long den)
{
	r->num = num;
	r->den = den;
	r->valid = den > 0;
	/* One decimal, as the report's JSON gives it. */
	r->percent = den > 0 ? (double)(long long)(1000.0 * (double)num / (double)den + 0.5) / 10.0 : 0;
}

static void jratio(FILE *f, const char *name, const mc_export_ratio *r)
{
	fprintf(f, "\"%s\": {\"valid\": %s, \"percent\": %.1f, \"num\": %lld, \"den\": %lld}", name,
	        r->valid ? "true" : "false", r->percent, r->num, r->den);
}

static void jcounts(FILE *f, const mc_export_counts *c)
{
	fprintf(f,
	        "{\"received_total\": %lld, \"received_online\": %lld, \"received_direct_postal\": %lld, "
	        "\"carried_over\": %lld, \"resolved_total\": %lld, \"resolved_early\": %lld, "
	        "\"resolved_on_time\": %lld, \"resolved_late\": %lld, \"pending_total\": %lld, "
	        "\"pending_within\": %lld, \"pending_overdue\": %lld, \"stopped_withdrawn\": %lld}",
	        c->received_total, c->received_online, c->received_direct_postal, c->carried_over,
	        c->resolved_total, c->resolved_early, c->resolved_on_time, c->resolved_late,
	        c->pending_total, c->pending_within, c->pending_overdue, c->stopped_withdrawn);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: %s SCENARIO OUT.xlsx EXPECTED.json [ROWS] [SEED]\n", argv[0]);
		return 2;
	}
	const char *scenario = argv[1];
	long long nrows = argc > 4 ? atoll(argv[4]) : 200;
	rng_state = argc > 5 ? strtoull(argv[5], NULL, 10) : 42;
	bool empty = strncmp(scenario, "empty", 5) == 0;

	mc_export_row rows[NFIELDS];
	mc_export_counts tot;
	memset(&tot, 0, sizeof tot);
	for (int i = 0; i < NFIELDS; i++) {
		mc_export_counts *c = &rows[i].c;
		rows[i].field = fields[i];
		memset(c, 0, sizeof *c);
		if (!empty) {
			c->received_online = rnd(500);
			c->received_direct_postal = rnd(900);
			c->carried_over = rnd(100);
			c->received_total = c->received_online + c->received_direct_postal + c->carried_over;
			c->stopped_withdrawn = rnd(5);
			long long avail = c->received_total - c->stopped_withdrawn;
			c->resolved_early = rnd((unsigned)avail / 3 + 1);
			c->resolved_on_time = rnd((unsigned)avail / 3 + 1);
			c->resolved_late = rnd((unsigned)avail / 10 + 1);
			c->resolved_total = c->resolved_early + c->resolved_on_time + c->resolved_late;
			c->pending_total = avail - c->resolved_total;
			c->pending_overdue = rnd((unsigned)c->pending_total / 5 + 1);
			c->pending_within = c->pending_total - c->pending_overdue;
		}
		long long *t = &tot.received_total, *s = &c->received_total;
		for (size_t k = 0; k < sizeof tot / sizeof(long long); k++)
			t[k] += s[k];
	}

	mc_export_input in;
	memset(&in, 0, sizeof in);
	in.header.agency = "Sở Tư pháp tỉnh Đồng Nai";
	in.header.agency_code = "000.00.31.H29";
	in.header.superior = "UBND TỈNH ĐỒNG NAI";
	in.header.period_name = "2025-06/official";
	in.header.from = mc_date_from_ymd(2025, 5, 15);
	in.header.to = mc_date_from_ymd(2025, 6, 14);
	in.header.made_at = mc_time_make(mc_date_from_ymd(2025, 6, 16), 8 * 60 + 5);
	in.header.made_by = "Nguyễn Thị Hạnh";
	in.rows = rows;
	in.nrows = NFIELDS;
	in.total = tot;
	ratio(&in.rate_a, tot.resolved_early + tot.resolved_on_time, tot.resolved_total);
	ratio(&in.rate_b, tot.resolved_early + tot.resolved_on_time, tot.received_total);
	ratio(&in.rate_c, tot.resolved_total + tot.pending_total - tot.resolved_late - tot.pending_overdue,
	      tot.resolved_total + tot.pending_total);
	ratio(&in.satisfaction, 180, 200);
	ratio(&in.online_share, tot.received_online, tot.received_online + tot.received_direct_postal);
	ratio(&in.late_with_apology, 0, 0);
	in.mask_ids = strcmp(scenario, "nomask") != 0;
	in.refuse_empty = strcmp(scenario, "empty-closed") == 0;

	FILE *f = fopen(argv[3], "w");
	if (!f) {
		perror(argv[3]);
		return 2;
	}
	fprintf(f, "{\"mask_ids\": %s, \"agency\": ", in.mask_ids ? "true" : "false");
	jstr(f, in.header.agency);
	fputs(", \"made_by\": ", f);
	jstr(f, in.header.made_by);
	fputs(", \"from\": \"2025-05-15\", \"to\": \"2025-06-14\", \"made_at\": \"2025-06-16 08:05\", ", f);
	fputs("\"rows\": [", f);
	for (int i = 0; i < NFIELDS; i++) {
		fprintf(f, "%s{\"field\": ", i ? ", " : "");
		jstr(f, rows[i].field);
		fputs(", \"counts\": ", f);
		jcounts(f, &rows[i].c);
		fputc('}', f);
	}
	fputs("], \"total\": ", f);
	jcounts(f, &tot);
	fputs(", ", f);
	jratio(f, "A", &in.rate_a);
	fputs(", ", f);
	jratio(f, "B", &in.rate_b);
	fputs(", ", f);
	jratio(f, "C", &in.rate_c);
	fputs(", ", f);
	jratio(f, "satisfaction", &in.satisfaction);
	fputs(", ", f);
	jratio(f, "online_share", &in.online_share);
	fputs(", ", f);
	jratio(f, "late_with_apology", &in.late_with_apology);

	gen reg = {.n = empty ? 0 : nrows, .fail_at = strcmp(scenario, "iter-fail") == 0 ? 50 : -1,
	           .base = mc_time_make(mc_date_from_ymd(2025, 5, 15), 7 * 60 + 30)};
	gen ovd = {.n = empty ? 0 : nrows / 10, .fail_at = -1,
	           .base = mc_time_make(mc_date_from_ymd(2025, 5, 15), 7 * 60 + 30),
	           .overdue_sheet = true};
	/*
	 * The generators run while the workbook is written; their rows are
	 * appended to the JSON file through two temporary files.
	 */
	FILE *fr = tmpfile(), *fo = tmpfile();
	reg.exp = fr;
	ovd.exp = fo;
	in.register_rows = (mc_export_iter){next_row, &reg};
	in.overdue_rows = (mc_export_iter){next_row, &ovd};

	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_export_workbook(argv[2], &in, &e);

	FILE *parts[2] = {fr, fo};
	const char *keys[2] = {"register", "overdue"};
	for (int p = 0; p < 2; p++) {
		fprintf(f, ", \"%s\": [", keys[p]);
		rewind(parts[p]);
		int ch;
		while ((ch = fgetc(parts[p])) != EOF)
			fputc(ch, f);
		fputc(']', f);
		fclose(parts[p]);
	}
	fprintf(f, ", \"status\": \"%s\"}\n", mc_status_name(st));
	fclose(f);
	if (st != MC_OK) {
		fprintf(stderr, "%s\n", e.msg);
		return 3;
	}
	return 0;
}
