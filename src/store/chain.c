/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The hash chain of the event history: canonical serialisation of values,
 * event hashes, the head of the chain and the state digests of dossier and
 * counter-log rows (the format is described in src/store/chain.h and
 * data/migrations/005_trust.sql).
 */
#include <stdio.h>
#include <string.h>

#include "motcua/clock.h"
#include "motcua/i18n.h"
#include "store/chain.h"

static const char event_tag[] = "motcua-event-1";
static const char state_tag[] = "motcua-state-1";

static void put_int(mc_sha256_ctx *c, int64_t i)
{
	uint8_t b[9];
	uint64_t u = (uint64_t)i;
	b[0] = 'I';
	for (int k = 0; k < 8; k++)
		b[1 + k] = (uint8_t)(u >> (56 - 8 * k));
	mc_sha256_update(c, b, sizeof b);
}

static void put_text(mc_sha256_ctx *c, const void *s, size_t n)
{
	uint8_t b[5];
	b[0] = 'T';
	b[1] = (uint8_t)(n >> 24);
	b[2] = (uint8_t)(n >> 16);
	b[3] = (uint8_t)(n >> 8);
	b[4] = (uint8_t)n;
	mc_sha256_update(c, b, sizeof b);
	mc_sha256_update(c, s, n);
}

void mc_chain_put(mc_sha256_ctx *c, const mc_chain_value *v)
{
	if (v->type == 1)
		put_int(c, v->i);
	else if (v->type == 2 && v->s)
		put_text(c, v->s, strlen(v->s));
	else
		mc_sha256_update(c, "N", 1);
}

void mc_chain_put_column(mc_sha256_ctx *c, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_INTEGER:
		put_int(c, sqlite3_column_int64(st, col));
		break;
	case SQLITE_NULL:
		mc_sha256_update(c, "N", 1);
		break;
	case SQLITE_FLOAT: {
		/* Never written by motcua (STRICT tables); hashed as its text so it cannot match. */
		const unsigned char *s = sqlite3_column_text(st, col);
		mc_sha256_update(c, "F", 1);
		put_text(c, s, (size_t)sqlite3_column_bytes(st, col));
		break;
	}
	case SQLITE_BLOB: {
		const void *b = sqlite3_column_blob(st, col);
		mc_sha256_update(c, "B", 1);
		put_text(c, b, (size_t)sqlite3_column_bytes(st, col));
		break;
	}
	default: {
		const unsigned char *s = sqlite3_column_text(st, col);
		put_text(c, s, (size_t)sqlite3_column_bytes(st, col));
		break;
	}
	}
}

static const uint8_t zeros[MC_SHA256_SIZE];

void mc_chain_event_hash(const uint8_t *prev, const mc_chain_value v[MC_CHAIN_EVENT_VALUES],
                         uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	mc_sha256_update(&c, prev ? prev : zeros, MC_SHA256_SIZE);
	mc_sha256_update(&c, event_tag, sizeof event_tag - 1);
	for (int i = 0; i < MC_CHAIN_EVENT_VALUES; i++)
		mc_chain_put(&c, &v[i]);
	mc_sha256_final(&c, out);
}

void mc_chain_event_hash_row(const uint8_t *prev, sqlite3_stmt *st, int first,
                             uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	mc_sha256_update(&c, prev ? prev : zeros, MC_SHA256_SIZE);
	mc_sha256_update(&c, event_tag, sizeof event_tag - 1);
	for (int i = 0; i < MC_CHAIN_EVENT_VALUES; i++)
		mc_chain_put_column(&c, st, first + i);
	mc_sha256_final(&c, out);
}

void mc_chain_state_values(const mc_chain_value *v, int n, uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	mc_sha256_update(&c, state_tag, sizeof state_tag - 1);
	for (int i = 0; i < n; i++)
		mc_chain_put(&c, &v[i]);
	mc_sha256_final(&c, out);
}

void mc_chain_state_row(sqlite3_stmt *st, int first, int n, uint8_t out[MC_SHA256_SIZE])
{
	mc_sha256_ctx c;
	mc_sha256_init(&c);
	mc_sha256_update(&c, state_tag, sizeof state_tag - 1);
	for (int i = 0; i < n; i++)
		mc_chain_put_column(&c, st, first + i);
	mc_sha256_final(&c, out);
}

mc_status mc_chain_head(mc_db *db, int64_t *next_id, uint8_t prev[MC_SHA256_SIZE],
                        bool *has_prev, mc_err *e)
{
	sqlite3_stmt *st;
	*next_id = 1;
	*has_prev = false;
	memset(prev, 0, MC_SHA256_SIZE);
	mc_status s = mc_db_prepare(db, "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1", &st, e);
	if (s != MC_OK)
		return s;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*next_id = sqlite3_column_int64(st, 0) + 1;
		const char *h = (const char *)sqlite3_column_text(st, 1);
		/* A head without a (valid) hash was written before the chain: link to zeros. */
		*has_prev = h && mc_sha256_from_hex(h, prev);
		if (!*has_prev)
			memset(prev, 0, MC_SHA256_SIZE);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? MC_OK : mc_db_error(db, rc, e);
}

static mc_status state_of(mc_db *db, const char *sql, int n, int64_t id,
                          char hex[MC_SHA256_HEX_SIZE], mc_err *e)
{
	sqlite3_stmt *st;
	hex[0] = '\0';
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		uint8_t d[MC_SHA256_SIZE];
		mc_chain_state_row(st, 0, n, d);
		mc_sha256_hex(d, hex);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("internal error: the row %lld of an event is missing."),
		                  (long long)id);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

mc_status mc_chain_dossier_state(mc_db *db, int64_t id, char hex[MC_SHA256_HEX_SIZE], mc_err *e)
{
	return state_of(db, "SELECT " MC_CHAIN_DOSSIER_COLS " FROM dossiers d" MC_CHAIN_DOSSIER_JOINS
	                " WHERE d.id = ?", MC_CHAIN_DOSSIER_VALUES, id, hex, e);
}

mc_status mc_chain_counter_state(mc_db *db, int64_t id, char hex[MC_SHA256_HEX_SIZE], mc_err *e)
{
	return state_of(db, "SELECT " MC_CHAIN_COUNTER_COLS " FROM counter_logs c WHERE c.id = ?",
	                MC_CHAIN_COUNTER_VALUES, id, hex, e);
}

mc_status mc_document_assign(mc_db *db, int64_t dossier_id, const char *kind, mc_time at,
                             int *number, mc_err *e)
{
	int y, m, d;
	mc_date_to_ymd(mc_time_date(at), &y, &m, &d);
	char name[32], year[8];
	snprintf(name, sizeof name, "doc-%s", kind);
	snprintf(year, sizeof year, "%04d", y);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"INSERT INTO sequences (name, period, value) VALUES (?, ?, 1)"
		" ON CONFLICT (name, period) DO UPDATE SET value = value + 1 RETURNING value", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, year, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return mc_db_error(db, rc, e);
	if ((s = mc_db_prepare(db,
		"INSERT INTO documents (dossier_id, kind, year, number, at, recorded_at)"
		" VALUES (?, ?, ?, ?, ?, ?)", &st, e)) != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, dossier_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, y);
	sqlite3_bind_int64(st, 4, n);
	sqlite3_bind_int64(st, 5, at);
	sqlite3_bind_int64(st, 6, mc_clock_real_now());
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mc_db_error(db, rc, e);
	if (number)
		*number = (int)n;
	return MC_OK;
}
