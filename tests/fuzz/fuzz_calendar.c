/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the working-calendar TSV parser (src/core/calendar.c,
 * mc_calendar_load_text): any bytes are either loaded or refused with one
 * sentence naming the line. The loaded calendar is then queried (day kinds,
 * year listings, working days between dates, day reasons) so that whatever
 * the parser stored is also used.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/calendar.h"
#include "motcua/config.h"
#include "fuzz_util.h"

static mc_config cfg;
static int cfg_ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	if (!cfg_ready) {
		mc_config_defaults(&cfg);
		cfg_ready = 1;
	}
	char *text = fuzz_cstr(data, size);
	mc_err e;
	mc_err_clear(&e);
	mc_calendar *cal = mc_calendar_new(&cfg, &e);
	if (!cal)
		__builtin_trap();
	mc_status st = mc_calendar_load_text(cal, text, "fuzz.tsv", &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		/* 2024-01-01 .. 2027-12-31, by days since 1970. */
		mc_date lo = 19723, hi = 21184;
		for (mc_date d = lo; d <= hi; d += 13) {
			mc_day_info info;
			mc_calendar_day(cal, d, &info);
			(void)mc_calendar_is_working_day(cal, d);
			char why[256];
			mc_calendar_day_reason(cal, d, why, sizeof why);
		}
		(void)mc_calendar_working_days_between(cal, lo, hi);
		for (int y = 2024; y <= 2027; y++) {
			mc_cal_entry *days = NULL;
			size_t n = 0;
			mc_err_clear(&e);
			(void)mc_calendar_has_year(cal, y);
			if (mc_calendar_year_days(cal, y, &days, &n, &e) == MC_OK)
				free(days);
		}
	}
	mc_calendar_free(cal);
	free(text);
	return 0;
}
