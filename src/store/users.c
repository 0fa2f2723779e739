/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Users and roles on the database, password hashing (argon2id from
 * libargon2: this is the only file that includes it), the role check every
 * operation makes, the log of access to personal data and the purge of
 * personal data past the retention period. See include/motcua/users.h.
 */
#include <argon2.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"
#include "store/dossier_internal.h"
#include "store/store_internal.h"

/* argon2id parameters: OWASP's minimum (19 MiB, 2 passes, 1 lane). */
#define PW_T_COST 2
#define PW_M_COST 19456
#define PW_LANES 1
#define PW_SALT 16
#define PW_HASH 32

static const char *actor_of(const mc_ctx *ctx)
{
	return ctx->actor && *ctx->actor ? ctx->actor : "unknown";
}

static mc_status check_ctx(const mc_ctx *ctx, mc_err *e)
{
	if (!ctx || !ctx->db)
		return mc_err_set(e, MC_ERR_INVALID, _("internal error: incomplete context."));
	return MC_OK;
}

static mc_time now_of(const mc_ctx *ctx)
{
	return ctx->clock ? mc_clock_now(ctx->clock) : mc_clock_real_now();
}

/* True when the schema has the users table (a read-only old file may not). */
static bool has_users_table(mc_db *db)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(mc_db_handle(db),
	                       "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'users'",
	                       -1, &st, NULL) != SQLITE_OK)
		return false;
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

/* ---- passwords ------------------------------------------------------------ */

mc_status mc_password_hash(const char *password, char *out, size_t size, mc_err *e)
{
	if (size)
		out[0] = '\0';
	if (!password || !*password)
		return mc_err_set(e, MC_ERR_INVALID, _("the password is empty."));
	size_t len = strlen(password);
	if (len > MC_PASSWORD_MAX)
		return mc_err_set(e, MC_ERR_RANGE, _("the password is longer than %d bytes."),
		                  MC_PASSWORD_MAX);
	if (len < 8)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("the password is too short: use at least 8 characters."));
	unsigned char salt[PW_SALT];
	size_t got = 0;
	while (got < sizeof salt) {
		ssize_t n = getrandom(salt + got, sizeof salt - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return mc_err_set(e, MC_ERR_IO, _("no random numbers for the password salt: %s."),
			                  strerror(errno));
		got += (size_t)n;
	}
	if (argon2_encodedlen(PW_T_COST, PW_M_COST, PW_LANES, PW_SALT, PW_HASH, Argon2_id) > size)
		return mc_err_set(e, MC_ERR_RANGE, _("internal error: no room for the password hash."));
	int rc = argon2id_hash_encoded(PW_T_COST, PW_M_COST, PW_LANES, password, len, salt,
	                               sizeof salt, PW_HASH, out, size);
	if (rc != ARGON2_OK)
		return mc_err_set(e, rc == ARGON2_MEMORY_ALLOCATION_ERROR ? MC_ERR_NOMEM : MC_ERR_IO,
		                  _("the password could not be hashed: %s."), argon2_error_message(rc));
	return MC_OK;
}

bool mc_password_verify(const char *encoded, const char *password)
{
	if (!encoded || !*encoded || !password)
		return false;
	size_t len = strlen(password);
	if (len > MC_PASSWORD_MAX)
		return false;
	return argon2id_verify(encoded, password, len) == ARGON2_OK;
}

/* ---- users ------------------------------------------------------------------ */

mc_status mc_user_name_check(const char *name, mc_err *e)
{
	size_t n = name ? strlen(name) : 0;
	bool ok = n >= 1 && n <= 32 && name[0] != '-' && name[0] != '.';
	for (size_t i = 0; ok && i < n; i++) {
		char c = name[i];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		     c == '.' || c == '_' || c == '-';
	}
	if (ok)
		return MC_OK;
	char shown[48];
	size_t w = 0;
	for (size_t i = 0; name && name[i] && w + 4 < sizeof shown; i++)
		shown[w++] = (unsigned char)name[i] < 0x20 || name[i] == 0x7f ? '?' : name[i];
	shown[w] = '\0';
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("\"%s\" is not a valid user name: use 1 to 32 letters, digits, '.', '_' "
	                    "or '-', not starting with '-' or '.'."),
	                  shown);
}

mc_status mc_user_count(mc_db *db, int64_t *n, mc_err *e)
{
	*n = 0;
	if (!has_users_table(db))
		return MC_OK;
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, "SELECT count(*) FROM users", &st, e);
	if (s != MC_OK)
		return s;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

mc_status mc_user_role(const mc_ctx *ctx, mc_role *role, bool *open, mc_err *e)
{
	*role = MC_ROLE_NONE;
	if (open)
		*open = false;
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK)
		return s;
	mc_db *db = ctx->db;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(mc_db_handle(db),
	                       "SELECT (SELECT count(*) FROM users), role, active FROM"
	                       " (SELECT NULL AS role, NULL AS active UNION ALL"
	                       "  SELECT role, active FROM users WHERE name = ?1)"
	                       " ORDER BY role IS NULL LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK) {
		if (!has_users_table(db)) { /* an old file opened read-only: no users yet */
			*role = MC_ROLE_ADMIN;
			if (open)
				*open = true;
			return MC_OK;
		}
		return mc_db_error(db, sqlite3_errcode(mc_db_handle(db)), e);
	}
	sqlite3_bind_text(st, 1, actor_of(ctx), -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return mc_db_error(db, rc, e);
	}
	int64_t users = sqlite3_column_int64(st, 0);
	bool known = sqlite3_column_type(st, 1) != SQLITE_NULL;
	char rname[16];
	mc_col_text(st, 1, rname, sizeof rname);
	bool active = sqlite3_column_int(st, 2) != 0;
	sqlite3_finalize(st);
	if (users == 0) {
		*role = MC_ROLE_ADMIN;
		if (open)
			*open = true;
		return MC_OK;
	}
	if (!known)
		return mc_err_set(e, MC_ERR_DENIED,
		                  _("the account %s is not a user of the database %s; an administrator "
		                    "can add it with \"motcua user add %s --role clerk\"."),
		                  actor_of(ctx), mc_db_path(db), actor_of(ctx));
	if (!active)
		return mc_err_set(e, MC_ERR_DENIED,
		                  _("the user %s is disabled on the database %s; ask an administrator."),
		                  actor_of(ctx), mc_db_path(db));
	mc_role r;
	if (mc_role_parse(rname, &r, e) != MC_OK)
		return mc_err_set(e, MC_ERR_DB, _("the stored role of user %s is damaged."),
		                  actor_of(ctx));
	*role = r;
	return MC_OK;
}

mc_status mc_ctx_require(const mc_ctx *ctx, mc_action a, mc_err *e)
{
	mc_role r;
	mc_status s = mc_user_role(ctx, &r, NULL, e);
	if (s != MC_OK)
		return s;
	return mc_role_require(r, a, actor_of(ctx), e);
}

static void read_user(sqlite3_stmt *st, mc_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	mc_col_text(st, 1, u->name, sizeof u->name);
	char r[16];
	mc_col_text(st, 2, r, sizeof r);
	if (mc_role_parse(r, &u->role, NULL) != MC_OK)
		u->role = MC_ROLE_NONE;
	mc_col_text(st, 3, u->full_name, sizeof u->full_name);
	u->active = sqlite3_column_int(st, 4) != 0;
	u->has_password = sqlite3_column_type(st, 5) != SQLITE_NULL;
	u->created = mc_col_time(st, 6);
	u->updated = mc_col_time(st, 7);
}

#define USER_COLS "id, name, role, full_name, active, password_hash, created_at, updated_at"

/* One user (and optionally the stored hash); MC_ERR_NOT_FOUND when absent. */
static mc_status get_user(mc_db *db, const char *name, mc_user *out, char *hash, size_t hsize,
                          mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, "SELECT " USER_COLS " FROM users WHERE name = ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_user(st, out);
		if (hash)
			mc_col_text(st, 5, hash, hsize);
		s = MC_OK;
	} else if (rc == SQLITE_DONE) {
		s = mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no user %s."), name ? name : "");
	} else {
		s = mc_db_error(db, rc, e);
	}
	sqlite3_finalize(st);
	return s;
}

mc_status mc_user_get(mc_db *db, const char *name, mc_user *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	if (!has_users_table(db))
		return mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no user %s."), name ? name : "");
	return get_user(db, name, out, NULL, 0, e);
}

mc_status mc_user_list(const mc_ctx *ctx, mc_user **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	mc_status s = mc_ctx_require(ctx, MC_ACT_USERS, e);
	if (s != MC_OK)
		return s;
	if (!has_users_table(ctx->db))
		return MC_OK;
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(ctx->db, "SELECT " USER_COLS " FROM users ORDER BY name", &st, e)) !=
	    MC_OK)
		return s;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			mc_user *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = nb;
		}
		read_user(st, &(*out)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	return MC_OK;
}

static mc_status log_change(const mc_ctx *ctx, const char *user, const char *change,
                            const char *role, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"INSERT INTO user_changes (user_name, change, role, actor, at, recorded_at, backdated)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, change, -1, SQLITE_STATIC);
	mc_bind_text(st, 3, role);
	sqlite3_bind_text(st, 4, actor_of(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, now_of(ctx));
	sqlite3_bind_int64(st, 6, mc_clock_real_now());
	sqlite3_bind_int(st, 7, mc_ctx_frozen(ctx) ? 1 : 0);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(ctx->db, rc, e);
}

/* Insert a user inside an open write transaction. */
static mc_status insert_user(const mc_ctx *ctx, const char *name, mc_role role,
                             const char *full_name, const char *hash, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"INSERT INTO users (name, role, full_name, password_hash, created_at, updated_at)"
		" VALUES (?, ?, ?, ?, ?, ?)", &st, e);
	if (s != MC_OK)
		return s;
	mc_time now = now_of(ctx);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, mc_role_name(role), -1, SQLITE_STATIC);
	mc_bind_text(st, 3, full_name);
	mc_bind_text(st, 4, hash);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return mc_err_set(e, MC_ERR_EXISTS, _("the user %s already exists."), name);
	if (rc != SQLITE_DONE)
		return mc_db_error(ctx->db, rc, e);
	return log_change(ctx, name, "add", mc_role_name(role), e);
}

mc_status mc_user_add(const mc_ctx *ctx, const char *name, mc_role role, const char *full_name,
                      const char *password, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_user_name_check(name, e)) != MC_OK)
		return s;
	if (role <= MC_ROLE_NONE || role >= MC_ROLE_COUNT)
		return mc_err_set(e, MC_ERR_INVALID, _("a user needs a role: clerk, supervisor or admin."));
	if ((s = mc_ctx_require(ctx, MC_ACT_USERS, e)) != MC_OK ||
	    (s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	char *fn = NULL;
	if (full_name && *full_name) {
		fn = mc_text_nfc(full_name);
		if (!fn)
			return mc_err_set(e, MC_ERR_INVALID, _("the full name is not valid UTF-8 text."));
	}
	char hash[MC_PASSWORD_HASH_MAX];
	hash[0] = '\0';
	if (password && (s = mc_password_hash(password, hash, sizeof hash, e)) != MC_OK) {
		free(fn);
		return s;
	}
	if ((s = mc_db_begin_write(ctx->db, e)) == MC_OK) {
		s = insert_user(ctx, name, role, fn, hash[0] ? hash : NULL, e);
		if (s == MC_OK)
			s = mc_db_commit(ctx->db, e);
		else
			mc_db_rollback(ctx->db);
	}
	free(fn);
	return s;
}

mc_status mc_user_bootstrap(const mc_ctx *ctx, const char *password, bool *created, mc_err *e)
{
	*created = false;
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_user_name_check(actor_of(ctx), e)) != MC_OK)
		return s;
	char hash[MC_PASSWORD_HASH_MAX];
	hash[0] = '\0';
	if (password && (s = mc_password_hash(password, hash, sizeof hash, e)) != MC_OK)
		return s;
	if ((s = mc_db_begin_write(ctx->db, e)) != MC_OK)
		return s;
	int64_t n = 0;
	s = mc_user_count(ctx->db, &n, e);
	if (s == MC_OK && n == 0) {
		s = insert_user(ctx, actor_of(ctx), MC_ROLE_ADMIN, NULL, hash[0] ? hash : NULL, e);
		if (s == MC_OK)
			*created = true;
	}
	if (s == MC_OK)
		s = mc_db_commit(ctx->db, e);
	else
		mc_db_rollback(ctx->db);
	if (s != MC_OK)
		*created = false;
	return s;
}

/* Active administrators other than `name`. */
static mc_status other_admins(mc_db *db, const char *name, int64_t *n, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db,
		"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND name <> ?", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

typedef enum { CH_ROLE, CH_ACTIVE, CH_PASSWORD } change_kind;

static mc_status change_user(const mc_ctx *ctx, const char *name, change_kind kind, mc_role role,
                             bool active, const char *hash, mc_err *e)
{
	mc_status s = mc_db_begin_write(ctx->db, e);
	if (s != MC_OK)
		return s;
	mc_user u;
	if ((s = get_user(ctx->db, name, &u, NULL, 0, e)) != MC_OK)
		goto fail;
	bool loses_admin = u.role == MC_ROLE_ADMIN && u.active &&
	                   ((kind == CH_ROLE && role != MC_ROLE_ADMIN) || (kind == CH_ACTIVE && !active));
	if (loses_admin) {
		int64_t others;
		if ((s = other_admins(ctx->db, name, &others, e)) != MC_OK)
			goto fail;
		if (others == 0) {
			s = mc_err_set(e, MC_ERR_STATE,
			               _("%s is the last active administrator; make another user an "
			                 "administrator first."),
			               name);
			goto fail;
		}
	}
	sqlite3_stmt *st;
	const char *sql = kind == CH_ROLE ? "UPDATE users SET role = ?2, updated_at = ?3 WHERE id = ?1"
	                  : kind == CH_ACTIVE
	                          ? "UPDATE users SET active = ?2, updated_at = ?3 WHERE id = ?1"
	                          : "UPDATE users SET password_hash = ?2, updated_at = ?3 WHERE id = ?1";
	if ((s = mc_db_prepare(ctx->db, sql, &st, e)) != MC_OK)
		goto fail;
	sqlite3_bind_int64(st, 1, u.id);
	if (kind == CH_ROLE)
		sqlite3_bind_text(st, 2, mc_role_name(role), -1, SQLITE_STATIC);
	else if (kind == CH_ACTIVE)
		sqlite3_bind_int(st, 2, active ? 1 : 0);
	else
		mc_bind_text(st, 2, hash);
	sqlite3_bind_int64(st, 3, now_of(ctx));
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		s = mc_db_error(ctx->db, rc, e);
		goto fail;
	}
	const char *what = kind == CH_ROLE ? "role" : kind == CH_ACTIVE ? (active ? "enable" : "disable")
	                                                                : "password";
	if ((s = log_change(ctx, name, what, kind == CH_ROLE ? mc_role_name(role) : NULL, e)) !=
	    MC_OK)
		goto fail;
	return mc_db_commit(ctx->db, e);
fail:
	mc_db_rollback(ctx->db);
	return s;
}

mc_status mc_user_set_role(const mc_ctx *ctx, const char *name, mc_role role, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK)
		return s;
	if (role <= MC_ROLE_NONE || role >= MC_ROLE_COUNT)
		return mc_err_set(e, MC_ERR_INVALID, _("a user needs a role: clerk, supervisor or admin."));
	if ((s = mc_ctx_require(ctx, MC_ACT_USERS, e)) != MC_OK ||
	    (s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	return change_user(ctx, name, CH_ROLE, role, true, NULL, e);
}

mc_status mc_user_set_active(const mc_ctx *ctx, const char *name, bool active, mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_require(ctx, MC_ACT_USERS, e)) != MC_OK ||
	    (s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	return change_user(ctx, name, CH_ACTIVE, MC_ROLE_NONE, active, NULL, e);
}

mc_status mc_user_set_password(const mc_ctx *ctx, const char *name, const char *password,
                               mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK)
		return s;
	bool self = name && strcmp(name, actor_of(ctx)) == 0;
	if (self) {
		mc_role r;
		s = mc_user_role(ctx, &r, NULL, e); /* an unknown or disabled account cannot */
	} else {
		s = mc_ctx_require(ctx, MC_ACT_USERS, e);
	}
	if (s != MC_OK || (s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	char hash[MC_PASSWORD_HASH_MAX];
	hash[0] = '\0';
	if (password && (s = mc_password_hash(password, hash, sizeof hash, e)) != MC_OK)
		return s;
	return change_user(ctx, name, CH_PASSWORD, MC_ROLE_NONE, true, hash[0] ? hash : NULL, e);
}

mc_status mc_user_login(mc_db *db, const char *name, const char *password, mc_user *out,
                        mc_err *e)
{
	memset(out, 0, sizeof *out);
	char hash[MC_PASSWORD_HASH_MAX];
	hash[0] = '\0';
	mc_err ignore;
	bool found = has_users_table(db) && name && *name &&
	             get_user(db, name, out, hash, sizeof hash, &ignore) == MC_OK;
	/* The same work whether or not the user exists: no timing hint about names. */
	static const char dummy[] =
		"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
		"pQ3ZJ5Q3r1hG5oGzq1m0Hq8cD1cTjz2fL3tBv3mN0eA";
	bool ok = mc_password_verify(found && hash[0] ? hash : dummy, password ? password : "");
	if (!found || !hash[0] || !ok || !out->active) {
		memset(out, 0, sizeof *out);
		return mc_err_set(e, MC_ERR_DENIED,
		                  _("wrong user name or password, or the user is disabled or has no "
		                    "password (database %s)."),
		                  mc_db_path(db));
	}
	return MC_OK;
}

/* ---- access log ------------------------------------------------------------ */

const char *mc_access_purpose_name(mc_access_purpose p)
{
	static const char *const names[MC_ACCESS_COUNT] = {"show", "detail", "letter", "export"};
	return (unsigned)p < MC_ACCESS_COUNT ? names[p] : "show";
}

mc_status mc_access_record(const mc_ctx *ctx, const char *code, mc_access_purpose purpose,
                           mc_err *e)
{
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_require(ctx, MC_ACT_READ, e)) != MC_OK)
		return s;
	char norm[MC_CODE_MAX];
	mc_code_normalise(code ? code : "", norm, sizeof norm);
	if ((s = mc_db_begin_write(ctx->db, e)) != MC_OK)
		return s;
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(ctx->db,
		"INSERT INTO access_log (dossier_id, actor, purpose, at, recorded_at, backdated)"
		" SELECT id, ?2, ?3, ?4, ?5, ?6 FROM dossiers WHERE code = ?1", &st, e)) != MC_OK) {
		mc_db_rollback(ctx->db);
		return s;
	}
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, actor_of(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mc_access_purpose_name(purpose), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now_of(ctx));
	sqlite3_bind_int64(st, 5, mc_clock_real_now());
	sqlite3_bind_int(st, 6, mc_ctx_frozen(ctx) ? 1 : 0);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		s = mc_db_error(ctx->db, rc, e);
	} else if (sqlite3_changes(mc_db_handle(ctx->db)) == 0) {
		s = mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no dossier with code \"%s\"."), norm);
	}
	if (s != MC_OK) {
		mc_db_rollback(ctx->db);
		return s;
	}
	return mc_db_commit(ctx->db, e);
}

mc_status mc_access_list(const mc_ctx *ctx, const char *code, int limit, mc_access_row **out,
                         size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK || (s = mc_ctx_require(ctx, MC_ACT_AUDIT, e)) != MC_OK)
		return s;
	if (!has_users_table(ctx->db))
		return MC_OK;
	char norm[MC_CODE_MAX] = "";
	if (code) {
		mc_code_normalise(code, norm, sizeof norm);
		sqlite3_stmt *q;
		if ((s = mc_db_prepare(ctx->db, "SELECT 1 FROM dossiers WHERE code = ?", &q, e)) != MC_OK)
			return s;
		sqlite3_bind_text(q, 1, norm, -1, SQLITE_STATIC);
		int rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc == SQLITE_DONE)
			return mc_err_set(e, MC_ERR_NOT_FOUND, _("there is no dossier with code \"%s\"."), norm);
		if (rc != SQLITE_ROW)
			return mc_db_error(ctx->db, rc, e);
	}
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(ctx->db,
		"SELECT l.id, d.code, l.actor, l.purpose, l.at, l.recorded_at, l.backdated"
		" FROM access_log l JOIN dossiers d ON d.id = l.dossier_id"
		" WHERE ?1 IS NULL OR d.code = ?1 ORDER BY l.id DESC LIMIT ?2", &st, e)) != MC_OK)
		return s;
	mc_bind_text(st, 1, code ? norm : NULL);
	sqlite3_bind_int(st, 2, limit > 0 ? limit : 1000);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			mc_access_row *nb = realloc(*out, cap * sizeof **out);
			if (!nb) {
				rc = SQLITE_NOMEM;
				break;
			}
			*out = nb;
		}
		mc_access_row *r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		mc_col_text(st, 1, r->code, sizeof r->code);
		mc_col_text(st, 2, r->actor, sizeof r->actor);
		mc_col_text(st, 3, r->purpose, sizeof r->purpose);
		r->at = mc_col_time(st, 4);
		r->recorded_at = mc_col_time(st, 5);
		r->backdated = sqlite3_column_int(st, 6) != 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return mc_db_error(ctx->db, rc, e);
	}
	return MC_OK;
}

/* ---- retention --------------------------------------------------------------- */

/* now minus `years` calendar years, same day and time (29 Feb -> 28 Feb). */
static mc_time years_before(mc_time now, int years)
{
	int y, m, d;
	mc_date_to_ymd(mc_time_date(now), &y, &m, &d);
	y -= years;
	if (y < MC_YEAR_MIN)
		y = MC_YEAR_MIN;
	if (d > mc_days_in_month(y, m))
		d = mc_days_in_month(y, m);
	return mc_time_make(mc_date_from_ymd(y, m, d), mc_time_minute_of_day(now));
}

/* Applicants to purge: not yet purged, every dossier ended before ?1, no counter visit since. */
#define PURGE_WHERE \
	" a.purged_at IS NULL AND a.created_at < ?1" \
	" AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.applicant_id = a.id" \
	"  AND (d.status NOT IN ('returned', 'stopped', 'withdrawn')" \
	"       OR coalesce(d.returned_at, d.closed_at, ?1) >= ?1))" \
	" AND NOT EXISTS (SELECT 1 FROM counter_logs c WHERE c.applicant_id = a.id AND c.at >= ?1)"

static mc_status count_int(mc_db *db, const char *sql, mc_time cutoff, int64_t *out, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, cutoff);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? MC_OK : mc_db_error(db, rc, e);
}

static mc_status purge_counts(mc_db *db, mc_time cutoff, mc_purge_result *r, mc_err *e)
{
	mc_status s = count_int(db, "SELECT count(*) FROM applicants a WHERE" PURGE_WHERE, cutoff,
	                        &r->applicants, e);
	if (s == MC_OK)
		s = count_int(db,
		              "SELECT count(*) FROM dossiers WHERE applicant_id IN"
		              " (SELECT a.id FROM applicants a WHERE" PURGE_WHERE ")",
		              cutoff, &r->dossiers, e);
	if (s == MC_OK)
		s = count_int(db,
		              "SELECT count(*) FROM counter_logs WHERE at < ?1 AND applicant_name <> '"
		              MC_PURGED_NAME "'",
		              cutoff, &r->counter_logs, e);
	return s;
}

static mc_status run_sql(mc_db *db, const char *sql, mc_time cutoff, mc_time now,
                         const char *text, mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(db, sql, &st, e);
	if (s != MC_OK)
		return s;
	int np = sqlite3_bind_parameter_count(st);
	sqlite3_bind_int64(st, 1, cutoff);
	if (np >= 2)
		sqlite3_bind_int64(st, 2, now);
	if (np >= 3)
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(db, rc, e);
}

/* One "note" event on every dossier of the applicants being purged (before they are marked). */
static mc_status purge_events(const mc_ctx *ctx, mc_time cutoff, mc_time now, const char *note,
                              mc_err *e)
{
	sqlite3_stmt *st;
	mc_status s = mc_db_prepare(ctx->db,
		"SELECT d.id, u.code FROM dossiers d JOIN units u ON u.id = d.unit_id"
		" WHERE d.applicant_id IN (SELECT a.id FROM applicants a WHERE" PURGE_WHERE ")"
		" ORDER BY d.id", &st, e);
	if (s != MC_OK)
		return s;
	sqlite3_bind_int64(st, 1, cutoff);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char unit[MC_CODE_MAX];
		mc_col_text(st, 1, unit, sizeof unit);
		mc_event_row ev;
		memset(&ev, 0, sizeof ev);
		ev.kind = "note";
		ev.dossier_id = sqlite3_column_int64(st, 0);
		ev.at = now;
		ev.from_unit = unit;
		ev.note = note;
		ev.effective = MC_TIME_NONE;
		ev.step_budget = -1;
		ev.step_outcome = MC_OUTCOME_NONE;
		if ((s = mc_event_insert(ctx, &ev, e)) != MC_OK)
			break;
	}
	sqlite3_finalize(st);
	if (s != MC_OK)
		return s;
	return rc == SQLITE_DONE ? MC_OK : mc_db_error(ctx->db, rc, e);
}

mc_status mc_purge(const mc_ctx *ctx, bool dry_run, mc_purge_result *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	mc_status s = check_ctx(ctx, e);
	if (s != MC_OK)
		return s;
	if (!ctx->cfg)
		return mc_err_set(e, MC_ERR_INVALID, _("internal error: incomplete context."));
	if ((s = mc_ctx_require(ctx, MC_ACT_PURGE, e)) != MC_OK)
		return s;
	if (ctx->cfg->retention_years <= 0)
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("the retention period is 0 (keep personal data forever; setting "
		                    "retention_years): nothing is purged."));
	if (!dry_run && (s = mc_ctx_check_write(ctx, e)) != MC_OK)
		return s;
	mc_time now = now_of(ctx);
	mc_time cutoff = years_before(now, ctx->cfg->retention_years);
	out->cutoff = cutoff;
	mc_db *db = ctx->db;
	if (dry_run) {
		if ((s = mc_db_begin_read(db, e)) != MC_OK)
			return s;
		s = purge_counts(db, cutoff, out, e);
		mc_db_rollback(db);
		return s;
	}
	if ((s = mc_db_begin_write(db, e)) != MC_OK)
		return s;
	char note[256];
	snprintf(note, sizeof note,
	         _("personal data of the applicant cleared: the dossier ended more than %d years ago "
	           "(retention period)."),
	         ctx->cfg->retention_years);
	char *fold = mc_text_fold(MC_PURGED_NAME);
	if (!fold) {
		s = mc_err_set(e, MC_ERR_NOMEM, _("out of memory."));
		goto fail;
	}
	if ((s = purge_counts(db, cutoff, out, e)) != MC_OK ||
	    (s = purge_events(ctx, cutoff, now, note, e)) != MC_OK ||
	    (s = run_sql(db,
	                 "DELETE FROM applicant_words WHERE applicant_id IN"
	                 " (SELECT a.id FROM applicants a WHERE" PURGE_WHERE ")",
	                 cutoff, now, NULL, e)) != MC_OK ||
	    (s = run_sql(db,
	                 "UPDATE applicants AS a SET name = '" MC_PURGED_NAME "', name_fold = ?3,"
	                 " id_number = NULL, tax_code = NULL, phone = NULL, address = NULL,"
	                 " address_fold = NULL, email = NULL, purged_at = ?2, updated_at = ?2"
	                 " WHERE" PURGE_WHERE,
	                 cutoff, now, fold, e)) != MC_OK ||
	    (s = run_sql(db,
	                 "UPDATE counter_logs SET applicant_name = '" MC_PURGED_NAME "'"
	                 " WHERE at < ?1 AND applicant_name <> '" MC_PURGED_NAME "'",
	                 cutoff, now, NULL, e)) != MC_OK)
		goto fail;
	sqlite3_stmt *st;
	if ((s = mc_db_prepare(db,
		"INSERT INTO purges (actor, at, recorded_at, backdated, retention_years, cutoff,"
		" applicants, dossiers, counter_logs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e)) !=
	    MC_OK)
		goto fail;
	sqlite3_bind_text(st, 1, actor_of(ctx), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, mc_clock_real_now());
	sqlite3_bind_int(st, 4, mc_ctx_frozen(ctx) ? 1 : 0);
	sqlite3_bind_int(st, 5, ctx->cfg->retention_years);
	sqlite3_bind_int64(st, 6, cutoff);
	sqlite3_bind_int64(st, 7, out->applicants);
	sqlite3_bind_int64(st, 8, out->dossiers);
	sqlite3_bind_int64(st, 9, out->counter_logs);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		s = mc_db_error(db, rc, e);
		goto fail;
	}
	free(fold);
	return mc_db_commit(db, e);
fail:
	free(fold);
	mc_db_rollback(db);
	return s;
}
