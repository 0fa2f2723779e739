/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Status codes and the error record every core function fills in.
 *
 * The core never prints or exits: it returns an mc_status and, when given an
 * mc_err, writes one translated sentence into it. Only src/cli and src/tui
 * turn that sentence into output.
 */
#ifndef MOTCUA_ERROR_H
#define MOTCUA_ERROR_H

#include <stddef.h>

#include "motcua/i18n.h"

/* One list generates the enum and its descriptions (kept in step by test_error). */
#define MC_STATUS_LIST(X) \
	X(MC_OK, N_("success")) \
	X(MC_ERR_INVALID, N_("invalid input")) \
	X(MC_ERR_NOT_FOUND, N_("not found")) \
	X(MC_ERR_STATE, N_("action not allowed in the current state")) \
	X(MC_ERR_EXISTS, N_("already exists")) \
	X(MC_ERR_CONFIG, N_("configuration error")) \
	X(MC_ERR_IO, N_("input/output error")) \
	X(MC_ERR_DB, N_("database error")) \
	X(MC_ERR_SCHEMA, N_("database schema is newer than this program")) \
	X(MC_ERR_BUSY, N_("database is busy")) \
	X(MC_ERR_DENIED, N_("permission denied")) \
	X(MC_ERR_NOMEM, N_("out of memory")) \
	X(MC_ERR_RANGE, N_("value out of range"))

typedef enum {
#define MC_X_ENUM(name, text) name,
	MC_STATUS_LIST(MC_X_ENUM)
#undef MC_X_ENUM
	MC_STATUS_COUNT
} mc_status;

/* Error record: a status and one sentence for the user. */
typedef struct mc_err {
	mc_status code;
	char msg[512];
} mc_err;

/* English name of the enum value, e.g. "MC_ERR_INVALID". */
const char *mc_status_name(mc_status s);
/* Translated short description of a status. */
const char *mc_status_str(mc_status s);

/*
 * Set *e (may be NULL) to code and a printf-style message; returns code so a
 * caller can write `return mc_err_set(e, MC_ERR_INVALID, ...)`.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
mc_status mc_err_set(mc_err *e, mc_status code, const char *fmt, ...);

/* Reset to MC_OK with an empty message. */
void mc_err_clear(mc_err *e);

#endif
