/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The copies a catalogue document requires (catalog.h, mc_doc_item): the
 * optional bracket at the end of an item ("Giấy khai sinh [1 bản sao]") or,
 * without one, the rule of the name ("Bản sao ..." is a certified copy,
 * "Bản chụp ..." a photocopy, anything else an original). Pure logic; the
 * kinds are matched on the folded text (src/text), so "1 ban chinh" works.
 * The words of the printed forms are the fixed Vietnamese of the official
 * forms, as in forms.c; the interface gets them through gettext.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/catalog.h"
#include "motcua/i18n.h"
#include "motcua/text.h"

enum kind { K_ORIGINAL, K_CERTIFIED, K_COPY };

/* Folded spellings of the kinds (mc_text_fold: no marks, lower case). */
static const struct {
	const char *folded;
	enum kind kind;
} kinds[] = {
    {"ban chinh", K_ORIGINAL},
    {"ban sao", K_CERTIFIED},
    {"ban sao chung thuc", K_CERTIFIED},
    {"ban sao co chung thuc", K_CERTIFIED},
    {"ban chup", K_COPY},
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Folded copy of s[0..len), trimmed; NULL when out of memory or invalid UTF-8. */
static char *fold_n(const char *s, size_t len)
{
	char *raw = malloc(len + 1);
	if (!raw)
		return NULL;
	memcpy(raw, s, len);
	raw[len] = '\0';
	char *f = mc_text_fold(raw);
	free(raw);
	return f;
}

/* True when folded text f starts with the words w (followed by the end or a space). */
static bool starts_with_words(const char *f, const char *w)
{
	size_t n = strlen(w);
	return strncmp(f, w, n) == 0 && (f[n] == '\0' || f[n] == ' ');
}

/* The name rule: the counts of an item without a bracket. */
static mc_status name_rule(const char *name, size_t len, mc_doc_item *out, mc_err *e)
{
	char *f = fold_n(name, len);
	if (!f)
		return mc_err_set(e, MC_ERR_INVALID, _("document \"%s\" is not valid UTF-8 text."), name);
	if (starts_with_words(f, "ban sao"))
		out->certified = 1;
	else if (starts_with_words(f, "ban chup"))
		out->copies = 1;
	else
		out->originals = 1;
	free(f);
	return MC_OK;
}

/* One "N kind" part of a bracket (part[0..len), untrimmed); adds it to out. */
static mc_status parse_part(const char *item, const char *part, size_t len, mc_doc_item *out,
                            mc_err *e)
{
	while (len > 0 && is_blank(*part)) {
		part++;
		len--;
	}
	while (len > 0 && is_blank(part[len - 1]))
		len--;
	int shown = len > 200 ? 200 : (int)len;
	size_t digits = 0;
	while (digits < len && part[digits] >= '0' && part[digits] <= '9')
		digits++;
	if (digits == 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("document \"%s\": \"%.*s\" gives no number of copies (write e.g. \"1 bản chính\")."),
		                  item, shown, part);
	long count = 0;
	for (size_t i = 0; i < digits && count <= MC_DOC_COUNT_MAX; i++)
		count = count * 10 + (part[i] - '0');
	if (count < 1 || count > MC_DOC_COUNT_MAX)
		return mc_err_set(e, MC_ERR_RANGE,
		                  _("document \"%s\": %.*s copies is out of range (1 to %d)."), item,
		                  (int)(digits > 20 ? 20 : digits), part, MC_DOC_COUNT_MAX);
	char *f = fold_n(part + digits, len - digits);
	if (!f)
		return mc_err_set(e, MC_ERR_INVALID, _("document \"%s\" is not valid UTF-8 text."), item);
	int found = -1;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(f, kinds[i].folded) == 0)
			found = (int)kinds[i].kind;
	free(f);
	if (found < 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("document \"%s\": \"%.*s\" is not a kind of copy (bản chính, bản sao or bản chụp)."),
		                  item, shown, part);
	int *slot = found == K_ORIGINAL ? &out->originals
	            : found == K_CERTIFIED ? &out->certified
	                                   : &out->copies;
	if (*slot)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("document \"%s\": \"%.*s\" repeats a kind of copy already given."),
		                  item, shown, part);
	*slot = (int)count;
	return MC_OK;
}

mc_status mc_doc_item_parse(const char *item, mc_doc_item *out, mc_err *e)
{
	memset(out, 0, sizeof *out);
	if (!item)
		item = "";
	size_t end = strlen(item);
	while (end > 0 && is_blank(item[end - 1]))
		end--;
	const char *open = memchr(item, '[', end);
	const char *close_any = memchr(item, ']', end);
	mc_status st = MC_OK;
	if (!open) {
		if (close_any)
			st = mc_err_set(e, MC_ERR_INVALID,
			                _("document \"%s\": a \"]\" closes no bracket."), item);
		else
			st = name_rule(item, end, out, e);
		if (st == MC_OK)
			out->name_len = end;
		else
			memset(out, 0, sizeof *out);
		return st;
	}
	const char *close = memchr(open + 1, ']', end - (size_t)(open + 1 - item));
	const char *inner_open = memchr(open + 1, '[', end - (size_t)(open + 1 - item));
	size_t name_len = (size_t)(open - item);
	while (name_len > 0 && is_blank(item[name_len - 1]))
		name_len--;
	if (!close || (inner_open && inner_open < close))
		st = mc_err_set(e, MC_ERR_INVALID,
		                _("document \"%s\": the bracket of copies is never closed (write e.g. \"[1 bản chính]\")."),
		                item);
	else if (close_any < open)
		st = mc_err_set(e, MC_ERR_INVALID,
		                _("document \"%s\": a \"]\" closes no bracket."), item);
	else if (close != item + end - 1)
		st = mc_err_set(e, MC_ERR_INVALID,
		                _("document \"%s\": the bracket of copies must end the item (found \"%.*s\" after it)."),
		                item, (int)(item + end - close - 1), close + 1);
	else if (name_len == 0)
		st = mc_err_set(e, MC_ERR_INVALID,
		                _("document \"%s\" has no name before the bracket of copies."), item);
	/* The parts, separated by commas. */
	const char *p = open + 1;
	while (st == MC_OK) {
		const char *comma = memchr(p, ',', (size_t)(close - p));
		const char *stop = comma ? comma : close;
		st = parse_part(item, p, (size_t)(stop - p), out, e);
		if (!comma)
			break;
		p = comma + 1;
	}
	if (st != MC_OK) {
		memset(out, 0, sizeof *out);
		return st;
	}
	out->name_len = name_len;
	out->stated = true;
	return MC_OK;
}

void mc_doc_item_words(const mc_doc_item *it, bool official, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	const struct {
		int n;
		const char *text;
	} parts[] = {
	    {it->originals, official ? "%d bản chính"
	                             : P_("%d original", "%d originals", (unsigned long)it->originals)},
	    {it->certified, official ? "%d bản sao chứng thực"
	                             : P_("%d certified copy", "%d certified copies",
	                                  (unsigned long)it->certified)},
	    {it->copies, official ? "%d bản chụp"
	                          : P_("%d photocopy", "%d photocopies", (unsigned long)it->copies)},
	};
	size_t used = 0;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (parts[i].n <= 0 || used >= size)
			continue;
		if (used) {
			int w = snprintf(buf + used, size - used, ", ");
			if (w < 0)
				break;
			used += (size_t)w;
			if (used >= size)
				break;
		}
		int w = snprintf(buf + used, size - used, parts[i].text, parts[i].n);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}
