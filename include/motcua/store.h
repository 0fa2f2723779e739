/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The database file: open, create, migrate. src/store is the only folder that
 * talks to SQLite; everything else sees the opaque mc_db.
 *
 * A database is one SQLite file in WAL mode with foreign keys on, a busy
 * timeout, synchronous=FULL (an acknowledged intake survives a power loss)
 * and a schema version (PRAGMA user_version) brought up to date by the
 * numbered migrations data/migrations/NNN_*.sql embedded in the program,
 * each applied in one transaction. A file whose schema is newer than the
 * program is refused.
 *
 * Ownership: mc_db_open() returns a handle the caller closes with
 * mc_db_close() (NULL is a no-op). Strings returned by accessors are owned
 * by the handle.
 */
#ifndef MOTCUA_STORE_H
#define MOTCUA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/config.h"
#include "motcua/error.h"

typedef struct mc_db mc_db;

/* Flags for mc_db_open(). */
enum {
	MC_DB_CREATE = 1 << 0,   /* create the file when missing (else: "run motcua init") */
	MC_DB_READONLY = 1 << 1, /* open read-only, never migrate */
	MC_DB_NO_MIGRATE = 1 << 2 /* do not apply pending migrations (mc_db_migrate later) */
};

/*
 * Open (and with MC_DB_CREATE create) the database at path, then apply the
 * pending migrations unless MC_DB_READONLY or MC_DB_NO_MIGRATE. A missing or
 * read-only directory, a missing file without MC_DB_CREATE, a file that is
 * not a database, or a newer schema (MC_ERR_SCHEMA) fail with one sentence
 * naming the path, and create nothing. A new file gets mode 0660 & ~umask
 * with no access for others.
 */
mc_status mc_db_open(const char *path, unsigned flags, mc_db **out, mc_err *e);

/* Close; NULL is a no-op. */
void mc_db_close(mc_db *db);

/* The path given to mc_db_open (owned by db). */
const char *mc_db_path(const mc_db *db);

/* Schema version of the open file / of this program (number of migrations). */
int mc_db_schema_version(mc_db *db);
int mc_db_latest_version(void);

/* Apply pending migrations, each in its own transaction; *applied (may be NULL) gets the count. */
mc_status mc_db_migrate(mc_db *db, int *applied, mc_err *e);

/*
 * The database path to use: explicit (--db) if not NULL, else cfg->database_path
 * if set, else $XDG_DATA_HOME/motcua/motcua.db (~/.local/share/...). With
 * create_dir, the default directory is created with mode 0700.
 */
mc_status mc_db_resolve_path(const char *explicit_path, const mc_config *cfg, bool create_dir,
                             char *buf, size_t size, mc_err *e);

/*
 * A number that changes whenever another connection commits a change
 * (PRAGMA data_version): screens poll it to refresh themselves.
 */
int64_t mc_db_data_version(mc_db *db);

/*
 * Begins a read transaction whose state is fixed at once (in WAL mode the
 * first read fixes it), unless db already is in a transaction; *began says
 * which. End it with mc_db_read_end().
 */
mc_status mc_db_read_begin(mc_db *db, bool *began, mc_err *e);

/*
 * Two connections reading the same state of the database, for work spread
 * over two threads (the export's national table beside its lists): begins
 * a read transaction on a (as mc_db_read_begin, *a_began) then on b, and
 * compares what each sees (the newest event and dossier: every change to a
 * dossier appends an event). While a commit by someone else lands in
 * between, the older one is begun again, up to 10 times. *same says whether
 * they agree; either way both are left reading until mc_db_read_end() (b:
 * or mc_db_close()).
 */
mc_status mc_db_read_pair(mc_db *a, mc_db *b, bool *same, bool *a_began, mc_err *e);

/* Ends the read transaction db is in (no-op outside one). */
void mc_db_read_end(mc_db *db);

/* Counts for `motcua init` and status screens. */
typedef struct mc_db_counts {
	int64_t procedures, units, applicants, dossiers, events, counter_logs;
} mc_db_counts;
mc_status mc_db_counts_get(mc_db *db, mc_db_counts *out, mc_err *e);

#endif
