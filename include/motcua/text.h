/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unicode text helpers: normalisation (every stored string is NFC), folding
 * for diacritic- and case-insensitive search (Vietnamese đ/Đ included),
 * sanitising text before it reaches a terminal, a PDF or a spreadsheet, and
 * display widths for the terminal interface.
 *
 * Implemented in src/text/ (the only folder that uses utf8proc). Functions
 * returning char * return a malloc'd string the caller frees with free();
 * NULL means invalid UTF-8 input (or out of memory). Inputs are never changed.
 */
#ifndef MOTCUA_TEXT_H
#define MOTCUA_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s (NUL-terminated) is well-formed UTF-8 (no overlongs, no surrogates). */
bool mc_text_valid_utf8(const char *s);

/* NFC form of s (some Vietnamese keyboards send decomposed text). NULL on invalid UTF-8. */
char *mc_text_nfc(const char *s);

/*
 * Search key of s: NFC, marks stripped, case folded, đ/Đ -> d (it has no
 * decomposition), runs of white space and control characters collapsed to one
 * space, trimmed. "Nguyễn Văn Đức" (composed or decomposed) -> "nguyen van duc".
 * NULL on invalid UTF-8.
 */
char *mc_text_fold(const char *s);

/* Flags of mc_text_sanitize(). */
enum {
	MC_TEXT_KEEP_NEWLINES = 1 << 0, /* keep "\n" (CRLF and lone CR become "\n") */
};

/*
 * Copy of s that is safe to show: terminal escape sequences (ESC ..., CSI,
 * OSC, DCS) become one U+FFFD each, other C0/C1 control characters, DEL and
 * bidirectional overrides become U+FFFD, tabs become a space, newlines a space
 * unless MC_TEXT_KEEP_NEWLINES. Invalid UTF-8 bytes become U+FFFD, so the
 * result is always valid UTF-8. Does not normalise (use mc_text_nfc).
 * NULL only when out of memory or s is NULL.
 */
char *mc_text_sanitize(const char *s, unsigned flags);

/*
 * Display width of s in terminal columns (wcwidth after mbrtowc under a UTF-8
 * LC_CTYPE; utf8proc's width table when the locale cannot decode). Combining
 * marks count 0, wide (CJK) characters 2, an invalid byte 1, controls 0.
 */
int mc_text_width(const char *s);

/*
 * Byte length of the longest prefix of s that fits in cols columns, cut on a
 * grapheme-cluster boundary (a letter never loses its combining marks). If
 * used_cols is not NULL it receives the width of that prefix.
 */
size_t mc_text_fit(const char *s, int cols, int *used_cols);

#endif
