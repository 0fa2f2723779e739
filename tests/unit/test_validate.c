/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Table-driven tests of the typed-field validators (domain.md §7), the agency
 * identifier and the dossier-code pattern.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/validate.h"

typedef struct {
	const char *in;
	mc_status want;
	const char *out;  /* normalised form when MC_OK */
	int warn;         /* ID: unknown province prefix expected */
	const char *says; /* a piece the error message must contain */
} vcase;

static void test_id_number(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"001099012345", MC_OK, "001099012345", 0, NULL},
		{"079 201 012345", MC_OK, "079201012345", 0, NULL},   /* spaces removed */
		{" 038185000123 ", MC_OK, "038185000123", 0, NULL},
		{"096301999999", MC_OK, "096301999999", 0, NULL},     /* 2001, female */
		{"003099012345", MC_OK, "003099012345", 1, NULL},     /* 003: not a province */
		{"097099012345", MC_OK, "097099012345", 1, NULL},
		{"840199012345", MC_OK, "840199012345", 1, NULL},     /* born abroad */
		{"123456789", MC_OK, "123456789", 0, NULL},           /* old CMND */
		{"001499012345", MC_ERR_INVALID, NULL, 0, "4th digit"}, /* 2100s */
		{"001999012345", MC_ERR_INVALID, NULL, 0, "4th digit"},
		{"00109901234", MC_ERR_INVALID, NULL, 0, "has 11 digits"},
		{"0010990123456", MC_ERR_INVALID, NULL, 0, "has 13 digits"},
		{"12345678", MC_ERR_INVALID, NULL, 0, "has 8 digits"},
		{"0010990123A5", MC_ERR_INVALID, NULL, 0, "only digits"},
		{"001-099-012345", MC_ERR_INVALID, NULL, 0, "only digits"},
		{"", MC_ERR_INVALID, NULL, 0, "empty"},
		{"   ", MC_ERR_INVALID, NULL, 0, "empty"},
		{"0010990123450010990123450010990123450", MC_ERR_INVALID, NULL, 0, "too long"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		char out[MC_ID_NUMBER_SIZE] = "unchanged";
		bool warn = true;
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_id_number(c->in, out, &warn, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st == MC_OK) {
			assert_string_equal(out, c->out);
			assert_int_equal(warn, c->warn);
		} else {
			assert_string_equal(out, "unchanged");
			if (!strstr(e.msg, c->says))
				fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, c->says);
			/* The sentence names the value and the expected lengths. */
			if (c->in[0] != ' ' && c->in[0] && strlen(c->in) < 40)
				assert_non_null(strstr(e.msg, c->in));
			if (strcmp(c->says, "4th digit") != 0)
				assert_non_null(strstr(e.msg, "12 digits"));
		}
	}
	/* warn may be NULL. */
	char out[MC_ID_NUMBER_SIZE];
	assert_int_equal(mc_validate_id_number("003099012345", out, NULL, NULL), MC_OK);
}

static void test_id_details(void **state)
{
	(void)state;
	bool female = false;
	assert_int_equal(mc_id_birth_year("001099012345", &female), 1999);
	assert_false(female);
	assert_int_equal(mc_id_birth_year("001305012345", &female), 2005);
	assert_true(female);
	assert_int_equal(mc_id_birth_year("001199012345", &female), 1999);
	assert_true(female);
	assert_int_equal(mc_id_birth_year("001505012345", NULL), -1);
	assert_int_equal(mc_id_birth_year("123456789", NULL), -1);
	assert_true(mc_id_province_known("096000000000"));
	assert_false(mc_id_province_known("003000000000"));
	assert_false(mc_id_province_known("1"));
}

static void test_phone(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"0912345678", MC_OK, "0912345678", 0, NULL},
		{"091 234 5678", MC_OK, "0912345678", 0, NULL},
		{"091.234.5678", MC_OK, "0912345678", 0, NULL},
		{"091-234-5678", MC_OK, "0912345678", 0, NULL},
		{"+84912345678", MC_OK, "0912345678", 0, NULL},
		{"+84 91 234 5678", MC_OK, "0912345678", 0, NULL},
		{"84912345678", MC_OK, "0912345678", 0, NULL},
		{"0312345678", MC_OK, "0312345678", 0, NULL},
		{"0512345678", MC_OK, "0512345678", 0, NULL},
		{"0712345678", MC_OK, "0712345678", 0, NULL},
		{"0812345678", MC_OK, "0812345678", 0, NULL},
		{"02513822222", MC_OK, "02513822222", 0, NULL},   /* landline */
		{"(0251) 382 2222", MC_OK, "02513822222", 0, NULL},
		{"+842513822222", MC_OK, "02513822222", 0, NULL},
		{"0112345678", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"0412345678", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"091234567", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"09123456789", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"0251382222", MC_ERR_INVALID, NULL, 0, "02"},
		{"+14155550100", MC_ERR_INVALID, NULL, 0, "+84"},
		{"09123x5678", MC_ERR_INVALID, NULL, 0, "only digits"},
		{"", MC_ERR_INVALID, NULL, 0, "10 digits"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		char out[MC_PHONE_SIZE] = "unchanged";
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_phone(c->in, out, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st == MC_OK) {
			assert_string_equal(out, c->out);
		} else {
			assert_string_equal(out, "unchanged");
			if (!strstr(e.msg, c->says) || !strstr(e.msg, c->in))
				fail_msg("case %zu: \"%s\" lacks \"%s\" or the value", i, e.msg, c->says);
		}
	}
}

static void test_tax_code(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"0301234567", MC_OK, "0301234567", 0, NULL},
		{"0301234567-001", MC_OK, "0301234567-001", 0, NULL},
		{" 0301234567 - 001", MC_OK, "0301234567-001", 0, NULL},
		{"0301234567001", MC_OK, "0301234567-001", 0, NULL},
		{"001099012345", MC_OK, "001099012345", 0, NULL}, /* personal ID */
		{"030123456", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"0301234567-01", MC_ERR_INVALID, NULL, 0, "10 digits"},
		{"0301234567_001", MC_ERR_INVALID, NULL, 0, "dependent unit"},
		{"03012345AB", MC_ERR_INVALID, NULL, 0, "12-digit"},
		{"", MC_ERR_INVALID, NULL, 0, "10 digits"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		char out[MC_TAX_CODE_SIZE] = "unchanged";
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_tax_code(c->in, out, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st == MC_OK)
			assert_string_equal(out, c->out);
		else if (!strstr(e.msg, c->says) || !strstr(e.msg, c->in))
			fail_msg("case %zu: \"%s\" lacks \"%s\" or the value", i, e.msg, c->says);
	}
}

static void test_email(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"nguyen.van.a@gmail.com", MC_OK, "nguyen.van.a@gmail.com", 0, NULL},
		{"  Hoa.Tran@DongNai.GOV.VN ", MC_OK, "Hoa.Tran@dongnai.gov.vn", 0, NULL},
		{"a+tag@sub-domain.example.vn", MC_OK, "a+tag@sub-domain.example.vn", 0, NULL},
		{"plain", MC_ERR_INVALID, NULL, 0, "name@"},
		{"@example.vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@b", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@@b.vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a b@c.vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@-c.vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@c..vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@c.v", MC_ERR_INVALID, NULL, 0, "name@"},
		{"a@c.123", MC_ERR_INVALID, NULL, 0, "name@"},
		{".a@c.vn", MC_ERR_INVALID, NULL, 0, "name@"},
		{"", MC_ERR_INVALID, NULL, 0, "name@"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		char out[MC_EMAIL_SIZE] = "unchanged";
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_email(c->in, out, sizeof out, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st == MC_OK)
			assert_string_equal(out, c->out);
		else if (!strstr(e.msg, c->says) || !strstr(e.msg, c->in))
			fail_msg("case %zu: \"%s\" lacks \"%s\" or the value", i, e.msg, c->says);
	}
	char small[8];
	assert_int_equal(mc_validate_email("abc@example.vn", small, sizeof small, NULL),
	                 MC_ERR_INVALID);
}

static void test_agency_code(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"000.00.31.H29", MC_OK, "000.00.31.H29", 0, NULL},
		{"000.00.31.h29", MC_OK, "000.00.31.H29", 0, NULL},
		{"000.00.00.G01", MC_OK, "000.00.00.G01", 0, NULL},
		{"000.00.31.H2", MC_ERR_INVALID, NULL, 0, "000.00.31.H29"},
		{"000.00.31.129", MC_ERR_INVALID, NULL, 0, "capital letter"},
		{"000-00-31-H29", MC_ERR_INVALID, NULL, 0, "capital letter"},
		{"0000031H29", MC_ERR_INVALID, NULL, 0, "000.00.31.H29"},
		{"", MC_ERR_INVALID, NULL, 0, "000.00.31.H29"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		char out[14] = "unchanged";
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_agency_code(c->in, out, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st == MC_OK)
			assert_string_equal(out, c->out);
		else if (!strstr(e.msg, c->says))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, c->says);
	}
}

static void test_code_pattern(void **state)
{
	(void)state;
	static const vcase cases[] = {
		{"{agency}-{yymmdd}-{seq:4}", MC_OK, NULL, 0, NULL},
		{"HS{yyyy}{mm}{dd}.{seq:6}", MC_OK, NULL, 0, NULL},
		{"{yy}{mm}{dd}{seq:1}", MC_OK, NULL, 0, NULL},
		{"{agency}-{yymmdd}", MC_ERR_INVALID, NULL, 0, "no {seq:N}"},
		{"{agency}-{yymmdd}-{seq:4}-{seq:2}", MC_ERR_INVALID, NULL, 0, "more than one"},
		{"{agency}-{seq:4}", MC_ERR_INVALID, NULL, 0, "no full date"},
		{"{yyyy}{mm}-{seq:4}", MC_ERR_INVALID, NULL, 0, "no full date"},
		{"{agency}-{yymmdd}-{seq:0}", MC_ERR_INVALID, NULL, 0, "from 1 to 9"},
		{"{agency}-{yymmdd}-{seq}", MC_ERR_INVALID, NULL, 0, "from 1 to 9"},
		{"{agency}-{yymmdd}-{seq:12}", MC_ERR_INVALID, NULL, 0, "from 1 to 9"},
		{"{agency}-{date}-{seq:4}", MC_ERR_INVALID, NULL, 0, "unknown placeholder \"{date}\""},
		{"{agency-{yymmdd}-{seq:4}", MC_ERR_INVALID, NULL, 0, "unknown placeholder"},
		{"{agency}-{yymmdd}-{seq:4", MC_ERR_INVALID, NULL, 0, "without its \"}\""},
		{"{agency}}-{yymmdd}-{seq:4}", MC_ERR_INVALID, NULL, 0, "without its \"{\""},
		{"{agency} {yymmdd} {seq:4}", MC_ERR_INVALID, NULL, 0, "may not be used"},
		{"{agency}/{yymmdd}/{seq:4}", MC_ERR_INVALID, NULL, 0, "may not be used"},
		{"", MC_ERR_INVALID, NULL, 0, "no {seq:N}"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const vcase *c = &cases[i];
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_validate_code_pattern(c->in, &e);
		if (st != c->want)
			fail_msg("case %zu \"%s\": status %d, message %s", i, c->in, st, e.msg);
		if (st != MC_OK && !strstr(e.msg, c->says))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, e.msg, c->says);
	}
	assert_true(mc_code_pattern_uses_agency("{agency}-{yymmdd}-{seq:4}"));
	assert_false(mc_code_pattern_uses_agency("HS{yymmdd}{seq:4}"));
}

static void test_code_format(void **state)
{
	(void)state;
	char out[64];
	mc_err e;
	assert_int_equal(mc_code_format("{agency}-{yymmdd}-{seq:4}", "000.00.31.H29", 2019, 11, 20,
	                                7, out, sizeof out, &e),
	                 MC_OK);
	assert_string_equal(out, "000.00.31.H29-191120-0007");
	assert_int_equal(mc_code_format("HS{yyyy}{mm}{dd}.{seq:6}", NULL, 2026, 1, 5, 123456, out,
	                                sizeof out, &e),
	                 MC_OK);
	assert_string_equal(out, "HS20260105.123456");
	assert_int_equal(mc_code_format("{yy}{mm}{dd}-{seq:2}", "", 2000, 2, 29, 99, out, sizeof out,
	                                &e),
	                 MC_OK);
	assert_string_equal(out, "000229-99");
	/* Sequence overflow and a too small buffer are refused. */
	assert_int_equal(mc_code_format("{yymmdd}-{seq:2}", "", 2025, 1, 1, 100, out, sizeof out, &e),
	                 MC_ERR_RANGE);
	assert_non_null(strstr(e.msg, "100"));
	assert_int_equal(mc_code_format("{yymmdd}-{seq:2}", "", 2025, 1, 1, 0, out, sizeof out, &e),
	                 MC_ERR_RANGE);
	assert_int_equal(mc_code_format("{agency}-{yymmdd}-{seq:4}", "000.00.31.H29", 2019, 11, 20,
	                                1, out, 10, &e),
	                 MC_ERR_RANGE);
	assert_int_equal(mc_code_format("{agency}-{seq:4}", "x", 2019, 11, 20, 1, out, sizeof out,
	                                &e),
	                 MC_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_number),  cmocka_unit_test(test_id_details),
		cmocka_unit_test(test_phone),      cmocka_unit_test(test_tax_code),
		cmocka_unit_test(test_email),      cmocka_unit_test(test_agency_code),
		cmocka_unit_test(test_code_pattern), cmocka_unit_test(test_code_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
