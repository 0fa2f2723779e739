/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The deflate level of the workbook (setting [export] compression).
 *
 * libxlsxwriter 1.1.4 zips the workbook through minizip, which opens each
 * member's deflate stream with deflateInit2_() at Z_DEFAULT_COMPRESSION
 * (zlib level 6), and offers no option to change it. On 100,000 dossiers
 * that deflate is about half of the export's time (120 MB of sheet XML).
 *
 * This file defines deflateInit2_ in the program itself; the build exports
 * it (-Wl,--export-dynamic-symbol in meson.build), so minizip's call binds
 * here first. The wrapper forwards every call to zlib's own deflateInit2_
 * (found with dlsym(RTLD_NEXT)) unchanged, except that a stream asked for
 * at the default level gets the configured level while, on the same
 * thread, mc_export_zlevel_begin() is in force: only workbook_close() in
 * src/export/xlsx.c. Other zlib users (cairo's PDF streams, say) are never
 * touched. If the symbol is not exported (a static or unusual build) the
 * wrapper is simply never called and the workbook comes out at level 6.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <string.h>

#include <zlib.h>

#include "zlevel.h"

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

static _Thread_local int override = -1;
static _Atomic(init2_fn) real_init2;

static init2_fn real(void)
{
	init2_fn f = atomic_load(&real_init2);
	if (!f) {
		void *p = dlsym(RTLD_NEXT, "deflateInit2_");
		memcpy(&f, &p, sizeof f); /* object to function pointer, as POSIX allows */
		atomic_store(&real_init2, f);
	}
	return f;
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
                  int strategy, const char *version, int stream_size)
{
	init2_fn f = real();
	if (!f)
		return Z_VERSION_ERROR;
	if (override >= 0 && level == Z_DEFAULT_COMPRESSION)
		level = override;
	return f(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}

void mc_export_zlevel_begin(int level)
{
	override = level >= 0 && level <= 9 ? level : -1;
}

void mc_export_zlevel_end(void)
{
	override = -1;
}
