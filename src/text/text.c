/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Unicode helpers on top of utf8proc (this folder is its only user): NFC,
 * search folding with the explicit đ/Đ -> d rule, sanitising of control and
 * escape sequences, display widths and grapheme-safe truncation.
 */
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <wchar.h>

#include "motcua/text.h"

/* Decode one code point of s[0..left); returns its length or -1 when invalid. */
static int decode(const char *s, size_t left, int32_t *cp)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
	                                      left > 4 ? 4 : (utf8proc_ssize_t)left, &c);
	if (n <= 0) {
		*cp = -1;
		return -1;
	}
	*cp = c;
	return (int)n;
}

bool mc_text_valid_utf8(const char *s)
{
	if (!s)
		return false;
	size_t left = strlen(s);
	while (left) {
		int32_t cp;
		int n = decode(s, left, &cp);
		if (n < 0)
			return false;
		s += n;
		left -= (size_t)n;
	}
	return true;
}

char *mc_text_nfc(const char *s)
{
	if (!s || !mc_text_valid_utf8(s))
		return NULL;
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

/* đ and Đ have no decomposition, so STRIPMARK leaves them: map them by hand. */
static utf8proc_int32_t fold_d(utf8proc_int32_t cp, void *data)
{
	(void)data;
	if (cp == 0x0110 || cp == 0x0111)
		return 'd';
	return cp;
}

static bool is_space_or_control(int32_t cp)
{
	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return true;
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_CC;
}

char *mc_text_fold(const char *s)
{
	if (!s || !mc_text_valid_utf8(s))
		return NULL;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n = utf8proc_map_custom(
	        (const utf8proc_uint8_t *)s, 0, &mapped,
	        UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK |
	                UTF8PROC_CASEFOLD,
	        fold_d, NULL);
	if (n < 0)
		return NULL;
	/* Collapse white space in place: the result is never longer. */
	char *out = (char *)mapped;
	size_t len = (size_t)n, w = 0;
	bool pending = false;
	for (size_t r = 0; r < len;) {
		int32_t cp;
		int k = decode(out + r, len - r, &cp);
		if (k < 0) { /* cannot happen after utf8proc_map */
			free(mapped);
			return NULL;
		}
		if (is_space_or_control(cp)) {
			pending = w > 0;
		} else {
			if (pending)
				out[w++] = ' ';
			pending = false;
			memmove(out + w, out + r, (size_t)k);
			w += (size_t)k;
		}
		r += (size_t)k;
	}
	out[w] = '\0';
	return out;
}

/* ---- sanitising -------------------------------------------------------- */

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Length of a string sequence (OSC, DCS, ...) starting at s: up to BEL or ST. */
static size_t skip_string(const unsigned char *s)
{
	size_t i = 0;
	while (s[i]) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b && s[i + 1] == '\\')
			return i + 2;
		if (s[i] == 0xc2 && s[i + 1] == 0x9c) /* U+009C ST */
			return i + 2;
		i++;
	}
	return i;
}

/* Length of CSI parameters and final byte starting at s. */
static size_t skip_csi(const unsigned char *s)
{
	size_t i = 0;
	while (s[i] >= 0x30 && s[i] <= 0x3f)
		i++;
	while (s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/* Length of the escape sequence starting with ESC at s (at least 1). */
static size_t escape_length(const unsigned char *s)
{
	unsigned char c = s[1];
	if (c == '[')
		return 2 + skip_csi(s + 2);
	if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_')
		return 2 + skip_string(s + 2);
	size_t i = 1;
	while (s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

static bool is_bidi_override(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

char *mc_text_sanitize(const char *s, unsigned flags)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	bool keep_nl = (flags & MC_TEXT_KEEP_NEWLINES) != 0;
	while (*p) {
		unsigned char c = *p;
		if (c == 0x1b) {
			p += escape_length(p);
			memcpy(out + w, REPLACEMENT, 3);
			w += 3;
		} else if (c == '\n' || c == '\r') {
			out[w++] = keep_nl ? '\n' : ' ';
			p += (c == '\r' && p[1] == '\n') ? 2 : 1;
		} else if (c == '\t') {
			out[w++] = ' ';
			p++;
		} else if (c < 0x20 || c == 0x7f) {
			memcpy(out + w, REPLACEMENT, 3);
			w += 3;
			p++;
		} else if (c < 0x80) {
			out[w++] = (char)c;
			p++;
		} else {
			int32_t cp;
			int n = decode((const char *)p, strlen((const char *)p), &cp);
			if (n < 0) {
				n = 1;
			} else if (cp == 0x9b) { /* 8-bit CSI */
				n += (int)skip_csi(p + n);
			} else if (cp == 0x90 || cp == 0x98 || cp == 0x9d || cp == 0x9e ||
			           cp == 0x9f) { /* DCS SOS OSC PM APC */
				n += (int)skip_string(p + n);
			} else if (!(cp >= 0x80 && cp <= 0x9f) && !is_bidi_override(cp)) {
				memcpy(out + w, p, (size_t)n);
				w += (size_t)n;
				p += n;
				continue;
			}
			memcpy(out + w, REPLACEMENT, 3);
			w += 3;
			p += n;
		}
	}
	out[w] = '\0';
	return out;
}

/* ---- widths ------------------------------------------------------------ */

static bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && strcmp(cs, "UTF-8") == 0;
}

/*
 * Next character of s[0..left): its code point (-1 if invalid), byte length
 * and display width. Under a UTF-8 locale mbrtowc + wcwidth decide; otherwise
 * (or when the C library cannot decode) utf8proc does.
 */
static int next_char(const char *s, size_t left, bool utf8_locale, int32_t *cp, int *width)
{
	if (utf8_locale) {
		mbstate_t st;
		wchar_t wc;
		memset(&st, 0, sizeof st);
		size_t n = mbrtowc(&wc, s, left, &st);
		if (n != (size_t)-1 && n != (size_t)-2 && n != 0) {
			int w = wcwidth(wc);
			*cp = (int32_t)wc;
			*width = w < 0 ? 0 : w;
			return (int)n;
		}
	}
	int n = decode(s, left, cp);
	if (n < 0) {
		*width = 1; /* shown as one replacement character */
		return 1;
	}
	utf8proc_category_t cat = utf8proc_category(*cp);
	*width = (cat == UTF8PROC_CATEGORY_CC) ? 0 : utf8proc_charwidth(*cp);
	return n;
}

int mc_text_width(const char *s)
{
	if (!s)
		return 0;
	bool u8 = locale_is_utf8();
	size_t left = strlen(s);
	int total = 0;
	while (left) {
		int32_t cp;
		int w;
		int n = next_char(s, left, u8, &cp, &w);
		total += w;
		s += n;
		left -= (size_t)n;
	}
	return total;
}

size_t mc_text_fit(const char *s, int cols, int *used_cols)
{
	size_t best = 0;
	int used = 0;
	if (!s || cols <= 0) {
		if (used_cols)
			*used_cols = 0;
		return 0;
	}
	bool u8 = locale_is_utf8();
	size_t len = strlen(s), pos = 0;
	int cluster_w = 0;
	int32_t prev = -1;
	utf8proc_int32_t state = 0;
	bool stopped = false;
	while (pos < len) {
		int32_t cp;
		int w;
		int n = next_char(s + pos, len - pos, u8, &cp, &w);
		/* An invalid byte is its own cluster. */
		bool boundary = pos > 0 && (prev < 0 || cp < 0 ||
		                            utf8proc_grapheme_break_stateful(prev, cp, &state));
		if (boundary) {
			if (used + cluster_w > cols) {
				stopped = true;
				break;
			}
			used += cluster_w;
			best = pos;
			cluster_w = 0;
			if (cp < 0 || prev < 0)
				state = 0;
		}
		cluster_w += w;
		prev = cp;
		pos += (size_t)n;
	}
	if (!stopped && used + cluster_w <= cols) {
		used += cluster_w;
		best = len;
	}
	if (used_cols)
		*used_cols = used;
	return best;
}
