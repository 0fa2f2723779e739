/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SHA-256 against the FIPS 180-4 examples (NIST "Example Algorithm" vectors
 * for "abc", the empty message, the 448- and 896-bit messages and one
 * million 'a'), two SHAVS short-message vectors, and the padding boundaries
 * (55/56/63/64/65/119/120 bytes, values from Python's hashlib, an
 * independent implementation); the same digest whatever the update split;
 * hex round trip and malformed hex. On x86-64 the public API runs on the
 * SHA extensions when the CPU has them (asserted), so the vectors check that
 * code; a differential test then compares it with the portable C on random
 * states and blocks and on thousands of random messages of random lengths
 * and alignments (skipped on a CPU without them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/sha256_internal.h"
#include "motcua/sha256.h"

static void hex_of(const void *data, size_t n, char out[MC_SHA256_HEX_SIZE])
{
	uint8_t d[MC_SHA256_SIZE];
	mc_sha256(data, n, d);
	mc_sha256_hex(d, out);
}

static void test_fips_examples(void **state)
{
	(void)state;
	char hex[MC_SHA256_HEX_SIZE];
	hex_of("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_of("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hex_of(m448, strlen(m448), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	                   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	hex_of(m896, strlen(m896), hex);
	assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	/* One million 'a', fed in uneven pieces. */
	char chunk[997];
	memset(chunk, 'a', sizeof chunk);
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	size_t left = 1000000;
	while (left) {
		size_t k = left < sizeof chunk ? left : sizeof chunk;
		mc_sha256_update(&c, chunk, k);
		left -= k;
	}
	uint8_t d[MC_SHA256_SIZE];
	mc_sha256_final(&c, d);
	mc_sha256_hex(d, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_shavs_short(void **state)
{
	(void)state;
	char hex[MC_SHA256_HEX_SIZE];
	const uint8_t one[] = {0xbd};
	hex_of(one, 1, hex);
	assert_string_equal(hex, "68325720aabd7c82f30f554b313d0570c95accbb7dc4b5aae11204c08ffe732b");
	const uint8_t four[] = {0xc9, 0x8c, 0x8e, 0x55};
	hex_of(four, 4, hex);
	assert_string_equal(hex, "7abc22c0ae5af26ce93dbb94433a0e0b2e119d014f8e7f65bd56c61ccccd9504");
}

static void test_padding_boundaries(void **state)
{
	(void)state;
	static const struct {
		size_t n;
		const char *hex;
	} cases[] = {
		{55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
		{63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
		{64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
		{65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
		{119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
		{120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
	};
	char a[128];
	memset(a, 'a', sizeof a);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char hex[MC_SHA256_HEX_SIZE];
		hex_of(a, cases[i].n, hex);
		assert_string_equal(hex, cases[i].hex);
	}
}

/* Any split of the input gives the digest of the one-shot call. */
static void test_split_updates(void **state)
{
	(void)state;
	uint8_t msg[300];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 131 + 7);
	for (size_t n = 0; n <= sizeof msg; n += 13) {
		uint8_t whole[MC_SHA256_SIZE];
		mc_sha256(msg, n, whole);
		for (size_t cut = 0; cut <= n; cut += 7) {
			mc_sha256_ctx c;
			mc_sha256_init(&c);
			mc_sha256_update(&c, msg, cut);
			mc_sha256_update(&c, NULL, 0);
			mc_sha256_update(&c, msg + cut, n - cut);
			uint8_t d[MC_SHA256_SIZE];
			mc_sha256_final(&c, d);
			assert_memory_equal(d, whole, MC_SHA256_SIZE);
		}
	}
	/* A changed bit changes the digest. */
	uint8_t d1[MC_SHA256_SIZE], d2[MC_SHA256_SIZE];
	mc_sha256(msg, 100, d1);
	msg[50] ^= 1;
	mc_sha256(msg, 100, d2);
	assert_memory_not_equal(d1, d2, MC_SHA256_SIZE);
}

static void test_hex(void **state)
{
	(void)state;
	uint8_t d[MC_SHA256_SIZE], back[MC_SHA256_SIZE];
	mc_sha256("abc", 3, d);
	char hex[MC_SHA256_HEX_SIZE];
	mc_sha256_hex(d, hex);
	assert_true(mc_sha256_from_hex(hex, back));
	assert_memory_equal(d, back, MC_SHA256_SIZE);
	assert_true(mc_sha256_from_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
	                               back));
	assert_memory_equal(d, back, MC_SHA256_SIZE);
	assert_false(mc_sha256_from_hex("ba78", back));
	assert_false(mc_sha256_from_hex(NULL, back));
	char longer[80];
	snprintf(longer, sizeof longer, "%s0", hex);
	assert_false(mc_sha256_from_hex(longer, back));
	hex[10] = 'g';
	assert_false(mc_sha256_from_hex(hex, back));
}

/* xorshift64*: reproducible pseudo-random bytes (the seed is fixed). */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static void rng_fill(uint64_t *s, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(rng_next(s) >> 56);
}

/* The public API uses the SHA extensions whenever the CPU offers them. */
static void test_impl_selected(void **state)
{
	(void)state;
	const char *impl = mc_sha256_impl();
	print_message("sha256 block function: %s\n", impl);
	assert_string_equal(impl, mc_sha256_shani_usable() ? "sha-ni" : "portable");
	/* The portable path alone still gives the FIPS digests. */
	uint8_t d[MC_SHA256_SIZE];
	char hex[MC_SHA256_HEX_SIZE];
	mc_sha256_with(mc_sha256_blocks_portable, "abc", 3, d);
	mc_sha256_hex(d, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* SHA-NI and portable C agree on random states, blocks and messages. */
static void test_shani_matches_portable(void **state)
{
	(void)state;
#if MC_SHA256_HAVE_SHANI
	if (!mc_sha256_shani_usable()) {
		print_message("no SHA extensions on this CPU: differential test skipped\n");
		skip();
	}
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	/* Raw block function: random state, 1..4 random blocks at odd addresses. */
	static uint8_t raw[4 * 64 + 16];
	for (int round = 0; round < 2000; round++) {
		uint32_t a[8], b[8];
		for (int i = 0; i < 8; i++)
			a[i] = b[i] = (uint32_t)(rng_next(&seed) >> 32);
		size_t nb = 1 + (size_t)(rng_next(&seed) % 4), off = (size_t)(rng_next(&seed) % 16);
		rng_fill(&seed, raw + off, nb * 64);
		mc_sha256_blocks_portable(a, raw + off, nb);
		mc_sha256_blocks_shani(b, raw + off, nb);
		assert_memory_equal(a, b, sizeof a);
	}
	/* Whole messages, 0..1000 bytes, every alignment; also through the public
	 * API, fed in two random pieces. */
	static uint8_t msg[1000 + 16];
	for (int round = 0; round < 5000; round++) {
		size_t n = (size_t)(rng_next(&seed) % 1001), off = (size_t)(rng_next(&seed) % 16);
		rng_fill(&seed, msg + off, n);
		uint8_t dp[MC_SHA256_SIZE], dn[MC_SHA256_SIZE], dapi[MC_SHA256_SIZE];
		mc_sha256_with(mc_sha256_blocks_portable, msg + off, n, dp);
		mc_sha256_with(mc_sha256_blocks_shani, msg + off, n, dn);
		if (memcmp(dp, dn, MC_SHA256_SIZE) != 0)
			fail_msg("SHA-NI and portable differ on message %d (%zu bytes at offset %zu)",
			         round, n, off);
		size_t cut = n ? (size_t)(rng_next(&seed) % (n + 1)) : 0;
		mc_sha256_ctx c;
		mc_sha256_init(&c);
		mc_sha256_update(&c, msg + off, cut);
		mc_sha256_update(&c, msg + off + cut, n - cut);
		mc_sha256_final(&c, dapi);
		assert_memory_equal(dp, dapi, MC_SHA256_SIZE);
	}
#else
	print_message("SHA extensions not compiled for this platform: skipped\n");
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_examples),
		cmocka_unit_test(test_shavs_short),
		cmocka_unit_test(test_padding_boundaries),
		cmocka_unit_test(test_split_updates),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_impl_selected),
		cmocka_unit_test(test_shani_matches_portable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
