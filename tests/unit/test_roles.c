/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The roles table (src/core/roles.c): every action against every role,
 * written out here as the expected matrix, so a change of the table is a
 * deliberate change of this test; names, parsing and the refusal sentence.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/roles.h"

/* C = clerk, S = supervisor, A = admin: who may take each action. */
static const struct {
	mc_action a;
	const char *name;
	const char *who;
} expected[] = {
	{MC_ACT_READ, "read", "CSA"},
	{MC_ACT_INTAKE, "intake", "CSA"},
	{MC_ACT_TRANSITION, "transition", "CSA"},
	{MC_ACT_APOLOGY, "apology", "SA"},
	{MC_ACT_PAR_ENTRY, "par-entry", "SA"},
	{MC_ACT_AUDIT, "audit", "SA"},
	{MC_ACT_CATALOG, "catalog", "A"},
	{MC_ACT_CALENDAR, "calendar", "A"},
	{MC_ACT_USERS, "users", "A"},
	{MC_ACT_PURGE, "purge", "A"},
	{MC_ACT_DEMO, "demo", "A"},
};

static void test_matrix(void **state)
{
	(void)state;
	assert_int_equal(sizeof expected / sizeof expected[0], MC_ACTION_COUNT);
	for (size_t i = 0; i < MC_ACTION_COUNT; i++) {
		mc_action a = expected[i].a;
		assert_string_equal(mc_action_name(a), expected[i].name);
		assert_true(strlen(mc_action_label(a)) > 5);
		assert_int_equal(mc_role_allows(MC_ROLE_CLERK, a), strchr(expected[i].who, 'C') != NULL);
		assert_int_equal(mc_role_allows(MC_ROLE_SUPERVISOR, a),
		                 strchr(expected[i].who, 'S') != NULL);
		assert_int_equal(mc_role_allows(MC_ROLE_ADMIN, a), strchr(expected[i].who, 'A') != NULL);
		assert_false(mc_role_allows(MC_ROLE_NONE, a));
		assert_false(mc_role_allows((mc_role)99, a));
		assert_int_equal(mc_action_roles(a) & 1u, 0); /* never MC_ROLE_NONE */
	}
	assert_int_equal(mc_action_roles((mc_action)MC_ACTION_COUNT), 0);
	assert_false(mc_role_allows(MC_ROLE_ADMIN, (mc_action)MC_ACTION_COUNT));
	/* Each role can do strictly more than the one below it. */
	for (size_t i = 0; i < MC_ACTION_COUNT; i++) {
		if (mc_role_allows(MC_ROLE_CLERK, (mc_action)i))
			assert_true(mc_role_allows(MC_ROLE_SUPERVISOR, (mc_action)i));
		if (mc_role_allows(MC_ROLE_SUPERVISOR, (mc_action)i))
			assert_true(mc_role_allows(MC_ROLE_ADMIN, (mc_action)i));
	}
}

static void test_names(void **state)
{
	(void)state;
	const char *names[] = {"clerk", "supervisor", "admin"};
	for (int r = MC_ROLE_CLERK; r < MC_ROLE_COUNT; r++) {
		mc_role got = MC_ROLE_NONE;
		mc_err e;
		assert_string_equal(mc_role_name((mc_role)r), names[r - 1]);
		assert_int_equal(mc_role_parse(names[r - 1], &got, &e), MC_OK);
		assert_int_equal(got, r);
		assert_true(strlen(mc_role_label((mc_role)r)) > 3);
	}
	assert_string_equal(mc_role_name(MC_ROLE_NONE), "none");
	assert_string_equal(mc_role_name((mc_role)42), "none");
	mc_err e;
	mc_role got = MC_ROLE_CLERK;
	assert_int_equal(mc_role_parse("Admin", &got, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "\"Admin\""));
	assert_int_equal(mc_role_parse("none", &got, &e), MC_ERR_INVALID);
	assert_int_equal(mc_role_parse("", &got, &e), MC_ERR_INVALID);
	assert_int_equal(mc_role_parse(NULL, &got, &e), MC_ERR_INVALID);
	assert_int_equal(got, MC_ROLE_CLERK); /* unchanged on failure */
}

static void test_require(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	assert_int_equal(mc_role_require(MC_ROLE_SUPERVISOR, MC_ACT_APOLOGY, "lan", &e), MC_OK);
	assert_int_equal(mc_role_require(MC_ROLE_CLERK, MC_ACT_APOLOGY, "minh", &e), MC_ERR_DENIED);
	assert_int_equal(e.code, MC_ERR_DENIED);
	/* One sentence naming the account, its role, the action and who may. */
	assert_non_null(strstr(e.msg, "minh"));
	assert_non_null(strstr(e.msg, mc_role_label(MC_ROLE_CLERK)));
	assert_non_null(strstr(e.msg, mc_action_label(MC_ACT_APOLOGY)));
	assert_non_null(strstr(e.msg, mc_role_label(MC_ROLE_SUPERVISOR)));
	assert_non_null(strstr(e.msg, mc_role_label(MC_ROLE_ADMIN)));
	assert_null(strchr(e.msg, '\n'));
	assert_int_equal(mc_role_require(MC_ROLE_SUPERVISOR, MC_ACT_USERS, "lan", &e), MC_ERR_DENIED);
	assert_null(strstr(e.msg, mc_role_label(MC_ROLE_CLERK)));
	assert_int_equal(mc_role_require(MC_ROLE_NONE, MC_ACT_READ, NULL, &e), MC_ERR_DENIED);
	assert_int_equal(mc_role_require(MC_ROLE_ADMIN, MC_ACT_PURGE, "root", NULL), MC_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_require),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
