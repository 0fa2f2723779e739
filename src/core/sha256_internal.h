/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Inside view of src/core/sha256.c, for tests/unit/test_sha256.c only: the
 * block functions (portable C and, on x86-64 with GCC or clang, the SHA
 * extensions) so that they can be compared with each other, and which one
 * the public API (motcua/sha256.h) picked at start-up.
 *
 * Nothing here allocates; st, p and out belong to the caller.
 */
#ifndef MOTCUA_CORE_SHA256_INTERNAL_H
#define MOTCUA_CORE_SHA256_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MC_SHA256_HAVE_SHANI 1
#else
#define MC_SHA256_HAVE_SHANI 0
#endif

/* Apply the FIPS 180-4 compression to nblocks consecutive 64-byte blocks at p
 * (any alignment), updating the eight state words st in place. */
typedef void mc_sha256_blocks_fn(uint32_t st[8], const uint8_t *p, size_t nblocks);

/* Portable C, on every platform. */
mc_sha256_blocks_fn mc_sha256_blocks_portable;
#if MC_SHA256_HAVE_SHANI
/* SHA extensions: call only when mc_sha256_shani_usable() (SIGILL otherwise). */
mc_sha256_blocks_fn mc_sha256_blocks_shani;
#endif

/* True when this CPU has the SHA extensions and SSE4.1 and they were compiled in. */
bool mc_sha256_shani_usable(void);
/* "sha-ni" or "portable": the block function behind mc_sha256_update/final. */
const char *mc_sha256_impl(void);
/* One-shot digest of n bytes computed with the block function fn. */
void mc_sha256_with(mc_sha256_blocks_fn *fn, const void *data, size_t n,
                    uint8_t out[MC_SHA256_SIZE]);

#endif
