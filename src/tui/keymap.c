/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The key map table. Adding a key here makes it appear in the function-key
 * bar (when it is an F-key with a bar label), in the help screen and in the
 * action hints of its screen; nothing else needs to change.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "motcua/i18n.h"
#include "tui/keymap.h"

#define G TUI_SCOPE_GLOBAL
#define CTRL(c) ((c) & 0x1f)

const tui_binding tui_keymap[] = {
	/* Global: the function-key bar, htop style. */
	{G, KEY_F(1), true, TUI_ACT_HELP, N_("Help"), N_("Show the keys of this screen")},
	{G, KEY_F(2), true, TUI_ACT_INTAKE, N_("Intake"), N_("Receive a new dossier")},
	{G, KEY_F(3), true, TUI_ACT_SEARCH, N_("Search"),
	 N_("Search dossiers by code, name or ID number (diacritics ignored)")},
	{G, KEY_F(4), true, TUI_ACT_LIST, N_("Dossiers"), N_("List of dossiers")},
	{G, KEY_F(5), true, TUI_ACT_OVERDUE, N_("Overdue"),
	 N_("Overdue and at-risk dossiers, and the apologies that must go out")},
	{G, KEY_F(6), true, TUI_ACT_REPORTS, N_("Reports"), N_("National report table and rates")},
	{G, KEY_F(7), true, TUI_ACT_PAR, N_("PAR"), N_("PAR INDEX scorecard")},
	{G, KEY_F(8), true, TUI_ACT_ADMIN, N_("Admin"),
	 N_("Procedures, units, calendar and settings")},
	{G, KEY_F(9), true, TUI_ACT_DASHBOARD, N_("Dashboard"), N_("Dashboard")},
	{G, KEY_F(10), true, TUI_ACT_QUIT, N_("Quit"), N_("Leave the program")},
	{G, '?', false, TUI_ACT_HELP, NULL, N_("Show the keys of this screen")},
	{G, 'q', false, TUI_ACT_QUIT, NULL, N_("Leave the program")},
	{G, 27, false, TUI_ACT_BACK, NULL, N_("Back to the previous screen, or cancel")},
	{G, CTRL('l'), false, TUI_ACT_REDRAW, NULL, N_("Redraw the screen")},
	/* Movement in every list. */
	{G, KEY_UP, true, TUI_ACT_UP, NULL, N_("Previous line")},
	{G, KEY_DOWN, true, TUI_ACT_DOWN, NULL, N_("Next line")},
	{G, 'k', false, TUI_ACT_UP, NULL, N_("Previous line")},
	{G, 'j', false, TUI_ACT_DOWN, NULL, N_("Next line")},
	{G, KEY_PPAGE, true, TUI_ACT_PGUP, NULL, N_("Previous page")},
	{G, KEY_NPAGE, true, TUI_ACT_PGDN, NULL, N_("Next page")},
	{G, KEY_HOME, true, TUI_ACT_HOME, NULL, N_("First line")},
	{G, KEY_END, true, TUI_ACT_END, NULL, N_("Last line")},
	{G, KEY_LEFT, true, TUI_ACT_LEFT, NULL, N_("Previous column or tab")},
	{G, KEY_RIGHT, true, TUI_ACT_RIGHT, NULL, N_("Next column or tab")},
	{G, '\n', false, TUI_ACT_OPEN, NULL, N_("Open the selected line")},
	{G, '\r', false, TUI_ACT_OPEN, NULL, NULL},
	{G, KEY_ENTER, true, TUI_ACT_OPEN, NULL, NULL},

	/* Intake. F-keys replace the global ones while the form is open. */
	{TUI_SCREEN_INTAKE, KEY_F(2), true, TUI_ACT_SAVE, N_("Save"),
	 N_("Save the dossier and write the receipt (form 01)")},
	{TUI_SCREEN_INTAKE, CTRL('s'), false, TUI_ACT_SAVE, NULL,
	 N_("Save the dossier and write the receipt (form 01)")},
	{TUI_SCREEN_INTAKE, KEY_F(3), true, TUI_ACT_INCOMPLETE, N_("Missing"),
	 N_("Incomplete file: guidance slip (form 02), no dossier is created")},
	{TUI_SCREEN_INTAKE, KEY_F(4), true, TUI_ACT_REFUSE, N_("Refuse"),
	 N_("Refuse to receive: refusal slip (form 03), no dossier is created")},
	{TUI_SCREEN_INTAKE, '\t', false, TUI_ACT_NEXT_FIELD, NULL, N_("Next field")},
	{TUI_SCREEN_INTAKE, '\n', false, TUI_ACT_NEXT_FIELD, NULL,
	 N_("Next field (on the procedure: take the selected one)")},
	{TUI_SCREEN_INTAKE, '\r', false, TUI_ACT_NEXT_FIELD, NULL, NULL},
	{TUI_SCREEN_INTAKE, KEY_ENTER, true, TUI_ACT_NEXT_FIELD, NULL, NULL},
	{TUI_SCREEN_INTAKE, KEY_BTAB, true, TUI_ACT_PREV_FIELD, NULL, N_("Previous field")},
	{TUI_SCREEN_INTAKE, ' ', false, TUI_ACT_TOGGLE, NULL,
	 N_("Tick or untick the document (checklist)")},
	{TUI_SCREEN_INTAKE, CTRL('a'), false, TUI_ACT_TICK_ALL, NULL,
	 N_("Tick every document of the checklist")},
	{TUI_SCREEN_INTAKE, CTRL('n'), false, TUI_ACT_NEW_FORM, NULL, N_("Clear the form")},

	/* Dossier list. */
	{TUI_SCREEN_LIST, '/', false, TUI_ACT_FIND, N_("search"),
	 N_("Search by code, name or ID number (diacritics ignored)")},
	{TUI_SCREEN_LIST, 's', false, TUI_ACT_SORT, N_("sort"),
	 N_("Sort by due date, receipt date or code")},
	{TUI_SCREEN_LIST, 'f', false, TUI_ACT_FILTER_STATUS, N_("status"),
	 N_("Filter by status (repeat to cycle)")},
	{TUI_SCREEN_LIST, 'o', false, TUI_ACT_FILTER_OVERDUE, N_("overdue"),
	 N_("Only overdue dossiers")},
	{TUI_SCREEN_LIST, 'd', false, TUI_ACT_FILTER_SOON, N_("due soon"),
	 N_("Only dossiers due soon")},
	{TUI_SCREEN_LIST, 'c', false, TUI_ACT_FILTER_CHANNEL, N_("channel"),
	 N_("Filter by channel (repeat to cycle)")},
	{TUI_SCREEN_LIST, 'l', false, TUI_ACT_FILTER_MORE, N_("unit, field, period"),
	 N_("Filter by the unit holding the dossier, the field and the period of receipt")},
	{TUI_SCREEN_LIST, 'x', false, TUI_ACT_CLEAR_FILTERS, N_("clear"), N_("Clear every filter")},
	{TUI_SCREEN_LIST, '1', false, TUI_ACT_VIEW, N_("1-9 views"),
	 N_("Keys 1 to 9: open a saved view")},
	{TUI_SCREEN_LIST, 'v', false, TUI_ACT_SAVE_VIEW, N_("save view"),
	 N_("Save the current filters as view 1-9 (then press the digit)")},

	/* Dossier detail: the lifecycle actions. */
	{TUI_SCREEN_DETAIL, 't', false, TUI_ACT_TRANSFER, N_("transfer"),
	 N_("Hand the dossier to a unit (or back to the desk)")},
	{TUI_SCREEN_DETAIL, 'b', false, TUI_ACT_SUPPLEMENT, N_("supplement"),
	 N_("Ask the applicant for more papers (reason required)")},
	{TUI_SCREEN_DETAIL, 'r', false, TUI_ACT_RESUME, N_("resume"),
	 N_("The additional papers arrived: the clock starts again")},
	{TUI_SCREEN_DETAIL, 'e', false, TUI_ACT_FINISH, N_("result"),
	 N_("The result is ready (approved or refused)")},
	{TUI_SCREEN_DETAIL, 'g', false, TUI_ACT_HANDOVER, N_("hand over"),
	 N_("Hand the result to the applicant and record the rating")},
	{TUI_SCREEN_DETAIL, 'a', false, TUI_ACT_APOLOGIZE, N_("apology"),
	 N_("Record the apology: reason, new due moment, signer (once)")},
	{TUI_SCREEN_DETAIL, 'z', false, TUI_ACT_STOP, N_("stop"),
	 N_("Stop processing (form 05, reason required)")},
	{TUI_SCREEN_DETAIL, 'w', false, TUI_ACT_WITHDRAW, N_("withdraw"),
	 N_("The applicant withdraws the dossier")},
	{TUI_SCREEN_DETAIL, 'p', false, TUI_ACT_PRINT, N_("print"), N_("Print or write a form")},

	/* Overdue screen. */
	{TUI_SCREEN_OVERDUE, KEY_F(5), true, TUI_ACT_NEXT_TAB, N_("Overdue"),
	 N_("Switch between apologies due, overdue and at-risk")},
	{TUI_SCREEN_OVERDUE, '\t', false, TUI_ACT_NEXT_TAB, NULL,
	 N_("Switch between apologies due, overdue and at-risk")},

	/* Reports. */
	{TUI_SCREEN_REPORTS, 'p', false, TUI_ACT_PERIOD_KIND, N_("period"),
	 N_("Kind of period: month, official month, quarter, 6 months, 9 months, year")},
	{TUI_SCREEN_REPORTS, '[', false, TUI_ACT_PERIOD_PREV, N_("[ earlier"), N_("Previous period")},
	{TUI_SCREEN_REPORTS, ']', false, TUI_ACT_PERIOD_NEXT, N_("] later"), N_("Next period")},
	{TUI_SCREEN_REPORTS, 'r', false, TUI_ACT_PERIOD_RANGE, N_("range"),
	 N_("Any range of days: FROM..TO")},
	{TUI_SCREEN_REPORTS, 'e', false, TUI_ACT_EXPORT, N_("export"),
	 N_("Export the period to an Excel workbook")},
	{TUI_SCREEN_REPORTS, 'l', false, TUI_ACT_PRINT, N_("register"),
	 N_("Print the register of dossiers received in the period (form 07)")},

	/* PAR scorecard. */
	{TUI_SCREEN_PAR, 'm', false, TUI_ACT_MANUAL, N_("enter value"),
	 N_("Enter the value of a manual criterion for the year (recorded with your name)")},
	{TUI_SCREEN_PAR, '[', false, TUI_ACT_PERIOD_PREV, N_("[ earlier"), N_("Previous year")},
	{TUI_SCREEN_PAR, ']', false, TUI_ACT_PERIOD_NEXT, N_("] later"), N_("Next year")},
	{TUI_SCREEN_PAR, '\n', false, TUI_ACT_OPEN, N_("dossiers"),
	 N_("The dossiers behind the selected criterion")},

	/* Administration. */
	{TUI_SCREEN_ADMIN, '\t', false, TUI_ACT_NEXT_TAB, N_("Tab next page"),
	 N_("Next page: procedures, units, calendar, settings, users, audit")},
	{TUI_SCREEN_ADMIN, KEY_BTAB, true, TUI_ACT_PREV_TAB, NULL, N_("Previous page")},
	{TUI_SCREEN_ADMIN, '[', false, TUI_ACT_PERIOD_PREV, NULL, N_("Calendar: previous year")},
	{TUI_SCREEN_ADMIN, ']', false, TUI_ACT_PERIOD_NEXT, NULL, N_("Calendar: next year")},
	{TUI_SCREEN_ADMIN, 'i', false, TUI_ACT_IMPACT, N_("impact"),
	 N_("Calendar: preview which open dossiers an edited calendar file would move")},
};

const size_t tui_keymap_count = sizeof tui_keymap / sizeof tui_keymap[0];

static const char *const action_names[] = {
#define TUI_X_NAME(n) #n,
	TUI_ACTION_LIST(TUI_X_NAME)
#undef TUI_X_NAME
};

const char *tui_action_name(tui_action a)
{
	return (unsigned)a < TUI_ACT_COUNT ? action_names[a] : "?";
}

static tui_action lookup_in(int scope, int key, bool fn)
{
	for (size_t i = 0; i < tui_keymap_count; i++) {
		const tui_binding *b = &tui_keymap[i];
		if (b->scope == scope && b->key == key && b->fn == fn)
			return b->action;
	}
	return TUI_ACT_NONE;
}

tui_action tui_keymap_lookup(int scope, int key, bool fn)
{
	tui_action a = lookup_in(scope, key, fn);
	if (a == TUI_ACT_NONE && scope != TUI_SCOPE_GLOBAL)
		a = lookup_in(TUI_SCOPE_GLOBAL, key, fn);
	/* Digits 1-9 share the VIEW row of the list. */
	if (a == TUI_ACT_NONE && scope == TUI_SCREEN_LIST && !fn && key >= '1' && key <= '9')
		a = TUI_ACT_VIEW;
	return a;
}

const tui_binding *tui_keymap_find(int scope, tui_action act)
{
	for (int pass = 0; pass < 2; pass++) {
		int s = pass == 0 ? scope : TUI_SCOPE_GLOBAL;
		for (size_t i = 0; i < tui_keymap_count; i++)
			if (tui_keymap[i].scope == s && tui_keymap[i].action == act)
				return &tui_keymap[i];
	}
	return NULL;
}

void tui_key_name(int key, bool fn, char *buf, size_t size)
{
	if (fn) {
		if (key >= KEY_F(1) && key <= KEY_F(12)) {
			snprintf(buf, size, "F%d", key - KEY_F0);
			return;
		}
		const char *n;
		switch (key) {
		case KEY_UP: n = "↑"; break;
		case KEY_DOWN: n = "↓"; break;
		case KEY_LEFT: n = "←"; break;
		case KEY_RIGHT: n = "→"; break;
		case KEY_PPAGE: n = "PgUp"; break;
		case KEY_NPAGE: n = "PgDn"; break;
		case KEY_HOME: n = "Home"; break;
		case KEY_END: n = "End"; break;
		case KEY_BTAB: n = "Shift-Tab"; break;
		case KEY_ENTER: n = "Enter"; break;
		default: n = "?"; break;
		}
		snprintf(buf, size, "%s", n);
		return;
	}
	switch (key) {
	case '\n': case '\r': snprintf(buf, size, "Enter"); return;
	case '\t': snprintf(buf, size, "Tab"); return;
	case 27: snprintf(buf, size, "Esc"); return;
	case ' ': snprintf(buf, size, "%s", _("Space")); return;
	default: break;
	}
	if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else
		snprintf(buf, size, "%lc", (wint_t)key);
}
