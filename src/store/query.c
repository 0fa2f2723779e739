/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier lists with keyset paging. The working-time rules (overdue, due
 * soon, apology deadline) live in the deadline engine; since each is
 * monotonic in the due moment, a binary search turns "now" into a due_at
 * threshold that an index range on (status, due_at) can answer.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/query.h"
#include "motcua/text.h"
#include "store/dossier_internal.h"

#define SEARCH_WORDS_MAX 6
#define SPAN (400LL * MC_MIN_PER_DAY)

void mc_query_init(mc_query *q)
{
	memset(q, 0, sizeof *q);
	q->kind = MC_LIST_ALL;
	q->status = -1;
	q->channel = -1;
	q->due_within_days = -1;
	q->received_from = q->received_to = MC_TIME_NONE;
	q->sort = MC_SORT_RECEIVED_DESC;
	q->limit = 50;
}

/* Smallest due not overdue at now: overdue <=> due_at < result. */
static mc_time overdue_threshold(const mc_calendar *cal, mc_time now)
{
	mc_time lo = now - SPAN, hi = now + SPAN; /* overdue(lo) true, overdue(hi) false */
	while (hi - lo > 1) {
		mc_time mid = lo + (hi - lo) / 2;
		if (mc_is_overdue(cal, mid, now))
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

/* Largest due in [from, ...) for which pred holds (pred true then false); from-1 if none. */
static mc_time last_true(const mc_calendar *cal, mc_time from, mc_time now,
                         bool (*pred)(const mc_calendar *, mc_time, mc_time))
{
	if (!pred(cal, from, now))
		return from - 1;
	mc_time lo = from, hi = now + SPAN;
	while (hi - lo > 1) {
		mc_time mid = lo + (hi - lo) / 2;
		if (pred(cal, mid, now))
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static bool apology_due(const mc_calendar *cal, mc_time due, mc_time now)
{
	return mc_apology_deadline(cal, due) <= now;
}

/* Everything needed to bind a built query. */
typedef struct built {
	char sql[4096];
	int nparams;
	struct {
		bool is_text;
		int64_t i;
		const char *s;
	} params[32];
	char *owned[SEARCH_WORDS_MAX + 4];
	int nowned;
} built;

static void add(built *b, const char *sql)
{
	size_t n = strlen(b->sql);
	snprintf(b->sql + n, sizeof b->sql - n, "%s", sql);
}

static int pint(built *b, int64_t v)
{
	b->params[b->nparams].is_text = false;
	b->params[b->nparams].i = v;
	return ++b->nparams;
}

static int ptext(built *b, const char *s)
{
	b->params[b->nparams].is_text = true;
	b->params[b->nparams].s = s;
	return ++b->nparams;
}

static void addf_int(built *b, const char *fmt, int64_t v)
{
	char frag[256];
	snprintf(frag, sizeof frag, fmt, pint(b, v));
	add(b, frag);
}

static void addf_text(built *b, const char *fmt, const char *s)
{
	char frag[256];
	snprintf(frag, sizeof frag, fmt, ptext(b, s));
	add(b, frag);
}

static char *own(built *b, char *s)
{
	if (s && b->nowned < (int)(sizeof b->owned / sizeof b->owned[0]))
		b->owned[b->nowned++] = s;
	else if (s) {
		free(s);
		return NULL;
	}
	return s;
}

static void built_free(built *b)
{
	for (int i = 0; i < b->nowned; i++)
		free(b->owned[i]);
	b->nowned = 0;
}

/* Search: code prefix, ID number, or every folded word a word prefix of the name. */
static mc_status add_search(built *b, const char *search, mc_err *e)
{
	char *fold = own(b, mc_text_fold(search));
	if (!fold)
		return mc_err_set(e, MC_ERR_INVALID, _("the search text is not valid UTF-8."));
	/* Code prefix (codes are upper-case ASCII); glob characters disable this part. */
	char *code = own(b, malloc(strlen(search) + 2));
	if (!code)
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	mc_code_normalise(search, code, strlen(search) + 1);
	bool code_ok = code[0] && !strpbrk(code, "*?[]");
	strcat(code, "*");
	/* ID number: digits only once spaces are removed. */
	char digits[32] = "";
	size_t nd = 0;
	bool only_digits = true;
	for (const char *p = search; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (nd + 1 < sizeof digits)
				digits[nd++] = *p;
		} else if (*p != ' ') {
			only_digits = false;
		}
	}
	digits[nd] = '\0';
	char *id = own(b, strdup(digits));

	/* Words of the folded text, longest first drives the index range. */
	const char *words[SEARCH_WORDS_MAX];
	int nw = 0;
	char *copy = own(b, strdup(fold));
	if (!copy || !id)
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	for (char *tok = strtok(copy, " "); tok && nw < SEARCH_WORDS_MAX; tok = strtok(NULL, " ")) {
		if (!strpbrk(tok, "*?[]"))
			words[nw++] = tok;
	}
	int longest = 0;
	for (int i = 1; i < nw; i++)
		if (strlen(words[i]) > strlen(words[longest]))
			longest = i;

	add(b, " AND d.id IN (");
	bool first = true;
	if (code_ok) {
		addf_text(b, "SELECT id FROM dossiers WHERE code GLOB ?%d", code);
		first = false;
	}
	if (only_digits && (nd == 9 || nd == 12)) {
		if (!first)
			add(b, " UNION ALL ");
		addf_text(b, "SELECT dd.id FROM dossiers dd WHERE dd.applicant_id IN"
		             " (SELECT id FROM applicants WHERE id_number = ?%d)", id);
		first = false;
	}
	if (nw > 0) {
		if (!first)
			add(b, " UNION ALL ");
		char *glob = own(b, malloc(strlen(words[longest]) + 2));
		if (!glob)
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		sprintf(glob, "%s*", words[longest]);
		addf_text(b, "SELECT dw.id FROM dossiers dw WHERE dw.applicant_id IN"
		             " (SELECT aw.applicant_id FROM applicant_words aw JOIN applicants an"
		             " ON an.id = aw.applicant_id WHERE aw.word GLOB ?%d", glob);
		for (int i = 0; i < nw; i++)
			addf_text(b, " AND instr(' ' || an.name_fold, ' ' || ?%d) > 0", words[i]);
		add(b, ")");
		first = false;
	}
	if (first)
		add(b, "SELECT NULL WHERE 0");
	add(b, ")");
	return MC_OK;
}

typedef struct plan {
	mc_time over, soon, apology, risk_bound;
	bool per_row_risk;
} plan;

static mc_status build(const mc_ctx *ctx, const mc_query *q, bool count, built *b, plan *pl,
                       mc_err *e)
{
	memset(b, 0, sizeof *b);
	memset(pl, 0, sizeof *pl);
	mc_time now = mc_ctx_now(ctx);
	const mc_calendar *cal = ctx->cal;
	add(b, count ? "SELECT count(*) FROM dossiers d WHERE 1" : MC_DOSSIER_SELECT " WHERE 1");
	pl->over = overdue_threshold(cal, now);
	switch (q->kind) {
	case MC_LIST_ALL:
		break;
	case MC_LIST_OPEN:
		add(b, " AND d.status IN ('received', 'processing', 'supplement')");
		break;
	case MC_LIST_OVERDUE:
		addf_int(b, " AND d.status IN ('received', 'processing') AND d.due_at < ?%d", pl->over);
		break;
	case MC_LIST_DUE_SOON:
		pl->soon = last_true(cal, pl->over, now, mc_is_due_soon);
		addf_int(b, " AND d.status IN ('received', 'processing') AND d.due_at >= ?%d", pl->over);
		addf_int(b, " AND d.due_at <= ?%d", pl->soon);
		break;
	case MC_LIST_SUPPLEMENT:
		add(b, " AND d.status = 'supplement'");
		break;
	case MC_LIST_READY:
		add(b, " AND d.status = 'ready'");
		break;
	case MC_LIST_APOLOGY:
		pl->apology = last_true(cal, now - SPAN, now, apology_due);
		/* A dossier waiting for papers has its clock stopped: no apology is due. */
		addf_int(b, " AND d.status IN ('received', 'processing') AND d.due_at <= ?%d",
		         pl->apology);
		add(b, " AND NOT EXISTS (SELECT 1 FROM apologies x WHERE x.dossier_id = d.id)");
		break;
	case MC_LIST_AT_RISK: {
		/* Candidates: the apology deadline has come, or the time left may be below the
		 * largest remaining budget of any procedure; checked row by row. */
		pl->apology = last_true(cal, now - SPAN, now, apology_due);
		sqlite3_stmt *st;
		int64_t maxb = 0;
		mc_status s = mc_db_prepare(ctx->db,
			"SELECT coalesce(max(t), 0) FROM (SELECT sum(budget_minutes) AS t FROM"
			" procedure_steps GROUP BY procedure_id, version)", &st, e);
		if (s != MC_OK)
			return s;
		if (sqlite3_step(st) == SQLITE_ROW)
			maxb = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		pl->risk_bound = mc_add_working_minutes(cal, now, maxb);
		if (pl->risk_bound < pl->apology)
			pl->risk_bound = pl->apology;
		pl->per_row_risk = true;
		addf_int(b, " AND d.status IN ('received', 'processing') AND d.due_at <= ?%d",
		         pl->risk_bound);
		break;
	}
	}
	if (q->status >= 0 && q->status < MC_DOSSIER_STATUS_COUNT)
		addf_text(b, " AND d.status = ?%d", mc_dossier_status_name((mc_dossier_status)q->status));
	if (q->channel >= 0 && q->channel < MC_CHANNEL_COUNT)
		addf_text(b, " AND d.channel = ?%d", mc_channel_name((mc_channel)q->channel));
	if (q->unit_code && *q->unit_code) {
		char *u = own(b, malloc(MC_CODE_MAX));
		if (!u)
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		mc_code_normalise(q->unit_code, u, MC_CODE_MAX);
		int64_t uid;
		mc_status s = mc_unit_lookup(ctx, u, &uid, NULL, 0, e);
		if (s != MC_OK)
			return s;
		addf_int(b, " AND d.unit_id = ?%d", uid);
	}
	if (q->field && *q->field)
		addf_text(b, " AND d.field = ?%d", q->field);
	if (q->due_within_days >= 0) {
		mc_date dd = mc_add_working_days(cal, mc_time_date(now), q->due_within_days);
		mc_time lim = mc_time_make(dd, mc_time_minute_of_day(now));
		addf_int(b, " AND d.status IN ('received', 'processing') AND d.due_at >= ?%d", pl->over);
		addf_int(b, " AND d.due_at <= ?%d", lim);
	}
	if (q->received_from != MC_TIME_NONE)
		addf_int(b, " AND d.received_at >= ?%d", q->received_from);
	if (q->received_to != MC_TIME_NONE)
		addf_int(b, " AND d.received_at < ?%d", q->received_to);
	if (q->search && *q->search) {
		mc_status s = add_search(b, q->search, e);
		if (s != MC_OK)
			return s;
	}
	if (count)
		return MC_OK;
	if (q->sort == MC_SORT_DUE) {
		if (q->after.set) {
			int k = pint(b, q->after.key);
			int i = pint(b, q->after.id);
			char frag[96];
			snprintf(frag, sizeof frag, " AND (d.due_at, d.id) > (?%d, ?%d)", k, i);
			add(b, frag);
		}
		add(b, " ORDER BY d.due_at, d.id");
	} else {
		if (q->after.set) {
			int k = pint(b, q->after.key);
			int i = pint(b, q->after.id);
			char frag[96];
			snprintf(frag, sizeof frag, " AND (d.received_at, d.id) < (?%d, ?%d)", k, i);
			add(b, frag);
		}
		add(b, " ORDER BY d.received_at DESC, d.id DESC");
	}
	/* Without per-row checks, one extra row tells whether a next page exists. */
	if (!pl->per_row_risk)
		addf_int(b, " LIMIT ?%d", q->limit + 1);
	return MC_OK;
}

static mc_status prepare_built(const mc_ctx *ctx, built *b, sqlite3_stmt **st, mc_err *e)
{
	mc_status s = mc_db_prepare(ctx->db, b->sql, st, e);
	if (s != MC_OK)
		return s;
	for (int i = 0; i < b->nparams; i++) {
		if (b->params[i].is_text)
			sqlite3_bind_text(*st, i + 1, b->params[i].s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(*st, i + 1, b->params[i].i);
	}
	return MC_OK;
}

static bool row_at_risk(const mc_ctx *ctx, const plan *pl, const mc_dossier *d)
{
	if (d->due <= pl->apology)
		return true;
	int64_t budget = 0;
	if (mc_dossier_remaining_budget(ctx, d, &budget, NULL) != MC_OK)
		return false;
	return mc_is_at_risk(ctx->cal, d->due, mc_ctx_now(ctx), budget);
}

mc_status mc_dossier_list(const mc_ctx *ctx, const mc_query *q, mc_dossier *out, size_t *n,
                          mc_cursor *next, mc_err *e)
{
	*n = 0;
	memset(next, 0, sizeof *next);
	if (q->limit < 1 || q->limit > 1000)
		return mc_err_set(e, MC_ERR_RANGE, _("the page size must be between 1 and 1000, not %d."),
		                  q->limit);
	built b;
	plan pl;
	sqlite3_stmt *st = NULL;
	mc_status s = build(ctx, q, false, &b, &pl, e);
	if (s == MC_OK)
		s = prepare_built(ctx, &b, &st, e);
	if (s != MC_OK) {
		built_free(&b);
		return s;
	}
	/* One read transaction so the page and the per-row checks agree. */
	int rc;
	mc_dossier *extra = malloc(sizeof *extra);
	if (!extra) {
		sqlite3_finalize(st);
		built_free(&b);
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mc_dossier *d = *n < (size_t)q->limit ? &out[*n] : extra;
		mc_dossier_read_row(st, d);
		if (pl.per_row_risk && !row_at_risk(ctx, &pl, d))
			continue;
		if (d == extra) {
			/* There is a next page. */
			mc_dossier *last = &out[*n - 1];
			next->set = true;
			next->key = q->sort == MC_SORT_DUE ? last->due : last->received;
			next->id = last->id;
			break;
		}
		(*n)++;
	}
	free(extra);
	sqlite3_finalize(st);
	built_free(&b);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	return MC_OK;
}

mc_status mc_dossier_count(const mc_ctx *ctx, const mc_query *q, int64_t *count, mc_err *e)
{
	*count = 0;
	built b;
	plan pl;
	sqlite3_stmt *st = NULL;
	if (q->kind == MC_LIST_AT_RISK) {
		/* Row by row: walk the candidates in pages. */
		mc_query qq = *q;
		qq.limit = 200;
		qq.sort = MC_SORT_DUE;
		qq.after.set = false;
		mc_dossier *page = malloc(200 * sizeof *page);
		if (!page)
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		for (;;) {
			size_t n;
			mc_cursor next;
			mc_status s = mc_dossier_list(ctx, &qq, page, &n, &next, e);
			if (s != MC_OK) {
				free(page);
				return s;
			}
			*count += (int64_t)n;
			if (!next.set)
				break;
			qq.after = next;
		}
		free(page);
		return MC_OK;
	}
	mc_status s = build(ctx, q, true, &b, &pl, e);
	if (s == MC_OK)
		s = prepare_built(ctx, &b, &st, e);
	if (s != MC_OK) {
		built_free(&b);
		return s;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	built_free(&b);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}
