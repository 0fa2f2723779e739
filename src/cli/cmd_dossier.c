/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Dossier commands (product.md §3): intake, the transitions, the apology,
 * show and list, and the counter logs without a dossier (guide = form 02,
 * refuse = form 03). Each prints a Vietnamese (or English) summary, or with
 * --json the documented shapes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_db.h"
#include "cli/commands.h"
#include "motcua/deadline.h"
#include "motcua/export.h"
#include "motcua/i18n.h"
#include "motcua/period.h"
#include "motcua/query.h"
#include "motcua/text.h"
#include "motcua/users.h"

/* ---- output helpers ----------------------------------------------------- */

/* "  Label:" of `show`, padded to one column of values. */
static void show_label(const char *label)
{
	printf("  ");
	cli_put_padded(label, 22);
	putchar(' ');
}

static const char *outcome_label(mc_outcome o)
{
	switch (o) {
	case MC_OUTCOME_EARLY: return _("early");
	case MC_OUTCOME_ON_TIME: return _("on time");
	case MC_OUTCOME_LATE: return _("late");
	default: return "-";
	}
}

static void json_key(FILE *f, const char *k)
{
	fprintf(f, "\"%s\": ", k);
}

static void json_trail(FILE *f, const mc_trail *t)
{
	fputc('[', f);
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			fputs(", ", f);
		json_str(f, t->lines[i]);
	}
	fputc(']', f);
}

/*
 * The ID number as lists and exports show it: masked (mc_export_mask_id,
 * "0790*****123") when the setting mask_ids is on. Only `show`, which logs
 * the access, reveals it whole.
 */
static const char *shown_id(const mc_cli *cli, const char *id, bool reveal, char *buf, size_t size)
{
	if (!id[0])
		return NULL;
	if (reveal || !cli->cfg.mask_ids)
		return id;
	mc_export_mask_id(id, buf, size);
	return buf;
}

/* The keys of `show` without events (shared with `list`); id_number as shown_id() gives it. */
static void json_dossier_fields(FILE *f, const mc_dossier *d, const char *id_number)
{
	fputs("\"code\": ", f);
	json_str(f, d->code);
	fputs(", \"register_no\": ", f);
	fprintf(f, "%d", d->register_no);
	fputs(", \"register_year\": ", f);
	fprintf(f, "%d", d->register_year);
	fputs(", \"procedure\": ", f);
	json_str(f, d->procedure_code);
	fputs(", \"procedure_name\": ", f);
	json_str(f, d->procedure_name);
	fputs(", \"field\": ", f);
	json_str(f, d->field);
	fputs(", \"applicant\": ", f);
	json_str(f, d->applicant_name);
	fputs(", \"id_number\": ", f);
	json_str(f, id_number);
	fputs(", \"phone\": ", f);
	json_str(f, d->phone[0] ? d->phone : NULL);
	fputs(", \"channel\": ", f);
	json_str(f, mc_channel_name(d->channel));
	fputs(", \"sets\": ", f);
	fprintf(f, "%d", d->sets);
	fputs(", \"status\": ", f);
	json_str(f, mc_dossier_status_name(d->status));
	fputs(", \"unit\": ", f);
	json_str(f, d->unit_code);
	fputs(", \"received\": ", f);
	json_time(f, d->received);
	fputs(", \"due\": ", f);
	json_time(f, d->due);
	fputs(", \"original_due\": ", f);
	json_time(f, d->original_due);
	fputs(", \"finished\": ", f);
	json_time(f, d->finished);
	fputs(", \"returned\": ", f);
	json_time(f, d->returned);
	fputs(", \"closed\": ", f);
	json_time(f, d->closed);
	fputs(", \"result\": ", f);
	json_str(f, mc_result_name(d->result));
	fputs(", \"outcome\": ", f);
	json_str(f, mc_outcome_name(d->outcome));
	fputs(", \"rating\": ", f);
	if (d->rating)
		fprintf(f, "%d", d->rating);
	else
		fputs("null", f);
	fputs(", \"supplement_late\": ", f);
	fputs(d->supplement_late ? "true" : "false", f);
	fputs(", \"apology\": ", f);
	if (d->has_apology) {
		fputs("{\"reason\": ", f);
		json_str(f, d->apology.reason);
		fputs(", \"new_due\": ", f);
		json_time(f, d->apology.new_due);
		fputs(", \"old_due\": ", f);
		json_time(f, d->apology.old_due);
		fputs(", \"signer\": ", f);
		json_str(f, d->apology.signer[0] ? d->apology.signer : NULL);
		fputs(", \"notified_by\": ", f);
		json_str(f, mc_notify_name(d->apology.notified_by));
		fputs(", \"at\": ", f);
		json_time(f, d->apology.at);
		fputc('}', f);
	} else {
		fputs("null", f);
	}
}

static mc_status json_events(FILE *f, const mc_ctx *ctx, const char *code, mc_err *e)
{
	mc_event *ev;
	size_t n;
	mc_status s = mc_dossier_events(ctx, code, &ev, &n, e);
	if (s != MC_OK)
		return s;
	fputs("[", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n    {" : "\n    {", f);
		json_key(f, "at");
		json_time(f, ev[i].at);
		fputs(", \"kind\": ", f);
		json_str(f, ev[i].kind);
		fputs(", \"actor\": ", f);
		json_str(f, ev[i].actor);
		fputs(", \"from\": ", f);
		json_str(f, ev[i].from_unit[0] ? ev[i].from_unit : NULL);
		fputs(", \"to\": ", f);
		json_str(f, ev[i].to_unit[0] ? ev[i].to_unit : NULL);
		fputs(", \"note\": ", f);
		json_str(f, ev[i].note[0] ? ev[i].note : NULL);
		fputs(", \"effective\": ", f);
		json_time(f, ev[i].effective);
		fputs(", \"step_outcome\": ", f);
		json_str(f, mc_outcome_name(ev[i].step_outcome));
		fputs(", \"recorded_at\": ", f);
		json_time(f, ev[i].recorded_at);
		fputs(", \"backdated\": ", f);
		fputs(ev[i].backdated ? "true" : "false", f);
		fputc('}', f);
	}
	fputs(n ? "\n  ]" : "]", f);
	free(ev);
	return MC_OK;
}

/* Print a dossier after a change or for `show`: JSON (with events) or text. */
static int print_dossier(mc_cli *cli, const mc_ctx *ctx, const char *code, bool events,
                         bool reveal)
{
	mc_err e;
	mc_err_clear(&e);
	mc_dossier *d = malloc(sizeof *d);
	if (!d)
		return cli_error(CLI_FAIL, "%s", _("out of memory."));
	if (mc_dossier_get(ctx, code, d, &e) != MC_OK) {
		free(d);
		return cli_fail(&e);
	}
	char masked[sizeof d->id_number];
	const char *id_number = shown_id(cli, d->id_number, reveal, masked, sizeof masked);
	if (cli->json) {
		fputs("{", stdout);
		json_dossier_fields(stdout, d, id_number);
		if (events) {
			mc_trail t;
			mc_trail_init(&t);
			if (mc_dossier_trail(ctx, d->code, &t, &e) == MC_OK) {
				fputs(",\n  \"trail\": ", stdout);
				json_trail(stdout, &t);
			}
			mc_trail_free(&t);
			fputs(",\n  \"events\": ", stdout);
			if (json_events(stdout, ctx, d->code, &e) != MC_OK) {
				free(d);
				fputs("null}\n", stdout);
				return cli_fail(&e);
			}
		}
		fputs("}\n", stdout);
		free(d);
		return CLI_OK;
	}
	char r[17], du[17], od[17], fi[17], re[17];
	cli_fmt_time(d->received, r);
	cli_fmt_time(d->due, du);
	cli_fmt_time(d->original_due, od);
	cli_fmt_time(d->finished, fi);
	cli_fmt_time(d->returned, re);
	printf("%s ", _("Dossier"));
	cli_put_safe(stdout, d->code);
	printf(" (%s %d/%d)\n", _("register no."), d->register_no, d->register_year);
	show_label(_("Procedure:"));
	cli_put_safe(stdout, d->procedure_code);
	printf(" - ");
	cli_put_safe(stdout, d->procedure_name);
	putchar('\n');
	show_label(_("Applicant:"));
	cli_put_safe(stdout, d->applicant_name);
	if (id_number) {
		printf(" (");
		cli_put_safe(stdout, id_number);
		printf(")");
	}
	putchar('\n');
	show_label(_("Channel:"));
	printf("%s\n", mc_channel_label(d->channel));
	show_label(_("Status:"));
	printf("%s\n", mc_dossier_status_label(d->status));
	show_label(_("Unit:"));
	cli_put_safe(stdout, d->unit_code);
	printf(" - ");
	cli_put_safe(stdout, d->unit_name);
	putchar('\n');
	show_label(_("Received:"));
	printf("%s\n", r);
	show_label(_("Due:"));
	printf("%s\n", du);
	/* An open dossier past its due: how late, as the screens say it. */
	int late = mc_dossier_status_open(d->status)
	                   ? mc_days_late(ctx->cal, d->due, mc_clock_now(ctx->clock))
	                   : 0;
	if (late > 0) {
		show_label(_("Delay:"));
		printf(_("%d working day(s) late"), late);
		putchar('\n');
	}
	if (d->original_due != d->due) {
		show_label(_("Original due:"));
		printf("%s\n", od);
	}
	if (d->finished != MC_TIME_NONE) {
		show_label(_("Result ready:"));
		printf("%s (%s, %s)\n", fi, d->result == MC_RESULT_REFUSED ? _("refused") : _("approved"),
		       outcome_label(d->outcome));
	}
	if (d->returned != MC_TIME_NONE) {
		show_label(_("Returned:"));
		printf("%s\n", re);
	}
	if (d->rating) {
		show_label(_("Rating:"));
		printf("%d\n", d->rating);
	}
	if (d->has_apology) {
		char nd[17];
		cli_fmt_time(d->apology.new_due, nd);
		show_label(_("Apology:"));
		printf("%s - ", nd);
		cli_put_safe(stdout, d->apology.reason);
		putchar('\n');
	}
	if (events) {
		mc_event *ev;
		size_t n;
		if (mc_dossier_events(ctx, d->code, &ev, &n, &e) == MC_OK) {
			printf("%s\n", _("History:"));
			for (size_t i = 0; i < n; i++) {
				char at[17];
				cli_fmt_time(ev[i].at, at);
				/* Stored text, even the short words: never raw to the terminal. */
				char *kind = mc_text_sanitize(mc_event_kind_label(ev[i].kind), 0);
				char *actor = mc_text_sanitize(ev[i].actor, 0);
				char *from = mc_text_sanitize(ev[i].from_unit[0] ? ev[i].from_unit : "-", 0);
				char *to = mc_text_sanitize(ev[i].to_unit[0] ? ev[i].to_unit : "-", 0);
				printf("  %s  ", at);
				cli_put_padded(kind ? kind : "", 20);
				printf(" %-8s %s -> %s  ", actor ? actor : "", from ? from : "", to ? to : "");
				free(kind);
				free(actor);
				free(from);
				free(to);
				cli_put_safe(stdout, ev[i].note);
				if (ev[i].step_outcome != MC_OUTCOME_NONE)
					printf(" [%s]", outcome_label(ev[i].step_outcome));
				putchar('\n');
			}
			free(ev);
		}
	}
	free(d);
	return CLI_OK;
}

static int need_code(mc_cli *cli, const char **code)
{
	*code = cli_arg(cli, 0);
	if (!*code)
		return cli_error(CLI_USAGE, "%s", _("the dossier code is missing; see motcua --help."));
	return CLI_OK;
}

/* Check the options (vals: the valued ones; no flags; one argument) and take the
 * dossier code, the first argument. False (message printed) on a usage error. */
static bool code_args(mc_cli *cli, const char *const *vals, const char **code)
{
	return cli_opts_check(cli, vals, NULL, 1) && need_code(cli, code) == CLI_OK;
}

/* Clear e and open the database read-write for a change. False (message printed) when
 * it cannot be opened. */
static bool change_open(mc_cli *cli, mc_ctx *ctx, mc_err *e)
{
	mc_err_clear(e);
	return cli_db_open(cli, ctx, 0);
}

/* code_args then change_open: CLI_OK with the database open, else CLI_USAGE or CLI_FAIL
 * (message printed, nothing open). */
static int change_begin(mc_cli *cli, const char *const *vals, const char **code, mc_ctx *ctx,
                        mc_err *e)
{
	if (!code_args(cli, vals, code))
		return CLI_USAGE;
	return change_open(cli, ctx, e) ? CLI_OK : CLI_FAIL;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* The applicant from --name --id --phone --address --email --tax-code --organisation
 * (intake and the counter logs take the same ones). */
static void applicant_opts(mc_cli *cli, mc_applicant_input *a)
{
	a->name = cli_opt(cli, "name");
	a->id_number = cli_opt(cli, "id");
	a->phone = cli_opt(cli, "phone");
	a->address = cli_opt(cli, "address");
	a->email = cli_opt(cli, "email");
	a->tax_code = cli_opt(cli, "tax-code");
	a->organisation = cli_flag(cli, "organisation");
}

/* ---- intake --------------------------------------------------------------- */

int cmd_intake(mc_cli *cli)
{
	static const char *const vals[] = {"procedure", "name", "id", "phone", "address", "email",
	                                   "tax-code", "channel", "sets", "note", NULL};
	static const char *const flags[] = {"organisation", "digitised", "paid-online", NULL};
	if (!cli_opts_check(cli, vals, flags, 0))
		return CLI_USAGE;
	mc_err e;
	mc_err_clear(&e);
	mc_intake_input in;
	memset(&in, 0, sizeof in);
	in.procedure_code = cli_opt(cli, "procedure");
	applicant_opts(cli, &in.applicant);
	in.digitised = cli_flag(cli, "digitised");
	in.paid_online = cli_flag(cli, "paid-online");
	in.note = cli_opt(cli, "note");
	in.channel = MC_CHANNEL_DIRECT;
	if (!in.procedure_code)
		return cli_error(CLI_USAGE, "%s", _("the procedure code is required (--procedure)."));
	const char *ch = cli_opt(cli, "channel");
	if (ch && mc_channel_parse(ch, &in.channel, &e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e.msg);
	const char *sets = cli_opt(cli, "sets");
	long nsets = 1;
	if (sets && !parse_int(sets, 1, 1000, &nsets))
		return cli_error(CLI_USAGE, _("--sets must be a whole number from 1 to 1000, not \"%s\"."),
		                 sets);
	in.sets = (int)nsets;

	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0))
		return CLI_FAIL;
	mc_intake_result r;
	mc_status s = mc_dossier_intake(&ctx, &in, &r, &e);
	cli_db_close(&ctx);
	if (s != MC_OK) {
		mc_intake_result_free(&r);
		return cli_fail(&e);
	}
	if (r.warning[0])
		cli_error(CLI_OK, _("warning: %s"), r.warning);
	if (cli->json) {
		printf("{\"code\": ");
		json_str(stdout, r.code);
		printf(", \"register_no\": %d, \"register_year\": %d, \"received\": ", r.register_no,
		       r.register_year);
		json_time(stdout, r.received);
		printf(", \"due\": ");
		json_time(stdout, r.due);
		printf(", \"trail\": ");
		json_trail(stdout, &r.trail);
		printf(", \"applicant_known\": %s, \"warning\": ", r.applicant_known ? "true" : "false");
		json_str(stdout, r.warning[0] ? r.warning : NULL);
		printf("}\n");
	} else {
		char rc[17], du[17];
		cli_fmt_time(r.received, rc);
		cli_fmt_time(r.due, du);
		printf(_("Dossier %s received at %s (register no. %d/%d).\n"), r.code, rc, r.register_no,
		       r.register_year);
		printf(_("Due: %s\n"), du);
		for (size_t i = 0; i < r.trail.n; i++) {
			printf("  - ");
			cli_put_safe(stdout, r.trail.lines[i]);
			putchar('\n');
		}
	}
	mc_intake_result_free(&r);
	return CLI_OK;
}

/* ---- counter logs --------------------------------------------------------- */

static int counter(mc_cli *cli, mc_counter_kind kind)
{
	static const char *const vals[] = {"procedure", "name", "id", "phone", "address", "email",
	                                   "tax-code", "reason", NULL};
	static const char *const flags[] = {"organisation", NULL};
	if (!cli_opts_check(cli, vals, flags, 0))
		return CLI_USAGE;
	mc_counter_input in;
	memset(&in, 0, sizeof in);
	in.kind = kind;
	in.procedure_code = cli_opt(cli, "procedure");
	applicant_opts(cli, &in.applicant);
	in.reason = cli_opt(cli, "reason");
	mc_ctx ctx;
	mc_err e;
	if (!change_open(cli, &ctx, &e))
		return CLI_FAIL;
	int64_t id;
	mc_status s = mc_counter_log(&ctx, &in, &id, &e);
	mc_time now = mc_clock_now(&cli->clock);
	cli_db_close(&ctx);
	if (s != MC_OK)
		return cli_fail(&e);
	if (cli->json) {
		printf("{\"id\": %lld, \"kind\": \"%s\", \"at\": ", (long long)id,
		       kind == MC_COUNTER_GUIDE ? "guide" : "refuse");
		json_time(stdout, now);
		printf("}\n");
	} else {
		printf(kind == MC_COUNTER_GUIDE
		               ? _("Guidance to complete the file recorded (form 02, no. %lld).\n")
		               : _("Refusal to receive recorded (form 03, no. %lld).\n"),
		       (long long)id);
	}
	return CLI_OK;
}

int cmd_guide(mc_cli *cli)
{
	return counter(cli, MC_COUNTER_GUIDE);
}

int cmd_refuse(mc_cli *cli)
{
	return counter(cli, MC_COUNTER_REFUSE);
}

/* ---- transitions ---------------------------------------------------------- */

/* Open, run, close, then print the dossier (show shape) or a sentence. */
static int after_change(mc_cli *cli, mc_ctx *ctx, const char *code, mc_status s, mc_err *e,
                        const char *done)
{
	if (s != MC_OK) {
		cli_db_close(ctx);
		return cli_fail(e);
	}
	int rc = CLI_OK;
	if (cli->json)
		rc = print_dossier(cli, ctx, code, true, false);
	else {
		cli_put_safe(stdout, done);
		putchar('\n');
	}
	cli_db_close(ctx);
	return rc;
}

int cmd_transfer(mc_cli *cli)
{
	static const char *const vals[] = {"to", "note", NULL};
	const char *code;
	if (!code_args(cli, vals, &code))
		return CLI_USAGE;
	const char *to = cli_opt(cli, "to");
	if (!to)
		return cli_error(CLI_USAGE, "%s", _("the receiving unit is required (--to)."));
	mc_ctx ctx;
	mc_err e;
	if (!change_open(cli, &ctx, &e))
		return CLI_FAIL;
	mc_transfer_result r;
	mc_status s = mc_dossier_transfer(&ctx, code, to, cli_opt(cli, "note"), &r, &e);
	char msg[512] = "";
	if (s == MC_OK) {
		char eff[17];
		cli_fmt_time(r.effective, eff);
		int n = snprintf(msg, sizeof msg, _("Dossier %s handed from %s to %s (counted from %s)."),
		                 code, r.from_unit, r.to_unit, eff);
		if (r.step_outcome != MC_OUTCOME_NONE && n > 0 && (size_t)n < sizeof msg)
			snprintf(msg + n, sizeof msg - (size_t)n, " %s %s.", _("Step finished:"),
			         outcome_label(r.step_outcome));
	}
	return after_change(cli, &ctx, code, s, &e, msg);
}

int cmd_supplement(mc_cli *cli)
{
	static const char *const vals[] = {"reason", NULL};
	const char *code;
	mc_ctx ctx;
	mc_err e;
	int rc = change_begin(cli, vals, &code, &ctx, &e);
	if (rc != CLI_OK)
		return rc;
	bool late = false;
	mc_status s = mc_dossier_supplement(&ctx, code, cli_opt(cli, "reason"), &late, &e);
	char msg[512];
	snprintf(msg, sizeof msg, "%s%s", _("Supplement requested; the dossier waits for the applicant."),
	         late ? _(" Note: the request is later than the configured days after receipt.") : "");
	return after_change(cli, &ctx, code, s, &e, msg);
}

int cmd_resume(mc_cli *cli)
{
	const char *code;
	mc_ctx ctx;
	mc_err e;
	int rc = change_begin(cli, NULL, &code, &ctx, &e);
	if (rc != CLI_OK)
		return rc;
	mc_time due = MC_TIME_NONE;
	mc_status s = mc_dossier_resume(&ctx, code, &due, &e);
	char msg[256], d[17];
	cli_fmt_time(due, d);
	snprintf(msg, sizeof msg, _("Supplement received; new due %s."), d);
	return after_change(cli, &ctx, code, s, &e, msg);
}

int cmd_finish(mc_cli *cli)
{
	static const char *const vals[] = {"result", NULL};
	const char *code;
	if (!code_args(cli, vals, &code))
		return CLI_USAGE;
	mc_err e;
	mc_err_clear(&e);
	mc_result result = MC_RESULT_APPROVED;
	const char *rs = cli_opt(cli, "result");
	if (rs && mc_result_parse(rs, &result, &e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e.msg);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0))
		return CLI_FAIL;
	mc_outcome o = MC_OUTCOME_NONE;
	mc_status s = mc_dossier_finish(&ctx, code, result, &o, &e);
	char msg[256];
	snprintf(msg, sizeof msg, _("Result of %s is ready (%s)."), code, outcome_label(o));
	return after_change(cli, &ctx, code, s, &e, msg);
}

int cmd_handover(mc_cli *cli)
{
	static const char *const vals[] = {"rating", NULL};
	const char *code;
	if (!code_args(cli, vals, &code))
		return CLI_USAGE;
	long rating = 0;
	const char *rs = cli_opt(cli, "rating");
	if (rs && !parse_int(rs, 1, 3, &rating))
		return cli_error(CLI_USAGE,
		                 _("--rating must be 1 (not satisfied), 2 (satisfied) or 3 (very "
		                   "satisfied), not \"%s\"."),
		                 rs);
	mc_ctx ctx;
	mc_err e;
	if (!change_open(cli, &ctx, &e))
		return CLI_FAIL;
	mc_status s = mc_dossier_handover(&ctx, code, (int)rating, &e);
	char msg[256];
	snprintf(msg, sizeof msg, _("Result of %s handed to the applicant."), code);
	return after_change(cli, &ctx, code, s, &e, msg);
}

static int close_cmd(mc_cli *cli, bool stop)
{
	static const char *const vals[] = {"reason", NULL};
	const char *code;
	mc_ctx ctx;
	mc_err e;
	int rc = change_begin(cli, vals, &code, &ctx, &e);
	if (rc != CLI_OK)
		return rc;
	mc_status s = stop ? mc_dossier_stop(&ctx, code, cli_opt(cli, "reason"), &e)
	                   : mc_dossier_withdraw(&ctx, code, cli_opt(cli, "reason"), &e);
	char msg[256];
	snprintf(msg, sizeof msg, stop ? _("Processing of %s stopped.") : _("Dossier %s withdrawn."),
	         code);
	return after_change(cli, &ctx, code, s, &e, msg);
}

int cmd_stop(mc_cli *cli)
{
	return close_cmd(cli, true);
}

int cmd_withdraw(mc_cli *cli)
{
	return close_cmd(cli, false);
}

int cmd_apologize(mc_cli *cli)
{
	static const char *const vals[] = {"reason", "new-due", "signer", "notified-by", NULL};
	const char *code;
	if (!code_args(cli, vals, &code))
		return CLI_USAGE;
	mc_err e;
	mc_err_clear(&e);
	mc_apology_input in;
	memset(&in, 0, sizeof in);
	in.reason = cli_opt(cli, "reason");
	in.signer = cli_opt(cli, "signer");
	in.new_due = MC_TIME_NONE;
	const char *nd = cli_opt(cli, "new-due");
	if (!nd)
		return cli_error(CLI_USAGE, "%s", _("the new due moment is required (--new-due)."));
	if (mc_time_parse(nd, &in.new_due, &e) != MC_OK)
		return cli_error(CLI_USAGE, "--new-due: %s", e.msg);
	const char *nb = cli_opt(cli, "notified-by");
	if (nb && mc_notify_parse(nb, &in.notified_by, &e) != MC_OK)
		return cli_error(CLI_USAGE, "%s", e.msg);
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0))
		return CLI_FAIL;
	mc_status s = mc_dossier_apologize(&ctx, code, &in, &e);
	char msg[256];
	snprintf(msg, sizeof msg, _("Apology recorded for %s; new due %s."), code, nd);
	return after_change(cli, &ctx, code, s, &e, msg);
}

/* ---- show and list -------------------------------------------------------- */

int cmd_show(mc_cli *cli)
{
	const char *code;
	if (!code_args(cli, NULL, &code))
		return CLI_USAGE;
	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, 0)) /* read-write: the access is logged */
		return CLI_FAIL;
	mc_err e;
	mc_err_clear(&e);
	/* Log first: personal data is shown only when its access is recorded. */
	if (mc_access_record(&ctx, code, MC_ACCESS_SHOW, &e) != MC_OK) {
		cli_db_close(&ctx);
		return cli_fail(&e);
	}
	int rc = print_dossier(cli, &ctx, code, true, true);
	cli_db_close(&ctx);
	return rc;
}


/* Print s cut to `cols` display columns on a character boundary, padded with spaces. */
static void print_cell(const char *s, int cols)
{
	int used = 0;
	size_t fit = mc_text_fit(s, cols - 1, &used);
	printf("%.*s%*s", (int)fit, s, cols - used, "");
}

int cmd_list(mc_cli *cli)
{
	static const char *const vals[] = {"status", "due-within", "search", "limit", "unit",
	                                   "channel", "field", "period", "after", "sort", NULL};
	static const char *const flags[] = {"overdue", "due-soon", "at-risk", "supplement",
	                                    "ready", "apology", "open", NULL};
	if (!cli_opts_check(cli, vals, flags, 0))
		return CLI_USAGE;
	mc_err e;
	mc_err_clear(&e);
	mc_query q;
	mc_query_init(&q);
	int kinds = 0;
	struct {
		const char *flag;
		mc_list_kind kind;
	} kmap[] = {{"overdue", MC_LIST_OVERDUE}, {"due-soon", MC_LIST_DUE_SOON},
	            {"at-risk", MC_LIST_AT_RISK}, {"supplement", MC_LIST_SUPPLEMENT},
	            {"ready", MC_LIST_READY},     {"apology", MC_LIST_APOLOGY},
	            {"open", MC_LIST_OPEN}};
	for (size_t i = 0; i < sizeof kmap / sizeof kmap[0]; i++)
		if (cli_flag(cli, kmap[i].flag)) {
			q.kind = kmap[i].kind;
			kinds++;
		}
	if (kinds > 1)
		return cli_error(CLI_USAGE, "%s",
		                 _("choose one of --overdue, --due-soon, --at-risk, --supplement, "
		                   "--ready, --apology and --open."));
	if (q.kind != MC_LIST_ALL)
		q.sort = MC_SORT_DUE;
	const char *v;
	if ((v = cli_opt(cli, "status"))) {
		mc_dossier_status st;
		if (mc_dossier_status_parse(v, &st, &e) != MC_OK)
			return cli_error(CLI_USAGE, "%s", e.msg);
		q.status = (int)st;
	}
	if ((v = cli_opt(cli, "channel"))) {
		mc_channel c;
		if (mc_channel_parse(v, &c, &e) != MC_OK)
			return cli_error(CLI_USAGE, "%s", e.msg);
		q.channel = (int)c;
	}
	long num;
	if ((v = cli_opt(cli, "due-within"))) {
		if (!parse_int(v, 0, 365, &num))
			return cli_error(CLI_USAGE,
			                 _("--due-within must be a number of working days from 0 to 365, "
			                   "not \"%s\"."),
			                 v);
		q.due_within_days = (int)num;
		q.sort = MC_SORT_DUE;
	}
	if ((v = cli_opt(cli, "limit"))) {
		if (!parse_int(v, 1, 1000, &num))
			return cli_error(CLI_USAGE, _("--limit must be from 1 to 1000, not \"%s\"."), v);
		q.limit = (int)num;
	}
	if ((v = cli_opt(cli, "sort"))) {
		if (strcmp(v, "due") == 0)
			q.sort = MC_SORT_DUE;
		else if (strcmp(v, "received") == 0)
			q.sort = MC_SORT_RECEIVED_DESC;
		else
			return cli_error(CLI_USAGE, _("--sort must be due or received, not \"%s\"."), v);
	}
	if ((v = cli_opt(cli, "after"))) {
		long long k, id;
		char extra;
		if (sscanf(v, "%lld:%lld%c", &k, &id, &extra) != 2)
			return cli_error(CLI_USAGE,
			                 _("--after takes the \"next\" value printed by the previous page, "
			                   "not \"%s\"."),
			                 v);
		q.after.set = true;
		q.after.key = k;
		q.after.id = id;
	}
	q.search = cli_opt(cli, "search");
	q.unit_code = cli_opt(cli, "unit");
	q.field = cli_opt(cli, "field");
	if ((v = cli_opt(cli, "period"))) { /* received in the period */
		mc_date from, to;
		if (mc_period_parse(v, &from, &to, &e) != MC_OK)
			return cli_error(CLI_USAGE, "%s", e.msg);
		q.received_from = mc_time_make(from, 0);
		q.received_to = mc_time_make(to + 1, 0);
	}

	mc_ctx ctx;
	if (!cli_db_open(cli, &ctx, MC_DB_READONLY))
		return CLI_FAIL;
	char field[MC_NAME_MAX];
	if (q.field) { /* a field of the catalogue; "ho tich" names "Hộ tịch" */
		if (mc_field_resolve(&ctx, q.field, field, sizeof field, &e) != MC_OK) {
			cli_db_close(&ctx);
			return cli_fail(&e);
		}
		q.field = field;
	}
	mc_dossier *page = calloc((size_t)q.limit, sizeof *page);
	if (!page) {
		cli_db_close(&ctx);
		return cli_error(CLI_FAIL, "%s", _("out of memory."));
	}
	size_t n;
	mc_cursor next;
	mc_status s = mc_dossier_list(&ctx, &q, page, &n, &next, &e);
	cli_db_close(&ctx);
	if (s != MC_OK) {
		free(page);
		return cli_fail(&e);
	}
	if (cli->json) {
		printf("{\"dossiers\": [");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",\n  {" : "\n  {");
			char masked[sizeof page[i].id_number];
			json_dossier_fields(stdout, &page[i],
			                    shown_id(cli, page[i].id_number, false, masked, sizeof masked));
			printf("}");
		}
		printf(n ? "\n], \"next\": " : "], \"next\": ");
		if (next.set)
			printf("\"%lld:%lld\"", (long long)next.key, (long long)next.id);
		else
			printf("null");
		printf("}\n");
	} else {
		if (n == 0)
			printf("%s\n", _("No dossiers."));
		else {
			print_cell(_("Dossier code"), 28);
			print_cell(_("Status"), 18);
			print_cell(_("Due"), 18);
			print_cell(_("Unit"), 7);
			printf("%s\n", _("Applicant"));
		}
		for (size_t i = 0; i < n; i++) {
			char du[17];
			cli_fmt_time(page[i].due, du);
			char *code = mc_text_sanitize(page[i].code, 0);
			char *unit = mc_text_sanitize(page[i].unit_code, 0);
			print_cell(code ? code : "", 28);
			print_cell(mc_dossier_status_label(page[i].status), 18);
			print_cell(du, 18);
			print_cell(unit ? unit : "", 7);
			free(code);
			free(unit);
			char *name = mc_text_sanitize(page[i].applicant_name, 0);
			if (name) {
				size_t fit = mc_text_fit(name, 30, NULL);
				printf("%.*s", (int)fit, name);
				free(name);
			}
			putchar('\n');
		}
		if (next.set)
			printf(_("More: --after %lld:%lld\n"), (long long)next.key, (long long)next.id);
	}
	free(page);
	return CLI_OK;
}
