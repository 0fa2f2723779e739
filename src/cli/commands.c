/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command table: product.md §3 is the contract. --help and the man page
 * list these in this order.
 */
#include "cli/commands.h"
#include "motcua/i18n.h"

const mc_cli_command mc_cli_commands[] = {
	{"init", cmd_init, "init", N_("create or migrate the database")},
	{"catalog", cmd_catalog, "catalog import FILE.csv | catalog list [--search TEXT]",
	 N_("load / show the procedure catalogue")},
	{"unit", cmd_unit, "unit list", N_("the units a dossier can be handed to")},
	{"intake", cmd_intake,
	 "intake --procedure CODE --name NAME [--id N] [--phone P] [--address A] [--email E] "
	 "[--tax-code T] [--organisation] [--channel direct|postal|online] [--sets N]",
	 N_("receive a complete dossier now; prints its code and due moment")},
	{"guide", cmd_guide, "guide --name NAME --reason TEXT [--procedure CODE] [--id N] [--phone P]",
	 N_("record guidance to complete a file at the counter (form 02, no dossier)")},
	{"refuse", cmd_refuse, "refuse --name NAME --reason TEXT [--procedure CODE] [--id N]",
	 N_("record a refusal to receive at the counter (form 03, no dossier)")},
	{"transfer", cmd_transfer, "transfer CODE --to UNIT [--note TEXT]",
	 N_("hand the dossier to a unit (or back to the desk)")},
	{"supplement", cmd_supplement, "supplement CODE --reason TEXT",
	 N_("ask the applicant for more papers")},
	{"resume", cmd_resume, "resume CODE", N_("record that the supplement arrived")},
	{"finish", cmd_finish, "finish CODE [--result approved|refused]", N_("the result is ready")},
	{"handover", cmd_handover, "handover CODE [--rating 1|2|3]",
	 N_("the result is handed to the applicant (3 = very satisfied, 1 = not satisfied)")},
	{"stop", cmd_stop, "stop CODE --reason TEXT", N_("stop processing (form 05)")},
	{"withdraw", cmd_withdraw, "withdraw CODE [--reason TEXT]", N_("the applicant withdraws")},
	{"apologize", cmd_apologize,
	 "apologize CODE --reason TEXT --new-due T [--signer NAME] [--notified-by phone|sms|email|letter]",
	 N_("record the apology and the new appointment (only once per dossier)")},
	{"show", cmd_show, "show CODE", N_("one dossier with its history")},
	{"letter", cmd_letter,
	 "letter receipt|supplement|refusal|apology|stop|control CODE [-o FILE.pdf] [--print] [--number N] "
	 "[--reason TEXT] [--basis TEXT] | letter register --period P [-o FILE.pdf] [--print]",
	 N_("print a form of a dossier (01-06) or the register (07) to PDF, optionally to the printer")},
	{"list", cmd_list,
	 "list [--status S] [--overdue|--due-soon|--at-risk|--supplement|--ready|--apology|--open] "
	 "[--due-within N] [--unit U] [--channel C] [--field F] [--period P] [--search TEXT] "
	 "[--limit N] [--after NEXT]",
	 N_("dossiers, a page at a time; --search ignores diacritics and case")},
	{"report", cmd_report, "report --period P [--by field|procedure]",
	 N_("the national table (form 06) and the on-time rates for a period")},
	{"export", cmd_export, "export --period P -o FILE.xlsx",
	 N_("the Excel workbook of a period: form 06, register, overdue dossiers, PAR inputs, chart")},
	{"demo", cmd_demo, "demo [--dossiers N] [--seed S]",
	 N_("fill an empty database with realistic demo data around now")},
	{"calendar", cmd_calendar,
	 "calendar due|days|lunar|impact ...",
	 N_("working calendar: due moments, days off, lunar dates, impact of a change")},
	{"config", cmd_config,
	 "config show|example|check [FILE]",
	 N_("settings: show the effective ones, print the documented example, check a file")},
	{"par", cmd_par,
	 "par [--year Y] [--through DATE] [--rubric FILE] | par set|dossiers|history|check ...",
	 N_("the PAR scorecard: criteria, points, band; manual entries; dossiers behind a criterion")},
	{"user", cmd_user,
	 "user add NAME --role clerk|supervisor|admin [--password] [--full-name TEXT] | user list | "
	 "user role NAME ROLE | user disable|enable NAME | user password [NAME] [--remove]",
	 N_("users and their roles (administrators); a password for the shared-PC login")},
	{"login", cmd_login, "login [NAME] [--check]",
	 N_("log in with a password (shared counter PC) and start the interface")},
	{"whoami", cmd_whoami, "whoami", N_("who is acting, with which role")},
	{"purge", cmd_purge, "purge [--dry-run]",
	 N_("clear the personal data of applicants whose dossiers ended before the retention period")},
	{"verify", cmd_verify, "verify [--quick] [--anchor ID:HASH]",
	 N_("check the database: SQLite integrity, the hash chain of the history, every dossier "
	    "against its latest event; lists back-dated writes")},
	{"backup", cmd_backup, "backup -o FILE [--force]",
	 N_("a consistent copy of the database while others keep working (owner-only file)")},
	{"audit", cmd_audit, "audit access [CODE] [--limit N] | audit backdated [--limit N]",
	 N_("who opened which dossier's personal data (supervisors, administrators); writes "
	    "recorded under a frozen clock")},
};

const size_t mc_cli_command_count = sizeof mc_cli_commands / sizeof mc_cli_commands[0];
