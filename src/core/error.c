/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Status names and the error record. */
#include <stdarg.h>
#include <stdio.h>

#include "motcua/error.h"
#include "motcua/i18n.h"

static const char *const status_names[] = {
#define MC_X_NAME(name, text) #name,
	MC_STATUS_LIST(MC_X_NAME)
#undef MC_X_NAME
};

static const char *const status_texts[] = {
#define MC_X_TEXT(name, text) text,
	MC_STATUS_LIST(MC_X_TEXT)
#undef MC_X_TEXT
};

const char *mc_status_name(mc_status s)
{
	if ((unsigned)s >= MC_STATUS_COUNT)
		return "MC_UNKNOWN";
	return status_names[s];
}

const char *mc_status_str(mc_status s)
{
	if ((unsigned)s >= MC_STATUS_COUNT)
		return _("unknown error");
	return _(status_texts[s]);
}

mc_status mc_err_set(mc_err *e, mc_status code, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
	}
	return code;
}

void mc_err_clear(mc_err *e)
{
	if (e) {
		e->code = MC_OK;
		e->msg[0] = '\0';
	}
}
