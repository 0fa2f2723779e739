/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The working calendar: the real files of data/calendar, provisional years
 * worked out by hand from the statutory rule, and refused files.
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
#include "motcua/calendar.h"

static mc_date ymd(int y, int m, int d)
{
	return mc_date_from_ymd(y, m, d);
}

static void test_real_files(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	assert_non_null(cal);
	assert_true(mc_calendar_has_year(cal, 2024));
	assert_true(mc_calendar_has_year(cal, 2025));
	assert_true(mc_calendar_has_year(cal, 2026));
	assert_false(mc_calendar_has_year(cal, 2027));
	assert_false(mc_calendar_has_year(cal, 2023));

	mc_day_info di;
	mc_calendar_day(cal, ymd(2025, 1, 29), &di);
	assert_int_equal(di.kind, MC_DAY_HOLIDAY);
	assert_false(di.working);
	assert_false(di.provisional);
	assert_string_equal(di.name, "Tết Nguyên đán Ất Tỵ");

	/* Saturday 2025-04-26 is a make-up working day (for Friday 2025-05-02). */
	mc_calendar_day(cal, ymd(2025, 4, 26), &di);
	assert_int_equal(di.kind, MC_DAY_MAKEUP);
	assert_true(di.working);
	mc_calendar_day(cal, ymd(2025, 5, 2), &di);
	assert_int_equal(di.kind, MC_DAY_HOLIDAY);

	/* 24 November is a holiday from 2026 (a Tuesday), not in 2025 (a Monday). */
	assert_false(mc_calendar_is_working_day(cal, ymd(2026, 11, 24)));
	assert_true(mc_calendar_is_working_day(cal, ymd(2025, 11, 24)));
	/* 2026-09-01 is in the file as provisional. */
	mc_calendar_day(cal, ymd(2026, 9, 1), &di);
	assert_true(di.provisional);
	assert_int_equal(di.kind, MC_DAY_HOLIDAY);
	/* Ordinary days. */
	mc_calendar_day(cal, ymd(2025, 3, 5), &di);
	assert_int_equal(di.kind, MC_DAY_WORK);
	assert_true(di.working);
	assert_null(di.name);
	mc_calendar_day(cal, ymd(2025, 3, 8), &di);
	assert_int_equal(di.kind, MC_DAY_WEEKEND);
	assert_false(di.working);

	mc_cal_entry *days;
	size_t n;
	assert_int_equal(mc_calendar_year_days(cal, 2025, &days, &n, NULL), MC_OK);
	assert_int_equal(n, 13); /* the 13 lines of 2025 in holidays-2024-2026.tsv */
	assert_int_equal(days[0].date, ymd(2025, 1, 1));
	for (size_t i = 1; i < n; i++)
		assert_true(days[i].date > days[i - 1].date);
	free(days);
	mc_calendar_free(cal);
}

static void test_makeup_setting(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	cfg.makeup_saturdays = false;
	mc_calendar *cal = real_calendar(&cfg);
	assert_non_null(cal);
	mc_day_info di;
	mc_calendar_day(cal, ymd(2025, 4, 26), &di);
	assert_int_equal(di.kind, MC_DAY_MAKEUP);
	assert_false(di.working);
	char reason[256];
	mc_calendar_day_reason(cal, ymd(2025, 4, 26), reason, sizeof reason);
	assert_non_null(strstr(reason, "Làm bù cho thứ Sáu 02/05"));
	mc_calendar_free(cal);
}

static bool listed(const mc_cal_entry *v, size_t n, mc_date d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].date == d)
			return v[i].off && v[i].provisional;
	return false;
}

/*
 * 2027 has no file. Worked by hand: 1/1 is a Friday. Tết (Mùng 1) is
 * Saturday 6/2, so the five days are Fri 5/2 (last day of Bính Ngọ), Sat 6,
 * Sun 7, Mon 8, Tue 9; Sat 6 and Sun 7 are given back on the next weekdays
 * not already off: Wed 10 and Thu 11. Giỗ Tổ 10/3 lunar = Fri 16/4. 30/4 is a
 * Friday; 1/5 a Saturday -> Monday 3/5. 2/9 is a Thursday -> adjacent day
 * Friday 3/9. 24/11 is a Wednesday.
 */
static void test_provisional_2027(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	assert_non_null(cal);
	mc_cal_entry *v;
	size_t n;
	assert_int_equal(mc_calendar_year_days(cal, 2027, &v, &n, NULL), MC_OK);
	const mc_date expect[] = {ymd(2027, 1, 1),  ymd(2027, 2, 5),  ymd(2027, 2, 8),
	                          ymd(2027, 2, 9),  ymd(2027, 2, 10), ymd(2027, 2, 11),
	                          ymd(2027, 4, 16), ymd(2027, 4, 30), ymd(2027, 5, 3),
	                          ymd(2027, 9, 2),  ymd(2027, 9, 3),  ymd(2027, 11, 24)};
	assert_int_equal(n, sizeof expect / sizeof expect[0]);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].date, expect[i]);
		assert_true(listed(v, n, expect[i]));
	}
	free(v);
	mc_day_info di;
	mc_calendar_day(cal, ymd(2027, 2, 10), &di);
	assert_int_equal(di.kind, MC_DAY_HOLIDAY);
	assert_true(di.provisional);
	assert_non_null(strstr(di.name, "Đinh Mùi"));
	/* Even ordinary days of a year without a file are provisional. */
	mc_calendar_day(cal, ymd(2027, 3, 3), &di);
	assert_true(di.working);
	assert_true(di.provisional);
	mc_calendar_free(cal);
}

/*
 * 2028: 1/1 is a Saturday -> Monday 3/1 off. Tết Mùng 1 = Wed 26/1: off Tue
 * 25 .. Fri 28, Mùng 4 is Saturday 29/1 -> Monday 31/1. 2/9 is a Saturday:
 * adjacent day Friday 1/9 and 2/9 given back on Monday 4/9.
 */
static void test_provisional_2028(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	assert_non_null(cal);
	assert_true(mc_calendar_is_working_day(cal, ymd(2028, 1, 24)));
	for (int d = 25; d <= 28; d++)
		assert_false(mc_calendar_is_working_day(cal, ymd(2028, 1, d)));
	assert_false(mc_calendar_is_working_day(cal, ymd(2028, 1, 31)));
	assert_true(mc_calendar_is_working_day(cal, ymd(2028, 2, 1)));
	assert_false(mc_calendar_is_working_day(cal, ymd(2028, 1, 3)));
	assert_false(mc_calendar_is_working_day(cal, ymd(2028, 9, 1)));
	assert_false(mc_calendar_is_working_day(cal, ymd(2028, 9, 4)));
	assert_true(mc_calendar_is_working_day(cal, ymd(2028, 9, 5)));
	/* 29 February 2028 is an ordinary Tuesday. */
	assert_true(mc_calendar_is_working_day(cal, ymd(2028, 2, 29)));
	mc_calendar_free(cal);
}

typedef struct {
	const char *text;
	const char *must_contain[3];
} bad_case;

static void test_bad_files(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	const bad_case cases[] = {
		{"# c\n2027-01-01\toff\tTết Dương lịch\n", {"bad.tsv", "line 2", "4"}},
		{"2027-02-31\toff\tX\tconfirmed\n", {"bad.tsv", "line 1", "2027-02-31"}},
		{"2027-1-5\toff\tX\tconfirmed\n", {"line 1", "2027-1-5", NULL}},
		/* Wednesday 2027-04-21 marked as a working day. */
		{"2027-04-24\twork\tOK\tconfirmed\n2027-04-21\twork\tX\tconfirmed\n",
		 {"line 2", "2027-04-21", "work"}},
		{"2027-01-01\tholiday\tX\tconfirmed\n", {"line 1", "holiday", NULL}},
		{"2027-01-01\toff\tX\tsure\n", {"line 1", "sure", NULL}},
		{"2027-01-01\toff\t \tconfirmed\n", {"line 1", NULL, NULL}},
		{"2027-01-01\toff\tA\tconfirmed\n2027-01-01\toff\tB\tconfirmed\n",
		 {"line 2", "2027-01-01", "twice"}},
		{"2027-01-01 off X confirmed\n", {"line 1", NULL, NULL}},
		{"2027-01-01\toff\tX\tconfirmed\textra\n", {"line 1", NULL, NULL}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mc_calendar *cal = mc_calendar_new(&cfg, NULL);
		assert_non_null(cal);
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_calendar_load_text(cal, cases[i].text, "bad.tsv", &e);
		if (st == MC_OK)
			fail_msg("case %zu accepted", i);
		for (int k = 0; k < 3; k++)
			if (cases[i].must_contain[k] && !strstr(e.msg, cases[i].must_contain[k]))
				fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, cases[i].must_contain[k]);
		/* Refused: nothing changed. */
		assert_false(mc_calendar_has_year(cal, 2027));
		assert_false(mc_calendar_is_working_day(cal, mc_date_from_ymd(2027, 2, 10)));
		mc_calendar_free(cal);
	}
}

/* An empty or comment-only text is a valid calendar with no days (found by fuzzing). */
static void test_empty_text(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	const char *texts[] = {"", "# only a comment\n", "\n\n", "date\tkind\tname\tstatus\n"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		mc_calendar *cal = mc_calendar_new(&cfg, NULL);
		assert_non_null(cal);
		mc_err e;
		mc_err_clear(&e);
		if (mc_calendar_load_text(cal, texts[i], "empty.tsv", &e) != MC_OK)
			fail_msg("text %zu refused: %s", i, e.msg);
		assert_false(mc_calendar_has_year(cal, 2027));
		assert_true(mc_calendar_is_working_day(cal, mc_date_from_ymd(2027, 3, 3)));
		mc_calendar_free(cal);
	}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_directory_all_or_nothing(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	char dir[] = "/tmp/motcua-cal-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char a[128], b[128], other[128];
	snprintf(a, sizeof a, "%s/2030.tsv", dir);
	snprintf(b, sizeof b, "%s/2031.tsv", dir);
	snprintf(other, sizeof other, "%s/notes.txt", dir);
	write_file(a, "2030-01-01\toff\tTết Dương lịch\tconfirmed\n");
	write_file(b, "2031-01-01\toff\tTết Dương lịch\tconfirmed\n2031-01-08\twork\tX\tconfirmed\n");
	write_file(other, "not read\n");
	mc_calendar *cal = mc_calendar_new(&cfg, NULL);
	mc_err e;
	assert_int_equal(mc_calendar_load(cal, dir, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "2031.tsv"));
	assert_non_null(strstr(e.msg, "line 2"));
	assert_false(mc_calendar_has_year(cal, 2030)); /* the good file was not kept either */
	/* Fix the bad file: both load. 2031-01-04 is a Saturday. */
	write_file(b, "2031-01-01\toff\tTết Dương lịch\tconfirmed\n2031-01-04\twork\tX\tconfirmed\n");
	assert_int_equal(mc_calendar_load(cal, dir, &e), MC_OK);
	assert_true(mc_calendar_has_year(cal, 2030));
	assert_true(mc_calendar_has_year(cal, 2031));
	assert_true(mc_calendar_is_working_day(cal, mc_date_from_ymd(2031, 1, 4)));
	/* A file covering 2030 replaces the provisional days: Tết 2030 is not listed in it. */
	assert_true(mc_calendar_is_working_day(cal, mc_date_from_ymd(2030, 2, 4)));
	/* Loading the same days again is refused. */
	assert_int_equal(mc_calendar_load(cal, a, &e), MC_ERR_EXISTS);
	assert_non_null(strstr(e.msg, "2030-01-01"));
	mc_calendar_free(cal);
	unlink(a);
	unlink(b);
	unlink(other);
	/* Missing path / empty folder. */
	cal = mc_calendar_new(&cfg, NULL);
	assert_int_equal(mc_calendar_load(cal, dir, &e), MC_ERR_NOT_FOUND);
	rmdir(dir);
	assert_int_equal(mc_calendar_load(cal, dir, &e), MC_ERR_IO);
	assert_non_null(strstr(e.msg, dir));
	mc_calendar_free(cal);
}

static void test_bad_hours(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	cfg.morning_close = cfg.afternoon_open + 10;
	mc_err e;
	assert_null(mc_calendar_new(&cfg, &e));
	assert_int_equal(e.code, MC_ERR_CONFIG);
	assert_non_null(strstr(e.msg, "13:40"));
	mc_calendar_free(NULL);
}

static void test_working_days_between(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	/* Mon 2025-01-20 .. Mon 2025-02-03: working days 21-24 Jan and 3 Feb (Tết 27-31). */
	assert_int_equal(mc_calendar_working_days_between(cal, ymd(2025, 1, 20), ymd(2025, 2, 3)), 5);
	assert_int_equal(mc_calendar_working_days_between(cal, ymd(2025, 2, 3), ymd(2025, 1, 20)), -5);
	assert_int_equal(mc_calendar_office_minutes(cal), 450);
	mc_calendar_free(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_files),
		cmocka_unit_test(test_makeup_setting),
		cmocka_unit_test(test_provisional_2027),
		cmocka_unit_test(test_provisional_2028),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_directory_all_or_nothing),
		cmocka_unit_test(test_bad_hours),
		cmocka_unit_test(test_working_days_between),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
