/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Users of a database, the role check every operation makes, the log of
 * who opened a dossier's personal data, and the purge of personal data past
 * the retention period (issue 9, domain.md §7). Implemented in
 * src/store/users.c, the only file that includes the password-hashing
 * library (libargon2: argon2id, salted, encoded with its parameters).
 *
 * Identity model: ctx->actor names the acting user. The command line puts
 * the operating-system account there by default, or the name given with a
 * password login (setting [audit] login = password, or --user NAME). The
 * store trusts that name and looks up its role:
 *   - a database with no users at all is OPEN: every account acts as an
 *     administrator (a database made before users existed, or by the library
 *     directly); `motcua init` ends that by making its runner the first
 *     administrator (mc_user_bootstrap);
 *   - an account that is not a user, or is disabled, may do nothing (not
 *     even read): MC_ERR_DENIED with one sentence saying how to be added.
 *
 * Ownership: lists are malloc'd arrays the caller frees with free(); nothing
 * else is allocated for the caller.
 */
#ifndef MOTCUA_USERS_H
#define MOTCUA_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"
#include "motcua/roles.h"

#define MC_USER_NAME_MAX 64
/* argon2id encoded hashes with our parameters are ~100 bytes. */
#define MC_PASSWORD_HASH_MAX 160
/* Longest password accepted (bytes); longer ones are refused, not cut. */
#define MC_PASSWORD_MAX 256

typedef struct mc_user {
	int64_t id;
	char name[MC_USER_NAME_MAX];
	mc_role role;
	char full_name[MC_NAME_MAX];
	bool active;
	bool has_password;
	mc_time created, updated;
} mc_user;

/*
 * A user name is 1..32 characters [A-Za-z0-9._-], not starting with '-' or
 * '.' (what useradd accepts). Fails naming the value otherwise.
 */
mc_status mc_user_name_check(const char *name, mc_err *e);

/* Number of users, active or not (0 = an open database). */
mc_status mc_user_count(mc_db *db, int64_t *n, mc_err *e);

/*
 * The role of ctx->actor: MC_ROLE_ADMIN with *open = true (may be NULL) when
 * the database has no users; MC_ERR_DENIED with one sentence for an unknown
 * or disabled account.
 */
mc_status mc_user_role(const mc_ctx *ctx, mc_role *role, bool *open, mc_err *e);

/*
 * The check at the top of every operation: ctx->actor's role allows action
 * a (mc_user_role + mc_role_require). MC_ERR_DENIED with one sentence
 * otherwise.
 */
mc_status mc_ctx_require(const mc_ctx *ctx, mc_action a, mc_err *e);

/* One user by exact name; MC_ERR_NOT_FOUND naming it when absent. */
mc_status mc_user_get(mc_db *db, const char *name, mc_user *out, mc_err *e);

/* All users by name; *out malloc'd (free()). Needs MC_ACT_USERS. */
mc_status mc_user_list(const mc_ctx *ctx, mc_user **out, size_t *n, mc_err *e);

/*
 * Add a user (needs MC_ACT_USERS). password NULL = no password login (an
 * OS-account user); otherwise it is hashed with argon2id and a random salt.
 * full_name may be NULL. Recorded in user_changes.
 */
mc_status mc_user_add(const mc_ctx *ctx, const char *name, mc_role role, const char *full_name,
                      const char *password, mc_err *e);

/*
 * On a database without users, make ctx->actor its first administrator
 * (password may be NULL) and set *created; with users already, do nothing
 * (*created = false). Needs no role: it is how a new database gets one.
 */
mc_status mc_user_bootstrap(const mc_ctx *ctx, const char *password, bool *created, mc_err *e);

/* Change a role / disable or enable (needs MC_ACT_USERS). The last active admin stays. */
mc_status mc_user_set_role(const mc_ctx *ctx, const char *name, mc_role role, mc_err *e);
mc_status mc_user_set_active(const mc_ctx *ctx, const char *name, bool active, mc_err *e);

/*
 * Set (password non-NULL) or remove (NULL) a user's password: MC_ACT_USERS,
 * or the user's own (ctx->actor == name).
 */
mc_status mc_user_set_password(const mc_ctx *ctx, const char *name, const char *password,
                               mc_err *e);

/*
 * Password login: MC_OK and *out filled when name is an active user whose
 * password matches; otherwise MC_ERR_DENIED with the same sentence whether
 * the name or the password was wrong. Needs no context (nobody is logged in).
 */
mc_status mc_user_login(mc_db *db, const char *name, const char *password, mc_user *out,
                        mc_err *e);

/*
 * argon2id of password with a fresh random salt, written encoded (with its
 * parameters) into out (MC_PASSWORD_HASH_MAX bytes). An empty or too long
 * password is refused.
 */
mc_status mc_password_hash(const char *password, char *out, size_t size, mc_err *e);
/* True when password matches the encoded hash. */
bool mc_password_verify(const char *encoded, const char *password);

/* ---- access log --------------------------------------------------------- */

typedef enum {
	MC_ACCESS_SHOW,   /* `motcua show CODE` */
	MC_ACCESS_DETAIL, /* the detail screen of the terminal interface */
	MC_ACCESS_LETTER, /* a letter / form with the applicant's data */
	MC_ACCESS_EXPORT,
	MC_ACCESS_COUNT
} mc_access_purpose;

/* "show", "detail", "letter", "export" as stored. */
const char *mc_access_purpose_name(mc_access_purpose p);

/*
 * Record that ctx->actor opened the personal data of dossier `code` (needs
 * MC_ACT_READ), in its own write transaction. Call it BEFORE showing the
 * data: when it fails (unknown dossier, read-only file) show nothing.
 */
mc_status mc_access_record(const mc_ctx *ctx, const char *code, mc_access_purpose purpose,
                           mc_err *e);

typedef struct mc_access_row {
	int64_t id;
	char code[MC_CODE_MAX];
	char actor[MC_USER_NAME_MAX];
	char purpose[16];
	mc_time at, recorded_at;
	bool backdated;
} mc_access_row;

/*
 * The access log, newest first, of one dossier (code non-NULL) or of all,
 * at most limit rows (0 = 1000). Needs MC_ACT_AUDIT. *out malloc'd (free()).
 */
mc_status mc_access_list(const mc_ctx *ctx, const char *code, int limit, mc_access_row **out,
                         size_t *n, mc_err *e);

/* ---- retention ----------------------------------------------------------- */

typedef struct mc_purge_result {
	mc_time cutoff;         /* dossiers that ended before it are purged */
	int64_t applicants;     /* applicants whose personal fields are cleared */
	int64_t dossiers;       /* their dossiers (one "note" event each) */
	int64_t counter_logs;   /* counter logs (forms 02/03) whose name is cleared */
} mc_purge_result;

/* Name written in place of a purged applicant's name. */
#define MC_PURGED_NAME "(đã xoá)"

/*
 * Clear the personal fields (name -> MC_PURGED_NAME, ID number, tax code,
 * phone, address, e-mail, the folded columns and search words) of every
 * applicant not yet purged whose dossiers ALL ended (returned, stopped,
 * withdrawn) before now - cfg->retention_years years, and who had no counter
 * visit since; also the names of counter logs older than that. Each purged
 * dossier gets a "note" event; the run is recorded in the purges table.
 * dry_run counts without changing anything. Needs MC_ACT_PURGE (dry runs
 * too). retention_years = 0 (keep forever) is refused.
 */
mc_status mc_purge(const mc_ctx *ctx, bool dry_run, mc_purge_result *out, mc_err *e);

#endif
