/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading dossiers by their database id: the drill-down of the reports
 * screen gets ids from mc_report_ids() (report.h) and mc_par_dossiers()
 * (par_store.h) and shows the dossiers behind them a page at a time.
 *
 * Ownership: the caller provides every output buffer; nothing is allocated
 * for the caller.
 */
#ifndef MOTCUA_BYID_H
#define MOTCUA_BYID_H

#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"

/* One dossier by id; MC_ERR_NOT_FOUND names the id when there is none. */
mc_status mc_dossier_get_by_id(const mc_ctx *ctx, int64_t id, mc_dossier *out, mc_err *e);

/*
 * The dossiers ids[0..n) into out[0..*nout), in the order of ids, in one read
 * transaction (out must hold n dossiers). An id with no dossier (removed
 * since the ids were taken) is skipped, so *nout may be less than n.
 */
mc_status mc_dossier_get_many(const mc_ctx *ctx, const int64_t *ids, size_t n, mc_dossier *out,
                              size_t *nout, mc_err *e);

#endif
