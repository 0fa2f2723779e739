/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The configuration: defaults from the settings table, data/motcua.ini equal
 * to the generated example, good files (full, partial, CRLF, decomposed
 * Vietnamese) read right, every bad file refused with file, line and key,
 * the lookup order ($XDG_CONFIG_HOME, ~/.config, /etc, defaults) and the
 * database path. Fixtures: tests/fixtures/config/.
 */
#include <limits.h>
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

#include "motcua/config.h"

static char root[1024];
static char tmpdir[1024];

static void fixture(const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/tests/fixtures/config/%s", root, name);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

static void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mkdirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	assert_true(n < sizeof buf);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0700);
			*p = '/';
		}
	}
	mkdir(buf, 0700);
}

static void assert_same_settings(const mc_config *a, const mc_config *b)
{
	for (size_t i = 0; i < mc_config_key_count(); i++) {
		char va[MC_CFG_PATH], vb[MC_CFG_PATH];
		mc_config_key_value(a, i, va, sizeof va);
		mc_config_key_value(b, i, vb, sizeof vb);
		if (strcmp(va, vb) != 0)
			fail_msg("[%s] %s: \"%s\" != \"%s\"", mc_config_key_at(i)->section,
			         mc_config_key_at(i)->name, va, vb);
	}
}

/* Load with no user file and no system file. */
static void isolate(void)
{
	char home[PATH_MAX];
	snprintf(home, sizeof home, "%s/empty-home", tmpdir);
	mkdirs(home);
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("XDG_DATA_HOME");
}

static void test_defaults(void **state)
{
	(void)state;
	mc_config c;
	mc_config_defaults(&c);
	assert_int_equal(c.morning_open, 7 * 60 + 30);
	assert_int_equal(c.morning_close, 11 * 60 + 30);
	assert_int_equal(c.afternoon_open, 13 * 60 + 30);
	assert_int_equal(c.afternoon_close, 17 * 60);
	assert_true(c.weekend[0] && c.weekend[6]);
	for (int d = 1; d <= 5; d++)
		assert_false(c.weekend[d]);
	assert_int_equal(c.hours_per_day, 8);
	assert_int_equal(c.handover_cutoff, 15 * 60);
	assert_int_equal(c.same_day_cutoff, 15 * 60);
	assert_int_equal(c.supplement_mode, MC_SUPPLEMENT_RESTART);
	assert_int_equal(c.supplement_days, 3);
	assert_int_equal(c.judge_by, MC_JUDGE_BY_DATE);
	assert_int_equal(c.due_soon_days, 1);
	assert_int_equal(c.apology_days_before, 1);
	assert_true(c.makeup_saturdays);
	assert_string_equal(c.code_pattern, "{agency}-{yymmdd}-{seq:4}");
	assert_string_equal(c.agency_code, "000.00.31.H29");
	assert_string_equal(c.apology_authority, "KT.");
	assert_string_equal(c.language, "auto");
	assert_int_equal(c.theme, MC_THEME_DARK);
	assert_string_equal(c.printer_command, "");
	assert_true(c.mask_ids);
	assert_int_equal(c.retention_years, 5);
	assert_true(c.allow_backdated);
	assert_string_equal(c.database_path, "");
	assert_string_equal(c.source_path, "");
	/* Shipped files: the installed copy or the source tree's. */
	assert_non_null(strstr(c.calendar_path, "/calendar"));
	assert_non_null(strstr(c.catalogue_path, "/catalogue.csv"));
	assert_non_null(strstr(c.rubric_path, "/par-rubric.tsv"));
	assert_non_null(strstr(c.templates_dir, "/templates"));
	assert_non_null(strstr(c.output_dir, "motcua/letters"));
	/* Every documented key has a description in both languages. */
	for (size_t i = 0; i < mc_config_key_count(); i++) {
		const mc_config_key *k = mc_config_key_at(i);
		assert_true(strlen(k->doc) > 5);
		assert_true(strlen(k->doc_vi) > 5);
	}
	assert_null(mc_config_key_at(mc_config_key_count()));
}

/* data/motcua.ini is exactly what the table generates. */
static void test_example_file(void **state)
{
	(void)state;
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/data/motcua.ini", root);
	char *file = slurp(path);
	char *gen = mc_config_example();
	assert_non_null(file);
	assert_non_null(gen);
	if (strcmp(file, gen) != 0) {
		size_t i = 0;
		while (file[i] && file[i] == gen[i])
			i++;
		fail_msg("data/motcua.ini differs from `motcua config example` at byte %zu: "
		         "regenerate it with `motcua config example > data/motcua.ini`",
		         i);
	}
	/* Every key appears with its default. */
	for (size_t i = 0; i < mc_config_key_count(); i++) {
		char line[600];
		const mc_config_key *k = mc_config_key_at(i);
		snprintf(line, sizeof line, "\n%s = ", k->name);
		assert_non_null(strstr(gen, line));
	}
	free(file);
	free(gen);

	/* Loading it gives the defaults. */
	mc_config def, c;
	mc_err e;
	mc_config_defaults(&def);
	assert_int_equal(mc_config_load(&c, path, &e), MC_OK);
	assert_string_equal(c.source_path, path);
	assert_same_settings(&c, &def);
}

static void test_good_full(void **state)
{
	(void)state;
	char path[PATH_MAX];
	mc_config c;
	mc_err e;
	fixture("good-full.ini", path, sizeof path);
	mc_err_clear(&e);
	if (mc_config_load(&c, path, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(c.agency_name, "Ủy ban nhân dân xã Tân Phú");
	assert_string_equal(c.agency_code, "000.00.22.H26");
	assert_string_equal(c.agency_address, "Số 1, ấp 3; xã Tân Phú");
	assert_string_equal(c.agency_phone, "0251 3822 222");
	assert_string_equal(c.desk_name, "Bộ phận tiếp nhận và trả kết quả");
	assert_string_equal(c.head_name, "Nguyễn Văn Đức");
	assert_string_equal(c.apology_authority, "TM.");
	assert_string_equal(c.clerk_title, "Công chức \"Một cửa\"");
	assert_int_equal(c.morning_open, 7 * 60);
	assert_int_equal(c.afternoon_close, 16 * 60 + 30);
	assert_true(c.weekend[0]);
	assert_false(c.weekend[6]);
	assert_int_equal(c.hours_per_day, 7);
	assert_int_equal(c.handover_cutoff, 14 * 60 + 30);
	assert_int_equal(c.same_day_cutoff, 10 * 60);
	assert_int_equal(c.supplement_mode, MC_SUPPLEMENT_PAUSE);
	assert_int_equal(c.supplement_days, 5);
	assert_int_equal(c.judge_by, MC_JUDGE_BY_MINUTE);
	assert_int_equal(c.due_soon_days, 2);
	assert_int_equal(c.apology_days_before, 2);
	assert_false(c.makeup_saturdays);
	assert_string_equal(c.code_pattern, "HS{yyyy}{mm}{dd}.{seq:5}");
	assert_string_equal(c.language, "en");
	assert_int_equal(c.theme, MC_THEME_MONO);
	assert_string_equal(c.printer_command, "lp -d Phong_1");
	assert_false(c.mask_ids);
	assert_int_equal(c.retention_years, 0);
	assert_false(c.allow_backdated);
	/* A relative path is taken from the file's folder, ~/ from HOME. */
	char want[PATH_MAX * 2];
	snprintf(want, sizeof want, "%s/tests/fixtures/config/data/desk.db", root);
	assert_string_equal(c.database_path, want);
	snprintf(want, sizeof want, "%s/letters", getenv("HOME"));
	assert_string_equal(c.output_dir, want);
	char db[MC_CFG_PATH];
	assert_int_equal(mc_config_database_path(&c, db, sizeof db), MC_OK);
	assert_string_equal(db, c.database_path);

	/* Round trip: the effective settings written out and read back are the same. */
	char *text = mc_config_format(&c);
	char again[PATH_MAX];
	snprintf(again, sizeof again, "%s/roundtrip.ini", tmpdir);
	spit(again, text);
	mc_config c2;
	if (mc_config_load(&c2, again, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_same_settings(&c, &c2);
	char *text2 = mc_config_format(&c2);
	/* Only the first line (the source) differs. */
	assert_string_equal(strchr(text, '\n'), strchr(text2, '\n'));
	free(text);
	free(text2);
}

static void test_good_partial(void **state)
{
	(void)state;
	char path[PATH_MAX];
	mc_config c, def;
	mc_err e;
	mc_config_defaults(&def);
	fixture("good-partial.ini", path, sizeof path);
	if (mc_config_load(&c, path, &e) != MC_OK)
		fail_msg("%s", e.msg);
	/* Section and key names are not case-sensitive. */
	assert_int_equal(c.morning_open, 8 * 60);
	assert_int_equal(c.supplement_days, 10);
	c.morning_open = def.morning_open;
	c.supplement_days = def.supplement_days;
	assert_same_settings(&c, &def);

	fixture("good-crlf.ini", path, sizeof path);
	if (mc_config_load(&c, path, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(c.agency_name, "Sở Tài chính");
	assert_int_equal(c.theme, MC_THEME_LIGHT);

	/* Decomposed Vietnamese is stored NFC. */
	fixture("good-nfd.ini", path, sizeof path);
	if (mc_config_load(&c, path, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(c.head_name, "Nguy\xE1\xBB\x85n V\xC4\x83n \xC4\x90\xE1\xBB\xA9" "c");
}

typedef struct {
	const char *file;
	int line;            /* 0: no line (file-level error) */
	const char *piece1;  /* the key or the bad text */
	const char *piece2;  /* more of the message, or NULL */
} bad_case;

static void test_bad_files(void **state)
{
	(void)state;
	static const bad_case cases[] = {
		{"bad-section.ini", 4, "[agencies]", "unknown section"},
		{"bad-key.ini", 4, "nmae", "unknown key"},
		{"bad-key-section.ini", 3, "handover_cutoff", "[rules]"},
		{"bad-time.ini", 5, "afternoon_open", "\"25:00\""},
		{"bad-time-format.ini", 2, "handover_cutoff", "\"3pm\""},
		{"bad-negative.ini", 3, "due_soon_days", "\"-1\""},
		{"bad-number.ini", 2, "hours_per_day", "\"eight\""},
		{"bad-enum.ini", 3, "supplement_mode", "restart, pause"},
		{"bad-bool.ini", 2, "mask_ids", "yes or no"},
		{"bad-compression.ini", 2, "compression", "1"},
		{"bad-junk.ini", 3, "this line is junk", "key = value"},
		{"bad-before-section.ini", 2, "name", "before any [section]"},
		{"bad-duplicate.ini", 4, "theme", "line 2"},
		{"bad-quote.ini", 2, "name", "never closed"},
		{"bad-after-quote.ini", 2, "name", "closing quote"},
		{"bad-section-comment.ini", 1, "[agency] ; the agency", "section header"},
		{"bad-weekend.ini", 2, "weekend", "working day"},
		{"bad-weekend-name.ini", 2, "weekend", "sat,sun"},
		{"bad-hours-order.ini", 3, "morning_open", "morning_close"},
		{"bad-lunch.ini", 3, "morning_close", "afternoon_open"},
		{"bad-agency-code.ini", 2, "code", "000.00.31"},
		{"bad-agency-empty.ini", 3, "code", "{agency}"},
		{"bad-pattern.ini", 2, "pattern", "{seq:N}"},
		{"bad-authority.ini", 2, "apology_authority", "KT., TL."},
		{"bad-language.ini", 2, "language", "auto, vi, en"},
		{"bad-continuation.ini", 2, "backslash", NULL},
		{"bad-calendar.ini", 2, "calendar", "no-such-calendar-dir"},
		{"bad-utf8.ini", 2, "name", "UTF-8"},
		{"bad-bom.ini", 1, "byte-order mark", NULL},
		{"bad-control.ini", 2, "name", "control character"},
		{"no-such-file.ini", 0, "configuration file does not exist", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const bad_case *bc = &cases[i];
		char path[PATH_MAX], line[32];
		mc_config c;
		mc_err e;
		mc_err_clear(&e);
		fixture(bc->file, path, sizeof path);
		mc_status st = mc_config_load(&c, path, &e);
		if (st != MC_ERR_CONFIG)
			fail_msg("%s: status %d, message \"%s\"", bc->file, st, e.msg);
		snprintf(line, sizeof line, ", line %d:", bc->line);
		if (!strstr(e.msg, path) || (bc->line && !strstr(e.msg, line)) ||
		    !strstr(e.msg, bc->piece1) || (bc->piece2 && !strstr(e.msg, bc->piece2)))
			fail_msg("%s: message \"%s\" lacks the file, line %d, \"%s\" or \"%s\"",
			         bc->file, e.msg, bc->line, bc->piece1, bc->piece2 ? bc->piece2 : "");
		/* A refused file leaves the defaults, never a half-read mixture. */
		mc_config def;
		mc_config_defaults(&def);
		assert_same_settings(&c, &def);
	}
}

static void test_unreadable(void **state)
{
	(void)state;
	mc_config c;
	mc_err e;
	/* A folder given as the file. */
	assert_int_equal(mc_config_load(&c, tmpdir, &e), MC_ERR_CONFIG);
	assert_non_null(strstr(e.msg, tmpdir));
	assert_non_null(strstr(e.msg, "cannot read"));
	/* A file without read permission (root reads anything: skip then). */
	if (geteuid() != 0) {
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/secret.ini", tmpdir);
		spit(path, "[ui]\ntheme = dark\n");
		chmod(path, 0);
		assert_int_equal(mc_config_load(&c, path, &e), MC_ERR_CONFIG);
		assert_non_null(strstr(e.msg, "cannot read"));
		assert_non_null(strstr(e.msg, path));
	}
}

static void test_lookup_order(void **state)
{
	(void)state;
	char xdg[PATH_MAX], home[PATH_MAX], sys[PATH_MAX], p[PATH_MAX + 64];
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	snprintf(home, sizeof home, "%s/home", tmpdir);
	snprintf(sys, sizeof sys, "%s/etc/motcua/motcua.ini", tmpdir);
	snprintf(p, sizeof p, "%s/motcua", xdg);
	mkdirs(p);
	snprintf(p, sizeof p, "%s/.config/motcua", home);
	mkdirs(p);
	snprintf(p, sizeof p, "%s/etc/motcua", tmpdir);
	mkdirs(p);
	snprintf(p, sizeof p, "%s/motcua/motcua.ini", xdg);
	spit(p, "[ui]\ntheme = light\n");
	snprintf(p, sizeof p, "%s/.config/motcua/motcua.ini", home);
	spit(p, "[ui]\ntheme = mono\n");
	spit(sys, "[hours]\nhours_per_day = 6\n");

	mc_config c;
	mc_err e;
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_OK);
	assert_int_equal(c.theme, MC_THEME_LIGHT); /* $XDG_CONFIG_HOME first */
	assert_non_null(strstr(c.source_path, "/xdg/motcua/motcua.ini"));

	/* --config wins over everything. */
	char full[PATH_MAX];
	fixture("good-partial.ini", full, sizeof full);
	assert_int_equal(mc_config_load_from(&c, full, sys, &e), MC_OK);
	assert_string_equal(c.source_path, full);
	assert_int_equal(c.theme, MC_THEME_DARK);

	/* Without XDG_CONFIG_HOME (or with a relative one): ~/.config. */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_OK);
	assert_int_equal(c.theme, MC_THEME_MONO);
	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_OK);
	assert_int_equal(c.theme, MC_THEME_MONO);

	/* No user file: the system-wide one. */
	snprintf(p, sizeof p, "%s/.config/motcua/motcua.ini", home);
	unlink(p);
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_OK);
	assert_int_equal(c.hours_per_day, 6);
	assert_string_equal(c.source_path, sys);

	/* Nothing at all: built-in defaults. */
	unlink(sys);
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_OK);
	assert_string_equal(c.source_path, "");
	assert_int_equal(c.hours_per_day, 8);

	/* A bad user file is not skipped in favour of the next one. */
	setenv("XDG_CONFIG_HOME", xdg, 1);
	snprintf(p, sizeof p, "%s/motcua/motcua.ini", xdg);
	spit(p, "[ui]\ntheme = purple\n");
	assert_int_equal(mc_config_load_from(&c, NULL, sys, &e), MC_ERR_CONFIG);
	assert_non_null(strstr(e.msg, p));
	assert_non_null(strstr(e.msg, ", line 2:"));
	unlink(p);
	isolate();
}

static void test_database_path(void **state)
{
	(void)state;
	mc_config c;
	char buf[MC_CFG_PATH];
	mc_config_defaults(&c);
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	assert_int_equal(mc_config_database_path(&c, buf, sizeof buf), MC_OK);
	assert_string_equal(buf, "/srv/data/motcua/motcua.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/clerk", 1);
	assert_int_equal(mc_config_database_path(&c, buf, sizeof buf), MC_OK);
	assert_string_equal(buf, "/home/clerk/.local/share/motcua/motcua.db");
	mc_config_defaults(&c);
	assert_string_equal(c.output_dir, "/home/clerk/.local/share/motcua/letters");
	assert_int_equal(mc_config_database_path(&c, buf, 10), MC_ERR_RANGE);
	unsetenv("HOME");
	assert_int_equal(mc_config_database_path(&c, buf, sizeof buf), MC_ERR_NOT_FOUND);
	snprintf(c.database_path, sizeof c.database_path, "/var/lib/motcua/desk.db");
	assert_int_equal(mc_config_database_path(&c, buf, sizeof buf), MC_OK);
	assert_string_equal(buf, "/var/lib/motcua/desk.db");
	isolate();
}

static int setup(void **state)
{
	(void)state;
	const char *r = getenv("MC_SOURCE_ROOT");
	snprintf(root, sizeof root, "%s", r ? r : ".");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/mc-test-config-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	isolate();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),      cmocka_unit_test(test_example_file),
		cmocka_unit_test(test_good_full),     cmocka_unit_test(test_good_partial),
		cmocka_unit_test(test_bad_files),     cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_lookup_order),  cmocka_unit_test(test_database_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
