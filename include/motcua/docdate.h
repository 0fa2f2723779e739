/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Date, time and number parts as Vietnamese administrative documents write
 * them (Decree 30/2020/NĐ-CP): days below 10 and the months 1 and 2 get a
 * leading zero ("ngày 05 tháng 01", but "tháng 3"), document numbers below 10
 * too ("Số: 05/PXL"). Templates put the words around the parts, so nothing
 * here is language text. Pure functions; the caller owns every buffer.
 */
#ifndef MOTCUA_DOCDATE_H
#define MOTCUA_DOCDATE_H

#include <stddef.h>

#include "motcua/mctime.h"

typedef struct mc_docdate {
	char day[3];    /* "05", "15" */
	char month[3];  /* "01", "02", "3" .. "12" */
	char year[5];   /* "2026" */
	char hour[3];   /* "08" */
	char minute[3]; /* "07" */
} mc_docdate;

/* Split a moment into its written parts (hour/minute "00" for a date). */
void mc_docdate_from_time(mc_time t, mc_docdate *out);
void mc_docdate_from_date(mc_date d, mc_docdate *out);

/*
 * "ngày 05 tháng 01 năm 2026" style text built from a pattern where {d},
 * {m}, {y}, {H}, {M} are replaced by the parts (other text is copied), e.g.
 * mc_docdate_format(t, "{H} giờ {M} phút, ngày {d} tháng {m} năm {y}", buf, n).
 * Always terminates buf; returns the length it needed (like snprintf).
 */
size_t mc_docdate_format(mc_time t, const char *pattern, char *buf, size_t n);

/* Document number with the leading zero below 10: 5 -> "05", 123 -> "123". */
void mc_docnum_format(int n, char buf[16]);

#endif
