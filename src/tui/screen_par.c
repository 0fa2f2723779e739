/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * PAR scorecard. The scoring from the database arrives with step 7; until
 * then the screen shows the criteria of the configured rubric and says so.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "motcua/i18n.h"
#include "motcua/par.h"
#include "tui/screens.h"

typedef struct par_state {
	mc_rubric *rubric;
	char error[TUI_MSG];
} par_state;

static void *par_create(tui_app *app)
{
	(void)app;
	return calloc(1, sizeof(par_state));
}

static void par_destroy(void *st)
{
	par_state *s = st;
	if (s)
		mc_rubric_free(s->rubric);
	free(s);
}

static void par_refresh(tui_app *app, void *st)
{
	par_state *s = st;
	if (s->rubric || !app->cli->cfg.rubric_path[0])
		return;
	mc_err e;
	mc_err_clear(&e);
	if (mc_rubric_load(app->cli->cfg.rubric_path, &s->rubric, &e) != MC_OK)
		snprintf(s->error, sizeof s->error, "%s", e.msg);
}

static void par_draw(tui_app *app, void *st, int y0, int rows, int cols)
{
	par_state *s = st;
	(void)app;
	tui_put(y0 + 1, 2, cols - 4,
	        _("The PAR scorecard computed from the dossiers arrives with step 7 (motcua par)."),
	        tui_attr(TUI_ROLE_SOON), false);
	if (!s->rubric) {
		tui_put(y0 + 3, 2, cols - 4, s->error[0] ? s->error : _("No rubric file is configured."),
		        tui_attr(TUI_ROLE_DIM), false);
		return;
	}
	tui_put(y0 + 3, 2, cols - 4, _("Criteria of the configured rubric:"), tui_attr(TUI_ROLE_HEADER),
	        false);
	for (size_t i = 0; i < mc_rubric_count(s->rubric) && (int)i + 5 < rows; i++) {
		const mc_par_criterion *c = mc_rubric_criterion(s->rubric, i);
		char max[32], line[600];
		mc_par_format_milli(c->max, 2, max, sizeof max);
		snprintf(line, sizeof line, "%-16s %-52s %8s  %s", c->id, c->name, max,
		         mc_par_metric_name(c->metric));
		tui_put(y0 + 4 + (int)i, 2, cols - 4, line, tui_attr(TUI_ROLE_NORMAL), false);
	}
}

const tui_screen_ops tui_screen_par = {
	.name = "par",
	.title = N_("PAR scorecard"),
	.create = par_create,
	.destroy = par_destroy,
	.draw = par_draw,
	.refresh_data = par_refresh,
};
