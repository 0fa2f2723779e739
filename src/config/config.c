/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Loading motcua.ini: where to look, a strict line-by-line pre-pass (iniparser
 * gives no line numbers and skips junk), then iniparser for the values, each
 * checked by its row of the settings table (settings.c), then the checks that
 * involve several keys and the resolution of file paths. Also writes the
 * example file and the effective settings as text. This folder is the only
 * user of iniparser.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "config/settings.h"
#include "mc_build_config.h"
#include "motcua/config.h"
#include "motcua/i18n.h"
#include "motcua/mctime.h"
#include "motcua/validate.h"

#define MAX_LINE 1000            /* iniparser's own limit is 1024 */
#define MAX_FILE (1024 * 1024)   /* a configuration file is small */

/* ---- small helpers ----------------------------------------------------- */

static bool exists(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return true;
	/* Anything but "not there" (e.g. no permission) counts as present: reading will say why. */
	return errno != ENOENT && errno != ENOTDIR;
}

static bool copy_path(char *dst, size_t n, const char *a, const char *b)
{
	int k = snprintf(dst, n, "%s%s", a, b ? b : "");
	return k >= 0 && (size_t)k < n;
}

/* $XDG_<kind>_HOME if absolute, else $HOME/<fallback>; false when neither is set. */
static bool xdg_dir(const char *var, const char *fallback, char *buf, size_t n)
{
	const char *x = getenv(var);
	if (x && x[0] == '/')
		return copy_path(buf, n, x, NULL);
	const char *home = getenv("HOME");
	if (!home || !*home)
		return false;
	int k = snprintf(buf, n, "%s/%s", home, fallback);
	return k >= 0 && (size_t)k < n;
}

/* Minimal growing string (the core does not use stdio streams for output). */
typedef struct {
	char *s;
	size_t len, cap;
	bool oom;
} sbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_add(sbuf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		b->oom = true;
		return;
	}
	if (b->len + (size_t)k + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->len + (size_t)k + 1 > cap)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)k;
}

static char *sb_finish(sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		return calloc(1, 1);
	return b->s;
}

/* The text as quoted in a message: ~60 bytes, control bytes as '?' (mc_quote_value). */
static const char *shown(const char *in, char buf[80])
{
	return mc_quote_value(in, 60, buf);
}

/* ---- paths ------------------------------------------------------------- */

/* Installed data if present, else the source tree's (so it runs uninstalled). */
static void shipped(char *buf, size_t n, const char *installed_dir, const char *source_dir,
                    const char *name)
{
	char installed[MC_CFG_PATH];
	snprintf(installed, sizeof installed, "%s/%s", installed_dir, name);
	if (exists(installed))
		snprintf(buf, n, "%s", installed);
	else
		snprintf(buf, n, "%s/%s", source_dir, name);
}

/* The built-in location of an empty [files] key; false = stays empty. */
static bool default_path(const char *key, char *buf, size_t n)
{
	if (strcmp(key, "calendar") == 0)
		shipped(buf, n, MC_DATADIR, MC_SOURCE_DATADIR, "calendar");
	else if (strcmp(key, "catalogue") == 0)
		shipped(buf, n, MC_DATADIR, MC_SOURCE_DATADIR, "catalogue.csv");
	else if (strcmp(key, "rubric") == 0)
		shipped(buf, n, MC_DATADIR, MC_SOURCE_DATADIR, "par-rubric.tsv");
	else if (strcmp(key, "templates") == 0)
		shipped(buf, n, MC_DATADIR, MC_SOURCE_ASSETSDIR, "templates");
	else if (strcmp(key, "output_dir") == 0) {
		if (!xdg_dir("XDG_DATA_HOME", ".local/share", buf, n) ||
		    strlen(buf) + sizeof "/motcua/letters" > n)
			snprintf(buf, n, "motcua-letters");
		else
			strcat(buf, "/motcua/letters");
	} else
		return false;
	return true;
}

/* Expand "~/" and make a relative path relative to base_dir (may be NULL). */
static bool expand_path(const char *value, const char *base_dir, char *buf, size_t n)
{
	if (value[0] == '~' && (value[1] == '/' || value[1] == '\0')) {
		const char *home = getenv("HOME");
		if (!home || !*home)
			return false;
		return copy_path(buf, n, home, value + 1);
	}
	if (value[0] != '/' && base_dir && *base_dir) {
		int k = snprintf(buf, n, "%s/%s", base_dir, value);
		return k >= 0 && (size_t)k < n;
	}
	return copy_path(buf, n, value, NULL);
}

/* Resolve every [files] value of *c; on failure returns the offending row. */
static const mc_setting *resolve_paths(mc_config *c, const char *base_dir)
{
	for (size_t i = 0; i < mc_settings_count; i++) {
		const mc_setting *s = &mc_settings[i];
		if (s->type != MC_SET_PATH)
			continue;
		char *f = (char *)c + s->offset;
		char out[MC_CFG_PATH];
		if (!f[0]) {
			if (!default_path(s->key.name, out, sizeof out))
				continue;
		} else if (!expand_path(f, base_dir, out, sizeof out)) {
			return s;
		}
		if (strlen(out) >= s->size)
			return s;
		memcpy(f, out, strlen(out) + 1);
	}
	return NULL;
}

mc_status mc_config_database_path(const mc_config *c, char *buf, size_t n)
{
	if (c && c->database_path[0]) {
		if (!copy_path(buf, n, c->database_path, NULL))
			return MC_ERR_RANGE;
		return MC_OK;
	}
	char dir[MC_CFG_PATH];
	if (!xdg_dir("XDG_DATA_HOME", ".local/share", dir, sizeof dir))
		return MC_ERR_NOT_FOUND;
	int k = snprintf(buf, n, "%s/motcua/motcua.db", dir);
	return (k >= 0 && (size_t)k < n) ? MC_OK : MC_ERR_RANGE;
}

void mc_config_defaults(mc_config *c)
{
	mc_settings_apply_defaults(c);
	(void)resolve_paths(c, NULL);
}

/* ---- the strict pre-pass ----------------------------------------------- */

typedef struct {
	int line;      /* 0 = not in the file */
	char *value;   /* as the pre-pass read it */
} seen_key;

typedef struct {
	const char *path;
	seen_key *seen; /* one per row of mc_settings */
	mc_err *e;
} prepass;

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *trim(char *s)
{
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static bool is_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

/* The value part of "key = value" the way iniparser 4.1 reads it, or an error. */
static mc_status line_value(prepass *pp, int lineno, const char *section, const char *key,
                            char *v, char **out)
{
	char q = v[0];
	if (q == '"' || q == '\'') {
		char *close = strchr(v + 1, q);
		if (!close)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: [%s] %s: the value opens a quote (%c) that "
			                    "is never closed."),
			                  pp->path, lineno, section, key, q);
		char *rest = trim(close + 1);
		if (*rest && *rest != ';' && *rest != '#')
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: [%s] %s: only a comment (; or #) may follow "
			                    "the closing quote."),
			                  pp->path, lineno, section, key);
		*close = '\0';
		*out = v + 1;
		return MC_OK;
	}
	/* Unquoted: a ';' or '#' starts a comment. */
	v[strcspn(v, ";#")] = '\0';
	*out = trim(v);
	return MC_OK;
}

static mc_status prepass_run(prepass *pp, char *text, size_t len)
{
	char sec[64] = "";
	bool have_section = false;
	char v80[80];
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		return mc_err_set(pp->e, MC_ERR_CONFIG,
		                  _("%s, line 1: the file starts with a byte-order mark; save it as "
		                    "UTF-8 without BOM."),
		                  pp->path);
	int lineno = 0;
	char *p = text, *end = text + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *stop = nl ? nl : end;
		lineno++;
		if (memchr(p, '\0', (size_t)(stop - p)))
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: the line contains a NUL byte; this is not a "
			                    "text file."),
			                  pp->path, lineno);
		if (stop - p > MAX_LINE)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: the line is longer than %d bytes."), pp->path,
			                  lineno, MAX_LINE);
		*stop = '\0';
		char *line = trim(p);
		p = stop + 1;

		if (!*line || line[0] == ';' || line[0] == '#')
			continue;
		if (line[strlen(line) - 1] == '\\')
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: the line ends with a backslash; continuation "
			                    "lines are not supported (quote the value instead)."),
			                  pp->path, lineno);
		if (line[0] == '[') {
			size_t n = strlen(line);
			if (line[n - 1] != ']')
				return mc_err_set(pp->e, MC_ERR_CONFIG,
				                  _("%s, line %d: \"%s\" is not a section header; write "
				                    "[section] alone on its line."),
				                  pp->path, lineno, shown(line, v80));
			line[n - 1] = '\0';
			char *name = trim(line + 1);
			lower(name);
			if (!is_name(name) || !mc_section_known(name))
				return mc_err_set(pp->e, MC_ERR_CONFIG,
				                  _("%s, line %d: unknown section [%s]; the sections are "
				                    "%s."),
				                  pp->path, lineno, shown(name, v80), mc_section_list());
			snprintf(sec, sizeof sec, "%s", name);
			have_section = true;
			continue;
		}
		char *eq = strchr(line, '=');
		if (!eq)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: \"%s\" is neither \"key = value\" nor "
			                    "\"[section]\"."),
			                  pp->path, lineno, shown(line, v80));
		*eq = '\0';
		char *key = trim(line);
		lower(key);
		if (!*key)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: a value without a key; write \"key = value\"."),
			                  pp->path, lineno);
		if (!have_section)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: key \"%s\" comes before any [section]."),
			                  pp->path, lineno, shown(key, v80));
		const mc_setting *s = is_name(key) ? mc_setting_find(sec, key) : NULL;
		if (!s) {
			for (size_t i = 0; is_name(key) && i < mc_settings_count; i++)
				if (strcmp(mc_settings[i].key.name, key) == 0)
					return mc_err_set(pp->e, MC_ERR_CONFIG,
					                  _("%s, line %d: unknown key \"%s\" in section "
					                    "[%s]; it belongs in [%s]."),
					                  pp->path, lineno, key, sec,
					                  mc_settings[i].key.section);
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: unknown key \"%s\" in section [%s]."),
			                  pp->path, lineno, shown(key, v80), sec);
		}
		size_t idx = (size_t)(s - mc_settings);
		if (pp->seen[idx].line)
			return mc_err_set(pp->e, MC_ERR_CONFIG,
			                  _("%s, line %d: [%s] %s is set a second time (first on line "
			                    "%d)."),
			                  pp->path, lineno, sec, key, pp->seen[idx].line);
		char *value = NULL;
		mc_status st = line_value(pp, lineno, sec, key, trim(eq + 1), &value);
		if (st != MC_OK)
			return st;
		pp->seen[idx].line = lineno;
		pp->seen[idx].value = strdup(value);
		if (!pp->seen[idx].value)
			return mc_err_set(pp->e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	return MC_OK;
}

/* ---- checks across keys ------------------------------------------------ */

static int line_of(const seen_key *seen, const char *section, const char *name)
{
	const mc_setting *s = mc_setting_find(section, name);
	return s ? seen[s - mc_settings].line : 0;
}

static int max2(int a, int b)
{
	return a > b ? a : b;
}

static mc_status cross_check(const mc_config *c, const seen_key *seen, const char *path,
                             mc_err *e)
{
	char a[6], b[6];
	if (c->morning_open >= c->morning_close) {
		mc_hhmm_format(c->morning_open, a);
		mc_hhmm_format(c->morning_close, b);
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("%s, line %d: [hours] morning_open (%s) must be earlier than "
		                    "morning_close (%s)."),
		                  path,
		                  max2(line_of(seen, "hours", "morning_open"),
		                       line_of(seen, "hours", "morning_close")),
		                  a, b);
	}
	if (c->afternoon_open >= c->afternoon_close) {
		mc_hhmm_format(c->afternoon_open, a);
		mc_hhmm_format(c->afternoon_close, b);
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("%s, line %d: [hours] afternoon_open (%s) must be earlier than "
		                    "afternoon_close (%s)."),
		                  path,
		                  max2(line_of(seen, "hours", "afternoon_open"),
		                       line_of(seen, "hours", "afternoon_close")),
		                  a, b);
	}
	if (c->morning_close > c->afternoon_open) {
		mc_hhmm_format(c->morning_close, a);
		mc_hhmm_format(c->afternoon_open, b);
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("%s, line %d: [hours] the morning must end (morning_close %s) "
		                    "no later than the afternoon starts (afternoon_open %s)."),
		                  path,
		                  max2(line_of(seen, "hours", "morning_close"),
		                       line_of(seen, "hours", "afternoon_open")),
		                  a, b);
	}
	if (mc_code_pattern_uses_agency(c->code_pattern) && !c->agency_code[0])
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("%s, line %d: [agency] code is empty but [codes] pattern uses "
		                    "{agency}; set the agency identifier or remove {agency}."),
		                  path,
		                  max2(line_of(seen, "agency", "code"), line_of(seen, "codes", "pattern")));
	return MC_OK;
}

/* Files named explicitly in [files] that motcua reads must exist. */
static mc_status check_inputs(const mc_config *c, const seen_key *seen, const char *path,
                              mc_err *e)
{
	static const char *const inputs[] = {"calendar", "catalogue", "rubric", "templates"};
	char v80[80];
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		const mc_setting *s = mc_setting_find("files", inputs[i]);
		const seen_key *k = &seen[s - mc_settings];
		const char *f = (const char *)c + s->offset;
		struct stat st;
		if (k->line && k->value[0] && stat(f, &st) != 0)
			return mc_err_set(e, MC_ERR_CONFIG,
			                  _("%s, line %d: [files] %s: \"%s\" does not exist (%s)."), path,
			                  k->line, inputs[i], shown(f, v80), strerror(errno));
	}
	return MC_OK;
}

/* ---- loading one file -------------------------------------------------- */

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static mc_status read_text(const char *path, char **text, size_t *len, mc_err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return mc_err_set(e, MC_ERR_CONFIG,
			                  _("%s: the configuration file does not exist."), path);
		return mc_err_set(e, MC_ERR_CONFIG, _("%s: cannot read the configuration file: %s."),
		                  path, strerror(errno));
	}
	char *buf = malloc(MAX_FILE + 2);
	if (!buf) {
		fclose(f);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	size_t n = fread(buf, 1, MAX_FILE + 1, f);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		free(buf);
		return mc_err_set(e, MC_ERR_CONFIG, _("%s: cannot read the configuration file: %s."),
		                  path, strerror(err));
	}
	if (n > MAX_FILE) {
		free(buf);
		return mc_err_set(e, MC_ERR_CONFIG,
		                  _("%s: the configuration file is larger than %d bytes."), path,
		                  MAX_FILE);
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return MC_OK;
}

static mc_status load_file(mc_config *c, const char *path, mc_err *e)
{
	char *text = NULL;
	size_t len = 0;
	mc_status st = read_text(path, &text, &len, e);
	if (st != MC_OK)
		return st;

	seen_key *seen = calloc(mc_settings_count, sizeof *seen);
	if (!seen) {
		free(text);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	prepass pp = {path, seen, e};
	st = prepass_run(&pp, text, len);
	free(text);

	mc_config tmp;
	mc_settings_apply_defaults(&tmp);
	dictionary *d = NULL;
	if (st == MC_OK) {
		iniparser_set_error_callback(quiet);
		d = iniparser_load(path);
		if (!d)
			st = mc_err_set(e, MC_ERR_CONFIG,
			                _("%s: the INI parser could not read the file."), path);
	}
	for (size_t i = 0; st == MC_OK && i < mc_settings_count; i++) {
		const mc_setting *s = &mc_settings[i];
		if (!seen[i].line)
			continue; /* keeps its default */
		char key[128], why[400];
		snprintf(key, sizeof key, "%s:%s", s->key.section, s->key.name);
		const char *v = iniparser_getstring(d, key, NULL);
		if (!v || strcmp(v, seen[i].value) != 0) {
			st = mc_err_set(e, MC_ERR_CONFIG,
			                _("%s, line %d: [%s] %s: the value was read differently by the "
			                  "INI parser; put it in double quotes."),
			                path, seen[i].line, s->key.section, s->key.name);
			break;
		}
		if (!s->parse(s, v, &tmp, why, sizeof why))
			st = mc_err_set(e, MC_ERR_CONFIG, _("%s, line %d: [%s] %s: %s"), path,
			                seen[i].line, s->key.section, s->key.name, why);
	}
	if (d)
		iniparser_freedict(d);

	if (st == MC_OK)
		st = cross_check(&tmp, seen, path, e);
	if (st == MC_OK) {
		/* Relative paths are taken from the file's folder. */
		char dir[MC_CFG_PATH];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		else
			snprintf(dir, sizeof dir, ".");
		const mc_setting *bad = resolve_paths(&tmp, dir);
		if (bad)
			st = mc_err_set(e, MC_ERR_CONFIG,
			                _("%s, line %d: [%s] %s: the path is too long or ~ cannot be "
			                  "expanded (HOME is not set)."),
			                path, seen[bad - mc_settings].line, bad->key.section,
			                bad->key.name);
	}
	if (st == MC_OK)
		st = check_inputs(&tmp, seen, path, e);
	if (st == MC_OK && strlen(path) >= sizeof tmp.source_path)
		st = mc_err_set(e, MC_ERR_CONFIG, _("%s: the file name is too long."), path);
	if (st == MC_OK) {
		memcpy(tmp.source_path, path, strlen(path) + 1);
		*c = tmp;
	}
	for (size_t i = 0; i < mc_settings_count; i++)
		free(seen[i].value);
	free(seen);
	return st;
}

/* ---- lookup ------------------------------------------------------------ */

mc_status mc_config_load_from(mc_config *c, const char *path, const char *system_path,
                              mc_err *e)
{
	mc_config_defaults(c);
	if (path) {
		struct stat st;
		if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
			return mc_err_set(e, MC_ERR_CONFIG,
			                  _("%s: the configuration file does not exist."), path);
		return load_file(c, path, e);
	}
	char user[MC_CFG_PATH];
	if (xdg_dir("XDG_CONFIG_HOME", ".config", user, sizeof user) &&
	    strlen(user) + sizeof "/motcua/motcua.ini" <= sizeof user) {
		strcat(user, "/motcua/motcua.ini");
		if (exists(user))
			return load_file(c, user, e);
	}
	if (system_path && exists(system_path))
		return load_file(c, system_path, e);
	return MC_OK;
}

mc_status mc_config_load(mc_config *c, const char *path, mc_err *e)
{
	return mc_config_load_from(c, path, MC_CONFIG_SYSTEM_PATH, e);
}

/* ---- the table, to the outside ----------------------------------------- */

size_t mc_config_key_count(void)
{
	return mc_settings_count;
}

const mc_config_key *mc_config_key_at(size_t i)
{
	return i < mc_settings_count ? &mc_settings[i].key : NULL;
}

void mc_config_key_value(const mc_config *c, size_t i, char *buf, size_t n)
{
	if (i >= mc_settings_count) {
		if (n)
			buf[0] = '\0';
		return;
	}
	mc_setting_format(&mc_settings[i], c, buf, n);
}

/* ---- writing ----------------------------------------------------------- */

/* "key = value" with the value quoted when it is text. */
static void write_entry(sbuf *b, const mc_setting *s, const char *value)
{
	bool text = s->type == MC_SET_STR || s->type == MC_SET_CHOICE || s->type == MC_SET_PATH;
	if (!text)
		sb_add(b, "%s = %s\n", s->key.name, value);
	else if (strchr(value, '"'))
		sb_add(b, "%s = '%s'\n", s->key.name, value);
	else
		sb_add(b, "%s = \"%s\"\n", s->key.name, value);
}

/* A comment paragraph wrapped at 78 columns (counting characters, not bytes). */
static void write_comment(sbuf *b, const char *prefix, const char *text)
{
	const char *p = text;
	while (*p) {
		int col = 2 + (int)strlen(prefix);
		const char *line = p, *cut = NULL, *q = p;
		while (*q) {
			if (*q == ' ')
				cut = q;
			if (((unsigned char)*q & 0xc0) != 0x80)
				col++;
			if (col > 78 && cut)
				break;
			q++;
		}
		const char *lend = *q ? cut : q;
		sb_add(b, "; %s%.*s\n", line == text ? prefix : "", (int)(lend - line), line);
		p = *lend ? lend + 1 : lend;
		if (line == text && *prefix)
			prefix = "";
	}
}

static const char *const example_header[] = {
	"motcua.ini: settings of motcua, dossier tracking for the one-stop desk",
	"(Bộ phận Một cửa). Tệp cấu hình của motcua.",
	"",
	"motcua reads the file given with --config, else",
	"$XDG_CONFIG_HOME/motcua/motcua.ini (~/.config/motcua/motcua.ini), else",
	"/etc/motcua/motcua.ini, else it uses the built-in defaults, which are the",
	"values written below. Any key may be left out: it keeps its default.",
	"",
	"A line is \"[section]\", \"key = value\", a comment starting with ; or #, or",
	"empty. Put a value in double quotes when it contains ; or #. Text is UTF-8.",
	"An unknown section or key, a bad value or any other line stops motcua with",
	"the file, the line and the key in the message: nothing is guessed.",
	"",
	"Mỗi khóa có thể bỏ qua (giữ giá trị mặc định). Khóa hoặc giá trị sai làm",
	"chương trình dừng và báo tên tệp, số dòng, tên khóa.",
	"",
	"This file is the output of `motcua config example` (tests keep them equal).",
	NULL,
};

char *mc_config_example(void)
{
	sbuf b = {0};
	mc_config def;
	mc_settings_apply_defaults(&def);
	for (const char *const *h = example_header; *h; h++)
		sb_add(&b, *h[0] ? "; %s\n" : ";\n", *h);
	for (size_t k = 0; k < mc_sections_count; k++) {
		const mc_section_doc *sec = &mc_sections[k];
		sb_add(&b, "\n[%s]\n", sec->name);
		write_comment(&b, "", sec->doc);
		write_comment(&b, "(vi) ", sec->doc_vi);
		for (size_t i = 0; i < mc_settings_count; i++) {
			const mc_setting *s = &mc_settings[i];
			if (strcmp(s->key.section, sec->name) != 0)
				continue;
			char value[MC_CFG_PATH];
			mc_setting_format(s, &def, value, sizeof value);
			sb_add(&b, "\n");
			write_comment(&b, "", s->key.doc);
			write_comment(&b, "(vi) ", s->key.doc_vi);
			if (s->type == MC_SET_INT)
				sb_add(&b, "; Default: %s (allowed: %d to %d)\n", value, s->min, s->max);
			else if (s->type == MC_SET_STR || s->type == MC_SET_CHOICE ||
			         s->type == MC_SET_PATH)
				sb_add(&b, "; Default: \"%s\"\n", value);
			else
				sb_add(&b, "; Default: %s\n", value);
			write_entry(&b, s, value);
		}
	}
	return sb_finish(&b);
}

char *mc_config_format(const mc_config *c)
{
	sbuf b = {0};
	sb_add(&b, "; motcua: effective settings, read from %s\n",
	       c->source_path[0] ? c->source_path : "(built-in defaults)");
	for (size_t k = 0; k < mc_sections_count; k++) {
		sb_add(&b, "\n[%s]\n", mc_sections[k].name);
		for (size_t i = 0; i < mc_settings_count; i++) {
			const mc_setting *s = &mc_settings[i];
			if (strcmp(s->key.section, mc_sections[k].name) != 0)
				continue;
			char value[MC_CFG_PATH];
			if (s->offset == offsetof(mc_config, database_path)) {
				if (mc_config_database_path(c, value, sizeof value) != MC_OK)
					value[0] = '\0';
			} else {
				mc_setting_format(s, c, value, sizeof value);
			}
			write_entry(&b, s, value);
		}
	}
	return sb_finish(&b);
}
