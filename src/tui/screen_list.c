/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier list: keyset paging over any number of dossiers (one page in
 * memory, a stack of page-start cursors to go back), filters (status,
 * overdue, due soon, channel, and in one dialog the unit holding the
 * dossier, the field and the period of receipt), `/` search ignoring
 * diacritics (live, as the text is typed), sorting, and saved views on the
 * number keys 1-9 (kept in $XDG_CONFIG_HOME/motcua/views.tsv).
 */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "motcua/byid.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/query.h"
#include "motcua/text.h"
#include "tui/screens.h"

#define PAGE_MAX 200
#define NVIEWS 9

/* The filters of the `l` dialog, kept as text: "" = any. */
typedef struct more_filters {
	char unit[MC_CODE_MAX];   /* the code of the unit holding the dossier */
	char field[MC_NAME_MAX];  /* a field of the catalogue, exactly */
	char period[64];          /* received in this period (include/motcua/period.h) */
} more_filters;

typedef struct view {
	bool set;
	int kind, status, channel, sort;
	char search[256];
	more_filters more;
} view;

typedef struct list_state {
	mc_query q;
	char search[256];
	char title[160];
	tui_edit search_ed;
	bool searching;
	bool search_changed; /* the search text changed; the list follows when typing pauses */
	mc_dossier *rows;
	size_t n;
	int page_size;
	mc_cursor *starts;
	int page, cap;
	mc_cursor next;
	int cursor;
	int64_t total;
	char error[TUI_MSG];
	more_filters more;
	/* For the `l` dialog: the units and the fields of the catalogue. */
	mc_unit *units;
	size_t nunits;
	view views[NVIEWS];
	bool await_view_digit;
	/* Drill-down: a fixed set of dossiers (report cell, PAR criterion); NULL = the query. */
	int64_t *ids;
	size_t nids;
} list_state;

static const char *const kind_labels[] = {
	N_("All dossiers"), N_("Open dossiers"), N_("Overdue"), N_("Due soon"),
	N_("At risk"), N_("Waiting for supplement"), N_("Waiting for collection"),
	N_("Apology needed"),
};

/* The name of a unit of the dialog's list, else its code. */
static const char *unit_name_of(const list_state *s, const char *code)
{
	for (size_t i = 0; i < s->nunits; i++)
		if (strcmp(s->units[i].code, code) == 0)
			return s->units[i].name;
	return code;
}

/* ---- saved views ---------------------------------------------------------- */

static void views_path(char *buf, size_t size)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	const char *h = getenv("HOME");
	if (x && *x)
		snprintf(buf, size, "%s/motcua/views.tsv", x);
	else
		snprintf(buf, size, "%s/.config/motcua/views.tsv", h ? h : ".");
}

static void views_defaults(list_state *s)
{
	static const int kinds[NVIEWS] = {MC_LIST_OPEN, MC_LIST_OVERDUE, MC_LIST_DUE_SOON,
	                                  MC_LIST_SUPPLEMENT, MC_LIST_READY, MC_LIST_AT_RISK,
	                                  MC_LIST_APOLOGY, MC_LIST_ALL, MC_LIST_ALL};
	for (int i = 0; i < NVIEWS; i++) {
		view *v = &s->views[i];
		memset(v, 0, sizeof *v);
		v->set = true;
		v->kind = kinds[i];
		v->status = -1;
		v->channel = -1;
		v->sort = kinds[i] == MC_LIST_ALL ? MC_SORT_RECEIVED_DESC : MC_SORT_DUE;
	}
	s->views[8].channel = MC_CHANNEL_ONLINE;
}

static void views_load(list_state *s)
{
	views_defaults(s);
	char path[1100];
	views_path(path, sizeof path);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		int n, kind, status, channel, sort, used = 0;
		if (sscanf(line, "%d\t%d\t%d\t%d\t%d\t%n", &n, &kind, &status, &channel, &sort, &used) < 5)
			continue;
		if (n < 1 || n > NVIEWS || kind < MC_LIST_ALL || kind > MC_LIST_APOLOGY)
			continue;
		view *v = &s->views[n - 1];
		v->set = true;
		v->kind = kind;
		v->status = status >= -1 && status < MC_DOSSIER_STATUS_COUNT ? status : -1;
		v->channel = channel >= -1 && channel < MC_CHANNEL_COUNT ? channel : -1;
		v->sort = sort == MC_SORT_RECEIVED_DESC ? MC_SORT_RECEIVED_DESC : MC_SORT_DUE;
		char *text = line + used;
		text[strcspn(text, "\r\n")] = 0;
		/* search, then (since session 2) unit, field and period, tab-separated */
		char *cols[4] = {used ? text : "", "", "", ""};
		for (int c = 1; c < 4; c++) {
			char *tab = strchr(cols[c - 1], '\t');
			if (!tab)
				break;
			*tab = 0;
			cols[c] = tab + 1;
		}
		snprintf(v->search, sizeof v->search, "%s", cols[0]);
		snprintf(v->more.unit, sizeof v->more.unit, "%s", cols[1]);
		snprintf(v->more.field, sizeof v->more.field, "%s", cols[2]);
		snprintf(v->more.period, sizeof v->more.period, "%s", cols[3]);
	}
	fclose(f);
}

static bool views_save(list_state *s, char *err, size_t size)
{
	char path[1100];
	views_path(path, sizeof path);
	char dir[1100];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*slash = 0;
		char *p2 = strrchr(dir, '/');
		if (p2) {
			*p2 = 0;
			mkdir(dir, 0700);
			*p2 = '/';
		}
		mkdir(dir, 0700);
	}
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(err, size, _("cannot write %s: %s."), path, strerror(errno));
		return false;
	}
	for (int i = 0; i < NVIEWS; i++) {
		view *v = &s->views[i];
		fprintf(f, "%d\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", i + 1, v->kind, v->status, v->channel,
		        v->sort, v->search, v->more.unit, v->more.field, v->more.period);
	}
	return fclose(f) == 0;
}

/* ---- data ---------------------------------------------------------------- */

/* A page of the fixed id set: pages are slices of the id array. */
static void load_ids_page(tui_app *app, list_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	s->error[0] = 0;
	s->total = (int64_t)s->nids;
	size_t start = (size_t)s->page * (size_t)s->page_size;
	if (start >= s->nids && s->page > 0) {
		s->page = 0;
		start = 0;
	}
	size_t want = s->nids - start < (size_t)s->page_size ? s->nids - start : (size_t)s->page_size;
	s->n = 0;
	memset(&s->next, 0, sizeof s->next);
	if (want > 0 && mc_dossier_get_many(&ctx, s->ids + start, want, s->rows, &s->n, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
	s->next.set = start + want < s->nids;
	if (s->cursor >= (int)s->n)
		s->cursor = s->n ? (int)s->n - 1 : 0;
	app->dirty = true;
}

/* Back from a fixed id set to the ordinary query lists. */
static void drop_ids(list_state *s)
{
	free(s->ids);
	s->ids = NULL;
	s->nids = 0;
}

static void load_page(tui_app *app, list_state *s)
{
	if (s->ids) {
		load_ids_page(app, s);
		return;
	}
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	s->error[0] = 0;
	s->q.search = s->search[0] ? s->search : NULL;
	s->q.unit_code = s->more.unit[0] ? s->more.unit : NULL;
	s->q.field = s->more.field[0] ? s->more.field : NULL;
	mc_date from, to;
	bool period = s->more.period[0] && mc_period_parse(s->more.period, &from, &to, NULL) == MC_OK;
	s->q.received_from = period ? mc_time_make(from, 0) : MC_TIME_NONE;
	s->q.received_to = period ? mc_time_make(to + 1, 0) : MC_TIME_NONE;
	s->q.limit = s->page_size;
	s->q.after = s->starts[s->page];
	s->n = 0;
	memset(&s->next, 0, sizeof s->next);
	if (mc_dossier_list(&ctx, &s->q, s->rows, &s->n, &s->next, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
	if (mc_dossier_count(&ctx, &s->q, &s->total, &e) != MC_OK)
		s->total = -1;
	if (s->n == 0 && s->page > 0) {
		/* The page emptied under us (another clerk closed dossiers): start again. */
		s->page = 0;
		s->q.after = s->starts[0];
		mc_dossier_list(&ctx, &s->q, s->rows, &s->n, &s->next, &e);
	}
	if (s->cursor >= (int)s->n)
		s->cursor = s->n ? (int)s->n - 1 : 0;
	app->dirty = true;
}

static void restart(tui_app *app, list_state *s)
{
	s->page = 0;
	s->cursor = 0;
	memset(&s->starts[0], 0, sizeof s->starts[0]);
	load_page(app, s);
}

static bool next_page(tui_app *app, list_state *s)
{
	if (!s->next.set)
		return false;
	if (s->page + 1 >= s->cap) {
		int cap = s->cap * 2;
		mc_cursor *p = realloc(s->starts, (size_t)cap * sizeof *p);
		if (!p)
			return false;
		s->starts = p;
		s->cap = cap;
	}
	s->starts[++s->page] = s->next;
	load_page(app, s);
	return true;
}

static bool prev_page(tui_app *app, list_state *s)
{
	if (s->page == 0)
		return false;
	s->page--;
	load_page(app, s);
	return true;
}

static void *list_create(tui_app *app)
{
	(void)app;
	list_state *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->rows = calloc(PAGE_MAX, sizeof *s->rows);
	s->cap = 64;
	s->starts = calloc((size_t)s->cap, sizeof *s->starts);
	s->page_size = 20;
	mc_query_init(&s->q);
	s->q.kind = MC_LIST_OPEN;
	s->q.sort = MC_SORT_DUE;
	tui_edit_init(&s->search_ed);
	views_load(s);
	return s;
}

static void list_destroy(void *st)
{
	list_state *s = st;
	if (!s)
		return;
	free(s->rows);
	free(s->starts);
	free(s->ids);
	free(s->units);
	free(s);
}

static int body_rows(int rows)
{
	int r = rows - 3; /* filter line, header, hints */
	if (r < 1)
		r = 1;
	if (r > PAGE_MAX)
		r = PAGE_MAX;
	return r;
}

static void list_resize(tui_app *app, void *st, int rows, int cols)
{
	list_state *s = st;
	(void)cols;
	int ps = body_rows(rows - 3);
	if (ps != s->page_size) {
		s->page_size = ps;
		if (app->depth > 0 && tui_current(app) == TUI_SCREEN_LIST)
			load_page(app, s);
	}
}

static void list_refresh(tui_app *app, void *st)
{
	list_state *s = st;
	s->search_changed = false; /* reloaded here with the text as it is */
	if (!s->units) { /* the names of the unit filter (a saved view may hold one) */
		mc_ctx ctx;
		tui_ctx(app, &ctx);
		mc_unit_list(&ctx, &s->units, &s->nunits, NULL);
	}
	s->page_size = body_rows(app->rows - 3);
	load_page(app, s);
}

void tui_list_open_ids(tui_app *app, int64_t *ids, size_t n, const char *title)
{
	list_state *s = app->state[TUI_SCREEN_LIST];
	drop_ids(s);
	s->ids = ids;
	s->nids = n;
	mc_query_init(&s->q);
	s->search[0] = 0;
	s->searching = false;
	tui_edit_set(&s->search_ed, "");
	snprintf(s->title, sizeof s->title, "%s", title ? title : "");
	s->page = 0;
	s->cursor = 0;
	memset(&s->starts[0], 0, sizeof s->starts[0]);
	tui_push(app, TUI_SCREEN_LIST);
}

void tui_list_open_query(tui_app *app, const mc_query *q, const char *title)
{
	list_state *s = app->state[TUI_SCREEN_LIST];
	drop_ids(s);
	s->q = *q;
	s->search[0] = 0;
	tui_edit_set(&s->search_ed, "");
	snprintf(s->title, sizeof s->title, "%s", title ? title : "");
	s->page = 0;
	s->cursor = 0;
	memset(&s->starts[0], 0, sizeof s->starts[0]);
	tui_push(app, TUI_SCREEN_LIST);
}

void tui_list_start_search(tui_app *app)
{
	list_state *s = app->state[TUI_SCREEN_LIST];
	drop_ids(s);
	if (tui_current(app) != TUI_SCREEN_LIST)
		tui_goto(app, TUI_SCREEN_LIST);
	s->q.kind = MC_LIST_ALL;
	s->q.sort = MC_SORT_RECEIVED_DESC;
	s->searching = true;
	app->dirty = true;
}

/* ---- drawing ------------------------------------------------------------- */

static void describe_filters(list_state *s, char *buf, size_t size)
{
	if (s->ids) {
		snprintf(buf, size, "%s · %lld %s · %s %d", s->title, (long long)s->total, _("dossiers"),
		         _("page"), s->page + 1);
		return;
	}
	int k = s->q.kind >= MC_LIST_ALL && s->q.kind <= MC_LIST_APOLOGY ? (int)s->q.kind : 0;
	size_t used = (size_t)snprintf(buf, size, "%s", s->title[0] ? s->title : _(kind_labels[k]));
	if (s->title[0] && used < size)
		used += (size_t)snprintf(buf + used, size - used, " (%s)", _(kind_labels[k]));
	if (s->q.status >= 0 && used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s",
		                         mc_dossier_status_label((mc_dossier_status)s->q.status));
	if (s->q.channel >= 0 && used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s",
		                         mc_channel_label((mc_channel)s->q.channel));
	if (s->more.unit[0] && used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s",
		                         unit_name_of(s, s->more.unit));
	if (s->more.field[0] && used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s", s->more.field);
	if (s->more.period[0] && used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s %s", _("received"),
		                         s->more.period);
	if (used < size)
		used += (size_t)snprintf(buf + used, size - used, " · %s",
		                         s->q.sort == MC_SORT_DUE ? _("by due date")
		                                                  : _("newest first"));
	if (s->total >= 0 && used < size)
		snprintf(buf + used, size - used, " · %lld %s · %s %d", (long long)s->total,
		         _("dossiers"), _("page"), s->page + 1);
}

static void list_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	list_state *s = st;
	char filt[600];
	describe_filters(s, filt, sizeof filt);
	int x = 0;
	if (s->searching || s->search[0]) {
		x = tui_put(y0, 0, cols, _("Search: "), tui_attr(TUI_ROLE_HEADER), false);
		int w = cols / 3;
		tui_edit_draw(&s->search_ed, y0, x, w, s->searching);
		x += w + 1;
	}
	tui_put(y0, x, cols - x, filt, tui_attr(TUI_ROLE_NORMAL), false);
	tui_dossier_header(y0 + 1, cols);
	int body = rows - 3;
	for (int i = 0; i < body && i < (int)s->n; i++)
		tui_dossier_row(app, y0 + 2 + i, cols, &s->rows[i], i == s->cursor && !s->searching);
	if (s->n == 0)
		tui_put(y0 + 3, 2, cols - 4,
		        s->error[0] ? s->error : _("No dossier matches."),
		        tui_attr(s->error[0] ? TUI_ROLE_ERROR : TUI_ROLE_DIM), false);
	if (s->await_view_digit)
		tui_put(y0 + rows - 1, 0, cols, _("Save the current filters as view: press 1-9 (Esc cancels)"),
		        tui_attr(TUI_ROLE_SOON), true);
	else
		tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_LIST);
}

/* ---- the `l` dialog: unit, field, period of receipt ---------------------- */

/* Does the folded text f contain the folded words w? ("" contains nothing.) */
static bool folded_has(const char *f, const char *w)
{
	return f && w && *w && strstr(f, w) != NULL;
}

/*
 * The one unit that text names: its code (any case), else the one unit whose
 * name holds the text, diacritics ignored. "" names none (any unit).
 */
static bool pick_unit(const list_state *s, const char *text, char *code, char *err, size_t size)
{
	code[0] = 0;
	if (!*text)
		return true;
	for (size_t i = 0; i < s->nunits; i++)
		if (strcasecmp(s->units[i].code, text) == 0) {
			snprintf(code, MC_CODE_MAX, "%s", s->units[i].code);
			return true;
		}
	char *w = mc_text_fold(text);
	int found = -1, count = 0;
	for (size_t i = 0; w && i < s->nunits; i++) {
		char *f = mc_text_fold(s->units[i].name);
		if (folded_has(f, w)) {
			found = (int)i;
			count++;
		}
		free(f);
	}
	free(w);
	if (count == 1) {
		snprintf(code, MC_CODE_MAX, "%s", s->units[found].code);
		return true;
	}
	snprintf(err, size, count ? _("Several units match \"%s\": type more of the name or the code.")
	                          : _("No unit matches \"%s\"."), text);
	return false;
}

/* The field the text names (mc_field_resolve); "" names none (any field). */
static bool pick_field(tui_app *app, const char *text, char *field, char *err, size_t size)
{
	field[0] = 0;
	if (!*text)
		return true;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	if (mc_field_resolve(&ctx, text, field, MC_NAME_MAX, &e) == MC_OK)
		return true;
	snprintf(err, size, "%s", e.msg);
	return false;
}

static bool more_submit(tui_app *app, tui_dialog *d, void *ctx, char *err, size_t size)
{
	list_state *s = ctx;
	char unit[MC_NAME_MAX], field[MC_NAME_MAX], period[64];
	tui_dlg_text(d, 0, unit, sizeof unit);
	tui_dlg_text(d, 1, field, sizeof field);
	tui_dlg_text(d, 2, period, sizeof period);
	more_filters m;
	memset(&m, 0, sizeof m);
	if (!pick_unit(s, unit, m.unit, err, size) || !pick_field(app, field, m.field, err, size))
		return false;
	if (*period) {
		mc_date from, to;
		mc_err e;
		mc_err_clear(&e);
		if (mc_period_parse(period, &from, &to, &e) != MC_OK) {
			snprintf(err, size, "%s", e.msg);
			return false;
		}
		snprintf(m.period, sizeof m.period, "%s", period);
	}
	s->more = m;
	s->title[0] = 0;
	restart(app, s);
	return true;
}

static void more_open(tui_app *app, list_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	free(s->units);
	s->units = NULL;
	s->nunits = 0;
	mc_err e;
	mc_err_clear(&e);
	mc_unit_list(&ctx, &s->units, &s->nunits, &e);
	tui_dialog *d = tui_dialog_open(app, _("Filter by unit, field and period"), more_submit, s);
	tui_dlg_add_text(d, _("Unit holding it"), s->more.unit[0] ? unit_name_of(s, s->more.unit) : NULL);
	tui_dlg_add_text(d, _("Field"), s->more.field[0] ? s->more.field : NULL);
	tui_dlg_add_text(d, _("Received in"), s->more.period[0] ? s->more.period : NULL);
	snprintf(d->note, sizeof d->note, "%s",
	         _("Empty: any. Part of a name is enough. Period: 2026-10, 2026-Q3, FROM..TO"));
}

/* ---- keys ---------------------------------------------------------------- */

static bool search_key(tui_app *app, list_state *s, tui_key k)
{
	bool enter = (!k.fn && (k.code == '\n' || k.code == '\r')) || (k.fn && k.code == KEY_ENTER);
	if (enter || (k.fn && (k.code == KEY_DOWN || k.code == KEY_UP))) {
		s->searching = false;
		return true;
	}
	if (!k.fn && k.code == 27) {
		s->searching = false;
		tui_edit_set(&s->search_ed, "");
		s->search[0] = 0;
		s->search_changed = false;
		restart(app, s);
		return true;
	}
	if (k.fn && k.code >= KEY_F(1) && k.code <= KEY_F(12)) {
		s->searching = false;
		return false;
	}
	if (tui_edit_key(&s->search_ed, k)) {
		tui_edit_get(&s->search_ed, s->search, sizeof s->search);
		/* Live: the list follows the typing, once the keys typed ahead are in
		 * (at 1,000,000 dossiers "n" alone takes ~0.2 s: not for every key). */
		s->search_changed = true;
		app->idle_pending = true;
		app->dirty = true;
	}
	return true;
}

static void search_flush(tui_app *app, list_state *s)
{
	if (s->search_changed) {
		s->search_changed = false;
		restart(app, s);
	}
}

static void list_idle(tui_app *app, void *st)
{
	search_flush(app, st);
}

static bool list_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	list_state *s = st;
	if (s->searching)
		return search_key(app, s, k);
	search_flush(app, s); /* other keys act on the list of the text typed */
	if (s->await_view_digit) {
		s->await_view_digit = false;
		if (!k.fn && k.code >= '1' && k.code <= '9') {
			view *v = &s->views[k.code - '1'];
			v->set = true;
			v->kind = (int)s->q.kind;
			v->status = s->q.status;
			v->channel = s->q.channel;
			v->sort = (int)s->q.sort;
			snprintf(v->search, sizeof v->search, "%s", s->search);
			v->more = s->more;
			char err[TUI_MSG] = "";
			if (views_save(s, err, sizeof err))
				tui_message(app, false, _("View %c saved."), k.code);
			else
				tui_message(app, true, "%s", err);
		}
		return true;
	}
	if (s->ids) {
		switch (act) {
		case TUI_ACT_FIND: case TUI_ACT_SORT: case TUI_ACT_FILTER_STATUS:
		case TUI_ACT_FILTER_OVERDUE: case TUI_ACT_FILTER_SOON: case TUI_ACT_FILTER_CHANNEL:
		case TUI_ACT_FILTER_MORE: case TUI_ACT_CLEAR_FILTERS: case TUI_ACT_VIEW:
		case TUI_ACT_SAVE_VIEW:
			/* Filters apply to the ordinary lists: leave the drill-down first. */
			drop_ids(s);
			mc_query_init(&s->q);
			s->title[0] = 0;
			break;
		default:
			break;
		}
	}
	switch (act) {
	case TUI_ACT_UP:
		if (s->cursor > 0)
			s->cursor--;
		else if (prev_page(app, s))
			s->cursor = s->n ? (int)s->n - 1 : 0;
		return true;
	case TUI_ACT_DOWN:
		if (s->cursor + 1 < (int)s->n)
			s->cursor++;
		else if (next_page(app, s))
			s->cursor = 0;
		return true;
	case TUI_ACT_PGDN:
		if (!next_page(app, s))
			s->cursor = s->n ? (int)s->n - 1 : 0;
		return true;
	case TUI_ACT_PGUP:
		if (!prev_page(app, s))
			s->cursor = 0;
		return true;
	case TUI_ACT_HOME:
		restart(app, s);
		return true;
	case TUI_ACT_END:
		while (s->next.set && next_page(app, s))
			;
		s->cursor = s->n ? (int)s->n - 1 : 0;
		return true;
	case TUI_ACT_OPEN:
		if (s->n > 0)
			tui_open_detail(app, s->rows[s->cursor].code);
		return true;
	case TUI_ACT_FIND:
		s->searching = true;
		return true;
	case TUI_ACT_SORT:
		s->q.sort = s->q.sort == MC_SORT_DUE ? MC_SORT_RECEIVED_DESC : MC_SORT_DUE;
		restart(app, s);
		return true;
	case TUI_ACT_FILTER_STATUS:
		s->q.status = s->q.status + 1 >= MC_DOSSIER_STATUS_COUNT ? -1 : s->q.status + 1;
		if (s->q.status >= 0)
			s->q.kind = MC_LIST_ALL;
		restart(app, s);
		return true;
	case TUI_ACT_FILTER_OVERDUE:
		s->q.kind = s->q.kind == MC_LIST_OVERDUE ? MC_LIST_OPEN : MC_LIST_OVERDUE;
		s->q.sort = MC_SORT_DUE;
		s->title[0] = 0;
		restart(app, s);
		return true;
	case TUI_ACT_FILTER_SOON:
		s->q.kind = s->q.kind == MC_LIST_DUE_SOON ? MC_LIST_OPEN : MC_LIST_DUE_SOON;
		s->q.sort = MC_SORT_DUE;
		s->title[0] = 0;
		restart(app, s);
		return true;
	case TUI_ACT_FILTER_CHANNEL:
		s->q.channel = s->q.channel + 1 >= MC_CHANNEL_COUNT ? -1 : s->q.channel + 1;
		restart(app, s);
		return true;
	case TUI_ACT_FILTER_MORE:
		more_open(app, s);
		return true;
	case TUI_ACT_CLEAR_FILTERS:
		mc_query_init(&s->q);
		memset(&s->more, 0, sizeof s->more);
		s->title[0] = 0;
		s->search[0] = 0;
		tui_edit_set(&s->search_ed, "");
		restart(app, s);
		return true;
	case TUI_ACT_VIEW: {
		if (k.fn || k.code < '1' || k.code > '9')
			return false;
		view *v = &s->views[k.code - '1'];
		if (!v->set)
			return true;
		mc_query_init(&s->q);
		s->q.kind = (mc_list_kind)v->kind;
		s->q.status = v->status;
		s->q.channel = v->channel;
		s->q.sort = (mc_sort)v->sort;
		snprintf(s->search, sizeof s->search, "%s", v->search);
		tui_edit_set(&s->search_ed, v->search);
		s->more = v->more;
		snprintf(s->title, sizeof s->title, _("View %c"), k.code);
		restart(app, s);
		return true;
	}
	case TUI_ACT_SAVE_VIEW:
		s->await_view_digit = true;
		return true;
	case TUI_ACT_BACK:
		if (s->search[0]) {
			s->search[0] = 0;
			tui_edit_set(&s->search_ed, "");
			restart(app, s);
			return true;
		}
		return false;
	default:
		return false;
	}
}

static bool list_wants_text(tui_app *app, void *st)
{
	(void)app;
	return ((list_state *)st)->searching;
}

const tui_screen_ops tui_screen_list = {
	.name = "list",
	.title = N_("Dossiers"),
	.create = list_create,
	.destroy = list_destroy,
	.draw = list_draw,
	.on_key = list_key,
	.on_resize = list_resize,
	.refresh_data = list_refresh,
	.wants_text = list_wants_text,
	.on_idle = list_idle,
};
