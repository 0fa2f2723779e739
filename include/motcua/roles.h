/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Roles and the actions they may take: ONE table (src/core/roles.c) says
 * which roles may do what. Pure logic; the store (users.h) looks up the role
 * of the acting account and asks this table.
 *
 *   clerk       intake, counter logs, transitions, reading dossiers
 *   supervisor  a clerk's actions + signing off an apology, the access log
 *   admin       everything: catalogue, calendar, users, purge, demo data
 *
 * Nothing to free: names and labels are static strings.
 */
#ifndef MOTCUA_ROLES_H
#define MOTCUA_ROLES_H

#include <stdbool.h>

#include "motcua/error.h"

typedef enum {
	MC_ROLE_NONE = 0, /* unknown or disabled account: may do nothing */
	MC_ROLE_CLERK,
	MC_ROLE_SUPERVISOR,
	MC_ROLE_ADMIN,
	MC_ROLE_COUNT
} mc_role;

typedef enum {
	MC_ACT_READ,       /* open, list, report, export and print dossiers */
	MC_ACT_INTAKE,     /* receive a dossier; counter logs (forms 02, 03) */
	MC_ACT_TRANSITION, /* transfer, supplement, resume, finish, handover, stop, withdraw */
	MC_ACT_APOLOGY,    /* sign off an apology and a new due moment */
	MC_ACT_PAR_ENTRY,  /* enter a manual PAR criterion */
	MC_ACT_AUDIT,      /* read the access log of personal data */
	MC_ACT_CATALOG,    /* import / edit the procedure catalogue */
	MC_ACT_CALENDAR,   /* edit the working calendar */
	MC_ACT_USERS,      /* add users, change roles, disable, set others' passwords */
	MC_ACT_PURGE,      /* clear personal data past the retention period */
	MC_ACT_DEMO,       /* fill a database with demo data */
	MC_ACTION_COUNT
} mc_action;

/* "clerk", "supervisor", "admin" ("none" for MC_ROLE_NONE), as stored. */
const char *mc_role_name(mc_role r);
/* Translated label for people ("Cán bộ tiếp nhận"...). */
const char *mc_role_label(mc_role r);
/* Parse a stored / typed role name; an unknown word fails naming it and the accepted ones. */
mc_status mc_role_parse(const char *s, mc_role *out, mc_err *e);

/* Stable English name of an action ("intake", "apology"...), for logs and tests. */
const char *mc_action_name(mc_action a);
/* Translated description of an action ("sign off an apology"...). */
const char *mc_action_label(mc_action a);

/* Bit (1u << role) set for every role allowed to take action a; 0 for an unknown action. */
unsigned mc_action_roles(mc_action a);

/* True when role r may take action a (never for MC_ROLE_NONE). */
bool mc_role_allows(mc_role r, mc_action a);

/*
 * MC_OK when r may take a; otherwise MC_ERR_DENIED with one sentence naming
 * the account `who`, its role, the action and the roles that may take it.
 */
mc_status mc_role_require(mc_role r, mc_action a, const char *who, mc_err *e);

#endif
