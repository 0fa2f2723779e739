/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Period statistics: the national table "Biểu số 06/VPCP/KSTT" (domain.md §5)
 * per field or per procedure, with the on-time rates A, B, C, the
 * satisfaction rate, the online share and the share of late dossiers with an
 * apology; and the dossiers behind any cell (drill-down).
 *
 * Definitions, for a period [from 00:00, to+1 00:00):
 *   received (col 4, 5)  received_at in the period; online vs direct + postal
 *   carried_over (col 6) received before the period and neither resolved
 *                        (finished_at) nor stopped/withdrawn (closed_at) before it
 *   received_total (3)   = 4 + 5 + 6
 *   resolved (7..10)     finished_at in the period; early / on time / late from
 *                        the outcome stored at finish (judged against the
 *                        ORIGINAL due: an apology does not help)
 *   stopped_withdrawn    closed_at in the period (and not resolved in it)
 *   pending (11..13)     all other dossiers of the table: not resolved at the
 *                        end of the period; overdue when the original due is
 *                        before the judgement moment: the end of the period, or
 *                        now when the period has not ended (judged by date or
 *                        minute per cfg->judge_by)
 *   Reconciliation: carried_over + received = resolved + pending + stopped_withdrawn,
 *   i.e. received_total = resolved_total + pending_total + stopped_withdrawn.
 *
 * Rates (percentages; invalid when the denominator is 0):
 *   A = (early + on time) / resolved
 *   B = (early + on time) / received_total
 *   C = 100 - (late + pending overdue) / (resolved + pending) * 100
 *   satisfaction = ratings 2 or 3 / rated dossiers among those resolved in the period
 *   online_share = received online / received in the period (col 4 / (4 + 5))
 *   late_with_apology = late or overdue-pending dossiers with an apology
 *                       / (resolved late + pending overdue)
 *
 * Ownership: mc_report_build() returns a report freed by mc_report_free();
 * mc_report_ids() a malloc'd array freed with free().
 */
#ifndef MOTCUA_REPORT_H
#define MOTCUA_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"
#include "motcua/mctime.h"

/* The 12 numeric columns (3..13 plus stopped/withdrawn), in table order. */
#define MC_REPORT_COLUMNS(X) \
	X(MC_RC_RECEIVED_TOTAL, "received_total") \
	X(MC_RC_RECEIVED_ONLINE, "received_online") \
	X(MC_RC_RECEIVED_DIRECT_POSTAL, "received_direct_postal") \
	X(MC_RC_CARRIED_OVER, "carried_over") \
	X(MC_RC_RESOLVED_TOTAL, "resolved_total") \
	X(MC_RC_RESOLVED_EARLY, "resolved_early") \
	X(MC_RC_RESOLVED_ON_TIME, "resolved_on_time") \
	X(MC_RC_RESOLVED_LATE, "resolved_late") \
	X(MC_RC_PENDING_TOTAL, "pending_total") \
	X(MC_RC_PENDING_WITHIN, "pending_within") \
	X(MC_RC_PENDING_OVERDUE, "pending_overdue") \
	X(MC_RC_STOPPED_WITHDRAWN, "stopped_withdrawn")

typedef enum {
#define MC_X_RC(id, key) id,
	MC_REPORT_COLUMNS(MC_X_RC)
#undef MC_X_RC
	MC_RC_COUNT
} mc_report_col;

/* JSON key of a column ("received_total"...). */
const char *mc_report_col_key(mc_report_col c);
/* Translated short heading of a column ("Trực tuyến"...). */
const char *mc_report_col_label(mc_report_col c);

typedef enum { MC_REPORT_BY_FIELD, MC_REPORT_BY_PROCEDURE } mc_report_by;

typedef struct mc_report_row {
	char *field;          /* lĩnh vực */
	char *procedure_code; /* NULL when grouped by field */
	char *procedure_name; /* NULL when grouped by field */
	int64_t n[MC_RC_COUNT];
} mc_report_row;

/* A percentage with its inputs; valid is false when den == 0. */
typedef struct mc_rate {
	bool valid;
	double value; /* 0..100 */
	int64_t num, den;
} mc_rate;

typedef struct mc_report {
	mc_date from, to;       /* inclusive */
	mc_time judged_at;      /* moment the pending dossiers were judged at */
	mc_report_by by;
	mc_report_row *rows;    /* sorted by field (then procedure code), diacritics ignored */
	size_t n_rows;
	mc_report_row total;    /* field "" */
	mc_rate rate_a, rate_b, rate_c;
	mc_rate satisfaction, online_share, late_with_apology;
} mc_report;

/*
 * Build the table for [from, to] (inclusive dates). "Now" comes from
 * ctx->clock, the judgement rule from ctx->cfg. Reads in one transaction.
 */
mc_status mc_report_build(const mc_ctx *ctx, mc_date from, mc_date to, mc_report_by by,
                          mc_report **out, mc_err *e);
void mc_report_free(mc_report *r); /* NULL is a no-op */

/* The rate value rounded to one decimal (what the JSON and tables show). */
double mc_rate_round(const mc_rate *r);

/*
 * Which dossiers a cell counts, for the drill-down: the ids of the dossiers
 * in column col of the row whose group is `group` (a field, or a procedure
 * code when by == MC_REPORT_BY_PROCEDURE; NULL = the total row). Same
 * definitions as mc_report_build; ids sorted ascending; *ids malloc'd.
 */
mc_status mc_report_ids(const mc_ctx *ctx, mc_date from, mc_date to, mc_report_by by,
                        const char *group, mc_report_col col, int64_t **ids, size_t *n,
                        mc_err *e);

#endif
