/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reporting period parser: calendar months, the official 15th-to-14th
 * windows of domain.md §5 and free ranges. See include/motcua/period.h.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/period.h"

/* Reads exactly n digits at *p; advances. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

/* 15th of the month before (y, m) .. 14th of (y2, m2). */
static void official(int y, int m, int y2, int m2, mc_date *from, mc_date *to)
{
	int py = m == 1 ? y - 1 : y;
	int pm = m == 1 ? 12 : m - 1;
	*from = mc_date_from_ymd(py, pm, 15);
	*to = mc_date_from_ymd(y2, m2, 14);
}

static void calendar(int y, int m, int y2, int m2, mc_date *from, mc_date *to)
{
	*from = mc_date_from_ymd(y, m, 1);
	*to = mc_date_from_ymd(y2, m2, mc_days_in_month(y2, m2));
}

static mc_status bad(const char *s, mc_err *e)
{
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("\"%s\" is not a period (use YYYY-MM, YYYY-MM/official, YYYY-Qn, YYYY-H1, YYYY-9M, YYYY or FROM..TO)."),
	                  s);
}

mc_status mc_period_parse(const char *s, mc_date *from, mc_date *to_inclusive, mc_err *e)
{
	if (!s)
		return bad("", e);
	const char *range = strstr(s, "..");
	if (range) {
		char a[32], b[32];
		size_t la = (size_t)(range - s);
		size_t lb = strlen(range + 2);
		if (la == 0 || lb == 0 || la >= sizeof a || lb >= sizeof b)
			return bad(s, e);
		memcpy(a, s, la);
		a[la] = '\0';
		memcpy(b, range + 2, lb + 1);
		mc_date f, t;
		mc_err sub;
		mc_err_clear(&sub);
		if (mc_date_parse(a, &f, &sub) != MC_OK || mc_date_parse(b, &t, &sub) != MC_OK)
			return mc_err_set(e, MC_ERR_INVALID, _("period \"%s\": %s"), s, sub.msg);
		if (t < f)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("period \"%s\" ends before it starts."), s);
		*from = f;
		*to_inclusive = t;
		return MC_OK;
	}

	const char *p = s;
	int y;
	if (!digits(&p, 4, &y))
		return bad(s, e);
	/* The official windows start in December of the previous year. */
	if (y <= MC_YEAR_MIN || y > MC_YEAR_MAX)
		return mc_err_set(e, MC_ERR_RANGE, _("period \"%s\": the year must be between %d and %d."),
		                  s, MC_YEAR_MIN + 1, MC_YEAR_MAX);

	enum { K_YEAR, K_MONTH, K_QUARTER, K_H1, K_H2, K_9M } kind;
	int n = 0;
	if (*p == '\0' || *p == '/') {
		kind = K_YEAR;
	} else if (*p != '-') {
		return bad(s, e);
	} else {
		p++;
		if (*p == 'Q' || *p == 'q') {
			p++;
			if (!digits(&p, 1, &n) || n < 1 || n > 4)
				return bad(s, e);
			kind = K_QUARTER;
		} else if ((*p == 'H' || *p == 'h') && (p[1] == '1' || p[1] == '2')) {
			kind = p[1] == '1' ? K_H1 : K_H2;
			p += 2;
		} else if (p[0] == '9' && (p[1] == 'M' || p[1] == 'm')) {
			kind = K_9M;
			p += 2;
		} else if (digits(&p, 2, &n) && n >= 1 && n <= 12) {
			kind = K_MONTH;
		} else {
			return bad(s, e);
		}
	}

	bool cal = false, off = false;
	if (*p == '/') {
		p++;
		if (strcmp(p, "official") == 0 && kind == K_MONTH)
			off = true;
		else if (strcmp(p, "calendar") == 0 && kind != K_MONTH)
			cal = true;
		else
			return bad(s, e);
	} else if (*p) {
		return bad(s, e);
	}

	mc_date f, t;
	switch (kind) {
	case K_MONTH:
		if (off)
			official(y, n, y, n, &f, &t);
		else
			calendar(y, n, y, n, &f, &t);
		break;
	case K_QUARTER:
		if (cal)
			calendar(y, 3 * n - 2, y, 3 * n, &f, &t);
		else
			official(y, 3 * n - 2, y, 3 * n, &f, &t);
		break;
	case K_H1:
		(cal ? calendar : official)(y, 1, y, 6, &f, &t);
		break;
	case K_H2:
		(cal ? calendar : official)(y, 7, y, 12, &f, &t);
		break;
	case K_9M:
		(cal ? calendar : official)(y, 1, y, 9, &f, &t);
		break;
	case K_YEAR:
	default:
		(cal ? calendar : official)(y, 1, y, 12, &f, &t);
		break;
	}
	*from = f;
	*to_inclusive = t;
	return MC_OK;
}

void mc_period_describe(mc_date from, mc_date to_inclusive, char *buf, size_t size)
{
	char a[11], b[11];
	mc_date_format_vn(from, a);
	mc_date_format_vn(to_inclusive, b);
	snprintf(buf, size, _("From %s to %s"), a, b);
}
