/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The settings table (internal to src/config): one row per key with its
 * section, name, type, default, parser and description. The defaults, the
 * example file data/motcua.ini, `motcua config show` and the validation of a
 * loaded file all come from these rows (after dunst's settings_data.h).
 * Nothing here needs iniparser.
 */
#ifndef MOTCUA_CONFIG_SETTINGS_H
#define MOTCUA_CONFIG_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/config.h"

typedef enum {
	MC_SET_STR,    /* text, NFC-normalised */
	MC_SET_CHOICE, /* text from a fixed list */
	MC_SET_PATH,   /* file or directory; "" = built-in location */
	MC_SET_INT,    /* whole number within [min, max] */
	MC_SET_BOOL,   /* yes / no */
	MC_SET_HHMM,   /* time of day "HH:MM" */
	MC_SET_ENUM,   /* word from a fixed list, stored as its index */
	MC_SET_DAYS,   /* list of day names */
} mc_setting_type;

typedef struct mc_setting mc_setting;

/*
 * Parse text into the row's field of *c. On failure write one translated
 * sentence naming the value into why (n bytes) and return false; *c is then
 * unchanged.
 */
typedef bool (*mc_setting_parse_fn)(const mc_setting *s, const char *text, mc_config *c,
                                    char *why, size_t n);

struct mc_setting {
	mc_config_key key; /* section, name, default, description (public part) */
	mc_setting_type type;
	mc_setting_parse_fn parse;
	size_t offset, size; /* the field in mc_config */
	int min, max;        /* MC_SET_INT */
	const char *const *choices; /* MC_SET_CHOICE / MC_SET_ENUM, NULL-terminated */
};

extern const mc_setting mc_settings[];
extern const size_t mc_settings_count;

typedef struct mc_section_doc {
	const char *name;
	const char *doc;    /* English, N_() */
	const char *doc_vi; /* Vietnamese, for the example file */
} mc_section_doc;

extern const mc_section_doc mc_sections[];
extern const size_t mc_sections_count;

/* Row of section/name (both lower case), or NULL. */
const mc_setting *mc_setting_find(const char *section, const char *name);
/* True when section names a known section. */
bool mc_section_known(const char *section);
/* Comma-separated list of the section names, for messages. */
const char *mc_section_list(void);

/* The current value of a row as it would be written in a file (unquoted). */
void mc_setting_format(const mc_setting *s, const mc_config *c, char *buf, size_t n);

/* Apply every row's default (paths stay "", i.e. not yet resolved). */
void mc_settings_apply_defaults(mc_config *c);

#endif
