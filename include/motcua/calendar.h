/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The working calendar: weekends, public holidays, make-up working Saturdays
 * and office hours. Holidays come from editable TSV files (data/calendar/);
 * a year no file covers gets provisional holidays computed from the statutory
 * list and the lunar calendar (Labour Code 2019 Art. 111-112).
 *
 * Pure logic: no database, no terminal.
 */
#ifndef MOTCUA_CALENDAR_H
#define MOTCUA_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/config.h"
#include "motcua/error.h"
#include "motcua/mctime.h"

typedef struct mc_calendar mc_calendar;

/* "No date": returned by the day arithmetic outside the supported years. */
#define MC_DATE_NONE INT32_MIN

typedef enum {
	MC_DAY_WORK,     /* ordinary working weekday */
	MC_DAY_WEEKEND,  /* weekly rest day */
	MC_DAY_HOLIDAY,  /* a weekday off (holiday, swapped day) */
	MC_DAY_MAKEUP    /* a weekend day that is worked (làm bù) */
} mc_day_kind;

typedef struct mc_day_info {
	mc_day_kind kind;
	bool working;      /* counts for deadlines (make-up per setting) */
	bool provisional;  /* from the statutory rule, not an announced calendar */
	const char *name;  /* holiday / make-up name, NULL for ordinary days; owned by the calendar */
} mc_day_info;

/* One listed day, as in `motcua calendar days`. */
typedef struct mc_cal_entry {
	mc_date date;
	bool off;          /* true: "off", false: "work" (make-up) */
	bool provisional;
	char name[160];
} mc_cal_entry;

/* New calendar with the office hours, weekend and make-up rule of cfg (copied). */
mc_calendar *mc_calendar_new(const mc_config *cfg, mc_err *e);
void mc_calendar_free(mc_calendar *cal); /* NULL is a no-op */

/*
 * Load one TSV file, or every *.tsv in a directory. Format (documented in
 * data/calendar/README.md): date <TAB> off|work <TAB> name <TAB> confirmed|provisional.
 * A line that does not parse, or a weekday marked "work", fails with file and line.
 */
mc_status mc_calendar_load(mc_calendar *cal, const char *path, mc_err *e);
/* Same, from text in memory; source names it in messages. */
mc_status mc_calendar_load_text(mc_calendar *cal, const char *text, const char *source, mc_err *e);

const mc_config *mc_calendar_config(const mc_calendar *cal);
void mc_calendar_day(const mc_calendar *cal, mc_date d, mc_day_info *out);
bool mc_calendar_is_working_day(const mc_calendar *cal, mc_date d);
/* true when a file covers the year (otherwise holidays are provisional). */
bool mc_calendar_has_year(const mc_calendar *cal, int year);

/* The listed days of a year, sorted; *out is malloc'd, caller frees. */
mc_status mc_calendar_year_days(const mc_calendar *cal, int year, mc_cal_entry **out, size_t *n, mc_err *e);

/*
 * Additions (step 2).
 *
 * Ownership: names returned by mc_calendar_day() live as long as the
 * calendar or until the next mc_calendar_load*(); weekday names are static.
 *
 * Loading is all or nothing: when a file (or any file of a directory) is
 * refused, the calendar is left exactly as it was.
 */

/* Translated weekday name, 0 = Sunday ... 6 = Saturday ("Thứ Hai"). */
const char *mc_weekday_name(int weekday);
/* Office minutes in one working day (morning + afternoon). */
int mc_calendar_office_minutes(const mc_calendar *cal);
/* Working days in the interval (a, b]; negative when b < a. */
int32_t mc_calendar_working_days_between(const mc_calendar *cal, mc_date a, mc_date b);
/*
 * Short translated reason why d is not a working day, e.g. "weekend",
 * "Tết Nguyên đán Ất Tỵ (holiday)", "... (holiday, provisional)"; empty
 * for a working day.
 */
void mc_calendar_day_reason(const mc_calendar *cal, mc_date d, char *buf, size_t size);

#endif
