/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Feeding the workbook writer from the database: the period is parsed, the
 * national table comes from mc_report_build() (so the workbook shows the
 * same numbers as `motcua report --json`), and the register and overdue
 * sheets are streamed page by page through the query API, never holding
 * more than one day's dossiers (register) or one page (overdue) in memory.
 *
 * Used by `motcua export` and by the export key of the reports screen.
 */
#include <stdlib.h>
#include <string.h>

#include "motcua/export.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/query.h"
#include "motcua/report.h"

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

/* What the register shows of one dossier (strings malloc'd). */
typedef struct reg_row {
	int64_t register_no;
	char *code, *procedure, *field, *applicant, *id_number, *address, *phone, *lead_unit;
	char *note;
	const char *channel, *status; /* static translated labels */
	int sets;
	mc_time received, due, sent, back, returned;
} reg_row;

typedef struct reg_feed {
	const mc_ctx *ctx;
	const units *units;
	mc_date day, last_day;
	reg_row *rows; /* the current day, oldest first */
	size_t n, cap, next;
	size_t count;
	mc_dossier *page;
	mc_export_dossier out;
} reg_feed;

static char *dup(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static void reg_clear(reg_feed *f)
{
	for (size_t i = 0; i < f->n; i++) {
		reg_row *r = &f->rows[i];
		free(r->code);
		free(r->procedure);
		free(r->field);
		free(r->applicant);
		free(r->id_number);
		free(r->address);
		free(r->phone);
		free(r->lead_unit);
		free(r->note);
	}
	f->n = f->next = 0;
}

/* First hand-over to a processing unit: when and to whom. */
static mc_status first_transfer(const reg_feed *f, const mc_dossier *d, reg_row *r, mc_err *e)
{
	mc_event *ev = NULL;
	size_t n = 0;
	r->sent = MC_TIME_NONE;
	mc_status s = mc_dossier_events(f->ctx, d->code, &ev, &n, e);
	if (s != MC_OK)
		return s;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(ev[i].kind, "transfer") == 0 && ev[i].to_unit[0]) {
			r->sent = ev[i].effective != MC_TIME_NONE ? ev[i].effective : ev[i].at;
			r->lead_unit = dup(unit_name(f->units, ev[i].to_unit));
			break;
		}
	}
	free(ev);
	return MC_OK;
}

/* Load one day's dossiers (the query gives them newest first). */
static mc_status reg_load_day(reg_feed *f, mc_err *e)
{
	mc_query q;
	mc_query_init(&q);
	q.kind = MC_LIST_ALL;
	q.sort = MC_SORT_RECEIVED_DESC;
	q.limit = PAGE;
	q.received_from = mc_time_make(f->day, 0);
	q.received_to = mc_time_make(f->day + 1, 0);
	reg_clear(f);
	for (;;) {
		size_t n;
		mc_cursor next;
		mc_status s = mc_dossier_list(f->ctx, &q, f->page, &n, &next, e);
		if (s != MC_OK)
			return s;
		for (size_t i = 0; i < n; i++) {
			const mc_dossier *d = &f->page[i];
			if (f->n == f->cap) {
				size_t cap = f->cap ? f->cap * 2 : 256;
				reg_row *v = realloc(f->rows, cap * sizeof *v);
				if (!v)
					return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
				f->rows = v;
				f->cap = cap;
			}
			reg_row *r = &f->rows[f->n++];
			memset(r, 0, sizeof *r);
			r->register_no = d->register_no;
			r->code = dup(d->code);
			r->procedure = dup(d->procedure_name);
			r->field = dup(d->field);
			r->applicant = dup(d->applicant_name);
			r->id_number = dup(d->id_number);
			r->address = dup(d->address);
			r->phone = dup(d->phone);
			r->channel = mc_channel_label(d->channel);
			r->status = mc_dossier_status_label(d->status);
			r->sets = d->sets;
			r->received = d->received;
			r->due = d->due;
			r->back = d->finished;
			r->returned = d->returned;
			if (d->has_apology)
				r->note = dup(d->apology.reason);
			if ((s = first_transfer(f, d, r, e)) != MC_OK)
				return s;
		}
		if (!next.set)
			break;
		q.after = next;
	}
	/* Oldest first. */
	for (size_t i = 0, j = f->n ? f->n - 1 : 0; i < j; i++, j--) {
		reg_row t = f->rows[i];
		f->rows[i] = f->rows[j];
		f->rows[j] = t;
	}
	return MC_OK;
}

static mc_status reg_next(void *ctx, const mc_export_dossier **row, mc_err *e)
{
	reg_feed *f = ctx;
	while (f->next >= f->n) {
		if (f->day > f->last_day) {
			*row = NULL;
			return MC_OK;
		}
		mc_status s = reg_load_day(f, e);
		f->day++;
		if (s != MC_OK)
			return s;
	}
	const reg_row *r = &f->rows[f->next++];
	f->count++;
	mc_export_dossier *d = &f->out;
	memset(d, 0, sizeof *d);
	d->register_no = r->register_no;
	d->code = r->code;
	d->procedure = r->procedure;
	d->field = r->field;
	d->sets = r->sets;
	d->applicant = r->applicant;
	d->id_number = r->id_number;
	d->address = r->address;
	d->phone = r->phone;
	d->channel = r->channel;
	d->lead_unit = r->lead_unit;
	d->status = r->status;
	d->received = r->received;
	d->due = r->due;
	d->original_due = MC_TIME_NONE;
	d->sent_to_unit = r->sent;
	d->result_back = r->back;
	d->returned = r->returned;
	d->note = r->note;
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

/* Working days from the due date (exclusive) to today (inclusive). */
static int days_late(const mc_ctx *ctx, mc_time due, mc_time now)
{
	int n = 0;
	mc_date today = mc_time_date(now);
	for (mc_date d = mc_time_date(due) + 1; d <= today && n < 3650; d++)
		if (mc_calendar_is_working_day(ctx->cal, d))
			n++;
	return n;
}

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
	o->days_late = overdue ? days_late(f->ctx, d->due, f->now) : 0;
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

mc_status mc_export_period(const mc_ctx *ctx, const char *period, const char *path,
                           mc_export_summary *sum, mc_err *e)
{
	mc_date from, to;
	mc_status s = mc_period_parse(period ? period : "", &from, &to, e);
	if (s != MC_OK)
		return s;
	mc_time now = mc_clock_now(ctx->clock);

	mc_report *rep = NULL;
	if ((s = mc_report_build(ctx, from, to, MC_REPORT_BY_FIELD, &rep, e)) != MC_OK)
		return s;
	units u = {NULL, 0};
	if ((s = mc_unit_list(ctx, &u.v, &u.n, e)) != MC_OK) {
		mc_report_free(rep);
		return s;
	}
	mc_export_row *rows = calloc(rep->n_rows ? rep->n_rows : 1, sizeof *rows);
	reg_feed *rf = calloc(1, sizeof *rf);
	ovd_feed *of = calloc(1, sizeof *of);
	mc_dossier *page = malloc(PAGE * sizeof *page);
	if (!rows || !rf || !of || !page) {
		s = mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while writing the workbook."));
		goto out;
	}

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
	for (size_t i = 0; i < rep->n_rows; i++) {
		rows[i].field = rep->rows[i].field;
		counts_from(rep->rows[i].n, &rows[i].c);
	}
	in.rows = rows;
	in.nrows = rep->n_rows;
	counts_from(rep->total.n, &in.total);
	ratio_from(&rep->rate_a, &in.rate_a);
	ratio_from(&rep->rate_b, &in.rate_b);
	ratio_from(&rep->rate_c, &in.rate_c);
	ratio_from(&rep->satisfaction, &in.satisfaction);
	ratio_from(&rep->online_share, &in.online_share);
	ratio_from(&rep->late_with_apology, &in.late_with_apology);
	in.mask_ids = ctx->cfg->mask_ids;
	/* A period that has ended and holds nothing is refused, not exported empty. */
	in.refuse_empty = to < mc_time_date(now);

	rf->ctx = ctx;
	rf->units = &u;
	rf->day = from;
	rf->last_day = to;
	rf->page = page;
	in.register_rows = (mc_export_iter){reg_next, rf};
	of->ctx = ctx;
	of->units = &u;
	of->page = page; /* the register is finished before the overdue sheet starts */
	of->now = now;
	ovd_start(of);
	in.overdue_rows = (mc_export_iter){ovd_next, of};

	s = mc_export_workbook(path, &in, e);
	if (s == MC_OK && sum) {
		sum->from = from;
		sum->to = to;
		sum->fields = rep->n_rows;
		sum->total = in.total;
		sum->register_rows = rf->count;
		sum->overdue_rows = of->count;
	}
out:
	if (rf) {
		reg_clear(rf);
		free(rf->rows);
	}
	free(rf);
	free(of);
	free(page);
	free(rows);
	free(u.v);
	mc_report_free(rep);
	return s;
}
