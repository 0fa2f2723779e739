/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The roles table: which role may take which action (include/motcua/roles.h).
 * One row per action; the store asks it before every write, the command line
 * and the terminal interface before offering an action.
 */
#include <stdio.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/roles.h"

#define R(x) (1u << (x))
#define CLERK_UP (R(MC_ROLE_CLERK) | R(MC_ROLE_SUPERVISOR) | R(MC_ROLE_ADMIN))
#define SUPERVISOR_UP (R(MC_ROLE_SUPERVISOR) | R(MC_ROLE_ADMIN))
#define ADMIN_ONLY R(MC_ROLE_ADMIN)

static const struct {
	mc_action action;
	const char *name;
	const char *label; /* N_() */
	unsigned roles;
} actions[MC_ACTION_COUNT] = {
	[MC_ACT_READ] = {MC_ACT_READ, "read", N_("open dossiers and their personal data"), CLERK_UP},
	[MC_ACT_INTAKE] = {MC_ACT_INTAKE, "intake", N_("receive dossiers at the counter"), CLERK_UP},
	[MC_ACT_TRANSITION] = {MC_ACT_TRANSITION, "transition", N_("move dossiers through their steps"), CLERK_UP},
	[MC_ACT_APOLOGY] = {MC_ACT_APOLOGY, "apology", N_("sign off an apology"), SUPERVISOR_UP},
	[MC_ACT_PAR_ENTRY] = {MC_ACT_PAR_ENTRY, "par-entry", N_("enter PAR scorecard criteria"), SUPERVISOR_UP},
	[MC_ACT_AUDIT] = {MC_ACT_AUDIT, "audit", N_("read the log of access to personal data"), SUPERVISOR_UP},
	[MC_ACT_CATALOG] = {MC_ACT_CATALOG, "catalog", N_("change the procedure catalogue"), ADMIN_ONLY},
	[MC_ACT_CALENDAR] = {MC_ACT_CALENDAR, "calendar", N_("change the working calendar"), ADMIN_ONLY},
	[MC_ACT_USERS] = {MC_ACT_USERS, "users", N_("manage users and roles"), ADMIN_ONLY},
	[MC_ACT_PURGE] = {MC_ACT_PURGE, "purge", N_("clear personal data past the retention period"), ADMIN_ONLY},
	[MC_ACT_DEMO] = {MC_ACT_DEMO, "demo", N_("fill the database with demo data"), ADMIN_ONLY},
};

static const char *const role_names[MC_ROLE_COUNT] = {"none", "clerk", "supervisor", "admin"};
static const char *const role_labels[MC_ROLE_COUNT] = {
	N_("no role"), N_("clerk"), N_("supervisor"), N_("administrator")};

const char *mc_role_name(mc_role r)
{
	return (unsigned)r < MC_ROLE_COUNT ? role_names[r] : "none";
}

const char *mc_role_label(mc_role r)
{
	return _(role_labels[(unsigned)r < MC_ROLE_COUNT ? r : MC_ROLE_NONE]);
}

mc_status mc_role_parse(const char *s, mc_role *out, mc_err *e)
{
	for (int r = MC_ROLE_CLERK; r < MC_ROLE_COUNT; r++)
		if (s && strcmp(s, role_names[r]) == 0) {
			*out = (mc_role)r;
			return MC_OK;
		}
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("unknown role \"%s\"; use clerk, supervisor or admin."), s ? s : "");
}

const char *mc_action_name(mc_action a)
{
	return (unsigned)a < MC_ACTION_COUNT ? actions[a].name : "?";
}

const char *mc_action_label(mc_action a)
{
	return (unsigned)a < MC_ACTION_COUNT ? _(actions[a].label) : "?";
}

unsigned mc_action_roles(mc_action a)
{
	return (unsigned)a < MC_ACTION_COUNT ? actions[a].roles : 0;
}

bool mc_role_allows(mc_role r, mc_action a)
{
	if (r <= MC_ROLE_NONE || r >= MC_ROLE_COUNT)
		return false;
	return (mc_action_roles(a) & R(r)) != 0;
}

mc_status mc_role_require(mc_role r, mc_action a, const char *who, mc_err *e)
{
	if (mc_role_allows(r, a))
		return MC_OK;
	char allowed[128];
	size_t w = 0;
	allowed[0] = '\0';
	for (int k = MC_ROLE_CLERK; k < MC_ROLE_COUNT; k++) {
		if (!(mc_action_roles(a) & R(k)))
			continue;
		int n = snprintf(allowed + w, sizeof allowed - w, "%s%s", w ? ", " : "",
		                 mc_role_label((mc_role)k));
		if (n < 0 || (size_t)n >= sizeof allowed - w)
			break;
		w += (size_t)n;
	}
	return mc_err_set(e, MC_ERR_DENIED,
	                  _("the account %s (%s) may not %s; that needs the role: %s."),
	                  who && *who ? who : "?", mc_role_label(r), mc_action_label(a), allowed);
}
