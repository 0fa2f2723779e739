/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Letters for cases settled at the counter without a dossier: the guidance
 * to complete a file (form 02) and the refusal to receive (form 03), filled
 * from what the clerk typed (mc_counter_input, dossier.h) and the
 * configuration, rendered with the same templates as `motcua letter`
 * (forms.h, print.h) and optionally sent to the configured printer command.
 * Used by the intake screen of the terminal interface. Nothing here prints
 * to the terminal.
 */
#ifndef MOTCUA_LETTERS_H
#define MOTCUA_LETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "motcua/dossier.h"

/*
 * Write form 02 (in->kind MC_COUNTER_GUIDE; in->reason lists the missing
 * papers, separated by ";" or new lines, one table row each) or form 03
 * (MC_COUNTER_REFUSE; in->reason is the reasons) for the counter log entry
 * log_id. out_pdf NULL writes <output_dir>/<supplement|refusal>-counter-<log_id>.pdf
 * (the folder is created). With to_printer the file is then sent to
 * cfg->printer_command. The path written is copied to written (size wn)
 * when not NULL. The clerk is ctx->actor; the date is the clock's today.
 */
mc_status mc_letter_counter(const mc_ctx *ctx, const mc_counter_input *in, int64_t log_id,
                            const char *out_pdf, bool to_printer, char *written, size_t wn,
                            mc_err *e);

#endif
