/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Vietnamese lunar calendar (UTC+7): Tết and Giỗ Tổ of the vectors in
 * tests/fixtures/lunar-new-year.tsv (a copy of shared/data), leap months,
 * round trips and the can-chi names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/lunar.h"

static mc_date ymd(int y, int m, int d)
{
	return mc_date_from_ymd(y, m, d);
}

static void test_vectors_file(void **state)
{
	(void)state;
	const char *root = getenv("MC_SOURCE_ROOT");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/fixtures/lunar-new-year.tsv", root ? root : ".");
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char line[256];
	int checked = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || strncmp(line, "year", 4) == 0)
			continue;
		int y;
		char tet_s[11], gio_s[11];
		if (sscanf(line, "%d\t%10s\t%10s", &y, tet_s, gio_s) != 3)
			continue;
		mc_date tet, gio;
		assert_int_equal(mc_date_parse(tet_s, &tet, NULL), MC_OK);
		assert_int_equal(mc_date_parse(gio_s, &gio, NULL), MC_OK);
		mc_lunar_date l;
		mc_lunar_from_solar(tet, &l);
		assert_int_equal(l.day, 1);
		assert_int_equal(l.month, 1);
		assert_int_equal(l.year, y);
		assert_false(l.leap);
		/* The day before Tết belongs to the previous lunar year, month 12. */
		mc_lunar_from_solar(tet - 1, &l);
		assert_int_equal(l.month, 12);
		assert_int_equal(l.year, y - 1);
		assert_true(l.day == 29 || l.day == 30);
		mc_lunar_from_solar(gio, &l);
		assert_int_equal(l.day, 10);
		assert_int_equal(l.month, 3);
		assert_int_equal(l.year, y);
		/* And back. */
		mc_lunar_date q = {1, 1, y, false};
		mc_date back;
		assert_true(mc_lunar_to_solar(&q, &back));
		assert_int_equal(back, tet);
		q.day = 10;
		q.month = 3;
		assert_true(mc_lunar_to_solar(&q, &back));
		assert_int_equal(back, gio);
		checked++;
	}
	fclose(f);
	assert_true(checked >= 8);
}

/* Leap months: 2020 leap 4th, 2023 leap 2nd, 2025 leap 6th (published Vietnamese calendars). */
static void test_leap_months(void **state)
{
	(void)state;
	static const struct {
		int y, leap_month;
	} v[] = {{2020, 4}, {2023, 2}, {2025, 6}};
	/* Solar date of day 1 of each leap month. */
	const mc_date firsts[3] = {ymd(2020, 5, 23), ymd(2023, 3, 22), ymd(2025, 7, 25)};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_lunar_date l;
		mc_lunar_from_solar(firsts[i], &l);
		assert_int_equal(l.day, 1);
		assert_int_equal(l.month, v[i].leap_month);
		assert_int_equal(l.year, v[i].y);
		assert_true(l.leap);
		/* The day before is the last day of the ordinary month of the same number. */
		mc_lunar_from_solar(firsts[i] - 1, &l);
		assert_int_equal(l.month, v[i].leap_month);
		assert_false(l.leap);
		mc_lunar_date q = {1, v[i].leap_month, v[i].y, true};
		mc_date back;
		assert_true(mc_lunar_to_solar(&q, &back));
		assert_int_equal(back, firsts[i]);
		/* No other month of that year is leap. */
		q.month = v[i].leap_month == 6 ? 5 : 6;
		assert_false(mc_lunar_to_solar(&q, &back));
	}
	/* 2024 has no leap month at all. */
	mc_lunar_date q = {1, 6, 2024, true};
	mc_date back;
	assert_false(mc_lunar_to_solar(&q, &back));
}

static void test_known_dates(void **state)
{
	(void)state;
	mc_lunar_date l;
	/* Mid-Autumn 2025 (15/8 lunar) fell on 2025-10-06. */
	mc_lunar_from_solar(ymd(2025, 10, 6), &l);
	assert_int_equal(l.day, 15);
	assert_int_equal(l.month, 8);
	assert_int_equal(l.year, 2025);
	/* 2025-01-28 was 29 Tết (Ất Tỵ began 2025-01-29; month 12 of Giáp Thìn had 29 days). */
	mc_lunar_from_solar(ymd(2025, 1, 28), &l);
	assert_int_equal(l.day, 29);
	assert_int_equal(l.month, 12);
	assert_int_equal(l.year, 2024);
	/* 1985: UTC+7 puts Tết on 21 January, UTC+8 (China) on 20 February. */
	mc_lunar_from_solar(ymd(1985, 1, 21), &l);
	assert_int_equal(l.day, 1);
	assert_int_equal(l.month, 1);
	assert_int_equal(l.year, 1985);
}

static void test_roundtrip(void **state)
{
	(void)state;
	for (mc_date d = ymd(1950, 1, 1); d < ymd(2100, 1, 1); d += 3) {
		mc_lunar_date l;
		mc_lunar_from_solar(d, &l);
		assert_true(l.day >= 1 && l.day <= 30);
		assert_true(l.month >= 1 && l.month <= 12);
		mc_date back;
		assert_true(mc_lunar_to_solar(&l, &back));
		assert_int_equal(back, d);
	}
}

static void test_invalid(void **state)
{
	(void)state;
	mc_date out;
	mc_lunar_date bad[] = {{0, 1, 2025, false}, {31, 1, 2025, false}, {1, 13, 2025, false},
	                       {1, 0, 2025, false}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(mc_lunar_to_solar(&bad[i], &out));
}

static void test_year_name(void **state)
{
	(void)state;
	char buf[32];
	mc_lunar_year_name(2024, buf, sizeof buf);
	assert_string_equal(buf, "Giáp Thìn");
	mc_lunar_year_name(2025, buf, sizeof buf);
	assert_string_equal(buf, "Ất Tỵ");
	mc_lunar_year_name(2026, buf, sizeof buf);
	assert_string_equal(buf, "Bính Ngọ");
	mc_lunar_year_name(2027, buf, sizeof buf);
	assert_string_equal(buf, "Đinh Mùi");
	mc_lunar_year_name(1984, buf, sizeof buf);
	assert_string_equal(buf, "Giáp Tý");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_file), cmocka_unit_test(test_leap_months),
		cmocka_unit_test(test_known_dates),  cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_invalid),      cmocka_unit_test(test_year_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
