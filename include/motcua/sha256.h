/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SHA-256 (FIPS 180-4), written here so that the tamper-evident event
 * history needs no outside crypto library. Checked against the NIST test
 * vectors by tests/unit/test_sha256.c.
 *
 * A context is a plain value on the caller's stack: nothing to free.
 */
#ifndef MOTCUA_SHA256_H
#define MOTCUA_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MC_SHA256_SIZE 32
#define MC_SHA256_HEX_SIZE 65 /* 64 lower-case hex digits and the NUL */

typedef struct mc_sha256_ctx {
	uint32_t h[8];
	uint64_t bytes;   /* message length so far */
	uint8_t buf[64];  /* pending partial block */
	size_t n;         /* bytes in buf */
} mc_sha256_ctx;

/* Start a new digest. */
void mc_sha256_init(mc_sha256_ctx *c);
/* Add n bytes (data may be NULL when n is 0). */
void mc_sha256_update(mc_sha256_ctx *c, const void *data, size_t n);
/* Finish: out gets the 32-byte digest; c must be initialised again before reuse. */
void mc_sha256_final(mc_sha256_ctx *c, uint8_t out[MC_SHA256_SIZE]);
/* One-shot digest of n bytes. */
void mc_sha256(const void *data, size_t n, uint8_t out[MC_SHA256_SIZE]);

/* Lower-case hex of a digest (64 digits and a NUL). */
void mc_sha256_hex(const uint8_t d[MC_SHA256_SIZE], char out[MC_SHA256_HEX_SIZE]);
/* Parse 64 hex digits (either case, nothing else); false when malformed. */
bool mc_sha256_from_hex(const char *hex, uint8_t out[MC_SHA256_SIZE]);

#endif
