/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private view of the calendar's precomputed tables, shared by calendar.c
 * and deadline.c only. One byte of flags per day from MC_YEAR_MIN to
 * MC_YEAR_MAX, a prefix count of working days and the list of working days,
 * so "the n-th working day after d" is two array reads.
 */
#ifndef MOTCUA_CALENDAR_INTERNAL_H
#define MOTCUA_CALENDAR_INTERNAL_H

#include <stdint.h>

#include "motcua/calendar.h"

#define CAL_KIND_MASK 0x03u   /* mc_day_kind */
#define CAL_WORKING 0x04u
#define CAL_PROVISIONAL 0x08u
#define CAL_LISTED 0x10u      /* has an entry (name) */

struct mc_calendar {
	mc_config cfg;
	int office_minutes;       /* office minutes in one working day */
	/* entries read from files, sorted by date */
	mc_cal_entry *file;
	size_t nfile, capfile;
	/* statutory provisional entries for every supported year, sorted */
	mc_cal_entry *prov;
	size_t nprov;
	/* effective entries: files for covered years, provisional otherwise */
	mc_cal_entry *eff;
	size_t neff;
	uint8_t covered[MC_YEAR_MAX - MC_YEAR_MIN + 1];
	mc_date base;             /* 1 Jan MC_YEAR_MIN */
	int32_t ndays;
	uint8_t *flags;           /* ndays */
	int32_t *cum;             /* ndays + 1: working days in [base, base + i) */
	mc_date *wd;              /* the working days, in order */
	int32_t nwd;
};

static inline bool cal_in_range(const mc_calendar *c, mc_date d)
{
	return d >= c->base && d < c->base + c->ndays;
}

static inline bool cal_working(const mc_calendar *c, mc_date d)
{
	return cal_in_range(c, d) && (c->flags[d - c->base] & CAL_WORKING);
}

/* Working days strictly before d (clamped to the table). */
static inline int32_t cal_cum_before(const mc_calendar *c, mc_date d)
{
	if (d <= c->base)
		return 0;
	if (d >= c->base + c->ndays)
		return c->nwd;
	return c->cum[d - c->base];
}

/* The k-th working day (0-based) or MC_DATE_NONE. */
static inline mc_date cal_wd(const mc_calendar *c, int64_t k)
{
	return k >= 0 && k < c->nwd ? c->wd[k] : MC_DATE_NONE;
}

#endif
