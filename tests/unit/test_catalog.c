/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Procedure catalogue CSV parser: the documented format (data/catalogue.md),
 * RFC 4180 quoting, malformed rows reported with their line number and
 * nothing returned, NFC names, and the sample catalogue data/catalogue.csv.
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

#define HEADER "code,name,field,level,limit,limit_unit,online_limit,online_limit_unit," \
               "same_day_cutoff,fee,documents,steps\n"
#define GOOD1 "1.001193,Đăng ký khai sinh,Hộ tịch,commune,,same-day,,,15:00,Miễn,Tờ khai|Giấy chứng sinh,\n"
#define GOOD2 "2.000488,\"Cấp Phiếu lý lịch tư pháp, công dân\",Lý lịch tư pháp,province,10,days,5,days,,200.000 đồng,\"Tờ khai; Bản chụp CCCD\",PNV:7 days;LD:2 days\n"

static void test_good_rows(void **state)
{
	(void)state;
	mc_procedure *p = NULL;
	size_t n = 99;
	mc_err e;
	mc_err_clear(&e);
	const char *text = "\xEF\xBB\xBF" HEADER "\r\n" GOOD1 "\n" GOOD2;
	if (mc_catalog_parse(text, "t.csv", &p, &n, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].code, "1.001193");
	assert_string_equal(p[0].name, "Đăng ký khai sinh");
	assert_string_equal(p[0].field, "Hộ tịch");
	assert_int_equal(p[0].level, MC_LEVEL_COMMUNE);
	assert_int_equal(p[0].limit.unit, MC_UNIT_SAME_DAY);
	assert_int_equal(p[0].limit.cutoff, 15 * 60);
	assert_false(p[0].has_online_limit);
	assert_int_equal(p[0].online_limit.unit, MC_UNIT_SAME_DAY);
	assert_int_equal(p[0].n_documents, 2);
	assert_string_equal(p[0].documents[1], "Giấy chứng sinh");
	assert_int_equal(p[0].n_steps, 0);
	assert_int_equal(p[0].line, 3);

	assert_string_equal(p[1].name, "Cấp Phiếu lý lịch tư pháp, công dân");
	assert_int_equal(p[1].level, MC_LEVEL_PROVINCE);
	assert_int_equal(p[1].limit.unit, MC_UNIT_DAYS);
	assert_int_equal(p[1].limit.amount, 10);
	assert_int_equal(p[1].limit.cutoff, -1);
	assert_true(p[1].has_online_limit);
	assert_int_equal(p[1].online_limit.amount, 5);
	assert_string_equal(p[1].fee, "200.000 đồng");
	assert_int_equal(p[1].n_documents, 2);
	assert_string_equal(p[1].documents[0], "Tờ khai");
	assert_string_equal(p[1].documents[1], "Bản chụp CCCD");
	assert_int_equal(p[1].n_steps, 2);
	assert_string_equal(p[1].steps[0].unit, "PNV");
	assert_int_equal(p[1].steps[0].budget.unit, MC_UNIT_DAYS);
	assert_int_equal(p[1].steps[0].budget.amount, 7);
	assert_string_equal(p[1].steps[1].unit, "LD");
	assert_int_equal(p[1].line, 5);

	char buf[128];
	mc_steps_format(p[1].steps, p[1].n_steps, buf, sizeof buf);
	assert_string_equal(buf, "PNV:7 days;LD:2 days");
	char *joined = mc_documents_join(p[1].documents, p[1].n_documents);
	assert_string_equal(joined, "Tờ khai\nBản chụp CCCD");
	char **docs;
	size_t nd;
	assert_int_equal(mc_documents_split(joined, &docs, &nd, &e), MC_OK);
	assert_int_equal(nd, 2);
	assert_string_equal(docs[1], "Bản chụp CCCD");
	mc_documents_free(docs, nd);
	free(joined);
	mc_catalog_free(p, n);
	mc_catalog_free(NULL, 0);
}

/* Optional columns may be left out, and columns come in any order. */
static void test_minimal_header(void **state)
{
	(void)state;
	mc_procedure *p;
	size_t n;
	mc_err e;
	const char *text = "Name,CODE,level,field,limit_unit,limit\n"
	                   "\"Tờ khai \"\"mẫu\"\"\n(2 dòng)\",1.000001,xã,Hộ tịch,hours,8\n"
	                   "Thủ tục B,1.000002,tỉnh,Đất đai,calendar-days,30\n";
	if (mc_catalog_parse(text, "m.csv", &p, &n, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "Tờ khai \"mẫu\"\n(2 dòng)");
	assert_int_equal(p[0].limit.unit, MC_UNIT_HOURS);
	assert_int_equal(p[0].limit.amount, 8);
	assert_int_equal(p[1].line, 4); /* the quoted cell spans lines 2-3 */
	assert_int_equal(p[1].limit.unit, MC_UNIT_CALENDAR_DAYS);
	assert_int_equal(p[1].level, MC_LEVEL_PROVINCE);
	assert_string_equal(p[1].fee, "");
	mc_catalog_free(p, n);

	/* A header alone is an empty catalogue. */
	assert_int_equal(mc_catalog_parse(HEADER, "h.csv", &p, &n, &e), MC_OK);
	assert_int_equal(n, 0);
	assert_null(p);
}

/* Decomposed input (some keyboards) is stored composed (NFC). */
static void test_nfc(void **state)
{
	(void)state;
	mc_procedure *p;
	size_t n;
	mc_err e;
	/* "Hộ tịch" with o + U+0323 + U+0302, i + U+0323. */
	const char *text = "code,name,field,level,limit,limit_unit\n"
	                   "1.000003,Đăng ky\xCC\x81 khai sinh,Ho\xCC\xA3\xCC\x82 ti\xCC\xA3\x63h,"
	                   "commune,1,days\n";
	if (mc_catalog_parse(text, "n.csv", &p, &n, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(p[0].name, "Đăng ký khai sinh");
	assert_string_equal(p[0].field, "Hộ tịch");
	mc_catalog_free(p, n);
}

static const struct {
	const char *what;
	const char *text;
	int line;          /* the line the message must name */
	const char *needle; /* and a word of the message */
} bad[] = {
    {"too few cells", HEADER GOOD1 "1.000010,Tên,Hộ tịch,commune,3,days\n", 3, "columns"},
    {"too many cells", HEADER GOOD1 GOOD2 "1.000010,a,b,commune,3,days,,,,,,,x\n", 4, "columns"},
    {"unquoted comma in name", HEADER "1.005092,Cấp bản sao văn bằng, chứng chỉ,Văn bằng,province,,same-day,,,,,,\n", 2, "columns"},
    {"bad unit", HEADER GOOD1 "1.000010,Tên,Hộ tịch,commune,3,weeks,,,,,,\n", 3, "weeks"},
    {"negative limit", HEADER "1.000010,Tên,Hộ tịch,commune,-3,days,,,,,,\n", 2, "-3"},
    {"zero limit", HEADER "1.000010,Tên,Hộ tịch,commune,0,days,,,,,,\n", 2, "0"},
    {"absurd limit", HEADER "1.000010,Tên,Hộ tịch,commune,99999,days,,,,,,\n", 2, "99999"},
    {"absurd hours", HEADER "1.000010,Tên,Hộ tịch,commune,20001,hours,,,,,,\n", 2, "20001"},
    {"limit not a number", HEADER "1.000010,Tên,Hộ tịch,commune,ba,days,,,,,,\n", 2, "ba"},
    {"empty name", HEADER GOOD1 GOOD2 "1.000010,  ,Hộ tịch,commune,3,days,,,,,,\n", 4, "name"},
    {"empty field", HEADER "1.000010,Tên,,commune,3,days,,,,,,\n", 2, "field"},
    {"duplicate code", HEADER GOOD1 GOOD2 "\n1.001193,Khác,Hộ tịch,commune,3,days,,,,,,\n", 5, "1.001193"},
    {"bad code", HEADER "abc,Tên,Hộ tịch,commune,3,days,,,,,,\n", 2, "abc"},
    {"empty code", HEADER ",Tên,Hộ tịch,commune,3,days,,,,,,\n", 2, "code"},
    {"bad level", HEADER "1.000010,Tên,Hộ tịch,district,3,days,,,,,,\n", 2, "district"},
    {"online limit without unit", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,2,,,,,\n", 2, "unit"},
    {"bad online unit", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,2,weeks,,,,\n", 2, "weeks"},
    {"bad cut-off", HEADER "1.000010,Tên,Hộ tịch,commune,,same-day,,,25:00,,,\n", 2, "25:00"},
    {"cut-off without same-day", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,15:00,,,\n", 2, "same-day"},
    {"amount on same-day", HEADER "1.000010,Tên,Hộ tịch,commune,5,same-day,,,,,,\n", 2, "5"},
    {"step without budget", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,,PNV\n", 2, "PNV"},
    {"step bad budget", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,,PNV:2 weeks\n", 2, "PNV"},
    {"step calendar budget", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,,PNV:2 calendar-days\n", 2, "PNV"},
    {"step bad unit code", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,,Phòng A:2 days\n", 2, "Phòng A"},
    {"unterminated quote", HEADER GOOD1 "1.000010,\"Tên,Hộ tịch,commune,3,days,,,,,,\n", 3, "quote"},
    {"stray quote", HEADER "1.000010,Tên \"x\",Hộ tịch,commune,3,days,,,,,,\n", 2, "quote"},
    {"text after quote", HEADER "1.000010,\"Tên\"x,Hộ tịch,commune,3,days,,,,,,\n", 2, "quote"},
    {"unknown column", "code,name,field,level,limit,limit_unit,colour\n", 1, "colour"},
    {"missing column", "code,name,field,level,limit\n", 1, "limit_unit"},
    {"column twice", "code,name,field,level,limit,limit_unit,name\n", 1, "name"},
    {"unknown kind of copy", HEADER GOOD1 "1.000010,Tên,Hộ tịch,commune,3,days,,,,,Tờ khai|Giấy khai sinh [1 bản gốc],\n", 3, "procedure 1.000010: document \"Giấy khai sinh [1 bản gốc]\": \"1 bản gốc\""},
    {"zero copies", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,Giấy khai sinh [0 bản sao],\n", 2, "1.000010"},
    {"too many copies", HEADER "1.000010,Tên,Hộ tịch,commune,3,days,,,,,Giấy khai sinh [100 bản sao],\n", 2, "100 copies"},
    {"unclosed bracket", HEADER GOOD1 GOOD2 "1.000010,Tên,Hộ tịch,commune,3,days,,,,,\"Hợp đồng [2 bản chính, 1 bản chụp\",\n", 4, "Hợp đồng [2 bản chính, 1 bản chụp\""},
    {"bad row after a multi-line cell", HEADER "1.000010,\"a\nb\nc\",Hộ tịch,commune,3,days,,,,,,\n1.000011,x,y,commune,3,days\n", 5, "columns"},
};

static void test_bad_rows(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_procedure *p = (mc_procedure *)&p;
		size_t n = 77;
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_catalog_parse(bad[i].text, "x.csv", &p, &n, &e);
		if (st == MC_OK)
			fail_msg("%s: accepted", bad[i].what);
		assert_null(p);
		assert_int_equal(n, 0);
		char want[64];
		snprintf(want, sizeof want, "x.csv, line %d:", bad[i].line);
		if (!strstr(e.msg, want))
			fail_msg("%s: expected \"%s\" in: %s", bad[i].what, want, e.msg);
		if (!strstr(e.msg, bad[i].needle))
			fail_msg("%s: expected \"%s\" in: %s", bad[i].what, bad[i].needle, e.msg);
	}
	mc_procedure *p;
	size_t n;
	mc_err e;
	assert_int_not_equal(mc_catalog_parse("", "empty.csv", &p, &n, &e), MC_OK);
	assert_non_null(strstr(e.msg, "empty.csv"));
}

static void test_sample_catalogue(void **state)
{
	(void)state;
	const char *root = getenv("MC_SOURCE_ROOT");
	char path[1024];
	snprintf(path, sizeof path, "%s/data/catalogue.csv", root ? root : ".");
	mc_procedure *p;
	size_t n;
	mc_err e;
	mc_err_clear(&e);
	if (mc_catalog_load_file(path, &p, &n, &e) != MC_OK)
		fail_msg("%s", e.msg);
	assert_true(n >= 40);
	size_t province = 0, commune = 0, same_day = 0, with_steps = 0;
	const char *fields[64];
	size_t nfields = 0;
	for (size_t i = 0; i < n; i++) {
		province += p[i].level == MC_LEVEL_PROVINCE;
		commune += p[i].level == MC_LEVEL_COMMUNE;
		same_day += p[i].limit.unit == MC_UNIT_SAME_DAY;
		with_steps += p[i].n_steps > 0;
		assert_true(p[i].n_documents > 0);
		size_t k;
		for (k = 0; k < nfields; k++)
			if (strcmp(fields[k], p[i].field) == 0)
				break;
		if (k == nfields && nfields < 64)
			fields[nfields++] = p[i].field;
	}
	assert_true(province >= 15);
	assert_true(commune >= 15);
	assert_true(same_day >= 3);
	assert_true(nfields >= 8);
	assert_int_equal(with_steps, n);
	size_t stated = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < p[i].n_documents; k++) {
			mc_doc_item it;
			if (mc_doc_item_parse(p[i].documents[k], &it, &e) != MC_OK)
				fail_msg("%s", e.msg);
			stated += it.stated;
		}
	assert_true(stated >= 4);
	mc_catalog_free(p, n);

	assert_int_equal(mc_catalog_load_file("/nonexistent/c.csv", &p, &n, &e), MC_ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/c.csv"));
}

static void test_levels_and_steps(void **state)
{
	(void)state;
	mc_level l;
	mc_err e;
	assert_int_equal(mc_level_parse("commune", &l, &e), MC_OK);
	assert_int_equal(l, MC_LEVEL_COMMUNE);
	assert_string_equal(mc_level_name(l), "commune");
	assert_int_not_equal(mc_level_parse("huyện", &l, &e), MC_OK);
	assert_non_null(strstr(e.msg, "huyện"));
	mc_step *s;
	size_t n;
	assert_int_equal(mc_steps_parse("", &s, &n, &e), MC_OK);
	assert_int_equal(n, 0);
	assert_int_equal(mc_steps_parse(" MC : 4 hours ; LD:1 days;", &s, &n, &e), MC_OK);
	assert_int_equal(n, 2);
	assert_string_equal(s[0].unit, "MC");
	assert_int_equal(s[0].budget.unit, MC_UNIT_HOURS);
	char buf[8];
	mc_steps_format(s, n, buf, sizeof buf); /* truncated, still terminated */
	assert_true(strlen(buf) < sizeof buf);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good_rows),        cmocka_unit_test(test_minimal_header),
	    cmocka_unit_test(test_nfc),              cmocka_unit_test(test_bad_rows),
	    cmocka_unit_test(test_sample_catalogue), cmocka_unit_test(test_levels_and_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
