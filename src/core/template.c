/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The form template engine (include/motcua/template.h): form data (named
 * fields and lists of rows), the parser of the line-oriented template markup
 * of assets/templates/README.md, and the expansion of a template with data
 * into an mc_doc. Pure C: no outside library, no output, no layout.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/template.h"
#include "motcua/text.h"

/* ---- small growable string ---------------------------------------------------- */

typedef struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
} sbuf;

static void sb_putn(sbuf *b, const char *p, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *s = realloc(b->s, cap);
		if (!s) {
			b->oom = true;
			return;
		}
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *p) { sb_putn(b, p, strlen(p)); }
static void sb_putc(sbuf *b, char c) { sb_putn(b, &c, 1); }

/* Take the string (never NULL unless out of memory). */
static char *sb_take(sbuf *b)
{
	if (b->oom) {
		free(b->s);
		return NULL;
	}
	if (!b->s)
		return strdup("");
	char *s = b->s;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* ---- sanitising --------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (n bytes left), 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t len;
	uint32_t cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

/* ---- form data ---------------------------------------------------------------- */

typedef struct field {
	char *name, *value;
} field;

struct mc_form_row {
	field *f;
	size_t n, cap;
};

typedef struct form_list {
	char *name;
	mc_form_row **rows;
	size_t n, cap;
} form_list;

struct mc_form_data {
	mc_form_row fields;
	form_list *lists;
	size_t nlists, caplists;
};

static bool name_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static void row_clear(mc_form_row *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->f[i].name);
		free(r->f[i].value);
	}
	free(r->f);
}

mc_form_data *mc_form_data_new(void)
{
	return calloc(1, sizeof(mc_form_data));
}

void mc_form_data_free(mc_form_data *d)
{
	if (!d)
		return;
	row_clear(&d->fields);
	for (size_t i = 0; i < d->nlists; i++) {
		for (size_t j = 0; j < d->lists[i].n; j++) {
			row_clear(d->lists[i].rows[j]);
			free(d->lists[i].rows[j]);
		}
		free(d->lists[i].rows);
		free(d->lists[i].name);
	}
	free(d->lists);
	free(d);
}

static const char *row_get(const mc_form_row *r, const char *name)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return r->f[i].value;
	return NULL;
}

mc_status mc_form_row_set(mc_form_row *r, const char *name, const char *value)
{
	if (!r || !name_ok(name))
		return MC_ERR_INVALID;
	/* control characters out (mc_text_sanitize), then NFC */
	char *clean = mc_text_sanitize(value ? value : "", MC_TEXT_KEEP_NEWLINES);
	char *v = clean ? mc_text_nfc(clean) : NULL;
	free(clean);
	if (!v)
		return MC_ERR_NOMEM;
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->f[i].name, name) == 0) {
			free(r->f[i].value);
			r->f[i].value = v;
			return MC_OK;
		}
	}
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 16;
		field *f = realloc(r->f, nc * sizeof *f);
		if (!f) {
			free(v);
			return MC_ERR_NOMEM;
		}
		r->f = f;
		r->cap = nc;
	}
	char *nm = strdup(name);
	if (!nm) {
		free(v);
		return MC_ERR_NOMEM;
	}
	r->f[r->n].name = nm;
	r->f[r->n].value = v;
	r->n++;
	return MC_OK;
}

static mc_status row_vsetf(mc_form_row *r, const char *name, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return MC_ERR_INVALID;
	char *buf = malloc((size_t)n + 1);
	if (!buf)
		return MC_ERR_NOMEM;
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	mc_status st = mc_form_row_set(r, name, buf);
	free(buf);
	return st;
}

mc_status mc_form_row_setf(mc_form_row *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mc_status st = row_vsetf(r, name, fmt, ap);
	va_end(ap);
	return st;
}

mc_status mc_form_set(mc_form_data *d, const char *name, const char *value)
{
	return d ? mc_form_row_set(&d->fields, name, value) : MC_ERR_INVALID;
}

mc_status mc_form_setf(mc_form_data *d, const char *name, const char *fmt, ...)
{
	if (!d)
		return MC_ERR_INVALID;
	va_list ap;
	va_start(ap, fmt);
	mc_status st = row_vsetf(&d->fields, name, fmt, ap);
	va_end(ap);
	return st;
}

const char *mc_form_get(const mc_form_data *d, const char *name)
{
	return d ? row_get(&d->fields, name) : NULL;
}

static form_list *find_list(const mc_form_data *d, const char *name)
{
	for (size_t i = 0; d && i < d->nlists; i++)
		if (strcmp(d->lists[i].name, name) == 0)
			return &d->lists[i];
	return NULL;
}

static form_list *get_list(mc_form_data *d, const char *name)
{
	if (!d || !name_ok(name))
		return NULL;
	form_list *l = find_list(d, name);
	if (l)
		return l;
	if (d->nlists == d->caplists) {
		size_t nc = d->caplists ? d->caplists * 2 : 4;
		form_list *nl = realloc(d->lists, nc * sizeof *nl);
		if (!nl)
			return NULL;
		d->lists = nl;
		d->caplists = nc;
	}
	l = &d->lists[d->nlists];
	memset(l, 0, sizeof *l);
	l->name = strdup(name);
	if (!l->name)
		return NULL;
	d->nlists++;
	return l;
}

mc_status mc_form_list(mc_form_data *d, const char *name)
{
	if (!name_ok(name))
		return MC_ERR_INVALID;
	return get_list(d, name) ? MC_OK : MC_ERR_NOMEM;
}

mc_form_row *mc_form_add_row(mc_form_data *d, const char *list)
{
	form_list *l = get_list(d, list);
	if (!l)
		return NULL;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		mc_form_row **nr = realloc(l->rows, nc * sizeof *nr);
		if (!nr)
			return NULL;
		l->rows = nr;
		l->cap = nc;
	}
	mc_form_row *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	l->rows[l->n++] = r;
	return r;
}

mc_status mc_form_list_reverse(mc_form_data *d, const char *list)
{
	form_list *l = find_list(d, list);
	if (!l)
		return MC_ERR_NOT_FOUND;
	for (size_t i = 0, j = l->n; i + 1 < j; i++, j--) {
		mc_form_row *t = l->rows[i];
		l->rows[i] = l->rows[j - 1];
		l->rows[j - 1] = t;
	}
	return MC_OK;
}

long mc_form_list_len(const mc_form_data *d, const char *list)
{
	const form_list *l = find_list(d, list);
	return l ? (long)l->n : -1;
}

/* ---- template parsing ----------------------------------------------------------- */

typedef struct src_line {
	int no;
	char *text;
} src_line;

typedef struct tpl_block {
	mc_tpl_kind kind;
	int line;
	bool is_title;
	mc_tpl_style style;
	double space_mm;
	src_line *lines;
	size_t n, cap;
} tpl_block;

struct mc_template {
	char *name;
	mc_tpl_page page;
	char **copies;
	size_t ncopies;
	tpl_block *blocks;
	size_t n, cap;
};

const mc_tpl_page *mc_template_page(const mc_template *t) { return &t->page; }
const char *mc_template_name(const mc_template *t) { return t->name; }

void mc_template_free(mc_template *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++) {
		for (size_t j = 0; j < t->blocks[i].n; j++)
			free(t->blocks[i].lines[j].text);
		free(t->blocks[i].lines);
	}
	free(t->blocks);
	for (size_t i = 0; i < t->ncopies; i++)
		free(t->copies[i]);
	free(t->copies);
	free(t->name);
	free(t);
}

/* Parser state for messages. */
typedef struct pctx {
	const char *name;
	int line;
	mc_err *e;
} pctx;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static mc_status perr(const pctx *p, const char *fmt, ...)
{
	char what[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	/* TRANSLATORS: template file name, line number, then what is wrong. */
	return mc_err_set(p->e, MC_ERR_INVALID, _("%s, line %d: %s."), p->name, p->line, what);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static bool parse_num(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= lo && v <= hi))
		return false;
	*out = v;
	return true;
}

static bool parse_align(const char *s, mc_tpl_align *a)
{
	static const struct {
		const char *name;
		mc_tpl_align a;
	} names[] = {{"left", MC_ALIGN_LEFT},     {"l", MC_ALIGN_LEFT},
	             {"center", MC_ALIGN_CENTER}, {"c", MC_ALIGN_CENTER},
	             {"right", MC_ALIGN_RIGHT},   {"r", MC_ALIGN_RIGHT},
	             {"justify", MC_ALIGN_JUSTIFY}, {"j", MC_ALIGN_JUSTIFY}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*a = names[i].a;
			return true;
		}
	return false;
}

/* Parse "key=value" / "flag" options into the block style. */
static mc_status parse_options(const pctx *p, char *opts, tpl_block *b)
{
	mc_tpl_style *st = &b->style;
	char *save = NULL;
	for (char *tok = strtok_r(opts, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		char *val = strchr(tok, '=');
		if (val)
			*val++ = '\0';
		if (!val) {
			if (strcmp(tok, "bold") == 0)
				st->bold = true;
			else if (strcmp(tok, "italic") == 0)
				st->italic = true;
			else if (strcmp(tok, "caps") == 0)
				st->caps = true;
			else if (strcmp(tok, "each") == 0)
				st->each = true;
			else if (strcmp(tok, "plain") == 0)
				st->bold = st->italic = st->caps = false;
			else if (strcmp(tok, "joined") == 0)
				st->each = false;
			else
				return perr(p, _("unknown option \"%s\""), tok);
			continue;
		}
		double v;
		if (strcmp(tok, "align") == 0) {
			if (!parse_align(val, &st->align))
				return perr(p, _("align must be left, center, right or justify, not \"%s\""), val);
		} else if (strcmp(tok, "size") == 0 || strcmp(tok, "indent") == 0 ||
		           strcmp(tok, "before") == 0 || strcmp(tok, "after") == 0 ||
		           strcmp(tok, "gap") == 0 || strcmp(tok, "header") == 0) {
			bool is_size = strcmp(tok, "size") == 0;
			if (!parse_num(val, is_size ? 4 : 0, is_size ? 72 : 200, &v))
				return perr(p, _("option %s needs a number in range, not \"%s\""), tok, val);
			if (is_size)
				st->size_pt = v;
			else if (strcmp(tok, "indent") == 0)
				st->indent_mm = v;
			else if (strcmp(tok, "before") == 0)
				st->before_mm = v;
			else if (strcmp(tok, "after") == 0)
				st->after_mm = v;
			else if (strcmp(tok, "gap") == 0)
				st->gap_mm = v;
			else
				st->header_rows = (int)v;
		} else if (strcmp(tok, "cols") == 0) {
			int n = 0;
			char *s2 = NULL;
			for (char *c = strtok_r(val, ",", &s2); c; c = strtok_r(NULL, ",", &s2)) {
				if (n == MC_TPL_MAX_COLS)
					return perr(p, _("at most %d columns"), MC_TPL_MAX_COLS);
				if (!parse_num(c, 1, 100, &v))
					return perr(p, _("column width must be a percentage, not \"%s\""), c);
				st->col_pct[n++] = v;
			}
			st->ncols = n;
		} else if (strcmp(tok, "colalign") == 0) {
			int n = 0;
			char *s2 = NULL;
			for (char *c = strtok_r(val, ",", &s2); c; c = strtok_r(NULL, ",", &s2)) {
				if (n == MC_TPL_MAX_COLS)
					return perr(p, _("at most %d columns"), MC_TPL_MAX_COLS);
				if (!parse_align(c, &st->col_align[n++]))
					return perr(p, _("align must be left, center, right or justify, not \"%s\""), c);
			}
		} else {
			return perr(p, _("unknown option \"%s\""), tok);
		}
	}
	return MC_OK;
}

static mc_status add_block(mc_template *t, tpl_block **out, mc_err *e)
{
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 16;
		tpl_block *nb = realloc(t->blocks, nc * sizeof *nb);
		if (!nb)
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
		t->blocks = nb;
		t->cap = nc;
	}
	*out = &t->blocks[t->n++];
	memset(*out, 0, sizeof **out);
	return MC_OK;
}

static mc_status add_line(tpl_block *b, int no, const char *text, mc_err *e)
{
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 8;
		src_line *nl = realloc(b->lines, nc * sizeof *nl);
		if (!nl)
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
		b->lines = nl;
		b->cap = nc;
	}
	char *s = strdup(text);
	if (!s)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	b->lines[b->n].no = no;
	b->lines[b->n].text = s;
	b->n++;
	return MC_OK;
}

/* "{#name}", "{^name}" or "{/name}" alone on a (trimmed) line: returns the kind char. */
static char list_marker(const char *line, char name[64])
{
	size_t n = strlen(line);
	if (n < 4 || line[0] != '{' || line[n - 1] != '}' ||
	    (line[1] != '#' && line[1] != '^' && line[1] != '/'))
		return 0;
	size_t l = n - 3;
	if (l == 0 || l >= 64)
		return 0;
	memcpy(name, line + 2, l);
	name[l] = '\0';
	return name_ok(name) ? line[1] : 0;
}

static const char *const header_keys[] = {"superior", "agency", "number", "national", "motto",
                                          "date"};

static mc_status check_block(const pctx *p0, const tpl_block *b)
{
	pctx p = *p0;
	char open[64] = "", nm[64];
	int open_line = 0;
	for (size_t i = 0; i < b->n; i++) {
		p.line = b->lines[i].no;
		char buf[1024];
		snprintf(buf, sizeof buf, "%s", b->lines[i].text);
		char *s = trim(buf);
		char k = list_marker(s, nm);
		if (k == '#' || k == '^') {
			if (open[0])
				return perr(&p, _("list {%c%s} inside list {%s}: lists cannot nest"), k, nm, open);
			if (b->kind == MC_TPL_HEADER || b->kind == MC_TPL_SIGN)
				return perr(&p, "%s", _("lists are not allowed in .header or .sign"));
			snprintf(open, sizeof open, "%s", nm);
			open_line = p.line;
		} else if (k == '/') {
			if (strcmp(open, nm) != 0)
				return perr(&p, _("{/%s} does not close an open list"), nm);
			open[0] = '\0';
		} else if (b->kind == MC_TPL_HEADER && *s) {
			char *colon = strchr(s, ':');
			bool ok = false;
			if (colon) {
				*colon = '\0';
				char *key = trim(s);
				for (size_t j = 0; j < sizeof header_keys / sizeof header_keys[0]; j++)
					ok = ok || strcmp(key, header_keys[j]) == 0;
				if (!ok)
					return perr(&p, _("unknown header key \"%s\" (superior, agency, number, national, motto, date)"), key);
			} else {
				return perr(&p, "%s", _("a .header line must be \"key: text\""));
			}
		}
	}
	if (open[0]) {
		p.line = open_line;
		return perr(&p, _("list {%s} is not closed"), open);
	}
	if (b->kind == MC_TPL_TABLE && b->style.ncols == 0) {
		p.line = b->line;
		return perr(&p, "%s", _(".table needs cols=W1,W2,... (percentages)"));
	}
	return MC_OK;
}

static bool set_page_size(mc_tpl_page *pg, const char *size, const char *orient)
{
	if (strcmp(size, "A4") == 0) {
		pg->width_mm = 210;
		pg->height_mm = 297;
	} else if (strcmp(size, "A5") == 0) {
		pg->width_mm = 148;
		pg->height_mm = 210;
	} else {
		return false;
	}
	if (orient && strcmp(orient, "landscape") == 0) {
		double w = pg->width_mm;
		pg->width_mm = pg->height_mm;
		pg->height_mm = w;
	} else if (orient && strcmp(orient, "portrait") != 0) {
		return false;
	}
	return true;
}

/* Handle page-level directives; returns MC_OK and sets *handled. */
static mc_status page_directive(const pctx *p, mc_template *t, const char *kw, char *args,
                                bool *handled)
{
	mc_tpl_page *pg = &t->page;
	*handled = true;
	if (strcmp(kw, "page") == 0) {
		char *save = NULL;
		char *size = strtok_r(args, " \t", &save);
		char *orient = strtok_r(NULL, " \t", &save);
		if (!size || !set_page_size(pg, size, orient) || strtok_r(NULL, " \t", &save))
			return perr(p, "%s", _(".page must be A4 or A5, optionally followed by portrait or landscape"));
	} else if (strcmp(kw, "margins") == 0) {
		double m[4];
		char *save = NULL;
		int n = 0;
		for (char *tok = strtok_r(args, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
			if (n == 4 || !parse_num(tok, 0, 100, &m[n]))
				return perr(p, "%s", _(".margins needs four numbers in mm: top right bottom left"));
			n++;
		}
		if (n != 4)
			return perr(p, "%s", _(".margins needs four numbers in mm: top right bottom left"));
		pg->margin_top_mm = m[0];
		pg->margin_right_mm = m[1];
		pg->margin_bottom_mm = m[2];
		pg->margin_left_mm = m[3];
	} else if (strcmp(kw, "font") == 0) {
		char *f = trim(args);
		if (!*f || strlen(f) >= sizeof pg->font)
			return perr(p, "%s", _(".font needs a font family name"));
		snprintf(pg->font, sizeof pg->font, "%s", f);
	} else if (strcmp(kw, "size") == 0) {
		if (!parse_num(trim(args), 4, 72, &pg->size_pt))
			return perr(p, "%s", _(".size needs a font size in points"));
	} else if (strcmp(kw, "pagenumbers") == 0) {
		char *v = trim(args);
		if (strcmp(v, "on") == 0)
			pg->page_numbers = true;
		else if (strcmp(v, "off") == 0)
			pg->page_numbers = false;
		else
			return perr(p, "%s", _(".pagenumbers must be on or off"));
	} else if (strcmp(kw, "copies") == 0) {
		char *save = NULL;
		for (char *tok = strtok_r(args, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
			char *lab = trim(tok);
			if (!*lab)
				continue;
			char **nc = realloc(t->copies, (t->ncopies + 1) * sizeof *nc);
			if (!nc)
				return mc_err_set(p->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
			t->copies = nc;
			if (!(t->copies[t->ncopies] = strdup(lab)))
				return mc_err_set(p->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
			t->ncopies++;
		}
		if (t->ncopies == 0)
			return perr(p, "%s", _(".copies needs labels separated by |"));
	} else {
		*handled = false;
	}
	return MC_OK;
}

/* Block keywords and the style each implies. */
static bool block_start(const char *kw, tpl_block *b)
{
	mc_tpl_style *st = &b->style;
	st->align = MC_ALIGN_LEFT;
	if (strcmp(kw, "text") == 0) {
		b->kind = MC_TPL_TEXT;
	} else if (strcmp(kw, "para") == 0) {
		b->kind = MC_TPL_TEXT;
		st->align = MC_ALIGN_JUSTIFY;
		st->indent_mm = 12.7;
		st->after_mm = 1.5;
	} else if (strcmp(kw, "title") == 0) {
		b->kind = MC_TPL_TEXT;
		b->is_title = true;
		st->align = MC_ALIGN_CENTER;
		st->bold = true;
		st->each = true;
		st->before_mm = 6;
		st->after_mm = 1;
	} else if (strcmp(kw, "center") == 0) {
		b->kind = MC_TPL_TEXT;
		st->align = MC_ALIGN_CENTER;
		st->each = true;
	} else if (strcmp(kw, "lines") == 0) {
		b->kind = MC_TPL_TEXT;
		st->each = true;
		st->indent_mm = 12.7;
	} else if (strcmp(kw, "header") == 0) {
		b->kind = MC_TPL_HEADER;
	} else if (strcmp(kw, "table") == 0) {
		b->kind = MC_TPL_TABLE;
		st->header_rows = 1;
		st->before_mm = 1.5;
		st->after_mm = 2;
		for (int i = 0; i < MC_TPL_MAX_COLS; i++)
			st->col_align[i] = MC_ALIGN_CENTER;
	} else if (strcmp(kw, "recipients") == 0) {
		b->kind = MC_TPL_RECIPIENTS;
		st->each = true;
	} else if (strcmp(kw, "sign") == 0) {
		b->kind = MC_TPL_SIGN;
		st->align = MC_ALIGN_CENTER;
		st->gap_mm = 22;
		st->before_mm = 4;
	} else if (strcmp(kw, "space") == 0) {
		b->kind = MC_TPL_SPACE;
	} else if (strcmp(kw, "pagebreak") == 0) {
		b->kind = MC_TPL_PAGEBREAK;
	} else {
		return false;
	}
	return true;
}

mc_status mc_template_parse(const char *text, size_t len, const char *name, mc_template **out,
                            mc_err *e)
{
	*out = NULL;
	mc_template *t = calloc(1, sizeof *t);
	if (!t || !(t->name = strdup(name ? name : "template"))) {
		free(t);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	}
	mc_tpl_page *pg = &t->page;
	set_page_size(pg, "A4", NULL);
	pg->margin_top_mm = 20;
	pg->margin_right_mm = 15;
	pg->margin_bottom_mm = 20;
	pg->margin_left_mm = 30;
	snprintf(pg->font, sizeof pg->font, "%s", "Liberation Serif");
	pg->size_pt = 13;
	pg->page_numbers = true;

	pctx p = {t->name, 0, e};
	tpl_block *cur = NULL;
	mc_status st = MC_OK;
	size_t pos = 0;
	char *line = malloc(len + 1);
	if (!line) {
		mc_template_free(t);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	}
	while (st == MC_OK && pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n')
			end++;
		p.line++;
		size_t raw = end - pos;
		memcpy(line, text + pos, raw);
		line[raw] = '\0';
		pos = end + 1;
		size_t ll = strlen(line);
		if (ll != raw) {
			st = perr(&p, "%s", _("the line contains a NUL byte"));
			break;
		}
		if (ll > 0 && line[ll - 1] == '\r')
			line[--ll] = '\0';
		if (ll) { /* validate the UTF-8 of the whole line */
			const unsigned char *u = (const unsigned char *)line;
			size_t left = ll;
			while (left) {
				size_t l = utf8_valid_len(u, left);
				if (l == 0 || (l == 1 && *u < 0x20 && *u != '\t')) {
					st = perr(&p, "%s", _("the line is not valid UTF-8 text"));
					break;
				}
				u += l;
				left -= l;
			}
			if (st != MC_OK)
				break;
		}
		if (line[0] == '#')
			continue;
		if (line[0] == '.' && isalpha((unsigned char)line[1])) {
			char *kw = line + 1;
			char *args = kw;
			while (*args && *args != ' ' && *args != '\t')
				args++;
			if (*args)
				*args++ = '\0';
			bool handled;
			st = page_directive(&p, t, kw, args, &handled);
			if (st != MC_OK || handled) {
				if (handled && st == MC_OK && t->n > 0)
					st = perr(&p, _(".%s must come before the first block"), kw);
				continue;
			}
			if (cur && (st = check_block(&p, cur)) != MC_OK)
				break;
			tpl_block *b = NULL;
			if ((st = add_block(t, &b, e)) != MC_OK)
				break;
			b->line = p.line;
			if (!block_start(kw, b)) {
				st = perr(&p, _("unknown block .%s"), kw);
				break;
			}
			if (b->kind == MC_TPL_SPACE) {
				if (!parse_num(trim(args), 0, 300, &b->space_mm))
					st = perr(&p, "%s", _(".space needs a height in mm"));
				cur = NULL;
				continue;
			}
			if (b->kind == MC_TPL_PAGEBREAK) {
				if (*trim(args))
					st = perr(&p, "%s", _(".pagebreak takes no options"));
				cur = NULL;
				continue;
			}
			st = parse_options(&p, args, b);
			if (st == MC_OK && b->kind == MC_TPL_SIGN && b->style.ncols == 0)
				b->style.ncols = 1;
			cur = b;
			continue;
		}
		if (!cur) {
			if (*trim(line))
				st = perr(&p, "%s", _("text outside a block (start one with .para, .table, ...)"));
			continue;
		}
		st = add_line(cur, p.line, line, e);
	}
	free(line);
	if (st == MC_OK && cur)
		st = check_block(&p, cur);
	if (st == MC_OK && t->n == 0) {
		p.line = 0;
		st = mc_err_set(e, MC_ERR_INVALID, _("%s: the template has no blocks."), t->name);
	}
	if (st != MC_OK) {
		mc_template_free(t);
		return st;
	}
	*out = t;
	return MC_OK;
}

mc_status mc_template_load(const char *path, mc_template **out, mc_err *e)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_err_set(e, MC_ERR_IO, _("Cannot read template %s: %s."), path, strerror(errno));
	sbuf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		sb_putn(&b, chunk, n);
		if (b.len > 1024 * 1024) {
			fclose(f);
			free(b.s);
			return mc_err_set(e, MC_ERR_INVALID, _("Template %s is larger than 1 MB."), path);
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad || b.oom) {
		free(b.s);
		return mc_err_set(e, MC_ERR_IO, _("Cannot read template %s: %s."), path,
		                  bad ? strerror(EIO) : strerror(ENOMEM));
	}
	mc_status st = mc_template_parse(b.s ? b.s : "", b.len, path, out, e);
	free(b.s);
	return st;
}

/* ---- placeholders --------------------------------------------------------------- */

/* Expansion context. */
typedef struct xctx {
	const mc_template *t;
	const mc_form_data *d;
	const mc_form_row *row; /* current list row or NULL */
	long row_no;
	const char *copy;       /* current copy label or NULL */
	mc_err *e;
} xctx;

static mc_status xerr_field(const xctx *x, int line, const char *what, const char *name)
{
	pctx p = {x->t->name, line, x->e};
	return perr(&p, what, name);
}

/*
 * Expand one source line into cells: text with markers, fields substituted.
 * split: '|' separates cells. Field names are checked even when x->d is NULL
 * only if each_fn is set (used by mc_template_each_field).
 */
static mc_status expand_line(const xctx *x, const char *src, int line, bool split, char ***cells_out,
                             int *ncells_out)
{
	char **cells = NULL;
	int ncells = 0;
	sbuf b = {0};
	mc_status st = MC_OK;
	const char *s = src;
	for (;;) {
		if (*s == '\0' || (split && *s == '|')) {
			char **nc = realloc(cells, (size_t)(ncells + 1) * sizeof *nc);
			char *cell = sb_take(&b);
			if (!nc || !cell) {
				free(cell);
				if (nc)
					cells = nc;
				st = mc_err_set(x->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
				break;
			}
			cells = nc;
			/* trim spaces around cells */
			char *c = cell;
			while (*c == ' ')
				c++;
			size_t cl = strlen(c);
			while (cl > 0 && c[cl - 1] == ' ')
				c[--cl] = '\0';
			memmove(cell, c, cl + 1);
			cells[ncells++] = cell;
			if (*s == '\0')
				break;
			s++;
			continue;
		}
		if (*s == '\\') {
			char c = s[1];
			if (c == 'n') {
				sb_putc(&b, '\n');
			} else if (c && strchr("\\{}|*_.#~", c)) {
				sb_putc(&b, c);
			} else {
				pctx p = {x->t->name, line, x->e};
				st = perr(&p, _("unknown escape \\%c"), c ? c : ' ');
				break;
			}
			s += 2;
			continue;
		}
		if (s[0] == '*' && s[1] == '*') {
			sb_putc(&b, MC_TPL_BOLD);
			s += 2;
			continue;
		}
		if (s[0] == '_' && s[1] == '_') {
			sb_putc(&b, MC_TPL_ITALIC);
			s += 2;
			continue;
		}
		if (*s == '}') {
			pctx p = {x->t->name, line, x->e};
			st = perr(&p, "%s", _("a } without { (write \\} for a literal brace)"));
			break;
		}
		if (*s == '{') {
			const char *close = strchr(s, '}');
			char name[64];
			size_t nl = close ? (size_t)(close - s - 1) : 0;
			if (!close || nl == 0 || nl >= sizeof name) {
				pctx p = {x->t->name, line, x->e};
				st = perr(&p, "%s", _("a { without a matching } (write \\{ for a literal brace)"));
				break;
			}
			memcpy(name, s + 1, nl);
			name[nl] = '\0';
			s = close + 1;
			if (strcmp(name, ".n") == 0) {
				if (!x->row) {
					st = xerr_field(x, line, _("{%s} is only allowed inside a list"), name);
					break;
				}
				char num[24];
				snprintf(num, sizeof num, "%ld", x->row_no);
				sb_puts(&b, num);
				continue;
			}
			if (!name_ok(name)) {
				st = xerr_field(x, line, _("bad field name {%s} (use a-z, 0-9 and _)"), name);
				break;
			}
			const char *v = x->row ? row_get(x->row, name) : NULL;
			if (!v)
				v = mc_form_get(x->d, name);
			if (!v && x->copy && strcmp(name, "copy") == 0)
				v = x->copy;
			if (!v) {
				st = xerr_field(x, line, _("unknown field {%s}"), name);
				break;
			}
			sb_puts(&b, v);
			continue;
		}
		sb_putc(&b, *s++);
	}
	free(b.s);
	if (st == MC_OK && b.oom)
		st = mc_err_set(x->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	if (st != MC_OK) {
		for (int i = 0; i < ncells; i++)
			free(cells[i]);
		free(cells);
		return st;
	}
	*cells_out = cells;
	*ncells_out = ncells;
	return MC_OK;
}

/* Same scan as expand_line, reporting names instead of substituting. */
static void scan_fields(const char *s, int line,
                        void (*fn)(const char *name, bool is_list, int line, void *ctx), void *ctx)
{
	char nm[64];
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", s);
	char k = list_marker(trim(buf), nm);
	if (k == '#' || k == '^') {
		fn(nm, true, line, ctx);
		return;
	}
	if (k)
		return;
	while (*s) {
		if (*s == '\\' && s[1]) {
			s += 2;
			continue;
		}
		if (*s == '{') {
			const char *close = strchr(s, '}');
			if (!close)
				return;
			size_t nl = (size_t)(close - s - 1);
			if (nl > 0 && nl < sizeof nm) {
				memcpy(nm, s + 1, nl);
				nm[nl] = '\0';
				if (strcmp(nm, ".n") != 0)
					fn(nm, false, line, ctx);
			}
			s = close + 1;
			continue;
		}
		s++;
	}
}

void mc_template_each_field(const mc_template *t,
                            void (*fn)(const char *name, bool is_list, int line, void *ctx),
                            void *ctx)
{
	for (size_t i = 0; t && i < t->n; i++)
		for (size_t j = 0; j < t->blocks[i].n; j++)
			scan_fields(t->blocks[i].lines[j].text, t->blocks[i].lines[j].no, fn, ctx);
}

/* ---- expansion ------------------------------------------------------------------ */

void mc_doc_free(mc_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nblocks; i++) {
		mc_doc_block *b = &doc->blocks[i];
		for (size_t j = 0; j < b->nlines; j++) {
			for (int k = 0; k < b->lines[j].ncells; k++)
				free(b->lines[j].cells[k]);
			free(b->lines[j].cells);
		}
		free(b->lines);
	}
	free(doc->blocks);
	free(doc);
}

static mc_doc_block *doc_add_block(mc_doc *doc, mc_err *e)
{
	mc_doc_block *nb = realloc(doc->blocks, (doc->nblocks + 1) * sizeof *nb);
	if (!nb) {
		mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
		return NULL;
	}
	doc->blocks = nb;
	mc_doc_block *b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	return b;
}

static mc_status doc_add_line(mc_doc_block *b, int src, char **cells, int ncells, bool gap,
                              mc_err *e)
{
	mc_doc_line *nl = realloc(b->lines, (b->nlines + 1) * sizeof *nl);
	if (!nl) {
		for (int i = 0; i < ncells; i++)
			free(cells[i]);
		free(cells);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	}
	b->lines = nl;
	mc_doc_line *l = &b->lines[b->nlines++];
	l->src_line = src;
	l->cells = cells;
	l->ncells = ncells;
	l->gap = gap;
	return MC_OK;
}

/* Append text to the last paragraph of a TEXT block (joined mode). */
static mc_status para_append(mc_doc_block *b, char *text, mc_err *e)
{
	mc_doc_line *l = &b->lines[b->nlines - 1];
	char *old = l->cells[0];
	size_t a = strlen(old), c = strlen(text);
	char *n = malloc(a + c + 2);
	if (!n) {
		free(text);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	}
	memcpy(n, old, a);
	size_t o = a;
	if (a > 0 && old[a - 1] != '\n' && c > 0)
		n[o++] = ' ';
	memcpy(n + o, text, c + 1);
	free(old);
	free(text);
	l->cells[0] = n;
	return MC_OK;
}

/* Expand one source line (outside or inside a list row) into block b. */
static mc_status emit_line(const xctx *x, const tpl_block *tb, mc_doc_block *b, const src_line *sl,
                           bool *para_open)
{
	mc_status st;
	char **cells = NULL;
	int ncells = 0;
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", sl->text);
	const char *tr = trim(buf);
	switch (tb->kind) {
	case MC_TPL_TEXT:
	case MC_TPL_RECIPIENTS:
		if (*tr == '\0') {
			*para_open = false;
			return MC_OK;
		}
		st = expand_line(x, sl->text, sl->no, false, &cells, &ncells);
		if (st != MC_OK)
			return st;
		if (tb->kind == MC_TPL_TEXT && !tb->style.each && *para_open) {
			char *c0 = cells[0];
			free(cells);
			return para_append(b, c0, x->e);
		}
		*para_open = true;
		return doc_add_line(b, sl->no, cells, ncells, false, x->e);
	case MC_TPL_HEADER: {
		if (*tr == '\0')
			return MC_OK;
		const char *colon = strchr(sl->text, ':');
		char key[32];
		const char *k = sl->text;
		while (*k == ' ')
			k++;
		size_t kl = (size_t)(colon - k);
		while (kl > 0 && k[kl - 1] == ' ')
			kl--;
		snprintf(key, sizeof key, "%.*s", (int)kl, k);
		st = expand_line(x, colon + 1, sl->no, false, &cells, &ncells);
		if (st != MC_OK)
			return st;
		char **two = realloc(cells, 2 * sizeof *two);
		char *kd = strdup(key);
		if (!two || !kd) {
			free(kd);
			if (two)
				cells = two;
			free(cells[0]);
			free(cells);
			return mc_err_set(x->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
		}
		two[1] = two[0];
		two[0] = kd;
		return doc_add_line(b, sl->no, two, 2, false, x->e);
	}
	case MC_TPL_TABLE:
	case MC_TPL_SIGN: {
		if (*tr == '\0')
			return MC_OK;
		bool gap = tb->kind == MC_TPL_SIGN && strcmp(tr, "~") == 0;
		if (gap)
			return doc_add_line(b, sl->no, NULL, 0, true, x->e);
		st = expand_line(x, sl->text, sl->no, true, &cells, &ncells);
		if (st != MC_OK)
			return st;
		int want = tb->style.ncols;
		if (ncells > want) {
			pctx p = {x->t->name, sl->no, x->e};
			for (int i = 0; i < ncells; i++)
				free(cells[i]);
			free(cells);
			return perr(&p, _("%d cells but the block has %d columns"), ncells, want);
		}
		if (ncells < want) { /* pad missing trailing cells with empty ones */
			char **nc = realloc(cells, (size_t)want * sizeof *nc);
			if (!nc) {
				for (int i = 0; i < ncells; i++)
					free(cells[i]);
				free(cells);
				return mc_err_set(x->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
			}
			cells = nc;
			while (ncells < want) {
				if (!(cells[ncells] = strdup(""))) {
					for (int i = 0; i < ncells; i++)
						free(cells[i]);
					free(cells);
					return mc_err_set(x->e, MC_ERR_NOMEM, "%s", _("Out of memory."));
				}
				ncells++;
			}
		}
		return doc_add_line(b, sl->no, cells, ncells, false, x->e);
	}
	default:
		return MC_OK;
	}
}

static mc_status expand_block(xctx *x, const tpl_block *tb, mc_doc *doc)
{
	mc_doc_block *b = doc_add_block(doc, x->e);
	if (!b)
		return MC_ERR_NOMEM;
	b->kind = tb->kind;
	b->src_line = tb->line;
	b->style = tb->style;
	b->space_mm = tb->space_mm;
	bool para_open = false;
	char nm[64];
	for (size_t i = 0; i < tb->n; i++) {
		char buf[1024];
		snprintf(buf, sizeof buf, "%s", tb->lines[i].text);
		char k = list_marker(trim(buf), nm);
		if (!k) {
			mc_status st = emit_line(x, tb, b, &tb->lines[i], &para_open);
			if (st != MC_OK)
				return st;
			continue;
		}
		/* a list section: lines up to the matching close */
		size_t endi = i + 1;
		while (endi < tb->n) {
			char nm2[64];
			snprintf(buf, sizeof buf, "%s", tb->lines[endi].text);
			if (list_marker(trim(buf), nm2) == '/')
				break;
			endi++;
		}
		const form_list *l = find_list(x->d, nm);
		if (!l)
			return xerr_field(x, tb->lines[i].no, _("unknown list {%s}"), nm);
		if (k == '^') { /* shown only when the list is empty */
			for (size_t j = i + 1; l->n == 0 && j < endi; j++) {
				mc_status st = emit_line(x, tb, b, &tb->lines[j], &para_open);
				if (st != MC_OK)
					return st;
			}
		} else {
			for (size_t r = 0; r < l->n; r++) {
				x->row = l->rows[r];
				x->row_no = (long)r + 1;
				for (size_t j = i + 1; j < endi; j++) {
					mc_status st = emit_line(x, tb, b, &tb->lines[j], &para_open);
					if (st != MC_OK) {
						x->row = NULL;
						return st;
					}
				}
			}
			x->row = NULL;
		}
		i = endi;
	}
	return MC_OK;
}

/* Plain text of a marked-up string (markers removed, newlines as spaces). */
static void plain_copy(char *dst, size_t n, const char *src)
{
	size_t o = 0;
	for (; *src && o + 1 < n; src++) {
		if (*src == MC_TPL_BOLD || *src == MC_TPL_ITALIC)
			continue;
		dst[o++] = *src == '\n' ? ' ' : *src;
	}
	/* do not cut a UTF-8 sequence in half */
	while (o > 0 && ((unsigned char)dst[o - 1] & 0xC0) == 0x80 && *src)
		o--;
	if (o > 0 && *src && ((unsigned char)dst[o - 1] & 0xC0) == 0xC0)
		o--;
	dst[o] = '\0';
}

mc_status mc_template_expand(const mc_template *t, const mc_form_data *d, mc_doc **out, mc_err *e)
{
	*out = NULL;
	mc_doc *doc = calloc(1, sizeof *doc);
	if (!doc)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("Out of memory."));
	doc->page = t->page;
	size_t ncopies = t->ncopies ? t->ncopies : 1;
	xctx x = {t, d, NULL, 0, NULL, e};
	for (size_t c = 0; c < ncopies; c++) {
		x.copy = t->ncopies ? t->copies[c] : NULL;
		if (c > 0) {
			mc_doc_block *pb = doc_add_block(doc, e);
			if (!pb) {
				mc_doc_free(doc);
				return MC_ERR_NOMEM;
			}
			pb->kind = MC_TPL_PAGEBREAK;
			pb->src_line = 0;
		}
		for (size_t i = 0; i < t->n; i++) {
			mc_status st = expand_block(&x, &t->blocks[i], doc);
			if (st != MC_OK) {
				mc_doc_free(doc);
				return st;
			}
			if (t->blocks[i].is_title && !doc->title[0]) {
				mc_doc_block *b = &doc->blocks[doc->nblocks - 1];
				for (size_t j = 0; j < b->nlines; j++) {
					size_t o = strlen(doc->title);
					if (o && o + 2 < sizeof doc->title)
						doc->title[o++] = ' ';
					plain_copy(doc->title + o, sizeof doc->title - o, b->lines[j].cells[0]);
				}
			}
		}
	}
	*out = doc;
	return MC_OK;
}
