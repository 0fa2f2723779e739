/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The form template engine (template.h) and the document date parts
 * (docdate.h): parsing, field checks (unknown or missing fields are errors
 * naming field and line), lists, copies, escapes, sanitising, NFC, and the
 * Decree 30 leading-zero rules. Every shipped template parses and uses only
 * the fields documented in assets/templates/README.md.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/docdate.h"
#include "motcua/template.h"

static mc_template *parse(const char *text, mc_err *e)
{
	mc_template *t = NULL;
	mc_status st = mc_template_parse(text, strlen(text), "t.tpl", &t, e);
	if (st != MC_OK)
		return NULL;
	return t;
}

static void test_docdate(void **state)
{
	(void)state;
	char buf[128];
	mc_time t = mc_time_make(mc_date_from_ymd(2026, 1, 5), 8 * 60 + 7);
	mc_docdate_format(t, "ngày {d} tháng {m} năm {y}, {H} giờ {M} phút", buf, sizeof buf);
	assert_string_equal(buf, "ngày 05 tháng 01 năm 2026, 08 giờ 07 phút");
	mc_docdate p;
	mc_docdate_from_date(mc_date_from_ymd(2025, 2, 9), &p);
	assert_string_equal(p.month, "02");
	assert_string_equal(p.day, "09");
	mc_docdate_from_date(mc_date_from_ymd(2025, 3, 10), &p);
	assert_string_equal(p.month, "3"); /* no zero from March on */
	assert_string_equal(p.day, "10");
	mc_docdate_from_date(mc_date_from_ymd(2025, 12, 31), &p);
	assert_string_equal(p.month, "12");
	assert_string_equal(p.year, "2025");
	/* truncation keeps the buffer terminated and reports the needed length */
	size_t need = mc_docdate_format(t, "{d}/{m}/{y}", buf, 4);
	assert_int_equal(need, 10);
	assert_string_equal(buf, "05/");
	char num[16];
	mc_docnum_format(5, num);
	assert_string_equal(num, "05");
	mc_docnum_format(0, num);
	assert_string_equal(num, "00");
	mc_docnum_format(10, num);
	assert_string_equal(num, "10");
	mc_docnum_format(123, num);
	assert_string_equal(num, "123");
}

static void test_expand_fields_and_lists(void **state)
{
	(void)state;
	mc_err e;
	mc_template *t = parse(".page A5 landscape\n.size 11\n.para\nKính gửi: **{name}**, __{place}__\n"
	                       "dòng hai \\{x\\} \\| a\\nb\n\nđoạn hai\n"
	                       ".table cols=10,90 header=1\nSTT | Tên\n{#docs}\n{.n} | {title} ({name})\n{/docs}\n"
	                       "{^docs}\n| không có\n{/docs}\n",
	                       &e);
	assert_non_null(t);
	const mc_tpl_page *pg = mc_template_page(t);
	assert_true(pg->width_mm == 210 && pg->height_mm == 148);
	assert_true(pg->size_pt == 11);
	mc_form_data *d = mc_form_data_new();
	assert_int_equal(mc_form_set(d, "name", "An"), MC_OK);
	assert_int_equal(mc_form_set(d, "place", "Huế"), MC_OK);
	mc_form_row *r = mc_form_add_row(d, "docs");
	assert_non_null(r);
	assert_int_equal(mc_form_row_set(r, "title", "Tờ khai"), MC_OK);
	r = mc_form_add_row(d, "docs");
	assert_int_equal(mc_form_row_setf(r, "title", "Bản %s", "sao"), MC_OK);
	assert_int_equal(mc_form_row_set(r, "name", "row-level"), MC_OK);
	assert_int_equal(mc_form_list_len(d, "docs"), 2);
	mc_doc *doc;
	assert_int_equal(mc_template_expand(t, d, &doc, &e), MC_OK);
	assert_int_equal(doc->nblocks, 2);
	assert_int_equal(doc->blocks[0].nlines, 2); /* two paragraphs */
	assert_string_equal(doc->blocks[0].lines[0].cells[0],
	                    "Kính gửi: \x01" "An\x01, \x02Huế\x02 dòng hai {x} | a\nb");
	assert_string_equal(doc->blocks[0].lines[1].cells[0], "đoạn hai");
	const mc_doc_block *tb = &doc->blocks[1];
	assert_int_equal(tb->nlines, 3);
	assert_int_equal(tb->lines[0].ncells, 2);
	assert_string_equal(tb->lines[1].cells[0], "1");
	assert_string_equal(tb->lines[1].cells[1], "Tờ khai (An)");
	assert_string_equal(tb->lines[2].cells[0], "2");
	assert_string_equal(tb->lines[2].cells[1], "Bản sao (row-level)"); /* row wins */
	mc_doc_free(doc);

	/* empty list: the {^docs} section shows instead */
	mc_form_data *d2 = mc_form_data_new();
	mc_form_set(d2, "name", "An");
	mc_form_set(d2, "place", "Huế");
	mc_form_list(d2, "docs");
	assert_int_equal(mc_template_expand(t, d2, &doc, &e), MC_OK);
	assert_int_equal(doc->blocks[1].nlines, 2);
	assert_string_equal(doc->blocks[1].lines[1].cells[1], "không có");
	mc_doc_free(doc);

	/* missing list and missing field are errors naming name and line */
	mc_form_data *d3 = mc_form_data_new();
	mc_form_set(d3, "name", "An");
	assert_int_equal(mc_template_expand(t, d3, &doc, &e), MC_ERR_INVALID);
	assert_null(doc);
	assert_non_null(strstr(e.msg, "{place}"));
	assert_non_null(strstr(e.msg, "t.tpl, line 4"));
	mc_form_set(d3, "place", "Huế");
	assert_int_equal(mc_template_expand(t, d3, &doc, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "{docs}"));
	assert_non_null(strstr(e.msg, "line 10"));
	mc_form_data_free(d);
	mc_form_data_free(d2);
	mc_form_data_free(d3);
	mc_template_free(t);
}

static void test_copies_header_sign(void **state)
{
	(void)state;
	mc_err e;
	mc_template *t = parse(".copies Liên 1: Lưu | Liên 2: Giao\n.header\nagency: {a}\nmotto: Độc lập\n"
	                       ".title\nGIẤY\n.sign cols=50,50\n**A** | **B**\n~\n{a}\n",
	                       &e);
	assert_non_null(t);
	mc_form_data *d = mc_form_data_new();
	mc_form_set(d, "a", "Sở X");
	mc_doc *doc;
	assert_int_equal(mc_template_expand(t, d, &doc, &e), MC_OK);
	/* header, title, sign, pagebreak, header, title, sign */
	assert_int_equal(doc->nblocks, 7);
	assert_int_equal(doc->blocks[3].kind, MC_TPL_PAGEBREAK);
	assert_string_equal(doc->blocks[0].lines[0].cells[0], "agency");
	assert_string_equal(doc->blocks[0].lines[0].cells[1], "Sở X");
	assert_string_equal(doc->title, "GIẤY");
	const mc_doc_block *s = &doc->blocks[2];
	assert_int_equal(s->nlines, 3);
	assert_true(s->lines[1].gap);
	assert_int_equal(s->lines[2].ncells, 2); /* padded to the column count */
	assert_string_equal(s->lines[2].cells[1], "");
	mc_doc_free(doc);
	mc_template_free(t);

	/* {copy} exists only with .copies */
	t = parse(".para\n{copy}\n", &e);
	assert_int_equal(mc_template_expand(t, d, &doc, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "{copy}"));
	mc_template_free(t);
	t = parse(".copies X | Y\n.para\n{copy}\n", &e);
	assert_int_equal(mc_template_expand(t, d, &doc, &e), MC_OK);
	assert_string_equal(doc->blocks[0].lines[0].cells[0], "X");
	assert_string_equal(doc->blocks[2].lines[0].cells[0], "Y");
	mc_doc_free(doc);
	mc_template_free(t);
	mc_form_data_free(d);
}

static void test_syntax_errors(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{".para\nx\n.tabel\n", "line 3: unknown block .tabel"},
		{".para bold size=abc\n", "line 1"},
		{".para\n{#a}\nx\n", "line 2: list {a} is not closed"},
		{".para\n{#a}\n{#b}\n{/b}\n{/a}\n", "cannot nest"},
		{".para\n{/a}\n", "does not close"},
		{".table\nx\n", "cols="},
		{".header\nfoo: x\n", "unknown header key \"foo\""},
		{".header\nno colon\n", "key: text"},
		{"text before\n", "line 1: text outside a block"},
		{".para\nx\n.page A4\n", "line 3: .page must come before"},
		{".page Letter\n", ".page must be A4 or A5"},
		{".margins 1 2 3\n", "four numbers"},
		{".sign\n{#a}\n{/a}\n", "not allowed"},
		{"# only a comment\n", "no blocks"},
		{".para wobble\n", "unknown option \"wobble\""},
		{".para\nbad \xC3(\n", "line 2: the line is not valid UTF-8"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mc_err e;
		mc_template *t = NULL;
		mc_status st = mc_template_parse(cases[i].text, strlen(cases[i].text), "t.tpl", &t, &e);
		if (st == MC_OK || !strstr(e.msg, cases[i].want))
			fail_msg("case %zu: status %d, message \"%s\", want \"%s\"", i, st,
			         st == MC_OK ? "" : e.msg, cases[i].want);
		assert_null(t);
	}
	/* errors found only at expansion */
	static const struct {
		const char *text, *want;
	} xcases[] = {
		{".para\na { b\n", "line 2: a { without"},
		{".para\na } b\n", "line 2: a } without"},
		{".para\n{Bad}\n", "bad field name {Bad}"},
		{".para\n\\q\n", "unknown escape"},
		{".para\n{.n}\n", "only allowed inside a list"},
		{".table cols=50,50\na | b | c\n", "3 cells but the block has 2 columns"},
	};
	mc_form_data *d = mc_form_data_new();
	for (size_t i = 0; i < sizeof xcases / sizeof xcases[0]; i++) {
		mc_err e;
		mc_template *t = parse(xcases[i].text, &e);
		assert_non_null(t);
		mc_doc *doc = NULL;
		mc_status st = mc_template_expand(t, d, &doc, &e);
		if (st == MC_OK || !strstr(e.msg, xcases[i].want))
			fail_msg("xcase %zu: status %d, message \"%s\", want \"%s\"", i, st,
			         st == MC_OK ? "" : e.msg, xcases[i].want);
		mc_template_free(t);
	}
	mc_form_data_free(d);
}

static void test_data_sanitised(void **state)
{
	(void)state;
	mc_form_data *d = mc_form_data_new();
	assert_int_equal(mc_form_set(d, "Bad", "x"), MC_ERR_INVALID);
	assert_int_equal(mc_form_set(d, "", "x"), MC_ERR_INVALID);
	assert_null(mc_form_add_row(d, "bad-name"));
	/* markers and escape sequences cannot come from data */
	assert_int_equal(mc_form_set(d, "a", "x\x01y\x02z\x1b[31m\tw\nv"), MC_OK);
	const char *v = mc_form_get(d, "a");
	assert_null(strchr(v, '\x01'));
	assert_null(strchr(v, '\x02'));
	assert_null(strchr(v, '\x1b'));
	assert_null(strchr(v, '\t'));
	assert_non_null(strchr(v, '\n')); /* a line break is kept */
	/* decomposed input is stored composed: "ễ" = e + U+0302 + U+0303 */
	assert_int_equal(mc_form_set(d, "n", "Nguye\xCC\x82\xCC\x83n"), MC_OK);
	assert_string_equal(mc_form_get(d, "n"), "Nguy\xE1\xBB\x85n");
	assert_int_equal(mc_form_set(d, "n", "again"), MC_OK); /* replace */
	assert_string_equal(mc_form_get(d, "n"), "again");
	assert_null(mc_form_get(d, "zz"));
	assert_int_equal(mc_form_list_len(d, "none"), -1);
	mc_form_data_free(d);
	mc_form_data_free(NULL);
	mc_template_free(NULL);
	mc_doc_free(NULL);
}

/* Every shipped template parses and uses only fields listed in README.md. */
typedef struct seen {
	const char *readme;
	const char *tpl;
	int bad;
} seen;

static void check_field(const char *name, bool is_list, int line, void *ctx)
{
	seen *s = ctx;
	char key[80];
	snprintf(key, sizeof key, is_list ? "`{#%s}`" : "`{%s}`", name);
	if (strcmp(name, "copy") != 0 && !strstr(s->readme, key)) {
		print_error("%s line %d: field %s is not documented in README.md\n", s->tpl, line, key);
		s->bad++;
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = '\0';
	fclose(f);
	return s;
}

static void test_shipped_templates(void **state)
{
	(void)state;
	const char *root = getenv("MC_SOURCE_ROOT");
	assert_non_null(root);
	char path[1024];
	snprintf(path, sizeof path, "%s/assets/templates/README.md", root);
	char *readme = slurp(path);
	assert_non_null(readme);
	static const char *const kinds[] = {"receipt", "supplement", "refusal", "apology",
	                                    "stop", "control", "register"};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		snprintf(path, sizeof path, "%s/assets/templates/%s.tpl", root, kinds[i]);
		mc_template *t;
		mc_err e;
		if (mc_template_load(path, &t, &e) != MC_OK)
			fail_msg("%s", e.msg);
		seen s = {readme, kinds[i], 0};
		mc_template_each_field(t, check_field, &s);
		assert_int_equal(s.bad, 0);
		mc_template_free(t);
	}
	free(readme);
	mc_template *t;
	mc_err e;
	assert_int_equal(mc_template_load("/nonexistent/x.tpl", &t, &e), MC_ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/x.tpl"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docdate),
		cmocka_unit_test(test_expand_fields_and_lists),
		cmocka_unit_test(test_copies_header_sign),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_data_sanitised),
		cmocka_unit_test(test_shipped_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
