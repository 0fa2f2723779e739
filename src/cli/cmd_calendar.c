/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `motcua calendar ...` (to be completed in step 2). */
#include "cli/commands.h"
#include "motcua/i18n.h"

int cmd_calendar(mc_cli *cli)
{
	(void)cli;
	return cli_error(CLI_FAIL, _("not implemented yet."));
}
