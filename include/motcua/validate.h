/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Validators for typed identity fields (domain.md §7) and for the agency
 * identifier and dossier-code pattern of the configuration. Pure functions:
 * no allocation, no I/O. Each returns MC_OK with the normalised value in the
 * caller's buffer, or MC_ERR_INVALID with one translated sentence in *e
 * naming the value and what was expected. Outputs are written only on MC_OK.
 */
#ifndef MOTCUA_VALIDATE_H
#define MOTCUA_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/error.h"

/* Buffer sizes of the normalised forms (including the terminating NUL). */
#define MC_ID_NUMBER_SIZE 13 /* 12 digits */
#define MC_PHONE_SIZE 16     /* 10 or 11 digits */
#define MC_TAX_CODE_SIZE 16  /* "0123456789-001" */
#define MC_EMAIL_SIZE 255

/*
 * Personal ID number. Spaces are removed. 12 digits = CCCD / personal ID
 * "AAA B CC DDDDDD": the century/sex
 * digit B must be 0-3 (born 1900-2099); an AAA that is not a province code of
 * domain.md §7 sets *warn_unknown_prefix (may be NULL) but is accepted (people
 * born abroad carry a country code). 9 digits = old identity card (CMND).
 */
mc_status mc_validate_id_number(const char *in, char out[MC_ID_NUMBER_SIZE],
                                bool *warn_unknown_prefix, mc_err *e);

/* True when the 3-digit prefix of a 12-digit ID is a known province code. */
bool mc_id_province_known(const char *id12);

/*
 * Birth year and sex of a 12-digit personal ID already validated:
 * returns the year (1900..2099) and sets *female (may be NULL); -1 otherwise.
 */
int mc_id_birth_year(const char *id12, bool *female);

/*
 * Phone number, stored as text. Spaces, dots, dashes and parentheses are
 * removed; "+84"/"84" becomes "0". Mobile: 10 digits starting 03, 05, 07, 08,
 * 09. Landline: 11 digits starting 02.
 */
mc_status mc_validate_phone(const char *in, char out[MC_PHONE_SIZE], mc_err *e);

/*
 * Tax code: 10 digits; 10 digits + "-" + 3 digits for a dependent unit; or a
 * 12-digit personal ID (individuals since 1 July 2025). Spaces are removed.
 */
mc_status mc_validate_tax_code(const char *in, char out[MC_TAX_CODE_SIZE], mc_err *e);

/*
 * E-mail address, simple sanity only: trimmed, one "@", a non-empty local
 * part without spaces, a domain with a dot, letters, digits, dots and dashes.
 * The domain is lower-cased. out must hold outsz bytes (MC_EMAIL_SIZE is enough).
 */
mc_status mc_validate_email(const char *in, char *out, size_t outsz, mc_err *e);

/*
 * National electronic identifier of an agency (Decision 20/2020/QĐ-TTg):
 * "VVV.ZZ.YY.MXX", three digits, two, two, a capital letter and two digits,
 * e.g. 000.00.31.H29. A lower-case letter is upper-cased in out.
 */
mc_status mc_validate_agency_code(const char *in, char out[14], mc_err *e);

/*
 * Dossier-code pattern: literal characters (letters, digits, . _ - and other
 * visible ASCII except braces, slashes and spaces) and the placeholders
 * {agency} {yymmdd} {yyyy} {yy} {mm} {dd} {seq:N} (N = 1..9 digits). Exactly
 * one {seq:N} is required, and the date (either {yymmdd}, or a year with
 * {mm} and {dd}) because the sequence restarts every day.
 */
mc_status mc_validate_code_pattern(const char *pattern, mc_err *e);

/*
 * Expand a valid pattern for a date and sequence number into out (outsz
 * bytes). MC_ERR_RANGE when it does not fit or seq has more digits than N.
 */
mc_status mc_code_format(const char *pattern, const char *agency, int year, int month, int day,
                         long seq, char *out, size_t outsz, mc_err *e);

/* True when pattern contains the {agency} placeholder. */
bool mc_code_pattern_uses_agency(const char *pattern);

/*
 * A value as quoted in a message, written to buf (at least max + 4 bytes): at most max
 * bytes, cut on a UTF-8 boundary with "..." appended when longer, control bytes shown as
 * '?'; NULL as "". Returns buf.
 */
const char *mc_quote_value(const char *in, size_t max, char *buf);

#endif
