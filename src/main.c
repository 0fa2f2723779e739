/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry point: everything is in src/cli (commands) and src/tui (screens). */
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
