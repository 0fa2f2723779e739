/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The status list and its names stay in step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/error.h"

static void test_names_match_enum(void **state)
{
	(void)state;
	assert_string_equal(mc_status_name(MC_OK), "MC_OK");
	assert_string_equal(mc_status_name(MC_ERR_RANGE), "MC_ERR_RANGE");
	for (int s = 0; s < MC_STATUS_COUNT; s++) {
		assert_non_null(mc_status_str((mc_status)s));
		assert_true(strncmp(mc_status_name((mc_status)s), "MC_", 3) == 0);
	}
	assert_string_equal(mc_status_name(MC_STATUS_COUNT), "MC_UNKNOWN");
}

static void test_err_set(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_err_set(&e, MC_ERR_INVALID, "bad %d", 7), MC_ERR_INVALID);
	assert_string_equal(e.msg, "bad 7");
	assert_int_equal(mc_err_set(NULL, MC_ERR_IO, "x"), MC_ERR_IO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_match_enum),
		cmocka_unit_test(test_err_set),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
