/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder screen until the full interface (step 4) lands. */
#include <locale.h>
#include <ncurses.h>

#include "motcua/i18n.h"
#include "tui/tui.h"

int mc_tui_run(mc_cli *cli, const char *db_path)
{
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvaddstr(1, 2, "motcua");
	mvaddstr(3, 2, cli->cfg.agency_name);
	mvaddstr(4, 2, db_path);
	mvaddstr(6, 2, _("Press q to quit."));
	refresh();
	int ch;
	while ((ch = getch()) != 'q' && ch != 'Q' && ch != ERR)
		;
	endwin();
	return 0;
}
