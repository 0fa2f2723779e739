/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PAR scorecard fed by the database (include/motcua/par_store.h): the
 * metrics of a period (the on-time variants, online share, satisfaction and
 * apology coverage come from the report statistics so both always agree),
 * the manually entered criteria (table par_manual, migration 002), the whole
 * scorecard, and the dossiers behind a metric's numerator and denominator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/par_store.h"
#include "motcua/report.h"
#include "motcua/text.h"
#include "motcua/users.h"
#include "store/dossier_internal.h"
#include "store/store_internal.h"

/* [from 00:00, through + 1 00:00) as mc_time bounds. */
static void bounds(mc_date from, mc_date through, mc_time *lo, mc_time *hi)
{
	*lo = mc_time_make(from, 0);
	*hi = mc_time_make(through + 1, 0);
}

static mc_status check_period(mc_date from, mc_date through, mc_err *e)
{
	if (through < from) {
		char a[11], b[11];
		mc_date_format(from, a);
		mc_date_format(through, b);
		return mc_err_set(e, MC_ERR_RANGE, _("the period ends (%s) before it starts (%s)."), b, a);
	}
	return MC_OK;
}

/* Run a one-row query with two time bounds; fills up to 3 integer columns. */
static mc_status count_query(mc_db *db, const char *sql, mc_time lo, mc_time hi, int64_t *c,
                             int ncols, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++)
			c[i] = sqlite3_column_int64(st, i);
		s = MC_OK;
	} else {
		s = mc_db_error(db, rc, e);
	}
	sqlite3_finalize(st);
	return s;
}

static const char SQL_SUPPLEMENT_COUNT[] =
	"SELECT count(*), coalesce(sum(d.supplement_late = 0), 0) FROM dossiers d"
	" WHERE d.id IN (SELECT dossier_id FROM events WHERE kind = 'supplement'"
	" AND dossier_id IS NOT NULL AND at >= ?1 AND at < ?2)";
static const char SQL_RECEIVED_COUNT[] =
	"SELECT count(*), coalesce(sum(digitised), 0), coalesce(sum(paid_online), 0)"
	" FROM dossiers WHERE received_at >= ?1 AND received_at < ?2";
static const char SQL_RETURNED_COUNT[] =
	"SELECT count(*), coalesce(sum(e_result), 0) FROM dossiers"
	" WHERE returned_at >= ?1 AND returned_at < ?2";

static const char SQL_SUPPLEMENT_IDS[] =
	"SELECT DISTINCT dossier_id FROM events WHERE kind = 'supplement'"
	" AND dossier_id IS NOT NULL AND at >= ?1 AND at < ?2 ORDER BY 1";
static const char SQL_RECEIVED_IDS[] =
	"SELECT id FROM dossiers WHERE received_at >= ?1 AND received_at < ?2 ORDER BY id";
static const char SQL_RETURNED_IDS[] =
	"SELECT id FROM dossiers WHERE returned_at >= ?1 AND returned_at < ?2 ORDER BY id";

mc_status mc_par_metrics_load(const mc_ctx *ctx, mc_date from, mc_date through,
                              mc_par_metrics *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	out->from = from;
	out->through = through;
	mc_status s = check_period(from, through, e);
	if (s != MC_OK)
		return s;
	mc_report *rep = NULL;
	if ((s = mc_report_build(ctx, from, through, MC_REPORT_BY_FIELD, &rep, e)) != MC_OK)
		return s;
	const int64_t *n = rep->total.n;
	int64_t good = n[MC_RC_RESOLVED_EARLY] + n[MC_RC_RESOLVED_ON_TIME];
	out->num[MC_PAR_ONTIME_A] = good;
	out->den[MC_PAR_ONTIME_A] = n[MC_RC_RESOLVED_TOTAL];
	out->num[MC_PAR_ONTIME_B] = good;
	out->den[MC_PAR_ONTIME_B] = n[MC_RC_RECEIVED_TOTAL];
	int64_t c_den = n[MC_RC_RESOLVED_TOTAL] + n[MC_RC_PENDING_TOTAL];
	out->den[MC_PAR_ONTIME_C] = c_den;
	out->num[MC_PAR_ONTIME_C] = c_den - n[MC_RC_RESOLVED_LATE] - n[MC_RC_PENDING_OVERDUE];
	out->num[MC_PAR_ONLINE_SHARE] = n[MC_RC_RECEIVED_ONLINE];
	out->den[MC_PAR_ONLINE_SHARE] = n[MC_RC_RECEIVED_ONLINE] + n[MC_RC_RECEIVED_DIRECT_POSTAL];
	out->num[MC_PAR_SATISFACTION] = rep->satisfaction.num;
	out->den[MC_PAR_SATISFACTION] = rep->satisfaction.den;
	out->num[MC_PAR_APOLOGY_COVERAGE] = rep->late_with_apology.num;
	out->den[MC_PAR_APOLOGY_COVERAGE] = rep->late_with_apology.den;
	mc_report_free(rep);

	mc_time lo, hi;
	bounds(from, through, &lo, &hi);
	int64_t c[3] = {0, 0, 0};
	if ((s = count_query(ctx->db, SQL_SUPPLEMENT_COUNT, lo, hi, c, 2, e)) != MC_OK)
		return s;
	out->den[MC_PAR_SUPPLEMENT_TIMELINESS] = c[0];
	out->num[MC_PAR_SUPPLEMENT_TIMELINESS] = c[1];
	if ((s = count_query(ctx->db, SQL_RECEIVED_COUNT, lo, hi, c, 3, e)) != MC_OK)
		return s;
	out->den[MC_PAR_DIGITISED_SHARE] = c[0];
	out->num[MC_PAR_DIGITISED_SHARE] = c[1];
	out->den[MC_PAR_ONLINE_PAYMENT_SHARE] = c[0];
	out->num[MC_PAR_ONLINE_PAYMENT_SHARE] = c[2];
	if ((s = count_query(ctx->db, SQL_RETURNED_COUNT, lo, hi, c, 2, e)) != MC_OK)
		return s;
	out->den[MC_PAR_E_RESULT_SHARE] = c[0];
	out->num[MC_PAR_E_RESULT_SHARE] = c[1];
	return MC_OK;
}

/* ---- manual entries ----------------------------------------------------- */

static const char *actor_of(const mc_ctx *ctx)
{
	return ctx->actor && *ctx->actor ? ctx->actor : "unknown";
}

mc_status mc_par_manual_set(const mc_ctx *ctx, int year, const mc_par_criterion *c,
                            int64_t value, const char *note, mc_err *e)
{
	mc_status rs = mc_ctx_require(ctx, MC_ACT_PAR_ENTRY, e); /* supervisors, administrators */
	if (rs != MC_OK)
		return rs;
	if (c->metric != MC_PAR_MANUAL)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("criterion %s is fed by the metric %s; only manual criteria are entered by hand."),
		                  c->id, mc_par_metric_name(c->metric));
	if (year <= MC_YEAR_MIN || year > MC_YEAR_MAX)
		return mc_err_set(e, MC_ERR_RANGE, _("year %d is out of range (%d to %d)."), year,
		                  MC_YEAR_MIN + 1, MC_YEAR_MAX);
	mc_par_result check;
	mc_status s = mc_par_score_manual(c, true, value, &check, e);
	if (s != MC_OK)
		return s;
	if ((s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	char *nfc = NULL;
	if (note && *note) {
		nfc = mc_text_nfc(note);
		if (!nfc)
			return mc_err_set(e, MC_ERR_INVALID, _("the note is not valid UTF-8 text."));
		if (strlen(nfc) >= MC_PAR_NAME_MAX) {
			free(nfc);
			return mc_err_set(e, MC_ERR_INVALID, _("the note is longer than %d bytes."),
			                  MC_PAR_NAME_MAX - 1);
		}
	}
	mc_db *db = ctx->db;
	if ((s = mc_db_begin_write(db, e)) != MC_OK) {
		free(nfc);
		return s;
	}
	sqlite3_stmt *st;
	s = mc_db_prepare(db,
		"INSERT INTO par_manual (year, criterion, kind, value, note, actor, at, recorded_at,"
		" backdated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (s == MC_OK) {
		sqlite3_bind_int(st, 1, year);
		sqlite3_bind_text(st, 2, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->scoring == MC_PAR_SCORE_POINTS ? "points" : "percent", -1,
		                  SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, value);
		mc_bind_text(st, 5, nfc);
		sqlite3_bind_text(st, 6, actor_of(ctx), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, mc_clock_now(ctx->clock));
		sqlite3_bind_int64(st, 8, mc_clock_real_now());
		sqlite3_bind_int(st, 9, mc_ctx_frozen(ctx) ? 1 : 0);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			s = mc_db_error(db, rc, e);
	}
	free(nfc);
	if (s != MC_OK) {
		mc_db_rollback(db);
		return s;
	}
	return mc_db_commit(db, e);
}

static const char SQL_ENTRY_COLS[] =
	"SELECT id, year, criterion, kind, value, note, actor, at, recorded_at, backdated"
	" FROM par_manual";

static void read_entry(sqlite3_stmt *st, mc_par_entry *out)
{
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	out->year = sqlite3_column_int(st, 1);
	mc_col_text(st, 2, out->criterion, sizeof out->criterion);
	const unsigned char *kind = sqlite3_column_text(st, 3);
	out->percent = kind && strcmp((const char *)kind, "percent") == 0;
	out->value = sqlite3_column_int64(st, 4);
	mc_col_text(st, 5, out->note, sizeof out->note);
	mc_col_text(st, 6, out->actor, sizeof out->actor);
	out->at = mc_col_time(st, 7);
	out->recorded_at = mc_col_time(st, 8);
	out->backdated = sqlite3_column_int(st, 9) != 0;
}

mc_status mc_par_manual_get(const mc_ctx *ctx, int year, const mc_par_criterion *c,
                            mc_par_entry *out, bool *found, mc_err *e)
{
	*found = false;
	char sql[256];
	snprintf(sql, sizeof sql, "%s WHERE year = ?1 AND criterion = ?2 AND kind = ?3"
	         " ORDER BY id DESC LIMIT 1", SQL_ENTRY_COLS);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->scoring == MC_PAR_SCORE_POINTS ? "points" : "percent", -1,
	                  SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_entry(st, out);
		*found = true;
	} else if (rc != SQLITE_DONE) {
		s = mc_db_error(ctx->db, rc, e);
	}
	sqlite3_finalize(st);
	return s;
}

mc_status mc_par_manual_history(const mc_ctx *ctx, int year, const char *criterion,
                                mc_par_entry **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	char sql[256];
	snprintf(sql, sizeof sql, "%s WHERE year = ?1 AND (?2 IS NULL OR criterion = ?2) ORDER BY id",
	         SQL_ENTRY_COLS);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int(st, 1, year);
	mc_bind_text(st, 2, criterion);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			mc_par_entry *p = realloc(*out, cap * sizeof *p);
			if (!p) {
				s = mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
				break;
			}
			*out = p;
		}
		read_entry(st, &(*out)[(*n)++]);
	}
	if (s == MC_OK && rc != SQLITE_DONE)
		s = mc_db_error(ctx->db, rc, e);
	sqlite3_finalize(st);
	if (s != MC_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return s;
}

/* ---- the scorecard ------------------------------------------------------ */

mc_status mc_par_scorecard_compute(const mc_ctx *ctx, const mc_rubric *r, int year,
                                   mc_date through, mc_par_scorecard *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	mc_status s = mc_par_year_range(mc_rubric_period(r), year, &out->from, &out->to, e);
	if (s != MC_OK)
		return s;
	char a[11], b[11], c[11];
	mc_date_format(out->from, a);
	mc_date_format(out->to, b);
	mc_date today = mc_time_date(mc_clock_now(ctx->clock));
	if (through == MC_PAR_THROUGH_AUTO) {
		if (today < out->from)
			return mc_err_set(e, MC_ERR_RANGE,
			                  _("the scorecard year %d has not started yet: it runs from %s to %s."),
			                  year, a, b);
		through = today > out->to ? out->to : today;
	} else if (through < out->from || through > out->to) {
		mc_date_format(through, c);
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("the date %s is outside the scorecard year %d, which runs from %s to %s."),
		                  c, year, a, b);
	}
	out->through = through;

	mc_par_metrics m;
	if ((s = mc_par_metrics_load(ctx, out->from, through, &m, e)) != MC_OK)
		return s;
	size_t n = mc_rubric_count(r);
	out->items = calloc(n ? n : 1, sizeof *out->items);
	if (!out->items)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	out->n = n;
	for (size_t i = 0; i < n && s == MC_OK; i++) {
		const mc_par_criterion *cr = mc_rubric_criterion(r, i);
		mc_par_result *res = &out->items[i];
		if (cr->metric == MC_PAR_MANUAL) {
			mc_par_entry en;
			bool found;
			s = mc_par_manual_get(ctx, year, cr, &en, &found, e);
			if (s == MC_OK)
				s = mc_par_score_manual(cr, found, found ? en.value : 0, res, e);
			if (s == MC_OK && found) {
				snprintf(res->actor, sizeof res->actor, "%s", en.actor);
				snprintf(res->note, sizeof res->note, "%s", en.note);
				res->entered_at = en.at;
			}
		} else {
			s = mc_par_score_ratio(cr, mc_rubric_empty(r), m.num[cr->metric],
			                       m.den[cr->metric], res, e);
		}
	}
	if (s != MC_OK) {
		mc_par_scorecard_free(out);
		return s;
	}
	mc_par_total(r, out);
	return MC_OK;
}

/* ---- the dossiers behind a metric --------------------------------------- */

typedef struct idset {
	int64_t *v;
	size_t n;
} idset;

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The ids of a report column (sorted, from mc_report_ids). */
static mc_status col_ids(const mc_ctx *ctx, mc_date from, mc_date through, mc_report_col col,
                         idset *out, mc_err *e)
{
	out->v = NULL;
	out->n = 0;
	mc_status s = mc_report_ids(ctx, from, through, MC_REPORT_BY_FIELD, NULL, col, &out->v,
	                            &out->n, e);
	if (s == MC_OK && out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_id);
	return s;
}

/* Sorted union of a and b into a new set (a and b are freed). */
static mc_status id_union(idset *a, idset *b, idset *out, mc_err *e)
{
	out->v = malloc((a->n + b->n + 1) * sizeof *out->v);
	out->n = 0;
	if (!out->v) {
		free(a->v);
		free(b->v);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	size_t i = 0, j = 0;
	while (i < a->n || j < b->n) {
		int64_t x;
		if (j >= b->n || (i < a->n && a->v[i] < b->v[j]))
			x = a->v[i++];
		else if (i >= a->n || b->v[j] < a->v[i])
			x = b->v[j++];
		else {
			x = a->v[i++];
			j++;
		}
		if (out->n == 0 || out->v[out->n - 1] != x)
			out->v[out->n++] = x;
	}
	free(a->v);
	free(b->v);
	a->v = b->v = NULL;
	return MC_OK;
}

static mc_status cols_union(const mc_ctx *ctx, mc_date from, mc_date through, mc_report_col c1,
                            mc_report_col c2, idset *out, mc_err *e)
{
	idset a, b;
	mc_status s = col_ids(ctx, from, through, c1, &a, e);
	if (s != MC_OK)
		return s;
	if ((s = col_ids(ctx, from, through, c2, &b, e)) != MC_OK) {
		free(a.v);
		return s;
	}
	return id_union(&a, &b, out, e);
}

static mc_status sql_ids(const mc_ctx *ctx, const char *sql, mc_time lo, mc_time hi, idset *out,
                         mc_err *e)
{
	out->v = NULL;
	out->n = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			int64_t *p = realloc(out->v, cap * sizeof *p);
			if (!p) {
				s = mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
				break;
			}
			out->v = p;
		}
		out->v[out->n++] = sqlite3_column_int64(st, 0);
	}
	if (s == MC_OK && rc != SQLITE_DONE)
		s = mc_db_error(ctx->db, rc, e);
	sqlite3_finalize(st);
	if (s != MC_OK) {
		free(out->v);
		out->v = NULL;
		out->n = 0;
	}
	return s;
}

static bool in_set(const idset *s, int64_t id)
{
	return s->n && bsearch(&id, s->v, s->n, sizeof *s->v, cmp_id) != NULL;
}

/* What decides membership of the numerator. */
typedef enum {
	NUM_IN_SET,      /* id in `num` */
	NUM_NOT_IN_SET,  /* id not in `num` (variant C: `num` holds the failures) */
	NUM_APOLOGY,
	NUM_RATING_OK,
	NUM_SUPPLEMENT_OK,
	NUM_DIGITISED,
	NUM_PAID_ONLINE,
	NUM_E_RESULT,
} num_rule;

typedef struct row_extra {
	int rating;
	bool supplement_late, digitised, paid_online, e_result, apology;
} row_extra;

mc_status mc_par_dossiers(const mc_ctx *ctx, mc_par_metric m, mc_date from, mc_date through,
                          mc_par_row_fn fn, void *arg, int64_t *num_out, int64_t *den_out,
                          mc_err *e)
{
	if (num_out)
		*num_out = 0;
	if (den_out)
		*den_out = 0;
	mc_status s = check_period(from, through, e);
	if (s != MC_OK)
		return s;
	mc_time lo, hi;
	bounds(from, through, &lo, &hi);
	idset den = {0}, num = {0};
	num_rule rule = NUM_IN_SET;
	bool rated_only = false;
	switch (m) {
	case MC_PAR_ONTIME_A:
	case MC_PAR_ONTIME_B:
		s = col_ids(ctx, from, through,
		            m == MC_PAR_ONTIME_A ? MC_RC_RESOLVED_TOTAL : MC_RC_RECEIVED_TOTAL, &den, e);
		if (s == MC_OK)
			s = cols_union(ctx, from, through, MC_RC_RESOLVED_EARLY, MC_RC_RESOLVED_ON_TIME,
			               &num, e);
		break;
	case MC_PAR_ONTIME_C:
		s = cols_union(ctx, from, through, MC_RC_RESOLVED_TOTAL, MC_RC_PENDING_TOTAL, &den, e);
		if (s == MC_OK)
			s = cols_union(ctx, from, through, MC_RC_RESOLVED_LATE, MC_RC_PENDING_OVERDUE, &num,
			               e);
		rule = NUM_NOT_IN_SET;
		break;
	case MC_PAR_APOLOGY_COVERAGE:
		s = cols_union(ctx, from, through, MC_RC_RESOLVED_LATE, MC_RC_PENDING_OVERDUE, &den, e);
		rule = NUM_APOLOGY;
		break;
	case MC_PAR_ONLINE_SHARE:
		s = cols_union(ctx, from, through, MC_RC_RECEIVED_ONLINE, MC_RC_RECEIVED_DIRECT_POSTAL,
		               &den, e);
		if (s == MC_OK)
			s = col_ids(ctx, from, through, MC_RC_RECEIVED_ONLINE, &num, e);
		break;
	case MC_PAR_SATISFACTION:
		s = col_ids(ctx, from, through, MC_RC_RESOLVED_TOTAL, &den, e);
		rule = NUM_RATING_OK;
		rated_only = true;
		break;
	case MC_PAR_SUPPLEMENT_TIMELINESS:
		s = sql_ids(ctx, SQL_SUPPLEMENT_IDS, lo, hi, &den, e);
		rule = NUM_SUPPLEMENT_OK;
		break;
	case MC_PAR_DIGITISED_SHARE:
	case MC_PAR_ONLINE_PAYMENT_SHARE:
		s = sql_ids(ctx, SQL_RECEIVED_IDS, lo, hi, &den, e);
		rule = m == MC_PAR_DIGITISED_SHARE ? NUM_DIGITISED : NUM_PAID_ONLINE;
		break;
	case MC_PAR_E_RESULT_SHARE:
		s = sql_ids(ctx, SQL_RETURNED_IDS, lo, hi, &den, e);
		rule = NUM_E_RESULT;
		break;
	default:
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("a manual criterion has no dossiers behind it; it is entered by hand."));
	}
	sqlite3_stmt *st = NULL;
	if (s == MC_OK)
		s = mc_db_prepare(ctx->db,
			"SELECT d.code, d.received_at, d.original_due_at, d.due_at, d.finished_at,"
			" d.status, d.outcome, d.rating, d.supplement_late, d.digitised, d.paid_online,"
			" d.e_result, EXISTS (SELECT 1 FROM apologies a WHERE a.dossier_id = d.id)"
			" FROM dossiers d WHERE d.id = ?", &st, e);
	int64_t cnum = 0, cden = 0;
	bool go = true;
	for (size_t i = 0; s == MC_OK && i < den.n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, den.v[i]);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			continue; /* vanished: dossiers are never deleted, so not expected */
		if (rc != SQLITE_ROW) {
			s = mc_db_error(ctx->db, rc, e);
			break;
		}
		mc_par_row row;
		memset(&row, 0, sizeof row);
		row.id = den.v[i];
		mc_col_text(st, 0, row.code, sizeof row.code);
		row.received = mc_col_time(st, 1);
		row.original_due = mc_col_time(st, 2);
		row.due = mc_col_time(st, 3);
		row.finished = mc_col_time(st, 4);
		mc_col_text(st, 5, row.status, sizeof row.status);
		mc_col_text(st, 6, row.outcome, sizeof row.outcome);
		row_extra x = {
			.rating = sqlite3_column_int(st, 7),
			.supplement_late = sqlite3_column_int(st, 8) != 0,
			.digitised = sqlite3_column_int(st, 9) != 0,
			.paid_online = sqlite3_column_int(st, 10) != 0,
			.e_result = sqlite3_column_int(st, 11) != 0,
			.apology = sqlite3_column_int(st, 12) != 0,
		};
		if (rated_only && x.rating == 0)
			continue;
		switch (rule) {
		case NUM_IN_SET: row.in_numerator = in_set(&num, row.id); break;
		case NUM_NOT_IN_SET: row.in_numerator = !in_set(&num, row.id); break;
		case NUM_APOLOGY: row.in_numerator = x.apology; break;
		case NUM_RATING_OK: row.in_numerator = x.rating >= 2; break;
		case NUM_SUPPLEMENT_OK: row.in_numerator = !x.supplement_late; break;
		case NUM_DIGITISED: row.in_numerator = x.digitised; break;
		case NUM_PAID_ONLINE: row.in_numerator = x.paid_online; break;
		case NUM_E_RESULT: row.in_numerator = x.e_result; break;
		}
		cden++;
		cnum += row.in_numerator;
		if (go && fn)
			go = fn(arg, &row);
	}
	sqlite3_finalize(st);
	free(den.v);
	free(num.v);
	if (s == MC_OK) {
		if (num_out)
			*num_out = cnum;
		if (den_out)
			*den_out = cden;
	}
	return s;
}
