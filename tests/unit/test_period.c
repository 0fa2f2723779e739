/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reporting periods: every kind of product.md §3 and the official 15th-14th
 * windows of domain.md §5, year boundaries, and refusals naming the value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/period.h"

static const struct {
	const char *text;
	const char *from, *to;
} good[] = {
    {"2026-01", "2026-01-01", "2026-01-31"},
    {"2024-02", "2024-02-01", "2024-02-29"},
    {"2025-02", "2025-02-01", "2025-02-28"},
    {"2026-12", "2026-12-01", "2026-12-31"},
    {"2026-01/official", "2025-12-15", "2026-01-14"},
    {"2026-03/official", "2026-02-15", "2026-03-14"},
    {"2026-12/official", "2026-11-15", "2026-12-14"},
    {"2026-Q1", "2025-12-15", "2026-03-14"},
    {"2026-Q2", "2026-03-15", "2026-06-14"},
    {"2026-Q3", "2026-06-15", "2026-09-14"},
    {"2026-Q4", "2026-09-15", "2026-12-14"},
    {"2026-q4", "2026-09-15", "2026-12-14"},
    {"2026-Q1/calendar", "2026-01-01", "2026-03-31"},
    {"2026-Q4/calendar", "2026-10-01", "2026-12-31"},
    {"2026-H1", "2025-12-15", "2026-06-14"},
    {"2026-H2", "2026-06-15", "2026-12-14"},
    {"2026-H1/calendar", "2026-01-01", "2026-06-30"},
    {"2026-9M", "2025-12-15", "2026-09-14"},
    {"2026-9M/calendar", "2026-01-01", "2026-09-30"},
    {"2026", "2025-12-15", "2026-12-14"},
    {"2000", "1999-12-15", "2000-12-14"},
    {"2026/calendar", "2026-01-01", "2026-12-31"},
    {"2025-12-15..2026-01-14", "2025-12-15", "2026-01-14"},
    {"2026-03-05..2026-03-05", "2026-03-05", "2026-03-05"},
    {"2024-02-28..2024-03-01", "2024-02-28", "2024-03-01"},
};

static void test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		mc_date f = -1, t = -1, ef, et;
		mc_err e;
		mc_err_clear(&e);
		assert_int_equal(mc_date_parse(good[i].from, &ef, &e), MC_OK);
		assert_int_equal(mc_date_parse(good[i].to, &et, &e), MC_OK);
		if (mc_period_parse(good[i].text, &f, &t, &e) != MC_OK)
			fail_msg("%s: %s", good[i].text, e.msg);
		if (f != ef || t != et) {
			char a[11], b[11];
			mc_date_format(f, a);
			mc_date_format(t, b);
			fail_msg("%s gave %s..%s, expected %s..%s", good[i].text, a, b, good[i].from,
			         good[i].to);
		}
	}
}

static const char *const bad[] = {
    "", "2026-13", "2026-00", "2026-1", "2026-Q0", "2026-Q5", "2026-H3", "2026-8M",
    "26-01", "2026-01/officia", "2026-01/calendar", "2026-Q1/official", "abcd",
    "2026-02-30..2026-03-01", "2026-03-02..2026-03-01", "..2026-03-01", "2026-03-01..",
    "2026-01-01..2026-01-01..2026-01-02", "2026-01 ", "1900", "2201", "20261",
};

static void test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_date f = 123, t = 456;
		mc_err e;
		mc_err_clear(&e);
		if (mc_period_parse(bad[i], &f, &t, &e) == MC_OK)
			fail_msg("\"%s\" was accepted", bad[i]);
		assert_int_equal(f, 123);
		assert_int_equal(t, 456);
		assert_true(e.msg[0] != '\0');
		/* The sentence names the value. */
		if (bad[i][0] && !strstr(e.msg, bad[i]))
			fail_msg("message for \"%s\" does not name it: %s", bad[i], e.msg);
	}
	mc_date f, t;
	assert_int_not_equal(mc_period_parse(NULL, &f, &t, NULL), MC_OK);
}

/* Consecutive official months tile the year with no gap and no overlap. */
static void test_official_months_tile_year(void **state)
{
	(void)state;
	mc_date yf, yt, prev_to = 0;
	mc_err e;
	assert_int_equal(mc_period_parse("2025", &yf, &yt, &e), MC_OK);
	for (int m = 1; m <= 12; m++) {
		char text[32];
		mc_date f, t;
		snprintf(text, sizeof text, "2025-%02d/official", m);
		assert_int_equal(mc_period_parse(text, &f, &t, &e), MC_OK);
		if (m == 1)
			assert_int_equal(f, yf);
		else
			assert_int_equal(f, prev_to + 1);
		prev_to = t;
	}
	assert_int_equal(prev_to, yt);
	/* Quarters too, and H1 = Q1 + Q2, 9M = Q1..Q3. */
	mc_date q1f, q1t, q2f, q2t, q3f, q3t, hf, ht, nf, nt;
	assert_int_equal(mc_period_parse("2025-Q1", &q1f, &q1t, &e), MC_OK);
	assert_int_equal(mc_period_parse("2025-Q2", &q2f, &q2t, &e), MC_OK);
	assert_int_equal(mc_period_parse("2025-Q3", &q3f, &q3t, &e), MC_OK);
	assert_int_equal(mc_period_parse("2025-H1", &hf, &ht, &e), MC_OK);
	assert_int_equal(mc_period_parse("2025-9M", &nf, &nt, &e), MC_OK);
	assert_int_equal(q2f, q1t + 1);
	assert_int_equal(q3f, q2t + 1);
	assert_int_equal(hf, q1f);
	assert_int_equal(ht, q2t);
	assert_int_equal(nf, q1f);
	assert_int_equal(nt, q3t);
}

static void test_describe(void **state)
{
	(void)state;
	mc_date f, t;
	mc_err e;
	char buf[128];
	assert_int_equal(mc_period_parse("2026", &f, &t, &e), MC_OK);
	mc_period_describe(f, t, buf, sizeof buf);
	/* Untranslated in unit tests: the English msgid. */
	assert_string_equal(buf, "From 15/12/2025 to 14/12/2026");
	mc_period_describe(f, t, buf, 10);
	assert_int_equal(strlen(buf), 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_official_months_tile_year),
	    cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
