/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The schema migrations, embedded at build time from the files
 * data/migrations/NNN_name.sql by embed_sql.py (one string per line). Migration i (1-based) brings the schema to version i.
 */
#ifndef MOTCUA_STORE_MIGRATIONS_H
#define MOTCUA_STORE_MIGRATIONS_H

typedef struct mc_migration {
	const char *name; /* file name, e.g. "001_initial.sql" */
	const char *const *lines; /* NULL-terminated */
} mc_migration;

extern const mc_migration mc_migrations[];
extern const int mc_migration_count;

#endif
