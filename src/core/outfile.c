/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An output file that appears whole or not at all: see motcua/outfile.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "motcua/outfile.h"

/* The folder of path ("." for a bare name, "/" for a file at the root). */
static int folder_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(dir, size, "%.*s", slash == path ? 1 : (int)(slash - path), path)
	              : snprintf(dir, size, ".");
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

/* A hidden name beside path that no file has yet, for linkat(). */
static int spare_name(const char *path, char *out, size_t size, unsigned k)
{
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(out, size, "%.*s/.%s.%ld.%u", (int)(slash - path), path, slash + 1,
	                         (long)getpid(), k)
	              : snprintf(out, size, ".%s.%ld.%u", path, (long)getpid(), k);
	return n < 0 || (size_t)n >= size ? ENAMETOOLONG : 0;
}

int mc_outfile_open(mc_outfile *f, const char *path, mode_t mode)
{
	memset(f, 0, sizeof *f);
	f->fd = -1;
	if (!path || !*path)
		return EINVAL;
	if (snprintf(f->path, sizeof f->path, "%s", path) >= (int)sizeof f->path)
		return ENAMETOOLONG;
	char dir[PATH_MAX];
	int err = folder_of(path, dir, sizeof dir);
	if (err)
		return err;
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);
	if (fd >= 0) {
		struct stat st;
		snprintf(f->name, sizeof f->name, "/proc/self/fd/%d", fd);
		if (stat(f->name, &st) == 0) { /* /proc is there to reopen it by name */
			f->fd = fd;
			f->unnamed = true;
			return 0;
		}
		close(fd);
	}
#endif
	/* No O_TMPFILE here (or no /proc): a hidden file beside the target. */
	const char *slash = strrchr(path, '/');
	int n = slash ? snprintf(f->name, sizeof f->name, "%.*s/.%s.XXXXXX", (int)(slash - path), path,
	                         slash + 1)
	              : snprintf(f->name, sizeof f->name, ".%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= sizeof f->name)
		return ENAMETOOLONG;
	int tfd = mkstemp(f->name);
	if (tfd < 0)
		return errno;
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(tfd, mode & ~mask) != 0) {
		/* mkstemp's 0600 is kept: only more private */
	}
	close(tfd);
	return 0;
}

const char *mc_outfile_name(const mc_outfile *f)
{
	return f->name;
}

int mc_outfile_commit(mc_outfile *f)
{
	int err = 0;
	if (!f->unnamed) {
		if (rename(f->name, f->path) != 0) {
			err = errno;
			unlink(f->name);
		}
		f->name[0] = '\0';
		return err;
	}
	/* A new name at once; over an existing file, through a spare name and
	 * rename(), so that the old file is replaced whole. */
	if (linkat(AT_FDCWD, f->name, AT_FDCWD, f->path, AT_SYMLINK_FOLLOW) != 0) {
		err = errno;
		if (err == EEXIST) {
			char spare[PATH_MAX + 64];
			err = 0;
			for (unsigned k = 0;; k++) {
				err = spare_name(f->path, spare, sizeof spare, k);
				if (err)
					break;
				if (linkat(AT_FDCWD, f->name, AT_FDCWD, spare, AT_SYMLINK_FOLLOW) == 0)
					break;
				err = errno;
				if (err != EEXIST || k >= 100)
					break;
			}
			if (!err && rename(spare, f->path) != 0) {
				err = errno;
				unlink(spare);
			}
		}
	}
	close(f->fd);
	f->fd = -1;
	f->unnamed = false;
	f->name[0] = '\0';
	return err;
}

void mc_outfile_discard(mc_outfile *f)
{
	if (f->unnamed) {
		close(f->fd); /* the unnamed file goes with its last descriptor */
		f->fd = -1;
		f->unnamed = false;
	} else if (f->name[0]) {
		unlink(f->name);
	}
	f->name[0] = '\0';
}
