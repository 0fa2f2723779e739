/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The fast paths of the list queries (step 9) against their definitions, on
 * a real demo database: the at-risk list (judged in memory from the step
 * budgets loaded once) against mc_dossier_remaining_budget() and
 * mc_is_at_risk() applied to every open dossier, at several moments; the
 * name search (word sets intersected in memory; a broad search's first page
 * walked in the list's order) against the folded names of every dossier.
 * Pages are followed to the end with small page sizes, in both orders, so
 * the cursors of both paths are checked too, and each total against the
 * rows listed. The streamed register of a period (read ahead on a second
 * thread) against the listed dossiers and their own events, also closed
 * half-way through.
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
#include "db_test_util.h"
#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/plans.h"
#include "motcua/query.h"
#include "motcua/store.h"
#include "motcua/text.h"

static test_db V;

static int setup(void **state)
{
	(void)state;
	if (test_db_open(&V, "qscale", "test", "2026-11-20 10:00") != 0)
		return -1;
	std_config(&V.cfg);
	return test_db_demo(&V, 6000, 11);
}

static int teardown(void **state)
{
	(void)state;
	return test_db_close(&V);
}

/* Every dossier of q, page after page of `page` rows; returns how many (out malloc'd). */
static size_t list_all(mc_query *q, int page, mc_dossier **out)
{
	mc_err e;
	mc_err_clear(&e);
	size_t n = 0, cap = 0;
	*out = NULL;
	q->limit = page;
	memset(&q->after, 0, sizeof q->after);
	mc_dossier *buf = malloc((size_t)page * sizeof *buf);
	assert_non_null(buf);
	for (int guard = 0; guard < 100000; guard++) {
		size_t k = 0;
		mc_cursor next;
		if (mc_dossier_list(&V.ctx, q, buf, &k, &next, &e) != MC_OK)
			fail_msg("list: %s", e.msg);
		assert_true(k <= (size_t)page);
		if (n + k > cap) {
			cap = (n + k) * 2;
			*out = realloc(*out, cap * sizeof **out);
			assert_non_null(*out);
		}
		if (k)
			memcpy(*out + n, buf, k * sizeof *buf);
		n += k;
		if (!next.set)
			break;
		assert_int_equal(k, page); /* only the last page is short */
		q->after = next;
	}
	free(buf);
	memset(&q->after, 0, sizeof q->after);
	return n;
}

/* Rows in the order of q's sort, strictly. */
static void check_order(const mc_dossier *d, size_t n, mc_sort sort)
{
	for (size_t i = 1; i < n; i++) {
		if (sort == MC_SORT_DUE)
			assert_true(d[i - 1].due < d[i].due ||
			            (d[i - 1].due == d[i].due && d[i - 1].id < d[i].id));
		else
			assert_true(d[i - 1].received > d[i].received ||
			            (d[i - 1].received == d[i].received && d[i - 1].id > d[i].id));
	}
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The ids of d, sorted (malloc'd). */
static int64_t *ids_of(const mc_dossier *d, size_t n)
{
	int64_t *v = malloc((n ? n : 1) * sizeof *v);
	assert_non_null(v);
	for (size_t i = 0; i < n; i++)
		v[i] = d[i].id;
	qsort(v, n, sizeof *v, id_cmp);
	return v;
}

static void check_same(const int64_t *want, size_t nwant, const mc_dossier *got, size_t ngot,
                       const char *what)
{
	if (nwant != ngot)
		fail_msg("%s: %zu dossiers listed, %zu expected", what, ngot, nwant);
	int64_t *g = ids_of(got, ngot);
	for (size_t i = 0; i < ngot; i++)
		if (g[i] != want[i])
			fail_msg("%s: dossier %lld listed, %lld expected", what, (long long)g[i],
			         (long long)want[i]);
	free(g);
}

/* The at-risk ids by the definition, at the clock's moment (sorted; malloc'd). */
static size_t risk_reference(int64_t **out)
{
	mc_err e;
	mc_err_clear(&e);
	mc_query q;
	mc_query_init(&q);
	q.kind = MC_LIST_OPEN;
	mc_dossier *all;
	size_t n = list_all(&q, 500, &all);
	*out = malloc((n ? n : 1) * sizeof **out);
	assert_non_null(*out);
	size_t k = 0;
	mc_time now = mc_clock_now(&V.clock);
	for (size_t i = 0; i < n; i++) {
		if (all[i].status != MC_STATUS_RECEIVED && all[i].status != MC_STATUS_PROCESSING)
			continue; /* waiting for papers: the clock is stopped */
		int64_t budget;
		assert_int_equal(mc_dossier_remaining_budget(&V.ctx, &all[i], &budget, &e), MC_OK);
		if (mc_is_at_risk(V.cal, all[i].due, now, budget))
			(*out)[k++] = all[i].id;
	}
	free(all);
	qsort(*out, k, sizeof **out, id_cmp);
	return k;
}

static void test_at_risk(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	/* Moments before, at and after the demo's clock (working and non-working hours). */
	const char *moments[] = {"2026-11-20 10:00", "2026-11-13 08:00", "2026-11-18 16:45",
	                         "2026-11-21 09:00", "2026-11-23 13:30", "2026-11-26 11:00"};
	size_t seen_risky = 0, seen_budget_only = 0;
	for (size_t m = 0; m < sizeof moments / sizeof moments[0]; m++) {
		assert_int_equal(mc_clock_freeze(&V.clock, moments[m], &e), MC_OK);
		int64_t *want;
		size_t nwant = risk_reference(&want);
		seen_risky += nwant;
		mc_time now = mc_clock_now(&V.clock);
		const mc_sort sorts[2] = {MC_SORT_DUE, MC_SORT_RECEIVED_DESC};
		for (int s = 0; s < 2; s++) {
			mc_query q;
			mc_query_init(&q);
			q.kind = MC_LIST_AT_RISK;
			q.sort = sorts[s];
			mc_dossier *got;
			size_t ngot = list_all(&q, s ? 7 : 50, &got);
			char what[120];
			snprintf(what, sizeof what, "at risk at %s (%s)", moments[m],
			         s ? "newest first" : "by due");
			check_same(want, nwant, got, ngot, what);
			check_order(got, ngot, sorts[s]);
			for (size_t i = 0; s == 0 && i < ngot; i++)
				if (mc_apology_deadline(V.cal, got[i].due) > now &&
				    mc_time_date(mc_apology_deadline(V.cal, got[i].due)) > mc_time_date(now))
					seen_budget_only++; /* at risk by the budgets alone */
			int64_t count = -1;
			assert_int_equal(mc_dossier_count(&V.ctx, &q, &count, &e), MC_OK);
			assert_int_equal(count, (int64_t)nwant);
			free(got);
		}
		free(want);
	}
	/* The moments must have exercised both clauses of the definition. */
	assert_true(seen_risky > 0);
	assert_true(seen_budget_only > 0);
	assert_int_equal(mc_clock_freeze(&V.clock, "2026-11-20 10:00", &e), MC_OK);
}

/* Does every folded word of `fold_search` start a word of `fold_name`? */
static bool name_matches(const char *fold_name, const char *fold_search)
{
	char *copy = strdup(fold_search);
	assert_non_null(copy);
	bool all = true, any = false;
	for (char *w = strtok(copy, " "); w && all; w = strtok(NULL, " ")) {
		any = true;
		size_t len = strlen(w);
		bool found = false;
		for (const char *p = fold_name; *p && !found; p++)
			if ((p == fold_name || p[-1] == ' ') && strncmp(p, w, len) == 0)
				found = true;
		all = found;
	}
	free(copy);
	return all && any;
}

/* Search ids by the definition (names only: none of these texts is a code or an ID). */
static size_t search_reference(const char *text, int64_t **out)
{
	mc_query q;
	mc_query_init(&q);
	mc_dossier *all;
	size_t n = list_all(&q, 1000, &all);
	assert_true(n >= 6000);
	char *fs = mc_text_fold(text);
	assert_non_null(fs);
	*out = malloc(n * sizeof **out);
	assert_non_null(*out);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char *fn = mc_text_fold(all[i].applicant_name);
		assert_non_null(fn);
		if (name_matches(fn, fs))
			(*out)[k++] = all[i].id;
		free(fn);
	}
	free(fs);
	free(all);
	qsort(*out, k, sizeof **out, id_cmp);
	return k;
}

/* The most frequent first word (surname) of the demo's names, folded. */
static void common_words(char *surname, size_t n1, char *full, size_t n2)
{
	mc_query q;
	mc_query_init(&q);
	q.limit = 1;
	mc_dossier d;
	size_t k = 0;
	mc_cursor next;
	mc_err e;
	assert_int_equal(mc_dossier_list(&V.ctx, &q, &d, &k, &next, &e), MC_OK);
	assert_int_equal(k, 1);
	char *fold = mc_text_fold(d.applicant_name);
	assert_non_null(fold);
	snprintf(full, n2, "%s", fold);
	snprintf(surname, n1, "%.*s", (int)strcspn(fold, " "), fold);
	free(fold);
}

static void test_search(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	char surname[64], full[200];
	common_words(surname, sizeof surname, full, sizeof full);
	const char *texts[] = {"nguyen", "Nguyễn Văn", "NGUYEN VAN", "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3",
	                       "thi", "van nguyen", "đ", "tran thi", "le", "xyzzy", surname, full};
	bool walked = false, gathered = false;
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		int64_t *want;
		size_t nwant = search_reference(texts[t], &want);
		const mc_sort sorts[2] = {MC_SORT_RECEIVED_DESC, MC_SORT_DUE};
		for (int s = 0; s < 2; s++) {
			mc_query q;
			mc_query_init(&q);
			q.search = texts[t];
			q.sort = sorts[s];
			/* Which path the first page took: a walk tests the set row by row. */
			mc_sql_log *log;
			assert_int_equal(mc_sql_log_start(V.ctx.db, &log, &e), MC_OK);
			mc_dossier *got;
			size_t ngot = list_all(&q, s ? 13 : 50, &got);
			mc_sql_log_stop(log);
			for (size_t i = 0; i < mc_sql_log_count(log); i++) {
				const char *sql = mc_sql_log_sql(log, i);
				if (strstr(sql, "+d.applicant_id IN"))
					walked = true;
				else if (strstr(sql, "dw.applicant_id IN"))
					gathered = true;
			}
			mc_sql_log_free(log);
			char what[300];
			snprintf(what, sizeof what, "search \"%s\" (%s)", texts[t],
			         s ? "by due" : "newest first");
			check_same(want, nwant, got, ngot, what);
			check_order(got, ngot, sorts[s]);
			int64_t count = -1;
			assert_int_equal(mc_dossier_count(&V.ctx, &q, &count, &e), MC_OK);
			assert_int_equal(count, (int64_t)nwant);
			free(got);
		}
		if (strcmp(texts[t], "nguyen") == 0 || strcmp(texts[t], "thi") == 0)
			assert_true(nwant > 200); /* broad enough to walk */
		if (strcmp(texts[t], "xyzzy") == 0)
			assert_int_equal(nwant, 0);
		free(want);
	}
	assert_true(walked);
	assert_true(gathered);

	/* With another filter: the open dossiers of the search, by due. */
	mc_query q;
	mc_query_init(&q);
	q.kind = MC_LIST_OPEN;
	q.sort = MC_SORT_DUE;
	q.search = "nguyen";
	mc_dossier *open;
	size_t nopen = list_all(&q, 9, &open);
	check_order(open, nopen, MC_SORT_DUE);
	mc_query all;
	mc_query_init(&all);
	all.kind = MC_LIST_OPEN;
	mc_dossier *every;
	size_t nevery = list_all(&all, 500, &every);
	size_t want = 0;
	for (size_t i = 0; i < nevery; i++) {
		char *fn = mc_text_fold(every[i].applicant_name);
		want += name_matches(fn, "nguyen");
		free(fn);
	}
	assert_int_equal(nopen, want);
	assert_true(nopen > 0);
	free(open);
	free(every);
	/* Bad UTF-8: one sentence, no rows. */
	mc_query_init(&q);
	q.search = "\xff\xfe";
	size_t k = 9;
	mc_cursor next;
	mc_dossier d;
	assert_int_equal(mc_dossier_list(&V.ctx, &q, &d, &k, &next, &e), MC_ERR_INVALID);
	assert_int_equal(k, 0);
	assert_true(e.msg[0] != '\0');
}

/* The first transfer to a unit by the definition: the dossier's events in order. */
static void first_transfer(const char *code, mc_time *sent, char *unit, size_t size)
{
	mc_err e;
	mc_event *ev = NULL;
	size_t n = 0;
	assert_int_equal(mc_dossier_events(&V.ctx, code, &ev, &n, &e), MC_OK);
	*sent = MC_TIME_NONE;
	unit[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].kind, "transfer") == 0 && ev[i].to_unit[0]) {
			*sent = ev[i].effective != MC_TIME_NONE ? ev[i].effective : ev[i].at;
			snprintf(unit, size, "%s", ev[i].to_unit);
			break;
		}
	free(ev);
}

static void test_register(void **state)
{
	(void)state;
	mc_err e;
	mc_err_clear(&e);
	mc_time from, to;
	assert_int_equal(mc_time_parse("2026-09-01 00:00", &from, &e), MC_OK);
	assert_int_equal(mc_time_parse("2026-11-01 00:00", &to, &e), MC_OK);
	/* The same dossiers as the list of the period, oldest first. */
	mc_query q;
	mc_query_init(&q);
	q.received_from = from;
	q.received_to = to;
	mc_dossier *want;
	size_t nwant = list_all(&q, 500, &want);
	assert_true(nwant > 500);
	mc_register_cursor *c;
	assert_int_equal(mc_register_open(&V.ctx, from, to, &c, &e), MC_OK);
	size_t n = 0, with_sent = 0;
	for (;;) {
		const mc_register_row *r;
		assert_int_equal(mc_register_next(c, &r, &e), MC_OK);
		if (!r)
			break;
		assert_true(n < nwant);
		const mc_dossier *w = &want[nwant - 1 - n]; /* the list is newest first */
		assert_int_equal(r->d.id, w->id);
		assert_string_equal(r->d.code, w->code);
		assert_string_equal(r->d.applicant_name, w->applicant_name);
		assert_int_equal(r->d.received, w->received);
		assert_int_equal(r->d.finished, w->finished);
		mc_time sent;
		char unit[MC_CODE_MAX];
		first_transfer(w->code, &sent, unit, sizeof unit);
		assert_int_equal(r->sent, sent);
		assert_string_equal(r->sent_unit, unit);
		with_sent += sent != MC_TIME_NONE;
		n++;
	}
	assert_int_equal(n, nwant);
	assert_true(with_sent > 0 && with_sent < n + 1);
	/* Past the end: still the end. */
	const mc_register_row *r;
	assert_int_equal(mc_register_next(c, &r, &e), MC_OK);
	assert_null(r);
	mc_register_close(c);
	mc_register_close(NULL);
	/* Closed half-way (the reader stopped and joined), then the database is usable. */
	for (int k = 0; k < 3; k++) {
		assert_int_equal(mc_register_open(&V.ctx, from, to, &c, &e), MC_OK);
		for (int i = 0; i < k * 100; i++) {
			assert_int_equal(mc_register_next(c, &r, &e), MC_OK);
			assert_non_null(r);
		}
		mc_register_close(c);
	}
	int64_t count = 0;
	assert_int_equal(mc_dossier_count(&V.ctx, &q, &count, &e), MC_OK);
	assert_int_equal(count, (int64_t)nwant);
	free(want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_at_risk),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_register),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
