/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Printing the forms of a dossier: fills the template fields
 * (assets/templates/README.md) from a dossier, its events and the
 * configuration, renders the PDF (print.h) and optionally sends it to the
 * configured printer command. Shared by `motcua letter` and the TUI.
 * Nothing here prints to the terminal.
 */
#ifndef MOTCUA_FORMS_H
#define MOTCUA_FORMS_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/dossier.h"
#include "motcua/template.h"

typedef enum mc_form_kind {
	MC_FORM_RECEIPT,    /* 01, A5, two copies */
	MC_FORM_SUPPLEMENT, /* 02, A5 */
	MC_FORM_REFUSAL,    /* 03, A5 */
	MC_FORM_APOLOGY,    /* 04, A4 letter */
	MC_FORM_STOP,       /* 05, A4 letter */
	MC_FORM_CONTROL,    /* 06, A4 */
	MC_FORM_REGISTER,   /* 07, A4 landscape, a period instead of a dossier */
	MC_FORM_KIND_COUNT
} mc_form_kind;

/* "receipt", "supplement", ... (the template file is <name>.tpl). */
const char *mc_form_kind_name(mc_form_kind k);
/* Translated label for menus, e.g. "Apology letter (form 04)". */
const char *mc_form_kind_label(mc_form_kind k);
/* Parse a kind name; an unknown word fails naming it and the accepted ones. */
mc_status mc_form_kind_parse(const char *s, mc_form_kind *out, mc_err *e);

typedef struct mc_form_options {
	int doc_number;          /* "Số: 05/..." ; <= 0 leaves room to write it by hand */
	const char *reason;      /* overrides the recorded reason (02, 03, 05); NULL = recorded */
	const char *legal_basis; /* form 05; NULL = a dotted line to fill by hand */
	mc_date from, to;        /* form 07: received in [from, to] (inclusive) */
} mc_form_options;

/*
 * Declare the table `list` in d and add one row per item of text (items separated by
 * ";" or new lines; leading spaces and dashes, trailing spaces and dots dropped; empty
 * items skipped): "name" is the item, "form", "originals", "certified" and "copies"
 * are left empty. text NULL gives an empty table. The rows are owned by d.
 */
mc_status mc_form_add_items(mc_form_data *d, const char *list, const char *text);

/*
 * As mc_form_add_items, for documents (form 01 "documents", form 02 "missing"): "name"
 * is the display name of the item (its bracket of copies left out, catalog.h), "form"
 * the copies in words ("2 bản chính, 1 bản chụp") and "originals", "certified",
 * "copies" the counts ("" where 0). The copies of an item come from the document of
 * catalogue (the procedure's list, one item per line as mc_procedure_documents gives
 * it; NULL for none) with the same display name, ignoring case and marks; else from
 * the item's own bracket; else they stay blank (free text, written by hand).
 */
mc_status mc_form_add_documents(mc_form_data *d, const char *list, const char *text,
                                const char *catalogue);

/* Create folder dir and its missing parents (mode 0700); fails naming the folder. */
mc_status mc_form_make_dirs(const char *dir, mc_err *e);

/*
 * Render d (filled for kind k; still the caller's) with the template of k into out_pdf,
 * copy out_pdf to written (size wn) when not NULL, and with to_printer send the file to
 * cfg->printer_command. Shared by mc_form_print and the counter letters (letters.h).
 */
mc_status mc_form_output(const mc_ctx *ctx, mc_form_kind k, const mc_form_data *d,
                         const char *out_pdf, bool to_printer, char *written, size_t wn,
                         mc_err *e);

/* Template path of a kind: cfg->templates_dir (or the shipped folder) + "/<name>.tpl". */
void mc_form_template_path(const mc_config *cfg, mc_form_kind k, char *buf, size_t n);

/*
 * Fill d with every field of form k for dossier `code` (ignored for the
 * register). Fails naming the dossier when it is unknown or when the form
 * does not apply (no apology recorded for form 04, not stopped for 05, ...).
 */
mc_status mc_form_fill(const mc_ctx *ctx, mc_form_kind k, const char *code,
                       const mc_form_options *o, mc_form_data *d, mc_err *e);

/*
 * Fill, render and (with to_printer) send to cfg->printer_command. out_pdf
 * NULL writes <output_dir>/<kind>-<code>.pdf (the folder is created); the
 * path written is copied to written (size wn) when not NULL.
 */
mc_status mc_form_print(const mc_ctx *ctx, mc_form_kind k, const char *code,
                        const mc_form_options *o, const char *out_pdf, bool to_printer,
                        char *written, size_t wn, mc_err *e);

#endif
