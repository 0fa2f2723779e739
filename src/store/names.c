/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Names of the dossier enumerations as stored in the database and printed in
 * JSON, their translated labels, and the parsers used by the command line.
 */
#include <string.h>

#include "motcua/dossier.h"
#include "motcua/i18n.h"

static const char *const status_names[] = {"received", "processing", "supplement", "ready",
                                           "returned", "stopped", "withdrawn"};
static const char *const status_labels[] = {N_("received"), N_("processing"),
                                            N_("waiting for supplement"), N_("result ready"),
                                            N_("returned"), N_("stopped"), N_("withdrawn")};
static const char *const channel_names[] = {"direct", "postal", "online"};
static const char *const channel_labels[] = {N_("in person"), N_("by post"), N_("online")};
static const char *const result_names[] = {NULL, "approved", "refused"};
static const char *const notify_names[] = {NULL, "phone", "sms", "email", "letter"};

/* A word as stored and its label for people. */
typedef struct name_label {
	const char *name, *label;
} name_label;

static const name_label event_kinds[] = {
	{"intake", N_("received")},       {"transfer", N_("sent to a unit")},
	{"supplement", N_("supplement asked")}, {"resume", N_("supplement received")},
	{"finish", N_("result ready")},   {"handover", N_("returned")},
	{"stop", N_("stopped")},          {"withdraw", N_("withdrawn")},
	{"apology", N_("apology")},       {"guide", N_("guidance slip")},
	{"refuse", N_("refusal")},        {"note", N_("note")},
};

static const name_label unit_kinds[] = {
	{"desk", N_("one-stop desk")},
	{"department", N_("department")},
	{"leadership", N_("leadership")},
};

/* The translated label of a stored word; an unknown word as is. */
static const char *label_of(const name_label *t, size_t n, const char *word)
{
	for (size_t i = 0; word && i < n; i++)
		if (strcmp(t[i].name, word) == 0)
			return _(t[i].label);
	return word ? word : "?";
}

const char *mc_event_kind_label(const char *kind)
{
	return label_of(event_kinds, sizeof event_kinds / sizeof event_kinds[0], kind);
}

const char *mc_unit_kind_label(const char *kind)
{
	return label_of(unit_kinds, sizeof unit_kinds / sizeof unit_kinds[0], kind);
}

const char *mc_dossier_status_name(mc_dossier_status s)
{
	return (unsigned)s < MC_DOSSIER_STATUS_COUNT ? status_names[s] : "?";
}

const char *mc_dossier_status_label(mc_dossier_status s)
{
	return (unsigned)s < MC_DOSSIER_STATUS_COUNT ? _(status_labels[s]) : "?";
}

const char *mc_channel_name(mc_channel c)
{
	return (unsigned)c < MC_CHANNEL_COUNT ? channel_names[c] : "?";
}

const char *mc_channel_label(mc_channel c)
{
	return (unsigned)c < MC_CHANNEL_COUNT ? _(channel_labels[c]) : "?";
}

const char *mc_result_name(mc_result r)
{
	return (unsigned)r <= MC_RESULT_REFUSED ? result_names[r] : NULL;
}

const char *mc_notify_name(mc_notify n)
{
	return (unsigned)n <= MC_NOTIFY_LETTER ? notify_names[n] : NULL;
}

bool mc_dossier_status_open(mc_dossier_status s)
{
	return s == MC_STATUS_RECEIVED || s == MC_STATUS_PROCESSING || s == MC_STATUS_SUPPLEMENT;
}

static int find(const char *const *names, int from, int count, const char *s)
{
	for (int i = from; i < count; i++)
		if (names[i] && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

mc_status mc_dossier_status_parse(const char *s, mc_dossier_status *out, mc_err *e)
{
	int i = s ? find(status_names, 0, MC_DOSSIER_STATUS_COUNT, s) : -1;
	if (i < 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("unknown status \"%s\"; use received, processing, supplement, "
		                    "ready, returned, stopped or withdrawn."),
		                  s ? s : "");
	*out = (mc_dossier_status)i;
	return MC_OK;
}

mc_status mc_channel_parse(const char *s, mc_channel *out, mc_err *e)
{
	int i = s ? find(channel_names, 0, MC_CHANNEL_COUNT, s) : -1;
	if (i < 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("unknown channel \"%s\"; use direct, postal or online."), s ? s : "");
	*out = (mc_channel)i;
	return MC_OK;
}

mc_status mc_result_parse(const char *s, mc_result *out, mc_err *e)
{
	int i = s ? find(result_names, 1, 3, s) : -1;
	if (i < 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("unknown result \"%s\"; use approved or refused."), s ? s : "");
	*out = (mc_result)i;
	return MC_OK;
}

mc_status mc_notify_parse(const char *s, mc_notify *out, mc_err *e)
{
	int i = s ? find(notify_names, 1, 5, s) : -1;
	if (i < 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("unknown way of notice \"%s\"; use phone, sms, email or letter."),
		                  s ? s : "");
	*out = (mc_notify)i;
	return MC_OK;
}
