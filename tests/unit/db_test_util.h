/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared set-up for the tests that need a real database: a private temporary
 * folder with a fresh SQLite file, the real calendar files of data/calendar/,
 * a frozen clock and the context every core operation takes. The settings
 * start from the built-in defaults with the sample agency code and the
 * standard dossier-code pattern; a test changes what it needs after opening.
 */
#ifndef DB_TEST_UTIL_H
#define DB_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "motcua/demo.h"
#include "motcua/dossier.h"
#include "motcua/store.h"

typedef struct test_db {
	char dir[256], path[300];
	mc_config cfg;
	mc_calendar *cal;
	mc_clock clock;
	mc_ctx ctx;
} test_db;

/* tag names the folder (/tmp/motcua-test-TAG-XXXXXX); 0 on success. */
static inline int test_db_open(test_db *t, const char *tag, const char *actor, const char *now)
{
	memset(t, 0, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/motcua-test-%s-XXXXXX", tag);
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof t->path, "%s/test.db", t->dir);
	mc_config_defaults(&t->cfg);
	snprintf(t->cfg.agency_code, sizeof t->cfg.agency_code, "000.00.31.H29");
	snprintf(t->cfg.code_pattern, sizeof t->cfg.code_pattern, "{agency}-{yymmdd}-{seq:4}");
	mc_err e;
	mc_err_clear(&e);
	const char *root = getenv("MC_SOURCE_ROOT");
	char cal[512];
	snprintf(cal, sizeof cal, "%s/data/calendar", root ? root : ".");
	t->cal = mc_calendar_new(&t->cfg, &e);
	mc_db *db = NULL;
	if (!t->cal || mc_calendar_load(t->cal, cal, &e) != MC_OK ||
	    mc_clock_freeze(&t->clock, now, &e) != MC_OK ||
	    mc_db_open(t->path, MC_DB_CREATE, &db, &e) != MC_OK) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	t->ctx = (mc_ctx){db, &t->cfg, t->cal, &t->clock, actor};
	return 0;
}

/* Import a catalogue given as CSV text; 0 on success. */
static inline int test_db_catalogue(test_db *t, const char *csv)
{
	mc_procedure *p;
	size_t n;
	mc_import_result r;
	mc_err e;
	mc_err_clear(&e);
	if (mc_catalog_parse(csv, "test", &p, &n, &e) != MC_OK)
		return fprintf(stderr, "%s\n", e.msg), -1;
	mc_status s = mc_catalog_import(&t->ctx, p, n, &r, &e);
	mc_catalog_free(p, n);
	if (s != MC_OK)
		return fprintf(stderr, "%s\n", e.msg), -1;
	return 0;
}

/* The shipped catalogue and `dossiers` demo dossiers of seed `seed`; 0 on success. */
static inline int test_db_demo(test_db *t, int dossiers, int seed)
{
	const char *root = getenv("MC_SOURCE_ROOT");
	char cat[600];
	snprintf(cat, sizeof cat, "%s/data/catalogue.csv", root ? root : ".");
	mc_procedure *p;
	size_t n;
	mc_import_result ir;
	mc_err e;
	mc_err_clear(&e);
	if (mc_catalog_load_file(cat, &p, &n, &e) != MC_OK)
		return fprintf(stderr, "%s\n", e.msg), -1;
	mc_status s = mc_catalog_import(&t->ctx, p, n, &ir, &e);
	mc_catalog_free(p, n);
	mc_demo_options o = {(int64_t)dossiers, (uint64_t)seed};
	mc_demo_stats ds;
	if (s != MC_OK || mc_demo_generate(&t->ctx, &o, &ds, &e) != MC_OK)
		return fprintf(stderr, "%s\n", e.msg), -1;
	return 0;
}

/* Close the database and remove the folder; 0 on success. */
static inline int test_db_close(test_db *t)
{
	mc_db_close(t->ctx.db);
	mc_calendar_free(t->cal);
	char cmd[320];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
	return system(cmd) == 0 ? 0 : -1;
}

#endif
