/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `motcua verify` and the audit view: SQLite's own checks, the walk of the
 * hash chain in id order, the comparison of every dossier and counter log
 * with the state its latest event recorded, the back-dated writes, and the
 * document numbers given to apology and stop letters.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/audit.h"
#include "motcua/i18n.h"
#include "store/chain.h"
#include "store/dossier_internal.h"

const char *mc_verify_kind_name(mc_verify_kind k)
{
	static const char *const names[] = {"integrity", "foreign-key", "event-changed",
	                                    "event-missing", "event-unhashed", "row-changed",
	                                    "no-history", "anchor"};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

/* ---- back-dated writes -------------------------------------------------- */

static mc_status read_backdated(mc_db *db, const char *sql, bool is_event, size_t max,
                                mc_backdated *out, size_t *n, mc_err *e)
{
	sqlite3_stmt *st;
	*n = 0;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)max);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		mc_backdated *b = &out[(*n)++];
		memset(b, 0, sizeof *b);
		snprintf(b->source, sizeof b->source, "%s", is_event ? "event" : "par");
		b->id = sqlite3_column_int64(st, 0);
		mc_col_text(st, 1, b->dossier, sizeof b->dossier);
		mc_col_text(st, 2, b->kind, sizeof b->kind);
		b->at = mc_col_time(st, 3);
		b->recorded_at = mc_col_time(st, 4);
		mc_col_text(st, 5, b->actor, sizeof b->actor);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK : mc_db_error(db, rc, e);
}

mc_status mc_audit_backdated(mc_db *db, bool newest_first, mc_backdated *out, size_t max,
                             size_t *n, int64_t *total, mc_err *e)
{
	*n = 0;
	*total = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"SELECT (SELECT count(*) FROM events WHERE backdated = 1),"
		" (SELECT count(*) FROM par_manual WHERE backdated = 1)", &st, e);
	if (s != MC_OK)
		return s;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0) + sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return mc_db_error(db, rc, e);
	if (max == 0 || !out || *total == 0)
		return MC_OK;
	mc_backdated *ev = calloc(max, sizeof *ev), *par = calloc(max, sizeof *par);
	size_t nev = 0, npar = 0;
	if (!ev || !par) {
		free(ev);
		free(par);
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	}
	s = read_backdated(db,
		newest_first
			? "SELECT e.id, d.code, e.kind, e.at, e.recorded_at, e.actor FROM events e"
			  " LEFT JOIN dossiers d ON d.id = e.dossier_id WHERE e.backdated = 1"
			  " ORDER BY e.id DESC LIMIT ?"
			: "SELECT e.id, d.code, e.kind, e.at, e.recorded_at, e.actor FROM events e"
			  " LEFT JOIN dossiers d ON d.id = e.dossier_id WHERE e.backdated = 1"
			  " ORDER BY e.id LIMIT ?",
		true, max, ev, &nev, e);
	if (s == MC_OK)
		s = read_backdated(db,
			newest_first
				? "SELECT id, NULL, criterion, at, recorded_at, actor FROM par_manual"
				  " WHERE backdated = 1 ORDER BY id DESC LIMIT ?"
				: "SELECT id, NULL, criterion, at, recorded_at, actor FROM par_manual"
				  " WHERE backdated = 1 ORDER BY id LIMIT ?",
			false, max, par, &npar, e);
	/* Merge by real recording time. */
	size_t i = 0, j = 0;
	while (s == MC_OK && *n < max && (i < nev || j < npar)) {
		bool take_ev;
		if (i == nev)
			take_ev = false;
		else if (j == npar)
			take_ev = true;
		else
			take_ev = newest_first ? ev[i].recorded_at >= par[j].recorded_at
			                       : ev[i].recorded_at <= par[j].recorded_at;
		out[(*n)++] = take_ev ? ev[i++] : par[j++];
	}
	free(ev);
	free(par);
	return s;
}

/* ---- document numbers ---------------------------------------------------- */

mc_status mc_document_get(const mc_ctx *ctx, const char *code, const char *kind,
                          mc_document *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT doc.year, doc.number, doc.at FROM documents doc"
		" JOIN dossiers d ON d.id = doc.dossier_id WHERE d.code = ? AND doc.kind = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind ? kind : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->year = sqlite3_column_int(st, 0);
		out->number = sqlite3_column_int(st, 1);
		out->at = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return MC_ERR_NOT_FOUND;
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

/* ---- verify ---------------------------------------------------------------- */

typedef struct walker {
	mc_db *db;
	mc_verify_report *r;
} walker;

#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static void problem(walker *w, mc_verify_kind kind, int64_t event_id, const char *dossier,
                    const char *event_kind, const char *fmt, ...)
{
	mc_verify_report *r = w->r;
	r->problems++;
	r->ok = false;
	if (r->nlisted >= MC_VERIFY_MAX_LISTED)
		return;
	mc_verify_problem *p = &r->listed[r->nlisted++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->event_id = event_id;
	snprintf(p->dossier, sizeof p->dossier, "%s", dossier ? dossier : "");
	snprintf(p->event_kind, sizeof p->event_kind, "%s", event_kind ? event_kind : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof p->message, fmt, ap);
	va_end(ap);
}

static bool listing(const walker *w)
{
	return w->r->nlisted < MC_VERIFY_MAX_LISTED;
}

/* "dossier CODE" / "counter log N" for messages; code gets the dossier code. */
static void subject_of(walker *w, sqlite3_stmt *ev, char *code, size_t cn, char *subj, size_t sn)
{
	code[0] = '\0';
	if (sqlite3_column_type(ev, 1) != SQLITE_NULL) {
		sqlite3_stmt *st;
		int64_t id = sqlite3_column_int64(ev, 1);
		if (mc_db_prepare(w->db, "SELECT code FROM dossiers WHERE id = ?", &st, NULL) == MC_OK) {
			sqlite3_bind_int64(st, 1, id);
			if (sqlite3_step(st) == SQLITE_ROW)
				mc_col_text(st, 0, code, cn);
			sqlite3_finalize(st);
		}
		if (code[0])
			snprintf(subj, sn, _("dossier %s"), code);
		else
			snprintf(subj, sn, _("missing dossier #%lld"), (long long)id);
	} else if (sqlite3_column_type(ev, 2) != SQLITE_NULL) {
		snprintf(subj, sn, _("counter log %lld"), (long long)sqlite3_column_int64(ev, 2));
	} else {
		snprintf(subj, sn, "%s", _("no dossier"));
	}
}

static mc_status check_integrity(walker *w, bool quick, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(w->db, quick ? "PRAGMA quick_check(20)" : "PRAGMA integrity_check(20)",
	                            &st, e);
	if (s != MC_OK)
		return s;
	int rc;
	w->r->integrity_ok = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg && strcmp(msg, "ok") == 0)
			continue;
		w->r->integrity_ok = false;
		problem(w, MC_VERIFY_INTEGRITY, 0, NULL, NULL, _("SQLite integrity check: %s."),
		        msg ? msg : "?");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		/* A file damaged enough that the check itself stops. */
		w->r->integrity_ok = false;
		problem(w, MC_VERIFY_INTEGRITY, 0, NULL, NULL, _("SQLite integrity check: %s."),
		        sqlite3_errstr(rc));
	}
	if ((s = mc_db_prepare(w->db, "PRAGMA foreign_key_check", &st, e)) != MC_OK)
		return s;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w->r->fk_violations++;
		char table[64], parent[64];
		mc_col_text(st, 0, table, sizeof table);
		mc_col_text(st, 2, parent, sizeof parent);
		problem(w, MC_VERIFY_FOREIGN_KEY, 0, NULL, NULL,
		        _("row %lld of table %s points to a row of %s that does not exist."),
		        (long long)sqlite3_column_int64(st, 1), table, parent);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(w->db, rc, e);
}

/* Latest event of a counter log, gathered during the walk. */
typedef struct counter_state {
	int64_t log_id, event_id;
	char state[MC_SHA256_HEX_SIZE];
	bool chained;
} counter_state;

typedef struct counters {
	counter_state *v;
	size_t n, cap;
} counters;

static bool counters_put(counters *c, int64_t log_id, int64_t event_id, const char *state,
                         bool chained)
{
	if (c->n && c->v[c->n - 1].log_id == log_id) {
		c->n--; /* the same log again: keep the latest */
	} else if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		counter_state *nv = realloc(c->v, cap * sizeof *nv);
		if (!nv)
			return false;
		c->v = nv;
		c->cap = cap;
	}
	counter_state *x = &c->v[c->n++];
	x->log_id = log_id;
	x->event_id = event_id;
	x->chained = chained;
	snprintf(x->state, sizeof x->state, "%s", state ? state : "");
	return true;
}

static int cmp_counter(const void *a, const void *b)
{
	const counter_state *x = a, *y = b;
	if (x->log_id != y->log_id)
		return x->log_id < y->log_id ? -1 : 1;
	return x->event_id < y->event_id ? -1 : x->event_id > y->event_id;
}

enum { EV_ID, EV_DOSSIER, EV_COUNTER, EV_KIND, EV_STATE = 14, EV_HASH = 15 };

static mc_status walk_chain(walker *w, const mc_verify_options *o, counters *cl, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(w->db,
		"SELECT id, dossier_id, counter_log_id, kind, at, recorded_at, backdated, actor,"
		" from_unit, to_unit, note, effective_at, step_budget, step_outcome, state, hash"
		" FROM events ORDER BY id", &st, e);
	if (s != MC_OK)
		return s;
	mc_verify_report *r = w->r;
	uint8_t prev[MC_SHA256_SIZE], stored[MC_SHA256_SIZE], calc[MC_SHA256_SIZE];
	bool has_prev = false, anchor_seen = false;
	int64_t prev_id = 0, chain_start = 0;
	int rc;
	char code[MC_CODE_MAX], subj[MC_CODE_MAX + 32], kind[16];
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, EV_ID);
		const char *hash = (const char *)sqlite3_column_text(st, EV_HASH);
		r->events++;
		r->head_id = id;
		snprintf(r->head_hash, sizeof r->head_hash, "%s", hash ? hash : "");
		bool gap = id != prev_id + 1;
		if (gap) {
			code[0] = '\0';
			if (listing(w)) {
				subject_of(w, st, code, sizeof code, subj, sizeof subj);
				mc_col_text(st, EV_KIND, kind, sizeof kind);
			}
			if (id - prev_id == 2)
				problem(w, MC_VERIFY_EVENT_MISSING, prev_id + 1, code, NULL,
				        _("event %lld is missing (deleted); the next event is %lld (%s, %s)."),
				        (long long)(prev_id + 1), (long long)id, subj, kind);
			else
				problem(w, MC_VERIFY_EVENT_MISSING, prev_id + 1, code, NULL,
				        _("events %lld to %lld are missing (deleted); the next event is %lld (%s, %s)."),
				        (long long)(prev_id + 1), (long long)(id - 1), (long long)id, subj, kind);
		}
		if (o && o->anchor_id == id) {
			anchor_seen = true;
			if (!hash || !mc_sha256_from_hex(hash, stored) ||
			    memcmp(stored, o->anchor, MC_SHA256_SIZE) != 0)
				problem(w, MC_VERIFY_ANCHOR, id, NULL, NULL,
				        _("event %lld no longer has the hash written down as the anchor: the "
				          "history up to it was rewritten."),
				        (long long)id);
		}
		prev_id = id;
		const char *state = (const char *)sqlite3_column_text(st, EV_STATE);
		if (sqlite3_column_type(st, EV_COUNTER) != SQLITE_NULL &&
		    !counters_put(cl, sqlite3_column_int64(st, EV_COUNTER), id, state, hash != NULL)) {
			sqlite3_finalize(st);
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		}
		if (!hash) {
			if (chain_start) {
				if (listing(w)) {
					subject_of(w, st, code, sizeof code, subj, sizeof subj);
					mc_col_text(st, EV_KIND, kind, sizeof kind);
				}
				problem(w, MC_VERIFY_EVENT_UNHASHED, id, code, kind,
				        _("event %lld (%s, %s) has no hash although the chain begins at event "
				          "%lld: it was written by another tool."),
				        (long long)id, subj, kind, (long long)chain_start);
			} else {
				r->unchained++;
			}
			continue;
		}
		if (!chain_start)
			chain_start = id;
		r->chained++;
		bool valid = mc_sha256_from_hex(hash, stored);
		if (valid) {
			mc_chain_event_hash_row(has_prev ? prev : NULL, st, 0, calc);
			valid = memcmp(calc, stored, MC_SHA256_SIZE) == 0;
		}
		if (!valid && !gap) {
			if (listing(w)) {
				subject_of(w, st, code, sizeof code, subj, sizeof subj);
				mc_col_text(st, EV_KIND, kind, sizeof kind);
			}
			problem(w, MC_VERIFY_EVENT_CHANGED, id, code, kind,
			        _("event %lld (%s, %s) was changed after it was recorded: its contents and "
			          "the event before it no longer give its hash."),
			        (long long)id, subj, kind);
		}
		/* Go on from what is stored, so that only the changed events are named. */
		if (mc_sha256_from_hex(hash, prev))
			has_prev = true;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mc_db_error(w->db, rc, e);
	if (o && o->anchor_id > 0 && !anchor_seen)
		problem(w, MC_VERIFY_ANCHOR, o->anchor_id, NULL, NULL,
		        _("the anchor event %lld is not in the history: events were deleted."),
		        (long long)o->anchor_id);
	return MC_OK;
}

static mc_status check_dossiers(walker *w, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(w->db,
		"SELECT " MC_CHAIN_DOSSIER_COLS ", e.id, e.kind, e.state, e.hash FROM dossiers d"
		MC_CHAIN_DOSSIER_JOINS
		" LEFT JOIN events e ON e.id = (SELECT max(x.id) FROM events x WHERE x.dossier_id = d.id)"
		" ORDER BY d.id", &st, e);
	if (s != MC_OK)
		return s;
	const int c = MC_CHAIN_DOSSIER_VALUES;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		w->r->dossiers++;
		char code[MC_CODE_MAX], kind[16];
		if (sqlite3_column_type(st, c) == SQLITE_NULL) {
			mc_col_text(st, 1, code, sizeof code);
			problem(w, MC_VERIFY_NO_HISTORY, 0, code, NULL,
			        _("dossier %s has no event in the history: it was added by another tool "
			          "or its events were deleted."),
			        code);
			continue;
		}
		const char *state = (const char *)sqlite3_column_text(st, c + 2);
		if (!state && sqlite3_column_type(st, c + 3) == SQLITE_NULL)
			continue; /* recorded before the chain */
		uint8_t d[MC_SHA256_SIZE];
		char hex[MC_SHA256_HEX_SIZE];
		mc_chain_state_row(st, 0, MC_CHAIN_DOSSIER_VALUES, d);
		mc_sha256_hex(d, hex);
		if (!state || strcmp(state, hex) != 0) {
			int64_t eid = sqlite3_column_int64(st, c);
			mc_col_text(st, 1, code, sizeof code);
			mc_col_text(st, c + 1, kind, sizeof kind);
			problem(w, MC_VERIFY_ROW_CHANGED, eid, code, kind,
			        _("dossier %s was changed by another tool after its latest event %lld (%s): "
			          "the row, its apology or its letter numbers differ from what the event "
			          "recorded."),
			        code, (long long)eid, kind);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(w->db, rc, e);
}

static mc_status check_counter_logs(walker *w, counters *cl, mc_err *e)
{
	if (cl->n > 1)
		qsort(cl->v, cl->n, sizeof *cl->v, cmp_counter);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(w->db,
		"SELECT " MC_CHAIN_COUNTER_COLS " FROM counter_logs c ORDER BY c.id", &st, e);
	if (s != MC_OK)
		return s;
	size_t k = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		w->r->counter_logs++;
		while (k < cl->n && cl->v[k].log_id < id)
			k++;
		/* The latest event of this log is the last entry with its id. */
		size_t last = k;
		while (last + 1 < cl->n && cl->v[last + 1].log_id == id)
			last++;
		if (k >= cl->n || cl->v[k].log_id != id) {
			problem(w, MC_VERIFY_NO_HISTORY, 0, NULL, NULL,
			        _("counter log %lld has no event in the history: it was added by another "
			          "tool or its event was deleted."),
			        (long long)id);
			continue;
		}
		const counter_state *x = &cl->v[last];
		if (!x->chained)
			continue;
		uint8_t d[MC_SHA256_SIZE];
		char hex[MC_SHA256_HEX_SIZE];
		mc_chain_state_row(st, 0, MC_CHAIN_COUNTER_VALUES, d);
		mc_sha256_hex(d, hex);
		if (strcmp(x->state, hex) != 0)
			problem(w, MC_VERIFY_ROW_CHANGED, x->event_id, NULL, NULL,
			        _("counter log %lld was changed by another tool after its event %lld."),
			        (long long)id, (long long)x->event_id);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(w->db, rc, e);
}

mc_status mc_verify(mc_db *db, const mc_verify_options *o, mc_verify_report *r, mc_err *e)
{
	memset(r, 0, sizeof *r);
	r->ok = true;
	if (mc_db_schema_version(db) < 5)
		return mc_err_set(e, MC_ERR_SCHEMA,
		                  _("the database %s has schema version %d, older than the history "
		                    "chain; upgrade it with \"motcua init\" first."),
		                  mc_db_path(db), mc_db_schema_version(db));
	walker w = {db, r};
	counters cl = {0};
	mc_status s = mc_db_begin_read(db, e);
	if (s != MC_OK)
		return s;
	s = check_integrity(&w, o && o->quick, e);
	if (s == MC_OK)
		s = walk_chain(&w, o, &cl, e);
	if (s == MC_OK)
		s = check_dossiers(&w, e);
	if (s == MC_OK)
		s = check_counter_logs(&w, &cl, e);
	if (s == MC_OK)
		s = mc_audit_backdated(db, false, r->first_backdated, MC_VERIFY_MAX_BACKDATED,
		                       &r->nbackdated, &r->backdated, e);
	free(cl.v);
	mc_db_rollback(db);
	if (s != MC_OK && !r->integrity_ok) {
		/* Damage that stops the walk is the finding itself. */
		r->ok = false;
		return MC_OK;
	}
	return s;
}
