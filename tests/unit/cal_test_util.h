/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared set-up for the calendar and deadline tests: the settings are written
 * out here (07:30-11:30, 13:30-17:00, Saturday and Sunday off, cut-offs 15:00)
 * so the tests do not depend on the built-in defaults, and the real calendar
 * files of data/calendar/ are loaded.
 */
#ifndef CAL_TEST_UTIL_H
#define CAL_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>

#include "motcua/calendar.h"
#include "motcua/config.h"

static inline void std_config(mc_config *c)
{
	mc_config_defaults(c);
	c->morning_open = 7 * 60 + 30;
	c->morning_close = 11 * 60 + 30;
	c->afternoon_open = 13 * 60 + 30;
	c->afternoon_close = 17 * 60;
	for (int i = 0; i < 7; i++)
		c->weekend[i] = i == 0 || i == 6;
	c->hours_per_day = 8;
	c->handover_cutoff = 15 * 60;
	c->same_day_cutoff = 15 * 60;
	c->supplement_mode = MC_SUPPLEMENT_RESTART;
	c->judge_by = MC_JUDGE_BY_DATE;
	c->due_soon_days = 1;
	c->apology_days_before = 1;
	c->makeup_saturdays = true;
}

static inline const char *calendar_dir(char *buf, size_t n)
{
	const char *root = getenv("MC_SOURCE_ROOT");
	snprintf(buf, n, "%s/data/calendar", root ? root : ".");
	return buf;
}

/* A calendar with the real 2024-2026 files; NULL on failure. */
static inline mc_calendar *real_calendar(const mc_config *cfg)
{
	char dir[1024];
	mc_err e;
	mc_calendar *cal = mc_calendar_new(cfg, &e);
	if (!cal)
		return NULL;
	if (mc_calendar_load(cal, calendar_dir(dir, sizeof dir), &e) != MC_OK) {
		fprintf(stderr, "%s\n", e.msg);
		mc_calendar_free(cal);
		return NULL;
	}
	return cal;
}

#endif
