/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tamper-evident history on a real SQLite file: a full lifecycle
 * verifies clean; copies of the file (made with mc_backup) are then edited
 * behind motcua's back with the sqlite3 C API the way another tool would
 * (UPDATE of an event after dropping its trigger, DELETE of an event, an
 * edited dossier, apology or counter-log row, an event inserted without a
 * hash, a rewritten tail caught by the anchor, damaged pages) and verify
 * must name the first tampered or missing event. Also: document numbers
 * given at recording time from yearly per-kind sequences, back-dated writes
 * listed and refused by the setting, the demo generator's chain, backups
 * (owner-only, complete, refusing to overwrite).
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

#include <sqlite3.h>

#include "motcua/audit.h"
#include "motcua/calendar.h"
#include "motcua/catalog.h"
#include "motcua/config.h"
#include "motcua/demo.h"
#include "motcua/dossier.h"
#include "motcua/store.h"

#include "db_test_util.h"

static const char *CATALOGUE =
	"code,name,field,level,limit,limit_unit,online_limit,online_limit_unit,steps\n"
	"1.000001,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,province,10,days,8,days,"
	"PNV:6 days;LD:2 days;MC:1 days\n"
	"1.000003,Đăng ký khai sinh,Hộ tịch,commune,3,days,,,\n";

typedef struct fixture {
	test_db t;
	char codes[4][MC_CODE_MAX];
} fixture;

static void set_now(fixture *f, const char *t)
{
	mc_err e;
	assert_int_equal(mc_clock_freeze(&f->t.clock, t, &e), MC_OK);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	if (!f || test_db_open(&f->t, "chain", "tester", "2025-03-03 09:00") != 0)
		return -1;
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

static void intake(fixture *f, const char *name, char code[MC_CODE_MAX])
{
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000001";
	in.applicant.name = name;
	mc_intake_result r;
	mc_err e;
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &r, &e), MC_OK);
	snprintf(code, MC_CODE_MAX, "%s", r.code);
	mc_intake_result_free(&r);
}

/* A history with every kind of write: 4 dossiers, transitions, apology, stop, a counter log. */
static void history(fixture *f)
{
	mc_err e;
	for (int i = 0; i < 4; i++) {
		char name[32];
		snprintf(name, sizeof name, "Nguyễn Văn %c", 'A' + i);
		intake(f, name, f->codes[i]);
	}
	set_now(f, "2025-03-04 10:00");
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, f->codes[0], "PNV", "xử lý", NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_supplement(&f->t.ctx, f->codes[1], "Thiếu bản sao", NULL, &e), MC_OK);
	set_now(f, "2025-03-05 10:00");
	assert_int_equal(mc_dossier_resume(&f->t.ctx, f->codes[1], NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_finish(&f->t.ctx, f->codes[2], MC_RESULT_APPROVED, NULL, &e), MC_OK);
	assert_int_equal(mc_dossier_handover(&f->t.ctx, f->codes[2], 3, &e), MC_OK);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, f->codes[0], &d, &e), MC_OK);
	mc_apology_input ap = {"Cần xác minh thêm", d.due + 3 * 1440, "Trần Văn B", MC_NOTIFY_PHONE};
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, f->codes[0], &ap, &e), MC_OK);
	assert_int_equal(mc_dossier_stop(&f->t.ctx, f->codes[3], "Hồ sơ giả mạo", &e), MC_OK);
	mc_counter_input ci;
	memset(&ci, 0, sizeof ci);
	ci.kind = MC_COUNTER_GUIDE;
	ci.applicant.name = "Lê Thị C";
	ci.reason = "Thiếu tờ khai";
	assert_int_equal(mc_counter_log(&f->t.ctx, &ci, NULL, &e), MC_OK);
}

/* A copy of the database made with mc_backup (path gets its name). */
static void copy_db(fixture *f, const char *name, char path[400])
{
	snprintf(path, 400, "%s/%s", f->t.dir, name);
	mc_err e;
	mc_backup_result r;
	assert_int_equal(mc_backup(f->t.ctx.db, path, false, &r, &e), MC_OK);
}

/* Run SQL on a file with the plain sqlite3 API, as another tool would. */
static void tamper(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "tamper: %s\n", msg ? msg : "?");
	sqlite3_free(msg);
	assert_int_equal(rc, SQLITE_OK);
	sqlite3_close(h);
}

static void verify_file(const char *path, const mc_verify_options *o, mc_verify_report *r)
{
	mc_db *db;
	mc_err e;
	assert_int_equal(mc_db_open(path, MC_DB_READONLY, &db, &e), MC_OK);
	assert_int_equal(mc_verify(db, o, r, &e), MC_OK);
	mc_db_close(db);
}

static int64_t event_id(fixture *f, const char *code, const char *kind)
{
	mc_event *ev;
	size_t n;
	mc_err e;
	assert_int_equal(mc_dossier_events(&f->t.ctx, code, &ev, &n, &e), MC_OK);
	int64_t id = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].kind, kind) == 0)
			id = ev[i].id;
	free(ev);
	assert_true(id > 0);
	return id;
}

static void test_clean_history_verifies(void **state)
{
	fixture *f = *state;
	history(f);
	mc_verify_report r;
	mc_err e;
	assert_int_equal(mc_verify(f->t.ctx.db, NULL, &r, &e), MC_OK);
	if (!r.ok)
		fprintf(stderr, "%s\n", r.listed[0].message);
	assert_true(r.ok);
	assert_true(r.integrity_ok);
	assert_int_equal(r.fk_violations, 0);
	assert_int_equal(r.problems, 0);
	assert_int_equal(r.events, 12);
	assert_int_equal(r.chained, 12);
	assert_int_equal(r.unchained, 0);
	assert_int_equal(r.dossiers, 4);
	assert_int_equal(r.counter_logs, 1);
	assert_int_equal(r.head_id, 12);
	assert_int_equal(strlen(r.head_hash), 64);
	/* Everything was written under a frozen clock: back-dated warnings, not failures. */
	assert_int_equal(r.backdated, 12);
	assert_int_equal(r.nbackdated, MC_VERIFY_MAX_BACKDATED);
	assert_int_equal(r.first_backdated[0].id, 1);
	assert_string_equal(r.first_backdated[0].dossier, f->codes[0]);
	assert_string_equal(r.first_backdated[0].actor, "tester");

	/* The anchor written down now holds; a wrong one is named. */
	mc_verify_options o;
	memset(&o, 0, sizeof o);
	o.anchor_id = r.head_id;
	assert_true(mc_sha256_from_hex(r.head_hash, o.anchor));
	assert_int_equal(mc_verify(f->t.ctx.db, &o, &r, &e), MC_OK);
	assert_true(r.ok);
	o.anchor[0] ^= 1;
	assert_int_equal(mc_verify(f->t.ctx.db, &o, &r, &e), MC_OK);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_ANCHOR);
	assert_int_equal(r.listed[0].event_id, 12);
}

static void test_tampered_event_named(void **state)
{
	fixture *f = *state;
	history(f);
	int64_t id = event_id(f, f->codes[0], "transfer");
	char path[400], sql[256];
	copy_db(f, "edit.db", path);
	snprintf(sql, sizeof sql,
	         "DROP TRIGGER events_no_update; UPDATE events SET note = 'khác' WHERE id = %lld",
	         (long long)id);
	tamper(path, sql);
	mc_verify_report r;
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_true(r.integrity_ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_EVENT_CHANGED);
	assert_int_equal(r.listed[0].event_id, id);
	assert_string_equal(r.listed[0].dossier, f->codes[0]);
	assert_string_equal(r.listed[0].event_kind, "transfer");
	assert_non_null(strstr(r.listed[0].message, f->codes[0]));
	/* Only that event: the ones after it still link to what is stored. */
	assert_int_equal(r.problems, 1);

	/* Business time moved back on an intake. */
	copy_db(f, "time.db", path);
	tamper(path, "DROP TRIGGER events_no_update; UPDATE events SET at = at - 60 WHERE id = 3");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_EVENT_CHANGED);
	assert_int_equal(r.listed[0].event_id, 3);
	assert_string_equal(r.listed[0].dossier, f->codes[2]);
}

static void test_deleted_event_named(void **state)
{
	fixture *f = *state;
	history(f);
	int64_t id = event_id(f, f->codes[1], "supplement");
	char path[400], sql[256];
	copy_db(f, "del.db", path);
	snprintf(sql, sizeof sql, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = %lld",
	         (long long)id);
	tamper(path, sql);
	mc_verify_report r;
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_EVENT_MISSING);
	assert_int_equal(r.listed[0].event_id, id);

	/* The last event of a dossier deleted at the end of the history: its row no longer matches. */
	copy_db(f, "tail.db", path);
	tamper(path, "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id = (SELECT max(id) FROM events)");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_NO_HISTORY); /* the counter log lost its only event */

	/* An event added by hand, without a hash. */
	copy_db(f, "add.db", path);
	tamper(path, "INSERT INTO events (dossier_id, kind, at, recorded_at, actor)"
	             " VALUES (1, 'note', 0, 0, 'intruder')");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_EVENT_UNHASHED);
	assert_int_equal(r.listed[0].event_id, 13);
	assert_string_equal(r.listed[0].dossier, f->codes[0]);
}

static void test_edited_rows_named(void **state)
{
	fixture *f = *state;
	history(f);
	char path[400];
	mc_verify_report r;
	/* The due moment of a dossier moved by hand. */
	copy_db(f, "due.db", path);
	tamper(path, "UPDATE dossiers SET due_at = due_at + 1440 WHERE id = 2");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.problems, 1);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_ROW_CHANGED);
	assert_string_equal(r.listed[0].dossier, f->codes[1]);
	assert_int_equal(r.listed[0].event_id, event_id(f, f->codes[1], "resume"));
	/* A status changed by hand. */
	copy_db(f, "status.db", path);
	tamper(path, "UPDATE dossiers SET status = 'returned' WHERE id = 4");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_string_equal(r.listed[0].dossier, f->codes[3]);
	assert_string_equal(r.listed[0].event_kind, "stop");
	/* The apology's new date. */
	copy_db(f, "apology.db", path);
	tamper(path, "UPDATE apologies SET new_due = new_due + 60");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_ROW_CHANGED);
	assert_string_equal(r.listed[0].dossier, f->codes[0]);
	/* A letter number, after dropping its trigger. */
	copy_db(f, "docno.db", path);
	tamper(path, "DROP TRIGGER documents_no_update; UPDATE documents SET number = 9");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_string_equal(r.listed[0].dossier, f->codes[0]);
	/* A counter log's actor. */
	copy_db(f, "counter.db", path);
	tamper(path, "UPDATE counter_logs SET actor = 'someone'");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_ROW_CHANGED);
	/* A dossier added by hand has no history. */
	copy_db(f, "added.db", path);
	tamper(path, "INSERT INTO dossiers (code, register_year, register_no, procedure_id,"
	             " procedure_version, procedure_code, procedure_name, field, limit_unit,"
	             " limit_amount, applicant_id, channel, received_at, due_at, original_due_at,"
	             " unit_id, stage_started_at, created_at) SELECT 'FAKE-1', 2025, 99,"
	             " procedure_id, procedure_version, procedure_code, procedure_name, field,"
	             " limit_unit, limit_amount, applicant_id, channel, received_at, due_at,"
	             " original_due_at, unit_id, stage_started_at, created_at FROM dossiers"
	             " WHERE id = 1");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_NO_HISTORY);
	assert_string_equal(r.listed[0].dossier, "FAKE-1");
}

static void test_damaged_file(void **state)
{
	fixture *f = *state;
	history(f);
	char path[400];
	copy_db(f, "bad.db", path);
	/* Break the order of an index behind SQLite's back. */
	tamper(path, "PRAGMA writable_schema = ON;"
	             " UPDATE sqlite_master SET sql = replace(sql, 'events (dossier_id, id)',"
	             " 'events (id, dossier_id)') WHERE name = 'events_dossier';");
	mc_verify_report r;
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_false(r.integrity_ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_INTEGRITY);
}

static void test_document_numbers(void **state)
{
	fixture *f = *state;
	mc_err e;
	char c[5][MC_CODE_MAX];
	for (int i = 0; i < 5; i++)
		intake(f, "Phạm Văn D", c[i]);
	set_now(f, "2025-12-30 10:00");
	mc_document doc;
	/* Nothing is reserved in advance. */
	assert_int_equal(mc_document_get(&f->t.ctx, c[0], "apology", &doc, &e), MC_ERR_NOT_FOUND);
	mc_dossier d;
	assert_int_equal(mc_dossier_get(&f->t.ctx, c[0], &d, &e), MC_OK);
	mc_apology_input ap = {"Quá tải", d.due + 4 * 1440, NULL, MC_NOTIFY_SMS};
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, c[0], &ap, &e), MC_OK);
	/* A refused apology (the second on the same dossier) takes no number. */
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, c[0], &ap, &e), MC_ERR_EXISTS);
	assert_int_equal(mc_dossier_get(&f->t.ctx, c[1], &d, &e), MC_OK);
	ap.new_due = d.due + 4 * 1440;
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, c[1], &ap, &e), MC_OK);
	assert_int_equal(mc_dossier_stop(&f->t.ctx, c[2], "Giả mạo", &e), MC_OK);
	assert_int_equal(mc_dossier_withdraw(&f->t.ctx, c[3], NULL, &e), MC_OK);
	assert_int_equal(mc_document_get(&f->t.ctx, c[0], "apology", &doc, &e), MC_OK);
	assert_int_equal(doc.year, 2025);
	assert_int_equal(doc.number, 1);
	mc_time t;
	assert_int_equal(mc_time_parse("2025-12-30 10:00", &t, &e), MC_OK);
	assert_int_equal(doc.at, t);
	assert_int_equal(mc_document_get(&f->t.ctx, c[1], "apology", &doc, &e), MC_OK);
	assert_int_equal(doc.number, 2);
	/* Each kind has its own sequence; a withdrawal has no letter. */
	assert_int_equal(mc_document_get(&f->t.ctx, c[2], "stop", &doc, &e), MC_OK);
	assert_int_equal(doc.number, 1);
	assert_int_equal(mc_document_get(&f->t.ctx, c[3], "stop", &doc, &e), MC_ERR_NOT_FOUND);
	/* The numbering restarts with the year. */
	set_now(f, "2026-01-05 08:00");
	assert_int_equal(mc_dossier_get(&f->t.ctx, c[4], &d, &e), MC_OK);
	ap.new_due = d.due + 4 * 1440;
	assert_int_equal(mc_dossier_apologize(&f->t.ctx, c[4], &ap, &e), MC_OK);
	assert_int_equal(mc_document_get(&f->t.ctx, c[4], "apology", &doc, &e), MC_OK);
	assert_int_equal(doc.year, 2026);
	assert_int_equal(doc.number, 1);
	mc_verify_report r;
	assert_int_equal(mc_verify(f->t.ctx.db, NULL, &r, &e), MC_OK);
	assert_true(r.ok);
}

static void test_backdated(void **state)
{
	fixture *f = *state;
	mc_err e;
	char code[MC_CODE_MAX];
	intake(f, "Frozen", code); /* under --now */
	mc_clock_system(&f->t.clock);
	char live[MC_CODE_MAX];
	intake(f, "Live", live);
	mc_backdated rows[4];
	size_t n;
	int64_t total;
	assert_int_equal(mc_audit_backdated(f->t.ctx.db, true, rows, 4, &n, &total, &e), MC_OK);
	assert_int_equal(total, 1);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].dossier, code);
	assert_string_equal(rows[0].kind, "intake");
	assert_true(rows[0].recorded_at > rows[0].at);
	/* Forbidden on a production database: refused, nothing written. */
	f->t.cfg.allow_backdated = false;
	set_now(f, "2025-03-03 10:00");
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = "1.000001";
	in.applicant.name = "Late";
	mc_intake_result ir;
	assert_int_equal(mc_dossier_intake(&f->t.ctx, &in, &ir, &e), MC_ERR_DENIED);
	assert_non_null(strstr(e.msg, "allow_backdated"));
	mc_intake_result_free(&ir);
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, live, "PNV", NULL, NULL, &e), MC_ERR_DENIED);
	mc_db_counts c;
	assert_int_equal(mc_db_counts_get(f->t.ctx.db, &c, &e), MC_OK);
	assert_int_equal(c.dossiers, 2);
	assert_int_equal(c.events, 2);
	/* With the real clock the same setting lets writes through, not marked. */
	mc_clock_system(&f->t.clock);
	assert_int_equal(mc_dossier_transfer(&f->t.ctx, live, "PNV", NULL, NULL, &e), MC_OK);
	assert_int_equal(mc_audit_backdated(f->t.ctx.db, true, rows, 4, &n, &total, &e), MC_OK);
	assert_int_equal(total, 1);
}

static void test_demo_chain(void **state)
{
	fixture *f = *state;
	mc_err e;
	set_now(f, "2025-06-16 10:00");
	mc_demo_options o = {1500, 7};
	mc_demo_stats st;
	mc_status s = mc_demo_generate(&f->t.ctx, &o, &st, &e);
	if (s != MC_OK)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(s, MC_OK);
	/* Ordinary writes go on from the demo's head. */
	char code[MC_CODE_MAX];
	intake(f, "Sau demo", code);
	mc_counter_input ci;
	memset(&ci, 0, sizeof ci);
	ci.kind = MC_COUNTER_REFUSE;
	ci.applicant.name = "Sau demo";
	ci.reason = "Không thuộc thẩm quyền";
	assert_int_equal(mc_counter_log(&f->t.ctx, &ci, NULL, &e), MC_OK);
	mc_verify_report r;
	assert_int_equal(mc_verify(f->t.ctx.db, NULL, &r, &e), MC_OK);
	if (!r.ok)
		fprintf(stderr, "%s\n", r.listed[0].message);
	assert_true(r.ok);
	assert_int_equal(r.events, st.events + 2);
	assert_int_equal(r.chained, r.events);
	assert_int_equal(r.dossiers, 1501);
	/* A demo dossier edited afterwards is caught like any other. */
	char path[400];
	copy_db(f, "demo.db", path);
	tamper(path, "UPDATE dossiers SET rating = 1 WHERE id = 700");
	verify_file(path, NULL, &r);
	assert_false(r.ok);
	assert_int_equal(r.listed[0].kind, MC_VERIFY_ROW_CHANGED);
}

static void test_backup(void **state)
{
	fixture *f = *state;
	history(f);
	mc_err e;
	char path[400];
	snprintf(path, sizeof path, "%s/copy.db", f->t.dir);
	mode_t old = umask(0);
	mc_backup_result res;
	mc_status s = mc_backup(f->t.ctx.db, path, false, &res, &e);
	umask(old);
	assert_int_equal(s, MC_OK);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(res.dossiers, 4);
	assert_int_equal(res.events, 12);
	mc_verify_report r;
	verify_file(path, NULL, &r);
	assert_true(r.ok);
	assert_int_equal(r.events, 12);
	/* Never over an existing file without replace, never over the database itself. */
	assert_int_equal(mc_backup(f->t.ctx.db, path, false, &res, &e), MC_ERR_EXISTS);
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(mc_backup(f->t.ctx.db, f->t.path, true, &res, &e), MC_ERR_INVALID);
	char missing[400];
	snprintf(missing, sizeof missing, "%s/no/such/x.db", f->t.dir);
	assert_int_equal(mc_backup(f->t.ctx.db, missing, false, &res, &e), MC_ERR_IO);
	/* Replace: the newer state, and no temporary file left. */
	char code[MC_CODE_MAX];
	intake(f, "Thêm", code);
	assert_int_equal(mc_backup(f->t.ctx.db, path, true, &res, &e), MC_OK);
	assert_int_equal(res.dossiers, 5);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "ls '%s' | grep -q tmp-", f->t.dir);
	assert_int_not_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean_history_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tampered_event_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_event_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edited_rows_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_document_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backdated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
