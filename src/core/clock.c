/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The one place that reads the system time. Vietnam has no daylight saving,
 * so local time is UTC + 7 hours whatever the machine's TZ says.
 */
#include <time.h>

#include "motcua/clock.h"

#define VN_OFFSET_MIN (7 * 60)

void mc_clock_system(mc_clock *c)
{
	c->frozen = false;
	c->at = 0;
}

mc_status mc_clock_freeze(mc_clock *c, const char *moment, mc_err *e)
{
	mc_time t;
	mc_status st = mc_time_parse(moment, &t, e);
	if (st != MC_OK)
		return st;
	c->frozen = true;
	c->at = t;
	return MC_OK;
}

mc_time mc_clock_real_now(void)
{
	time_t s = time(NULL);
	return (mc_time)(s / 60) + VN_OFFSET_MIN;
}

mc_time mc_clock_now(const mc_clock *c)
{
	if (c && c->frozen)
		return c->at;
	return mc_clock_real_now();
}

double mc_clock_monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
