/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PAR scorecard, pure part: the rubric (a data file, format in
 * data/par-rubric.md), scoring a criterion from its metric, the total and its
 * band, and the "what if" arithmetic (how many more on-time dossiers, or fewer
 * late ones, reach the next band). No database, no terminal: the metrics come
 * from src/store/par_store.c (include/motcua/par_store.h).
 *
 * Units, so that every comparison is exact integer arithmetic:
 *   - points are in thousandths of a point (MC_PAR_POINT = 1000 is 1 point);
 *   - rates and thresholds are in thousandths of a percent
 *     (MC_PAR_PERCENT = 1000 is 1 %, MC_PAR_FULL_RATE = 100000 is 100 %).
 *
 * Ownership: an mc_rubric is created by mc_rubric_parse()/mc_rubric_load() and
 * freed by mc_rubric_free(); the criterion pointers it hands out live as long
 * as it does. An mc_par_scorecard owns its items array (mc_par_scorecard_free);
 * its items point at the rubric's criteria, so free the scorecard first.
 */
#ifndef MOTCUA_PAR_H
#define MOTCUA_PAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/error.h"
#include "motcua/mctime.h"

#define MC_PAR_POINT 1000          /* 1 point, in thousandths */
#define MC_PAR_PERCENT 1000        /* 1 %, in thousandths of a percent */
#define MC_PAR_FULL_RATE 100000    /* 100 % */
#define MC_PAR_MAX_BANDS 16        /* bands per criterion, and bands of the total */
#define MC_PAR_ID_MAX 32           /* criterion id, including the NUL */
#define MC_PAR_NAME_MAX 256        /* names, including the NUL */

/*
 * The metrics a criterion can be fed by. Each is a ratio numerator /
 * denominator over the scorecard's period (see par_store.h for the exact
 * definitions). MC_PAR_MANUAL: entered by hand (`motcua par set`).
 */
#define MC_PAR_METRIC_LIST(X) \
	X(MC_PAR_MANUAL, "manual", N_("entered by hand")) \
	X(MC_PAR_ONTIME_A, "ontime_A", N_("on-time rate A")) \
	X(MC_PAR_ONTIME_B, "ontime_B", N_("on-time rate B")) \
	X(MC_PAR_ONTIME_C, "ontime_C", N_("on-time rate C")) \
	X(MC_PAR_APOLOGY_COVERAGE, "apology_coverage", N_("late dossiers with an apology")) \
	X(MC_PAR_ONLINE_SHARE, "online_share", N_("share received online")) \
	X(MC_PAR_SATISFACTION, "satisfaction", N_("satisfied applicants")) \
	X(MC_PAR_SUPPLEMENT_TIMELINESS, "supplement_timeliness", N_("supplement requests in time")) \
	X(MC_PAR_DIGITISED_SHARE, "digitised_share", N_("share digitised")) \
	X(MC_PAR_ONLINE_PAYMENT_SHARE, "online_payment_share", N_("share paid online")) \
	X(MC_PAR_E_RESULT_SHARE, "e_result_share", N_("share of results issued electronically"))

typedef enum {
#define MC_X_ENUM(name, text, label) name,
	MC_PAR_METRIC_LIST(MC_X_ENUM)
#undef MC_X_ENUM
	MC_PAR_METRIC_COUNT
} mc_par_metric;

/* The rubric's name of a metric ("ontime_A"); NULL when out of range. */
const char *mc_par_metric_name(mc_par_metric m);
/* The metric in words for people ("tỷ lệ đúng hạn A"); NULL when out of range. */
const char *mc_par_metric_label(mc_par_metric m);
/* Look a name up; false when unknown. */
bool mc_par_metric_from_name(const char *name, mc_par_metric *out);

typedef enum {
	MC_PAR_SCORE_BANDS,        /* "100:full; 95:half; 0:0" */
	MC_PAR_SCORE_PROPORTIONAL, /* points = max x rate */
	MC_PAR_SCORE_POINTS,       /* manual only: the value entered is the points */
} mc_par_scoring;

/* Which year a scorecard covers. */
typedef enum {
	MC_PAR_PERIOD_CALENDAR, /* 1 January .. 31 December of the year */
	MC_PAR_PERIOD_OFFICIAL, /* 15 December of the year before .. 14 December */
} mc_par_period;

/* What a data-fed criterion scores when its denominator is 0. */
typedef enum {
	MC_PAR_EMPTY_FULL, /* nothing to fail: full points (the default) */
	MC_PAR_EMPTY_ZERO, /* nothing to show: no points */
} mc_par_empty;

/* One band of a criterion: a rate >= threshold earns points. */
typedef struct mc_par_band {
	int64_t threshold; /* thousandths of a percent, 0..100000 */
	int64_t points;    /* thousandths of a point */
} mc_par_band;

/* One band of the total. */
typedef struct mc_par_total_band {
	char name[MC_PAR_NAME_MAX]; /* "Tốt", "Khá", ... */
	bool percent;               /* threshold is a share of the maximum total */
	int64_t threshold;          /* percent: thousandths of a percent; else thousandths of a point */
	int line;
} mc_par_total_band;

typedef struct mc_par_criterion {
	char id[MC_PAR_ID_MAX];     /* "ontime", "apology", ... */
	char name[MC_PAR_NAME_MAX]; /* Vietnamese name shown to people */
	int64_t max;                /* thousandths of a point, > 0 */
	mc_par_metric metric;
	mc_par_scoring scoring;
	mc_par_band bands[MC_PAR_MAX_BANDS]; /* thresholds strictly decreasing */
	size_t nbands;
	int line;                   /* line of the rubric file */
} mc_par_criterion;

typedef struct mc_rubric mc_rubric;

/*
 * Parse a rubric from text (UTF-8, TSV; format in data/par-rubric.md). name is
 * used in messages ("par-rubric.tsv, line 12: ..."). Any malformed line (does
 * not parse, unknown metric, unordered or overlapping bands, points above the
 * maximum, duplicate id, ...) refuses the whole rubric with its line number.
 * On success *out is a new rubric the caller frees with mc_rubric_free().
 */
mc_status mc_rubric_parse(const char *text, size_t len, const char *name, mc_rubric **out,
                          mc_err *e);
/* Read and parse a file (at most 1 MiB). */
mc_status mc_rubric_load(const char *path, mc_rubric **out, mc_err *e);
/* Free a rubric; NULL is a no-op. */
void mc_rubric_free(mc_rubric *r);

size_t mc_rubric_count(const mc_rubric *r);
/* The i-th criterion in file order; NULL when out of range. */
const mc_par_criterion *mc_rubric_criterion(const mc_rubric *r, size_t i);
/* The criterion with this id, or NULL. */
const mc_par_criterion *mc_rubric_find(const mc_rubric *r, const char *id);
mc_par_period mc_rubric_period(const mc_rubric *r);
mc_par_empty mc_rubric_empty(const mc_rubric *r);
/* Sum of the criteria's maxima, thousandths of a point. */
int64_t mc_rubric_max(const mc_rubric *r);
size_t mc_rubric_band_count(const mc_rubric *r);
/* The i-th band of the total (highest first); NULL when out of range. */
const mc_par_total_band *mc_rubric_band(const mc_rubric *r, size_t i);
/* The file name given to the parser. */
const char *mc_rubric_source(const mc_rubric *r);

/*
 * The first and last day of scorecard year `year` under the rubric's period
 * convention (calendar: 1 Jan..31 Dec; official: 15 Dec of year-1..14 Dec).
 */
mc_status mc_par_year_range(mc_par_period p, int year, mc_date *from, mc_date *to, mc_err *e);

/* What-if toward the next band (data-fed criteria scored by bands). */
typedef struct mc_par_next {
	bool exists;          /* a higher band exists */
	int64_t threshold;    /* its threshold, thousandths of a percent */
	int64_t points;       /* its points, thousandths */
	bool more_possible;   /* false: adding favourable cases can never reach it */
	int64_t more;         /* k more favourable cases, each adding 1 to numerator AND
	                         denominator (e.g. k more dossiers resolved on time) */
	bool fewer_possible;  /* false: nothing to convert (empty denominator) */
	int64_t fewer;        /* r fewer unfavourable cases: r of those counted in the
	                         denominator but not the numerator turned favourable
	                         (e.g. r fewer late dossiers among those counted) */
} mc_par_next;

/* One scored criterion. */
typedef struct mc_par_result {
	const mc_par_criterion *crit;
	bool entered;     /* value known: data-fed always; manual once entered */
	bool has_value;   /* a rate exists (denominator > 0, or manual entered) */
	int64_t num, den; /* inputs of a data-fed criterion (0/0 for manual) */
	int64_t value;    /* rate in thousandths of a percent; for MC_PAR_SCORE_POINTS
	                     the entered points (thousandths) */
	int64_t points;   /* thousandths of a point, 0..max */
	mc_par_next next;
	/* Manual entries: who entered the value and when (filled by par_store). */
	char actor[64];
	mc_time entered_at;
	char note[MC_PAR_NAME_MAX];
} mc_par_result;

/* A whole scorecard. */
typedef struct mc_par_scorecard {
	int year;
	mc_date from, to;   /* the rubric's year */
	mc_date through;    /* metrics cover from..through (<= to) */
	size_t n;
	mc_par_result *items; /* n results in rubric order, owned */
	int64_t total, max; /* thousandths of a point */
	char band[MC_PAR_NAME_MAX]; /* band of the total; "" if none */
	bool complete;      /* every manual criterion has been entered */
} mc_par_scorecard;

/* Points earned by a rate (thousandths of a percent) under a criterion's rule. */
int64_t mc_par_points_for_rate(const mc_par_criterion *c, int64_t rate);

/*
 * Score a data-fed criterion from numerator/denominator (0 <= num <= den):
 * value, points (exact: a rate r reaches threshold t iff num*100000 >= t*den;
 * proportional points are max*num/den rounded half up to 1/1000) and the
 * what-if toward the next band. den == 0 scores per `empty`.
 */
mc_status mc_par_score_ratio(const mc_par_criterion *c, mc_par_empty empty, int64_t num,
                             int64_t den, mc_par_result *out, mc_err *e);

/*
 * Score a manual criterion from the entered value (thousandths: points for
 * MC_PAR_SCORE_POINTS, else a rate 0..100000); entered == false scores 0.
 */
mc_status mc_par_score_manual(const mc_par_criterion *c, bool entered, int64_t value,
                              mc_par_result *out, mc_err *e);

/*
 * The what-if: smallest k >= 0 with (num+k)/(den+k) >= threshold, and
 * smallest r >= 0 with (num+r)/den >= threshold. Exact integer arithmetic.
 */
void mc_par_what_if(int64_t num, int64_t den, int64_t threshold, mc_par_next *out);

/*
 * Sum the items' points into sc->total / sc->max, set sc->band from the
 * rubric's bands and sc->complete. The items must already be scored.
 */
void mc_par_total(const mc_rubric *r, mc_par_scorecard *sc);

/* Free the items of a scorecard (not the struct itself); NULL is a no-op. */
void mc_par_scorecard_free(mc_par_scorecard *sc);

/*
 * Decimal text with at most 3 decimals ("95", "97.5", "0.25") to thousandths.
 * Refuses signs, exponents, empty text and more than 3 decimals.
 */
bool mc_par_parse_milli(const char *s, int64_t *out);
/*
 * Thousandths to text with `decimals` (0..3) decimals, rounded half up, or
 * with decimals < 0 the shortest exact form ("1.5", "2", "0.333"); buf >= 32 bytes.
 */
void mc_par_format_milli(int64_t v, int decimals, char *buf, size_t size);
/*
 * The what-if toward nx worded for metric m, translated, into buf (cut to size): the
 * dossiers to add ("12 more dossiers resolved on time", or "out of reach by adding
 * dossiers" when !nx->more_possible) followed, when nx->fewer_possible, by the ones to
 * turn (", or 3 fewer late ones among those counted"). The command line and the screen
 * both show this text.
 */
void mc_par_next_text(mc_par_metric m, const mc_par_next *nx, char *buf, size_t size);

#endif
