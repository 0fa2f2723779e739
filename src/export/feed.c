/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Feeding the workbook writer from the database: the period is parsed, the
 * national table comes from mc_report_build() (so the workbook shows the
 * same numbers as `motcua report --json`), built on a second read-only
 * connection and thread while the lists stream, the register sheet is streamed
 * row by row from one ordered pass of the store (mc_register_open: the
 * dossiers with their first hand-over joined in, no query per row) and the
 * overdue sheet page by page through the query API: memory holds one row
 * (register) or one page (overdue), whatever the period.
 *
 * Used by `motcua export` and by the export key of the reports screen.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/export.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/query.h"
#include "motcua/report.h"
#include "motcua/store.h"

#define PAGE 500

/* ---- unit names -------------------------------------------------------- */

typedef struct units {
	mc_unit *v;
	size_t n;
} units;

static const char *unit_name(const units *u, const char *code)
{
	if (!code || !*code)
		return NULL;
	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->v[i].code, code) == 0)
			return u->v[i].name;
	return code;
}

/* ---- the register: dossiers received in the period, in register order -- */

/*
 * One ordered pass (mc_register_open): each row is handed to the writer as
 * it is read, with its first hand-over joined in by the store; nothing is
 * held but the current row.
 */
/* Empty text is no text (NULL), as the writer expects. */
static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

typedef struct reg_feed {
	const mc_ctx *ctx;
	const units *units;
	mc_date from, to;
	mc_register_cursor *cur;
	bool done;
	size_t count;
	mc_export_dossier out;
} reg_feed;

static mc_status reg_next(void *ctx, const mc_export_dossier **row, mc_err *e)
{
	reg_feed *f = ctx;
	*row = NULL;
	if (f->done)
		return MC_OK;
	mc_status s;
	if (!f->cur && (s = mc_register_open(f->ctx, mc_time_make(f->from, 0),
	                                     mc_time_make(f->to + 1, 0), &f->cur, e)) != MC_OK)
		return s;
	const mc_register_row *r;
	if ((s = mc_register_next(f->cur, &r, e)) != MC_OK)
		return s;
	if (!r) {
		/* Ended before the overdue sheet reads the lists. */
		mc_register_close(f->cur);
		f->cur = NULL;
		f->done = true;
		return MC_OK;
	}
	const mc_dossier *dd = &r->d;
	f->count++;
	mc_export_dossier *d = &f->out;
	memset(d, 0, sizeof *d);
	d->register_no = dd->register_no;
	d->code = nz(dd->code);
	d->procedure = nz(dd->procedure_name);
	d->field = nz(dd->field);
	d->sets = dd->sets;
	d->applicant = nz(dd->applicant_name);
	d->id_number = nz(dd->id_number);
	d->address = nz(dd->address);
	d->phone = nz(dd->phone);
	d->channel = mc_channel_label(dd->channel);
	d->lead_unit = nz(unit_name(f->units, r->sent_unit));
	d->status = mc_dossier_status_label(dd->status);
	d->received = dd->received;
	d->due = dd->due;
	d->original_due = MC_TIME_NONE;
	d->sent_to_unit = r->sent;
	d->result_back = dd->finished;
	d->returned = dd->returned;
	d->note = dd->has_apology ? nz(dd->apology.reason) : NULL;
	d->apology_at = d->apology_deadline = MC_TIME_NONE;
	*row = d;
	return MC_OK;
}

/* ---- overdue, then at risk, at the moment the workbook is made --------- */

typedef struct ovd_feed {
	const mc_ctx *ctx;
	const units *units;
	int phase;           /* 0 overdue, 1 at risk, 2 done */
	mc_query q;
	mc_dossier *page;
	size_t n, next;
	bool more;
	mc_time now;
	size_t count;
	mc_export_dossier out;
} ovd_feed;

static void ovd_start(ovd_feed *f)
{
	mc_query_init(&f->q);
	f->q.kind = f->phase == 0 ? MC_LIST_OVERDUE : MC_LIST_AT_RISK;
	f->q.sort = MC_SORT_DUE;
	f->q.limit = PAGE;
	f->n = f->next = 0;
	f->more = true;
}

static mc_status ovd_next(void *ctx, const mc_export_dossier **row, mc_err *e)
{
	ovd_feed *f = ctx;
	const mc_dossier *d = NULL;
	while (!d) {
		if (f->phase >= 2) {
			*row = NULL;
			return MC_OK;
		}
		if (f->next < f->n) {
			d = &f->page[f->next++];
			/* The at-risk list also holds the overdue ones, already listed. */
			if (f->phase == 1 && mc_is_overdue(f->ctx->cal, d->due, f->now))
				d = NULL;
			continue;
		}
		if (!f->more) {
			f->phase++;
			if (f->phase < 2)
				ovd_start(f);
			continue;
		}
		mc_cursor next;
		mc_status s = mc_dossier_list(f->ctx, &f->q, f->page, &f->n, &next, e);
		if (s != MC_OK)
			return s;
		f->next = 0;
		f->more = next.set;
		f->q.after = next;
	}
	bool overdue = f->phase == 0;
	f->count++;
	mc_export_dossier *o = &f->out;
	memset(o, 0, sizeof *o);
	o->register_no = d->register_no;
	o->code = d->code;
	o->procedure = d->procedure_name;
	o->field = d->field;
	o->sets = d->sets;
	o->applicant = d->applicant_name;
	o->phone = d->phone;
	o->current_unit = d->unit_name[0] ? d->unit_name : unit_name(f->units, d->unit_code);
	o->status = mc_dossier_status_label(d->status);
	o->received = d->received;
	o->due = d->due;
	o->original_due = d->has_apology ? d->apology.old_due : MC_TIME_NONE;
	o->sent_to_unit = o->result_back = o->returned = MC_TIME_NONE;
	o->overdue = overdue;
	o->days_late = overdue ? mc_days_late(f->ctx->cal, d->due, f->now) : 0;
	o->apology = d->has_apology;
	o->apology_at = d->has_apology ? d->apology.at : MC_TIME_NONE;
	o->apology_deadline = mc_apology_deadline(f->ctx->cal, d->has_apology ? d->apology.old_due : d->due);
	o->apology_reason = d->has_apology ? d->apology.reason : NULL;
	*row = o;
	return MC_OK;
}

/* ---- the whole export -------------------------------------------------- */

static void counts_from(const int64_t *n, mc_export_counts *c)
{
	c->received_total = n[MC_RC_RECEIVED_TOTAL];
	c->received_online = n[MC_RC_RECEIVED_ONLINE];
	c->received_direct_postal = n[MC_RC_RECEIVED_DIRECT_POSTAL];
	c->carried_over = n[MC_RC_CARRIED_OVER];
	c->resolved_total = n[MC_RC_RESOLVED_TOTAL];
	c->resolved_early = n[MC_RC_RESOLVED_EARLY];
	c->resolved_on_time = n[MC_RC_RESOLVED_ON_TIME];
	c->resolved_late = n[MC_RC_RESOLVED_LATE];
	c->pending_total = n[MC_RC_PENDING_TOTAL];
	c->pending_within = n[MC_RC_PENDING_WITHIN];
	c->pending_overdue = n[MC_RC_PENDING_OVERDUE];
	c->stopped_withdrawn = n[MC_RC_STOPPED_WITHDRAWN];
}

static void ratio_from(const mc_rate *r, mc_export_ratio *x)
{
	x->valid = r->valid;
	x->percent = r->valid ? mc_rate_round(r) : 0;
	x->num = r->num;
	x->den = r->den;
}

/*
 * The national table of the period, built while the lists stream: on a
 * second, read-only connection and thread when the database is a file
 * (the writer only needs it after the register and overdue sheets), else
 * on the caller's connection when the writer asks for it.
 */
typedef struct table_job {
	mc_ctx ctx; /* the caller's, with its own connection when threaded */
	mc_db *db;  /* that connection */
	mc_date from, to;
	mc_report *rep;
	mc_status status;
	mc_err err;
	bool threaded;
	pthread_t thread;
	mc_export_row *rows;
} table_job;

static void *table_build(void *arg)
{
	table_job *j = arg;
	j->status = mc_report_build(&j->ctx, j->from, j->to, MC_REPORT_BY_FIELD, &j->rep, &j->err);
	return NULL;
}

/*
 * Every sheet must show the same state of the database, to the dossier,
 * while clerks go on working: the caller's connection and the table's are
 * put in read transactions on one state (mc_db_read_pair), and the caller's
 * stays in it for the lists until mc_export_period ends. When no common
 * state can be had (commits keep landing in between), or there is no
 * second connection, the table is built on the caller's connection, in its
 * transaction, after the lists. Fails only when the caller's connection
 * cannot begin reading.
 */
static mc_status table_start(table_job *j, const mc_ctx *ctx, mc_date from, mc_date to,
                             bool *reading, mc_err *e)
{
	memset(j, 0, sizeof *j);
	j->ctx = *ctx;
	j->from = from;
	j->to = to;
	mc_err_clear(&j->err);
	const char *path = mc_db_path(ctx->db);
	mc_err ignored;
	bool same = false;
	if (path && *path && strcmp(path, ":memory:") != 0 &&
	    mc_db_open(path, MC_DB_READONLY, &j->db, &ignored) == MC_OK) {
		mc_status s = mc_db_read_pair(ctx->db, j->db, &same, reading, e);
		if (s != MC_OK) {
			mc_db_close(j->db);
			j->db = NULL;
			return s;
		}
		if (same) {
			j->ctx.db = j->db;
			if (pthread_create(&j->thread, NULL, table_build, j) == 0) {
				j->threaded = true;
				return MC_OK;
			}
			j->ctx.db = ctx->db;
		}
		mc_db_close(j->db); /* ends its read transaction */
		j->db = NULL;
		return MC_OK; /* the caller's connection is reading: the table comes after the lists */
	}
	return mc_db_read_begin(ctx->db, reading, e);
}

/* Wait for the table (or build it now); its status. */
static mc_status table_wait(table_job *j)
{
	if (j->threaded) {
		pthread_join(j->thread, NULL);
		j->threaded = false;
		mc_db_close(j->db);
		j->db = NULL;
	} else if (!j->rep && j->status == MC_OK) {
		table_build(j);
	}
	return j->status;
}

static void table_end(table_job *j)
{
	if (j->threaded) {
		pthread_join(j->thread, NULL);
		mc_db_close(j->db);
	}
	mc_report_free(j->rep);
	free(j->rows);
}

/* mc_export_input.complete: the table part of the input from the report. */
static mc_status table_complete(void *ctx, mc_export_input *in, mc_err *e)
{
	table_job *j = ctx;
	if (table_wait(j) != MC_OK) {
		*e = j->err;
		return j->status;
	}
	const mc_report *rep = j->rep;
	if (!(j->rows = calloc(rep->n_rows ? rep->n_rows : 1, sizeof *j->rows)))
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
	for (size_t i = 0; i < rep->n_rows; i++) {
		j->rows[i].field = rep->rows[i].field;
		counts_from(rep->rows[i].n, &j->rows[i].c);
	}
	in->rows = j->rows;
	in->nrows = rep->n_rows;
	counts_from(rep->total.n, &in->total);
	ratio_from(&rep->rate_a, &in->rate_a);
	ratio_from(&rep->rate_b, &in->rate_b);
	ratio_from(&rep->rate_c, &in->rate_c);
	ratio_from(&rep->satisfaction, &in->satisfaction);
	ratio_from(&rep->online_share, &in->online_share);
	ratio_from(&rep->late_with_apology, &in->late_with_apology);
	return MC_OK;
}

mc_status mc_export_period(const mc_ctx *ctx, const char *period, const char *path,
                           mc_export_summary *sum, mc_err *e)
{
	mc_date from, to;
	mc_status s = mc_period_parse(period ? period : "", &from, &to, e);
	if (s != MC_OK)
		return s;
	mc_time now = mc_clock_now(ctx->clock);

	units u = {NULL, 0};
	if ((s = mc_unit_list(ctx, &u.v, &u.n, e)) != MC_OK)
		return s;
	bool reading = false; /* ctx->db was put in a read transaction for the export */
	reg_feed *rf = calloc(1, sizeof *rf);
	ovd_feed *of = calloc(1, sizeof *of);
	mc_dossier *page = malloc(PAGE * sizeof *page);
	table_job *tj = calloc(1, sizeof *tj);
	if (!rf || !of || !page || !tj) {
		s = mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
		goto out;
	}
	if ((s = table_start(tj, ctx, from, to, &reading, e)) != MC_OK)
		goto out;

	mc_export_input in;
	memset(&in, 0, sizeof in);
	in.header.agency = ctx->cfg->agency_name;
	in.header.agency_code = ctx->cfg->agency_code;
	in.header.superior = ctx->cfg->superior_name;
	in.header.period_name = period;
	in.header.from = from;
	in.header.to = to;
	in.header.made_at = now;
	in.header.made_by = ctx->actor;
	in.complete = table_complete;
	in.complete_ctx = tj;
	in.mask_ids = ctx->cfg->mask_ids;
	in.compression = ctx->cfg->export_compression;
	/* A period that has ended and holds nothing is refused, not exported empty. */
	in.refuse_empty = to < mc_time_date(now);

	rf->ctx = ctx;
	rf->units = &u;
	rf->from = from;
	rf->to = to;
	in.register_rows = (mc_export_iter){reg_next, rf};
	of->ctx = ctx;
	of->units = &u;
	of->page = page;
	of->now = now;
	ovd_start(of);
	in.overdue_rows = (mc_export_iter){ovd_next, of};

	s = mc_export_workbook(path, &in, e);
	if (s == MC_OK && sum) {
		sum->from = from;
		sum->to = to;
		sum->fields = tj->rep->n_rows;
		counts_from(tj->rep->total.n, &sum->total);
		sum->register_rows = rf->count;
		sum->overdue_rows = of->count;
	}
out:
	if (rf)
		mc_register_close(rf->cur);
	if (tj)
		table_end(tj);
	if (reading)
		mc_db_read_end(ctx->db);
	free(tj);
	free(rf);
	free(of);
	free(page);
	free(u.v);
	return s;
}
