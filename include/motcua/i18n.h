/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Translation macros. Message ids are English; Vietnamese (the default UI
 * language) comes from data/po/vi.po through gettext.
 */
#ifndef MOTCUA_I18N_H
#define MOTCUA_I18N_H

#include <libintl.h>

#define _(s) dgettext("motcua", s)
#define N_(s) (s)
#define P_(s, p, n) dngettext("motcua", s, p, n)

#endif
