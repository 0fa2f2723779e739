/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The command table: product.md §3 is the contract. --help and the man page
 * list these in this order.
 */
#include "cli/commands.h"
#include "motcua/i18n.h"

const mc_cli_command mc_cli_commands[] = {
	{"report", cmd_report, "report --period P [--by field|procedure]",
	 N_("the national table (form 06) and the on-time rates for a period")},
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
};

const size_t mc_cli_command_count = sizeof mc_cli_commands / sizeof mc_cli_commands[0];
