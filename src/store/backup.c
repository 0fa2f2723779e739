/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua backup -o FILE`: a consistent copy of the database while other
 * clerks keep writing. The SQLite online backup API copies every page in one
 * step under a single read transaction (in WAL mode writers are not
 * blocked and the copy is the state of one moment). The copy is written as
 * FILE.tmp-XXXXXX with mode 0600, switched to a rollback journal (one
 * self-contained file), checked with PRAGMA quick_check, synced and renamed
 * over FILE, then the folder is synced: a crash leaves either the old FILE
 * or the new one, never half a copy.
 *
 * While it is written the temporary copy is held with flock(); a backup
 * killed meanwhile (kill -9, a power cut) leaves it unlocked, and the next
 * backup to the same FILE removes such leftovers before it starts. (SQLite
 * locks with fcntl(), which flock() does not touch.)
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "motcua/audit.h"
#include "motcua/i18n.h"
#include "store/store_internal.h"

static void unlink_all(const char *tmp)
{
	static const char *const sides[] = {"", "-journal", "-wal", "-shm"};
	char p[PATH_MAX + 16];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(p, sizeof p, "%s%s", tmp, sides[i]);
		unlink(p);
	}
}

/*
 * Removes what killed backups to path left in dir: "NAME.tmp-XXXXXX" (and
 * its journal) that no running backup holds. Returns how many it removed.
 */
static int remove_leftovers(const char *dir, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char prefix[PATH_MAX];
	snprintf(prefix, sizeof prefix, "%s.tmp-", base);
	size_t plen = strlen(prefix);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int removed = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		/* Exactly the mkstemp name: the prefix and 6 characters. */
		if (strncmp(de->d_name, prefix, plen) != 0 || strlen(de->d_name) != plen + 6)
			continue;
		char p[PATH_MAX + 16];
		if (snprintf(p, sizeof p, "%s/%s", dir, de->d_name) >= (int)sizeof p)
			continue;
		int fd = open(p, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			unlink_all(p);
			removed++;
		}
		close(fd);
	}
	closedir(d);
	return removed;
}

static int sync_path(const char *path, bool dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

static void dir_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

static int64_t count_of(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

mc_status mc_backup(mc_db *db, const char *path, bool replace, mc_backup_result *out, mc_err *e)
{
	if (out)
		memset(out, 0, sizeof *out);
	if (!path || !*path)
		return mc_err_set(e, MC_ERR_INVALID, _("give the backup file with -o FILE."));
	if (strlen(path) > PATH_MAX - 32)
		return mc_err_set(e, MC_ERR_INVALID, _("the path %s is too long."), path);
	char dir[PATH_MAX];
	dir_of(path, dir, sizeof dir);
	struct stat sd, sb, sdb;
	if (stat(dir, &sd) != 0 || !S_ISDIR(sd.st_mode))
		return mc_err_set(e, MC_ERR_IO, _("the folder %s of the backup does not exist."), dir);
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode))
			return mc_err_set(e, MC_ERR_INVALID, _("%s is a folder, not a backup file."), path);
		if (stat(mc_db_path(db), &sdb) == 0 && sdb.st_dev == sb.st_dev && sdb.st_ino == sb.st_ino)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s is the database itself; write the backup to another file."),
			                  path);
		if (!replace)
			return mc_err_set(e, MC_ERR_EXISTS,
			                  _("the file %s already exists; choose another name or add --force "
			                    "to replace it."),
			                  path);
	}
	remove_leftovers(dir, path);
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return mc_err_set(e, MC_ERR_IO, _("cannot create a file in %s: %s."), dir, strerror(errno));
	/* Personal data: owner only, whatever the umask. Held until renamed or
	 * removed, so that no other backup takes it for a leftover. */
	fchmod(fd, 0600);
	if (flock(fd, LOCK_EX) != 0) {
		/* a filesystem without flock: leftovers are not recognised, that is all */
	}

	sqlite3 *dh = NULL;
	mc_status s = MC_OK;
	int rc = sqlite3_open_v2(tmp, &dh, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(dh, 1);
		sqlite3_busy_timeout(dh, 5000);
		sqlite3_backup *b = sqlite3_backup_init(dh, "main", mc_db_handle(db), "main");
		if (!b) {
			rc = sqlite3_errcode(dh);
		} else {
			/* All pages in one step: one read transaction, one moment. Retry while busy. */
			for (int tries = 0;; tries++) {
				rc = sqlite3_backup_step(b, -1);
				if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries > 100)
					break;
				sqlite3_sleep(50);
			}
			if (out)
				out->pages = sqlite3_backup_pagecount(b);
			int frc = sqlite3_backup_finish(b);
			if (rc == SQLITE_DONE)
				rc = frc;
		}
	}
	if (rc != SQLITE_OK && rc != SQLITE_DONE) {
		s = mc_err_set(e, (rc & 0xff) == SQLITE_FULL ? MC_ERR_IO : MC_ERR_DB,
		               _("the backup to %s failed: %s."), path,
		               dh ? sqlite3_errmsg(dh) : sqlite3_errstr(rc));
		goto fail;
	}
	/* One self-contained file, then the same check as a restore would want. */
	if (sqlite3_exec(dh, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(dh, "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
		s = mc_err_set(e, MC_ERR_DB, _("the backup to %s failed: %s."), path, sqlite3_errmsg(dh));
		goto fail;
	}
	{
		sqlite3_stmt *st;
		char msg[256] = "";
		if (sqlite3_prepare_v2(dh, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				snprintf(msg, sizeof msg, "%s", (const char *)sqlite3_column_text(st, 0));
			sqlite3_finalize(st);
		}
		if (strcmp(msg, "ok") != 0) {
			s = mc_err_set(e, MC_ERR_DB, _("the copy written to %s failed its check (%s); the "
			                               "database may be damaged: run \"motcua verify\"."),
			               path, msg[0] ? msg : sqlite3_errmsg(dh));
			goto fail;
		}
	}
	if (out) {
		out->dossiers = count_of(dh, "SELECT count(*) FROM dossiers");
		out->events = count_of(dh, "SELECT count(*) FROM events");
	}
	rc = sqlite3_close(dh);
	dh = NULL;
	if (rc != SQLITE_OK || sync_path(tmp, false) != 0) {
		s = mc_err_set(e, MC_ERR_IO, _("cannot write the backup %s: %s."), path, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path) != 0) {
		s = mc_err_set(e, MC_ERR_IO, _("cannot write the backup %s: %s."), path, strerror(errno));
		goto fail;
	}
	sync_path(dir, true);
	close(fd); /* only now: closing a file drops SQLite's fcntl() locks on it too */
	if (out)
		snprintf(out->path, sizeof out->path, "%s", path);
	return MC_OK;
fail:
	if (dh)
		sqlite3_close(dh);
	unlink_all(tmp);
	close(fd);
	return s;
}
