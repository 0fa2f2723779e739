/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Users on a real SQLite file (src/store/users.c): the open database and
 * its first administrator, role checks made by the core operations (intake,
 * transitions, apology, catalogue) with the database left unchanged on a
 * refusal, the last administrator kept, argon2id passwords and the login,
 * the access log, and the purge of personal data past the retention period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "motcua/calendar.h"
#include "motcua/catalog.h"
#include "motcua/config.h"
#include "motcua/dossier.h"
#include "motcua/store.h"
#include "motcua/users.h"

#include "db_test_util.h"

static const char *CATALOGUE =
	"code,name,field,level,limit,limit_unit,online_limit,online_limit_unit,steps\n"
	"1.000003,Đăng ký khai sinh,Hộ tịch,commune,3,days,,,\n";

typedef struct fixture {
	test_db t;
} fixture;

static void set_now(fixture *f, const char *t)
{
	mc_err e;
	assert_int_equal(mc_clock_freeze(&f->t.clock, t, &e), MC_OK);
}

/* The context of another account on the same database. */
static mc_ctx as(const fixture *f, const char *who)
{
	mc_ctx c = f->t.ctx;
	c.actor = who;
	return c;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f || test_db_open(&f->t, "users", "root", "2025-03-03 09:00") != 0)
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

static mc_status import(const mc_ctx *c, mc_err *e)
{
	mc_procedure *procs;
	size_t n;
	assert_int_equal(mc_catalog_parse(CATALOGUE, "test", &procs, &n, e), MC_OK);
	mc_import_result r;
	mc_status s = mc_catalog_import(c, procs, n, &r, e);
	mc_catalog_free(procs, n);
	return s;
}

static mc_status intake(const mc_ctx *c, const char *name, const char *id, char *code, mc_err *e)
{
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000003";
	in.applicant.name = name;
	in.applicant.id_number = id;
	in.applicant.phone = "0912345678";
	in.applicant.address = "12 Lê Lợi, Biên Hòa";
	in.channel = MC_CHANNEL_DIRECT;
	mc_intake_result r;
	mc_status s = mc_dossier_intake(c, &in, &r, e);
	if (s == MC_OK && code)
		snprintf(code, MC_CODE_MAX, "%s", r.code);
	mc_intake_result_free(&r);
	return s;
}

static int64_t count_dossiers(fixture *f)
{
	mc_db_counts c;
	mc_err e;
	assert_int_equal(mc_db_counts_get(f->t.ctx.db, &c, &e), MC_OK);
	return c.dossiers + c.events * 1000000;
}

static void test_open_then_bootstrap(void **state)
{
	fixture *f = *state;
	mc_err e;
	mc_role r;
	bool open;
	/* No users: open to every account (a database made before users existed). */
	mc_ctx anyone = as(f, "anyone");
	assert_int_equal(mc_user_role(&anyone, &r, &open, &e), MC_OK);
	assert_int_equal(r, MC_ROLE_ADMIN);
	assert_true(open);
	assert_int_equal(import(&anyone, &e), MC_OK);
	char code[MC_CODE_MAX];
	assert_int_equal(intake(&anyone, "Nguyễn Văn An", NULL, code, &e), MC_OK);

	bool created = false;
	assert_int_equal(mc_user_bootstrap(&f->t.ctx, NULL, &created, &e), MC_OK);
	assert_true(created);
	assert_int_equal(mc_user_role(&f->t.ctx, &r, &open, &e), MC_OK);
	assert_int_equal(r, MC_ROLE_ADMIN);
	assert_false(open);
	/* A second init changes nothing. */
	mc_ctx other = as(f, "other");
	assert_int_equal(mc_user_bootstrap(&other, NULL, &created, &e), MC_OK);
	assert_false(created);
	int64_t n;
	assert_int_equal(mc_user_count(f->t.ctx.db, &n, &e), MC_OK);
	assert_int_equal(n, 1);

	/* Now "anyone" is unknown: refused, even for reading, with one sentence. */
	int64_t before = count_dossiers(f);
	assert_int_equal(intake(&anyone, "Trần Thị Bình", NULL, NULL, &e), MC_ERR_DENIED);
	assert_non_null(strstr(e.msg, "anyone"));
	assert_non_null(strstr(e.msg, "motcua user add anyone --role clerk"));
	assert_null(strchr(e.msg, '\n'));
	assert_int_equal(mc_dossier_transfer(&anyone, code, "PNV", NULL, NULL, &e), MC_ERR_DENIED);
	assert_int_equal(mc_access_record(&anyone, code, MC_ACCESS_SHOW, &e), MC_ERR_DENIED);
	assert_int_equal(count_dossiers(f), before);
}

/* root (admin), minh (clerk), lan (supervisor) on a database with one dossier. */
static void staff(fixture *f, char *code)
{
	mc_err e;
	bool created;
	assert_int_equal(mc_user_bootstrap(&f->t.ctx, NULL, &created, &e), MC_OK);
	assert_int_equal(import(&f->t.ctx, &e), MC_OK);
	assert_int_equal(mc_user_add(&f->t.ctx, "minh", MC_ROLE_CLERK, "Lê Văn Minh", NULL, &e), MC_OK);
	assert_int_equal(mc_user_add(&f->t.ctx, "lan", MC_ROLE_SUPERVISOR, NULL, NULL, &e), MC_OK);
	mc_ctx minh = as(f, "minh");
	assert_int_equal(intake(&minh, "Nguyễn Văn An", "079090001234", code, &e), MC_OK);
}

static void test_roles_in_core(void **state)
{
	fixture *f = *state;
	char code[MC_CODE_MAX];
	staff(f, code);
	mc_err e;
	mc_ctx minh = as(f, "minh"), lan = as(f, "lan");

	/* A clerk: transitions yes, apology / catalogue / users no; nothing changes on a refusal. */
	assert_int_equal(mc_dossier_transfer(&minh, code, "PNV", NULL, NULL, &e), MC_OK);
	int64_t before = count_dossiers(f);
	mc_apology_input ap = {"Chờ ý kiến liên ngành", MC_TIME_NONE, NULL, MC_NOTIFY_PHONE};
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&minh, code, &d, &e), MC_OK);
	ap.new_due = d.due + 3 * 1440;
	assert_int_equal(mc_dossier_apologize(&minh, code, &ap, &e), MC_ERR_DENIED);
	assert_non_null(strstr(e.msg, "minh"));
	assert_int_equal(import(&minh, &e), MC_ERR_DENIED);
	assert_int_equal(mc_user_add(&minh, "hacker", MC_ROLE_ADMIN, NULL, NULL, &e), MC_ERR_DENIED);
	assert_int_equal(mc_user_set_role(&minh, "minh", MC_ROLE_ADMIN, &e), MC_ERR_DENIED);
	assert_int_equal(count_dossiers(f), before);
	mc_dossier again;
	assert_int_equal(mc_dossier_get(&minh, code, &again, &e), MC_OK);
	assert_int_equal(again.due, d.due);
	assert_false(again.has_apology);

	/* A supervisor signs the apology; the actor is on every event. */
	assert_int_equal(mc_dossier_apologize(&lan, code, &ap, &e), MC_OK);
	assert_int_equal(import(&lan, &e), MC_ERR_DENIED);
	mc_event *ev;
	size_t n;
	assert_int_equal(mc_dossier_events(&f->t.ctx, code, &ev, &n, &e), MC_OK);
	assert_int_equal(n, 3);
	assert_string_equal(ev[0].actor, "minh");
	assert_string_equal(ev[1].actor, "minh");
	assert_string_equal(ev[2].kind, "apology");
	assert_string_equal(ev[2].actor, "lan");
	free(ev);

	/* A disabled user may do nothing; an enabled one again. */
	assert_int_equal(mc_user_set_active(&f->t.ctx, "minh", false, &e), MC_OK);
	assert_int_equal(mc_dossier_finish(&minh, code, MC_RESULT_APPROVED, NULL, &e), MC_ERR_DENIED);
	assert_non_null(strstr(e.msg, "disabled"));
	assert_int_equal(mc_user_set_active(&f->t.ctx, "minh", true, &e), MC_OK);
	assert_int_equal(mc_dossier_finish(&minh, code, MC_RESULT_APPROVED, NULL, &e), MC_OK);

	/* Role changes take effect at once. */
	assert_int_equal(mc_user_set_role(&f->t.ctx, "minh", MC_ROLE_ADMIN, &e), MC_OK);
	assert_int_equal(import(&minh, &e), MC_OK);
}

static void test_user_admin(void **state)
{
	fixture *f = *state;
	char code[MC_CODE_MAX];
	staff(f, code);
	mc_err e;
	/* The last administrator stays. */
	assert_int_equal(mc_user_set_role(&f->t.ctx, "root", MC_ROLE_CLERK, &e), MC_ERR_STATE);
	assert_non_null(strstr(e.msg, "root"));
	assert_int_equal(mc_user_set_active(&f->t.ctx, "root", false, &e), MC_ERR_STATE);
	assert_int_equal(mc_user_add(&f->t.ctx, "minh", MC_ROLE_CLERK, NULL, NULL, &e), MC_ERR_EXISTS);
	assert_int_equal(mc_user_set_role(&f->t.ctx, "ghost", MC_ROLE_CLERK, &e), MC_ERR_NOT_FOUND);
	assert_int_equal(mc_user_add(&f->t.ctx, "-rf", MC_ROLE_CLERK, NULL, NULL, &e), MC_ERR_INVALID);
	assert_int_equal(mc_user_add(&f->t.ctx, "a b", MC_ROLE_CLERK, NULL, NULL, &e), MC_ERR_INVALID);
	assert_int_equal(mc_user_add(&f->t.ctx, "x\x1b[2J", MC_ROLE_CLERK, NULL, NULL, &e),
	                 MC_ERR_INVALID);
	assert_null(strchr(e.msg, '\x1b'));
	assert_int_equal(mc_user_add(&f->t.ctx, "", MC_ROLE_CLERK, NULL, NULL, &e), MC_ERR_INVALID);
	assert_int_equal(mc_user_add(&f->t.ctx, "ok", MC_ROLE_NONE, NULL, NULL, &e), MC_ERR_INVALID);
	/* Another admin: now root may step down. */
	assert_int_equal(mc_user_set_role(&f->t.ctx, "lan", MC_ROLE_ADMIN, &e), MC_OK);
	assert_int_equal(mc_user_set_role(&f->t.ctx, "root", MC_ROLE_SUPERVISOR, &e), MC_OK);
	mc_ctx lan = as(f, "lan");
	mc_user *u;
	size_t n;
	assert_int_equal(mc_user_list(&f->t.ctx, &u, &n, &e), MC_ERR_DENIED); /* root: supervisor now */
	assert_int_equal(mc_user_list(&lan, &u, &n, &e), MC_OK);
	assert_int_equal(n, 3);
	assert_string_equal(u[0].name, "lan");
	assert_int_equal(u[0].role, MC_ROLE_ADMIN);
	assert_string_equal(u[1].name, "minh");
	assert_string_equal(u[1].full_name, "Lê Văn Minh");
	assert_int_equal(u[1].role, MC_ROLE_CLERK);
	assert_string_equal(u[2].name, "root");
	assert_int_equal(u[2].role, MC_ROLE_SUPERVISOR);
	assert_true(u[2].active);
	assert_false(u[2].has_password);
	free(u);
}

static void test_passwords(void **state)
{
	fixture *f = *state;
	mc_err e;
	char h1[MC_PASSWORD_HASH_MAX], h2[MC_PASSWORD_HASH_MAX];
	assert_int_equal(mc_password_hash("quầy-một-cửa", h1, sizeof h1, &e), MC_OK);
	assert_int_equal(mc_password_hash("quầy-một-cửa", h2, sizeof h2, &e), MC_OK);
	assert_int_equal(strncmp(h1, "$argon2id$", 10), 0);
	assert_string_not_equal(h1, h2); /* salted */
	assert_null(strstr(h1, "quầy"));
	assert_true(mc_password_verify(h1, "quầy-một-cửa"));
	assert_true(mc_password_verify(h2, "quầy-một-cửa"));
	assert_false(mc_password_verify(h1, "quầy-một-cử"));
	assert_false(mc_password_verify(h1, ""));
	assert_false(mc_password_verify("plain", "plain"));
	assert_int_equal(mc_password_hash("", h1, sizeof h1, &e), MC_ERR_INVALID);
	assert_int_equal(mc_password_hash("short", h1, sizeof h1, &e), MC_ERR_INVALID);

	bool created;
	assert_int_equal(mc_user_bootstrap(&f->t.ctx, "root-password", &created, &e), MC_OK);
	assert_int_equal(mc_user_add(&f->t.ctx, "quay1", MC_ROLE_CLERK, NULL, "counter-pass-1", &e),
	                 MC_OK);
	mc_user u;
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-1", &u, &e), MC_OK);
	assert_string_equal(u.name, "quay1");
	assert_int_equal(u.role, MC_ROLE_CLERK);
	assert_true(u.has_password);
	assert_int_equal(mc_user_login(f->t.ctx.db, "root", "root-password", &u, &e), MC_OK);
	/* Wrong password and unknown user: the same sentence. */
	mc_err e1, e2;
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-2", &u, &e1), MC_ERR_DENIED);
	assert_int_equal(mc_user_login(f->t.ctx.db, "nobody", "counter-pass-1", &u, &e2), MC_ERR_DENIED);
	assert_string_equal(e1.msg, e2.msg);
	assert_string_equal(u.name, "");
	/* A user may change their own password, not another's; removing it ends the login. */
	mc_ctx quay = as(f, "quay1");
	assert_int_equal(mc_user_set_password(&quay, "root", "stolen-password", &e), MC_ERR_DENIED);
	assert_int_equal(mc_user_set_password(&quay, "quay1", "counter-pass-2", &e), MC_OK);
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-1", &u, &e), MC_ERR_DENIED);
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-2", &u, &e), MC_OK);
	assert_int_equal(mc_user_set_password(&f->t.ctx, "quay1", NULL, &e), MC_OK);
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-2", &u, &e), MC_ERR_DENIED);
	/* Disabled users cannot log in. */
	assert_int_equal(mc_user_set_password(&f->t.ctx, "quay1", "counter-pass-3", &e), MC_OK);
	assert_int_equal(mc_user_set_active(&f->t.ctx, "quay1", false, &e), MC_OK);
	assert_int_equal(mc_user_login(f->t.ctx.db, "quay1", "counter-pass-3", &u, &e), MC_ERR_DENIED);
}

static void test_access_log(void **state)
{
	fixture *f = *state;
	char code[MC_CODE_MAX];
	staff(f, code);
	mc_err e;
	mc_ctx minh = as(f, "minh"), lan = as(f, "lan");
	set_now(f, "2025-03-04 10:15");
	assert_int_equal(mc_access_record(&minh, code, MC_ACCESS_SHOW, &e), MC_OK);
	set_now(f, "2025-03-04 10:20");
	assert_int_equal(mc_access_record(&lan, code, MC_ACCESS_DETAIL, &e), MC_OK);
	assert_int_equal(mc_access_record(&minh, "NOPE-1", MC_ACCESS_SHOW, &e), MC_ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "NOPE-1"));
	mc_access_row *rows;
	size_t n;
	/* Clerks do not read the log; supervisors do. */
	assert_int_equal(mc_access_list(&minh, NULL, 0, &rows, &n, &e), MC_ERR_DENIED);
	assert_int_equal(mc_access_list(&lan, code, 0, &rows, &n, &e), MC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].actor, "lan"); /* newest first */
	assert_string_equal(rows[0].purpose, "detail");
	assert_string_equal(rows[1].actor, "minh");
	assert_string_equal(rows[1].purpose, "show");
	assert_string_equal(rows[1].code, code);
	mc_time t;
	assert_int_equal(mc_time_parse("2025-03-04 10:15", &t, &e), MC_OK);
	assert_int_equal(rows[1].at, t);
	assert_true(rows[1].backdated); /* written under a frozen clock */
	free(rows);
	assert_int_equal(mc_access_list(&lan, "NOPE-1", 0, &rows, &n, &e), MC_ERR_NOT_FOUND);
	assert_int_equal(mc_access_list(&f->t.ctx, NULL, 1, &rows, &n, &e), MC_OK);
	assert_int_equal(n, 1);
	free(rows);
}

static void test_purge(void **state)
{
	fixture *f = *state;
	char old_code[MC_CODE_MAX], open_code[MC_CODE_MAX], late_code[MC_CODE_MAX];
	staff(f, old_code); /* An, 079090001234, received 2025-03-03 */
	mc_err e;
	mc_ctx minh = as(f, "minh");
	assert_int_equal(mc_dossier_finish(&minh, old_code, MC_RESULT_APPROVED, NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_handover(&minh, old_code, 3, &e), MC_OK);
	/* Bình: a dossier still open; Cường: ended, but later (inside the period). */
	assert_int_equal(intake(&minh, "Trần Thị Bình", "079190002345", open_code, &e), MC_OK);
	set_now(f, "2027-06-01 09:00");
	assert_int_equal(intake(&minh, "Phạm Cường", "079090003456", late_code, &e), MC_OK);
	assert_int_equal(mc_dossier_withdraw(&minh, late_code, NULL, &e), MC_OK);
	mc_counter_input ci;
	memset(&ci, 0, sizeof ci);
	ci.kind = MC_COUNTER_GUIDE;
	ci.applicant.name = "Đỗ Văn Dũng";
	ci.reason = "Thiếu tờ khai";
	set_now(f, "2025-03-05 09:00");
	assert_int_equal(mc_counter_log(&minh, &ci, NULL, &e), MC_OK);

	/* Five years after 2025-03-03 is 2030-03-03: at 2030-03-10, An and the counter log go. */
	set_now(f, "2030-03-10 08:00");
	mc_purge_result r;
	assert_int_equal(mc_purge(&minh, true, &r, &e), MC_ERR_DENIED);
	int64_t before = count_dossiers(f);
	assert_int_equal(mc_purge(&f->t.ctx, true, &r, &e), MC_OK);
	assert_int_equal(r.applicants, 2); /* An, and Dũng (counter visit only) */
	assert_int_equal(r.dossiers, 1);
	assert_int_equal(r.counter_logs, 1);
	char cut[17];
	mc_time_format(r.cutoff, cut);
	assert_string_equal(cut, "2025-03-10 08:00");
	assert_int_equal(count_dossiers(f), before); /* dry run */
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, old_code, &d, &e), MC_OK);
	assert_string_equal(d.applicant_name, "Nguyễn Văn An");

	f->t.cfg.retention_years = 0;
	assert_int_equal(mc_purge(&f->t.ctx, false, &r, &e), MC_ERR_CONFIG);
	f->t.cfg.retention_years = 5;
	assert_int_equal(mc_purge(&f->t.ctx, false, &r, &e), MC_OK);
	assert_int_equal(r.applicants, 2);
	assert_int_equal(r.dossiers, 1);
	assert_int_equal(mc_dossier_get(&f->t.ctx, old_code, &d, &e), MC_OK);
	assert_string_equal(d.applicant_name, MC_PURGED_NAME);
	assert_string_equal(d.id_number, "");
	assert_string_equal(d.phone, "");
	assert_string_equal(d.address, "");
	assert_int_equal(d.status, MC_STATUS_RETURNED); /* the statistics stay */
	mc_event *ev;
	size_t n;
	assert_int_equal(mc_dossier_events(&f->t.ctx, old_code, &ev, &n, &e), MC_OK);
	assert_string_equal(ev[n - 1].kind, "note");
	assert_string_equal(ev[n - 1].actor, "root");
	assert_non_null(strstr(ev[n - 1].note, "5"));
	free(ev);
	/* The others keep their data. */
	assert_int_equal(mc_dossier_get(&f->t.ctx, open_code, &d, &e), MC_OK);
	assert_string_equal(d.applicant_name, "Trần Thị Bình");
	assert_string_equal(d.id_number, "079190002345");
	assert_int_equal(mc_dossier_get(&f->t.ctx, late_code, &d, &e), MC_OK);
	assert_string_equal(d.applicant_name, "Phạm Cường");
	/* Nothing left to purge; the ID number is free for a new applicant. */
	assert_int_equal(mc_purge(&f->t.ctx, false, &r, &e), MC_OK);
	assert_int_equal(r.applicants + r.dossiers + r.counter_logs, 0);
	assert_int_equal(intake(&minh, "Nguyễn Văn An", "079090001234", NULL, &e), MC_OK);
	/* Forbidden back-dated writes stop a real purge, not a dry run. */
	f->t.cfg.allow_backdated = false;
	assert_int_equal(mc_purge(&f->t.ctx, false, &r, &e), MC_ERR_DENIED);
	assert_int_equal(mc_purge(&f->t.ctx, true, &r, &e), MC_OK);
}

static void test_file_mode(void **state)
{
	fixture *f = *state;
	struct stat sb;
	assert_int_equal(stat(f->t.path, &sb), 0);
	assert_int_equal(sb.st_mode & 0007, 0); /* nothing for others */
	mc_err e;
	char code[MC_CODE_MAX];
	staff(f, code); /* writes: the WAL and its index exist now */
	char side[320];
	snprintf(side, sizeof side, "%s-wal", f->t.path);
	assert_int_equal(stat(side, &sb), 0);
	assert_int_equal(sb.st_mode & 0007, 0);
	(void)e;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_then_bootstrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_roles_in_core, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_admin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_passwords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_purge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_mode, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
