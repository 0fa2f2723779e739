/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The PAR rubric and its scoring (include/motcua/par.h). Pure: parses the
 * rubric text with line numbers, scores rates by bands or proportionally with
 * exact integer arithmetic, sums the total and finds its band, and answers the
 * "what if" question for the next band. The format is documented in
 * data/par-rubric.md.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/par.h"

#define RUBRIC_FILE_MAX (1024 * 1024)
#define MAX_POINTS_MILLI ((int64_t)10000 * MC_PAR_POINT) /* 10,000 points per criterion */

struct mc_rubric {
	char source[512];
	mc_par_period period;
	mc_par_empty empty;
	mc_par_criterion *crit;
	size_t n, cap;
	mc_par_total_band bands[MC_PAR_MAX_BANDS];
	size_t nbands;
};

static const char *const metric_names[] = {
#define MC_X_NAME(name, text, label) text,
	MC_PAR_METRIC_LIST(MC_X_NAME)
#undef MC_X_NAME
};

static const char *const metric_labels[] = {
#define MC_X_LABEL(name, text, label) label,
	MC_PAR_METRIC_LIST(MC_X_LABEL)
#undef MC_X_LABEL
};

const char *mc_par_metric_name(mc_par_metric m)
{
	if ((int)m < 0 || m >= MC_PAR_METRIC_COUNT)
		return NULL;
	return metric_names[m];
}

const char *mc_par_metric_label(mc_par_metric m)
{
	if ((int)m < 0 || m >= MC_PAR_METRIC_COUNT)
		return NULL;
	return _(metric_labels[m]);
}

bool mc_par_metric_from_name(const char *name, mc_par_metric *out)
{
	for (int i = 0; i < MC_PAR_METRIC_COUNT; i++) {
		if (strcmp(name, metric_names[i]) == 0) {
			*out = (mc_par_metric)i;
			return true;
		}
	}
	return false;
}

/* ---- numbers ------------------------------------------------------------ */

bool mc_par_parse_milli(const char *s, int64_t *out)
{
	int64_t ip = 0, fp = 0;
	int idigits = 0, fdigits = 0;
	const char *p = s;
	if (!s)
		return false;
	while (*p >= '0' && *p <= '9') {
		if (++idigits > 12)
			return false;
		ip = ip * 10 + (*p - '0');
		p++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (++fdigits > 3)
				return false;
			fp = fp * 10 + (*p - '0');
			p++;
		}
		if (fdigits == 0)
			return false;
	}
	if (*p != '\0' || idigits == 0)
		return false;
	for (int i = fdigits; i < 3; i++)
		fp *= 10;
	*out = ip * 1000 + fp;
	return true;
}

void mc_par_format_milli(int64_t v, int decimals, char *buf, size_t size)
{
	static const int64_t pow10[] = {1, 10, 100, 1000};
	if (decimals < 0) {
		/* Shortest: 1.5, 2, 0.333. */
		mc_par_format_milli(v, 3, buf, size);
		char *dot = strchr(buf, '.');
		if (dot) {
			char *end = buf + strlen(buf) - 1;
			while (end > dot && *end == '0')
				*end-- = '\0';
			if (end == dot)
				*end = '\0';
		}
		return;
	}
	if (decimals > 3)
		decimals = 3;
	bool neg = v < 0;
	uint64_t a = neg ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
	uint64_t div = (uint64_t)pow10[3 - decimals];
	uint64_t q = (a + div / 2) / div;
	if (decimals == 0) {
		snprintf(buf, size, "%s%llu", neg && q ? "-" : "", (unsigned long long)q);
		return;
	}
	uint64_t scale = (uint64_t)pow10[decimals];
	snprintf(buf, size, "%s%llu.%0*llu", neg && q ? "-" : "", (unsigned long long)(q / scale),
	         decimals, (unsigned long long)(q % scale));
}

void mc_par_next_text(mc_par_metric m, const mc_par_next *nx, char *buf, size_t size)
{
	const char *more, *fewer;
	switch (m) {
	case MC_PAR_ONTIME_A:
	case MC_PAR_ONTIME_B:
	case MC_PAR_ONTIME_C:
		more = _("%lld more dossiers resolved on time");
		fewer = _(", or %lld fewer late ones among those counted");
		break;
	case MC_PAR_APOLOGY_COVERAGE:
		more = _("%lld more late dossiers with an apology");
		fewer = _(", or apologies for %lld more of the late dossiers counted");
		break;
	default:
		more = _("%lld more favourable dossiers");
		fewer = _(", or %lld fewer unfavourable ones among those counted");
		break;
	}
	if (!size)
		return;
	int n;
	if (nx->more_possible)
		n = snprintf(buf, size, more, (long long)nx->more);
	else
		n = snprintf(buf, size, "%s", _("out of reach by adding dossiers"));
	if (nx->fewer_possible && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, fewer, (long long)nx->fewer);
}

/* ceil(a / b) for a >= 0, b > 0. */
static int64_t ceil_div(int64_t a, int64_t b)
{
	return a <= 0 ? 0 : (a + b - 1) / b;
}

/* num/den >= threshold (thousandths of a percent), exactly. den > 0. */
static bool reaches(int64_t num, int64_t den, int64_t threshold)
{
	return num * MC_PAR_FULL_RATE >= threshold * den;
}

/* ---- the rubric parser -------------------------------------------------- */

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			p++;
			continue;
		}
		int n;
		uint32_t cp;
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			cp = *p & 0x07;
		} else {
			return false;
		}
		p++;
		for (int i = 0; i < n; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (*p & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
	}
	return true;
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static bool valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n >= MC_PAR_ID_MAX)
		return false;
	for (const char *p = s; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-' || *p == '.'))
			return false;
	}
	return true;
}

typedef struct parser {
	mc_rubric *r;
	const char *name;
	int line;
	mc_err *e;
	bool have_period, have_empty;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static mc_status fail(parser *ps, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return mc_err_set(ps->e, MC_ERR_INVALID, _("%s, line %d: %s"), ps->name, ps->line, what);
}

/* A threshold: "95", "97.5", "95%" (0..100). */
static bool parse_threshold(const char *s, int64_t *out)
{
	char buf[32];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof buf)
		return false;
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == '%')
		buf[n - 1] = '\0';
	int64_t v;
	if (!mc_par_parse_milli(trim(buf), &v) || v > MC_PAR_FULL_RATE)
		return false;
	*out = v;
	return true;
}

static mc_status parse_bands(parser *ps, mc_par_criterion *c, char *spec)
{
	char *save = NULL;
	c->nbands = 0;
	for (char *item = strtok_r(spec, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		char *t = trim(item);
		char *colon = strchr(t, ':');
		if (!colon)
			return fail(ps, _("band \"%s\" is not THRESHOLD:POINTS (e.g. \"95:half\")."), t);
		*colon = '\0';
		char *ts = trim(t), *pts = trim(colon + 1);
		mc_par_band b;
		if (!parse_threshold(ts, &b.threshold))
			return fail(ps, _("band threshold \"%s\" is not a percentage between 0 and 100 with at most 3 decimals."),
			            ts);
		if (strcmp(pts, "full") == 0)
			b.points = c->max;
		else if (strcmp(pts, "half") == 0)
			b.points = (c->max + 1) / 2;
		else if (!mc_par_parse_milli(pts, &b.points))
			return fail(ps, _("band points \"%s\" are not \"full\", \"half\" or a number with at most 3 decimals."),
			            pts);
		char pbuf[32], mbuf[32];
		if (b.points > c->max) {
			mc_par_format_milli(b.points, -1, pbuf, sizeof pbuf);
			mc_par_format_milli(c->max, -1, mbuf, sizeof mbuf);
			return fail(ps, _("band %s%% gives %s points, above the criterion's maximum of %s."), ts,
			            pbuf, mbuf);
		}
		if (c->nbands > 0) {
			const mc_par_band *prev = &c->bands[c->nbands - 1];
			if (b.threshold == prev->threshold)
				return fail(ps, _("bands overlap: two bands start at %s%%."), ts);
			if (b.threshold > prev->threshold)
				return fail(ps, _("bands are not in order: %s%% comes after a lower threshold; list them from the highest to the lowest."),
				            ts);
			if (b.points > prev->points)
				return fail(ps, _("band %s%% gives more points than the band above it."), ts);
		}
		if (c->nbands == MC_PAR_MAX_BANDS)
			return fail(ps, _("more than %d bands."), MC_PAR_MAX_BANDS);
		c->bands[c->nbands++] = b;
	}
	if (c->nbands == 0)
		return fail(ps, _("the criterion has no bands."));
	return MC_OK;
}

static mc_status parse_criterion(parser *ps, char **f, int nf)
{
	if (nf != 6)
		return fail(ps, _("a criterion needs 6 tab-separated fields (criterion, id, name, max, metric, scoring); found %d."),
		            nf);
	mc_par_criterion c;
	memset(&c, 0, sizeof c);
	c.line = ps->line;
	if (!valid_id(f[1]))
		return fail(ps, _("criterion id \"%s\" must be 1 to 31 letters, digits, '_', '-' or '.'."), f[1]);
	for (size_t i = 0; i < ps->r->n; i++)
		if (strcmp(ps->r->crit[i].id, f[1]) == 0)
			return fail(ps, _("duplicate criterion id \"%s\" (first on line %d)."), f[1],
			            ps->r->crit[i].line);
	snprintf(c.id, sizeof c.id, "%s", f[1]);
	if (!f[2][0] || strlen(f[2]) >= MC_PAR_NAME_MAX || !valid_utf8(f[2]))
		return fail(ps, _("the criterion name is empty, too long or not valid UTF-8."));
	snprintf(c.name, sizeof c.name, "%s", f[2]);
	if (!mc_par_parse_milli(f[3], &c.max) || c.max <= 0 || c.max > MAX_POINTS_MILLI)
		return fail(ps, _("maximum points \"%s\" must be a number above 0 and at most 10000, with at most 3 decimals."),
		            f[3]);
	if (!mc_par_metric_from_name(f[4], &c.metric)) {
		char list[400] = "";
		for (int i = 0; i < MC_PAR_METRIC_COUNT; i++) {
			if (i)
				strncat(list, ", ", sizeof list - strlen(list) - 1);
			strncat(list, metric_names[i], sizeof list - strlen(list) - 1);
		}
		return fail(ps, _("unknown metric \"%s\"; expected one of: %s."), f[4], list);
	}
	char *scoring = f[5];
	if (strcmp(scoring, "proportional") == 0) {
		c.scoring = MC_PAR_SCORE_PROPORTIONAL;
	} else if (strcmp(scoring, "points") == 0) {
		if (c.metric != MC_PAR_MANUAL)
			return fail(ps, _("scoring \"points\" is only for manual criteria; use bands or \"proportional\"."));
		c.scoring = MC_PAR_SCORE_POINTS;
	} else {
		c.scoring = MC_PAR_SCORE_BANDS;
		mc_status st = parse_bands(ps, &c, scoring);
		if (st != MC_OK)
			return st;
	}
	if (ps->r->n == ps->r->cap) {
		size_t cap = ps->r->cap ? ps->r->cap * 2 : 8;
		mc_par_criterion *nc = realloc(ps->r->crit, cap * sizeof *nc);
		if (!nc)
			return mc_err_set(ps->e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
		ps->r->crit = nc;
		ps->r->cap = cap;
	}
	ps->r->crit[ps->r->n++] = c;
	return MC_OK;
}

static mc_status parse_total_band(parser *ps, char **f, int nf)
{
	if (nf != 3)
		return fail(ps, _("a band of the total needs 3 tab-separated fields (band, name, threshold); found %d."),
		            nf);
	mc_rubric *r = ps->r;
	mc_par_total_band b;
	memset(&b, 0, sizeof b);
	b.line = ps->line;
	if (!f[1][0] || strlen(f[1]) >= MC_PAR_NAME_MAX || !valid_utf8(f[1]))
		return fail(ps, _("the band name is empty, too long or not valid UTF-8."));
	snprintf(b.name, sizeof b.name, "%s", f[1]);
	size_t n = strlen(f[2]);
	b.percent = n > 0 && f[2][n - 1] == '%';
	if (b.percent) {
		if (!parse_threshold(f[2], &b.threshold))
			return fail(ps, _("band threshold \"%s\" is not a percentage between 0 and 100 with at most 3 decimals."),
			            f[2]);
	} else if (!mc_par_parse_milli(f[2], &b.threshold)) {
		return fail(ps, _("band threshold \"%s\" is not a number of points (or a percentage ending in %%)."),
		            f[2]);
	}
	if (r->nbands > 0) {
		const mc_par_total_band *prev = &r->bands[r->nbands - 1];
		if (prev->percent != b.percent)
			return fail(ps, _("the bands of the total mix points and percentages; use one kind."));
		if (b.threshold == prev->threshold)
			return fail(ps, _("bands overlap: \"%s\" starts where \"%s\" starts."), b.name, prev->name);
		if (b.threshold > prev->threshold)
			return fail(ps, _("bands are not in order: \"%s\" has a higher threshold than \"%s\" above it; list them from the highest to the lowest."),
			            b.name, prev->name);
	}
	if (r->nbands == MC_PAR_MAX_BANDS)
		return fail(ps, _("more than %d bands."), MC_PAR_MAX_BANDS);
	r->bands[r->nbands++] = b;
	return MC_OK;
}

static mc_status parse_line(parser *ps, char *line)
{
	char *f[8];
	int nf = 0;
	char *p = line;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (nf == 8)
			return fail(ps, _("too many tab-separated fields."));
		if (tab)
			*tab = '\0';
		f[nf++] = trim(p);
		if (!tab)
			break;
		p = tab + 1;
	}
	const char *kind = f[0];
	if (strcmp(kind, "criterion") == 0)
		return parse_criterion(ps, f, nf);
	if (strcmp(kind, "band") == 0)
		return parse_total_band(ps, f, nf);
	if (strcmp(kind, "period") == 0) {
		if (nf != 2 || (strcmp(f[1], "calendar") != 0 && strcmp(f[1], "official") != 0))
			return fail(ps, _("\"period\" takes one value: calendar (1 Jan to 31 Dec) or official (15 Dec to 14 Dec)."));
		if (ps->have_period)
			return fail(ps, _("\"period\" is given twice."));
		ps->have_period = true;
		ps->r->period = strcmp(f[1], "official") == 0 ? MC_PAR_PERIOD_OFFICIAL : MC_PAR_PERIOD_CALENDAR;
		return MC_OK;
	}
	if (strcmp(kind, "empty") == 0) {
		if (nf != 2 || (strcmp(f[1], "full") != 0 && strcmp(f[1], "zero") != 0))
			return fail(ps, _("\"empty\" takes one value: full or zero."));
		if (ps->have_empty)
			return fail(ps, _("\"empty\" is given twice."));
		ps->have_empty = true;
		ps->r->empty = strcmp(f[1], "zero") == 0 ? MC_PAR_EMPTY_ZERO : MC_PAR_EMPTY_FULL;
		return MC_OK;
	}
	return fail(ps, _("the line does not parse: it must start with criterion, band, period or empty followed by a tab."));
}

/* Checks that need the whole file. */
static mc_status check_whole(parser *ps)
{
	mc_rubric *r = ps->r;
	if (r->n == 0)
		return mc_err_set(ps->e, MC_ERR_INVALID, _("%s: the rubric has no criterion."), ps->name);
	if (r->nbands == 0)
		return mc_err_set(ps->e, MC_ERR_INVALID, _("%s: the rubric has no band for the total (e.g. \"band\tTốt\t90%%\")."),
		                  ps->name);
	int64_t max = mc_rubric_max(r);
	for (size_t i = 0; i < r->nbands; i++) {
		const mc_par_total_band *b = &r->bands[i];
		if (!b->percent && b->threshold > max) {
			char t[32], m[32];
			mc_par_format_milli(b->threshold, -1, t, sizeof t);
			mc_par_format_milli(max, -1, m, sizeof m);
			ps->line = b->line;
			return fail(ps, _("band \"%s\" starts at %s points, above the rubric's maximum of %s."),
			            b->name, t, m);
		}
	}
	const mc_par_total_band *last = &r->bands[r->nbands - 1];
	if (last->threshold != 0) {
		ps->line = last->line;
		return fail(ps, _("the lowest band \"%s\" must start at 0 so that every total has a band."),
		            last->name);
	}
	return MC_OK;
}

mc_status mc_rubric_parse(const char *text, size_t len, const char *name, mc_rubric **out,
                          mc_err *e)
{
	*out = NULL;
	if (!name)
		name = "rubric";
	mc_rubric *r = calloc(1, sizeof *r);
	char *buf = malloc(len + 1);
	if (!r || !buf) {
		free(r);
		free(buf);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	snprintf(r->source, sizeof r->source, "%s", name);
	memcpy(buf, text, len);
	buf[len] = '\0';
	parser ps = {.r = r, .name = name, .line = 0, .e = e};
	mc_status st = MC_OK;
	if (memchr(text, '\0', len)) {
		st = mc_err_set(e, MC_ERR_INVALID, _("%s: the rubric contains a NUL byte; is it a text file?"), name);
		goto out;
	}
	char *p = buf;
	if ((unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb && (unsigned char)p[2] == 0xbf)
		p += 3;
	while (p && *p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		ps.line++;
		size_t n = strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			p[--n] = '\0';
		const char *q = p;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q != '\0' && *q != '#') {
			st = parse_line(&ps, p);
			if (st != MC_OK)
				goto out;
		}
		p = nl ? nl + 1 : NULL;
	}
	st = check_whole(&ps);
out:
	free(buf);
	if (st != MC_OK) {
		mc_rubric_free(r);
		return st;
	}
	*out = r;
	return MC_OK;
}

mc_status mc_rubric_load(const char *path, mc_rubric **out, mc_err *e)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_err_set(e, MC_ERR_IO, _("cannot open the rubric %s: %s."), path, strerror(errno));
	char *buf = malloc(RUBRIC_FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", mc_status_str(MC_ERR_NOMEM));
	}
	size_t n = fread(buf, 1, RUBRIC_FILE_MAX + 1, f);
	bool bad = ferror(f);
	fclose(f);
	mc_status st;
	if (bad)
		st = mc_err_set(e, MC_ERR_IO, _("cannot read the rubric %s."), path);
	else if (n > RUBRIC_FILE_MAX)
		st = mc_err_set(e, MC_ERR_INVALID, _("the rubric %s is larger than 1 MiB."), path);
	else
		st = mc_rubric_parse(buf, n, path, out, e);
	free(buf);
	return st;
}

void mc_rubric_free(mc_rubric *r)
{
	if (!r)
		return;
	free(r->crit);
	free(r);
}

size_t mc_rubric_count(const mc_rubric *r)
{
	return r->n;
}

const mc_par_criterion *mc_rubric_criterion(const mc_rubric *r, size_t i)
{
	return i < r->n ? &r->crit[i] : NULL;
}

const mc_par_criterion *mc_rubric_find(const mc_rubric *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->crit[i].id, id) == 0)
			return &r->crit[i];
	return NULL;
}

mc_par_period mc_rubric_period(const mc_rubric *r)
{
	return r->period;
}

mc_par_empty mc_rubric_empty(const mc_rubric *r)
{
	return r->empty;
}

int64_t mc_rubric_max(const mc_rubric *r)
{
	int64_t m = 0;
	for (size_t i = 0; i < r->n; i++)
		m += r->crit[i].max;
	return m;
}

size_t mc_rubric_band_count(const mc_rubric *r)
{
	return r->nbands;
}

const mc_par_total_band *mc_rubric_band(const mc_rubric *r, size_t i)
{
	return i < r->nbands ? &r->bands[i] : NULL;
}

const char *mc_rubric_source(const mc_rubric *r)
{
	return r->source;
}

mc_status mc_par_year_range(mc_par_period p, int year, mc_date *from, mc_date *to, mc_err *e)
{
	if (year <= MC_YEAR_MIN || year > MC_YEAR_MAX)
		return mc_err_set(e, MC_ERR_RANGE, _("year %d is out of range (%d to %d)."), year,
		                  MC_YEAR_MIN + 1, MC_YEAR_MAX);
	if (p == MC_PAR_PERIOD_OFFICIAL) {
		*from = mc_date_from_ymd(year - 1, 12, 15);
		*to = mc_date_from_ymd(year, 12, 14);
	} else {
		*from = mc_date_from_ymd(year, 1, 1);
		*to = mc_date_from_ymd(year, 12, 31);
	}
	return MC_OK;
}

/* ---- scoring ------------------------------------------------------------ */

int64_t mc_par_points_for_rate(const mc_par_criterion *c, int64_t rate)
{
	if (c->scoring == MC_PAR_SCORE_PROPORTIONAL)
		return (c->max * rate * 2 + MC_PAR_FULL_RATE) / (2 * MC_PAR_FULL_RATE);
	if (c->scoring == MC_PAR_SCORE_POINTS)
		return rate < 0 ? 0 : rate > c->max ? c->max : rate;
	for (size_t i = 0; i < c->nbands; i++)
		if (rate >= c->bands[i].threshold)
			return c->bands[i].points;
	return 0;
}

void mc_par_what_if(int64_t num, int64_t den, int64_t threshold, mc_par_next *out)
{
	const int64_t S = MC_PAR_FULL_RATE;
	int64_t need = threshold * den - S * num; /* > 0: short of the threshold */
	out->threshold = threshold;
	/* k more favourable: (num+k)*S >= t*(den+k)  <=>  k*(S-t) >= need. */
	if (threshold >= S) {
		out->more_possible = num == den;
		out->more = out->more_possible ? (den == 0 ? 1 : 0) : 0;
	} else {
		out->more_possible = true;
		out->more = ceil_div(need, S - threshold);
		if (den + out->more == 0)
			out->more = 1; /* a rate needs at least one case */
	}
	/* r converted: (num+r)*S >= t*den  <=>  r*S >= need. */
	out->fewer_possible = den > 0;
	out->fewer = den > 0 ? ceil_div(need, S) : 0;
}

/* The band above the current points: the lowest threshold paying more. */
static void next_band(const mc_par_criterion *c, int64_t points, int64_t num, int64_t den,
                      mc_par_next *out)
{
	memset(out, 0, sizeof *out);
	if (c->scoring != MC_PAR_SCORE_BANDS)
		return;
	const mc_par_band *best = NULL;
	for (size_t i = 0; i < c->nbands; i++)
		if (c->bands[i].points > points)
			best = &c->bands[i];
	if (!best)
		return;
	mc_par_what_if(num, den, best->threshold, out);
	out->exists = true;
	out->points = best->points;
}

static void result_init(mc_par_result *out, const mc_par_criterion *c)
{
	memset(out, 0, sizeof *out);
	out->crit = c;
	out->entered_at = MC_TIME_NONE;
}

mc_status mc_par_score_ratio(const mc_par_criterion *c, mc_par_empty empty, int64_t num,
                             int64_t den, mc_par_result *out, mc_err *e)
{
	result_init(out, c);
	if (num < 0 || den < 0 || num > den)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("criterion %s: the numerator %lld is not between 0 and the denominator %lld."),
		                  c->id, (long long)num, (long long)den);
	out->entered = true;
	out->num = num;
	out->den = den;
	if (den == 0) {
		out->has_value = false;
		out->points = empty == MC_PAR_EMPTY_FULL ? c->max : 0;
		next_band(c, out->points, 0, 0, &out->next);
		return MC_OK;
	}
	out->has_value = true;
	out->value = (num * MC_PAR_FULL_RATE * 2 + den) / (2 * den);
	if (c->scoring == MC_PAR_SCORE_PROPORTIONAL) {
		out->points = (c->max * num * 2 + den) / (2 * den);
	} else {
		out->points = 0;
		for (size_t i = 0; i < c->nbands; i++) {
			if (reaches(num, den, c->bands[i].threshold)) {
				out->points = c->bands[i].points;
				break;
			}
		}
	}
	next_band(c, out->points, num, den, &out->next);
	return MC_OK;
}

mc_status mc_par_score_manual(const mc_par_criterion *c, bool entered, int64_t value,
                              mc_par_result *out, mc_err *e)
{
	result_init(out, c);
	if (!entered)
		return MC_OK;
	char v[32], m[32];
	mc_par_format_milli(value, -1, v, sizeof v);
	if (c->scoring == MC_PAR_SCORE_POINTS) {
		if (value < 0 || value > c->max) {
			mc_par_format_milli(c->max, -1, m, sizeof m);
			return mc_err_set(e, MC_ERR_RANGE,
			                  _("criterion %s: %s points is not between 0 and the maximum %s."), c->id,
			                  v, m);
		}
	} else if (value < 0 || value > MC_PAR_FULL_RATE) {
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("criterion %s: %s %% is not a percentage between 0 and 100."), c->id, v);
	}
	out->entered = true;
	out->has_value = true;
	out->value = value;
	out->points = mc_par_points_for_rate(c, value);
	return MC_OK;
}

void mc_par_total(const mc_rubric *r, mc_par_scorecard *sc)
{
	sc->total = 0;
	sc->max = 0;
	sc->complete = true;
	for (size_t i = 0; i < sc->n; i++) {
		sc->total += sc->items[i].points;
		sc->max += sc->items[i].crit->max;
		if (!sc->items[i].entered)
			sc->complete = false;
	}
	sc->band[0] = '\0';
	for (size_t i = 0; i < r->nbands; i++) {
		const mc_par_total_band *b = &r->bands[i];
		bool ok = b->percent ? sc->total * MC_PAR_FULL_RATE >= b->threshold * sc->max
		                     : sc->total >= b->threshold;
		if (ok) {
			snprintf(sc->band, sizeof sc->band, "%s", b->name);
			break;
		}
	}
}

void mc_par_scorecard_free(mc_par_scorecard *sc)
{
	if (!sc)
		return;
	free(sc->items);
	sc->items = NULL;
	sc->n = 0;
}
