/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder: built-in defaults only (the iniparser loader lands in step 1). */
#include <string.h>
#include "motcua/config.h"

void mc_config_defaults(mc_config *c)
{
	memset(c, 0, sizeof *c);
	strcpy(c->language, "auto");
}

mc_status mc_config_load(mc_config *c, const char *path, mc_err *e)
{
	(void)path;
	(void)e;
	mc_config_defaults(c);
	return MC_OK;
}
