/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Impact preview of a calendar change: which open dossiers' due moments
 * would move, and by how many working days, if the calendar changed from
 * `old_cal` to `new_cal`. Pure logic: the caller (the store / the admin
 * screen) reads the open dossiers and shows the rows.
 */
#ifndef MOTCUA_IMPACT_H
#define MOTCUA_IMPACT_H

#include <stddef.h>
#include <stdint.h>

#include "motcua/calendar.h"
#include "motcua/deadline.h"
#include "motcua/error.h"

/* One open dossier as the preview needs it. Strings are borrowed. */
typedef struct mc_impact_item {
	const char *code;   /* dossier code, copied into the row pointer only (borrowed) */
	mc_time start;      /* moment the clock started (receipt, or resume after a supplement) */
	mc_limit limit;     /* the limit in force for this dossier */
	mc_time due;        /* current due moment; MC_TIME_NONE = as computed with old_cal */
} mc_impact_item;

typedef struct mc_impact_row {
	size_t index;           /* position in the input array */
	const char *code;       /* = items[index].code (borrowed) */
	mc_time old_due;        /* the current due moment */
	mc_time new_due;        /* the due moment with new_cal */
	int32_t working_days;   /* new - old in working days of new_cal (> 0: later) */
} mc_impact_row;

/*
 * For each item: old = its current due (or mc_due_compute with old_cal when
 * due is MC_TIME_NONE); if the current due is not what old_cal computes, it
 * was set by hand (apology, pause extension) and the item is left out and
 * counted in *n_manual (may be NULL). Otherwise new = mc_due_compute with
 * new_cal, and the item is listed when new != old.
 *
 * *rows is malloc'd (caller frees; NULL when *n_rows is 0). Fails, naming
 * the dossier, when a due moment cannot be computed; then nothing is
 * returned.
 */
mc_status mc_impact_preview(const mc_calendar *old_cal, const mc_calendar *new_cal,
                            const mc_impact_item *items, size_t n_items, mc_impact_row **rows,
                            size_t *n_rows, size_t *n_manual, mc_err *e);

#endif
