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

/* One list generates the enum and its descriptions (kept in step by test_error). */
#define MC_STATUS_LIST(X) \
	X(MC_OK, "success") \
	X(MC_ERR_INVALID, "invalid input") \
	X(MC_ERR_NOT_FOUND, "not found") \
	X(MC_ERR_STATE, "action not allowed in the current state") \
	X(MC_ERR_EXISTS, "already exists") \
	X(MC_ERR_CONFIG, "configuration error") \
	X(MC_ERR_IO, "input/output error") \
	X(MC_ERR_DB, "database error") \
	X(MC_ERR_SCHEMA, "database schema is newer than this program") \
	X(MC_ERR_BUSY, "database is busy") \
	X(MC_ERR_DENIED, "permission denied") \
	X(MC_ERR_NOMEM, "out of memory") \
	X(MC_ERR_RANGE, "value out of range")

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
