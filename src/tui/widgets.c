/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Safe text output, the UTF-8 line editor and small list helpers.
 *
 * Text from the database may contain anything: it is decoded, control
 * characters (C0, DEL, C1) become '?', bidirectional overrides are dropped,
 * and it is cut to the column budget on character-cluster boundaries (a
 * base character with the zero-width marks that follow it), using wcwidth()
 * rather than a table of our own. The editor moves and deletes by cluster too,
 * so Backspace removes "ệ" whole whether it was typed composed or decomposed,
 * and hands its text out NFC-normalised.
 */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "motcua/i18n.h"
#include "motcua/text.h"
#include "tui/ui.h"

#define WBUF 1024

static bool is_bidi_control(wchar_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
	       c == 0x200F || c == 0x061C;
}

/* Decode UTF-8 into sanitised wide characters; returns the count. */
static size_t decode(const char *s, wchar_t *out, size_t cap)
{
	size_t n = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = s ? strlen(s) : 0;
	const char *p = s;
	while (len > 0 && n + 1 < cap) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, p, len, &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			memset(&st, 0, sizeof st);
			wc = 0xFFFD;
			r = 1;
		} else if (r == 0) {
			break;
		}
		p += r;
		len -= r;
		if (is_bidi_control(wc))
			continue;
		if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
			wc = L'?';
		else if (wcwidth(wc) < 0)
			wc = L'?';
		out[n++] = wc;
	}
	out[n] = 0;
	return n;
}

static int wc_width(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 1 : w;
}

/* Width of the cluster starting at i and its end (exclusive). */
static size_t cluster_end(const wchar_t *w, size_t n, size_t i, int *width)
{
	*width = wc_width(w[i]);
	size_t j = i + 1;
	while (j < n && wcwidth(w[j]) == 0)
		j++;
	return j;
}

/* Fit w[0..n) to width columns: number of characters kept and their width. */
static size_t fit(const wchar_t *w, size_t n, int width, int *used, bool *cut)
{
	int total = 0;
	size_t i = 0;
	*cut = false;
	while (i < n) {
		int cw;
		size_t j = cluster_end(w, n, i, &cw);
		if (total + cw > width) {
			*cut = true;
			break;
		}
		total += cw;
		i = j;
	}
	*used = total;
	return i;
}

int tui_width(const char *s)
{
	wchar_t w[WBUF];
	size_t n = decode(s, w, WBUF);
	int total = 0;
	for (size_t i = 0; i < n;) {
		int cw;
		i = cluster_end(w, n, i, &cw);
		total += cw;
	}
	return total;
}

const char *tui_pad(char *buf, size_t size, const char *s, int w)
{
	int n = snprintf(buf, size, "%s", s);
	for (int c = tui_width(s); c < w && n > 0 && (size_t)n + 1 < size; c++)
		buf[n++] = ' ';
	if (n > 0 && (size_t)n < size)
		buf[n] = 0;
	return buf;
}

void tui_fill(int y, int x, int width, int attr)
{
	if (width <= 0)
		return;
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(attr);
	mvhline(y, x, ' ', width);
	attr_set(old, pair, NULL);
}

int tui_put(int y, int x, int width, const char *s, int attr, bool pad)
{
	if (width <= 0)
		return 0;
	wchar_t w[WBUF];
	size_t n = decode(s, w, WBUF);
	int used;
	bool cut;
	size_t keep = fit(w, n, width, &used, &cut);
	if (cut) {
		/* Make room for the ellipsis on a cluster boundary. */
		keep = fit(w, n, width - 1, &used, &cut);
		w[keep++] = L'…';
		used++;
	}
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(attr);
	if (keep > 0)
		mvaddnwstr(y, x, w, (int)keep);
	if (pad && used < width)
		mvhline(y, x + used, ' ', width - used);
	attr_set(old, pair, NULL);
	return used;
}

int tui_put_right(int y, int x, int width, const char *s, int attr)
{
	int w = tui_width(s);
	if (w >= width)
		return tui_put(y, x, width, s, attr, false);
	return tui_put(y, x + width - w, w, s, attr, false);
}

int tui_wrap_hang(const char *s, int first, int width, const char **start, size_t *len,
                  int max_lines)
{
	int n = 0;
	if (!s)
		return 0;
	while (*s && n < max_lines) {
		int w = n == 0 ? first : width;
		if (w <= 0)
			break;
		int used;
		size_t k = mc_text_fit(s, w, &used);
		if (k == 0) /* not even one character fits */
			break;
		if (s[k] && n + 1 < max_lines) {
			size_t b = k;
			while (b > 0 && s[b] != ' ')
				b--;
			if (b > 0)
				k = b;
		} else if (s[k]) {
			k = strlen(s); /* the last line allowed: tui_put ends it with '…' */
		}
		start[n] = s;
		len[n] = k;
		n++;
		s += k;
		while (*s == ' ')
			s++;
	}
	return n;
}

int tui_wrap(const char *s, int width, const char **start, size_t *len, int max_lines)
{
	return tui_wrap_hang(s, width, width, start, len, max_lines);
}

void tui_put_span(int y, int x, int width, const char *s, size_t len, int attr, bool pad)
{
	char line[1024];
	size_t l = len < sizeof line - 1 ? len : sizeof line - 1;
	memcpy(line, s, l);
	line[l] = '\0';
	tui_put(y, x, width, line, attr, pad);
}

int tui_put_lines_up(int ybottom, int x, int width, const char *s, int attr, int max_lines)
{
	const char *start[8];
	size_t len[8];
	int n = tui_wrap(s, width, start, len, max_lines < 8 ? max_lines : 8);
	for (int i = 0; i < n; i++)
		tui_put_span(ybottom - (n - 1) + i, x, width, start[i], len[i], attr, true);
	return n;
}

/* ---- line editor ----------------------------------------------------------- */

void tui_edit_init(tui_edit *ed)
{
	memset(ed, 0, sizeof *ed);
}

void tui_edit_set(tui_edit *ed, const char *utf8)
{
	wchar_t w[WBUF];
	size_t n = decode(utf8, w, WBUF);
	size_t max = ed->max ? ed->max : TUI_EDIT_MAX - 1;
	if (n > max)
		n = max;
	memcpy(ed->buf, w, n * sizeof *w);
	ed->buf[n] = 0;
	ed->len = ed->cur = n;
}

bool tui_edit_empty(const tui_edit *ed)
{
	for (size_t i = 0; i < ed->len; i++)
		if (!iswspace((wint_t)ed->buf[i]))
			return false;
	return true;
}

void tui_edit_get(const tui_edit *ed, char *out, size_t size)
{
	char raw[TUI_EDIT_MAX * 4 + 1];
	size_t k = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < ed->len; i++) {
		char mb[MB_LEN_MAX];
		size_t r = wcrtomb(mb, ed->buf[i], &st);
		if (r == (size_t)-1 || k + r >= sizeof raw)
			continue;
		memcpy(raw + k, mb, r);
		k += r;
	}
	raw[k] = 0;
	/* Trim the ends: a stray space must not make two applicants of one. */
	char *b = raw;
	while (*b == ' ')
		b++;
	size_t l = strlen(b);
	while (l > 0 && b[l - 1] == ' ')
		b[--l] = 0;
	if (size == 0)
		return;
	char *nfc = mc_text_nfc(b);
	snprintf(out, size, "%s", nfc ? nfc : b);
	free(nfc);
}

static size_t prev_cluster(const tui_edit *ed, size_t i)
{
	while (i > 0 && wcwidth(ed->buf[i - 1]) == 0)
		i--;
	return i > 0 ? i - 1 : 0;
}

static size_t next_cluster(const tui_edit *ed, size_t i)
{
	if (i >= ed->len)
		return ed->len;
	i++;
	while (i < ed->len && wcwidth(ed->buf[i]) == 0)
		i++;
	return i;
}

static void erase_range(tui_edit *ed, size_t a, size_t b)
{
	memmove(ed->buf + a, ed->buf + b, (ed->len - b + 1) * sizeof ed->buf[0]);
	ed->len -= b - a;
	if (ed->cur > b)
		ed->cur -= b - a;
	else if (ed->cur > a)
		ed->cur = a;
}

bool tui_edit_key(tui_edit *ed, tui_key k)
{
	size_t max = ed->max ? ed->max : TUI_EDIT_MAX - 1;
	if (k.fn) {
		switch (k.code) {
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (ed->cur < ed->len)
				erase_range(ed, ed->cur, next_cluster(ed, ed->cur));
			return true;
		case KEY_LEFT:
			ed->cur = prev_cluster(ed, ed->cur);
			return true;
		case KEY_RIGHT:
			ed->cur = next_cluster(ed, ed->cur);
			return true;
		case KEY_HOME:
			ed->cur = 0;
			return true;
		case KEY_END:
			ed->cur = ed->len;
			return true;
		default:
			return false;
		}
	}
	if (k.code == 127 || k.code == 8) {
	backspace:
		if (ed->cur > 0) {
			size_t a = prev_cluster(ed, ed->cur);
			erase_range(ed, a, ed->cur);
		}
		return true;
	}
	if (k.code == ('u' & 0x1f)) {
		ed->len = ed->cur = 0;
		ed->buf[0] = 0;
		return true;
	}
	wchar_t c = (wchar_t)k.code;
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || wcwidth(c) < 0)
		return false;
	if (ed->digits_only && !(c >= '0' && c <= '9'))
		return true; /* swallowed: only digits belong here */
	if (ed->len >= max)
		return true;
	memmove(ed->buf + ed->cur + 1, ed->buf + ed->cur, (ed->len - ed->cur + 1) * sizeof c);
	ed->buf[ed->cur++] = c;
	ed->len++;
	return true;
}

static int cursor_y = -1, cursor_x = -1;

void tui_cursor_reset(void)
{
	cursor_y = cursor_x = -1;
}

bool tui_cursor_get(int *y, int *x)
{
	*y = cursor_y;
	*x = cursor_x;
	return cursor_y >= 0;
}

static int span_width(const wchar_t *w, size_t a, size_t b)
{
	int total = 0;
	for (size_t i = a; i < b; i++)
		total += wcwidth(w[i]) > 0 ? wcwidth(w[i]) : (wcwidth(w[i]) < 0 ? 1 : 0);
	return total;
}

void tui_edit_draw(const tui_edit *ed, int y, int x, int width, bool focused)
{
	int attr = tui_attr(focused ? TUI_ROLE_FOCUS : TUI_ROLE_INPUT);
	if (width <= 0)
		return;
	/* Scroll so that the cursor stays visible (one column kept for it); a
	 * field without the focus shows its beginning. */
	size_t start = 0;
	while (focused && start < ed->cur && span_width(ed->buf, start, ed->cur) > width - 1)
		start = next_cluster(ed, start);
	char tmp[TUI_EDIT_MAX * 4 + 1];
	size_t k = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = start; i < ed->len; i++) {
		char mb[MB_LEN_MAX];
		size_t r = wcrtomb(mb, ed->buf[i], &st);
		if (r == (size_t)-1 || k + r >= sizeof tmp)
			continue;
		memcpy(tmp + k, mb, r);
		k += r;
	}
	tmp[k] = 0;
	tui_put(y, x, width, tmp, attr, true);
	if (focused) {
		cursor_y = y;
		cursor_x = x + span_width(ed->buf, start, ed->cur);
	}
}

/* ---- hints and lists -------------------------------------------------------- */

void tui_draw_hints(int y, int x, int width, int scope)
{
	/*
	 * Hints that do not fit go on to the line below when that is the status
	 * line (the screens put their hints just above it): a message, when there
	 * is one, is drawn over them. At 80 columns in Vietnamese the detail's
	 * "w rút HS  p in" would be lost otherwise.
	 */
	bool spill = y + 1 == LINES - 2;
	int col = 0;
	for (size_t i = 0; i < tui_keymap_count && col < width; i++) {
		const tui_binding *b = &tui_keymap[i];
		if (b->scope != scope || !b->bar || b->fn)
			continue;
		/* Keys the session's role refuses are not offered. */
		if (!tui_key_allowed(scope, b->action))
			continue;
		char key[32];
		tui_key_name(b->key, b->fn, key, sizeof key);
		const char *label = _(b->bar);
		/* "1-9 views" carries its own key. */
		bool own = b->action == TUI_ACT_VIEW || b->action == TUI_ACT_PERIOD_PREV ||
		           b->action == TUI_ACT_PERIOD_NEXT || b->action == TUI_ACT_NEXT_TAB;
		int need = (own ? 0 : tui_width(key) + 1) + tui_width(label) + 2;
		if (col + need > width) {
			if (!spill)
				break;
			spill = false;
			y++;
			col = 0;
		}
		if (!own)
			col += tui_put(y, x + col, width - col, key, tui_attr(TUI_ROLE_BAR_KEY), false) + 1;
		col += tui_put(y, x + col, width - col, label, tui_attr(TUI_ROLE_DIM), false) + 2;
	}
}

void tui_list_clamp(int *cursor, int *top, int n, int rows)
{
	if (rows < 1)
		rows = 1;
	if (*cursor >= n)
		*cursor = n - 1;
	if (*cursor < 0)
		*cursor = 0;
	if (*top > *cursor)
		*top = *cursor;
	if (*cursor >= *top + rows)
		*top = *cursor - rows + 1;
	if (*top < 0)
		*top = 0;
}

bool tui_list_move(tui_action act, int *cursor, int n, int rows)
{
	switch (act) {
	case TUI_ACT_UP: (*cursor)--; break;
	case TUI_ACT_DOWN: (*cursor)++; break;
	case TUI_ACT_PGUP: *cursor -= rows > 1 ? rows - 1 : 1; break;
	case TUI_ACT_PGDN: *cursor += rows > 1 ? rows - 1 : 1; break;
	case TUI_ACT_HOME: *cursor = 0; break;
	case TUI_ACT_END: *cursor = n - 1; break;
	default: return false;
	}
	if (*cursor >= n)
		*cursor = n - 1;
	if (*cursor < 0)
		*cursor = 0;
	return true;
}
