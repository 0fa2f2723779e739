/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trust in the stored history (issue step 8):
 *
 *   - mc_verify(): SQLite's integrity and foreign-key checks, then the hash
 *     chain of the events walked in id order (each event's hash covers the
 *     previous hash and every column), then every dossier and counter log
 *     compared with the state recorded by its latest event. The first
 *     tampered or missing event is named (id, dossier code, kind).
 *   - mc_audit_backdated(): the writes made under a frozen clock (--now),
 *     a warning for the supervisor's audit view and for verify.
 *   - mc_backup(): a consistent online copy (SQLite backup API) while others
 *     write, owner-only permissions, written under a temporary name, checked
 *     and renamed.
 *   - mc_document_get(): the number and date given to an apology (form 04) or
 *     stop (form 05) letter when it was recorded.
 *
 * Nothing here prints. Structures are plain values with fixed buffers.
 */
#ifndef MOTCUA_AUDIT_H
#define MOTCUA_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"
#include "motcua/error.h"
#include "motcua/mctime.h"
#include "motcua/sha256.h"
#include "motcua/store.h"

/* ---- back-dated writes ------------------------------------------------ */

/* One write recorded under a frozen clock. */
typedef struct mc_backdated {
	char source[16];            /* "event" or "par" (a manual PAR entry) */
	int64_t id;                 /* events.id / par_manual.id */
	char dossier[MC_CODE_MAX];  /* dossier code, "" for counter logs and PAR entries */
	char kind[32];              /* event kind, or the PAR criterion */
	mc_time at;                 /* business time written */
	mc_time recorded_at;        /* real time of the write */
	char actor[MC_NAME_MAX];
} mc_backdated;

/*
 * The back-dated writes: *total gets their count (events and PAR entries);
 * out (room for max rows, may be NULL when max is 0) gets the first ones,
 * oldest first, or the newest first with newest_first. *n = rows filled.
 */
mc_status mc_audit_backdated(mc_db *db, bool newest_first, mc_backdated *out, size_t max,
                             size_t *n, int64_t *total, mc_err *e);

/* ---- verify ------------------------------------------------------------ */

typedef enum mc_verify_kind {
	MC_VERIFY_INTEGRITY,     /* PRAGMA integrity_check reported damage */
	MC_VERIFY_FOREIGN_KEY,   /* a row points to a missing row */
	MC_VERIFY_EVENT_CHANGED, /* an event's columns no longer give its hash */
	MC_VERIFY_EVENT_MISSING, /* ids jump: events were deleted */
	MC_VERIFY_EVENT_UNHASHED,/* an event without hash after the chain began */
	MC_VERIFY_ROW_CHANGED,   /* a dossier / counter log differs from its latest event's state */
	MC_VERIFY_NO_HISTORY,    /* a dossier / counter log without any event */
	MC_VERIFY_ANCHOR         /* the anchor given does not match */
} mc_verify_kind;

/* "integrity", "foreign-key", "event-changed", ... as printed in JSON. */
const char *mc_verify_kind_name(mc_verify_kind k);

typedef struct mc_verify_problem {
	mc_verify_kind kind;
	int64_t event_id;          /* 0 when none */
	char dossier[MC_CODE_MAX]; /* dossier code, "" when none */
	char event_kind[16];       /* "" when unknown */
	char message[MC_TEXT_MAX]; /* one translated sentence */
} mc_verify_problem;

enum { MC_VERIFY_MAX_LISTED = 10, MC_VERIFY_MAX_BACKDATED = 5 };

typedef struct mc_verify_options {
	bool quick;              /* PRAGMA quick_check instead of integrity_check */
	int64_t anchor_id;       /* > 0: event anchor_id must still have hash anchor */
	uint8_t anchor[MC_SHA256_SIZE];
} mc_verify_options;

typedef struct mc_verify_report {
	bool ok;                 /* no problem (back-dated writes are only warnings) */
	bool integrity_ok;
	int64_t fk_violations;
	int64_t events;          /* events read */
	int64_t chained;         /* events with a hash */
	int64_t unchained;       /* events recorded before the chain (schema < 5) */
	int64_t dossiers, counter_logs; /* rows compared with their latest event */
	int64_t head_id;         /* last event, 0 when none */
	char head_hash[MC_SHA256_HEX_SIZE]; /* its hash ("" when none): write it down as an anchor */
	int64_t problems;        /* all problems found */
	mc_verify_problem listed[MC_VERIFY_MAX_LISTED]; /* the first ones, the first first */
	size_t nlisted;
	int64_t backdated;       /* back-dated writes (warnings) */
	mc_backdated first_backdated[MC_VERIFY_MAX_BACKDATED];
	size_t nbackdated;
} mc_verify_report;

/*
 * Check the database (one read transaction, a consistent snapshot while
 * others write). Returns MC_OK when the checks ran, whatever they found
 * (see report->ok); an error only when they could not run. o may be NULL.
 */
mc_status mc_verify(mc_db *db, const mc_verify_options *o, mc_verify_report *report, mc_err *e);

/* ---- backup ------------------------------------------------------------ */

typedef struct mc_backup_result {
	int64_t pages;
	int64_t dossiers, events; /* counted in the copy */
	char path[4096];          /* the file written */
} mc_backup_result;

/*
 * Copy the open database to path, consistent at one moment while other
 * clerks keep writing: written as path.tmp-XXXXXX (mode 0600) with the
 * SQLite backup API, switched to a single-file journal mode, checked with
 * PRAGMA quick_check, synced, then renamed over path. An existing path is
 * refused unless replace; the database itself is always refused. On failure
 * nothing is left behind. out may be NULL.
 */
mc_status mc_backup(mc_db *db, const char *path, bool replace, mc_backup_result *out, mc_err *e);

/* ---- document numbers -------------------------------------------------- */

/* The letter number of a dossier's apology (04) or stop (05). */
typedef struct mc_document {
	int year;
	int number;   /* "Số: 05/..." */
	mc_time at;   /* business moment of the recording: the letter's date */
} mc_document;

/*
 * The number given when the apology ("apology") or the stop ("stop") of
 * dossier `code` was recorded: MC_ERR_NOT_FOUND (no sentence needed) when
 * none was (a record made before numbering, or none at all).
 */
mc_status mc_document_get(const mc_ctx *ctx, const char *code, const char *kind,
                          mc_document *out, mc_err *e);

#endif
