/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The Vietnamese lunar calendar, after Hồ Ngọc Đức's published algorithm
 * ("Thuật toán tính âm lịch", itself based on Meeus, Astronomical
 * Algorithms), evaluated at time zone UTC+7. New moons and the sun's
 * longitude use Meeus' short series; month 11 always holds the winter
 * solstice and a leap month is the first month of a 13-month year without
 * a major solar term.
 *
 * Used by the calendar to place Tết and Giỗ Tổ Hùng Vương in years with no
 * announced calendar file.
 */
#include <math.h>
#include <stdio.h>

#include "motcua/lunar.h"

#define TZ 7.0 /* hours east of UTC: Vietnam */
#define JD_EPOCH 2415021.076998695 /* new moon of 1900-01-01, Julian day */
#define SYNODIC 29.530588853
#define JDN_1970 2440588 /* Julian day number of 1970-01-01 */

static const double PI = 3.14159265358979323846;

/* Julian day of the k-th new moon after 1900-01-01 (Meeus ch. 47, short form). */
static double new_moon(int k)
{
	double T = k / 1236.85;
	double T2 = T * T, T3 = T2 * T;
	double dr = PI / 180;
	double jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
	jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
	double M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
	double Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
	double F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
	double C1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
	C1 = C1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
	C1 = C1 - 0.0004 * sin(dr * 3 * Mpr);
	C1 = C1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
	C1 = C1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
	C1 = C1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
	C1 = C1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
	double deltat;
	if (T < -11)
		deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 -
		         0.000000081 * T * T3;
	else
		deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
	return jd1 + C1 - deltat;
}

/* Sun's apparent longitude in radians, 0..2π, at Julian day jdn. */
static double sun_longitude(double jdn)
{
	double T = (jdn - 2451545.0) / 36525;
	double T2 = T * T;
	double dr = PI / 180;
	double M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
	double L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
	double DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
	DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
	double L = (L0 + DL) * dr;
	L = L - PI * 2 * floor(L / (PI * 2));
	return L;
}

/* Day number (JDN) of the k-th new moon at local time. */
static long new_moon_day(int k)
{
	return (long)floor(new_moon(k) + 0.5 + TZ / 24);
}

/* Sector 0..11 of the sun's longitude at the start of local day jdn. */
static int sun_sector(long jdn)
{
	return (int)floor(sun_longitude((double)jdn - 0.5 - TZ / 24) / PI * 6);
}

/* JDN of the first day of lunar month 11 (the month with the winter solstice) of year yy. */
static long lunar_month11(int yy)
{
	long off = (long)(mc_date_from_ymd(yy, 12, 31) + JDN_1970) - 2415021;
	int k = (int)floor(off / SYNODIC);
	long nm = new_moon_day(k);
	if (sun_sector(nm) >= 9)
		nm = new_moon_day(k - 1);
	return nm;
}

/* Offset (in months after month 11 starting at a11) of the leap month. */
static int leap_month_offset(long a11)
{
	int k = (int)floor((a11 - JD_EPOCH) / SYNODIC + 0.5);
	int last, i = 1;
	int arc = sun_sector(new_moon_day(k + i));
	do {
		last = arc;
		i++;
		arc = sun_sector(new_moon_day(k + i));
	} while (arc != last && i < 14);
	return i - 1;
}

void mc_lunar_from_solar(mc_date d, mc_lunar_date *out)
{
	long day_number = (long)d + JDN_1970;
	int yy;
	mc_date_to_ymd(d, &yy, NULL, NULL);
	int k = (int)floor((day_number - JD_EPOCH) / SYNODIC);
	long month_start = new_moon_day(k + 1);
	/* The mean-lunation guess for k can be one month off near a new moon. */
	while (month_start > day_number)
		month_start = new_moon_day(k--);
	long a11 = lunar_month11(yy);
	long b11 = a11;
	int lunar_year;
	if (a11 >= month_start) {
		lunar_year = yy;
		a11 = lunar_month11(yy - 1);
	} else {
		lunar_year = yy + 1;
		b11 = lunar_month11(yy + 1);
	}
	int lunar_day = (int)(day_number - month_start + 1);
	int diff = (int)((month_start - a11) / 29);
	bool leap = false;
	int lunar_month = diff + 11;
	if (b11 - a11 > 365) {
		int leap_diff = leap_month_offset(a11);
		if (diff >= leap_diff) {
			lunar_month = diff + 10;
			if (diff == leap_diff)
				leap = true;
		}
	}
	if (lunar_month > 12)
		lunar_month -= 12;
	if (lunar_month >= 11 && diff < 4)
		lunar_year -= 1;
	out->day = lunar_day;
	out->month = lunar_month;
	out->year = lunar_year;
	out->leap = leap;
}

bool mc_lunar_to_solar(const mc_lunar_date *l, mc_date *out)
{
	if (l->month < 1 || l->month > 12 || l->day < 1 || l->day > 30 ||
	    l->year < MC_YEAR_MIN || l->year > MC_YEAR_MAX)
		return false;
	long a11, b11;
	if (l->month < 11) {
		a11 = lunar_month11(l->year - 1);
		b11 = lunar_month11(l->year);
	} else {
		a11 = lunar_month11(l->year);
		b11 = lunar_month11(l->year + 1);
	}
	int k = (int)floor(0.5 + (a11 - JD_EPOCH) / SYNODIC);
	int off = l->month - 11;
	if (off < 0)
		off += 12;
	if (b11 - a11 > 365) {
		int leap_off = leap_month_offset(a11);
		int leap_month = leap_off - 2;
		if (leap_month < 0)
			leap_month += 12;
		if (l->leap && l->month != leap_month)
			return false;
		if (l->leap || off >= leap_off)
			off += 1;
	} else if (l->leap) {
		return false;
	}
	long month_start = new_moon_day(k + off);
	/* Day 30 exists only in a long month. */
	if (l->day == 30 && new_moon_day(k + off + 1) - month_start < 30)
		return false;
	*out = (mc_date)(month_start + l->day - 1 - JDN_1970);
	return true;
}

void mc_lunar_year_name(int lunar_year, char *buf, unsigned size)
{
	static const char *const can[10] = {"Giáp", "Ất",  "Bính", "Đinh", "Mậu",
	                                    "Kỷ",   "Canh", "Tân", "Nhâm", "Quý"};
	static const char *const chi[12] = {"Tý",   "Sửu", "Dần",  "Mão",  "Thìn", "Tỵ",
	                                    "Ngọ",  "Mùi", "Thân", "Dậu",  "Tuất", "Hợi"};
	int c = ((lunar_year + 6) % 10 + 10) % 10;
	int z = ((lunar_year + 8) % 12 + 12) % 12;
	snprintf(buf, size, "%s %s", can[c], chi[z]);
}
