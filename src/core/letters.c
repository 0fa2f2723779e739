/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Forms 02 and 03 for counter cases without a dossier (letters.h): the
 * fields of assets/templates/supplement.tpl and refusal.tpl come from the
 * counter input, the procedure catalogue and the configuration; rendering
 * and printing go through mc_form_output (forms.h), as for the dossier forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/docdate.h"
#include "motcua/forms.h"
#include "motcua/i18n.h"
#include "motcua/letters.h"

/* A dotted line left to be filled in by hand, as on the dossier forms. */
static const char dots[] = "……………………………………";

typedef struct filler {
	mc_form_data *d;
	mc_status st;
} filler;

static void put(filler *f, const char *name, const char *value)
{
	if (f->st == MC_OK)
		f->st = mc_form_set(f->d, name, value && *value ? value : dots);
}

/* The missing documents, one row each, with the copies the catalogue requires (forms.h). */
static void put_missing(const mc_ctx *ctx, filler *f, const char *code, const char *text)
{
	if (f->st != MC_OK)
		return;
	char *docs = code && *code ? mc_procedure_documents(ctx, code, NULL) : NULL;
	f->st = mc_form_add_documents(f->d, "missing", text, docs);
	free(docs);
}

/* The catalogue name of a procedure code, or "" when unknown or not given. */
static void procedure_name(const mc_ctx *ctx, const char *code, char *out, size_t n)
{
	out[0] = '\0';
	if (!code || !*code)
		return;
	mc_procedure_row *rows = NULL;
	size_t nrows = 0;
	mc_err e;
	mc_err_clear(&e);
	if (mc_procedure_list(ctx, code, &rows, &nrows, &e) != MC_OK)
		return;
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].code, code) == 0) {
			snprintf(out, n, "%s", rows[i].name);
			break;
		}
	free(rows);
}

static mc_status fill(const mc_ctx *ctx, const mc_counter_input *in, mc_form_data *d, mc_err *e)
{
	const mc_config *cfg = ctx->cfg;
	filler f = {d, MC_OK};
	put(&f, "superior_name", cfg->superior_name);
	put(&f, "agency_name", cfg->agency_name);
	put(&f, "agency_short", cfg->agency_short);
	put(&f, "desk_name", cfg->desk_name);
	put(&f, "desk_phone", cfg->agency_phone);
	put(&f, "place_name", cfg->place_name);
	if (f.st == MC_OK)
		f.st = mc_form_set(d, "doc_no", "      "); /* written by hand, as forms.c does */
	mc_docdate p;
	mc_docdate_from_time(mc_clock_now(ctx->clock), &p);
	put(&f, "issue_day", p.day);
	put(&f, "issue_month", p.month);
	put(&f, "issue_year", p.year);
	put(&f, "applicant_name", in->applicant.name);
	put(&f, "applicant_address", in->applicant.address);
	put(&f, "applicant_phone", in->applicant.phone);
	put(&f, "applicant_email", in->applicant.email);
	/* No dossier is created at the counter: the code line stays to be crossed out. */
	put(&f, "dossier_code", NULL);
	char pname[MC_TEXT_MAX];
	procedure_name(ctx, in->procedure_code, pname, sizeof pname);
	put(&f, "procedure_name", pname);
	put(&f, "clerk_name", ctx->actor);
	put(&f, "reason", in->reason);
	if (in->kind == MC_COUNTER_GUIDE)
		put_missing(ctx, &f, in->procedure_code, in->reason);
	if (f.st != MC_OK)
		return mc_err_set(e, f.st, "%s", mc_status_str(f.st));
	return MC_OK;
}

mc_status mc_letter_counter(const mc_ctx *ctx, const mc_counter_input *in, int64_t log_id,
                            const char *out_pdf, bool to_printer, char *written, size_t wn,
                            mc_err *e)
{
	if (!ctx || !ctx->cfg || !in)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("internal error: incomplete context."));
	if (!in->applicant.name || !*in->applicant.name)
		return mc_err_set(e, MC_ERR_INVALID, "%s", _("the applicant's name is required."));
	if (!in->reason || !*in->reason)
		return mc_err_set(e, MC_ERR_INVALID, "%s",
		                  in->kind == MC_COUNTER_GUIDE
		                          ? _("list the missing papers for the guidance slip (form 02).")
		                          : _("give the reasons for the refusal slip (form 03)."));
	mc_form_kind kind = in->kind == MC_COUNTER_GUIDE ? MC_FORM_SUPPLEMENT : MC_FORM_REFUSAL;
	char path[MC_CFG_PATH + 128];
	if (!out_pdf) {
		const char *dir = ctx->cfg->output_dir[0] ? ctx->cfg->output_dir : ".";
		mc_status st = mc_form_make_dirs(dir, e);
		if (st != MC_OK)
			return st;
		snprintf(path, sizeof path, "%s/%s-counter-%lld.pdf", dir, mc_form_kind_name(kind),
		         (long long)log_id);
		out_pdf = path;
	}
	mc_form_data *d = mc_form_data_new();
	if (!d)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	mc_status st = fill(ctx, in, d, e);
	if (st == MC_OK)
		st = mc_form_output(ctx, kind, d, out_pdf, to_printer, written, wn, e);
	mc_form_data_free(d);
	return st;
}
