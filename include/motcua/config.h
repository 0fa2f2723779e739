/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Settings. Every rule that domain.md marks [C2] or [M] lives here with a
 * sensible default. The loader (src/config, the only user of iniparser)
 * validates a file against the settings table and refuses to guess: a bad
 * key or value is reported with file, line and key.
 *
 * mc_config is a plain value; strings are fixed buffers, nothing to free.
 */
#ifndef MOTCUA_CONFIG_H
#define MOTCUA_CONFIG_H

#include <stdbool.h>

#include "motcua/error.h"

enum mc_supplement_mode { MC_SUPPLEMENT_RESTART, MC_SUPPLEMENT_PAUSE };
enum mc_judge_by { MC_JUDGE_BY_DATE, MC_JUDGE_BY_MINUTE };
enum mc_theme { MC_THEME_DARK, MC_THEME_LIGHT, MC_THEME_MONO };
enum mc_login_mode { MC_LOGIN_ACCOUNT, MC_LOGIN_PASSWORD }; /* who is acting: OS account or password */

#define MC_CFG_STR 256
#define MC_CFG_PATH 1024

typedef struct mc_config {
	/* [agency] */
	char agency_name[MC_CFG_STR];     /* issuing agency, e.g. "Sở Tư pháp tỉnh Đồng Nai" */
	char agency_code[64];             /* national electronic identifier, e.g. 000.00.31.H29 */
	char agency_short[64];            /* symbol used in document numbers, e.g. "STP" */
	char superior_name[MC_CFG_STR];   /* e.g. "UBND tỉnh Đồng Nai" */
	char desk_name[MC_CFG_STR];       /* e.g. "Bộ phận Một cửa" */
	char place_name[MC_CFG_STR];      /* place in letters: "Đồng Nai, ngày ..." */
	char agency_address[MC_CFG_STR];
	char agency_phone[64];

	/* [signer] */
	char head_title[MC_CFG_STR];      /* e.g. "GIÁM ĐỐC" */
	char head_name[MC_CFG_STR];
	char deputy_title[MC_CFG_STR];    /* e.g. "PHÓ GIÁM ĐỐC" (signs with "KT.") */
	char deputy_name[MC_CFG_STR];
	char apology_authority[16];       /* "", "KT.", "TL.", "TM.", "Q.", "TUQ." */
	char clerk_title[MC_CFG_STR];     /* e.g. "Công chức tiếp nhận" */

	/* [hours] minutes of the day */
	int morning_open, morning_close, afternoon_open, afternoon_close;
	bool weekend[7];                  /* indexed by weekday, 0 = Sunday */
	int hours_per_day;                /* one working day in hours, for budgets */

	/* [rules] */
	int handover_cutoff;              /* 15:00: hand-over after it moves to next day */
	int same_day_cutoff;              /* 15:00: default cut-off of same-day procedures */
	enum mc_supplement_mode supplement_mode;
	int supplement_days;              /* supplement request due within N working days */
	enum mc_judge_by judge_by;
	int due_soon_days;                /* "due soon" window in working days */
	int apology_days_before;          /* apology due N working days before due */
	bool makeup_saturdays;            /* make-up Saturdays count as working days */

	/* [codes] */
	char code_pattern[MC_CFG_STR];    /* "{agency}-{yymmdd}-{seq:4}" */

	/* [files] */
	char calendar_path[MC_CFG_PATH];  /* a file or a directory of *.tsv */
	char catalogue_path[MC_CFG_PATH];
	char rubric_path[MC_CFG_PATH];
	char database_path[MC_CFG_PATH];  /* empty: $XDG_DATA_HOME/motcua/motcua.db */
	char templates_dir[MC_CFG_PATH];  /* empty: the installed assets */
	char output_dir[MC_CFG_PATH];     /* where letters go without a printer */

	/* [ui] */
	char language[16];                /* "auto" (default: vi unless the locale asks for en), "vi", "en" */
	enum mc_theme theme;

	/* [print] */
	char printer_command[MC_CFG_STR]; /* e.g. "lp -d PRINTER"; empty = files only */

	/* [export] */
	int export_compression;           /* zlib level 1-9 of the workbook's zip container */

	/* [privacy] */
	bool mask_ids;
	int retention_years;

	/* [audit] */
	bool allow_backdated;             /* writes under --now allowed (marked) */
	enum mc_login_mode login;         /* identity: the OS account, or a password login */

	/* Where the values came from ("" = built-in defaults). */
	char source_path[MC_CFG_PATH];
} mc_config;

/* Fill *c with the built-in defaults (the same values data/motcua.ini documents). */
void mc_config_defaults(mc_config *c);

/*
 * Load settings. path: an explicit --config file (must exist) or NULL to search
 * $XDG_CONFIG_HOME/motcua/motcua.ini (else ~/.config/...), then
 * /etc/motcua/motcua.ini, else defaults. Any unknown section or key, bad value
 * or unparseable line fails with file, line and key in e->msg.
 */
mc_status mc_config_load(mc_config *c, const char *path, mc_err *e);

/* The system-wide file searched after the user's. */
#define MC_CONFIG_SYSTEM_PATH "/etc/motcua/motcua.ini"

/*
 * mc_config_load() with the system-wide path given (tests use a temporary
 * one). system_path NULL = no system-wide file. On success c->source_path
 * names the file read ("" for built-in defaults). Relative paths in [files]
 * are taken from the file's folder, "~/" from $HOME; empty file paths become
 * the installed data (else the source tree's data/ and assets/), output_dir
 * $XDG_DATA_HOME/motcua/letters. database_path stays "" unless set: see
 * mc_config_database_path(). On failure *c holds the defaults.
 */
mc_status mc_config_load_from(mc_config *c, const char *path, const char *system_path,
                              mc_err *e);

/*
 * The database file: c->database_path if set, else
 * $XDG_DATA_HOME/motcua/motcua.db, else ~/.local/share/motcua/motcua.db.
 * MC_ERR_NOT_FOUND when neither XDG_DATA_HOME nor HOME is set, MC_ERR_RANGE
 * when buf (n bytes) is too small.
 */
mc_status mc_config_database_path(const mc_config *c, char *buf, size_t n);

/* One documented key of the settings table (static storage, never freed). */
typedef struct mc_config_key {
	const char *section; /* "hours" */
	const char *name;    /* "morning_open" */
	const char *def;     /* default as written in the file, e.g. "07:30" */
	const char *doc;     /* English description (a msgid: show it with _()) */
	const char *doc_vi;  /* Vietnamese meaning, as in data/motcua.ini */
} mc_config_key;

/* Keys in file order; mc_config_key_at() returns NULL past the end. */
size_t mc_config_key_count(void);
const mc_config_key *mc_config_key_at(size_t i);
/* Value of key i in *c as it would be written in a file (unquoted). */
void mc_config_key_value(const mc_config *c, size_t i, char *buf, size_t n);

/*
 * The example file with every key at its default and its documentation:
 * exactly data/motcua.ini (a test keeps them equal). malloc'd; free().
 */
char *mc_config_example(void);

/* The effective settings of *c as an INI text (`motcua config show`). malloc'd. */
char *mc_config_format(const mc_config *c);

#endif
