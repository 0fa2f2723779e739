/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading dossiers, their events and trail, units and procedures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/text.h"
#include "store/dossier_internal.h"

static int parse_enum(const char *s, const char *const *names, int n, int dflt)
{
	if (!s)
		return dflt;
	for (int i = 0; i < n; i++)
		if (names[i] && strcmp(s, names[i]) == 0)
			return i;
	return dflt;
}

static const char *const status_names[] = {"received", "processing", "supplement", "ready",
                                           "returned", "stopped", "withdrawn"};
static const char *const channel_names[] = {"direct", "postal", "online"};
static const char *const result_names[] = {NULL, "approved", "refused"};
static const char *const outcome_names[] = {NULL, "early", "on_time", "late"};
static const char *const notify_names[] = {NULL, "phone", "sms", "email", "letter"};

#define TXT(i) ((const char *)sqlite3_column_text(st, (i)))

void mc_dossier_read_row(sqlite3_stmt *st, mc_dossier *d)
{
	memset(d, 0, sizeof *d);
	d->id = sqlite3_column_int64(st, 0);
	mc_col_text(st, 1, d->code, sizeof d->code);
	d->register_year = sqlite3_column_int(st, 2);
	d->register_no = sqlite3_column_int(st, 3);
	mc_col_text(st, 4, d->procedure_code, sizeof d->procedure_code);
	mc_col_text(st, 5, d->procedure_name, sizeof d->procedure_name);
	mc_col_text(st, 6, d->field, sizeof d->field);
	d->limit.unit = MC_UNIT_DAYS;
	if (TXT(7))
		mc_limit_unit_parse(TXT(7), &d->limit.unit, NULL);
	d->limit.amount = sqlite3_column_int(st, 8);
	d->limit.cutoff = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
	d->applicant_id = sqlite3_column_int64(st, 10);
	d->applicant_organisation = TXT(11) && strcmp(TXT(11), "organisation") == 0;
	mc_col_text(st, 12, d->applicant_name, sizeof d->applicant_name);
	mc_col_text(st, 13, d->id_number, sizeof d->id_number);
	mc_col_text(st, 14, d->tax_code, sizeof d->tax_code);
	mc_col_text(st, 15, d->phone, sizeof d->phone);
	mc_col_text(st, 16, d->address, sizeof d->address);
	mc_col_text(st, 17, d->email, sizeof d->email);
	d->channel = (mc_channel)parse_enum(TXT(18), channel_names, 3, 0);
	d->sets = sqlite3_column_int(st, 19);
	d->received = mc_col_time(st, 20);
	d->due = mc_col_time(st, 21);
	d->original_due = mc_col_time(st, 22);
	d->status = (mc_dossier_status)parse_enum(TXT(23), status_names, 7, 0);
	mc_col_text(st, 24, d->unit_code, sizeof d->unit_code);
	mc_col_text(st, 25, d->unit_name, sizeof d->unit_name);
	d->stage_started = mc_col_time(st, 26);
	d->result = (mc_result)parse_enum(TXT(27), result_names, 3, 0);
	d->outcome = (mc_outcome)parse_enum(TXT(28), outcome_names, 4, 0);
	d->finished = mc_col_time(st, 29);
	d->returned = mc_col_time(st, 30);
	d->closed = mc_col_time(st, 31);
	d->rating = sqlite3_column_int(st, 32);
	d->digitised = sqlite3_column_int(st, 33);
	d->paid_online = sqlite3_column_int(st, 34);
	d->e_result = sqlite3_column_int(st, 35);
	d->supplement_requested = mc_col_time(st, 36);
	d->supplement_count = sqlite3_column_int(st, 37);
	d->supplement_late = sqlite3_column_int(st, 38);
	d->has_apology = sqlite3_column_type(st, 39) != SQLITE_NULL;
	if (d->has_apology) {
		mc_col_text(st, 40, d->apology.reason, sizeof d->apology.reason);
		d->apology.old_due = mc_col_time(st, 41);
		d->apology.new_due = mc_col_time(st, 42);
		d->apology.at = mc_col_time(st, 43);
		mc_col_text(st, 44, d->apology.signer, sizeof d->apology.signer);
		d->apology.notified_by = (mc_notify)parse_enum(TXT(45), notify_names, 5, 0);
		mc_col_text(st, 46, d->apology.actor, sizeof d->apology.actor);
	} else {
		d->apology.old_due = d->apology.new_due = d->apology.at = MC_TIME_NONE;
	}
	d->procedure_id = sqlite3_column_int64(st, 47);
	d->procedure_version = sqlite3_column_int(st, 48);
	d->step_seq = sqlite3_column_int(st, 49);
}

mc_status mc_dossier_load(const mc_ctx *ctx, const char *code, mc_dossier *d, mc_err *e)
{
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, MC_DOSSIER_SELECT " WHERE d.code = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		mc_dossier_read_row(st, d);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no dossier with code \"%s\"."),
		                  code ? code : "");
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(ctx->db, rc, e);
}

mc_status mc_dossier_get(const mc_ctx *ctx, const char *code, mc_dossier *out, mc_err *e)
{
	if (!ctx || !ctx->db)
		return mc_err_set(e, MC_ERR_INVALID, _("internal error: incomplete context."));
	return mc_dossier_load(ctx, code, out, e);
}

mc_status mc_dossier_trail(const mc_ctx *ctx, const char *code, mc_trail *trail, mc_err *e)
{
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db, "SELECT due_trail FROM dossiers WHERE code = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		s = mc_trail_from_json(TXT(0), trail, e);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no dossier with code \"%s\"."),
		                  code ? code : "");
	return rc == SQLITE_ROW ? s : mc_db_error(ctx->db, rc, e);
}

mc_status mc_dossier_events(const mc_ctx *ctx, const char *code, mc_event **out, size_t *n,
                            mc_err *e)
{
	*out = NULL;
	*n = 0;
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT e.id, e.dossier_id, e.kind, e.at, e.recorded_at, e.backdated, e.actor,"
		" e.from_unit, e.to_unit, e.note, e.effective_at, e.step_budget, e.step_outcome,"
		" (SELECT count(*) FROM dossiers WHERE code = ?1)"
		" FROM events e WHERE e.dossier_id = (SELECT id FROM dossiers WHERE code = ?1)"
		" ORDER BY e.id", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			mc_event *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				sqlite3_finalize(st);
				free(*out);
				*out = NULL;
				*n = 0;
				return mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
			}
			*out = nb;
		}
		mc_event *ev = &(*out)[(*n)++];
		memset(ev, 0, sizeof *ev);
		ev->id = sqlite3_column_int64(st, 0);
		ev->dossier_id = sqlite3_column_int64(st, 1);
		mc_col_text(st, 2, ev->kind, sizeof ev->kind);
		ev->at = mc_col_time(st, 3);
		ev->recorded_at = mc_col_time(st, 4);
		ev->backdated = sqlite3_column_int(st, 5);
		mc_col_text(st, 6, ev->actor, sizeof ev->actor);
		mc_col_text(st, 7, ev->from_unit, sizeof ev->from_unit);
		mc_col_text(st, 8, ev->to_unit, sizeof ev->to_unit);
		mc_col_text(st, 9, ev->note, sizeof ev->note);
		ev->effective = mc_col_time(st, 10);
		ev->step_budget = sqlite3_column_type(st, 11) == SQLITE_NULL ? -1
		                                                             : sqlite3_column_int64(st, 11);
		ev->step_outcome = (mc_outcome)parse_enum(TXT(12), outcome_names, 4, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	if (*n == 0) {
		mc_dossier d;
		return mc_dossier_load(ctx, code, &d, e);
	}
	return MC_OK;
}

mc_status mc_unit_list(const mc_ctx *ctx, mc_unit **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT id, code, name, kind FROM units WHERE active = 1 ORDER BY sort, code", &st, e);
	if (s != MC_OK)
		return s;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			mc_unit *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = nb;
		}
		mc_unit *u = &(*out)[(*n)++];
		u->id = sqlite3_column_int64(st, 0);
		mc_col_text(st, 1, u->code, sizeof u->code);
		mc_col_text(st, 2, u->name, sizeof u->name);
		mc_col_text(st, 3, u->kind, sizeof u->kind);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	return MC_OK;
}

/* "abc" -> "abd": upper bound of a prefix range (NULL when no bound). */
static char *prefix_upper(const char *p)
{
	size_t n = strlen(p);
	char *u = malloc(n + 1);
	if (!u)
		return NULL;
	memcpy(u, p, n + 1);
	while (n > 0) {
		unsigned char c = (unsigned char)u[n - 1];
		if (c < 0xFF) {
			u[n - 1] = (char)(c + 1);
			u[n] = '\0';
			return u;
		}
		n--;
	}
	free(u);
	return NULL;
}

mc_status mc_field_resolve(const mc_ctx *ctx, const char *text, char *out, size_t size,
                           mc_err *e)
{
	out[0] = '\0';
	char *w = mc_text_fold(text ? text : "");
	if (!w || !*w) {
		free(w);
		return mc_err_set(e, MC_ERR_INVALID, _("No field of the catalogue matches \"%s\"."),
		                  text ? text : "");
	}
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT DISTINCT field FROM procedures WHERE field <> '' ORDER BY field", &st, e);
	if (s != MC_OK) {
		free(w);
		return s;
	}
	int matches = 0, rc;
	bool exact = false;
	while (!exact && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *field = (const char *)sqlite3_column_text(st, 0);
		char *f = mc_text_fold(field);
		exact = f && strcmp(f, w) == 0;
		if (exact || (f && strstr(f, w))) {
			matches++;
			snprintf(out, size, "%s", field);
		}
		free(f);
	}
	sqlite3_finalize(st);
	free(w);
	if (exact || matches == 1)
		return MC_OK;
	out[0] = '\0';
	return matches ? mc_err_set(e, MC_ERR_INVALID,
	                            _("Several fields match \"%s\": type more of the name."), text)
	               : mc_err_set(e, MC_ERR_NOT_FOUND,
	                            _("No field of the catalogue matches \"%s\"."), text);
}

mc_status mc_procedure_list(const mc_ctx *ctx, const char *search, mc_procedure_row **out,
                            size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	char *fold = NULL, *upper = NULL, *code_lo = NULL, *code_hi = NULL;
	if (search && *search) {
		fold = mc_text_fold(search);
		if (!fold)
			return mc_err_set(e, MC_ERR_INVALID, _("the search text is not valid UTF-8."));
		upper = prefix_upper(fold);
		code_lo = strdup(search);
		if (code_lo)
			code_hi = prefix_upper(code_lo);
	}
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT id, code, name, field, level, limit_unit, limit_amount, online_unit,"
		" online_amount, same_day_cutoff, fee, version FROM procedures WHERE active = 1 AND"
		" (?1 IS NULL OR (name_fold >= ?1 AND name_fold < ?2) OR (code >= ?3 AND code < ?4)"
		"  OR instr(' ' || name_fold, ' ' || ?1) > 0)"
		" ORDER BY code", &st, e);
	if (s != MC_OK)
		goto done;
	mc_bind_text(st, 1, fold);
	mc_bind_text(st, 2, upper ? upper : fold);
	mc_bind_text(st, 3, code_lo);
	mc_bind_text(st, 4, code_hi ? code_hi : code_lo);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			mc_procedure_row *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = nb;
		}
		mc_procedure_row *p = &(*out)[(*n)++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(st, 0);
		mc_col_text(st, 1, p->code, sizeof p->code);
		mc_col_text(st, 2, p->name, sizeof p->name);
		mc_col_text(st, 3, p->field, sizeof p->field);
		mc_col_text(st, 4, p->level, sizeof p->level);
		mc_limit_unit_parse(TXT(5), &p->limit.unit, NULL);
		p->limit.amount = sqlite3_column_int(st, 6);
		p->limit.cutoff = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 9);
		p->has_online_limit = sqlite3_column_type(st, 7) != SQLITE_NULL;
		p->online_limit = p->limit;
		if (p->has_online_limit) {
			mc_limit_unit_parse(TXT(7), &p->online_limit.unit, NULL);
			p->online_limit.amount = sqlite3_column_int(st, 8);
		}
		mc_col_text(st, 10, p->fee, sizeof p->fee);
		p->version = sqlite3_column_int(st, 11);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		s = mc_db_error(ctx->db, rc, e);
	}
done:
	free(fold);
	free(upper);
	free(code_lo);
	free(code_hi);
	return s;
}

char *mc_procedure_documents(const mc_ctx *ctx, const char *code, mc_err *e)
{
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	sqlite3_stmt *st;
	if (mc_db_prepare(ctx->db, "SELECT documents FROM procedures WHERE code = ?", &st, e) != MC_OK)
		return NULL;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	char *out = NULL;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out = strdup(TXT(0) ? TXT(0) : "");
		if (!out)
			mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
	} else if (rc == SQLITE_DONE) {
		mc_err_set(e, MC_ERR_NOT_FOUND, _("unknown procedure code \"%s\"; see \"motcua catalog list\"."),
		           code ? code : "");
	} else {
		mc_db_error(ctx->db, rc, e);
	}
	sqlite3_finalize(st);
	return out;
}
