/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The only clock. Nothing outside src/core/clock.c reads the system time.
 * A frozen clock (--now, MOTCUA_NOW) makes every action and query behave as
 * if it were that moment; tests and demos use it.
 */
#ifndef MOTCUA_CLOCK_H
#define MOTCUA_CLOCK_H

#include <stdbool.h>

#include "motcua/mctime.h"

typedef struct mc_clock {
	bool frozen;
	mc_time at; /* valid when frozen */
} mc_clock;

/* A clock that follows the system time (converted to UTC+7). */
void mc_clock_system(mc_clock *c);
/* Freeze at the text moment "YYYY-MM-DD HH:MM". */
mc_status mc_clock_freeze(mc_clock *c, const char *moment, mc_err *e);
/* Current local moment, to the minute. */
mc_time mc_clock_now(const mc_clock *c);
/* Real wall-clock moment, ignoring any freeze (recording time of events). */
mc_time mc_clock_real_now(void);
/* Real time in seconds (UTC epoch) with sub-second precision, for timing. */
double mc_clock_monotonic(void);

#endif
