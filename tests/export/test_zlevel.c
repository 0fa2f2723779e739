/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * src/export/zlevel.c: the workbook's deflate, taken over from minizip
 * while mc_export_zlevel_begin() is in force and done in chunks on worker
 * threads. Every stream is driven the way minizip drives it (input in
 * pieces with Z_NO_FLUSH, a small output buffer emptied whenever it is
 * full, then Z_FINISH until Z_STREAM_END, total_in reset by the caller on
 * the way) and inflated back with zlib.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "export/zlevel.h"

/* Sheet-like XML: repetitive, with varying numbers and Vietnamese names. */
static unsigned char *make_xml(size_t n)
{
	static const char *names[] = {"Nguyễn Văn An", "Trần Thị Bé", "Lê Đức Thịnh",
	                              "Phạm Thị Hồng Nhung", "Đặng Quốc Việt"};
	unsigned char *b = malloc(n + 1);
	assert_non_null(b);
	uint32_t x = 12345;
	size_t at = 0;
	unsigned row = 2;
	while (at < n) {
		char line[256];
		x = x * 1103515245u + 12345u;
		int k = snprintf(line, sizeof line,
		                 "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>%s</t></is></c>"
		                 "<c r=\"B%u\"><v>%u.%u</v></c></row>",
		                 row, row, names[(x >> 16) % 5], row, 46000 + (x >> 20) % 400,
		                 (x >> 8) % 1000);
		row++;
		for (int i = 0; i < k && at < n; i++)
			b[at++] = (unsigned char)line[i];
	}
	return b;
}

struct result {
	unsigned char *z;
	size_t zlen;
	unsigned long total_in, total_out;
};

/* Deflates data the way minizip does; window_bits -15 is minizip's. */
static struct result drive(const unsigned char *data, size_t n, size_t piece, size_t outbuf,
                           int window_bits)
{
	struct result r = {0};
	z_stream s;
	memset(&s, 0, sizeof s);
	assert_int_equal(deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8,
	                              Z_DEFAULT_STRATEGY),
	                 Z_OK);
	size_t cap = n + n / 8 + 1024, at = 0;
	r.z = malloc(cap);
	assert_non_null(r.z);
	unsigned char *buf = malloc(outbuf);
	assert_non_null(buf);
	s.next_out = buf;
	s.avail_out = (uInt)outbuf;
	unsigned long in_sum = 0;
#define FLUSH_OUT()                                                                            \
	do {                                                                                   \
		size_t got = outbuf - s.avail_out;                                             \
		assert_true(r.zlen + got <= cap);                                              \
		memcpy(r.z + r.zlen, buf, got);                                                \
		r.zlen += got;                                                                 \
		s.next_out = buf;                                                              \
		s.avail_out = (uInt)outbuf;                                                    \
		in_sum += s.total_in; /* minizip counts and resets total_in */                 \
		s.total_in = 0;                                                                \
	} while (0)
	while (at < n) {
		size_t k = n - at < piece ? n - at : piece;
		s.next_in = (Bytef *)(data + at);
		s.avail_in = (uInt)k;
		at += k;
		while (s.avail_in > 0) {
			if (s.avail_out == 0)
				FLUSH_OUT();
			uLong before = s.total_out;
			assert_int_equal(deflate(&s, Z_NO_FLUSH), Z_OK);
			assert_true(s.total_out >= before);
		}
	}
	int rc = Z_OK;
	int rounds = 0;
	while (rc == Z_OK) {
		if (s.avail_out == 0)
			FLUSH_OUT();
		rc = deflate(&s, Z_FINISH);
		assert_true(++rounds < 100000000);
	}
	assert_int_equal(rc, Z_STREAM_END);
	FLUSH_OUT();
#undef FLUSH_OUT
	r.total_in = in_sum;
	r.total_out = s.total_out;
	deflateEnd(&s);
	free(buf);
	return r;
}

static void inflate_and_compare(const struct result *r, const unsigned char *data, size_t n,
                                int window_bits)
{
	z_stream s;
	memset(&s, 0, sizeof s);
	assert_int_equal(inflateInit2(&s, window_bits), Z_OK);
	unsigned char *back = malloc(n + 1);
	assert_non_null(back);
	s.next_in = r->z;
	s.avail_in = (uInt)r->zlen;
	s.next_out = back;
	s.avail_out = (uInt)(n + 1);
	assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
	assert_int_equal(s.total_out, n);
	assert_int_equal(s.avail_in, 0); /* nothing after the final block */
	assert_memory_equal(back, data, n);
	inflateEnd(&s);
	free(back);
}

/* Sizes around the chunk (256 KiB), pieces and output buffers of every kind. */
static void test_round_trips(void **state)
{
	(void)state;
	const size_t chunk = 256 * 1024;
	const size_t sizes[] = {0, 1, 1000, chunk - 1, chunk, chunk + 1, 3 * chunk + 12345,
	                        5u * 1024 * 1024 + 7};
	const size_t pieces[] = {4096, 16384, 1 << 20};
	const size_t outs[] = {1, 7, 65536};
	const int levels[] = {1, 6}; /* 1 goes to ISA-L when motcua is built with it */
	for (size_t l = 0; l < 2; l++) {
	printf("# level %d: %s\n", levels[l], mc_export_zlevel_coder(levels[l]));
	mc_export_zlevel_begin(levels[l], true);
	for (size_t a = 0; a < sizeof sizes / sizeof *sizes; a++) {
		unsigned char *data = make_xml(sizes[a]);
		for (size_t b = 0; b < sizeof pieces / sizeof *pieces; b++) {
			for (size_t c = 0; c < sizeof outs / sizeof *outs; c++) {
				/* 1-byte output buffers on 5 MB take a while: once is enough */
				if (outs[c] < 64 && sizes[a] > chunk * 4 && b > 0)
					continue;
				struct result r = drive(data, sizes[a], pieces[b], outs[c], -15);
				assert_int_equal(r.total_in, sizes[a]);
				assert_int_equal(r.total_out, r.zlen);
				inflate_and_compare(&r, data, sizes[a], -15);
				free(r.z);
			}
		}
		free(data);
	}
	mc_export_zlevel_end();
	}
}

/* A large stream goes to the workers (with 2 or more processors), and the
 * chunks primed with the input before them compress as well as one stream.
 * At level 6 (zlib's path, whatever the build): -0.06 % here, where chunks
 * without the dictionary come out 0.99 % larger (measured when this test
 * was written), so the bound is +0.25 %. */
static void test_parallel_and_primed(void **state)
{
	(void)state;
	size_t n = 8u * 1024 * 1024;
	unsigned char *data = make_xml(n);

	/* zlib alone at level 6 (not taken over: outside begin/end). */
	z_stream s;
	memset(&s, 0, sizeof s);
	assert_int_equal(deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
	uLong bound = deflateBound(&s, n);
	unsigned char *z = malloc(bound);
	s.next_in = data;
	s.avail_in = (uInt)n;
	s.next_out = z;
	s.avail_out = (uInt)bound;
	unsigned long jobs0 = mc_export_zlevel_parallel_jobs();
	assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
	size_t serial = s.total_out;
	deflateEnd(&s);
	free(z);
	assert_int_equal(mc_export_zlevel_parallel_jobs(), jobs0);

	mc_export_zlevel_begin(6, true);
	struct result r = drive(data, n, 16384, 65536, -15);
	mc_export_zlevel_end();
	inflate_and_compare(&r, data, n, -15);
	unsigned long jobs = mc_export_zlevel_parallel_jobs() - jobs0;
	/* As many workers as processors this process may use (taskset -c 0 in
	 * the zlevel-one-cpu test: none, all on the calling thread). */
	cpu_set_t set;
	int cpus = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 2;
	printf("# %d processor(s) for this process\n", cpus);
	if (cpus >= 2)
		assert_true(jobs >= n / (256 * 1024));
	else
		assert_int_equal(jobs, 0);
	printf("# %zu bytes: zlib level 6 %zu, in chunks %zu (%+.2f %%), %lu jobs on workers\n", n,
	       serial, r.zlen, 100.0 * ((double)r.zlen - (double)serial) / (double)serial, jobs);
	assert_true(r.zlen <= serial + serial / 400);
	free(r.z);
	free(data);
}

/* A stream with a zlib header and trailer is left to zlib, inside begin/end;
 * so is every stream when only the level was asked for. */
static void test_wrapped_stream_left_alone(void **state)
{
	(void)state;
	size_t n = 2u * 1024 * 1024;
	unsigned char *data = make_xml(n);
	unsigned long jobs0 = mc_export_zlevel_parallel_jobs();
	mc_export_zlevel_begin(1, true);
	struct result r = drive(data, n, 16384, 65536, 15);
	mc_export_zlevel_end();
	assert_int_equal(mc_export_zlevel_parallel_jobs(), jobs0);
	inflate_and_compare(&r, data, n, 15);
	free(r.z);
	/* Asked for the level alone (the raw libxlsxwriter baseline): zlib's
	 * deflate on this thread, at that level. */
	mc_export_zlevel_begin(1, false);
	r = drive(data, n, 16384, 65536, -15);
	mc_export_zlevel_end();
	assert_int_equal(mc_export_zlevel_parallel_jobs(), jobs0);
	inflate_and_compare(&r, data, n, -15);
	free(r.z);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trips),
	    cmocka_unit_test(test_parallel_and_primed),
	    cmocka_unit_test(test_wrapped_stream_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
