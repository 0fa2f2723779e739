/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The copies a catalogue document requires (mc_doc_item_parse, catalog.h):
 * explicit brackets of one or several kinds, spelled with or without marks
 * and in any case, the rule of the name when there is no bracket, the words
 * printed on the forms, and every malformed bracket refused with a message
 * that quotes the item and the bad text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/catalog.h"

static const struct {
	const char *item;
	const char *name; /* the display name */
	int originals, certified, copies;
	bool stated;
} good[] = {
    {"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp [1 bản chính]",
     "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", 1, 0, 0, true},
    {"Giấy khai sinh [1 bản sao]", "Giấy khai sinh", 0, 1, 0, true},
    {"Giấy khai sinh [1 bản sao chứng thực]", "Giấy khai sinh", 0, 1, 0, true},
    {"Giấy khai sinh [2 bản sao có chứng thực]", "Giấy khai sinh", 0, 2, 0, true},
    {"Hợp đồng [2 bản chính, 1 bản chụp]", "Hợp đồng", 2, 0, 1, true},
    {"Hợp đồng [1 bản chụp,2 bản chính , 3 bản sao]", "Hợp đồng", 2, 3, 1, true},
    {"Bản vẽ [99 bản chính]", "Bản vẽ", 99, 0, 0, true},
    /* diacritics-free, upper case, extra blanks, trailing blanks after the bracket */
    {"Hộ chiếu   [1 ban chinh, 1 BAN CHUP]  ", "Hộ chiếu", 1, 0, 1, true},
    {"Hộ chiếu [1 Bản Sao Chứng Thực]", "Hộ chiếu", 0, 1, 0, true},
    {"Căn cước [01  bản   chụp]", "Căn cước", 0, 0, 1, true},
    /* decomposed marks (NFD) are folded the same way */
    {"Căn cước [1 ba\xcc\x89n chu\xcc\xa3p]", "Căn cước", 0, 0, 1, true},
    /* a bracket overrides the name rule */
    {"Bản sao cần chứng thực [1 bản chụp]", "Bản sao cần chứng thực", 0, 0, 1, true},
    /* the name rule */
    {"Bản sao Giấy khai sinh", "Bản sao Giấy khai sinh", 0, 1, 0, false},
    {"bản sao hộ chiếu", "bản sao hộ chiếu", 0, 1, 0, false},
    {"BAN SAO ho chieu", "BAN SAO ho chieu", 0, 1, 0, false},
    {"Bản chụp Căn cước hoặc Hộ chiếu", "Bản chụp Căn cước hoặc Hộ chiếu", 0, 0, 1, false},
    {"Bản chính giấy phép xây dựng", "Bản chính giấy phép xây dựng", 1, 0, 0, false},
    {"Tờ khai đăng ký khai sinh", "Tờ khai đăng ký khai sinh", 1, 0, 0, false},
    {"Bản saoX không phải bản sao", "Bản saoX không phải bản sao", 1, 0, 0, false},
    {"Bản", "Bản", 1, 0, 0, false},
    {"Văn bản ủy quyền (nếu ủy quyền)", "Văn bản ủy quyền (nếu ủy quyền)", 1, 0, 0, false},
};

static void test_good(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		mc_doc_item it;
		mc_err e;
		mc_err_clear(&e);
		if (mc_doc_item_parse(good[i].item, &it, &e) != MC_OK)
			fail_msg("%s: refused: %s", good[i].item, e.msg);
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)it.name_len, good[i].item);
		if (strcmp(name, good[i].name) != 0)
			fail_msg("%s: name \"%s\", want \"%s\"", good[i].item, name, good[i].name);
		if (it.originals != good[i].originals || it.certified != good[i].certified ||
		    it.copies != good[i].copies)
			fail_msg("%s: %d/%d/%d, want %d/%d/%d", good[i].item, it.originals,
			         it.certified, it.copies, good[i].originals, good[i].certified,
			         good[i].copies);
		assert_int_equal(it.stated, good[i].stated);
	}
}

static const struct {
	const char *item;
	const char *needle; /* the bad text the message must quote */
} bad[] = {
    {"Giấy khai sinh [1 bản gốc]", "1 bản gốc"},
    {"Giấy khai sinh [1 bản]", "1 bản"},
    {"Giấy khai sinh [1 photocopy]", "photocopy"},
    {"Giấy khai sinh [0 bản sao]", "0"},
    {"Giấy khai sinh [100 bản sao]", "100"},
    {"Giấy khai sinh [99999999999999999999999 bản sao]", "99999999999999999999"},
    {"Giấy khai sinh [bản sao]", "bản sao"},
    {"Giấy khai sinh [-1 bản sao]", "-1 bản sao"},
    {"Giấy khai sinh [1 bản sao", "never closed"},
    {"Giấy khai sinh [1 bản sao [2 bản chính]", "never closed"},
    {"Giấy khai sinh [1 bản sao] (nếu có)", "(nếu có)"},
    {"Giấy khai sinh [1 bản sao] [1 bản chính]", "[1 bản chính]"},
    {"Giấy khai sinh 1 bản sao]", "]"},
    {"Giấy ] khai sinh [1 bản sao]", "]"},
    {"Giấy khai sinh []", "\"\""},
    {"Giấy khai sinh [1 bản sao, ]", "\"\""},
    {"Giấy khai sinh [1 bản chính, 2 ban chinh]", "2 ban chinh"},
    {"Giấy khai sinh [1 bản sao, 1 bản sao chứng thực]", "1 bản sao chứng thực"},
    {"[1 bản chính]", "no name"},
    {"   [1 bản chính]", "no name"},
};

static void test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_doc_item it;
		memset(&it, 0x55, sizeof it);
		mc_err e;
		mc_err_clear(&e);
		if (mc_doc_item_parse(bad[i].item, &it, &e) == MC_OK)
			fail_msg("%s: accepted", bad[i].item);
		if (!strstr(e.msg, bad[i].item))
			fail_msg("%s: the message does not quote the item: %s", bad[i].item, e.msg);
		if (!strstr(e.msg, bad[i].needle))
			fail_msg("%s: expected \"%s\" in: %s", bad[i].item, bad[i].needle, e.msg);
		/* nothing half-parsed is left */
		assert_int_equal(it.originals + it.certified + it.copies, 0);
		assert_int_equal(it.name_len, 0);
	}
}

static void test_words(void **state)
{
	(void)state;
	mc_doc_item it;
	mc_err e;
	char buf[128];
	assert_int_equal(mc_doc_item_parse("Hợp đồng [2 bản chính, 1 bản chụp]", &it, &e), MC_OK);
	mc_doc_item_words(&it, true, buf, sizeof buf);
	assert_string_equal(buf, "2 bản chính, 1 bản chụp");
	mc_doc_item_words(&it, false, buf, sizeof buf); /* no translation loaded: English */
	assert_string_equal(buf, "2 originals, 1 photocopy");
	assert_int_equal(mc_doc_item_parse("Bản sao Giấy khai sinh", &it, &e), MC_OK);
	mc_doc_item_words(&it, true, buf, sizeof buf);
	assert_string_equal(buf, "1 bản sao chứng thực");
	mc_doc_item_words(&it, false, buf, sizeof buf);
	assert_string_equal(buf, "1 certified copy");
	assert_int_equal(mc_doc_item_parse("X [1 ban chinh, 3 ban sao, 2 ban chup]", &it, &e), MC_OK);
	mc_doc_item_words(&it, true, buf, sizeof buf);
	assert_string_equal(buf, "1 bản chính, 3 bản sao chứng thực, 2 bản chụp");
	char small[10];
	mc_doc_item_words(&it, true, small, sizeof small); /* truncated, still terminated */
	assert_true(strlen(small) < sizeof small);
	mc_doc_item none = {0};
	mc_doc_item_words(&none, true, buf, sizeof buf);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
