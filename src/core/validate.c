/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Validators for typed fields (domain.md §7: ID number, phone, tax code,
 * e-mail) and for the agency identifier and dossier-code pattern of the
 * configuration. Pure: each normalises into the caller's buffer or explains
 * in one sentence what was expected.
 */
#include <stdio.h>
#include <string.h>

#include "motcua/i18n.h"
#include "motcua/validate.h"

/* Province codes of birth registration (domain.md §7). */
static const char *const province_codes[] = {
	"001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019",
	"020", "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036",
	"037", "038", "040", "042", "044", "045", "046", "048", "049", "051", "052", "054",
	"056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
	"077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
	"094", "095", "096",
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

const char *mc_quote_value(const char *in, size_t max, char *buf)
{
	size_t w = 0;
	const unsigned char *p = (const unsigned char *)(in ? in : "");
	while (*p && w < max) {
		buf[w++] = (*p < 0x20 || *p == 0x7f) ? '?' : (char)*p;
		p++;
	}
	if (*p) {
		while (w > 0 && ((unsigned char)buf[w - 1] & 0xc0) == 0x80)
			w--; /* drop a partial UTF-8 sequence */
		if (w > 0 && ((unsigned char)buf[w - 1] & 0xc0) == 0xc0)
			w--;
		memcpy(buf + w, "...", 3);
		w += 3;
	}
	buf[w] = '\0';
	return buf;
}

/*
 * The value as shown in a message: at most ~40 bytes (cut on a UTF-8
 * boundary, "..." appended), control bytes replaced by '?'.
 */
static const char *shown(const char *in, char buf[64])
{
	return mc_quote_value(in, 40, buf);
}

/* Copy in without the characters of `drop`; false when longer than outsz - 1. */
static bool strip_chars(const char *in, const char *drop, char *out, size_t outsz)
{
	size_t w = 0;
	for (; *in; in++) {
		if (strchr(drop, *in))
			continue;
		if (w + 1 >= outsz)
			return false;
		out[w++] = *in;
	}
	out[w] = '\0';
	return true;
}

/* ---- ID number --------------------------------------------------------- */

bool mc_id_province_known(const char *id12)
{
	if (!id12 || strlen(id12) < 3)
		return false;
	for (size_t i = 0; i < sizeof province_codes / sizeof province_codes[0]; i++)
		if (strncmp(id12, province_codes[i], 3) == 0)
			return true;
	return false;
}

int mc_id_birth_year(const char *id12, bool *female)
{
	if (!id12 || strlen(id12) != 12 || !all_digits(id12, 12))
		return -1;
	int b = id12[3] - '0';
	if (b > 3)
		return -1;
	if (female)
		*female = (b % 2) == 1;
	return 1900 + (b / 2) * 100 + (id12[4] - '0') * 10 + (id12[5] - '0');
}

mc_status mc_validate_id_number(const char *in, char out[MC_ID_NUMBER_SIZE],
                                bool *warn_unknown_prefix, mc_err *e)
{
	char v[64], buf[32];
	if (warn_unknown_prefix)
		*warn_unknown_prefix = false;
	if (!in || !strip_chars(in, " \t", buf, sizeof buf))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The ID number \"%s\" is too long; a personal ID has 12 digits "
		                    "and an old identity card 9."),
		                  shown(in, v));
	size_t n = strlen(buf);
	if (n == 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The ID number is empty; a personal ID has 12 digits and an old "
		                    "identity card 9."));
	if (!all_digits(buf, n))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The ID number \"%s\" may contain only digits; a personal ID has "
		                    "12 digits and an old identity card 9."),
		                  shown(in, v));
	if (n != 12 && n != 9)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The ID number \"%s\" has %d digits; a personal ID has 12 digits "
		                    "and an old identity card 9."),
		                  shown(in, v), (int)n);
	if (n == 12) {
		if (buf[3] > '3')
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("The ID number \"%s\" has %c as its 4th digit, which "
			                    "would mean a birth after 2099; the 4th digit of a "
			                    "personal ID is 0 to 3 for people born 1900 to 2099."),
			                  shown(in, v), buf[3]);
		if (warn_unknown_prefix)
			*warn_unknown_prefix = !mc_id_province_known(buf);
	}
	memcpy(out, buf, n + 1);
	return MC_OK;
}

/* ---- phone ------------------------------------------------------------- */

mc_status mc_validate_phone(const char *in, char out[MC_PHONE_SIZE], mc_err *e)
{
	char v[64], buf[32], num[32];
	if (!in || !strip_chars(in, " \t.-()", buf, sizeof buf))
		goto bad;
	const char *d = buf;
	if (d[0] == '+') {
		if (strncmp(d, "+84", 3) != 0)
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("The phone number \"%s\" is not a Vietnamese number; only "
			                    "+84 may be used as a country code."),
			                  shown(in, v));
		snprintf(num, sizeof num, "0%s", d + 3);
	} else if (strncmp(d, "84", 2) == 0 && all_digits(d, strlen(d)) &&
	           (strlen(d) == 11 || strlen(d) == 12)) {
		snprintf(num, sizeof num, "0%s", d + 2);
	} else {
		snprintf(num, sizeof num, "%s", d);
	}
	size_t n = strlen(num);
	if (!all_digits(num, n))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The phone number \"%s\" may contain only digits, spaces, dots, "
		                    "dashes and a leading +84."),
		                  shown(in, v));
	if (n == 10 && num[0] == '0' && num[1] != '\0' && strchr("35789", num[1]))
		goto ok;
	if (n == 11 && num[0] == '0' && num[1] == '2')
		goto ok;
bad:
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("The phone number \"%s\" is not valid: a mobile number has 10 digits "
	                    "starting with 03, 05, 07, 08 or 09, and a landline 11 digits starting "
	                    "with 02."),
	                  shown(in, v));
ok:
	memcpy(out, num, n + 1);
	return MC_OK;
}

/* ---- tax code ---------------------------------------------------------- */

mc_status mc_validate_tax_code(const char *in, char out[MC_TAX_CODE_SIZE], mc_err *e)
{
	char v[64], buf[32];
	if (!in || !strip_chars(in, " \t", buf, sizeof buf))
		goto bad;
	size_t n = strlen(buf);
	if ((n == 10 || n == 12) && all_digits(buf, n)) {
		memcpy(out, buf, n + 1);
		return MC_OK;
	}
	if (n == 14 && buf[10] == '-' && all_digits(buf, 10) && all_digits(buf + 11, 3)) {
		memcpy(out, buf, n + 1);
		return MC_OK;
	}
	if (n == 13 && all_digits(buf, 13)) { /* the same code written without its dash */
		memcpy(out, buf, 10);
		out[10] = '-';
		memcpy(out + 11, buf + 10, 3);
		out[14] = '\0';
		return MC_OK;
	}
bad:
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("The tax code \"%s\" is not valid: expected 10 digits, 10 digits with a "
	                    "dash and 3 more for a dependent unit, or a 12-digit personal ID."),
	                  shown(in, v));
}

/* ---- e-mail ------------------------------------------------------------ */

static bool domain_ok(const char *d, size_t n)
{
	size_t label = 0, dots = 0, last_dot = 0;
	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = d[i];
		if (c == '.') {
			if (label == 0 || d[i - 1] == '-')
				return false;
			label = 0;
			dots++;
			last_dot = i;
			continue;
		}
		bool alnum = is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		if (!alnum && !(c == '-' && label > 0))
			return false;
		if (++label > 63)
			return false;
	}
	if (dots == 0 || label == 0 || d[n - 1] == '-')
		return false;
	/* The top-level domain is at least two letters. */
	for (size_t i = last_dot + 1; i < n; i++)
		if (is_digit(d[i]))
			return false;
	return n - last_dot - 1 >= 2;
}

mc_status mc_validate_email(const char *in, char *out, size_t outsz, mc_err *e)
{
	char v[64];
	if (!in)
		in = "";
	const char *b = in, *end = in + strlen(in);
	while (*b == ' ' || *b == '\t')
		b++;
	while (end > b && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	size_t n = (size_t)(end - b);
	const char *at = memchr(b, '@', n);
	if (!at || at == b || n > 254 || (size_t)(at - b) > 64 || memchr(at + 1, '@', (size_t)(end - at - 1)))
		goto bad;
	for (const char *p = b; p < at; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= 0x20 || c == 0x7f || c >= 0x80 || strchr("\"(),:;<>[\\]", c))
			goto bad;
	}
	if (b[0] == '.' || at[-1] == '.' || !domain_ok(at + 1, (size_t)(end - at - 1)))
		goto bad;
	if (n + 1 > outsz)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		char c = b[i];
		if (b + i > at && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[i] = c;
	}
	out[n] = '\0';
	return MC_OK;
bad:
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("The e-mail address \"%s\" is not valid: expected the form "
	                    "name@example.gov.vn."),
	                  shown(in, v));
}

/* ---- agency identifier ------------------------------------------------- */

mc_status mc_validate_agency_code(const char *in, char out[14], mc_err *e)
{
	char v[64];
	static const char shape[] = "ddd.dd.dd.Ldd";
	if (!in || strlen(in) != 13)
		goto bad;
	for (int i = 0; i < 13; i++) {
		char c = in[i];
		switch (shape[i]) {
		case 'd':
			if (!is_digit(c))
				goto bad;
			break;
		case 'L':
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
				goto bad;
			break;
		default:
			if (c != '.')
				goto bad;
		}
	}
	memcpy(out, in, 14);
	if (out[10] >= 'a')
		out[10] = (char)(out[10] - 'a' + 'A');
	return MC_OK;
bad:
	return mc_err_set(e, MC_ERR_INVALID,
	                  _("The agency identifier \"%s\" is not valid: expected the form "
	                    "000.00.31.H29 (three digits, two, two, a capital letter and two "
	                    "digits)."),
	                  shown(in, v));
}

/* ---- dossier-code pattern ---------------------------------------------- */

enum ph { PH_AGENCY, PH_YYMMDD, PH_YYYY, PH_YY, PH_MM, PH_DD, PH_SEQ, PH_BAD };

/* Placeholder at p (which starts with '{'), its length in *len and N of {seq:N}. */
static enum ph placeholder(const char *p, size_t *len, int *digits)
{
	static const struct {
		const char *text;
		enum ph kind;
	} names[] = {
		{"{agency}", PH_AGENCY}, {"{yymmdd}", PH_YYMMDD}, {"{yyyy}", PH_YYYY},
		{"{yy}", PH_YY},         {"{mm}", PH_MM},         {"{dd}", PH_DD},
	};
	const char *close = strchr(p, '}');
	*len = close ? (size_t)(close - p) + 1 : strlen(p);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].text) == *len && strncmp(p, names[i].text, *len) == 0)
			return names[i].kind;
	if (close && *len == 7 && strncmp(p, "{seq:", 5) == 0 && p[5] >= '1' && p[5] <= '9') {
		*digits = p[5] - '0';
		return PH_SEQ;
	}
	if (close && strncmp(p, "{seq", 4) == 0) {
		*digits = 0;
		return PH_SEQ;
	}
	return PH_BAD;
}

static bool literal_ok(char c)
{
	return c > 0x20 && c < 0x7f && !strchr("{}/\\", c);
}

mc_status mc_validate_code_pattern(const char *pattern, mc_err *e)
{
	char v[64];
	int seq = 0;
	bool ymd = false, year = false, mm = false, dd = false;
	if (!pattern)
		pattern = "";
	for (const char *p = pattern; *p;) {
		if (*p != '{') {
			if (!literal_ok(*p)) {
				if (*p == '}')
					return mc_err_set(e, MC_ERR_INVALID,
					                  _("The code pattern \"%s\" has a \"}\" without "
					                    "its \"{\"."),
					                  shown(pattern, v));
				return mc_err_set(e, MC_ERR_INVALID,
				                  _("The code pattern \"%s\" contains a character that "
				                    "may not be used in a code; outside placeholders use "
				                    "letters, digits and visible punctuation other than "
				                    "braces, slashes and spaces."),
				                  shown(pattern, v));
			}
			p++;
			continue;
		}
		size_t len;
		int digits = 0;
		if (!strchr(p, '}'))
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("The code pattern \"%s\" has a \"{\" without its \"}\"."),
			                  shown(pattern, v));
		switch (placeholder(p, &len, &digits)) {
		case PH_AGENCY: break;
		case PH_YYMMDD: ymd = true; break;
		case PH_YYYY:
		case PH_YY: year = true; break;
		case PH_MM: mm = true; break;
		case PH_DD: dd = true; break;
		case PH_SEQ:
			if (digits == 0)
				return mc_err_set(e, MC_ERR_INVALID,
				                  _("The code pattern \"%s\": in {seq:N}, N must be the "
				                    "number of digits, from 1 to 9."),
				                  shown(pattern, v));
			seq++;
			break;
		case PH_BAD:
			return mc_err_set(e, MC_ERR_INVALID,
			                  _("The code pattern \"%s\" has an unknown placeholder \"%.*s\"; "
			                    "use {agency}, {yymmdd}, {yyyy}, {yy}, {mm}, {dd} or "
			                    "{seq:N}."),
			                  shown(pattern, v), (int)(len > 20 ? 20 : len), p);
		}
		p += len;
	}
	if (seq == 0)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The code pattern \"%s\" has no {seq:N}; the daily sequence number "
		                    "is required."),
		                  shown(pattern, v));
	if (seq > 1)
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The code pattern \"%s\" has more than one {seq:N}."),
		                  shown(pattern, v));
	if (!ymd && !(year && mm && dd))
		return mc_err_set(e, MC_ERR_INVALID,
		                  _("The code pattern \"%s\" has no full date; add {yymmdd} (or a year "
		                    "with {mm} and {dd}) because the sequence restarts every day."),
		                  shown(pattern, v));
	return MC_OK;
}

bool mc_code_pattern_uses_agency(const char *pattern)
{
	return pattern && strstr(pattern, "{agency}") != NULL;
}

mc_status mc_code_format(const char *pattern, const char *agency, int year, int month, int day,
                         long seq, char *out, size_t outsz, mc_err *e)
{
	char v[64];
	mc_status st = mc_validate_code_pattern(pattern, e);
	if (st != MC_OK)
		return st;
	if (outsz == 0)
		return mc_err_set(e, MC_ERR_RANGE, _("The dossier code for the pattern \"%s\" is too long."),
		                  shown(pattern, v));
	size_t w = 0;
	for (const char *p = pattern; *p;) {
		char piece[160];
		size_t len = 1;
		int digits = 0;
		if (*p != '{') {
			piece[0] = *p;
			piece[1] = '\0';
		} else {
			switch (placeholder(p, &len, &digits)) {
			case PH_AGENCY:
				snprintf(piece, sizeof piece, "%s", agency ? agency : "");
				break;
			case PH_YYMMDD:
				snprintf(piece, sizeof piece, "%02d%02d%02d", ((year % 100) + 100) % 100,
				         month, day);
				break;
			case PH_YYYY: snprintf(piece, sizeof piece, "%04d", year); break;
			case PH_YY: snprintf(piece, sizeof piece, "%02d", ((year % 100) + 100) % 100); break;
			case PH_MM: snprintf(piece, sizeof piece, "%02d", month); break;
			case PH_DD: snprintf(piece, sizeof piece, "%02d", day); break;
			case PH_SEQ: {
				long limit = 1;
				for (int i = 0; i < digits; i++)
					limit *= 10;
				if (seq < 1 || seq >= limit)
					return mc_err_set(e, MC_ERR_RANGE,
					                  _("The sequence number %ld does not fit in the %d "
					                    "digits of the code pattern \"%s\"."),
					                  seq, digits, shown(pattern, v));
				snprintf(piece, sizeof piece, "%0*ld", digits, seq);
				break;
			}
			case PH_BAD: piece[0] = '\0'; break;
			}
		}
		size_t k = strlen(piece);
		if (w + k + 1 > outsz)
			return mc_err_set(e, MC_ERR_RANGE,
			                  _("The dossier code for the pattern \"%s\" is too long."),
			                  shown(pattern, v));
		memcpy(out + w, piece, k);
		w += k;
		p += len;
	}
	out[w] = '\0';
	return MC_OK;
}
