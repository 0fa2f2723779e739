/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the typed field validators (src/core/validate.c): the
 * same text goes through the ID number, phone, tax code, e-mail, agency code
 * and dossier-code pattern validators. Each either accepts it with a
 * normalised value of the documented shape, or refuses it with one sentence;
 * an accepted pattern is then expanded (mc_code_format) into buffers of
 * several sizes, which must never overflow.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "motcua/validate.h"
#include "fuzz_util.h"

static bool digits_only(const char *s)
{
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = fuzz_cstr(data, size);
	mc_err e;
	mc_status st;

	char id[MC_ID_NUMBER_SIZE];
	bool warn = false;
	mc_err_clear(&e);
	st = mc_validate_id_number(text, id, &warn, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		size_t n = strlen(id);
		if ((n != 12 && n != 9) || !digits_only(id))
			__builtin_trap();
		if (n == 12) {
			bool female;
			int y = mc_id_birth_year(id, &female);
			if (y < 1900 || y > 2099)
				__builtin_trap();
		}
	}
	(void)mc_id_province_known(text);
	(void)mc_id_birth_year(text, NULL);

	char phone[MC_PHONE_SIZE];
	mc_err_clear(&e);
	st = mc_validate_phone(text, phone, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK && (strlen(phone) < 10 || strlen(phone) > 11 || !digits_only(phone)))
		__builtin_trap();

	char tax[MC_TAX_CODE_SIZE];
	mc_err_clear(&e);
	st = mc_validate_tax_code(text, tax, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK && !memchr(tax, '\0', sizeof tax))
		__builtin_trap();

	char mail[MC_EMAIL_SIZE], tiny[6];
	mc_err_clear(&e);
	st = mc_validate_email(text, mail, sizeof mail, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK && strchr(mail, '@') == NULL)
		__builtin_trap();
	mc_err_clear(&e);
	fuzz_check_refusal(mc_validate_email(text, tiny, sizeof tiny, &e), &e);

	char agency[14];
	mc_err_clear(&e);
	st = mc_validate_agency_code(text, agency, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK && strlen(agency) != 13)
		__builtin_trap();

	mc_err_clear(&e);
	st = mc_validate_code_pattern(text, &e);
	fuzz_check_refusal(st, &e);
	if (st == MC_OK) {
		(void)mc_code_pattern_uses_agency(text);
		static const size_t sizes[] = {1, 8, 24, 64, 512};
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			char *out = malloc(sizes[i]);
			if (!out)
				abort();
			long seq = (long)(size * 7919 % 1000003);
			mc_err_clear(&e);
			st = mc_code_format(text, "000.00.31.H29", 2026, 12, 31, seq, out, sizes[i],
			                    &e);
			fuzz_check_refusal(st, &e);
			if (st == MC_OK && strlen(out) >= sizes[i])
				__builtin_trap();
			mc_err_clear(&e);
			st = mc_code_format(text, "", -1, 0, 0, -5, out, sizes[i], &e);
			fuzz_check_refusal(st, &e);
			free(out);
		}
	}
	free(text);
	return 0;
}
