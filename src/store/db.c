/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Opening, creating and migrating the database file; transactions that wait
 * for other writers instead of failing; statement helpers for the other
 * files of src/store.
 */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "motcua/i18n.h"
#include "store/migrations.h"
#include "store/store_internal.h"

/* 'MCUA': marks a file as a motcua database (PRAGMA application_id). */
#define MC_APPLICATION_ID 0x4D435541
#define MC_BUSY_TIMEOUT_MS 5000
#define MC_BUSY_RETRIES 12

struct mc_db {
	sqlite3 *h;
	char *path;
	bool readonly;
};

sqlite3 *mc_db_handle(mc_db *db)
{
	return db ? db->h : NULL;
}

const char *mc_db_path(const mc_db *db)
{
	return db ? db->path : NULL;
}

int mc_db_latest_version(void)
{
	return mc_migration_count;
}

mc_status mc_db_error(mc_db *db, int rc, mc_err *e)
{
	int prim = rc & 0xff;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return mc_err_set(e, MC_ERR_BUSY,
		                  _("the database %s is busy with another clerk's work for too long; "
		                    "please try again."),
		                  db ? db->path : "");
	if (prim == SQLITE_READONLY)
		return mc_err_set(e, MC_ERR_DENIED, _("the database %s is read-only."),
		                  db ? db->path : "");
	if (prim == SQLITE_FULL)
		return mc_err_set(e, MC_ERR_IO, _("the disk holding the database %s is full."),
		                  db ? db->path : "");
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		return mc_err_set(e, MC_ERR_DB, _("the database %s is damaged or not a database."),
		                  db ? db->path : "");
	return mc_err_set(e, MC_ERR_DB, _("database error in %s: %s."), db ? db->path : "",
	                  db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
}

mc_status mc_db_prepare(mc_db *db, const char *sql, sqlite3_stmt **st, mc_err *e)
{
	int rc = sqlite3_prepare_v2(db->h, sql, -1, st, NULL);
	if (rc != SQLITE_OK) {
		*st = NULL;
		return mc_db_error(db, rc, e);
	}
	return MC_OK;
}

void mc_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void mc_bind_time(sqlite3_stmt *st, int i, mc_time t)
{
	if (t == MC_TIME_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, t);
}

void mc_col_text(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	if (!size)
		return;
	if (!s) {
		buf[0] = '\0';
		return;
	}
	size_t n = strlen((const char *)s);
	if (n >= size) {
		/* Cut on a UTF-8 boundary. */
		n = size - 1;
		while (n > 0 && (s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
}

mc_time mc_col_time(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return MC_TIME_NONE;
	return (mc_time)sqlite3_column_int64(st, i);
}

/* ---- transactions ----------------------------------------------------- */

static int exec_retry(mc_db *db, const char *sql)
{
	int rc = SQLITE_BUSY;
	for (int i = 0; i < MC_BUSY_RETRIES; i++) {
		rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			break;
	}
	return rc;
}

mc_status mc_db_begin_write(mc_db *db, mc_err *e)
{
	if (db->readonly)
		return mc_err_set(e, MC_ERR_DENIED, _("the database %s was opened read-only."), db->path);
	int rc = exec_retry(db, "BEGIN IMMEDIATE");
	return rc == SQLITE_OK ? MC_OK : mc_db_error(db, rc, e);
}

mc_status mc_db_begin_read(mc_db *db, mc_err *e)
{
	int rc = exec_retry(db, "BEGIN");
	return rc == SQLITE_OK ? MC_OK : mc_db_error(db, rc, e);
}

mc_status mc_db_commit(mc_db *db, mc_err *e)
{
	int rc = exec_retry(db, "COMMIT");
	if (rc != SQLITE_OK) {
		mc_status st = mc_db_error(db, rc, e);
		mc_db_rollback(db);
		return st;
	}
	return MC_OK;
}

void mc_db_rollback(mc_db *db)
{
	if (db && db->h && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- paths ------------------------------------------------------------ */

static void dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(dir, size, ".");
	} else if (slash == path) {
		snprintf(dir, size, "/");
	} else {
		size_t n = (size_t)(slash - path);
		if (n >= size)
			n = size - 1;
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
}

/* mkdir -p with mode 0700 for every folder created. */
static mc_status make_dirs(const char *dir, mc_err *e)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
		return mc_err_set(e, MC_ERR_INVALID, _("the path %s is too long."), dir);
	for (char *p = buf + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return mc_err_set(e, MC_ERR_IO, _("cannot create the folder %s: %s."), buf,
				                  strerror(errno));
			*p = saved;
			if (!saved)
				break;
		}
	}
	return MC_OK;
}

mc_status mc_db_resolve_path(const char *explicit_path, const mc_config *cfg, bool create_dir,
                             char *buf, size_t size, mc_err *e)
{
	const char *p = explicit_path && *explicit_path ? explicit_path
	                : cfg && cfg->database_path[0] ? cfg->database_path
	                                               : NULL;
	if (p) {
		if (snprintf(buf, size, "%s", p) >= (int)size)
			return mc_err_set(e, MC_ERR_INVALID, _("the path %s is too long."), p);
		return MC_OK;
	}
	char dir[PATH_MAX];
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(dir, sizeof dir, "%s/motcua", xdg);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/share/motcua", home);
	else
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("neither XDG_DATA_HOME nor HOME is set; give the database with --db."));
	if (create_dir) {
		mc_status st = make_dirs(dir, e);
		if (st != MC_OK)
			return st;
	}
	if (snprintf(buf, size, "%s/motcua.db", dir) >= (int)size)
		return mc_err_set(e, MC_ERR_INVALID, _("the path %s is too long."), dir);
	return MC_OK;
}

/* ---- open ------------------------------------------------------------- */

static int pragma_int(mc_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int mc_db_schema_version(mc_db *db)
{
	int v = -1;
	pragma_int(db, "PRAGMA user_version", &v);
	return v;
}

int64_t mc_db_data_version(mc_db *db)
{
	int v = 0;
	pragma_int(db, "PRAGMA data_version", &v);
	return v;
}

/* ---- two connections, one state (mc_db_read_pair) ------------------------ */

/* The state a read transaction sees, as far as reports can tell: the newest
 * event (every change to a dossier appends one to its hash-chained history)
 * and the newest dossier. Dossiers keep copies of their procedure's fields,
 * so a catalogue import does not change what a report counts. */
typedef struct db_mark {
	int64_t event, dossier;
} db_mark;

/* Begins a read transaction on db and fixes its snapshot with the read of
 * its mark (in WAL mode the snapshot is taken by the first read). */
static mc_status begin_marked(mc_db *db, bool begin, db_mark *m, mc_err *e)
{
	if (begin) {
		mc_status st = mc_db_begin_read(db, e);
		if (st != MC_OK)
			return st;
	}
	sqlite3_stmt *q;
	int rc = sqlite3_prepare_v2(db->h,
	                            "SELECT (SELECT max(id) FROM events), (SELECT max(id) FROM dossiers)",
	                            -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			m->event = sqlite3_column_int64(q, 0);
			m->dossier = sqlite3_column_int64(q, 1);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(q);
	}
	if (rc != SQLITE_OK) {
		mc_status st = mc_db_error(db, rc, e);
		if (begin)
			mc_db_rollback(db);
		return st;
	}
	return MC_OK;
}

static bool same_mark(const db_mark *x, const db_mark *y)
{
	return x->event == y->event && x->dossier == y->dossier;
}

mc_status mc_db_read_begin(mc_db *db, bool *began, mc_err *e)
{
	db_mark m;
	*began = sqlite3_get_autocommit(db->h) != 0;
	return *began ? begin_marked(db, true, &m, e) : MC_OK;
}

mc_status mc_db_read_pair(mc_db *a, mc_db *b, bool *same, bool *a_began, mc_err *e)
{
	*same = false;
	bool a_free = sqlite3_get_autocommit(a->h) != 0; /* not already in a transaction */
	*a_began = false;
	db_mark ma, mb;
	mc_status st = begin_marked(a, a_free, &ma, e);
	if (st != MC_OK)
		return st;
	if ((st = begin_marked(b, true, &mb, e)) != MC_OK) {
		if (a_free)
			mc_db_rollback(a);
		return st;
	}
	/* A commit between the two: begin the older one again (a, the first
	 * time; then whichever went first), so that it catches up. */
	bool redo_a = a_free;
	for (int tries = 0; tries < 10 && !same_mark(&ma, &mb); tries++, redo_a = a_free && !redo_a) {
		mc_db *d = redo_a ? a : b;
		db_mark *m = redo_a ? &ma : &mb;
		mc_db_rollback(d);
		if ((st = begin_marked(d, true, m, e)) != MC_OK) {
			if (d == a) {
				mc_db_rollback(b);
			} else if (a_free) {
				mc_db_rollback(a);
			}
			return st;
		}
	}
	*same = same_mark(&ma, &mb);
	*a_began = a_free;
	return MC_OK;
}

void mc_db_read_end(mc_db *db)
{
	if (db && !sqlite3_get_autocommit(db->h))
		mc_db_rollback(db);
}

/* A file with tables but neither our application id nor a schema version is someone else's. */
static mc_status check_ours(mc_db *db, mc_err *e)
{
	int app = 0, tables = 0, version = 0;
	int rc = pragma_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOTADB)
			return mc_err_set(e, MC_ERR_DB, _("the file %s is not a motcua database."),
			                  db->path);
		return mc_db_error(db, rc, e);
	}
	if (app != MC_APPLICATION_ID && (tables > 0 || version > 0))
		return mc_err_set(e, MC_ERR_DB, _("the file %s is not a motcua database."), db->path);
	if (version > mc_migration_count)
		return mc_err_set(e, MC_ERR_SCHEMA,
		                  _("the database %s has schema version %d, newer than this program "
		                    "(version %d); use a newer motcua."),
		                  db->path, version, mc_migration_count);
	return MC_OK;
}

static char *join_lines(const char *const *lines)
{
	size_t len = 1;
	for (const char *const *l = lines; *l; l++)
		len += strlen(*l);
	char *out = malloc(len), *p = out;
	if (!out)
		return NULL;
	for (const char *const *l = lines; *l; l++) {
		size_t n = strlen(*l);
		memcpy(p, *l, n);
		p += n;
	}
	*p = '\0';
	return out;
}

mc_status mc_db_migrate(mc_db *db, int *applied, mc_err *e)
{
	int count = 0;
	if (applied)
		*applied = 0;
	for (;;) {
		mc_status st = mc_db_begin_write(db, e);
		if (st != MC_OK)
			return st;
		int version = 0;
		int rc = pragma_int(db, "PRAGMA user_version", &version);
		if (rc != SQLITE_OK) {
			mc_db_rollback(db);
			return mc_db_error(db, rc, e);
		}
		if (version > mc_migration_count) {
			mc_db_rollback(db);
			return mc_err_set(e, MC_ERR_SCHEMA,
			                  _("the database %s has schema version %d, newer than this "
			                    "program (version %d); use a newer motcua."),
			                  db->path, version, mc_migration_count);
		}
		if (version == mc_migration_count) {
			mc_db_rollback(db);
			break;
		}
		const mc_migration *m = &mc_migrations[version];
		char *msg = NULL;
		char *sql = join_lines(m->lines);
		if (!sql) {
			mc_db_rollback(db);
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		}
		rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
		free(sql);
		if (rc == SQLITE_OK) {
			char sql[96];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			         version + 1, MC_APPLICATION_ID);
			rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
		}
		if (rc != SQLITE_OK) {
			mc_err_set(e, MC_ERR_DB, _("migration %s failed on %s: %s."), m->name, db->path,
			           msg ? msg : sqlite3_errmsg(db->h));
			sqlite3_free(msg);
			mc_db_rollback(db);
			return MC_ERR_DB;
		}
		st = mc_db_commit(db, e);
		if (st != MC_OK)
			return st;
		count++;
	}
	if (applied)
		*applied = count;
	return MC_OK;
}

static mc_status create_file(const char *path, mc_err *e)
{
	mode_t mask = umask(0);
	umask(mask);
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return mc_err_set(e, MC_ERR_IO, _("cannot create the database %s: %s."), path,
		                  strerror(errno));
	/* Owner and group only: the personal data of applicants never reaches others. */
	fchmod(fd, (mode_t)(0660 & ~mask & ~0007));
	close(fd);
	return MC_OK;
}

mc_status mc_db_open(const char *path, unsigned flags, mc_db **out, mc_err *e)
{
	*out = NULL;
	if (!path || !*path)
		return mc_err_set(e, MC_ERR_INVALID, _("no database path was given."));
	bool readonly = flags & MC_DB_READONLY;
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	struct stat sb;
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return mc_err_set(e, MC_ERR_IO,
		                  _("the folder %s of the database does not exist; nothing was created."),
		                  dir);
	bool exists = stat(path, &sb) == 0;
	if (exists && S_ISDIR(sb.st_mode))
		return mc_err_set(e, MC_ERR_INVALID, _("%s is a folder, not a database file."), path);
	if (!readonly && access(dir, W_OK | X_OK) != 0)
		return mc_err_set(e, MC_ERR_DENIED,
		                  _("cannot write in the folder %s (needed for the database and its "
		                    "journal); nothing was created."),
		                  dir);
	if (!exists) {
		if (!(flags & MC_DB_CREATE) || readonly)
			return mc_err_set(e, MC_ERR_NOT_FOUND,
			                  _("the database %s does not exist; create it with "
			                    "\"motcua init\"."),
			                  path);
	} else if (!readonly && access(path, R_OK | W_OK) != 0) {
		return mc_err_set(e, MC_ERR_DENIED, _("cannot read and write the database %s."), path);
	}

	bool created = false;
	if (!exists) {
		mc_status st = create_file(path, e);
		if (st != MC_OK)
			return st;
		created = true;
	}

	mc_db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		if (created)
			unlink(path);
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	}
	db->readonly = readonly;
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	int rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	mc_status st = MC_OK;
	if (rc != SQLITE_OK) {
		st = mc_err_set(e, MC_ERR_IO, _("cannot open the database %s: %s."), path,
		                db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, MC_BUSY_TIMEOUT_MS);

	st = check_ours(db, e);
	if (st != MC_OK)
		goto fail;

	if (!readonly) {
		rc = exec_retry(db, "PRAGMA journal_mode = WAL");
		if (rc != SQLITE_OK) {
			st = mc_db_error(db, rc, e);
			goto fail;
		}
	}
	rc = sqlite3_exec(db->h,
	                  "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	                  "PRAGMA journal_size_limit = 67108864; PRAGMA temp_store = MEMORY",
	                  NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		st = mc_db_error(db, rc, e);
		goto fail;
	}
	if (!readonly && !(flags & MC_DB_NO_MIGRATE)) {
		st = mc_db_migrate(db, NULL, e);
		if (st != MC_OK)
			goto fail;
	} else if (mc_db_schema_version(db) < 1 && readonly) {
		st = mc_err_set(e, MC_ERR_DB, _("the database %s is empty; create it with \"motcua init\"."),
		                path);
		goto fail;
	}
	*out = db;
	return MC_OK;
fail:
	mc_db_close(db);
	if (created) {
		/* Creates nothing on failure: remove the file and its journal companions. */
		char side[PATH_MAX + 8];
		unlink(path);
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	return st;
}

void mc_db_close(mc_db *db)
{
	if (!db)
		return;
	if (db->h) {
		if (!db->readonly)
			sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(db->h);
	}
	free(db->path);
	free(db);
}

mc_status mc_db_counts_get(mc_db *db, mc_db_counts *out, mc_err *e)
{
	static const char *sql =
		"SELECT (SELECT count(*) FROM procedures), (SELECT count(*) FROM units),"
		" (SELECT count(*) FROM applicants), (SELECT count(*) FROM dossiers),"
		" (SELECT count(*) FROM events), (SELECT count(*) FROM counter_logs)";
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->procedures = sqlite3_column_int64(st, 0);
		out->units = sqlite3_column_int64(st, 1);
		out->applicants = sqlite3_column_int64(st, 2);
		out->dossiers = sqlite3_column_int64(st, 3);
		out->events = sqlite3_column_int64(st, 4);
		out->counter_logs = sqlite3_column_int64(st, 5);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? MC_OK : mc_db_error(db, rc, e);
}
