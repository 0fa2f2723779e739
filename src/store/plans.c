/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Query plans (include/motcua/plans.h): a statement log on top of
 * sqlite3_trace_v2, EXPLAIN QUERY PLAN with the big-table scan check, and
 * the table of the screens' main queries made through the public API, so
 * that the plan test and the benchmark look at the SQL the program really
 * runs instead of a copy of it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "motcua/i18n.h"
#include "motcua/plans.h"
#include "motcua/query.h"
#include "motcua/report.h"
#include "motcua/text.h"
#include "store/store_internal.h"

/* ---- the statement log ------------------------------------------------- */

typedef struct log_entry {
	char *sql, *expanded;
	int64_t scan_steps; /* most full-scan steps of one run, -1 = not seen ending */
} log_entry;

struct mc_sql_log {
	mc_db *db;
	bool on;
	log_entry *v;
	size_t n, cap;
	bool nomem;
};

static int on_trace(unsigned type, void *arg, void *p, void *x)
{
	mc_sql_log *log = arg;
	(void)x;
	if ((type != SQLITE_TRACE_STMT && type != SQLITE_TRACE_PROFILE) || !log->on)
		return 0;
	sqlite3_stmt *st = p;
	const char *sql = sqlite3_sql(st);
	if (!sql)
		return 0;
	for (size_t i = 0; i < log->n; i++)
		if (strcmp(log->v[i].sql, sql) == 0) {
			if (type == SQLITE_TRACE_PROFILE) {
				/* The run ended: how far did it walk tables in full scans? */
				int64_t steps = sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
				if (steps > log->v[i].scan_steps)
					log->v[i].scan_steps = steps;
			}
			return 0;
		}
	if (type != SQLITE_TRACE_STMT)
		return 0;
	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 16;
		log_entry *v = realloc(log->v, cap * sizeof *v);
		if (!v) {
			log->nomem = true;
			return 0;
		}
		log->v = v;
		log->cap = cap;
	}
	char *exp = sqlite3_expanded_sql(st);
	log_entry *le = &log->v[log->n];
	le->sql = strdup(sql);
	le->expanded = exp ? strdup(exp) : NULL;
	le->scan_steps = -1;
	sqlite3_free(exp);
	if (!le->sql) {
		free(le->expanded);
		log->nomem = true;
		return 0;
	}
	log->n++;
	return 0;
}

mc_status mc_sql_log_start(mc_db *db, mc_sql_log **out, mc_err *e)
{
	*out = NULL;
	mc_sql_log *log = calloc(1, sizeof *log);
	if (!log)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	log->db = db;
	log->on = true;
	if (sqlite3_trace_v2(mc_db_handle(db), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE,
	                     on_trace, log) != SQLITE_OK) {
		free(log);
		return mc_db_error(db, SQLITE_ERROR, e);
	}
	*out = log;
	return MC_OK;
}

void mc_sql_log_stop(mc_sql_log *log)
{
	if (log && log->on) {
		log->on = false;
		sqlite3_trace_v2(mc_db_handle(log->db), 0, NULL, NULL);
	}
}

void mc_sql_log_reset(mc_sql_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++) {
		free(log->v[i].sql);
		free(log->v[i].expanded);
	}
	log->n = 0;
}

void mc_sql_log_free(mc_sql_log *log)
{
	if (!log)
		return;
	mc_sql_log_stop(log);
	mc_sql_log_reset(log);
	free(log->v);
	free(log);
}

size_t mc_sql_log_count(const mc_sql_log *log)
{
	return log ? log->n : 0;
}

const char *mc_sql_log_sql(const mc_sql_log *log, size_t i)
{
	return log && i < log->n ? log->v[i].sql : NULL;
}

const char *mc_sql_log_expanded(const mc_sql_log *log, size_t i)
{
	return log && i < log->n ? log->v[i].expanded : NULL;
}

int64_t mc_sql_log_scan_steps(const mc_sql_log *log, size_t i)
{
	return log && i < log->n ? log->v[i].scan_steps : -1;
}

/* ---- plans ------------------------------------------------------------- */

static const char *const big_tables[] = {"dossiers", "events", "applicants",
                                         "applicant_words", "apologies", "counter_logs"};

bool mc_plan_big_table(const char *name)
{
	for (size_t i = 0; i < sizeof big_tables / sizeof big_tables[0]; i++)
		if (strcasecmp(name, big_tables[i]) == 0)
			return true;
	return false;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * The big table behind a name seen in a plan: the name itself, or the table
 * an alias stands for in sql ("dossiers d", "dossiers AS d"); NULL if none.
 */
static const char *big_table_of(const char *sql, const char *name)
{
	if (mc_plan_big_table(name)) {
		for (size_t i = 0; i < sizeof big_tables / sizeof big_tables[0]; i++)
			if (strcasecmp(name, big_tables[i]) == 0)
				return big_tables[i];
	}
	/* Walk the identifiers, remembering the last two. */
	char prev[2][64] = {"", ""};
	const char *p = sql;
	while (*p) {
		if (*p == '\'') { /* skip string literals */
			for (p++; *p && !(*p == '\'' && p[1] != '\''); p += (*p == '\'' ? 2 : 1))
				;
			if (*p)
				p++;
			continue;
		}
		if (!ident_char(*p)) {
			p++;
			continue;
		}
		char tok[64];
		size_t n = 0;
		while (ident_char(*p)) {
			if (n + 1 < sizeof tok)
				tok[n++] = *p;
			p++;
		}
		tok[n] = '\0';
		if (strcasecmp(tok, name) == 0) {
			const char *t = strcasecmp(prev[1], "as") == 0 ? prev[0] : prev[1];
			for (size_t i = 0; i < sizeof big_tables / sizeof big_tables[0]; i++)
				if (strcasecmp(t, big_tables[i]) == 0)
					return big_tables[i];
		}
		memcpy(prev[0], prev[1], sizeof prev[0]);
		memcpy(prev[1], tok, sizeof tok);
	}
	return NULL;
}

static mc_status append(char **buf, size_t *len, size_t *cap, const char *s, int depth)
{
	size_t need = *len + strlen(s) + (size_t)depth * 2 + 2;
	if (need > *cap) {
		size_t c = *cap ? *cap : 256;
		while (c < need)
			c *= 2;
		char *b = realloc(*buf, c);
		if (!b)
			return MC_ERR_NOMEM;
		*buf = b;
		*cap = c;
	}
	for (int i = 0; i < depth; i++) {
		(*buf)[(*len)++] = ' ';
		(*buf)[(*len)++] = ' ';
	}
	size_t n = strlen(s);
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '\n';
	(*buf)[*len] = '\0';
	return MC_OK;
}

void mc_plan_clear(mc_plan *p)
{
	if (!p)
		return;
	free(p->text);
	memset(p, 0, sizeof *p);
}

mc_status mc_sql_plan(mc_db *db, const char *sql, mc_plan *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	/* Only queries and writes have a plan worth reading. */
	const char *s = sql;
	while (isspace((unsigned char)*s))
		s++;
	static const char *const kinds[] = {"SELECT", "WITH", "INSERT", "UPDATE", "DELETE",
	                                    "REPLACE"};
	bool planned = false;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strncasecmp(s, kinds[i], strlen(kinds[i])) == 0 &&
		    !ident_char(s[strlen(kinds[i])]))
			planned = true;
	if (!planned) {
		out->text = strdup("");
		return out->text ? MC_OK : mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	}
	size_t len = strlen(s);
	char *q = malloc(len + 32);
	if (!q)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	memcpy(q, "EXPLAIN QUERY PLAN ", 19);
	memcpy(q + 19, s, len + 1);
	sqlite3_stmt *st;
	mc_status rs = mc_db_prepare(db, q, &st, e);
	free(q);
	if (rs != MC_OK)
		return rs;
	size_t tlen = 0, tcap = 0;
	struct {
		int id, depth;
	} nodes[256];
	size_t nn = 0;
	int rc = SQLITE_DONE;
	rs = MC_OK;
	while (rs == MC_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0), parent = sqlite3_column_int(st, 1);
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		if (!detail)
			detail = "";
		int depth = 0;
		for (size_t i = 0; i < nn; i++)
			if (nodes[i].id == parent)
				depth = nodes[i].depth + 1;
		if (nn < sizeof nodes / sizeof nodes[0]) {
			nodes[nn].id = id;
			nodes[nn].depth = depth;
			nn++;
		}
		if (append(&out->text, &tlen, &tcap, detail, depth) != MC_OK)
			rs = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		if (strncmp(detail, "USE TEMP B-TREE", 15) == 0)
			out->temp_sort = true;
		if (strncmp(detail, "SCAN ", 5) != 0)
			continue;
		char name[64];
		size_t n = 0;
		for (const char *d = detail + 5; *d && *d != ' ' && n + 1 < sizeof name; d++)
			name[n++] = *d;
		name[n] = '\0';
		const char *table = big_table_of(s, name);
		if (!table)
			continue;
		bool via_index = strstr(detail, " USING ") != NULL;
		if (via_index)
			out->index_scan = true;
		else
			out->full_scan = true;
		if (!out->table[0] || !via_index)
			snprintf(out->table, sizeof out->table, "%s", table);
	}
	if (rs == MC_OK && rc != SQLITE_DONE)
		rs = mc_db_error(db, rc, e);
	sqlite3_finalize(st);
	if (rs == MC_OK && !out->text && !(out->text = strdup("")))
		rs = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	if (rs != MC_OK)
		mc_plan_clear(out);
	return rs;
}

mc_status mc_sql_run(mc_db *db, const char *sql, int64_t *rows, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	int64_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		n++;
	sqlite3_finalize(st);
	if (rows)
		*rows = n;
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(db, rc, e);
}

/* ---- the screens' main queries ------------------------------------------ */

#define PAGE 50

typedef mc_status (*screen_fn)(const mc_ctx *ctx, const mc_screen_params *p, int arg,
                               int64_t *rows, mc_err *e);

static void month_of(const mc_ctx *ctx, const mc_screen_params *p, mc_date *from, mc_date *to,
                     bool to_date)
{
	if (p && p->month_from && p->month_to) {
		*from = p->month_from;
		*to = p->month_to;
		return;
	}
	mc_date today = mc_time_date(mc_clock_now(ctx->clock));
	int y, m, d;
	mc_date_to_ymd(today, &y, &m, &d);
	*from = mc_date_from_ymd(y, m, 1);
	*to = to_date ? today : mc_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
}

/* The list screen: one page and the total. */
static mc_status page_and_total(const mc_ctx *ctx, const mc_query *q, bool total, int64_t *rows,
                                mc_err *e)
{
	mc_dossier *page = calloc(PAGE, sizeof *page);
	if (!page)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	size_t n = 0;
	mc_cursor next;
	mc_status s = mc_dossier_list(ctx, q, page, &n, &next, e);
	int64_t count = (int64_t)n;
	if (s == MC_OK && total)
		s = mc_dossier_count(ctx, q, &count, e);
	free(page);
	if (rows)
		*rows = count;
	return s;
}

/* The newest dossier (for the detail and the code / ID searches). */
static mc_status newest(const mc_ctx *ctx, mc_dossier *d, mc_err *e)
{
	mc_query q;
	mc_query_init(&q);
	q.limit = 1;
	size_t n = 0;
	mc_cursor next;
	mc_status s = mc_dossier_list(ctx, &q, d, &n, &next, e);
	if (s == MC_OK && n == 0)
		return mc_err_set(e, MC_ERR_NOT_FOUND, "%s", _("the database holds no dossier."));
	return s;
}

enum { C_TODAY = -1 };

/* Dashboard counters: arg is an mc_list_kind, or C_TODAY (received today). */
static mc_status counter(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                         mc_err *e)
{
	(void)p;
	mc_query q;
	mc_query_init(&q);
	if (arg == C_TODAY) {
		mc_date today = mc_time_date(mc_clock_now(ctx->clock));
		q.received_from = mc_time_make(today, 0);
		q.received_to = mc_time_make(today + 1, 0);
	} else {
		q.kind = (mc_list_kind)arg;
		q.sort = MC_SORT_DUE;
	}
	int64_t n = 0;
	mc_status s = mc_dossier_count(ctx, &q, &n, e);
	if (rows)
		*rows = n;
	return s;
}

/* A list screen on kind arg, first page of 50 and the total. */
static mc_status list_kind(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                           mc_err *e)
{
	(void)p;
	mc_query q;
	mc_query_init(&q);
	q.kind = (mc_list_kind)arg;
	q.sort = arg == MC_LIST_ALL ? MC_SORT_RECEIVED_DESC : MC_SORT_DUE;
	q.limit = PAGE;
	return page_and_total(ctx, &q, true, rows, e);
}

/* The second page of the ALL list (keyset cursor). */
static mc_status next_page(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                           mc_err *e)
{
	(void)p;
	(void)arg;
	mc_query q;
	mc_query_init(&q);
	q.limit = PAGE;
	mc_dossier *page = calloc(PAGE, sizeof *page);
	if (!page)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	size_t n = 0;
	mc_cursor next;
	mc_status s = mc_dossier_list(ctx, &q, page, &n, &next, e);
	if (s == MC_OK && next.set) {
		q.after = next;
		s = mc_dossier_list(ctx, &q, page, &n, &next, e);
	}
	free(page);
	if (rows)
		*rows = (int64_t)n;
	return s;
}

enum { F_UNIT, F_STATUS, F_CHANNEL, F_FIELD };

/* The list screen with one filter. */
static mc_status list_filter(const mc_ctx *ctx, const mc_screen_params *p, int arg,
                             int64_t *rows, mc_err *e)
{
	(void)p;
	mc_query q;
	mc_query_init(&q);
	q.limit = PAGE;
	mc_status s = MC_OK;
	char unit[MC_CODE_MAX] = "";
	mc_dossier *d = NULL;
	switch (arg) {
	case F_UNIT: {
		mc_unit *u = NULL;
		size_t n = 0;
		if ((s = mc_unit_list(ctx, &u, &n, e)) != MC_OK)
			return s;
		for (size_t i = 0; i < n && !unit[0]; i++)
			if (strcmp(u[i].kind, "department") == 0)
				snprintf(unit, sizeof unit, "%s", u[i].code);
		free(u);
		q.kind = MC_LIST_OPEN;
		q.sort = MC_SORT_DUE;
		q.unit_code = unit[0] ? unit : NULL;
		break;
	}
	case F_STATUS:
		q.status = MC_STATUS_PROCESSING;
		q.sort = MC_SORT_DUE;
		break;
	case F_CHANNEL:
		q.channel = MC_CHANNEL_ONLINE;
		break;
	default:
		if (!(d = malloc(sizeof *d)))
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		if ((s = newest(ctx, d, e)) != MC_OK) {
			free(d);
			return s;
		}
		q.field = d->field;
		break;
	}
	s = page_and_total(ctx, &q, true, rows, e);
	free(d);
	return s;
}

enum { S_NAME, S_FULL_NAME, S_CODE, S_ID };

/*
 * Search from the list screen: accent-free name words, the accent-free full
 * name of the newest applicant, a code prefix, an ID number.
 */
static mc_status search(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                        mc_err *e)
{
	mc_query q;
	mc_query_init(&q);
	q.limit = PAGE;
	char text[MC_NAME_MAX + 16];
	if (arg == S_NAME) {
		q.search = p && p->search_name ? p->search_name : "nguyen van";
	} else {
		mc_dossier *d = malloc(sizeof *d);
		if (!d)
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		mc_status s = newest(ctx, d, e);
		if (s != MC_OK) {
			free(d);
			return s;
		}
		if (arg == S_FULL_NAME) {
			char *fold = mc_text_fold(d->applicant_name);
			snprintf(text, sizeof text, "%s", fold ? fold : d->applicant_name);
			free(fold);
		} else if (arg == S_CODE) {
			/* Everything up to the day: the codes of one day. */
			const char *dash = strrchr(d->code, '-');
			size_t n = dash ? (size_t)(dash - d->code) : strlen(d->code);
			snprintf(text, sizeof text, "%.*s", (int)n, d->code);
		} else {
			snprintf(text, sizeof text, "%s", d->id_number);
		}
		free(d);
		q.search = text;
	}
	return page_and_total(ctx, &q, true, rows, e);
}

enum { R_FIELD, R_PROCEDURE, R_DRILL, R_RATE };

/* The national table of the month (reports screen), its drill-down, the dashboard rate. */
static mc_status report(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                        mc_err *e)
{
	mc_date from, to;
	month_of(ctx, p, &from, &to, arg == R_RATE);
	if (arg == R_DRILL) {
		int64_t *ids = NULL;
		size_t n = 0;
		mc_status s = mc_report_ids(ctx, from, to, MC_REPORT_BY_FIELD, NULL,
		                            MC_RC_RESOLVED_TOTAL, &ids, &n, e);
		free(ids);
		if (rows)
			*rows = (int64_t)n;
		return s;
	}
	mc_report *r = NULL;
	mc_status s = mc_report_build(ctx, from, to,
	                              arg == R_PROCEDURE ? MC_REPORT_BY_PROCEDURE : MC_REPORT_BY_FIELD,
	                              &r, e);
	if (rows)
		*rows = s == MC_OK ? r->total.n[MC_RC_RECEIVED_TOTAL] : 0;
	mc_report_free(r);
	return s;
}

/* The detail screen of the newest dossier: the dossier, its history, its due trail. */
static mc_status detail(const mc_ctx *ctx, const mc_screen_params *p, int arg, int64_t *rows,
                        mc_err *e)
{
	(void)p;
	(void)arg;
	mc_dossier *d = malloc(sizeof *d);
	if (!d)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	mc_status s = newest(ctx, d, e);
	char code[MC_CODE_MAX] = "";
	if (s == MC_OK) {
		snprintf(code, sizeof code, "%s", d->code);
		s = mc_dossier_get(ctx, code, d, e);
	}
	mc_event *ev = NULL;
	size_t n = 0;
	if (s == MC_OK)
		s = mc_dossier_events(ctx, code, &ev, &n, e);
	free(ev);
	if (s == MC_OK) {
		mc_trail t;
		mc_trail_init(&t);
		s = mc_dossier_trail(ctx, code, &t, e);
		mc_trail_free(&t);
	}
	free(d);
	if (rows)
		*rows = (int64_t)n;
	return s;
}

static const struct screen_query {
	const char *name, *screen;
	screen_fn fn;
	int arg;
} queries[] = {
	{"dashboard.received_today", "dashboard", counter, C_TODAY},
	{"dashboard.in_progress", "dashboard", counter, MC_LIST_OPEN},
	{"dashboard.due_soon", "dashboard", counter, MC_LIST_DUE_SOON},
	{"dashboard.overdue", "dashboard", counter, MC_LIST_OVERDUE},
	{"dashboard.supplement", "dashboard", counter, MC_LIST_SUPPLEMENT},
	{"dashboard.ready", "dashboard", counter, MC_LIST_READY},
	{"dashboard.apology", "dashboard", list_kind, MC_LIST_APOLOGY},
	{"dashboard.month_rate", "dashboard", report, R_RATE},
	{"list.all", "list", list_kind, MC_LIST_ALL},
	{"list.open", "list", list_kind, MC_LIST_OPEN},
	{"list.overdue", "overdue", list_kind, MC_LIST_OVERDUE},
	{"list.due_soon", "list", list_kind, MC_LIST_DUE_SOON},
	{"list.at_risk", "overdue", list_kind, MC_LIST_AT_RISK},
	{"list.supplement", "list", list_kind, MC_LIST_SUPPLEMENT},
	{"list.ready", "list", list_kind, MC_LIST_READY},
	{"list.next_page", "list", next_page, 0},
	{"list.unit", "list", list_filter, F_UNIT},
	{"list.status", "list", list_filter, F_STATUS},
	{"list.channel", "list", list_filter, F_CHANNEL},
	{"list.field", "list", list_filter, F_FIELD},
	{"search.name", "list", search, S_NAME},
	{"search.full_name", "list", search, S_FULL_NAME},
	{"search.code", "list", search, S_CODE},
	{"search.id_number", "list", search, S_ID},
	{"report.month", "reports", report, R_FIELD},
	{"report.month_by_procedure", "reports", report, R_PROCEDURE},
	{"report.drilldown", "reports", report, R_DRILL},
	{"detail", "detail", detail, 0},
};

size_t mc_screen_query_count(void)
{
	return sizeof queries / sizeof queries[0];
}

const char *mc_screen_query_name(size_t i)
{
	return i < mc_screen_query_count() ? queries[i].name : NULL;
}

const char *mc_screen_query_screen(size_t i)
{
	return i < mc_screen_query_count() ? queries[i].screen : NULL;
}

mc_status mc_screen_query_run(const mc_ctx *ctx, size_t i, const mc_screen_params *p,
                              int64_t *rows, mc_err *e)
{
	if (rows)
		*rows = 0;
	if (i >= mc_screen_query_count())
		return mc_err_set(e, MC_ERR_RANGE, _("there is no screen query number %zu."), i);
	return queries[i].fn(ctx, p, queries[i].arg, rows, e);
}
