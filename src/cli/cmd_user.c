/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Who is acting, and the commands of users and personal data:
 *   user add|list|role|disable|enable|password, login, whoami,
 *   purge [--dry-run], audit access [CODE].
 *
 * Identity (cli_identify): the operating-system account by default; with
 * --user NAME or the setting [audit] login = password, a password login
 * (read from the terminal without echo, or one line of standard input when
 * it is not a terminal). A database with users refuses every account that
 * is not an active user, even for reading: applicants' personal data is
 * shown to known users only. A database without users is open (see
 * include/motcua/users.h); `motcua init` gives it its first administrator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"

static bool logged_in; /* a password login succeeded in this process */

static void wipe(char *buf, size_t n)
{
	explicit_bzero(buf, n);
}

bool cli_read_password(const char *prompt, bool confirm, char *buf, size_t size)
{
	bool tty = isatty(STDIN_FILENO);
	for (int round = 0; round < (tty && confirm ? 2 : 1); round++) {
		char *dst = buf;
		char again[MC_PASSWORD_MAX + 2];
		if (round == 1)
			dst = again;
		size_t dsize = round == 1 ? sizeof again : size;
		struct termios old, quiet;
		bool restore = false;
		if (tty) {
			fprintf(stderr, "%s", round == 0 ? prompt : _("Again: "));
			fflush(stderr);
			if (tcgetattr(STDIN_FILENO, &old) == 0) {
				quiet = old;
				quiet.c_lflag &= ~(tcflag_t)ECHO;
				restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
			}
		}
		char *got = fgets(dst, (int)dsize, stdin);
		if (restore)
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		if (tty)
			fputc('\n', stderr);
		if (!got) {
			wipe(buf, size);
			cli_error(CLI_FAIL, "%s", _("no password was given."));
			return false;
		}
		size_t n = strlen(dst);
		bool whole = n > 0 && dst[n - 1] == '\n';
		if (!whole && !feof(stdin)) {
			wipe(buf, size);
			wipe(again, sizeof again);
			cli_error(CLI_FAIL, _("the password is longer than %d bytes."), MC_PASSWORD_MAX);
			return false;
		}
		while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == '\r'))
			dst[--n] = '\0';
		if (n == 0) {
			wipe(buf, size);
			cli_error(CLI_FAIL, "%s", _("no password was given."));
			return false;
		}
		if (round == 1) {
			bool same = strcmp(buf, again) == 0;
			wipe(again, sizeof again);
			if (!same) {
				wipe(buf, size);
				cli_error(CLI_FAIL, "%s", _("the two passwords differ; nothing was changed."));
				return false;
			}
		}
	}
	return true;
}

static bool password_mode(const mc_cli *cli)
{
	return cli->user || cli->cfg.login == MC_LOGIN_PASSWORD;
}

bool cli_identify(mc_cli *cli, mc_db *db)
{
	mc_err e;
	mc_err_clear(&e);
	if (cli->user && mc_user_name_check(cli->user, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	int64_t users = 0;
	if (mc_user_count(db, &users, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	if (users == 0) { /* an open database: nobody to log in as */
		if (cli->user)
			cli_set_actor(cli->user);
		return true;
	}
	if (password_mode(cli) && !logged_in) {
		const char *name = cli->user ? cli->user : cli_actor();
		char prompt[160];
		snprintf(prompt, sizeof prompt, _("Password of %s: "), name);
		char pw[MC_PASSWORD_MAX + 2];
		if (!cli_read_password(prompt, false, pw, sizeof pw))
			return false;
		mc_user u;
		mc_status s = mc_user_login(db, name, pw, &u, &e);
		wipe(pw, sizeof pw);
		if (s != MC_OK) {
			cli_fail(&e);
			return false;
		}
		cli_set_actor(u.name);
		logged_in = true;
	}
	mc_ctx ctx = {.db = db, .cfg = &cli->cfg, .clock = &cli->clock, .actor = cli_actor()};
	mc_role r;
	if (mc_user_role(&ctx, &r, NULL, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	return true;
}

bool cli_bootstrap_admin(mc_cli *cli, mc_ctx *ctx, bool *created)
{
	mc_err e;
	mc_err_clear(&e);
	*created = false;
	int64_t users = 0;
	if (mc_user_count(ctx->db, &users, &e) != MC_OK) {
		cli_fail(&e);
		return false;
	}
	if (users > 0)
		return true;
	char pw[MC_PASSWORD_MAX + 2];
	bool with_pw = password_mode(cli);
	if (with_pw) {
		char prompt[160];
		snprintf(prompt, sizeof prompt, _("New password of the administrator %s: "), ctx->actor);
		if (!cli_read_password(prompt, true, pw, sizeof pw))
			return false;
	}
	mc_status s = mc_user_bootstrap(ctx, with_pw ? pw : NULL, created, &e);
	wipe(pw, sizeof pw);
	if (s != MC_OK) {
		cli_fail(&e);
		return false;
	}
	if (with_pw)
		logged_in = true;
	return true;
}

/* ---- user ------------------------------------------------------------------- */

static int user_add(mc_cli *cli, mc_ctx *ctx, mc_err *e)
{
	const char *name = cli_arg(cli, 1);
	const char *rtext = cli_opt(cli, "role");
	if (!name || cli_arg(cli, 2))
		return cli_error(CLI_USAGE, "%s",
		                 _("use: motcua user add NAME --role clerk|supervisor|admin [--password] "
		                   "[--full-name TEXT]"));
	mc_role role;
	if (!rtext)
		return cli_error(CLI_USAGE, "%s", _("a user needs a role: clerk, supervisor or admin."));
	if (mc_role_parse(rtext, &role, e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e->msg);
	/* Check the right before asking for a password nobody may set. */
	if (mc_ctx_require(ctx, MC_ACT_USERS, e) != MC_OK || mc_user_name_check(name, e) != MC_OK)
		return cli_fail(e);
	char pw[MC_PASSWORD_MAX + 2] = "";
	bool with_pw = cli_flag(cli, "password");
	if (with_pw) {
		char prompt[160];
		snprintf(prompt, sizeof prompt, _("New password of %s: "), name);
		if (!cli_read_password(prompt, true, pw, sizeof pw))
			return CLI_FAIL;
	}
	mc_status s = mc_user_add(ctx, name, role, cli_opt(cli, "full-name"), with_pw ? pw : NULL, e);
	wipe(pw, sizeof pw);
	if (s != MC_OK)
		return cli_fail(e);
	if (cli->json) {
		printf("{\"user\": ");
		json_str(stdout, name);
		printf(", \"role\": \"%s\", \"password\": %s}\n", mc_role_name(role),
		       with_pw ? "true" : "false");
	} else {
		printf(_("User %s added with the role %s%s.\n"), name, mc_role_label(role),
		       with_pw ? _(" and a password") : "");
	}
	return CLI_OK;
}

static int user_list(mc_cli *cli, mc_ctx *ctx, mc_err *e)
{
	mc_user *u;
	size_t n;
	if (mc_user_list(ctx, &u, &n, e) != MC_OK)
		return cli_fail(e);
	if (cli->json) {
		printf("{\"users\": [");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",\n  {\"name\": " : "\n  {\"name\": ");
			json_str(stdout, u[i].name);
			printf(", \"role\": \"%s\", \"full_name\": ", mc_role_name(u[i].role));
			json_str(stdout, u[i].full_name[0] ? u[i].full_name : NULL);
			printf(", \"active\": %s, \"password\": %s, \"created\": ",
			       u[i].active ? "true" : "false", u[i].has_password ? "true" : "false");
			json_time(stdout, u[i].created);
			printf("}");
		}
		printf(n ? "\n]}\n" : "]}\n");
	} else {
		if (n == 0)
			printf("%s\n", _("No users: every account may do everything. \"motcua init\" makes "
			                 "you the administrator."));
		for (size_t i = 0; i < n; i++) {
			printf("%-20s %-12s %-9s %-9s ", u[i].name, mc_role_name(u[i].role),
			       u[i].active ? _("active") : _("disabled"),
			       u[i].has_password ? _("password") : "-");
			cli_put_safe(stdout, u[i].full_name);
			putchar('\n');
		}
	}
	free(u);
	return CLI_OK;
}

static int user_role(mc_cli *cli, mc_ctx *ctx, mc_err *e)
{
	const char *name = cli_arg(cli, 1), *rtext = cli_arg(cli, 2);
	if (!name || !rtext)
		return cli_error(CLI_USAGE, "%s",
		                 _("use: motcua user role NAME clerk|supervisor|admin"));
	mc_role role;
	if (mc_role_parse(rtext, &role, e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e->msg);
	if (mc_user_set_role(ctx, name, role, e) != MC_OK)
		return cli_fail(e);
	if (cli->json) {
		printf("{\"user\": ");
		json_str(stdout, name);
		printf(", \"role\": \"%s\"}\n", mc_role_name(role));
	} else {
		printf(_("User %s now has the role %s.\n"), name, mc_role_label(role));
	}
	return CLI_OK;
}

static int user_active(mc_cli *cli, mc_ctx *ctx, bool active, mc_err *e)
{
	const char *name = cli_arg(cli, 1);
	if (!name || cli_arg(cli, 2))
		return cli_error(CLI_USAGE, "%s",
		                 active ? _("use: motcua user enable NAME")
		                        : _("use: motcua user disable NAME"));
	if (mc_user_set_active(ctx, name, active, e) != MC_OK)
		return cli_fail(e);
	if (cli->json) {
		printf("{\"user\": ");
		json_str(stdout, name);
		printf(", \"active\": %s}\n", active ? "true" : "false");
	} else {
		printf(active ? _("User %s is enabled.\n") : _("User %s is disabled.\n"), name);
	}
	return CLI_OK;
}

static int user_password(mc_cli *cli, mc_ctx *ctx, mc_err *e)
{
	const char *name = cli_arg(cli, 1);
	if (!name)
		name = ctx->actor;
	bool remove = cli_flag(cli, "remove");
	if (strcmp(name, ctx->actor) != 0 && mc_ctx_require(ctx, MC_ACT_USERS, e) != MC_OK)
		return cli_fail(e);
	mc_user u;
	if (mc_user_get(ctx->db, name, &u, e) != MC_OK)
		return cli_fail(e);
	char pw[MC_PASSWORD_MAX + 2] = "";
	if (!remove) {
		char prompt[160];
		snprintf(prompt, sizeof prompt, _("New password of %s: "), name);
		if (!cli_read_password(prompt, true, pw, sizeof pw))
			return CLI_FAIL;
	}
	mc_status s = mc_user_set_password(ctx, name, remove ? NULL : pw, e);
	wipe(pw, sizeof pw);
	if (s != MC_OK)
		return cli_fail(e);
	if (cli->json) {
		printf("{\"user\": ");
		json_str(stdout, name);
		printf(", \"password\": %s}\n", remove ? "false" : "true");
	} else {
		printf(remove ? _("User %s has no password any more.\n")
		              : _("The password of %s is set.\n"),
		       name);
	}
	return CLI_OK;
}

int cmd_user(mc_cli *cli)
{
	static const char *const vals[] = {"role", "full-name", NULL};
	static const char *const flags[] = {"password", "remove", NULL};
	if (!cli_opts_check(cli, vals, flags, 3))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	static const char *const subs[] = {"add", "list", "role", "disable", "enable", "password",
	                                   NULL};
	bool known = false;
	for (size_t i = 0; sub && subs[i]; i++)
		known = known || strcmp(sub, subs[i]) == 0;
	if (!known)
		return cli_error(CLI_USAGE, "%s",
		                 _("use \"user add NAME --role R [--password]\", \"user list\", \"user "
		                   "role NAME R\", \"user disable NAME\", \"user enable NAME\" or \"user "
		                   "password [NAME] [--remove]\"."));
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0))
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	int rc;
	if (strcmp(sub, "add") == 0)
		rc = user_add(cli, &ctx, &e);
	else if (strcmp(sub, "list") == 0)
		rc = user_list(cli, &ctx, &e);
	else if (strcmp(sub, "role") == 0)
		rc = user_role(cli, &ctx, &e);
	else if (strcmp(sub, "password") == 0)
		rc = user_password(cli, &ctx, &e);
	else
		rc = user_active(cli, &ctx, strcmp(sub, "enable") == 0, &e);
	cli_db_close(&ctx);
	return rc;
}

/* ---- whoami / login -------------------------------------------------------- */

static int print_identity(mc_cli *cli, mc_ctx *ctx)
{
	mc_err e;
	mc_err_clear(&e);
	mc_role r;
	bool open = false;
	if (mc_user_role(ctx, &r, &open, &e) != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"user\": ");
		json_str(stdout, ctx->actor);
		printf(", \"role\": \"%s\", \"open\": %s, \"login\": \"%s\"}\n", mc_role_name(r),
		       open ? "true" : "false", logged_in ? "password" : "account");
	} else if (open) {
		printf(_("%s: this database has no users yet, so every account may do everything; "
		         "\"motcua init\" makes you its administrator.\n"),
		       ctx->actor);
	} else {
		printf(_("%s (%s), identified by %s.\n"), ctx->actor, mc_role_label(r),
		       logged_in ? _("password") : _("the system account"));
	}
	return CLI_OK;
}

int cmd_whoami(mc_cli *cli)
{
	if (!cli_opts_check(cli, NULL, NULL, 0))
		return CLI_USAGE;
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	int rc = print_identity(cli, &ctx);
	cli_db_close(&ctx);
	return rc;
}

int cmd_login(mc_cli *cli)
{
	static const char *const flags[] = {"check", NULL};
	if (!cli_opts_check(cli, NULL, flags, 1))
		return CLI_USAGE;
	const char *name = cli_arg(cli, 0);
	if (name)
		cli->user = name;
	if (!cli->user)
		cli->user = cli_actor(); /* the system account's own password */
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	if (!logged_in) { /* an open database: there is nobody to log in as */
		cli_db_close(&ctx);
		return cli_error(CLI_FAIL, "%s",
		                 _("this database has no users yet; run \"motcua init\" first."));
	}
	if (cli_flag(cli, "check") || cli->json) {
		int rc = print_identity(cli, &ctx);
		cli_db_close(&ctx);
		return rc;
	}
	cli_db_close(&ctx);
	return cli_run_tui(cli); /* logged_in: no second prompt */
}

/* ---- purge ------------------------------------------------------------------- */

int cmd_purge(mc_cli *cli)
{
	static const char *const flags[] = {"dry-run", NULL};
	if (!cli_opts_check(cli, NULL, flags, 0))
		return CLI_USAGE;
	bool dry = cli_flag(cli, "dry-run");
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, dry ? MC_DB_READONLY : 0))
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	mc_purge_result r;
	mc_status s = mc_purge(&ctx, dry, &r, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	char cut[17];
	cli_fmt_time(r.cutoff, cut);
	if (cli->json) {
		printf("{\"dry_run\": %s, \"retention_years\": %d, \"cutoff\": ", dry ? "true" : "false",
		       cli->cfg.retention_years);
		json_time(stdout, r.cutoff);
		printf(", \"applicants\": %lld, \"dossiers\": %lld, \"counter_logs\": %lld}\n",
		       (long long)r.applicants, (long long)r.dossiers, (long long)r.counter_logs);
	} else {
		printf(dry ? _("Would clear the personal data of %lld applicant(s) (%lld dossier(s) "
		               "ended before %s) and the names of %lld counter log(s); nothing was "
		               "changed.\n")
		           : _("Cleared the personal data of %lld applicant(s) (%lld dossier(s) ended "
		               "before %s) and the names of %lld counter log(s).\n"),
		       (long long)r.applicants, (long long)r.dossiers, cut, (long long)r.counter_logs);
	}
	return CLI_OK;
}

/* ---- audit access ------------------------------------------------------------ */

int cmd_audit(mc_cli *cli)
{
	static const char *const vals[] = {"limit", NULL};
	if (!cli_opts_check(cli, vals, NULL, 2))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	if (sub && strcmp(sub, "backdated") == 0)
		return cmd_audit_backdated(cli); /* cmd_audit.c: writes under a frozen clock */
	if (!sub || strcmp(sub, "access") != 0)
		return cli_error(CLI_USAGE, "%s",
		                 _("use \"audit access [CODE] [--limit N]\" or \"audit backdated "
		                   "[--limit N]\"."));
	const char *code = cli_arg(cli, 1);
	int limit = 1000;
	const char *lv = cli_opt(cli, "limit");
	if (lv) {
		char *end;
		long v = strtol(lv, &end, 10);
		if (!*lv || *end || v < 1 || v > 100000)
			return cli_error(CLI_USAGE, _("--limit must be from 1 to 100000, not \"%s\"."), lv);
		limit = (int)v;
	}
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	mc_access_row *rows;
	size_t n;
	mc_status s = mc_access_list(&ctx, code, limit, &rows, &n, &e);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"access\": [");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",\n  {\"code\": " : "\n  {\"code\": ");
			json_str(stdout, rows[i].code);
			printf(", \"actor\": ");
			json_str(stdout, rows[i].actor);
			printf(", \"purpose\": ");
			json_str(stdout, rows[i].purpose);
			printf(", \"at\": ");
			json_time(stdout, rows[i].at);
			printf(", \"recorded_at\": ");
			json_time(stdout, rows[i].recorded_at);
			printf(", \"backdated\": %s}", rows[i].backdated ? "true" : "false");
		}
		printf(n ? "\n]}\n" : "]}\n");
	} else {
		if (n == 0)
			printf("%s\n", _("Nobody has opened personal data yet."));
		for (size_t i = 0; i < n; i++) {
			char at[17];
			cli_fmt_time(rows[i].at, at);
			printf("%s  ", at);
			cli_put_safe(stdout, rows[i].code);
			printf("  ");
			cli_put_safe(stdout, rows[i].actor);
			printf("  %-7s%s\n", rows[i].purpose,
			       rows[i].backdated ? _("  (back-dated)") : "");
		}
	}
	free(rows);
	return CLI_OK;
}
