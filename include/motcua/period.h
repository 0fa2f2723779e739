/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reporting periods (domain.md §5, product.md §3). A period is a pair of
 * dates, both inclusive. Text forms:
 *
 *   YYYY-MM            calendar month (1st .. last day)
 *   YYYY-MM/official   official reporting month: 15th of the previous month .. 14th
 *   YYYY-Qn            quarter, official window: 15th of the month before the
 *                      quarter .. 14th of its last month (Q1 = 15 Dec .. 14 Mar)
 *   YYYY-H1            first 6 months: 15 Dec of the previous year .. 14 Jun
 *   YYYY-H2            second 6 months: 15 Jun .. 14 Dec
 *   YYYY-9M            9 months: 15 Dec of the previous year .. 14 Sep
 *   YYYY               year: 15 Dec of the previous year .. 14 Dec
 *   X/calendar         for Qn, H1, H2, 9M and YYYY: the calendar window instead
 *                      (e.g. 2026-Q1/calendar = 1 Jan .. 31 Mar)
 *   FROM..TO           any range of dates YYYY-MM-DD, both inclusive
 *
 * Pure logic; nothing allocated.
 */
#ifndef MOTCUA_PERIOD_H
#define MOTCUA_PERIOD_H

#include <stddef.h>

#include "motcua/error.h"
#include "motcua/mctime.h"

/*
 * Parse period text into its first and last day (inclusive). A bad text is
 * refused with one sentence naming it; *from and *to_inclusive are then
 * left unchanged.
 */
mc_status mc_period_parse(const char *s, mc_date *from, mc_date *to_inclusive, mc_err *e);

/*
 * The period for people, translated: "Từ ngày 15/12/2025 đến ngày 14/12/2026"
 * ("From 15/12/2025 to 14/12/2026").
 */
void mc_period_describe(mc_date from, mc_date to_inclusive, char *buf, size_t size);

#endif
