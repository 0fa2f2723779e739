/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The due-date engine (domain.md §2): due moments for working days, working
 * hours, calendar days and same-day limits, the trail that explains them,
 * supplements (pause-and-extend), and the judgement early / on time / late.
 *
 * Rules chosen here (documented in deadline.h and the README):
 * - Office time is the half-open intervals [morning_open, morning_close) and
 *   [afternoon_open, afternoon_close) of working days. A moment outside them
 *   starts the clock at the next opening; "the day of receipt" is then the
 *   day the clock starts and "the same clock time" is that opening time.
 * - N working days: the start's clock time on the N-th working day after the
 *   start's date. A limit that ends exactly at a closing time is due then.
 *
 * With trail == NULL nothing here allocates: every step is a table lookup in
 * the compiled calendar (calendar_internal.h).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar_internal.h"
#include "motcua/deadline.h"
#include "motcua/i18n.h"

/* ---- limits ------------------------------------------------------------ */

static const char *const unit_names[] = {"days", "hours", "calendar-days", "same-day"};

const char *mc_limit_unit_name(mc_limit_unit u)
{
	return (unsigned)u < 4 ? unit_names[u] : "?";
}

static int unit_max(mc_limit_unit u)
{
	return u == MC_UNIT_HOURS ? MC_LIMIT_MAX_HOURS : MC_LIMIT_MAX_DAYS;
}

/* Unit words accepted after the number (English and Vietnamese). */
static const struct {
	const char *word;
	mc_limit_unit unit;
} unit_words[] = {
	{"days", MC_UNIT_DAYS},
	{"day", MC_UNIT_DAYS},
	{"working-days", MC_UNIT_DAYS},
	{"working days", MC_UNIT_DAYS},
	{"ngày", MC_UNIT_DAYS},
	{"ngày làm việc", MC_UNIT_DAYS},
	{"hours", MC_UNIT_HOURS},
	{"hour", MC_UNIT_HOURS},
	{"working-hours", MC_UNIT_HOURS},
	{"working hours", MC_UNIT_HOURS},
	{"giờ", MC_UNIT_HOURS},
	{"giờ làm việc", MC_UNIT_HOURS},
	{"calendar-days", MC_UNIT_CALENDAR_DAYS},
	{"calendar-day", MC_UNIT_CALENDAR_DAYS},
	{"calendar days", MC_UNIT_CALENDAR_DAYS},
	{"calendar day", MC_UNIT_CALENDAR_DAYS},
	{"ngày lịch", MC_UNIT_CALENDAR_DAYS},
};

mc_status mc_limit_unit_parse(const char *s, mc_limit_unit *out, mc_err *e)
{
	for (unsigned i = 0; s && i < 4; i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (mc_limit_unit)i;
			return MC_OK;
		}
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("\"%s\" is not a limit unit; use days, hours, calendar-days or same-day."),
	                  s ? s : "");
}

mc_status mc_limit_parse(const char *s, mc_limit *out, mc_err *e)
{
	const char *orig = s ? s : "";
	char buf[64];
	size_t len = strlen(orig);
	while (len && (orig[len - 1] == ' ' || orig[len - 1] == '\t'))
		len--;
	const char *p = orig;
	while (*p == ' ' || *p == '\t')
		p++, len--;
	if (len == 0 || len >= sizeof buf)
		goto bad;
	memcpy(buf, p, len);
	buf[len] = '\0';
	for (char *q = buf; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	if (strcmp(buf, "same-day") == 0 || strcmp(buf, "same day") == 0 ||
	    strcmp(buf, "trong ngày") == 0) {
		out->unit = MC_UNIT_SAME_DAY;
		out->amount = 0;
		out->cutoff = -1;
		return MC_OK;
	}
	char *q = buf;
	bool neg = false;
	if (*q == '-' || *q == '+') {
		neg = *q == '-';
		q++;
	}
	if (*q < '0' || *q > '9')
		goto bad;
	long long v = 0;
	bool big = false;
	while (*q >= '0' && *q <= '9') {
		if (v < 100000000)
			v = v * 10 + (*q - '0');
		else
			big = true;
		q++;
	}
	while (*q == ' ')
		q++;
	if (!*q)
		goto bad; /* a bare number is ambiguous: days or hours? */
	const char *word = q;
	bool found = false;
	for (size_t i = 0; i < sizeof unit_words / sizeof unit_words[0]; i++)
		if (strcmp(word, unit_words[i].word) == 0) {
			out->unit = unit_words[i].unit;
			found = true;
			break;
		}
	if (!found)
		goto bad;
	if (neg || big || v < 1 || v > unit_max(out->unit))
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("The time limit \"%s\" is out of range: the number must be "
		                    "between 1 and %d."),
		                  orig, unit_max(out->unit));
	out->amount = (int)v;
	out->cutoff = -1;
	return MC_OK;
bad:
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("\"%s\" is not a time limit; write e.g. \"15 days\", \"8 hours\", "
	                    "\"30 calendar-days\" or \"same-day\"."),
	                  orig);
}

void mc_limit_describe(const mc_limit *l, char *buf, size_t size)
{
	switch (l->unit) {
	case MC_UNIT_DAYS:
		snprintf(buf, size, P_("%d working day", "%d working days", (unsigned long)l->amount),
		         l->amount);
		break;
	case MC_UNIT_HOURS:
		snprintf(buf, size, P_("%d working hour", "%d working hours", (unsigned long)l->amount),
		         l->amount);
		break;
	case MC_UNIT_CALENDAR_DAYS:
		snprintf(buf, size, P_("%d calendar day", "%d calendar days", (unsigned long)l->amount),
		         l->amount);
		break;
	case MC_UNIT_SAME_DAY:
		snprintf(buf, size, "%s", _("Same day"));
		break;
	default:
		snprintf(buf, size, "?");
	}
}

/* ---- trail ------------------------------------------------------------- */

void mc_trail_init(mc_trail *t)
{
	t->lines = NULL;
	t->n = t->cap = 0;
}

void mc_trail_free(mc_trail *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i]);
	free(t->lines);
	mc_trail_init(t);
}

void mc_trail_add(mc_trail *t, const char *fmt, ...)
{
	if (!t)
		return;
	va_list ap;
	va_start(ap, fmt);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->lines, cap * sizeof *p);
		if (!p)
			return;
		t->lines = p;
		t->cap = cap;
	}
	char *s = malloc((size_t)len + 1);
	if (!s)
		return;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	va_end(ap);
	t->lines[t->n++] = s;
}

/* ---- office time within a day ------------------------------------------ */

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Office minutes of a working day before minute m of that day. */
static int office_before(const mc_config *c, int m)
{
	return clampi(m, c->morning_open, c->morning_close) - c->morning_open +
	       clampi(m, c->afternoon_open, c->afternoon_close) - c->afternoon_open;
}

/* Minute of the day at which p office minutes (0 < p <= day) have passed. */
static int office_clock(const mc_config *c, int p)
{
	int morning = c->morning_close - c->morning_open;
	return p <= morning ? c->morning_open + p : c->afternoon_open + (p - morning);
}

static bool time_in_range(const mc_calendar *c, mc_time t)
{
	return t != MC_TIME_NONE && t >= (mc_time)c->base * MC_MIN_PER_DAY &&
	       t < (mc_time)(c->base + c->ndays) * MC_MIN_PER_DAY;
}

mc_time mc_next_opening(const mc_calendar *cal, mc_time t)
{
	if (!time_in_range(cal, t))
		return MC_TIME_NONE;
	const mc_config *c = &cal->cfg;
	mc_date d = mc_time_date(t);
	int m = mc_time_minute_of_day(t);
	if (cal_working(cal, d)) {
		if (m < c->morning_open)
			return mc_time_make(d, c->morning_open);
		if (m < c->morning_close)
			return t;
		if (m < c->afternoon_open)
			return mc_time_make(d, c->afternoon_open);
		if (m < c->afternoon_close)
			return t;
	}
	mc_date n = cal_wd(cal, cal_cum_before(cal, d + 1));
	return n == MC_DATE_NONE ? MC_TIME_NONE : mc_time_make(n, c->morning_open);
}

mc_time mc_handover_moment(const mc_calendar *cal, mc_time t)
{
	mc_time s = mc_next_opening(cal, t);
	if (s == MC_TIME_NONE)
		return s;
	if (mc_time_minute_of_day(s) > cal->cfg.handover_cutoff) {
		mc_date n = cal_wd(cal, cal_cum_before(cal, mc_time_date(s) + 1));
		return n == MC_DATE_NONE ? MC_TIME_NONE : mc_time_make(n, cal->cfg.morning_open);
	}
	return s;
}

int64_t mc_working_minutes(const mc_calendar *cal, mc_time a, mc_time b)
{
	if (a == MC_TIME_NONE || b == MC_TIME_NONE || b <= a)
		return 0;
	const mc_config *c = &cal->cfg;
	mc_date da = mc_time_date(a), db = mc_time_date(b);
	int ma = mc_time_minute_of_day(a), mb = mc_time_minute_of_day(b);
	if (da == db)
		return cal_working(cal, da) ? office_before(c, mb) - office_before(c, ma) : 0;
	int64_t total = 0;
	if (cal_working(cal, da))
		total += cal->office_minutes - office_before(c, ma);
	if (cal_working(cal, db))
		total += office_before(c, mb);
	total += (int64_t)(cal_cum_before(cal, db) - cal_cum_before(cal, da + 1)) * cal->office_minutes;
	return total;
}

mc_time mc_add_working_minutes(const mc_calendar *cal, mc_time t, int64_t n)
{
	mc_time s = mc_next_opening(cal, t);
	if (s == MC_TIME_NONE || n <= 0)
		return s;
	const mc_config *c = &cal->cfg;
	const int w = cal->office_minutes;
	mc_date d = mc_time_date(s);
	int used = office_before(c, mc_time_minute_of_day(s));
	if (n <= w - used)
		return mc_time_make(d, office_clock(c, used + (int)n));
	n -= w - used;
	int64_t k = (n - 1) / w;          /* whole working days passed after d */
	int p = (int)(n - k * w);         /* 1..w minutes into the last day */
	mc_date last = cal_wd(cal, (int64_t)cal_cum_before(cal, d + 1) + k);
	return last == MC_DATE_NONE ? MC_TIME_NONE : mc_time_make(last, office_clock(c, p));
}

mc_date mc_add_working_days(const mc_calendar *cal, mc_date d, int n)
{
	if (n < 0)
		return mc_sub_working_days(cal, d, -n);
	if (!cal_in_range(cal, d))
		return MC_DATE_NONE;
	if (n == 0)
		return cal_wd(cal, cal_cum_before(cal, d));
	return cal_wd(cal, (int64_t)cal_cum_before(cal, d + 1) + n - 1);
}

mc_date mc_sub_working_days(const mc_calendar *cal, mc_date d, int n)
{
	if (!cal_in_range(cal, d) || n < 0)
		return MC_DATE_NONE;
	return cal_wd(cal, (int64_t)cal_cum_before(cal, d) - n);
}

/* ---- trail helpers ----------------------------------------------------- */

typedef struct {
	char wd[64], date[11], hm[6];
} moment_text;

static void moment_fmt(mc_time t, moment_text *m)
{
	mc_date d = mc_time_date(t);
	snprintf(m->wd, sizeof m->wd, "%s", mc_weekday_name(mc_date_weekday(d)));
	mc_date_format(d, m->date);
	mc_hhmm_format(mc_time_minute_of_day(t), m->hm);
}

static void duration_fmt(int64_t minutes, char *buf, size_t size)
{
	snprintf(buf, size, _("%d h %02d min"), (int)(minutes / 60), (int)(minutes % 60));
}

/* Adds the "no announced calendar" notice once per year met. */
static void note_year(const mc_calendar *cal, mc_date d, int *noted, mc_trail *t)
{
	int y;
	mc_date_to_ymd(d, &y, NULL, NULL);
	if (y == *noted)
		return;
	*noted = y;
	if (!mc_calendar_has_year(cal, y))
		mc_trail_add(t, _("%d has no announced calendar: its holidays are provisional, "
		                  "computed from the statutory rule."),
		             y);
}

typedef struct {
	int kind; /* 0 none, 1 counted, 2 skipped */
	mc_date first, last;
	int first_no, last_no;
	char reason[256];
} run_t;

static void run_flush(run_t *r, int total, mc_trail *t)
{
	char a[11], b[11];
	mc_date_format(r->first, a);
	mc_date_format(r->last, b);
	if (r->kind == 1) {
		if (r->first == r->last)
			mc_trail_add(t, _("Day %d of %d: %s."), r->first_no, total, a);
		else
			mc_trail_add(t, _("Days %d-%d of %d: %s to %s."), r->first_no, r->last_no, total,
			             a, b);
	} else if (r->kind == 2) {
		if (r->first == r->last)
			mc_trail_add(t, _("Skipped %s: %s."), a, r->reason);
		else
			mc_trail_add(t, _("Skipped %s to %s: %s."), a, b, r->reason);
	}
	r->kind = 0;
}

/*
 * Explain the days from..to (inclusive): counted working days numbered from
 * 1 (when total > 0) and skipped days grouped by reason.
 */
static void walk_days(const mc_calendar *cal, mc_date from, mc_date to, int total, int *noted,
                      mc_trail *t)
{
	run_t r = {0};
	int no = 0;
	for (mc_date d = from; d <= to; d++) {
		int y;
		mc_date_to_ymd(d, &y, NULL, NULL);
		if (y != *noted) {
			run_flush(&r, total, t);
			note_year(cal, d, noted, t);
		}
		mc_day_info di;
		mc_calendar_day(cal, d, &di);
		if (di.working) {
			no++;
			if (total <= 0) {
				run_flush(&r, total, t);
				continue;
			}
			if (di.kind == MC_DAY_MAKEUP) {
				char a[11];
				run_flush(&r, total, t);
				mc_date_format(d, a);
				mc_trail_add(t, _("Day %d of %d: %s (%s, make-up working day)."), no, total,
				             a, di.name ? di.name : "");
				continue;
			}
			if (r.kind == 1 && r.last == d - 1) {
				r.last = d;
				r.last_no = no;
				continue;
			}
			run_flush(&r, total, t);
			r.kind = 1;
			r.first = r.last = d;
			r.first_no = r.last_no = no;
		} else {
			char reason[256];
			mc_calendar_day_reason(cal, d, reason, sizeof reason);
			if (r.kind == 2 && r.last == d - 1 && strcmp(r.reason, reason) == 0) {
				r.last = d;
				continue;
			}
			run_flush(&r, total, t);
			r.kind = 2;
			r.first = r.last = d;
			snprintf(r.reason, sizeof r.reason, "%s", reason);
		}
	}
	run_flush(&r, total, t);
}

/* Close a run in walk_hours: full working days (kind 1) or skipped days (kind 2). */
static void hours_flush(const mc_calendar *cal, run_t *r, int *full, mc_trail *t)
{
	if (r->kind == 1) {
		char a[11], b[11], dur[64];
		mc_date_format(r->first, a);
		mc_date_format(r->last, b);
		duration_fmt(cal->office_minutes, dur, sizeof dur);
		if (*full == 1)
			mc_trail_add(t, _("%s: %s counted."), a, dur);
		else
			mc_trail_add(t, _("%s to %s: %d full working days counted."), a, b, *full);
		r->kind = 0;
	} else {
		run_flush(r, 0, t);
	}
	*full = 0;
}

/* Explain office time counted from s to due (hour limits). */
static void walk_hours(const mc_calendar *cal, mc_time s, mc_time due, int *noted, mc_trail *t)
{
	const mc_config *c = &cal->cfg;
	mc_date from = mc_time_date(s), to = mc_time_date(due);
	run_t r = {0};
	int full = 0;
	for (mc_date d = from; d <= to; d++) {
		int y;
		mc_date_to_ymd(d, &y, NULL, NULL);
		if (y != *noted) {
			hours_flush(cal, &r, &full, t);
			note_year(cal, d, noted, t);
		}
		if (!cal_working(cal, d)) {
			char reason[256];
			mc_calendar_day_reason(cal, d, reason, sizeof reason);
			if (r.kind == 2 && r.last == d - 1 && strcmp(r.reason, reason) == 0) {
				r.last = d;
				continue;
			}
			hours_flush(cal, &r, &full, t);
			r.kind = 2;
			r.first = r.last = d;
			snprintf(r.reason, sizeof r.reason, "%s", reason);
			continue;
		}
		int m0 = d == from ? mc_time_minute_of_day(s) : 0;
		int m1 = d == to ? mc_time_minute_of_day(due) : MC_MIN_PER_DAY;
		int counted = office_before(c, m1) - office_before(c, m0);
		if (counted == cal->office_minutes) {
			if (r.kind != 1) {
				hours_flush(cal, &r, &full, t);
				r.kind = 1;
				r.first = d;
			}
			r.last = d;
			full++;
			continue;
		}
		hours_flush(cal, &r, &full, t);
		char a[11], dur[64];
		mc_date_format(d, a);
		duration_fmt(counted, dur, sizeof dur);
		mc_trail_add(t, _("%s: %s counted."), a, dur);
	}
	hours_flush(cal, &r, &full, t);
}

/* First line: when and why the clock starts. */
static void trail_start(const mc_calendar *cal, mc_time received, mc_time s, mc_trail *t)
{
	const mc_config *c = &cal->cfg;
	moment_text r, st;
	moment_fmt(received, &r);
	moment_fmt(s, &st);
	mc_date dr = mc_time_date(received);
	int m = mc_time_minute_of_day(received);
	if (s == received) {
		mc_trail_add(t, _("Received on %s %s at %s, within office hours: the clock starts at once."),
		             r.wd, r.date, r.hm);
	} else if (mc_time_date(s) == dr && m < c->morning_open) {
		mc_trail_add(t, _("Received on %s %s at %s, before the office opens: the clock starts at %s."),
		             r.wd, r.date, r.hm, st.hm);
	} else if (mc_time_date(s) == dr) {
		mc_trail_add(t, _("Received on %s %s at %s, during the lunch break: the clock starts at %s."),
		             r.wd, r.date, r.hm, st.hm);
	} else if (mc_calendar_is_working_day(cal, dr)) {
		mc_trail_add(t, _("Received on %s %s at %s, after the office closed: the clock starts at the "
		                  "next opening, %s %s %s."),
		             r.wd, r.date, r.hm, st.wd, st.date, st.hm);
	} else {
		char reason[256];
		mc_calendar_day_reason(cal, dr, reason, sizeof reason);
		mc_trail_add(t, _("Received on %s %s at %s (%s): the clock starts at the next opening, %s %s %s."),
		             r.wd, r.date, r.hm, reason, st.wd, st.date, st.hm);
	}
}

/* ---- the due moment ---------------------------------------------------- */

static mc_status out_of_range(mc_err *e)
{
	return mc_err_set(e, MC_ERR_RANGE,
	                  _("The due moment falls outside the supported years %d-%d."), MC_YEAR_MIN,
	                  MC_YEAR_MAX);
}

mc_status mc_due_compute(const mc_calendar *cal, mc_time received, const mc_limit *limit,
                         mc_time *due, mc_trail *trail, mc_err *e)
{
	if ((unsigned)limit->unit > MC_UNIT_SAME_DAY)
		return mc_err_set(e, MC_ERR_INVALID, _("Unknown time limit unit %d."), (int)limit->unit);
	if (limit->unit != MC_UNIT_SAME_DAY &&
	    (limit->amount < 1 || limit->amount > unit_max(limit->unit)))
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("The time limit of %d %s is out of range: the number must be "
		                    "between 1 and %d."),
		                  limit->amount, mc_limit_unit_name(limit->unit), unit_max(limit->unit));
	if (!time_in_range(cal, received))
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("The moment of receipt is outside the supported years %d-%d."),
		                  MC_YEAR_MIN, MC_YEAR_MAX);
	const mc_config *c = &cal->cfg;
	mc_time s = mc_next_opening(cal, received);
	if (s == MC_TIME_NONE)
		return out_of_range(e);
	mc_date d0 = mc_time_date(s);
	int clock = mc_time_minute_of_day(s);
	mc_time result = MC_TIME_NONE;
	int noted = 0;
	char limtext[64];
	if (trail) {
		trail_start(cal, received, s, trail);
		mc_limit_describe(limit, limtext, sizeof limtext);
	}

	switch (limit->unit) {
	case MC_UNIT_DAYS: {
		mc_date dd = cal_wd(cal, (int64_t)cal_cum_before(cal, d0 + 1) + limit->amount - 1);
		if (dd == MC_DATE_NONE)
			return out_of_range(e);
		result = mc_time_make(dd, clock);
		if (trail) {
			char a[11], hm[6];
			mc_date_format(d0, a);
			mc_hhmm_format(clock, hm);
			mc_trail_add(trail,
			             P_("Limit: %d working day, counted from the day after %s; due at the "
			                "same clock time, %s.",
			                "Limit: %d working days, counted from the day after %s; due at the "
			                "same clock time, %s.",
			                (unsigned long)limit->amount),
			             limit->amount, a, hm);
			note_year(cal, d0, &noted, trail);
			walk_days(cal, d0 + 1, dd, limit->amount, &noted, trail);
		}
		break;
	}
	case MC_UNIT_HOURS: {
		result = mc_add_working_minutes(cal, s, (int64_t)limit->amount * 60);
		if (result == MC_TIME_NONE)
			return out_of_range(e);
		if (trail) {
			char b1[6], b2[6], b3[6], b4[6];
			mc_hhmm_format(c->morning_open, b1);
			mc_hhmm_format(c->morning_close, b2);
			mc_hhmm_format(c->afternoon_open, b3);
			mc_hhmm_format(c->afternoon_close, b4);
			mc_trail_add(trail,
			             P_("Limit: %d working hour, counted in office hours only (%s-%s, "
			                "%s-%s).",
			                "Limit: %d working hours, counted in office hours only (%s-%s, "
			                "%s-%s).",
			                (unsigned long)limit->amount),
			             limit->amount, b1, b2, b3, b4);
			walk_hours(cal, s, result, &noted, trail);
		}
		break;
	}
	case MC_UNIT_CALENDAR_DAYS: {
		mc_date target = d0 + limit->amount;
		if (!cal_in_range(cal, target))
			return out_of_range(e);
		mc_date dd = cal_wd(cal, cal_cum_before(cal, target));
		if (dd == MC_DATE_NONE)
			return out_of_range(e);
		result = mc_time_make(dd, clock);
		if (trail) {
			char a[11], b[11];
			mc_date_format(d0, a);
			mc_date_format(target, b);
			mc_trail_add(trail,
			             P_("Limit: %d calendar day, counted from %s: %s.",
			                "Limit: %d calendar days, counted from %s: %s.",
			                (unsigned long)limit->amount),
			             limit->amount, a, b);
			note_year(cal, target, &noted, trail);
			if (dd != target) {
				char reason[256], nd[11];
				mc_calendar_day_reason(cal, target, reason, sizeof reason);
				mc_date_format(dd, nd);
				mc_trail_add(trail,
				             _("%s is not a working day (%s): the due date moves to the next "
				               "working day, %s %s."),
				             b, reason, mc_weekday_name(mc_date_weekday(dd)), nd);
				if (dd > target + 1)
					walk_days(cal, target + 1, dd - 1, 0, &noted, trail);
			}
		}
		break;
	}
	case MC_UNIT_SAME_DAY: {
		int cutoff = limit->cutoff > 0 ? limit->cutoff : c->same_day_cutoff;
		mc_date dd = d0;
		if (clock > cutoff)
			dd = cal_wd(cal, cal_cum_before(cal, d0 + 1));
		if (dd == MC_DATE_NONE)
			return out_of_range(e);
		result = mc_time_make(dd, c->afternoon_close);
		if (trail) {
			char hm[6];
			mc_hhmm_format(cutoff, hm);
			if (dd == d0)
				mc_trail_add(trail, _("Same-day procedure with cut-off %s: the clock started "
				                      "before the cut-off, so it is due at closing time the "
				                      "same day."),
				             hm);
			else
				mc_trail_add(trail, _("Same-day procedure with cut-off %s: the clock started "
				                      "after the cut-off, so it is due at closing time on "
				                      "the next working day."),
				             hm);
			note_year(cal, d0, &noted, trail);
			if (dd > d0 + 1)
				walk_days(cal, d0 + 1, dd - 1, 0, &noted, trail);
		}
		break;
	}
	}
	if (trail) {
		moment_text m;
		moment_fmt(result, &m);
		mc_trail_add(trail, _("Due: %s %s %s."), m.wd, m.date, m.hm);
	}
	*due = result;
	return MC_OK;
}

mc_status mc_due_extend_pause(const mc_calendar *cal, mc_time due, mc_time pause_from,
                              mc_time pause_to, mc_time *new_due, mc_trail *trail, mc_err *e)
{
	if (!time_in_range(cal, due) || !time_in_range(cal, pause_from) ||
	    !time_in_range(cal, pause_to))
		return out_of_range(e);
	if (pause_to < pause_from) {
		char a[17], b[17];
		mc_time_format(pause_from, a);
		mc_time_format(pause_to, b);
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The supplement pause ends (%s) before it starts (%s)."), b, a);
	}
	int64_t minutes = mc_working_minutes(cal, pause_from, pause_to);
	mc_time nd = minutes > 0 ? mc_add_working_minutes(cal, due, minutes) : due;
	if (nd == MC_TIME_NONE)
		return out_of_range(e);
	if (trail) {
		char a[17], b[17], dur[64];
		mc_time_format(pause_from, a);
		mc_time_format(pause_to, b);
		duration_fmt(minutes, dur, sizeof dur);
		mc_trail_add(trail, _("Paused for a supplement from %s to %s: %s of office time."), a,
		             b, dur);
		mc_time_format(due, a);
		mc_time_format(nd, b);
		mc_trail_add(trail, _("The due moment moves by that office time, from %s to %s."), a, b);
		int noted = 0;
		mc_date d1 = mc_time_date(due), d2 = mc_time_date(nd);
		if (d2 > d1 + 1)
			walk_days(cal, d1 + 1, d2 - 1, 0, &noted, trail);
		moment_text m;
		moment_fmt(nd, &m);
		mc_trail_add(trail, _("Due: %s %s %s."), m.wd, m.date, m.hm);
	}
	*new_due = nd;
	return MC_OK;
}

/* ---- judgement --------------------------------------------------------- */

const char *mc_outcome_name(mc_outcome o)
{
	switch (o) {
	case MC_OUTCOME_EARLY: return "early";
	case MC_OUTCOME_ON_TIME: return "on_time";
	case MC_OUTCOME_LATE: return "late";
	default: return NULL;
	}
}

mc_outcome mc_classify(const mc_calendar *cal, mc_time due, mc_time done)
{
	if (due == MC_TIME_NONE || done == MC_TIME_NONE)
		return MC_OUTCOME_NONE;
	mc_date dd = mc_time_date(due), dn = mc_time_date(done);
	if (dn < dd)
		return MC_OUTCOME_EARLY;
	if (cal->cfg.judge_by == MC_JUDGE_BY_MINUTE)
		return done <= due ? MC_OUTCOME_ON_TIME : MC_OUTCOME_LATE;
	return dn == dd ? MC_OUTCOME_ON_TIME : MC_OUTCOME_LATE;
}

bool mc_is_overdue(const mc_calendar *cal, mc_time due, mc_time now)
{
	return mc_classify(cal, due, now) == MC_OUTCOME_LATE;
}

int mc_days_late(const mc_calendar *cal, mc_time due, mc_time now)
{
	if (due == MC_TIME_NONE || now == MC_TIME_NONE || !mc_is_overdue(cal, due, now))
		return 0;
	int32_t n = mc_calendar_working_days_between(cal, mc_time_date(due), mc_time_date(now));
	return n > 0 ? (int)n : 1;
}

bool mc_is_due_soon(const mc_calendar *cal, mc_time due, mc_time now)
{
	if (due == MC_TIME_NONE || now == MC_TIME_NONE || mc_is_overdue(cal, due, now))
		return false;
	int n = cal->cfg.due_soon_days > 0 ? cal->cfg.due_soon_days : 0;
	mc_date limit = mc_add_working_days(cal, mc_time_date(now), n);
	if (limit == MC_DATE_NONE)
		return false;
	if (cal->cfg.judge_by == MC_JUDGE_BY_MINUTE)
		return due <= mc_time_make(limit, mc_time_minute_of_day(now));
	return mc_time_date(due) <= limit;
}

mc_time mc_apology_deadline(const mc_calendar *cal, mc_time due)
{
	if (due == MC_TIME_NONE)
		return MC_TIME_NONE;
	int n = cal->cfg.apology_days_before;
	mc_date d = mc_time_date(due);
	mc_date a = n > 0 ? mc_sub_working_days(cal, d, n) : d;
	return a == MC_DATE_NONE ? MC_TIME_NONE : mc_time_make(a, mc_time_minute_of_day(due));
}

bool mc_is_at_risk(const mc_calendar *cal, mc_time due, mc_time now, int64_t remaining_budget_minutes)
{
	if (due == MC_TIME_NONE || now == MC_TIME_NONE)
		return false;
	mc_time ap = mc_apology_deadline(cal, due);
	if (ap != MC_TIME_NONE && mc_time_date(now) >= mc_time_date(ap))
		return true;
	return mc_working_minutes(cal, now, due) < remaining_budget_minutes;
}
