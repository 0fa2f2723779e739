/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Query plans of every screen's main queries (step 9): on a real demo
 * database, each screen query of include/motcua/plans.h is made through the
 * public API while the statement log records the SQL the store really runs;
 * every recorded statement is explained (EXPLAIN QUERY PLAN) and a full
 * scan of a big table (dossiers, events, applicants...) fails the test,
 * naming the screen, the SQL and the plan. Checked twice: with the
 * planner's defaults and after ANALYZE (PRAGMA optimize writes statistics
 * into real databases). The export of a month and a durable intake are
 * checked the same way.
 * First, the checker itself is shown to catch a scan, an aliased scan and
 * to accept index searches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cal_test_util.h"
#include "db_test_util.h"
#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/export.h"
#include "motcua/plans.h"
#include "motcua/query.h"
#include "motcua/store.h"

#define SCAN_STEPS_MAX 16

static test_db V;

static int setup(void **state)
{
	(void)state;
	if (test_db_open(&V, "plans", "test", "2026-11-20 10:00") != 0)
		return -1;
	std_config(&V.cfg);
	return test_db_demo(&V, 4000, 7);
}

static int teardown(void **state)
{
	(void)state;
	return test_db_close(&V);
}

static void plan_of(const char *sql, mc_plan *p)
{
	mc_err e;
	mc_err_clear(&e);
	if (mc_sql_plan(V.ctx.db, sql, p, &e) != MC_OK)
		fail_msg("%s: %s", sql, e.msg);
}

/* The checker catches what it must and lets index searches through. */
static void test_checker(void **state)
{
	(void)state;
	mc_plan p;
	plan_of("SELECT id FROM dossiers WHERE procedure_name = ?1", &p);
	assert_true(p.full_scan);
	assert_string_equal(p.table, "dossiers");
	mc_plan_clear(&p);

	plan_of("SELECT count(*) FROM events AS ev WHERE ev.note = ?", &p);
	assert_true(p.full_scan);
	assert_string_equal(p.table, "events");
	mc_plan_clear(&p);

	plan_of("SELECT d.id FROM units u JOIN dossiers d ON d.sets = 3"
	        " WHERE u.code = 'MC'", &p);
	assert_true(p.full_scan);
	assert_string_equal(p.table, "dossiers");
	mc_plan_clear(&p);

	/* A string literal that looks like an alias does not fool it. */
	plan_of("SELECT a.id FROM applicants a WHERE a.phone = 'dossiers x'", &p);
	assert_true(p.full_scan);
	assert_string_equal(p.table, "applicants");
	mc_plan_clear(&p);

	plan_of("SELECT id FROM dossiers WHERE code = ?", &p);
	assert_false(p.full_scan);
	assert_non_null(strstr(p.text, "SEARCH"));
	mc_plan_clear(&p);

	plan_of("SELECT id FROM dossiers d ORDER BY received_at DESC LIMIT 50", &p);
	assert_false(p.full_scan);
	assert_true(p.index_scan);
	mc_plan_clear(&p);

	/* A small table may be scanned. */
	plan_of("SELECT code FROM units WHERE name = ?", &p);
	assert_false(p.full_scan);
	assert_non_null(strstr(p.text, "SCAN"));
	mc_plan_clear(&p);

	plan_of("BEGIN", &p);
	assert_false(p.full_scan);
	assert_string_equal(p.text, "");
	mc_plan_clear(&p);

	mc_plan_clear(NULL);
	assert_true(mc_plan_big_table("dossiers"));
	assert_false(mc_plan_big_table("units"));
}

/* The log records each distinct statement once, with its values. */
static void test_log(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	mc_sql_log *log;
	assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
	int64_t rows = -1;
	assert_int_equal(mc_sql_run(V.ctx.db, "SELECT id FROM units WHERE code = 'MC'", &rows, &e), MC_OK);
	assert_int_equal(rows, 1);
	assert_int_equal(mc_sql_run(V.ctx.db, "SELECT id FROM units WHERE code = 'MC'", &rows, &e), MC_OK);
	assert_int_equal(mc_sql_log_count(log), 1);
	assert_string_equal(mc_sql_log_sql(log, 0), "SELECT id FROM units WHERE code = 'MC'");
	mc_sql_log_stop(log);
	assert_int_equal(mc_sql_run(V.ctx.db, "SELECT count(*) FROM units", &rows, &e), MC_OK);
	assert_int_equal(mc_sql_log_count(log), 1);
	assert_null(mc_sql_log_sql(log, 1));
	mc_sql_log_free(log);
	mc_sql_log_free(NULL);

	/* Full-scan steps: a real scan walks every row, a rowid walk to a LIMIT one. */
	assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
	assert_int_equal(mc_sql_run(V.ctx.db, "SELECT count(*) FROM dossiers WHERE sets = 3", &rows, &e),
	                 MC_OK);
	assert_int_equal(mc_sql_run(V.ctx.db, "SELECT id FROM events ORDER BY id DESC LIMIT 1", &rows, &e),
	                 MC_OK);
	mc_sql_log_stop(log);
	assert_int_equal(mc_sql_log_count(log), 2);
	assert_true(mc_sql_log_scan_steps(log, 0) >= 3000); /* 4,000 dossiers */
	assert_true(mc_sql_log_scan_steps(log, 1) <= 1);
	mc_plan p;
	plan_of(mc_sql_log_sql(log, 1), &p);
	assert_true(p.full_scan); /* what the plan says; the steps tell it is harmless */
	mc_plan_clear(&p);
	mc_sql_log_free(log);
	/* A bad statement is an error, not a crash. */
	assert_int_not_equal(mc_sql_run(V.ctx.db, "SELECT nothing FROM nowhere", NULL, &e), MC_OK);
	assert_true(e.msg[0] != '\0');
}

/* Explain every statement of the log; returns the number of full scans (reported). */
static int check_log(const mc_sql_log *log, const char *what, int *dossier_statements)
{
	int bad = 0;
	for (size_t j = 0; j < mc_sql_log_count(log); j++) {
		/*
		 * Explained with the values bound at the run written in: SQLite plans
		 * again for the bound value of a GLOB / LIKE, so this is the plan
		 * that really ran.
		 */
		const char *sql = mc_sql_log_expanded(log, j);
		if (!sql)
			sql = mc_sql_log_sql(log, j);
		mc_plan p;
		plan_of(sql, &p);
		if (strstr(sql, "dossiers"))
			(*dossier_statements)++;
		/*
		 * A bare SCAN of a big table fails, unless the run stopped at once (a
		 * walk in rowid order up to a LIMIT: "ORDER BY id DESC LIMIT 1").
		 * The demo tables hold thousands of rows, so a real scan steps far
		 * beyond SCAN_STEPS_MAX.
		 */
		int64_t steps = mc_sql_log_scan_steps(log, j);
		if (p.full_scan && (steps < 0 || steps > SCAN_STEPS_MAX)) {
			print_error("full scan of %s in %s (%lld rows stepped):\n  %s\n  plan:\n%s\n",
			            p.table, what, (long long)steps, sql, p.text);
			bad++;
		}
		mc_plan_clear(&p);
	}
	return bad;
}

static void check_screens(const char *when)
{
	mc_err e;
	mc_err_clear(&e);
	int bad = 0;
	for (size_t i = 0; i < mc_screen_query_count(); i++) {
		mc_sql_log *log;
		assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
		int64_t rows = -1;
		mc_status s = mc_screen_query_run(&V.ctx, i, NULL, &rows, &e);
		mc_sql_log_stop(log);
		if (s != MC_OK)
			fail_msg("%s: %s", mc_screen_query_name(i), e.msg);
		assert_true(rows >= 0);
		assert_true(mc_sql_log_count(log) > 0);
		char what[160];
		snprintf(what, sizeof what, "%s (%s screen, %s)", mc_screen_query_name(i),
		         mc_screen_query_screen(i), when);
		int on_dossiers = 0;
		bad += check_log(log, what, &on_dossiers);
		if (on_dossiers == 0)
			fail_msg("%s ran no statement on dossiers", what);
		mc_sql_log_free(log);
	}
	assert_int_equal(bad, 0);
	/* Out of range: an error, not a crash. */
	assert_int_equal(mc_screen_query_run(&V.ctx, mc_screen_query_count(), NULL, NULL, &e),
	                 MC_ERR_RANGE);
	assert_null(mc_screen_query_name(mc_screen_query_count()));
}

static void test_screens(void **state)
{
	(void)state;
	/* The demo must have given every list something to show. */
	mc_err e;
	mc_err_clear(&e);
	for (size_t i = 0; i < mc_screen_query_count(); i++) {
		int64_t rows = -1;
		assert_int_equal(mc_screen_query_run(&V.ctx, i, NULL, &rows, &e), MC_OK);
		if (strcmp(mc_screen_query_name(i), "dashboard.received_today") != 0 &&
		    strcmp(mc_screen_query_name(i), "list.at_risk") != 0 &&
		    strcmp(mc_screen_query_name(i), "dashboard.apology") != 0 &&
		    strcmp(mc_screen_query_name(i), "report.drilldown") != 0 && rows <= 0)
			fail_msg("%s shows no dossier on the demo database", mc_screen_query_name(i));
	}
	check_screens("planner defaults");
	assert_int_equal(mc_sql_run(V.ctx.db, "ANALYZE", NULL, &e), MC_OK);
	check_screens("after ANALYZE");
}

static void test_export(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	mc_sql_log *log;
	assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
	char path[400];
	snprintf(path, sizeof path, "%s/month.xlsx", V.dir);
	mc_export_summary sum;
	mc_status s = mc_export_period(&V.ctx, "2026-10", path, &sum, &e);
	mc_sql_log_stop(log);
	if (s != MC_OK)
		fail_msg("export: %s", e.msg);
	assert_true(sum.register_rows > 0);
	int on_dossiers = 0;
	assert_int_equal(check_log(log, "export of 2026-10", &on_dossiers), 0);
	assert_true(on_dossiers > 0);
	mc_sql_log_free(log);
}

/* A durable intake (the counter's main write) reads no big table whole. */
static void check_intake(const char *when)
{
	mc_err e;
	mc_err_clear(&e);
	mc_dossier *d = malloc(sizeof *d);
	assert_non_null(d);
	mc_query q;
	mc_query_init(&q);
	q.limit = 1;
	size_t n = 0;
	mc_cursor next;
	assert_int_equal(mc_dossier_list(&V.ctx, &q, d, &n, &next, &e), MC_OK);
	assert_int_equal(n, 1);
	/* A known applicant (found again by ID number) and a new one. */
	const char *ids[2] = {d->id_number[0] ? d->id_number : NULL, NULL};
	for (int i = 0; i < 2; i++) {
		mc_intake_input in;
		memset(&in, 0, sizeof in);
		in.procedure_code = d->procedure_code;
		in.applicant.name = i == 0 ? d->applicant_name : "Lê Thị Hồng Nhung";
		in.applicant.id_number = ids[i];
		in.channel = MC_CHANNEL_DIRECT;
		mc_sql_log *log;
		assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
		mc_intake_result res;
		memset(&res, 0, sizeof res);
		mc_status s = mc_dossier_intake(&V.ctx, &in, &res, &e);
		mc_sql_log_stop(log);
		if (s != MC_OK)
			fail_msg("intake: %s", e.msg);
		mc_intake_result_free(&res);
		int on_dossiers = 0;
		char what[120];
		snprintf(what, sizeof what, "intake (%s applicant, %s)", i == 0 ? "known" : "new", when);
		assert_int_equal(check_log(log, what, &on_dossiers), 0);
		assert_true(on_dossiers > 0);
		mc_sql_log_free(log);
	}
	free(d);
}

static void test_intake(void **state)
{
	(void)state;
	check_intake("planner defaults");
}

/* After test_screens, which ran ANALYZE. */
static void test_intake_analyzed(void **state)
{
	(void)state;
	check_intake("after ANALYZE");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checker),
		cmocka_unit_test(test_log),
		cmocka_unit_test(test_intake),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_screens), /* runs ANALYZE: keep after the others */
		cmocka_unit_test(test_intake_analyzed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
