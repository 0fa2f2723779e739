/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * motcua/outfile.h: an output file appears whole or not at all. Nothing is
 * visible in the folder while it is written, a process killed before the
 * commit leaves nothing, the commit replaces an existing file, a discard
 * leaves nothing, and a missing folder is refused with its errno.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "motcua/outfile.h"

#include "tmpdir_test_util.h"

/* Entries of the folder, hidden ones included; the first one's name in first. */
static int entries(char *first, size_t size)
{
	DIR *d = opendir(test_dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n++ == 0 && first)
			snprintf(first, size, "%s", de->d_name);
	}
	closedir(d);
	return n;
}

static void write_text(const mc_outfile *f, const char *text)
{
	FILE *fp = fopen(mc_outfile_name(f), "w"); /* as libxlsxwriter and cairo open it */
	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

static void read_text(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	size_t n = fread(buf, 1, size - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

static void test_appears_whole(void **state)
{
	(void)state;
	char path[300], buf[64], first[256];
	snprintf(path, sizeof path, "%s/report.xlsx", test_dir);
	mc_outfile f;
	assert_int_equal(mc_outfile_open(&f, path, 0640), 0);
	write_text(&f, "first");
	/* While it is written: nothing in the folder (hidden names count), where
	 * the system can write a file without a name. */
	int seen = entries(first, sizeof first);
	printf("# while writing: %d entr%s in the folder (%s)\n", seen, seen == 1 ? "y" : "ies",
	       f.unnamed ? "O_TMPFILE" : "hidden temporary file");
	assert_int_equal(seen, f.unnamed ? 0 : 1);
	assert_int_equal(mc_outfile_commit(&f), 0);
	assert_int_equal(entries(first, sizeof first), 1);
	assert_string_equal(first, "report.xlsx");
	read_text(path, buf, sizeof buf);
	assert_string_equal(buf, "first");
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0007, 0); /* nothing for others */

	/* Again over the existing file: replaced whole, nothing else left. */
	assert_int_equal(mc_outfile_open(&f, path, 0640), 0);
	write_text(&f, "second");
	read_text(path, buf, sizeof buf);
	assert_string_equal(buf, "first"); /* the old file until the commit */
	assert_int_equal(mc_outfile_commit(&f), 0);
	read_text(path, buf, sizeof buf);
	assert_string_equal(buf, "second");
	assert_int_equal(entries(NULL, 0), 1);

	/* Discarded: the old file stays, nothing else. */
	assert_int_equal(mc_outfile_open(&f, path, 0640), 0);
	write_text(&f, "third");
	mc_outfile_discard(&f);
	read_text(path, buf, sizeof buf);
	assert_string_equal(buf, "second");
	assert_int_equal(entries(NULL, 0), 1);
	unlink(path);
}

/* A process killed (SIGKILL: no handler runs) while writing leaves nothing. */
static void test_killed_leaves_nothing(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof path, "%s/killed.xlsx", test_dir);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		mc_outfile f;
		if (mc_outfile_open(&f, path, 0640) != 0)
			_exit(2);
		FILE *fp = fopen(mc_outfile_name(&f), "w");
		if (!fp)
			_exit(3);
		fputs("half a workbook", fp);
		fflush(fp);
		raise(SIGKILL);
		_exit(4);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	char first[256] = "";
	int left = entries(first, sizeof first);
	mc_outfile probe;
	assert_int_equal(mc_outfile_open(&probe, path, 0640), 0);
	bool unnamed = probe.unnamed;
	mc_outfile_discard(&probe);
	if (unnamed)
		assert_int_equal(left, 0);
	else /* the hidden temporary file of systems without O_TMPFILE */
		printf("# no O_TMPFILE here: %d file(s) left (%s)\n", left, first);
}

static void test_refusals(void **state)
{
	(void)state;
	char path[300];
	mc_outfile f;
	snprintf(path, sizeof path, "%s/no-such-folder/a.xlsx", test_dir);
	assert_int_equal(mc_outfile_open(&f, path, 0640), ENOENT);
	char longp[PATH_MAX + 10];
	memset(longp, 'a', sizeof longp - 1);
	longp[sizeof longp - 1] = '\0';
	assert_int_equal(mc_outfile_open(&f, longp, 0640), ENAMETOOLONG);
	assert_int_equal(entries(NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_appears_whole),
	    cmocka_unit_test(test_killed_leaves_nothing),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, test_dir_setup, test_dir_teardown);
}
