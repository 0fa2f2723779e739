/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Modal form dialogs, drawn over the current screen. Used by every action
 * that must ask for what the law requires (reason, new due moment, signer,
 * rating...). The submit callback validates and performs the action; when it
 * refuses, the dialog stays open with every typed value and shows the
 * sentence in place.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "tui/ui.h"

static tui_dialog the_dialog;

tui_dialog *tui_dialog_open(tui_app *app, const char *title, tui_dlg_submit submit, void *ctx)
{
	tui_dialog *d = &the_dialog;
	memset(d, 0, sizeof *d);
	snprintf(d->title, sizeof d->title, "%s", title);
	d->submit = submit;
	d->ctx = ctx;
	app->dialog = d;
	app->dirty = true;
	return d;
}

tui_dlg_field *tui_dlg_add_text(tui_dialog *d, const char *label, const char *initial)
{
	if (d->nf >= TUI_DLG_FIELDS)
		return NULL;
	tui_dlg_field *f = &d->f[d->nf++];
	memset(f, 0, sizeof *f);
	f->label = label;
	tui_edit_init(&f->ed);
	if (initial)
		tui_edit_set(&f->ed, initial);
	return f;
}

tui_dlg_field *tui_dlg_add_choice(tui_dialog *d, const char *label, const char *const *choices,
                                  int n, int initial)
{
	tui_dlg_field *f = tui_dlg_add_text(d, label, NULL);
	if (!f)
		return NULL;
	if (n > TUI_DLG_CHOICES)
		n = TUI_DLG_CHOICES;
	for (int i = 0; i < n; i++)
		f->choices[i] = choices[i];
	f->nchoices = n;
	f->choice = initial >= 0 && initial < n ? initial : 0;
	return f;
}

void tui_dlg_text(const tui_dialog *d, int i, char *out, size_t size)
{
	if (i < 0 || i >= d->nf) {
		if (size)
			out[0] = 0;
		return;
	}
	const tui_dlg_field *f = &d->f[i];
	if (f->nchoices > 0)
		snprintf(out, size, "%s", f->choices[f->choice]);
	else
		tui_edit_get(&f->ed, out, size);
}

void tui_dialog_close(tui_app *app)
{
	app->dialog = NULL;
	app->dirty = true;
}


/*
 * The frame in Unicode box-drawing characters (the program always runs with
 * a UTF-8 character type), not the terminal's line-drawing set: PuTTY and
 * other terminals in UTF-8 mode show that set as "lqqqk" and "x".
 */
static void draw_box(int y0, int x0, int h, int w)
{
	cchar_t hl, vl, ul, ur, ll, lr;
	setcchar(&hl, L"\u2500", A_NORMAL, 0, NULL);
	setcchar(&vl, L"\u2502", A_NORMAL, 0, NULL);
	setcchar(&ul, L"\u250c", A_NORMAL, 0, NULL);
	setcchar(&ur, L"\u2510", A_NORMAL, 0, NULL);
	setcchar(&ll, L"\u2514", A_NORMAL, 0, NULL);
	setcchar(&lr, L"\u2518", A_NORMAL, 0, NULL);
	mvhline_set(y0, x0, &hl, w);
	mvhline_set(y0 + h - 1, x0, &hl, w);
	mvvline_set(y0, x0, &vl, h);
	mvvline_set(y0, x0 + w - 1, &vl, h);
	mvadd_wch(y0, x0, &ul);
	mvadd_wch(y0, x0 + w - 1, &ur);
	mvadd_wch(y0 + h - 1, x0, &ll);
	mvadd_wch(y0 + h - 1, x0 + w - 1, &lr);
}

void tui_dialog_draw(tui_app *app)
{
	tui_dialog *d = app->dialog;
	if (!d)
		return;
	int w = app->cols - 8;
	if (w > 76)
		w = 76;
	int h = 4 + d->nf * 2 + (d->note[0] ? 1 : 0);
	int y0 = (app->rows - h) / 2, x0 = (app->cols - w) / 2;
	if (y0 < 1)
		y0 = 1;
	int normal = tui_attr(TUI_ROLE_NORMAL);
	for (int r = 0; r < h; r++)
		tui_fill(y0 + r, x0, w, normal);
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(tui_attr(TUI_ROLE_HEADER));
	draw_box(y0, x0, h, w);
	attr_set(old, pair, NULL);
	tui_put(y0, x0 + 2, w - 4, d->title, tui_attr(TUI_ROLE_HEADER), false);
	int y = y0 + 1;
	if (d->note[0])
		tui_put(y++, x0 + 2, w - 4, d->note, tui_attr(TUI_ROLE_DIM), false);
	int lw = 0;
	for (int i = 0; i < d->nf; i++) {
		int l = tui_width(d->f[i].label);
		if (l > lw)
			lw = l;
	}
	if (lw > w / 3)
		lw = w / 3;
	for (int i = 0; i < d->nf; i++) {
		y++;
		tui_dlg_field *f = &d->f[i];
		tui_put(y, x0 + 2, lw, f->label, normal, true);
		int fx = x0 + 4 + lw, fw = w - 6 - lw;
		if (f->nchoices > 0) {
			char buf[256];
			snprintf(buf, sizeof buf, "‹ %s ›", f->choices[f->choice]);
			tui_put(y, fx, fw, buf, tui_attr(i == d->focus ? TUI_ROLE_FOCUS : TUI_ROLE_INPUT),
			        true);
		} else {
			tui_edit_draw(&f->ed, y, fx, fw, i == d->focus);
		}
		y++;
	}
	y++;
	if (d->error[0])
		tui_put(y, x0 + 2, w - 4, d->error, tui_attr(TUI_ROLE_ERROR), false);
	else
		tui_put(y, x0 + 2, w - 4, _("Enter: next / confirm   F2: confirm   Esc: cancel"),
		        tui_attr(TUI_ROLE_DIM), false);
}

static void submit(tui_app *app)
{
	tui_dialog *d = app->dialog;
	d->error[0] = 0;
	if (!d->submit || d->submit(app, d, d->ctx, d->error, sizeof d->error)) {
		if (app->dialog == d && !d->error[0])
			tui_dialog_close(app);
	}
	app->dirty = true;
}

void tui_dialog_key(tui_app *app, tui_key k)
{
	tui_dialog *d = app->dialog;
	if (!d)
		return;
	app->dirty = true;
	tui_dlg_field *f = d->nf > 0 ? &d->f[d->focus] : NULL;
	if (!k.fn && k.code == 27) {
		tui_dialog_close(app);
		return;
	}
	if ((k.fn && k.code == KEY_F(2)) || (!k.fn && k.code == ('s' & 0x1f))) {
		submit(app);
		return;
	}
	bool enter = (!k.fn && (k.code == '\n' || k.code == '\r')) || (k.fn && k.code == KEY_ENTER);
	if (enter) {
		if (d->focus + 1 >= d->nf)
			submit(app);
		else
			d->focus++;
		return;
	}
	if ((!k.fn && k.code == '\t') || (k.fn && k.code == KEY_DOWN)) {
		d->focus = d->nf ? (d->focus + 1) % d->nf : 0;
		return;
	}
	if ((k.fn && (k.code == KEY_BTAB || k.code == KEY_UP))) {
		d->focus = d->nf ? (d->focus + d->nf - 1) % d->nf : 0;
		return;
	}
	if (!f)
		return;
	if (f->nchoices > 0) {
		if ((k.fn && k.code == KEY_LEFT))
			f->choice = (f->choice + f->nchoices - 1) % f->nchoices;
		else if ((k.fn && k.code == KEY_RIGHT) || (!k.fn && k.code == ' '))
			f->choice = (f->choice + 1) % f->nchoices;
		else if (!k.fn && k.code >= '1' && k.code < '1' + f->nchoices)
			f->choice = k.code - '1';
		return;
	}
	tui_edit_key(&f->ed, k);
}
