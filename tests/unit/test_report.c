/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Period statistics on real SQLite files:
 *  - a small history driven through the lifecycle API with a frozen clock,
 *    whose table is worked out by hand;
 *  - demo databases (several seeds) compared, cell by cell and id by id,
 *    with an independent brute-force count over every dossier, for every
 *    kind of period; the reconciliation identity on every row.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cal_test_util.h"
#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/dossier.h"
#include "motcua/period.h"
#include "motcua/report.h"
#include "store/store_internal.h"

#include "tmpdir_test_util.h"

typedef struct env {
	mc_config cfg;
	mc_calendar *cal;
	mc_clock clock;
	mc_db *db;
	mc_ctx ctx;
} env;

static const char catalogue[] =
    "code,name,field,level,limit,limit_unit,same_day_cutoff,steps\n"
    "1.000001,Thủ tục năm ngày,Lĩnh vực A,province,5,days,,PNV:3 days;LD:1 days\n"
    "1.000002,Thủ tục trong ngày,Lĩnh vực B,commune,,same-day,15:00,PNV:2 hours\n"
    "1.000003,Thủ tục mười ngày,Lĩnh vực A,province,10,days,,PNV:7 days;LD:2 days\n";

static void env_open(env *v, const char *name, const char *now)
{
	memset(v, 0, sizeof *v);
	std_config(&v->cfg);
	v->cal = real_calendar(&v->cfg);
	assert_non_null(v->cal);
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_clock_freeze(&v->clock, now, &e), MC_OK);
	char path[400];
	snprintf(path, sizeof path, "%s/%s", test_dir, name);
	if (mc_db_open(path, MC_DB_CREATE, &v->db, &e) != MC_OK)
		fail_msg("%s", e.msg);
	v->ctx = (mc_ctx){v->db, &v->cfg, v->cal, &v->clock, "test"};
	mc_procedure *p;
	size_t n;
	assert_int_equal(mc_catalog_parse(catalogue, "t.csv", &p, &n, &e), MC_OK);
	mc_import_result ir;
	if (mc_catalog_import(&v->ctx, p, n, &ir, &e) != MC_OK)
		fail_msg("%s", e.msg);
	mc_catalog_free(p, n);
}

static void env_close(env *v)
{
	mc_db_close(v->db);
	mc_calendar_free(v->cal);
}

static void at(env *v, const char *now)
{
	mc_err e;
	assert_int_equal(mc_clock_freeze(&v->clock, now, &e), MC_OK);
}

static void intake(env *v, const char *now, const char *proc, mc_channel ch, char code[MC_CODE_MAX])
{
	at(v, now);
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = proc;
	in.applicant.name = "Nguyễn Văn An";
	in.channel = ch;
	mc_intake_result r;
	mc_err e;
	mc_err_clear(&e);
	if (mc_dossier_intake(&v->ctx, &in, &r, &e) != MC_OK)
		fail_msg("intake: %s", e.msg);
	strcpy(code, r.code);
	mc_intake_result_free(&r);
}

static void finish(env *v, const char *now, const char *code, mc_outcome want)
{
	at(v, now);
	mc_err e;
	mc_err_clear(&e);
	mc_outcome o;
	if (mc_dossier_transfer(&v->ctx, code, "PNV", NULL, NULL, &e) != MC_OK)
		fail_msg("transfer: %s", e.msg);
	if (mc_dossier_finish(&v->ctx, code, MC_RESULT_APPROVED, &o, &e) != MC_OK)
		fail_msg("finish: %s", e.msg);
	assert_int_equal(o, want);
}

static mc_report *report(env *v, const char *period)
{
	mc_date f, t;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_period_parse(period, &f, &t, &e), MC_OK);
	mc_report *r = NULL;
	if (mc_report_build(&v->ctx, f, t, MC_REPORT_BY_FIELD, &r, &e) != MC_OK)
		fail_msg("%s", e.msg);
	return r;
}

static void expect(const int64_t *n, const int64_t want[MC_RC_COUNT], const char *what)
{
	for (int c = 0; c < MC_RC_COUNT; c++)
		if (n[c] != want[c])
			fail_msg("%s: %s = %lld, expected %lld", what, mc_report_col_key((mc_report_col)c),
			         (long long)n[c], (long long)want[c]);
}

/*
 * Worked by hand (5 working days; 2026-01 has no holiday before the 31st):
 *   D1 online  received Mon 05/01 09:00, due Mon 12/01, ready Thu 08/01 -> early
 *   D2 direct  received Tue 06/01 09:00, due Tue 13/01, ready Mon 02/02 -> late (Feb)
 *   D3 direct  received Wed 07/01 09:00, due Wed 14/01, still open -> overdue
 *   D4 online  received Mon 19/01 09:00, withdrawn Tue 20/01
 *   D5 postal  received Mon 26/01 09:00, due Mon 02/02, apology, ready 04/02 -> late
 *   D6 direct  received Mon 02/02 09:00 (same day), ready 10:00 -> on time
 */
static void test_worked_by_hand(void **state)
{
	(void)state;
	env v;
	env_open(&v, "hand.db", "2026-01-05 08:00");
	char d1[MC_CODE_MAX], d2[MC_CODE_MAX], d3[MC_CODE_MAX], d4[MC_CODE_MAX], d5[MC_CODE_MAX],
	    d6[MC_CODE_MAX];
	mc_err e;
	mc_err_clear(&e);
	intake(&v, "2026-01-05 09:00", "1.000001", MC_CHANNEL_ONLINE, d1);
	intake(&v, "2026-01-06 09:00", "1.000001", MC_CHANNEL_DIRECT, d2);
	intake(&v, "2026-01-07 09:00", "1.000001", MC_CHANNEL_DIRECT, d3);
	finish(&v, "2026-01-08 10:00", d1, MC_OUTCOME_EARLY);
	intake(&v, "2026-01-19 09:00", "1.000001", MC_CHANNEL_ONLINE, d4);
	at(&v, "2026-01-20 09:00");
	assert_int_equal(mc_dossier_withdraw(&v.ctx, d4, "không còn nhu cầu", &e), MC_OK);
	intake(&v, "2026-01-26 09:00", "1.000001", MC_CHANNEL_POSTAL, d5);
	at(&v, "2026-01-29 09:00");
	mc_apology_input ap = {"chờ xác minh", 0, "Trần Văn B", MC_NOTIFY_PHONE};
	assert_int_equal(mc_time_parse("2026-02-05 09:00", &ap.new_due, &e), MC_OK);
	if (mc_dossier_apologize(&v.ctx, d5, &ap, &e) != MC_OK)
		fail_msg("apologize: %s", e.msg);
	finish(&v, "2026-02-02 10:00", d2, MC_OUTCOME_LATE);
	intake(&v, "2026-02-02 09:00", "1.000002", MC_CHANNEL_DIRECT, d6);
	finish(&v, "2026-02-02 10:00", d6, MC_OUTCOME_ON_TIME);
	finish(&v, "2026-02-04 10:00", d5, MC_OUTCOME_LATE);
	at(&v, "2026-03-10 08:00");

	/* January: received 5, resolved 1 early, withdrawn 1, pending 3 (D2, D3 overdue; D5 within). */
	mc_report *r = report(&v, "2026-01");
	const int64_t jan[MC_RC_COUNT] = {5, 2, 3, 0, 1, 1, 0, 0, 3, 1, 2, 1};
	expect(r->total.n, jan, "January");
	assert_int_equal(r->rate_a.num, 1);
	assert_int_equal(r->rate_a.den, 1);
	assert_int_equal(r->rate_b.den, 5);
	assert_true(r->rate_c.valid);
	assert_int_equal(r->rate_c.num, 2); /* 1 early + 1 pending within */
	assert_int_equal(r->rate_c.den, 4);
	assert_int_equal(r->online_share.num, 2);
	assert_int_equal(r->online_share.den, 5);
	assert_int_equal(r->late_with_apology.den, 2); /* D2, D3 overdue at the end of January */
	assert_int_equal(r->late_with_apology.num, 0);
	mc_report_free(r);

	/* February: carried 3, received 1 (D6), resolved 3 (D2 late, D6 on time, D5 late), D3 pending overdue. */
	r = report(&v, "2026-02");
	const int64_t feb[MC_RC_COUNT] = {4, 0, 1, 3, 3, 0, 1, 2, 1, 0, 1, 0};
	expect(r->total.n, feb, "February");
	assert_int_equal(r->n_rows, 2);
	assert_string_equal(r->rows[0].field, "Lĩnh vực A");
	assert_int_equal(r->rows[0].n[MC_RC_CARRIED_OVER], 3);
	assert_int_equal(r->rows[1].n[MC_RC_RESOLVED_ON_TIME], 1);
	assert_int_equal(r->late_with_apology.num, 1); /* D5 */
	assert_int_equal(r->late_with_apology.den, 3); /* D2, D5 late; D3 overdue */
	assert_true(r->rate_a.valid);
	assert_true(mc_rate_round(&r->rate_a) > 33.2 && mc_rate_round(&r->rate_a) < 33.4);
	assert_false(r->satisfaction.valid);
	mc_report_free(r);

	/* Drill-down: the dossiers behind February's late cell. */
	int64_t *ids;
	size_t n;
	mc_date f, t;
	assert_int_equal(mc_period_parse("2026-02", &f, &t, &e), MC_OK);
	assert_int_equal(mc_report_ids(&v.ctx, f, t, MC_REPORT_BY_FIELD, "Lĩnh vực A",
	                               MC_RC_RESOLVED_LATE, &ids, &n, &e), MC_OK);
	assert_int_equal(n, 2);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&v.ctx, d2, &d, &e), MC_OK);
	assert_int_equal(ids[0], d.id);
	assert_int_equal(mc_dossier_get(&v.ctx, d5, &d, &e), MC_OK);
	assert_int_equal(ids[1], d.id);
	free(ids);
	assert_int_equal(mc_report_ids(&v.ctx, f, t, MC_REPORT_BY_FIELD, "Lĩnh vực B",
	                               MC_RC_RESOLVED_LATE, &ids, &n, &e), MC_OK);
	assert_int_equal(n, 0);
	free(ids);

	/* The current month is judged at now, not at its end: D3 is overdue, nothing else open. */
	r = report(&v, "2026-03");
	assert_int_equal(r->total.n[MC_RC_CARRIED_OVER], 1);
	assert_int_equal(r->total.n[MC_RC_PENDING_OVERDUE], 1);
	char buf[17];
	mc_time_format(r->judged_at, buf);
	assert_string_equal(buf, "2026-03-10 00:00");
	mc_report_free(r);
	env_close(&v);
}

/* ---- brute force against demo data -------------------------------------- */

typedef struct raw {
	int64_t id;
	char field[128];
	bool online;
	mc_time received, finished, closed, odue;
	char outcome[16];
	int rating;
	bool apology;
} raw;

static raw *load_raw(env *v, size_t *n)
{
	sqlite3 *h = mc_db_handle(v->db);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "SELECT d.id, d.field, d.channel, d.received_at, d.finished_at,"
	                                    " d.closed_at, d.original_due_at, d.outcome, d.rating,"
	                                    " a.id IS NOT NULL FROM dossiers d LEFT JOIN apologies a"
	                                    " ON a.dossier_id = d.id ORDER BY d.id",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	size_t cap = 1024;
	raw *rows = malloc(cap * sizeof *rows);
	*n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (*n == cap)
			rows = realloc(rows, (cap *= 2) * sizeof *rows);
		raw *r = &rows[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		snprintf(r->field, sizeof r->field, "%s", sqlite3_column_text(st, 1));
		r->online = strcmp((const char *)sqlite3_column_text(st, 2), "online") == 0;
		r->received = sqlite3_column_int64(st, 3);
		r->finished = sqlite3_column_type(st, 4) == SQLITE_NULL ? MC_TIME_NONE
		                                                        : sqlite3_column_int64(st, 4);
		r->closed = sqlite3_column_type(st, 5) == SQLITE_NULL ? MC_TIME_NONE
		                                                      : sqlite3_column_int64(st, 5);
		r->odue = sqlite3_column_int64(st, 6);
		snprintf(r->outcome, sizeof r->outcome, "%s",
		         sqlite3_column_type(st, 7) == SQLITE_NULL ? "" : (const char *)sqlite3_column_text(st, 7));
		r->rating = sqlite3_column_int(st, 8);
		r->apology = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	return rows;
}

static bool in(mc_time t, mc_time a, mc_time b)
{
	return t != MC_TIME_NONE && t >= a && t < b;
}

static bool before(mc_time t, mc_time a)
{
	return t != MC_TIME_NONE && t < a;
}

/* The cells of one dossier, straight from the definitions of domain.md §5. */
static bool cells_of(const raw *r, mc_time s, mc_time end, mc_time judge, bool cells[MC_RC_COUNT])
{
	memset(cells, 0, MC_RC_COUNT * sizeof(bool));
	bool received = in(r->received, s, end);
	bool carried = r->received < s && !before(r->finished, s) && !before(r->closed, s);
	if (!received && !carried)
		return false;
	cells[MC_RC_RECEIVED_TOTAL] = true;
	cells[MC_RC_RECEIVED_ONLINE] = received && r->online;
	cells[MC_RC_RECEIVED_DIRECT_POSTAL] = received && !r->online;
	cells[MC_RC_CARRIED_OVER] = carried;
	bool resolved = in(r->finished, s, end);
	bool stopped = !resolved && in(r->closed, s, end);
	bool pending = !resolved && !stopped;
	cells[MC_RC_RESOLVED_TOTAL] = resolved;
	cells[MC_RC_RESOLVED_EARLY] = resolved && strcmp(r->outcome, "early") == 0;
	cells[MC_RC_RESOLVED_ON_TIME] = resolved && strcmp(r->outcome, "on_time") == 0;
	cells[MC_RC_RESOLVED_LATE] = resolved && strcmp(r->outcome, "late") == 0;
	cells[MC_RC_STOPPED_WITHDRAWN] = stopped;
	cells[MC_RC_PENDING_TOTAL] = pending;
	cells[MC_RC_PENDING_OVERDUE] = pending && r->odue < judge;
	cells[MC_RC_PENDING_WITHIN] = pending && r->odue >= judge;
	return true;
}

static void compare_period(env *v, const raw *rows, size_t nrows, const char *period)
{
	mc_date f, t;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_period_parse(period, &f, &t, &e), MC_OK);
	mc_report *r = NULL;
	if (mc_report_build(&v->ctx, f, t, MC_REPORT_BY_FIELD, &r, &e) != MC_OK)
		fail_msg("%s", e.msg);
	mc_time s = mc_time_make(f, 0), end = mc_time_make(t + 1, 0);
	mc_time now = mc_clock_now(&v->clock);
	mc_time judge = now >= end ? end : mc_time_make(mc_time_date(now), 0);
	assert_int_equal(r->judged_at, judge);

	int64_t total[MC_RC_COUNT] = {0}, rated = 0, satisfied = 0, late = 0, late_ap = 0;
	for (size_t i = 0; i < nrows; i++) {
		bool c[MC_RC_COUNT];
		if (!cells_of(&rows[i], s, end, judge, c))
			continue;
		for (int k = 0; k < MC_RC_COUNT; k++)
			total[k] += c[k];
		if (c[MC_RC_RESOLVED_TOTAL] && rows[i].rating) {
			rated++;
			satisfied += rows[i].rating >= 2;
		}
		if (c[MC_RC_RESOLVED_LATE] || c[MC_RC_PENDING_OVERDUE]) {
			late++;
			late_ap += rows[i].apology;
		}
	}
	expect(r->total.n, total, period);
	assert_int_equal(r->satisfaction.num, satisfied);
	assert_int_equal(r->satisfaction.den, rated);
	assert_int_equal(r->late_with_apology.num, late_ap);
	assert_int_equal(r->late_with_apology.den, late);

	/* Rows add up to the total; each row reconciles. */
	int64_t sum[MC_RC_COUNT] = {0};
	for (size_t i = 0; i < r->n_rows; i++) {
		const int64_t *n = r->rows[i].n;
		for (int k = 0; k < MC_RC_COUNT; k++)
			sum[k] += n[k];
		assert_int_equal(n[MC_RC_CARRIED_OVER] + n[MC_RC_RECEIVED_ONLINE] +
		                     n[MC_RC_RECEIVED_DIRECT_POSTAL],
		                 n[MC_RC_RESOLVED_TOTAL] + n[MC_RC_PENDING_TOTAL] +
		                     n[MC_RC_STOPPED_WITHDRAWN]);
		assert_int_equal(n[MC_RC_RESOLVED_TOTAL], n[MC_RC_RESOLVED_EARLY] +
		                                              n[MC_RC_RESOLVED_ON_TIME] +
		                                              n[MC_RC_RESOLVED_LATE]);
		assert_int_equal(n[MC_RC_PENDING_TOTAL],
		                 n[MC_RC_PENDING_WITHIN] + n[MC_RC_PENDING_OVERDUE]);
		if (i)
			assert_true(strcmp(r->rows[i - 1].field, r->rows[i].field) != 0);
	}
	expect(sum, r->total.n, "sum of rows");

	/* Drill-down of the first row: the same ids as the brute force. */
	if (r->n_rows) {
		const char *field = r->rows[0].field;
		for (int k = 0; k < MC_RC_COUNT; k++) {
			int64_t *ids;
			size_t n;
			assert_int_equal(mc_report_ids(&v->ctx, f, t, MC_REPORT_BY_FIELD, field,
			                               (mc_report_col)k, &ids, &n, &e), MC_OK);
			assert_int_equal((int64_t)n, r->rows[0].n[k]);
			size_t j = 0;
			for (size_t i = 0; i < nrows; i++) {
				bool c[MC_RC_COUNT];
				if (strcmp(rows[i].field, field) != 0 || !cells_of(&rows[i], s, end, judge, c) ||
				    !c[k])
					continue;
				assert_true(j < n);
				assert_int_equal(ids[j], rows[i].id);
				j++;
			}
			assert_int_equal(j, n);
			free(ids);
		}
	}
	/* By procedure: the same totals. */
	mc_report *p = NULL;
	assert_int_equal(mc_report_build(&v->ctx, f, t, MC_REPORT_BY_PROCEDURE, &p, &e), MC_OK);
	expect(p->total.n, total, "by procedure");
	assert_true(p->n_rows >= r->n_rows);
	mc_report_free(p);
	mc_report_free(r);
}

static void test_demo_brute_force(void **state)
{
	(void)state;
	static const char *const periods[] = {
	    "2026-03", "2026-02", "2026-01", "2025-12", "2026-03/official", "2026-02/official",
	    "2026-Q1", "2025-Q4", "2026-H1", "2026-9M", "2026", "2025", "2025-12-20..2026-01-10",
	    "2026-04", "2024-01",
	};
	static const uint64_t seeds[] = {1, 2, 99};
	for (size_t si = 0; si < sizeof seeds / sizeof seeds[0]; si++) {
		env v;
		char name[32];
		snprintf(name, sizeof name, "demo%zu.db", si);
		env_open(&v, name, "2026-03-18 10:30");
		mc_demo_options o = {1500 + 500 * (int64_t)si, seeds[si]};
		mc_demo_stats ds;
		mc_err e;
		mc_err_clear(&e);
		if (mc_demo_generate(&v.ctx, &o, &ds, &e) != MC_OK)
			fail_msg("demo: %s", e.msg);
		assert_int_equal(ds.dossiers, o.dossiers);
		size_t n;
		raw *rows = load_raw(&v, &n);
		assert_int_equal((int64_t)n, o.dossiers);
		for (size_t k = 0; k < sizeof periods / sizeof periods[0]; k++)
			compare_period(&v, rows, n, periods[k]);
		free(rows);
		env_close(&v);
	}
}

/* The demo: every status, about half online, codes and register numbers gapless. */
static void test_demo_shape(void **state)
{
	(void)state;
	env v;
	env_open(&v, "shape.db", "2026-03-18 10:30");
	mc_demo_options o = {4000, 5};
	mc_demo_stats ds;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_demo_generate(&v.ctx, &o, &ds, &e), MC_OK);
	for (int s = 0; s < MC_DOSSIER_STATUS_COUNT; s++)
		if (ds.by_status[s] == 0)
			fail_msg("no demo dossier with status %s", mc_dossier_status_name((mc_dossier_status)s));
	assert_true(ds.online > 4000 * 35 / 100 && ds.online < 4000 * 65 / 100);
	assert_true(ds.apologies > 0);
	sqlite3 *h = mc_db_handle(v.db);
	sqlite3_stmt *st;
	/* Per day: seq 1..n without a gap; per year: register 1..n; both match the sequences table. */
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "SELECT count(*), count(DISTINCT code),"
	                                    " sum(CAST(substr(code, -4) AS INTEGER) <= 0),"
	                                    " (SELECT count(*) FROM (SELECT date(received_at * 60, 'unixepoch') d,"
	                                    "  max(CAST(substr(code, -4) AS INTEGER)) m, count(*) c"
	                                    "  FROM dossiers GROUP BY d HAVING m != c)),"
	                                    " (SELECT count(*) FROM (SELECT register_year y, max(register_no) m,"
	                                    "  count(*) c FROM dossiers GROUP BY y HAVING m != c)),"
	                                    " (SELECT count(*) FROM sequences s WHERE s.name = 'register' AND"
	                                    "  s.value != (SELECT max(register_no) FROM dossiers WHERE register_year = CAST(s.period AS INTEGER)))"
	                                    " FROM dossiers",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 4000);
	assert_int_equal(sqlite3_column_int(st, 1), 4000);
	assert_int_equal(sqlite3_column_int(st, 2), 0);
	assert_int_equal(sqlite3_column_int(st, 3), 0);
	assert_int_equal(sqlite3_column_int(st, 4), 0);
	assert_int_equal(sqlite3_column_int(st, 5), 0);
	sqlite3_finalize(st);
	/* A real intake after the demo continues the numbering. */
	char code[MC_CODE_MAX];
	intake(&v, "2026-03-18 10:45", "1.000001", MC_CHANNEL_DIRECT, code);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&v.ctx, code, &d, &e), MC_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT count(*) FROM dossiers WHERE register_year = 2026"
	                                       " AND register_no > ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int(st, 1, d.register_no);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	/* Refused on a database that has dossiers; nothing written. */
	mc_demo_stats again;
	assert_int_equal(mc_demo_generate(&v.ctx, &o, &again, &e), MC_ERR_STATE);
	env_close(&v);

	/* Same seed and clock: the same database. */
	env a, b;
	env_open(&a, "same1.db", "2026-03-18 10:30");
	env_open(&b, "same2.db", "2026-03-18 10:30");
	o.dossiers = 800;
	assert_int_equal(mc_demo_generate(&a.ctx, &o, &ds, &e), MC_OK);
	assert_int_equal(mc_demo_generate(&b.ctx, &o, &ds, &e), MC_OK);
	const char *q = "SELECT group_concat(code || status || due_at || coalesce(outcome, '') ||"
	                " coalesce(rating, 0) || applicant_id, ',') FROM dossiers";
	sqlite3_stmt *sa, *sb;
	assert_int_equal(sqlite3_prepare_v2(mc_db_handle(a.db), q, -1, &sa, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(mc_db_handle(b.db), q, -1, &sb, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(sa), SQLITE_ROW);
	assert_int_equal(sqlite3_step(sb), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(sa, 0), sqlite3_column_text(sb, 0));
	sqlite3_finalize(sa);
	sqlite3_finalize(sb);
	env_close(&a);
	env_close(&b);
}

static void test_columns(void **state)
{
	(void)state;
	assert_string_equal(mc_report_col_key(MC_RC_RECEIVED_TOTAL), "received_total");
	assert_string_equal(mc_report_col_key(MC_RC_STOPPED_WITHDRAWN), "stopped_withdrawn");
	assert_string_equal(mc_report_col_key(MC_RC_COUNT), "");
	mc_rate r = {true, 96.25, 385, 400};
	assert_true(mc_rate_round(&r) > 96.29 && mc_rate_round(&r) < 96.31);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_columns),
	    cmocka_unit_test_setup_teardown(test_worked_by_hand, test_dir_setup, test_dir_teardown),
	    cmocka_unit_test_setup_teardown(test_demo_brute_force, test_dir_setup, test_dir_teardown),
	    cmocka_unit_test_setup_teardown(test_demo_shape, test_dir_setup, test_dir_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
