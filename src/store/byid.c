/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossiers by database id (include/motcua/byid.h), for the drill-down from a
 * report cell or a PAR criterion to the dossiers behind it. Uses the same
 * column list and row reader as every other dossier read.
 */
#include <string.h>

#include "motcua/byid.h"
#include "motcua/i18n.h"
#include "store/dossier_internal.h"

static mc_status check_ctx(const mc_ctx *ctx, mc_err *e)
{
	if (!ctx || !ctx->db)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("internal error: incomplete context."));
	return MC_OK;
}

mc_status mc_dossier_get_by_id(const mc_ctx *ctx, int64_t id, mc_dossier *out, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK)
		return s;
	sqlite3_stmt *st;
	s = mc_db_prepare(ctx->db, MC_DOSSIER_SELECT " WHERE d.id = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		mc_dossier_read_row(st, out);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no dossier with id %lld."),
		                  (long long)id);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

mc_status mc_dossier_get_many(const mc_ctx *ctx, const int64_t *ids, size_t n, mc_dossier *out,
                              size_t *nout, mc_err *e)
{
	*nout = 0;
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || n == 0)
		return s;
	s = mc_db_begin_read(ctx->db, e);
	if (s != MC_OK)
		return s;
	sqlite3_stmt *st;
	s = mc_db_prepare(ctx->db, MC_DOSSIER_SELECT " WHERE d.id = ?", &st, e);
	if (s != MC_OK) {
		mc_db_rollback(ctx->db);
		return s;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			mc_dossier_read_row(st, &out[(*nout)++]);
		} else if (rc != SQLITE_DONE) {
			s = mc_db_error(ctx->db, rc, e);
			break;
		}
	}
	sqlite3_finalize(st);
	mc_db_rollback(ctx->db); /* a read: nothing to commit */
	return s;
}
