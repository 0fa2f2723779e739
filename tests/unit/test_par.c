/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PAR rubric and scoring (src/core/par.c): the shipped rubrics parse,
 * band edges are exact (95.0 %, 100 %), proportional rounding, malformed
 * rubrics are refused with their line, the what-if arithmetic matches a
 * brute-force search, and the total finds its band.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "motcua/par.h"

static mc_rubric *parse_ok(const char *text)
{
	mc_rubric *r = NULL;
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_rubric_parse(text, strlen(text), "t.tsv", &r, &e);
	if (st != MC_OK)
		fail_msg("unexpected parse failure: %s", e.msg);
	return r;
}

static const char *ONE =
	"period\tcalendar\n"
	"criterion\tontime\tĐúng hạn\t2\tontime_A\t100:full; 95:half; 0:0\n"
	"band\tTốt\t90%\n"
	"band\tYếu\t0%\n";

static void test_shipped_rubrics(void **state)
{
	(void)state;
	const char *root = getenv("MC_SOURCE_ROOT");
	assert_non_null(root);
	char path[2048];
	mc_err e;
	mc_rubric *r = NULL;

	snprintf(path, sizeof path, "%s/data/par-rubric.tsv", root);
	mc_err_clear(&e);
	assert_int_equal(mc_rubric_load(path, &r, &e), MC_OK);
	assert_int_equal(mc_rubric_period(r), MC_PAR_PERIOD_OFFICIAL);
	const mc_par_criterion *c = mc_rubric_find(r, "ontime");
	assert_non_null(c);
	assert_int_equal(c->metric, MC_PAR_ONTIME_A);
	assert_int_equal(c->scoring, MC_PAR_SCORE_BANDS);
	assert_int_equal(c->nbands, 3);
	assert_int_equal(c->bands[0].threshold, 100000);
	assert_int_equal(c->bands[0].points, c->max);
	assert_int_equal(c->bands[1].threshold, 95000);
	assert_int_equal(c->bands[1].points, c->max / 2);
	c = mc_rubric_find(r, "publicity");
	assert_non_null(c);
	assert_int_equal(c->metric, MC_PAR_MANUAL);
	assert_int_equal(c->scoring, MC_PAR_SCORE_POINTS);
	assert_int_equal(mc_rubric_band_count(r), 4);
	assert_string_equal(mc_rubric_band(r, 0)->name, "Tốt");
	assert_string_equal(mc_rubric_band(r, 3)->name, "Yếu");
	mc_rubric_free(r);

	snprintf(path, sizeof path, "%s/data/par-rubric-proportional.tsv", root);
	assert_int_equal(mc_rubric_load(path, &r, &e), MC_OK);
	assert_int_equal(mc_rubric_period(r), MC_PAR_PERIOD_CALENDAR);
	c = mc_rubric_find(r, "ontime");
	assert_int_equal(c->scoring, MC_PAR_SCORE_PROPORTIONAL);
	assert_int_equal(c->metric, MC_PAR_ONTIME_C);
	assert_int_equal(c->max, 10 * MC_PAR_POINT);
	assert_false(mc_rubric_band(r, 0)->percent);
	mc_rubric_free(r);

	assert_int_equal(mc_rubric_load("/nonexistent/rubric.tsv", &r, &e), MC_ERR_IO);
	assert_non_null(strstr(e.msg, "/nonexistent/rubric.tsv"));
	assert_null(r);
	mc_rubric_free(NULL);
}

/* Band edges: exactly 95.0 % and 100 %, scored from num/den exactly. */
static void test_band_edges(void **state)
{
	(void)state;
	mc_rubric *r = parse_ok(ONE);
	const mc_par_criterion *c = mc_rubric_find(r, "ontime");
	static const struct {
		int64_t num, den, points, value;
	} v[] = {
		{100, 100, 2000, 100000},  /* 100 % -> full */
		{95, 100, 1000, 95000},    /* exactly 95.0 % -> half */
		{19, 20, 1000, 95000},     /* 95 % again */
		{949, 1000, 0, 94900},     /* just below */
		{9499, 10000, 0, 94990},
		{999, 1000, 1000, 99900},  /* 99.9 % is not 100 % */
		{99999, 100000, 1000, 99999},
		{1, 1, 2000, 100000},
		{0, 5, 0, 0},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_par_result res;
		mc_err e;
		assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, v[i].num, v[i].den, &res, &e), MC_OK);
		assert_true(res.has_value);
		if (res.points != v[i].points || res.value != v[i].value)
			fail_msg("%lld/%lld: points %lld value %lld, expected %lld %lld", (long long)v[i].num,
			         (long long)v[i].den, (long long)res.points, (long long)res.value,
			         (long long)v[i].points, (long long)v[i].value);
	}
	/* Rates given directly (manual criteria use this path). */
	assert_int_equal(mc_par_points_for_rate(c, 95000), 1000);
	assert_int_equal(mc_par_points_for_rate(c, 94999), 0);
	assert_int_equal(mc_par_points_for_rate(c, 100000), 2000);

	/* Empty denominator: per the rubric's "empty" setting. */
	mc_par_result res;
	mc_err e;
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 0, 0, &res, &e), MC_OK);
	assert_false(res.has_value);
	assert_int_equal(res.points, 2000);
	assert_false(res.next.exists);
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_ZERO, 0, 0, &res, &e), MC_OK);
	assert_int_equal(res.points, 0);
	assert_true(res.next.exists);
	assert_int_equal(res.next.threshold, 95000);
	assert_int_equal(res.next.more, 1); /* one dossier on time: 1/1 */
	assert_false(res.next.fewer_possible);

	/* Nonsense inputs are refused, not clamped. */
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 6, 5, &res, &e), MC_ERR_INVALID);
	assert_non_null(strstr(e.msg, "ontime"));
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, -1, 5, &res, &e), MC_ERR_INVALID);
	mc_rubric_free(r);
}

static void test_proportional(void **state)
{
	(void)state;
	mc_rubric *r = parse_ok("criterion\ta\tA\t10\tontime_C\tproportional\n"
	                        "criterion\tb\tB\t1\tsatisfaction\tproportional\n"
	                        "criterion\tc\tC\t3\tmanual\tproportional\n"
	                        "band\tTốt\t10\nband\tYếu\t0\n");
	const mc_par_criterion *a = mc_rubric_find(r, "a"), *b = mc_rubric_find(r, "b"),
	                       *c = mc_rubric_find(r, "c");
	static const struct {
		int which; /* 0 = a (max 10), 1 = b (max 1) */
		int64_t num, den, points;
	} v[] = {
		{0, 19, 20, 9500},   /* 10 x 95 % */
		{0, 1, 8, 1250},     /* 1.25 exactly */
		{0, 2, 3, 6667},     /* 6.6667 rounds up */
		{0, 1, 3, 3333},     /* 3.3333 rounds down */
		{0, 20, 20, 10000},
		{0, 0, 20, 0},
		{1, 1, 2000, 1},     /* 0.0005 rounds half up to 0.001 */
		{1, 1, 2001, 0},     /* 0.00049975 rounds down */
		{1, 2, 3, 667},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_par_result res;
		mc_err e;
		assert_int_equal(mc_par_score_ratio(v[i].which ? b : a, MC_PAR_EMPTY_FULL, v[i].num,
		                                    v[i].den, &res, &e),
		                 MC_OK);
		if (res.points != v[i].points)
			fail_msg("row %zu: %lld points, expected %lld", i, (long long)res.points,
			         (long long)v[i].points);
		assert_false(res.next.exists); /* no bands, no next band */
	}
	/* A manual criterion scored proportionally takes a percentage. */
	mc_par_result res;
	mc_err e;
	assert_int_equal(mc_par_score_manual(c, true, 50000, &res, &e), MC_OK);
	assert_int_equal(res.points, 1500);
	assert_int_equal(mc_par_score_manual(c, true, 100001, &res, &e), MC_ERR_RANGE);
	mc_rubric_free(r);
}

static void test_manual_points(void **state)
{
	(void)state;
	mc_rubric *r = parse_ok("criterion\tpub\tCông khai\t1.5\tmanual\tpoints\n"
	                        "criterion\tpct\tSố hóa\t2\tmanual\t80:full; 50:0.5\n"
	                        "band\tX\t0\n");
	const mc_par_criterion *pub = mc_rubric_find(r, "pub"), *pct = mc_rubric_find(r, "pct");
	mc_par_result res;
	mc_err e;
	assert_int_equal(mc_par_score_manual(pub, false, 0, &res, &e), MC_OK);
	assert_false(res.entered);
	assert_int_equal(res.points, 0);
	assert_int_equal(mc_par_score_manual(pub, true, 1250, &res, &e), MC_OK);
	assert_int_equal(res.points, 1250);
	assert_int_equal(mc_par_score_manual(pub, true, 1500, &res, &e), MC_OK);
	assert_int_equal(res.points, 1500);
	mc_err_clear(&e);
	assert_int_equal(mc_par_score_manual(pub, true, 1501, &res, &e), MC_ERR_RANGE);
	assert_non_null(strstr(e.msg, "1.501"));
	assert_non_null(strstr(e.msg, "maximum 1.5."));
	assert_int_equal(mc_par_score_manual(pct, true, 80000, &res, &e), MC_OK);
	assert_int_equal(res.points, 2000);
	assert_int_equal(mc_par_score_manual(pct, true, 79999, &res, &e), MC_OK);
	assert_int_equal(res.points, 500);
	assert_int_equal(mc_par_score_manual(pct, true, 49999, &res, &e), MC_OK);
	assert_int_equal(res.points, 0);
	mc_rubric_free(r);
}

/* Each malformed rubric is refused and its message names the right line. */
static void test_malformed(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *where; /* expected in the message */
		const char *what;  /* also expected */
	} v[] = {
		{"criterion\ta\tA\t1\tontime_Z\t100:full\nband\tX\t0\n", "line 1", "ontime_Z"},
		{"# comment\n\ncriterion\ta\tA\t1\tontime_A\t95:half; 100:full\nband\tX\t0\n", "line 3",
		 "not in order"},
		{"criterion\ta\tA\t1\tontime_A\t100:full; 95:half; 95:0\nband\tX\t0\n", "line 1",
		 "overlap"},
		{"criterion\ta\tA\t1\tontime_A\t100:2; 0:0\nband\tX\t0\n", "line 1", "above the criterion"},
		{"criterion\ta\tA\t1\tontime_A\t100:0.5; 90:1\nband\tX\t0\n", "line 1", "more points"},
		{"criterion\ta\tA\t1\tontime_A\t101:full\nband\tX\t0\n", "line 1", "101"},
		{"criterion\ta\tA\t1\tontime_A\t100 full\nband\tX\t0\n", "line 1", "THRESHOLD:POINTS"},
		{"criterion\ta\tA\t1\tontime_A\t100:lots\nband\tX\t0\n", "line 1", "lots"},
		{"criterion\ta\tA\t1\tontime_A\t\nband\tX\t0\n", "line 1", "no bands"},
		{"criterion\ta\tA\t1\tontime_A\nband\tX\t0\n", "line 1", "6 tab-separated"},
		{"criterion a A 1 ontime_A proportional\nband\tX\t0\n", "line 1", "does not parse"},
		{"\n\nhello\tworld\n", "line 3", "does not parse"},
		{"criterion\ta\tA\t-1\tontime_A\tproportional\nband\tX\t0\n", "line 1", "-1"},
		{"criterion\ta\tA\t0\tontime_A\tproportional\nband\tX\t0\n", "line 1", "maximum points"},
		{"criterion\ta\tA\t1.0001\tontime_A\tproportional\nband\tX\t0\n", "line 1", "1.0001"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\ncriterion\ta\tB\t1\tonline_share\tproportional\nband\tX\t0\n",
		 "line 2", "first on line 1"},
		{"criterion\ta b\tA\t1\tontime_A\tproportional\nband\tX\t0\n", "line 1", "a b"},
		{"criterion\ta\t\t1\tontime_A\tproportional\nband\tX\t0\n", "line 1", "name"},
		{"criterion\ta\tA\t1\tontime_A\tpoints\nband\tX\t0\n", "line 1", "only for manual"},
		{"period\tfiscal\n", "line 1", "calendar"},
		{"period\tcalendar\nperiod\tofficial\n", "line 2", "twice"},
		{"empty\tmaybe\n", "line 1", "full or zero"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\t80%\nband\tKhá\t90%\nband\tYếu\t0%\n",
		 "line 3", "not in order"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\t80%\nband\tKhá\t80%\nband\tYếu\t0%\n",
		 "line 3", "overlap"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\t80%\nband\tYếu\t0\n", "line 3", "mix"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\t5\nband\tYếu\t0\n", "line 2",
		 "above the rubric"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\t0.5\nband\tKhá\t0.2\n", "line 3",
		 "start at 0"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\tninety\nband\tX\t0\n", "line 2",
		 "ninety"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\nband\tTốt\n", "line 2", "3 tab-separated"},
		{"criterion\ta\t\xc3\x28\t1\tontime_A\tproportional\nband\tX\t0\n", "line 1", "UTF-8"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\n", "t.tsv", "no band"},
		{"band\tX\t0\n", "t.tsv", "no criterion"},
		{"# only a comment\n", "t.tsv", "no criterion"},
		{"criterion\ta\tA\t1\tontime_A\tproportional\r\nband\tX\t0\r\nfoo\r\n", "line 3",
		 "does not parse"},
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_rubric *r = (mc_rubric *)1;
		mc_err e;
		mc_err_clear(&e);
		mc_status st = mc_rubric_parse(v[i].text, strlen(v[i].text), "t.tsv", &r, &e);
		if (st == MC_OK)
			fail_msg("case %zu was accepted", i);
		assert_null(r);
		if (!strstr(e.msg, v[i].where) || !strstr(e.msg, v[i].what))
			fail_msg("case %zu: message \"%s\" lacks \"%s\" or \"%s\"", i, e.msg, v[i].where,
			         v[i].what);
		if (strcmp(v[i].where, "t.tsv") != 0 && !strstr(e.msg, "t.tsv"))
			fail_msg("case %zu: message \"%s\" does not name the file", i, e.msg);
	}
	/* Accepted oddities: BOM, CRLF, spaces around fields, decimals and %. */
	mc_rubric *r = parse_ok("\xef\xbb\xbf# c\r\n"
	                        "criterion\t a \t A \t 1.5 \tontime_B\t 99.5%: full ;50:0.25\r\n"
	                        "band\tX\t0\r\n");
	const mc_par_criterion *c = mc_rubric_find(r, "a");
	assert_non_null(c);
	assert_string_equal(c->name, "A");
	assert_int_equal(c->max, 1500);
	assert_int_equal(c->bands[0].threshold, 99500);
	assert_int_equal(c->bands[1].points, 250);
	assert_int_equal(c->line, 2);
	assert_int_equal(mc_rubric_empty(r), MC_PAR_EMPTY_FULL);
	assert_int_equal(mc_rubric_period(r), MC_PAR_PERIOD_CALENDAR);
	mc_rubric_free(r);
}

/* Independent check: walk k and r upward until the threshold is reached. */
static void brute(int64_t n, int64_t d, int64_t t, bool *mp, int64_t *more, bool *fp, int64_t *fewer)
{
	*mp = false;
	for (int64_t k = 0; k <= 20000; k++) { /* enough for d <= 60, t <= 99 % */
		if (d + k > 0 && (n + k) * 100000 >= t * (d + k)) {
			*mp = true;
			*more = k;
			break;
		}
	}
	*fp = false;
	for (int64_t r = 0; d > 0 && r <= d - n; r++) {
		if ((n + r) * 100000 >= t * d) {
			*fp = true;
			*fewer = r;
			break;
		}
	}
}

static void test_what_if(void **state)
{
	(void)state;
	/* Hand-computed vectors. */
	static const struct {
		int64_t n, d, t;
		bool mp;
		int64_t more;
		bool fp;
		int64_t fewer;
	} v[] = {
		{188, 200, 95000, true, 40, true, 2},   /* 228/240 = 95 % exactly */
		{94, 100, 95000, true, 20, true, 1},    /* 114/120 = 95 % */
		{95, 100, 95000, true, 0, true, 0},     /* already there */
		{99, 100, 100000, false, 0, true, 1},   /* 100 % after a late one: unreachable by adding */
		{100, 100, 100000, true, 0, true, 0},
		{0, 0, 95000, true, 1, false, 0},       /* nothing yet: one on-time dossier */
		{0, 3, 50000, true, 3, true, 2},        /* 3/6 = 50 %; 2/3 */
		{7, 10, 97500, true, 110, true, 3},     /* (7+k)*1000 >= 975*(10+k): 25k >= 2750 */
		{949, 1000, 95000, true, 20, true, 1},  /* 969/1020 = 95 % exactly */
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		mc_par_next nx;
		mc_par_what_if(v[i].n, v[i].d, v[i].t, &nx);
		if (nx.more_possible != v[i].mp || (v[i].mp && nx.more != v[i].more) ||
		    nx.fewer_possible != v[i].fp || (v[i].fp && nx.fewer != v[i].fewer))
			fail_msg("row %zu: more %d/%lld fewer %d/%lld", i, nx.more_possible,
			         (long long)nx.more, nx.fewer_possible, (long long)nx.fewer);
	}
	/* Exhaustive small cases against the brute-force search. */
	static const int64_t thresholds[] = {0, 1, 33333, 50000, 66667, 80000, 90000, 95000, 97500,
	                                     99000, 100000};
	for (int64_t d = 0; d <= 60; d++) {
		for (int64_t n = 0; n <= d; n++) {
			for (size_t j = 0; j < sizeof thresholds / sizeof thresholds[0]; j++) {
				int64_t t = thresholds[j];
				bool mp, fp;
				int64_t more = -1, fewer = -1;
				brute(n, d, t, &mp, &more, &fp, &fewer);
				mc_par_next nx;
				mc_par_what_if(n, d, t, &nx);
				if (nx.more_possible != mp || (mp && nx.more != more) ||
				    nx.fewer_possible != fp || (fp && nx.fewer != fewer))
					fail_msg("%lld/%lld at %lld: got more %d/%lld fewer %d/%lld, brute %d/%lld %d/%lld",
					         (long long)n, (long long)d, (long long)t, nx.more_possible,
					         (long long)nx.more, nx.fewer_possible, (long long)nx.fewer, mp,
					         (long long)more, fp, (long long)fewer);
			}
		}
	}
	/* Large numbers stay exact (a year of a big centre). */
	mc_par_next nx;
	mc_par_what_if(949999, 1000000, 95000, &nx);
	assert_int_equal(nx.fewer, 1);
	assert_int_equal(nx.more, 20); /* 950019/1000020 >= 95 %, 950018/1000019 is not */
}

/* The what-if inside a scored criterion picks the nearest band paying more. */
static void test_next_band_in_score(void **state)
{
	(void)state;
	mc_rubric *r = parse_ok(ONE);
	const mc_par_criterion *c = mc_rubric_find(r, "ontime");
	mc_par_result res;
	mc_err e;
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 188, 200, &res, &e), MC_OK);
	assert_int_equal(res.points, 0);
	assert_true(res.next.exists);
	assert_int_equal(res.next.threshold, 95000);
	assert_int_equal(res.next.points, 1000);
	assert_int_equal(res.next.more, 40);
	assert_int_equal(res.next.fewer, 2);
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 196, 200, &res, &e), MC_OK);
	assert_int_equal(res.points, 1000);
	assert_int_equal(res.next.threshold, 100000);
	assert_false(res.next.more_possible);
	assert_int_equal(res.next.fewer, 4);
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 200, 200, &res, &e), MC_OK);
	assert_false(res.next.exists);
	mc_rubric_free(r);

	/* Equal points in adjacent bands: the next band is the one that pays more. */
	r = parse_ok("criterion\tx\tX\t3\tonline_share\t90:3; 60:1; 40:1; 0:0\nband\tB\t0\n");
	c = mc_rubric_find(r, "x");
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 45, 100, &res, &e), MC_OK);
	assert_int_equal(res.points, 1000);
	assert_int_equal(res.next.threshold, 90000);
	assert_int_equal(res.next.fewer, 45);
	assert_int_equal(mc_par_score_ratio(c, MC_PAR_EMPTY_FULL, 10, 100, &res, &e), MC_OK);
	assert_int_equal(res.points, 0);
	assert_int_equal(res.next.threshold, 40000);
	assert_int_equal(res.next.fewer, 30);
	mc_rubric_free(r);
}

static void test_total_bands(void **state)
{
	(void)state;
	mc_rubric *r = parse_ok("criterion\ta\tA\t6\tontime_A\tproportional\n"
	                        "criterion\tb\tB\t4\tmanual\tpoints\n"
	                        "band\tTốt\t90%\nband\tKhá\t80%\nband\tTrung bình\t65%\nband\tYếu\t0%\n");
	assert_int_equal(mc_rubric_max(r), 10000);
	mc_par_result items[2];
	mc_par_scorecard sc = {.n = 2, .items = items};
	mc_err e;
	static const struct {
		int64_t num, den, manual;
		bool entered;
		const char *band;
		int64_t total;
	} v[] = {
		{100, 100, 3000, true, "Tốt", 9000},       /* exactly 90 % */
		{100, 100, 2999, true, "Khá", 8999},
		{84, 100, 3000, true, "Khá", 8040},       /* 5.04 + 3 */
		{83, 100, 3000, true, "Trung bình", 7980}, /* 4.98 + 3 = 79.8 % */
		{50, 100, 3500, true, "Trung bình", 6500}, /* exactly 65 % */
		{0, 100, 0, true, "Yếu", 0},
		{100, 100, 0, false, "Yếu", 6000},  /* manual missing: incomplete, 60 % */
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(mc_par_score_ratio(mc_rubric_find(r, "a"), MC_PAR_EMPTY_FULL, v[i].num,
		                                    v[i].den, &items[0], &e),
		                 MC_OK);
		assert_int_equal(mc_par_score_manual(mc_rubric_find(r, "b"), v[i].entered, v[i].manual,
		                                     &items[1], &e),
		                 MC_OK);
		mc_par_total(r, &sc);
		assert_int_equal(sc.max, 10000);
		if (sc.total != v[i].total || strcmp(sc.band, v[i].band) != 0)
			fail_msg("row %zu: %lld %s", i, (long long)sc.total, sc.band);
		assert_true(sc.complete == v[i].entered);
	}
	mc_rubric_free(r);

	/* Points thresholds. */
	r = parse_ok("criterion\ta\tA\t20\tontime_C\tproportional\n"
	             "band\tTốt\t18\nband\tKhá\t15\nband\tYếu\t0\n");
	sc.n = 1;
	assert_int_equal(mc_par_score_ratio(mc_rubric_find(r, "a"), MC_PAR_EMPTY_FULL, 9, 10, &items[0], &e), MC_OK);
	mc_par_total(r, &sc);
	assert_int_equal(sc.total, 18000);
	assert_string_equal(sc.band, "Tốt");
	assert_int_equal(mc_par_score_ratio(mc_rubric_find(r, "a"), MC_PAR_EMPTY_FULL, 8999, 10000, &items[0], &e), MC_OK);
	mc_par_total(r, &sc);
	assert_string_equal(sc.band, "Khá");
	mc_rubric_free(r);
}

static void test_year_range_and_numbers(void **state)
{
	(void)state;
	mc_date from, to;
	mc_err e;
	char a[11], b[11];
	assert_int_equal(mc_par_year_range(MC_PAR_PERIOD_OFFICIAL, 2025, &from, &to, &e), MC_OK);
	mc_date_format(from, a);
	mc_date_format(to, b);
	assert_string_equal(a, "2024-12-15");
	assert_string_equal(b, "2025-12-14");
	assert_int_equal(mc_par_year_range(MC_PAR_PERIOD_CALENDAR, 2024, &from, &to, &e), MC_OK);
	mc_date_format(from, a);
	mc_date_format(to, b);
	assert_string_equal(a, "2024-01-01");
	assert_string_equal(b, "2024-12-31");
	assert_int_equal(mc_par_year_range(MC_PAR_PERIOD_CALENDAR, 99999, &from, &to, &e), MC_ERR_RANGE);

	int64_t m;
	assert_true(mc_par_parse_milli("95", &m));
	assert_int_equal(m, 95000);
	assert_true(mc_par_parse_milli("0.5", &m));
	assert_int_equal(m, 500);
	assert_true(mc_par_parse_milli("97.125", &m));
	assert_int_equal(m, 97125);
	assert_false(mc_par_parse_milli("", &m));
	assert_false(mc_par_parse_milli("-1", &m));
	assert_false(mc_par_parse_milli("1.", &m));
	assert_false(mc_par_parse_milli(".5", &m));
	assert_false(mc_par_parse_milli("1.2345", &m));
	assert_false(mc_par_parse_milli("1e3", &m));
	char buf[32];
	mc_par_format_milli(94950, 1, buf, sizeof buf);
	assert_string_equal(buf, "95.0");
	mc_par_format_milli(94949, 1, buf, sizeof buf);
	assert_string_equal(buf, "94.9");
	mc_par_format_milli(1500, 2, buf, sizeof buf);
	assert_string_equal(buf, "1.50");
	mc_par_format_milli(1500, 0, buf, sizeof buf);
	assert_string_equal(buf, "2");
	mc_par_format_milli(7, 3, buf, sizeof buf);
	assert_string_equal(buf, "0.007");
	mc_par_format_milli(1500, -1, buf, sizeof buf);
	assert_string_equal(buf, "1.5");
	mc_par_format_milli(2000, -1, buf, sizeof buf);
	assert_string_equal(buf, "2");
	mc_par_format_milli(333, -1, buf, sizeof buf);
	assert_string_equal(buf, "0.333");
	mc_par_format_milli(0, -1, buf, sizeof buf);
	assert_string_equal(buf, "0");

	mc_par_metric mt;
	assert_true(mc_par_metric_from_name("ontime_B", &mt));
	assert_int_equal(mt, MC_PAR_ONTIME_B);
	assert_string_equal(mc_par_metric_name(MC_PAR_SUPPLEMENT_TIMELINESS), "supplement_timeliness");
	assert_false(mc_par_metric_from_name("ontime_b", &mt));
	assert_null(mc_par_metric_name(MC_PAR_METRIC_COUNT));
	/* Every metric has words for people (the screens and the text output). */
	for (int m = 0; m < MC_PAR_METRIC_COUNT; m++)
		assert_true(mc_par_metric_label((mc_par_metric)m) && *mc_par_metric_label((mc_par_metric)m));
	assert_null(mc_par_metric_label(MC_PAR_METRIC_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_rubrics),
		cmocka_unit_test(test_band_edges),
		cmocka_unit_test(test_proportional),
		cmocka_unit_test(test_manual_points),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_what_if),
		cmocka_unit_test(test_next_band_in_score),
		cmocka_unit_test(test_total_bands),
		cmocka_unit_test(test_year_range_and_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
