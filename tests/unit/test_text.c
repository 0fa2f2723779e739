/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unicode helpers with Vietnamese text: NFC, folding (đ included, composed
 * and decomposed input), sanitising escape sequences, display widths and
 * grapheme-safe truncation.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/text.h"

/* "Nguyễn Văn Đức" composed (NFC) and decomposed (NFD). */
#define NAME_NFC "Nguy\xE1\xBB\x85n V\xC4\x83n \xC4\x90\xE1\xBB\xA9" "c"
#define NAME_NFD "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n \xC4\x90u\xCC\x9B\xCC\x81" "c"

static void check_fold(const char *in, const char *want)
{
	char *got = mc_text_fold(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_fold(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{NAME_NFC, "nguyen van duc"},
		{NAME_NFD, "nguyen van duc"},
		{"\xC4\x90\xE1\xBA\xB6NG TH\xE1\xBB\x8A", "dang thi"},          /* ĐẶNG THỊ */
		{"  \xC4\x91\xC6\xB0\xE1\xBB\x9Dng\t\tPH\xE1\xBB\x90  ", "duong pho"}, /* đường PHỐ */
		{"Tr\xE1\xBA\xA7n\xC2\xA0Th\xE1\xBB\x8B\n\nH\xE1\xBB\x93ng", "tran thi hong"},
		{"", ""},
		{"   ", ""},
		{"ABC-123", "abc-123"},
		{"\xC6\xA0\xC6\xAF", "ou"}, /* ƠƯ: the horn is a mark */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_fold(cases[i].in, cases[i].want);
	/* Composed and decomposed inputs fold to the same key. */
	char *a = mc_text_fold(NAME_NFC), *b = mc_text_fold(NAME_NFD);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_null(mc_text_fold("bad \xC3"));
	assert_null(mc_text_fold(NULL));
}

static void test_nfc(void **state)
{
	(void)state;
	char *n = mc_text_nfc(NAME_NFD);
	assert_non_null(n);
	assert_string_equal(n, NAME_NFC);
	free(n);
	n = mc_text_nfc(NAME_NFC);
	assert_string_equal(n, NAME_NFC);
	free(n);
	assert_null(mc_text_nfc("\xC0\x80"));       /* overlong NUL */
	assert_null(mc_text_nfc("\xED\xA0\x80"));   /* surrogate */
	assert_null(mc_text_nfc("\xFF"));
}

static void test_valid(void **state)
{
	(void)state;
	assert_true(mc_text_valid_utf8(""));
	assert_true(mc_text_valid_utf8(NAME_NFC));
	assert_true(mc_text_valid_utf8(NAME_NFD));
	assert_false(mc_text_valid_utf8("\xE1\xBB"));
	assert_false(mc_text_valid_utf8("a\x80" "b"));
	assert_false(mc_text_valid_utf8(NULL));
}

static void check_sanitize(const char *in, unsigned flags, const char *want)
{
	char *got = mc_text_sanitize(in, flags);
	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(mc_text_valid_utf8(got));
	free(got);
}

#define FFFD "\xEF\xBF\xBD"

static void test_sanitize(void **state)
{
	(void)state;
	check_sanitize(NAME_NFC, 0, NAME_NFC);
	check_sanitize("a\x1b[31mred\x1b[0m", 0, "a" FFFD "red" FFFD);
	check_sanitize("t\x1b]0;title\x07x", 0, "t" FFFD "x");       /* OSC to BEL */
	check_sanitize("t\x1b]8;;http://x\x1b\\y", 0, "t" FFFD "y"); /* OSC to ST */
	check_sanitize("a\x1b" "cb", 0, "a" FFFD "b");                 /* RIS */
	check_sanitize("x\x9b" "2J", 0, "x" FFFD "2J"); /* a lone byte 0x9b is invalid UTF-8 */
	check_sanitize("x\xC2\x9b" "2Jy", 0, "x" FFFD "y"); /* U+009B CSI */
	check_sanitize("a\tb\x07" "c\x7f", 0, "a b" FFFD "c" FFFD);
	check_sanitize("l1\r\nl2\nl3", 0, "l1 l2 l3");
	check_sanitize("l1\r\nl2\rl3", MC_TEXT_KEEP_NEWLINES, "l1\nl2\nl3");
	check_sanitize("abc\xE2\x80\xAE" "fdp.exe", 0, "abc" FFFD "fdp.exe"); /* RLO */
	check_sanitize("bad\xC3(", 0, "bad" FFFD "(");
	check_sanitize("", 0, "");
	assert_null(mc_text_sanitize(NULL, 0));
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(mc_text_width(""), 0);
	assert_int_equal(mc_text_width("abc"), 3);
	assert_int_equal(mc_text_width(NAME_NFC), 14);
	assert_int_equal(mc_text_width(NAME_NFD), 14);    /* combining marks take no column */
	assert_int_equal(mc_text_width("\xE4\xB8\xAD\xE6\x96\x87"), 4); /* 中文: wide */
	assert_int_equal(mc_text_width("a\xFF" "b"), 3);  /* invalid byte shown as one */
}

static void test_fit(void **state)
{
	(void)state;
	int used = -1;
	/* "Đức" decomposed: Đ, u + horn + acute, c. */
	const char *duc = "\xC4\x90u\xCC\x9B\xCC\x81" "c";
	assert_int_equal(mc_text_fit(duc, 1, &used), 2);
	assert_int_equal(used, 1);
	/* Two columns: the u keeps both its marks. */
	assert_int_equal(mc_text_fit(duc, 2, &used), 2 + 1 + 2 + 2);
	assert_int_equal(used, 2);
	assert_int_equal(mc_text_fit(duc, 3, &used), strlen(duc));
	assert_int_equal(used, 3);
	assert_int_equal(mc_text_fit(duc, 99, &used), strlen(duc));
	assert_int_equal(mc_text_fit(duc, 0, &used), 0);
	assert_int_equal(used, 0);

	/* The decomposed name cut at 6 columns: "Nguyễn" with both marks on the e. */
	size_t n = mc_text_fit(NAME_NFD, 6, &used);
	assert_int_equal(n, strlen("Nguye\xCC\x82\xCC\x83n"));
	assert_int_equal(used, 6);
	/* A wide character is never split across the limit. */
	assert_int_equal(mc_text_fit("a\xE4\xB8\xAD" "b", 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(mc_text_fit("a\xE4\xB8\xAD" "b", 3, &used), 4);
	assert_int_equal(used, 3);
	/* A prefix width always equals mc_text_width of that prefix. */
	for (int cols = 0; cols <= 16; cols++) {
		size_t k = mc_text_fit(NAME_NFD, cols, &used);
		char *pre = strndup(NAME_NFD, k);
		assert_int_equal(mc_text_width(pre), used);
		assert_true(used <= cols);
		free(pre);
	}
}

/* The same results under the plain C locale (utf8proc decides widths). */
static void test_width_c_locale(void **state)
{
	(void)state;
	setlocale(LC_CTYPE, "C");
	assert_int_equal(mc_text_width(NAME_NFD), 14);
	int used;
	assert_int_equal(mc_text_fit(NAME_NFD, 6, &used), strlen("Nguye\xCC\x82\xCC\x83n"));
	assert_int_equal(used, 6);
	setlocale(LC_CTYPE, "C.UTF-8");
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),     cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_valid),    cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_width),    cmocka_unit_test(test_fit),
		cmocka_unit_test(test_width_c_locale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
