/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Intake at the counter, by keyboard alone: the procedure by code or any
 * accent-free part of its name (a pick list follows the typing), the
 * applicant recalled by ID number (a known applicant's fields fill in and the
 * cursor jumps to the checklist), the document checklist ticked with Space,
 * and the due moment with its explanation recomputed on every frame. F2
 * saves (receipt, form 01); F3 records an incomplete file (guidance, form
 * 02); F4 a refusal to receive (form 03).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "motcua/forms.h"
#include "motcua/i18n.h"
#include "motcua/letters.h"
#include "motcua/query.h"
#include "tui/screens.h"

enum { F_PROC, F_ID, F_NAME, F_PHONE, F_ADDRESS, F_EMAIL, F_CHANNEL, F_SETS, F_DOCS, F_COUNT };

#define PICK_MAX 50
#define DOCS_MAX 40

typedef struct intake_state {
	tui_edit ed[F_COUNT];
	int focus;
	mc_procedure_row picks[PICK_MAX];
	size_t npicks;
	int pick;
	bool have_proc;
	mc_procedure_row proc;
	char *docs[DOCS_MAX];          /* display names (catalog.h: the bracket left out) */
	char doc_copies[DOCS_MAX][96]; /* the copies required, in words */
	bool ticked[DOCS_MAX];
	size_t ndocs;
	int doc_cursor;
	int channel;
	bool known; /* applicant recalled by ID number */
	char error[TUI_MSG];
} intake_state;

static const char *const field_labels[F_COUNT] = {
	N_("Procedure"), N_("ID number"), N_("Full name"), N_("Phone"), N_("Address"),
	N_("E-mail"), N_("Channel"), N_("Number of sets"), N_("Documents"),
};

static void clear_docs(intake_state *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		free(s->docs[i]);
	s->ndocs = 0;
	s->doc_cursor = 0;
}

static void reset(intake_state *s)
{
	clear_docs(s);
	for (int i = 0; i < F_COUNT; i++)
		tui_edit_init(&s->ed[i]);
	s->ed[F_ID].digits_only = true;
	s->ed[F_ID].max = 12;
	s->ed[F_SETS].digits_only = true;
	s->ed[F_SETS].max = 3;
	tui_edit_set(&s->ed[F_SETS], "1");
	s->focus = F_PROC;
	s->npicks = 0;
	s->pick = 0;
	s->have_proc = false;
	s->channel = MC_CHANNEL_DIRECT;
	s->known = false;
	s->error[0] = 0;
}

static void *intake_create(tui_app *app)
{
	(void)app;
	intake_state *s = calloc(1, sizeof *s);
	if (s)
		reset(s);
	return s;
}

static void intake_destroy(void *st)
{
	intake_state *s = st;
	if (!s)
		return;
	clear_docs(s);
	free(s);
}

static void text(intake_state *s, int f, char *out, size_t size)
{
	tui_edit_get(&s->ed[f], out, size);
}

static void update_picks(tui_app *app, intake_state *s)
{
	char q[256];
	text(s, F_PROC, q, sizeof q);
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_procedure_row *rows = NULL;
	size_t n = 0;
	s->npicks = 0;
	s->pick = 0;
	if (mc_procedure_list(&ctx, q[0] ? q : NULL, &rows, &n, &e) != MC_OK) {
		snprintf(s->error, sizeof s->error, "%s", e.msg);
		return;
	}
	for (size_t i = 0; i < n && i < PICK_MAX; i++)
		s->picks[s->npicks++] = rows[i];
	free(rows);
}

static void choose_proc(tui_app *app, intake_state *s, const mc_procedure_row *p)
{
	s->proc = *p;
	s->have_proc = true;
	tui_edit_set(&s->ed[F_PROC], p->code);
	clear_docs(s);
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	char *joined = mc_procedure_documents(&ctx, p->code, &e);
	if (joined) {
		char *save = NULL;
		for (char *tok = strtok_r(joined, "\n", &save); tok && s->ndocs < DOCS_MAX;
		     tok = strtok_r(NULL, "\n", &save)) {
			if (!*tok)
				continue;
			mc_doc_item it;
			mc_err ie;
			mc_err_clear(&ie);
			s->doc_copies[s->ndocs][0] = '\0';
			if (mc_doc_item_parse(tok, &it, &ie) == MC_OK) {
				tok[it.name_len] = '\0';
				mc_doc_item_words(&it, false, s->doc_copies[s->ndocs],
				                  sizeof s->doc_copies[s->ndocs]);
			}
			s->docs[s->ndocs] = strdup(tok);
			s->ticked[s->ndocs] = false;
			if (s->docs[s->ndocs])
				s->ndocs++;
		}
		free(joined);
	}
}

/* Find a known applicant by ID number (through the dossier search). */
static void recall_applicant(tui_app *app, intake_state *s)
{
	char id[32];
	text(s, F_ID, id, sizeof id);
	s->known = false;
	if (!id[0])
		return;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_query q;
	mc_query_init(&q);
	q.search = id;
	q.limit = 1;
	q.sort = MC_SORT_RECEIVED_DESC;
	mc_dossier *d = calloc(1, sizeof *d);
	size_t n = 0;
	mc_cursor next;
	if (d && mc_dossier_list(&ctx, &q, d, &n, &next, &e) == MC_OK && n == 1 &&
	    strcmp(d->id_number, id) == 0) {
		s->known = true;
		tui_edit_set(&s->ed[F_NAME], d->applicant_name);
		tui_edit_set(&s->ed[F_PHONE], d->phone);
		tui_edit_set(&s->ed[F_ADDRESS], d->address);
		tui_edit_set(&s->ed[F_EMAIL], d->email);
		tui_message(app, false, _("Known applicant: %s (data from the last dossier)."),
		            d->applicant_name);
	}
	free(d);
}

static bool is_text_field(int f)
{
	return f != F_CHANNEL && f != F_DOCS;
}

static void leave_field(tui_app *app, intake_state *s, bool forward)
{
	if (s->focus == F_PROC && forward) {
		if (s->npicks > 0) {
			choose_proc(app, s, &s->picks[s->pick]);
		} else if (!s->have_proc) {
			snprintf(s->error, sizeof s->error, "%s",
			         _("no procedure matches; type its code or part of its name."));
			return;
		}
		s->npicks = 0;
		s->focus = F_ID;
		return;
	}
	if (s->focus == F_ID && forward) {
		recall_applicant(app, s);
		s->focus = s->known ? (s->ndocs ? F_DOCS : F_CHANNEL) : F_NAME;
		return;
	}
	if (forward)
		s->focus = s->focus + 1 < F_COUNT ? s->focus + 1 : F_COUNT - 1;
	else
		s->focus = s->focus > 0 ? s->focus - 1 : 0;
	if (s->focus == F_PROC)
		update_picks(app, s);
}

/* ---- saving ---------------------------------------------------------------- */

static void fill_applicant(intake_state *s, mc_applicant_input *a, char bufs[6][TUI_EDIT_MAX * 4])
{
	memset(a, 0, sizeof *a);
	text(s, F_NAME, bufs[0], sizeof bufs[0]);
	text(s, F_ID, bufs[1], sizeof bufs[1]);
	text(s, F_PHONE, bufs[2], sizeof bufs[2]);
	text(s, F_ADDRESS, bufs[3], sizeof bufs[3]);
	text(s, F_EMAIL, bufs[4], sizeof bufs[4]);
	a->name = bufs[0];
	a->id_number = bufs[1][0] ? bufs[1] : NULL;
	a->phone = bufs[2][0] ? bufs[2] : NULL;
	a->address = bufs[3][0] ? bufs[3] : NULL;
	a->email = bufs[4][0] ? bufs[4] : NULL;
}

static void save(tui_app *app, intake_state *s)
{
	s->error[0] = 0;
	if (!s->have_proc) {
		snprintf(s->error, sizeof s->error, "%s", _("choose the procedure first."));
		s->focus = F_PROC;
		return;
	}
	if (tui_edit_empty(&s->ed[F_NAME])) {
		snprintf(s->error, sizeof s->error, "%s", _("the applicant's name is required."));
		s->focus = F_NAME;
		return;
	}
	size_t missing = 0;
	for (size_t i = 0; i < s->ndocs; i++)
		missing += !s->ticked[i];
	if (missing) {
		snprintf(s->error, sizeof s->error,
		         _("%zu document(s) not ticked: tick them (Space, Ctrl-A for all) or press F3 for the guidance slip (form 02)."),
		         missing);
		s->focus = F_DOCS;
		return;
	}
	char bufs[6][TUI_EDIT_MAX * 4];
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = s->proc.code;
	fill_applicant(s, &in.applicant, bufs);
	in.channel = (mc_channel)s->channel;
	char sets[16];
	text(s, F_SETS, sets, sizeof sets);
	in.sets = atoi(sets);
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	mc_intake_result r;
	memset(&r, 0, sizeof r);
	if (mc_dossier_intake(&ctx, &in, &r, &e) != MC_OK) {
		snprintf(s->error, sizeof s->error, "%s", e.msg);
		return;
	}
	char due[32];
	tui_short_time(r.due, due, sizeof due);
	/* The receipt (form 01): printed when a printer command is set, else a file. */
	bool printer = app->cli->cfg.printer_command[0] != 0;
	char written[MC_CFG_PATH + 160], receipt[MC_CFG_PATH + 256];
	mc_err pe;
	mc_err_clear(&pe);
	bool printed = mc_form_print(&ctx, MC_FORM_RECEIPT, r.code, NULL, NULL, printer, written,
	                             sizeof written, &pe) == MC_OK;
	if (!printed)
		snprintf(receipt, sizeof receipt, _("the receipt was not written: %s"), pe.msg);
	else if (printer)
		snprintf(receipt, sizeof receipt, _("receipt %s sent to the printer."), tui_short_path(written));
	else
		snprintf(receipt, sizeof receipt, _("receipt: %s"), tui_short_path(written));
	tui_message(app, !printed, _("Received %s, register no. %d; due %s; %s%s%s"), r.code,
	            r.register_no, due, receipt, r.warning[0] ? " " : "", r.warning);
	mc_intake_result_free(&r);
	reset(s);
	update_picks(app, s);
}

static bool do_counter(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size,
                       mc_counter_kind kind)
{
	intake_state *s = ctx_;
	char reason[1024];
	tui_dlg_text(d, 0, reason, sizeof reason);
	char bufs[6][TUI_EDIT_MAX * 4];
	mc_counter_input in;
	memset(&in, 0, sizeof in);
	in.kind = kind;
	in.procedure_code = s->have_proc ? s->proc.code : NULL;
	fill_applicant(s, &in.applicant, bufs);
	in.reason = reason;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	int64_t id;
	if (mc_counter_log(&ctx, &in, &id, &e) != MC_OK) {
		snprintf(err, size, "%s", e.msg);
		return false;
	}
	/* The slip for the applicant: printed when a printer command is set, else a file. */
	bool printer = app->cli->cfg.printer_command[0] != 0;
	char written[MC_CFG_PATH + 160];
	mc_err_clear(&e);
	const char *what = kind == MC_COUNTER_GUIDE
	                           ? _("Guidance recorded (form 02); no dossier was created.")
	                           : _("Refusal recorded (form 03); no dossier was created.");
	if (mc_letter_counter(&ctx, &in, id, NULL, printer, written, sizeof written, &e) != MC_OK)
		tui_message(app, true, _("%s The slip was not written: %s"), what, e.msg);
	else if (printer)
		tui_message(app, false, _("%s Slip %s sent to the printer."), what, tui_short_path(written));
	else
		tui_message(app, false, _("%s Slip: %s"), what, tui_short_path(written));
	reset(s);
	return true;
}

static bool do_guide(tui_app *app, tui_dialog *d, void *ctx, char *err, size_t size)
{
	return do_counter(app, d, ctx, err, size, MC_COUNTER_GUIDE);
}

static bool do_refuse(tui_app *app, tui_dialog *d, void *ctx, char *err, size_t size)
{
	return do_counter(app, d, ctx, err, size, MC_COUNTER_REFUSE);
}

static void open_counter(tui_app *app, intake_state *s, mc_counter_kind kind)
{
	if (tui_edit_empty(&s->ed[F_NAME])) {
		snprintf(s->error, sizeof s->error, "%s", _("the applicant's name is required."));
		s->focus = F_NAME;
		return;
	}
	char missing[1024] = "";
	size_t used = 0;
	for (size_t i = 0; i < s->ndocs && kind == MC_COUNTER_GUIDE; i++)
		if (!s->ticked[i] && used < sizeof missing)
			used += (size_t)snprintf(missing + used, sizeof missing - used, "%s%s",
			                         used ? "; " : "", s->docs[i]);
	tui_dialog *d = tui_dialog_open(
		app, kind == MC_COUNTER_GUIDE ? _("Incomplete file: guidance slip (form 02)")
		                              : _("Refusal to receive (form 03)"),
		kind == MC_COUNTER_GUIDE ? do_guide : do_refuse, s);
	tui_dlg_add_text(d, kind == MC_COUNTER_GUIDE ? _("Everything missing") : _("Reasons"), missing);
	snprintf(d->note, sizeof d->note, "%s",
	         kind == MC_COUNTER_GUIDE ? _("List everything missing, once and completely.")
	                                  : _("State the specific reasons for the refusal."));
}

/* ---- drawing --------------------------------------------------------------- */

static void intake_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	intake_state *s = st;
	int L = cols * 56 / 100, lw = 16, fx = lw + 2, fw = L - fx - 1;
	int normal = tui_attr(TUI_ROLE_NORMAL), dim = tui_attr(TUI_ROLE_DIM);
	static const int row_of[F_COUNT] = {0, 2, 3, 4, 5, 6, 7, 8, 10};
	for (int f = 0; f < F_COUNT; f++) {
		int y = y0 + row_of[f];
		tui_put(y, 1, lw, _(field_labels[f]), f == s->focus ? tui_attr(TUI_ROLE_HEADER) : normal,
		        false);
		if (f == F_CHANNEL) {
			char buf[128];
			snprintf(buf, sizeof buf, "‹ %s ›", mc_channel_label((mc_channel)s->channel));
			tui_put(y, fx, fw, buf, tui_attr(f == s->focus ? TUI_ROLE_FOCUS : TUI_ROLE_INPUT), true);
		} else if (f != F_DOCS) {
			tui_edit_draw(&s->ed[f], y, fx, f == F_SETS ? 5 : fw, f == s->focus);
		}
	}
	if (s->have_proc)
		tui_put(y0 + 1, fx, fw, s->proc.name, dim, false);
	if (s->known)
		tui_put(y0 + 2, fx + 14, fw - 14, _("(known applicant)"), tui_attr(TUI_ROLE_OK), false);
	/* Right column: the due moment, live (above the checklist while it is wide). */
	bool docs_wide = s->focus == F_DOCS && s->ndocs > 0;
	int rx = L + 1, rw = cols - rx - 1, rend = docs_wide ? y0 + 10 : y0 + rows - 1;
	tui_put(y0, rx, rw, _("Due moment"), tui_attr(TUI_ROLE_HEADER), false);
	if (s->have_proc) {
		mc_limit lim = s->channel == MC_CHANNEL_ONLINE && s->proc.has_online_limit
		                       ? s->proc.online_limit
		                       : s->proc.limit;
		mc_trail trail;
		mc_trail_init(&trail);
		mc_time due;
		mc_err e;
		mc_err_clear(&e);
		if (mc_due_compute(app->cal, (mc_time)tui_now(app), &lim, &due, &trail, &e) == MC_OK) {
			char buf[64], ldesc[128];
			tui_short_time(due, buf, sizeof buf);
			tui_put(y0 + 1, rx, rw, buf, tui_attr(TUI_ROLE_OK), false);
			mc_limit_describe(&lim, ldesc, sizeof ldesc);
			tui_put(y0 + 2, rx, rw, ldesc, dim, false);
			int y = y0 + 4;
			for (size_t i = 0; i < trail.n && y < rend; i++) {
				/* Wrap each trail sentence over the column. */
				const char *start[16];
				size_t len[16];
				int n = tui_wrap(trail.lines[i], rw - 2, start, len, 16);
				for (int k = 0; k < n && y < rend; k++)
					tui_put_span(y++, rx, rw, start[k], len[k], normal, false);
			}
		} else {
			tui_put(y0 + 1, rx, rw, e.msg, tui_attr(TUI_ROLE_ERROR), false);
		}
		mc_trail_free(&trail);
		if (s->proc.fee[0] && !docs_wide) {
			char fee[300];
			snprintf(fee, sizeof fee, "%s: %s", _("Fee"), s->proc.fee);
			tui_put(y0 + rows - 2, rx, rw, fee, dim, false);
		}
	} else {
		tui_put(y0 + 1, rx, rw, _("choose a procedure"), dim, false);
	}
	/* Checklist, drawn after the right column: while it has the focus it spans
	 * the whole width below the due moment, so that at 80 columns the names of
	 * the documents are read whole (27 columns of each in the left column). */
	size_t ticked = 0;
	for (size_t i = 0; i < s->ndocs; i++)
		ticked += s->ticked[i];
	char head[160];
	snprintf(head, sizeof head, _("%zu/%zu ticked — Space: tick, Ctrl-A: all"), ticked, s->ndocs);
	tui_put(y0 + 10, fx, docs_wide ? cols - fx - 1 : fw,
	        s->ndocs ? head : (s->have_proc ? _("no list of documents") : ""), dim, false);
	int dy = y0 + 11, dmax = rows - 12;
	int lw_docs = docs_wide ? cols - 5 : L - 4;
	int dtop = s->doc_cursor >= dmax ? s->doc_cursor - dmax + 1 : 0;
	for (int i = 0; i < dmax && dtop + i < (int)s->ndocs; i++) {
		int k = dtop + i;
		char line[600];
		snprintf(line, sizeof line, "[%s] %s", s->ticked[k] ? "x" : " ", s->docs[k]);
		bool sel = s->focus == F_DOCS && k == s->doc_cursor;
		int a = tui_attr(sel ? TUI_ROLE_SELECTED : s->ticked[k] ? TUI_ROLE_OK : TUI_ROLE_NORMAL);
		/* The copies keep their place at the right end; a long name is cut before them. */
		int cw = s->doc_copies[k][0] ? tui_width(s->doc_copies[k]) + 2 : 0;
		if (lw_docs - cw < 16)
			cw = 0;
		tui_put(dy + i, 3, lw_docs - cw, line, a, true);
		if (cw)
			tui_put_right(dy + i, 3 + lw_docs - cw, cw, s->doc_copies[k], a);
	}
	/* Pick list under the procedure field, across the whole width while it is
	 * open: at 80 columns the left column would show 15 letters of each name. */
	if (s->focus == F_PROC && s->npicks > 0) {
		int n = (int)s->npicks, max = rows - 3;
		if (n > max)
			n = max;
		int top = s->pick >= n ? s->pick - n + 1 : 0;
		for (int i = 0; i < n; i++) {
			const mc_procedure_row *p = &s->picks[top + i];
			char line[1200];
			snprintf(line, sizeof line, "%-10s %s — %s", p->code, p->name, p->field);
			tui_put(y0 + 1 + i, fx, cols - fx - 1, line,
			        tui_attr(top + i == s->pick ? TUI_ROLE_SELECTED : TUI_ROLE_INPUT), true);
		}
	}
	/* The refusal or the hints, over two lines when they do not fit in one
	 * (the hints keep to one). */
	if (s->error[0])
		tui_put_lines_up(y0 + rows - 1, 1, cols - 2, s->error, tui_attr(TUI_ROLE_ERROR), 2);
	else
		tui_put(y0 + rows - 1, 1, cols - 2,
		        _("Tab/Enter: next field · F2: save · F3: incomplete (02) · F4: refuse (03) · Esc: back"),
		        dim, false);
}

/* ---- keys ---------------------------------------------------------------- */

static bool intake_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	intake_state *s = st;
	int before = s->focus;
	switch (act) {
	case TUI_ACT_SAVE: save(app, s); return true;
	case TUI_ACT_INCOMPLETE: open_counter(app, s, MC_COUNTER_GUIDE); return true;
	case TUI_ACT_REFUSE: open_counter(app, s, MC_COUNTER_REFUSE); return true;
	case TUI_ACT_NEW_FORM: reset(s); update_picks(app, s); return true;
	case TUI_ACT_NEXT_FIELD:
		s->error[0] = 0;
		leave_field(app, s, true);
		return true;
	case TUI_ACT_PREV_FIELD: leave_field(app, s, false); return true;
	case TUI_ACT_TICK_ALL:
		for (size_t i = 0; i < s->ndocs; i++)
			s->ticked[i] = true;
		return true;
	default: break;
	}
	if (s->focus == F_PROC && s->npicks > 0 && (act == TUI_ACT_UP || act == TUI_ACT_DOWN ||
	                                            act == TUI_ACT_PGUP || act == TUI_ACT_PGDN)) {
		tui_list_move(act, &s->pick, (int)s->npicks, 8);
		return true;
	}
	if (s->focus == F_DOCS) {
		if (act == TUI_ACT_TOGGLE && s->ndocs) {
			s->ticked[s->doc_cursor] = !s->ticked[s->doc_cursor];
			if (s->ticked[s->doc_cursor] && s->doc_cursor + 1 < (int)s->ndocs)
				s->doc_cursor++;
			return true;
		}
		if (act == TUI_ACT_UP && s->doc_cursor > 0) {
			s->doc_cursor--;
			return true;
		}
		if (act == TUI_ACT_DOWN) {
			if (s->doc_cursor + 1 < (int)s->ndocs)
				s->doc_cursor++;
			return true;
		}
	}
	if (s->focus == F_CHANNEL && (act == TUI_ACT_LEFT || act == TUI_ACT_RIGHT || act == TUI_ACT_TOGGLE)) {
		s->channel = (s->channel + (act == TUI_ACT_LEFT ? MC_CHANNEL_COUNT - 1 : 1)) % MC_CHANNEL_COUNT;
		return true;
	}
	if (act == TUI_ACT_UP) {
		leave_field(app, s, false);
		return true;
	}
	if (act == TUI_ACT_DOWN) {
		leave_field(app, s, true);
		return true;
	}
	if (is_text_field(s->focus) && act != TUI_ACT_BACK && !(k.fn && k.code >= KEY_F(1) && k.code <= KEY_F(12))) {
		if (tui_edit_key(&s->ed[s->focus], k)) {
			s->error[0] = 0;
			if (s->focus == F_PROC) {
				s->have_proc = false;
				update_picks(app, s);
			}
			if (s->focus == F_ID)
				s->known = false;
			return true;
		}
	}
	(void)before;
	/* A stray letter on the checklist or the channel must not quit or leave. */
	return !k.fn && k.code >= 0x20 && k.code != 0x7f;
}

static bool intake_wants_text(tui_app *app, void *st)
{
	(void)app;
	return is_text_field(((intake_state *)st)->focus);
}

static void intake_refresh(tui_app *app, void *st)
{
	intake_state *s = st;
	if (s->focus == F_PROC)
		update_picks(app, s);
}

const tui_screen_ops tui_screen_intake = {
	.name = "intake",
	.title = N_("Intake"),
	.create = intake_create,
	.destroy = intake_destroy,
	.draw = intake_draw,
	.on_key = intake_key,
	.refresh_data = intake_refresh,
	.wants_text = intake_wants_text,
};
