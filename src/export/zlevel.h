/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The deflate of the workbook's zip container: its level (setting [export]
 * compression) and its worker threads. Internal to src/export: see zlevel.c
 * for how it reaches libxlsxwriter, which has no option for either.
 */
#ifndef MC_EXPORT_ZLEVEL_H
#define MC_EXPORT_ZLEVEL_H

#include <stdbool.h>

/*
 * Until mc_export_zlevel_end(), on the calling thread only, a raw deflate
 * stream opened at zlib's default level uses `level` (0-9) instead and,
 * with own_deflate, is deflated in chunks on worker threads (level 1 with
 * ISA-L when built with it); a level outside 0-9 leaves zlib alone.
 */
void mc_export_zlevel_begin(int level, bool own_deflate);
void mc_export_zlevel_end(void);

/*
 * Chunks of workbook deflated on worker threads since the program started
 * (see zlevel.c); for tests.
 */
unsigned long mc_export_zlevel_parallel_jobs(void);

/* What deflates at `level`: "ISA-L igzip" or "zlib". */
const char *mc_export_zlevel_coder(int level);

#endif
