/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark (not a test): due-date computations per second for limits of
 * 1-60 working days received at random moments of 2024-2026 with the real
 * calendar, without a trail. Two baselines are measured in the same run:
 * a naive day-by-day loop over the same calendar (what most systems do) and
 * raw date arithmetic with no calendar at all (a floor no real computation
 * can beat). The naive loop's answers are checked against the engine's.
 *
 * Usage: bench_due [CALENDAR_PATH] [COUNT]
 * Run with `meson test -C BUILD --benchmark due`.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mc_build_config.h"
#include "motcua/calendar.h"
#include "motcua/clock.h"
#include "motcua/config.h"
#include "motcua/deadline.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

/* The obvious implementation: step minute by minute to the opening, then day by day. */
static mc_time naive_due(const mc_calendar *cal, mc_time t, int n)
{
	const mc_config *c = mc_calendar_config(cal);
	for (;;) {
		mc_date d = mc_time_date(t);
		int m = mc_time_minute_of_day(t);
		if (mc_calendar_is_working_day(cal, d)) {
			if (m < c->morning_open) {
				t = mc_time_make(d, c->morning_open);
				break;
			}
			if (m < c->morning_close)
				break;
			if (m < c->afternoon_open) {
				t = mc_time_make(d, c->afternoon_open);
				break;
			}
			if (m < c->afternoon_close)
				break;
		}
		t = mc_time_make(d + 1, 0);
	}
	mc_date d = mc_time_date(t);
	int clock = mc_time_minute_of_day(t);
	while (n > 0) {
		d++;
		if (mc_calendar_is_working_day(cal, d))
			n--;
	}
	return mc_time_make(d, clock);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : MC_SOURCE_DATADIR "/calendar";
	long count = argc > 2 ? atol(argv[2]) : 2000000;
	if (count < 1000)
		count = 1000;
	mc_config cfg;
	mc_config_defaults(&cfg);
	mc_err e;
	mc_calendar *cal = mc_calendar_new(&cfg, &e);
	if (!cal || mc_calendar_load(cal, path, &e) != MC_OK) {
		fprintf(stderr, "bench_due: %s\n", e.msg);
		mc_calendar_free(cal);
		return 1;
	}
	mc_time *from = malloc((size_t)count * sizeof *from);
	mc_limit *lim = malloc((size_t)count * sizeof *lim);
	if (!from || !lim) {
		fprintf(stderr, "bench_due: out of memory\n");
		return 1;
	}
	mc_time t0 = mc_time_make(mc_date_from_ymd(2024, 1, 1), 0);
	mc_time span = mc_time_make(mc_date_from_ymd(2026, 10, 1), 0) - t0;
	for (long i = 0; i < count; i++) {
		from[i] = t0 + (mc_time)(rng() % (uint64_t)span);
		lim[i].unit = MC_UNIT_DAYS;
		lim[i].amount = 1 + (int)(rng() % 60);
		lim[i].cutoff = -1;
	}

	double best_fast = 1e9, best_hours = 1e9, best_naive = 1e9, best_raw = 1e9;
	volatile int64_t sink = 0;
	long mismatches = 0, errors = 0;
	for (int rep = 0; rep < 3; rep++) {
		int64_t sum = 0;
		double a = mc_clock_monotonic();
		for (long i = 0; i < count; i++) {
			mc_time due;
			if (mc_due_compute(cal, from[i], &lim[i], &due, NULL, NULL) != MC_OK)
				errors++;
			sum += due;
		}
		double b = mc_clock_monotonic();
		if (b - a < best_fast)
			best_fast = b - a;
		sink += sum;

		/* Same moments, working hours 1-60. */
		sum = 0;
		a = mc_clock_monotonic();
		for (long i = 0; i < count; i++) {
			mc_limit h = {MC_UNIT_HOURS, lim[i].amount, -1};
			mc_time due;
			if (mc_due_compute(cal, from[i], &h, &due, NULL, NULL) != MC_OK)
				errors++;
			sum += due;
		}
		b = mc_clock_monotonic();
		if (b - a < best_hours)
			best_hours = b - a;
		sink += sum;

		/* Raw arithmetic: N × 1440 minutes, no calendar. */
		sum = 0;
		a = mc_clock_monotonic();
		for (long i = 0; i < count; i++)
			sum += from[i] + (mc_time)lim[i].amount * MC_MIN_PER_DAY;
		b = mc_clock_monotonic();
		if (b - a < best_raw)
			best_raw = b - a;
		sink += sum;
	}
	/* The naive loop is slow: one pass over a tenth of the inputs, checked against the engine. */
	long nn = count / 10;
	for (int rep = 0; rep < 2; rep++) {
		int64_t sum = 0;
		double a = mc_clock_monotonic();
		for (long i = 0; i < nn; i++)
			sum += naive_due(cal, from[i], lim[i].amount);
		double b = mc_clock_monotonic();
		if ((b - a) * 10 < best_naive)
			best_naive = (b - a) * 10;
		sink += sum;
	}
	for (long i = 0; i < nn; i++) {
		mc_time due;
		mc_due_compute(cal, from[i], &lim[i], &due, NULL, NULL);
		if (due != naive_due(cal, from[i], lim[i].amount))
			mismatches++;
	}

	double r_fast = count / best_fast, r_hours = count / best_hours;
	double r_naive = count / best_naive, r_raw = count / best_raw;
	printf("due-date benchmark: %ld computations, limits 1-60, receipt 2024-01..2026-09, "
	       "best of 3, no trail\n", count);
	printf("  engine, working days   : %12.0f /s  (%.1f ns each)\n", r_fast, 1e9 / r_fast);
	printf("  engine, working hours  : %12.0f /s  (%.1f ns each)\n", r_hours, 1e9 / r_hours);
	printf("  baseline naive day loop: %12.0f /s  (%.1f ns each)\n", r_naive, 1e9 / r_naive);
	printf("  baseline raw arithmetic: %12.0f /s  (%.2f ns each, no calendar: a floor)\n", r_raw,
	       1e9 / r_raw);
	printf("  ratio engine / naive loop     : %.1fx\n", r_fast / r_naive);
	printf("  ratio engine / raw arithmetic : %.3f\n", r_fast / r_raw);
	printf("  target > 1,000,000 /s: %s\n", r_fast > 1e6 ? "met" : "NOT met");
	printf("  naive loop disagreements: %ld of %ld; errors: %ld\n", mismatches, nn, errors);
	(void)sink;
	free(from);
	free(lim);
	mc_calendar_free(cal);
	return mismatches || errors ? 1 : 0;
}
