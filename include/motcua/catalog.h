/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The procedure catalogue (danh mục thủ tục hành chính) as read from a CSV
 * file: a pure parser, no database. The column format is documented in
 * data/catalogue.md; the store (src/store) imports the parsed records.
 *
 * Parsing is all or nothing: a malformed row (wrong column count, bad unit,
 * negative or absurd limit, empty name, duplicate code, bad bracket of
 * copies in a document (mc_doc_item_parse), ...) fails with the
 * source name and the LINE number in e->msg and nothing is returned.
 *
 * Ownership: mc_catalog_parse() / mc_catalog_load_file() return one malloc'd
 * array of records; every string and sub-array in it belongs to the array
 * and is released by mc_catalog_free(array, n). All text is NFC UTF-8.
 */
#ifndef MOTCUA_CATALOG_H
#define MOTCUA_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "motcua/deadline.h"
#include "motcua/error.h"

/* Longest accepted procedure code ("1.001234", local "2.000908.H29"...). */
#define MC_PROC_CODE_MAX 32
/* Longest unit code in a step list ("PHONG", "LD", "MC"...). */
#define MC_UNIT_CODE_MAX 32

typedef enum {
	MC_LEVEL_PROVINCE, /* "province": provincial department / centre (cấp tỉnh) */
	MC_LEVEL_COMMUNE   /* "commune": commune-level centre (cấp xã) */
} mc_level;

/* "province" | "commune". */
const char *mc_level_name(mc_level l);
/* Parses "province" / "commune" (also "tinh"/"tỉnh", "xa"/"xã"). */
mc_status mc_level_parse(const char *s, mc_level *out, mc_err *e);

/* One internal step of a procedure: the unit that does it and its budget. */
typedef struct mc_step {
	char unit[MC_UNIT_CODE_MAX]; /* unit code, e.g. "PHONG" */
	mc_limit budget;             /* e.g. {MC_UNIT_DAYS, 7, -1} */
} mc_step;

typedef struct mc_procedure {
	char code[MC_PROC_CODE_MAX]; /* national code, e.g. "1.001234" */
	char *name;                  /* NFC, never empty */
	char *field;                 /* lĩnh vực, NFC, never empty */
	mc_level level;
	mc_limit limit;              /* statutory limit, direct and postal dossiers;
	                                limit.cutoff = same-day cut-off, -1 = config default */
	mc_limit online_limit;       /* limit for online dossiers (a copy of limit when the
	                                CSV leaves it empty; has_online_limit tells which) */
	bool has_online_limit;
	char *fee;                   /* free text, "" when none ("Miễn phí", "50.000 đồng/bản") */
	char **documents;            /* required documents, NFC, in order */
	size_t n_documents;
	mc_step *steps;              /* optional internal steps, in order */
	size_t n_steps;
	int line;                    /* line of the CSV where the record starts */
} mc_procedure;

/*
 * Parse CSV text (UTF-8, optional BOM, header row, RFC 4180 quoting, LF or
 * CRLF). source names the text in messages (a file name). On success *out is
 * a malloc'd array of *n records (NULL and 0 for a catalogue with a header
 * only); on failure *out is NULL, *n is 0 and e names source and line.
 */
mc_status mc_catalog_parse(const char *text, const char *source, mc_procedure **out, size_t *n,
                           mc_err *e);

/* Read a whole file and parse it (messages name the file). */
mc_status mc_catalog_load_file(const char *path, mc_procedure **out, size_t *n, mc_err *e);

/* Free an array returned by the parser (NULL is a no-op). */
void mc_catalog_free(mc_procedure *procs, size_t n);

/*
 * Step list text, as in the CSV "steps" column: "UNIT:budget;UNIT:budget",
 * e.g. "PHONG:7 days;LD:2 days;MC:4 hours". Empty text gives 0 steps.
 * *out is malloc'd (NULL when 0 steps); caller frees with free().
 */
mc_status mc_steps_parse(const char *s, mc_step **out, size_t *n, mc_err *e);
/* The canonical text of a step list ("PHONG:7 days;LD:2 days"); "" for none. */
void mc_steps_format(const mc_step *steps, size_t n, char *buf, size_t size);

/*
 * Documents joined with "\n" into a malloc'd string (how the store keeps
 * them); and split back. Caller frees the string / the array with
 * mc_documents_free().
 */
char *mc_documents_join(char *const *docs, size_t n);
mc_status mc_documents_split(const char *joined, char ***out, size_t *n, mc_err *e);
void mc_documents_free(char **docs, size_t n);

/*
 * One item of a procedure's document list, with the copies it requires
 * (data/catalogue.md): "Giấy khai sinh [1 bản sao]", "Hợp đồng [2 bản chính,
 * 1 bản chụp]". The bracket, when present, ends the item; its parts are
 * "N kind" separated by commas, N 1..MC_DOC_COUNT_MAX, kind "bản chính"
 * (original), "bản sao" / "bản sao chứng thực" (certified copy) or "bản
 * chụp" (photocopy), matched ignoring case and marks ("1 ban chinh").
 * Without a bracket the name decides: one certified copy when it starts with
 * "Bản sao", one photocopy when it starts with "Bản chụp", else one original.
 */
#define MC_DOC_COUNT_MAX 99

typedef struct mc_doc_item {
	size_t name_len; /* the display name is the first name_len bytes of the item
	                    (the bracket and the blanks before it left out) */
	int originals;   /* bản chính */
	int certified;   /* bản sao (chứng thực) */
	int copies;      /* bản chụp */
	bool stated;     /* true when the counts come from a bracket */
} mc_doc_item;

/*
 * Parse one document item (NUL-terminated UTF-8, no allocation kept: the
 * result points nowhere, it only measures item). A malformed bracket (never
 * closed, text after it, an unknown kind, a missing count, a count of 0 or
 * above MC_DOC_COUNT_MAX, a kind twice, nothing inside) fails with one clause
 * quoting the item and the bad text in e->msg; *out is then zeroed.
 */
mc_status mc_doc_item_parse(const char *item, mc_doc_item *out, mc_err *e);

/*
 * The copies of it in words: "1 bản chính", "2 bản chính, 1 bản chụp",
 * "1 bản sao chứng thực"; "" when every count is 0. With official the words
 * are the fixed Vietnamese of the printed forms (forms are Vietnamese
 * whatever the interface language); without it they are translated for the
 * interface (English "1 original, 1 photocopy" when untranslated).
 * Truncated to size (always NUL-terminated).
 */
void mc_doc_item_words(const mc_doc_item *it, bool official, char *buf, size_t size);

#endif
