/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Date arithmetic and strict parsing of dates and moments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/clock.h"
#include "motcua/mctime.h"

static void test_roundtrip(void **state)
{
	(void)state;
	for (mc_date d = mc_date_from_ymd(1900, 1, 1); d < mc_date_from_ymd(2200, 12, 31); d += 13) {
		int y, m, dd;
		mc_date_to_ymd(d, &y, &m, &dd);
		assert_true(mc_ymd_valid(y, m, dd));
		assert_int_equal(mc_date_from_ymd(y, m, dd), d);
	}
	assert_int_equal(mc_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(mc_date_weekday(mc_date_from_ymd(2026, 11, 22)), 0); /* Sunday */
	assert_int_equal(mc_date_weekday(mc_date_from_ymd(2019, 11, 20)), 3); /* Wednesday */
}

static void test_parse(void **state)
{
	(void)state;
	mc_date d;
	mc_time t;
	mc_err e;
	char buf[17];
	assert_int_equal(mc_date_parse("2024-02-29", &d, &e), MC_OK);
	assert_int_equal(mc_date_parse("2025-02-29", &d, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "2025-02-29"));
	assert_int_equal(mc_date_parse("2025-02-31", &d, &e), MC_ERR_INVALID);
	assert_int_equal(mc_date_parse("2025-2-3", &d, &e), MC_ERR_INVALID);
	assert_int_equal(mc_time_parse("2025-01-06 25:00", &t, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "25:00"));
	assert_int_equal(mc_time_parse("2025-01-06 08:60", &t, &e), MC_ERR_INVALID);
	assert_int_equal(mc_time_parse("2025-01-06 08:37", &t, &e), MC_OK);
	mc_time_format(t, buf);
	assert_string_equal(buf, "2025-01-06 08:37");
	assert_int_equal(mc_time_parse("", &t, &e), MC_ERR_INVALID);
	assert_int_equal(mc_time_parse(NULL, &t, &e), MC_ERR_INVALID);
}

static void test_clock_freeze(void **state)
{
	(void)state;
	mc_clock c;
	mc_err e;
	assert_int_equal(mc_clock_freeze(&c, "2026-11-22 09:15", &e), MC_OK);
	char buf[17];
	mc_time_format(mc_clock_now(&c), buf);
	assert_string_equal(buf, "2026-11-22 09:15");
	assert_int_equal(mc_clock_freeze(&c, "2026-13-01 09:15", &e), MC_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_clock_freeze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
