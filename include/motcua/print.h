/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Printed forms: renders a template (template.h) filled with form data into a
 * PDF with cairo and pango (src/print is the only folder that includes them),
 * in the Decree 30/2020 presentation: Liberation Serif embedded, text wrapped
 * and justified, paragraphs and tables flowing to the next page (table
 * header rows repeated), page numbers from the second page.
 *
 * Also sends a finished PDF to the configured printer command.
 * Nothing here prints to the terminal; errors are one sentence in mc_err.
 */
#ifndef MOTCUA_PRINT_H
#define MOTCUA_PRINT_H

#include <stdbool.h>

#include "motcua/config.h"
#include "motcua/error.h"
#include "motcua/template.h"

/* Optional override of the template's page settings (NULL = the template's). */
typedef struct mc_print_page {
	double width_mm, height_mm;
	double margin_top_mm, margin_right_mm, margin_bottom_mm, margin_left_mm;
} mc_print_page;

/* What a render produced, for callers and tests (may be NULL). */
typedef struct mc_print_info {
	int pages;
} mc_print_info;

/*
 * Render an expanded document to out_pdf. The file is written to a temporary
 * name beside out_pdf and renamed into place, so a failed render never leaves
 * a half-written PDF. MC_ERR_IO names the file when it cannot be written.
 */
mc_status mc_print_doc(const mc_doc *doc, const mc_print_page *page, const char *out_pdf,
                       mc_print_info *info, mc_err *e);

/*
 * Load template_path, expand it with data (an unknown or missing field is an
 * error naming the field and the template line) and render it to out_pdf.
 */
mc_status mc_print_render(const char *template_path, const mc_form_data *data,
                          const mc_print_page *page, const char *out_pdf, mc_print_info *info,
                          mc_err *e);

/*
 * Send a PDF to a printer: `command` (e.g. "lp -d PRINTER") is split on
 * blanks (single or double quotes group words; no shell is involved) and run
 * with pdf_path appended as the last argument. Fails with MC_ERR_IO naming
 * the command when it cannot be started or exits non-zero.
 */
mc_status mc_print_send(const char *command, const char *pdf_path, mc_err *e);

#endif
