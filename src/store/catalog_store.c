/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Importing a parsed procedure catalogue (include/motcua/catalog.h) into the
 * database: all or nothing in one transaction. A procedure whose content
 * changed gets a new version; dossiers already received keep the copies
 * they took at intake and the steps of their version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"
#include "store/dossier_internal.h"

typedef struct step_row {
	char unit[MC_UNIT_CODE_MAX];
	int64_t minutes;
} step_row;

/* Steps of one stored version, malloc'd. */
static mc_status load_steps(mc_db *db, int64_t proc_id, int version, step_row **out, size_t *n,
                            mc_err *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"SELECT unit_code, budget_minutes FROM procedure_steps WHERE procedure_id = ?"
		" AND version = ? ORDER BY seq", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, proc_id);
	sqlite3_bind_int(st, 2, version);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			step_row *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = nb;
		}
		mc_col_text(st, 0, (*out)[*n].unit, sizeof(*out)[*n].unit);
		(*out)[*n].minutes = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(db, rc, e);
	}
	return MC_OK;
}

static bool text_eq(const unsigned char *a, const char *b)
{
	return strcmp(a ? (const char *)a : "", b ? b : "") == 0;
}

/* Make sure every unit a step names exists (a new one is created with its code as name). */
static mc_status ensure_unit(mc_db *db, const char *code, int *added, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"INSERT INTO units (code, name, kind, sort) VALUES (?1, ?1,"
		" CASE WHEN ?1 = 'LD' THEN 'leadership' ELSE 'department' END, 60)"
		" ON CONFLICT (code) DO NOTHING", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mc_db_error(db, rc, e);
	if (sqlite3_changes(mc_db_handle(db)) > 0)
		(*added)++;
	return MC_OK;
}

static mc_status import_one(const mc_ctx *ctx, const mc_procedure *p, mc_time now,
                            mc_import_result *r, mc_err *e)
{
	mc_db *db = ctx->db;
	char *name = mc_text_nfc(p->name), *field = mc_text_nfc(p->field), *fee = mc_text_nfc(p->fee ? p->fee : "");
	char *fold = name ? mc_text_fold(name) : NULL;
	char *docs = mc_documents_join(p->documents, p->n_documents);
	step_row *old_steps = NULL;
	size_t n_old = 0;
	mc_status s = MC_OK;
	sqlite3_stmt *st = NULL;
	if (!name || !field || !fee || !fold || !docs) {
		s = mc_err_set(e, MC_ERR_INVALID, _("procedure %s (line %d): invalid text."), p->code,
		               p->line);
		goto out;
	}
	char code[MC_CODE_MAX];
	mc_code_normalise(p->code, code, sizeof code);

	/* New step rows with their budgets in working minutes. */
	step_row *new_steps = NULL;
	if (p->n_steps) {
		new_steps = calloc(p->n_steps, sizeof *new_steps);
		if (!new_steps) {
			s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
			goto out;
		}
	}
	for (size_t i = 0; i < p->n_steps; i++) {
		mc_code_normalise(p->steps[i].unit, new_steps[i].unit, sizeof new_steps[i].unit);
		mc_limit_minutes(ctx->cfg, &p->steps[i].budget, &new_steps[i].minutes);
		if ((s = ensure_unit(db, new_steps[i].unit, &r->units_added, e)) != MC_OK) {
			free(new_steps);
			goto out;
		}
	}

	if ((s = mc_db_prepare(db,
		"SELECT id, version, name, field, level, limit_unit, limit_amount, online_unit,"
		" online_amount, same_day_cutoff, fee, documents FROM procedures WHERE code = ?",
		&st, e)) != MC_OK) {
		free(new_steps);
		goto out;
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t id = 0;
	int version = 0;
	bool same = false;
	const char *online_unit = p->has_online_limit ? mc_limit_unit_name(p->online_limit.unit) : NULL;
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1);
		int cutoff = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
		same = text_eq(sqlite3_column_text(st, 2), name) &&
		       text_eq(sqlite3_column_text(st, 3), field) &&
		       text_eq(sqlite3_column_text(st, 4), mc_level_name(p->level)) &&
		       text_eq(sqlite3_column_text(st, 5), mc_limit_unit_name(p->limit.unit)) &&
		       sqlite3_column_int(st, 6) == p->limit.amount &&
		       (p->has_online_limit
		                ? text_eq(sqlite3_column_text(st, 7), online_unit) &&
		                          sqlite3_column_int(st, 8) == p->online_limit.amount
		                : sqlite3_column_type(st, 7) == SQLITE_NULL) &&
		       cutoff == (p->limit.cutoff >= 0 ? p->limit.cutoff : -1) &&
		       text_eq(sqlite3_column_text(st, 10), fee) &&
		       text_eq(sqlite3_column_text(st, 11), docs);
	} else if (rc != SQLITE_DONE) {
		s = mc_db_error(db, rc, e);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (s != MC_OK) {
		free(new_steps);
		goto out;
	}
	if (id && same) {
		if ((s = load_steps(db, id, version, &old_steps, &n_old, e)) != MC_OK) {
			free(new_steps);
			goto out;
		}
		same = n_old == p->n_steps;
		for (size_t i = 0; same && i < n_old; i++)
			same = strcmp(old_steps[i].unit, new_steps[i].unit) == 0 &&
			       old_steps[i].minutes == new_steps[i].minutes;
	}
	if (id && same) {
		r->unchanged++;
		free(new_steps);
		goto out;
	}
	if (id) {
		s = mc_db_prepare(db,
			"UPDATE procedures SET name = ?2, name_fold = ?3, field = ?4, level = ?5,"
			" limit_unit = ?6, limit_amount = ?7, online_unit = ?8, online_amount = ?9,"
			" same_day_cutoff = ?10, fee = ?11, documents = ?12, version = version + 1,"
			" active = 1, updated_at = ?13 WHERE id = ?1 RETURNING version", &st, e);
	} else {
		s = mc_db_prepare(db,
			"INSERT INTO procedures (code, name, name_fold, field, level, limit_unit,"
			" limit_amount, online_unit, online_amount, same_day_cutoff, fee, documents,"
			" version, updated_at) VALUES (?14, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
			" 1, ?13) RETURNING version", &st, e);
	}
	if (s != MC_OK) {
		free(new_steps);
		goto out;
	}
	if (id)
		sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fold, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, mc_level_name(p->level), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, mc_limit_unit_name(p->limit.unit), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, p->limit.amount);
	mc_bind_text(st, 8, online_unit);
	if (p->has_online_limit)
		sqlite3_bind_int(st, 9, p->online_limit.amount);
	if (p->limit.cutoff >= 0)
		sqlite3_bind_int(st, 10, p->limit.cutoff);
	sqlite3_bind_text(st, 11, fee, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, docs, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 13, now);
	if (!id)
		sqlite3_bind_text(st, 14, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_ROW) {
		s = mc_db_error(db, rc, e);
		free(new_steps);
		goto out;
	}
	if (!id) {
		id = sqlite3_last_insert_rowid(mc_db_handle(db));
		r->added++;
	} else {
		r->updated++;
	}
	if (p->n_steps) {
		if ((s = mc_db_prepare(db,
			"INSERT INTO procedure_steps (procedure_id, version, seq, unit_code, budget_minutes)"
			" VALUES (?, ?, ?, ?, ?)", &st, e)) != MC_OK) {
			free(new_steps);
			goto out;
		}
		for (size_t i = 0; i < p->n_steps; i++) {
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_int(st, 2, version);
			sqlite3_bind_int(st, 3, (int)i + 1);
			sqlite3_bind_text(st, 4, new_steps[i].unit, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 5, new_steps[i].minutes);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				s = mc_db_error(db, rc, e);
				break;
			}
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	free(new_steps);
out:
	free(old_steps);
	free(name);
	free(field);
	free(fee);
	free(fold);
	free(docs);
	return s;
}

mc_status mc_catalog_import(const mc_ctx *ctx, const struct mc_procedure *procs, size_t n,
                            mc_import_result *out, mc_err *e)
{
	mc_import_result r;
	memset(&r, 0, sizeof r);
	if (out)
		*out = r;
	if (!ctx || !ctx->db || !ctx->cfg)
		return mc_err_set(e, MC_ERR_INVALID, _("internal error: incomplete context."));
	mc_status s = mc_ctx_require(ctx, MC_ACT_CATALOG, e); /* administrators only */
	if (s != MC_OK || (s = mc_ctx_check_write(ctx, e)) != MC_OK ||
	    (s = mc_db_begin_write(ctx->db, e)) != MC_OK)
		return s;
	mc_time now = mc_ctx_now(ctx);
	for (size_t i = 0; i < n && s == MC_OK; i++)
		s = import_one(ctx, &procs[i], now, &r, e);
	if (s != MC_OK) {
		mc_db_rollback(ctx->db);
		return s;
	}
	if ((s = mc_db_commit(ctx->db, e)) != MC_OK)
		return s;
	if (out)
		*out = r;
	return MC_OK;
}
