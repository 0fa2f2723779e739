/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the configuration loader (src/config/config.c: the
 * strict line pre-pass, iniparser and the typed setting parsers). The loader
 * reads files only (iniparser needs a path), so each input is written to one
 * private temporary file that is loaded with mc_config_load_from(); the file
 * is removed at exit (in /dev/shm when writable, else $TMPDIR or /tmp).
 * Any bytes must either load into settings whose
 * invariants hold (office hours in order, formatted back to INI text) or be
 * refused with one sentence and the defaults kept.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua/config.h"
#include "fuzz_util.h"

static char path[4096];
static int fd = -1;

static void cleanup(void)
{
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
}

static void setup(void)
{
	/* A memory file system when there is one: truncating and rewriting a
	 * file on ext4 thousands of times a second is slow (delayed allocation). */
	const char *dir = getenv("TMPDIR");
	if (access("/dev/shm", W_OK) == 0)
		dir = "/dev/shm";
	snprintf(path, sizeof path, "%s/motcua-fuzz-config-XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	if (fd < 0)
		setup();
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();

	mc_config c, def;
	mc_config_defaults(&def);
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_config_load_from(&c, path, NULL, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		if (c.morning_open >= c.morning_close || c.afternoon_open >= c.afternoon_close ||
		    c.morning_close > c.afternoon_open)
			__builtin_trap();
		char *ini = mc_config_format(&c);
		if (!ini)
			__builtin_trap();
		free(ini);
		for (size_t i = 0; i < mc_config_key_count(); i++) {
			char buf[1024];
			mc_config_key_value(&c, i, buf, sizeof buf);
		}
	} else if (memcmp(&c.morning_open, &def.morning_open, sizeof c.morning_open) != 0) {
		__builtin_trap(); /* on failure *c holds the defaults */
	}
	return 0;
}
