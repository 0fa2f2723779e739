/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Period statistics (include/motcua/report.h): one read of the dossiers that
 * matter to a period, classified in C so that the counts and the drill-down
 * lists come from the same rule.
 *
 * The rows read are the union of four disjoint index ranges:
 *   1. received in the period                    (dossiers_received)
 *   2. received before, finished on/after `from` (dossiers_finished)
 *   3. received before, stopped/withdrawn on/after `from`, never finished
 *                                                (dossiers_status_due)
 *   4. received before and still open now        (dossiers_status_due)
 * which is exactly the set "received before the end and neither resolved nor
 * closed before the start".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/report.h"
#include "motcua/text.h"
#include "store/store_internal.h"

static const char *const col_keys[MC_RC_COUNT] = {
#define MC_X_KEY(id, key) key,
    MC_REPORT_COLUMNS(MC_X_KEY)
#undef MC_X_KEY
};

static const char *const col_labels[MC_RC_COUNT] = {
    N_("Total"),     N_("Online"),      N_("In person, postal"), N_("From the previous period"),
    N_("Total"),     N_("Early"),       N_("On time"),           N_("Late"),
    N_("Total"),     N_("Within time"), N_("Overdue"),           N_("Stopped, withdrawn"),
};

const char *mc_report_col_key(mc_report_col c)
{
	return (unsigned)c < MC_RC_COUNT ? col_keys[c] : "";
}

const char *mc_report_col_label(mc_report_col c)
{
	return (unsigned)c < MC_RC_COUNT ? _(col_labels[c]) : "";
}

double mc_rate_round(const mc_rate *r)
{
	return r->valid ? floor(r->value * 10.0 + 0.5) / 10.0 : 0.0;
}

#define COLS "d.id, d.field, d.procedure_code, d.procedure_name, d.channel, d.received_at, " \
             "d.finished_at, d.outcome, d.closed_at, d.original_due_at, d.rating, " \
             "EXISTS (SELECT 1 FROM apologies a WHERE a.dossier_id = d.id) "

static const char scan_sql[] =
    "SELECT " COLS "FROM dossiers d WHERE d.received_at >= ?1 AND d.received_at < ?2 "
    "UNION ALL "
    "SELECT " COLS "FROM dossiers d WHERE d.finished_at >= ?1 AND +d.received_at < ?1 "
    "UNION ALL "
    "SELECT " COLS "FROM dossiers d WHERE d.status IN ('stopped', 'withdrawn') "
    "AND d.finished_at IS NULL AND d.closed_at >= ?1 AND +d.received_at < ?1 "
    "UNION ALL "
    "SELECT " COLS "FROM dossiers d WHERE d.status IN ('received', 'processing', 'supplement') "
    "AND d.finished_at IS NULL AND d.closed_at IS NULL AND +d.received_at < ?1";

/* One dossier as read, and the cells it counts in. */
typedef struct scan_row {
	int64_t id;
	const char *field, *proc_code, *proc_name; /* valid during the callback */
	bool cells[MC_RC_COUNT];
	int rating;        /* 0 = none; only for resolved rows */
	bool late_any;     /* resolved late or pending overdue */
	bool apology;
} scan_row;

typedef mc_status (*scan_fn)(void *arg, const scan_row *r, mc_err *e);

static mc_outcome outcome_of(const char *s)
{
	if (!s)
		return MC_OUTCOME_NONE;
	if (strcmp(s, "early") == 0)
		return MC_OUTCOME_EARLY;
	if (strcmp(s, "on_time") == 0)
		return MC_OUTCOME_ON_TIME;
	if (strcmp(s, "late") == 0)
		return MC_OUTCOME_LATE;
	return MC_OUTCOME_NONE;
}

/* The moment pending dossiers are judged at (see report.h). */
static mc_time judgement_moment(const mc_ctx *ctx, mc_time end)
{
	mc_time now = mc_clock_now(ctx->clock);
	if (now >= end)
		return end;
	if (ctx->cfg && ctx->cfg->judge_by == MC_JUDGE_BY_MINUTE)
		return now;
	return mc_time_make(mc_time_date(now), 0);
}

static mc_status scan(const mc_ctx *ctx, mc_date from, mc_date to, mc_time *judged, scan_fn fn,
                      void *arg, mc_err *e)
{
	if (to < from)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("the period ends before it starts."));
	mc_time start = mc_time_make(from, 0);
	mc_time end = mc_time_make(to + 1, 0);
	mc_time cut = judgement_moment(ctx, end);
	if (judged)
		*judged = cut;
	/* One read transaction; or the caller's, when it holds one (the export
	 * reads its table and its lists in the same state, mc_db_read_pair). */
	bool own = sqlite3_get_autocommit(mc_db_handle(ctx->db)) != 0;
	mc_status st = own ? mc_db_begin_read(ctx->db, e) : MC_OK;
	if (st != MC_OK)
		return st;
	sqlite3_stmt *q;
	st = mc_db_prepare(ctx->db, scan_sql, &q, e);
	if (st != MC_OK) {
		if (own)
			mc_db_rollback(ctx->db);
		return st;
	}
	sqlite3_bind_int64(q, 1, start);
	sqlite3_bind_int64(q, 2, end);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		scan_row r;
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(q, 0);
		r.field = (const char *)sqlite3_column_text(q, 1);
		r.proc_code = (const char *)sqlite3_column_text(q, 2);
		r.proc_name = (const char *)sqlite3_column_text(q, 3);
		const char *channel = (const char *)sqlite3_column_text(q, 4);
		mc_time received = sqlite3_column_int64(q, 5);
		bool finished_null = sqlite3_column_type(q, 6) == SQLITE_NULL;
		mc_time finished = sqlite3_column_int64(q, 6);
		mc_outcome outcome = outcome_of((const char *)sqlite3_column_text(q, 7));
		bool closed_null = sqlite3_column_type(q, 8) == SQLITE_NULL;
		mc_time closed = sqlite3_column_int64(q, 8);
		mc_time original_due = sqlite3_column_int64(q, 9);
		int rating = sqlite3_column_type(q, 10) == SQLITE_NULL ? 0 : sqlite3_column_int(q, 10);
		r.apology = sqlite3_column_int(q, 11) != 0;
		if (!r.field)
			r.field = "";
		if (!r.proc_code)
			r.proc_code = "";
		if (!r.proc_name)
			r.proc_name = "";

		if (received >= start) {
			if (channel && strcmp(channel, "online") == 0)
				r.cells[MC_RC_RECEIVED_ONLINE] = true;
			else
				r.cells[MC_RC_RECEIVED_DIRECT_POSTAL] = true;
		} else {
			r.cells[MC_RC_CARRIED_OVER] = true;
		}
		r.cells[MC_RC_RECEIVED_TOTAL] = true;

		if (!finished_null && finished >= start && finished < end) {
			r.cells[MC_RC_RESOLVED_TOTAL] = true;
			if (outcome == MC_OUTCOME_NONE) /* not stored: judge by date */
				outcome = mc_time_date(finished) < mc_time_date(original_due)
				              ? MC_OUTCOME_EARLY
				          : mc_time_date(finished) == mc_time_date(original_due)
				              ? MC_OUTCOME_ON_TIME
				              : MC_OUTCOME_LATE;
			if (outcome == MC_OUTCOME_EARLY)
				r.cells[MC_RC_RESOLVED_EARLY] = true;
			else if (outcome == MC_OUTCOME_LATE)
				r.cells[MC_RC_RESOLVED_LATE] = r.late_any = true;
			else
				r.cells[MC_RC_RESOLVED_ON_TIME] = true;
			r.rating = rating;
		} else if (!closed_null && closed >= start && closed < end) {
			r.cells[MC_RC_STOPPED_WITHDRAWN] = true;
		} else {
			r.cells[MC_RC_PENDING_TOTAL] = true;
			if (original_due < cut)
				r.cells[MC_RC_PENDING_OVERDUE] = r.late_any = true;
			else
				r.cells[MC_RC_PENDING_WITHIN] = true;
		}
		st = fn(arg, &r, e);
		if (st != MC_OK)
			break;
	}
	if (st == MC_OK && rc != SQLITE_DONE)
		st = mc_db_error(ctx->db, rc, e);
	sqlite3_finalize(q);
	if (own)
		mc_db_rollback(ctx->db);
	return st;
}

/* ---- the table ---------------------------------------------------------- */

typedef struct group {
	mc_report_row row;
	char *sort_key;
} group;

typedef struct builder {
	mc_report *rep;
	group *groups;
	size_t n, cap;
	size_t *slots; /* open-addressing hash: index + 1, 0 = empty */
	size_t nslots;
	int64_t rated, satisfied, late_all, late_apology;
} builder;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static const char *group_key(const builder *b, const mc_report_row *row)
{
	return b->rep->by == MC_REPORT_BY_PROCEDURE ? row->procedure_code : row->field;
}

static mc_status rehash(builder *b, mc_err *e)
{
	size_t nslots = b->nslots ? b->nslots * 2 : 256;
	size_t *slots = calloc(nslots, sizeof *slots);
	if (!slots)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	for (size_t i = 0; i < b->n; i++) {
		size_t k = hash_str(group_key(b, &b->groups[i].row)) & (nslots - 1);
		while (slots[k])
			k = (k + 1) & (nslots - 1);
		slots[k] = i + 1;
	}
	free(b->slots);
	b->slots = slots;
	b->nslots = nslots;
	return MC_OK;
}

static char *dup(const char *s)
{
	size_t len = strlen(s);
	char *d = malloc(len + 1);
	if (d)
		memcpy(d, s, len + 1);
	return d;
}

static mc_status find_group(builder *b, const scan_row *r, group **out, mc_err *e)
{
	const char *key = b->rep->by == MC_REPORT_BY_PROCEDURE ? r->proc_code : r->field;
	if (b->n * 2 >= b->nslots) {
		mc_status st = rehash(b, e);
		if (st != MC_OK)
			return st;
	}
	size_t k = hash_str(key) & (b->nslots - 1);
	while (b->slots[k]) {
		group *g = &b->groups[b->slots[k] - 1];
		if (strcmp(group_key(b, &g->row), key) == 0) {
			*out = g;
			return MC_OK;
		}
		k = (k + 1) & (b->nslots - 1);
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		group *g = realloc(b->groups, cap * sizeof *g);
		if (!g)
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		b->groups = g;
		b->cap = cap;
	}
	group *g = &b->groups[b->n];
	memset(g, 0, sizeof *g);
	g->row.field = dup(r->field);
	if (b->rep->by == MC_REPORT_BY_PROCEDURE) {
		g->row.procedure_code = dup(r->proc_code);
		g->row.procedure_name = dup(r->proc_name);
	}
	char *fold = mc_text_fold(r->field);
	size_t flen = fold ? strlen(fold) : 0;
	size_t clen = strlen(r->proc_code);
	g->sort_key = malloc(flen + clen + 2);
	if (g->sort_key) {
		if (fold)
			memcpy(g->sort_key, fold, flen);
		g->sort_key[flen] = '\x01';
		memcpy(g->sort_key + flen + 1, r->proc_code, clen + 1);
	}
	free(fold);
	b->n++;
	if (!g->row.field || !g->sort_key ||
	    (b->rep->by == MC_REPORT_BY_PROCEDURE && (!g->row.procedure_code || !g->row.procedure_name)))
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	b->slots[k] = b->n;
	*out = g;
	return MC_OK;
}

static mc_status add_row(void *arg, const scan_row *r, mc_err *e)
{
	builder *b = arg;
	group *g = NULL;
	mc_status st = find_group(b, r, &g, e);
	if (st != MC_OK)
		return st;
	for (int c = 0; c < MC_RC_COUNT; c++)
		if (r->cells[c]) {
			g->row.n[c]++;
			b->rep->total.n[c]++;
		}
	if (r->cells[MC_RC_RESOLVED_TOTAL] && r->rating > 0) {
		b->rated++;
		b->satisfied += r->rating >= 2;
	}
	if (r->late_any) {
		b->late_all++;
		b->late_apology += r->apology;
	}
	return MC_OK;
}

static int cmp_group(const void *a, const void *b)
{
	const group *x = a, *y = b;
	return strcmp(x->sort_key, y->sort_key);
}

static mc_rate rate(int64_t num, int64_t den)
{
	mc_rate r = {den > 0, den > 0 ? (double)num * 100.0 / (double)den : 0.0, num, den};
	return r;
}

static void row_free(mc_report_row *r)
{
	free(r->field);
	free(r->procedure_code);
	free(r->procedure_name);
}

void mc_report_free(mc_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_rows; i++)
		row_free(&r->rows[i]);
	free(r->rows);
	row_free(&r->total);
	free(r);
}

mc_status mc_report_build(const mc_ctx *ctx, mc_date from, mc_date to, mc_report_by by,
                          mc_report **out, mc_err *e)
{
	*out = NULL;
	mc_report *rep = calloc(1, sizeof *rep);
	if (!rep)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	rep->from = from;
	rep->to = to;
	rep->by = by;
	rep->total.field = dup("");
	builder b = {.rep = rep};
	mc_status st = rep->total.field ? MC_OK : mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	if (st == MC_OK)
		st = scan(ctx, from, to, &rep->judged_at, add_row, &b, e);
	if (b.n)
		qsort(b.groups, b.n, sizeof *b.groups, cmp_group);
	free(b.slots);
	if (b.n) {
		rep->rows = malloc(b.n * sizeof *rep->rows);
		if (rep->rows) {
			for (size_t i = 0; i < b.n; i++)
				rep->rows[i] = b.groups[i].row;
			rep->n_rows = b.n;
		} else {
			for (size_t i = 0; i < b.n; i++)
				row_free(&b.groups[i].row);
			if (st == MC_OK)
				st = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		}
		for (size_t i = 0; i < b.n; i++)
			free(b.groups[i].sort_key);
	}
	free(b.groups);
	if (st != MC_OK) {
		mc_report_free(rep);
		return st;
	}
	const int64_t *t = rep->total.n;
	int64_t good = t[MC_RC_RESOLVED_EARLY] + t[MC_RC_RESOLVED_ON_TIME];
	rep->rate_a = rate(good, t[MC_RC_RESOLVED_TOTAL]);
	rep->rate_b = rate(good, t[MC_RC_RECEIVED_TOTAL]);
	rep->rate_c = rate(good + t[MC_RC_PENDING_WITHIN],
	                   t[MC_RC_RESOLVED_TOTAL] + t[MC_RC_PENDING_TOTAL]);
	rep->satisfaction = rate(b.satisfied, b.rated);
	rep->online_share = rate(t[MC_RC_RECEIVED_ONLINE],
	                         t[MC_RC_RECEIVED_ONLINE] + t[MC_RC_RECEIVED_DIRECT_POSTAL]);
	rep->late_with_apology = rate(b.late_apology, b.late_all);
	*out = rep;
	return MC_OK;
}

/* ---- drill-down --------------------------------------------------------- */

typedef struct collector {
	mc_report_by by;
	const char *group;
	mc_report_col col;
	int64_t *ids;
	size_t n, cap;
} collector;

static mc_status collect(void *arg, const scan_row *r, mc_err *e)
{
	collector *c = arg;
	if (!r->cells[c->col])
		return MC_OK;
	if (c->group &&
	    strcmp(c->by == MC_REPORT_BY_PROCEDURE ? r->proc_code : r->field, c->group) != 0)
		return MC_OK;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		int64_t *ids = realloc(c->ids, cap * sizeof *ids);
		if (!ids)
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		c->ids = ids;
		c->cap = cap;
	}
	c->ids[c->n++] = r->id;
	return MC_OK;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

mc_status mc_report_ids(const mc_ctx *ctx, mc_date from, mc_date to, mc_report_by by,
                        const char *group, mc_report_col col, int64_t **ids, size_t *n,
                        mc_err *e)
{
	*ids = NULL;
	*n = 0;
	if ((unsigned)col >= MC_RC_COUNT)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("unknown report column."));
	collector c = {.by = by, .group = group, .col = col};
	mc_status st = scan(ctx, from, to, NULL, collect, &c, e);
	if (st != MC_OK) {
		free(c.ids);
		return st;
	}
	if (c.n)
		qsort(c.ids, c.n, sizeof *c.ids, cmp_id);
	*ids = c.ids;
	*n = c.n;
	return MC_OK;
}
