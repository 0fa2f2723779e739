/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Small helpers shared by the libFuzzer targets of tests/fuzz: a
 * NUL-terminated copy of the fuzzer's bytes (the parsers take C strings) and
 * a check that a refusal came with a message. Header-only, fuzzers only.
 */
#ifndef MOTCUA_FUZZ_UTIL_H
#define MOTCUA_FUZZ_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* malloc'd copy of data with a NUL appended (the caller frees it). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A refused input must carry one sentence; a status must be in range. */
static inline void fuzz_check_refusal(mc_status st, const mc_err *e)
{
	if (st == MC_OK)
		return;
	if ((int)st < 0 || st >= MC_STATUS_COUNT || !e->msg[0] ||
	    !memchr(e->msg, '\0', sizeof e->msg))
		__builtin_trap();
}

#endif
