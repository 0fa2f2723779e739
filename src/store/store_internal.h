/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared by the files of src/store (the only folder that includes sqlite3.h):
 * the raw handle, transactions with retry, and small statement helpers.
 * Not part of the public API.
 */
#ifndef MOTCUA_STORE_INTERNAL_H
#define MOTCUA_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "motcua/error.h"
#include "motcua/mctime.h"
#include "motcua/store.h"

/* The SQLite connection behind a handle (owned by db). */
sqlite3 *mc_db_handle(mc_db *db);

/*
 * BEGIN IMMEDIATE, waiting through the busy timeout and retrying, so that a
 * user never sees "database is locked"; MC_ERR_BUSY only after a long wait.
 */
mc_status mc_db_begin_write(mc_db *db, mc_err *e);
/* COMMIT (retried while busy); on failure the transaction is rolled back. */
mc_status mc_db_commit(mc_db *db, mc_err *e);
/* ROLLBACK if a transaction is open; never fails. */
void mc_db_rollback(mc_db *db);
/* BEGIN (deferred) for a consistent multi-statement read. */
mc_status mc_db_begin_read(mc_db *db, mc_err *e);

/* Fill e with a sentence for an SQLite failure rc (busy -> MC_ERR_BUSY). */
mc_status mc_db_error(mc_db *db, int rc, mc_err *e);

/* Prepare a statement (error filled on failure). */
mc_status mc_db_prepare(mc_db *db, const char *sql, sqlite3_stmt **st, mc_err *e);

/* Bind helpers: NULL / empty text and MC_TIME_NONE bind SQL NULL. */
void mc_bind_text(sqlite3_stmt *st, int i, const char *s);
void mc_bind_time(sqlite3_stmt *st, int i, mc_time t);
/* Column helpers: NULL reads as "" / MC_TIME_NONE. */
void mc_col_text(sqlite3_stmt *st, int i, char *buf, size_t size);
mc_time mc_col_time(sqlite3_stmt *st, int i);

#endif
