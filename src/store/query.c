/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier lists with keyset paging. The working-time rules (overdue, due
 * soon, apology deadline) live in the deadline engine; since each is
 * monotonic in the due moment, a binary search turns "now" into a due_at
 * threshold that an index range on (status, due_at) can answer.
 */
#include <ctype.h>
#include <pthread.h>
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

typedef struct plan {
	mc_time over, soon, apology, risk_bound;
} plan;

/* What a built statement selects. */
typedef enum {
	SEL_ROWS,  /* whole dossier rows, ordered, one page (plus one) */
	SEL_COUNT, /* count(*) */
	SEL_RISK   /* the few columns the at-risk test needs, unordered, every candidate */
} sel_mode;

/*
 * Search by name. Each folded word must be a word prefix of the folded name;
 * applicant_words holds every word of every name (split on spaces, as the
 * name is), so the applicants that match are the intersection, over the
 * words, of the applicants having a word in the word's index range. The
 * ranges are read in the order of their sizes (each counted first, capped:
 * a few ms), the rarest first; a small set is checked against a big range
 * one applicant at a time. The set (sorted ids) is handed to SQL as a JSON
 * array. The first page of a broad search (many matches, e.g. "nguyen van")
 * walks the list in its order and keeps the matching rows, stopping after
 * the page; a narrow one gathers its matches and sorts them. Totals are
 * exact.
 */
#define WORD_COUNT_CAP 20000
/* A gathered row costs about this many walked rows (measured at 1,000,000 dossiers). */
#define WALK_GAIN 5.0

/* Number of word entries starting like glob ("word*"), at most WORD_COUNT_CAP. */
static mc_status word_count(const mc_ctx *ctx, const char *glob, int64_t *n, mc_err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT count(*) FROM (SELECT 1 FROM applicant_words WHERE word GLOB ?1 LIMIT ?2)", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, glob, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, WORD_COUNT_CAP);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

/* A sorted set of applicant ids. */
typedef struct idset {
	int64_t *v;
	size_t n, cap;
} idset;

static bool idset_push(idset *s, int64_t id)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;
		int64_t *v = realloc(s->v, cap * sizeof *v);
		if (!v)
			return false;
		s->v = v;
		s->cap = cap;
	}
	s->v[s->n++] = id;
	return true;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The applicants having a word in glob's range, sorted, each once. */
static mc_status word_ids(const mc_ctx *ctx, const char *glob, idset *out, mc_err *e)
{
	sqlite3_stmt *st;
	out->n = 0;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT applicant_id FROM applicant_words WHERE word GLOB ?1", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, glob, -1, SQLITE_STATIC);
	bool sorted = true;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (out->n && id < out->v[out->n - 1])
			sorted = false; /* the range spans several words */
		if (!idset_push(out, id)) {
			sqlite3_finalize(st);
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mc_db_error(ctx->db, rc, e);
	if (!sorted)
		qsort(out->v, out->n, sizeof *out->v, id_cmp);
	size_t k = 0;
	for (size_t i = 0; i < out->n; i++)
		if (k == 0 || out->v[i] != out->v[k - 1])
			out->v[k++] = out->v[i];
	out->n = k;
	return MC_OK;
}

/* Keep in cur the applicants that also have a word in glob's range, one look-up each. */
static mc_status filter_ids(const mc_ctx *ctx, const char *glob, idset *cur, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT 1 FROM applicant_words WHERE applicant_id = ?1 AND word GLOB ?2 LIMIT 1", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 2, glob, -1, SQLITE_STATIC);
	size_t k = 0;
	for (size_t i = 0; i < cur->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cur->v[i]);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			cur->v[k++] = cur->v[i];
		else if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return mc_db_error(ctx->db, rc, e);
		}
	}
	sqlite3_finalize(st);
	cur->n = k;
	return MC_OK;
}

/* cur = cur ∩ other (both sorted). */
static void intersect_ids(idset *cur, const idset *other)
{
	size_t i = 0, j = 0, k = 0;
	while (i < cur->n && j < other->n) {
		if (cur->v[i] < other->v[j])
			i++;
		else if (cur->v[i] > other->v[j])
			j++;
		else {
			cur->v[k++] = cur->v[i++];
			j++;
		}
	}
	cur->n = k;
}

/* The applicants whose folded name has every word as a word prefix (globs "word*"). */
static mc_status name_ids(const mc_ctx *ctx, char **globs, int nw, idset *out, mc_err *e)
{
	int64_t counts[SEARCH_WORDS_MAX];
	int order[SEARCH_WORDS_MAX];
	for (int i = 0; i < nw; i++) {
		mc_status s = word_count(ctx, globs[i], &counts[i], e);
		if (s != MC_OK)
			return s;
		/* Insertion into the order of sizes. */
		int j = i;
		while (j > 0 && counts[order[j - 1]] > counts[i]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	mc_status s = word_ids(ctx, globs[order[0]], out, e);
	idset other = {NULL, 0, 0};
	for (int k = 1; s == MC_OK && k < nw && out->n > 0; k++) {
		const char *g = globs[order[k]];
		/* Look-ups (about 16 entries read each) or the whole range; a capped count
		 * only makes the choice lean to reading the range. */
		if ((int64_t)out->n * 16 < counts[order[k]])
			s = filter_ids(ctx, g, out, e);
		else if ((s = word_ids(ctx, g, &other, e)) == MC_OK)
			intersect_ids(out, &other);
	}
	free(other.v);
	return s;
}

/* The set as a JSON array of numbers (malloc'd), for json_each(). */
static char *ids_json(const idset *ids)
{
	size_t size = ids->n * 21 + 3, used = 0;
	char *j = malloc(size);
	if (!j)
		return NULL;
	j[used++] = '[';
	for (size_t i = 0; i < ids->n; i++)
		used += (size_t)snprintf(j + used, size - used, i ? ",%lld" : "%lld", (long long)ids->v[i]);
	j[used++] = ']';
	j[used] = '\0';
	return j;
}

/* Largest applicant id: about the number of applicants, read from the end of the table. */
static int64_t applicants_size(const mc_ctx *ctx)
{
	sqlite3_stmt *st;
	int64_t n = 0;
	if (mc_db_prepare(ctx->db, "SELECT max(id) FROM applicants", &st, NULL) != MC_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Search: code prefix, ID number, or every folded word a word prefix of the name. */
static mc_status add_search(const mc_ctx *ctx, built *b, const char *search, sel_mode mode,
                            int limit, mc_err *e)
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
	bool id_ok = only_digits && (nd == 9 || nd == 12);

	/* Words of the folded text. */
	const char *words[SEARCH_WORDS_MAX];
	int nw = 0;
	char *copy = own(b, strdup(fold));
	if (!copy || !id)
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	for (char *tok = strtok(copy, " "); tok && nw < SEARCH_WORDS_MAX; tok = strtok(NULL, " ")) {
		if (!strpbrk(tok, "*?[]"))
			words[nw++] = tok;
	}

	/* The applicants whose name matches. */
	idset ids = {NULL, 0, 0};
	char *json = NULL;
	if (nw > 0) {
		char *globs[SEARCH_WORDS_MAX];
		int ng = 0;
		mc_status s = MC_OK;
		for (int i = 0; i < nw; i++) {
			globs[i] = malloc(strlen(words[i]) + 2);
			if (!globs[i]) {
				s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
				break;
			}
			sprintf(globs[i], "%s*", words[i]);
			ng++;
		}
		if (s == MC_OK)
			s = name_ids(ctx, globs, nw, &ids, e);
		for (int i = 0; i < ng; i++)
			free(globs[i]);
		if (s == MC_OK && !(json = own(b, ids_json(&ids))))
			s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		if (s != MC_OK) {
			free(ids.v);
			return s;
		}
	}
	/*
	 * The first page of a broad search walks the list in its order: with m
	 * of about napp applicants matching it reads about (limit + 1) * napp / m
	 * rows, against the matches' rows (about m, each about WALK_GAIN times
	 * dearer: joined, then sorted) to gather and sort.
	 */
	bool walk = false;
	if (mode == SEL_ROWS && json) {
		double m = (double)ids.n, napp = (double)applicants_size(ctx);
		walk = WALK_GAIN * m * m > (double)(limit + 1) * napp && m >= 2.0 * (limit + 1);
	}
	free(ids.v);
	if (walk || mode != SEL_ROWS) {
		/*
		 * One OR of the three tests: for a count or the at-risk candidates
		 * each term runs on its index (MULTI-INDEX OR, no row read for a
		 * count); for a walk a unary + keeps the set from driving, so each
		 * row of the list's order is tested until the page is full.
		 */
		add(b, " AND (");
		if (json)
			addf_text(b, walk ? "+d.applicant_id IN (SELECT value FROM json_each(?%d))"
			                  : "d.applicant_id IN (SELECT value FROM json_each(?%d))", json);
		else
			add(b, "0");
		if (code_ok)
			addf_text(b, " OR d.code GLOB ?%d", code);
		if (id_ok)
			addf_text(b, " OR d.applicant_id IN (SELECT id FROM applicants WHERE id_number = ?%d)",
			          id);
		add(b, ")");
		return MC_OK;
	}
	/* The matching rows gathered by their indexes (code, applicant). */
	add(b, " AND d.id IN (SELECT NULL WHERE 0");
	if (code_ok)
		addf_text(b, " UNION ALL SELECT id FROM dossiers WHERE code GLOB ?%d", code);
	if (id_ok)
		addf_text(b, " UNION ALL SELECT dd.id FROM dossiers dd WHERE dd.applicant_id IN"
		             " (SELECT id FROM applicants WHERE id_number = ?%d)", id);
	if (json)
		addf_text(b, " UNION ALL SELECT dw.id FROM dossiers dw WHERE dw.applicant_id IN"
		             " (SELECT value FROM json_each(?%d))", json);
	add(b, ")");
	return MC_OK;
}

/* Columns of SEL_RISK, in this order. */
#define RISK_SELECT \
	"SELECT d.id, d.due_at, d.received_at, d.procedure_id, d.procedure_version, d.step_seq," \
	" d.unit_id, d.stage_started_at FROM dossiers d"

/* The apology deadline's date has come (the first clause of mc_is_at_risk). */
static bool apology_day_come(const mc_calendar *cal, mc_time due, mc_time now)
{
	mc_time ap = mc_apology_deadline(cal, due);
	return ap != MC_TIME_NONE && mc_time_date(now) >= mc_time_date(ap);
}

static mc_status build(const mc_ctx *ctx, const mc_query *q, sel_mode mode, built *b, plan *pl,
                       mc_err *e)
{
	memset(b, 0, sizeof *b);
	memset(pl, 0, sizeof *pl);
	mc_time now = mc_ctx_now(ctx);
	const mc_calendar *cal = ctx->cal;
	bool count = mode == SEL_COUNT;
	add(b, count ? "SELECT count(*) FROM dossiers d WHERE 1"
	    : mode == SEL_RISK ? RISK_SELECT " WHERE 1" : MC_DOSSIER_SELECT " WHERE 1");
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
		/*
		 * Candidates: the apology deadline's day has come, or the working time
		 * left may be below the largest remaining budget of any procedure
		 * version; each is then judged in memory (risk_judge).
		 */
		pl->apology = last_true(cal, now - SPAN, now, apology_day_come);
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
		if (pl->risk_bound == MC_TIME_NONE || pl->risk_bound < pl->apology)
			pl->risk_bound = pl->apology;
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
		mc_status s = add_search(ctx, b, q->search, mode, q->limit, e);
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
		if (mode == SEL_ROWS)
			add(b, " ORDER BY d.due_at, d.id");
	} else {
		if (q->after.set) {
			int k = pint(b, q->after.key);
			int i = pint(b, q->after.id);
			char frag[96];
			snprintf(frag, sizeof frag, " AND (d.received_at, d.id) < (?%d, ?%d)", k, i);
			add(b, frag);
		}
		if (mode == SEL_ROWS)
			add(b, " ORDER BY d.received_at DESC, d.id DESC");
	}
	/* One extra row tells whether a next page exists. */
	if (mode == SEL_ROWS)
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

/* ---- at risk: judged in memory ----------------------------------------- */

/* One procedure step: its budget and the budgets of the steps after it. */
typedef struct risk_step {
	int64_t procedure_id;
	int64_t version, seq;
	int64_t unit_id; /* the step's unit, -1 when no unit has its code */
	int64_t budget, after;
} risk_step;

/* Every step of every procedure version, ordered by (procedure, version, seq). */
typedef struct risk_steps {
	risk_step *v;
	size_t n;
} risk_steps;

static mc_status risk_load(const mc_ctx *ctx, risk_steps *rs, mc_err *e)
{
	rs->v = NULL;
	rs->n = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT ps.procedure_id, ps.version, ps.seq, ps.budget_minutes, coalesce(u.id, -1)"
		" FROM procedure_steps ps LEFT JOIN units u ON u.code = ps.unit_code"
		" ORDER BY ps.procedure_id, ps.version, ps.seq", &st, e);
	if (s != MC_OK)
		return s;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rs->n == cap) {
			cap = cap ? cap * 2 : 256;
			risk_step *v = realloc(rs->v, cap * sizeof *v);
			if (!v) {
				sqlite3_finalize(st);
				free(rs->v);
				rs->v = NULL;
				return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
			}
			rs->v = v;
		}
		risk_step *r = &rs->v[rs->n++];
		r->procedure_id = sqlite3_column_int64(st, 0);
		r->version = sqlite3_column_int64(st, 1);
		r->seq = sqlite3_column_int64(st, 2);
		r->budget = sqlite3_column_int64(st, 3);
		r->unit_id = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(rs->v);
		rs->v = NULL;
		rs->n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	/* Budgets of the later steps of the same version, from the last step back. */
	for (size_t i = rs->n; i-- > 0;) {
		risk_step *r = &rs->v[i];
		r->after = 0;
		if (i + 1 < rs->n && rs->v[i + 1].procedure_id == r->procedure_id &&
		    rs->v[i + 1].version == r->version)
			r->after = rs->v[i + 1].after + rs->v[i + 1].budget;
	}
	return MC_OK;
}

/* (procedure, version, seq) ordering of a step against a key. */
static int risk_cmp(const risk_step *r, int64_t proc, int64_t ver, int64_t seq)
{
	if (r->procedure_id != proc)
		return r->procedure_id < proc ? -1 : 1;
	if (r->version != ver)
		return r->version < ver ? -1 : 1;
	if (r->seq != seq)
		return r->seq < seq ? -1 : 1;
	return 0;
}

/* The candidate row of a SEL_RISK statement. */
typedef struct risk_row {
	int64_t id;
	mc_time due, received;
	int64_t procedure_id, version, step_seq, unit_id;
	mc_time stage_started;
} risk_row;

static void risk_read(sqlite3_stmt *st, risk_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->due = mc_col_time(st, 1);
	r->received = mc_col_time(st, 2);
	r->procedure_id = sqlite3_column_int64(st, 3);
	r->version = sqlite3_column_int64(st, 4);
	r->step_seq = sqlite3_column_int64(st, 5);
	r->unit_id = sqlite3_column_int64(st, 6);
	r->stage_started = mc_col_time(st, 7);
}

/*
 * The working minutes the remaining steps need, as mc_dossier_remaining_budget()
 * computes them: the budgets of the steps after the current one, plus what is
 * left of the current step's budget when the dossier is at that step's unit.
 */
static int64_t risk_remaining(const risk_steps *rs, const mc_ctx *ctx, const risk_row *d,
                              mc_time now)
{
	/* First step after (procedure, version, step_seq). */
	size_t lo = 0, hi = rs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (risk_cmp(&rs->v[mid], d->procedure_id, d->version, d->step_seq) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	int64_t minutes = 0;
	if (lo < rs->n && rs->v[lo].procedure_id == d->procedure_id &&
	    rs->v[lo].version == d->version)
		minutes = rs->v[lo].budget + rs->v[lo].after;
	if (d->step_seq > 0 && lo > 0) {
		const risk_step *cur = &rs->v[lo - 1];
		if (risk_cmp(cur, d->procedure_id, d->version, d->step_seq) == 0 &&
		    cur->unit_id == d->unit_id && cur->budget > 0) {
			int64_t used = mc_working_minutes(ctx->cal, d->stage_started, now);
			if (used < cur->budget)
				minutes += cur->budget - used;
		}
	}
	return minutes;
}

static bool risk_judge(const mc_ctx *ctx, const plan *pl, const risk_steps *rs,
                       const risk_row *d, mc_time now)
{
	if (d->due <= pl->apology)
		return true;
	return mc_is_at_risk(ctx->cal, d->due, now, risk_remaining(rs, ctx, d, now));
}

/* Ordering key of the list: (due, id) ascending or (received, id) descending. */
typedef struct risk_key {
	int64_t key, id;
} risk_key;

static int risk_key_asc(const void *a, const void *b)
{
	const risk_key *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int risk_key_desc(const void *a, const void *b)
{
	return risk_key_asc(b, a);
}

/*
 * Walk the at-risk candidates of q once (after q->after, in any order), judge
 * each in memory; count them, and when keys is given keep their ordering keys.
 */
static mc_status risk_walk(const mc_ctx *ctx, const mc_query *q, int64_t *count, risk_key **keys,
                           mc_err *e)
{
	*count = 0;
	if (keys)
		*keys = NULL;
	built b;
	plan pl;
	sqlite3_stmt *st = NULL;
	risk_steps rs = {NULL, 0};
	mc_status s = build(ctx, q, SEL_RISK, &b, &pl, e);
	if (s == MC_OK)
		s = risk_load(ctx, &rs, e);
	if (s == MC_OK)
		s = prepare_built(ctx, &b, &st, e);
	if (s != MC_OK) {
		free(rs.v);
		built_free(&b);
		return s;
	}
	mc_time now = mc_ctx_now(ctx);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		risk_row r;
		risk_read(st, &r);
		if (!risk_judge(ctx, &pl, &rs, &r, now))
			continue;
		if (keys) {
			if ((size_t)*count == cap) {
				cap = cap ? cap * 2 : 256;
				risk_key *v = realloc(*keys, cap * sizeof *v);
				if (!v) {
					s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
					break;
				}
				*keys = v;
			}
			(*keys)[*count].key = q->sort == MC_SORT_DUE ? r.due : r.received;
			(*keys)[*count].id = r.id;
		}
		(*count)++;
	}
	sqlite3_finalize(st);
	free(rs.v);
	built_free(&b);
	if (s == MC_OK && rc != SQLITE_DONE)
		s = mc_db_error(ctx->db, rc, e);
	if (s != MC_OK) {
		*count = 0;
		if (keys) {
			free(*keys);
			*keys = NULL;
		}
	}
	return s;
}

/* The at-risk page: judge every candidate, order the few at risk, load one page by id. */
static mc_status risk_list(const mc_ctx *ctx, const mc_query *q, mc_dossier *out, size_t *n,
                           mc_cursor *next, mc_err *e)
{
	int64_t total = 0;
	risk_key *keys = NULL;
	mc_status s = risk_walk(ctx, q, &total, &keys, e);
	if (s != MC_OK)
		return s;
	qsort(keys, (size_t)total, sizeof *keys,
	      q->sort == MC_SORT_DUE ? risk_key_asc : risk_key_desc);
	size_t take = (size_t)total < (size_t)q->limit ? (size_t)total : (size_t)q->limit;
	sqlite3_stmt *st = NULL;
	if (take > 0)
		s = mc_db_prepare(ctx->db, MC_DOSSIER_SELECT " WHERE d.id = ?1", &st, e);
	for (size_t i = 0; s == MC_OK && i < take; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, keys[i].id);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			mc_dossier_read_row(st, &out[(*n)++]);
		else if (rc != SQLITE_DONE)
			s = mc_db_error(ctx->db, rc, e);
	}
	sqlite3_finalize(st);
	if (s == MC_OK && (size_t)total > take && *n > 0) {
		next->set = true;
		next->key = keys[take - 1].key;
		next->id = keys[take - 1].id;
	}
	free(keys);
	if (s != MC_OK)
		*n = 0;
	return s;
}

mc_status mc_dossier_list(const mc_ctx *ctx, const mc_query *q, mc_dossier *out, size_t *n,
                          mc_cursor *next, mc_err *e)
{
	*n = 0;
	memset(next, 0, sizeof *next);
	if (q->limit < 1 || q->limit > 1000)
		return mc_err_set(e, MC_ERR_RANGE, _("the page size must be between 1 and 1000, not %d."),
		                  q->limit);
	if (q->kind == MC_LIST_AT_RISK)
		return risk_list(ctx, q, out, n, next, e);
	built b;
	plan pl;
	sqlite3_stmt *st = NULL;
	mc_status s = build(ctx, q, SEL_ROWS, &b, &pl, e);
	if (s == MC_OK)
		s = prepare_built(ctx, &b, &st, e);
	if (s != MC_OK) {
		built_free(&b);
		return s;
	}
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
	if (q->kind == MC_LIST_AT_RISK) {
		mc_query qq = *q;
		qq.after.set = false;
		return risk_walk(ctx, &qq, count, NULL, e);
	}
	built b;
	plan pl;
	sqlite3_stmt *st = NULL;
	mc_status s = build(ctx, q, SEL_COUNT, &b, &pl, e);
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

/* ---- the register of a period, streamed --------------------------------- */

/*
 * Rows are read ahead on a second thread into a small ring, so that the
 * caller's work on one row (the workbook writer) overlaps the reading of the
 * next ones; without a thread-safe SQLite they are read on demand. The
 * caller does not use the database handle until the cursor is closed (see
 * query.h), so only one thread at a time uses the connection.
 */
#define REG_RING 64

struct mc_register_cursor {
	const mc_ctx *ctx;
	sqlite3_stmt *rows; /* the dossiers, in register order */
	sqlite3_stmt *sent; /* the same dossiers' first hand-over, same order */
	bool began;         /* the read transaction is ours */
	mc_register_row *ring;
	/* read-ahead: rows [head, tail) are ready; the caller holds ring[head] while `held` */
	bool threaded, held, eof, stop;
	bool reader_waits, caller_waits; /* wake the other side only when it sleeps */
	size_t head, tail;
	mc_status status; /* of the reader, once eof */
	mc_err err;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* One row from the two statements in step; *has false after the last. */
static mc_status register_read(mc_register_cursor *c, mc_register_row *r, bool *has, mc_err *e)
{
	*has = false;
	int rc = sqlite3_step(c->rows);
	if (rc == SQLITE_DONE)
		return MC_OK;
	if (rc != SQLITE_ROW)
		return mc_db_error(c->ctx->db, rc, e);
	mc_dossier_read_row(c->rows, &r->d);
	rc = sqlite3_step(c->sent);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return mc_db_error(c->ctx->db, rc, e);
	if (rc != SQLITE_ROW || sqlite3_column_int64(c->sent, 0) != r->d.id)
		return mc_err_set(e, MC_ERR_DB,
		                  _("the register of dossier %s could not be read in one pass."), r->d.code);
	mc_time at = mc_col_time(c->sent, 1), eff = mc_col_time(c->sent, 2);
	r->sent = eff != MC_TIME_NONE ? eff : at;
	mc_col_text(c->sent, 3, r->sent_unit, sizeof r->sent_unit);
	*has = true;
	return MC_OK;
}

static void *register_reader(void *arg)
{
	mc_register_cursor *c = arg;
	for (;;) {
		pthread_mutex_lock(&c->mu);
		if (c->tail - c->head >= REG_RING && !c->stop) {
			/* Full: sleep until the caller has taken half of the ring. */
			c->reader_waits = true;
			while (c->tail - c->head > REG_RING / 2 && !c->stop)
				pthread_cond_wait(&c->cv, &c->mu);
			c->reader_waits = false;
		}
		bool stop = c->stop;
		mc_register_row *slot = &c->ring[c->tail % REG_RING];
		pthread_mutex_unlock(&c->mu);
		if (stop)
			break;
		/* The slot at tail is not visible to the caller until tail moves. */
		bool has = false;
		mc_status s = register_read(c, slot, &has, &c->err);
		pthread_mutex_lock(&c->mu);
		if (s != MC_OK || !has) {
			c->status = s;
			c->eof = true;
		} else {
			c->tail++;
		}
		bool done = c->eof;
		if (c->caller_waits)
			pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
		if (done)
			break;
	}
	return NULL;
}

mc_status mc_register_open(const mc_ctx *ctx, mc_time from, mc_time to, mc_register_cursor **out,
                           mc_err *e)
{
	*out = NULL;
	mc_register_cursor *c = calloc(1, sizeof *c);
	if (!c || !(c->ring = malloc(REG_RING * sizeof *c->ring))) {
		free(c);
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	}
	c->ctx = ctx;
	mc_err_clear(&c->err);
	/* Both statements must see the same dossiers: one read transaction. */
	mc_status s = MC_OK;
	if (sqlite3_get_autocommit(mc_db_handle(ctx->db))) {
		s = mc_db_begin_read(ctx->db, e);
		c->began = s == MC_OK;
	}
	if (s == MC_OK)
		s = mc_db_prepare(ctx->db, MC_DOSSIER_SELECT
			" WHERE d.received_at >= ?1 AND d.received_at < ?2 ORDER BY d.received_at, d.id",
			&c->rows, e);
	/*
	 * The first transfer to a unit: its events walked in order on
	 * events_dossier, stopping at the first (usually the second event).
	 */
	if (s == MC_OK)
		s = mc_db_prepare(ctx->db,
			"SELECT d.id, t.at, t.effective_at, t.to_unit FROM dossiers d"
			" LEFT JOIN events t ON t.id = (SELECT x.id FROM events x WHERE x.dossier_id = d.id"
			" AND x.kind = 'transfer' AND x.to_unit <> '' ORDER BY x.id LIMIT 1)"
			" WHERE d.received_at >= ?1 AND d.received_at < ?2 ORDER BY d.received_at, d.id",
			&c->sent, e);
	if (s != MC_OK) {
		mc_register_close(c);
		return s;
	}
	sqlite3_bind_int64(c->rows, 1, from);
	sqlite3_bind_int64(c->rows, 2, to);
	sqlite3_bind_int64(c->sent, 1, from);
	sqlite3_bind_int64(c->sent, 2, to);
	if (sqlite3_threadsafe() && pthread_mutex_init(&c->mu, NULL) == 0) {
		if (pthread_cond_init(&c->cv, NULL) != 0)
			pthread_mutex_destroy(&c->mu);
		else if (pthread_create(&c->thread, NULL, register_reader, c) != 0) {
			pthread_cond_destroy(&c->cv);
			pthread_mutex_destroy(&c->mu);
		} else
			c->threaded = true;
	}
	*out = c;
	return MC_OK;
}

mc_status mc_register_next(mc_register_cursor *c, const mc_register_row **row, mc_err *e)
{
	*row = NULL;
	if (!c->threaded) {
		bool has;
		mc_status s = register_read(c, &c->ring[0], &has, e);
		if (s == MC_OK && has)
			*row = &c->ring[0];
		return s;
	}
	pthread_mutex_lock(&c->mu);
	if (c->held) {
		/* The caller is done with the previous row: its slot is free. */
		c->head++;
		c->held = false;
		if (c->reader_waits && c->tail - c->head <= REG_RING / 2)
			pthread_cond_broadcast(&c->cv);
	}
	c->caller_waits = true;
	while (c->head == c->tail && !c->eof)
		pthread_cond_wait(&c->cv, &c->mu);
	c->caller_waits = false;
	mc_status s = MC_OK;
	if (c->head < c->tail) {
		*row = &c->ring[c->head % REG_RING];
		c->held = true;
	} else {
		s = c->status;
		if (s != MC_OK && e)
			*e = c->err;
	}
	pthread_mutex_unlock(&c->mu);
	return s;
}

void mc_register_close(mc_register_cursor *c)
{
	if (!c)
		return;
	if (c->threaded) {
		pthread_mutex_lock(&c->mu);
		c->stop = true;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
		pthread_join(c->thread, NULL);
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
	}
	sqlite3_finalize(c->rows);
	sqlite3_finalize(c->sent);
	if (c->began)
		mc_db_rollback(c->ctx->db); /* a read transaction: nothing to keep */
	free(c->ring);
	free(c);
}
