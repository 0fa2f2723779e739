/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A fresh folder under /tmp for a group of tests (cmocka group setup and
 * teardown): test_dir holds its path; it is removed with what is in it.
 * Include once, in a test file, after <cmocka.h>.
 */
#ifndef MC_TMPDIR_TEST_UTIL_H
#define MC_TMPDIR_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>

static char test_dir[256];

static int test_dir_setup(void **state)
{
	(void)state;
	snprintf(test_dir, sizeof test_dir, "/tmp/motcua-test-XXXXXX");
	return mkdtemp(test_dir) ? 0 : -1;
}

static int test_dir_teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", test_dir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
