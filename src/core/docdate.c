/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Written date parts for documents (include/motcua/docdate.h): the leading
 * zero rules of Decree 30/2020 for days, months and document numbers.
 */
#include <stdio.h>
#include <string.h>

#include "motcua/docdate.h"

void mc_docdate_from_date(mc_date d, mc_docdate *out)
{
	mc_docdate_from_time(mc_time_make(d, 0), out);
}

/* Write 0 <= v < 100 as two digits (or one when !pad and v < 10). */
static void two(char out[3], int v, int pad)
{
	v = v < 0 ? 0 : v % 100;
	int i = 0;
	if (v >= 10 || pad)
		out[i++] = (char)('0' + v / 10);
	out[i++] = (char)('0' + v % 10);
	out[i] = '\0';
}

void mc_docdate_from_time(mc_time t, mc_docdate *out)
{
	int y, m, d;
	mc_date_to_ymd(mc_time_date(t), &y, &m, &d);
	int mod = mc_time_minute_of_day(t);
	two(out->day, d, 1);
	two(out->month, m, m <= 2);
	two(out->year, y / 100, 1);
	two(out->year + 2, y, 1);
	two(out->hour, mod / 60, 1);
	two(out->minute, mod % 60, 1);
}

size_t mc_docdate_format(mc_time t, const char *pattern, char *buf, size_t n)
{
	mc_docdate p;
	mc_docdate_from_time(t, &p);
	size_t o = 0;
	for (const char *s = pattern; *s;) {
		const char *part = NULL;
		if (s[0] == '{' && s[1] && s[2] == '}') {
			switch (s[1]) {
			case 'd': part = p.day; break;
			case 'm': part = p.month; break;
			case 'y': part = p.year; break;
			case 'H': part = p.hour; break;
			case 'M': part = p.minute; break;
			default: break;
			}
		}
		if (part) {
			for (const char *q = part; *q; q++, o++)
				if (o + 1 < n)
					buf[o] = *q;
			s += 3;
		} else {
			if (o + 1 < n)
				buf[o] = *s;
			o++;
			s++;
		}
	}
	if (n > 0)
		buf[o < n ? o : n - 1] = '\0';
	return o;
}

void mc_docnum_format(int n, char buf[16])
{
	if (n >= 0 && n < 10)
		snprintf(buf, 16, "%02d", n);
	else
		snprintf(buf, 16, "%d", n);
}
