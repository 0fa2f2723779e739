/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the form template parser (src/core/template.c): any
 * bytes are either parsed or refused with one sentence naming the line. A
 * parsed template is expanded with every field it names set (lists get two
 * rows, then none), so the expansion code runs on whatever the parser
 * accepted.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/template.h"
#include "fuzz_util.h"

typedef struct fill_ctx {
	mc_form_data *d;
	bool rows;
} fill_ctx;

static void fill(const char *name, bool is_list, int line, void *ctx)
{
	fill_ctx *f = ctx;
	(void)line;
	if (is_list) {
		mc_form_list(f->d, name);
		if (f->rows && mc_form_list_len(f->d, name) == 0) {
			mc_form_add_row(f->d, name);
			mc_form_add_row(f->d, name);
		}
	} else {
		mc_form_set(f->d, name, "Nguyễn Văn A **x** {y} \\n");
	}
}

static void expand(const mc_template *t, bool rows)
{
	mc_form_data *d = mc_form_data_new();
	if (!d)
		abort();
	fill_ctx f = {d, rows};
	mc_template_each_field(t, fill, &f);
	mc_form_set(d, "copy", "Liên 1");
	mc_doc *doc = NULL;
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_template_expand(t, d, &doc, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		if (!doc)
			__builtin_trap();
		mc_doc_free(doc);
	} else if (doc) {
		__builtin_trap();
	}
	mc_form_data_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	mc_template *t = NULL;
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_template_parse((const char *)data, size, "fuzz.tpl", &t, &e);
	fuzz_check_refusal(st, &e);
	if (st != MC_OK) {
		if (t)
			__builtin_trap();
		return 0;
	}
	(void)mc_template_page(t);
	expand(t, true);
	expand(t, false);
	mc_template_free(t);
	return 0;
}
