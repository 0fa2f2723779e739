/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossiers and their lifecycle (product.md §1, domain.md §1):
 *
 *   received -> processing <-> supplement -> ready -> returned
 *   side exits: stopped (form 05), withdrawn
 *
 * Every operation takes an mc_ctx, runs in ONE write transaction (BEGIN
 * IMMEDIATE, waiting for other writers through the busy timeout) and either
 * applies completely and records an event (time, actor, from/to unit,
 * reason) or changes nothing and fills mc_err with one translated sentence.
 * "Now" is always mc_clock_now(ctx->clock); each event also stores the real
 * recording time and a back-dated mark when the clock is frozen.
 *
 * Nothing here prints. Structures are plain values with fixed buffers
 * unless a comment says otherwise; the caller owns what it passes in.
 */
#ifndef MOTCUA_DOSSIER_H
#define MOTCUA_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/calendar.h"
#include "motcua/clock.h"
#include "motcua/config.h"
#include "motcua/deadline.h"
#include "motcua/error.h"
#include "motcua/mctime.h"
#include "motcua/store.h"

/* Everything an operation needs. All pointers borrowed; actor = OS account name. */
typedef struct mc_ctx {
	mc_db *db;
	const mc_config *cfg;
	const mc_calendar *cal;
	const mc_clock *clock;
	const char *actor;
} mc_ctx;

typedef enum {
	MC_STATUS_RECEIVED,
	MC_STATUS_PROCESSING,
	MC_STATUS_SUPPLEMENT,
	MC_STATUS_READY,
	MC_STATUS_RETURNED,
	MC_STATUS_STOPPED,
	MC_STATUS_WITHDRAWN,
	MC_DOSSIER_STATUS_COUNT
} mc_dossier_status;

typedef enum { MC_CHANNEL_DIRECT, MC_CHANNEL_POSTAL, MC_CHANNEL_ONLINE, MC_CHANNEL_COUNT } mc_channel;

typedef enum { MC_RESULT_NONE, MC_RESULT_APPROVED, MC_RESULT_REFUSED } mc_result;

typedef enum { MC_NOTIFY_NONE, MC_NOTIFY_PHONE, MC_NOTIFY_SMS, MC_NOTIFY_EMAIL, MC_NOTIFY_LETTER } mc_notify;

/* Names as stored and printed in JSON: "received", "direct", "approved", "phone"... */
const char *mc_dossier_status_name(mc_dossier_status s);
const char *mc_channel_name(mc_channel c);
const char *mc_result_name(mc_result r);   /* NULL for NONE */
const char *mc_notify_name(mc_notify n);   /* NULL for NONE */
/* Translated labels for people ("Đã tiếp nhận", "Trực tuyến"...). */
const char *mc_dossier_status_label(mc_dossier_status s);
const char *mc_channel_label(mc_channel c);
/* Translated label of an event kind as stored ("intake", "transfer", ...); an unknown kind as is. */
const char *mc_event_kind_label(const char *kind);
/* Translated label of a unit kind as stored ("desk", "department", "leadership"); an unknown one as is. */
const char *mc_unit_kind_label(const char *kind);
/* Parsers; an unknown word fails with a sentence naming it and the accepted words. */
mc_status mc_dossier_status_parse(const char *s, mc_dossier_status *out, mc_err *e);
mc_status mc_channel_parse(const char *s, mc_channel *out, mc_err *e);
mc_status mc_result_parse(const char *s, mc_result *out, mc_err *e);
mc_status mc_notify_parse(const char *s, mc_notify *out, mc_err *e);

/* Open = neither ready nor in an end state (counts against the due moment). */
bool mc_dossier_status_open(mc_dossier_status s);

#define MC_CODE_MAX 64
#define MC_NAME_MAX 256
#define MC_TEXT_MAX 1024

/* Applicant data as typed; NULL or "" = not given (kept from the stored applicant). */
typedef struct mc_applicant_input {
	bool organisation;
	const char *name;      /* required for a new applicant */
	const char *id_number; /* CCCD / CMND: finds a known applicant again */
	const char *tax_code;
	const char *phone;
	const char *address;
	const char *email;
} mc_applicant_input;

typedef struct mc_intake_input {
	const char *procedure_code;
	mc_applicant_input applicant;
	mc_channel channel;
	int sets;              /* >= 1; 0 means 1 */
	bool digitised, paid_online;
	const char *note;      /* optional, stored on the intake event */
} mc_intake_input;

typedef struct mc_intake_result {
	int64_t id;
	char code[MC_CODE_MAX];
	int register_year;
	int register_no;
	mc_time received;
	mc_time due;
	mc_trail trail;          /* owned: free with mc_intake_result_free() */
	bool applicant_known;    /* found again by ID number */
	char warning[MC_TEXT_MAX]; /* "" or a translated warning (unknown CCCD province...) */
} mc_intake_result;

void mc_intake_result_free(mc_intake_result *r);

/*
 * Receive a complete dossier at "now": applicant found again by ID number
 * (given fields updated, others kept) or created; procedure by code; code and
 * register number allocated; due computed by mc_due_compute with the online
 * limit for online dossiers; status "received" at the desk unit.
 */
mc_status mc_dossier_intake(const mc_ctx *ctx, const mc_intake_input *in, mc_intake_result *out,
                            mc_err *e);

/* Counter outcomes without a dossier: guidance (form 02) and refusal (form 03). */
typedef enum { MC_COUNTER_GUIDE, MC_COUNTER_REFUSE } mc_counter_kind;
typedef struct mc_counter_input {
	mc_counter_kind kind;
	const char *procedure_code; /* optional */
	mc_applicant_input applicant; /* name required */
	const char *reason;         /* missing items (02) or reasons (03), required */
} mc_counter_input;
mc_status mc_counter_log(const mc_ctx *ctx, const mc_counter_input *in, int64_t *id, mc_err *e);

/* Result of a transfer (the step judged at the hand-over). */
typedef struct mc_transfer_result {
	char from_unit[MC_CODE_MAX], to_unit[MC_CODE_MAX];
	mc_time effective;       /* hand-over moment after the 15:00 rule */
	int64_t step_budget;     /* working minutes budget of the step that ended, -1 if none */
	mc_outcome step_outcome; /* of the step that ended; NONE without a budget */
} mc_transfer_result;

/* Hand the dossier to unit to_unit (or back to the desk). out may be NULL. */
mc_status mc_dossier_transfer(const mc_ctx *ctx, const char *code, const char *to_unit,
                              const char *note, mc_transfer_result *out, mc_err *e);

/* Ask for more papers (form 02 during appraisal). *late (may be NULL): after cfg->supplement_days. */
mc_status mc_dossier_supplement(const mc_ctx *ctx, const char *code, const char *reason,
                                bool *late, mc_err *e);

/*
 * The papers arrived: restart (due recomputed from now with the full limit)
 * or pause (due extended by the waiting office time) per cfg->supplement_mode.
 * new_due (may be NULL) gets the new due moment.
 */
mc_status mc_dossier_resume(const mc_ctx *ctx, const char *code, mc_time *new_due, mc_err *e);

/* The result is ready; outcome judged against the ORIGINAL due (an apology does not help). */
mc_status mc_dossier_finish(const mc_ctx *ctx, const char *code, mc_result result,
                            mc_outcome *outcome, mc_err *e);

/* The result is handed to the applicant; rating 1..3, or 0 when not given. */
mc_status mc_dossier_handover(const mc_ctx *ctx, const char *code, int rating, mc_err *e);

/* Stop processing (form 05), reason required. */
mc_status mc_dossier_stop(const mc_ctx *ctx, const char *code, const char *reason, mc_err *e);

/* The applicant withdraws; reason optional. */
mc_status mc_dossier_withdraw(const mc_ctx *ctx, const char *code, const char *reason, mc_err *e);

typedef struct mc_apology_input {
	const char *reason;   /* required */
	mc_time new_due;      /* after the current due */
	const char *signer;   /* optional */
	mc_notify notified_by;
} mc_apology_input;

/* Record the apology and the new due moment, once per dossier; original_due is kept. */
mc_status mc_dossier_apologize(const mc_ctx *ctx, const char *code, const mc_apology_input *in,
                               mc_err *e);

/* A dossier as shown and listed. Times are MC_TIME_NONE when not happened. */
typedef struct mc_dossier {
	int64_t id;
	char code[MC_CODE_MAX];
	int register_year, register_no;
	char procedure_code[MC_CODE_MAX];
	char procedure_name[MC_TEXT_MAX];
	char field[MC_NAME_MAX];
	mc_limit limit;          /* the limit applied at intake */
	int64_t applicant_id;
	bool applicant_organisation;
	char applicant_name[MC_NAME_MAX];
	char id_number[16];
	char tax_code[24];
	char phone[24];
	char address[MC_TEXT_MAX];
	char email[MC_NAME_MAX];
	mc_channel channel;
	int sets;
	mc_time received, due, original_due;
	mc_dossier_status status;
	char unit_code[MC_CODE_MAX];
	char unit_name[MC_NAME_MAX];
	mc_time stage_started;
	mc_result result;
	mc_outcome outcome;      /* stored at finish; NONE until then */
	mc_time finished, returned, closed;
	int rating;              /* 0 = none */
	bool digitised, paid_online, e_result;
	mc_time supplement_requested; /* open request */
	int supplement_count;
	bool supplement_late;
	bool has_apology;
	struct {
		char reason[MC_TEXT_MAX];
		mc_time old_due, new_due, at;
		char signer[MC_NAME_MAX];
		mc_notify notified_by;
		char actor[MC_NAME_MAX];
	} apology;
	int64_t procedure_id;
	int procedure_version;   /* catalogue version the dossier was received with */
	int step_seq;            /* procedure step reached (0 = none yet) */
} mc_dossier;

/* One dossier by code (exact, case-insensitive). */
mc_status mc_dossier_get(const mc_ctx *ctx, const char *code, mc_dossier *out, mc_err *e);

/* The due trail recorded at intake (and after a restart); trail must be initialised. */
mc_status mc_dossier_trail(const mc_ctx *ctx, const char *code, mc_trail *trail, mc_err *e);

/* One event of the history. */
typedef struct mc_event {
	int64_t id;
	int64_t dossier_id;      /* 0 for counter logs */
	char kind[16];           /* "intake", "transfer", ... */
	mc_time at, recorded_at;
	bool backdated;
	char actor[MC_NAME_MAX];
	char from_unit[MC_CODE_MAX], to_unit[MC_CODE_MAX]; /* "" = none */
	char note[MC_TEXT_MAX];  /* reason / note, "" = none */
	mc_time effective;       /* hand-over moment for transfers */
	int64_t step_budget;     /* -1 = none */
	mc_outcome step_outcome;
} mc_event;

/* Events of a dossier in order; *out malloc'd (caller frees with free()). */
mc_status mc_dossier_events(const mc_ctx *ctx, const char *code, mc_event **out, size_t *n,
                            mc_err *e);

/*
 * Working minutes still budgeted for the steps the dossier has not finished
 * (current step's remainder plus later steps); 0 without steps.
 */
mc_status mc_dossier_remaining_budget(const mc_ctx *ctx, const mc_dossier *d, int64_t *minutes,
                                      mc_err *e);

/* Units and procedures. */
typedef struct mc_unit {
	int64_t id;
	char code[MC_CODE_MAX];
	char name[MC_NAME_MAX];
	char kind[16]; /* desk | department | leadership | other */
} mc_unit;

/* Active units in display order; *out malloc'd (free()). */
mc_status mc_unit_list(const mc_ctx *ctx, mc_unit **out, size_t *n, mc_err *e);

typedef struct mc_procedure_row {
	int64_t id;
	char code[MC_CODE_MAX];
	char name[MC_TEXT_MAX];
	char field[MC_NAME_MAX];
	char level[16];
	mc_limit limit;
	bool has_online_limit;
	mc_limit online_limit;
	char fee[MC_NAME_MAX];
	int version;
} mc_procedure_row;

/*
 * Procedures by code order; search (may be NULL) matches a code prefix or a
 * name prefix/word prefix ignoring marks and case. *out malloc'd (free()).
 */
mc_status mc_procedure_list(const mc_ctx *ctx, const char *search, mc_procedure_row **out,
                            size_t *n, mc_err *e);

/*
 * The field of the catalogue that text names: the field itself, else the one
 * field whose name holds the text, case and diacritics ignored ("ho tich" ->
 * "Hộ tịch"), copied to out. None or several: MC_ERR_NOT_FOUND / MC_ERR_INVALID
 * with one sentence.
 */
mc_status mc_field_resolve(const mc_ctx *ctx, const char *text, char *out, size_t size,
                           mc_err *e);

/* Required documents of a procedure, one per line, malloc'd (free()); NULL if unknown code. */
char *mc_procedure_documents(const mc_ctx *ctx, const char *code, mc_err *e);

/* Catalogue import (records from mc_catalog_parse, include/motcua/catalog.h). */
struct mc_procedure;
typedef struct mc_import_result {
	int added, updated, unchanged, units_added;
} mc_import_result;

/*
 * All or nothing in one transaction: new codes are added, changed ones get a
 * new version (dossiers already received keep the limits they copied).
 */
mc_status mc_catalog_import(const mc_ctx *ctx, const struct mc_procedure *procs, size_t n,
                            mc_import_result *out, mc_err *e);

#endif
