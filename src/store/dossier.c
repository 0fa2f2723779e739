/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The dossier lifecycle on the database: intake, counter logs, transfers,
 * supplements, results, hand-over, stop, withdrawal and the apology. Each
 * operation is one BEGIN IMMEDIATE transaction that records an event or
 * changes nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/dossier.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"
#include "motcua/validate.h"
#include "store/chain.h"
#include "store/dossier_internal.h"
#include "store/store_internal.h"

/* ---- small helpers ------------------------------------------------------ */

mc_time mc_ctx_now(const mc_ctx *ctx)
{
	return mc_clock_now(ctx->clock);
}

bool mc_ctx_frozen(const mc_ctx *ctx)
{
	return ctx->clock && ctx->clock->frozen;
}

static const char *actor_of(const mc_ctx *ctx)
{
	return ctx->actor && *ctx->actor ? ctx->actor : "unknown";
}

static mc_status check_ctx(const mc_ctx *ctx, mc_err *e)
{
	if (!ctx || !ctx->db || !ctx->cfg || !ctx->cal)
		return mc_err_set(e, MC_ERR_INVALID, _("internal error: incomplete context."));
	return MC_OK;
}

mc_status mc_ctx_check_write(const mc_ctx *ctx, mc_err *e)
{
	if (mc_ctx_frozen(ctx) && ctx->cfg && !ctx->cfg->allow_backdated)
		return mc_err_set(e, MC_ERR_DENIED,
		                  _("recording with a frozen clock (--now) is forbidden on this "
		                    "database (setting allow_backdated)."));
	return MC_OK;
}

void mc_code_normalise(const char *in, char *out, size_t size)
{
	size_t j = 0;
	while (*in == ' ' || *in == '\t')
		in++;
	for (; *in && j + 1 < size; in++)
		out[j++] = (char)toupper((unsigned char)*in);
	while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '\t'))
		j--;
	out[j] = '\0';
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* NFC copy of optional text; *out NULL when blank. Invalid UTF-8 is refused naming the field. */
static mc_status nfc_opt(const char *in, const char *what, char **out, mc_err *e)
{
	*out = NULL;
	if (blank(in))
		return MC_OK;
	char *s = mc_text_nfc(in);
	if (!s)
		return mc_err_set(e, MC_ERR_INVALID, _("the %s is not valid UTF-8 text."), what);
	/* trim */
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t lead = strspn(s, " \t\r\n");
	if (lead)
		memmove(s, s + lead, n - lead + 1);
	*out = s;
	return MC_OK;
}

mc_status mc_limit_minutes(const mc_config *cfg, const mc_limit *l, int64_t *out)
{
	int hpd = cfg->hours_per_day > 0 ? cfg->hours_per_day : 8;
	switch (l->unit) {
	case MC_UNIT_HOURS: *out = (int64_t)l->amount * 60; break;
	case MC_UNIT_SAME_DAY: *out = (int64_t)hpd * 60; break;
	case MC_UNIT_DAYS:
	case MC_UNIT_CALENDAR_DAYS:
	default: *out = (int64_t)l->amount * hpd * 60; break;
	}
	return MC_OK;
}

/* ---- JSON array of strings (the due trail) ----------------------------- */

char *mc_trail_to_json(const mc_trail *t)
{
	size_t cap = 64, len = 0;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	buf[len++] = '[';
	for (size_t i = 0; t && i < t->n; i++) {
		const unsigned char *s = (const unsigned char *)t->lines[i];
		size_t need = len + strlen((const char *)s) * 6 + 8;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				return NULL;
			}
			buf = nb;
		}
		if (i)
			buf[len++] = ',';
		buf[len++] = '"';
		for (; *s; s++) {
			if (*s == '"' || *s == '\\') {
				buf[len++] = '\\';
				buf[len++] = (char)*s;
			} else if (*s == '\n') {
				buf[len++] = '\\';
				buf[len++] = 'n';
			} else if (*s < 0x20) {
				len += (size_t)snprintf(buf + len, 7, "\\u%04x", *s);
			} else {
				buf[len++] = (char)*s;
			}
		}
		buf[len++] = '"';
	}
	if (len + 2 > cap) {
		char *nb = realloc(buf, len + 2);
		if (!nb) {
			free(buf);
			return NULL;
		}
		buf = nb;
	}
	buf[len++] = ']';
	buf[len] = '\0';
	return buf;
}

/* Parse what mc_trail_to_json wrote (and any array of plain JSON strings). */
mc_status mc_trail_from_json(const char *json, mc_trail *t, mc_err *e)
{
	const char *p = json;
	while (isspace((unsigned char)*p))
		p++;
	if (*p != '[')
		goto bad;
	p++;
	for (;;) {
		while (isspace((unsigned char)*p) || *p == ',')
			p++;
		if (*p == ']')
			return MC_OK;
		if (*p != '"')
			goto bad;
		p++;
		size_t cap = strlen(p) + 1;
		char *s = malloc(cap), *o = s;
		if (!s)
			return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		while (*p && *p != '"') {
			if (*p == '\\') {
				p++;
				switch (*p) {
				case 'n': *o++ = '\n'; break;
				case 't': *o++ = '\t'; break;
				case 'r': *o++ = '\r'; break;
				case 'u': {
					unsigned v = 0;
					if (sscanf(p + 1, "%4x", &v) != 1) {
						free(s);
						goto bad;
					}
					/* Only control characters are escaped this way. */
					*o++ = (char)(v < 0x80 ? v : '?');
					p += 4;
					break;
				}
				case '\0': free(s); goto bad;
				default: *o++ = *p; break;
				}
				p++;
			} else {
				*o++ = *p++;
			}
		}
		*o = '\0';
		if (*p != '"') {
			free(s);
			goto bad;
		}
		p++;
		mc_trail_add(t, "%s", s);
		free(s);
	}
bad:
	return mc_err_set(e, MC_ERR_DB, _("the stored due trail is damaged."));
}

/* ---- events ------------------------------------------------------------- */

/*
 * Append an event and link it into the hash chain (src/store/chain.h), in
 * the caller's write transaction: its id is the greatest id + 1, its state
 * the digest of the dossier (or counter log) row as the change left it, its
 * hash covers the previous event's hash and every column.
 */
mc_status mc_event_insert(const mc_ctx *ctx, const mc_event_row *ev, mc_err *e)
{
	mc_db *db = ctx->db;
	int64_t id;
	uint8_t prev[MC_SHA256_SIZE];
	bool has_prev;
	char state[MC_SHA256_HEX_SIZE] = "";
	/* Whoever writes an event: back-dated writes only where the setting allows them. */
	mc_status s = mc_ctx_check_write(ctx, e);
	if (s != MC_OK)
		return s;
	s = mc_chain_head(db, &id, prev, &has_prev, e);
	if (s == MC_OK && ev->dossier_id > 0)
		s = mc_chain_dossier_state(db, ev->dossier_id, state, e);
	else if (s == MC_OK && ev->counter_log_id > 0)
		s = mc_chain_counter_state(db, ev->counter_log_id, state, e);
	if (s != MC_OK)
		return s;
	/* The values exactly as bound: "" and "none" are NULL. */
	mc_chain_value v[MC_CHAIN_EVENT_VALUES];
	memset(v, 0, sizeof v);
#define V_INT(k, x) (v[k].type = 1, v[k].i = (x))
#define V_TEXT(k, x) (v[k].type = (x) && *(x) ? 2 : 0, v[k].s = (x))
	V_INT(0, id);
	if (ev->dossier_id > 0)
		V_INT(1, ev->dossier_id);
	if (ev->counter_log_id > 0)
		V_INT(2, ev->counter_log_id);
	V_TEXT(3, ev->kind);
	V_INT(4, ev->at);
	V_INT(5, mc_clock_real_now());
	V_INT(6, mc_ctx_frozen(ctx) ? 1 : 0);
	V_TEXT(7, actor_of(ctx));
	V_TEXT(8, ev->from_unit);
	V_TEXT(9, ev->to_unit);
	V_TEXT(10, ev->note);
	if (ev->effective != MC_TIME_NONE)
		V_INT(11, ev->effective);
	if (ev->step_budget >= 0)
		V_INT(12, ev->step_budget);
	V_TEXT(13, mc_outcome_name(ev->step_outcome));
	if (state[0])
		v[14] = (mc_chain_value){2, 0, state};
#undef V_INT
#undef V_TEXT
	uint8_t hash[MC_SHA256_SIZE];
	char hex[MC_SHA256_HEX_SIZE];
	mc_chain_event_hash(has_prev ? prev : NULL, v, hash);
	mc_sha256_hex(hash, hex);
	sqlite3_stmt *st;
	s = mc_db_prepare(db,
		"INSERT INTO events (id, dossier_id, counter_log_id, kind, at, recorded_at, backdated,"
		" actor, from_unit, to_unit, note, effective_at, step_budget, step_outcome, state, hash)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st, e);
	if (s != MC_OK)
		return s;
	for (int k = 0; k < MC_CHAIN_EVENT_VALUES; k++) {
		if (v[k].type == 1)
			sqlite3_bind_int64(st, k + 1, v[k].i);
		else if (v[k].type == 2)
			sqlite3_bind_text(st, k + 1, v[k].s, -1, SQLITE_STATIC);
	}
	sqlite3_bind_text(st, MC_CHAIN_EVENT_VALUES + 1, hex, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(db, rc, e);
}

static void event_init(mc_event_row *ev, const char *kind, int64_t dossier_id, mc_time at)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	ev->dossier_id = dossier_id;
	ev->at = at;
	ev->effective = MC_TIME_NONE;
	ev->step_budget = -1;
	ev->step_outcome = MC_OUTCOME_NONE;
}

/* ---- applicants --------------------------------------------------------- */

static mc_status exec_simple(mc_db *db, sqlite3_stmt *st, mc_err *e)
{
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

static mc_status write_words(mc_db *db, int64_t applicant_id, const char *fold, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, "DELETE FROM applicant_words WHERE applicant_id = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, applicant_id);
	if ((s = exec_simple(db, st, e)) != MC_OK)
		return s;
	s = mc_db_prepare(db, "INSERT OR IGNORE INTO applicant_words (word, applicant_id) VALUES (?, ?)",
	                  &st, e);
	if (s != MC_OK)
		return s;
	const char *p = fold;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;
		while (*p && *p != ' ')
			p++;
		if (p > w) {
			sqlite3_bind_text(st, 1, w, (int)(p - w), SQLITE_TRANSIENT);
			sqlite3_bind_int64(st, 2, applicant_id);
			int rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				sqlite3_finalize(st);
				return mc_db_error(db, rc, e);
			}
		}
	}
	sqlite3_finalize(st);
	return MC_OK;
}

/* Validated, normalised applicant fields (owned strings freed by applicant_clear). */
typedef struct applicant_vals {
	char *name, *name_fold, *address, *address_fold;
	char id_number[MC_ID_NUMBER_SIZE];
	char phone[MC_PHONE_SIZE];
	char tax_code[MC_TAX_CODE_SIZE];
	char email[MC_EMAIL_SIZE];
	bool id_warn;
} applicant_vals;

static void applicant_clear(applicant_vals *v)
{
	free(v->name);
	free(v->name_fold);
	free(v->address);
	free(v->address_fold);
	memset(v, 0, sizeof *v);
}

static mc_status applicant_validate(const mc_applicant_input *in, applicant_vals *v, mc_err *e)
{
	memset(v, 0, sizeof *v);
	mc_status s;
	if ((s = nfc_opt(in->name, _("applicant's name"), &v->name, e)) != MC_OK)
		return s;
	if ((s = nfc_opt(in->address, _("address"), &v->address, e)) != MC_OK)
		return s;
	if (v->name && strlen(v->name) >= MC_NAME_MAX)
		return mc_err_set(e, MC_ERR_INVALID, _("the applicant's name is too long (at most %d bytes)."),
		                  MC_NAME_MAX - 1);
	if (v->address && strlen(v->address) >= MC_TEXT_MAX)
		return mc_err_set(e, MC_ERR_INVALID, _("the address is too long (at most %d bytes)."),
		                  MC_TEXT_MAX - 1);
	if (v->name && !(v->name_fold = mc_text_fold(v->name)))
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	if (v->address && !(v->address_fold = mc_text_fold(v->address)))
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	if (!blank(in->id_number) &&
	    (s = mc_validate_id_number(in->id_number, v->id_number, &v->id_warn, e)) != MC_OK)
		return s;
	if (!blank(in->phone) && (s = mc_validate_phone(in->phone, v->phone, e)) != MC_OK)
		return s;
	if (!blank(in->tax_code) && (s = mc_validate_tax_code(in->tax_code, v->tax_code, e)) != MC_OK)
		return s;
	if (!blank(in->email) &&
	    (s = mc_validate_email(in->email, v->email, sizeof v->email, e)) != MC_OK)
		return s;
	return MC_OK;
}

/*
 * Find the applicant again by ID number (updating the fields given, keeping
 * the others) or create one. Inside the caller's transaction.
 */
static mc_status applicant_upsert(const mc_ctx *ctx, bool organisation, const applicant_vals *v,
                                  mc_time now, int64_t *id, bool *known, mc_err *e)
{
	mc_db *db = ctx->db;
	sqlite3_stmt *st;
	mc_status s;
	*id = 0;
	*known = false;
	if (v->id_number[0]) {
		if ((s = mc_db_prepare(db, "SELECT id FROM applicants WHERE id_number = ?", &st, e)) != MC_OK)
			return s;
		sqlite3_bind_text(st, 1, v->id_number, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return mc_db_error(db, rc, e);
	}
	if (*id) {
		*known = true;
		s = mc_db_prepare(db,
			"UPDATE applicants SET name = coalesce(?1, name), name_fold = coalesce(?2, name_fold),"
			" tax_code = coalesce(?3, tax_code), phone = coalesce(?4, phone),"
			" address = coalesce(?5, address), address_fold = coalesce(?6, address_fold),"
			" email = coalesce(?7, email), updated_at = ?8 WHERE id = ?9", &st, e);
		if (s != MC_OK)
			return s;
	} else {
		if (!v->name)
			return mc_err_set(e, MC_ERR_INVALID, _("the applicant's name is required (--name)."));
		s = mc_db_prepare(db,
			"INSERT INTO applicants (name, name_fold, tax_code, phone, address, address_fold,"
			" email, created_at, updated_at, id_number, kind)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?10, ?11)", &st, e);
		if (s != MC_OK)
			return s;
		mc_bind_text(st, 10, v->id_number);
		sqlite3_bind_text(st, 11, organisation ? "organisation" : "person", -1, SQLITE_STATIC);
	}
	mc_bind_text(st, 1, v->name);
	mc_bind_text(st, 2, v->name_fold);
	mc_bind_text(st, 3, v->tax_code);
	mc_bind_text(st, 4, v->phone);
	mc_bind_text(st, 5, v->address);
	mc_bind_text(st, 6, v->address_fold);
	mc_bind_text(st, 7, v->email);
	sqlite3_bind_int64(st, 8, now);
	if (*id)
		sqlite3_bind_int64(st, 9, *id);
	if ((s = exec_simple(db, st, e)) != MC_OK)
		return s;
	if (!*id)
		*id = sqlite3_last_insert_rowid(mc_db_handle(db));
	if (v->name_fold)
		return write_words(db, *id, v->name_fold, e);
	return MC_OK;
}

/* ---- lookups ------------------------------------------------------------ */

typedef struct proc_info {
	int64_t id;
	int version;
	char code[MC_CODE_MAX];
	char *name, *field;
	mc_limit limit, online;
	bool has_online;
} proc_info;

static mc_limit_unit unit_from_text(const char *s)
{
	mc_limit_unit u = MC_UNIT_DAYS;
	mc_limit_unit_parse(s, &u, NULL);
	return u;
}

static mc_status proc_lookup(const mc_ctx *ctx, const char *code, proc_info *p, mc_err *e)
{
	sqlite3_stmt *st;
	memset(p, 0, sizeof *p);
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT id, version, code, name, field, limit_unit, limit_amount, online_unit,"
		" online_amount, same_day_cutoff FROM procedures WHERE code = ? AND active = 1",
		&st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->id = sqlite3_column_int64(st, 0);
		p->version = sqlite3_column_int(st, 1);
		mc_col_text(st, 2, p->code, sizeof p->code);
		p->name = strdup((const char *)sqlite3_column_text(st, 3));
		p->field = strdup((const char *)sqlite3_column_text(st, 4));
		int cutoff = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
		p->limit.unit = unit_from_text((const char *)sqlite3_column_text(st, 5));
		p->limit.amount = sqlite3_column_int(st, 6);
		p->limit.cutoff = cutoff;
		p->has_online = sqlite3_column_type(st, 7) != SQLITE_NULL;
		p->online = p->limit;
		if (p->has_online) {
			p->online.unit = unit_from_text((const char *)sqlite3_column_text(st, 7));
			p->online.amount = sqlite3_column_int(st, 8);
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND,
		                  _("unknown procedure code \"%s\"; see \"motcua catalog list\"."), code);
	if (rc != SQLITE_ROW)
		return mc_db_error(ctx->db, rc, e);
	if (!p->name || !p->field)
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	return MC_OK;
}

static void proc_free(proc_info *p)
{
	free(p->name);
	free(p->field);
}

mc_status mc_unit_lookup(const mc_ctx *ctx, const char *code, int64_t *id, char *kind,
                         size_t kind_size, mc_err *e)
{
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, "SELECT id, kind FROM units WHERE code = ? AND active = 1",
	                            &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (kind)
			mc_col_text(st, 1, kind, kind_size);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("unknown unit \"%s\"; see \"motcua unit list\"."),
		                  code ? code : "");
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

static mc_status desk_unit(const mc_ctx *ctx, int64_t *id, char *code, size_t size, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT id, code FROM units WHERE kind = 'desk' AND active = 1 ORDER BY sort, id LIMIT 1",
		&st, e);
	if (s != MC_OK)
		return s;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		mc_col_text(st, 1, code, size);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("no one-stop desk unit is defined."));
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

/* Next value of a gapless counter, inside the caller's write transaction. */
static mc_status next_seq(mc_db *db, const char *name, const char *period, int64_t *out, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"INSERT INTO sequences (name, period, value) VALUES (?, ?, 1)"
		" ON CONFLICT (name, period) DO UPDATE SET value = value + 1 RETURNING value", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, period, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

/* ---- intake ------------------------------------------------------------- */

void mc_intake_result_free(mc_intake_result *r)
{
	if (r)
		mc_trail_free(&r->trail);
}

/* Step reached at the given unit after step `after`, or `after` when none. */
static int step_for_unit(mc_db *db, int64_t proc_id, int version, int after, const char *unit)
{
	sqlite3_stmt *st;
	int seq = after;
	if (mc_db_prepare(db,
		"SELECT seq FROM procedure_steps WHERE procedure_id = ? AND version = ? AND seq > ?"
		" AND unit_code = ? ORDER BY seq LIMIT 1", &st, NULL) != MC_OK)
		return after;
	sqlite3_bind_int64(st, 1, proc_id);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_int(st, 3, after);
	sqlite3_bind_text(st, 4, unit, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		seq = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return seq;
}

mc_status mc_dossier_intake(const mc_ctx *ctx, const mc_intake_input *in, mc_intake_result *out,
                            mc_err *e)
{
	memset(out, 0, sizeof *out);
	mc_trail_init(&out->trail);
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_check_write(ctx, e)) != MC_OK ||
	    (s = mc_ctx_require(ctx, MC_ACT_INTAKE, e)) != MC_OK)
		return s;
	if (blank(in->procedure_code))
		return mc_err_set(e, MC_ERR_INVALID, _("the procedure code is required (--procedure)."));
	if ((unsigned)in->channel >= MC_CHANNEL_COUNT)
		return mc_err_set(e, MC_ERR_INVALID, _("unknown channel."));
	int sets = in->sets ? in->sets : 1;
	if (sets < 1 || sets > 1000)
		return mc_err_set(e, MC_ERR_RANGE, _("the number of sets must be between 1 and 1000, not %d."),
		                  in->sets);
	if (!ctx->cfg->code_pattern[0])
		return mc_err_set(e, MC_ERR_CONFIG, _("no dossier-code pattern is configured (code_pattern)."));
	applicant_vals av;
	if ((s = applicant_validate(&in->applicant, &av, e)) != MC_OK) {
		applicant_clear(&av);
		return s;
	}
	char *note = NULL;
	if ((s = nfc_opt(in->note, _("note"), &note, e)) != MC_OK) {
		applicant_clear(&av);
		return s;
	}
	char pcode[MC_CODE_MAX];
	mc_code_normalise(in->procedure_code, pcode, sizeof pcode);

	mc_db *db = ctx->db;
	proc_info p;
	memset(&p, 0, sizeof p);
	char *trail_json = NULL;
	if ((s = mc_db_begin_write(db, e)) != MC_OK)
		goto out;
	if ((s = proc_lookup(ctx, pcode, &p, e)) != MC_OK)
		goto fail;
	mc_time now = mc_ctx_now(ctx);
	int64_t applicant_id;
	if ((s = applicant_upsert(ctx, in->applicant.organisation, &av, now, &applicant_id,
	                          &out->applicant_known, e)) != MC_OK)
		goto fail;

	mc_limit limit = in->channel == MC_CHANNEL_ONLINE && p.has_online ? p.online : p.limit;
	mc_time due;
	if ((s = mc_due_compute(ctx->cal, now, &limit, &due, &out->trail, e)) != MC_OK)
		goto fail;
	if (!(trail_json = mc_trail_to_json(&out->trail))) {
		s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		goto fail;
	}

	int y, m, d;
	mc_date_to_ymd(mc_time_date(now), &y, &m, &d);
	char day[16], year[8];
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
	snprintf(year, sizeof year, "%04d", y);
	int64_t seq, regno;
	if ((s = next_seq(db, "code", day, &seq, e)) != MC_OK ||
	    (s = next_seq(db, "register", year, &regno, e)) != MC_OK)
		goto fail;
	if ((s = mc_code_format(ctx->cfg->code_pattern, ctx->cfg->agency_code, y, m, d, (long)seq,
	                        out->code, sizeof out->code, e)) != MC_OK)
		goto fail;

	int64_t desk_id;
	char desk_code[MC_CODE_MAX];
	if ((s = desk_unit(ctx, &desk_id, desk_code, sizeof desk_code, e)) != MC_OK)
		goto fail;
	/* The desk's own step counts only when the procedure starts with it. */
	int step = step_for_unit(db, p.id, p.version, 0, desk_code) == 1 ? 1 : 0;

	sqlite3_stmt *st;
	if ((s = mc_db_prepare(db,
		"INSERT INTO dossiers (code, register_year, register_no, procedure_id, procedure_version,"
		" procedure_code, procedure_name, field, limit_unit, limit_amount, limit_cutoff,"
		" applicant_id, channel, sets, received_at, due_at, original_due_at, due_trail, status,"
		" unit_id, stage_started_at, step_seq, digitised, paid_online, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16,"
		" ?17, 'received', ?18, ?15, ?19, ?20, ?21, ?22)", &st, e)) != MC_OK)
		goto fail;
	sqlite3_bind_text(st, 1, out->code, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, y);
	sqlite3_bind_int64(st, 3, regno);
	sqlite3_bind_int64(st, 4, p.id);
	sqlite3_bind_int(st, 5, p.version);
	sqlite3_bind_text(st, 6, p.code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, p.field, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, mc_limit_unit_name(limit.unit), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 10, limit.amount);
	if (limit.cutoff >= 0)
		sqlite3_bind_int(st, 11, limit.cutoff);
	sqlite3_bind_int64(st, 12, applicant_id);
	sqlite3_bind_text(st, 13, mc_channel_name(in->channel), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 14, sets);
	sqlite3_bind_int64(st, 15, now);
	sqlite3_bind_int64(st, 16, due);
	sqlite3_bind_text(st, 17, trail_json, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 18, desk_id);
	sqlite3_bind_int(st, 19, step);
	sqlite3_bind_int(st, 20, in->digitised ? 1 : 0);
	sqlite3_bind_int(st, 21, in->paid_online ? 1 : 0);
	sqlite3_bind_int64(st, 22, mc_clock_real_now());
	if ((s = exec_simple(db, st, e)) != MC_OK)
		goto fail;
	out->id = sqlite3_last_insert_rowid(mc_db_handle(db));

	mc_event_row ev;
	event_init(&ev, "intake", out->id, now);
	ev.to_unit = desk_code;
	ev.note = note;
	if ((s = mc_event_insert(ctx, &ev, e)) != MC_OK)
		goto fail;
	if ((s = mc_db_commit(db, e)) != MC_OK)
		goto out;

	out->register_year = y;
	out->register_no = (int)regno;
	out->received = now;
	out->due = due;
	if (av.id_warn)
		snprintf(out->warning, sizeof out->warning,
		         _("the ID number %s starts with %.3s, which is not a known province code; "
		           "check it (it may be a country code)."),
		         av.id_number, av.id_number);
	goto out;
fail:
	mc_db_rollback(db);
out:
	if (s != MC_OK) {
		mc_trail_free(&out->trail);
		mc_trail_init(&out->trail);
		out->code[0] = '\0';
	}
	free(trail_json);
	free(note);
	proc_free(&p);
	applicant_clear(&av);
	return s;
}

/* ---- counter logs ------------------------------------------------------- */

mc_status mc_counter_log(const mc_ctx *ctx, const mc_counter_input *in, int64_t *id, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_check_write(ctx, e)) != MC_OK ||
	    (s = mc_ctx_require(ctx, MC_ACT_INTAKE, e)) != MC_OK)
		return s;
	if (id)
		*id = 0;
	applicant_vals av;
	char *reason = NULL;
	proc_info p;
	memset(&p, 0, sizeof p);
	if ((s = applicant_validate(&in->applicant, &av, e)) != MC_OK)
		goto out;
	if ((s = nfc_opt(in->reason, _("reason"), &reason, e)) != MC_OK)
		goto out;
	if (!reason) {
		s = mc_err_set(e, MC_ERR_INVALID,
		               in->kind == MC_COUNTER_GUIDE
		                       ? _("list what is missing with --reason (form 02 lists everything at once).")
		                       : _("the reasons for the refusal are required (--reason)."));
		goto out;
	}
	mc_db *db = ctx->db;
	if ((s = mc_db_begin_write(db, e)) != MC_OK)
		goto out;
	if (!blank(in->procedure_code)) {
		char pcode[MC_CODE_MAX];
		mc_code_normalise(in->procedure_code, pcode, sizeof pcode);
		if ((s = proc_lookup(ctx, pcode, &p, e)) != MC_OK)
			goto fail;
	}
	mc_time now = mc_ctx_now(ctx);
	int64_t applicant_id = 0;
	bool known = false;
	if (av.id_number[0] || av.name) {
		if ((s = applicant_upsert(ctx, in->applicant.organisation, &av, now, &applicant_id,
		                          &known, e)) != MC_OK)
			goto fail;
	}
	char name[MC_NAME_MAX] = "";
	if (av.name) {
		snprintf(name, sizeof name, "%s", av.name);
	} else if (applicant_id) {
		sqlite3_stmt *q;
		if ((s = mc_db_prepare(db, "SELECT name FROM applicants WHERE id = ?", &q, e)) != MC_OK)
			goto fail;
		sqlite3_bind_int64(q, 1, applicant_id);
		if (sqlite3_step(q) == SQLITE_ROW)
			mc_col_text(q, 0, name, sizeof name);
		sqlite3_finalize(q);
	}
	if (!name[0]) {
		s = mc_err_set(e, MC_ERR_INVALID, _("the applicant's name is required (--name)."));
		goto fail;
	}
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(db,
		"INSERT INTO counter_logs (kind, at, procedure_id, applicant_id, applicant_name, reason,"
		" actor) VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e)) != MC_OK)
		goto fail;
	sqlite3_bind_text(st, 1, in->kind == MC_COUNTER_GUIDE ? "guide" : "refuse", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	if (p.id)
		sqlite3_bind_int64(st, 3, p.id);
	if (applicant_id)
		sqlite3_bind_int64(st, 4, applicant_id);
	sqlite3_bind_text(st, 5, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, actor_of(ctx), -1, SQLITE_STATIC);
	if ((s = exec_simple(db, st, e)) != MC_OK)
		goto fail;
	int64_t log_id = sqlite3_last_insert_rowid(mc_db_handle(db));
	mc_event_row ev;
	event_init(&ev, in->kind == MC_COUNTER_GUIDE ? "guide" : "refuse", 0, now);
	ev.counter_log_id = log_id;
	ev.note = reason;
	if ((s = mc_event_insert(ctx, &ev, e)) != MC_OK)
		goto fail;
	if ((s = mc_db_commit(db, e)) != MC_OK)
		goto out;
	if (id)
		*id = log_id;
	goto out;
fail:
	mc_db_rollback(ctx->db);
out:
	proc_free(&p);
	free(reason);
	applicant_clear(&av);
	return s;
}

/* ---- transitions -------------------------------------------------------- */

/* Load a dossier for a transition inside the write transaction. */
static mc_status load_for_change(const mc_ctx *ctx, const char *code, mc_dossier *d, mc_err *e)
{
	if (blank(code))
		return mc_err_set(e, MC_ERR_INVALID, _("the dossier code is required."));
	return mc_dossier_load(ctx, code, d, e);
}

static mc_status refuse_state(const mc_dossier *d, const char *action, mc_err *e)
{
	return mc_err_set(e, MC_ERR_STATE, _("dossier %s is %s; it cannot be %s."), d->code,
	                  mc_dossier_status_label(d->status), action);
}

/* Budget (working minutes) of the step the dossier is in, -1 when its unit has none. */
static int64_t current_step_budget(const mc_ctx *ctx, const mc_dossier *d)
{
	if (d->step_seq <= 0)
		return -1;
	sqlite3_stmt *st;
	int64_t budget = -1;
	if (mc_db_prepare(ctx->db,
		"SELECT budget_minutes FROM procedure_steps WHERE procedure_id = ? AND version = ?"
		" AND seq = ? AND unit_code = ?", &st, NULL) != MC_OK)
		return -1;
	sqlite3_bind_int64(st, 1, d->procedure_id);
	sqlite3_bind_int(st, 2, d->procedure_version);
	sqlite3_bind_int(st, 3, d->step_seq);
	sqlite3_bind_text(st, 4, d->unit_code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		budget = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return budget;
}

/* Judge the step that ends now against its budget. */
static void judge_step(const mc_ctx *ctx, const mc_dossier *d, mc_time now, int64_t *budget,
                       mc_outcome *outcome)
{
	*budget = current_step_budget(ctx, d);
	*outcome = MC_OUTCOME_NONE;
	if (*budget >= 0) {
		mc_time step_due = mc_add_working_minutes(ctx->cal, d->stage_started, *budget);
		*outcome = mc_classify(ctx->cal, step_due, now);
	}
}

mc_status mc_dossier_remaining_budget(const mc_ctx *ctx, const mc_dossier *d, int64_t *minutes,
                                      mc_err *e)
{
	*minutes = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT coalesce(sum(budget_minutes), 0) FROM procedure_steps"
		" WHERE procedure_id = ? AND version = ? AND seq > ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, d->procedure_id);
	sqlite3_bind_int(st, 2, d->procedure_version);
	sqlite3_bind_int(st, 3, d->step_seq);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*minutes = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return mc_db_error(ctx->db, rc, e);
	int64_t cur = current_step_budget(ctx, d);
	if (cur > 0) {
		int64_t used = mc_working_minutes(ctx->cal, d->stage_started, mc_ctx_now(ctx));
		if (used < cur)
			*minutes += cur - used;
	}
	return MC_OK;
}

/* Run one UPDATE on the dossier row; text/time parameters bound by the caller's lambda-less list. */
static mc_status update_dossier(mc_db *db, const char *sql, int64_t id, const int64_t *ints,
                                const int *is_time, int nints, const char *text, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	for (int i = 0; i < nints; i++) {
		if (is_time && is_time[i])
			mc_bind_time(st, i + 1, ints[i]);
		else
			sqlite3_bind_int64(st, i + 1, ints[i]);
	}
	if (text)
		sqlite3_bind_text(st, nints + 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 100, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return mc_db_error(db, rc, e);
	return MC_OK;
}

/* Common frame: begin, load, call body, insert event, commit. */
typedef mc_status (*change_fn)(const mc_ctx *ctx, mc_dossier *d, void *arg, mc_event_row *ev,
                               mc_err *e);

static mc_status change(const mc_ctx *ctx, const char *code, change_fn fn, void *arg, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_check_write(ctx, e)) != MC_OK ||
	    (s = mc_ctx_require(ctx, MC_ACT_TRANSITION, e)) != MC_OK)
		return s;
	mc_dossier *d = malloc(sizeof *d);
	if (!d)
		return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	if ((s = mc_db_begin_write(ctx->db, e)) != MC_OK)
		goto out;
	if ((s = load_for_change(ctx, code, d, e)) != MC_OK)
		goto fail;
	mc_event_row ev;
	event_init(&ev, "note", d->id, mc_ctx_now(ctx));
	if ((s = fn(ctx, d, arg, &ev, e)) != MC_OK)
		goto fail;
	if ((s = mc_event_insert(ctx, &ev, e)) != MC_OK)
		goto fail;
	s = mc_db_commit(ctx->db, e);
	goto out;
fail:
	mc_db_rollback(ctx->db);
out:
	free(d);
	return s;
}

/* transfer */
typedef struct transfer_arg {
	const char *to;
	const char *note;
	mc_transfer_result *res;
	char to_code[MC_CODE_MAX];
	char *note_nfc;
} transfer_arg;

static mc_status do_transfer(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                             mc_err *e)
{
	transfer_arg *a = argp;
	if (d->status != MC_STATUS_RECEIVED && d->status != MC_STATUS_PROCESSING)
		return refuse_state(d, _("transferred"), e);
	int64_t unit_id;
	mc_status s = mc_unit_lookup(ctx, a->to, &unit_id, NULL, 0, e);
	if (s != MC_OK)
		return s;
	mc_code_normalise(a->to, a->to_code, sizeof a->to_code);
	if (strcmp(a->to_code, d->unit_code) == 0)
		return mc_err_set(e, MC_ERR_STATE, _("dossier %s is already at unit %s."), d->code,
		                  d->unit_code);
	mc_time now = ev->at;
	int64_t budget;
	mc_outcome outcome;
	judge_step(ctx, d, now, &budget, &outcome);
	mc_time effective = mc_handover_moment(ctx->cal, now);
	int step = step_for_unit(ctx->db, d->procedure_id, d->procedure_version, d->step_seq,
	                         a->to_code);
	int64_t ints[] = {unit_id, effective, step};
	s = update_dossier(ctx->db,
		"UPDATE dossiers SET unit_id = ?1, stage_started_at = ?2, step_seq = ?3,"
		" status = 'processing' WHERE id = ?100", d->id, ints, NULL, 3, NULL, e);
	if (s != MC_OK)
		return s;
	ev->kind = "transfer";
	ev->from_unit = d->unit_code;
	ev->to_unit = a->to_code;
	ev->note = a->note_nfc;
	ev->effective = effective;
	ev->step_budget = budget;
	ev->step_outcome = outcome;
	if (a->res) {
		snprintf(a->res->from_unit, sizeof a->res->from_unit, "%s", d->unit_code);
		snprintf(a->res->to_unit, sizeof a->res->to_unit, "%s", a->to_code);
		a->res->effective = effective;
		a->res->step_budget = budget;
		a->res->step_outcome = outcome;
	}
	return MC_OK;
}

mc_status mc_dossier_transfer(const mc_ctx *ctx, const char *code, const char *to_unit,
                              const char *note, mc_transfer_result *out, mc_err *e)
{
	if (blank(to_unit))
		return mc_err_set(e, MC_ERR_INVALID, _("the receiving unit is required (--to)."));
	transfer_arg a = {.to = to_unit, .note = note, .res = out};
	mc_status s = nfc_opt(note, _("note"), &a.note_nfc, e);
	if (s == MC_OK)
		s = change(ctx, code, do_transfer, &a, e);
	free(a.note_nfc);
	return s;
}

/* supplement */
typedef struct text_arg {
	char *text;
	bool flag;
	mc_time t;
	mc_outcome outcome;
	int rating;
	mc_result result;
	const mc_apology_input *apology;
	char *text2;
	char note_buf[160];
	char unit_buf[MC_CODE_MAX];
} text_arg;

static bool unit_is_desk(const mc_ctx *ctx, const char *code)
{
	int64_t id;
	char kind[16] = "";
	if (mc_unit_lookup(ctx, code, &id, kind, sizeof kind, NULL) != MC_OK)
		return false;
	return strcmp(kind, "desk") == 0;
}

static mc_status do_supplement(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                               mc_err *e)
{
	text_arg *a = argp;
	if (d->status != MC_STATUS_RECEIVED && d->status != MC_STATUS_PROCESSING)
		return d->status == MC_STATUS_SUPPLEMENT
		               ? mc_err_set(e, MC_ERR_STATE,
		                            _("dossier %s is already waiting for a supplement."), d->code)
		               : refuse_state(d, _("sent back for a supplement"), e);
	mc_time now = ev->at;
	mc_limit lim = {MC_UNIT_DAYS, ctx->cfg->supplement_days, -1};
	mc_time deadline;
	mc_status s = mc_due_compute(ctx->cal, d->received, &lim, &deadline, NULL, e);
	if (s != MC_OK)
		return s;
	a->flag = now > deadline;
	int64_t ints[] = {now, a->flag};
	s = update_dossier(ctx->db,
		"UPDATE dossiers SET status = 'supplement', supplement_requested_at = ?1,"
		" supplement_count = supplement_count + 1, supplement_late = max(supplement_late, ?2)"
		" WHERE id = ?100", d->id, ints, NULL, 2, NULL, e);
	if (s != MC_OK)
		return s;
	ev->kind = "supplement";
	ev->from_unit = d->unit_code;
	ev->note = a->text;
	return MC_OK;
}

mc_status mc_dossier_supplement(const mc_ctx *ctx, const char *code, const char *reason,
                                bool *late, mc_err *e)
{
	text_arg a = {0};
	mc_status s = nfc_opt(reason, _("reason"), &a.text, e);
	if (s == MC_OK && !a.text)
		s = mc_err_set(e, MC_ERR_INVALID,
		               _("say what is missing with --reason (the request lists everything at once)."));
	if (s == MC_OK)
		s = change(ctx, code, do_supplement, &a, e);
	if (s == MC_OK && late)
		*late = a.flag;
	free(a.text);
	return s;
}

/* resume */
static mc_status do_resume(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                           mc_err *e)
{
	text_arg *a = argp;
	if (d->status != MC_STATUS_SUPPLEMENT || d->supplement_requested == MC_TIME_NONE)
		return mc_err_set(e, MC_ERR_STATE,
		                  _("dossier %s is not waiting for a supplement; nothing to resume."),
		                  d->code);
	mc_time now = ev->at;
	mc_trail trail;
	mc_trail_init(&trail);
	mc_time due, orig;
	mc_status s;
	char when[17];
	mc_time_format(now, when);
	if (ctx->cfg->supplement_mode == MC_SUPPLEMENT_PAUSE) {
		/* Keep the old explanation and add the extension. */
		sqlite3_stmt *st;
		if ((s = mc_db_prepare(ctx->db, "SELECT due_trail FROM dossiers WHERE id = ?", &st, e)) != MC_OK)
			goto out;
		sqlite3_bind_int64(st, 1, d->id);
		if (sqlite3_step(st) == SQLITE_ROW)
			s = mc_trail_from_json((const char *)sqlite3_column_text(st, 0), &trail, e);
		sqlite3_finalize(st);
		if (s != MC_OK)
			goto out;
		mc_trail_add(&trail, _("Supplement received at %s: the clock was paused while waiting."), when);
		if ((s = mc_due_extend_pause(ctx->cal, d->due, d->supplement_requested, now, &due, &trail,
		                             e)) != MC_OK)
			goto out;
		if ((s = mc_due_extend_pause(ctx->cal, d->original_due, d->supplement_requested, now,
		                             &orig, NULL, e)) != MC_OK)
			goto out;
	} else {
		mc_trail_add(&trail, _("Supplement received at %s: the time limit restarts from zero."), when);
		if ((s = mc_due_compute(ctx->cal, now, &d->limit, &due, &trail, e)) != MC_OK)
			goto out;
		orig = due;
	}
	char *json = mc_trail_to_json(&trail);
	if (!json) {
		s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		goto out;
	}
	bool at_desk = unit_is_desk(ctx, d->unit_code);
	int64_t ints[] = {due, orig};
	s = update_dossier(ctx->db,
		at_desk ? "UPDATE dossiers SET status = 'received', due_at = ?1, original_due_at = ?2,"
		          " supplement_requested_at = NULL, due_trail = ?3 WHERE id = ?100"
		        : "UPDATE dossiers SET status = 'processing', due_at = ?1, original_due_at = ?2,"
		          " supplement_requested_at = NULL, due_trail = ?3 WHERE id = ?100",
		d->id, ints, NULL, 2, json, e);
	free(json);
	if (s != MC_OK)
		goto out;
	a->t = due;
	ev->kind = "resume";
	ev->to_unit = d->unit_code;
	char buf[17];
	mc_time_format(due, buf);
	snprintf(a->note_buf, sizeof a->note_buf, _("new due %s"), buf);
	ev->note = a->note_buf;
out:
	mc_trail_free(&trail);
	return s;
}

mc_status mc_dossier_resume(const mc_ctx *ctx, const char *code, mc_time *new_due, mc_err *e)
{
	text_arg a = {0};
	mc_status s = change(ctx, code, do_resume, &a, e);
	if (s == MC_OK && new_due)
		*new_due = a.t;
	return s;
}

/* finish */
static mc_status do_finish(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                           mc_err *e)
{
	text_arg *a = argp;
	switch (d->status) {
	case MC_STATUS_RECEIVED:
	case MC_STATUS_PROCESSING:
		break;
	case MC_STATUS_SUPPLEMENT:
		return mc_err_set(e, MC_ERR_STATE,
		                  _("dossier %s is waiting for a supplement; record its arrival with "
		                    "\"resume\" first."),
		                  d->code);
	case MC_STATUS_READY:
		return mc_err_set(e, MC_ERR_STATE, _("dossier %s already has its result."), d->code);
	default:
		return refuse_state(d, _("given a result"), e);
	}
	mc_time now = ev->at;
	int64_t desk_id;
	char desk_code[MC_CODE_MAX];
	mc_status s = desk_unit(ctx, &desk_id, desk_code, sizeof desk_code, e);
	if (s != MC_OK)
		return s;
	int64_t budget;
	mc_outcome step_outcome;
	judge_step(ctx, d, now, &budget, &step_outcome);
	/* Judged against the due before any apology: an apology does not make it on time. */
	a->outcome = mc_classify(ctx->cal, d->original_due, now);
	int step = step_for_unit(ctx->db, d->procedure_id, d->procedure_version, d->step_seq,
	                         desk_code);
	int64_t ints[] = {now, desk_id, step};
	char text[64];
	snprintf(text, sizeof text, "%s", mc_result_name(a->result));
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(ctx->db,
		"UPDATE dossiers SET status = 'ready', finished_at = ?1, unit_id = ?2, step_seq = ?3,"
		" stage_started_at = ?1, result = ?4, outcome = ?5 WHERE id = ?6", &st, e)) != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, ints[0]);
	sqlite3_bind_int64(st, 2, ints[1]);
	sqlite3_bind_int64(st, 3, ints[2]);
	sqlite3_bind_text(st, 4, text, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, mc_outcome_name(a->outcome), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, d->id);
	if ((s = exec_simple(ctx->db, st, e)) != MC_OK)
		return s;
	ev->kind = "finish";
	ev->from_unit = d->unit_code;
	snprintf(a->note_buf, sizeof a->note_buf, "%s", text);
	/* to_unit must outlive this frame. */
	snprintf(a->unit_buf, sizeof a->unit_buf, "%s", desk_code);
	ev->to_unit = a->unit_buf;
	ev->note = a->note_buf;
	ev->step_budget = budget;
	ev->step_outcome = step_outcome;
	return MC_OK;
}

mc_status mc_dossier_finish(const mc_ctx *ctx, const char *code, mc_result result,
                            mc_outcome *outcome, mc_err *e)
{
	if (result != MC_RESULT_APPROVED && result != MC_RESULT_REFUSED)
		return mc_err_set(e, MC_ERR_INVALID, _("the result must be approved or refused."));
	text_arg a = {0};
	a.result = result;
	mc_status s = change(ctx, code, do_finish, &a, e);
	if (s == MC_OK && outcome)
		*outcome = a.outcome;
	return s;
}

/* handover */
static mc_status do_handover(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                             mc_err *e)
{
	text_arg *a = argp;
	if (d->status == MC_STATUS_RECEIVED || d->status == MC_STATUS_PROCESSING ||
	    d->status == MC_STATUS_SUPPLEMENT)
		return mc_err_set(e, MC_ERR_STATE,
		                  _("dossier %s has no result yet; record it with \"finish\" before "
		                    "handing it over."),
		                  d->code);
	if (d->status != MC_STATUS_READY)
		return refuse_state(d, _("handed over"), e);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"UPDATE dossiers SET status = 'returned', returned_at = ?1, rating = ?2 WHERE id = ?3",
		&st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, ev->at);
	if (a->rating)
		sqlite3_bind_int(st, 2, a->rating);
	sqlite3_bind_int64(st, 3, d->id);
	if ((s = exec_simple(ctx->db, st, e)) != MC_OK)
		return s;
	(void)ctx;
	ev->kind = "handover";
	ev->from_unit = d->unit_code;
	if (a->rating) {
		snprintf(a->note_buf, sizeof a->note_buf, _("rating %d"), a->rating);
		ev->note = a->note_buf;
	}
	return MC_OK;
}

mc_status mc_dossier_handover(const mc_ctx *ctx, const char *code, int rating, mc_err *e)
{
	if (rating < 0 || rating > 3)
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("the rating must be 1 (not satisfied), 2 (satisfied) or 3 (very "
		                    "satisfied), not %d."),
		                  rating);
	text_arg a = {0};
	a.rating = rating;
	return change(ctx, code, do_handover, &a, e);
}

/* stop and withdraw */
static mc_status do_close(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                          mc_err *e)
{
	text_arg *a = argp;
	bool stop = a->flag;
	if (!mc_dossier_status_open(d->status))
		return refuse_state(d, stop ? _("stopped") : _("withdrawn"), e);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		stop ? "UPDATE dossiers SET status = 'stopped', closed_at = ?1,"
		       " supplement_requested_at = NULL WHERE id = ?2"
		     : "UPDATE dossiers SET status = 'withdrawn', closed_at = ?1,"
		       " supplement_requested_at = NULL WHERE id = ?2",
		&st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, ev->at);
	sqlite3_bind_int64(st, 2, d->id);
	if ((s = exec_simple(ctx->db, st, e)) != MC_OK)
		return s;
	/* The stop letter's number (form 05) is given now, never reserved in advance. */
	if (stop && (s = mc_document_assign(ctx->db, d->id, "stop", ev->at, NULL, e)) != MC_OK)
		return s;
	ev->kind = stop ? "stop" : "withdraw";
	ev->from_unit = d->unit_code;
	ev->note = a->text;
	return MC_OK;
}

mc_status mc_dossier_stop(const mc_ctx *ctx, const char *code, const char *reason, mc_err *e)
{
	text_arg a = {0};
	a.flag = true;
	mc_status s = nfc_opt(reason, _("reason"), &a.text, e);
	if (s == MC_OK && !a.text)
		s = mc_err_set(e, MC_ERR_INVALID, _("the reason for stopping is required (--reason)."));
	if (s == MC_OK)
		s = change(ctx, code, do_close, &a, e);
	free(a.text);
	return s;
}

mc_status mc_dossier_withdraw(const mc_ctx *ctx, const char *code, const char *reason, mc_err *e)
{
	text_arg a = {0};
	mc_status s = nfc_opt(reason, _("reason"), &a.text, e);
	if (s == MC_OK)
		s = change(ctx, code, do_close, &a, e);
	free(a.text);
	return s;
}

/* apology */
static mc_status do_apologize(const mc_ctx *ctx, mc_dossier *d, void *argp, mc_event_row *ev,
                              mc_err *e)
{
	text_arg *a = argp;
	const mc_apology_input *in = a->apology;
	if (d->has_apology) {
		char when[17];
		mc_time_format(d->apology.at, when);
		return mc_err_set(e, MC_ERR_EXISTS,
		                  _("dossier %s already has an apology (recorded %s); the return date "
		                    "can be reset only once."),
		                  d->code, when);
	}
	if (!mc_dossier_status_open(d->status))
		return refuse_state(d, _("given an apology"), e);
	if (in->new_due <= d->due) {
		char nd[17], cd[17];
		mc_time_format(in->new_due, nd);
		mc_time_format(d->due, cd);
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("the new due %s must be after the current due %s."), nd, cd);
	}
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"INSERT INTO apologies (dossier_id, reason, old_due, new_due, signer, notified_by, at,"
		" actor, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_text(st, 2, a->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, d->due);
	sqlite3_bind_int64(st, 4, in->new_due);
	mc_bind_text(st, 5, a->text2);
	mc_bind_text(st, 6, mc_notify_name(in->notified_by));
	sqlite3_bind_int64(st, 7, ev->at);
	sqlite3_bind_text(st, 8, actor_of(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, mc_clock_real_now());
	if ((s = exec_simple(ctx->db, st, e)) != MC_OK)
		return s;
	/* The letter's number (form 04) is given now, never reserved in advance. */
	if ((s = mc_document_assign(ctx->db, d->id, "apology", ev->at, NULL, e)) != MC_OK)
		return s;
	/* original_due_at is kept: the dossier still counts as late. */
	int64_t ints[] = {in->new_due};
	if ((s = update_dossier(ctx->db, "UPDATE dossiers SET due_at = ?1 WHERE id = ?100", d->id,
	                        ints, NULL, 1, NULL, e)) != MC_OK)
		return s;
	ev->kind = "apology";
	ev->from_unit = d->unit_code;
	ev->note = a->text;
	ev->effective = in->new_due;
	return MC_OK;
}

mc_status mc_dossier_apologize(const mc_ctx *ctx, const char *code, const mc_apology_input *in,
                               mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_require(ctx, MC_ACT_APOLOGY, e)) != MC_OK)
		return s; /* only a supervisor or an administrator signs off an apology */
	text_arg a = {0};
	a.apology = in;
	s = nfc_opt(in->reason, _("reason"), &a.text, e);
	if (s == MC_OK && !a.text)
		s = mc_err_set(e, MC_ERR_INVALID, _("the reason for the delay is required (--reason)."));
	if (s == MC_OK)
		s = nfc_opt(in->signer, _("signer"), &a.text2, e);
	if (s == MC_OK && in->new_due == MC_TIME_NONE)
		s = mc_err_set(e, MC_ERR_INVALID, _("the new due moment is required (--new-due)."));
	if (s == MC_OK && (unsigned)in->notified_by > MC_NOTIFY_LETTER)
		s = mc_err_set(e, MC_ERR_INVALID, _("unknown way of notice."));
	if (s == MC_OK)
		s = change(ctx, code, do_apologize, &a, e);
	free(a.text);
	free(a.text2);
	return s;
}
