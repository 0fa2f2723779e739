/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * An output file that appears whole or not at all (the Excel workbook, the
 * PDF letters).
 *
 * It is written without a name (Linux O_TMPFILE) in the target's folder and
 * named only when it is complete, so a process killed while writing (Ctrl-C,
 * kill -9, a power cut) leaves nothing behind, not even a hidden temporary
 * file. Libraries that open files by name (libxlsxwriter, cairo) are given
 * "/proc/self/fd/N", which reopens the unnamed file. Where the filesystem or
 * the system cannot do that, a hidden "<dir>/.<name>.XXXXXX" beside the
 * target is used and renamed, as before.
 *
 * Functions return 0 or an errno value; the caller says what failed.
 */
#ifndef MOTCUA_OUTFILE_H
#define MOTCUA_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

typedef struct mc_outfile {
	int fd;                      /* the unnamed file (-1 with a named one) */
	bool unnamed;                /* O_TMPFILE */
	char name[PATH_MAX + 32];    /* what to open: /proc/self/fd/N or the temporary path */
	char path[PATH_MAX];         /* the final name */
} mc_outfile;

/* Prepares path's file, with permissions mode (the umask applies). ENAMETOOLONG
 * for a path that does not fit; the folder's errno when it cannot be written. */
int mc_outfile_open(mc_outfile *f, const char *path, mode_t mode);

/* The name to write the contents to (open it with "w"). */
const char *mc_outfile_name(const mc_outfile *f);

/* Gives the complete file its final name, replacing a file of that name. */
int mc_outfile_commit(mc_outfile *f);

/* Forgets the file: nothing is left in the folder. */
void mc_outfile_discard(mc_outfile *f);

#endif
