/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Demo data: a realistic database around "now" (the clock of the context).
 * Dossiers of every procedure of the catalogue already in the database,
 * received on working days during office hours over a window ending now,
 * with every status, all channels (about half online), apologies, ratings,
 * supplements, stops and withdrawals, a plausible share overdue and at risk,
 * Vietnamese applicants with valid ID numbers and phones, gapless codes and
 * register numbers (the sequences table is left ready for real intakes), and
 * an event for every transition.
 *
 * The bulk path writes with prepared statements in large transactions;
 * the same seed, clock, calendar and catalogue give the same database.
 */
#ifndef MOTCUA_DEMO_H
#define MOTCUA_DEMO_H

#include <stdint.h>

#include "motcua/dossier.h"

typedef struct mc_demo_options {
	int64_t dossiers; /* how many, 1..10,000,000 */
	uint64_t seed;
} mc_demo_options;

typedef struct mc_demo_stats {
	int64_t dossiers, applicants, events, apologies;
	int64_t by_status[MC_DOSSIER_STATUS_COUNT];
	int64_t online, overdue_open;
	mc_date first_day, last_day; /* window of receipt */
} mc_demo_stats;

/*
 * Fill the database. Refused (nothing written) when it already holds
 * dossiers or has no procedure. ctx->cal is required (due moments).
 */
mc_status mc_demo_generate(const mc_ctx *ctx, const mc_demo_options *o, mc_demo_stats *out,
                           mc_err *e);

#endif
