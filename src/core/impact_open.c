/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Calendar impact over the open dossiers of the database: gathers each open
 * dossier's clock start, limit and current due through the query API and
 * hands them to mc_impact_preview().
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "motcua/i18n.h"
#include "motcua/impact_open.h"
#include "motcua/query.h"

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

static const char *base_name(const char *p)
{
	const char *b = strrchr(p, '/');
	return b ? b + 1 : p;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

mc_calendar *mc_calendar_edited(const mc_config *cfg, const char *edited, mc_err *e)
{
	mc_calendar *cal = mc_calendar_new(cfg, e);
	if (!cal)
		return NULL;
	struct stat sb;
	const char *cp = cfg->calendar_path;
	if (cp[0] && stat(cp, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		DIR *dir = opendir(cp);
		if (!dir) {
			mc_err_set(e, MC_ERR_IO, _("cannot read the calendar folder %s."), cp);
			mc_calendar_free(cal);
			return NULL;
		}
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *de;
		bool ok = true;
		while ((de = readdir(dir)) != NULL) {
			if (!has_suffix(de->d_name, ".tsv") || strcmp(de->d_name, base_name(edited)) == 0)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				char **nn = realloc(names, cap * sizeof *nn);
				if (!nn) {
					ok = false;
					break;
				}
				names = nn;
			}
			size_t len = strlen(cp) + strlen(de->d_name) + 2;
			if (!(names[n] = malloc(len))) {
				ok = false;
				break;
			}
			memcpy(names[n], cp, strlen(cp));
			names[n][strlen(cp)] = '/';
			memcpy(names[n] + strlen(cp) + 1, de->d_name, strlen(de->d_name) + 1);
			n++;
		}
		closedir(dir);
		if (!ok)
			mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
		if (ok && n)
			qsort(names, n, sizeof *names, cmp_names);
		for (size_t i = 0; i < n; i++) {
			if (ok && mc_calendar_load(cal, names[i], e) != MC_OK)
				ok = false;
			free(names[i]);
		}
		free(names);
		if (!ok) {
			mc_calendar_free(cal);
			return NULL;
		}
	}
	if (mc_calendar_load(cal, edited, e) != MC_OK) {
		mc_calendar_free(cal);
		return NULL;
	}
	return cal;
}

/* When the clock of an open dossier started: the last resume (restart mode), else receipt. */
static mc_status clock_start(const mc_ctx *ctx, const mc_dossier *d, mc_time *t, mc_err *e)
{
	*t = d->received;
	if (d->supplement_count == 0 || ctx->cfg->supplement_mode != MC_SUPPLEMENT_RESTART)
		return MC_OK;
	mc_event *ev = NULL;
	size_t n = 0;
	mc_status st = mc_dossier_events(ctx, d->code, &ev, &n, e);
	if (st != MC_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ev[i].kind, "resume") == 0)
			*t = ev[i].at;
	free(ev);
	return MC_OK;
}

void mc_impact_open_free(mc_impact_open *r)
{
	if (r) {
		free(r->rows);
		memset(r, 0, sizeof *r);
	}
}

mc_status mc_impact_open_dossiers(const mc_ctx *ctx, const mc_calendar *new_cal,
                                  mc_impact_open *out, mc_err *e)
{
	enum { PAGE = 200 };
	memset(out, 0, sizeof *out);
	size_t cap = 256, n = 0;
	mc_impact_item *items = malloc(cap * sizeof *items);
	char (*codes)[MC_CODE_MAX] = malloc(cap * sizeof *codes);
	mc_dossier *page = calloc(PAGE, sizeof *page);
	mc_status st = MC_OK;
	if (!items || !codes || !page)
		st = mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	mc_query q;
	mc_query_init(&q);
	q.kind = MC_LIST_OPEN;
	q.sort = MC_SORT_DUE;
	q.limit = PAGE;
	while (st == MC_OK) {
		size_t got = 0;
		mc_cursor next;
		st = mc_dossier_list(ctx, &q, page, &got, &next, e);
		for (size_t i = 0; i < got && st == MC_OK; i++) {
			const mc_dossier *d = &page[i];
			if (d->status == MC_STATUS_SUPPLEMENT) {
				out->n_waiting++;
				continue;
			}
			if (n == cap) {
				cap *= 2;
				mc_impact_item *ni = realloc(items, cap * sizeof *items);
				if (ni)
					items = ni;
				char (*nc)[MC_CODE_MAX] = realloc(codes, cap * sizeof *codes);
				if (nc)
					codes = nc;
				if (!ni || !nc) {
					st = mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
					break;
				}
			}
			memcpy(codes[n], d->code, sizeof codes[n]);
			codes[n][MC_CODE_MAX - 1] = '\0';
			items[n].limit = d->limit;
			items[n].due = d->due;
			st = clock_start(ctx, d, &items[n].start, e);
			n++;
		}
		if (st != MC_OK || !next.set)
			break;
		q.after = next;
	}
	free(page);
	mc_impact_row *rows = NULL;
	size_t nrows = 0;
	if (st == MC_OK) {
		for (size_t i = 0; i < n; i++)
			items[i].code = codes[i];
		st = mc_impact_preview(ctx->cal, new_cal, items, n, &rows, &nrows, &out->n_manual, e);
	}
	if (st == MC_OK && nrows) {
		out->rows = calloc(nrows, sizeof *out->rows);
		if (!out->rows)
			st = mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
		for (size_t i = 0; st == MC_OK && i < nrows; i++) {
			memcpy(out->rows[i].code, codes[rows[i].index], MC_CODE_MAX);
			out->rows[i].old_due = rows[i].old_due;
			out->rows[i].new_due = rows[i].new_due;
			out->rows[i].working_days = (int)rows[i].working_days;
		}
		out->n_rows = st == MC_OK ? nrows : 0;
	}
	out->n_checked = n;
	free(rows);
	free(items);
	free(codes);
	if (st != MC_OK)
		mc_impact_open_free(out);
	return st;
}
