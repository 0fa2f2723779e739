/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier lists: the filters of the list screen, the supervisor's overdue /
 * at-risk / apology lists, search, and keyset paging. A page never loads
 * more than `limit` rows: the caller passes the cursor of the previous page
 * and gets the next one, so any number of dossiers can be browsed.
 *
 * Ownership: the caller provides the output array (capacity >= q->limit).
 */
#ifndef MOTCUA_QUERY_H
#define MOTCUA_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"

typedef enum {
	MC_LIST_ALL,          /* every dossier (with the other filters) */
	MC_LIST_OPEN,         /* received, processing or supplement */
	MC_LIST_OVERDUE,      /* open (not supplement) and late at now */
	MC_LIST_DUE_SOON,     /* open, not overdue, within the due-soon window */
	MC_LIST_AT_RISK,      /* open, apology deadline reached or budgets exceed time left */
	MC_LIST_SUPPLEMENT,   /* waiting for the applicant's papers */
	MC_LIST_READY,        /* result waiting for collection */
	MC_LIST_APOLOGY       /* open, at or past the apology deadline, no apology yet */
} mc_list_kind;

typedef enum {
	MC_SORT_DUE,          /* (due_at, id) ascending: the default for open lists */
	MC_SORT_RECEIVED_DESC /* (received_at, id) newest first: the default for ALL */
} mc_sort;

/* Position after the last row of a page; zeroed = first page. */
typedef struct mc_cursor {
	bool set;
	int64_t key; /* due_at or received_at of the last row */
	int64_t id;
} mc_cursor;

typedef struct mc_query {
	mc_list_kind kind;
	int status;              /* an mc_dossier_status, or -1 for any */
	int channel;             /* an mc_channel, or -1 for any */
	const char *unit_code;   /* NULL = any */
	const char *field;       /* NULL = any (exact) */
	int due_within_days;     /* -1 = no filter; N: due within N working days of now */
	const char *search;      /* NULL = none: code prefix, ID number, or name words (folded) */
	mc_time received_from, received_to; /* [from, to), MC_TIME_NONE = open */
	mc_sort sort;
	int limit;               /* page size, 1..1000 */
	mc_cursor after;
} mc_query;

/* A query with no filter: kind ALL, any status, newest first, 50 a page. */
void mc_query_init(mc_query *q);

/*
 * One page into out[0..*n). *next gets the cursor of the following page
 * (next->set false when this was the last page).
 */
mc_status mc_dossier_list(const mc_ctx *ctx, const mc_query *q, mc_dossier *out, size_t *n,
                          mc_cursor *next, mc_err *e);

/* Number of dossiers matching q (paging fields ignored). */
mc_status mc_dossier_count(const mc_ctx *ctx, const mc_query *q, int64_t *count, mc_err *e);

/*
 * The register of a period, streamed (the export's register sheet): the
 * dossiers received in [from, to), oldest first (received, id), each with
 * its first hand-over to a processing unit, read by one ordered pass in one
 * read transaction; memory does not grow with the rows.
 *
 * The rows are read ahead on a second thread (when SQLite is thread-safe)
 * while the caller works on the current one: between mc_register_open() and
 * mc_register_close() the caller must not use ctx->db for anything else.
 *
 * Ownership: mc_register_open() gives a cursor that mc_register_close()
 * frees (NULL is a no-op), ending the read transaction it began; the row
 * given by mc_register_next() belongs to the cursor until the next call.
 */
typedef struct mc_register_row {
	mc_dossier d;
	mc_time sent;                /* first transfer to a unit (effective moment); NONE if none */
	char sent_unit[MC_CODE_MAX]; /* the code of that unit, "" if none */
} mc_register_row;

typedef struct mc_register_cursor mc_register_cursor;

mc_status mc_register_open(const mc_ctx *ctx, mc_time from, mc_time to, mc_register_cursor **out,
                           mc_err *e);
/* The next row into *row, or *row = NULL after the last one. */
mc_status mc_register_next(mc_register_cursor *c, const mc_register_row **row, mc_err *e);
void mc_register_close(mc_register_cursor *c);

#endif
