/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Trust commands (issue step 8):
 *   motcua verify [--json] [--quick] [--anchor ID:HASH]
 *       integrity and foreign-key checks, the hash chain of the history and
 *       every dossier against its latest event; exit 1 naming the first
 *       tampered or missing event, 0 when only back-dated writes are found
 *       (warnings);
 *   motcua backup -o FILE [--force] [--json]
 *       a consistent copy while others write (owner-only file);
 *   motcua audit backdated [--json] [--limit N]   (cmd_audit_backdated, called
 *       by the `audit` command's dispatcher)
 *       the writes made under a frozen clock (--now), newest first.
 * The work is done by include/motcua/audit.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/dossier.h"
#include "motcua/audit.h"
#include "motcua/i18n.h"
#include "motcua/text.h"
#include "motcua/users.h"

static void json_backdated(const mc_backdated *b, size_t n)
{
	fputc('[', stdout);
	for (size_t i = 0; i < n; i++) {
		printf("%s{\"source\": \"%s\", \"id\": %lld, \"dossier\": ", i ? ", " : "", b[i].source,
		       (long long)b[i].id);
		json_str(stdout, b[i].dossier[0] ? b[i].dossier : NULL);
		printf(", \"kind\": ");
		json_str(stdout, b[i].kind);
		printf(", \"at\": ");
		json_time(stdout, b[i].at);
		printf(", \"recorded_at\": ");
		json_time(stdout, b[i].recorded_at);
		printf(", \"actor\": ");
		json_str(stdout, b[i].actor);
		fputc('}', stdout);
	}
	fputc(']', stdout);
}

static void text_backdated(const mc_backdated *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char at[17], rec[17];
		cli_fmt_time(b[i].at, at);
		cli_fmt_time(b[i].recorded_at, rec);
		printf("  %s %lld  ", strcmp(b[i].source, "par") == 0 ? _("PAR entry") : _("event"),
		       (long long)b[i].id);
		if (b[i].dossier[0]) {
			cli_put_safe(stdout, b[i].dossier);
			fputs("  ", stdout);
		}
		/* An event's kind in words ("đã tiếp nhận"), as the screens name it. */
		cli_put_safe(stdout, strcmp(b[i].source, "par") == 0 ? b[i].kind
		                                                     : mc_event_kind_label(b[i].kind));
		printf(_("  dated %s, recorded %s by "), at, rec);
		cli_put_safe(stdout, b[i].actor);
		fputc('\n', stdout);
	}
}

static bool parse_anchor(const char *s, mc_verify_options *o)
{
	char *end;
	long long id = strtoll(s, &end, 10);
	if (end == s || *end != ':' || id < 1)
		return false;
	o->anchor_id = id;
	return mc_sha256_from_hex(end + 1, o->anchor);
}

int cmd_verify(mc_cli *cli)
{
	static const char *const with_value[] = {"anchor", NULL};
	static const char *const flags[] = {"quick", NULL};
	if (!cli_opts_check(cli, with_value, flags, 0))
		return CLI_USAGE;
	mc_verify_options o;
	memset(&o, 0, sizeof o);
	o.quick = cli_flag(cli, "quick");
	const char *anchor = cli_opt(cli, "anchor");
	if (anchor && !parse_anchor(anchor, &o))
		return cli_error(CLI_USAGE,
		                 _("--anchor must be EVENT-ID:HASH as printed by \"motcua verify\", not \"%s\"."),
		                 anchor);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	mc_verify_report *r = malloc(sizeof *r);
	if (!r) {
		cli_db_close(&ctx);
		return cli_error(CLI_FAIL, "%s", _("out of memory."));
	}
	mc_err e;
	mc_err_clear(&e);
	mc_status st = mc_verify(ctx.db, &o, r, &e);
	cli_db_close(&ctx);
	if (st != MC_OK) {
		free(r);
		return cli_fail(&e);
	}
	if (cli->json) {
		printf("{\"ok\": %s, \"integrity\": %s, \"foreign_key_violations\": %lld, "
		       "\"events\": %lld, \"chained\": %lld, \"unchained\": %lld, \"dossiers\": %lld, "
		       "\"counter_logs\": %lld, \"head\": ",
		       r->ok ? "true" : "false", r->integrity_ok ? "true" : "false",
		       (long long)r->fk_violations, (long long)r->events, (long long)r->chained,
		       (long long)r->unchained, (long long)r->dossiers, (long long)r->counter_logs);
		if (r->head_id) {
			printf("{\"id\": %lld, \"hash\": ", (long long)r->head_id);
			json_str(stdout, r->head_hash[0] ? r->head_hash : NULL);
			fputc('}', stdout);
		} else {
			fputs("null", stdout);
		}
		printf(", \"problem_count\": %lld, \"problems\": [", (long long)r->problems);
		for (size_t i = 0; i < r->nlisted; i++) {
			const mc_verify_problem *p = &r->listed[i];
			printf("%s{\"kind\": \"%s\", \"event_id\": ", i ? ", " : "",
			       mc_verify_kind_name(p->kind));
			if (p->event_id)
				printf("%lld", (long long)p->event_id);
			else
				fputs("null", stdout);
			fputs(", \"dossier\": ", stdout);
			json_str(stdout, p->dossier[0] ? p->dossier : NULL);
			fputs(", \"event_kind\": ", stdout);
			json_str(stdout, p->event_kind[0] ? p->event_kind : NULL);
			fputs(", \"message\": ", stdout);
			json_str(stdout, p->message);
			fputc('}', stdout);
		}
		printf("], \"backdated\": {\"count\": %lld, \"first\": ", (long long)r->backdated);
		json_backdated(r->first_backdated, r->nbackdated);
		fputs("}}\n", stdout);
	} else {
		printf(_("Integrity check: %s\n"), r->integrity_ok ? _("ok") : _("FAILED"));
		printf(_("Foreign keys: %lld broken references\n"), (long long)r->fk_violations);
		printf(_("History: %lld events, %lld in the hash chain, %lld recorded before it\n"),
		       (long long)r->events, (long long)r->chained, (long long)r->unchained);
		printf(_("Rows compared with their latest event: %lld dossiers, %lld counter logs\n"),
		       (long long)r->dossiers, (long long)r->counter_logs);
		if (r->head_id)
			printf(_("Head of the chain (write it down to check later with --anchor): %lld:%s\n"),
			       (long long)r->head_id, r->head_hash[0] ? r->head_hash : "-");
		if (r->backdated) {
			printf(_("Warning: %lld writes were back-dated (recorded under a frozen clock); "
			         "the first:\n"),
			       (long long)r->backdated);
			text_backdated(r->first_backdated, r->nbackdated);
		}
		for (size_t i = 0; i < r->nlisted; i++) {
			fputs(_("PROBLEM: "), stdout);
			cli_put_safe(stdout, r->listed[i].message);
			fputc('\n', stdout);
		}
		if (r->problems > (int64_t)r->nlisted)
			printf(_("... and %lld more problems.\n"), (long long)(r->problems - (int64_t)r->nlisted));
		printf("%s\n", r->ok ? _("Result: OK") : _("Result: the database was changed outside motcua or is damaged."));
	}
	int rc = r->ok ? CLI_OK : CLI_FAIL;
	if (!r->ok) {
		char *msg = mc_text_sanitize(r->nlisted ? r->listed[0].message : "", 0);
		cli_error(CLI_FAIL, _("verification failed: %s"), msg ? msg : "");
		free(msg);
	}
	free(r);
	return rc;
}

int cmd_backup(mc_cli *cli)
{
	static const char *const with_value[] = {"output", NULL};
	static const char *const flags[] = {"force", NULL};
	/* "-o FILE" is not a "--" option: it arrives as two positionals. */
	if (!cli_opts_check(cli, with_value, flags, 2))
		return CLI_USAGE;
	const char *out = cli_opt(cli, "output");
	const char *p0 = cli_arg(cli, 0), *p1 = cli_arg(cli, 1);
	if (p0) {
		if (strcmp(p0, "-o") != 0 || !p1 || out)
			return cli_error(CLI_USAGE, _("Unexpected argument \"%s\"; write -o FILE."), p0);
		out = p1;
	}
	if (!out)
		return cli_error(CLI_USAGE, "%s", _("usage: motcua backup -o FILE [--force]"));
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	/* A copy holds every applicant's personal data: supervisors and administrators. */
	if (mc_ctx_require(&ctx, MC_ACT_AUDIT, &e) != MC_OK) {
		cli_db_close(&ctx);
		return cli_fail(&e);
	}
	mc_backup_result *res = malloc(sizeof *res);
	if (!res) {
		cli_db_close(&ctx);
		return cli_error(CLI_FAIL, "%s", _("out of memory."));
	}
	mc_status st = mc_backup(ctx.db, out, cli_flag(cli, "force"), res, &e);
	cli_db_close(&ctx);
	if (st != MC_OK) {
		free(res);
		return cli_fail(&e);
	}
	if (cli->json) {
		fputs("{\"file\": ", stdout);
		json_str(stdout, res->path);
		printf(", \"pages\": %lld, \"dossiers\": %lld, \"events\": %lld}\n", (long long)res->pages,
		       (long long)res->dossiers, (long long)res->events);
	} else {
		printf(_("Wrote %s: %lld dossiers, %lld events (checked).\n"), res->path,
		       (long long)res->dossiers, (long long)res->events);
	}
	free(res);
	return CLI_OK;
}

int cmd_audit_backdated(mc_cli *cli)
{
	static const char *const with_value[] = {"limit", NULL};
	static const char *const flags[] = {NULL};
	/* Reached as "audit backdated": the sub-command word is the only positional. */
	if (!cli_opts_check(cli, with_value, flags, 1))
		return CLI_USAGE;
	const char *sub = cli_arg(cli, 0);
	if (sub && strcmp(sub, "backdated") != 0)
		return cli_error(CLI_USAGE, _("Unexpected argument \"%s\"."), sub);
	long limit = 50;
	const char *ls = cli_opt(cli, "limit");
	if (ls) {
		char *end;
		limit = strtol(ls, &end, 10);
		if (end == ls || *end || limit < 1 || limit > 10000)
			return cli_error(CLI_USAGE, _("--limit must be a number from 1 to 10000, not \"%s\"."), ls);
	}
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	mc_backdated *rows = calloc((size_t)limit, sizeof *rows);
	if (!rows) {
		cli_db_close(&ctx);
		return cli_error(CLI_FAIL, "%s", _("out of memory."));
	}
	size_t n = 0;
	int64_t total = 0;
	mc_err e;
	mc_err_clear(&e);
	/* The supervisor's audit view. */
	mc_status st = mc_ctx_require(&ctx, MC_ACT_AUDIT, &e);
	if (st == MC_OK)
		st = mc_audit_backdated(ctx.db, true, rows, (size_t)limit, &n, &total, &e);
	cli_db_close(&ctx);
	if (st != MC_OK) {
		free(rows);
		return cli_fail(&e);
	}
	if (cli->json) {
		printf("{\"backdated\": {\"count\": %lld, \"newest\": ", (long long)total);
		json_backdated(rows, n);
		fputs("}}\n", stdout);
	} else if (total == 0) {
		printf("%s\n", _("No back-dated writes: every write was recorded at its real time."));
	} else {
		printf(_("%lld writes were back-dated (recorded under a frozen clock); the newest %zu:\n"),
		       (long long)total, n);
		text_backdated(rows, n);
	}
	free(rows);
	return CLI_OK;
}
