/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossiers by database id (byid.h) on a real SQLite file: one by id, an
 * unknown id refused naming it, and a set of ids read in the given order
 * with ids that no longer exist skipped (the drill-down lists of the
 * terminal interface).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/byid.h"
#include "motcua/calendar.h"
#include "motcua/catalog.h"
#include "motcua/config.h"
#include "motcua/dossier.h"
#include "motcua/store.h"

static const char *CATALOGUE =
	"code,name,field,level,limit,limit_unit,online_limit,online_limit_unit,steps\n"
	"1.000003,Đăng ký khai sinh,Hộ tịch,commune,3,days,,,\n";

typedef struct fixture {
	char dir[256], path[300];
	mc_config cfg;
	mc_calendar *cal;
	mc_clock clock;
	mc_ctx ctx;
	char codes[3][MC_CODE_MAX];
	int64_t ids[3];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/motcua-test-byid-XXXXXX");
	if (!f || !mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/d.db", f->dir);
	mc_config_defaults(&f->cfg);
	mc_err e;
	f->cal = mc_calendar_new(&f->cfg, &e);
	mc_db *db;
	if (!f->cal || mc_db_open(f->path, MC_DB_CREATE, &db, &e) != MC_OK)
		return -1;
	f->ctx.db = db;
	f->ctx.cfg = &f->cfg;
	f->ctx.cal = f->cal;
	f->ctx.clock = &f->clock;
	f->ctx.actor = "tester";
	if (mc_clock_freeze(&f->clock, "2025-03-03 09:00", &e) != MC_OK)
		return -1;
	mc_procedure *procs;
	size_t n;
	mc_import_result r;
	if (mc_catalog_parse(CATALOGUE, "test", &procs, &n, &e) != MC_OK)
		return -1;
	mc_status s = mc_catalog_import(&f->ctx, procs, n, &r, &e);
	mc_catalog_free(procs, n);
	if (s != MC_OK)
		return -1;
	static const char *const names[3] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"};
	for (int i = 0; i < 3; i++) {
		mc_intake_input in;
		memset(&in, 0, sizeof in);
		in.procedure_code = "1.000003";
		in.applicant.name = names[i];
		in.channel = MC_CHANNEL_DIRECT;
		mc_intake_result ir;
		memset(&ir, 0, sizeof ir);
		if (mc_dossier_intake(&f->ctx, &in, &ir, &e) != MC_OK)
			return -1;
		snprintf(f->codes[i], sizeof f->codes[i], "%s", ir.code);
		mc_intake_result_free(&ir);
		mc_dossier d;
		if (mc_dossier_get(&f->ctx, f->codes[i], &d, &e) != MC_OK)
			return -1;
		f->ids[i] = d.id;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	mc_db_close(f->ctx.db);
	mc_calendar_free(f->cal);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc == 0 ? 0 : -1;
}

static void one_by_id(void **state)
{
	fixture *f = *state;
	mc_err e;
	mc_err_clear(&e);
	mc_dossier *d = malloc(sizeof *d);
	assert_non_null(d);
	assert_int_equal(mc_dossier_get_by_id(&f->ctx, f->ids[1], d, &e), MC_OK);
	assert_string_equal(d->code, f->codes[1]);
	assert_string_equal(d->applicant_name, "Trần Thị Bình");
	assert_int_equal(mc_dossier_get_by_id(&f->ctx, 987654, d, &e), MC_ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "987654"));
	free(d);
}

static void many_in_order(void **state)
{
	fixture *f = *state;
	mc_err e;
	mc_err_clear(&e);
	int64_t ids[4] = {f->ids[2], 987654, f->ids[0], f->ids[1]};
	mc_dossier *out = calloc(4, sizeof *out);
	assert_non_null(out);
	size_t n = 99;
	assert_int_equal(mc_dossier_get_many(&f->ctx, ids, 4, out, &n, &e), MC_OK);
	assert_int_equal(n, 3); /* the missing id is skipped */
	assert_string_equal(out[0].code, f->codes[2]);
	assert_string_equal(out[1].code, f->codes[0]);
	assert_string_equal(out[2].code, f->codes[1]);
	assert_int_equal(mc_dossier_get_many(&f->ctx, ids, 0, out, &n, &e), MC_OK);
	assert_int_equal(n, 0);
	/* The read transaction is closed: a write works afterwards. */
	assert_int_equal(mc_dossier_withdraw(&f->ctx, f->codes[0], NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_get_by_id(&f->ctx, f->ids[0], out, &e), MC_OK);
	assert_int_equal(out[0].status, MC_STATUS_WITHDRAWN);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(many_in_order, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
