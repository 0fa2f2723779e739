/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the reporting-period parser (src/core/period.c): any
 * text either gives a first day no later than its last day, described in
 * words, or is refused with one sentence and the outputs untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/period.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = fuzz_cstr(data, size);
	mc_date from = 12345, to = 54321;
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_period_parse(text, &from, &to, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		if (from > to)
			__builtin_trap();
		char buf[256];
		mc_period_describe(from, to, buf, sizeof buf);
		if (!memchr(buf, '\0', sizeof buf))
			__builtin_trap();
		char small[8];
		mc_period_describe(from, to, small, sizeof small);
	} else if (from != 12345 || to != 54321) {
		__builtin_trap(); /* outputs left unchanged on refusal */
	}
	free(text);
	return 0;
}
