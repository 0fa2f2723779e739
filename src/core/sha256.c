/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SHA-256 as specified by FIPS 180-4 §6.2: 64-byte blocks, big-endian
 * words, the 64 round constants (first 32 bits of the fractional parts of
 * the cube roots of the first 64 primes). Two block functions: plain
 * portable C (the round loop unrolled by eight), and on x86-64 one built on
 * the SHA extensions (SHA256RNDS2 / SHA256MSG1 / SHA256MSG2), chosen once at
 * start-up from CPUID so that verifying millions of events stays fast.
 * Both are reachable through core/sha256_internal.h for the differential test.
 */
#include <string.h>

#include "core/sha256_internal.h"
#include "motcua/sha256.h"

#if MC_SHA256_HAVE_SHANI
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define s0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define s1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))

/* One round with the working variables named by position (no shuffling). */
#define ROUND(a, b, c, d, e, f, g, h, i)                                \
	do {                                                            \
		uint32_t t1 = h + S1(e) + CH(e, f, g) + K[i] + w[i];   \
		uint32_t t2 = S0(a) + MAJ(a, b, c);                     \
		d += t1;                                                \
		h = t1 + t2;                                            \
	} while (0)

static void compress(uint32_t st[8], const uint8_t *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++)
		w[i] = s1(w[i - 2]) + w[i - 7] + s0(w[i - 15]) + w[i - 16];
	uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
	uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
	for (int i = 0; i < 64; i += 8) {
		ROUND(a, b, c, d, e, f, g, h, i);
		ROUND(h, a, b, c, d, e, f, g, i + 1);
		ROUND(g, h, a, b, c, d, e, f, i + 2);
		ROUND(f, g, h, a, b, c, d, e, i + 3);
		ROUND(e, f, g, h, a, b, c, d, i + 4);
		ROUND(d, e, f, g, h, a, b, c, i + 5);
		ROUND(c, d, e, f, g, h, a, b, i + 6);
		ROUND(b, c, d, e, f, g, h, a, i + 7);
	}
	st[0] += a;
	st[1] += b;
	st[2] += c;
	st[3] += d;
	st[4] += e;
	st[5] += f;
	st[6] += g;
	st[7] += h;
}

void mc_sha256_blocks_portable(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
	for (; nblocks; nblocks--, p += 64)
		compress(st, p);
}

#if MC_SHA256_HAVE_SHANI
/*
 * The SHA extensions keep the eight working variables in two registers,
 * lanes numbered from the low end: abef = {F, E, B, A} and cdgh =
 * {H, G, D, C}. SHA256RNDS2(cdgh, abef, wk) performs two rounds with the
 * words+constants in lanes 0 and 1 of wk and returns the new abef; the new
 * cdgh is the old abef. SHA256MSG1(w[i-16..i-13], w[i-12..i-9]) adds
 * sigma0 of the following word to each of the four; adding w[i-7..i-4] and
 * then SHA256MSG2(that, w[i-4..i-1]) adds sigma1 and yields w[i..i+3].
 */
#define MC_SHANI __attribute__((target("sha,sse4.1")))

/* w[i..i+3] from the four previous quads m0 = w[i-16..], ..., m3 = w[i-4..]. */
MC_SHANI static inline __m128i shani_schedule(__m128i m0, __m128i m1, __m128i m2, __m128i m3)
{
	__m128i t = _mm_sha256msg1_epu32(m0, m1);
	t = _mm_add_epi32(t, _mm_alignr_epi8(m3, m2, 4)); /* w[i-7..i-4] */
	return _mm_sha256msg2_epu32(t, m3);
}

/* Four rounds (4g .. 4g+3) with the message words w. */
MC_SHANI static inline void shani_rounds4(__m128i *abef, __m128i *cdgh, __m128i w, int g)
{
	__m128i wk = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)(const void *)&K[4 * g]));
	*cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);  /* now holds the new abef */
	wk = _mm_shuffle_epi32(wk, 0x0e);                 /* lanes 2, 3 down to 0, 1 */
	*abef = _mm_sha256rnds2_epu32(*abef, *cdgh, wk);
	/* after two calls the roles are back: *abef is abef, *cdgh is cdgh */
}

MC_SHANI void mc_sha256_blocks_shani(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
	/* big-endian words: reverse the bytes inside each 32-bit lane */
	const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
	__m128i t0 = _mm_loadu_si128((const __m128i *)(const void *)&st[0]); /* {A, B, C, D} */
	__m128i t1 = _mm_loadu_si128((const __m128i *)(const void *)&st[4]); /* {E, F, G, H} */
	t0 = _mm_shuffle_epi32(t0, 0xb1);                                   /* {B, A, D, C} */
	t1 = _mm_shuffle_epi32(t1, 0x1b);                                   /* {H, G, F, E} */
	__m128i abef = _mm_alignr_epi8(t0, t1, 8);                          /* {F, E, B, A} */
	__m128i cdgh = _mm_blend_epi16(t1, t0, 0xf0);                       /* {H, G, D, C} */

	for (; nblocks; nblocks--, p += 64) {
		const __m128i abef0 = abef, cdgh0 = cdgh;
		__m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), bswap);
		__m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16)), bswap);
		__m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 32)), bswap);
		__m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 48)), bswap);
		shani_rounds4(&abef, &cdgh, m0, 0);
		shani_rounds4(&abef, &cdgh, m1, 1);
		shani_rounds4(&abef, &cdgh, m2, 2);
		shani_rounds4(&abef, &cdgh, m3, 3);
		for (int g = 4; g < 16; g += 4) {
			m0 = shani_schedule(m0, m1, m2, m3);
			shani_rounds4(&abef, &cdgh, m0, g);
			m1 = shani_schedule(m1, m2, m3, m0);
			shani_rounds4(&abef, &cdgh, m1, g + 1);
			m2 = shani_schedule(m2, m3, m0, m1);
			shani_rounds4(&abef, &cdgh, m2, g + 2);
			m3 = shani_schedule(m3, m0, m1, m2);
			shani_rounds4(&abef, &cdgh, m3, g + 3);
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}

	t0 = _mm_shuffle_epi32(abef, 0x1b);                                /* {A, B, E, F} */
	t1 = _mm_shuffle_epi32(cdgh, 0xb1);                                /* {G, H, C, D} */
	_mm_storeu_si128((__m128i *)(void *)&st[0], _mm_blend_epi16(t0, t1, 0xf0)); /* {A, B, C, D} */
	_mm_storeu_si128((__m128i *)(void *)&st[4], _mm_alignr_epi8(t1, t0, 8));   /* {E, F, G, H} */
}

bool mc_sha256_shani_usable(void)
{
	unsigned a, b, c, d;
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 19))) /* SSE4.1 */
		return false;
	if (__get_cpuid_max(0, NULL) < 7 || !__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b & (1u << 29)) != 0; /* SHA */
}
#else
bool mc_sha256_shani_usable(void)
{
	return false;
}
#endif

/*
 * The block function used by the public API, chosen once before main()
 * (a constructor, so no thread ever sees it change). clang 14 does not know
 * __builtin_cpu_supports("sha"), hence CPUID read directly.
 */
static mc_sha256_blocks_fn *blocks = mc_sha256_blocks_portable;

#if MC_SHA256_HAVE_SHANI
__attribute__((constructor)) static void select_blocks(void)
{
	if (mc_sha256_shani_usable())
		blocks = mc_sha256_blocks_shani;
}
#endif

const char *mc_sha256_impl(void)
{
	return blocks == mc_sha256_blocks_portable ? "portable" : "sha-ni";
}

static void update_with(mc_sha256_ctx *c, const void *data, size_t n, mc_sha256_blocks_fn *fn)
{
	const uint8_t *p = data;
	if (n == 0)
		return; /* data may be NULL */
	c->bytes += n;
	if (c->n) {
		size_t take = 64 - c->n < n ? 64 - c->n : n;
		memcpy(c->buf + c->n, p, take);
		c->n += take;
		p += take;
		n -= take;
		if (c->n < 64)
			return;
		fn(c->h, c->buf, 1);
		c->n = 0;
	}
	if (n >= 64) {
		fn(c->h, p, n / 64);
		p += n / 64 * 64;
		n %= 64;
	}
	if (n) {
		memcpy(c->buf, p, n);
		c->n = n;
	}
}

static void final_with(mc_sha256_ctx *c, uint8_t out[MC_SHA256_SIZE], mc_sha256_blocks_fn *fn)
{
	uint64_t bits = c->bytes * 8;
	c->buf[c->n++] = 0x80;
	if (c->n > 56) {
		memset(c->buf + c->n, 0, 64 - c->n);
		fn(c->h, c->buf, 1);
		c->n = 0;
	}
	memset(c->buf + c->n, 0, 56 - c->n);
	for (int i = 0; i < 8; i++)
		c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	fn(c->h, c->buf, 1);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
	memset(c, 0, sizeof *c);
}

void mc_sha256_with(mc_sha256_blocks_fn *fn, const void *data, size_t n,
                    uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	update_with(&c, data, n, fn);
	final_with(&c, out, fn);
}

void mc_sha256_init(mc_sha256_ctx *c)
{
	static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	memcpy(c->h, h0, sizeof h0);
	c->bytes = 0;
	c->n = 0;
}

void mc_sha256_update(mc_sha256_ctx *c, const void *data, size_t n)
{
	update_with(c, data, n, blocks);
}

void mc_sha256_final(mc_sha256_ctx *c, uint8_t out[MC_SHA256_SIZE])
{
	final_with(c, out, blocks);
}

void mc_sha256(const void *data, size_t n, uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	mc_sha256_update(&c, data, n);
	mc_sha256_final(&c, out);
}

void mc_sha256_hex(const uint8_t d[MC_SHA256_SIZE], char out[MC_SHA256_HEX_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < MC_SHA256_SIZE; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool mc_sha256_from_hex(const char *hex, uint8_t out[MC_SHA256_SIZE])
{
	if (!hex)
		return false;
	for (int i = 0; i < MC_SHA256_SIZE; i++) {
		int hi = nibble(hex[2 * i]);
		int lo = hi < 0 ? -1 : nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return hex[64] == '\0';
}
