/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The due-date engine: due moments in working time, their explanation
 * (trail), supplements, and classification early / on time / late.
 * Every function either returns a correct moment or an error; it never
 * falls back to a default date.
 */
#ifndef MOTCUA_DEADLINE_H
#define MOTCUA_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/calendar.h"
#include "motcua/error.h"
#include "motcua/mctime.h"

typedef enum {
	MC_UNIT_DAYS,          /* working days: same clock time on the N-th working day after receipt */
	MC_UNIT_HOURS,         /* working hours, office hours only */
	MC_UNIT_CALENDAR_DAYS, /* every day; a due date on a day off moves to the next working day */
	MC_UNIT_SAME_DAY       /* today; after the cut-off the next working day */
} mc_limit_unit;

#define MC_LIMIT_MAX_DAYS 3650
#define MC_LIMIT_MAX_HOURS 20000

typedef struct mc_limit {
	mc_limit_unit unit;
	int amount;  /* ignored for same-day */
	int cutoff;  /* same-day cut-off minute of day; -1 (or 0) = the configured default */
} mc_limit;

/* "5 days", "8 hours", "30 calendar-days", "same-day" (also "5 ngày"...). */
mc_status mc_limit_parse(const char *s, mc_limit *out, mc_err *e);
/* "days" | "hours" | "calendar-days" | "same-day". */
const char *mc_limit_unit_name(mc_limit_unit u);
mc_status mc_limit_unit_parse(const char *s, mc_limit_unit *out, mc_err *e);
/* Human text, translated: "15 ngày làm việc", "Trong ngày". */
void mc_limit_describe(const mc_limit *l, char *buf, size_t size);

/* A growing list of translated sentences explaining a computation. */
typedef struct mc_trail {
	char **lines;
	size_t n, cap;
} mc_trail;

void mc_trail_init(mc_trail *t);
void mc_trail_free(mc_trail *t);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void mc_trail_add(mc_trail *t, const char *fmt, ...);

/*
 * Due moment of a limit counted from `received`. trail may be NULL (fast
 * path: O(1), no allocation). Refuses absurd limits (> MC_LIMIT_MAX_*) and
 * moments outside the supported years.
 *
 * Rules (domain.md §2), office time being [morning_open, morning_close) and
 * [afternoon_open, afternoon_close) of working days:
 * - The clock starts at `received`, or at the next opening when received
 *   outside office time (before opening, lunch break, after closing, weekend,
 *   holiday, a make-up Saturday not counted). The start's date is then "the
 *   day of receipt" and the start's clock time (= the opening time) is "the
 *   same clock time".
 * - days: the start's clock time on the N-th working day after the start's date.
 * - hours: N×60 office minutes after the start; ending exactly at a closing
 *   time gives that closing time (11:30 or 17:00), not the next opening.
 * - calendar-days: the start's date + N at the start's clock time; a day off
 *   moves it to the next working day, same clock time.
 * - same-day: closing time of the start's day, or of the next working day
 *   when the start is after the cut-off (limit->cutoff, else cfg same_day_cutoff;
 *   exactly at the cut-off is still the same day).
 * A supplement restarted from zero is mc_due_compute() from the resume moment.
 * Ownership: the trail's lines are the caller's (mc_trail_free).
 */
mc_status mc_due_compute(const mc_calendar *cal, mc_time received, const mc_limit *limit,
                         mc_time *due, mc_trail *trail, mc_err *e);

/* The moment the clock starts: received, or the next opening when outside office hours. */
mc_time mc_next_opening(const mc_calendar *cal, mc_time t);
/* Hand-over to the processing unit: the same working day, or the next opening after the cut-off. */
mc_time mc_handover_moment(const mc_calendar *cal, mc_time t);

/* Office minutes between a and b (0 if b <= a). */
int64_t mc_working_minutes(const mc_calendar *cal, mc_time a, mc_time b);
/* Add n office minutes to t (t first moved to the next opening). */
mc_time mc_add_working_minutes(const mc_calendar *cal, mc_time t, int64_t n);
/*
 * The n-th working day after d (n >= 0; n = 0 gives d if working, else the next).
 * O(1). MC_DATE_NONE when the result falls outside the supported years.
 */
mc_date mc_add_working_days(const mc_calendar *cal, mc_date d, int n);
/* The n-th working day before d (n >= 1), or MC_DATE_NONE. O(1). */
mc_date mc_sub_working_days(const mc_calendar *cal, mc_date d, int n);

/*
 * Supplement, pause-and-extend mode: the due moment moved by the office time
 * between pause_from and pause_to.
 */
mc_status mc_due_extend_pause(const mc_calendar *cal, mc_time due, mc_time pause_from,
                              mc_time pause_to, mc_time *new_due, mc_trail *trail, mc_err *e);

typedef enum { MC_OUTCOME_NONE, MC_OUTCOME_EARLY, MC_OUTCOME_ON_TIME, MC_OUTCOME_LATE } mc_outcome;

/* "early" | "on_time" | "late" | NULL for NONE. */
const char *mc_outcome_name(mc_outcome o);
/*
 * Judge a result ready at `done` against `due`. By date (default): before the
 * due date early, on it on time, after it late. By minute: before the due
 * date early, on the due date up to the due minute on time, after it late.
 */
mc_outcome mc_classify(const mc_calendar *cal, mc_time due, mc_time done);
/* Late already at `now` (not yet done)? Same rule as mc_classify. */
bool mc_is_overdue(const mc_calendar *cal, mc_time due, mc_time now);
/*
 * Working days late at `now`: 0 when not overdue (mc_is_overdue), else the
 * working days after the due date up to today, at least 1 (late on the due
 * day itself when judged by the minute, or late over a weekend). The one
 * count the screens, the workbook and the command line show.
 */
int mc_days_late(const mc_calendar *cal, mc_time due, mc_time now);
/* Due within the configured window of working days, not yet overdue. */
bool mc_is_due_soon(const mc_calendar *cal, mc_time due, mc_time now);
/* The apology must go out by this moment: N working days before due. */
mc_time mc_apology_deadline(const mc_calendar *cal, mc_time due);
/*
 * At risk: not ready and either the apology deadline has come, or the office
 * time left before due is below remaining_budget_minutes.
 */
bool mc_is_at_risk(const mc_calendar *cal, mc_time due, mc_time now, int64_t remaining_budget_minutes);

#endif
