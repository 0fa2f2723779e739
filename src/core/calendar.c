/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Placeholder until step 2. */
#include <stdlib.h>
#include "motcua/calendar.h"

struct mc_calendar { mc_config cfg; };

mc_calendar *mc_calendar_new(const mc_config *cfg, mc_err *e)
{
	(void)e;
	mc_calendar *c = calloc(1, sizeof *c);
	if (c)
		c->cfg = *cfg;
	return c;
}

void mc_calendar_free(mc_calendar *cal)
{
	free(cal);
}

mc_status mc_calendar_load(mc_calendar *cal, const char *path, mc_err *e)
{
	(void)cal; (void)path; (void)e;
	return MC_OK;
}
