/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The dossier core on a real SQLite file: codes and register numbers,
 * applicants found again, the lifecycle and its refused transitions (the
 * database left unchanged), the apology, supplements, queries, search
 * without diacritics, keyset paging, catalogue re-import, and several
 * processes recording intakes at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "motcua/calendar.h"
#include "motcua/catalog.h"
#include "motcua/config.h"
#include "motcua/dossier.h"
#include "motcua/query.h"
#include "motcua/store.h"

#include "db_test_util.h"

static const char *CATALOGUE =
	"code,name,field,level,limit,limit_unit,online_limit,online_limit_unit,steps\n"
	"1.000001,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,province,10,days,8,days,"
	"PNV:6 days;LD:2 days;MC:1 days\n"
	"1.000002,Chứng thực bản sao,Chứng thực,commune,,same-day,,,\n"
	"1.000003,Đăng ký khai sinh,Hộ tịch,commune,3,days,,,\n";

typedef struct fixture {
	test_db t;
} fixture;

static void set_now(fixture *f, const char *t)
{
	mc_err e;
	assert_int_equal(mc_clock_freeze(&f->t.clock, t, &e), MC_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f || test_db_open(&f->t, "dossier", "tester", "2025-03-03 09:00") != 0) /* a Monday */
		return -1;
	f->t.cfg.supplement_mode = MC_SUPPLEMENT_RESTART;
	f->t.cfg.supplement_days = 3;
	if (test_db_catalogue(&f->t, CATALOGUE) != 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	int rc = test_db_close(&f->t);
	free(f);
	return rc;
}

static void intake(fixture *f, const char *proc, const char *name, const char *id,
                   mc_channel ch, mc_intake_result *r)
{
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = proc;
	in.applicant.name = name;
	in.applicant.id_number = id;
	in.channel = ch;
	mc_err e;
	mc_err_clear(&e);
	mc_status s = mc_dossier_intake(&f->t.ctx, &in, r, &e);
	if (s != MC_OK)
		fail_msg("intake failed: %s", e.msg);
}

/* Everything a refused action must leave as it was. */
typedef struct snapshot {
	mc_db_counts counts;
	mc_dossier d;
} snapshot;

static void snap(fixture *f, const char *code, snapshot *s)
{
	mc_err e;
	memset(s, 0, sizeof *s);
	assert_int_equal(mc_db_counts_get(f->t.ctx.db, &s->counts, &e), MC_OK);
	assert_int_equal(mc_dossier_get(&f->t.ctx, code, &s->d, &e), MC_OK);
}

static void assert_unchanged(fixture *f, const char *code, const snapshot *before)
{
	snapshot now;
	snap(f, code, &now);
	assert_memory_equal(&now.counts, &before->counts, sizeof now.counts);
	assert_memory_equal(&now.d, &before->d, sizeof now.d);
}

static void test_codes_and_register(void **state)
{
	fixture *f = *state;
	mc_intake_result a, b, c, d;
	intake(f, "1.000003", "Trần Thị Bình", NULL, MC_CHANNEL_DIRECT, &a);
	intake(f, "1.000003", "Lê Văn Cường", NULL, MC_CHANNEL_DIRECT, &b);
	assert_string_equal(a.code, "000.00.31.H29-250303-0001");
	assert_string_equal(b.code, "000.00.31.H29-250303-0002");
	assert_int_equal(a.register_no, 1);
	assert_int_equal(b.register_no, 2);
	set_now(f, "2025-03-04 08:00");
	intake(f, "1.000003", "Phạm Thu", NULL, MC_CHANNEL_POSTAL, &c);
	assert_string_equal(c.code, "000.00.31.H29-250304-0001"); /* restarts each day */
	assert_int_equal(c.register_no, 3);                      /* continues through the year */
	set_now(f, "2026-01-05 08:00");
	intake(f, "1.000003", "Phạm Thu", NULL, MC_CHANNEL_DIRECT, &d);
	assert_int_equal(d.register_no, 1);
	assert_int_equal(d.register_year, 2026);
	/* The due moment is the engine's, and its trail is kept. */
	mc_limit lim = {MC_UNIT_DAYS, 3, -1};
	mc_time due;
	mc_err e;
	mc_time rec;
	mc_time_parse("2025-03-03 09:00", &rec, &e);
	assert_int_equal(mc_due_compute(f->t.cal, rec, &lim, &due, NULL, &e), MC_OK);
	assert_int_equal(a.due, due);
	assert_true(a.trail.n > 0);
	mc_trail t;
	mc_trail_init(&t);
	assert_int_equal(mc_dossier_trail(&f->t.ctx, a.code, &t, &e), MC_OK);
	assert_int_equal(t.n, a.trail.n);
	assert_string_equal(t.lines[0], a.trail.lines[0]);
	mc_trail_free(&t);
	mc_intake_result_free(&a);
	mc_intake_result_free(&b);
	mc_intake_result_free(&c);
	mc_intake_result_free(&d);
}

static void test_applicant_found_again_and_validation(void **state)
{
	fixture *f = *state;
	mc_intake_result a, b;
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000003";
	in.applicant.name = "Nguyễn Văn Đức";
	in.applicant.id_number = "001085012345";
	in.applicant.address = "12 Lê Lợi";
	in.applicant.phone = "0912345678";
	mc_err e;
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &a, &e), MC_OK);
	assert_false(a.applicant_known);
	/* Found again by ID number: name and address kept, phone updated. */
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000003";
	in.applicant.id_number = "001 085 012345";
	in.applicant.phone = "+84 987 654 321";
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &b, &e), MC_OK);
	assert_true(b.applicant_known);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, b.code, &d, &e), MC_OK);
	assert_string_equal(d.applicant_name, "Nguyễn Văn Đức");
	assert_string_equal(d.address, "12 Lê Lợi");
	assert_string_equal(d.phone, "0987654321");
	assert_string_equal(d.id_number, "001085012345");

	/* Wrong length refused, nothing written; unknown province prefix only warns. */
	mc_db_counts before, after;
	mc_db_counts_get(f->t.ctx.db, &before, &e);
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000003";
	in.applicant.name = "X";
	in.applicant.id_number = "12345";
	mc_intake_result r;
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &r, &e), MC_ERR_INVALID);
	in.applicant.id_number = NULL;
	in.procedure_code = "9.999999";
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &r, &e), MC_ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "9.999999"));
	mc_db_counts_get(f->t.ctx.db, &after, &e);
	assert_memory_equal(&before, &after, sizeof before);
	in.procedure_code = "1.000003";
	in.applicant.id_number = "999085012345";
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &r, &e), MC_OK);
	assert_true(r.warning[0] != '\0');
	mc_intake_result_free(&r);
	mc_intake_result_free(&a);
	mc_intake_result_free(&b);
}

static void test_online_limit(void **state)
{
	fixture *f = *state;
	mc_intake_result a, b;
	intake(f, "1.000001", "A", NULL, MC_CHANNEL_DIRECT, &a);
	intake(f, "1.000001", "B", NULL, MC_CHANNEL_ONLINE, &b);
	assert_true(b.due < a.due); /* 8 working days online instead of 10 */
	mc_dossier d;
	mc_err e;
	assert_int_equal(mc_dossier_get(&f->t.ctx, b.code, &d, &e), MC_OK);
	assert_int_equal(d.limit.amount, 8);
	assert_int_equal(d.channel, MC_CHANNEL_ONLINE);
	mc_intake_result_free(&a);
	mc_intake_result_free(&b);
}

static void test_lifecycle_and_refusals(void **state)
{
	fixture *f = *state;
	mc_intake_result r;
	intake(f, "1.000001", "Hoàng Minh", NULL, MC_CHANNEL_DIRECT, &r);
	const char *code = r.code;
	mc_err e;
	snapshot s;

	/* Hand-over before the result, resume without a request, unknown code: refused. */
	snap(f, code, &s);
	assert_int_equal(mc_dossier_handover(&f->t.ctx, code, 3, &e), MC_ERR_STATE);
	assert_non_null(strstr(e.msg, code));
	assert_int_equal(mc_dossier_resume(&f->t.ctx, code, NULL, &e), MC_ERR_STATE);
	assert_int_equal(mc_dossier_finish(&f->t.ctx, "NO-SUCH-CODE", MC_RESULT_APPROVED, NULL, &e),
	                 MC_ERR_NOT_FOUND);
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, code, "NOPE", NULL, NULL, &e), MC_ERR_NOT_FOUND);
	assert_unchanged(f, code, &s);

	/* Transfer at 16:00: the 15:00 rule moves the start to the next morning. */
	set_now(f, "2025-03-03 16:00");
	mc_transfer_result tr;
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, code, "pnv", "hồ sơ giấy", &tr, &e), MC_OK);
	assert_string_equal(tr.from_unit, "MC");
	assert_string_equal(tr.to_unit, "PNV");
	mc_time t1600;
	mc_time_parse("2025-03-03 16:00", &t1600, &e);
	assert_int_equal(tr.effective, mc_handover_moment(f->t.cal, t1600));
	assert_true(tr.effective > t1600);

	/* PNV's step (6 days) ends after 2 days: early. */
	set_now(f, "2025-03-05 10:00");
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, code, "LD", NULL, &tr, &e), MC_OK);
	assert_int_equal(tr.step_outcome, MC_OUTCOME_EARLY);
	assert_int_equal(tr.step_budget, 6 * 8 * 60);

	set_now(f, "2025-03-06 10:00");
	mc_outcome o;
	assert_int_equal(mc_dossier_finish(&f->t.ctx, code, MC_RESULT_APPROVED, &o, &e), MC_OK);
	assert_int_equal(o, MC_OUTCOME_EARLY);
	assert_int_equal(mc_dossier_handover(&f->t.ctx, code, 3, &e), MC_OK);

	/* Finishing a returned dossier and a second hand-over are refused, nothing changes. */
	snap(f, code, &s);
	assert_int_equal(s.d.status, MC_STATUS_RETURNED);
	assert_int_equal(s.d.rating, 3);
	assert_int_equal(mc_dossier_finish(&f->t.ctx, code, MC_RESULT_REFUSED, NULL, &e), MC_ERR_STATE);
	assert_int_equal(mc_dossier_handover(&f->t.ctx, code, 1, &e), MC_ERR_STATE);
	assert_int_equal(mc_dossier_stop(&f->t.ctx, code, "x", &e), MC_ERR_STATE);
	assert_unchanged(f, code, &s);

	mc_event *ev;
	size_t n;
	assert_int_equal(mc_dossier_events(&f->t.ctx, code, &ev, &n, &e), MC_OK);
	assert_int_equal(n, 5);
	assert_string_equal(ev[0].kind, "intake");
	assert_string_equal(ev[1].kind, "transfer");
	assert_string_equal(ev[1].note, "hồ sơ giấy");
	assert_string_equal(ev[1].actor, "tester");
	assert_true(ev[1].backdated); /* written under a frozen clock */
	assert_string_equal(ev[3].kind, "finish");
	assert_string_equal(ev[4].kind, "handover");
	free(ev);
	mc_intake_result_free(&r);
}

static void test_apology_once_and_still_late(void **state)
{
	fixture *f = *state;
	mc_intake_result r;
	intake(f, "1.000003", "Vũ Lan", NULL, MC_CHANNEL_DIRECT, &r);
	mc_err e;
	mc_apology_input ap = {.reason = "Chờ ý kiến cơ quan khác", .signer = "Nguyễn A",
	                       .notified_by = MC_NOTIFY_SMS};
	/* The new due must be after the current one. */
	ap.new_due = r.due - 60;
	snapshot s;
	snap(f, r.code, &s);
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, r.code, &ap, &e), MC_ERR_INVALID);
	assert_unchanged(f, r.code, &s);
	ap.new_due = r.due + 5 * MC_MIN_PER_DAY;
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, r.code, &ap, &e), MC_OK);
	snap(f, r.code, &s);
	assert_true(s.d.has_apology);
	assert_int_equal(s.d.due, ap.new_due);
	assert_int_equal(s.d.original_due, r.due);
	assert_string_equal(s.d.apology.signer, "Nguyễn A");
	/* Only once. */
	ap.new_due += MC_MIN_PER_DAY;
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, r.code, &ap, &e), MC_ERR_EXISTS);
	assert_unchanged(f, r.code, &s);
	/* Finished after the original due but before the new one: still late. */
	f->t.clock.at = r.due + 2 * MC_MIN_PER_DAY;
	mc_outcome o;
	assert_int_equal(mc_dossier_finish(&f->t.ctx, r.code, MC_RESULT_APPROVED, &o, &e), MC_OK);
	assert_int_equal(o, MC_OUTCOME_LATE);
	mc_intake_result_free(&r);
}

static void test_supplement_restart_and_late_flag(void **state)
{
	fixture *f = *state;
	mc_intake_result r;
	intake(f, "1.000001", "Đỗ Hải", NULL, MC_CHANNEL_DIRECT, &r);
	mc_err e;
	bool late = true;
	set_now(f, "2025-03-04 09:00");
	assert_int_equal(mc_dossier_supplement(&f->t.ctx, r.code, "Thiếu bản sao", &late, &e), MC_OK);
	assert_false(late);
	assert_int_equal(mc_dossier_supplement(&f->t.ctx, r.code, "again", NULL, &e), MC_ERR_STATE);
	set_now(f, "2025-03-10 09:00");
	mc_time nd;
	assert_int_equal(mc_dossier_resume(&f->t.ctx, r.code, &nd, &e), MC_OK);
	mc_limit lim = {MC_UNIT_DAYS, 10, -1};
	mc_time expect;
	assert_int_equal(mc_due_compute(f->t.cal, f->t.clock.at, &lim, &expect, NULL, &e), MC_OK);
	assert_int_equal(nd, expect); /* restarted from zero */
	mc_dossier d;
	mc_dossier_get(&f->t.ctx, r.code, &d, &e);
	assert_int_equal(d.due, expect);
	assert_int_equal(d.original_due, expect);
	assert_int_equal(d.status, MC_STATUS_RECEIVED);
	/* A second request a week after receipt is flagged late. */
	set_now(f, "2025-03-12 09:00");
	assert_int_equal(mc_dossier_supplement(&f->t.ctx, r.code, "Thiếu tờ khai", &late, &e), MC_OK);
	assert_true(late);
	assert_int_equal(mc_dossier_withdraw(&f->t.ctx, r.code, NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_resume(&f->t.ctx, r.code, NULL, &e), MC_ERR_STATE);
	mc_intake_result_free(&r);
}

static void test_counter_logs(void **state)
{
	fixture *f = *state;
	mc_err e;
	mc_db_counts before, after;
	mc_db_counts_get(f->t.ctx.db, &before, &e);
	mc_counter_input in = {.kind = MC_COUNTER_GUIDE, .procedure_code = "1.000002",
	                       .applicant = {.name = "Bùi Nam"}, .reason = "Thiếu bản chính"};
	int64_t id;
	assert_int_equal(mc_counter_log(&f->t.ctx, &in, &id, &e), MC_OK);
	assert_true(id > 0);
	in.reason = NULL;
	assert_int_equal(mc_counter_log(&f->t.ctx, &in, &id, &e), MC_ERR_INVALID);
	mc_db_counts_get(f->t.ctx.db, &after, &e);
	assert_int_equal(after.counter_logs, before.counter_logs + 1);
	assert_int_equal(after.dossiers, before.dossiers);
	assert_int_equal(after.events, before.events + 1);
}

static size_t list_codes(fixture *f, mc_query *q, char codes[][MC_CODE_MAX], size_t max)
{
	mc_dossier *page = calloc((size_t)q->limit, sizeof *page);
	size_t total = 0;
	mc_err e;
	for (;;) {
		size_t n;
		mc_cursor next;
		assert_int_equal(mc_dossier_list(&f->t.ctx, q, page, &n, &next, &e), MC_OK);
		assert_true(n <= (size_t)q->limit);
		for (size_t i = 0; i < n && total < max; i++)
			snprintf(codes[total++], MC_CODE_MAX, "%s", page[i].code);
		if (!next.set)
			break;
		q->after = next;
	}
	free(page);
	return total;
}

static void test_queries_search_paging(void **state)
{
	fixture *f = *state;
	mc_intake_result r[5];
	const char *names[] = {"Nguyễn Văn Đức", "Nguyễn Thị Hoa", "Trần Đức Anh", "Lê Thị Đào",
	                       "Phạm Văn Tú"};
	for (int i = 0; i < 5; i++) {
		f->t.clock.at += 10;
		intake(f, "1.000003", names[i], NULL, MC_CHANNEL_DIRECT, &r[i]);
	}
	mc_query q;
	char codes[16][MC_CODE_MAX];
	/* Paging: 2 a page, 5 rows, no duplicates, newest first. */
	mc_query_init(&q);
	q.limit = 2;
	size_t n = list_codes(f, &q, codes, 16);
	assert_int_equal(n, 5);
	assert_string_equal(codes[0], r[4].code);
	assert_string_equal(codes[4], r[0].code);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			assert_string_not_equal(codes[i], codes[j]);

	/* Search ignores marks and case, đ included, composed or decomposed input. */
	mc_query_init(&q);
	q.search = "duc";
	assert_int_equal(list_codes(f, &q, codes, 16), 2);
	mc_query_init(&q);
	q.search = "NGUYEN VAN D";
	assert_int_equal(list_codes(f, &q, codes, 16), 1);
	assert_string_equal(codes[0], r[0].code);
	mc_query_init(&q);
	q.search = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3"; /* decomposed "Nguyễn Thị" */
	assert_int_equal(list_codes(f, &q, codes, 16), 1);
	assert_string_equal(codes[0], r[1].code);
	mc_query_init(&q);
	q.search = "đào";
	assert_int_equal(list_codes(f, &q, codes, 16), 1);
	/* Code prefix, case-insensitive. */
	mc_query_init(&q);
	char prefix[40];
	snprintf(prefix, sizeof prefix, "%.25s", r[2].code);
	for (char *p = prefix; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	q.search = prefix;
	assert_int_equal(list_codes(f, &q, codes, 16), 1);
	assert_string_equal(codes[0], r[2].code);

	/* Overdue / due soon / apology lists move with the clock. */
	mc_err e;
	mc_query_init(&q);
	q.kind = MC_LIST_OVERDUE;
	q.sort = MC_SORT_DUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 0);
	mc_time saved = f->t.clock.at;
	f->t.clock.at = r[0].due - 60; /* an hour before the first due */
	mc_query_init(&q);
	q.kind = MC_LIST_DUE_SOON;
	q.sort = MC_SORT_DUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 5);
	mc_query_init(&q);
	q.kind = MC_LIST_APOLOGY;
	q.sort = MC_SORT_DUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 5);
	f->t.clock.at = r[4].due + 3 * MC_MIN_PER_DAY;
	mc_query_init(&q);
	q.kind = MC_LIST_OVERDUE;
	q.sort = MC_SORT_DUE;
	q.limit = 3;
	assert_int_equal(list_codes(f, &q, codes, 16), 5);
	assert_string_equal(codes[0], r[0].code); /* most urgent first */
	int64_t count;
	assert_int_equal(mc_dossier_count(&f->t.ctx, &q, &count, &e), MC_OK);
	assert_int_equal(count, 5);
	mc_query_init(&q);
	q.kind = MC_LIST_AT_RISK;
	q.sort = MC_SORT_DUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 5);
	/* Ready dossiers leave the overdue list and enter the collection list. */
	assert_int_equal(mc_dossier_finish(&f->t.ctx, r[0].code, MC_RESULT_APPROVED, NULL, &e), MC_OK);
	mc_query_init(&q);
	q.kind = MC_LIST_OVERDUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 4);
	mc_query_init(&q);
	q.kind = MC_LIST_READY;
	assert_int_equal(list_codes(f, &q, codes, 16), 1);
	/* A dossier waiting for papers has its clock stopped: it leaves the
	 * overdue and apology lists alike. */
	mc_query_init(&q);
	q.kind = MC_LIST_APOLOGY;
	assert_int_equal(list_codes(f, &q, codes, 16), 4);
	assert_int_equal(mc_dossier_supplement(&f->t.ctx, r[1].code, "Thiếu bản sao", NULL, &e), MC_OK);
	mc_query_init(&q);
	q.kind = MC_LIST_APOLOGY;
	assert_int_equal(list_codes(f, &q, codes, 16), 3);
	mc_query_init(&q);
	q.kind = MC_LIST_OVERDUE;
	assert_int_equal(list_codes(f, &q, codes, 16), 3);
	f->t.clock.at = saved;
	for (int i = 0; i < 5; i++)
		mc_intake_result_free(&r[i]);
}

static void test_reimport_keeps_received_limits(void **state)
{
	fixture *f = *state;
	mc_intake_result r;
	intake(f, "1.000003", "Mai", NULL, MC_CHANNEL_DIRECT, &r);
	const char *changed =
		"code,name,field,level,limit,limit_unit\n"
		"1.000003,Đăng ký khai sinh,Hộ tịch,commune,5,days\n";
	mc_procedure *procs;
	size_t n;
	mc_err e;
	assert_int_equal(mc_catalog_parse(changed, "t", &procs, &n, &e), MC_OK);
	mc_import_result ir;
	assert_int_equal(mc_catalog_import(&f->t.ctx, procs, n, &ir, &e), MC_OK);
	assert_int_equal(ir.updated, 1);
	assert_int_equal(mc_catalog_import(&f->t.ctx, procs, n, &ir, &e), MC_OK);
	assert_int_equal(ir.unchanged, 1);
	mc_catalog_free(procs, n);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, r.code, &d, &e), MC_OK);
	assert_int_equal(d.limit.amount, 3);
	assert_int_equal(d.due, r.due);
	mc_intake_result r2;
	intake(f, "1.000003", "Mai", NULL, MC_CHANNEL_DIRECT, &r2);
	assert_int_equal(mc_dossier_get(&f->t.ctx, r2.code, &d, &e), MC_OK);
	assert_int_equal(d.limit.amount, 5);
	mc_intake_result_free(&r);
	mc_intake_result_free(&r2);
}

/* 4 processes x 25 intakes at the same moment: codes and numbers unique and gapless. */
static void test_concurrent_intakes(void **state)
{
	fixture *f = *state;
	enum { PROCS = 4, EACH = 25 };
	set_now(f, "2025-06-02 09:00");
	pid_t pids[PROCS];
	for (int p = 0; p < PROCS; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			mc_db *db;
			mc_err e;
			if (mc_db_open(f->t.path, 0, &db, &e) != MC_OK)
				_exit(2);
			mc_ctx ctx = f->t.ctx;
			ctx.db = db;
			for (int i = 0; i < EACH; i++) {
				mc_intake_input in;
				memset(&in, 0, sizeof in);
				in.procedure_code = "1.000002";
				in.applicant.name = "Song song";
				mc_intake_result r;
				if (mc_dossier_intake(&ctx, &in, &r, &e) != MC_OK)
					_exit(3);
				mc_intake_result_free(&r);
			}
			mc_db_close(db);
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++) {
		int st;
		waitpid(pids[p], &st, 0);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	mc_err e;
	for (int i = 1; i <= PROCS * EACH; i++) {
		char code[64];
		snprintf(code, sizeof code, "000.00.31.H29-250602-%04d", i);
		mc_dossier d;
		assert_int_equal(mc_dossier_get(&f->t.ctx, code, &d, &e), MC_OK);
	}
	char code[64];
	snprintf(code, sizeof code, "000.00.31.H29-250602-%04d", PROCS * EACH + 1);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, code, &d, &e), MC_ERR_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_codes_and_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_applicant_found_again_and_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_online_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lifecycle_and_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apology_once_and_still_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_supplement_restart_and_late_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counter_logs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queries_search_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_keeps_received_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_intakes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
