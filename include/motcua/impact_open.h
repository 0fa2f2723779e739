/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The impact preview on the database: every open dossier of the database,
 * judged against an edited calendar (impact.h does the arithmetic). Used by
 * `motcua calendar impact` and the administration screen.
 */
#ifndef MOTCUA_IMPACT_OPEN_H
#define MOTCUA_IMPACT_OPEN_H

#include <stddef.h>

#include "motcua/dossier.h"
#include "motcua/impact.h"

/*
 * The configured calendar as it would be with the file `edited` in place: the
 * files of cfg->calendar_path (a file, or every *.tsv of a folder) with the one
 * of the same name replaced by `edited`, or `edited` added. NULL on error
 * (a bad line of any file is named). Caller frees with mc_calendar_free().
 */
mc_calendar *mc_calendar_edited(const mc_config *cfg, const char *edited, mc_err *e);

/* One dossier that would move; strings are owned by the result. */
typedef struct mc_impact_open_row {
	char code[MC_CODE_MAX];
	mc_time old_due, new_due;
	int working_days; /* > 0: later */
} mc_impact_open_row;

typedef struct mc_impact_open {
	mc_impact_open_row *rows; /* malloc'd, sorted by the current due */
	size_t n_rows;
	size_t n_checked;         /* open dossiers compared */
	size_t n_manual;          /* left out: due set by hand (apology, pause extension) */
	size_t n_waiting;         /* left out: waiting for a supplement (due set again on resume) */
} mc_impact_open;

/*
 * Compare every open dossier's due moment under ctx->cal with new_cal. Reads
 * the dossiers a page at a time; writes nothing. Free with mc_impact_open_free.
 */
mc_status mc_impact_open_dossiers(const mc_ctx *ctx, const mc_calendar *new_cal,
                                  mc_impact_open *out, mc_err *e);
void mc_impact_open_free(mc_impact_open *r);

#endif
