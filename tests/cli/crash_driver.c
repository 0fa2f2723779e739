/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Writer for tests/cli/crash.sh and tests/cli/backup.sh: records COUNT
 * intakes, each followed by a transfer to unit PNV, through the same core
 * calls as the commands, and prints "I CODE" after each intake's commit and
 * "T CODE" after each transfer's commit (flushed at once), so that a test
 * killing it with SIGKILL knows every write that was acknowledged.
 * usage: crash_driver DB SOURCE_ROOT PROCEDURE COUNT [TAG]
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "motcua/calendar.h"
#include "motcua/config.h"
#include "motcua/dossier.h"
#include "motcua/store.h"

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: crash_driver DB SOURCE_ROOT PROCEDURE COUNT [TAG]\n");
		return 2;
	}
	const char *tag = argc > 5 ? argv[5] : "w";
	long count = strtol(argv[4], NULL, 10);
	mc_config cfg;
	mc_config_defaults(&cfg);
	mc_err e;
	mc_calendar *cal = mc_calendar_new(&cfg, &e);
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/data/calendar", argv[2]);
	if (!cal || mc_calendar_load(cal, dir, &e) != MC_OK) {
		fprintf(stderr, "crash_driver: %s\n", e.msg);
		return 1;
	}
	mc_db *db;
	if (mc_db_open(argv[1], 0, &db, &e) != MC_OK) {
		fprintf(stderr, "crash_driver: %s\n", e.msg);
		mc_calendar_free(cal);
		return 1;
	}
	mc_clock clock;
	mc_clock_system(&clock);
	/* The operating-system account, as the commands use (init made it an administrator). */
	struct passwd *pw = getpwuid(getuid());
	mc_ctx ctx = {db, &cfg, cal, &clock, pw && pw->pw_name ? pw->pw_name : "unknown"};
	int rc = 0;
	for (long i = 0; i < count; i++) {
		char name[64];
		snprintf(name, sizeof name, "Người nộp %s %ld", tag, i);
		mc_intake_input in;
		memset(&in, 0, sizeof in);
		in.procedure_code = argv[3];
		in.applicant.name = name;
		mc_intake_result r;
		if (mc_dossier_intake(&ctx, &in, &r, &e) != MC_OK) {
			fprintf(stderr, "crash_driver: %s\n", e.msg);
			rc = 1;
			break;
		}
		printf("I %s\n", r.code);
		fflush(stdout);
		if (mc_dossier_transfer(&ctx, r.code, "PNV", NULL, NULL, &e) != MC_OK) {
			fprintf(stderr, "crash_driver: %s\n", e.msg);
			mc_intake_result_free(&r);
			rc = 1;
			break;
		}
		printf("T %s\n", r.code);
		fflush(stdout);
		mc_intake_result_free(&r);
	}
	mc_db_close(db);
	mc_calendar_free(cal);
	return rc;
}
