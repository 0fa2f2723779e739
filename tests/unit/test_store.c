/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The database file: creation with private permissions, idempotent
 * migration, refusal of a newer schema, of a foreign file and of a missing
 * or read-only folder (creating nothing), change detection, and the
 * append-only event history. Real SQLite files in a temporary folder.
 */
#include <fcntl.h>
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

#include "motcua/store.h"
#include "store/store_internal.h"

#include "tmpdir_test_util.h"

static void path_in(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", test_dir, name);
}

static void test_create_and_reopen(void **state)
{
	(void)state;
	char p[300];
	path_in(p, sizeof p, "a.db");
	mc_db *db;
	mc_err e;
	mc_err_clear(&e);
	/* Without MC_DB_CREATE a missing file is an error naming it. */
	assert_int_equal(mc_db_open(p, 0, &db, &e), MC_ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, p));
	assert_int_not_equal(access(p, F_OK), 0);

	assert_int_equal(mc_db_open(p, MC_DB_CREATE, &db, &e), MC_OK);
	assert_int_equal(mc_db_schema_version(db), mc_db_latest_version());
	assert_true(mc_db_latest_version() >= 1);
	mc_db_counts c;
	assert_int_equal(mc_db_counts_get(db, &c, &e), MC_OK);
	assert_true(c.units >= 3); /* the desk, departments, leadership */
	assert_int_equal(c.dossiers, 0);
	mc_db_close(db);

	struct stat sb;
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0007, 0); /* nothing for others */

	/* Idempotent: opening again applies nothing. */
	assert_int_equal(mc_db_open(p, MC_DB_NO_MIGRATE, &db, &e), MC_OK);
	int applied = -1;
	assert_int_equal(mc_db_migrate(db, &applied, &e), MC_OK);
	assert_int_equal(applied, 0);
	mc_db_close(db);
	mc_db_close(NULL);
}

static void test_newer_schema_refused(void **state)
{
	(void)state;
	char p[300];
	path_in(p, sizeof p, "new.db");
	mc_db *db;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_open(p, MC_DB_CREATE, &db, &e), MC_OK);
	mc_db_close(db); /* checkpoints: the header is in the main file */
	/* user_version lives at offset 60 of the header, big-endian. */
	int fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	unsigned char v[4] = {0, 0, 0x03, 0xE7}; /* 999 */
	assert_int_equal(pwrite(fd, v, 4, 60), 4);
	close(fd);
	assert_int_equal(mc_db_open(p, 0, &db, &e), MC_ERR_SCHEMA);
	assert_null(db);
	assert_non_null(strstr(e.msg, "999"));
}

static void test_missing_dir_creates_nothing(void **state)
{
	(void)state;
	char p[300];
	path_in(p, sizeof p, "no/such/folder/x.db");
	mc_db *db;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_open(p, MC_DB_CREATE, &db, &e), MC_ERR_IO);
	assert_non_null(strstr(e.msg, "no/such/folder"));
	char d[300];
	path_in(d, sizeof d, "no");
	assert_int_not_equal(access(d, F_OK), 0);
}

static void test_readonly_dir(void **state)
{
	(void)state;
	if (geteuid() == 0)
		skip(); /* root writes anywhere */
	char d[300], p[320];
	path_in(d, sizeof d, "ro");
	assert_int_equal(mkdir(d, 0500), 0);
	snprintf(p, sizeof p, "%s/x.db", d);
	mc_db *db;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_open(p, MC_DB_CREATE, &db, &e), MC_ERR_DENIED);
	assert_int_not_equal(access(p, F_OK), 0);
	chmod(d, 0700);
}

static void test_foreign_file_refused(void **state)
{
	(void)state;
	char p[300];
	path_in(p, sizeof p, "notes.txt");
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("these are not the tables you are looking for\n", f);
	fclose(f);
	struct stat before, after;
	stat(p, &before);
	mc_db *db;
	mc_err e;
	mc_err_clear(&e);
	assert_int_not_equal(mc_db_open(p, MC_DB_CREATE, &db, &e), MC_OK);
	assert_non_null(strstr(e.msg, p));
	stat(p, &after);
	assert_int_equal(before.st_size, after.st_size);
}

static void test_default_path(void **state)
{
	(void)state;
	char home[300], p[400];
	path_in(home, sizeof home, "xdg");
	setenv("XDG_DATA_HOME", home, 1);
	mc_config cfg;
	mc_config_defaults(&cfg);
	cfg.database_path[0] = '\0';
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_resolve_path(NULL, &cfg, true, p, sizeof p, &e), MC_OK);
	char want[400];
	snprintf(want, sizeof want, "%s/motcua/motcua.db", home);
	assert_string_equal(p, want);
	struct stat sb;
	snprintf(want, sizeof want, "%s/motcua", home);
	assert_int_equal(stat(want, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* --db wins. */
	assert_int_equal(mc_db_resolve_path("/x/y.db", &cfg, false, p, sizeof p, &e), MC_OK);
	assert_string_equal(p, "/x/y.db");
}

static void test_data_version_and_append_only(void **state)
{
	(void)state;
	char p[300];
	path_in(p, sizeof p, "dv.db");
	mc_db *a, *b;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_db_open(p, MC_DB_CREATE, &a, &e), MC_OK);
	assert_int_equal(mc_db_open(p, 0, &b, &e), MC_OK);
	int64_t v0 = mc_db_data_version(a);
	sqlite3 *hb = mc_db_handle(b);
	assert_int_equal(sqlite3_exec(hb,
		"INSERT INTO counter_logs (kind, at, applicant_name, reason, actor)"
		" VALUES ('guide', 1, 'A', 'r', 't');"
		"INSERT INTO events (counter_log_id, kind, at, recorded_at, actor)"
		" VALUES (1, 'guide', 1, 1, 't')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(mc_db_data_version(a), v0);
	/* The history cannot be edited or deleted. */
	assert_int_not_equal(sqlite3_exec(hb, "UPDATE events SET actor = 'x'", NULL, NULL, NULL),
	                     SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(hb, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	/* STRICT tables refuse a wrong type; foreign keys are enforced. */
	assert_int_not_equal(sqlite3_exec(hb,
		"INSERT INTO units (code, name, sort) VALUES ('Z', 'z', 'abc')", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(hb,
		"INSERT INTO events (dossier_id, kind, at, recorded_at, actor)"
		" VALUES (12345, 'note', 1, 1, 't')", NULL, NULL, NULL), SQLITE_OK);
	mc_db_close(b);
	mc_db_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_newer_schema_refused),
		cmocka_unit_test(test_missing_dir_creates_nothing),
		cmocka_unit_test(test_readonly_dir),
		cmocka_unit_test(test_foreign_file_refused),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_data_version_and_append_only),
	};
	return cmocka_run_group_tests(tests, test_dir_setup, test_dir_teardown);
}
