/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The working calendar. Days off and make-up working days come from TSV
 * files an administrator can edit (data/calendar/README.md); a year that no
 * file covers gets provisional holidays from the statutory list of the
 * Labour Code 2019 (Art. 112) with the next-working-day rule of Art. 111(3).
 *
 * After every change the calendar is compiled into per-day tables (flags,
 * a prefix count of working days and the list of working days) covering
 * MC_YEAR_MIN..MC_YEAR_MAX, so the due-date engine answers "n-th working
 * day after d" in O(1) without allocating.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/calendar_internal.h"
#include "motcua/i18n.h"
#include "motcua/lunar.h"

#define NYEARS (MC_YEAR_MAX - MC_YEAR_MIN + 1)
#define MAX_FILE_BYTES (4 * 1024 * 1024)

static const char *const weekday_names[7] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"),
                                             N_("Wednesday"), N_("Thursday"), N_("Friday"),
                                             N_("Saturday")};

const char *mc_weekday_name(int weekday)
{
	if (weekday < 0 || weekday > 6)
		return "?";
	return _(weekday_names[weekday]);
}

static bool year_ok(int y)
{
	return y >= MC_YEAR_MIN && y <= MC_YEAR_MAX;
}

static int date_year(mc_date d)
{
	int y;
	mc_date_to_ymd(d, &y, NULL, NULL);
	return y;
}

static int cmp_entry(const void *a, const void *b)
{
	const mc_cal_entry *x = a, *y = b;
	return (x->date > y->date) - (x->date < y->date);
}

/* ---- provisional statutory holidays ------------------------------------ */

typedef struct {
	mc_cal_entry *v;
	size_t n, cap;
} entry_vec;

static bool vec_push(entry_vec *v, const mc_cal_entry *e)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		mc_cal_entry *p = realloc(v->v, cap * sizeof *p);
		if (!p)
			return false;
		v->v = p;
		v->cap = cap;
	}
	v->v[v->n++] = *e;
	return true;
}

static void set_entry(mc_cal_entry *e, mc_date d, bool off, bool provisional, const char *name)
{
	e->date = d;
	e->off = off;
	e->provisional = provisional;
	snprintf(e->name, sizeof e->name, "%s", name);
}

/*
 * Weekday of 2 September -> offset of the adjacent day off (−1 = 1 Sep,
 * +1 = 3 Sep): the neighbouring weekday that joins the break to a weekend;
 * 1 September when neither does (Wednesday), as announced for 2026.
 */
static const int national_day_adjacent[7] = {+1, +1, -1, -1, +1, -1, -1};

/* Statutory holidays of one year (before the weekend rule), unsorted. */
static bool statutory_year(int y, entry_vec *out)
{
	mc_cal_entry e;
	char name[160], yname[32];
	set_entry(&e, mc_date_from_ymd(y, 1, 1), true, true, _("New Year's Day"));
	if (!vec_push(out, &e))
		return false;
	/* Tết: the last day of the lunar year and the 1st-4th of the new year. */
	mc_lunar_date tet = {1, 1, y, false};
	mc_date t;
	if (mc_lunar_to_solar(&tet, &t)) {
		mc_lunar_year_name(y, yname, sizeof yname);
		snprintf(name, sizeof name, _("Lunar New Year %s"), yname);
		for (int i = -1; i <= 3; i++) {
			set_entry(&e, t + i, true, true, name);
			if (!vec_push(out, &e))
				return false;
		}
	}
	mc_lunar_date hung = {10, 3, y, false};
	mc_date h;
	if (mc_lunar_to_solar(&hung, &h)) {
		set_entry(&e, h, true, true, _("Hung Kings Commemoration Day"));
		if (!vec_push(out, &e))
			return false;
	}
	set_entry(&e, mc_date_from_ymd(y, 4, 30), true, true, _("Reunification Day"));
	if (!vec_push(out, &e))
		return false;
	set_entry(&e, mc_date_from_ymd(y, 5, 1), true, true, _("International Labour Day"));
	if (!vec_push(out, &e))
		return false;
	mc_date nd = mc_date_from_ymd(y, 9, 2);
	set_entry(&e, nd, true, true, _("National Day"));
	if (!vec_push(out, &e))
		return false;
	set_entry(&e, nd + national_day_adjacent[mc_date_weekday(nd)], true, true,
	          _("National Day (adjacent day)"));
	if (!vec_push(out, &e))
		return false;
	if (y >= 2026) {
		set_entry(&e, mc_date_from_ymd(y, 11, 24), true, true, _("Vietnamese Culture Day"));
		if (!vec_push(out, &e))
			return false;
	}
	return true;
}

static bool in_vec(const entry_vec *v, mc_date d)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->v[i].date == d)
			return true;
	return false;
}

/*
 * Provisional days off of year y: the statutory holidays that fall on a
 * weekday, plus for each one that falls on a weekly rest day the next
 * weekday not already off (Art. 111(3)), taken in date order.
 */
static bool provisional_year(const mc_config *cfg, int y, entry_vec *out)
{
	entry_vec hol = {0};
	entry_vec taken = {0};
	bool ok = statutory_year(y, &hol);
	if (ok)
		qsort(hol.v, hol.n, sizeof *hol.v, cmp_entry);
	for (size_t i = 0; ok && i < hol.n; i++)
		ok = vec_push(&taken, &hol.v[i]);
	for (size_t i = 0; ok && i < hol.n; i++) {
		const mc_cal_entry *h = &hol.v[i];
		int wd = mc_date_weekday(h->date);
		if (!cfg->weekend[wd]) {
			ok = vec_push(out, h);
			continue;
		}
		mc_date x = h->date + 1;
		while (cfg->weekend[mc_date_weekday(x)] || in_vec(&taken, x))
			x++;
		mc_cal_entry c;
		char dm[11], name[160];
		mc_date_format_vn(h->date, dm);
		dm[5] = '\0'; /* "dd/mm" */
		snprintf(name, sizeof name, _("Day off in lieu of %s (%s %s)"), h->name,
		         mc_weekday_name(wd), dm);
		set_entry(&c, x, true, true, name);
		ok = vec_push(&taken, &c) && vec_push(out, &c);
	}
	free(hol.v);
	free(taken.v);
	return ok;
}

/* ---- compiled tables --------------------------------------------------- */

static bool weekend_day(const mc_calendar *c, mc_date d)
{
	return c->cfg.weekend[mc_date_weekday(d)];
}

/* Recompute eff, flags, cum and wd from file, prov and covered. */
static mc_status rebuild(mc_calendar *c, mc_err *e)
{
	mc_cal_entry *eff = malloc((c->nfile + c->nprov + 1) * sizeof *eff);
	if (!eff)
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while building the calendar."));
	size_t n = 0, i = 0, j = 0;
	while (i < c->nfile || j < c->nprov) {
		bool take_file = j >= c->nprov || (i < c->nfile && c->file[i].date <= c->prov[j].date);
		const mc_cal_entry *src = take_file ? &c->file[i++] : &c->prov[j++];
		int y = date_year(src->date);
		if (!year_ok(y))
			continue;
		bool cov = c->covered[y - MC_YEAR_MIN];
		if (take_file == cov)
			eff[n++] = *src;
	}
	free(c->eff);
	c->eff = eff;
	c->neff = n;

	int32_t nwd = 0;
	size_t k = 0;
	for (int32_t i2 = 0; i2 < c->ndays; i2++) {
		mc_date d = c->base + i2;
		uint8_t f;
		bool we = weekend_day(c, d);
		f = we ? MC_DAY_WEEKEND : MC_DAY_WORK;
		while (k < n && eff[k].date < d)
			k++;
		if (k < n && eff[k].date == d) {
			f |= CAL_LISTED;
			if (eff[k].provisional)
				f |= CAL_PROVISIONAL;
			if (eff[k].off) {
				if (!we)
					f = (uint8_t)((f & ~CAL_KIND_MASK) | MC_DAY_HOLIDAY);
			} else if (we) {
				f = (uint8_t)((f & ~CAL_KIND_MASK) | MC_DAY_MAKEUP);
			}
		}
		if (!c->covered[date_year(d) - MC_YEAR_MIN])
			f |= CAL_PROVISIONAL;
		unsigned kind = f & CAL_KIND_MASK;
		if (kind == MC_DAY_WORK || (kind == MC_DAY_MAKEUP && c->cfg.makeup_saturdays))
			f |= CAL_WORKING;
		c->flags[i2] = f;
		c->cum[i2] = nwd;
		if (f & CAL_WORKING)
			c->wd[nwd++] = d;
	}
	c->cum[c->ndays] = nwd;
	c->nwd = nwd;
	return MC_OK;
}

mc_calendar *mc_calendar_new(const mc_config *cfg, mc_err *e)
{
	const int mo = cfg->morning_open, mcl = cfg->morning_close;
	const int ao = cfg->afternoon_open, ac = cfg->afternoon_close;
	if (!(mo >= 0 && mo < mcl && mcl <= ao && ao < ac && ac <= MC_MIN_PER_DAY)) {
		char b1[6], b2[6], b3[6], b4[6];
		mc_hhmm_format(mo, b1);
		mc_hhmm_format(mcl, b2);
		mc_hhmm_format(ao, b3);
		mc_hhmm_format(ac, b4);
		mc_err_set(e, MC_ERR_CONFIG,
		           _("The office hours %s-%s and %s-%s are not in order: the morning must "
		             "open before it closes, and the afternoon open after the morning."),
		           b1, b2, b3, b4);
		return NULL;
	}
	bool any_work = false;
	for (int i = 0; i < 7; i++)
		any_work |= !cfg->weekend[i];
	if (!any_work) {
		mc_err_set(e, MC_ERR_CONFIG, _("Every day of the week is set as weekend."));
		return NULL;
	}
	mc_calendar *c = calloc(1, sizeof *c);
	if (!c) {
		mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while building the calendar."));
		return NULL;
	}
	c->cfg = *cfg;
	c->office_minutes = (mcl - mo) + (ac - ao);
	c->base = mc_date_from_ymd(MC_YEAR_MIN, 1, 1);
	c->ndays = mc_date_from_ymd(MC_YEAR_MAX + 1, 1, 1) - c->base;
	c->flags = malloc((size_t)c->ndays);
	c->cum = malloc(((size_t)c->ndays + 1) * sizeof *c->cum);
	c->wd = malloc((size_t)c->ndays * sizeof *c->wd);
	entry_vec prov = {0};
	bool ok = c->flags && c->cum && c->wd;
	for (int y = MC_YEAR_MIN; ok && y <= MC_YEAR_MAX; y++)
		ok = provisional_year(cfg, y, &prov);
	if (ok)
		qsort(prov.v, prov.n, sizeof *prov.v, cmp_entry);
	c->prov = prov.v;
	c->nprov = prov.n;
	if (!ok) {
		mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while building the calendar."));
		mc_calendar_free(c);
		return NULL;
	}
	if (rebuild(c, e) != MC_OK) {
		mc_calendar_free(c);
		return NULL;
	}
	return c;
}

void mc_calendar_free(mc_calendar *cal)
{
	if (!cal)
		return;
	free(cal->file);
	free(cal->prov);
	free(cal->eff);
	free(cal->flags);
	free(cal->cum);
	free(cal->wd);
	free(cal);
}

/* ---- parsing ----------------------------------------------------------- */

typedef struct {
	mc_cal_entry ent;
	char source[256];
	int line;
} parsed_line;

typedef struct {
	parsed_line *v;
	size_t n, cap;
} parsed_vec;

static bool pvec_push(parsed_vec *v, const parsed_line *p)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		parsed_line *q = realloc(v->v, cap * sizeof *q);
		if (!q)
			return false;
		v->v = q;
		v->cap = cap;
	}
	v->v[v->n++] = *p;
	return true;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

/* Parse one line (without its newline) into *out. Returns MC_OK, or an error naming source:line. */
static mc_status parse_line(const mc_config *cfg, char *line, const char *source, int lineno,
                            bool *skip, mc_cal_entry *out, mc_err *e)
{
	size_t len = strlen(line);
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	*skip = false;
	if (line[0] == '#' || blank(line)) {
		*skip = true;
		return MC_OK;
	}
	char *field[5];
	int nf = 0;
	char *p = line;
	field[nf++] = p;
	for (; *p; p++) {
		if (*p == '\t') {
			*p = '\0';
			if (nf == 5)
				break;
			field[nf++] = p + 1;
		}
	}
	if (nf != 4)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: expected 4 fields separated by tabs (date, off or "
		                    "work, name, confirmed or provisional), found %d."),
		                  source, lineno, nf > 4 ? 5 : nf);
	if (strcmp(field[0], "date") == 0 && strcmp(field[1], "kind") == 0) {
		*skip = true; /* the header row */
		return MC_OK;
	}
	mc_err sub;
	mc_date d;
	if (mc_date_parse(field[0], &d, &sub) != MC_OK)
		return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: %s"), source, lineno, sub.msg);
	bool off;
	if (strcmp(field[1], "off") == 0)
		off = true;
	else if (strcmp(field[1], "work") == 0)
		off = false;
	else
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: the kind \"%s\" must be \"off\" or \"work\"."),
		                  source, lineno, field[1]);
	bool provisional;
	if (strcmp(field[3], "confirmed") == 0)
		provisional = false;
	else if (strcmp(field[3], "provisional") == 0)
		provisional = true;
	else
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: the status \"%s\" must be \"confirmed\" or "
		                    "\"provisional\"."),
		                  source, lineno, field[3]);
	if (blank(field[2]))
		return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: the name is empty."), source,
		                  lineno);
	if (strlen(field[2]) >= sizeof out->name)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: the name is longer than %d bytes."), source, lineno,
		                  (int)sizeof out->name - 1);
	int wd = mc_date_weekday(d);
	if (!off && !cfg->weekend[wd])
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: %s is a %s, a normal working day; only a weekend "
		                    "day can be marked \"work\"."),
		                  source, lineno, field[0], mc_weekday_name(wd));
	set_entry(out, d, off, provisional, field[2]);
	return MC_OK;
}

static mc_status parse_text(const mc_config *cfg, const char *text, const char *source,
                            parsed_vec *out, mc_err *e)
{
	const char *p = text;
	if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
		p += 3; /* UTF-8 byte order mark */
	int lineno = 0;
	char buf[1024];
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len >= sizeof buf)
			return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: the line is too long."),
			                  source, lineno);
		memcpy(buf, p, len);
		buf[len] = '\0';
		if (memchr(buf, '\0', len))
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: the line contains a NUL byte."), source, lineno);
		bool skip;
		parsed_line pl;
		mc_status st = parse_line(cfg, buf, source, lineno, &skip, &pl.ent, e);
		if (st != MC_OK)
			return st;
		if (!skip) {
			snprintf(pl.source, sizeof pl.source, "%s", source);
			pl.line = lineno;
			if (!pvec_push(out, &pl))
				return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while reading %s."),
				                  source);
		}
		p = nl ? nl + 1 : p + len;
	}
	return MC_OK;
}

static int cmp_parsed(const void *a, const void *b)
{
	const parsed_line *x = a, *y = b;
	if (x->ent.date != y->ent.date)
		return (x->ent.date > y->ent.date) - (x->ent.date < y->ent.date);
	return strcmp(x->source, y->source) ? strcmp(x->source, y->source) : x->line - y->line;
}

/* Merge parsed lines into the calendar: all or nothing. */
static mc_status commit(mc_calendar *c, parsed_vec *pv, mc_err *e)
{
	if (pv->n) /* an empty or comment-only file has no array (qsort(NULL) is undefined) */
		qsort(pv->v, pv->n, sizeof *pv->v, cmp_parsed);
	for (size_t i = 0; i < pv->n; i++) {
		const parsed_line *pl = &pv->v[i];
		int y = date_year(pl->ent.date);
		char ds[11];
		mc_date_format(pl->ent.date, ds);
		if (!year_ok(y))
			return mc_err_set(e, MC_ERR_RANGE,
			                  _("%s, line %d: %s is outside the supported years %d-%d."),
			                  pl->source, pl->line, ds, MC_YEAR_MIN, MC_YEAR_MAX);
		if (i > 0 && pv->v[i - 1].ent.date == pl->ent.date)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: %s is listed twice (also %s, line %d)."),
			                  pl->source, pl->line, ds, pv->v[i - 1].source,
			                  pv->v[i - 1].line);
		mc_cal_entry key = {.date = pl->ent.date};
		if (c->nfile && bsearch(&key, c->file, c->nfile, sizeof key, cmp_entry))
			return mc_err_set(e, MC_ERR_EXISTS,
			                  _("%s, line %d: %s is already listed in a calendar file "
			                    "loaded before."),
			                  pl->source, pl->line, ds);
	}
	size_t need = c->nfile + pv->n;
	mc_cal_entry *file = realloc(c->file, (need ? need : 1) * sizeof *file);
	if (!file)
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while building the calendar."));
	c->file = file;
	c->capfile = need;
	/* Keep the old state to roll back if the rebuild fails. */
	size_t old_n = c->nfile;
	uint8_t old_cov[NYEARS];
	memcpy(old_cov, c->covered, sizeof old_cov);
	for (size_t i = 0; i < pv->n; i++) {
		c->file[c->nfile++] = pv->v[i].ent;
		c->covered[date_year(pv->v[i].ent.date) - MC_YEAR_MIN] = 1;
	}
	qsort(c->file, c->nfile, sizeof *c->file, cmp_entry);
	mc_status st = rebuild(c, e);
	if (st != MC_OK) {
		/* Drop the new entries again (they are the ones not in the old set). */
		mc_cal_entry *keep = c->file;
		size_t k = 0;
		for (size_t i = 0; i < c->nfile; i++) {
			bool is_new = false;
			for (size_t j = 0; j < pv->n && !is_new; j++)
				is_new = pv->v[j].ent.date == keep[i].date;
			if (!is_new)
				keep[k++] = keep[i];
		}
		c->nfile = old_n;
		memcpy(c->covered, old_cov, sizeof old_cov);
	}
	return st;
}

mc_status mc_calendar_load_text(mc_calendar *cal, const char *text, const char *source, mc_err *e)
{
	parsed_vec pv = {0};
	mc_status st = parse_text(&cal->cfg, text, source ? source : "calendar", &pv, e);
	if (st == MC_OK)
		st = commit(cal, &pv, e);
	free(pv.v);
	return st;
}

static mc_status read_file(const char *path, char **out, mc_err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_err_set(e, MC_ERR_IO, _("Cannot open the calendar file %s: %s."), path,
		                  strerror(errno));
	char *buf = malloc(MAX_FILE_BYTES + 1);
	if (!buf) {
		fclose(f);
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while reading %s."), path);
	}
	size_t n = fread(buf, 1, MAX_FILE_BYTES + 1, f);
	bool err = ferror(f);
	fclose(f);
	if (err) {
		free(buf);
		return mc_err_set(e, MC_ERR_IO, _("Cannot read the calendar file %s."), path);
	}
	if (n > MAX_FILE_BYTES) {
		free(buf);
		return mc_err_set(e, MC_ERR_INVALID, _("The calendar file %s is larger than %d MB."),
		                  path, MAX_FILE_BYTES / (1024 * 1024));
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		free(buf);
		return mc_err_set(e, MC_ERR_INVALID, _("The calendar file %s contains a NUL byte."),
		                  path);
	}
	*out = buf;
	return MC_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_tsv(const char *s)
{
	size_t n = strlen(s);
	return n > 4 && strcmp(s + n - 4, ".tsv") == 0;
}

mc_status mc_calendar_load(mc_calendar *cal, const char *path, mc_err *e)
{
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return mc_err_set(e, MC_ERR_IO, _("The calendar path %s does not exist: %s."),
		                  path ? path : "", strerror(errno));
	parsed_vec pv = {0};
	mc_status rc = MC_OK;
	if (S_ISDIR(st.st_mode)) {
		DIR *dir = opendir(path);
		if (!dir)
			return mc_err_set(e, MC_ERR_IO, _("Cannot open the calendar folder %s: %s."),
			                  path, strerror(errno));
		char **names = NULL;
		size_t n = 0, cap = 0;
		struct dirent *de;
		while (rc == MC_OK && (de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.' || !ends_with_tsv(de->d_name))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				char **q = realloc(names, cap * sizeof *q);
				if (!q) {
					rc = mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while reading %s."), path);
					break;
				}
				names = q;
			}
			size_t len = strlen(path) + strlen(de->d_name) + 2;
			names[n] = malloc(len);
			if (!names[n]) {
				rc = mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while reading %s."), path);
				break;
			}
			snprintf(names[n], len, "%s/%s", path, de->d_name);
			n++;
		}
		closedir(dir);
		if (rc == MC_OK && n == 0)
			rc = mc_err_set(e, MC_ERR_NOT_FOUND,
			                _("The calendar folder %s holds no .tsv file."), path);
		if (rc == MC_OK)
			qsort(names, n, sizeof *names, cmp_str);
		for (size_t i = 0; rc == MC_OK && i < n; i++) {
			char *text;
			rc = read_file(names[i], &text, e);
			if (rc == MC_OK) {
				rc = parse_text(&cal->cfg, text, names[i], &pv, e);
				free(text);
			}
		}
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	} else {
		char *text;
		rc = read_file(path, &text, e);
		if (rc == MC_OK) {
			rc = parse_text(&cal->cfg, text, path, &pv, e);
			free(text);
		}
	}
	if (rc == MC_OK)
		rc = commit(cal, &pv, e);
	free(pv.v);
	return rc;
}

/* ---- queries ----------------------------------------------------------- */

const mc_config *mc_calendar_config(const mc_calendar *cal)
{
	return &cal->cfg;
}

int mc_calendar_office_minutes(const mc_calendar *cal)
{
	return cal->office_minutes;
}

static const mc_cal_entry *find_eff(const mc_calendar *c, mc_date d)
{
	mc_cal_entry key = {.date = d};
	return c->neff ? bsearch(&key, c->eff, c->neff, sizeof key, cmp_entry) : NULL;
}

void mc_calendar_day(const mc_calendar *cal, mc_date d, mc_day_info *out)
{
	if (!cal_in_range(cal, d)) {
		/* Outside the table: weekly rest days only, flagged provisional. */
		bool we = weekend_day(cal, d);
		out->kind = we ? MC_DAY_WEEKEND : MC_DAY_WORK;
		out->working = !we;
		out->provisional = true;
		out->name = NULL;
		return;
	}
	uint8_t f = cal->flags[d - cal->base];
	out->kind = (mc_day_kind)(f & CAL_KIND_MASK);
	out->working = (f & CAL_WORKING) != 0;
	out->provisional = (f & CAL_PROVISIONAL) != 0;
	out->name = NULL;
	if (f & CAL_LISTED) {
		const mc_cal_entry *en = find_eff(cal, d);
		out->name = en ? en->name : NULL;
	}
}

bool mc_calendar_is_working_day(const mc_calendar *cal, mc_date d)
{
	if (!cal_in_range(cal, d))
		return !weekend_day(cal, d);
	return (cal->flags[d - cal->base] & CAL_WORKING) != 0;
}

bool mc_calendar_has_year(const mc_calendar *cal, int year)
{
	return year_ok(year) && cal->covered[year - MC_YEAR_MIN];
}

int32_t mc_calendar_working_days_between(const mc_calendar *cal, mc_date a, mc_date b)
{
	return cal_cum_before(cal, b + 1) - cal_cum_before(cal, a + 1);
}

void mc_calendar_day_reason(const mc_calendar *cal, mc_date d, char *buf, size_t size)
{
	mc_day_info di;
	mc_calendar_day(cal, d, &di);
	buf[0] = '\0';
	if (di.working)
		return;
	switch (di.kind) {
	case MC_DAY_WEEKEND:
		if (di.name)
			snprintf(buf, size, _("%s (weekend)"), di.name);
		else
			snprintf(buf, size, "%s", _("weekend"));
		break;
	case MC_DAY_HOLIDAY:
		if (di.provisional)
			snprintf(buf, size, _("%s (holiday, provisional)"), di.name ? di.name : "");
		else
			snprintf(buf, size, _("%s (holiday)"), di.name ? di.name : "");
		break;
	case MC_DAY_MAKEUP:
		snprintf(buf, size, _("%s (make-up working day, not counted by the settings)"),
		         di.name ? di.name : "");
		break;
	case MC_DAY_WORK:
		break;
	}
}

mc_status mc_calendar_year_days(const mc_calendar *cal, int year, mc_cal_entry **out, size_t *n,
                                mc_err *e)
{
	*out = NULL;
	*n = 0;
	if (!year_ok(year))
		return mc_err_set(e, MC_ERR_RANGE, _("The year %d is outside the supported years %d-%d."),
		                  year, MC_YEAR_MIN, MC_YEAR_MAX);
	mc_date from = mc_date_from_ymd(year, 1, 1), to = mc_date_from_ymd(year + 1, 1, 1);
	size_t count = 0;
	for (size_t i = 0; i < cal->neff; i++)
		if (cal->eff[i].date >= from && cal->eff[i].date < to)
			count++;
	mc_cal_entry *v = malloc((count ? count : 1) * sizeof *v);
	if (!v)
		return mc_err_set(e, MC_ERR_NOMEM, _("Out of memory while building the calendar."));
	size_t k = 0;
	for (size_t i = 0; i < cal->neff; i++)
		if (cal->eff[i].date >= from && cal->eff[i].date < to)
			v[k++] = cal->eff[i];
	*out = v;
	*n = k;
	return MC_OK;
}
