/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tamper-evident event history (not public API; src/store only).
 *
 * Each event's hash is SHA-256( previous event's hash, 32 raw bytes, or 32
 * zero bytes for the first chained event || "motcua-event-1" || the 15
 * values of the event in column order: id, dossier_id, counter_log_id,
 * kind, at, recorded_at, backdated, actor, from_unit, to_unit, note,
 * effective_at, step_budget, step_outcome, state ). Each value is
 * serialised with a type tag and a length: 'N' for NULL, 'I' and 8 bytes
 * big-endian for an integer, 'T', 4 bytes big-endian length and the bytes
 * for text. `state` is the SHA-256 of the key columns of the dossier row
 * (with its apology and document numbers) or of the counter log, read right
 * after the event's change, serialised the same way (MC_CHAIN_DOSSIER_COLS).
 */
#ifndef MOTCUA_STORE_CHAIN_H
#define MOTCUA_STORE_CHAIN_H

#include <stddef.h>
#include <stdint.h>

#include "motcua/sha256.h"
#include "store/store_internal.h"

/* One value as bound to / read from SQLite. */
typedef struct mc_chain_value {
	int type;      /* 0 NULL, 1 integer, 2 text */
	int64_t i;
	const char *s; /* borrowed; NUL-terminated */
} mc_chain_value;

enum { MC_CHAIN_EVENT_VALUES = 15 };

/* Hash one serialised value into c. */
void mc_chain_put(mc_sha256_ctx *c, const mc_chain_value *v);
/* Hash column col of the current row of st the same way. */
void mc_chain_put_column(mc_sha256_ctx *c, sqlite3_stmt *st, int col);

/* The event hash from prev (NULL = 32 zero bytes) and the 15 values. */
void mc_chain_event_hash(const uint8_t *prev, const mc_chain_value v[MC_CHAIN_EVENT_VALUES],
                         uint8_t out[MC_SHA256_SIZE]);
/* The same from columns first..first+14 of the current row of st. */
void mc_chain_event_hash_row(const uint8_t *prev, sqlite3_stmt *st, int first,
                             uint8_t out[MC_SHA256_SIZE]);

/*
 * Inside the caller's write transaction: the id the next event gets (the
 * greatest id + 1) and the hash it links to (*has_prev false: no chained
 * event before it, link to zeros).
 */
mc_status mc_chain_head(mc_db *db, int64_t *next_id, uint8_t prev[MC_SHA256_SIZE],
                        bool *has_prev, mc_err *e);

/*
 * The columns whose digest is a dossier's state, in order, and the joins
 * they need (alias d = dossiers). 35 dossier columns in the order of the
 * demo generator's insert, due_trail, 8 apology columns, 6 document
 * columns: 50 values.
 */
#define MC_CHAIN_DOSSIER_COLS \
	"d.id, d.code, d.register_year, d.register_no, d.procedure_id, d.procedure_version," \
	" d.procedure_code, d.procedure_name, d.field, d.limit_unit, d.limit_amount," \
	" d.limit_cutoff, d.applicant_id, d.channel, d.sets, d.received_at, d.due_at," \
	" d.original_due_at, d.status, d.unit_id, d.stage_started_at, d.step_seq, d.result," \
	" d.outcome, d.finished_at, d.returned_at, d.closed_at, d.rating, d.digitised," \
	" d.paid_online, d.e_result, d.supplement_requested_at, d.supplement_count," \
	" d.supplement_late, d.created_at, d.due_trail," \
	" ap.reason, ap.old_due, ap.new_due, ap.signer, ap.notified_by, ap.at, ap.actor," \
	" ap.recorded_at, da.year, da.number, da.at, ds.year, ds.number, ds.at"
#define MC_CHAIN_DOSSIER_JOINS \
	" LEFT JOIN apologies ap ON ap.dossier_id = d.id" \
	" LEFT JOIN documents da ON da.dossier_id = d.id AND da.kind = 'apology'" \
	" LEFT JOIN documents ds ON ds.dossier_id = d.id AND ds.kind = 'stop'"
enum { MC_CHAIN_DOSSIER_VALUES = 50, MC_CHAIN_DOSSIER_ROW_VALUES = 35, MC_CHAIN_APOLOGY_VALUES = 8 };

/* Counter logs: the columns a personal-data purge never clears (alias c). */
#define MC_CHAIN_COUNTER_COLS "c.id, c.kind, c.at, c.procedure_id, c.actor"
enum { MC_CHAIN_COUNTER_VALUES = 5 };

/* Digest of n values (a state). */
void mc_chain_state_values(const mc_chain_value *v, int n, uint8_t out[MC_SHA256_SIZE]);
/* Digest of columns first..first+n-1 of the current row of st. */
void mc_chain_state_row(sqlite3_stmt *st, int first, int n, uint8_t out[MC_SHA256_SIZE]);

/* The state of dossier / counter log id as it stands in the database (hex). */
mc_status mc_chain_dossier_state(mc_db *db, int64_t id, char hex[MC_SHA256_HEX_SIZE], mc_err *e);
mc_status mc_chain_counter_state(mc_db *db, int64_t id, char hex[MC_SHA256_HEX_SIZE], mc_err *e);

/*
 * Give dossier_id the next letter number of kind ("apology" or "stop") for
 * the year of `at`, from the yearly sequence 'doc-<kind>', and store it
 * (table documents). Inside the caller's write transaction, before the
 * event that records the apology or stop. *number (may be NULL) gets it.
 */
mc_status mc_document_assign(mc_db *db, int64_t dossier_id, const char *kind, mc_time at,
                             int *number, mc_err *e);

#endif
