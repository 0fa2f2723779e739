/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The deflate level of the workbook's zip container (setting [export]
 * compression). Internal to src/export: see zlevel.c for how it reaches
 * libxlsxwriter, which has no option for it.
 */
#ifndef MC_EXPORT_ZLEVEL_H
#define MC_EXPORT_ZLEVEL_H

/*
 * Until mc_export_zlevel_end(), on the calling thread only, a deflate
 * stream opened at zlib's default level uses `level` (0-9) instead; a
 * level outside 0-9 leaves zlib's default.
 */
void mc_export_zlevel_begin(int level);
void mc_export_zlevel_end(void);

#endif
