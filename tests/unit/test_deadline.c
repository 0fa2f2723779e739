/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The due-date engine against the real calendar (data/calendar) with the
 * office hours 07:30-11:30, 13:30-17:00. Every expected moment below was
 * worked out by hand from the calendar; the reasoning is in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cal_test_util.h"
#include "motcua/deadline.h"
#include "motcua/impact.h"

static mc_time T(const char *s)
{
	mc_time t;
	mc_err e;
	if (mc_time_parse(s, &t, &e) != MC_OK)
		fail_msg("bad test moment %s", s);
	return t;
}

static mc_limit L(const char *s)
{
	mc_limit l;
	mc_err e;
	if (mc_limit_parse(s, &l, &e) != MC_OK)
		fail_msg("bad test limit %s: %s", s, e.msg);
	return l;
}

static void assert_moment(mc_time got, const char *want, const char *label)
{
	char buf[17];
	mc_time_format(got, buf);
	if (strcmp(buf, want) != 0)
		fail_msg("%s: got %s, want %s", label, buf, want);
}

typedef struct {
	const char *received;
	const char *limit;
	const char *due;
	const char *why;
} due_case;

static const due_case cases[] = {
	/* Form 01 of a real dossier: Wed 20/11/2019 08:37 + 25 working days; no holiday
	 * between (2019 has no file: provisional, none in Nov-Dec) -> Wed 25/12/2019 08:37. */
	{"2019-11-20 08:37", "25 days", "2019-12-25 08:37", "reference receipt"},
	/* Inside office hours: Thu 6, Fri 7, Mon 10, Tue 11, Wed 12. */
	{"2025-03-05 16:59", "5 days", "2025-03-12 16:59", "16:59"},
	/* After closing: clock starts Thu 6 07:30; Fri 7 ... Thu 13. */
	{"2025-03-05 17:01", "5 days", "2025-03-13 07:30", "17:01"},
	{"2025-03-05 17:00", "5 days", "2025-03-13 07:30", "17:00 is closing time"},
	/* Lunch: starts 13:30 the same day. */
	{"2025-03-05 12:00", "5 days", "2025-03-12 13:30", "12:00 lunch"},
	/* Before opening: starts 07:30 the same day. */
	{"2025-03-05 06:45", "1 days", "2025-03-06 07:30", "before opening"},
	/* Saturday: starts Mon 06/01 07:30; Tue 7, Wed 8, Thu 9. */
	{"2025-01-04 10:00", "3 days", "2025-01-09 07:30", "Saturday"},
	/* Sunday: starts Mon 10/03 07:30; Tue 11. */
	{"2025-03-09 09:00", "1 days", "2025-03-11 07:30", "Sunday"},
	/* Holiday Wed 30/4/2025: 1/5, 2/5 off, weekend -> starts Mon 5/5; Tue 6, Wed 7. */
	{"2025-04-30 09:00", "2 days", "2025-05-07 07:30", "holiday 30/4"},
	/* Tết 2025: Fri 24/1, then 27-31/1 off and two weekends -> Mon 3/2 is day 1. */
	{"2025-01-24 10:00", "5 days", "2025-02-07 10:00", "across Tết 2025"},
	{"2025-01-21 08:00", "15 days", "2025-02-18 08:00", "15 days across Tết 2025"},
	/* Tết 2026: Fri 13/2 day 1, 16-20/2 off, Mon 23 day 2, Tue 24 day 3. */
	{"2026-02-12 09:15", "3 days", "2026-02-24 09:15", "across Tết 2026"},
	/* Make-up Saturday 26/4/2025 counts: Fri 25, Sat 26, Mon 28, Tue 29. */
	{"2025-04-24 10:00", "4 days", "2025-04-29 10:00", "make-up Saturday 2025"},
	/* 24/11/2026 is a holiday: Mon 23 day 1, Tue 24 off, Wed 25 day 2. */
	{"2026-11-20 10:00", "2 days", "2026-11-25 10:00", "24/11/2026"},
	/* 24/11/2025 is not: Mon 24, Tue 25. */
	{"2025-11-21 10:00", "2 days", "2025-11-25 10:00", "24/11/2025 ordinary"},
	/* 29 February. */
	{"2024-02-28 10:00", "1 days", "2024-02-29 10:00", "into 29/2/2024"},
	{"2024-02-29 10:00", "1 days", "2024-03-01 10:00", "from 29/2/2024"},
	{"2028-02-28 16:00", "1 days", "2028-02-29 16:00", "into 29/2/2028"},
	{"2024-02-28 10:00", "1 calendar-days", "2024-02-29 10:00", "calendar day to 29/2"},
	{"2028-02-28 10:00", "2 calendar-days", "2028-03-01 10:00", "calendar days over 29/2"},
	/* Into 2027 (no file): Thu 31/12 day 1, Fri 1/1/2027 provisional holiday, Mon 4, Tue 5. */
	{"2026-12-30 10:00", "3 days", "2027-01-05 10:00", "into 2027"},
	/* Provisional Tết 2027: 5/2 and 8-11/2 off -> Tue 2, Wed 3, Thu 4, Fri 12, Mon 15. */
	{"2027-02-01 09:00", "5 days", "2027-02-15 09:00", "provisional Tết 2027"},
	/* Hours: Mon 08:00-11:30 (210) + 13:30-17:00 (210) = 420; 60 left -> Tue 08:30. */
	{"2025-03-10 08:00", "8 hours", "2025-03-11 08:30", "8 hours"},
	{"2025-03-10 12:00", "2 hours", "2025-03-10 15:30", "hours from lunch"},
	{"2025-03-10 10:30", "1 hours", "2025-03-10 11:30", "ends at closing of the morning"},
	{"2025-03-10 07:30", "15 hours", "2025-03-11 17:00", "two full days"},
	/* Fri 24/1 16:00-17:00 (60); 180 left after Tết -> Mon 3/2 10:30. */
	{"2025-01-24 16:00", "4 hours", "2025-02-03 10:30", "hours across Tết"},
	/* Calendar days: Sat 15/3 -> Mon 17/3. */
	{"2025-03-05 10:00", "10 calendar-days", "2025-03-17 10:00", "calendar days to Saturday"},
	/* Mon 27/1/2025 is Tết -> Mon 3/2. */
	{"2025-01-17 09:00", "10 calendar-days", "2025-02-03 09:00", "calendar days to Tết"},
	/* Received Saturday: starts Mon 10/3 07:30, + 2 = Wed 12/3. */
	{"2025-03-08 10:00", "2 calendar-days", "2025-03-12 07:30", "calendar days from Saturday"},
	/* Same day, cut-off 15:00. */
	{"2025-03-05 14:59", "same-day", "2025-03-05 17:00", "same day before cut-off"},
	{"2025-03-05 15:00", "same-day", "2025-03-05 17:00", "same day at the cut-off"},
	{"2025-03-05 15:01", "same-day", "2025-03-06 17:00", "same day after cut-off"},
	{"2025-03-05 12:00", "same-day", "2025-03-05 17:00", "same day at lunch"},
	{"2025-03-08 10:00", "same-day", "2025-03-10 17:00", "same day on Saturday"},
	/* After the cut-off on Fri 25/4/2025: the next working day is make-up Saturday 26/4. */
	{"2025-04-25 16:00", "same-day", "2025-04-26 17:00", "same day before a make-up Saturday"},
};

static void test_due_table(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	assert_non_null(cal);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mc_limit l = L(cases[i].limit);
		mc_time due = MC_TIME_NONE, due2 = MC_TIME_NONE;
		mc_err e;
		if (mc_due_compute(cal, T(cases[i].received), &l, &due, NULL, &e) != MC_OK)
			fail_msg("%s: %s", cases[i].why, e.msg);
		assert_moment(due, cases[i].due, cases[i].why);
		/* The explained computation gives the same moment and ends with it. */
		mc_trail tr;
		mc_trail_init(&tr);
		assert_int_equal(mc_due_compute(cal, T(cases[i].received), &l, &due2, &tr, &e), MC_OK);
		assert_int_equal(due, due2);
		assert_true(tr.n >= 2);
		if (!strstr(tr.lines[tr.n - 1], cases[i].due))
			fail_msg("%s: last trail line \"%s\"", cases[i].why, tr.lines[tr.n - 1]);
		mc_trail_free(&tr);
	}
	mc_calendar_free(cal);
}

static void test_makeup_not_counted(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	cfg.makeup_saturdays = false;
	mc_calendar *cal = real_calendar(&cfg);
	/* Fri 25/4 day 1, Sat 26 not counted, Mon 28, Tue 29, then 30/4-2/5 off -> Mon 5/5. */
	mc_limit l = L("4 days");
	mc_time due;
	assert_int_equal(mc_due_compute(cal, T("2025-04-24 10:00"), &l, &due, NULL, NULL), MC_OK);
	assert_moment(due, "2025-05-05 10:00", "make-up not counted");
	mc_trail tr;
	mc_trail_init(&tr);
	assert_int_equal(mc_due_compute(cal, T("2025-04-24 10:00"), &l, &due, &tr, NULL), MC_OK);
	bool seen = false;
	for (size_t i = 0; i < tr.n; i++)
		seen |= strstr(tr.lines[i], "Skipped 2025-04-26") && strstr(tr.lines[i], "not counted");
	assert_true(seen);
	mc_trail_free(&tr);
	mc_calendar_free(cal);
}

static void test_cutoff_per_procedure(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_limit l = L("same-day");
	l.cutoff = 11 * 60;
	mc_time due;
	assert_int_equal(mc_due_compute(cal, T("2025-03-05 11:15"), &l, &due, NULL, NULL), MC_OK);
	assert_moment(due, "2025-03-06 17:00", "cut-off 11:00");
	assert_int_equal(mc_due_compute(cal, T("2025-03-05 10:59"), &l, &due, NULL, NULL), MC_OK);
	assert_moment(due, "2025-03-05 17:00", "before cut-off 11:00");
	/* The configured default moves too. */
	cfg.same_day_cutoff = 16 * 60;
	mc_calendar *cal2 = real_calendar(&cfg);
	l.cutoff = -1;
	assert_int_equal(mc_due_compute(cal2, T("2025-03-05 15:30"), &l, &due, NULL, NULL), MC_OK);
	assert_moment(due, "2025-03-05 17:00", "configured cut-off 16:00");
	mc_calendar_free(cal2);
	mc_calendar_free(cal);
}

static bool trail_has(const mc_trail *t, const char *a, const char *b)
{
	for (size_t i = 0; i < t->n; i++)
		if (strstr(t->lines[i], a) && (!b || strstr(t->lines[i], b)))
			return true;
	return false;
}

static void test_trails(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_trail tr;
	mc_time due;
	mc_limit l = L("3 days");
	mc_trail_init(&tr);
	assert_int_equal(mc_due_compute(cal, T("2025-01-04 10:00"), &l, &due, &tr, NULL), MC_OK);
	assert_true(trail_has(&tr, "Received on Saturday 2025-01-04", "(weekend)"));
	assert_true(trail_has(&tr, "the clock starts at the next opening, Monday 2025-01-06 07:30",
	                      NULL));
	assert_true(trail_has(&tr, "Days 1-3 of 3: 2025-01-07 to 2025-01-09.", NULL));
	assert_string_equal(tr.lines[tr.n - 1], "Due: Thursday 2025-01-09 07:30.");
	mc_trail_free(&tr);

	l = L("5 days");
	mc_trail_init(&tr);
	assert_int_equal(mc_due_compute(cal, T("2025-01-24 10:00"), &l, &due, &tr, NULL), MC_OK);
	assert_true(trail_has(&tr, "within office hours", NULL));
	assert_true(trail_has(&tr, "Skipped 2025-01-25 to 2025-01-26: weekend.", NULL));
	assert_true(trail_has(&tr, "Skipped 2025-01-27 to 2025-01-31: Tết Nguyên đán Ất Tỵ (holiday).",
	                      NULL));
	assert_true(trail_has(&tr, "Days 1-5 of 5: 2025-02-03 to 2025-02-07.", NULL));
	mc_trail_free(&tr);

	/* Lunch, after-hours and holiday intake sentences. */
	l = L("1 days");
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-03-05 12:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "during the lunch break: the clock starts at 13:30", NULL));
	mc_trail_free(&tr);
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-03-05 17:01"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "after the office closed", "Thursday 2025-03-06 07:30"));
	mc_trail_free(&tr);
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-01-29 09:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "Received on Wednesday 2025-01-29", "Tết Nguyên đán Ất Tỵ (holiday)"));
	mc_trail_free(&tr);

	/* A make-up Saturday counted is named; provisional years are announced. */
	l = L("4 days");
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-04-24 10:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "Day 2 of 4: 2025-04-26", "make-up working day"));
	mc_trail_free(&tr);
	l = L("5 days");
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2027-02-01 09:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "2027 has no announced calendar", NULL));
	assert_true(trail_has(&tr, "Skipped 2027-02-05", "provisional"));
	mc_trail_free(&tr);

	/* Hours and calendar days. */
	l = L("4 hours");
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-01-24 16:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "2025-01-24: 1 h 00 min counted.", NULL));
	assert_true(trail_has(&tr, "Skipped 2025-01-27 to 2025-01-31", "Tết"));
	assert_true(trail_has(&tr, "2025-02-03: 3 h 00 min counted.", NULL));
	mc_trail_free(&tr);
	l = L("10 calendar-days");
	mc_trail_init(&tr);
	mc_due_compute(cal, T("2025-01-17 09:00"), &l, &due, &tr, NULL);
	assert_true(trail_has(&tr, "2025-01-27 is not a working day", "Monday 2025-02-03"));
	mc_trail_free(&tr);
	mc_calendar_free(cal);
}

/* Supplements across holidays. */
static void test_supplements(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_limit l = L("5 days");
	mc_time due, nd;
	/* Received Mon 21/4/2025 09:00: Tue 22, Wed 23, Thu 24, Fri 25, Sat 26 (make-up). */
	assert_int_equal(mc_due_compute(cal, T("2025-04-21 09:00"), &l, &due, NULL, NULL), MC_OK);
	assert_moment(due, "2025-04-26 09:00", "before supplement");
	/* Restart from zero when the papers come back Tue 29/4 10:00: 30/4-2/5 off,
	 * weekend, then Mon 5 .. Fri 9. */
	assert_int_equal(mc_due_compute(cal, T("2025-04-29 10:00"), &l, &nd, NULL, NULL), MC_OK);
	assert_moment(nd, "2025-05-09 10:00", "restart across 30/4-1/5");

	/* Pause and extend: due Tue 29/4 10:00, paused Mon 28/4 10:00 - Tue 29/4 10:00 =
	 * 450 office minutes; from Tue 10:00: 300 that day, 150 on Mon 5/5 -> 10:00. */
	mc_trail tr;
	mc_trail_init(&tr);
	assert_int_equal(mc_due_extend_pause(cal, T("2025-04-29 10:00"), T("2025-04-28 10:00"),
	                                     T("2025-04-29 10:00"), &nd, &tr, NULL),
	                 MC_OK);
	assert_moment(nd, "2025-05-05 10:00", "pause across 30/4-1/5");
	assert_true(trail_has(&tr, "7 h 30 min", NULL));
	assert_true(trail_has(&tr, "Skipped 2025-04-30", "Ngày Chiến thắng"));
	mc_trail_free(&tr);
	/* Pause over Tết: Thu 23/1 10:00 - Mon 3/2 10:00 = 300 + 450 + 150 = 900 minutes
	 * (27-31/1 not counted); due Wed 5/2 10:00 + 900 -> Fri 7/2 10:00. */
	assert_int_equal(mc_working_minutes(cal, T("2025-01-23 10:00"), T("2025-02-03 10:00")), 900);
	assert_int_equal(mc_due_extend_pause(cal, T("2025-02-05 10:00"), T("2025-01-23 10:00"),
	                                     T("2025-02-03 10:00"), &nd, NULL, NULL),
	                 MC_OK);
	assert_moment(nd, "2025-02-07 10:00", "pause across Tết");
	/* A pause entirely on a weekend moves nothing. */
	assert_int_equal(mc_due_extend_pause(cal, T("2025-03-12 17:00"), T("2025-03-08 09:00"),
	                                     T("2025-03-09 18:00"), &nd, NULL, NULL),
	                 MC_OK);
	assert_moment(nd, "2025-03-12 17:00", "weekend pause");
	/* Reversed pause refused. */
	mc_err e;
	assert_int_equal(mc_due_extend_pause(cal, T("2025-03-12 17:00"), T("2025-03-10 09:00"),
	                                     T("2025-03-09 18:00"), &nd, NULL, &e),
	                 MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "2025-03-09 18:00"));
	mc_calendar_free(cal);
}

static void test_bad_limits(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		mc_status st;
		const char *named;
	} bad[] = {
		{"100000 days", MC_ERR_RANGE, "100000"},
		{"-5 days", MC_ERR_RANGE, "-5"},
		{"0 days", MC_ERR_RANGE, "0 days"},
		{"20001 hours", MC_ERR_RANGE, "20001"},
		{"99999999999999999999 days", MC_ERR_RANGE, "9999"},
		{"5 weeks", MC_ERR_INVALID, "5 weeks"},
		{"five days", MC_ERR_INVALID, "five"},
		{"5", MC_ERR_INVALID, "\"5\""},
		{"", MC_ERR_INVALID, "\"\""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		mc_limit l;
		mc_err e;
		mc_err_clear(&e);
		assert_int_equal(mc_limit_parse(bad[i].text, &l, &e), bad[i].st);
		if (!strstr(e.msg, bad[i].named))
			fail_msg("\"%s\" -> \"%s\"", bad[i].text, e.msg);
	}
	mc_limit l;
	assert_int_equal(mc_limit_parse(" 15 Days ", &l, NULL), MC_OK);
	assert_int_equal(l.unit, MC_UNIT_DAYS);
	assert_int_equal(l.amount, 15);
	assert_int_equal(mc_limit_parse("3 ngày làm việc", &l, NULL), MC_OK);
	assert_int_equal(l.unit, MC_UNIT_DAYS);
	assert_int_equal(mc_limit_parse("30 calendar-days", &l, NULL), MC_OK);
	assert_int_equal(l.unit, MC_UNIT_CALENDAR_DAYS);
	assert_int_equal(mc_limit_parse("same-day", &l, NULL), MC_OK);
	assert_int_equal(l.unit, MC_UNIT_SAME_DAY);
	mc_limit_unit u;
	assert_int_equal(mc_limit_unit_parse("calendar-days", &u, NULL), MC_OK);
	assert_string_equal(mc_limit_unit_name(u), "calendar-days");
	assert_int_equal(mc_limit_unit_parse("weeks", &u, NULL), MC_ERR_INVALID);

	/* The engine refuses absurd limits and moments outside the supported years itself. */
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_err e;
	mc_time due;
	mc_limit big = {MC_UNIT_DAYS, 100000, -1};
	assert_int_equal(mc_due_compute(cal, T("2025-03-05 10:00"), &big, &due, NULL, &e),
	                 MC_ERR_RANGE);
	assert_non_null(strstr(e.msg, "100000"));
	mc_limit neg = {MC_UNIT_HOURS, -3, -1};
	assert_int_equal(mc_due_compute(cal, T("2025-03-05 10:00"), &neg, &due, NULL, &e),
	                 MC_ERR_RANGE);
	mc_limit ok = {MC_UNIT_DAYS, 30, -1};
	assert_int_equal(mc_due_compute(cal, T("2200-12-20 10:00"), &ok, &due, NULL, &e),
	                 MC_ERR_RANGE);
	assert_non_null(strstr(e.msg, "2200"));
	assert_int_equal(mc_due_compute(cal, MC_TIME_NONE, &ok, &due, NULL, &e), MC_ERR_RANGE);
	mc_calendar_free(cal);
}

static void test_judgement(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_time due = T("2025-03-12 10:00");
	assert_int_equal(mc_classify(cal, due, T("2025-03-11 16:00")), MC_OUTCOME_EARLY);
	assert_int_equal(mc_classify(cal, due, T("2025-03-12 16:00")), MC_OUTCOME_ON_TIME);
	assert_int_equal(mc_classify(cal, due, T("2025-03-13 08:00")), MC_OUTCOME_LATE);
	assert_false(mc_is_overdue(cal, due, T("2025-03-12 16:00")));
	assert_string_equal(mc_outcome_name(MC_OUTCOME_ON_TIME), "on_time");
	assert_null(mc_outcome_name(MC_OUTCOME_NONE));
	mc_calendar_free(cal);

	cfg.judge_by = MC_JUDGE_BY_MINUTE;
	cal = real_calendar(&cfg);
	assert_int_equal(mc_classify(cal, due, T("2025-03-11 16:00")), MC_OUTCOME_EARLY);
	assert_int_equal(mc_classify(cal, due, T("2025-03-12 09:59")), MC_OUTCOME_ON_TIME);
	assert_int_equal(mc_classify(cal, due, T("2025-03-12 10:00")), MC_OUTCOME_ON_TIME);
	assert_int_equal(mc_classify(cal, due, T("2025-03-12 10:01")), MC_OUTCOME_LATE);
	assert_true(mc_is_overdue(cal, due, T("2025-03-12 16:00")));
	mc_calendar_free(cal);
}

/* Working days late: the one count of the screens, the workbook and `show`. */
static void test_days_late(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_time due = T("2025-03-14 17:00"); /* a Friday */
	assert_int_equal(mc_days_late(cal, due, T("2025-03-14 17:30")), 0); /* by date: on the day */
	assert_int_equal(mc_days_late(cal, due, T("2025-03-15 09:00")), 1); /* Saturday: late, 0 working days */
	assert_int_equal(mc_days_late(cal, due, T("2025-03-17 09:00")), 1); /* Monday */
	assert_int_equal(mc_days_late(cal, due, T("2025-03-21 16:00")), 5); /* next Friday */
	/* Across Reunification Day and Labour Day 2025 (30/4, 1/5; 2/5 off, 26/4 worked). */
	assert_int_equal(mc_days_late(cal, T("2025-04-29 17:00"), T("2025-05-05 10:00")), 1);
	assert_int_equal(mc_days_late(cal, MC_TIME_NONE, T("2025-03-17 09:00")), 0);
	mc_calendar_free(cal);

	cfg.judge_by = MC_JUDGE_BY_MINUTE;
	cal = real_calendar(&cfg);
	assert_int_equal(mc_days_late(cal, due, T("2025-03-14 16:59")), 0);
	assert_int_equal(mc_days_late(cal, due, T("2025-03-14 17:01")), 1); /* late the same day */
	mc_calendar_free(cal);
}

static void test_due_soon_apology_risk(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	/* Due soon = due today or on the next working day. */
	assert_true(mc_is_due_soon(cal, T("2025-03-13 10:00"), T("2025-03-12 09:00")));
	assert_false(mc_is_due_soon(cal, T("2025-03-13 10:00"), T("2025-03-11 09:00")));
	assert_true(mc_is_due_soon(cal, T("2025-03-17 10:00"), T("2025-03-14 16:00"))); /* Fri -> Mon */
	assert_true(mc_is_due_soon(cal, T("2025-02-03 10:00"), T("2025-01-24 09:00"))); /* over Tết */
	assert_false(mc_is_due_soon(cal, T("2025-03-12 10:00"), T("2025-03-13 09:00"))); /* overdue */

	/* Apology one working day before due, same clock time: due Mon 3/2/2025 -> Fri 24/1. */
	assert_moment(mc_apology_deadline(cal, T("2025-02-03 10:00")), "2025-01-24 10:00", "apology");
	assert_moment(mc_apology_deadline(cal, T("2025-03-12 16:00")), "2025-03-11 16:00", "apology");

	/* At risk: due Mon 17/3 10:00, now Wed 12/3 10:00: office time left = 300 (Wed) +
	 * 450 (Thu) + 450 (Fri) + 150 (Mon) = 1350 minutes. */
	assert_int_equal(mc_working_minutes(cal, T("2025-03-12 10:00"), T("2025-03-17 10:00")), 1350);
	assert_true(mc_is_at_risk(cal, T("2025-03-17 10:00"), T("2025-03-12 10:00"), 1400));
	assert_false(mc_is_at_risk(cal, T("2025-03-17 10:00"), T("2025-03-12 10:00"), 1300));
	/* On Fri 14/3 the apology deadline has come. */
	assert_true(mc_is_at_risk(cal, T("2025-03-17 10:00"), T("2025-03-14 08:00"), 0));
	mc_calendar_free(cal);

	cfg.apology_days_before = 2;
	cfg.due_soon_days = 0;
	cal = real_calendar(&cfg);
	assert_moment(mc_apology_deadline(cal, T("2025-03-12 16:00")), "2025-03-10 16:00", "apology 2");
	assert_false(mc_is_due_soon(cal, T("2025-03-13 10:00"), T("2025-03-12 09:00")));
	assert_true(mc_is_due_soon(cal, T("2025-03-12 16:00"), T("2025-03-12 09:00")));
	mc_calendar_free(cal);
}

static void test_day_arithmetic(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *cal = real_calendar(&cfg);
	mc_date tet = mc_date_from_ymd(2025, 1, 29);
	assert_int_equal(mc_add_working_days(cal, tet, 0), mc_date_from_ymd(2025, 2, 3));
	/* The first working day after Wed 29/1 (Tết) is Mon 3/2, the second Tue 4/2. */
	assert_int_equal(mc_add_working_days(cal, tet, 1), mc_date_from_ymd(2025, 2, 3));
	assert_int_equal(mc_add_working_days(cal, tet, 2), mc_date_from_ymd(2025, 2, 4));
	assert_int_equal(mc_add_working_days(cal, mc_date_from_ymd(2025, 3, 5), 0),
	                 mc_date_from_ymd(2025, 3, 5));
	assert_int_equal(mc_sub_working_days(cal, mc_date_from_ymd(2025, 2, 3), 1),
	                 mc_date_from_ymd(2025, 1, 24));
	assert_int_equal(mc_add_working_days(cal, mc_date_from_ymd(2200, 12, 30), 5), MC_DATE_NONE);
	/* Hand-over: after 15:00 -> next opening; weekend -> Monday. */
	assert_moment(mc_handover_moment(cal, T("2025-03-05 14:59")), "2025-03-05 14:59", "handover");
	assert_moment(mc_handover_moment(cal, T("2025-03-05 15:01")), "2025-03-06 07:30", "handover");
	assert_moment(mc_handover_moment(cal, T("2025-01-24 16:00")), "2025-02-03 07:30", "handover");
	assert_moment(mc_handover_moment(cal, T("2025-03-08 09:00")), "2025-03-10 07:30", "handover");
	assert_moment(mc_next_opening(cal, T("2025-03-05 11:30")), "2025-03-05 13:30", "opening");
	assert_moment(mc_add_working_minutes(cal, T("2025-03-05 11:00"), 30), "2025-03-05 11:30",
	              "minutes");
	assert_moment(mc_add_working_minutes(cal, T("2025-03-05 11:00"), 31), "2025-03-05 13:31",
	              "minutes");
	assert_int_equal(mc_working_minutes(cal, T("2025-03-05 11:00"), T("2025-03-05 14:00")), 60);
	assert_int_equal(mc_working_minutes(cal, T("2025-03-05 14:00"), T("2025-03-05 11:00")), 0);
	char buf[64];
	mc_limit l = L("15 days");
	mc_limit_describe(&l, buf, sizeof buf);
	assert_string_equal(buf, "15 working days");
	mc_calendar_free(cal);
}

/*
 * Impact of announcing 2027 with longer Tết (4/2 and 12/2 also off) over the
 * provisional days (5/2, 8-11/2 off).
 */
static void test_impact(void **state)
{
	(void)state;
	mc_config cfg;
	std_config(&cfg);
	mc_calendar *old_cal = real_calendar(&cfg);
	mc_calendar *new_cal = real_calendar(&cfg);
	mc_err e;
	assert_int_equal(mc_calendar_load_text(new_cal,
	                                       "2027-01-01\toff\tTết Dương lịch\tconfirmed\n"
	                                       "2027-02-04\toff\tTết\tconfirmed\n"
	                                       "2027-02-05\toff\tTết\tconfirmed\n"
	                                       "2027-02-08\toff\tTết\tconfirmed\n"
	                                       "2027-02-09\toff\tTết\tconfirmed\n"
	                                       "2027-02-10\toff\tTết\tconfirmed\n"
	                                       "2027-02-11\toff\tTết\tconfirmed\n"
	                                       "2027-02-12\toff\tTết\tconfirmed\n",
	                                       "2027.tsv", &e),
	                 MC_OK);
	mc_impact_item items[] = {
		/* old: Tue 2, Wed 3, Thu 4, Fri 12, Mon 15; new: Tue 2, Wed 3, Mon 15, Tue 16,
		 * Wed 17 -> moves 2 working days later. */
		{"A", T("2027-02-01 09:00"), L("5 days"), T("2027-02-15 09:00")},
		/* March: unaffected. */
		{"B", T("2027-03-01 09:00"), L("5 days"), MC_TIME_NONE},
		/* Due set by hand (apology): left out. */
		{"C", T("2027-02-01 09:00"), L("5 days"), T("2027-02-20 10:00")},
		/* old Thu 4/2; new: 4-12/2 off -> Mon 15/2; (4/2, 15/2] holds 1 working day. */
		{"D", T("2027-02-03 09:00"), L("1 days"), MC_TIME_NONE},
	};
	mc_impact_row *rows;
	size_t n, manual;
	assert_int_equal(mc_impact_preview(old_cal, new_cal, items, 4, &rows, &n, &manual, &e), MC_OK);
	assert_int_equal(n, 2);
	assert_int_equal(manual, 1);
	assert_string_equal(rows[0].code, "A");
	assert_moment(rows[0].old_due, "2027-02-15 09:00", "impact A old");
	assert_moment(rows[0].new_due, "2027-02-17 09:00", "impact A new");
	assert_int_equal(rows[0].working_days, 2);
	assert_int_equal(rows[1].index, 3);
	assert_moment(rows[1].old_due, "2027-02-04 09:00", "impact D old");
	assert_moment(rows[1].new_due, "2027-02-15 09:00", "impact D new");
	assert_int_equal(rows[1].working_days, 1);
	free(rows);
	/* Reverse direction: negative difference. */
	items[0].due = T("2027-02-17 09:00");
	assert_int_equal(mc_impact_preview(new_cal, old_cal, items, 1, &rows, &n, NULL, &e), MC_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].working_days, -2);
	free(rows);
	/* A dossier whose due cannot be computed fails the whole preview, naming it. */
	mc_impact_item bad = {"X-1", T("2027-02-01 09:00"), {MC_UNIT_DAYS, 100000, -1}, MC_TIME_NONE};
	assert_int_equal(mc_impact_preview(old_cal, new_cal, &bad, 1, &rows, &n, NULL, &e),
	                 MC_ERR_RANGE);
	assert_non_null(strstr(e.msg, "X-1"));
	assert_null(rows);
	mc_calendar_free(old_cal);
	mc_calendar_free(new_cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_table),
		cmocka_unit_test(test_makeup_not_counted),
		cmocka_unit_test(test_cutoff_per_procedure),
		cmocka_unit_test(test_trails),
		cmocka_unit_test(test_supplements),
		cmocka_unit_test(test_bad_limits),
		cmocka_unit_test(test_judgement),
		cmocka_unit_test(test_days_late),
		cmocka_unit_test(test_due_soon_apology_risk),
		cmocka_unit_test(test_day_arithmetic),
		cmocka_unit_test(test_impact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
