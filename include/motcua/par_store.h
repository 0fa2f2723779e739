/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PAR scorecard fed by the database: the metrics of a period, the
 * manually entered criteria (stored per year with who entered them and when),
 * the whole scorecard in one call, and the dossiers behind a metric.
 *
 * Metric definitions, over the days [from, through] (both inclusive); the
 * on-time variants, online share, satisfaction and apology coverage are taken
 * from mc_report_build() (include/motcua/report.h) for the same days, so the
 * scorecard and `motcua report` always agree:
 *   ontime_A               (early + on time) / resolved
 *   ontime_B               (early + on time) / received_total (incl. carried over)
 *   ontime_C               (resolved + pending - late - pending overdue) / (resolved + pending)
 *   apology_coverage       late or overdue-pending dossiers with an apology / those dossiers
 *   online_share           received online / received in the period
 *   satisfaction           ratings 2 or 3 / rated dossiers resolved in the period
 *   supplement_timeliness  dossiers with a supplement request in the period whose
 *                          requests all went out within [rules] supplement_days / those dossiers
 *   digitised_share        received in the period flagged digitised / received in the period
 *   online_payment_share   received in the period paid online / received in the period
 *   e_result_share         returned in the period with an electronic result / returned
 *
 * Ownership: mc_par_scorecard_compute() fills a caller-provided struct whose
 * items are freed with mc_par_scorecard_free() (include/motcua/par.h); the
 * items point into the rubric, which must outlive the scorecard.
 */
#ifndef MOTCUA_PAR_STORE_H
#define MOTCUA_PAR_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"
#include "motcua/par.h"

/* Numerator and denominator of every metric (index: mc_par_metric; MANUAL unused). */
typedef struct mc_par_metrics {
	mc_date from, through;
	int64_t num[MC_PAR_METRIC_COUNT];
	int64_t den[MC_PAR_METRIC_COUNT];
} mc_par_metrics;

/* Compute every metric over [from, through] (one read transaction). */
mc_status mc_par_metrics_load(const mc_ctx *ctx, mc_date from, mc_date through,
                              mc_par_metrics *out, mc_err *e);

/* One manual entry. */
typedef struct mc_par_entry {
	int64_t id;
	int year;
	char criterion[MC_PAR_ID_MAX];
	bool percent;         /* value is a percentage (else points) */
	int64_t value;        /* thousandths */
	char note[MC_PAR_NAME_MAX];
	char actor[64];
	mc_time at;           /* business time (clock) */
	mc_time recorded_at;  /* real time of the write */
	bool backdated;       /* written under a frozen clock */
} mc_par_entry;

/*
 * Record the value of manual criterion c for a year (thousandths: points for
 * MC_PAR_SCORE_POINTS, else a percentage), with ctx->actor and the clock's
 * now. A data-fed criterion, a value out of range or a bad year is refused
 * and nothing is written. Earlier entries are kept as history.
 */
mc_status mc_par_manual_set(const mc_ctx *ctx, int year, const mc_par_criterion *c,
                            int64_t value, const char *note, mc_err *e);

/*
 * The entry that counts (the newest) for (year, criterion); *found false when
 * none. An entry whose kind (points / percent) no longer matches the
 * criterion's scoring (the rubric changed) does not count.
 */
mc_status mc_par_manual_get(const mc_ctx *ctx, int year, const mc_par_criterion *c,
                            mc_par_entry *out, bool *found, mc_err *e);

/* Every entry of a year (criterion NULL = all), oldest first; *out malloc'd (free()). */
mc_status mc_par_manual_history(const mc_ctx *ctx, int year, const char *criterion,
                                mc_par_entry **out, size_t *n, mc_err *e);

/*
 * The whole scorecard of `year` under rubric r, with the metrics from the
 * start of the rubric's year to `through` (MC_PAR_THROUGH_AUTO: today when the
 * year is under way, its last day when it is over). A through date outside
 * the year, or a year that has not started, is refused. This is the call the
 * TUI screen and the Excel sheet use.
 */
#define MC_PAR_THROUGH_AUTO INT32_MIN
mc_status mc_par_scorecard_compute(const mc_ctx *ctx, const mc_rubric *r, int year,
                                   mc_date through, mc_par_scorecard *out, mc_err *e);

/* One dossier behind a metric. */
typedef struct mc_par_row {
	int64_t id;
	char code[MC_CODE_MAX];
	mc_time received, original_due, due, finished;
	char status[16];      /* "received", ..., "returned" */
	char outcome[16];     /* "early" | "on_time" | "late" | "" */
	bool in_numerator;    /* counted as favourable */
} mc_par_row;

/* Called for each row, in id order; return false to stop. */
typedef bool (*mc_par_row_fn)(void *arg, const mc_par_row *row);

/*
 * The dossiers in the denominator of metric m over [from, through], each with
 * whether it is in the numerator; *num and *den (may be NULL) get the counts,
 * equal to mc_par_metrics_load()'s. Memory: the id lists only, rows streamed.
 */
mc_status mc_par_dossiers(const mc_ctx *ctx, mc_par_metric m, mc_date from, mc_date through,
                          mc_par_row_fn fn, void *arg, int64_t *num, int64_t *den, mc_err *e);

#endif
