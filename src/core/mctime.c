/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Civil date arithmetic (proleptic Gregorian, days since 1970-01-01) and the
 * text forms of dates and moments. Parsers are strict and name the bad value.
 */
#include <stdio.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/mctime.h"

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int mc_days_in_month(int y, int m)
{
	static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

bool mc_ymd_valid(int y, int m, int d)
{
	return y >= MC_YEAR_MIN && y <= MC_YEAR_MAX && m >= 1 && m <= 12 && d >= 1 &&
	       d <= mc_days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil. */
mc_date mc_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (mc_date)(era * 146097 + (int)doe - 719468);
}

void mc_date_to_ymd(mc_date dt, int *y, int *m, int *d)
{
	int z = dt + 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const int yy = (int)yoe + era * 400;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	const unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	if (y)
		*y = yy + (mm <= 2);
	if (m)
		*m = (int)mm;
	if (d)
		*d = (int)dd;
}

int mc_date_weekday(mc_date dt)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((dt % 7 + 7 + 4) % 7);
	return w;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool parse_ymd(const char *s, int *y, int *m, int *d)
{
	return digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) && s[7] == '-' &&
	       digits(s + 8, 2, d);
}

mc_status mc_date_parse(const char *s, mc_date *out, mc_err *e)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || !parse_ymd(s, &y, &m, &d))
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a date of the form YYYY-MM-DD."),
		                  s ? s : "");
	if (!mc_ymd_valid(y, m, d))
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a real date."), s);
	*out = mc_date_from_ymd(y, m, d);
	return MC_OK;
}

mc_status mc_hhmm_parse(const char *s, int *minutes, mc_err *e)
{
	int h, mi;
	if (!s || strlen(s) != 5 || !digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &mi))
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a time of the form HH:MM."),
		                  s ? s : "");
	if (h > 23 || mi > 59)
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a real time of day."), s);
	*minutes = h * 60 + mi;
	return MC_OK;
}

mc_status mc_time_parse(const char *s, mc_time *out, mc_err *e)
{
	int y, m, d, mins;
	if (!s || strlen(s) != 16 || !parse_ymd(s, &y, &m, &d) || (s[10] != ' ' && s[10] != 'T'))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("\"%s\" is not a moment of the form YYYY-MM-DD HH:MM."), s ? s : "");
	if (!mc_ymd_valid(y, m, d))
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a real date."), s);
	if (mc_hhmm_parse(s + 11, &mins, NULL) != MC_OK)
		return mc_err_set(e, MC_ERR_INVALID, _("\"%s\" is not a real time of day."), s);
	*out = mc_time_make(mc_date_from_ymd(y, m, d), mins);
	return MC_OK;
}

static char *put_digits(char *p, unsigned v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

void mc_date_format(mc_date dt, char buf[11])
{
	int y, m, d;
	mc_date_to_ymd(dt, &y, &m, &d);
	char *p = put_digits(buf, (unsigned)y, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)m, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)d, 2);
	*p = '\0';
}

void mc_date_format_vn(mc_date dt, char buf[11])
{
	int y, m, d;
	mc_date_to_ymd(dt, &y, &m, &d);
	char *p = put_digits(buf, (unsigned)d, 2);
	*p++ = '/';
	p = put_digits(p, (unsigned)m, 2);
	*p++ = '/';
	p = put_digits(p, (unsigned)y, 4);
	*p = '\0';
}

void mc_hhmm_format(int minutes, char buf[6])
{
	unsigned v = minutes < 0 ? 0u : (unsigned)minutes;
	char *p = put_digits(buf, v / 60, 2);
	*p++ = ':';
	p = put_digits(p, v % 60, 2);
	*p = '\0';
}

void mc_time_format(mc_time t, char buf[17])
{
	if (t == MC_TIME_NONE) {
		buf[0] = '\0';
		return;
	}
	mc_date_format(mc_time_date(t), buf);
	buf[10] = ' ';
	mc_hhmm_format(mc_time_minute_of_day(t), buf + 11);
}
