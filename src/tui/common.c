/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Helpers shared by the screens that show dossiers: the operation context,
 * the meaning colours (within time / due soon / overdue) and the standard
 * dossier table row.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli_db.h"
#include "motcua/deadline.h"
#include "motcua/i18n.h"
#include "tui/screens.h"

void tui_ctx(tui_app *app, mc_ctx *ctx)
{
	ctx->db = app->store;
	ctx->cfg = &app->cli->cfg;
	ctx->cal = app->cal;
	ctx->clock = &app->cli->clock;
	ctx->actor = cli_actor(); /* the same name the commands record */
}

tui_role tui_dossier_role(tui_app *app, const mc_dossier *d)
{
	if (!mc_dossier_status_open(d->status))
		return TUI_ROLE_DIM;
	if (d->status == MC_STATUS_SUPPLEMENT)
		return TUI_ROLE_NORMAL;
	mc_time now = (mc_time)tui_now(app);
	if (mc_is_overdue(app->cal, d->due, now))
		return TUI_ROLE_LATE;
	if (mc_is_due_soon(app->cal, d->due, now))
		return TUI_ROLE_SOON;
	return TUI_ROLE_OK;
}

const char *tui_dossier_state(tui_app *app, const mc_dossier *d)
{
	if (!mc_dossier_status_open(d->status) || d->status == MC_STATUS_SUPPLEMENT)
		return mc_dossier_status_label(d->status);
	switch (tui_dossier_role(app, d)) {
	case TUI_ROLE_LATE: return _("Overdue");
	case TUI_ROLE_SOON: return _("Due soon");
	default: return _("Within time");
	}
}

/* "dd/mm/yyyy HH:MM", or "dd/mm HH:MM" without the year; "" for none. */
static void put_time(long long t, bool year, char *buf, size_t size)
{
	if (t == (long long)MC_TIME_NONE) {
		snprintf(buf, size, "%s", "");
		return;
	}
	int y, m, d;
	mc_date_to_ymd(mc_time_date((mc_time)t), &y, &m, &d);
	int min = mc_time_minute_of_day((mc_time)t);
	if (year)
		snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, m, y, min / 60, min % 60);
	else
		snprintf(buf, size, "%02d/%02d %02d:%02d", d, m, min / 60, min % 60);
}

void tui_short_time(long long t, char *buf, size_t size)
{
	put_time(t, true, buf, size);
}

int tui_days_late(tui_app *app, long long due)
{
	return mc_days_late(app->cal, (mc_time)due, (mc_time)tui_now(app));
}

/* Column layout of the dossier table for a width. */
struct cols {
	int code, name, proc, state, due;
};

static struct cols layout(int cols)
{
	struct cols c;
	/* Below 100 columns the code shows its end ("…261116-0031": the agency part is
	 * the same on every row) so that the applicant's name keeps room. */
	c.code = tui_code_width(cols);
	c.state = 14;
	c.due = 17;
	int rest = cols - c.code - c.state - c.due - 4;
	if (rest < 20)
		rest = 20;
	c.name = cols < 100 ? rest / 2 : rest * 2 / 5;
	c.proc = rest - c.name;
	return c;
}

void tui_day_time(long long t, char *buf, size_t size)
{
	put_time(t, false, buf, size);
}

int tui_code_width(int cols)
{
	return cols < 100 ? 13 : 26;
}

/* A dossier code in w columns: whole when it fits, else "…" and its end. */
void tui_put_code(int y, int x, int w, const char *code, int attr)
{
	size_t n = strlen(code); /* codes are ASCII (the code pattern) */
	if ((int)n <= w - 1 || w < 4) {
		tui_put(y, x, w, code, attr, false);
		return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "\xe2\x80\xa6%s", code + n - (size_t)(w - 2));
	tui_put(y, x, w, buf, attr, false);
}

void tui_dossier_header(int y, int cols)
{
	struct cols c = layout(cols);
	int a = tui_attr(TUI_ROLE_HEADER);
	tui_fill(y, 0, cols, a);
	int x = 0;
	tui_put(y, x, c.code, _("Code"), a, false);
	x += c.code + 1;
	tui_put(y, x, c.name, _("Applicant"), a, false);
	x += c.name + 1;
	tui_put(y, x, c.proc, _("Procedure"), a, false);
	x += c.proc + 1;
	tui_put(y, x, c.state, _("State"), a, false);
	x += c.state + 1;
	tui_put(y, x, c.due, _("Due"), a, false);
}

void tui_dossier_row(tui_app *app, int y, int cols, const mc_dossier *d, bool selected)
{
	struct cols c = layout(cols);
	int a = tui_attr(selected ? TUI_ROLE_SELECTED : tui_dossier_role(app, d));
	tui_fill(y, 0, cols, a);
	int x = 0;
	tui_put_code(y, x, c.code, d->code, a);
	x += c.code + 1;
	tui_put(y, x, c.name, d->applicant_name, a, false);
	x += c.name + 1;
	tui_put(y, x, c.proc, d->procedure_name, a, false);
	x += c.proc + 1;
	tui_put(y, x, c.state, tui_dossier_state(app, d), a, false);
	x += c.state + 1;
	char due[32];
	tui_short_time(d->due, due, sizeof due);
	tui_put(y, x, c.due, due, a, false);
}

bool tui_mkdirs(const char *dir, char *err, size_t size)
{
	char p[2048];
	snprintf(p, sizeof p, "%s", dir);
	for (char *c = p + 1;; c++) {
		if (*c == '/' || *c == '\0') {
			char keep = *c;
			*c = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				snprintf(err, size, _("cannot create the folder %s: %s."), p, strerror(errno));
				return false;
			}
			*c = keep;
			if (!keep)
				break;
		}
	}
	return true;
}

const char *tui_output_dir(tui_app *app)
{
	return app->cli->cfg.output_dir[0] ? app->cli->cfg.output_dir : ".";
}

const char *tui_short_path(const char *path)
{
	static char buf[2200];
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		snprintf(buf, sizeof buf, "~%s", path + n);
	else
		snprintf(buf, sizeof buf, "%s", path);
	return buf;
}
