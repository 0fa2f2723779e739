/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dates and times. Everything is local Vietnam time (UTC+7, no DST), so a
 * moment is a plain count of minutes since 1970-01-01 00:00 local time and a
 * date a count of days. Text forms: "YYYY-MM-DD HH:MM" and "YYYY-MM-DD".
 */
#ifndef MOTCUA_MCTIME_H
#define MOTCUA_MCTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "motcua/error.h"

typedef int64_t mc_time; /* minutes since 1970-01-01 00:00 local */
typedef int32_t mc_date; /* days since 1970-01-01 */

#define MC_TIME_NONE INT64_MIN
#define MC_MIN_PER_DAY 1440

/* Supported range: years 1900..2200. */
#define MC_YEAR_MIN 1900
#define MC_YEAR_MAX 2200

bool mc_ymd_valid(int y, int m, int d);
int mc_days_in_month(int y, int m);
mc_date mc_date_from_ymd(int y, int m, int d);
void mc_date_to_ymd(mc_date dt, int *y, int *m, int *d);
/* 0 = Sunday, 1 = Monday, ... 6 = Saturday. */
int mc_date_weekday(mc_date dt);

static inline mc_date mc_time_date(mc_time t)
{
	return (mc_date)(t >= 0 ? t / MC_MIN_PER_DAY : -((-t + MC_MIN_PER_DAY - 1) / MC_MIN_PER_DAY));
}
static inline int mc_time_minute_of_day(mc_time t)
{
	return (int)(t - (mc_time)mc_time_date(t) * MC_MIN_PER_DAY);
}
static inline mc_time mc_time_make(mc_date d, int minute_of_day)
{
	return (mc_time)d * MC_MIN_PER_DAY + minute_of_day;
}

/* "YYYY-MM-DD"; rejects 2025-02-31 and anything out of range, naming the value. */
mc_status mc_date_parse(const char *s, mc_date *out, mc_err *e);
/* "YYYY-MM-DD HH:MM" (also accepts "YYYY-MM-DDTHH:MM"); rejects hour 25 etc. */
mc_status mc_time_parse(const char *s, mc_time *out, mc_err *e);
/* "HH:MM" into minutes of the day 0..1439 (24:00 refused). */
mc_status mc_hhmm_parse(const char *s, int *minutes, mc_err *e);

/* Writers. buf must hold 11 / 17 / 6 bytes. MC_TIME_NONE writes "". */
void mc_date_format(mc_date d, char buf[11]);
void mc_time_format(mc_time t, char buf[17]);
void mc_hhmm_format(int minutes, char buf[6]);
/* "dd/mm/yyyy" for people. */
void mc_date_format_vn(mc_date d, char buf[11]);

#endif
