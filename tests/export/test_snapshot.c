/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Every sheet of the workbook shows one state of the database while clerks
 * go on working. The export reads its national table on a second connection
 * (a thread) beside its lists: mc_db_read_pair must put both in the same
 * state or say it cannot, and mc_export_period must then keep the table and
 * the register in step. A commit is made to land at the worst moment by a
 * third connection, deterministically: after the caller's connection has
 * fixed its state, before the export opens the table's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../unit/db_test_util.h"
#include "motcua/export.h"

#define NOW "2026-11-20 10:00"

typedef struct fixture {
	test_db t;
	mc_db *writer; /* another clerk's connection */
	char xlsx[400];
	int intakes;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f || test_db_open(&f->t, "snapshot", "test", NOW) != 0 || test_db_demo(&f->t, 600, 7) != 0)
		return -1;
	mc_err e;
	mc_err_clear(&e);
	if (mc_db_open(f->t.path, 0, &f->writer, &e) != MC_OK)
		return fprintf(stderr, "%s\n", e.msg), -1;
	snprintf(f->xlsx, sizeof f->xlsx, "%s/out.xlsx", f->t.dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	mc_db_close(f->writer);
	int rc = test_db_close(&f->t);
	free(f);
	return rc;
}

/* Another clerk receives a dossier now (through the other connection). */
static void other_clerk_intake(fixture *f)
{
	mc_ctx other = f->t.ctx;
	other.db = f->writer;
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = "2.000488";
	in.applicant.name = "Nguyễn Văn Chen";
	in.channel = MC_CHANNEL_DIRECT;
	mc_intake_result r;
	memset(&r, 0, sizeof r);
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_dossier_intake(&other, &in, &r, &e), MC_OK);
	mc_intake_result_free(&r);
	f->intakes++;
}

static void export_month(fixture *f, mc_export_summary *sum)
{
	mc_err e;
	mc_err_clear(&e);
	memset(sum, 0, sizeof *sum);
	mc_status s = mc_export_period(&f->t.ctx, "2026-11", f->xlsx, sum, &e);
	if (s != MC_OK)
		fail_msg("%s", e.msg);
}

static void test_pair(void **state)
{
	fixture *f = *state;
	mc_db *b = NULL;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_open(f->t.path, MC_DB_READONLY, &b, &e), MC_OK);
	bool same = false, began = false;

	/* Nothing in between: the same state at once. */
	assert_int_equal(mc_db_read_pair(f->t.ctx.db, b, &same, &began, &e), MC_OK);
	assert_true(same);
	assert_true(began);
	mc_db_read_end(f->t.ctx.db);
	mc_db_read_end(b);

	/* a already reads an older state when someone commits: the pair says so
	 * (a is the caller's and is not begun again) ... */
	assert_int_equal(mc_db_read_begin(f->t.ctx.db, &began, &e), MC_OK);
	assert_true(began);
	other_clerk_intake(f);
	assert_int_equal(mc_db_read_pair(f->t.ctx.db, b, &same, &began, &e), MC_OK);
	assert_false(same);
	assert_false(began);
	mc_db_read_end(b);
	mc_db_read_end(f->t.ctx.db);

	/* ... and once a is free, both catch up. */
	assert_int_equal(mc_db_read_pair(f->t.ctx.db, b, &same, &began, &e), MC_OK);
	assert_true(same);
	mc_db_read_end(f->t.ctx.db);
	mc_db_close(b);
}

/* Dossiers received in the month by the table: (4) + (5); (3) adds those
 * carried over. */
static long long received_in(const mc_export_summary *s)
{
	return s->total.received_online + s->total.received_direct_postal;
}

/* The table and the register (one row per dossier received in the month)
 * agree, with a commit landing in between. */
static void test_export_in_step(void **state)
{
	fixture *f = *state;
	mc_export_summary before, during, after;
	export_month(f, &before);
	assert_int_equal((long long)before.register_rows, received_in(&before));
	assert_true(before.register_rows > 100);

	/* The caller's connection has fixed its state; a commit lands; the
	 * export opens the table's connection after it. */
	mc_err e;
	mc_err_clear(&e);
	bool began;
	assert_int_equal(mc_db_read_begin(f->t.ctx.db, &began, &e), MC_OK);
	other_clerk_intake(f);
	export_month(f, &during);
	mc_db_read_end(f->t.ctx.db);
	printf("# register %zu, table %lld received (before: %zu)\n", during.register_rows,
	       received_in(&during), before.register_rows);
	assert_int_equal((long long)during.register_rows, received_in(&during));
	assert_int_equal(during.register_rows, before.register_rows);

	/* Afterwards the new dossier is in both. */
	export_month(f, &after);
	assert_int_equal((long long)after.register_rows, received_in(&after));
	assert_int_equal(after.register_rows, before.register_rows + (size_t)f->intakes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_pair, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_export_in_step, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
