/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier detail: every field, the due-date trail, the event timeline (the
 * control slip), and every lifecycle action on a key. Each action opens a
 * dialog asking for what the law requires (reason, unit, new due moment,
 * signer, rating...); the core refuses invalid input with one sentence,
 * shown in the dialog, which keeps what was typed.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/forms.h"
#include "motcua/deadline.h"
#include "motcua/i18n.h"
#include "motcua/users.h"
#include "tui/screens.h"

#define LINES_MAX 400
#define LINE_LEN 600

typedef struct line {
	char text[LINE_LEN];
	tui_role role;
	int indent; /* columns before a wrapped line's continuation */
} line;

typedef struct detail_state {
	mc_dossier d;
	bool loaded;
	bool denied; /* the access could not be logged: show the sentence only */
	line *lines;
	int n, top;
	char error[TUI_MSG];
	mc_unit *units;
	size_t nunits;
	const char *unit_labels[TUI_DLG_CHOICES];
	char unit_text[TUI_DLG_CHOICES][MC_NAME_MAX + MC_CODE_MAX + 4];
	const char *form_labels[TUI_DLG_CHOICES];
} detail_state;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void add(detail_state *s, tui_role role, const char *fmt, ...)
{
	if (s->n >= LINES_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->lines[s->n].text, LINE_LEN, fmt, ap);
	va_end(ap);
	s->lines[s->n].role = role;
	/* An indented line (the due-date trail, the timeline) continues two
	 * columns further in. */
	int lead = (int)strspn(s->lines[s->n].text, " ");
	s->lines[s->n].indent = lead ? lead + 2 : 0;
	s->n++;
}

static void *detail_create(tui_app *app)
{
	(void)app;
	detail_state *s = calloc(1, sizeof *s);
	if (s)
		s->lines = calloc(LINES_MAX, sizeof *s->lines);
	return s;
}

static void detail_destroy(void *st)
{
	detail_state *s = st;
	if (!s)
		return;
	free(s->lines);
	free(s->units);
	free(s);
}

/* "Label      value": the value in column 29, where a long one continues. */
static void labelled(detail_state *s, tui_role role, const char *label, const char *value)
{
	char col[128];
	int n = s->n;
	add(s, role, "%s %s", tui_pad(col, sizeof col, label, 28), value);
	if (s->n > n)
		s->lines[n].indent = 29;
}

static void field(detail_state *s, const char *label, const char *value)
{
	if (value && *value)
		labelled(s, TUI_ROLE_NORMAL, label, value);
}

static void detail_refresh(tui_app *app, void *st)
{
	detail_state *s = st;
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	mc_err_clear(&e);
	s->n = 0;
	/*
	 * Opening a dossier shows the applicant's personal data: the access is
	 * logged first (users.h), once per opening (not on each live refresh).
	 * When it cannot be logged nothing is shown, only the sentence, until
	 * the dossier is opened again.
	 */
	if (app->detail_access) {
		app->detail_access = false;
		s->top = 0; /* a dossier opens at its top, wherever the last one was left */
		s->denied = mc_access_record(&ctx, app->detail_code, MC_ACCESS_DETAIL, &e) != MC_OK;
		if (s->denied)
			snprintf(s->error, sizeof s->error, "%s", e.msg);
	}
	if (s->denied) {
		s->loaded = false;
		return;
	}
	s->error[0] = 0;
	s->loaded = mc_dossier_get(&ctx, app->detail_code, &s->d, &e) == MC_OK;
	if (!s->loaded) {
		snprintf(s->error, sizeof s->error, "%s", e.msg);
		return;
	}
	mc_dossier *d = &s->d;
	char t1[32], t2[32], buf[2400];
	/* The state (within time, due soon, overdue) only when it says more than the status. */
	const char *status = mc_dossier_status_label(d->status), *state = tui_dossier_state(app, d);
	if (strcmp(status, state) == 0)
		add(s, tui_dossier_role(app, d), "%s  ·  %s", d->code, status);
	else
		add(s, tui_dossier_role(app, d), "%s  ·  %s  ·  %s", d->code, status, state);
	snprintf(buf, sizeof buf, "%d/%d", d->register_no, d->register_year);
	field(s, _("Register no."), buf);
	snprintf(buf, sizeof buf, "%s — %s", d->procedure_code, d->procedure_name);
	field(s, _("Procedure"), buf);
	field(s, _("Field"), d->field);
	mc_limit_describe(&d->limit, buf, sizeof buf);
	field(s, _("Time limit"), buf);
	field(s, _("Applicant"), d->applicant_name);
	field(s, _("ID number"), d->id_number);
	field(s, _("Tax code"), d->tax_code);
	field(s, _("Phone"), d->phone);
	field(s, _("Address"), d->address);
	field(s, _("E-mail"), d->email);
	snprintf(buf, sizeof buf, "%s · %d %s", mc_channel_label(d->channel), d->sets, _("set(s)"));
	field(s, _("Channel"), buf);
	field(s, _("Current unit"), d->unit_name[0] ? d->unit_name : d->unit_code);
	tui_short_time(d->received, t1, sizeof t1);
	field(s, _("Received"), t1);
	tui_short_time(d->due, t1, sizeof t1);
	if (d->original_due != MC_TIME_NONE && d->original_due != d->due) {
		tui_short_time(d->original_due, t2, sizeof t2);
		snprintf(buf, sizeof buf, "%s (%s %s)", t1, _("originally"), t2);
		field(s, _("Due"), buf);
	} else {
		field(s, _("Due"), t1);
	}
	if (mc_dossier_status_open(d->status)) {
		int late = tui_days_late(app, d->due);
		if (late > 0) {
			snprintf(buf, sizeof buf, _("%d working day(s) late"), late);
			labelled(s, TUI_ROLE_LATE, _("Delay"), buf);
		}
	}
	tui_short_time(d->finished, t1, sizeof t1);
	field(s, _("Result ready"), t1);
	if (d->result != MC_RESULT_NONE)
		field(s, _("Result"), d->result == MC_RESULT_APPROVED ? _("approved") : _("refused"));
	if (d->outcome != MC_OUTCOME_NONE)
		field(s, _("Outcome"), d->outcome == MC_OUTCOME_EARLY     ? _("early")
		                       : d->outcome == MC_OUTCOME_ON_TIME ? _("on time")
		                                                          : _("late"));
	tui_short_time(d->returned, t1, sizeof t1);
	field(s, _("Handed over"), t1);
	if (d->rating > 0) {
		snprintf(buf, sizeof buf, "%d/3", d->rating);
		field(s, _("Rating"), buf);
	}
	if (d->has_apology) {
		tui_short_time(d->apology.new_due, t1, sizeof t1);
		tui_short_time(d->apology.at, t2, sizeof t2);
		snprintf(buf, sizeof buf, _("%s — new due %s (recorded %s, signed by %s)"),
		         d->apology.reason, t1, t2, d->apology.signer[0] ? d->apology.signer : "—");
		labelled(s, TUI_ROLE_SOON, _("Apology"), buf);
	} else if (mc_dossier_status_open(d->status) && d->due != MC_TIME_NONE) {
		tui_short_time(mc_apology_deadline(app->cal, d->due), t1, sizeof t1);
		snprintf(buf, sizeof buf, _("if late, the apology must go out by %s"), t1);
		labelled(s, TUI_ROLE_DIM, _("Apology"), buf);
	}

	/* Due trail. */
	mc_trail trail;
	mc_trail_init(&trail);
	add(s, TUI_ROLE_NORMAL, "%s", "");
	add(s, TUI_ROLE_HEADER, "%s", _("How the due moment was computed"));
	if (mc_dossier_trail(&ctx, d->code, &trail, &e) == MC_OK && trail.n == 0 &&
	    d->received != MC_TIME_NONE) {
		/* Not stored (the demo does not keep it): the same engine, again, from the
		 * receipt and the limit applied at intake. */
		mc_time due;
		mc_trail_free(&trail);
		mc_trail_init(&trail);
		if (mc_due_compute(app->cal, d->received, &d->limit, &due, &trail, &e) == MC_OK)
			add(s, TUI_ROLE_DIM, "  %s",
			    _("(not stored for this dossier: computed again from the receipt and the "
			      "time limit)"));
	}
	for (size_t i = 0; i < trail.n; i++)
		add(s, TUI_ROLE_NORMAL, "  %s", trail.lines[i]);
	mc_trail_free(&trail);

	/* Timeline. */
	mc_event *ev = NULL;
	size_t nev = 0;
	add(s, TUI_ROLE_NORMAL, "%s", "");
	add(s, TUI_ROLE_HEADER, "%s", _("History (control slip)"));
	if (mc_dossier_events(&ctx, d->code, &ev, &nev, &e) == MC_OK) {
		for (size_t i = 0; i < nev; i++) {
			tui_short_time(ev[i].at, t1, sizeof t1);
			char units[200] = "";
			if (ev[i].from_unit[0] || ev[i].to_unit[0])
				snprintf(units, sizeof units, " %s → %s", ev[i].from_unit[0] ? ev[i].from_unit : "—",
				         ev[i].to_unit[0] ? ev[i].to_unit : "—");
			const char *step = ev[i].step_outcome == MC_OUTCOME_LATE      ? _(" [step late]")
			                   : ev[i].step_outcome == MC_OUTCOME_EARLY   ? _(" [step early]")
			                   : ev[i].step_outcome == MC_OUTCOME_ON_TIME ? _(" [step on time]")
			                                                              : "";
			char kind[96];
			add(s, ev[i].step_outcome == MC_OUTCOME_LATE ? TUI_ROLE_LATE : TUI_ROLE_NORMAL,
			    "  %s  %s %-10s%s%s%s%s%s", t1,
			    tui_pad(kind, sizeof kind, mc_event_kind_label(ev[i].kind), 20), ev[i].actor,
			    units, step, ev[i].note[0] ? " — " : "", ev[i].note, ev[i].backdated ? " *" : "");
		}
		free(ev);
	} else {
		add(s, TUI_ROLE_ERROR, "  %s", e.msg);
	}
}

/*
 * Lines longer than the screen wrap at a space (or anywhere in a word wider
 * than the screen) and continue at their indent, so that at 80 columns the
 * address, the apology deadline and every step of the due-date trail are
 * read whole. top counts screen lines.
 */
static void detail_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	detail_state *s = st;
	(void)app;
	if (!s->loaded) {
		tui_put(y0 + 1, 2, cols - 4, s->error, tui_attr(TUI_ROLE_ERROR), false);
		return;
	}
	int body = rows - 1, width = cols - 2;
	/* Two passes: count the screen lines (to clamp top), then draw. */
	for (int pass = 0; pass < 2; pass++) {
		int v = 0;
		for (int i = 0; i < s->n; i++) {
			const line *l = &s->lines[i];
			/* An indent too deep for the screen continues from the left. */
			int indent = width - l->indent >= 10 ? l->indent : 0;
			const char *start[16];
			size_t len[16];
			int n = tui_wrap_hang(l->text, width, width - indent, start, len, 16);
			for (int k = 0; k < (n ? n : 1); k++, v++) {
				if (pass == 1 && n && v >= s->top && v - s->top < body)
					tui_put_span(y0 + v - s->top, 1 + (k ? indent : 0), k ? width - indent : width,
					             start[k], len[k], tui_attr(l->role), false);
			}
		}
		if (pass == 0) {
			if (s->top > v - body)
				s->top = v - body;
			if (s->top < 0)
				s->top = 0;
		}
	}
	tui_draw_hints(y0 + rows - 1, 0, cols, TUI_SCREEN_DETAIL);
}

/* ---- actions ------------------------------------------------------------- */

static bool done(tui_app *app, mc_status st, const mc_err *e, char *err, size_t size,
                 const char *ok)
{
	if (st != MC_OK) {
		snprintf(err, size, "%s", e->msg[0] ? e->msg : mc_status_str(st));
		return false;
	}
	tui_message(app, false, "%s", ok);
	detail_refresh(app, app->state[TUI_SCREEN_DETAIL]);
	app->dirty = true;
	return true;
}

#define ACTION_PROLOGUE                      \
	detail_state *s = ctx_;               \
	mc_ctx ctx;                           \
	tui_ctx(app, &ctx);                   \
	mc_err e;                             \
	mc_err_clear(&e);                     \
	(void)d;

static bool do_transfer(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	int i = d->f[0].choice;
	if (i < 0 || (size_t)i >= s->nunits) {
		snprintf(err, size, "%s", _("choose a unit."));
		return false;
	}
	char note[512];
	tui_dlg_text(d, 1, note, sizeof note);
	mc_transfer_result r;
	mc_status st = mc_dossier_transfer(&ctx, s->d.code, s->units[i].code, note[0] ? note : NULL, &r, &e);
	char ok[256];
	snprintf(ok, sizeof ok, _("Handed to %s."), s->units[i].name);
	return done(app, st, &e, err, size, ok);
}

static bool do_supplement(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	char reason[512];
	tui_dlg_text(d, 0, reason, sizeof reason);
	bool late = false;
	mc_status st = mc_dossier_supplement(&ctx, s->d.code, reason, &late, &e);
	return done(app, st, &e, err, size,
	            late ? _("Supplement requested (later than the allowed working days).")
	                 : _("Supplement requested."));
}

static bool do_finish(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	mc_result r = d->f[0].choice == 0 ? MC_RESULT_APPROVED : MC_RESULT_REFUSED;
	mc_outcome o;
	mc_status st = mc_dossier_finish(&ctx, s->d.code, r, &o, &e);
	return done(app, st, &e, err, size, _("Result recorded; waiting for collection."));
}

static bool do_handover(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	static const int ratings[] = {3, 2, 1, 0};
	int rating = ratings[d->f[0].choice];
	mc_status st = mc_dossier_handover(&ctx, s->d.code, rating, &e);
	return done(app, st, &e, err, size, _("Result handed over."));
}

static bool do_apologize(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	char reason[512], due[64], signer[256];
	tui_dlg_text(d, 0, reason, sizeof reason);
	tui_dlg_text(d, 1, due, sizeof due);
	tui_dlg_text(d, 2, signer, sizeof signer);
	mc_apology_input in = {0};
	in.reason = reason;
	if (mc_time_parse(due, &in.new_due, &e) != MC_OK) {
		snprintf(err, size, "%s", e.msg);
		d->focus = 1;
		return false;
	}
	in.signer = signer[0] ? signer : NULL;
	static const mc_notify how[] = {MC_NOTIFY_PHONE, MC_NOTIFY_SMS, MC_NOTIFY_EMAIL,
	                                MC_NOTIFY_LETTER, MC_NOTIFY_NONE};
	in.notified_by = how[d->f[3].choice];
	mc_status st = mc_dossier_apologize(&ctx, s->d.code, &in, &e);
	return done(app, st, &e, err, size, _("Apology recorded with the new due moment."));
}

static bool do_stop(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	char reason[512];
	tui_dlg_text(d, 0, reason, sizeof reason);
	mc_status st = mc_dossier_stop(&ctx, s->d.code, reason, &e);
	return done(app, st, &e, err, size, _("Processing stopped."));
}

static bool do_withdraw(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	char reason[512];
	tui_dlg_text(d, 0, reason, sizeof reason);
	mc_status st = mc_dossier_withdraw(&ctx, s->d.code, reason[0] ? reason : NULL, &e);
	return done(app, st, &e, err, size, _("Dossier withdrawn."));
}

/* The forms of a dossier offered by `p`, in the order of the choice field. */
static const mc_form_kind print_kinds[] = {MC_FORM_RECEIPT, MC_FORM_SUPPLEMENT, MC_FORM_REFUSAL,
                                           MC_FORM_APOLOGY, MC_FORM_STOP,       MC_FORM_CONTROL};
#define N_PRINT_KINDS ((int)(sizeof print_kinds / sizeof print_kinds[0]))

static bool do_print(tui_app *app, tui_dialog *d, void *ctx_, char *err, size_t size)
{
	ACTION_PROLOGUE
	int i = d->f[0].choice;
	if (i < 0 || i >= N_PRINT_KINDS) {
		snprintf(err, size, "%s", _("choose a form."));
		return false;
	}
	char reason[1024];
	tui_dlg_text(d, 1, reason, sizeof reason);
	mc_form_options o;
	memset(&o, 0, sizeof o);
	o.reason = reason[0] ? reason : NULL;
	bool printer = app->cli->cfg.printer_command[0] != 0;
	char written[MC_CFG_PATH + 160];
	mc_status st = mc_form_print(&ctx, print_kinds[i], s->d.code, &o, NULL, printer, written,
	                             sizeof written, &e);
	if (st != MC_OK) {
		snprintf(err, size, "%s", e.msg[0] ? e.msg : mc_status_str(st));
		return false;
	}
	if (printer)
		tui_message(app, false, _("Wrote %s and sent it to the printer."), tui_short_path(written));
	else
		tui_message(app, false, _("Wrote %s."), tui_short_path(written));
	return true;
}

/* The form that fits the dossier's state best, as the initial choice. */
static int default_form(const mc_dossier *d)
{
	if (d->status == MC_STATUS_STOPPED)
		return 4;
	if (d->has_apology && mc_dossier_status_open(d->status))
		return 3;
	if (d->status == MC_STATUS_SUPPLEMENT)
		return 1;
	if (d->result == MC_RESULT_REFUSED)
		return 2;
	return 0;
}

static void load_units(tui_app *app, detail_state *s)
{
	mc_ctx ctx;
	tui_ctx(app, &ctx);
	mc_err e;
	free(s->units);
	s->units = NULL;
	s->nunits = 0;
	if (mc_unit_list(&ctx, &s->units, &s->nunits, &e) != MC_OK)
		s->nunits = 0;
	if (s->nunits > TUI_DLG_CHOICES)
		s->nunits = TUI_DLG_CHOICES;
	for (size_t i = 0; i < s->nunits; i++) {
		snprintf(s->unit_text[i], sizeof s->unit_text[i], "%s (%s)", s->units[i].name,
		         s->units[i].code);
		s->unit_labels[i] = s->unit_text[i];
	}
}

static bool detail_key(tui_app *app, void *st, tui_key k, tui_action act)
{
	detail_state *s = st;
	(void)k;
	if (!s->loaded && act != TUI_ACT_NONE)
		return false;
	tui_dialog *d;
	char buf[160];
	switch (act) {
	case TUI_ACT_UP: s->top--; return true;
	case TUI_ACT_DOWN: s->top++; return true;
	case TUI_ACT_PGUP: s->top -= 10; return true;
	case TUI_ACT_PGDN: s->top += 10; return true;
	case TUI_ACT_HOME: s->top = 0; return true;
	case TUI_ACT_END: s->top = s->n; return true;
	case TUI_ACT_TRANSFER: {
		load_units(app, s);
		d = tui_dialog_open(app, _("Hand over to a unit"), do_transfer, s);
		int initial = 0;
		for (size_t i = 0; i < s->nunits; i++)
			if (strcmp(s->units[i].kind, "desk") != 0 &&
			    strcmp(s->units[i].code, s->d.unit_code) != 0) {
				initial = (int)i;
				break;
			}
		tui_dlg_add_choice(d, _("Unit"), s->unit_labels, (int)s->nunits, initial);
		tui_dlg_add_text(d, _("Note"), NULL);
		snprintf(d->note, sizeof d->note, "%s",
		         _("After the hand-over cut-off the dossier counts as handed over the next working day."));
		return true;
	}
	case TUI_ACT_SUPPLEMENT:
		d = tui_dialog_open(app, _("Ask for a supplement (form 02)"), do_supplement, s);
		tui_dlg_add_text(d, _("Missing papers / reason"), NULL);
		snprintf(d->note, sizeof d->note, "%s",
		         _("List everything missing, once and completely; the time limit restarts when the papers arrive."));
		return true;
	case TUI_ACT_RESUME: {
		mc_ctx ctx;
		tui_ctx(app, &ctx);
		mc_err e;
		mc_err_clear(&e);
		mc_time nd;
		if (mc_dossier_resume(&ctx, s->d.code, &nd, &e) != MC_OK) {
			tui_message(app, true, "%s", e.msg);
		} else {
			tui_short_time(nd, buf, sizeof buf);
			tui_message(app, false, _("Papers received; new due %s."), buf);
			detail_refresh(app, s);
		}
		return true;
	}
	case TUI_ACT_FINISH: {
		static const char *res[2];
		res[0] = _("approved");
		res[1] = _("refused (written reasons)");
		d = tui_dialog_open(app, _("Result ready"), do_finish, s);
		tui_dlg_add_choice(d, _("Result"), res, 2, 0);
		return true;
	}
	case TUI_ACT_HANDOVER: {
		static const char *rate[4];
		rate[0] = _("3 — very satisfied");
		rate[1] = _("2 — satisfied");
		rate[2] = _("1 — not satisfied");
		rate[3] = _("not given");
		d = tui_dialog_open(app, _("Hand the result to the applicant"), do_handover, s);
		tui_dlg_add_choice(d, _("Rating"), rate, 4, 0);
		return true;
	}
	case TUI_ACT_APOLOGIZE: {
		static const char *how[5];
		how[0] = _("phone");
		how[1] = _("SMS");
		how[2] = _("e-mail");
		how[3] = _("letter");
		how[4] = _("not yet");
		d = tui_dialog_open(app, _("Apology and new due moment (form 04)"), do_apologize, s);
		tui_dlg_add_text(d, _("Reason for the delay"), NULL);
		mc_time_format(mc_add_working_minutes(app->cal, s->d.due,
		                                      (int64_t)app->cli->cfg.hours_per_day * 60 * 5),
		               buf);
		tui_dlg_add_text(d, _("New due (YYYY-MM-DD HH:MM)"), buf);
		tui_dlg_add_text(d, _("Signer"), app->cli->cfg.head_name);
		tui_dlg_add_choice(d, _("Applicant told by"), how, 5, 0);
		snprintf(d->note, sizeof d->note, "%s",
		         _("Only once per dossier; the dossier still counts as late."));
		return true;
	}
	case TUI_ACT_STOP:
		d = tui_dialog_open(app, _("Stop processing (form 05)"), do_stop, s);
		tui_dlg_add_text(d, _("Reason and legal basis"), NULL);
		return true;
	case TUI_ACT_WITHDRAW:
		d = tui_dialog_open(app, _("The applicant withdraws"), do_withdraw, s);
		tui_dlg_add_text(d, _("Reason (optional)"), NULL);
		return true;
	case TUI_ACT_PRINT:
		for (int i = 0; i < N_PRINT_KINDS; i++)
			s->form_labels[i] = mc_form_kind_label(print_kinds[i]);
		d = tui_dialog_open(app, _("Print a form"), do_print, s);
		tui_dlg_add_choice(d, _("Form"), s->form_labels, N_PRINT_KINDS, default_form(&s->d));
		tui_dlg_add_text(d, _("Reason, if any"), NULL);
		if (app->cli->cfg.printer_command[0])
			snprintf(d->note, sizeof d->note, _("Sent to the printer: %s"),
			         app->cli->cfg.printer_command);
		else
			snprintf(d->note, sizeof d->note, _("No printer command is set: the PDF goes to %s."),
			         app->cli->cfg.output_dir[0] ? app->cli->cfg.output_dir : ".");
		return true;
	default:
		return false;
	}
}

const tui_screen_ops tui_screen_detail = {
	.name = "detail",
	.title = N_("Dossier"),
	.create = detail_create,
	.destroy = detail_destroy,
	.draw = detail_draw,
	.on_key = detail_key,
	.refresh_data = detail_refresh,
};
