/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Query plans and the screens' main queries, for the plan test
 * (tests/unit/test_query_plans.c) and the scale benchmark (tests/bench/).
 *
 * Nothing here repeats the SQL of the store: a log records the statements
 * that the store really runs (sqlite3_trace_v2) while a screen's queries are
 * made through the public API (mc_screen_query_run), and each recorded
 * statement can then be explained (EXPLAIN QUERY PLAN) or run again raw.
 *
 * Ownership: mc_sql_log_start() returns a log freed with mc_sql_log_free()
 * (NULL is a no-op); the strings it returns are owned by the log. An
 * mc_plan is filled by mc_sql_plan() and released with mc_plan_clear().
 */
#ifndef MOTCUA_PLANS_H
#define MOTCUA_PLANS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"
#include "motcua/error.h"
#include "motcua/store.h"

typedef struct mc_sql_log mc_sql_log;

/*
 * Start recording the statements run on db: each distinct SQL text once,
 * with the values bound at its first run. Only one log per db at a time.
 */
mc_status mc_sql_log_start(mc_db *db, mc_sql_log **out, mc_err *e);
/* Stop recording (the entries stay readable). */
void mc_sql_log_stop(mc_sql_log *log);
void mc_sql_log_free(mc_sql_log *log); /* stops too; NULL is a no-op */
/* Forget the entries recorded so far (recording goes on). */
void mc_sql_log_reset(mc_sql_log *log);
size_t mc_sql_log_count(const mc_sql_log *log);
/* Entry i as prepared (with ?N parameters). */
const char *mc_sql_log_sql(const mc_sql_log *log, size_t i);
/* Entry i with the values bound at its first run written in (NULL if unknown). */
const char *mc_sql_log_expanded(const mc_sql_log *log, size_t i);
/*
 * The most rows one run of entry i stepped through in full table scans
 * (SQLITE_STMTSTATUS_FULLSCAN_STEP), -1 when no run ended while recording.
 * A plan's "SCAN t" that walks t in rowid order and stops at a LIMIT
 * ("ORDER BY id DESC LIMIT 1") steps once; a real full scan steps through
 * the whole table.
 */
int64_t mc_sql_log_scan_steps(const mc_sql_log *log, size_t i);

/* The plan of one statement. */
typedef struct mc_plan {
	char *text;       /* EXPLAIN QUERY PLAN details, one line each, indented by depth */
	bool full_scan;   /* a big table read without an index ("SCAN dossiers") */
	bool index_scan;  /* a big table read whole through an index (O(rows), but no sort) */
	bool temp_sort;   /* a temporary B-tree for ORDER BY / GROUP BY / DISTINCT */
	char table[64];   /* the first big table scanned, "" when none */
} mc_plan;

/*
 * The big tables (their size grows with the number of dossiers): dossiers,
 * events, applicants, applicant_words, apologies, counter_logs.
 */
bool mc_plan_big_table(const char *name);

/*
 * EXPLAIN QUERY PLAN of sql (its parameters left unbound) into *out; a scan
 * of an alias ("FROM dossiers d" ... "SCAN d") counts as a scan of its table.
 * Statements that are not queries (BEGIN, COMMIT, PRAGMA) give an empty plan.
 */
mc_status mc_sql_plan(mc_db *db, const char *sql, mc_plan *out, mc_err *e);
void mc_plan_clear(mc_plan *p); /* NULL or cleared: no-op */

/* Run sql (no parameters) to its last row; *rows (may be NULL) gets the row count. */
mc_status mc_sql_run(mc_db *db, const char *sql, int64_t *rows, mc_err *e);

/* What the screen queries look for. Zero / NULL fields take a default. */
typedef struct mc_screen_params {
	const char *search_name; /* accent-free name words; default "nguyen van" (search.name) */
	mc_date month_from, month_to; /* default: the month of the clock's now */
} mc_screen_params;

/* Number of screen queries, and the name of query i ("list.overdue"...). */
size_t mc_screen_query_count(void);
const char *mc_screen_query_name(size_t i);
/* Which screen shows query i, for messages ("dashboard", "list", "reports"...). */
const char *mc_screen_query_screen(size_t i);

/*
 * Make screen query i through the public API, exactly as the screen does
 * (the list screens: the first page of 50 and the total). *rows (may be
 * NULL) gets the number of dossiers the screen shows (page rows, or the
 * counter / table total). Reads only.
 */
mc_status mc_screen_query_run(const mc_ctx *ctx, size_t i, const mc_screen_params *p,
                              int64_t *rows, mc_err *e);

#endif
