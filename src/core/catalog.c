/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Procedure catalogue CSV parser (format: data/catalogue.md). Pure logic:
 * reads text, returns records, never touches the database. All or nothing:
 * the first bad row stops the parse with its line number.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "motcua/i18n.h"
#include "motcua/mctime.h"
#include "motcua/text.h"

/* ---- small helpers ------------------------------------------------------ */

const char *mc_level_name(mc_level l)
{
	return l == MC_LEVEL_COMMUNE ? "commune" : "province";
}

mc_status mc_level_parse(const char *s, mc_level *out, mc_err *e)
{
	static const struct {
		const char *text;
		mc_level level;
	} names[] = {
	    {"province", MC_LEVEL_PROVINCE}, {"tinh", MC_LEVEL_PROVINCE},
	    {"tỉnh", MC_LEVEL_PROVINCE},     {"commune", MC_LEVEL_COMMUNE},
	    {"xa", MC_LEVEL_COMMUNE},        {"xã", MC_LEVEL_COMMUNE},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (s && strcmp(s, names[i].text) == 0) {
			*out = names[i].level;
			return MC_OK;
		}
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("unknown level \"%s\" (expected \"province\" or \"commune\")."),
	                  s ? s : "");
}

/* Copy of s without leading/trailing ASCII blanks, NFC; NULL on no memory. */
static char *dup_trim_nfc(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	                   s[len - 1] == '\n'))
		len--;
	char *raw = malloc(len + 1);
	if (!raw)
		return NULL;
	memcpy(raw, s, len);
	raw[len] = '\0';
	char *nfc = mc_text_nfc(raw);
	free(raw);
	return nfc;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* ---- CSV reading -------------------------------------------------------- */

typedef struct csv_row {
	char **cells;
	size_t n, cap;
	int line; /* first line of the row */
} csv_row;

static void row_clear(csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cells[i]);
	r->n = 0;
}

static void row_free(csv_row *r)
{
	row_clear(r);
	free(r->cells);
	r->cells = NULL;
	r->cap = 0;
}

static bool row_push(csv_row *r, const char *s, size_t len)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		char **c = realloc(r->cells, cap * sizeof *c);
		if (!c)
			return false;
		r->cells = c;
		r->cap = cap;
	}
	char *cell = malloc(len + 1);
	if (!cell)
		return false;
	memcpy(cell, s, len);
	cell[len] = '\0';
	r->cells[r->n++] = cell;
	return true;
}

typedef struct csv_reader {
	const char *p;
	int line;
	const char *source;
	char *buf;
	size_t len, cap;
} csv_reader;

static bool buf_put(csv_reader *rd, char c)
{
	if (rd->len + 1 >= rd->cap) {
		size_t cap = rd->cap ? rd->cap * 2 : 256;
		char *b = realloc(rd->buf, cap);
		if (!b)
			return false;
		rd->buf = b;
		rd->cap = cap;
	}
	rd->buf[rd->len++] = c;
	return true;
}

/*
 * Read the next row into r. Returns MC_OK with r->n > 0, MC_OK with r->n == 0
 * at the end of the text, or an error (unterminated quote, stray quote).
 */
static mc_status csv_next(csv_reader *rd, csv_row *r, mc_err *e)
{
	row_clear(r);
	r->line = rd->line;
	if (!*rd->p)
		return MC_OK;
	for (;;) {
		rd->len = 0;
		const char *p = rd->p;
		if (*p == '"') {
			int qline = rd->line;
			p++;
			for (;;) {
				if (!*p)
					return mc_err_set(e, MC_ERR_INVALID,
					                  _("%s, line %d: a quoted cell is never closed."),
					                  rd->source, qline);
				if (*p == '"') {
					if (p[1] == '"') {
						if (!buf_put(rd, '"'))
							return mc_err_set(e, MC_ERR_NOMEM, "%s",
							                  _("out of memory."));
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n')
					rd->line++;
				if (!buf_put(rd, *p))
					return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
				p++;
			}
			if (*p != ',' && *p != '\n' && *p != '\0' && !(*p == '\r' && p[1] == '\n'))
				return mc_err_set(e, MC_ERR_INVALID,
				                  _("%s, line %d: unexpected text after a closing quote."),
				                  rd->source, rd->line);
		} else {
			while (*p && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n')) {
				if (*p == '"')
					return mc_err_set(
					    e, MC_ERR_INVALID,
					    _("%s, line %d: a quote inside an unquoted cell (quote the whole cell and double the quote)."),
					    rd->source, rd->line);
				if (!buf_put(rd, *p))
					return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
				p++;
			}
		}
		if (!row_push(r, rd->buf ? rd->buf : "", rd->len))
			return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
		if (*p == ',') {
			rd->p = p + 1;
			continue;
		}
		if (*p == '\r')
			p++;
		if (*p == '\n') {
			p++;
			rd->line++;
		}
		rd->p = p;
		return MC_OK;
	}
}

/* ---- columns ------------------------------------------------------------ */

enum col {
	COL_CODE,
	COL_NAME,
	COL_FIELD,
	COL_LEVEL,
	COL_LIMIT,
	COL_UNIT,
	COL_ONLINE_LIMIT,
	COL_ONLINE_UNIT,
	COL_CUTOFF,
	COL_FEE,
	COL_DOCUMENTS,
	COL_STEPS,
	COL_COUNT
};

static const struct {
	const char *name;
	bool required;
} columns[COL_COUNT] = {
    [COL_CODE] = {"code", true},
    [COL_NAME] = {"name", true},
    [COL_FIELD] = {"field", true},
    [COL_LEVEL] = {"level", true},
    [COL_LIMIT] = {"limit", true},
    [COL_UNIT] = {"limit_unit", true},
    [COL_ONLINE_LIMIT] = {"online_limit", false},
    [COL_ONLINE_UNIT] = {"online_limit_unit", false},
    [COL_CUTOFF] = {"same_day_cutoff", false},
    [COL_FEE] = {"fee", false},
    [COL_DOCUMENTS] = {"documents", false},
    [COL_STEPS] = {"steps", false},
};

static bool code_valid(const char *s)
{
	size_t len = strlen(s);
	if (len == 0 || len >= MC_PROC_CODE_MAX || !isdigit((unsigned char)s[0]))
		return false;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' && *p != '_')
			return false;
	return true;
}

/* Amount text: a whole number. */
static bool parse_amount(const char *s, long *out)
{
	if (!*s)
		return false;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno)
		v = s[0] == '-' ? -1 : 1000000000L;
	*out = v;
	return true;
}

/* Build a limit from amount and unit cells; the message names the line. */
static mc_status make_limit(const char *amount, const char *unit, const char *what,
                            const char *source, int line, mc_limit *out, mc_err *e)
{
	mc_err sub;
	mc_err_clear(&sub);
	mc_limit_unit u;
	if (mc_limit_unit_parse(unit, &u, &sub) != MC_OK)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: %s: unknown unit \"%s\" (expected days, hours, calendar-days or same-day)."),
		                  source, line, what, unit);
	out->unit = u;
	out->cutoff = -1;
	out->amount = 0;
	if (u == MC_UNIT_SAME_DAY) {
		if (*amount && strcmp(amount, "0") != 0 && strcmp(amount, "1") != 0)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: %s: a same-day limit takes no amount (found \"%s\")."),
			                  source, line, what, amount);
		return MC_OK;
	}
	long v;
	if (!parse_amount(amount, &v))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: %s: \"%s\" is not a whole number."), source, line,
		                  what, amount);
	long max = u == MC_UNIT_HOURS ? MC_LIMIT_MAX_HOURS : MC_LIMIT_MAX_DAYS;
	if (v < 1 || v > max)
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("%s, line %d: %s: %ld is out of range (1 to %ld)."), source,
		                  line, what, v, max);
	out->amount = (int)v;
	return MC_OK;
}

/* ---- documents and steps ------------------------------------------------ */

void mc_documents_free(char **docs, size_t n)
{
	if (!docs)
		return;
	for (size_t i = 0; i < n; i++)
		free(docs[i]);
	free(docs);
}

/* Split s on any of seps into trimmed, NFC, non-empty items. */
static mc_status split_items(const char *s, const char *seps, char ***out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	const char *p = s;
	while (*p) {
		size_t len = strcspn(p, seps);
		char *piece = malloc(len + 1);
		if (!piece)
			goto nomem;
		memcpy(piece, p, len);
		piece[len] = '\0';
		if (!blank(piece)) {
			char *item = dup_trim_nfc(piece);
			free(piece);
			if (!item)
				goto nomem;
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				char **a = realloc(*out, cap * sizeof *a);
				if (!a) {
					free(item);
					goto nomem;
				}
				*out = a;
			}
			(*out)[(*n)++] = item;
		} else {
			free(piece);
		}
		p += len;
		if (*p)
			p++;
	}
	return MC_OK;
nomem:
	mc_documents_free(*out, *n);
	*out = NULL;
	*n = 0;
	return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
}

char *mc_documents_join(char *const *docs, size_t n)
{
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total += strlen(docs[i]) + 1;
	char *s = malloc(total);
	if (!s)
		return NULL;
	char *w = s;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(docs[i]);
		if (i)
			*w++ = '\n';
		memcpy(w, docs[i], len);
		w += len;
	}
	*w = '\0';
	return s;
}

mc_status mc_documents_split(const char *joined, char ***out, size_t *n, mc_err *e)
{
	return split_items(joined ? joined : "", "\n", out, n, e);
}

mc_status mc_steps_parse(const char *s, mc_step **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	char **items;
	size_t count;
	mc_status st = split_items(s ? s : "", ";", &items, &count, e);
	if (st != MC_OK)
		return st;
	if (count == 0)
		return MC_OK;
	mc_step *steps = calloc(count, sizeof *steps);
	if (!steps) {
		mc_documents_free(items, count);
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	}
	for (size_t i = 0; i < count; i++) {
		char *colon = strchr(items[i], ':');
		if (!colon) {
			st = mc_err_set(e, MC_ERR_INVALID,
			                _("step \"%s\" has no budget (write UNIT:budget, e.g. \"PHONG:7 days\")."),
			                items[i]);
			break;
		}
		*colon = '\0';
		size_t ulen = strlen(items[i]);
		while (ulen > 0 && (items[i][ulen - 1] == ' ' || items[i][ulen - 1] == '\t'))
			items[i][--ulen] = '\0';
		bool ok = ulen > 0 && ulen < MC_UNIT_CODE_MAX;
		for (size_t k = 0; ok && k < ulen; k++)
			ok = isalnum((unsigned char)items[i][k]) || items[i][k] == '_' ||
			     items[i][k] == '-' || items[i][k] == '.';
		if (!ok) {
			st = mc_err_set(e, MC_ERR_INVALID,
			                _("\"%s\" is not a unit code (letters, digits, \"_\", \"-\", \".\"; at most %d)."),
			                items[i], MC_UNIT_CODE_MAX - 1);
			break;
		}
		memcpy(steps[i].unit, items[i], ulen + 1);
		const char *budget = colon + 1;
		while (*budget == ' ' || *budget == '\t')
			budget++;
		mc_err sub;
		mc_err_clear(&sub);
		if (mc_limit_parse(budget, &steps[i].budget, &sub) != MC_OK) {
			st = mc_err_set(e, MC_ERR_INVALID, _("step %s: %s"), steps[i].unit, sub.msg);
			break;
		}
		if (steps[i].budget.unit == MC_UNIT_SAME_DAY ||
		    steps[i].budget.unit == MC_UNIT_CALENDAR_DAYS) {
			st = mc_err_set(e, MC_ERR_INVALID,
			                _("step %s: a budget is counted in working days or hours (found \"%s\")."),
			                steps[i].unit, budget);
			break;
		}
	}
	mc_documents_free(items, count);
	if (st != MC_OK) {
		free(steps);
		return st;
	}
	*out = steps;
	*n = count;
	return MC_OK;
}

void mc_steps_format(const mc_step *steps, size_t n, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n && used < size; i++) {
		const mc_limit *b = &steps[i].budget;
		int w = snprintf(buf + used, size - used, "%s%s:%d %s", i ? ";" : "", steps[i].unit,
		                 b->amount, mc_limit_unit_name(b->unit));
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* ---- records ------------------------------------------------------------ */

static void proc_free(mc_procedure *p)
{
	free(p->name);
	free(p->field);
	free(p->fee);
	mc_documents_free(p->documents, p->n_documents);
	free(p->steps);
}

void mc_catalog_free(mc_procedure *procs, size_t n)
{
	if (!procs)
		return;
	for (size_t i = 0; i < n; i++)
		proc_free(&procs[i]);
	free(procs);
}

static mc_status header_map(const csv_row *r, const char *source, int map[COL_COUNT], mc_err *e)
{
	for (int c = 0; c < COL_COUNT; c++)
		map[c] = -1;
	for (size_t i = 0; i < r->n; i++) {
		char name[64];
		const char *h = r->cells[i];
		while (*h == ' ')
			h++;
		size_t len = strlen(h);
		while (len > 0 && h[len - 1] == ' ')
			len--;
		if (len >= sizeof name)
			len = sizeof name - 1;
		for (size_t k = 0; k < len; k++)
			name[k] = (char)tolower((unsigned char)h[k]);
		name[len] = '\0';
		int found = -1;
		for (int c = 0; c < COL_COUNT; c++)
			if (strcmp(name, columns[c].name) == 0)
				found = c;
		if (found < 0)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: unknown column \"%s\" in the header (see data/catalogue.md)."),
			                  source, r->line, r->cells[i]);
		if (map[found] >= 0)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: column \"%s\" appears twice in the header."),
			                  source, r->line, columns[found].name);
		map[found] = (int)i;
	}
	for (int c = 0; c < COL_COUNT; c++)
		if (columns[c].required && map[c] < 0)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: the header has no \"%s\" column (see data/catalogue.md)."),
			                  source, r->line, columns[c].name);
	return MC_OK;
}

static const char *cell(const csv_row *r, const int map[COL_COUNT], enum col c)
{
	return map[c] >= 0 ? r->cells[map[c]] : "";
}

/* Trimmed copy in a fixed buffer (for short cells: amounts, units, times). */
static const char *trim_small(const char *s, char *buf, size_t size)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return buf;
}

static mc_status parse_record(const csv_row *r, const int map[COL_COUNT], const char *source,
                              mc_procedure *p, mc_err *e)
{
	char a[64], u[64];
	int line = r->line;
	memset(p, 0, sizeof *p);
	p->line = line;

	trim_small(cell(r, map, COL_CODE), a, sizeof a);
	if (!code_valid(a))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("%s, line %d: \"%s\" is not a procedure code (e.g. 1.001234)."),
		                  source, line, cell(r, map, COL_CODE));
	memcpy(p->code, a, strlen(a) + 1);

	if (blank(cell(r, map, COL_NAME)))
		return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: procedure %s has no name."),
		                  source, line, p->code);
	if (blank(cell(r, map, COL_FIELD)))
		return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: procedure %s has no field."),
		                  source, line, p->code);
	p->name = dup_trim_nfc(cell(r, map, COL_NAME));
	p->field = dup_trim_nfc(cell(r, map, COL_FIELD));
	p->fee = dup_trim_nfc(cell(r, map, COL_FEE));
	if (!p->name || !p->field || !p->fee)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));

	mc_err sub;
	mc_err_clear(&sub);
	if (mc_level_parse(trim_small(cell(r, map, COL_LEVEL), a, sizeof a), &p->level, &sub) !=
	    MC_OK)
		return mc_err_set(e, MC_ERR_INVALID, _("%s, line %d: %s"), source, line, sub.msg);

	mc_status st = make_limit(trim_small(cell(r, map, COL_LIMIT), a, sizeof a),
	                          trim_small(cell(r, map, COL_UNIT), u, sizeof u), _("limit"),
	                          source, line, &p->limit, e);
	if (st != MC_OK)
		return st;

	trim_small(cell(r, map, COL_ONLINE_LIMIT), a, sizeof a);
	trim_small(cell(r, map, COL_ONLINE_UNIT), u, sizeof u);
	if (!*a && !*u) {
		p->online_limit = p->limit;
		p->has_online_limit = false;
	} else {
		if (!*u)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: an online limit needs its unit too."), source,
			                  line);
		st = make_limit(a, u, _("online limit"), source, line, &p->online_limit, e);
		if (st != MC_OK)
			return st;
		p->has_online_limit = true;
	}

	trim_small(cell(r, map, COL_CUTOFF), a, sizeof a);
	if (*a) {
		int minutes;
		if (mc_hhmm_parse(a, &minutes, &sub) != MC_OK)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: same-day cut-off \"%s\" is not a time HH:MM."),
			                  source, line, a);
		if (p->limit.unit != MC_UNIT_SAME_DAY && p->online_limit.unit != MC_UNIT_SAME_DAY)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("%s, line %d: a same-day cut-off is given but the limit is not same-day."),
			                  source, line);
		p->limit.cutoff = minutes;
		p->online_limit.cutoff = minutes;
	}

	st = split_items(cell(r, map, COL_DOCUMENTS), "|;", &p->documents, &p->n_documents, e);
	if (st != MC_OK)
		return st;
	for (size_t i = 0; i < p->n_documents; i++) {
		mc_doc_item it;
		mc_err_clear(&sub);
		st = mc_doc_item_parse(p->documents[i], &it, &sub);
		if (st != MC_OK)
			return mc_err_set(e, st, _("%s, line %d: procedure %s: %s"), source, line,
			                  p->code, sub.msg);
	}

	st = mc_steps_parse(cell(r, map, COL_STEPS), &p->steps, &p->n_steps, &sub);
	if (st != MC_OK)
		return mc_err_set(e, st, _("%s, line %d: %s"), source, line, sub.msg);
	return MC_OK;
}

mc_status mc_catalog_parse(const char *text, const char *source, mc_procedure **out, size_t *n,
                           mc_err *e)
{
	*out = NULL;
	*n = 0;
	if (!source)
		source = "catalogue";
	csv_reader rd = {.p = text, .line = 1, .source = source};
	if ((unsigned char)rd.p[0] == 0xEF && (unsigned char)rd.p[1] == 0xBB &&
	    (unsigned char)rd.p[2] == 0xBF)
		rd.p += 3;
	csv_row row = {0};
	mc_procedure *procs = NULL;
	size_t count = 0, cap = 0;
	int map[COL_COUNT];
	bool have_header = false;
	mc_status st = MC_OK;

	for (;;) {
		st = csv_next(&rd, &row, e);
		if (st != MC_OK)
			break;
		if (row.n == 0)
			break;
		/* Blank lines are skipped. */
		if (row.n == 1 && blank(row.cells[0]))
			continue;
		if (!have_header) {
			st = header_map(&row, source, map, e);
			if (st != MC_OK)
				break;
			have_header = true;
			continue;
		}
		size_t ncols = 0;
		for (int c = 0; c < COL_COUNT; c++)
			ncols += map[c] >= 0;
		if (row.n != ncols) {
			st = mc_err_set(e, MC_ERR_INVALID,
			                _("%s, line %d: %zu columns where the header has %zu."), source,
			                row.line, row.n, ncols);
			break;
		}
		if (count == cap) {
			cap = cap ? cap * 2 : 64;
			mc_procedure *np = realloc(procs, cap * sizeof *np);
			if (!np) {
				st = mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
				break;
			}
			procs = np;
		}
		st = parse_record(&row, map, source, &procs[count], e);
		count++; /* parse_record leaves a freeable record even when it fails */
		if (st != MC_OK)
			break;
		for (size_t k = 0; k + 1 < count; k++)
			if (strcmp(procs[k].code, procs[count - 1].code) == 0) {
				st = mc_err_set(e, MC_ERR_EXISTS,
				                _("%s, line %d: procedure code %s already appears on line %d."),
				                source, row.line, procs[count - 1].code, procs[k].line);
				break;
			}
		if (st != MC_OK)
			break;
	}
	row_free(&row);
	free(rd.buf);
	if (st == MC_OK && !have_header)
		st = mc_err_set(e, MC_ERR_INVALID,
		                _("%s: the file is empty (a header row is needed, see data/catalogue.md)."),
		                source);
	if (st != MC_OK) {
		mc_catalog_free(procs, count);
		return st;
	}
	*out = procs;
	*n = count;
	return MC_OK;
}

mc_status mc_catalog_load_file(const char *path, mc_procedure **out, size_t *n, mc_err *e)
{
	*out = NULL;
	*n = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_err_set(e, MC_ERR_IO, _("cannot open the catalogue \"%s\": %s."), path,
		                  strerror(errno));
	size_t cap = 1 << 16, len = 0;
	char *text = malloc(cap);
	while (text) {
		if (len + 1 >= cap) {
			char *t = realloc(text, cap * 2);
			if (!t) {
				free(text);
				text = NULL;
				break;
			}
			text = t;
			cap *= 2;
		}
		size_t got = fread(text + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	bool failed = ferror(f);
	fclose(f);
	if (!text)
		return mc_err_set(e, MC_ERR_NOMEM, "%s", _("out of memory."));
	if (failed) {
		free(text);
		return mc_err_set(e, MC_ERR_IO, _("cannot read the catalogue \"%s\"."), path);
	}
	text[len] = '\0';
	if (strlen(text) != len) {
		free(text);
		return mc_err_set(e, MC_ERR_INVALID, _("the catalogue \"%s\" contains a NUL byte."),
		                  path);
	}
	mc_status st = mc_catalog_parse(text, path, out, n, e);
	free(text);
	return st;
}
