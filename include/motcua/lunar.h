/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Vietnamese lunar calendar (Hồ Ngọc Đức's algorithm after Meeus,
 * computed at UTC+7).
 */
#ifndef MOTCUA_LUNAR_H
#define MOTCUA_LUNAR_H

#include <stdbool.h>

#include "motcua/mctime.h"

typedef struct mc_lunar_date {
	int day, month, year;
	bool leap; /* the month is a leap (intercalary) month */
} mc_lunar_date;

/* Solar date to lunar date (time zone UTC+7). */
void mc_lunar_from_solar(mc_date d, mc_lunar_date *out);
/* Lunar to solar; returns false when no such lunar date exists. */
bool mc_lunar_to_solar(const mc_lunar_date *l, mc_date *out);
/* Can-chi name of a lunar year, e.g. "Bính Ngọ" (buf >= 32). */
void mc_lunar_year_name(int lunar_year, char *buf, unsigned size);

#endif
