/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Form templates: a small line-oriented markup kept in assets/templates/ so an
 * agency can change the wording of a printed form without recompiling
 * (syntax: assets/templates/README.md). This module is pure: it parses a
 * template, checks it, and expands it with named fields into an mc_doc, a
 * list of blocks whose text is final (no placeholders left). Layout and
 * drawing live in src/print (print.h).
 *
 * Every placeholder must name a field (or list) present in the data: an
 * unknown or missing field is an error naming the field and the template
 * line, never a blank.
 *
 * Text in an mc_doc is UTF-8 with three in-band markers, which never come
 * from data (field values are sanitised of control characters):
 *   MC_TPL_BOLD   ('\x01') toggles bold,
 *   MC_TPL_ITALIC ('\x02') toggles italic,
 *   '\n'                   is a forced line break.
 *
 * Ownership: every _new/_parse result is freed by its _free (NULL is a no-op);
 * strings passed in are copied; pointers returned by getters stay owned by
 * the object and live until it is freed.
 */
#ifndef MOTCUA_TEMPLATE_H
#define MOTCUA_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/error.h"

#define MC_TPL_BOLD '\x01'
#define MC_TPL_ITALIC '\x02'
#define MC_TPL_MAX_COLS 16

/* ---- Form data: named string fields and named lists of rows ---------------- */

typedef struct mc_form_data mc_form_data;
typedef struct mc_form_row mc_form_row;

mc_form_data *mc_form_data_new(void);
void mc_form_data_free(mc_form_data *d);

/*
 * Set field `name` ([a-z0-9_]+) to a copy of `value` (UTF-8), cleaned by
 * mc_text_sanitize (control characters and invalid bytes become U+FFFD, a
 * tab a space; a line feed is kept as a line break) and NFC-normalised.
 * Setting again replaces.
 * MC_ERR_INVALID for a bad name, MC_ERR_NOMEM.
 */
mc_status mc_form_set(mc_form_data *d, const char *name, const char *value);
/* printf-style variant. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
mc_status mc_form_setf(mc_form_data *d, const char *name, const char *fmt, ...);
/* Value of a field, or NULL when it was never set. */
const char *mc_form_get(const mc_form_data *d, const char *name);

/* Make sure list `name` exists (possibly with no rows). */
mc_status mc_form_list(mc_form_data *d, const char *name);
/* Append a row to list `name` (created if needed); NULL on a bad name or no memory. */
mc_form_row *mc_form_add_row(mc_form_data *d, const char *list);
/* Same rules as mc_form_set, for one row. */
mc_status mc_form_row_set(mc_form_row *r, const char *name, const char *value);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
mc_status mc_form_row_setf(mc_form_row *r, const char *name, const char *fmt, ...);
/* Reverse the order of the rows of a list (MC_ERR_NOT_FOUND without it). */
mc_status mc_form_list_reverse(mc_form_data *d, const char *list);
/* Number of rows of a list; -1 when the list does not exist. */
long mc_form_list_len(const mc_form_data *d, const char *list);

/* ---- Parsed templates ------------------------------------------------------ */

typedef enum mc_tpl_kind {
	MC_TPL_TEXT,       /* paragraphs (also .title .para .center .lines) */
	MC_TPL_HEADER,     /* Decree 30 two-column header: key: value lines */
	MC_TPL_TABLE,      /* bordered table, cells separated by | */
	MC_TPL_RECIPIENTS, /* "Nơi nhận" block (left of the next .sign) */
	MC_TPL_SIGN,       /* signature lines, columns separated by |, ~ = gap */
	MC_TPL_SPACE,      /* vertical space */
	MC_TPL_PAGEBREAK,  /* start a new page */
} mc_tpl_kind;

typedef enum mc_tpl_align {
	MC_ALIGN_LEFT,
	MC_ALIGN_CENTER,
	MC_ALIGN_RIGHT,
	MC_ALIGN_JUSTIFY,
} mc_tpl_align;

/* Page settings of a template (.page .margins .font .size .pagenumbers). */
typedef struct mc_tpl_page {
	double width_mm, height_mm; /* A4 210x297, A5 148x210; landscape swaps */
	double margin_top_mm, margin_right_mm, margin_bottom_mm, margin_left_mm;
	char font[64];              /* "Liberation Serif" */
	double size_pt;             /* base font size */
	bool page_numbers;          /* number pages from the second one */
} mc_tpl_page;

/* Style of a block, from its options. */
typedef struct mc_tpl_style {
	mc_tpl_align align;
	double size_pt;             /* 0 = the page's base size */
	bool bold, italic, caps;
	bool each;                  /* each source line is its own paragraph */
	double indent_mm;           /* first-line indent */
	double before_mm, after_mm; /* space around the block */
	double gap_mm;              /* .sign: height of a ~ line */
	int header_rows;            /* .table: rows repeated on each page */
	int ncols;                  /* .table / .sign: number of columns */
	double col_pct[MC_TPL_MAX_COLS];     /* column widths in % of the text width */
	mc_tpl_align col_align[MC_TPL_MAX_COLS];
} mc_tpl_style;

typedef struct mc_template mc_template;

/*
 * Parse template text. `name` (usually the file path) is used in messages:
 * "receipt.tpl, line 12: unknown block .tabel". Syntax errors are reported
 * here; field names are checked by mc_template_expand.
 */
mc_status mc_template_parse(const char *text, size_t len, const char *name,
                            mc_template **out, mc_err *e);
/* Read and parse a file (MC_ERR_IO names the file when it cannot be read). */
mc_status mc_template_load(const char *path, mc_template **out, mc_err *e);
void mc_template_free(mc_template *t);

const mc_tpl_page *mc_template_page(const mc_template *t);
/* Name given to parse/load. */
const char *mc_template_name(const mc_template *t);

/*
 * Names of every field and list a template refers to, for documentation and
 * tests: calls fn(name, is_list, line, ctx) for each placeholder in order.
 */
void mc_template_each_field(const mc_template *t,
                            void (*fn)(const char *name, bool is_list, int line, void *ctx),
                            void *ctx);

/* ---- Expanded documents ---------------------------------------------------- */

typedef struct mc_doc_line {
	int src_line;  /* template line it came from */
	int ncells;    /* 1 for text, columns for tables/sign/header (key, value) */
	char **cells;  /* final text with MC_TPL_BOLD/ITALIC markers */
	bool gap;      /* .sign: a "~" line */
} mc_doc_line;

typedef struct mc_doc_block {
	mc_tpl_kind kind;
	int src_line;
	mc_tpl_style style;
	double space_mm;       /* .space */
	size_t nlines;
	mc_doc_line *lines;    /* for TEXT: one per paragraph */
} mc_doc_block;

typedef struct mc_doc {
	mc_tpl_page page;
	char title[256];       /* plain text of the first .title, for PDF metadata */
	size_t nblocks;
	mc_doc_block *blocks;  /* copies are separated by MC_TPL_PAGEBREAK blocks */
} mc_doc;

/*
 * Expand a template with data: every {field} and {#list}...{/list} must be
 * resolvable, else MC_ERR_INVALID with "<name>, line N: unknown field
 * {xyz}". With .copies, the document is produced once per copy with the
 * field {copy} set to the copy's label.
 */
mc_status mc_template_expand(const mc_template *t, const mc_form_data *d, mc_doc **out,
                             mc_err *e);
void mc_doc_free(mc_doc *doc);

#endif
