/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between the dossier files of src/store (not public API). */
#ifndef MOTCUA_STORE_DOSSIER_INTERNAL_H
#define MOTCUA_STORE_DOSSIER_INTERNAL_H

#include "motcua/dossier.h"
#include "store/store_internal.h"

/* An event to insert; strings borrowed. */
typedef struct mc_event_row {
	const char *kind;
	int64_t dossier_id, counter_log_id; /* 0 = none */
	mc_time at;
	const char *from_unit, *to_unit, *note;
	mc_time effective;
	int64_t step_budget; /* -1 = none */
	mc_outcome step_outcome;
} mc_event_row;

mc_status mc_event_insert(const mc_ctx *ctx, const mc_event_row *ev, mc_err *e);
mc_time mc_ctx_now(const mc_ctx *ctx);
/* True when the clock is frozen (--now): writes are then marked back-dated. */
bool mc_ctx_frozen(const mc_ctx *ctx);
/*
 * Every write of the store asks this first: MC_ERR_DENIED, with one
 * sentence, when the clock is frozen and [audit] allow_backdated is off.
 */
mc_status mc_ctx_check_write(const mc_ctx *ctx, mc_err *e);
/* Upper-case ASCII and trim a code typed by a user. */
void mc_code_normalise(const char *in, char *out, size_t size);
mc_status mc_unit_lookup(const mc_ctx *ctx, const char *code, int64_t *id, char *kind,
                         size_t kind_size, mc_err *e);
/* Working minutes of a limit (days * hours_per_day * 60...). */
mc_status mc_limit_minutes(const mc_config *cfg, const mc_limit *l, int64_t *out);

char *mc_trail_to_json(const mc_trail *t);
mc_status mc_trail_from_json(const char *json, mc_trail *t, mc_err *e);

/* The column list and FROM clause every dossier read uses, and the row reader. */
#define MC_DOSSIER_SELECT \
	"SELECT d.id, d.code, d.register_year, d.register_no, d.procedure_code, d.procedure_name," \
	" d.field, d.limit_unit, d.limit_amount, d.limit_cutoff, d.applicant_id, a.kind, a.name," \
	" a.id_number, a.tax_code, a.phone, a.address, a.email, d.channel, d.sets, d.received_at," \
	" d.due_at, d.original_due_at, d.status, u.code, u.name, d.stage_started_at, d.result," \
	" d.outcome, d.finished_at, d.returned_at, d.closed_at, d.rating, d.digitised," \
	" d.paid_online, d.e_result, d.supplement_requested_at, d.supplement_count," \
	" d.supplement_late, p.id, p.reason, p.old_due, p.new_due, p.at, p.signer, p.notified_by," \
	" p.actor, d.procedure_id, d.procedure_version, d.step_seq" \
	" FROM dossiers d JOIN applicants a ON a.id = d.applicant_id" \
	" JOIN units u ON u.id = d.unit_id LEFT JOIN apologies p ON p.dossier_id = d.id"

void mc_dossier_read_row(sqlite3_stmt *st, mc_dossier *d);
/* One dossier by code (normalised here). */
mc_status mc_dossier_load(const mc_ctx *ctx, const char *code, mc_dossier *d, mc_err *e);

#endif
