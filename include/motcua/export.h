/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The monthly (or any period) Excel workbook: the national table (Biểu 06),
 * the register of the period (form 07), the overdue and at-risk dossiers,
 * the PAR inputs and a chart of the on-time rate by field.
 *
 * The writer fetches nothing itself: the caller hands it plain values (a
 * header block, the table rows, the totals and rates) and two row iterators
 * for the register and the overdue sheets, so that 100,000 dossiers stream
 * through in order without being held in memory (libxlsxwriter's
 * constant_memory mode). src/export is the only folder that includes
 * xlsxwriter.h; this header does not.
 *
 * Ownership: every pointer in the input structures is borrowed for the
 * duration of the call; a row returned by an iterator is borrowed until the
 * next call of that iterator. The writer keeps nothing after it returns.
 */
#ifndef MOTCUA_EXPORT_H
#define MOTCUA_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/error.h"
#include "motcua/mctime.h"

/* The 13 columns of Biểu 06 minus STT and the field name, plus the side exit. */
typedef struct mc_export_counts {
	long long received_total;         /* (3) = (4) + (5) + (6) */
	long long received_online;        /* (4) */
	long long received_direct_postal; /* (5) */
	long long carried_over;           /* (6) */
	long long resolved_total;         /* (7) = (8) + (9) + (10) */
	long long resolved_early;         /* (8) */
	long long resolved_on_time;       /* (9) */
	long long resolved_late;          /* (10) */
	long long pending_total;          /* (11) = (12) + (13) */
	long long pending_within;         /* (12) */
	long long pending_overdue;        /* (13) */
	long long stopped_withdrawn;      /* stopped or withdrawn in the period (reconciliation) */
} mc_export_counts;

/* One row of the national table. */
typedef struct mc_export_row {
	const char *field; /* lĩnh vực */
	mc_export_counts c;
} mc_export_row;

/*
 * A percentage as `motcua report --json` gives it: value in percent (one
 * decimal there), valid = false when the denominator is 0 (JSON null).
 * num / den are the dossiers behind it, or -1 when unknown.
 */
typedef struct mc_export_ratio {
	bool valid;
	double percent;
	long long num, den;
} mc_export_ratio;

/* Who made the workbook and for what. Strings may be NULL (left blank). */
typedef struct mc_export_header {
	const char *agency;      /* issuing agency (reporting unit) */
	const char *agency_code; /* national electronic identifier */
	const char *superior;    /* superior agency, may be NULL */
	const char *period_name; /* the period as typed, e.g. "2025-06/official" */
	mc_date from, to;        /* the period, both days included */
	mc_time made_at;         /* when the workbook was made (the clock's now) */
	const char *made_by;     /* who made it */
} mc_export_header;

/*
 * One dossier, for the register sheet and the overdue sheet. Every string
 * may be NULL; every moment may be MC_TIME_NONE (left blank).
 */
typedef struct mc_export_dossier {
	long long register_no;   /* entry number in the year's register (0: none) */
	const char *code;        /* dossier code (text) */
	const char *procedure;   /* procedure name */
	const char *field;       /* lĩnh vực */
	int sets;                /* number of sets */
	const char *applicant;   /* written as text even if it starts with "=" */
	const char *id_number;   /* masked unless mask_ids is false */
	const char *address;
	const char *phone;       /* text, leading zeros kept */
	const char *channel;     /* translated channel name */
	const char *lead_unit;   /* cơ quan chủ trì giải quyết */
	const char *current_unit;/* where the dossier is now (overdue sheet) */
	const char *status;      /* translated status name */
	mc_time received;
	mc_time due;             /* current due moment (after an apology, the new one) */
	mc_time original_due;    /* due before the apology, MC_TIME_NONE if none */
	mc_time sent_to_unit;    /* first hand-over to a processing unit */
	mc_time result_back;     /* result back from the unit (ready) */
	mc_time returned;        /* handed to the applicant */
	const char *note;        /* ghi chú (register) */
	/* overdue sheet only */
	bool overdue;            /* false: at risk, not yet overdue */
	int days_late;           /* working days late at the report moment (0 when at risk) */
	bool apology;            /* an apology was recorded */
	mc_time apology_at;      /* when */
	mc_time apology_deadline;/* by when it had to go out */
	const char *apology_reason;
} mc_export_dossier;

/*
 * Row iterator: sets *row to the next dossier (borrowed until the next call)
 * or to NULL at the end. A non-MC_OK status stops the export (e fills the
 * message) and no file is left behind.
 */
typedef mc_status (*mc_export_next_fn)(void *ctx, const mc_export_dossier **row, mc_err *e);

typedef struct mc_export_iter {
	mc_export_next_fn next; /* NULL: the sheet has a header and no rows */
	void *ctx;
} mc_export_iter;

/* Everything the workbook shows. */
typedef struct mc_export_input {
	mc_export_header header;
	const mc_export_row *rows; /* one per field, in display order */
	size_t nrows;
	mc_export_counts total;    /* the total row (must equal the report's totals) */
	mc_export_ratio rate_a;    /* (early + on time) / resolved */
	mc_export_ratio rate_b;    /* (early + on time) / received */
	mc_export_ratio rate_c;    /* 100 % - (late + overdue pending) / (resolved + pending) */
	mc_export_ratio satisfaction;
	mc_export_ratio online_share;
	mc_export_ratio late_with_apology;
	mc_export_iter register_rows; /* sheet 2, in register order */
	mc_export_iter overdue_rows;  /* sheet 3: overdue first, then at risk */
	bool mask_ids;                /* mask ID numbers ("0790*****123") */
	int compression;              /* deflate level 1-9 of the file; 0 = zlib's default (6) */
	/*
	 * Refuse to write a workbook with no data at all (nothing received,
	 * carried over, resolved or pending): set for closed periods.
	 */
	bool refuse_empty;
	/*
	 * Optional. When set, rows, nrows, total and the ratios are not filled
	 * yet: the writer streams the register and overdue sheets first, then
	 * calls complete(complete_ctx, in, e) once, on its own copy of the
	 * input, to fill them before it writes the table, PAR and chart sheets
	 * (so the caller can build the national table while the lists stream).
	 * What complete() points to must live until mc_export_workbook returns.
	 */
	mc_status (*complete)(void *complete_ctx, struct mc_export_input *in, mc_err *e);
	void *complete_ctx;
} mc_export_input;

/*
 * Write the workbook to `path`. The file is written to a temporary file in
 * the same directory and renamed over `path` only on success; on any failure
 * (unwritable directory, iterator error, empty closed period) nothing is left
 * behind and e names the cause in one sentence.
 */
mc_status mc_export_workbook(const char *path, const mc_export_input *in, mc_err *e);

/* What mc_export_period() wrote. */
typedef struct mc_export_summary {
	mc_date from, to;
	size_t fields;        /* rows of the national table */
	size_t register_rows; /* dossiers received in the period */
	size_t overdue_rows;  /* overdue and at-risk dossiers listed */
	mc_export_counts total;
} mc_export_summary;

struct mc_ctx; /* include/motcua/dossier.h */

/*
 * The workbook of a period read from the database: `period` as in
 * include/motcua/period.h ("2025-06", "2025-06/official", "2025-Q2", "2025-H1",
 * "2025-9M", "2025", "FROM..TO"); the table and rates from mc_report_build()
 * (the numbers of `motcua report --json`), the register of the dossiers
 * received in the period in register order, the overdue then at-risk
 * dossiers at the clock's now. A period that has ended with no data is
 * refused. sum may be NULL. Reads only.
 */
mc_status mc_export_period(const struct mc_ctx *ctx, const char *period, const char *path,
                           mc_export_summary *sum, mc_err *e);

/*
 * Mask an ID number for display: keep the first 4 and the last 3 characters
 * of numbers of 8 or more characters ("079012345123" -> "0790*****123"),
 * the last 2 of shorter ones. out must hold strlen(id) + 1 bytes (size).
 */
void mc_export_mask_id(const char *id, char *out, size_t size);

/*
 * Copy s into out (size bytes) as text safe for a cell: control characters
 * removed (tab, CR and LF become a space), invalid UTF-8 bytes dropped,
 * truncated at a character boundary. Returns the number of characters
 * (code points) written.
 */
size_t mc_export_clean_text(const char *s, char *out, size_t size);

#endif
